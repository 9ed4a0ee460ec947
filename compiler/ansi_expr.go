package compiler

import (
	"reflect"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/types"
)

// ANSIRules returns a new table of the base rules: standard SQL, written the way
// PostgreSQL accepts it. Dialects clone it and override what differs.
func ANSIRules() *Rules {
	r := &Rules{}
	r.Set(ast.KindInvalid, renderInvalid)
	r.Set(ast.KindColumn, renderColumn)
	r.Set(ast.KindStar, renderStar)
	r.Set(ast.KindParam, func(c *Ctx, n ast.Node) { c.Param(n.(*ast.BindParam)) })
	r.Set(ast.KindLiteral, renderLiteral)
	r.Set(ast.KindUnary, renderUnary)
	r.Set(ast.KindBinary, RenderBinary)
	r.Set(ast.KindBool, renderBool)
	r.Set(ast.KindLike, renderLike)
	r.Set(ast.KindBetween, renderBetween)
	r.Set(ast.KindIn, renderIn)
	r.Set(ast.KindFunc, renderFunc)
	r.Set(ast.KindCast, renderCast)
	r.Set(ast.KindCase, renderCase)
	r.Set(ast.KindCollate, renderCollate)
	r.Set(ast.KindTuple, func(c *Ctx, n ast.Node) { c.Tuple(n.(*ast.TupleExpr).Items) })
	r.Set(ast.KindScalar, func(c *Ctx, n ast.Node) { c.ExprSubquery(n.(*ast.Scalar).Query) })
	r.Set(ast.KindExists, renderExists)
	r.Set(ast.KindQuantified, renderQuantified)
	r.Set(ast.KindLabel, func(c *Ctx, n ast.Node) { c.Node(n.(*ast.Label).X) })
	r.Set(ast.KindExtract, renderExtract)
	r.Set(ast.KindExcluded, renderExcluded)
	r.Set(ast.KindDefault, func(c *Ctx, n ast.Node) {
		if !c.Has(DefaultKeyword) {
			c.Unsupported("DEFAULT as a value", "leave the column out of the INSERT, or set the value itself")
			return
		}
		c.Write("DEFAULT")
	})
	r.Set(ast.KindGroupingSet, renderGroupingSet)
	r.Set(ast.KindOrder, renderOrder)
	r.Set(ast.KindWindow, RenderWindowSpec)
	r.Set(ast.KindLimit, RenderLimit)
	r.Set(ast.KindLock, RenderLock)
	r.Set(ast.KindOnConflict, RenderOnConflict)
	r.Set(ast.KindTable, func(c *Ctx, n ast.Node) { c.TableName(n.(*ast.Table)) })
	r.Set(ast.KindAlias, renderAlias)
	r.Set(ast.KindJoin, renderJoin)
	r.Set(ast.KindCTE, renderCTERef)
	r.Set(ast.KindValues, func(c *Ctx, n ast.Node) { c.ValuesRows(n.(*ast.ValuesList)) })
	r.Set(ast.KindSelect, renderSelect)
	r.Set(ast.KindCompound, renderCompound)
	r.Set(ast.KindInsert, renderInsert)
	r.Set(ast.KindUpdate, renderUpdate)
	r.Set(ast.KindDelete, renderDelete)
	r.Set(ast.KindText, renderText)
	r.SetFunc(ast.FuncCurrentTimestamp, KeywordFunc("CURRENT_TIMESTAMP"))
	r.SetFunc(ast.FuncCurrentDate, KeywordFunc("CURRENT_DATE"))
	registerDDL(r)
	return r
}

// KeywordFunc returns a function rule that writes a keyword without parentheses, for
// SQL's niladic functions such as CURRENT_TIMESTAMP.
func KeywordFunc(kw string) FuncRenderFunc {
	return func(c *Ctx, f *ast.Func) {
		if len(f.Args) > 0 || f.Window != nil || f.Filter != nil {
			c.Failf("%s takes no arguments, FILTER or OVER", kw)
			return
		}
		c.Write(kw)
	}
}

