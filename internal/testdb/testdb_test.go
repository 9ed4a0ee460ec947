package testdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
)

func TestMain(m *testing.M) {
	code := m.Run()
	CloseAll()
	os.Exit(code)
}

// current names the isolated schema or database db is using; "" for SQLite.
var current = map[string]string{
	"postgres": "SELECT current_schema()",
	"mysql":    "SELECT DATABASE()",
}

// exists reports whether the schema or database name exists on server.
func exists(t *testing.T, server, name string) bool {
	t.Helper()
	tg, err := targetFor(server)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := tg.admin(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	q := "SELECT count(*) FROM information_schema.schemata WHERE schema_name = $1"
	if server == "mysql" {
		q = strings.Replace(q, "$1", "?", 1)
	}
	var n int
	if err := admin.QueryRowContext(t.Context(), q, name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n > 0
}

func TestOpen(t *testing.T) {
	for _, server := range Servers() {
		t.Run(server, func(t *testing.T) {
			var name string
			t.Run("isolated", func(t *testing.T) {
				a, b := Open(t, server), Open(t, server)
				var one int
				if err := a.QueryRowContext(t.Context(), "SELECT 1").Scan(&one); err != nil || one != 1 {
					t.Fatalf("SELECT 1 = %d, %v", one, err)
				}
				if q := current[server]; q != "" {
					if err := a.QueryRowContext(t.Context(), q).Scan(&name); err != nil {
						t.Fatal(err)
					}
					if !strings.HasPrefix(name, "strata_") {
						t.Fatalf("%s = %q, want strata_<hex>", q, name)
					}
				}
				Exec(t, a, "CREATE TABLE only_in_a (id INTEGER PRIMARY KEY)", "INSERT INTO only_in_a VALUES (7)")

				// Every pooled connection must land in the same isolated database.
				conns := make([]*sql.Conn, 3)
				for i := range conns {
					c, err := a.Conn(t.Context())
					if err != nil {
						t.Fatal(err)
					}
					defer c.Close()
					conns[i] = c
				}
				for i, c := range conns {
					var id int
					if err := c.QueryRowContext(t.Context(), "SELECT id FROM only_in_a").Scan(&id); err != nil || id != 7 {
						t.Errorf("connection %d: SELECT id FROM only_in_a = %d, %v", i, id, err)
					}
				}

				if _, err := b.ExecContext(t.Context(), "SELECT id FROM only_in_a"); err == nil {
					t.Error("a table created through one Open is visible through another")
				}
			})
			if name != "" && exists(t, server, name) {
				t.Errorf("%s still exists after the test's cleanup", name)
			}
		})
	}
}

func TestSQLiteRegexp(t *testing.T) {
	db := Open(t, "sqlite")
	for _, tc := range []struct {
		expr string
		want sql.NullBool
	}{
		{`'abc' REGEXP 'b'`, sql.NullBool{Bool: true, Valid: true}},
		{`'abc' REGEXP '^b'`, sql.NullBool{Valid: true}},
		{`'abc' NOT REGEXP '^b'`, sql.NullBool{Bool: true, Valid: true}},
		{`'ABC' REGEXP '(?i)^abc$'`, sql.NullBool{Bool: true, Valid: true}},
		{`'a.c' REGEXP 'a\.c'`, sql.NullBool{Bool: true, Valid: true}},
		{`'abc' REGEXP 'a\.c'`, sql.NullBool{Valid: true}},
		{`'日本語' REGEXP '^.本.$'`, sql.NullBool{Bool: true, Valid: true}},
		{`123 REGEXP '^12'`, sql.NullBool{Bool: true, Valid: true}},
		{`'' REGEXP '^$'`, sql.NullBool{Bool: true, Valid: true}},
		{`NULL REGEXP 'a'`, sql.NullBool{}},
		{`'a' REGEXP NULL`, sql.NullBool{}},
		{`regexp('b', 'abc')`, sql.NullBool{Bool: true, Valid: true}},
	} {
		var got sql.NullBool
		if err := db.QueryRowContext(t.Context(), "SELECT "+tc.expr).Scan(&got); err != nil {
			t.Errorf("%s: %v", tc.expr, err)
			continue
		}
		if got != tc.want {
			t.Errorf("%s = %+v, want %+v", tc.expr, got, tc.want)
		}
	}

	var got sql.NullBool
	err := db.QueryRowContext(t.Context(), `SELECT 'a' REGEXP '('`).Scan(&got)
	if err == nil || !strings.Contains(err.Error(), "REGEXP") {
		t.Errorf("invalid pattern: err = %v, want a REGEXP error", err)
	}

	// Deterministic functions may appear in index expressions; others may not.
	Exec(t, db,
		"CREATE TABLE words (w TEXT)",
		"CREATE INDEX words_vowel ON words (regexp('^[aeiou]', w))",
		"INSERT INTO words VALUES ('apple'), ('pear'), ('orange')",
	)
	var n int
	if err := db.QueryRowContext(t.Context(), "SELECT count(*) FROM words WHERE w REGEXP '^[aeiou]'").Scan(&n); err != nil || n != 2 {
		t.Errorf("count of words starting with a vowel = %d, %v; want 2", n, err)
	}
}

func TestSQLiteForeignKeys(t *testing.T) {
	db := Open(t, "sqlite")
	Exec(t, db,
		"CREATE TABLE parent (id INTEGER PRIMARY KEY)",
		"CREATE TABLE child (parent_id INTEGER REFERENCES parent (id))",
	)
	conns := make([]*sql.Conn, 2)
	for i := range conns {
		c, err := db.Conn(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns[i] = c
	}
	for i, c := range conns {
		var on int
		if err := c.QueryRowContext(t.Context(), "PRAGMA foreign_keys").Scan(&on); err != nil || on != 1 {
			t.Errorf("connection %d: PRAGMA foreign_keys = %d, %v; want 1", i, on, err)
		}
	}
	if _, err := db.ExecContext(t.Context(), "INSERT INTO child VALUES (1)"); err == nil {
		t.Error("inserting an orphan row succeeded; foreign keys are off")
	}
}

// closedPorts points each server at a closed port.
var closedPorts = []struct {
	server, env, value, addr string
}{
	{"postgres", PostgresURLEnv, "postgres://postgres@127.0.0.1:1/test?sslmode=disable", "127.0.0.1:1"},
	{"mysql", MySQLDSNEnv, "root@tcp(127.0.0.1:1)/test", "127.0.0.1:1"},
}

func TestReachUnreachable(t *testing.T) {
	for _, tc := range closedPorts {
		t.Run(tc.server, func(t *testing.T) {
			t.Setenv(tc.env, tc.value)
			err := reach(tc.server)
			var ue *unreachableError
			if !errors.As(err, &ue) {
				t.Fatalf("reach(%q) = %v, want an *unreachableError", tc.server, err)
			}
			for _, want := range []string{tc.server, tc.addr, tc.env, RequireEnv} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("reach(%q) = %q, want it to mention %q", tc.server, err, want)
				}
			}
		})
	}
}

func TestReachLive(t *testing.T) {
	for _, server := range Servers() {
		if err := reach(server); err != nil {
			var ue *unreachableError
			if errors.As(err, &ue) && !Required() {
				t.Logf("reach(%q): %v", server, err)
				continue
			}
			t.Errorf("reach(%q) = %v", server, err)
		}
	}
}

// A fakeTB records Skip and Fatal instead of acting on them, then ends its goroutine as
// the real ones do; everything else goes to the real test.
type fakeTB struct {
	testing.TB
	mu      sync.Mutex
	skipped bool
	failed  bool
	msg     string
}

func (f *fakeTB) stop(failed bool, msg string) {
	f.mu.Lock()
	f.skipped, f.failed, f.msg = !failed, failed, msg
	f.mu.Unlock()
	runtime.Goexit()
}

func (f *fakeTB) Skip(args ...any)                 { f.stop(false, fmt.Sprint(args...)) }
func (f *fakeTB) Skipf(format string, args ...any) { f.stop(false, fmt.Sprintf(format, args...)) }
func (f *fakeTB) SkipNow()                         { f.stop(false, "") }
func (f *fakeTB) Fatal(args ...any)                { f.stop(true, fmt.Sprint(args...)) }
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.stop(true, fmt.Sprintf(format, args...))
}
func (f *fakeTB) FailNow() { f.stop(true, "") }

