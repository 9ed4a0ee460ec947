package compiler

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/types"
)

// Schema statements (DDL). The ANSI rules below write standard SQL as PostgreSQL
// accepts it and consult the dialect's DDLFeature bits; dialects override the rules
// whose spelling differs. A column definition and a table constraint are nodes of
// their own (ColumnDef, ConstraintDef), so that a dialect respells them in one rule
// for CREATE TABLE and ALTER TABLE alike.
//
// Every expression inside a schema statement (defaults, checks, generated columns,
// index expressions and predicates, view queries) is rendered with its values inline:
// servers take no bind parameters in DDL.

// The kinds of the parts of schema statements that dialects override.
var (
	KindColumnDef     = ast.MustNewKind("compiler.column definition")
	KindConstraintDef = ast.MustNewKind("compiler.constraint definition")
)

// A ColumnDef node is one column definition: in CREATE TABLE, ALTER TABLE … ADD
// COLUMN, and MySQL's MODIFY COLUMN. Rules build it; it never appears in a user's tree.
type ColumnDef struct {
	ast.Custom
	Table  *ast.Table           // the table the column belongs to, never nil
	Column *ast.Column          // checked by ValidateColumn
	Naming ast.NamingConvention // names for the column's inline constraints, or nil
	Alter  bool                 // in ALTER TABLE rather than CREATE TABLE
}

// NewColumnDef returns the definition node of col in t.
func NewColumnDef(t *ast.Table, col *ast.Column, nc ast.NamingConvention, alter bool) *ColumnDef {
	return &ColumnDef{Custom: ast.Custom{K: KindColumnDef}, Table: t, Column: col, Naming: nc, Alter: alter}
}

// NotNull reports whether the column is written NOT NULL: declared so, or part of the
// table's primary key.
func (d *ColumnDef) NotNull() bool {
	if d.Column.NotNull || d.Column.PrimaryKey {
		return true
	}
	for _, name := range d.Table.PrimaryKeyColumns() {
		if name == d.Column.Name {
			return true
		}
	}
	return false
}

// A ConstraintDef node is one table constraint with the name it is written under.
type ConstraintDef struct {
	ast.Custom
	Table *ast.Table    // the constrained table, never nil
	Type  string        // "pk", "fk", "uq" or "ck"
	Name  string        // final name (convention applied, shortened to the dialect's limit), or ""
	Item  ast.TableItem // *ast.PrimaryKeyConstraint, *ast.ForeignKeyConstraint, *ast.UniqueConstraint or *ast.CheckConstraint
}

// NewConstraintDef returns the definition node of a constraint of t named name.
func NewConstraintDef(t *ast.Table, typ, name string, item ast.TableItem) *ConstraintDef {
	return &ConstraintDef{Custom: ast.Custom{K: KindConstraintDef}, Table: t, Type: typ, Name: name, Item: item}
}

// A TableDef is a CREATE TABLE statement checked and resolved for rendering.
type TableDef struct {
	Stmt        *ast.CreateTableStmt
	Table       *ast.Table
	Constraints []*ConstraintDef // in writing order: primary key, unique, foreign keys, checks
}

func registerDDL(r *Rules) {
	r.Set(ast.KindCreateTable, RenderCreateTable)
	r.Set(ast.KindDropTable, renderDropTable)
	r.Set(ast.KindCreateIndex, RenderCreateIndex)
	r.Set(ast.KindDropIndex, RenderDropIndex)
	r.Set(ast.KindAlterTable, RenderAlterTable)
	r.Set(ast.KindCreateSequence, renderCreateSequence)
	r.Set(ast.KindDropSequence, renderDropSequence)
	r.Set(ast.KindCreateView, renderCreateView)
	r.Set(ast.KindDropView, renderDropView)
	r.Set(ast.KindCreateTableAs, renderCreateTableAs)
	r.Set(ast.KindComment, renderComment)
	r.Set(ast.KindCreateEnum, renderCreateEnum)
	r.Set(ast.KindDropEnum, renderDropEnum)
	r.Set(KindColumnDef, RenderColumnDef)
	r.Set(KindConstraintDef, RenderConstraintDef)
}

// DDLExpr renders e as schema statements need it: columns by their bare names and
// values inline.
func (c *Ctx) DDLExpr(e ast.Expr, prec int) {
	unq, flags := c.unqualified, c.flags
	c.unqualified = true
	if c.flags&Fingerprint == 0 {
		c.flags |= InlineLiterals
	}
	c.Expr(e, prec)
	c.unqualified, c.flags = unq, flags
}

// DDLQuery renders the query of a view or CREATE TABLE … AS with its values inline.
func (c *Ctx) DDLQuery(q ast.Stmt) {
	if q == nil {
		c.Failf("a view or CREATE TABLE … AS without a query")
		return
	}
	flags := c.flags
	if c.flags&Fingerprint == 0 {
		c.flags |= InlineLiterals
	}
	c.Node(q)
	c.flags = flags
}

// ShortName returns name, or when it is longer than the dialect allows, a prefix of it
// followed by "_" and 8 hex digits of the SHA-256 of the whole name: deterministic, and
// distinct for names that differ only past the cut.
func (c *Ctx) ShortName(name string) string {
	max := c.d.MaxIdentLen
	if max < 16 || len(name) <= max {
		return name
	}
	sum := sha256.Sum256([]byte(name))
	cut := max - 9
	for cut > 0 && !utf8.RuneStart(name[cut]) {
		cut--
	}
	return name[:cut] + "_" + hex.EncodeToString(sum[:4])
}

// ConstraintName returns the name a constraint or index of kind ("pk", "fk", "uq",
// "ck", "ix") is written under: its own, else the convention's (see
// ast.ConstraintName), shortened to the dialect's limit; "" when it has none.
func (c *Ctx) ConstraintName(nc ast.NamingConvention, kind, own string, t *ast.Table, columns []string, refTable string) string {
	return c.ShortName(ast.ConstraintName(nc, kind, own, t, columns, refTable))
}

