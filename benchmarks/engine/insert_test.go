package enginebench

import (
	"context"
	"strconv"
	"testing"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/engine"
)

func insertData() [][]any {
	rows := make([][]any, insertRows)
	for i := range rows {
		rows[i] = []any{"name-" + strconv.Itoa(i), int64(i), float64(i) / 4}
	}
	return rows
}

// insertLoop runs insert once per iteration and empties bench_ins between
// iterations, outside the timer, so that every iteration inserts into an empty table.
func insertLoop(b *testing.B, bk *backend, insert func() error) {
	b.Helper()
	if _, err := bk.db.Exec("DELETE FROM bench_ins"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := insert(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if _, err := bk.db.Exec("DELETE FROM bench_ins"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// BenchmarkInsertRowByRow inserts insertRows rows, one statement each, in one
// transaction. Baseline raw_prepared: a statement prepared in the transaction.
// strata: tx.Exec of an INSERT built per row with the values (plan cache and
// prepared-statement cache warm); strata_named: one INSERT with named parameters,
// built once; strata_prepared: that INSERT compiled once (Engine.Prepare). Target
// (#5): strata ≤ 1.15× raw prepared.
func BenchmarkInsertRowByRow(b *testing.B) {
	ctx := context.Background()
	rows := insertData()
	for _, bk := range backends(b) {
		e := newEngine(bk)
		b.Run(bk.name+"/raw_prepared", func(b *testing.B) {
			q := bk.insertIns()
			insertLoop(b, bk, func() error {
				tx, err := bk.db.BeginTx(ctx, nil)
				if err != nil {
					return err
				}
				defer tx.Rollback()
				st, err := tx.PrepareContext(ctx, q)
				if err != nil {
					return err
				}
				defer st.Close()
				for _, r := range rows {
					if _, err := st.ExecContext(ctx, r...); err != nil {
						return err
					}
				}
				return tx.Commit()
			})
		})
		// Warm the caches outside a transaction: inside one, the engine prepares a
		// statement it has not cached on the transaction only (a one-connection pool
		// has no second connection to prepare it on), and does not cache it.
		if _, err := e.Exec(ctx, ast.Insert(insTable).Columns(insCols...).Values(rows[0]...)); err != nil {
			b.Fatal(err)
		}
		b.Run(bk.name+"/strata", func(b *testing.B) {
			insertLoop(b, bk, func() error {
				tx, err := e.Begin(ctx)
				if err != nil {
					return err
				}
				defer tx.Rollback()
				for _, r := range rows {
					if _, err := tx.Exec(ctx, ast.Insert(insTable).Columns(insCols...).Values(r...)); err != nil {
						return err
					}
				}
				return tx.Commit()
			})
		})
		// strata_prepared: the INSERT compiled once by Engine.Prepare and run through
		// Tx.Stmt, as raw_prepared runs its statement: only the arguments are converted.
		b.Run(bk.name+"/strata_prepared", func(b *testing.B) {
			st, err := e.Prepare(ctx, ast.Insert(insTable).Columns(insCols...).Values(ast.Named("name"), ast.Named("n"), ast.Named("f")))
			if err != nil {
				b.Fatal(err)
			}
			p := engine.Params{}
			insertLoop(b, bk, func() error {
				tx, err := e.Begin(ctx)
				if err != nil {
					return err
				}
				defer tx.Rollback()
				txSt := tx.Stmt(st)
				for _, r := range rows {
					p["name"], p["n"], p["f"] = r[0], r[1], r[2]
					if _, err := txSt.Exec(ctx, p); err != nil {
						return err
					}
				}
				return tx.Commit()
			})
		})
		b.Run(bk.name+"/strata_named", func(b *testing.B) {
			ins := ast.Insert(insTable).Columns(insCols...).Values(ast.Named("name"), ast.Named("n"), ast.Named("f"))
			p := engine.Params{"name": rows[0][0], "n": rows[0][1], "f": rows[0][2]}
			if _, err := e.Exec(ctx, ins, p); err != nil {
				b.Fatal(err)
			}
			insertLoop(b, bk, func() error {
				tx, err := e.Begin(ctx)
				if err != nil {
					return err
				}
				defer tx.Rollback()
				for _, r := range rows {
					p["name"], p["n"], p["f"] = r[0], r[1], r[2]
					if _, err := tx.Exec(ctx, ins, p); err != nil {
						return err
					}
				}
				return tx.Commit()
			})
		})
	}
}

// BenchmarkInsertBatched inserts insertRows rows at once. Baseline handwritten: one
// hand-written multi-row INSERT with its arguments flattened per operation. strata:
// engine.InsertMany. Target (#5): strata ≤ 1.15× hand-written.
func BenchmarkInsertBatched(b *testing.B) {
	ctx := context.Background()
	rows := insertData()
	for _, bk := range backends(b) {
		e := newEngine(bk)
		b.Run(bk.name+"/handwritten", func(b *testing.B) {
			q := bk.multiInsert(len(rows))
			insertLoop(b, bk, func() error {
				args := make([]any, 0, 3*len(rows))
				for _, r := range rows {
					args = append(args, r...)
				}
				_, err := bk.db.ExecContext(ctx, q, args...)
				return err
			})
		})
		b.Run(bk.name+"/strata", func(b *testing.B) {
			insertLoop(b, bk, func() error {
				res, err := engine.InsertMany(ctx, e, insTable, insCols, rows)
				_ = res
				return err
			})
		})
	}
}