// RenamedFunc returns a function rule that spells a known function as name, keeping
// its arguments and modifiers.
func RenamedFunc(name string) FuncRenderFunc {
	return func(c *Ctx, f *ast.Func) { c.FuncCall(f, name) }
}

func renderInvalid(c *Ctx, n ast.Node) {
	c.Fail(&CompileError{Dialect: c.d.Name, Err: n.(*ast.Invalid).Err})
}

func renderColumn(c *Ctx, n ast.Node) {
	col := n.(*ast.Column)
	if col.Missing {
		c.Failf("%s has no column %q", describeFrom(col.From), col.Name)
		return
	}
	if col.From != nil && !c.unqualified && (c.bare == nil || !sameFrom(col.From, c.bare)) {
		if len(c.scopes) > 0 && !c.visible(col.From, 0) {
			c.Failf("column %q belongs to %s, which is not in the FROM clause of this statement or of an enclosing one",
				col.Name, describeFrom(col.From))
			return
		}
		c.Qualifier(col.From)
		c.buf = append(c.buf, '.')
	}
	c.ColumnName(col)
}

func describeFrom(f ast.FromItem) string {
	switch x := f.(type) {
	case *ast.Table:
		if x.Schema != "" {
			return "table " + x.Schema + "." + x.Name
		}
		return "table " + x.Name
	case *ast.Alias:
		return "alias " + x.Name
	case *ast.CTE:
		return "CTE " + x.Name
	case nil:
		return "a bare column"
	}
	return "a " + f.Kind().String()
}

// Qualifier writes the name that qualifies columns of f.
func (c *Ctx) Qualifier(f ast.FromItem) {
	switch x := f.(type) {
	case *ast.Table:
		c.TableName(x)
	case *ast.Alias:
		c.AliasName(x)
	case *ast.CTE:
		c.Ident(x.Name)
	default:
		c.Failf("columns cannot be qualified by a %s", f.Kind())
	}
}

func renderStar(c *Ctx, n ast.Node) {
	s := n.(*ast.Star)
	if s.From != nil && (c.bare == nil || !sameFrom(s.From, c.bare)) {
		c.Qualifier(s.From)
		c.buf = append(c.buf, '.')
	}
	c.buf = append(c.buf, '*')
}

func renderLiteral(c *Ctx, n ast.Node) {
	l := n.(*ast.Literal)
	switch l.Value.(type) {
	case nil, bool: // NULL, TRUE and FALSE are part of the shape, even in fingerprints
		b, err := c.d.AppendLiteral(c.buf, l.Value, l.Type)
		if err != nil {
			c.Fail(&CompileError{Dialect: c.d.Name, Msg: "cannot render literal", Err: err})
			return
		}
		c.buf = b
	default:
		c.Literal(l.Value, l.Type)
	}
}

func renderUnary(c *Ctx, n ast.Node) {
	u := n.(*ast.Unary)
	switch u.Op {
	case ast.OpNot:
		c.Write("NOT ")
		c.Expr(u.X, ast.PrecComparison+1)
	case ast.OpNeg:
		c.buf = append(c.buf, '-')
		c.UntypedExpr(u.X, ast.PrecUnary+1) // -(-x): "--" would start a comment
	case ast.OpBitNot:
		c.buf = append(c.buf, '~')
		c.UntypedExpr(u.X, ast.PrecUnary+1)
	case ast.OpIsNull, ast.OpIsNotNull:
		c.Expr(u.X, ast.PrecComparison+1)
		c.buf = append(c.buf, ' ')
		c.Write(u.Op.String())
	default:
		c.Failf("unknown unary operator %d", u.Op)
	}
}

