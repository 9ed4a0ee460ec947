package schema_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"log"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/lib/pq"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/questdb"
	"github.com/seed13bb6a42/strata/internal/dburl"
	"github.com/seed13bb6a42/strata/internal/testdb"
	"github.com/seed13bb6a42/strata/schema"
	"github.com/seed13bb6a42/strata/types"
)

// QuestDB reflection (#6, item 5). The unit tests have the reflector read the rows
// QuestDB's meta functions return from PostgreSQL standing in for QuestDB;
// TestQuestDBReflectServer runs against a real QuestDB when STRATA_QUESTDB_URL is set.

var qdb = schema.QuestDBReflector{}

var qdbCmp = cmp.Options{
	cmpopts.IgnoreFields(ast.Column{}, "From"),
	cmpopts.IgnoreUnexported(ast.Table{}, ast.Column{}),
}

// The questdb dialect package's types and options, spelled out: this package's tests
// must agree with dialects/questdb (types.go, ddl_options.go) on both.
var (
	qdbSymbol  = &types.Type{Kind: types.VarChar, Name: "questdb.symbol"}
	qdbString  = &types.Type{Kind: types.TextKind, Name: "questdb.string"}
	qdbByte    = &types.Type{Kind: types.SmallInt, Name: "questdb.byte"}
	qdbLong256 = &types.Type{Kind: types.VarChar, Length: 66, Name: "questdb.long256"}
	qdbIPv4    = &types.Type{Kind: types.VarChar, Length: 15, Name: "questdb.ipv4"}
)

func qdbGeohash(bits int) *types.Type {
	return &types.Type{Kind: types.VarChar, Length: bits, Name: "questdb.geohash"}
}

func qdbOption(name, value string) ast.TableOption { return ast.DialectOption("questdb", name, value) }

// --- a stand-in for QuestDB ---

// QuestDB cannot run on every machine that runs these tests, so the reflector reads
// its catalog from PostgreSQL standing in for it: in a fresh schema, functions named
// as QuestDB's meta functions return QuestDB's columns, spelled as QuestDB spells them
// (the reflector takes them with SELECT * and finds them by name, in any case), from
// tables the test fills. TestQuestDBReflectServer reflects a real QuestDB.

// qdbStandIn opens a fresh PostgreSQL schema and runs stmts in it.
func qdbStandIn(t *testing.T, stmts ...string) *sql.DB {
	t.Helper()
	db := testdb.Open(t, "postgres")
	testdb.Exec(t, db, stmts...)
	return db
}

// qdb83 makes the meta functions of QuestDB 8.3: tables() returns the rows of
// qdb_tables, table_columns(t) those of qdb_columns for t in their order, and
// materialized_views() those of qdb_mat_views; QuestDB 8.3 has no views(). As on
// QuestDB, table_columns matches the name without regard to case and fails for a
// table that tables() does not list.
var qdb83 = []string{
	`CREATE TABLE qdb_tables (id serial, table_name text, "designatedTimestamp" text, "partitionBy" text,
		"maxUncommittedRows" integer DEFAULT 500000, "o3MaxLag" bigint DEFAULT 600000000, "walEnabled" boolean,
		"directoryName" text, dedup boolean, "ttlValue" integer, "ttlUnit" text, "matView" boolean)`,
	`CREATE FUNCTION tables() RETURNS SETOF qdb_tables LANGUAGE sql AS $$ SELECT * FROM qdb_tables ORDER BY id $$`,
	`CREATE TABLE qdb_columns (position serial, table_name text, "column" text, type text,
		indexed boolean, "indexBlockCapacity" integer, "symbolCached" boolean, "symbolCapacity" integer,
		designated boolean, "upsertKey" boolean)`,
	`CREATE FUNCTION table_columns(t text)
		RETURNS TABLE ("column" text, type text, indexed boolean, "indexBlockCapacity" integer,
			"symbolCached" boolean, "symbolCapacity" integer, designated boolean, "upsertKey" boolean)
		LANGUAGE plpgsql AS $$
		BEGIN
			IF NOT EXISTS (SELECT FROM qdb_tables WHERE lower(table_name) = lower(t)) THEN
				RAISE EXCEPTION 'table does not exist [table=%]', t;
			END IF;
			RETURN QUERY SELECT c."column", c.type, c.indexed, c."indexBlockCapacity", c."symbolCached",
					c."symbolCapacity", c.designated, c."upsertKey"
				FROM qdb_columns c WHERE lower(c.table_name) = lower(t) ORDER BY c.position;
		END $$`,
	`CREATE TABLE qdb_mat_views (view_name text, refresh_type text, base_table_name text, view_sql text)`,
	`CREATE FUNCTION materialized_views() RETURNS SETOF qdb_mat_views LANGUAGE sql AS $$ SELECT * FROM qdb_mat_views $$`,
}

