package engine

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"iter"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unsafe"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/types"
)

// Result values: conversion by type, and assignment to destinations.

// convertValue converts src, a driver value of a column of type t (base is t without
// its decorator), into t's canonical Go value as types.Type.FromDriver does, with two
// additions that make dialects agree: times are in UTC, and decimals that SQLite
// returns as numbers are written at the type's scale ("12.50", as PostgreSQL and
// MySQL write them).
func convertValue(t, base *types.Type, tg *types.Target, src any) (any, error) {
	if src == nil {
		return nil, nil
	}
	if base.Kind == types.Numeric && base.Scale > 0 {
		switch x := src.(type) {
		case float64:
			if !math.IsNaN(x) && !math.IsInf(x, 0) {
				src = strconv.FormatFloat(x, 'f', base.Scale, 64)
			}
		case int64:
			src = strconv.FormatInt(x, 10) + "." + strings.Repeat("0", base.Scale)
		}
	}
	v, err := base.FromDriver(src, *tg)
	if err != nil {
		return nil, err
	}
	if tm, ok := v.(time.Time); ok && tm.Location() != time.UTC {
		v = utcTime(tm, base.Kind)
	}
	if t.Decorator == nil {
		return v, nil
	}
	out, err := t.Decorator.FromDriver(v)
	if err != nil {
		return nil, &types.ConversionError{Dialect: tg.Dialect, Type: t, Value: typeName(v), Reason: "decorator failed", Err: err}
	}
	return out, nil
}

// utcTime returns tm in UTC. Values without a zone (dates, timestamps, times of day)
// keep their wall clock, whatever location the driver gave them (lib/pq gives a
// +00:00 zone of its own, go-sql-driver its loc setting); instants keep their instant.
func utcTime(tm time.Time, k types.Kind) time.Time {
	if tm.Location() == time.UTC {
		return tm
	}
	if k == types.TimestampTZ || k == types.TimeTZ {
		return tm.UTC()
	}
	y, mo, d := tm.Date()
	h, mi, s := tm.Clock()
	return time.Date(y, mo, d, h, mi, s, tm.Nanosecond(), time.UTC)
}

// An AssignError reports a result value that Scan cannot store in the destination it
// was given. database/sql wraps it with the column's index and name.
type AssignError struct {
	Value string // the value's Go type, or "NULL"; never the value itself
	Dest  string // the destination's type, such as "*int"
	Err   error  // the parse or json.Unmarshal error, or nil
}