// RenderBinary is the ANSI rule for binary operators. Dialects wrap it to respell
// some operators and fall back to it for the rest.
func RenderBinary(c *Ctx, n ast.Node) {
	b := n.(*ast.Binary)
	switch b.Op {
	case ast.OpDiv:
		// True division: make the divisor non-integer unless its type says it is.
		if isFractional(ast.TypeOf(b.R)) || isFractional(ast.TypeOf(b.L)) {
			c.BinaryOp(b, "/")
			return
		}
		c.Expr(b.L, ast.PrecMultiply)
		c.Enclosed(" / CAST(", b.R, " AS NUMERIC)")
		return
	case ast.OpIntDiv:
		c.Write("CAST(")
		c.Expr(b.L, ast.PrecMultiply)
		c.Write(" / ")
		c.Expr(b.R, ast.PrecMultiply+1)
		c.Write(" AS INTEGER)")
		return
	case ast.OpIsDistinct, ast.OpIsNotDistinct:
		if !c.Has(IsDistinctFrom) {
			c.Unsupported(b.Op.String(), "")
			return
		}
	case ast.OpRegexp, ast.OpNotRegexp:
		if !c.Has(Regexp) {
			c.Unsupported("regular-expression match", "")
			return
		}
	case ast.OpRegexpFold:
		if !c.Has(RegexpFold) {
			c.Unsupported("case-insensitive regular-expression match", "lower() both sides with RegexpMatch")
			return
		}
	case ast.OpCustom:
		c.BinaryOp(b, b.Custom)
		return
	case ast.OpAnd, ast.OpOr, ast.OpNot, ast.OpInvalid:
		c.Failf("operator %s is not a binary operator node", b.Op)
		return
	}
	c.BinaryOp(b, b.Op.String())
}

func isFractional(t *types.Type) bool {
	if t == nil {
		return false
	}
	switch t.Kind {
	case types.Float, types.Double, types.Numeric:
		return true
	}
	return false
}

// BinaryOp renders b's operands around op with the parentheses precedence requires.
func (c *Ctx) BinaryOp(b *ast.Binary, op string) {
	p := b.Op.Precedence()
	lp, rp := p, p+1
	if b.Op.IsComparison() {
		lp = p + 1 // comparisons do not chain: (a = b) = c
	}
	if b.Op.Isolated() {
		lp, rp = ast.PrecAtom, ast.PrecAtom
		if l, ok := b.L.(*ast.Binary); ok && l.Op == b.Op && b.Op != ast.OpCustom && b.Op.Associative() {
			lp = p
		}
	}
	_, lparam := b.L.(*ast.BindParam)
	_, rparam := b.R.(*ast.BindParam)
	if lparam && rparam { // neither operand tells the server the other's type
		c.UntypedExpr(b.L, lp)
		c.buf = append(c.buf, ' ')
		c.Write(op)
		c.buf = append(c.buf, ' ')
		c.UntypedExpr(b.R, rp)
		return
	}
	c.Expr(b.L, lp)
	c.buf = append(c.buf, ' ')
	c.Write(op)
	c.buf = append(c.buf, ' ')
	c.Expr(b.R, rp)
}

func renderBool(c *Ctx, n ast.Node) {
	b := n.(*ast.Bool)
	if len(b.Items) == 0 {
		c.Failf("empty %s", b.Op)
		return
	}
	sep := " AND "
	if b.Op == ast.OpOr {
		sep = " OR "
	}
	p := b.Op.Precedence()
	for i, it := range b.Items {
		if i > 0 {
			c.Write(sep)
		}
		c.Expr(it, p)
	}
}

