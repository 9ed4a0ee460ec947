package fuzz

// The generator's statements: FROM items, SELECT, compound SELECT, and DML.

import (
	"strconv"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/dialects/dialecttest"
)

// ---- FROM items ----

// table returns a table and its columns.
func (g *gen) table() (*ast.Table, []column) {
	if g.exec() {
		t := execTables[g.src.intn(len(execTables))]
		return t, tableRel(t).cols
	}
	if g.src.oneIn(8) {
		return oddLoose, looseCols
	}
	t := compileTables[g.src.intn(len(compileTables))]
	return t, tableRel(t).cols
}

// fromItem returns a FROM item: a table (aliased or not), a derived table, a CTE or
// a VALUES list. Derived tables and CTE bodies see no enclosing FROM item.
func (g *gen) fromItem() rel {
	n := 8
	if !g.exec() {
		n = 11
	}
	choice := g.src.intn(n)
	if !g.roomForQuery() {
		choice = 0
	}
	switch choice {
	case 4, 5:
		want := g.kinds(1, 3)
		s, cols := g.isolated(want)
		a := s.As(g.name("d"))
		if !g.exec() {
			if g.src.oneIn(4) {
				names := make([]string, len(cols))
				for i := range names {
					names[i] = g.name("dc")
					cols[i].name = names[i]
				}
				a = a.WithColumns(names...)
			}
			if g.src.oneIn(6) {
				a = a.AsLateral()
			}
		}
		return rel{item: a, cols: cols}
	case 6:
		want := g.kinds(1, 3)
		s, cols := g.isolated(want)
		cte := s.CTE(g.name("w"))
		if !g.exec() && g.src.oneIn(5) {
			cte = cte.AsMaterialized(g.src.bool())
		}
		if g.src.bool() {
			return rel{item: cte.As(g.name("t")), cols: cols}
		}
		return rel{item: cte, cols: cols}
	case 8:
		f := ast.Fn("generate_series", 1, g.goValue(kInt))
		return rel{item: ast.TableFunc(f, g.name("s"), "n"), cols: []column{{"n", kInt}}}
	case 9:
		// WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < ?)
		cte := ast.RecursiveCTE(g.name("r"), "n")
		base := ast.Select(ast.As(ast.Lit(1), "n"))
		step := ast.Select(ast.As(ast.Add(cte.C("n"), 1), "n")).From(cte).Where(ast.Lt(cte.C("n"), g.goValue(kInt)))
		cte = cte.WithBody(ast.UnionAll(base, step))
		return rel{item: cte, cols: []column{{"n", kInt}}}
	case 10:
		// A data-modifying CTE: WITH x AS (INSERT … RETURNING k).
		kv := dialecttest.KV
		ins := ast.Insert(kv).Values(g.goValue(kText), g.goValue(kInt), nil).Returning(kv.C("k"))
		return rel{item: ins.CTE(g.name("m")), cols: []column{{"k", kText}}}
	case 7:
		ks := g.kinds(1, 3)
		rows := make([][]any, g.src.count(1, 3))
		for i := range rows {
			rows[i] = make([]any, len(ks))
			for j, k := range ks {
				rows[i][j] = ast.TypedParam(g.goValue(k), typeOf(k))
			}
		}
		names := make([]string, len(ks))
		cols := make([]column, len(ks))
		for i, k := range ks {
			names[i] = "v" + strconv.Itoa(i)
			cols[i] = column{name: names[i], kind: k}
		}
		return rel{item: ast.Values(rows...).As(g.name("v"), names...), cols: cols}
	}
	t, cols := g.table()
	if t == oddLoose || g.exec() || g.src.oneIn(3) {
		// A table joined to itself, or to a derived table, needs a name of its own.
		return rel{item: t.As(g.name("t")), cols: cols}
	}
	return rel{item: t, cols: cols}
}