// ValidateTable reports a table that no database could create as a *CompileError: no
// columns, unnamed or repeated columns, constraints naming unknown columns.
func (c *Ctx) ValidateTable(t *ast.Table) bool {
	if t == nil {
		c.Failf("a schema statement without a table")
		return false
	}
	if len(t.Columns) == 0 {
		c.Failf("table %s declares no columns", t.Name)
		return false
	}
	if err := t.Validate(); err != nil {
		c.Fail(&CompileError{Dialect: c.d.Name, Err: err})
		return false
	}
	for i, col := range t.Columns {
		if !c.ValidateColumn(t, col) {
			return false
		}
		for _, prev := range t.Columns[:i] {
			if prev.Name == col.Name {
				c.Failf("table %s declares column %s twice", t.Name, col.Name)
				return false
			}
		}
	}
	for _, k := range t.Checks {
		if k == nil || k.Expr == nil {
			c.Failf("table %s has a CHECK constraint without a condition", t.Name)
			return false
		}
		if !c.ValidRefs(t, k.Expr, "a CHECK constraint") {
			return false
		}
	}
	return true
}

// ValidateColumn reports contradictory column declarations as a *CompileError: a
// default on a generated or identity column, an identity that is not an integer.
func (c *Ctx) ValidateColumn(t *ast.Table, col *ast.Column) bool {
	if col == nil || col.Missing || col.Name == "" {
		c.Failf("table %s has a column without a name", t.Name)
		return false
	}
	numbered := col.AutoIncrement || col.Identity != nil
	if col.Computed != nil && col.Computed.Expr != nil && !c.ValidRefs(t, col.Computed.Expr, "generated column "+col.Name) {
		return false
	}
	switch {
	case types.Of(col.Type).Kind == types.Unknown:
		c.Failf("column %s.%s has no type", t.Name, col.Name)
	case col.Computed != nil && col.Computed.Expr == nil:
		c.Failf("generated column %s.%s has no expression", t.Name, col.Name)
	case col.Computed != nil && (col.Default != nil || numbered):
		c.Failf("column %s.%s is generated: it can have no default, identity or autoincrement", t.Name, col.Name)
	case numbered && col.Default != nil:
		c.Failf("column %s.%s is numbered by the database: it can have no default", t.Name, col.Name)
	case numbered && !types.Of(col.Type).Kind.IsInteger():
		c.Failf("column %s.%s is an identity or autoincrement column, so its type must be an integer, not %s",
			t.Name, col.Name, types.Of(col.Type))
	default:
		return true
	}
	return false
}

// ResolveTable checks a CREATE TABLE statement and resolves its constraints: the
// primary key, UNIQUE constraints of single columns then of the table's, foreign keys
// (less those the statement omits), and checks, each with its final name.
func (c *Ctx) ResolveTable(s *ast.CreateTableStmt) (*TableDef, bool) {
	t := s.Table
	if t == nil {
		c.Failf("CREATE TABLE without a table")
		return nil, false
	}
	if !c.ValidateTable(t) || !c.validOptions(t) {
		return nil, false
	}
	td := &TableDef{Stmt: s, Table: t}
	nc := s.Naming
	add := func(typ, name string, item ast.TableItem) {
		td.Constraints = append(td.Constraints, NewConstraintDef(t, typ, name, item))
	}
	if cols := t.PrimaryKeyColumns(); len(cols) > 0 {
		pk := t.PrimaryKey
		if pk == nil {
			pk = &ast.PrimaryKeyConstraint{Columns: cols}
		}
		add("pk", c.ConstraintName(nc, "pk", pk.Name, t, cols, ""), pk)
	}
	for _, col := range t.Columns {
		if col.Unique {
			u := &ast.UniqueConstraint{Columns: []string{col.Name}}
			add("uq", c.ConstraintName(nc, "uq", "", t, u.Columns, ""), u)
		}
	}
	for _, u := range t.Uniques {
		add("uq", c.ConstraintName(nc, "uq", u.Name, t, u.Columns, ""), u)
	}
	for _, f := range t.ForeignKeys {
		full := ast.ConstraintName(nc, "fk", f.Name, t, f.Columns, f.RefTable)
		name := c.ShortName(full)
		// schema.CreatePlan names the foreign keys it defers with the convention, or
		// the default convention's name when the convention has none for "fk".
		fallback := ast.ConstraintName(ast.DefaultNaming, "fk", f.Name, t, f.Columns, f.RefTable)
		omit := false
		for _, o := range s.OmitForeignKeys {
			omit = omit || o != "" && (o == full || o == name || o == fallback || o == c.ShortName(fallback))
		}
		if !omit {
			add("fk", name, f)
		}
	}
	for _, k := range t.Checks {
		add("ck", c.ConstraintName(nc, "ck", k.Name, t, NameColumns(k.Expr), ""), k)
	}
	return td, true
}

// validOptions refuses table options meant for every dialect that no rule knows.
func (c *Ctx) validOptions(t *ast.Table) bool {
	for _, o := range t.Options {
		if o.Dialect == "" && o.Name != "comment" {
			c.Failf("table %s: unknown table option %q (dialect-specific options name their dialect)", t.Name, o.Name)
			return false
		}
	}
	return true
}

// DialectOptions returns t's options meant for any of the named dialects, in order;
// an option given for a later name replaces one of the same name given for an earlier.
func DialectOptions(t *ast.Table, dialects ...string) []ast.TableOption {
	var out []ast.TableOption
	for _, d := range dialects {
		for _, o := range t.Options {
			if o.Dialect != d || d == "" {
				continue
			}
			replaced := false
			for i := range out {
				if strings.EqualFold(out[i].Name, o.Name) {
					out[i], replaced = o, true
				}
			}
			if !replaced {
				out = append(out, o)
			}
		}
	}
	return out
}

// NameColumns returns what a naming convention's {column_0} and {columns} stand for
// in a name derived from expression e: the columns it refers to, or, for an
// expression without column references (raw text), "expr_" and 8 hex digits of a hash
// of its shape, so that names are never left dangling ("ck_users_") and stay
// deterministic.
func NameColumns(e ast.Expr) []string {
	if cols := CheckColumns(e); len(cols) > 0 {
		return cols
	}
	var k ast.KeyWriter
	k.Root(e)
	sum := sha256.Sum256(k.Buf)
	return []string{"expr_" + hex.EncodeToString(sum[:4])}
}

