package schema_test

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects/mysql"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/internal/testdb"
	"github.com/seed13bb6a42/strata/schema"
	"github.com/seed13bb6a42/strata/types"
)

// rtCol is a bare column reference for the expressions of a table's declaration
// (checks, generated columns, index expressions and predicates).
func rtCol(name string, t *types.Type) *ast.Column { return ast.Col(name, t) }

// rtOddTable is the table whose name has a space and both quote characters.
const rtOddTable = `line "item's"`

// rtMetaData returns the round trip's schema for dialect d: a common base of eleven
// tables that every server creates, plus the dialect's own additions where one
// portable MetaData cannot be created everywhere:
//
//   - PostgreSQL: an interval column, array columns (of integers, text and the enum),
//     a table with an identity column GENERATED ALWAYS, a GIN index, a partial unique
//     index and an expression index, a DEFERRABLE foreign key, and a sequence.
//   - SQLite: the partial and expression indexes and the DEFERRABLE foreign key.
//   - MariaDB: a prefix-length index (MySQL's own) and a sequence; MariaDB has neither
//     partial nor expression indexes, intervals, arrays nor deferred checks.
//
// One column's collation is named in each server's own terms (C, NOCASE, utf8mb4_bin).
func rtMetaData(d *compiler.Dialect) *ast.MetaData {
	pg, lite, maria := d.Name == "postgres", d.Name == "sqlite", d.Name == "mariadb"
	mood := types.Enum("mood", "sad", "ok", "happy")
	collation := map[string]string{"postgres": "C", "sqlite": "NOCASE", "mariadb": "utf8mb4_bin"}[d.Name]
	role := types.Enum("member_role", "owner", "member", "guest")

	// users: autoincrement key, self-referential foreign key, odd column names,
	// unnamed (column) and named unique constraints, defaults of every literal kind.
	users := []ast.TableItem{
		ast.Col("id", types.BigInteger, ast.PrimaryKey(), ast.AutoIncrement(), ast.Comment("the user's number")),
		ast.Col("email", types.String(200), ast.NotNull(), ast.Unique()),
		ast.Col("Mixed Case", types.String(50), ast.ServerDefault("Hello, 'World'")),
		ast.Col("ünï", types.Text, ast.Comment("ünïcödé ✓")),
		ast.Col("select", types.Integer, ast.NotNull(), ast.ServerDefault(0)),
		ast.Col("manager_id", types.BigInteger),
		ast.Col("active", types.Bool, ast.NotNull(), ast.ServerDefault(true)),
		ast.Col("created_at", types.DateTimeTZ, ast.NotNull(), ast.ServerDefault(ast.CurrentTimestamp())),
		ast.Col("score", types.DoubleFloat, ast.ServerDefault(1.5)),
		ast.Col("motto", types.String(60), ast.ServerDefault(`back\slash`), ast.Comment("two\nlines, a \\ and a 'quote'")),
		ast.ForeignKeyOf([]string{"manager_id"}, "users", "id").OnDeleteDo(ast.SetNull),
		ast.UniqueOf("Mixed Case", "ünï").Named("uq_users_names"),
		ast.CheckOf(ast.Like(rtCol("email", types.String(200)), "%@%")).Named("email_has_at"),
		ast.CheckOf(ast.Ge(rtCol("select", types.Integer), 0)),
		ast.CheckOf(ast.Or(ast.Eq(rtCol("active", types.Bool), true), ast.Eq(rtCol("select", types.Integer), 0))).Named("inactive_select_zero"),
		ast.IndexOn("ix_users_created", ast.IndexPart{Column: "created_at", Desc: true}, ast.IndexPart{Column: "id"}),
		ast.TableComment("people who log in"),
	}
	if !maria {
		users = append(users,
			ast.IndexOn("ix_users_email_lower", ast.IndexPart{Expr: ast.Lower(rtCol("email", types.String(200)))}).AsUnique())
	}

	// teams and memberships: a composite primary key, foreign-key actions, an enum.
	teams := ast.NewTable("teams",
		ast.Col("id", types.Integer, ast.PrimaryKey(), ast.AutoIncrement()),
		ast.Col("name", types.String(80), ast.NotNull()),
		ast.Col("code", types.FixedChar(4), ast.NotNull(), ast.Collation(collation)),
		// Virtual; lower(name), not lower(code): MariaDB refuses a CHAR column's value
		// in a stored generated column (it depends on PAD_CHAR_TO_FULL_LENGTH), and in
		// the cross-dialect round trip the column comes from PostgreSQL, which stored it.
		ast.Col("name_lower", types.String(80), ast.GeneratedAs(ast.Lower(rtCol("name", types.String(80))), false)),
		ast.UniqueOf("code"),
		ast.IndexOf("ix_teams_name", "name").AsUnique(),
	)
	memberships := ast.NewTable("memberships",
		ast.Col("user_id", types.BigInteger),
		ast.Col("team_id", types.Integer),
		ast.Col("role", role, ast.NotNull(), ast.ServerDefault("member")),
		ast.Col("joined", types.DateType, ast.ServerDefault(ast.CurrentDate())),
		ast.PrimaryKeyOf("user_id", "team_id"),
		ast.ForeignKeyOf([]string{"user_id"}, "users", "id").OnDeleteDo(ast.Cascade).OnUpdateDo(ast.Cascade),
		ast.ForeignKeyOf([]string{"team_id"}, "teams", "id").OnDeleteDo(ast.Cascade),
	)
	if d.HasDDL(compiler.DeferrableFKs) {
		// PostgreSQL and SQLite check this key at commit.
		memberships.ForeignKeys[1] = memberships.ForeignKeys[1].AsDeferrable(true)
	}

	// departments and employees reference each other: a cycle, broken with ALTER
	// TABLE … ADD CONSTRAINT where the dialect can.
	departments := ast.NewTable("departments",
		ast.Col("id", types.Integer, ast.PrimaryKey()),
		ast.Col("name", types.String(60), ast.NotNull(), ast.Unique()),
		ast.Col("head_id", types.Integer),
		ast.ForeignKeyOf([]string{"head_id"}, "employees", "id").OnDeleteDo(ast.SetNull),
	)
	employees := ast.NewTable("employees",
		ast.Col("id", types.Integer, ast.PrimaryKey()),
		ast.Col("department_id", types.Integer, ast.NotNull()),
		ast.Col("user_id", types.BigInteger),
		ast.ForeignKeyOf([]string{"department_id"}, "departments", "id").OnDeleteDo(ast.Restrict),
		ast.ForeignKeyOf([]string{"user_id"}, "users", "id").Named("employee_user"),
	)

	// all_types: every generic type.
	allTypes := []ast.TableItem{
		ast.Col("id", types.Integer, ast.PrimaryKey()),
		ast.Col("i2", types.SmallInteger),
		ast.Col("i4", types.Integer),
		ast.Col("i8", types.BigInteger),
		ast.Col("f4", types.Real),
		ast.Col("f8", types.DoubleFloat),
		ast.Col("num", types.Decimal(10, 2), ast.ServerDefault(0)),
		ast.Col("num2", types.Decimal(8, 3), ast.ServerDefault(2.5)),
		ast.Col("numx", types.Decimal(0, 0)),
		ast.Col("b", types.Bool, ast.ServerDefault(false)),
		ast.Col("vc", types.String(20)),
		ast.Col("vc0", types.String(0)),
		ast.Col("ch", types.FixedChar(3)),
		ast.Col("t", types.Text),
		ast.Col("d", types.DateType, ast.ServerDefault("2000-01-01")),
		ast.Col("tm", types.TimeType, ast.ServerDefault("12:30:00")),
		ast.Col("tmtz", types.TimeWithZone),
		ast.Col("ts", types.DateTime, ast.ServerDefault("2000-01-02 03:04:05")),
		ast.Col("ts3", types.TimestampP(3, false)),
		ast.Col("ts0", types.TimestampP(0, false), ast.ServerDefault("2000-01-02 03:04:05")),
		ast.Col("ts0now", types.TimestampP(0, true), ast.ServerDefault(ast.CurrentTimestamp())),
		ast.Col("tm3", &types.Type{Kind: types.Time, Precision: 3}, ast.ServerDefault("12:30:00")),
		ast.Col("tstz", types.DateTimeTZ),
		ast.Col("bin", types.Bytes, ast.ServerDefault([]byte{0, 'A', 0xff})),
		ast.Col("vbin", types.VarBinary(16)),
		ast.Col("j", types.JSONType, ast.ServerDefault(`{"a": [1, "x"]}`)),
		ast.Col("u", types.UUIDType),
		ast.Col("m", mood, ast.ServerDefault("ok")),
	}
	if maria {
		// Beyond MariaDB's 6 digits; PostgreSQL would reduce it to 6 as well, with a warning.
		allTypes = append(allTypes, ast.Col("ts9", types.TimestampP(9, false)))
	}
	if pg {
		allTypes = append(allTypes,
			ast.Col("iv", types.IntervalType),
			ast.Col("ia", types.ArrayOf(types.Integer)),
			ast.Col("ta", types.ArrayOf(types.Text)),
			ast.Col("ma", types.ArrayOf(mood)),
			ast.IndexOf("ix_all_types_ia", "ia").WithMethod("gin"),
		)
	}

	// orders: a generated column, checks, a named foreign key with actions.
	orders := []ast.TableItem{
		ast.Col("id", types.Integer, ast.PrimaryKey(), ast.AutoIncrement()),
		ast.Col("user_id", types.BigInteger, ast.NotNull()),
		ast.Col("qty", types.Integer, ast.NotNull(), ast.ServerDefault(int64(1))),
		ast.Col("price", types.Decimal(10, 2), ast.NotNull()),
		ast.Col("total", types.Decimal(12, 2), ast.GeneratedAs(ast.Mul(rtCol("qty", types.Integer), rtCol("price", types.Decimal(10, 2))), true)),
		ast.Col("status", types.String(20), ast.NotNull(), ast.ServerDefault("open")),
		ast.Col("note", types.String(200)),
		ast.CheckOf(ast.Or(ast.IsNull(rtCol("note", types.String(200))), ast.Ne(rtCol("note", types.String(200)), ""))).Named("note_not_empty"),
		ast.ForeignKeyOf([]string{"user_id"}, "users", "id").OnDeleteDo(ast.Cascade).Named("orders_user"),
		ast.CheckOf(ast.And(ast.Gt(rtCol("qty", types.Integer), 0), ast.Lt(rtCol("qty", types.Integer), 1000))).Named("qty_range"),
		ast.CheckOf(ast.Ge(rtCol("price", types.Decimal(10, 2)), 0)),
		ast.CheckOf(ast.In(rtCol("status", types.String(20)), "open", "paid", "void")),
		ast.CheckOf(ast.Or(
			ast.Eq(rtCol("status", types.String(20)), "void"),
			ast.And(ast.Gt(rtCol("qty", types.Integer), 0),
				ast.Lt(ast.Mul(ast.Add(rtCol("qty", types.Integer), 1), rtCol("price", types.Decimal(10, 2))), 100000)))).
			Named("order_limit"),
		ast.IndexOf("ix_orders_user", "user_id", "status"),
	}
	switch {
	case pg || lite:
		orders = append(orders,
			ast.IndexOf("ix_orders_open", "user_id").Partial(ast.Eq(rtCol("status", types.String(20)), "open")).AsUnique(),
			ast.IndexOn("ix_orders_status_upper", ast.IndexPart{Expr: ast.Upper(rtCol("status", types.String(20))), Desc: true}))
	case maria:
		orders = append(orders, ast.IndexOn("ix_orders_note", ast.IndexPart{Column: "note", Length: 10}))
	}

	// The odd table: a space and both quotes in its name, a composite key and a
	// composite foreign key target.
	odd := ast.NewTable(rtOddTable,
		ast.Col("order_id", types.Integer),
		ast.Col("line no", types.SmallInteger, ast.Comment(`the "line" number`)),
		ast.Col("product", types.FixedChar(8), ast.NotNull()),
		ast.Col("amount", types.Integer, ast.NotNull(), ast.ServerDefault(-1)),
		ast.PrimaryKeyOf("order_id", "line no"),
		ast.ForeignKeyOf([]string{"order_id"}, "orders", "id").OnDeleteDo(ast.Cascade),
		ast.UniqueOf("order_id", "product"),
		ast.CheckOf(ast.Ne(rtCol("amount", types.Integer), 0)),
		ast.CheckOf(ast.Gt(rtCol("line no", types.SmallInteger), 0)).Named(`line "no" positive`),
		ast.IndexOf("", "product"),
		ast.TableComment(`it's "odd"`),
	)
	// shipments: a composite foreign key onto the odd table.
	shipments := ast.NewTable("shipments",
		ast.Col("id", types.BigInteger, ast.PrimaryKey(), ast.AutoIncrement()),
		ast.Col("order_id", types.Integer, ast.NotNull()),
		ast.Col("line no", types.SmallInteger, ast.NotNull()),
		ast.Col("sent_at", types.DateTime),
		ast.ForeignKeyOf([]string{"order_id", "line no"}, rtOddTable, "order_id", "line no").OnDeleteDo(ast.Cascade).OnUpdateDo(ast.Restrict),
	)
	// audit_log: no foreign keys, JSON payload, a timestamp default.
	audit := ast.NewTable("audit_log",
		ast.Col("id", types.BigInteger, ast.PrimaryKey(), ast.AutoIncrement()),
		ast.Col("at", types.DateTime, ast.NotNull(), ast.ServerDefault(ast.Now())),
		ast.Col("payload", types.JSONType),
		ast.Col("actor", types.String(40), ast.ServerDefault("system")),
		ast.TableComment("append-only"),
	)

	// events: no primary key; a long name, whose constraint names the compiler
	// shortens to the dialect's limit (63 bytes on PostgreSQL, 64 on MariaDB).
	long := "events_recorded_by_the_audit_subsystem_for_later_replay"
	events := ast.NewTable(long,
		ast.Col("kind", types.String(30), ast.NotNull()),
		ast.Col("user_id_of_the_person_who_caused_it", types.BigInteger),
		ast.Col("at", types.DateTime),
		ast.ForeignKeyOf([]string{"user_id_of_the_person_who_caused_it"}, "users", "id"),
		ast.IndexOf("", "kind", "at"),
	)

	md := ast.NewMetaData(
		ast.NewTable("users", users...),
		teams, memberships, departments, employees,
		ast.NewTable("all_types", allTypes...),
		ast.NewTable("orders", orders...),
		odd, shipments, audit, events,
	)
	if pg {
		md = md.WithTables(ast.NewTable("pg_only",
			ast.Col("id", types.BigInteger, ast.GeneratedIdentity(ast.Identity{Always: true, Start: 100, Increment: 5}), ast.PrimaryKey()),
			ast.Col("tags", types.ArrayOf(types.String(20)), ast.NotNull()),
		))
	}
	if pg || maria {
		md = md.WithSequences(
			&ast.Sequence{Name: "invoice_numbers", Start: 1000, Increment: 10},
			&ast.Sequence{Name: "countdown", Increment: -1, MinValue: -50, MaxValue: 100, Cache: 5, Cycle: true})
	}
	return md
}

