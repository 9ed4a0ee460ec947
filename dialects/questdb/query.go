package questdb

import (
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/types"
)

// installQueryRules installs the rules for standard SQL that QuestDB spells its own
// way, lacks and needs emulated, or lacks outright (issue 6, item 2).
func installQueryRules(r *compiler.Rules) {
	r.Wrap(ast.KindSelect, wrapSelect)
	r.Set(ast.KindLimit, renderLimit)
	r.Wrap(ast.KindBinary, wrapBinary)
	r.Wrap(ast.KindOrder, wrapOrder)
	r.Wrap(ast.KindColumn, wrapColumn)
	r.Wrap(ast.KindStar, wrapStar)
	r.Set(ast.KindTable, renderTable)
	r.Wrap(ast.KindAlias, wrapAlias)
	r.Wrap(ast.KindIn, wrapIn)
	r.Wrap(ast.KindBetween, wrapBetween)
	r.Wrap(ast.KindCTE, wrapCTE)
	r.Set(ast.KindUpdate, renderUpdate)
	r.Wrap(ast.KindInsert, wrapInsert)
	r.Wrap(ast.KindDelete, wrapDelete)
	r.Set(ast.KindOnConflict, renderOnConflict)
	r.Set(ast.KindCollate, func(c *compiler.Ctx, n ast.Node) {
		c.Unsupported("COLLATE", "QuestDB compares strings by code point; compare lower(x) for a case-insensitive match")
	})
	r.SetFunc(ast.FuncRandom, compiler.RenamedFunc("rnd_double"))
	r.SetFunc(ast.FuncCurrentTimestamp, noArgs("now()"))
	// The start of today (UTC) as a timestamp: QuestDB's DATE is an instant too.
	r.SetFunc(ast.FuncCurrentDate, noArgs("timestamp_floor('d', now())"))
}

// noArgs returns a function rule writing text for a niladic function.
func noArgs(text string) compiler.FuncRenderFunc {
	return func(c *compiler.Ctx, f *ast.Func) {
		if len(f.Args) > 0 || f.Window != nil || f.Filter != nil {
			c.Failf("%s takes no arguments, FILTER or OVER", f.Name)
			return
		}
		c.Write(text)
	}
}

// wrapSelect refuses the SELECT forms QuestDB lacks, checks this package's clauses
// against the select list, rewrites HAVING into a filtered subquery, and gives a
// FROM-less SELECT with a WHERE clause the one-row table QuestDB needs.
func wrapSelect(next compiler.RenderFunc) compiler.RenderFunc {
	return func(c *compiler.Ctx, n ast.Node) {
		s := n.(ast.SelectStmt)
		p := s.Parts()
		switch {
		case len(p.DistinctOn) > 0:
			c.Unsupported("DISTINCT ON", "QuestDB's form of it is LATEST ON ts PARTITION BY …: questdb.LatestOn")
			return
		case len(p.Windows) > 0:
			c.Unsupported("the WINDOW clause (named windows)", "write each window in full in OVER (…)")
			return
		}
		if !checkCTEs(c, p.With) || !checkClauses(c, &p) {
			return
		}
		if p.Having != nil {
			if p.Lock != nil {
				c.Node(p.Lock) // refused with RenderLock's own message
				return
			}
			if len(c.Scope()) > 0 && (len(p.From) == 0 || p.Correlation != ast.CorrelateAuto || len(p.Correlate) > 0) {
				// The rewrite moves the FROM items into a derived table, where nothing
				// correlates: an inferred or correlated FROM item of a subquery would
				// silently stop referring to the enclosing query.
				c.Unsupported("HAVING in a subquery whose FROM is inferred or correlated",
					"QuestDB has no HAVING and no correlated subqueries: give the subquery an explicit FROM "+
						"(From(…)), or use a join or LATEST ON")
				return
			}
			renderHaving(c, &p)
			return
		}
		if len(p.From) == 0 && p.Where != nil && !refersToColumns(&p) {
			// SELECT 1 WHERE … is a parse error on QuestDB; long_sequence(1) is its
			// one-row table (DUAL).
			c.Node(s.From(ast.TableFunc(ast.Fn("long_sequence", ast.Lit(1)), "one_row")))
			return
		}
		next(c, n)
	}
}

