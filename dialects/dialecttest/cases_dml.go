package dialecttest

import (
	"math"
	"strings"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/bind"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/types"
)

// Shorthands for the fixture columns the DML cases use.
var (
	dK, dV, dN        = KV.C("k"), KV.C("v"), KV.C("n")
	dScore, dActive   = Users.C("score"), Users.C("active")
	dCreated, dMgr    = Users.C("created_at"), Users.C("manager_id")
	dStatus           = Orders.C("status")
	dItemID, dItemOrd = Items.C("id"), Items.C("order_id")
	dQty              = Items.C("qty")
)

// dBigOrders is a CTE of the users with an order over 100.
func dBigOrders() *ast.CTE {
	return ast.Select(oUser.As("id")).From(Orders).Where(oTotal.Gt(100)).CTE("big")
}

var dInline = compiler.Options{Flags: compiler.InlineLiterals}

func init() {
	Add(dmlInsertCases()...)
	Add(upsertCases()...)
	Add(dmlUpdateCases()...)
	Add(dmlDeleteCases()...)
	Add(textCases()...)
	Add(flagCases()...)
	Add(badCases()...)
}

func dmlInsertCases() []Case {
	return []Case{
		{Name: "dml_insert_one_row", Build: func() ast.Node {
			return ast.Insert(KV).Values("x", 1, 2)
		}},
		{Name: "dml_insert_many_rows", Build: func() ast.Node {
			return ast.Insert(KV).Values("x", 1, 2).Values("y", 3, nil).Values("z", nil, nil)
		}},
		{Name: "dml_insert_all_types", Build: func() ast.Node {
			return ast.Insert(Users).Values(10, "zoe", "zoe@example.com", 33, true, 1.5,
				ts("2024-05-06 07:08:09"), nil, 2)
		}},
		{Name: "dml_insert_columns_subset", Build: func() ast.Node {
			return ast.Insert(Users).Columns(uName, uID).Values("zoe", 10)
		}},
		{Name: "dml_insert_expr_values", Build: func() ast.Node {
			return ast.Insert(KV).Values(ast.Concat(ast.Lit("k"), "1"), ast.Add(1, 2), ast.Mul(ast.Lit(3), 4))
		}},
		{Name: "dml_insert_now_default", Build: func() ast.Node {
			return ast.Insert(Users).Columns(uID, uName, dCreated, uAge).
				Values(10, "zoe", ast.Now(), ast.DefaultValue())
		}},
		{Name: "dml_insert_default_keyword_row", Build: func() ast.Node {
			return ast.Insert(KV).Values("x", ast.DefaultValue(), ast.DefaultValue())
		}},
		{Name: "dml_insert_default_values", NoExec: "every fixture table has a NOT NULL primary key without a default, so a row of defaults violates it",
			Build: func() ast.Node {
				return ast.Insert(KV).DefaultValues()
			}},
		{Name: "dml_insert_select", Build: func() ast.Node {
			return ast.Insert(KV).Columns(dK, dV).
				FromQuery(ast.Select(uName, uAge).Where(uID.Gt(3)))
		}},
		{Name: "dml_insert_select_order_limit", Build: func() ast.Node {
			return ast.Insert(KV).Columns(dK, dN).
				FromQuery(ast.Select(ast.Upper(uName), uID).From(Users).OrderBy(uID.Desc()).Limit(2))
		}},
		{Name: "dml_insert_named_params", Params: bind.Params{"k": "x", "v": 5},
			Build: func() ast.Node {
				return ast.Insert(KV).Columns(dK, dV)
			}},
		{Name: "dml_insert_named_params_all_columns", Params: bind.Params{"k": "x", "v": 5, "n": nil},
			Build: func() ast.Node {
				return ast.Insert(KV).Columns(KV.Columns...)
			}},
		{Name: "dml_insert_returning_expr", Build: func() ast.Node {
			return ast.Insert(Users).Columns(uID, uName).Values(10, "zoe").
				Returning(uID, ast.Upper(uName).As("shout"))
		}},
		{Name: "dml_insert_returning_star", Build: func() ast.Node {
			return ast.Insert(KV).Values("x", 1, 2).Returning(KV.Star())
		}},
		{Name: "dml_insert_odd_names", Build: func() ast.Node {
			return ast.Insert(Odd).Values(3, "it's", "é").Returning(Odd.C("select"), Odd.C("User Name"))
		}},
		{Name: "dml_insert_with_cte_select", Build: func() ast.Node {
			big := dBigOrders()
			return ast.Insert(KV).Columns(dK, dV).
				FromQuery(ast.Select(ast.Concat("u", ast.Cast(big.C("id"), types.Text)), big.C("id")).From(big)).
				With(big)
		}},
		{Name: "dml_insert_with_cte_values", Build: func() ast.Node {
			big := dBigOrders()
			return ast.Insert(KV).With(big).
				Values("x", ast.Select(ast.Max(big.C("id"))).From(big), nil)
		}},
		{Name: "dml_cte_delete_into_insert", Build: func() ast.Node {
			moved := ast.Delete(KV).Where(dK.Eq("a")).Returning(dK, dV, dN).CTE("moved")
			return ast.Insert(KV).Columns(dK, dV, dN).
				FromQuery(ast.Select(ast.Concat(moved.C("k"), "2"), moved.C("v"), moved.C("n")).From(moved)).
				With(moved)
		}},
		{Name: "dml_cte_delete_into_insert_implicit", Build: func() ast.Node {
			// The CTE is declared only by the SELECT's FROM, so it would render inside the
			// INSERT, where PostgreSQL refuses data-modifying statements.
			moved := ast.Delete(KV).Where(dK.Eq("a")).Returning(dK, dV, dN).CTE("moved")
			return ast.Insert(KV).Columns(dK, dV, dN).
				FromQuery(ast.Select(ast.Concat(moved.C("k"), "2"), moved.C("v"), moved.C("n")).From(moved))
		}},
		{Name: "dml_cte_update_returning_select", Build: func() ast.Node {
			upd := ast.Update(KV).Set(dV, ast.Add(dV, 1)).Where(dV.IsNotNull()).Returning(dK, dV).CTE("upd")
			return ast.Select(upd.C("k"), upd.C("v")).From(upd).OrderBy(upd.C("k"))
		}},
	}
}

