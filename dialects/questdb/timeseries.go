package questdb

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/types"
)

// QuestDB's time-series SQL as node types of this package: the path a third-party
// dialect takes (issue 6, item 3). Each node embeds ast.Custom, encodes its shape for
// the plan cache (AppendKey), exposes its children to tree walks (Children), renders
// on QuestDB through a rule in its table, and refuses every other dialect through its
// Render method with an *compiler.UnsupportedError that says what to use there.

// The node kinds.
var (
	KindSampleBy     = ast.MustNewKind("questdb.sample_by")
	KindLatestOn     = ast.MustNewKind("questdb.latest_on")
	KindTolerance    = ast.MustNewKind("questdb.tolerance")
	KindIntervalIn   = ast.MustNewKind("questdb.interval_in")
	KindTimeFunction = ast.MustNewKind("questdb.time_function")
)

// QuestDB's time-series joins. Each row on the left meets the right row whose
// designated timestamp is the latest at or before its own (ASOF), strictly before it
// (LT); SPLICE JOIN is a full ASOF JOIN, emitting each row of either side with the
// other side's prevailing row.
var (
	AsofJoinType   = ast.MustNewJoinType("ASOF JOIN")
	LtJoinType     = ast.MustNewJoinType("LT JOIN")
	SpliceJoinType = ast.MustNewJoinType("SPLICE JOIN")
)

func installTimeSeriesRules(r *compiler.Rules) {
	r.Set(KindSampleBy, renderSampleBy)
	r.Set(KindLatestOn, renderLatestOn)
	r.Set(KindTolerance, func(c *compiler.Ctx, n ast.Node) { n.(*ToleranceClause).write(c) })
	r.Set(KindIntervalIn, renderIntervalIn)
	r.Set(KindTimeFunction, renderTimeFunction)
	r.Wrap(ast.KindJoin, wrapJoin)
}

// --- Durations: SAMPLE BY 15m, TOLERANCE 5s ---------------------------------------

// A Stride is a count of a QuestDB time unit, as SAMPLE BY and TOLERANCE write it:
// 15m, 1h, 1M.
type Stride struct {
	Count int64 // at least 1
	Unit  byte  // a QuestDB unit letter: n U T s m h d w M y
}

func (s Stride) String() string { return strconv.FormatInt(s.Count, 10) + string(s.Unit) }

// check reports a stride that is not a positive count of one of units: a Stride is a
// public field, set by hand or left zero, and it is written into the SQL.
func (s Stride) check(units, what string) error {
	if s.Count < 1 || s.Unit == 0 || strings.IndexByte(units, s.Unit) < 0 {
		return fmt.Errorf("questdb: %s %q is not a positive count and a unit (one of %s)", what, s.String(), spaced(units))
	}
	return nil
}

// The unit letters: nanosecond, microsecond, millisecond, second, minute, hour, day,
// week, month, year. Months and years follow the calendar.
const (
	sampleUnits    = "nUTsmhdwMy"
	toleranceUnits = "nUTsmhdw" // TOLERANCE has no months or years
)

// parseStride reads a stride given as text ("15m", "h") or a time.Duration.
func parseStride(v any, units, what string) (Stride, error) {
	switch x := v.(type) {
	case string:
		if x == "" {
			return Stride{}, errors.New("questdb: empty " + what)
		}
		unit := x[len(x)-1]
		if !strings.ContainsRune(units, rune(unit)) {
			return Stride{}, fmt.Errorf("questdb: %s %q does not end in a unit (one of %s)", what, x, spaced(units))
		}
		digits := x[:len(x)-1]
		n := int64(1) // QuestDB reads a bare unit as one of it
		if digits != "" {
			var err error
			n, err = strconv.ParseInt(digits, 10, 64)
			if err != nil || digits[0] == '+' || digits[0] == '-' {
				return Stride{}, fmt.Errorf("questdb: %s %q is not a positive count and a unit, like 15m", what, x)
			}
		}
		if n < 1 {
			return Stride{}, fmt.Errorf("questdb: %s %q must be at least one unit", what, x)
		}
		return Stride{Count: n, Unit: unit}, nil
	case time.Duration:
		if x <= 0 {
			return Stride{}, fmt.Errorf("questdb: %s %v is not positive", what, x)
		}
		for _, u := range []struct {
			d    time.Duration
			unit byte
		}{{time.Hour, 'h'}, {time.Minute, 'm'}, {time.Second, 's'}, {time.Millisecond, 'T'}, {time.Microsecond, 'U'}, {time.Nanosecond, 'n'}} {
			if x%u.d == 0 {
				return Stride{Count: int64(x / u.d), Unit: u.unit}, nil
			}
		}
	}
	return Stride{}, fmt.Errorf("questdb: %s must be a string such as \"15m\" or a time.Duration, not %T", what, v)
}

func spaced(units string) string {
	return strings.Join(strings.Split(units, ""), " ")
}

// --- SAMPLE BY -----------------------------------------------------------------------

// A SampleByClause node represents QuestDB's
//
//	SAMPLE BY <n><unit> [FROM lo TO hi] [FILL(…)]
//	  [ALIGN TO CALENDAR [TIME ZONE 'tz'] [WITH OFFSET '+hh:mm'] | ALIGN TO FIRST OBSERVATION]
//
// which aggregates the rows of a table with a designated timestamp into time buckets.
// Build it with SampleBy.
type SampleByClause struct {
	ast.Custom
	Every    Stride      // bucket size; zero when Param is set or the size was invalid
	Param    ast.Expr    // an expression given as the size instead of a constant, or nil; refused when compiled
	From, To ast.Expr    // FROM and TO bounds, each or both nil
	Fill     []FillValue // FILL values, one per aggregate or one for all; nil for none
	Align    Alignment   // ALIGN TO …; AlignDefault writes none
	TimeZone string      // ALIGN TO CALENDAR TIME ZONE, or ""
	Offset   string      // ALIGN TO CALENDAR WITH OFFSET, or ""
	Err      error       // what was wrong with the arguments, or nil; reported when compiled
}

// An Alignment says where SAMPLE BY's buckets start.
type Alignment uint8

// The alignments. Without one QuestDB aligns to the calendar (its default since 7.4).
const (
	AlignDefault          Alignment = iota
	AlignCalendar                   // ALIGN TO CALENDAR: buckets start at calendar boundaries
	AlignFirstObservation           // ALIGN TO FIRST OBSERVATION: at the first row's timestamp
)

