package ast

import (
	enc "encoding/binary"
	"math"
	"reflect"
	"strconv"
	"time"

	"github.com/seed13bb6a42/strata/types"
)

// A KeyWriter encodes the shape of a tree: every kind, operator, name, type, literal
// and list length, but no bound value. Two trees with equal encodings compile to the
// same SQL on every dialect, which is what lets a compiled plan be cached by shape.
// The same walk collects the bound values, in a fixed order that compiled plans
// refer to by index.
//
// A KeyWriter is reused by resetting it; it is not safe for concurrent use.
type KeyWriter struct {
	Buf    []byte // the encoding
	Values []any  // bound values, in walk order; an expanding list contributes each element
	// Lists gives the values of deferred expanding parameters (ast.Named(…).AsExpanding()),
	// whose length is part of the shape.
	Lists map[string]any
	// RecordParams makes the walk record each bound parameter in Params, at the index of
	// its first value, for compilers that map placeholders to values.
	RecordParams bool
	Params       []ParamRef
	// Fingerprint says values are never written into the text (the compiler's
	// Fingerprint flag): even parts normally rendered inline stay out of the key.
	Fingerprint bool
	// Uncacheable is set when the tree holds a node that does not encode its shape (a
	// custom node without AppendKey, an Invalid node) or a literal of unknown type.
	Uncacheable bool

	seen   []any // Alias and CTE identities encoded so far, for back-references
	exact  bool  // encoding for Equal: uncacheable parts are encoded by identity
	inline int   // >0 inside parts compilers always render inline (a conflict target's predicate)

	// Named records, for each bound parameter with a name, the index of its value, so
	// that a cache hit can still refuse one name bound to two different values.
	Named []NamedRef
}

// A NamedRef locates the value of a named bound parameter in KeyWriter.Values.
type NamedRef struct {
	Name  string
	Index int
}

// A ParamRef records where a bound parameter's value sits in KeyWriter.Values.
type ParamRef struct {
	P     *BindParam
	Index int // index of its value, or of its first element when expanding
}

// A KeyAppender is a custom node that opts in to plan caching by encoding its shape:
// its kind is written already; it writes its own fields with the KeyWriter's methods
// and its children with Node. A custom node without the method makes every statement
// that contains it uncacheable (compiled each time), never wrongly cached.
type KeyAppender interface {
	AppendKey(k *KeyWriter)
}

// Reset empties the writer for another tree, keeping its buffers.
func (k *KeyWriter) Reset() {
	clear(k.Values)
	clear(k.Params)
	clear(k.seen)
	*k = KeyWriter{Buf: k.Buf[:0], Values: k.Values[:0], Params: k.Params[:0], seen: k.seen[:0], Named: k.Named[:0], Lists: k.Lists, RecordParams: k.RecordParams, Fingerprint: k.Fingerprint}
}

// Int appends an integer.
func (k *KeyWriter) Int(i int) { k.Buf = enc.AppendVarint(k.Buf, int64(i)) }

// Byte appends one byte.
func (k *KeyWriter) Byte(b byte) { k.Buf = append(k.Buf, b) }

// Str appends a length-prefixed string.
func (k *KeyWriter) Str(s string) {
	k.Buf = enc.AppendUvarint(k.Buf, uint64(len(s)))
	k.Buf = append(k.Buf, s...)
}

func (k *KeyWriter) bool(b bool) {
	if b {
		k.Buf = append(k.Buf, 1)
	} else {
		k.Buf = append(k.Buf, 0)
	}
}

// Type appends a type's encoding.
func (k *KeyWriter) Type(t *types.Type) {
	if t == nil {
		k.Buf = append(k.Buf, 0xff)
		return
	}
	k.Buf = t.AppendKey(k.Buf)
}

