package compiler_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/bind"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/types"
)

var (
	tu = ast.NewTable("users", ast.Col("id", types.Integer), ast.Col("name", types.Text),
		ast.Col("age", types.Integer), ast.Col("score", types.DoubleFloat))
	a, b, cc = tu.C("id"), tu.C("age"), tu.C("score")
)

func compileANSI(t *testing.T, n ast.Node) *compiler.Plan {
	t.Helper()
	p, err := compiler.ANSI().Compile(n)
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	return p
}

// TestPrecedence checks that parentheses appear exactly where the grouping of the
// tree differs from how SQL would parse the text without them.
func TestPrecedence(t *testing.T) {
	tests := []struct {
		name string
		e    ast.Expr
		want string
	}{
		{"and of ors", ast.And(ast.Or(a.Eq(1), a.Eq(2)), b.Eq(3)), "(users.id = ? OR users.id = ?) AND users.age = ?"},
		{"or of ands", ast.Or(ast.And(a.Eq(1), a.Eq(2)), b.Eq(3)), "users.id = ? AND users.id = ? OR users.age = ?"},
		{"flattened and", ast.And(ast.And(a.Eq(1), a.Eq(2)), b.Eq(3)), "users.id = ? AND users.id = ? AND users.age = ?"},
		{"not of comparison", ast.Not(a.Eq(1)), "NOT (users.id = ?)"},
		{"not of column", ast.Not(tu.C("name")), "NOT users.name"},
		{"sum times", ast.Mul(ast.Add(a, b), cc), "(users.id + users.age) * users.score"},
		{"times plus", ast.Add(ast.Mul(a, b), cc), "users.id * users.age + users.score"},
		{"left-assoc minus", ast.Sub(ast.Sub(a, b), cc), "users.id - users.age - users.score"},
		{"right minus", ast.Sub(a, ast.Sub(b, cc)), "users.id - (users.age - users.score)"},
		{"neg of neg", ast.Neg(ast.Neg(a)), "-(-users.id)"},
		{"neg literal", ast.Neg(ast.Lit(-3)), "-(-3)"},
		{"comparison of comparisons", ast.Eq(a.Eq(1), b.Eq(2)), "(users.id = ?) = (users.age = ?)"},
		{"bitwise isolated", ast.BitAnd(ast.Add(a, 1), b), "(users.id + ?) & users.age"},
		{"bitwise chain", ast.BitOr(ast.BitOr(a, b), cc), "users.id | users.age | users.score"},
		{"concat isolated", ast.Concat(ast.Add(a, 1), "x"), "(users.id + ?) || ?"},
		{"arith of concat", ast.Eq(ast.Concat(tu.C("name"), "x"), "y"), "users.name || ? = ?"},
		{"collate", ast.Collate(ast.Concat(tu.C("name"), "x"), "C"), `(users.name || ?) COLLATE "C"`},
		{"between operands", ast.Between(ast.Add(a, 1), 1, ast.Add(b, 2)), "users.id + ? BETWEEN ? AND users.age + ?"},
		{"is null of sum", ast.IsNull(ast.Add(a, b)), "users.id + users.age IS NULL"},
		{"in of sum", ast.In(ast.Add(a, 1), 1, 2), "users.id + ? IN (?, ?)"},
		{"true division", ast.Div(a, b), "users.id / CAST(users.age AS NUMERIC)"},
		{"division by double", ast.Div(a, cc), "users.id / users.score"},
		{"eq nil", ast.Eq(a, nil), "users.id IS NULL"},
		{"ne nil", ast.Ne(a, nil), "users.id IS NOT NULL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := compileANSI(t, ast.Select(ast.As(tt.e, "x")).From(tu)).SQL
			got = strings.TrimSuffix(strings.TrimPrefix(got, "SELECT "), " AS x FROM users")
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestIdentQuoting(t *testing.T) {
	pg := compiler.ANSI() // folds case, double quotes
	mysqlish := pg.Clone()
	mysqlish.Name, mysqlish.QuoteOpen, mysqlish.QuoteClose, mysqlish.FoldsCase = "mysqlish", '`', '`', false
	mysqlish.MaxIdentLen = 10
	tests := []struct {
		d    *compiler.Dialect
		name string
		want string
		err  string
	}{
		{pg, "users", "users", ""},
		{pg, "Users", `"Users"`, ""},
		{mysqlish, "Users", "Users", ""},
		{pg, "select", `"select"`, ""},
		{pg, "SELECT", `"SELECT"`, ""},
		{mysqlish, "Select", "`Select`", ""},
		{pg, "first name", `"first name"`, ""},
		{pg, "1st", `"1st"`, ""},
		{pg, "col1", "col1", ""},
		{pg, `a"b`, `"a""b"`, ""},
		{mysqlish, "a`b", "`a``b`", ""},
		{pg, "ünï", `"ünï"`, ""},
		{pg, "", "", "empty identifier"},
		{pg, "a\x00b", "", "NUL byte"},
		{pg, "bad\xff", "", "not valid UTF-8"},
		{mysqlish, "abcdefghijk", "", "at most 10"},
	}
	for _, tt := range tests {
		got, err := tt.d.QuoteIdent(tt.name)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s %q: err = %v, want %q", tt.d.Name, tt.name, err, tt.err)
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("%s %q = %q, %v; want %q", tt.d.Name, tt.name, got, err, tt.want)
		}
	}
	all, err := pg.CompileWith(ast.Select(a), compiler.Options{Flags: compiler.QuoteAll})
	if err != nil || all.SQL != `SELECT "users"."id" FROM "users"` {
		t.Errorf("QuoteAll: %v %v", all, err)
	}
}

func TestNamedParameters(t *testing.T) {
	q := ast.Select(a).From(tu).Where(ast.Or(a.Eq(ast.Named("x")), b.Eq(ast.Named("x")), cc.Eq(ast.Named("y"))))
	dollar := compiler.ANSI()
	dollar.Placeholder = bind.Dollar
	p, err := dollar.Compile(q)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.SQL, "users.id = $1 OR users.age = $1 OR users.score = $2") {
		t.Errorf("$n reuse: %s", p.SQL)
	}
	args, err := p.Args(bind.Params{"x": 5, "y": 2.5})
	if err != nil || !cmp.Equal(args, []any{int64(5), 2.5}) {
		t.Errorf("args = %v, %v", args, err)
	}
	q2 := compileANSI(t, q)
	if !strings.Contains(q2.SQL, "users.id = ? OR users.age = ? OR users.score = ?") || len(q2.Params) != 3 {
		t.Errorf("? repeats: %s %d", q2.SQL, len(q2.Params))
	}
	if _, err := q2.Args(bind.Params{"x": 1}); err == nil || !strings.Contains(err.Error(), ":y") {
		t.Errorf("missing :y: %v", err)
	}
	conflict := ast.Select(a).From(tu).Where(a.Eq(ast.NamedValue("v", 1)), b.Eq(ast.NamedValue("v", 2)))
	if _, err := compiler.ANSI().Compile(conflict); err == nil {
		t.Error("one name bound to two values compiled")
	}
}

func TestErrorsAreTyped(t *testing.T) {
	d := compiler.ANSI()
	d.Features &^= compiler.FullJoin
	other := ast.NewTable("orders", ast.Col("id", types.Integer))
	_, err := d.Compile(ast.Select(a).From(tu).FullJoin(other, other.C("id").Eq(a)))
	var ue *compiler.UnsupportedError
	if !errors.As(err, &ue) || ue.Dialect != "ansi" || ue.Construct != "FULL JOIN" {
		t.Errorf("FULL JOIN: %v", err)
	}
	for name, n := range map[string]ast.Node{
		"nil where":      ast.Select(a).Where(nil),
		"no columns":     ast.Select().From(tu),
		"empty set":      ast.Update(tu).Where(a.Eq(1)),
		"foreign column": ast.Select(a).From(other),
		"nil node":       nil,
	} {
		var ce *compiler.CompileError
		if _, err := d.Compile(n); !errors.As(err, &ce) {
			t.Errorf("%s: %v (%T), want *compiler.CompileError", name, err, err)
		}
	}
}

type noRender struct{ ast.Custom }

var kindNoRender = ast.MustNewKind("compiler_test.norender")

type panicky struct{ ast.Custom }

var kindPanicky = ast.MustNewKind("compiler_test.panicky")

func (panicky) Render(c *compiler.Ctx) { panic("boom") }

func TestCustomNodes(t *testing.T) {
	d := compiler.ANSI()
	_, err := d.Compile(ast.Select(noRender{ast.Custom{K: kindNoRender}}))
	var ue *compiler.UnsupportedError
	if !errors.As(err, &ue) {
		t.Errorf("node without rule or Render: %v", err)
	}
	_, err = d.Compile(ast.Select(panicky{ast.Custom{K: kindPanicky}}))
	var ce *compiler.CompileError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "boom") {
		t.Errorf("panic in a rule: %v", err)
	}
	// A rule installed in a cloned table applies there only.
	d2 := d.Clone()
	d2.Rules.Set(kindNoRender, func(c *compiler.Ctx, n ast.Node) { c.Write("42") })
	p, err := d2.Compile(ast.Select(noRender{ast.Custom{K: kindNoRender}}))
	if err != nil || p.SQL != "SELECT 42" {
		t.Errorf("rule: %v %v", p, err)
	}
	if _, err := d.Compile(ast.Select(noRender{ast.Custom{K: kindNoRender}})); err == nil {
		t.Error("Clone shares its rule table with the original")
	}
}