// qdbStandIn83 opens a stand-in for QuestDB 8.3 and runs stmts in it.
func qdbStandIn83(t *testing.T, stmts ...string) *sql.DB {
	t.Helper()
	db := qdbStandIn(t, qdb83...)
	testdb.Exec(t, db, stmts...)
	return db
}

// qdbValues writes a row of SQL literals: nil is NULL, strings are quoted.
func qdbValues(vals ...any) string {
	lits := make([]string, len(vals))
	for i, v := range vals {
		switch v := v.(type) {
		case nil:
			lits[i] = "NULL"
		case string:
			lits[i] = "'" + strings.ReplaceAll(v, "'", "''") + "'"
		default:
			lits[i] = fmt.Sprint(v)
		}
	}
	return "(" + strings.Join(lits, ", ") + ")"
}

// qdbTableRow is a row of tables() on QuestDB 8.3, for qdbTables; ts is nil for a
// table without a designated timestamp.
func qdbTableRow(name string, ts any, partition string, wal, dedup bool, ttl int64, unit string, matView bool) string {
	return qdbValues(name, ts, partition, wal, name+"~1", dedup, ttl, unit, matView)
}

// qdbTables adds rows to tables() on QuestDB 8.3.
func qdbTables(rows ...string) string {
	return `INSERT INTO qdb_tables (table_name, "designatedTimestamp", "partitionBy", "walEnabled", "directoryName",
		dedup, "ttlValue", "ttlUnit", "matView") VALUES ` + strings.Join(rows, ", ")
}

// A qdbColumn is a row of table_columns() on QuestDB 8.3.
type qdbColumn struct {
	name, typ  string
	indexed    bool
	blocks     int64 // indexBlockCapacity
	cached     bool  // symbolCached
	capacity   int64 // symbolCapacity
	designated bool
	key        bool // upsertKey
}

// qdbCol is a column that is not a symbol.
func qdbCol(name, typ string) qdbColumn { return qdbColumn{name: name, typ: typ} }

// qdbColumns adds the columns of table, in order, to table_columns() on QuestDB 8.3.
func qdbColumns(table string, cols ...qdbColumn) string {
	rows := make([]string, len(cols))
	for i, c := range cols {
		rows[i] = qdbValues(table, c.name, c.typ, c.indexed, c.blocks, c.cached, c.capacity, c.designated, c.key)
	}
	return `INSERT INTO qdb_columns (table_name, "column", type, indexed, "indexBlockCapacity", "symbolCached",
		"symbolCapacity", designated, "upsertKey") VALUES ` + strings.Join(rows, ", ")
}

// qdbCheck reflects name and compares it with want.
func qdbCheck(t *testing.T, q schema.Querier, schemaName, name string, want *ast.Table) {
	t.Helper()
	got, err := qdb.Table(t.Context(), q, schemaName, name)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got, qdbCmp); d != "" {
		t.Errorf("table %q reflected differently (-want +got):\n%s", name, d)
	}
}

// --- unit tests ---

func TestQuestDBRegistered(t *testing.T) {
	d := postgres.Dialect().Clone()
	d.Name = "questdb"
	in, err := schema.NewInspector(nil, d)
	if err != nil {
		t.Fatal(err)
	}
	if in.Dialect().Name != "questdb" {
		t.Errorf("dialect %q", in.Dialect().Name)
	}
}

