package engine_test

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects/mysql"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/engine"
	"github.com/seed13bb6a42/strata/internal/testdb"
	"github.com/seed13bb6a42/strata/types"
)

// The batch tests' tables: a server-generated key (items), a client-supplied key
// (codes), wide rows for the parameter limit (wide), and a stranger (other).
var (
	batchItems = ast.NewTable("batch_items",
		ast.Col("id", types.BigInteger, ast.PrimaryKey(), ast.AutoIncrement()),
		ast.Col("name", types.String(40), ast.NotNull()),
		ast.Col("n", types.Integer))
	batchCodes = ast.NewTable("batch_codes",
		ast.Col("code", types.String(20), ast.PrimaryKey()),
		ast.Col("n", types.Integer, ast.NotNull()))
	batchWide = ast.NewTable("batch_wide", append([]ast.TableItem{
		ast.Col("id", types.BigInteger, ast.PrimaryKey(), ast.AutoIncrement())}, batchWideCols()...)...)
	batchOther = ast.NewTable("batch_other", ast.Col("x", types.Integer))
)

func batchWideCols() []ast.TableItem {
	var cols []ast.TableItem
	for i := range 8 {
		cols = append(cols, ast.Col("c"+strconv.Itoa(i), types.Integer))
	}
	return cols
}

func batchDialect(server string) *compiler.Dialect {
	switch server {
	case "postgres":
		return postgres.Dialect()
	case "mysql":
		return mysql.MariaDBDialect()
	}
	return sqlite.Dialect()
}

// A batchHook records every execution the engine reports.
type batchHook struct {
	mu   sync.Mutex
	sqls []string
	args []int
}

func (h *batchHook) Before(ctx context.Context, ev *engine.Event) context.Context { return ctx }

func (h *batchHook) After(ctx context.Context, ev *engine.Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.sqls = append(h.sqls, ev.SQL)
	h.args = append(h.args, len(ev.Args))
}

// inserts returns the bind-argument counts of the INSERT statements run so far.
func (h *batchHook) inserts() []int {
	h.mu.Lock()
	defer h.mu.Unlock()
	var n []int
	for i, s := range h.sqls {
		if strings.HasPrefix(s, "INSERT") {
			n = append(n, h.args[i])
		}
	}
	return n
}

func (h *batchHook) all() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.sqls...)
}

func (h *batchHook) reset() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.sqls, h.args = nil, nil
}

// batchOpen opens an isolated database on server with the batch tables and an engine
// for d (the server's dialect when nil) that records executions in the returned hook.
func batchOpen(t *testing.T, server string, d *compiler.Dialect) (*engine.Engine, *sql.DB, *batchHook) {
	t.Helper()
	db := testdb.Open(t, server)
	t.Cleanup(func() {
		if n := db.Stats().InUse; n != 0 {
			t.Errorf("%d connections still in use", n)
		}
	})
	ddl := batchDialect(server)
	for _, tb := range []*ast.Table{batchItems, batchCodes, batchWide, batchOther} {
		p, err := ddl.Compile(ast.CreateTable(tb))
		if err != nil {
			t.Fatal(err)
		}
		testdb.Exec(t, db, p.SQL)
	}
	if d == nil {
		d = ddl
	}
	h := &batchHook{}
	return engine.New(db, d, engine.WithHooks(h)), db, h
}

func batchServers(t *testing.T, f func(t *testing.T, server string)) {
	for _, server := range testdb.Servers() {
		t.Run(server, func(t *testing.T) { f(t, server) })
	}
}

func batchCount(t *testing.T, db *sql.DB, table string) int {
	t.Helper()
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// batchNames returns name by id from batch_items.
func batchNames(t *testing.T, db *sql.DB) map[int64]string {
	t.Helper()
	rows, err := db.Query("SELECT id, name FROM batch_items")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	m := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			t.Fatal(err)
		}
		m[id] = name
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return m
}

// batchText reads a returned value as text: drivers return strings as string or []byte.
func batchText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	case int64:
		return strconv.FormatInt(x, 10)
	}
	return "?"
}

