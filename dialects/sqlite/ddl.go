package sqlite

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
)

// Comments in SQLite schemas.
//
// SQLite has no comments on tables or columns, but it stores each CREATE TABLE
// statement verbatim (sqlite_schema.sql), SQL comments included, and keeps them
// through ALTER TABLE … ADD COLUMN and RENAME. Strata writes comments there, in a form
// the SQLite reflector reads back:
//
//	CREATE TABLE t (/*strata:table-comment "the table"*/ id INTEGER /*strata:comment "a column"*/, …)
//
// The table comment comes right after the opening parenthesis and is followed by one
// space: TableCommentPrefix + JSON + CommentSuffix + " ". A column comment comes right
// after its column definition, before the comma or closing parenthesis, and is
// preceded by one space: " " + ColumnCommentPrefix + JSON + CommentSuffix. JSON is the
// comment as a JSON string (encoding/json, HTML characters unescaped) in which every
// "*/" is written "*\u002f", so that the SQL comment cannot end early; any JSON
// decoder gives the comment back. CommentMark builds both.
const (
	TableCommentPrefix  = "/*strata:table-comment "
	ColumnCommentPrefix = "/*strata:comment "
	CommentSuffix       = "*/"
)

// CommentMark returns the SQL comment that carries comment text s, for prefix
// TableCommentPrefix or ColumnCommentPrefix.
func CommentMark(prefix, s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) //nolint:errcheck // a string always encodes
	js := strings.TrimSuffix(b.String(), "\n")
	return prefix + strings.ReplaceAll(js, "*/", `*\u002f`) + CommentSuffix
}

// ddlRules installs SQLite's schema-statement rules.
func ddlRules(r *compiler.Rules) {
	r.Set(ast.KindCreateTable, renderCreateTable)
	r.Set(compiler.KindColumnDef, renderColumnDef)
	r.Wrap(compiler.KindConstraintDef, func(next compiler.RenderFunc) compiler.RenderFunc {
		return func(c *compiler.Ctx, n ast.Node) {
			k := n.(*compiler.ConstraintDef)
			f, ok := k.Item.(*ast.ForeignKeyConstraint)
			if !ok {
				next(c, n)
				return
			}
			if f.RefSchema != "" && f.RefSchema != k.Table.Schema {
				c.Unsupported("foreign keys to a table of another schema", "SQLite references tables of the same database only")
				return
			}
			// REFERENCES takes no schema here: the table is always in the same one.
			if k.Name != "" {
				c.Write("CONSTRAINT ")
				c.Ident(k.Name)
				c.WriteByte(' ')
			}
			c.ForeignKeyBody("", f)
		}
	})
	r.Set(ast.KindCreateIndex, renderCreateIndex)
	r.Wrap(ast.KindAlterTable, func(next compiler.RenderFunc) compiler.RenderFunc {
		return func(c *compiler.Ctx, n ast.Node) {
			v, known := compiler.ParseVersion(c.Dialect().Version)
			if s := n.(*ast.AlterTableStmt); !known || s.Table == nil { // bad input is the ANSI rule's to report
				next(c, n)
				return
			}
			switch x := compiler.AlterAction(n.(*ast.AlterTableStmt).Action).(type) {
			case ast.DropColumn:
				if x.Name != "" && !v.AtLeast(3, 35, 0) {
					c.Unsupported("ALTER TABLE … DROP COLUMN before SQLite 3.35", "recreate the table")
					return
				}
			case ast.RenameColumn:
				if x.From != "" && x.To != "" && !v.AtLeast(3, 25, 0) {
					c.Unsupported("ALTER TABLE … RENAME COLUMN before SQLite 3.25", "recreate the table")
					return
				}
			}
			next(c, n)
		}
	})
}

// rowidKey returns the name of t's autoincrement primary key column when it is the
// table's only primary key column: the column SQLite numbers as an alias of the rowid,
// written INTEGER PRIMARY KEY AUTOINCREMENT in its definition.
func rowidKey(t *ast.Table) string {
	pk := t.PrimaryKeyColumns()
	if len(pk) != 1 {
		return ""
	}
	if col := t.Column(pk[0]); col != nil && (col.AutoIncrement || col.Identity != nil) {
		return col.Name
	}
	return ""
}

