package ast

import (
	"errors"
	"slices"
)

// Schema objects: the declarations a table's DDL is generated from, and what
// reflection of a live database produces. One *Table serves queries and DDL alike.

// A ColumnOption sets a schema attribute of a column at declaration:
//
//	ast.Col("id", types.BigInteger, ast.PrimaryKey(), ast.AutoIncrement())
type ColumnOption func(*Column)

// ColumnSchema holds a column's schema attributes; Column embeds it.
type ColumnSchema struct {
	NotNull       bool      // NOT NULL (implied by PrimaryKey)
	PrimaryKey    bool      // part of the table's primary key, in column order
	Unique        bool      // single-column UNIQUE constraint
	Default       Expr      // server default (the DDL DEFAULT clause): a literal or SQL expression, or nil
	AutoIncrement bool      // the database numbers new rows (SERIAL, AUTO_INCREMENT, INTEGER PRIMARY KEY)
	Identity      *Identity // GENERATED … AS IDENTITY, or nil
	Computed      *Computed // GENERATED ALWAYS AS (expr), or nil
	Comment       string
	Collation     string
}

// An Identity describes an identity column.
type Identity struct {
	Always    bool  // GENERATED ALWAYS (else BY DEFAULT)
	Start     int64 // 0: the database's default
	Increment int64 // 0: the database's default
}

// A Computed describes a generated column.
type Computed struct {
	Expr   Expr // over the table's other columns
	Stored bool // STORED; else VIRTUAL where the dialect distinguishes them
}

// NotNull makes the column NOT NULL.
func NotNull() ColumnOption { return func(c *Column) { c.NotNull = true } }

// PrimaryKey makes the column part of the table's primary key (and NOT NULL).
func PrimaryKey() ColumnOption {
	return func(c *Column) { c.PrimaryKey, c.NotNull = true, true }
}

// Unique gives the column a single-column UNIQUE constraint.
func Unique() ColumnOption { return func(c *Column) { c.Unique = true } }

// ServerDefault sets the column's DEFAULT clause: an Expr (ast.Now(), ast.Text(…)) or
// a Go value written as a literal.
func ServerDefault(v any) ColumnOption {
	return func(c *Column) {
		if e, ok := v.(Expr); ok {
			c.Default = e
			return
		}
		c.Default = Lit(v)
	}
}

// AutoIncrement makes the database number new rows in this integer column.
func AutoIncrement() ColumnOption { return func(c *Column) { c.AutoIncrement = true } }

// GeneratedIdentity makes the column an identity column.
func GeneratedIdentity(id Identity) ColumnOption {
	return func(c *Column) { c.Identity = &id }
}

// GeneratedAs makes the column computed from expr, stored or virtual.
func GeneratedAs(expr Expr, stored bool) ColumnOption {
	return func(c *Column) { c.Computed = &Computed{Expr: expr, Stored: stored} }
}

// Comment sets the column's comment.
func Comment(s string) ColumnOption { return func(c *Column) { c.Comment = s } }

// Collation sets the column's collation.
func Collation(name string) ColumnOption { return func(c *Column) { c.Collation = name } }

// A TableItem is what NewTable takes besides columns: constraints, indexes and
// table options. *Column is one too.
type TableItem interface{ tableItem() }

func (*Column) tableItem()               {}
func (*PrimaryKeyConstraint) tableItem() {}
func (*ForeignKeyConstraint) tableItem() {}
func (*UniqueConstraint) tableItem()     {}
func (*CheckConstraint) tableItem()      {}
func (*Index) tableItem()                {}
func (TableOption) tableItem()           {}

// A PrimaryKeyConstraint names a table's primary key columns.
type PrimaryKeyConstraint struct {
	Name    string   // or "" for the database's (or the naming convention's) name
	Columns []string // in key order
}

// PrimaryKeyOf returns a (composite) primary key over the named columns.
func PrimaryKeyOf(columns ...string) *PrimaryKeyConstraint {
	return &PrimaryKeyConstraint{Columns: columns}
}

// Named returns a copy of k with a constraint name.
func (k *PrimaryKeyConstraint) Named(name string) *PrimaryKeyConstraint {
	n := *k
	n.Name = name
	return &n
}