func upsertCases() []Case {
	return []Case{
		{Name: "ups_do_nothing", Build: func() ast.Node {
			return ast.Insert(KV).Values("a", 5, 50).
				OnConflict(ast.Conflict(dK).DoNothingOnConflict())
		}},
		{Name: "ups_do_nothing_no_target", Build: func() ast.Node {
			return ast.Insert(KV).Values("a", 5, 50).
				OnConflict(ast.Conflict().DoNothingOnConflict())
		}},
		{Name: "ups_do_update_excluded", Build: func() ast.Node {
			return ast.Insert(KV).Values("a", 5, 50).
				OnConflict(ast.Conflict(dK).DoUpdate(ast.Set(dV, ast.Excluded(dV)), ast.Set(dN, ast.Excluded(dN))))
		}},
		{Name: "ups_do_update_expr", Build: func() ast.Node {
			return ast.Insert(KV).Values("a", 5, 50).
				OnConflict(ast.Conflict(dK).DoUpdate(
					ast.Set(dV, ast.Add(dV, ast.Excluded(dV))),
					ast.Set(dN, ast.Coalesce(dN, 0)),
				))
		}},
		{Name: "ups_do_update_values", Build: func() ast.Node {
			return ast.Insert(KV).Values("b", 5, 50).
				OnConflict(ast.Conflict(dK).DoUpdate(ast.Set(dV, 0), ast.Set(dN, nil)))
		}},
		{Name: "ups_do_update_where", Build: func() ast.Node {
			return ast.Insert(KV).Values("a", 5, 50).
				OnConflict(ast.Conflict(dK).DoUpdate(ast.Set(dV, ast.Excluded(dV))).
					UpdateWhere(ast.Lt(dV, ast.Excluded(dV))))
		}},
		{Name: "ups_where_target", Build: func() ast.Node {
			return ast.Insert(KV).Values("a", 5, 50).
				OnConflict(ast.Conflict(dK).WhereTarget(dV.Gt(0)).DoNothingOnConflict())
		}},
		{Name: "ups_on_constraint", Build: func() ast.Node {
			return ast.Insert(KV).Values("a", 5, 50).
				OnConflict(ast.ConflictOnConstraint("kv_pkey").DoUpdate(ast.Set(dV, ast.Excluded(dV))))
		}},
		{Name: "ups_on_constraint_do_nothing", Build: func() ast.Node {
			return ast.Insert(KV).Values("a", 5, 50).
				OnConflict(ast.ConflictOnConstraint("kv_pkey").DoNothingOnConflict())
		}},
		{Name: "ups_users_email", Build: func() ast.Node {
			return ast.Insert(Users).Columns(uID, uName, uEmail).Values(10, "ann2", "ann@example.com").
				OnConflict(ast.Conflict(uEmail).DoUpdate(ast.Set(uName, ast.Excluded(uName))))
		}},
		{Name: "ups_returning", Build: func() ast.Node {
			return ast.Insert(KV).Values("a", 5, 50).
				OnConflict(ast.Conflict(dK).DoUpdate(ast.Set(dV, ast.Excluded(dV)))).
				Returning(dK, dV)
		}},
		{Name: "ups_multi_row", Build: func() ast.Node {
			return ast.Insert(KV).Values("a", 5, 50).Values("b", 6, 60).Values("z", 7, 70).
				OnConflict(ast.Conflict(dK).DoUpdate(ast.Set(dV, ast.Excluded(dV))))
		}},
		{Name: "ups_named_params", Params: bind.Params{"k": "a", "v": 9},
			Build: func() ast.Node {
				return ast.Insert(KV).Columns(dK, dV).
					OnConflict(ast.Conflict(dK).DoUpdate(ast.Set(dV, ast.Excluded(dV))))
			}},
		{Name: "ups_insert_select", Build: func() ast.Node {
			return ast.Insert(KV).Columns(dK, dV).
				FromQuery(ast.Select(ast.Concat(dK, "!"), ast.Add(dV, 100)).From(KV)).
				OnConflict(ast.Conflict(dK).DoUpdate(ast.Set(dV, ast.Excluded(dV))))
		}},
		{Name: "ups_insert_select_where", Build: func() ast.Node {
			return ast.Insert(KV).Columns(dK, dV).
				FromQuery(ast.Select(dK, ast.Add(dV, 100)).From(KV).Where(dV.IsNotNull())).
				OnConflict(ast.Conflict(dK).DoUpdate(ast.Set(dV, ast.Excluded(dV))))
		}},
		{Name: "ups_insert_select_do_nothing", Build: func() ast.Node {
			return ast.Insert(KV).Columns(dK, dV).
				FromQuery(ast.Select(dK, dV).From(KV)).
				OnConflict(ast.Conflict(dK).DoNothingOnConflict())
		}},
		{Name: "ups_odd_names", Build: func() ast.Node {
			sel, name := Odd.C("select"), Odd.C("User Name")
			return ast.Insert(Odd).Values(2, "new name", nil).
				OnConflict(ast.Conflict(sel).DoUpdate(ast.Set(name, ast.Excluded(name))))
		}},
	}
}