// CheckColumns returns the names of the columns e refers to, in order of first
// appearance: the {column_0} of a CHECK constraint's conventional name.
func CheckColumns(e ast.Expr) []string {
	var out []string
	walkColumns(e, func(col *ast.Column) {
		for _, n := range out {
			if n == col.Name {
				return
			}
		}
		out = append(out, col.Name)
	})
	return out
}

// walkColumns calls f for each column reference in e, not looking inside subqueries.
func walkColumns(e ast.Expr, f func(*ast.Column)) {
	switch x := e.(type) {
	case nil:
	case *ast.Column:
		f(x)
	case *ast.Label:
		walkColumns(x.X, f)
	case *ast.Unary:
		walkColumns(x.X, f)
	case *ast.Binary:
		walkColumns(x.L, f)
		walkColumns(x.R, f)
	case *ast.Bool:
		for _, it := range x.Items {
			walkColumns(it, f)
		}
	case *ast.LikeExpr:
		walkColumns(x.X, f)
		walkColumns(x.Pattern, f)
	case *ast.BetweenExpr:
		walkColumns(x.X, f)
		walkColumns(x.Lo, f)
		walkColumns(x.Hi, f)
	case *ast.InExpr:
		walkColumns(x.X, f)
		for _, it := range x.List {
			walkColumns(it, f)
		}
	case *ast.Func:
		for _, a := range x.Args {
			walkColumns(a, f)
		}
	case *ast.CastExpr:
		walkColumns(x.X, f)
	case *ast.CollateExpr:
		walkColumns(x.X, f)
	case *ast.ExtractExpr:
		walkColumns(x.X, f)
	case *ast.TupleExpr:
		for _, it := range x.Items {
			walkColumns(it, f)
		}
	case *ast.CaseExpr:
		walkColumns(x.Operand, f)
		for _, w := range x.Whens {
			walkColumns(w.Cond, f)
			walkColumns(w.Result, f)
		}
		walkColumns(x.Else, f)
	case ast.Parent:
		for _, ch := range x.Children() {
			if e, ok := ch.(ast.Expr); ok {
				walkColumns(e, f)
			}
		}
	}
}

// ValidRefs reports, as a *CompileError, an expression of t's schema (a check, a
// generated column, an index expression or predicate) that refers to a column of
// another table, or by bare name to a column t does not declare: schema expressions
// are written with bare column names, so either would silently mean something else.
func (c *Ctx) ValidRefs(t *ast.Table, e ast.Expr, what string) bool {
	ok := true
	walkColumns(e, func(col *ast.Column) {
		switch {
		case !ok || col.Missing: // the column rule reports it
		case col.From != nil && !sameFrom(col.From, t):
			c.Failf("%s of table %s refers to %s.%s", what, t.Name, describeFrom(col.From), col.Name)
			ok = false
		case col.From == nil && len(t.Columns) > 0 && t.Column(col.Name) == nil:
			c.Failf("%s of table %s refers to unknown column %s", what, t.Name, col.Name)
			ok = false
		}
	})
	return ok
}

// RenderCreateTable is the ANSI rule for CREATE TABLE: column definitions, then table
// constraints. Indexes are separate CREATE INDEX statements, and comments separate
// COMMENT ON statements where the dialect has them.
func RenderCreateTable(c *Ctx, n ast.Node) {
	td, ok := c.ResolveTable(n.(*ast.CreateTableStmt))
	if !ok {
		return
	}
	for _, o := range DialectOptions(td.Table, c.d.Name) {
		c.Unsupported("table option "+o.Name, "")
		return
	}
	c.CreateTableHead(td)
	c.TableElements(td)
	c.buf = append(c.buf, ')')
}

// CreateTableHead writes "CREATE TABLE [IF NOT EXISTS] name (".
func (c *Ctx) CreateTableHead(td *TableDef) {
	c.Write("CREATE TABLE ")
	if td.Stmt.IfNotExists {
		c.Write("IF NOT EXISTS ")
	}
	c.QualifiedName(td.Table.Schema, td.Table.Name)
	c.Write(" (")
}

// TableElements writes the column definitions and then the constraints of td,
// separated by commas.
func (c *Ctx) TableElements(td *TableDef) {
	for i, col := range td.Table.Columns {
		if i > 0 {
			c.Write(", ")
		}
		c.Node(NewColumnDef(td.Table, col, td.Stmt.Naming, false))
	}
	for _, k := range td.Constraints {
		c.Write(", ")
		c.Node(k)
	}
}

// RenderColumnDef is the ANSI rule for a column definition:
//
//	name type [COLLATE c] [GENERATED ALWAYS AS (expr) STORED|VIRTUAL] [DEFAULT x]
//	[NOT NULL] [GENERATED … AS IDENTITY] [CONSTRAINT ck CHECK (name IN (…))] [COMMENT '…']
//
// An enum without a named type (or on a dialect without them) is a string column
// whose values a CHECK constraint keeps. Autoincrement is an identity column numbered
// BY DEFAULT, so that explicit values are still accepted, as they are elsewhere.
func RenderColumnDef(c *Ctx, n ast.Node) {
	d := n.(*ColumnDef)
	col := d.Column
	c.Ident(col.Name)
	c.buf = append(c.buf, ' ')
	enumCheck := c.ColumnType(col.Type)
	c.CollateClause(col.Collation)
	if col.Computed != nil {
		c.GeneratedClause(col.Computed)
	}
	if col.Default != nil {
		c.Write(" DEFAULT ")
		c.DefaultValue(col, DefaultBare)
	}
	if d.NotNull() {
		c.Write(" NOT NULL")
	}
	if col.AutoIncrement || col.Identity != nil {
		if !c.HasDDL(IdentityColumns) {
			c.Unsupported("identity columns", "")
			return
		}
		c.IdentityClause(col)
	}
	if enumCheck {
		c.EnumCheck(d)
	}
	if col.Comment != "" && c.HasDDL(InlineComments) {
		c.Write(" COMMENT ")
		c.RawLiteral(col.Comment)
	}
}

