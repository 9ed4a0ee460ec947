package questdb_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/questdb"
	"github.com/seed13bb6a42/strata/schema"
	"github.com/seed13bb6a42/strata/types"
)

// A time-series table: the designated timestamp orders and partitions the rows, the
// write-ahead log takes concurrent writers, and the upsert keys make re-sent rows
// replace the ones they repeat. PostgreSQL ignores the QuestDB options.
func ExamplePartitionBy() {
	trades := ast.NewTable("trades",
		ast.Col("ts", types.DateTime),
		ast.Col("sym", questdb.Symbol),
		ast.Col("price", types.DoubleFloat),
		questdb.DesignatedTimestamp("ts"),
		questdb.PartitionBy(questdb.Day),
		questdb.TTL(4, questdb.Weeks),
		questdb.WAL(),
		questdb.DedupUpsertKeys("ts", "sym"),
		questdb.SymbolOptions("sym", questdb.Capacity(256), questdb.Indexed()))
	for _, d := range []*compiler.Dialect{questdb.Dialect(), postgres.Dialect()} {
		p, err := d.Compile(ast.CreateTable(trades))
		fmt.Println(d.Name+":", p.SQL, err)
	}
	// Output:
	// questdb: CREATE TABLE "trades" ("ts" TIMESTAMP, "sym" SYMBOL CAPACITY 256 INDEX, "price" DOUBLE) TIMESTAMP("ts") PARTITION BY DAY TTL 4 WEEKS WAL DEDUP UPSERT KEYS("ts", "sym") <nil>
	// postgres: CREATE TABLE trades (ts TIMESTAMP, sym VARCHAR, price DOUBLE PRECISION) <nil>
}

// The options are checked before anything is sent: WAL needs partitioning.
func ExampleWAL() {
	t := ast.NewTable("ticks", ast.Col("ts", types.DateTime), questdb.DesignatedTimestamp("ts"), questdb.WAL())
	_, err := questdb.Dialect().Compile(ast.CreateTable(t))
	var ce *compiler.CompileError
	fmt.Println(errors.As(err, &ce), err)
	// Output:
	// true compiler: questdb: table ticks: WAL needs partitioning by time (questdb.PartitionBy with a unit other than NONE)
}

// A schema written for PostgreSQL, with keys, defaults and a sequence, is refused by
// QuestDB at its first constraint; OmitConstraints creates it without them, one
// statement per table (a statement left out as a whole is empty).
func ExampleOmitConstraints() {
	users := ast.NewTable("users",
		ast.Col("id", types.BigInteger, ast.PrimaryKey()),
		ast.Col("email", types.Text, ast.NotNull(), ast.Unique()),
		ast.Col("joined", types.DateTime, ast.ServerDefault(ast.Now())),
		questdb.DesignatedTimestamp("joined"))
	md := ast.NewMetaData(users).WithSequences(ast.NewSequence("invoice_no"))

	_, err := questdb.Dialect().Compile(ast.CreateTable(users))
	fmt.Println(err)

	d := questdb.OmitConstraints(questdb.Dialect())
	plan, err := schema.CreatePlan(d, md)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range plan.Statements {
		p, err := d.Compile(s)
		fmt.Printf("%q %v\n", p.SQL, err)
	}
	// Output:
	// compiler: questdb does not support PRIMARY KEY on table users (QuestDB has no keys: keep one row per key with questdb.DedupUpsertKeys on a WAL table; or compile with questdb.OmitConstraints(dialect) to leave it out)
	// "" <nil>
	// "CREATE TABLE \"users\" (\"id\" LONG, \"email\" VARCHAR, \"joined\" TIMESTAMP) TIMESTAMP(\"joined\")" <nil>
}

// QuestDB deletes by whole partitions, or by emptying the table.
func ExampleAlterTable() {
	trades := ast.NewTable("trades", ast.Col("ts", types.DateTime), ast.Col("sym", questdb.Symbol),
		questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day))
	cutoff := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, s := range []ast.Node{
		questdb.AlterTable(trades, questdb.AddIndex{Column: "sym"}),
		questdb.AlterTable(trades, questdb.DropPartitionList{Partitions: []string{"2023-12-30", "2023-12-31"}}),
		questdb.AlterTable(trades, questdb.DropPartitionWhere{Cond: trades.C("ts").Lt(cutoff)}),
		questdb.AlterTable(trades, questdb.DedupEnable{Keys: []string{"ts", "sym"}}),
		questdb.AlterTable(trades, questdb.DedupDisable{}),
		questdb.Truncate(trades),
	} {
		p, err := questdb.Dialect().Compile(s)
		fmt.Println(p.SQL, err)
	}
	// Output:
	// ALTER TABLE "trades" ALTER COLUMN "sym" ADD INDEX <nil>
	// ALTER TABLE "trades" DROP PARTITION LIST '2023-12-30', '2023-12-31' <nil>
	// ALTER TABLE "trades" DROP PARTITION WHERE "ts" < '2024-01-01T00:00:00.000000Z'::TIMESTAMP <nil>
	// ALTER TABLE "trades" DEDUP ENABLE UPSERT KEYS("ts", "sym") <nil>
	// ALTER TABLE "trades" DEDUP DISABLE <nil>
	// TRUNCATE TABLE "trades" <nil>
}

// CREATE TABLE … AS takes the options of CREATE TABLE; symbol options make their
// column a SYMBOL.
func ExampleCreateTableAs() {
	raw := ast.NewTable("raw_ticks", ast.Col("ts", types.DateTime), ast.Col("sym", types.Text), ast.Col("price", types.DoubleFloat))
	q := ast.Select(raw.Star()).From(raw).OrderBy(raw.C("ts").Asc())
	s := questdb.CreateTableAs("ticks", q,
		questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Month),
		questdb.SymbolOptions("sym", questdb.Capacity(1024), questdb.Indexed()))
	p, err := questdb.Dialect().Compile(s)
	fmt.Println(p.SQL, err)
	// Output:
	// CREATE TABLE "ticks" AS (SELECT "raw_ticks".* FROM "raw_ticks" ORDER BY "raw_ticks"."ts"), CAST("sym" AS SYMBOL CAPACITY 1024), INDEX("sym") TIMESTAMP("ts") PARTITION BY MONTH <nil>
}