func TestQuestDBReflectTypes(t *testing.T) {
	db := qdbStandIn83(t,
		qdbTables(qdbTableRow("all_types", nil, "NONE", false, false, 0, "HOUR", false)),
		qdbColumns("all_types",
			qdbCol("b", "BOOLEAN"), qdbCol("i1", "BYTE"), qdbCol("i2", "SHORT"), qdbCol("c", "CHAR"),
			qdbCol("i4", "INT"), qdbCol("i8", "LONG"), qdbCol("f4", "FLOAT"), qdbCol("f8", "DOUBLE"),
			qdbCol("vc", "VARCHAR"), qdbCol("s", "STRING"), qdbCol("d", "DATE"), qdbCol("ts", "TIMESTAMP"),
			qdbCol("tsn", "TIMESTAMP_NS"), qdbCol("u", "UUID"), qdbCol("bin", "BINARY"), qdbCol("l256", "LONG256"),
			qdbCol("ip", "IPV4"), qdbCol("g6c", "GEOHASH(6c)"), qdbCol("g8b", "GEOHASH(8b)"), qdbCol("g12c", "geohash(12c)"),
			qdbCol("arr", "DOUBLE[]"), qdbCol("arr2", "DOUBLE[][]"), qdbCol("dec", "DECIMAL(18, 3)"),
			qdbCol("l128", "LONG128"), qdbCol("iv", "INTERVAL"), qdbCol("odd", "GEOHASH(x)"), qdbCol("arr3", "LONG128[]")))
	qdbCheck(t, db, "", "all_types", ast.NewTable("all_types",
		ast.Col("b", types.Bool), ast.Col("i1", qdbByte), ast.Col("i2", types.SmallInteger), ast.Col("c", types.FixedChar(1)),
		ast.Col("i4", types.Integer), ast.Col("i8", types.BigInteger), ast.Col("f4", types.Real), ast.Col("f8", types.DoubleFloat),
		ast.Col("vc", types.Text), ast.Col("s", qdbString), ast.Col("d", types.DateType), ast.Col("ts", types.DateTime),
		ast.Col("tsn", types.TimestampP(9, false)), ast.Col("u", types.UUIDType), ast.Col("bin", types.Bytes),
		ast.Col("l256", qdbLong256), ast.Col("ip", qdbIPv4), ast.Col("g6c", qdbGeohash(30)), ast.Col("g8b", qdbGeohash(8)),
		ast.Col("g12c", qdbGeohash(60)), ast.Col("arr", types.ArrayOf(types.DoubleFloat)),
		ast.Col("arr2", types.ArrayOf(types.ArrayOf(types.DoubleFloat))), ast.Col("dec", types.Decimal(18, 3)),
		ast.Col("l128", &types.Type{Name: "LONG128"}), ast.Col("iv", &types.Type{Name: "INTERVAL"}),
		ast.Col("odd", &types.Type{Name: "GEOHASH(x)"}), ast.Col("arr3", &types.Type{Name: "LONG128[]"})))
}

