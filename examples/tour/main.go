// Command tour is Strata's first demo: on an embedded SQLite database it defines two
// tables, inserts rows, runs a join with an aggregate and prints the rows, then prints
// the same statements compiled for every registered dialect.
//
//	go run ./examples/tour
package main

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"os"
	"strings"
	"text/tabwriter"

	_ "github.com/mattn/go-sqlite3"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects"
	_ "github.com/seed13bb6a42/strata/dialects/mysql"
	_ "github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/types"
)

// One declaration of each table serves every statement and every dialect.
var (
	authors = ast.NewTable("authors",
		ast.Col("id", types.Integer),
		ast.Col("name", types.String(80)),
		ast.Col("country", types.String(2)),
	)
	books = ast.NewTable("books",
		ast.Col("id", types.Integer),
		ast.Col("author_id", types.Integer),
		ast.Col("title", types.String(200)),
		ast.Col("year", types.Integer),
		ast.Col("price", types.Decimal(8, 2)),
	)
)

func main() {
	if err := run(context.Background()); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context) error {
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one in-memory database, one connection

	d := sqlite.Dialect()

	// Schema DDL: written by hand here; generated from table metadata later.
	for _, ddl := range []string{
		`CREATE TABLE authors (id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL, country CHAR(2))`,
		`CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES authors (id),
		 title VARCHAR(200) NOT NULL, year INTEGER, price NUMERIC(8, 2))`,
	} {
		if _, err := db.ExecContext(ctx, ddl); err != nil {
			return err
		}
	}

	insertAuthors := ast.Insert(authors).
		Values(1, "Ursula K. Le Guin", "US").
		Values(2, "Stanisław Lem", "PL").
		Values(3, "Liu Cixin", "CN")
	insertBooks := ast.Insert(books).
		Values(1, 1, "The Left Hand of Darkness", 1969, "9.99").
		Values(2, 1, "The Dispossessed", 1974, "10.50").
		Values(3, 2, "Solaris", 1961, "8.25").
		Values(4, 2, "The Cyberiad", 1965, "11.00").
		Values(5, 2, "His Master's Voice", 1968, "12.40").
		Values(6, 3, "The Three-Body Problem", 2008, "14.99")
	for _, stmt := range []ast.Stmt{insertAuthors, insertBooks} {
		if err := exec(ctx, db, d, stmt); err != nil {
			return err
		}
	}

	// Authors with more than one book before 2000: a join, an aggregate, a filter
	// on the group, and an ordering.
	query := ast.Select(
		authors.C("name"),
		ast.Count().As("books"),
		ast.Min(books.C("year")).As("first"),
		ast.Avg(books.C("price")).As("avg_price"),
	).
		From(authors).Join(books, books.C("author_id").Eq(authors.C("id"))).
		Where(books.C("year").Lt(2000)).
		GroupBy(authors.C("name")).
		Having(ast.Gt(ast.Count(), 1)).
		OrderBy(ast.Desc(ast.Count()), authors.C("name"))

	if err := printRows(ctx, db, d, query); err != nil {
		return err
	}

	fmt.Println("\nThe same statements in every registered dialect:")
	for _, name := range dialects.Names() {
		dd, err := dialects.Lookup(name)
		if err != nil {
			return err
		}
		if dd.Name != name {
			continue // an alias, such as "postgresql"
		}
		fmt.Printf("\n-- %s\n", name)
		for _, stmt := range []ast.Stmt{query, insertAuthors} {
			plan, err := dd.Compile(stmt)
			if err != nil {
				fmt.Println("   error:", err)
				continue
			}
			fmt.Println("  ", plan.SQL)
		}
	}
	return nil
}

func exec(ctx context.Context, db *sql.DB, d *compiler.Dialect, stmt ast.Stmt) error {
	plan, err := d.Compile(stmt)
	if err != nil {
		return err
	}
	args, err := plan.Args(nil)
	if err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, plan.SQL, args...)
	return err
}

func printRows(ctx context.Context, db *sql.DB, d *compiler.Dialect, stmt ast.Stmt) error {
	plan, err := d.Compile(stmt)
	if err != nil {
		return err
	}
	args, err := plan.Args(nil)
	if err != nil {
		return err
	}
	fmt.Println("SQLite ran:\n  ", plan.SQL)
	fmt.Println("   args:", args)
	rows, err := db.QueryContext(ctx, plan.SQL, args...)
	if err != nil {
		return err
	}
	defer rows.Close()

	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	names := make([]string, len(plan.Columns()))
	for i, c := range plan.Columns() {
		names[i] = c.Name
	}
	fmt.Fprintln(w, "\n"+strings.Join(names, "\t"))
	vals := make([]any, len(names))
	ptrs := make([]any, len(names))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		cells := make([]string, len(vals))
		for i, v := range vals {
			if f, ok := v.(float64); ok {
				cells[i] = fmt.Sprintf("%.2f", f)
			} else {
				cells[i] = fmt.Sprint(v)
			}
		}
		fmt.Fprintln(w, strings.Join(cells, "\t"))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return w.Flush()
}