func TestWrapCallsInheritedRule(t *testing.T) {
	d := compiler.ANSI().Clone()
	d.Rules.Wrap(ast.KindColumn, func(next compiler.RenderFunc) compiler.RenderFunc {
		return func(c *compiler.Ctx, n ast.Node) {
			c.Write("/*c*/")
			next(c, n)
		}
	})
	p, err := d.Compile(ast.Select(ast.Add(a, ast.Select(b).From(tu).Scalar())).From(tu))
	if err != nil {
		t.Fatal(err)
	}
	// The override applies at every depth, inside the subquery too.
	if strings.Count(p.SQL, "/*c*/") != 2 {
		t.Errorf("%s", p.SQL)
	}
}

func TestMaxParams(t *testing.T) {
	d := compiler.ANSI()
	d.MaxParams = 3
	_, err := d.Compile(ast.Select(a).From(tu).Where(a.In(1, 2, 3, 4)))
	if err == nil || !strings.Contains(err.Error(), "at most 3") {
		t.Errorf("%v", err)
	}
}

func TestFlags(t *testing.T) {
	q := ast.Select(a).From(tu).Where(tu.C("name").Eq("O'Brien"), a.In(1, 2), b.Gt(-5))
	p, err := compiler.ANSI().CompileWith(q, compiler.Options{Flags: compiler.InlineLiterals})
	if err != nil {
		t.Fatal(err)
	}
	want := "SELECT users.id FROM users WHERE users.name = 'O''Brien' AND users.id IN (1, 2) AND users.age > (-5)"
	if p.SQL != want || len(p.Params) != 0 {
		t.Errorf("inline:\n got %s\nwant %s", p.SQL, want)
	}
	f, err := compiler.ANSI().CompileWith(q, compiler.Options{Flags: compiler.Fingerprint})
	if err != nil || f.SQL != "SELECT users.id FROM users WHERE users.name = ? AND users.id IN (?, ?) AND users.age > ?" {
		t.Errorf("fingerprint: %v %v", f, err)
	}
}

