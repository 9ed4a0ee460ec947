package benchmarks

import (
	"github.com/doug-martin/goqu/v9"
	_ "github.com/doug-martin/goqu/v9/dialect/postgres" // registers "postgres"
)

// goqu renders $n placeholders only in prepared mode; otherwise it interpolates.
var goquPG = goqu.Dialect("postgres")

// GoquQ1 builds Q1 with goqu.
func GoquQ1(id int) (string, []any, error) {
	return goquPG.From("users").
		Select(goqu.I("users.id"), goqu.I("users.name"), goqu.I("users.email")).
		Where(goqu.I("users.id").Eq(id)).
		Prepared(true).ToSQL()
}

// GoquQ2 builds Q2 with goqu. Eq(true) would render IS TRUE with the value in the
// text; goqu.V keeps it a parameter, as in the other builders.
func GoquQ2(in Q2In) (string, []any, error) {
	total := goqu.SUM(goqu.I("o.total"))
	return goquPG.From(goqu.T("users").As("u")).
		Select(goqu.I("u.name"), goqu.COUNT(goqu.Star()), total).
		Join(goqu.T("orders").As("o"), goqu.On(goqu.I("o.user_id").Eq(goqu.I("u.id")))).
		Where(
			goqu.I("o.status").Eq(in.Status),
			goqu.I("u.dept_id").In(in.Depts[0], in.Depts[1], in.Depts[2]),
			goqu.I("u.active").Eq(goqu.V(in.Active)),
		).
		GroupBy(goqu.I("u.name")).
		Having(total.Gt(in.MinTotal)).
		Order(total.Desc()).
		Limit(uint(in.Limit)).Offset(uint(in.Offset)).
		Prepared(true).ToSQL()
}

// GoquQ3 builds Q3 with goqu.
func GoquQ3(in Q3In) (string, []any, error) {
	spent := goquPG.From(goqu.T("orders").As("o")).
		Select(goqu.I("o.user_id"), goqu.SUM(goqu.I("o.total")).As("total")).
		Where(goqu.I("o.status").Eq(in.Status)).
		GroupBy(goqu.I("o.user_id"))
	nOrders := goquPG.From(goqu.T("orders").As("p")).
		Select(goqu.COUNT(goqu.Star())).
		Where(goqu.I("p.user_id").Eq(goqu.I("u.id")))
	on := goqu.On(goqu.I("spent.user_id").Eq(goqu.I("u.id")))
	d := in.Depts
	top := goquPG.From(goqu.T("users").As("u")).
		Select(goqu.I("u.id"), goqu.I("u.name"), goqu.I("spent.total"), nOrders.As("n")).
		Join(goqu.T("spent"), on).
		Where(goqu.I("u.dept_id").In(d[0], d[1], d[2], d[3], d[4]))
	inactive := goquPG.From(goqu.T("users").As("u")).
		Select(goqu.I("u.id"), goqu.I("u.name"), goqu.I("spent.total"), goqu.L("0").As("n")).
		Join(goqu.T("spent"), on).
		Where(goqu.I("u.active").Eq(goqu.V(in.Active)))
	return top.UnionAll(inactive).With("spent", spent).Prepared(true).ToSQL()
}

// GoquQ4 builds Q4 with goqu.
func GoquQ4(rows []UserRow) (string, []any, error) {
	vals := make([][]any, len(rows))
	for i := range rows {
		r := &rows[i]
		vals[i] = []any{r.Name, r.Email, r.DeptID, r.Active}
	}
	return goquPG.Insert("users").
		Cols("name", "email", "dept_id", "active").
		Vals(vals...).
		Returning("id").
		Prepared(true).ToSQL()
}

// GoquQ5 builds Q5 with goqu. A goqu.Record is a map, rendered in key order (email
// before name); the ordered form needs a struct read by reflection, so we keep the map,
// which is how goqu's documentation writes updates.
func GoquQ5(in Q5In) (string, []any, error) {
	return goquPG.Update("users").
		Set(goqu.Record{"name": in.Name, "email": in.Email}).
		Where(goqu.I("users.id").Eq(in.ID)).
		Prepared(true).ToSQL()
}
