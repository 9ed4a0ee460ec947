package main

import (
	"bytes"
	"database/sql"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/go-sql-driver/mysql"
	"github.com/google/go-cmp/cmp"

	"github.com/seed13bb6a42/strata/internal/testdb"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

// strata runs the command line and returns its output and exit status.
func strata(args ...string) (stdout, stderr string, code int) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return out.String(), errOut.String(), code
}

// sqliteFixture is a schema with what translation has to carry: a composite key,
// foreign keys with actions (one to its own table), unique and check constraints,
// defaults of every kind, a descending, an expression and a partial index, names
// that need quoting, and a view.
var sqliteFixture = []string{
	`CREATE TABLE users (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		email VARCHAR(200) NOT NULL UNIQUE,
		name TEXT NOT NULL DEFAULT 'anon',
		age INTEGER CHECK (age >= 0),
		active BOOLEAN NOT NULL DEFAULT 1,
		balance NUMERIC(12, 2) DEFAULT 0,
		ratio DOUBLE DEFAULT 0.5,
		avatar BLOB,
		created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
		manager_id INTEGER REFERENCES users (id) ON DELETE SET NULL
	)`,
	`CREATE TABLE "Order Items" (
		order_id INTEGER NOT NULL,
		line INTEGER NOT NULL,
		"Größe" VARCHAR(10),
		qty INTEGER NOT NULL DEFAULT 1,
		user_id INTEGER NOT NULL,
		CONSTRAINT pk_items PRIMARY KEY (order_id, line),
		CONSTRAINT fk_items_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE CASCADE,
		CONSTRAINT ck_qty CHECK (qty > 0)
	)`,
	`CREATE INDEX ix_users_name ON users (name, age DESC)`,
	`CREATE UNIQUE INDEX ix_users_email_lower ON users (lower(email))`,
	`CREATE INDEX ix_items_user ON "Order Items" (user_id) WHERE qty > 1`,
	`CREATE VIEW adults AS SELECT id, name FROM users WHERE age >= 18`,
}

// sqliteFile creates a SQLite database file holding stmts and returns its URL.
func sqliteFile(t *testing.T, stmts ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "source db.sqlite")
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Ping(); err != nil {
		t.Skipf("sqlite is not available (build with CGO_ENABLED=1): %v", err)
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return "sqlite://" + (&url.URL{Path: path}).EscapedPath()
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got; go test -update rewrites it):\n%s", path, diff)
	}
}

// checkOneLine checks that an error output is one line that shows none of hidden.
func checkOneLine(t *testing.T, stderr string, hidden ...string) {
	t.Helper()
	if strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") || !strings.HasPrefix(stderr, "strata: ") {
		t.Errorf("stderr is not one line starting with \"strata: \": %q", stderr)
	}
	for _, h := range hidden {
		if strings.Contains(stderr, h) {
			t.Errorf("stderr shows %q: %q", h, stderr)
		}
	}
}

func TestSchemaFromSQLite(t *testing.T) {
	from := sqliteFile(t, sqliteFixture...)
	for _, tt := range []struct {
		to   string
		code int
	}{
		{"postgres", 0},
		{"sqlite", 0},
		{"mysql", 1},   // no partial indexes
		{"mariadb", 1}, // no partial indexes, no expression indexes
	} {
		t.Run(tt.to, func(t *testing.T) {
			out, stderr, code := strata("schema", "--from", from, "--to", tt.to)
			if code != tt.code {
				t.Fatalf("exit status %d, want %d; stderr: %s", code, tt.code, stderr)
			}
			if tt.code == 0 && stderr != "" {
				t.Errorf("stderr: %q", stderr)
			}
			if tt.code != 0 {
				checkOneLine(t, stderr)
				if !strings.Contains(stderr, "cannot be written for "+tt.to) {
					t.Errorf("stderr does not say what failed: %q", stderr)
				}
			}
			checkGolden(t, "sqlite_to_"+tt.to+".sql", out)
		})
	}
}

// TestSchemaRoundTripSQLite creates the translation of the fixture back on SQLite,
// and checks that it reads back as the same DDL.
func TestSchemaRoundTripSQLite(t *testing.T) {
	first, _, code := strata("schema", "--from", sqliteFile(t, sqliteFixture...), "--to", "sqlite")
	if code != 0 {
		t.Fatal("translation failed")
	}
	second, stderr, code := strata("schema", "--from", sqliteFile(t, statements(first)...), "--to", "sqlite")
	if code != 0 {
		t.Fatal(stderr)
	}
	if diff := cmp.Diff(first, second); diff != "" {
		t.Errorf("SQLite → SQLite → SQLite changed the DDL (-first +second):\n%s", diff)
	}
}

