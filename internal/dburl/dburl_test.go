package dburl_test

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-sql-driver/mysql"
	"github.com/google/go-cmp/cmp"
	"github.com/lib/pq"
	_ "github.com/mattn/go-sqlite3"

	"github.com/seed13bb6a42/strata/internal/dburl"
)

func TestParse(t *testing.T) {
	tests := []struct {
		url                      string
		dialect, driver, dsn, db string
		memory                   bool
		redacted                 string // "" when the URL has nothing to hide
	}{
		// SQLite: the path as written; foreign keys on and a busy timeout unless set.
		{url: "sqlite:///abs/path.db", dialect: "sqlite", driver: "sqlite3",
			dsn: "file:///abs/path.db?_busy_timeout=5000&_foreign_keys=1", db: "/abs/path.db"},
		{url: "sqlite://relative.db", dialect: "sqlite", driver: "sqlite3",
			dsn: "file:relative.db?_busy_timeout=5000&_foreign_keys=1", db: "relative.db"},
		{url: "sqlite://dir/sub.db", dialect: "sqlite", driver: "sqlite3",
			dsn: "file:dir/sub.db?_busy_timeout=5000&_foreign_keys=1", db: "dir/sub.db"},
		{url: "SQLite://:memory:", dialect: "sqlite", driver: "sqlite3",
			dsn: "file::memory:?_busy_timeout=5000&_foreign_keys=1", db: ":memory:", memory: true},
		{url: "sqlite://:memory:?_foreign_keys=0&_busy_timeout=100", dialect: "sqlite", driver: "sqlite3",
			dsn: "file::memory:?_busy_timeout=100&_foreign_keys=0", db: ":memory:", memory: true},
		{url: "sqlite:///tmp/a%20b%3Fc%25d%23.db?mode=ro&_fk=1", dialect: "sqlite", driver: "sqlite3",
			dsn: "file:///tmp/a b%3Fc%25d%23.db?_busy_timeout=5000&_fk=1&mode=ro", db: "/tmp/a b?c%d#.db"},
		{url: "sqlite:////abs/four.db", dialect: "sqlite", driver: "sqlite3",
			dsn: "file:////abs/four.db?_busy_timeout=5000&_foreign_keys=1", db: "//abs/four.db"},

		// QuestDB and YugabyteDB: lib/pq reads a postgres:// URL with the server's default port.
		{url: "questdb://admin:quest@127.0.0.1:8812/qdb", dialect: "questdb", driver: "postgres",
			dsn: "postgres://admin:quest@127.0.0.1:8812/qdb?sslmode=disable", db: "qdb",
			redacted: "questdb://admin:xxxxx@127.0.0.1:8812/qdb"},
		{url: "questdb://admin:quest@qdb.example.com/qdb?sslmode=require", dialect: "questdb", driver: "postgres",
			dsn: "postgres://admin:quest@qdb.example.com:8812/qdb?sslmode=require", db: "qdb",
			redacted: "questdb://admin:xxxxx@qdb.example.com/qdb?sslmode=require"},
		{url: "yugabytedb://yugabyte:yugabyte@[::1]/yugabyte", dialect: "yugabyte", driver: "postgres",
			dsn: "postgres://yugabyte:yugabyte@[::1]:5433/yugabyte", db: "yugabyte",
			redacted: "yugabytedb://yugabyte:xxxxx@[::1]/yugabyte"},
		{url: "YugabyteDB://u@yb:6000/app?sslmode=disable", dialect: "yugabyte", driver: "postgres",
			dsn: "postgres://u@yb:6000/app?sslmode=disable", db: "app"},

		// PostgreSQL: lib/pq reads the URL itself.
		{url: "postgres://postgres@127.0.0.1:5432/test?sslmode=disable", dialect: "postgres", driver: "postgres",
			dsn: "postgres://postgres@127.0.0.1:5432/test?sslmode=disable", db: "test"},
		{url: "postgresql://u:s3cret@db.example.com/app?sslmode=verify-full&application_name=x",
			dialect: "postgres", driver: "postgres",
			dsn: "postgresql://u:s3cret@db.example.com/app?sslmode=verify-full&application_name=x", db: "app",
			redacted: "postgresql://u:xxxxx@db.example.com/app?sslmode=verify-full&application_name=x"},
		{url: "postgres://u:p%40ss%2Fw%3Ard%23%3F%25@[::1]:5433/db", dialect: "postgres", driver: "postgres",
			dsn: "postgres://u:p%40ss%2Fw%3Ard%23%3F%25@[::1]:5433/db", db: "db",
			redacted: "postgres://u:xxxxx@[::1]:5433/db"},
		{url: "postgres://u:p@ss@host/db", dialect: "postgres", driver: "postgres", // Go and lib/pq take the last @
			dsn: "postgres://u:p@ss@host/db", db: "db", redacted: "postgres://u:xxxxx@host/db"},
		{url: "postgres://host", dialect: "postgres", driver: "postgres", dsn: "postgres://host", db: ""},
		{url: "PostgreSQL://host/db", dialect: "postgres", driver: "postgres", dsn: "postgresql://host/db", db: "db"},
		{url: "postgres://u@host/db?password=hunter2&sslmode=disable", dialect: "postgres", driver: "postgres",
			dsn: "postgres://u@host/db?password=hunter2&sslmode=disable", db: "db",
			redacted: "postgres://u@host/db?password=xxxxx&sslmode=disable"},

		// MySQL and MariaDB: a go-sql-driver DSN.
		{url: "mysql://root@127.0.0.1:3306/test", dialect: "mysql", driver: "mysql",
			dsn: "root@tcp(127.0.0.1:3306)/test?clientFoundRows=true&parseTime=true", db: "test"},
		{url: "mariadb://app:s3cret@db.example.com/shop?tls=true&parseTime=false", dialect: "mariadb", driver: "mysql",
			dsn: "app:s3cret@tcp(db.example.com:3306)/shop?clientFoundRows=true&parseTime=false&tls=true", db: "shop",
			redacted: "mariadb://app:xxxxx@db.example.com/shop?tls=true&parseTime=false"},
		{url: "mysql://u:p%40s%2Fs%3Aw%28%29%3F%23%25%20@[::1]:3307/d%20b?loc=Europe%2FParis", dialect: "mysql", driver: "mysql",
			dsn: "u:p@s/s:w()?#% @tcp([::1]:3307)/d%20b?clientFoundRows=true&loc=Europe%2FParis&parseTime=true", db: "d b",
			redacted: "mysql://u:xxxxx@[::1]:3307/d%20b?loc=Europe%2FParis"},
		{url: "mysql://u@[fe80::1%25eth0]/db", dialect: "mysql", driver: "mysql",
			dsn: "u@tcp([fe80::1%eth0]:3306)/db?clientFoundRows=true&parseTime=true", db: "db"},
		{url: "mysql://u:@host/", dialect: "mysql", driver: "mysql", // empty password, no database
			dsn: "u:@tcp(host:3306)/?clientFoundRows=true&parseTime=true", db: "", redacted: "mysql://u:xxxxx@host/"},
		{url: "mysql://host", dialect: "mysql", driver: "mysql",
			dsn: "tcp(host:3306)/?clientFoundRows=true&parseTime=true", db: ""},
		{url: "mysql:///db", dialect: "mysql", driver: "mysql",
			dsn: "tcp(127.0.0.1:3306)/db?clientFoundRows=true&parseTime=true", db: "db"},
		{url: "mysql://root@/db?unix_socket=%2Frun%2Fmysqld%2Fmysqld.sock", dialect: "mysql", driver: "mysql",
			dsn: "root@unix(/run/mysqld/mysqld.sock)/db?clientFoundRows=true&parseTime=true", db: "db"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			u, err := dburl.Parse(tt.url)
			if err != nil {
				t.Fatal(err)
			}
			got := []any{u.Dialect, u.Driver, u.DSN, u.Database, u.InMemory}
			want := []any{tt.dialect, tt.driver, tt.dsn, tt.db, tt.memory}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tt.url, diff)
			}
			redacted := tt.redacted
			if redacted == "" {
				redacted = tt.url
			}
			if s := u.String(); s != redacted {
				t.Errorf("String() = %q, want %q", s, redacted)
			}
			if s := fmt.Sprintf("%v %+v %s", u, *u, u); strings.Contains(s, "s3cret") || strings.Contains(s, "hunter2") {
				t.Errorf("formatting the URL shows the password: %s", s)
			}
		})
	}
}

