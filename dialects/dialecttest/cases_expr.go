package dialecttest

import (
	"strings"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/bind"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/types"
)

// Shorthands for the fixture columns the expression cases use, beyond cases_basic.go.
var (
	xActive, xScore, xCreated = Users.C("active"), Users.C("score"), Users.C("created_at")
	xMgr, xDept               = Users.C("manager_id"), Users.C("dept_id")
	xStatus, xPlaced          = Orders.C("status"), Orders.C("placed_at")
	xSku, xQty, xPrice        = Items.C("sku"), Items.C("qty"), Items.C("price")
	xItemOrder                = Items.C("order_id")
	xOddSel, xOddName, xOddU  = Odd.C("select"), Odd.C("User Name"), Odd.C("ünï")
)

// xNoCollation explains why the COLLATE cases are compiled only.
const xNoCollation = "no collation name exists on all three servers (PostgreSQL has \"C\", " +
	"\"POSIX\", ucs_basic; SQLite BINARY, NOCASE, RTRIM; MariaDB utf8mb4_bin, " +
	"utf8mb4_general_ci…): each COLLATE case fails on the servers lacking its collation; " +
	"its own server's SQL was checked by hand"

func init() {
	Add(xNameCases()...)
	Add(xLiteralCases()...)
	Add(xParamCases()...)
	Add(xOperatorCases()...)
	Add(xLikeCases()...)
	Add(xPredicateCases()...)
	Add(xInCases()...)
	Add(xCastCaseCases()...)
	Add(xTextCases()...)
	Add(xFnCases()...)
	Add(xWinCases()...)
}

// Columns, aliases, labels and quoted identifiers.
func xNameCases() []Case {
	return []Case{
		{Name: "expr_column_qualified", Build: func() ast.Node {
			return ast.Select(uID, uName, xScore).From(Users).OrderBy(uID)
		}},
		{Name: "expr_column_labels", Build: func() ast.Node {
			return ast.Select(uID.As("user_id"), ast.As(ast.Add(uAge, 1), "next_age")).
				From(Users).OrderBy(uID)
		}},
		{Name: "expr_table_alias", Build: func() ast.Node {
			u := Users.As("u")
			return ast.Select(u.C("id"), u.C("name")).From(u).Where(u.C("age").Gt(30)).OrderBy(u.C("id"))
		}},
		{Name: "expr_self_join_aliases", Build: func() ast.Node {
			u, m := Users.As("u"), Users.As("m")
			return ast.Select(u.C("name"), m.C("name").As("manager")).
				From(u).Join(m, u.C("manager_id").Eq(m.C("id"))).OrderBy(u.C("id"))
		}},
		{Name: "expr_schema_qualified", NoExec: "the fixtures have no schema named sales", Build: func() ast.Node {
			t := ast.SchemaT("sales", "orders")
			return ast.Select(t.C("id"), t.C("total")).From(t).Where(t.C("total").Gt(ast.Lit(100)))
		}},
		{Name: "expr_schema_table_declared", NoExec: "the fixtures have no schema named Analytics", Build: func() ast.Node {
			ev := ast.NewSchemaTable("Analytics", "events",
				ast.Col("id", types.BigInteger), ast.Col("kind", types.String(20)))
			e := ev.As("e")
			return ast.Select(ev.C("id"), ev.C("kind"), e.C("id")).From(ev).
				Join(e, e.C("id").Eq(ev.C("id"))).Where(ev.C("kind").Eq("click"))
		}},
		{Name: "expr_label_reserved_words", Build: func() ast.Node {
			ord := uID.As("order")
			return ast.Select(ord, uName.As("select"), uAge.As("User Age"), ast.As(ast.Lit(1), "from")).
				From(Users).OrderBy(ast.Desc(ord))
		}},
		{Name: "expr_label_quote_chars", Build: func() ast.Node {
			return ast.Select(uID.As(`we"ird`), uName.As("back`tick"), uAge.As("ünï")).From(Users).OrderBy(uID)
		}},
		{Name: "expr_odd_identifiers", Build: func() ast.Node {
			return ast.Select(xOddSel, xOddName, xOddU).From(Odd).
				Where(xOddSel.Gt(0), xOddName.Ne("O'Brien")).OrderBy(xOddSel)
		}},
		{Name: "expr_odd_alias_reserved", Build: func() ast.Node {
			o := Odd.As("order")
			return ast.Select(o.C("select").As("group"), o.C("User Name"), ast.Lower(o.C("ünï")).As("Lower Ü")).
				From(o).Where(o.C("User Name").Eq("O'Brien"))
		}},
	}
}

// Literals and the NULL, TRUE and FALSE keywords.
func xLiteralCases() []Case {
	return []Case{
		{Name: "expr_lit_integers", Build: func() ast.Node {
			return ast.Select(ast.As(ast.Lit(0), "zero"), ast.As(ast.Lit(42), "pos"), ast.As(ast.Lit(-5), "neg"),
				ast.As(ast.Lit(int64(9007199254740993)), "big"), ast.As(ast.Sub(ast.Lit(1), ast.Lit(-1)), "two"))
		}},
		{Name: "expr_lit_floats", Build: func() ast.Node {
			return ast.Select(ast.As(ast.Lit(2.5), "a"), ast.As(ast.Lit(-0.125), "b"), ast.As(ast.Lit(3.0), "c"),
				ast.As(ast.Lit(1e20), "d"), ast.As(ast.Lit(1.5e-7), "e"))
		}},
		{Name: "expr_lit_strings", Build: func() ast.Node {
			return ast.Select(ast.As(ast.Lit("O'Brien"), "quote"), ast.As(ast.Lit(""), "empty"),
				ast.As(ast.Lit(`back\slash`), "backslash"), ast.As(ast.Lit("ünï ✓"), "utf8"),
				ast.As(ast.Lit(`'';--`), "tricky"))
		}},
		{Name: "expr_lit_in_where", Build: func() ast.Node {
			return ast.Select(xOddSel).From(Odd).Where(xOddName.Eq(ast.Lit("O'Brien")))
		}},
		{Name: "expr_null_true_false_select", Build: func() ast.Node {
			return ast.Select(ast.As(ast.Null(), "n"), ast.As(ast.True(), "t"), ast.As(ast.False(), "f"))
		}},
		{Name: "expr_true_false_where", Build: func() ast.Node {
			return ast.Select(uID).From(Users).
				Where(ast.Or(xActive.Eq(ast.False()), ast.False()), ast.True()).OrderBy(uID)
		}},
		{Name: "expr_null_where", Build: func() ast.Node {
			// = NULL is never true: only a Go nil becomes IS NULL.
			return ast.Select(uID).From(Users).Where(ast.Or(uEmail.Eq(ast.Null()), ast.IsNull(ast.Null())))
		}},
		{Name: "expr_bool_column_alone", Build: func() ast.Node {
			return ast.Select(uID, xActive).From(Users).Where(xActive).OrderBy(uID)
		}},
	}
}