func dmlUpdateCases() []Case {
	return []Case{
		{Name: "dml_update_expr", Build: func() ast.Node {
			return ast.Update(Users).Set(uAge, ast.Add(uAge, 1)).Where(uID.Eq(1))
		}},
		{Name: "dml_update_several", Build: func() ast.Node {
			return ast.Update(Users).Set(uName, "zed").Set(uAge, 40).Set(dActive, false).
				Set(dScore, 1.25).Set(dCreated, ts("2024-06-01 12:00:00")).Where(uID.Eq(2))
		}},
		{Name: "dml_update_null_default", Build: func() ast.Node {
			return ast.Update(Users).Set(uEmail, nil).Set(uAge, ast.DefaultValue()).Set(dMgr, ast.Null()).
				Where(uID.Eq(2))
		}},
		{Name: "dml_update_no_where", Build: func() ast.Node {
			return ast.Update(KV).Set(dN, ast.Mul(dN, 2))
		}},
		{Name: "dml_update_concat_case", Build: func() ast.Node {
			return ast.Update(Users).
				Set(uName, ast.Concat(uName, "!")).
				Set(uAge, ast.Case(ast.WhenThen(uAge.Lt(30), ast.Add(uAge, 1))).ElseResult(uAge)).
				Where(dActive.Eq(true))
		}},
		{Name: "dml_update_where_in_subquery", Build: func() ast.Node {
			return ast.Update(Users).Set(dScore, 0.0).
				Where(uID.InQuery(ast.Select(oUser).Where(oTotal.Gt(100))))
		}},
		{Name: "dml_update_set_subquery", Build: func() ast.Node {
			return ast.Update(Users).
				Set(dScore, ast.Select(ast.Sum(oTotal)).Where(oUser.Eq(uID))).
				Where(uID.In(1, 2))
		}},
		{Name: "dml_update_where_exists", Build: func() ast.Node {
			return ast.Update(Users).Set(dActive, true).
				Where(ast.Exists(ast.Select(oID).Where(oUser.Eq(uID), dStatus.Eq("paid"))))
		}},
		{Name: "dml_update_from", Build: func() ast.Node {
			return ast.Update(Users).Set(dScore, oTotal).From(Orders).
				Where(oUser.Eq(uID), oID.Eq(4))
		}},
		{Name: "dml_update_from_aliases", Build: func() ast.Node {
			u, o := Users.As("u"), Orders.As("o")
			return ast.Update(u).Set(u.C("score"), o.C("total")).Set(u.C("age"), ast.Add(u.C("age"), 1)).
				From(o).Where(o.C("user_id").Eq(u.C("id")), o.C("status").Eq("cancelled"))
		}},
		{Name: "dml_update_from_join", Build: func() ast.Node {
			return ast.Update(Items).Set(dQty, ast.Add(dQty, 1)).
				From(ast.JoinOn(Orders, Users, oUser.Eq(uID))).
				Where(dItemOrd.Eq(oID), uName.Eq("ann"))
		}},
		{Name: "dml_update_order_limit", Build: func() ast.Node {
			return ast.Update(Users).Set(uAge, 0).OrderBy(uID.Desc()).Limit(2)
		}},
		{Name: "dml_update_returning", Build: func() ast.Node {
			return ast.Update(KV).Set(dV, ast.Add(dV, 1)).Where(dK.In("a", "b")).
				Returning(dK, dV.As("new_v"))
		}},
		{Name: "dml_update_alias", Build: func() ast.Node {
			u := Users.As("u")
			return ast.Update(u).Set(u.C("age"), ast.Add(u.C("age"), 1)).Set(uName, "via table column").
				Where(u.C("id").Eq(1))
		}},
		{Name: "dml_update_with_cte", Build: func() ast.Node {
			big := dBigOrders()
			return ast.Update(Users).With(big).Set(dActive, true).
				Where(uID.InQuery(ast.Select(big.C("id")).From(big)))
		}},
		{Name: "dml_update_odd_names", Build: func() ast.Node {
			return ast.Update(Odd).Set(Odd.C("ünï"), "ö").Where(Odd.C("select").Eq(2))
		}},
	}
}

