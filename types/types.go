// Package types declares the SQL type system: generic type descriptors, user-defined
// types that wrap them, and the conversion of Go values to and from database drivers.
//
// A *Type is immutable once built and may be shared freely. The generic types are
// package variables (types.Integer, types.Text, …) or built by constructors that take
// parameters (types.String(80), types.Numeric(10, 2), types.Enum("mood", "sad", "ok")).
// Dialects decide how a type is spelled in SQL; this package only describes it.
package types

import (
	"reflect"
	"strconv"
	"strings"
)

// Kind classifies a Type. Every Type, even a user-defined one, has one generic Kind,
// which dialects use to spell it and drivers to convert its values.
type Kind uint8

// The generic kinds. Their names follow SQLAlchemy's generic types.
const (
	Unknown     Kind = iota // no type information; values go to the driver as they are
	SmallInt                // 16-bit integer
	Int                     // 32-bit integer
	BigInt                  // 64-bit integer
	Float                   // single-precision floating point
	Double                  // double-precision floating point
	Numeric                 // exact decimal, NUMERIC(Precision, Scale)
	Boolean                 // true/false
	VarChar                 // variable-length string with a maximum Length (0: unbounded)
	Char                    // fixed-length string of Length characters
	TextKind                // unbounded text
	Date                    // calendar date
	Time                    // time of day without zone
	TimeTZ                  // time of day with zone
	Timestamp               // date and time without zone
	TimestampTZ             // date and time with zone (an instant)
	Interval                // a duration
	Binary                  // byte string (Length > 0: bounded)
	JSON                    // JSON document
	UUID                    // 128-bit UUID
	EnumKind                // one of a fixed set of strings
	Array                   // array of Elem
	numKinds
)

var kindNames = [...]string{
	Unknown: "unknown", SmallInt: "smallint", Int: "integer", BigInt: "bigint",
	Float: "float", Double: "double", Numeric: "numeric", Boolean: "boolean",
	VarChar: "varchar", Char: "char", TextKind: "text", Date: "date", Time: "time",
	TimeTZ: "timetz", Timestamp: "timestamp", TimestampTZ: "timestamptz",
	Interval: "interval", Binary: "binary", JSON: "json", UUID: "uuid",
	EnumKind: "enum", Array: "array",
}

// String returns the kind's lower-case generic name.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// IsInteger reports whether k is one of the integer kinds.
func (k Kind) IsInteger() bool { return k == SmallInt || k == Int || k == BigInt }

// IsNumeric reports whether k holds numbers (integers, floats or decimals).
func (k Kind) IsNumeric() bool { return k.IsInteger() || k == Float || k == Double || k == Numeric }

// IsString reports whether k holds character strings (including enums).
func (k Kind) IsString() bool {
	return k == VarChar || k == Char || k == TextKind || k == EnumKind
}

// IsTemporal reports whether k is a date, time or timestamp kind.
func (k Kind) IsTemporal() bool { return k >= Date && k <= TimestampTZ }

// A Type describes a SQL type. The zero value and nil both mean Unknown.
// Fields are read-only after construction; build variations with the constructors.
type Type struct {
	Kind      Kind
	Length    int      // VarChar/Char/Binary length; 0 means unbounded or the dialect default
	Precision int      // Numeric precision, or fractional-second digits of times (-1: default)
	Scale     int      // Numeric scale
	Name      string   // enum type name (PostgreSQL CREATE TYPE), or a user type's name
	Values    []string // enum values, in order
	Elem      *Type    // element type of an Array

	// Decorator, when set, converts application values to and from values of the
	// base type described by the other fields (SQLAlchemy's TypeDecorator).
	Decorator Decorator
}

// A Decorator converts between an application's Go values and the values of the base
// type it decorates. ToDriver runs before the base type's own conversion; FromDriver
// after it. NULL never reaches a Decorator: nil stays nil in both directions.
// Implementations must be safe for concurrent use; use a pointer or another comparable
// type, since types compare their decorators by identity.
type Decorator interface {
	ToDriver(v any) (any, error)
	FromDriver(v any) (any, error)
}

// The generic types without parameters.
var (
	SmallInteger = &Type{Kind: SmallInt}
	Integer      = &Type{Kind: Int}
	BigInteger   = &Type{Kind: BigInt}
	Real         = &Type{Kind: Float}
	DoubleFloat  = &Type{Kind: Double}
	Bool         = &Type{Kind: Boolean}
	Text         = &Type{Kind: TextKind}
	DateType     = &Type{Kind: Date}
	TimeType     = &Type{Kind: Time, Precision: -1}
	TimeWithZone = &Type{Kind: TimeTZ, Precision: -1}
	DateTime     = &Type{Kind: Timestamp, Precision: -1}
	DateTimeTZ   = &Type{Kind: TimestampTZ, Precision: -1}
	IntervalType = &Type{Kind: Interval}
	Bytes        = &Type{Kind: Binary}
	JSONType     = &Type{Kind: JSON}
	UUIDType     = &Type{Kind: UUID}
)