// statements splits the command's DDL output into statements, without comments.
func statements(ddl string) []string {
	var out []string
	for s := range strings.SplitSeq(ddl, ";\n") {
		var lines []string
		for l := range strings.SplitSeq(s, "\n") {
			if !strings.HasPrefix(l, "-- ") {
				lines = append(lines, l)
			}
		}
		if s := strings.TrimSpace(strings.Join(lines, "\n")); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func TestSchemaGoFromSQLite(t *testing.T) {
	from := sqliteFile(t, sqliteFixture...)
	out, stderr, code := strata("schema", "--from", from, "--go")
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	checkGolden(t, "sqlite_go.go.txt", out)
	tables := declaredTables(t, out)
	if want := []string{"Order Items", "users"}; !slices.Equal(tables, want) {
		t.Errorf("the Go source declares the tables %q, want %q", tables, want)
	}
	// --to checks the declarations against a dialect, and still prints the Go.
	out2, stderr, code := strata("schema", "--from", from, "--go", "--to", "mysql")
	if code != 1 || out2 != "" || !strings.Contains(stderr, "ix_items_user") {
		t.Errorf("--go --to mysql: exit status %d, stderr %q, %d bytes of output; want 1, the partial index, none", code, stderr, len(out2))
	}
}

// declaredTables parses Go source and returns the names given to ast.NewTable, sorted.
func declaredTables(t *testing.T, src string) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "tables.go", src, 0)
	if err != nil {
		t.Fatalf("the Go source does not parse: %v\n%s", err, src)
	}
	var names []string
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "NewTable" || len(call.Args) == 0 {
			return true
		}
		if lit, ok := call.Args[0].(*ast.BasicLit); ok {
			s, _ := strconv.Unquote(lit.Value)
			names = append(names, s)
		}
		return true
	})
	slices.Sort(names)
	return names
}

// TestSchemaGoCompiles builds the --go output into a program that prints the DDL
// of its MetaData, and checks that the DDL is what the command prints directly: the
// declarations say everything the reflected schema said.
func TestSchemaGoCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	from := sqliteFile(t, sqliteFixture...)
	src, stderr, code := strata("schema", "--from", from, "--go", "--package", "main")
	if code != 0 {
		t.Fatal(stderr)
	}
	// Inside the module, so that the program imports this Strata; "_" keeps the
	// directory out of ./... patterns while it exists.
	dir, err := os.MkdirTemp(".", "_gotest")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("tables.go", src)
	write("main.go", `package main

import (
	"fmt"
	"os"

	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects"
	_ "github.com/seed13bb6a42/strata/dialects/mysql"
	_ "github.com/seed13bb6a42/strata/dialects/postgres"
	_ "github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/schema"
)

func main() {
	d, err := dialects.Lookup(os.Args[1])
	if err != nil {
		panic(err)
	}
	plan, err := schema.CreatePlan(d, MetaData)
	if err != nil {
		panic(err)
	}
	for _, s := range plan.Statements {
		p, err := d.CompileWith(s, compiler.Options{Flags: compiler.InlineLiterals})
		if err != nil {
			continue
		}
		fmt.Print(p.SQL, ";\n")
	}
}
`)
	bin := filepath.Join(t.TempDir(), "ddl")
	build := exec.Command(goCmd, "build", "-o", bin, "./"+filepath.Base(dir))
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("the --go output does not build: %v\n%s\n%s", err, out, src)
	}
	for _, to := range []string{"postgres", "sqlite", "mysql", "mariadb"} {
		want, _, _ := strata("schema", "--from", from, "--to", to)
		got, err := exec.Command(bin, to).Output()
		if err != nil {
			t.Fatalf("%s: %v", to, err)
		}
		if diff := cmp.Diff(statements(want), statements(string(got))); diff != "" {
			t.Errorf("%s: the Go declarations give other DDL than the reflected schema (-reflected +declared):\n%s", to, diff)
		}
	}
}