// ColumnType writes the DDL name of t: the named type of an enum where the dialect has
// NamedEnums, else the dialect's TypeName. It reports whether t is an enum that the
// dialect spelled as a string type without its values, for the rule to add EnumCheck.
func (c *Ctx) ColumnType(t *types.Type) (enumCheck bool) {
	b := types.Of(t)
	if b.Kind == types.EnumKind && b.Name != "" && c.HasDDL(NamedEnums) {
		c.Ident(b.Name)
		return false
	}
	if b.Kind == types.Array && b.Elem != nil && b.Elem.Kind == types.EnumKind && b.Elem.Name != "" && c.HasDDL(NamedEnums) {
		c.Ident(b.Elem.Name) // an array of a named enum: mood[]
		c.Write("[]")
		return false
	}
	name, err := c.d.TypeName(t, false)
	if err != nil {
		c.Fail(&UnsupportedError{Dialect: c.d.Name, Construct: "column type " + b.String(), Hint: err.Error()})
		return false
	}
	c.Write(name)
	if b.Kind == types.EnumKind && len(b.Values) == 0 {
		c.Failf("enum type %q has no values", b.Name)
	}
	return b.Kind == types.EnumKind
}

// CollateClause writes " COLLATE name" when name is not empty.
func (c *Ctx) CollateClause(name string) {
	if name != "" {
		c.Write(" COLLATE ")
		c.Ident(name)
	}
}

// GeneratedClause writes " GENERATED ALWAYS AS (expr) STORED|VIRTUAL".
func (c *Ctx) GeneratedClause(x *ast.Computed) {
	if !c.HasDDL(ComputedColumns) {
		c.Unsupported("generated columns", "")
		return
	}
	c.Write(" GENERATED ALWAYS AS (")
	c.DDLExpr(x.Expr, ast.PrecLowest+1)
	if x.Stored {
		c.Write(") STORED")
	} else {
		c.Write(") VIRTUAL")
	}
}

// IdentityClause writes " GENERATED ALWAYS|BY DEFAULT AS IDENTITY [(START WITH n
// INCREMENT BY m)]" for an identity or autoincrement column.
func (c *Ctx) IdentityClause(col *ast.Column) {
	id := col.Identity
	if id == nil {
		id = &ast.Identity{}
	}
	if id.Always {
		c.Write(" GENERATED ALWAYS AS IDENTITY")
	} else {
		c.Write(" GENERATED BY DEFAULT AS IDENTITY")
	}
	if id.Start == 0 && id.Increment == 0 {
		return
	}
	c.Write(" (")
	if id.Start != 0 {
		c.Write("START WITH ")
		c.buf = strconv.AppendInt(c.buf, id.Start, 10)
		if id.Increment != 0 {
			c.buf = append(c.buf, ' ')
		}
	}
	if id.Increment != 0 {
		c.Write("INCREMENT BY ")
		c.buf = strconv.AppendInt(c.buf, id.Increment, 10)
	}
	c.buf = append(c.buf, ')')
}

// A DefaultStyle says how DefaultValue writes a column default.
type DefaultStyle uint8

// The default styles.
const (
	// DefaultBare writes the value as it is, parenthesised only when it is not atomic
	// (PostgreSQL's DEFAULT takes a restricted expression).
	DefaultBare DefaultStyle = iota
	// DefaultParenExpr puts expressions in parentheses and leaves literals and the
	// CURRENT_TIMESTAMP, CURRENT_DATE and CURRENT_TIME keywords bare (SQLite, MySQL).
	DefaultParenExpr
	// DefaultParenAll puts every value in parentheses (MySQL's TEXT, BLOB and JSON
	// columns take only expression defaults).
	DefaultParenAll
)

// IsLiteralDefault reports whether a column default is a value rather than an
// expression: a literal or a parameter holding a value.
func IsLiteralDefault(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Literal:
		return true
	case *ast.BindParam:
		return !x.Deferred && !x.Expanding
	}
	return false
}

// DefaultValue writes col's default (without the DEFAULT keyword). Values are written
// as literals of the column's type, negative numbers without the parentheses that
// guard them in expressions.
func (c *Ctx) DefaultValue(col *ast.Column, style DefaultStyle) {
	e := col.Default
	if IsLiteralDefault(e) {
		if style == DefaultParenAll {
			c.buf = append(c.buf, '(')
		}
		c.defaultLiteral(e, col.Type)
		if style == DefaultParenAll {
			c.buf = append(c.buf, ')')
		}
		return
	}
	if style == DefaultBare {
		c.DDLExpr(e, ast.PrecAtom)
		return
	}
	start := len(c.buf)
	c.buf = append(c.buf, '(')
	c.DDLExpr(e, ast.PrecLowest+1)
	c.buf = append(c.buf, ')')
	if c.err != nil || style == DefaultParenAll {
		return
	}
	switch strings.ToUpper(string(c.buf[start+1 : len(c.buf)-1])) {
	case "CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME":
		copy(c.buf[start:], c.buf[start+1:len(c.buf)-1])
		c.buf = c.buf[:len(c.buf)-2]
	}
}

func (c *Ctx) defaultLiteral(e ast.Expr, colType *types.Type) {
	var v any
	var t *types.Type
	switch x := e.(type) {
	case *ast.Literal:
		v, t = x.Value, x.Type
	case *ast.BindParam:
		v, t = x.Value, x.Type
	}
	if colType != nil && colType.Kind != types.Unknown {
		t = colType
	}
	if c.flags&Fingerprint != 0 {
		c.buf = append(c.buf, '?')
		return
	}
	start := len(c.buf)
	b, err := c.d.AppendLiteral(c.buf, v, t)
	if err != nil {
		c.Fail(&CompileError{Dialect: c.d.Name, Msg: "cannot render the column default", Err: err})
		return
	}
	c.buf = b
	if w := c.buf[start:]; len(w) > 3 && w[0] == '(' && w[1] == '-' && w[len(w)-1] == ')' {
		copy(w, w[1:len(w)-1])
		c.buf = c.buf[:len(c.buf)-2]
	}
}