func dmlDeleteCases() []Case {
	return []Case{
		{Name: "dml_delete_where", Build: func() ast.Node {
			return ast.Delete(Items).Where(dQty.Lt(2))
		}},
		{Name: "dml_delete_all", Build: func() ast.Node {
			return ast.Delete(KV)
		}},
		{Name: "dml_delete_in_subquery", Build: func() ast.Node {
			return ast.Delete(Items).Where(dItemOrd.InQuery(ast.Select(oID).Where(dStatus.Eq("paid"))))
		}},
		{Name: "dml_delete_not_exists", Build: func() ast.Node {
			return ast.Delete(Users).Where(ast.NotExists(ast.Select(oID).Where(oUser.Eq(uID))))
		}},
		{Name: "dml_delete_using", Build: func() ast.Node {
			return ast.Delete(Items).Using(Orders).Where(dItemOrd.Eq(oID), dStatus.Eq("cancelled"))
		}},
		{Name: "dml_delete_using_aliases", Build: func() ast.Node {
			i, o := Items.As("i"), Orders.As("o")
			return ast.Delete(i).Using(o).Where(i.C("order_id").Eq(o.C("id")), o.C("total").Gt(200))
		}},
		{Name: "dml_delete_order_limit", Build: func() ast.Node {
			return ast.Delete(Items).Where(dQty.Eq(1)).OrderBy(dItemID.Desc()).Limit(1)
		}},
		{Name: "dml_delete_returning", Build: func() ast.Node {
			return ast.Delete(KV).Where(dK.Eq("a")).Returning(dK, dV, ast.As(ast.Add(dN, 1), "n1"))
		}},
		{Name: "dml_delete_alias", Build: func() ast.Node {
			u := Users.As("u")
			return ast.Delete(u).Where(u.C("id").Eq(5))
		}},
		{Name: "dml_delete_with_cte", Build: func() ast.Node {
			// The CTE reads another table than the one deleted from: MySQL refuses a
			// subquery on the target table itself (error 1093).
			paid := ast.Select(oID).From(Orders).Where(dStatus.Eq("paid")).CTE("settled")
			return ast.Delete(Items).With(paid).Where(dItemOrd.InQuery(ast.Select(paid.C("id")).From(paid)))
		}},
	}
}

