package dialecttest

import (
	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/bind"
)

// Shorthands for the columns the SELECT, set-operation and CTE cases use.
var (
	sDeptID, sDeptName, sDeptParent  = Depts.C("id"), Depts.C("name"), Depts.C("parent_id")
	sUserMgr, sUserDept, sUserActive = Users.C("manager_id"), Users.C("dept_id"), Users.C("active")
	sOrderStatus                     = Orders.C("status")
	sItemOrder, sItemSku, sItemQty   = Items.C("order_id"), Items.C("sku"), Items.C("qty")
	sKVKey, sKVVal                   = KV.C("k"), KV.C("v")
)

// selSpentByUser returns SELECT user_id, sum(total) AS spent FROM orders GROUP BY user_id.
func selSpentByUser() ast.SelectStmt {
	return ast.Select(oUser, ast.Sum(oTotal).As("spent")).From(Orders).GroupBy(oUser)
}

// selBigOrders returns the CTE big: the orders over 100.
func selBigOrders() *ast.CTE {
	return ast.Select(oUser, oTotal).From(Orders).Where(oTotal.Gt(100)).CTE("big")
}

// selOldUserIDs, selOrderUserIDs and selDeptIDs are members for set operations, all
// returning one integer column named id or user_id.
func selOldUserIDs() ast.SelectStmt { return ast.Select(uID).From(Users).Where(uAge.Gt(24)) }

func selOrderUserIDs() ast.SelectStmt { return ast.Select(oUser).From(Orders) }

func selDeptIDs() ast.SelectStmt { return ast.Select(sDeptID).From(Depts) }

// selDeptTree returns the recursive CTE tree (id, name, depth) walking Depts down
// from its root.
func selDeptTree() *ast.CTE {
	tree := ast.RecursiveCTE("tree", "id", "name", "depth")
	base := ast.Select(sDeptID, sDeptName, ast.Lit(0)).From(Depts).Where(sDeptParent.IsNull())
	step := ast.Select(sDeptID, sDeptName, ast.Add(tree.C("depth"), 1)).
		From(Depts).Join(tree, sDeptParent.Eq(tree.C("id")))
	return tree.WithBody(ast.UnionAll(base, step))
}

func init() {
	Add(selectCases()...)
	Add(setCases()...)
	Add(cteCases()...)
}

