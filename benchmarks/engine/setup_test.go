package enginebench

import (
	"context"
	"database/sql"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/lib/pq"
	_ "github.com/mattn/go-sqlite3"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	gormsqlite "gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/engine"
	"github.com/seed13bb6a42/strata/types"
)

const (
	scanRows   = 10_000
	insertRows = 1_000
)

// benchRow is the struct every library but bun and gorm scans into.
type benchRow struct {
	ID      int64     `db:"id"`
	Name    string    `db:"name"`
	Email   string    `db:"email"`
	Score   float64   `db:"score"`
	Active  bool      `db:"active"`
	Created time.Time `db:"created"`
}

// bunRow is benchRow as a bun model.
type bunRow struct {
	bun.BaseModel `bun:"table:bench"`

	ID      int64     `bun:"id,pk"`
	Name    string    `bun:"name"`
	Email   string    `bun:"email"`
	Score   float64   `bun:"score"`
	Active  bool      `bun:"active"`
	Created time.Time `bun:"created"`
}

// gormRow is benchRow as a gorm model.
type gormRow struct {
	ID      int64 `gorm:"primaryKey"`
	Name    string
	Email   string
	Score   float64
	Active  bool
	Created time.Time
}

func (gormRow) TableName() string { return "bench" }

// The Strata tables: bench (read) and bench_ins (written).
var (
	benchTable = ast.NewTable("bench",
		ast.Col("id", types.BigInteger, ast.PrimaryKey()),
		ast.Col("name", types.String(40), ast.NotNull()),
		ast.Col("email", types.String(80), ast.NotNull()),
		ast.Col("score", types.DoubleFloat, ast.NotNull()),
		ast.Col("active", types.Bool, ast.NotNull()),
		ast.Col("created", types.DateTimeTZ, ast.NotNull()),
	)
	insTable = ast.NewTable("bench_ins",
		ast.Col("id", types.BigInteger, ast.PrimaryKey(), ast.AutoIncrement()),
		ast.Col("name", types.String(40), ast.NotNull()),
		ast.Col("n", types.BigInteger, ast.NotNull()),
		ast.Col("f", types.DoubleFloat, ast.NotNull()),
	)
	insCols = []*ast.Column{insTable.C("name"), insTable.C("n"), insTable.C("f")}
)

func benchCols() []ast.Expr {
	t := benchTable
	return []ast.Expr{t.C("id"), t.C("name"), t.C("email"), t.C("score"), t.C("active"), t.C("created")}
}

// backend is one database with everything the benchmarks need to reach it.
type backend struct {
	name    string
	db      *sql.DB
	dialect *compiler.Dialect
	ph      func(i int) string // placeholder for the i-th argument (1-based)
	bun     *bun.DB
	gorm    *gorm.DB // nil where gorm does not run
	ddl     []string
}

const (
	selectAll = "SELECT id, name, email, score, active, created FROM bench"
	insBench  = "INSERT INTO bench (id, name, email, score, active, created) VALUES "
)

func (bk *backend) selectByID() string { return selectAll + " WHERE id = " + bk.ph(1) }

func (bk *backend) insertIns() string {
	return "INSERT INTO bench_ins (name, n, f) VALUES (" + bk.ph(1) + ", " + bk.ph(2) + ", " + bk.ph(3) + ")"
}

// multiInsert is the hand-written multi-row INSERT of n rows into bench_ins.
func (bk *backend) multiInsert(n int) string {
	var sb strings.Builder
	sb.WriteString("INSERT INTO bench_ins (name, n, f) VALUES ")
	for i := range n {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString("(" + bk.ph(3*i+1) + ", " + bk.ph(3*i+2) + ", " + bk.ph(3*i+3) + ")")
	}
	return sb.String()
}

// backends returns the databases to run on, each opened for this benchmark with one
// connection (so that the in-memory database and the temporary tables are one), the
// tables created and bench filled with scanRows rows. PostgreSQL is left out when
// it cannot be reached.
func backends(b *testing.B) []*backend {
	b.Helper()
	var out []*backend
	out = append(out, openSQLite(b))
	if pg := openPostgres(b); pg != nil {
		out = append(out, pg)
	}
	for _, bk := range out {
		for _, s := range bk.ddl {
			if _, err := bk.db.Exec(s); err != nil {
				b.Fatalf("%s: %s: %v", bk.name, s, err)
			}
		}
		fill(b, bk)
	}
	return out
}

