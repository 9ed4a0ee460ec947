package ast_test

import (
	"testing"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/types"
)

func TestSameTree(t *testing.T) {
	users := ast.NewTable("users", ast.Col("id", types.Integer), ast.Col("name", types.Text))
	base := ast.Select(users.C("name")).Where(users.C("id").Eq(1))
	limited := base.Limit(5)
	text := ast.Text("SELECT 1")
	ins := ast.Insert(users).Values(1, "a")
	upd := ast.Update(users).Set(users.C("name"), "b")
	del := ast.Delete(users).Where(users.C("id").Eq(2))
	union := ast.UnionAll(base, limited)
	tests := []struct {
		name string
		a, b ast.Node
		same bool
	}{
		{"a statement value and its copy", base, base, true},
		{"copies of every statement kind", ins, ins, true},
		{"update", upd, upd, true},
		{"delete", del, del, true},
		{"compound", union, union, true},
		{"a statement and one derived from it", base, limited, false},
		{"two derived the same way", base.Limit(5), base.Limit(5), false}, // separate LIMIT nodes
		{"equal trees built apart", ast.Select(users.C("name")), ast.Select(users.C("name")), false},
		{"one flag apart", base, base.Distinct(), false},
		{"a pointer node and itself", text, text, true},
		{"two pointer nodes", text, ast.Text("SELECT 1"), false},
		{"different kinds", base, text, false},
	}
	for _, tt := range tests {
		if got := ast.SameTree(tt.a, tt.b); got != tt.same {
			t.Errorf("%s: SameTree = %v, want %v", tt.name, got, tt.same)
		}
		if tt.same && ast.ShallowHash(tt.a) != ast.ShallowHash(tt.b) {
			t.Errorf("%s: the same tree has two hashes", tt.name)
		}
	}
}
