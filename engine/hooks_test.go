package engine_test

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/mattn/go-sqlite3"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/engine"
	"github.com/seed13bb6a42/strata/internal/testdb"
	"github.com/seed13bb6a42/strata/types"
)

// Hooks and logging (#5, item 7), on SQLite.

var hookKV = ast.NewTable("hook_kv",
	ast.Col("k", types.String(20), ast.PrimaryKey()),
	ast.Col("v", types.Integer))

// hookKey is the context key a hook's Before sets, as a tracer would set its span.
type hookKey struct{}

// A seen is what a hook observed of one call: a copy, since the Event is the engine's.
type seen struct {
	Phase        string // "before" or "after"
	Hook         string
	SQL          string
	Args         []any
	Duration     time.Duration
	RowsAffected int64
	Err          error
	CtxValue     any // ctx.Value(hookKey{})
}

// A recorder collects what it is given (what hooks see, what a driver is sent), in
// order, from any goroutine.
type recorder[T any] struct {
	mu  sync.Mutex
	got []T
}

func (r *recorder[T]) add(v T) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, v)
}

// take returns what was recorded since the last take.
func (r *recorder[T]) take() []T {
	r.mu.Lock()
	defer r.mu.Unlock()
	v := r.got
	r.got = nil
	return v
}

// A recordingHook reports to a recorder; with tag set, its Before derives a context
// holding tag under hookKey.
type recordingHook struct {
	name string
	tag  string
	rec  *recorder[seen]
}

func (h *recordingHook) Before(ctx context.Context, ev *engine.Event) context.Context {
	if h.tag != "" {
		ctx = context.WithValue(ctx, hookKey{}, h.tag)
	}
	h.rec.add(seen{Phase: "before", Hook: h.name, SQL: ev.SQL, Args: ev.Args, Duration: ev.Duration,
		RowsAffected: ev.RowsAffected, Err: ev.Err, CtxValue: ctx.Value(hookKey{})})
	return ctx
}

func (h *recordingHook) After(ctx context.Context, ev *engine.Event) {
	h.rec.add(seen{Phase: "after", Hook: h.name, SQL: ev.SQL, Args: ev.Args, Duration: ev.Duration,
		RowsAffected: ev.RowsAffected, Err: ev.Err, CtxValue: ctx.Value(hookKey{})})
}

// hookEngine returns an engine on a fresh SQLite database holding hook_kv (a=1, b=2).
func hookEngine(t *testing.T, opts ...engine.Option) *engine.Engine {
	t.Helper()
	db := testdb.Open(t, "sqlite")
	testdb.Exec(t, db, `CREATE TABLE hook_kv (k VARCHAR(20) PRIMARY KEY, v INTEGER)`,
		`INSERT INTO hook_kv VALUES ('a', 1), ('b', 2)`)
	return engine.New(db, sqlite.Dialect(), opts...)
}

func TestHookSeesStatementArgsDurationRows(t *testing.T) {
	ctx := context.Background()
	rec := &recorder[seen]{}
	e := hookEngine(t, engine.WithHooks(&recordingHook{name: "h", rec: rec}))

	res, err := e.Exec(ctx, ast.Update(hookKV).Set(hookKV.C("v"), 10).Where(hookKV.C("k").In("a", "b")))
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 2 {
		t.Fatalf("RowsAffected = %d", n)
	}
	got := rec.take()
	if len(got) != 2 {
		t.Fatalf("%d calls, want Before and After: %+v", len(got), got)
	}
	b, a := got[0], got[1]
	const wantSQL = "UPDATE hook_kv SET v = ? WHERE hook_kv.k IN (?, ?)"
	wantArgs := []any{int64(10), "a", "b"}
	if b.Phase != "before" || b.SQL != wantSQL || !cmp.Equal(b.Args, wantArgs) || b.Duration != 0 || b.Err != nil {
		t.Errorf("Before saw %+v", b)
	}
	if a.Phase != "after" || a.SQL != wantSQL || !cmp.Equal(a.Args, wantArgs) || a.Err != nil {
		t.Errorf("After saw %+v", a)
	}
	if a.Duration <= 0 {
		t.Errorf("After: Duration = %v, want > 0", a.Duration)
	}
	if a.RowsAffected != 2 {
		t.Errorf("After: RowsAffected = %d, want 2", a.RowsAffected)
	}

	// A query reports no rows affected: -1.
	if _, err := engine.All[int64](ctx, e, ast.Select(hookKV.C("v")).From(hookKV)); err != nil {
		t.Fatal(err)
	}
	got = rec.take()
	if len(got) != 2 || got[1].RowsAffected != -1 || got[1].SQL != "SELECT hook_kv.v FROM hook_kv" {
		t.Errorf("query: %+v", got)
	}
}

