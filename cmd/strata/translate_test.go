package main

import (
	"testing"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/dialects"
	"github.com/seed13bb6a42/strata/types"
)

func TestTranslateText(t *testing.T) {
	tests := []struct {
		from, to, in, want string
	}{
		// Identifiers are quoted the target's way, only where needed.
		{"mariadb", "postgres", "`total` >= 0 AND `Order Total` < 10", `total >= 0 AND "Order Total" < 10`},
		{"mysql", "sqlite", "`a``b` > 0", `"a` + "`" + `b" > 0`},
		{"postgres", "mysql", `"Größe" IS NOT NULL AND "select" = 1`, "`Größe` IS NOT NULL AND `select` = 1"},
		{"sqlite", "postgres", `"x""y" + ` + "`z`", `"x""y" + z`},
		// PostgreSQL's casts are dropped, whatever the type's spelling.
		{"postgres", "sqlite", "price >= 0::numeric", "price >= 0"},
		{"postgres", "mariadb", "(name)::text = 'a'::character varying(20)", "(name) = 'a'"},
		{"postgres", "sqlite", "at > '2024-01-01'::timestamp(3) without time zone AND n < 1::double precision",
			"at > '2024-01-01' AND n < 1"},
		{"postgres", "sqlite", "tags = '{}'::text[] OR m = 'x'::public.\"My Type\"", "tags = '{}' OR m = 'x'"},
		{"postgres", "sqlite", "x::integer AND y", "x AND y"},
		// Strings and comments are left alone.
		{"postgres", "mysql", `note = 'it''s "quoted"::text' -- "c"::x`, `note = 'it''s "quoted"::text' -- "c"::x`},
		{"mariadb", "postgres", `note = 'a\'b' AND s = "str"`, `note = 'a\'b' AND s = "str"`},
		{"postgres", "sqlite", `/* "a"::b */ 1`, `/* "a"::b */ 1`},
		// MySQL's character set introducers are dropped.
		{"mysql", "postgres", "`kind` = _utf8mb4'b2b' AND x_utf8 = _latin1'y'", "kind = 'b2b' AND x_utf8 = 'y'"},
		// Unclosed quotes are copied as they are.
		{"postgres", "sqlite", `a = "unclosed`, `a = "unclosed`},
		{"mysql", "sqlite", "a = `", "a = `"},
		{"postgres", "sqlite", "a::", "a"},
	}
	for _, tt := range tests {
		from, err := dialects.Lookup(tt.from)
		if err != nil {
			t.Fatal(err)
		}
		to, err := dialects.Lookup(tt.to)
		if err != nil {
			t.Fatal(err)
		}
		tr := &translator{source: from, target: to}
		if got := tr.text(tt.in); got != tt.want {
			t.Errorf("%s → %s: text(%q) = %q, want %q", tt.from, tt.to, tt.in, got, tt.want)
		}
	}
}

func TestTranslateSameFamily(t *testing.T) {
	my, _ := dialects.Lookup("mysql")
	maria, _ := dialects.Lookup("mariadb")
	md := ast.NewMetaData(ast.NewTable("t", ast.Col("a", types.Integer), ast.CheckOf(ast.Text("`a` > 0"))))
	if got, notes := translate(md, my, maria); got != md || notes != nil {
		t.Errorf("MySQL → MariaDB changed the schema")
	}
}

func TestTranslateIdentity(t *testing.T) {
	pg, _ := dialects.Lookup("postgres")
	lite, _ := dialects.Lookup("sqlite")
	md := ast.NewMetaData(ast.NewTable("t",
		ast.Col("a", types.Integer, ast.PrimaryKey(), ast.GeneratedIdentity(ast.Identity{})),
		ast.Col("b", types.Integer, ast.GeneratedIdentity(ast.Identity{Always: true}))))
	got, notes := translate(md, pg, lite)
	a, b := got.Tables[0].Columns[0], got.Tables[0].Columns[1]
	if a.Identity != nil || !a.AutoIncrement || b.Identity != nil || !b.AutoIncrement {
		t.Errorf("identity columns are not autoincrement: %+v %+v", a.ColumnSchema, b.ColumnSchema)
	}
	if len(notes) != 1 {
		t.Errorf("notes = %q, want one for t.b (ALWAYS is lost)", notes)
	}
	if md.Tables[0].Columns[0].Identity == nil {
		t.Error("translate changed its argument")
	}
}
