// Package types declares the SQL type system: generic type descriptors, user-defined
// types that wrap them, and the conversion of Go values to and from database drivers.
//
// A *Type is immutable once built and may be shared freely. The generic types are
// package variables (types.Integer, types.Text, …) or built by constructors that take
// parameters (types.String(80), types.Numeric(10, 2), types.Enum("mood", "sad", "ok")).
// Dialects decide how a type is spelled in SQL; this package only describes it.
package types

import (
	"encoding/binary"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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
// for which Equal is false. Compiled-plan cache keys use it. A decorator is encoded
// by its identity, a number it is given the first time it is seen, so two types that
// convert differently never share a plan; a decorator whose value cannot be compared
// (see Keyable) gets a new number every time.
//
// The encoding is prefix-free: the kind, a byte saying which fields follow, then
// those fields as varints and length-prefixed strings.
func (t *Type) AppendKey(b []byte) []byte {
	t = Of(t)
	var has byte
	if t.Length|t.Precision|t.Scale != 0 {
		has |= keySize
	}
	if t.Name != "" {
		has |= keyName
	}
	if len(t.Values) > 0 {
		has |= keyValues
	}
	if t.Decorator != nil {
		has |= keyDecorator
	}
	if t.Elem != nil {
		has |= keyElem
	}
	b = append(b, byte(t.Kind), has)
	if has == 0 {
		return b
	}
	if has&keySize != 0 {
		b = binary.AppendVarint(b, int64(t.Length))
		b = binary.AppendVarint(b, int64(t.Precision))
		b = binary.AppendVarint(b, int64(t.Scale))
	}
	if has&keyName != 0 {
		b = appendLenString(b, t.Name)
	}
	if has&keyValues != 0 {
		b = binary.AppendUvarint(b, uint64(len(t.Values)))
		for _, v := range t.Values {
			b = appendLenString(b, v)
		}
	}
	if has&keyDecorator != 0 {
		b = binary.AppendUvarint(b, decoratorID(t.Decorator))
	}
	if has&keyElem != 0 {
		b = t.Elem.AppendKey(b)
	}
	return b
}

// Plain reports whether t is its kind alone: no size, name, values, decorator or
// element type. AppendKey encodes a plain type in two bytes: its kind and 0.
func (t *Type) Plain() bool {
	return t.Length|t.Precision|t.Scale == 0 && t.Name == "" && len(t.Values) == 0 && t.Decorator == nil && t.Elem == nil
}

// The fields AppendKey writes after a type's kind.
const (
	keySize = 1 << iota
	keyName
	keyValues
	keyDecorator
	keyElem
)

func appendLenString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// Keyable reports whether AppendKey gives t the same encoding every time: false when
// t (or its element type) has a decorator whose value cannot be compared, a func or a
// struct holding one, say. Plans for such types cannot be shared.
func (t *Type) Keyable() bool {
	for t != nil {
		if t.Decorator != nil && !reflect.TypeOf(t.Decorator).Comparable() {
			return false
		}
		t = t.Elem
	}
	return true
}

var (
	decoratorIDs  sync.Map // Decorator → uint64
	nextDecorator atomic.Uint64
)

// decoratorID numbers decorators by identity (==), which is how Equal compares them.
func decoratorID(d Decorator) uint64 {
	if !reflect.TypeOf(d).Comparable() {
		return nextDecorator.Add(1) // equal to nothing, itself included
	}
	if id, ok := decoratorIDs.Load(d); ok {
		return id.(uint64)
	}
	id, _ := decoratorIDs.LoadOrStore(d, nextDecorator.Add(1))
	return id.(uint64)
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
