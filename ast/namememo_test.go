package ast_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/types"
)

// A memoKey stands for a compiler configuration in these tests.
type memoKey struct{ name string }

var keyA, keyB = &memoKey{"a"}, &memoKey{"b"}

// A memoized is a node with a name memo.
type memoized interface {
	NameMemo() (key any, text string)
	SetNameMemo(key any, text []byte)
}

func wantMemo(t *testing.T, what string, n memoized, key any, text string) {
	t.Helper()
	k, got := n.NameMemo()
	if k != key || got != text {
		t.Errorf("%s: NameMemo() = %v, %q; want %v, %q", what, k, got, key, text)
	}
}

// TestNameMemoSlots checks which nodes keep a memo: declared tables, their columns
// and aliases (long-lived), and not the nodes T, C on an undeclared table and other
// aliases make per query, where a memo would cost an allocation per compile.
func TestNameMemoSlots(t *testing.T) {
	tb := ast.NewSchemaTable("s", "t", ast.Col("a", types.Integer), ast.Col("Order", types.Integer))
	al := tb.As("u")
	kept := map[string]memoized{
		"declared table":             tb,
		"declared column":            tb.C("a"),
		"alias of a declared table":  al,
		"column of that alias":       al.C("Order"),
		"column of another declared": ast.NewTable("t2", ast.Col("Order", types.Integer)).C("Order"),
	}
	for what, n := range kept {
		n.SetNameMemo(keyA, []byte("text of "+what))
		wantMemo(t, what, n, keyA, "text of "+what)
	}
	cte := ast.NewCTE("c", ast.Select(tb.C("a")).From(tb))
	dropped := map[string]memoized{
		"T":                        ast.T("t"),
		"SchemaT":                  ast.SchemaT("s", "t"),
		"column of T":              ast.T("t").C("a"),
		"undeclared column":        tb.C("zz"), // Missing
		"alias of T":               ast.T("t").As("u"),
		"column of an alias of T":  ast.T("t").As("u").C("a"),
		"alias of a CTE":           cte.As("x"),
		"table function":           ast.TableFunc(ast.Fn("f"), "x"),
		"zero table":               &ast.Table{Name: "t"},
		"zero column":              &ast.Column{Name: "a"},
		"zero alias":               &ast.Alias{Name: "a"},
		"alias undeclared column":  al.C("zz"),
		"column of a declared CTE": cte.C("a"),
	}
	for what, n := range dropped {
		n.SetNameMemo(keyA, []byte("x"))
		wantMemo(t, what, n, nil, "")
	}
}

// TestNameMemoFirstKept checks that the slot keeps one memo, the first one stored (a
// second configuration does not replace it), and that the text is copied from the
// caller's buffer.
func TestNameMemoFirstKept(t *testing.T) {
	c := ast.NewTable("t", ast.Col("a", types.Integer)).C("a")
	buf := []byte(`"a"`)
	c.SetNameMemo(keyA, buf)
	buf[1] = 'X'
	wantMemo(t, "after A", c, keyA, `"a"`)
	c.SetNameMemo(keyB, []byte("a"))
	wantMemo(t, "after B", c, keyA, `"a"`)
}

// TestNameMemoNotInherited checks that nodes made from memoized ones do not show their
// memos: a table declared with another's columns, copies of columns, tables and
// aliases under other names, and an alias's WithColumns and AsLateral copies. Columns
// of an alias share their table's columns' memos, which hold the name alone, the same
// for both.
func TestNameMemoNotInherited(t *testing.T) {
	t1 := ast.NewTable("t1", ast.Col("a", types.Integer), ast.Col("b", types.Integer))
	t1.SetNameMemo(keyA, []byte("T1"))
	t1.C("a").SetNameMemo(keyA, []byte("A"))

	t2 := ast.NewTable("t2", t1.C("a"), t1.C("b"))
	wantMemo(t, "NewTable's copy of a memoized column", t2.C("a"), nil, "")
	wantMemo(t, "the column it was copied from", t1.C("a"), keyA, "A")
	t2.C("a").SetNameMemo(keyB, []byte("A2"))
	wantMemo(t, "the original after its copy's memo", t1.C("a"), keyA, "A")

	renamed := *t1.C("a")
	renamed.Name = "b"
	wantMemo(t, "renamed copy of a column", &renamed, nil, "")
	renamed.Name = strings.Clone("a") // equal, but not the same string: a miss, never wrong
	wantMemo(t, "copy named by an equal string", &renamed, nil, "")
	same := *t1.C("a")
	wantMemo(t, "plain copy of a column", &same, keyA, "A")

	tc := *t1
	tc.Name = "t3"
	wantMemo(t, "renamed copy of a table", &tc, nil, "")
	tc = *t1
	tc.Schema = "s"
	wantMemo(t, "copy of a table given a schema", &tc, nil, "")

	u := t1.As("u")
	wantMemo(t, "new alias of a memoized table", u, nil, "")
	wantMemo(t, "its column", u.C("a"), keyA, "A") // shares t1.C("a")'s slot: same name, same text
	u.SetNameMemo(keyA, []byte("U"))
	wantMemo(t, "the table after its alias's memo", t1, keyA, "T1")
	wantMemo(t, "WithColumns copy of an alias", u.WithColumns("x", "y"), nil, "")
	wantMemo(t, "AsLateral copy of an alias", u.AsLateral(), nil, "")
	wantMemo(t, "the alias after its copies", u, keyA, "U")
	ur := *u
	ur.Name = "v"
	wantMemo(t, "renamed copy of an alias", &ur, nil, "")
}

// TestNameMemoConcurrent stores and loads memos from several goroutines; run it with
// -race. A reader sees a whole memo, key and text together.
func TestNameMemoConcurrent(t *testing.T) {
	c := ast.NewTable("t", ast.Col("a", types.Integer)).C("a")
	texts := map[any]string{keyA: "A", keyB: "B"}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			key := []any{keyA, keyB}[g%2]
			for range 1000 {
				if k, text := c.NameMemo(); k != nil && text != texts[k] {
					t.Errorf("memo %v holds %q", k, text)
					return
				}
				c.SetNameMemo(key, []byte(texts[key]))
			}
		})
	}
	wg.Wait()
}