// isolated builds a SELECT that sees no enclosing FROM item, for derived tables and
// CTE bodies.
func (g *gen) isolated(want []kind) (ast.SelectStmt, []column) {
	savedScopes, savedCtx := g.scopes, g.ctx
	g.scopes, g.ctx = nil, exprCtx{}
	s, cols := g.selectStmt(want, false)
	g.scopes, g.ctx = savedScopes, savedCtx
	return s, cols
}

// ---- SELECT ----

// selectStmt builds a SELECT of len(want) columns of the given kinds, labelled, and
// returns it with its output columns. With scalar, it returns at most one row.
func (g *gen) selectStmt(want []kind, scalar bool) (ast.SelectStmt, []column) {
	g.budget -= 2
	g.depth++
	defer func() { g.depth-- }()
	g.pushScope()
	defer g.popScope()

	// FROM: a first item, then joins, each joined item in scope for its condition.
	type join struct {
		typ ast.JoinType
		r   rel
		on  ast.Expr
	}
	noFrom := !g.exec() && g.src.oneIn(10)
	var first rel
	var extra []rel
	var joins []join
	if !noFrom {
		first = g.fromItem()
		g.addToScope(first)
		if !g.exec() && g.src.oneIn(8) {
			r := g.fromItem()
			g.addToScope(r)
			extra = append(extra, r)
		}
		for range g.src.intn(3) {
			if g.budget <= 0 {
				break
			}
			r := g.fromItem()
			g.addToScope(r)
			typ := ast.InnerJoin
			if g.src.bool() {
				typ = ast.LeftJoin
			}
			if !g.exec() && g.src.oneIn(3) {
				typ = ast.JoinType(g.src.intn(5))
			}
			var on ast.Expr
			if typ != ast.CrossJoin {
				on = g.cond()
			}
			joins = append(joins, join{typ, r, on})
		}
	}

	var where ast.Expr
	if g.src.bool() {
		where = g.cond()
	}

	// The select list, grouped or not.
	mode := g.src.intn(4) // 0, 1: plain; 2: aggregate; 3: grouped
	if scalar && mode != 2 && g.src.bool() {
		mode = 2
	}
	var groupBy []ast.Expr
	var keys []keyExpr
	if mode == 3 {
		for range g.src.count(1, 2) {
			k := g.pickKind()
			// Exec mode groups by columns only: SQLite takes a constant integer, even
			// one it folds such as 0 IS NULL, for a position in the select list.
			var e ast.Expr
			if c := g.column(k); c != nil && (g.exec() || !g.src.oneIn(4)) {
				e = c
			} else if !g.exec() {
				e = g.expr(k)
			} else {
				continue
			}
			groupBy = append(groupBy, e)
			keys = append(keys, keyExpr{e, k})
		}
		if !g.exec() && g.src.oneIn(5) {
			groupBy = []ast.Expr{[]func(...ast.Expr) *ast.GroupingSet{ast.Rollup, ast.Cube}[g.src.intn(2)](groupBy...)}
		}
	}
	if mode == 3 && len(groupBy) == 0 {
		mode = 2
	}
	cols := make([]ast.Expr, len(want))
	out := make([]column, len(want))
	labels := make([]*ast.Label, len(want))
	for i, k := range want {
		switch mode {
		case 2:
			g.ctx = exprCtx{agg: true, grouped: true}
			if i > 0 && g.src.oneIn(3) { // the first one makes it an aggregate query
				cols[i] = g.expr(k)
			} else {
				cols[i] = g.aggregate(k)
			}
		case 3:
			g.ctx = exprCtx{agg: true, grouped: true, keys: keys}
			cols[i] = g.expr(k)
		default:
			g.ctx = exprCtx{win: !scalar}
			cols[i] = g.expr(k)
		}
		name := "c" + strconv.Itoa(i)
		if !g.exec() && g.src.oneIn(6) {
			name = g.name("c")
		}
		if !g.exec() && g.src.oneIn(8) {
			out[i] = column{name: name, kind: k} // unlabelled: a derived table cannot name it
			continue
		}
		labels[i] = ast.As(cols[i], name)
		cols[i] = labels[i]
		out[i] = column{name: name, kind: k}
	}
	var having ast.Expr
	if mode >= 2 && g.src.oneIn(3) {
		g.ctx = exprCtx{agg: true, grouped: true, keys: keys}
		having = g.cond()
	}
	g.ctx = exprCtx{}

	s := ast.Select(cols...)
	if !noFrom {
		s = s.From(first.item)
		for _, r := range extra {
			s = s.From(r.item)
		}
		for _, j := range joins {
			switch j.typ {
			case ast.LeftJoin:
				s = s.LeftJoin(j.r.item, j.on)
			case ast.RightJoin:
				s = s.RightJoin(j.r.item, j.on)
			case ast.FullJoin:
				s = s.FullJoin(j.r.item, j.on)
			case ast.CrossJoin:
				s = s.CrossJoin(j.r.item)
			default:
				s = s.Join(j.r.item, j.on)
			}
		}
	}
	if where != nil {
		s = s.Where(where)
	}
	if len(groupBy) > 0 {
		s = s.GroupBy(groupBy...)
	}
	if having != nil {
		s = s.Having(having)
	}
	if g.src.oneIn(5) {
		s = s.Distinct()
	}

	// ORDER BY every column (so that LIMIT has one answer), or some, or none.
	orderedAll := false
	switch o := g.src.intn(4); {
	case o == 1 || scalar && mode != 2:
		items := make([]any, 0, len(labels))
		for _, i := range g.perm(len(labels)) {
			if labels[i] != nil {
				items = append(items, g.order(labels[i]))
			} else {
				items = append(items, g.order(cols[i]))
			}
		}
		s = s.OrderBy(items...)
		orderedAll = true
	case o == 2 && !g.exec():
		g.ctx = exprCtx{agg: mode >= 2, grouped: mode >= 2, keys: keys}
		s = s.OrderBy(g.order(g.expr(g.pickKind())))
		g.ctx = exprCtx{}
	}
	if scalar && mode != 2 {
		s = s.Limit(1)
	} else if orderedAll || !g.exec() {
		switch g.src.intn(5) {
		case 1:
			s = s.Limit(g.val.small())
		case 2:
			s = s.Limit(g.val.small()).Offset(g.val.small())
		case 3:
			if !g.exec() {
				if g.src.bool() {
					s = s.FetchFirst(ast.Lit(2))
				} else {
					s = s.FetchFirstWithTies(g.val.small())
				}
			} else {
				s = s.Offset(g.val.small())
			}
		}
	}
	if !g.exec() {
		s = g.selectExtras(s, first)
	}
	return s, out
}

