package bind_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/seed13bb6a42/strata/bind"
)

func TestStyleAppend(t *testing.T) {
	for _, tc := range []struct {
		style bind.Style
		n     int
		name  string
		want  string
	}{
		{bind.Question, 1, "", "?"},
		{bind.Question, 7, "user_id", "?"},
		{bind.Dollar, 1, "", "$1"},
		{bind.Dollar, 12, "user_id", "$12"},
		{bind.AtP, 1, "", "@p1"},
		{bind.AtP, 345, "user_id", "@p345"},
		{bind.Colon, 3, "user_id", ":user_id"},
		{bind.Colon, 3, "", ":p3"},
		{bind.Colon, 10, "", ":p10"},
		{bind.Style(200), 1, "x", "?"}, // unknown styles fall back to '?'
	} {
		got := string(tc.style.Append([]byte("x = "), tc.n, tc.name))
		if want := "x = " + tc.want; got != want {
			t.Errorf("%v.Append(%q, %d, %q) = %q, want %q", tc.style, "x = ", tc.n, tc.name, got, want)
		}
	}
}

func TestStyleAppendAllocs(t *testing.T) {
	b := make([]byte, 0, 64)
	for _, s := range []bind.Style{bind.Question, bind.Dollar, bind.Colon, bind.AtP} {
		if n := testing.AllocsPerRun(100, func() { b = s.Append(b[:0], 42, "") }); n != 0 {
			t.Errorf("%v.Append allocates %v times into a buffer with room", s, n)
		}
	}
}

func TestStyleString(t *testing.T) {
	for _, tc := range []struct {
		style    bind.Style
		name     string
		numbered bool
	}{
		{bind.Question, "question", false},
		{bind.Dollar, "dollar", true},
		{bind.Colon, "colon", false},
		{bind.AtP, "at-p", true},
		{bind.Style(9), "style(9)", false},
	} {
		if got := tc.style.String(); got != tc.name {
			t.Errorf("Style(%d).String() = %q, want %q", tc.style, got, tc.name)
		}
		if got := tc.style.Numbered(); got != tc.numbered {
			t.Errorf("%v.Numbered() = %t, want %t", tc.style, got, tc.numbered)
		}
	}
}

// txt and param build expected segments.
func txt(s string) bind.Segment   { return bind.Segment{Text: s} }
func param(s string) bind.Segment { return bind.Segment{Param: s} }

