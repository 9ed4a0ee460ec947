package types

import (
	"database/sql/driver"
	"encoding/hex"
	"encoding/json"
	"math"
	"math/big"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// A ConversionError reports a value that cannot be converted for a type and dialect.
type ConversionError struct {
	Dialect string // the Target's dialect; empty when the target has no name
	Type    *Type  // the type converted to or from
	Value   any    // a short description such as "string (len 12)", never the value itself
	Reason  string // why the conversion failed
	Err     error  // the error of a Value method, decorator or json.Marshal; or nil
}

// Error returns a message such as
// "types: cannot convert float64 NaN to double for mysql: the server has no NaN".
func (e *ConversionError) Error() string {
	desc, ok := e.Value.(string)
	if !ok {
		desc = describe(e.Value)
	}
	var b strings.Builder
	b.WriteString("types: cannot convert ")
	b.WriteString(desc)
	b.WriteString(" to ")
	b.WriteString(e.Type.String())
	if e.Dialect != "" {
		b.WriteString(" for ")
		b.WriteString(e.Dialect)
	}
	b.WriteString(": ")
	b.WriteString(e.Reason)
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying error, if any.
func (e *ConversionError) Unwrap() error { return e.Err }

// fail builds a ConversionError. Values are described, not kept: they may be large
// or secret, and errors end up in logs.
func (t *Type) fail(tg Target, v any, reason string, err error) error {
	return &ConversionError{Dialect: tg.Dialect, Type: t, Value: describe(v), Reason: reason, Err: err}
}

// describe returns a Go type name, with a length for strings and slices and the value
// for the special floats, whose value is the reason for most of their errors.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case string:
		return "string (len " + strconv.Itoa(len(x)) + ")"
	case []byte:
		return "[]byte (len " + strconv.Itoa(len(x)) + ")"
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "float64 " + strconv.FormatFloat(x, 'g', -1, 64)
		}
	case float32:
		if f := float64(x); math.IsNaN(f) || math.IsInf(f, 0) {
			return "float32 " + strconv.FormatFloat(f, 'g', -1, 32)
		}
	}
	rv := reflect.ValueOf(v)
	name := rv.Type().String()
	switch rv.Kind() {
	case reflect.String, reflect.Slice, reflect.Array, reflect.Map:
		name += " (len " + strconv.Itoa(rv.Len()) + ")"
	}
	return name
}

// A stringer is fmt.Stringer, declared here so that the conversion path never links fmt.
type stringer interface{ String() string }

var (
	valuerType = reflect.TypeFor[driver.Valuer]()
	timeType   = reflect.TypeFor[time.Time]()
)

// ToDriver converts v, an application value for a column of type t, into a value the
// target's driver accepts: nil, int64, float64, bool, []byte, string or time.Time.
//
// A nil t is Unknown. A nil v, a nil pointer and a nil []byte become nil (NULL)
// without reaching a Decorator. A Decorator's ToDriver runs first and its result is
// converted as the base type. Values implementing driver.Valuer are resolved with
// Value, then pointers are dereferenced. Failures are *ConversionError values.
func (t *Type) ToDriver(v any, tg Target) (driver.Value, error) {
	if v == nil {
		return nil, nil
	}
	t = Of(t)
	if t.Decorator != nil {
		if isNilPointer(v) {
			return nil, nil
		}
		u, err := t.Decorator.ToDriver(v)
		if err != nil {
			return nil, t.fail(tg, v, "decorator failed", err)
		}
		if u == nil {
			return nil, nil
		}
		v = u
	}
	return t.toDriver(v, tg)
}

// toDriver converts v as t's base type, ignoring t.Decorator. Each kind's converter
// handles the common concrete types in a type switch and leaves the rest to slowToDriver.
func (t *Type) toDriver(v any, tg Target) (driver.Value, error) {
	switch t.Kind {
	case SmallInt, Int, BigInt:
		return t.intToDriver(v, tg)
	case Float, Double:
		return t.floatToDriver(v, tg)
	case Numeric:
		return t.numericToDriver(v, tg)
	case Boolean:
		return t.boolToDriver(v, tg)
	case VarChar, Char, TextKind, EnumKind:
		return t.stringToDriver(v, tg)
	case Date, Time, TimeTZ, Timestamp, TimestampTZ:
		return t.timeToDriver(v, tg)
	case Interval:
		return t.intervalToDriver(v, tg)
	case Binary:
		return t.binaryToDriver(v, tg)
	case JSON:
		return t.jsonToDriver(v, tg)
	case UUID:
		return t.uuidToDriver(v, tg)
	case Array:
		return t.arrayToDriver(v, tg)
	}
	return t.unknownToDriver(v, tg)
}

