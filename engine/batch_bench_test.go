package engine_test

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"testing"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/engine"
	"github.com/seed13bb6a42/strata/types"
)

// 1,000-row inserts on SQLite in memory (#5, item 10): row by row in a transaction
// (raw prepared statement vs the engine) and batched (a hand-written multi-row
// statement vs InsertMany). Targets: engine ≤ 1.15× raw in each pair.

var batchBench = ast.NewTable("bench",
	ast.Col("id", types.BigInteger, ast.PrimaryKey(), ast.AutoIncrement()),
	ast.Col("name", types.String(40), ast.NotNull()),
	ast.Col("n", types.BigInteger, ast.NotNull()),
	ast.Col("f", types.DoubleFloat, ast.NotNull()))

const batchBenchRows = 1000

func batchBenchData() [][]any {
	rows := make([][]any, batchBenchRows)
	for i := range rows {
		rows[i] = []any{"name-" + strconv.Itoa(i), int64(i), float64(i) / 4}
	}
	return rows
}

// batchBenchDB opens an in-memory SQLite database (one connection, so one database)
// with the bench table.
func batchBenchDB(b *testing.B) *sql.DB {
	b.Helper()
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		b.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	b.Cleanup(func() { db.Close() })
	p, err := sqlite.Dialect().Compile(ast.CreateTable(batchBench))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(p.SQL); err != nil {
		b.Fatal(err)
	}
	return db
}

// batchBenchLoop runs insert once per iteration, emptying the table between
// iterations outside the timer so that every iteration inserts into an empty table.
func batchBenchLoop(b *testing.B, db *sql.DB, insert func() error) {
	b.ReportAllocs()
	for b.Loop() {
		if err := insert(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if _, err := db.Exec("DELETE FROM bench"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

func BenchmarkBatchRowByRowRawPrepared(b *testing.B) {
	db := batchBenchDB(b)
	rows := batchBenchData()
	ctx := context.Background()
	batchBenchLoop(b, db, func() error {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		st, err := tx.PrepareContext(ctx, "INSERT INTO bench (name, n, f) VALUES (?, ?, ?)")
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
}

func BenchmarkBatchRowByRowEngine(b *testing.B) {
	db := batchBenchDB(b)
	e := engine.New(db, sqlite.Dialect())
	rows := batchBenchData()
	ctx := context.Background()
	batchBenchLoop(b, db, func() error {
		tx, err := e.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		cols := []*ast.Column{batchBench.C("name"), batchBench.C("n"), batchBench.C("f")}
		for _, r := range rows {
			if _, err := tx.Exec(ctx, ast.Insert(batchBench).Columns(cols...).Values(r...)); err != nil {
				return err
			}
		}
		return tx.Commit()
	})
}

// BenchmarkBatchRowByRowExecMany is row by row through the engine with a prepared
// statement: ExecMany of the named-parameter INSERT.
func BenchmarkBatchRowByRowExecMany(b *testing.B) {
	db := batchBenchDB(b)
	e := engine.New(db, sqlite.Dialect())
	sets := make([]engine.Params, batchBenchRows)
	for i, r := range batchBenchData() {
		sets[i] = engine.Params{"name": r[0], "n": r[1], "f": r[2]}
	}
	ins := ast.Insert(batchBench).Columns(batchBench.C("name"), batchBench.C("n"), batchBench.C("f"))
	ctx := context.Background()
	batchBenchLoop(b, db, func() error {
		_, err := engine.ExecMany(ctx, e, ins, sets)
		return err
	})
}

func BenchmarkBatchMultiRowRaw(b *testing.B) {
	db := batchBenchDB(b)
	rows := batchBenchData()
	query := "INSERT INTO bench (name, n, f) VALUES " +
		strings.TrimSuffix(strings.Repeat("(?, ?, ?), ", batchBenchRows), ", ")
	ctx := context.Background()
	batchBenchLoop(b, db, func() error {
		args := make([]any, 0, 3*len(rows))
		for _, r := range rows {
			args = append(args, r...)
		}
		_, err := db.ExecContext(ctx, query, args...)
		return err
	})
}

func BenchmarkBatchMultiRowInsertMany(b *testing.B) {
	db := batchBenchDB(b)
	e := engine.New(db, sqlite.Dialect())
	rows := batchBenchData()
	cols := []*ast.Column{batchBench.C("name"), batchBench.C("n"), batchBench.C("f")}
	ctx := context.Background()
	batchBenchLoop(b, db, func() error {
		_, err := engine.InsertMany(ctx, e, batchBench, cols, rows)
		return err
	})
}
