package yugabyte

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/seed13bb6a42/strata/ast"
)

// YugabyteDB's DDL extensions travel as ast.TableOption values for the dialect
// "yugabyte", built by the helpers below, so that they live on the ast.Table that
// every schema statement (CreateAll, CREATE INDEX, reflection) already carries, and
// so that other dialects ignore them. An option's Value is text in a small,
// SQL-like notation that the dialect parses and validates before it writes anything:
// a hand-written option is checked like a built one, and nothing in a Value reaches
// the SQL unparsed.
//
//	option name                  value                         clause
//	"primary key"                `(a, b) HASH, c DESC`         PRIMARY KEY ((a, b) HASH, c DESC)
//	"split into"                 `8`                           SPLIT INTO 8 TABLETS
//	"split at"                   `(100), (200, 'x')`           SPLIT AT VALUES ((100), (200, 'x'))
//	"colocation"                 `true` or `false`             WITH (COLOCATION = true)
//	"tablegroup"                 `name`                        TABLEGROUP name
//	"tablespace"                 `name`                        TABLESPACE name
//	"index <ix> key"             `a HASH, b ASC`               CREATE INDEX ix ON t (a HASH, b ASC)
//	"index <ix> split into"      `4`                           … SPLIT INTO 4 TABLETS
//	"index <ix> split at"        `('m')`                       … SPLIT AT VALUES (('m'))
//	"index <ix> tablespace"      `name`                        … TABLESPACE name
//
// In a key, names are column names as declared, double-quoted when they are not
// lower-case words (with "" for a quote); in split rows, values are numbers,
// 'strings' (with '' for a quote), TRUE, FALSE, MINVALUE and MAXVALUE. A table
// gives each option once (names compare case-insensitively): a repeat is an error.

// The option names of a table's clauses.
const (
	OptPrimaryKey = "primary key"
	OptSplitInto  = "split into"
	OptSplitAt    = "split at"
	OptColocation = "colocation"
	OptTablegroup = "tablegroup"
	OptTablespace = "tablespace"
)

// The suffixes of an index's option names, after "index <name> ".
const (
	optIndexKey = "key"
)

// A Sharding says how DocDB distributes one key column.
type Sharding uint8

// The shardings.
const (
	Hash Sharding = iota + 1 // rows spread by a hash of the column (group): HASH
	Asc                      // rows kept in ascending order of the column: ASC (range sharding)
	Desc                     // rows kept in descending order of the column: DESC (range sharding)
)

func (s Sharding) String() string {
	switch s {
	case Hash:
		return "HASH"
	case Asc:
		return "ASC"
	case Desc:
		return "DESC"
	}
	return "Sharding(" + strconv.Itoa(int(s)) + ")"
}

// A KeyPart is one element of a YugabyteDB primary key or index key: a group of
// columns hashed together, which can only lead the key, or one range column.
type KeyPart struct {
	Columns  []string // the hash group's columns; exactly one for Asc and Desc
	Sharding Sharding
}

// HashKey returns the hash group of a key: (columns…) HASH. A key has at most one,
// and it comes first.
func HashKey(columns ...string) KeyPart { return KeyPart{Columns: columns, Sharding: Hash} }

// AscKey returns a range column in ascending order: column ASC.
func AscKey(column string) KeyPart { return KeyPart{Columns: []string{column}, Sharding: Asc} }

// DescKey returns a range column in descending order: column DESC.
func DescKey(column string) KeyPart { return KeyPart{Columns: []string{column}, Sharding: Desc} }

// PrimaryKey returns the option that shards the table's primary key as parts say:
//
//	yugabyte.PrimaryKey(yugabyte.HashKey("region", "customer"), yugabyte.DescKey("placed"))
//
// gives PRIMARY KEY ((region, customer) HASH, placed DESC). The parts name the
// primary key's columns in key order; they may stop early, and the columns after
// them keep YugabyteDB's default (range, ascending). The table still declares its
// primary key the usual way (ast.PrimaryKeyOf or ast.PrimaryKey()).
func PrimaryKey(parts ...KeyPart) ast.TableOption {
	return ast.DialectOption(Name, OptPrimaryKey, FormatKey(parts))
}

// IndexKey returns the option that shards the table's index named index (its own
// name, or the one the naming convention gives it) as parts say. The parts name the
// index's columns in order and may stop early; the index's parts must be columns.
func IndexKey(index string, parts ...KeyPart) ast.TableOption {
	return ast.DialectOption(Name, indexOption(index, optIndexKey), FormatKey(parts))
}

