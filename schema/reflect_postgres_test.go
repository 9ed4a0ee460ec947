package schema_test

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/internal/testdb"
	"github.com/seed13bb6a42/strata/schema"
	"github.com/seed13bb6a42/strata/types"
)

// pgCmp compares reflected tables with declared ones: From points back at the table
// (a cycle cmp need not follow) and the unexported fields are caches.
var pgCmp = cmp.Options{
	cmpopts.IgnoreFields(ast.Column{}, "From"),
	cmpopts.IgnoreUnexported(ast.Table{}, ast.Column{}),
}

var pg = schema.PostgresReflector{}

// pgOpen returns an isolated PostgreSQL schema with stmts run in it.
func pgOpen(t *testing.T, stmts ...string) *sql.DB {
	t.Helper()
	db := testdb.Open(t, "postgres")
	testdb.Exec(t, db, stmts...)
	return db
}

func pgCurrentSchema(t *testing.T, db *sql.DB) string {
	t.Helper()
	var s string
	if err := db.QueryRowContext(t.Context(), `SELECT current_schema()`).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// pgTable reflects name from the default schema and compares it with want.
func pgTable(t *testing.T, q schema.Querier, want *ast.Table) {
	t.Helper()
	got, err := pg.Table(t.Context(), q, want.Schema, want.Name)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got, pgCmp); d != "" {
		t.Errorf("table %q reflected differently (-want +got):\n%s", want.Name, d)
	}
}

func TestPostgresRegistered(t *testing.T) {
	in, err := schema.NewInspector(nil, postgres.Dialect())
	if err != nil {
		t.Fatal(err)
	}
	if in.Dialect().Name != "postgres" {
		t.Errorf("dialect %q", in.Dialect().Name)
	}
}

func TestPostgresTypes(t *testing.T) {
	db := pgOpen(t,
		`CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')`,
		`ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok'`, // sort order, not creation order
		`CREATE TYPE "Odd Enum" AS ENUM ('a b', 'it''s', 'ünï')`,
		`CREATE DOMAIN posint AS integer CHECK (VALUE > 0)`,
		`CREATE DOMAIN short AS varchar(8)`,
		`CREATE TABLE everything (
			i2 smallint, i4 integer, i8 bigint, i4b int4, f4 real, f8 double precision, f float,
			num numeric, dec numeric(10, 2), dec0 decimal(7), b boolean,
			vc varchar, vc20 varchar(20), ch char(3), ch1 char, t text,
			d date, tm time, tm3 time(3), tmtz time with time zone, tmtz2 timetz(2),
			ts timestamp, ts0 timestamp(0), ts6 timestamp(6), tstz timestamptz, tstz3 timestamptz(3),
			iv interval, ivd interval day to second, iv3 interval(3),
			by bytea, j json, jb jsonb, u uuid,
			m mood, odd "Odd Enum",
			ia integer[], ta2 text[][], va varchar(5)[], ma mood[], tsa timestamp(2)[], na numeric(4,1)[],
			dom posint, doms short, doma posint[],
			ip inet, mon money
		)`)
	mood := types.Enum("mood", "sad", "meh", "ok", "happy")
	pgTable(t, db, ast.NewTable("everything",
		ast.Col("i2", types.SmallInteger),
		ast.Col("i4", types.Integer),
		ast.Col("i8", types.BigInteger),
		ast.Col("i4b", types.Integer),
		ast.Col("f4", types.Real),
		ast.Col("f8", types.DoubleFloat),
		ast.Col("f", types.DoubleFloat),
		ast.Col("num", types.Decimal(0, 0)),
		ast.Col("dec", types.Decimal(10, 2)),
		ast.Col("dec0", types.Decimal(7, 0)),
		ast.Col("b", types.Bool),
		ast.Col("vc", types.String(0)),
		ast.Col("vc20", types.String(20)),
		ast.Col("ch", types.FixedChar(3)),
		ast.Col("ch1", types.FixedChar(1)),
		ast.Col("t", types.Text),
		ast.Col("d", types.DateType),
		ast.Col("tm", types.TimeType),
		ast.Col("tm3", &types.Type{Kind: types.Time, Precision: 3}),
		ast.Col("tmtz", types.TimeWithZone),
		ast.Col("tmtz2", &types.Type{Kind: types.TimeTZ, Precision: 2}),
		ast.Col("ts", types.DateTime),
		ast.Col("ts0", types.TimestampP(0, false)),
		ast.Col("ts6", types.TimestampP(6, false)),
		ast.Col("tstz", types.DateTimeTZ),
		ast.Col("tstz3", types.TimestampP(3, true)),
		ast.Col("iv", types.IntervalType),
		ast.Col("ivd", types.IntervalType),
		ast.Col("iv3", types.IntervalType),
		ast.Col("by", types.Bytes),
		ast.Col("j", types.JSONType),
		ast.Col("jb", types.JSONType),
		ast.Col("u", types.UUIDType),
		ast.Col("m", mood),
		ast.Col("odd", types.Enum("Odd Enum", "a b", "it's", "ünï")),
		ast.Col("ia", types.ArrayOf(types.Integer)),
		ast.Col("ta2", types.ArrayOf(types.Text)),
		ast.Col("va", types.ArrayOf(types.String(5))),
		ast.Col("ma", types.ArrayOf(mood)),
		ast.Col("tsa", types.ArrayOf(types.TimestampP(2, false))),
		ast.Col("na", types.ArrayOf(types.Decimal(4, 1))),
		ast.Col("dom", types.Integer),
		ast.Col("doms", types.String(8)),
		ast.Col("doma", types.ArrayOf(types.Integer)),
		ast.Col("ip", &types.Type{Name: "inet"}),
		ast.Col("mon", &types.Type{Name: "money"}),
	))
}