// EnumCheck writes " CONSTRAINT name CHECK (col IN ('a', …))" for an enum column
// spelled as a string type. The name is the "ck" convention's for the column, or
// ck_<table>_<column>_enum.
func (c *Ctx) EnumCheck(d *ColumnDef) {
	col := d.Column
	name := ast.ConstraintName(d.Naming, "ck", "", d.Table, []string{col.Name}, "")
	if name == "" {
		name = "ck_" + d.Table.Name + "_" + col.Name + "_enum"
	}
	c.Write(" CONSTRAINT ")
	c.Ident(c.ShortName(name))
	c.Write(" CHECK (")
	c.Ident(col.Name)
	c.Write(" IN (")
	for i, v := range types.Of(col.Type).Values {
		if i > 0 {
			c.Write(", ")
		}
		c.RawLiteral(v)
	}
	c.Write("))")
}

// RenderConstraintDef is the ANSI rule for a table constraint:
//
//	[CONSTRAINT name] PRIMARY KEY (…) | UNIQUE (…) | CHECK (…)
//	| FOREIGN KEY (…) REFERENCES t (…) [ON DELETE a] [ON UPDATE a] [DEFERRABLE [INITIALLY DEFERRED]]
func RenderConstraintDef(c *Ctx, n ast.Node) {
	k := n.(*ConstraintDef)
	if k.Name != "" {
		c.Write("CONSTRAINT ")
		c.Ident(k.Name)
		c.buf = append(c.buf, ' ')
	}
	switch x := k.Item.(type) {
	case *ast.PrimaryKeyConstraint:
		c.Write("PRIMARY KEY (")
		c.IdentList(x.Columns)
		c.buf = append(c.buf, ')')
	case *ast.UniqueConstraint:
		c.Write("UNIQUE (")
		c.IdentList(x.Columns)
		c.buf = append(c.buf, ')')
	case *ast.CheckConstraint:
		c.Write("CHECK (")
		c.DDLExpr(x.Expr, ast.PrecLowest+1)
		c.buf = append(c.buf, ')')
	case *ast.ForeignKeyConstraint:
		schema := x.RefSchema
		if schema == "" {
			schema = k.Table.Schema
		}
		c.ForeignKeyBody(schema, x)
	default:
		c.Failf("%T is not a table constraint", k.Item)
	}
}

// ForeignKeyBody writes FOREIGN KEY (…) REFERENCES [refSchema.]t (…) and the actions.
// The ANSI rule passes the constrained table's schema when f names none.
func (c *Ctx) ForeignKeyBody(refSchema string, f *ast.ForeignKeyConstraint) {
	if f.RefTable == "" {
		c.Failf("foreign key without a referenced table")
		return
	}
	c.Write("FOREIGN KEY (")
	c.IdentList(f.Columns)
	c.Write(") REFERENCES ")
	c.QualifiedName(refSchema, f.RefTable)
	c.Write(" (")
	c.IdentList(f.RefColumns)
	c.buf = append(c.buf, ')')
	if f.OnDelete != ast.NoAction {
		c.Write(" ON DELETE ")
		c.Write(f.OnDelete.String())
	}
	if f.OnUpdate != ast.NoAction {
		c.Write(" ON UPDATE ")
		c.Write(f.OnUpdate.String())
	}
	if f.Deferrable || f.InitiallyDeferred {
		if !c.HasDDL(DeferrableFKs) {
			c.Unsupported("DEFERRABLE foreign keys", "the server checks foreign keys at once")
			return
		}
		c.Write(" DEFERRABLE")
		if f.InitiallyDeferred {
			c.Write(" INITIALLY DEFERRED")
		}
	}
}

// IdentList writes names as identifiers separated by ", ".
func (c *Ctx) IdentList(names []string) {
	for i, name := range names {
		if i > 0 {
			c.Write(", ")
		}
		c.Ident(name)
	}
}

// ResolveConstraint checks a constraint added by ALTER TABLE against t and names it by
// the convention; it returns nil after recording the error.
func (c *Ctx) ResolveConstraint(t *ast.Table, item ast.TableItem, nc ast.NamingConvention) *ConstraintDef {
	var typ, own, ref string
	var cols []string
	switch x := item.(type) {
	case *ast.PrimaryKeyConstraint:
		typ, own, cols = "pk", x.Name, x.Columns
	case *ast.UniqueConstraint:
		typ, own, cols = "uq", x.Name, x.Columns
	case *ast.ForeignKeyConstraint:
		typ, own, cols, ref = "fk", x.Name, x.Columns, x.RefTable
		if len(x.RefColumns) != len(x.Columns) {
			c.Failf("table %s: foreign key to %s has different column counts", t.Name, x.RefTable)
			return nil
		}
	case *ast.CheckConstraint:
		if x.Expr == nil {
			c.Failf("table %s: CHECK constraint without a condition", t.Name)
			return nil
		}
		if !c.ValidRefs(t, x.Expr, "a CHECK constraint") {
			return nil
		}
		typ, own, cols = "ck", x.Name, NameColumns(x.Expr)
	default:
		c.Failf("ALTER TABLE … ADD CONSTRAINT takes a primary key, foreign key, unique or check constraint, not %T", item)
		return nil
	}
	if typ != "ck" {
		if len(cols) == 0 {
			c.Failf("table %s: constraint has no columns", t.Name)
			return nil
		}
		for _, col := range cols {
			if len(t.Columns) > 0 && t.Column(col) == nil {
				c.Failf("table %s: constraint names unknown column %s", t.Name, col)
				return nil
			}
		}
	}
	return NewConstraintDef(t, typ, c.ConstraintName(nc, typ, own, t, cols, ref), item)
}

