package questdb_test

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects"
	"github.com/seed13bb6a42/strata/dialects/dialecttest"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/questdb"
	"github.com/seed13bb6a42/strata/types"
)

// update rewrites the golden files (go test -update); ddl_test.go reads the same flag.
var update = flag.Bool("update", false, "rewrite the golden files with the current output")

// The tables of the query cases: QuestDB's worked example, trades and quotes keyed by
// symbol, plus a VARCHAR column, which LATEST ON cannot partition by.
var (
	trades = ast.NewTable("trades",
		ast.Col("ts", types.DateTime),
		ast.Col("sym", questdb.Symbol),
		ast.Col("side", questdb.Symbol),
		ast.Col("price", types.DoubleFloat),
		ast.Col("amount", types.DoubleFloat),
		ast.Col("venue", types.Text),
	)
	tTS, tSym, tSide, tPrice, tAmount, tVenue = trades.C("ts"), trades.C("sym"), trades.C("side"),
		trades.C("price"), trades.C("amount"), trades.C("venue")
	quotes = ast.NewTable("quotes",
		ast.Col("ts", types.DateTime),
		ast.Col("sym", questdb.Symbol),
		ast.Col("bid", types.DoubleFloat),
		ast.Col("ask", types.DoubleFloat),
	)
	qTS, qSym, qBid, qAsk = quotes.C("ts"), quotes.C("sym"), quotes.C("bid"), quotes.C("ask")
)

var jan1 = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// perHour is the usual SAMPLE BY query: the timestamp and aggregates of BTC-USD trades.
func perHour() ast.SelectStmt {
	return ast.Select(tTS, ast.Avg(tPrice).As("avg_price"), ast.Sum(tAmount).As("volume"), ast.Max(tPrice).As("high")).
		From(trades).Where(tSym.Eq("BTC-USD"))
}

// perHourKeyed adds the symbol to the select list, which makes the query keyed.
func perHourKeyed() ast.SelectStmt {
	return ast.Select(tTS, tSym, ast.Avg(tPrice).As("avg_price")).From(trades)
}

type queryCase struct {
	name    string
	invalid bool // bad input on QuestDB: a *compiler.CompileError (or a conversion error)
	build   func() ast.Node
	options compiler.Options
}

