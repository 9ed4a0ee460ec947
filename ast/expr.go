package ast

import (
	"errors"
	"fmt"
	"reflect"
	"slices"

	"github.com/seed13bb6a42/strata/types"
)

// A Column node represents a column reference, qualified by the FROM item it belongs
// to when From is set.
type Column struct {
	From    FromItem    // table, alias or CTE the column belongs to; nil for a bare name
	Name    string      // never empty
	Type    *types.Type // or nil when unknown
	Missing bool        // the table declares its columns and none is named Name; compiling fails

	ColumnSchema // DDL attributes: nullability, keys, defaults, comment…

	keyTail string    // for a column of a declared table or its alias: the key encoding after From
	names   *nameSlot // for a column of a declared table or its alias: the name memo, else nil
}

// NameMemo returns the key and text a compiler stored with SetNameMemo for c's name,
// or a nil key when there is none, when it was stored for another name (c is a
// renamed copy of the column it was stored through), or when c is not a column of a
// declared table (NewTable) or of an alias of one.
//
// Declared tables, their columns and aliases live as long as the program, and a
// compiler keeps the name of each as it renders it (quoted or not) here, so that it
// decides once per dialect rather than at every compile. The key stands for
// everything besides the name that the text depends on (the dialect, and flags that
// change quoting); the compiler compares it with its own before using the text. The
// memo holds the name alone, never a qualifier.
func (c *Column) NameMemo() (key any, text string) {
	if m := c.names.load(); m != nil && sameString(m.name, c.Name) {
		return m.key, m.text
	}
	return nil, ""
}

// SetNameMemo records text as c's name rendered under key (comparable, not nil: a
// pointer, typically), for NameMemo to return, unless a memo is stored already: the
// first one stays (see nameSlot). It does nothing on a column that has no slot (see
// NameMemo). Compilers call it only with text that rendered without error. It is safe
// to call concurrently with NameMemo and SetNameMemo.
func (c *Column) SetNameMemo(key any, text []byte) { c.names.store(key, text, "", c.Name) }

// Col returns a column that belongs to no table yet; NewTable binds such columns.
// Options set its schema attributes for DDL. Rendered on its own, it is a bare
// column name.
func Col(name string, t *types.Type, opts ...ColumnOption) *Column {
	c := &Column{Name: name, Type: t}
	for _, o := range opts {
		o(c)
	}
	return c
}

// A Star node represents * or from.* in a select list.
type Star struct {
	From FromItem // or nil for a bare *
}

// AllColumns returns a bare * for a select list.
func AllColumns() *Star { return &Star{} }

// A BindParam node represents a bind parameter. Its value travels to the driver apart
// from the SQL text, in the dialect's placeholder style.
type BindParam struct {
	Name      string      // "" for an anonymous parameter
	Value     any         // the bound value; unused when Deferred
	Type      *types.Type // or nil: the driver receives Value as it is
	Deferred  bool        // the value is supplied by name at execution time
	Expanding bool        // Value is a slice; each element gets its own placeholder
}

// Param returns an anonymous bind parameter holding v, typed after its Go value.
func Param(v any) *BindParam { return &BindParam{Value: v, Type: types.Infer(v)} }

// TypedParam returns an anonymous bind parameter holding v, converted as t.
func TypedParam(v any, t *types.Type) *BindParam { return &BindParam{Value: v, Type: t} }

// Named returns a named parameter whose value is supplied at execution time.
// A name used several times in a statement is one parameter.
func Named(name string) *BindParam { return &BindParam{Name: name, Deferred: true} }

// NamedValue returns a named parameter bound to v now.
func NamedValue(name string, v any) *BindParam { return &BindParam{Name: name, Value: v} }

// List returns an expanding parameter: the slice values is rendered as one
// placeholder per element, as the right-hand side of In.
func List(values any) *BindParam { return &BindParam{Value: values, Expanding: true} }

// WithType returns a copy of p converted as t.
func (p *BindParam) WithType(t *types.Type) *BindParam {
	c := *p
	c.Type = t
	return &c
}

// AsExpanding returns a copy of p whose slice value (given now, or by name when the
// statement is compiled) is expanded into one placeholder per element.
func (p *BindParam) AsExpanding() *BindParam {
	c := *p
	c.Expanding = true
	return &c
}

