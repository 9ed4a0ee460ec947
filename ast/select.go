package ast

import (
	"errors"
	"slices"
	"strconv"

	"github.com/seed13bb6a42/strata/types"
)

// SelectParts holds the clauses of a SELECT. Compilers read them through
// SelectStmt.Parts; the slices are shared with the statement and must not be written.
type SelectParts struct {
	With       []*CTE     // WITH clause, or nil
	Distinct   bool       // SELECT DISTINCT
	DistinctOn []Expr     // PostgreSQL DISTINCT ON (…), or nil
	Columns    []Expr     // select list
	From       []FromItem // FROM items; when empty, the tables of the column references in Columns
	Where      Expr       // or nil
	GroupBy    []Expr     // or nil
	Having     Expr       // or nil
	Windows    []*Window  // named windows of the WINDOW clause, or nil
	OrderBy    []*Order   // or nil
	Limit      *LimitClause
	Lock       *Lock    // FOR UPDATE / FOR SHARE, or nil
	Clauses    []Clause // dialect-specific clauses (custom nodes) at fixed places, or nil

	// Correlation of this SELECT when it is a subquery. By default (CorrelateMode
	// CorrelateAuto) a FROM item that also appears in an enclosing query is omitted
	// from this one's FROM clause, as in SQLAlchemy.
	Correlation CorrelateMode
	Correlate   []FromItem // items of CorrelateOnly / CorrelateExcept
}

// A Clause is a dialect-specific clause of a SELECT, such as QuestDB's SAMPLE BY: a
// custom node (see Custom) that the compiler renders at Pos. A dialect that has no rule
// for the node's Kind, and a node without a Render method, fail to compile with an
// error naming the clause, so a clause is never dropped silently.
type Clause struct {
	Pos  ClausePos // where the clause goes
	Node Node      // never nil
}

// A ClausePos is a place in a SELECT where a dialect-specific clause can go. Clauses
// with the same position render in the order they were added.
type ClausePos uint8

// The clause positions, in the order they appear in a SELECT.
const (
	AfterFrom    ClausePos = iota + 1 // after FROM (and its joins), before WHERE
	AfterWhere                        // after WHERE, before GROUP BY: SAMPLE BY, LATEST ON
	AfterHaving                       // after GROUP BY … HAVING, before WINDOW and ORDER BY
	AfterOrderBy                      // after ORDER BY, before LIMIT
	AtEnd                             // after LIMIT and the locking clause
)

// A CorrelateMode says which FROM items of a subquery refer to enclosing queries.
type CorrelateMode uint8

// The correlation modes.
const (
	CorrelateAuto   CorrelateMode = iota // every inferred FROM item found in an enclosing query; explicit From items stay
	CorrelateOnly                        // only the listed items (none: no correlation)
	CorrelateExcept                      // every item found in an enclosing query except the listed ones
)

// A LimitClause node holds LIMIT/OFFSET or OFFSET/FETCH FIRST of a query.
type LimitClause struct {
	Limit    Expr // row count, or nil
	Offset   Expr // rows to skip, or nil
	Fetch    bool // spell the count as FETCH FIRST n ROWS (ONLY | WITH TIES)
	WithTies bool // FETCH FIRST … WITH TIES (requires Fetch and an ORDER BY)
}

// A Lock node represents a row-locking clause: FOR UPDATE, FOR SHARE and PostgreSQL's
// weaker variants, with OF, NOWAIT and SKIP LOCKED.
type Lock struct {
	Strength LockStrength
	Of       []FromItem // or nil for every table
	Wait     LockWait
}

// A LockStrength is the mode of a Lock.
type LockStrength uint8

// The lock strengths.
const (
	ForUpdate LockStrength = iota
	ForNoKeyUpdate
	ForShare
	ForKeyShare
)

// A LockWait says what a Lock does when a row is already locked.
type LockWait uint8

// The waiting behaviours.
const (
	Wait LockWait = iota
	NoWait
	SkipLocked
)