// AlterAction returns a's value form: actions are accepted as values or pointers.
func AlterAction(a ast.AlterAction) ast.AlterAction {
	switch x := a.(type) {
	case *ast.AddColumn:
		if x != nil {
			return *x
		}
	case *ast.DropColumn:
		if x != nil {
			return *x
		}
	case *ast.RenameColumn:
		if x != nil {
			return *x
		}
	case *ast.RenameTable:
		if x != nil {
			return *x
		}
	case *ast.AddConstraint:
		if x != nil {
			return *x
		}
	case *ast.DropConstraint:
		if x != nil {
			return *x
		}
	default:
		return a
	}
	return nil
}

// AlterHead checks an ALTER TABLE statement's table and action and writes
// "ALTER TABLE name ". It returns the action in value form, or nil after an error.
func (c *Ctx) AlterHead(s *ast.AlterTableStmt) ast.AlterAction {
	if s.Table == nil {
		c.Failf("ALTER TABLE without a table")
		return nil
	}
	a := AlterAction(s.Action)
	switch x := a.(type) {
	case nil:
		c.Failf("ALTER TABLE %s without an action", s.Table.Name)
		return nil
	case ast.AddColumn:
		if x.Column == nil || !c.ValidateColumn(s.Table, x.Column) {
			if c.err == nil {
				c.Failf("ALTER TABLE %s ADD COLUMN without a column", s.Table.Name)
			}
			return nil
		}
	case ast.DropColumn:
		if x.Name == "" {
			c.Failf("ALTER TABLE %s DROP COLUMN without a name", s.Table.Name)
			return nil
		}
	case ast.RenameColumn:
		if x.From == "" || x.To == "" {
			c.Failf("ALTER TABLE %s RENAME COLUMN needs both names", s.Table.Name)
			return nil
		}
	case ast.RenameTable:
		if x.To == "" {
			c.Failf("ALTER TABLE %s RENAME TO without a name", s.Table.Name)
			return nil
		}
	case ast.AddConstraint:
		if x.Constraint == nil {
			c.Failf("ALTER TABLE %s ADD CONSTRAINT without a constraint", s.Table.Name)
			return nil
		}
	case ast.DropConstraint:
		if x.Name == "" {
			c.Failf("ALTER TABLE %s DROP CONSTRAINT without a name", s.Table.Name)
			return nil
		}
		switch x.Kind {
		case "", "pk", "fk", "uq", "ck":
		default:
			c.Failf("DROP CONSTRAINT kind %q is not pk, fk, uq or ck", x.Kind)
			return nil
		}
	}
	c.Write("ALTER TABLE ")
	c.QualifiedName(s.Table.Schema, s.Table.Name)
	c.buf = append(c.buf, ' ')
	return a
}

// RenderAlterTable is the ANSI rule for ALTER TABLE with one action. ADD COLUMN of a
// primary key or unique column adds its constraint in the same statement.
func RenderAlterTable(c *Ctx, n ast.Node) {
	s := n.(*ast.AlterTableStmt)
	a := c.AlterHead(s)
	switch x := a.(type) {
	case ast.AddColumn:
		c.AddColumn(s, x.Column)
	case ast.DropColumn:
		c.Write("DROP COLUMN ")
		c.Ident(x.Name)
	case ast.RenameColumn:
		c.Write("RENAME COLUMN ")
		c.Ident(x.From)
		c.Write(" TO ")
		c.Ident(x.To)
	case ast.RenameTable:
		c.Write("RENAME TO ")
		c.Ident(x.To)
	case ast.AddConstraint:
		k := c.ResolveConstraint(s.Table, x.Constraint, s.Naming)
		if k == nil {
			return
		}
		if !c.HasDDL(AlterAddConstraint) {
			c.Unsupported("ALTER TABLE … ADD CONSTRAINT", "declare the constraint in CREATE TABLE")
			return
		}
		c.Write("ADD ")
		c.Node(k)
	case ast.DropConstraint:
		if !c.HasDDL(AlterDropConstraint) {
			c.Unsupported("ALTER TABLE … DROP CONSTRAINT", "recreate the table without the constraint")
			return
		}
		c.Write("DROP CONSTRAINT ")
		c.Ident(x.Name)
	}
}

// AddColumn writes "ADD COLUMN definition", then ", ADD CONSTRAINT …" for the
// column's primary key or UNIQUE.
func (c *Ctx) AddColumn(s *ast.AlterTableStmt, col *ast.Column) {
	c.Write("ADD COLUMN ")
	c.Node(NewColumnDef(s.Table, col, s.Naming, true))
	add := func(item ast.TableItem) {
		if !c.HasDDL(AlterAddConstraint) {
			c.Unsupported("ADD COLUMN of a primary key or unique column", "declare the column in CREATE TABLE")
			return
		}
		c.Write(", ADD ")
		typ := "pk"
		if _, ok := item.(*ast.UniqueConstraint); ok {
			typ = "uq"
		}
		c.Node(NewConstraintDef(s.Table, typ, c.ConstraintName(s.Naming, typ, "", s.Table, []string{col.Name}, ""), item))
	}
	if col.PrimaryKey {
		add(&ast.PrimaryKeyConstraint{Columns: []string{col.Name}})
	}
	if col.Unique {
		add(&ast.UniqueConstraint{Columns: []string{col.Name}})
	}
}

func renderDropTable(c *Ctx, n ast.Node) {
	s := n.(*ast.DropTableStmt)
	if s.Table == nil {
		c.Failf("DROP TABLE without a table")
		return
	}
	c.Write("DROP TABLE ")
	if s.IfExists {
		c.Write("IF EXISTS ")
	}
	c.QualifiedName(s.Table.Schema, s.Table.Name)
}

// ResolveIndex checks an index of t and returns its name: its own or the "ix"
// convention's, shortened to the dialect's limit.
func (c *Ctx) ResolveIndex(t *ast.Table, ix *ast.Index, nc ast.NamingConvention) (string, bool) {
	if t == nil {
		c.Failf("an index statement without a table")
		return "", false
	}
	if ix == nil {
		c.Failf("an index statement on %s without an index", t.Name)
		return "", false
	}
	var cols []string
	for _, p := range ix.Columns {
		switch {
		case p.Column != "":
			cols = append(cols, p.Column)
		case p.Expr != nil:
			for _, n := range NameColumns(p.Expr) {
				if !slices.Contains(cols, n) {
					cols = append(cols, n)
				}
			}
		}
	}
	name := c.ConstraintName(nc, "ix", ix.Name, t, cols, "")
	if name == "" {
		c.Failf("an index on %s has no name (give it one, or a naming convention with \"ix\")", t.Name)
		return "", false
	}
	return name, true
}

