package ast_test

import (
	"fmt"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects/mysql"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/types"
)

// The tables the examples query.
var (
	users = ast.NewTable("users",
		ast.Col("id", types.Integer),
		ast.Col("name", types.String(50)),
		ast.Col("age", types.Integer),
		ast.Col("dept_id", types.Integer),
		ast.Col("manager_id", types.Integer),
	)
	orders = ast.NewTable("orders",
		ast.Col("id", types.Integer),
		ast.Col("user_id", types.Integer),
		ast.Col("total", types.Decimal(10, 2)),
		ast.Col("status", types.String(20)),
	)
	depts = ast.NewTable("depts",
		ast.Col("id", types.Integer),
		ast.Col("name", types.String(20)),
		ast.Col("parent_id", types.Integer),
	)
)

// The dialects the examples compile for.
var (
	pg    = postgres.Dialect()
	lite  = sqlite.Dialect()
	my    = mysql.Dialect()
	maria = mysql.MariaDBDialect()
)

// show compiles n for each dialect and prints the SQL, or the error.
func show(n ast.Node, ds ...*compiler.Dialect) {
	for _, d := range ds {
		label := fmt.Sprintf("%-9s", d.Name+":")
		p, err := d.Compile(n)
		if err != nil {
			fmt.Println(label, "error:", err)
			continue
		}
		fmt.Println(label, p.SQL)
	}
}

// args prints the driver arguments of n compiled for d.
func args(n ast.Node, d *compiler.Dialect) {
	p, err := d.Compile(n)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	a, err := p.Args(nil)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println("args:", a)
}

// Statements are values: every method returns a modified copy, so two queries can
// grow from one base without affecting it or each other.
func Example_immutable() {
	base := ast.Select(users.C("id"), users.C("name")).From(users).Where(users.C("age").Ge(18))
	adults := base.OrderBy(users.C("name"))
	managers := base.Where(users.C("manager_id").IsNull()).Limit(5)

	show(base, pg)
	show(adults, pg)
	show(managers, pg)
	// Output:
	// postgres: SELECT users.id, users.name FROM users WHERE users.age >= $1
	// postgres: SELECT users.id, users.name FROM users WHERE users.age >= $1 ORDER BY users.name
	// postgres: SELECT users.id, users.name FROM users WHERE users.age >= $1 AND users.manager_id IS NULL LIMIT $2
}

func ExampleSelect() {
	q := ast.Select(users.C("name"), ast.Count().As("n"), ast.Sum(orders.C("total")).As("spent")).
		From(users).
		Join(orders, orders.C("user_id").Eq(users.C("id"))).
		Where(users.C("age").Gt(21), orders.C("status").Ne("void")).
		GroupBy(users.C("name")).
		Having(ast.Gt(ast.Count(), 2)).
		OrderBy(users.C("name").Desc()).
		Limit(10).Offset(20)

	show(q, pg, lite)
	args(q, pg)
	// Output:
	// postgres: SELECT users.name, count(*) AS n, sum(orders.total) AS spent FROM users JOIN orders ON orders.user_id = users.id WHERE users.age > $1 AND orders.status <> $2 GROUP BY users.name HAVING count(*) > $3 ORDER BY users.name DESC LIMIT $4 OFFSET $5
	// sqlite:   SELECT users.name, count(*) AS n, sum(orders.total) AS spent FROM users JOIN orders ON orders.user_id = users.id WHERE users.age > ? AND orders.status <> ? GROUP BY users.name HAVING count(*) > ? ORDER BY users.name DESC LIMIT ? OFFSET ?
	// args: [21 void 2 10 20]
}

// Without From, the FROM clause lists the tables of the column references in the
// select list and WHERE clause.
func ExampleSelect_inferredFrom() {
	q := ast.Select(users.C("name"), orders.C("total")).Where(orders.C("user_id").Eq(users.C("id")))

	show(q, pg)
	// Output:
	// postgres: SELECT users.name, orders.total FROM users, orders WHERE orders.user_id = users.id
}

// An alias joins a table to itself; LeftJoin, RightJoin, FullJoin and CrossJoin join
// the last FROM item as Join does.
func ExampleSelectStmt_Join() {
	mgr := users.As("mgr")
	q := ast.Select(users.C("name"), mgr.C("name").As("manager"), orders.C("total")).
		From(users).
		LeftJoin(mgr, mgr.C("id").Eq(users.C("manager_id"))).
		Join(orders, orders.C("user_id").Eq(users.C("id")))

	show(q, pg)
	// Output:
	// postgres: SELECT users.name, mgr.name AS manager, orders.total FROM users LEFT OUTER JOIN users AS mgr ON mgr.id = users.manager_id JOIN orders ON orders.user_id = users.id
}