// slowToDriver handles values outside a kind's fast path: it resolves driver.Valuers,
// nil pointers, Stringers (for the kinds written as text) and json.Marshalers (for
// JSON), then dereferences pointers and finally reduces named types to their
// underlying basic type, retrying the kind's converter after each step.
func (t *Type) slowToDriver(v any, tg Target) (driver.Value, error) {
	if vr, ok := v.(driver.Valuer); ok {
		u, err := callValuer(vr)
		if err != nil {
			return nil, t.fail(tg, v, "Value failed", err)
		}
		if u == nil {
			return nil, nil
		}
		if _, again := u.(driver.Valuer); again {
			// Guards against a Value method returning its receiver, which would loop.
			return nil, t.fail(tg, v, "Value returned another driver.Valuer", nil)
		}
		return t.toDriver(u, tg)
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && rv.IsNil() {
		return nil, nil
	}
	switch {
	case t.Kind == Numeric || t.Kind.IsString() || t.Kind == UUID:
		// Checked before dereferencing: String is often declared on the pointer
		// (*big.Int, decimal types).
		if s, ok := v.(stringer); ok && !isTime(v) {
			return t.toDriver(s.String(), tg)
		}
	case t.Kind == JSON:
		if _, ok := v.(json.Marshaler); ok {
			return t.marshalJSON(v, tg)
		}
	}
	if rv.Kind() == reflect.Pointer {
		return t.toDriver(rv.Elem().Interface(), tg)
	}
	return t.namedToDriver(rv, v, tg)
}

func isNilPointer(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// isTime reports whether v is a time.Time or points to one: its String method is for
// debugging, not for storing.
func isTime(v any) bool {
	switch v.(type) {
	case time.Time, *time.Time:
		return true
	}
	return false
}

// callValuer calls vr.Value, except on a nil pointer whose element type has the method:
// that is NULL, as in database/sql, rather than a panic.
func callValuer(vr driver.Valuer) (driver.Value, error) {
	if rv := reflect.ValueOf(vr); rv.Kind() == reflect.Pointer && rv.IsNil() &&
		rv.Type().Elem().Implements(valuerType) {
		return nil, nil
	}
	return vr.Value()
}

// namedToDriver converts a value of a named type (type MyInt int) by converting it to
// its underlying basic type. Arrays and JSON documents take any Go shape instead.
func (t *Type) namedToDriver(rv reflect.Value, v any, tg Target) (driver.Value, error) {
	k := rv.Kind()
	switch {
	case t.Kind == Array && (k == reflect.Slice || k == reflect.Array) && rv.Type().Elem().Kind() != reflect.Uint8:
		return t.formatArray(rv, v, tg)
	case t.Kind == Interval && k >= reflect.Int && k <= reflect.Uint64:
		// Plain integers are seconds; a named integer type may well count
		// nanoseconds (type Dur time.Duration), so refuse to guess.
		return nil, t.fail(tg, v, "named integer types are ambiguous: convert to time.Duration", nil)
	}
	var u any
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		u = rv.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		u = rv.Uint()
	case reflect.Float32, reflect.Float64:
		u = rv.Float()
	case reflect.Bool:
		u = rv.Bool()
	case reflect.String:
		u = rv.String()
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			u = rv.Bytes()
		}
	case reflect.Array:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			if t.Kind == UUID && rv.Len() == 16 {
				var a [16]byte
				reflect.Copy(reflect.ValueOf(&a).Elem(), rv)
				u = a
			} else {
				b := make([]byte, rv.Len())
				reflect.Copy(reflect.ValueOf(b), rv)
				u = b
			}
		}
	case reflect.Struct:
		if rv.Type().ConvertibleTo(timeType) {
			u = rv.Convert(timeType).Interface()
		}
	}
	if t.Kind == JSON && k != reflect.String && !(k == reflect.Slice && u != nil) {
		return t.marshalJSON(v, tg)
	}
	if u == nil || reflect.TypeOf(u) == rv.Type() {
		// Unchanged: retrying would loop.
		return nil, t.fail(tg, v, "unsupported Go type", nil)
	}
	return t.toDriver(u, tg)
}

func (t *Type) intToDriver(v any, tg Target) (driver.Value, error) {
	switch x := v.(type) {
	case int64:
		return v, nil
	case int:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case int16:
		return int64(x), nil
	case int8:
		return int64(x), nil
	case uint8:
		return int64(x), nil
	case uint16:
		return int64(x), nil
	case uint32:
		return int64(x), nil
	case uint:
		return t.uintToInt(uint64(x), v, tg)
	case uint64:
		return t.uintToInt(x, v, tg)
	case uintptr:
		return t.uintToInt(uint64(x), v, tg)
	case float64:
		return t.floatToInt(x, v, tg)
	case float32:
		return t.floatToInt(float64(x), v, tg)
	case bool, string, []byte, time.Time, time.Duration:
		// Strings are not parsed: "12" for an integer column is more often a bug
		// than an intention, and the server would coerce it differently per dialect.
		return nil, t.fail(tg, v, "not an integer", nil)
	}
	return t.slowToDriver(v, tg)
}

func (t *Type) uintToInt(u uint64, v any, tg Target) (driver.Value, error) {
	if u > math.MaxInt64 {
		return nil, t.fail(tg, v, "exceeds the int64 range", nil)
	}
	return int64(u), nil
}

func (t *Type) floatToInt(f float64, v any, tg Target) (driver.Value, error) {
	// -2^63 is exact in float64; 2^63 is the first value out of range.
	if f != math.Trunc(f) || f < -(1<<63) || f >= 1<<63 {
		return nil, t.fail(tg, v, "not an integral value in the int64 range", nil)
	}
	return int64(f), nil
}

func (t *Type) floatToDriver(v any, tg Target) (driver.Value, error) {
	var f float64
	out := v
	switch x := v.(type) {
	case float64:
		f = x
	case float32:
		f = float64(x)
		out = f
	case int64:
		return float64(x), nil
	case int:
		return float64(x), nil
	case int32:
		return float64(x), nil
	case int16:
		return float64(x), nil
	case int8:
		return float64(x), nil
	case uint:
		return float64(x), nil
	case uint64:
		return float64(x), nil
	case uint32:
		return float64(x), nil
	case uint16:
		return float64(x), nil
	case uint8:
		return float64(x), nil
	case bool, string, []byte, time.Time, time.Duration:
		return nil, t.fail(tg, v, "not a number", nil)
	default:
		return t.slowToDriver(v, tg)
	}
	if !tg.NaN {
		if reason := nonFinite(f); reason != "" {
			return nil, t.fail(tg, v, reason, nil)
		}
	}
	return out, nil
}

// nonFinite returns the reason to refuse f on a server without NaN and infinities,
// or "" when f is finite.
func nonFinite(f float64) string {
	switch {
	case math.IsNaN(f):
		return "the server has no NaN"
	case math.IsInf(f, 0):
		return "the server has no infinity"
	}
	return ""
}

// numericAsFloat converts a decimal for a target without exact decimals: integers
// stay int64, everything else becomes the nearest float64.
func (t *Type) numericAsFloat(v any, tg Target) (driver.Value, error) {
	exact := tg
	exact.NumericAsFloat = false
	dv, err := t.numericToDriver(v, exact)
	if err != nil {
		return nil, err
	}
	s, ok := dv.(string)
	if !ok {
		return dv, nil // int64 (or a special value the target stores)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, t.fail(tg, v, "not a decimal number", err)
	}
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 && !strings.ContainsAny(s, ".eE") {
		return int64(f), nil
	}
	return f, nil
}

// uintDecimal returns u as an int64 when it fits, else as decimal text.
func uintDecimal(u uint64) driver.Value {
	if u <= math.MaxInt64 {
		return int64(u)
	}
	return strconv.FormatUint(u, 10)
}

