// Package ast declares the node types of immutable SQL syntax trees.
//
// # Immutability
//
// A node is never modified after construction. Builder methods return new values and
// never write to a slice they did not allocate, so two statements branched from one
// base share nothing mutable, and any tree may be shared between goroutines and cached.
// Fields are exported for compilers and tools to read; writing to them, or to the
// elements of the slices they hold, breaks that contract. The one thing written later
// is a cache: declared tables, their columns and aliases keep their names as a
// compiler renders them (Column.NameMemo), text derived from their own fields and
// stored atomically, which changes nothing a reader can observe.
//
// # Adding a node (contributor guide)
//
//  1. Declare a Kind constant in kind.go and give it a name in init.
//  2. Declare the node type with its children as exported fields, each with an
//     end-of-line comment stating its invariant, and add its marker methods to the
//     block at the end of this file.
//  3. Give it a constructor that reads like SQL and validates what it can; invalid
//     input becomes an *Invalid node, so the error surfaces when compiling.
//  4. Add an ANSI rule in compiler/ansi.go and per-dialect overrides where needed.
//  5. Add golden cases under dialects/dialecttest.
//
// Types outside this package join the tree by embedding Custom and registering a
// Kind with NewKind; see Custom.
package ast

import "github.com/seed13bb6a42/strata/types"

// A Node is any element of a syntax tree.
type Node interface {
	Kind() Kind
	node()
	appendKey(k *KeyWriter) // the node's cache-key encoding (key.go)
}

// An Expr is a node that produces a value: columns, parameters, operators, functions.
type Expr interface {
	Node
	exprNode()
}

// A Stmt is a complete statement: SELECT, compound SELECT, INSERT, UPDATE, DELETE, or
// raw text. Statements are also what subqueries and CTEs contain.
type Stmt interface {
	Node
	stmtNode()
}

// A FromItem is something a FROM clause can name: a table, an alias of a table or
// subquery, a join, a CTE, or a VALUES list under an alias.
type FromItem interface {
	Node
	fromNode()
}

// A Custom is embedded by node types declared outside this package. It supplies the
// node and expression markers and the Kind, which the embedding type takes from
// NewKind:
//
//	var kindNow = ast.MustNewKind("example.now")
//
//	type Now struct{ ast.Custom }
//
//	func NewNow() *Now { return &Now{ast.Custom{K: kindNow}} }
//
// A compiler renders a custom node through its own rule for the Kind when a dialect
// installs one, else through the node's Render method (see compiler.Renderer).
type Custom struct {
	K Kind // the kind registered with NewKind
}

// Kind returns the registered kind.
func (c Custom) Kind() Kind { return c.K }

// A Parent is a custom node that has children. Tree walks (FROM inference, the cache
// key, Walk) descend into them; a custom node without the method is a leaf.
type Parent interface {
	Children() []Node
}

// A ResultTyper is a custom expression that knows its SQL result type, which TypeOf
// reports and parameters compared with it take.
type ResultTyper interface {
	ResultType() *types.Type
}

// ExprOf returns v as an expression the way the built-in constructors take their
// arguments: an Expr as it is, a statement as a scalar subquery, a Go nil as NULL,
// any other Go value as a bind parameter typed after the value.
func ExprOf(v any) Expr { return toExpr(v, nil) }

// An Invalid node records an error found while building a tree. Builders cannot
// return errors without breaking method chains, so they return an Invalid node in
// place of the bad part; compiling a tree that contains one fails with Err.
type Invalid struct {
	Err error // never nil
}

// Bad returns an Invalid node for err.
func Bad(err error) *Invalid { return &Invalid{Err: err} }

// A ResultColumn names and types one column a statement returns.
type ResultColumn struct {
	Name string      // the column's name in the result, "" when the database picks it
	Type *types.Type // or nil when unknown
}

// Marker methods: each node type declares which interfaces it satisfies.