// IN takes a list of values, an expanding List whose elements each get a placeholder,
// or nothing: an empty list is a condition that is always false (IN) or always true
// (NOT IN), never the invalid "IN ()".
func ExampleColumn_In() {
	id := users.C("id")
	show(ast.Select(id).From(users).Where(id.In(1, 2, 3)), pg, lite)
	show(ast.Select(id).From(users).Where(id.In(ast.List([]int{4, 5}))), pg)
	show(ast.Select(id).From(users).Where(id.In()), pg)
	show(ast.Select(id).From(users).Where(id.NotIn(ast.List([]int{}))), pg)
	// Output:
	// postgres: SELECT users.id FROM users WHERE users.id IN ($1, $2, $3)
	// sqlite:   SELECT users.id FROM users WHERE users.id IN (?, ?, ?)
	// postgres: SELECT users.id FROM users WHERE users.id IN ($1, $2)
	// postgres: SELECT users.id FROM users WHERE 1 <> 1
	// postgres: SELECT users.id FROM users WHERE 1 = 1
}

// A row value on the left compares against a list of tuples; SQLite spells the list
// as VALUES.
func ExampleIn_tuple() {
	pair := ast.Tuple(users.C("dept_id"), users.C("age"))
	q := ast.Select(users.C("id")).From(users).
		Where(ast.In(pair, ast.Tuple(1, 30), ast.Tuple(2, 40)))

	show(q, pg, lite)
	// Output:
	// postgres: SELECT users.id FROM users WHERE (users.dept_id, users.age) IN (($1, $2), ($3, $4))
	// sqlite:   SELECT users.id FROM users WHERE (users.dept_id, users.age) IN (VALUES (?, ?), (?, ?))
}

func ExampleInQuery() {
	big := ast.Select(orders.C("user_id")).From(orders).Where(orders.C("total").Gt(100))
	q := ast.Select(users.C("name")).From(users).Where(users.C("id").InQuery(big))

	show(q, pg)
	// Output:
	// postgres: SELECT users.name FROM users WHERE users.id IN (SELECT orders.user_id FROM orders WHERE orders.total > $1)
}

// The pattern of Like is used as given; WithEscape names the character that makes
// a following % or _ literal.
func ExampleLike() {
	q := ast.Select(users.C("id")).From(users).
		Where(ast.Like(users.C("name"), "100/%%").WithEscape("/"))

	show(q, pg, my)
	args(q, pg)
	// Output:
	// postgres: SELECT users.id FROM users WHERE users.name LIKE $1 ESCAPE '/'
	// mysql:    SELECT users.id FROM users WHERE users.name LIKE ? ESCAPE '/'
	// args: [100/%%]
}

// StartsWith, EndsWith and Contains escape the wildcards in a string argument, so
// user input matches literally.
func ExampleContains() {
	name := users.C("name")
	q := ast.Select(users.C("id")).From(users).
		Where(ast.Or(name.StartsWith("50%_off"), ast.Contains(name, "a_b")))

	show(q, pg)
	args(q, pg)
	// Output:
	// postgres: SELECT users.id FROM users WHERE users.name LIKE $1 ESCAPE '/' OR users.name LIKE $2 ESCAPE '/'
	// args: [50/%/_off% %a/_b%]
}

// Case-insensitive matching is ILIKE where the dialect has it and lower() on both
// sides elsewhere.
func ExampleILike() {
	q := ast.Select(users.C("id")).From(users).Where(ast.ILike(users.C("name"), "an%"))

	show(q, pg, lite, my)
	// Output:
	// postgres: SELECT users.id FROM users WHERE users.name ILIKE $1
	// sqlite:   SELECT users.id FROM users WHERE lower(users.name) LIKE lower(?)
	// mysql:    SELECT users.id FROM users WHERE lower(users.name) LIKE lower(?)
}

// The NULL-safe comparisons have a spelling on every dialect.
func ExampleIsDistinctFrom() {
	q := ast.Select(users.C("id")).From(users).Where(
		ast.IsDistinctFrom(users.C("manager_id"), 1),
		ast.IsNotDistinctFrom(users.C("dept_id"), users.C("manager_id")),
	)

	show(q, pg, lite, my)
	// Output:
	// postgres: SELECT users.id FROM users WHERE users.manager_id IS DISTINCT FROM $1 AND users.dept_id IS NOT DISTINCT FROM users.manager_id
	// sqlite:   SELECT users.id FROM users WHERE users.manager_id IS NOT ? AND users.dept_id IS users.manager_id
	// mysql:    SELECT users.id FROM users WHERE (NOT (users.manager_id <=> ?)) AND users.dept_id <=> users.manager_id
}

