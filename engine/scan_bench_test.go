//go:build unix

package engine_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/engine"
	"github.com/seed13bb6a42/strata/internal/testdb"
	"github.com/seed13bb6a42/strata/types"
)

// The scan benchmarks read benchRows rows of six columns (int, string, string, float,
// bool, timestamp) from SQLite in memory into structs, as the engine issue's
// benchmark does: raw database/sql is the baseline, then the engine's Scan into
// fields, ScanStruct, All and Iter. One operation is one query of all the rows.
// (Unix only: CPU time is read with getrusage.)
//
//	go test -run '^$' -bench Scan -benchmem ./engine

const benchRows = 10_000

// benchTable returns the benchmark's table, with the timestamp column of type created.
func benchTable(created *types.Type) *ast.Table {
	return ast.NewTable("bench",
		ast.Col("id", types.BigInteger, ast.PrimaryKey()),
		ast.Col("name", types.String(40)),
		ast.Col("email", types.String(80)),
		ast.Col("score", types.DoubleFloat),
		ast.Col("active", types.Bool),
		ast.Col("created", created),
	)
}

type benchRow struct {
	ID      int64
	Name    string
	Email   string
	Score   float64
	Active  bool
	Created time.Time
}

func benchSelect(t *ast.Table) ast.SelectStmt {
	return ast.Select(t.C("id"), t.C("name"), t.C("email"), t.C("score"), t.C("active"), t.C("created")).From(t)
}

// openBench returns an engine on an in-memory SQLite database holding benchRows rows
// of benchTable(created), and the query of them all. One connection keeps the one
// in-memory database.
func openBench(b *testing.B, created *types.Type) (*engine.Engine, ast.SelectStmt) {
	b.Helper()
	testdb.Open(b, "sqlite") // skips (or fails) where SQLite is unavailable; registers the driver
	db, err := sql.Open(testdb.SQLiteDriver, ":memory:")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	ctx := context.Background()
	e := engine.New(db, sqlite.Dialect())
	table := benchTable(created)
	if _, err := e.Exec(ctx, ast.CreateTable(table)); err != nil {
		b.Fatal(err)
	}
	tx, err := e.Begin(ctx)
	if err != nil {
		b.Fatal(err)
	}
	t0 := time.Date(2024, 1, 2, 3, 4, 5, 123456000, time.UTC)
	for i := range benchRows / 500 {
		ins := ast.Insert(table)
		for j := range 500 {
			n := i*500 + j
			ins = ins.Values(n+1, "user name "+itoa(n), "user"+itoa(n)+"@example.com", float64(n)/7,
				n%3 == 0, t0.Add(time.Duration(n)*time.Second))
		}
		if _, err := tx.Exec(ctx, ins); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return e, benchSelect(table)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	return string(b[i:])
}

// cpuTime returns the CPU time the process has used, in user and system mode. On a
// busy machine it varies much less than the wall-clock time, and it counts the
// garbage collector's work on other threads.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// perRow runs f b.N times and reports ns/row, cpu-ns/row and allocs/row.
func perRow(b *testing.B, f func() int) {
	b.Helper()
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	cpu := cpuTime()
	b.ResetTimer()
	rows := 0
	for b.Loop() {
		rows += f()
	}
	b.StopTimer()
	cpu = cpuTime() - cpu
	runtime.ReadMemStats(&after)
	if rows != b.N*benchRows {
		b.Fatalf("read %d rows in %d runs, want %d each", rows, b.N, benchRows)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(rows), "ns/row")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(rows), "cpu-ns/row")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(rows), "allocs/row")
}

// scanners returns the ways of reading all the rows of e that the benchmarks
// compare, each returning the number of rows read: raw database/sql Scan into a
// struct's fields (the baseline), and the engine's Scan into fields, ScanStruct,
// All and Iter.
func scanners(b *testing.B, e *engine.Engine, sel ast.SelectStmt) (names []string, fs []func() int) {
	ctx := context.Background()
	plan, err := e.Dialect().Compile(sel)
	if err != nil {
		b.Fatal(err)
	}
	db := e.DB()
	names = []string{"raw", "fields", "struct", "all", "iter"}
	fs = []func() int{
		func() int {
			rows, err := db.QueryContext(ctx, plan.SQL)
			if err != nil {
				b.Fatal(err)
			}
			return collect(b, rows, func(r *benchRow) error { return rows.Scan(r.fields()...) })
		},
		func() int {
			rows, err := e.Query(ctx, sel)
			if err != nil {
				b.Fatal(err)
			}
			return collect(b, rows, func(r *benchRow) error { return rows.Scan(r.fields()...) })
		},
		func() int {
			rows, err := e.Query(ctx, sel)
			if err != nil {
				b.Fatal(err)
			}
			return collect(b, rows, func(r *benchRow) error { return rows.ScanStruct(r) })
		},
		func() int {
			out, err := engine.All[benchRow](ctx, e, sel)
			if err != nil {
				b.Fatal(err)
			}
			return len(out)
		},
		func() int {
			var out []benchRow
			for r, err := range engine.Iter[benchRow](ctx, e, sel) {
				if err != nil {
					b.Fatal(err)
				}
				out = append(out, r)
			}
			return len(out)
		},
	}
	return names, fs
}

// collect reads every row of rows with scan into a slice, as a caller keeping the
// rows would, and returns how many it read.
func collect(b *testing.B, rows interface {
	Next() bool
	Close() error
}, scan func(*benchRow) error) int {
	var out []benchRow
	var r benchRow
	for rows.Next() {
		if err := scan(&r); err != nil {
			b.Fatal(err)
		}
		out = append(out, r)
	}
	if err := rows.Close(); err != nil {
		b.Fatal(err)
	}
	return len(out)
}