// scanTests are the table for TestScan and the seed corpus for FuzzScan.
var scanTests = []struct {
	name string
	sql  string
	want []bind.Segment
}{
	{"empty", "", nil},
	{"no params", "SELECT 1", []bind.Segment{txt("SELECT 1")}},
	{"one param", "SELECT * FROM t WHERE id = :id", []bind.Segment{txt("SELECT * FROM t WHERE id = "), param("id")}},
	{"param only", ":a", []bind.Segment{param("a")}},
	{"params around text", ":a = :b", []bind.Segment{param("a"), txt(" = "), param("b")}},
	{"colon after a param is text", ":a:b", []bind.Segment{param("a"), txt(":b")}},
	{"params with comma", "(:a,:b)", []bind.Segment{txt("("), param("a"), txt(","), param("b"), txt(")")}},
	{"digits and underscores", "x = :_x1_y2 + :B9 + :a__", []bind.Segment{
		txt("x = "), param("_x1_y2"), txt(" + "), param("B9"), txt(" + "), param("a__")}},
	{"name ends at punctuation", ":a.b :c-d :e)", []bind.Segment{
		param("a"), txt(".b "), param("c"), txt("-d "), param("e"), txt(")")}},
	{"after a word", "a:b", []bind.Segment{txt("a:b")}},
	{"array slice", "arr[1:n]", []bind.Segment{txt("arr[1:n]")}},
	{"after operators", "a-:b/:c", []bind.Segment{txt("a-"), param("b"), txt("/"), param("c")}},

	{"cast", "x::int", []bind.Segment{txt("x::int")}},
	{"param then cast", ":x::int", []bind.Segment{param("x"), txt("::int")}},
	{"cast then param", "x::text || :y", []bind.Segment{txt("x::text || "), param("y")}},
	{"triple colon", ":::a", []bind.Segment{txt("::"), param("a")}},

	{"escaped colon", `a \: b`, []bind.Segment{txt("a : b")}},
	{"escaped name", `SELECT \:name`, []bind.Segment{txt("SELECT :name")}},
	{"escape then param", `\:a :b \:c`, []bind.Segment{txt(":a "), param("b"), txt(" :c")}},
	{"escape then cast", `\::a`, []bind.Segment{txt(":"), param("a")}},
	{"escape at end", `x\:`, []bind.Segment{txt("x:")}},
	{"double backslash", `\\:x`, []bind.Segment{txt(`\:x`)}}, // only the backslash touching ':' goes
	{"lone backslash", `a\b\`, []bind.Segment{txt(`a\b\`)}},

	{"colon at end", "x:", []bind.Segment{txt("x:")}},
	{"colon alone", ":", []bind.Segment{txt(":")}},
	{"colon space", ": a", []bind.Segment{txt(": a")}},
	{"colon digit", "x = :1", []bind.Segment{txt("x = :1")}},
	{"colon digits then letters", ":1a :2_", []bind.Segment{txt(":1a :2_")}},
	{"time literal outside quotes", "10:30", []bind.Segment{txt("10:30")}},

	{"single quotes", "':a' || :b", []bind.Segment{txt("':a' || "), param("b")}},
	{"doubled single quote", "'it''s :not' || :yes", []bind.Segment{txt("'it''s :not' || "), param("yes")}},
	{"empty string literal", "'' || :a || ''''", []bind.Segment{txt("'' || "), param("a"), txt(" || ''''")}},
	{"double quotes", `"col:x" = :v`, []bind.Segment{txt(`"col:x" = `), param("v")}},
	{"doubled double quote", `"a"":b" = :v`, []bind.Segment{txt(`"a"":b" = `), param("v")}},
	{"backquotes", "`a:b` = :v", []bind.Segment{txt("`a:b` = "), param("v")}},
	{"doubled backquote", "`a``:b` = :v", []bind.Segment{txt("`a``:b` = "), param("v")}},
	{"other quotes inside", `'"' :a '` + "`" + `' :b`, []bind.Segment{txt(`'"' `), param("a"), txt(" '`' "), param("b")}},
	{"escape inside quotes kept", `'\:x' :y`, []bind.Segment{txt(`'\:x' `), param("y")}},
	{"unterminated quote", "x = 'abc :d", []bind.Segment{txt("x = 'abc :d")}},
	{"unterminated identifier", `x = "abc :d`, []bind.Segment{txt(`x = "abc :d`)}},

	{"line comment", "-- :x\n:y", []bind.Segment{txt("-- :x\n"), param("y")}},
	{"line comment at end", "SELECT 1 -- :x", []bind.Segment{txt("SELECT 1 -- :x")}},
	{"line comment after param", ":a-- :b\n", []bind.Segment{param("a"), txt("-- :b\n")}},
	{"quote inside line comment", "-- it's :x\n:y", []bind.Segment{txt("-- it's :x\n"), param("y")}},
	{"block comment", "/* :x */ :y", []bind.Segment{txt("/* :x */ "), param("y")}},
	{"block comment multiline", "/*\n:x\n*/:y", []bind.Segment{txt("/*\n:x\n*/"), param("y")}},
	{"block comment slash star slash", "/*/ :x */ :y", []bind.Segment{txt("/*/ :x */ "), param("y")}},
	{"block comment star", "/* a * :x **/:y", []bind.Segment{txt("/* a * :x **/"), param("y")}},
	{"unterminated block comment", "/* :x", []bind.Segment{txt("/* :x")}},
	{"unterminated block comment star", "/* :x *", []bind.Segment{txt("/* :x *")}},
	{"quote inside block comment", "/* ' */ :y", []bind.Segment{txt("/* ' */ "), param("y")}},
	{"comment inside quotes", "'-- /*' :y", []bind.Segment{txt("'-- /*' "), param("y")}},

	{"unicode text", "SELECT '日本語 :x', :y AS 名前", []bind.Segment{txt("SELECT '日本語 :x', "), param("y"), txt(" AS 名前")}},
	{"unicode after colon", ":名前 :ñ", []bind.Segment{txt(":名前 :ñ")}},
	// Names are ASCII: a name stops at the first other byte.
	{"unicode inside name", ":naïve", []bind.Segment{param("na"), txt("ïve")}},
	{"invalid utf-8", "\xff:a\xfe", []bind.Segment{txt("\xff"), param("a"), txt("\xfe")}},
}

func TestScan(t *testing.T) {
	for _, tc := range scanTests {
		t.Run(tc.name, func(t *testing.T) {
			got := bind.Scan(tc.sql)
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Scan(%q) mismatch (-want +got):\n%s", tc.sql, diff)
			}
			checkScan(t, tc.sql, got)
		})
	}
}

