package compiler

import (
	"slices"

	"github.com/seed13bb6a42/strata/ast"
)

// ExprSubquery renders a statement used inside an expression (scalar subquery, IN,
// EXISTS, ANY/ALL) in parentheses. Such a subquery correlates: its FROM items that
// appear in an enclosing query refer to that query (see ast.CorrelateMode).
func (c *Ctx) ExprSubquery(s ast.Stmt) {
	c.correlating = true
	c.Subquery(s)
	c.correlating = false
}

// With renders a WITH clause for the CTEs not already declared by an enclosing
// statement and returns how many it declared; the caller passes that to EndWith once
// the statement is rendered.
func (c *Ctx) With(ctes []*ast.CTE) int {
	declared := 0
	recursive := false
	for _, cte := range ctes {
		if cte == nil {
			c.Failf("nil CTE in WITH")
			return 0
		}
		if c.cteDeclared(cte) {
			continue
		}
		// Declare before rendering any body: bodies may refer to each other and a
		// recursive body to itself.
		c.ctes = append(c.ctes, cte)
		declared++
		recursive = recursive || cte.Recursive
	}
	if declared == 0 {
		return 0
	}
	orderCTEs(c.ctes[len(c.ctes)-declared:])
	c.Write("WITH ")
	if recursive {
		c.Write("RECURSIVE ")
	}
	saved, savedCorr := c.scopes, c.correlating
	// A CTE body cannot see the statement's FROM items: its scopes start empty, in the
	// spare capacity beyond the statement's (so the pooled item arrays are reused).
	c.scopes, c.correlating = c.scopes[len(c.scopes):len(c.scopes)], false
	for i, cte := range c.ctes[len(c.ctes)-declared:] {
		if i > 0 {
			c.Write(", ")
		}
		c.cteDefinition(cte)
	}
	c.scopes, c.correlating = saved, savedCorr
	c.buf = append(c.buf, ' ')
	return declared
}

// orderCTEs sorts a WITH clause's CTEs, in place and stably, so that each follows the
// CTEs its body reads (which its body's own WITH list names, having been attached
// when the body used them): PostgreSQL and MariaDB resolve a name only against the
// CTEs declared before it. A recursive CTE reading itself is not a dependency.
func orderCTEs(ctes []*ast.CTE) {
	if len(ctes) < 2 {
		return
	}
	reads := func(a, b *ast.CTE) bool { // does a's body read b?
		if a.Same(b) || a.Body == nil {
			return false
		}
		var with []*ast.CTE
		switch s := a.Body.(type) {
		case ast.SelectStmt:
			with = s.Parts().With
		case ast.CompoundStmt:
			with = s.Parts().With
			for _, m := range s.Parts().Members {
				if sel, ok := m.(ast.SelectStmt); ok {
					with = append(slices.Clip(with), sel.Parts().With...)
				}
			}
		}
		return slices.ContainsFunc(with, b.Same)
	}
	out := make([]*ast.CTE, 0, len(ctes))
	placed := make([]bool, len(ctes))
	for len(out) < len(ctes) {
		progress := false
		for i, cte := range ctes {
			if placed[i] {
				continue
			}
			ready := true
			for j, other := range ctes {
				if !placed[j] && j != i && reads(cte, other) {
					ready = false
					break
				}
			}
			if ready {
				out, placed[i], progress = append(out, cte), true, true
			}
		}
		if !progress { // a cycle between non-recursive CTEs: keep the given order
			for i, cte := range ctes {
				if !placed[i] {
					out, placed[i] = append(out, cte), true
				}
			}
		}
	}
	copy(ctes, out)
}

// EndWith forgets the CTEs declared by the matching With call.
func (c *Ctx) EndWith(declared int) { c.ctes = c.ctes[:len(c.ctes)-declared] }

func (c *Ctx) cteDefinition(cte *ast.CTE) {
	if cte.Body == nil {
		c.Failf("CTE %q has no body (attach it with CTE.As)", cte.Name)
		return
	}
	switch cte.Body.(type) {
	case ast.InsertStmt, ast.UpdateStmt, ast.DeleteStmt:
		if !c.Has(DataModifyingCTE) {
			c.Unsupported("data-modifying statements in WITH", "run the statements separately in a transaction")
			return
		}
	}
	c.Ident(cte.Name)
	if len(cte.Columns) > 0 {
		c.Write(" (")
		for i, n := range cte.Columns {
			if i > 0 {
				c.Write(", ")
			}
			c.Ident(n)
		}
		c.buf = append(c.buf, ')')
	}
	c.Write(" AS ")
	if cte.Materialized != 0 {
		if !c.Has(CTEMaterialized) {
			c.Unsupported("[NOT] MATERIALIZED CTEs", "")
			return
		}
		if cte.Materialized < 0 {
			c.Write("NOT ")
		}
		c.Write("MATERIALIZED ")
	}
	c.Subquery(cte.Body)
}