// refersToColumns reports whether the select list or WHERE clause of p refers to a
// column or star of some FROM item, outside subqueries: whether the compiler will
// infer a FROM clause for it.
func refersToColumns(p *ast.SelectParts) bool {
	found := false
	var visit func(e ast.Expr)
	visit = func(e ast.Expr) {
		if found || e == nil {
			return
		}
		switch x := e.(type) {
		case *ast.Column:
			found = x.From != nil
		case *ast.Star:
			found = x.From != nil
		case *ast.Label:
			visit(x.X)
		case *ast.Unary:
			visit(x.X)
		case *ast.Binary:
			visit(x.L)
			visit(x.R)
		case *ast.Bool:
			for _, it := range x.Items {
				visit(it)
			}
		case *ast.LikeExpr:
			visit(x.X)
			visit(x.Pattern)
		case *ast.BetweenExpr:
			visit(x.X)
			visit(x.Lo)
			visit(x.Hi)
		case *ast.InExpr:
			visit(x.X)
			for _, it := range x.List {
				visit(it)
			}
		case *ast.Func:
			for _, a := range x.Args {
				visit(a)
			}
		case *ast.CastExpr:
			visit(x.X)
		case *ast.ExtractExpr:
			visit(x.X)
		case *ast.TupleExpr:
			for _, it := range x.Items {
				visit(it)
			}
		case *ast.CaseExpr:
			visit(x.Operand)
			for _, w := range x.Whens {
				visit(w.Cond)
				visit(w.Result)
			}
			visit(x.Else)
		case ast.Parent:
			for _, ch := range x.Children() {
				if e, ok := ch.(ast.Expr); ok {
					visit(e)
				}
			}
		}
	}
	for _, e := range p.Columns {
		visit(e)
	}
	visit(p.Where)
	return found
}

// maxLimit stands for "no upper bound" in LIMIT lo, hi.
const maxLimit = math.MaxInt64

// renderLimit writes LIMIT for QuestDB, which has no OFFSET keyword (issue 6). Its
// LIMIT lo, hi returns rows lo+1 to hi, so OFFSET m LIMIT n is LIMIT m, m+n, and
// OFFSET m alone is LIMIT m, 2^63-1.
//
// m+n is worked out here, before the statement is sent: QuestDB reads each bound of
// LIMIT as one expression, and a bare $1 there is known to be typed LONG, while a sum
// of two untyped parameters ($1 + $2) would leave QuestDB to guess the addition's
// types. So the offset and the count must be integers known when compiling — Go
// values bound by Offset and Limit, or literals — and m+n travels as a parameter of
// its own (or as a literal when both are literals). A count or offset supplied only at
// execution (ast.Named) is refused there with an UnsupportedError.
//
// Negative values are refused: QuestDB reads LIMIT -n as "the last n rows", which
// neither LIMIT nor OFFSET means. A count or offset bound when building the statement
// is checked (an integer, at least 0, at most 2^63-1) and bound again by the rule
// with the checked value, so the plan holds a value and the plan cache compiles such
// statements afresh each time: a plan shared by shape would let a later statement's
// value past the check. The cost is a compilation, never a wrong row range. A value
// supplied only at execution, alone, is passed on as it is (the server's to read);
// literals are part of the statement's shape and stay cached.
func renderLimit(c *compiler.Ctx, n ast.Node) {
	l := n.(*ast.LimitClause)
	for _, e := range []ast.Expr{l.Limit, l.Offset} {
		if bad, ok := e.(*ast.Invalid); ok {
			c.Node(bad)
			return
		}
	}
	if l.WithTies {
		c.Unsupported("FETCH FIRST … WITH TIES", "order by a unique key and use LIMIT")
		return
	}
	if l.Offset == nil {
		if l.Limit != nil {
			c.Write(" LIMIT ")
			limitBound(c, l.Limit, "LIMIT")
		}
		return
	}
	if l.Limit == nil {
		c.Write(" LIMIT ")
		if limitBound(c, l.Offset, "OFFSET") {
			c.Write(", " + strconv.FormatInt(maxLimit, 10))
		}
		return
	}
	lo, loSrc, ok := knownInt(c, l.Offset, "OFFSET")
	if !ok {
		return
	}
	count, countSrc, ok := knownInt(c, l.Limit, "LIMIT")
	if !ok {
		return
	}
	if loSrc == fromServer || countSrc == fromServer {
		c.Unsupported("OFFSET with a value given only at execution or computed by the server",
			"QuestDB has no OFFSET: Strata writes LIMIT m, m+n and adds m+n up itself, so bind the offset and the count "+
				"when building the statement (Offset(20).Limit(10), ast.NamedValue) or use literals")
		return
	}
	hi := int64(maxLimit)
	if lo <= maxLimit-count {
		hi = lo + count
	}
	c.Write(" LIMIT ")
	writeInt(c, l.Offset, lo, loSrc)
	c.Write(", ")
	if loSrc == fromLiteral && countSrc == fromLiteral {
		c.Literal(hi, types.BigInteger)
		return
	}
	c.Bind(hi, types.BigInteger)
}