// A FillMode is what FILL puts in a bucket without rows.
type FillMode uint8

// The fill modes.
const (
	FillModeNone   FillMode = iota + 1 // NONE: leave the bucket out
	FillModeNull                       // NULL
	FillModePrev                       // PREV: the previous bucket's value
	FillModeLinear                     // LINEAR: interpolated between the neighbours
	FillModeValue                      // a constant
)

// A FillValue is one value of FILL(…).
type FillValue struct {
	Mode  FillMode
	Const string // the constant as SQL text, for FillModeValue: a number or a quoted string (see FillConst)
	err   error
}

// The fill values without arguments.
var (
	FillNone   = FillValue{Mode: FillModeNone}
	FillNull   = FillValue{Mode: FillModeNull}
	FillPrev   = FillValue{Mode: FillModePrev}
	FillLinear = FillValue{Mode: FillModeLinear}
)

// FillConst returns a constant fill value: a Go number or string, written into the
// SQL (QuestDB takes constants only there). Anything else is an error when compiled.
func FillConst(v any) FillValue {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return FillValue{Mode: FillModeValue, Const: strconv.FormatInt(rv.Int(), 10)}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return FillValue{Mode: FillModeValue, Const: strconv.FormatUint(rv.Uint(), 10)}
	case reflect.Float32, reflect.Float64:
		f := rv.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return FillValue{Mode: FillModeValue, err: fmt.Errorf("questdb: FILL constant %v is not a number (use FillNull)", f)}
		}
		s := strconv.FormatFloat(f, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eE") {
			s += ".0"
		}
		return FillValue{Mode: FillModeValue, Const: s}
	case reflect.String:
		b, err := appendLiteral(nil, rv.String(), types.Text)
		if err != nil {
			return FillValue{Mode: FillModeValue, err: fmt.Errorf("questdb: FILL constant: %w", err)}
		}
		return FillValue{Mode: FillModeValue, Const: string(b)}
	}
	return FillValue{Mode: FillModeValue, err: fmt.Errorf("questdb: FILL constant must be a Go number or string, not %T", v)}
}

// sql returns the text of f in FILL(…), or what is wrong with it. The fields are
// public, and Const is written into the statement: it must be a number or a string
// literal as FillConst writes them, which is checked here rather than trusted.
func (f FillValue) sql() (string, error) {
	if f.err != nil {
		return "", f.err
	}
	switch f.Mode {
	case FillModeNone, FillModeNull, FillModePrev, FillModeLinear:
		return f.String(), nil
	case FillModeValue:
		return fillConstSQL(f.Const)
	}
	return "", fmt.Errorf("questdb: FILL value of mode %d: build it with FillNone, FillNull, FillPrev, FillLinear or FillConst", f.Mode)
}

// fillConstSQL checks the text of a FILL constant: a finite decimal number, written as
// it is, or a string literal in single quotes (a quote inside doubled), written again
// by the dialect's own quoting. Anything else — an expression, a keyword, text that
// would end the literal — is refused: QuestDB takes constants only there, so the
// constant cannot be bound, and unchecked text would be SQL injection.
func fillConstSQL(text string) (string, error) {
	if isNumber(text) {
		if f, err := strconv.ParseFloat(text, 64); err == nil && !math.IsInf(f, 0) {
			return text, nil
		}
		return "", fmt.Errorf("questdb: FILL constant %s is out of range", text)
	}
	if len(text) >= 2 && text[0] == '\'' && text[len(text)-1] == '\'' {
		var sb strings.Builder
		inner := text[1 : len(text)-1]
		for i := 0; i < len(inner); i++ {
			if inner[i] == '\'' {
				if i+1 == len(inner) || inner[i+1] != '\'' {
					return "", fmt.Errorf("questdb: FILL constant %q has a quote that ends the string early", text)
				}
				i++
			}
			sb.WriteByte(inner[i])
		}
		b, err := appendLiteral(nil, sb.String(), types.Text)
		if err != nil {
			return "", fmt.Errorf("questdb: FILL constant: %w", err)
		}
		return string(b), nil
	}
	return "", fmt.Errorf("questdb: FILL constant %q is not a number or a quoted string (build it with FillConst)", text)
}

// isNumber reports whether s is -?digits[.digits][(e|E)[+-]digits].
func isNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	digits := func() bool {
		n := 0
		for n < len(s) && '0' <= s[n] && s[n] <= '9' {
			n++
		}
		s = s[n:]
		return n > 0
	}
	if !digits() {
		return false
	}
	if s != "" && s[0] == '.' {
		s = s[1:]
		if !digits() {
			return false
		}
	}
	if s != "" && (s[0] == 'e' || s[0] == 'E') {
		s = s[1:]
		if s != "" && (s[0] == '+' || s[0] == '-') {
			s = s[1:]
		}
		if !digits() {
			return false
		}
	}
	return s == ""
}

func (f FillValue) String() string {
	switch f.Mode {
	case FillModeNone:
		return "NONE"
	case FillModeNull:
		return "NULL"
	case FillModePrev:
		return "PREV"
	case FillModeLinear:
		return "LINEAR"
	}
	return f.Const
}

// A SampleOption completes a SAMPLE BY clause.
type SampleOption func(*SampleByClause)

// Fill sets FILL(values…): one value per aggregate of the select list, in order, or
// a single value for all of them.
func Fill(values ...FillValue) SampleOption {
	values = append([]FillValue(nil), values...) // the caller may reuse its slice
	return func(s *SampleByClause) { s.Fill = values }
}

// FromTo sets FROM from TO to, the range of buckets to emit (and fill) whatever
// rows exist; either may be nil for an open end. A time.Time is written as an ISO
// 8601 text in UTC, a string as it is (QuestDB parses '2024-01-01' and its partial
// forms); an ast.Expr is rendered as it is. QuestDB takes only constants here when
// the query is keyed, so a bound parameter is refused then.
func FromTo(from, to any) SampleOption {
	return func(s *SampleByClause) {
		s.From, s.To = boundExpr(from, &s.Err), boundExpr(to, &s.Err)
	}
}

