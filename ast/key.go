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
	// ListsUsed is set when the walk read Lists: the key depends on values given at
	// execution, not on the tree alone.
	ListsUsed bool

	// Tables, aliases and CTE identities encoded so far, for back-references.
	tables  []*Table
	aliases []*Alias
	cteIDs  []*cteID

	exact  bool // encoding for Equal: uncacheable parts are encoded by identity
	inline int  // >0 inside parts compilers always render inline (a conflict target's predicate)
	custom bool // set by Custom.appendKey: the node just visited is declared outside this package
	broken bool // Root recovered from a panic

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
	clear(k.tables)
	clear(k.aliases)
	clear(k.cteIDs)
	*k = KeyWriter{
		Buf: k.Buf[:0], Values: k.Values[:0], Params: k.Params[:0], Named: k.Named[:0],
		tables: k.tables[:0], aliases: k.aliases[:0], cteIDs: k.cteIDs[:0],
		Lists: k.Lists, RecordParams: k.RecordParams, Fingerprint: k.Fingerprint,
	}
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
	if t.Plain() {
		k.Buf = append(k.Buf, byte(t.Kind), 0) // what AppendKey writes for it
		return
	}
	if (t.Decorator != nil || t.Elem != nil) && !t.Keyable() {
		k.Uncacheable = true
	}
	k.Buf = t.AppendKey(k.Buf)
}

// Node appends n's encoding (nil included) and collects its bound values.
//
// Every built-in node encodes itself (its appendKey method): one dynamic call per
// node, no type switch and no conversion between interface types on the way down,
// which is what keeps a cache hit cheaper than compiling.
func (k *KeyWriter) Node(n Node) {
	if n == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	n.appendKey(k)
	if k.custom {
		k.custom = false
		k.customNode(n)
	}
}

// The same as Node for the interface types fields are declared with, so that walking
// a child never converts it to another interface type (a runtime itab lookup).

func (k *KeyWriter) expr(e Expr) {
	if e == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	e.appendKey(k)
	if k.custom {
		k.custom = false
		k.customNode(e)
	}
}

func (k *KeyWriter) from(f FromItem) {
	if f == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	f.appendKey(k)
	if k.custom {
		k.custom = false
		k.customNode(f)
	}
}

func (k *KeyWriter) stmt(s Stmt) {
	if s == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	s.appendKey(k)
	if k.custom {
		k.custom = false
		k.customNode(s)
	}
}

// Root encodes n as the whole of a key. A custom node whose methods panic (a typed
// nil pointer to a type embedding Custom cannot even report its Kind) makes the key
// Uncacheable instead of crashing the walk, so that compiling reports the problem.
func (k *KeyWriter) Root(n Node) {
	defer func() {
		if r := recover(); r != nil {
			k.Uncacheable, k.broken = true, true
		}
	}()
	k.Node(n)
}