func TestPostgresKeys(t *testing.T) {
	db := pgOpen(t)
	other := pgCurrentSchema(t, db) + "_other"
	testdb.Exec(t, db, `CREATE SCHEMA `+other)
	t.Cleanup(func() {
		if _, err := db.ExecContext(context.Background(), `DROP SCHEMA `+other+` CASCADE`); err != nil {
			t.Errorf("dropping %s: %v", other, err)
		}
	})
	testdb.Exec(t, db,
		`CREATE TABLE `+other+`.target (id int PRIMARY KEY, up int REFERENCES `+other+`.target)`,
		`CREATE TABLE parent (a int, b text, PRIMARY KEY (a, b))`,
		`CREATE TABLE node (
			id int CONSTRAINT node_pk PRIMARY KEY,
			parent_id int REFERENCES node ON DELETE CASCADE,
			pa int, pb text, ext int, code text UNIQUE, x int NOT NULL, y int,
			CONSTRAINT node_parent_fk FOREIGN KEY (pa, pb) REFERENCES parent (a, b)
				ON UPDATE SET NULL ON DELETE SET DEFAULT DEFERRABLE INITIALLY DEFERRED,
			CONSTRAINT uq_yx UNIQUE (y, x),
			CONSTRAINT ext_fk FOREIGN KEY (ext) REFERENCES `+other+`.target (id)
				ON DELETE RESTRICT ON UPDATE NO ACTION DEFERRABLE,
			CONSTRAINT positive CHECK (x > 0),
			CHECK (x < y AND code <> 'none'),
			CONSTRAINT "later" CHECK (y IS NOT NULL) NOT VALID
		)`,
		// a foreign key whose columns are in another order than the referenced key's
		`CREATE TABLE swapped (b text, a int, FOREIGN KEY (b, a) REFERENCES parent (b, a) ON UPDATE CASCADE)`,
		`ALTER TABLE parent ADD UNIQUE (b, a)`)

	pgTable(t, db, ast.NewTable("parent",
		ast.Col("a", types.Integer, ast.NotNull()),
		ast.Col("b", types.Text, ast.NotNull()),
		ast.PrimaryKeyOf("a", "b").Named("parent_pkey"),
		ast.UniqueOf("b", "a").Named("parent_b_a_key"),
	))
	pgTable(t, db, ast.NewTable("node",
		ast.Col("id", types.Integer, ast.NotNull()),
		ast.Col("parent_id", types.Integer),
		ast.Col("pa", types.Integer),
		ast.Col("pb", types.Text),
		ast.Col("ext", types.Integer),
		ast.Col("code", types.Text),
		ast.Col("x", types.Integer, ast.NotNull()),
		ast.Col("y", types.Integer),
		ast.PrimaryKeyOf("id").Named("node_pk"),
		ast.ForeignKeyOf([]string{"ext"}, "target", "id").Named("ext_fk").InSchema(other).
			OnDeleteDo(ast.Restrict).AsDeferrable(false),
		ast.ForeignKeyOf([]string{"pa", "pb"}, "parent", "a", "b").Named("node_parent_fk").
			OnUpdateDo(ast.SetNull).OnDeleteDo(ast.SetDefault).AsDeferrable(true),
		ast.ForeignKeyOf([]string{"parent_id"}, "node", "id").Named("node_parent_id_fkey").
			OnDeleteDo(ast.Cascade),
		ast.UniqueOf("code").Named("node_code_key"),
		ast.UniqueOf("y", "x").Named("uq_yx"),
		ast.CheckOf(ast.Text("y IS NOT NULL")).Named("later"),
		ast.CheckOf(ast.Text("x < y AND code <> 'none'::text")).Named("node_check"),
		ast.CheckOf(ast.Text("x > 0")).Named("positive"),
	))
	pgTable(t, db, ast.NewTable("swapped",
		ast.Col("b", types.Text),
		ast.Col("a", types.Integer),
		ast.ForeignKeyOf([]string{"b", "a"}, "parent", "b", "a").Named("swapped_b_a_fkey").
			OnUpdateDo(ast.Cascade),
	))
	// Reflected from its own schema, the self-reference needs no RefSchema.
	pgTable(t, db, ast.NewSchemaTable(other, "target",
		ast.Col("id", types.Integer, ast.NotNull()),
		ast.Col("up", types.Integer),
		ast.PrimaryKeyOf("id").Named("target_pkey"),
		ast.ForeignKeyOf([]string{"up"}, "target", "id").Named("target_up_fkey"),
	))
	// Named explicitly, the default schema reflects as itself; the references within
	// it still need no RefSchema.
	got, err := pg.Table(t.Context(), db, pgCurrentSchema(t, db), "swapped")
	if err != nil {
		t.Fatal(err)
	}
	if got.Schema != pgCurrentSchema(t, db) || got.ForeignKeys[0].RefSchema != "" {
		t.Errorf("schema %q, foreign key's %q", got.Schema, got.ForeignKeys[0].RefSchema)
	}
}