// SplitInto returns the option that presplits a hash-sharded table into n tablets
// (1 to math.MaxInt32): SPLIT INTO n TABLETS.
func SplitInto(n int) ast.TableOption {
	return ast.DialectOption(Name, OptSplitInto, strconv.Itoa(n))
}

// IndexSplitInto presplits the hash-sharded index named index into n tablets.
func IndexSplitInto(index string, n int) ast.TableOption {
	return ast.DialectOption(Name, indexOption(index, OptSplitInto), strconv.Itoa(n))
}

// SplitAt returns the option that presplits a range-sharded table at the given
// primary-key values: SPLIT AT VALUES ((…), (…)). Each row holds values of the
// leading key columns, in key order; key columns a row leaves out split at their
// lowest value. Values are Go integers, floats, strings, booleans, times, MinValue
// and MaxValue; a value of another type, or a time before year 1, makes compiling
// the table fail.
func SplitAt(rows ...[]any) ast.TableOption {
	return ast.DialectOption(Name, OptSplitAt, formatRows(rows))
}

// IndexSplitAt presplits the range-sharded index named index at the given values.
func IndexSplitAt(index string, rows ...[]any) ast.TableOption {
	return ast.DialectOption(Name, indexOption(index, OptSplitAt), formatRows(rows))
}

// Colocation returns the option WITH (COLOCATION = on). In a colocated database,
// false gives the table tablets of its own; true keeps it in the database's shared
// tablet, which is the default there. In a database that is not colocated, true has
// no effect: the table gets tablets of its own. The dialect cannot tell which kind
// of database it compiles for, so it takes true as colocated when checking sharding
// and splits.
func Colocation(on bool) ast.TableOption {
	return ast.DialectOption(Name, OptColocation, strconv.FormatBool(on))
}

// Tablegroup returns the option that places the table in a tablegroup (created
// beforehand with CREATE TABLEGROUP name): TABLEGROUP name. Tables of a tablegroup
// share its tablet, so they are range-sharded and cannot be split.
func Tablegroup(name string) ast.TableOption {
	return ast.DialectOption(Name, OptTablegroup, name)
}

// Tablespace returns the option that stores the table in a tablespace, which in
// YugabyteDB says where the replicas live (its replica_placement): TABLESPACE name.
func Tablespace(name string) ast.TableOption {
	return ast.DialectOption(Name, OptTablespace, name)
}

// IndexTablespace stores the index named index in a tablespace.
func IndexTablespace(index, name string) ast.TableOption {
	return ast.DialectOption(Name, indexOption(index, OptTablespace), name)
}

// A Bound is the lowest or highest value of a key column, for split rows.
type Bound struct{ max bool }

// MinValue and MaxValue stand for a key column's lowest and highest values in
// SplitAt rows: MINVALUE and MAXVALUE.
var (
	MinValue = Bound{}
	MaxValue = Bound{max: true}
)

func indexOption(index, what string) string { return "index " + index + " " + what }

// FormatKey writes parts in the notation of key options, such as `(a, b) HASH, c DESC`.
// It writes what it is given; ParseKey (and compiling) report parts that make no key.
func FormatKey(parts []KeyPart) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteString(", ")
		}
		if len(p.Columns) == 1 {
			b.WriteString(quoteKeyName(p.Columns[0]))
		} else {
			b.WriteByte('(')
			for j, c := range p.Columns {
				if j > 0 {
					b.WriteString(", ")
				}
				b.WriteString(quoteKeyName(c))
			}
			b.WriteByte(')')
		}
		if p.Sharding != 0 {
			b.WriteByte(' ')
			b.WriteString(p.Sharding.String())
		}
	}
	return b.String()
}

