// Package dburl parses database URLs into a dialect name, a database/sql driver name
// and that driver's data source name, without importing any driver.
//
// The accepted forms (DESIGN.md §5, issue 5):
//
//	sqlite:///abs/path.db          the file /abs/path.db
//	sqlite://relative.db           relative.db in the working directory
//	sqlite://:memory:              a private in-memory database (one per connection)
//	postgres://user:pass@host:port/db?sslmode=disable   also postgresql://
//	mysql://user:pass@host:port/db?tls=true             also mariadb://
//	questdb://admin:quest@host:8812/qdb                 QuestDB over the PostgreSQL wire
//	yugabytedb://yugabyte:yugabyte@host:5433/yugabyte   YugabyteDB YSQL
//
// Unlike SQLAlchemy, where sqlite:///x.db is relative and sqlite:////x.db absolute,
// the path after sqlite:// is taken as written: a leading slash makes it absolute.
// questdb:// and yugabytedb:// reach their servers through lib/pq, as postgres://
// does; a URL without a port gets the server's own default (8812, 5433), and a
// questdb:// URL without sslmode gets sslmode=disable, as open-source QuestDB has no
// TLS.
//
// A URL's password never appears in an error of this package: messages quote the
// URL through Redact, and URL.String is redacted too.
package dburl