func ExampleCase() {
	age := users.C("age")
	band := ast.Case(
		ast.WhenThen(age.Lt(18), ast.Lit("minor")),
		ast.WhenThen(age.Lt(65), ast.Lit("adult")),
	).ElseResult(ast.Lit("senior"))

	show(ast.Select(users.C("name"), ast.As(band, "band")).From(users), pg)
	// Output:
	// postgres: SELECT users.name, CASE WHEN users.age < $1 THEN 'minor' WHEN users.age < $2 THEN 'adult' ELSE 'senior' END AS band FROM users
}

// A simple CASE compares one operand with each WHEN value; Go values there are bound
// as parameters typed like the operand.
func ExampleSimpleCase() {
	dept := ast.SimpleCase(users.C("dept_id"),
		ast.WhenThen(1, ast.Lit("eng")),
		ast.WhenThen(2, ast.Lit("ops")),
	)

	show(ast.Select(ast.As(dept, "dept")).From(users), pg)
	// Output:
	// postgres: SELECT CASE users.dept_id WHEN $1 THEN 'eng' WHEN $2 THEN 'ops' END AS dept FROM users
}

// CAST targets are spelled in the names each database's CAST accepts.
func ExampleCast() {
	q := ast.Select(
		ast.Cast(users.C("age"), types.Text),
		ast.Cast(orders.C("total"), types.Integer),
		ast.Cast(users.C("name"), types.DateTime),
	).From(users, orders)

	show(q, pg, lite, my)
	// Output:
	// postgres: SELECT CAST(users.age AS TEXT), CAST(orders.total AS INTEGER), CAST(users.name AS TIMESTAMP) FROM users, orders
	// sqlite:   SELECT CAST(users.age AS TEXT), CAST(orders.total AS INTEGER), CAST(users.name AS TEXT) FROM users, orders
	// mysql:    SELECT CAST(users.age AS CHAR), CAST(orders.total AS SIGNED), CAST(users.name AS DATETIME(6)) FROM users, orders
}

// Div is true division and IntDiv integer division truncating toward zero, whatever
// the operand types: each dialect makes its / operator mean that.
func ExampleDiv() {
	age := users.C("age")
	q := ast.Select(ast.Div(age, 2), ast.IntDiv(age, 2)).From(users)

	show(q, pg, lite, my)
	// Output:
	// postgres: SELECT users.age / CAST($1 AS NUMERIC), div(users.age, $2) FROM users
	// sqlite:   SELECT users.age / (? + 0.0), CAST(users.age / ? AS INTEGER) FROM users
	// mysql:    SELECT users.age / ?, users.age DIV ? FROM users
}

// Concatenation is || or, on MySQL, where || may mean OR, concat().
func ExampleConcat() {
	q := ast.Select(ast.Concat(users.C("name"), ast.Lit(" #"), users.C("id"))).From(users)

	show(q, pg, my)
	// Output:
	// postgres: SELECT users.name || ' #' || users.id FROM users
	// mysql:    SELECT concat(users.name, ' #', users.id) FROM users
}

// An aggregate's FILTER clause becomes a CASE inside the aggregate where FILTER is
// missing.
func ExampleFunc_FilterWhere() {
	age := users.C("age")
	q := ast.Select(
		ast.Count().FilterWhere(age.Ge(65)).As("seniors"),
		ast.Sum(age).FilterWhere(age.Lt(18)).As("minor_years"),
		ast.CountDistinct(users.C("dept_id")).As("depts"),
	).From(users)

	show(q, pg, my)
	// Output:
	// postgres: SELECT count(*) FILTER (WHERE users.age >= $1) AS seniors, sum(users.age) FILTER (WHERE users.age < $2) AS minor_years, count(DISTINCT users.dept_id) AS depts FROM users
	// mysql:    SELECT count(CASE WHEN users.age >= ? THEN 1 END) AS seniors, sum(CASE WHEN users.age < ? THEN users.age END) AS minor_years, count(DISTINCT users.dept_id) AS depts FROM users
}

// StringAgg is string_agg or group_concat.
func ExampleStringAgg() {
	q := ast.Select(ast.StringAgg(users.C("name"), ", ")).From(users)

	show(q, pg, lite, my)
	// Output:
	// postgres: SELECT string_agg(users.name, ', ') FROM users
	// sqlite:   SELECT group_concat(users.name, ', ') FROM users
	// mysql:    SELECT group_concat(users.name SEPARATOR ', ') FROM users
}