// Where a LIMIT or OFFSET value comes from.
const (
	fromServer  = iota // a deferred parameter or an expression: known only to the server
	fromLiteral        // a literal, part of the statement's shape
	fromBound          // a value bound when building the statement
)

// limitBound writes e as one bound of LIMIT, checked when its value is known, and
// reports whether it was written.
func limitBound(c *compiler.Ctx, e ast.Expr, what string) bool {
	v, src, ok := knownInt(c, e, what)
	if ok {
		writeInt(c, e, v, src)
	}
	return ok
}

// writeInt writes a LIMIT or OFFSET value checked by knownInt: a literal or an
// expression as it is, a bound value as a parameter the rule binds (see renderLimit).
func writeInt(c *compiler.Ctx, e ast.Expr, v int64, src int) {
	if src == fromBound {
		c.Bind(v, types.BigInteger)
		return
	}
	c.Expr(e, ast.PrecAtom)
}

// knownInt returns the value of e, a LIMIT or OFFSET, when it is known when compiling
// (a literal or a bound, not deferred, parameter) and says where it comes from. A known
// value must be an integer from 0 to 2^63-1; otherwise knownInt records a CompileError
// naming what (LIMIT or OFFSET) and reports false.
func knownInt(c *compiler.Ctx, e ast.Expr, what string) (v int64, src int, ok bool) {
	var x any
	switch e := e.(type) {
	case *ast.Literal:
		x, src = e.Value, fromLiteral
	case *ast.BindParam:
		if e.Deferred || e.Expanding {
			return 0, fromServer, true // Ctx.Param refuses an expanding list here
		}
		x, src = e.Value, fromBound
	default:
		return 0, fromServer, true
	}
	rv := reflect.ValueOf(x)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if v = rv.Int(); v < 0 {
			c.Failf("%s %d is negative", what, v)
			return 0, src, false
		}
		return v, src, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if u := rv.Uint(); u > maxLimit {
			c.Failf("%s %d is out of range (at most %d)", what, u, int64(maxLimit))
			return 0, src, false
		}
		return int64(rv.Uint()), src, true
	}
	c.Failf("%s must be an integer, not %T (%v)", what, x, x)
	return 0, src, false
}

