package benchmarks

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/types"
)

// TestPlanCacheMemory measures what a Cache holds per plan: it fills a cache with n
// statements of distinct shapes (Q1 and Q2 over n differently named tables) and reads
// the live heap before and after. The figure covers everything the entry keeps: the
// key, the map slot and CLOCK ring slot, the Plan with its SQL text, parameters and
// result columns. Run it with -v; it fails only if the cache does not hold n plans.
func TestPlanCacheMemory(t *testing.T) {
	const n = 2000
	shapes := []struct {
		name  string
		build func(i int) ast.Stmt
	}{
		{"Q1", func(i int) ast.Stmt { return strataQ1(usersTable(i), In1) }},
		{"Q2", func(i int) ast.Stmt { return strataQ2(usersTable(i).As("u"), ordersO, In2) }},
	}
	for _, s := range shapes {
		stmts := make([]ast.Stmt, n)
		for i := range stmts {
			stmts[i] = s.build(i)
		}
		warm := compiler.NewCache(1) // fill the compiler's pools before measuring
		if _, _, err := warm.Prepare(PG, s.build(n), compiler.Options{}, nil); err != nil {
			t.Fatal(err)
		}
		// Compiling once also gives each declared table, column and alias its rendered
		// name (the compiler's name memos): memory of the schema, not of the cache.
		for _, st := range stmts {
			if _, err := PG.Compile(st); err != nil {
				t.Fatal(err)
			}
		}

		before := liveHeap()
		cache := compiler.NewCache(n)
		for _, st := range stmts {
			if _, _, err := cache.Prepare(PG, st, compiler.Options{}, nil); err != nil {
				t.Fatal(err)
			}
		}
		after := liveHeap()
		if st := cache.Stats(); st.Len != n || st.Misses != n {
			t.Fatalf("%s: cache holds %d plans after %d misses, want %d", s.name, st.Len, st.Misses, n)
		}
		p, _ := PG.Compile(stmts[0])
		key, _, _ := compiler.Key(PG, stmts[0], compiler.Options{})
		t.Logf("plan cache %s: %d B/entry (SQL %d bytes, key %d bytes, %d params, %d entries)",
			s.name, (int64(after)-int64(before))/n, len(p.SQL), len(key), len(p.Params), n)
		runtime.KeepAlive(cache)
		runtime.KeepAlive(stmts)
	}
}

func usersTable(i int) *ast.Table {
	return ast.NewTable(fmt.Sprintf("users_%04d", i),
		ast.Col("id", types.Integer),
		ast.Col("name", types.Text),
		ast.Col("email", types.Text),
		ast.Col("dept_id", types.Integer),
		ast.Col("active", types.Bool),
	)
}

// liveHeap returns the bytes of live heap objects after a full collection; two
// collections also empty the sync.Pools, whose contents would otherwise count.
func liveHeap() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
