package questdb_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	_ "github.com/lib/pq" // the driver engine.Open uses for questdb:// URLs

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/dialects/questdb"
	"github.com/seed13bb6a42/strata/engine"
	"github.com/seed13bb6a42/strata/types"
)

// TestQueryIntegration creates a trades and a quotes table on the QuestDB server that
// STRATA_QUESTDB_URL names (questdb://admin:quest@host:8812/qdb), fills them, and
// runs SAMPLE BY, LATEST ON, ASOF JOIN, the interval filter, OFFSET and HAVING through
// engine.Open, comparing the rows with what the data implies. It is written for
// QuestDB 8.3 and later; without the variable it is skipped.
func TestQueryIntegration(t *testing.T) {
	url := os.Getenv("STRATA_QUESTDB_URL")
	if url == "" {
		t.Skip("STRATA_QUESTDB_URL is not set: no QuestDB server to run against (e.g. questdb://admin:quest@127.0.0.1:8812/qdb)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	e, err := engine.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()

	suffix := time.Now().UTC().Format("20060102150405")
	tr := ast.NewTable("strata_q_trades_"+suffix,
		ast.Col("ts", types.DateTime),
		ast.Col("sym", questdb.Symbol),
		ast.Col("price", types.DoubleFloat),
		ast.Col("amount", types.DoubleFloat),
		questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day), questdb.WAL(),
		questdb.DedupUpsertKeys("ts", "sym"))
	qt := ast.NewTable("strata_q_quotes_"+suffix,
		ast.Col("ts", types.DateTime),
		ast.Col("sym", questdb.Symbol),
		ast.Col("bid", types.DoubleFloat),
		questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day), questdb.WAL())
	for _, table := range []*ast.Table{tr, qt} {
		if _, err := e.Exec(ctx, ast.CreateTable(table)); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			e.Exec(context.Background(), &ast.DropTableStmt{Table: table, IfExists: true}) //nolint:errcheck // best effort
		})
	}
	ts, sym, price, amount := tr.C("ts"), tr.C("sym"), tr.C("price"), tr.C("amount")
	at := func(hhmm string) time.Time {
		v, err := time.Parse("2006-01-02 15:04", "2024-01-15 "+hhmm)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// Two symbols over three hours; nothing between 11:00 and 12:00.
	rows := [][]any{
		{at("10:00"), "BTC", 100.0, 1.0},
		{at("10:30"), "BTC", 110.0, 2.0},
		{at("10:45"), "ETH", 10.0, 5.0},
		{at("12:10"), "BTC", 130.0, 1.0},
		{at("12:20"), "ETH", 12.0, 5.0},
	}
	if _, err := e.Exec(ctx, ast.Insert(tr).Columns(ts, sym, price, amount).ValuesRows(rows)); err != nil {
		t.Fatal(err)
	}
	quoteRows := [][]any{
		{at("09:59"), "BTC", 99.0},
		{at("10:29"), "BTC", 109.0},
		{at("10:40"), "ETH", 9.5},
		{at("12:00"), "BTC", 128.0},
	}
	if _, err := e.Exec(ctx, ast.Insert(qt).Columns(qt.C("ts"), qt.C("sym"), qt.C("bid")).ValuesRows(quoteRows)); err != nil {
		t.Fatal(err)
	}
	if err := engine.WaitWAL(ctx, e, tr.Name, qt.Name); err != nil {
		t.Fatal(err)
	}

	t.Run("sample_by_fill", func(t *testing.T) {
		q := questdb.SampleBy(ast.Select(ts, ast.Sum(amount).As("volume")).From(tr).Where(sym.Eq("BTC")), "1h",
			questdb.Fill(questdb.FillConst(0)), questdb.AlignToCalendar()).OrderBy(ts)
		got, err := engine.All[sampleBucket](ctx, e, q)
		if err != nil {
			t.Fatal(err)
		}
		want := []sampleBucket{{at("10:00"), 3}, {at("11:00"), 0}, {at("12:00"), 1}}
		if diff := cmp.Diff(want, utcBuckets(got)); diff != "" {
			t.Errorf("SAMPLE BY (-want +got):\n%s", diff)
		}
	})

	type latest struct {
		Sym   string  `db:"sym"`
		Price float64 `db:"price"`
	}
	t.Run("latest_on", func(t *testing.T) {
		q := questdb.LatestOn(ast.Select(sym, price).From(tr), ts, sym).OrderBy(sym)
		got, err := engine.All[latest](ctx, e, q)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]latest{{"BTC", 130}, {"ETH", 12}}, got); diff != "" {
			t.Errorf("LATEST ON (-want +got):\n%s", diff)
		}
	})

	type matched struct {
		Price float64  `db:"price"`
		Bid   *float64 `db:"bid"`
	}
	t.Run("asof_join", func(t *testing.T) {
		j := questdb.AsofJoin(tr, qt, sym.Eq(qt.C("sym")), questdb.Tolerance("15m"))
		q := ast.Select(price, qt.C("bid")).From(j).OrderBy(ts)
		got, err := engine.All[matched](ctx, e, q)
		if err != nil {
			t.Fatal(err)
		}
		f := func(v float64) *float64 { return &v }
		// 12:20 ETH has no quote within 15 minutes; the others take the latest before them.
		want := []matched{{100, f(99)}, {110, f(109)}, {10, f(9.5)}, {130, f(128)}, {12, nil}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("ASOF JOIN (-want +got):\n%s", diff)
		}
	})

	t.Run("interval_offset_having", func(t *testing.T) {
		q := ast.Select(price).From(tr).Where(questdb.InInterval(ts, "2024-01-15T10;1h")).OrderBy(ts).Limit(2).Offset(1)
		got, err := engine.All[float64](ctx, e, q)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]float64{110, 10}, got); diff != "" {
			t.Errorf("interval filter with OFFSET (-want +got):\n%s", diff)
		}
		h := ast.Select(sym, ast.Count().As("n")).From(tr).GroupBy(sym).Having(ast.Gt(ast.Sum(amount), 5)).OrderBy(sym)
		type group struct {
			Sym string `db:"sym"`
			N   int64  `db:"n"`
		}
		groups, err := engine.All[group](ctx, e, h)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]group{{"ETH", 2}}, groups); diff != "" {
			t.Errorf("HAVING (-want +got):\n%s", diff)
		}
	})

	t.Run("refusals_never_reach_the_server", func(t *testing.T) {
		_, err := e.Exec(ctx, ast.Delete(tr).Where(sym.Eq("BTC")))
		if err == nil || !strings.Contains(err.Error(), "does not support DELETE") {
			t.Errorf("DELETE: %v", err)
		}
	})
}

// A sampleBucket is a row of the SAMPLE BY query.
type sampleBucket struct {
	TS     time.Time `db:"ts"`
	Volume float64   `db:"volume"`
}

// utcBuckets puts the bucket times in UTC, which QuestDB's timestamps are, whatever
// location the driver gave them.
func utcBuckets(bs []sampleBucket) []sampleBucket {
	for i := range bs {
		bs[i].TS = bs[i].TS.UTC()
	}
	return bs
}
