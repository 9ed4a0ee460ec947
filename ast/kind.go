package ast

import (
	"errors"
	"strconv"
	"sync"
)

// A Kind identifies the type of a node. Compilers dispatch on it through tables
// indexed by Kind, so a Kind is a small integer. The built-in kinds are constants;
// third-party nodes take a Kind from NewKind.
type Kind uint16

// The built-in kinds, grouped as expressions, clauses, FROM items and statements.
const (
	KindInvalid Kind = iota // an *Invalid node carrying a construction error

	// Expressions.
	KindColumn      // *Column
	KindStar        // *Star
	KindParam       // *BindParam
	KindLiteral     // *Literal
	KindUnary       // *Unary
	KindBinary      // *Binary
	KindBool        // *Bool
	KindLike        // *Like
	KindBetween     // *Between
	KindIn          // *In
	KindFunc        // *Func
	KindCast        // *Cast
	KindCase        // *Case
	KindCollate     // *Collate
	KindTuple       // *Tuple
	KindScalar      // *Scalar
	KindExists      // *Exists
	KindQuantified  // *Quantified
	KindLabel       // *Label
	KindExtract     // *Extract
	KindExcluded    // *Excluded
	KindDefault     // *Default
	KindGroupingSet // *GroupingSet

	// Clauses.
	KindOrder      // *Order
	KindWindow     // *Window
	KindLimit      // *LimitClause
	KindLock       // *Lock
	KindOnConflict // *OnConflict

	// FROM items.
	KindTable  // *Table
	KindAlias  // *Alias
	KindJoin   // *Join
	KindCTE    // *CTE
	KindValues // *Values

	// Statements.
	KindSelect   // SelectStmt
	KindCompound // CompoundStmt
	KindInsert   // InsertStmt
	KindUpdate   // UpdateStmt
	KindDelete   // DeleteStmt
	KindText     // *TextClause

	// DDL statements.
	KindCreateTable    // *CreateTableStmt
	KindDropTable      // *DropTableStmt
	KindCreateIndex    // *CreateIndexStmt
	KindDropIndex      // *DropIndexStmt
	KindAlterTable     // *AlterTableStmt
	KindCreateSequence // *CreateSequenceStmt
	KindDropSequence   // *DropSequenceStmt
	KindCreateView     // *CreateViewStmt
	KindDropView       // *DropViewStmt
	KindCreateTableAs  // *CreateTableAsStmt
	KindComment        // *CommentStmt
	KindCreateEnum     // *CreateEnumStmt
	KindDropEnum       // *DropEnumStmt

	numBuiltinKinds
)

var kinds = struct {
	sync.RWMutex
	names  []string
	byName map[string]Kind
}{byName: map[string]Kind{}}

func init() {
	builtin := [...]string{
		KindInvalid: "invalid", KindColumn: "column", KindStar: "star", KindParam: "param",
		KindLiteral: "literal", KindUnary: "unary", KindBinary: "binary", KindBool: "bool",
		KindLike: "like", KindBetween: "between", KindIn: "in", KindFunc: "func",
		KindCast: "cast", KindCase: "case", KindCollate: "collate", KindTuple: "tuple",
		KindScalar: "scalar", KindExists: "exists", KindQuantified: "quantified",
		KindLabel: "label", KindExtract: "extract", KindExcluded: "excluded",
		KindDefault: "default", KindGroupingSet: "grouping set", KindOrder: "order",
		KindWindow: "window", KindLimit: "limit", KindLock: "lock",
		KindOnConflict: "on conflict", KindTable: "table", KindAlias: "alias",
		KindJoin: "join", KindCTE: "cte", KindValues: "values", KindSelect: "select",
		KindCompound: "compound select", KindInsert: "insert", KindUpdate: "update",
		KindDelete: "delete", KindText: "text",
		KindCreateTable: "create table", KindDropTable: "drop table", KindCreateIndex: "create index",
		KindDropIndex: "drop index", KindAlterTable: "alter table", KindCreateSequence: "create sequence",
		KindDropSequence: "drop sequence", KindCreateView: "create view", KindDropView: "drop view",
		KindCreateTableAs: "create table as", KindComment: "comment", KindCreateEnum: "create enum",
		KindDropEnum: "drop enum",
	}
	for k, name := range builtin {
		kinds.names = append(kinds.names, name)
		kinds.byName[name] = Kind(k)
	}
}

// NewKind registers a new node kind under a unique name, for node types declared
// outside this package. Call it once, from a package-level variable initialiser:
//
//	var KindSampleBy = ast.MustNewKind("questdb.sample_by")
//
// A name already taken is a *DuplicateKindError.
func NewKind(name string) (Kind, error) {
	kinds.Lock()
	defer kinds.Unlock()
	if name == "" {
		return 0, errors.New("ast: NewKind: the kind name is empty")
	}
	if _, ok := kinds.byName[name]; ok {
		return 0, &DuplicateKindError{Name: name}
	}
	k := Kind(len(kinds.names))
	kinds.names = append(kinds.names, name)
	kinds.byName[name] = k
	return k, nil
}

// MustNewKind is like NewKind but panics on error. It is meant for package-level
// variable initialisers, where a duplicate name is a programming error.
func MustNewKind(name string) Kind {
	k, err := NewKind(name)
	if err != nil {
		panic(err)
	}
	return k
}

// NumKinds returns one more than the largest Kind registered so far, so that tables
// indexed by Kind can be sized.
func NumKinds() int {
	kinds.RLock()
	defer kinds.RUnlock()
	return len(kinds.names)
}

// String returns the name the kind was registered under.
func (k Kind) String() string {
	kinds.RLock()
	defer kinds.RUnlock()
	if int(k) < len(kinds.names) {
		return kinds.names[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// A DuplicateKindError reports a NewKind call with a name that is already registered.
type DuplicateKindError struct {
	Name string
}

func (e *DuplicateKindError) Error() string {
	return "ast: NewKind: a node kind named " + strconv.Quote(e.Name) + " is already registered"
}
