package fuzz

// The generator's expressions: values, parameters and literals, column references,
// expressions of each kind, and conditions.

import (
	"time"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/types"
)

// ---- values, parameters and literals ----

// goValue returns a Go value of kind k; its Go type comes from the shape bytes, its
// content from the value seed.
func (g *gen) goValue(k kind) any {
	switch k {
	case kInt:
		if !g.exec() {
			switch g.src.intn(8) {
			case 1:
				return int(g.val.int())
			case 2:
				return int32(g.val.int())
			case 3:
				return uint8(g.val.int())
			}
		}
		return g.val.int()
	case kFloat:
		switch g.src.intn(6) {
		case 1:
			return g.val.int() // score > 90: an integer for a DOUBLE
		case 2:
			if !g.exec() {
				return float32(g.val.float())
			}
		}
		return g.val.float()
	case kNum:
		// Expressions of this kind are NUMERIC or, after a division, DOUBLE: both take
		// integers and floats. Exact decimals in text go through TypedParam (see param).
		if g.src.bool() {
			return g.val.int()
		}
		return g.val.float()
	case kText:
		if !g.exec() && g.src.oneIn(10) {
			return []byte(g.val.text(!g.inline))
		}
		return g.val.text(!g.inline)
	case kBool:
		return g.val.r.IntN(2) == 1
	case kTime:
		return g.val.time()
	}
	return nil
}

// valueOrNil is goValue, or now and then a Go nil.
func (g *gen) valueOrNil(k kind) any {
	if g.src.oneIn(8) {
		return nil
	}
	return g.goValue(k)
}

// param returns a bound parameter of kind k in one of the ways a user writes one.
func (g *gen) param(k kind) ast.Expr {
	switch g.src.intn(8) {
	case 1:
		if k == kNum {
			return ast.TypedParam(g.val.decimal(), typeOf(k))
		}
		return ast.TypedParam(g.goValue(k), typeOf(k))
	case 2:
		if g.src.oneIn(3) {
			return ast.TypedParam(nil, typeOf(k))
		}
		if k != kNum { // typed after its Go value, which would make a NUMERIC a BIGINT
			return ast.Param(g.goValue(k))
		}
	case 3:
		if !g.exec() {
			// A few names only, so that one name is used twice: with equal values it is
			// one parameter, with different ones a CompileError.
			name := []string{"p", "q", "Mixed", "x y"}[g.src.intn(4)]
			return ast.NamedValue(name, g.goValue(k))
		}
	case 4:
		if !g.exec() {
			name := []string{"n1", "n2", "n3"}[g.src.intn(3)]
			if _, ok := g.named[name]; !ok {
				g.named[name] = g.goValue(k)
			}
			return ast.Named(name)
		}
	}
	return ast.TypedParam(g.goValue(k), typeOf(k))
}

var litStrings = []string{"", "a", "it's", `back\slash`, "%_", "ü", "x y", "--", "/*", "$1", ":p", "?", "paid", "ann"}

// lit returns an inline literal of kind k. Literal values are part of the shape, so
// they come from the shape bytes.
func (g *gen) lit(k kind) ast.Expr {
	if g.src.oneIn(10) {
		return ast.Null()
	}
	switch k {
	case kInt:
		return ast.Lit(interestingInts[g.src.intn(len(interestingInts))])
	case kFloat:
		return ast.Lit(interestingFloats[g.src.intn(len(interestingFloats))])
	case kNum:
		return &ast.Literal{Value: []int64{0, 1, 25, -3, 100}[g.src.intn(5)], Type: typeOf(kNum)}
	case kText:
		return ast.Lit(litStrings[g.src.intn(len(litStrings))])
	case kBool:
		if g.src.bool() {
			return ast.True()
		}
		return ast.False()
	case kTime:
		return ast.Lit(time.Date(2024, 2, 1+g.src.intn(28), 8, 0, 0, 0, time.UTC))
	}
	return ast.Null()
}

// ---- column references ----