// wrapBinary respells the operators QuestDB writes otherwise and refuses those it
// lacks.
func wrapBinary(next compiler.RenderFunc) compiler.RenderFunc {
	return func(c *compiler.Ctx, n ast.Node) {
		b := n.(*ast.Binary)
		switch b.Op {
		case ast.OpDiv:
			// QuestDB divides integers as integers (7 / 2 is 3): a DOUBLE divisor makes
			// the quotient true.
			if fractional(b.L) || fractional(b.R) {
				c.BinaryOp(b, "/")
				return
			}
			c.Expr(b.L, ast.PrecMultiply)
			c.Enclosed(" / CAST(", b.R, " AS DOUBLE)")
		case ast.OpIntDiv:
			c.Write("CAST(")
			c.Expr(b.L, ast.PrecMultiply)
			c.Write(" / ")
			c.Expr(b.R, ast.PrecMultiply+1)
			c.Write(" AS LONG)")
		case ast.OpBitXor:
			c.BinaryOp(b, "^") // QuestDB's ^ is XOR, not PostgreSQL's power
		case ast.OpIsDistinct, ast.OpIsNotDistinct:
			c.Unsupported(b.Op.String(), "compare with = and IS NULL: (a = b OR a IS NULL AND b IS NULL)")
		case ast.OpShiftLeft, ast.OpShiftRight:
			// QuestDB's << and >> test IPv4 subnet containment.
			c.Unsupported("bit shifts ("+b.Op.String()+")", "multiply or divide by a power of two")
		default:
			next(c, n)
		}
	}
}

func fractional(e ast.Expr) bool {
	t := ast.TypeOf(e)
	return t != nil && (t.Kind == types.Float || t.Kind == types.Double || t.Kind == types.Numeric)
}

// wrapOrder refuses NULLS FIRST and NULLS LAST, which QuestDB cannot parse.
func wrapOrder(next compiler.RenderFunc) compiler.RenderFunc {
	return func(c *compiler.Ctx, n ast.Node) {
		if o := n.(*ast.Order); o.Nulls != ast.NullsDefault {
			c.Unsupported("ORDER BY … NULLS FIRST/LAST",
				"sort on a leading key that puts NULLs where you want them: CASE WHEN x IS NULL THEN 0 ELSE 1 END")
			return
		}
		next(c, n)
	}
}

// wrapColumn refuses correlated subqueries, which QuestDB cannot run ("Invalid table
// name or alias"), and writes a public table's columns without the schema.
func wrapColumn(next compiler.RenderFunc) compiler.RenderFunc {
	return func(c *compiler.Ctx, n ast.Node) {
		col := n.(*ast.Column)
		scope := c.Scope()
		if col.From == nil || col.Missing || len(scope) == 0 || unqualified(c) {
			next(c, n)
			return
		}
		if !inScope(scope, col.From) {
			// Either the column belongs to an enclosing query — a correlated subquery —
			// or to no query at all, which the inherited rule reports as bad input.
			next(c, n)
			c.Unsupported("correlated subqueries",
				"join the tables, or use LATEST ON / ASOF JOIN for the latest row per key")
			return
		}
		if t, ok := col.From.(*ast.Table); ok && t.Schema == publicSchema {
			c.Ident(t.Name)
			c.Write(".")
			c.Ident(col.Name)
			return
		}
		next(c, n)
	}
}

// unqualified reports whether columns render without their table (the ORDER BY of a
// compound SELECT names result columns).
func unqualified(c *compiler.Ctx) bool {
	prev := c.SetUnqualified(false)
	c.SetUnqualified(prev)
	return prev
}

// inScope reports whether f is one of the FROM items of the current statement, by
// identity or by name as the compiler compares them.
func inScope(scope []ast.FromItem, f ast.FromItem) bool {
	fs, fn := ast.FromName(f)
	for _, it := range scope {
		if it == f {
			return true
		}
		if s, n := ast.FromName(it); fn != "" && n == fn && s == fs {
			return true
		}
	}
	return false
}

func wrapStar(next compiler.RenderFunc) compiler.RenderFunc {
	return func(c *compiler.Ctx, n ast.Node) {
		if t, ok := n.(*ast.Star).From.(*ast.Table); ok && t.Schema == publicSchema {
			c.Ident(t.Name)
			c.Write(".*")
			return
		}
		next(c, n)
	}
}

// publicSchema is QuestDB's one schema. QuestDB accepts it in a FROM clause; the
// dialect leaves it out of table and column references alike, so that a column's
// qualifier always matches its table's name in FROM.
const publicSchema = "public"

