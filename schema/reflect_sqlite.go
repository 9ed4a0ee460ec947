package schema

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/types"
)

func init() { RegisterReflector("sqlite", SQLiteReflector{}) }

// SQLiteReflector reads SQLite's catalog. It is registered for the dialect "sqlite";
// a dialect whose catalog is SQLite's registers it under its own name:
//
//	schema.RegisterReflector("libsql", schema.SQLiteReflector{})
//
// It reads the PRAGMA table functions (table_xinfo, index_list, index_xinfo,
// foreign_key_list, database_list) for what SQLite knows for certain, and the CREATE
// statements stored in sqlite_schema for what it keeps only as text: constraint
// names, CHECK conditions, generated expressions, collations, DEFERRABLE, table
// options and the comments Strata's DDL writes. It imports no driver.
//
// Schema "" is "main"; any other schema is an attached database (or "temp").
// Attached databases belong to one connection, so reflect them through a *sql.Conn
// that attached them, not through a *sql.DB pool.
//
// What a table reflects as, where SQLite keeps less than ast declares or where two
// declarations are stored alike (the other reflectors follow the same conventions,
// so that a schema reflected from one database compares with its copy on another):
//
//   - Types come from the declared type name (see sqliteType). Strata spells both
//     Timestamp and TimestampTZ as DATETIME, which reflects as types.DateTime: zone
//     information does not survive on SQLite, and neither does a timestamp's
//     precision (DATETIME has none). A name that says WITH TIME ZONE keeps the zone
//     kind. An enum is VARCHAR(n) plus a CHECK, so it reflects as types.String(n)
//     and a CheckConstraint; VarBinary(n) is BLOB (types.Bytes); a decorated type
//     reflects as its base. Names Strata does not write follow SQLite's affinity rules.
//   - The primary key is always a table-level PrimaryKeyConstraint, with the name the
//     CREATE text gives it (or ""), its columns in key order; Column.PrimaryKey stays
//     false. Every UNIQUE constraint, inline or not, is a UniqueConstraint
//     (Column.Unique stays false), named as written. Column CHECKs are table
//     CheckConstraints. Constraints keep the order of the CREATE text, indexes the
//     order they were created in.
//   - An INTEGER PRIMARY KEY is an alias of the rowid, which SQLite numbers by itself:
//     it reflects AutoIncrement true (and NotNull) whether or not AUTOINCREMENT was
//     written, and as types.Integer even when declared as a BigInteger. Other key
//     columns are NotNull only when declared so, as Strata's DDL always does: SQLite
//     accepts NULLs in them otherwise.
//   - Defaults: integers are int64 literals, other numbers float64, X'…' []byte,
//     '…' strings; TRUE and FALSE, and 0 and 1 on BOOLEAN columns, are booleans;
//     NULL is no default. CURRENT_TIMESTAMP (which is also how ast.Now() is written)
//     is ast.CurrentTimestamp(), CURRENT_DATE ast.CurrentDate(). Anything else, and
//     CHECK conditions, generated expressions, index expressions and WHERE predicates,
//     are ast.Text of the SQL as written, outer parentheses removed.
//   - Comments are read from the /*strata:comment …*/ and /*strata:table-comment …*/
//     marks Strata's DDL writes into the CREATE text (see the sqlite dialect);
//     WITHOUT ROWID and STRICT are ast.DialectOption("sqlite", "without rowid", "")
//     and ("sqlite", "strict", "").
//   - Not reflected: index collations, ON CONFLICT clauses, MATCH, the difference
//     between AUTOINCREMENT and a plain rowid (whether numbers of deleted rows are
//     reused). Foreign keys never have a RefSchema: SQLite's are within one database.
//
// Table also reflects a view's columns.
type SQLiteReflector struct{}

func (SQLiteReflector) DefaultSchema(context.Context, Querier) (string, error) { return "main", nil }

// SchemaNames returns main and the attached databases, as SQLAlchemy does without the
// connection-private temp schema.
func (SQLiteReflector) SchemaNames(ctx context.Context, q Querier) ([]string, error) {
	names, err := sqliteDatabases(ctx, q)
	if err != nil {
		return nil, err
	}
	names = slices.DeleteFunc(names, func(s string) bool { return s == "temp" })
	slices.Sort(names)
	return names, nil
}

func (r SQLiteReflector) TableNames(ctx context.Context, q Querier, schema string) ([]string, error) {
	return r.names(ctx, q, schema, "table")
}

func (r SQLiteReflector) ViewNames(ctx context.Context, q Querier, schema string) ([]string, error) {
	return r.names(ctx, q, schema, "view")
}

func (SQLiteReflector) names(ctx context.Context, q Querier, schema, kind string) ([]string, error) {
	// sqlite_sequence, sqlite_stat1 and the like are SQLite's own.
	var names []string
	err := sqliteQuery(ctx, q, func(rows *sql.Rows) error {
		var n string
		if err := rows.Scan(&n); err != nil {
			return err
		}
		names = append(names, n)
		return nil
	}, "SELECT name FROM "+sqliteMaster(schema)+` WHERE type = ? AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`, kind)
	if err != nil {
		return nil, sqliteSchemaErr(ctx, q, schema, kind+" names", err)
	}
	slices.Sort(names)
	return names, nil
}

func (SQLiteReflector) Sequences(context.Context, Querier, string) ([]*ast.Sequence, error) {
	return nil, nil
}

func (SQLiteReflector) ViewDefinition(ctx context.Context, q Querier, schema, name string) (string, error) {
	_, src, err := sqliteObject(ctx, q, schema, name, "view")
	if err != nil {
		return "", err
	}
	def, ok := sqliteParseCreateView(src)
	if !ok {
		return "", fmt.Errorf("schema: sqlite: view %s: cannot find the query in %q", sqliteDisplay(schema, name), src)
	}
	return def, nil
}

// sqliteColumnRow is one row of PRAGMA table_xinfo.
type sqliteColumnRow struct {
	name, typ string
	notNull   bool
	dflt      sql.NullString
	pk        int // position in the primary key, from 1; 0 when not part of it
	hidden    int // 0 normal, 1 hidden (virtual tables), 2 VIRTUAL generated, 3 STORED generated
}

