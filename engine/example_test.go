package engine_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/seed13bb6a42/strata/ast"
	_ "github.com/seed13bb6a42/strata/drivers" // the built-in drivers and dialects, for Open
	"github.com/seed13bb6a42/strata/engine"
	"github.com/seed13bb6a42/strata/types"
)

// The examples' tables.
var (
	exUsers = ast.NewTable("users",
		ast.Col("id", types.Integer, ast.PrimaryKey(), ast.AutoIncrement()),
		ast.Col("name", types.String(50), ast.NotNull()),
		ast.Col("email", types.String(100), ast.Unique()),
		ast.Col("age", types.Integer),
		ast.Col("joined", types.DateTime),
	)
	exAccounts = ast.NewTable("accounts",
		ast.Col("name", types.String(20), ast.PrimaryKey()),
		ast.Col("balance", types.Integer, ast.NotNull()),
	)
)

// exUser is what the examples read users into: fields match columns by their db tag,
// or by name in snake_case.
type exUser struct {
	ID     int64  `db:"id"`
	Name   string `db:"name"`
	Age    *int   // NULL reads as nil
	Joined time.Time
}

// exOpen opens an in-memory SQLite database with the examples' tables and a few users.
func exOpen(opts ...engine.Option) *engine.Engine {
	ctx := context.Background()
	e, err := engine.Open(ctx, "sqlite://:memory:", opts...)
	if err != nil {
		panic(err)
	}
	for _, t := range []*ast.Table{exUsers, exAccounts} {
		if _, err := e.Exec(ctx, ast.CreateTable(t)); err != nil {
			panic(err)
		}
	}
	joined := time.Date(2024, 3, 1, 9, 30, 0, 0, time.UTC)
	_, err = e.Exec(ctx, ast.Insert(exUsers).Columns(exUsers.C("name"), exUsers.C("email"), exUsers.C("age"), exUsers.C("joined")).
		Values("ada", "ada@example.com", 36, joined).
		Values("brian", "brian@example.com", nil, joined.AddDate(0, 1, 0)).
		Values("chen", "chen@example.com", 29, joined.AddDate(0, 2, 0)))
	if err != nil {
		panic(err)
	}
	_, err = e.Exec(ctx, ast.Insert(exAccounts).Values("alice", 100).Values("bob", 20))
	if err != nil {
		panic(err)
	}
	return e
}

// Open takes a URL: the scheme picks the dialect and its driver, and the server's
// version is read once. An in-memory SQLite database lives on one connection.
func ExampleOpen() {
	ctx := context.Background()
	e, err := engine.Open(ctx, "sqlite://:memory:")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer e.Close()
	fmt.Println(e.Dialect().Name, strings.HasPrefix(e.ServerVersion(), "3."), e.DB().Stats().MaxOpenConnections)

	// Errors never show the password.
	_, err = engine.Open(ctx, "oracle://scott:tiger@db.example.com/orcl")
	fmt.Println(err)
	// Output:
	// sqlite true 1
	// engine: dburl: "oracle://scott:xxxxx@db.example.com/orcl": unknown scheme "oracle"; supported schemes: sqlite, postgres, postgresql, mysql, mariadb, questdb, yugabytedb
}

// Exec runs statements that return no rows; the sql.Result is the driver's.
func ExampleEngine_Exec() {
	ctx := context.Background()
	e := exOpen()
	defer e.Close()

	res, err := e.Exec(ctx, ast.Update(exUsers).Set(exUsers.C("age"), ast.Add(exUsers.C("age"), 1)).
		Where(exUsers.C("age").IsNotNull()))
	if err != nil {
		fmt.Println(err)
		return
	}
	n, _ := res.RowsAffected()
	fmt.Println("updated", n)
	// Output:
	// updated 2
}