func boundExpr(v any, err *error) ast.Expr {
	switch x := v.(type) {
	case nil:
		return nil
	case time.Time:
		return ast.Lit(x.UTC().Format("2006-01-02T15:04:05.000000Z"))
	case string:
		if x == "" {
			*err = errors.Join(*err, errors.New("questdb: empty FROM/TO bound"))
		}
		return ast.Lit(x)
	case ast.Expr:
		return x
	}
	*err = errors.Join(*err, fmt.Errorf("questdb: FROM/TO bound must be a time.Time, a string or an ast.Expr, not %T", v))
	return nil
}

// AlignToCalendar sets ALIGN TO CALENDAR: buckets start at calendar boundaries (of
// UTC, or of the zone set with TimeZone, shifted by WithOffset).
func AlignToCalendar() SampleOption { return func(s *SampleByClause) { s.Align = AlignCalendar } }

// AlignToFirstObservation sets ALIGN TO FIRST OBSERVATION: buckets start at the first
// row's timestamp.
func AlignToFirstObservation() SampleOption {
	return func(s *SampleByClause) { s.Align = AlignFirstObservation }
}

// TimeZone aligns the buckets to the calendar of the zone tz, an IANA name such as
// "Europe/Berlin" or an offset such as "+01:00": ALIGN TO CALENDAR TIME ZONE 'tz'.
// FROM and TO are then local times of that zone.
func TimeZone(tz string) SampleOption {
	return func(s *SampleByClause) {
		s.Align, s.TimeZone = AlignCalendar, tz
		if !validZone(tz) {
			s.Err = errors.Join(s.Err, fmt.Errorf("questdb: %q is not a time zone name or offset", tz))
		}
	}
}

// WithOffset shifts calendar-aligned buckets by offset, written [+-]hh:mm: ALIGN TO
// CALENDAR WITH OFFSET '00:15'.
func WithOffset(offset string) SampleOption {
	return func(s *SampleByClause) {
		s.Align, s.Offset = AlignCalendar, offset
		if !validOffset(offset) {
			s.Err = errors.Join(s.Err, fmt.Errorf("questdb: offset %q is not [+-]hh:mm", offset))
		}
	}
}

func validZone(tz string) bool {
	if tz == "" || len(tz) > 64 {
		return false
	}
	for i := 0; i < len(tz); i++ {
		switch ch := tz[i]; {
		case 'a' <= ch && ch <= 'z', 'A' <= ch && ch <= 'Z', '0' <= ch && ch <= '9':
		case strings.IndexByte("_+-:/", ch) >= 0:
		default:
			return false
		}
	}
	return true
}

func validOffset(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return false
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	return err1 == nil && err2 == nil && hh <= 23 && mm <= 59 && h[0] != '+' && h[0] != '-'
}

// SampleBy returns sel with SAMPLE BY every: its rows are aggregated into buckets of
// that size by the table's designated timestamp. every is a QuestDB stride — a count
// and a unit letter, "15m", "1h", "1d", "1M" (n U T s m h d w M y) — or a
// time.Duration. The size is written into the SQL: QuestDB cannot take it as a bind
// parameter, so an ast.Expr given as every is refused when compiled.
//
//	q := questdb.SampleBy(
//		ast.Select(ts, ast.Avg(price).As("avg")).From(trades).Where(sym.Eq("BTC-USD")),
//		"1h", questdb.Fill(questdb.FillPrev), questdb.TimeZone("Europe/Berlin"))
//
// gives SELECT … WHERE … SAMPLE BY 1h FILL(PREV) ALIGN TO CALENDAR TIME ZONE
// 'Europe/Berlin'. The clause goes after WHERE and before ORDER BY and LIMIT, where
// QuestDB requires it. Invalid combinations — a FILL list whose length is not the
// number of aggregates, LINEAR in a keyed query or with FROM/TO, FROM/TO or a time
// zone with ALIGN TO FIRST OBSERVATION, GROUP BY beside SAMPLE BY — are errors when
// the statement is compiled.
func SampleBy(sel ast.SelectStmt, every any, opts ...SampleOption) ast.SelectStmt {
	return sel.AddClause(ast.AfterWhere, NewSampleBy(every, opts...))
}

// NewSampleBy returns the SAMPLE BY clause that SampleBy adds, for placing it with
// ast.SelectStmt.AddClause(ast.AfterWhere, …) or inspecting it.
func NewSampleBy(every any, opts ...SampleOption) *SampleByClause {
	s := &SampleByClause{Custom: ast.Custom{K: KindSampleBy}}
	if e, ok := every.(ast.Expr); ok {
		s.Param = e
	} else if st, err := parseStride(every, sampleUnits, "SAMPLE BY size"); err != nil {
		s.Err = err
	} else {
		s.Every = st
	}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	for _, f := range s.Fill {
		s.Err = errors.Join(s.Err, f.err)
	}
	return s
}

// Render refuses SAMPLE BY on dialects other than QuestDB.
func (s *SampleByClause) Render(c *compiler.Ctx) {
	c.Unsupported("SAMPLE BY", "it is QuestDB's; elsewhere GROUP BY a truncated timestamp (date_trunc)")
}

// Children returns the bounds and the size expression, for tree walks.
func (s *SampleByClause) Children() []ast.Node { return children(s.Param, s.From, s.To) }

// AppendKey encodes everything that reaches the SQL text.
func (s *SampleByClause) AppendKey(k *ast.KeyWriter) {
	if s.Err != nil {
		k.Uncacheable = true // compiled each time, so that each time it fails
	}
	k.Buf = strconv.AppendInt(k.Buf, s.Every.Count, 10)
	k.Byte(s.Every.Unit)
	k.Node(s.Param)
	k.Node(s.From)
	k.Node(s.To)
	k.Int(len(s.Fill))
	for _, f := range s.Fill {
		k.Byte(byte(f.Mode))
		k.Str(f.Const)
	}
	k.Byte(byte(s.Align))
	k.Str(s.TimeZone)
	k.Str(s.Offset)
}

// check reports what is wrong with the clause: the error its builder recorded, or a
// field set by hand (or left zero) that would write invalid SQL.
func (s *SampleByClause) check() error {
	if s.Err != nil {
		return s.Err
	}
	if s.Param == nil {
		if err := s.Every.check(sampleUnits, "SAMPLE BY size"); err != nil {
			return err
		}
	}
	for _, f := range s.Fill {
		if _, err := f.sql(); err != nil {
			return err
		}
	}
	switch {
	case s.Align > AlignFirstObservation:
		return fmt.Errorf("questdb: SAMPLE BY alignment %d is not AlignDefault, AlignCalendar or AlignFirstObservation", s.Align)
	case s.TimeZone != "" && !validZone(s.TimeZone):
		return fmt.Errorf("questdb: %q is not a time zone name or offset", s.TimeZone)
	case s.Offset != "" && !validOffset(s.Offset):
		return fmt.Errorf("questdb: offset %q is not [+-]hh:mm", s.Offset)
	}
	return nil
}