// checkScan asserts the invariants of Scan's result for sql.
func checkScan(t *testing.T, sql string, segs []bind.Segment) {
	t.Helper()
	var b strings.Builder
	for i, s := range segs {
		switch {
		case s.Text != "" && s.Param != "":
			t.Fatalf("Scan(%q)[%d] = %+v has both Text and Param", sql, i, s)
		case s.Text == "" && s.Param == "":
			t.Fatalf("Scan(%q)[%d] is empty", sql, i)
		case s.Param != "":
			if !isName(s.Param) {
				t.Fatalf("Scan(%q)[%d]: Param %q is not a name", sql, i, s.Param)
			}
			// Names are as long as they can be.
			if i+1 < len(segs) && segs[i+1].Text != "" && isNamePart(segs[i+1].Text[0]) {
				t.Fatalf("Scan(%q)[%d]: Param %q stops before %q", sql, i, s.Param, segs[i+1].Text)
			}
			b.WriteString(":")
			b.WriteString(s.Param)
		default:
			if i > 0 && segs[i-1].Text != "" {
				t.Fatalf("Scan(%q)[%d]: two Text segments in a row", sql, i)
			}
			b.WriteString(s.Text)
		}
	}
	if got := b.String(); !droppedEscapes(sql, got) {
		t.Fatalf("Scan(%q) joins back to %q: not the input less some backslashes before ':'", sql, got)
	}
	if !strings.Contains(sql, ":") {
		want := []bind.Segment{txt(sql)}
		if sql == "" {
			want = nil
		}
		if diff := cmp.Diff(want, segs, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("Scan(%q) without colons is not one Text segment (-want +got):\n%s", sql, diff)
		}
	}
}

// droppedEscapes reports whether out is in with zero or more backslashes removed, each of
// them immediately followed by ':' in in.
//
// Matching greedily is exact: the only bytes that may be removed are '\' followed by ':',
// and when in[i] == out[j] == '\' removing in[i] instead would leave ':' to match '\'.
func droppedEscapes(in, out string) bool {
	j := 0
	for i := 0; i < len(in); i++ {
		switch {
		case j < len(out) && in[i] == out[j]:
			j++
		case in[i] == '\\' && i+1 < len(in) && in[i+1] == ':':
			// removed escape
		default:
			return false
		}
	}
	return j == len(out)
}

func isName(s string) bool {
	if s == "" || !isNamePart(s[0]) || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isNamePart(s[i]) {
			return false
		}
	}
	return true
}

func isNamePart(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func TestDroppedEscapes(t *testing.T) {
	for _, tc := range []struct {
		in, out string
		want    bool
	}{
		{"", "", true},
		{"abc", "abc", true},
		{`\:`, ":", true},
		{`\:`, `\:`, true},
		{`\\:`, `\:`, true},
		{`\\:`, ":", false}, // only the backslash touching ':' may go
		{`\a`, "a", false},
		{`a\`, "a", false},
		{"abc", "ab", false},
		{"ab", "abc", false},
		{`\:\:`, `:\:`, true},
	} {
		if got := droppedEscapes(tc.in, tc.out); got != tc.want {
			t.Errorf("droppedEscapes(%q, %q) = %t, want %t", tc.in, tc.out, got, tc.want)
		}
	}
}

func FuzzScan(f *testing.F) {
	for _, tc := range scanTests {
		f.Add(tc.sql)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		checkScan(t, sql, bind.Scan(sql))
	})
}

func BenchmarkScan(b *testing.B) {
	for _, bc := range []struct{ name, sql string }{
		{"plain", "SELECT id, name, email FROM users WHERE active AND created_at > now() - interval '1 day' ORDER BY id"},
		{"params", "SELECT * FROM users WHERE id = :id AND name = :name AND age > :min_age::int ORDER BY :order"},
		{"quoted", `SELECT ':not', "also:not", /* :nor */ x FROM t WHERE a = :a -- :comment` + "\n"},
		{"escapes", `SELECT '\:x', \:y, :z FROM t WHERE a \: :b`},
		{"long", strings.Repeat("UPDATE t SET a = :a, b = 'x:y' WHERE id = :id;\n", 100)},
		{"long escapes", strings.Repeat(`\:a :b `, 1000)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.sql)))
			for b.Loop() {
				bind.Scan(bc.sql)
			}
		})
	}
}
