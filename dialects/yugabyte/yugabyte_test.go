package yugabyte_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects"
	"github.com/seed13bb6a42/strata/dialects/mysql"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/dialects/yugabyte"
	"github.com/seed13bb6a42/strata/types"
)

var update = flag.Bool("update", false, "rewrite the golden files with the current output")

// yb is a table-building shorthand: columns a (bigint), b (text), c (timestamptz),
// doc (jsonb), tags (text[]), plus the items given.
func yb(name string, items ...ast.TableItem) *ast.Table {
	base := []ast.TableItem{
		ast.Col("a", types.BigInteger, ast.NotNull()),
		ast.Col("b", types.Text, ast.NotNull()),
		ast.Col("c", types.DateTimeTZ, ast.NotNull()),
		ast.Col("doc", types.JSONType),
		ast.Col("tags", types.ArrayOf(types.Text)),
	}
	return ast.NewTable(name, append(base, items...)...)
}

// orders is the worked example of the documentation: a hash-sharded orders table.
var orders = ast.NewTable("orders",
	ast.Col("region", types.String(8), ast.NotNull()),
	ast.Col("customer_id", types.BigInteger, ast.NotNull()),
	ast.Col("placed", types.DateTimeTZ, ast.NotNull()),
	ast.Col("total", types.Decimal(12, 2), ast.NotNull()),
	ast.Col("note", types.JSONType),
	ast.PrimaryKeyOf("region", "customer_id", "placed"),
	ast.IndexOf("ix_orders_placed", "placed"),
	yugabyte.PrimaryKey(yugabyte.HashKey("region", "customer_id"), yugabyte.DescKey("placed")),
	yugabyte.SplitInto(16),
	yugabyte.IndexKey("ix_orders_placed", yugabyte.DescKey("placed")),
	yugabyte.IndexSplitAt("ix_orders_placed", []any{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}),
)

func createIndex(t *ast.Table, i int) ast.Node {
	return &ast.CreateIndexStmt{Table: t, Index: t.Indexes[i]}
}

// A goldenCase is one statement compiled on YugabyteDB (and, to show that other
// dialects ignore YugabyteDB's options, on PostgreSQL).
type goldenCase struct {
	name string
	d    *compiler.Dialect // nil: yugabyte.Dialect()
	node func() ast.Node
	// want is the kind of error the YugabyteDB compilation must give: "" for none,
	// "compile" for a *compiler.CompileError, "unsupported" for a *compiler.UnsupportedError.
	want string
}

