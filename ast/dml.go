package ast

import (
	"errors"
	"slices"

	"github.com/seed13bb6a42/strata/types"
)

// An Assignment is one col = value of an UPDATE SET or upsert DO UPDATE SET.
type Assignment struct {
	Col   *Column
	Value Expr
}

// Set returns the assignment col = v; v is an Expr or a Go value bound as a parameter
// typed like col.
func Set(col *Column, v any) Assignment {
	if col == nil {
		return Assignment{Value: Bad(errors.New("ast: Set: nil column"))}
	}
	return Assignment{Col: col, Value: valueExpr(v, col.Type)}
}

// valueExpr is toExpr for values stored in columns: a Go nil is a NULL parameter, not
// a NULL literal, so that rows with and without NULLs share one statement shape.
func valueExpr(v any, t *types.Type) Expr {
	if v == nil {
		return &BindParam{Type: t}
	}
	return toExpr(v, t)
}

// InsertParts holds the parts of an INSERT.
type InsertParts struct {
	With          []*CTE
	Table         *Table
	Columns       []*Column // target columns; nil means all declared columns of Table
	Rows          [][]Expr  // VALUES rows; nil with Query or DefaultValues
	Query         Stmt      // INSERT … SELECT source, or nil
	DefaultValues bool      // INSERT … DEFAULT VALUES
	OnConflict    *OnConflict
	Returning     []Expr
}

// InsertStmt is an INSERT statement; methods return modified copies.
type InsertStmt struct{ p InsertParts }

// Insert returns INSERT INTO t. Add Columns and Values, a Query, or DefaultValues.
// With Columns and no rows, each column gets a named parameter of its own name,
// filled at execution: INSERT INTO t (a, b) VALUES (:a, :b).
func Insert(t *Table) InsertStmt {
	return InsertStmt{p: InsertParts{Table: t}}
}

// Parts returns the parts of s. The slices are shared: do not modify them.
func (s InsertStmt) Parts() InsertParts { return s.p }

// Columns returns a copy of s inserting into cols, in this order.
func (s InsertStmt) Columns(cols ...*Column) InsertStmt {
	s.p.Columns = cols
	return s
}

// Values returns a copy of s with one more row. Values are Exprs or Go values bound
// as parameters typed like their columns.
func (s InsertStmt) Values(vals ...any) InsertStmt {
	s.p.Rows = append(slices.Clip(s.p.Rows), valuesRow(vals, s.p.TargetColumns()))
	return s
}

// valuesRow turns one row of values into expressions typed after the target columns.
// The values that become parameters share one allocation: a row costs two, however
// wide it is.
func valuesRow(vals []any, cols []*Column) []Expr {
	row := make([]Expr, len(vals))
	var params []BindParam
	for i, v := range vals {
		var t *types.Type
		if i < len(cols) && cols[i] != nil {
			t = cols[i].Type
		}
		switch v.(type) {
		case Expr, Stmt, *Order, *Window:
			row[i] = valueExpr(v, t)
			continue
		}
		if params == nil {
			params = make([]BindParam, len(vals)-i)
		}
		p := &params[len(params)-(len(vals)-i)]
		p.Value, p.Type = v, t
		if t == nil && v != nil {
			p.Type = types.Infer(v)
		}
		row[i] = p
	}
	return row
}

// ValuesRows returns a copy of s with rows added at once. Calling Values once per row
// copies the row list each time (s never changes), which is quadratic for thousands
// of rows; ValuesRows allocates once.
func (s InsertStmt) ValuesRows(rows [][]any) InsertStmt {
	cols := s.p.TargetColumns()
	all := make([][]Expr, len(s.p.Rows), len(s.p.Rows)+len(rows))
	copy(all, s.p.Rows)
	for _, vals := range rows {
		all = append(all, valuesRow(vals, cols))
	}
	s.p.Rows = all
	return s
}

// FromQuery returns a copy of s inserting the rows of q: INSERT INTO t (cols) SELECT ….
func (s InsertStmt) FromQuery(q Stmt) InsertStmt {
	s.p.Query = q
	return s
}

// DefaultValues returns a copy of s inserting one row of column defaults.
func (s InsertStmt) DefaultValues() InsertStmt {
	s.p.DefaultValues = true
	return s
}

// OnConflict returns a copy of s with an upsert clause built by Conflict.
func (s InsertStmt) OnConflict(oc *OnConflict) InsertStmt {
	s.p.OnConflict = oc
	return s
}