func TestHookSeesErrors(t *testing.T) {
	ctx := context.Background()
	rec := &recorder[seen]{}
	e := hookEngine(t, engine.WithHooks(&recordingHook{name: "h", rec: rec}))

	// A unique violation: After gets the classified error the caller gets.
	_, err := e.Exec(ctx, ast.Insert(hookKV).Values("a", 3))
	var ie *engine.IntegrityError
	if !errors.As(err, &ie) || ie.Kind != engine.UniqueViolation {
		t.Fatalf("Exec: %T %v, want a unique *engine.IntegrityError", err, err)
	}
	got := rec.take()
	if len(got) != 2 || got[0].Err != nil || got[1].Err != err || got[1].RowsAffected != -1 {
		t.Errorf("failing Exec: hooks saw %+v", got)
	}

	// A query that fails to start.
	_, err = e.Query(ctx, ast.Text("SELECT * FROM no_such_table"))
	if err == nil {
		t.Fatal("query on a missing table succeeded")
	}
	got = rec.take()
	if len(got) != 2 || got[1].Err != err || !strings.Contains(got[1].Err.Error(), "no such table") {
		t.Errorf("failing Query: hooks saw %+v", got)
	}

	// A statement that does not compile never reaches the hooks: nothing was executed.
	_, err = e.Exec(ctx, ast.Text("SELECT :missing"))
	if err == nil {
		t.Fatal("a missing named parameter compiled")
	}
	if got := rec.take(); len(got) != 0 {
		t.Errorf("compile error: hooks saw %+v", got)
	}

	// A cancelled context: the error matches ctx.Err(), and After sees it.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err = e.Exec(cctx, ast.Delete(hookKV))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled Exec: %v", err)
	}
	if got := rec.take(); len(got) != 2 || !errors.Is(got[1].Err, context.Canceled) {
		t.Errorf("cancelled Exec: hooks saw %+v", got)
	}
}

// ctxSpy is a driver connector that records ctx.Value(hookKey{}) of every statement
// the driver runs, to show that the context a hook's Before returns is the one the
// driver call receives.
type ctxSpy struct {
	dsn  string
	mu   sync.Mutex
	seen []any
}

func (s *ctxSpy) Connect(context.Context) (driver.Conn, error) {
	c, err := (&sqlite3.SQLiteDriver{}).Open(s.dsn)
	if err != nil {
		return nil, err
	}
	return &spyConn{Conn: c, spy: s}, nil
}

func (s *ctxSpy) Driver() driver.Driver { return &sqlite3.SQLiteDriver{} }

func (s *ctxSpy) record(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seen = append(s.seen, ctx.Value(hookKey{}))
}

func (s *ctxSpy) take() []any {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.seen
	s.seen = nil
	return v
}

type spyConn struct {
	driver.Conn
	spy *ctxSpy
}

func (c *spyConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	c.spy.record(ctx)
	return c.Conn.(driver.ExecerContext).ExecContext(ctx, query, args)
}

func (c *spyConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	c.spy.record(ctx)
	return c.Conn.(driver.QueryerContext).QueryContext(ctx, query, args)
}

