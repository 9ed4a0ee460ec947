package questdb_test

import (
	"fmt"
	"time"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/dialects/questdb"
	"github.com/seed13bb6a42/strata/types"
)

// exampleTrades is the table of the examples.
var exampleTrades = ast.NewTable("trades",
	ast.Col("ts", types.DateTime),
	ast.Col("sym", questdb.Symbol),
	ast.Col("price", types.DoubleFloat),
	ast.Col("amount", types.DoubleFloat),
)

func show(n ast.Node) {
	p, err := questdb.Dialect().Compile(n)
	if err != nil {
		fmt.Println(err)
		return
	}
	args, _ := p.Args(nil)
	fmt.Println(p.SQL)
	fmt.Println(args)
}

func ExampleSampleBy() {
	t := exampleTrades
	q := ast.Select(t.C("ts"), ast.Avg(t.C("price")).As("avg_price"), ast.Sum(t.C("amount")).As("volume")).
		From(t).Where(t.C("sym").Eq("BTC-USD"))
	q = questdb.SampleBy(q, "1h",
		questdb.FromTo("2024-01-15", "2024-01-16"),
		questdb.Fill(questdb.FillPrev, questdb.FillConst(0)),
		questdb.TimeZone("Europe/Berlin")).
		OrderBy(t.C("ts"))
	show(q)
	// Output:
	// SELECT "trades"."ts", avg("trades"."price") AS "avg_price", sum("trades"."amount") AS "volume" FROM "trades" WHERE "trades"."sym" = $1 SAMPLE BY 1h FROM '2024-01-15' TO '2024-01-16' FILL(PREV, 0) ALIGN TO CALENDAR TIME ZONE 'Europe/Berlin' ORDER BY "trades"."ts"
	// [BTC-USD]
}

func ExampleSampleBy_invalid() {
	t := exampleTrades
	// A keyed query (sym is not aggregated) cannot be filled by interpolation.
	q := questdb.SampleBy(ast.Select(t.C("ts"), t.C("sym"), ast.Avg(t.C("price"))).From(t), 15*time.Minute,
		questdb.Fill(questdb.FillLinear))
	show(q)
	// Output:
	// compiler: questdb: FILL(LINEAR) cannot fill a keyed SAMPLE BY (one with non-aggregated columns besides the timestamp); use PREV or NULL
}

func ExampleLatestOn() {
	t := exampleTrades
	q := questdb.LatestOn(ast.Select(t.C("sym"), t.C("price")).From(t).Where(questdb.InInterval(t.C("ts"), "2024-01")),
		t.C("ts"), t.C("sym"))
	show(q)
	// Output:
	// SELECT "trades"."sym", "trades"."price" FROM "trades" WHERE "trades"."ts" IN $1 LATEST ON "trades"."ts" PARTITION BY "trades"."sym"
	// [2024-01]
}

func ExampleAsofJoin() {
	t := exampleTrades
	quotes := ast.NewTable("quotes",
		ast.Col("ts", types.DateTime), ast.Col("sym", questdb.Symbol), ast.Col("bid", types.DoubleFloat))
	j := questdb.AsofJoin(t, quotes, t.C("sym").Eq(quotes.C("sym")), questdb.Tolerance(5*time.Second))
	show(ast.Select(t.C("ts"), t.C("price"), quotes.C("bid")).From(j))
	// Output:
	// SELECT "trades"."ts", "trades"."price", "quotes"."bid" FROM "trades" ASOF JOIN "quotes" ON "trades"."sym" = "quotes"."sym" TOLERANCE 5s
	// []
}

func ExampleTimestampFloor() {
	t := exampleTrades
	bucket := questdb.TimestampFloor("15m", t.C("ts"))
	show(ast.Select(bucket.As("bucket"), questdb.DateDiff("s", bucket, t.C("ts")).As("into_bucket")).From(t))
	// Output:
	// SELECT timestamp_floor('15m', "trades"."ts") AS "bucket", datediff('s', timestamp_floor('15m', "trades"."ts"), "trades"."ts") AS "into_bucket" FROM "trades"
	// []
}

// QuestDB has no OFFSET: Strata writes LIMIT lo, hi with hi worked out before sending.
func ExampleDialect_offset() {
	t := exampleTrades
	show(ast.Select(t.C("ts")).From(t).OrderBy(t.C("ts")).Limit(10).Offset(20))
	// Output:
	// SELECT "trades"."ts" FROM "trades" ORDER BY "trades"."ts" LIMIT $1, $2
	// [20 30]
}

// QuestDB has no HAVING: Strata filters a subquery.
func ExampleDialect_having() {
	t := exampleTrades
	show(ast.Select(t.C("sym"), ast.Count().As("n")).From(t).GroupBy(t.C("sym")).Having(ast.Gt(ast.Count(), 100)))
	// Output:
	// SELECT "having_"."sym", "having_"."n" FROM (SELECT "trades"."sym", count(*) AS "n" FROM "trades" GROUP BY "trades"."sym") AS "having_" WHERE "having_"."n" > $1
	// [100]
}

// What QuestDB lacks is an error that says what to use instead.
func ExampleDialect_refused() {
	t := exampleTrades
	show(ast.Delete(t).Where(t.C("ts").Lt(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))))
	// Output:
	// compiler: questdb does not support DELETE (QuestDB removes whole partitions (ALTER TABLE … DROP PARTITION LIST '2024-01' | WHERE ts < …), whole tables (TRUNCATE TABLE), or old rows by a table TTL; DEDUP UPSERT KEYS replaces rows on insert)
}

func ExampleTypeName() {
	for _, t := range []*types.Type{types.BigInteger, types.String(40), questdb.Symbol, questdb.Geohash(30),
		types.ArrayOf(types.DoubleFloat), types.Decimal(10, 2)} {
		fmt.Println(questdb.TypeName(t, false))
	}
	// Output:
	// LONG <nil>
	// VARCHAR <nil>
	// SYMBOL <nil>
	// GEOHASH(6c) <nil>
	// DOUBLE[] <nil>
	//  QuestDB 8 has no DECIMAL type; use DOUBLE, or LONG holding a count of the smallest unit (cents)
}
