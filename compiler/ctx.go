package compiler

import (
	"fmt"
	"reflect"
	"strconv"
	"unicode/utf8"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/bind"
	"github.com/seed13bb6a42/strata/types"
)

// Flags change how a statement is rendered. The zero value renders bind parameters in
// the dialect's placeholder style and quotes identifiers only where needed.
type Flags uint16

// The rendering flags.
const (
	// InlineLiterals renders bound values as literals escaped by the dialect. Use it
	// for DDL defaults and debugging, never to run queries built from user input.
	InlineLiterals Flags = 1 << iota
	// Fingerprint renders every bound value and literal as ?, giving one text per
	// statement shape: for logs and metrics that group statements.
	Fingerprint
	// QuoteAll quotes every identifier, needed or not.
	QuoteAll
)

// A Ctx is the state of one compilation: the SQL being appended to, the parameters
// collected so far, the FROM items in scope, and the first error. Rules receive it;
// it is not safe for concurrent use and is reused after Compile returns.
type Ctx struct {
	buf    []byte
	d      *Dialect
	rules  []RenderFunc
	funcs  *[ast.NumFuncIDs]FuncRenderFunc
	flags  Flags
	err    error
	params []Param
	named  bind.Params // values of expanding named parameters given at compile time
	scopes []scope     // FROM items of the statements being rendered, innermost last
	ctes   []*ast.CTE  // CTEs declared by enclosing WITH clauses

	bare        ast.FromItem // columns of this item render unqualified (RETURNING)
	unqualified bool         // every column renders unqualified (compound ORDER BY, index predicates)
	correlating bool         // the next SELECT is a subquery inside an expression
	inUpsert    bool         // rendering an upsert clause: excluded references are valid
	fromDual    bool         // a FROM-less SELECT with WHERE needs FROM DUAL (MySQL)
	upsertAlias string       // name of the proposed row in an upsert, when the dialect aliases it
	untyped     bool         // the node being rendered is a bare parameter with no operand to type it

	inferred   []ast.FromItem // stack of FROM items inferred from columns, reused between compilations
	cteScratch []*ast.CTE     // WITH lists with CTEs hoisted into them (see withCTE), reused likewise
	unshared   bool           // the text depends on bound values: see Unshareable

	srcs   []paramSrc                  // the tree parameter behind each entry of params
	origin map[*ast.BindParam]paramSrc // element parameters made by InElements → their list
}

// A paramSrc names the tree parameter a placeholder's value comes from: p itself, or
// element elem of p when p is an expanding list. p is nil for parameters that only a
// rule created, which makes the plan uncacheable.
type paramSrc struct {
	p    *ast.BindParam
	elem int
}

// InUntypedContext reports whether the parameter being rendered is a whole select
// item, VALUES cell, function argument or CASE result: a place where the server cannot
// infer its type from a neighbouring operand. PostgreSQL casts typed parameters there.
func (c *Ctx) InUntypedContext() bool { return c.untyped }

// UntypedExpr renders e as Expr does, marking it as standing where its type cannot be
// inferred when it is a bare parameter.
func (c *Ctx) UntypedExpr(e ast.Expr, prec int) {
	if _, ok := e.(*ast.BindParam); ok {
		c.untyped = true
		c.Expr(e, prec)
		c.untyped = false
		return
	}
	c.Expr(e, prec)
}

// UntypedList renders exprs separated by ", " with UntypedExpr.
func (c *Ctx) UntypedList(exprs []ast.Expr) {
	for i, e := range exprs {
		if i > 0 {
			c.buf = append(c.buf, ", "...)
		}
		c.UntypedExpr(e, ast.PrecLowest+1)
	}
}

// SetUpsertAlias records the name an INSERT gave its proposed row (MySQL's
// "AS new"), for the rule that renders excluded references; "" clears it.
func (c *Ctx) SetUpsertAlias(name string) { c.upsertAlias = name }

// UpsertAlias returns the name set by SetUpsertAlias.
func (c *Ctx) UpsertAlias() string { return c.upsertAlias }

// SetFromDual makes FROM-less SELECTs that have a WHERE clause read FROM DUAL, as
// MySQL requires. Dialect rules set it before rendering a statement.
func (c *Ctx) SetFromDual(on bool) { c.fromDual = on }