func (e *AssignError) Error() string {
	s := "engine: cannot store " + e.Value + " in " + e.Dest
	if e.Value == "NULL" {
		s += " (scan into a pointer, or a sql.Null type)"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *AssignError) Unwrap() error { return e.Err }

func assignErr(v, dest any, err error) error {
	name := "NULL"
	if v != nil {
		name = typeName(v)
	}
	return &AssignError{Value: name, Dest: typeName(dest), Err: err}
}

func typeName(v any) string {
	if v == nil {
		return "nil"
	}
	return reflect.TypeOf(v).String()
}

var errNilDest = errors.New("engine: destination pointer is nil")

// assign stores v, a converted value the caller owns, in dest. raw is the driver's
// value, which a sql.Scanner receives when v is not a driver value itself. The common
// destinations are handled without reflection; the rest, and the errors, by
// assignReflect.
func assign(dest, v, raw any) error {
	switch d := dest.(type) {
	case *any:
		if d != nil {
			*d = v
			return nil
		}
	case *time.Time:
		if x, ok := v.(time.Time); ok && d != nil {
			*d = x
			return nil
		}
	case *string:
		if x, ok := stringOf(v); ok && d != nil {
			*d = x
			return nil
		}
	case *[]byte:
		if x, ok := bytesOf(v); (ok || v == nil) && d != nil {
			*d = x
			return nil
		}
	case *json.RawMessage:
		if x, ok := bytesOf(v); (ok || v == nil) && d != nil {
			*d = x
			return nil
		}
	case *bool:
		if x, ok := boolOf(v); ok && d != nil {
			*d = x
			return nil
		}
	case *int64:
		if x, err := intOf(v, 64); err == nil && d != nil {
			*d = x
			return nil
		}
	case *int:
		if x, err := intOf(v, strconv.IntSize); err == nil && d != nil {
			*d = int(x)
			return nil
		}
	case *int32:
		if x, err := intOf(v, 32); err == nil && d != nil {
			*d = int32(x)
			return nil
		}
	case *float64:
		if x, err := floatOf(v); err == nil && d != nil {
			*d = x
			return nil
		}
	case *time.Duration:
		if x, ok := v.(time.Duration); ok && d != nil {
			*d = x
			return nil
		}
	case *[16]byte:
		if x, ok := v.([16]byte); ok && d != nil {
			*d = x
			return nil
		}
	case **time.Time:
		return assignPtr(d, v, raw)
	case **string:
		return assignPtr(d, v, raw)
	case **int64:
		return assignPtr(d, v, raw)
	case **int:
		return assignPtr(d, v, raw)
	case **bool:
		return assignPtr(d, v, raw)
	case **float64:
		return assignPtr(d, v, raw)
	case sql.Scanner:
		return d.Scan(driverValue(v, raw))
	}
	return assignReflect(dest, v, raw)
}

// assignPtr stores NULL as a nil pointer and anything else in a new T.
func assignPtr[T any](d **T, v, raw any) error {
	if d == nil {
		return errNilDest
	}
	if v == nil {
		*d = nil
		return nil
	}
	p := new(T)
	if err := assign(p, v, raw); err != nil {
		return err
	}
	*d = p
	return nil
}

// driverValue returns what a sql.Scanner receives: v when it is a driver value, else
// what it makes of itself as a driver.Valuer, else the driver's own value.
func driverValue(v, raw any) any {
	switch x := v.(type) {
	case nil, int64, float64, bool, []byte, string, time.Time:
		return v
	case json.RawMessage:
		return []byte(x)
	case driver.Valuer:
		if dv, err := x.Value(); err == nil {
			return dv
		}
	}
	return raw
}

// assignReflect stores v in destinations the type switch of assign does not know:
// named types, other integer sizes, pointers to pointers, slices of array elements,
// and JSON documents into structs, maps and slices.
func assignReflect(dest, v, raw any) error {
	dv := reflect.ValueOf(dest)
	if dv.Kind() != reflect.Pointer {
		return assignErr(v, dest, errors.New("the destination is not a pointer"))
	}
	if dv.IsNil() {
		return errNilDest
	}
	e := dv.Elem()
	if v == nil {
		switch e.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
			e.SetZero()
			return nil
		}
		return assignErr(v, dest, nil)
	}
	if e.Kind() == reflect.Pointer {
		p := reflect.New(e.Type().Elem())
		if err := assign(p.Interface(), v, raw); err != nil {
			return err
		}
		e.Set(p)
		return nil
	}
	sv := reflect.ValueOf(v)
	if sv.Type().AssignableTo(e.Type()) {
		e.Set(sv)
		return nil
	}
	if sv.Kind() == e.Kind() && sv.Type().ConvertibleTo(e.Type()) {
		e.Set(sv.Convert(e.Type())) // named types: type ID int64, a decorator's type
		return nil
	}
	if doc, ok := v.(json.RawMessage); ok {
		e.SetZero() // a document replaces the value: json.Unmarshal would merge maps
		if err := json.Unmarshal(doc, dest); err != nil {
			return assignErr(v, dest, err)
		}
		return nil
	}
	switch e.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := intOf(v, e.Type().Bits())
		if err != nil {
			return assignErr(v, dest, err)
		}
		e.SetInt(n)
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, err := intOf(v, 64)
		if err == nil && (n < 0 || e.OverflowUint(uint64(n))) {
			err = strconv.ErrRange
		}
		if err != nil {
			return assignErr(v, dest, err)
		}
		e.SetUint(uint64(n))
		return nil
	case reflect.Float32, reflect.Float64:
		f, err := floatOf(v)
		if err != nil {
			return assignErr(v, dest, err)
		}
		e.SetFloat(f)
		return nil
	case reflect.Bool:
		if b, ok := boolOf(v); ok {
			e.SetBool(b)
			return nil
		}
	case reflect.String:
		if s, ok := stringOf(v); ok {
			e.SetString(s)
			return nil
		}
	case reflect.Slice:
		if e.Type().Elem().Kind() == reflect.Uint8 {
			if b, ok := bytesOf(v); ok {
				e.SetBytes(b)
				return nil
			}
			break
		}
		if elems, ok := v.([]any); ok { // arrays
			s := reflect.MakeSlice(e.Type(), len(elems), len(elems))
			for i, x := range elems {
				if err := assign(s.Index(i).Addr().Interface(), x, x); err != nil {
					return err
				}
			}
			e.Set(s)
			return nil
		}
	}
	return assignErr(v, dest, nil)
}