// queryCases cover every construct of the dialect's query side and every refusal:
// SQL (or the error, with its type) on QuestDB, on QuestDB 9 where it differs, and on
// PostgreSQL, which shows what the emulations replace and proves that other dialects
// refuse this package's nodes.
var queryCases = []queryCase{
	// SAMPLE BY.
	{name: "sample_by_basic", build: func() ast.Node { return questdb.SampleBy(perHour(), "1h") }},
	{name: "sample_by_clause_order", build: func() ast.Node {
		// WHERE → SAMPLE BY → ORDER BY → LIMIT, as QuestDB requires.
		return questdb.SampleBy(perHour(), "15m", questdb.Fill(questdb.FillPrev)).OrderBy(tTS.Desc()).Limit(24)
	}},
	{name: "sample_by_bare_unit", build: func() ast.Node { return questdb.SampleBy(perHour(), "d") }},
	{name: "sample_by_duration", build: func() ast.Node { return questdb.SampleBy(perHour(), 90*time.Minute) }},
	{name: "sample_by_duration_millis", build: func() ast.Node { return questdb.SampleBy(perHour(), 1500*time.Millisecond) }},
	{name: "sample_by_month", build: func() ast.Node { return questdb.SampleBy(perHour(), "1M") }},
	{name: "sample_by_fill_per_aggregate", build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h",
			questdb.Fill(questdb.FillNull, questdb.FillConst(0), questdb.FillLinear))
	}},
	{name: "sample_by_fill_constants", build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h",
			questdb.Fill(questdb.FillConst(-1.5), questdb.FillConst(uint8(7)), questdb.FillConst(100)))
	}},
	{name: "sample_by_fill_none", build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h", questdb.Fill(questdb.FillNone))
	}},
	{name: "sample_by_from_to_times", build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1d",
			questdb.FromTo(jan1, jan1.AddDate(0, 0, 7)), questdb.Fill(questdb.FillNull))
	}},
	{name: "sample_by_from_to_keyed_strings", build: func() ast.Node {
		return questdb.SampleBy(perHourKeyed(), "1h", questdb.FromTo("2024-01-01", "2024-01-02"), questdb.Fill(questdb.FillPrev))
	}},
	{name: "sample_by_from_open_end", build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h", questdb.FromTo("2024-01-01T08:00", nil))
	}},
	{name: "sample_by_from_to_params", build: func() ast.Node {
		// Bound FROM/TO are fine while the query is not keyed.
		return questdb.SampleBy(perHour(), "1h", questdb.FromTo(ast.Param(jan1), ast.Param(jan1.Add(time.Hour))))
	}},
	{name: "sample_by_align_calendar", build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1d", questdb.AlignToCalendar())
	}},
	{name: "sample_by_time_zone_offset", build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1d", questdb.Fill(questdb.FillPrev),
			questdb.TimeZone("Europe/Berlin"), questdb.WithOffset("00:45"))
	}},
	{name: "sample_by_offset_only", build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h", questdb.WithOffset("-01:30"))
	}},
	{name: "sample_by_first_observation", build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1d", questdb.AlignToFirstObservation())
	}},
	{name: "sample_by_keyed_prev", build: func() ast.Node {
		return questdb.SampleBy(perHourKeyed(), "1h", questdb.Fill(questdb.FillPrev))
	}},
	{name: "sample_by_floor_column", build: func() ast.Node {
		// Aggregates inside expressions count as aggregates; the timestamp is no key.
		return questdb.SampleBy(ast.Select(tTS, ast.As(ast.Mul(ast.Sum(tAmount), 2), "twice")).From(trades), "1h",
			questdb.Fill(questdb.FillLinear))
	}},
	{name: "sample_by_having", build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h").Having(ast.Gt(ast.Sum(tAmount), 10)).OrderBy(tTS)
	}},
	{name: "sample_by_in_subquery", build: func() ast.Node {
		inner := questdb.SampleBy(perHour(), "1h").As("h")
		return ast.Select(inner.C("ts"), questdb.ToTimezone(inner.C("ts"), "Europe/Berlin")).From(inner)
	}},
	{name: "sample_by_bad_unit", invalid: true, build: func() ast.Node { return questdb.SampleBy(perHour(), "1x") }},
	{name: "sample_by_zero", invalid: true, build: func() ast.Node { return questdb.SampleBy(perHour(), "0h") }},
	{name: "sample_by_negative", invalid: true, build: func() ast.Node { return questdb.SampleBy(perHour(), "-1h") }},
	{name: "sample_by_empty", invalid: true, build: func() ast.Node { return questdb.SampleBy(perHour(), "") }},
	{name: "sample_by_negative_duration", invalid: true, build: func() ast.Node { return questdb.SampleBy(perHour(), -time.Hour) }},
	{name: "sample_by_wrong_type", invalid: true, build: func() ast.Node { return questdb.SampleBy(perHour(), 60) }},
	{name: "sample_by_bind_param", build: func() ast.Node { return questdb.SampleBy(perHour(), ast.Param("1h")) }},
	{name: "sample_by_named_param", build: func() ast.Node { return questdb.SampleBy(perHour(), ast.Named("every")) }},
	{name: "sample_by_fill_count_mismatch", invalid: true, build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h", questdb.Fill(questdb.FillPrev, questdb.FillNull))
	}},
	{name: "sample_by_fill_none_mixed", invalid: true, build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h", questdb.Fill(questdb.FillNone, questdb.FillNull, questdb.FillPrev))
	}},
	{name: "sample_by_linear_keyed", invalid: true, build: func() ast.Node {
		return questdb.SampleBy(perHourKeyed(), "1h", questdb.Fill(questdb.FillLinear))
	}},
	{name: "sample_by_linear_from_to", invalid: true, build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h", questdb.FromTo(jan1, nil), questdb.Fill(questdb.FillLinear))
	}},
	{name: "sample_by_from_to_first_observation", invalid: true, build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h", questdb.FromTo(jan1, nil), questdb.AlignToFirstObservation())
	}},
	{name: "sample_by_zone_first_observation", invalid: true, build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h", questdb.TimeZone("UTC"), questdb.AlignToFirstObservation())
	}},
	{name: "sample_by_keyed_from_to_params", build: func() ast.Node {
		return questdb.SampleBy(perHourKeyed(), "1h", questdb.FromTo(ast.Param(jan1), nil))
	}},
	{name: "sample_by_keyed_from_to_cast_param", build: func() ast.Node {
		return questdb.SampleBy(perHourKeyed(), "1h", questdb.FromTo(ast.Cast(ast.Param(jan1), types.DateTime), nil))
	}},
	{name: "sample_by_keyed_to_named", build: func() ast.Node {
		return questdb.SampleBy(perHourKeyed(), "1h", questdb.FromTo(nil, ast.Add(ast.Named("to"), ast.Lit(1))))
	}},
	{name: "sample_by_bad_zone", invalid: true, build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h", questdb.TimeZone("Europe/Berlin'; DROP TABLE trades"))
	}},
	{name: "sample_by_bad_offset", invalid: true, build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h", questdb.WithOffset("1 hour"))
	}},
	{name: "sample_by_fill_nan", invalid: true, build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h", questdb.Fill(questdb.FillConst(math.NaN())))
	}},
	{name: "sample_by_fill_bad_type", invalid: true, build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h", questdb.Fill(questdb.FillConst(jan1)))
	}},
	{name: "sample_by_fill_zero_value", invalid: true, build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h", questdb.Fill(questdb.FillValue{}))
	}},
	{name: "sample_by_fill_empty_constant", invalid: true, build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h", questdb.Fill(questdb.FillValue{Mode: questdb.FillModeValue}))
	}},
	{name: "sample_by_fill_constant_injection", invalid: true, build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h", questdb.Fill(questdb.FillValue{Mode: questdb.FillModeValue,
			Const: "0) ALIGN TO CALENDAR; DROP TABLE trades; --"}))
	}},
	{name: "sample_by_fill_constant_open_quote", invalid: true, build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h", questdb.Fill(questdb.FillValue{Mode: questdb.FillModeValue,
			Const: "'a'); DROP TABLE trades; --'"}))
	}},
	{name: "sample_by_fill_constants_by_hand", build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h", questdb.Fill(
			questdb.FillValue{Mode: questdb.FillModeValue, Const: "-2.5e3"},
			questdb.FillValue{Mode: questdb.FillModeValue, Const: "7"},
			questdb.FillValue{Mode: questdb.FillModeValue, Const: "'it''s'"}))
	}},
	{name: "sample_by_fill_mode_out_of_range", invalid: true, build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h", questdb.Fill(questdb.FillValue{Mode: 9}))
	}},
	{name: "sample_by_zero_clause", invalid: true, build: func() ast.Node {
		return perHour().AddClause(ast.AfterWhere, &questdb.SampleByClause{Custom: ast.Custom{K: questdb.KindSampleBy}})
	}},
	{name: "sample_by_stride_by_hand", invalid: true, build: func() ast.Node {
		s := questdb.NewSampleBy("1h")
		s.Every = questdb.Stride{Count: 1, Unit: 'x'}
		return perHour().AddClause(ast.AfterWhere, s)
	}},
	{name: "sample_by_alignment_out_of_range", invalid: true, build: func() ast.Node {
		s := questdb.NewSampleBy("1h")
		s.Align = 7
		return perHour().AddClause(ast.AfterWhere, s)
	}},
	{name: "sample_by_bad_bound", invalid: true, build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h", questdb.FromTo(42, nil))
	}},
	{name: "sample_by_with_group_by", invalid: true, build: func() ast.Node {
		return questdb.SampleBy(perHourKeyed().GroupBy(tSym), "1h")
	}},
	{name: "sample_by_twice", invalid: true, build: func() ast.Node {
		return questdb.SampleBy(questdb.SampleBy(perHour(), "1h"), "1d")
	}},
	{name: "sample_by_wrong_position", invalid: true, build: func() ast.Node {
		return perHour().AddClause(ast.AtEnd, questdb.NewSampleBy("1h"))
	}},

	// LATEST ON.
	{name: "latest_on_basic", build: func() ast.Node {
		return questdb.LatestOn(ast.Select(trades.Star()).From(trades), tTS, tSym)
	}},
	{name: "latest_on_two_keys_where_order_limit", build: func() ast.Node {
		return questdb.LatestOn(ast.Select(tTS, tSym, tSide, tPrice).From(trades).Where(tTS.Gt(jan1)), tTS, tSym, tSide).
			OrderBy(tSym).Limit(10)
	}},
	{name: "latest_on_varchar_key", build: func() ast.Node {
		return questdb.LatestOn(ast.Select(tVenue, tPrice).From(trades), tTS, tVenue)
	}},
	{name: "latest_on_no_partition", invalid: true, build: func() ast.Node {
		return questdb.LatestOn(ast.Select(tPrice).From(trades), tTS)
	}},
	{name: "latest_on_and_sample_by", invalid: true, build: func() ast.Node {
		return questdb.SampleBy(questdb.LatestOn(perHour(), tTS, tSym), "1h")
	}},

	// ASOF, LT and SPLICE JOIN.
	{name: "asof_join_on", build: func() ast.Node {
		return ast.Select(tTS, tSym, tPrice, qBid, qAsk).From(questdb.AsofJoin(trades, quotes, tSym.Eq(qSym)))
	}},
	{name: "asof_join_tolerance", build: func() ast.Node {
		return ast.Select(tTS, tPrice, qBid).
			From(questdb.AsofJoin(trades, quotes, tSym.Eq(qSym), questdb.Tolerance("5s"))).Where(tSym.Eq("ETH-USD"))
	}},
	{name: "asof_join_tolerance_duration", build: func() ast.Node {
		return ast.Select(tTS, qBid).From(questdb.AsofJoin(trades, quotes, nil, questdb.Tolerance(100*time.Millisecond)))
	}},
	{name: "asof_join_no_on", build: func() ast.Node {
		return ast.Select(tTS, qBid).From(questdb.AsofJoin(trades, quotes, nil))
	}},
	{name: "asof_join_two_keys", build: func() ast.Node {
		q2 := quotes.As("q")
		return ast.Select(tTS, q2.C("bid")).From(questdb.AsofJoin(trades, q2, ast.And(tSym.Eq(q2.C("sym")), tTS.Eq(q2.C("ts")))))
	}},
	{name: "asof_join_chain", build: func() ast.Node {
		prev := trades.As("prev")
		j := questdb.AsofJoin(trades, quotes, tSym.Eq(qSym))
		return ast.Select(tTS, qBid, prev.C("price")).From(questdb.LtJoin(j, prev, tSym.Eq(prev.C("sym"))))
	}},
	{name: "lt_join_tolerance", build: func() ast.Node {
		prev := trades.As("prev")
		return ast.Select(tTS, tPrice, prev.C("price")).
			From(questdb.LtJoin(trades, prev, tSym.Eq(prev.C("sym")), questdb.Tolerance("1m")))
	}},
	{name: "splice_join", build: func() ast.Node {
		return ast.Select(tTS, qTS, tPrice, qBid).From(questdb.SpliceJoin(trades, quotes, tSym.Eq(qSym)))
	}},
	{name: "asof_join_non_equality", build: func() ast.Node {
		return ast.Select(tTS, qBid).From(questdb.AsofJoin(trades, quotes, tPrice.Gt(qBid)))
	}},
	{name: "asof_join_tolerance_month", invalid: true, build: func() ast.Node {
		return ast.Select(tTS, qBid).From(questdb.AsofJoin(trades, quotes, nil, questdb.Tolerance("1M")))
	}},
	{name: "splice_join_tolerance", invalid: true, build: func() ast.Node {
		tol := questdb.AsofJoin(trades, quotes, nil, questdb.Tolerance("5s")).Extra
		return ast.Select(tTS, qBid).From(ast.JoinOf(questdb.SpliceJoinType, trades, quotes, nil, tol))
	}},
	{name: "asof_join_zero_tolerance", invalid: true, build: func() ast.Node {
		tol := &questdb.ToleranceClause{Custom: ast.Custom{K: questdb.KindTolerance}}
		return ast.Select(tTS, qBid).From(ast.JoinOf(questdb.AsofJoinType, trades, quotes, nil, tol))
	}},
	{name: "inner_join_tolerance", invalid: true, build: func() ast.Node {
		tol := questdb.AsofJoin(trades, quotes, nil, questdb.Tolerance("5s")).Extra
		return ast.Select(tTS, qBid).From(ast.JoinOf(ast.InnerJoin, trades, quotes, tSym.Eq(qSym), tol))
	}},

	// Timestamp interval filters.
	{name: "interval_year", build: func() ast.Node {
		return ast.Select(tTS, tPrice).From(trades).Where(questdb.InInterval(tTS, "2024"))
	}},
	{name: "interval_extended", build: func() ast.Node {
		return ast.Select(tTS, tPrice).From(trades).Where(questdb.InInterval(tTS, "2024-01;1M"), tSym.Eq("BTC-USD"))
	}},
	{name: "interval_repeated", build: func() ast.Node {
		return ast.Select(tTS, tPrice).From(trades).Where(questdb.InInterval(tTS, "2024-01-01T09:30;6h;1d;5"))
	}},
	{name: "interval_minute_fraction", build: func() ast.Node {
		return ast.Select(tTS).From(trades).Where(ast.Or(questdb.InInterval(tTS, "2024-01-15T10:30:15.123456Z"),
			questdb.InInterval(tTS, "2024-01-16 10")))
	}},
	{name: "interval_tick_syntax", build: func() ast.Node {
		return ast.Select(tTS).From(trades).Where(questdb.InInterval(tTS, "$now - 1h..$now"))
	}},
	{name: "interval_named", build: func() ast.Node {
		return ast.Select(tTS).From(trades).Where(ast.Not(questdb.InInterval(tTS, ast.Named("period"))))
	}},
	{name: "interval_malformed", invalid: true, build: func() ast.Node {
		return ast.Select(tTS).From(trades).Where(questdb.InInterval(tTS, "2024-1-5"))
	}},
	{name: "interval_bad_modifier", invalid: true, build: func() ast.Node {
		return ast.Select(tTS).From(trades).Where(questdb.InInterval(tTS, "2024-01;1x"))
	}},
	{name: "interval_three_parts", invalid: true, build: func() ast.Node {
		return ast.Select(tTS).From(trades).Where(questdb.InInterval(tTS, "2024-01;1d;1M"))
	}},

	// Date functions.
	{name: "fn_timestamp_floor", build: func() ast.Node {
		b := questdb.TimestampFloor("15m", tTS)
		return ast.Select(b.As("bucket"), ast.Count().As("n")).From(trades).Where(questdb.InInterval(tTS, "2024-01-15"))
	}},
	{name: "fn_dateadd_datediff", build: func() ast.Node {
		return ast.Select(questdb.DateAdd("d", 7, tTS).As("week_later"), questdb.DateDiff("s", tTS, qTS).As("lag_s")).
			From(questdb.AsofJoin(trades, quotes, tSym.Eq(qSym))).Where(ast.Lt(questdb.DateAdd("h", -1, ast.Now()), tTS))
	}},
	{name: "fn_to_timezone", build: func() ast.Node {
		return ast.Select(questdb.ToTimezone(tTS, "America/New_York").As("local")).From(trades)
	}},
	{name: "fn_inferred_from", build: func() ast.Node {
		// FROM comes from the column inside the node.
		return ast.Select(questdb.TimestampFloor("h", tTS))
	}},
	{name: "fn_floor_bad_unit", invalid: true, build: func() ast.Node {
		return ast.Select(questdb.TimestampFloor("hour", tTS)).From(trades)
	}},
	{name: "fn_dateadd_bad_unit", invalid: true, build: func() ast.Node {
		return ast.Select(questdb.DateAdd("x", 1, tTS)).From(trades)
	}},
	{name: "fn_zero_value", invalid: true, build: func() ast.Node {
		return ast.Select(&questdb.TimeFunction{Custom: ast.Custom{K: questdb.KindTimeFunction}}).From(trades)
	}},
	{name: "fn_name_by_hand", invalid: true, build: func() ast.Node {
		f := questdb.TimestampFloor("h", tTS)
		f.Name = "now(); DROP TABLE trades; --"
		return ast.Select(f).From(trades)
	}},
	{name: "fn_args_by_hand", invalid: true, build: func() ast.Node {
		f := questdb.DateAdd("d", 1, tTS)
		f.Args = f.Args[:1]
		return ast.Select(f).From(trades)
	}},
	{name: "fn_to_timezone_bad", invalid: true, build: func() ast.Node {
		return ast.Select(questdb.ToTimezone(tTS, "")).From(trades)
	}},

	// Types in CAST (the same names as in DDL).
	{name: "cast_types", build: func() ast.Node {
		ts := []*types.Type{types.SmallInteger, types.Integer, types.BigInteger, types.Real, types.DoubleFloat,
			types.Bool, types.String(20), types.Text, types.FixedChar(1), types.FixedChar(5),
			types.Enum("side", "buy", "sell"), types.DateType, types.DateTime, types.DateTimeTZ, types.Bytes,
			types.UUIDType, questdb.Symbol, questdb.String, questdb.Byte, questdb.Long256, questdb.IPv4,
			questdb.Geohash(30), questdb.Geohash(8), questdb.GeohashChars(12),
			types.ArrayOf(types.DoubleFloat), types.ArrayOf(types.ArrayOf(types.DoubleFloat))}
		cols := make([]ast.Expr, len(ts))
		for i, t := range ts {
			cols[i] = ast.Cast(tVenue, t)
		}
		return ast.Select(cols...).From(trades)
	}},
	{name: "cast_decimal", build: func() ast.Node { return ast.Select(ast.Cast(tPrice, types.Decimal(10, 2))).From(trades) }},
	{name: "cast_json", build: func() ast.Node { return ast.Select(ast.Cast(tVenue, types.JSONType)).From(trades) }},
	{name: "cast_time", build: func() ast.Node { return ast.Select(ast.Cast(tTS, types.TimeType)).From(trades) }},
	{name: "cast_interval", build: func() ast.Node { return ast.Select(ast.Cast(tVenue, types.IntervalType)).From(trades) }},
	{name: "cast_int_array", build: func() ast.Node {
		return ast.Select(ast.Cast(tVenue, types.ArrayOf(types.Integer))).From(trades)
	}},
	{name: "cast_geohash_too_precise", build: func() ast.Node {
		return ast.Select(ast.Cast(tVenue, questdb.Geohash(61))).From(trades)
	}},

	// Inline literals, as QuestDB parses them.
	{name: "inline_literals", options: compiler.Options{Flags: compiler.InlineLiterals}, build: func() ast.Node {
		at := time.Date(2024, 3, 5, 14, 30, 0, 123456000, time.FixedZone("CET", 3600))
		return ast.Select(tTS).From(trades).Where(
			tTS.Gt(at), tSym.Eq("it's"), tPrice.Lt(-1.5), tAmount.Ge(3), ast.Eq(tVenue, `C:\path`),
			ast.Eq(ast.Cast(tTS, types.DateType), ast.TypedParam(at, types.DateType)), ast.Ne(ast.Param(true), false))
	}},
	{name: "inline_bytes", options: compiler.Options{Flags: compiler.InlineLiterals}, build: func() ast.Node {
		return ast.Select(tTS).From(trades).Where(ast.Ne(tVenue, []byte{1, 2}))
	}},
	{name: "inline_nan", invalid: true, options: compiler.Options{Flags: compiler.InlineLiterals}, build: func() ast.Node {
		return ast.Select(tTS).From(trades).Where(tPrice.Ne(math.Inf(1)))
	}},

	// LIMIT and OFFSET.
	{name: "limit_only", build: func() ast.Node { return ast.Select(tTS).From(trades).Limit(10) }},
	{name: "limit_negative", invalid: true, build: func() ast.Node {
		// QuestDB's LIMIT -n is the last n rows, which LIMIT does not mean.
		return ast.Select(tTS).From(trades).Limit(ast.Lit(-5))
	}},
	{name: "limit_negative_bound", invalid: true, build: func() ast.Node { return ast.Select(tTS).From(trades).Limit(-5) }},
	{name: "limit_literal", build: func() ast.Node { return ast.Select(tTS).From(trades).Limit(ast.Lit(5)) }},
	{name: "limit_not_integer", invalid: true, build: func() ast.Node { return ast.Select(tTS).From(trades).Limit("ten") }},
	{name: "limit_fraction_literal", invalid: true, build: func() ast.Node {
		return ast.Select(tTS).From(trades).Limit(ast.Lit(2.5))
	}},
	{name: "limit_named", build: func() ast.Node { return ast.Select(tTS).From(trades).Limit(ast.Named("skip")) }},
	{name: "limit_offset_bound", build: func() ast.Node { return ast.Select(tTS).From(trades).Limit(10).Offset(20) }},
	{name: "limit_offset_literal", build: func() ast.Node {
		return ast.Select(tTS).From(trades).Limit(ast.Lit(10)).Offset(ast.Lit(20))
	}},
	{name: "limit_offset_mixed", build: func() ast.Node {
		return ast.Select(tTS).From(trades).Limit(10).Offset(ast.Lit(20))
	}},
	{name: "limit_offset_named_values", build: func() ast.Node {
		return ast.Select(tTS).From(trades).Limit(ast.NamedValue("n", 10)).Offset(ast.NamedValue("skip", 20))
	}},
	{name: "offset_only", build: func() ast.Node { return ast.Select(tTS).From(trades).Offset(100) }},
	{name: "offset_only_named", build: func() ast.Node { return ast.Select(tTS).From(trades).Offset(ast.Named("skip")) }},
	{name: "offset_overflow", build: func() ast.Node {
		return ast.Select(tTS).From(trades).Limit(int64(math.MaxInt64)).Offset(int64(10))
	}},
	{name: "offset_zero_count", build: func() ast.Node { return ast.Select(tTS).From(trades).Limit(0).Offset(5) }},
	{name: "offset_deferred", build: func() ast.Node {
		return ast.Select(tTS).From(trades).Limit(10).Offset(ast.Named("skip"))
	}},
	{name: "offset_computed", build: func() ast.Node {
		return ast.Select(tTS).From(trades).Limit(ast.Add(ast.Lit(5), ast.Lit(5))).Offset(1)
	}},
	{name: "offset_negative", invalid: true, build: func() ast.Node { return ast.Select(tTS).From(trades).Limit(10).Offset(-1) }},
	{name: "offset_limit_negative", invalid: true, build: func() ast.Node { return ast.Select(tTS).From(trades).Limit(-10).Offset(1) }},
	{name: "offset_not_integer", invalid: true, build: func() ast.Node { return ast.Select(tTS).From(trades).Limit(10).Offset("ten") }},
	{name: "offset_only_negative", invalid: true, build: func() ast.Node { return ast.Select(tTS).From(trades).Offset(-1) }},
	{name: "offset_only_fraction", invalid: true, build: func() ast.Node { return ast.Select(tTS).From(trades).Offset(2.5) }},
	{name: "offset_only_not_integer", invalid: true, build: func() ast.Node { return ast.Select(tTS).From(trades).Offset("ten") }},
	{name: "offset_only_uint", build: func() ast.Node { return ast.Select(tTS).From(trades).Offset(uint8(7)) }},

	// HAVING.
	{name: "having_labelled_aggregate", build: func() ast.Node {
		return ast.Select(tSym, ast.Count().As("n")).From(trades).GroupBy(tSym).Having(ast.Gt(ast.Count(), 100))
	}},
	{name: "having_hidden_aggregates", build: func() ast.Node {
		return ast.Select(tSym, ast.Avg(tPrice).As("avg_price")).From(trades).Where(tSide.Eq("buy")).GroupBy(tSym).
			Having(ast.Or(ast.Gt(ast.Sum(tAmount), 1000), ast.Between(ast.Min(tPrice), 1, 2)))
	}},
	{name: "having_key_order_limit_distinct", build: func() ast.Node {
		return ast.Select(tSym, ast.Max(tPrice).As("high")).Distinct().From(trades).GroupBy(tSym).
			Having(ast.Ne(tSym, "XRP-USD"), ast.Gt(ast.Max(tPrice), ast.Mul(ast.Min(tPrice), 2))).
			OrderBy(ast.Max(tPrice).Desc(), tSym).Limit(5).Offset(5)
	}},
	{name: "having_with_cte", build: func() ast.Node {
		recent := ast.Select(tSym, tPrice).From(trades).Where(questdb.InInterval(tTS, "2024-01")).CTE("recent")
		return ast.Select(recent.C("sym"), ast.Count().As("n")).From(recent).GroupBy(recent.C("sym")).
			Having(ast.Ge(ast.Count(), 2))
	}},
	{name: "having_unnamed_item", build: func() ast.Node {
		return ast.Select(tSym, ast.Count()).From(trades).GroupBy(tSym).Having(ast.Gt(ast.Sum(tAmount), 1))
	}},
	{name: "having_bound_values_matched", build: func() ast.Node {
		// sum(amount * $a) is the select list's, found by its value: compiled each time.
		return ast.Select(tSym, ast.Sum(ast.Mul(tAmount, ast.Param(2))).As("weighted")).From(trades).GroupBy(tSym).
			Having(ast.Or(ast.Gt(ast.Sum(ast.Mul(tAmount, ast.Param(2))), 10), ast.Lt(ast.Sum(ast.Mul(tAmount, ast.Param(3))), 5)))
	}},
	{name: "having_hidden_name_taken", build: func() ast.Node {
		// The added column skips the names the select list uses (QuestDB ignores case).
		return ast.Select(tSym, ast.Avg(tPrice).As("having_1"), ast.Max(tPrice).As("HAVING_2")).From(trades).GroupBy(tSym).
			Having(ast.Gt(ast.Sum(tAmount), 10))
	}},
	{name: "having_sample_by_fill_list_hidden", build: func() ast.Node {
		// count(*) would be a fourth aggregate, which the FILL list has no value for.
		return questdb.SampleBy(perHour(), "1h", questdb.Fill(questdb.FillNull, questdb.FillPrev, questdb.FillConst(0))).
			Having(ast.Gt(ast.Count(), 10))
	}},
	{name: "having_sample_by_fill_list_selected", build: func() ast.Node {
		return questdb.SampleBy(perHour(), "1h", questdb.Fill(questdb.FillNull, questdb.FillPrev, questdb.FillConst(0))).
			Having(ast.Gt(ast.Sum(tAmount), 10))
	}},
	{name: "having_sample_by_fill_one_hidden", build: func() ast.Node {
		// One FILL value for all aggregates fills the added one too.
		return questdb.SampleBy(perHour(), "1h", questdb.Fill(questdb.FillPrev)).Having(ast.Gt(ast.Count(), 10))
	}},
	{name: "having_subquery_inferred_from", build: func() ast.Node {
		// Without HAVING the subquery correlates to trades, which QuestDB refuses; the
		// rewrite must not turn it into an uncorrelated derived table.
		sub := ast.Select(ast.Count()).Where(qSym.Eq(tSym)).GroupBy(qSym).Having(ast.Gt(ast.Count(), 5))
		return ast.Select(tTS).From(trades).Where(ast.Exists(sub))
	}},
	{name: "having_subquery_correlate", build: func() ast.Node {
		sub := ast.Select(qSym).From(quotes, trades).Where(qSym.Eq(tSym)).GroupBy(qSym).Having(ast.Gt(ast.Count(), 5)).
			Correlate(trades)
		return ast.Select(tTS).From(trades).Where(ast.Exists(sub))
	}},
	{name: "having_subquery_explicit_from", build: func() ast.Node {
		sub := ast.Select(qSym).From(quotes).GroupBy(qSym).Having(ast.Gt(ast.Count(), 5))
		return ast.Select(tTS).From(trades).Where(ast.InQuery(tSym, sub))
	}},
	{name: "having_unnamed_item_matched", build: func() ast.Node {
		// Nothing to add to the subquery: SELECT * keeps the database's own names.
		return ast.Select(tSym, ast.Count()).From(trades).GroupBy(tSym).Having(tSym.Ne("X"))
	}},

	// Standard SQL QuestDB lacks or writes its own way.
	{name: "std_between_double", build: func() ast.Node {
		return ast.Select(tTS).From(trades).Where(tPrice.Between(10, 30), tTS.NotBetween(jan1, jan1.AddDate(0, 1, 0)))
	}},
	{name: "std_division", build: func() ast.Node {
		return ast.Select(ast.As(ast.Div(ast.Count(), 3), "third"), ast.As(ast.IntDiv(tAmount, 2), "halves"),
			ast.As(ast.BitXor(ast.Lit(2), ast.Lit(3)), "xor")).From(trades)
	}},
	{name: "std_public_schema", build: func() ast.Node {
		pub := ast.SchemaT("public", "trades")
		p := pub.As("p")
		return ast.Select(pub.C("price"), pub.Star(), p.C("sym")).From(pub).Join(p, ast.Eq(pub.C("ts"), p.C("ts")))
	}},
	{name: "std_public_schema_insert", build: func() ast.Node {
		// QuestDB accepts public. before a table name; INSERT keeps it.
		return ast.Insert(ast.SchemaT("public", "trades")).Columns(ast.Col("price", types.DoubleFloat)).Values(1.5)
	}},
	{name: "std_public_schema_update", build: func() ast.Node {
		pub := ast.SchemaT("public", "trades")
		return ast.Update(pub.As("t")).Set(pub.As("t").C("price"), 1.5).Where(pub.As("t").C("sym").Eq("X"))
	}},
	{name: "std_other_schema", build: func() ast.Node {
		return ast.Select(ast.SchemaT("archive", "trades").C("price")).From(ast.SchemaT("archive", "trades"))
	}},
	{name: "std_insert_other_schema", build: func() ast.Node {
		return ast.Insert(ast.SchemaT("archive", "trades")).Columns(ast.Col("price", types.DoubleFloat)).Values(1.5)
	}},
	{name: "std_current_date", build: func() ast.Node {
		return ast.Select(tTS).From(trades).Where(tTS.Ge(ast.CurrentDate()), tTS.Lt(ast.CurrentTimestamp()))
	}},
	{name: "std_right_join", build: func() ast.Node {
		return ast.Select(tTS, qBid).From(trades).RightJoin(quotes, tSym.Eq(qSym))
	}},
	{name: "std_full_join", build: func() ast.Node {
		return ast.Select(tTS, qBid).From(trades).FullJoin(quotes, tSym.Eq(qSym))
	}},
	{name: "std_insert_trades", build: func() ast.Node {
		return ast.Insert(trades).Columns(tTS, tSym, tPrice).ValuesRows([][]any{{jan1, "BTC-USD", 42000.5}, {jan1, "ETH-USD", 2300.25}})
	}},
}