// checkSchema refuses a schema other than public: QuestDB has one namespace.
func checkSchema(c *compiler.Ctx, t *ast.Table) bool {
	if t == nil || t.Schema == "" || t.Schema == publicSchema {
		return true
	}
	c.Unsupported("schema "+strconv.Quote(t.Schema),
		"QuestDB has only the schema public: name the table without a schema (or prefix its name, like "+
			strconv.Quote(t.Schema+"_"+t.Name)+")")
	return false
}

func renderTable(c *compiler.Ctx, n ast.Node) {
	if t := n.(*ast.Table); checkSchema(c, t) {
		c.Ident(t.Name)
	}
}

func wrapAlias(next compiler.RenderFunc) compiler.RenderFunc {
	return func(c *compiler.Ctx, n ast.Node) {
		a := n.(*ast.Alias)
		switch of := a.Of.(type) {
		case *ast.Table:
			if !checkSchema(c, of) {
				return
			}
			if of.Schema != "" {
				b := *a
				b.Of = ast.T(of.Name)
				n = &b
			}
		case *ast.CTE:
			if !checkCTEs(c, []*ast.CTE{of}) {
				return
			}
		case *ast.Func:
			if len(a.Columns) > 0 {
				c.Unsupported("column aliases on a table function", "label the function's columns in the select list")
				return
			}
		}
		next(c, n)
	}
}

// wrapIn refuses row values on the left of IN, which QuestDB lacks (the ANSI rule
// would fall back to IN (VALUES …), which it lacks too).
func wrapIn(next compiler.RenderFunc) compiler.RenderFunc {
	return func(c *compiler.Ctx, n ast.Node) {
		if _, ok := n.(*ast.InExpr).X.(*ast.TupleExpr); ok {
			c.Unsupported("row values in IN: (a, b) IN (…)", "compare each column: (a = $1 AND b = $2) OR …")
			return
		}
		next(c, n)
	}
}

func wrapInsert(next compiler.RenderFunc) compiler.RenderFunc {
	return func(c *compiler.Ctx, n ast.Node) {
		p := n.(ast.InsertStmt).Parts()
		if !checkSchema(c, p.Table) {
			return
		}
		if p.DefaultValues && len(p.Rows) == 0 && p.Query == nil {
			c.Unsupported("INSERT … DEFAULT VALUES", "QuestDB has no column defaults: give every column's value")
			return
		}
		next(c, n)
	}
}

// wrapDelete refuses DELETE, which QuestDB does not have, once the inherited rule has
// found no fault in the statement: bad input is reported as such on every dialect.
func wrapDelete(next compiler.RenderFunc) compiler.RenderFunc {
	return func(c *compiler.Ctx, n ast.Node) {
		next(c, n)
		c.Unsupported("DELETE",
			"QuestDB removes whole partitions (ALTER TABLE … DROP PARTITION LIST '2024-01' | WHERE ts < …), "+
				"whole tables (TRUNCATE TABLE), or old rows by a table TTL; DEDUP UPSERT KEYS replaces rows on insert")
	}
}

// renderOnConflict refuses upserts, once the clause is known to be valid input.
func renderOnConflict(c *compiler.Ctx, n ast.Node) {
	if !c.ValidateUpsert(n.(*ast.OnConflict)) {
		return
	}
	c.Unsupported("INSERT … ON CONFLICT",
		"declare DEDUP UPSERT KEYS on the table (a WAL table, keys including the designated timestamp): "+
			"a plain INSERT then replaces the row with the same keys")
}

// havingName names the subquery that HAVING becomes, and prefixes the columns it adds
// for the values the select list lacks (having_1, …).
const havingName = "having_"