// sqliteIndexRow is one row of PRAGMA index_list.
type sqliteIndexRow struct {
	name    string
	unique  bool
	origin  string // "c" CREATE INDEX, "u" UNIQUE constraint, "pk" primary key
	partial bool
}

// sqliteIndexCol is one key column of PRAGMA index_xinfo.
type sqliteIndexCol struct {
	cid  int // -1 rowid, -2 expression
	name string
	desc bool
}

// sqliteFKRow is one row of PRAGMA foreign_key_list.
type sqliteFKRow struct {
	id, seq            int
	table, from        string
	to                 sql.NullString // NULL when the key names no columns: the parent's primary key
	onUpdate, onDelete string
}

func (r SQLiteReflector) Table(ctx context.Context, q Querier, schema, name string) (*ast.Table, error) {
	stored, src, err := sqliteObject(ctx, q, schema, name, "table", "view")
	if err != nil {
		return nil, err
	}
	where := sqliteDisplay(schema, stored)
	db := schema
	if db == "" {
		db = "main"
	}

	var cols []sqliteColumnRow
	err = sqliteQuery(ctx, q, func(rows *sql.Rows) error {
		var c sqliteColumnRow
		if err := rows.Scan(&c.name, &c.typ, &c.notNull, &c.dflt, &c.pk, &c.hidden); err != nil {
			return err
		}
		cols = append(cols, c)
		return nil
	}, `SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?, ?) ORDER BY cid`, stored, db)
	if err != nil {
		return nil, fmt.Errorf("schema: sqlite: columns of %s: %w", where, err)
	}

	indexes := map[string]sqliteIndexRow{}
	var uniqueIdx []string // origin "u", in index_list order
	hasPKIndex := false
	err = sqliteQuery(ctx, q, func(rows *sql.Rows) error {
		var ix sqliteIndexRow
		if err := rows.Scan(&ix.name, &ix.unique, &ix.origin, &ix.partial); err != nil {
			return err
		}
		indexes[ix.name] = ix
		switch ix.origin {
		case "u":
			uniqueIdx = append(uniqueIdx, ix.name)
		case "pk":
			hasPKIndex = true
		}
		return nil
	}, `SELECT name, "unique", origin, partial FROM pragma_index_list(?, ?)`, stored, db)
	if err != nil {
		return nil, fmt.Errorf("schema: sqlite: indexes of %s: %w", where, err)
	}
	indexCols := func(ix string) ([]sqliteIndexCol, error) {
		var out []sqliteIndexCol
		err := sqliteQuery(ctx, q, func(rows *sql.Rows) error {
			var c sqliteIndexCol
			var n sql.NullString
			if err := rows.Scan(&c.cid, &n, &c.desc); err != nil {
				return err
			}
			c.name = n.String
			out = append(out, c)
			return nil
		}, `SELECT cid, name, "desc" FROM pragma_index_xinfo(?, ?) WHERE "key" ORDER BY seqno`, ix, db)
		if err != nil {
			return nil, fmt.Errorf("schema: sqlite: columns of index %s of %s: %w", ix, where, err)
		}
		return out, nil
	}

	var fkRows []sqliteFKRow
	err = sqliteQuery(ctx, q, func(rows *sql.Rows) error {
		var f sqliteFKRow
		if err := rows.Scan(&f.id, &f.seq, &f.table, &f.from, &f.to, &f.onUpdate, &f.onDelete); err != nil {
			return err
		}
		fkRows = append(fkRows, f)
		return nil
	}, `SELECT id, seq, "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?, ?) ORDER BY id, seq`, stored, db)
	if err != nil {
		return nil, fmt.Errorf("schema: sqlite: foreign keys of %s: %w", where, err)
	}

	def := sqliteParseCreateTable(src)

	// Columns.
	var pkCols []string
	for _, c := range cols {
		if c.pk > 0 {
			pkCols = append(pkCols, c.name)
		}
	}
	pkAt := func(name string) int {
		i := slices.IndexFunc(cols, func(c sqliteColumnRow) bool { return c.name == name })
		return cols[i].pk
	}
	slices.SortFunc(pkCols, func(a, b string) int { return pkAt(a) - pkAt(b) })
	var built []*ast.Column
	for _, c := range cols {
		if c.hidden == 1 {
			continue // a virtual table's hidden column, not part of its declaration
		}
		typ := sqliteType(c.typ)
		col := ast.Col(c.name, typ)
		col.NotNull = c.notNull
		cd := def.column(c.name)
		// A single-column key without an index of its own is the rowid, which SQLite
		// numbers itself and which is never NULL: INTEGER PRIMARY KEY [AUTOINCREMENT].
		if c.pk > 0 && len(pkCols) == 1 && (!hasPKIndex || def.pkAutoinc || cd != nil && cd.autoinc) {
			col.AutoIncrement, col.NotNull = true, true
		}
		switch c.hidden {
		case 2, 3:
			comp := &ast.Computed{Stored: c.hidden == 3}
			if cd != nil && cd.generated != "" {
				comp.Expr = ast.Text(cd.generated)
			}
			col.Computed = comp
		default:
			if c.dflt.Valid {
				col.Default = sqliteDefault(c.dflt.String, typ)
			}
		}
		if cd != nil {
			col.Comment = cd.comment
			col.Collation = cd.collation
		}
		built = append(built, col)
	}
	items := make([]ast.TableItem, 0, len(built)+8)
	for _, c := range built {
		items = append(items, c)
	}

	// The primary key, as a table constraint like the other reflectors give it.
	if len(pkCols) > 0 {
		items = append(items, &ast.PrimaryKeyConstraint{Name: def.pk.name, Columns: pkCols})
	}

	// Unique constraints: SQLite's automatic indexes say which columns, the text says
	// the names and the order.
	uniqueAt := make([]*ast.UniqueConstraint, len(def.uniques))
	var extraUniques []*ast.UniqueConstraint
	for _, ixName := range uniqueIdx {
		ic, err := indexCols(ixName)
		if err != nil {
			return nil, err
		}
		u := &ast.UniqueConstraint{Columns: make([]string, len(ic))}
		for i, c := range ic {
			u.Columns[i] = c.name
		}
		at := -1
		for i, k := range def.uniques {
			if uniqueAt[i] == nil && sqliteSameNames(k.columns, u.Columns) {
				at = i
				break
			}
		}
		if at < 0 {
			extraUniques = append(extraUniques, u)
			continue
		}
		u.Name = def.uniques[at].name
		uniqueAt[at] = u
	}
	slices.SortStableFunc(extraUniques, func(a, b *ast.UniqueConstraint) int {
		return strings.Compare(strings.Join(a.Columns, "\x00"), strings.Join(b.Columns, "\x00"))
	})
	for _, u := range append(uniqueAt, extraUniques...) {
		if u != nil {
			items = append(items, u)
		}
	}

	// Foreign keys, in the order the text declares them (SQLite numbers them backwards).
	var groups []*ast.ForeignKeyConstraint
	var groupRefs [][]sql.NullString
	for i := 0; i < len(fkRows); {
		j := i
		f := &ast.ForeignKeyConstraint{
			RefTable: fkRows[i].table,
			OnDelete: sqliteAction(fkRows[i].onDelete),
			OnUpdate: sqliteAction(fkRows[i].onUpdate),
		}
		var refs []sql.NullString
		for ; j < len(fkRows) && fkRows[j].id == fkRows[i].id; j++ {
			f.Columns = append(f.Columns, fkRows[j].from)
			refs = append(refs, fkRows[j].to)
		}
		groups = append(groups, f)
		groupRefs = append(groupRefs, refs)
		i = j
	}
	slices.Reverse(groups)
	slices.Reverse(groupRefs)
	fkUsed := make([]bool, len(groups))
	var fks []*ast.ForeignKeyConstraint
	resolve := func(gi int, textRefs []string) error {
		f := groups[gi]
		for _, r := range groupRefs[gi] {
			if !r.Valid {
				f.RefColumns = nil
				break
			}
			f.RefColumns = append(f.RefColumns, r.String)
		}
		if f.RefColumns != nil {
			return nil
		}
		if textRefs != nil {
			f.RefColumns = textRefs
			return nil
		}
		// REFERENCES parent without columns: the parent's primary key.
		if sqliteSameName(f.RefTable, stored) {
			f.RefColumns = pkCols
			return nil
		}
		return sqliteQuery(ctx, q, func(rows *sql.Rows) error {
			var n string
			if err := rows.Scan(&n); err != nil {
				return err
			}
			f.RefColumns = append(f.RefColumns, n)
			return nil
		}, `SELECT name FROM pragma_table_info(?, ?) WHERE pk > 0 ORDER BY pk`, f.RefTable, db)
	}
	for _, tf := range def.fks {
		for gi, f := range groups {
			if fkUsed[gi] || !sqliteSameName(f.RefTable, tf.refTable) || !sqliteSameNames(f.Columns, tf.columns) {
				continue
			}
			fkUsed[gi] = true
			f.Name, f.Deferrable, f.InitiallyDeferred = tf.name, tf.deferrable, tf.initiallyDeferred
			if err := resolve(gi, tf.refColumns); err != nil {
				return nil, fmt.Errorf("schema: sqlite: foreign keys of %s: %w", where, err)
			}
			fks = append(fks, f)
			break
		}
	}
	for gi, f := range groups {
		if !fkUsed[gi] {
			if err := resolve(gi, nil); err != nil {
				return nil, fmt.Errorf("schema: sqlite: foreign keys of %s: %w", where, err)
			}
			fks = append(fks, f)
		}
	}
	for _, f := range fks {
		items = append(items, f)
	}

	for _, c := range def.checks {
		items = append(items, c)
	}

	// Indexes made by CREATE INDEX, in the order they were created.
	type indexSQL struct{ name, sql string }
	var created []indexSQL
	err = sqliteQuery(ctx, q, func(rows *sql.Rows) error {
		var x indexSQL
		if err := rows.Scan(&x.name, &x.sql); err != nil {
			return err
		}
		created = append(created, x)
		return nil
	}, "SELECT name, sql FROM "+sqliteMaster(schema)+" WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY rowid", stored)
	if err != nil {
		return nil, fmt.Errorf("schema: sqlite: indexes of %s: %w", where, err)
	}
	for _, x := range created {
		row, ok := indexes[x.name]
		if !ok || row.origin != "c" {
			continue
		}
		ic, err := indexCols(x.name)
		if err != nil {
			return nil, err
		}
		parts, pred := sqliteParseCreateIndex(x.sql)
		ix := &ast.Index{Name: x.name, Unique: row.unique}
		for i, c := range ic {
			p := ast.IndexPart{Column: c.name, Desc: c.desc}
			if c.cid < 0 { // -2 an expression, -1 the rowid
				p.Column = ""
				text := "rowid"
				if i < len(parts) {
					text = sqliteStripParens(parts[i]) // Strata writes ((expr) DESC)
				}
				p.Expr = ast.Text(text)
			}
			ix.Columns = append(ix.Columns, p)
		}
		if row.partial && pred != "" {
			ix.Where = ast.Text(pred)
		}
		items = append(items, ix)
	}

	if def.comment != "" {
		items = append(items, ast.TableComment(def.comment))
	}
	for _, o := range def.options {
		items = append(items, ast.DialectOption("sqlite", o, ""))
	}
	return ast.NewSchemaTable(schema, stored, items...), nil
}