func openSQLite(b *testing.B) *backend {
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		b.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	b.Cleanup(func() { db.Close() })
	gdb, err := gorm.Open(gormsqlite.Dialector{Conn: db}, &gorm.Config{
		SkipDefaultTransaction: true,
		Logger:                 logger.Discard,
	})
	if err != nil {
		b.Fatal(err)
	}
	return &backend{
		name:    "sqlite",
		db:      db,
		dialect: sqlite.Dialect(),
		ph:      func(int) string { return "?" },
		bun:     bun.NewDB(db, sqlitedialect.New()),
		gorm:    gdb,
		ddl: []string{
			"CREATE TABLE bench (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL, email VARCHAR(80) NOT NULL, score DOUBLE NOT NULL, active BOOLEAN NOT NULL, created TIMESTAMP NOT NULL)",
			"CREATE TABLE bench_ins (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(40) NOT NULL, n BIGINT NOT NULL, f DOUBLE NOT NULL)",
		},
	}
}

func openPostgres(b *testing.B) *backend {
	url := os.Getenv("STRATA_POSTGRES_URL")
	if url == "" {
		url = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	db, err := sql.Open("postgres", url)
	if err != nil {
		b.Logf("postgres skipped: %v", err)
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		b.Logf("postgres skipped: unreachable: %v", err)
		return nil
	}
	db.SetMaxOpenConns(1) // the temporary tables live on one connection
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	b.Cleanup(func() { db.Close() })
	return &backend{
		name:    "postgres",
		db:      db,
		dialect: postgres.Dialect(),
		ph:      func(i int) string { return "$" + strconv.Itoa(i) },
		bun:     bun.NewDB(db, pgdialect.New()),
		ddl: []string{
			"CREATE TEMP TABLE bench (id BIGINT PRIMARY KEY, name VARCHAR(40) NOT NULL, email VARCHAR(80) NOT NULL, score DOUBLE PRECISION NOT NULL, active BOOLEAN NOT NULL, created TIMESTAMPTZ NOT NULL)",
			"CREATE TEMP TABLE bench_ins (id BIGSERIAL PRIMARY KEY, name VARCHAR(40) NOT NULL, n BIGINT NOT NULL, f DOUBLE PRECISION NOT NULL)",
		},
	}
}

// fill inserts scanRows rows into bench, 500 to a statement, in one transaction.
func fill(b *testing.B, bk *backend) {
	b.Helper()
	tx, err := bk.db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	const per = 500
	var sb strings.Builder
	sb.WriteString(insBench)
	for i := range per {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString("(")
		for j := range 6 {
			if j > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString(bk.ph(6*i + j + 1))
		}
		sb.WriteString(")")
	}
	t0 := time.Date(2024, 1, 2, 3, 4, 5, 123456000, time.UTC)
	args := make([]any, 0, 6*per)
	for i := range scanRows / per {
		args = args[:0]
		for j := range per {
			n := i*per + j
			s := strconv.Itoa(n)
			args = append(args, int64(n+1), "user name "+s, "user"+s+"@example.com", float64(n)/7,
				n%3 == 0, t0.Add(time.Duration(n)*time.Second))
		}
		if _, err := tx.Exec(sb.String(), args...); err != nil {
			b.Fatalf("%s: fill: %v", bk.name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// perRow runs f (which returns the rows it read) b.N times and reports ns/row and
// allocs/row besides the usual per-operation figures.
func perRow(b *testing.B, f func() int) {
	b.Helper()
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	rows := 0
	for b.Loop() {
		rows += f()
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	if rows != b.N*scanRows {
		b.Fatalf("read %d rows in %d runs, want %d each", rows, b.N, scanRows)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(rows), "ns/row")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(rows), "allocs/row")
}

func newEngine(bk *backend) *engine.Engine {
	return engine.New(bk.db, bk.dialect, engine.WithPreparedStatements(100))
}
