package compiler

import (
	"github.com/seed13bb6a42/strata/ast"
)

func renderInsert(c *Ctx, n ast.Node) {
	s := n.(ast.InsertStmt)
	p := s.Parts()
	c.correlating = false
	with := p.With
	if q, ok := p.Query.(ast.SelectStmt); ok {
		// The source's CTEs go to the top: PostgreSQL requires a data-modifying CTE there.
		with = c.withCTEs(with, q.Parts().With)
	}
	declared := c.With(with)
	c.InsertHead(&p)
	c.InsertSource(&p)
	c.InsertTail(&p)
	c.EndWith(declared)
}

// InsertHead renders INSERT INTO table (columns).
func (c *Ctx) InsertHead(p *ast.InsertParts) {
	if p.Table == nil {
		c.Failf("INSERT into a nil table")
		return
	}
	c.Write("INSERT INTO ")
	c.QualifiedName(p.Table.Schema, p.Table.Name)
	if p.DefaultValues {
		return
	}
	cols := p.TargetColumns()
	if len(cols) == 0 {
		c.Failf("INSERT into %s has no columns (declare the table's columns or call Columns)", p.Table.Name)
		return
	}
	c.Write(" (")
	for i, col := range cols {
		if i > 0 {
			c.Write(", ")
		}
		c.TargetColumn(p.Table, col)
	}
	c.buf = append(c.buf, ')')
}

// TargetColumn writes the unqualified name of col, which must belong to target.
func (c *Ctx) TargetColumn(target ast.FromItem, col *ast.Column) {
	if col == nil {
		c.Failf("nil target column")
		return
	}
	if col.Missing && col.From == nil {
		c.Failf("column %q is not a column of %s", col.Name, describeFrom(target))
		return
	}
	if col.Missing {
		c.Failf("%s has no column %q", describeFrom(col.From), col.Name)
		return
	}
	if col.From != nil && target != nil && !sameFrom(col.From, target) && !sameUnderlying(col.From, target) {
		c.Failf("column %q of %s is not a column of the target %s", col.Name, describeFrom(col.From), describeFrom(target))
		return
	}
	c.Ident(col.Name)
}

// sameUnderlying reports a table and an alias of that table.
func sameUnderlying(a, b ast.FromItem) bool {
	un := func(f ast.FromItem) ast.FromItem {
		if al, ok := f.(*ast.Alias); ok {
			if t, ok := al.Of.(*ast.Table); ok {
				return t
			}
		}
		return f
	}
	return sameFrom(un(a), un(b))
}

// InsertSource renders DEFAULT VALUES, the VALUES rows, or the SELECT source.
func (c *Ctx) InsertSource(p *ast.InsertParts) {
	switch {
	case p.DefaultValues:
		if len(p.Rows) > 0 || p.Query != nil {
			c.Failf("INSERT with DEFAULT VALUES cannot also have values or a query")
			return
		}
		if c.Has(DefaultValues) {
			c.Write(" DEFAULT VALUES")
		} else {
			c.Write(" () VALUES ()")
		}
	case p.Query != nil:
		if len(p.Rows) > 0 {
			c.Failf("INSERT cannot have both VALUES rows and a query")
			return
		}
		c.buf = append(c.buf, ' ')
		c.Node(p.Query)
	default:
		cols := p.TargetColumns()
		c.Write(" VALUES ")
		if len(p.Rows) == 0 {
			// No rows: one named parameter per column, filled at execution.
			c.buf = append(c.buf, '(')
			for i, col := range cols {
				if i > 0 {
					c.Write(", ")
				}
				c.Param(&ast.BindParam{Name: col.Name, Type: col.Type, Deferred: true})
			}
			c.buf = append(c.buf, ')')
			return
		}
		for i, row := range p.Rows {
			if len(row) != len(cols) {
				c.Failf("INSERT row %d has %d values for %d columns", i, len(row), len(cols))
				return
			}
			if i > 0 {
				c.Write(", ")
			}
			c.Tuple(row)
		}
	}
}

// InsertTail renders the upsert clause and RETURNING.
func (c *Ctx) InsertTail(p *ast.InsertParts) {
	if c.err != nil {
		return
	}
	c.PushScope(p.Table)
	if p.OnConflict != nil {
		c.inUpsert = true
		c.Node(p.OnConflict)
		c.inUpsert = false
	}
	c.Returning(p.Returning, Returning, "INSERT … RETURNING", p.Table)
	c.PopScope()
}

