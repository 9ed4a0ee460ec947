package dialecttest

import (
	"strings"
	"time"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/types"
)

// The fixture tables every case is built from. Their rows are in Seed.
var (
	Users = ast.NewTable("users",
		ast.Col("id", types.Integer),
		ast.Col("name", types.String(50)),
		ast.Col("email", types.String(100)),
		ast.Col("age", types.Integer),
		ast.Col("active", types.Bool),
		ast.Col("score", types.DoubleFloat),
		ast.Col("created_at", types.DateTime),
		ast.Col("manager_id", types.Integer),
		ast.Col("dept_id", types.Integer),
	)
	Orders = ast.NewTable("orders",
		ast.Col("id", types.Integer),
		ast.Col("user_id", types.Integer),
		ast.Col("total", types.Decimal(10, 2)),
		ast.Col("status", types.String(20)),
		ast.Col("placed_at", types.DateTime),
	)
	Items = ast.NewTable("items",
		ast.Col("id", types.Integer),
		ast.Col("order_id", types.Integer),
		ast.Col("sku", types.String(20)),
		ast.Col("qty", types.Integer),
		ast.Col("price", types.Decimal(10, 2)),
	)
	Depts = ast.NewTable("depts",
		ast.Col("id", types.Integer),
		ast.Col("name", types.String(20)),
		ast.Col("parent_id", types.Integer),
	)
	KV = ast.NewTable("kv",
		ast.Col("k", types.String(20)),
		ast.Col("v", types.Integer),
		ast.Col("n", types.Integer),
	)
	// Odd has names that must be quoted everywhere: a reserved word, a space, mixed
	// case, non-ASCII letters.
	Odd = ast.NewTable("Odd Table",
		ast.Col("select", types.Integer),
		ast.Col("User Name", types.String(40)),
		ast.Col("ünï", types.String(10)),
	)
)

// Tables lists the fixture tables in creation order.
var Tables = []*ast.Table{Users, Orders, Items, Depts, KV, Odd}

// primaryKeys names each fixture table's primary key column; kv's constraint is
// named kv_pkey on every dialect so ON CONFLICT ON CONSTRAINT can refer to it.
var primaryKeys = map[string]string{
	"users": "id", "orders": "id", "items": "id", "depts": "id", "kv": "k", "Odd Table": "select",
}

func ts(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04:05", s)
	if err != nil {
		panic(err)
	}
	return t
}

// Seed holds the fixture rows, inserted with statements compiled by the dialect
// under test.
var Seed = map[*ast.Table][][]any{
	Users: {
		{1, "ann", "ann@example.com", 31, true, 88.5, ts("2024-01-15 10:30:00"), nil, 1},
		{2, "bob", "bob@example.com", 25, false, 72.25, ts("2024-02-01 08:00:00"), 1, 1},
		{3, "cy", nil, nil, true, nil, ts("2024-03-10 12:00:00"), 1, 2},
		{4, "dee", "dee@example.org", 42, true, 95.0, ts("2024-03-11 18:45:30"), 2, 2},
		{5, "eve", "eve_50%@example.com", 19, false, 60.0, ts("2023-12-31 23:59:59"), nil, nil},
	},
	Orders: {
		{1, 1, "100.00", "paid", ts("2024-02-01 09:00:00")},
		{2, 1, "250.50", "shipped", ts("2024-02-15 10:00:00")},
		{3, 2, "20.00", "paid", ts("2024-03-01 11:00:00")},
		{4, 4, "999.99", "cancelled", ts("2024-03-12 12:00:00")},
		{5, 4, "15.25", "paid", nil},
		{6, 3, nil, "new", ts("2024-04-01 00:00:00")},
	},
	Items: {
		{1, 1, "A-1", 2, "25.00"},
		{2, 1, "B_2", 1, "50.00"},
		{3, 2, "A-1", 10, "25.05"},
		{4, 3, "C%3", 4, "5.00"},
		{5, 4, "D-4", 1, "999.99"},
		{6, 5, "A-1", 1, "15.25"},
	},
	Depts: {
		{1, "root", nil},
		{2, "eng", 1},
		{3, "ops", 1},
		{4, "web", 2},
		{5, "db", 2},
	},
	KV: {
		{"a", 1, 10},
		{"b", 2, 20},
		{"c", nil, 30},
	},
	Odd: {
		{1, "x y", "ü"},
		{2, "O'Brien", nil},
	},
}

// SetupSQL returns the statements that create and fill the fixture tables on d:
// CREATE TABLE from each table's declared column types (d.TypeName), with a primary
// key and a unique email, then INSERTs compiled by d itself.
func SetupSQL(d *compiler.Dialect) (stmts []string, args [][]any, err error) {
	for _, t := range Tables {
		ddl, err := createTable(d, t)
		if err != nil {
			return nil, nil, err
		}
		stmts = append(stmts, ddl)
		args = append(args, nil)
	}
	for _, t := range Tables {
		ins := ast.Insert(t)
		for _, row := range Seed[t] {
			ins = ins.Values(row...)
		}
		plan, err := d.Compile(ins)
		if err != nil {
			return nil, nil, err
		}
		a, err := plan.Args(nil)
		if err != nil {
			return nil, nil, err
		}
		stmts = append(stmts, plan.SQL)
		args = append(args, a)
	}
	return stmts, args, nil
}

// TeardownSQL returns the DROP TABLE statements for the fixture tables.
func TeardownSQL(d *compiler.Dialect) []string {
	var out []string
	for i := len(Tables) - 1; i >= 0; i-- {
		name, err := d.QuoteIdent(Tables[i].Name)
		if err == nil {
			out = append(out, "DROP TABLE IF EXISTS "+name)
		}
	}
	return out
}

func createTable(d *compiler.Dialect, t *ast.Table) (string, error) {
	var sb strings.Builder
	name, err := d.QuoteIdent(t.Name)
	if err != nil {
		return "", err
	}
	sb.WriteString("CREATE TABLE " + name + " (")
	pk := primaryKeys[t.Name]
	for i, c := range t.Columns {
		if i > 0 {
			sb.WriteString(", ")
		}
		col, err := d.QuoteIdent(c.Name)
		if err != nil {
			return "", err
		}
		typ, err := d.TypeName(c.Type, false)
		if err != nil {
			return "", err
		}
		sb.WriteString(col + " " + typ)
		if c.Name == pk {
			sb.WriteString(" NOT NULL")
		}
		if c.Name == "email" {
			sb.WriteString(" UNIQUE")
		}
	}
	pkName, err := d.QuoteIdent(t.Name + "_pkey")
	if err != nil {
		pkName, _ = d.QuoteIdent("pk")
	}
	pkCol, _ := d.QuoteIdent(pk)
	sb.WriteString(", CONSTRAINT " + pkName + " PRIMARY KEY (" + pkCol + "))")
	return sb.String(), nil
}