func (g *gen) pushScope(rs ...rel) { g.scopes = append(g.scopes, rs) }
func (g *gen) popScope()           { g.scopes = g.scopes[:len(g.scopes)-1] }

// addToScope adds r to the innermost scope.
func (g *gen) addToScope(r rel) {
	n := len(g.scopes) - 1
	g.scopes[n] = append(g.scopes[n], r)
}

// column returns a reference to a visible column of kind k, or nil when none is.
func (g *gen) column(k kind) ast.Expr {
	if g.ctx.grouped {
		var keys []ast.Expr
		for _, key := range g.ctx.keys {
			if key.k == k {
				keys = append(keys, key.e)
			}
		}
		if len(keys) == 0 {
			return nil
		}
		return keys[g.src.intn(len(keys))]
	}
	type cand struct {
		r rel
		c column
	}
	var cands []cand
	for i := len(g.scopes) - 1; i >= 0; i-- {
		for _, r := range g.scopes[i] {
			for _, c := range r.cols {
				if c.kind == k {
					cands = append(cands, cand{r, c})
				}
			}
		}
	}
	if len(cands) == 0 {
		return nil
	}
	c := cands[g.src.intn(len(cands))]
	return c.r.col(c.c)
}

// leaf returns a column of kind k, a parameter or a literal.
func (g *gen) leaf(k kind) ast.Expr {
	switch g.src.intn(6) {
	case 0, 1, 2:
		if c := g.column(k); c != nil {
			return c
		}
		return g.param(k)
	case 3, 4:
		return g.param(k)
	}
	return g.lit(k)
}

// ---- expressions ----

// expr returns an expression of kind k.
func (g *gen) expr(k kind) ast.Expr {
	if !g.enter() {
		return g.leaf(k)
	}
	defer g.leave()
	switch g.src.intn(14) {
	case 3:
		return g.param(k)
	case 4:
		return g.lit(k)
	case 5, 6:
		return g.operator(k)
	case 7:
		return g.caseExpr(k)
	case 8:
		return g.cast(k)
	case 9:
		return g.function(k)
	case 10:
		if g.ctx.agg {
			return g.aggregate(k)
		}
	case 11:
		if g.ctx.win {
			if w := g.window(k); w != nil {
				return w
			}
		}
	case 12:
		if s := g.scalar(k); s != nil {
			return s
		}
	case 13:
		first := g.expr(k)
		rest := make([]any, g.src.count(1, 3))
		for i := range rest {
			if g.src.oneIn(3) {
				rest[i] = g.goValue(k)
			} else {
				rest[i] = g.expr(k)
			}
		}
		return ast.Coalesce(first, rest...)
	}
	return g.leaf(k)
}

// operand returns an expression of kind k, or a Go value that the operator's
// constructor binds typed like its other operand.
func (g *gen) operand(k kind) any {
	if g.src.oneIn(3) {
		return g.goValue(k)
	}
	return g.expr(k)
}

// result returns an expression of kind k, or a parameter typed as k: a CASE result or
// a VALUES cell, which no other operand types.
func (g *gen) result(k kind) ast.Expr {
	if g.src.oneIn(3) {
		return ast.TypedParam(g.goValue(k), typeOf(k))
	}
	return g.expr(k)
}

func (g *gen) operator(k kind) ast.Expr {
	switch k {
	case kInt:
		ops := []func(l, r any) ast.Expr{ast.Add, ast.Sub, ast.Mul, ast.IntDiv, ast.Mod, ast.BitAnd, ast.BitOr, ast.BitXor, ast.ShiftLeft, ast.ShiftRight}
		switch i := g.src.intn(len(ops) + 2); i {
		case len(ops):
			return ast.Neg(g.expr(k))
		case len(ops) + 1:
			return ast.BitNot(g.expr(k))
		default:
			l := g.expr(k)
			if g.src.oneIn(4) {
				return ops[i](g.goValue(k), l) // a Go value on the left
			}
			return ops[i](l, g.operand(k))
		}
	case kFloat, kNum:
		ops := []func(l, r any) ast.Expr{ast.Add, ast.Sub, ast.Mul, ast.Div}
		i := g.src.intn(len(ops) + 2)
		if i == len(ops) {
			return ast.Neg(g.expr(k))
		}
		if i == len(ops)+1 {
			// A division of integers is a true division.
			return ast.Div(g.expr(kInt), g.operand(kInt))
		}
		return ops[i](g.expr(k), g.operand(k))
	case kText:
		more := make([]any, g.src.intn(3))
		for i := range more {
			more[i] = g.operand(kText)
		}
		return ast.Concat(g.expr(kText), g.operand(kText), more...)
	case kBool:
		return g.cond()
	}
	return g.leaf(k)
}

