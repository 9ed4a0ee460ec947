package engine_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"net/url"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/lib/pq"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/dialects"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	_ "github.com/seed13bb6a42/strata/drivers"
	"github.com/seed13bb6a42/strata/engine"
	"github.com/seed13bb6a42/strata/internal/testdb"
)

// Fault tests: the engine on PostgreSQL and MariaDB through a faultProxy (proxy_test.go)
// that cuts connections when idle, inside a transaction and during COMMIT, drops a
// reply, refuses new connections and stalls traffic. Each test checks that no
// connection is left in use. Loops are bounded and every wait has a deadline.

// A faultFixture is an isolated database reached both directly and through a proxy.
type faultFixture struct {
	server string      // "postgres" or "mysql"
	direct *sql.DB     // the isolated database, not through the proxy, for checking
	proxy  *faultProxy // between the engine and the server
	url    string      // the isolated database through the proxy, for engine.Open

	connector func() (driver.Connector, error) // the same, as a driver connector
	version   string                           // as the server reports it
}

var faultServerNames = []string{"postgres", "mysql"}

// faultServers runs f on PostgreSQL and MariaDB (or MySQL), each in a subtest with a
// fixture of its own.
func faultServers(t *testing.T, f func(t *testing.T, fx *faultFixture)) {
	for _, server := range faultServerNames {
		t.Run(server, func(t *testing.T) { f(t, openFaultFixture(t, server)) })
	}
}

// openFaultFixture makes an isolated database on server with testdb (which skips or
// fails as STRATA_REQUIRE_SERVERS says) and a proxy to the server's address.
func openFaultFixture(t *testing.T, server string) *faultFixture {
	t.Helper()
	fx := &faultFixture{server: server, direct: testdb.Open(t, server)}
	t.Cleanup(func() { checkNoLeak(t, "the direct pool", fx.direct) })
	var name string
	nameQuery, versionQuery := "SELECT current_schema()", "SHOW server_version"
	if server == "mysql" {
		nameQuery, versionQuery = "SELECT DATABASE()", "SELECT VERSION()"
	}
	if err := fx.direct.QueryRow(nameQuery).Scan(&name); err != nil {
		t.Fatal(err)
	}
	if err := fx.direct.QueryRow(versionQuery).Scan(&fx.version); err != nil {
		t.Fatal(err)
	}
	switch server {
	case "postgres":
		cfg, err := pq.NewConfig(faultEnvOr(testdb.PostgresURLEnv, testdb.DefaultPostgresURL))
		if err != nil {
			t.Fatal(err)
		}
		if len(cfg.Host) > 0 && cfg.Host[0] == '/' {
			t.Skipf("PostgreSQL is reached through the Unix socket %s; the fault proxy needs TCP", cfg.Host)
		}
		fx.proxy = newFaultProxy(t, net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port))))
		user := url.User(cfg.User)
		if cfg.Password != "" {
			user = url.UserPassword(cfg.User, cfg.Password)
		}
		// lib/pq passes parameters it does not know to the server as run-time settings.
		fx.url = (&url.URL{Scheme: "postgres", User: user, Host: fx.proxy.Addr(), Path: "/" + cfg.Database,
			RawQuery: url.Values{"sslmode": {"disable"}, "search_path": {name}}.Encode()}).String()
		fx.connector = func() (driver.Connector, error) {
			c := cfg.Clone()
			host, port, _ := net.SplitHostPort(fx.proxy.Addr())
			p, _ := strconv.Atoi(port)
			c.Host, c.Port, c.SSLMode = host, uint16(p), pq.SSLModeDisable
			c.Multi = nil
			if c.Runtime == nil {
				c.Runtime = map[string]string{}
			}
			c.Runtime["search_path"] = name
			return pq.NewConnectorConfig(c)
		}
	case "mysql":
		cfg, err := mysql.ParseDSN(faultEnvOr(testdb.MySQLDSNEnv, testdb.DefaultMySQLDSN))
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Net != "tcp" {
			t.Skipf("MariaDB is reached over %s; the fault proxy needs TCP", cfg.Net)
		}
		fx.proxy = newFaultProxy(t, cfg.Addr)
		user := url.User(cfg.User)
		if cfg.Passwd != "" {
			user = url.UserPassword(cfg.User, cfg.Passwd)
		}
		fx.url = (&url.URL{Scheme: "mysql", User: user, Host: fx.proxy.Addr(), Path: "/" + name}).String()
		fx.connector = func() (driver.Connector, error) {
			c := cfg.Clone()
			c.Addr, c.DBName, c.ParseTime, c.ClientFoundRows = fx.proxy.Addr(), name, true, true
			return mysql.NewConnector(c)
		}
	}
	return fx
}