// sections returns the dialects of a golden file: QuestDB of an unknown version (what
// the engine gets from SHOW server_version), QuestDB 9, and PostgreSQL.
var sections = []struct {
	label string
	d     *compiler.Dialect
}{
	{"questdb", questdb.Dialect()},
	{"questdb 9.0.0", questdb.New("9.0.0")},
	{"postgres", postgres.Dialect()},
}

// formatResult renders a compiled case: SQL and arguments, or the error and its type,
// so that a reviewer tells a refusal (UnsupportedError) from bad input (CompileError).
func formatResult(r dialecttest.Result) string {
	if r.Err == nil {
		return r.Format()
	}
	var ue *compiler.UnsupportedError
	var ce *compiler.CompileError
	var conv *types.ConversionError
	kind := "other error"
	switch {
	case errors.As(r.Err, &ue):
		kind = "unsupported"
	case errors.As(r.Err, &ce):
		kind = "invalid"
	case errors.As(r.Err, &conv):
		kind = "conversion"
	}
	return kind + ": " + r.Err.Error() + "\n"
}

// goldenQuery compiles a case on every section, checking each compilation with the
// conformance harness (deterministic SQL, the plan cache gives the same SQL and
// arguments, no bound value in the text, refusals name their dialect). A section
// equal to the one before it is left out.
func goldenQuery(t *testing.T, c dialecttest.Case) string {
	t.Helper()
	var sb strings.Builder
	prev := ""
	for _, s := range sections {
		r, err := dialecttest.Check(c, s.d)
		if err != nil {
			t.Errorf("%s: %v", s.label, err)
		}
		out := formatResult(r)
		if s.label == "questdb 9.0.0" && out == prev {
			continue
		}
		sb.WriteString("-- " + s.label + " --\n" + out)
		prev = out
	}
	return sb.String()
}

