package postgres_test

import (
	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/types"
	"testing"
)

// TestEnumCast checks that a cast to a named enum names the type (issue found by the
// batching work: VARCHAR(n) would truncate and not compare with the enum column).
func TestEnumCast(t *testing.T) {
	mood := types.Enum("Mood", "sad", "ok")
	p, err := postgres.Dialect().Compile(ast.Select(ast.Cast("ok", mood), ast.Cast("ok", types.ArrayOf(mood))))
	if err != nil || p.SQL != `SELECT CAST($1 AS "Mood"), CAST($2 AS "Mood"[])` {
		t.Errorf("%v %v", p, err)
	}
}