// customNode encodes a node declared outside this package, after its Custom's
// appendKey has flagged it.
func (k *KeyWriter) customNode(n Node) {
	if isNilNode(n) {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.Buf = enc.AppendUvarint(k.Buf, uint64(n.Kind())+1)
	if x, ok := n.(KeyAppender); ok {
		x.AppendKey(k)
		return
	}
	k.Uncacheable = true // a custom node that does not opt in
	if k.exact {
		k.Values = append(k.Values, n) // equal only to itself
	}
}

func isNilNode(n Node) bool {
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// head writes a built-in node's kind (every built-in kind encodes in one byte).
func (k *KeyWriter) head(kind Kind) { k.Buf = append(k.Buf, byte(kind)+1) }

// opaque encodes a node that has no shape encoding (DDL statements): the statement
// is compiled each time.
func (k *KeyWriter) opaque(n Node, kind Kind) {
	if isNilNode(n) {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(kind)
	k.Uncacheable = true
	if k.exact {
		k.Values = append(k.Values, n)
	}
}

func (k *KeyWriter) exprs(es []Expr) {
	k.Int(len(es))
	for _, e := range es {
		k.expr(e)
	}
}

func (k *KeyWriter) froms(fs []FromItem) {
	k.Int(len(fs))
	for _, f := range fs {
		k.from(f)
	}
}

func (k *KeyWriter) orders(os []*Order) {
	k.Int(len(os))
	for _, o := range os {
		o.appendKey(k)
	}
}

func (k *KeyWriter) ctes(cs []*CTE) {
	k.Int(len(cs))
	for _, c := range cs {
		c.appendKey(k)
	}
}

func (k *KeyWriter) rows(rs [][]Expr) {
	k.Int(len(rs))
	for _, r := range rs {
		k.exprs(r)
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
		a.Col.appendKey(k)
		k.expr(a.Value)
	}
}

// seenTable writes a back-reference to a table encoded before and reports true, or
// records t and reports false so that the caller encodes it in full. Tables,
// aliases and CTEs are numbered separately; the kind written before tells which.
func (k *KeyWriter) seenTable(t *Table) bool {
	for i, s := range k.tables {
		if s == t {
			k.Buf = append(k.Buf, 1)
			k.Int(i)
			return true
		}
	}
	k.tables = append(k.tables, t)
	k.Buf = append(k.Buf, 0)
	return false
}

func (k *KeyWriter) seenAlias(a *Alias) bool {
	for i, s := range k.aliases {
		if s == a {
			k.Buf = append(k.Buf, 1)
			k.Int(i)
			return true
		}
	}
	k.aliases = append(k.aliases, a)
	k.Buf = append(k.Buf, 0)
	return false
}

func (k *KeyWriter) seenCTE(id *cteID) bool {
	for i, s := range k.cteIDs {
		if s == id {
			k.Buf = append(k.Buf, 1)
			k.Int(i)
			return true
		}
	}
	k.cteIDs = append(k.cteIDs, id)
	k.Buf = append(k.Buf, 0)
	return false
}

func (k *KeyWriter) param(p *BindParam) {
	k.Str(p.Name)
	k.Type(p.Type)
	k.bool(p.Deferred)
	k.bool(p.Expanding)
	if p.Expanding {
		k.expanding(p)
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

func (k *KeyWriter) expanding(p *BindParam) {
	v := p.Value
	if p.Deferred {
		v = k.Lists[p.Name]
		k.ListsUsed = true
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

// The appendKey methods: each writes its kind, its own fields and its children.
// A typed nil pointer encodes as a nil child.

func (x *Invalid) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindInvalid)
	k.Uncacheable = true
	if k.exact {
		k.Str(x.Err.Error())
	}
}

func (x *Column) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	if t, ok := x.From.(*Table); ok && t != nil {
		// The common case, without a dynamic call: a column of a table, most often
		// one named before, which takes one append for what seenTable would write.
		if x.keyTail != "" {
			for i, s := range k.tables {
				if s == t && i < 64 {
					k.Buf = append(k.Buf, byte(KindColumn)+1, byte(KindTable)+1, 1, byte(i<<1)) // Int(i) as a one-byte varint
					k.Buf = append(k.Buf, x.keyTail...)
					return
				}
			}
		}
		k.Buf = append(k.Buf, byte(KindColumn)+1, byte(KindTable)+1)
		if !k.seenTable(t) {
			k.table(t)
		}
	} else if a, ok := x.From.(*Alias); ok && a != nil && x.keyTail != "" {
		// A column of a table's alias (usersU.C("id")), the same way.
		for i, s := range k.aliases {
			if s == a && i < 64 {
				k.Buf = append(k.Buf, byte(KindColumn)+1, byte(KindAlias)+1, 1, byte(i<<1))
				k.Buf = append(k.Buf, x.keyTail...)
				return
			}
		}
		k.head(KindColumn)
		a.appendKey(k)
	} else {
		k.head(KindColumn)
		k.from(x.From)
	}
	if x.keyTail != "" {
		k.Buf = append(k.Buf, x.keyTail...)
	} else {
		k.columnTail(x)
	}
}

func (x *Star) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindStar)
	k.from(x.From)
}

func (x *BindParam) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindParam)
	k.param(x)
}

func (x *Literal) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindLiteral)
	k.literal(x.Value)
	k.Type(x.Type)
}

func (x *Unary) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.Buf = append(k.Buf, byte(KindUnary)+1, byte(x.Op))
	k.expr(x.X)
}

func (x *Binary) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.Buf = append(k.Buf, byte(KindBinary)+1, byte(x.Op))
	k.Str(x.Custom)
	k.expr(x.L)
	k.expr(x.R)
}

func (x *Bool) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.Buf = append(k.Buf, byte(KindBool)+1, byte(x.Op))
	k.exprs(x.Items)
}

func (x *LikeExpr) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindLike)
	k.Str(x.Escape)
	k.bool(x.Not)
	k.bool(x.Fold)
	k.expr(x.X)
	k.expr(x.Pattern)
}

func (x *BetweenExpr) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindBetween)
	k.bool(x.Not)
	k.expr(x.X)
	k.expr(x.Lo)
	k.expr(x.Hi)
}

func (x *InExpr) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindIn)
	k.bool(x.Not)
	k.expr(x.X)
	k.exprs(x.List)
	k.stmt(x.Query)
}