func (t *Type) numericToDriver(v any, tg Target) (driver.Value, error) {
	if tg.NumericAsFloat {
		return t.numericAsFloat(v, tg)
	}
	switch x := v.(type) {
	case string:
		if !isDecimal(x) && !(tg.NaN && isSpecialDecimal(x)) {
			return nil, t.fail(tg, v, "not a decimal number", nil)
		}
		return v, nil
	// Integers are exact already: every driver sends an int64 to a decimal column
	// without loss, and not formatting it saves an allocation per value.
	case int64:
		return x, nil
	case int:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case int16:
		return int64(x), nil
	case int8:
		return int64(x), nil
	case uint:
		return uintDecimal(uint64(x)), nil
	case uint64:
		return uintDecimal(x), nil
	case uint32:
		return int64(x), nil
	case uint16:
		return int64(x), nil
	case uint8:
		return int64(x), nil
	case float64:
		return t.floatToDecimal(x, 64, v, tg)
	case float32:
		return t.floatToDecimal(float64(x), 32, v, tg)
	case *big.Int:
		if x == nil {
			return nil, nil
		}
		return x.String(), nil
	case *big.Rat:
		if x == nil {
			return nil, nil
		}
		return t.ratToDecimal(x, v, tg)
	case *big.Float:
		if x == nil {
			return nil, nil
		}
		if x.IsInf() {
			if !tg.NaN {
				return nil, t.fail(tg, v, "the server has no infinity", nil)
			}
			return infinityText(x.Sign()), nil
		}
		return x.Text('f', -1), nil
	case bool, []byte, time.Time, time.Duration:
		return nil, t.fail(tg, v, "not a decimal number", nil)
	}
	return t.slowToDriver(v, tg)
}

// floatToDecimal writes f in the shortest decimal text that reads back as the same
// float of the given bit size, so float32(0.1) is "0.1", not "0.10000000149011612".
func (t *Type) floatToDecimal(f float64, bitSize int, v any, tg Target) (driver.Value, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		if !tg.NaN {
			return nil, t.fail(tg, v, nonFinite(f), nil)
		}
		if math.IsNaN(f) {
			return "NaN", nil
		}
		return infinityText(int(math.Copysign(1, f))), nil
	}
	return strconv.FormatFloat(f, 'f', -1, bitSize), nil
}

// infinityText spells infinity as PostgreSQL's numeric and float types read it.
func infinityText(sign int) string {
	if sign < 0 {
		return "-Infinity"
	}
	return "Infinity"
}

// ratToDecimal writes r exactly when its decimal expansion terminates (the reduced
// denominator has no prime factors but 2 and 5). Otherwise it rounds to t.Scale when
// the type declares a precision, which is what the column would store anyway.
func (t *Type) ratToDecimal(r *big.Rat, v any, tg Target) (driver.Value, error) {
	if r.IsInt() {
		return r.Num().String(), nil
	}
	d := new(big.Int).Set(r.Denom())
	twos := d.TrailingZeroBits()
	d.Rsh(d, twos)
	fives := uint(0)
	five, q, m := big.NewInt(5), new(big.Int), new(big.Int)
	for {
		q.QuoRem(d, five, m)
		if m.Sign() != 0 {
			break
		}
		d.Set(q)
		fives++
	}
	if d.Cmp(big.NewInt(1)) == 0 {
		return r.FloatString(int(max(twos, fives))), nil
	}
	if t.Precision > 0 {
		return r.FloatString(t.Scale), nil
	}
	return nil, t.fail(tg, v, "no exact decimal representation and no declared scale", nil)
}

// isDecimal reports whether s is a plain decimal number: an optional sign, digits with
// an optional point, and an optional exponent. Fractions ("1/3") and hexadecimal,
// which math/big would accept, are refused because servers do not read them.
func isDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && isDigit(s[i]); i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && isDigit(s[i]); i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		start := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i == start {
			return false
		}
	}
	return i == len(s)
}

// isSpecialDecimal reports whether s is one of the spellings of NaN and infinity that
// PostgreSQL's numeric type reads.
func isSpecialDecimal(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "+"), "-")
	return strings.EqualFold(s, "NaN") || strings.EqualFold(s, "Infinity") || strings.EqualFold(s, "Inf")
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func (t *Type) boolToDriver(v any, tg Target) (driver.Value, error) {
	switch x := v.(type) {
	case bool:
		if tg.NativeBool {
			return v, nil
		}
		return boolInt(x), nil
	case int64:
		return t.intToBool(x, v, tg)
	case int:
		return t.intToBool(int64(x), v, tg)
	case int32:
		return t.intToBool(int64(x), v, tg)
	case int16:
		return t.intToBool(int64(x), v, tg)
	case int8:
		return t.intToBool(int64(x), v, tg)
	case uint64:
		return t.intToBool(int64(min(x, 2)), v, tg)
	case uint:
		return t.intToBool(int64(min(x, 2)), v, tg)
	case uint32:
		return t.intToBool(int64(x), v, tg)
	case uint16:
		return t.intToBool(int64(x), v, tg)
	case uint8:
		return t.intToBool(int64(x), v, tg)
	case string, []byte, float64, float32, time.Time, time.Duration:
		return nil, t.fail(tg, v, "not a boolean", nil)
	}
	return t.slowToDriver(v, tg)
}