func renderLike(c *Ctx, n ast.Node) {
	l := n.(*ast.LikeExpr)
	if l.Escape != "" && len([]rune(l.Escape)) != 1 {
		c.Failf("LIKE escape must be one character, not %q", l.Escape)
		return
	}
	fold := l.Fold && !c.Has(ILike)
	if fold { // ILIKE emulated as lower(x) LIKE lower(pattern)
		c.Write("lower(")
		c.Expr(l.X, ast.PrecLowest+1)
		c.buf = append(c.buf, ')')
	} else {
		c.Expr(l.X, ast.PrecComparison+1)
	}
	switch {
	case l.Not && l.Fold && !fold:
		c.Write(" NOT ILIKE ")
	case l.Fold && !fold:
		c.Write(" ILIKE ")
	case l.Not:
		c.Write(" NOT LIKE ")
	default:
		c.Write(" LIKE ")
	}
	if fold {
		c.Write("lower(")
		c.Expr(l.Pattern, ast.PrecLowest+1)
		c.buf = append(c.buf, ')')
	} else {
		c.Expr(l.Pattern, ast.PrecComparison+1)
	}
	if l.Escape != "" {
		c.Write(" ESCAPE ")
		c.RawLiteral(l.Escape)
	}
}

// RawLiteral appends a string literal that is part of the statement's shape (an
// ESCAPE character, a separator), rendered inline even in fingerprints.
func (c *Ctx) RawLiteral(s string) {
	b, err := c.d.AppendLiteral(c.buf, s, types.Text)
	if err != nil {
		c.Fail(&CompileError{Dialect: c.d.Name, Msg: "cannot render literal", Err: err})
		return
	}
	c.buf = b
}

func renderBetween(c *Ctx, n ast.Node) {
	b := n.(*ast.BetweenExpr)
	c.Expr(b.X, ast.PrecComparison+1)
	if b.Not {
		c.Write(" NOT")
	}
	c.Write(" BETWEEN ")
	c.Expr(b.Lo, ast.PrecComparison+1)
	c.Write(" AND ")
	c.Expr(b.Hi, ast.PrecComparison+1)
}

// InElements returns the elements of an IN list with expanding parameters expanded,
// and whether that worked.
func (c *Ctx) InElements(list []ast.Expr) ([]ast.Expr, bool) {
	expand := false
	for _, e := range list {
		if p, ok := e.(*ast.BindParam); ok && p.Expanding {
			expand = true
			break
		}
	}
	if !expand {
		return list, true
	}
	var out []ast.Expr
	for _, e := range list {
		p, ok := e.(*ast.BindParam)
		if !ok || !p.Expanding {
			out = append(out, e)
			continue
		}
		vals, ok := c.Expanded(p)
		if !ok {
			return nil, false
		}
		if c.origin == nil {
			c.origin = make(map[*ast.BindParam]paramSrc)
		}
		flat := 0 // index among the list's values, as the cache key collects them
		for _, v := range vals {
			if tv, ok := v.([]any); ok { // a list of tuples
				items := make([]ast.Expr, len(tv))
				for i, x := range tv {
					el := &ast.BindParam{Value: x, Type: types.Infer(x)}
					c.origin[el] = paramSrc{p: p, elem: flat}
					flat++
					items[i] = el
				}
				out = append(out, &ast.TupleExpr{Items: items})
				continue
			}
			el := &ast.BindParam{Value: v, Type: p.Type} // one anonymous parameter per element
			c.origin[el] = paramSrc{p: p, elem: flat}
			flat++
			out = append(out, el)
		}
	}
	return out, true
}

func renderIn(c *Ctx, n ast.Node) {
	in := n.(*ast.InExpr)
	if in.Query != nil {
		c.Expr(in.X, ast.PrecComparison+1)
		if in.Not {
			c.Write(" NOT")
		}
		c.Write(" IN ")
		c.ExprSubquery(in.Query)
		return
	}
	elems, ok := c.InElements(in.List)
	if !ok {
		return
	}
	if len(elems) == 0 {
		// x IN () is not SQL; an empty list matches nothing, whatever x is.
		if in.Not {
			c.Write("1 = 1")
		} else {
			c.Write("1 <> 1")
		}
		return
	}
	_, tuple := in.X.(*ast.TupleExpr)
	c.Expr(in.X, ast.PrecComparison+1)
	if in.Not {
		c.Write(" NOT")
	}
	c.Write(" IN (")
	if tuple && !c.Has(TupleInList) {
		c.Write("VALUES ")
	}
	for i, e := range elems {
		if i > 0 {
			c.Write(", ")
		}
		c.Expr(e, ast.PrecLowest+1)
	}
	c.buf = append(c.buf, ')')
}