// InUpsert reports whether an upsert's DO UPDATE clause is being rendered.
func (c *Ctx) InUpsert() bool { return c.inUpsert }

// Scope returns the FROM items of the innermost statement being rendered.
func (c *Ctx) Scope() []ast.FromItem {
	if len(c.scopes) == 0 {
		return nil
	}
	return c.scopes[len(c.scopes)-1].items
}

// SetUnqualified makes columns render without their table name while on is true,
// returning the previous setting.
func (c *Ctx) SetUnqualified(on bool) bool {
	prev := c.unqualified
	c.unqualified = on
	return prev
}

type scope struct {
	items []ast.FromItem // FROM items visible to column references, joins flattened
}

// A Param is one bind parameter of a compiled statement.
type Param struct {
	Name     string      // parameter name, or "" when anonymous
	Value    any         // bound value; unused when Deferred
	Type     *types.Type // conversion type, or nil
	Deferred bool        // the value is supplied by name at execution
	// Index locates the value in the statement's values as ast.KeyWriter collects
	// them, for plans shared through a Cache; -1 when unknown or deferred.
	Index int
}

// Dialect returns the dialect being compiled for.
func (c *Ctx) Dialect() *Dialect { return c.d }

// Has reports whether the dialect has every feature in f.
func (c *Ctx) Has(f Feature) bool { return c.d.Features&f == f }

// HasDDL reports whether the dialect has every schema capability in f.
func (c *Ctx) HasDDL(f DDLFeature) bool { return c.d.DDL&f == f }

// Flags returns the rendering flags.
func (c *Ctx) Flags() Flags { return c.flags }

// Err returns the first error recorded, or nil.
func (c *Ctx) Err() error { return c.err }

// Write appends SQL text.
func (c *Ctx) Write(s string) { c.buf = append(c.buf, s...) }

// WriteByte appends one byte of SQL text.
func (c *Ctx) WriteByte(b byte) error {
	c.buf = append(c.buf, b)
	return nil
}

// Len returns the length of the SQL written so far.
func (c *Ctx) Len() int { return len(c.buf) }

// Fail records err as the compilation's error unless one is recorded already; rules
// call it and return, and later rendering is skipped.
func (c *Ctx) Fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

// Failf records a *CompileError with a formatted message. It is for error paths only.
func (c *Ctx) Failf(format string, args ...any) {
	c.Fail(&CompileError{Dialect: c.d.Name, Msg: fmt.Sprintf(format, args...)})
}

// Unsupported records an *UnsupportedError for construct, with a hint saying what to
// use instead (or "").
func (c *Ctx) Unsupported(construct, hint string) {
	c.Fail(&UnsupportedError{Dialect: c.d.Name, Construct: construct, Hint: hint})
}

// Node renders n with its dialect rule. It is the chokepoint every child goes through.
func (c *Ctx) Node(n ast.Node) {
	if c.err != nil {
		return
	}
	if n == nil {
		c.Failf("nil node")
		return
	}
	c.render(n)
}

func (c *Ctx) render(n ast.Node) {
	if k := n.Kind(); int(k) < len(c.rules) {
		if f := c.rules[k]; f != nil {
			f(c, n)
			return
		}
	}
	renderCustom(c, n)
}

// Expr renders e, in parentheses when its precedence is lower than prec (one of the
// ast.Prec constants). Render a left operand at the operator's level and a right one
// a level higher.
func (c *Ctx) Expr(e ast.Expr, prec int) {
	if c.err != nil {
		return
	}
	if e == nil {
		c.Failf("nil expression")
		return
	}
	if Precedence(e) < prec {
		c.buf = append(c.buf, '(')
		c.render(e)
		c.buf = append(c.buf, ')')
		return
	}
	c.render(e)
}

// Precedence returns the binding level of e as written in ANSI SQL.
func Precedence(e ast.Expr) int {
	switch x := e.(type) {
	case *ast.Column, *ast.BindParam, *ast.Func, *ast.Literal:
		return ast.PrecAtom // the common atoms, before the interface case below
	case *ast.Binary:
		return x.Op.Precedence()
	case *ast.Unary:
		return x.Op.Precedence()
	case *ast.Bool:
		return x.Op.Precedence()
	case *ast.LikeExpr, *ast.BetweenExpr, *ast.InExpr:
		return ast.PrecComparison
	case *ast.CollateExpr:
		return ast.PrecCollate
	case *ast.Label:
		return ast.PrecLowest
	case *ast.TextClause:
		// Raw text may hold any operator (a OR b): parenthesise it as an operand,
		// not as a whole item of a list or clause.
		return ast.PrecOr
	case Precedencer:
		return x.Precedence()
	}
	return ast.PrecAtom
}