// A Literal node represents a value rendered into the SQL text itself: NULL, TRUE,
// FALSE, or a number or string escaped by the dialect. Prefer parameters for data;
// literals are for constants that are part of the query's shape.
type Literal struct {
	Value any         // nil, bool, an integer, float, string, []byte or time.Time
	Type  *types.Type // or nil
}

var (
	nullLit  = &Literal{}
	trueLit  = &Literal{Value: true, Type: types.Bool}
	falseLit = &Literal{Value: false, Type: types.Bool}
)

// Null returns the NULL literal.
func Null() *Literal { return nullLit }

// True returns the boolean TRUE literal, rendered as each dialect spells it.
func True() *Literal { return trueLit }

// False returns the boolean FALSE literal.
func False() *Literal { return falseLit }

// Lit returns a literal rendered inline, escaped by the dialect.
func Lit(v any) *Literal { return &Literal{Value: v, Type: types.Infer(v)} }

// A Unary node represents a prefix operator (NOT x, -x, ~x) or a postfix test
// (x IS NULL, x IS NOT NULL).
type Unary struct {
	Op Op   // OpNot, OpNeg, OpBitNot, OpIsNull or OpIsNotNull
	X  Expr // operand
}

// Not returns NOT x.
func Not(x Expr) Expr { return &Unary{Op: OpNot, X: x} }

// Neg returns -x.
func Neg(x any) Expr { return &Unary{Op: OpNeg, X: toExpr(x, nil)} }

// BitNot returns the bitwise complement of x.
func BitNot(x any) Expr { return &Unary{Op: OpBitNot, X: toExpr(x, nil)} }

// IsNull returns x IS NULL.
func IsNull(x Expr) Expr { return &Unary{Op: OpIsNull, X: x} }

// IsNotNull returns x IS NOT NULL.
func IsNotNull(x Expr) Expr { return &Unary{Op: OpIsNotNull, X: x} }

// A Binary node represents a binary operator: comparison, arithmetic, concatenation,
// bitwise, regular-expression match, or a custom operator.
type Binary struct {
	Op     Op     // never OpAnd or OpOr: those are Bool nodes
	L, R   Expr   // operands
	Custom string // operator text when Op is OpCustom
}

// binary builds l op r, typing a Go value on one side after the expression on the other.
func binary(op Op, l, r any) Expr {
	if le, ok := l.(Expr); ok && !isNilExpr(le) {
		if _, isExpr := r.(Expr); !isExpr && r != nil {
			if _, isStmt := r.(Stmt); !isStmt {
				// The common col <op> value: node and parameter in one allocation.
				bp := &struct {
					Binary
					p BindParam
				}{}
				t := TypeOf(le)
				if t == nil {
					t = types.Infer(r)
				}
				bp.p = BindParam{Value: r, Type: t}
				bp.Binary = Binary{Op: op, L: le, R: &bp.p}
				return &bp.Binary
			}
		}
	}
	le := toExpr(l, nil)
	re := toExpr(r, TypeOf(le))
	if _, ok := l.(Expr); !ok {
		le = toExpr(l, TypeOf(re))
	}
	return &Binary{Op: op, L: le, R: re}
}

// compare builds a comparison; a Go nil on the right turns = and <> into IS [NOT] NULL,
// as SQLAlchemy does for col == None.
func compare(op Op, l, r any) Expr {
	if lit, ok := r.(*Literal); ok && lit.Value == nil {
		r = nil // ast.Null() compares like a Go nil: = NULL is never true
	}
	if r == nil && (op == OpEq || op == OpNe) {
		le := toExpr(l, nil)
		if op == OpEq {
			return IsNull(le)
		}
		return IsNotNull(le)
	}
	return binary(op, l, r)
}

// Eq returns l = r. Either side may be an Expr or a Go value, which becomes a
// parameter typed like the other side; r == nil gives l IS NULL.
func Eq(l, r any) Expr { return compare(OpEq, l, r) }

// Ne returns l <> r; r == nil gives l IS NOT NULL.
func Ne(l, r any) Expr { return compare(OpNe, l, r) }

// Lt returns l < r.
func Lt(l, r any) Expr { return binary(OpLt, l, r) }