// SelectStmt is a SELECT statement. It is a value: each method returns a modified
// copy and never changes the receiver.
type SelectStmt struct{ p SelectParts }

// Select returns SELECT cols. Without From, the FROM clause is made of the tables the
// selected columns belong to.
func Select(cols ...Expr) SelectStmt {
	return SelectStmt{p: SelectParts{Columns: strictList(cols, "the select list")}}
}

func strictList(es []Expr, where string) []Expr {
	for i, e := range es {
		if e == nil || isNilExpr(e) {
			out := slices.Clone(es)
			out[i] = Bad(errors.New("ast: nil expression in " + where))
			es = out
		}
	}
	return es
}

// Parts returns the clauses of s. The slices are shared: do not modify them.
func (s SelectStmt) Parts() SelectParts { return s.p }

// Columns returns a copy of s selecting cols instead of its current columns.
func (s SelectStmt) Columns(cols ...Expr) SelectStmt {
	s.p.Columns = strictList(cols, "the select list")
	return s
}

// AddColumns returns a copy of s selecting cols too.
func (s SelectStmt) AddColumns(cols ...Expr) SelectStmt {
	s.p.Columns = append(slices.Clip(s.p.Columns), strictList(cols, "the select list")...)
	return s
}

// From returns a copy of s with items added to its FROM clause.
func (s SelectStmt) From(items ...FromItem) SelectStmt {
	s.p.From = append(slices.Clip(s.p.From), items...)
	s.p.With = addCTEs(s.p.With, items)
	return s
}

// addCTEs attaches CTEs named in FROM items to the statement's WITH clause, so that
// using a CTE is enough to declare it.
func addCTEs(with []*CTE, items []FromItem) []*CTE {
	for _, it := range items {
		switch x := it.(type) {
		case *CTE:
			if !slices.ContainsFunc(with, x.Same) {
				with = append(slices.Clip(with), x)
			}
		case *Alias:
			if cte, ok := x.Of.(*CTE); ok && !slices.ContainsFunc(with, cte.Same) {
				with = append(slices.Clip(with), cte)
			}
		case *Join:
			with = addCTEs(with, []FromItem{x.Left, x.Right})
		}
	}
	return with
}

func (s SelectStmt) join(t JoinType, right FromItem, on Expr) SelectStmt {
	from := slices.Clip(s.p.From)
	if n := len(from); n == 1 { // the usual FROM a JOIN b: node and FROM list together
		jf := &struct {
			Join
			arr [1]FromItem
		}{}
		jf.Join = Join{Type: t, Left: from[0], Right: right, On: on}
		jf.arr[0] = &jf.Join
		s.p.From = jf.arr[:]
		s.p.With = addCTEs(s.p.With, []FromItem{right})
		return s
	}
	j := &Join{Type: t, Right: right, On: on}
	if n := len(from); n > 0 {
		j.Left = from[n-1]
		from = append(from[:n-1:n-1], j)
	} else {
		j.Left = Bad(errors.New("ast: Join called on a SELECT without a FROM item to join to"))
		from = []FromItem{j}
	}
	s.p.From = from
	s.p.With = addCTEs(s.p.With, []FromItem{right})
	return s
}

// Join returns a copy of s whose last FROM item is joined to right on the condition on.
func (s SelectStmt) Join(right FromItem, on Expr) SelectStmt { return s.join(InnerJoin, right, on) }

// LeftJoin is Join with LEFT [OUTER] JOIN.
func (s SelectStmt) LeftJoin(right FromItem, on Expr) SelectStmt {
	return s.join(LeftJoin, right, on)
}

// RightJoin is Join with RIGHT [OUTER] JOIN.
func (s SelectStmt) RightJoin(right FromItem, on Expr) SelectStmt {
	return s.join(RightJoin, right, on)
}

// FullJoin is Join with FULL [OUTER] JOIN.
func (s SelectStmt) FullJoin(right FromItem, on Expr) SelectStmt {
	return s.join(FullJoin, right, on)
}