func selectCases() []Case {
	return []Case{
		// Labels.
		{Name: "sel_label_column", Build: func() ast.Node {
			return ast.Select(uID.As("user_id"), uName.As("who")).From(Users).OrderBy(uID)
		}},
		{Name: "sel_label_expr", Build: func() ast.Node {
			return ast.Select(ast.As(ast.Add(uAge, 1), "next_age"), ast.As(ast.Upper(uName), "shout"), ast.As(ast.Lit("x"), "tag")).
				From(Users).Where(uAge.IsNotNull())
		}},
		{Name: "sel_label_needs_quotes", Build: func() ast.Node {
			// A reserved word, mixed case and a space: quoted on every dialect (PostgreSQL
			// folds case, so "Total" must be quoted there).
			return ast.Select(uID.As("order"), ast.As(ast.Count(), "Total"), uName.As("user name")).
				From(Users).GroupBy(uID, uName)
		}},

		// DISTINCT and DISTINCT ON.
		{Name: "sel_distinct", Build: func() ast.Node {
			return ast.Select(sOrderStatus).Distinct().From(Orders).OrderBy(sOrderStatus)
		}},
		{Name: "sel_distinct_multi", Build: func() ast.Node {
			return ast.Select(sUserDept, sUserActive).From(Users).Distinct()
		}},
		{Name: "sel_distinct_on", Build: func() ast.Node {
			// The largest order of each user: PostgreSQL only.
			return ast.Select(oUser, oID, oTotal).From(Orders).DistinctOn(oUser).
				OrderBy(oUser, oTotal.Desc(), oID)
		}},

		// FROM items.
		{Name: "sel_from_two_tables", Build: func() ast.Node {
			return ast.Select(uName, oTotal).From(Users, Orders).Where(oUser.Eq(uID)).OrderBy(oID)
		}},
		{Name: "sel_from_three_tables", Build: func() ast.Node {
			return ast.Select(uName, oID, sItemSku).From(Users, Orders, Items).
				Where(oUser.Eq(uID), sItemOrder.Eq(oID))
		}},
		{Name: "sel_from_inferred", Build: func() ast.Node {
			// No From call: FROM users, orders comes from the selected columns.
			return ast.Select(uName, oTotal).Where(oUser.Eq(uID))
		}},
		{Name: "sel_from_inferred_where", Build: func() ast.Node {
			// Items appears only in WHERE; inference looks there too.
			return ast.Select(oID).Where(sItemOrder.Eq(oID), sItemQty.Gt(2))
		}},
		{Name: "sel_from_inferred_alias", Build: func() ast.Node {
			m := Users.As("m")
			return ast.Select(m.C("name")).Where(m.C("age").Gt(30))
		}},

		// Joins through the SelectStmt methods.
		{Name: "sel_join_inner", Build: func() ast.Node {
			return ast.Select(uName, oTotal).From(Users).Join(Orders, oUser.Eq(uID)).OrderBy(oID)
		}},
		{Name: "sel_join_left", Build: func() ast.Node {
			return ast.Select(uName, oID).From(Users).LeftJoin(Orders, oUser.Eq(uID)).OrderBy(uID, oID)
		}},
		{Name: "sel_join_right", Build: func() ast.Node {
			return ast.Select(uName, sDeptName).From(Users).RightJoin(Depts, sUserDept.Eq(sDeptID))
		}},
		{Name: "sel_join_full", Build: func() ast.Node {
			// MySQL and MariaDB have no FULL JOIN.
			return ast.Select(uName, sDeptName).From(Users).FullJoin(Depts, sUserDept.Eq(sDeptID))
		}},
		{Name: "sel_join_cross", Build: func() ast.Node {
			return ast.Select(uName, sDeptName).From(Users).CrossJoin(Depts).Where(uID.Lt(3))
		}},
		{Name: "sel_join_chain", Build: func() ast.Node {
			return ast.Select(uName, oID, sItemSku).From(Users).
				Join(Orders, oUser.Eq(uID)).
				LeftJoin(Items, ast.And(sItemOrder.Eq(oID), sItemQty.Gt(1)))
		}},
		{Name: "sel_join_and_comma", Build: func() ast.Node {
			// A join followed by another comma-separated FROM item.
			return ast.Select(uName, oID, sDeptName).From(Users).Join(Orders, oUser.Eq(uID)).
				From(Depts).Where(sDeptID.Eq(sUserDept))
		}},

		// Explicit join trees.
		{Name: "sel_join_tree_left_deep", Build: func() ast.Node {
			j := ast.LeftJoinOn(ast.JoinOn(Users, Orders, oUser.Eq(uID)), Items, sItemOrder.Eq(oID))
			return ast.Select(uName, sItemSku).From(j)
		}},
		{Name: "sel_join_tree_nested_right", Build: func() ast.Node {
			// users LEFT JOIN (orders JOIN items ON …) ON …: the nested join is parenthesised.
			right := ast.JoinOn(Orders, Items, sItemOrder.Eq(oID))
			return ast.Select(uName, oID, sItemSku).From(ast.LeftJoinOn(Users, right, oUser.Eq(uID))).
				OrderBy(uID)
		}},
		{Name: "sel_join_tree_right", Build: func() ast.Node {
			return ast.Select(uName, oID).From(ast.RightJoinOn(Users, Orders, oUser.Eq(uID)))
		}},
		{Name: "sel_join_tree_full", Build: func() ast.Node {
			return ast.Select(uName, oID).From(ast.FullJoinOn(Users, Orders, oUser.Eq(uID)))
		}},
		{Name: "sel_join_tree_cross", Build: func() ast.Node {
			return ast.Select(sDeptName, sKVKey).From(ast.CrossJoinOf(Depts, KV))
		}},
		{Name: "sel_join_without_from", Invalid: true, Build: func() ast.Node {
			return ast.Select(uName).Join(Orders, oUser.Eq(uID))
		}},
		{Name: "sel_column_not_in_from", Invalid: true, Build: func() ast.Node {
			return ast.Select(uName).From(Orders)
		}},

		// Aliases and self-joins.
		{Name: "sel_self_join", Build: func() ast.Node {
			m := Users.As("m")
			return ast.Select(uName, m.C("name").As("manager")).From(Users).
				Join(m, m.C("id").Eq(sUserMgr)).OrderBy(uID)
		}},
		{Name: "sel_self_join_two_aliases", Build: func() ast.Node {
			e, m := Users.As("e"), Users.As("m")
			return ast.Select(e.C("name"), m.C("name").As("manager")).From(e).
				LeftJoin(m, m.C("id").Eq(e.C("manager_id"))).Where(e.C("active").Eq(true))
		}},
		{Name: "sel_alias_needs_quotes", Build: func() ast.Node {
			o := Orders.As("order")
			return ast.Select(o.C("id"), o.Star()).From(o).Where(o.C("status").Eq("paid"))
		}},

		// LATERAL.
		{Name: "sel_lateral_join", Build: func() ast.Node {
			// Each user's largest order; PostgreSQL and MySQL 8 only.
			top := ast.Select(oID, oTotal).From(Orders).Where(oUser.Eq(uID)).
				OrderBy(oTotal.Desc()).Limit(1).Lateral("top")
			return ast.Select(uName, top.C("id"), top.C("total")).From(Users).Join(top, ast.True())
		}},
		{Name: "sel_lateral_left_join", Build: func() ast.Node {
			n := ast.Select(ast.Count().As("n")).From(Orders).Where(oUser.Eq(uID)).Lateral("c")
			return ast.Select(uName, n.C("n")).From(Users).LeftJoin(n, ast.True())
		}},
		{Name: "sel_lateral_cross_join", Build: func() ast.Node {
			sub := ast.Select(ast.Sum(oTotal).As("spent")).From(Orders).Where(oUser.Eq(uID)).As("s").AsLateral()
			return ast.Select(uName, sub.C("spent")).From(Users).CrossJoin(sub)
		}},
		{Name: "sel_lateral_comma", Build: func() ast.Node {
			sub := ast.Select(oID).From(Orders).Where(oUser.Eq(uID), oTotal.Gt(50)).Lateral("x")
			return ast.Select(uName, sub.C("id")).From(Users, sub)
		}},
		{Name: "sel_lateral_inferred", Build: func() ast.Node {
			// A LATERAL subquery correlates like one in an expression: its inferred FROM
			// keeps orders and drops the outer users.
			sub := ast.Select(oID).Where(oUser.Eq(uID)).Lateral("x")
			return ast.Select(uName, sub.C("id")).From(Users).Join(sub, ast.True())
		}},

		// GROUP BY, grouping sets and HAVING.
		{Name: "sel_group_by", Build: func() ast.Node {
			return ast.Select(oUser, ast.Count().As("n"), ast.Sum(oTotal).As("spent")).From(Orders).
				GroupBy(oUser).OrderBy(oUser)
		}},
		{Name: "sel_group_by_label", Build: func() ast.Node {
			st := sOrderStatus.As("st")
			return ast.Select(st, ast.Count().As("n")).From(Orders).GroupBy(st).OrderBy(st)
		}},
		{Name: "sel_group_by_rollup", Build: func() ast.Node {
			// MySQL and MariaDB: GROUP BY … WITH ROLLUP; SQLite has none.
			return ast.Select(sUserDept, sUserActive, ast.Count().As("n")).From(Users).
				GroupBy(ast.Rollup(sUserDept, sUserActive))
		}},
		{Name: "sel_group_by_rollup_order", Build: func() ast.Node {
			return ast.Select(sUserDept, ast.Count().As("n")).From(Users).
				GroupBy(ast.Rollup(sUserDept)).OrderBy(sUserDept)
		}},
		{Name: "sel_group_by_rollup_partial", Build: func() ast.Node {
			// A plain key before the rollup: MySQL's WITH ROLLUP cannot say it.
			return ast.Select(sUserActive, sUserDept, ast.Count().As("n")).From(Users).
				GroupBy(sUserActive, ast.Rollup(sUserDept))
		}},
		{Name: "sel_group_by_cube", Build: func() ast.Node {
			return ast.Select(sUserDept, sUserActive, ast.Count().As("n")).From(Users).
				GroupBy(ast.Cube(sUserDept, sUserActive))
		}},
		{Name: "sel_group_by_grouping_sets", Build: func() ast.Node {
			return ast.Select(sUserDept, sUserActive, ast.Count().As("n")).From(Users).
				GroupBy(ast.GroupingSets([]ast.Expr{sUserDept, sUserActive}, []ast.Expr{sUserDept}, []ast.Expr{}))
		}},
		{Name: "sel_having", Build: func() ast.Node {
			return ast.Select(oUser, ast.Sum(oTotal).As("spent")).From(Orders).GroupBy(oUser).
				Having(ast.Gt(ast.Sum(oTotal), 100))
		}},
		{Name: "sel_having_anded", Build: func() ast.Node {
			return ast.Select(oUser).From(Orders).GroupBy(oUser).
				Having(ast.Ge(ast.Count(), 2)).Having(ast.Lt(ast.Max(oTotal), 1000))
		}},
		{Name: "sel_having_without_group_by", Build: func() ast.Node {
			return ast.Select(ast.Count().As("n")).From(Orders).Having(ast.Gt(ast.Count(), 0))
		}},

		// ORDER BY.
		{Name: "sel_order_nulls_first", Build: func() ast.Node {
			// MySQL and MariaDB emulate NULLS FIRST with a sort on age IS NULL.
			return ast.Select(uName, uAge).From(Users).OrderBy(ast.Asc(uAge).WithNullsFirst(), uID)
		}},
		{Name: "sel_order_nulls_last_desc", Build: func() ast.Node {
			return ast.Select(uName, uAge).From(Users).OrderBy(uAge.Desc().WithNullsLast(), uName)
		}},
		{Name: "sel_order_by_label", Build: func() ast.Node {
			n := ast.Count().As("n")
			return ast.Select(oUser, n).From(Orders).GroupBy(oUser).OrderBy(ast.Desc(n), oUser)
		}},
		{Name: "sel_order_by_label_nulls_last", Build: func() ast.Node {
			spent := ast.Sum(oTotal).As("spent")
			return ast.Select(oUser, spent).From(Orders).GroupBy(oUser).OrderBy(ast.Desc(spent).WithNullsLast())
		}},
		{Name: "sel_order_by_expr", Build: func() ast.Node {
			return ast.Select(uName).From(Users).OrderBy(ast.Desc(ast.Coalesce(uAge, 0)), ast.Lower(uName))
		}},

		// LIMIT, OFFSET, FETCH FIRST.
		{Name: "sel_limit_bind", Build: func() ast.Node {
			return ast.Select(uID).From(Users).OrderBy(uID).Limit(3)
		}},
		{Name: "sel_limit_offset_bind", Build: func() ast.Node {
			return ast.Select(uID).From(Users).OrderBy(uID).Limit(3).Offset(1)
		}},
		{Name: "sel_limit_offset_literal", Build: func() ast.Node {
			return ast.Select(uID).From(Users).OrderBy(uID).Limit(ast.Lit(3)).Offset(ast.Lit(1))
		}},
		{Name: "sel_limit_named", Params: bind.Params{"n": 2}, Build: func() ast.Node {
			return ast.Select(uID).From(Users).OrderBy(uID).Limit(ast.Named("n"))
		}},
		{Name: "sel_offset_only", Build: func() ast.Node {
			// SQLite and MySQL need a LIMIT before OFFSET.
			return ast.Select(uID).From(Users).OrderBy(uID).Offset(2)
		}},
		{Name: "sel_fetch_first", Build: func() ast.Node {
			return ast.Select(uID).From(Users).OrderBy(uID).FetchFirst(2)
		}},
		{Name: "sel_fetch_first_offset", Build: func() ast.Node {
			return ast.Select(uID).From(Users).OrderBy(uID).Offset(1).FetchFirst(ast.Lit(2))
		}},
		{Name: "sel_fetch_with_ties", Build: func() ast.Node {
			// Three paid orders tie for first place.
			return ast.Select(oID, sOrderStatus).From(Orders).OrderBy(sOrderStatus.Desc()).FetchFirstWithTies(1)
		}},
		{Name: "sel_fetch_with_ties_unordered", Invalid: true, Build: func() ast.Node {
			return ast.Select(oID).From(Orders).FetchFirstWithTies(1)
		}},

		// Row locks.
		{Name: "sel_for_update", Build: func() ast.Node {
			return ast.Select(uID, uName).From(Users).Where(uID.Eq(1)).ForUpdate()
		}},
		{Name: "sel_for_update_order_limit", Build: func() ast.Node {
			return ast.Select(oID).From(Orders).Where(sOrderStatus.Eq("paid")).OrderBy(oID).Limit(1).ForUpdate()
		}},
		{Name: "sel_for_share", Build: func() ast.Node {
			// MariaDB spells it LOCK IN SHARE MODE.
			return ast.Select(uID).From(Users).Where(uID.Eq(2)).ForShare()
		}},
		{Name: "sel_for_no_key_update", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uID.Eq(2)).ForNoKeyUpdate()
		}},
		{Name: "sel_for_key_share", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uID.Eq(2)).ForKeyShare()
		}},
		{Name: "sel_for_update_of", Build: func() ast.Node {
			return ast.Select(uName, oID).From(Users).Join(Orders, oUser.Eq(uID)).ForUpdate().LockOf(Orders)
		}},
		{Name: "sel_for_update_of_alias", Build: func() ast.Node {
			m := Users.As("m")
			return ast.Select(uName, m.C("name")).From(Users).Join(m, m.C("id").Eq(sUserMgr)).LockOf(Users, m)
		}},
		{Name: "sel_for_update_nowait", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uID.Eq(1)).ForUpdate().NoWait()
		}},
		{Name: "sel_for_update_skip_locked", Build: func() ast.Node {
			return ast.Select(oID).From(Orders).Where(sOrderStatus.Eq("new")).Limit(1).ForUpdate().SkipLocked()
		}},
		{Name: "sel_for_share_nowait", Build: func() ast.Node {
			return ast.Select(uID).From(Users).ForShare().NoWait()
		}},
		{Name: "sel_for_share_of_skip_locked", Build: func() ast.Node {
			return ast.Select(uID, oID).From(Users).Join(Orders, oUser.Eq(uID)).ForShare().LockOf(Users).SkipLocked()
		}},
		{Name: "sel_for_no_key_update_of_nowait", Build: func() ast.Node {
			return ast.Select(oID).From(Orders).ForNoKeyUpdate().LockOf(Orders).NoWait()
		}},

		// Subqueries in expressions.
		{Name: "sel_scalar_subquery", Build: func() ast.Node {
			maxTotal := ast.Select(ast.Max(oTotal)).From(Orders).Scalar()
			return ast.Select(uName, ast.As(maxTotal, "max_total")).From(Users).Where(uID.Eq(1))
		}},
		{Name: "sel_scalar_subquery_explicit_from", Build: func() ast.Node {
			// The inner FROM is explicit, so nothing is dropped: users stays outer only
			// because the inner query does not list it.
			n := ast.Select(ast.Count()).From(Orders).Where(oUser.Eq(uID)).Scalar()
			return ast.Select(uName, ast.As(n, "n_orders")).From(Users).OrderBy(uID)
		}},
		{Name: "sel_correlated_auto", Build: func() ast.Node {
			// The inner FROM is inferred from orders and users; users is the outer table,
			// so only orders remains.
			top := ast.Select(ast.Max(oTotal)).Where(oUser.Eq(uID)).Scalar()
			return ast.Select(uName, ast.As(top, "top_order")).From(Users).OrderBy(uID)
		}},
		{Name: "sel_correlated_auto_where", Build: func() ast.Node {
			o2 := Orders.As("o2")
			avg := ast.Select(ast.Avg(o2.C("total"))).Where(o2.C("user_id").Eq(oUser)).Scalar()
			return ast.Select(oID, oTotal).From(Orders).Where(ast.Gt(oTotal, avg))
		}},
		{Name: "sel_correlated_nested", Build: func() ast.Node {
			// Two levels: the innermost refers to the outermost table.
			inner := ast.Select(ast.Count()).From(Items).Where(sItemOrder.Eq(oID), ast.Eq(sItemSku, uName)).Scalar()
			mid := ast.Select(ast.Max(inner)).From(Orders).Where(oUser.Eq(uID)).Scalar()
			return ast.Select(uName, ast.As(mid, "x")).From(Users)
		}},
		{Name: "sel_correlate_only", Build: func() ast.Node {
			// Explicit FROM orders, users, with users correlated to the outer query.
			n := ast.Select(ast.Count()).From(Orders, Users).Where(oUser.Eq(uID)).Correlate(Users).Scalar()
			return ast.Select(uName, ast.As(n, "n")).From(Users)
		}},
		{Name: "sel_correlate_none", Build: func() ast.Node {
			// Correlate() turns correlation off: the inner query keeps both tables.
			n := ast.Select(ast.Count()).Where(oUser.Eq(uID)).Correlate().Scalar()
			return ast.Select(uName, ast.As(n, "all_pairs")).From(Users)
		}},
		{Name: "sel_correlate_except", Build: func() ast.Node {
			// Users and orders are both outer tables; only users is correlated.
			best := ast.Select(ast.Max(oTotal)).Where(oUser.Eq(uID)).CorrelateExcept(Orders).Scalar()
			return ast.Select(uName, oID).From(Users).Join(Orders, oUser.Eq(uID)).Where(ast.Eq(oTotal, best))
		}},
		{Name: "sel_correlated_everything", Invalid: true, Build: func() ast.Node {
			// Every inferred FROM item is correlated away: nothing is left to select from.
			return ast.Select(uName).From(Users).Where(ast.Exists(ast.Select(uID).Where(uAge.Gt(30))))
		}},
		{Name: "sel_exists", Build: func() ast.Node {
			q := ast.Select(ast.Lit(1)).From(Orders).Where(oUser.Eq(uID), oTotal.Gt(100))
			return ast.Select(uName).From(Users).Where(ast.Exists(q)).OrderBy(uID)
		}},
		{Name: "sel_not_exists", Build: func() ast.Node {
			// The subquery's FROM is inferred and correlated: FROM orders.
			return ast.Select(uName).From(Users).Where(ast.NotExists(ast.Select(oID).Where(oUser.Eq(uID))))
		}},
		{Name: "sel_exists_in_select_list", Build: func() ast.Node {
			has := ast.Exists(ast.Select(oID).From(Orders).Where(oUser.Eq(uID)))
			return ast.Select(uName, ast.As(has, "has_orders")).From(Users)
		}},
		{Name: "sel_any", Build: func() ast.Node {
			// SQLite has no ANY (subquery).
			q := ast.Select(oUser).From(Orders).Where(oTotal.Gt(100))
			return ast.Select(uName).From(Users).Where(ast.Eq(uID, ast.Any(q)))
		}},
		{Name: "sel_all", Build: func() ast.Node {
			u2 := Users.As("u2")
			q := ast.Select(u2.C("age")).From(u2).Where(u2.C("age").IsNotNull())
			return ast.Select(uName).From(Users).Where(ast.Ge(uAge, ast.All(q)))
		}},
		{Name: "sel_in_subquery_correlated", Build: func() ast.Node {
			q := ast.Select(sItemOrder).From(Items).Where(sItemQty.Gt(uID))
			return ast.Select(uName).From(Users).Where(uID.InQuery(q))
		}},

		// Derived tables.
		{Name: "sel_derived_table", Build: func() ast.Node {
			d := selSpentByUser().As("d")
			return ast.Select(uName, d.C("spent")).From(Users).Join(d, d.C("user_id").Eq(uID)).
				OrderBy(d.C("spent").Desc())
		}},
		{Name: "sel_derived_inferred", Build: func() ast.Node {
			// The derived table is found through its columns.
			d := selSpentByUser().As("d")
			return ast.Select(d.C("user_id"), d.C("spent")).Where(d.C("spent").Gt(100))
		}},
		{Name: "sel_derived_star", Build: func() ast.Node {
			d := ast.Select(uID, uName).From(Users).Where(uAge.Lt(40)).As("young")
			return ast.Select(d.Star()).From(d)
		}},
		{Name: "sel_derived_column_aliases", Build: func() ast.Node {
			// PostgreSQL and MySQL 8.0.19+; SQLite and MariaDB cannot alias the columns.
			d := selSpentByUser().As("d").WithColumns("uid", "amount")
			return ast.Select(uName, d.C("amount")).From(Users).Join(d, d.C("uid").Eq(uID))
		}},
		{Name: "sel_derived_nested", Build: func() ast.Node {
			inner := ast.Select(oUser, oTotal).From(Orders).Where(oTotal.IsNotNull()).As("a")
			outer := ast.Select(inner.C("user_id"), ast.Max(inner.C("total")).As("top")).From(inner).
				GroupBy(inner.C("user_id")).As("b")
			return ast.Select(outer.C("user_id"), outer.C("top")).From(outer).Where(outer.C("top").Gt(50))
		}},

		// VALUES and table-valued functions.
		{Name: "sel_values_join", Build: func() ast.Node {
			// SQLite renames column1, column2; MySQL and MariaDB use SELECT … UNION ALL.
			v := ast.Values([]any{1, "a"}, []any{2, "b"}).As("v", "id", "tag")
			return ast.Select(uName, v.C("tag")).From(Users).Join(v, v.C("id").Eq(uID))
		}},
		{Name: "sel_values_literals", Build: func() ast.Node {
			v := ast.Values([]any{ast.Lit(1), ast.Lit("one")}, []any{ast.Lit(4), ast.Lit("four")}).As("v", "n", "word")
			return ast.Select(v.C("n"), v.C("word"), uName).From(v).LeftJoin(Users, uID.Eq(v.C("n")))
		}},
		{Name: "sel_table_func_generate_series", Build: func() ast.Node {
			// PostgreSQL; SQLite cannot name a table function's columns; MySQL has none.
			s := ast.TableFunc(ast.Fn("generate_series", 1, 3), "s", "n")
			return ast.Select(s.C("n")).From(s)
		}},
		{Name: "sel_table_func_literal_args", Build: func() ast.Node {
			s := ast.TableFunc(ast.Fn("generate_series", ast.Lit(1), ast.Lit(3)), "s", "n")
			return ast.Select(uName, s.C("n")).From(Users).CrossJoin(s).Where(uID.Eq(1))
		}},
		{Name: "sel_table_func_json_each", Build: func() ast.Node {
			// json_each exists on PostgreSQL (for json) and SQLite, with key and value columns.
			j := ast.TableFunc(ast.Fn("json_each", ast.Lit(`{"a":1,"b":2}`)), "j")
			return ast.Select(j.C("key"), j.C("value")).From(j)
		}},

		// SELECT without FROM.
		{Name: "sel_no_from", Build: func() ast.Node {
			return ast.Select(ast.Lit(1))
		}},
		{Name: "sel_no_from_where", Build: func() ast.Node {
			// MySQL needs FROM DUAL before WHERE.
			return ast.Select(ast.As(ast.Lit(1), "one")).Where(ast.Eq(ast.Lit(1), ast.Lit(1)))
		}},
		{Name: "sel_no_from_scalar_subqueries", Build: func() ast.Node {
			return ast.Select(
				ast.As(ast.Select(ast.Count()).From(Users).Scalar(), "users"),
				ast.As(ast.Select(ast.Count()).From(Orders).Scalar(), "orders"),
			)
		}},
		{Name: "sel_no_from_exists_where", Build: func() ast.Node {
			return ast.Select(ast.As(ast.Lit("yes"), "answer")).Where(ast.Exists(ast.Select(uID).From(Users).Where(uAge.Gt(40))))
		}},
	}
}

