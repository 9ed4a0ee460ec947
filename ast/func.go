package ast

import (
	"errors"
	"strings"

	"github.com/seed13bb6a42/strata/types"
)

// A FuncID identifies a function every dialect knows under some spelling, so that
// dialect rules can rewrite it without comparing names. Functions built with Func
// under a known name get its ID; others have FuncGeneric.
type FuncID uint8

// The known functions.
const (
	FuncGeneric FuncID = iota
	FuncCount
	FuncSum
	FuncAvg
	FuncMin
	FuncMax
	FuncCoalesce
	FuncNullIf
	FuncLower
	FuncUpper
	FuncLength // length in characters
	FuncNow    // the current timestamp with zone
	FuncCurrentTimestamp
	FuncCurrentDate
	FuncAbs
	FuncRound
	FuncRandom
	FuncPower
	FuncStringAgg // aggregate concatenation with a separator
	FuncRowNumber
	FuncRank
	FuncDenseRank
	FuncPercentileCont
	FuncPercentileDisc
	NumFuncIDs
)

var funcNames = [NumFuncIDs]string{
	FuncCount: "count", FuncSum: "sum", FuncAvg: "avg", FuncMin: "min", FuncMax: "max",
	FuncCoalesce: "coalesce", FuncNullIf: "nullif", FuncLower: "lower", FuncUpper: "upper",
	FuncLength: "length", FuncNow: "now", FuncCurrentTimestamp: "current_timestamp",
	FuncCurrentDate: "current_date", FuncAbs: "abs", FuncRound: "round",
	FuncRandom: "random", FuncPower: "power", FuncStringAgg: "string_agg",
	FuncRowNumber: "row_number", FuncRank: "rank", FuncDenseRank: "dense_rank",
	FuncPercentileCont: "percentile_cont", FuncPercentileDisc: "percentile_disc",
}

var funcByName = func() map[string]FuncID {
	m := make(map[string]FuncID, NumFuncIDs)
	for id, name := range funcNames {
		if name != "" {
			m[name] = FuncID(id)
		}
	}
	return m
}()

// A Func node represents a function call, with the aggregate and window modifiers
// that may follow it.
type Func struct {
	Name        string      // as written; known functions are spelled by the dialect
	ID          FuncID      // FuncGeneric unless Name is a known function
	Args        []Expr      // arguments
	Star        bool        // count(*): no Args
	Distinct    bool        // aggregate over distinct arguments
	Filter      Expr        // FILTER (WHERE …) condition, or nil
	WithinGroup []*Order    // WITHIN GROUP (ORDER BY …) of ordered-set aggregates, or nil
	Window      *Window     // OVER window, or nil for a plain call
	Type        *types.Type // result type, or nil
}

// Fn returns a call of the function name with args; Go values become parameters.
// The name is written as given (known functions are respelled per dialect), so it
// must not come from untrusted input.
func Fn(name string, args ...any) *Func {
	if name == "" {
		return &Func{Name: "", Args: []Expr{Bad(errors.New("ast: Fn: empty function name"))}}
	}
	id := funcByName[strings.ToLower(name)]
	f := &Func{Name: name, ID: id, Args: exprList(args, nil)}
	f.Type = resultType(id, f.Args)
	return f
}

// NativeFn returns a call of the function name exactly as written on every dialect,
// even when name is one Strata respells per dialect (ast.Fn("length") is char_length
// on MySQL; ast.NativeFn("length") is MySQL's byte length).
func NativeFn(name string, args ...any) *Func {
	f := Fn(name, args...)
	f.ID = FuncGeneric
	return f
}

// TypedFn returns a call of name whose result has type t.
func TypedFn(name string, t *types.Type, args ...any) *Func {
	f := Fn(name, args...)
	f.Type = t
	return f
}

func known(id FuncID, args ...Expr) *Func {
	return &Func{Name: funcNames[id], ID: id, Args: args, Type: resultType(id, args)}
}

