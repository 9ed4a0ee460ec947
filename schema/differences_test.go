package schema

import (
	"flag"
	"os"
	"path/filepath"
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
	"github.com/seed13bb6a42/strata/types"
)

// ExpectedExcept is Expected without the difference named skip, for the round-trip
// tests (package schema_test) to show that every difference is needed.
var ExpectedExcept = expected

var update = flag.Bool("update", false, "rewrite docs/schema-differences.md from DifferencesMarkdown")

// TestDifferencesDoc keeps docs/schema-differences.md equal to DifferencesMarkdown, so
// that the documented list is the one Expected applies.
func TestDifferencesDoc(t *testing.T) {
	path := filepath.Join("..", "docs", "schema-differences.md")
	want := DifferencesMarkdown()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run: go test ./schema -run TestDifferencesDoc -update)", err)
	}
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("%s is stale; run: go test ./schema -run TestDifferencesDoc -update\n(-generated +file):\n%s", path, diff)
	}
}

func TestNormalizeSQL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// What the servers gave back in the round trip.
		{`email::text ~~ '%@%'::text`, `email like '%@%'`},
		{"`email` like '%@%'", `email like '%@%'`},
		{`qty::numeric * price`, `qty * price`},
		{"`qty` * `price`", `qty * price`},
		{`status::text = 'open'::text`, `status = 'open'`},
		{`lower(email::text)`, `lower(email)`},
		{`"select" >= 0`, `select >= 0`},
		{"`select` >= 0", `select >= 0`},
		{`price >= 0::numeric`, `price >= 0`},
		{`status::text = ANY (ARRAY['open'::character varying, 'paid'::character varying, 'void'::character varying]::text[])`,
			`status in ('open', 'paid', 'void')`},
		{`status::text <> ALL (ARRAY['a'::text])`, `status not in ('a')`},
		{`status::text = 'void'::text OR qty > 0 AND ((qty + 1)::numeric * price) < 100000::numeric`,
			`status = 'void' or qty > 0 and (qty + 1) * price < 100000`},
		{`role IN ('owner', 'member', 'guest')`, `role in ('owner', 'member', 'guest')`},
		// Casts of every shape.
		{`x::character varying(20)[]`, `x`},
		{`x::timestamp(3) with time zone`, `x`},
		{`x::double precision`, `x`},
		{`x::public."My Type"`, `x`},
		// Qualifiers, quotes and case.
		{`"Orders"."Mixed Case" > t.x`, `"mixed case" > x`},
		{`s.t.c = 1`, `c = 1`},
		{`"ünï" = 'Ünï'`, `"ünï" = 'Ünï'`},
		{`"and" = 1`, `"and" = 1`},
		{`[col] + 1`, `col + 1`},
		{`a[1] = 2`, `a[1] = 2`},
		{`x != 1 AND y == 2`, `x <> 1 and y = 2`},
		{`x !~~ 'a%'`, `x not like 'a%'`},
		{`x ~~* 'a%'`, `x ilike 'a%'`},
		{`x /* note */ = -- line
1`, `x = 1`},
		{`'it''s' || x`, `'it''s' || x`},
		{`X'00FF' = b`, `x'00ff' = b`},
		// Parentheses: redundant ones go, needed ones stay.
		{`((a))`, `a`},
		{`(a > 0)`, `a > 0`},
		{`(a > 0) AND (b > 0)`, `a > 0 and b > 0`},
		{`(a OR b) AND c`, `(a or b) and c`},
		{`a AND (b OR c)`, `a and (b or c)`},
		{`(a AND b) OR c`, `a and b or c`},
		{`a OR (b AND c)`, `a or b and c`},
		{`a AND (b AND c)`, `a and b and c`},
		{`a - (b - c)`, `a - (b - c)`},
		{`(a - b) - c`, `a - b - c`},
		{`a - (b + c)`, `a - (b + c)`},
		{`a + (b - c)`, `a + (b - c)`},
		{`a * (b + c)`, `a * (b + c)`},
		{`(a * b) + c`, `a * b + c`},
		{`a + (b * c)`, `a + b * c`},
		{`-(a + b)`, `- (a + b)`},
		{`-(1)`, `- 1`},
		{`NOT (a = b)`, `not a = b`},
		{`NOT (a AND b)`, `not (a and b)`},
		{`f((a))`, `f(a)`},
		{`f((a + b), c)`, `f(a + b, c)`},
		{`x IN (1)`, `x in (1)`},
		{`(a, b) = (1, 2)`, `(a, b) = (1, 2)`},
		{`CASE WHEN (a > 0) THEN (b) ELSE (c + 1) END`, `case when a > 0 then b else c + 1 end`},
		{`(CASE WHEN a THEN b END) = 1`, `case when a then b end = 1`},
		{`x BETWEEN (1) AND (2 + 3)`, `x between 1 and 2 + 3`},
		{`(a = b) = c`, `a = b = c`},
	} {
		if got := NormalizeSQL(tc.in); got != tc.want {
			t.Errorf("NormalizeSQL(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
		if got := NormalizeSQL(tc.want); got != tc.want {
			t.Errorf("NormalizeSQL is not idempotent on %q: %q", tc.want, got)
		}
	}
}

// TestNormalizeSQLDistinguishes lists expressions that mean different things and must
// not compare equal.
func TestNormalizeSQLDistinguishes(t *testing.T) {
	for _, tc := range [][2]string{
		{`a > 0`, `a >= 0`},
		{`(a OR b) AND c`, `a OR b AND c`},
		{`a AND (b OR c)`, `a AND b OR c`},
		{`a - (b - c)`, `a - b - c`},
		{`a * (b + c)`, `a * b + c`},
		{`NOT (a AND b)`, `NOT a AND b`},
		{`x = 'A'`, `x = 'a'`},
		{`x LIKE 'a'`, `x ILIKE 'a'`},
		{`x IN (1, 2)`, `x NOT IN (1, 2)`},
		{`x = 1`, `y = 1`},
		{`lower(x)`, `upper(x)`},
		{`-(a + b)`, `-a + b`},
		{`"a b" = 1`, `a = 1`},
	} {
		if a, b := NormalizeSQL(tc[0]), NormalizeSQL(tc[1]); a == b {
			t.Errorf("%q and %q both normalise to %q", tc[0], tc[1], a)
		}
	}
}

// TestPortableSQL rewrites reflected text of each source family for targets of the
// others.
func TestPortableSQL(t *testing.T) {
	pg, lite, my, maria := postgres.Dialect(), sqlite.Dialect(), mysql.Dialect(), mysql.MariaDBDialect()
	for _, tc := range []struct {
		from, to *compiler.Dialect
		in, want string
	}{
		// PostgreSQL: what the round trip's server gave back.
		{pg, lite, `email::text ~~ '%@%'::text`, `email LIKE '%@%'`},
		{pg, maria, `email::text ~~ '%@%'::text`, `email LIKE '%@%'`},
		{pg, lite, `"select" >= 0`, `"select" >= 0`},
		{pg, maria, `"select" >= 0`, "`select` >= 0"},
		{pg, lite, `"Mixed Case" !~~ 'a\b'`, `"Mixed Case" NOT LIKE 'a\b'`},
		{pg, maria, `"Mixed Case" !~~ 'a\b'`, "`Mixed Case` NOT LIKE 'a\\\\b'"},
		{pg, maria, `qty::numeric * price`, `qty * price`},
		{pg, lite, `upper(status::text)`, `upper(status)`},
		{pg, lite, `status::text = ANY (ARRAY['open'::character varying, 'paid'::character varying]::text[])`,
			`status IN ('open', 'paid')`},
		{pg, maria, `status::text = ANY (ARRAY['open'::character varying, 'paid'::character varying]::text[])`,
			`status IN ('open', 'paid')`},
		{pg, lite, `a <> ALL (ARRAY[1, 2])`, `a NOT IN (1, 2)`},
		{pg, maria, `(qty + 1)::numeric * price < 100000::numeric`, `(qty + 1) * price < 100000`},
		{pg, lite, `x::timestamp(3) with time zone > now()`, `x > now()`},
		// PostgreSQL: names are quoted only where the target needs it; casts of every shape.
		{pg, my, `"Größe" IS NOT NULL AND "select" = 1`, "`Größe` IS NOT NULL AND `select` = 1"},
		{pg, lite, "price >= 0::numeric", "price >= 0"},
		{pg, maria, "(name)::text = 'a'::character varying(20)", "(name) = 'a'"},
		{pg, lite, "at > '2024-01-01'::timestamp(3) without time zone AND n < 1::double precision", "at > '2024-01-01' AND n < 1"},
		{pg, lite, `tags = '{}'::text[] OR m = 'x'::public."My Type"`, "tags = '{}' OR m = 'x'"},
		{pg, lite, "x::integer AND y", "x AND y"},
		{pg, lite, "a::", "a"},
		// PostgreSQL: strings and comments are left alone, but for their quoting.
		{pg, my, `note = 'it''s "quoted"::text' -- "c"::x`, `note = 'it''s "quoted"::text' -- "c"::x`},
		{pg, lite, `/* "a"::b */ 1`, `/* "a"::b */ 1`},
		{pg, lite, `a = "unclosed`, `a = "unclosed`},
		{pg, lite, `a = 'unclosed''`, `a = 'unclosed''`},

		// MySQL and MariaDB: backquotes, introducers, strings in either quote with escapes.
		{maria, pg, "`total` >= 0 AND `Order Total` < 10", `total >= 0 AND "Order Total" < 10`},
		{my, lite, "`a``b` > 0", `"a` + "`" + `b" > 0`},
		{my, pg, "`kind` = _utf8mb4'b2b' AND x_utf8 = _latin1'y'", "kind = 'b2b' AND x_utf8 = 'y'"},
		{maria, pg, `note = 'a\'b' AND s = "str" AND t = 'x\\y'`, `note = 'a''b' AND s = 'str' AND t = 'x\y'`},
		{maria, lite, `s LIKE 'a\_b' OR s = "say ""hi"""`, `s LIKE 'a\_b' OR s = 'say "hi"'`},
		{maria, pg, "lcase(`email`) = ucase(x) AND lcase = 1", "lower(email) = upper(x) AND lcase = 1"},
		{maria, pg, `x = 'it\'s' -- 'a\'`, `x = 'it''s' -- 'a\'`},
		{my, lite, "a = `", "a = `"},
		{my, lite, `a = 'open\'`, `a = 'open\'`},

		// SQLite: double quotes, backquotes and brackets are names.
		{lite, pg, `"x""y" + ` + "`z`" + ` + [w v]`, `"x""y" + z + "w v"`},
		{lite, maria, `"order" > 0 AND name <> 'it''s'`, "`order` > 0 AND name <> 'it''s'"},
		{lite, my, `path = 'C:\dir'`, `path = 'C:\\dir'`},
	} {
		got, err := portableSQL(tc.in, textFamily(tc.from), tc.to)
		if err != nil || got != tc.want {
			t.Errorf("%s → %s: portableSQL(%q) = %q, %v; want %q", tc.from.Name, tc.to.Name, tc.in, got, err, tc.want)
		}
	}
}

func TestPortableSQLErrors(t *testing.T) {
	long := strings.Repeat("n", 70)
	got, err := portableSQL(`"`+long+`" > 0 AND "a" = 1`, pgFamily, mysql.MariaDBDialect())
	if want := `"` + long + "\" > 0 AND a = 1"; got != want || err == nil {
		t.Errorf("a name too long for MariaDB: %q, %v; want %q and an error", got, err, want)
	}
	got, err = portableSQL(`s <> 'a\0b'`, mysqlFamily, postgres.Dialect())
	if want := `s <> 'a\0b'`; got != want || err == nil {
		t.Errorf("a NUL byte for PostgreSQL: %q, %v; want %q and an error", got, err, want)
	}
}

func TestTextFamily(t *testing.T) {
	for _, tc := range []struct {
		d    *compiler.Dialect
		want string
	}{
		{postgres.Dialect(), "postgres"}, {postgres.New("12"), "postgres"}, {sqlite.Dialect(), "sqlite"},
		{mysql.Dialect(), "mysql"}, {mysql.MariaDBDialect(), "mysql"}, {&compiler.Dialect{Name: "db2"}, "db2"},
	} {
		if got := textFamily(tc.d); got != tc.want {
			t.Errorf("textFamily(%s) = %q, want %q", tc.d.Name, got, tc.want)
		}
	}
}

// TestPortableText checks what PortableText carries besides text: identity columns,
// views, notes; and that it leaves its argument and same-family schemas alone.
func TestPortableText(t *testing.T) {
	pg, lite, my, maria := postgres.Dialect(), sqlite.Dialect(), mysql.Dialect(), mysql.MariaDBDialect()
	build := func() *ast.MetaData {
		return ast.NewMetaData(ast.NewTable("t",
			ast.Col("a", types.Integer, ast.PrimaryKey(), ast.GeneratedIdentity(ast.Identity{})),
			ast.Col("b", types.Integer, ast.GeneratedIdentity(ast.Identity{Always: true})),
			ast.Col("c", types.Integer, ast.ServerDefault(ast.Text(`"a" + 1`)), ast.GeneratedAs(ast.Text(`"a"::numeric`), true)),
			ast.Col("d", types.String(10), ast.ServerDefault("x")),
			ast.CheckOf(ast.Text(`d ~~ 'x%'`)).Named("ck_d"),
			ast.CheckOf(ast.Text(`"`+strings.Repeat("n", 70)+`" > 0`)),
			ast.IndexOn("ix_t", ast.IndexPart{Expr: ast.Text(`lower(d::text)`)}).Partial(ast.Text(`"c" > 0`)),
		)).WithViews(ast.NewView("v", ast.Text(`SELECT "a" FROM t WHERE d::text = 'x'`)))
	}
	md := build()
	got, notes := PortableText(md, pg, maria)
	opts := cmp.Options{cmpopts.IgnoreFields(ast.Column{}, "From"), cmpopts.IgnoreUnexported(ast.Table{}, ast.Column{}),
		cmp.Transformer("SQL", func(x *ast.TextClause) string { return x.SQL })}
	if diff := cmp.Diff(build(), md, opts); diff != "" {
		t.Errorf("PortableText modified its argument:\n%s", diff)
	}
	want := ast.NewMetaData(ast.NewTable("t",
		ast.Col("a", types.Integer, ast.PrimaryKey(), ast.AutoIncrement()),
		ast.Col("b", types.Integer, ast.AutoIncrement()),
		ast.Col("c", types.Integer, ast.ServerDefault(ast.Text(`a + 1`)), ast.GeneratedAs(ast.Text(`a`), true)),
		ast.Col("d", types.String(10), ast.ServerDefault("x")),
		ast.CheckOf(ast.Text(`d LIKE 'x%'`)).Named("ck_d"),
		ast.CheckOf(ast.Text(`"`+strings.Repeat("n", 70)+`" > 0`)),
		ast.IndexOn("ix_t", ast.IndexPart{Expr: ast.Text(`lower(d)`)}).Partial(ast.Text(`c > 0`)),
	)).WithViews(ast.NewView("v", ast.Text("SELECT a FROM t WHERE d = 'x'")))
	if diff := cmp.Diff(want, got, opts); diff != "" {
		t.Errorf("PostgreSQL → MariaDB (-want +got):\n%s", diff)
	}
	wantNotes := []string{
		"t.b: mariadb has no identity columns: the column is autoincrement, which accepts explicit values and numbers from 1 by 1",
		`a check on t: part of the SQL text is left as postgres wrote it: compiler: mariadb: identifier "` + strings.Repeat("n", 70) +
			`" is 70 bytes long; mariadb allows at most 64`,
		"view v: the query is postgres's SQL text, rewritten for mariadb without parsing it",
	}
	var gotNotes []string
	for _, n := range notes {
		gotNotes = append(gotNotes, n.String())
	}
	if diff := cmp.Diff(wantNotes, gotNotes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}

	// PostgreSQL keeps identity columns, and reads MySQL's text.
	my2pg := ast.NewMetaData(ast.NewTable("t", ast.Col("a", types.Integer, ast.GeneratedIdentity(ast.Identity{Always: true})),
		ast.CheckOf(ast.Text("`a` > _utf8mb4'0'"))))
	got, notes = PortableText(my2pg, my, pg)
	if c := got.Tables[0].Columns[0]; c.Identity == nil || c.AutoIncrement || len(notes) != 0 {
		t.Errorf("MySQL → PostgreSQL: %+v, notes %q; want the identity kept, no notes", c.ColumnSchema, notes)
	}
	if sql := got.Tables[0].Checks[0].Expr.(*ast.TextClause).SQL; sql != "a > '0'" {
		t.Errorf("MySQL → PostgreSQL: check %q, want %q", sql, "a > '0'")
	}

	// One family: nothing to do.
	for _, pair := range [][2]*compiler.Dialect{{my, maria}, {maria, my}, {pg, postgres.New("13")}, {lite, lite}} {
		if got, notes := PortableText(md, pair[0], pair[1]); got != md || notes != nil {
			t.Errorf("%s → %s changed the schema", pair[0].Name, pair[1].Name)
		}
	}
}

func TestDifferencesTable(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range Differences() {
		if d.Name == "" || seen[d.Name] {
			t.Errorf("difference name %q is empty or repeated", d.Name)
		}
		seen[d.Name] = true
		switch d.Dialect {
		case "", pgDialect, sqliteDialect, mariadbDialect:
		default:
			t.Errorf("difference %s: unknown dialect %q", d.Name, d.Dialect)
		}
		if d.What == "" || d.Why == "" || d.apply == nil {
			t.Errorf("difference %s: What, Why and the rewrite are all required", d.Name)
		}
	}
	for _, d := range []string{pgDialect, sqliteDialect, mariadbDialect} {
		if !slices.ContainsFunc(Differences(), func(x Difference) bool { return x.Dialect == d }) {
			t.Errorf("no differences listed for %s", d)
		}
	}
}

// TestExpectedLeavesInputAlone checks that Expected copies what it rewrites.
func TestExpectedLeavesInputAlone(t *testing.T) {
	build := func() *ast.MetaData {
		return ast.NewMetaData(ast.NewTable("t",
			ast.Col("id", types.BigInteger, ast.PrimaryKey(), ast.AutoIncrement()),
			ast.Col("e", types.Enum("e", "a", "b"), ast.Unique(), ast.ServerDefault(1)),
			ast.Col("at", types.DateTimeTZ, ast.ServerDefault(ast.Now())),
			ast.Col("n", types.Decimal(0, 0), ast.ServerDefault(2)),
			ast.Col("u", types.UUIDType),
			ast.Col("r", types.Integer, ast.GeneratedAs(ast.Add(ast.Col("id", types.BigInteger), 1), true)),
			ast.ForeignKeyOf([]string{"r"}, "t", "id").OnDeleteDo(ast.Restrict),
			ast.UniqueOf("u"),
			ast.CheckOf(ast.Gt(ast.Col("id", types.BigInteger), 0)),
			ast.IndexOn("", ast.IndexPart{Expr: ast.Lower(ast.Col("u", types.UUIDType))}).Partial(ast.Gt(ast.Col("r", nil), 0)),
		)).WithSequences(&ast.Sequence{Name: "s"})
	}
	opts := cmp.Options{cmpopts.IgnoreFields(ast.Column{}, "From"), cmpopts.IgnoreUnexported(ast.Table{}, ast.Column{})}
	for _, d := range []*compiler.Dialect{postgres.Dialect(), sqlite.Dialect(), mysql.MariaDBDialect()} {
		md := build()
		exp := Expected(d, md)
		if diff := cmp.Diff(build(), md, opts); diff != "" {
			t.Errorf("%s: Expected modified its input:\n%s", d.Name, diff)
		}
		if cmp.Equal(exp, md, opts) {
			t.Errorf("%s: Expected changed nothing", d.Name)
		}
	}
}

func TestDecimalText(t *testing.T) {
	for _, tc := range []struct {
		v     any
		scale int
		want  string
	}{
		{0, 2, "0.00"}, {int64(-3), 0, "-3"}, {2.5, 3, "2.500"}, {1.005, 2, "1.01"}, {"12.345", 1, "12.3"},
	} {
		if got, ok := decimalText(tc.v, tc.scale); !ok || got != tc.want {
			t.Errorf("decimalText(%v, %d) = %q, %v; want %q", tc.v, tc.scale, got, ok, tc.want)
		}
	}
}

// TestMariaDBFractionalDigits checks the spelling that mariadb-datetime and
// mariadb-time describe, in DDL and in CAST, for every precision.
func TestMariaDBFractionalDigits(t *testing.T) {
	for _, d := range []*compiler.Dialect{mysql.Dialect(), mysql.MariaDBDialect()} {
		for _, tc := range []struct {
			t    *types.Type
			want string
		}{
			{types.DateTime, "DATETIME(6)"}, {types.DateTimeTZ, "DATETIME(6)"},
			{types.TimestampP(0, false), "DATETIME(0)"}, {types.TimestampP(3, true), "DATETIME(3)"},
			{types.TimestampP(6, false), "DATETIME(6)"}, {types.TimestampP(9, false), "DATETIME(6)"},
			{types.TimeType, "TIME(6)"}, {types.TimeWithZone, "TIME(6)"},
			{&types.Type{Kind: types.Time}, "TIME(0)"}, {&types.Type{Kind: types.TimeTZ, Precision: 2}, "TIME(2)"},
			{&types.Type{Kind: types.Time, Precision: 7}, "TIME(6)"},
		} {
			for _, cast := range []bool{false, true} {
				if got, err := d.TypeName(tc.t, cast); err != nil || got != tc.want {
					t.Errorf("%s: TypeName(%s, cast %t) = %q, %v; want %q", d.Name, tc.t, cast, got, err, tc.want)
				}
			}
			want := tc.t.Precision
			if want < 0 || want > 6 {
				want = 6
			}
			if got := mariadbDigits(tc.t); got != want {
				t.Errorf("mariadbDigits(%s) = %d, want %d", tc.t, got, want)
			}
		}
	}
}