func renderSampleBy(c *compiler.Ctx, n ast.Node) {
	s := n.(*SampleByClause)
	if err := s.check(); err != nil {
		c.Fail(&compiler.CompileError{Dialect: c.Dialect().Name, Msg: "SAMPLE BY", Err: err})
		return
	}
	if s.Param != nil {
		if bad, ok := s.Param.(*ast.Invalid); ok {
			c.Node(bad)
			return
		}
		c.Unsupported("a bind parameter or expression as the SAMPLE BY size",
			"QuestDB reads the size as part of the statement (\"time interval unit expected\"): "+
				"give it as a Go string such as \"15m\" or a time.Duration")
		return
	}
	c.Write("SAMPLE BY ")
	c.Write(s.Every.String())
	if s.From != nil {
		c.Write(" FROM ")
		c.Expr(s.From, ast.PrecAtom)
	}
	if s.To != nil {
		c.Write(" TO ")
		c.Expr(s.To, ast.PrecAtom)
	}
	if len(s.Fill) > 0 {
		c.Write(" FILL(")
		for i, f := range s.Fill {
			if i > 0 {
				c.Write(", ")
			}
			text, _ := f.sql() // checked above
			c.Write(text)
		}
		c.Write(")")
	}
	switch s.Align {
	case AlignCalendar:
		c.Write(" ALIGN TO CALENDAR")
		if s.TimeZone != "" {
			c.Write(" TIME ZONE ")
			c.RawLiteral(s.TimeZone)
		}
		if s.Offset != "" {
			c.Write(" WITH OFFSET ")
			c.RawLiteral(s.Offset)
		}
	case AlignFirstObservation:
		c.Write(" ALIGN TO FIRST OBSERVATION")
	}
}

// checkClauses checks this package's clauses against the rest of the SELECT: what
// QuestDB would refuse for the combination, reported before anything is sent.
func checkClauses(c *compiler.Ctx, p *ast.SelectParts) bool {
	var sample *SampleByClause
	var latest *LatestOnClause
	for _, cl := range p.Clauses {
		switch x := cl.Node.(type) {
		case *SampleByClause:
			if sample != nil {
				c.Failf("a SELECT has at most one SAMPLE BY; sample a subquery to sample twice")
				return false
			}
			sample = x
		case *LatestOnClause:
			if latest != nil {
				c.Failf("a SELECT has at most one LATEST ON")
				return false
			}
			latest = x
		default:
			continue
		}
		if cl.Pos != ast.AfterWhere {
			c.Failf("%s must follow WHERE (add it with questdb.SampleBy or questdb.LatestOn)", cl.Node.Kind())
			return false
		}
	}
	if sample != nil && latest != nil {
		c.Failf("SAMPLE BY and LATEST ON cannot share a SELECT; apply one to a subquery that has the other")
		return false
	}
	if sample == nil || sample.Param != nil || sample.check() != nil {
		return true // the clause reports its own errors when rendered
	}
	if len(p.GroupBy) > 0 {
		c.Failf("SAMPLE BY groups by the non-aggregated columns itself; remove GROUP BY")
		return false
	}
	aggs, keyed := 0, false
	for _, e := range p.Columns {
		switch {
		case hasAggregate(e):
			aggs++
		case isKey(e):
			keyed = true
		}
	}
	linear, none := false, false
	for _, f := range sample.Fill {
		linear = linear || f.Mode == FillModeLinear
		none = none || f.Mode == FillModeNone
	}
	bounded := sample.From != nil || sample.To != nil
	switch {
	case len(sample.Fill) > 1 && len(sample.Fill) != aggs:
		c.Failf("FILL has %d values for %d aggregates in the select list: give one per aggregate, in order, or one for all",
			len(sample.Fill), aggs)
	case none && len(sample.Fill) > 1:
		c.Failf("FILL(NONE) cannot be combined with other fill values")
	case linear && keyed:
		c.Failf("FILL(LINEAR) cannot fill a keyed SAMPLE BY (one with non-aggregated columns besides the timestamp); use PREV or NULL")
	case linear && bounded:
		c.Failf("FILL(LINEAR) cannot be combined with FROM/TO")
	case bounded && sample.Align == AlignFirstObservation:
		c.Failf("SAMPLE BY … FROM/TO needs calendar alignment, not ALIGN TO FIRST OBSERVATION")
	case (sample.TimeZone != "" || sample.Offset != "") && sample.Align == AlignFirstObservation:
		c.Failf("TIME ZONE and WITH OFFSET apply to ALIGN TO CALENDAR only")
	case keyed && (hasParam(c.Dialect(), sample.From) || hasParam(c.Dialect(), sample.To)):
		c.Unsupported("a bind parameter as FROM/TO of a keyed SAMPLE BY",
			"QuestDB takes constants there: give the bounds as time.Time or string values")
	default:
		return true
	}
	return false
}

// hasParam reports whether e holds a bind parameter, bound or deferred, outside
// subqueries; a subquery counts when it holds a bound value. QuestDB wants constants
// in a keyed SAMPLE BY's FROM/TO, and CAST($1 AS TIMESTAMP) is no more one than $1.
func hasParam(d *compiler.Dialect, e ast.Node) bool {
	switch x := e.(type) {
	case nil:
		return false
	case *ast.BindParam:
		return true
	case *ast.Label:
		return hasParam(d, x.X)
	case *ast.Unary:
		return hasParam(d, x.X)
	case *ast.Binary:
		return hasParam(d, x.L) || hasParam(d, x.R)
	case *ast.CastExpr:
		return hasParam(d, x.X)
	case *ast.CollateExpr:
		return hasParam(d, x.X)
	case *ast.ExtractExpr:
		return hasParam(d, x.X)
	case *ast.LikeExpr:
		return hasParam(d, x.X) || hasParam(d, x.Pattern)
	case *ast.BetweenExpr:
		return hasParam(d, x.X) || hasParam(d, x.Lo) || hasParam(d, x.Hi)
	case *ast.Bool:
		return slices.ContainsFunc(x.Items, func(e ast.Expr) bool { return hasParam(d, e) })
	case *ast.TupleExpr:
		return slices.ContainsFunc(x.Items, func(e ast.Expr) bool { return hasParam(d, e) })
	case *ast.InExpr:
		return hasParam(d, x.X) || slices.ContainsFunc(x.List, func(e ast.Expr) bool { return hasParam(d, e) }) ||
			x.Query != nil && boundValues(d, x.Query)
	case *ast.Func:
		return slices.ContainsFunc(x.Args, func(e ast.Expr) bool { return hasParam(d, e) }) ||
			x.Filter != nil && hasParam(d, x.Filter) || x.Window != nil && boundValues(d, x.Window)
	case *ast.CaseExpr:
		for _, w := range x.Whens {
			if hasParam(d, w.Cond) || hasParam(d, w.Result) {
				return true
			}
		}
		return hasParam(d, x.Operand) || hasParam(d, x.Else)
	case *ast.Scalar, *ast.ExistsExpr, *ast.Quantified:
		return boundValues(d, x)
	case ast.Parent:
		for _, ch := range x.Children() {
			if hasParam(d, ch) {
				return true
			}
		}
	}
	return false
}