// ValidateIndexParts checks that ix indexes something, and only columns t declares.
func (c *Ctx) ValidateIndexParts(t *ast.Table, ix *ast.Index) bool {
	if len(ix.Columns) == 0 {
		c.Failf("index on %s has no columns", t.Name)
		return false
	}
	for _, p := range ix.Columns {
		switch {
		case p.Column == "" && p.Expr == nil:
			c.Failf("index on %s has a part with neither a column nor an expression", t.Name)
			return false
		case p.Column != "" && p.Expr != nil:
			c.Failf("index on %s has a part with both a column and an expression", t.Name)
			return false
		case p.Column != "" && len(t.Columns) > 0 && t.Column(p.Column) == nil:
			c.Failf("index on %s names unknown column %s", t.Name, p.Column)
			return false
		case p.Length < 0:
			c.Failf("index on %s has a negative prefix length", t.Name)
			return false
		case p.Expr != nil && !c.ValidRefs(t, p.Expr, "an index expression"):
			return false
		}
	}
	return ix.Where == nil || c.ValidRefs(t, ix.Where, "an index predicate")
}

// RenderCreateIndex is the ANSI rule for CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON
// t [USING method] (parts) [WHERE predicate]. Prefix lengths are MySQL's: elsewhere
// the whole column is indexed.
func RenderCreateIndex(c *Ctx, n ast.Node) {
	s := n.(*ast.CreateIndexStmt)
	name, ok := c.ResolveIndex(s.Table, s.Index, s.Naming)
	if !ok || !c.ValidateIndexParts(s.Table, s.Index) {
		return
	}
	ix := s.Index
	c.CreateIndexHead(s, name, false)
	c.QualifiedName(s.Table.Schema, s.Table.Name)
	if ix.Using != "" {
		if !validWord(ix.Using) {
			c.Failf("index method %q is not a name", ix.Using)
			return
		}
		c.Write(" USING ")
		c.Write(strings.ToLower(ix.Using))
	}
	c.IndexParts(ix, false)
	c.IndexWhere(ix)
}

// CreateIndexHead writes "CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON ", the name
// qualified by the table's schema when qualify is set (SQLite).
func (c *Ctx) CreateIndexHead(s *ast.CreateIndexStmt, name string, qualify bool) {
	c.Write("CREATE ")
	if s.Index.Unique {
		c.Write("UNIQUE ")
	}
	c.Write("INDEX ")
	if s.IfNotExists {
		if !c.HasDDL(IfNotExistsIndex) {
			c.Unsupported("CREATE INDEX IF NOT EXISTS", "")
			return
		}
		c.Write("IF NOT EXISTS ")
	}
	if qualify {
		c.QualifiedName(s.Table.Schema, name)
	} else {
		c.Ident(name)
	}
	c.Write(" ON ")
}

// IndexParts writes " (part, …)": columns (with MySQL prefix lengths when prefix is
// set) and expressions in parentheses, each DESC where it says so.
func (c *Ctx) IndexParts(ix *ast.Index, prefix bool) {
	c.Write(" (")
	for i, p := range ix.Columns {
		if i > 0 {
			c.Write(", ")
		}
		if p.Expr != nil {
			if !c.HasDDL(ExpressionIndexes) {
				c.Unsupported("indexes on expressions", "index a generated column instead")
				return
			}
			c.buf = append(c.buf, '(')
			c.DDLExpr(p.Expr, ast.PrecLowest+1)
			c.buf = append(c.buf, ')')
		} else {
			c.Ident(p.Column)
			if prefix && p.Length > 0 {
				c.buf = append(c.buf, '(')
				c.Int(p.Length)
				c.buf = append(c.buf, ')')
			}
		}
		if p.Desc {
			c.Write(" DESC")
		}
	}
	c.buf = append(c.buf, ')')
}

// IndexWhere writes " WHERE predicate" for a partial index.
func (c *Ctx) IndexWhere(ix *ast.Index) {
	if ix.Where == nil {
		return
	}
	if !c.HasDDL(PartialIndexes) {
		c.Unsupported("partial indexes (CREATE INDEX … WHERE)", "")
		return
	}
	c.Write(" WHERE ")
	c.DDLExpr(ix.Where, ast.PrecLowest+1)
}

// RenderDropIndex is the ANSI rule for DROP INDEX [IF EXISTS] name, the name qualified
// by the table's schema.
func RenderDropIndex(c *Ctx, n ast.Node) {
	s := n.(*ast.DropIndexStmt)
	name, schema, ok := c.dropIndexName(s)
	if !ok {
		return
	}
	c.Write("DROP INDEX ")
	if s.IfExists {
		c.Write("IF EXISTS ")
	}
	c.QualifiedName(schema, name)
}

func (c *Ctx) dropIndexName(s *ast.DropIndexStmt) (name, schema string, ok bool) {
	if s.Index == nil {
		c.Failf("DROP INDEX without an index")
		return "", "", false
	}
	if s.Table == nil {
		if s.Index.Name == "" {
			c.Failf("DROP INDEX of an unnamed index needs its table for the naming convention")
			return "", "", false
		}
		return c.ShortName(s.Index.Name), "", true
	}
	name, ok = c.ResolveIndex(s.Table, s.Index, s.Naming)
	return name, s.Table.Schema, ok
}

func validWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		ch := s[i] | 0x20
		if !('a' <= ch && ch <= 'z' || s[i] == '_' || i > 0 && '0' <= s[i] && s[i] <= '9') {
			return false
		}
	}
	return true
}

