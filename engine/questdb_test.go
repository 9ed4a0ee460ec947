package engine_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
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
type stmtSpy = recorder[string]

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
	c.spy.add(q)
	return c.Conn.Prepare(q)
}

func (c *spiedConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	c.spy.add(q)
	return c.Conn.(driver.ExecerContext).ExecContext(ctx, q, args)
}

func (c *spiedConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	c.spy.add(q)
	return c.Conn.(driver.QueryerContext).QueryContext(ctx, q, args)
}

func (c *spiedConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	c.spy.add("BEGIN")
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

// QuestDB cannot run on every machine that runs these tests, so WaitWAL is tested on
// PostgreSQL standing in for it: in a fresh schema, functions named wal_tables() and
// tables() return the columns QuestDB's do, from tables the test changes as QuestDB's
// WAL apply job would. TestQuestDBWaitWAL runs the same against a real QuestDB.

// A walRow is one row of wal_tables().
type walRow struct {
	name                 string
	suspended            bool
	writerTxn, sequencer int64
}

// A walStandIn is a PostgreSQL schema answering wal_tables() and tables() as QuestDB
// does. wal_tables() reads the table wal_state; tables() lists table_state.
//
// As a Hook on the engine under test, it records what WaitWAL asks and plays a script
// between the polls: just before the n-th wal_tables() query (from 0), wal_state gets
// the script's n-th step when there is one, as though the apply job had run since the
// previous poll. The first step is in place before WaitWAL starts.
type walStandIn struct {
	t      *testing.T
	db     *sql.DB
	script [][]walRow
	shield bool // run the queries without the caller's deadline; see TestWaitWALContext

	mu     sync.Mutex
	polls  []time.Time // when each wal_tables() query was about to be sent
	tables int         // tables() queries
	other  []string    // any other statement
}

// newWALStandIn makes the stand-in in a fresh schema. tables() lists tables in its
// column tableCol: "table_name", or "name" as before QuestDB 8. The columns of
// wal_tables() are in lower case because WaitWAL names them unquoted (writerTxn),
// which PostgreSQL folds; QuestDB matches names without regard to case.
func newWALStandIn(t *testing.T, tableCol string, tables []string, script ...[]walRow) *walStandIn {
	t.Helper()
	s := &walStandIn{t: t, db: testdb.Open(t, "postgres"), script: script}
	testdb.Exec(t, s.db,
		`CREATE TABLE wal_state (ord serial, name text, suspended boolean, writertxn bigint,
			writerlagtxncount bigint DEFAULT 0, sequencertxn bigint)`,
		`CREATE FUNCTION wal_tables()
			RETURNS TABLE (name text, suspended boolean, writertxn bigint, writerlagtxncount bigint, sequencertxn bigint)
			LANGUAGE sql AS $$ SELECT name, suspended, writertxn, writerlagtxncount, sequencertxn FROM wal_state ORDER BY ord $$`,
		`CREATE TABLE table_state (id serial, name text)`,
		`CREATE FUNCTION tables()
			RETURNS TABLE (id integer, `+tableCol+` text, "designatedTimestamp" text, "walEnabled" boolean)
			LANGUAGE sql AS $$ SELECT id, name, NULL, false FROM table_state ORDER BY id $$`)
	for _, name := range tables {
		if _, err := s.db.ExecContext(t.Context(), `INSERT INTO table_state (name) VALUES ($1)`, name); err != nil {
			t.Fatal(err)
		}
	}
	if len(script) > 0 {
		s.set(script[0])
	}
	return s
}

// engine returns an engine on the stand-in with the questdb dialect, watched by s.
func (s *walStandIn) engine() *engine.Engine {
	return engine.New(s.db, questdb.Dialect(), engine.WithHooks(s))
}

// set replaces the rows of wal_state, at once.
func (s *walStandIn) set(rows []walRow) {
	ctx := context.Background() // also from the hook, whose context may be done
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		s.t.Errorf("stand-in: %v", err)
		return
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM wal_state`); err != nil {
		s.t.Errorf("stand-in: %v", err)
		return
	}
	for _, r := range rows {
		if _, err := tx.ExecContext(ctx, `INSERT INTO wal_state (name, suspended, writertxn, sequencertxn) VALUES ($1, $2, $3, $4)`,
			r.name, r.suspended, r.writerTxn, r.sequencer); err != nil {
			s.t.Errorf("stand-in: %v", err)
			return
		}
	}
	if err := tx.Commit(); err != nil {
		s.t.Errorf("stand-in: %v", err)
	}
}

func (s *walStandIn) Before(ctx context.Context, ev *engine.Event) context.Context {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case strings.Contains(ev.SQL, "wal_tables()"):
		if n := len(s.polls); n > 0 && n < len(s.script) {
			s.set(s.script[n])
		}
		s.polls = append(s.polls, ev.Start)
	case strings.Contains(ev.SQL, "tables()"):
		s.tables++
	default:
		s.other = append(s.other, ev.SQL)
	}
	if s.shield {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

func (s *walStandIn) After(context.Context, *engine.Event) {}

// asked returns the times of the wal_tables() queries, the number of tables() queries
// and any other statement sent.
func (s *walStandIn) asked() (polls []time.Time, tables int, other []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.polls, s.tables, s.other
}

func TestWaitWAL(t *testing.T) {
	caught := func(name string, txn int64) walRow { return walRow{name, false, txn, txn} }
	behind := func(name string, w, s int64) walRow { return walRow{name, false, w, s} }
	missingTable := &engine.StatementError{Kind: engine.UndefinedTable, Name: "nope"}
	cases := []struct {
		name     string
		wal      [][]walRow // wal_tables() at each poll; the last stays
		tables   []string   // what tables() lists
		tableCol string     // the name column of tables(); "" for table_name
		wait     []string   // the tables WaitWAL is given
		want     error      // nil, *engine.WALSuspendedError or *engine.StatementError
		walPolls int        // wal_tables() queries expected
		tablesQ  int        // tables() queries expected
	}{
		{"applied", [][]walRow{{caught("t", 3)}}, nil, "", []string{"t"}, nil, 1, 0},
		{"catches up", [][]walRow{{behind("t", 1, 3)}, {behind("t", 2, 3)}, {caught("t", 3)}}, nil, "", []string{"t"}, nil, 3, 0},
		{"writer ahead of the sequencer", [][]walRow{{behind("t", 4, 3)}}, nil, "", []string{"t"}, nil, 1, 0},
		{"only the named, in any case", [][]walRow{{behind("a", 1, 3), caught("Trades", 2)}}, nil, "", []string{"TRADES"}, nil, 1, 0},
		{"all when none named", [][]walRow{{caught("a", 3), behind("b", 1, 2)}, {caught("a", 3), caught("b", 2)}}, nil, "", nil, nil, 2, 0},
		{"no WAL tables at all", [][]walRow{{}}, nil, "", nil, nil, 1, 0},
		{"suspended", [][]walRow{{behind("t", 1, 3)}, {walRow{"t", true, 2, 3}}}, nil, "", []string{"t"},
			&engine.WALSuspendedError{Table: "t"}, 2, 0},
		{"another table suspended", [][]walRow{{walRow{"a", true, 1, 3}, caught("b", 3)}}, nil, "", []string{"b"}, nil, 1, 0},
		{"any suspended when none named", [][]walRow{{caught("a", 3), walRow{"b", true, 3, 3}}}, nil, "", nil,
			&engine.WALSuspendedError{Table: "b"}, 1, 0},
		{"not a WAL table", [][]walRow{{behind("a", 1, 2)}}, []string{"a", "Plain"}, "", []string{"plain"}, nil, 1, 1},
		{"a WAL and a plain table", [][]walRow{{behind("a", 1, 2)}, {caught("a", 2)}}, []string{"a", "plain"}, "",
			[]string{"plain", "a"}, nil, 2, 1},
		{"missing table", [][]walRow{{caught("a", 2)}}, []string{"a"}, "", []string{"a", "nope"}, missingTable, 1, 1},
		{"missing table, QuestDB 7's tables()", [][]walRow{{}}, []string{"a"}, "name", []string{"nope"}, missingTable, 1, 1},
		{"found in QuestDB 7's tables()", [][]walRow{{}}, []string{"nope"}, "name", []string{"nope"}, nil, 1, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			col := c.tableCol
			if col == "" {
				col = "table_name"
			}
			s := newWALStandIn(t, col, c.tables, c.wal...)
			err := engine.WaitWAL(t.Context(), s.engine(), c.wait...)
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
			polls, tablesQ, other := s.asked()
			if len(polls) != c.walPolls || tablesQ != c.tablesQ || len(other) != 0 {
				t.Errorf("%d queries of wal_tables(), %d of tables(), others %q; want %d, %d and none",
					len(polls), tablesQ, other, c.walPolls, c.tablesQ)
			}
		})
	}
}

// TestWaitWALApplying runs WaitWAL while another session applies the transactions one
// by one, as QuestDB's apply job does, and checks that it returns once all are.
func TestWaitWALApplying(t *testing.T) {
	s := newWALStandIn(t, "table_name", nil, []walRow{{"t", false, 0, 5}, {"other", false, 7, 7}})
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	applied := make(chan error, 1)
	go func() {
		for range 5 {
			time.Sleep(3 * time.Millisecond)
			if _, err := s.db.ExecContext(ctx, `UPDATE wal_state SET writertxn = writertxn + 1 WHERE name = 't'`); err != nil {
				applied <- err
				return
			}
		}
		applied <- nil
	}()
	err := engine.WaitWAL(ctx, s.engine(), "T")
	if aerr := <-applied; aerr != nil {
		t.Fatalf("applying: %v", aerr)
	}
	if err != nil {
		t.Fatalf("WaitWAL: %v", err)
	}
	// WaitWAL returns only after a poll that saw every transaction applied, so nothing
	// is left to apply when it does.
	var writer int64
	if err := s.db.QueryRowContext(ctx, `SELECT writertxn FROM wal_state WHERE name = 't'`).Scan(&writer); err != nil || writer != 5 {
		t.Errorf("writerTxn after WaitWAL = %d, %v; want 5", writer, err)
	}
}

// TestWaitWALBackoff checks that the waits between polls double from 2 ms: timers
// never fire early, so the gaps are at least that long however slow the machine.
func TestWaitWALBackoff(t *testing.T) {
	s := newWALStandIn(t, "table_name", nil,
		[]walRow{{"t", false, 0, 5}}, []walRow{{"t", false, 1, 5}}, []walRow{{"t", false, 2, 5}},
		[]walRow{{"t", false, 3, 5}}, []walRow{{"t", false, 5, 5}})
	if err := engine.WaitWAL(t.Context(), s.engine(), "t"); err != nil {
		t.Fatal(err)
	}
	at, _, _ := s.asked()
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
	// The queries run without the deadline, so that it expires in one of WaitWAL's
	// waits however slow the server is, and the error is always the one that names
	// the table behind; TestWaitWALQueryDeadline has it expire in a query.
	s := newWALStandIn(t, "table_name", nil, []walRow{{"trades", false, 1, 3}})
	s.shield = true
	ctx, cancel := context.WithTimeout(t.Context(), 40*time.Millisecond)
	defer cancel()
	err := engine.WaitWAL(ctx, s.engine(), "trades")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("WaitWAL = %v; want the context's deadline", err)
	}
	if want := `engine: questdb: WAL table "trades" has applied transaction 1 of 3: context deadline exceeded`; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}

	// A context already done stops before the first wait.
	done, cancel := context.WithCancel(t.Context())
	cancel()
	s.shield = false
	if err := engine.WaitWAL(done, s.engine(), "trades"); !errors.Is(err, context.Canceled) {
		t.Errorf("WaitWAL on a cancelled context = %v", err)
	}
}

// TestWaitWALQueryDeadline has the deadline expire while wal_tables() runs: the server
// cancels the query, and the error says which query failed and matches the deadline.
func TestWaitWALQueryDeadline(t *testing.T) {
	s := newWALStandIn(t, "table_name", nil, []walRow{{"trades", false, 1, 3}})
	testdb.Exec(t, s.db, `CREATE OR REPLACE FUNCTION wal_tables()
		RETURNS TABLE (name text, suspended boolean, writertxn bigint, writerlagtxncount bigint, sequencertxn bigint)
		LANGUAGE sql AS $$ SELECT pg_sleep(30); SELECT name, suspended, writertxn, writerlagtxncount, sequencertxn FROM wal_state $$`)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := engine.WaitWAL(ctx, s.engine(), "trades")
	if !errors.Is(err, context.DeadlineExceeded) || !strings.HasPrefix(err.Error(), "engine: questdb: reading wal_tables(): ") {
		t.Errorf("WaitWAL = %v; want the failed query's error, matching the deadline", err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("WaitWAL returned after %v: the query was not cancelled", took)
	}
}

func TestWaitWALErrors(t *testing.T) {
	// A server without wal_tables(), as QuestDB before 7.0: here PostgreSQL's
	// "function wal_tables() does not exist" where QuestDB says "unknown function name".
	s := &walStandIn{t: t, db: testdb.Open(t, "postgres")}
	err := engine.WaitWAL(t.Context(), s.engine())
	var pe *pq.Error
	if !errors.As(err, &pe) || pe.Code != "42883" || !strings.HasPrefix(err.Error(), "engine: questdb: reading wal_tables(): ") {
		t.Errorf("WaitWAL = %v; want the driver's error, wrapped", err)
	}

	// Another dialect sees committed writes at once: nothing is asked.
	s = &walStandIn{t: t, db: testdb.Open(t, "postgres")}
	if err := engine.WaitWAL(t.Context(), engine.New(s.db, postgres.Dialect(), engine.WithHooks(s)), "t"); err != nil {
		t.Errorf("WaitWAL on postgres = %v", err)
	}
	if polls, tables, other := s.asked(); len(polls) != 0 || tables != 0 || len(other) != 0 {
		t.Errorf("WaitWAL on postgres sent %d wal_tables(), %d tables() and %q", len(polls), tables, other)
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
