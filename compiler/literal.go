package compiler

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/seed13bb6a42/strata/bind"
	"github.com/seed13bb6a42/strata/types"
)

// ANSI returns a dialect with the base rules and standard spellings: double-quoted
// identifiers, ? placeholders, no reserved words beyond SQL's core. It renders SQL for
// reading and testing; real databases use their own dialects.
func ANSI() *Dialect {
	d := &Dialect{
		Name:          "ansi",
		Rules:         ANSIRules(),
		Features:      ansiFeatures,
		DDL:           ^DDLFeature(0) &^ InlineComments,
		Placeholder:   bind.Question,
		QuoteOpen:     '"',
		QuoteClose:    '"',
		FoldsCase:     true,
		TypeName:      ANSITypeName,
		AppendLiteral: LiteralAppender(LiteralStyle{}),
	}
	d.SetReserved(ansiReserved)
	return d
}

const ansiFeatures = Returning | ReturningUpdate | ReturningDelete | OnConflict |
	OnConflictConstraint | ILike | NullsOrdering | AggregateFilter | DistinctOn |
	RightJoin | FullJoin | Lateral | WindowFunctions | FrameGroups | FrameExclude |
	IntersectExcept | SetOpAll | ParenSetMembers | DataModifyingCTE | CTEOnUpdateDelete |
	CTEMaterialized | UpdateFrom | DeleteUsing | ForUpdate | ForShare | ForKeyLocks | LockOf |
	LockNoWait | LockSkipLocked | Rollup | Cube | GroupingSets | WithinGroup | Regexp |
	RegexpFold | IsDistinctFrom | FetchFirst | FetchWithTies | NativeBoolean | DefaultValues |
	ValuesTable | TableFunctions | TupleInList | AnyAllSubquery | DerivedColumnAliases | Sequences |
	DefaultKeyword

var ansiReserved = []string{
	"all", "and", "any", "as", "asc", "between", "both", "by", "case", "cast", "check",
	"collate", "column", "constraint", "create", "cross", "current_date", "current_time",
	"current_timestamp", "current_user", "default", "delete", "desc", "distinct", "else",
	"end", "except", "exists", "false", "fetch", "for", "foreign", "from", "full", "grant",
	"group", "having", "in", "inner", "insert", "intersect", "into", "is", "join", "leading",
	"left", "like", "limit", "natural", "not", "null", "offset", "on", "only", "or", "order",
	"outer", "primary", "references", "right", "select", "session_user", "some", "table",
	"then", "to", "trailing", "true", "union", "unique", "update", "user", "using", "values",
	"when", "where", "window", "with",
}

// ANSITypeName spells t in standard SQL (PostgreSQL's spelling where the standard has none).
func ANSITypeName(t *types.Type, cast bool) (string, error) {
	t = types.Of(t)
	switch t.Kind {
	case types.SmallInt:
		return "SMALLINT", nil
	case types.Int:
		return "INTEGER", nil
	case types.BigInt:
		return "BIGINT", nil
	case types.Float:
		return "REAL", nil
	case types.Double:
		return "DOUBLE PRECISION", nil
	case types.Numeric:
		if t.Precision > 0 {
			return "NUMERIC(" + strconv.Itoa(t.Precision) + ", " + strconv.Itoa(t.Scale) + ")", nil
		}
		return "NUMERIC", nil
	case types.Boolean:
		return "BOOLEAN", nil
	case types.VarChar:
		if t.Length > 0 {
			return "VARCHAR(" + strconv.Itoa(t.Length) + ")", nil
		}
		return "VARCHAR", nil
	case types.Char:
		if t.Length > 0 {
			return "CHAR(" + strconv.Itoa(t.Length) + ")", nil
		}
		return "CHAR", nil
	case types.TextKind:
		return "TEXT", nil
	case types.Date:
		return "DATE", nil
	case types.Time:
		return "TIME" + precision(t), nil
	case types.TimeTZ:
		return "TIME" + precision(t) + " WITH TIME ZONE", nil
	case types.Timestamp:
		return "TIMESTAMP" + precision(t), nil
	case types.TimestampTZ:
		return "TIMESTAMP" + precision(t) + " WITH TIME ZONE", nil
	case types.Interval:
		return "INTERVAL", nil
	case types.Binary:
		return "BYTEA", nil
	case types.JSON:
		return "JSON", nil
	case types.UUID:
		return "UUID", nil
	case types.EnumKind:
		return "VARCHAR(" + strconv.Itoa(enumLength(t)) + ")", nil
	case types.Array:
		elem, err := ANSITypeName(t.Elem, cast)
		if err != nil {
			return "", err
		}
		return elem + "[]", nil
	case types.Unknown:
		return "", errors.New("the type is unknown")
	}
	return "", fmt.Errorf("no spelling for type %s", t)
}