func renderCreateSequence(c *Ctx, n ast.Node) {
	s := n.(*ast.CreateSequenceStmt)
	if s.Sequence == nil {
		c.Failf("CREATE SEQUENCE without a sequence")
		return
	}
	if !c.HasDDL(DDLSequences) {
		c.Unsupported("sequences", "use an autoincrement column")
		return
	}
	q := s.Sequence
	c.Write("CREATE SEQUENCE ")
	if s.IfNotExists {
		c.Write("IF NOT EXISTS ")
	}
	c.QualifiedName(q.Schema, q.Name)
	opt := func(kw string, v int64) {
		if v != 0 {
			c.buf = append(c.buf, ' ')
			c.Write(kw)
			c.buf = append(c.buf, ' ')
			c.buf = strconv.AppendInt(c.buf, v, 10)
		}
	}
	opt("INCREMENT BY", q.Increment)
	opt("MINVALUE", q.MinValue)
	opt("MAXVALUE", q.MaxValue)
	opt("START WITH", q.Start)
	opt("CACHE", q.Cache)
	if q.Cycle {
		c.Write(" CYCLE")
	}
}

func renderDropSequence(c *Ctx, n ast.Node) {
	s := n.(*ast.DropSequenceStmt)
	if s.Sequence == nil {
		c.Failf("DROP SEQUENCE without a sequence")
		return
	}
	if !c.HasDDL(DDLSequences) {
		c.Unsupported("sequences", "")
		return
	}
	c.Write("DROP SEQUENCE ")
	if s.IfExists {
		c.Write("IF EXISTS ")
	}
	c.QualifiedName(s.Sequence.Schema, s.Sequence.Name)
}

func renderCreateView(c *Ctx, n ast.Node) {
	s := n.(*ast.CreateViewStmt)
	if s.View == nil || s.View.Query == nil {
		c.Failf("CREATE VIEW without a view and its query")
		return
	}
	c.Write("CREATE ")
	if s.OrReplace {
		if !c.HasDDL(OrReplaceView) {
			c.Unsupported("CREATE OR REPLACE VIEW", "drop the view first with DROP VIEW IF EXISTS")
			return
		}
		c.Write("OR REPLACE ")
	}
	c.Write("VIEW ")
	c.QualifiedName(s.View.Schema, s.View.Name)
	if len(s.View.Columns) > 0 {
		c.Write(" (")
		c.IdentList(s.View.Columns)
		c.buf = append(c.buf, ')')
	}
	c.Write(" AS ")
	c.DDLQuery(s.View.Query)
}

func renderDropView(c *Ctx, n ast.Node) {
	s := n.(*ast.DropViewStmt)
	if s.View == nil {
		c.Failf("DROP VIEW without a view")
		return
	}
	c.Write("DROP VIEW ")
	if s.IfExists {
		c.Write("IF EXISTS ")
	}
	c.QualifiedName(s.View.Schema, s.View.Name)
}

func renderCreateTableAs(c *Ctx, n ast.Node) {
	s := n.(*ast.CreateTableAsStmt)
	if s.Query == nil {
		c.Failf("CREATE TABLE %s AS without a query", s.Name)
		return
	}
	c.Write("CREATE TABLE ")
	if s.IfNotExists {
		c.Write("IF NOT EXISTS ")
	}
	c.QualifiedName(s.Schema, s.Name)
	c.Write(" AS ")
	c.DDLQuery(s.Query)
}

// CommentTarget checks a COMMENT statement and returns the declared column it is about
// (nil for the table's comment, or a column the table does not declare).
func (c *Ctx) CommentTarget(s *ast.CommentStmt) (*ast.Column, bool) {
	if s.Table == nil {
		c.Failf("COMMENT without a table")
		return nil, false
	}
	if !utf8.ValidString(s.Comment) {
		c.Failf("the comment on %s is not valid UTF-8", s.Table.Name)
		return nil, false
	}
	if s.Column == "" {
		return nil, true
	}
	col := s.Table.Column(s.Column)
	if col == nil && len(s.Table.Columns) > 0 {
		c.Failf("COMMENT on unknown column %s.%s", s.Table.Name, s.Column)
		return nil, false
	}
	return col, true
}

func renderComment(c *Ctx, n ast.Node) {
	s := n.(*ast.CommentStmt)
	if _, ok := c.CommentTarget(s); !ok {
		return
	}
	if !c.HasDDL(CommentOn) {
		c.Unsupported("COMMENT ON", "declare the comment on the table or column: it is part of CREATE TABLE here")
		return
	}
	if s.Column == "" {
		c.Write("COMMENT ON TABLE ")
		c.QualifiedName(s.Table.Schema, s.Table.Name)
	} else {
		c.Write("COMMENT ON COLUMN ")
		c.QualifiedName(s.Table.Schema, s.Table.Name)
		c.buf = append(c.buf, '.')
		c.Ident(s.Column)
	}
	c.Write(" IS ")
	if s.Comment == "" {
		c.Write("NULL")
		return
	}
	c.RawLiteral(s.Comment)
}

func renderCreateEnum(c *Ctx, n ast.Node) {
	s := n.(*ast.CreateEnumStmt)
	if s.Name == "" {
		c.Failf("CREATE TYPE … AS ENUM without a name")
		return
	}
	if !c.HasDDL(NamedEnums) {
		c.Unsupported("named enum types (CREATE TYPE … AS ENUM)", "enum columns are declared inline here: give the column a types.Enum type")
		return
	}
	c.Write("CREATE TYPE ")
	c.QualifiedName(s.Schema, s.Name)
	c.Write(" AS ENUM (")
	for i, v := range s.Values {
		if i > 0 {
			c.Write(", ")
		}
		c.RawLiteral(v)
	}
	c.buf = append(c.buf, ')')
}

func renderDropEnum(c *Ctx, n ast.Node) {
	s := n.(*ast.DropEnumStmt)
	if s.Name == "" {
		c.Failf("DROP TYPE without a name")
		return
	}
	if !c.HasDDL(NamedEnums) {
		c.Unsupported("named enum types (DROP TYPE)", "enum columns are declared inline here: there is no type to drop")
		return
	}
	c.Write("DROP TYPE ")
	if s.IfExists {
		c.Write("IF EXISTS ")
	}
	c.QualifiedName(s.Schema, s.Name)
}