// engine opens an engine through the proxy, with engine.Open (viaConnector false) or
// engine.NewFromConnector, closed when the test ends after checking that no connection
// is left in use.
func (fx *faultFixture) engine(t *testing.T, viaConnector bool, pool engine.PoolOptions) *engine.Engine {
	t.Helper()
	var e *engine.Engine
	if viaConnector {
		c, err := fx.connector()
		if err != nil {
			t.Fatal(err)
		}
		name := fx.server
		d, err := dialects.LookupVersion(name, fx.version)
		if err != nil {
			t.Fatal(err)
		}
		e = engine.NewFromConnector(c, d, engine.WithPool(pool))
	} else {
		var err error
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		defer cancel()
		if e, err = engine.Open(ctx, fx.url, engine.WithPool(pool)); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { e.Close() })
	t.Cleanup(func() { checkNoLeak(t, "the engine's pool", e.DB()) }) // runs before Close
	return e
}

// checkNoLeak fails the test when db has a connection in use: every test that opens a
// pool calls it as the test ends.
func checkNoLeak(t *testing.T, what string, db *sql.DB) {
	t.Helper()
	if n := db.Stats().InUse; n != 0 {
		t.Errorf("%s: %d connections still in use", what, n)
	}
}

// faultWarm opens n connections through e at once and returns them all to the pool idle.
func faultWarm(t *testing.T, e *engine.Engine, n int) {
	t.Helper()
	ctx := t.Context()
	conns := make([]*engine.Conn, n)
	for i := range conns {
		c, err := e.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRow(ctx, ast.Text("SELECT 1")).Scan(new(int)); err != nil {
			t.Fatal(err)
		}
		conns[i] = c
	}
	for _, c := range conns {
		c.Close()
	}
}

func faultSelectOne(ctx context.Context, e *engine.Engine) error {
	var n int
	if err := e.QueryRow(ctx, ast.Text("SELECT 1")).Scan(&n); err != nil {
		return err
	}
	if n != 1 {
		return errors.New("SELECT 1 returned " + strconv.Itoa(n))
	}
	return nil
}

// TestFaultIdleCut cuts every idle pooled connection and runs statements again. With
// PrePing, none may fail: the dead connections are pinged, discarded and replaced.
// Without it, what happens depends on the driver, which the test logs:
//
//   - Cut (the client's socket has seen the server's FIN). go-sql-driver/mysql checks
//     an idle connection's socket before reuse (checkConnLiveness) and discards it
//     without a round trip; lib/pq sends the statement, meets the end of the stream,
//     and returns driver.ErrBadConn, so that database/sql tries another connection.
//   - Strand (the far end vanished silently). Nothing on the client's socket says so:
//     go-sql-driver sends the statement and reports "invalid connection" (a
//     *DisconnectError), where lib/pq again returns driver.ErrBadConn and database/sql
//     retries.
//
// lib/pq's ErrBadConn after sending is also why it runs a statement twice when only
// the reply was lost: see TestFaultLostReply.
func TestFaultIdleCut(t *testing.T) {
	const idle = 3 // pooled connections cut at once: more than database/sql's two retries on idle ones
	faultServers(t, func(t *testing.T, fx *faultFixture) {
		for _, fault := range []string{"cut", "strand"} {
			for _, prePing := range []time.Duration{0, 20 * time.Millisecond} {
				for _, viaConnector := range []bool{false, true} {
					if viaConnector && prePing == 0 {
						continue // the same pool as engine.Open's
					}
					name := fault + "/pre-ping=" + prePing.String()
					if viaConnector {
						name += "/NewFromConnector"
					}
					t.Run(name, func(t *testing.T) {
						e := fx.engine(t, viaConnector, engine.PoolOptions{MaxIdle: idle + 1, PrePing: prePing})
						faultWarm(t, e, idle)
						if n := fx.proxy.Open(); n != idle {
							t.Fatalf("%d connections through the proxy, want %d", n, idle)
						}
						time.Sleep(2 * prePing) // idle long enough to be pinged
						accepted := fx.proxy.Accepted()
						switch fault {
						case "cut":
							fx.proxy.Cut()
						case "strand":
							fx.proxy.Strand()
						}
						// Each call holds its rows open, so that the next one takes
						// another connection: every dead one is met.
						var failed []error
						var open []*engine.Rows
						for range idle + 1 {
							rows, err := e.Query(t.Context(), ast.Text("SELECT 1"))
							if err != nil {
								var de *engine.DisconnectError
								if !errors.As(err, &de) {
									t.Errorf("error %T %v, want a *engine.DisconnectError", err, err)
								}
								failed = append(failed, err)
								continue
							}
							open = append(open, rows)
						}
						for _, rows := range open {
							var n int
							if !rows.Next() || rows.Scan(&n) != nil || n != 1 {
								t.Errorf("SELECT 1: %d, %v", n, rows.Err())
							}
							rows.Close()
						}
						t.Logf("%s, %s, pre-ping %v: %d of %d calls failed %v; %d new connections",
							fx.server, fault, prePing, len(failed), idle+1, failed, fx.proxy.Accepted()-accepted)
						if prePing > 0 && len(failed) > 0 {
							t.Errorf("with pre-ping, %d calls failed after the idle connections were cut: %v", len(failed), failed)
						}
						if fx.server == "mysql" && fault == "strand" && prePing == 0 && len(failed) == 0 {
							t.Errorf("without pre-ping, no call failed on a stranded MariaDB connection: the test shows nothing")
						}
					})
				}
			}
		}
	})
}