// stringOf returns the text of a canonical value: times in RFC 3339 as database/sql
// writes them, UUIDs in their canonical form.
func stringOf(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case []byte:
		return string(x), true
	case json.RawMessage:
		return string(x), true
	case int64:
		return strconv.FormatInt(x, 10), true
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), true
	case bool:
		return strconv.FormatBool(x), true
	case time.Time:
		return x.Format(time.RFC3339Nano), true
	case time.Duration:
		return x.String(), true
	case [16]byte:
		return uuidText(x), true
	}
	return "", false
}

func bytesOf(v any) ([]byte, bool) {
	switch x := v.(type) {
	case []byte:
		return x, true // already the caller's copy
	case json.RawMessage:
		return x, true
	case string:
		return []byte(x), true
	case [16]byte:
		return x[:], true
	}
	if s, ok := stringOf(v); ok {
		return []byte(s), true
	}
	return nil, false
}

func boolOf(v any) (bool, bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case int64:
		if x == 0 || x == 1 {
			return x == 1, true
		}
	case string:
		if b, err := strconv.ParseBool(x); err == nil {
			return b, true
		}
	case []byte:
		if b, err := strconv.ParseBool(string(x)); err == nil {
			return b, true
		}
	}
	return false, false
}

// intOf returns v as an integer of bits bits: integers, integral floats, booleans as
// 1 and 0, and decimal text.
func intOf(v any, bits int) (int64, error) {
	var n int64
	switch x := v.(type) {
	case int64:
		n = x
	case float64:
		if x != math.Trunc(x) || x < math.MinInt64 || x >= math.MaxInt64 {
			return 0, errors.New("not an integer")
		}
		n = int64(x)
	case bool:
		if x {
			n = 1
		}
	case string:
		return strconv.ParseInt(x, 10, bits)
	case []byte:
		return strconv.ParseInt(string(x), 10, bits)
	default:
		return 0, errors.New("not an integer")
	}
	if bits < 64 {
		if lim := int64(1) << (bits - 1); n < -lim || n >= lim {
			return 0, strconv.ErrRange
		}
	}
	return n, nil
}

func floatOf(v any) (float64, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case int64:
		return float64(x), nil
	case string:
		return strconv.ParseFloat(x, 64)
	case []byte:
		return strconv.ParseFloat(string(x), 64)
	}
	return 0, errors.New("not a number")
}

func uuidText(u [16]byte) string {
	const hexDigits = "0123456789abcdef"
	var b [36]byte
	j := 0
	for i, x := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b[j] = '-'
			j++
		}
		b[j], b[j+1] = hexDigits[x>>4], hexDigits[x&0x0f]
		j += 2
	}
	return string(b[:])
}

// Struct scanning.

// AllowUnknownColumns, embedded in a struct, lets ScanStruct skip result columns that
// have no field in it, for structs that read part of a wider result:
//
//	type Summary struct {
//		engine.AllowUnknownColumns
//		ID   int64
//		Name string
//	}
//
// Without it such a column is a *ScanError.
type AllowUnknownColumns struct{}

// A ScanError reports a struct that cannot receive a result: not a pointer to a
// struct, no field for a column, or a column claimed by two fields or given twice.
type ScanError struct {
	Struct string // the struct's type, such as "main.User"
	Column string // the result column's name, or "" when the struct itself is at fault
	Reason string
}

func (e *ScanError) Error() string {
	s := "engine: scanning into " + e.Struct
	if e.Column != "" {
		s += ": column " + strconv.Quote(e.Column)
	}
	return s + ": " + e.Reason
}