// Tuple renders (items…).
func (c *Ctx) Tuple(items []ast.Expr) {
	if len(items) == 0 {
		c.Failf("empty tuple")
		return
	}
	c.buf = append(c.buf, '(')
	c.List(items)
	c.buf = append(c.buf, ')')
}

func renderExists(c *Ctx, n ast.Node) {
	e := n.(*ast.ExistsExpr)
	if e.Not {
		c.Write("NOT ")
	}
	c.Write("EXISTS ")
	c.ExprSubquery(e.Query)
}

func renderQuantified(c *Ctx, n ast.Node) {
	q := n.(*ast.Quantified)
	if !c.Has(AnyAllSubquery) {
		c.Unsupported(q.Op.String()+" (subquery)", "use IN, NOT IN or EXISTS")
		return
	}
	c.Write(q.Op.String())
	c.buf = append(c.buf, ' ')
	c.ExprSubquery(q.Query)
}

func renderCast(c *Ctx, n ast.Node) {
	x := n.(*ast.CastExpr)
	name, err := c.d.TypeName(x.Type, true)
	if err != nil {
		c.Unsupported("CAST to "+x.Type.String(), err.Error())
		return
	}
	c.Enclosed("CAST(", x.X, " AS ")
	c.Write(name)
	c.buf = append(c.buf, ')')
}

// CastToBoolean renders a cast to boolean for dialects whose booleans are integers:
// CAST(31 AS INTEGER) would stay 31, while x <> 0 gives 1, 0 or NULL.
func CastToBoolean(c *Ctx, x *ast.CastExpr) {
	c.buf = append(c.buf, '(')
	c.Expr(x.X, ast.PrecComparison+1)
	c.Write(" <> 0)")
}

func renderCase(c *Ctx, n ast.Node) {
	x := n.(*ast.CaseExpr)
	if len(x.Whens) == 0 {
		c.Failf("CASE without WHEN")
		return
	}
	c.Write("CASE")
	if x.Operand != nil {
		c.buf = append(c.buf, ' ')
		c.Expr(x.Operand, ast.PrecLowest+1)
	}
	for _, w := range x.Whens {
		c.Enclosed(" WHEN ", w.Cond, " THEN ")
		c.UntypedExpr(w.Result, ast.PrecLowest+1)
	}
	if x.Else != nil {
		c.Write(" ELSE ")
		c.UntypedExpr(x.Else, ast.PrecLowest+1)
	}
	c.Write(" END")
}

func renderCollate(c *Ctx, n ast.Node) {
	x := n.(*ast.CollateExpr)
	c.Expr(x.X, ast.PrecCollate)
	c.Write(" COLLATE ")
	c.Ident(x.Collation)
}

func renderExtract(c *Ctx, n ast.Node) {
	x := n.(*ast.ExtractExpr)
	c.Write("EXTRACT(")
	c.Write(string(x.Field))
	c.Write(" FROM ")
	c.Expr(x.X, ast.PrecLowest+1)
	c.buf = append(c.buf, ')')
}

func renderExcluded(c *Ctx, n ast.Node) {
	x := n.(*ast.ExcludedExpr)
	if !c.inUpsert {
		c.Failf("excluded.%s used outside an upsert's DO UPDATE", x.Col.Name)
		return
	}
	c.Write("excluded.")
	c.ColumnName(x.Col)
}