// knownOne is known for the common call of one argument, with the call and its
// argument list in one allocation.
func knownOne(id FuncID, x Expr) *Func {
	fa := &struct {
		Func
		arr [1]Expr
	}{}
	fa.arr[0] = x
	fa.Func = Func{Name: funcNames[id], ID: id, Args: fa.arr[:], Type: resultType(id, fa.arr[:])}
	return &fa.Func
}

func resultType(id FuncID, args []Expr) *types.Type {
	switch id {
	case FuncCount, FuncRowNumber, FuncRank, FuncDenseRank:
		return types.BigInteger
	case FuncAvg:
		return types.Decimal(0, 0)
	case FuncLower, FuncUpper, FuncStringAgg:
		return types.Text
	case FuncLength:
		return types.Integer
	case FuncNow, FuncCurrentTimestamp:
		return types.DateTimeTZ
	case FuncCurrentDate:
		return types.DateType
	case FuncRandom, FuncPower, FuncPercentileCont:
		return types.DoubleFloat
	case FuncSum, FuncMin, FuncMax, FuncCoalesce, FuncNullIf, FuncAbs, FuncRound:
		if len(args) > 0 {
			return TypeOf(args[0])
		}
	}
	return nil
}

// Count returns count(x), or count(*) without an argument.
func Count(x ...Expr) *Func {
	switch len(x) {
	case 0:
		f := known(FuncCount)
		f.Star = true
		return f
	case 1:
		return knownOne(FuncCount, x[0])
	}
	return known(FuncCount, Bad(errors.New("ast: Count takes at most one argument")))
}

// CountDistinct returns count(DISTINCT x).
func CountDistinct(x Expr) *Func { return knownOne(FuncCount, x).WithDistinct() }

// Sum returns sum(x).
func Sum(x Expr) *Func { return knownOne(FuncSum, x) }

// Avg returns avg(x).
func Avg(x Expr) *Func { return knownOne(FuncAvg, x) }

// Min returns min(x).
func Min(x Expr) *Func { return knownOne(FuncMin, x) }

// Max returns max(x).
func Max(x Expr) *Func { return knownOne(FuncMax, x) }

// Coalesce returns coalesce(values…), the first non-NULL value.
func Coalesce(first Expr, rest ...any) *Func {
	return known(FuncCoalesce, append([]Expr{first}, exprList(rest, TypeOf(first))...)...)
}

// NullIf returns nullif(a, b): NULL when a = b, else a.
func NullIf(a Expr, b any) *Func { return known(FuncNullIf, a, toExpr(b, TypeOf(a))) }

// Lower returns lower(x).
func Lower(x Expr) *Func { return knownOne(FuncLower, x) }

// Upper returns upper(x).
func Upper(x Expr) *Func { return knownOne(FuncUpper, x) }

// Length returns the length of x in characters.
func Length(x Expr) *Func { return knownOne(FuncLength, x) }

// Now returns the current timestamp (with zone where the dialect has one).
func Now() *Func { return known(FuncNow) }

// CurrentTimestamp returns CURRENT_TIMESTAMP.
func CurrentTimestamp() *Func { return known(FuncCurrentTimestamp) }

// CurrentDate returns CURRENT_DATE.
func CurrentDate() *Func { return known(FuncCurrentDate) }

// Abs returns abs(x).
func Abs(x Expr) *Func { return knownOne(FuncAbs, x) }

// Round returns round(x) or round(x, digits).
func Round(x Expr, digits ...any) *Func {
	return known(FuncRound, append([]Expr{x}, exprList(digits, types.Integer)...)...)
}

// Random returns a random float in [0, 1).
func Random() *Func { return known(FuncRandom) }

// Power returns x raised to y.
func Power(x, y any) *Func { return known(FuncPower, toExpr(x, nil), toExpr(y, nil)) }

// StringAgg returns the aggregate concatenation of x separated by sep
// (string_agg, group_concat).
func StringAgg(x Expr, sep string) *Func {
	return known(FuncStringAgg, x, &Literal{Value: sep, Type: types.Text})
}

// RowNumber returns row_number(), to be used with Over.
func RowNumber() *Func { return known(FuncRowNumber) }

// Rank returns rank(), to be used with Over.
func Rank() *Func { return known(FuncRank) }