func (g *gen) caseExpr(k kind) ast.Expr {
	n := g.src.count(1, 3)
	whens := make([]ast.When, n)
	var c *ast.CaseExpr
	if g.src.bool() {
		for i := range whens {
			whens[i] = ast.WhenThen(g.cond(), g.result(k))
		}
		c = ast.Case(whens...)
	} else {
		ok := g.pickKind()
		operand := g.expr(ok)
		for i := range whens {
			var cond any
			if g.src.bool() {
				cond = g.goValue(ok)
			} else {
				cond = g.expr(ok)
			}
			whens[i] = ast.WhenThen(cond, g.result(k))
		}
		c = ast.SimpleCase(operand, whens...)
	}
	if g.src.bool() {
		c = c.ElseResult(g.result(k))
	}
	return c
}

// Cast targets that some dialects lack, for compile mode.
var oddCasts = []*types.Type{
	types.String(10), types.FixedChar(3), types.Decimal(5, 2), types.TimestampP(3, true),
	types.DateType, types.TimeType, types.UUIDType, types.JSONType, types.ArrayOf(types.Integer),
	types.IntervalType, types.Bytes, types.Real, types.SmallInteger, types.BigInteger,
	types.Enum("mood", "sad", "ok"), types.TimeWithZone, {},
}

func (g *gen) cast(k kind) ast.Expr {
	from := g.pickKind()
	if g.exec() {
		// SQLite converts anything; keep to casts whose result has kind k.
		return ast.Cast(g.expr(from), typeOf(k))
	}
	if g.src.oneIn(4) {
		return ast.Cast(g.expr(from), oddCasts[g.src.intn(len(oddCasts))])
	}
	return ast.Cast(g.operand(from), typeOf(k))
}

func (g *gen) function(k kind) ast.Expr {
	switch k {
	case kInt:
		switch g.src.intn(3) {
		case 1:
			return ast.Abs(g.expr(kInt))
		case 2:
			parts := []ast.DatePart{ast.Year, ast.Month, ast.Day, ast.Hour, ast.Minute, ast.Second, ast.DayOfWeek, ast.DayOfYear, ast.Quarter, ast.Week, ast.Epoch, ast.Microsecond}
			p := parts[g.src.intn(len(parts))]
			if g.exec() && (p == ast.Epoch || p == ast.Week) {
				p = ast.Year // %s and %V vary with the SQLite version
			}
			return ast.Extract(p, g.expr(kTime))
		}
		return ast.Length(g.expr(kText))
	case kFloat, kNum:
		switch g.src.intn(4) {
		case 1:
			return ast.Abs(g.expr(k))
		case 2:
			if !g.exec() {
				return ast.Power(g.expr(k), g.operand(kInt))
			}
		case 3:
			return ast.Round(g.expr(k))
		}
		return ast.Round(g.expr(k), g.val.small())
	case kText:
		switch g.src.intn(5) {
		case 4:
			names := []string{"NOCASE", "binary", "RTRIM"}
			if !g.exec() {
				names = append(names, "C", "utf8mb4_bin", "und-x-icu", "Mixed Case", "")
			}
			return ast.Collate(g.expr(kText), names[g.src.intn(len(names))])
		case 1:
			return ast.Upper(g.expr(kText))
		case 2:
			return ast.NullIf(g.expr(kText), g.operand(kText))
		case 3:
			if !g.exec() {
				return ast.Fn("substr", g.expr(kText), g.operand(kInt))
			}
		}
		return ast.Lower(g.expr(kText))
	case kTime:
		if !g.exec() && g.src.oneIn(3) {
			return []ast.Expr{ast.Now(), ast.CurrentTimestamp(), ast.CurrentDate()}[g.src.intn(3)]
		}
	case kBool:
		return g.cond()
	}
	return g.leaf(k)
}