func (t *Type) intToBool(n int64, v any, tg Target) (driver.Value, error) {
	if n != 0 && n != 1 {
		return nil, t.fail(tg, v, "an integer boolean must be 0 or 1", nil)
	}
	if tg.NativeBool {
		return n == 1, nil
	}
	return n, nil
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func (t *Type) stringToDriver(v any, tg Target) (driver.Value, error) {
	switch x := v.(type) {
	case string:
		if reason := t.checkString(x); reason != "" {
			return nil, t.fail(tg, v, reason, nil)
		}
		return v, nil
	case []byte:
		if !utf8.Valid(x) {
			return nil, t.fail(tg, v, "invalid UTF-8", nil)
		}
		s := string(x)
		if reason := t.checkString(s); reason != "" {
			return nil, t.fail(tg, v, reason, nil)
		}
		return s, nil
	case bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64,
		float32, float64, time.Time, time.Duration:
		return nil, t.fail(tg, v, "not a string", nil)
	}
	return t.slowToDriver(v, tg)
}

// checkString returns why s does not fit t, or "".
func (t *Type) checkString(s string) string {
	if !utf8.ValidString(s) {
		return "invalid UTF-8"
	}
	// The byte length bounds the rune count, which spares counting short strings.
	if t.Length > 0 && len(s) > t.Length && utf8.RuneCountInString(s) > t.Length {
		return "longer than " + strconv.Itoa(t.Length) + " characters"
	}
	if t.Kind == EnumKind && len(t.Values) > 0 && !slices.Contains(t.Values, s) {
		var b strings.Builder
		b.WriteString("not one of ")
		for i, val := range t.Values {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(strconv.Quote(val))
		}
		return b.String()
	}
	return ""
}

func (t *Type) timeToDriver(v any, tg Target) (driver.Value, error) {
	switch x := v.(type) {
	case time.Time:
		if !tg.TimeAsText && (t.Kind != Timestamp && t.Kind != Time || t.Kind == Timestamp && x.Location() == time.UTC) {
			return v, nil // as it came: no new interface value to allocate
		}
		return t.timeValue(x, tg), nil
	case string:
		tm, err := t.parseTime(x, v, tg)
		if err != nil {
			return nil, err
		}
		return t.timeValue(tm, tg), nil
	case bool, []byte, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64,
		float32, float64, time.Duration:
		return nil, t.fail(tg, v, "not a time", nil)
	}
	return t.slowToDriver(v, tg)
}

// timeValue is what a time goes to the driver as. A timestamp without zone stores the
// UTC wall clock of the instant, so that every database keeps the same instant
// (drivers would otherwise keep the local wall clock on some and convert on others);
// a time of day goes as text, which every database reads for its TIME type.
func (t *Type) timeValue(x time.Time, tg Target) driver.Value {
	if t.Kind == Timestamp {
		x = x.UTC()
	}
	if tg.TimeAsText || t.Kind == Time {
		return x.Format(t.textLayout(tg))
	}
	return x
}

// textLayout returns the layout of t's values on a TimeAsText target. Only instants
// use the target's layout: the other kinds have no zone to write.
func (t *Type) textLayout(tg Target) string {
	switch t.Kind {
	case Date:
		return "2006-01-02"
	case Time:
		return "15:04:05.999999999"
	case TimeTZ:
		return "15:04:05.999999999-07:00"
	case Timestamp:
		return "2006-01-02 15:04:05.999999999"
	}
	if tg.TimeLayout != "" {
		return tg.TimeLayout
	}
	return "2006-01-02 15:04:05.999999999-07:00"
}

// timeLayouts are tried in order on text that should hold a time, after the target's
// own layout. Z07:00 also reads "-07:00", and .999999999 also reads no fraction.
var timeLayouts = [...]string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999-07", // PostgreSQL's text output: +00
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02",
	"15:04:05.999999999Z07:00",
	"15:04:05.999999999-07",
	"15:04:05.999999999",
}

// parseTime reads text holding a time. Text without a zone reads as UTC, which keeps
// its wall clock. MySQL's zero dates read as the zero time.Time where tg.ZeroDate
// allows them.
func (t *Type) parseTime(s string, v any, tg Target) (time.Time, error) {
	if strings.HasPrefix(s, "0000-00-00") {
		if tg.ZeroDate {
			return time.Time{}, nil
		}
		return time.Time{}, t.fail(tg, v, "zero date", nil)
	}
	if tg.TimeLayout != "" {
		if tm, err := time.Parse(tg.TimeLayout, s); err == nil {
			return tm, nil
		}
	}
	for _, layout := range timeLayouts {
		if tm, err := time.Parse(layout, s); err == nil {
			return tm, nil
		}
	}
	return time.Time{}, t.fail(tg, v, "not a time in a known layout", nil)
}

func (t *Type) intervalToDriver(v any, tg Target) (driver.Value, error) {
	switch x := v.(type) {
	case time.Duration:
		return formatDuration(x), nil
	case int64:
		return formatSeconds(x), nil
	case int:
		return formatSeconds(int64(x)), nil
	case int32:
		return formatSeconds(int64(x)), nil
	case int16:
		return formatSeconds(int64(x)), nil
	case int8:
		return formatSeconds(int64(x)), nil
	case string:
		// Interval text ("1 day 02:00:00") travels as it is: the server parses it.
		return v, nil
	case bool, []byte, float32, float64, time.Time, uint, uint8, uint16, uint32, uint64:
		return nil, t.fail(tg, v, "not a duration", nil)
	}
	return t.slowToDriver(v, tg)
}

// formatDuration writes d as [-]HH:MM:SS[.ffffff], rounded to the microsecond, the
// resolution of PostgreSQL intervals and MySQL TIME; both read hours beyond 24.
func formatDuration(d time.Duration) string {
	d = d.Round(time.Microsecond)
	neg := d < 0
	u := uint64(d)
	if neg {
		u = -u // also right for math.MinInt64
	}
	us := u / 1000
	return string(appendClock(make([]byte, 0, 24), neg, us/1e6, us%1e6))
}

// formatSeconds writes n seconds like formatDuration, without the time.Duration range limit.
func formatSeconds(n int64) string {
	u := uint64(n)
	if n < 0 {
		u = -u
	}
	return string(appendClock(make([]byte, 0, 24), n < 0, u, 0))
}

func appendClock(b []byte, neg bool, sec, us uint64) []byte {
	if neg && sec|us != 0 {
		b = append(b, '-')
	}
	if h := sec / 3600; h < 10 {
		b = append(b, '0', byte('0'+h))
	} else {
		b = strconv.AppendUint(b, h, 10)
	}
	m, s := sec/60%60, sec%60
	b = append(b, ':', byte('0'+m/10), byte('0'+m%10), ':', byte('0'+s/10), byte('0'+s%10))
	if us != 0 {
		var frac [7]byte
		frac[0] = '.'
		for i := 6; i > 0; i-- {
			frac[i] = byte('0' + us%10)
			us /= 10
		}
		n := 7
		for frac[n-1] == '0' {
			n--
		}
		b = append(b, frac[:n]...)
	}
	return b
}

