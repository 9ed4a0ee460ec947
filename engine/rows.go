package engine

import (
	"database/sql"
	"reflect"
	"sync"
	"time"
	"unsafe"

	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/types"
)

// Rows is the result of a query, read one row at a time. Close it when done (Next
// closes it after the last row).
//
// Scan converts values by the plan's result types, so that the same destination
// receives the same Go value from every dialect: SQLite's text timestamps and MySQL's
// integer booleans and decimal bytes arrive as time.Time, bool and decimal text, and
// times are in UTC. Columns whose destination database/sql already fills the same way
// everywhere are scanned by database/sql directly.
type Rows struct {
	rows *sql.Rows
	plan *compiler.Plan
	e    *Engine

	names []string      // the result's column names, read once
	types []*types.Type // the plan's type of each result column; nil entries are Unknown
	sc    scanState     // how Scan stores each column, decided on the first Scan
	st    *structState  // ScanStruct's binding, made on its first call
	mv    []any         // ScanMap's values, reused for every row
	mp    []any         // pointers to mv's elements

	// Storage for sc's slices on narrow results, so that a query whose plan has a
	// scan decision already (see scanDecision) scans without allocating.
	argBuf  [8]any
	convBuf [8]*converter
	cvBuf   [2]converter
}

// Next prepares the next row for Scan, reporting false after the last one or on error.
func (r *Rows) Next() bool { return r.rows.Next() }

// Err returns the error that ended iteration, if any.
func (r *Rows) Err() error { return r.e.classify(r.rows.Err()) }

// Close releases the rows' connection.
func (r *Rows) Close() error { return r.rows.Close() }

// Columns returns the result's column names as the database reports them.
func (r *Rows) Columns() ([]string, error) { return r.rows.Columns() }

// Plan returns the compiled plan the rows came from, with its typed result columns.
func (r *Rows) Plan() *compiler.Plan { return r.plan }

// Raw returns the underlying *sql.Rows.
func (r *Rows) Raw() *sql.Rows { return r.rows }

// Scan copies the current row into dest, as (*sql.Rows).Scan does, converting each
// value by its column's type for this dialect first where the destination needs it.
// Besides what database/sql accepts, the destinations may be *json.RawMessage (JSON),
// *[16]byte (UUID), *time.Duration (intervals), pointers to structs, maps and slices
// (JSON documents, unmarshalled), and *any, which receives the type's canonical value
// (see types.Type.FromDriver). A NULL needs a pointer (**T), *any, a slice, a map or
// a sql.Scanner such as sql.Null[T].
func (r *Rows) Scan(dest ...any) error { return r.scan(dest, false) }

// scan is Scan. ScanStruct passes trusted: its destinations are the same from row
// to row until it binds them to another struct, when it clears sc.trusted.
func (r *Rows) scan(dest []any, trusted bool) error {
	s := &r.sc
	if !trusted || !s.trusted {
		if !s.matches(dest) {
			d := r.memo(dest) // decided for this plan before: the result has len(dest) columns
			if d == nil {
				if len(dest) != r.ncols() {
					// database/sql's message names both counts.
					return r.e.classify(r.rows.Scan(dest...))
				}
				d = r.decide(dest)
			}
			r.adopt(d, dest) // points the converters at dest
		} else if !s.direct {
			s.point(dest)
		}
		s.trusted = trusted
	}
	if s.direct {
		return r.e.classify(r.rows.Scan(dest...))
	}
	return r.e.classify(r.rows.Scan(s.args...))
}

// point makes args and the converters point at dest. They live on the heap, where
// writing a pointer costs a write barrier while the collector runs, so a
// destination that has not changed (the usual case: the same variables every row)
// is not written again; its type is known to be the same, so comparing the data
// words suffices.
func (s *scanState) point(dest []any) {
	for i, c := range s.conv {
		if c == nil {
			if dataWord(s.args[i]) != dataWord(dest[i]) {
				s.args[i] = dest[i]
			}
		} else if dataWord(c.dest) != dataWord(dest[i]) {
			c.dest = dest[i]
		}
	}
}

// ncols returns the number of result columns, reading the names and the plan's types
// on first use. A plan whose columns do not line up with the result's (a bare * of
// an unknown table) types none of them.
func (r *Rows) ncols() int {
	if r.names == nil {
		names, err := r.rows.Columns()
		if err != nil {
			return -1
		}
		r.names = names
		r.types = make([]*types.Type, len(names))
		if r.plan != nil {
			if cols := r.plan.Columns(); len(cols) == len(names) {
				for i, c := range cols {
					r.types[i] = c.Type
				}
			}
		}
	}
	return len(r.names)
}

