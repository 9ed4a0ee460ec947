// Package testdb opens isolated connections to the real database servers for tests.
//
// Every [Open] gets a database of its own: a fresh schema on PostgreSQL, a fresh database
// on MariaDB/MySQL and a fresh file on SQLite, dropped when the test ends. A server that
// cannot be reached skips the test, naming the environment variable that points at it,
// unless STRATA_REQUIRE_SERVERS=1 asks for a failure instead (as CI does).
//
// The servers are found through these environment variables:
//
//	STRATA_POSTGRES_URL  lib/pq URL or key=value string (default "postgres://postgres@127.0.0.1:5432/test?sslmode=disable")
//	STRATA_MYSQL_DSN     go-sql-driver/mysql DSN (default "root@tcp(127.0.0.1:3306)/test")
//
// SQLite needs no server but does need cgo (mattn/go-sqlite3).
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/lib/pq"
	"github.com/mattn/go-sqlite3"
)

// The driver names registered with database/sql.
const (
	SQLiteDriver   = "sqlite3_strata" // mattn/go-sqlite3 with REGEXP and foreign keys on; see below
	PostgresDriver = "postgres"       // lib/pq
	MySQLDriver    = "mysql"          // go-sql-driver/mysql
)

// The environment variables read by this package.
const (
	PostgresURLEnv = "STRATA_POSTGRES_URL"    // where PostgreSQL is; default DefaultPostgresURL
	MySQLDSNEnv    = "STRATA_MYSQL_DSN"       // where MariaDB/MySQL is; default DefaultMySQLDSN
	RequireEnv     = "STRATA_REQUIRE_SERVERS" // "1": an unreachable server fails the test instead of skipping it
)

// The addresses used when the environment does not say otherwise.
const (
	DefaultPostgresURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	DefaultMySQLDSN    = "root@tcp(127.0.0.1:3306)/test"
)

// ReachTimeout bounds the wait for a server to answer before Open gives up on it.
const ReachTimeout = 3 * time.Second

// Servers lists the names Open accepts: "sqlite", "postgres", "mysql".
// The slice is fresh on every call.
func Servers() []string { return []string{"sqlite", "postgres", "mysql"} }

// Required reports whether STRATA_REQUIRE_SERVERS=1, in which case a server that cannot be
// reached fails the test rather than skipping it.
func Required() bool { return os.Getenv(RequireEnv) == "1" }

// Open returns a *sql.DB for the named server (one of [Servers]), isolated from every other
// Open in this and any other test binary:
//
//   - PostgreSQL: a fresh schema strata_<hex>, set as search_path on every connection;
//     unqualified names resolve there (and in pg_catalog) only.
//   - MariaDB/MySQL: a fresh database strata_<hex> (utf8mb4), connected with
//     parseTime=true and multiStatements=false.
//   - SQLite: a fresh database file under t.TempDir(), in WAL mode with a busy timeout and
//     BEGIN IMMEDIATE transactions, so that several pooled connections can share it; each
//     connection has foreign keys on and a REGEXP function.
//
// The schema or database is dropped, and the pool closed, in t.Cleanup. When the server
// cannot be reached within [ReachTimeout], Open calls t.Skip with a message naming the
// server, its address and the environment variable to set — or t.Fatal with the same
// message when [Required]. Any other failure is fatal.
func Open(t testing.TB, server string) *sql.DB {
	t.Helper()
	db, drop, err := open(t.Context(), server, t.TempDir)
	if err != nil {
		fail(t, err)
	}
	t.Cleanup(func() {
		if err := drop(); err != nil {
			t.Errorf("testdb: dropping the %s test database: %v", server, err)
		}
	})
	return db
}

