package compiler_test

import (
	"testing"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/types"
)

var (
	bUsers = ast.NewTable("users", ast.Col("id", types.Integer), ast.Col("name", types.Text),
		ast.Col("email", types.Text), ast.Col("dept_id", types.Integer), ast.Col("active", types.Bool))
	bOrders = ast.NewTable("orders", ast.Col("id", types.Integer), ast.Col("user_id", types.Integer),
		ast.Col("total", types.Decimal(10, 2)), ast.Col("status", types.Text))
)

// q1 is SELECT id, name, email FROM users WHERE id = $1.
func q1(id int) ast.Stmt {
	return ast.Select(bUsers.C("id"), bUsers.C("name"), bUsers.C("email")).Where(bUsers.C("id").Eq(id))
}

// q2 is a join with three predicates (one an IN list of 3), GROUP BY, HAVING, ORDER BY
// and LIMIT/OFFSET: the mid-size query of the benchmarks module.
func q2(status string, ids [3]int, minTotal int) ast.Stmt {
	u, o := bUsers, bOrders
	return ast.Select(u.C("name"), ast.Count().As("n"), ast.Sum(o.C("total")).As("spent")).
		From(u).Join(o, o.C("user_id").Eq(u.C("id"))).
		Where(o.C("status").Eq(status), u.C("dept_id").In(ids[0], ids[1], ids[2]), u.C("active").Eq(true)).
		GroupBy(u.C("name")).
		Having(ast.Gt(ast.Sum(o.C("total")), minTotal)).
		OrderBy(ast.Desc(ast.Sum(o.C("total")))).
		Limit(10).Offset(20)
}

func BenchmarkBuildQ2(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = q2("paid", [3]int{1, 2, 3}, 100)
	}
}

func BenchmarkCompileQ1(b *testing.B) {
	d, q := postgres.Dialect(), q1(7)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.Compile(q); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompileQ2(b *testing.B) {
	d, q := postgres.Dialect(), q2("paid", [3]int{1, 2, 3}, 100)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.Compile(q); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuildCompileArgsQ2(b *testing.B) {
	d := postgres.Dialect()
	b.ReportAllocs()
	for b.Loop() {
		p, err := d.Compile(q2("paid", [3]int{1, 2, 3}, 100))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := p.Args(nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompileInsert100(b *testing.B) {
	ins := ast.Insert(bUsers)
	for i := range 100 {
		ins = ins.Values(i, "name", "e@example.com", 1, true)
	}
	q := ins.Returning(bUsers.C("id"))
	d := postgres.Dialect()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.Compile(q); err != nil {
			b.Fatal(err)
		}
	}
}