func textCases() []Case {
	return []Case{
		{Name: "text_bind", Build: func() ast.Node {
			return ast.Text("SELECT id, name FROM users WHERE id = :id").Bind("id", 1)
		}},
		{Name: "text_name_twice", Build: func() ast.Node {
			return ast.Text("SELECT id FROM users WHERE id = :x OR manager_id = :x ORDER BY id").Bind("x", 1)
		}},
		{Name: "text_deferred", Params: bind.Params{"min_age": 20, "max_age": 40},
			Build: func() ast.Node {
				return ast.Text("SELECT id FROM users WHERE age > :min_age AND age < :max_age ORDER BY id")
			}},
		{Name: "text_deferred_and_bound", Params: bind.Params{"name": "bob"},
			Build: func() ast.Node {
				return ast.Text("SELECT id FROM users WHERE name = :name OR id = :id").Bind("id", 1)
			}},
		{Name: "text_escaped_colon", NoExec: "an escaped colon yields a bare ':' outside quotes, which only PostgreSQL accepts (array slice); SQLite reads ':' as a parameter and MySQL has no such syntax",
			Build: func() ast.Node {
				return ast.Text(`SELECT (ARRAY[10, 20, 30])[2\:3] AS s, :n AS n`).Bind("n", 1)
			}},
		{Name: "text_colons_in_literal", Build: func() ast.Node {
			return ast.Text("SELECT '10::30' AS t, ':name' AS u, id FROM users WHERE id = :id").Bind("id", 2)
		}},
		{Name: "text_pg_cast", NoExec: "'::' casts are PostgreSQL syntax; SQLite and MySQL reject them",
			Build: func() ast.Node {
				return ast.Text("SELECT :v::integer + 1 AS n, name::text AS s FROM users WHERE id = 1").Bind("v", 41)
			}},
		{Name: "text_comments", Build: func() ast.Node {
			return ast.Text("SELECT id /* :not_a_param */ FROM users -- :nor_this\nWHERE id = :id").Bind("id", 3)
		}},
		{Name: "text_typed_columns", Build: func() ast.Node {
			return ast.Text("SELECT id, name FROM users WHERE id = :id").Bind("id", 1).WithColumns(uID, uName)
		}},
		{Name: "text_typed_bind", Build: func() ast.Node {
			return ast.Text("SELECT id FROM users WHERE created_at >= :since ORDER BY id").
				BindParams(ast.NamedValue("since", ts("2024-03-01 00:00:00")).WithType(types.DateTime))
		}},
		{Name: "text_in_subquery", Build: func() ast.Node {
			return ast.Select(uName).Where(uID.InQuery(
				ast.Text("SELECT user_id FROM orders WHERE total > :t").Bind("t", 100)))
		}},
		{Name: "text_as_cte", Build: func() ast.Node {
			older := ast.NewCTE("older", ast.Text("SELECT id, name FROM users WHERE age > :a").Bind("a", 30).
				WithColumns(uID, uName))
			return ast.Select(older.C("name")).From(older).OrderBy(older.C("name"))
		}},
		{Name: "text_as_condition", Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uID.Gt(0), ast.Text("age > :a").Bind("a", 30)).OrderBy(uID)
		}},
		{Name: "text_as_condition_or", Build: func() ast.Node {
			// The OR inside the text must not escape the AND around it.
			return ast.Select(uID).From(Users).Where(uID.Gt(3), ast.Text("age < 20 OR age IS NULL")).OrderBy(uID)
		}},
		{Name: "text_as_condition_negated", Build: func() ast.Node {
			// NOT must apply to the whole text, which contains an OR.
			return ast.Select(uID).From(Users).Where(ast.Not(ast.Text("age > 30 OR age IS NULL"))).OrderBy(uID)
		}},
		{Name: "text_expanding", Build: func() ast.Node {
			return ast.Text("SELECT id FROM users WHERE id IN (:ids) ORDER BY id").
				BindParams(ast.NamedValue("ids", []int{1, 2}).AsExpanding())
		}},
		{Name: "text_expanding_strings_and_scalar", Build: func() ast.Node {
			return ast.Text("SELECT id FROM users WHERE name IN (:names) AND id > :min ORDER BY id").
				BindParams(ast.NamedValue("names", []string{"ann", "bob", "cy"}).AsExpanding()).
				Bind("min", 1)
		}},
		{Name: "text_expanding_named_at_compile",
			Options: compiler.Options{Params: bind.Params{"ids": []int{3, 4, 5}}},
			Build: func() ast.Node {
				return ast.Text("SELECT id FROM users WHERE id IN (:ids) ORDER BY id").
					BindParams(ast.Named("ids").AsExpanding())
			}},
		{Name: "text_insert_statement", Build: func() ast.Node {
			return ast.Text("INSERT INTO kv (k, v) VALUES (:k, :v)").Bind("k", "x").Bind("v", 1)
		}},
	}
}