func TestPostgresIndexes(t *testing.T) {
	db := pgOpen(t,
		`CREATE TABLE doc (id int PRIMARY KEY, email text UNIQUE, score int, body jsonb, tags text[],
			deleted boolean, created timestamptz, CONSTRAINT uq_score UNIQUE (score, id))`,
		`CREATE INDEX ix_email_lower ON doc (lower(email))`,
		`CREATE UNIQUE INDEX ix_active_email ON doc (email) WHERE NOT deleted`,
		`CREATE INDEX ix_score_desc ON doc (score DESC, created)`,
		`CREATE INDEX ix_score_nulls ON doc (score DESC NULLS LAST)`,
		`CREATE INDEX ix_body ON doc USING gin (body jsonb_path_ops)`,
		`CREATE INDEX ix_tags ON doc USING gin (tags)`,
		`CREATE INDEX ix_created_brin ON doc USING brin (created)`,
		`CREATE INDEX ix_expr ON doc ((score + 1) DESC, (body ->> 'k'), id)
			WHERE score > 10 AND (email IS NOT NULL OR deleted)`,
		`CREATE INDEX ix_include ON doc (score) INCLUDE (email)`)
	pgTable(t, db, ast.NewTable("doc",
		ast.Col("id", types.Integer, ast.NotNull()),
		ast.Col("email", types.Text),
		ast.Col("score", types.Integer),
		ast.Col("body", types.JSONType),
		ast.Col("tags", types.ArrayOf(types.Text)),
		ast.Col("deleted", types.Bool),
		ast.Col("created", types.DateTimeTZ),
		ast.PrimaryKeyOf("id").Named("doc_pkey"),
		ast.UniqueOf("email").Named("doc_email_key"),
		ast.UniqueOf("score", "id").Named("uq_score"),
		ast.IndexOf("ix_active_email", "email").AsUnique().Partial(ast.Text("NOT deleted")),
		ast.IndexOf("ix_body", "body").WithMethod("gin"),
		ast.IndexOf("ix_created_brin", "created").WithMethod("brin"),
		ast.IndexOn("ix_email_lower", ast.IndexPart{Expr: ast.Text("lower(email)")}),
		ast.IndexOn("ix_expr",
			ast.IndexPart{Expr: ast.Text("score + 1"), Desc: true},
			ast.IndexPart{Expr: ast.Text("body ->> 'k'::text")},
			ast.IndexPart{Column: "id"},
		).Partial(ast.Text("score > 10 AND (email IS NOT NULL OR deleted)")),
		ast.IndexOf("ix_include", "score"),
		ast.IndexOn("ix_score_desc", ast.IndexPart{Column: "score", Desc: true}, ast.IndexPart{Column: "created"}),
		ast.IndexOn("ix_score_nulls", ast.IndexPart{Column: "score", Desc: true}),
		ast.IndexOf("ix_tags", "tags").WithMethod("gin"),
	))
}