// A structMap says where each result column goes in a struct type.
type structMap struct {
	fields []fieldLoc // one per result column; typ nil for a skipped column
	hops   bool       // some field lies behind an embedded pointer
	reuse  bool       // some field may keep memory of the row before: see mayReuse
	err    error
}

// A fieldLoc locates a field from the start of the outermost struct: through zero or
// more embedded pointers (allocated when nil), then at off.
type fieldLoc struct {
	hops []hop
	off  uintptr
	typ  reflect.Type
}

// A hop is an embedded pointer to a struct at off, whose elem is allocated when nil.
type hop struct {
	off  uintptr
	elem reflect.Type
}

// ptr returns the field's address in the struct at base, allocating embedded structs
// reached through nil pointers.
func (f *fieldLoc) ptr(base unsafe.Pointer) unsafe.Pointer {
	p := base
	for _, h := range f.hops {
		pp := (*unsafe.Pointer)(unsafe.Add(p, h.off))
		if *pp == nil {
			*pp = reflect.New(h.elem).UnsafePointer()
		}
		p = *pp
	}
	return unsafe.Add(p, f.off)
}

type structKey struct {
	t    reflect.Type
	cols string // the column names, NUL-separated
}

var structMaps sync.Map // structKey → *structMap

// mapStruct returns the mapping of the columns onto t's fields, from the cache.
func mapStruct(t reflect.Type, cols []string) *structMap {
	key := structKey{t, strings.Join(cols, "\x00")}
	if m, ok := structMaps.Load(key); ok {
		return m.(*structMap)
	}
	m, _ := structMaps.LoadOrStore(key, buildStructMap(t, cols))
	return m.(*structMap)
}

// A candidate is a field a column name may go to.
type candidate struct {
	loc    fieldLoc
	name   string // the tag's name, or the Go field name
	snake  string // name in snake_case; "" for tagged fields
	tagged bool
	depth  int // embedding depth: shallower fields win, as in Go
	path   string
}

var (
	allowUnknownType = reflect.TypeFor[AllowUnknownColumns]()
	timeType         = reflect.TypeFor[time.Time]()
)

// leafStruct reports whether a struct type is one value rather than fields to flatten.
func leafStruct(t reflect.Type) bool {
	return t == timeType || t.Implements(scannerType) || reflect.PointerTo(t).Implements(scannerType)
}

func buildStructMap(t reflect.Type, cols []string) *structMap {
	var cands []candidate
	allow := false
	var walk func(t reflect.Type, depth int, hops []hop, off uintptr, path string)
	walk = func(t reflect.Type, depth int, hops []hop, off uintptr, path string) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("db")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			if f.Anonymous && name == "" {
				ft := f.Type
				isPtr := ft.Kind() == reflect.Pointer
				if isPtr {
					ft = ft.Elem()
				}
				if ft == allowUnknownType {
					allow = true
					continue
				}
				if ft.Kind() == reflect.Struct && !leafStruct(ft) {
					if isPtr && !f.IsExported() {
						continue // as encoding/json: it could not be allocated by reflection
					}
					if isPtr {
						h := append(append([]hop(nil), hops...), hop{off: off + f.Offset, elem: ft})
						walk(ft, depth+1, h, 0, path+f.Name+".")
					} else {
						walk(ft, depth+1, hops, off+f.Offset, path+f.Name+".")
					}
					continue
				}
			}
			if !f.IsExported() {
				continue
			}
			c := candidate{
				loc:   fieldLoc{hops: hops, off: off + f.Offset, typ: f.Type},
				depth: depth, path: path + f.Name,
			}
			if name != "" {
				c.name, c.tagged = name, true
			} else {
				c.name, c.snake = f.Name, snakeCase(f.Name)
			}
			cands = append(cands, c)
		}
	}
	walk(t, 0, nil, 0, "")

	m := &structMap{fields: make([]fieldLoc, len(cols))}
	fail := func(col, reason string) *structMap {
		return &structMap{err: &ScanError{Struct: t.String(), Column: col, Reason: reason}}
	}
	taken := make(map[string]string, len(cols)) // field path → the column it got
	for i, col := range cols {
		best, tie, n := bestField(cands, col)
		switch {
		case n > 1:
			return fail(col, "fields "+best.path+" and "+tie.path+" both match it; tag one db:\""+col+"\"")
		case n == 0 && allow:
			continue
		case n == 0:
			return fail(col, "no field matches it; add a field tagged db:\""+col+"\", or embed engine.AllowUnknownColumns to skip such columns")
		}
		if prev, ok := taken[best.path]; ok {
			if prev == col {
				return fail(col, "the result has two columns of this name; label one of them")
			}
			return fail(col, "it and column "+strconv.Quote(prev)+" both go to field "+best.path+"; label or tag one of them")
		}
		taken[best.path] = col
		m.fields[i] = best.loc
		m.hops = m.hops || len(best.loc.hops) > 0
		m.reuse = m.reuse || mayReuseField(best.loc.typ)
	}
	return m
}