// aggregate returns an aggregate of kind k. Its argument may not hold another
// aggregate and reads any column of the FROM clause.
func (g *gen) aggregate(k kind) ast.Expr {
	saved, savedScopes := g.ctx, g.scopes
	g.ctx = exprCtx{}
	if g.exec() && len(g.scopes) > 1 {
		// An aggregate over an enclosing query's columns belongs to that query, so
		// SQL may refuse it there; keep to this query's own FROM items.
		g.scopes = g.scopes[len(g.scopes)-1:]
	}
	defer func() { g.ctx, g.scopes = saved, savedScopes }()
	var f *ast.Func
	switch k {
	case kInt:
		switch g.src.intn(4) {
		case 1:
			f = ast.Count(g.expr(g.pickKind()))
		case 2:
			f = ast.CountDistinct(g.expr(g.pickKind()))
		case 3:
			f = ast.Sum(g.expr(kInt))
		default:
			f = ast.Count()
		}
	case kFloat, kNum:
		switch g.src.intn(4) {
		case 1:
			f = ast.Sum(g.expr(k))
		case 2:
			f = ast.Avg(g.expr(kInt))
		case 3:
			f = ast.Min(g.expr(k))
		default:
			f = ast.Max(g.expr(k))
		}
	case kText:
		if !g.exec() && g.src.oneIn(3) {
			f = ast.StringAgg(g.expr(kText), []string{",", "; ", "'"}[g.src.intn(3)])
			if g.src.oneIn(3) {
				f = f.WithDistinct()
			}
		} else if g.src.bool() {
			f = ast.Min(g.expr(kText))
		} else {
			f = ast.Max(g.expr(kText))
		}
	default:
		if g.src.bool() {
			f = ast.Min(g.expr(k))
		} else {
			f = ast.Max(g.expr(k))
		}
	}
	if g.src.oneIn(4) {
		f = f.FilterWhere(g.cond())
	}
	if !g.exec() && g.src.oneIn(8) {
		f = ast.PercentileCont(g.val.float()).OrderedWithin(ast.Asc(g.expr(kFloat)))
	}
	return f
}

// window returns a window function of kind k, or nil.
func (g *gen) window(k kind) ast.Expr {
	saved, savedScopes := g.ctx, g.scopes
	g.ctx = exprCtx{}
	if g.exec() && len(g.scopes) > 1 {
		g.scopes = g.scopes[len(g.scopes)-1:]
	}
	defer func() { g.ctx, g.scopes = saved, savedScopes }()
	w := ast.OverWindow()
	if n := g.src.intn(3); n > 0 {
		parts := make([]ast.Expr, n)
		for i := range parts {
			parts[i] = g.expr(g.pickKind())
		}
		w = w.PartitionedBy(parts...)
	}
	if g.exec() {
		// Whole-partition aggregates: no ORDER BY, so ties cannot change the answer.
		switch k {
		case kInt:
			if g.src.bool() {
				return ast.Count().Over(w)
			}
			return ast.Sum(g.expr(kInt)).Over(w)
		case kText, kTime:
			return ast.Max(g.expr(k)).Over(w)
		}
		return nil
	}
	if g.src.bool() {
		w = w.OrderedBy(g.order(g.expr(g.pickKind())))
	}
	switch g.src.intn(4) {
	case 1:
		w = w.RowsBetween(ast.PrecedingBy(1+g.src.intn(3)), ast.Current())
	case 2:
		w = w.RangeBetween(ast.Unbounded(), ast.FollowingBy(g.src.intn(3)))
	case 3:
		w = w.GroupsBetween(ast.Current(), ast.Unbounded()).Excluding(ast.FrameExclude(g.src.intn(4)))
	}
	switch k {
	case kInt:
		return []*ast.Func{ast.RowNumber(), ast.Rank(), ast.DenseRank(), ast.Count()}[g.src.intn(4)].Over(w)
	case kFloat, kNum:
		return ast.Sum(g.expr(k)).Over(w)
	}
	return ast.Max(g.expr(k)).Over(w)
}

