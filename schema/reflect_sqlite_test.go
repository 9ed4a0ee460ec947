package schema_test

import (
	"database/sql"
	"errors"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/internal/testdb"
	"github.com/seed13bb6a42/strata/schema"
	"github.com/seed13bb6a42/strata/types"
)

// sqliteCmp compares reflected tables: Column.From points back to the table.
var sqliteCmp = cmp.Options{
	cmpopts.IgnoreFields(ast.Column{}, "From"),
	cmpopts.IgnoreUnexported(ast.Table{}, ast.Column{}),
}

// The DDL below imitates what Strata's SQLite DDL writes (quoted names, comments as
// /*strata:comment "…"*/ after a column and /*strata:table-comment "…"*/ after the
// opening parenthesis), plus spellings only a hand-written schema has.
var sqliteSchemaDDL = []string{
	`CREATE TABLE "customers" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "email" VARCHAR(200) NOT NULL UNIQUE,
  "code" CHAR(4) CONSTRAINT "uq_customers_code" UNIQUE,
  "referrer" INTEGER REFERENCES "customers" ON DELETE SET DEFAULT,
  "name" TEXT COLLATE NOCASE /*strata:comment "display name, \"quoted\" *\/ and \u00fcn\u00ef"*/
)`,
	`CREATE INDEX "ix_customers_lower_email" ON "customers" (lower("email") DESC, "id")`,
	`CREATE UNIQUE INDEX "ux_customers_code" ON "customers" ("code") WHERE "code" IS NOT NULL`,

	`CREATE TABLE "orders" (/*strata:table-comment "Customer orders"*/
  "region" VARCHAR(8) NOT NULL /*strata:comment "sales region"*/,
  "number" INTEGER NOT NULL,
  "parent_region" VARCHAR(8),
  "parent_number" INTEGER,
  "customer_id" INTEGER NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'new' CONSTRAINT "ck_orders_status" CHECK ("status" IN ('new', 'paid')),
  "total" NUMERIC(12, 2) CHECK (total >= 0), -- a line comment
  CONSTRAINT "pk_orders" PRIMARY KEY ("region", "number"),
  CONSTRAINT "fk_orders_parent" FOREIGN KEY ("parent_region", "parent_number")
    REFERENCES "orders" ("region", "number") ON DELETE CASCADE ON UPDATE SET NULL,
  FOREIGN KEY ("customer_id") REFERENCES "customers" ("id") ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT "uq_orders_customer" UNIQUE ("customer_id", "number"),
  UNIQUE ("parent_region", "parent_number"),
  CONSTRAINT "ck_orders_total" CHECK ("total" < 1000000 AND ("region" <> ')' /* ( */))
)`,
	`CREATE INDEX "ix_orders_status" ON "orders" ("status" COLLATE NOCASE ASC, "total" DESC) WHERE status <> 'paid'`,
	`CREATE INDEX "ix_orders_sum" ON "orders" ((("total" + 1) * 2), "status") WHERE ((("total" > 0)))`,

	`CREATE TABLE "links" (
  "id" INTEGER PRIMARY KEY,
  "a" INTEGER REFERENCES "customers" ("id") ON UPDATE CASCADE NOT DEFERRABLE INITIALLY DEFERRED,
  "b" INTEGER CONSTRAINT "fk_links_b" REFERENCES "customers" ("id") DEFERRABLE INITIALLY IMMEDIATE NOT NULL,
  "c" INTEGER REFERENCES "customers" MATCH SIMPLE DEFERRABLE
)`,

	`CREATE TABLE "defaults" (
  "i" INTEGER DEFAULT 42,
  "neg" INTEGER DEFAULT -7,
  "hex" INTEGER DEFAULT 0x1F,
  "f" DOUBLE PRECISION DEFAULT 2.5,
  "e" REAL DEFAULT -1e3,
  "s" TEXT DEFAULT 'it''s',
  "b_true" BOOLEAN DEFAULT TRUE,
  "b_false" BOOLEAN DEFAULT FALSE,
  "b_one" BOOLEAN DEFAULT 1,
  "b_zero" BOOLEAN NOT NULL DEFAULT 0,
  "i_one" INTEGER DEFAULT 1,
  "n" TEXT DEFAULT NULL,
  "ts" DATETIME DEFAULT CURRENT_TIMESTAMP,
  "d" DATE DEFAULT CURRENT_DATE,
  "t" TIME DEFAULT CURRENT_TIME,
  "expr" TEXT DEFAULT (lower('ABC')),
  "paren" INTEGER DEFAULT ((5)),
  "blob" BLOB DEFAULT X'CAFE',
  "concat" TEXT DEFAULT ('a' || 'b')
)`,

	`CREATE TABLE "gen" (
  "a" INTEGER NOT NULL,
  "b" INTEGER GENERATED ALWAYS AS ((("a" * 2))) STORED,
  "c" TEXT AS (printf('%d)', "a")) VIRTUAL,
  "d" AS ("a" + 1)
)`,

	`CREATE TABLE "types" (
  "si" SMALLINT, "i" INTEGER, "i2" INT, "bi" BIGINT,
  "r" REAL, "dp" DOUBLE PRECISION, "db" DOUBLE, "fl" FLOAT,
  "n" NUMERIC(10, 2), "n0" NUMERIC, "dec" DECIMAL(8),
  "b" BOOLEAN,
  "vc" VARCHAR(80), "v0" VARCHAR, "ch" CHAR(3), "t" TEXT, "cl" CLOB,
  "dt" DATE, "tm" TIME, "tm3" TIME(3), "tmz" TIME WITH TIME ZONE,
  "ts" DATETIME, "ts2" TIMESTAMP, "ts6" TIMESTAMP(6), "tsz" TIMESTAMP WITH TIME ZONE,
  "iv" INTERVAL, "bl" BLOB, "j" JSON, "u" UUID,
  "none",
  "aff_int" UNSIGNED MEDIUM INTEGER, "aff_text" NATIVE VARYING TEXT, "aff_blob" BLOBBY,
  "aff_real" DOUBLE FLOAT, "aff_fp" FLOATING POINT, "aff_num" MONEY, "aff_string" STRING
)`,

	`CREATE TABLE "Odd ""Name""" (/*strata:table-comment "\u00d6dd t\u00e4ble"*/
  "Mixed Case" INTEGER PRIMARY KEY,
  "ünï" TEXT NOT NULL DEFAULT 'ü''s',
  "select" INTEGER REFERENCES "Odd ""Name""" ("Mixed Case"),
  [bracket] TEXT,
  ` + "`back``tick`" + ` TEXT /*strata:comment "a \"comment\""*/
)`,
	`CREATE INDEX "ix ""odd""" ON "Odd ""Name""" ("ünï", "select")`,

	`CREATE TABLE "kv" ("k" TEXT PRIMARY KEY, "v" BLOB)`,
	`CREATE TABLE "kv2" ("k" INTEGER NOT NULL, "v" TEXT, CONSTRAINT "pk_kv2" PRIMARY KEY ("k")) WITHOUT ROWID`,
	`CREATE TABLE "big" ("id" BIGINT PRIMARY KEY, "n" INTEGER)`,
	`CREATE TABLE "auto2" ("id" INTEGER, "n" INTEGER, PRIMARY KEY ("id" AUTOINCREMENT))`,
	`CREATE TABLE "late" ("a" INTEGER /*strata:comment "first"*/)`,
	`ALTER TABLE "late" ADD COLUMN "b" TEXT DEFAULT 'x' /*strata:comment "added later"*/`,

	`CREATE TABLE "tricky" ( -- a line comment, with (parens
  "a,b" TEXT DEFAULT 'x,y' CHECK ("a,b" IN ('x,y', ')(')) /* plain, ignored ) */,
  [c)d] INTEGER CONSTRAINT "pk tricky" PRIMARY KEY DESC ON CONFLICT ROLLBACK,
  "e" VARCHAR ( 10 ) NOT NULL ON CONFLICT FAIL UNIQUE ON CONFLICT IGNORE COLLATE "RTRIM"
    /*strata:comment "last, with ) and *\u002f"*/
)`,
	`CREATE INDEX "ix_tricky" ON "tricky" (substr("a,b", 1, 2), "e" DESC)`,
	`CREATE TABLE IF NOT EXISTS "ine" ("x" INT)`,
	`CREATE TABLE "strict_t" ("id" INTEGER PRIMARY KEY, "v" ANY, "w" TEXT NOT NULL) STRICT, WITHOUT ROWID`,

	`CREATE VIEW "active customers" AS SELECT "id", "email" FROM "customers" WHERE "referrer" IS NULL`,
	`CREATE VIEW "v2" ("a", "b") AS
  SELECT 1, 2`,
}