// Window functions take a window with partitions, order and a frame; frame offsets
// are written as literals.
func ExampleFunc_Over() {
	age := users.C("age")
	running := ast.OverWindow().PartitionedBy(users.C("dept_id")).OrderedBy(users.C("id")).
		RowsBetween(ast.Unbounded(), ast.Current())
	moving := ast.OverWindow().OrderedBy(users.C("id")).
		RowsBetween(ast.PrecedingBy(2), ast.FollowingBy(2))
	q := ast.Select(
		users.C("name"),
		ast.Sum(age).Over(running).As("running"),
		ast.Avg(age).Over(moving).As("moving"),
	).From(users)

	show(q, pg)
	// Output:
	// postgres: SELECT users.name, sum(users.age) OVER (PARTITION BY users.dept_id ORDER BY users.id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running, avg(users.age) OVER (ORDER BY users.id ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING) AS moving FROM users
}

// GROUPS frames and EXCLUDE are missing on MySQL and MariaDB.
func ExampleWindow_GroupsBetween() {
	age := users.C("age")
	w := ast.OverWindow().OrderedBy(age).
		GroupsBetween(ast.PrecedingBy(1), ast.FollowingBy(1)).
		Excluding(ast.ExcludeCurrentRow)

	show(ast.Select(ast.Avg(age).Over(w)).From(users), pg, my)
	// Output:
	// postgres: SELECT avg(users.age) OVER (ORDER BY users.age GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE CURRENT ROW) FROM users
	// mysql:    error: compiler: mysql does not support GROUPS window frames (use ROWS or RANGE)
}

// Named windows are declared once in the WINDOW clause; a window may refine one.
func ExampleSelectStmt_Window() {
	w := ast.NamedWindow("w").PartitionedBy(users.C("dept_id")).OrderedBy(users.C("age").Desc())
	q := ast.Select(
		users.C("name"),
		ast.RowNumber().OverName("w").As("rn"),
		ast.Sum(users.C("age")).Over(ast.OverWindow().Refines("w").RowsBetween(ast.Unbounded(), ast.Current())).As("total"),
	).From(users).Window(w)

	show(q, pg)
	// Output:
	// postgres: SELECT users.name, row_number() OVER w AS rn, sum(users.age) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS total FROM users WINDOW w AS (PARTITION BY users.dept_id ORDER BY users.age DESC)
}

// A scalar subquery is a value. Its inferred FROM items that the enclosing query
// also has refer to that query: users is correlated, not repeated.
func ExampleSelectStmt_Scalar() {
	n := ast.Select(ast.Count()).Where(orders.C("user_id").Eq(users.C("id"))).Scalar()
	q := ast.Select(users.C("name"), ast.As(n, "n_orders")).From(users)

	show(q, pg)
	// Output:
	// postgres: SELECT users.name, (SELECT count(*) FROM orders WHERE orders.user_id = users.id) AS n_orders FROM users
}

// Correlate chooses the correlated FROM items explicitly; with none, the subquery
// stands alone.
func ExampleSelectStmt_Correlate() {
	sub := ast.Select(ast.Count()).Where(orders.C("user_id").Eq(users.C("id")))

	show(ast.Select(users.C("name"), sub.Scalar()).From(users), pg)
	show(ast.Select(users.C("name"), sub.Correlate().Scalar()).From(users), pg)
	// Output:
	// postgres: SELECT users.name, (SELECT count(*) FROM orders WHERE orders.user_id = users.id) FROM users
	// postgres: SELECT users.name, (SELECT count(*) FROM orders, users WHERE orders.user_id = users.id) FROM users
}

func ExampleExists() {
	has := ast.Select(ast.Lit(1)).From(orders).Where(orders.C("user_id").Eq(users.C("id")))
	q := ast.Select(users.C("name")).From(users).Where(ast.NotExists(has))

	show(q, pg)
	// Output:
	// postgres: SELECT users.name FROM users WHERE NOT EXISTS (SELECT 1 FROM orders WHERE orders.user_id = users.id)
}

// ANY and ALL are the right operand of a comparison; SQLite has neither.
func ExampleAny() {
	big := ast.Select(orders.C("user_id")).From(orders).Where(orders.C("total").Gt(100))
	q := ast.Select(users.C("name")).From(users).Where(ast.Eq(users.C("id"), ast.Any(big)))

	show(q, pg, lite)
	// Output:
	// postgres: SELECT users.name FROM users WHERE users.id = ANY (SELECT orders.user_id FROM orders WHERE orders.total > $1)
	// sqlite:   error: compiler: sqlite does not support ANY (subquery) (use IN, NOT IN or EXISTS)
}