import (
	"cmp"
	"errors"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The database/sql driver names a URL can ask for; the application (or the engine's
// convenience package) imports the drivers that register them.
const (
	SQLiteDriver   = "sqlite3"  // github.com/mattn/go-sqlite3
	PostgresDriver = "postgres" // github.com/lib/pq
	MySQLDriver    = "mysql"    // github.com/go-sql-driver/mysql
)

// SQLiteBusyTimeout is the busy timeout, in milliseconds, written into SQLite DSNs
// that do not set one: how long a connection waits for another's lock.
const SQLiteBusyTimeout = 5000

// A URL is a parsed database URL.
type URL struct {
	Scheme   string // as written, lower-cased: "sqlite", "postgres", "postgresql", "mysql", "mariadb"
	Dialect  string // the dialect's registry name: "sqlite", "postgres", "mysql" or "mariadb"
	Driver   string // the database/sql driver name: SQLiteDriver, PostgresDriver or MySQLDriver
	DSN      string // the driver's data source name; it holds the password: never print it
	Database string // the database name, the SQLite file path, or "" when the URL names none
	InMemory bool   // sqlite://:memory:, a database private to each connection

	redacted string // the URL as given, password replaced
	password string // as decoded, for Scrub; "" when none
}

// String returns the URL with its password replaced by "xxxxx", so that printing a
// URL (with %v too) never shows the password.
func (u URL) String() string { return u.redacted }

// Scrub returns msg with every occurrence of the URL's password (decoded or
// percent-encoded) replaced by "xxxxx", for messages of drivers that might echo the
// DSN back. Every occurrence is replaced, even inside other words: a very short
// password costs readable messages rather than a leak.
func (u *URL) Scrub(msg string) string {
	if u == nil || u.password == "" {
		return msg
	}
	msg = strings.ReplaceAll(msg, u.password, mask)
	for _, enc := range []string{url.QueryEscape(u.password), url.PathEscape(u.password), url.UserPassword("", u.password).String()[1:]} {
		if enc != u.password && enc != "" {
			msg = strings.ReplaceAll(msg, enc, mask)
		}
	}
	return msg
}

const mask = "xxxxx"

// Schemes returns the URL schemes Parse accepts, in the order of the package doc.
func Schemes() []string {
	return []string{"sqlite", "postgres", "postgresql", "mysql", "mariadb", "questdb", "yugabytedb"}
}

// The errors an *Error wraps, for errors.Is.
var (
	ErrUnknownScheme = errors.New("unknown scheme")
)

// An Error reports a URL that cannot be used. It is one line and holds no password.
type Error struct {
	URL    string // the URL, redacted
	Reason string // what is wrong with it
	Err    error  // ErrUnknownScheme or nil
}

func (e *Error) Error() string { return "dburl: " + strconv.Quote(e.URL) + ": " + e.Reason }

func (e *Error) Unwrap() error { return e.Err }

func fail(raw, reason string, err error) *Error {
	return &Error{URL: Redact(raw), Reason: reason, Err: err}
}

// Parse parses a database URL; see the package doc for the forms.
func Parse(raw string) (*URL, error) {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok || scheme == "" || strings.ContainsAny(scheme, "/?#@ ") {
		return nil, fail(raw, "not a database URL: want scheme://…, e.g. sqlite:///path/to.db or "+
			"postgres://user@host/db; supported schemes: "+strings.Join(Schemes(), ", "), ErrUnknownScheme)
	}
	scheme = strings.ToLower(scheme)
	switch scheme {
	case "sqlite":
		return parseSQLite(raw, rest)
	case "postgres", "postgresql", "questdb", "yugabytedb":
		return parsePostgres(raw, scheme)
	case "mysql", "mariadb":
		return parseMySQL(raw, scheme)
	}
	return nil, fail(raw, "unknown scheme "+strconv.Quote(scheme)+"; supported schemes: "+
		strings.Join(Schemes(), ", "), ErrUnknownScheme)
}

// parseSQLite parses the part after sqlite://. It does not go through url.Parse,
// which reads sqlite://:memory: as a host with a bad port.
func parseSQLite(raw, rest string) (*URL, error) {
	path, query, _ := strings.Cut(rest, "?")
	if i := strings.IndexByte(path, '#'); i >= 0 {
		return nil, fail(raw, "a fragment (#…) means nothing in a sqlite URL; percent-encode # in file names as %23", nil)
	}
	path, err := url.PathUnescape(path)
	if err != nil {
		return nil, fail(raw, "the file path has an invalid %-escape", nil)
	}
	if path == "" || path == "/" {
		return nil, fail(raw, "no database file: want sqlite:///abs/path.db, sqlite://relative.db or sqlite://:memory:", nil)
	}
	if strings.IndexByte(path, 0) >= 0 {
		return nil, fail(raw, "the file path contains a NUL byte", nil)
	}
	params, err := url.ParseQuery(query)
	if err != nil {
		return nil, fail(raw, "the query string is not valid (percent-encode & = % in values)", nil)
	}
	if _, ok := params["_foreign_keys"]; !ok && params.Get("_fk") == "" {
		params.Set("_foreign_keys", "1")
	}
	if params.Get("_busy_timeout") == "" && params.Get("_timeout") == "" {
		params.Set("_busy_timeout", strconv.Itoa(SQLiteBusyTimeout))
	}
	u := &URL{Scheme: "sqlite", Dialect: "sqlite", Driver: SQLiteDriver, Database: path, redacted: Redact(raw)}
	// The DSN is an SQLite URI (file:…), which go-sqlite3 hands to sqlite3_open_v2 whole:
	// its own _options are read from the query, SQLite's (mode=ro, cache=shared) too.
	var dsn strings.Builder
	dsn.WriteString("file:")
	switch {
	case path == ":memory:":
		u.InMemory = true
		dsn.WriteString(":memory:")
	case strings.HasPrefix(path, "/"):
		dsn.WriteString("//") // an empty authority: file:///abs/path.db
		dsn.WriteString(sqliteURIPath(path))
	default:
		dsn.WriteString(sqliteURIPath(path))
	}
	dsn.WriteByte('?')
	dsn.WriteString(params.Encode())
	u.DSN = dsn.String()
	return u, nil
}

// sqliteURIPath escapes the bytes an SQLite URI path cannot hold as they are.
func sqliteURIPath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '%' || c == '?' || c == '#' || c < 0x20 || c == 0x7f:
			b.WriteByte('%')
			b.WriteByte("0123456789ABCDEF"[c>>4])
			b.WriteByte("0123456789ABCDEF"[c&15])
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// parseStd parses a URL with an authority (postgres, mysql). url.Parse's own errors
// are not passed on: they quote the URL, password included.
func parseStd(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fail(raw, "not a valid URL; percent-encode the characters / ? # @ : % in the user name and password", nil)
	}
	if u.Opaque != "" || u.Fragment != "" || u.RawFragment != "" {
		return nil, fail(raw, "not a valid URL; percent-encode the characters / ? # @ : % in the user name and password", nil)
	}
	// url.Parse ends the user information at the last '@' before the first / ? or #:
	// an '@' after that means a password or user name with an unencoded / ? or #,
	// which would otherwise be read as a host and port (and show up in messages).
	_, rest, _ := strings.Cut(raw, "://")
	if end := strings.IndexAny(rest, "/?#"); end >= 0 && strings.Contains(rest[end:], "@") {
		return nil, fail(raw, "'@' after the host: percent-encode / ? # @ in the user name and password, and @ in the query, as %2F %3F %23 %40", nil)
	}
	if p := u.EscapedPath(); strings.Contains(p[min(1, len(p)):], "/") {
		return nil, fail(raw, "the database name contains '/': percent-encode it as %2F", nil)
	}
	return u, nil
}

func parsePostgres(raw, scheme string) (*URL, error) {
	u, err := parseStd(raw)
	if err != nil {
		return nil, err
	}
	if _, err := url.ParseQuery(u.RawQuery); err != nil {
		return nil, fail(raw, "the query string is not valid (percent-encode & = % in values)", nil)
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n <= 0 || n > 65535 {
			return nil, fail(raw, "the port must be a number from 1 to 65535", nil)
		}
	}
	pw, _ := u.User.Password()
	out := &URL{
		Scheme: scheme, Dialect: "postgres", Driver: PostgresDriver,
		Database: strings.TrimPrefix(u.Path, "/"), redacted: Redact(raw), password: pw,
	}
	if scheme == "postgres" || scheme == "postgresql" {
		// lib/pq reads the URL itself (both schemes, in lower case), query parameters included.
		out.DSN = scheme + raw[len(scheme):]
		return out, nil
	}
	// The family's other servers: lib/pq only reads postgres:// URLs, so the URL is
	// rewritten with that scheme and the server's default port.
	out.Dialect, out.DSN = "yugabyte", ""
	port := "5433"
	if scheme == "questdb" {
		out.Dialect, port = "questdb", "8812"
		if q := u.Query(); q.Get("sslmode") == "" {
			q.Set("sslmode", "disable")
			u.RawQuery = q.Encode()
		}
	}
	if u.Port() == "" {
		u.Host = net.JoinHostPort(cmp.Or(u.Hostname(), "localhost"), port)
	}
	u.Scheme = "postgres"
	out.DSN = u.String()
	return out, nil
}

// mysqlDefaults are the go-sql-driver options set unless the URL sets them:
// parseTime reads DATE and DATETIME as time.Time; clientFoundRows makes UPDATE
// report the rows it matched, not only those it changed, as the other servers do
// (SQLAlchemy sets the same FOUND_ROWS flag).
var mysqlDefaults = [][2]string{{"parseTime", "true"}, {"clientFoundRows", "true"}}

// parseMySQL builds a go-sql-driver/mysql DSN,
// [user[:password]@][tcp(host:port)]/dbname[?param=value&…], by hand rather than with
// mysql.Config, which would import the driver. The driver finds the password between
// the first ':' and the last '@' before the last '/', so a password may hold any
// byte; a user name may hold anything but ':'. The database name is path-escaped
// and parameter values query-escaped, as the driver unescapes them.
func parseMySQL(raw, scheme string) (*URL, error) {
	u, err := parseStd(raw)
	if err != nil {
		return nil, err
	}
	params, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil, fail(raw, "the query string is not valid (percent-encode & = % in values)", nil)
	}
	user := u.User.Username()
	pw, hasPw := u.User.Password()
	if strings.Contains(user, ":") {
		return nil, fail(raw, "the go-sql-driver DSN cannot hold a user name with ':'", nil)
	}
	port := u.Port()
	if port == "" {
		port = "3306"
	} else if n, err := strconv.Atoi(port); err != nil || n <= 0 || n > 65535 {
		return nil, fail(raw, "the port must be a number from 1 to 65535", nil)
	}
	host := u.Hostname()
	if host == "" {
		host = "127.0.0.1" // the driver's default too
	}
	addr := "tcp(" + net.JoinHostPort(host, port) + ")"
	if sock := params.Get("unix_socket"); sock != "" { // SQLAlchemy's name for it
		if u.Host != "" {
			return nil, fail(raw, "give a host or unix_socket, not both", nil)
		}
		if strings.Contains(sock, ")") {
			return nil, fail(raw, "the unix_socket path cannot contain ')'", nil)
		}
		addr = "unix(" + sock + ")"
		params.Del("unix_socket")
	}
	for _, d := range mysqlDefaults {
		if !params.Has(d[0]) {
			params.Set(d[0], d[1])
		}
	}
	var dsn strings.Builder
	if user != "" || hasPw {
		dsn.WriteString(user)
		if hasPw {
			dsn.WriteByte(':')
			dsn.WriteString(pw)
		}
		dsn.WriteByte('@')
	}
	db := strings.TrimPrefix(u.Path, "/")
	dsn.WriteString(addr)
	dsn.WriteByte('/')
	dsn.WriteString(url.PathEscape(db))
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	sep := byte('?')
	for _, k := range keys {
		for _, v := range params[k] {
			dsn.WriteByte(sep)
			sep = '&'
			dsn.WriteString(url.QueryEscape(k))
			dsn.WriteByte('=')
			dsn.WriteString(url.QueryEscape(v))
		}
	}
	return &URL{
		Scheme: scheme, Dialect: scheme, Driver: MySQLDriver, DSN: dsn.String(),
		Database: db, redacted: Redact(raw), password: pw,
	}, nil
}

// passwordParam matches a password given as a parameter: ?password=… in a URL,
// password=… in a key=value connection string, quoted or not.
var passwordParam = regexp.MustCompile(`(?i)(\b[a-z_]*pass(?:word|wd)?\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s&]*)`)

// Redact returns s, a database URL or connection string, with its password replaced
// by "xxxxx": the one in the user information and any password parameter. It works
// on strings that do not parse, erring towards hiding too much: when the '@' that
// ends the user information is in doubt, everything from the first ':' after the
// scheme to the last '@' is hidden.
func Redact(s string) string {
	rest, prefix := s, ""
	if i := strings.Index(s, "://"); i >= 0 {
		prefix, rest = s[:i+3], s[i+3:]
	}
	if at := strings.LastIndexByte(rest, '@'); at >= 0 {
		userinfo := rest[:at]
		if c := strings.IndexByte(userinfo, ':'); c >= 0 {
			rest = userinfo[:c+1] + mask + rest[at:]
		}
	}
	return passwordParam.ReplaceAllString(prefix+rest, "${1}"+mask)
}