// Le returns l <= r.
func Le(l, r any) Expr { return binary(OpLe, l, r) }

// Gt returns l > r.
func Gt(l, r any) Expr { return binary(OpGt, l, r) }

// Ge returns l >= r.
func Ge(l, r any) Expr { return binary(OpGe, l, r) }

// IsDistinctFrom returns l IS DISTINCT FROM r, the NULL-safe inequality.
func IsDistinctFrom(l, r any) Expr { return binary(OpIsDistinct, l, r) }

// IsNotDistinctFrom returns l IS NOT DISTINCT FROM r, the NULL-safe equality.
func IsNotDistinctFrom(l, r any) Expr { return binary(OpIsNotDistinct, l, r) }

// Add returns l + r.
func Add(l, r any) Expr { return binary(OpAdd, l, r) }

// Sub returns l - r.
func Sub(l, r any) Expr { return binary(OpSub, l, r) }

// Mul returns l * r.
func Mul(l, r any) Expr { return binary(OpMul, l, r) }

// Div returns the true quotient l / r (7 / 2 = 3.5), whatever the operand types and
// the dialect's own / operator.
func Div(l, r any) Expr { return binary(OpDiv, l, r) }

// IntDiv returns the integer quotient of l and r, truncated toward zero (7 / 2 = 3).
func IntDiv(l, r any) Expr { return binary(OpIntDiv, l, r) }

// Mod returns l % r.
func Mod(l, r any) Expr { return binary(OpMod, l, r) }

// Concat returns the string concatenation of its arguments (|| or CONCAT()).
func Concat(first, second any, more ...any) Expr {
	e := binary(OpConcat, first, second)
	for _, m := range more {
		e = &Binary{Op: OpConcat, L: e, R: toExpr(m, types.Text)}
	}
	return e
}

// BitAnd returns l & r.
func BitAnd(l, r any) Expr { return binary(OpBitAnd, l, r) }

// BitOr returns l | r.
func BitOr(l, r any) Expr { return binary(OpBitOr, l, r) }

// BitXor returns the bitwise exclusive or of l and r.
func BitXor(l, r any) Expr { return binary(OpBitXor, l, r) }

// ShiftLeft returns l << r.
func ShiftLeft(l, r any) Expr { return binary(OpShiftLeft, l, r) }

// ShiftRight returns l >> r.
func ShiftRight(l, r any) Expr { return binary(OpShiftRight, l, r) }

// RegexpMatch returns a regular-expression match of x against pattern, on dialects
// that have one (PostgreSQL ~, MySQL/MariaDB REGEXP, SQLite REGEXP with a registered
// regexp function).
func RegexpMatch(x, pattern any) Expr { return binary(OpRegexp, x, pattern) }

// RegexpMatchFold returns a case-insensitive regular-expression match (PostgreSQL ~*).
func RegexpMatchFold(x, pattern any) Expr { return binary(OpRegexpFold, x, pattern) }

// NotRegexpMatch returns the negation of RegexpMatch.
func NotRegexpMatch(x, pattern any) Expr { return binary(OpNotRegexp, x, pattern) }

// Op returns l op r for an operator Strata does not model, such as PostgreSQL's &&.
// The operator text is written as given; it must not come from untrusted input.
func CustomOp(op string, l, r any) Expr {
	if op == "" {
		return Bad(errors.New("ast: CustomOp: empty operator"))
	}
	b := binary(OpCustom, l, r).(*Binary)
	b.Custom = op
	return b
}

// A Bool node represents a chain of AND or OR.
type Bool struct {
	Op    Op     // OpAnd or OpOr
	Items []Expr // at least two
}

// And returns the conjunction of conds. Nested ANDs are flattened; one condition is
// returned as it is and none gives TRUE.
func And(conds ...Expr) Expr { return boolOf(OpAnd, conds) }

// Or returns the disjunction of conds. Nested ORs are flattened; one condition is
// returned as it is and none gives FALSE.
func Or(conds ...Expr) Expr { return boolOf(OpOr, conds) }