func TestPostgresAutoIncrement(t *testing.T) {
	db := pgOpen(t,
		`CREATE SEQUENCE free_seq`,
		`CREATE TABLE ids (
			s serial, bs bigserial PRIMARY KEY, ss smallserial,
			idd int GENERATED BY DEFAULT AS IDENTITY,
			ida bigint GENERATED ALWAYS AS IDENTITY,
			idc bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 100 INCREMENT BY 5),
			ida2 int GENERATED ALWAYS AS IDENTITY (START 10),
			iddown int GENERATED BY DEFAULT AS IDENTITY (INCREMENT BY -1),
			idmin int GENERATED BY DEFAULT AS IDENTITY (MINVALUE 5),
			own int DEFAULT nextval('free_seq'),
			plus int DEFAULT nextval('free_seq') + 1,
			g numeric GENERATED ALWAYS AS (s * 2 + idd) STORED,
			h text GENERATED ALWAYS AS (lower(own::text || 'x')) STORED
		)`)
	pgTable(t, db, ast.NewTable("ids",
		ast.Col("s", types.Integer, ast.NotNull(), ast.AutoIncrement()),
		ast.Col("bs", types.BigInteger, ast.NotNull(), ast.AutoIncrement()),
		ast.Col("ss", types.SmallInteger, ast.NotNull(), ast.AutoIncrement()),
		ast.Col("idd", types.Integer, ast.NotNull(), ast.AutoIncrement()),
		ast.Col("ida", types.BigInteger, ast.NotNull(), ast.GeneratedIdentity(ast.Identity{Always: true})),
		ast.Col("idc", types.BigInteger, ast.NotNull(), ast.GeneratedIdentity(ast.Identity{Start: 100, Increment: 5})),
		ast.Col("ida2", types.Integer, ast.NotNull(), ast.GeneratedIdentity(ast.Identity{Always: true, Start: 10})),
		ast.Col("iddown", types.Integer, ast.NotNull(), ast.GeneratedIdentity(ast.Identity{Increment: -1})),
		// MINVALUE 5 starts at 5, the default for it: MINVALUE itself is lost
		ast.Col("idmin", types.Integer, ast.NotNull(), ast.AutoIncrement()),
		ast.Col("own", types.Integer, ast.ServerDefault(ast.Text("nextval('free_seq'::regclass)"))),
		ast.Col("plus", types.Integer, ast.ServerDefault(ast.Text("nextval('free_seq'::regclass) + 1"))),
		ast.Col("g", types.Decimal(0, 0), ast.GeneratedAs(ast.Text("s * 2 + idd"), true)),
		ast.Col("h", types.Text, ast.GeneratedAs(ast.Text("lower(own::text || 'x'::text)"), true)),
		ast.PrimaryKeyOf("bs").Named("ids_pkey"),
	))
	// The sequences the serial and identity columns own are theirs, not the schema's.
	seqs, err := pg.Sequences(t.Context(), db, "")
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]*ast.Sequence{{Name: "free_seq"}}, seqs); d != "" {
		t.Errorf("sequences (-want +got):\n%s", d)
	}
}