func flagCases() []Case {
	return []Case{
		{Name: "flag_inline_select_strings", Options: dInline, Build: func() ast.Node {
			return ast.Select(uID).From(Users).
				Where(uName.In("O'Brien", `C:\dir\`, `it''s`, "ann")).OrderBy(uID)
		}},
		{Name: "flag_inline_insert", Options: dInline, Build: func() ast.Node {
			return ast.Insert(Users).Values(10, `O'Neil \ "q"`, `back\slash@example.com`, -5, true, -1.5,
				ts("2024-05-06 07:08:09"), nil, 0)
		}},
		{Name: "flag_inline_insert_many_bools", Options: dInline, Build: func() ast.Node {
			return ast.Insert(Users).Columns(uID, uName, dActive, dScore).
				Values(10, "t", true, 0.1).Values(11, "f", false, 1e20).Values(12, "n", nil, -0.25)
		}},
		{Name: "flag_inline_update", Options: dInline, Build: func() ast.Node {
			return ast.Update(Users).Set(dScore, 2.5e-3).Set(uAge, -1).Set(uName, `a'b\c`).
				Set(dActive, false).Where(uID.Eq(1))
		}},
		{Name: "flag_inline_negative_arith", Options: dInline, Build: func() ast.Node {
			return ast.Select(ast.As(ast.Sub(uAge, -3), "a"), ast.As(ast.Neg(-2), "b"), ast.As(ast.Mul(dScore, -0.5), "c")).
				Where(uID.Eq(1))
		}},
		{Name: "flag_inline_time", Options: dInline, Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(dCreated.Lt(ts("2024-03-01 00:00:00"))).OrderBy(uID)
		}},
		{Name: "flag_inline_time_eq", Options: dInline, Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(dCreated.Eq(ts("2024-01-15 10:30:00")))
		}},
		{Name: "flag_inline_decimal_text", Options: dInline, Build: func() ast.Node {
			return ast.Select(oID).From(Orders).Where(oTotal.Eq("100.00"), dStatus.Ne("x'y"))
		}},
		{Name: "flag_inline_expanding", Options: dInline, Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uID.In(ast.List([]int{1, 2}))).OrderBy(uID)
		}},
		{Name: "flag_inline_upsert", Options: dInline, Build: func() ast.Node {
			return ast.Insert(KV).Values("a'", -5, nil).
				OnConflict(ast.Conflict(dK).DoUpdate(ast.Set(dV, ast.Add(dV, ast.Excluded(dV)))))
		}},
		{Name: "flag_inline_text", Options: dInline, Build: func() ast.Node {
			return ast.Text("SELECT id FROM users WHERE name = :n OR id = :id").Bind("n", "O'Brien\\").Bind("id", -1)
		}},
		{Name: "flag_inline_limit", Options: dInline, Build: func() ast.Node {
			return ast.Select(uID).From(Users).OrderBy(uID).Limit(2).Offset(1)
		}},
		{Name: "flag_fingerprint_select", Options: compiler.Options{Flags: compiler.Fingerprint},
			NoExec: "a fingerprint is for logs: its ? marks carry no values",
			Build: func() ast.Node {
				return ast.Select(uID, ast.As(ast.Lit(7), "seven")).From(Users).
					Where(uName.Eq("x"), uAge.In(1, 2, 3), uEmail.Like(ast.Lit("%@x")), dActive.Eq(ast.True()), dMgr.IsNull()).
					Limit(5)
			}},
		{Name: "flag_fingerprint_insert", Options: compiler.Options{Flags: compiler.Fingerprint},
			NoExec: "a fingerprint is for logs: its ? marks carry no values",
			Build: func() ast.Node {
				return ast.Insert(KV).Values("a", 1, nil).Values("b", 2, ast.Null()).
					OnConflict(ast.Conflict(dK).DoUpdate(ast.Set(dV, ast.Excluded(dV))))
			}},
		{Name: "flag_fingerprint_named_and_text", Options: compiler.Options{Flags: compiler.Fingerprint},
			NoExec: "a fingerprint is for logs: its ? marks carry no values",
			Build: func() ast.Node {
				return ast.Select(uID).From(Users).
					Where(uID.Eq(ast.Named("id")), ast.Text("age > :a").Bind("a", 3))
			}},
		{Name: "flag_fingerprint_like_escape", Options: compiler.Options{Flags: compiler.Fingerprint},
			NoExec: "a fingerprint is for logs: its ? marks carry no values",
			Build: func() ast.Node {
				return ast.Select(uID).From(Users).Where(uEmail.StartsWith("eve_50%"))
			}},
		{Name: "flag_quote_all", Options: compiler.Options{Flags: compiler.QuoteAll}, Build: func() ast.Node {
			u := Users.As("u")
			return ast.Select(u.C("id"), u.C("name").As("nm")).From(u).Where(u.C("age").Gt(20)).OrderBy(u.C("id"))
		}},
		{Name: "flag_quote_all_upsert", Options: compiler.Options{Flags: compiler.QuoteAll}, Build: func() ast.Node {
			return ast.Insert(KV).Values("a", 5, 50).
				OnConflict(ast.Conflict(dK).DoUpdate(ast.Set(dV, ast.Excluded(dV))))
		}},
		{Name: "flag_quote_all_update_from", Options: compiler.Options{Flags: compiler.QuoteAll}, Build: func() ast.Node {
			return ast.Update(Users).Set(dScore, oTotal).From(Orders).Where(oUser.Eq(uID), oID.Eq(4))
		}},
		{Name: "flag_quote_all_inline", Options: compiler.Options{Flags: compiler.QuoteAll | compiler.InlineLiterals},
			Build: func() ast.Node {
				return ast.Delete(Odd).Where(Odd.C("User Name").Eq("O'Brien")).Returning(Odd.C("select"))
			}},
	}
}