// Bind parameters: anonymous, named, deferred, typed, repeated.
func xParamCases() []Case {
	return []Case{
		{Name: "expr_param_anonymous", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uAge.Gt(ast.Param(20)), uName.Ne(ast.Param("zed"))).OrderBy(uID)
		}},
		{Name: "expr_param_named_value", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uName.Eq(ast.NamedValue("who", "bob")))
		}},
		{Name: "expr_param_named_deferred", Params: bind.Params{"uid": 2, "min_age": 18}, Build: func() ast.Node {
			return ast.Select(uID, uName).From(Users).
				Where(uID.Eq(ast.Named("uid")), uAge.Ge(ast.Named("min_age").WithType(types.Integer)))
		}},
		{Name: "expr_param_typed", Build: func() ast.Node {
			return ast.Select(oID).From(Orders).
				Where(xPlaced.Gt(ast.TypedParam(ts("2024-02-01 00:00:00"), types.DateTime)),
					oTotal.Lt(ast.TypedParam("500.00", types.Decimal(10, 2)))).OrderBy(oID)
		}},
		{Name: "expr_param_named_twice", Params: bind.Params{"x": 1}, Build: func() ast.Node {
			return ast.Select(uID).From(Users).
				Where(ast.Or(uID.Eq(ast.Named("x")), xMgr.Eq(ast.Named("x")))).OrderBy(uID)
		}},
		{Name: "expr_param_named_value_twice", Build: func() ast.Node {
			return ast.Select(uID, ast.As(ast.Add(uAge, ast.NamedValue("n", 10)), "older")).From(Users).
				Where(uAge.Gt(ast.NamedValue("n", 10)), uID.Ne(ast.Param(10))).OrderBy(uID)
		}},
		{Name: "expr_param_select_list", Build: func() ast.Node {
			return ast.Select(uID, ast.As(ast.TypedParam(7, types.Integer), "seven"),
				ast.As(ast.Mul(uAge, ast.Param(2)), "double_age")).From(Users).OrderBy(uID)
		}},
	}
}