// Enclosed renders e as a complete argument between open and close, as in
// "EXTRACT(YEAR FROM " e ")": whatever precedes and follows is fixed text that
// delimits e, so e needs no parentheses of its own.
func (c *Ctx) Enclosed(open string, e ast.Expr, close string) {
	c.Write(open)
	c.Expr(e, ast.PrecLowest+1)
	c.Write(close)
}

// List renders exprs separated by ", ".
func (c *Ctx) List(exprs []ast.Expr) {
	for i, e := range exprs {
		if i > 0 {
			c.buf = append(c.buf, ", "...)
		}
		c.Expr(e, ast.PrecLowest+1)
	}
}

// Subquery renders a statement in parentheses.
func (c *Ctx) Subquery(s ast.Stmt) {
	c.buf = append(c.buf, '(')
	c.Node(s)
	c.buf = append(c.buf, ')')
}

// Ident appends name as an identifier, quoted when the dialect needs it (or always
// under QuoteAll), with quote characters inside doubled. One pass over the name
// validates it and decides on quoting; only non-ASCII names pay for a UTF-8 check.
func (c *Ctx) Ident(name string) {
	n := len(name)
	if n == 0 {
		c.Failf("empty identifier")
		return
	}
	if c.d.MaxIdentLen > 0 && n > c.d.MaxIdentLen {
		c.Failf("identifier %q is %d bytes long; %s allows at most %d", name, n, c.d.Name, c.d.MaxIdentLen)
		return
	}
	quote := c.flags&QuoteAll != 0 || c.d.QuoteAll
	ascii := true
	for i := 0; i < n; i++ {
		switch ch := name[i]; {
		case 'a' <= ch && ch <= 'z', ch == '_':
		case '0' <= ch && ch <= '9':
			quote = quote || i == 0
		case 'A' <= ch && ch <= 'Z':
			quote = quote || c.d.FoldsCase
		case ch == 0:
			c.Failf("identifier %q contains a NUL byte", name)
			return
		case ch >= utf8.RuneSelf:
			ascii, quote = false, true
		default:
			quote = true
		}
	}
	if !ascii && !utf8.ValidString(name) {
		c.Failf("identifier %q is not valid UTF-8", name)
		return
	}
	if !quote && !c.d.IsReserved(name) {
		c.buf = append(c.buf, name...)
		return
	}
	c.buf = append(c.buf, c.d.QuoteOpen)
	for i := 0; i < n; i++ {
		ch := name[i]
		c.buf = append(c.buf, ch)
		if ch == c.d.QuoteClose {
			c.buf = append(c.buf, ch)
		}
	}
	c.buf = append(c.buf, c.d.QuoteClose)
}

// QualifiedName appends schema.name, or name when schema is empty.
func (c *Ctx) QualifiedName(schema, name string) {
	if schema != "" {
		c.Ident(schema)
		c.buf = append(c.buf, '.')
	}
	c.Ident(name)
}

// nameKey returns what, besides a name, decides how Ident renders it: the dialect
// (its quotes, case folding, reserved words and length limit, which do not change
// once it is in use), and the QuoteAll flag unless the dialect quotes every name
// anyway. It is the key of the name memos of ast nodes (see ast.Column.NameMemo);
// both forms are a single pointer, so making one allocates nothing.
func (c *Ctx) nameKey() any {
	if c.flags&QuoteAll != 0 && !c.d.QuoteAll {
		return quoteAllKey{c.d}
	}
	return c.d
}

// isNameKey reports whether k is nameKey(). It compares k with a concrete value,
// which compiles to two word comparisons where comparing two interfaces would call
// the runtime.
func (c *Ctx) isNameKey(k any) bool {
	if c.flags&QuoteAll != 0 && !c.d.QuoteAll {
		return k == quoteAllKey{c.d}
	}
	return k == c.d
}

