package compiler_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects/mysql"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/types"
)

// The tests in this file check the memo of declared tables', columns' and aliases'
// rendered names (Ctx.ColumnName, TableName, AliasName): output with the memo must be
// the output without it, whatever the order of dialects, flags and goroutines.

// A memoConfig is one way of rendering identifiers: a dialect and its flags.
type memoConfig struct {
	name  string
	d     *compiler.Dialect
	flags compiler.Flags
}

// memoConfigs differ in how they render the fixture's names: PostgreSQL folds case
// (UserID is quoted), MySQL quotes with backticks and keeps case, SQLite has its own
// reserved words, and QuoteAll quotes every name.
func memoConfigs() []memoConfig {
	return []memoConfig{
		{"postgres", postgres.Dialect(), 0},
		{"mysql", mysql.Dialect(), 0},
		{"sqlite", sqlite.Dialect(), 0},
		{"postgres/QuoteAll", postgres.Dialect(), compiler.QuoteAll},
		{"mysql/QuoteAll", mysql.Dialect(), compiler.QuoteAll},
	}
}

// A memoFixture is a set of declared tables and an alias, as a program declares them
// once; newMemoFixture makes a new set, whose names no compile has memoized.
type memoFixture struct {
	orders, users *ast.Table
	u             *ast.Alias
}

func newMemoFixture() memoFixture {
	orders := ast.NewTable("Order",
		ast.Col("id", types.Integer), ast.Col("order", types.Integer),
		ast.Col("select", types.Text), ast.Col("UserID", types.Integer))
	users := ast.NewSchemaTable("Acct", "users",
		ast.Col("id", types.Integer), ast.Col("Group", types.Text), ast.Col("name", types.Text))
	return memoFixture{orders: orders, users: users, u: users.As("from")}
}

// query uses every memoized name: table names in FROM and as qualifiers (one with a
// schema), an alias in FROM and as a qualifier, and columns of both, reserved and
// mixed case, some several times.
func (f memoFixture) query() ast.Stmt {
	o, u := f.orders, f.u
	return ast.Select(o.C("order"), o.C("select"), o.C("UserID"), u.C("Group"), u.C("name"), f.users.C("id")).
		From(o).Join(u, u.C("id").Eq(o.C("UserID"))).Join(f.users, f.users.C("id").Eq(u.C("id"))).
		Where(o.C("order").Gt(1), u.C("Group").Ne("x")).
		OrderBy(o.C("select"))
}

func (m memoConfig) compile(n ast.Node) (string, error) {
	p, err := m.d.CompileWith(n, compiler.Options{Flags: m.flags})
	if err != nil {
		return "", err
	}
	return p.SQL, nil
}

// fresh compiles the query of a new fixture: every name goes through the slow path.
func (m memoConfig) fresh(t *testing.T) string {
	t.Helper()
	sql, err := m.compile(newMemoFixture().query())
	if err != nil {
		t.Fatalf("%s: %v", m.name, err)
	}
	return sql
}

// TestNameMemoMatchesFreshCompile compiles one statement over one set of tables for
// several configurations in turn, in a different order each round, so that every
// memo is read under every other configuration's key, and checks each text against
// a compile of new tables.
func TestNameMemoMatchesFreshCompile(t *testing.T) {
	configs := memoConfigs()
	want := make([]string, len(configs))
	seen := map[string]string{}
	for i, m := range configs {
		want[i] = m.fresh(t)
		if other, ok := seen[want[i]]; ok {
			t.Fatalf("%s and %s render the fixture alike; it would not catch a memo read under the wrong key", m.name, other)
		}
		seen[want[i]] = m.name
	}
	for _, s := range []string{`"order"`, "`order`", `"UserID"`, `"Acct"."users"`, `AS "from"`} {
		if !strings.Contains(strings.Join(want, "\n"), s) {
			t.Fatalf("no configuration renders %s; the fixture does not exercise quoting", s)
		}
	}
	f := newMemoFixture()
	q := f.query()
	for round := range 30 {
		for j := range configs {
			i := (j*(round+1) + round) % len(configs) // each round its own order, with repeats
			got, err := configs[i].compile(q)
			if err != nil {
				t.Fatalf("round %d, %s: %v", round, configs[i].name, err)
			}
			if got != want[i] {
				t.Fatalf("round %d, %s:\n got %s\nwant %s", round, configs[i].name, got, want[i])
			}
		}
	}
}