// TestFaultCutInTx cuts the connection of a transaction between two statements: InTx
// returns a *DisconnectError (not retried, not an ambiguous commit), nothing of the
// transaction is committed, and the next transaction succeeds on a fresh connection.
func TestFaultCutInTx(t *testing.T) {
	faultServers(t, func(t *testing.T, fx *faultFixture) {
		testdb.Exec(t, fx.direct, "CREATE TABLE fault_tx (id INT PRIMARY KEY)")
		e := fx.engine(t, false, engine.PoolOptions{PrePing: time.Nanosecond})
		faultWarm(t, e, 2) // an idle connection beside the transaction's, cut with it
		ctx := t.Context()
		var calls, retries atomic.Int64
		err := engine.InTx(ctx, e, func(tx *engine.Tx) error {
			calls.Add(1)
			if _, err := tx.Exec(ctx, ast.Text("INSERT INTO fault_tx (id) VALUES (1)")); err != nil {
				return err
			}
			fx.proxy.Cut()
			_, err := tx.Exec(ctx, ast.Text("INSERT INTO fault_tx (id) VALUES (2)"))
			return err
		}, engine.WithRetryCounter(&retries))
		var de *engine.DisconnectError
		var ae *engine.AmbiguousCommitError
		if !errors.As(err, &de) || errors.As(err, &ae) {
			t.Fatalf("InTx: %T %v, want a *engine.DisconnectError", err, err)
		}
		t.Logf("%s: cut mid-transaction: %v", fx.server, err)
		if calls.Load() != 1 || retries.Load() != 0 {
			t.Errorf("fn ran %d times with %d retries, want once", calls.Load(), retries.Load())
		}
		if n := faultCount(t, fx.direct, "fault_tx"); n != 0 {
			t.Errorf("%d rows of the cut transaction committed", n)
		}
		err = engine.InTx(ctx, e, func(tx *engine.Tx) error {
			_, err := tx.Exec(ctx, ast.Text("INSERT INTO fault_tx (id) VALUES (3)"))
			return err
		})
		if err != nil {
			t.Fatalf("the transaction after the cut: %v", err)
		}
		if n := faultCount(t, fx.direct, "fault_tx"); n != 1 {
			t.Errorf("%d rows after the next transaction, want 1", n)
		}
	})
}