// A RefAction is an ON DELETE / ON UPDATE action of a foreign key.
type RefAction uint8

// The referential actions; NoAction is the default and is not written.
const (
	NoAction RefAction = iota
	Restrict
	Cascade
	SetNull
	SetDefault
)

func (a RefAction) String() string {
	return [...]string{"NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT"}[a]
}

// A ForeignKeyConstraint references another table's columns.
type ForeignKeyConstraint struct {
	Name              string
	Columns           []string // local columns
	RefSchema         string   // or "" for the same schema
	RefTable          string
	RefColumns        []string // referenced columns, in the same order
	OnDelete          RefAction
	OnUpdate          RefAction
	Deferrable        bool // DEFERRABLE (PostgreSQL, SQLite)
	InitiallyDeferred bool // INITIALLY DEFERRED
}

// ForeignKeyOf returns a foreign key from columns to refTable's refColumns.
func ForeignKeyOf(columns []string, refTable string, refColumns ...string) *ForeignKeyConstraint {
	return &ForeignKeyConstraint{Columns: columns, RefTable: refTable, RefColumns: refColumns}
}

// Named returns a copy of f with a constraint name.
func (f *ForeignKeyConstraint) Named(name string) *ForeignKeyConstraint {
	n := *f
	n.Name = name
	return &n
}

// InSchema returns a copy of f referencing a table of another schema.
func (f *ForeignKeyConstraint) InSchema(schema string) *ForeignKeyConstraint {
	n := *f
	n.RefSchema = schema
	return &n
}

// OnDeleteDo returns a copy of f with an ON DELETE action.
func (f *ForeignKeyConstraint) OnDeleteDo(a RefAction) *ForeignKeyConstraint {
	n := *f
	n.OnDelete = a
	return &n
}

// OnUpdateDo returns a copy of f with an ON UPDATE action.
func (f *ForeignKeyConstraint) OnUpdateDo(a RefAction) *ForeignKeyConstraint {
	n := *f
	n.OnUpdate = a
	return &n
}

// AsDeferrable returns a copy of f that is DEFERRABLE, initially deferred or not.
func (f *ForeignKeyConstraint) AsDeferrable(initiallyDeferred bool) *ForeignKeyConstraint {
	n := *f
	n.Deferrable, n.InitiallyDeferred = true, initiallyDeferred
	return &n
}

// A UniqueConstraint makes a set of columns unique.
type UniqueConstraint struct {
	Name    string
	Columns []string
}

// UniqueOf returns a UNIQUE constraint over the named columns.
func UniqueOf(columns ...string) *UniqueConstraint { return &UniqueConstraint{Columns: columns} }

// Named returns a copy of u with a constraint name.
func (u *UniqueConstraint) Named(name string) *UniqueConstraint {
	n := *u
	n.Name = name
	return &n
}

// A CheckConstraint is a CHECK (condition) constraint.
type CheckConstraint struct {
	Name string
	Expr Expr // over the table's columns (bare column references)
}

// CheckOf returns a CHECK constraint.
func CheckOf(cond Expr) *CheckConstraint { return &CheckConstraint{Expr: cond} }

// Named returns a copy of c with a constraint name.
func (c *CheckConstraint) Named(name string) *CheckConstraint {
	n := *c
	n.Name = name
	return &n
}

// An Index is a (unique, partial, expression) index on a table.
type Index struct {
	Name    string
	Unique  bool
	Columns []IndexPart // at least one
	Where   Expr        // partial index predicate, or nil
	Using   string      // index method (PostgreSQL USING gin), or ""
}

// An IndexPart is one indexed column or expression.
type IndexPart struct {
	Column string // a column name, or "" for Expr
	Expr   Expr   // an indexed expression, or nil
	Desc   bool
	Length int // MySQL prefix length in characters, or 0
}

// IndexOf returns an index named name over columns.
func IndexOf(name string, columns ...string) *Index {
	ix := &Index{Name: name, Columns: make([]IndexPart, len(columns))}
	for i, c := range columns {
		ix.Columns[i] = IndexPart{Column: c}
	}
	return ix
}