// Node appends n's encoding (nil included) and collects its bound values.
func (k *KeyWriter) Node(n Node) {
	if n == nil || isNilNode(n) {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.Buf = enc.AppendUvarint(k.Buf, uint64(n.Kind())+1)
	k.node(n)
}

func isNilNode(n Node) bool {
	switch x := n.(type) { // the common kinds without reflection
	case *Column:
		return x == nil
	case *BindParam:
		return x == nil
	case *Table:
		return x == nil
	case *Alias:
		return x == nil
	case *Binary:
		return x == nil
	case *Bool:
		return x == nil
	case *Func:
		return x == nil
	case *InExpr:
		return x == nil
	case *Order:
		return x == nil
	case *LimitClause:
		return x == nil
	case *Join:
		return x == nil
	case *Label:
		return x == nil
	case *Literal:
		return x == nil
	case SelectStmt, CompoundStmt, InsertStmt, UpdateStmt, DeleteStmt:
		return false
	}
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// nodeList writes the length of ns and then each node: the shape of every list of
// child nodes (select items, FROM items, ORDER BY terms, CTEs).
func nodeList[N Node](k *KeyWriter, ns []N) {
	k.Int(len(ns))
	for _, n := range ns {
		k.Node(n)
	}
}

func (k *KeyWriter) strs(ss []string) {
	k.Int(len(ss))
	for _, s := range ss {
		k.Str(s)
	}
}

func (k *KeyWriter) sets(as []Assignment) {
	k.Int(len(as))
	for _, a := range as {
		k.Node(a.Col)
		k.Node(a.Value)
	}
}

// backRef writes a reference to an identity encoded before and reports true, or
// records id and reports false so that the caller encodes it in full.
func (k *KeyWriter) backRef(id any) bool {
	for i, s := range k.seen {
		if s == id {
			k.Buf = append(k.Buf, 1)
			k.Int(i)
			return true
		}
	}
	k.seen = append(k.seen, id)
	k.Buf = append(k.Buf, 0)
	return false
}

func (k *KeyWriter) param(p *BindParam) {
	k.Str(p.Name)
	k.Type(p.Type)
	k.bool(p.Deferred)
	k.bool(p.Expanding)
	if p.Expanding {
		v := p.Value
		if p.Deferred {
			v = k.Lists[p.Name]
		}
		rv := reflect.ValueOf(v)
		if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
			k.Uncacheable = true // the compiler reports the error
			if !p.Deferred {
				k.Values = append(k.Values, v)
			}
			return
		}
		n := rv.Len()
		k.Int(n)
		if k.inline > 0 && !k.Fingerprint {
			// Rendered into the text element by element: the values are shape.
			for i := 0; i < n; i++ {
				el := rv.Index(i).Interface()
				if tv, ok := el.([]any); ok {
					k.Int(len(tv))
					for _, v := range tv {
						k.literal(v)
					}
					continue
				}
				k.literal(el)
			}
			return
		}
		if k.RecordParams {
			k.Params = append(k.Params, ParamRef{P: p, Index: len(k.Values)})
		}
		for i := 0; i < n; i++ {
			el := rv.Index(i).Interface()
			if tv, ok := el.([]any); ok { // a list of tuples: each tuple's width is shape
				k.Int(len(tv))
				k.Values = append(k.Values, tv...)
				continue
			}
			k.Values = append(k.Values, el)
		}
		return
	}
	if p.Deferred {
		return
	}
	if k.inline > 0 && !k.Fingerprint {
		// Rendered into the text, so part of the shape: two values, two plans.
		k.Byte('=')
		k.literal(p.Value)
		return
	}
	if k.RecordParams {
		k.Params = append(k.Params, ParamRef{P: p, Index: len(k.Values)})
	}
	if p.Name != "" {
		k.Named = append(k.Named, NamedRef{Name: p.Name, Index: len(k.Values)})
	}
	k.Values = append(k.Values, p.Value)
}

// literal encodes a value that is written into the SQL text.
func (k *KeyWriter) literal(v any) {
	switch x := v.(type) {
	case nil:
		k.Byte('n')
	case bool:
		k.Byte('b')
		k.bool(x)
	case int:
		k.Byte('i')
		k.Int(x)
	case int64:
		k.Byte('i')
		k.Buf = enc.AppendVarint(k.Buf, x)
	case int32:
		k.Byte('i')
		k.Int(int(x))
	case float64:
		k.Byte('f')
		k.Buf = enc.LittleEndian.AppendUint64(k.Buf, math.Float64bits(x))
	case float32:
		k.Byte('g')
		k.Buf = enc.LittleEndian.AppendUint32(k.Buf, math.Float32bits(x))
	case string:
		k.Byte('s')
		k.Str(x)
	case []byte:
		k.Byte('x')
		k.Str(string(x))
	case time.Time:
		k.Byte('t')
		k.Str(x.Format(time.RFC3339Nano))
	default:
		rv := reflect.ValueOf(v)
		switch rv.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			k.Byte('i')
			k.Buf = enc.AppendVarint(k.Buf, rv.Int())
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			k.Byte('u')
			k.Buf = enc.AppendUvarint(k.Buf, rv.Uint())
		case reflect.String:
			k.Byte('s')
			k.Str(rv.String())
		default:
			k.Uncacheable = true
			if k.exact {
				k.Values = append(k.Values, v)
			}
		}
	}
}

