package benchmarks

import (
	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/types"
)

// The schema every query reads, declared once as an application would.
var (
	users = ast.NewTable("users",
		ast.Col("id", types.Integer),
		ast.Col("name", types.Text),
		ast.Col("email", types.Text),
		ast.Col("dept_id", types.Integer),
		ast.Col("active", types.Bool),
	)
	orders = ast.NewTable("orders",
		ast.Col("id", types.Integer),
		ast.Col("user_id", types.Integer),
		ast.Col("total", types.Decimal(10, 2)),
		ast.Col("status", types.Text),
	)
	usersU  = users.As("u")
	ordersO = orders.As("o")
	ordersP = orders.As("p")
)

// PG is the dialect all Strata benchmarks compile for.
var PG = postgres.Dialect()

// StrataQ1 builds Q1.
func StrataQ1(id int) ast.Stmt { return strataQ1(users, id) }

func strataQ1(t *ast.Table, id int) ast.Stmt {
	return ast.Select(t.C("id"), t.C("name"), t.C("email")).Where(t.C("id").Eq(id))
}

// StrataQ2 builds Q2.
func StrataQ2(in Q2In) ast.Stmt { return strataQ2(usersU, ordersO, in) }

func strataQ2(u, o *ast.Alias, in Q2In) ast.Stmt {
	total := ast.Sum(o.C("total"))
	return ast.Select(u.C("name"), ast.Count(), total).
		From(u).Join(o, o.C("user_id").Eq(u.C("id"))).
		Where(
			o.C("status").Eq(in.Status),
			u.C("dept_id").In(in.Depts[0], in.Depts[1], in.Depts[2]),
			u.C("active").Eq(in.Active),
		).
		GroupBy(u.C("name")).
		Having(ast.Gt(total, in.MinTotal)).
		OrderBy(total.Desc()).
		Limit(in.Limit).Offset(in.Offset)
}

// StrataQ3 builds Q3.
func StrataQ3(in Q3In) ast.Stmt {
	u, o, p := usersU, ordersO, ordersP
	spent := ast.Select(o.C("user_id"), ast.Sum(o.C("total")).As("total")).
		From(o).Where(o.C("status").Eq(in.Status)).GroupBy(o.C("user_id")).
		CTE("spent")
	nOrders := ast.Select(ast.Count()).From(p).Where(p.C("user_id").Eq(u.C("id"))).Scalar()
	d := in.Depts
	top := ast.Select(u.C("id"), u.C("name"), spent.C("total"), ast.As(nOrders, "n")).
		From(u).Join(spent, spent.C("user_id").Eq(u.C("id"))).
		Where(u.C("dept_id").In(d[0], d[1], d[2], d[3], d[4]))
	inactive := ast.Select(u.C("id"), u.C("name"), spent.C("total"), ast.As(ast.Lit(0), "n")).
		From(u).Join(spent, spent.C("user_id").Eq(u.C("id"))).
		Where(u.C("active").Eq(in.Active))
	return ast.UnionAll(top, inactive)
}

// StrataQ4 builds Q4.
func StrataQ4(rows []UserRow) ast.Stmt {
	vals := make([][]any, len(rows))
	for i := range rows {
		r := &rows[i]
		vals[i] = []any{r.Name, r.Email, r.DeptID, r.Active}
	}
	return ast.Insert(users).Columns(users.C("name"), users.C("email"), users.C("dept_id"), users.C("active")).
		ValuesRows(vals).Returning(users.C("id"))
}

// StrataQ5 builds Q5.
func StrataQ5(in Q5In) ast.Stmt {
	return ast.Update(users).Set(users.C("name"), in.Name).Set(users.C("email"), in.Email).
		Where(users.C("id").Eq(in.ID))
}

// StrataSQL compiles n for PostgreSQL and returns its text and driver arguments.
func StrataSQL(n ast.Stmt) (string, []any, error) {
	p, err := PG.Compile(n)
	if err != nil {
		return "", nil, err
	}
	args, err := p.Args(nil)
	return p.SQL, args, err
}

// StrataCached is StrataSQL through a plan cache.
func StrataCached(c *compiler.Cache, n ast.Stmt) (string, []any, error) {
	p, args, err := c.Prepare(PG, n, compiler.Options{}, nil)
	if err != nil {
		return "", nil, err
	}
	return p.SQL, args, nil
}
