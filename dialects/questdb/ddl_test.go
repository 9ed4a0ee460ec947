package questdb_test

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	_ "github.com/lib/pq" // the driver of the integration test

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects/dialecttest"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/questdb"
	"github.com/seed13bb6a42/strata/schema"
	"github.com/seed13bb6a42/strata/types"
)

// The -update flag is the repository's convention for rewriting golden files. Other
// test files of this package may declare it too (as a package variable, initialised
// before this init runs): then theirs serves both.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files with the current output")
	}
}

func ddlUpdating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// ddlTrades is the worked example of QuestDB's docs: a WAL table of trades keyed by
// time and symbol.
func ddlTrades(extra ...ast.TableItem) *ast.Table {
	items := []ast.TableItem{
		ast.Col("ts", types.DateTime),
		ast.Col("sym", questdb.Symbol),
		ast.Col("price", types.DoubleFloat),
		ast.Col("amount", types.DoubleFloat),
		questdb.DesignatedTimestamp("ts"),
		questdb.PartitionBy(questdb.Day),
		questdb.WAL(),
		questdb.DedupUpsertKeys("ts", "sym"),
		questdb.SymbolOptions("sym", questdb.Capacity(256), questdb.Cache(), questdb.Indexed()),
	}
	return ast.NewTable("trades", append(items, extra...)...)
}

// ddlReadings is a table declared with only QuestDB's storage options given.
func ddlReadings(opts ...ast.TableItem) *ast.Table {
	items := []ast.TableItem{
		ast.Col("ts", types.DateTime),
		ast.Col("device", questdb.Symbol),
		ast.Col("value", types.DoubleFloat),
	}
	return ast.NewTable("readings", append(items, opts...)...)
}

func create(t *ast.Table) ast.Node { return ast.CreateTable(t) }

// A ddlCase is one statement compiled on the QuestDB dialect (strict, and leaving
// constraints out) and on PostgreSQL, which must ignore the QuestDB options.
type ddlCase struct {
	name    string
	build   func() ast.Node
	invalid bool   // bad input for QuestDB: a *compiler.CompileError there (PostgreSQL may take it)
	version string // the QuestDB server version, "" when unknown
}

