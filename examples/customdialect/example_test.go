package customdialect_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects"
	"github.com/seed13bb6a42/strata/dialects/mysql"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/examples/customdialect"
	"github.com/seed13bb6a42/strata/types"
)

var (
	people = ast.NewTable("people",
		ast.Col("id", types.Integer),
		ast.Col("name", types.Text),
		ast.Col("tag", types.Text),
		ast.Col("active", types.Bool),
		ast.Col("profile", types.JSONType),
		ast.Col("score", types.Integer),
		ast.Col("bonus", types.Integer),
	)
	pName, pTag, pActive = people.C("name"), people.C("tag"), people.C("active")
	pProfile             = people.C("profile")
	pScore, pBonus       = people.C("score"), people.C("bonus")
)

func printSQL(d *compiler.Dialect, n ast.Node) {
	p, err := d.Compile(n)
	if err != nil {
		fmt.Printf("%-12s %v\n", d.Name+":", err)
		return
	}
	fmt.Printf("%-12s %s\n", d.Name+":", p.SQL)
}

// One statement on PostgreSQL and on redshiftish, which spells ILIKE as ~~*, emulates
// FILTER, quotes the word "tag" and has no FETCH FIRST.
func Example() {
	q := ast.Select(pTag, ast.Count().FilterWhere(pActive.Eq(true)).As("n")).
		From(people).
		Where(pName.ILike("a%")).
		GroupBy(pTag).
		OrderBy(pTag).
		FetchFirst(10)
	printSQL(postgres.Dialect(), q)
	printSQL(customdialect.Dialect(), q)
	// Output:
	// postgres:    SELECT people.tag, count(*) FILTER (WHERE people.active = $1) AS n FROM people WHERE people.name ILIKE $2 GROUP BY people.tag ORDER BY people.tag FETCH FIRST $3 ROWS ONLY
	// redshiftish: SELECT people."tag", count(CASE WHEN people.active = $1 THEN 1 END) AS n FROM people WHERE people.name ~~* $2 GROUP BY people."tag" ORDER BY people."tag" LIMIT $3
}

// What redshiftish cannot express is an error naming the dialect and the construct.
func ExampleDialect_unsupported() {
	q := ast.Select(pName).From(people).DistinctOn(pTag).OrderBy(pTag, pName)
	_, err := customdialect.Dialect().Compile(q)
	var ue *compiler.UnsupportedError
	fmt.Println(errors.As(err, &ue), ue.Dialect, ue.Construct)
	// Output:
	// true redshiftish DISTINCT ON
}

// The registry finds redshiftish by name once the package is imported; an unknown
// name lists the names it knows.
func Example_lookup() {
	d, err := dialects.Lookup("redshiftish")
	fmt.Println(d.Name, err)

	_, err = dialects.Lookup("redshift")
	var ue *dialects.UnknownError
	if errors.As(err, &ue) {
		fmt.Println("unknown:", ue.Name, "registered:", strings.Join(ue.Registered, ", "))
	}
	// Output:
	// redshiftish <nil>
	// unknown: redshift registered: mariadb, mysql, postgres, postgresql, redshiftish, sqlite, sqlite3
}

// GREATEST renders through its Render method on the dialects that have no rule for
// it, and as max() on SQLite, whose rule the package registers. Go values become
// parameters of the first column's type, and the FROM clause is found inside the node.
func ExampleGreatestOf() {
	q := ast.Select(customdialect.GreatestOf(pScore, ast.Add(pBonus, 10), 0))
	printSQL(postgres.Dialect(), q)
	printSQL(mysql.Dialect(), q)
	printSQL(sqlite.Dialect(), q)
	fmt.Println(ast.TypeOf(customdialect.GreatestOf(pScore, 0)) == types.Integer)
	// Output:
	// postgres:    SELECT GREATEST(people.score, people.bonus + $1, $2) FROM people
	// mysql:       SELECT GREATEST(people.score, people.bonus + ?, ?) FROM people
	// sqlite:      SELECT max(people.score, people.bonus + ?, ?) FROM people
	// true
}

// JSONGet has a rule in redshiftish's table, and rules the package registers for
// MySQL's and SQLite's names; PostgreSQL renders it through its Render method.
func ExampleJSONGetOf() {
	q := ast.Select(pName).From(people).Where(ast.Eq(customdialect.JSONGetOf(pProfile, "address", "city"), "Oslo"))
	printSQL(postgres.Dialect(), q)
	printSQL(customdialect.Dialect(), q)
	printSQL(mysql.Dialect(), q)
	printSQL(sqlite.Dialect(), q)
	// Output:
	// postgres:    SELECT people.name FROM people WHERE people.profile -> 'address' ->> 'city' = $1
	// redshiftish: SELECT people.name FROM people WHERE json_extract_path_text(people.profile, 'address', 'city') = $1
	// mysql:       SELECT people.name FROM people WHERE JSON_UNQUOTE(JSON_EXTRACT(people.profile, '$."address"."city"')) = ?
	// sqlite:      SELECT people.name FROM people WHERE people.profile ->> '$."address"."city"' = ?
}
