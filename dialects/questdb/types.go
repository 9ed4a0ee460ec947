package questdb

import (
	"errors"
	"strconv"

	"github.com/seed13bb6a42/strata/types"
)

// QuestDB's own column types, for the columns whose QuestDB type has no generic
// counterpart. Each is a generic type with a reserved name, so that one table
// declaration serves every dialect: QuestDB spells the name (SYMBOL, GEOHASH(6c)…),
// the others spell the generic type underneath (VARCHAR, SMALLINT) and convert values
// as they would for it.
//
//	trades := ast.NewTable("trades",
//		ast.Col("ts", types.DateTime),
//		ast.Col("sym", questdb.Symbol),      // SYMBOL on QuestDB, VARCHAR elsewhere
//		ast.Col("venue", questdb.Geohash(30)), // GEOHASH(6c)
//		ast.Col("price", types.DoubleFloat))
//
// Decorating one of them (types.Decorate) renames it, which makes it the generic type
// again on QuestDB as everywhere else.
var (
	// Symbol is QuestDB's SYMBOL: a string interned in a per-column dictionary, the
	// type to use for the repeated values time-series rows are keyed by (tickers,
	// venues, device ids), and the only type that can be indexed and partition
	// LATEST ON. Elsewhere it is VARCHAR.
	Symbol = &types.Type{Kind: types.VarChar, Name: symbolName}
	// String is QuestDB's legacy UTF-16 STRING; VARCHAR (types.Text and
	// types.String(n) on QuestDB) is the type QuestDB recommends for new tables.
	// Elsewhere it is TEXT.
	String = &types.Type{Kind: types.TextKind, Name: stringName}
	// Byte is QuestDB's 8-bit BYTE, which is not nullable (NULL reads back as 0).
	// Elsewhere it is SMALLINT.
	Byte = &types.Type{Kind: types.SmallInt, Name: byteName}
	// Long256 is QuestDB's 256-bit unsigned LONG256, read and written as hex text
	// such as 0x7e…; elsewhere it is VARCHAR(66), room for that text.
	Long256 = &types.Type{Kind: types.VarChar, Length: 66, Name: long256Name}
	// IPv4 is QuestDB's IPV4, read and written as dotted text (NULL is 0.0.0.0);
	// elsewhere it is VARCHAR(15).
	IPv4 = &types.Type{Kind: types.VarChar, Length: 15, Name: ipv4Name}
)

// The reserved names of the QuestDB types; the "questdb." prefix keeps them apart from
// the names users give their own types.
const (
	symbolName  = "questdb.symbol"
	stringName  = "questdb.string"
	byteName    = "questdb.byte"
	long256Name = "questdb.long256"
	ipv4Name    = "questdb.ipv4"
	geohashName = "questdb.geohash"
)

// MaxGeohashBits is the greatest precision of a GEOHASH column: 60 bits, 12 characters.
const MaxGeohashBits = 60

// Geohash returns QuestDB's GEOHASH type of the given precision in bits (1 to 60). A
// multiple of 5 is spelled in characters (Geohash(30) is GEOHASH(6c)), any other
// number in bits (GEOHASH(8b)). Elsewhere it is VARCHAR(bits), room for the hash
// in either of its text forms; a precision out of range is an error when the type is
// spelled.
func Geohash(bits int) *types.Type {
	return &types.Type{Kind: types.VarChar, Length: bits, Name: geohashName}
}

// GeohashChars returns the GEOHASH type of n base-32 characters (1 to 12):
// GeohashChars(6) is GEOHASH(6c).
func GeohashChars(n int) *types.Type { return Geohash(5 * n) }