// run calls fn with a fakeTB on its own goroutine and reports what happened.
func run(t *testing.T, fn func(tb testing.TB)) *fakeTB {
	f := &fakeTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(f)
	}()
	<-done
	return f
}

func TestOpenUnreachable(t *testing.T) {
	for _, tc := range closedPorts {
		for _, required := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/required=%t", tc.server, required), func(t *testing.T) {
				t.Setenv(tc.env, tc.value)
				t.Setenv(RequireEnv, map[bool]string{false: "", true: "1"}[required])
				for _, open := range []func(testing.TB, string) *sql.DB{Open, OpenShared} {
					f := run(t, func(tb testing.TB) { open(tb, tc.server) })
					if f.failed != required || f.skipped == required {
						t.Errorf("skipped=%t failed=%t, want failed=%t: %s", f.skipped, f.failed, required, f.msg)
					}
					if !strings.Contains(f.msg, tc.addr) || !strings.Contains(f.msg, tc.env) {
						t.Errorf("message %q does not name %s and %s", f.msg, tc.addr, tc.env)
					}
				}
				// The shared cache remembers the unreachable server; forget it so that the
				// next case, and other tests, see the real environment.
				CloseAll()
			})
		}
	}
}

func TestOpenUnknownServer(t *testing.T) {
	f := run(t, func(tb testing.TB) { Open(tb, "oracle") })
	if !f.failed || !strings.Contains(f.msg, `"oracle"`) {
		t.Errorf("Open(oracle): failed=%t %q, want a failure naming it", f.failed, f.msg)
	}
}