func renderGroupingSet(c *Ctx, n ast.Node) {
	g := n.(*ast.GroupingSet)
	switch g.Op {
	case ast.GroupRollup:
		if !c.Has(Rollup) {
			c.Unsupported("GROUP BY ROLLUP", "")
			return
		}
		c.Write("ROLLUP ")
	case ast.GroupCube:
		if !c.Has(Cube) {
			c.Unsupported("GROUP BY CUBE", "")
			return
		}
		c.Write("CUBE ")
	case ast.GroupSets:
		if !c.Has(GroupingSets) {
			c.Unsupported("GROUP BY GROUPING SETS", "")
			return
		}
		c.Write("GROUPING SETS ")
	default:
		c.Failf("unknown grouping form %d", g.Op)
		return
	}
	c.buf = append(c.buf, '(')
	for i, set := range g.Sets {
		if i > 0 {
			c.Write(", ")
		}
		if g.Op != ast.GroupSets && len(set) == 1 {
			c.Expr(set[0], ast.PrecLowest+1)
			continue
		}
		c.buf = append(c.buf, '(')
		c.List(set)
		c.buf = append(c.buf, ')')
	}
	c.buf = append(c.buf, ')')
}

func renderOrder(c *Ctx, n ast.Node) {
	o := n.(*ast.Order)
	if o.Nulls != ast.NullsDefault && !c.Has(NullsOrdering) {
		// Emulate NULLS FIRST/LAST with a leading sort on x IS NULL (1 sorts after 0).
		// A label's expression, not its name: MySQL cannot use an aggregate's label
		// inside an expression. Compound ORDER BY has only names to offer.
		if l, ok := o.X.(*ast.Label); ok && !c.unqualified {
			c.Expr(l.X, ast.PrecComparison+1)
		} else {
			c.orderExpr(o.X)
		}
		if o.Nulls == ast.NullsFirst {
			c.Write(" IS NULL DESC, ")
		} else {
			c.Write(" IS NULL, ")
		}
		c.orderExpr(o.X)
		if o.Desc {
			c.Write(" DESC")
		}
		return
	}
	c.orderExpr(o.X)
	if o.Desc {
		c.Write(" DESC")
	}
	switch o.Nulls {
	case ast.NullsFirst:
		c.Write(" NULLS FIRST")
	case ast.NullsLast:
		c.Write(" NULLS LAST")
	}
}

// orderExpr renders an ORDER BY expression; a label orders by its name.
func (c *Ctx) orderExpr(e ast.Expr) {
	if l, ok := e.(*ast.Label); ok {
		c.Ident(l.Name)
		return
	}
	c.groupingExpr(e, ast.PrecComparison+1)
}

// groupingExpr renders an ORDER BY or GROUP BY item. A bound parameter rendered inline
// would read as a column position (ORDER BY 2), so it is written as a cast, which
// keeps the constant a constant as the bound form has it.
func (c *Ctx) groupingExpr(e ast.Expr, prec int) {
	if p, ok := e.(*ast.BindParam); ok && c.flags&InlineLiterals != 0 && !p.Expanding {
		name, err := c.d.TypeName(types.BigInteger, true)
		if err == nil {
			c.Write("CAST(")
			c.Param(p)
			c.Write(" AS ")
			c.Write(name)
			c.buf = append(c.buf, ')')
			return
		}
	}
	c.Expr(e, prec)
}

// OrderBy renders " ORDER BY items" when there are items.
func (c *Ctx) OrderBy(items []*ast.Order) {
	if len(items) == 0 {
		return
	}
	c.Write(" ORDER BY ")
	c.orderItems(items)
}

func (c *Ctx) orderItems(items []*ast.Order) {
	for i, o := range items {
		if i > 0 {
			c.Write(", ")
		}
		if o == nil {
			c.Failf("nil ORDER BY item")
			return
		}
		c.Node(o)
	}
}

// ValuesRows renders VALUES (…), (…).
func (c *Ctx) ValuesRows(v *ast.ValuesList) {
	if err := v.Validate(); err != nil {
		c.Fail(&CompileError{Dialect: c.d.Name, Err: err})
		return
	}
	c.Write("VALUES ")
	for i, row := range v.Rows {
		if i > 0 {
			c.Write(", ")
		}
		c.buf = append(c.buf, '(')
		c.UntypedList(row)
		c.buf = append(c.buf, ')')
	}
}

// isNil reports an interface holding a typed nil pointer.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}