func badCases() []Case {
	var nilCol *ast.Column
	return []Case{
		{Name: "bad_where_nil", Invalid: true, Build: func() ast.Node {
			return ast.Select(uID).Where(nil)
		}},
		{Name: "bad_select_list_nil", Invalid: true, Build: func() ast.Node {
			return ast.Select(uID, nil)
		}},
		{Name: "bad_typed_nil_column_select", Invalid: true, Build: func() ast.Node {
			return ast.Select(uID, nilCol).From(Users)
		}},
		{Name: "bad_typed_nil_column_compare", Invalid: true, Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(ast.Eq(nilCol, 1))
		}},
		{Name: "bad_set_nil_column", Invalid: true, Build: func() ast.Node {
			return ast.Update(Users).Set(nilCol, 1).Where(uID.Eq(1))
		}},
		{Name: "bad_update_empty_set", Invalid: true, Build: func() ast.Node {
			return ast.Update(Users).Where(uID.Eq(1))
		}},
		{Name: "bad_upsert_empty_set", Invalid: true, Build: func() ast.Node {
			return ast.Insert(KV).Values("a", 1, 2).OnConflict(ast.Conflict(dK).DoUpdate())
		}},
		{Name: "bad_select_no_columns", Invalid: true, Build: func() ast.Node {
			return ast.Select()
		}},
		{Name: "bad_empty_label", Invalid: true, Build: func() ast.Node {
			return ast.Select(uID.As("")).From(Users)
		}},
		{Name: "bad_insert_row_too_short", Invalid: true, Build: func() ast.Node {
			return ast.Insert(KV).Values("x", 1)
		}},
		{Name: "bad_insert_second_row_too_long", Invalid: true, Build: func() ast.Node {
			return ast.Insert(KV).Columns(dK, dV).Values("x", 1).Values("y", 2, 3)
		}},
		{Name: "bad_insert_undeclared_table", Invalid: true, Build: func() ast.Node {
			return ast.Insert(ast.T("kv")).Values("x", 1, 2)
		}},
		{Name: "bad_insert_nil_table", Invalid: true, Build: func() ast.Node {
			return ast.Insert(nil).Values(1)
		}},
		{Name: "bad_insert_default_values_and_rows", Invalid: true, Build: func() ast.Node {
			return ast.Insert(KV).Values("x", 1, 2).DefaultValues()
		}},
		{Name: "bad_insert_rows_and_query", Invalid: true, Build: func() ast.Node {
			return ast.Insert(KV).Values("x", 1, 2).FromQuery(ast.Select(dK, dV, dN).From(KV))
		}},
		{Name: "bad_insert_column_of_other_table", Invalid: true, Build: func() ast.Node {
			return ast.Insert(KV).Columns(dK, uAge).Values("x", 1)
		}},
		{Name: "bad_unknown_column_where", Invalid: true, Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(Users.C("nope").Eq(1))
		}},
		{Name: "bad_unknown_column_insert", Invalid: true, Build: func() ast.Node {
			return ast.Insert(Users).Columns(uID, Users.C("nope")).Values(1, 2)
		}},
		{Name: "bad_unknown_column_set", Invalid: true, Build: func() ast.Node {
			return ast.Update(Users).Set(Users.C("nope"), 1).Where(uID.Eq(1))
		}},
		{Name: "bad_unknown_column_alias", Invalid: true, Build: func() ast.Node {
			u := Users.As("u")
			return ast.Select(u.C("nope")).From(u)
		}},
		{Name: "bad_column_not_in_from", Invalid: true, Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(oTotal.Gt(1))
		}},
		{Name: "bad_update_column_not_in_scope", Invalid: true, Build: func() ast.Node {
			return ast.Update(Users).Set(uAge, 1).Where(oTotal.Gt(1))
		}},
		{Name: "bad_update_alias_table_column", Invalid: true, Build: func() ast.Node {
			// Once aliased, the table is only known as u: users.id is out of scope.
			u := Users.As("u")
			return ast.Update(u).Set(u.C("age"), 1).Where(uID.Eq(1))
		}},
		{Name: "bad_set_column_of_other_table", Invalid: true, Build: func() ast.Node {
			return ast.Update(Users).Set(oTotal, 1).Where(uID.Eq(1))
		}},
		{Name: "bad_upsert_target_other_table", Invalid: true, Build: func() ast.Node {
			return ast.Insert(KV).Values("a", 1, 2).OnConflict(ast.Conflict(uEmail).DoNothingOnConflict())
		}},
		{Name: "bad_ident_nul", Invalid: true, Build: func() ast.Node {
			return ast.Select(ast.T("us\x00ers").C("id"))
		}},
		{Name: "bad_ident_invalid_utf8", Invalid: true, Build: func() ast.Node {
			return ast.Select(ast.T("bad\xff").C("id"))
		}},
		{Name: "bad_ident_invalid_utf8_label", Invalid: true, Build: func() ast.Node {
			return ast.Select(uID.As("x\xfe")).From(Users)
		}},
		{Name: "bad_ident_too_long", InvalidOn: []string{"postgres", "mysql", "mariadb"}, Build: func() ast.Node {
			// 65 bytes: PostgreSQL (63) and MySQL/MariaDB (64) refuse it; SQLite has no limit.
			return ast.Select(uID.As(strings.Repeat("a", 65))).Where(uID.Eq(1))
		}},
		{Name: "bad_nan_literal", InvalidOn: []string{"sqlite", "mysql", "mariadb", "questdb"}, Build: func() ast.Node {
			// PostgreSQL spells NaN; SQLite and MySQL have none.
			return ast.Select(uID).From(Users).Where(dScore.Ne(ast.Lit(math.NaN())))
		}},
		{Name: "bad_nan_param", InvalidOn: []string{"sqlite", "mysql", "mariadb", "questdb"}, Build: func() ast.Node {
			// PostgreSQL stores NaN; SQLite and MySQL refuse it when the arguments are made.
			return ast.Select(uID).From(Users).Where(dScore.Ne(ast.Param(math.NaN())))
		}},
		{Name: "bad_nan_param_insert", InvalidOn: []string{"sqlite", "mysql", "mariadb", "questdb"}, Build: func() ast.Node {
			// An untyped parameter: the same refusal is expected as for a typed one.
			return ast.Insert(Users).Columns(uID, uName, dScore).Values(10, "nan", ast.Param(math.NaN()))
		}},
		{Name: "bad_nan_insert", InvalidOn: []string{"sqlite", "mysql", "mariadb", "questdb"}, Build: func() ast.Node {
			return ast.Insert(Users).Columns(uID, uName, dScore).Values(10, "nan", math.NaN())
		}},
		{Name: "bad_excluded_in_update", Invalid: true, Build: func() ast.Node {
			return ast.Update(KV).Set(dV, ast.Excluded(dV))
		}},
		{Name: "bad_excluded_in_select", Invalid: true, Build: func() ast.Node {
			return ast.Select(dK, ast.Excluded(dV)).From(KV)
		}},
		{Name: "bad_excluded_in_insert_values", Invalid: true, Build: func() ast.Node {
			return ast.Insert(KV).Values("x", ast.Excluded(dV), 1).
				OnConflict(ast.Conflict(dK).DoNothingOnConflict())
		}},
		{Name: "bad_cte_without_body", Invalid: true, Build: func() ast.Node {
			r := ast.RecursiveCTE("r", "n")
			return ast.Select(r.C("n")).From(r)
		}},
		{Name: "bad_cross_join_with_on", Invalid: true, Build: func() ast.Node {
			return ast.Select(uID).From(&ast.Join{Type: ast.CrossJoin, Left: Users, Right: Orders, On: oUser.Eq(uID)})
		}},
		{Name: "bad_join_without_on", Invalid: true, Build: func() ast.Node {
			return ast.Select(uID).From(Users).Join(Orders, nil)
		}},
		{Name: "bad_like_escape_two_chars", Invalid: true, Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uName.Like("a%").WithEscape("ab"))
		}},
		{Name: "bad_deferred_missing", Invalid: true, Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uID.Eq(ast.Named("id")))
		}},
		{Name: "bad_deferred_missing_one_of_two", Invalid: true, Params: bind.Params{"k": "x"},
			Build: func() ast.Node {
				return ast.Insert(KV).Columns(dK, dV)
			}},
		{Name: "bad_text_deferred_missing", Invalid: true, Build: func() ast.Node {
			return ast.Text("SELECT id FROM users WHERE id = :id")
		}},
		{Name: "bad_text_expanding_empty", Invalid: true, Build: func() ast.Node {
			return ast.Text("SELECT id FROM users WHERE id IN (:ids)").
				BindParams(ast.NamedValue("ids", []int{}).AsExpanding())
		}},
		{Name: "bad_expanding_named_not_given", Invalid: true, Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uID.In(ast.Named("ids").AsExpanding()))
		}},
		{Name: "bad_expanding_outside_in", Invalid: true, Build: func() ast.Node {
			return ast.Select(uID).From(Users).Where(uID.Eq(ast.List([]int{1, 2})))
		}},
		{Name: "bad_param_two_values", Invalid: true, Build: func() ast.Node {
			return ast.Select(uID).From(Users).
				Where(uID.Eq(ast.NamedValue("x", 1)), uAge.Eq(ast.NamedValue("x", 2)))
		}},
		{Name: "bad_inline_deferred", Invalid: true, Options: dInline, Params: bind.Params{"id": 1},
			Build: func() ast.Node {
				return ast.Select(uID).From(Users).Where(uID.Eq(ast.Named("id")))
			}},
		{Name: "bad_returning_nil", Invalid: true, Build: func() ast.Node {
			return ast.Insert(KV).Values("x", 1, 2).Returning(nil)
		}},
		{Name: "bad_update_nil_table", Invalid: true, Build: func() ast.Node {
			return ast.Update(nil).Set(uAge, 1)
		}},
		{Name: "bad_delete_nil_where", Invalid: true, Build: func() ast.Node {
			return ast.Delete(Users).Where(nil)
		}},
		{Name: "bad_delete_limit_nil", Invalid: true, Build: func() ast.Node {
			return ast.Delete(Users).Where(uID.Eq(1)).Limit(nil)
		}},
	}
}