func precision(t *types.Type) string {
	if t.Precision >= 0 {
		return "(" + strconv.Itoa(t.Precision) + ")"
	}
	return ""
}

func enumLength(t *types.Type) int {
	n := 1
	for _, v := range t.Values {
		if l := utf8.RuneCountInString(v); l > n {
			n = l
		}
	}
	return n
}

// A LiteralStyle describes how a dialect spells inline literals.
type LiteralStyle struct {
	BackslashEscapes bool   // backslashes in strings are escapes and must be doubled (MySQL)
	BoolAsInt        bool   // booleans are 1 and 0
	BytesHex         string // prefix of a hex byte-string literal: "X'" (default) or "'\\x"
	BytesSuffix      string // suffix after the hex digits: "'" (default) or "'::bytea"
	NaN              bool   // NaN and infinities have a spelling: 'NaN'::float8
	NULInStrings     bool   // NUL can be written inside a string literal (MySQL \0)
	// TimeLayout spells a time with zone, or of unknown type, when the driver would
	// send it as text in this layout (go-sqlite3); "" for microseconds and an offset.
	TimeLayout string
}

// LiteralAppender returns an AppendLiteral function for a style.
func LiteralAppender(st LiteralStyle) func(b []byte, v any, t *types.Type) ([]byte, error) {
	if st.BytesHex == "" {
		st.BytesHex, st.BytesSuffix = "X'", "'"
	}
	return func(b []byte, v any, t *types.Type) ([]byte, error) { return st.appendLiteral(b, v, t) }
}

func (st LiteralStyle) appendLiteral(b []byte, v any, t *types.Type) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(b, "NULL"...), nil
	case bool:
		switch {
		case st.BoolAsInt && x:
			return append(b, '1'), nil
		case st.BoolAsInt:
			return append(b, '0'), nil
		case x:
			return append(b, "TRUE"...), nil
		}
		return append(b, "FALSE"...), nil
	case int:
		return appendInt(b, int64(x)), nil
	case int8:
		return appendInt(b, int64(x)), nil
	case int16:
		return appendInt(b, int64(x)), nil
	case int32:
		return appendInt(b, int64(x)), nil
	case int64:
		return appendInt(b, x), nil
	case uint8:
		return strconv.AppendUint(b, uint64(x), 10), nil
	case uint16:
		return strconv.AppendUint(b, uint64(x), 10), nil
	case uint32:
		return strconv.AppendUint(b, uint64(x), 10), nil
	case uint:
		return strconv.AppendUint(b, uint64(x), 10), nil
	case uint64:
		return strconv.AppendUint(b, x, 10), nil
	case float32:
		return st.appendFloat(b, float64(x), 32)
	case float64:
		return st.appendFloat(b, x, 64)
	case string:
		if t != nil && t.Kind == types.Binary {
			return st.appendBytes(b, []byte(x)), nil
		}
		return st.appendString(b, x)
	case []byte:
		if t != nil && t.Kind == types.JSON {
			return st.appendString(b, string(x))
		}
		return st.appendBytes(b, x), nil
	case json.RawMessage:
		return st.appendString(b, string(x))
	case time.Time:
		if st.TimeLayout != "" && (t == nil || t.Kind == types.TimestampTZ || t.Kind == types.Unknown) {
			return st.appendString(b, x.Format(st.TimeLayout))
		}
		return st.appendString(b, formatTime(x, t))
	case time.Duration:
		return st.appendString(b, x.String())
	case [16]byte:
		var s [36]byte
		hex.Encode(s[0:8], x[0:4])
		s[8] = '-'
		hex.Encode(s[9:13], x[4:6])
		s[13] = '-'
		hex.Encode(s[14:18], x[6:8])
		s[18] = '-'
		hex.Encode(s[19:23], x[8:10])
		s[23] = '-'
		hex.Encode(s[24:], x[10:])
		return st.appendString(b, string(s[:]))
	case fmt.Stringer:
		return st.appendString(b, x.String())
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return appendInt(b, rv.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.AppendUint(b, rv.Uint(), 10), nil
	case reflect.Float32, reflect.Float64:
		return st.appendFloat(b, rv.Float(), 64)
	case reflect.String:
		return st.appendString(b, rv.String())
	case reflect.Bool:
		return st.appendLiteral(b, rv.Bool(), t)
	case reflect.Pointer:
		if rv.IsNil() {
			return append(b, "NULL"...), nil
		}
		return st.appendLiteral(b, rv.Elem().Interface(), t)
	}
	return b, fmt.Errorf("no literal form for a value of type %T", v)
}