// invalidFrom returns the first *ast.Invalid among FROM items and join operands.
func invalidFrom(items []ast.FromItem) ast.Node {
	for _, it := range items {
		if bad := invalidItem(it); bad != nil {
			return bad
		}
	}
	return nil
}

func invalidItem(it ast.FromItem) ast.Node {
	switch x := it.(type) {
	case *ast.Invalid:
		return x
	case *ast.Join:
		if bad := invalidItem(x.Left); bad != nil {
			return bad
		}
		return invalidItem(x.Right)
	}
	return nil
}

// withCTEsOf adds to with the CTEs among items (and inside joins and aliases) that it
// lacks.
func (c *Ctx) withCTEsOf(with []*ast.CTE, items []ast.FromItem) []*ast.CTE {
	for _, it := range items {
		var cte *ast.CTE
		switch x := it.(type) {
		case *ast.CTE:
			cte = x
		case *ast.Alias:
			cte, _ = x.Of.(*ast.CTE)
		case *ast.Join:
			with = c.withCTEsOf(with, []ast.FromItem{x.Left, x.Right})
		}
		if cte != nil {
			with = c.withCTE(with, cte)
		}
	}
	return with
}

// withCTEs adds to with the CTEs of ctes that it lacks.
func (c *Ctx) withCTEs(with, ctes []*ast.CTE) []*ast.CTE {
	for _, cte := range ctes {
		with = c.withCTE(with, cte)
	}
	return with
}

// withCTE returns with and cte, unless with holds cte already. The longer list is
// made in the context's scratch space, never in with, which may be the tree's own.
func (c *Ctx) withCTE(with []*ast.CTE, cte *ast.CTE) []*ast.CTE {
	if slices.ContainsFunc(with, cte.Same) {
		return with
	}
	start := len(c.cteScratch)
	c.cteScratch = append(append(c.cteScratch, with...), cte)
	return c.cteScratch[start:len(c.cteScratch):len(c.cteScratch)]
}

// undeclared reports whether some CTE of ctes is not declared by an enclosing WITH.
func (c *Ctx) undeclared(ctes []*ast.CTE) bool {
	for _, cte := range ctes {
		if !c.cteDeclared(cte) {
			return true
		}
	}
	return false
}

func renderCTERef(c *Ctx, n ast.Node) {
	cte := n.(*ast.CTE)
	if !c.cteDeclared(cte) {
		c.Failf("CTE %q is used but not declared in a WITH clause", cte.Name)
		return
	}
	c.Ident(cte.Name)
}

// selectFroms returns the FROM items of a SELECT after inference and correlation.
func (c *Ctx) selectFroms(p *ast.SelectParts, correlating bool) []ast.FromItem {
	froms, inferred := p.From, false
	if len(froms) == 0 {
		start := len(c.inferred)
		c.inferred = inferFroms(p, c.inferred)
		froms, inferred = c.inferred[start:len(c.inferred):len(c.inferred)], true
	}
	if !correlating || len(c.scopes) == 0 || len(froms) == 0 {
		return froms
	}
	// The kept items go on the inferred-items stack (froms may be a slice of it, which
	// appending past its end leaves intact), so that correlating allocates nothing.
	start := len(c.inferred)
	for _, f := range froms {
		if c.correlated(f, p, inferred) {
			continue
		}
		c.inferred = append(c.inferred, f)
	}
	kept := c.inferred[start:len(c.inferred):len(c.inferred)]
	if len(kept) == 0 {
		c.Failf("subquery has no FROM items left after correlating them all to the enclosing query; use Correlate to choose")
	}
	return kept
}

func (c *Ctx) correlated(f ast.FromItem, p *ast.SelectParts, inferred bool) bool {
	if _, ok := f.(*ast.Join); ok || !c.visible(f, 0) {
		return false
	}
	listed := false
	for _, x := range p.Correlate {
		if sameFrom(x, f) {
			listed = true
			break
		}
	}
	switch p.Correlation {
	case ast.CorrelateOnly:
		return listed
	case ast.CorrelateExcept:
		return !listed
	}
	return inferred
}