// boundValues reports whether n holds a bound value, as the plan cache's key walk
// collects them.
func boundValues(d *compiler.Dialect, n ast.Node) bool {
	_, vals, _ := compiler.Key(d, n, compiler.Options{})
	return len(vals) > 0
}

// fillPerAggregate reports whether the SAMPLE BY among clauses has a FILL list of
// one value per aggregate (more than one value), which the select list's aggregates
// must match.
func fillPerAggregate(clauses []ast.Clause) bool {
	for _, cl := range clauses {
		if s, ok := cl.Node.(*SampleByClause); ok && len(s.Fill) > 1 {
			return true
		}
	}
	return false
}

// aggregates are QuestDB's aggregate functions, by lower-case name.
var aggregates = map[string]bool{
	"count": true, "count_distinct": true, "sum": true, "ksum": true, "nsum": true,
	"avg": true, "min": true, "max": true, "first": true, "last": true,
	"first_not_null": true, "last_not_null": true, "stddev": true, "stddev_samp": true,
	"stddev_pop": true, "variance": true, "var_samp": true, "var_pop": true,
	"string_agg": true, "string_distinct_agg": true, "approx_percentile": true,
	"approx_median": true, "corr": true, "covar_samp": true, "covar_pop": true,
	"mode": true, "bool_and": true, "bool_or": true, "bit_and": true, "bit_or": true,
	"bit_xor": true, "weighted_avg": true, "weighted_stddev": true, "arg_min": true,
	"arg_max": true, "haversine_dist_deg": true, "array_agg": true, "vwap": true,
}

// hasAggregate reports whether e calls an aggregate outside a window.
func hasAggregate(e ast.Node) bool {
	switch x := e.(type) {
	case nil:
		return false
	case *ast.Func:
		if x.Window == nil && (aggregates[strings.ToLower(x.Name)] || x.ID == ast.FuncCount) {
			return true
		}
		for _, a := range x.Args {
			if hasAggregate(a) {
				return true
			}
		}
	case *ast.Label:
		return hasAggregate(x.X)
	case *ast.Binary:
		return hasAggregate(x.L) || hasAggregate(x.R)
	case *ast.Unary:
		return hasAggregate(x.X)
	case *ast.CastExpr:
		return hasAggregate(x.X)
	case *ast.CaseExpr:
		for _, w := range x.Whens {
			if hasAggregate(w.Cond) || hasAggregate(w.Result) {
				return true
			}
		}
		return hasAggregate(x.Else)
	case ast.Parent:
		for _, ch := range x.Children() {
			if hasAggregate(ch) {
				return true
			}
		}
	}
	return false
}

// isKey reports whether a select-list item without aggregates keys a SAMPLE BY: a
// value of a known type other than a timestamp (the bucket's own column). Constants
// and items of unknown type are not counted, so that only certain mistakes are refused.
func isKey(e ast.Expr) bool {
	switch e.(type) {
	case *ast.Literal, *ast.BindParam:
		return false
	case *ast.Label:
		return isKey(e.(*ast.Label).X)
	}
	t := ast.TypeOf(e)
	if t == nil || t.Kind == types.Unknown {
		return false
	}
	return t.Kind != types.Timestamp && t.Kind != types.TimestampTZ && t.Kind != types.Date
}

// --- LATEST ON -----------------------------------------------------------------------

// A LatestOnClause node represents QuestDB's LATEST ON ts PARTITION BY cols: of the
// rows the WHERE clause keeps, the latest by the designated timestamp ts for each
// distinct value of cols. It is QuestDB's DISTINCT ON. Build it with LatestOn.
type LatestOnClause struct {
	ast.Custom
	Timestamp   ast.Expr   // the designated timestamp column
	PartitionBy []ast.Expr // at least one
}

// LatestOn returns sel with LATEST ON ts PARTITION BY partitionBy: the latest row for
// each distinct value of the partitioning columns. QuestDB partitions by SYMBOL,
// STRING, BOOLEAN, SHORT, INT, LONG, LONG256 and CHAR columns; a column declared
// VARCHAR (types.Text, types.String) or of another type is refused when compiled
// (declare keys questdb.Symbol).
//
//	latest := questdb.LatestOn(ast.Select(trades.Star()).From(trades), ts, sym)
//
// gives SELECT "trades".* FROM "trades" LATEST ON "trades"."ts" PARTITION BY "trades"."sym".
func LatestOn(sel ast.SelectStmt, ts ast.Expr, partitionBy ...ast.Expr) ast.SelectStmt {
	return sel.AddClause(ast.AfterWhere, NewLatestOn(ts, partitionBy...))
}

// NewLatestOn returns the clause LatestOn adds.
func NewLatestOn(ts ast.Expr, partitionBy ...ast.Expr) *LatestOnClause {
	return &LatestOnClause{Custom: ast.Custom{K: KindLatestOn}, Timestamp: ts,
		PartitionBy: append([]ast.Expr(nil), partitionBy...)}
}

// Render refuses LATEST ON on dialects other than QuestDB.
func (l *LatestOnClause) Render(c *compiler.Ctx) {
	c.Unsupported("LATEST ON", "it is QuestDB's; elsewhere use DISTINCT ON or row_number() OVER (PARTITION BY … ORDER BY ts DESC) = 1")
}