// renderHaving writes SELECT … GROUP BY … HAVING cond, which QuestDB lacks ("unexpected
// token [HAVING]"), as a filter on a subquery:
//
//	SELECT "having_"."a", "having_"."n" FROM (SELECT "a", count(*) AS "n" … GROUP BY "a") AS "having_"
//	WHERE "having_"."n" > $1
//
// Each value the condition tests (an aggregate, a grouped column) is found in the
// select list, by its label or column name, or added to the subquery as a column of
// its own (having_1, …) that the outer select list leaves out. ORDER BY is rewritten
// the same way, and DISTINCT, ORDER BY, LIMIT and the clauses placed after ORDER BY
// move to the outer query, since HAVING comes before them. Bound values stay the
// tree's own, so the plan cache keeps the statement — unless a value was matched to a
// select-list item or an added column that holds a bound parameter: ast.Equal
// compares the values, which the cache key leaves out, so such a statement is
// compiled each time (Ctx.Unshareable).
//
// A subquery (a statement inside another) whose FROM is inferred or correlated is
// refused: in the derived table that the rewrite makes of it nothing correlates. With
// SAMPLE BY … FILL(v1, v2, …), whose list has one value per selected aggregate, an
// aggregate that HAVING tests must be selected, since an added column would need a
// value of its own.
func renderHaving(c *compiler.Ctx, p *ast.SelectParts) {
	h := &havingRewrite{d: c.Dialect(), items: p.Columns, names: make([]string, len(p.Columns))}
	h.nameItems()
	// First pass: find or add a column for each value the outer query tests.
	h.expr(p.Having)
	for _, o := range p.OrderBy {
		if o != nil {
			h.expr(o.X)
		}
	}
	var outCols []ast.Expr
	named := h.allNamed()
	if len(h.hidden) > 0 && !named {
		c.Unsupported("HAVING on a condition the select list lacks, with an unnamed select-list item",
			"QuestDB has no HAVING: Strata filters a subquery, whose result columns must have names to be "+
				"selected again; label each expression with As(name) and do not select *")
		return
	}
	if len(h.hidden) > 0 && fillPerAggregate(p.Clauses) {
		// The added columns are aggregates of the SAMPLE BY too, which FILL's list,
		// one value per selected aggregate, has no value for.
		c.Unsupported("HAVING on an aggregate the select list lacks, in a SAMPLE BY with a FILL value per aggregate",
			"QuestDB has no HAVING: Strata filters a subquery, which would need the tested aggregate as a column "+
				"of its own; select (and label with As(name)) each aggregate HAVING tests, so that FILL can give it a value")
		return
	}
	if h.bound {
		// The rewrite matched expressions by their bound values, which the plan
		// cache's key leaves out: compile statements of this shape every time.
		c.Unshareable()
	}
	inner := ast.Select(slices.Concat(p.Columns, h.hiddenExprs())...)
	if len(p.From) > 0 {
		inner = inner.From(p.From...)
	}
	if p.Where != nil {
		inner = inner.Where(p.Where)
	}
	if len(p.GroupBy) > 0 {
		inner = inner.GroupBy(p.GroupBy...)
	}
	var outer []ast.Clause
	for _, cl := range p.Clauses {
		if cl.Pos == ast.AfterOrderBy || cl.Pos == ast.AtEnd {
			outer = append(outer, cl)
			continue
		}
		inner = inner.AddClause(cl.Pos, cl.Node)
	}
	h.alias = inner.As(havingName)
	// Second pass: the same walk, now building references to the subquery's columns.
	cond := h.expr(p.Having)
	if named {
		for i := range p.Columns {
			outCols = append(outCols, h.alias.C(h.names[i]))
		}
	} else {
		outCols = []ast.Expr{h.alias.Star()}
	}
	s := ast.Select(outCols...).From(h.alias).Where(cond)
	if len(p.With) > 0 {
		s = s.With(p.With...) // declared once, at the top, for the subquery to use
	}
	if p.Distinct {
		s = s.Distinct()
	}
	for _, o := range p.OrderBy {
		if o == nil {
			s = s.OrderBy(o)
			continue
		}
		s = s.OrderBy(&ast.Order{X: h.expr(o.X), Desc: o.Desc, Nulls: o.Nulls})
	}
	if l := p.Limit; l != nil {
		if l.Limit != nil {
			switch {
			case l.WithTies:
				s = s.FetchFirstWithTies(l.Limit)
			case l.Fetch:
				s = s.FetchFirst(l.Limit)
			default:
				s = s.Limit(l.Limit)
			}
		}
		if l.Offset != nil {
			s = s.Offset(l.Offset)
		}
	}
	for _, cl := range outer {
		s = s.AddClause(cl.Pos, cl.Node)
	}
	c.Node(s)
}