// compareGolden compares got with dir/name.golden, or writes it under -update.
func compareGolden(t *testing.T, dir, name, got string) {
	t.Helper()
	path := filepath.Join(dir, name+".golden")
	if *update {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-golden +got):\n%s", path, diff)
	}
}

// checkOrphans fails for golden files in dir that no case wrote (or removes them
// under -update).
func checkOrphans(t *testing.T, dir string, seen map[string]bool) {
	t.Helper()
	if f := flag.Lookup("test.run"); f != nil && f.Value.String() != "" {
		return // a filtered run sees only some cases
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.golden"))
	for _, f := range files {
		if seen[strings.TrimSuffix(filepath.Base(f), ".golden")] {
			continue
		}
		if *update {
			os.Remove(f)
			continue
		}
		t.Errorf("%s has no case (go test -update removes it)", f)
	}
}

// TestQueryGolden compares every query case with testdata/query/<case>.golden.
func TestQueryGolden(t *testing.T) {
	dir := filepath.Join("testdata", "query")
	seen := map[string]bool{}
	for _, c := range queryCases {
		if seen[c.name] {
			t.Fatalf("duplicate case %s", c.name)
		}
		seen[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			dc := dialecttest.Case{Name: c.name, Build: c.build, Options: c.options,
				Params: map[string]any{"period": "2024-01", "skip": 3}}
			if c.invalid {
				dc.InvalidOn = []string{questdb.Name}
			}
			compareGolden(t, dir, c.name, goldenQuery(t, dc))
		})
	}
	checkOrphans(t, dir, seen)
}