func (x *Func) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindFunc)
	k.Str(x.Name)
	k.Buf = append(k.Buf, byte(x.ID))
	k.bool(x.Star)
	k.bool(x.Distinct)
	k.Type(x.Type)
	k.exprs(x.Args)
	k.expr(x.Filter)
	k.orders(x.WithinGroup)
	x.Window.appendKey(k)
}

func (x *CastExpr) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindCast)
	k.Type(x.Type)
	k.expr(x.X)
}

func (x *CaseExpr) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindCase)
	k.expr(x.Operand)
	k.Int(len(x.Whens))
	for _, w := range x.Whens {
		k.expr(w.Cond)
		k.expr(w.Result)
	}
	k.expr(x.Else)
}

func (x *CollateExpr) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindCollate)
	k.Str(x.Collation)
	k.expr(x.X)
}

func (x *TupleExpr) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindTuple)
	k.exprs(x.Items)
}

func (x *Scalar) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindScalar)
	k.stmt(x.Query)
}

func (x *ExistsExpr) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindExists)
	k.bool(x.Not)
	k.stmt(x.Query)
}

func (x *Quantified) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.Buf = append(k.Buf, byte(KindQuantified)+1, byte(x.Op))
	k.stmt(x.Query)
}

func (x *Label) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindLabel)
	k.Str(x.Name)
	k.expr(x.X)
}

func (x *ExtractExpr) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindExtract)
	k.Str(string(x.Field))
	k.expr(x.X)
}

func (x *ExcludedExpr) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindExcluded)
	x.Col.appendKey(k)
}

func (x *Default) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindDefault)
}

func (x *GroupingSet) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.Buf = append(k.Buf, byte(KindGroupingSet)+1, byte(x.Op))
	k.Int(len(x.Sets))
	for _, s := range x.Sets {
		k.exprs(s)
	}
}

func (x *Order) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindOrder)
	k.bool(x.Desc)
	k.Byte(byte(x.Nulls))
	k.expr(x.X)
}

func (x *Window) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindWindow)
	k.Str(x.Name)
	k.Str(x.Ref)
	k.exprs(x.PartitionBy)
	k.orders(x.OrderBy)
	if f := x.Frame; f != nil {
		k.Buf = append(k.Buf, 1, byte(f.Mode), byte(f.Start.Type), byte(f.End.Type), byte(f.Exclude))
		k.expr(f.Start.Offset)
		k.expr(f.End.Offset)
	} else {
		k.Buf = append(k.Buf, 0)
	}
}

func (x *LimitClause) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindLimit)
	k.bool(x.Fetch)
	k.bool(x.WithTies)
	k.expr(x.Limit)
	k.expr(x.Offset)
}

func (x *Lock) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.Buf = append(k.Buf, byte(KindLock)+1, byte(x.Strength), byte(x.Wait))
	k.froms(x.Of)
}

func (x *OnConflict) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindOnConflict)
	k.Int(len(x.Target))
	for _, c := range x.Target {
		c.appendKey(k)
	}
	k.Str(x.Constraint)
	k.inline++ // compilers render the partial-index predicate with its values inline
	k.expr(x.TargetWhere)
	k.inline--
	k.bool(x.DoNothing)
	k.sets(x.Set)
	k.expr(x.Where)
}

func (x *Table) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	// Every column reference names its table: after the first, a back-reference
	// stands for the table's (long) fragment.
	k.head(KindTable)
	if !k.seenTable(x) {
		k.table(x)
	}
}

func (x *Alias) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindAlias)
	if k.seenAlias(x) {
		return
	}
	if x.keyFrag != "" {
		k.Buf = append(k.Buf, x.keyFrag...)
	} else {
		k.aliasBody(x)
	}
}

func (x *Join) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.Buf = append(k.Buf, byte(KindJoin)+1, byte(x.Type))
	k.from(x.Left)
	k.from(x.Right)
	k.expr(x.On)
	k.Node(x.Extra)
}

func (x *CTE) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindCTE)
	if k.seenCTE(x.id) {
		k.bool(x.Body != nil)
		return
	}
	k.Str(x.Name)
	k.strs(x.Columns)
	k.bool(x.Recursive)
	k.Byte(byte(x.Materialized))
	k.stmt(x.Body)
}

func (x *ValuesList) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindValues)
	k.rows(x.Rows)
}

// The parts of a SELECT that are often empty, as bits of one mask written before
// them: an absent part costs nothing more.
const (
	selWith = 1 << iota
	selDistinct
	selDistinctOn
	selFrom
	selWhere
	selGroupBy
	selHaving
	selWindows
	selOrderBy
	selLimit
	selLock
	selCorrelate
	selClauses
)