// OpenShared is like [Open] but returns one database per server for the whole test binary,
// created on first use. It suits packages with many read-mostly tests that can share tables.
//
// The shared schemas and databases outlive individual tests: a package that calls
// OpenShared must call [CloseAll] from its TestMain after m.Run, or they are left behind on
// the servers.
//
//	func TestMain(m *testing.M) {
//		code := m.Run()
//		testdb.CloseAll()
//		os.Exit(code)
//	}
func OpenShared(t testing.TB, server string) *sql.DB {
	t.Helper()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if s, ok := shared.dbs[server]; ok {
		if s.err != nil {
			fail(t, s.err)
		}
		return s.db
	}
	var dir string // removed by CloseAll
	tempDir := func() string {
		var err error
		if dir, err = os.MkdirTemp("", "strata-testdb-"); err != nil {
			panic(err) // as t.TempDir does
		}
		return dir
	}
	db, drop, err := open(context.Background(), server, tempDir)
	s := &sharedDB{db: db, err: err}
	if err != nil && dir != "" {
		os.RemoveAll(dir)
	}
	if err == nil {
		s.drop = func() error {
			err := drop()
			if dir != "" {
				err = errors.Join(err, os.RemoveAll(dir))
			}
			return err
		}
	}
	// Remember an unreachable server so that later tests skip at once instead of waiting
	// out ReachTimeout again; other errors are retried.
	var ue *unreachableError
	if err == nil || errors.As(err, &ue) {
		if shared.dbs == nil {
			shared.dbs = make(map[string]*sharedDB)
		}
		shared.dbs[server] = s
	}
	if err != nil {
		fail(t, err)
	}
	return db
}

// CloseAll closes and drops the databases made by [OpenShared]. It is safe to call more
// than once and from a TestMain that never used OpenShared. Errors are printed to stderr.
func CloseAll() {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	for server, s := range shared.dbs {
		if s.drop != nil {
			if err := s.drop(); err != nil {
				fmt.Fprintf(os.Stderr, "testdb: dropping the shared %s test database: %v\n", server, err)
			}
		}
		delete(shared.dbs, server)
	}
}

// Exec runs setup statements on db in order, and fails the test naming the statement when
// one of them fails.
func Exec(t testing.TB, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, stmt := range stmts {
		if _, err := db.ExecContext(t.Context(), stmt); err != nil {
			t.Fatalf("testdb: %s\n\t%v", stmt, err)
		}
	}
}

var unreachable sync.Map // server + "\x00" + DSN → *unreachableError

var shared struct {
	mu  sync.Mutex
	dbs map[string]*sharedDB // by server name
}

// A sharedDB is the cached result of OpenShared for one server.
type sharedDB struct {
	db   *sql.DB
	drop func() error // closes db and drops its schema; nil when err is set
	err  error        // why the server could not be opened; nil on success
}

// An unreachableError reports a server that did not answer; the test is skipped unless
// servers are required.
type unreachableError struct {
	server string // "postgres", ...
	addr   string // where it was looked for
	env    string // what to set to look elsewhere
	err    error  // the driver's error
}

func (e *unreachableError) Error() string {
	if e.server == "sqlite" {
		return fmt.Sprintf("testdb: sqlite is not available (%v); build with %s and a C compiler; %s=1 makes this a failure instead of a skip",
			e.err, e.env, RequireEnv)
	}
	return fmt.Sprintf("testdb: %s is not reachable at %s (%v); start it, or set %s to point at one; %s=1 makes this a failure instead of a skip",
		e.server, e.addr, e.err, e.env, RequireEnv)
}

func (e *unreachableError) Unwrap() error { return e.err }

// fail skips or fails the test for err.
func fail(t testing.TB, err error) {
	t.Helper()
	var ue *unreachableError
	if errors.As(err, &ue) && !Required() {
		t.Skip(err)
	}
	t.Fatal(err)
}

// reach reports whether server answers, returning an *unreachableError when it does not.
func reach(server string) error {
	ctx, cancel := context.WithTimeout(context.Background(), ReachTimeout)
	defer cancel()
	tg, err := targetFor(server)
	if err != nil {
		return err
	}
	db, err := tg.admin(ctx)
	if err != nil {
		return err
	}
	return db.Close()
}