// knownIssues are conformance cases the QuestDB dialect fails today, with the reason;
// the test fails when one of them passes, so that the list stays true.
var knownIssues = map[string]string{}

// TestConformanceGolden runs the whole conformance case list through the QuestDB
// dialect into testdata/query/conformance/<case>.golden, so that a reviewer sees the
// fate of every construct: its SQL, or the error and its type.
func TestConformanceGolden(t *testing.T) {
	dir := filepath.Join("testdata", "query", "conformance")
	seen := map[string]bool{}
	for _, c := range dialecttest.Cases() {
		seen[c.Name] = true
		t.Run(c.Name, func(t *testing.T) {
			var sb strings.Builder
			prev := ""
			var failures []string
			for _, s := range sections[:2] {
				r, err := dialecttest.Check(c, s.d)
				if err != nil {
					failures = append(failures, s.label+": "+err.Error())
				}
				out := formatResult(r)
				if s.label != "questdb" && out == prev {
					continue
				}
				sb.WriteString("-- " + s.label + " --\n" + out)
				prev = out
			}
			reason, known := knownIssues[c.Name]
			switch {
			case known && len(failures) == 0:
				t.Errorf("known issue fixed (%s): remove %s from knownIssues", reason, c.Name)
			case known:
				t.Logf("known issue: %s", reason)
			case len(failures) > 0:
				t.Error(strings.Join(failures, "\n"))
			}
			compareGolden(t, dir, c.Name, sb.String())
		})
	}
	checkOrphans(t, dir, seen)
}