// Children returns the timestamp and the partitioning columns.
func (l *LatestOnClause) Children() []ast.Node {
	return children(append([]ast.Expr{l.Timestamp}, l.PartitionBy...)...)
}

// AppendKey encodes the clause's shape.
func (l *LatestOnClause) AppendKey(k *ast.KeyWriter) {
	k.Node(l.Timestamp)
	k.Int(len(l.PartitionBy))
	for _, e := range l.PartitionBy {
		k.Node(e)
	}
}

func renderLatestOn(c *compiler.Ctx, n ast.Node) {
	l := n.(*LatestOnClause)
	if l.Timestamp == nil {
		c.Failf("LATEST ON needs the designated timestamp column")
		return
	}
	if len(l.PartitionBy) == 0 {
		c.Failf("LATEST ON needs at least one PARTITION BY column")
		return
	}
	for _, e := range l.PartitionBy {
		if e == nil {
			c.Failf("nil PARTITION BY column in LATEST ON")
			return
		}
		if t := ast.TypeOf(e); t != nil && !latestKey(t) {
			name, err := TypeName(t, false)
			if err != nil {
				name = t.String()
			}
			c.Unsupported("LATEST ON … PARTITION BY a "+name+" column",
				"QuestDB partitions LATEST ON by SYMBOL, STRING, BOOLEAN, SHORT, INT, LONG, LONG256 or CHAR: "+
					"declare the key column questdb.Symbol")
			return
		}
	}
	c.Write("LATEST ON ")
	c.Expr(l.Timestamp, ast.PrecLowest+1)
	c.Write(" PARTITION BY ")
	c.List(l.PartitionBy)
}

// latestKey reports whether QuestDB can partition LATEST ON by a column of type t.
func latestKey(t *types.Type) bool {
	name, err := TypeName(t, false)
	if err != nil {
		return t.Kind == types.Unknown
	}
	switch name {
	case "SYMBOL", "STRING", "BOOLEAN", "SHORT", "INT", "LONG", "LONG256", "CHAR", "BYTE":
		return true
	}
	return false
}

// --- ASOF, LT and SPLICE JOIN ---------------------------------------------------------

// A ToleranceClause node is the TOLERANCE of an ASOF or LT JOIN: how far back the
// right side's row may lie. It is the Extra of the join.
type ToleranceClause struct {
	ast.Custom
	Within Stride // at least one unit; no months or years
	Err    error  // what was wrong with the argument, or nil
}

// A JoinOption completes an ASOF or LT JOIN.
type JoinOption func(*ast.Join)

// Tolerance limits an ASOF or LT JOIN to right rows at most d older than the left
// row: TOLERANCE 5s. d is a stride such as "5s" or "100T" (n U T s m h d w; QuestDB
// has no months or years here) or a time.Duration.
func Tolerance(d any) JoinOption {
	return func(j *ast.Join) {
		t := &ToleranceClause{Custom: ast.Custom{K: KindTolerance}}
		t.Within, t.Err = parseStride(d, toleranceUnits, "TOLERANCE")
		j.Extra = t
	}
}

// AsofJoin returns left ASOF JOIN right [ON on] [TOLERANCE …]: each left row with the
// right row whose designated timestamp is the latest at or before its own, among the
// right rows that match on (nil for any). on holds equalities only, joined by AND;
// both sides must be ordered by time (tables with a designated timestamp, or
// subqueries ordered by it).
//
//	q := ast.Select(trades.C("ts"), trades.C("price"), quotes.C("bid")).
//		From(questdb.AsofJoin(trades, quotes, trades.C("sym").Eq(quotes.C("sym")), questdb.Tolerance("5s")))
func AsofJoin(left, right ast.FromItem, on ast.Expr, opts ...JoinOption) *ast.Join {
	return timeJoin(AsofJoinType, left, right, on, opts)
}

// LtJoin is AsofJoin with LT JOIN: the right row must be strictly older.
func LtJoin(left, right ast.FromItem, on ast.Expr, opts ...JoinOption) *ast.Join {
	return timeJoin(LtJoinType, left, right, on, opts)
}

// SpliceJoin returns left SPLICE JOIN right [ON on]: every row of either side with
// the other side's prevailing row.
func SpliceJoin(left, right ast.FromItem, on ast.Expr) *ast.Join {
	return timeJoin(SpliceJoinType, left, right, on, nil)
}

func timeJoin(t ast.JoinType, left, right ast.FromItem, on ast.Expr, opts []JoinOption) *ast.Join {
	j := ast.JoinOf(t, left, right, on, nil)
	for _, o := range opts {
		if o != nil {
			o(j) // j is not shared yet: completing it is construction
		}
	}
	return j
}

// Render refuses TOLERANCE on dialects other than QuestDB (they also refuse the joins
// that carry it).
func (t *ToleranceClause) Render(c *compiler.Ctx) {
	c.Unsupported("TOLERANCE", "it belongs to QuestDB's ASOF and LT JOIN")
}

// AppendKey encodes the tolerance.
func (t *ToleranceClause) AppendKey(k *ast.KeyWriter) {
	if t.Err != nil {
		k.Uncacheable = true
	}
	k.Buf = strconv.AppendInt(k.Buf, t.Within.Count, 10)
	k.Byte(t.Within.Unit)
}

func (t *ToleranceClause) write(c *compiler.Ctx) {
	err := t.Err
	if err == nil {
		err = t.Within.check(toleranceUnits, "TOLERANCE") // a field set by hand, or left zero
	}
	if err != nil {
		c.Fail(&compiler.CompileError{Dialect: c.Dialect().Name, Msg: "TOLERANCE", Err: err})
		return
	}
	c.Write("TOLERANCE ")
	c.Write(t.Within.String())
}