// Returning renders " RETURNING exprs" when there are any, if the dialect has feature f.
func (c *Ctx) Returning(exprs []ast.Expr, f Feature, construct string, target ast.FromItem) {
	if len(exprs) == 0 {
		return
	}
	if bad := firstInvalid(exprs...); bad != nil {
		c.Node(bad)
		return
	}
	if !c.Has(f) {
		c.Unsupported(construct, "select the rows in the same transaction instead")
		return
	}
	c.Write(" RETURNING ")
	bare := c.bare
	c.bare = target // columns of the target render unqualified, which every dialect accepts
	c.SelectList(exprs)
	c.bare = bare
}

// firstInvalid returns the first *ast.Invalid among exprs, so that bad input is
// reported as such before a feature check could report it as unsupported.
func firstInvalid(exprs ...ast.Expr) ast.Node {
	for _, e := range exprs {
		if bad, ok := e.(*ast.Invalid); ok {
			return bad
		}
	}
	return nil
}

// ValidateUpsert reports bad input in an upsert clause as a CompileError: a target
// or SET column of another table, an empty DO UPDATE. It returns whether o is valid,
// for rules that must refuse the clause as unsupported only when it is.
func (c *Ctx) ValidateUpsert(o *ast.OnConflict) bool {
	target := c.Scope()
	if len(target) == 0 {
		c.Failf("upsert clause outside an INSERT")
		return false
	}
	if o.Constraint != "" && len(o.Target) > 0 {
		c.Failf("ON CONFLICT takes a column list or a constraint name, not both")
		return false
	}
	for _, col := range o.Target {
		if col == nil || col.Missing || col.From != nil && !sameFrom(col.From, target[0]) && !sameUnderlying(col.From, target[0]) {
			c.TargetColumn(target[0], col)
			return c.err == nil
		}
	}
	if !o.DoNothing {
		if len(o.Set) == 0 {
			c.Failf("empty SET list")
			return false
		}
		for _, a := range o.Set {
			if a.Col == nil {
				c.Node(a.Value)
				c.Failf("nil column in SET")
				return false
			}
			if bad := firstInvalid(a.Value); bad != nil {
				c.Node(bad)
				return false
			}
		}
	}
	return true
}

// RenderOnConflict is the ANSI (PostgreSQL and SQLite) rule for the upsert clause.
func RenderOnConflict(c *Ctx, n ast.Node) {
	o := n.(*ast.OnConflict)
	if !c.ValidateUpsert(o) {
		return
	}
	if !c.Has(OnConflict) {
		c.Unsupported("INSERT … ON CONFLICT", "")
		return
	}
	c.Write(" ON CONFLICT")
	switch {
	case o.Constraint != "":
		if !c.Has(OnConflictConstraint) {
			c.Unsupported("ON CONFLICT ON CONSTRAINT", "name the constraint's columns with ast.Conflict(cols…)")
			return
		}
		if len(o.Target) > 0 {
			c.Failf("ON CONFLICT takes a column list or a constraint name, not both")
			return
		}
		c.Write(" ON CONSTRAINT ")
		c.Ident(o.Constraint)
	case len(o.Target) > 0:
		c.Write(" (")
		bare := c.bare
		c.bare = nil
		for i, col := range o.Target {
			if i > 0 {
				c.Write(", ")
			}
			c.TargetColumn(c.scopes[len(c.scopes)-1].items[0], col)
		}
		c.bare = bare
		c.buf = append(c.buf, ')')
		if o.TargetWhere != nil {
			c.Write(" WHERE ")
			// The predicate must match the index's own text: bare columns, and values
			// inline (a parameter cannot be matched to the index at plan time).
			c.unqualified = true
			flags := c.flags
			if c.flags&Fingerprint == 0 {
				c.flags |= InlineLiterals
			}
			c.Expr(o.TargetWhere, ast.PrecLowest+1)
			c.flags = flags
			c.unqualified = false
		}
	default:
		if !o.DoNothing {
			c.Failf("ON CONFLICT DO UPDATE needs a conflict target (ast.Conflict(cols…))")
			return
		}
	}
	if o.DoNothing {
		c.Write(" DO NOTHING")
		return
	}
	c.Write(" DO UPDATE SET ")
	c.Assignments(c.scopes[len(c.scopes)-1].items[0], o.Set)
	if o.Where != nil {
		c.Write(" WHERE ")
		c.Expr(o.Where, ast.PrecLowest+1)
	}
}

// Assignments renders col = value, … for SET clauses.
func (c *Ctx) Assignments(target ast.FromItem, sets []ast.Assignment) {
	if len(sets) == 0 {
		c.Failf("empty SET list")
		return
	}
	for i, a := range sets {
		if i > 0 {
			c.Write(", ")
		}
		if a.Col == nil {
			c.Node(a.Value) // Set(nil, …) carries its error in the value
			c.Failf("nil column in SET")
			return
		}
		c.TargetColumn(target, a.Col)
		c.Write(" = ")
		c.Expr(a.Value, ast.PrecLowest+1)
	}
}

