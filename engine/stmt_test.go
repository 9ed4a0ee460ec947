package engine_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/engine"
	"github.com/seed13bb6a42/strata/internal/testdb"
)

// TestPreparedStmt runs one Prepare'd INSERT and SELECT on every server: on the pool,
// in a transaction and in a savepoint, with and without the prepared-statement cache,
// and checks what a Stmt refuses.
func TestPreparedStmt(t *testing.T) {
	forEachServer(t, func(t *testing.T, server string) {
		for _, cached := range []bool{false, true} {
			name := "uncached"
			if cached {
				name = "cached"
			}
			t.Run(name, func(t *testing.T) { testPreparedStmt(t, server, cached) })
		}
	})
}

func testPreparedStmt(t *testing.T, server string, cached bool) {
	ctx := context.Background()
	db := testdb.Open(t, server)
	checkNoConnInUse(t, db)
	testdb.Exec(t, db, `CREATE TABLE items (id INTEGER PRIMARY KEY)`)
	var opts []engine.Option
	if cached {
		opts = append(opts, engine.WithPreparedStatements(10))
	}
	e := engine.New(db, txDialect(server), opts...)

	ins, err := e.Prepare(ctx, ast.Insert(txItems).Values(ast.Named("id")))
	if err != nil {
		t.Fatal(err)
	}
	sel, err := e.Prepare(ctx, ast.Select(txItems.C("id")).From(txItems).Where(txItems.C("id").Ge(ast.Named("min"))).
		OrderBy(txItems.C("id")))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ins.Exec(ctx, engine.Params{"id": 1}); err != nil {
		t.Fatal(err)
	}
	var saved *engine.Tx
	err = engine.InTx(ctx, e, func(tx *engine.Tx) error {
		txIns := tx.Stmt(ins)
		for id := 2; id <= 5; id++ {
			if _, err := txIns.Exec(ctx, engine.Params{"id": id}); err != nil {
				return err
			}
		}
		return tx.InTx(ctx, func(sp *engine.Tx) error {
			saved = sp
			_, err := sp.Stmt(ins).Exec(ctx, engine.Params{"id": 6})
			return err
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := saved.Stmt(ins).Exec(ctx, engine.Params{"id": 7}); !errors.Is(err, engine.ErrTxDone) {
		t.Errorf("Exec in an ended savepoint: %v, want ErrTxDone", err)
	}

	var got []int
	rows, err := sel.Query(ctx, engine.Params{"min": 3})
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		got = append(got, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{3, 4, 5, 6}, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	var first int
	if err := sel.QueryRow(ctx, engine.Params{"min": 5}).Scan(&first); err != nil || first != 5 {
		t.Errorf("QueryRow = %d, %v; want 5", first, err)
	}
	if _, err := sel.Query(ctx); err == nil {
		t.Error("Query without the named value ran")
	}
	other := engine.New(db, txDialect(server))
	err = engine.InTx(ctx, other, func(tx *engine.Tx) error {
		_, err := tx.Stmt(ins).Exec(ctx, engine.Params{"id": 8})
		return err
	})
	if !errors.Is(err, engine.ErrStmtEngine) {
		t.Errorf("a Stmt run in another engine's transaction: %v, want ErrStmtEngine", err)
	}
	if _, err := e.Prepare(ctx, ast.Select(txItems.C("id")).From(txItems).Where(txItems.C("id").In(ast.Named("ids").AsExpanding()))); err == nil {
		t.Error("a statement whose text depends on a named list was prepared")
	}
}