// rtServer is one database of the round trip.
type rtServer struct {
	server string // testdb.Open's name
	d      *compiler.Dialect
}

var rtServers = []rtServer{
	{"sqlite", sqlite.Dialect()},
	{"postgres", postgres.Dialect()},
	{"mysql", mysql.MariaDBDialect()}, // testdb's "mysql" is MariaDB 10.11
}

// rtCmp compares reflected tables with expected ones: From points back at the table,
// the unexported fields are caches, and SQL text is compared in NormalizeSQL's form
// (Expected writes it so already; reflection does not).
var rtCmp = cmp.Options{
	cmpopts.IgnoreFields(ast.Column{}, "From"),
	cmpopts.IgnoreUnexported(ast.Table{}, ast.Column{}),
	cmp.Transformer("NormalizeSQL", func(x *ast.TextClause) string { return schema.NormalizeSQL(x.SQL) }),
}

// rtDiff returns the differences between the expected and the reflected MetaData:
// the table names in order, each table field by field, and the sequences; or "".
func rtDiff(want, got *ast.MetaData) string {
	var b strings.Builder
	names := func(md *ast.MetaData) []string {
		var out []string
		for _, t := range md.Tables {
			out = append(out, t.Name)
		}
		return out
	}
	if d := cmp.Diff(names(want), names(got)); d != "" {
		fmt.Fprintf(&b, "tables, in order (-want +got):\n%s", d)
	}
	for _, w := range want.Tables {
		if g := got.Table(w.Name); g != nil {
			if d := cmp.Diff(w, g, rtCmp); d != "" {
				fmt.Fprintf(&b, "table %q (-want +got):\n%s", w.Name, d)
			}
		}
	}
	if d := cmp.Diff(want.Sequences, got.Sequences); d != "" {
		fmt.Fprintf(&b, "sequences (-want +got):\n%s", d)
	}
	return b.String()
}