func TestSchemaErrors(t *testing.T) {
	from := sqliteFile(t, sqliteFixture...)
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string // part of the message
	}{
		{"unknown scheme", []string{"schema", "--from", "oracle://scott:s3cret@db/orcl", "--to", "postgres"}, 1, `unknown scheme "oracle"`},
		{"questdb unreachable", []string{"schema", "--from", "questdb://admin:s3cret@127.0.0.1:1/qdb", "--to", "postgres"}, 1,
			"cannot connect to questdb://admin:xxxxx@127.0.0.1:1/qdb"},
		{"not a URL", []string{"schema", "--from", "root:s3cret@tcp(127.0.0.1:3306)/test", "--to", "postgres"}, 1, "not a database URL"},
		{"unencoded password", []string{"schema", "--from", "mysql://root:s3/cret@127.0.0.1/test", "--to", "postgres"}, 1, "percent-encode"},
		{"postgres unreachable", []string{"schema", "--from", "postgres://u:s3cret@127.0.0.1:1/db?sslmode=disable", "--to", "sqlite"}, 1,
			"cannot connect to postgres://u:xxxxx@127.0.0.1:1/db?sslmode=disable"},
		{"mysql unreachable", []string{"schema", "--from", "mysql://u:s3cret@127.0.0.1:1/db", "--to", "sqlite"}, 1,
			"cannot connect to mysql://u:xxxxx@127.0.0.1:1/db"},
		{"sqlite missing", []string{"schema", "--from", "sqlite:///nonexistent/dir/x.db", "--to", "postgres"}, 1,
			"sqlite database /nonexistent/dir/x.db: no such file or directory"},
		{"unknown dialect", []string{"schema", "--from", "postgres://u:s3cret@127.0.0.1:1/db", "--to", "oracle"}, 1,
			`unknown dialect "oracle" for --to; known: mariadb, mysql, postgres`},
		{"unknown dialect with --go", []string{"schema", "--from", from, "--go", "--to", "db2"}, 1, `unknown dialect "db2"`},
		{"no arguments", nil, 2, "Usage"},
		{"unknown command", []string{"migrate"}, 2, `unknown command "migrate"`},
		{"no --from", []string{"schema", "--to", "postgres"}, 2, "--from is required"},
		{"no --to", []string{"schema", "--from", from}, 2, "give --to <dialect> or --go"},
		{"unknown flag", []string{"schema", "--form", "x", "--to", "postgres"}, 2, "flag provided but not defined: -form"},
		{"flag without value", []string{"schema", "--to", "postgres", "--from"}, 2, "flag needs an argument: -from"},
		{"extra argument", []string{"schema", "--from", "postgres://u:s3cret@h/db", "--to", "postgres", "postgres://u:s3cret@h/db"}, 2,
			`unexpected argument "postgres://u:xxxxx@h/db"`},
		{"bad package", []string{"schema", "--from", from, "--go", "--package", "my-tables"}, 2, "not a Go package name"},
		{"unknown help topic", []string{"help", "nothing"}, 2, "unknown help topic"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, code := strata(tt.args...)
			if code != tt.code {
				t.Errorf("exit status %d, want %d", code, tt.code)
			}
			if out != "" {
				t.Errorf("stdout: %q", out)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr %q does not say %q", stderr, tt.want)
			}
			if tt.args != nil { // the bare command prints its usage
				checkOneLine(t, stderr, "s3cret", "cret")
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}, {"help", "schema"}, {"schema", "-h"}, {"schema", "--help"}} {
		out, stderr, code := strata(args...)
		if code != 0 || stderr != "" || !strings.Contains(out, "strata schema --from <url> --to <dialect>") {
			t.Errorf("%q: exit status %d, stderr %q, stdout %q", args, code, stderr, out)
		}
	}
}

// postgresURL returns the URL of the test PostgreSQL server, after testdb.Open made
// sure it answers.
func postgresURL(t *testing.T) string {
	u := os.Getenv(testdb.PostgresURLEnv)
	if u == "" {
		u = testdb.DefaultPostgresURL
	}
	if !strings.HasPrefix(u, "postgres://") && !strings.HasPrefix(u, "postgresql://") {
		t.Skipf("%s is not a URL: %s", testdb.PostgresURLEnv, testdb.PostgresURLEnv)
	}
	return u
}