func setCases() []Case {
	return []Case{
		{Name: "set_union", Build: func() ast.Node {
			return ast.Union(selOldUserIDs(), selOrderUserIDs())
		}},
		{Name: "set_union_all", Build: func() ast.Node {
			return ast.UnionAll(selOldUserIDs(), selOrderUserIDs())
		}},
		{Name: "set_union_method", Build: func() ast.Node {
			return selOldUserIDs().Union(selOrderUserIDs())
		}},
		{Name: "set_union_all_method_three", Build: func() ast.Node {
			return selOldUserIDs().UnionAll(selOrderUserIDs(), selDeptIDs())
		}},
		{Name: "set_intersect", Build: func() ast.Node {
			return ast.Intersect(selOldUserIDs(), selOrderUserIDs())
		}},
		{Name: "set_except", Build: func() ast.Node {
			return ast.Except(selOldUserIDs(), selOrderUserIDs())
		}},
		{Name: "set_intersect_all", Build: func() ast.Node {
			// SQLite lacks the ALL forms.
			return ast.IntersectAll(selOrderUserIDs(), selOldUserIDs())
		}},
		{Name: "set_except_all", Build: func() ast.Node {
			return ast.ExceptAll(selOrderUserIDs(), selOldUserIDs())
		}},
		{Name: "set_union_three", Build: func() ast.Node {
			return ast.Union(selOldUserIDs(), selOrderUserIDs(), selDeptIDs())
		}},
		{Name: "set_except_three", Build: func() ast.Node {
			return ast.Except(selDeptIDs(), selOldUserIDs(), selOrderUserIDs())
		}},
		{Name: "set_order_limit", Build: func() ast.Node {
			// ORDER BY and LIMIT apply to the whole; ORDER BY names result columns.
			return ast.Union(selOldUserIDs(), selOrderUserIDs()).OrderBy(uID.Desc()).Limit(3).Offset(1)
		}},
		{Name: "set_order_by_label", Build: func() ast.Node {
			label := uName.As("label")
			return ast.Union(ast.Select(label).From(Users), ast.Select(sDeptName).From(Depts)).
				OrderBy(label)
		}},
		{Name: "set_order_nulls_last", Build: func() ast.Node {
			// MySQL emulates NULLS LAST with an expression on the result column.
			return ast.UnionAll(ast.Select(uAge).From(Users), ast.Select(sKVVal).From(KV)).
				OrderBy(uAge.Desc().WithNullsLast())
		}},
		{Name: "set_limit_literal", Build: func() ast.Node {
			return ast.UnionAll(selOldUserIDs(), selDeptIDs()).OrderBy(uID).Limit(ast.Lit(2))
		}},
		{Name: "set_offset_only", Build: func() ast.Node {
			return ast.UnionAll(selOldUserIDs(), selDeptIDs()).OrderBy(uID).Offset(2)
		}},
		{Name: "set_member_order_limit", Build: func() ast.Node {
			// Members with their own ORDER BY/LIMIT are parenthesised; SQLite wraps them
			// in SELECT * FROM (…).
			a := ast.Select(uID).From(Users).OrderBy(uAge.Desc().WithNullsLast()).Limit(2)
			b := ast.Select(oUser).From(Orders).OrderBy(oTotal.Desc()).Limit(2)
			return ast.UnionAll(a, b)
		}},
		{Name: "set_member_limit_outer_order", Build: func() ast.Node {
			a := ast.Select(uID).From(Users).OrderBy(uID).Limit(2)
			return ast.Union(a, selDeptIDs()).OrderBy(uID.Desc()).Limit(4)
		}},
		{Name: "set_member_distinct", Build: func() ast.Node {
			return ast.UnionAll(ast.Select(oUser).From(Orders).Distinct(), selOldUserIDs())
		}},
		{Name: "set_nested_left_same_op", Build: func() ast.Node {
			// (a UNION b) UNION c needs no parentheses.
			return ast.Union(ast.Union(selOldUserIDs(), selOrderUserIDs()), selDeptIDs())
		}},
		{Name: "set_nested_left_other_op", Build: func() ast.Node {
			return ast.Except(ast.Union(selOldUserIDs(), selOrderUserIDs()), selDeptIDs())
		}},
		{Name: "set_nested_right", Build: func() ast.Node {
			return ast.Union(selDeptIDs(), ast.Intersect(selOldUserIDs(), selOrderUserIDs()))
		}},
		{Name: "set_nested_right_same_op", Build: func() ast.Node {
			// a UNION ALL (b UNION ALL c): a right-hand compound keeps its parentheses.
			return ast.UnionAll(selDeptIDs(), ast.UnionAll(selOldUserIDs(), selOrderUserIDs()))
		}},
		{Name: "set_nested_member_ordered", Build: func() ast.Node {
			inner := ast.UnionAll(selOldUserIDs(), selOrderUserIDs()).OrderBy(uID).Limit(3)
			return ast.Union(inner, selDeptIDs())
		}},
		{Name: "set_nested_three_levels", Build: func() ast.Node {
			ab := ast.Intersect(selOldUserIDs(), selOrderUserIDs())
			return ast.UnionAll(ast.Except(selDeptIDs(), ab), ast.Select(ast.Lit(99)))
		}},
		{Name: "set_as_derived_table", Build: func() ast.Node {
			d := ast.Union(selOldUserIDs(), selOrderUserIDs()).As("ids")
			return ast.Select(d.C("id"), uName).From(d).Join(Users, uID.Eq(d.C("id"))).OrderBy(d.C("id"))
		}},
		{Name: "set_as_derived_count", Build: func() ast.Node {
			d := ast.UnionAll(selOldUserIDs(), selOrderUserIDs()).As("ids")
			return ast.Select(d.C("id"), ast.Count().As("n")).From(d).GroupBy(d.C("id"))
		}},
		{Name: "set_as_cte", Build: func() ast.Node {
			ids := ast.Union(selOldUserIDs(), selOrderUserIDs()).CTE("ids")
			return ast.Select(uName).From(Users).Join(ids, ids.C("id").Eq(uID))
		}},
		{Name: "set_in_subquery", Build: func() ast.Node {
			return ast.Select(uName).From(Users).Where(uID.InQuery(ast.Intersect(selOldUserIDs(), selOrderUserIDs())))
		}},
		{Name: "set_in_exists", Build: func() ast.Node {
			q := ast.UnionAll(ast.Select(oID).From(Orders).Where(oUser.Eq(uID)), ast.Select(sDeptID).From(Depts).Where(sDeptID.Eq(sUserDept)))
			return ast.Select(uName).From(Users).Where(ast.Exists(q))
		}},
		{Name: "set_member_with_cte", Build: func() ast.Node {
			// The first member declares its own WITH clause.
			big := selBigOrders()
			return ast.Union(ast.Select(big.C("user_id")).From(big), selDeptIDs())
		}},
		{Name: "set_with_hoisted", Build: func() ast.Node {
			big := selBigOrders()
			return ast.Union(ast.Select(big.C("user_id")).From(big), selDeptIDs()).With(big)
		}},
		{Name: "set_single_member", Invalid: true, Build: func() ast.Node {
			return ast.Union(selDeptIDs())
		}},
	}
}

