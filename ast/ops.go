package ast

// An Op is an operator of a Unary, Binary, Bool or Quantified node.
type Op uint8

// The operators.
const (
	OpInvalid Op = iota

	// Boolean connectives (Bool nodes) and negation (Unary).
	OpAnd
	OpOr
	OpNot

	// Comparisons (Binary).
	OpEq
	OpNe
	OpLt
	OpLe
	OpGt
	OpGe
	OpIsDistinct    // IS DISTINCT FROM
	OpIsNotDistinct // IS NOT DISTINCT FROM
	OpRegexp        // regular-expression match (PostgreSQL ~, MySQL REGEXP)
	OpNotRegexp     // negated regular-expression match
	OpRegexpFold    // case-insensitive regular-expression match (PostgreSQL ~*)

	// Arithmetic (Binary).
	OpAdd
	OpSub
	OpMul
	OpDiv    // true division: 7 / 2 is 3.5 on every dialect
	OpIntDiv // integer division truncating toward zero: 7 / 2 is 3 on every dialect
	OpMod
	OpConcat // string concatenation

	// Bitwise (Binary).
	OpBitAnd
	OpBitOr
	OpBitXor
	OpShiftLeft
	OpShiftRight

	// Custom binary operator: the operator text is in Binary.Custom.
	OpCustom

	// Unary.
	OpNeg       // arithmetic negation
	OpBitNot    // bitwise complement
	OpIsNull    // x IS NULL (postfix)
	OpIsNotNull // x IS NOT NULL (postfix)

	// Quantifiers (Quantified).
	OpAny
	OpAll

	numOps
)

var opText = [numOps]string{
	OpAnd: "AND", OpOr: "OR", OpNot: "NOT",
	OpEq: "=", OpNe: "<>", OpLt: "<", OpLe: "<=", OpGt: ">", OpGe: ">=",
	OpIsDistinct: "IS DISTINCT FROM", OpIsNotDistinct: "IS NOT DISTINCT FROM",
	OpRegexp: "~", OpNotRegexp: "!~", OpRegexpFold: "~*",
	OpAdd: "+", OpSub: "-", OpMul: "*", OpDiv: "/", OpIntDiv: "DIV", OpMod: "%",
	OpConcat: "||", OpBitAnd: "&", OpBitOr: "|", OpBitXor: "#", OpShiftLeft: "<<",
	OpShiftRight: ">>", OpNeg: "-", OpBitNot: "~", OpIsNull: "IS NULL",
	OpIsNotNull: "IS NOT NULL", OpAny: "ANY", OpAll: "ALL",
}

// String returns the operator's standard SQL spelling. Dialects may spell it
// differently; this is the ANSI form and the one used in error messages.
func (op Op) String() string {
	if op < numOps && opText[op] != "" {
		return opText[op]
	}
	return "op?"
}

// Precedence levels, lowest binding first. A compiler renders the left operand of a
// binary operator at the operator's level and the right operand one level higher,
// and wraps an operand in parentheses when its own level is lower than required.
const (
	PrecLowest     = 0
	PrecOr         = 1
	PrecAnd        = 2
	PrecNot        = 3
	PrecComparison = 4 // =, <, LIKE, IN, BETWEEN, IS, IS DISTINCT FROM
	PrecBitwise    = 5 // bitwise operators: precedence differs by dialect, see Isolated
	PrecConcat     = 6 // ||: precedence differs by dialect, see Isolated
	PrecAdditive   = 7 // +, -
	PrecMultiply   = 8 // *, /, %
	PrecUnary      = 9 // unary minus, bitwise NOT
	PrecCollate    = 10
	PrecAtom       = 11 // columns, literals, parameters, function calls, parenthesised forms
)

// Precedence returns the level of a binary or unary operator.
func (op Op) Precedence() int {
	switch op {
	case OpOr:
		return PrecOr
	case OpAnd:
		return PrecAnd
	case OpNot:
		return PrecNot
	case OpEq, OpNe, OpLt, OpLe, OpGt, OpGe, OpIsDistinct, OpIsNotDistinct,
		OpRegexp, OpNotRegexp, OpRegexpFold, OpIsNull, OpIsNotNull, OpCustom:
		return PrecComparison
	case OpBitAnd, OpBitOr, OpBitXor, OpShiftLeft, OpShiftRight:
		return PrecBitwise
	case OpConcat:
		return PrecConcat
	case OpAdd, OpSub:
		return PrecAdditive
	case OpMul, OpDiv, OpIntDiv, OpMod:
		return PrecMultiply
	case OpNeg, OpBitNot:
		return PrecUnary
	}
	return PrecAtom
}

// Isolated reports whether the operator's precedence relative to other operators
// differs between databases (bitwise operators, concatenation, custom operators).
// Operands of an isolated operator are parenthesised unless they are atoms or the same
// associative operator, so the text parses alike everywhere.
func (op Op) Isolated() bool {
	switch op {
	case OpBitAnd, OpBitOr, OpBitXor, OpShiftLeft, OpShiftRight, OpConcat, OpCustom:
		return true
	}
	return false
}

// Associative reports whether a chain of op needs no parentheses on its left side:
// (a + b) + c is written a + b + c.
func (op Op) Associative() bool {
	switch op {
	case OpAdd, OpMul, OpConcat, OpBitAnd, OpBitOr, OpBitXor, OpAnd, OpOr, OpSub, OpDiv, OpMod, OpIntDiv:
		return true
	}
	return false
}

// IsComparison reports whether op yields a boolean from two operands.
func (op Op) IsComparison() bool { return op.Precedence() == PrecComparison }