// TestMySQLDSN checks that the go-sql-driver reads back what the URL says, whatever
// characters the user name, password and database name hold.
func TestMySQLDSN(t *testing.T) {
	odd := []string{"plain", "p@ss", "p:ss", "p/ss", "p?ss", "p#ss", "p%ss", "p(s)s", "p&s=s", "p ss", "p'\"\\s", "ü€", "@:/?#[]", "tcp(x)/y"}
	for _, pw := range odd {
		for _, user := range []string{"root", "us@er", "u/s", "ü"} {
			db := "shop" + pw
			raw := "mysql://" + escapeUser(user) + ":" + escapeUser(pw) + "@[::1]:3307/" + escapePath(db) + "?time_zone=%27%2B00%3A00%27&x=" + escapeQuery(pw)
			u, err := dburl.Parse(raw)
			if err != nil {
				t.Errorf("Parse(%q): %v", raw, err)
				continue
			}
			cfg, err := mysql.ParseDSN(u.DSN)
			if err != nil {
				t.Errorf("%q: DSN %q: %v", raw, u.DSN, err)
				continue
			}
			got := []string{cfg.User, cfg.Passwd, cfg.Net, cfg.Addr, cfg.DBName, cfg.Params["x"], cfg.Params["time_zone"]}
			want := []string{user, pw, "tcp", "[::1]:3307", db, pw, "'+00:00'"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%q: DSN %q reads back differently (-want +got):\n%s", raw, u.DSN, diff)
			}
			if !cfg.ParseTime || !cfg.ClientFoundRows {
				t.Errorf("%q: parseTime and clientFoundRows are not on", raw)
			}
			if strings.Contains(u.String(), pw) && pw != "plain" && !strings.Contains(db, pw) {
				t.Errorf("String() = %q shows the password", u.String())
			}
		}
	}
}