func (*Invalid) node()          {}
func (*Column) node()           {}
func (*Star) node()             {}
func (*BindParam) node()        {}
func (*Literal) node()          {}
func (*Unary) node()            {}
func (*Binary) node()           {}
func (*Bool) node()             {}
func (*LikeExpr) node()         {}
func (*BetweenExpr) node()      {}
func (*InExpr) node()           {}
func (*Func) node()             {}
func (*CastExpr) node()         {}
func (*CaseExpr) node()         {}
func (*CollateExpr) node()      {}
func (*TupleExpr) node()        {}
func (*Scalar) node()           {}
func (*ExistsExpr) node()       {}
func (*Quantified) node()       {}
func (*Label) node()            {}
func (*ExtractExpr) node()      {}
func (*ExcludedExpr) node()     {}
func (*Default) node()          {}
func (*GroupingSet) node()      {}
func (*Order) node()            {}
func (*Window) node()           {}
func (*LimitClause) node()      {}
func (*Lock) node()             {}
func (*OnConflict) node()       {}
func (*Table) node()            {}
func (*Alias) node()            {}
func (*Join) node()             {}
func (*CTE) node()              {}
func (*ValuesList) node()       {}
func (SelectStmt) node()        {}
func (CompoundStmt) node()      {}
func (InsertStmt) node()        {}
func (UpdateStmt) node()        {}
func (DeleteStmt) node()        {}
func (*TextClause) node()       {}
func (Custom) node()            {}
func (*Invalid) exprNode()      {}
func (*Column) exprNode()       {}
func (*Star) exprNode()         {}
func (*BindParam) exprNode()    {}
func (*Literal) exprNode()      {}
func (*Unary) exprNode()        {}
func (*Binary) exprNode()       {}
func (*Bool) exprNode()         {}
func (*LikeExpr) exprNode()     {}
func (*BetweenExpr) exprNode()  {}
func (*InExpr) exprNode()       {}
func (*Func) exprNode()         {}
func (*CastExpr) exprNode()     {}
func (*CaseExpr) exprNode()     {}
func (*CollateExpr) exprNode()  {}
func (*TupleExpr) exprNode()    {}
func (*Scalar) exprNode()       {}
func (*ExistsExpr) exprNode()   {}
func (*Quantified) exprNode()   {}
func (*Label) exprNode()        {}
func (*ExtractExpr) exprNode()  {}
func (*ExcludedExpr) exprNode() {}
func (*Default) exprNode()      {}
func (*GroupingSet) exprNode()  {}
func (*TextClause) exprNode()   {}
func (Custom) exprNode()        {}
func (*Invalid) stmtNode()      {}
func (SelectStmt) stmtNode()    {}
func (CompoundStmt) stmtNode()  {}
func (InsertStmt) stmtNode()    {}
func (UpdateStmt) stmtNode()    {}
func (DeleteStmt) stmtNode()    {}
func (*TextClause) stmtNode()   {}
func (*Invalid) fromNode()      {}
func (*Table) fromNode()        {}
func (*Alias) fromNode()        {}
func (*Join) fromNode()         {}
func (*CTE) fromNode()          {}

// Kind methods of the built-in nodes.

func (*Invalid) Kind() Kind      { return KindInvalid }
func (*Column) Kind() Kind       { return KindColumn }
func (*Star) Kind() Kind         { return KindStar }
func (*BindParam) Kind() Kind    { return KindParam }
func (*Literal) Kind() Kind      { return KindLiteral }
func (*Unary) Kind() Kind        { return KindUnary }
func (*Binary) Kind() Kind       { return KindBinary }
func (*Bool) Kind() Kind         { return KindBool }
func (*LikeExpr) Kind() Kind     { return KindLike }
func (*BetweenExpr) Kind() Kind  { return KindBetween }
func (*InExpr) Kind() Kind       { return KindIn }
func (*Func) Kind() Kind         { return KindFunc }
func (*CastExpr) Kind() Kind     { return KindCast }
func (*CaseExpr) Kind() Kind     { return KindCase }
func (*CollateExpr) Kind() Kind  { return KindCollate }
func (*TupleExpr) Kind() Kind    { return KindTuple }
func (*Scalar) Kind() Kind       { return KindScalar }
func (*ExistsExpr) Kind() Kind   { return KindExists }
func (*Quantified) Kind() Kind   { return KindQuantified }
func (*Label) Kind() Kind        { return KindLabel }
func (*ExtractExpr) Kind() Kind  { return KindExtract }
func (*ExcludedExpr) Kind() Kind { return KindExcluded }
func (*Default) Kind() Kind      { return KindDefault }
func (*GroupingSet) Kind() Kind  { return KindGroupingSet }
func (*Order) Kind() Kind        { return KindOrder }
func (*Window) Kind() Kind       { return KindWindow }
func (*LimitClause) Kind() Kind  { return KindLimit }
func (*Lock) Kind() Kind         { return KindLock }
func (*OnConflict) Kind() Kind   { return KindOnConflict }
func (*Table) Kind() Kind        { return KindTable }
func (*Alias) Kind() Kind        { return KindAlias }
func (*Join) Kind() Kind         { return KindJoin }
func (*CTE) Kind() Kind          { return KindCTE }
func (*ValuesList) Kind() Kind   { return KindValues }
func (SelectStmt) Kind() Kind    { return KindSelect }
func (CompoundStmt) Kind() Kind  { return KindCompound }
func (InsertStmt) Kind() Kind    { return KindInsert }
func (UpdateStmt) Kind() Kind    { return KindUpdate }
func (DeleteStmt) Kind() Kind    { return KindDelete }
func (*TextClause) Kind() Kind   { return KindText }