func TestPostgresDefaults(t *testing.T) {
	db := pgOpen(t,
		`CREATE TYPE mood AS ENUM ('sad', 'ok')`,
		`CREATE TABLE defs (
			a int DEFAULT 42, b int DEFAULT -5, c bigint DEFAULT 9000000000, c2 smallint DEFAULT 0,
			d numeric(10, 2) DEFAULT 1.50, e double precision DEFAULT -2.25, e2 real DEFAULT 0.5,
			f numeric DEFAULT 12345678901234567890.123, f2 double precision DEFAULT 1e300,
			g varchar(10) DEFAULT 'abc', h text DEFAULT 'it''s', h2 text DEFAULT '', h3 text DEFAULT 'a:b "c"',
			h4 char(2) DEFAULT 'x', h5 text DEFAULT '42',
			i boolean DEFAULT true, i2 boolean DEFAULT false,
			j timestamp DEFAULT now(), k timestamptz DEFAULT CURRENT_TIMESTAMP, l date DEFAULT CURRENT_DATE,
			m mood DEFAULT 'ok', n int[] DEFAULT '{}', o jsonb DEFAULT '{"a": 1}', iv interval DEFAULT '1 day',
			p text DEFAULT lower('ABC'), q uuid DEFAULT gen_random_uuid(), r int DEFAULT (1 + 2),
			s timestamp(3) DEFAULT LOCALTIMESTAMP, u text DEFAULT 'x' || 'y', v date DEFAULT '2020-01-02',
			w text DEFAULT E'back\\slash', x numeric DEFAULT -0.125, nn text DEFAULT NULL,
			by bytea DEFAULT '\x00ff', by0 bytea DEFAULT '', byt bytea DEFAULT 'abc'::text::bytea,
			ts timestamp DEFAULT '2020-01-02 03:04:05' 
		)`)
	pgTable(t, db, ast.NewTable("defs",
		ast.Col("a", types.Integer, ast.ServerDefault(42)),
		ast.Col("b", types.Integer, ast.ServerDefault(-5)),
		ast.Col("c", types.BigInteger, ast.ServerDefault(9000000000)),
		ast.Col("c2", types.SmallInteger, ast.ServerDefault(0)),
		ast.Col("d", types.Decimal(10, 2), ast.ServerDefault(1.5)),
		ast.Col("e", types.DoubleFloat, ast.ServerDefault(-2.25)),
		ast.Col("e2", types.Real, ast.ServerDefault(0.5)),
		ast.Col("f", types.Decimal(0, 0), ast.ServerDefault(ast.Text("12345678901234567890.123"))),
		ast.Col("f2", types.DoubleFloat, ast.ServerDefault(1e300)),
		ast.Col("g", types.String(10), ast.ServerDefault("abc")),
		ast.Col("h", types.Text, ast.ServerDefault("it's")),
		ast.Col("h2", types.Text, ast.ServerDefault("")),
		ast.Col("h3", types.Text, ast.ServerDefault(`a:b "c"`)),
		ast.Col("h4", types.FixedChar(2), ast.ServerDefault("x")),
		ast.Col("h5", types.Text, ast.ServerDefault("42")),
		ast.Col("i", types.Bool, ast.ServerDefault(true)),
		ast.Col("i2", types.Bool, ast.ServerDefault(false)),
		ast.Col("j", types.DateTime, ast.ServerDefault(ast.CurrentTimestamp())),
		ast.Col("k", types.DateTimeTZ, ast.ServerDefault(ast.CurrentTimestamp())),
		ast.Col("l", types.DateType, ast.ServerDefault(ast.CurrentDate())),
		ast.Col("m", types.Enum("mood", "sad", "ok"), ast.ServerDefault("ok")),
		ast.Col("n", types.ArrayOf(types.Integer), ast.ServerDefault("{}")),
		ast.Col("o", types.JSONType, ast.ServerDefault(`{"a": 1}`)),
		ast.Col("iv", types.IntervalType, ast.ServerDefault("1 day")),
		ast.Col("p", types.Text, ast.ServerDefault(ast.Text("lower('ABC'::text)"))),
		ast.Col("q", types.UUIDType, ast.ServerDefault(ast.Text("gen_random_uuid()"))),
		ast.Col("r", types.Integer, ast.ServerDefault(ast.Text("1 + 2"))),
		ast.Col("s", types.TimestampP(3, false), ast.ServerDefault(ast.Text("LOCALTIMESTAMP"))),
		ast.Col("u", types.Text, ast.ServerDefault(ast.Text("'x'::text || 'y'::text"))),
		ast.Col("v", types.DateType, ast.ServerDefault("2020-01-02")),
		ast.Col("w", types.Text, ast.ServerDefault(`back\slash`)),
		ast.Col("x", types.Decimal(0, 0), ast.ServerDefault(-0.125)),
		ast.Col("nn", types.Text),
		ast.Col("by", types.Bytes, ast.ServerDefault([]byte{0, 0xff})),
		ast.Col("by0", types.Bytes, ast.ServerDefault([]byte{})),
		ast.Col("byt", types.Bytes, ast.ServerDefault(ast.Text("'abc'::text::bytea"))),
		ast.Col("ts", types.DateTime, ast.ServerDefault("2020-01-02 03:04:05")), // in lib/pq's DateStyle ISO
	))
}

func TestPostgresCommentsAndCollation(t *testing.T) {
	db := pgOpen(t,
		`CREATE TABLE notes (id int, body text COLLATE "C", title varchar(10) COLLATE "POSIX",
			plain text COLLATE "default", tags text[] COLLATE "C", n int)`,
		`COMMENT ON TABLE notes IS 'Notes, with ''quotes'' and ünï'`,
		`COMMENT ON COLUMN notes.body IS 'the body'`,
		`COMMENT ON COLUMN notes.n IS ''`, // removes nothing there is
		`CREATE TABLE bare (id int)`)
	pgTable(t, db, ast.NewTable("notes",
		ast.Col("id", types.Integer),
		ast.Col("body", types.Text, ast.Collation("C"), ast.Comment("the body")),
		ast.Col("title", types.String(10), ast.Collation("POSIX")),
		ast.Col("plain", types.Text),
		ast.Col("tags", types.ArrayOf(types.Text), ast.Collation("C")),
		ast.Col("n", types.Integer),
		ast.TableComment("Notes, with 'quotes' and ünï"),
	))
	pgTable(t, db, ast.NewTable("bare", ast.Col("id", types.Integer)))
}