// sqliteObject returns the stored name and CREATE text of the table or view named name
// (SQLite matches names without regard to ASCII case), or an error wrapping
// ErrNotFound.
func sqliteObject(ctx context.Context, q Querier, schema, name string, kinds ...string) (stored, src string, err error) {
	query := "SELECT name, sql FROM " + sqliteMaster(schema) +
		" WHERE type IN ('" + strings.Join(kinds, "', '") + "') AND name = ?1 COLLATE NOCASE ORDER BY name = ?1 DESC LIMIT 1"
	found := false
	err = sqliteQuery(ctx, q, func(rows *sql.Rows) error {
		var s sql.NullString
		if err := rows.Scan(&stored, &s); err != nil {
			return err
		}
		src, found = s.String, true
		return nil
	}, query, name)
	if err != nil {
		return "", "", sqliteSchemaErr(ctx, q, schema, kinds[0]+" "+sqliteDisplay(schema, name), err)
	}
	if !found {
		return "", "", fmt.Errorf("schema: sqlite: %s %s: %w", kinds[0], sqliteDisplay(schema, name), ErrNotFound)
	}
	return stored, src, nil
}

// sqliteSchemaErr explains a failed catalog query: a schema that is not attached is
// ErrNotFound, anything else the driver's error.
func sqliteSchemaErr(ctx context.Context, q Querier, schema, what string, err error) error {
	if schema != "" {
		if dbs, e := sqliteDatabases(ctx, q); e == nil && !slices.Contains(dbs, schema) {
			return fmt.Errorf("schema: sqlite: %s: no database %q is attached: %w", what, schema, ErrNotFound)
		}
	}
	return fmt.Errorf("schema: sqlite: %s: %w", what, err)
}