func (c *spyConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

func TestHookContextReachesAfterAndDriver(t *testing.T) {
	ctx := context.Background()
	spy := &ctxSpy{dsn: "file:" + filepath.Join(t.TempDir(), "spy.db") + "?_busy_timeout=5000"}
	db := sql.OpenDB(spy)
	t.Cleanup(func() { db.Close() })
	rec := &recorder[seen]{}
	e := engine.New(db, sqlite.Dialect(), engine.WithHooks(&recordingHook{name: "tracer", tag: "span-1", rec: rec}))
	if _, err := db.ExecContext(ctx, `CREATE TABLE hook_kv (k VARCHAR(20) PRIMARY KEY, v INTEGER)`); err != nil {
		t.Fatal(err)
	}
	spy.take()

	if _, err := e.Exec(ctx, ast.Insert(hookKV).Values("a", 1)); err != nil {
		t.Fatal(err)
	}
	var v int
	if err := e.QueryRow(ctx, ast.Select(hookKV.C("v")).From(hookKV)).Scan(&v); err != nil || v != 1 {
		t.Fatalf("QueryRow: %d %v", v, err)
	}
	if got := spy.take(); !cmp.Equal(got, []any{"span-1", "span-1"}) {
		t.Errorf("the driver saw context values %v, want the hook's span-1 twice", got)
	}
	for _, s := range rec.take() {
		if s.CtxValue != "span-1" {
			t.Errorf("%s saw context value %v, want span-1", s.Phase, s.CtxValue)
		}
	}
}

func TestHooksRunInOrder(t *testing.T) {
	ctx := context.Background()
	rec := &recorder[seen]{}
	h := func(name, tag string) engine.Hook { return &recordingHook{name: name, tag: tag, rec: rec} }
	// WithHooks appends: two options make one list.
	e := hookEngine(t, engine.WithHooks(h("first", "1"), h("second", "")), engine.WithHooks(h("third", "3")))
	if _, err := e.Exec(ctx, ast.Delete(hookKV).Where(hookKV.C("k").Eq("zz"))); err != nil {
		t.Fatal(err)
	}
	var order []string
	var values []any
	for _, s := range rec.take() {
		order = append(order, s.Phase+" "+s.Hook)
		values = append(values, s.CtxValue)
	}
	want := []string{"before first", "before second", "before third", "after third", "after second", "after first"}
	if diff := cmp.Diff(want, order); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	// Each Before receives the context the previous one returned; every After gets the
	// context of the last Before.
	if diff := cmp.Diff([]any{"1", "1", "3", "3", "3", "3"}, values); diff != "" {
		t.Errorf("context values (-want +got):\n%s", diff)
	}
}

func TestHooksFireOnEngineConnTx(t *testing.T) {
	for _, prepared := range []bool{false, true} {
		name := "direct"
		var opts []engine.Option
		if prepared {
			name = "prepared"
			opts = append(opts, engine.WithPreparedStatements(10))
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			rec := &recorder[seen]{}
			e := hookEngine(t, append(opts, engine.WithHooks(&recordingHook{name: "h", rec: rec}))...)
			conn, err := e.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			// Each scope is begun, used and ended in turn: SQLite (BEGIN IMMEDIATE here)
			// runs one write transaction at a time.
			type scope struct {
				name  string
				begin func() (engine.Querier, func() error, error)
			}
			none := func() error { return nil }
			scopes := []scope{
				{"engine", func() (engine.Querier, func() error, error) { return e, none, nil }},
				{"conn", func() (engine.Querier, func() error, error) { return conn, none, nil }},
				{"tx", func() (engine.Querier, func() error, error) {
					tx, err := e.Begin(ctx)
					if err != nil {
						return nil, nil, err
					}
					return tx, tx.Rollback, nil
				}},
				{"savepoint", func() (engine.Querier, func() error, error) {
					tx, err := e.Begin(ctx)
					if err != nil {
						return nil, nil, err
					}
					sp, err := tx.Begin(ctx)
					if err != nil {
						tx.Rollback()
						return nil, nil, err
					}
					return sp, func() error { return errors.Join(sp.Rollback(), tx.Rollback()) }, nil
				}},
				{"conn tx", func() (engine.Querier, func() error, error) {
					tx, err := conn.Begin(ctx)
					if err != nil {
						return nil, nil, err
					}
					return tx, tx.Rollback, nil
				}},
			}
			for _, sc := range scopes {
				q, end, err := sc.begin()
				if err != nil {
					t.Fatalf("%s: %v", sc.name, err)
				}
				if got := rec.take(); len(got) != 0 {
					t.Errorf("%s: BEGIN or SAVEPOINT reached the hooks: %+v", sc.name, got)
				}
				calls := []struct {
					method string
					run    func() error
				}{
					{"Exec", func() error {
						_, err := q.Exec(ctx, ast.Update(hookKV).Set(hookKV.C("v"), 5).Where(hookKV.C("k").Eq("a")))
						return err
					}},
					{"Query", func() error {
						rows, err := q.Query(ctx, ast.Select(hookKV.C("k")).From(hookKV))
						if err != nil {
							return err
						}
						return rows.Close()
					}},
					{"QueryRow", func() error {
						var v int
						return q.QueryRow(ctx, ast.Select(hookKV.C("v")).From(hookKV).Where(hookKV.C("k").Eq("b"))).Scan(&v)
					}},
				}
				for _, c := range calls {
					if err := c.run(); err != nil {
						t.Fatalf("%s %s: %v", sc.name, c.method, err)
					}
					got := rec.take()
					if len(got) != 2 || got[0].Phase != "before" || got[1].Phase != "after" || got[1].Err != nil {
						t.Errorf("%s %s: hooks saw %+v, want one Before and one After", sc.name, c.method, got)
					} else if c.method == "Exec" && got[1].RowsAffected != 1 {
						t.Errorf("%s Exec: RowsAffected = %d, want 1", sc.name, got[1].RowsAffected)
					}
				}
				if err := end(); err != nil {
					t.Fatalf("%s: ending: %v", sc.name, err)
				}
				if got := rec.take(); len(got) != 0 {
					t.Errorf("%s: COMMIT, ROLLBACK or RELEASE reached the hooks: %+v", sc.name, got)
				}
			}
		})
	}
}