func sqliteOpen(t *testing.T, stmts ...string) (*sql.DB, *schema.Inspector) {
	t.Helper()
	db := testdb.Open(t, "sqlite")
	testdb.Exec(t, db, stmts...)
	in, err := schema.NewInspector(db, sqlite.Dialect())
	if err != nil {
		t.Fatal(err)
	}
	return db, in
}

func sqliteWantTables() []*ast.Table {
	return []*ast.Table{
		ast.NewTable(`Odd "Name"`,
			ast.Col("Mixed Case", types.Integer, ast.NotNull(), ast.AutoIncrement()),
			ast.Col("ünï", types.Text, ast.NotNull(), ast.ServerDefault("ü's")),
			ast.Col("select", types.Integer),
			ast.Col("bracket", types.Text),
			ast.Col("back`tick", types.Text, ast.Comment(`a "comment"`)),
			ast.PrimaryKeyOf("Mixed Case"),
			ast.ForeignKeyOf([]string{"select"}, `Odd "Name"`, "Mixed Case"),
			ast.IndexOf(`ix "odd"`, "ünï", "select"),
			ast.TableComment("Ödd täble"),
		),
		ast.NewTable("auto2",
			ast.Col("id", types.Integer, ast.NotNull(), ast.AutoIncrement()),
			ast.Col("n", types.Integer),
			ast.PrimaryKeyOf("id"),
		),
		ast.NewTable("big",
			ast.Col("id", types.BigInteger), // not the rowid: SQLite accepts NULL here
			ast.Col("n", types.Integer),
			ast.PrimaryKeyOf("id"),
		),
		ast.NewTable("customers",
			ast.Col("id", types.Integer, ast.NotNull(), ast.AutoIncrement()),
			ast.Col("email", types.String(200), ast.NotNull()),
			ast.Col("code", types.FixedChar(4)),
			ast.Col("referrer", types.Integer),
			ast.Col("name", types.Text, ast.Collation("NOCASE"), ast.Comment(`display name, "quoted" */ and ünï`)),
			ast.PrimaryKeyOf("id"),
			ast.UniqueOf("email"),
			ast.UniqueOf("code").Named("uq_customers_code"),
			ast.ForeignKeyOf([]string{"referrer"}, "customers", "id").OnDeleteDo(ast.SetDefault),
			ast.IndexOn("ix_customers_lower_email",
				ast.IndexPart{Expr: ast.Text(`lower("email")`), Desc: true},
				ast.IndexPart{Column: "id"}),
			ast.IndexOf("ux_customers_code", "code").AsUnique().Partial(ast.Text(`"code" IS NOT NULL`)),
		),
		ast.NewTable("defaults",
			ast.Col("i", types.Integer, ast.ServerDefault(int64(42))),
			ast.Col("neg", types.Integer, ast.ServerDefault(int64(-7))),
			ast.Col("hex", types.Integer, ast.ServerDefault(int64(31))),
			ast.Col("f", types.DoubleFloat, ast.ServerDefault(2.5)),
			ast.Col("e", types.Real, ast.ServerDefault(-1000.0)),
			ast.Col("s", types.Text, ast.ServerDefault("it's")),
			ast.Col("b_true", types.Bool, ast.ServerDefault(true)),
			ast.Col("b_false", types.Bool, ast.ServerDefault(false)),
			ast.Col("b_one", types.Bool, ast.ServerDefault(true)),
			ast.Col("b_zero", types.Bool, ast.NotNull(), ast.ServerDefault(false)),
			ast.Col("i_one", types.Integer, ast.ServerDefault(int64(1))),
			ast.Col("n", types.Text),
			ast.Col("ts", types.DateTime, ast.ServerDefault(ast.CurrentTimestamp())),
			ast.Col("d", types.DateType, ast.ServerDefault(ast.CurrentDate())),
			ast.Col("t", types.TimeType, ast.ServerDefault(ast.Text("CURRENT_TIME"))),
			ast.Col("expr", types.Text, ast.ServerDefault(ast.Text("lower('ABC')"))),
			ast.Col("paren", types.Integer, ast.ServerDefault(int64(5))),
			ast.Col("blob", types.Bytes, ast.ServerDefault([]byte{0xCA, 0xFE})),
			ast.Col("concat", types.Text, ast.ServerDefault(ast.Text("'a' || 'b'"))),
		),
		ast.NewTable("gen",
			ast.Col("a", types.Integer, ast.NotNull()),
			ast.Col("b", types.Integer, ast.GeneratedAs(ast.Text(`"a" * 2`), true)),
			ast.Col("c", types.Text, ast.GeneratedAs(ast.Text(`printf('%d)', "a")`), false)),
			ast.Col("d", nil, ast.GeneratedAs(ast.Text(`"a" + 1`), false)),
		),
		ast.NewTable("ine", ast.Col("x", types.Integer)),
		ast.NewTable("kv",
			ast.Col("k", types.Text),
			ast.Col("v", types.Bytes),
			ast.PrimaryKeyOf("k"),
		),
		ast.NewTable("kv2",
			ast.Col("k", types.Integer, ast.NotNull()), // WITHOUT ROWID: not the rowid
			ast.Col("v", types.Text),
			ast.PrimaryKeyOf("k").Named("pk_kv2"),
			ast.DialectOption("sqlite", "without rowid", ""),
		),
		ast.NewTable("late",
			ast.Col("a", types.Integer, ast.Comment("first")),
			ast.Col("b", types.Text, ast.ServerDefault("x"), ast.Comment("added later")),
		),
		ast.NewTable("links",
			ast.Col("id", types.Integer, ast.NotNull(), ast.AutoIncrement()),
			ast.Col("a", types.Integer),
			ast.Col("b", types.Integer, ast.NotNull()),
			ast.Col("c", types.Integer),
			ast.PrimaryKeyOf("id"),
			ast.ForeignKeyOf([]string{"a"}, "customers", "id").OnUpdateDo(ast.Cascade),
			ast.ForeignKeyOf([]string{"b"}, "customers", "id").Named("fk_links_b").AsDeferrable(false),
			ast.ForeignKeyOf([]string{"c"}, "customers", "id").AsDeferrable(false),
		),
		ast.NewTable("orders",
			ast.Col("region", types.String(8), ast.NotNull(), ast.Comment("sales region")),
			ast.Col("number", types.Integer, ast.NotNull()),
			ast.Col("parent_region", types.String(8)),
			ast.Col("parent_number", types.Integer),
			ast.Col("customer_id", types.Integer, ast.NotNull()),
			ast.Col("status", types.Text, ast.NotNull(), ast.ServerDefault("new")),
			ast.Col("total", types.Decimal(12, 2)),
			ast.PrimaryKeyOf("region", "number").Named("pk_orders"),
			ast.ForeignKeyOf([]string{"parent_region", "parent_number"}, "orders", "region", "number").
				Named("fk_orders_parent").OnDeleteDo(ast.Cascade).OnUpdateDo(ast.SetNull),
			ast.ForeignKeyOf([]string{"customer_id"}, "customers", "id").OnDeleteDo(ast.Restrict).AsDeferrable(true),
			ast.UniqueOf("customer_id", "number").Named("uq_orders_customer"),
			ast.UniqueOf("parent_region", "parent_number"),
			ast.CheckOf(ast.Text(`"status" IN ('new', 'paid')`)).Named("ck_orders_status"),
			ast.CheckOf(ast.Text(`total >= 0`)),
			ast.CheckOf(ast.Text(`"total" < 1000000 AND ("region" <> ')' /* ( */)`)).Named("ck_orders_total"),
			// The index's COLLATE NOCASE is not reflected.
			ast.IndexOn("ix_orders_status", ast.IndexPart{Column: "status"}, ast.IndexPart{Column: "total", Desc: true}).
				Partial(ast.Text(`status <> 'paid'`)),
			ast.IndexOn("ix_orders_sum",
				ast.IndexPart{Expr: ast.Text(`("total" + 1) * 2`)},
				ast.IndexPart{Column: "status"}).Partial(ast.Text(`"total" > 0`)),
			ast.TableComment("Customer orders"),
		),
		ast.NewTable("strict_t",
			ast.Col("id", types.Integer, ast.NotNull()),
			ast.Col("v", nil),
			ast.Col("w", types.Text, ast.NotNull()),
			ast.PrimaryKeyOf("id"),
			ast.DialectOption("sqlite", "strict", ""),
			ast.DialectOption("sqlite", "without rowid", ""),
		),
		ast.NewTable("tricky",
			ast.Col("a,b", types.Text, ast.ServerDefault("x,y")),
			ast.Col("c)d", types.Integer), // INTEGER PRIMARY KEY DESC is not the rowid
			ast.Col("e", types.String(10), ast.NotNull(), ast.Collation("RTRIM"),
				ast.Comment("last, with ) and */")),
			ast.PrimaryKeyOf("c)d").Named("pk tricky"),
			ast.UniqueOf("e"),
			ast.CheckOf(ast.Text(`"a,b" IN ('x,y', ')(')`)),
			ast.IndexOn("ix_tricky",
				ast.IndexPart{Expr: ast.Text(`substr("a,b", 1, 2)`)},
				ast.IndexPart{Column: "e", Desc: true}),
		),
		ast.NewTable("types",
			ast.Col("si", types.SmallInteger),
			ast.Col("i", types.Integer),
			ast.Col("i2", types.Integer),
			ast.Col("bi", types.BigInteger),
			ast.Col("r", types.Real),
			ast.Col("dp", types.DoubleFloat),
			ast.Col("db", types.DoubleFloat),
			ast.Col("fl", types.DoubleFloat),
			ast.Col("n", types.Decimal(10, 2)),
			ast.Col("n0", types.Decimal(0, 0)),
			ast.Col("dec", types.Decimal(8, 0)),
			ast.Col("b", types.Bool),
			ast.Col("vc", types.String(80)),
			ast.Col("v0", types.String(0)),
			ast.Col("ch", types.FixedChar(3)),
			ast.Col("t", types.Text),
			ast.Col("cl", types.Text),
			ast.Col("dt", types.DateType),
			ast.Col("tm", types.TimeType),
			ast.Col("tm3", &types.Type{Kind: types.Time, Precision: 3}),
			ast.Col("tmz", types.TimeWithZone),
			ast.Col("ts", types.DateTime),
			ast.Col("ts2", types.DateTime),
			ast.Col("ts6", types.TimestampP(6, false)),
			ast.Col("tsz", types.DateTimeTZ),
			ast.Col("iv", types.IntervalType),
			ast.Col("bl", types.Bytes),
			ast.Col("j", types.JSONType),
			ast.Col("u", types.UUIDType),
			ast.Col("none", nil),
			ast.Col("aff_int", types.Integer),
			ast.Col("aff_text", types.Text),
			ast.Col("aff_blob", types.Bytes),
			ast.Col("aff_real", types.DoubleFloat),
			ast.Col("aff_fp", types.Integer), // "POINT" has INT in it: integer affinity
			ast.Col("aff_num", types.Decimal(0, 0)),
			ast.Col("aff_string", types.Decimal(0, 0)), // SQLite's affinity rules: STRING is NUMERIC
		),
	}
}

