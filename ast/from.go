package ast

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/seed13bb6a42/strata/types"
)

// A Table node represents a named table, optionally schema-qualified. A table built
// with NewTable declares its columns, and C refuses names it does not declare; one
// built with T accepts any column name.
type Table struct {
	Schema  string    // or "" for the connection's default schema
	Name    string    // never empty
	Columns []*Column // declared columns, each with From set to this table; nil when undeclared

	// Schema declarations, for DDL and reflection.
	PrimaryKey  *PrimaryKeyConstraint // explicit (composite) key; nil when given per column or absent
	ForeignKeys []*ForeignKeyConstraint
	Uniques     []*UniqueConstraint
	Checks      []*CheckConstraint
	Indexes     []*Index
	Options     []TableOption // comment and dialect options

	byName  map[string]*Column
	keyFrag string    // shape encoding, computed once (see KeyWriter)
	names   *nameSlot // memo of the rendered name for a declared table, else nil (see NameMemo)
}

// T returns a table with undeclared columns, for ad-hoc queries.
func T(name string) *Table { return withKey(&Table{Name: name}) }

func withKey(t *Table) *Table {
	t.keyFrag = tableKey(t)
	return t
}

// SchemaT returns a schema-qualified table with undeclared columns.
func SchemaT(schema, name string) *Table { return withKey(&Table{Schema: schema, Name: name}) }

// NewTable returns a table declaring columns (which are copied and bound to it),
// constraints, indexes and options:
//
//	users := ast.NewTable("users",
//		ast.Col("id", types.BigInteger, ast.PrimaryKey(), ast.AutoIncrement()),
//		ast.Col("email", types.String(200), ast.NotNull(), ast.Unique()),
//		ast.IndexOf("ix_users_email_lower").…)
func NewTable(name string, items ...TableItem) *Table { return NewSchemaTable("", name, items...) }

// NewSchemaTable returns a schema-qualified table; see NewTable.
func NewSchemaTable(schema, name string, items ...TableItem) *Table {
	t := &Table{Schema: schema, Name: name, Columns: []*Column{}}
	t.byName = make(map[string]*Column, len(items))
	// One slot for the table and one per column, in a single allocation.
	ncols := 0
	for _, it := range items {
		if _, ok := it.(*Column); ok {
			ncols++
		}
	}
	slots := make([]nameSlot, 1+ncols)
	t.names, slots = &slots[0], slots[1:]
	for _, it := range items {
		switch x := it.(type) {
		case *Column:
			if x == nil {
				x = &Column{Name: "", Missing: true}
			}
			bound := *x
			bound.From = t
			bound.keyTail = columnTail(&bound)
			// x may be another table's column: the copy gets a slot of its own, so
			// that it never shows a memo stored through x.
			bound.names, slots = &slots[0], slots[1:]
			t.Columns = append(t.Columns, &bound)
			t.byName[x.Name] = &bound
		case *PrimaryKeyConstraint:
			t.PrimaryKey = x
		case *ForeignKeyConstraint:
			t.ForeignKeys = append(t.ForeignKeys, x)
		case *UniqueConstraint:
			t.Uniques = append(t.Uniques, x)
		case *CheckConstraint:
			t.Checks = append(t.Checks, x)
		case *Index:
			t.Indexes = append(t.Indexes, x)
		case TableOption:
			t.Options = append(t.Options, x)
		}
	}
	return withKey(t)
}

// C returns the column name of t. On a table with declared columns an unknown name
// gives a column marked Missing, and compiling a statement that uses it fails.
func (t *Table) C(name string) *Column {
	if t.byName != nil {
		if c, ok := t.byName[name]; ok {
			return c
		}
		return &Column{From: t, Name: name, Missing: true}
	}
	return &Column{From: t, Name: name}
}

// Star returns t.* for a select list.
func (t *Table) Star() *Star { return &Star{From: t} }

// As returns t under the alias name.
func (t *Table) As(name string) *Alias { return tableAlias(&Alias{Of: t, Name: name}) }

// tableAlias completes an alias of a table with declared columns: its column
// references are made once here, so that C returns them without allocating and an
// alias declared once (usersU := users.As("u")) costs nothing per query; the key
// fragments the cache-key walk appends are computed once too. Such an alias is as
// long-lived as its table, so it gets a name memo slot; its columns share the slots
// of the table's columns, whose names they have: a column's memo holds its name
// alone, never its qualifier, so the text is the same for both.
func tableAlias(a *Alias) *Alias {
	t, ok := a.Of.(*Table)
	if !ok || t == nil || t.byName == nil {
		return a
	}
	var w KeyWriter
	w.aliasBody(a)
	a.keyFrag = string(w.Buf)
	a.names = new(nameSlot)
	a.cols = make([]Column, len(t.Columns))
	for i, c := range t.Columns {
		a.cols[i] = Column{From: a, Name: c.Name, Type: c.Type, names: c.names}
		a.cols[i].keyTail = columnTail(&a.cols[i])
	}
	return a
}