// mysqlURL returns a mysql:// URL for the test MariaDB server's database db.
func mysqlURL(t *testing.T, db string) string {
	dsn := os.Getenv(testdb.MySQLDSNEnv)
	if dsn == "" {
		dsn = testdb.DefaultMySQLDSN
	}
	cfg, err := mysql.ParseDSN(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u := &url.URL{Scheme: "mysql", Host: cfg.Addr, Path: "/" + db}
	if cfg.Passwd != "" {
		u.User = url.UserPassword(cfg.User, cfg.Passwd)
	} else {
		u.User = url.User(cfg.User)
	}
	if cfg.Net == "unix" {
		u.Host = ""
		u.RawQuery = url.Values{"unix_socket": {cfg.Addr}}.Encode()
	}
	return u.String()
}

// postgresFixture is created in a fresh schema: an enum type, serial and identity
// keys, JSON, UUID, array-free types every target has, a comment, a composite unique
// constraint and a foreign key with an action.
var postgresFixture = []string{
	`CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')`,
	`CREATE TABLE authors (
		id serial PRIMARY KEY,
		name text NOT NULL,
		mood mood DEFAULT 'ok',
		meta jsonb,
		doc json,
		uid uuid,
		born date,
		seen timestamptz DEFAULT now()
	)`,
	`COMMENT ON TABLE authors IS 'people who write'`,
	`COMMENT ON COLUMN authors.name IS 'as printed'`,
	`CREATE TABLE books (
		id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		author_id integer NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
		title varchar(200) NOT NULL,
		price numeric(8, 2) CHECK (price >= 0),
		UNIQUE (author_id, title)
	)`,
	`CREATE INDEX ix_books_title ON books (title DESC)`,
}

func TestSchemaFromPostgres(t *testing.T) {
	db := testdb.Open(t, "postgres")
	testdb.Exec(t, db, postgresFixture...)
	var name string
	if err := db.QueryRowContext(t.Context(), "SELECT current_schema()").Scan(&name); err != nil {
		t.Fatal(err)
	}
	from := postgresURL(t)

	out, stderr, code := strata("schema", "--from", from, "--schema", name, "--to", "sqlite")
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	for _, want := range []string{
		`CREATE TABLE authors (/*strata:table-comment "people who write"*/ id INTEGER NOT NULL CONSTRAINT authors_pkey PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL /*strata:comment "as printed"*/`,
		"-- note: books.id: sqlite has no identity columns",
		"CREATE TABLE books (id INTEGER NOT NULL CONSTRAINT books_pkey PRIMARY KEY AUTOINCREMENT",
		"CONSTRAINT books_price_check CHECK (price >= 0)", // without PostgreSQL's ::numeric
		"CONSTRAINT ck_authors_mood CHECK (mood IN ('sad', 'ok', 'happy'))",
		"CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE",
		"CREATE INDEX ix_books_title ON books (title DESC);",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the SQLite DDL lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, name) {
		t.Errorf("the DDL names the source schema %s:\n%s", name, out)
	}
	// The translation runs on SQLite.
	sqliteFile(t, statements(out)...)

	// PostgreSQL to PostgreSQL: json and jsonb reflect as types.JSONType, created as jsonb.
	out, stderr, code = strata("schema", "--from", from, "--schema", name, "--to", "postgres")
	if code != 0 {
		t.Fatalf("--to postgres: exit status %d: %s", code, stderr)
	}
	if want := "meta JSONB, doc JSONB, uid UUID"; !strings.Contains(out, want) {
		t.Errorf("the PostgreSQL DDL lacks %q:\n%s", want, out)
	}

	goSrc, stderr, code := strata("schema", "--from", from, "--schema", name, "--go")
	if code != 0 {
		t.Fatalf("--go: exit status %d: %s", code, stderr)
	}
	if tables := declaredTables(t, goSrc); !slices.Equal(tables, []string{"authors", "books"}) {
		t.Errorf("--go declares %q", tables)
	}
	for _, want := range []string{
		`ast.Col("mood", types.Enum("mood", "sad", "ok", "happy"), ast.ServerDefault("ok"))`,
		`ast.Col("id", types.BigInteger, ast.NotNull(), ast.GeneratedIdentity(ast.Identity{Always: true}))`,
		`ast.TableComment("people who write")`,
	} {
		if !strings.Contains(goSrc, want) {
			t.Errorf("the Go source lacks %q:\n%s", want, goSrc)
		}
	}

	// The translation runs on MariaDB too, when it is there.
	if testing.Short() {
		return
	}
	t.Run("to mariadb", func(t *testing.T) {
		my := testdb.Open(t, "mysql")
		out, stderr, code := strata("schema", "--from", from, "--schema", name, "--to", "mariadb")
		if code != 0 {
			t.Fatalf("exit status %d: %s", code, stderr)
		}
		testdb.Exec(t, my, statements(out)...)
	})
}

func TestSchemaFromMariaDB(t *testing.T) {
	db := testdb.Open(t, "mysql")
	testdb.Exec(t, db,
		"CREATE TABLE `Customers` (id INT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(100) NOT NULL UNIQUE, "+
			"kind ENUM('b2b','b2c') NOT NULL DEFAULT 'b2c', note TEXT COMMENT 'free text', "+
			"created DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6), "+
			"CONSTRAINT ck_note CHECK (note IS NULL OR note NOT LIKE 'it\\'s%' AND lower(email) <> _utf8mb4\"q\")) COMMENT 'who buys'",
		"CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL, total DECIMAL(10,2) NOT NULL DEFAULT 0, "+
			"paid TINYINT(1) NOT NULL DEFAULT 0, CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES `Customers` (id) ON DELETE RESTRICT, "+
			"CONSTRAINT ck_total CHECK (total >= 0), INDEX ix_orders_total (total))",
	)
	var name string
	if err := db.QueryRowContext(t.Context(), "SELECT DATABASE()").Scan(&name); err != nil {
		t.Fatal(err)
	}

	// The database named by the URL, and by --schema with the URL naming another.
	for _, args := range [][]string{
		{"--from", mysqlURL(t, name)},
		{"--from", mysqlURL(t, ""), "--schema", name},
		{"--from", strings.Replace(mysqlURL(t, name), "mysql://", "mariadb://", 1)},
	} {
		out, stderr, code := strata(append([]string{"schema", "--to", "postgres"}, args...)...)
		if code != 0 {
			t.Fatalf("%q: exit status %d: %s", args, code, stderr)
		}
		for _, want := range []string{
			`CREATE TABLE "Customers" (id INTEGER NOT NULL GENERATED BY DEFAULT AS IDENTITY, email VARCHAR(100) NOT NULL, kind kind DEFAULT 'b2c' NOT NULL`,
			`COMMENT ON TABLE "Customers" IS 'who buys';`,
			`CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES "Customers" (id)`, // RESTRICT reflects as NO ACTION
			`CONSTRAINT ck_total CHECK (total >= 0)`,
			// MySQL's strings, escapes, introducers and lcase, carried over by schema.PortableText.
			`CONSTRAINT ck_note CHECK (note is null or note  not like 'it''s%' and lower(email) <> 'q')`,
			`paid BOOLEAN DEFAULT FALSE NOT NULL`,
			`CREATE INDEX ix_orders_total ON orders (total);`,
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%q: the PostgreSQL DDL lacks %q:\n%s", args, want, out)
			}
		}
		if t.Failed() {
			return
		}
	}

	// No database in the URL and no --schema: one line saying so.
	_, stderr, code := strata("schema", "--from", mysqlURL(t, ""), "--to", "postgres")
	if code != 1 || !strings.Contains(stderr, "names no database") {
		t.Errorf("no database: exit status %d, stderr %q", code, stderr)
	}
	checkOneLine(t, stderr)

	// The PostgreSQL translation runs on PostgreSQL.
	if testing.Short() {
		return
	}
	t.Run("to postgres", func(t *testing.T) {
		pg := testdb.Open(t, "postgres")
		out, stderr, code := strata("schema", "--from", mysqlURL(t, name), "--to", "postgres")
		if code != 0 {
			t.Fatalf("exit status %d: %s", code, stderr)
		}
		testdb.Exec(t, pg, statements(out)...)
	})
}