// Returning returns a copy of s returning exprs from the inserted rows.
func (s InsertStmt) Returning(exprs ...Expr) InsertStmt {
	s.p.Returning = append(slices.Clip(s.p.Returning), strictList(exprs, "RETURNING")...)
	return s
}

// With returns a copy of s with ctes in its WITH clause.
func (s InsertStmt) With(ctes ...*CTE) InsertStmt {
	s.p.With = append(slices.Clip(s.p.With), ctes...)
	return s
}

// CTE returns s (which should have RETURNING) as a data-modifying CTE.
func (s InsertStmt) CTE(name string) *CTE { return NewCTE(name, s) }

// TargetColumns returns the columns s inserts into: Columns, or the table's declared
// columns when none were given.
func (p InsertParts) TargetColumns() []*Column {
	if p.Columns != nil || p.Table == nil {
		return p.Columns
	}
	return p.Table.Columns
}

// An OnConflict node is the upsert clause of an INSERT: what to do when a row would
// violate a unique constraint. Build it with Conflict or ConflictOnConstraint.
type OnConflict struct {
	Target      []*Column    // conflict target columns, or nil
	Constraint  string       // conflict target constraint name (PostgreSQL), or ""
	TargetWhere Expr         // partial-index predicate of the target, or nil
	DoNothing   bool         // DO NOTHING; otherwise DO UPDATE SET Set
	Set         []Assignment // DO UPDATE SET assignments
	Where       Expr         // DO UPDATE … WHERE condition, or nil
}

// Conflict returns an upsert clause whose target is the unique index over cols; with
// no cols, any unique violation (DO NOTHING only, except on MySQL where the target is
// always implicit). Finish it with DoNothing or DoUpdate.
func Conflict(cols ...*Column) *OnConflict { return &OnConflict{Target: cols} }

// ConflictOnConstraint returns an upsert clause targeting a named constraint.
func ConflictOnConstraint(name string) *OnConflict { return &OnConflict{Constraint: name} }

// WhereTarget returns a copy of o whose target is a partial index with predicate cond;
// its values are rendered inline so that the server can match the index.
func (o *OnConflict) WhereTarget(cond Expr) *OnConflict {
	n := *o
	n.TargetWhere = cond
	return &n
}

// DoNothingOnConflict returns a copy of o that skips conflicting rows.
func (o *OnConflict) DoNothingOnConflict() *OnConflict {
	n := *o
	n.DoNothing, n.Set = true, nil
	return &n
}

// DoUpdate returns a copy of o that updates the existing row with sets; refer to the
// proposed row with Excluded.
func (o *OnConflict) DoUpdate(sets ...Assignment) *OnConflict {
	n := *o
	n.DoNothing = false
	n.Set = append(slices.Clip(n.Set), sets...)
	return &n
}

// UpdateWhere returns a copy of o whose DO UPDATE applies only where cond holds.
func (o *OnConflict) UpdateWhere(cond Expr) *OnConflict {
	n := *o
	n.Where = cond
	return &n
}

// UpdateParts holds the parts of an UPDATE.
type UpdateParts struct {
	With      []*CTE
	Table     FromItem     // *Table or an *Alias of one
	Set       []Assignment // at least one
	From      []FromItem   // UPDATE … FROM (PostgreSQL, SQLite) or extra tables (MySQL), or nil
	Where     Expr
	OrderBy   []*Order // MySQL only
	Limit     Expr     // MySQL only
	Returning []Expr
}

// UpdateStmt is an UPDATE statement; methods return modified copies.
type UpdateStmt struct{ p UpdateParts }

// Update returns UPDATE t, where t is a table or an alias of one.
func Update(t FromItem) UpdateStmt { return UpdateStmt{p: UpdateParts{Table: nonNilFrom(t, "Update")}} }

func nonNilFrom(t FromItem, who string) FromItem {
	if t == nil {
		return Bad(errors.New("ast: " + who + ": nil table"))
	}
	return t
}

// Parts returns the parts of s. The slices are shared: do not modify them.
func (s UpdateStmt) Parts() UpdateParts { return s.p }

// Set returns a copy of s assigning v to col.
func (s UpdateStmt) Set(col *Column, v any) UpdateStmt {
	s.p.Set = append(slices.Clip(s.p.Set), Set(col, v))
	return s
}