// Comparison, arithmetic, concatenation, bitwise and boolean operators.
func xOperatorCases() []Case {
	return []Case{
		{Name: "expr_compare_ops", Build: func() ast.Node {
			return ast.Select(uID).From(Users).
				Where(uAge.Ge(19), uAge.Le(42), uAge.Ne(25), uAge.Lt(100), uAge.Gt(0)).OrderBy(uID)
		}},
		{Name: "expr_compare_columns_select", Build: func() ast.Node {
			return ast.Select(uID, ast.As(uAge.Lt(30), "young"), ast.As(ast.Eq(xMgr, xDept), "same")).
				From(Users).Where(ast.Ne(uID, xMgr)).OrderBy(uID)
		}},
		{Name: "expr_arith_basic", Build: func() ast.Node {
			return ast.Select(ast.Add(uAge, 1), ast.Sub(uAge, 1), ast.Mul(uAge, 2), ast.Add(xScore, 0.5)).
				From(Users).OrderBy(uID)
		}},
		{Name: "expr_div_true", Build: func() ast.Node {
			return ast.Select(ast.As(ast.Div(ast.Lit(7), ast.Lit(2)), "q"), ast.As(ast.Div(uAge, 2), "half"),
				ast.As(ast.Div(xScore, 4), "quarter"), ast.As(ast.Div(ast.Lit(1), ast.Lit(2.0)), "f")).
				From(Users).Where(ast.Eq(ast.Div(ast.Lit(7), ast.Lit(2)), ast.Lit(3.5))).OrderBy(uID)
		}},
		{Name: "expr_div_params", Build: func() ast.Node {
			return ast.Select(ast.As(ast.Div(ast.Param(7), ast.Param(2)), "q"),
				ast.As(ast.Div(oTotal, ast.Sub(xItemOrder, 1)), "per")).
				From(Orders).Join(Items, xItemOrder.Eq(oID)).Where(xItemOrder.Gt(1)).OrderBy(Items.C("id"))
		}},
		{Name: "expr_intdiv", Build: func() ast.Node {
			return ast.Select(ast.As(ast.IntDiv(ast.Lit(7), ast.Lit(2)), "q"), ast.As(ast.IntDiv(ast.Lit(-7), ast.Lit(2)), "negq"),
				ast.As(ast.IntDiv(uAge, 10), "decade"), ast.As(ast.Add(ast.IntDiv(uAge, 10), 1), "next")).
				From(Users).OrderBy(uID)
		}},
		{Name: "expr_intdiv_decimal", Build: func() ast.Node {
			return ast.Select(oID, ast.As(ast.IntDiv(oTotal, 7), "sevenths")).From(Orders).OrderBy(oID)
		}},
		{Name: "expr_intdiv_double", Build: func() ast.Node {
			return ast.Select(uID, ast.As(ast.IntDiv(xScore, 10), "tens")).From(Users).OrderBy(uID)
		}},
		{Name: "expr_mod", Build: func() ast.Node {
			return ast.Select(uID, ast.As(ast.Mod(uAge, 7), "m"), ast.As(ast.Mod(ast.Lit(-7), ast.Lit(3)), "negm")).
				From(Users).Where(ast.Eq(ast.Mod(uID, 2), 1)).OrderBy(uID)
		}},
		{Name: "expr_mod_double", Build: func() ast.Node {
			return ast.Select(uID, ast.As(ast.Mod(xScore, 7), "m")).From(Users).OrderBy(uID)
		}},
		{Name: "expr_arith_precedence", Build: func() ast.Node {
			return ast.Select(
				ast.As(ast.Mul(ast.Add(uAge, 1), 2), "a"),               // (a + b) * c
				ast.As(ast.Sub(uAge, ast.Sub(uID, 1)), "b"),             // a - (b - c)
				ast.As(ast.Sub(ast.Sub(uAge, uID), 1), "c"),             // a - b - c
				ast.As(ast.Div(uAge, ast.Mul(uID, 2)), "d"),             // a / (b * c)
				ast.As(ast.Add(uAge, ast.Mul(uID, 2)), "e"),             // a + b * c
				ast.As(ast.Mod(ast.Add(uAge, 3), ast.Add(uID, 1)), "f"), // (a + b) % (c + d)
			).From(Users).OrderBy(uID)
		}},
		{Name: "expr_unary_minus", Build: func() ast.Node {
			return ast.Select(ast.As(ast.Neg(ast.Lit(-5)), "a"), ast.As(ast.Neg(uAge), "b"),
				ast.As(ast.Neg(ast.Neg(uAge)), "c"), ast.As(ast.Sub(ast.Lit(0), ast.Lit(-3)), "d"),
				ast.As(ast.Neg(ast.Add(uAge, 1)), "e"), ast.As(ast.Mul(ast.Neg(uAge), ast.Lit(-2)), "f")).
				From(Users).OrderBy(uID)
		}},
		{Name: "expr_concat", Build: func() ast.Node {
			return ast.Select(ast.As(ast.Concat(uName, "@", uEmail), "s")).From(Users).OrderBy(uID)
		}},
		{Name: "expr_concat_chain", Build: func() ast.Node {
			return ast.Select(
				ast.As(ast.Concat(ast.Lit("<"), uName, ast.Lit(":"), ast.Cast(uAge, types.Text), ast.Lit(">")), "a"),
				ast.As(ast.Concat(uName, ast.Concat(ast.Lit("-"), xEmailOr())), "b"),
				ast.As(ast.Concat(uName, ast.Add(uID, 1)), "c"),
			).From(Users).Where(ast.Eq(ast.Concat(uName, ast.Lit("!")), "ann!")).OrderBy(uID)
		}},
		{Name: "expr_bitwise", Build: func() ast.Node {
			return ast.Select(ast.As(ast.BitAnd(ast.Lit(12), ast.Lit(10)), "band"), ast.As(ast.BitOr(ast.Lit(12), ast.Lit(10)), "bor"),
				ast.As(ast.BitXor(ast.Lit(12), ast.Lit(10)), "bxor"), ast.As(ast.ShiftLeft(ast.Lit(1), ast.Lit(4)), "shl"),
				ast.As(ast.ShiftRight(ast.Lit(256), ast.Lit(2)), "shr"), ast.As(ast.BitNot(ast.Lit(5)), "bnot"))
		}},
		{Name: "expr_bitwise_nested", Build: func() ast.Node {
			return ast.Select(uID,
				ast.As(ast.BitAnd(ast.BitOr(uID, 8), 12), "a"),
				ast.As(ast.BitOr(ast.BitOr(uID, 1), 2), "b"),
				ast.As(ast.Add(ast.ShiftLeft(uID, ast.Lit(2)), 1), "c"),
				ast.As(ast.BitXor(uID, ast.BitAnd(uID, 3)), "d"),
				ast.As(ast.BitNot(ast.BitAnd(uID, 1)), "e"),
			).From(Users).Where(ast.Eq(ast.BitAnd(uID, 1), 1)).OrderBy(uID)
		}},
		{Name: "expr_bool_or_and", Build: func() ast.Node { // a OR (b AND c)
			return ast.Select(uID).From(Users).
				Where(ast.Or(uID.Eq(1), ast.And(uAge.Gt(30), xActive.Eq(true)))).OrderBy(uID)
		}},
		{Name: "expr_bool_and_or", Build: func() ast.Node { // (a OR b) AND c
			return ast.Select(uID).From(Users).
				Where(ast.Or(uID.Eq(1), uAge.Gt(30)), xActive.Eq(true)).OrderBy(uID)
		}},
		{Name: "expr_bool_not_or", Build: func() ast.Node { // NOT (a OR b)
			return ast.Select(uID).From(Users).
				Where(ast.Not(ast.Or(uID.Eq(1), uAge.Gt(30)))).OrderBy(uID)
		}},
		{Name: "expr_bool_nested_deep", Build: func() ast.Node {
			return ast.Select(uID, ast.As(ast.And(xActive.Eq(true), ast.Not(uEmail.IsNull())), "ok")).From(Users).
				Where(ast.And(
					ast.Or(uID.Eq(1), ast.And(uAge.Gt(20), ast.Not(ast.Not(xActive.Eq(false))))),
					ast.Or(xDept.IsNull(), ast.Not(xDept.Eq(3))),
				)).OrderBy(uID)
		}},
	}
}