func (k *KeyWriter) window(w *Window) {
	k.Str(w.Name)
	k.Str(w.Ref)
	nodeList(k, w.PartitionBy)
	nodeList(k, w.OrderBy)
	if f := w.Frame; f != nil {
		k.Buf = append(k.Buf, 1, byte(f.Mode), byte(f.Start.Type), byte(f.End.Type), byte(f.Exclude))
		k.Node(f.Start.Offset)
		k.Node(f.End.Offset)
	} else {
		k.Buf = append(k.Buf, 0)
	}
}

func (k *KeyWriter) node(n Node) {
	switch x := n.(type) {
	case *Column:
		k.Node(x.From)
		if x.keyTail != "" {
			k.Buf = append(k.Buf, x.keyTail...)
		} else {
			k.columnTail(x)
		}
	case *Star:
		k.Node(x.From)
	case *BindParam:
		k.param(x)
	case *Literal:
		k.literal(x.Value)
		k.Type(x.Type)
	case *Unary:
		k.Byte(byte(x.Op))
		k.Node(x.X)
	case *Binary:
		k.Byte(byte(x.Op))
		k.Str(x.Custom)
		k.Node(x.L)
		k.Node(x.R)
	case *Bool:
		k.Byte(byte(x.Op))
		nodeList(k, x.Items)
	case *LikeExpr:
		k.Str(x.Escape)
		k.bool(x.Not)
		k.bool(x.Fold)
		k.Node(x.X)
		k.Node(x.Pattern)
	case *BetweenExpr:
		k.bool(x.Not)
		k.Node(x.X)
		k.Node(x.Lo)
		k.Node(x.Hi)
	case *InExpr:
		k.bool(x.Not)
		k.Node(x.X)
		nodeList(k, x.List)
		k.Node(x.Query)
	case *Func:
		k.Str(x.Name)
		k.Byte(byte(x.ID))
		k.bool(x.Star)
		k.bool(x.Distinct)
		k.Type(x.Type)
		nodeList(k, x.Args)
		k.Node(x.Filter)
		nodeList(k, x.WithinGroup)
		k.Node(x.Window)
	case *CastExpr:
		k.Type(x.Type)
		k.Node(x.X)
	case *CaseExpr:
		k.Node(x.Operand)
		k.Int(len(x.Whens))
		for _, w := range x.Whens {
			k.Node(w.Cond)
			k.Node(w.Result)
		}
		k.Node(x.Else)
	case *CollateExpr:
		k.Str(x.Collation)
		k.Node(x.X)
	case *TupleExpr:
		nodeList(k, x.Items)
	case *Scalar:
		k.Node(x.Query)
	case *ExistsExpr:
		k.bool(x.Not)
		k.Node(x.Query)
	case *Quantified:
		k.Byte(byte(x.Op))
		k.Node(x.Query)
	case *Label:
		k.Str(x.Name)
		k.Node(x.X)
	case *ExtractExpr:
		k.Str(string(x.Field))
		k.Node(x.X)
	case *ExcludedExpr:
		k.Node(x.Col)
	case *Default:
	case *GroupingSet:
		k.Byte(byte(x.Op))
		k.Int(len(x.Sets))
		for _, s := range x.Sets {
			nodeList(k, s)
		}
	case *Order:
		k.bool(x.Desc)
		k.Byte(byte(x.Nulls))
		k.Node(x.X)
	case *Window:
		k.window(x)
	case *LimitClause:
		k.bool(x.Fetch)
		k.bool(x.WithTies)
		k.Node(x.Limit)
		k.Node(x.Offset)
	case *Lock:
		k.Byte(byte(x.Strength))
		k.Byte(byte(x.Wait))
		nodeList(k, x.Of)
	case *OnConflict:
		nodeList(k, x.Target)
		k.Str(x.Constraint)
		k.inline++ // compilers render the partial-index predicate with its values inline
		k.Node(x.TargetWhere)
		k.inline--
		k.bool(x.DoNothing)
		k.sets(x.Set)
		k.Node(x.Where)
	case *Table:
		// Every column reference names its table: after the first, a back-reference
		// stands for the table's (long) fragment.
		if !k.backRef(x) {
			k.table(x)
		}
	case *Alias:
		if k.backRef(x) {
			return
		}
		if x.keyFrag != "" {
			k.Buf = append(k.Buf, x.keyFrag...)
		} else {
			k.aliasBody(x)
		}
	case *Join:
		k.Byte(byte(x.Type))
		k.Node(x.Left)
		k.Node(x.Right)
		k.Node(x.On)
		k.Node(x.Extra)
	case *CTE:
		if k.backRef(x.id) {
			k.bool(x.Body != nil)
			return
		}
		k.Str(x.Name)
		k.strs(x.Columns)
		k.bool(x.Recursive)
		k.Byte(byte(x.Materialized))
		k.Node(x.Body)
	case *ValuesList:
		k.Int(len(x.Rows))
		for _, r := range x.Rows {
			nodeList(k, r)
		}
	case SelectStmt:
		p := &x.p
		nodeList(k, p.With)
		k.bool(p.Distinct)
		nodeList(k, p.DistinctOn)
		nodeList(k, p.Columns)
		nodeList(k, p.From)
		k.Node(p.Where)
		nodeList(k, p.GroupBy)
		k.Node(p.Having)
		nodeList(k, p.Windows)
		nodeList(k, p.OrderBy)
		k.Node(p.Limit)
		k.Node(p.Lock)
		k.Byte(byte(p.Correlation))
		nodeList(k, p.Correlate)
		k.Int(len(p.Clauses))
		for _, cl := range p.Clauses {
			k.Byte(byte(cl.Pos))
			k.Node(cl.Node)
		}
	case CompoundStmt:
		p := &x.p
		nodeList(k, p.With)
		k.Byte(byte(p.Op))
		nodeList(k, p.Members)
		nodeList(k, p.OrderBy)
		k.Node(p.Limit)
	case InsertStmt:
		p := &x.p
		nodeList(k, p.With)
		k.Node(p.Table)
		k.bool(p.Columns != nil)
		nodeList(k, p.Columns)
		k.Int(len(p.Rows))
		for _, r := range p.Rows {
			nodeList(k, r)
		}
		k.Node(p.Query)
		k.bool(p.DefaultValues)
		k.Node(p.OnConflict)
		nodeList(k, p.Returning)
	case UpdateStmt:
		p := &x.p
		nodeList(k, p.With)
		k.Node(p.Table)
		k.sets(p.Set)
		nodeList(k, p.From)
		k.Node(p.Where)
		nodeList(k, p.OrderBy)
		k.Node(p.Limit)
		nodeList(k, p.Returning)
	case DeleteStmt:
		p := &x.p
		nodeList(k, p.With)
		k.Node(p.Table)
		nodeList(k, p.Using)
		k.Node(p.Where)
		nodeList(k, p.OrderBy)
		k.Node(p.Limit)
		nodeList(k, p.Returning)
	case *TextClause:
		k.Str(x.SQL)
		nodeList(k, x.Binds)
		k.Int(len(x.Columns))
		for _, c := range x.Columns {
			k.Str(c.Name)
			k.Type(c.Type)
		}
	case KeyAppender:
		x.AppendKey(k)
	case *Invalid:
		k.Uncacheable = true
		if k.exact {
			k.Str(x.Err.Error())
		}
	default: // custom nodes that do not opt in
		k.Uncacheable = true
		if k.exact {
			k.Values = append(k.Values, n) // equal only to itself
		}
	}
}