// selectExtras adds what only compile mode builds: locks, DISTINCT ON, WITH on an
// unused CTE, correlation choices.
func (g *gen) selectExtras(s ast.SelectStmt, first rel) ast.SelectStmt {
	switch g.src.intn(12) {
	case 1:
		s = s.ForUpdate()
	case 2:
		s = s.ForShare().SkipLocked()
	case 3:
		s = s.ForNoKeyUpdate().NoWait()
	case 4:
		if first.item != nil {
			s = s.LockOf(first.item)
		}
	case 5:
		s = s.DistinctOn(g.expr(g.pickKind()))
	case 6:
		if first.item != nil {
			s = s.Correlate(first.item)
		}
	case 7:
		s = s.CorrelateExcept()
	case 8:
		s = s.Window(ast.NamedWindow(g.name("win")).PartitionedBy(g.leaf(g.pickKind())))
	}
	return s
}

// perm returns a permutation of 0..n-1 drawn from the shape bytes.
func (g *gen) perm(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	for i := n - 1; i > 0; i-- {
		j := g.src.intn(i + 1)
		p[i], p[j] = p[j], p[i]
	}
	return p
}

// compound builds members joined by a set operator, ordered by every output column
// when it has a LIMIT.
func (g *gen) compound(want []kind) ast.Stmt {
	g.depth++
	defer func() { g.depth-- }()
	ops := []func(ast.Stmt, ...ast.Stmt) ast.CompoundStmt{ast.Union, ast.UnionAll, ast.Intersect, ast.Except, ast.IntersectAll, ast.ExceptAll}
	nops := 4
	if !g.exec() {
		nops = len(ops)
	}
	op := ops[g.src.intn(nops)]
	members := make([]ast.Stmt, g.src.count(2, 3))
	for i := range members {
		if !g.exec() && g.depth+2 < maxDepth && g.budget > 8 && g.src.oneIn(5) {
			members[i] = g.compound(want)
			continue
		}
		s, _ := g.selectStmt(want, false)
		members[i] = s
	}
	c := op(members[0], members[1:]...)
	if g.src.bool() {
		items := make([]any, 0, len(want))
		for _, i := range g.perm(len(want)) {
			items = append(items, g.order(ast.Col("c"+strconv.Itoa(i), typeOf(want[i]))))
		}
		c = c.OrderBy(items...)
		switch g.src.intn(3) {
		case 1:
			c = c.Limit(g.val.small())
		case 2:
			c = c.Limit(g.val.small()).Offset(g.val.small())
		}
	}
	if !g.exec() && g.src.oneIn(4) {
		s, _ := g.isolated(g.kinds(1, 2))
		c = c.With(s.CTE(g.name("w")))
	}
	return c
}

