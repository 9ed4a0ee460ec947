package dialecttest

import (
	"github.com/seed13bb6a42/strata/ast"
)

// Shorthands for the fixture columns used most.
var (
	uID, uName, uEmail, uAge = Users.C("id"), Users.C("name"), Users.C("email"), Users.C("age")
	oID, oUser, oTotal       = Orders.C("id"), Orders.C("user_id"), Orders.C("total")
)

func init() {
	Add(
		Case{Name: "select_basic", Build: func() ast.Node {
			return ast.Select(uID, uName, uEmail).Where(uID.Eq(1))
		}},
		Case{Name: "select_star", Build: func() ast.Node {
			return ast.Select(ast.AllColumns()).From(Users).OrderBy(uID)
		}},
		Case{Name: "select_join_group_having", Build: func() ast.Node {
			return ast.Select(uName, ast.Count().As("n"), ast.Sum(oTotal).As("spent")).
				From(Users).Join(Orders, oUser.Eq(uID)).
				Where(uID.In(1, 2, 4), oTotal.Gt(10), Orders.C("status").Ne("cancelled")).
				GroupBy(uName).Having(ast.Gt(ast.Count(), 1)).
				OrderBy(uName.Desc()).Limit(10).Offset(0)
		}},
		Case{Name: "in_empty_list", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uID.In())
		}},
		Case{Name: "not_in_empty_list", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uID.NotIn()).OrderBy(uID)
		}},
		Case{Name: "insert_returning", Build: func() ast.Node {
			return ast.Insert(KV).Values("x", 7, 70).Returning(KV.C("k"), KV.C("v"))
		}},
		Case{Name: "update_basic", Build: func() ast.Node {
			return ast.Update(Users).Set(uName, "zed").Set(uEmail, "z@example.com").Where(uID.Eq(3))
		}},
		Case{Name: "bad_unknown_column", Invalid: true, Build: func() ast.Node {
			return ast.Select(Users.C("nmae"))
		}},
		// Found by the docs examples: MySQL refuses LIMIT under IN/ANY (error 1235).
		Case{Name: "sel_in_subquery_limit", Build: func() ast.Node {
			return ast.Select(uID).From(Users).
				Where(uID.InQuery(ast.Select(oUser).From(Orders).OrderBy(oTotal.Desc()).Limit(2)))
		}},
		Case{Name: "sel_any_subquery_limit", Build: func() ast.Node {
			return ast.Select(uID).From(Users).
				Where(ast.Eq(uID, ast.Any(ast.Select(oUser).From(Orders).OrderBy(oID).Limit(1))))
		}},
		// PostgreSQL cannot type -$1 without a cast.
		Case{Name: "expr_neg_param", Build: func() ast.Node {
			return ast.Select(ast.As(ast.Neg(3), "n"), ast.As(ast.BitNot(5), "b"))
		}},
		// FOR UPDATE is not allowed on a member of UNION.
		Case{Name: "set_member_locked", Build: func() ast.Node {
			return ast.Union(ast.Select(uID).From(Users).ForUpdate(), ast.Select(oID).From(Orders))
		}},
	)
}