// TestFaultCutDuringCommit lets COMMIT reach the server and cuts the connection before
// its reply: InTx returns an *AmbiguousCommitError, runs fn once, and — the reason it
// must not retry — the transaction is in fact committed.
func TestFaultCutDuringCommit(t *testing.T) {
	faultServers(t, func(t *testing.T, fx *faultFixture) {
		testdb.Exec(t, fx.direct, "CREATE TABLE fault_commit (id INT PRIMARY KEY)")
		e := fx.engine(t, false, engine.PoolOptions{PrePing: time.Nanosecond})
		ctx := t.Context()
		var calls, retries atomic.Int64
		err := engine.InTx(ctx, e, func(tx *engine.Tx) error {
			calls.Add(1)
			if _, err := tx.Exec(ctx, ast.Text("INSERT INTO fault_commit (id) VALUES (1)")); err != nil {
				return err
			}
			fx.proxy.DropNextReply() // the next thing sent is COMMIT
			return nil
		}, engine.WithRetryCounter(&retries))
		var ae *engine.AmbiguousCommitError
		if !errors.As(err, &ae) {
			t.Fatalf("InTx: %T %v, want an *engine.AmbiguousCommitError", err, err)
		}
		t.Logf("%s: cut during COMMIT: %v", fx.server, err)
		if engine.IsRetryable(err) || !engine.IsDisconnect(err) {
			t.Errorf("IsRetryable %v, IsDisconnect %v; want false, true", engine.IsRetryable(err), engine.IsDisconnect(err))
		}
		if calls.Load() != 1 || retries.Load() != 0 {
			t.Errorf("fn ran %d times with %d retries, want once", calls.Load(), retries.Load())
		}
		if n := faultCount(t, fx.direct, "fault_commit"); n != 1 {
			t.Errorf("%d rows committed; the proxy dropped COMMIT's reply, so want 1", n)
		}
		if err := faultSelectOne(ctx, e); err != nil {
			t.Errorf("after the ambiguous commit: %v", err)
		}
	})
}

// TestFaultLostReply drops the reply to an INSERT outside a transaction, after the
// server ran it, and logs what the caller sees and how many rows there are. With
// go-sql-driver the call fails with a *DisconnectError ("invalid connection") and the
// row is there once. lib/pq reports the end of the stream as driver.ErrBadConn even
// after it sent the statement, which database/sql takes to mean "not sent" and runs
// the statement again on another connection: the call succeeds and the row is there
// twice. (The transaction tests are not exposed to this: database/sql does not retry
// inside a transaction, and the engine reports a failed COMMIT as ambiguous.)
func TestFaultLostReply(t *testing.T) {
	faultServers(t, func(t *testing.T, fx *faultFixture) {
		testdb.Exec(t, fx.direct, "CREATE TABLE fault_reply (v INT)")
		e := fx.engine(t, false, engine.PoolOptions{})
		faultWarm(t, e, 2)
		fx.proxy.DropNextReply()
		_, err := e.Exec(t.Context(), ast.Text("INSERT INTO fault_reply (v) VALUES (1)"))
		n := faultCount(t, fx.direct, "fault_reply")
		t.Logf("%s: the reply to an INSERT lost: error %v; %d rows", fx.server, err, n)
		var de *engine.DisconnectError
		if err != nil && !errors.As(err, &de) {
			t.Errorf("error %T %v, want a *engine.DisconnectError", err, err)
		}
		if n < 1 || n > 2 {
			t.Errorf("%d rows", n)
		}
	})
}

// TestFaultConnectCut refuses the connections the pool opens after every idle one was
// cut: the call fails with a *DisconnectError — database/sql retries a connect only on
// driver.ErrBadConn, which neither driver returns for a connection closed during its
// handshake — and once the server takes connections again the pool recovers.
func TestFaultConnectCut(t *testing.T) {
	faultServers(t, func(t *testing.T, fx *faultFixture) {
		e := fx.engine(t, false, engine.PoolOptions{PrePing: time.Nanosecond})
		faultWarm(t, e, 1)
		fx.proxy.Cut()
		accepted := fx.proxy.Accepted()
		fx.proxy.CutNext(3) // as many as database/sql's attempts, were it to retry
		err := faultSelectOne(t.Context(), e)
		var de *engine.DisconnectError
		if !errors.As(err, &de) {
			t.Fatalf("with connections refused: %T %v, want a *engine.DisconnectError", err, err)
		}
		left := fx.proxy.CutNext(-3)
		t.Logf("%s: connections refused: %d attempts to connect, error %v", fx.server, fx.proxy.Accepted()-accepted, err)
		if left == 3 {
			t.Errorf("no connection was attempted")
		}
		if err := faultSelectOne(t.Context(), e); err != nil {
			t.Errorf("after connections are taken again: %v", err)
		}
	})
}