// columnTail encodes what follows a column's FROM item.
func (k *KeyWriter) columnTail(c *Column) {
	k.Str(c.Name)
	k.Type(c.Type)
	k.bool(c.Missing)
}

// columnTail returns a column's encoding after its FROM item, computed once for the
// columns of declared tables and their aliases.
func columnTail(c *Column) string {
	var w KeyWriter
	w.columnTail(c)
	return string(w.Buf)
}

// aliasBody encodes an alias after its back-reference mark.
func (k *KeyWriter) aliasBody(a *Alias) {
	k.Str(a.Name)
	k.strs(a.Columns)
	k.bool(a.Lateral)
	k.Node(a.Of)
}

// table encodes a table from a fragment computed once per table, since every
// statement refers to its tables and their declared columns shape INSERT and *.
func (k *KeyWriter) table(t *Table) {
	frag := t.keyFrag
	if frag == "" {
		frag = tableKey(t)
	}
	k.Buf = append(k.Buf, frag...)
}

func tableKey(t *Table) string {
	var w KeyWriter
	w.Str(t.Schema)
	w.Str(t.Name)
	w.bool(t.Columns != nil)
	w.Int(len(t.Columns))
	for _, c := range t.Columns {
		w.Str(c.Name)
		w.Type(c.Type)
	}
	return string(w.Buf)
}

