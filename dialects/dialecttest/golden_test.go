package dialecttest_test

import (
	"context"
	"database/sql"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects/dialecttest"
	"github.com/seed13bb6a42/strata/dialects/mysql"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/internal/testdb"
)

var update = flag.Bool("update", false, "rewrite the golden files with the current output")

// goldenDialects are the sections of every golden file, in order.
var goldenDialects = []*compiler.Dialect{
	postgres.Dialect(), sqlite.Dialect(), mysql.Dialect(), mysql.MariaDBDialect(),
}

func TestMain(m *testing.M) {
	code := m.Run()
	testdb.CloseAll()
	os.Exit(code)
}

func goldenText(c dialecttest.Case) (string, error) {
	var sb strings.Builder
	for _, d := range goldenDialects {
		r, err := dialecttest.Check(c, d)
		if err != nil {
			return "", err
		}
		sb.WriteString("-- " + d.Name + " --\n")
		sb.WriteString(r.Format())
	}
	return sb.String(), nil
}

// TestGolden compares every case's SQL on every built-in dialect with its golden
// file in testdata; go test -update rewrites them (review the diff like code).
func TestGolden(t *testing.T) {
	cases := dialecttest.Cases()
	if len(cases) == 0 {
		t.Fatal("no cases registered")
	}
	seen := map[string]bool{}
	for _, c := range cases {
		path := filepath.Join("testdata", c.Name+".golden")
		seen[path] = true
		t.Run(c.Name, func(t *testing.T) {
			got, err := goldenText(c)
			if err != nil {
				t.Fatal(err)
			}
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
				t.Errorf("%s differs (-golden +got):\n%s", path, diff)
			}
		})
	}
	if f := flag.Lookup("test.run"); f != nil && f.Value.String() != "" {
		return // a filtered run sees only some cases: orphans cannot be told apart
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.golden"))
	for _, f := range files {
		if !seen[f] {
			if *update {
				os.Remove(f)
				continue
			}
			t.Errorf("%s has no case (run go test -update to remove it)", f)
		}
	}
}

// TestExecute runs every golden case on the real servers that can be reached, with
// the dialect whose SQL the golden file shows, so that no golden file can freeze SQL
// a server rejects.
func TestExecute(t *testing.T) {
	servers := []struct {
		server string
		d      *compiler.Dialect
	}{
		{"sqlite", sqlite.Dialect()},
		{"postgres", postgres.Dialect()},
		{"mysql", mysql.MariaDBDialect()},
	}
	for _, s := range servers {
		t.Run(s.server, func(t *testing.T) {
			db := testdb.Open(t, s.server)
			if s.server == "mysql" {
				requireMariaDB(t, db)
			}
			dialecttest.Run(t, s.d, db)
		})
	}
}

func requireMariaDB(t *testing.T, db *sql.DB) {
	var v string
	if err := db.QueryRowContext(context.Background(), "SELECT VERSION()").Scan(&v); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(v, "MariaDB") {
		t.Skipf("server %s is MySQL: the golden MySQL section is for MySQL 8.4 and the executed one for MariaDB", v)
	}
	t.Logf("executing the mariadb section on %s", v)
}

// TestEqualKeysEqualSQL checks, across every case, that statements whose cache keys
// are equal compile to identical SQL, and that rebuilding a case gives an Equal tree.
func TestEqualKeysEqualSQL(t *testing.T) {
	for _, d := range goldenDialects {
		bySQL := map[string]string{} // key → SQL
		byName := map[string]string{}
		cacheable := 0
		for _, c := range dialecttest.Cases() {
			// Schema statements have no shape encoding: ast.Equal compares them by
			// identity, and they are never cached.
			if n := c.Build(); !dialecttest.IsDDL(n) && !ast.Equal(n, c.Build()) && !strings.Contains(c.Name, "random") {
				t.Errorf("%s: two builds are not Equal", c.Name)
			}
			key, _, ok := compiler.Key(d, c.Build(), c.Options)
			if !ok {
				continue
			}
			r := dialecttest.Compile(c, d)
			if r.Err != nil {
				continue
			}
			cacheable++
			if sql, dup := bySQL[key]; dup && sql != r.Plan.SQL {
				t.Errorf("%s: %s and %s have one key but different SQL:\n%s\n%s", d.Name, byName[key], c.Name, sql, r.Plan.SQL)
			}
			bySQL[key], byName[key] = r.Plan.SQL, c.Name
		}
		if cacheable < 300 {
			t.Errorf("%s: only %d cacheable cases", d.Name, cacheable)
		}
		t.Logf("%s: %d cacheable cases, %d distinct keys", d.Name, cacheable, len(bySQL))
	}
}