// xEmailOr is a text expression of users for nesting in concatenations.
func xEmailOr() ast.Expr { return ast.Coalesce(uEmail, ast.Lit("?")) }

// LIKE, ILIKE, the autoescaping affix helpers and regular expressions.
func xLikeCases() []Case {
	return []Case{
		{Name: "expr_like", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uName.Like("a%")).OrderBy(uID)
		}},
		{Name: "expr_like_escape", Build: func() ast.Node {
			return ast.Select(Items.C("id")).From(Items).Where(ast.Like(xSku, "B!_%").WithEscape("!"))
		}},
		{Name: "expr_not_like_escape", Build: func() ast.Node {
			return ast.Select(Items.C("id")).From(Items).
				Where(ast.NotLike(xSku, "C#%%").WithEscape("#")).OrderBy(Items.C("id"))
		}},
		{Name: "expr_like_column_pattern", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(ast.Like(uEmail, ast.Concat(uName, ast.Lit("@%")))).OrderBy(uID)
		}},
		{Name: "expr_ilike", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uName.ILike("A%")).OrderBy(uID)
		}},
		{Name: "expr_not_ilike", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(ast.NotILike(uEmail, "%EXAMPLE.ORG")).OrderBy(uID)
		}},
		{Name: "expr_startswith_autoescape", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uEmail.StartsWith("eve_50%")).OrderBy(uID)
		}},
		{Name: "expr_endswith_autoescape", Build: func() ast.Node {
			return ast.Select(Items.C("id")).From(Items).Where(xSku.EndsWith("%3"))
		}},
		{Name: "expr_contains_autoescape", Build: func() ast.Node {
			return ast.Select(Items.C("id")).From(Items).
				Where(ast.Or(xSku.Contains("_"), xSku.Contains("a/b"))).OrderBy(Items.C("id"))
		}},
		{Name: "expr_icontains", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(ast.IContains(uEmail, "_50%@EXAMPLE")).OrderBy(uID)
		}},
		{Name: "expr_startswith_expr", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(ast.StartsWith(uEmail, uName), ast.EndsWith(uEmail, ast.Lit(".com"))).OrderBy(uID)
		}},
		{Name: "expr_regexp", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(ast.RegexpMatch(uEmail, `^[a-d][a-z]+@example\.(com|org)$`)).OrderBy(uID)
		}},
		{Name: "expr_not_regexp", Build: func() ast.Node {
			return ast.Select(uID, ast.As(ast.RegexpMatch(uName, "^e"), "starts_e")).From(Users).
				Where(ast.NotRegexpMatch(uName, "^(ann|bob)$")).OrderBy(uID)
		}},
		{Name: "expr_regexp_fold", Build: func() ast.Node {
			// No constructor exists for OpRegexpFold; the node is built directly.
			return ast.Select(uID).From(Users).
				Where(&ast.Binary{Op: ast.OpRegexpFold, L: uName, R: ast.TypedParam("^A", types.Text)})
		}},
	}
}

// IS NULL, IS DISTINCT FROM, BETWEEN.
func xPredicateCases() []Case {
	return []Case{
		{Name: "expr_is_null", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(ast.Or(uEmail.IsNull(), ast.Eq(uAge, nil))).OrderBy(uID)
		}},
		{Name: "expr_is_not_null", Build: func() ast.Node {
			return ast.Select(uID, ast.As(uEmail.IsNotNull(), "has_email"), ast.As(ast.IsNull(ast.Add(uAge, 1)), "no_age")).
				From(Users).Where(ast.Ne(xMgr, nil), xDept.IsNotNull()).OrderBy(uID)
		}},
		{Name: "expr_is_distinct_from", Build: func() ast.Node {
			return ast.Select(uID, ast.As(ast.IsDistinctFrom(xMgr, xDept), "differs")).From(Users).
				Where(ast.IsDistinctFrom(uAge, 25)).OrderBy(uID)
		}},
		{Name: "expr_is_not_distinct_from", Build: func() ast.Node {
			return ast.Select(uID).From(Users).
				Where(ast.Or(ast.IsNotDistinctFrom(uEmail, nil), ast.IsNotDistinctFrom(xMgr, xDept))).OrderBy(uID)
		}},
		{Name: "expr_between", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uAge.Between(20, 40)).OrderBy(uID)
		}},
		{Name: "expr_not_between", Build: func() ast.Node {
			return ast.Select(uID).From(Users).
				Where(ast.NotBetween(xCreated, ts("2024-01-01 00:00:00"), ts("2024-02-28 00:00:00"))).OrderBy(uID)
		}},
		{Name: "expr_between_exprs", Build: func() ast.Node {
			return ast.Select(uID).From(Users).
				Where(ast.Between(ast.Lit(30), ast.Sub(uAge, 5), ast.Add(uAge, 5)), ast.Not(ast.Between(uID, 3, 4))).OrderBy(uID)
		}},
	}
}