// wrapJoin renders the time-series joins and leaves the others to the inherited rule.
func wrapJoin(next compiler.RenderFunc) compiler.RenderFunc {
	return func(c *compiler.Ctx, n ast.Node) {
		j := n.(*ast.Join)
		var keyword string
		switch j.Type {
		case AsofJoinType, LtJoinType, SpliceJoinType:
			keyword = j.Type.String()
		default:
			if _, ok := j.Extra.(*ToleranceClause); ok {
				c.Failf("TOLERANCE applies to ASOF and LT JOIN, not %s", j.Type)
				return
			}
			next(c, n)
			return
		}
		c.Node(j.Left)
		c.Write(" " + keyword + " ")
		if _, nested := j.Right.(*ast.Join); nested {
			c.Write("(")
			c.Node(j.Right)
			c.Write(")")
		} else {
			c.Node(j.Right)
		}
		if j.On != nil {
			if !equalities(j.On) {
				c.Node(j.On) // report bad input as such before refusing
				c.Unsupported("a condition other than equality in "+keyword+" … ON",
					"QuestDB matches "+keyword+" rows on equal keys only: test other conditions in WHERE")
				return
			}
			c.Write(" ON ")
			c.Expr(j.On, ast.PrecLowest+1)
		}
		switch x := j.Extra.(type) {
		case nil:
		case *ToleranceClause:
			if j.Type == SpliceJoinType {
				c.Failf("SPLICE JOIN takes no TOLERANCE")
				return
			}
			c.Write(" ")
			c.Node(x)
		default:
			c.Unsupported("a join suffix ("+x.Kind().String()+") on "+keyword, "")
		}
	}
}

// equalities reports whether e is a = b, or such tests joined by AND.
func equalities(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Binary:
		return x.Op == ast.OpEq
	case *ast.Bool:
		if x.Op != ast.OpAnd {
			return false
		}
		for _, it := range x.Items {
			if !equalities(it) {
				return false
			}
		}
		return true
	}
	return false
}

// --- ts IN '2024-01;1M' ----------------------------------------------------------------

// An IntervalIn node represents QuestDB's timestamp interval filter, ts IN 'interval':
// the rows whose timestamp falls in the interval, found by partition and binary
// search when ts is the designated timestamp. Build it with InInterval.
type IntervalIn struct {
	ast.Custom
	X        ast.Expr // the timestamp
	Interval ast.Expr // the interval text, usually a bound string
}

// InInterval returns ts IN interval, QuestDB's timestamp interval filter. interval is
// a string in QuestDB's interval syntax, bound as a parameter:
//
//	'2024'                 the whole year (any partial timestamp is its whole period)
//	'2024-01-15T10:30'     that minute
//	'2024-01;1M'           January 2024 extended by one month
//	'2024-01-01;1d;7d;4'   one day, repeated every 7 days, 4 times
//
// with modifiers of a count and a unit (s m h d w M y, T for milliseconds, U for
// microseconds). A string that does not parse is an error when compiled. Interval
// texts of later QuestDB versions (the $now… syntax of 9.x) start with '$' or '['
// and are passed on unchecked. An ast.Expr (a named parameter, for one) is used as
// it is.
func InInterval(ts ast.Expr, interval any) *IntervalIn {
	n := &IntervalIn{Custom: ast.Custom{K: KindIntervalIn}, X: ts}
	switch x := interval.(type) {
	case string:
		if err := checkInterval(x); err != nil {
			n.Interval = ast.Bad(err)
		} else {
			n.Interval = ast.TypedParam(x, types.Text)
		}
	case ast.Expr:
		n.Interval = x
	default:
		n.Interval = ast.Bad(fmt.Errorf("questdb: InInterval takes the interval as a string or an ast.Expr, not %T", interval))
	}
	return n
}

// checkInterval checks QuestDB's interval syntax: a partial timestamp, optionally
// followed by ;duration or ;duration;period;count.
func checkInterval(s string) error {
	if s != "" && (s[0] == '$' || s[0] == '[') {
		return nil // QuestDB 9's TICK syntax, checked by the server
	}
	parts := strings.Split(s, ";")
	if len(parts) != 1 && len(parts) != 2 && len(parts) != 4 {
		return fmt.Errorf("questdb: interval %q: want a timestamp, then ;duration or ;duration;period;count", s)
	}
	if !partialTimestamp(parts[0]) {
		return fmt.Errorf("questdb: interval %q does not start with a timestamp such as 2024-01-15T10:30", s)
	}
	for i, p := range parts[1:] {
		if i == 2 { // the repetition count
			if n, err := strconv.Atoi(p); err != nil || n < 1 {
				return fmt.Errorf("questdb: interval %q: the repetition count %q is not a positive integer", s, p)
			}
			continue
		}
		q := strings.TrimPrefix(p, "-")
		if _, err := parseStride(q, "UTsmhdwMy", "interval modifier"); err != nil || q == "" || q[0] < '0' || q[0] > '9' {
			return fmt.Errorf("questdb: interval %q: %q is not a count and a unit such as 1M or 30m", s, p)
		}
	}
	return nil
}