// TestQuestDBReflectOptions reflects the table options, in the order and spelling of
// the questdb dialect's constructors: DesignatedTimestamp, PartitionBy, WAL/BypassWAL,
// DedupUpsertKeys, TTL and SymbolOptions.
func TestQuestDBReflectOptions(t *testing.T) {
	symbol := func(name string, capacity int64, cached, indexed bool, blocks int64) qdbColumn {
		return qdbColumn{name: name, typ: "SYMBOL", indexed: indexed, blocks: blocks, cached: cached, capacity: capacity}
	}
	keyed := func(c qdbColumn) qdbColumn { c.key = true; return c }
	designated := func(c qdbColumn) qdbColumn { c.designated = true; return c }
	db := qdbStandIn83(t,
		qdbTables(
			qdbTableRow("trades", "ts", "DAY", true, true, 2, "WEEK", false),
			qdbTableRow("Plain", "ts", "NONE", false, false, 0, "HOUR", false),
			qdbTableRow("direct", "ts", "MONTH", false, false, 3, "MONTH", false),
			qdbTableRow("undeduped", "ts", "HOUR", true, false, 12, "HOUR", false),
			qdbTableRow("no_ts", nil, "NONE", false, false, 0, "HOUR", false),
			qdbTableRow("bad_ttl", "ts", "DAY", true, false, 1, "FORTNIGHT", false)),
		qdbColumns("trades",
			keyed(designated(qdbCol("ts", "TIMESTAMP"))),
			keyed(symbol("sym", 256, true, true, 256)),
			symbol("venue", 128, false, false, 0),
			qdbCol("price", "DOUBLE")),
		qdbColumns("Plain", designated(qdbCol("ts", "TIMESTAMP")), symbol("s", 1024, true, false, 256)),
		qdbColumns("direct", designated(qdbCol("ts", "TIMESTAMP")), qdbCol("v", "LONG")),
		qdbColumns("undeduped", keyed(designated(qdbCol("ts", "TIMESTAMP"))), qdbCol("v", "LONG")),
		qdbColumns("no_ts", qdbCol("v", "LONG")),
		qdbColumns("bad_ttl", designated(qdbCol("ts", "TIMESTAMP"))))

	qdbCheck(t, db, "", "trades", ast.NewTable("trades",
		ast.Col("ts", types.DateTime), ast.Col("sym", qdbSymbol), ast.Col("venue", qdbSymbol), ast.Col("price", types.DoubleFloat),
		qdbOption("timestamp", "ts"),             // questdb.DesignatedTimestamp("ts")
		qdbOption("partition by", "DAY"),         // questdb.PartitionBy(questdb.Day)
		qdbOption("wal", "true"),                 // questdb.WAL()
		qdbOption("dedup upsert keys", "ts,sym"), // questdb.DedupUpsertKeys("ts", "sym")
		qdbOption("ttl", "2 WEEKS"),              // questdb.TTL(2, questdb.Weeks)
		// questdb.SymbolOptions("sym", questdb.Capacity(256), questdb.Cache(), questdb.IndexCapacity(256))
		qdbOption("symbol sym", "CAPACITY 256 CACHE INDEX CAPACITY 256"),
		qdbOption("symbol venue", "CAPACITY 128 NOCACHE")))
	// Names in any case; the table as QuestDB spells it; schema "public" kept.
	qdbCheck(t, db, "public", "PLAIN", ast.NewSchemaTable("public", "Plain",
		ast.Col("ts", types.DateTime), ast.Col("s", qdbSymbol),
		qdbOption("timestamp", "ts"),
		qdbOption("symbol s", "CAPACITY 1024 CACHE")))
	qdbCheck(t, db, "", "direct", ast.NewTable("direct",
		ast.Col("ts", types.DateTime), ast.Col("v", types.BigInteger),
		qdbOption("timestamp", "ts"), qdbOption("partition by", "MONTH"), qdbOption("wal", "false"), qdbOption("ttl", "3 MONTHS")))
	qdbCheck(t, db, "", "undeduped", ast.NewTable("undeduped",
		ast.Col("ts", types.DateTime), ast.Col("v", types.BigInteger),
		qdbOption("timestamp", "ts"), qdbOption("partition by", "HOUR"), qdbOption("wal", "true"), qdbOption("ttl", "12 HOURS")))
	qdbCheck(t, db, "", "no_ts", ast.NewTable("no_ts", ast.Col("v", types.BigInteger)))

	if _, err := qdb.Table(t.Context(), db, "", "bad_ttl"); err == nil || !strings.Contains(err.Error(), `unknown units "FORTNIGHT"`) {
		t.Errorf("a TTL in unknown units: %v", err)
	}
}

