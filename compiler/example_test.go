package compiler_test

import (
	"errors"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/bind"
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
	)
	orders = ast.NewTable("orders",
		ast.Col("id", types.Integer),
		ast.Col("user_id", types.Integer),
		ast.Col("total", types.Decimal(10, 2)),
	)
)

// A Plan holds the SQL, one parameter per placeholder and the result columns.
func ExampleDialect_Compile() {
	q := ast.Select(users.C("id"), users.C("name").As("who")).From(users).Where(users.C("age").Gt(21))

	plan, err := postgres.Dialect().Compile(q)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(plan.SQL)
	for _, p := range plan.Params {
		fmt.Println("param:", p.Value, p.Type)
	}
	for _, c := range plan.Columns() {
		fmt.Println("column:", c.Name, c.Type)
	}
	// Output:
	// SELECT users.id, users.name AS who FROM users WHERE users.age > $1
	// param: 21 integer
	// column: id integer
	// column: who varchar(50)
}

// Args gives the driver its arguments, taking deferred named parameters from the map.
// A name used twice is one $n parameter on PostgreSQL; with ? placeholders its value
// is passed once per use.
func ExamplePlan_Args() {
	q := ast.Select(users.C("name")).From(users).Where(
		ast.Or(users.C("id").Eq(ast.Named("id")), users.C("age").Gt(ast.Named("id"))),
	)
	for _, d := range []*compiler.Dialect{postgres.Dialect(), sqlite.Dialect()} {
		plan, err := d.Compile(q)
		if err != nil {
			fmt.Println(err)
			return
		}
		args, err := plan.Args(bind.Params{"id": 7})
		fmt.Println(plan.SQL, args, err)
	}
	plan, _ := postgres.Dialect().Compile(q)
	_, err := plan.Args(nil)
	fmt.Println(err)
	// Output:
	// SELECT users.name FROM users WHERE users.id = $1 OR users.age > $1 [7] <nil>
	// SELECT users.name FROM users WHERE users.id = ? OR users.age > ? [7 7] <nil>
	// compiler: postgres: no value for parameter :id
}

// An expanding named parameter takes its list when the statement is compiled, since
// the number of placeholders depends on it.
func ExampleDialect_CompileWith_expanding() {
	q := ast.Select(users.C("name")).From(users).Where(users.C("id").In(ast.Named("ids").AsExpanding()))
	opts := compiler.Options{Params: bind.Params{"ids": []int{4, 5, 6}}}

	plan, err := postgres.Dialect().CompileWith(q, opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	args, err := plan.Args(opts.Params)
	fmt.Println(plan.SQL, args, err)
	// Output:
	// SELECT users.name FROM users WHERE users.id IN ($1, $2, $3) [4 5 6] <nil>
}

// InlineLiterals writes values into the text, escaped by each dialect: for DDL
// defaults and debugging, never for running queries built from user input.
func ExampleDialect_CompileWith_inlineLiterals() {
	events := ast.NewTable("events",
		ast.Col("ok", types.Bool), ast.Col("at", types.DateTime),
		ast.Col("note", types.Text), ast.Col("raw", types.Bytes))
	q := ast.Select(events.C("note")).From(events).Where(
		events.C("ok").Eq(true),
		events.C("at").Lt(time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)),
		events.C("note").Ne(`it's a \ test`),
		events.C("raw").Eq([]byte{0xca, 0xfe}),
	)
	opts := compiler.Options{Flags: compiler.InlineLiterals}
	for _, d := range []*compiler.Dialect{postgres.Dialect(), sqlite.Dialect(), mysql.Dialect()} {
		plan, err := d.CompileWith(q, opts)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(plan.SQL)
	}
	// Output:
	// SELECT events.note FROM events WHERE events.ok = TRUE AND events.at < '2024-05-01 12:00:00' AND events.note <> 'it''s a \ test' AND events.raw = '\xcafe'::bytea
	// SELECT events.note FROM events WHERE events.ok = 1 AND events.at < '2024-05-01 12:00:00' AND events.note <> 'it''s a \ test' AND events.raw = X'cafe'
	// SELECT events.note FROM events WHERE events.ok = 1 AND events.at < '2024-05-01 12:00:00' AND events.note <> 'it''s a \\ test' AND events.raw = X'cafe'
}

// Fingerprint writes every value as ?, so statements of one shape share one text,
// for logs and metrics. NULL, TRUE and FALSE are part of the shape and stay.
func ExampleDialect_CompileWith_fingerprint() {
	byUser := func(id int) ast.Node {
		return ast.Select(orders.C("total")).From(orders).
			Where(orders.C("user_id").Eq(id), orders.C("id").In(ast.List([]int{id, id + 1, id + 2})), ast.True())
	}
	opts := compiler.Options{Flags: compiler.Fingerprint}
	for _, n := range []ast.Node{byUser(1), byUser(2)} {
		plan, _ := postgres.Dialect().CompileWith(n, opts)
		fmt.Println(plan.SQL)
	}
	// Output:
	// SELECT orders.total FROM orders WHERE orders.user_id = ? AND orders.id IN (?, ?, ?) AND TRUE
	// SELECT orders.total FROM orders WHERE orders.user_id = ? AND orders.id IN (?, ?, ?) AND TRUE
}