// rtRecorder runs statements on a database and records the DDL it executes.
type rtRecorder struct {
	schema.Querier
	stmts []string
}

func (r *rtRecorder) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	r.stmts = append(r.stmts, query)
	return r.Querier.ExecContext(ctx, query, args...)
}

// rtReflect reflects the default schema of db.
func rtReflect(t *testing.T, db schema.Querier, d *compiler.Dialect) *ast.MetaData {
	t.Helper()
	in, err := schema.NewInspector(db, d)
	if err != nil {
		t.Fatal(err)
	}
	md, err := in.Reflect(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	return md
}

// rtNeeded records in needed the differences of d without which want would not
// match got: each listed difference must be needed by some round trip.
func rtNeeded(d *compiler.Dialect, md, got *ast.MetaData, needed map[string]bool) {
	for _, diff := range schema.Differences() {
		if diff.Dialect != "" && diff.Dialect != d.Name {
			continue
		}
		if rtDiff(schema.ExpectedExcept(d, md, diff.Name), got) != "" {
			needed[diff.Name] = true
		}
	}
}

// TestRoundTrip creates rtMetaData on each server with CreateAll, reflects it back and
// compares it, field by field, with Expected: the declaration with the documented
// differences of the dialect applied, and nothing else. It then checks that CreateAll
// with CheckFirst is idempotent, that the foreign-key cycle was closed with ALTER TABLE
// where the dialect can, and that DropAll undoes CreateAll in exact reverse order.
//
// Then the cross-dialect round trip: the PostgreSQL schema as reflected, less what
// only PostgreSQL has, with its expression text and identity column made portable
// (PortableText), is created on SQLite and on MariaDB, reflected again and compared
// with Expected for the target.
//
// Finally every listed difference must have been needed by one of these round trips.
func TestRoundTrip(t *testing.T) {
	needed := map[string]bool{}
	ran := 0
	var pgReflected *ast.MetaData
	for _, srv := range rtServers {
		t.Run(srv.d.Name, func(t *testing.T) {
			db := testdb.Open(t, srv.server)
			ctx, d := t.Context(), srv.d
			md := rtMetaData(d)
			check := schema.Options{CheckFirst: true}

			if err := schema.DropAll(ctx, db, d, md, check); err != nil {
				t.Fatalf("DropAll on an empty database: %v", err)
			}
			created := &rtRecorder{Querier: db}
			if err := schema.CreateAll(ctx, created, d, md, check); err != nil {
				t.Fatal(err)
			}
			got := rtReflect(t, db, d)
			if diff := rtDiff(schema.Expected(d, md), got); diff != "" {
				t.Fatalf("reflected schema differs from Expected:\n%s", diff)
			}
			rtNeeded(d, md, got, needed)
			if d.Name == "postgres" {
				pgReflected = got
			}

			t.Run("cycle", func(t *testing.T) { rtCheckCycle(t, d, created.stmts) })

			t.Run("create twice", func(t *testing.T) {
				again := &rtRecorder{Querier: db}
				if err := schema.CreateAll(ctx, again, d, md, check); err != nil {
					t.Fatalf("second CreateAll with CheckFirst: %v", err)
				}
				if len(again.stmts) != 0 {
					t.Errorf("second CreateAll with CheckFirst ran statements:\n%s", strings.Join(again.stmts, "\n"))
				}
				if diff := rtDiff(schema.Expected(d, md), rtReflect(t, db, d)); diff != "" {
					t.Errorf("after the second CreateAll:\n%s", diff)
				}
			})

			t.Run("drop", func(t *testing.T) {
				dropped := &rtRecorder{Querier: db}
				if err := schema.DropAll(ctx, dropped, d, md, check); err != nil {
					t.Fatal(err)
				}
				rtCheckReverse(t, d, md, created.stmts, dropped.stmts)
				rtCheckEmpty(t, db, d)
				if err := schema.DropAll(ctx, db, d, md, check); err != nil {
					t.Errorf("second DropAll with CheckFirst: %v", err)
				}
			})
			ran++
		})
	}

	for _, srv := range rtServers {
		if srv.d.Name == "postgres" {
			continue
		}
		t.Run("postgres to "+srv.d.Name, func(t *testing.T) {
			if pgReflected == nil {
				t.Skip("the PostgreSQL round trip did not run")
			}
			db := testdb.Open(t, srv.server)
			d := srv.d
			md, notes := schema.PortableText(rtWithoutPostgresOnly(pgReflected, d), postgres.Dialect(), d)
			var got []string
			for _, n := range notes {
				got = append(got, n.String())
			}
			want := []string{"pg_only.id: " + d.Name + " has no identity columns: the column is autoincrement, " +
				"which accepts explicit values and numbers from 1 by 1"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("PortableText's notes (-want +got):\n%s", diff)
			}
			if err := schema.CreateAll(t.Context(), db, d, md, schema.Options{}); err != nil {
				t.Fatal(err)
			}
			reflected := rtReflect(t, db, d)
			if diff := rtDiff(schema.Expected(d, md), reflected); diff != "" {
				t.Fatalf("reflected schema differs from Expected:\n%s", diff)
			}
			rtNeeded(d, md, reflected, needed)
			ran++
		})
	}

	t.Run("every difference needed", func(t *testing.T) {
		if ran != 5 {
			t.Skip("not every round trip ran")
		}
		for _, diff := range schema.Differences() {
			if !needed[diff.Name] {
				t.Errorf("difference %s is not needed by any round trip: remove it, or declare what needs it", diff)
			}
		}
	})
}

// rtWithoutPostgresOnly returns md less what dialect d cannot create: interval and
// array columns, the GIN index, collations (whose names are PostgreSQL's), and where
// the dialect has none, sequences, partial and expression indexes and DEFERRABLE (the
// foreign key stays, checked at once). The identity column GENERATED ALWAYS stays:
// PortableText makes it autoincrement.
func rtWithoutPostgresOnly(md *ast.MetaData, d *compiler.Dialect) *ast.MetaData {
	out := &ast.MetaData{Schema: md.Schema, Naming: md.Naming}
	if d.HasDDL(compiler.DDLSequences) {
		out.Sequences = md.Sequences
	}
	for _, t := range md.Tables {
		var items []ast.TableItem
		dropped := map[string]bool{}
		for _, c := range t.Columns {
			if k := types.Of(c.Type).Kind; k == types.Interval || k == types.Array {
				dropped[c.Name] = true
				continue
			}
			if c.Collation != "" {
				c = ast.Col(c.Name, c.Type)
				c.ColumnSchema = t.Column(c.Name).ColumnSchema
				c.Collation = "" // collation names are the server's own
			}
			items = append(items, c)
		}
		if t.PrimaryKey != nil {
			items = append(items, t.PrimaryKey)
		}
		for _, f := range t.ForeignKeys {
			if f.Deferrable && !d.HasDDL(compiler.DeferrableFKs) {
				f = f.Named(f.Name) // a copy
				f.Deferrable, f.InitiallyDeferred = false, false
			}
			items = append(items, f)
		}
		for _, u := range t.Uniques {
			items = append(items, u)
		}
		for _, k := range t.Checks {
			items = append(items, k)
		}
	indexes:
		for _, ix := range t.Indexes {
			if ix.Using != "" || ix.Where != nil && !d.HasDDL(compiler.PartialIndexes) {
				continue
			}
			for _, p := range ix.Columns {
				if dropped[p.Column] || p.Expr != nil && !d.HasDDL(compiler.ExpressionIndexes) {
					continue indexes
				}
			}
			items = append(items, ix)
		}
		for _, o := range t.Options {
			items = append(items, o)
		}
		out.Tables = append(out.Tables, ast.NewSchemaTable(t.Schema, t.Name, items...))
	}
	return out
}

// rtIdent matches one identifier as the dialects write it: quoted with " or `, or bare.
const rtIdent = "(\"(?:[^\"]|\"\")*\"|`(?:[^`]|``)*`|[^\\s(]+)"

// rtObject patterns name the objects that CreateAll creates and DropAll drops, so
// that the two orders can be compared: $1 (and $2) name the object.
var (
	rtCreates = []*regexp.Regexp{
		regexp.MustCompile(`^CREATE (TYPE) ` + rtIdent),
		regexp.MustCompile(`^CREATE (SEQUENCE) ` + rtIdent),
		regexp.MustCompile(`^CREATE (TABLE) ` + rtIdent),
		regexp.MustCompile(`^ALTER TABLE ` + rtIdent + ` ADD CONSTRAINT ` + rtIdent + ` FOREIGN KEY`),
	}
	rtDrops = []*regexp.Regexp{
		regexp.MustCompile(`^DROP (TYPE) IF EXISTS ` + rtIdent),
		regexp.MustCompile(`^DROP (SEQUENCE) IF EXISTS ` + rtIdent),
		regexp.MustCompile(`^DROP (TABLE) IF EXISTS ` + rtIdent),
		regexp.MustCompile(`^ALTER TABLE ` + rtIdent + ` DROP (?:CONSTRAINT|FOREIGN KEY) ` + rtIdent),
	}
)

// rtObjects returns the objects stmts create or drop, in order, as "TABLE name" or
// "table name" for the foreign key of an ALTER TABLE; other statements (indexes,
// comments) are left out.
func rtObjects(stmts []string, patterns []*regexp.Regexp) []string {
	var out []string
	for _, s := range stmts {
		for _, re := range patterns {
			if m := re.FindStringSubmatch(s); m != nil {
				out = append(out, m[1]+" "+m[2])
				break
			}
		}
	}
	return out
}

// rtCheckReverse checks that DropAll dropped what CreateAll created in exact reverse.
func rtCheckReverse(t *testing.T, d *compiler.Dialect, md *ast.MetaData, created, dropped []string) {
	t.Helper()
	want := rtObjects(created, rtCreates)
	tables := 0
	for _, o := range want {
		if strings.HasPrefix(o, "TABLE ") {
			tables++
		}
	}
	if tables != len(md.Tables) {
		t.Fatalf("found %d CREATE TABLE statements for %d tables in:\n%s", tables, len(md.Tables), strings.Join(created, "\n"))
	}
	slices.Reverse(want)
	if diff := cmp.Diff(want, rtObjects(dropped, rtDrops)); diff != "" {
		t.Errorf("DropAll is not the exact reverse of CreateAll (-reversed creation +drops):\n%s\ncreated:\n%s\ndropped:\n%s",
			diff, strings.Join(created, "\n"), strings.Join(dropped, "\n"))
	}
	if d.Name == "postgres" && !slices.ContainsFunc(dropped, func(s string) bool { return strings.HasPrefix(s, "DROP TYPE") }) {
		t.Error("DropAll dropped no enum type")
	}
}

// rtCheckEmpty checks that nothing CreateAll made is left: tables, sequences and, on
// PostgreSQL, enum types.
func rtCheckEmpty(t *testing.T, db *sql.DB, d *compiler.Dialect) {
	t.Helper()
	in, err := schema.NewInspector(db, d)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	if names, err := in.TableNames(ctx, ""); err != nil || len(names) > 0 {
		t.Errorf("tables left after DropAll: %q (%v)", names, err)
	}
	if seqs, err := in.Sequences(ctx, ""); err != nil || len(seqs) > 0 {
		t.Errorf("sequences left after DropAll: %v (%v)", seqs, err)
	}
	if d.Name == "postgres" {
		enums, err := schema.PostgresReflector{}.EnumNames(ctx, db, "")
		if err != nil || len(enums) > 0 {
			t.Errorf("enum types left after DropAll: %q (%v)", enums, err)
		}
	}
}

// rtCheckCycle checks how CreateAll closed the departments ⇄ employees cycle: with
// ALTER TABLE … ADD CONSTRAINT after both tables on PostgreSQL and MariaDB, inline on
// SQLite (which accepts references to tables created later).
func rtCheckCycle(t *testing.T, d *compiler.Dialect, created []string) {
	t.Helper()
	var alters []string
	for _, s := range created {
		if strings.HasPrefix(s, "ALTER TABLE") {
			alters = append(alters, s)
		}
	}
	if d.Name == "sqlite" {
		if len(alters) > 0 {
			t.Errorf("SQLite cannot ALTER TABLE … ADD CONSTRAINT, yet CreateAll ran:\n%s", strings.Join(alters, "\n"))
		}
		return
	}
	want := []string{
		"ALTER TABLE departments ADD CONSTRAINT fk_departments_head_id_employees FOREIGN KEY (head_id) REFERENCES employees (id) ON DELETE SET NULL",
		"ALTER TABLE employees ADD CONSTRAINT fk_employees_department_id_departments FOREIGN KEY (department_id) REFERENCES departments (id) ON DELETE RESTRICT",
	}
	if diff := cmp.Diff(want, alters); diff != "" {
		t.Errorf("the cycle's foreign keys (-want +got):\n%s", diff)
	}
	// Both ALTERs come after every CREATE TABLE.
	last := slices.IndexFunc(created, func(s string) bool { return strings.HasPrefix(s, "ALTER TABLE") })
	for _, s := range created[last:] {
		if strings.HasPrefix(s, "CREATE TABLE") {
			t.Errorf("table created after the cycle's ALTER TABLE: %s", s)
		}
	}
}