var goldenCases = []goldenCase{
	// Sharding of primary keys.
	{name: "pk_hash_group_range_split_into", node: func() ast.Node { return ast.CreateTable(orders) }},
	{name: "pk_single_hash", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a"), yugabyte.PrimaryKey(yugabyte.HashKey("a")), yugabyte.SplitInto(8)))
	}},
	{name: "pk_prefix_keeps_default", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a", "b", "c"), yugabyte.PrimaryKey(yugabyte.HashKey("a"))))
	}},
	{name: "pk_range_split_at", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a", "b"),
			yugabyte.PrimaryKey(yugabyte.AscKey("a"), yugabyte.DescKey("b")),
			yugabyte.SplitAt([]any{-100}, []any{0, "it's"}, []any{1.5e3, yugabyte.MaxValue}, []any{int64(1) << 40, yugabyte.MinValue})))
	}},
	{name: "pk_default_split_into", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a"), yugabyte.SplitInto(3)))
	}},
	{name: "no_pk_split_into", node: func() ast.Node { return ast.CreateTable(yb("t", yugabyte.SplitInto(2))) }},
	{name: "no_options", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a", "b"), ast.UniqueOf("c")))
	}},
	{name: "named_pk_quoted_names", node: func() ast.Node {
		return &ast.CreateTableStmt{Naming: ast.DefaultNaming, Table: ast.NewSchemaTable("Sales", "Order Lines",
			ast.Col("Order ID", types.BigInteger), ast.Col("line", types.Integer),
			ast.PrimaryKeyOf("Order ID", "line"),
			yugabyte.PrimaryKey(yugabyte.HashKey("Order ID"), yugabyte.AscKey("line")),
			yugabyte.Tablespace("Fast Disks"), yugabyte.SplitInto(4))}
	}},
	// Placement.
	{name: "colocation_false", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a"), yugabyte.Colocation(false)))
	}},
	{name: "colocation_true_range", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a"), yugabyte.PrimaryKey(yugabyte.AscKey("a")), yugabyte.Colocation(true)))
	}},
	{name: "tablegroup", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a"), yugabyte.Tablegroup("orders_group")))
	}},
	{name: "tablespace_split_at", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("b"), yugabyte.PrimaryKey(yugabyte.AscKey("b")),
			yugabyte.Tablespace("us_east"), yugabyte.SplitAt([]any{"m"})))
	}},
	{name: "options_case_insensitive_names", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a"),
			ast.DialectOption("yugabyte", "Primary Key", "a hash"), ast.DialectOption("yugabyte", "SPLIT INTO", " 2 ")))
	}},
	// Indexes.
	{name: "index_range_split_at", node: func() ast.Node { return createIndex(orders, 0) }},
	{name: "index_hash_range_split_into", node: func() ast.Node {
		t := yb("t", ast.PrimaryKeyOf("a"), ast.IndexOf("ix_t_bc", "b", "c").AsUnique(),
			yugabyte.IndexKey("ix_t_bc", yugabyte.HashKey("b"), yugabyte.AscKey("c")),
			yugabyte.IndexSplitInto("ix_t_bc", 6), yugabyte.IndexTablespace("ix_t_bc", "ssd"))
		return createIndex(t, 0)
	}},
	{name: "index_partial_tablespace_split_where", node: func() ast.Node {
		t := yb("t", ast.PrimaryKeyOf("a"), ast.IndexOf("ix_t_c", "c").Partial(ast.T("t").C("b").Ne("x")),
			yugabyte.IndexKey("ix_t_c", yugabyte.AscKey("c")), yugabyte.IndexTablespace("ix_t_c", "ssd"),
			yugabyte.IndexSplitAt("ix_t_c", []any{time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)}))
		return createIndex(t, 0)
	}},
	{name: "index_hash_group", node: func() ast.Node {
		t := yb("t", ast.IndexOf("ix_t_abc", "a", "b", "c"), yugabyte.IndexKey("ix_t_abc", yugabyte.HashKey("a", "b")))
		return createIndex(t, 0)
	}},
	{name: "index_by_naming_convention", node: func() ast.Node {
		t := yb("t", ast.IndexOf("", "b"), yugabyte.IndexKey("ix_t_b", yugabyte.DescKey("b")))
		return &ast.CreateIndexStmt{Table: t, Index: t.Indexes[0], Naming: ast.DefaultNaming, IfNotExists: true}
	}},
	{name: "index_without_options", node: func() ast.Node {
		t := yb("t", ast.IndexOn("ix_t_lower", ast.IndexPart{Expr: ast.Lower(ast.T("t").C("b"))}, ast.IndexPart{Column: "c", Desc: true}))
		return createIndex(t, 0)
	}},
	{name: "index_gin_jsonb", node: func() ast.Node {
		return createIndex(yb("t", ast.IndexOf("ix_t_doc", "doc").WithMethod("gin")), 0)
	}},
	{name: "alter_add_primary_key", node: func() ast.Node {
		t := yb("t", yugabyte.PrimaryKey(yugabyte.HashKey("a"), yugabyte.AscKey("b")))
		return &ast.AlterTableStmt{Table: t, Action: ast.AddConstraint{Constraint: ast.PrimaryKeyOf("a", "b").Named("pk_t")}}
	}},
	{name: "drop_pk_pg15", node: func() ast.Node {
		return &ast.AlterTableStmt{Table: yb("t"), Action: ast.DropConstraint{Name: "pk_t", Kind: "pk"}}
	}},

	// Refusals: key column types.
	{name: "bad_pk_jsonb", want: "unsupported", node: func() ast.Node { return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a", "doc"))) }},
	{name: "bad_pk_array", want: "unsupported", node: func() ast.Node { return ast.CreateTable(yb("t", ast.PrimaryKeyOf("tags"))) }},
	{name: "bad_pk_interval", want: "unsupported", node: func() ast.Node {
		return ast.CreateTable(ast.NewTable("t", ast.Col("d", types.IntervalType, ast.PrimaryKey())))
	}},
	{name: "bad_unique_jsonb", want: "unsupported", node: func() ast.Node { return ast.CreateTable(yb("t", ast.UniqueOf("doc"))) }},
	{name: "bad_index_jsonb", want: "unsupported", node: func() ast.Node { return createIndex(yb("t", ast.IndexOf("ix", "doc")), 0) }},
	{name: "bad_index_inet", want: "unsupported", node: func() ast.Node {
		t := ast.NewTable("hosts", ast.Col("addr", &types.Type{Name: "inet"}), ast.IndexOf("ix_hosts_addr", "addr"))
		return createIndex(t, 0)
	}},
	{name: "bad_index_composite", want: "unsupported", node: func() ast.Node {
		t := ast.NewTable("people", ast.Col("home", &types.Type{Name: "address"}), ast.IndexOf("ix_people_home", "home"))
		return createIndex(t, 0)
	}},
	{name: "bad_index_expression_jsonb", want: "unsupported", node: func() ast.Node {
		t := yb("t", ast.IndexOn("ix", ast.IndexPart{Expr: ast.Cast(ast.T("t").C("b"), types.JSONType)}))
		return createIndex(t, 0)
	}},
	// Refusals: combinations YugabyteDB rejects.
	{name: "bad_split_into_range_pk", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a"), yugabyte.PrimaryKey(yugabyte.AscKey("a")), yugabyte.SplitInto(4)))
	}},
	{name: "bad_split_at_hash_pk", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a"), yugabyte.SplitAt([]any{10})))
	}},
	{name: "bad_split_at_without_pk", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", yugabyte.SplitAt([]any{10})))
	}},
	{name: "bad_split_into_and_at", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a"), yugabyte.SplitInto(2), yugabyte.SplitAt([]any{1})))
	}},
	{name: "bad_split_row_too_long", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a"), yugabyte.PrimaryKey(yugabyte.AscKey("a")), yugabyte.SplitAt([]any{1, 2})))
	}},
	{name: "bad_split_rows_repeat", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a"), yugabyte.PrimaryKey(yugabyte.AscKey("a")), yugabyte.SplitAt([]any{1}, []any{1})))
	}},
	{name: "bad_split_value_type", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("b"), yugabyte.PrimaryKey(yugabyte.AscKey("b")), yugabyte.SplitAt([]any{[]byte("x")})))
	}},
	{name: "bad_split_at_injection", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a"), yugabyte.PrimaryKey(yugabyte.AscKey("a")),
			ast.DialectOption("yugabyte", "split at", "(1)); DROP TABLE users; --")))
	}},
	{name: "bad_split_into_zero", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a"), yugabyte.SplitInto(0)))
	}},
	{name: "bad_colocation_and_tablegroup", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", yugabyte.Colocation(false), yugabyte.Tablegroup("g")))
	}},
	{name: "bad_tablegroup_and_tablespace", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", yugabyte.Tablegroup("g"), yugabyte.Tablespace("ts")))
	}},
	{name: "bad_split_in_tablegroup", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a"), yugabyte.PrimaryKey(yugabyte.AscKey("a")),
			yugabyte.Tablegroup("g"), yugabyte.SplitAt([]any{5})))
	}},
	{name: "bad_split_colocated", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a"), yugabyte.Colocation(true), yugabyte.SplitInto(2)))
	}},
	{name: "bad_hash_colocated", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a"), yugabyte.PrimaryKey(yugabyte.HashKey("a")), yugabyte.Colocation(true)))
	}},
	{name: "bad_hash_in_tablegroup", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a"), yugabyte.PrimaryKey(yugabyte.HashKey("a")), yugabyte.Tablegroup("g")))
	}},
	{name: "bad_colocation_value", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.DialectOption("yugabyte", "colocation", "sometimes")))
	}},
	// Refusals: key options that make no key.
	{name: "bad_key_not_leading_columns", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a", "b"), yugabyte.PrimaryKey(yugabyte.HashKey("b"))))
	}},
	{name: "bad_key_without_pk", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", yugabyte.PrimaryKey(yugabyte.HashKey("a"))))
	}},
	{name: "bad_key_hash_after_range", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a", "b"), yugabyte.PrimaryKey(yugabyte.AscKey("a"), yugabyte.HashKey("b"))))
	}},
	{name: "bad_key_range_group", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a", "b"), yugabyte.PrimaryKey(yugabyte.KeyPart{Columns: []string{"a", "b"}, Sharding: yugabyte.Asc})))
	}},
	{name: "bad_key_syntax", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a"), ast.DialectOption("yugabyte", "primary key", "a SIDEWAYS")))
	}},
	{name: "bad_key_column_twice", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a", "b"), ast.DialectOption("yugabyte", "primary key", "(a, a) HASH")))
	}},
	{name: "bad_unknown_option", want: "unsupported", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.DialectOption("yugabyte", "replication factor", "3")))
	}},
	{name: "bad_index_option_unknown_index", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", yugabyte.IndexSplitInto("ix_nowhere", 2)))
	}},
	{name: "bad_index_method_gist", want: "unsupported", node: func() ast.Node {
		return createIndex(yb("t", ast.IndexOf("ix_t_c", "c").WithMethod("gist")), 0)
	}},
	{name: "bad_index_key_on_expression", want: "compile", node: func() ast.Node {
		t := yb("t", ast.IndexOn("ix", ast.IndexPart{Expr: ast.Lower(ast.T("t").C("b"))}), yugabyte.IndexKey("ix", yugabyte.HashKey("b")))
		return createIndex(t, 0)
	}},
	{name: "bad_index_desc_conflict", want: "compile", node: func() ast.Node {
		t := yb("t", ast.IndexOn("ix", ast.IndexPart{Column: "c", Desc: true}), yugabyte.IndexKey("ix", yugabyte.AscKey("c")))
		return createIndex(t, 0)
	}},
	{name: "bad_index_split_into_range", want: "compile", node: func() ast.Node {
		t := yb("t", ast.IndexOf("ix", "c"), yugabyte.IndexKey("ix", yugabyte.AscKey("c")), yugabyte.IndexSplitInto("ix", 3))
		return createIndex(t, 0)
	}},
	{name: "bad_index_split_at_hash", want: "compile", node: func() ast.Node {
		return createIndex(yb("t", ast.IndexOf("ix", "c"), yugabyte.IndexSplitAt("ix", []any{1})), 0)
	}},
	{name: "bad_index_split_colocated", want: "compile", node: func() ast.Node {
		return createIndex(yb("t", ast.IndexOf("ix", "c"), yugabyte.Tablegroup("g"), yugabyte.IndexSplitAt("ix", []any{1})), 0)
	}},
	{name: "bad_index_hash_colocated", want: "compile", node: func() ast.Node {
		return createIndex(yb("t", ast.IndexOf("ix", "c"), yugabyte.Colocation(true), yugabyte.IndexKey("ix", yugabyte.HashKey("c"))), 0)
	}},
	{name: "bad_index_key_gin", want: "compile", node: func() ast.Node {
		return createIndex(yb("t", ast.IndexOf("ix", "doc").WithMethod("gin"), yugabyte.IndexKey("ix", yugabyte.HashKey("doc"))), 0)
	}},
	{name: "bad_drop_pk_pg11", want: "unsupported", d: yugabyte.New("PostgreSQL 11.2-YB-2.20.1.0-b0 on x86_64-pc-linux-gnu"), node: func() ast.Node {
		return &ast.AlterTableStmt{Table: yb("t"), Action: ast.DropConstraint{Name: "pk_t", Kind: "pk"}}
	}},

	// A column added by ALTER TABLE is a key column too (its type was not checked).
	{name: "alter_add_unique_text", node: func() ast.Node {
		return &ast.AlterTableStmt{Table: yb("t"), Action: ast.AddColumn{Column: ast.Col("code", types.Text, ast.Unique())}}
	}},
	{name: "bad_alter_add_unique_interval", want: "unsupported", node: func() ast.Node {
		return &ast.AlterTableStmt{Table: yb("t"), Action: ast.AddColumn{Column: ast.Col("iv", types.IntervalType, ast.Unique())}}
	}},
	{name: "bad_alter_add_pk_jsonb", want: "unsupported", node: func() ast.Node {
		return &ast.AlterTableStmt{Table: yb("t"), Action: ast.AddColumn{Column: ast.Col("j", types.JSONType, ast.PrimaryKey())}}
	}},
	{name: "bad_alter_add_unique_text_array", want: "unsupported", node: func() ast.Node {
		return &ast.AlterTableStmt{Table: yb("t"), Action: ast.AddColumn{Column: ast.Col("labels", types.ArrayOf(types.Text), ast.Unique())}}
	}},
	// Generated columns: PostgreSQL 15 based releases only.
	{name: "generated_pg15", node: func() ast.Node {
		return ast.CreateTable(ast.NewTable("t", ast.Col("a", types.Integer), ast.Col("b", types.Integer, ast.GeneratedAs(ast.Mul(ast.T("t").C("a"), 2), true))))
	}},
	{name: "bad_generated_pg11", want: "unsupported", d: yugabyte.New("2.20.1.0"), node: func() ast.Node {
		return ast.CreateTable(ast.NewTable("t", ast.Col("a", types.Integer), ast.Col("b", types.Integer, ast.GeneratedAs(ast.Mul(ast.T("t").C("a"), 2), true))))
	}},
	{name: "bad_alter_add_generated_pg11", want: "unsupported", d: yugabyte.New("2024.2"), node: func() ast.Node {
		return &ast.AlterTableStmt{Table: ast.NewTable("t", ast.Col("a", types.Integer)),
			Action: ast.AddColumn{Column: ast.Col("b", types.Integer, ast.GeneratedAs(ast.Mul(ast.T("t").C("a"), 2), true))}}
	}},
	// Index options at CREATE INDEX name indexes of the table.
	{name: "bad_create_index_option_unknown_index", want: "compile", node: func() ast.Node {
		return createIndex(yb("t", ast.IndexOf("ix_t_c", "c"), yugabyte.IndexSplitInto("ix_t_cc", 4)), 0)
	}},
	// Options are given once each.
	{name: "bad_repeated_primary_key", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a"), yugabyte.PrimaryKey(yugabyte.HashKey("a")), yugabyte.PrimaryKey(yugabyte.AscKey("a"))))
	}},
	{name: "bad_repeated_tablespace", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", yugabyte.Tablespace("ssd"), ast.DialectOption("yugabyte", " TABLESPACE", "hdd")))
	}},
	{name: "bad_repeated_colocation", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", yugabyte.Colocation(true), yugabyte.Colocation(false)))
	}},
	{name: "bad_repeated_index_option", want: "compile", node: func() ast.Node {
		return createIndex(yb("t", ast.IndexOf("ix", "c"), yugabyte.IndexSplitInto("ix", 2), ast.DialectOption("yugabyte", "index ix SPLIT INTO", "4")), 0)
	}},
	{name: "options_of_two_indexes", node: func() ast.Node {
		return createIndex(yb("t", ast.IndexOf("ix1", "b"), ast.IndexOf("ix2", "c"), yugabyte.IndexSplitInto("ix1", 2), yugabyte.IndexSplitInto("ix2", 4)), 1)
	}},
	// Split values: times keep their offset's seconds, floats their own precision.
	{name: "split_at_offset_seconds_float32", node: func() ast.Node {
		lmt := time.FixedZone("LMT", 19*60+32)
		return ast.CreateTable(ast.NewTable("t", ast.Col("c", types.DateTimeTZ), ast.Col("f", types.Real), ast.Col("g", types.DoubleFloat),
			ast.PrimaryKeyOf("c", "f", "g"), yugabyte.PrimaryKey(yugabyte.AscKey("c"), yugabyte.AscKey("f"), yugabyte.AscKey("g")),
			yugabyte.SplitAt([]any{time.Date(1900, 1, 1, 0, 0, 0, 0, lmt), float32(0.1), 0.1},
				[]any{time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("", -(5*3600+30*60))), float32(1e-7), float64(float32(0.1))})))
	}},
	{name: "bad_split_at_year_zero", want: "compile", node: func() ast.Node {
		return ast.CreateTable(ast.NewTable("t", ast.Col("c", types.DateTimeTZ), ast.PrimaryKeyOf("c"),
			yugabyte.PrimaryKey(yugabyte.AscKey("c")), yugabyte.SplitAt([]any{time.Date(-5, 3, 1, 0, 0, 0, 0, time.UTC)})))
	}},
	// The tablet count is a 32-bit integer.
	{name: "split_into_max", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a"), ast.DialectOption("yugabyte", "split into", "2147483647")))
	}},
	{name: "bad_split_into_too_many", want: "compile", node: func() ast.Node {
		return ast.CreateTable(yb("t", ast.PrimaryKeyOf("a"), ast.DialectOption("yugabyte", "split into", "99999999999")))
	}},
	{name: "bad_index_split_into_too_many", want: "compile", node: func() ast.Node {
		return createIndex(yb("t", ast.IndexOf("ix", "c"), ast.DialectOption("yugabyte", "index ix split into", "2147483648")), 0)
	}},
	// Dropping the primary key by name, without Kind, on PostgreSQL 11 based releases.
	{name: "bad_drop_pk_pg11_default_name", want: "unsupported", d: yugabyte.New("2.20"), node: func() ast.Node {
		return &ast.AlterTableStmt{Table: yb("t", ast.PrimaryKeyOf("a")), Action: ast.DropConstraint{Name: "t_pkey"}}
	}},
	{name: "bad_drop_pk_pg11_own_name", want: "unsupported", d: yugabyte.New("2.20"), node: func() ast.Node {
		return &ast.AlterTableStmt{Table: yb("t", ast.PrimaryKeyOf("a").Named("t_key")), Action: ast.DropConstraint{Name: "t_key"}}
	}},
	{name: "bad_drop_pk_pg11_convention_name", want: "unsupported", d: yugabyte.New("2.20"), node: func() ast.Node {
		return &ast.AlterTableStmt{Table: yb("t", ast.PrimaryKeyOf("a")), Naming: ast.DefaultNaming, Action: ast.DropConstraint{Name: "pk_t"}}
	}},
	{name: "drop_unique_pg11", d: yugabyte.New("2.20"), node: func() ast.Node {
		return &ast.AlterTableStmt{Table: yb("t", ast.PrimaryKeyOf("a")), Naming: ast.DefaultNaming, Action: ast.DropConstraint{Name: "uq_t_b"}}
	}},
}