// open creates an isolated database on server and returns a pool for it and a function
// that closes the pool and drops the database. tempDir supplies a directory for SQLite.
func open(ctx context.Context, server string, tempDir func() string) (*sql.DB, func() error, error) {
	tg, err := targetFor(server)
	if err != nil {
		return nil, nil, err
	}
	if server == "sqlite" {
		return openSQLite(ctx, tg, tempDir())
	}
	// A server that did not answer is not asked again by this binary: tests skip at once
	// instead of each waiting out ReachTimeout.
	key := server + "\x00" + tg.dsn
	if err, ok := unreachable.Load(key); ok {
		return nil, nil, err.(error)
	}
	reachCtx, cancel := context.WithTimeout(ctx, ReachTimeout)
	defer cancel()
	admin, err := tg.admin(reachCtx)
	if err != nil {
		if _, ok := err.(*unreachableError); ok {
			unreachable.Store(key, err)
		}
		return nil, nil, err
	}
	name, err := randomName()
	if err != nil {
		admin.Close()
		return nil, nil, err
	}
	var create, dropStmt string
	var db *sql.DB
	switch server {
	case "postgres":
		create = "CREATE SCHEMA " + name
		dropStmt = "DROP SCHEMA IF EXISTS " + name + " CASCADE"
		cfg := tg.pq
		cfg.Runtime = make(map[string]string, len(tg.pq.Runtime)+1)
		for k, v := range tg.pq.Runtime {
			cfg.Runtime[k] = v
		}
		cfg.Runtime["search_path"] = name
		c, err := pq.NewConnectorConfig(cfg)
		if err != nil {
			admin.Close()
			return nil, nil, fmt.Errorf("testdb: postgres connector: %w", err)
		}
		db = sql.OpenDB(c)
	case "mysql":
		create = "CREATE DATABASE " + name + " CHARACTER SET utf8mb4"
		dropStmt = "DROP DATABASE IF EXISTS " + name
		cfg := tg.mysql.Clone()
		cfg.DBName = name
		cfg.ParseTime = true
		cfg.MultiStatements = false
		c, err := mysql.NewConnector(cfg)
		if err != nil {
			admin.Close()
			return nil, nil, fmt.Errorf("testdb: mysql connector: %w", err)
		}
		db = sql.OpenDB(c)
	}
	if _, err := admin.ExecContext(ctx, create); err != nil {
		db.Close()
		admin.Close()
		return nil, nil, fmt.Errorf("testdb: %s: %w", create, err)
	}
	drop := func() error {
		err := db.Close()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, e := admin.ExecContext(ctx, dropStmt); e != nil {
			err = errors.Join(err, fmt.Errorf("%s: %w", dropStmt, e))
		}
		return errors.Join(err, admin.Close())
	}
	// The admin pool waits idle for the drop; one connection is enough.
	admin.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		return nil, nil, errors.Join(fmt.Errorf("testdb: connecting to the new %s database %s: %w", server, name, err), drop())
	}
	return db, drop, nil
}

func openSQLite(ctx context.Context, tg target, dir string) (*sql.DB, func() error, error) {
	// _txlock=immediate: a deferred transaction that reads and then writes fails with
	// SQLITE_BUSY at once when another connection wrote meanwhile, whatever the busy timeout.
	dsn := "file:" + filepath.Join(dir, "strata.db") +
		"?_journal_mode=WAL&_synchronous=OFF&_busy_timeout=10000&_txlock=immediate"
	db, err := sql.Open(tg.driver, dsn)
	if err != nil {
		return nil, nil, fmt.Errorf("testdb: sqlite: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		if !sqlite3CgoEnabled() {
			return nil, nil, &unreachableError{server: "sqlite", addr: tg.addr, env: tg.env, err: err}
		}
		return nil, nil, fmt.Errorf("testdb: sqlite %s: %w", dsn, err)
	}
	return db, db.Close, nil
}

// sqliteExecer is the part of *sqlite3.SQLiteConn the connect hook uses. It is asserted
// rather than called directly because go-sqlite3's stub for CGO_ENABLED=0 lacks Exec, and
// this package must still compile there so that SQLite tests can skip.
type sqliteExecer interface {
	Exec(query string, args []driver.Value) (driver.Result, error)
}

// sqlite3CgoEnabled reports whether go-sqlite3 was built with cgo; without it the driver
// is a stub whose every connection fails.
func sqlite3CgoEnabled() bool {
	_, ok := any((*sqlite3.SQLiteConn)(nil)).(sqliteExecer)
	return ok
}

// A target is where one server is and how to reach it.
type target struct {
	server string        // as given to Open
	driver string        // database/sql driver name
	dsn    string        // as configured
	addr   string        // host:port, or a description, for messages
	env    string        // the variable that overrides the location
	pq     pq.Config     // for postgres
	mysql  *mysql.Config // for mysql
}

