package engine_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lib/pq"
	"github.com/mattn/go-sqlite3"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	mysqldialect "github.com/seed13bb6a42/strata/dialects/mysql"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/questdb"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/engine"
	"github.com/seed13bb6a42/strata/internal/dburl"
	"github.com/seed13bb6a42/strata/internal/testdb"
)

// QuestDB engine behaviour (#6, item 5): nested transactions refused, WaitWAL, and
// the same against a real QuestDB when STRATA_QUESTDB_URL is set. Classification of
// QuestDB's errors is in classify_test.go.

// qdbLike returns base renamed "questdb" and without savepoints: what the engine
// sees of QuestDB, on a server that can run the test.
func qdbLike(base *compiler.Dialect) *compiler.Dialect {
	d := base.Clone()
	d.Name = "questdb"
	d.Features &^= compiler.Savepoints
	return d
}

func TestSavepointsFeature(t *testing.T) {
	for _, d := range []*compiler.Dialect{
		postgres.Dialect(), postgres.New("11"), sqlite.Dialect(), sqlite.New("3.30.0"),
		mysqldialect.Dialect(), mysqldialect.MySQL("5.7.44"), mysqldialect.MariaDBDialect(), mysqldialect.MariaDB("10.2.0"),
	} {
		if !d.Has(compiler.Savepoints) {
			t.Errorf("%s %s lacks the Savepoints feature", d.Name, d.Version)
		}
	}
	for _, d := range []*compiler.Dialect{questdb.Dialect(), questdb.New("9.1.0"), qdbLike(postgres.Dialect())} {
		if d.Has(compiler.Savepoints) {
			t.Errorf("%s %s has the Savepoints feature; QuestDB has no savepoints", d.Name, d.Version)
		}
	}
}

// --- nested transactions ---

// A stmtSpy records every statement a pool sends to its driver.
type stmtSpy struct {
	mu   sync.Mutex
	sent []string
}

func (s *stmtSpy) record(q string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, q)
}

func (s *stmtSpy) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.sent
	s.sent = nil
	return v
}

// spyConnector opens connections with a driver and a DSN, wrapping each so that the
// spy sees what is sent.
type spyConnector struct {
	d   driver.Driver
	dsn string
	spy *stmtSpy
}

func (c *spyConnector) Connect(context.Context) (driver.Conn, error) {
	dc, err := c.d.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return &spiedConn{Conn: dc, spy: c.spy}, nil
}

func (c *spyConnector) Driver() driver.Driver { return c.d }

// spiedConn passes everything on to the driver's connection, recording statement
// texts and BEGIN. It implements the context interfaces both built-in drivers have.
type spiedConn struct {
	driver.Conn
	spy *stmtSpy
}

func (c *spiedConn) Prepare(q string) (driver.Stmt, error) {
	c.spy.record(q)
	return c.Conn.Prepare(q)
}

func (c *spiedConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	c.spy.record(q)
	return c.Conn.(driver.ExecerContext).ExecContext(ctx, q, args)
}

func (c *spiedConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	c.spy.record(q)
	return c.Conn.(driver.QueryerContext).QueryContext(ctx, q, args)
}