// Equal reports whether a and b are the same tree: the same shape, names, types and
// literal values, and equal bound values. Two trees that are Equal compile to the same
// SQL and arguments.
func Equal(a, b Node) bool {
	ka, kb := KeyWriter{exact: true}, KeyWriter{exact: true}
	ka.Node(a)
	kb.Node(b)
	if string(ka.Buf) != string(kb.Buf) || len(ka.Values) != len(kb.Values) {
		return false
	}
	for i := range ka.Values {
		if !sameValue(ka.Values[i], kb.Values[i]) {
			return false
		}
	}
	return true
}

func sameValue(a, b any) bool {
	if na, ok := a.(Node); ok { // custom nodes compared by identity (see KeyWriter.exact)
		nb, ok := b.(Node)
		if !ok || reflect.TypeOf(na) != reflect.TypeOf(nb) || !reflect.TypeOf(na).Comparable() {
			return false
		}
		return na == nb
	}
	if fa, ok := a.(float64); ok {
		fb, ok := b.(float64)
		return ok && math.Float64bits(fa) == math.Float64bits(fb)
	}
	if ta, ok := a.(time.Time); ok {
		tb, ok := b.(time.Time)
		return ok && ta.Equal(tb) && ta.Location().String() == tb.Location().String()
	}
	return reflect.DeepEqual(a, b)
}

// NamedConflict reports a name bound to two different values among the walked
// parameters, which compiling refuses; "" when there is none.
func (k *KeyWriter) NamedConflict() string {
	for i := 1; i < len(k.Named); i++ {
		for j := 0; j < i; j++ {
			a, b := k.Named[i], k.Named[j]
			if a.Name == b.Name && !sameValue(k.Values[a.Index], k.Values[b.Index]) {
				return a.Name
			}
		}
	}
	return ""
}

// String returns a readable form of the key, for debugging.
func (k *KeyWriter) String() string { return strconv.Quote(string(k.Buf)) }