// A scanState records, for one list of destination types, which columns go through
// a converter and which database/sql fills directly.
type scanState struct {
	kinds   []unsafe.Pointer // the destination types the decision was made for; shared, read-only
	conv    []*converter     // per column: nil to scan directly
	args    []any            // what (*sql.Rows).Scan receives: dest[i] or conv[i]
	direct  bool             // no column needs a converter: Scan passes dest through
	trusted bool             // decided for ScanStruct's destinations
}

// matches reports whether dest has the types the state was decided for. Reading an
// interface's type is one load, so checking every row costs next to nothing.
func (s *scanState) matches(dest []any) bool { return sameKinds(s.kinds, dest) }

func sameKinds(kinds []unsafe.Pointer, dest []any) bool {
	if kinds == nil || len(dest) != len(kinds) {
		return false
	}
	for i, d := range dest {
		if typeWord(d) != kinds[i] {
			return false
		}
	}
	return true
}

// A scanDecision is what decide works out for one plan, one driver target and one
// list of destination types. It is kept as the plan's memo (compiler.Plan.Memo), so
// that running a cached plan again — a point read by key, say — scans its first row
// without deciding again: no reflection and no allocation. It is immutable.
type scanDecision struct {
	tg     *types.Target
	kinds  []unsafe.Pointer
	conv   []convSpec // per column; a zero convSpec scans directly
	direct bool
}

// A convSpec says how one column converts: by t, whose decorator (if any) base lacks.
type convSpec struct{ t, base *types.Type }

// typeWord returns the type word of an interface value: equal for equal dynamic
// types, without reflect's conversion to a reflect.Type interface.
func typeWord(x any) unsafe.Pointer {
	return (*[2]unsafe.Pointer)(unsafe.Pointer(&x))[0]
}

// dataWord returns the data word of an interface value: for pointers, the pointer.
func dataWord(x any) unsafe.Pointer {
	return (*[2]unsafe.Pointer)(unsafe.Pointer(&x))[1]
}

// decide works out which columns of dest need converting and keeps the decision as
// the plan's memo, for the next rows and the next executions of the plan.
func (r *Rows) decide(dest []any) *scanDecision {
	d := r.newDecision(dest, r.target())
	if r.plan != nil {
		r.plan.SetMemo(d)
	}
	return d
}

// memo returns the plan's scan decision if it was made for dest's types, else nil.
func (r *Rows) memo(dest []any) *scanDecision {
	if r.plan == nil {
		return nil
	}
	if m, ok := r.plan.Memo().(*scanDecision); ok && m.tg == r.target() && sameKinds(m.kinds, dest) {
		return m
	}
	return nil
}

// target returns the dialect's driver description, or nil for rows without an engine.
func (r *Rows) target() *types.Target {
	if r.e == nil {
		return nil
	}
	return &r.e.d.Target
}

func (r *Rows) newDecision(dest []any, tg *types.Target) *scanDecision {
	n := len(dest)
	d := &scanDecision{tg: tg, kinds: make([]unsafe.Pointer, n), conv: make([]convSpec, n), direct: true}
	typs := r.columnTypes(n)
	for i, x := range dest {
		d.kinds[i] = typeWord(x)
		t := types.Of(typs[i])
		if tg == nil || !needsConversion(t, reflect.TypeOf(x)) {
			continue
		}
		base := t
		if t.Decorator != nil {
			b := *t
			b.Decorator = nil
			base = &b
		}
		d.conv[i] = convSpec{t: t, base: base}
		d.direct = false
	}
	return d
}

// columnTypes returns the plan's type of each of n result columns (nil entries
// are Unknown), read from the plan without asking the driver for the names.
func (r *Rows) columnTypes(n int) []*types.Type {
	if r.types == nil && r.plan != nil {
		if cols := r.plan.Columns(); len(cols) == n {
			r.types = make([]*types.Type, n)
			for i, c := range cols {
				r.types[i] = c.Type
			}
		}
	}
	if len(r.types) != n {
		return make([]*types.Type, n) // the plan does not line up with the result: none typed
	}
	return r.types
}

// adopt makes the scan state follow d, with converters of its own pointing at dest.
func (r *Rows) adopt(d *scanDecision, dest []any) {
	s := &r.sc
	s.kinds, s.direct = d.kinds, d.direct
	if d.direct {
		s.conv, s.args = nil, nil
		return
	}
	n := len(dest)
	if n <= len(r.argBuf) {
		s.args, s.conv = r.argBuf[:n:n], r.convBuf[:n:n]
	} else {
		s.args, s.conv = make([]any, n), make([]*converter, n)
	}
	used := 0
	for i, cs := range d.conv {
		if cs.t == nil {
			s.conv[i], s.args[i] = nil, dest[i]
			continue
		}
		var c *converter
		if used < len(r.cvBuf) {
			c = &r.cvBuf[used]
			used++
		} else {
			c = new(converter)
		}
		*c = converter{t: cs.t, base: cs.base, tg: d.tg, dest: dest[i]}
		s.conv[i], s.args[i] = c, c
	}
}

