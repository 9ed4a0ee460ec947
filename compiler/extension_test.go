package compiler_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
)

// A marker is a custom clause that renders its text: enough to see where each clause
// position lands in a SELECT.
type marker struct {
	ast.Custom
	text string
}

var kindMarker = ast.MustNewKind("compiler_test.marker")

func (m *marker) Render(c *compiler.Ctx) { c.Write(m.text) }

func (m *marker) AppendKey(k *ast.KeyWriter) { k.Str(m.text) }

// A silent clause has neither a rule nor a Render method.
type silent struct{ ast.Custom }

var kindSilent = ast.MustNewKind("compiler_test.silent")

var asofJoin = ast.MustNewJoinType("compiler_test ASOF JOIN")

func TestSelectClausePositions(t *testing.T) {
	m := func(s string) ast.Node { return &marker{ast.Custom{K: kindMarker}, s} }
	q := ast.Select(a).From(tu).Where(b.Eq(1)).GroupBy(a).Having(ast.Gt(ast.Count(), 1)).
		OrderBy(a).Limit(5).
		AddClause(ast.AtEnd, m("END")).
		AddClause(ast.AfterOrderBy, m("AFTER_ORDER")).
		AddClause(ast.AfterHaving, m("AFTER_HAVING")).
		AddClause(ast.AfterWhere, m("AFTER_WHERE1")).
		AddClause(ast.AfterWhere, m("AFTER_WHERE2")).
		AddClause(ast.AfterFrom, m("AFTER_FROM"))
	want := "SELECT users.id FROM users AFTER_FROM WHERE users.age = ? AFTER_WHERE1 AFTER_WHERE2 GROUP BY users.id " +
		"HAVING count(*) > ? AFTER_HAVING ORDER BY users.id AFTER_ORDER LIMIT ? END"
	if got := compileANSI(t, q).SQL; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}

	// The clause is part of the cache key: another text is another key.
	other := ast.Select(a).From(tu).AddClause(ast.AtEnd, m("X"))
	same := ast.Select(a).From(tu).AddClause(ast.AtEnd, m("X"))
	diff := ast.Select(a).From(tu).AddClause(ast.AtEnd, m("Y"))
	if !ast.Equal(other, same) || ast.Equal(other, diff) {
		t.Errorf("Equal ignores the clause: same %v, diff %v", ast.Equal(other, same), ast.Equal(other, diff))
	}
}

func TestSelectClauseRefused(t *testing.T) {
	tests := []struct {
		name string
		n    ast.Node
		msg  string
	}{
		{"no rule, no Render", ast.Select(a).From(tu).AddClause(ast.AfterWhere, &silent{ast.Custom{K: kindSilent}}),
			`ansi does not support node kind compiler_test.silent`},
		{"bad position", ast.Select(a).From(tu).AddClause(0, &silent{ast.Custom{K: kindSilent}}),
			"ast: AddClause: invalid clause position 0"},
		{"nil clause", ast.Select(a).From(tu).AddClause(ast.AtEnd, nil), "ast: AddClause: nil clause"},
		{"custom join", ast.Select(a).From(ast.JoinOf(asofJoin, tu, tu.As("t2"), ast.Lit(true), nil)),
			"ansi does not support compiler_test ASOF JOIN"},
		{"join suffix", ast.Select(a).From(ast.JoinOf(ast.InnerJoin, tu, tu.As("t2"), ast.Lit(true), &silent{ast.Custom{K: kindSilent}})),
			"ansi does not support a join suffix (compiler_test.silent)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := compiler.ANSI().Compile(tt.n)
			if err == nil {
				t.Fatal("compiled")
			}
			if got := err.Error(); !strings.Contains(got, tt.msg) {
				t.Errorf("error %q does not say %q", got, tt.msg)
			}
			var ue *compiler.UnsupportedError
			if errors.As(err, &ue) != (tt.name != "bad position" && tt.name != "nil clause") {
				t.Errorf("UnsupportedError = %v for %v", errors.As(err, &ue), err)
			}
		})
	}
}

// A valueShaped node renders its child twice or once depending on the child's bound
// value, as a rule that merges equal expressions does: its statements must not share
// a plan.
type valueShaped struct {
	ast.Custom
	x *ast.BindParam
}

var kindValueShaped = ast.MustNewKind("compiler_test.value_shaped")

func (v *valueShaped) Render(c *compiler.Ctx) {
	c.Unshareable()
	c.Param(v.x)
	if v.x.Value == 1 {
		c.Write(" + 1")
	}
}

func (v *valueShaped) AppendKey(k *ast.KeyWriter) { k.Node(v.x) }
func (v *valueShaped) Children() []ast.Node       { return []ast.Node{v.x} }

func TestUnshareable(t *testing.T) {
	mk := func(v int) ast.Node {
		return ast.Select(&ast.Label{X: &valueShaped{ast.Custom{K: kindValueShaped}, ast.Param(v)}, Name: "n"})
	}
	c := compiler.NewCache(8)
	for _, tt := range []struct {
		v    int
		want string
	}{{1, "SELECT ? + 1 AS n"}, {2, "SELECT ? AS n"}, {1, "SELECT ? + 1 AS n"}} {
		p, args, err := c.Prepare(compiler.ANSI(), mk(tt.v), compiler.Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.SQL != tt.want || len(args) != 1 || args[0] != int64(tt.v) {
			t.Errorf("value %d: %s %v, want %s [%d]", tt.v, p.SQL, args, tt.want, tt.v)
		}
	}
	if st := c.Stats(); st.Len != 0 || st.Uncacheable != 3 {
		t.Errorf("stats %+v: an unshareable plan was cached", st)
	}
}