func sqliteDatabases(ctx context.Context, q Querier) ([]string, error) {
	var names []string
	err := sqliteQuery(ctx, q, func(rows *sql.Rows) error {
		var n string
		if err := rows.Scan(&n); err != nil {
			return err
		}
		names = append(names, n)
		return nil
	}, "SELECT name FROM pragma_database_list ORDER BY seq")
	if err != nil {
		return nil, fmt.Errorf("schema: sqlite: database list: %w", err)
	}
	return names, nil
}

// sqliteMaster returns the catalog table of schema, quoted.
func sqliteMaster(schema string) string {
	if schema == "" {
		return "main.sqlite_schema"
	}
	return `"` + strings.ReplaceAll(schema, `"`, `""`) + `".sqlite_schema`
}

func sqliteDisplay(schema, name string) string {
	if schema == "" {
		return strconv.Quote(name)
	}
	return strconv.Quote(schema) + "." + strconv.Quote(name)
}

// sqliteQuery runs query and calls scan for each row, sqliteClosing the rows before it
// returns so that the next query can use the same connection (*sql.Conn, *sql.Tx).
func sqliteQuery(ctx context.Context, q Querier, scan func(*sql.Rows) error, query string, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return rows.Close()
}

// sqliteSameName compares identifiers as SQLite does: ASCII letters without regard to
// case, everything else exactly.
func sqliteSameName(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

func sqliteSameNames(a, b []string) bool {
	return slices.EqualFunc(a, b, sqliteSameName)
}

func sqliteAction(s string) ast.RefAction {
	switch strings.ToUpper(s) {
	case "RESTRICT":
		return ast.Restrict
	case "CASCADE":
		return ast.Cascade
	case "SET NULL":
		return ast.SetNull
	case "SET DEFAULT":
		return ast.SetDefault
	}
	return ast.NoAction
}

// sqliteType maps a declared type name back into package types. Names Strata writes
// come back as they went in, with the exceptions listed on SQLiteReflector; other
// names follow SQLite's affinity rules (section 3.1 of its datatype documentation):
// INT anywhere is an integer, CHAR, CLOB or TEXT text, BLOB bytes, REAL, FLOA or DOUB
// a double, and anything else NUMERIC. No declared type at all is nil (unknown).
func sqliteType(decl string) *types.Type {
	base, args := sqliteSplitType(decl)
	arg := func(i int) int {
		if i < len(args) {
			return args[i]
		}
		return 0
	}
	precision := func() int {
		if len(args) > 0 {
			return args[0]
		}
		return -1
	}
	switch base {
	case "", "ANY": // no type, or a STRICT table's ANY: values of every kind
		return nil
	case "INTEGER", "INT", "INT4", "MEDIUMINT":
		return types.Integer
	case "BIGINT", "INT8", "UNSIGNED BIG INT":
		return types.BigInteger
	case "SMALLINT", "INT2", "TINYINT":
		return types.SmallInteger
	case "REAL", "FLOAT4":
		return types.Real
	case "FLOAT":
		if len(args) > 0 && args[0] <= 24 {
			return types.Real
		}
		return types.DoubleFloat
	case "DOUBLE", "DOUBLE PRECISION", "FLOAT8":
		return types.DoubleFloat
	case "NUMERIC", "DECIMAL":
		return types.Decimal(arg(0), arg(1))
	case "BOOLEAN", "BOOL":
		return types.Bool
	case "VARCHAR", "CHARACTER VARYING", "VARYING CHARACTER", "NVARCHAR", "NATIONAL VARYING CHARACTER", "VARCHAR2":
		return types.String(arg(0))
	case "CHAR", "CHARACTER", "NCHAR", "NATIVE CHARACTER", "NATIONAL CHARACTER":
		return types.FixedChar(arg(0))
	case "TEXT", "CLOB":
		return types.Text
	case "DATE":
		return types.DateType
	case "TIME", "TIME WITHOUT TIME ZONE":
		return &types.Type{Kind: types.Time, Precision: precision()}
	case "TIME WITH TIME ZONE", "TIMETZ":
		return &types.Type{Kind: types.TimeTZ, Precision: precision()}
	case "DATETIME", "TIMESTAMP", "TIMESTAMP WITHOUT TIME ZONE":
		return &types.Type{Kind: types.Timestamp, Precision: precision()}
	case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ":
		return &types.Type{Kind: types.TimestampTZ, Precision: precision()}
	case "INTERVAL":
		return types.IntervalType
	case "BLOB", "BYTEA":
		return types.Bytes
	case "VARBINARY", "BINARY":
		return types.VarBinary(arg(0))
	case "JSON", "JSONB":
		return types.JSONType
	case "UUID":
		return types.UUIDType
	}
	switch {
	case strings.Contains(base, "INT"):
		return types.Integer
	case strings.Contains(base, "CHAR"), strings.Contains(base, "CLOB"), strings.Contains(base, "TEXT"):
		return types.Text
	case strings.Contains(base, "BLOB"):
		return types.Bytes
	case strings.Contains(base, "REAL"), strings.Contains(base, "FLOA"), strings.Contains(base, "DOUB"):
		return types.DoubleFloat
	}
	return types.Decimal(0, 0)
}

// sqliteSplitType returns a declared type's words, upper-cased and single-spaced, and
// the integers in its parentheses: "numeric( 10, 2 )" is "NUMERIC", [10 2];
// "TIME(3) WITH TIME ZONE" is "TIME WITH TIME ZONE", [3].
func sqliteSplitType(decl string) (string, []int) {
	var words []string
	var args []int
	for _, t := range sqliteTokenize(decl) {
		switch t.kind {
		case sqliteTkWord, sqliteTkQuoted:
			words = append(words, strings.ToUpper(t.val))
		case sqliteTkNumber:
			if n, err := strconv.Atoi(t.val); err == nil {
				args = append(args, n)
			}
		}
	}
	return strings.Join(words, " "), args
}

// sqliteDefault turns a column's DEFAULT text (as PRAGMA table_info gives it, without
// the parentheses of DEFAULT (expr)) into an expression: a literal where the text is
// one, CURRENT_TIMESTAMP and CURRENT_DATE as the functions, anything else raw text.
func sqliteDefault(text string, typ *types.Type) ast.Expr {
	text = sqliteStripParens(text) // DEFAULT ((1)) keeps one pair of parentheses
	ts := sqliteSignificant(sqliteTokenize(text))
	boolean := typ != nil && typ.Kind == types.Boolean
	sign := ""
	if len(ts) == 2 && (ts[0].is("-") || ts[0].is("+")) && ts[1].kind == sqliteTkNumber {
		sign, ts = ts[0].val, ts[1:]
	}
	if len(ts) != 1 {
		return ast.Text(text)
	}
	t := ts[0]
	switch t.kind {
	case sqliteTkNumber:
		if v, ok := sqliteNumber(sign + t.val); ok {
			if i, isInt := v.(int64); isInt && boolean && (i == 0 || i == 1) {
				return ast.Lit(i == 1)
			}
			return ast.Lit(v)
		}
	case sqliteTkString:
		if sign == "" {
			return ast.Lit(t.val)
		}
	case sqliteTkBlob:
		if b, ok := sqliteUnhex(t.val); ok && sign == "" {
			return ast.Lit(b)
		}
	case sqliteTkWord:
		switch strings.ToUpper(t.val) {
		case "NULL":
			return nil
		case "TRUE":
			return ast.Lit(true)
		case "FALSE":
			return ast.Lit(false)
		case "CURRENT_TIMESTAMP":
			return ast.CurrentTimestamp()
		case "CURRENT_DATE":
			return ast.CurrentDate()
		}
	}
	return ast.Text(text)
}

// sqliteStripParens removes the parentheses around the whole of text, as many pairs
// as there are.
func sqliteStripParens(text string) string {
	text = strings.TrimSpace(text)
	for {
		ts := sqliteSignificant(sqliteTokenize(text))
		if len(ts) < 2 || !ts[0].is("(") || sqliteClosing(ts, 0) != len(ts)-1 {
			return text
		}
		text = strings.TrimSpace(text[ts[0].end:ts[len(ts)-1].pos])
	}
}

// sqliteNumber parses a numeric literal as SQLite reads it: an int64 when it is an
// integer that fits (decimal, or hexadecimal 0x…), else a float64.
func sqliteNumber(s string) (any, bool) {
	s = strings.ReplaceAll(s, "_", "") // digit separators (SQLite 3.46)
	neg := strings.HasPrefix(s, "-")
	digits := strings.TrimLeft(s, "+-")
	if len(digits) > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X') {
		u, err := strconv.ParseUint(digits[2:], 16, 64)
		if err != nil {
			return nil, false
		}
		i := int64(u) // SQLite reads hexadecimal as two's complement
		if neg {
			i = -i
		}
		return i, true
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i, true
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f, true
	}
	return nil, false
}