// TestQuestDBReflectOldServer reads the older shapes of the meta functions: tables()
// with name instead of table_name and without dedup, TTL or matView; table_columns()
// without designated and upsertKey. walEnabled comes as text, which the reflector
// reads too.
func TestQuestDBReflectOldServer(t *testing.T) {
	db := qdbStandIn(t,
		`CREATE TABLE qdb_tables (id integer, name text, "designatedTimestamp" text, "partitionBy" text,
			"maxUncommittedRows" integer, "o3MaxLag" bigint, "walEnabled" text, "directoryName" text)`,
		`CREATE FUNCTION tables() RETURNS SETOF qdb_tables LANGUAGE sql AS $$ SELECT * FROM qdb_tables ORDER BY id $$`,
		`INSERT INTO qdb_tables VALUES (1, 'trades', 'ts', 'DAY', 1000, 0, 'true', 'trades')`,
		`CREATE TABLE qdb_columns (position serial, table_name text, "column" text, type text,
			indexed boolean, "indexBlockCapacity" integer, "symbolCached" boolean, "symbolCapacity" integer)`,
		`CREATE FUNCTION table_columns(text)
			RETURNS TABLE ("column" text, type text, indexed boolean, "indexBlockCapacity" integer,
				"symbolCached" boolean, "symbolCapacity" integer)
			LANGUAGE sql AS $$ SELECT "column", type, indexed, "indexBlockCapacity", "symbolCached", "symbolCapacity"
				FROM qdb_columns WHERE lower(table_name) = lower($1) ORDER BY position $$`,
		`INSERT INTO qdb_columns (table_name, "column", type, indexed, "indexBlockCapacity", "symbolCached", "symbolCapacity")
			VALUES ('trades', 'ts', 'TIMESTAMP', false, 0, false, 0), ('trades', 'sym', 'SYMBOL', true, 512, true, 64)`)
	qdbCheck(t, db, "", "trades", ast.NewTable("trades",
		ast.Col("ts", types.DateTime), ast.Col("sym", qdbSymbol),
		qdbOption("timestamp", "ts"), qdbOption("partition by", "DAY"), qdbOption("wal", "true"),
		qdbOption("symbol sym", "CAPACITY 64 CACHE INDEX CAPACITY 512")))
	names, err := qdb.TableNames(t.Context(), db, "")
	if err != nil || !cmp.Equal(names, []string{"trades"}) {
		t.Errorf("TableNames = %q, %v", names, err)
	}
}

func TestQuestDBReflectNames(t *testing.T) {
	ctx := t.Context()
	// QuestDB 8.3: matView says which entries are materialized views. There is no
	// views() to ask.
	db := qdbStandIn83(t,
		qdbTables(
			qdbTableRow("trades", "ts", "DAY", true, false, 0, "HOUR", false),
			qdbTableRow("Trades_1h", "ts", "DAY", true, false, 0, "HOUR", true),
			qdbTableRow("Alpha", nil, "NONE", false, false, 0, "HOUR", false)),
		`INSERT INTO qdb_mat_views VALUES ('trades_1h', 'immediate', 'trades', 'SELECT ts, avg(price) FROM trades SAMPLE BY 1h;')`)
	for _, c := range []struct {
		what string
		f    func() ([]string, error)
		want []string
	}{
		{"tables", func() ([]string, error) { return qdb.TableNames(ctx, db, "") }, []string{"Alpha", "trades"}},
		{"views", func() ([]string, error) { return qdb.ViewNames(ctx, db, "public") }, []string{"Trades_1h"}},
		{"schemas", func() ([]string, error) { return qdb.SchemaNames(ctx, db) }, []string{"public"}},
	} {
		got, err := c.f()
		if err != nil {
			t.Fatalf("%s: %v", c.what, err)
		}
		if d := cmp.Diff(c.want, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", c.what, d)
		}
	}
	if s, err := qdb.DefaultSchema(ctx, db); s != "public" || err != nil {
		t.Errorf("DefaultSchema = %q, %v", s, err)
	}
	if seqs, err := qdb.Sequences(ctx, db, ""); seqs != nil || err != nil {
		t.Errorf("Sequences = %v, %v", seqs, err)
	}
	def, err := qdb.ViewDefinition(ctx, db, "", "TRADES_1H")
	if want := "SELECT ts, avg(price) FROM trades SAMPLE BY 1h"; def != want || err != nil {
		t.Errorf("ViewDefinition = %q, %v; want %q", def, err, want)
	}
	if _, err := qdb.ViewDefinition(ctx, db, "", "trades"); !errors.Is(err, schema.ErrNotFound) {
		t.Errorf("ViewDefinition of a table: %v", err)
	}

	// QuestDB 9: table_type says it, and plain views are in views().
	db9 := qdbStandIn(t,
		`CREATE TABLE qdb_tables (id integer, table_name text, table_type text, "matView" boolean)`,
		`CREATE FUNCTION tables() RETURNS SETOF qdb_tables LANGUAGE sql AS $$ SELECT * FROM qdb_tables ORDER BY id $$`,
		`INSERT INTO qdb_tables VALUES (1, 'trades', 'T', false), (2, 'mv', 'M', true), (3, 'v', 'V', false), (4, 'lv', 'L', false)`,
		`CREATE TABLE qdb_views (view_name text, view_sql text)`,
		`CREATE FUNCTION views() RETURNS SETOF qdb_views LANGUAGE sql AS $$ SELECT * FROM qdb_views $$`,
		`INSERT INTO qdb_views VALUES ('v', 'SELECT * FROM trades WHERE price > 0')`,
		`CREATE TABLE qdb_live_views (view_name text, view_sql text)`,
		`CREATE FUNCTION live_views() RETURNS SETOF qdb_live_views LANGUAGE sql AS $$ SELECT * FROM qdb_live_views $$`)
	if got, err := qdb.ViewNames(ctx, db9, ""); err != nil || !cmp.Equal(got, []string{"lv", "mv", "v"}) {
		t.Errorf("QuestDB 9 ViewNames = %q, %v", got, err)
	}
	if got, err := qdb.TableNames(ctx, db9, ""); err != nil || !cmp.Equal(got, []string{"trades"}) {
		t.Errorf("QuestDB 9 TableNames = %q, %v", got, err)
	}
	if def, err := qdb.ViewDefinition(ctx, db9, "", "v"); def != "SELECT * FROM trades WHERE price > 0" || err != nil {
		t.Errorf("QuestDB 9 ViewDefinition = %q, %v", def, err)
	}
	if _, err := qdb.ViewDefinition(ctx, db9, "", "lv"); !errors.Is(err, schema.ErrNotFound) {
		t.Errorf("a live view missing from live_views(): %v", err)
	}
}