func appendInt(b []byte, n int64) []byte {
	if n < 0 { // parenthesised so that "- -1" can never become a "--" comment
		b = append(b, '(')
		b = strconv.AppendInt(b, n, 10)
		return append(b, ')')
	}
	return strconv.AppendInt(b, n, 10)
}

func (st LiteralStyle) appendFloat(b []byte, f float64, bits int) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		if !st.NaN {
			return b, fmt.Errorf("%v has no SQL literal in this dialect", f)
		}
		switch {
		case math.IsNaN(f):
			return append(b, "'NaN'::float8"...), nil
		case f > 0:
			return append(b, "'Infinity'::float8"...), nil
		}
		return append(b, "'-Infinity'::float8"...), nil
	}
	neg := math.Signbit(f) // -0.0 too: "- -0.0" must not become a "--" comment
	if neg {
		b = append(b, '(')
	}
	start := len(b)
	b = strconv.AppendFloat(b, f, 'g', -1, bits)
	if !hasFloatMark(b[start:]) {
		b = append(b, ".0"...) // keep it a non-integer literal: 2.0 / 4 must not divide integers
	}
	if neg {
		b = append(b, ')')
	}
	return b, nil
}

func hasFloatMark(b []byte) bool {
	for _, c := range b {
		if c == '.' || c == 'e' || c == 'E' {
			return true
		}
	}
	return false
}

func (st LiteralStyle) appendString(b []byte, s string) ([]byte, error) {
	if !utf8.ValidString(s) {
		return b, errors.New("string literal is not valid UTF-8")
	}
	b = append(b, '\'')
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; ch {
		case '\'':
			b = append(b, "''"...)
		case '\\':
			if st.BackslashEscapes {
				b = append(b, '\\')
			}
			b = append(b, '\\')
		case 0:
			if !st.NULInStrings {
				return b, errors.New("string literal contains a NUL byte, which this dialect cannot store in text")
			}
			b = append(b, `\0`...)
		default:
			b = append(b, ch)
		}
	}
	return append(b, '\''), nil
}

func (st LiteralStyle) appendBytes(b []byte, p []byte) []byte {
	b = append(b, st.BytesHex...)
	b = hex.AppendEncode(b, p)
	return append(b, st.BytesSuffix...)
}

func formatTime(x time.Time, t *types.Type) string {
	kind := types.TimestampTZ
	if t != nil {
		kind = t.Kind
	}
	switch kind {
	case types.Date:
		return x.Format("2006-01-02")
	case types.Time:
		return x.Format("15:04:05.999999")
	case types.Timestamp:
		return x.Format("2006-01-02 15:04:05.999999")
	}
	return x.Format("2006-01-02 15:04:05.999999-07:00")
}