// IN and NOT IN in all their forms.
func xInCases() []Case {
	return []Case{
		{Name: "expr_in_list", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uID.In(1, 3, 5)).OrderBy(uID)
		}},
		{Name: "expr_not_in_list", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uName.NotIn("ann", "bob")).OrderBy(uID)
		}},
		{Name: "expr_in_list_exprs", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uAge.In(ast.Lit(25), ast.Add(uID, 30), nil)).OrderBy(uID)
		}},
		{Name: "expr_in_expanding", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uID.In(ast.List([]int{2, 4}))).OrderBy(uID)
		}},
		{Name: "expr_in_expanding_mixed", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uID.In(1, ast.List([]int{2, 4}), 5)).OrderBy(uID)
		}},
		{Name: "expr_in_expanding_empty", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uID.In(ast.List([]int{}))).OrderBy(uID)
		}},
		{Name: "expr_not_in_expanding_empty", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uName.NotIn(ast.List([]string{})), uID.Lt(3)).OrderBy(uID)
		}},
		{Name: "expr_in_tuple", Build: func() ast.Node {
			return ast.Select(uID).From(Users).
				Where(ast.In(ast.Tuple(uID, uName), ast.Tuple(1, "ann"), ast.Tuple(2, "bob"), ast.Tuple(3, "zed"))).OrderBy(uID)
		}},
		{Name: "expr_in_tuple_expanding", Build: func() ast.Node {
			return ast.Select(uID).From(Users).
				Where(ast.NotIn(ast.Tuple(uID, uName), ast.List([][]any{{1, "ann"}, {4, "dee"}}))).OrderBy(uID)
		}},
		{Name: "expr_in_subquery", Build: func() ast.Node {
			return ast.Select(uID).From(Users).
				Where(uID.InQuery(ast.Select(oUser).From(Orders).Where(xStatus.Eq("paid")))).OrderBy(uID)
		}},
		{Name: "expr_not_in_subquery", Build: func() ast.Node {
			return ast.Select(uID).From(Users).
				Where(ast.NotInQuery(uID, ast.Select(oUser).From(Orders).Where(oUser.IsNotNull()))).OrderBy(uID)
		}},
		{Name: "expr_in_tuple_subquery", Build: func() ast.Node {
			return ast.Select(uID).From(Users).
				Where(ast.InQuery(ast.Tuple(uID, xDept), ast.Select(Depts.C("id"), Depts.C("id")).From(Depts))).OrderBy(uID)
		}},
		{Name: "expr_in_named_expanding", Options: compiler.Options{Params: bind.Params{"ids": []int{1, 2}}},
			Build: func() ast.Node {
				return ast.Select(uID).From(Users).Where(uID.In(ast.Named("ids").AsExpanding())).OrderBy(uID)
			}},
		{Name: "expr_in_named_expanding_typed", Options: compiler.Options{Params: bind.Params{"names": []string{"ann", "dee"}}},
			Build: func() ast.Node {
				return ast.Select(uID).From(Users).
					Where(uName.In(ast.Named("names").WithType(types.String(50)).AsExpanding())).OrderBy(uID)
			}},
	}
}

// CAST, CASE, COLLATE and EXTRACT.
func xCastCaseCases() []Case {
	cs := []Case{
		{Name: "expr_cast_numeric", Build: func() ast.Node {
			return ast.Select(ast.As(ast.Cast(xScore, types.Integer), "i"), ast.As(ast.Cast(uAge, types.BigInteger), "b"),
				ast.As(ast.Cast(uAge, types.DoubleFloat), "d"), ast.As(ast.Cast(xScore, types.Decimal(10, 2)), "n")).
				From(Users).OrderBy(uID)
		}},
		{Name: "expr_cast_string", Build: func() ast.Node {
			return ast.Select(ast.As(ast.Cast(uAge, types.String(20)), "v"), ast.As(ast.Cast(xScore, types.Text), "t")).
				From(Users).Where(ast.Eq(ast.Cast(uID, types.Text), "1"))
		}},
		{Name: "expr_cast_temporal", Build: func() ast.Node {
			return ast.Select(ast.As(ast.Cast(ast.Lit("2024-01-15"), types.DateType), "d"),
				ast.As(ast.Cast(xCreated, types.DateType), "created_day"),
				ast.As(ast.Cast(ast.Lit("2024-01-15 10:30:00"), types.DateTime), "ts")).
				From(Users).Where(ast.Ge(ast.Cast(xCreated, types.DateType), ast.Cast(ast.Lit("2024-03-10"), types.DateType))).OrderBy(uID)
		}},
		{Name: "expr_cast_boolean", Build: func() ast.Node {
			return ast.Select(ast.As(ast.Cast(ast.Lit(1), types.Bool), "t"), ast.As(ast.Cast(xActive, types.Integer), "i"),
				ast.As(ast.Cast(ast.Cast(uAge, types.Bool), types.Integer), "nonzero")).From(Users).OrderBy(uID)
		}},
		{Name: "expr_cast_param", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uID.Eq(ast.Cast(ast.Param("2"), types.Integer)))
		}},
		{Name: "expr_case_searched", Build: func() ast.Node {
			return ast.Select(uID, ast.As(ast.Case(
				ast.WhenThen(uAge.Lt(20), "teen"),
				ast.WhenThen(uAge.Lt(40), "adult"),
			).ElseResult("senior"), "band")).From(Users).OrderBy(uID)
		}},
		{Name: "expr_case_simple", Build: func() ast.Node {
			return ast.Select(oID, ast.As(ast.SimpleCase(xStatus,
				ast.WhenThen("paid", ast.Lit(1)),
				ast.WhenThen("shipped", ast.Lit(2)),
			).ElseResult(ast.Lit(0)), "rank")).From(Orders).OrderBy(oID)
		}},
		{Name: "expr_case_simple_time", Build: func() ast.Node {
			// A Go value in a WHEN of a simple CASE should be typed like the operand.
			return ast.Select(oID, ast.As(ast.SimpleCase(xPlaced,
				ast.WhenThen(ts("2024-03-01 11:00:00"), ast.Lit("march first")),
			).ElseResult(ast.Lit("other")), "day")).From(Orders).OrderBy(oID)
		}},
		{Name: "expr_case_no_else_nested", Build: func() ast.Node {
			inner := ast.Case(ast.WhenThen(uEmail.IsNull(), ast.Lit("none")))
			return ast.Select(uID, ast.As(ast.Case(ast.WhenThen(xActive, ast.Lit("on"))), "a"),
				ast.As(ast.Coalesce(inner, uEmail), "e"),
				ast.As(ast.Add(ast.Case(ast.WhenThen(uAge.Gt(30), ast.Lit(1))).ElseResult(ast.Lit(0)), 10), "n")).
				From(Users).Where(ast.Eq(ast.SimpleCase(xDept, ast.WhenThen(1, ast.True())).ElseResult(ast.False()), ast.True())).OrderBy(uID)
		}},
		{Name: "expr_collate_postgres_c", NoExec: xNoCollation, Build: func() ast.Node {
			return ast.Select(uName).From(Users).
				Where(ast.Gt(ast.Collate(uName, "C"), "b")).OrderBy(ast.Collate(uName, "C"))
		}},
		{Name: "expr_collate_sqlite_nocase", NoExec: xNoCollation, Build: func() ast.Node {
			return ast.Select(uName).From(Users).
				Where(ast.Eq(ast.Collate(uName, "NOCASE"), "ANN")).OrderBy(ast.Desc(ast.Collate(uName, "BINARY")))
		}},
		{Name: "expr_collate_mariadb_bin", NoExec: xNoCollation, Build: func() ast.Node {
			return ast.Select(ast.As(ast.Collate(ast.Concat(uName, ast.Lit("!")), "utf8mb4_bin"), "s")).From(Users).
				Where(ast.Like(ast.Collate(uName, "utf8mb4_bin"), "a%"))
		}},
	}
	cs = append(cs, Case{Name: "expr_extract_all_parts", Build: func() ast.Node {
		cols := []ast.Expr{uID}
		for _, p := range []ast.DatePart{
			ast.Year, ast.Quarter, ast.Month, ast.Day, ast.Hour, ast.Minute, ast.Second,
			ast.DayOfWeek, ast.DayOfYear, ast.Epoch, ast.Week, ast.Microsecond,
		} {
			cols = append(cols, ast.As(ast.Extract(p, xCreated), strings.ToLower(string(p))))
		}
		return ast.Select(cols...).From(Users).OrderBy(uID)
	}})
	cs = append(cs, Case{Name: "expr_extract_in_where", Build: func() ast.Node {
		return ast.Select(oID).From(Orders).
			Where(ast.Eq(ast.Extract(ast.Year, xPlaced), 2024), ast.Ge(ast.Extract(ast.Month, xPlaced), 3)).OrderBy(oID)
	}})
	return cs
}