func TestPostgresOddNames(t *testing.T) {
	db := pgOpen(t,
		`CREATE TABLE "Odd ""Name""" (
			"Mixed Case" int PRIMARY KEY,
			"ünï" text UNIQUE,
			"select" int REFERENCES "Odd ""Name""" ("Mixed Case") ON DELETE SET NULL,
			"a.b" text DEFAULT 'it''s' CHECK ("a.b" <> 'x y'),
			"it's" int GENERATED ALWAYS AS ("select" * 2) STORED
		)`,
		`CREATE INDEX "ix ""q"" ünï" ON "Odd ""Name""" ("ünï" DESC, lower("a.b")) WHERE "select" > 0`,
		`COMMENT ON TABLE "Odd ""Name""" IS 'odd'`,
		`COMMENT ON COLUMN "Odd ""Name"""."Mixed Case" IS 'mixed'`,
		`CREATE TABLE "CamelCase" (a int)`,
		`CREATE TABLE camelcase (b int)`,
		`CREATE TABLE "with space" (c int)`)
	const odd = `Odd "Name"`
	pgTable(t, db, ast.NewTable(odd,
		ast.Col("Mixed Case", types.Integer, ast.NotNull(), ast.Comment("mixed")),
		ast.Col("ünï", types.Text),
		ast.Col("select", types.Integer),
		ast.Col("a.b", types.Text, ast.ServerDefault("it's")),
		ast.Col("it's", types.Integer, ast.GeneratedAs(ast.Text(`"select" * 2`), true)),
		ast.PrimaryKeyOf("Mixed Case").Named(odd+"_pkey"),
		ast.ForeignKeyOf([]string{"select"}, odd, "Mixed Case").Named(odd+"_select_fkey").OnDeleteDo(ast.SetNull),
		ast.UniqueOf("ünï").Named(odd+"_ünï_key"),
		ast.CheckOf(ast.Text(`"a.b" <> 'x y'::text`)).Named(odd+"_a.b_check"),
		ast.IndexOn(`ix "q" ünï`,
			ast.IndexPart{Column: "ünï", Desc: true},
			ast.IndexPart{Expr: ast.Text(`lower("a.b")`)},
		).Partial(ast.Text(`"select" > 0`)),
		ast.TableComment("odd"),
	))
	pgTable(t, db, ast.NewTable("CamelCase", ast.Col("a", types.Integer)))
	pgTable(t, db, ast.NewTable("camelcase", ast.Col("b", types.Integer)))
	pgTable(t, db, ast.NewTable("with space", ast.Col("c", types.Integer)))

	names, err := pg.TableNames(t.Context(), db, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"CamelCase", odd, "camelcase", "with space"}; !slices.Equal(names, want) {
		t.Errorf("TableNames = %q, want %q", names, want)
	}
	for _, name := range []string{"camelCase", "Odd Name", "odd \"name\"", "with  space", "\"CamelCase\""} {
		if _, err := pg.Table(t.Context(), db, "", name); !errors.Is(err, schema.ErrNotFound) {
			t.Errorf("Table(%q): %v, want ErrNotFound", name, err)
		}
	}
}

func TestPostgresNotFound(t *testing.T) {
	db := pgOpen(t, `CREATE TABLE t (a int)`, `CREATE VIEW v AS SELECT a FROM t`, `CREATE SEQUENCE s`)
	ctx := t.Context()
	for _, c := range []struct{ schema, name string }{
		{"", "missing"}, {"no_such_schema", "t"}, {"pg_catalog", "t"}, {"", "s"},
	} {
		_, err := pg.Table(ctx, db, c.schema, c.name)
		if !errors.Is(err, schema.ErrNotFound) {
			t.Errorf("Table(%q, %q): %v, want ErrNotFound", c.schema, c.name, err)
		} else if !strings.Contains(err.Error(), c.name) {
			t.Errorf("Table(%q, %q): %v does not name the table", c.schema, c.name, err)
		}
	}
	for _, name := range []string{"t", "missing", "s"} {
		if _, err := pg.ViewDefinition(ctx, db, "", name); !errors.Is(err, schema.ErrNotFound) {
			t.Errorf("ViewDefinition(%q): %v, want ErrNotFound", name, err)
		}
	}
	for _, f := range []func(context.Context, schema.Querier, string) ([]string, error){pg.TableNames, pg.ViewNames} {
		if names, err := f(ctx, db, "no_such_schema"); err != nil || names != nil {
			t.Errorf("names in a missing schema: %q, %v", names, err)
		}
	}
}