var (
	anyPtrType   = reflect.TypeFor[*any]()
	rawBytesType = reflect.TypeFor[*sql.RawBytes]()
	scannerType  = reflect.TypeFor[sql.Scanner]()
	int64Type    = reflect.TypeFor[int64]()
	float64Type  = reflect.TypeFor[float64]()
	boolType     = reflect.TypeFor[bool]()
	stringType   = reflect.TypeFor[string]()
	bytesType    = reflect.TypeFor[[]byte]()
)

// needsConversion reports whether values of type t must be converted before they are
// stored in a destination of type dt. It says no where database/sql stores every
// dialect's driver value alike and without extra work: int64 into *int64, bytes and
// strings into *string, 0/1 and true/false into *bool, and so on.
func needsConversion(t *types.Type, dt reflect.Type) bool {
	if t.Kind == types.Unknown && t.Decorator == nil {
		return false // nothing to convert by
	}
	if dt == nil || dt.Kind() != reflect.Pointer || dt == rawBytesType {
		return false // database/sql rejects it, or hands out the driver's bytes
	}
	if dt == anyPtrType || t.Decorator != nil {
		return true // the canonical value, or the decorator's
	}
	if dt.Implements(scannerType) {
		// Scanners get the driver's value, except where drivers disagree on its
		// representation (sql.NullTime cannot read SQLite's text timestamps).
		return t.Kind == types.Boolean || t.Kind == types.Numeric || t.Kind.IsTemporal()
	}
	e := dt.Elem()
	for e.Kind() == reflect.Pointer {
		e = e.Elem()
	}
	switch t.Kind {
	case types.SmallInt, types.Int, types.BigInt:
		// database/sql stores int64 in any other integer type by formatting and
		// parsing it, which allocates; the converter does not.
		return e != int64Type
	case types.Float, types.Double:
		return e != float64Type
	case types.Numeric:
		// SQLite returns REAL: decimal text is made by the converter, at the scale.
		return e != float64Type
	case types.Boolean:
		return e != boolType
	case types.VarChar, types.Char, types.TextKind, types.EnumKind:
		// database/sql converts to named string types (type Mood string) too.
		return e.Kind() != reflect.String && e != bytesType
	case types.Binary, types.JSON:
		return e != stringType && e != bytesType
	}
	// Times (text on SQLite, zones to normalise), intervals, UUIDs and arrays.
	return true
}

// A converter stands in for one destination in (*sql.Rows).Scan: database/sql hands
// it the driver's value, which it converts by the column's type and stores in the
// destination. Being a sql.Scanner, it sees the driver's bytes without a copy.
type converter struct {
	t    *types.Type   // the column's type
	base *types.Type   // t without its decorator
	tg   *types.Target // the dialect's driver
	dest any           // the caller's destination, set for the duration of one Scan
}

// Scan converts src and stores it in the destination.
func (c *converter) Scan(src any) error {
	// The common case costs no interface boxing: a driver time into *time.Time.
	if d, ok := c.dest.(*time.Time); ok && d != nil && c.t.Decorator == nil {
		if x, ok := src.(time.Time); ok {
			*d = utcTime(x, c.t.Kind)
			return nil
		}
	}
	v, err := convertValue(c.t, c.base, c.tg, src)
	if err != nil {
		return err
	}
	return assign(c.dest, v, src)
}

// A Row is the result of QueryRow.
type Row struct {
	rows *Rows // nil once scanned: it went back to rowsPool
	err  error
}

// rowsPool holds the Rows of scanned Rows (see rowOf).
var rowsPool = sync.Pool{New: func() any { return new(Rows) }}

// recycle zeroes r, its connection released, and pools it.
func (r *Rows) recycle() {
	*r = Rows{}
	rowsPool.Put(r)
}

// Err returns the error of running the query, if any.
func (r *Row) Err() error { return r.err }

// Scan copies the first row into dest, as Rows.Scan does, and closes the rows; no row
// is sql.ErrNoRows.
func (r *Row) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	rs := r.rows
	if rs == nil {
		return sql.ErrNoRows // scanned before: the rows are gone, as database/sql says
	}
	r.rows = nil
	defer rs.recycle()
	defer rs.Close()
	if !rs.Next() {
		if err := rs.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := rs.Scan(dest...); err != nil {
		return err
	}
	return rs.Close()
}
