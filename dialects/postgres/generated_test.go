package postgres_test

import (
	"errors"
	"testing"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/types"
)

// TestGeneratedColumnsByVersion checks that generated columns, which came in
// PostgreSQL 12, are refused for an older server, and kept when no version is given.
func TestGeneratedColumnsByVersion(t *testing.T) {
	tbl := ast.NewTable("t", ast.Col("a", types.Integer),
		ast.Col("b", types.Integer, ast.GeneratedAs(ast.Mul(ast.T("t").C("a"), 2), true)))
	const want = "CREATE TABLE t (a INTEGER, b INTEGER GENERATED ALWAYS AS (a * 2) STORED)"
	tests := []struct {
		version string
		ok      bool
	}{
		{"", true},
		{"9.6.24", false},
		{"10", false},
		{"11.22", false},
		{"12", true},
		{"12.0", true},
		{"17.2", true},
	}
	for _, tt := range tests {
		d := postgres.New(tt.version)
		if d.HasDDL(compiler.ComputedColumns) != tt.ok {
			t.Errorf("New(%q): ComputedColumns %v, want %v", tt.version, d.HasDDL(compiler.ComputedColumns), tt.ok)
		}
		p, err := d.Compile(ast.CreateTable(tbl))
		var ue *compiler.UnsupportedError
		switch {
		case tt.ok && (err != nil || p.SQL != want):
			t.Errorf("New(%q): got %v %v, want %s", tt.version, p, err, want)
		case !tt.ok && !errors.As(err, &ue):
			t.Errorf("New(%q): got %v %v, want a *compiler.UnsupportedError", tt.version, p, err)
		}
	}
}