// Query returns Rows to read one at a time. Named parameters (ast.Named) take their
// values at execution; an expanding list (ast.List) gets one placeholder per element.
func ExampleEngine_Query() {
	ctx := context.Background()
	e := exOpen()
	defer e.Close()

	q := ast.Select(exUsers.C("name"), exUsers.C("joined")).From(exUsers).
		Where(exUsers.C("name").In(ast.Named("names").AsExpanding()), exUsers.C("joined").Ge(ast.Named("since"))).
		OrderBy(exUsers.C("name"))
	rows, err := e.Query(ctx, q, engine.Params{
		"names": []string{"ada", "brian", "chen"},
		"since": time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var joined time.Time // SQLite stores text; the column's type makes it a time.Time
		if err := rows.Scan(&name, &joined); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(name, joined.Format(time.DateOnly))
	}
	if err := rows.Err(); err != nil {
		fmt.Println(err)
	}
	fmt.Println(rows.Plan().SQL)
	// Output:
	// brian 2024-04-01
	// chen 2024-05-01
	// SELECT users.name, users.joined FROM users WHERE users.name IN (?, ?, ?) AND users.joined >= ? ORDER BY users.name
}

// QueryRow reads at most one row; no row is sql.ErrNoRows.
func ExampleEngine_QueryRow() {
	ctx := context.Background()
	e := exOpen()
	defer e.Close()

	var age int
	err := e.QueryRow(ctx, ast.Select(exUsers.C("age")).From(exUsers).Where(exUsers.C("name").Eq("ada"))).Scan(&age)
	fmt.Println(age, err)
	err = e.QueryRow(ctx, ast.Select(exUsers.C("age")).From(exUsers).Where(exUsers.C("name").Eq("zoe"))).Scan(&age)
	fmt.Println(errors.Is(err, sql.ErrNoRows))
	// Output:
	// 36 <nil>
	// true
}

// All reads every row into a slice of structs (or maps, or single values).
func ExampleAll() {
	ctx := context.Background()
	e := exOpen()
	defer e.Close()

	users, err := engine.All[exUser](ctx, e, ast.Select(exUsers.C("id"), exUsers.C("name"), exUsers.C("age"), exUsers.C("joined")).
		From(exUsers).OrderBy(exUsers.C("id")))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, u := range users {
		age := "NULL"
		if u.Age != nil {
			age = fmt.Sprint(*u.Age)
		}
		fmt.Println(u.ID, u.Name, age, u.Joined.Format(time.DateOnly))
	}
	// Output:
	// 1 ada 36 2024-03-01
	// 2 brian NULL 2024-04-01
	// 3 chen 29 2024-05-01
}

// One reads exactly one row: none is sql.ErrNoRows, two are ErrMultipleRows.
func ExampleOne() {
	ctx := context.Background()
	e := exOpen()
	defer e.Close()

	byName := ast.Select(exUsers.C("id"), exUsers.C("name")).From(exUsers).Where(exUsers.C("name").Eq(ast.Named("name")))
	u, err := engine.One[map[string]any](ctx, e, byName, engine.Params{"name": "chen"})
	fmt.Println(u, err)
	_, err = engine.One[map[string]any](ctx, e, byName, engine.Params{"name": "zoe"})
	fmt.Println(err)
	_, err = engine.One[exUser](ctx, e, ast.Select(exUsers.C("id")).From(exUsers))
	fmt.Println(err)
	// Output:
	// map[id:3 name:chen] <nil>
	// sql: no rows in result set
	// engine: the query returned more than one row
}

// Scalar reads the first column of the first row.
func ExampleScalar() {
	ctx := context.Background()
	e := exOpen()
	defer e.Close()

	n, err := engine.Scalar[int](ctx, e, ast.Select(ast.Count()).From(exUsers))
	fmt.Println(n, err)
	// Output:
	// 3 <nil>
}

// Iter streams rows one at a time; breaking out of the loop closes them.
func ExampleIter() {
	ctx := context.Background()
	e := exOpen()
	defer e.Close()

	for u, err := range engine.Iter[*exUser](ctx, e, ast.Select(exUsers.C("id"), exUsers.C("name")).From(exUsers).OrderBy(exUsers.C("id").Desc())) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(u.ID, u.Name)
		if u.Name == "brian" {
			break
		}
	}
	// Output:
	// 3 chen
	// 2 brian
}