// ---- DML (compile mode) ----

// target returns a table to change, possibly under an alias, and the rel for its
// column references.
func (g *gen) target(aliasOK bool) (*ast.Table, rel) {
	t, cols := g.table()
	if aliasOK && g.src.oneIn(3) {
		return t, rel{item: t.As(g.name("t")), cols: cols}
	}
	return t, rel{item: t, cols: cols}
}

// assignments returns 1 to 3 SET items of r's columns.
func (g *gen) assignments(r rel, excluded bool) []ast.Assignment {
	n := g.src.count(1, 3)
	sets := make([]ast.Assignment, n)
	for i := range sets {
		c := r.cols[g.src.intn(len(r.cols))]
		col := r.col(c)
		switch g.src.intn(5) {
		case 1:
			sets[i] = ast.Set(col, g.expr(c.kind))
		case 2:
			if excluded {
				sets[i] = ast.Set(col, ast.Excluded(col))
				continue
			}
			sets[i] = ast.Set(col, ast.DefaultValue())
		case 3:
			sets[i] = ast.Set(col, nil)
		default:
			sets[i] = ast.Set(col, g.goValue(c.kind))
		}
	}
	return sets
}

func (g *gen) returning(r rel) []ast.Expr {
	n := g.src.count(1, 3)
	out := make([]ast.Expr, n)
	for i := range out {
		switch g.src.intn(4) {
		case 1:
			if t, ok := r.item.(*ast.Table); ok {
				out[i] = t.Star()
				continue
			}
			out[i] = ast.AllColumns()
		case 2:
			out[i] = ast.As(g.expr(g.pickKind()), g.name("r"))
		default:
			out[i] = r.col(r.cols[g.src.intn(len(r.cols))])
		}
	}
	return out
}