// inferFroms collects the FROM items of the column references in the select list and
// WHERE clause, not looking inside subqueries.
func inferFroms(p *ast.SelectParts, out []ast.FromItem) []ast.FromItem {
	f := fromCollector{dst: out, start: len(out)}
	for _, e := range p.Columns {
		f.expr(e)
	}
	if p.Where != nil {
		f.expr(p.Where)
	}
	return f.dst
}

// A fromCollector gathers distinct FROM items into dst[start:].
type fromCollector struct {
	dst   []ast.FromItem
	start int
}

func (f *fromCollector) add(it ast.FromItem) {
	if it == nil {
		return
	}
	for _, x := range f.dst[f.start:] {
		if sameFrom(x, it) {
			return
		}
	}
	f.dst = append(f.dst, it)
}

func (f *fromCollector) expr(e ast.Expr) {
	switch x := e.(type) {
	case *ast.Column:
		f.add(x.From)
	case *ast.Star:
		f.add(x.From)
	case *ast.Label:
		f.expr(x.X)
	case *ast.Unary:
		f.expr(x.X)
	case *ast.Binary:
		f.expr(x.L)
		f.expr(x.R)
	case *ast.Bool:
		for _, it := range x.Items {
			f.expr(it)
		}
	case *ast.LikeExpr:
		f.expr(x.X)
		f.expr(x.Pattern)
	case *ast.BetweenExpr:
		f.expr(x.X)
		f.expr(x.Lo)
		f.expr(x.Hi)
	case *ast.InExpr:
		f.expr(x.X)
		for _, it := range x.List {
			f.expr(it)
		}
	case *ast.Func:
		for _, a := range x.Args {
			f.expr(a)
		}
		if x.Filter != nil {
			f.expr(x.Filter)
		}
	case *ast.CastExpr:
		f.expr(x.X)
	case *ast.CollateExpr:
		f.expr(x.X)
	case *ast.ExtractExpr:
		f.expr(x.X)
	case *ast.TupleExpr:
		for _, it := range x.Items {
			f.expr(it)
		}
	case ast.Parent:
		for _, ch := range x.Children() {
			if e, ok := ch.(ast.Expr); ok {
				f.expr(e)
			}
		}
	case *ast.CaseExpr:
		if x.Operand != nil {
			f.expr(x.Operand)
		}
		for _, w := range x.Whens {
			f.expr(w.Cond)
			f.expr(w.Result)
		}
		if x.Else != nil {
			f.expr(x.Else)
		}
	}
}

func renderSelect(c *Ctx, n ast.Node) {
	s := n.(ast.SelectStmt)
	p := s.Parts()
	correlating := c.correlating
	c.correlating = false
	inferMark := len(c.inferred)
	unq := c.unqualified
	c.unqualified = false
	if bad := invalidFrom(p.From); bad != nil {
		c.Node(bad) // report a broken FROM item before anything that depends on it
		return
	}
	froms := c.selectFroms(&p, correlating)
	with := p.With
	if len(p.From) == 0 {
		with = c.withCTEsOf(with, froms) // a CTE reached only through its columns
	}
	declared := c.With(with)
	c.PushScope(froms...)
	c.SelectBody(&p, froms)
	c.PopScope()
	c.EndWith(declared)
	c.unqualified = unq
	c.inferred = c.inferred[:inferMark]
}