// QuoteAll quotes every identifier, needed or not.
func ExampleDialect_CompileWith_quoteAll() {
	q := ast.Select(users.C("id"), users.C("name").As("n")).From(users)
	opts := compiler.Options{Flags: compiler.QuoteAll}
	for _, d := range []*compiler.Dialect{postgres.Dialect(), mysql.Dialect()} {
		plan, _ := d.CompileWith(q, opts)
		fmt.Println(plan.SQL)
	}
	// Output:
	// SELECT "users"."id", "users"."name" AS "n" FROM "users"
	// SELECT `users`.`id`, `users`.`name` AS `n` FROM `users`
}

// Identifiers are quoted only when needed: a character outside [a-z0-9_], a leading
// digit, a word the dialect reserves, or, where unquoted names fold to lower case, an
// upper-case letter. Names longer than the dialect allows are an error.
func ExampleDialect_QuoteIdent() {
	dialects := []*compiler.Dialect{postgres.Dialect(), sqlite.Dialect(), mysql.Dialect(), mysql.MariaDBDialect()}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	for _, name := range []string{"user_id", "order", "key", "rank", "User", "Order Items"} {
		fmt.Fprint(w, name)
		for _, d := range dialects {
			q, _ := d.QuoteIdent(name)
			fmt.Fprint(w, "\t", q)
		}
		fmt.Fprintln(w)
	}
	w.Flush()
	_, err := postgres.Dialect().QuoteIdent("column_name_that_is_longer_than_the_sixty_three_bytes_postgres_allows")
	fmt.Println(err)
	// Output:
	// user_id      user_id        user_id        user_id        user_id
	// order        "order"        "order"        `order`        `order`
	// key          key            "key"          `key`          `key`
	// rank         rank           rank           `rank`         rank
	// User         "User"         User           User           User
	// Order Items  "Order Items"  "Order Items"  `Order Items`  `Order Items`
	// compiler: postgres: identifier "column_name_that_is_longer_than_the_sixty_three_bytes_postgres_allows" is 69 bytes long; postgres allows at most 63
}

// The MySQL dialect follows the server version: MySQL 8.0.19 and later name the
// proposed row with INSERT … AS new, earlier versions and MariaDB use VALUES(col).
func ExampleDialect_Compile_upsert() {
	name := users.C("name")
	q := ast.Insert(users).Columns(users.C("id"), name).Values(1, "ann").
		OnConflict(ast.Conflict(users.C("id")).DoUpdate(ast.Set(name, ast.Excluded(name))))
	for _, d := range []*compiler.Dialect{mysql.MySQL("8.0.36"), mysql.MySQL("5.7.44"), mysql.MariaDB("10.11.6")} {
		plan, _ := d.Compile(q)
		fmt.Println(plan.SQL)
	}
	// Output:
	// INSERT INTO users (id, name) VALUES (?, ?) AS new ON DUPLICATE KEY UPDATE name = new.name
	// INSERT INTO users (id, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name)
	// INSERT INTO users (id, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name)
}

// A construct the dialect cannot express is an *UnsupportedError naming it, with a
// hint when there is an alternative; no SQL is produced.
func ExampleUnsupportedError() {
	q := ast.Select(users.C("name"), orders.C("total")).
		From(users).FullJoin(orders, orders.C("user_id").Eq(users.C("id")))

	_, err := mysql.Dialect().Compile(q)
	var unsupported *compiler.UnsupportedError
	if errors.As(err, &unsupported) {
		fmt.Println(unsupported.Dialect)
		fmt.Println(unsupported.Construct)
		fmt.Println(unsupported.Hint)
	}
	plan, _ := postgres.Dialect().Compile(q)
	fmt.Println(plan.SQL)
	// Output:
	// mysql
	// FULL JOIN
	// use a LEFT JOIN UNION ALL the unmatched rows of a RIGHT-side LEFT JOIN
	// SELECT users.name, orders.total FROM users FULL OUTER JOIN orders ON orders.user_id = users.id
}

// A tree that no dialect can render is a *CompileError: here an unknown column of a
// table that declares its columns, and a nil expression given to a builder.
func ExampleCompileError() {
	bad := []ast.Node{
		ast.Select(users.C("nmae")).From(users),
		ast.Select(users.C("id")).From(users).Where(nil),
		ast.Update(users),
	}
	for _, n := range bad {
		_, err := sqlite.Dialect().Compile(n)
		var ce *compiler.CompileError
		fmt.Println(errors.As(err, &ce), err)
	}
	// Output:
	// true compiler: sqlite: table users has no column "nmae"
	// true compiler: sqlite: ast: nil expression in WHERE
	// true compiler: sqlite: empty SET list
}
