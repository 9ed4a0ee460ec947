package compiler_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/bind"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/types"
)

func TestCacheHitsShareThePlan(t *testing.T) {
	c := compiler.NewCache(10)
	d := postgres.Dialect()
	p1, a1, err := c.Prepare(d, q2("paid", [3]int{1, 2, 3}, 100), compiler.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	p2, a2, err := c.Prepare(d, q2("shipped", [3]int{7, 8, 9}, 5), compiler.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p1 != p2 {
		t.Error("same shape, different plans")
	}
	want1 := []any{"paid", int64(1), int64(2), int64(3), true, int64(100), int64(10), int64(20)}
	want2 := []any{"shipped", int64(7), int64(8), int64(9), true, int64(5), int64(10), int64(20)}
	if diff := cmp.Diff(want1, a1); diff != "" {
		t.Errorf("first args (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want2, a2); diff != "" {
		t.Errorf("second args (-want +got):\n%s", diff)
	}
	direct, _ := d.Compile(q2("x", [3]int{}, 0))
	if p1.SQL != direct.SQL {
		t.Errorf("cached SQL differs from direct:\n%s\n%s", p1.SQL, direct.SQL)
	}
	for _, prm := range p1.Params {
		if prm.Value != nil {
			t.Errorf("a shared plan holds the value %v", prm.Value)
		}
	}
	if st := c.Stats(); st.Hits != 1 || st.Misses != 1 || st.Len != 1 {
		t.Errorf("stats %+v", st)
	}
}

// TestKeysSeparateShapes lists pairs of statements that differ in SQL text, or in
// how values convert, and must not share a key.
func TestKeysSeparateShapes(t *testing.T) {
	u := bUsers
	base := func() ast.SelectStmt { return ast.Select(u.C("id")).From(u) }
	pairs := []struct {
		name string
		a, b ast.Node
	}{
		{"operator", base().Where(u.C("id").Eq(1)), base().Where(u.C("id").Ne(1))},
		{"column", base().Where(u.C("id").Eq(1)), base().Where(u.C("dept_id").Eq(1))},
		{"list length", base().Where(u.C("id").In(1, 2)), base().Where(u.C("id").In(1, 2, 3))},
		{"expanding length", base().Where(u.C("id").In(ast.List([]int{1}))), base().Where(u.C("id").In(ast.List([]int{1, 2})))},
		{"literal value", base().Where(u.C("id").Eq(ast.Lit(1))), base().Where(u.C("id").Eq(ast.Lit(2)))},
		{"literal vs param", base().Where(u.C("id").Eq(ast.Lit(1))), base().Where(u.C("id").Eq(1))},
		{"param type", base().Where(u.C("id").Eq(ast.TypedParam(1, types.Integer))), base().Where(u.C("id").Eq(ast.TypedParam(1, types.BigInteger)))},
		{"param name", base().Where(u.C("id").Eq(ast.Named("a"))), base().Where(u.C("id").Eq(ast.Named("b")))},
		{"null vs value", base().Where(u.C("id").Eq(nil)), base().Where(u.C("id").Eq(1))},
		{"limit", base().Limit(1), base()},
		{"label", ast.Select(u.C("id").As("a")).From(u), ast.Select(u.C("id").As("b")).From(u)},
		{"schema", ast.Select(ast.SchemaT("s1", "t").C("x")), ast.Select(ast.SchemaT("s2", "t").C("x"))},
		{"table columns", ast.Insert(ast.NewTable("t", ast.Col("a", nil))).Values(1), ast.Insert(ast.NewTable("t", ast.Col("b", nil))).Values(1)},
		{"text", ast.Text("SELECT 1"), ast.Text("SELECT 2")},
		{"empty strings", ast.Select(ast.Fn("f", ast.Lit(""), ast.Lit("x"))), ast.Select(ast.Fn("f", ast.Lit("x"), ast.Lit("")))},
		{"distinct", base().Distinct(), base()},
	}
	d := postgres.Dialect()
	for _, p := range pairs {
		ka, _, oka := compiler.Key(d, p.a, compiler.Options{})
		kb, _, okb := compiler.Key(d, p.b, compiler.Options{})
		if !oka || !okb {
			t.Errorf("%s: not cacheable", p.name)
			continue
		}
		if ka == kb {
			t.Errorf("%s: one key for two shapes", p.name)
		}
	}
	// Dialect and flags are part of the key.
	q := base().Where(u.C("id").Eq(1))
	k1, _, _ := compiler.Key(d, q, compiler.Options{})
	k2, _, _ := compiler.Key(sqlite.Dialect(), q, compiler.Options{})
	k3, _, _ := compiler.Key(d, q, compiler.Options{Flags: compiler.QuoteAll})
	if k1 == k2 || k1 == k3 {
		t.Error("dialect or flags missing from the key")
	}
	// Values are not.
	k4, vals, _ := compiler.Key(d, base().Where(u.C("id").Eq(2)), compiler.Options{})
	if k1 != k4 || !cmp.Equal(vals, []any{2}) {
		t.Errorf("values in the key, or not collected: %v", vals)
	}
}

type opaque struct{ ast.Custom }

var kindOpaque = ast.MustNewKind("compiler_test.opaque")

func (opaque) Render(c *compiler.Ctx) { c.Write("1") }

func TestUncacheableCustomNode(t *testing.T) {
	c := compiler.NewCache(10)
	d := postgres.Dialect()
	for range 3 {
		p, _, err := c.Prepare(d, ast.Select(opaque{ast.Custom{K: kindOpaque}}), compiler.Options{}, nil)
		if err != nil || p.SQL != "SELECT 1" {
			t.Fatalf("%v %v", p, err)
		}
	}
	if st := c.Stats(); st.Uncacheable != 3 || st.Hits+st.Misses != 0 || st.Len != 0 {
		t.Errorf("stats %+v", st)
	}
	// Inline literals hold the values in the text: never cached.
	if _, _, err := c.Prepare(d, q1(1), compiler.Options{Flags: compiler.InlineLiterals}, nil); err != nil {
		t.Fatal(err)
	}
	if st := c.Stats(); st.Uncacheable != 4 {
		t.Errorf("inline literals cached: %+v", st)
	}
}

// A statement held in an interface and prepared again is recognised by identity
// (no key walk): it must still get its own plan per dialect and flags, the values of
// each execution's named parameters, and never a plan whose key depended on an
// execution's expanding list.
func TestCacheKnowsHeldStatements(t *testing.T) {
	c := compiler.NewCache(50)
	pg, lite := postgres.Dialect(), sqlite.Dialect()
	var byID ast.Stmt = ast.Select(bUsers.C("name")).Where(bUsers.C("id").Eq(ast.Named("id")), bUsers.C("active").Eq(true))
	var inList ast.Stmt = ast.Select(bUsers.C("name")).Where(bUsers.C("id").In(ast.Named("ids").AsExpanding()))
	var text ast.Stmt = ast.Text("SELECT name FROM users WHERE id = :id").Bind("id", 9)
	for round := range 4 {
		for _, tt := range []struct {
			d     *compiler.Dialect
			o     compiler.Options
			n     ast.Stmt
			named bind.Params
			sql   string
			args  []any
		}{
			{pg, compiler.Options{}, byID, bind.Params{"id": round}, "SELECT users.name FROM users WHERE users.id = $1 AND users.active = $2", []any{int64(round), true}},
			{lite, compiler.Options{}, byID, bind.Params{"id": round + 10}, "SELECT users.name FROM users WHERE users.id = ? AND users.active = ?", []any{int64(round + 10), int64(1)}},
			{pg, compiler.Options{Flags: compiler.QuoteAll}, byID, bind.Params{"id": 1}, `SELECT "users"."name" FROM "users" WHERE "users"."id" = $1 AND "users"."active" = $2`, []any{int64(1), true}},
			{pg, compiler.Options{}, text, nil, "SELECT name FROM users WHERE id = $1", []any{int64(9)}},
		} {
			p, args, err := c.Prepare(tt.d, tt.n, tt.o, tt.named)
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
			if p.SQL != tt.sql {
				t.Errorf("round %d, %s: %s, want %s", round, tt.d.Name, p.SQL, tt.sql)
			}
			if diff := cmp.Diff(tt.args, args); diff != "" {
				t.Errorf("round %d, %s: args (-want +got):\n%s", round, tt.d.Name, diff)
			}
		}
		// The list's length is part of the key: each round has its own.
		ids := make([]int, round+1)
		named := bind.Params{"ids": ids}
		p, args, err := c.Prepare(pg, inList, compiler.Options{Params: named}, named)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Count(p.SQL, "$"); got != round+1 || len(args) != round+1 {
			t.Errorf("round %d: %s with %d arguments", round, p.SQL, len(args))
		}
	}
	// Three plans for byID (two dialects, two flag sets) hit in each later round; one
	// per list length; the text binds its values while compiling and is never cached.
	if st := c.Stats(); st.Misses != 7 || st.Hits != 9 || st.Uncacheable != 4 {
		t.Errorf("stats %+v", st)
	}
}

// A statement value (a SelectStmt, copied into a new interface value by each call)
// is known by its parts; statements derived from one base, which share all but one
// part, each keep their own values.
func TestCacheKnowsStatementValues(t *testing.T) {
	c, d := compiler.NewCache(50), postgres.Dialect()
	base := ast.Select(bUsers.C("name")).Where(bUsers.C("id").Eq(ast.Named("id")))
	five, six := base.Limit(5), base.Limit(6)
	for round := range 5 {
		for _, tt := range []struct {
			s    ast.SelectStmt
			want []any
		}{{five, []any{int64(round), int64(5)}}, {six, []any{int64(round), int64(6)}}, {base.Limit(7), []any{int64(round), int64(7)}}} {
			named := bind.Params{"id": round}
			p, args, err := c.Prepare(d, tt.s, compiler.Options{}, named)
			if err != nil {
				t.Fatal(err)
			}
			if p.SQL != "SELECT users.name FROM users WHERE users.id = $1 LIMIT $2" {
				t.Errorf("SQL %s", p.SQL)
			}
			if diff := cmp.Diff(tt.want, args); diff != "" {
				t.Errorf("round %d: args (-want +got):\n%s", round, diff)
			}
		}
	}
	if st := c.Stats(); st.Misses != 1 || st.Hits != 14 {
		t.Errorf("stats %+v", st)
	}
}

// Prepare keeps nothing of the caller's Params, so a map literal written at the call
// stays on the caller's stack: a cache hit allocates the arguments alone. (Statements
// with expanding lists given at execution work on a copy.)
func TestPrepareKeepsNoParams(t *testing.T) {
	c, d := compiler.NewCache(10), postgres.Dialect()
	var byID ast.Stmt = ast.Select(bUsers.C("name")).Where(bUsers.C("id").Eq(ast.Named("id")))
	prepare := func() {
		p := bind.Params{"id": 7}
		if _, _, err := c.Prepare(d, byID, compiler.Options{Params: p}, p); err != nil {
			t.Fatal(err)
		}
	}
	prepare()
	if n := testing.AllocsPerRun(100, prepare); n != 1 {
		t.Errorf("a cache hit with a map literal allocates %v times, want 1 (the arguments)", n)
	}
}

// Held statements prepared concurrently, by several goroutines and dialects.
func TestCacheKnowsHeldStatementsConcurrently(t *testing.T) {
	c := compiler.NewCache(50)
	stmts := make([]ast.Stmt, 100) // more statements than identity slots
	for i := range stmts {
		stmts[i] = ast.Select(bUsers.C("name")).Where(bUsers.C("id").Eq(i)).Limit(i + 1)
	}
	dialects := []*compiler.Dialect{postgres.Dialect(), sqlite.Dialect()}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 2000 {
				i := (j*7 + g) % len(stmts)
				d := dialects[(j+g)%2]
				p, args, err := c.Prepare(d, stmts[i], compiler.Options{}, nil)
				if err != nil {
					t.Error(err)
					return
				}
				want, _ := d.Compile(stmts[i])
				if p.SQL != want.SQL || len(args) != 2 || args[0] != int64(i) || args[1] != int64(i+1) {
					t.Errorf("statement %d on %s: %s %v", i, d.Name, p.SQL, args)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// prefixer is a decorator that prefixes values on their way to the driver.
type prefixer struct{ p string }

func (d prefixer) ToDriver(v any) (any, error)   { return d.p + v.(string), nil }
func (d prefixer) FromDriver(v any) (any, error) { return v, nil }

// A plan is shared by trees of one shape, and its parameters convert values with the
// types they were compiled with: two decorators under one type name must not share
// one, nor may a decorator that cannot be compared (it equals nothing).
func TestCacheKeepsDecoratorsApart(t *testing.T) {
	c, d := compiler.NewCache(10), postgres.Dialect()
	tbl := ast.T("tags")
	prepare := func(typ *types.Type) any {
		t.Helper()
		q := ast.Select(tbl.C("v")).Where(tbl.C("v").Eq(ast.TypedParam("x", typ)))
		_, args, err := c.Prepare(d, q, compiler.Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return args[0]
	}
	a := types.Decorate("tag", types.Text, prefixer{"a:"})
	b := types.Decorate("tag", types.Text, prefixer{"b:"})
	for _, tt := range []struct {
		typ  *types.Type
		want string
	}{{a, "a:x"}, {b, "b:x"}, {a, "a:x"}, {types.Decorate("tag", types.Text, prefixer{"a:"}), "a:x"}} {
		if got := prepare(tt.typ); got != tt.want {
			t.Errorf("%v: argument %v, want %v", tt.typ, got, tt.want)
		}
	}
	if st := c.Stats(); st.Misses != 2 || st.Hits != 2 {
		t.Errorf("stats %+v, want 2 plans, each hit once", st)
	}
	fn := types.Decorate("tag", types.Text, funcPrefixer{func(v any) any { return "f:" + v.(string) }})
	for range 2 {
		if got := prepare(fn); got != "f:x" {
			t.Errorf("uncomparable decorator: argument %v", got)
		}
	}
	if st := c.Stats(); st.Uncacheable != 2 || st.Len != 2 {
		t.Errorf("uncomparable decorator cached: %+v", st)
	}
}

// funcPrefixer is a decorator whose type cannot be compared.
type funcPrefixer struct{ f func(any) any }

func (d funcPrefixer) ToDriver(v any) (any, error)   { return d.f(v), nil }
func (d funcPrefixer) FromDriver(v any) (any, error) { return v, nil }

func TestCacheEvictsWithinCapacity(t *testing.T) {
	c := compiler.NewCache(8)
	d := postgres.Dialect()
	for i := range 100 {
		ids := make([]any, i%20+1) // 20 shapes: lists of 1…20 elements
		for j := range ids {
			ids[j] = j
		}
		if _, _, err := c.Prepare(d, ast.Select(bUsers.C("id")).Where(bUsers.C("id").In(ids...)), compiler.Options{}, nil); err != nil {
			t.Fatal(err)
		}
	}
	st := c.Stats()
	if st.Len > 8 || st.Evictions == 0 || st.Hits+st.Misses != 100 {
		t.Errorf("stats %+v", st)
	}
}

func TestCacheNamedAndExpanding(t *testing.T) {
	c := compiler.NewCache(10)
	d := postgres.Dialect()
	q := ast.Select(bUsers.C("id")).Where(bUsers.C("name").Eq(ast.Named("n")), bUsers.C("id").In(ast.Named("ids").AsExpanding()))
	for _, ids := range [][]int{{1, 2}, {3, 4}, {5}} {
		p, args, err := c.Prepare(d, q, compiler.Options{Params: bind.Params{"ids": ids}}, bind.Params{"n": "x"})
		if err != nil {
			t.Fatal(err)
		}
		want := []any{"x"}
		for _, id := range ids {
			want = append(want, int64(id))
		}
		if !cmp.Equal(args, want) {
			t.Errorf("%v: args %v, want %v (%s)", ids, args, want, p.SQL)
		}
	}
	if st := c.Stats(); st.Misses != 2 || st.Hits != 1 {
		t.Errorf("list length not in the key: %+v", st)
	}
}

func TestCacheConcurrent(t *testing.T) {
	c := compiler.NewCache(16)
	d := postgres.Dialect()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				n := (g + i) % 24
				ids := make([]any, n+1)
				for j := range ids {
					ids[j] = j + g
				}
				q := ast.Select(bUsers.C("id")).Where(bUsers.C("id").In(ids...))
				p, args, err := c.Prepare(d, q, compiler.Options{}, nil)
				if err != nil {
					t.Error(err)
					return
				}
				if len(args) != n+1 || args[0] != int64(g) {
					t.Errorf("args %v for %s", args, p.SQL)
					return
				}
			}
		}()
	}
	wg.Wait()
	st := c.Stats()
	if st.Len > 16 || st.Hits+st.Misses != 4000 {
		t.Errorf("stats %+v", st)
	}
	t.Logf("%+v", st)
}

func BenchmarkCachedQ1(b *testing.B) {
	c, d := compiler.NewCache(100), postgres.Dialect()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, _, err := c.Prepare(d, q1(i&127), compiler.Options{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCachedQ2(b *testing.B) {
	c, d := compiler.NewCache(100), postgres.Dialect()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, _, err := c.Prepare(d, q2("paid", [3]int{1, 2, i & 127}, 100), compiler.Options{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrepareHitQ2 is a cache hit on a tree built once: the key walk, the
// lookup and the arguments, with no construction.
func BenchmarkPrepareHitQ2(b *testing.B) {
	c, d := compiler.NewCache(100), postgres.Dialect()
	q := q2("paid", [3]int{1, 2, 3}, 100)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := c.Prepare(d, q, compiler.Options{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrepareHitPoint is the engine's point read: a six-column SELECT by a
// deferred named key, prepared with the value given by name.
func BenchmarkPrepareHitPoint(b *testing.B) {
	t := ast.NewTable("bench", ast.Col("id", types.BigInteger), ast.Col("name", types.Text),
		ast.Col("email", types.Text), ast.Col("score", types.DoubleFloat), ast.Col("active", types.Bool),
		ast.Col("created", types.DateTime))
	var q ast.Stmt = ast.Select(t.C("id"), t.C("name"), t.C("email"), t.C("score"), t.C("active"), t.C("created")).
		From(t).Where(t.C("id").Eq(ast.Named("id")))
	c, d := compiler.NewCache(100), sqlite.Dialect()
	p := bind.Params{"id": int64(5)}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := c.Prepare(d, q, compiler.Options{Params: p}, p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKeyQ2(b *testing.B) {
	d, q := postgres.Dialect(), q2("paid", [3]int{1, 2, 3}, 100)
	b.ReportAllocs()
	for b.Loop() {
		compiler.Key(d, q, compiler.Options{})
	}
}

func ExampleCache() {
	cache := compiler.NewCache(500)
	users := ast.NewTable("users", ast.Col("id", types.Integer), ast.Col("name", types.Text))
	for _, id := range []int{1, 2} {
		q := ast.Select(users.C("name")).Where(users.C("id").Eq(id))
		plan, args, err := cache.Prepare(postgres.Dialect(), q, compiler.Options{}, nil)
		if err != nil {
			panic(err)
		}
		fmt.Println(plan.SQL, args)
	}
	st := cache.Stats()
	fmt.Println("hits:", st.Hits, "misses:", st.Misses)
	// Output:
	// SELECT users.name FROM users WHERE users.id = $1 [1]
	// SELECT users.name FROM users WHERE users.id = $1 [2]
	// hits: 1 misses: 1
}
