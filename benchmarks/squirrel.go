package benchmarks

import (
	sq "github.com/Masterminds/squirrel"
)

// Nested squirrel builders must keep the default ? format: the outermost one rewrites
// every ? to $n once, at the end.
var sqPG = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)

// SquirrelQ1 builds Q1 with squirrel.
func SquirrelQ1(id int) (string, []any, error) {
	return sqPG.Select("users.id", "users.name", "users.email").From("users").
		Where(sq.Eq{"users.id": id}).ToSql()
}

// SquirrelQ2 builds Q2 with squirrel. Limit and Offset take uint64s rendered into the
// text; a Suffix binds them instead.
func SquirrelQ2(in Q2In) (string, []any, error) {
	return sqPG.Select("u.name", "count(*)", "sum(o.total)").
		From("users AS u").
		Join("orders AS o ON o.user_id = u.id").
		Where(sq.Eq{"o.status": in.Status}).
		Where(sq.Eq{"u.dept_id": in.Depts[:]}).
		Where(sq.Eq{"u.active": in.Active}).
		GroupBy("u.name").
		Having("sum(o.total) > ?", in.MinTotal).
		OrderBy("sum(o.total) DESC").
		Suffix("LIMIT ? OFFSET ?", in.Limit, in.Offset).
		ToSql()
}

// SquirrelQ3 builds Q3 with squirrel, which has neither WITH nor UNION: both are
// written as raw SQL around nested builders (PrefixExpr, SuffixExpr).
func SquirrelQ3(in Q3In) (string, []any, error) {
	spent := sq.Select("o.user_id", "sum(o.total) AS total").From("orders AS o").
		Where(sq.Eq{"o.status": in.Status}).GroupBy("o.user_id")
	nOrders := sq.Select("count(*)").From("orders AS p").Where("p.user_id = u.id")
	top := sq.Select("u.id", "u.name", "spent.total").Column(sq.Alias(nOrders, "n")).
		From("users AS u").Join("spent ON spent.user_id = u.id").
		Where(sq.Eq{"u.dept_id": in.Depts[:]})
	inactive := sq.Select("u.id", "u.name", "spent.total", "0 AS n").
		From("users AS u").Join("spent ON spent.user_id = u.id").
		Where(sq.Eq{"u.active": in.Active})
	return top.
		PrefixExpr(sq.Expr("WITH spent AS (?)", spent)).
		SuffixExpr(sq.Expr("UNION ALL ?", inactive)).
		PlaceholderFormat(sq.Dollar).
		ToSql()
}

// SquirrelQ4 builds Q4 with squirrel.
func SquirrelQ4(rows []UserRow) (string, []any, error) {
	ins := sqPG.Insert("users").Columns("name", "email", "dept_id", "active")
	for i := range rows {
		r := &rows[i]
		ins = ins.Values(r.Name, r.Email, r.DeptID, r.Active)
	}
	return ins.Suffix("RETURNING id").ToSql()
}

// SquirrelQ5 builds Q5 with squirrel.
func SquirrelQ5(in Q5In) (string, []any, error) {
	return sqPG.Update("users").Set("name", in.Name).Set("email", in.Email).
		Where(sq.Eq{"users.id": in.ID}).ToSql()
}