// TestPostgresDSN checks that lib/pq reads the password back from the URL.
func TestPostgresDSN(t *testing.T) {
	for _, pw := range []string{"plain", "p@ss", "p:ss", "p/ss", "p?ss", "p#ss", "p%ss", "p ss", "ü€", "@:/?#[]"} {
		raw := "postgres://user:" + escapeUser(pw) + "@[::1]:5433/db?sslmode=disable"
		u, err := dburl.Parse(raw)
		if err != nil {
			t.Errorf("Parse(%q): %v", raw, err)
			continue
		}
		cfg, err := pq.NewConfig(u.DSN)
		if err != nil {
			t.Errorf("%q: %v", raw, err)
			continue
		}
		if cfg.Password != pw || cfg.User != "user" || cfg.Database != "db" || cfg.Port != 5433 {
			t.Errorf("%q: lib/pq reads user %q password %q database %q port %d", raw, cfg.User, cfg.Password, cfg.Database, cfg.Port)
		}
		if got := u.String(); got != "postgres://user:xxxxx@[::1]:5433/db?sslmode=disable" {
			t.Errorf("String() = %q", got)
		}
	}
}

func escapeUser(s string) string {
	// url.UserPassword escapes for the user information; keep only the part we want.
	var b strings.Builder
	for _, c := range []byte(s) {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func escapePath(s string) string  { return escapeUser(s) }
func escapeQuery(s string) string { return escapeUser(s) }

func TestParseErrors(t *testing.T) {
	tests := []struct {
		url  string
		want string   // a part of the message
		is   error    // errors.Is target, or nil
		hide []string // must not appear in the message
	}{
		{url: "", want: "not a database URL", is: dburl.ErrUnknownScheme},
		{url: "test.db", want: "supported schemes: sqlite, postgres, postgresql, mysql, mariadb", is: dburl.ErrUnknownScheme},
		{url: "root:hunter2@tcp(127.0.0.1:3306)/test", want: "not a database URL", is: dburl.ErrUnknownScheme, hide: []string{"hunter2"}},
		{url: "oracle://scott:tiger@db/orcl", want: `unknown scheme "oracle"; supported schemes: sqlite, postgres, postgresql, mysql, mariadb`,
			is: dburl.ErrUnknownScheme, hide: []string{"tiger"}},
		{url: "questdb://admin:s3cret@localhost:99999/qdb", want: "port", hide: []string{"s3cret"}},
		{url: "yugabytedb://u:s3cret@host/db?a=%zz", want: "query string", hide: []string{"s3cret"}},
		{url: "sqlite://", want: "no database file"},
		{url: "sqlite:///", want: "no database file"},
		{url: "sqlite:///x.db#frag", want: "fragment"},
		{url: "sqlite:///x%zz.db", want: "invalid %-escape"},
		{url: "sqlite:///x.db?a=%zz", want: "query string"},
		// Unencoded special characters in passwords.
		{url: "postgres://u:pa/ss@host/db", want: "percent-encode", hide: []string{"pa/ss", "/ss"}},
		{url: "mysql://u:12?34@host/db", want: "percent-encode", hide: []string{"12?34", "12"}},
		{url: "mysql://u:12#34@host/db", want: "percent-encode", hide: []string{"12#34", "34"}},
		{url: "mysql://u:pa%zzss@host/db", want: "percent-encode", hide: []string{"pa%zzss", "zz"}},
		{url: "postgres://u:s3cret@host/db?note=a@b", want: "percent-encode", hide: []string{"s3cret"}},
		{url: "postgres://u:s3cret@host:99999/db", want: "port", hide: []string{"s3cret"}},
		{url: "mysql://u:s3cret@host:http/db", want: "not a valid URL", hide: []string{"s3cret"}},
		{url: "mysql://u:s3cret@host/a/b", want: "database name contains '/'", hide: []string{"s3cret"}},
		{url: "mysql://a%3Ab:s3cret@host/db", want: "user name with ':'", hide: []string{"s3cret"}},
		{url: "mysql://u:s3cret@host/db?unix_socket=%2Ftmp%2Fs", want: "not both", hide: []string{"s3cret"}},
		{url: "mysql://u:s3cret@host/db?a=%zz", want: "query string", hide: []string{"s3cret"}},
		{url: "postgres://u:s3cret@host/db?a=%zz", want: "query string", hide: []string{"s3cret"}},
		{url: "postgres://u:s3\ncret@host/db", want: "not a valid URL", hide: []string{"s3\ncret", "cret"}},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			u, err := dburl.Parse(tt.url)
			if err == nil {
				t.Fatalf("Parse(%q) = %+v, want an error", tt.url, u)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.want) {
				t.Errorf("error %q does not say %q", msg, tt.want)
			}
			if strings.ContainsAny(msg, "\n\r") {
				t.Errorf("error %q is more than one line", msg)
			}
			for _, h := range tt.hide {
				if strings.Contains(msg, h) {
					t.Errorf("error %q shows %q", msg, h)
				}
			}
			var de *dburl.Error
			if !errors.As(err, &de) {
				t.Errorf("error %T is not a *dburl.Error", err)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %q is not %v", msg, tt.is)
			}
		})
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"postgres://u:pw@h/db", "postgres://u:xxxxx@h/db"},
		{"postgres://u@h/db", "postgres://u@h/db"},
		{"postgres://h:5432/db", "postgres://h:5432/db"},
		{"postgres://[::1]:5432/db", "postgres://[::1]:5432/db"},
		{"mysql://u:p@ss:w@rd@h/db", "mysql://u:xxxxx@h/db"},
		{"mysql://u:12#34@h/db", "mysql://u:xxxxx@h/db"},
		{"mysql://u:a/b?c@h/db?x=1", "mysql://u:xxxxx@h/db?x=1"},
		{"postgres://u@h/db?sslmode=disable&password=pw&x=1", "postgres://u@h/db?sslmode=disable&password=xxxxx&x=1"},
		{"postgres://u@h/db?sslpassword=pw", "postgres://u@h/db?sslpassword=xxxxx"},
		{"root:hunter2@tcp(127.0.0.1:3306)/test", "root:xxxxx@tcp(127.0.0.1:3306)/test"},
		{"host=h user=u password=hunter2 dbname=d", "host=h user=u password=xxxxx dbname=d"},
		{"host=h password='hun ter2' dbname=d", "host=h password=xxxxx dbname=d"},
		{"sqlite:///tmp/x.db", "sqlite:///tmp/x.db"},
		{"sqlite://:memory:", "sqlite://:memory:"},
		{"not a url", "not a url"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := dburl.Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScrub(t *testing.T) {
	u, err := dburl.Parse("mysql://u:p%40ss%20w@h/db")
	if err != nil {
		t.Fatal(err)
	}
	for _, msg := range []string{"bad p@ss w here", "bad p%40ss%20w here", "bad p%40ss+w here"} {
		if got := u.Scrub(msg); got != "bad xxxxx here" {
			t.Errorf("Scrub(%q) = %q", msg, got)
		}
	}
	var none *dburl.URL
	if got := none.Scrub("x"); got != "x" {
		t.Errorf("nil Scrub = %q", got)
	}
}

// TestSQLiteOpens opens the DSN of a file whose name needs escaping, and checks the
// options the DSN sets.
func TestSQLiteOpens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a b?c#d%e.db")
	u, err := dburl.Parse("sqlite://" + (&url.URL{Path: path}).EscapedPath())
	if err != nil {
		t.Fatal(err)
	}
	if u.Database != path {
		t.Fatalf("Database = %q, want %q", u.Database, path)
	}
	db, err := sql.Open(u.Driver, u.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE t (x INTEGER)"); err != nil {
		t.Fatalf("DSN %q: %v", u.DSN, err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("DSN %q did not create %q: %v", u.DSN, path, err)
	}
	var fk, busy int
	if err := db.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("PRAGMA busy_timeout").Scan(&busy); err != nil {
		t.Fatal(err)
	}
	if fk != 1 || busy != dburl.SQLiteBusyTimeout {
		t.Errorf("foreign_keys = %d, busy_timeout = %d; want 1, %d", fk, busy, dburl.SQLiteBusyTimeout)
	}

	mem, err := dburl.Parse("sqlite://:memory:")
	if err != nil {
		t.Fatal(err)
	}
	mdb, err := sql.Open(mem.Driver, mem.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer mdb.Close()
	var file string
	if err := mdb.QueryRow("SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&file); err != nil {
		t.Fatal(err)
	}
	if file != "" {
		t.Errorf("sqlite://:memory: opened the file %q", file)
	}
}