// quoteKeyName quotes a column name unless it is a lower-case word.
func quoteKeyName(s string) string {
	plain := s != ""
	for i := 0; i < len(s) && plain; i++ {
		c := s[i]
		plain = 'a' <= c && c <= 'z' || c == '_' || i > 0 && '0' <= c && c <= '9'
	}
	if plain {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// ParseKey reads a key option's value (see FormatKey) and checks that it makes a
// key: one hash group at most, leading; one column per range part; no column twice.
func ParseKey(s string) ([]KeyPart, error) {
	lx := lexer{s: s}
	var parts []KeyPart
	seen := map[string]bool{}
	for {
		var p KeyPart
		switch t := lx.next(); {
		case t.kind == '(':
			for {
				name := lx.next()
				if !isName(name) {
					return nil, lx.errorf(name, "a column name")
				}
				p.Columns = append(p.Columns, name.text)
				sep := lx.next()
				if sep.kind == ')' {
					break
				}
				if sep.kind != ',' {
					return nil, lx.errorf(sep, "',' or ')'")
				}
			}
		case isName(t):
			p.Columns = []string{t.text}
		default:
			return nil, lx.errorf(t, "a column name or '('")
		}
		kw := lx.next()
		switch {
		case kw.kind == 'w' && strings.EqualFold(kw.text, "hash"):
			p.Sharding = Hash
		case kw.kind == 'w' && strings.EqualFold(kw.text, "asc"):
			p.Sharding = Asc
		case kw.kind == 'w' && strings.EqualFold(kw.text, "desc"):
			p.Sharding = Desc
		default:
			return nil, lx.errorf(kw, "HASH, ASC or DESC after "+strings.Join(p.Columns, ", "))
		}
		switch {
		case p.Sharding != Hash && len(p.Columns) != 1:
			return nil, fmt.Errorf("key %q: only a hash group takes several columns; %s is one column each", s, p.Sharding)
		case p.Sharding == Hash && len(parts) > 0:
			return nil, fmt.Errorf("key %q: the hash columns must form one group that leads the key", s)
		}
		for _, c := range p.Columns {
			if seen[c] {
				return nil, fmt.Errorf("key %q names column %s twice", s, c)
			}
			seen[c] = true
		}
		parts = append(parts, p)
		switch sep := lx.next(); sep.kind {
		case 0:
			return parts, nil
		case ',':
		default:
			return nil, lx.errorf(sep, "',' or the end")
		}
	}
}

// A splitValue is one value of a split row: a number, a string literal's content,
// or a keyword (TRUE, FALSE, MINVALUE, MAXVALUE).
type splitValue struct {
	kind byte // 'n' number, 's' string, 'k' keyword
	text string
}

// formatRows writes split rows in the notation of split options.
func formatRows(rows [][]any) string {
	var b strings.Builder
	for i, row := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j, v := range row {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString(formatValue(v))
		}
		b.WriteByte(')')
	}
	return b.String()
}

// formatValue writes one split value. A value with no literal form is written as
// ! and the quoted reason (see unwritable), which parseRows reports.
func formatValue(v any) string {
	switch x := v.(type) {
	case Bound:
		if x.max {
			return "MAXVALUE"
		}
		return "MINVALUE"
	case string:
		return "'" + strings.ReplaceAll(x, "'", "''") + "'"
	case bool:
		if x {
			return "TRUE"
		}
		return "FALSE"
	case time.Time:
		if x.Year() < 1 {
			// Go writes year 0 (1 BC) and earlier as -0005-…, which PostgreSQL rejects.
			return unwritable("split value " + x.String() + " is before year 1, which SPLIT AT cannot write")
		}
		layout := "2006-01-02 15:04:05.999999-07:00"
		if _, off := x.Zone(); off%60 != 0 {
			layout += ":00" // keep the seconds of an offset such as +00:19:32 (Amsterdam before 1937)
		}
		return "'" + x.Format(layout) + "'"
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(rv.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		if f := rv.Float(); !math.IsNaN(f) && !math.IsInf(f, 0) {
			// The shortest text that reads back as the same value of its own size:
			// float32(0.1) is 0.1, not 0.10000000149011612.
			return strconv.FormatFloat(f, 'g', -1, rv.Type().Bits())
		}
	}
	return unwritable("split value of Go type " + fmt.Sprintf("%T", v) +
		" has no literal form (use integers, floats, strings, booleans, times, MinValue or MaxValue)")
}

// unwritable returns the mark formatValue leaves for a value it cannot write: ! and
// the quoted reason, which parseRows reports when the table is compiled.
func unwritable(reason string) string { return "!" + strconv.Quote(reason) }

// parseRows reads a split option's value: one or more parenthesised rows of values.
func parseRows(s string) ([][]splitValue, error) {
	lx := lexer{s: s}
	var rows [][]splitValue
	for {
		if t := lx.next(); t.kind != '(' {
			return nil, lx.errorf(t, "'(' opening a split row")
		}
		var row []splitValue
		for {
			t := lx.next()
			switch {
			case t.kind == 'n', t.kind == 's':
				row = append(row, splitValue{kind: t.kind, text: t.text})
			case t.kind == 'w' && isSplitKeyword(t.text):
				row = append(row, splitValue{kind: 'k', text: strings.ToUpper(t.text)})
			case t.kind == '!':
				return nil, errorString(t.text)
			default:
				return nil, lx.errorf(t, "a number, a 'string', TRUE, FALSE, MINVALUE or MAXVALUE")
			}
			sep := lx.next()
			if sep.kind == ')' {
				break
			}
			if sep.kind != ',' {
				return nil, lx.errorf(sep, "',' or ')'")
			}
		}
		rows = append(rows, row)
		switch sep := lx.next(); sep.kind {
		case 0:
			return rows, nil
		case ',':
		default:
			return nil, lx.errorf(sep, "',' or the end")
		}
	}
}

func isSplitKeyword(w string) bool {
	switch strings.ToUpper(w) {
	case "TRUE", "FALSE", "MINVALUE", "MAXVALUE":
		return true
	}
	return false
}

// A token of the option notation. kind is one of ( ) , and 'i' (a name: a word or
// a quoted name), 'w' (a word, also offered as a name), 'n' (a number), 's' (a
// string's content), '!' (why a value could not be written), 0 (the end) or '?' (a
// character that belongs to nothing).
type token struct {
	kind byte
	text string
	pos  int
}

type lexer struct {
	s   string
	pos int
	err error
}

func (lx *lexer) errorf(t token, want string) error {
	if lx.err != nil {
		return lx.err
	}
	got := "the end"
	if t.kind != 0 {
		got = strconv.Quote(lx.s[t.pos:min(len(lx.s), t.pos+12)])
	}
	return fmt.Errorf("option value %q: want %s at offset %d, found %s", lx.s, want, t.pos, got)
}

func (lx *lexer) next() token {
	s := lx.s
	for lx.pos < len(s) && (s[lx.pos] == ' ' || s[lx.pos] == '\t' || s[lx.pos] == '\n') {
		lx.pos++
	}
	start := lx.pos
	if start >= len(s) {
		return token{pos: start}
	}
	c := s[start]
	switch {
	case c == '(' || c == ')' || c == ',':
		lx.pos++
		return token{kind: c, pos: start}
	case c == '"' || c == '\'':
		var b strings.Builder
		for i := start + 1; i < len(s); i++ {
			if s[i] != c {
				b.WriteByte(s[i])
				continue
			}
			if i+1 < len(s) && s[i+1] == c {
				b.WriteByte(c)
				i++
				continue
			}
			lx.pos = i + 1
			kind := byte('i')
			if c == '\'' {
				kind = 's'
			}
			return token{kind: kind, text: b.String(), pos: start}
		}
		lx.err = fmt.Errorf("option value %q: unterminated quote at offset %d", s, start)
		lx.pos = len(s)
		return token{kind: '?', pos: start}
	case c == '!':
		if q, err := strconv.QuotedPrefix(s[start+1:]); err == nil {
			lx.pos = start + 1 + len(q)
			name, _ := strconv.Unquote(q)
			return token{kind: '!', text: name, pos: start}
		}
	case c == '-' || c == '.' || '0' <= c && c <= '9':
		end := start + 1
		for end < len(s) {
			ch := s[end]
			switch {
			case '0' <= ch && ch <= '9' || ch == '.':
				end++
				continue
			case ch == 'e' || ch == 'E':
				end++
				if end < len(s) && (s[end] == '+' || s[end] == '-') {
					end++
				}
				continue
			}
			break
		}
		text := s[start:end]
		if f, err := strconv.ParseFloat(text, 64); err == nil && !math.IsInf(f, 0) {
			lx.pos = end
			return token{kind: 'n', text: text, pos: start}
		}
	case c == '_' || 'a' <= c|0x20 && c|0x20 <= 'z':
		end := start + 1
		for end < len(s) && (s[end] == '_' || s[end] == '$' || 'a' <= s[end]|0x20 && s[end]|0x20 <= 'z' || '0' <= s[end] && s[end] <= '9') {
			end++
		}
		lx.pos = end
		return token{kind: 'w', text: s[start:end], pos: start}
	}
	lx.pos = len(s)
	return token{kind: '?', pos: start}
}

// isName reports whether t can be a column name: a word or a quoted name.
func isName(t token) bool { return t.kind == 'i' || t.kind == 'w' }