func sqliteUnhex(s string) ([]byte, bool) {
	if len(s)%2 != 0 {
		return nil, false
	}
	b := make([]byte, len(s)/2)
	for i := range b {
		n, err := strconv.ParseUint(s[2*i:2*i+2], 16, 8)
		if err != nil {
			return nil, false
		}
		b[i] = byte(n)
	}
	return b, true
}

// The stored CREATE statements.

// A sqliteCreate is what a CREATE TABLE text says beyond SQLite's PRAGMAs.
type sqliteCreate struct {
	comment   string // the table comment Strata wrote, or ""
	cols      []*sqliteColumnDef
	pk        sqliteKey
	pkAutoinc bool // PRIMARY KEY (x AUTOINCREMENT), the table-constraint spelling
	uniques   []sqliteKey
	checks    []*ast.CheckConstraint // column and table CHECKs, in text order
	fks       []sqliteFK
	options   []string // "without rowid", "strict": the table options after the definitions
}

type sqliteColumnDef struct {
	name      string
	collation string // COLLATE name, as written
	comment   string
	generated string // the expression of GENERATED ALWAYS AS (expr), or ""
	autoinc   bool   // PRIMARY KEY AUTOINCREMENT
}

type sqliteKey struct {
	name    string // CONSTRAINT name, or ""
	columns []string
}

type sqliteFK struct {
	name              string
	columns           []string
	refTable          string
	refColumns        []string // nil when the text names none
	deferrable        bool
	initiallyDeferred bool
}

func (d *sqliteCreate) column(name string) *sqliteColumnDef {
	for _, c := range d.cols {
		if c.name == name {
			return c
		}
	}
	for _, c := range d.cols {
		if sqliteSameName(c.name, name) {
			return c
		}
	}
	return nil
}

