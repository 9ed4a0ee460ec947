package engine_test

import (
	"context"
	"os"
	"testing"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/engine"
	"github.com/seed13bb6a42/strata/internal/testdb"
	"github.com/seed13bb6a42/strata/types"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testdb.CloseAll()
	os.Exit(code)
}

var kv = ast.NewTable("kv", ast.Col("k", types.String(20), ast.PrimaryKey()), ast.Col("v", types.Integer))

func TestExecQueryTxSavepoint(t *testing.T) {
	ctx := context.Background()
	db := testdb.Open(t, "sqlite")
	e := engine.New(db, sqlite.Dialect())
	testdb.Exec(t, db, `CREATE TABLE kv (k VARCHAR(20) PRIMARY KEY, v INTEGER)`)
	if _, err := e.Exec(ctx, ast.Insert(kv).Values("a", 1).Values("b", 2)); err != nil {
		t.Fatal(err)
	}
	tx, err := e.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, ast.Update(kv).Set(kv.C("v"), 10).Where(kv.C("k").Eq("a"))); err != nil {
		t.Fatal(err)
	}
	sp, err := tx.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sp.Exec(ctx, ast.Delete(kv)); err != nil {
		t.Fatal(err)
	}
	if err := sp.Rollback(); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	var sum int
	if err := e.QueryRow(ctx, ast.Select(ast.Sum(kv.C("v")))).Scan(&sum); err != nil {
		t.Fatal(err)
	}
	if sum != 12 {
		t.Errorf("sum = %d, want 12 (update kept, savepoint rolled back)", sum)
	}
	if st := e.CacheStats(); st.Misses != 4 {
		t.Errorf("cache %+v", st)
	}
}