// A havingRewrite maps the values a HAVING condition tests to columns of the
// subquery that replaces it. It walks the condition twice: the first walk (alias nil)
// finds or adds the columns, the second builds the references.
type havingRewrite struct {
	d      *compiler.Dialect
	items  []ast.Expr     // the original select list
	names  []string       // each item's result name; "" when unnamed or ambiguous
	taken  map[string]int // the select list's result names, lower-cased, with their counts
	hidden []*ast.Label   // columns added for the condition
	next   int            // the number of the last name tried for a hidden column
	alias  *ast.Alias     // the subquery, in the second walk
	bound  bool           // a match compared bound values: the plan cannot be shared
}

func (h *havingRewrite) nameItems() {
	h.taken = map[string]int{}
	for i, it := range h.items {
		switch x := it.(type) {
		case *ast.Label:
			h.names[i] = x.Name
		case *ast.Column:
			h.names[i] = x.Name
		}
		if h.names[i] != "" {
			h.taken[strings.ToLower(h.names[i])]++ // QuestDB's column names ignore case
		}
	}
	for i, name := range h.names {
		if h.taken[strings.ToLower(name)] > 1 {
			h.names[i] = "" // two result columns of one name: neither can be selected by it
		}
	}
}

// hiddenName returns a name for a column added to the subquery that no select-list
// item has: having_1, having_2, …, skipping the names the user chose.
func (h *havingRewrite) hiddenName() string {
	for {
		h.next++
		name := havingName + strconv.Itoa(h.next)
		if h.taken[name] == 0 {
			return name
		}
	}
}

// hasBound reports whether e holds a bound (not deferred) parameter, whose value the
// plan cache's key leaves out.
func (h *havingRewrite) hasBound(e ast.Expr) bool {
	_, vals, _ := compiler.Key(h.d, e, compiler.Options{})
	return len(vals) > 0
}

// matched records that e was matched to an existing column by ast.Equal, which
// compares bound values: the first walk decides, the second repeats its decisions.
func (h *havingRewrite) matched(e ast.Expr) {
	if h.alias == nil && !h.bound && h.hasBound(e) {
		h.bound = true
	}
}

func (h *havingRewrite) allNamed() bool {
	return !slices.Contains(h.names, "")
}

func (h *havingRewrite) hiddenExprs() []ast.Expr {
	out := make([]ast.Expr, len(h.hidden))
	for i, l := range h.hidden {
		out[i] = l
	}
	return out
}

// expr returns e with every value it tests replaced by a column of the subquery;
// operators, parameters and literals are kept.
func (h *havingRewrite) expr(e ast.Expr) ast.Expr {
	switch x := e.(type) {
	case nil:
		return nil
	case *ast.BindParam, *ast.Literal, *ast.Invalid:
		return e
	case *ast.Binary:
		return &ast.Binary{Op: x.Op, L: h.expr(x.L), R: h.expr(x.R), Custom: x.Custom}
	case *ast.Bool:
		items := make([]ast.Expr, len(x.Items))
		for i, it := range x.Items {
			items[i] = h.expr(it)
		}
		return &ast.Bool{Op: x.Op, Items: items}
	case *ast.Unary:
		return &ast.Unary{Op: x.Op, X: h.expr(x.X)}
	case *ast.LikeExpr:
		l := *x
		l.X, l.Pattern = h.expr(x.X), h.expr(x.Pattern)
		return &l
	case *ast.BetweenExpr:
		b := *x
		b.X, b.Lo, b.Hi = h.expr(x.X), h.expr(x.Lo), h.expr(x.Hi)
		return &b
	case *ast.InExpr:
		in := *x
		in.X = h.expr(x.X)
		if x.List != nil {
			in.List = make([]ast.Expr, len(x.List))
			for i, it := range x.List {
				in.List[i] = h.expr(it)
			}
		}
		return &in
	}
	name := h.column(e)
	if h.alias == nil {
		return e
	}
	return h.alias.C(name)
}