func cteCases() []Case {
	return []Case{
		{Name: "cte_basic", Build: func() ast.Node {
			big := selBigOrders()
			return ast.Select(uName, big.C("total")).From(Users).Join(big, big.C("user_id").Eq(uID))
		}},
		{Name: "cte_star", Build: func() ast.Node {
			big := selBigOrders()
			return ast.Select(big.Star()).From(big)
		}},
		{Name: "cte_inferred_from", Build: func() ast.Node {
			// No From: the CTE is found through its column.
			big := selBigOrders()
			return ast.Select(big.C("user_id"), big.C("total"))
		}},
		{Name: "cte_explicit_with", Build: func() ast.Node {
			big := selBigOrders()
			return ast.Select(big.C("user_id")).With(big).From(big)
		}},
		{Name: "cte_two", Build: func() ast.Node {
			big := selBigOrders()
			eng := ast.Select(uID, uName).From(Users).Where(sUserDept.Eq(2)).CTE("eng")
			return ast.Select(eng.C("name"), big.C("total")).From(eng).Join(big, big.C("user_id").Eq(eng.C("id")))
		}},
		{Name: "cte_chained", Build: func() ast.Node {
			// top refers to spent; spent is declared by top's body.
			spent := selSpentByUser().CTE("spent")
			top := ast.Select(spent.C("user_id")).From(spent).Where(spent.C("spent").Gt(100)).CTE("top")
			return ast.Select(uName).From(Users).Join(top, top.C("user_id").Eq(uID))
		}},
		{Name: "cte_chained_flat", Build: func() ast.Node {
			// Declaring both at the top gives WITH spent AS (…), top AS (…).
			spent := selSpentByUser().CTE("spent")
			top := ast.Select(spent.C("user_id")).From(spent).Where(spent.C("spent").Gt(100)).CTE("top")
			return ast.Select(uName).With(spent, top).From(Users).Join(top, top.C("user_id").Eq(uID))
		}},
		{Name: "cte_in_subquery_only", Build: func() ast.Node {
			// Used only inside EXISTS: the subquery carries the WITH clause.
			big := selBigOrders()
			q := ast.Select(ast.Lit(1)).From(big).Where(big.C("user_id").Eq(uID))
			return ast.Select(uName).From(Users).Where(ast.Exists(q))
		}},
		{Name: "cte_in_subquery_hoisted", Build: func() ast.Node {
			big := selBigOrders()
			q := ast.Select(ast.Lit(1)).From(big).Where(big.C("user_id").Eq(uID))
			return ast.Select(uName).With(big).From(Users).Where(ast.Exists(q))
		}},
		{Name: "cte_in_scalar_subquery", Build: func() ast.Node {
			big := selBigOrders()
			n := ast.Select(ast.Count()).From(big).Where(big.C("user_id").Eq(uID)).Scalar()
			return ast.Select(uName, ast.As(n, "big_orders")).From(Users)
		}},
		{Name: "cte_in_from_and_subquery", Build: func() ast.Node {
			// Declared once at the top, though the subquery uses it too.
			big := selBigOrders()
			q := ast.Select(ast.Max(big.C("total"))).From(big).Scalar()
			return ast.Select(big.C("user_id")).From(big).Where(ast.Eq(big.C("total"), q))
		}},
		{Name: "cte_in_derived_table", Build: func() ast.Node {
			big := selBigOrders()
			d := ast.Select(big.C("user_id")).From(big).As("d")
			return ast.Select(uName).From(Users).Join(d, d.C("user_id").Eq(uID))
		}},
		{Name: "cte_column_names", Build: func() ast.Node {
			spent := ast.Select(oUser, ast.Sum(oTotal)).From(Orders).GroupBy(oUser).CTE("spent").WithColumns("uid", "amount")
			return ast.Select(uName, spent.C("amount")).From(Users).Join(spent, spent.C("uid").Eq(uID))
		}},
		{Name: "cte_name_needs_quotes", Build: func() ast.Node {
			c := ast.Select(uID).From(Users).CTE("Big Spenders")
			return ast.Select(c.C("id")).From(c)
		}},
		{Name: "cte_body_order_limit", Build: func() ast.Node {
			c := ast.Select(oUser, oTotal).From(Orders).OrderBy(oTotal.Desc()).Limit(2).CTE("top2")
			return ast.Select(c.C("user_id")).From(c)
		}},
		{Name: "cte_materialized", Build: func() ast.Node {
			// PostgreSQL and SQLite; MySQL and MariaDB have no MATERIALIZED hint.
			big := selBigOrders().AsMaterialized(true)
			return ast.Select(big.C("user_id")).From(big)
		}},
		{Name: "cte_not_materialized", Build: func() ast.Node {
			big := selBigOrders().AsMaterialized(false)
			return ast.Select(big.C("user_id")).From(big).Where(big.C("total").Lt(500))
		}},
		{Name: "cte_in_compound_members", Build: func() ast.Node {
			big := selBigOrders()
			return ast.Except(ast.Select(big.C("user_id")).From(big), ast.Select(uID).From(Users).Where(uAge.Gt(40))).With(big)
		}},
		{Name: "cte_recursive_tree", Build: func() ast.Node {
			tree := selDeptTree()
			return ast.Select(tree.C("id"), tree.C("name"), tree.C("depth")).From(tree).
				OrderBy(tree.C("depth"), tree.C("id"))
		}},
		{Name: "cte_recursive_ancestors", Build: func() ast.Node {
			up := ast.RecursiveCTE("up", "id", "parent_id")
			base := ast.Select(sDeptID, sDeptParent).From(Depts).Where(sDeptID.Eq(5))
			d := Depts.As("d")
			step := ast.Select(d.C("id"), d.C("parent_id")).From(d).Join(up, d.C("id").Eq(up.C("parent_id")))
			up = up.WithBody(ast.UnionAll(base, step))
			return ast.Select(up.C("id")).From(up)
		}},
		{Name: "cte_recursive_counter", Build: func() ast.Node {
			n := ast.RecursiveCTE("n", "x")
			step := ast.Select(ast.Add(n.C("x"), 1)).From(n).Where(n.C("x").Lt(5))
			n = n.WithBody(ast.UnionAll(ast.Select(ast.Lit(1)), step))
			return ast.Select(n.C("x")).From(n)
		}},
		{Name: "cte_recursive_labels", Build: func() ast.Node {
			// No column list: the names come from the base member's labels.
			tree := ast.RecursiveCTE("tree")
			base := ast.Select(sDeptID.As("id"), ast.As(ast.Lit(0), "depth")).From(Depts).Where(sDeptParent.IsNull())
			step := ast.Select(sDeptID, ast.Add(tree.C("depth"), 1)).From(Depts).Join(tree, sDeptParent.Eq(tree.C("id")))
			tree = tree.WithBody(ast.UnionAll(base, step))
			return ast.Select(tree.C("id"), tree.C("depth")).From(tree)
		}},
		{Name: "cte_recursive_with_plain", Build: func() ast.Node {
			// A plain CTE beside the recursive one: WITH RECURSIVE covers both.
			roots := ast.Select(sDeptID).From(Depts).Where(sDeptParent.IsNull()).CTE("roots")
			tree := ast.RecursiveCTE("tree", "id")
			step := ast.Select(sDeptID).From(Depts).Join(tree, sDeptParent.Eq(tree.C("id")))
			tree = tree.WithBody(ast.UnionAll(ast.Select(roots.C("id")).From(roots), step))
			return ast.Select(tree.C("id")).With(roots, tree).From(tree)
		}},
		{Name: "cte_recursive_joined", Build: func() ast.Node {
			// The tree joined back to users.
			tree := selDeptTree()
			return ast.Select(uName, tree.C("depth")).From(Users).Join(tree, tree.C("id").Eq(sUserDept)).
				OrderBy(uID)
		}},
		{Name: "cte_recursive_no_body", Invalid: true, Build: func() ast.Node {
			tree := ast.RecursiveCTE("tree", "id")
			return ast.Select(tree.C("id")).From(tree)
		}},
	}
}