// A quoteAllKey keys names rendered for d under the QuoteAll flag.
type quoteAllKey struct{ d *Dialect }

// ColumnName appends col's name, unqualified, as Ident does. A column of a declared
// table or of an alias of one keeps the text it rendered to (ast.Column.NameMemo), so
// that the quoting is decided once per dialect, not at every compile; an identifier
// that fails is rendered again every time, so that its error is reported every time.
// A node compiled for two dialects in turn re-renders each time, as without a memo.
func (c *Ctx) ColumnName(col *ast.Column) {
	if k, text := col.NameMemo(); k != nil && c.isNameKey(k) {
		c.buf = append(c.buf, text...)
		return
	}
	start, clean := len(c.buf), c.err == nil
	c.Ident(col.Name)
	if clean && c.err == nil {
		col.SetNameMemo(c.nameKey(), c.buf[start:])
	}
}

// TableName appends t's name, schema-qualified when it has a schema, as
// QualifiedName does, memoized as ColumnName memoizes columns' names.
func (c *Ctx) TableName(t *ast.Table) {
	if k, text := t.NameMemo(); k != nil && c.isNameKey(k) {
		c.buf = append(c.buf, text...)
		return
	}
	start, clean := len(c.buf), c.err == nil
	c.QualifiedName(t.Schema, t.Name)
	if clean && c.err == nil {
		t.SetNameMemo(c.nameKey(), c.buf[start:])
	}
}

// AliasName appends a's name as Ident does, memoized as ColumnName memoizes columns'
// names.
func (c *Ctx) AliasName(a *ast.Alias) {
	if k, text := a.NameMemo(); k != nil && c.isNameKey(k) {
		c.buf = append(c.buf, text...)
		return
	}
	start, clean := len(c.buf), c.err == nil
	c.Ident(a.Name)
	if clean && c.err == nil {
		a.SetNameMemo(c.nameKey(), c.buf[start:])
	}
}

// Unshareable marks the statement being compiled as one whose text depends on its
// bound values, not only on its shape — a rule that merges two equal expressions into
// one, say, which it can only do when their values are equal. A Cache then compiles
// such a statement every time (counted as uncacheable) instead of serving its plan to
// statements of the same shape with other values.
func (c *Ctx) Unshareable() { c.unshared = true }

// Bind renders a placeholder for an anonymous value of type t (which may be nil). The
// value is not in the tree, so the statement cannot be cached by shape; prefer
// building an ast.BindParam into the tree.
func (c *Ctx) Bind(v any, t *types.Type) {
	c.addParam(Param{Value: v, Type: t}, paramSrc{})
}

// Param renders a bind parameter. Expanding parameters are handled by the IN rule
// (see Ctx.Expanded); anywhere else they are an error.
func (c *Ctx) Param(p *ast.BindParam) {
	if p.Expanding {
		if p.Name == "" {
			c.Failf("an expanding list parameter (ast.List) used outside IN (…)")
		} else {
			c.Failf("expanding parameter :%s used outside IN (…)", p.Name)
		}
		return
	}
	src, ok := c.origin[p]
	if !ok {
		src = paramSrc{p: p}
	}
	c.addParam(Param{Name: p.Name, Value: p.Value, Type: p.Type, Deferred: p.Deferred}, src)
}

func (c *Ctx) addParam(p Param, src paramSrc) {
	if c.flags&Fingerprint != 0 {
		c.buf = append(c.buf, '?')
		return
	}
	if c.flags&InlineLiterals != 0 {
		if p.Deferred {
			c.Failf("parameter :%s has no value to render inline", p.Name)
			return
		}
		// The literal must mean what the bound value would: convert it as the driver
		// would receive it (360 as a double is 360.0; a time keeps its nanoseconds on
		// SQLite, where times are text).
		v, err := p.Type.ToDriver(p.Value, c.d.Target)
		if err != nil {
			c.Fail(&CompileError{Dialect: c.d.Name, Msg: "cannot render parameter inline", Err: err})
			return
		}
		c.Literal(v, p.Type)
		return
	}
	if p.Name != "" {
		for i := range c.params {
			q := &c.params[i]
			if q.Name != p.Name {
				continue
			}
			if q.Deferred != p.Deferred || !p.Deferred && !sameValue(q.Value, p.Value) {
				c.Failf("parameter :%s is bound to two different values", p.Name)
				return
			}
			if c.d.Placeholder.Numbered() {
				c.buf = c.d.Placeholder.Append(c.buf, i+1, p.Name)
				return
			}
			break
		}
	}
	c.params = append(c.params, p)
	c.srcs = append(c.srcs, src)
	c.buf = c.d.Placeholder.Append(c.buf, len(c.params), p.Name)
}

