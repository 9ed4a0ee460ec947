package fuzz

import (
	"math/rand/v2"
	"testing"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
)

// TestGenerator guards the generator, which the targets trust: equal inputs build
// Equal trees, any input builds a tree, exec-mode trees always compile on SQLite, and
// random inputs reach every statement kind and mostly compile on PostgreSQL, so that
// even the 10 seconds CI gives each target explore something.
func TestGenerator(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	stmts := map[ast.Kind]int{}
	compiled := 0
	const n = 2000
	for _, mode := range []Mode{Compile, Exec} {
		if Build(nil, 0, mode).Stmt == nil {
			t.Fatalf("the empty input builds no tree in mode %d", mode)
		}
	}
	for range n {
		data := make([]byte, r.IntN(200))
		for j := range data {
			data[j] = byte(r.IntN(256))
		}
		seed := r.Uint64()
		tree := Build(data, seed, Compile)
		if !ast.Equal(tree.Stmt, Build(data, seed, Compile).Stmt) {
			t.Fatalf("input %q, seed %d: two builds differ", data, seed)
		}
		stmts[tree.Stmt.Kind()]++
		if _, err := postgres.Dialect().CompileWith(tree.Stmt, tree.Options(0)); err == nil {
			compiled++
		}
		exec := Build(data, seed, Exec)
		if _, err := sqlite.Dialect().CompileWith(exec.Stmt, compiler.Options{}); err != nil {
			t.Errorf("input %q, seed %d: an exec-mode tree does not compile on SQLite: %v", data, seed, err)
		}
	}
	for _, k := range []ast.Kind{ast.KindSelect, ast.KindCompound, ast.KindInsert, ast.KindUpdate, ast.KindDelete} {
		if stmts[k] == 0 {
			t.Errorf("no %s statement in %d trees", k, n)
		}
	}
	if compiled < n/2 {
		t.Errorf("only %d of %d compile-mode trees compile on PostgreSQL", compiled, n)
	}
	t.Logf("statements %v; %d of %d compile on PostgreSQL", stmts, compiled, n)
}