func TestTreeUnchangedByCompile(t *testing.T) {
	base := ast.Select(a, b).From(tu).Where(a.Gt(1))
	q1 := base.Where(b.Lt(5)).OrderBy(a)
	q2 := base.Where(b.Gt(7))
	p1 := compileANSI(t, q1)
	p2 := compileANSI(t, q2)
	pb := compileANSI(t, base)
	if pb.SQL != "SELECT users.id, users.age FROM users WHERE users.id > ?" ||
		!strings.HasSuffix(p1.SQL, "users.age < ? ORDER BY users.id") || !strings.HasSuffix(p2.SQL, "users.age > ?") {
		t.Errorf("branches interfere:\n%s\n%s\n%s", pb.SQL, p1.SQL, p2.SQL)
	}
}

func TestParseVersion(t *testing.T) {
	for in, want := range map[string]compiler.Version{
		"8.0.36":                  {8, 0, 36},
		"10.11.19-MariaDB":        {10, 11, 19},
		"5.5.5-10.11.19-MariaDB":  {10, 11, 19},
		"16.4 (Debian 16.4-1)":    {16, 4, 0},
		"3.45":                    {3, 45, 0},
		"15":                      {15, 0, 0},
		"8.0.36-0ubuntu0.22.04.1": {8, 0, 36},
	} {
		got, ok := compiler.ParseVersion(in)
		if !ok || got != want {
			t.Errorf("ParseVersion(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	if _, ok := compiler.ParseVersion("x"); ok {
		t.Error("ParseVersion(x) ok")
	}
}

// TestCTEsFollowTheirDependencies: With(spend, big) where big reads spend must declare
// spend first; PostgreSQL and MariaDB resolve a CTE name only against earlier ones.
func TestCTEsFollowTheirDependencies(t *testing.T) {
	spend := ast.Select(tu.C("id"), tu.C("age")).From(tu).CTE("spend")
	big := ast.Select(spend.C("id")).From(spend).Where(spend.C("age").Gt(1)).CTE("big")
	p := compileANSI(t, ast.Select(big.C("id")).From(big).With(big, spend))
	if !strings.HasPrefix(p.SQL, "WITH spend AS (") || !strings.Contains(p.SQL, "), big AS (") {
		t.Errorf("%s", p.SQL)
	}
}