// Raw text as an expression and as a statement.
func xTextCases() []Case {
	return []Case{
		{Name: "expr_text_in_select", Build: func() ast.Node {
			return ast.Select(uID, ast.Text("lower(name)"), ast.As(ast.Text("upper(name)"), "up")).From(Users).OrderBy(uID)
		}},
		{Name: "expr_text_in_where_or", Build: func() ast.Node {
			// The text's OR must stay inside the AND: the result must not contain user 4 (age 42).
			return ast.Select(uID).From(Users).Where(ast.Text("age > 40 OR age < 30"), uID.Ne(4)).OrderBy(uID)
		}},
		{Name: "expr_text_stmt_binds", Params: bind.Params{"who": "dee"}, Build: func() ast.Node {
			return ast.Text("SELECT id, name FROM users WHERE (age > :min AND name <> :skip) OR name = :who ORDER BY id").
				Bind("min", 20).Bind("skip", "bob")
		}},
		{Name: "expr_text_pg_cast", NoExec: "PostgreSQL's :: cast is a syntax error on SQLite and MariaDB, and a " +
			"raw text is written as given on every dialect; the PostgreSQL SQL was checked by hand",
			Build: func() ast.Node {
				return ast.Text("SELECT :n::integer + 1 AS x, name::text FROM users WHERE id = :id").Bind("n", "41").Bind("id", 1)
			}},
	}
}