// TestNameMemoConcurrent compiles the same tables for different configurations from
// several goroutines at once; run it with -race.
func TestNameMemoConcurrent(t *testing.T) {
	configs := memoConfigs()
	want := make([]string, len(configs))
	for i, m := range configs {
		want[i] = m.fresh(t)
	}
	f := newMemoFixture()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for n := range 300 {
				i := (g + n) % len(configs)
				// Half the statements are built anew: a memo is shared by the nodes,
				// not by one statement.
				q := f.query()
				got, err := configs[i].compile(q)
				if err != nil {
					t.Errorf("goroutine %d, %s: %v", g, configs[i].name, err)
					return
				}
				if got != want[i] {
					t.Errorf("goroutine %d, %s:\n got %s\nwant %s", g, configs[i].name, got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestNameMemoKeepsErrors checks that a name one dialect accepts and memoizes still
// fails for a dialect that refuses it, every time, with the error a fresh compile
// gives; and that a name no dialect accepts fails every time.
func TestNameMemoKeepsErrors(t *testing.T) {
	long := strings.Repeat("x", 64) // MySQL allows 64 bytes, PostgreSQL 63
	build := func() ast.Stmt {
		tb := ast.NewTable("t", ast.Col(long, types.Integer), ast.Col("ok", types.Integer))
		return ast.Select(tb.C(long), tb.C("ok")).From(tb)
	}
	pg, my := memoConfig{"postgres", postgres.Dialect(), 0}, memoConfig{"mysql", mysql.Dialect(), 0}
	_, wantErr := pg.compile(build())
	if wantErr == nil || !strings.Contains(wantErr.Error(), "at most 63") {
		t.Fatalf("postgres accepts a 64-byte name: %v", wantErr)
	}
	wantSQL, err := my.compile(build())
	if err != nil {
		t.Fatalf("mysql: %v", err)
	}
	q := build()
	for round := range 3 {
		for _, m := range []memoConfig{my, pg, pg, my} {
			got, err := m.compile(q)
			switch {
			case m.d == my.d && (err != nil || got != wantSQL):
				t.Fatalf("round %d, mysql: %q, %v; want %q", round, got, err, wantSQL)
			case m.d == pg.d && (err == nil || err.Error() != wantErr.Error()):
				t.Fatalf("round %d, postgres: %q, %v; want error %v", round, got, err, wantErr)
			}
		}
	}

	bad := ast.NewTable("t", ast.Col("a\x00b", types.Integer), ast.Col("ok", types.Integer))
	for round := range 3 {
		for _, m := range memoConfigs() {
			if _, err := m.compile(ast.Select(bad.C("ok"), bad.C("a\x00b")).From(bad)); err == nil ||
				!strings.Contains(err.Error(), "NUL byte") {
				t.Fatalf("round %d, %s: %v; want the NUL byte error", round, m.name, err)
			}
		}
	}
}

// TestNameMemoCopies checks nodes made from memoized ones: a table declared with
// another table's columns, a copy of a column under another name, copies of an alias
// (WithColumns, AsLateral), and an alias of a table whose columns are memoized. Each
// must render as the same node built from nothing does.
func TestNameMemoCopies(t *testing.T) {
	configs := memoConfigs()
	f := newMemoFixture()
	for _, m := range configs { // memoize every name of f under every key, last one kept
		if _, err := m.compile(f.query()); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name   string
		reused func() ast.Stmt // from f's memoized nodes
		fresh  func() ast.Stmt // the same statement from new nodes
	}{
		{
			"NewTable with another table's columns",
			func() ast.Stmt {
				t2 := ast.NewTable("t2", f.orders.C("order"), f.orders.C("UserID"))
				return ast.Select(t2.C("order"), t2.C("UserID")).From(t2)
			},
			func() ast.Stmt {
				t2 := ast.NewTable("t2", ast.Col("order", types.Integer), ast.Col("UserID", types.Integer))
				return ast.Select(t2.C("order"), t2.C("UserID")).From(t2)
			},
		},
		{
			"renamed copy of a column",
			func() ast.Stmt {
				c := *f.orders.C("order")
				c.Name = "Select"
				return ast.Select(&c).From(f.orders)
			},
			func() ast.Stmt { return ast.Select(ast.T("Order").C("Select")).From(ast.T("Order")) },
		},
		{
			"renamed copy of a table",
			func() ast.Stmt {
				tb := *f.users
				tb.Schema, tb.Name = "", "Where"
				return ast.Select(tb.Star()).From(&tb)
			},
			func() ast.Stmt { w := ast.T("Where"); return ast.Select(w.Star()).From(w) },
		},
		{
			"renamed copy of an alias",
			func() ast.Stmt {
				a := *f.u
				a.Name = "Where"
				return ast.Select(a.Star()).From(&a)
			},
			func() ast.Stmt { a := newMemoFixture().users.As("Where"); return ast.Select(a.Star()).From(a) },
		},
		{
			"alias of a memoized table, and its copies",
			func() ast.Stmt {
				a := f.orders.As("Group")
				b := a.WithColumns("x", "order", "c", "d").AsLateral()
				return ast.Select(a.C("order"), a.C("UserID"), b.C("order")).From(a).Join(b, ast.Lit(true))
			},
			func() ast.Stmt {
				o := newMemoFixture().orders
				a := o.As("Group")
				b := a.WithColumns("x", "order", "c", "d").AsLateral()
				return ast.Select(a.C("order"), a.C("UserID"), b.C("order")).From(a).Join(b, ast.Lit(true))
			},
		},
	}
	for _, tc := range cases {
		for round := range 2 {
			for _, m := range configs {
				// f's memos hold m's texts when the copy is compiled under m, and the
				// copy's when f is compiled again: each may only use its own.
				if _, err := m.compile(f.query()); err != nil {
					t.Fatal(err)
				}
				got, gotErr := m.compile(tc.reused())
				want, wantErr := m.compile(tc.fresh())
				if got != want || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
					t.Errorf("%s, round %d, %s:\n got %s (%v)\nwant %s (%v)", tc.name, round, m.name, got, gotErr, want, wantErr)
				}
				if got, want := must(m.compile(f.query())), m.fresh(t); got != want {
					t.Errorf("%s, round %d, %s: the original after its copy:\n got %s\nwant %s", tc.name, round, m.name, got, want)
				}
			}
		}
	}
}

func must(s string, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	return s
}

// TestNameMemoAllocations checks that once its names are memoized, compiling a
// statement over declared tables allocates no more than compiling the same statement
// over undeclared ones (ast.T), which have no memo: the memo costs allocations once
// per node and configuration, never per compile.
func TestNameMemoAllocations(t *testing.T) {
	d := postgres.Dialect()
	declared := q2("paid", [3]int{1, 2, 3}, 100)
	u, o := ast.T("users"), ast.T("orders")
	undeclared := ast.Select(u.C("name"), ast.Count().As("n"), ast.Sum(o.C("total")).As("spent")).
		From(u).Join(o, o.C("user_id").Eq(u.C("id"))).
		Where(o.C("status").Eq("paid"), u.C("dept_id").In(1, 2, 3), u.C("active").Eq(true)).
		GroupBy(u.C("name")).
		Having(ast.Gt(ast.Sum(o.C("total")), 100)).
		OrderBy(ast.Desc(ast.Sum(o.C("total")))).
		Limit(10).Offset(20)
	pd, err := d.Compile(declared)
	if err != nil {
		t.Fatal(err)
	}
	pu, err := d.Compile(undeclared)
	if err != nil {
		t.Fatal(err)
	}
	if pd.SQL != pu.SQL {
		t.Fatalf("the statements differ:\n%s\n%s", pd.SQL, pu.SQL)
	}
	allocs := func(n ast.Node) float64 {
		return testing.AllocsPerRun(100, func() {
			if _, err := d.Compile(n); err != nil {
				t.Fatal(err)
			}
		})
	}
	if a, b := allocs(declared), allocs(undeclared); a > b {
		t.Errorf("compiling over declared tables allocates %v times, over undeclared ones %v", a, b)
	}
}

// BenchmarkCompileQ2Alternating compiles Q2 for PostgreSQL and MySQL in turn: each
// name's single memo serves the first of them, and the second renders names the slow
// way, as every compile did before memos, without allocating.
func BenchmarkCompileQ2Alternating(b *testing.B) {
	ds, q := []*compiler.Dialect{postgres.Dialect(), mysql.Dialect()}, q2("paid", [3]int{1, 2, 3}, 100)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := ds[i%2].Compile(q); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