// ORDER BY and LIMIT of a compound apply to the whole result and name its columns.
func ExampleUnion() {
	young := ast.Select(users.C("name")).From(users).Where(users.C("age").Lt(20))
	old := ast.Select(users.C("name")).From(users).Where(users.C("age").Gt(60))

	show(ast.Union(young, old).OrderBy(users.C("name")).Limit(5), pg)
	show(ast.Except(young, old), lite)
	// Output:
	// postgres: SELECT users.name FROM users WHERE users.age < $1 UNION SELECT users.name FROM users WHERE users.age > $2 ORDER BY name LIMIT $3
	// sqlite:   SELECT users.name FROM users WHERE users.age < ? EXCEPT SELECT users.name FROM users WHERE users.age > ?
}

// Members with their own ORDER BY or LIMIT are parenthesised; SQLite, which rejects
// that, reads them from a derived table.
func ExampleUnionAll_members() {
	youngest := ast.Select(users.C("name")).From(users).OrderBy(users.C("age")).Limit(3)
	oldest := ast.Select(users.C("name")).From(users).OrderBy(users.C("age").Desc()).Limit(3)

	show(ast.UnionAll(youngest, oldest), pg, lite)
	// Output:
	// postgres: (SELECT users.name FROM users ORDER BY users.age LIMIT $1) UNION ALL (SELECT users.name FROM users ORDER BY users.age DESC LIMIT $2)
	// sqlite:   SELECT * FROM (SELECT users.name FROM users ORDER BY users.age LIMIT ?) UNION ALL SELECT * FROM (SELECT users.name FROM users ORDER BY users.age DESC LIMIT ?)
}

// Using a CTE in a FROM clause declares it in the statement's WITH clause.
func ExampleNewCTE() {
	spent := ast.NewCTE("spent",
		ast.Select(orders.C("user_id"), ast.Sum(orders.C("total")).As("total")).
			From(orders).GroupBy(orders.C("user_id")))
	q := ast.Select(users.C("name"), spent.C("total")).
		From(users).
		Join(spent, spent.C("user_id").Eq(users.C("id"))).
		Where(spent.C("total").Gt(1000))

	show(q, pg)
	// Output:
	// postgres: WITH spent AS (SELECT orders.user_id, sum(orders.total) AS total FROM orders GROUP BY orders.user_id) SELECT users.name, spent.total FROM users JOIN spent ON spent.user_id = users.id WHERE spent.total > $1
}

// A recursive CTE is declared first, referred to while its body is built, then given
// its body with WithBody.
func ExampleRecursiveCTE() {
	tree := ast.RecursiveCTE("tree", "id", "name", "depth")
	tree = tree.WithBody(ast.UnionAll(
		ast.Select(depts.C("id"), depts.C("name"), ast.Lit(0)).
			From(depts).Where(depts.C("parent_id").IsNull()),
		ast.Select(depts.C("id"), depts.C("name"), ast.Add(tree.C("depth"), ast.Lit(1))).
			From(depts).Join(tree, depts.C("parent_id").Eq(tree.C("id"))),
	))
	q := ast.Select(tree.C("name"), tree.C("depth")).From(tree).OrderBy(tree.C("depth"))

	show(q, pg, lite)
	// Output:
	// postgres: WITH RECURSIVE tree (id, name, depth) AS (SELECT depts.id, depts.name, 0 FROM depts WHERE depts.parent_id IS NULL UNION ALL SELECT depts.id, depts.name, tree.depth + 1 FROM depts JOIN tree ON depts.parent_id = tree.id) SELECT tree.name, tree.depth FROM tree ORDER BY tree.depth
	// sqlite:   WITH RECURSIVE tree (id, name, depth) AS (SELECT depts.id, depts.name, 0 FROM depts WHERE depts.parent_id IS NULL UNION ALL SELECT depts.id, depts.name, tree.depth + 1 FROM depts JOIN tree ON depts.parent_id = tree.id) SELECT tree.name, tree.depth FROM tree ORDER BY tree.depth
}

// A VALUES list in FROM needs a name and column names. PostgreSQL casts its
// parameters, whose types it would not infer; SQLite and MySQL cannot name VALUES
// columns directly, so they select from it.
func ExampleValues() {
	v := ast.Values([]any{1, "eng"}, []any{2, "ops"}).As("v", "id", "label")
	q := ast.Select(users.C("name"), v.C("label")).From(users).Join(v, v.C("id").Eq(users.C("dept_id")))

	show(q, pg, lite, my)
	// Output:
	// postgres: SELECT users.name, v.label FROM users JOIN (VALUES ($1::bigint, $2::text), ($3::bigint, $4::text)) AS v (id, label) ON v.id = users.dept_id
	// sqlite:   SELECT users.name, v.label FROM users JOIN (SELECT column1 AS id, column2 AS label FROM (VALUES (?, ?), (?, ?))) AS v ON v.id = users.dept_id
	// mysql:    SELECT users.name, v.label FROM users JOIN (SELECT ? AS id, ? AS label UNION ALL SELECT ?, ?) AS v ON v.id = users.dept_id
}

