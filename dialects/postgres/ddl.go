package postgres

import (
	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
)

// ddlRules installs PostgreSQL's schema-statement rules. The ANSI rules are written
// the way PostgreSQL accepts them (identity columns, named enums, COMMENT ON, partial
// and expression indexes, sequences); only generated columns differ by version.
func ddlRules(r *compiler.Rules) {
	r.Wrap(compiler.KindColumnDef, func(next compiler.RenderFunc) compiler.RenderFunc {
		return func(c *compiler.Ctx, n ast.Node) {
			d := n.(*compiler.ColumnDef)
			if x := d.Column.Computed; x != nil && !x.Stored && !virtualColumns(c.Dialect().Version) {
				// Before PostgreSQL 18 every generated column is stored and VIRTUAL is a
				// syntax error; ast.Computed asks for VIRTUAL only "where the dialect
				// distinguishes them". The version must be given to get VIRTUAL.
				stored := *x
				stored.Stored = true
				col := *d.Column
				col.Computed = &stored
				def := *d
				def.Column = &col
				n = &def
			}
			next(c, n)
		}
	})
}

// virtualColumns reports whether the configured server (PostgreSQL 18 and later) has
// virtual generated columns; an unknown version is taken not to.
func virtualColumns(version string) bool {
	v, ok := compiler.ParseVersion(version)
	return ok && v.AtLeast(18, 0, 0)
}