// TestFaultStall holds all traffic while a call with a short deadline runs, then
// lets it through. go-sql-driver gives up at the deadline, closing the connection;
// lib/pq sends PostgreSQL a cancel request and waits for the server's answer, so its
// call ends only when traffic flows again — a context deadline (SQLAlchemy's
// pool_timeout, for one) bounds a lib/pq call only while the network answers. The test
// logs how long each took; either way the pool recovers and no connection leaks.
func TestFaultStall(t *testing.T) {
	const deadline, stall = 100 * time.Millisecond, 500 * time.Millisecond
	faultServers(t, func(t *testing.T, fx *faultFixture) {
		e := fx.engine(t, false, engine.PoolOptions{PrePing: time.Nanosecond})
		faultWarm(t, e, 1)
		fx.proxy.Pause()
		resumed := make(chan struct{})
		timer := time.AfterFunc(stall, func() { fx.proxy.Resume(); close(resumed) })
		defer timer.Stop()
		ctx, cancel := context.WithTimeout(t.Context(), deadline)
		defer cancel()
		start := time.Now()
		err := faultSelectOne(ctx, e)
		took := time.Since(start)
		t.Logf("%s: a %v deadline, traffic held for %v: the call took %v: %v", fx.server, deadline, stall, took.Round(time.Millisecond), err)
		if fx.server == "mysql" {
			if !errors.Is(err, context.DeadlineExceeded) || took >= stall {
				t.Errorf("go-sql-driver: %v after %v, want the context's error before the traffic resumed", err, took)
			}
		} else if err != nil && !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("lib/pq: %T %v, want success or the context's error", err, err)
		}
		<-resumed
		if err := faultSelectOne(t.Context(), e); err != nil {
			t.Errorf("after the stall: %v", err)
		}
	})
}

func faultCount(t *testing.T, db *sql.DB, table string) int {
	t.Helper()
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func faultEnvOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// TestPrePingFakeDriver checks pre-ping against a driver that counts pings and can
// kill its connections: a connection idle less than PrePing is not pinged, one idle
// longer is, a dead one is replaced without an error (and surfaces one without
// pre-ping), and the wrapper converts arguments as database/sql does for a driver
// with none of the optional interfaces.
func TestPrePingFakeDriver(t *testing.T) {
	for _, pinger := range []bool{false, true} {
		t.Run("pinger="+strconv.FormatBool(pinger), func(t *testing.T) {
			ctx := t.Context()
			const after = 30 * time.Millisecond
			fc := &fakeConnector{pinger: pinger}
			e := engine.NewFromConnector(fc, sqlite.Dialect(), engine.WithPool(engine.PoolOptions{PrePing: after}))
			t.Cleanup(func() { e.Close() })
			t.Cleanup(func() { checkNoLeak(t, "the pool", e.DB()) })

			step := func(what string, wantOpened, wantPings, wantClosed int) {
				t.Helper()
				if err := fakeSelectTwo(ctx, e); err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				if o, p, c := fc.counts(); o != wantOpened || p != wantPings || c != wantClosed {
					t.Errorf("%s: opened %d, pinged %d, closed %d; want %d, %d, %d", what, o, p, c, wantOpened, wantPings, wantClosed)
				}
			}
			step("first use", 1, 0, 0)
			step("reuse at once", 1, 0, 0)
			time.Sleep(after + 10*time.Millisecond)
			step("reuse after idling", 1, 1, 0)

			// Idle time runs from the connection's return, not from its checkout.
			c, err := e.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			time.Sleep(after + 10*time.Millisecond)
			c.Close()
			step("reuse after a long checkout", 1, 1, 0)

			fc.killAll()
			time.Sleep(after + 10*time.Millisecond)
			step("a dead connection", 2, 2, 1)

			// Arguments: without a NamedValueChecker, database/sql's default converter
			// turns an int into int64 and calls a Valuer.
			var got any
			if err := e.DB().QueryRowContext(ctx, "SELECT ?", 7).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != int64(7) {
				t.Errorf("SELECT ? with 7 read back %T %v, want int64 7", got, got)
			}
			if err := e.DB().QueryRowContext(ctx, "SELECT ?", fakeValuer{}).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if s, _ := got.([]byte); string(s) != "valued" {
				t.Errorf("SELECT ? with a Valuer read back %T %v, want valued", got, got)
			}

			// sql.Conn.Raw sees the wrapper, which unwraps to the driver's connection.
			raw, err := e.DB().Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			raw.Raw(func(dc any) error {
				u, ok := dc.(interface{ Unwrap() driver.Conn })
				if !ok {
					t.Errorf("Raw: %T has no Unwrap", dc)
				} else if _, ok := u.Unwrap().(*fakeConn); !ok && !pinger {
					t.Errorf("Unwrap: %T, want *fakeConn", u.Unwrap())
				} else if _, ok := u.Unwrap().(*fakePingConn); !ok && pinger {
					t.Errorf("Unwrap: %T, want *fakePingConn", u.Unwrap())
				}
				return nil
			})
			raw.Close()
		})
	}

	t.Run("without pre-ping", func(t *testing.T) {
		fc := &fakeConnector{}
		e := engine.NewFromConnector(fc, sqlite.Dialect())
		t.Cleanup(func() { e.Close() })
		t.Cleanup(func() { checkNoLeak(t, "the pool", e.DB()) })
		if err := fakeSelectTwo(t.Context(), e); err != nil {
			t.Fatal(err)
		}
		fc.killAll()
		err := fakeSelectTwo(t.Context(), e)
		var de *engine.DisconnectError
		if !errors.As(err, &de) {
			t.Errorf("a dead connection without pre-ping: %v, want a *engine.DisconnectError", err)
		}
		if _, p, _ := fc.counts(); p != 0 {
			t.Errorf("pinged %d times without pre-ping", p)
		}
	})
}

// fakeConnector makes fakeConns (or fakePingConns when pinger), which implement only
// driver.Conn and the pre-context Queryer: none of the optional interfaces the
// pre-ping wrapper has. A killed connection fails every call with an unexpected EOF,
// as a connection whose server went away does.
type fakeConnector struct {
	pinger bool

	mu                    sync.Mutex
	opened, pings, closed int
	conns                 []*fakeConn
}

func (f *fakeConnector) Connect(context.Context) (driver.Conn, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.opened++
	c := &fakeConn{f: f}
	f.conns = append(f.conns, c)
	if f.pinger {
		return &fakePingConn{c}, nil
	}
	return c, nil
}

func (f *fakeConnector) Driver() driver.Driver { return fakeDriver{} }

type fakeDriver struct{}

func (fakeDriver) Open(string) (driver.Conn, error) {
	return nil, errors.New("fake: open through the connector")
}

func (f *fakeConnector) counts() (opened, pings, closed int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.opened, f.pings, f.closed
}

func (f *fakeConnector) killAll() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range f.conns {
		c.dead.Store(true)
	}
}