// renderCreateTable writes CREATE TABLE with the table comment inside (see
// TableCommentPrefix), the autoincrement key inline in its column, and the options
// STRICT and WITHOUT ROWID (ast.DialectOption("sqlite", "strict", "")).
func renderCreateTable(c *compiler.Ctx, n ast.Node) {
	td, ok := c.ResolveTable(n.(*ast.CreateTableStmt))
	if !ok {
		return
	}
	var opts []string
	for _, o := range compiler.DialectOptions(td.Table, Name) {
		switch strings.ToLower(o.Name) {
		case "strict":
			opts = append(opts, "STRICT")
		case "without rowid", "without_rowid":
			opts = append(opts, "WITHOUT ROWID")
		default:
			c.Unsupported("table option "+o.Name, "SQLite has the options strict and without rowid")
			return
		}
		if o.Value != "" && !strings.EqualFold(o.Value, "true") {
			c.Failf("SQLite table option %s takes no value (or \"true\"), not %q", o.Name, o.Value)
			return
		}
	}
	if rowidKey(td.Table) != "" {
		kept := td.Constraints[:0:0]
		for _, k := range td.Constraints {
			if k.Type != "pk" {
				kept = append(kept, k)
			}
		}
		td.Constraints = kept
	}
	c.CreateTableHead(td)
	if s := td.Table.Comment(); s != "" {
		if !utf8.ValidString(s) {
			c.Failf("the comment on table %s is not valid UTF-8", td.Table.Name)
			return
		}
		c.Write(CommentMark(TableCommentPrefix, s))
		c.WriteByte(' ')
	}
	c.TableElements(td)
	c.WriteByte(')')
	for i, o := range opts {
		if i > 0 {
			c.WriteByte(',')
		}
		c.WriteByte(' ')
		c.Write(o)
	}
}

// renderColumnDef writes a column definition:
//
//	name type [COLLATE c] [GENERATED ALWAYS AS (expr) STORED|VIRTUAL] [DEFAULT x]
//	[NOT NULL] [CONSTRAINT pk PRIMARY KEY AUTOINCREMENT] [CONSTRAINT ck CHECK (…)] [/*strata:comment …*/]
//
// SQLite numbers rows only through the rowid: an autoincrement (or BY DEFAULT
// identity) column must be the table's only primary key column, and is written
// INTEGER PRIMARY KEY AUTOINCREMENT whatever its integer width (every SQLite integer
// is 64-bit).
func renderColumnDef(c *compiler.Ctx, n ast.Node) {
	d := n.(*compiler.ColumnDef)
	col := d.Column
	rowid := false
	if col.AutoIncrement || col.Identity != nil {
		id := col.Identity
		switch {
		case id != nil && id.Always:
			c.Unsupported("GENERATED ALWAYS AS IDENTITY", "SQLite's AUTOINCREMENT accepts explicit values: use ast.AutoIncrement()")
		case id != nil && (id.Start != 0 || id.Increment != 0):
			c.Unsupported("identity START WITH / INCREMENT BY", "SQLite numbers rows from 1 by 1")
		case d.Alter:
			c.Unsupported("ADD COLUMN of an autoincrement column", "SQLite cannot add a primary key column; declare it in CREATE TABLE")
		case rowidKey(d.Table) != col.Name:
			c.Unsupported("AUTOINCREMENT on a column that is not the table's only primary key column",
				"SQLite numbers rows through an INTEGER PRIMARY KEY: make the column the sole primary key")
		default:
			rowid = true
		}
		if !rowid {
			return
		}
	}
	c.Ident(col.Name)
	c.WriteByte(' ')
	enumCheck := false
	if rowid {
		c.Write("INTEGER") // only this spelling makes the column the rowid
	} else {
		enumCheck = c.ColumnType(col.Type)
	}
	c.CollateClause(col.Collation)
	if col.Computed != nil {
		c.GeneratedClause(col.Computed)
	}
	if col.Default != nil {
		c.Write(" DEFAULT ")
		c.DefaultValue(col, compiler.DefaultParenExpr)
	}
	if d.NotNull() {
		c.Write(" NOT NULL")
	}
	if rowid {
		own := ""
		if d.Table.PrimaryKey != nil {
			own = d.Table.PrimaryKey.Name
		}
		if name := c.ConstraintName(d.Naming, "pk", own, d.Table, []string{col.Name}, ""); name != "" {
			c.Write(" CONSTRAINT ")
			c.Ident(name)
		}
		c.Write(" PRIMARY KEY AUTOINCREMENT")
	}
	if enumCheck {
		c.EnumCheck(d)
	}
	if col.Comment != "" {
		if !utf8.ValidString(col.Comment) {
			c.Failf("the comment on column %s.%s is not valid UTF-8", d.Table.Name, col.Name)
			return
		}
		c.WriteByte(' ')
		c.Write(CommentMark(ColumnCommentPrefix, col.Comment))
	}
}

// renderCreateIndex writes CREATE INDEX with the schema on the index's name, where
// SQLite wants it, and no USING: every SQLite index is a B-tree.
func renderCreateIndex(c *compiler.Ctx, n ast.Node) {
	s := n.(*ast.CreateIndexStmt)
	name, ok := c.ResolveIndex(s.Table, s.Index, s.Naming)
	if !ok || !c.ValidateIndexParts(s.Table, s.Index) {
		return
	}
	if u := s.Index.Using; u != "" && !strings.EqualFold(u, "btree") {
		c.Unsupported("index method "+u, "every SQLite index is a B-tree")
		return
	}
	c.CreateIndexHead(s, name, true)
	c.Ident(s.Table.Name)
	c.IndexParts(s.Index, false)
	c.IndexWhere(s.Index)
}
