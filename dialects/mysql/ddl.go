package mysql

import (
	"strconv"
	"strings"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/types"
)

// ddlRules installs the schema-statement rules of MySQL and MariaDB: AUTO_INCREMENT,
// inline comments and table options, inline ENUM(…) types, prefix lengths in
// indexes, DROP INDEX … ON t, and MySQL's kind-specific DROP of constraints.
func ddlRules(r *compiler.Rules, mariadb bool, v compiler.Version) {
	r.Set(ast.KindCreateTable, renderCreateTable(mariadb))
	r.Set(compiler.KindColumnDef, renderColumnDef(mariadb, v))
	r.Wrap(compiler.KindConstraintDef, func(next compiler.RenderFunc) compiler.RenderFunc {
		return func(c *compiler.Ctx, n ast.Node) {
			switch x := n.(*compiler.ConstraintDef).Item.(type) {
			case *ast.ForeignKeyConstraint:
				if x.OnDelete == ast.SetDefault || x.OnUpdate == ast.SetDefault {
					// InnoDB rejects SET DEFAULT (MySQL) or keeps it as RESTRICT (MariaDB).
					c.Unsupported("foreign key action SET DEFAULT", "InnoDB has no SET DEFAULT: use SET NULL or RESTRICT")
					return
				}
			case *ast.CheckConstraint:
				if mariadb && !v.AtLeast(10, 2, 1) || !mariadb && !v.AtLeast(8, 0, 16) {
					c.Unsupported("CHECK constraints before MySQL 8.0.16 / MariaDB 10.2.1", "older servers parse and ignore them")
					return
				}
			}
			next(c, n)
		}
	})
	r.Set(ast.KindCreateIndex, renderCreateIndex)
	r.Set(ast.KindDropIndex, renderDropIndex)
	r.Wrap(ast.KindAlterTable, func(next compiler.RenderFunc) compiler.RenderFunc {
		return func(c *compiler.Ctx, n ast.Node) {
			renderAlterTable(c, n, next, mariadb, v)
		}
	})
	r.Set(ast.KindComment, renderComment)
}

// renderCreateTable writes CREATE TABLE followed by the table options: those given
// for "mysql" (and on MariaDB, for "mariadb", which win), DEFAULT CHARSET=utf8mb4
// unless a character set is given, and COMMENT='…'.
func renderCreateTable(mariadb bool) compiler.RenderFunc {
	families := []string{Name}
	if mariadb {
		families = append(families, MariaDBName)
	}
	return func(c *compiler.Ctx, n ast.Node) {
		td, ok := c.ResolveTable(n.(*ast.CreateTableStmt))
		if !ok {
			return
		}
		opts := compiler.DialectOptions(td.Table, families...)
		charset := false
		for _, o := range opts {
			if !optionName(o.Name) {
				c.Failf("table option name %q is not words separated by spaces", o.Name)
				return
			}
			switch strings.ToLower(strings.ReplaceAll(o.Name, "_", " ")) {
			case "charset", "default charset", "character set", "default character set":
				charset = true
			}
		}
		c.CreateTableHead(td)
		c.TableElements(td)
		c.WriteByte(')')
		for _, o := range opts {
			c.WriteByte(' ')
			c.Write(strings.ToUpper(o.Name))
			c.WriteByte('=')
			if optionWord(o.Value) {
				c.Write(o.Value)
			} else {
				c.RawLiteral(o.Value)
			}
		}
		if !charset {
			c.Write(" DEFAULT CHARSET=utf8mb4")
		}
		if s := td.Table.Comment(); s != "" {
			c.Write(" COMMENT=")
			c.RawLiteral(s)
		}
	}
}

// optionName reports whether s can be written as a table option's name: letters,
// digits and underscores, words separated by single spaces ("default charset").
func optionName(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' || strings.Contains(s, "  ") {
		return false
	}
	for i := 0; i < len(s); i++ {
		ch := s[i] | 0x20
		if !('a' <= ch && ch <= 'z' || s[i] == '_' || s[i] == ' ' || '0' <= s[i] && s[i] <= '9') {
			return false
		}
	}
	return true
}

// optionWord reports whether an option's value can be written bare (InnoDB, 100,
// utf8mb4_bin); others are string literals.
func optionWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		ch := s[i] | 0x20
		if !('a' <= ch && ch <= 'z' || s[i] == '_' || '0' <= s[i] && s[i] <= '9') {
			return false
		}
	}
	return true
}