// SelectBody renders a SELECT from its select list to its locking clause, with the
// FROM items already decided. Dialects that restructure a SELECT call it.
func (c *Ctx) SelectBody(p *ast.SelectParts, froms []ast.FromItem) {
	c.Write("SELECT ")
	switch {
	case len(p.DistinctOn) > 0:
		if !c.Has(DistinctOn) {
			c.Unsupported("DISTINCT ON", "use a window function (row_number() OVER (PARTITION BY …)) in a subquery")
			return
		}
		c.Write("DISTINCT ON (")
		c.List(p.DistinctOn)
		c.Write(") ")
	case p.Distinct:
		c.Write("DISTINCT ")
	}
	c.SelectList(p.Columns)
	if len(froms) > 0 {
		c.Write(" FROM ")
		c.FromList(froms)
	} else if p.Where != nil && c.fromDual {
		c.Write(" FROM DUAL")
	}
	c.Clauses(p.Clauses, ast.AfterFrom)
	if p.Where != nil {
		c.Write(" WHERE ")
		c.Expr(p.Where, ast.PrecLowest+1)
	}
	c.Clauses(p.Clauses, ast.AfterWhere)
	c.GroupBy(p.GroupBy)
	if p.Having != nil {
		c.Write(" HAVING ")
		c.Expr(p.Having, ast.PrecLowest+1)
	}
	c.Clauses(p.Clauses, ast.AfterHaving)
	if len(p.Windows) > 0 {
		if !c.Has(WindowFunctions) {
			c.Unsupported("WINDOW clause", "")
			return
		}
		c.Write(" WINDOW ")
		for i, w := range p.Windows {
			if i > 0 {
				c.Write(", ")
			}
			if w == nil || w.Name == "" {
				c.Failf("a window in the WINDOW clause needs a name (ast.NamedWindow)")
				return
			}
			c.Ident(w.Name)
			c.Write(" AS (")
			c.Node(w)
			c.buf = append(c.buf, ')')
		}
	}
	c.OrderBy(p.OrderBy)
	c.Clauses(p.Clauses, ast.AfterOrderBy)
	if p.Limit != nil {
		if p.Limit.WithTies && len(p.OrderBy) == 0 {
			c.Failf("FETCH FIRST … WITH TIES needs an ORDER BY")
			return
		}
		c.Node(p.Limit)
	}
	if p.Lock != nil {
		c.Node(p.Lock)
	}
	c.Clauses(p.Clauses, ast.AtEnd)
}

// Clauses renders the dialect-specific clauses placed at pos, each after a space.
func (c *Ctx) Clauses(clauses []ast.Clause, pos ast.ClausePos) {
	for _, cl := range clauses {
		if cl.Pos == pos {
			c.buf = append(c.buf, ' ')
			c.Node(cl.Node)
		}
	}
}

// SelectList renders the select list; labels render as expr AS name.
func (c *Ctx) SelectList(cols []ast.Expr) {
	if len(cols) == 0 {
		c.Failf("SELECT has no columns")
		return
	}
	for i, e := range cols {
		if i > 0 {
			c.Write(", ")
		}
		if l, ok := e.(*ast.Label); ok {
			if l.Name == "" {
				c.Failf("empty label")
				return
			}
			c.UntypedExpr(l.X, ast.PrecLowest+1)
			c.Write(" AS ")
			c.Ident(l.Name)
			continue
		}
		c.UntypedExpr(e, ast.PrecLowest+1)
	}
}

// FromList renders FROM items separated by commas.
func (c *Ctx) FromList(items []ast.FromItem) {
	for i, f := range items {
		if i > 0 {
			c.Write(", ")
		}
		c.Node(f)
	}
}

// GroupBy renders " GROUP BY items" when there are items.
func (c *Ctx) GroupBy(items []ast.Expr) {
	if len(items) == 0 {
		return
	}
	c.Write(" GROUP BY ")
	if c.Has(WithRollup) && !c.Has(Rollup) && len(items) == 1 {
		// MySQL's only grouping-set form: GROUP BY a, b WITH ROLLUP.
		if g, ok := items[0].(*ast.GroupingSet); ok && g.Op == ast.GroupRollup {
			for i, set := range g.Sets {
				if i > 0 {
					c.Write(", ")
				}
				c.List(set)
			}
			c.Write(" WITH ROLLUP")
			return
		}
	}
	for i, e := range items {
		if i > 0 {
			c.Write(", ")
		}
		if l, ok := e.(*ast.Label); ok {
			c.Ident(l.Name)
			continue
		}
		c.groupingExpr(e, ast.PrecLowest+1)
	}
}