// Functions: generic, typed, aggregate modifiers.
func xFnCases() []Case {
	return []Case{
		{Name: "fn_generic", Build: func() ast.Node {
			return ast.Select(ast.As(ast.Fn("abs", ast.Sub(uAge, 30)), "a"), ast.As(ast.Fn("round", xScore), "r"),
				ast.As(ast.Fn("coalesce", uEmail, "none"), "c"), ast.As(ast.Fn("upper", uName), "u"),
				ast.As(ast.Fn("replace", uName, ast.Lit("a"), ast.Lit("A")), "rep")).From(Users).OrderBy(uID)
		}},
		{Name: "fn_generic_nested", Build: func() ast.Node {
			return ast.Select(ast.As(ast.Fn("substr", ast.Fn("lower", uName), ast.Lit(1), ast.Lit(2)), "s")).
				From(Users).Where(ast.Gt(ast.Fn("length", ast.Fn("trim", uName)), 2)).OrderBy(uID)
		}},
		{Name: "fn_count", Build: func() ast.Node {
			return ast.Select(ast.As(ast.Count(), "all_rows"), ast.As(ast.Count(uEmail), "emails"),
				ast.As(ast.CountDistinct(xDept), "depts")).From(Users)
		}},
		{Name: "fn_sum_avg_min_max", Build: func() ast.Node {
			return ast.Select(oUser, ast.Sum(oTotal).As("sum"), ast.Avg(oTotal).As("avg"), ast.Min(oTotal).As("min"),
				ast.Max(xPlaced).As("max")).From(Orders).GroupBy(oUser).OrderBy(oUser)
		}},
		{Name: "fn_aggregate_distinct", Build: func() ast.Node {
			return ast.Select(ast.Sum(xQty).WithDistinct().As("s"), ast.Avg(xPrice).WithDistinct().As("a"),
				ast.Count(xSku).WithDistinct().As("c")).From(Items)
		}},
		{Name: "fn_coalesce_nullif", Build: func() ast.Node {
			return ast.Select(uID, ast.Coalesce(uEmail, "none").As("email"), ast.Coalesce(uAge, xMgr, 0).As("age"),
				ast.NullIf(uName, "ann").As("not_ann"), ast.NullIf(xDept, xMgr).As("d")).From(Users).OrderBy(uID)
		}},
		{Name: "fn_lower_upper_length", Build: func() ast.Node {
			return ast.Select(ast.Lower(xOddName).As("l"), ast.Upper(xOddName).As("u"), ast.Length(xOddName).As("n"),
				ast.Length(xOddU).As("chars")).From(Odd).Where(ast.Gt(ast.Length(xOddName), 2)).OrderBy(xOddSel)
		}},
		{Name: "fn_now_current", Build: func() ast.Node {
			return ast.Select(ast.Now().As("now"), ast.CurrentTimestamp().As("ts"), ast.CurrentDate().As("today"))
		}},
		{Name: "fn_now_in_where", Build: func() ast.Node {
			return ast.Select(uID).From(Users).
				Where(xCreated.Lt(ast.Now()), ast.Lt(ast.Cast(xCreated, types.DateType), ast.CurrentDate())).OrderBy(uID)
		}},
		{Name: "fn_abs_round", Build: func() ast.Node {
			return ast.Select(ast.Abs(ast.Sub(uAge, 30)).As("a"), ast.Round(xScore).As("r0"), ast.Abs(ast.Lit(-2.5)).As("f")).
				From(Users).OrderBy(uID)
		}},
		{Name: "fn_round_digits_numeric", Build: func() ast.Node {
			return ast.Select(oID, ast.Round(oTotal, 1).As("r1"), ast.Round(oTotal, -1).As("r10")).From(Orders).OrderBy(oID)
		}},
		{Name: "fn_round_digits_double", Build: func() ast.Node {
			return ast.Select(uID, ast.Round(xScore, 1).As("r1"), ast.Round(ast.Div(uAge, 3), 2).As("third")).From(Users).OrderBy(uID)
		}},
		{Name: "fn_random", Build: func() ast.Node {
			return ast.Select(uID, ast.Random().As("r")).From(Users).Where(ast.Lt(ast.Random(), 2.0)).OrderBy(uID)
		}},
		{Name: "fn_power", Build: func() ast.Node {
			return ast.Select(ast.Power(uAge, 2).As("sq"), ast.Power(ast.Lit(2), ast.Lit(10)).As("k"),
				ast.Power(xScore, ast.Lit(0.5)).As("root")).From(Users).OrderBy(uID)
		}},
		{Name: "fn_string_agg", Build: func() ast.Node {
			return ast.Select(xDept, ast.StringAgg(uName, ", ").As("names")).From(Users).GroupBy(xDept).OrderBy(xDept)
		}},
		{Name: "fn_string_agg_distinct", Build: func() ast.Node {
			return ast.Select(ast.StringAgg(xSku, "|").WithDistinct().As("skus")).From(Items)
		}},
		{Name: "fn_string_agg_quote_separator", Build: func() ast.Node {
			return ast.Select(ast.StringAgg(uName, `','\`).As("names")).From(Users)
		}},
		{Name: "fn_filter", Build: func() ast.Node {
			return ast.Select(
				ast.Count().FilterWhere(xActive.Eq(true)).As("active"),
				ast.Count(uEmail).FilterWhere(uAge.Gt(20)).As("adult_emails"),
				ast.Sum(uAge).FilterWhere(ast.Or(xDept.Eq(1), xDept.IsNull())).As("age_sum"),
				ast.Avg(xScore).FilterWhere(xActive.Eq(false)).As("inactive_avg"),
				ast.Max(uName).FilterWhere(uID.Lt(4)).As("max_name"),
			).From(Users)
		}},
		{Name: "fn_filter_distinct_grouped", Build: func() ast.Node {
			return ast.Select(oUser, ast.CountDistinct(xStatus).FilterWhere(xStatus.Ne("cancelled")).As("n")).
				From(Orders).GroupBy(oUser).Having(ast.Gt(ast.Count().FilterWhere(xStatus.Eq("paid")), 0)).OrderBy(oUser)
		}},
		{Name: "fn_filter_string_agg", Build: func() ast.Node {
			return ast.Select(ast.StringAgg(uName, ",").FilterWhere(xActive.Eq(true)).As("active_names")).From(Users)
		}},
		{Name: "fn_within_group", Build: func() ast.Node {
			return ast.Select(ast.PercentileCont(0.5).OrderedWithin(xScore).As("median"),
				ast.PercentileDisc(ast.Lit(0.9)).OrderedWithin(uAge.Desc()).As("p90")).From(Users)
		}},
	}
}

// Window functions.
func xWinCases() []Case {
	return []Case{
		{Name: "win_row_number", Build: func() ast.Node {
			return ast.Select(uID, ast.RowNumber().Over(ast.OverWindow().OrderedBy(uID.Desc())).As("rn")).From(Users).OrderBy(uID)
		}},
		{Name: "win_rank_partition", Build: func() ast.Node {
			return ast.Select(uID, ast.Rank().Over(ast.OverWindow().PartitionedBy(xDept).OrderedBy(uAge.Desc())).As("r"),
				ast.DenseRank().Over(ast.OverWindow().PartitionedBy(xActive, xDept).OrderedBy(xActive, uName)).As("dr")).
				From(Users).OrderBy(uID)
		}},
		{Name: "win_over_empty", Build: func() ast.Node {
			return ast.Select(uID, ast.Count().Over(nil).As("total"), ast.Sum(uAge).Over(ast.OverWindow()).As("ages")).
				From(Users).OrderBy(uID)
		}},
		{Name: "win_sum_running_rows", Build: func() ast.Node {
			return ast.Select(oID, ast.Sum(oTotal).Over(ast.OverWindow().PartitionedBy(oUser).OrderedBy(oID).
				RowsBetween(ast.Unbounded(), ast.Current())).As("running")).From(Orders).OrderBy(oID)
		}},
		{Name: "win_rows_offsets", Build: func() ast.Node {
			return ast.Select(oID,
				ast.Avg(oTotal).Over(ast.OverWindow().OrderedBy(oID).RowsBetween(ast.PrecedingBy(1), ast.FollowingBy(1))).As("avg3"),
				ast.Count().Over(ast.OverWindow().OrderedBy(oID).RowsBetween(ast.Current(), ast.Unbounded())).As("rest"),
				ast.Max(oTotal).Over(ast.OverWindow().OrderedBy(oID).RowsBetween(ast.PrecedingBy(3), ast.PrecedingBy(1))).As("prev_max"),
			).From(Orders).OrderBy(oID)
		}},
		{Name: "win_range_unbounded", Build: func() ast.Node {
			return ast.Select(uID, ast.Min(uAge).Over(ast.OverWindow().OrderedBy(uAge).
				RangeBetween(ast.Unbounded(), ast.Unbounded())).As("youngest")).From(Users).OrderBy(uID)
		}},
		{Name: "win_range_offset", Build: func() ast.Node {
			return ast.Select(uID, ast.Count().Over(ast.OverWindow().OrderedBy(uAge).
				RangeBetween(ast.PrecedingBy(10), ast.FollowingBy(5))).As("near")).From(Users).OrderBy(uID)
		}},
		{Name: "win_groups", Build: func() ast.Node {
			return ast.Select(uID, ast.Sum(uAge).Over(ast.OverWindow().OrderedBy(xDept).
				GroupsBetween(ast.PrecedingBy(1), ast.Current())).As("s")).From(Users).OrderBy(uID)
		}},
		{Name: "win_exclude_current_row", Build: func() ast.Node {
			return ast.Select(uID, ast.Sum(uAge).Over(ast.OverWindow().OrderedBy(uID).
				RowsBetween(ast.Unbounded(), ast.Unbounded()).Excluding(ast.ExcludeCurrentRow)).As("others")).From(Users).OrderBy(uID)
		}},
		{Name: "win_exclude_group", Build: func() ast.Node {
			return ast.Select(uID, ast.Count().Over(ast.OverWindow().OrderedBy(xDept).
				RangeBetween(ast.Unbounded(), ast.Unbounded()).Excluding(ast.ExcludeGroup)).As("other_depts")).From(Users).OrderBy(uID)
		}},
		{Name: "win_exclude_ties_default_frame", Build: func() ast.Node {
			return ast.Select(uID, ast.Count().Over(ast.OverWindow().OrderedBy(xActive).Excluding(ast.ExcludeTies)).As("n")).
				From(Users).OrderBy(uID)
		}},
		{Name: "win_named_window", Build: func() ast.Node {
			return ast.Select(uID, ast.RowNumber().OverName("w").As("rn"), ast.Sum(uAge).OverName("w").As("s")).
				From(Users).Window(ast.NamedWindow("w").PartitionedBy(xDept).OrderedBy(uID)).OrderBy(uID)
		}},
		{Name: "win_refines_named", Build: func() ast.Node {
			return ast.Select(uID,
				ast.Sum(uAge).Over(ast.OverWindow().Refines("w").OrderedBy(uID).RowsBetween(ast.Unbounded(), ast.Current())).As("running"),
				ast.Count().OverName("w").As("n"),
			).From(Users).Window(ast.NamedWindow("w").PartitionedBy(xDept)).OrderBy(uID)
		}},
		{Name: "win_named_refines_named", Build: func() ast.Node {
			return ast.Select(uID, ast.Rank().OverName("w2").As("r")).From(Users).
				Window(ast.NamedWindow("w1").PartitionedBy(xActive), ast.NamedWindow("w2").Refines("w1").OrderedBy(uAge.Desc())).
				OrderBy(uID)
		}},
		{Name: "win_named_window_quoted", Build: func() ast.Node {
			return ast.Select(uID, ast.RowNumber().OverName("order").As("rn")).
				From(Users).Window(ast.NamedWindow("order").OrderedBy(uName)).OrderBy(uID)
		}},
		{Name: "win_nulls_order", Build: func() ast.Node {
			return ast.Select(uID, ast.RowNumber().Over(ast.OverWindow().OrderedBy(uAge.Desc().WithNullsLast(), uID)).As("rn")).
				From(Users).OrderBy(uID)
		}},
		{Name: "win_filter_over", Build: func() ast.Node {
			return ast.Select(oID, ast.Count().FilterWhere(xStatus.Eq("paid")).Over(ast.OverWindow().OrderedBy(oID)).As("so_far")).
				From(Orders).OrderBy(oID)
		}},
		{Name: "win_generic_lag_ntile", Build: func() ast.Node {
			return ast.Select(oID,
				ast.Fn("lag", oTotal, ast.Lit(1)).Over(ast.OverWindow().PartitionedBy(oUser).OrderedBy(oID)).As("prev"),
				ast.Fn("ntile", ast.Lit(2)).Over(ast.OverWindow().OrderedBy(oID)).As("half"),
				ast.Fn("first_value", xStatus).Over(ast.OverWindow().PartitionedBy(oUser).OrderedBy(oID)).As("first"),
			).From(Orders).OrderBy(oID)
		}},
		{Name: "win_string_agg_over", Build: func() ast.Node {
			return ast.Select(uID, ast.StringAgg(uName, ",").Over(ast.OverWindow().PartitionedBy(xDept)).As("team")).
				From(Users).OrderBy(uID)
		}},
		{Name: "win_in_order_by_and_expr", Build: func() ast.Node {
			rn := ast.RowNumber().Over(ast.OverWindow().PartitionedBy(oUser).OrderedBy(oTotal.Desc()))
			return ast.Select(oID, ast.As(ast.Add(rn, 100), "k"), ast.As(ast.Div(oTotal, ast.Sum(oTotal).Over(ast.OverWindow().PartitionedBy(oUser))), "share")).
				From(Orders).OrderBy(rn, oID)
		}},
	}
}