func TestExecFailureNamesStatement(t *testing.T) {
	db := Open(t, "sqlite")
	const bad = "CREATE TABLE (oops"
	f := run(t, func(tb testing.TB) { Exec(tb, db, "CREATE TABLE ok (x INTEGER)", bad) })
	if !f.failed || !strings.Contains(f.msg, bad) {
		t.Errorf("Exec: failed=%t %q, want a failure naming %q", f.failed, f.msg, bad)
	}
	if _, err := db.ExecContext(t.Context(), "INSERT INTO ok VALUES (1)"); err != nil {
		t.Errorf("the statement before the failing one did not run: %v", err)
	}
}

func TestOpenShared(t *testing.T) {
	for _, server := range Servers() {
		t.Run(server, func(t *testing.T) {
			a := OpenShared(t, server)
			if b := OpenShared(t, server); a != b {
				t.Fatal("OpenShared returned two databases for one server")
			}
			Exec(t, a, "CREATE TABLE shared_t (id INTEGER)")
			var name string
			if q := current[server]; q != "" {
				if err := a.QueryRowContext(t.Context(), q).Scan(&name); err != nil {
					t.Fatal(err)
				}
			}

			CloseAll()
			if err := a.PingContext(context.Background()); err == nil {
				t.Error("the shared database is still open after CloseAll")
			}
			if name != "" && exists(t, server, name) {
				t.Errorf("%s still exists after CloseAll", name)
			}
			c := OpenShared(t, server)
			if c == a {
				t.Fatal("OpenShared after CloseAll returned the closed database")
			}
			if _, err := c.ExecContext(t.Context(), "SELECT id FROM shared_t"); err == nil {
				t.Error("the new shared database sees a table of the dropped one")
			}
		})
	}
}