// DenseRank returns dense_rank(), to be used with Over.
func DenseRank() *Func { return known(FuncDenseRank) }

// PercentileCont returns percentile_cont(fraction), to be used with WithinGroup.
func PercentileCont(fraction any) *Func { return known(FuncPercentileCont, toExpr(fraction, nil)) }

// PercentileDisc returns percentile_disc(fraction), to be used with WithinGroup.
func PercentileDisc(fraction any) *Func { return known(FuncPercentileDisc, toExpr(fraction, nil)) }

// WithDistinct returns a copy of f aggregating over distinct arguments.
func (f *Func) WithDistinct() *Func {
	n := *f
	n.Distinct = true
	return &n
}

// FilterWhere returns a copy of f with FILTER (WHERE cond).
func (f *Func) FilterWhere(cond Expr) *Func {
	n := *f
	n.Filter = cond
	return &n
}

// OrderedWithin returns a copy of f with WITHIN GROUP (ORDER BY order…).
func (f *Func) OrderedWithin(order ...any) *Func {
	n := *f
	n.WithinGroup = orderList(order)
	return &n
}

// Over returns a copy of f computed over the window w.
func (f *Func) Over(w *Window) *Func {
	n := *f
	if w == nil {
		w = &Window{}
	}
	n.Window = w
	return &n
}

// OverName returns a copy of f computed over the named window declared with
// SelectStmt.Window.
func (f *Func) OverName(name string) *Func { return f.Over(&Window{Ref: name}) }

// As labels the call.
func (f *Func) As(name string) *Label { return &Label{X: f, Name: name} }

// Asc returns f ASC for ORDER BY.
func (f *Func) Asc() *Order { return Asc(f) }

// Desc returns f DESC for ORDER BY.
func (f *Func) Desc() *Order { return Desc(f) }

// An Order node represents one ORDER BY item.
type Order struct {
	X     Expr
	Desc  bool
	Nulls NullsOrder
}

// A NullsOrder places NULLs first or last in an ordering.
type NullsOrder uint8

// The NULL placements; NullsDefault leaves it to the database.
const (
	NullsDefault NullsOrder = iota
	NullsFirst
	NullsLast
)

// Asc returns x ASC.
func Asc(x Expr) *Order { return &Order{X: x} }

// Desc returns x DESC.
func Desc(x Expr) *Order { return &Order{X: x, Desc: true} }

// WithNullsFirst returns a copy of o placing NULLs first.
func (o *Order) WithNullsFirst() *Order {
	n := *o
	n.Nulls = NullsFirst
	return &n
}

// WithNullsLast returns a copy of o placing NULLs last.
func (o *Order) WithNullsLast() *Order {
	n := *o
	n.Nulls = NullsLast
	return &n
}

// orderList accepts *Order values and expressions (ordered ascending).
func orderList(items []any) []*Order {
	out := make([]*Order, len(items))
	for i, it := range items {
		switch x := it.(type) {
		case *Order:
			if x == nil {
				out[i] = &Order{X: Bad(errors.New("ast: nil *Order in ORDER BY"))}
			} else {
				out[i] = x
			}
		default:
			out[i] = &Order{X: toExprStrict(it, "ORDER BY")}
		}
	}
	return out
}

// toExprStrict accepts only expressions: places such as ORDER BY and GROUP BY take
// no bound values, and a nil there is a mistake rather than NULL.
func toExprStrict(v any, where string) Expr {
	if v == nil {
		return Bad(errors.New("ast: nil expression in " + where))
	}
	if e, ok := v.(Expr); ok {
		return toExpr(e, nil)
	}
	return Bad(errors.New("ast: " + where + " takes expressions, not Go values; use ast.Lit or ast.Param"))
}

// A Window node represents a window specification: OVER (…) on a function, or a
// named window in a WINDOW clause.
type Window struct {
	Name        string   // declared name in a WINDOW clause; "" inside OVER
	Ref         string   // existing window this one refines or, alone, refers to
	PartitionBy []Expr   // or nil
	OrderBy     []*Order // or nil
	Frame       *Frame   // or nil
}