// A droppingQuerier is the stand-in as a reflector sees it while another session
// drops table: the drop lands after the reflector has found the table in tables() and
// before it asks table_columns().
type droppingQuerier struct {
	*sql.DB
	table string
}

func (q droppingQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if strings.Contains(query, "table_columns(") {
		if _, err := q.DB.ExecContext(ctx, `DELETE FROM qdb_tables WHERE table_name = $1`, q.table); err != nil {
			return nil, err
		}
	}
	return q.DB.QueryContext(ctx, query, args...)
}

func TestQuestDBReflectErrors(t *testing.T) {
	ctx := t.Context()
	db := qdbStandIn83(t,
		qdbTables(qdbTableRow("trades", "ts", "DAY", true, false, 0, "HOUR", false),
			qdbTableRow("empty", nil, "NONE", false, false, 0, "HOUR", false),
			qdbTableRow("gone", nil, "NONE", false, false, 0, "HOUR", false)))
	for _, c := range []struct {
		q            schema.Querier
		schema, name string
		notFound     bool
		driverMsg    string // the server's message the error wraps, if any
	}{
		{db, "", "nope", true, ""},
		{db, "other", "trades", true, ""},
		{db, "", "empty", true, ""},
		// The driver's error as it comes; the table has gone, but the reflector
		// cannot tell that from any other failure.
		{droppingQuerier{db, "gone"}, "", "gone", false, "table does not exist [table=gone]"},
	} {
		_, err := qdb.Table(ctx, c.q, c.schema, c.name)
		var pe *pq.Error
		if errors.Is(err, schema.ErrNotFound) != c.notFound || c.driverMsg != "" && !(errors.As(err, &pe) && pe.Message == c.driverMsg) {
			t.Errorf("Table(%q, %q) = %v", c.schema, c.name, err)
		}
	}
	for what, f := range map[string]func() error{
		"TableNames": func() error { _, err := qdb.TableNames(ctx, db, "qdb"); return err },
		"ViewNames":  func() error { _, err := qdb.ViewNames(ctx, db, "qdb"); return err },
		"Sequences":  func() error { _, err := qdb.Sequences(ctx, db, "qdb"); return err },
		"ViewDefinition": func() error {
			_, err := qdb.ViewDefinition(ctx, db, "qdb", "v")
			return err
		},
	} {
		if err := f(); !errors.Is(err, schema.ErrNotFound) || !strings.Contains(err.Error(), `QuestDB has only "public"`) {
			t.Errorf("%s in schema qdb: %v", what, err)
		}
	}
	// A server without tables(): PostgreSQL's undefined_function comes through.
	down := qdbStandIn(t)
	var pe *pq.Error
	if _, err := qdb.TableNames(ctx, down, ""); !errors.As(err, &pe) || pe.Code != "42883" {
		t.Errorf("TableNames with tables() failing: %v", err)
	}
}

