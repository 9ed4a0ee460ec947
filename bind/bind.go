// Package bind declares bind-parameter placeholder styles and the scanning of named
// parameters in raw SQL text.
//
// Bind values are never spliced into SQL text: a statement carries placeholders in the
// dialect's style and its values travel separately to the driver.
package bind

import "strconv"

// A Style is a placeholder style.
type Style uint8

// The placeholder styles.
const (
	Question Style = iota // ? — SQLite, MySQL/MariaDB; positional, a value repeated per use
	Dollar                // $1, $2 — PostgreSQL and its family; a number may be reused
	Colon                 // :name — named placeholders (Oracle-style drivers)
	AtP                   // @p1, @p2 — SQL Server style numbered placeholders
)

// String names the style.
func (s Style) String() string {
	switch s {
	case Question:
		return "question"
	case Dollar:
		return "dollar"
	case Colon:
		return "colon"
	case AtP:
		return "at-p"
	}
	return "style(" + strconv.Itoa(int(s)) + ")"
}

// Numbered reports whether placeholders carry a number, so that one value can be
// referenced from several places in a statement.
func (s Style) Numbered() bool { return s == Dollar || s == AtP }

// Append appends the placeholder for the n-th value (1-based) named name to b.
// Positional styles ignore the name; Colon uses it and falls back to "pN" when empty.
func (s Style) Append(b []byte, n int, name string) []byte {
	switch s {
	case Dollar:
		b = append(b, '$')
		return strconv.AppendInt(b, int64(n), 10)
	case AtP:
		b = append(b, "@p"...)
		return strconv.AppendInt(b, int64(n), 10)
	case Colon:
		b = append(b, ':')
		if name == "" {
			b = append(b, 'p')
			return strconv.AppendInt(b, int64(n), 10)
		}
		return append(b, name...)
	}
	return append(b, '?')
}

// Params holds named parameter values supplied at execution time.
type Params map[string]any