func (t *Type) binaryToDriver(v any, tg Target) (driver.Value, error) {
	switch x := v.(type) {
	case []byte:
		if x == nil {
			return nil, nil // as database/sql scans NULL into a nil []byte
		}
		if t.Length > 0 && len(x) > t.Length {
			return nil, t.fail(tg, v, "longer than "+strconv.Itoa(t.Length)+" bytes", nil)
		}
		return v, nil
	case string:
		if t.Length > 0 && len(x) > t.Length {
			return nil, t.fail(tg, v, "longer than "+strconv.Itoa(t.Length)+" bytes", nil)
		}
		return []byte(x), nil
	case bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64,
		float32, float64, time.Time, time.Duration:
		return nil, t.fail(tg, v, "not a byte string", nil)
	}
	return t.slowToDriver(v, tg)
}

func (t *Type) jsonToDriver(v any, tg Target) (driver.Value, error) {
	switch x := v.(type) {
	case json.RawMessage:
		return t.rawJSON(x, v, tg)
	case []byte:
		return t.rawJSON(x, v, tg)
	case string:
		if !json.Valid([]byte(x)) {
			return nil, t.fail(tg, v, "invalid JSON", nil)
		}
		return v, nil
	}
	return t.slowToDriver(v, tg)
}

// rawJSON sends JSON text as a string: every JSON type reads text, while some drivers
// would send []byte as a binary parameter.
func (t *Type) rawJSON(b []byte, v any, tg Target) (driver.Value, error) {
	if b == nil {
		return nil, nil
	}
	if !json.Valid(b) {
		return nil, t.fail(tg, v, "invalid JSON", nil)
	}
	return string(b), nil
}

func (t *Type) marshalJSON(v any, tg Target) (driver.Value, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, t.fail(tg, v, "json.Marshal failed", err)
	}
	return string(b), nil
}

func (t *Type) uuidToDriver(v any, tg Target) (driver.Value, error) {
	switch x := v.(type) {
	case [16]byte:
		return uuidOut(&x, tg), nil
	case string:
		u, ok := parseUUID(x)
		if !ok {
			return nil, t.fail(tg, v, "not a UUID", nil)
		}
		return uuidOut(&u, tg), nil
	case []byte:
		if len(x) == 16 {
			if tg.UUIDBytes {
				return v, nil
			}
			return formatUUID((*[16]byte)(x)), nil
		}
		u, ok := parseUUID(x)
		if !ok {
			return nil, t.fail(tg, v, "not a UUID", nil)
		}
		return uuidOut(&u, tg), nil
	case bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64,
		float32, float64, time.Time, time.Duration:
		return nil, t.fail(tg, v, "not a UUID", nil)
	}
	return t.slowToDriver(v, tg)
}

func uuidOut(u *[16]byte, tg Target) driver.Value {
	if tg.UUIDBytes {
		return append([]byte(nil), u[:]...)
	}
	return formatUUID(u)
}

// formatUUID writes u in the canonical lower-case 8-4-4-4-12 form.
func formatUUID(u *[16]byte) string {
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:36], u[10:16])
	return string(b[:])
}

// parseUUID reads the 8-4-4-4-12 form in either case, optionally in braces or after
// "urn:uuid:", and the 32 hex digits without dashes.
func parseUUID[S string | []byte](s S) (u [16]byte, ok bool) {
	if len(s) == 45 && strings.EqualFold(string(s[:9]), "urn:uuid:") {
		s = s[9:]
	}
	if len(s) == 38 && s[0] == '{' && s[37] == '}' {
		s = s[1:37]
	}
	dashes := len(s) == 36
	if !dashes && len(s) != 32 {
		return u, false
	}
	j := 0
	for i := range u {
		if dashes && (j == 8 || j == 13 || j == 18 || j == 23) {
			if s[j] != '-' {
				return u, false
			}
			j++
		}
		hi, ok1 := unhex(s[j])
		lo, ok2 := unhex(s[j+1])
		if !ok1 || !ok2 {
			return u, false
		}
		u[i] = hi<<4 | lo
		j += 2
	}
	return u, true
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func (t *Type) arrayToDriver(v any, tg Target) (driver.Value, error) {
	if !tg.NativeArrays {
		return nil, t.fail(tg, v, "arrays are not supported by "+dialectName(tg), nil)
	}
	switch x := v.(type) {
	case string:
		// Already array text, as from pq.Array's Value method.
		if _, ok := parseArray(x); !ok {
			return nil, t.fail(tg, v, "malformed array text", nil)
		}
		return v, nil
	case []byte:
		return nil, t.fail(tg, v, "a []byte is a binary value, not an array", nil)
	case bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64,
		float32, float64, time.Time, time.Duration:
		return nil, t.fail(tg, v, "not a slice or array", nil)
	}
	return t.slowToDriver(v, tg)
}

func dialectName(tg Target) string {
	if tg.Dialect == "" {
		return "this target"
	}
	return tg.Dialect
}

// formatArray writes a slice or array in PostgreSQL's array text form, converting each
// element with t.Elem. A nil slice is NULL; an empty one is {}.
func (t *Type) formatArray(rv reflect.Value, v any, tg Target) (driver.Value, error) {
	if rv.Kind() == reflect.Slice && rv.IsNil() {
		return nil, nil
	}
	elem := Of(t.Elem)
	n := rv.Len()
	b := make([]byte, 0, 2+8*n)
	b = append(b, '{')
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		ev, err := elem.ToDriver(rv.Index(i).Interface(), tg)
		if err != nil {
			return nil, err
		}
		var ok bool
		if b, ok = appendArrayElem(b, ev, elem); !ok {
			return nil, t.fail(tg, v, "element "+strconv.Itoa(i)+" has no array text form", nil)
		}
	}
	return string(append(b, '}')), nil
}