// renderColumnDef writes a column definition:
//
//	name type [COLLATE c] [GENERATED ALWAYS AS (expr) STORED|VIRTUAL] [DEFAULT x]
//	[NOT NULL] [AUTO_INCREMENT] [COMMENT '…']
//
// Enums are inline ENUM('a', …) types. Expression defaults are parenthesised (MySQL
// 8.0.13, MariaDB 10.2.1); the current time on a DATETIME(n) column is
// CURRENT_TIMESTAMP(n), the precision MySQL requires to match the column's.
func renderColumnDef(mariadb bool, v compiler.Version) compiler.RenderFunc {
	exprDefaults := mariadb && v.AtLeast(10, 2, 1) || !mariadb && v.AtLeast(8, 0, 13)
	return func(c *compiler.Ctx, n ast.Node) {
		d := n.(*compiler.ColumnDef)
		col := d.Column
		numbered := col.AutoIncrement || col.Identity != nil
		if id := col.Identity; id != nil && id.Always {
			c.Unsupported("GENERATED ALWAYS AS IDENTITY", "AUTO_INCREMENT accepts explicit values: use ast.AutoIncrement()")
			return
		} else if id != nil && id.Increment != 0 {
			c.Unsupported("identity INCREMENT BY", "the step is the server variable auto_increment_increment")
			return
		} else if id != nil && id.Start != 0 {
			c.Unsupported("identity START WITH", `set the first value with the table option ast.DialectOption("mysql", "auto_increment", "n")`)
			return
		}
		if numbered && !leadsKey(d) {
			c.Unsupported("AUTO_INCREMENT on a column that does not lead the primary key or a unique constraint",
				"MySQL numbers only the first column of a key")
			return
		}
		if mariadb && col.Computed != nil && d.NotNull() {
			c.Unsupported("NOT NULL on a generated column", "MariaDB accepts no NOT NULL there: drop it or use a CHECK")
			return
		}
		c.Ident(col.Name)
		c.WriteByte(' ')
		c.ColumnType(col.Type) // enums are ENUM(…): no CHECK needed
		c.CollateClause(col.Collation)
		if col.Computed != nil {
			c.GeneratedClause(col.Computed)
		}
		if col.Default != nil {
			c.Write(" DEFAULT ")
			writeDefault(c, col, mariadb, exprDefaults)
		}
		if d.NotNull() {
			c.Write(" NOT NULL")
		}
		if numbered {
			c.Write(" AUTO_INCREMENT")
		}
		if col.Comment != "" {
			c.Write(" COMMENT ")
			c.RawLiteral(col.Comment)
		}
	}
}

func writeDefault(c *compiler.Ctx, col *ast.Column, mariadb, exprDefaults bool) {
	t := types.Of(col.Type)
	if f, ok := col.Default.(*ast.Func); ok && (f.ID == ast.FuncNow || f.ID == ast.FuncCurrentTimestamp) &&
		len(f.Args) == 0 && f.Window == nil && (t.Kind == types.Timestamp || t.Kind == types.TimestampTZ) {
		// The column's fractional digits, as MySQL requires.
		c.Write("CURRENT_TIMESTAMP(" + strconv.Itoa(fractionalDigits(t)) + ")")
		return
	}
	if compiler.IsLiteralDefault(col.Default) {
		if !mariadb && blobLike(t) {
			// MySQL gives TEXT, BLOB and JSON columns expression defaults only.
			if !exprDefaults {
				c.Unsupported("a default on a TEXT, BLOB or JSON column before MySQL 8.0.13", "")
				return
			}
			c.DefaultValue(col, compiler.DefaultParenAll)
			return
		}
		c.DefaultValue(col, compiler.DefaultParenExpr)
		return
	}
	if !exprDefaults {
		c.Unsupported("expression defaults before MySQL 8.0.13 / MariaDB 10.2.1", "")
		return
	}
	// Even CURRENT_DATE: MySQL takes a bare keyword only for CURRENT_TIMESTAMP.
	c.DefaultValue(col, compiler.DefaultParenAll)
}

// blobLike reports whether t is spelled TEXT, LONGBLOB or JSON here.
func blobLike(t *types.Type) bool {
	switch t.Kind {
	case types.TextKind, types.JSON:
		return true
	case types.VarChar, types.Binary:
		return t.Length == 0
	}
	return false
}

// leadsKey reports whether the column is the first column of the table's primary key
// or of a UNIQUE constraint, as AUTO_INCREMENT requires.
func leadsKey(d *compiler.ColumnDef) bool {
	col := d.Column
	if col.Unique || d.Alter && col.PrimaryKey {
		return true
	}
	if pk := d.Table.PrimaryKeyColumns(); len(pk) > 0 && pk[0] == col.Name {
		return true
	}
	for _, u := range d.Table.Uniques {
		if len(u.Columns) > 0 && u.Columns[0] == col.Name {
			return true
		}
	}
	return false
}