// A Frame is a window frame: ROWS, RANGE or GROUPS BETWEEN Start AND End.
type Frame struct {
	Mode       FrameMode
	Start, End FrameBound
	Exclude    FrameExclude
}

// A FrameMode is ROWS, RANGE or GROUPS.
type FrameMode uint8

// The frame modes.
const (
	Rows FrameMode = iota + 1
	Range
	Groups
)

// A FrameBound is one end of a frame.
type FrameBound struct {
	Type   BoundType
	Offset Expr // for Preceding and Following
}

// A BoundType says where a frame bound lies.
type BoundType uint8

// The frame bound types.
const (
	UnboundedPreceding BoundType = iota + 1
	Preceding
	CurrentRow
	Following
	UnboundedFollowing
)

// A FrameExclude is a frame's EXCLUDE option.
type FrameExclude uint8

// The EXCLUDE options; ExcludeNothing is the default and is not written.
const (
	ExcludeNothing FrameExclude = iota
	ExcludeCurrentRow
	ExcludeGroup
	ExcludeTies
)

// Unbounded returns UNBOUNDED PRECEDING as a start, or UNBOUNDED FOLLOWING as an end;
// Frame decides which by position.
func Unbounded() FrameBound { return FrameBound{Type: UnboundedPreceding} }

// PrecedingBy returns "n PRECEDING". A Go number is written as a literal: frame
// offsets are part of a query's shape, and not every server takes a parameter there.
func PrecedingBy(n any) FrameBound { return FrameBound{Type: Preceding, Offset: frameOffset(n)} }

// FollowingBy returns "n FOLLOWING".
func FollowingBy(n any) FrameBound { return FrameBound{Type: Following, Offset: frameOffset(n)} }

func frameOffset(n any) Expr {
	if e, ok := n.(Expr); ok {
		return toExpr(e, nil)
	}
	if n == nil {
		return Bad(errors.New("ast: nil window frame offset"))
	}
	return Lit(n)
}

// Current returns CURRENT ROW.
func Current() FrameBound { return FrameBound{Type: CurrentRow} }

// OverWindow returns an empty window specification to refine with its methods.
func OverWindow() *Window { return &Window{} }

// NamedWindow returns a window declared in a WINDOW clause under name.
func NamedWindow(name string) *Window { return &Window{Name: name} }

// PartitionedBy returns a copy of w with PARTITION BY exprs.
func (w *Window) PartitionedBy(exprs ...Expr) *Window {
	n := *w
	n.PartitionBy = exprs
	return &n
}

// OrderedBy returns a copy of w with ORDER BY items (expressions or *Order).
func (w *Window) OrderedBy(items ...any) *Window {
	n := *w
	n.OrderBy = orderList(items)
	return &n
}

// Refines returns a copy of w based on the named window ref.
func (w *Window) Refines(ref string) *Window {
	n := *w
	n.Ref = ref
	return &n
}

// RowsBetween returns a copy of w with ROWS BETWEEN start AND end.
func (w *Window) RowsBetween(start, end FrameBound) *Window { return w.frame(Rows, start, end) }

// RangeBetween returns a copy of w with RANGE BETWEEN start AND end.
func (w *Window) RangeBetween(start, end FrameBound) *Window { return w.frame(Range, start, end) }

// GroupsBetween returns a copy of w with GROUPS BETWEEN start AND end.
func (w *Window) GroupsBetween(start, end FrameBound) *Window { return w.frame(Groups, start, end) }

func (w *Window) frame(m FrameMode, start, end FrameBound) *Window {
	if end.Type == UnboundedPreceding {
		end.Type = UnboundedFollowing
	}
	n := *w
	n.Frame = &Frame{Mode: m, Start: start, End: end}
	return &n
}

// Excluding returns a copy of w whose frame has the EXCLUDE option ex.
func (w *Window) Excluding(ex FrameExclude) *Window {
	n := *w
	if n.Frame == nil {
		n.Frame = &Frame{Mode: Range, Start: Unbounded(), End: Current()}
	} else {
		f := *n.Frame
		n.Frame = &f
	}
	n.Frame.Exclude = ex
	return &n
}