var ddlCases = []ddlCase{
	// CREATE TABLE and its options.
	{name: "create_plain", build: func() ast.Node { return create(ddlReadings()) }},
	{name: "create_designated_timestamp", build: func() ast.Node { return create(ddlReadings(questdb.DesignatedTimestamp("ts"))) }},
	{name: "create_partition_none", build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.None)))
	}},
	{name: "create_partition_year", build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Year)))
	}},
	{name: "create_partition_month", build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Month)))
	}},
	{name: "create_partition_week", build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Week)))
	}},
	{name: "create_partition_day", build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day)))
	}},
	{name: "create_partition_hour", build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Hour)))
	}},
	{name: "create_wal", build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day), questdb.WAL()))
	}},
	{name: "create_bypass_wal", build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day), questdb.BypassWAL()))
	}},
	{name: "create_bypass_wal_partition_none", build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.None), questdb.BypassWAL()))
	}},
	{name: "create_bypass_wal_unpartitioned", build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.BypassWAL()))
	}},
	{name: "create_dedup_writes_wal", build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Hour),
			questdb.DedupUpsertKeys("ts", "device")))
	}},
	{name: "create_trades", build: func() ast.Node { return create(ddlTrades()) }},
	{name: "create_trades_if_not_exists", build: func() ast.Node {
		return &ast.CreateTableStmt{Table: ddlTrades(), IfNotExists: true}
	}},
	{name: "create_ttl_one_week", build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day), questdb.TTL(1, questdb.Weeks)))
	}},
	{name: "create_ttl_hours_on_hour", build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Hour), questdb.TTL(36, questdb.Hours)))
	}},
	{name: "create_ttl_months_on_day", build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day), questdb.TTL(3, questdb.Months), questdb.WAL()))
	}},
	{name: "create_ttl_years_on_year", build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Year), questdb.TTL(2, questdb.Years)))
	}},
	{name: "create_ttl_by_hand", build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Week),
			ast.DialectOption("questdb", "ttl", "14 day")))
	}},
	{name: "create_symbol_capacity_nocache", build: func() ast.Node {
		return create(ddlReadings(questdb.SymbolOptions("device", questdb.Capacity(1024), questdb.NoCache())))
	}},
	{name: "create_symbol_index_capacity", build: func() ast.Node {
		return create(ddlReadings(questdb.SymbolOptions("device", questdb.IndexCapacity(512))))
	}},
	{name: "create_symbol_options_by_hand", build: func() ast.Node {
		// As SHOW CREATE TABLE prints them, and schema reflection gives them.
		return create(ddlReadings(ast.DialectOption("questdb", "symbol device", "capacity 256 cache index capacity 256")))
	}},
	{name: "create_symbol_options_padded_name", build: func() ast.Node {
		// The option's name is trimmed before the column is read from it.
		return create(ddlReadings(ast.DialectOption("questdb", "  Symbol device ", "capacity 256")))
	}},
	{name: "create_symbol_options_later_wins", build: func() ast.Node {
		return create(ddlReadings(questdb.SymbolOptions("device", questdb.Capacity(8)),
			questdb.SymbolOptions("DEVICE", questdb.Indexed())))
	}},
	{name: "create_case_insensitive_names", build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("TS"), questdb.PartitionBy("day"),
			questdb.DedupUpsertKeys("Ts", "Device")))
	}},
	{name: "create_public_schema", build: func() ast.Node {
		return create(ast.NewSchemaTable("public", "events", ast.Col("ts", types.DateTime), questdb.DesignatedTimestamp("ts")))
	}},
	{name: "create_types", build: func() ast.Node {
		return create(ast.NewTable("all_types",
			ast.Col("ts", types.DateTime),
			ast.Col("tz", types.DateTimeTZ),
			ast.Col("d", types.DateType),
			ast.Col("b", types.Bool),
			ast.Col("i8", questdb.Byte),
			ast.Col("i16", types.SmallInteger),
			ast.Col("i32", types.Integer),
			ast.Col("i64", types.BigInteger),
			ast.Col("f32", types.Real),
			ast.Col("f64", types.DoubleFloat),
			ast.Col("c", types.FixedChar(1)),
			ast.Col("v", types.String(20)),
			ast.Col("txt", types.Text),
			ast.Col("s", questdb.String),
			ast.Col("sym", questdb.Symbol),
			ast.Col("u", types.UUIDType),
			ast.Col("ip", questdb.IPv4),
			ast.Col("l256", questdb.Long256),
			ast.Col("gh", questdb.Geohash(30)),
			ast.Col("gb", questdb.Geohash(8)),
			ast.Col("bin", types.Bytes),
			ast.Col("arr", types.ArrayOf(types.DoubleFloat)),
			questdb.DesignatedTimestamp("ts")))
	}},
	{name: "create_mysql_options_ignored", build: func() ast.Node {
		return create(ddlReadings(ast.DialectOption("mysql", "engine", "InnoDB")))
	}},

	// Validation before sending.
	{name: "bad_wal_without_partition", invalid: true, build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.WAL()))
	}},
	{name: "bad_wal_partition_none", invalid: true, build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.None), questdb.WAL()))
	}},
	{name: "bad_partition_without_timestamp", invalid: true, build: func() ast.Node {
		return create(ddlReadings(questdb.PartitionBy(questdb.Day)))
	}},
	{name: "bad_dedup_bypass_wal", invalid: true, build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day), questdb.BypassWAL(),
			questdb.DedupUpsertKeys("ts")))
	}},
	{name: "bad_dedup_unpartitioned", invalid: true, build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.DedupUpsertKeys("ts")))
	}},
	{name: "bad_dedup_without_timestamp", invalid: true, build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day), questdb.DedupUpsertKeys("device")))
	}},
	{name: "bad_dedup_unknown_column", invalid: true, build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day), questdb.DedupUpsertKeys("ts", "venue")))
	}},
	{name: "bad_dedup_twice", invalid: true, build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day), questdb.DedupUpsertKeys("ts", "device", "DEVICE")))
	}},
	{name: "bad_dedup_array", invalid: true, build: func() ast.Node {
		return create(ddlReadings(ast.Col("levels", types.ArrayOf(types.DoubleFloat)),
			questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day), questdb.DedupUpsertKeys("ts", "levels")))
	}},
	{name: "bad_dedup_empty", invalid: true, build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day), questdb.DedupUpsertKeys()))
	}},
	{name: "bad_timestamp_not_timestamp", invalid: true, build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("value")))
	}},
	{name: "bad_timestamp_unknown_column", invalid: true, build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("time")))
	}},
	{name: "bad_ttl_unpartitioned", invalid: true, build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.TTL(2, questdb.Days)))
	}},
	{name: "bad_ttl_not_whole_days", invalid: true, build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day), questdb.TTL(36, questdb.Hours)))
	}},
	{name: "bad_ttl_days_on_month", invalid: true, build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Month), questdb.TTL(60, questdb.Days)))
	}},
	{name: "bad_ttl_months_on_year", invalid: true, build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Year), questdb.TTL(18, questdb.Months)))
	}},
	{name: "bad_ttl_zero", invalid: true, build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day), questdb.TTL(0, questdb.Days)))
	}},
	{name: "bad_ttl_unit", invalid: true, build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day), questdb.TTL(2, "FORTNIGHTS")))
	}},
	{name: "bad_symbol_options_on_varchar", invalid: true, build: func() ast.Node {
		return create(ddlReadings(ast.Col("note", types.Text), questdb.SymbolOptions("note", questdb.Capacity(16))))
	}},
	{name: "bad_symbol_options_unknown_column", invalid: true, build: func() ast.Node {
		return create(ddlReadings(questdb.SymbolOptions("venue", questdb.Indexed())))
	}},
	{name: "bad_symbol_options_padded_unknown_column", invalid: true, build: func() ast.Node {
		return create(ddlReadings(ast.DialectOption("questdb", "  symbol venue", "capacity 256")))
	}},
	{name: "bad_symbol_capacity", invalid: true, build: func() ast.Node {
		return create(ddlReadings(questdb.SymbolOptions("device", questdb.Capacity(-1))))
	}},
	{name: "bad_symbol_options_order", invalid: true, build: func() ast.Node {
		return create(ddlReadings(ast.DialectOption("questdb", "symbol device", "INDEX CACHE")))
	}},
	{name: "bad_unknown_option", invalid: true, build: func() ast.Node {
		return create(ddlReadings(ast.DialectOption("questdb", "in volume", "cold")))
	}},
	{name: "bad_partition_unit", invalid: true, build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy("MINUTE")))
	}},
	{name: "bad_wal_value", invalid: true, build: func() ast.Node {
		return create(ddlReadings(ast.DialectOption("questdb", "wal", "sometimes")))
	}},

	// What QuestDB cannot declare: refused, or left out under OmitConstraints.
	{name: "refuse_primary_key", build: func() ast.Node {
		return create(ast.NewTable("users", ast.Col("id", types.BigInteger, ast.PrimaryKey()), ast.Col("name", types.Text)))
	}},
	{name: "refuse_foreign_key", build: func() ast.Node {
		return create(ast.NewTable("orders", ast.Col("user_id", types.BigInteger),
			ast.ForeignKeyOf([]string{"user_id"}, "users", "id")))
	}},
	{name: "refuse_unique_column", build: func() ast.Node {
		return create(ast.NewTable("users", ast.Col("email", types.Text, ast.Unique())))
	}},
	{name: "refuse_unique_constraint", build: func() ast.Node {
		return create(ast.NewTable("users", ast.Col("email", types.Text), ast.UniqueOf("email")))
	}},
	{name: "refuse_check", build: func() ast.Node {
		t := ast.T("users")
		return create(ast.NewTable("users", ast.Col("age", types.Integer), ast.CheckOf(t.C("age").Ge(0))))
	}},
	{name: "refuse_default", build: func() ast.Node {
		return create(ast.NewTable("users", ast.Col("name", types.Text, ast.ServerDefault("anonymous"))))
	}},
	{name: "refuse_not_null", build: func() ast.Node {
		return create(ast.NewTable("users", ast.Col("name", types.Text, ast.NotNull())))
	}},
	{name: "create_not_null_designated_timestamp", build: func() ast.Node {
		return create(ast.NewTable("events", ast.Col("ts", types.DateTime, ast.NotNull()), questdb.DesignatedTimestamp("ts")))
	}},
	{name: "refuse_autoincrement", build: func() ast.Node {
		return create(ast.NewTable("users", ast.Col("id", types.BigInteger, ast.AutoIncrement())))
	}},
	{name: "refuse_identity", build: func() ast.Node {
		return create(ast.NewTable("users", ast.Col("id", types.BigInteger, ast.GeneratedIdentity(ast.Identity{Always: true}))))
	}},
	{name: "refuse_generated_column", build: func() ast.Node {
		t := ast.T("lines")
		return create(ast.NewTable("lines", ast.Col("qty", types.Integer), ast.Col("price", types.DoubleFloat),
			ast.Col("total", types.DoubleFloat, ast.GeneratedAs(ast.Mul(t.C("qty"), t.C("price")), true))))
	}},
	{name: "refuse_collation", build: func() ast.Node {
		return create(ast.NewTable("users", ast.Col("name", types.Text, ast.Collation("C"))))
	}},
	{name: "refuse_column_comment", build: func() ast.Node {
		return create(ast.NewTable("users", ast.Col("name", types.Text, ast.Comment("the user's name"))))
	}},
	{name: "refuse_table_comment", build: func() ast.Node {
		return create(ast.NewTable("users", ast.Col("name", types.Text), ast.TableComment("people")))
	}},
	{name: "refuse_enum_values", build: func() ast.Node {
		return create(ast.NewTable("orders", ast.Col("side", types.Enum("side", "buy", "sell"))))
	}},
	{name: "refuse_schema", build: func() ast.Node {
		return create(ast.NewSchemaTable("market", "quotes", ast.Col("ts", types.DateTime)))
	}},
	{name: "refuse_decimal", build: func() ast.Node {
		return create(ast.NewTable("prices", ast.Col("price", types.Decimal(18, 4))))
	}},
	{name: "refuse_json", build: func() ast.Node {
		return create(ast.NewTable("docs", ast.Col("body", types.JSONType)))
	}},

	// Version gates.
	{name: "version_ttl_before_8_2", version: "8.1.1", build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day), questdb.TTL(2, questdb.Days)))
	}},
	{name: "version_dedup_before_7_3", version: "7.2.1", build: func() ast.Node { return create(ddlTrades()) }},
	{name: "version_wal_before_7", version: "6.7.0", build: func() ast.Node {
		return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day), questdb.WAL()))
	}},
	{name: "version_trades_9", version: "9.1.0", build: func() ast.Node { return create(ddlTrades()) }},

	// CREATE TABLE … AS.
	{name: "ctas_portable", build: func() ast.Node {
		src := ddlTrades()
		return &ast.CreateTableAsStmt{Name: "trades_copy", Query: ast.Select(src.Star()).From(src)}
	}},
	{name: "ctas_options", build: func() ast.Node {
		src := ddlTrades()
		q := ast.Select(src.C("ts"), src.C("sym"), src.C("price")).From(src).Where(src.C("price").Gt(10.5))
		return questdb.CreateTableAs("big_trades", q,
			questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Month), questdb.TTL(1, questdb.Years),
			questdb.DedupUpsertKeys("ts", "sym"),
			questdb.SymbolOptions("sym", questdb.Capacity(128), questdb.NoCache(), questdb.IndexCapacity(64)))
	}},
	{name: "ctas_symbol_index_only", build: func() ast.Node {
		src := ddlReadings()
		return questdb.CreateTableAs("readings_copy", ast.Select(src.Star()).From(src),
			questdb.SymbolOptions("device", questdb.Indexed()), questdb.DesignatedTimestamp("ts")).IfNotExists()
	}},
	{name: "bad_ctas_unknown_timestamp", invalid: true, build: func() ast.Node {
		src := ddlReadings()
		return questdb.CreateTableAs("copy", ast.Select(src.C("device")).From(src), questdb.DesignatedTimestamp("ts"))
	}},
	{name: "bad_ctas_partition_without_timestamp", invalid: true, build: func() ast.Node {
		src := ddlReadings()
		return questdb.CreateTableAs("copy", ast.Select(src.Star()).From(src), questdb.PartitionBy(questdb.Day))
	}},
	{name: "bad_ctas_without_query", invalid: true, build: func() ast.Node {
		return questdb.CreateTableAs("copy", nil)
	}},
	{name: "refuse_ctas_comment", build: func() ast.Node {
		src := ddlReadings()
		return questdb.CreateTableAs("copy", ast.Select(src.Star()).From(src), ast.TableComment("a copy"))
	}},

	// ALTER TABLE with the ast's actions.
	{name: "alter_add_column", build: func() ast.Node {
		return &ast.AlterTableStmt{Table: ddlTrades(), Action: ast.AddColumn{Column: ast.Col("venue", types.Text)}}
	}},
	{name: "alter_add_symbol_column", build: func() ast.Node {
		t := ddlTrades(questdb.SymbolOptions("venue", questdb.Capacity(64), questdb.Indexed()))
		return &ast.AlterTableStmt{Table: t, Action: ast.AddColumn{Column: ast.Col("venue", questdb.Symbol)}}
	}},
	{name: "alter_add_column_not_null", build: func() ast.Node {
		return &ast.AlterTableStmt{Table: ddlTrades(), Action: ast.AddColumn{Column: ast.Col("venue", types.Text, ast.NotNull())}}
	}},
	{name: "alter_add_column_unique", build: func() ast.Node {
		return &ast.AlterTableStmt{Table: ddlTrades(), Action: ast.AddColumn{Column: ast.Col("trade_id", types.UUIDType, ast.Unique())}}
	}},
	{name: "alter_drop_column", build: func() ast.Node {
		return &ast.AlterTableStmt{Table: ddlTrades(), Action: ast.DropColumn{Name: "amount"}}
	}},
	{name: "bad_alter_drop_designated_timestamp", invalid: true, build: func() ast.Node {
		return &ast.AlterTableStmt{Table: ddlTrades(), Action: ast.DropColumn{Name: "ts"}}
	}},
	{name: "alter_rename_column", build: func() ast.Node {
		return &ast.AlterTableStmt{Table: ddlTrades(), Action: ast.RenameColumn{From: "amount", To: "qty"}}
	}},
	{name: "alter_rename_table", build: func() ast.Node {
		return &ast.AlterTableStmt{Table: ddlTrades(), Action: ast.RenameTable{To: "trades_2024"}}
	}},
	{name: "alter_add_constraint", build: func() ast.Node {
		return &ast.AlterTableStmt{Table: ddlTrades(), Action: ast.AddConstraint{Constraint: ast.UniqueOf("ts", "sym").Named("uq_trades")}}
	}},
	{name: "alter_drop_constraint", build: func() ast.Node {
		return &ast.AlterTableStmt{Table: ddlTrades(), Action: ast.DropConstraint{Name: "uq_trades", Kind: "uq"}}
	}},

	// QuestDB's own ALTER TABLE actions.
	{name: "alter_add_index", build: func() ast.Node {
		return questdb.AlterTable(ddlTrades(), questdb.AddIndex{Column: "sym"})
	}},
	{name: "alter_drop_index", build: func() ast.Node {
		return questdb.AlterTable(ddlTrades(), questdb.DropIndex{Column: "sym"})
	}},
	{name: "bad_alter_add_index_not_symbol", invalid: true, build: func() ast.Node {
		return questdb.AlterTable(ddlTrades(), questdb.AddIndex{Column: "price"})
	}},
	{name: "bad_alter_add_index_unknown_column", invalid: true, build: func() ast.Node {
		return questdb.AlterTable(ddlTrades(), questdb.AddIndex{Column: "venue"})
	}},
	{name: "alter_add_index_undeclared_table", build: func() ast.Node {
		return questdb.AlterTable(ast.T("trades"), questdb.AddIndex{Column: "sym"})
	}},
	{name: "alter_drop_partition_list", build: func() ast.Node {
		return questdb.AlterTable(ddlTrades(), questdb.DropPartitionList{Partitions: []string{"2024-01-01", "2024-01-02"}})
	}},
	{name: "bad_alter_drop_partition_list_empty", invalid: true, build: func() ast.Node {
		return questdb.AlterTable(ddlTrades(), questdb.DropPartitionList{})
	}},
	{name: "alter_drop_partition_where", build: func() ast.Node {
		t := ddlTrades()
		cutoff := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
		return questdb.AlterTable(t, questdb.DropPartitionWhere{Cond: t.C("ts").Lt(cutoff)})
	}},
	{name: "bad_alter_drop_partition_where_other_table", invalid: true, build: func() ast.Node {
		other := ddlReadings()
		return questdb.AlterTable(ddlTrades(), questdb.DropPartitionWhere{Cond: other.C("ts").Lt("2024-01-01")})
	}},
	{name: "alter_dedup_enable", build: func() ast.Node {
		return questdb.AlterTable(ddlTrades(), questdb.DedupEnable{Keys: []string{"ts", "sym", "price"}})
	}},
	{name: "bad_alter_dedup_enable_without_timestamp", invalid: true, build: func() ast.Node {
		return questdb.AlterTable(ddlTrades(), questdb.DedupEnable{Keys: []string{"sym"}})
	}},
	{name: "bad_alter_dedup_enable_bypass_wal", invalid: true, build: func() ast.Node {
		t := ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day), questdb.BypassWAL())
		return questdb.AlterTable(t, questdb.DedupEnable{Keys: []string{"ts"}})
	}},
	{name: "alter_dedup_disable", build: func() ast.Node {
		return questdb.AlterTable(ddlTrades(), questdb.DedupDisable{})
	}},
	{name: "bad_alter_without_action", invalid: true, build: func() ast.Node {
		return questdb.AlterTable(ddlTrades(), nil)
	}},

	// Index statements, as schema.CreatePlan makes them.
	{name: "create_index_symbol", build: func() ast.Node {
		return &ast.CreateIndexStmt{Table: ddlReadings(), Index: ast.IndexOf("ix_readings_device", "device")}
	}},
	{name: "create_index_created_with_table", build: func() ast.Node {
		return &ast.CreateIndexStmt{Table: ddlTrades(), Index: ast.IndexOf("ix_trades_sym", "sym")}
	}},
	{name: "refuse_index_not_symbol", build: func() ast.Node {
		return &ast.CreateIndexStmt{Table: ddlReadings(), Index: ast.IndexOf("ix_readings_value", "value")}
	}},
	{name: "refuse_index_two_columns", build: func() ast.Node {
		return &ast.CreateIndexStmt{Table: ddlReadings(), Index: ast.IndexOf("ix_readings_device_ts", "device", "ts")}
	}},
	{name: "refuse_index_unique", build: func() ast.Node {
		return &ast.CreateIndexStmt{Table: ddlReadings(), Index: ast.IndexOf("uq_readings_device", "device").AsUnique()}
	}},
	{name: "drop_index_symbol", build: func() ast.Node {
		return &ast.DropIndexStmt{Table: ddlReadings(), Index: ast.IndexOf("ix_readings_device", "device")}
	}},

	// TRUNCATE and DROP.
	{name: "truncate", build: func() ast.Node { return questdb.Truncate(ddlTrades()) }},
	{name: "truncate_if_exists_unknown_version", build: func() ast.Node { return questdb.Truncate(ddlTrades()).IfExists() }},
	{name: "truncate_if_exists_9", version: "9.0.0", build: func() ast.Node { return questdb.Truncate(ddlTrades()).IfExists() }},
	{name: "bad_truncate_without_table", invalid: true, build: func() ast.Node { return questdb.Truncate(nil) }},
	{name: "drop_table", build: func() ast.Node { return ast.DropTable(ddlTrades()) }},
	{name: "drop_table_if_exists", build: func() ast.Node { return &ast.DropTableStmt{Table: ddlTrades(), IfExists: true} }},
	{name: "drop_table_other_schema", build: func() ast.Node {
		return &ast.DropTableStmt{Table: ast.SchemaT("market", "quotes"), IfExists: true}
	}},

	// Other schema objects.
	{name: "refuse_create_sequence", build: func() ast.Node {
		return &ast.CreateSequenceStmt{Sequence: ast.NewSequence("order_ids")}
	}},
	{name: "refuse_drop_sequence", build: func() ast.Node {
		return &ast.DropSequenceStmt{Sequence: ast.NewSequence("order_ids"), IfExists: true}
	}},
	{name: "refuse_create_view", build: func() ast.Node {
		src := ddlTrades()
		return &ast.CreateViewStmt{View: ast.NewView("recent", ast.Select(src.Star()).From(src))}
	}},
	{name: "refuse_comment", build: func() ast.Node {
		return &ast.CommentStmt{Table: ddlTrades(), Column: "price", Comment: "in USD"}
	}},
}