func batchItemRows(n int) [][]any {
	rows := make([][]any, n)
	for i := range rows {
		rows[i] = []any{"row-" + strconv.Itoa(i), i}
	}
	return rows
}

func wantStatements(t *testing.T, got []int, want int) {
	t.Helper()
	if len(got) != want {
		t.Fatalf("%d INSERT statements, want %d", len(got), want)
	}
}

func TestBatchInsertManyServers(t *testing.T) {
	batchServers(t, func(t *testing.T, server string) {
		ctx := t.Context()
		e, db, h := batchOpen(t, server, nil)
		cols := []*ast.Column{batchItems.C("name"), batchItems.C("n")}

		// 10,000 rows: DefaultBatchSize makes 10 statements of 1,000 rows.
		res, err := engine.InsertMany(ctx, e, batchItems, cols, batchItemRows(10000))
		if err != nil {
			t.Fatal(err)
		}
		got := h.inserts()
		wantStatements(t, got, 10)
		for _, n := range got {
			if n != 2000 {
				t.Fatalf("statement with %d arguments, want 2000", n)
			}
		}
		if res.Statements != 10 || res.RowsAffected != 10000 {
			t.Errorf("result %+v", res)
		}
		if n := batchCount(t, db, "batch_items"); n != 10000 {
			t.Errorf("%d rows in the table, want 10000", n)
		}
		names := batchNames(t, db)
		seen := map[string]bool{}
		for _, name := range names {
			seen[name] = true
		}
		if len(seen) != 10000 || !seen["row-0"] || !seen["row-9999"] {
			t.Errorf("%d distinct names", len(seen))
		}

		// Wide rows without a page size: the parameter limit alone sizes the batches.
		h.reset()
		wide := make([]*ast.Column, 8)
		for i := range wide {
			wide[i] = batchWide.C("c" + strconv.Itoa(i))
		}
		rows := make([][]any, 10000)
		for i := range rows {
			rows[i] = []any{i, i, i, i, i, i, i, i}
		}
		if _, err := engine.InsertMany(ctx, e, batchWide, wide, rows, engine.BatchSize(0)); err != nil {
			t.Fatal(err)
		}
		per := e.Dialect().MaxParams / 8 // SQLite 4095 rows, PostgreSQL and MariaDB 8191
		got = h.inserts()
		wantStatements(t, got, (10000+per-1)/per)
		for i, n := range got {
			if n > e.Dialect().MaxParams || i < len(got)-1 && n != per*8 {
				t.Errorf("statement %d has %d arguments; limit %d", i, n, e.Dialect().MaxParams)
			}
		}
		var sum int64
		if err := db.QueryRow("SELECT SUM(c7) FROM batch_wide").Scan(&sum); err != nil {
			t.Fatal(err)
		}
		if sum != 9999*10000/2 {
			t.Errorf("sum %d", sum)
		}

		// No rows: nothing sent.
		h.reset()
		if res, err := engine.InsertMany(ctx, e, batchItems, cols, nil); err != nil || res.Statements != 0 || len(h.all()) != 0 {
			t.Errorf("no rows: %+v, %v, %q", res, err, h.all())
		}
	})
}