// IndexOn returns an index named name over parts (columns or expressions).
func IndexOn(name string, parts ...IndexPart) *Index { return &Index{Name: name, Columns: parts} }

// AsUnique returns a copy of ix that is UNIQUE.
func (ix *Index) AsUnique() *Index {
	n := *ix
	n.Unique = true
	return &n
}

// Partial returns a copy of ix indexing only the rows where cond holds.
func (ix *Index) Partial(cond Expr) *Index {
	n := *ix
	n.Where = cond
	return &n
}

// WithMethod returns a copy of ix built with an index method (PostgreSQL USING).
func (ix *Index) WithMethod(method string) *Index {
	n := *ix
	n.Using = method
	return &n
}

// A TableOption is a table-level setting: a comment, or a dialect-specific option such
// as MySQL's ENGINE. Dialects ignore options meant for others.
type TableOption struct {
	Dialect string // "" for all dialects
	Name    string // "comment", or the option's name (e.g. "engine")
	Value   string
}

// TableComment returns the table comment option.
func TableComment(s string) TableOption { return TableOption{Name: "comment", Value: s} }

// DialectOption returns an option for one dialect, such as
// ast.DialectOption("mysql", "engine", "InnoDB").
func DialectOption(dialect, name, value string) TableOption {
	return TableOption{Dialect: dialect, Name: name, Value: value}
}

// Comment returns the table's comment, or "".
func (t *Table) Comment() string {
	for _, o := range t.Options {
		if o.Dialect == "" && o.Name == "comment" {
			return o.Value
		}
	}
	return ""
}