// ddlSections returns the dialects of a case's golden file, with their section names.
func ddlSections(version string) ([]string, []*compiler.Dialect) {
	strict := questdb.New(version)
	name := "questdb"
	if version != "" {
		name += " " + version
	}
	return []string{name, name + " omit-constraints", "postgres"},
		[]*compiler.Dialect{strict, questdb.OmitConstraints(strict), postgres.Dialect()}
}

func ddlGoldenText(c ddlCase) (string, error) {
	names, ds := ddlSections(c.version)
	dc := dialecttest.Case{Name: c.name, Build: c.build}
	if c.invalid {
		dc.InvalidOn = []string{"questdb"}
	}
	var sb strings.Builder
	for i, d := range ds {
		r, err := dialecttest.Check(dc, d)
		if err != nil {
			return "", errors.New(names[i] + ": " + err.Error())
		}
		sb.WriteString("-- " + names[i] + " --\n")
		sb.WriteString(r.Format())
	}
	return sb.String(), nil
}

// TestDDLGolden compares each statement's SQL, or its error, on QuestDB (strict and
// leaving constraints out) and PostgreSQL with testdata/ddl/<case>.golden; go test
// -update rewrites the files. dialecttest.Check also proves each compilation
// deterministic, cache-safe, and its errors typed and naming the dialect.
func TestDDLGolden(t *testing.T) {
	dir := filepath.Join("testdata", "ddl")
	if ddlUpdating() {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[string]bool{}
	for _, c := range ddlCases {
		if seen[c.name] {
			t.Fatalf("two cases named %s", c.name)
		}
		seen[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			got, err := ddlGoldenText(c)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, c.name+".golden")
			if ddlUpdating() {
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
		})
	}
	// Every golden file belongs to a case: a renamed case leaves none behind.
	files, err := filepath.Glob(filepath.Join(dir, "*.golden"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if name := strings.TrimSuffix(filepath.Base(f), ".golden"); !seen[name] {
			if ddlUpdating() {
				os.Remove(f)
				continue
			}
			t.Errorf("%s has no case (go test -update removes it)", f)
		}
	}
}

// TestDDLErrorKinds checks the kind of each error, beyond its text in the golden
// files: refusals are UnsupportedErrors naming QuestDB, bad input CompileErrors, and
// OmitConstraints turns the refusals of constraints into SQL without them.
func TestDDLErrorKinds(t *testing.T) {
	tests := []struct {
		name          string
		build         func() ast.Node
		strict, omit  string // "sql", "unsupported" or "invalid"
		wantConstruct string // in the strict UnsupportedError
	}{
		{"primary key", func() ast.Node {
			return create(ast.NewTable("users", ast.Col("id", types.BigInteger, ast.PrimaryKey())))
		}, "unsupported", "sql", "PRIMARY KEY on table users"},
		{"default", func() ast.Node {
			return create(ast.NewTable("users", ast.Col("n", types.Integer, ast.ServerDefault(1))))
		}, "unsupported", "sql", "DEFAULT on column users.n"},
		{"generated column", func() ast.Node {
			t := ast.T("l")
			return create(ast.NewTable("l", ast.Col("a", types.Integer), ast.Col("b", types.Integer, ast.GeneratedAs(t.C("a"), true))))
		}, "unsupported", "unsupported", "generated column l.b"},
		{"wal without partitioning", func() ast.Node {
			return create(ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.WAL()))
		}, "invalid", "invalid", ""},
		{"schema", func() ast.Node {
			return create(ast.NewSchemaTable("app", "t", ast.Col("ts", types.DateTime)))
		}, "unsupported", "sql", "schema app (table app.t)"},
		{"view", func() ast.Node {
			return &ast.CreateViewStmt{View: ast.NewView("v", ast.Select(ast.Lit(1)))}
		}, "unsupported", "unsupported", "views"},
	}
	strict := questdb.Dialect()
	omit := questdb.OmitConstraints(strict)
	kind := func(err error) string {
		var ue *compiler.UnsupportedError
		var ce *compiler.CompileError
		switch {
		case err == nil:
			return "sql"
		case errors.As(err, &ue):
			return "unsupported"
		case errors.As(err, &ce):
			return "invalid"
		}
		return "other: " + err.Error()
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := strict.Compile(tt.build())
			if got := kind(err); got != tt.strict {
				t.Errorf("strict: %s (%v), want %s", got, err, tt.strict)
			}
			var ue *compiler.UnsupportedError
			if errors.As(err, &ue) {
				if ue.Dialect != "questdb" || ue.Construct != tt.wantConstruct {
					t.Errorf("strict: dialect %q construct %q, want questdb and %q", ue.Dialect, ue.Construct, tt.wantConstruct)
				}
				if ue.Hint == "" {
					t.Errorf("strict: %v has no hint", ue)
				}
			}
			_, err = omit.Compile(tt.build())
			if got := kind(err); got != tt.omit {
				t.Errorf("omit: %s (%v), want %s", got, err, tt.omit)
			}
		})
	}
}