// mayReuseField reports whether scanning into a field of type t may keep memory the
// field held before, so that a struct reused for the next row must be zeroed first:
// a Scanner of a type holding references may append to what it has. Everything
// else stores new values (JSON documents are unmarshalled into a zeroed value).
func mayReuseField(t reflect.Type) bool {
	if t.Implements(scannerType) || reflect.PointerTo(t).Implements(scannerType) {
		return mayReuse(t)
	}
	return false
}

// mayReuse reports whether a value of type t holds references to memory.
func mayReuse(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Map, reflect.Slice, reflect.Pointer, reflect.Interface, reflect.Chan,
		reflect.Func, reflect.UnsafePointer:
		return true
	case reflect.Array:
		return mayReuse(t.Elem())
	case reflect.Struct:
		if t == timeType {
			return false // its *Location is never written through
		}
		for i := range t.NumField() {
			if mayReuse(t.Field(i).Type) {
				return true
			}
		}
	}
	return false
}

// bestField returns the field col goes to and how many fields tie for it. Fields
// closer to the top win; at one depth, an exact tag beats a field name (in snake_case
// or any case) beats a tag in another case.
func bestField(cands []candidate, col string) (best, tie candidate, n int) {
	bestRank := -1
	for _, c := range cands {
		rank := 0
		switch {
		case c.tagged && c.name == col:
			rank = 3
		case !c.tagged && (c.snake == col || strings.EqualFold(c.name, col) || strings.EqualFold(c.snake, col)):
			rank = 2
		case c.tagged && strings.EqualFold(c.name, col):
			rank = 1
		default:
			continue
		}
		switch {
		case n == 0 || c.depth < best.depth || (c.depth == best.depth && rank > bestRank):
			best, bestRank, n = c, rank, 1
		case c.depth == best.depth && rank == bestRank:
			tie = c
			n++
		}
	}
	return best, tie, n
}