// CrossJoin is Join with CROSS JOIN.
func (s SelectStmt) CrossJoin(right FromItem) SelectStmt { return s.join(CrossJoin, right, nil) }

// Where returns a copy of s with conds ANDed to its WHERE clause.
func (s SelectStmt) Where(conds ...Expr) SelectStmt {
	s.p.Where = andWhere(s.p.Where, conds, "WHERE")
	return s
}

func andWhere(cur Expr, conds []Expr, where string) Expr {
	conds = strictList(conds, where)
	if cur != nil {
		conds = append([]Expr{cur}, conds...)
	}
	if len(conds) == 0 {
		return cur
	}
	return And(conds...)
}

// GroupBy returns a copy of s grouped by exprs (expressions or grouping sets).
func (s SelectStmt) GroupBy(exprs ...Expr) SelectStmt {
	s.p.GroupBy = append(slices.Clip(s.p.GroupBy), strictList(exprs, "GROUP BY")...)
	return s
}

// Having returns a copy of s with conds ANDed to its HAVING clause.
func (s SelectStmt) Having(conds ...Expr) SelectStmt {
	s.p.Having = andWhere(s.p.Having, conds, "HAVING")
	return s
}

// OrderBy returns a copy of s ordered by items: *Order values or expressions.
func (s SelectStmt) OrderBy(items ...any) SelectStmt {
	s.p.OrderBy = append(slices.Clip(s.p.OrderBy), orderList(items)...)
	return s
}

// Distinct returns a copy of s with SELECT DISTINCT.
func (s SelectStmt) Distinct() SelectStmt {
	s.p.Distinct = true
	return s
}

// DistinctOn returns a copy of s with PostgreSQL's DISTINCT ON (exprs).
func (s SelectStmt) DistinctOn(exprs ...Expr) SelectStmt {
	s.p.DistinctOn = strictList(exprs, "DISTINCT ON")
	return s
}

// limitWith returns a copy of cur (or a new clause) whose row-count expression for n
// shares its allocation when n is a Go number, the common case.
func limitWith(cur *LimitClause, n any, where string) (*LimitClause, Expr) {
	lp := &struct {
		LimitClause
		p BindParam
	}{}
	if cur != nil {
		lp.LimitClause = *cur
	}
	switch n.(type) {
	case Expr, nil, Stmt:
		return &lp.LimitClause, countExpr(n, where)
	}
	lp.p = BindParam{Value: n, Type: types.Infer(n)}
	return &lp.LimitClause, &lp.p
}

// Limit returns a copy of s returning at most n rows; n is an int (bound) or an Expr.
func (s SelectStmt) Limit(n any) SelectStmt {
	l, e := limitWith(s.p.Limit, n, "LIMIT")
	l.Limit, l.Fetch, l.WithTies = e, false, false
	s.p.Limit = l
	return s
}

// Offset returns a copy of s skipping n rows.
func (s SelectStmt) Offset(n any) SelectStmt {
	l, e := limitWith(s.p.Limit, n, "OFFSET")
	l.Offset = e
	s.p.Limit = l
	return s
}

// FetchFirst returns a copy of s with FETCH FIRST n ROWS ONLY.
func (s SelectStmt) FetchFirst(n any) SelectStmt {
	s.p.Limit = fetch(s.p.Limit, n, false)
	return s
}

// FetchFirstWithTies returns a copy of s with FETCH FIRST n ROWS WITH TIES: rows that
// tie with the last one in the ORDER BY come too.
func (s SelectStmt) FetchFirstWithTies(n any) SelectStmt {
	s.p.Limit = fetch(s.p.Limit, n, true)
	return s
}

func fetch(cur *LimitClause, n any, ties bool) *LimitClause {
	l := &LimitClause{}
	if cur != nil {
		*l = *cur
	}
	l.Limit, l.Fetch, l.WithTies = countExpr(n, "FETCH FIRST"), true, ties
	return l
}