// TestQueryCacheKeys checks that the plan cache tells apart statements whose SQL
// differs only inside this package's nodes, and shares a plan between statements that
// differ only in bound values.
func TestQueryCacheKeys(t *testing.T) {
	d := questdb.Dialect()
	key := func(n ast.Node) string {
		t.Helper()
		k, _, ok := compiler.Key(d, n, compiler.Options{})
		if !ok {
			t.Fatalf("not cacheable: %T", n)
		}
		return k
	}
	sample := func(every any, sym string, opts ...questdb.SampleOption) ast.Node {
		return questdb.SampleBy(ast.Select(tTS, ast.Avg(tPrice).As("avg_price")).From(trades).Where(tSym.Eq(sym)), every, opts...)
	}
	asof := func(tol string, sym string) ast.Node {
		return ast.Select(tTS, qBid).From(questdb.AsofJoin(trades, quotes, tSym.Eq(qSym), questdb.Tolerance(tol))).Where(tSym.Eq(sym))
	}
	differ := []struct {
		name string
		a, b ast.Node
	}{
		{"sample size", sample("1h", "X"), sample("2h", "X")},
		{"sample unit", sample("1h", "X"), sample("1m", "X")},
		{"fill mode", sample("1h", "X", questdb.Fill(questdb.FillPrev)), sample("1h", "X", questdb.Fill(questdb.FillNull))},
		{"fill constant", sample("1h", "X", questdb.Fill(questdb.FillConst(1))), sample("1h", "X", questdb.Fill(questdb.FillConst(2)))},
		{"from bound", sample("1h", "X", questdb.FromTo(jan1, nil)), sample("1h", "X", questdb.FromTo(jan1.Add(time.Hour), nil))},
		{"to instead of from", sample("1h", "X", questdb.FromTo(jan1, nil)), sample("1h", "X", questdb.FromTo(nil, jan1))},
		{"alignment", sample("1h", "X", questdb.AlignToCalendar()), sample("1h", "X", questdb.AlignToFirstObservation())},
		{"time zone", sample("1h", "X", questdb.TimeZone("UTC")), sample("1h", "X", questdb.TimeZone("Europe/Berlin"))},
		{"offset", sample("1h", "X", questdb.WithOffset("00:15")), sample("1h", "X", questdb.WithOffset("00:30"))},
		{"latest on keys", questdb.LatestOn(ast.Select(tPrice).From(trades), tTS, tSym),
			questdb.LatestOn(ast.Select(tPrice).From(trades), tTS, tSide)},
		{"tolerance", asof("5s", "X"), asof("6s", "X")},
		{"join type", ast.Select(tTS).From(questdb.AsofJoin(trades, quotes, nil)), ast.Select(tTS).From(questdb.LtJoin(trades, quotes, nil))},
		{"floor unit", ast.Select(questdb.TimestampFloor("1h", tTS)), ast.Select(questdb.TimestampFloor("15m", tTS))},
		{"time zone function", ast.Select(questdb.ToTimezone(tTS, "UTC")), ast.Select(questdb.ToTimezone(tTS, "EST"))},
	}
	for _, tt := range differ {
		if key(tt.a) == key(tt.b) {
			t.Errorf("%s: one key for two statements", tt.name)
		}
	}
	same := []struct {
		name string
		a, b ast.Node
	}{
		{"bound symbol", sample("1h", "BTC-USD", questdb.Fill(questdb.FillPrev)), sample("1h", "ETH-USD", questdb.Fill(questdb.FillPrev))},
		{"bound FROM", sample("1h", "X", questdb.FromTo(ast.Param(jan1), nil)), sample("1h", "X", questdb.FromTo(ast.Param(jan1.Add(time.Hour)), nil))},
		{"interval", ast.Select(tTS).From(trades).Where(questdb.InInterval(tTS, "2024-01")),
			ast.Select(tTS).From(trades).Where(questdb.InInterval(tTS, "2025-02-03;1d"))},
		{"dateadd amount", ast.Select(questdb.DateAdd("d", 1, tTS)), ast.Select(questdb.DateAdd("d", 2, tTS))},
		{"asof bound symbol", asof("5s", "X"), asof("5s", "Y")},
	}
	for _, tt := range same {
		ka, va, _ := compiler.Key(d, tt.a, compiler.Options{})
		kb, vb, _ := compiler.Key(d, tt.b, compiler.Options{})
		if ka != kb {
			t.Errorf("%s: two keys for one shape", tt.name)
		}
		if cmp.Equal(va, vb) {
			t.Errorf("%s: the key walk collected the same values %v for different statements", tt.name, va)
		}
	}

	// Through a cache: the second statement is a hit and gets its own values.
	cache := compiler.NewCache(8)
	for i, sym := range []string{"BTC-USD", "ETH-USD"} {
		plan, args, err := cache.Prepare(d, sample("1h", sym, questdb.Fill(questdb.FillPrev)), compiler.Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]any{sym}, args); diff != "" {
			t.Errorf("args (-want +got):\n%s", diff)
		}
		if !strings.Contains(plan.SQL, "SAMPLE BY 1h FILL(PREV)") {
			t.Errorf("SQL %s", plan.SQL)
		}
		if st := cache.Stats(); st.Hits != uint64(i) || st.Misses != 1 {
			t.Errorf("after %d statements: %+v", i+1, st)
		}
	}

	// An invalid clause is never served from the cache: each compilation fails.
	bad := sample("1x", "X")
	for range 2 {
		if _, _, err := cache.Prepare(d, bad, compiler.Options{}, nil); err == nil {
			t.Fatal("invalid SAMPLE BY compiled")
		}
	}
}