// Each call of Values adds a row.
func ExampleInsertStmt_Values() {
	q := ast.Insert(users).Columns(users.C("id"), users.C("name")).
		Values(1, "ann").
		Values(2, "bob").
		Values(3, nil)

	show(q, pg, lite)
	args(q, pg)
	// Output:
	// postgres: INSERT INTO users (id, name) VALUES ($1, $2), ($3, $4), ($5, $6)
	// sqlite:   INSERT INTO users (id, name) VALUES (?, ?), (?, ?), (?, ?)
	// args: [1 ann 2 bob 3 <nil>]
}

// Without rows, each column gets a named parameter, supplied when the statement
// runs (see compiler.Plan.Args).
func ExampleInsertStmt_Columns() {
	show(ast.Insert(users).Columns(users.C("id"), users.C("name")), pg)
	// Output:
	// postgres: INSERT INTO users (id, name) VALUES ($1, $2)
}

func ExampleInsertStmt_DefaultValues() {
	show(ast.Insert(users).DefaultValues(), pg, my)
	// Output:
	// postgres: INSERT INTO users DEFAULT VALUES
	// mysql:    INSERT INTO users () VALUES ()
}

// One upsert API for every dialect: ON CONFLICT on PostgreSQL and SQLite, ON
// DUPLICATE KEY UPDATE on MySQL and MariaDB, which have no conflict target and fire
// on any unique key. Excluded is the value the INSERT proposed.
func ExampleConflict() {
	name := users.C("name")
	q := ast.Insert(users).Columns(users.C("id"), name).Values(1, "ann").
		OnConflict(ast.Conflict(users.C("id")).DoUpdate(ast.Set(name, ast.Excluded(name))))

	show(q, pg, lite, my, maria)
	// Output:
	// postgres: INSERT INTO users (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = excluded.name
	// sqlite:   INSERT INTO users (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name
	// mysql:    INSERT INTO users (id, name) VALUES (?, ?) AS new ON DUPLICATE KEY UPDATE name = new.name
	// mariadb:  INSERT INTO users (id, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name)
}

// DO NOTHING becomes an assignment of a column to itself on MySQL and MariaDB, which
// keeps the row without turning other errors into warnings as INSERT IGNORE would.
func ExampleOnConflict_DoNothingOnConflict() {
	q := ast.Insert(users).Columns(users.C("id"), users.C("name")).Values(1, "ann").
		OnConflict(ast.Conflict(users.C("id")).DoNothingOnConflict())

	show(q, pg, my)
	// Output:
	// postgres: INSERT INTO users (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING
	// mysql:    INSERT INTO users (id, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE users.id = users.id
}

// RETURNING is rendered where the dialect has it and is an error elsewhere.
func ExampleInsertStmt_Returning() {
	q := ast.Insert(users).Columns(users.C("name")).Values("ann").Returning(users.C("id"))

	show(q, pg, maria, my)
	// Output:
	// postgres: INSERT INTO users (name) VALUES ($1) RETURNING id
	// mariadb:  INSERT INTO users (name) VALUES (?) RETURNING id
	// mysql:    error: compiler: mysql does not support INSERT … RETURNING (select the rows in the same transaction instead)
}

// UPDATE … FROM on PostgreSQL and SQLite is a multi-table UPDATE on MySQL.
func ExampleUpdateStmt_From() {
	q := ast.Update(users).Set(users.C("age"), 0).
		From(orders).
		Where(orders.C("user_id").Eq(users.C("id")), orders.C("status").Eq("void"))

	show(q, pg, lite, my)
	// Output:
	// postgres: UPDATE users SET age = $1 FROM orders WHERE orders.user_id = users.id AND orders.status = $2
	// sqlite:   UPDATE users SET age = ? FROM orders WHERE orders.user_id = users.id AND orders.status = ?
	// mysql:    UPDATE users, orders SET users.age = ? WHERE orders.user_id = users.id AND orders.status = ?
}