func renderAlias(c *Ctx, n ast.Node) {
	a := n.(*ast.Alias)
	if a.Lateral {
		if !c.Has(Lateral) {
			c.Unsupported("LATERAL", "")
			return
		}
		c.Write("LATERAL ")
	}
	switch of := a.Of.(type) {
	case *ast.Table:
		c.TableName(of)
	case *ast.CTE:
		renderCTERef(c, of)
	case *ast.ValuesList:
		if !c.Has(ValuesTable) {
			c.Unsupported("VALUES in FROM", "")
			return
		}
		c.buf = append(c.buf, '(')
		c.ValuesRows(of)
		c.buf = append(c.buf, ')')
	case *ast.Func:
		if !c.Has(TableFunctions) {
			c.Unsupported("table-valued functions", "")
			return
		}
		c.Node(of)
	case ast.Stmt:
		if a.Lateral {
			c.ExprSubquery(of) // a LATERAL subquery sees the FROM items before it
		} else {
			c.Subquery(of)
		}
		if len(a.Columns) > 0 && !c.Has(DerivedColumnAliases) {
			c.Unsupported("column aliases on a derived table", "label the columns in the subquery instead")
			return
		}
	case nil:
		c.Failf("alias %q of nothing", a.Name)
		return
	default:
		c.Failf("cannot alias a %s", of.Kind())
		return
	}
	c.Write(" AS ")
	c.AliasName(a)
	if len(a.Columns) > 0 {
		c.Write(" (")
		for i, name := range a.Columns {
			if i > 0 {
				c.Write(", ")
			}
			c.Ident(name)
		}
		c.buf = append(c.buf, ')')
	}
}

func renderJoin(c *Ctx, n ast.Node) {
	j := n.(*ast.Join)
	c.Node(j.Left)
	switch j.Type {
	case ast.InnerJoin:
		c.Write(" JOIN ")
	case ast.LeftJoin:
		c.Write(" LEFT OUTER JOIN ")
	case ast.RightJoin:
		if !c.Has(RightJoin) {
			c.Unsupported("RIGHT JOIN", "swap the operands and use LEFT JOIN")
			return
		}
		c.Write(" RIGHT OUTER JOIN ")
	case ast.FullJoin:
		if !c.Has(FullJoin) {
			c.Unsupported("FULL JOIN", "use a LEFT JOIN UNION ALL the unmatched rows of a RIGHT-side LEFT JOIN")
			return
		}
		c.Write(" FULL OUTER JOIN ")
	case ast.CrossJoin:
		c.Write(" CROSS JOIN ")
	default:
		if j.Type.Custom() {
			c.Unsupported(j.Type.String(), "it belongs to another dialect")
		} else {
			c.Failf("unknown join type %d", j.Type)
		}
		return
	}
	if j.Extra != nil {
		c.Unsupported("a join suffix ("+j.Extra.Kind().String()+")", "render it with the dialect that defines it")
		return
	}
	if _, nested := j.Right.(*ast.Join); nested {
		c.buf = append(c.buf, '(')
		c.Node(j.Right)
		c.buf = append(c.buf, ')')
	} else {
		c.Node(j.Right)
	}
	if j.Type == ast.CrossJoin {
		if j.On != nil {
			c.Failf("CROSS JOIN takes no ON condition")
		}
		return
	}
	if j.On == nil {
		c.Failf("%s without an ON condition", j.Type)
		return
	}
	c.Write(" ON ")
	c.Expr(j.On, ast.PrecLowest+1)
}

// RenderLimit is the ANSI rule for LIMIT/OFFSET and FETCH FIRST.
func RenderLimit(c *Ctx, n ast.Node) {
	l := n.(*ast.LimitClause)
	if l.WithTies && !c.Has(FetchWithTies) {
		c.Unsupported("FETCH FIRST … WITH TIES", "order by a unique key and use LIMIT")
		return
	}
	if l.Fetch && c.Has(FetchFirst) {
		if l.Offset != nil {
			c.Write(" OFFSET ")
			c.Expr(l.Offset, ast.PrecAtom)
			c.Write(" ROWS")
		}
		if l.Limit != nil {
			c.Write(" FETCH FIRST ")
			c.Expr(l.Limit, ast.PrecAtom)
			if l.WithTies {
				c.Write(" ROWS WITH TIES")
			} else {
				c.Write(" ROWS ONLY")
			}
		}
		return
	}
	if l.Limit != nil {
		c.Write(" LIMIT ")
		c.Expr(l.Limit, ast.PrecAtom)
	}
	if l.Offset != nil {
		c.Write(" OFFSET ")
		c.Expr(l.Offset, ast.PrecAtom)
	}
}