func boolOf(op Op, conds []Expr) Expr {
	switch len(conds) {
	case 0:
		if op == OpAnd {
			return True()
		}
		return False()
	case 1:
		return conds[0]
	}
	var items []Expr
	var b *Bool
	if len(conds) <= 4 { // short chains: node and items in one allocation
		bi := &struct {
			Bool
			arr [4]Expr
		}{}
		b, items = &bi.Bool, bi.arr[:0]
	} else {
		b, items = &Bool{}, make([]Expr, 0, len(conds))
	}
	for _, c := range conds {
		if b, ok := c.(*Bool); ok && b.Op == op {
			items = append(items, b.Items...)
			continue
		}
		items = append(items, c)
	}
	b.Op, b.Items = op, slices.Clip(items)
	return b
}

// A LikeExpr node represents x [NOT] LIKE pattern [ESCAPE 'c'], or ILIKE when Fold is set.
type LikeExpr struct {
	X, Pattern Expr
	Escape     string // one character, or "" for no ESCAPE clause
	Not        bool
	Fold       bool // case-insensitive (ILIKE, emulated with lower() where missing)
}

// Like returns x LIKE pattern.
func Like(x Expr, pattern any) *LikeExpr {
	return &LikeExpr{X: x, Pattern: toExpr(pattern, types.Text)}
}

// NotLike returns x NOT LIKE pattern.
func NotLike(x Expr, pattern any) *LikeExpr {
	return &LikeExpr{X: x, Pattern: toExpr(pattern, types.Text), Not: true}
}

// ILike returns a case-insensitive x ILIKE pattern.
func ILike(x Expr, pattern any) *LikeExpr {
	return &LikeExpr{X: x, Pattern: toExpr(pattern, types.Text), Fold: true}
}

// NotILike returns x NOT ILIKE pattern.
func NotILike(x Expr, pattern any) *LikeExpr {
	return &LikeExpr{X: x, Pattern: toExpr(pattern, types.Text), Fold: true, Not: true}
}

// WithEscape returns a copy of l with an ESCAPE character.
func (l *LikeExpr) WithEscape(c string) *LikeExpr {
	n := *l
	n.Escape = c
	return &n
}

// likeEscape is the escape character the autoescaping helpers use; it is neither a
// quote nor a backslash, whose meaning in string literals differs between dialects.
const likeEscape = "/"