// renderCreateIndex writes CREATE INDEX with prefix lengths, expressions in their own
// parentheses, and USING BTREE|HASH after the parts. IF NOT EXISTS is MariaDB's.
func renderCreateIndex(c *compiler.Ctx, n ast.Node) {
	s := n.(*ast.CreateIndexStmt)
	name, ok := c.ResolveIndex(s.Table, s.Index, s.Naming)
	if !ok || !c.ValidateIndexParts(s.Table, s.Index) {
		return
	}
	using := strings.ToUpper(s.Index.Using)
	switch using {
	case "", "BTREE", "HASH", "RTREE":
	default:
		c.Unsupported("index method "+s.Index.Using, "MySQL indexes use BTREE or HASH")
		return
	}
	c.CreateIndexHead(s, name, false)
	c.QualifiedName(s.Table.Schema, s.Table.Name)
	c.IndexParts(s.Index, true)
	if using != "" {
		c.Write(" USING ")
		c.Write(using)
	}
	c.IndexWhere(s.Index)
}

// renderDropIndex writes DROP INDEX [IF EXISTS] name ON t: MySQL names indexes per
// table. IF EXISTS is MariaDB's, as is CREATE INDEX IF NOT EXISTS.
func renderDropIndex(c *compiler.Ctx, n ast.Node) {
	s := n.(*ast.DropIndexStmt)
	if s.Table == nil {
		c.Failf("DROP INDEX needs the index's table here")
		return
	}
	name, ok := c.ResolveIndex(s.Table, s.Index, s.Naming)
	if !ok {
		return
	}
	c.Write("DROP INDEX ")
	if s.IfExists {
		if !c.HasDDL(compiler.IfNotExistsIndex) {
			c.Unsupported("DROP INDEX IF EXISTS", "")
			return
		}
		c.Write("IF EXISTS ")
	}
	c.Ident(name)
	c.Write(" ON ")
	c.QualifiedName(s.Table.Schema, s.Table.Name)
}

// renderAlterTable respells the actions that differ: dropping a constraint (MySQL by
// kind: DROP FOREIGN KEY, DROP INDEX, DROP CHECK; DROP PRIMARY KEY on both), renaming
// a table (the new name keeps the table's database), and renaming a column on older
// servers.
func renderAlterTable(c *compiler.Ctx, n ast.Node, next compiler.RenderFunc, mariadb bool, v compiler.Version) {
	s := n.(*ast.AlterTableStmt)
	switch x := compiler.AlterAction(s.Action).(type) {
	case ast.DropConstraint:
		if c.AlterHead(s) == nil {
			return
		}
		switch {
		case x.Kind == "pk":
			c.Write("DROP PRIMARY KEY") // the key is always named PRIMARY
			return
		case mariadb || x.Kind == "" && v.AtLeast(8, 0, 19):
			c.Write("DROP CONSTRAINT ")
		case x.Kind == "fk":
			c.Write("DROP FOREIGN KEY ")
		case x.Kind == "uq":
			c.Write("DROP INDEX ")
		case x.Kind == "ck":
			c.Write("DROP CHECK ")
		default:
			c.Unsupported("DROP CONSTRAINT without the constraint's kind before MySQL 8.0.19", `set DropConstraint.Kind to "fk", "uq", "ck" or "pk"`)
			return
		}
		c.Ident(x.Name)
	case ast.RenameTable:
		if c.AlterHead(s) == nil {
			return
		}
		c.Write("RENAME TO ")
		c.QualifiedName(s.Table.Schema, x.To)
	case ast.RenameColumn:
		old := mariadb && !v.AtLeast(10, 5, 2) || !mariadb && !v.AtLeast(8, 0, 0)
		if old && s.Table != nil && x.From != "" && x.To != "" { // bad input is the ANSI rule's to report
			c.Unsupported("ALTER TABLE … RENAME COLUMN before MySQL 8.0 / MariaDB 10.5.2", "use CHANGE COLUMN with the column's definition")
			return
		}
		next(c, n)
	default:
		next(c, n)
	}
}

// renderComment sets a comment with ALTER TABLE: COMMENT = '…' for the table, and for
// a column MODIFY COLUMN with its whole definition (the table must declare it), as
// MySQL has no COMMENT ON.
func renderComment(c *compiler.Ctx, n ast.Node) {
	s := n.(*ast.CommentStmt)
	col, ok := c.CommentTarget(s)
	if !ok {
		return
	}
	if s.Column != "" && col == nil {
		c.Unsupported("a column comment on a table without declared columns",
			"MySQL sets it by redefining the column: declare the table's columns")
		return
	}
	if col != nil && !c.ValidateColumn(s.Table, col) {
		return
	}
	c.Write("ALTER TABLE ")
	c.QualifiedName(s.Table.Schema, s.Table.Name)
	if col == nil {
		c.Write(" COMMENT = ")
		c.RawLiteral(s.Comment)
		return
	}
	commented := *col
	commented.Comment = s.Comment
	c.Write(" MODIFY COLUMN ")
	c.Node(compiler.NewColumnDef(s.Table, &commented, nil, true))
}