// Comment prefixes of the comments Strata's SQLite DDL writes: a column comment after
// the column definition, the table comment after the opening parenthesis, each a
// JSON string.
const (
	sqliteColumnComment = "strata:comment"
	sqliteTableComment  = "strata:table-comment"
)

// sqliteStrataComment decodes a Strata comment, reporting its kind ("" when the comment
// is not one).
func sqliteStrataComment(body string) (kind, text string) {
	body = strings.TrimSpace(body)
	for _, k := range [...]string{sqliteTableComment, sqliteColumnComment} {
		rest, ok := strings.CutPrefix(body, k)
		if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '"') {
			continue
		}
		if err := json.Unmarshal([]byte(strings.TrimSpace(rest)), &text); err == nil {
			return k, text
		}
	}
	return "", ""
}

// sqliteParseCreateTable reads what it can from a CREATE TABLE text; a text it does not
// understand (CREATE TABLE … AS, virtual tables) gives an empty result.
func sqliteParseCreateTable(src string) *sqliteCreate {
	d := &sqliteCreate{}
	all := sqliteTokenize(src)
	open := -1
	for i, t := range all {
		if t.isWord("AS", "USING", "VIEW") { // CREATE TABLE … AS, virtual tables, views
			return d
		}
		if t.is("(") {
			open = i
			break
		}
	}
	if open < 0 {
		return d
	}
	end := sqliteClosing(all, open)
	if end < len(all) {
		for _, opt := range sqliteSplit(sqliteSignificant(all[end+1:])) {
			switch {
			case len(opt) == 2 && opt[0].isWord("WITHOUT") && opt[1].isWord("ROWID"):
				d.options = append(d.options, "without rowid")
			case len(opt) == 1 && opt[0].isWord("STRICT"):
				d.options = append(d.options, "strict")
			}
		}
	}
	segs := sqliteSplit(all[open+1 : end])
	var last *sqliteColumnDef
	for _, seg := range segs {
		rest := sqliteSignificant(seg)
		var pending []string // column comments for this segment's column
		for k, t := range seg {
			if t.kind != sqliteTkComment {
				continue
			}
			kind, text := sqliteStrataComment(t.val)
			switch {
			case kind == sqliteTableComment:
				d.comment = text
			case kind == sqliteColumnComment && k == 0 && last != nil:
				last.comment = text // written after the comma that ends its column
			case kind == sqliteColumnComment:
				pending = append(pending, text)
			}
		}
		if len(rest) == 0 {
			continue
		}
		if rest[0].isWord("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN") {
			d.tableConstraint(src, rest)
			if last != nil && len(pending) > 0 {
				last.comment = pending[len(pending)-1]
			}
			continue
		}
		last = d.columnDef(src, rest)
		if len(pending) > 0 {
			last.comment = pending[len(pending)-1]
		}
	}
	return d
}

var sqliteColumnConstraintWords = []string{
	"CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT",
	"COLLATE", "REFERENCES", "GENERATED", "AS",
}

func (d *sqliteCreate) columnDef(src string, ts []sqliteToken) *sqliteColumnDef {
	c := &sqliteColumnDef{name: ts[0].val}
	d.cols = append(d.cols, c)
	i := 1
	for i < len(ts) && !ts[i].isWord(sqliteColumnConstraintWords...) { // the type
		if ts[i].is("(") {
			i = sqliteClosing(ts, i)
		}
		i++
	}
	name := ""
	for i < len(ts) {
		t := ts[i]
		i++
		switch {
		case t.isWord("CONSTRAINT"):
			if i < len(ts) {
				name = ts[i].val
				i++
			}
			continue
		case t.isWord("PRIMARY"):
			i = sqliteSkipWords(ts, i, "KEY", "ASC", "DESC")
			i = sqliteSkipConflict(ts, i)
			if i < len(ts) && ts[i].isWord("AUTOINCREMENT") {
				c.autoinc = true
				i++
			}
			d.pk = sqliteKey{name: name, columns: []string{c.name}}
		case t.isWord("UNIQUE"):
			i = sqliteSkipConflict(ts, i)
			d.uniques = append(d.uniques, sqliteKey{name: name, columns: []string{c.name}})
		case t.isWord("NOT", "NULL"):
			i = sqliteSkipWords(ts, i, "NULL")
			i = sqliteSkipConflict(ts, i)
		case t.isWord("CHECK"):
			var expr string
			expr, i = sqliteParenText(src, ts, i)
			d.checks = append(d.checks, &ast.CheckConstraint{Name: name, Expr: ast.Text(expr)})
		case t.isWord("DEFAULT"):
			if i < len(ts) && (ts[i].is("+") || ts[i].is("-")) {
				i++
			}
			if i < len(ts) && ts[i].is("(") {
				i = sqliteClosing(ts, i)
			}
			i++
		case t.isWord("COLLATE"):
			if i < len(ts) {
				c.collation = ts[i].val
				i++
			}
		case t.isWord("REFERENCES"):
			fk := sqliteFK{name: name, columns: []string{c.name}}
			i = fk.parse(ts, i)
			d.fks = append(d.fks, fk)
		case t.isWord("GENERATED"):
			i = sqliteSkipWords(ts, i, "ALWAYS")
		case t.isWord("AS"):
			c.generated, i = sqliteParenText(src, ts, i)
			i = sqliteSkipWords(ts, i, "STORED", "VIRTUAL")
		}
		name = ""
	}
	return c
}

func (d *sqliteCreate) tableConstraint(src string, ts []sqliteToken) {
	name := ""
	i := 0
	if ts[0].isWord("CONSTRAINT") && len(ts) > 1 {
		name, i = ts[1].val, 2
	}
	if i >= len(ts) {
		return
	}
	t := ts[i]
	i++
	switch {
	case t.isWord("PRIMARY"):
		i = sqliteSkipWords(ts, i, "KEY")
		cols, autoinc, _ := sqliteColumnList(ts, i)
		d.pk, d.pkAutoinc = sqliteKey{name: name, columns: cols}, autoinc
	case t.isWord("UNIQUE"):
		cols, _, _ := sqliteColumnList(ts, i)
		d.uniques = append(d.uniques, sqliteKey{name: name, columns: cols})
	case t.isWord("CHECK"):
		expr, _ := sqliteParenText(src, ts, i)
		d.checks = append(d.checks, &ast.CheckConstraint{Name: name, Expr: ast.Text(expr)})
	case t.isWord("FOREIGN"):
		i = sqliteSkipWords(ts, i, "KEY")
		cols, _, next := sqliteColumnList(ts, i)
		fk := sqliteFK{name: name, columns: cols}
		if next < len(ts) && ts[next].isWord("REFERENCES") {
			fk.parse(ts, next+1)
		}
		d.fks = append(d.fks, fk)
	}
}

