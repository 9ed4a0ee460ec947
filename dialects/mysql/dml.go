package mysql

import (
	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
)

// rowAlias names the proposed row of an upsert on MySQL 8.0.19+, which deprecates
// VALUES(col) in favour of INSERT … AS new … ON DUPLICATE KEY UPDATE c = new.c.
const rowAlias = "new"

func renderInsert(c *compiler.Ctx, n ast.Node) {
	s := n.(ast.InsertStmt)
	p := s.Parts()
	c.InsertHead(&p)
	declared := 0
	switch {
	case len(p.With) > 0 && p.Query == nil:
		c.Unsupported("WITH on INSERT … VALUES", "insert from a SELECT that uses the CTE")
		return
	case len(p.With) > 0 || p.Query != nil && p.OnConflict != nil:
		// MySQL puts the WITH clause after the column list, on the SELECT. An upsert
		// reads its source through a derived table, so that names in ON DUPLICATE KEY
		// UPDATE cannot be taken for the source's own columns.
		c.WriteByte(' ')
		declared = c.With(p.With)
		if p.OnConflict != nil {
			c.Write("SELECT * FROM ")
			c.Subquery(p.Query)
			c.Write(" AS src")
		} else {
			c.Node(p.Query)
		}
	default:
		c.InsertSource(&p)
	}
	if p.OnConflict != nil && !p.OnConflict.DoNothing && p.Query == nil && !p.DefaultValues &&
		c.Has(compiler.UpsertRowAlias) {
		c.Write(" AS ")
		c.Write(rowAlias)
		c.SetUpsertAlias(rowAlias)
	}
	c.InsertTail(&p)
	c.SetUpsertAlias("")
	c.EndWith(declared)
}

// renderOnDuplicateKey renders the upsert clause as ON DUPLICATE KEY UPDATE. MySQL
// has no conflict target: the clause fires on a duplicate in any unique index, so a
// target given with ast.Conflict documents intent but does not narrow it.
func renderOnDuplicateKey(c *compiler.Ctx, n ast.Node) {
	o := n.(*ast.OnConflict)
	if !c.ValidateUpsert(o) {
		return
	}
	switch {
	case o.Constraint != "":
		c.Unsupported("ON CONFLICT ON CONSTRAINT", "ON DUPLICATE KEY UPDATE fires for any unique key; use ast.Conflict()")
		return
	case o.TargetWhere != nil:
		c.Unsupported("a partial-index conflict target (ON CONFLICT … WHERE)", "")
		return
	case o.Where != nil:
		c.Unsupported("ON CONFLICT DO UPDATE … WHERE", "make each assignment conditional: ast.Case(ast.WhenThen(cond, new)).ElseResult(old)")
		return
	}
	scope := c.Scope()
	if len(scope) == 0 {
		c.Failf("upsert clause outside an INSERT")
		return
	}
	target := scope[0]
	c.Write(" ON DUPLICATE KEY UPDATE ")
	if o.DoNothing {
		// Assigning a column to itself keeps the row; INSERT IGNORE would also turn
		// other errors (bad values, foreign keys) into warnings.
		var col *ast.Column
		if len(o.Target) > 0 {
			col = o.Target[0]
		} else if t, ok := target.(*ast.Table); ok && len(t.Columns) > 0 {
			col = t.Columns[0]
		}
		if col == nil {
			c.Failf("DO NOTHING on %s needs a conflict column or a table with declared columns", c.Dialect().Name)
			return
		}
		c.Qualifier(target) // qualified: the SELECT source of an upsert may have this name too
		c.WriteByte('.')
		c.TargetColumn(target, col)
		c.Write(" = ")
		c.Qualifier(target)
		c.WriteByte('.')
		c.TargetColumn(target, col)
		return
	}
	c.Assignments(target, o.Set)
}

func renderExcluded(c *compiler.Ctx, n ast.Node) {
	x := n.(*ast.ExcludedExpr)
	if !c.InUpsert() {
		c.Failf("excluded value of %q used outside an upsert", x.Col.Name)
		return
	}
	if a := c.UpsertAlias(); a != "" {
		c.Write(a)
		c.WriteByte('.')
		c.Ident(x.Col.Name)
		return
	}
	c.Write("VALUES(")
	c.Ident(x.Col.Name)
	c.WriteByte(')')
}

func renderUpdate(c *compiler.Ctx, n ast.Node) {
	s := n.(ast.UpdateStmt)
	p := s.Parts()
	if len(p.With) > 0 && !c.Has(compiler.CTEOnUpdateDelete) {
		c.Unsupported("WITH … UPDATE", "use a subquery in the WHERE clause")
		return
	}
	declared := c.With(p.With)
	c.PushScope(append([]ast.FromItem{p.Table}, p.From...)...)
	c.Write("UPDATE ")
	c.Node(p.Table)
	multi := len(p.From) > 0
	if multi {
		// Multi-table UPDATE: the other tables join the table list.
		if len(p.OrderBy) > 0 || p.Limit != nil {
			c.Unsupported("multi-table UPDATE with ORDER BY or LIMIT", "")
			return
		}
		c.Write(", ")
		c.FromList(p.From)
	}
	c.Write(" SET ")
	if len(p.Set) == 0 {
		c.Failf("empty SET list")
		return
	}
	for i, a := range p.Set {
		if i > 0 {
			c.Write(", ")
		}
		if multi { // with several tables, a bare column name could be ambiguous
			c.Qualifier(p.Table)
			c.WriteByte('.')
		}
		c.TargetColumn(p.Table, a.Col)
		c.Write(" = ")
		c.Expr(a.Value, ast.PrecLowest+1)
	}
	if p.Where != nil {
		c.Write(" WHERE ")
		c.Expr(p.Where, ast.PrecLowest+1)
	}
	c.DMLOrderLimit("UPDATE", p.OrderBy, p.Limit)
	c.Returning(p.Returning, compiler.ReturningUpdate, "UPDATE … RETURNING", p.Table)
	c.PopScope()
	c.EndWith(declared)
}

func renderDelete(c *compiler.Ctx, n ast.Node) {
	s := n.(ast.DeleteStmt)
	p := s.Parts()
	if len(p.With) > 0 && !c.Has(compiler.CTEOnUpdateDelete) {
		c.Unsupported("WITH … DELETE", "use a subquery in the WHERE clause")
		return
	}
	declared := c.With(p.With)
	c.PushScope(append([]ast.FromItem{p.Table}, p.Using...)...)
	c.Write("DELETE ")
	if len(p.Using) > 0 {
		// Multi-table DELETE: DELETE FROM target USING target, others WHERE ….
		if len(p.OrderBy) > 0 || p.Limit != nil {
			c.Unsupported("multi-table DELETE with ORDER BY or LIMIT", "")
			return
		}
		c.Write("FROM ")
		c.Qualifier(p.Table)
		c.Write(" USING ")
		c.Node(p.Table)
		c.Write(", ")
		c.FromList(p.Using)
	} else if a, ok := p.Table.(*ast.Alias); ok {
		// MariaDB rejects DELETE FROM t AS a; DELETE a FROM t AS a works on both.
		c.Ident(a.Name)
		c.Write(" FROM ")
		c.Node(p.Table)
	} else {
		c.Write("FROM ")
		c.Node(p.Table)
	}
	c.DeleteTail(&p)
	c.PopScope()
	c.EndWith(declared)
}