// TestBatchParamLimitBoundary checks the batch arithmetic at the parameter limit with
// dialect clones whose limit is tiny.
func TestBatchParamLimitBoundary(t *testing.T) {
	batchServers(t, func(t *testing.T, server string) {
		ctx := t.Context()
		cols := []*ast.Column{batchCodes.C("code"), batchCodes.C("n")}
		for _, tc := range []struct {
			maxParams, size, rows int
			want                  []int // arguments per statement
		}{
			{maxParams: 8, size: 0, rows: 8, want: []int{8, 8}},    // exactly at the limit
			{maxParams: 8, size: 0, rows: 9, want: []int{8, 8, 2}}, // one over
			{maxParams: 8, size: 0, rows: 7, want: []int{8, 6}},    // one under
			{maxParams: 9, size: 0, rows: 8, want: []int{8, 8}},    // an odd limit rounds down
			{maxParams: 8, size: 3, rows: 8, want: []int{6, 6, 4}}, // the page size is smaller
			{maxParams: 8, size: 100, rows: 4, want: []int{8}},     // one statement
			{maxParams: 2, size: 0, rows: 3, want: []int{2, 2, 2}}, // one row per statement
			{maxParams: 0, size: 0, rows: 50, want: []int{100}},    // no limit at all
			{maxParams: 65535, size: 1000, rows: 2001, want: []int{2000, 2000, 2}},
		} {
			d := batchDialect(server).Clone()
			d.MaxParams = tc.maxParams
			e, db, h := batchOpen(t, server, d)
			rows := make([][]any, tc.rows)
			for i := range rows {
				rows[i] = []any{"k" + strconv.Itoa(i), i}
			}
			res, err := engine.InsertMany(ctx, e, batchCodes, cols, rows, engine.BatchSize(tc.size))
			if err != nil {
				t.Fatalf("%+v: %v", tc, err)
			}
			if got := h.inserts(); !equalInts(got, tc.want) {
				t.Errorf("%+v: arguments per statement %v", tc, got)
			}
			if res.Statements != len(tc.want) || batchCount(t, db, "batch_codes") != tc.rows {
				t.Errorf("%+v: %+v", tc, res)
			}
		}
		d := batchDialect(server).Clone()
		d.MaxParams = 1
		e, _, h := batchOpen(t, server, d)
		_, err := engine.InsertMany(ctx, e, batchCodes, cols, [][]any{{"a", 1}})
		var be *engine.BatchError
		if !errors.As(err, &be) || len(h.all()) != 0 {
			t.Errorf("2 columns over a limit of 1: %v", err)
		}
	})
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestBatchReturningOrder inserts 5,000 rows with RETURNING and checks that each
// returned row belongs to the input row at its index.
func TestBatchReturningOrder(t *testing.T) {
	batchServers(t, func(t *testing.T, server string) {
		ctx := t.Context()
		e, db, h := batchOpen(t, server, nil)
		const n = 5000

		t.Run("server key", func(t *testing.T) {
			h.reset()
			res, err := engine.InsertMany(ctx, e, batchItems,
				[]*ast.Column{batchItems.C("name"), batchItems.C("n")}, batchItemRows(n),
				engine.Returning(batchItems.C("id"), batchItems.C("name")), engine.ReturnKeys())
			if err != nil {
				t.Fatal(err)
			}
			// PostgreSQL: INSERT … SELECT … ORDER BY, sorted by key; MariaDB: INSERT …
			// VALUES, sorted by key; SQLite: one row per statement.
			wantBatches := map[string]int{"postgres": 5, "mysql": 5, "sqlite": n}[server]
			wantStatements(t, h.inserts(), wantBatches)
			if server == "postgres" && !strings.Contains(h.all()[0], "ORDER BY") {
				t.Errorf("PostgreSQL batch without ORDER BY: %.200s", h.all()[0])
			}
			names := batchNames(t, db)
			if len(res.Rows) != n || len(res.Keys) != n {
				t.Fatalf("%d rows, %d keys", len(res.Rows), len(res.Keys))
			}
			for i, row := range res.Rows {
				want := "row-" + strconv.Itoa(i)
				id, _ := row[0].(int64)
				if len(row) != 2 || batchText(row[1]) != want || names[id] != want || res.Keys[i] != id {
					t.Fatalf("row %d: returned %v, key %d; the table has %q at id %d", i, row, res.Keys[i], names[id], id)
				}
			}
		})

		t.Run("client key", func(t *testing.T) {
			h.reset()
			// Codes in an order unrelated to any server's: the sentinel is matched.
			rows := make([][]any, n)
			for i := range rows {
				rows[i] = []any{"c" + strconv.Itoa((i*7919)%n), i}
			}
			res, err := engine.InsertMany(ctx, e, batchCodes,
				[]*ast.Column{batchCodes.C("code"), batchCodes.C("n")}, rows,
				engine.Returning(batchCodes.C("n")))
			if err != nil {
				t.Fatal(err)
			}
			wantStatements(t, h.inserts(), 5) // batched on every server, SQLite included
			for i, row := range res.Rows {
				if len(row) != 1 || batchText(row[0]) != strconv.Itoa(i) {
					t.Fatalf("row %d: returned %v", i, row)
				}
			}
		})

		if server == "postgres" {
			t.Run("enum", func(t *testing.T) {
				// The ordered form's VALUES cells are text; an enum column needs a cast.
				testdb.Exec(t, db, `CREATE TYPE batch_mood AS ENUM ('sad', 'ok')`)
				moods := ast.NewTable("batch_moods",
					ast.Col("id", types.Integer, ast.PrimaryKey(), ast.AutoIncrement()),
					ast.Col("mood", types.Enum("batch_mood", "sad", "ok")))
				p, err := postgres.Dialect().Compile(ast.CreateTable(moods))
				if err != nil {
					t.Fatal(err)
				}
				testdb.Exec(t, db, p.SQL)
				res, err := engine.InsertMany(ctx, e, moods, []*ast.Column{moods.C("mood")},
					[][]any{{"ok"}, {"sad"}, {"ok"}}, engine.Returning(moods.C("mood")))
				if err != nil {
					t.Fatal(err)
				}
				for i, want := range []string{"ok", "sad", "ok"} {
					if batchText(res.Rows[i][0]) != want {
						t.Errorf("row %d: %v", i, res.Rows[i])
					}
				}
			})
		}
	})
}

// TestBatchKeys checks ReturnKeys on every server: LastInsertId on MariaDB (no
// RETURNING sent), RETURNING elsewhere.
func TestBatchKeys(t *testing.T) {
	batchServers(t, func(t *testing.T, server string) {
		ctx := t.Context()
		e, db, h := batchOpen(t, server, nil)
		cols := []*ast.Column{batchItems.C("name"), batchItems.C("n")}
		// Some rows first, so that keys do not start at 1.
		if _, err := engine.InsertMany(ctx, e, batchItems, cols, batchItemRows(3)); err != nil {
			t.Fatal(err)
		}
		testdb.Exec(t, db, "DELETE FROM batch_items")
		h.reset()
		const n = 2500
		res, err := engine.InsertMany(ctx, e, batchItems, cols, batchItemRows(n), engine.ReturnKeys())
		if err != nil {
			t.Fatal(err)
		}
		names := batchNames(t, db)
		if len(res.Keys) != n || len(names) != n {
			t.Fatalf("%d keys, %d rows", len(res.Keys), len(names))
		}
		for i, k := range res.Keys {
			if names[k] != "row-"+strconv.Itoa(i) {
				t.Fatalf("key %d of row %d names %q", k, i, names[k])
			}
		}
		if server == "mysql" {
			for _, s := range h.all() {
				if strings.Contains(s, "RETURNING") {
					t.Errorf("MariaDB keys through RETURNING: %.100s", s)
				}
			}
			wantStatements(t, h.inserts(), 3)
		}
	})
}

// TestBatchKeysMySQL checks the LastInsertId keys with a step other than 1, and the
// MySQL dialect, which has no RETURNING, on the MariaDB server.
func TestBatchKeysMySQL(t *testing.T) {
	ctx := t.Context()
	e, db, h := batchOpen(t, "mysql", mysql.Dialect())
	cols := []*ast.Column{batchItems.C("name"), batchItems.C("n")}

	_, err := engine.InsertMany(ctx, e, batchItems, cols, batchItemRows(3), engine.Returning(batchItems.C("id")))
	var ue *compiler.UnsupportedError
	if !errors.As(err, &ue) || len(h.all()) != 0 {
		t.Fatalf("RETURNING on MySQL: %v, sent %q", err, h.all())
	}

	c, err := e.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Exec(ctx, ast.Text("SET SESSION auto_increment_increment = 3")); err != nil {
		t.Fatal(err)
	}
	defer c.Exec(context.Background(), ast.Text("SET SESSION auto_increment_increment = 1"))
	res, err := engine.InsertMany(ctx, c, batchItems, cols, batchItemRows(2500), engine.ReturnKeys(), engine.BatchSize(1000))
	if err != nil {
		t.Fatal(err)
	}
	names := batchNames(t, db)
	for i, k := range res.Keys {
		if names[k] != "row-"+strconv.Itoa(i) {
			t.Fatalf("key %d of row %d names %q", k, i, names[k])
		}
		if i > 0 && k-res.Keys[i-1] != 3 && i%1000 != 0 {
			t.Fatalf("keys %d, %d within a statement are not 3 apart", res.Keys[i-1], k)
		}
	}
}

// TestBatchRollback fails the third statement and checks that the first two are
// undone, on an engine, a connection and inside a caller's transaction.
func TestBatchRollback(t *testing.T) {
	batchServers(t, func(t *testing.T, server string) {
		ctx := t.Context()
		e, db, h := batchOpen(t, server, nil)
		cols := []*ast.Column{batchCodes.C("code"), batchCodes.C("n")}
		rows := make([][]any, 1000)
		for i := range rows {
			rows[i] = []any{"k" + strconv.Itoa(i), i}
		}
		rows[250][0] = "k10" // statement 3 of 10 repeats a key of statement 1

		check := func(err error) {
			t.Helper()
			var ie *engine.IntegrityError
			if !errors.As(err, &ie) || ie.Kind != engine.UniqueViolation {
				t.Errorf("error %v, want a unique violation", err)
			}
			if got := h.inserts(); len(got) != 3 {
				t.Errorf("%d statements sent, want 3", len(got))
			}
			h.reset()
		}

		_, err := engine.InsertMany(ctx, e, batchCodes, cols, rows, engine.BatchSize(100))
		check(err)
		if n := batchCount(t, db, "batch_codes"); n != 0 {
			t.Errorf("engine: %d rows left", n)
		}

		c, err := e.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		_, err = engine.InsertMany(ctx, c, batchCodes, cols, rows, engine.BatchSize(100))
		check(err)
		c.Close()
		if n := batchCount(t, db, "batch_codes"); n != 0 {
			t.Errorf("conn: %d rows left", n)
		}

		// In a transaction: the savepoint is rolled back, the transaction goes on.
		tx, err := e.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(ctx, ast.Insert(batchCodes).Values("before", -1)); err != nil {
			t.Fatal(err)
		}
		h.reset()
		_, err = engine.InsertMany(ctx, tx, batchCodes, cols, rows, engine.BatchSize(100))
		check(err)
		if _, err := tx.Exec(ctx, ast.Insert(batchCodes).Values("after", -2)); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if n := batchCount(t, db, "batch_codes"); n != 2 {
			t.Errorf("tx: %d rows, want the 2 around the failed batch", n)
		}

		// ExecMany: set 700 of 1000 fails; nothing is kept.
		testdb.Exec(t, db, "DELETE FROM batch_codes")
		if _, err := engine.InsertMany(ctx, e, batchCodes, cols, rows[:200]); err != nil {
			t.Fatal(err)
		}
		upd := ast.Update(batchCodes).Set(batchCodes.C("n"), ast.Named("n")).Where(batchCodes.C("code").Eq(ast.Named("code")))
		sets := make([]engine.Params, 1000)
		for i := range sets {
			sets[i] = engine.Params{"code": "k" + strconv.Itoa(i%200), "n": 1000 + i}
		}
		sets[700]["n"] = nil // NOT NULL
		if _, err := engine.ExecMany(ctx, e, upd, sets); err == nil {
			t.Fatal("ExecMany: no error")
		}
		var changed int
		if err := db.QueryRow("SELECT COUNT(*) FROM batch_codes WHERE n >= 1000").Scan(&changed); err != nil {
			t.Fatal(err)
		}
		if changed != 0 {
			t.Errorf("ExecMany: %d rows changed after a failure", changed)
		}
	})
}

// TestBatchBadInput checks that bad input is a typed error and nothing is sent.
func TestBatchBadInput(t *testing.T) {
	batchServers(t, func(t *testing.T, server string) {
		ctx := t.Context()
		e, db, h := batchOpen(t, server, nil)
		name, n := batchItems.C("name"), batchItems.C("n")
		good := batchItemRows(20)
		short := append(append([][]any(nil), good[:7]...), []any{"x"})
		long := append(append([][]any(nil), good[:3]...), []any{"x", 1, 2})
		badValue := append(append([][]any(nil), good[:5]...), []any{"x", "not a number"})
		expr := append(append([][]any(nil), good[:2]...), []any{"x", ast.Lit(1)})
		for _, tc := range []struct {
			name string
			t    *ast.Table
			cols []*ast.Column
			rows [][]any
			opts []engine.BatchOption
			row  int // the BatchError's Row
		}{
			{"short row", batchItems, []*ast.Column{name, n}, short, nil, 7},
			{"long row", batchItems, []*ast.Column{name, n}, long, nil, 3},
			{"bad value", batchItems, []*ast.Column{name, n}, badValue, nil, 5},
			{"expression", batchItems, []*ast.Column{name, n}, expr, nil, 2},
			{"no columns", batchItems, nil, good, nil, -1},
			{"unknown column", batchItems, []*ast.Column{name, batchItems.C("nope")}, good, nil, -1},
			{"other table", batchItems, []*ast.Column{name, batchOther.C("x")}, good, nil, -1},
			{"twice", batchItems, []*ast.Column{name, name}, good, nil, -1},
			{"nil column", batchItems, []*ast.Column{name, nil}, good, nil, -1},
			{"nil table", nil, []*ast.Column{name, n}, good, nil, -1},
			{"returning other", batchItems, []*ast.Column{name, n}, good, []engine.BatchOption{engine.Returning(batchOther.C("x"))}, -1},
			{"keys without key", batchCodes, []*ast.Column{batchCodes.C("code"), batchCodes.C("n")}, [][]any{{"a", 1}}, []engine.BatchOption{engine.ReturnKeys()}, -1},
			{"keys given", batchItems, []*ast.Column{batchItems.C("id"), name}, [][]any{{1, "a"}}, []engine.BatchOption{engine.ReturnKeys()}, -1},
		} {
			h.reset()
			_, err := engine.InsertMany(ctx, e, tc.t, tc.cols, tc.rows, tc.opts...)
			var be *engine.BatchError
			if !errors.As(err, &be) || be.Row != tc.row {
				t.Errorf("%s: %v, want a BatchError for row %d", tc.name, err, tc.row)
			}
			if sent := h.all(); len(sent) != 0 {
				t.Errorf("%s: sent %q", tc.name, sent)
			}
		}
		if n := batchCount(t, db, "batch_items"); n != 0 {
			t.Errorf("%d rows inserted", n)
		}

		// ExecMany: a parameter set without a value is found before anything runs.
		upd := ast.Update(batchItems).Set(n, ast.Named("n")).Where(batchItems.C("id").Eq(ast.Named("id")))
		sets := []engine.Params{{"id": 1, "n": 1}, {"id": 2, "n": 2}, {"id": 3, "n": 3}, {"id": 4}}
		_, err := engine.ExecMany(ctx, e, upd, sets)
		var be *engine.BatchError
		if !errors.As(err, &be) || be.Row != 3 || len(h.all()) != 0 {
			t.Errorf("ExecMany without :n in set 3: %v, sent %q", err, h.all())
		}
		if _, err := engine.ExecMany(ctx, e, nil, sets); !errors.As(err, &be) {
			t.Errorf("ExecMany(nil): %v", err)
		}
	})
}

// TestBatchExecMany runs an UPDATE once per parameter set: one compiled plan, one
// SQL text for every execution.
func TestBatchExecMany(t *testing.T) {
	batchServers(t, func(t *testing.T, server string) {
		ctx := t.Context()
		e, db, h := batchOpen(t, server, nil)
		cols := []*ast.Column{batchCodes.C("code"), batchCodes.C("n")}
		rows := make([][]any, 500)
		for i := range rows {
			rows[i] = []any{"k" + strconv.Itoa(i), i}
		}
		if _, err := engine.InsertMany(ctx, e, batchCodes, cols, rows); err != nil {
			t.Fatal(err)
		}
		h.reset()
		upd := ast.Update(batchCodes).Set(batchCodes.C("n"), ast.Named("n")).Where(batchCodes.C("code").Eq(ast.Named("code")))
		sets := make([]engine.Params, 500)
		for i := range sets {
			sets[i] = engine.Params{"code": "k" + strconv.Itoa(i), "n": -i - 1} // every row changes: MySQL counts changed rows
		}
		misses := e.CacheStats().Misses
		tx, err := e.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		res, err := engine.ExecMany(ctx, tx, upd, sets)
		if err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if res.Statements != 500 || res.RowsAffected != 500 {
			t.Errorf("result %+v", res)
		}
		sent := h.all()
		if len(sent) != 500 {
			t.Fatalf("%d executions", len(sent))
		}
		for _, s := range sent {
			if s != sent[0] {
				t.Fatalf("two texts: %q, %q", sent[0], s)
			}
		}
		if m := e.CacheStats().Misses - misses; m != 1 {
			t.Errorf("%d compilations, want 1", m)
		}
		var sum int
		if err := db.QueryRow("SELECT SUM(n) FROM batch_codes").Scan(&sum); err != nil {
			t.Fatal(err)
		}
		if sum != -500*501/2 {
			t.Errorf("sum %d", sum)
		}

		// An INSERT with named parameters per column, row by row.
		ins := ast.Insert(batchItems).Columns(batchItems.C("name"), batchItems.C("n"))
		sets = sets[:100]
		for i := range sets {
			sets[i] = engine.Params{"name": "p" + strconv.Itoa(i), "n": i}
		}
		if res, err := engine.ExecMany(ctx, e, ins, sets); err != nil || res.RowsAffected != 100 {
			t.Fatalf("%+v, %v", res, err)
		}
		if n := batchCount(t, db, "batch_items"); n != 100 {
			t.Errorf("%d items", n)
		}
	})
}

// TestBatchTemplateMatchesCompiler checks that a batch's expanded SQL is what the
// compiler renders for the same multi-row INSERT.
func TestBatchTemplateMatchesCompiler(t *testing.T) {
	batchServers(t, func(t *testing.T, server string) {
		ctx := t.Context()
		e, _, h := batchOpen(t, server, nil)
		cols := []*ast.Column{batchCodes.C("code"), batchCodes.C("n")}
		rows := [][]any{{"a", 1}, {"b", 2}, {"c", 3}}
		var opts []engine.BatchOption
		want := ast.Insert(batchCodes).Columns(cols...)
		for _, r := range rows {
			want = want.Values(r...)
		}
		if e.Dialect().Has(compiler.Returning) {
			opts = append(opts, engine.Returning(batchCodes.C("n")))
			want = want.Returning(batchCodes.C("n"), batchCodes.C("code"))
		}
		plan, err := e.Dialect().Compile(want)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := engine.InsertMany(ctx, e, batchCodes, cols, rows, opts...); err != nil {
			t.Fatal(err)
		}
		if sent := h.all(); len(sent) != 1 || sent[0] != plan.SQL {
			t.Errorf("sent %q\nwant %q", sent, plan.SQL)
		}
	})
}

// TestBatchTemplateFallback gives SQLite a rendering whose VALUES tuple is not bare
// placeholders: InsertMany must not expand it, and sends one row per statement.
func TestBatchTemplateFallback(t *testing.T) {
	ctx := t.Context()
	d := sqlite.Dialect().Clone()
	d.Rules.Wrap(ast.KindParam, func(next compiler.RenderFunc) compiler.RenderFunc {
		return func(c *compiler.Ctx, n ast.Node) {
			c.WriteByte('(')
			next(c, n)
			c.WriteByte(')')
		}
	})
	e, db, h := batchOpen(t, "sqlite", d)
	res, err := engine.InsertMany(ctx, e, batchItems, []*ast.Column{batchItems.C("name"), batchItems.C("n")},
		batchItemRows(10), engine.Returning(batchItems.C("name")))
	if err != nil {
		t.Fatal(err)
	}
	wantStatements(t, h.inserts(), 10)
	for i, row := range res.Rows {
		if batchText(row[0]) != "row-"+strconv.Itoa(i) {
			t.Errorf("row %d: %v", i, row)
		}
	}
	if n := batchCount(t, db, "batch_items"); n != 10 {
		t.Errorf("%d rows", n)
	}
}