func countExpr(n any, where string) Expr {
	if n == nil {
		return Bad(errors.New("ast: nil row count in " + where))
	}
	return toExpr(n, nil)
}

func (s SelectStmt) lock(st LockStrength) SelectStmt {
	l := &Lock{Strength: st}
	if s.p.Lock != nil {
		l.Of, l.Wait = s.p.Lock.Of, s.p.Lock.Wait
	}
	s.p.Lock = l
	return s
}

// ForUpdate returns a copy of s locking the selected rows FOR UPDATE.
func (s SelectStmt) ForUpdate() SelectStmt { return s.lock(ForUpdate) }

// ForNoKeyUpdate returns a copy of s with PostgreSQL's FOR NO KEY UPDATE.
func (s SelectStmt) ForNoKeyUpdate() SelectStmt { return s.lock(ForNoKeyUpdate) }

// ForShare returns a copy of s locking the selected rows FOR SHARE.
func (s SelectStmt) ForShare() SelectStmt { return s.lock(ForShare) }

// ForKeyShare returns a copy of s with PostgreSQL's FOR KEY SHARE.
func (s SelectStmt) ForKeyShare() SelectStmt { return s.lock(ForKeyShare) }

// AddClause returns a copy of s with a dialect-specific clause n at pos. Dialect
// packages wrap it in constructors that read like SQL (questdb.SampleBy, for one).
func (s SelectStmt) AddClause(pos ClausePos, n Node) SelectStmt {
	if pos < AfterFrom || pos > AtEnd {
		n = Bad(errors.New("ast: AddClause: invalid clause position " + strconv.Itoa(int(pos))))
		pos = AtEnd // where the compiler meets the error
	} else if n == nil || isNilNode(n) {
		n = Bad(errors.New("ast: AddClause: nil clause"))
	}
	s.p.Clauses = append(slices.Clip(s.p.Clauses), Clause{Pos: pos, Node: n})
	return s
}

// LockOf returns a copy of s whose lock applies to the listed FROM items only; without
// an earlier lock call it locks FOR UPDATE, as SQLAlchemy's with_for_update(of=…) does.
func (s SelectStmt) LockOf(items ...FromItem) SelectStmt {
	if s.p.Lock == nil {
		s = s.ForUpdate()
	}
	l := *s.p.Lock
	l.Of = items
	s.p.Lock = &l
	return s
}

// NoWait returns a copy of s whose lock fails at once on a locked row; FOR UPDATE
// unless another lock strength was chosen.
func (s SelectStmt) NoWait() SelectStmt { return s.lockWait(NoWait) }

// SkipLocked returns a copy of s whose lock skips locked rows; FOR UPDATE unless
// another lock strength was chosen.
func (s SelectStmt) SkipLocked() SelectStmt { return s.lockWait(SkipLocked) }

func (s SelectStmt) lockWait(w LockWait) SelectStmt {
	if s.p.Lock == nil {
		s = s.ForUpdate()
	}
	l := *s.p.Lock
	l.Wait = w
	s.p.Lock = &l
	return s
}

// With returns a copy of s with ctes added to its WITH clause.
func (s SelectStmt) With(ctes ...*CTE) SelectStmt {
	for _, c := range ctes {
		if !slices.ContainsFunc(s.p.With, c.Same) {
			s.p.With = append(slices.Clip(s.p.With), c)
		}
	}
	return s
}

// Window returns a copy of s declaring named windows (see NamedWindow).
func (s SelectStmt) Window(defs ...*Window) SelectStmt {
	s.p.Windows = append(slices.Clip(s.p.Windows), defs...)
	return s
}

// Correlate returns a copy of s that, as a subquery, correlates exactly the listed
// FROM items to the enclosing query; with none, it correlates nothing.
func (s SelectStmt) Correlate(items ...FromItem) SelectStmt {
	s.p.Correlation, s.p.Correlate = CorrelateOnly, items
	return s
}