func (c *spiedConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	c.spy.record("BEGIN")
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

// TestNestedBeginRefused runs a transaction on SQLite and PostgreSQL through a
// dialect that lacks savepoints, as QuestDB's does, and checks that a nested Begin is
// refused with an error naming the dialect while the driver receives nothing, and that
// the transaction goes on. The same steps with the server's own dialect send the
// SAVEPOINT, which shows that the spy would have seen it.
func TestNestedBeginRefused(t *testing.T) {
	servers := []struct {
		name string
		d    *compiler.Dialect
		open func(t *testing.T, spy *stmtSpy) *sql.DB
	}{
		{"sqlite", sqlite.Dialect(), func(t *testing.T, spy *stmtSpy) *sql.DB {
			dsn := "file:" + filepath.Join(t.TempDir(), "nested.db")
			return sql.OpenDB(&spyConnector{d: &sqlite3.SQLiteDriver{}, dsn: dsn, spy: spy})
		}},
		{"postgres", postgres.Dialect(), func(t *testing.T, spy *stmtSpy) *sql.DB {
			testdb.Open(t, "postgres") // skips (or fails, when required) without a server
			dsn := os.Getenv(testdb.PostgresURLEnv)
			if dsn == "" {
				dsn = testdb.DefaultPostgresURL
			}
			return sql.OpenDB(&spyConnector{d: &pq.Driver{}, dsn: dsn, spy: spy})
		}},
	}
	ctx := context.Background()
	for _, s := range servers {
		t.Run(s.name, func(t *testing.T) {
			spy := &stmtSpy{}
			db := s.open(t, spy)
			t.Cleanup(func() { db.Close() })

			e := engine.New(db, qdbLike(s.d))
			tx, err := e.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			if _, err := tx.Exec(ctx, ast.Text("SELECT 1")); err != nil {
				t.Fatal(err)
			}
			if got := spy.take(); !cmp.Equal(got, []string{"BEGIN", "SELECT 1"}) {
				t.Fatalf("the spy saw %q; want BEGIN and SELECT 1", got)
			}

			want := &compiler.UnsupportedError{
				Dialect:   "questdb",
				Construct: "nested transactions (SAVEPOINT)",
				Hint:      "run the nested work in the enclosing transaction, or commit it and begin another",
			}
			sp, err := tx.Begin(ctx)
			var ue *compiler.UnsupportedError
			if sp != nil || !errors.As(err, &ue) {
				t.Fatalf("nested Begin = %v, %v; want an *UnsupportedError", sp, err)
			}
			if diff := cmp.Diff(want, ue); diff != "" {
				t.Errorf("nested Begin error (-want +got):\n%s", diff)
			}
			ran := false
			err = tx.InTx(ctx, func(*engine.Tx) error { ran = true; return nil })
			if !errors.As(err, &ue) || ran {
				t.Errorf("Tx.InTx = %v, ran %v; want the *UnsupportedError and no call", err, ran)
			}
			if got := spy.take(); len(got) != 0 {
				t.Errorf("the refused nested Begin sent %q", got)
			}

			// The enclosing transaction is untouched and goes on.
			var one int
			if err := tx.QueryRow(ctx, ast.Text("SELECT 1")).Scan(&one); err != nil || one != 1 {
				t.Fatalf("after the refusal: %d, %v", one, err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			spy.take()

			// Control: the server's own dialect sends the SAVEPOINT the spy must catch.
			tx, err = engine.New(db, s.d).Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			if sp, err := tx.Begin(ctx); err != nil {
				t.Fatal(err)
			} else if err := sp.Rollback(); err != nil {
				t.Fatal(err)
			}
			if got := spy.take(); !cmp.Equal(got, []string{"BEGIN", "SAVEPOINT strata_sp_1_1", "ROLLBACK TO SAVEPOINT strata_sp_1_1"}) {
				t.Errorf("with %s's own dialect the spy saw %q", s.name, got)
			}
		})
	}
}

// --- WaitWAL on a stand-in ---

// A walRow is one row of wal_tables().
type walRow struct {
	name                 string
	suspended            bool
	writerTxn, sequencer int64
}

// walFake is a database/sql connector answering wal_tables() and tables() as QuestDB
// does, from a script: the n-th wal_tables() query gets wal[n] (the last one again
// once the script runs out). It records when each query came.
type walFake struct {
	wal      [][]walRow
	walErr   error    // returned by wal_tables() instead, when set
	tables   []string // what tables() lists
	tableCol string   // the name column of tables(): "table_name", or "name" as before QuestDB 8

	mu      sync.Mutex
	queries []string
	at      []time.Time
	walN    int
}

func (f *walFake) Connect(context.Context) (driver.Conn, error) { return &walFakeConn{f: f}, nil }
func (f *walFake) Driver() driver.Driver                        { return walFakeDriver{} }

func (f *walFake) taken() ([]string, []time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.queries, f.at
}

type walFakeDriver struct{}

func (walFakeDriver) Open(string) (driver.Conn, error) {
	return nil, errors.New("walFake: use the connector")
}

type walFakeConn struct{ f *walFake }

func (c *walFakeConn) Prepare(string) (driver.Stmt, error) {
	return nil, errors.New("walFake: no Prepare")
}
func (c *walFakeConn) Close() error              { return nil }
func (c *walFakeConn) Begin() (driver.Tx, error) { return nil, errors.New("walFake: no transactions") }

func (c *walFakeConn) QueryContext(_ context.Context, q string, _ []driver.NamedValue) (driver.Rows, error) {
	f := c.f
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queries = append(f.queries, q)
	f.at = append(f.at, time.Now())
	switch {
	case strings.Contains(q, "wal_tables()"):
		if f.walErr != nil {
			return nil, f.walErr
		}
		snap := f.wal[min(f.walN, len(f.wal)-1)]
		f.walN++
		r := &walFakeRows{cols: []string{"name", "suspended", "writerTxn", "sequencerTxn"}}
		for _, w := range snap {
			r.rows = append(r.rows, []driver.Value{w.name, w.suspended, w.writerTxn, w.sequencer})
		}
		return r, nil
	case strings.Contains(q, "tables()"):
		col := f.tableCol
		if col == "" {
			col = "table_name"
		}
		r := &walFakeRows{cols: []string{"id", col, "designatedTimestamp", "walEnabled"}}
		for i, n := range f.tables {
			r.rows = append(r.rows, []driver.Value{int64(i + 1), n, nil, false})
		}
		return r, nil
	}
	return nil, errors.New("walFake: unexpected query " + q)
}

type walFakeRows struct {
	cols []string
	rows [][]driver.Value
}

func (r *walFakeRows) Columns() []string { return r.cols }
func (r *walFakeRows) Close() error      { return nil }
func (r *walFakeRows) Next(dest []driver.Value) error {
	if len(r.rows) == 0 {
		return io.EOF
	}
	copy(dest, r.rows[0])
	r.rows = r.rows[1:]
	return nil
}

func TestWaitWAL(t *testing.T) {
	caught := func(name string, txn int64) walRow { return walRow{name, false, txn, txn} }
	behind := func(name string, w, s int64) walRow { return walRow{name, false, w, s} }
	missingTable := &engine.StatementError{Kind: engine.UndefinedTable, Name: "nope"}
	cases := []struct {
		name     string
		fake     *walFake
		tables   []string
		want     error // nil, *engine.WALSuspendedError or *engine.StatementError
		walPolls int   // wal_tables() queries expected
		tablesQ  bool  // whether tables() was asked
	}{
		{"applied", &walFake{wal: [][]walRow{{caught("t", 3)}}}, []string{"t"}, nil, 1, false},
		{"catches up", &walFake{wal: [][]walRow{{behind("t", 1, 3)}, {behind("t", 2, 3)}, {caught("t", 3)}}}, []string{"t"}, nil, 3, false},
		{"writer ahead of the sequencer", &walFake{wal: [][]walRow{{behind("t", 4, 3)}}}, []string{"t"}, nil, 1, false},
		{"only the named, in any case", &walFake{wal: [][]walRow{{behind("a", 1, 3), caught("Trades", 2)}}}, []string{"TRADES"}, nil, 1, false},
		{"all when none named", &walFake{wal: [][]walRow{{caught("a", 3), behind("b", 1, 2)}, {caught("a", 3), caught("b", 2)}}}, nil, nil, 2, false},
		{"no WAL tables at all", &walFake{wal: [][]walRow{{}}}, nil, nil, 1, false},
		{"suspended", &walFake{wal: [][]walRow{{behind("t", 1, 3)}, {walRow{"t", true, 2, 3}}}}, []string{"t"},
			&engine.WALSuspendedError{Table: "t"}, 2, false},
		{"another table suspended", &walFake{wal: [][]walRow{{walRow{"a", true, 1, 3}, caught("b", 3)}}}, []string{"b"}, nil, 1, false},
		{"any suspended when none named", &walFake{wal: [][]walRow{{caught("a", 3), walRow{"b", true, 3, 3}}}}, nil,
			&engine.WALSuspendedError{Table: "b"}, 1, false},
		{"not a WAL table", &walFake{wal: [][]walRow{{behind("a", 1, 2)}}, tables: []string{"a", "Plain"}}, []string{"plain"}, nil, 1, true},
		{"a WAL and a plain table", &walFake{wal: [][]walRow{{behind("a", 1, 2)}, {caught("a", 2)}}, tables: []string{"a", "plain"}},
			[]string{"plain", "a"}, nil, 2, true},
		{"missing table", &walFake{wal: [][]walRow{{caught("a", 2)}}, tables: []string{"a"}}, []string{"a", "nope"}, missingTable, 1, true},
		{"missing table, QuestDB 7's tables()", &walFake{wal: [][]walRow{{}}, tables: []string{"a"}, tableCol: "name"}, []string{"nope"}, missingTable, 1, true},
		{"found in QuestDB 7's tables()", &walFake{wal: [][]walRow{{}}, tables: []string{"nope"}, tableCol: "name"}, []string{"nope"}, nil, 1, true},
	}
	ctx := context.Background()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := sql.OpenDB(c.fake)
			defer db.Close()
			err := engine.WaitWAL(ctx, engine.New(db, qdbLike(postgres.Dialect())), c.tables...)
			switch want := c.want.(type) {
			case nil:
				if err != nil {
					t.Fatalf("WaitWAL: %v", err)
				}
			case *engine.WALSuspendedError:
				var got *engine.WALSuspendedError
				if !errors.As(err, &got) {
					t.Fatalf("WaitWAL = %v; want a *WALSuspendedError", err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			case *engine.StatementError:
				var got *engine.StatementError
				if !errors.As(err, &got) {
					t.Fatalf("WaitWAL = %v; want a *StatementError", err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			}
			queries, _ := c.fake.taken()
			walPolls, tablesQ := 0, false
			for _, q := range queries {
				if strings.Contains(q, "wal_tables()") {
					walPolls++
				} else {
					tablesQ = true
				}
			}
			if walPolls != c.walPolls || tablesQ != c.tablesQ {
				t.Errorf("queries %q: %d of wal_tables(), tables() %v; want %d, %v", queries, walPolls, tablesQ, c.walPolls, c.tablesQ)
			}
		})
	}
}

// TestWaitWALBackoff checks that the waits between polls double from 2 ms: timers
// never fire early, so the gaps are at least that long however slow the machine.
func TestWaitWALBackoff(t *testing.T) {
	f := &walFake{wal: [][]walRow{{{"t", false, 0, 5}}, {{"t", false, 1, 5}}, {{"t", false, 2, 5}}, {{"t", false, 3, 5}}, {{"t", false, 5, 5}}}}
	db := sql.OpenDB(f)
	defer db.Close()
	if err := engine.WaitWAL(context.Background(), engine.New(db, qdbLike(postgres.Dialect())), "t"); err != nil {
		t.Fatal(err)
	}
	_, at := f.taken()
	if len(at) != 5 {
		t.Fatalf("%d polls, want 5", len(at))
	}
	for i, least := range []time.Duration{2, 4, 8, 16} {
		if gap := at[i+1].Sub(at[i]); gap < least*time.Millisecond {
			t.Errorf("wait %d lasted %v, want at least %v", i+1, gap, least*time.Millisecond)
		}
	}
}

func TestWaitWALContext(t *testing.T) {
	f := &walFake{wal: [][]walRow{{{"trades", false, 1, 3}}}}
	db := sql.OpenDB(f)
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Millisecond)
	defer cancel()
	err := engine.WaitWAL(ctx, engine.New(db, qdbLike(postgres.Dialect())), "trades")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("WaitWAL = %v; want the context's deadline", err)
	}
	if want := `engine: questdb: WAL table "trades" has applied transaction 1 of 3: context deadline exceeded`; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}

	// A context already done stops before the first wait.
	done, cancel := context.WithCancel(context.Background())
	cancel()
	if err := engine.WaitWAL(done, engine.New(db, qdbLike(postgres.Dialect())), "trades"); !errors.Is(err, context.Canceled) {
		t.Errorf("WaitWAL on a cancelled context = %v", err)
	}
}

func TestWaitWALErrors(t *testing.T) {
	ctx := context.Background()
	broken := qdbErr("unknown function name: wal_tables()")
	f := &walFake{walErr: broken}
	db := sql.OpenDB(f)
	defer db.Close()
	err := engine.WaitWAL(ctx, engine.New(db, qdbLike(postgres.Dialect())))
	if !errors.Is(err, broken) || !strings.HasPrefix(err.Error(), "engine: questdb: reading wal_tables(): ") {
		t.Errorf("WaitWAL = %v; want the driver's error, wrapped", err)
	}

	// Another dialect sees committed writes at once: nothing is asked.
	f = &walFake{walErr: broken}
	db2 := sql.OpenDB(f)
	defer db2.Close()
	if err := engine.WaitWAL(ctx, engine.New(db2, postgres.Dialect()), "t"); err != nil {
		t.Errorf("WaitWAL on postgres = %v", err)
	}
	if q, _ := f.taken(); len(q) != 0 {
		t.Errorf("WaitWAL on postgres sent %q", q)
	}
}

func TestWALSuspendedErrorMessage(t *testing.T) {
	got := (&engine.WALSuspendedError{Table: "trades"}).Error()
	want := `engine: questdb: WAL table "trades" is suspended: its writes are not being applied (see wal_tables() for why; then ALTER TABLE … RESUME WAL)`
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// --- a real QuestDB ---

// QuestDBURLEnv points the QuestDB tests at a server:
// questdb://admin:quest@127.0.0.1:8812/qdb.
const QuestDBURLEnv = "STRATA_QUESTDB_URL"

// qdbOpen connects to the QuestDB at STRATA_QUESTDB_URL with the questdb dialect, or
// skips the test.
func qdbOpen(t *testing.T) *engine.Engine {
	t.Helper()
	raw := os.Getenv(QuestDBURLEnv)
	if raw == "" {
		t.Skip("no QuestDB: set " + QuestDBURLEnv + "=questdb://admin:quest@127.0.0.1:8812/qdb to run this test against one")
	}
	u, err := dburl.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open(u.Driver, u.DSN)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	var version string
	if err := db.QueryRowContext(ctx, "SHOW server_version").Scan(&version); err != nil {
		t.Fatalf("QuestDB at %s: %v", u, err)
	}
	return engine.New(db, questdb.New(version))
}

// qdbTable returns a fresh table name, dropped when the test ends.
func qdbTable(t *testing.T, e *engine.Engine, prefix string) string {
	var b [6]byte
	rand.Read(b[:])
	name := prefix + "_" + hex.EncodeToString(b[:])
	t.Cleanup(func() { e.DB().Exec(`DROP TABLE IF EXISTS "` + name + `"`) })
	return name
}

func qdbExec(t *testing.T, e *engine.Engine, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := e.Exec(t.Context(), ast.Text(s)); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func TestQuestDBErrors(t *testing.T) {
	e := qdbOpen(t)
	ctx := t.Context()
	tbl := qdbTable(t, e, "strata_cls")
	missing := qdbTable(t, e, "strata_missing")
	qdbExec(t, e, `CREATE TABLE "`+tbl+`" (ts TIMESTAMP, v LONG) TIMESTAMP(ts) PARTITION BY DAY WAL`)

	stmt := func(k engine.StatementErrorKind, name string) *engine.StatementError {
		return &engine.StatementError{Kind: k, Name: name}
	}
	cases := []struct {
		sql  string
		want any // *engine.StatementError or *engine.IntegrityError
	}{
		{`CREATE TABLE "` + tbl + `" (ts TIMESTAMP, v LONG) TIMESTAMP(ts) PARTITION BY DAY WAL`, stmt(engine.DuplicateTable, tbl)},
		{`SELECT * FROM "` + missing + `"`, stmt(engine.UndefinedTable, missing)},
		{`SELECT nocol FROM "` + tbl + `"`, stmt(engine.UndefinedColumn, "nocol")},
		{`SELECT v, count() FROM "` + tbl + `" GROUP BY v HAVING count() > 1`, stmt(engine.SyntaxError, "HAVING")},
		{`INSERT INTO "` + tbl + `" (ts, v) VALUES (NULL, 1)`, &engine.IntegrityError{Kind: engine.NotNullViolation}},
	}
	for _, c := range cases {
		_, err := e.Exec(ctx, ast.Text(c.sql))
		var pe *pq.Error
		if !errors.As(err, &pe) || pe.Code != "00000" {
			t.Errorf("%s: %v; want lib/pq's error with SQLSTATE 00000 inside", c.sql, err)
		}
		switch want := c.want.(type) {
		case *engine.StatementError:
			var got *engine.StatementError
			if !errors.As(err, &got) {
				t.Errorf("%s: %v; want a *StatementError", c.sql, err)
				continue
			}
			// QuestDB echoes names as written, and they are case-insensitive; 8.3
			// names no table in "table already exists".
			nameOK := strings.EqualFold(got.Name, want.Name) || want.Kind == engine.DuplicateTable && got.Name == ""
			if got.Kind != want.Kind || !nameOK {
				t.Errorf("%s: %+v; want %+v", c.sql, got, want)
			}
		case *engine.IntegrityError:
			var got *engine.IntegrityError
			if !errors.As(err, &got) || got.Kind != want.Kind {
				t.Errorf("%s: %v; want an *IntegrityError of kind %v", c.sql, err, want.Kind)
			}
		}
	}
}

func TestQuestDBNestedBegin(t *testing.T) {
	e := qdbOpen(t)
	ctx := t.Context()
	tbl := qdbTable(t, e, "strata_tx")
	qdbExec(t, e, `CREATE TABLE "`+tbl+`" (ts TIMESTAMP, v LONG) TIMESTAMP(ts) PARTITION BY DAY BYPASS WAL`)
	tx, err := e.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(ctx, ast.Text(`INSERT INTO "`+tbl+`" VALUES ('2024-01-01T00:00:00.000000Z', 1)`)); err != nil {
		t.Fatal(err)
	}
	var ue *compiler.UnsupportedError
	if sp, err := tx.Begin(ctx); sp != nil || !errors.As(err, &ue) || ue.Dialect != "questdb" {
		t.Fatalf("nested Begin = %v, %v; want an *UnsupportedError naming questdb", sp, err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatalf("the transaction after the refusal: %v", err)
	}
	var n int64
	if err := e.QueryRow(ctx, ast.Text(`SELECT count() FROM "`+tbl+`"`)).Scan(&n); err != nil || n != 1 {
		t.Errorf("count = %d, %v; want the committed row", n, err)
	}
}

func TestQuestDBWaitWAL(t *testing.T) {
	e := qdbOpen(t)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	wal := qdbTable(t, e, "strata_wal")
	plain := qdbTable(t, e, "strata_plain")
	qdbExec(t, e,
		`CREATE TABLE "`+wal+`" (ts TIMESTAMP, v LONG) TIMESTAMP(ts) PARTITION BY DAY WAL`,
		`CREATE TABLE "`+plain+`" (ts TIMESTAMP, v LONG) TIMESTAMP(ts) PARTITION BY DAY BYPASS WAL`)
	for round := 1; round <= 3; round++ {
		qdbExec(t, e, `INSERT INTO "`+wal+`" SELECT timestamp_sequence('2024-01-01', 60000000L), x FROM long_sequence(5000)`)
		if err := engine.WaitWAL(ctx, e, strings.ToUpper(wal), plain); err != nil {
			t.Fatal(err)
		}
		var n int64
		if err := e.QueryRow(ctx, ast.Text(`SELECT count() FROM "`+wal+`"`)).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != int64(5000*round) {
			t.Fatalf("after WaitWAL, round %d: %d rows, want %d", round, n, 5000*round)
		}
	}
	if err := engine.WaitWAL(ctx, e); err != nil {
		t.Errorf("WaitWAL for all tables: %v", err)
	}
	missing := qdbTable(t, e, "strata_nope")
	var se *engine.StatementError
	if err := engine.WaitWAL(ctx, e, missing); !errors.As(err, &se) || se.Kind != engine.UndefinedTable {
		t.Errorf("WaitWAL for a missing table = %v; want an UndefinedTable *StatementError", err)
	}

	// ALTER TABLE … SUSPEND WAL is recent; without it there is no way to suspend a
	// table on purpose.
	if _, err := e.Exec(ctx, ast.Text(`ALTER TABLE "`+wal+`" SUSPEND WAL`)); err != nil {
		t.Skipf("cannot suspend a table on this server: %v", err)
	}
	qdbExec(t, e, `INSERT INTO "`+wal+`" VALUES ('2024-02-01T00:00:00.000000Z', 0)`)
	var sus *engine.WALSuspendedError
	if err := engine.WaitWAL(ctx, e, wal); !errors.As(err, &sus) || !strings.EqualFold(sus.Table, wal) {
		t.Errorf("WaitWAL on a suspended table = %v; want a *WALSuspendedError naming it", err)
	}
	qdbExec(t, e, `ALTER TABLE "`+wal+`" RESUME WAL`)
	if err := engine.WaitWAL(ctx, e, wal); err != nil {
		t.Errorf("WaitWAL after RESUME WAL: %v", err)
	}
}

// QuestDB sends SQLSTATE 00000 with every error; Classify tells them apart by message.
func ExampleStatementError() {
	// What lib/pq returns for SELECT * FROM trades when there is no such table.
	driverErr := &pq.Error{Severity: "ERROR", Code: "00000", Message: "table does not exist [table=trades]"}

	err := engine.Classify("questdb", driverErr)
	var se *engine.StatementError
	if errors.As(err, &se) {
		fmt.Println(se.Kind, se.Name)
	}
	var pe *pq.Error
	fmt.Println(errors.As(err, &pe), pe.Code)
	// Output:
	// undefined table trades
	// true 00000
}

// A test inserts into a WAL table and waits until QuestDB has applied the rows
// before reading them back.
func ExampleWaitWAL() {
	ctx := context.Background()
	e, err := engine.Open(ctx, "questdb://admin:quest@127.0.0.1:8812/qdb")
	if err != nil {
		log.Fatal(err)
	}
	defer e.Close()
	if _, err := e.Exec(ctx, ast.Text(`INSERT INTO trades VALUES (now(), 'BTC-USD', 97000.5)`)); err != nil {
		log.Fatal(err)
	}
	// Without the wait, the count may not include the row yet.
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := engine.WaitWAL(ctx, e, "trades"); err != nil {
		log.Fatal(err) // a *WALSuspendedError, a missing table, or the deadline
	}
	var n int64
	if err := e.QueryRow(ctx, ast.Text(`SELECT count() FROM trades`)).Scan(&n); err != nil {
		log.Fatal(err)
	}
	fmt.Println(n)
}