// TestOtherDialectsRefuseNodes proves that every node of the package is refused, with
// an UnsupportedError naming the dialect, by the dialects that are not QuestDB.
func TestOtherDialectsRefuseNodes(t *testing.T) {
	nodes := map[string]ast.Node{
		"SAMPLE BY":       questdb.SampleBy(perHour(), "1h"),
		"LATEST ON":       questdb.LatestOn(ast.Select(tPrice).From(trades), tTS, tSym),
		"ASOF JOIN":       ast.Select(tTS).From(questdb.AsofJoin(trades, quotes, nil)),
		"LT JOIN":         ast.Select(tTS).From(questdb.LtJoin(trades, quotes, nil)),
		"SPLICE JOIN":     ast.Select(tTS).From(questdb.SpliceJoin(trades, quotes, nil)),
		"TOLERANCE":       ast.Select(tTS).From(ast.JoinOf(ast.InnerJoin, trades, quotes, tSym.Eq(qSym), questdb.AsofJoin(trades, quotes, nil, questdb.Tolerance("1s")).Extra)),
		"interval filter": ast.Select(tTS).From(trades).Where(questdb.InInterval(tTS, "2024")),
		"timestamp_floor": ast.Select(questdb.TimestampFloor("h", tTS)),
		"dateadd":         ast.Select(questdb.DateAdd("h", 1, tTS)),
		"datediff":        ast.Select(questdb.DateDiff("h", tTS, tTS)),
		"to_timezone":     ast.Select(questdb.ToTimezone(tTS, "UTC")),
	}
	for _, d := range []*compiler.Dialect{postgres.Dialect(), compiler.ANSI()} {
		for name, n := range nodes {
			_, err := d.Compile(n)
			var ue *compiler.UnsupportedError
			if !errors.As(err, &ue) || ue.Dialect != d.Name {
				t.Errorf("%s on %s: %v, want an UnsupportedError naming %s", name, d.Name, err, d.Name)
			}
		}
	}
}

// TestVersions checks how server versions gate RIGHT and FULL JOIN, and that the
// registry builds the dialect from the version the engine reads.
func TestVersions(t *testing.T) {
	tests := []struct {
		version string
		joins   bool
	}{
		{"", false},
		{"12.3 (questdb)", false}, // SHOW server_version: the PostgreSQL QuestDB imitates
		{"8.3.4", false},
		{"QuestDB 8.2.1", false},
		{"9.0.0", true},
		{"QuestDB 9.1.0", true},
		{"questdb 10.0", true},
		{"not a version", false},
	}
	for _, tt := range tests {
		d := questdb.New(tt.version)
		if got := d.Has(compiler.RightJoin | compiler.FullJoin); got != tt.joins {
			t.Errorf("New(%q): RIGHT/FULL JOIN %v, want %v", tt.version, got, tt.joins)
		}
		if d.Version != tt.version {
			t.Errorf("New(%q).Version = %q", tt.version, d.Version)
		}
	}
	d, err := dialects.LookupVersion("questdb", "9.0.1")
	if err != nil || d.Name != questdb.Name || !d.Has(compiler.FullJoin) {
		t.Errorf("LookupVersion: %v, %v", d, err)
	}
}

// TestTypeName checks QuestDB's type names and the refusals of the types it lacks.
func TestTypeName(t *testing.T) {
	tests := []struct {
		t       *types.Type
		want    string
		wantErr string
	}{
		{types.SmallInteger, "SHORT", ""},
		{types.String(255), "VARCHAR", ""},
		{types.FixedChar(0), "CHAR", ""},
		{types.Enum("", "a"), "SYMBOL", ""},
		{types.TimestampP(9, true), "TIMESTAMP", ""},
		{questdb.Geohash(1), "GEOHASH(1b)", ""},
		{questdb.Geohash(60), "GEOHASH(12c)", ""},
		{questdb.Geohash(0), "", "GEOHASH precision must be 1 to 60 bits, not 0"},
		{types.Decorate("ticker", questdb.Symbol, nil), "VARCHAR", ""}, // renamed: generic again
		{types.Decimal(0, 0), "", "no DECIMAL"},
		{types.TimeWithZone, "", "no time-of-day type"},
		{types.ArrayOf(types.Text), "", "arrays hold DOUBLE only"},
		{nil, "", "unknown"},
	}
	for _, tt := range tests {
		for _, cast := range []bool{false, true} {
			got, err := questdb.TypeName(tt.t, cast)
			if got != tt.want || (err == nil) != (tt.wantErr == "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("TypeName(%v, %v) = %q, %v; want %q, %q", tt.t, cast, got, err, tt.want, tt.wantErr)
			}
		}
	}
}