// RenderLock is the ANSI rule for row locking: FOR UPDATE and its variants.
func RenderLock(c *Ctx, n ast.Node) {
	l := n.(*ast.Lock)
	switch l.Strength {
	case ast.ForUpdate:
		if !c.Has(ForUpdate) {
			c.Unsupported("SELECT … FOR UPDATE", "the database locks whole tables; use a write transaction")
			return
		}
		c.Write(" FOR UPDATE")
	case ast.ForShare:
		if !c.Has(ForShare) {
			c.Unsupported("SELECT … FOR SHARE", "")
			return
		}
		c.Write(" FOR SHARE")
	case ast.ForNoKeyUpdate, ast.ForKeyShare:
		if !c.Has(ForKeyLocks) {
			c.Unsupported("FOR NO KEY UPDATE / FOR KEY SHARE", "use FOR UPDATE or FOR SHARE")
			return
		}
		if l.Strength == ast.ForNoKeyUpdate {
			c.Write(" FOR NO KEY UPDATE")
		} else {
			c.Write(" FOR KEY SHARE")
		}
	}
	c.LockTail(l)
}

// LockTail renders the OF list and the waiting option of a lock.
func (c *Ctx) LockTail(l *ast.Lock) {
	if len(l.Of) > 0 {
		if !c.Has(LockOf) {
			c.Unsupported("OF tables in a locking clause", "lock every table of the query")
			return
		}
		c.Write(" OF ")
		for i, f := range l.Of {
			if i > 0 {
				c.Write(", ")
			}
			c.Qualifier(f)
		}
	}
	switch l.Wait {
	case ast.NoWait:
		if !c.Has(LockNoWait) {
			c.Unsupported("NOWAIT", "")
			return
		}
		c.Write(" NOWAIT")
	case ast.SkipLocked:
		if !c.Has(LockSkipLocked) {
			c.Unsupported("SKIP LOCKED", "")
			return
		}
		c.Write(" SKIP LOCKED")
	}
}

func renderCompound(c *Ctx, n ast.Node) {
	s := n.(ast.CompoundStmt)
	p := s.Parts()
	c.correlating = false
	if len(p.Members) < 2 {
		c.Failf("%s needs at least two statements", p.Op)
		return
	}
	switch p.Op {
	case ast.SetIntersect, ast.SetExcept:
		if !c.Has(IntersectExcept) {
			c.Unsupported(p.Op.String(), "")
			return
		}
	case ast.SetIntersectAll, ast.SetExceptAll:
		if !c.Has(SetOpAll) {
			c.Unsupported(p.Op.String(), "")
			return
		}
	}
	// Members' CTEs move up to the compound's WITH clause, as in SQLAlchemy: a WITH
	// inside a parenthesised member is not accepted everywhere (MariaDB).
	with := p.With
	for _, m := range p.Members {
		switch x := m.(type) {
		case ast.SelectStmt:
			with = c.withCTEs(with, x.Parts().With)
		case ast.CompoundStmt:
			with = c.withCTEs(with, x.Parts().With)
		}
	}
	declared := c.With(with)
	op := " " + p.Op.String() + " "
	for i, m := range p.Members {
		if i > 0 {
			c.Write(op)
		}
		c.compoundMember(p.Op, m, i == 0)
	}
	unq := c.unqualified
	c.unqualified = true // ORDER BY of a compound names result columns, not table columns
	c.OrderBy(p.OrderBy)
	c.unqualified = unq
	if p.Limit != nil {
		c.Node(p.Limit)
	}
	c.EndWith(declared)
}

// compoundMember renders one member of a compound SELECT, in parentheses when it has
// its own ORDER BY, LIMIT or lock, or is itself a compound that would otherwise parse
// differently. Dialects that reject parenthesised members get a derived table.
func (c *Ctx) compoundMember(op ast.SetOp, m ast.Stmt, first bool) {
	needParens := false
	switch x := m.(type) {
	case ast.SelectStmt:
		p := x.Parts()
		if p.Lock != nil {
			c.Unsupported("a locking clause on a member of "+op.String(), "lock the rows with a separate SELECT")
			return
		}
		needParens = len(p.OrderBy) > 0 || p.Limit != nil || c.undeclared(p.With)
	case ast.CompoundStmt:
		p := x.Parts()
		needParens = !(first && p.Op == op) || len(p.OrderBy) > 0 || p.Limit != nil || c.undeclared(p.With)
	case *ast.TextClause:
		needParens = true
	default:
		c.Failf("a %s cannot be a member of %s", m.Kind(), op)
		return
	}
	if !needParens {
		c.Node(m)
		return
	}
	if c.Has(ParenSetMembers) {
		c.Subquery(m)
		return
	}
	c.Write("SELECT * FROM ")
	c.Subquery(m)
}