// scalar returns a scalar subquery of kind k, or nil when too deep.
func (g *gen) scalar(k kind) ast.Expr {
	if !g.roomForQuery() {
		return nil
	}
	s, _ := g.subquery([]kind{k}, true)
	if g.src.bool() {
		return ast.ExprOf(s)
	}
	return s.Scalar()
}

// subquery builds a SELECT used inside an expression. It may refer to the columns of
// enclosing queries, except from a grouped context, where they would not be grouped.
func (g *gen) subquery(want []kind, scalar bool) (ast.SelectStmt, []column) {
	savedScopes, savedCtx := g.scopes, g.ctx
	if g.ctx.grouped {
		g.scopes = nil
	}
	g.ctx = exprCtx{}
	s, cols := g.selectStmt(want, scalar)
	g.scopes, g.ctx = savedScopes, savedCtx
	return s, cols
}

// ---- conditions ----

// cond returns a boolean condition.
func (g *gen) cond() ast.Expr {
	if !g.enter() {
		return g.simpleCond()
	}
	defer g.leave()
	switch g.src.intn(19) {
	case 16:
		if !g.exec() {
			return g.text()
		}
	case 1:
		items := make([]ast.Expr, g.src.count(2, 4))
		for i := range items {
			items[i] = g.cond()
		}
		if g.src.bool() {
			return ast.Or(items...)
		}
		return ast.And(items...)
	case 2:
		return ast.Not(g.cond())
	case 3:
		return g.like()
	case 4, 5:
		return g.inList()
	case 6:
		if g.roomForQuery() {
			k := g.pickKind()
			x := g.expr(k)
			q, _ := g.subquery([]kind{k}, false)
			if g.src.bool() {
				return ast.NotInQuery(x, q)
			}
			return ast.InQuery(x, q)
		}
	case 7:
		k := g.pickKind()
		x := g.expr(k)
		if g.src.bool() {
			return ast.NotBetween(x, g.operand(k), g.operand(k))
		}
		return ast.Between(x, g.operand(k), g.operand(k))
	case 8:
		x := g.expr(g.pickKind())
		if g.src.bool() {
			return ast.IsNotNull(x)
		}
		return ast.IsNull(x)
	case 9:
		k := g.pickKind()
		if g.src.bool() {
			return ast.IsNotDistinctFrom(g.expr(k), g.operand(k))
		}
		return ast.IsDistinctFrom(g.expr(k), g.operand(k))
	case 10:
		if g.roomForQuery() {
			q, _ := g.subquery(g.kinds(1, 2), false)
			if g.src.bool() {
				return ast.NotExists(q)
			}
			return ast.Exists(q)
		}
	case 11:
		if c := g.column(kBool); c != nil {
			return c
		}
		return g.lit(kBool)
	case 12:
		pattern := any(g.expr(kText))
		// Exec mode matches valid patterns only: SQLite reports a bad one when it first
		// evaluates it, which depends on the plan.
		if g.src.bool() || g.exec() {
			pattern = []string{"^a", "n$", "[0-9]", "e.e", "^$", "a|b", ".*"}[g.src.intn(7)] // valid everywhere
		}
		switch g.src.intn(3) {
		case 1:
			return ast.NotRegexpMatch(g.expr(kText), pattern)
		case 2:
			if !g.exec() {
				return ast.RegexpMatchFold(g.expr(kText), pattern)
			}
		}
		return ast.RegexpMatch(g.expr(kText), pattern)
	case 13:
		if !g.exec() {
			return g.tupleIn()
		}
	case 14:
		if !g.exec() && g.roomForQuery() {
			k := g.pickKind()
			x := g.expr(k)
			q, _ := g.subquery([]kind{k}, false)
			quant := ast.Any(q)
			if g.src.bool() {
				quant = ast.All(q)
			}
			return []func(l, r any) ast.Expr{ast.Eq, ast.Ne, ast.Lt, ast.Ge}[g.src.intn(4)](x, quant)
		}
	case 15:
		if g.ctx.agg {
			return g.compare(g.aggregate(kInt), kInt)
		}
	}
	return g.compare(nil, g.pickKind())
}