// DELETE … USING on PostgreSQL is a multi-table DELETE on MySQL; SQLite needs a
// subquery instead.
func ExampleDeleteStmt_Using() {
	q := ast.Delete(orders).Using(users).
		Where(orders.C("user_id").Eq(users.C("id")), users.C("age").Lt(18))

	show(q, pg, my, lite)
	// Output:
	// postgres: DELETE FROM orders USING users WHERE orders.user_id = users.id AND users.age < $1
	// mysql:    DELETE FROM orders USING orders, users WHERE orders.user_id = users.id AND users.age < ?
	// sqlite:   error: compiler: sqlite does not support DELETE … USING (use a subquery in the WHERE clause (… WHERE key IN (SELECT …)))
}

// Raw SQL names its parameters :name. PostgreSQL refers to a repeated name by one
// number; ? dialects repeat the value. "::" stays text.
func ExampleText() {
	q := ast.Text("SELECT name::text FROM users WHERE id = :id OR manager_id = :id").Bind("id", 7)

	show(q, pg, lite)
	args(q, pg)
	args(q, lite)
	// Output:
	// postgres: SELECT name::text FROM users WHERE id = $1 OR manager_id = $1
	// sqlite:   SELECT name::text FROM users WHERE id = ? OR manager_id = ?
	// args: [7]
	// args: [7 7]
}

// DISTINCT ON is PostgreSQL's.
func ExampleSelectStmt_DistinctOn() {
	q := ast.Select(orders.C("user_id"), orders.C("total")).From(orders).
		DistinctOn(orders.C("user_id")).
		OrderBy(orders.C("user_id"), orders.C("total").Desc())

	show(q, pg, lite)
	// Output:
	// postgres: SELECT DISTINCT ON (orders.user_id) orders.user_id, orders.total FROM orders ORDER BY orders.user_id, orders.total DESC
	// sqlite:   error: compiler: sqlite does not support DISTINCT ON (use a window function (row_number() OVER (PARTITION BY …)) in a subquery)
}

// A LATERAL subquery may refer to the FROM items before it.
func ExampleSelectStmt_Lateral() {
	recent := ast.Select(orders.C("total")).From(orders).
		Where(orders.C("user_id").Eq(users.C("id"))).
		OrderBy(orders.C("id").Desc()).Limit(3).
		Lateral("recent")
	q := ast.Select(users.C("name"), recent.C("total")).From(users).CrossJoin(recent)

	show(q, pg, maria)
	// Output:
	// postgres: SELECT users.name, recent.total FROM users CROSS JOIN LATERAL (SELECT orders.total FROM orders WHERE orders.user_id = users.id ORDER BY orders.id DESC LIMIT $1) AS recent
	// mariadb:  error: compiler: mariadb does not support LATERAL
}

// ROLLUP is MySQL's WITH ROLLUP; CUBE and GROUPING SETS are PostgreSQL's.
func ExampleRollup() {
	q := ast.Select(users.C("dept_id"), users.C("age"), ast.Count()).From(users).
		GroupBy(ast.Rollup(users.C("dept_id"), users.C("age")))

	show(q, pg, my, lite)
	// Output:
	// postgres: SELECT users.dept_id, users.age, count(*) FROM users GROUP BY ROLLUP (users.dept_id, users.age)
	// mysql:    SELECT users.dept_id, users.age, count(*) FROM users GROUP BY users.dept_id, users.age WITH ROLLUP
	// sqlite:   error: compiler: sqlite does not support GROUP BY ROLLUP
}

func ExampleGroupingSets() {
	dept, age := users.C("dept_id"), users.C("age")
	q := ast.Select(dept, age, ast.Count()).From(users).
		GroupBy(ast.GroupingSets([]ast.Expr{dept, age}, []ast.Expr{dept}, nil))

	show(q, pg)
	// Output:
	// postgres: SELECT users.dept_id, users.age, count(*) FROM users GROUP BY GROUPING SETS ((users.dept_id, users.age), (users.dept_id), ())
}

// NULLS FIRST and LAST are emulated with a leading sort on IS NULL where missing.
func ExampleOrder_WithNullsLast() {
	q := ast.Select(users.C("name")).From(users).OrderBy(users.C("age").Desc().WithNullsLast())

	show(q, pg, my)
	// Output:
	// postgres: SELECT users.name FROM users ORDER BY users.age DESC NULLS LAST
	// mysql:    SELECT users.name FROM users ORDER BY users.age IS NULL, users.age DESC
}

// An OFFSET without a LIMIT needs a stand-in limit on SQLite and MySQL.
func ExampleSelectStmt_Offset() {
	q := ast.Select(users.C("name")).From(users).OrderBy(users.C("id")).Offset(20)

	show(q, pg, lite, my)
	// Output:
	// postgres: SELECT users.name FROM users ORDER BY users.id OFFSET $1
	// sqlite:   SELECT users.name FROM users ORDER BY users.id LIMIT -1 OFFSET ?
	// mysql:    SELECT users.name FROM users ORDER BY users.id LIMIT 18446744073709551615 OFFSET ?
}