// snakeCase returns a Go field name in snake_case: CreatedAt → created_at,
// UserID → user_id, HTTPServer → http_server.
func snakeCase(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if unicode.IsUpper(r) {
			if i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]) ||
				(unicode.IsUpper(rs[i-1]) && i+1 < len(rs) && unicode.IsLower(rs[i+1]))) {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// A structState is ScanStruct's binding of one struct type to the result: the
// mapping, and destinations pointing into the struct last scanned into.
type structState struct {
	typ  reflect.Type // the pointer type given to ScanStruct
	m    *structMap
	base unsafe.Pointer // the struct dest points into; nil before the first bind
	dest []any
}

func (s *structState) bind(base unsafe.Pointer) {
	for i := range s.m.fields {
		f := &s.m.fields[i]
		if f.typ == nil {
			s.dest[i] = discard{}
			continue
		}
		s.dest[i] = reflect.NewAt(f.typ, f.ptr(base)).Interface()
	}
	s.base = base
}

// discard is the destination of a column nothing receives.
type discard struct{}

func (discard) Scan(any) error { return nil }

// ScanStruct copies the current row into the struct dst points to. Each column goes
// to the field tagged `db:"name"` with its name, or else to the field whose name, in
// snake_case or in any case, is the column's (CreatedAt takes created_at); `db:"-"`
// skips a field, and embedded structs' fields count as the outer struct's. A column
// without a field is a *ScanError unless the struct embeds AllowUnknownColumns;
// fields without a column are left as they are. Values are converted as Scan does.
//
// The mapping is worked out once per struct type and column list, and the field
// addresses once per Rows while dst stays the same.
func (r *Rows) ScanStruct(dst any) error {
	st := r.st
	pt := reflect.TypeOf(dst)
	if st == nil || st.typ != pt {
		if pt == nil || pt.Kind() != reflect.Pointer || pt.Elem().Kind() != reflect.Struct {
			return &ScanError{Struct: typeName(dst), Reason: "ScanStruct needs a pointer to a struct"}
		}
		if r.ncols() < 0 {
			_, err := r.rows.Columns()
			return r.e.classify(err)
		}
		m := mapStruct(pt.Elem(), r.names)
		if m.err != nil {
			return m.err
		}
		st = &structState{typ: pt, m: m, dest: make([]any, len(r.names))}
		r.st = st
		r.sc.trusted = false // other destination types from now on
	}
	base := reflect.ValueOf(dst).UnsafePointer()
	if base == nil {
		return &ScanError{Struct: pt.String(), Reason: "ScanStruct needs a non-nil pointer"}
	}
	if base != st.base || st.m.hops {
		st.bind(base)
		r.sc.trusted = false
	}
	return r.scan(st.dest, true)
}

// ScanMap returns the current row as a map from column name to value. Values are the
// canonical Go values of the columns' types (see types.Type.FromDriver), so they are
// the same on every dialect: int64, float64, decimal text, bool, string, time.Time in
// UTC, []byte, json.RawMessage, [16]byte for UUIDs; nil for NULL. Columns of unknown
// type hold the driver's value. Of two columns with one name, the later wins.
func (r *Rows) ScanMap() (map[string]any, error) {
	n := r.ncols()
	if n < 0 {
		_, err := r.rows.Columns()
		return nil, r.e.classify(err)
	}
	if r.mv == nil {
		r.mv = make([]any, n)
		r.mp = make([]any, n)
		for i := range r.mv {
			r.mp[i] = &r.mv[i]
		}
	}
	if err := r.Scan(r.mp...); err != nil {
		return nil, err
	}
	m := make(map[string]any, n)
	for i, name := range r.names {
		m[name] = r.mv[i]
		r.mv[i] = nil
	}
	return m, nil
}

// Generic helpers.

// ErrMultipleRows is returned by One when the query returns more than one row.
var ErrMultipleRows = errors.New("engine: the query returned more than one row")

// All runs stmt and returns every row as a T: a struct (or pointer to one) is filled
// by ScanStruct, a map[string]any by ScanMap, and any other T from the only column.
// No rows is an empty, non-nil slice.
func All[T any](ctx context.Context, q Querier, stmt ast.Node, params ...Params) ([]T, error) {
	rows, err := q.Query(ctx, stmt, params...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	s, err := newRowScanner[T](rows, false)
	if err != nil {
		return nil, err
	}
	out := make([]T, 0)
	for rows.Next() {
		v, err := s.next()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, rows.Close()
}

// One runs stmt and returns its only row as a T (as All reads it): no row is
// sql.ErrNoRows, and a second row is ErrMultipleRows.
func One[T any](ctx context.Context, q Querier, stmt ast.Node, params ...Params) (T, error) {
	return first[T](ctx, q, stmt, params, false)
}

// Scalar runs stmt and returns the first column of its first row as a T; other
// columns and rows are ignored. No row is sql.ErrNoRows; a NULL needs a T that can
// hold it (*int64, sql.Null[int64], any).
func Scalar[T any](ctx context.Context, q Querier, stmt ast.Node, params ...Params) (T, error) {
	return first[T](ctx, q, stmt, params, true)
}

// first reads the first row of stmt as a T, the column alone when scalar. Without
// scalar the row must also be the only one (One); with it the rest are ignored
// (Scalar).
func first[T any](ctx context.Context, q Querier, stmt ast.Node, params []Params, scalar bool) (T, error) {
	var zero T
	rows, err := q.Query(ctx, stmt, params...)
	if err != nil {
		return zero, err
	}
	defer rows.Close()
	s, err := newRowScanner[T](rows, scalar)
	if err != nil {
		return zero, err
	}
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return zero, err
		}
		return zero, sql.ErrNoRows
	}
	v, err := s.next()
	if err != nil {
		return zero, err
	}
	if !scalar {
		if rows.Next() {
			return zero, ErrMultipleRows
		}
		if err := rows.Err(); err != nil {
			return zero, err
		}
	}
	return v, rows.Close()
}

// Iter runs stmt when iteration starts and yields its rows one at a time as T (as All
// reads them), holding one row in memory. An error is yielded once, with a zero T,
// and ends the iteration; so does breaking out of the loop, which closes the rows.
//
//	for u, err := range engine.Iter[User](ctx, e, stmt) {
//		if err != nil {
//			return err
//		}
//		…
//	}
func Iter[T any](ctx context.Context, q Querier, stmt ast.Node, params ...Params) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		rows, err := q.Query(ctx, stmt, params...)
		if err != nil {
			yield(zero, err)
			return
		}
		defer rows.Close()
		s, err := newRowScanner[T](rows, false)
		if err != nil {
			yield(zero, err)
			return
		}
		for rows.Next() {
			v, err := s.next()
			if err != nil {
				yield(zero, err)
				return
			}
			if !yield(v, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(zero, err)
			return
		}
		if err := rows.Close(); err != nil {
			yield(zero, err)
		}
	}
}