// column returns the name of the subquery column holding e, adding one when the
// select list has none.
func (h *havingRewrite) column(e ast.Expr) string {
	if l, ok := e.(*ast.Label); ok {
		e = l.X // a label in a condition stands for its expression
	}
	for i, it := range h.items {
		if h.names[i] == "" {
			continue
		}
		switch x := it.(type) {
		case *ast.Label:
			if ast.Equal(x.X, e) {
				h.matched(e)
				return h.names[i]
			}
		case *ast.Column:
			if ast.Equal(x, e) {
				return h.names[i] // a column holds no value
			}
		}
	}
	for _, l := range h.hidden {
		if ast.Equal(l.X, e) {
			h.matched(e)
			return l.Name
		}
	}
	l := ast.As(e, h.hiddenName())
	h.hidden = append(h.hidden, l)
	return l.Name
}

// wrapBetween writes x BETWEEN lo AND hi as x >= lo AND x <= hi unless x is a
// timestamp: QuestDB 8's between() takes timestamps only ("argument type mismatch for
// function between", verified on 8.3.4 with a DOUBLE). The comparisons are what
// BETWEEN means, NULLs included, and QuestDB reads them on a designated timestamp
// as an interval scan all the same.
func wrapBetween(next compiler.RenderFunc) compiler.RenderFunc {
	return func(c *compiler.Ctx, n ast.Node) {
		b := n.(*ast.BetweenExpr)
		if t := ast.TypeOf(b.X); t != nil && t.Kind.IsTemporal() {
			next(c, n)
			return
		}
		if b.Not {
			c.Write("NOT ")
		}
		c.Write("(")
		c.Expr(&ast.Bool{Op: ast.OpAnd, Items: []ast.Expr{
			&ast.Binary{Op: ast.OpGe, L: b.X, R: b.Lo},
			&ast.Binary{Op: ast.OpLe, L: b.X, R: b.Hi},
		}}, ast.PrecLowest+1)
		c.Write(")")
	}
}

// checkCTEs refuses what QuestDB's WITH lacks: it reads WITH name AS (query) only,
// with neither RECURSIVE nor a column list. A CTE without a body is left to the
// compiler, which reports it as bad input.
func checkCTEs(c *compiler.Ctx, ctes []*ast.CTE) bool {
	for _, cte := range ctes {
		switch {
		case cte == nil || cte.Body == nil:
		case cte.Recursive:
			c.Unsupported("WITH RECURSIVE", "QuestDB has no recursive queries: walk the hierarchy in the application, "+
				"or generate series with long_sequence(n)")
			return false
		case len(cte.Columns) > 0:
			c.Unsupported("column names on a CTE: WITH "+cte.Name+" (…)", "label the columns in the CTE's select list")
			return false
		}
	}
	return true
}

func wrapCTE(next compiler.RenderFunc) compiler.RenderFunc {
	return func(c *compiler.Ctx, n ast.Node) {
		if checkCTEs(c, []*ast.CTE{n.(*ast.CTE)}) {
			next(c, n)
		}
	}
}

// renderUpdate is the ANSI UPDATE with QuestDB's spelling of an aliased target,
// UPDATE t alias SET …: its grammar has no AS there.
func renderUpdate(c *compiler.Ctx, n ast.Node) {
	p := n.(ast.UpdateStmt).Parts()
	if !checkCTEs(c, p.With) {
		return
	}
	declared := c.With(p.With)
	c.PushScope(append([]ast.FromItem{p.Table}, p.From...)...)
	c.Write("UPDATE ")
	if a, ok := p.Table.(*ast.Alias); ok {
		if t, ok := a.Of.(*ast.Table); ok && len(a.Columns) == 0 && !a.Lateral {
			if checkSchema(c, t) {
				c.Ident(t.Name)
				c.Write(" ")
				c.Ident(a.Name)
			}
		} else {
			c.Node(a)
		}
	} else {
		c.Node(p.Table)
	}
	c.UpdateTail(&p)
	c.PopScope()
	c.EndWith(declared)
}