// CorrelateExcept returns a copy of s that correlates every FROM item found in an
// enclosing query except the listed ones.
func (s SelectStmt) CorrelateExcept(items ...FromItem) SelectStmt {
	s.p.Correlation, s.p.Correlate = CorrelateExcept, items
	return s
}

// As returns s as a derived table named name.
func (s SelectStmt) As(name string) *Alias { return &Alias{Of: s, Name: name} }

// Lateral returns s as a LATERAL derived table named name.
func (s SelectStmt) Lateral(name string) *Alias { return &Alias{Of: s, Name: name, Lateral: true} }

// Scalar returns s as a scalar subquery, a value.
func (s SelectStmt) Scalar() *Scalar { return &Scalar{Query: s} }

// CTE returns s as a common table expression named name.
func (s SelectStmt) CTE(name string) *CTE { return NewCTE(name, s) }

// Union returns s UNION others.
func (s SelectStmt) Union(others ...Stmt) CompoundStmt { return compound(SetUnion, s, others) }

// UnionAll returns s UNION ALL others.
func (s SelectStmt) UnionAll(others ...Stmt) CompoundStmt {
	return compound(SetUnionAll, s, others)
}

// Intersect returns s INTERSECT others.
func (s SelectStmt) Intersect(others ...Stmt) CompoundStmt {
	return compound(SetIntersect, s, others)
}

// IntersectAll returns s INTERSECT ALL others.
func (s SelectStmt) IntersectAll(others ...Stmt) CompoundStmt {
	return compound(SetIntersectAll, s, others)
}

// Except returns s EXCEPT others.
func (s SelectStmt) Except(others ...Stmt) CompoundStmt { return compound(SetExcept, s, others) }

// ExceptAll returns s EXCEPT ALL others.
func (s SelectStmt) ExceptAll(others ...Stmt) CompoundStmt {
	return compound(SetExceptAll, s, others)
}

// A SetOp is the operator of a compound SELECT.
type SetOp uint8

// The set operators.
const (
	SetUnion SetOp = iota
	SetUnionAll
	SetIntersect
	SetIntersectAll
	SetExcept
	SetExceptAll
)

func (op SetOp) String() string {
	return [...]string{"UNION", "UNION ALL", "INTERSECT", "INTERSECT ALL", "EXCEPT", "EXCEPT ALL"}[op]
}

// CompoundParts holds the parts of a compound SELECT.
type CompoundParts struct {
	With    []*CTE
	Op      SetOp
	Members []Stmt // SELECT or compound statements, at least two
	OrderBy []*Order
	Limit   *LimitClause
}

// CompoundStmt is a compound SELECT: members joined by UNION, INTERSECT or EXCEPT,
// with ORDER BY and LIMIT applying to the whole.
type CompoundStmt struct{ p CompoundParts }

func compound(op SetOp, first Stmt, others []Stmt) CompoundStmt {
	members := make([]Stmt, 0, 1+len(others))
	members = append(members, first)
	members = append(members, others...)
	return CompoundStmt{p: CompoundParts{Op: op, Members: members}}
}

// Union returns UNION of the statements.
func Union(first Stmt, others ...Stmt) CompoundStmt { return compound(SetUnion, first, others) }

// UnionAll returns UNION ALL of the statements.
func UnionAll(first Stmt, others ...Stmt) CompoundStmt {
	return compound(SetUnionAll, first, others)
}

// Intersect returns INTERSECT of the statements.
func Intersect(first Stmt, others ...Stmt) CompoundStmt {
	return compound(SetIntersect, first, others)
}

// IntersectAll returns INTERSECT ALL of the statements.
func IntersectAll(first Stmt, others ...Stmt) CompoundStmt {
	return compound(SetIntersectAll, first, others)
}

// Except returns EXCEPT of the statements.
func Except(first Stmt, others ...Stmt) CompoundStmt { return compound(SetExcept, first, others) }

// ExceptAll returns EXCEPT ALL of the statements.
func ExceptAll(first Stmt, others ...Stmt) CompoundStmt {
	return compound(SetExceptAll, first, others)
}

