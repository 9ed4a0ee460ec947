package engine_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects/mysql"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/engine"
	"github.com/seed13bb6a42/strata/internal/testdb"
	"github.com/seed13bb6a42/strata/schema"
	"github.com/seed13bb6a42/strata/types"
)

// Hostile strings: values that quoting, escaping or placeholder scanning could
// mangle are stored twice on every server — bound as parameters, and rendered inline
// (compiler.InlineLiterals, executed as raw SQL) — and must read back byte-identical.
// Then parts of them are searched with ast.Contains and ast.StartsWith, bound and
// inline, which must return exactly the rows whose text contains the part.
//
// What differs by server is in hostileCaveats, listed in docs/differences.md.

var hostileCaveats = []rtCaveat{
	{"nul-bound", []string{"postgres"},
		"PostgreSQL text cannot hold NUL: a bound string containing \\x00 is refused by the server (SQLSTATE 22021, character_not_in_repertoire, through lib/pq's *pq.Error). SQLite and MariaDB store and return it. Store such data as types.Bytes."},
	{"nul-inline", []string{"sqlite", "postgres"},
		"An inline-rendered string containing NUL is refused by the compiler with a *compiler.CompileError on SQLite and PostgreSQL (no literal can hold it there); MariaDB writes it as \\0. Bind the value instead (SQLite keeps a bound NUL)."},
	{"backslash-literals", []string{"mysql"},
		"MariaDB treats backslashes in string literals as escapes (unless sql_mode has NO_BACKSLASH_ESCAPES), so Strata doubles them in inline literals for MariaDB; SQLite and PostgreSQL (standard_conforming_strings) take them literally. A server running with NO_BACKSLASH_ESCAPES would read the doubled backslashes as two."},
	{"like-nul", []string{"sqlite"},
		"SQLite's LIKE reads the text and the pattern only up to their first NUL: ast.Contains(col, \"'\") does not match \"\\x00'\", ast.Contains(col, \"\\x00\") matches every row and ast.StartsWith(col, \"\\x00\") matches the empty string. On PostgreSQL a NUL in the pattern is refused like any bound NUL; MariaDB matches it exactly."},
	{"like-supplementary", []string{"mysql"},
		"Under MariaDB's utf8mb4_general_ci every character outside the Basic Multilingual Plane (emoji, many CJK extensions) has the same weight, so ast.Contains(col, \"😀\") also matches \"👩\", and = treats them as equal. Use a binary or a UCA-based collation (utf8mb4_unicode_520_ci) for such text."},
}

// hostileStrings are the values stored. None differs from another only by case or
// trailing spaces, so that MariaDB's case-insensitive, PAD SPACE collation and
// SQLite's ASCII-case-insensitive LIKE give the same matches as exact comparison.
func hostileStrings() []string {
	long := strings.Repeat("0123456789'\"\\%_?$1:x 😀\n", 2200) // ~62 KB, under MariaDB's 64 KiB TEXT
	return []string{
		"'", "''", `"`, `\`, `\\`, `\'`, `'\'`, `\"`,
		"%", "_", "%_%", "50% off_sale", "a%b_c",
		"?", "??", "(?)", "$1", "$2 $1", "$$", "$tag$ body $tag$",
		":name", "::text", `\:name`, `\\:name`, "@var", "#{x}",
		"'); DROP TABLE hostile; --", `"; DROP TABLE hostile; --`, "1 OR 1=1", "x' OR 'x'='x",
		"-- comment", "/* comment */", "*/", "/*",
		"\x00", "a\x00b", "\x00\x00'\x00",
		"\n", "\r\n", "line1\nline2", "\t", "tab\there", "\b\f\v", "\x1b[31mred\x1b[0m",
		"😀", "👩‍👩‍👧‍👦 family", "e\u0301", "\u2028\u2029", "\u202eRTL override", "\ufeffBOM",
		"", " ", "  both  ",
		"NULL", "null?", "{braces}", "[brackets]", "`backticks`",
		long,
	}
}