// InTx commits when the function returns nil and rolls back when it returns an error
// (or panics). Serialization failures and deadlocks run the function again.
func ExampleInTx_rollback() {
	ctx := context.Background()
	e := exOpen()
	defer e.Close()

	transfer := func(from, to string, amount int) error {
		return engine.InTx(ctx, e, func(tx *engine.Tx) error {
			bal := exAccounts.C("balance")
			if _, err := tx.Exec(ctx, ast.Update(exAccounts).Set(bal, ast.Sub(bal, amount)).Where(exAccounts.C("name").Eq(from))); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, ast.Update(exAccounts).Set(bal, ast.Add(bal, amount)).Where(exAccounts.C("name").Eq(to))); err != nil {
				return err
			}
			left, err := engine.Scalar[int](ctx, tx, ast.Select(bal).From(exAccounts).Where(exAccounts.C("name").Eq(from)))
			if err != nil {
				return err
			}
			if left < 0 {
				return fmt.Errorf("%s would be overdrawn by %d", from, -left)
			}
			return nil
		})
	}
	fmt.Println(transfer("alice", "bob", 30))
	fmt.Println(transfer("bob", "alice", 80))

	balances, _ := engine.All[map[string]any](ctx, e, ast.Select(exAccounts.C("name"), exAccounts.C("balance")).From(exAccounts).OrderBy(exAccounts.C("name")))
	fmt.Println(balances)
	// Output:
	// <nil>
	// bob would be overdrawn by 30
	// [map[balance:70 name:alice] map[balance:50 name:bob]]
}

// Begin on a Tx starts a savepoint: rolling it back undoes only what ran since.
// Prepare compiles a statement once for a loop: each run only converts the named
// values, and Tx.Stmt runs it in a transaction.
func ExampleEngine_Prepare() {
	ctx := context.Background()
	e := exOpen()
	defer e.Close()

	deposit, err := e.Prepare(ctx, ast.Update(exAccounts).
		Set(exAccounts.C("balance"), ast.Add(exAccounts.C("balance"), ast.Named("amount"))).
		Where(exAccounts.C("name").Eq(ast.Named("name"))))
	if err != nil {
		fmt.Println(err)
		return
	}
	err = engine.InTx(ctx, e, func(tx *engine.Tx) error {
		st := tx.Stmt(deposit)
		for _, name := range []string{"alice", "bob", "alice"} {
			if _, err := st.Exec(ctx, engine.Params{"name": name, "amount": 5}); err != nil {
				return err
			}
		}
		return nil
	})
	fmt.Println(err)
	fmt.Println(deposit.Plan().SQL)
	balances, _ := engine.All[map[string]any](ctx, e, ast.Select(exAccounts.C("name"), exAccounts.C("balance")).From(exAccounts).OrderBy(exAccounts.C("name")))
	fmt.Println(balances)
	// Output:
	// <nil>
	// UPDATE accounts SET balance = accounts.balance + ? WHERE accounts.name = ?
	// [map[balance:110 name:alice] map[balance:25 name:bob]]
}

func ExampleTx_Begin() {
	ctx := context.Background()
	e := exOpen()
	defer e.Close()

	tx, err := e.Begin(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer tx.Rollback() // a no-op after Commit
	tx.Exec(ctx, ast.Delete(exUsers).Where(exUsers.C("name").Eq("ada")))

	sp, err := tx.Begin(ctx) // SAVEPOINT
	if err != nil {
		fmt.Println(err)
		return
	}
	sp.Exec(ctx, ast.Delete(exUsers))
	n, _ := engine.Scalar[int](ctx, sp, ast.Select(ast.Count()).From(exUsers))
	fmt.Println("in the savepoint:", n)
	sp.Rollback() // ROLLBACK TO SAVEPOINT

	if err := tx.Commit(); err != nil {
		fmt.Println(err)
		return
	}
	names, _ := engine.All[string](ctx, e, ast.Select(exUsers.C("name")).From(exUsers).OrderBy(exUsers.C("name")))
	fmt.Println("committed:", names)
	// Output:
	// in the savepoint: 0
	// committed: [brian chen]
}

// InsertMany sends rows in multi-row batches within the dialect's parameter limit,
// all or nothing; ReturnKeys and Returning give back values in input order.
func ExampleInsertMany() {
	ctx := context.Background()
	e := exOpen()
	defer e.Close()

	cols := []*ast.Column{exUsers.C("name"), exUsers.C("email")}
	res, err := engine.InsertMany(ctx, e, exUsers, cols, [][]any{
		{"dana", "dana@example.com"},
		{"eve", "eve@example.com"},
	}, engine.ReturnKeys(), engine.Returning(exUsers.C("name")))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Keys, res.Rows, res.RowsAffected)

	// A bad row is reported before anything is sent.
	_, err = engine.InsertMany(ctx, e, exUsers, cols, [][]any{{"fay", "fay@example.com"}, {"gus"}})
	fmt.Println(err)
	// Output:
	// [4 5] [[dana] [eve]] 2
	// engine: batch row 1: has 1 values for 2 columns
}