// TestOptionValues pins the names and values of the table options, which schema
// reflection writes without importing this package.
func TestOptionValues(t *testing.T) {
	got := []ast.TableOption{
		questdb.DesignatedTimestamp("ts"),
		questdb.PartitionBy(questdb.Day),
		questdb.WAL(),
		questdb.BypassWAL(),
		questdb.DedupUpsertKeys("ts", "sym"),
		questdb.TTL(2, questdb.Weeks),
		questdb.SymbolOptions("sym"),
		questdb.SymbolOptions("sym", questdb.Capacity(256), questdb.Cache(), questdb.IndexCapacity(128)),
		questdb.SymbolOptions("sym", questdb.NoCache(), questdb.Indexed()),
	}
	want := []ast.TableOption{
		{Dialect: "questdb", Name: "timestamp", Value: "ts"},
		{Dialect: "questdb", Name: "partition by", Value: "DAY"},
		{Dialect: "questdb", Name: "wal", Value: "true"},
		{Dialect: "questdb", Name: "wal", Value: "false"},
		{Dialect: "questdb", Name: "dedup upsert keys", Value: "ts,sym"},
		{Dialect: "questdb", Name: "ttl", Value: "2 WEEKS"},
		{Dialect: "questdb", Name: "symbol sym", Value: ""},
		{Dialect: "questdb", Name: "symbol sym", Value: "CAPACITY 256 CACHE INDEX CAPACITY 128"},
		{Dialect: "questdb", Name: "symbol sym", Value: "NOCACHE INDEX"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("options (-want +got):\n%s", diff)
	}
}

// TestOtherDialectsIgnoreOptions shows the portability the options are for: the same
// table creates the same SQL on PostgreSQL with and without them.
func TestOtherDialectsIgnoreOptions(t *testing.T) {
	plain := ast.NewTable("trades", ast.Col("ts", types.DateTime), ast.Col("sym", questdb.Symbol),
		ast.Col("price", types.DoubleFloat), ast.Col("amount", types.DoubleFloat))
	for _, d := range []*compiler.Dialect{postgres.Dialect()} {
		want, err := d.Compile(create(plain))
		if err != nil {
			t.Fatal(err)
		}
		got, err := d.Compile(create(ddlTrades()))
		if err != nil {
			t.Fatalf("%s: %v", d.Name, err)
		}
		if got.SQL != want.SQL {
			t.Errorf("%s: with QuestDB options\n%s\nwithout\n%s", d.Name, got.SQL, want.SQL)
		}
	}
}

// ddlPortable is a MetaData written for PostgreSQL, with QuestDB options added.
func ddlPortable() *ast.MetaData {
	users := ast.NewTable("users",
		ast.Col("id", types.BigInteger, ast.PrimaryKey(), ast.AutoIncrement()),
		ast.Col("email", types.String(200), ast.NotNull(), ast.Unique()),
		ast.Col("created", types.DateTime, ast.NotNull(), ast.ServerDefault(ast.Now())),
		ast.IndexOf("ix_users_created", "created"),
		questdb.DesignatedTimestamp("created"))
	orders := ast.NewTable("orders",
		ast.Col("id", types.BigInteger, ast.PrimaryKey()),
		ast.Col("user_id", types.BigInteger, ast.NotNull()),
		ast.Col("ts", types.DateTime, ast.NotNull()),
		ast.Col("sym", questdb.Symbol),
		ast.ForeignKeyOf([]string{"user_id"}, "users", "id"),
		ast.IndexOf("ix_orders_sym", "sym"),
		questdb.DesignatedTimestamp("ts"),
		questdb.PartitionBy(questdb.Month))
	return ast.NewMetaData(users, orders).WithSequences(ast.NewSequence("invoice_numbers"))
}

func planSQL(t *testing.T, d *compiler.Dialect, stmts []ast.Stmt) []string {
	t.Helper()
	var out []string
	for _, s := range stmts {
		p, err := d.Compile(s)
		if err != nil {
			t.Fatalf("%T: %v", s, err)
		}
		out = append(out, p.SQL)
	}
	return out
}

// TestCreatePlan runs schema.CreatePlan and DropPlan through QuestDB: strictly, the
// PostgreSQL schema is refused at its first constraint; leaving constraints out, it
// becomes one statement per table (and one per index), with the statements QuestDB
// has no form for compiled to nothing.
func TestCreatePlan(t *testing.T) {
	md := ddlPortable()
	strict := questdb.Dialect()
	plan, err := schema.CreatePlan(strict, md)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := strict.Compile(plan.Statements[0]); err == nil {
		t.Error("strict: the sequence compiled")
	}
	for _, s := range plan.Statements {
		if ct, ok := s.(*ast.CreateTableStmt); ok {
			_, err := strict.Compile(ct)
			var ue *compiler.UnsupportedError
			if !errors.As(err, &ue) || !strings.Contains(ue.Construct, "PRIMARY KEY") {
				t.Errorf("strict CREATE TABLE %s: %v, want a refused PRIMARY KEY", ct.Table.Name, err)
			}
		}
	}

	omit := questdb.OmitConstraints(strict)
	plan, err = schema.CreatePlan(omit, md)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		``, // CREATE SEQUENCE
		`CREATE TABLE "users" ("id" LONG, "email" VARCHAR, "created" TIMESTAMP) TIMESTAMP("created")`,
		``, // the index on a TIMESTAMP column
		`CREATE TABLE "orders" ("id" LONG, "user_id" LONG, "ts" TIMESTAMP, "sym" SYMBOL) TIMESTAMP("ts") PARTITION BY MONTH`,
		`ALTER TABLE "orders" ALTER COLUMN "sym" ADD INDEX`,
	}
	if diff := cmp.Diff(want, planSQL(t, omit, plan.Statements)); diff != "" {
		t.Errorf("create plan (-want +got):\n%s", diff)
	}

	drop, err := schema.DropPlan(omit, md)
	if err != nil {
		t.Fatal(err)
	}
	want = []string{`DROP TABLE IF EXISTS "orders"`, `DROP TABLE IF EXISTS "users"`, ``}
	if diff := cmp.Diff(want, planSQL(t, omit, drop.Statements)); diff != "" {
		t.Errorf("drop plan (-want +got):\n%s", diff)
	}
}