func TestHooksFireForBatches(t *testing.T) {
	ctx := context.Background()
	rec := &recorder[seen]{}
	e := hookEngine(t, engine.WithHooks(&recordingHook{name: "h", rec: rec}))
	res, err := engine.InsertMany(ctx, e, hookKV, []*ast.Column{hookKV.C("k"), hookKV.C("v")},
		[][]any{{"c", 3}, {"d", 4}, {"e", 5}}, engine.BatchSize(2))
	if err != nil {
		t.Fatal(err)
	}
	var afters []seen
	for _, s := range rec.take() {
		if s.Phase == "after" {
			afters = append(afters, s)
		}
	}
	if res.Statements != 2 || len(afters) != 2 || afters[0].RowsAffected != 2 || afters[1].RowsAffected != 1 ||
		!strings.HasPrefix(afters[0].SQL, "INSERT INTO hook_kv") {
		t.Errorf("InsertMany (%+v): hooks saw %+v", res, afters)
	}
}

// logEngine returns an engine logging as JSON into the returned buffer, at level.
func logEngine(t *testing.T, level slog.Level, opts ...engine.Option) (*engine.Engine, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	l := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: level}))
	return hookEngine(t, append(opts, engine.WithLogger(l))...), &buf
}

// logLines decodes the JSON records in buf and empties it.
func logLines(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for line := range strings.Lines(buf.String()) {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		out = append(out, m)
	}
	buf.Reset()
	return out
}

func TestLogStatementsRedacted(t *testing.T) {
	ctx := context.Background()
	e, buf := logEngine(t, slog.LevelDebug)
	if _, err := e.Exec(ctx, ast.Insert(hookKV).Values("secret-key", 424242)); err != nil {
		t.Fatal(err)
	}
	lines := logLines(t, buf)
	if len(lines) != 1 {
		t.Fatalf("%d log lines", len(lines))
	}
	l := lines[0]
	// The time and the duration may hold any digits; nothing else may hold a value.
	rest := map[string]any{}
	for k, v := range l {
		if k != "time" && k != "duration" {
			rest[k] = v
		}
	}
	if b, _ := json.Marshal(rest); bytes.Contains(b, []byte("secret-key")) || bytes.Contains(b, []byte("424242")) {
		t.Errorf("argument values logged without WithLoggedArgs: %s", b)
	}
	if l["level"] != "DEBUG" || l["msg"] != "strata: exec" || l["sql"] != "INSERT INTO hook_kv (k, v) VALUES (?, ?)" ||
		l["args"] != 2.0 || l["rows_affected"] != 1.0 {
		t.Errorf("log line %v", l)
	}
	if d, ok := l["duration"].(float64); !ok || d <= 0 {
		t.Errorf("duration %v, want a positive number of nanoseconds", l["duration"])
	}

	// A query: no rows_affected.
	if _, err := engine.All[string](ctx, e, ast.Select(hookKV.C("k")).From(hookKV).Where(hookKV.C("v").Gt(1))); err != nil {
		t.Fatal(err)
	}
	lines = logLines(t, buf)
	if len(lines) != 1 || lines[0]["args"] != 1.0 || lines[0]["rows_affected"] != nil {
		t.Errorf("query log %v", lines)
	}
}

func TestLogArgsWithLoggedArgs(t *testing.T) {
	ctx := context.Background()
	e, buf := logEngine(t, slog.LevelDebug, engine.WithLoggedArgs())
	if _, err := e.Exec(ctx, ast.Insert(hookKV).Values("visible", 42)); err != nil {
		t.Fatal(err)
	}
	lines := logLines(t, buf)
	if len(lines) != 1 || !cmp.Equal(lines[0]["args"], []any{"visible", 42.0}) {
		t.Errorf("log %v, want args [visible 42]", lines)
	}
}