func (x SelectStmt) appendKey(k *KeyWriter) {
	p := &x.p
	var m uint64
	if len(p.With) > 0 {
		m |= selWith
	}
	if p.Distinct {
		m |= selDistinct
	}
	if len(p.DistinctOn) > 0 {
		m |= selDistinctOn
	}
	if len(p.From) > 0 {
		m |= selFrom
	}
	if p.Where != nil {
		m |= selWhere
	}
	if len(p.GroupBy) > 0 {
		m |= selGroupBy
	}
	if p.Having != nil {
		m |= selHaving
	}
	if len(p.Windows) > 0 {
		m |= selWindows
	}
	if len(p.OrderBy) > 0 {
		m |= selOrderBy
	}
	if p.Limit != nil {
		m |= selLimit
	}
	if p.Lock != nil {
		m |= selLock
	}
	if p.Correlation != 0 || len(p.Correlate) > 0 {
		m |= selCorrelate
	}
	if len(p.Clauses) > 0 {
		m |= selClauses
	}
	k.head(KindSelect)
	k.Buf = enc.AppendUvarint(k.Buf, m)
	if m&selWith != 0 {
		k.ctes(p.With)
	}
	if m&selDistinctOn != 0 {
		k.exprs(p.DistinctOn)
	}
	k.exprs(p.Columns)
	if m&selFrom != 0 {
		k.froms(p.From)
	}
	if m&selWhere != 0 {
		k.expr(p.Where)
	}
	if m&selGroupBy != 0 {
		k.exprs(p.GroupBy)
	}
	if m&selHaving != 0 {
		k.expr(p.Having)
	}
	if m&selWindows != 0 {
		k.Int(len(p.Windows))
		for _, w := range p.Windows {
			w.appendKey(k)
		}
	}
	if m&selOrderBy != 0 {
		k.orders(p.OrderBy)
	}
	if m&selLimit != 0 {
		p.Limit.appendKey(k)
	}
	if m&selLock != 0 {
		p.Lock.appendKey(k)
	}
	if m&selCorrelate != 0 {
		k.Byte(byte(p.Correlation))
		k.froms(p.Correlate)
	}
	if m&selClauses != 0 {
		k.Int(len(p.Clauses))
		for _, cl := range p.Clauses {
			k.Byte(byte(cl.Pos))
			k.Node(cl.Node)
		}
	}
}

func (x CompoundStmt) appendKey(k *KeyWriter) {
	p := &x.p
	k.Buf = append(k.Buf, byte(KindCompound)+1, byte(p.Op))
	k.ctes(p.With)
	k.Int(len(p.Members))
	for _, m := range p.Members {
		k.stmt(m)
	}
	k.orders(p.OrderBy)
	p.Limit.appendKey(k)
}

func (x InsertStmt) appendKey(k *KeyWriter) {
	p := &x.p
	k.head(KindInsert)
	k.ctes(p.With)
	p.Table.appendKey(k)
	k.bool(p.Columns != nil)
	k.Int(len(p.Columns))
	for _, c := range p.Columns {
		c.appendKey(k)
	}
	k.rows(p.Rows)
	k.stmt(p.Query)
	k.bool(p.DefaultValues)
	p.OnConflict.appendKey(k)
	k.exprs(p.Returning)
}

func (x UpdateStmt) appendKey(k *KeyWriter) {
	p := &x.p
	k.head(KindUpdate)
	k.ctes(p.With)
	k.from(p.Table)
	k.sets(p.Set)
	k.froms(p.From)
	k.expr(p.Where)
	k.orders(p.OrderBy)
	k.expr(p.Limit)
	k.exprs(p.Returning)
}

func (x DeleteStmt) appendKey(k *KeyWriter) {
	p := &x.p
	k.head(KindDelete)
	k.ctes(p.With)
	k.from(p.Table)
	k.froms(p.Using)
	k.expr(p.Where)
	k.orders(p.OrderBy)
	k.expr(p.Limit)
	k.exprs(p.Returning)
}

func (x *TextClause) appendKey(k *KeyWriter) {
	if x == nil {
		k.Buf = append(k.Buf, 0)
		return
	}
	k.head(KindText)
	k.Str(x.SQL)
	k.Int(len(x.Binds))
	for _, b := range x.Binds {
		b.appendKey(k)
	}
	k.Int(len(x.Columns))
	for _, c := range x.Columns {
		k.Str(c.Name)
		k.Type(c.Type)
	}
}

// appendKey of Custom only flags the node: encoding it needs the embedding value
// (its Kind and AppendKey method), which Node has and Custom does not.
func (Custom) appendKey(k *KeyWriter) { k.custom = true }

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
	ka.Root(a)
	kb.Root(b)
	if ka.broken || kb.broken || string(ka.Buf) != string(kb.Buf) || len(ka.Values) != len(kb.Values) {
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