func TestSQLiteReflectTable(t *testing.T) {
	_, in := sqliteOpen(t, sqliteSchemaDDL...)
	for _, want := range sqliteWantTables() {
		t.Run(want.Name, func(t *testing.T) {
			got, err := in.ReflectTable(t.Context(), "", want.Name)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, sqliteCmp); diff != "" {
				t.Errorf("ReflectTable(%q) mismatch (-want +got):\n%s", want.Name, diff)
			}
			if err := got.Validate(); err != nil {
				t.Errorf("reflected table does not validate: %v", err)
			}
		})
	}
}

func TestSQLiteReflectWholeSchema(t *testing.T) {
	_, in := sqliteOpen(t, sqliteSchemaDDL...)
	got, err := in.Reflect(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	want := &ast.MetaData{
		Tables: sqliteWantTables(),
		Views: []*ast.View{
			{Name: "active customers", Query: ast.Text(`SELECT "id", "email" FROM "customers" WHERE "referrer" IS NULL`)},
			{Name: "v2", Query: ast.Text("SELECT 1, 2")},
		},
	}
	if diff := cmp.Diff(want, got, sqliteCmp); diff != "" {
		t.Errorf("Reflect mismatch (-want +got):\n%s", diff)
	}
}

func TestSQLiteNames(t *testing.T) {
	_, in := sqliteOpen(t, sqliteSchemaDDL...)
	ctx := t.Context()

	def, err := in.DefaultSchema(ctx)
	if err != nil || def != "main" {
		t.Errorf("DefaultSchema = %q, %v; want main", def, err)
	}
	schemas, err := in.SchemaNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"main"}, schemas); diff != "" {
		t.Errorf("SchemaNames (-want +got):\n%s", diff)
	}

	wantTables := []string{`Odd "Name"`, "auto2", "big", "customers", "defaults", "gen", "ine", "kv", "kv2", "late", "links", "orders", "strict_t", "tricky", "types"}
	for _, s := range []string{"", "main"} {
		tables, err := in.TableNames(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wantTables, tables); diff != "" {
			t.Errorf("TableNames(%q) (-want +got):\n%s", s, diff)
		}
	}
	views, err := in.ViewNames(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"active customers", "v2"}, views); diff != "" {
		t.Errorf("ViewNames (-want +got):\n%s", diff)
	}
	for name, want := range map[string]bool{"customers": true, "sqlite_sequence": false, "v2": false, "nope": false} {
		if has, err := in.HasTable(ctx, "", name); err != nil || has != want {
			t.Errorf("HasTable(%q) = %v, %v; want %v", name, has, err, want)
		}
	}
	seqs, err := in.Sequences(ctx, "")
	if err != nil || seqs != nil {
		t.Errorf("Sequences = %v, %v; want nil", seqs, err)
	}
}