// simpleCond is a condition without nesting.
func (g *gen) simpleCond() ast.Expr {
	k := g.pickKind()
	switch g.src.intn(3) {
	case 1:
		return ast.IsNull(g.leaf(k))
	case 2:
		return g.lit(kBool)
	}
	l := g.leaf(k)
	return ast.Eq(l, g.leafOrValue(k))
}

func (g *gen) leafOrValue(k kind) any {
	if g.src.bool() {
		return g.goValue(k)
	}
	return g.leaf(k)
}

var comparisons = []func(l, r any) ast.Expr{ast.Eq, ast.Ne, ast.Lt, ast.Le, ast.Gt, ast.Ge}

// compare compares l (or a new expression of kind k) with something of kind k.
func (g *gen) compare(l ast.Expr, k kind) ast.Expr {
	if l == nil {
		l = g.expr(k)
	}
	op := comparisons[g.src.intn(len(comparisons))]
	switch g.src.intn(5) {
	case 1:
		if g.src.oneIn(3) {
			return ast.Eq(l, nil) // IS NULL, as SQLAlchemy does for == None
		}
		return op(l, g.valueOrNil(k))
	case 2:
		return op(g.goValue(k), l) // a Go value on the left
	}
	return op(l, g.expr(k))
}

func (g *gen) like() ast.Expr {
	x := g.expr(kText)
	if g.src.oneIn(3) {
		s := g.val.text(!g.inline)
		if g.exec() {
			s = []string{"a", "%", "_", "e", "ann", "50%", "A-", "/"}[g.val.r.IntN(8)]
		}
		helpers := []func(ast.Expr, any) ast.Expr{ast.StartsWith, ast.EndsWith, ast.Contains, ast.IContains}
		return helpers[g.src.intn(len(helpers))](x, s)
	}
	var pattern any
	if g.src.bool() {
		pattern = g.val.text(!g.inline)
	} else {
		pattern = g.expr(kText)
	}
	var l *ast.LikeExpr
	switch g.src.intn(4) {
	case 1:
		l = ast.NotLike(x, pattern)
	case 2:
		l = ast.ILike(x, pattern)
	case 3:
		l = ast.NotILike(x, pattern)
	default:
		l = ast.Like(x, pattern)
	}
	if g.src.oneIn(3) {
		esc := []string{"/", "!", "#", "\\", "'"}[g.src.intn(5)]
		if !g.exec() && g.src.oneIn(10) {
			esc = "ab" // more than one character: a CompileError
		}
		l = l.WithEscape(esc)
	}
	return l
}

// inList returns x [NOT] IN (…) with a list of expressions, Go values and expanding
// lists, possibly empty.
func (g *gen) inList() ast.Expr {
	k := g.pickKind()
	x := g.expr(k)
	n := g.src.intn(maxList + 1)
	vals := make([]any, 0, n)
	for range n {
		switch g.src.intn(4) {
		case 1:
			vals = append(vals, g.expr(k))
		case 2:
			if !g.exec() && g.src.oneIn(3) {
				vals = append(vals, g.namedList(k))
			} else {
				vals = append(vals, g.expanding(k))
			}
		default:
			vals = append(vals, g.goValue(k))
		}
	}
	if g.src.bool() {
		return ast.NotIn(x, vals...)
	}
	return ast.In(x, vals...)
}