func renderUpdate(c *Ctx, n ast.Node) {
	s := n.(ast.UpdateStmt)
	p := s.Parts()
	c.correlating = false
	if len(p.With) > 0 && !c.Has(CTEOnUpdateDelete) {
		c.Unsupported("WITH … UPDATE", "use a subquery in the WHERE clause")
		return
	}
	declared := c.With(p.With)
	c.PushScope(append([]ast.FromItem{p.Table}, p.From...)...)
	c.Write("UPDATE ")
	c.Node(p.Table)
	c.UpdateTail(&p)
	c.PopScope()
	c.EndWith(declared)
}

// UpdateTail renders what follows an UPDATE's target: SET, FROM, WHERE, ORDER BY,
// LIMIT and RETURNING, for dialects that write the target their own way.
func (c *Ctx) UpdateTail(p *ast.UpdateParts) {
	c.Write(" SET ")
	c.Assignments(p.Table, p.Set)
	if len(p.From) > 0 {
		if !c.Has(UpdateFrom) {
			c.Unsupported("UPDATE … FROM", "use a correlated subquery in SET and WHERE")
		} else {
			c.Write(" FROM ")
			c.FromList(p.From)
		}
	}
	if p.Where != nil {
		c.Write(" WHERE ")
		c.Expr(p.Where, ast.PrecLowest+1)
	}
	c.DMLOrderLimit("UPDATE", p.OrderBy, p.Limit)
	c.Returning(p.Returning, ReturningUpdate, "UPDATE … RETURNING", p.Table)
}

// DMLOrderLimit renders ORDER BY and LIMIT of UPDATE or DELETE.
func (c *Ctx) DMLOrderLimit(stmt string, order []*ast.Order, limit ast.Expr) {
	if len(order) == 0 && limit == nil {
		return
	}
	if bad := firstInvalid(limit); bad != nil {
		c.Node(bad)
		return
	}
	if !c.Has(DMLOrderLimit) {
		c.Unsupported(stmt+" … ORDER BY / LIMIT", "select the keys to change in a subquery")
		return
	}
	c.OrderBy(order)
	if limit != nil {
		c.Write(" LIMIT ")
		c.Expr(limit, ast.PrecAtom)
	}
}

func renderDelete(c *Ctx, n ast.Node) {
	s := n.(ast.DeleteStmt)
	p := s.Parts()
	c.correlating = false
	if len(p.With) > 0 && !c.Has(CTEOnUpdateDelete) {
		c.Unsupported("WITH … DELETE", "use a subquery in the WHERE clause")
		return
	}
	declared := c.With(p.With)
	c.PushScope(append([]ast.FromItem{p.Table}, p.Using...)...)
	c.Write("DELETE FROM ")
	c.Node(p.Table)
	if len(p.Using) > 0 {
		if !c.Has(DeleteUsing) {
			c.Unsupported("DELETE … USING", "use a subquery in the WHERE clause (… WHERE key IN (SELECT …))")
		} else {
			c.Write(" USING ")
			c.FromList(p.Using)
		}
	}
	c.DeleteTail(&p)
	c.PopScope()
	c.EndWith(declared)
}

// DeleteTail renders what follows a DELETE's target and USING list: WHERE, ORDER
// BY, LIMIT and RETURNING, for dialects that write the head their own way.
func (c *Ctx) DeleteTail(p *ast.DeleteParts) {
	if p.Where != nil {
		c.Write(" WHERE ")
		c.Expr(p.Where, ast.PrecLowest+1)
	}
	c.DMLOrderLimit("DELETE", p.OrderBy, p.Limit)
	c.Returning(p.Returning, ReturningDelete, "DELETE … RETURNING", p.Table)
}

func renderText(c *Ctx, n ast.Node) {
	t := n.(*ast.TextClause)
	c.correlating = false
	for _, seg := range t.Segments {
		if seg.Param == "" {
			c.Write(seg.Text)
			continue
		}
		p := t.Bound(seg.Param)
		if p == nil {
			c.Param(&ast.BindParam{Name: seg.Param, Deferred: true})
			continue
		}
		if p.Expanding {
			elems, ok := c.InElements([]ast.Expr{p})
			if !ok {
				return
			}
			if len(elems) == 0 {
				c.Failf("expanding parameter :%s in text is empty; raw text has no empty-list form", seg.Param)
				return
			}
			c.List(elems)
			continue
		}
		named := *p
		named.Name = seg.Param
		c.Param(&named)
	}
}