// --- a real QuestDB ---

// TestQuestDBReflectServer creates tables with every option on the QuestDB at
// STRATA_QUESTDB_URL and reflects them.
func TestQuestDBReflectServer(t *testing.T) {
	raw := os.Getenv("STRATA_QUESTDB_URL")
	if raw == "" {
		t.Skip("no QuestDB: set STRATA_QUESTDB_URL=questdb://admin:quest@127.0.0.1:8812/qdb to run this test against one")
	}
	u, err := dburl.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open(u.Driver, u.DSN)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	var b [6]byte
	rand.Read(b[:])
	suffix := hex.EncodeToString(b[:])
	trades, plain := "strata_trades_"+suffix, "strata_plain_"+suffix
	for _, name := range []string{trades, plain} {
		t.Cleanup(func() { db.Exec(`DROP TABLE IF EXISTS "` + name + `"`) })
	}
	for _, s := range []string{
		`CREATE TABLE "` + trades + `" (ts TIMESTAMP, sym SYMBOL CAPACITY 256 CACHE INDEX CAPACITY 512,
			venue SYMBOL CAPACITY 100 NOCACHE, price DOUBLE, qty LONG, side CHAR, note VARCHAR, legacy STRING,
			flag BOOLEAN, small SHORT, tiny BYTE, n INT, f FLOAT, d DATE, id UUID, ip IPV4, h LONG256,
			g GEOHASH(6c), gb GEOHASH(7b), raw BINARY)
			TIMESTAMP(ts) PARTITION BY DAY TTL 2 WEEKS WAL DEDUP UPSERT KEYS(ts, sym)`,
		`CREATE TABLE "` + plain + `" (ts TIMESTAMP, v LONG) TIMESTAMP(ts) PARTITION BY MONTH BYPASS WAL`,
	} {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	qdbCheck(t, db, "", strings.ToUpper(trades), ast.NewTable(trades,
		ast.Col("ts", types.DateTime), ast.Col("sym", qdbSymbol), ast.Col("venue", qdbSymbol),
		ast.Col("price", types.DoubleFloat), ast.Col("qty", types.BigInteger), ast.Col("side", types.FixedChar(1)),
		ast.Col("note", types.Text), ast.Col("legacy", qdbString), ast.Col("flag", types.Bool),
		ast.Col("small", types.SmallInteger), ast.Col("tiny", qdbByte), ast.Col("n", types.Integer),
		ast.Col("f", types.Real), ast.Col("d", types.DateType), ast.Col("id", types.UUIDType), ast.Col("ip", qdbIPv4),
		ast.Col("h", qdbLong256), ast.Col("g", qdbGeohash(30)), ast.Col("gb", qdbGeohash(7)), ast.Col("raw", types.Bytes),
		qdbOption("timestamp", "ts"), qdbOption("partition by", "DAY"), qdbOption("wal", "true"),
		qdbOption("dedup upsert keys", "ts,sym"), qdbOption("ttl", "2 WEEKS"),
		qdbOption("symbol sym", "CAPACITY 256 CACHE INDEX CAPACITY 512"),
		qdbOption("symbol venue", "CAPACITY 128 NOCACHE"))) // 100 rounded up to a power of two
	qdbCheck(t, db, "", plain, ast.NewTable(plain,
		ast.Col("ts", types.DateTime), ast.Col("v", types.BigInteger),
		qdbOption("timestamp", "ts"), qdbOption("partition by", "MONTH"), qdbOption("wal", "false")))

	names, err := qdb.TableNames(ctx, db, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{trades, plain} {
		if !strings.Contains(strings.Join(names, "\n"), n) {
			t.Errorf("TableNames %q lacks %s", names, n)
		}
	}
	if _, err := qdb.Table(ctx, db, "", "strata_missing_"+suffix); !errors.Is(err, schema.ErrNotFound) {
		t.Errorf("a missing table: %v", err)
	}
}

// Reflecting a QuestDB table gives its columns and the questdb dialect's table
// options, which CreateAll writes back as QuestDB DDL.
func ExampleQuestDBReflector() {
	ctx := context.Background()
	db, err := sql.Open("postgres", "host=127.0.0.1 port=8812 user=admin password=quest dbname=qdb sslmode=disable")
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	trades, err := schema.QuestDBReflector{}.Table(ctx, db, "", "trades")
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range trades.Columns {
		fmt.Println(c.Name, c.Type)
	}
	for _, o := range trades.Options {
		fmt.Printf("%s = %q\n", o.Name, o.Value) // timestamp = "ts", partition by = "DAY", wal = "true", …
	}
}

// TestQuestDBAgreesWithDialect checks that the options and types reflection writes
// are the ones the questdb dialect's constructors make, and that the dialect creates
// the reflected table again with every option.
func TestQuestDBAgreesWithDialect(t *testing.T) {
	db := qdbStandIn83(t,
		qdbTables(qdbTableRow("trades", "ts", "DAY", true, true, 2, "WEEK", false)),
		qdbColumns("trades",
			qdbColumn{name: "ts", typ: "TIMESTAMP", designated: true, key: true},
			qdbColumn{name: "sym", typ: "SYMBOL", indexed: true, blocks: 256, cached: true, capacity: 256, key: true},
			qdbColumn{name: "venue", typ: "SYMBOL", capacity: 128},
			qdbCol("s", "STRING"), qdbCol("b", "BYTE"), qdbCol("h", "LONG256"), qdbCol("ip", "IPV4"),
			qdbCol("g", "GEOHASH(6c)"), qdbCol("gb", "GEOHASH(7b)"), qdbCol("price", "DOUBLE")))
	qdbCheck(t, db, "", "trades", ast.NewTable("trades",
		ast.Col("ts", types.DateTime), ast.Col("sym", questdb.Symbol), ast.Col("venue", questdb.Symbol),
		ast.Col("s", questdb.String), ast.Col("b", questdb.Byte), ast.Col("h", questdb.Long256), ast.Col("ip", questdb.IPv4),
		ast.Col("g", questdb.GeohashChars(6)), ast.Col("gb", questdb.Geohash(7)), ast.Col("price", types.DoubleFloat),
		questdb.DesignatedTimestamp("ts"),
		questdb.PartitionBy(questdb.Day),
		questdb.WAL(),
		questdb.DedupUpsertKeys("ts", "sym"),
		questdb.TTL(2, questdb.Weeks),
		questdb.SymbolOptions("sym", questdb.Capacity(256), questdb.Cache(), questdb.IndexCapacity(256)),
		questdb.SymbolOptions("venue", questdb.Capacity(128), questdb.NoCache())))

	got, err := qdb.Table(t.Context(), db, "", "trades")
	if err != nil {
		t.Fatal(err)
	}
	plan, err := questdb.Dialect().Compile(ast.CreateTable(got))
	if err != nil {
		t.Fatalf("the questdb dialect cannot create the reflected table: %v", err)
	}
	for _, want := range []string{"TIMESTAMP(", "PARTITION BY DAY", "TTL 2 WEEK", "WAL", "DEDUP UPSERT KEYS(",
		"SYMBOL CAPACITY 256 CACHE INDEX CAPACITY 256", "SYMBOL CAPACITY 128 NOCACHE", "GEOHASH(6c)", "GEOHASH(7b)", "LONG256", "IPV4", "BYTE", "STRING"} {
		if !strings.Contains(plan.SQL, want) {
			t.Errorf("CREATE TABLE of the reflected table lacks %q:\n%s", want, plan.SQL)
		}
	}
}