// SetAll returns a copy of s with the assignments added.
func (s UpdateStmt) SetAll(sets ...Assignment) UpdateStmt {
	s.p.Set = append(slices.Clip(s.p.Set), sets...)
	return s
}

// From returns a copy of s reading other tables too (UPDATE … FROM, multi-table UPDATE).
func (s UpdateStmt) From(items ...FromItem) UpdateStmt {
	s.p.From = append(slices.Clip(s.p.From), items...)
	s.p.With = addCTEs(s.p.With, items)
	return s
}

// Where returns a copy of s with conds ANDed to its WHERE clause.
func (s UpdateStmt) Where(conds ...Expr) UpdateStmt {
	s.p.Where = andWhere(s.p.Where, conds, "WHERE")
	return s
}

// OrderBy returns a copy of s updating rows in this order (MySQL).
func (s UpdateStmt) OrderBy(items ...any) UpdateStmt {
	s.p.OrderBy = append(slices.Clip(s.p.OrderBy), orderList(items)...)
	return s
}

// Limit returns a copy of s updating at most n rows (MySQL).
func (s UpdateStmt) Limit(n any) UpdateStmt {
	s.p.Limit = countExpr(n, "LIMIT")
	return s
}

// Returning returns a copy of s returning exprs from the updated rows.
func (s UpdateStmt) Returning(exprs ...Expr) UpdateStmt {
	s.p.Returning = append(slices.Clip(s.p.Returning), strictList(exprs, "RETURNING")...)
	return s
}

// With returns a copy of s with ctes in its WITH clause.
func (s UpdateStmt) With(ctes ...*CTE) UpdateStmt {
	s.p.With = append(slices.Clip(s.p.With), ctes...)
	return s
}

// CTE returns s (which should have RETURNING) as a data-modifying CTE.
func (s UpdateStmt) CTE(name string) *CTE { return NewCTE(name, s) }

// DeleteParts holds the parts of a DELETE.
type DeleteParts struct {
	With      []*CTE
	Table     FromItem   // *Table or an *Alias of one
	Using     []FromItem // DELETE … USING (PostgreSQL) or multi-table (MySQL), or nil
	Where     Expr
	OrderBy   []*Order // MySQL only
	Limit     Expr     // MySQL only
	Returning []Expr
}

// DeleteStmt is a DELETE statement; methods return modified copies.
type DeleteStmt struct{ p DeleteParts }

// Delete returns DELETE FROM t.
func Delete(t FromItem) DeleteStmt { return DeleteStmt{p: DeleteParts{Table: nonNilFrom(t, "Delete")}} }

// Parts returns the parts of s. The slices are shared: do not modify them.
func (s DeleteStmt) Parts() DeleteParts { return s.p }

// Using returns a copy of s joining other tables to choose the rows to delete.
func (s DeleteStmt) Using(items ...FromItem) DeleteStmt {
	s.p.Using = append(slices.Clip(s.p.Using), items...)
	s.p.With = addCTEs(s.p.With, items)
	return s
}

// Where returns a copy of s with conds ANDed to its WHERE clause.
func (s DeleteStmt) Where(conds ...Expr) DeleteStmt {
	s.p.Where = andWhere(s.p.Where, conds, "WHERE")
	return s
}

// OrderBy returns a copy of s deleting rows in this order (MySQL).
func (s DeleteStmt) OrderBy(items ...any) DeleteStmt {
	s.p.OrderBy = append(slices.Clip(s.p.OrderBy), orderList(items)...)
	return s
}

// Limit returns a copy of s deleting at most n rows (MySQL).
func (s DeleteStmt) Limit(n any) DeleteStmt {
	s.p.Limit = countExpr(n, "LIMIT")
	return s
}

// Returning returns a copy of s returning exprs from the deleted rows.
func (s DeleteStmt) Returning(exprs ...Expr) DeleteStmt {
	s.p.Returning = append(slices.Clip(s.p.Returning), strictList(exprs, "RETURNING")...)
	return s
}

// With returns a copy of s with ctes in its WITH clause.
func (s DeleteStmt) With(ctes ...*CTE) DeleteStmt {
	s.p.With = append(slices.Clip(s.p.With), ctes...)
	return s
}

// CTE returns s (which should have RETURNING) as a data-modifying CTE.
func (s DeleteStmt) CTE(name string) *CTE { return NewCTE(name, s) }