// Constraint violations are *engine.IntegrityError values, the same on every dialect;
// errors.As still finds the driver's own error inside.
func ExampleIntegrityError() {
	ctx := context.Background()
	e := exOpen()
	defer e.Close()

	_, err := e.Exec(ctx, ast.Insert(exUsers).Columns(exUsers.C("name"), exUsers.C("email")).Values("ada2", "ada@example.com"))
	var ie *engine.IntegrityError
	if errors.As(err, &ie) {
		fmt.Println(ie.Kind, ie.Table, ie.Column)
	}
	fmt.Println(err)
	// Output:
	// unique users email
	// engine: unique violation (column email): UNIQUE constraint failed: users.email
}

// exTracer is a Hook that numbers statements and reports them, as a tracer or a
// metrics exporter would. Hooks are called from every goroutine using the engine.
type exTracer struct{ statements atomic.Int64 }

type exSpanKey struct{}

func (t *exTracer) Before(ctx context.Context, ev *engine.Event) context.Context {
	span := t.statements.Add(1)
	return context.WithValue(ctx, exSpanKey{}, span) // the driver call and After receive it
}

func (t *exTracer) After(ctx context.Context, ev *engine.Event) {
	fmt.Printf("span %d: %s (rows affected %d, error %v)\n", ctx.Value(exSpanKey{}), ev.SQL, ev.RowsAffected, ev.Err != nil)
}

// Hooks see every statement the engine runs, with its arguments, duration, rows
// affected and error.
func ExampleHook() {
	ctx := context.Background()
	e := exOpen()
	defer e.Close()
	traced := engine.New(e.DB(), e.Dialect(), engine.WithHooks(&exTracer{}))

	traced.Exec(ctx, ast.Delete(exUsers).Where(exUsers.C("age").Lt(30)))
	engine.All[string](ctx, traced, ast.Select(exUsers.C("name")).From(exUsers))
	traced.Exec(ctx, ast.Insert(exAccounts).Values("alice", 1))
	// Output:
	// span 1: DELETE FROM users WHERE users.age < ? (rows affected 1, error false)
	// span 2: SELECT users.name FROM users (rows affected -1, error false)
	// span 3: INSERT INTO accounts (name, balance) VALUES (?, ?) (rows affected -1, error true)
}

// WithLogger logs each statement at Debug level, failures at Warn, with argument values
// redacted unless WithLoggedArgs is given. (The time and duration are left out here to
// keep the output stable.)
func ExampleWithLogger() {
	ctx := context.Background()
	h := slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		Level: slog.LevelDebug,
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey || a.Key == "duration" {
				return slog.Attr{}
			}
			return a
		},
	})
	e := exOpen()
	defer e.Close()
	logged := engine.New(e.DB(), e.Dialect(), engine.WithLogger(slog.New(h)))

	logged.Exec(ctx, ast.Update(exAccounts).Set(exAccounts.C("balance"), 0).Where(exAccounts.C("name").Eq("bob")))
	logged.Exec(ctx, ast.Insert(exAccounts).Values("bob", 5))
	// Output:
	// level=DEBUG msg="strata: exec" sql="UPDATE accounts SET balance = ? WHERE accounts.name = ?" args=2 rows_affected=1
	// level=WARN msg="strata: exec" sql="INSERT INTO accounts (name, balance) VALUES (?, ?)" args=2 error="engine: unique violation (column name): UNIQUE constraint failed: accounts.name"
}