func sameValue(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	ta := reflect.TypeOf(a)
	if ta != reflect.TypeOf(b) {
		return false
	}
	if ta.Comparable() {
		return a == b
	}
	return reflect.DeepEqual(a, b)
}

// Literal renders v inline, escaped by the dialect (or ? under Fingerprint).
func (c *Ctx) Literal(v any, t *types.Type) {
	if c.flags&Fingerprint != 0 {
		c.buf = append(c.buf, '?')
		return
	}
	b, err := c.d.AppendLiteral(c.buf, v, t)
	if err != nil {
		c.Fail(&CompileError{Dialect: c.d.Name, Msg: "cannot render literal", Err: err})
		return
	}
	c.buf = b
}

// Int appends a decimal integer to the SQL text.
func (c *Ctx) Int(n int) { c.buf = strconv.AppendInt(c.buf, int64(n), 10) }

// Expanded returns the elements of an expanding parameter: its slice value, or the
// value supplied for its name at compile time.
func (c *Ctx) Expanded(p *ast.BindParam) ([]any, bool) {
	v := p.Value
	if p.Deferred {
		var ok bool
		v, ok = c.named[p.Name]
		if !ok {
			c.Failf("expanding parameter :%s needs its list when the statement is compiled (pass it in Options.Params)", p.Name)
			return nil, false
		}
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		c.Failf("expanding parameter %q holds %T, not a slice", p.Name, v)
		return nil, false
	}
	out := make([]any, rv.Len())
	for i := range out {
		out[i] = rv.Index(i).Interface()
	}
	return out, true
}

// PushScope makes items visible to column references until PopScope. Joins are
// flattened to their members.
func (c *Ctx) PushScope(items ...ast.FromItem) {
	n := len(c.scopes)
	if n < cap(c.scopes) { // reuse the item array a pooled context kept
		c.scopes = c.scopes[:n+1]
		c.scopes[n].items = flattenFrom(c.scopes[n].items[:0], items)
		return
	}
	c.scopes = append(c.scopes, scope{items: flattenFrom(nil, items)})
}

// PopScope ends the innermost scope.
func (c *Ctx) PopScope() { c.scopes = c.scopes[:len(c.scopes)-1] }

func flattenFrom(dst, items []ast.FromItem) []ast.FromItem {
	for _, it := range items {
		dst = flattenOne(dst, it)
	}
	return dst
}

func flattenOne(dst []ast.FromItem, it ast.FromItem) []ast.FromItem {
	if j, ok := it.(*ast.Join); ok {
		return flattenOne(flattenOne(dst, j.Left), j.Right)
	}
	return append(dst, it)
}

// sameFrom reports whether two FROM items are referred to by the same name.
func sameFrom(a, b ast.FromItem) bool {
	if a == b {
		return true
	}
	as, an := ast.FromName(a)
	bs, bn := ast.FromName(b)
	return an != "" && an == bn && as == bs
}

// visible reports whether f is in some scope, from the innermost outward, starting at
// scope index from the end (0: all scopes).
func (c *Ctx) visible(f ast.FromItem, skipInner int) bool {
	// The usual case, the very item in scope, first: comparing interfaces is cheaper
	// than comparing names.
	for i := len(c.scopes) - 1 - skipInner; i >= 0; i-- {
		for _, it := range c.scopes[i].items {
			if it == f {
				return true
			}
		}
	}
	for i := len(c.scopes) - 1 - skipInner; i >= 0; i-- {
		for _, it := range c.scopes[i].items {
			if sameFrom(it, f) {
				return true
			}
		}
	}
	return false
}

// ctesDeclared reports whether cte is declared by an enclosing WITH clause.
func (c *Ctx) cteDeclared(cte *ast.CTE) bool {
	for _, d := range c.ctes {
		if d.Same(cte) {
			return true
		}
	}
	return false
}