// FETCH FIRST is the standard spelling of LIMIT; dialects without it use LIMIT, and
// WITH TIES is an error there.
func ExampleSelectStmt_FetchFirst() {
	q := ast.Select(users.C("name")).From(users).OrderBy(users.C("age"))

	show(q.Offset(20).FetchFirst(10), pg, maria, my)
	show(q.FetchFirstWithTies(3), pg, my)
	// Output:
	// postgres: SELECT users.name FROM users ORDER BY users.age OFFSET $1 ROWS FETCH FIRST $2 ROWS ONLY
	// mariadb:  SELECT users.name FROM users ORDER BY users.age OFFSET ? ROWS FETCH FIRST ? ROWS ONLY
	// mysql:    SELECT users.name FROM users ORDER BY users.age LIMIT ? OFFSET ?
	// postgres: SELECT users.name FROM users ORDER BY users.age FETCH FIRST $1 ROWS WITH TIES
	// mysql:    error: compiler: mysql does not support FETCH FIRST … WITH TIES
}

func ExampleSelectStmt_ForUpdate() {
	q := ast.Select(users.C("name")).From(users).Where(users.C("id").Eq(1))

	show(q.ForUpdate().SkipLocked(), pg, my, lite)
	show(q.ForShare(), my, maria)
	// Output:
	// postgres: SELECT users.name FROM users WHERE users.id = $1 FOR UPDATE SKIP LOCKED
	// mysql:    SELECT users.name FROM users WHERE users.id = ? FOR UPDATE SKIP LOCKED
	// sqlite:   error: compiler: sqlite does not support SELECT … FOR UPDATE (the database locks whole tables; use a write transaction)
	// mysql:    SELECT users.name FROM users WHERE users.id = ? FOR SHARE
	// mariadb:  SELECT users.name FROM users WHERE users.id = ? LOCK IN SHARE MODE
}

func ExampleInsertStmt_ValuesRows() {
	kv := ast.NewTable("kv", ast.Col("k", types.Text), ast.Col("v", types.Integer))
	rows := [][]any{{"a", 1}, {"b", 2}, {"c", nil}}
	plan, _ := postgres.Dialect().Compile(ast.Insert(kv).ValuesRows(rows))
	fmt.Println(plan.SQL)
	// Output:
	// INSERT INTO kv (k, v) VALUES ($1, $2), ($3, $4), ($5, $6)
}

// Items gives a table's declarations back, to derive another table from it.
func ExampleTable_Items() {
	users := ast.NewTable("users",
		ast.Col("id", types.Integer, ast.PrimaryKey()),
		ast.Col("email", types.String(100), ast.NotNull()),
		ast.UniqueOf("email").Named("uq_users_email"))
	archived := ast.NewTable("users_archive", append(users.Items(), ast.TableComment("moved out of users"))...)
	p, err := compiler.ANSI().Compile(ast.CreateTable(archived))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.SQL)
	fmt.Println(len(users.Items()), archived.Comment())
	// Output:
	// CREATE TABLE users_archive (id INTEGER NOT NULL, email VARCHAR(100) NOT NULL, PRIMARY KEY (id), CONSTRAINT uq_users_email UNIQUE (email))
	// 3 moved out of users
}

// A tableSample is a dialect's own clause, TABLESAMPLE-like, for the AddClause example:
// a custom node that renders itself.
type tableSample struct {
	ast.Custom
	percent int
}

var kindTableSample = ast.MustNewKind("example.sample")

func (s *tableSample) Render(c *compiler.Ctx) {
	c.Write("SAMPLE ")
	c.Int(s.percent)
	c.Write(" PERCENT")
}

func (s *tableSample) AppendKey(k *ast.KeyWriter) { k.Int(s.percent) }

// AddClause places a dialect's own clause in a SELECT, at a fixed position.
func ExampleSelectStmt_AddClause() {
	events := ast.NewTable("events", ast.Col("id", types.Integer), ast.Col("kind", types.Text))
	q := ast.Select(events.C("id")).From(events).Where(events.C("kind").Eq("click")).
		AddClause(ast.AfterWhere, &tableSample{ast.Custom{K: kindTableSample}, 10})
	p, err := compiler.ANSI().Compile(q)
	fmt.Println(p.SQL, err)
	// Output:
	// SELECT events.id FROM events WHERE events.kind = ? SAMPLE 10 PERCENT <nil>
}