// appendArrayElem appends one converted element. Strings are always quoted, so that
// "NULL", "" and text with commas or braces stay strings.
func appendArrayElem(b []byte, ev driver.Value, elem *Type) ([]byte, bool) {
	switch x := ev.(type) {
	case nil:
		return append(b, "NULL"...), true
	case int64:
		return strconv.AppendInt(b, x, 10), true
	case float64:
		switch {
		case math.IsNaN(x):
			return append(b, "NaN"...), true
		case math.IsInf(x, 0):
			return append(b, infinityText(int(math.Copysign(1, x)))...), true
		}
		return strconv.AppendFloat(b, x, 'g', -1, 64), true
	case bool:
		if x {
			return append(b, 't'), true
		}
		return append(b, 'f'), true
	case []byte:
		// bytea's hex text is \x0102; the backslash is escaped inside quotes.
		b = append(b, `"\\x`...)
		b = hex.AppendEncode(b, x)
		return append(b, '"'), true
	case string:
		if elem.Kind == Array {
			return append(b, x...), true // a nested array's text
		}
		return appendQuoted(b, x), true
	case time.Time:
		return appendQuoted(b, x.Format(elem.arrayTimeLayout())), true
	}
	return b, false
}

func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '"' || c == '\\' {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

func (t *Type) arrayTimeLayout() string {
	switch t.Kind {
	case Date, Time, TimeTZ, Timestamp:
		return t.textLayout(Target{})
	}
	return "2006-01-02 15:04:05.999999999-07:00"
}

func (t *Type) unknownToDriver(v any, tg Target) (driver.Value, error) {
	switch x := v.(type) {
	case float64, float32:
		// Untyped floats still obey the server: NaN and ±Inf only where it stores them.
		return t.floatToDriver(v, tg)
	case int64, bool, []byte, string, time.Time:
		return v, nil
	case int:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case int16:
		return int64(x), nil
	case int8:
		return int64(x), nil
	case uint:
		return t.uintToInt(uint64(x), v, tg)
	case uint64:
		return t.uintToInt(x, v, tg)
	case uint32:
		return int64(x), nil
	case uint16:
		return int64(x), nil
	case uint8:
		return int64(x), nil
	}
	return t.slowToDriver(v, tg)
}

// FromDriver converts src, a value the target's driver returned for a column of type t,
// into the canonical Go value for t: int64 for integers, float64 for Float and Double,
// exact decimal text for Numeric, bool, string for strings and enums, time.Time for
// temporal kinds, time.Duration for intervals when the text is understood (else the
// text), []byte for Binary, json.RawMessage for JSON, [16]byte for UUID and []any for
// arrays.
//
// A nil t is Unknown, which returns src as it is except that []byte is copied. nil
// stays nil without reaching a Decorator; other values are converted as the base type
// and then passed to the Decorator's FromDriver. Bytes are always copied, because
// drivers reuse their buffers.
func (t *Type) FromDriver(src any, tg Target) (any, error) {
	if src == nil {
		return nil, nil
	}
	t = Of(t)
	v, err := t.fromDriver(src, tg)
	if err != nil || v == nil || t.Decorator == nil {
		return v, err
	}
	out, err := t.Decorator.FromDriver(v)
	if err != nil {
		return nil, t.fail(tg, v, "decorator failed", err)
	}
	return out, nil
}

func (t *Type) fromDriver(src any, tg Target) (any, error) {
	switch t.Kind {
	case SmallInt, Int, BigInt:
		return t.intFromDriver(src, tg)
	case Float, Double:
		return t.floatFromDriver(src, tg)
	case Numeric:
		return t.numericFromDriver(src, tg)
	case Boolean:
		return t.boolFromDriver(src, tg)
	case VarChar, Char, TextKind, EnumKind:
		return t.stringFromDriver(src, tg)
	case Date, Time, TimeTZ, Timestamp, TimestampTZ:
		return t.timeFromDriver(src, tg)
	case Interval:
		return t.intervalFromDriver(src, tg)
	case Binary:
		switch x := src.(type) {
		case []byte:
			return slices.Clone(x), nil
		case string:
			return []byte(x), nil
		}
		return nil, t.fail(tg, src, "not a byte string", nil)
	case JSON:
		switch x := src.(type) {
		case []byte:
			return json.RawMessage(slices.Clone(x)), nil
		case string:
			return json.RawMessage(x), nil
		case json.RawMessage:
			return json.RawMessage(slices.Clone(x)), nil
		case int64, float64, bool:
			// SQLite gives a column declared JSON numeric affinity, so the document
			// 42 comes back as the number 42 (and 1.50 as 1.5, the same JSON value).
			b, err := json.Marshal(x)
			if err != nil {
				return nil, t.fail(tg, src, "not JSON", err)
			}
			return json.RawMessage(b), nil
		}
		return nil, t.fail(tg, src, "not JSON text", nil)
	case UUID:
		return t.uuidFromDriver(src, tg)
	case Array:
		return t.arrayFromDriver(src, tg)
	}
	if b, ok := src.([]byte); ok {
		return slices.Clone(b), nil
	}
	return src, nil
}

// asInt64 returns the value of any Go integer; ok is false for other types and for
// unsigned values beyond the int64 range.
func asInt64(v any) (n int64, ok bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int:
		return int64(x), true
	case int32:
		return int64(x), true
	case int16:
		return int64(x), true
	case int8:
		return int64(x), true
	case uint64:
		return int64(x), x <= math.MaxInt64
	case uint:
		return int64(x), uint64(x) <= math.MaxInt64
	case uint32:
		return int64(x), true
	case uint16:
		return int64(x), true
	case uint8:
		return int64(x), true
	}
	return 0, false
}

func (t *Type) intFromDriver(src any, tg Target) (any, error) {
	switch x := src.(type) {
	case int64:
		return src, nil
	case []byte:
		// MySQL's text protocol returns integers as text.
		if n, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return n, nil
		}
	case string:
		if n, err := strconv.ParseInt(x, 10, 64); err == nil {
			return n, nil
		}
	case float64:
		// SQLite returns REAL for integer columns that were given one.
		return t.floatToInt(x, src, tg)
	default:
		if n, ok := asInt64(src); ok {
			return n, nil
		}
	}
	return nil, t.fail(tg, src, "not an integer", nil)
}

func (t *Type) floatFromDriver(src any, tg Target) (any, error) {
	switch x := src.(type) {
	case float64:
		return src, nil
	case float32:
		return float64(x), nil
	case []byte:
		if f, err := strconv.ParseFloat(string(x), 64); err == nil {
			return f, nil
		}
	case string:
		if f, err := strconv.ParseFloat(x, 64); err == nil {
			return f, nil
		}
	default:
		if n, ok := asInt64(src); ok {
			return float64(n), nil
		}
	}
	return nil, t.fail(tg, src, "not a number", nil)
}