// An Alias node represents a FROM item under another name: a table alias, a derived
// table (a subquery), a VALUES list, or a table-valued function, optionally LATERAL.
type Alias struct {
	Of      Node     // *Table, *CTE, Stmt, *Values or *Func
	Name    string   // never empty
	Columns []string // column aliases, or nil
	Lateral bool     // LATERAL derived table or function

	cols    []Column  // an alias of a table with declared columns: its columns, made by tableAlias
	keyFrag string    // the alias's shape encoding after its back-reference mark, or ""
	names   *nameSlot // memo of the rendered name, made by tableAlias; else nil (see NameMemo)
}

// C returns the column name of the aliased item, typed after the underlying column
// where it is known.
func (a *Alias) C(name string) *Column {
	for i := range a.cols {
		if a.cols[i].Name == name {
			return &a.cols[i]
		}
	}
	col := &Column{From: a, Name: name}
	switch of := a.Of.(type) {
	case *Table:
		if of.byName != nil {
			if c, ok := of.byName[name]; ok {
				col.Type = c.Type
			} else {
				col.Missing = true
			}
		}
	case Stmt:
		col.Type = outputType(ResultColumns(of), a.Columns, name)
	case *CTE:
		if of.Body != nil {
			col.Type = outputType(ResultColumns(of.Body), of.Columns, name)
		}
	case *ValuesList:
		for i, n := range a.Columns {
			if n == name && len(of.Rows) > 0 && i < len(of.Rows[0]) {
				col.Type = TypeOf(of.Rows[0][i])
			}
		}
	}
	return col
}

func outputType(cols []ResultColumn, aliases []string, name string) *types.Type {
	for i, c := range cols {
		n := c.Name
		if i < len(aliases) {
			n = aliases[i]
		}
		if n == name {
			return c.Type
		}
	}
	return nil
}

// Star returns alias.* for a select list.
func (a *Alias) Star() *Star { return &Star{From: a} }

// WithColumns returns a copy of a with column aliases: AS name (c1, c2).
func (a *Alias) WithColumns(names ...string) *Alias {
	n := *a
	n.Columns = names
	n.cols, n.keyFrag, n.names = nil, "", nil
	return tableAlias(&n)
}

// AsLateral returns a copy of a marked LATERAL, so it may refer to FROM items before it.
func (a *Alias) AsLateral() *Alias {
	n := *a
	n.Lateral = true
	n.cols, n.keyFrag, n.names = nil, "", nil
	return tableAlias(&n)
}

// TableFunc returns the table-valued function f in a FROM clause, named name with
// optional column names: generate_series(1, 3) AS s (n).
func TableFunc(f *Func, name string, columns ...string) *Alias {
	return &Alias{Of: f, Name: name, Columns: columns}
}

// A Join node represents two FROM items joined.
type Join struct {
	Type        JoinType
	Left, Right FromItem
	On          Expr // join condition; nil for CROSS JOIN
	Extra       Node // a dialect-specific suffix after ON (QuestDB's TOLERANCE), or nil
}

// A JoinType is the kind of a Join: one of the constants below, or a dialect's own
// join from NewJoinType.
type JoinType uint8

// The join types.
const (
	InnerJoin JoinType = iota
	LeftJoin
	RightJoin
	FullJoin
	CrossJoin

	numBuiltinJoins
)

// joinNames holds the keyword of every join type; NewJoinType appends to it. It is
// copied on write, so String reads it without a lock.
var joinNames atomic.Pointer[[]string]