// hostileParts are searched for with Contains and StartsWith.
var hostileParts = []string{
	"'", `"`, `\`, "%", "_", "?", "$1", ":name", `\:`, "--", "/*", "'); DROP TABLE", "\n", "\t", "😀", "\x00", "% off_",
}

func TestHostileStrings(t *testing.T) {
	servers := []struct {
		name string
		d    *compiler.Dialect
	}{{"sqlite", sqlite.Dialect()}, {"postgres", postgres.Dialect()}, {"mysql", mysql.MariaDBDialect()}}
	for _, srv := range servers {
		t.Run(srv.name, func(t *testing.T) {
			db := testdb.Open(t, srv.name)
			hostileRun(t, engine.New(db, srv.d), srv.name)
		})
	}
}

const hostileInline = 100000 // inline rows' ids start here

func hostileRun(t *testing.T, e *engine.Engine, server string) {
	ctx := t.Context()
	d := e.Dialect()
	tbl := ast.NewTable("hostile", ast.Col("id", types.Integer, ast.PrimaryKey()), ast.Col("s", types.Text))
	if err := schema.CreateAll(ctx, e.DB(), d, ast.NewMetaData(tbl), schema.Options{}); err != nil {
		t.Fatal(err)
	}
	strs := hostileStrings()
	stored := map[int64]string{} // what each row must read back as
	for i, s := range strs {
		hasNUL := strings.Contains(s, "\x00")
		// Bound.
		id := int64(i + 1)
		_, err := e.Exec(ctx, ast.Insert(tbl).Values(id, s))
		switch {
		case hasNUL && server == "postgres": // nul-bound
			if state := sqlState(err); state != "22021" {
				t.Errorf("bound %q: got %v (SQLSTATE %q), want SQLSTATE 22021", s, err, state)
			}
		case err != nil:
			t.Errorf("bound %q: %v", hostileShort(s), err)
		default:
			stored[id] = s
		}
		// Inline.
		id = hostileInline + int64(i)
		plan, err := d.CompileWith(ast.Insert(tbl).Values(id, s), compiler.Options{Flags: compiler.InlineLiterals})
		if hasNUL && server != "mysql" { // nul-inline
			var ce *compiler.CompileError
			if !errors.As(err, &ce) {
				t.Errorf("inline %q: got %v, want a *compiler.CompileError", s, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("inline %q: %v", hostileShort(s), err)
			continue
		}
		if len(plan.Params) != 0 {
			t.Errorf("inline %q: %d parameters left in %s", hostileShort(s), len(plan.Params), plan.SQL)
			continue
		}
		if _, err := e.DB().ExecContext(ctx, plan.SQL); err != nil {
			t.Errorf("inline %q: %v\n\t%s", hostileShort(s), err, hostileShort(plan.SQL))
			continue
		}
		stored[id] = s
	}

	// Read back: every row byte-identical, as string and as []byte.
	rows, err := e.Query(ctx, ast.Select(tbl.C("id"), tbl.C("s"), tbl.C("s")).From(tbl).OrderBy(tbl.C("id")))
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for rows.Next() {
		var id int64
		var s string
		var b []byte
		if err := rows.Scan(&id, &s, &b); err != nil {
			t.Fatal(err)
		}
		want, ok := stored[id]
		switch {
		case !ok:
			t.Errorf("row %d was not inserted", id)
		case s != want || string(b) != want:
			t.Errorf("row %d: read %q / %q, stored %q", id, hostileShort(s), hostileShort(string(b)), hostileShort(want))
		}
		seen++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if seen != len(stored) {
		t.Errorf("read %d rows, stored %d", seen, len(stored))
	}

	// Searches: exactly the rows whose text contains (or starts with) the part.
	for _, part := range hostileParts {
		for _, f := range []struct {
			name    string
			cond    func(ast.Expr, any) ast.Expr
			leading bool // the pattern starts with %
		}{
			{"Contains", ast.Contains, true},
			{"StartsWith", ast.StartsWith, false},
		} {
			var want []int64
			for id, s := range stored {
				if hostileLike(server, s, f.leading, part) {
					want = append(want, id)
				}
			}
			slices.Sort(want)
			q := ast.Select(tbl.C("id")).From(tbl).Where(f.cond(tbl.C("s"), part)).OrderBy(tbl.C("id"))
			got, err := hostileIDs(ctx, e, q, false)
			if part == "\x00" && server == "postgres" { // nul-bound, and no literal can hold NUL (nul-inline)
				if state := sqlState(err); state != "22021" {
					t.Errorf("%s(%q) bound: got %v (SQLSTATE %q), want SQLSTATE 22021", f.name, part, err, state)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s(%q) bound: %v", f.name, part, err)
			} else if !slices.Equal(got, want) {
				t.Errorf("%s(%q) bound: rows %v, want %v", f.name, part, got, want)
			}
			got, err = hostileIDs(ctx, e, q, true)
			if strings.Contains(part, "\x00") && server == "sqlite" { // nul-inline
				var ce *compiler.CompileError
				if !errors.As(err, &ce) {
					t.Errorf("%s(%q) inline: got %v, want a *compiler.CompileError", f.name, part, err)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s(%q) inline: %v", f.name, part, err)
			} else if !slices.Equal(got, want) {
				t.Errorf("%s(%q) inline: rows %v, want %v", f.name, part, got, want)
			}
		}
	}
}

// hostileLike reports whether the server's LIKE matches s against the pattern
// [%]part% that Contains (leading) or StartsWith builds. SQLite reads both the text
// and the pattern only up to their first NUL, losing the pattern's trailing %
// (like-nul); MariaDB gives every character beyond the BMP the same weight
// (like-supplementary).
func hostileLike(server, s string, leading bool, part string) bool {
	trailing := true
	switch server {
	case "sqlite":
		if i := strings.IndexByte(s, 0); i >= 0 {
			s = s[:i]
		}
		if i := strings.IndexByte(part, 0); i >= 0 {
			part, trailing = part[:i], false
		}
	case "mysql":
		beyondBMP := func(r rune) rune {
			if r > 0xFFFF {
				return 0xFFFD
			}
			return r
		}
		s, part = strings.Map(beyondBMP, s), strings.Map(beyondBMP, part)
	}
	switch {
	case leading && trailing:
		return strings.Contains(s, part)
	case leading:
		return strings.HasSuffix(s, part)
	case trailing:
		return strings.HasPrefix(s, part)
	}
	return s == part
}

// hostileIDs runs q, bound through the engine or inline-rendered as raw SQL, and
// returns the ids it selects.
func hostileIDs(ctx context.Context, e *engine.Engine, q ast.Node, inline bool) ([]int64, error) {
	var ids []int64
	if !inline {
		rows, err := e.Query(ctx, q)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		return ids, rows.Err()
	}
	plan, err := e.Dialect().CompileWith(q, compiler.Options{Flags: compiler.InlineLiterals})
	if err != nil {
		return nil, err
	}
	if len(plan.Params) != 0 {
		return nil, fmt.Errorf("%d parameters left in %s", len(plan.Params), plan.SQL)
	}
	rows, err := e.DB().QueryContext(ctx, plan.SQL)
	if err != nil {
		return nil, fmt.Errorf("%w\n\t%s", err, plan.SQL)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// sqlState returns the SQLSTATE of a driver error that has one (lib/pq's *pq.Error).
func sqlState(err error) string {
	var s interface{ SQLState() string }
	if errors.As(err, &s) {
		return s.SQLState()
	}
	return ""
}

func hostileShort(s string) string {
	if len(s) > 80 {
		return fmt.Sprintf("%s… (len %d)", s[:60], len(s))
	}
	return s
}

// TestHostileCaveatsDocumented checks that docs/differences.md lists every caveat.
func TestHostileCaveatsDocumented(t *testing.T) {
	doc := diffReadDoc(t)
	for _, c := range hostileCaveats {
		row := "| `" + c.ID + "` | " + strings.Join(c.Servers, ", ") + " | " + c.Doc + " |"
		if !strings.Contains(doc, row) {
			t.Errorf("docs/differences.md lacks the row\n%s", row)
		}
	}
}