// partialTimestamp reports whether s is YYYY[-MM[-DD[Thh[:mm[:ss[.f…]]]]]][Z].
func partialTimestamp(s string) bool {
	s = strings.TrimSuffix(s, "Z")
	fields := []struct {
		sep    byte // separator before the field; 0 for the first
		digits int
	}{{0, 4}, {'-', 2}, {'-', 2}, {'T', 2}, {':', 2}, {':', 2}}
	for i, f := range fields {
		if i > 0 {
			if s == "" {
				return true
			}
			if s[0] != f.sep && !(f.sep == 'T' && s[0] == ' ') {
				return false
			}
			s = s[1:]
		}
		if len(s) < f.digits || !allDigits(s[:f.digits]) {
			return false
		}
		s = s[f.digits:]
	}
	if s == "" {
		return true
	}
	return s[0] == '.' && len(s) > 1 && len(s) <= 10 && allDigits(s[1:])
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Precedence makes the filter bind like IN.
func (*IntervalIn) Precedence() int { return ast.PrecComparison }

// ResultType reports a boolean.
func (*IntervalIn) ResultType() *types.Type { return types.Bool }

// Children returns the timestamp and the interval.
func (n *IntervalIn) Children() []ast.Node { return children(n.X, n.Interval) }

// AppendKey encodes the node's shape; the interval's value is collected as a bound value.
func (n *IntervalIn) AppendKey(k *ast.KeyWriter) {
	k.Node(n.X)
	k.Node(n.Interval)
}

// Render refuses the interval filter on dialects other than QuestDB.
func (n *IntervalIn) Render(c *compiler.Ctx) {
	c.Unsupported("timestamp interval filters (ts IN '2024-01')", "it is QuestDB's; elsewhere use ts >= lo AND ts < hi")
}

func renderIntervalIn(c *compiler.Ctx, n ast.Node) {
	x := n.(*IntervalIn)
	if x.X == nil || x.Interval == nil {
		c.Failf("interval filter without a timestamp or an interval")
		return
	}
	c.Expr(x.X, ast.PrecComparison+1)
	c.Write(" IN ")
	c.Expr(x.Interval, ast.PrecComparison+1)
}

// --- timestamp_floor, dateadd, datediff, to_timezone -----------------------------------

// A TimeFunction node represents a call of one of QuestDB's date functions whose
// first argument is a unit letter: timestamp_floor('h', ts), dateadd('d', 1, ts),
// datediff('d', a, b), or to_timezone(ts, 'Europe/Berlin'). The unit (or zone) is
// written into the SQL, as QuestDB requires; the other arguments are expressions.
type TimeFunction struct {
	ast.Custom
	Name string      // the function
	Unit string      // the unit argument ("" for to_timezone)
	Args []ast.Expr  // the other arguments
	Type *types.Type // the result type
	Err  error       // what was wrong with the arguments, or nil
}

// TimestampFloor returns timestamp_floor(unit, ts): ts rounded down to a multiple of
// unit, which is a unit letter with an optional count ("h", "15m", "1d", "1M"; units
// U T s m h d w M y).
func TimestampFloor(unit string, ts ast.Expr) *TimeFunction {
	f := newTimeFunction("timestamp_floor", unit, types.DateTime, ts)
	if _, err := parseStride(unit, "UTsmhdwMy", "timestamp_floor unit"); err != nil {
		f.Err = err
	}
	return f
}

// DateAdd returns dateadd(unit, n, ts): ts plus n units (unit one of s m h d w M y,
// or T for milliseconds). n is an int (bound) or an expression.
func DateAdd(unit string, n any, ts ast.Expr) *TimeFunction {
	f := newTimeFunction("dateadd", unit, types.DateTime, ast.ExprOf(n), ts)
	f.Err = checkUnit(unit, "dateadd")
	return f
}

// DateDiff returns datediff(unit, a, b): the whole units between two timestamps.
func DateDiff(unit string, a, b ast.Expr) *TimeFunction {
	f := newTimeFunction("datediff", unit, types.BigInteger, a, b)
	f.Err = checkUnit(unit, "datediff")
	return f
}

// ToTimezone returns to_timezone(ts, tz): the UTC timestamp ts as the local time of
// tz, an IANA zone name or an offset such as "+01:00".
func ToTimezone(ts ast.Expr, tz string) *TimeFunction {
	f := newTimeFunction("to_timezone", "", types.DateTime, ts)
	f.Unit = tz
	if !validZone(tz) {
		f.Err = fmt.Errorf("questdb: %q is not a time zone name or offset", tz)
	}
	return f
}

func newTimeFunction(name, unit string, t *types.Type, args ...ast.Expr) *TimeFunction {
	return &TimeFunction{Custom: ast.Custom{K: KindTimeFunction}, Name: name, Unit: unit, Args: args, Type: t}
}

func checkUnit(unit, fn string) error {
	if len(unit) != 1 || !strings.Contains("TsmhdwMy", unit) {
		return fmt.Errorf("questdb: %s unit %q is not one of T s m h d w M y", fn, unit)
	}
	return nil
}

// As returns the call labelled name, for a select list.
func (f *TimeFunction) As(name string) *ast.Label { return ast.As(f, name) }

// ResultType reports the function's result type.
func (f *TimeFunction) ResultType() *types.Type { return f.Type }

// Children returns the expression arguments.
func (f *TimeFunction) Children() []ast.Node { return children(f.Args...) }

// AppendKey encodes the call; the unit is part of the SQL text.
func (f *TimeFunction) AppendKey(k *ast.KeyWriter) {
	if f.Err != nil {
		k.Uncacheable = true
	}
	k.Str(f.Name)
	k.Str(f.Unit)
	k.Int(len(f.Args))
	for _, a := range f.Args {
		k.Node(a)
	}
}

// Render refuses the function on dialects other than QuestDB.
func (f *TimeFunction) Render(c *compiler.Ctx) {
	c.Unsupported("QuestDB's "+f.Name, "elsewhere use the database's own date functions (date_trunc, interval arithmetic, AT TIME ZONE)")
}

// check reports what is wrong with the call: the error its builder recorded, or a
// field set by hand (or left zero). The name is written into the SQL as it is, so it
// must be one of the four functions.
func (f *TimeFunction) check() error {
	if f.Err != nil {
		return f.Err
	}
	var err error
	args := 2
	switch f.Name {
	case "timestamp_floor":
		_, err = parseStride(f.Unit, "UTsmhdwMy", "timestamp_floor unit")
		args = 1
	case "dateadd", "datediff":
		err = checkUnit(f.Unit, f.Name)
	case "to_timezone":
		if !validZone(f.Unit) {
			err = fmt.Errorf("questdb: %q is not a time zone name or offset", f.Unit)
		}
		args = 1
	default:
		return fmt.Errorf("questdb: %q is not timestamp_floor, dateadd, datediff or to_timezone "+
			"(build the call with TimestampFloor, DateAdd, DateDiff or ToTimezone)", f.Name)
	}
	if err == nil && len(f.Args) != args {
		err = fmt.Errorf("questdb: %s takes %d argument(s) besides its unit or zone, not %d", f.Name, args, len(f.Args))
	}
	return err
}

func renderTimeFunction(c *compiler.Ctx, n ast.Node) {
	f := n.(*TimeFunction)
	if err := f.check(); err != nil {
		msg := f.Name
		if !slices.Contains([]string{"timestamp_floor", "dateadd", "datediff", "to_timezone"}, msg) {
			msg = "date function" // the error quotes the name
		}
		c.Fail(&compiler.CompileError{Dialect: c.Dialect().Name, Msg: msg, Err: err})
		return
	}
	c.Write(f.Name)
	c.Write("(")
	if f.Name == "to_timezone" {
		c.List(f.Args)
		c.Write(", ")
		c.RawLiteral(f.Unit)
	} else {
		c.RawLiteral(f.Unit)
		for _, a := range f.Args {
			c.Write(", ")
			c.UntypedExpr(a, ast.PrecLowest+1)
		}
	}
	c.Write(")")
}

// children returns the non-nil expressions as nodes; a nil one fails when rendered,
// and no walk should trip over it first.
func children(exprs ...ast.Expr) []ast.Node {
	out := make([]ast.Node, 0, len(exprs))
	for _, e := range exprs {
		if e != nil {
			out = append(out, e)
		}
	}
	return out
}