func init() {
	names := []string{"JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "CROSS JOIN"}
	joinNames.Store(&names)
}

func (t JoinType) String() string {
	names := *joinNames.Load()
	if int(t) < len(names) {
		return names[t]
	}
	return "JoinType(" + strconv.Itoa(int(t)) + ")"
}

// Custom reports whether t was registered by NewJoinType. Only a dialect that installs
// a rule for it can render it; the others refuse it with an UnsupportedError.
func (t JoinType) Custom() bool { return t >= numBuiltinJoins && int(t) < len(*joinNames.Load()) }

var joinTypesMu sync.Mutex

// NewJoinType registers a dialect's own join, such as QuestDB's "ASOF JOIN", under its
// keyword. Like NewKind it is called once, from a package-level initialiser; a keyword
// registered twice, an empty one, or more than 200 join types is an error.
func NewJoinType(keyword string) (JoinType, error) {
	joinTypesMu.Lock()
	defer joinTypesMu.Unlock()
	if keyword == "" {
		return 0, errors.New("ast: NewJoinType: the join keyword is empty")
	}
	old := *joinNames.Load()
	if slices.Contains(old, keyword) {
		return 0, errors.New("ast: NewJoinType: join " + strconv.Quote(keyword) + " is already registered")
	}
	if len(old) >= 200 {
		return 0, errors.New("ast: NewJoinType: too many join types")
	}
	names := append(slices.Clip(old), keyword)
	joinNames.Store(&names)
	return JoinType(len(names) - 1), nil
}

// MustNewJoinType is like NewJoinType but panics on error, for package-level
// initialisers.
func MustNewJoinType(keyword string) JoinType {
	t, err := NewJoinType(keyword)
	if err != nil {
		panic(err)
	}
	return t
}

// JoinOf returns left joined to right by a join of type t, with an optional
// dialect-specific suffix extra: the constructor dialect packages use for their own
// join types.
func JoinOf(t JoinType, left, right FromItem, on Expr, extra Node) *Join {
	return &Join{Type: t, Left: left, Right: right, On: on, Extra: extra}
}

// JoinOn returns left JOIN right ON on.
func JoinOn(left, right FromItem, on Expr) *Join {
	return &Join{Type: InnerJoin, Left: left, Right: right, On: on}
}

// LeftJoinOn returns left LEFT JOIN right ON on.
func LeftJoinOn(left, right FromItem, on Expr) *Join {
	return &Join{Type: LeftJoin, Left: left, Right: right, On: on}
}

// RightJoinOn returns left RIGHT JOIN right ON on.
func RightJoinOn(left, right FromItem, on Expr) *Join {
	return &Join{Type: RightJoin, Left: left, Right: right, On: on}
}

// FullJoinOn returns left FULL JOIN right ON on.
func FullJoinOn(left, right FromItem, on Expr) *Join {
	return &Join{Type: FullJoin, Left: left, Right: right, On: on}
}

// CrossJoinOf returns left CROSS JOIN right.
func CrossJoinOf(left, right FromItem) *Join {
	return &Join{Type: CrossJoin, Left: left, Right: right}
}

// A CTE node represents a common table expression: a named statement in a WITH
// clause, referred to by name in FROM clauses.
type CTE struct {
	Name         string   // never empty
	Columns      []string // column names, or nil
	Body         Stmt     // nil only while a recursive CTE is being defined
	Recursive    bool     // makes the WITH clause WITH RECURSIVE
	Materialized int8     // PostgreSQL: 1 MATERIALIZED, -1 NOT MATERIALIZED, 0 unspecified
	id           *cteID   // identity shared by copies, so a recursive body can refer to its CTE
}

type cteID struct{ _ byte }

// NewCTE returns a CTE named name over body.
func NewCTE(name string, body Stmt) *CTE { return &CTE{Name: name, Body: body, id: &cteID{}} }

// RecursiveCTE returns a recursive CTE without a body yet. Refer to it (C, From) while
// building its body, then attach the body with WithBody:
//
//	tree := ast.RecursiveCTE("tree", "id", "parent")
//	tree = tree.WithBody(ast.UnionAll(base, ast.Select(...).From(nodes).Join(tree, ...)))
func RecursiveCTE(name string, columns ...string) *CTE {
	return &CTE{Name: name, Columns: columns, Recursive: true, id: &cteID{}}
}

// WithBody returns a copy of c with body as its statement; the copy is the same CTE.
func (c *CTE) WithBody(body Stmt) *CTE {
	n := *c
	n.Body = body
	return &n
}

// As returns the CTE under an alias, to refer to it twice in one FROM clause.
func (c *CTE) As(name string) *Alias { return &Alias{Of: c, Name: name} }

// WithColumns returns a copy of c with explicit column names.
func (c *CTE) WithColumns(names ...string) *CTE {
	n := *c
	n.Columns = names
	return &n
}

// AsMaterialized returns a copy of c marked MATERIALIZED (true) or NOT MATERIALIZED.
func (c *CTE) AsMaterialized(m bool) *CTE {
	n := *c
	n.Materialized = -1
	if m {
		n.Materialized = 1
	}
	return &n
}

// Same reports whether c and o are the same CTE (one is a copy of the other).
func (c *CTE) Same(o *CTE) bool { return c != nil && o != nil && c.id == o.id }

// C returns the column name of the CTE.
func (c *CTE) C(name string) *Column {
	col := &Column{From: c, Name: name}
	if c.Body != nil {
		col.Type = outputType(ResultColumns(c.Body), c.Columns, name)
	}
	return col
}

// Star returns cte.* for a select list.
func (c *CTE) Star() *Star { return &Star{From: c} }

// A ValuesList node represents a VALUES table constructor; it is used in FROM under an
// Alias that names its columns.
type ValuesList struct {
	Rows [][]Expr // at least one row; all rows the same length
}

// Values returns a VALUES list. Each row is a slice of Exprs or Go values.
func Values(rows ...[]any) *ValuesList {
	v := &ValuesList{Rows: make([][]Expr, len(rows))}
	for i, r := range rows {
		v.Rows[i] = exprList(r, nil)
	}
	return v
}

// As returns the VALUES list in a FROM clause, named name with column names.
func (v *ValuesList) As(name string, columns ...string) *Alias {
	return &Alias{Of: v, Name: name, Columns: columns}
}

// Validate checks the shape of v.
func (v *ValuesList) Validate() error {
	if len(v.Rows) == 0 {
		return errors.New("VALUES has no rows")
	}
	w := len(v.Rows[0])
	for i, r := range v.Rows {
		if len(r) != w || w == 0 {
			return fmt.Errorf("VALUES row %d has %d values, row 0 has %d", i, len(r), w)
		}
	}
	return nil
}

// FromName returns the name a FROM item is referred to by: its alias, its table name,
// or its CTE name; "" for a join.
func FromName(f FromItem) (schema, name string) {
	switch x := f.(type) {
	case *Table:
		return x.Schema, x.Name
	case *Alias:
		return "", x.Name
	case *CTE:
		return "", x.Name
	}
	return "", ""
}

// A nameSlot is where a compiler may keep a node's name as it renders it for one
// configuration (a dialect and its flags), so that the names of declared tables, their
// columns and their aliases, which live as long as the program, are checked for
// quoting once rather than at every compile. The node stays immutable and safe to
// share: the slot only ever holds text derived from the node's own immutable fields,
// and is read and written atomically.
//
// Nodes hold a pointer to their slot, never the slot itself, so that copying a node
// (as NewTable and the builders of this package do, and as other packages may) copies
// no atomic value and races with no writer. A copy reaches the same slot until its
// builder gives it another; a memo therefore records the names it was rendered from,
// and load refuses it to a node whose names differ, so a copy that was renamed never
// shows its original's text.
//
// The slot holds one memo, the first stored: a program that compiles the same node
// for a second configuration (another dialect, the QuoteAll flag) renders the name
// the slow way for it, as it did before memos, and never replaces the first. Replacing
// would make two dialects compiled in turn allocate a new memo on every compile.
type nameSlot struct{ p atomic.Pointer[nameMemo] }

// A nameMemo is a node's name rendered under key. It is never modified once stored.
type nameMemo struct {
	key          any    // the compiler's configuration; never nil
	text         string // the name as rendered
	schema, name string // the names text was rendered from
}

// load returns the memo, or nil. The caller checks that it was stored for its
// names (see sameString): a copy of a node reaches the slot of its original.
func (s *nameSlot) load() *nameMemo {
	if s == nil {
		return nil
	}
	return s.p.Load()
}

// sameString reports whether a and b are one string: the same length at the same
// address, as a copied string header keeps them. Equal strings stored apart (or two
// empty strings with different addresses) compare unequal, which only costs a memo
// its use; comparing addresses, not bytes, keeps the memo's hit path short enough to
// be inlined into the compiler.
func sameString(a, b string) bool {
	return len(a) == len(b) && unsafe.StringData(a) == unsafe.StringData(b)
}

// store records text as schema.name rendered under key unless the slot holds a memo
// already (see nameSlot). Text is copied, except when it is the name itself (a name
// that needs no quoting), which the memo then shares.
func (s *nameSlot) store(key any, text []byte, schema, name string) {
	if s == nil || key == nil || s.p.Load() != nil {
		return
	}
	t := name
	if string(text) != name {
		t = string(text)
	}
	s.p.CompareAndSwap(nil, &nameMemo{key: key, text: t, schema: schema, name: name})
}

// NameMemo returns what a compiler stored with SetNameMemo for t's name, schema
// included, or a nil key. See Column.NameMemo.
func (t *Table) NameMemo() (key any, text string) {
	if m := t.names.load(); m != nil && sameString(m.name, t.Name) && sameString(m.schema, t.Schema) {
		return m.key, m.text
	}
	return nil, ""
}

// SetNameMemo records text as t's name, schema included, rendered under key. It does
// nothing on a table made by T or SchemaT; see Column.SetNameMemo.
func (t *Table) SetNameMemo(key any, text []byte) { t.names.store(key, text, t.Schema, t.Name) }

// NameMemo returns what a compiler stored with SetNameMemo for a's name, or a nil key.
// See Column.NameMemo.
func (a *Alias) NameMemo() (key any, text string) {
	if m := a.names.load(); m != nil && sameString(m.name, a.Name) {
		return m.key, m.text
	}
	return nil, ""
}

// SetNameMemo records text as a's name rendered under key. It does nothing except on
// an alias of a table with declared columns; see Column.SetNameMemo.
func (a *Alias) SetNameMemo(key any, text []byte) { a.names.store(key, text, "", a.Name) }