// TestBuildersImmutable checks that adding a clause leaves the statement it was
// added to as it was, and that two statements branched from one base share nothing.
func TestBuildersImmutable(t *testing.T) {
	d := questdb.Dialect()
	base := perHour()
	before, err := d.Compile(base)
	if err != nil {
		t.Fatal(err)
	}
	a := questdb.SampleBy(base, "1h")
	b := questdb.SampleBy(base, "1d", questdb.Fill(questdb.FillNull))
	after, err := d.Compile(base)
	if err != nil {
		t.Fatal(err)
	}
	if before.SQL != after.SQL {
		t.Errorf("SampleBy changed its argument:\n%s\n%s", before.SQL, after.SQL)
	}
	pa, _ := d.Compile(a)
	pb, _ := d.Compile(b)
	if !strings.HasSuffix(pa.SQL, "SAMPLE BY 1h") || !strings.HasSuffix(pb.SQL, "SAMPLE BY 1d FILL(NULL)") {
		t.Errorf("branches share a clause:\n%s\n%s", pa.SQL, pb.SQL)
	}
	fills := []questdb.FillValue{questdb.FillPrev}
	opt := questdb.Fill(fills...)
	fills[0] = questdb.FillNull
	if p, _ := d.Compile(questdb.SampleBy(base, "1h", opt)); !strings.HasSuffix(p.SQL, "FILL(PREV)") {
		t.Errorf("Fill follows its caller's slice: %s", p.SQL)
	}
}

// TestHavingPlanCache checks the HAVING rewrite through the plan cache: a statement
// whose rewrite matched expressions by their bound values is compiled each time, so
// that a plan made when two values were equal never serves one where they differ;
// a rewrite that matched only parameter-free expressions is cached as usual.
func TestHavingPlanCache(t *testing.T) {
	d := questdb.Dialect()
	weighted := func(a, b any) ast.Node { // the reviewer's repro: two sums told apart by value only
		return ast.Select(tSym, ast.Count().As("n")).From(trades).GroupBy(tSym).
			Having(ast.Or(ast.Gt(ast.Sum(ast.Mul(tAmount, ast.Param(a))), 10), ast.Lt(ast.Sum(ast.Mul(tAmount, ast.Param(b))), 5)))
	}
	selected := func(a any) ast.Node { // HAVING tests the select list's sum(amount * $a)
		return ast.Select(tSym, ast.Sum(ast.Mul(tAmount, ast.Param(a))).As("w")).From(trades).GroupBy(tSym).
			Having(ast.Gt(ast.Sum(ast.Mul(tAmount, ast.Param(a))), 10))
	}
	counted := func(n int) ast.Node { // matched with no bound value: cacheable
		return ast.Select(tSym, ast.Count().As("n")).From(trades).GroupBy(tSym).
			Having(ast.Gt(ast.Count(), n)).OrderBy(ast.Count().Desc())
	}
	tests := []struct {
		name     string
		stmts    []ast.Node
		wantArgs []string // as fmt prints the driver arguments
		want     compiler.CacheStats
	}{
		{"equal then different values", []ast.Node{weighted(2, 2), weighted(2, 3)},
			[]string{"[2 10 5]", "[2 3 10 5]"}, compiler.CacheStats{Uncacheable: 1, Misses: 1, Len: 1}},
		{"select-list item with a bound value", []ast.Node{selected(2), selected(3)},
			[]string{"[2 10]", "[3 10]"}, compiler.CacheStats{Uncacheable: 2}},
		{"no bound value in the match", []ast.Node{counted(10), counted(20)},
			[]string{"[10]", "[20]"}, compiler.CacheStats{Misses: 1, Hits: 1, Len: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cache := compiler.NewCache(8)
			for i, n := range tt.stmts {
				plan, args, err := cache.Prepare(d, n, compiler.Options{}, nil)
				if err != nil {
					t.Fatal(err)
				}
				fresh, err := d.Compile(n)
				if err != nil {
					t.Fatal(err)
				}
				if plan.SQL != fresh.SQL {
					t.Errorf("statement %d: cached SQL\n%s\nwant\n%s", i+1, plan.SQL, fresh.SQL)
				}
				if got := fmt.Sprint(args); got != tt.wantArgs[i] {
					t.Errorf("statement %d: args %s, want %s", i+1, got, tt.wantArgs[i])
				}
			}
			if got := cache.Stats(); got != tt.want {
				t.Errorf("stats %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestLimitPlanCache checks LIMIT and OFFSET values through the plan cache: a bound
// value is checked on every statement, not only the one whose compilation made the
// plan; literals stay part of the shape and cached.
func TestLimitPlanCache(t *testing.T) {
	d := questdb.Dialect()
	sel := func() ast.SelectStmt { return ast.Select(tTS).From(trades) }
	tests := []struct {
		name    string
		stmts   []ast.Node
		wantSQL []string // "" where the statement must fail with a CompileError
		want    compiler.CacheStats
	}{
		{"offset then negative offset", []ast.Node{sel().Offset(5), sel().Offset(-1), sel().Offset(7)},
			[]string{"LIMIT $1, 9223372036854775807", "", "LIMIT $1, 9223372036854775807"},
			compiler.CacheStats{Uncacheable: 2}},
		{"offset then fraction", []ast.Node{sel().Offset(5), sel().Offset(2.5)}, []string{"LIMIT $1, 9", ""},
			compiler.CacheStats{Uncacheable: 1}},
		{"offset beyond int64", []ast.Node{sel().Offset(uint64(math.MaxInt64) + 1)}, []string{""}, compiler.CacheStats{}},
		{"limit then negative limit", []ast.Node{sel().Limit(5), sel().Limit(-1)}, []string{"LIMIT $1", ""},
			compiler.CacheStats{Uncacheable: 1}},
		{"limit and offset then negative offset", []ast.Node{sel().Limit(10).Offset(5), sel().Limit(10).Offset(-1)},
			[]string{"LIMIT $1, $2", ""}, compiler.CacheStats{Uncacheable: 1}},
		{"literal limit", []ast.Node{sel().Limit(ast.Lit(5)), sel().Limit(ast.Lit(5))}, []string{"LIMIT 5", "LIMIT 5"},
			compiler.CacheStats{Misses: 1, Hits: 1, Len: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cache := compiler.NewCache(8)
			for i, n := range tt.stmts {
				plan, args, err := cache.Prepare(d, n, compiler.Options{}, nil)
				if tt.wantSQL[i] == "" {
					var ce *compiler.CompileError
					if !errors.As(err, &ce) {
						t.Errorf("statement %d: %v, want a CompileError", i+1, err)
					}
					continue
				}
				if err != nil {
					t.Fatalf("statement %d: %v", i+1, err)
				}
				if !strings.Contains(plan.SQL, tt.wantSQL[i]) {
					t.Errorf("statement %d: %s (args %v), want %s", i+1, plan.SQL, args, tt.wantSQL[i])
				}
				for _, a := range args {
					if v, ok := a.(int64); ok && v < 0 {
						t.Errorf("statement %d: negative argument in %v", i+1, args)
					}
				}
			}
			if got := cache.Stats(); got != tt.want {
				t.Errorf("stats %+v, want %+v", got, tt.want)
			}
		})
	}
}