func (g *gen) insert() ast.Stmt {
	t, r := g.target(false)
	ins := ast.Insert(t)
	targets := r.cols
	if _, declared := primaryKey[t]; !declared || g.src.oneIn(3) {
		// A subset, in another order; an undeclared table needs one.
		var sub []column
		var cols []*ast.Column
		for _, i := range g.perm(len(r.cols))[:g.src.count(1, len(r.cols))] {
			sub = append(sub, r.cols[i])
			cols = append(cols, r.col(r.cols[i]))
		}
		targets = sub
		ins = ins.Columns(cols...)
	}
	g.pushScope()
	switch g.src.intn(6) {
	case 3:
		want := make([]kind, len(targets))
		for i, c := range targets {
			want[i] = c.kind
		}
		s, _ := g.subquery(want, false)
		ins = ins.FromQuery(s)
		if g.src.oneIn(3) {
			w, _ := g.isolated(want)
			ins = ins.With(w.CTE(g.name("w")))
		}
	case 4:
		if g.src.bool() {
			ins = ast.Insert(t).DefaultValues()
			break
		}
		// No rows: named parameters, one per column, filled at execution.
		for _, c := range targets {
			if _, ok := g.named[c.name]; !ok {
				g.named[c.name] = g.goValue(c.kind)
			}
		}
	default:
		for range g.src.count(1, 3) {
			row := make([]any, len(targets))
			for i, c := range targets {
				switch g.src.intn(6) {
				case 1:
					row[i] = g.expr(c.kind)
				case 2:
					row[i] = ast.DefaultValue()
				case 3:
					row[i] = nil
				default:
					row[i] = g.goValue(c.kind)
				}
			}
			ins = ins.Values(row...)
		}
	}
	g.popScope()

	g.pushScope(r)
	defer g.popScope()
	pk := column{name: "a b", kind: kInt}
	if name, ok := primaryKey[t]; ok {
		for _, c := range r.cols {
			if c.name == name {
				pk = c
			}
		}
	}
	switch g.src.intn(7) {
	case 1, 2:
		oc := ast.Conflict(r.col(pk)).DoUpdate(g.assignments(r, true)...)
		if g.src.oneIn(3) {
			oc = oc.UpdateWhere(g.cond())
		}
		if g.src.oneIn(3) {
			g.inline = true
			oc = oc.WhereTarget(g.cond())
			g.inline = false
		}
		ins = ins.OnConflict(oc)
	case 3:
		ins = ins.OnConflict(ast.Conflict(r.col(pk)).DoNothingOnConflict())
	case 4:
		ins = ins.OnConflict(ast.Conflict().DoNothingOnConflict())
	case 5:
		oc := ast.ConflictOnConstraint(t.Name + "_pkey")
		if g.src.bool() {
			oc = oc.DoNothingOnConflict()
		} else {
			oc = oc.DoUpdate(g.assignments(r, true)...)
		}
		ins = ins.OnConflict(oc)
	}
	if g.src.oneIn(3) {
		ins = ins.Returning(g.returning(r)...)
	}
	return ins
}

func (g *gen) update() ast.Stmt {
	_, r := g.target(true)
	g.pushScope(r)
	defer g.popScope()
	u := ast.Update(r.item).SetAll(g.assignments(r, false)...)
	if g.src.oneIn(4) {
		o := g.fromItem()
		g.addToScope(o)
		u = u.From(o.item)
	}
	if g.src.bool() {
		u = u.Where(g.cond())
	}
	if g.src.oneIn(5) {
		u = u.OrderBy(g.order(g.leaf(g.pickKind()))).Limit(g.val.small())
	}
	if g.src.oneIn(4) {
		u = u.Returning(g.returning(r)...)
	}
	if g.src.oneIn(6) {
		s, _ := g.isolated(g.kinds(1, 2))
		u = u.With(s.CTE(g.name("w")))
	}
	return u
}

func (g *gen) delete() ast.Stmt {
	_, r := g.target(true)
	g.pushScope(r)
	defer g.popScope()
	d := ast.Delete(r.item)
	if g.src.oneIn(4) {
		o := g.fromItem()
		g.addToScope(o)
		d = d.Using(o.item)
	}
	if g.src.bool() {
		d = d.Where(g.cond())
	}
	if g.src.oneIn(5) {
		d = d.OrderBy(g.order(g.leaf(g.pickKind()))).Limit(g.val.small())
	}
	if g.src.oneIn(4) {
		d = d.Returning(g.returning(r)...)
	}
	if g.src.oneIn(6) {
		s, _ := g.isolated(g.kinds(1, 2))
		d = d.With(s.CTE(g.name("w")))
	}
	return d
}