type fakeConn struct {
	f    *fakeConnector
	dead atomic.Bool
}

func (c *fakeConn) Prepare(string) (driver.Stmt, error) { return nil, errors.New("fake: no Prepare") }
func (c *fakeConn) Begin() (driver.Tx, error)           { return nil, errors.New("fake: no Begin") }

func (c *fakeConn) Close() error {
	c.f.mu.Lock()
	c.f.closed++
	c.f.mu.Unlock()
	return nil
}

// Query answers SELECT 1 (the pre-ping wrapper's probe when the connection is no
// Pinger, counted as a ping), SELECT 2, and SELECT ? (with its argument, as the driver
// received it).
func (c *fakeConn) Query(query string, args []driver.Value) (driver.Rows, error) {
	if query == "SELECT 1" {
		c.f.mu.Lock()
		c.f.pings++
		c.f.mu.Unlock()
	}
	if c.dead.Load() {
		return nil, io.ErrUnexpectedEOF
	}
	switch query {
	case "SELECT 1":
		return &fakeRows{v: int64(1)}, nil
	case "SELECT 2":
		return &fakeRows{v: int64(2)}, nil
	case "SELECT ?":
		if len(args) == 1 {
			return &fakeRows{v: args[0]}, nil
		}
	}
	return nil, errors.New("fake: cannot run " + query)
}

type fakePingConn struct{ *fakeConn }

func (c *fakePingConn) Ping(context.Context) error {
	c.f.mu.Lock()
	c.f.pings++
	c.f.mu.Unlock()
	if c.dead.Load() {
		return io.ErrUnexpectedEOF
	}
	return nil
}

type fakeRows struct {
	v    driver.Value
	done bool
}

func (r *fakeRows) Columns() []string { return []string{"v"} }
func (r *fakeRows) Close() error      { return nil }
func (r *fakeRows) Next(dest []driver.Value) error {
	if r.done {
		return io.EOF
	}
	r.done = true
	dest[0] = r.v
	return nil
}

func fakeSelectTwo(ctx context.Context, e *engine.Engine) error {
	var n int
	if err := e.QueryRow(ctx, ast.Text("SELECT 2")).Scan(&n); err != nil {
		return err
	}
	if n != 2 {
		return errors.New("SELECT 2 returned " + strconv.Itoa(n))
	}
	return nil
}

type fakeValuer struct{}

func (fakeValuer) Value() (driver.Value, error) { return []byte("valued"), nil }