// Parts returns the parts of c. The slices are shared: do not modify them.
func (c CompoundStmt) Parts() CompoundParts { return c.p }

// OrderBy returns a copy of c ordered by items.
func (c CompoundStmt) OrderBy(items ...any) CompoundStmt {
	c.p.OrderBy = append(slices.Clip(c.p.OrderBy), orderList(items)...)
	return c
}

// Limit returns a copy of c returning at most n rows.
func (c CompoundStmt) Limit(n any) CompoundStmt {
	c.p.Limit = SelectStmt{p: SelectParts{Limit: c.p.Limit}}.Limit(n).p.Limit
	return c
}

// Offset returns a copy of c skipping n rows.
func (c CompoundStmt) Offset(n any) CompoundStmt {
	c.p.Limit = SelectStmt{p: SelectParts{Limit: c.p.Limit}}.Offset(n).p.Limit
	return c
}

// FetchFirst returns a copy of c with FETCH FIRST n ROWS ONLY.
func (c CompoundStmt) FetchFirst(n any) CompoundStmt {
	c.p.Limit = fetch(c.p.Limit, n, false)
	return c
}

// FetchFirstWithTies returns a copy of c with FETCH FIRST n ROWS WITH TIES.
func (c CompoundStmt) FetchFirstWithTies(n any) CompoundStmt {
	c.p.Limit = fetch(c.p.Limit, n, true)
	return c
}

// With returns a copy of c with ctes in its WITH clause.
func (c CompoundStmt) With(ctes ...*CTE) CompoundStmt {
	for _, cte := range ctes {
		if !slices.ContainsFunc(c.p.With, cte.Same) {
			c.p.With = append(slices.Clip(c.p.With), cte)
		}
	}
	return c
}

// As returns c as a derived table named name.
func (c CompoundStmt) As(name string) *Alias { return &Alias{Of: c, Name: name} }

// CTE returns c as a common table expression named name.
func (c CompoundStmt) CTE(name string) *CTE { return NewCTE(name, c) }

// Scalar returns c as a scalar subquery.
func (c CompoundStmt) Scalar() *Scalar { return &Scalar{Query: c} }

// ResultColumns returns the columns a statement returns: the select list of a SELECT
// (of the first member of a compound), the RETURNING list of DML, the declared
// columns of raw text. Names are "" where the database chooses them.
func ResultColumns(s Stmt) []ResultColumn {
	switch x := s.(type) {
	case SelectStmt:
		return exprColumns(x.p.Columns)
	case CompoundStmt:
		if len(x.p.Members) > 0 {
			return ResultColumns(x.p.Members[0])
		}
	case InsertStmt:
		return exprColumns(x.p.Returning)
	case UpdateStmt:
		return exprColumns(x.p.Returning)
	case DeleteStmt:
		return exprColumns(x.p.Returning)
	case *TextClause:
		return x.Columns
	}
	return nil
}

func exprColumns(es []Expr) []ResultColumn {
	if len(es) == 0 {
		return nil
	}
	out := make([]ResultColumn, 0, len(es))
	for _, e := range es {
		switch x := e.(type) {
		case *Column:
			out = append(out, ResultColumn{Name: x.Name, Type: x.Type})
		case *Label:
			out = append(out, ResultColumn{Name: x.Name, Type: TypeOf(x.X)})
		case *Star:
			out = append(out, starColumns(x)...)
		default:
			out = append(out, ResultColumn{Type: TypeOf(e)})
		}
	}
	return out
}

func starColumns(s *Star) []ResultColumn {
	var t *Table
	switch f := s.From.(type) {
	case *Table:
		t = f
	case *Alias:
		t, _ = f.Of.(*Table)
	}
	if t == nil || t.Columns == nil {
		return []ResultColumn{{Name: "*"}}
	}
	out := make([]ResultColumn, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = ResultColumn{Name: c.Name, Type: c.Type}
	}
	return out
}