func (t *Type) numericFromDriver(src any, tg Target) (any, error) {
	switch x := src.(type) {
	case string:
		return src, nil
	case []byte:
		return string(x), nil
	case float64:
		// SQLite has no decimal type and returns REAL.
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return strconv.FormatFloat(x, 'g', -1, 64), nil
		}
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	default:
		if n, ok := asInt64(src); ok {
			return strconv.FormatInt(n, 10), nil
		}
	}
	return nil, t.fail(tg, src, "not a decimal number", nil)
}

func (t *Type) boolFromDriver(src any, tg Target) (any, error) {
	switch x := src.(type) {
	case bool:
		return src, nil
	case []byte:
		if b, ok := parseBool(string(x)); ok {
			return b, nil
		}
	case string:
		if b, ok := parseBool(x); ok {
			return b, nil
		}
	default:
		// SQLite and MySQL store booleans as integers.
		if n, ok := asInt64(src); ok && (n == 0 || n == 1) {
			return n == 1, nil
		}
	}
	return nil, t.fail(tg, src, "not a boolean", nil)
}

func parseBool(s string) (value, ok bool) {
	switch {
	case s == "1" || strings.EqualFold(s, "t") || strings.EqualFold(s, "true"):
		return true, true
	case s == "0" || strings.EqualFold(s, "f") || strings.EqualFold(s, "false"):
		return false, true
	}
	return false, false
}

func (t *Type) stringFromDriver(src any, tg Target) (any, error) {
	switch x := src.(type) {
	case string:
		return src, nil
	case []byte:
		return string(x), nil
	case int64:
		// SQLite's dynamic typing can return a number from a text column.
		return strconv.FormatInt(x, 10), nil
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), nil
	}
	return nil, t.fail(tg, src, "not a string", nil)
}

func (t *Type) timeFromDriver(src any, tg Target) (any, error) {
	switch x := src.(type) {
	case time.Time:
		return src, nil
	case string:
		return t.parseTime(x, src, tg)
	case []byte:
		return t.parseTime(string(x), src, tg)
	}
	return nil, t.fail(tg, src, "not a time", nil)
}

func (t *Type) intervalFromDriver(src any, tg Target) (any, error) {
	var s string
	switch x := src.(type) {
	case time.Duration:
		return src, nil
	case string:
		s = x
	case []byte:
		s = string(x)
	default:
		// Integers are seconds, as ToDriver takes them.
		n, ok := asInt64(src)
		if !ok {
			return nil, t.fail(tg, src, "not a duration", nil)
		}
		if n > math.MaxInt64/int64(time.Second) || n < math.MinInt64/int64(time.Second) {
			return nil, t.fail(tg, src, "beyond the time.Duration range", nil)
		}
		return time.Duration(n) * time.Second, nil
	}
	if d, ok := parseInterval(s); ok {
		return d, nil
	}
	return s, nil // months and years have no fixed length; the caller gets the text
}

// parseInterval reads [-]H:MM:SS[.f] (MySQL TIME, PostgreSQL) optionally preceded by
// PostgreSQL's "N day(s) ", whose sign is independent of the clock's
// ("-1 days +02:00:00" is -22h). ok is false for anything else, and on overflow.
func parseInterval(s string) (d time.Duration, ok bool) {
	var days int64
	if i := strings.Index(s, " day"); i >= 0 {
		n, err := strconv.ParseInt(s[:i], 10, 64)
		if err != nil {
			return 0, false
		}
		days = n
		s = strings.TrimPrefix(s[i+len(" day"):], "s")
		if s != "" {
			if s[0] != ' ' {
				return 0, false
			}
			s = s[1:]
		}
	}
	const maxDays = math.MaxInt64 / int64(24*time.Hour)
	if days > maxDays || days < -maxDays {
		return 0, false
	}
	total := time.Duration(days) * 24 * time.Hour
	if s == "" {
		return total, true
	}
	clock, ok := parseClock(s)
	if !ok {
		return 0, false
	}
	sum := total + clock
	if (clock > 0 && sum < total) || (clock < 0 && sum > total) {
		return 0, false
	}
	return sum, true
}

// parseClock reads [+-]H:MM:SS[.fffffffff] with any number of hour digits.
func parseClock(s string) (time.Duration, bool) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	i := strings.IndexByte(s, ':')
	if i <= 0 || len(s) < i+6 || s[i+3] != ':' {
		return 0, false
	}
	h, err := strconv.ParseUint(s[:i], 10, 64)
	if err != nil || h > uint64(math.MaxInt64/int64(time.Hour))-1 {
		return 0, false
	}
	m, ok1 := twoDigits(s[i+1 : i+3])
	sec, ok2 := twoDigits(s[i+4 : i+6])
	if !ok1 || !ok2 || m > 59 || sec > 59 {
		return 0, false
	}
	d := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec)*time.Second
	if frac := s[i+6:]; frac != "" {
		if frac[0] != '.' || len(frac) < 2 || len(frac) > 10 {
			return 0, false
		}
		ns := 0
		for j := 1; j < 10; j++ {
			ns *= 10
			if j < len(frac) {
				if !isDigit(frac[j]) {
					return 0, false
				}
				ns += int(frac[j] - '0')
			}
		}
		d += time.Duration(ns)
	}
	if neg {
		d = -d
	}
	return d, true
}

func twoDigits(s string) (int, bool) {
	if len(s) != 2 || !isDigit(s[0]) || !isDigit(s[1]) {
		return 0, false
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), true
}

func (t *Type) uuidFromDriver(src any, tg Target) (any, error) {
	switch x := src.(type) {
	case [16]byte:
		return src, nil
	case []byte:
		if len(x) == 16 {
			return [16]byte(x), nil
		}
		if u, ok := parseUUID(x); ok {
			return u, nil
		}
	case string:
		if u, ok := parseUUID(x); ok {
			return u, nil
		}
	}
	return nil, t.fail(tg, src, "not a UUID", nil)
}