// parse reads a foreign-key clause after REFERENCES and returns the index of the
// first token after it.
func (fk *sqliteFK) parse(ts []sqliteToken, i int) int {
	if i >= len(ts) {
		return i
	}
	fk.refTable = ts[i].val
	i++
	if i < len(ts) && ts[i].is("(") {
		fk.refColumns, _, i = sqliteColumnList(ts, i)
	}
	for i < len(ts) {
		switch {
		case ts[i].isWord("ON") && i+1 < len(ts) && ts[i+1].isWord("DELETE", "UPDATE"):
			i += 2 // the action comes from PRAGMA foreign_key_list
			switch {
			case i < len(ts) && ts[i].isWord("SET", "NO"):
				i += 2
			default:
				i++
			}
		case ts[i].isWord("MATCH"):
			i += 2
		case ts[i].isWord("NOT") && i+1 < len(ts) && ts[i+1].isWord("DEFERRABLE"):
			fk.deferrable = false
			i = fk.initially(ts, i+2)
		case ts[i].isWord("DEFERRABLE"):
			fk.deferrable = true
			i = fk.initially(ts, i+1)
		default:
			return i
		}
	}
	return i
}

func (fk *sqliteFK) initially(ts []sqliteToken, i int) int {
	if i+1 < len(ts) && ts[i].isWord("INITIALLY") {
		fk.initiallyDeferred = fk.deferrable && ts[i+1].isWord("DEFERRED")
		return i + 2
	}
	return i
}

// sqliteColumnList reads "(a COLLATE x DESC, b AUTOINCREMENT)" at ts[i]: the column names,
// whether AUTOINCREMENT appears, and the index after the sqliteClosing parenthesis.
func sqliteColumnList(ts []sqliteToken, i int) (cols []string, autoinc bool, next int) {
	if i >= len(ts) || !ts[i].is("(") {
		return nil, false, i
	}
	end := sqliteClosing(ts, i)
	for _, part := range sqliteSplit(ts[i+1 : end]) {
		if len(part) == 0 {
			continue
		}
		cols = append(cols, part[0].val)
		for _, t := range part[1:] {
			if t.isWord("AUTOINCREMENT") {
				autoinc = true
			}
		}
	}
	return cols, autoinc, end + 1
}

// sqliteParseCreateIndex returns the text of each indexed column or expression of a CREATE
// INDEX statement, without ASC or DESC, and its WHERE predicate ("" when none).
func sqliteParseCreateIndex(src string) (parts []string, where string) {
	ts := sqliteSignificant(sqliteTokenize(src))
	on := slices.IndexFunc(ts, func(t sqliteToken) bool { return t.isWord("ON") })
	if on < 0 || on+2 >= len(ts) || !ts[on+2].is("(") {
		return nil, ""
	}
	open := on + 2
	end := sqliteClosing(ts, open)
	for _, part := range sqliteSplit(ts[open+1 : end]) {
		if n := len(part); n > 1 && part[n-1].isWord("ASC", "DESC") {
			part = part[:n-1]
		}
		parts = append(parts, sqliteSpan(src, part))
	}
	if end+1 < len(ts) && ts[end+1].isWord("WHERE") {
		where = sqliteStripParens(sqliteSpan(src, ts[end+2:]))
	}
	return parts, where
}

// sqliteParseCreateView returns the query of a CREATE VIEW statement.
func sqliteParseCreateView(src string) (string, bool) {
	ts := sqliteSignificant(sqliteTokenize(src))
	for i := 0; i < len(ts); i++ {
		switch {
		case ts[i].is("("): // the view's column list
			i = sqliteClosing(ts, i)
		case ts[i].isWord("AS") && i+1 < len(ts):
			return strings.TrimSpace(src[ts[i+1].pos:]), true
		}
	}
	return "", false
}

func sqliteSkipWords(ts []sqliteToken, i int, words ...string) int {
	for i < len(ts) && ts[i].isWord(words...) {
		i++
	}
	return i
}

// sqliteSkipConflict skips an ON CONFLICT clause.
func sqliteSkipConflict(ts []sqliteToken, i int) int {
	if i+2 < len(ts) && ts[i].isWord("ON") && ts[i+1].isWord("CONFLICT") {
		return i + 3
	}
	return i
}

// sqliteParenText returns the text inside the parentheses at ts[i], without more
// parentheses around the whole, and the index after them.
func sqliteParenText(src string, ts []sqliteToken, i int) (string, int) {
	if i >= len(ts) || !ts[i].is("(") {
		return "", i
	}
	end := sqliteClosing(ts, i)
	if end >= len(ts) {
		return sqliteStripParens(src[ts[i].end:]), end
	}
	return sqliteStripParens(src[ts[i].end:ts[end].pos]), end + 1
}

// sqliteSpan returns the source text from the first token to the last.
func sqliteSpan(src string, ts []sqliteToken) string {
	if len(ts) == 0 {
		return ""
	}
	return strings.TrimSpace(src[ts[0].pos:ts[len(ts)-1].end])
}