// TestCreatePlanCycle: foreign keys in a cycle are deferred to ALTER TABLE … ADD
// CONSTRAINT, which QuestDB leaves out, rather than reported as a cycle.
func TestCreatePlanCycle(t *testing.T) {
	a := ast.NewTable("a", ast.Col("id", types.BigInteger), ast.Col("b_id", types.BigInteger),
		ast.ForeignKeyOf([]string{"b_id"}, "b", "id"))
	b := ast.NewTable("b", ast.Col("id", types.BigInteger), ast.Col("a_id", types.BigInteger),
		ast.ForeignKeyOf([]string{"a_id"}, "a", "id"))
	omit := questdb.OmitConstraints(questdb.Dialect())
	plan, err := schema.CreatePlan(omit, ast.NewMetaData(a, b))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`CREATE TABLE "a" ("id" LONG, "b_id" LONG)`, `CREATE TABLE "b" ("id" LONG, "a_id" LONG)`, ``, ``}
	if diff := cmp.Diff(want, planSQL(t, omit, plan.Statements)); diff != "" {
		t.Errorf("create plan (-want +got):\n%s", diff)
	}
}

// TestCacheKeys: the custom statements opt in to the plan cache with their shape, so
// statements that differ in their SQL never share a plan; DROP PARTITION WHERE writes
// values into the text and stays out of the cache.
func TestCacheKeys(t *testing.T) {
	d := questdb.Dialect()
	key := func(n ast.Node) (string, bool) {
		k, _, ok := compiler.Key(d, n, compiler.Options{})
		return k, ok
	}
	trades := ddlTrades()
	pairs := []struct {
		name string
		a, b ast.Node
	}{
		{"truncate table", questdb.Truncate(trades), questdb.Truncate(ddlReadings())},
		{"truncate if exists", questdb.Truncate(trades), questdb.Truncate(trades).IfExists()},
		{"index column", questdb.AlterTable(trades, questdb.AddIndex{Column: "sym"}), questdb.AlterTable(trades, questdb.AddIndex{Column: "price"})},
		{"add or drop index", questdb.AlterTable(trades, questdb.AddIndex{Column: "sym"}), questdb.AlterTable(trades, questdb.DropIndex{Column: "sym"})},
		{"partitions", questdb.AlterTable(trades, questdb.DropPartitionList{Partitions: []string{"2024-01-01"}}),
			questdb.AlterTable(trades, questdb.DropPartitionList{Partitions: []string{"2024-01-02"}})},
		{"dedup keys", questdb.AlterTable(trades, questdb.DedupEnable{Keys: []string{"ts"}}),
			questdb.AlterTable(trades, questdb.DedupEnable{Keys: []string{"ts", "sym"}})},
		{"table options", questdb.AlterTable(walReadings(), questdb.DedupEnable{Keys: []string{"ts"}}),
			questdb.AlterTable(bypassReadings(), questdb.DedupEnable{Keys: []string{"ts"}})},
		{"table option value", questdb.AlterTable(ddlReadings(questdb.DesignatedTimestamp("ts")), questdb.AddIndex{Column: "device"}),
			questdb.AlterTable(ddlReadings(questdb.DesignatedTimestamp("value")), questdb.AddIndex{Column: "device"})},
	}
	for _, p := range pairs {
		ka, oka := key(p.a)
		kb, okb := key(p.b)
		if !oka || !okb {
			t.Errorf("%s: not cacheable", p.name)
			continue
		}
		if ka == kb {
			t.Errorf("%s: one key for two statements", p.name)
		}
		again, _ := key(p.a)
		if again != ka {
			t.Errorf("%s: the key is not deterministic", p.name)
		}
	}
	where := questdb.AlterTable(trades, questdb.DropPartitionWhere{Cond: trades.C("ts").Lt("2024-01-01")})
	if _, ok := key(where); ok {
		t.Error("DROP PARTITION WHERE is cacheable, but writes its values into the text")
	}

	// Through a cache: the options decide validity, so a plan made for a WAL table
	// must not serve the same statement on a table that bypasses WAL.
	cache := compiler.NewCache(8)
	if _, _, err := cache.Prepare(d, questdb.AlterTable(walReadings(), questdb.DedupEnable{Keys: []string{"ts"}}), compiler.Options{}, nil); err != nil {
		t.Fatal(err)
	}
	_, _, err := cache.Prepare(d, questdb.AlterTable(bypassReadings(), questdb.DedupEnable{Keys: []string{"ts"}}), compiler.Options{}, nil)
	var ce *compiler.CompileError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "DEDUP needs a WAL table") {
		t.Errorf("DEDUP ENABLE on a table bypassing WAL: %v, want the CompileError", err)
	}
}