func TestSQLiteViewDefinition(t *testing.T) {
	_, in := sqliteOpen(t, sqliteSchemaDDL...)
	for name, want := range map[string]string{
		"active customers": `SELECT "id", "email" FROM "customers" WHERE "referrer" IS NULL`,
		"v2":               "SELECT 1, 2",
	} {
		got, err := in.ViewDefinition(t.Context(), "", name)
		if err != nil || got != want {
			t.Errorf("ViewDefinition(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
	// A view's columns reflect like a table's.
	v, err := in.ReflectTable(t.Context(), "", "active customers")
	if err != nil {
		t.Fatal(err)
	}
	want := ast.NewTable("active customers", ast.Col("id", types.Integer), ast.Col("email", types.String(200)))
	if diff := cmp.Diff(want, v, sqliteCmp); diff != "" {
		t.Errorf("ReflectTable(view) (-want +got):\n%s", diff)
	}
}

func TestSQLiteNotFound(t *testing.T) {
	_, in := sqliteOpen(t, sqliteSchemaDDL...)
	ctx := t.Context()
	checks := map[string]error{}
	_, checks["ReflectTable(missing)"] = in.ReflectTable(ctx, "", "missing")
	_, checks["ReflectTable(sqlite_master)"] = in.ReflectTable(ctx, "", "sqlite_master")
	_, checks["ViewDefinition(customers)"] = in.ViewDefinition(ctx, "", "customers")
	_, checks["ViewDefinition(missing)"] = in.ViewDefinition(ctx, "", "missing")
	_, checks["ReflectTable(nope.customers)"] = in.ReflectTable(ctx, "nope", "customers")
	_, checks["TableNames(nope)"] = in.TableNames(ctx, "nope")
	_, checks["ViewNames(nope)"] = in.ViewNames(ctx, "nope")
	for what, err := range checks {
		if !errors.Is(err, schema.ErrNotFound) {
			t.Errorf("%s: error %v does not wrap ErrNotFound", what, err)
		}
	}
}

func TestSQLiteNameCase(t *testing.T) {
	// SQLite resolves names without regard to ASCII case; the table keeps its own.
	_, in := sqliteOpen(t, sqliteSchemaDDL...)
	got, err := in.ReflectTable(t.Context(), "", "CUSTOMERS")
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "customers" {
		t.Errorf("ReflectTable(CUSTOMERS).Name = %q, want customers", got.Name)
	}
	got, err = in.ReflectTable(t.Context(), "", `ODD "nAME"`)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != `Odd "Name"` {
		t.Errorf(`ReflectTable(ODD "nAME").Name = %q, want Odd "Name"`, got.Name)
	}
}

// Attached databases and temp tables belong to one connection, so they are reflected
// through a *sql.Conn.
func TestSQLiteAttached(t *testing.T) {
	db, _ := sqliteOpen(t)
	ctx := t.Context()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	path := filepath.Join(t.TempDir(), "other.db")
	for _, stmt := range []string{
		`ATTACH DATABASE '` + path + `' AS "other ""db"""`,
		`CREATE TABLE "other ""db"""."parent" ("id" INTEGER PRIMARY KEY, "label" TEXT /*strata:comment "in other"*/)`,
		`CREATE TABLE "other ""db"""."child" ("id" INTEGER PRIMARY KEY, "p" INTEGER REFERENCES "parent" ON DELETE CASCADE)`,
		`CREATE INDEX "other ""db"""."ix_child_p" ON "child" ("p") WHERE "p" > 0`,
		`CREATE VIEW "other ""db"""."v" AS SELECT "p" FROM "child"`,
		`CREATE TEMP TABLE "scratch" ("x" TEXT NOT NULL)`,
	} {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	in, err := schema.NewInspector(conn, sqlite.Dialect())
	if err != nil {
		t.Fatal(err)
	}
	const other = `other "db"`
	schemas, err := in.SchemaNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"main", other}, schemas); diff != "" {
		t.Errorf("SchemaNames (-want +got):\n%s", diff)
	}
	if main, err := in.TableNames(ctx, ""); err != nil || len(main) != 0 {
		t.Errorf("TableNames(main) = %q, %v; want none", main, err)
	}
	got, err := in.Reflect(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	want := &ast.MetaData{
		Schema: other,
		Tables: []*ast.Table{
			ast.NewSchemaTable(other, "child",
				ast.Col("id", types.Integer, ast.NotNull(), ast.AutoIncrement()),
				ast.Col("p", types.Integer),
				ast.PrimaryKeyOf("id"),
				ast.ForeignKeyOf([]string{"p"}, "parent", "id").OnDeleteDo(ast.Cascade),
				ast.IndexOf("ix_child_p", "p").Partial(ast.Text(`"p" > 0`)),
			),
			ast.NewSchemaTable(other, "parent",
				ast.Col("id", types.Integer, ast.NotNull(), ast.AutoIncrement()),
				ast.Col("label", types.Text, ast.Comment("in other")),
				ast.PrimaryKeyOf("id"),
			),
		},
		Views: []*ast.View{{Schema: other, Name: "v", Query: ast.Text(`SELECT "p" FROM "child"`)}},
	}
	if diff := cmp.Diff(want, got, sqliteCmp); diff != "" {
		t.Errorf("Reflect(%q) (-want +got):\n%s", other, diff)
	}

	tmp, err := in.ReflectTable(ctx, "temp", "scratch")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ast.NewSchemaTable("temp", "scratch", ast.Col("x", types.Text, ast.NotNull())), tmp, sqliteCmp); diff != "" {
		t.Errorf("ReflectTable(temp.scratch) (-want +got):\n%s", diff)
	}
}

// Reflecting through a transaction runs every catalog query on its connection.
func TestSQLiteReflectInTx(t *testing.T) {
	db, _ := sqliteOpen(t, sqliteSchemaDDL...)
	tx, err := db.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(t.Context(), `CREATE TABLE "in_tx" ("id" INTEGER PRIMARY KEY, "o" TEXT REFERENCES "kv")`); err != nil {
		t.Fatal(err)
	}
	in, err := schema.NewInspector(tx, sqlite.Dialect())
	if err != nil {
		t.Fatal(err)
	}
	got, err := in.ReflectTable(t.Context(), "", "in_tx")
	if err != nil {
		t.Fatal(err)
	}
	want := ast.NewTable("in_tx",
		ast.Col("id", types.Integer, ast.NotNull(), ast.AutoIncrement()),
		ast.Col("o", types.Text),
		ast.PrimaryKeyOf("id"),
		ast.ForeignKeyOf([]string{"o"}, "kv", "k"),
	)
	if diff := cmp.Diff(want, got, sqliteCmp); diff != "" {
		t.Errorf("ReflectTable(in_tx) (-want +got):\n%s", diff)
	}
}