func (t *Type) arrayFromDriver(src any, tg Target) (any, error) {
	var s string
	switch x := src.(type) {
	case string:
		s = x
	case []byte:
		s = string(x) // a copy: the elements below are substrings of it
	case []any:
		// Drivers that decode arrays themselves.
		out := make([]any, len(x))
		for i, e := range x {
			v, err := Of(t.Elem).FromDriver(e, tg)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	default:
		return nil, t.fail(tg, src, "not array text", nil)
	}
	elems, ok := parseArray(s)
	if !ok {
		return nil, t.fail(tg, src, "malformed array text", nil)
	}
	elem := Of(t.Elem)
	out := make([]any, len(elems))
	for i, e := range elems {
		if e.null {
			continue
		}
		var ev any = e.text
		if elem.Kind == Binary && strings.HasPrefix(e.text, `\x`) {
			b, err := hex.DecodeString(e.text[2:])
			if err != nil {
				return nil, t.fail(tg, src, "element "+strconv.Itoa(i)+" is malformed bytea text", nil)
			}
			ev = b
		}
		v, err := elem.FromDriver(ev, tg)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// An arrayElem is one element of array text.
type arrayElem struct {
	text string // unescaped text; a nested array's raw text
	null bool   // an unquoted NULL
}

// parseArray splits PostgreSQL's array text, {a,"b c",NULL}, optionally preceded by
// explicit bounds ([0:2]=), into its elements. A nested array is one element holding
// its own text, for the element type to parse. ok is false for malformed text.
func parseArray(s string) (elems []arrayElem, ok bool) {
	i := 0
	if strings.HasPrefix(s, "[") {
		if i = strings.IndexByte(s, '=') + 1; i == 0 {
			return nil, false
		}
	}
	if i >= len(s) || s[i] != '{' {
		return nil, false
	}
	i = skipSpace(s, i+1)
	elems = []arrayElem{}
	if i < len(s) && s[i] == '}' {
		return elems, skipSpace(s, i+1) == len(s)
	}
	for {
		i = skipSpace(s, i)
		if i >= len(s) {
			return nil, false
		}
		var e arrayElem
		switch s[i] {
		case '"':
			e.text, i, ok = unquoteArrayElem(s, i+1)
		case '{':
			var end int
			end, ok = matchBrace(s, i)
			e.text, i = s[i:end], end
		default:
			e.text, e.null, i, ok = bareArrayElem(s, i)
		}
		if !ok {
			return nil, false
		}
		elems = append(elems, e)
		i = skipSpace(s, i)
		if i >= len(s) {
			return nil, false
		}
		switch s[i] {
		case ',':
			i++
		case '}':
			return elems, skipSpace(s, i+1) == len(s)
		default:
			return nil, false
		}
	}
}

// unquoteArrayElem reads a quoted element starting after its opening quote, and returns
// the index after its closing quote. Text without escapes is returned without copying.
func unquoteArrayElem(s string, i int) (text string, next int, ok bool) {
	j := i
	for j < len(s) && s[j] != '"' && s[j] != '\\' {
		j++
	}
	if j < len(s) && s[j] == '"' {
		return s[i:j], j + 1, true
	}
	b := []byte(s[i:j])
	for ; j < len(s); j++ {
		c := s[j]
		if c == '"' {
			return string(b), j + 1, true
		}
		if c == '\\' {
			if j++; j >= len(s) {
				break
			}
			c = s[j]
		}
		b = append(b, c)
	}
	return "", 0, false
}

// bareArrayElem reads an unquoted element up to the next ',' or '}'. Backslashes
// escape the next byte there too; trailing unescaped spaces are not part of it, and
// only an unescaped NULL is NULL. Text without escapes is returned without copying.
func bareArrayElem(s string, i int) (text string, null bool, next int, ok bool) {
	escaped := false
	j := i
	for ; j < len(s) && s[j] != ',' && s[j] != '}'; j++ {
		switch s[j] {
		case '"', '{':
			return "", false, 0, false
		case '\\':
			escaped = true
			j++
		}
	}
	if j >= len(s) {
		return "", false, 0, false
	}
	if !escaped {
		text = strings.TrimRight(s[i:j], " \t\n\r")
		return text, strings.EqualFold(text, "NULL"), j, text != ""
	}
	b := make([]byte, 0, j-i)
	keep := 0
	for k := i; k < j; k++ {
		c := s[k]
		if c == '\\' {
			k++
			b = append(b, s[k])
			keep = len(b)
			continue
		}
		b = append(b, c)
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			keep = len(b)
		}
	}
	return string(b[:keep]), false, j, true
}

// matchBrace returns the index after the '}' that closes the '{' at s[i], skipping
// quoted text.
func matchBrace(s string, i int) (int, bool) {
	depth := 0
	for ; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return i + 1, true
			}
		case '"':
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
		}
	}
	return 0, false
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

// Infer returns the generic type for a Go value: BigInteger for integers, DoubleFloat
// for floats, Bool, Text for strings, Bytes for []byte, DateTimeTZ for time.Time,
// JSONType for json.RawMessage, UUIDType for [16]byte, IntervalType for time.Duration.
// Named types count as their underlying type and pointers as what they point to.
// It returns nil (Unknown) for nil and anything else.
func Infer(v any) *Type {
	switch v.(type) {
	case nil:
		return nil
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return BigInteger
	case float32, float64:
		return DoubleFloat
	case bool:
		return Bool
	case string:
		return Text
	case []byte:
		return Bytes
	case time.Time:
		return DateTimeTZ
	case json.RawMessage:
		return JSONType
	case [16]byte:
		return UUIDType
	case time.Duration:
		return IntervalType
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return BigInteger
	case reflect.Float32, reflect.Float64:
		return DoubleFloat
	case reflect.Bool:
		return Bool
	case reflect.String:
		return Text
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			return Bytes
		}
	case reflect.Array:
		if rv.Type().Elem().Kind() == reflect.Uint8 && rv.Len() == 16 {
			return UUIDType
		}
	case reflect.Struct:
		if rv.Type().ConvertibleTo(timeType) {
			return DateTimeTZ
		}
	case reflect.Pointer:
		if !rv.IsNil() {
			return Infer(rv.Elem().Interface())
		}
	}
	return nil
}