// TypeName spells t in QuestDB's own type names, for DDL and, with cast set, as the
// target of CAST; both accept the same names.
//
// QuestDB accepts a few PostgreSQL aliases but rejects most (INT4, FLOAT8, BOOL,
// NUMERIC, SERIAL, TIMESTAMP WITH TIME ZONE) and every length modifier: VARCHAR(20)
// is a parse error. So TypeName never writes an alias or a length:
//
//   - integers are SHORT, INT and LONG; floats FLOAT and DOUBLE;
//   - strings of any length are VARCHAR, the UTF-8 type QuestDB recommends, and
//     CHAR when they hold one character (QuestDB's CHAR is a single character);
//   - enums are SYMBOL, which stores a fixed set of strings as QuestDB intends;
//   - timestamps with or without zone are TIMESTAMP (an instant in UTC, in
//     microseconds), dates DATE (milliseconds);
//   - arrays are arrays of DOUBLE, the element type QuestDB has, as DOUBLE[] or
//     DOUBLE[][];
//   - Symbol, String, Byte, Long256, IPv4 and Geohash spell their own names.
//
// What QuestDB cannot store is an error that says what to use instead: DECIMAL,
// TIME, INTERVAL, JSON and arrays of other element types.
func TypeName(t *types.Type, cast bool) (string, error) {
	t = types.Of(t)
	if t.Decorator == nil {
		switch t.Name {
		case symbolName:
			return "SYMBOL", nil
		case stringName:
			return "STRING", nil
		case byteName:
			return "BYTE", nil
		case long256Name:
			return "LONG256", nil
		case ipv4Name:
			return "IPV4", nil
		case geohashName:
			return geohashType(t.Length)
		}
	}
	switch t.Kind {
	case types.SmallInt:
		return "SHORT", nil
	case types.Int:
		return "INT", nil
	case types.BigInt:
		return "LONG", nil
	case types.Float:
		return "FLOAT", nil
	case types.Double:
		return "DOUBLE", nil
	case types.Boolean:
		return "BOOLEAN", nil
	case types.VarChar, types.TextKind:
		return "VARCHAR", nil
	case types.Char:
		if t.Length <= 1 {
			return "CHAR", nil
		}
		return "VARCHAR", nil // QuestDB's CHAR holds one character
	case types.EnumKind:
		return "SYMBOL", nil
	case types.Date:
		return "DATE", nil
	case types.Timestamp, types.TimestampTZ:
		return "TIMESTAMP", nil
	case types.Binary:
		return "BINARY", nil
	case types.UUID:
		return "UUID", nil
	case types.Array:
		elem, err := TypeName(t.Elem, cast)
		if err != nil {
			return "", err
		}
		if elem != "DOUBLE" && (len(elem) < 8 || elem[:8] != "DOUBLE[]") {
			return "", errors.New("QuestDB arrays hold DOUBLE only; store other arrays as VARCHAR")
		}
		return elem + "[]", nil
	case types.Numeric:
		return "", errors.New("QuestDB 8 has no DECIMAL type; use DOUBLE, or LONG holding a count of the smallest unit (cents)")
	case types.Time, types.TimeTZ:
		return "", errors.New("QuestDB has no time-of-day type; use LONG microseconds since midnight, or TIMESTAMP")
	case types.Interval:
		return "", errors.New("QuestDB has no INTERVAL column type; use LONG microseconds")
	case types.JSON:
		return "", errors.New("QuestDB has no JSON type; store the document as VARCHAR")
	case types.Unknown:
		return "", errors.New("the type is unknown")
	}
	return "", errors.New("QuestDB has no type for " + t.String())
}

// geohashType spells GEOHASH(n{c|b}) for a precision in bits.
func geohashType(bits int) (string, error) {
	if bits < 1 || bits > MaxGeohashBits {
		return "", errors.New("GEOHASH precision must be 1 to " + strconv.Itoa(MaxGeohashBits) +
			" bits, not " + strconv.Itoa(bits))
	}
	if bits%5 == 0 {
		return "GEOHASH(" + strconv.Itoa(bits/5) + "c)", nil
	}
	return "GEOHASH(" + strconv.Itoa(bits) + "b)", nil
}