func compileText(d *compiler.Dialect, n ast.Node) (string, error) {
	p, err := d.Compile(n)
	if err != nil {
		return "error: " + err.Error() + "\n", err
	}
	if len(p.Params) > 0 {
		return "", errors.New("a schema statement took bind parameters")
	}
	return p.SQL + "\n", nil
}

// TestGolden compares each case's SQL (or error) on YugabyteDB and PostgreSQL with
// testdata/<case>.golden; go test -update rewrites the files.
func TestGolden(t *testing.T) {
	seen := map[string]bool{}
	for _, gc := range goldenCases {
		path := filepath.Join("testdata", gc.name+".golden")
		seen[path] = true
		t.Run(gc.name, func(t *testing.T) {
			d := gc.d
			if d == nil {
				d = yugabyte.Dialect()
			}
			ybText, err := compileText(d, gc.node())
			checkErrKind(t, gc.want, err)
			again, _ := compileText(d, gc.node())
			if again != ybText {
				t.Errorf("compiling twice gave different output:\n%s\n%s", ybText, again)
			}
			pgText, _ := compileText(postgres.Dialect(), gc.node())
			got := "-- " + d.Name + " --\n" + ybText + "-- postgres --\n" + pgText
			if *update {
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
	if f := flag.Lookup("test.run"); f != nil && f.Value.String() != "" {
		return
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.golden"))
	for _, f := range files {
		if !seen[f] {
			if *update {
				os.Remove(f)
				continue
			}
			t.Errorf("%s has no case (run go test -update to remove it)", f)
		}
	}
}

func checkErrKind(t *testing.T, want string, err error) {
	t.Helper()
	var ce *compiler.CompileError
	var ue *compiler.UnsupportedError
	switch want {
	case "":
		if err != nil {
			t.Errorf("unexpected error: %v", err)
		}
	case "compile":
		if !errors.As(err, &ce) || ce.Dialect != yugabyte.Name {
			t.Errorf("got %T (%v), want a *compiler.CompileError of the yugabyte dialect", err, err)
		}
	case "unsupported":
		if !errors.As(err, &ue) || ue.Dialect != yugabyte.Name || ue.Construct == "" || ue.Hint == "" {
			t.Errorf("got %T (%v), want a *compiler.UnsupportedError naming yugabyte, the construct and what to do", err, err)
		}
	}
}

// TestOtherDialectsIgnoreOptions checks that YugabyteDB's options change nothing on
// the other dialects: they place data and change no result.
func TestOtherDialectsIgnoreOptions(t *testing.T) {
	plain := ast.NewTable("orders",
		ast.Col("region", types.String(8), ast.NotNull()),
		ast.Col("customer_id", types.BigInteger, ast.NotNull()),
		ast.Col("placed", types.DateTimeTZ, ast.NotNull()),
		ast.Col("total", types.Decimal(12, 2), ast.NotNull()),
		ast.Col("note", types.JSONType),
		ast.PrimaryKeyOf("region", "customer_id", "placed"),
		ast.IndexOf("ix_orders_placed", "placed"),
	)
	for _, d := range []*compiler.Dialect{postgres.Dialect(), sqlite.Dialect(), mysql.Dialect(), mysql.MariaDBDialect()} {
		for i, pair := range [][2]ast.Node{
			{ast.CreateTable(orders), ast.CreateTable(plain)},
			{createIndex(orders, 0), createIndex(plain, 0)},
		} {
			got, err := d.Compile(pair[0])
			if err != nil {
				t.Errorf("%s %d: %v", d.Name, i, err)
				continue
			}
			want, err := d.Compile(pair[1])
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want.SQL, got.SQL); diff != "" {
				t.Errorf("%s %d: YugabyteDB options changed the SQL (-without +with):\n%s", d.Name, i, diff)
			}
		}
	}
}

func TestParseVersion(t *testing.T) {
	tests := []struct {
		in   string
		pg   string
		yb   compiler.Version
		pg12 bool // CTE [NOT] MATERIALIZED and generated columns (PostgreSQL 12)
	}{
		{"", "15.2", compiler.Version{}, true},
		{"PostgreSQL 15.2-YB-2025.1.0.0-b0 on x86_64-pc-linux-gnu, compiled by clang", "15.2", compiler.Version{Major: 2025, Minor: 1}, true},
		{"PostgreSQL 11.2-YB-2.20.1.0-b0 on x86_64-pc-linux-gnu", "11.2", compiler.Version{Major: 2, Minor: 20, Patch: 1}, false},
		{"PostgreSQL 11.2-YB-2024.2.3.0-b0", "11.2", compiler.Version{Major: 2024, Minor: 2, Patch: 3}, false},
		{"2.25.0.0", "15.2", compiler.Version{Major: 2, Minor: 25}, true},
		{"2.20", "11.2", compiler.Version{Major: 2, Minor: 20}, false},
		{"2025.2.1.0", "15.2", compiler.Version{Major: 2025, Minor: 2, Patch: 1}, true},
		{"2024.2", "11.2", compiler.Version{Major: 2024, Minor: 2}, false},
		{"11.2", "11.2", compiler.Version{}, false},
		{"nonsense", "15.2", compiler.Version{}, true},
	}
	for _, tt := range tests {
		v := yugabyte.ParseVersion(tt.in)
		if v.PG != tt.pg || v.YB != tt.yb {
			t.Errorf("ParseVersion(%q) = %+v, want PG %s, YB %v", tt.in, v, tt.pg, tt.yb)
		}
		d := yugabyte.New(tt.in)
		if d.Name != "yugabyte" || d.Version != tt.pg || d.Has(compiler.CTEMaterialized) != tt.pg12 {
			t.Errorf("New(%q): name %s, version %q, CTE MATERIALIZED %v; want yugabyte, %q, %v",
				tt.in, d.Name, d.Version, d.Has(compiler.CTEMaterialized), tt.pg, tt.pg12)
		}
		if d.HasDDL(compiler.ComputedColumns) != tt.pg12 {
			t.Errorf("New(%q): generated columns %v, want %v", tt.in, d.HasDDL(compiler.ComputedColumns), tt.pg12)
		}
		if d.HasDDL(compiler.TransactionalDDL) {
			t.Errorf("New(%q) claims transactional DDL", tt.in)
		}
	}
}

func TestRegistry(t *testing.T) {
	for _, name := range []string{"yugabyte", "yugabytedb"} {
		d, err := dialects.LookupVersion(name, "PostgreSQL 11.2-YB-2.20.1.0-b0")
		if err != nil {
			t.Fatal(err)
		}
		if d.Name != yugabyte.Name || d.Version != "11.2" {
			t.Errorf("LookupVersion(%q) = %s %s, want yugabyte 11.2", name, d.Name, d.Version)
		}
	}
	// The dialect keeps PostgreSQL's query features and wire conventions.
	d, pg := yugabyte.Dialect(), postgres.New("15.2")
	if d.Features != pg.Features || d.Placeholder != pg.Placeholder || d.MaxIdentLen != pg.MaxIdentLen {
		t.Errorf("yugabyte differs from PostgreSQL 15 in features or wire conventions")
	}
	q := ast.Select(orders.C("region"), ast.Count()).From(orders).Where(orders.C("total").Gt(10)).GroupBy(orders.C("region"))
	a, err := d.Compile(q)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := pg.Compile(q)
	if a.SQL != b.SQL {
		t.Errorf("a query compiles differently:\n%s\n%s", a.SQL, b.SQL)
	}
}

func TestKeyNotation(t *testing.T) {
	tests := []struct {
		parts []yugabyte.KeyPart
		text  string
	}{
		{[]yugabyte.KeyPart{yugabyte.HashKey("a", "b"), yugabyte.DescKey("c")}, "(a, b) HASH, c DESC"},
		{[]yugabyte.KeyPart{yugabyte.HashKey("Order ID"), yugabyte.AscKey(`say "hi"`)}, `"Order ID" HASH, "say ""hi""" ASC`},
		{[]yugabyte.KeyPart{yugabyte.AscKey("hash"), yugabyte.DescKey("x1")}, "hash ASC, x1 DESC"},
	}
	for _, tt := range tests {
		if got := yugabyte.FormatKey(tt.parts); got != tt.text {
			t.Errorf("FormatKey = %q, want %q", got, tt.text)
		}
		back, err := yugabyte.ParseKey(tt.text)
		if err != nil {
			t.Errorf("ParseKey(%q): %v", tt.text, err)
			continue
		}
		if diff := cmp.Diff(tt.parts, back); diff != "" {
			t.Errorf("ParseKey(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
	for _, bad := range []string{"", "a", "a HASH,", "(a, b) ASC", "a ASC, b HASH", "(a, a) HASH", `"a HASH`, "a HASH b", "() HASH", "a HASH; DROP"} {
		if _, err := yugabyte.ParseKey(bad); err == nil {
			t.Errorf("ParseKey(%q) succeeded", bad)
		} else if !strings.Contains(err.Error(), "key") && !strings.Contains(err.Error(), "option value") {
			t.Errorf("ParseKey(%q): %v does not say what is wrong", bad, err)
		}
	}
}