// fields returns pointers to r's fields in the order the benchmark selects them.
func (r *benchRow) fields() []any {
	return []any{&r.ID, &r.Name, &r.Email, &r.Score, &r.Active, &r.Created}
}

// BenchmarkScanSQLite measures each way of reading on its own: ns/row, cpu-ns/row
// and allocs/row, besides the totals per query of all the rows. The timestamptz
// case differs only in the type of the created column: go-sqlite3 parses its text
// (written with a zone) with the first layout it tries, while the text of a
// timestamp without zone fails two layouts first, at 5 allocations and about a
// quarter of the time per row, in the driver.
func BenchmarkScanSQLite(b *testing.B) {
	for _, created := range []*types.Type{types.DateTime, types.DateTimeTZ} {
		b.Run(created.String(), func(b *testing.B) {
			e, sel := openBench(b, created)
			names, fs := scanners(b, e, sel)
			for i, name := range names {
				b.Run(name, func(b *testing.B) { perRow(b, fs[i]) })
			}
		})
	}
}

// BenchmarkScanRatio runs every way of reading once per iteration, in turns and
// each after a collection, so that all see the same load and pay for their own
// garbage, and reports each one's CPU time over raw's: the target for
// struct scanning is at most 1.1. On a busy machine these ratios are steadier than
// separate benchmarks' times.
func BenchmarkScanRatio(b *testing.B) {
	e, sel := openBench(b, types.DateTime)
	names, fs := scanners(b, e, sel)
	cpu := make([]time.Duration, len(fs))
	n := 0
	for b.Loop() {
		for k := range fs {
			i := (k + n) % len(fs)
			runtime.GC()
			c0 := cpuTime()
			if got := fs[i](); got != benchRows {
				b.Fatalf("%s read %d rows, want %d", names[i], got, benchRows)
			}
			cpu[i] += cpuTime() - c0
		}
		n++
	}
	b.ReportMetric(float64(cpu[0].Nanoseconds())/float64(n*benchRows), "raw-cpu-ns/row")
	for i := 1; i < len(fs); i++ {
		b.ReportMetric(float64(cpu[i])/float64(cpu[0]), names[i]+"/raw")
	}
}

// BenchmarkScanOverhead reads rows from a driver that does no work (every row is
// the same six ready values) and keeps none of them, which leaves the cost per row
// of database/sql's Scan and of what the engine adds to it.
func BenchmarkScanOverhead(b *testing.B) {
	e := openConst(b)
	ctx := context.Background()
	sel := benchSelect(benchTable(types.DateTime))
	plan, err := e.Dialect().Compile(sel)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("raw", func(b *testing.B) {
		perRow(b, func() int {
			rows, err := e.DB().QueryContext(ctx, plan.SQL)
			if err != nil {
				b.Fatal(err)
			}
			defer rows.Close()
			var r benchRow
			n := 0
			for ; rows.Next(); n++ {
				if err := rows.Scan(&r.ID, &r.Name, &r.Email, &r.Score, &r.Active, &r.Created); err != nil {
					b.Fatal(err)
				}
			}
			return n
		})
	})
	b.Run("fields", func(b *testing.B) {
		perRow(b, func() int {
			rows, err := e.Query(ctx, sel)
			if err != nil {
				b.Fatal(err)
			}
			defer rows.Close()
			var r benchRow
			n := 0
			for ; rows.Next(); n++ {
				if err := rows.Scan(&r.ID, &r.Name, &r.Email, &r.Score, &r.Active, &r.Created); err != nil {
					b.Fatal(err)
				}
			}
			return n
		})
	})
	b.Run("struct", func(b *testing.B) {
		perRow(b, func() int {
			rows, err := e.Query(ctx, sel)
			if err != nil {
				b.Fatal(err)
			}
			defer rows.Close()
			var r benchRow
			n := 0
			for ; rows.Next(); n++ {
				if err := rows.ScanStruct(&r); err != nil {
					b.Fatal(err)
				}
			}
			return n
		})
	})
}

// constDriver is a database/sql driver whose every query returns benchRows copies
// of one row of ready values.
type constDriver struct{}

func (constDriver) Open(string) (driver.Conn, error) { return constConn{}, nil }

type constConn struct{}

func (constConn) Prepare(string) (driver.Stmt, error) { return constStmt{}, nil }
func (constConn) Close() error                        { return nil }
func (constConn) Begin() (driver.Tx, error)           { return nil, errors.New("no transactions") }

type constStmt struct{}

func (constStmt) Close() error                               { return nil }
func (constStmt) NumInput() int                              { return -1 }
func (constStmt) Exec([]driver.Value) (driver.Result, error) { return nil, errors.New("no exec") }
func (constStmt) Query([]driver.Value) (driver.Rows, error)  { return &constRows{}, nil }

type constRows struct{ n int }

var constRow = []driver.Value{int64(1234), "user name 1234", "user1234@example.com", 176.28,
	true, time.Date(2024, 1, 2, 3, 4, 5, 123456000, time.UTC)}

func (*constRows) Columns() []string {
	return []string{"id", "name", "email", "score", "active", "created"}
}
func (*constRows) Close() error { return nil }
func (r *constRows) Next(dest []driver.Value) error {
	if r.n == benchRows {
		return io.EOF
	}
	r.n++
	copy(dest, constRow)
	return nil
}

var registerConst sync.Once

func openConst(b *testing.B) *engine.Engine {
	registerConst.Do(func() { sql.Register("strata_const", constDriver{}) })
	db, err := sql.Open("strata_const", "")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return engine.New(db, sqlite.Dialect())
}