// Column returns the declared column named name, or nil.
func (t *Table) Column(name string) *Column {
	if t.byName != nil {
		return t.byName[name]
	}
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Items returns t's declarations as NewTable takes them — columns, the table-level
// primary key, foreign keys, unique and check constraints, indexes, options — so that
// a table can be derived from another: NewSchemaTable(t.Schema, t.Name,
// append(t.Items(), more...)...). The slice is new; its elements are t's own.
func (t *Table) Items() []TableItem {
	items := make([]TableItem, 0, len(t.Columns)+1+len(t.ForeignKeys)+len(t.Uniques)+len(t.Checks)+len(t.Indexes)+len(t.Options))
	for _, c := range t.Columns {
		items = append(items, c)
	}
	if t.PrimaryKey != nil {
		items = append(items, t.PrimaryKey)
	}
	for _, f := range t.ForeignKeys {
		items = append(items, f)
	}
	for _, u := range t.Uniques {
		items = append(items, u)
	}
	for _, k := range t.Checks {
		items = append(items, k)
	}
	for _, ix := range t.Indexes {
		items = append(items, ix)
	}
	for _, o := range t.Options {
		items = append(items, o)
	}
	return items
}

// PrimaryKeyColumns returns the names of the primary key columns: the explicit
// PrimaryKeyConstraint's, or the columns declared with ast.PrimaryKey(), in order.
func (t *Table) PrimaryKeyColumns() []string {
	if t.PrimaryKey != nil {
		return t.PrimaryKey.Columns
	}
	var cols []string
	for _, c := range t.Columns {
		if c.PrimaryKey {
			cols = append(cols, c.Name)
		}
	}
	return cols
}

// A Sequence is a PostgreSQL (or MariaDB) sequence.
type Sequence struct {
	Schema    string
	Name      string
	Start     int64 // 0: default
	Increment int64 // 0: default
	MinValue  int64 // 0: default
	MaxValue  int64 // 0: default
	Cache     int64 // 0: default
	Cycle     bool
}

// NewSequence returns a sequence named name with default settings.
func NewSequence(name string) *Sequence { return &Sequence{Name: name} }

// A View is a named query.
type View struct {
	Schema  string
	Name    string
	Columns []string // column names, or nil for the query's own
	Query   Stmt
}

// NewView returns a view named name over q.
func NewView(name string, q Stmt) *View { return &View{Name: name, Query: q} }

// NamingConvention names constraints and indexes that were declared without a name.
// Keys are "pk", "fk", "uq", "ck" and "ix"; templates use {table}, {column_0} (the
// first column), {columns} (all, joined by "_") and, for foreign keys,
// {referred_table}. Names longer than a dialect allows are shortened with a hash
// suffix, deterministically.
type NamingConvention map[string]string

// DefaultNaming is the convention NewMetaData uses unless given another: every
// constraint gets a predictable name, so that reflection round-trips compare equal.
var DefaultNaming = NamingConvention{
	"pk": "pk_{table}",
	"fk": "fk_{table}_{columns}_{referred_table}",
	"uq": "uq_{table}_{columns}",
	"ck": "ck_{table}_{column_0}",
	"ix": "ix_{table}_{columns}",
}

// MetaData is a collection of tables, sequences and views: a database schema to
// create, or what reflection found.
type MetaData struct {
	Schema    string // default schema for DDL and reflection, or ""
	Naming    NamingConvention
	Tables    []*Table
	Sequences []*Sequence
	Views     []*View
}

// NewMetaData returns schema metadata holding tables, with the default naming
// convention.
func NewMetaData(tables ...*Table) *MetaData {
	return &MetaData{Naming: DefaultNaming, Tables: tables}
}

// WithTables returns a copy of m with more tables.
func (m *MetaData) WithTables(tables ...*Table) *MetaData {
	n := *m
	n.Tables = append(slices.Clip(m.Tables), tables...)
	return &n
}

// WithSequences returns a copy of m with more sequences.
func (m *MetaData) WithSequences(seqs ...*Sequence) *MetaData {
	n := *m
	n.Sequences = append(slices.Clip(m.Sequences), seqs...)
	return &n
}

// WithViews returns a copy of m with more views.
func (m *MetaData) WithViews(views ...*View) *MetaData {
	n := *m
	n.Views = append(slices.Clip(m.Views), views...)
	return &n
}

// Table returns the table named name (in m's default schema), or nil.
func (m *MetaData) Table(name string) *Table {
	for _, t := range m.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// DDL statements. Each is a Stmt compiled by the dialect like any other.

// CreateTableStmt is CREATE TABLE [IF NOT EXISTS] t (…).
type CreateTableStmt struct {
	Table       *Table
	IfNotExists bool
	Naming      NamingConvention // names for unnamed constraints, or nil
	// OmitForeignKeys leaves the named foreign keys out, for CreateAll to add them
	// with ALTER TABLE once every table exists (dependency cycles).
	OmitForeignKeys []string
}

// DropTableStmt is DROP TABLE [IF EXISTS] t.
type DropTableStmt struct {
	Table    *Table
	IfExists bool
}

// CreateIndexStmt is CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON t (…).
type CreateIndexStmt struct {
	Table       *Table
	Index       *Index
	IfNotExists bool
	Naming      NamingConvention
}

// DropIndexStmt is DROP INDEX [IF EXISTS] name (ON t on MySQL).
type DropIndexStmt struct {
	Table    *Table
	Index    *Index
	IfExists bool
	Naming   NamingConvention
}

// An AlterAction is one change of an AlterTableStmt.
type AlterAction interface{ alterAction() }

// AddColumn adds a column.
type AddColumn struct{ Column *Column }

// DropColumn drops a column.
type DropColumn struct{ Name string }

// RenameColumn renames a column.
type RenameColumn struct{ From, To string }

// RenameTable renames the table.
type RenameTable struct{ To string }

// AddConstraint adds a constraint: *ForeignKeyConstraint, *UniqueConstraint,
// *CheckConstraint or *PrimaryKeyConstraint.
type AddConstraint struct{ Constraint TableItem }

// DropConstraint drops a named constraint. Kind is "pk", "fk", "uq" or "ck", which
// MySQL's syntax needs.
type DropConstraint struct{ Name, Kind string }

func (AddColumn) alterAction()      {}
func (DropColumn) alterAction()     {}
func (RenameColumn) alterAction()   {}
func (RenameTable) alterAction()    {}
func (AddConstraint) alterAction()  {}
func (DropConstraint) alterAction() {}

// AlterTableStmt is ALTER TABLE t action.
type AlterTableStmt struct {
	Table  *Table
	Action AlterAction
	Naming NamingConvention
}

// CreateSequenceStmt is CREATE SEQUENCE.
type CreateSequenceStmt struct {
	Sequence    *Sequence
	IfNotExists bool
}

// DropSequenceStmt is DROP SEQUENCE.
type DropSequenceStmt struct {
	Sequence *Sequence
	IfExists bool
}

// CreateViewStmt is CREATE [OR REPLACE] VIEW.
type CreateViewStmt struct {
	View      *View
	OrReplace bool
}

// DropViewStmt is DROP VIEW [IF EXISTS].
type DropViewStmt struct {
	View     *View
	IfExists bool
}

// CreateTableAsStmt is CREATE TABLE name AS query.
type CreateTableAsStmt struct {
	Schema, Name string
	Query        Stmt
	IfNotExists  bool
}

// CommentStmt is PostgreSQL's COMMENT ON TABLE t / COLUMN t.c IS '…' ("" removes it).
type CommentStmt struct {
	Table   *Table
	Column  string // "" for the table's comment
	Comment string
}

// CreateEnumStmt is PostgreSQL's CREATE TYPE name AS ENUM (…) for an enum type.
type CreateEnumStmt struct {
	Schema string
	Name   string
	Values []string
}

// DropEnumStmt is PostgreSQL's DROP TYPE [IF EXISTS] name.
type DropEnumStmt struct {
	Schema   string
	Name     string
	IfExists bool
}

// CreateTable returns CREATE TABLE t.
func CreateTable(t *Table) *CreateTableStmt { return &CreateTableStmt{Table: t} }

// DropTable returns DROP TABLE t.
func DropTable(t *Table) *DropTableStmt { return &DropTableStmt{Table: t} }

// ConstraintName returns the name a constraint or index gets on t under a naming
// convention: its own name, else the convention's, else "". kind is "pk", "fk",
// "uq", "ck" or "ix"; columns and refTable feed the template.
func ConstraintName(nc NamingConvention, kind, own string, t *Table, columns []string, refTable string) string {
	if own != "" || nc == nil || nc[kind] == "" {
		return own
	}
	tpl := nc[kind]
	col0 := ""
	if len(columns) > 0 {
		col0 = columns[0]
	}
	out := make([]byte, 0, len(tpl)+32)
	for i := 0; i < len(tpl); {
		if tpl[i] == '{' {
			end := i + 1
			for end < len(tpl) && tpl[end] != '}' {
				end++
			}
			if end < len(tpl) {
				switch tpl[i+1 : end] {
				case "table":
					out = append(out, t.Name...)
				case "column_0":
					out = append(out, col0...)
				case "columns":
					for j, c := range columns {
						if j > 0 {
							out = append(out, '_')
						}
						out = append(out, c...)
					}
				case "referred_table":
					out = append(out, refTable...)
				default:
					out = append(out, tpl[i:end+1]...)
				}
				i = end + 1
				continue
			}
		}
		out = append(out, tpl[i])
		i++
	}
	return string(out)
}

var errNoTable = errors.New("ast: DDL statement without a table")

// Validate checks that t's constraints and indexes name declared columns.
func (t *Table) Validate() error {
	if t == nil {
		return errNoTable
	}
	has := func(name string) bool { return t.Column(name) != nil }
	check := func(what string, cols []string) error {
		if len(cols) == 0 {
			return errors.New("ast: table " + t.Name + ": " + what + " has no columns")
		}
		for _, c := range cols {
			if !has(c) {
				return errors.New("ast: table " + t.Name + ": " + what + " names unknown column " + c)
			}
		}
		return nil
	}
	if t.PrimaryKey != nil {
		if err := check("primary key", t.PrimaryKey.Columns); err != nil {
			return err
		}
	}
	for _, f := range t.ForeignKeys {
		if err := check("foreign key", f.Columns); err != nil {
			return err
		}
		if len(f.RefColumns) != len(f.Columns) {
			return errors.New("ast: table " + t.Name + ": foreign key to " + f.RefTable + " has different column counts")
		}
	}
	for _, u := range t.Uniques {
		if err := check("unique constraint", u.Columns); err != nil {
			return err
		}
	}
	for _, ix := range t.Indexes {
		if len(ix.Columns) == 0 {
			return errors.New("ast: table " + t.Name + ": index " + ix.Name + " has no columns")
		}
		for _, p := range ix.Columns {
			if p.Expr == nil && !has(p.Column) {
				return errors.New("ast: table " + t.Name + ": index " + ix.Name + " names unknown column " + p.Column)
			}
		}
	}
	return nil
}

func (*CreateTableStmt) node()        {}
func (*DropTableStmt) node()          {}
func (*CreateIndexStmt) node()        {}
func (*DropIndexStmt) node()          {}
func (*AlterTableStmt) node()         {}
func (*CreateSequenceStmt) node()     {}
func (*DropSequenceStmt) node()       {}
func (*CreateViewStmt) node()         {}
func (*DropViewStmt) node()           {}
func (*CreateTableAsStmt) node()      {}
func (*CommentStmt) node()            {}
func (*CreateEnumStmt) node()         {}
func (*DropEnumStmt) node()           {}
func (*CreateTableStmt) stmtNode()    {}
func (*DropTableStmt) stmtNode()      {}
func (*CreateIndexStmt) stmtNode()    {}
func (*DropIndexStmt) stmtNode()      {}
func (*AlterTableStmt) stmtNode()     {}
func (*CreateSequenceStmt) stmtNode() {}
func (*DropSequenceStmt) stmtNode()   {}
func (*CreateViewStmt) stmtNode()     {}
func (*DropViewStmt) stmtNode()       {}
func (*CreateTableAsStmt) stmtNode()  {}
func (*CommentStmt) stmtNode()        {}
func (*CreateEnumStmt) stmtNode()     {}
func (*DropEnumStmt) stmtNode()       {}

func (*CreateTableStmt) Kind() Kind    { return KindCreateTable }
func (*DropTableStmt) Kind() Kind      { return KindDropTable }
func (*CreateIndexStmt) Kind() Kind    { return KindCreateIndex }
func (*DropIndexStmt) Kind() Kind      { return KindDropIndex }
func (*AlterTableStmt) Kind() Kind     { return KindAlterTable }
func (*CreateSequenceStmt) Kind() Kind { return KindCreateSequence }
func (*DropSequenceStmt) Kind() Kind   { return KindDropSequence }
func (*CreateViewStmt) Kind() Kind     { return KindCreateView }
func (*DropViewStmt) Kind() Kind       { return KindDropView }
func (*CreateTableAsStmt) Kind() Kind  { return KindCreateTableAs }
func (*CommentStmt) Kind() Kind        { return KindComment }
func (*CreateEnumStmt) Kind() Kind     { return KindCreateEnum }
func (*DropEnumStmt) Kind() Kind       { return KindDropEnum }

// DDL statements have no shape encoding: they are compiled each time.

func (x *CreateTableStmt) appendKey(k *KeyWriter)    { k.opaque(x, KindCreateTable) }
func (x *DropTableStmt) appendKey(k *KeyWriter)      { k.opaque(x, KindDropTable) }
func (x *CreateIndexStmt) appendKey(k *KeyWriter)    { k.opaque(x, KindCreateIndex) }
func (x *DropIndexStmt) appendKey(k *KeyWriter)      { k.opaque(x, KindDropIndex) }
func (x *AlterTableStmt) appendKey(k *KeyWriter)     { k.opaque(x, KindAlterTable) }
func (x *CreateSequenceStmt) appendKey(k *KeyWriter) { k.opaque(x, KindCreateSequence) }
func (x *DropSequenceStmt) appendKey(k *KeyWriter)   { k.opaque(x, KindDropSequence) }
func (x *CreateViewStmt) appendKey(k *KeyWriter)     { k.opaque(x, KindCreateView) }
func (x *DropViewStmt) appendKey(k *KeyWriter)       { k.opaque(x, KindDropView) }
func (x *CreateTableAsStmt) appendKey(k *KeyWriter)  { k.opaque(x, KindCreateTableAs) }
func (x *CommentStmt) appendKey(k *KeyWriter)        { k.opaque(x, KindComment) }
func (x *CreateEnumStmt) appendKey(k *KeyWriter)     { k.opaque(x, KindCreateEnum) }
func (x *DropEnumStmt) appendKey(k *KeyWriter)       { k.opaque(x, KindDropEnum) }
