package engine

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"time"

	"github.com/seed13bb6a42/strata/dialects"
	"github.com/seed13bb6a42/strata/internal/dburl"
)

// versionQueries ask each built-in database for its version in the form
// dialects.LookupVersion reads (PostgreSQL's version() starts with "PostgreSQL";
// server_version is the number).
var versionQueries = map[string]string{
	"sqlite":   "SELECT sqlite_version()",
	"postgres": "SHOW server_version",
	"mysql":    "SELECT VERSION()",
	"mariadb":  "SELECT VERSION()",
	"questdb":  "SHOW server_version", // "12.3 (questdb)": the PostgreSQL it imitates
	"yugabyte": "SELECT version()",    // "PostgreSQL 15.2-YB-2025.1.0.0-b0 …"
}

// OpenError reports a database URL that could not be opened. Its message never holds
// the URL's password.
type OpenError struct {
	URL    string // redacted
	Reason string // what failed, worded to precede the URL: "cannot connect to"
	Err    error  // the underlying error, scrubbed of the password where it echoed it
}

func (e *OpenError) Error() string {
	if e.Reason == "" {
		return "engine: " + e.Err.Error()
	}
	s := "engine: " + e.Reason + " " + e.URL
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *OpenError) Unwrap() error { return e.Err }

// scrubbed wraps an error so that its message no longer holds the password.
type scrubbed struct {
	msg string
	err error
}

func (s *scrubbed) Error() string { return s.msg }
func (s *scrubbed) Unwrap() error { return s.err }

// Open connects to the database at a URL — sqlite:///path/to.db, sqlite://:memory:,
// postgres://user:pass@host:port/db?sslmode=disable (or postgresql://),
// mysql://user:pass@host:port/db or mariadb://… — detects the server version once and
// picks the dialect for it from the registry. The driver and the dialect must be
// registered: import _ "github.com/seed13bb6a42/strata/drivers" for the built-in ones.
func Open(ctx context.Context, rawURL string, opts ...Option) (*Engine, error) {
	u, err := dburl.Parse(rawURL)
	if err != nil {
		// The parser's message already quotes the (redacted) URL and says what is wrong.
		return nil, &OpenError{URL: dburl.Redact(rawURL), Err: err}
	}
	fail := func(reason string, err error) error {
		if err != nil {
			err = &scrubbed{msg: u.Scrub(err.Error()), err: err}
		}
		return &OpenError{URL: u.String(), Reason: reason, Err: err}
	}
	if !slices.Contains(sql.Drivers(), u.Driver) {
		return nil, fail("no database/sql driver named "+u.Driver+" is registered (import _ \""+driverPackages[u.Driver]+
			"\", or _ \"github.com/seed13bb6a42/strata/drivers\" for all built-in ones) to open", nil)
	}
	if _, err := dialects.Lookup(u.Dialect); err != nil {
		var ue *dialects.UnknownError
		if errors.As(err, &ue) {
			return nil, fail("the "+u.Dialect+" dialect is not registered (import _ \"github.com/seed13bb6a42/strata/dialects/"+
				dialectPackages[u.Dialect]+"\", or _ \"github.com/seed13bb6a42/strata/drivers\") to open", nil)
		}
		return nil, fail("no dialect to open", err)
	}
	db, err := openPool(u.Driver, u.DSN, opts) // sql.Open, with PoolOptions.PrePing's connector
	if err != nil {
		return nil, fail("cannot open", err)
	}
	if u.InMemory {
		db.SetMaxOpenConns(1) // each connection to :memory: is a database of its own
	}
	vctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	var version string
	if err := db.QueryRowContext(vctx, versionQueries[u.Dialect]).Scan(&version); err != nil {
		db.Close()
		return nil, fail("cannot connect to", Classify(u.Dialect, err))
	}
	name := u.Dialect
	if name == "mariadb" {
		name = "mysql" // the version says which of the two the server is
	}
	d, err := dialects.LookupVersion(name, version)
	if err != nil {
		db.Close()
		return nil, fail("no dialect for the server version of", err)
	}
	e := New(db, d, opts...)
	if u.InMemory {
		// Whatever the pool options: a second connection would open another, empty
		// database, and closing the only one (lifetime, idle time) would drop the data.
		db.SetMaxOpenConns(1)
		db.SetConnMaxLifetime(0)
		db.SetConnMaxIdleTime(0)
	}
	e.version = version
	return e, nil
}

var driverPackages = map[string]string{
	"sqlite3":  "github.com/mattn/go-sqlite3",
	"postgres": "github.com/lib/pq",
	"mysql":    "github.com/go-sql-driver/mysql",
}

var dialectPackages = map[string]string{
	"sqlite": "sqlite", "postgres": "postgres", "mysql": "mysql", "mariadb": "mysql",
	"questdb": "questdb", "yugabyte": "yugabyte",
}

// ServerVersion returns the version the server reported when Open connected, or ""
// for an engine made with New.
func (e *Engine) ServerVersion() string { return e.version }