// EscapeLike escapes the LIKE wildcards % and _ and the escape character itself in s,
// for use with WithEscape("/").
func EscapeLike(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '%', '_', '/':
			if b == nil {
				b = append(make([]byte, 0, len(s)+4), s[:i]...)
			}
			b = append(b, '/')
		}
		if b != nil {
			b = append(b, s[i])
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

// StartsWith returns x LIKE 'prefix%' with the prefix's wildcards escaped. A string
// prefix is escaped and bound; an expression is concatenated with '%' unescaped.
func StartsWith(x Expr, prefix any) Expr { return affix(x, prefix, false, true, false) }

// EndsWith returns x LIKE '%suffix' with the suffix's wildcards escaped.
func EndsWith(x Expr, suffix any) Expr { return affix(x, suffix, true, false, false) }

// Contains returns x LIKE '%part%' with the part's wildcards escaped.
func Contains(x Expr, part any) Expr { return affix(x, part, true, true, false) }

// IContains is the case-insensitive Contains.
func IContains(x Expr, part any) Expr { return affix(x, part, true, true, true) }

func affix(x Expr, v any, before, after, fold bool) Expr {
	if s, ok := v.(string); ok {
		p := EscapeLike(s)
		if before {
			p = "%" + p
		}
		if after {
			p += "%"
		}
		return &LikeExpr{X: x, Pattern: TypedParam(p, types.Text), Escape: likeEscape, Fold: fold}
	}
	e := toExpr(v, types.Text)
	pct := Lit("%")
	switch {
	case before && after:
		e = Concat(pct, e, pct)
	case before:
		e = Concat(pct, e)
	default:
		e = Concat(e, pct)
	}
	return &LikeExpr{X: x, Pattern: e, Fold: fold}
}

// A BetweenExpr node represents x [NOT] BETWEEN lo AND hi.
type BetweenExpr struct {
	X, Lo, Hi Expr
	Not       bool
}

// Between returns x BETWEEN lo AND hi.
func Between(x Expr, lo, hi any) *BetweenExpr {
	t := TypeOf(x)
	return &BetweenExpr{X: x, Lo: toExpr(lo, t), Hi: toExpr(hi, t)}
}

// NotBetween returns x NOT BETWEEN lo AND hi.
func NotBetween(x Expr, lo, hi any) *BetweenExpr {
	b := Between(x, lo, hi)
	b.Not = true
	return b
}

// An InExpr node represents x [NOT] IN (list) or x [NOT] IN (subquery). An empty list is
// legal: it renders as an always-false (IN) or always-true (NOT IN) condition.
type InExpr struct {
	X     Expr   // a value or a *Tuple
	List  []Expr // elements; an expanding *BindParam counts as its elements; nil with Query
	Query Stmt   // subquery, or nil
	Not   bool
}

// In returns x IN (values...). Each value is an Expr or a Go value bound as a
// parameter typed like x; a single *BindParam from List expands to its elements.
func In(x Expr, values ...any) *InExpr { return &InExpr{X: x, List: exprList(values, TypeOf(x))} }

// NotIn returns x NOT IN (values...).
func NotIn(x Expr, values ...any) *InExpr {
	in := In(x, values...)
	in.Not = true
	return in
}

// InQuery returns x IN (subquery).
func InQuery(x Expr, q Stmt) *InExpr { return &InExpr{X: x, Query: q} }

// NotInQuery returns x NOT IN (subquery).
func NotInQuery(x Expr, q Stmt) *InExpr { return &InExpr{X: x, Query: q, Not: true} }

// A CastExpr node represents CAST(x AS type).
type CastExpr struct {
	X    Expr
	Type *types.Type // never nil
}

// Cast returns CAST(x AS t).
func Cast(x any, t *types.Type) Expr {
	if t == nil {
		return Bad(errors.New("ast: Cast: nil target type"))
	}
	return &CastExpr{X: toExpr(x, nil), Type: t}
}

// A CaseExpr node represents a searched CASE (Operand nil) or a simple CASE.
type CaseExpr struct {
	Operand Expr   // or nil for a searched CASE
	Whens   []When // at least one
	Else    Expr   // or nil
}

// A When is one WHEN … THEN … arm of a Case.
type When struct {
	Cond, Result Expr
}

// WhenThen returns one arm of a CASE; cond and result may be Go values. A Go value as
// cond is left untyped so that CaseOf can type it like its operand.
func WhenThen(cond any, result any) When {
	var ce Expr
	switch cond.(type) {
	case Expr, nil:
		ce = toExpr(cond, nil)
	default:
		ce = &BindParam{Value: cond}
	}
	return When{Cond: ce, Result: toExpr(result, nil)}
}

// Case returns a searched CASE WHEN … THEN … END.
func Case(whens ...When) *CaseExpr { return &CaseExpr{Whens: whens} }

// SimpleCase returns a simple CASE operand WHEN value THEN … END.
func SimpleCase(operand Expr, whens ...When) *CaseExpr {
	t := TypeOf(operand)
	ws := make([]When, len(whens))
	for i, w := range whens {
		ws[i] = w
		if p, ok := w.Cond.(*BindParam); ok && p.Type == nil && !p.Deferred {
			if t == nil {
				t = types.Infer(p.Value)
			}
			ws[i].Cond = p.WithType(t)
		}
	}
	return &CaseExpr{Operand: operand, Whens: ws}
}

// ElseResult returns a copy of c with an ELSE arm.
func (c *CaseExpr) ElseResult(v any) *CaseExpr {
	n := *c
	n.Else = toExpr(v, nil)
	return &n
}

// A CollateExpr node represents x COLLATE name.
type CollateExpr struct {
	X         Expr
	Collation string // the collation name, quoted by the dialect
}

// Collate returns x COLLATE collation.
func Collate(x Expr, collation string) Expr {
	if collation == "" {
		return Bad(errors.New("ast: Collate: empty collation name"))
	}
	return &CollateExpr{X: x, Collation: collation}
}

// A TupleExpr node represents a row value (a, b, c).
type TupleExpr struct {
	Items []Expr // at least one
}

// Tuple returns the row value (items...).
func Tuple(items ...any) *TupleExpr { return &TupleExpr{Items: exprList(items, nil)} }

// A Scalar node represents a subquery used as a value: (SELECT …).
type Scalar struct {
	Query Stmt
}

// An ExistsExpr node represents [NOT] EXISTS (subquery).
type ExistsExpr struct {
	Query Stmt
	Not   bool
}

// Exists returns EXISTS (q).
func Exists(q Stmt) *ExistsExpr { return &ExistsExpr{Query: q} }

// NotExists returns NOT EXISTS (q).
func NotExists(q Stmt) *ExistsExpr { return &ExistsExpr{Query: q, Not: true} }

// A Quantified node represents ANY (subquery) or ALL (subquery), the right operand of
// a comparison: x = ANY (SELECT …).
type Quantified struct {
	Op    Op   // OpAny or OpAll
	Query Stmt // subquery
}

// Any returns ANY (q), for use as the right side of a comparison.
func Any(q Stmt) *Quantified { return &Quantified{Op: OpAny, Query: q} }

// All returns ALL (q), for use as the right side of a comparison.
func All(q Stmt) *Quantified { return &Quantified{Op: OpAll, Query: q} }

// A Label node represents x AS name in a select list.
type Label struct {
	X    Expr
	Name string // never empty
}

// As returns x labelled name.
func As(x any, name string) *Label { return &Label{X: toExpr(x, nil), Name: name} }

// Asc returns the label ASC for ORDER BY, which orders by the label's name.
func (l *Label) Asc() *Order { return Asc(l) }

// Desc returns the label DESC for ORDER BY.
func (l *Label) Desc() *Order { return Desc(l) }

// An ExtractExpr node represents EXTRACT(field FROM x).
type ExtractExpr struct {
	Field DatePart
	X     Expr
}

// A DatePart is a field of a date or time that Extract can take.
type DatePart string

// The date parts every built-in dialect can extract.
const (
	Year        DatePart = "YEAR"
	Quarter     DatePart = "QUARTER"
	Month       DatePart = "MONTH"
	Day         DatePart = "DAY"
	Hour        DatePart = "HOUR"
	Minute      DatePart = "MINUTE"
	Second      DatePart = "SECOND"
	DayOfWeek   DatePart = "DOW" // 0 = Sunday
	DayOfYear   DatePart = "DOY"
	Epoch       DatePart = "EPOCH" // seconds since 1970-01-01 UTC
	Week        DatePart = "WEEK"  // ISO 8601 week number
	Microsecond DatePart = "MICROSECOND"
)

// Extract returns EXTRACT(field FROM x).
func Extract(field DatePart, x Expr) Expr {
	switch field {
	case Year, Quarter, Month, Day, Hour, Minute, Second, DayOfWeek, DayOfYear, Epoch, Week, Microsecond:
		return &ExtractExpr{Field: field, X: x}
	}
	return Bad(fmt.Errorf("ast: Extract: unknown date part %q", string(field)))
}

// An ExcludedExpr node refers, inside an upsert's DO UPDATE, to the value the conflicting
// INSERT proposed for a column (excluded.col, VALUES(col), or new.col).
type ExcludedExpr struct {
	Col *Column
}

// Excluded returns the proposed value of col in an upsert.
func Excluded(col *Column) *ExcludedExpr { return &ExcludedExpr{Col: col} }

// A Default node represents the DEFAULT keyword in an INSERT row or UPDATE SET.
type Default struct{}

var defaultNode = &Default{}

// DefaultValue returns the DEFAULT keyword.
func DefaultValue() *Default { return defaultNode }

// A GroupingSet node represents ROLLUP (…), CUBE (…) or GROUPING SETS (…) in GROUP BY.
type GroupingSet struct {
	Op   GroupingOp
	Sets [][]Expr // ROLLUP and CUBE: one element per grouping expression
}

// A GroupingOp selects the form of a GroupingSet.
type GroupingOp uint8

// The grouping forms.
const (
	GroupRollup GroupingOp = iota + 1
	GroupCube
	GroupSets
)

// Rollup returns ROLLUP (exprs…).
func Rollup(exprs ...Expr) *GroupingSet { return groupingOf(GroupRollup, exprs) }

// Cube returns CUBE (exprs…).
func Cube(exprs ...Expr) *GroupingSet { return groupingOf(GroupCube, exprs) }

func groupingOf(op GroupingOp, exprs []Expr) *GroupingSet {
	sets := make([][]Expr, len(exprs))
	for i, e := range exprs {
		sets[i] = []Expr{e}
	}
	return &GroupingSet{Op: op, Sets: sets}
}

// GroupingSets returns GROUPING SETS ((a, b), (a), ()).
func GroupingSets(sets ...[]Expr) *GroupingSet {
	return &GroupingSet{Op: GroupSets, Sets: sets}
}

// toExpr turns an Expr or a Go value into an expression; Go values become parameters
// of type hint. A nil interface becomes NULL.
func toExpr(v any, hint *types.Type) Expr {
	switch x := v.(type) {
	case Expr:
		if isNilExpr(x) {
			return Bad(fmt.Errorf("ast: nil %T used as an expression", x))
		}
		return x
	case nil:
		return Null()
	case Stmt: // a statement used as a value is a scalar subquery
		return &Scalar{Query: x}
	case *Order, *Window:
		return Bad(fmt.Errorf("ast: %T used as an expression", x))
	}
	if hint == nil {
		hint = types.Infer(v)
	}
	return &BindParam{Value: v, Type: hint}
}

// isNilExpr reports a typed nil pointer stored in an Expr.
func isNilExpr(e Expr) bool {
	switch x := e.(type) {
	case *Column:
		return x == nil
	case *BindParam:
		return x == nil
	case *Func:
		return x == nil
	case *Binary:
		return x == nil
	}
	v := reflect.ValueOf(e)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// exprList converts values like toExpr; the parameters it makes share one array.
func exprList(values []any, hint *types.Type) []Expr {
	out := make([]Expr, len(values))
	var params []BindParam
	for i, v := range values {
		switch v.(type) {
		case Expr, nil, Stmt, *Order, *Window:
			out[i] = toExpr(v, hint)
			continue
		}
		if params == nil {
			params = make([]BindParam, len(values)-i)
		}
		p := &params[len(params)-(len(values)-i)]
		p.Value, p.Type = v, hint
		if hint == nil {
			p.Type = types.Infer(v)
		}
		out[i] = p
	}
	return out
}

// widerType returns the type of arithmetic on l and r: a decimal or float operand makes
// the result decimal or float (qty * price is a decimal), else the left type.
func widerType(l, r *types.Type) *types.Type {
	if l == nil {
		return r
	}
	if r == nil {
		return l
	}
	rank := func(t *types.Type) int {
		switch t.Kind {
		case types.Float, types.Double:
			return 3
		case types.Numeric:
			return 2
		case types.SmallInt, types.Int, types.BigInt:
			return 1
		}
		return 0
	}
	if rank(r) > rank(l) && rank(l) > 0 {
		return r
	}
	return l
}

// TypeOf returns the SQL type of e as far as the tree tells, or nil.
func TypeOf(e Expr) *types.Type {
	switch x := e.(type) {
	case *Column:
		return x.Type
	case *BindParam:
		return x.Type
	case *Literal:
		return x.Type
	case *CastExpr:
		return x.Type
	case *Label:
		return TypeOf(x.X)
	case *Func:
		return x.Type
	case *Binary:
		if x.Op.IsComparison() {
			return types.Bool
		}
		switch x.Op {
		case OpConcat:
			return types.Text
		case OpDiv:
			return types.DoubleFloat
		}
		return widerType(TypeOf(x.L), TypeOf(x.R))
	case *Unary:
		if x.Op == OpNeg || x.Op == OpBitNot {
			return TypeOf(x.X)
		}
		return types.Bool
	case *Bool, *LikeExpr, *BetweenExpr, *InExpr, *ExistsExpr:
		return types.Bool
	case *CaseExpr:
		for _, w := range x.Whens {
			if t := TypeOf(w.Result); t != nil {
				return t
			}
		}
		if x.Else != nil {
			return TypeOf(x.Else)
		}
	case *CollateExpr:
		return TypeOf(x.X)
	case *ExtractExpr:
		if x.Field == Epoch {
			return types.DoubleFloat
		}
		return types.BigInteger
	case *Scalar:
		if cols := ResultColumns(x.Query); len(cols) == 1 {
			return cols[0].Type
		}
	case *ExcludedExpr:
		return x.Col.Type
	case ResultTyper:
		return x.ResultType()
	}
	return nil
}
