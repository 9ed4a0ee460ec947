package benchmarks

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// knownDifferences are the peers whose SQL means the same as Strata's but cannot be
// brought to the same canonical text; for them only the arguments are compared, as
// multisets.
var knownDifferences = map[string]string{
	"Q5/goqu": "goqu.Record is a map: SET lists the columns in key order (email, name)",
	"Q5/jet":  "jet assigns a row: SET (name, email) = ($1, $2)",
}

// TestPrintSQL prints every library's SQL and arguments; run it with -v.
func TestPrintSQL(t *testing.T) {
	for _, q := range Workload {
		s, a, err := StrataSQL(q.Strata())
		t.Logf("%s %-10s %s\n\targs %v %v", q.Name, "strata", s, short(a), err)
		s, a, err = q.Hand()
		t.Logf("%s %-10s %s\n\targs %v %v", q.Name, "hand", s, short(a), err)
		for _, p := range q.Peers {
			s, a, err := p.Build()
			t.Logf("%s %-10s %s\n\targs %v %v", q.Name, p.Name, s, short(a), err)
		}
	}
}

func short(a []any) []any {
	if len(a) > 12 {
		return append(slices.Clip(a[:12]), fmt.Sprintf("… (%d in all)", len(a)))
	}
	return a
}

// TestPeersMatchStrata checks that every builder produces Strata's statement: the
// hand-written one exactly, the peers up to spelling (see canonical), with the same
// number of placeholders and the same arguments. bun, which writes values into the
// text, is compared with Strata's SQL with its arguments written in the same way.
func TestPeersMatchStrata(t *testing.T) {
	for _, q := range Workload {
		want, wantArgs, err := StrataSQL(q.Strata())
		if err != nil {
			t.Fatalf("%s: strata: %v", q.Name, err)
		}
		if n := placeholders(want); n != len(wantArgs) {
			t.Errorf("%s: strata has %d placeholders and %d arguments", q.Name, n, len(wantArgs))
		}
		got, gotArgs, err := q.Hand()
		if err != nil || got != want || !sameArgs(gotArgs, wantArgs, false) {
			t.Errorf("%s: hand-written differs from Strata:\n got %s %v %v\nwant %s %v", q.Name, got, gotArgs, err, want, wantArgs)
		}
		for _, p := range q.Peers {
			name := q.Name + "/" + p.Name
			got, gotArgs, err := p.Build()
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if !p.Binds {
				if len(gotArgs) != 0 || placeholders(got) != 0 {
					t.Errorf("%s: expected values in the text, got %d placeholders and args %v", name, placeholders(got), gotArgs)
				}
				if g, w := canonical(got), canonical(inline(want, wantArgs)); g != w {
					t.Errorf("%s differs from Strata with values inlined:\n got %s\nwant %s", name, g, w)
				}
				continue
			}
			if n := placeholders(got); n != len(wantArgs) || len(gotArgs) != len(wantArgs) {
				t.Errorf("%s: %d placeholders and %d arguments, Strata has %d", name, n, len(gotArgs), len(wantArgs))
			}
			if why, ok := knownDifferences[name]; ok {
				if !sameArgs(gotArgs, wantArgs, true) {
					t.Errorf("%s: arguments %v, Strata's %v", name, gotArgs, wantArgs)
				}
				t.Logf("%s: text not compared: %s", name, why)
				continue
			}
			if !sameArgs(gotArgs, wantArgs, false) {
				t.Errorf("%s: arguments %v, Strata's %v", name, short(gotArgs), short(wantArgs))
			}
			if g, w := canonical(got), canonical(want); g != w {
				t.Errorf("%s differs from Strata:\n got %s\nwant %s", name, g, w)
			}
		}
	}
}

var placeholderRE = regexp.MustCompile(`\$(\d+)`)

// placeholders returns the number of distinct $n placeholders in s, checking that
// they are $1…$n.
func placeholders(s string) int {
	seen := map[string]bool{}
	for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
		seen[m[1]] = true
	}
	for i := 1; i <= len(seen); i++ {
		if !seen[strconv.Itoa(i)] {
			return -1
		}
	}
	return len(seen)
}

// sameArgs compares argument lists by their printed values (peers pass int where
// Strata's converters give int64, jet passes float64 for a numeric comparison).
func sameArgs(a, b []any, anyOrder bool) bool {
	pa, pb := printed(a), printed(b)
	if anyOrder {
		slices.Sort(pa)
		slices.Sort(pb)
	}
	return slices.Equal(pa, pb)
}

func printed(args []any) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = fmt.Sprint(a)
	}
	return out
}

// inline writes args into s in place of their placeholders, as bun writes values.
func inline(s string, args []any) string {
	return placeholderRE.ReplaceAllStringFunc(s, func(m string) string {
		n, _ := strconv.Atoi(m[1:])
		switch v := args[n-1].(type) {
		case string:
			return "'" + strings.ReplaceAll(v, "'", "''") + "'"
		case bool:
			return strings.ToUpper(strconv.FormatBool(v))
		default:
			return fmt.Sprint(v)
		}
	})
}

var (
	castRE      = regexp.MustCompile(`::[a-z]+`)
	qualifierRE = regexp.MustCompile(`\b[a-z_][a-z0-9_]*\.`)
	selfAliasRE = regexp.MustCompile(`\b([a-z_][a-z0-9_]*) as ([a-z_][a-z0-9_]*)\b`)
	spaceRE     = regexp.MustCompile(`\s+`)
)

// canonical spells a statement so that the peers' spellings of one statement compare
// equal: lower case, no identifier quotes, no casts, no table qualifiers (jet also
// names CTE columns after their source), no alias that repeats the column name (jet
// labels every projected column), INNER JOIN as JOIN, and no parentheses, whitespace
// or final semicolon. It is deliberately lossy; TestPrintSQL shows the real text.
func canonical(s string) string {
	s = strings.ToLower(s)
	s = strings.TrimSuffix(strings.TrimSpace(s), ";")
	s = strings.ReplaceAll(s, `"`, "")
	s = castRE.ReplaceAllString(s, "")
	s = qualifierRE.ReplaceAllString(s, "")
	s = spaceRE.ReplaceAllString(s, " ")
	s = selfAliasRE.ReplaceAllStringFunc(s, func(m string) string {
		p := selfAliasRE.FindStringSubmatch(m)
		if p[1] == p[2] {
			return p[1]
		}
		return m
	})
	s = strings.ReplaceAll(s, "inner join", "join")
	return strings.Map(func(r rune) rune {
		switch r {
		case '(', ')', ' ', '\t', '\n':
			return -1
		}
		return r
	}, s)
}
