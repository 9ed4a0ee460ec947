package benchmarks

import (
	sb "github.com/huandu/go-sqlbuilder"
)

// SQLBuilderQ1 builds Q1 with go-sqlbuilder.
func SQLBuilderQ1(id int) (string, []any, error) {
	s := sb.PostgreSQL.NewSelectBuilder()
	s.Select("users.id", "users.name", "users.email").From("users").Where(s.Equal("users.id", id))
	q, args := s.Build()
	return q, args, nil
}

// SQLBuilderQ2 builds Q2 with go-sqlbuilder.
func SQLBuilderQ2(in Q2In) (string, []any, error) {
	s := sb.PostgreSQL.NewSelectBuilder()
	s.Select("u.name", "count(*)", "sum(o.total)").
		From("users AS u").
		Join("orders AS o", "o.user_id = u.id").
		Where(
			s.Equal("o.status", in.Status),
			s.In("u.dept_id", in.Depts[0], in.Depts[1], in.Depts[2]),
			s.Equal("u.active", in.Active),
		).
		GroupBy("u.name").
		Having(s.GreaterThan("sum(o.total)", in.MinTotal)).
		OrderBy("sum(o.total)").Desc().
		Limit(in.Limit).Offset(in.Offset)
	q, args := s.Build()
	return q, args, nil
}

// SQLBuilderQ3 builds Q3 with go-sqlbuilder. Its UnionBuilder parenthesises each
// member, so a WITH on the first member would not reach the second: the WITH clause is
// raw SQL injected before the union, with the CTE's builder nested through Var.
func SQLBuilderQ3(in Q3In) (string, []any, error) {
	spent := sb.PostgreSQL.NewSelectBuilder()
	spent.Select("o.user_id", "sum(o.total) AS total").From("orders AS o").
		Where(spent.Equal("o.status", in.Status)).GroupBy("o.user_id")

	nOrders := sb.PostgreSQL.NewSelectBuilder()
	nOrders.Select("count(*)").From("orders AS p").Where("p.user_id = u.id")

	d := in.Depts
	top := sb.PostgreSQL.NewSelectBuilder()
	top.Select("u.id", "u.name", "spent.total", top.BuilderAs(nOrders, "n")).
		From("users AS u").Join("spent", "spent.user_id = u.id").
		Where(top.In("u.dept_id", d[0], d[1], d[2], d[3], d[4]))

	inactive := sb.PostgreSQL.NewSelectBuilder()
	inactive.Select("u.id", "u.name", "spent.total", "0 AS n").
		From("users AS u").Join("spent", "spent.user_id = u.id").
		Where(inactive.Equal("u.active", in.Active))

	u := sb.PostgreSQL.NewUnionBuilder()
	u.SQL("WITH spent AS (" + u.Var(spent) + ")")
	u.UnionAll(top, inactive)
	q, args := u.Build()
	return q, args, nil
}

// SQLBuilderQ4 builds Q4 with go-sqlbuilder.
func SQLBuilderQ4(rows []UserRow) (string, []any, error) {
	ib := sb.PostgreSQL.NewInsertBuilder()
	ib.InsertInto("users").Cols("name", "email", "dept_id", "active")
	for i := range rows {
		r := &rows[i]
		ib.Values(r.Name, r.Email, r.DeptID, r.Active)
	}
	ib.Returning("id")
	q, args := ib.Build()
	return q, args, nil
}

// SQLBuilderQ5 builds Q5 with go-sqlbuilder.
func SQLBuilderQ5(in Q5In) (string, []any, error) {
	ub := sb.PostgreSQL.NewUpdateBuilder()
	ub.Update("users").Set(ub.Assign("name", in.Name), ub.Assign("email", in.Email)).
		Where(ub.Equal("users.id", in.ID))
	q, args := ub.Build()
	return q, args, nil
}