// TestSchemaWrongPassword checks that a server's refusal is one line without the
// password.
func TestSchemaWrongPassword(t *testing.T) {
	testdb.Open(t, "mysql") // skips when MariaDB is not there
	u, err := url.Parse(mysqlURL(t, "test"))
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword("strata_nobody", "Wr0ng-pa55")
	_, stderr, code := strata("schema", "--from", u.String(), "--to", "postgres")
	if code != 1 {
		t.Errorf("exit status %d", code)
	}
	checkOneLine(t, stderr, "Wr0ng-pa55")
	if !strings.Contains(stderr, "cannot connect to mysql://strata_nobody:xxxxx@") {
		t.Errorf("stderr: %q", stderr)
	}
}

// TestSchemaToVersion writes for an older server: MySQL 5.7 has no CHECK constraints,
// so the tables with one are comments, and their indexes left out with them.
func TestSchemaToVersion(t *testing.T) {
	from := sqliteFile(t, sqliteFixture...)
	out, stderr, code := strata("schema", "--from", from, "--to", "mysql", "--to-version", "5.7.44")
	if code != 1 {
		t.Fatalf("exit status %d, want 1", code)
	}
	checkOneLine(t, stderr)
	for _, want := range []string{
		"-- table users: not translated: compiler: mysql does not support",
		"-- index ix_users_name on users: left out with its table\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(stderr, "statements cannot be written for mysql, the first for table users") {
		t.Errorf("stderr: %q", stderr)
	}
}