func TestLogFailuresAtWarn(t *testing.T) {
	ctx := context.Background()
	// At Info level successes are not logged, failures are.
	e, buf := logEngine(t, slog.LevelInfo)
	if _, err := e.Exec(ctx, ast.Update(hookKV).Set(hookKV.C("v"), 3)); err != nil {
		t.Fatal(err)
	}
	if buf.Len() != 0 {
		t.Errorf("a success logged at Info level: %s", buf)
	}
	_, err := e.Exec(ctx, ast.Insert(hookKV).Values("a", 1))
	if err == nil {
		t.Fatal("duplicate key inserted")
	}
	lines := logLines(t, buf)
	if len(lines) != 1 {
		t.Fatalf("%d log lines", len(lines))
	}
	l := lines[0]
	if l["level"] != "WARN" || l["error"] != err.Error() || !strings.Contains(err.Error(), "UNIQUE constraint failed: hook_kv.k") ||
		l["sql"] != "INSERT INTO hook_kv (k, v) VALUES (?, ?)" || l["args"] != 2.0 || l["rows_affected"] != nil {
		t.Errorf("log line %v", l)
	}
}

func TestLogAndHooksTogether(t *testing.T) {
	// The logger writes after the hooks' After, with the Event they saw.
	ctx := context.Background()
	rec := &recorder[seen]{}
	e, buf := logEngine(t, slog.LevelDebug, engine.WithHooks(&recordingHook{name: "h", rec: rec}))
	if _, err := e.Exec(ctx, ast.Delete(hookKV).Where(hookKV.C("k").Eq("a"))); err != nil {
		t.Fatal(err)
	}
	got := rec.take()
	lines := logLines(t, buf)
	if len(got) != 2 || len(lines) != 1 || lines[0]["sql"] != got[1].SQL || lines[0]["rows_affected"] != 1.0 ||
		lines[0]["duration"] != float64(got[1].Duration) {
		t.Errorf("hooks %+v, log %v", got, lines)
	}
}

// The engine has no on-connect hook of its own: per-connection settings go in the URL
// (or the driver's connector, with New), where the driver applies them to every new
// connection. This checks the URL path: for SQLite, Open's defaults (foreign keys on, a
// busy timeout) and WAL from the query string; for PostgreSQL a search_path, which
// lib/pq sends as a startup parameter; for MariaDB an sql_mode, which go-sql-driver
// sets with SET on connecting. Each setting must hold on every pooled connection.
func TestHooksOnConnectByURL(t *testing.T) {
	for _, tc := range []struct {
		server string // for testdb: skips or fails as STRATA_REQUIRE_SERVERS says
		url    func(t *testing.T) string
		checks map[string]string // query → expected value
	}{
		{"sqlite", func(t *testing.T) string {
			return "sqlite:///" + filepath.Join(t.TempDir(), "onconnect.db") + "?_journal_mode=WAL"
		}, map[string]string{"PRAGMA foreign_keys": "1", "PRAGMA busy_timeout": "5000", "PRAGMA journal_mode": "wal"}},
		{"postgres", func(*testing.T) string {
			return testdb.DefaultPostgresURL + "&search_path=app,public"
		}, map[string]string{"SHOW search_path": "app,public"}},
		{"mysql", func(*testing.T) string {
			return "mariadb://root@127.0.0.1:3306/test?sql_mode=%27ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES%27"
		}, map[string]string{"SELECT @@SESSION.sql_mode": "ONLY_FULL_GROUP_BY,STRICT_ALL_TABLES"}},
	} {
		t.Run(tc.server, func(t *testing.T) {
			if tc.server != "sqlite" {
				testdb.Open(t, tc.server)
			}
			ctx := context.Background()
			e, err := engine.Open(ctx, tc.url(t), engine.WithPool(engine.PoolOptions{MaxOpen: 2}))
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			// Hold two connections at once so that both are checked.
			var conns []*engine.Conn
			for range 2 {
				c, err := e.Conn(ctx)
				if err != nil {
					t.Fatal(err)
				}
				defer c.Close()
				conns = append(conns, c)
			}
			for i, c := range conns {
				for q, want := range tc.checks {
					var got string
					if err := c.QueryRow(ctx, ast.Text(q)).Scan(&got); err != nil {
						t.Fatalf("%s: %v", q, err)
					}
					if got != want {
						t.Errorf("connection %d: %s = %q, want %q", i, q, got, want)
					}
				}
			}
		})
	}
}