func TestPostgresNamesAndViews(t *testing.T) {
	db := pgOpen(t,
		`CREATE TABLE doc (id int PRIMARY KEY, email text, deleted boolean NOT NULL DEFAULT false)`,
		`CREATE TABLE b_part (id int, at date) PARTITION BY RANGE (at)`,
		`CREATE VIEW "Active Docs" AS SELECT id, email FROM doc WHERE NOT deleted`,
		`CREATE MATERIALIZED VIEW mv AS SELECT count(*) AS n FROM doc`,
		`CREATE SEQUENCE seq`)
	ctx := t.Context()
	cur := pgCurrentSchema(t, db)

	def, err := pg.DefaultSchema(ctx, db)
	if err != nil || def != cur {
		t.Errorf("DefaultSchema = %q, %v; want %q", def, err, cur)
	}
	schemas, err := pg.SchemaNames(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(schemas, cur) || !slices.IsSorted(schemas) {
		t.Errorf("SchemaNames = %q: want %q in it, sorted", schemas, cur)
	}
	for _, s := range schemas {
		if strings.HasPrefix(s, "pg_") || s == "information_schema" {
			t.Errorf("SchemaNames lists %q", s)
		}
	}
	for _, s := range []string{"", cur} {
		tables, err := pg.TableNames(ctx, db, s)
		if want := []string{"b_part", "doc"}; err != nil || !slices.Equal(tables, want) {
			t.Errorf("TableNames(%q) = %q, %v; want %q", s, tables, err, want)
		}
		views, err := pg.ViewNames(ctx, db, s)
		if want := []string{"Active Docs", "mv"}; err != nil || !slices.Equal(views, want) {
			t.Errorf("ViewNames(%q) = %q, %v; want %q", s, views, err, want)
		}
	}

	vdef, err := pg.ViewDefinition(ctx, db, "", "Active Docs")
	if err != nil {
		t.Fatal(err)
	}
	if want := "SELECT doc.id,\n    doc.email\n   FROM doc\n  WHERE NOT doc.deleted"; vdef != want {
		t.Errorf("ViewDefinition = %q, want %q", vdef, want)
	}
	// The definition is ready to follow CREATE VIEW … AS.
	testdb.Exec(t, db, `CREATE VIEW again AS `+vdef)
	mdef, err := pg.ViewDefinition(ctx, db, cur, "mv")
	if err != nil || mdef != "SELECT count(*) AS n\n   FROM doc" {
		t.Errorf("ViewDefinition(mv) = %q, %v", mdef, err)
	}
	// A view's columns reflect like a table's.
	pgTable(t, db, ast.NewTable("Active Docs", ast.Col("id", types.Integer), ast.Col("email", types.Text)))
	pgTable(t, db, ast.NewTable("b_part", ast.Col("id", types.Integer), ast.Col("at", types.DateType)))
}

func TestPostgresSequences(t *testing.T) {
	db := pgOpen(t,
		`CREATE SEQUENCE plain`,
		`CREATE SEQUENCE custom START 5 INCREMENT 3 MINVALUE 2 MAXVALUE 1000 CACHE 10 CYCLE`,
		`CREATE SEQUENCE down INCREMENT -1`,
		`CREATE SEQUENCE down_custom INCREMENT -2 MINVALUE -100 MAXVALUE -10 START -20`,
		`CREATE SEQUENCE small AS integer`,
		`CREATE SEQUENCE "Odd ""Seq"" ünï" MINVALUE 7`,
		`CREATE TABLE t (a int, b serial)`,
		`CREATE SEQUENCE owned OWNED BY t.a`) // owned but no column's default: the schema's
	seqs, err := pg.Sequences(t.Context(), db, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []*ast.Sequence{
		{Name: `Odd "Seq" ünï`, MinValue: 7},
		{Name: "custom", Start: 5, Increment: 3, MinValue: 2, MaxValue: 1000, Cache: 10, Cycle: true},
		{Name: "down", Increment: -1},
		{Name: "down_custom", Start: -20, Increment: -2, MinValue: -100, MaxValue: -10},
		{Name: "owned"},
		{Name: "plain"},
		{Name: "small", MaxValue: 2147483647},
	}
	if d := cmp.Diff(want, seqs); d != "" {
		t.Errorf("sequences (-want +got):\n%s", d)
	}
	cur := pgCurrentSchema(t, db)
	seqs, err = pg.Sequences(t.Context(), db, cur)
	if err != nil || len(seqs) != len(want) || seqs[0].Schema != cur {
		t.Errorf("Sequences(%q): %v, %v", cur, seqs, err)
	}
	if seqs, err := pg.Sequences(t.Context(), db, "no_such_schema"); err != nil || seqs != nil {
		t.Errorf("Sequences(no_such_schema) = %v, %v", seqs, err)
	}
}

// TestPostgresOneConnection reflects through a *sql.Conn and a *sql.Tx: every query's
// rows must be closed before the next (enum values, array elements) is sent.
func TestPostgresOneConnection(t *testing.T) {
	db := pgOpen(t,
		`CREATE TYPE mood AS ENUM ('a', 'b')`,
		`CREATE DOMAIN d AS mood[]`,
		`CREATE TABLE t (id serial PRIMARY KEY, m mood, ms mood[], d d, FOREIGN KEY (id) REFERENCES t, UNIQUE (m))`,
		`CREATE INDEX ix ON t ((id + 1))`)
	mood := types.Enum("mood", "a", "b")
	want := ast.NewTable("t",
		ast.Col("id", types.Integer, ast.NotNull(), ast.AutoIncrement()),
		ast.Col("m", mood),
		ast.Col("ms", types.ArrayOf(mood)),
		ast.Col("d", types.ArrayOf(mood)),
		ast.PrimaryKeyOf("id").Named("t_pkey"),
		ast.ForeignKeyOf([]string{"id"}, "t", "id").Named("t_id_fkey"),
		ast.UniqueOf("m").Named("t_m_key"),
		ast.IndexOn("ix", ast.IndexPart{Expr: ast.Text("id + 1")}),
	)
	conn, err := db.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	pgTable(t, conn, want)
	tx, err := db.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	pgTable(t, tx, want)
}

func TestPostgresInspectorReflect(t *testing.T) {
	db := pgOpen(t,
		`CREATE TYPE status AS ENUM ('new', 'done')`,
		`CREATE TABLE users (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
			email varchar(200) NOT NULL, CONSTRAINT uq_users_email UNIQUE (email))`,
		`CREATE TABLE tasks (id serial, owner bigint NOT NULL REFERENCES users ON DELETE CASCADE,
			st status NOT NULL DEFAULT 'new', due timestamptz(0), PRIMARY KEY (id))`,
		`CREATE INDEX ix_tasks_due ON tasks (due DESC) WHERE st = 'new'`,
		`COMMENT ON TABLE tasks IS 'to do'`,
		`CREATE SEQUENCE ticket START 1000`,
		`CREATE VIEW open_tasks AS SELECT id, due FROM tasks WHERE st = 'new'`)
	in, err := schema.NewInspector(db, postgres.Dialect())
	if err != nil {
		t.Fatal(err)
	}
	got, err := in.Reflect(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	status := types.Enum("status", "new", "done")
	want := &ast.MetaData{
		Tables: []*ast.Table{
			ast.NewTable("tasks",
				ast.Col("id", types.Integer, ast.NotNull(), ast.AutoIncrement()),
				ast.Col("owner", types.BigInteger, ast.NotNull()),
				ast.Col("st", status, ast.NotNull(), ast.ServerDefault("new")),
				ast.Col("due", types.TimestampP(0, true)),
				ast.PrimaryKeyOf("id").Named("tasks_pkey"),
				ast.ForeignKeyOf([]string{"owner"}, "users", "id").Named("tasks_owner_fkey").OnDeleteDo(ast.Cascade),
				ast.IndexOn("ix_tasks_due", ast.IndexPart{Column: "due", Desc: true}).
					Partial(ast.Text("st = 'new'::status")),
				ast.TableComment("to do"),
			),
			ast.NewTable("users",
				ast.Col("id", types.BigInteger, ast.NotNull(), ast.AutoIncrement()),
				ast.Col("email", types.String(200), ast.NotNull()),
				ast.PrimaryKeyOf("id").Named("users_pkey"),
				ast.UniqueOf("email").Named("uq_users_email"),
			),
		},
		Sequences: []*ast.Sequence{{Name: "ticket", Start: 1000}},
		Views: []*ast.View{{Name: "open_tasks", Query: ast.Text(
			"SELECT tasks.id,\n    tasks.due\n   FROM tasks\n  WHERE tasks.st = 'new'::status")}},
	}
	if d := cmp.Diff(want, got, pgCmp); d != "" {
		t.Errorf("Reflect (-want +got):\n%s", d)
	}
}

// TestPostgresEnumNames covers the enum listing CreateAll's CheckFirst relies on: the
// enum types of the schema only, sorted, names as stored.
func TestPostgresEnumNames(t *testing.T) {
	db := pgOpen(t,
		`CREATE TYPE mood AS ENUM ('sad', 'ok')`,
		`CREATE TYPE "Odd ""Enum""" AS ENUM ('a')`,
		`CREATE DOMAIN posint AS integer CHECK (VALUE > 0)`,
		`CREATE TYPE pair AS (a int, b int)`)
	got, err := pg.EnumNames(t.Context(), db, "")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{`Odd "Enum"`, "mood"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got, err := pg.EnumNames(t.Context(), db, "pg_catalog"); err != nil || len(got) != 0 {
		t.Errorf("pg_catalog: %q, %v", got, err)
	}
}