func targetFor(server string) (target, error) {
	tg := target{server: server}
	switch server {
	case "sqlite":
		registerSQLite()
		tg.driver, tg.addr, tg.env = SQLiteDriver, "(embedded)", "CGO_ENABLED=1"
	case "postgres":
		tg.driver, tg.env = PostgresDriver, PostgresURLEnv
		dsn := envOr(PostgresURLEnv, DefaultPostgresURL)
		tg.dsn = dsn
		cfg, err := pq.NewConfig(dsn)
		if err != nil {
			return tg, fmt.Errorf("testdb: %s=%q: %w", PostgresURLEnv, dsn, err)
		}
		tg.pq = cfg
		tg.addr = cfg.Host
		if len(cfg.Host) == 0 || cfg.Host[0] != '/' {
			tg.addr = net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port)))
		}
	case "mysql":
		tg.driver, tg.env = MySQLDriver, MySQLDSNEnv
		dsn := envOr(MySQLDSNEnv, DefaultMySQLDSN)
		tg.dsn = dsn
		cfg, err := mysql.ParseDSN(dsn)
		if err != nil {
			return tg, fmt.Errorf("testdb: %s=%q: %w", MySQLDSNEnv, dsn, err)
		}
		if cfg.Timeout == 0 {
			cfg.Timeout = ReachTimeout
		}
		tg.mysql = cfg
		tg.addr = cfg.Addr
	default:
		return tg, fmt.Errorf("testdb: unknown server %q; want one of %q", server, Servers())
	}
	return tg, nil
}

// admin opens a pool on the server's configured database and pings it within ctx.
func (tg target) admin(ctx context.Context) (*sql.DB, error) {
	var db *sql.DB
	switch tg.server {
	case "postgres":
		c, err := pq.NewConnectorConfig(tg.pq)
		if err != nil {
			return nil, fmt.Errorf("testdb: postgres connector: %w", err)
		}
		db = sql.OpenDB(c)
	case "mysql":
		c, err := mysql.NewConnector(tg.mysql)
		if err != nil {
			return nil, fmt.Errorf("testdb: mysql connector: %w", err)
		}
		db = sql.OpenDB(c)
	default:
		var err error
		if db, err = sql.Open(tg.driver, ":memory:"); err != nil {
			return nil, err
		}
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		if tg.server == "sqlite" && sqlite3CgoEnabled() {
			return nil, fmt.Errorf("testdb: sqlite: %w", err)
		}
		return nil, &unreachableError{server: tg.server, addr: tg.addr, env: tg.env, err: err}
	}
	return db, nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// randomName returns "strata_" and 16 random hex digits: a valid unquoted identifier on
// every server, unlikely to collide across concurrent test binaries.
func randomName() (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return "strata_" + hex.EncodeToString(b[:]), nil
}

var registerOnce sync.Once

// registerSQLite registers SQLiteDriver: go-sqlite3 whose connections have foreign keys on
// and a REGEXP function, as SQLAlchemy's pysqlite dialect provides.
func registerSQLite() {
	registerOnce.Do(func() {
		sql.Register(SQLiteDriver, &sqlite3.SQLiteDriver{
			ConnectHook: func(c *sqlite3.SQLiteConn) error {
				if err := c.RegisterFunc("regexp", sqliteRegexp, true); err != nil {
					return fmt.Errorf("testdb: registering regexp: %w", err)
				}
				x, ok := any(c).(sqliteExecer)
				if !ok {
					return errors.New("testdb: go-sqlite3 was built without cgo")
				}
				if _, err := x.Exec("PRAGMA foreign_keys = ON", nil); err != nil {
					return fmt.Errorf("testdb: enabling foreign keys: %w", err)
				}
				return nil
			},
		})
	})
}

var patterns sync.Map // pattern string → *regexp.Regexp

// sqliteRegexp implements SQLite's regexp(pattern, text), which `text REGEXP pattern`
// calls, with Go's regexp syntax: true when pattern matches anywhere in text, NULL when
// either is NULL. Numbers are matched in their SQL text form.
//
// go-sqlite3 hands NULL to an `any` parameter as a nil []byte.
func sqliteRegexp(pattern, text any) (any, error) {
	p, ok := sqliteText(pattern)
	if !ok {
		return nil, nil
	}
	s, ok := sqliteText(text)
	if !ok {
		return nil, nil
	}
	re, found := patterns.Load(p)
	if !found {
		compiled, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("REGEXP: %w", err)
		}
		re, _ = patterns.LoadOrStore(p, compiled)
	}
	return re.(*regexp.Regexp).MatchString(s), nil
}

// sqliteText returns the text of a SQLite function argument, and false for NULL.
func sqliteText(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case []byte:
		return string(v), v != nil
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64), true
	case nil:
		return "", false
	}
	return fmt.Sprint(v), true
}