// walReadings and bypassReadings are one table declared as a WAL table and as one
// that bypasses WAL: the same name and columns, other options.
func walReadings() *ast.Table {
	return ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day), questdb.WAL())
}

func bypassReadings() *ast.Table {
	return ddlReadings(questdb.DesignatedTimestamp("ts"), questdb.PartitionBy(questdb.Day), questdb.BypassWAL())
}

// TestStatementsImmutable: AlterTable and CreateTableAs keep copies of the caller's
// lists, so changing them afterwards changes no statement.
func TestStatementsImmutable(t *testing.T) {
	d := questdb.Dialect()
	parts := []string{"2024-01-01"}
	s := questdb.AlterTable(ddlTrades(), questdb.DropPartitionList{Partitions: parts})
	parts[0] = "2099-01-01"
	p, err := d.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	if want := `ALTER TABLE "trades" DROP PARTITION LIST '2024-01-01'`; p.SQL != want {
		t.Errorf("got %s, want %s", p.SQL, want)
	}
	src := ddlReadings()
	opts := []ast.TableOption{questdb.DesignatedTimestamp("ts")}
	ctas := questdb.CreateTableAs("copy", ast.Select(src.Star()).From(src), opts...)
	opts[0] = questdb.PartitionBy(questdb.Day)
	if _, err := d.Compile(ctas); err != nil {
		t.Errorf("CreateTableAs follows its caller's slice: %v", err)
	}
}

