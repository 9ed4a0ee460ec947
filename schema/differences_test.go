package schema

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
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

func TestPortableSQL(t *testing.T) {
	for _, tc := range []struct {
		in, sqlite, mariadb string
	}{
		{`email::text ~~ '%@%'::text`, `email LIKE '%@%'`, `email LIKE '%@%'`},
		{`"select" >= 0`, `"select" >= 0`, "`select` >= 0"},
		{`"Mixed Case" !~~ 'a\b'`, `"Mixed Case" NOT LIKE 'a\b'`, "`Mixed Case` NOT LIKE 'a\\\\b'"},
		{`qty::numeric * price`, `qty * price`, `qty * price`},
		{`upper(status::text)`, `upper(status)`, `upper(status)`},
		{`status::text = ANY (ARRAY['open'::character varying, 'paid'::character varying]::text[])`,
			`status IN ('open', 'paid')`, `status IN ('open', 'paid')`},
		{`a <> ALL (ARRAY[1, 2])`, `a NOT IN (1, 2)`, `a NOT IN (1, 2)`},
		{`(qty + 1)::numeric * price < 100000::numeric`, `(qty + 1) * price < 100000`, `(qty + 1) * price < 100000`},
		{`x::timestamp(3) with time zone > now()`, `x > now()`, `x > now()`},
	} {
		for _, target := range []struct {
			d    *compiler.Dialect
			want string
		}{{sqlite.Dialect(), tc.sqlite}, {mysql.MariaDBDialect(), tc.mariadb}} {
			got, err := portableSQL(tc.in, target.d)
			if err != nil || got != target.want {
				t.Errorf("portableSQL(%q) for %s = %q, %v; want %q", tc.in, target.d.Name, got, err, target.want)
			}
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
	opts := cmp.Options{cmpopts.IgnoreFields(ast.Column{}, "From"), cmpopts.IgnoreUnexported(ast.Table{})}
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