// sqliteClosing returns the index of the parenthesis sqliteClosing ts[open], or len(ts) when it
// is missing.
func sqliteClosing(ts []sqliteToken, open int) int {
	depth := 0
	for i := open; i < len(ts); i++ {
		switch {
		case ts[i].is("("):
			depth++
		case ts[i].is(")"):
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return len(ts)
}

// sqliteSplit splits ts at the commas outside parentheses.
func sqliteSplit(ts []sqliteToken) [][]sqliteToken {
	var out [][]sqliteToken
	depth, start := 0, 0
	for i, t := range ts {
		switch {
		case t.is("("):
			depth++
		case t.is(")"):
			depth--
		case t.is(",") && depth == 0:
			out = append(out, ts[start:i])
			start = i + 1
		}
	}
	return append(out, ts[start:])
}

// sqliteSignificant returns ts without comments.
func sqliteSignificant(ts []sqliteToken) []sqliteToken {
	out := make([]sqliteToken, 0, len(ts))
	for _, t := range ts {
		if t.kind != sqliteTkComment {
			out = append(out, t)
		}
	}
	return out
}

// The tokenizer.

type sqliteTokenKind uint8

const (
	sqliteTkWord    sqliteTokenKind = iota // bare identifier or keyword
	sqliteTkQuoted                         // "…", `…` or […] identifier
	sqliteTkString                         // '…'
	sqliteTkBlob                           // X'…'
	sqliteTkNumber                         // 12, 1.5e3, 0x1F
	sqliteTkComment                        // -- … or /* … */
	sqliteTkPunct                          // any other character: ( ) , . ; and operators
)

// A sqliteToken is one token of SQL text.
type sqliteToken struct {
	kind     sqliteTokenKind
	pos, end int    // byte offsets in the text
	val      string // identifier or string unquoted, comment body, blob hex digits, else the text
}

func (t sqliteToken) is(punct string) bool { return t.kind == sqliteTkPunct && t.val == punct }

// isWord reports whether t is one of the bare keywords words (upper case).
func (t sqliteToken) isWord(words ...string) bool {
	if t.kind != sqliteTkWord {
		return false
	}
	for _, w := range words {
		if strings.EqualFold(t.val, w) {
			return true
		}
	}
	return false
}

// sqliteTokenize splits SQL text into tokens as SQLite's tokenizer would, closely
// enough to find names, keywords, parentheses and the extent of expressions; an
// unterminated quote or comment runs to the end of the text.
func sqliteTokenize(src string) []sqliteToken {
	var out []sqliteToken
	i := 0
	for i < len(src) {
		c := src[i]
		start := i
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			i++
			continue
		case c == '-' && i+1 < len(src) && src[i+1] == '-':
			end := strings.IndexByte(src[i:], '\n')
			if end < 0 {
				end = len(src) - i
			}
			i += end
			out = append(out, sqliteToken{sqliteTkComment, start, i, src[start+2 : i]})
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(src[i+2:], "*/")
			body := ""
			if end < 0 {
				body, i = src[i+2:], len(src)
			} else {
				body, i = src[i+2:i+2+end], i+2+end+2
			}
			out = append(out, sqliteToken{sqliteTkComment, start, i, body})
		case c == '\'' || c == '"' || c == '`':
			val, end := sqliteUnquote(src, i, c)
			kind := sqliteTkQuoted
			if c == '\'' {
				kind = sqliteTkString
			}
			i = end
			out = append(out, sqliteToken{kind, start, i, val})
		case c == '[':
			end := strings.IndexByte(src[i+1:], ']')
			if end < 0 {
				i = len(src)
				out = append(out, sqliteToken{sqliteTkQuoted, start, i, src[start+1:]})
			} else {
				i += 1 + end + 1
				out = append(out, sqliteToken{sqliteTkQuoted, start, i, src[start+1 : i-1]})
			}
		case (c == 'x' || c == 'X') && i+1 < len(src) && src[i+1] == '\'':
			val, end := sqliteUnquote(src, i+1, '\'')
			i = end
			out = append(out, sqliteToken{sqliteTkBlob, start, i, val})
		case sqliteIsDigit(c) || (c == '.' && i+1 < len(src) && sqliteIsDigit(src[i+1])):
			i = sqliteScanNumber(src, i)
			out = append(out, sqliteToken{sqliteTkNumber, start, i, src[start:i]})
		case sqliteIdentStart(c):
			for i < len(src) && sqliteIdentPart(src[i]) {
				i++
			}
			out = append(out, sqliteToken{sqliteTkWord, start, i, src[start:i]})
		default:
			i++
			out = append(out, sqliteToken{sqliteTkPunct, start, i, src[start:i]})
		}
	}
	return out
}

// sqliteUnquote reads the quoted text starting at src[i] == q, where a doubled quote stands
// for one, and returns it with the index after the sqliteClosing quote.
func sqliteUnquote(src string, i int, q byte) (string, int) {
	var b strings.Builder
	i++
	for i < len(src) {
		if src[i] == q {
			if i+1 < len(src) && src[i+1] == q {
				b.WriteByte(q)
				i += 2
				continue
			}
			return b.String(), i + 1
		}
		b.WriteByte(src[i])
		i++
	}
	return b.String(), i
}

func sqliteScanNumber(src string, i int) int {
	if src[i] == '0' && i+1 < len(src) && (src[i+1] == 'x' || src[i+1] == 'X') {
		i += 2
		for i < len(src) && (sqliteIsHex(src[i]) || src[i] == '_') {
			i++
		}
		return i
	}
	for i < len(src) && (sqliteIsDigit(src[i]) || src[i] == '_' || src[i] == '.') {
		i++
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		j := i + 1
		if j < len(src) && (src[j] == '+' || src[j] == '-') {
			j++
		}
		if j < len(src) && sqliteIsDigit(src[j]) {
			i = j
			for i < len(src) && (sqliteIsDigit(src[i]) || src[i] == '_') {
				i++
			}
		}
	}
	return i
}

func sqliteIsDigit(c byte) bool { return '0' <= c && c <= '9' }

func sqliteIsHex(c byte) bool {
	return sqliteIsDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// sqliteIdentStart: SQLite takes every byte of a multi-byte UTF-8 character as an
// identifier character.
func sqliteIdentStart(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c >= 0x80
}

func sqliteIdentPart(c byte) bool { return sqliteIdentStart(c) || sqliteIsDigit(c) || c == '$' }