// TestQuestDBIntegration creates, alters, truncates and drops a WAL table on the
// server STRATA_QUESTDB_URL names (questdb://admin:quest@host:8812/qdb), through
// lib/pq, checking QuestDB's own account of the table after each step.
func TestQuestDBIntegration(t *testing.T) {
	db := openQuestDB(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	d := questdb.Dialect()
	name := "strata_ddl_" + time.Now().UTC().Format("20060102150405")
	table := ast.NewTable(name,
		ast.Col("ts", types.DateTime),
		ast.Col("sym", questdb.Symbol),
		ast.Col("price", types.DoubleFloat),
		questdb.DesignatedTimestamp("ts"),
		questdb.PartitionBy(questdb.Day),
		questdb.WAL(),
		questdb.DedupUpsertKeys("ts", "sym"),
		questdb.SymbolOptions("sym", questdb.Capacity(256), questdb.Cache()))
	exec := func(n ast.Node) {
		t.Helper()
		p, err := d.Compile(n)
		if err != nil {
			t.Fatal(err)
		}
		args, err := p.Args(nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, p.SQL, args...); err != nil {
			t.Fatalf("%s: %v", p.SQL, err)
		}
	}
	exec(&ast.DropTableStmt{Table: table, IfExists: true})
	t.Cleanup(func() { db.ExecContext(context.Background(), `DROP TABLE IF EXISTS "`+name+`"`) }) //nolint:errcheck // best effort
	exec(ast.CreateTable(table))

	var wal, dedup bool
	var ts, partition string
	err := db.QueryRowContext(ctx, `SELECT designatedTimestamp, partitionBy, walEnabled, dedup FROM tables() WHERE table_name = $1`, name).
		Scan(&ts, &partition, &wal, &dedup)
	if err != nil {
		t.Fatal(err)
	}
	if ts != "ts" || partition != "DAY" || !wal || !dedup {
		t.Errorf("tables(): timestamp %q, partition %q, wal %v, dedup %v", ts, partition, wal, dedup)
	}

	day1 := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)
	day2 := day1.Add(24 * time.Hour)
	insert := ast.Insert(table).Columns(table.C("ts"), table.C("sym"), table.C("price")).
		Values(day1, "BTC", 1.5).Values(day1, "BTC", 2.5).Values(day2, "ETH", 3.0)
	exec(insert)
	waitRows(ctx, t, db, name, 2) // one row replaced by the upsert key

	exec(questdb.AlterTable(table, questdb.AddIndex{Column: "sym"}))
	exec(&ast.AlterTableStmt{Table: table, Action: ast.AddColumn{Column: ast.Col("venue", types.Text)}})
	exec(&ast.AlterTableStmt{Table: table, Action: ast.RenameColumn{From: "venue", To: "exchange"}})
	exec(&ast.AlterTableStmt{Table: table, Action: ast.DropColumn{Name: "exchange"}})
	exec(questdb.AlterTable(table, questdb.DedupDisable{}))
	exec(questdb.AlterTable(table, questdb.DedupEnable{Keys: []string{"ts", "sym"}}))
	exec(questdb.AlterTable(table, questdb.DropPartitionList{Partitions: []string{"2024-01-01"}}))
	waitRows(ctx, t, db, name, 1)
	exec(questdb.Truncate(table))
	waitRows(ctx, t, db, name, 0)
	exec(ast.DropTable(table))
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count() FROM tables() WHERE table_name = $1`, name).Scan(&n); err != nil || n != 0 {
		t.Errorf("after DROP TABLE: %d tables named %s (%v)", n, name, err)
	}
}

// openQuestDB opens the server STRATA_QUESTDB_URL names with lib/pq, or skips.
func openQuestDB(t *testing.T) *sql.DB {
	t.Helper()
	raw := os.Getenv("STRATA_QUESTDB_URL")
	if raw == "" {
		t.Skip("STRATA_QUESTDB_URL is not set: no QuestDB server to run against (e.g. questdb://admin:quest@127.0.0.1:8812/qdb)")
	}
	dsn := "postgres" + strings.TrimPrefix(raw, "questdb")
	if !strings.Contains(dsn, "sslmode=") {
		sep := "?"
		if strings.Contains(dsn, "?") {
			sep = "&"
		}
		dsn += sep + "sslmode=disable"
	}
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Ping(); err != nil {
		t.Fatalf("QuestDB at %s: %v", raw, err)
	}
	return db
}

// waitRows waits until the WAL table has applied its writes and holds want rows:
// WAL tables apply commits asynchronously.
func waitRows(ctx context.Context, t *testing.T, db *sql.DB, table string, want int) {
	t.Helper()
	var got int
	for delay := 10 * time.Millisecond; ; delay = min(2*delay, time.Second) {
		err := db.QueryRowContext(ctx, `SELECT count() FROM "`+table+`"`).Scan(&got)
		if err == nil && got == want {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%s holds %d rows, want %d (%v)", table, got, want, err)
		case <-time.After(delay):
		}
	}
}