// A rowScanner reads rows as T for the generic helpers.
type rowScanner[T any] struct {
	rows *Rows
	how  scanHow
	v    *T    // scratch value that dest points into, copied out per row
	dest []any // for scalars: v, then discards
}

type scanHow uint8

const (
	scanScalar    scanHow = iota // T from the first column
	scanStruct                   // T is a struct: ScanStruct into v
	scanStructPtr                // T is *S: ScanStruct into a new S per row
	scanMap                      // T is map[string]any
)

var mapType = reflect.TypeFor[map[string]any]()

func newRowScanner[T any](rows *Rows, firstColumn bool) (*rowScanner[T], error) {
	s := &rowScanner[T]{rows: rows, v: new(T)}
	t := reflect.TypeFor[T]()
	switch {
	case t.Kind() == reflect.Struct && !leafStruct(t):
		s.how = scanStruct
		return s, nil
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct && !leafStruct(t.Elem()) &&
		!t.Implements(scannerType):
		s.how = scanStructPtr
		return s, nil
	case t == mapType:
		s.how = scanMap
		return s, nil
	}
	n := rows.ncols()
	if n < 0 {
		_, err := rows.rows.Columns()
		return nil, rows.e.classify(err)
	}
	if n == 0 || (n > 1 && !firstColumn) {
		return nil, &ScanError{Struct: t.String(), Reason: "the query returns " + strconv.Itoa(n) +
			" columns; scanning into a non-struct type takes exactly one"}
	}
	s.dest = make([]any, n)
	s.dest[0] = s.v
	for i := 1; i < n; i++ {
		s.dest[i] = discard{}
	}
	return s, nil
}

// next scans the current row.
func (s *rowScanner[T]) next() (T, error) {
	var zero T
	switch s.how {
	case scanStruct:
		// Each row is scanned into the same scratch struct and copied out. Where a
		// field could keep memory of the row before (a Scanner appending to a
		// slice), the scratch is zeroed first, so that the rows share nothing; so it
		// is where embedded structs behind pointers must be allocated anew.
		if st := s.rows.st; st != nil && st.base == unsafe.Pointer(s.v) && !st.m.hops {
			if st.m.reuse {
				*s.v = zero
			}
			if err := s.rows.scan(st.dest, true); err != nil {
				return zero, err
			}
			return *s.v, nil
		}
		*s.v = zero
		if err := s.rows.ScanStruct(s.v); err != nil {
			return zero, err
		}
		return *s.v, nil
	case scanStructPtr:
		p := reflect.New(reflect.TypeFor[T]().Elem())
		if err := s.rows.ScanStruct(p.Interface()); err != nil {
			return zero, err
		}
		return p.Interface().(T), nil
	case scanMap:
		m, err := s.rows.ScanMap()
		if err != nil {
			return zero, err
		}
		return any(m).(T), nil
	}
	*s.v = zero
	if err := s.rows.Scan(s.dest...); err != nil {
		return zero, err
	}
	return *s.v, nil
}