// String returns VARCHAR(n); n = 0 means no declared maximum.
func String(n int) *Type { return &Type{Kind: VarChar, Length: n} }

// FixedChar returns CHAR(n).
func FixedChar(n int) *Type { return &Type{Kind: Char, Length: n} }

// Decimal returns NUMERIC(precision, scale); precision 0 means the dialect default.
func Decimal(precision, scale int) *Type {
	return &Type{Kind: Numeric, Precision: precision, Scale: scale}
}

// VarBinary returns a binary type with a maximum length of n bytes (0: unbounded).
func VarBinary(n int) *Type { return &Type{Kind: Binary, Length: n} }

// TimestampP returns a timestamp with the given fractional-second precision.
func TimestampP(precision int, withZone bool) *Type {
	if withZone {
		return &Type{Kind: TimestampTZ, Precision: precision}
	}
	return &Type{Kind: Timestamp, Precision: precision}
}

// Enum returns an enumerated string type. The name is used where a dialect declares
// enums as named types (PostgreSQL); the values keep their order.
func Enum(name string, values ...string) *Type {
	return &Type{Kind: EnumKind, Name: name, Values: append([]string(nil), values...)}
}

// ArrayOf returns an array of elem.
func ArrayOf(elem *Type) *Type { return &Type{Kind: Array, Elem: elem} }

// Decorate returns a user-defined type named name that stores its values as base and
// converts them with d.
func Decorate(name string, base *Type, d Decorator) *Type {
	t := *Of(base)
	t.Name = name
	t.Decorator = d
	return &t
}

// Of returns t, or an Unknown type when t is nil, so callers never test for nil.
func Of(t *Type) *Type {
	if t == nil {
		return unknown
	}
	return t
}

var unknown = &Type{}

// Equal reports whether a and b describe the same type. Decorators compare by identity.
func Equal(a, b *Type) bool {
	a, b = Of(a), Of(b)
	if a == b {
		return true
	}
	if a.Kind != b.Kind || a.Length != b.Length || a.Precision != b.Precision ||
		a.Scale != b.Scale || a.Name != b.Name || len(a.Values) != len(b.Values) ||
		!sameDecorator(a.Decorator, b.Decorator) {
		return false
	}
	for i := range a.Values {
		if a.Values[i] != b.Values[i] {
			return false
		}
	}
	if a.Elem != nil || b.Elem != nil {
		return Equal(a.Elem, b.Elem)
	}
	return true
}

// sameDecorator compares decorators by identity without panicking on values of
// uncomparable types (a struct holding funcs, say), which are never equal.
func sameDecorator(a, b Decorator) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	ta := reflect.TypeOf(a)
	if ta != reflect.TypeOf(b) || !ta.Comparable() {
		return false
	}
	return a == b
}

// AppendKey appends a compact encoding of t that distinguishes every pair of types
// for which Equal is false, except decorators, which are keyed by name. Compiled-plan
// cache keys use it.
func (t *Type) AppendKey(b []byte) []byte {
	t = Of(t)
	b = append(b, byte(t.Kind))
	if t.Length|t.Precision|t.Scale != 0 {
		b = strconv.AppendInt(b, int64(t.Length), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(t.Precision), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(t.Scale), 10)
	}
	// Strings are length-prefixed so that no two different name/value lists share a key.
	if t.Name != "" {
		b = append(b, ':')
		b = appendLenString(b, t.Name)
	}
	for _, v := range t.Values {
		b = append(b, '|')
		b = appendLenString(b, v)
	}
	if t.Decorator != nil {
		b = append(b, '@') // a decorated type converts differently from its base
	}
	if t.Elem != nil {
		b = append(b, '[')
		b = t.Elem.AppendKey(b)
		b = append(b, ']')
	}
	return b
}

func appendLenString(b []byte, s string) []byte {
	b = strconv.AppendInt(b, int64(len(s)), 10)
	b = append(b, '~')
	return append(b, s...)
}

// String returns a readable generic spelling such as "varchar(20)" or "numeric(10,2)".
func (t *Type) String() string {
	t = Of(t)
	var sb strings.Builder
	if t.Decorator != nil && t.Name != "" {
		sb.WriteString(t.Name)
		sb.WriteString(" over ")
	}
	sb.WriteString(t.Kind.String())
	switch {
	case t.Kind == Numeric && t.Precision > 0:
		sb.WriteString("(" + strconv.Itoa(t.Precision) + "," + strconv.Itoa(t.Scale) + ")")
	case (t.Kind == VarChar || t.Kind == Char || t.Kind == Binary) && t.Length > 0:
		sb.WriteString("(" + strconv.Itoa(t.Length) + ")")
	case t.Kind == EnumKind:
		sb.WriteString("(" + strings.Join(t.Values, ",") + ")")
	case t.Kind == Array:
		sb.WriteString(" of " + t.Elem.String())
	}
	return sb.String()
}