// expanding returns an ast.List of 0 to 5 values of kind k.
func (g *gen) expanding(k kind) *ast.BindParam {
	n := g.src.intn(maxList + 1)
	var p *ast.BindParam
	switch k {
	case kInt:
		s := make([]int64, n)
		for i := range s {
			s[i] = g.val.int()
		}
		p = ast.List(s)
	case kText:
		s := make([]string, n)
		for i := range s {
			s[i] = g.val.text(!g.inline)
		}
		p = ast.List(s)
	case kFloat:
		s := make([]float64, n)
		for i := range s {
			s[i] = g.val.float()
		}
		p = ast.List(s)
	default:
		s := make([]any, n)
		for i := range s {
			s[i] = g.goValue(k)
		}
		p = ast.List(s)
	}
	if g.src.oneIn(3) {
		p = p.WithType(typeOf(k))
	}
	return p
}

// namedList returns a deferred expanding parameter, ast.Named(…).AsExpanding(), whose
// list the statement is compiled with: its length is part of the shape.
func (g *gen) namedList(k kind) *ast.BindParam {
	name := []string{"l1", "l2"}[g.src.intn(2)]
	if _, ok := g.lists[name]; !ok {
		s := make([]any, g.src.intn(maxList+1))
		for i := range s {
			s[i] = g.goValue(k)
		}
		g.lists[name] = s
	}
	return ast.Named(name).AsExpanding()
}

// Raw SQL conditions, each with a parameter :tp and text that looks like one but is
// not (inside quotes, a :: cast).
var textConds = []string{
	"1 = :tp",
	"'a:b' <> :tp",
	"(:tp) IS NOT NULL",
	"CAST(:tp AS TEXT) <> 'it''s :x'",
	"coalesce(:tp, :tp) IS NULL",
	"'::tp' = 'x' OR :tp IS NULL",
}

// text returns a raw SQL condition with its parameter bound now, later by name, or
// typed and bound with BindParams.
func (g *gen) text() ast.Expr {
	if g.src.oneIn(4) {
		t := ast.Text("1 IN (:ids)")
		p := ast.NamedValue("ids", []any{g.goValue(kInt)})
		if g.src.bool() {
			p = ast.NamedValue("ids", make([]int64, g.src.intn(3))) // empty: a CompileError
		}
		return t.BindParams(p.AsExpanding())
	}
	t := ast.Text(textConds[g.src.intn(len(textConds))])
	k := g.pickKind()
	switch g.src.intn(3) {
	case 1:
		return t.BindParams(ast.NamedValue("tp", g.goValue(k)).WithType(typeOf(k)))
	case 2:
		if _, ok := g.named["tp"]; !ok {
			g.named["tp"] = g.goValue(k)
		}
		return t
	}
	return t.Bind("tp", g.goValue(k))
}

// tupleIn returns (a, b) IN ((…), (…)), with tuples or an expanding list of tuples.
func (g *gen) tupleIn() ast.Expr {
	k1, k2 := g.pickKind(), g.pickKind()
	x := ast.Tuple(g.expr(k1), g.expr(k2))
	n := g.src.intn(4)
	if g.src.bool() {
		rows := make([]any, n)
		for i := range rows {
			rows[i] = []any{g.goValue(k1), g.goValue(k2)}
		}
		return ast.In(x, ast.List(rows))
	}
	vals := make([]any, n)
	for i := range vals {
		vals[i] = ast.Tuple(g.goValue(k1), g.expr(k2))
	}
	return ast.In(x, vals...)
}

func (g *gen) order(x ast.Expr) *ast.Order {
	o := ast.Asc(x)
	if g.src.bool() {
		o = ast.Desc(x)
	}
	switch g.src.intn(3) {
	case 1:
		o = o.WithNullsFirst()
	case 2:
		o = o.WithNullsLast()
	}
	return o
}
