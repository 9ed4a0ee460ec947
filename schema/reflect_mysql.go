package schema

// The MySQL and MariaDB Reflector reads information_schema. One implementation serves
// both servers, registered under both dialect names; what differs by server (how
// COLUMN_DEFAULT is written, where CHECK constraints are, expression index parts,
// sequences) is chosen from SELECT VERSION() on every call, so a "mysql" Inspector
// pointed at MariaDB still reads it correctly.
//
// What reflection gives back, where the server forgets or rewrites what was declared:
//
//   - Types come from COLUMN_TYPE. TINYINT(1) is Bool (MySQL's BOOL is TINYINT(1));
//     other TINYINTs and YEAR are SmallInt; unsigned integers widen to the next kind
//     (SMALLINT UNSIGNED → Int, INT UNSIGNED → BigInt; BIGINT UNSIGNED stays BigInt);
//     MEDIUMINT is Int. FLOAT(p,s) is Real and DOUBLE Double (p and s are dropped).
//     TINYTEXT, TEXT, MEDIUMTEXT and LONGTEXT are all Text; TINYBLOB to LONGBLOB are
//     Bytes; BINARY(n) and VARBINARY(n) are VarBinary(n). CHAR(36) stays FixedChar(36):
//     a UUID column, which this dialect creates as CHAR(36), reflects as CHAR(36), not
//     UUID (MariaDB 10.7's own UUID type is UUID). DATETIME(p) and TIMESTAMP(p) are
//     TimestampP(p, false): a zone declared on the column is lost, MySQL has none.
//     TIME(p) is a Time of Precision p; no fractional digits is Precision 0.
//     ENUM(…) is types.Enum named after its column, since MySQL enums have no name.
//     MariaDB stores JSON as LONGTEXT with a column CHECK (json_valid(`c`)) named
//     after the column: that pair reflects as JSON, without the check or the
//     utf8mb4_bin collation JSON implies (so a LONGTEXT declared with exactly that
//     check reflects as JSON too). Other types (SET, BIT, GEOMETRY, INET6, …) are an
//     Unknown types.Type whose Name is the COLUMN_TYPE.
//   - Defaults are ast literals of the column's Go kind: int64 for integers, bool for
//     TINYINT(1) 0 and 1, float64 for FLOAT and DOUBLE, the stored digits as a string
//     for DECIMAL (3.1 declared on DECIMAL(10,2) reflects as "3.10"), []byte for
//     binary columns (MariaDB prints their defaults as X'…' hexadecimal literals) and
//     strings for everything else, dates and times included.
//     CURRENT_TIMESTAMP, NOW() and their (p) forms are ast.CurrentTimestamp(): the
//     precision is the column's (MySQL requires it to be). CURDATE() is
//     ast.CurrentDate(). Other expressions are ast.Text as the server prints them. An
//     explicit DEFAULT NULL is no default.
//   - The primary key is always Table.PrimaryKey, with Name "" (MySQL calls every
//     primary key PRIMARY) and its columns in key order; columns are NotNull but not
//     marked PrimaryKey. Single-column UNIQUE constraints are Table.Uniques too, never
//     Column.Unique.
//   - MySQL has unique indexes, not unique constraints: a unique index over plain
//     columns, ascending and without prefix lengths, is a UniqueConstraint (CREATE
//     UNIQUE INDEX over columns reflects as one); any other unique index is an Index.
//   - InnoDB creates an index for a foreign key that has none, named after the
//     constraint (or, unnamed, after its first column): a non-unique index over
//     exactly a foreign key's columns with either name is left out, since creating the
//     foreign key makes it again.
//   - Foreign key actions RESTRICT and NO ACTION are both NoAction: InnoDB treats them
//     alike, and MariaDB reports RESTRICT for a key declared without actions. SET
//     DEFAULT is not supported by InnoDB, which MariaDB stores as RESTRICT.
//   - CHECK constraints, generated column expressions and expression index parts are
//     ast.Text as the server normalized them (MariaDB: `i` > 0; MySQL's outer
//     parentheses are removed). MariaDB's column-level checks are table checks named
//     after their column. Unnamed constraints carry the names the server gave them.
//   - Constraints and indexes are sorted by name (MariaDB reorders keys anyway).
//   - Column collation is kept only where it differs from the table's default (a
//     view's: the database's); the table's own collation and character set are not
//     reflected. Table options are the comment (ast.TableComment) and
//     ast.DialectOption(<dialect>, "engine", …), where <dialect> is the name the
//     Reflector was registered under.
//   - AUTO_INCREMENT is AutoIncrement (MySQL has no identity columns, so Identity is
//     nil). Not reflected at all: ON UPDATE, INVISIBLE columns, system versioning,
//     partitioning, index comments and visibility, the AUTO_INCREMENT counter.
//   - Sequences (MariaDB 10.3+) give settings equal to the server's defaults as 0:
//     increment 1, MINVALUE 1 and MAXVALUE 9223372036854775806 ascending (or
//     -9223372036854775807 and -1 descending), START at MINVALUE ascending (MAXVALUE
//     descending), CACHE 1000. NOCACHE is Cache 1, which behaves alike. A MINVALUE
//     (or START, MAXVALUE) of 0 cannot be told from the default and is lost.
//   - View definitions are as stored, with every name qualified by its database.
//   - Tables include MariaDB's system-versioned tables; Table also reads a view's
//     columns.

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/types"
)

func init() {
	RegisterReflector("mysql", &mysqlReflector{dialect: "mysql"})
	RegisterReflector("mariadb", &mysqlReflector{dialect: "mariadb"})
}

// A mysqlReflector reads a MySQL or MariaDB catalog; dialect names the
// ast.DialectOption it writes the engine into.
type mysqlReflector struct{ dialect string }

// mysqlSystemSchemas are left out of SchemaNames.
var mysqlSystemSchemas = []string{"information_schema", "mysql", "performance_schema", "sys"}

// A mysqlServer is what one call learned of the server before reading its catalog.
type mysqlServer struct {
	database string // DATABASE(), or "" when none is selected
	mariadb  bool
	version  compiler.Version
}

// quotedDefaults reports whether COLUMN_DEFAULT is SQL (MariaDB 10.2.7+: 'abc' quoted,
// NULL written out, expressions as they are) rather than MySQL's bare values.
func (s mysqlServer) quotedDefaults() bool { return s.mariadb && s.version.AtLeast(10, 2, 7) }

// hasChecks reports whether information_schema.CHECK_CONSTRAINTS exists.
func (s mysqlServer) hasChecks() bool {
	if s.mariadb {
		return s.version.AtLeast(10, 2, 22)
	}
	return s.version.AtLeast(8, 0, 16)
}

// hasIndexExpressions reports whether STATISTICS has EXPRESSION (MySQL 8.0.13's
// functional key parts; MariaDB has none).
func (s mysqlServer) hasIndexExpressions() bool {
	return !s.mariadb && s.version.AtLeast(8, 0, 13)
}

// hasSequences reports whether the server has CREATE SEQUENCE (MariaDB 10.3+).
func (s mysqlServer) hasSequences() bool { return s.mariadb && s.version.AtLeast(10, 3, 0) }

// server asks for the current database and the server's version.
func (r *mysqlReflector) server(ctx context.Context, q Querier) (mysqlServer, error) {
	var s mysqlServer
	var db sql.NullString
	var version string
	err := mysqlQuery(ctx, q, "SELECT DATABASE(), VERSION()", nil, func(rows *sql.Rows) error {
		return rows.Scan(&db, &version)
	})
	if err != nil {
		return s, fmt.Errorf("schema: %s: reading the server version: %w", r.dialect, err)
	}
	s.database = db.String
	s.mariadb = strings.Contains(strings.ToLower(version), "mariadb")
	s.version, _ = compiler.ParseVersion(version)
	return s, nil
}

// resolve returns the server and the schema to read: schema, or the current database.
func (r *mysqlReflector) resolve(ctx context.Context, q Querier, schema string) (mysqlServer, string, error) {
	s, err := r.server(ctx, q)
	if err != nil {
		return s, "", err
	}
	if schema == "" {
		if s.database == "" {
			return s, "", fmt.Errorf("schema: %s: no database selected: %w", r.dialect, ErrNotFound)
		}
		schema = s.database
	}
	return s, schema, nil
}

// mysqlQuery runs query and calls scan for each row.
func mysqlQuery(ctx context.Context, q Querier, query string, args []any, scan func(*sql.Rows) error) error {
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
	return rows.Err()
}

// information_schema compares names case-insensitively (MariaDB, and MySQL with
// lower_case_table_names), while table and database names are case-sensitive on
// most systems: every query below selects the names it filtered on, and skips the
// rows whose names differ from the ones asked for, which can only be in case.

// DefaultSchema returns DATABASE(), or an error wrapping ErrNotFound when the
// connection has no database selected.
func (r *mysqlReflector) DefaultSchema(ctx context.Context, q Querier) (string, error) {
	_, schema, err := r.resolve(ctx, q, "")
	return schema, err
}

// SchemaNames returns the databases, without MySQL's own.
func (r *mysqlReflector) SchemaNames(ctx context.Context, q Querier) ([]string, error) {
	var names []string
	err := mysqlQuery(ctx, q, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA", nil, func(rows *sql.Rows) error {
		var n string
		if err := rows.Scan(&n); err != nil {
			return err
		}
		if !slices.Contains(mysqlSystemSchemas, strings.ToLower(n)) {
			names = append(names, n)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("schema: %s: listing schemas: %w", r.dialect, err)
	}
	slices.Sort(names)
	return names, nil
}

// TableNames returns the base tables (system-versioned ones included) of schema.
func (r *mysqlReflector) TableNames(ctx context.Context, q Querier, schema string) ([]string, error) {
	return r.names(ctx, q, schema, "tables", "'BASE TABLE', 'SYSTEM VERSIONED'")
}

// ViewNames returns the views of schema.
func (r *mysqlReflector) ViewNames(ctx context.Context, q Querier, schema string) ([]string, error) {
	return r.names(ctx, q, schema, "views", "'VIEW'")
}

// names lists the TABLES rows of schema whose TABLE_TYPE is in tableTypes (SQL text).
// An empty list from a schema that does not exist is an error wrapping ErrNotFound.
func (r *mysqlReflector) names(ctx context.Context, q Querier, schema, what, tableTypes string) ([]string, error) {
	_, schema, err := r.resolve(ctx, q, schema)
	if err != nil {
		return nil, err
	}
	names, err := r.tableNames(ctx, q, schema, tableTypes)
	if err != nil {
		return nil, fmt.Errorf("schema: %s: listing the %s of %s: %w", r.dialect, what, schema, err)
	}
	if len(names) == 0 {
		if err := r.schemaExists(ctx, q, schema); err != nil {
			return nil, err
		}
	}
	return names, nil
}

func (r *mysqlReflector) tableNames(ctx context.Context, q Querier, schema, tableTypes string) ([]string, error) {
	var names []string
	err := mysqlQuery(ctx, q, "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES "+
		"WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ("+tableTypes+")", []any{schema}, func(rows *sql.Rows) error {
		var s, n string
		if err := rows.Scan(&s, &n); err != nil {
			return err
		}
		if s == schema {
			names = append(names, n)
		}
		return nil
	})
	slices.Sort(names)
	return names, err
}

// schemaExists returns nil when schema exists and an error wrapping ErrNotFound when
// it does not.
func (r *mysqlReflector) schemaExists(ctx context.Context, q Querier, schema string) error {
	found := false
	err := mysqlQuery(ctx, q, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?",
		[]any{schema}, func(rows *sql.Rows) error {
			var n string
			if err := rows.Scan(&n); err != nil {
				return err
			}
			found = found || n == schema
			return nil
		})
	if err != nil {
		return fmt.Errorf("schema: %s: looking up schema %s: %w", r.dialect, schema, err)
	}
	if !found {
		return fmt.Errorf("schema: %s: schema %s: %w", r.dialect, schema, ErrNotFound)
	}
	return nil
}

// ViewDefinition returns VIEWS.VIEW_DEFINITION: the SELECT as the server rewrote it.
func (r *mysqlReflector) ViewDefinition(ctx context.Context, q Querier, schema, name string) (string, error) {
	_, schema, err := r.resolve(ctx, q, schema)
	if err != nil {
		return "", err
	}
	var def sql.NullString
	found := false
	err = mysqlQuery(ctx, q, "SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS "+
		"WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?", []any{schema, name}, func(rows *sql.Rows) error {
		var s, n string
		var d sql.NullString
		if err := rows.Scan(&s, &n, &d); err != nil {
			return err
		}
		if s == schema && n == name {
			def, found = d, true
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("schema: %s: reading view %s.%s: %w", r.dialect, schema, name, err)
	}
	if !found {
		return "", fmt.Errorf("schema: %s: view %s.%s: %w", r.dialect, schema, name, ErrNotFound)
	}
	return def.String, nil
}

// MariaDB's sequence defaults, which reflect as 0.
const (
	mariadbSeqCache  = 1000
	mariadbSeqMaxAsc = 9223372036854775806
	mariadbSeqMinDsc = -9223372036854775807
)

// Sequences reads MariaDB's sequences (TABLES rows of type SEQUENCE, each read with
// SELECT from the sequence itself); MySQL and MariaDB before 10.3 have none.
func (r *mysqlReflector) Sequences(ctx context.Context, q Querier, schema string) ([]*ast.Sequence, error) {
	s, resolved, err := r.resolve(ctx, q, schema)
	if err != nil {
		return nil, err
	}
	if !s.hasSequences() {
		return nil, r.schemaExists(ctx, q, resolved)
	}
	names, err := r.tableNames(ctx, q, resolved, "'SEQUENCE'")
	if err != nil {
		return nil, fmt.Errorf("schema: %s: listing the sequences of %s: %w", r.dialect, resolved, err)
	}
	if len(names) == 0 {
		return nil, r.schemaExists(ctx, q, resolved)
	}
	seqs := make([]*ast.Sequence, 0, len(names))
	for _, n := range names {
		var start, minV, maxV, inc, cache int64
		var cycle bool
		err := mysqlQuery(ctx, q, "SELECT start_value, minimum_value, maximum_value, increment, cache_size, cycle_option FROM "+
			mysqlQuote(resolved)+"."+mysqlQuote(n), nil, func(rows *sql.Rows) error {
			return rows.Scan(&start, &minV, &maxV, &inc, &cache, &cycle)
		})
		if err != nil {
			return nil, fmt.Errorf("schema: %s: reading sequence %s.%s: %w", r.dialect, resolved, n, err)
		}
		seq := &ast.Sequence{Schema: schema, Name: n, Cycle: cycle}
		defMin, defMax, defStart := int64(1), int64(mariadbSeqMaxAsc), minV
		if inc < 0 {
			defMin, defMax, defStart = mariadbSeqMinDsc, -1, maxV
		}
		if inc != 1 {
			seq.Increment = inc
		}
		if minV != defMin {
			seq.MinValue = minV
		}
		if maxV != defMax {
			seq.MaxValue = maxV
		}
		if start != defStart {
			seq.Start = start
		}
		switch cache {
		case mariadbSeqCache:
		case 0:
			seq.Cache = 1 // NOCACHE: 0 would read as the default; CACHE 1 does the same
		default:
			seq.Cache = cache
		}
		seqs = append(seqs, seq)
	}
	return seqs, nil
}

// mysqlQuote quotes an identifier with backquotes.
func mysqlQuote(name string) string {
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

// A mysqlColumn is one COLUMNS row.
type mysqlColumn struct {
	name, dataType, columnType, nullable, extra, comment string
	def, collation, generation                           sql.NullString
}

// A mysqlKeyPart is one STATISTICS row.
type mysqlKeyPart struct {
	column string // "" for an expression part
	expr   string
	seq    int64
	desc   bool
	length int
}

// A mysqlKey is one index, from its STATISTICS rows.
type mysqlKey struct {
	name   string
	unique bool
	using  string // INDEX_TYPE
	parts  []mysqlKeyPart
}

// plain reports whether k is over columns only, ascending, without prefix lengths.
func (k *mysqlKey) plain() bool {
	for _, p := range k.parts {
		if p.column == "" || p.desc || p.length != 0 {
			return false
		}
	}
	return true
}

func (k *mysqlKey) columns() []string {
	cols := make([]string, len(k.parts))
	for i, p := range k.parts {
		cols[i] = p.column
	}
	return cols
}

// A mysqlTableReader reads the catalog rows of one table.
type mysqlTableReader struct {
	q       Querier
	srv     mysqlServer
	dialect string
	schema  string // resolved: never ""
	name    string
	where   string         // schema.name, for messages
	typ     string         // TABLE_TYPE
	engine  sql.NullString // ENGINE
	collate sql.NullString // the table's default collation (a view's: its database's)
	comment sql.NullString // TABLE_COMMENT
}

// each runs query, which selects the schema and table name first and takes them as
// its two arguments, scans the rest of every row into dest and calls keep for the
// rows of this very table (the names compare case-insensitively in the query).
func (tr *mysqlTableReader) each(ctx context.Context, what, query string, dest []any, keep func()) error {
	var sch, n string
	all := append([]any{&sch, &n}, dest...)
	err := mysqlQuery(ctx, tr.q, query, []any{tr.schema, tr.name}, func(rows *sql.Rows) error {
		if err := rows.Scan(all...); err != nil {
			return err
		}
		if sch == tr.schema && n == tr.name {
			keep()
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("schema: %s: reading the %s of %s: %w", tr.dialect, what, tr.where, err)
	}
	return nil
}

// Table reflects one table (or view) of schema from information_schema.
func (r *mysqlReflector) Table(ctx context.Context, q Querier, schema, name string) (*ast.Table, error) {
	srv, resolved, err := r.resolve(ctx, q, schema)
	if err != nil {
		return nil, err
	}
	tr := &mysqlTableReader{q: q, srv: srv, dialect: r.dialect, schema: resolved, name: name,
		where: resolved + "." + name}
	if err := tr.table(ctx); err != nil {
		return nil, err
	}
	cols, err := tr.columns(ctx)
	if err != nil {
		return nil, err
	}
	checks, err := tr.checks(ctx)
	if err != nil {
		return nil, err
	}
	items := make([]ast.TableItem, 0, len(cols)+len(checks)+4)
	for _, c := range cols {
		var col *ast.Column
		col, checks = tr.column(c, checks)
		items = append(items, col)
	}
	if tr.typ == "VIEW" {
		return ast.NewSchemaTable(schema, name, items...), nil
	}
	fks, err := tr.foreignKeys(ctx)
	if err != nil {
		return nil, err
	}
	keys, err := tr.keys(ctx)
	if err != nil {
		return nil, err
	}

	var pk *ast.PrimaryKeyConstraint
	var uniques []*ast.UniqueConstraint
	var indexes []*ast.Index
	for _, k := range keys {
		switch {
		case k.name == "PRIMARY":
			pk = ast.PrimaryKeyOf(k.columns()...)
		case k.unique && k.plain():
			// MariaDB's unique keys on BLOB and TEXT are HASH ("long unique"): still
			// a UNIQUE constraint.
			uniques = append(uniques, &ast.UniqueConstraint{Name: k.name, Columns: k.columns()})
		case !k.unique && mysqlBacksForeignKey(k, fks):
		default:
			indexes = append(indexes, k.index())
		}
	}

	if pk != nil {
		items = append(items, pk)
	}
	slices.SortFunc(fks, func(a, b *ast.ForeignKeyConstraint) int { return strings.Compare(a.Name, b.Name) })
	for _, fk := range fks {
		items = append(items, fk)
	}
	slices.SortFunc(uniques, func(a, b *ast.UniqueConstraint) int { return strings.Compare(a.Name, b.Name) })
	for _, u := range uniques {
		items = append(items, u)
	}
	slices.SortFunc(checks, func(a, b *ast.CheckConstraint) int { return strings.Compare(a.Name, b.Name) })
	for _, c := range checks {
		items = append(items, c)
	}
	slices.SortFunc(indexes, func(a, b *ast.Index) int { return strings.Compare(a.Name, b.Name) })
	for _, ix := range indexes {
		items = append(items, ix)
	}
	if tr.comment.String != "" {
		items = append(items, ast.TableComment(tr.comment.String))
	}
	if tr.engine.String != "" {
		items = append(items, ast.DialectOption(r.dialect, "engine", tr.engine.String))
	}
	return ast.NewSchemaTable(schema, name, items...), nil
}

// table reads the TABLES row, and a view's default collation.
func (tr *mysqlTableReader) table(ctx context.Context) error {
	var typ string
	var engine, collate, comment sql.NullString
	found := false
	err := tr.each(ctx, "definition", "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, "+
		"TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
		[]any{&typ, &engine, &collate, &comment}, func() {
			if typ != "SEQUENCE" {
				found = true
				tr.typ, tr.engine, tr.collate, tr.comment = typ, engine, collate, comment
			}
		})
	if err != nil {
		return err
	}
	if !found {
		return fmt.Errorf("schema: %s: table %s: %w", tr.dialect, tr.where, ErrNotFound)
	}
	if tr.typ != "VIEW" {
		return nil
	}
	// A view has no collation of its own: its columns are compared with the database's.
	err = mysqlQuery(ctx, tr.q, "SELECT SCHEMA_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA "+
		"WHERE SCHEMA_NAME = ?", []any{tr.schema}, func(rows *sql.Rows) error {
		var sch string
		var c sql.NullString
		if err := rows.Scan(&sch, &c); err != nil {
			return err
		}
		if sch == tr.schema {
			tr.collate = c
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("schema: %s: reading the default collation of %s: %w", tr.dialect, tr.schema, err)
	}
	return nil
}

// columns reads the COLUMNS rows, in order.
func (tr *mysqlTableReader) columns(ctx context.Context) ([]mysqlColumn, error) {
	var cols []mysqlColumn
	var c mysqlColumn
	err := tr.each(ctx, "columns", "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, "+
		"IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT, COLLATION_NAME, GENERATION_EXPRESSION "+
		"FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
		[]any{&c.name, &c.dataType, &c.columnType, &c.nullable, &c.def, &c.extra, &c.comment, &c.collation, &c.generation},
		func() { cols = append(cols, c) })
	return cols, err
}

// checks reads the CHECK constraints. MariaDB's CHECK_CONSTRAINTS names the table;
// MySQL's does not (its check names are unique per schema) and is joined with
// TABLE_CONSTRAINTS.
func (tr *mysqlTableReader) checks(ctx context.Context) ([]*ast.CheckConstraint, error) {
	if !tr.srv.hasChecks() || tr.typ == "VIEW" {
		return nil, nil
	}
	query := "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE " +
		"FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?"
	if !tr.srv.mariadb {
		query = "SELECT tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE " +
			"FROM information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.CHECK_CONSTRAINTS cc " +
			"ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME " +
			"WHERE tc.TABLE_SCHEMA = ? AND tc.TABLE_NAME = ? AND tc.CONSTRAINT_TYPE = 'CHECK'"
	}
	var checks []*ast.CheckConstraint
	var name, clause string
	err := tr.each(ctx, "check constraints", query, []any{&name, &clause}, func() {
		if !tr.srv.mariadb {
			clause = mysqlStripParens(clause)
		}
		checks = append(checks, &ast.CheckConstraint{Name: name, Expr: ast.Text(clause)})
	})
	return checks, err
}

// column builds the ast column of c. A MariaDB JSON column takes its json_valid check
// out of checks, which column returns.
func (tr *mysqlTableReader) column(c mysqlColumn, checks []*ast.CheckConstraint) (*ast.Column, []*ast.CheckConstraint) {
	col := &ast.Column{Name: c.name, Type: mysqlType(c.columnType, c.name)}
	extra := strings.ToLower(c.extra)
	col.NotNull = c.nullable == "NO"
	col.AutoIncrement = strings.Contains(extra, "auto_increment")
	col.Comment = c.comment
	isJSON := false
	if tr.srv.mariadb && c.dataType == "longtext" {
		valid := "json_valid(" + mysqlQuote(c.name) + ")"
		i := slices.IndexFunc(checks, func(k *ast.CheckConstraint) bool {
			return k.Name == c.name && k.Expr.(*ast.TextClause).SQL == valid
		})
		if i >= 0 {
			checks = slices.Delete(checks, i, i+1)
			col.Type, isJSON = types.JSONType, true
		}
	}
	if c.collation.Valid && c.collation.String != tr.collate.String && !isJSON {
		col.Collation = c.collation.String
	}
	stored := strings.Contains(extra, "stored generated")
	if (stored || strings.Contains(extra, "virtual generated")) && c.generation.String != "" {
		expr := c.generation.String
		if !tr.srv.mariadb {
			expr = mysqlStripParens(expr)
		}
		col.Computed = &ast.Computed{Expr: ast.Text(expr), Stored: stored}
	} else {
		col.Default = tr.srv.parseDefault(c.def, extra, col.Type)
	}
	return col, checks
}

// foreignKeys reads the foreign keys: columns from KEY_COLUMN_USAGE, actions from
// REFERENTIAL_CONSTRAINTS.
func (tr *mysqlTableReader) foreignKeys(ctx context.Context) ([]*ast.ForeignKeyConstraint, error) {
	var fks []*ast.ForeignKeyConstraint
	byName := map[string]*ast.ForeignKeyConstraint{}
	var cname, col, rsch, rtab, rcol string
	err := tr.each(ctx, "foreign keys", "SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, "+
		"REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME "+
		"FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "+
		"AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY CONSTRAINT_NAME, ORDINAL_POSITION",
		[]any{&cname, &col, &rsch, &rtab, &rcol}, func() {
			fk := byName[cname]
			if fk == nil {
				fk = &ast.ForeignKeyConstraint{Name: cname, RefTable: rtab}
				if rsch != tr.schema {
					fk.RefSchema = rsch
				}
				byName[cname] = fk
				fks = append(fks, fk)
			}
			fk.Columns = append(fk.Columns, col)
			fk.RefColumns = append(fk.RefColumns, rcol)
		})
	if err != nil || len(fks) == 0 {
		return fks, err
	}
	var upd, del string
	err = tr.each(ctx, "foreign key actions", "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, "+
		"UPDATE_RULE, DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS "+
		"WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?", []any{&cname, &upd, &del}, func() {
		if fk := byName[cname]; fk != nil {
			fk.OnUpdate, fk.OnDelete = mysqlRefAction(upd), mysqlRefAction(del)
		}
	})
	return fks, err
}

// keys reads the indexes (the primary key and unique constraints included) from
// STATISTICS, each with its parts in order.
func (tr *mysqlTableReader) keys(ctx context.Context) ([]*mysqlKey, error) {
	expr := "NULL"
	if tr.srv.hasIndexExpressions() {
		expr = "EXPRESSION"
	}
	var keys []*mysqlKey
	byName := map[string]*mysqlKey{}
	var name, typ string
	var nonUnique, seq int64
	var col, ex, coll sql.NullString
	var sub sql.NullInt64
	err := tr.each(ctx, "indexes", "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, "+
		"COLUMN_NAME, "+expr+", COLLATION, SUB_PART, INDEX_TYPE FROM information_schema.STATISTICS "+
		"WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
		[]any{&name, &nonUnique, &seq, &col, &ex, &coll, &sub, &typ}, func() {
			k := byName[name]
			if k == nil {
				k = &mysqlKey{name: name, unique: nonUnique == 0, using: typ}
				byName[name] = k
				keys = append(keys, k)
			}
			k.parts = append(k.parts, mysqlKeyPart{column: col.String, expr: ex.String, seq: seq,
				desc: coll.String == "D", length: int(sub.Int64)})
		})
	for _, k := range keys {
		slices.SortFunc(k.parts, func(a, b mysqlKeyPart) int { return cmp.Compare(a.seq, b.seq) })
	}
	return keys, err
}

// index returns k as an ast index.
func (k *mysqlKey) index() *ast.Index {
	ix := &ast.Index{Name: k.name, Unique: k.unique, Columns: make([]ast.IndexPart, len(k.parts))}
	for i, p := range k.parts {
		ix.Columns[i] = ast.IndexPart{Column: p.column, Desc: p.desc, Length: p.length}
		if p.column == "" {
			ix.Columns[i].Expr = ast.Text(p.expr)
		}
	}
	if k.using != "BTREE" {
		ix.Using = k.using
	}
	return ix
}

// mysqlBacksForeignKey reports whether k is the index InnoDB made for one of fks: over
// exactly its columns and named after the constraint or its first column.
func mysqlBacksForeignKey(k *mysqlKey, fks []*ast.ForeignKeyConstraint) bool {
	if !k.plain() || k.using != "BTREE" {
		return false
	}
	cols := k.columns()
	for _, fk := range fks {
		if !slices.Equal(cols, fk.Columns) {
			continue
		}
		if k.name == fk.Name || k.name == fk.Columns[0] {
			return true
		}
		// A first-column name already taken gets a suffix: col_2, col_3, …
		if rest, ok := strings.CutPrefix(k.name, fk.Columns[0]+"_"); ok {
			if _, err := strconv.Atoi(rest); err == nil {
				return true
			}
		}
	}
	return false
}

// mysqlRefAction maps UPDATE_RULE and DELETE_RULE. RESTRICT is NoAction: InnoDB has
// no deferred checks, so the two behave alike, and MariaDB reports RESTRICT for a
// foreign key declared without actions.
func mysqlRefAction(rule string) ast.RefAction {
	switch rule {
	case "CASCADE":
		return ast.Cascade
	case "SET NULL":
		return ast.SetNull
	case "SET DEFAULT":
		return ast.SetDefault
	}
	return ast.NoAction
}

// mysqlType maps a COLUMN_TYPE back into package types; see the file comment.
func mysqlType(columnType, column string) *types.Type {
	ct := strings.ToLower(strings.TrimSpace(columnType))
	base, args, suffix := ct, "", ""
	if i := strings.IndexAny(ct, "( "); i >= 0 {
		base, suffix = ct[:i], ct[i:]
		if suffix[0] == '(' {
			if j := strings.LastIndexByte(suffix, ')'); j > 0 {
				args, suffix = suffix[1:j], suffix[j+1:]
			}
		}
	}
	unsigned := strings.Contains(suffix, "unsigned")
	n, _ := strconv.Atoi(args)
	switch base {
	case "tinyint":
		if args == "1" && !unsigned {
			return types.Bool
		}
		return types.SmallInteger
	case "bool", "boolean":
		return types.Bool
	case "smallint", "year":
		if unsigned {
			return types.Integer
		}
		return types.SmallInteger
	case "mediumint":
		return types.Integer
	case "int", "integer":
		if unsigned {
			return types.BigInteger
		}
		return types.Integer
	case "bigint":
		return types.BigInteger
	case "float":
		return types.Real
	case "double", "real", "double precision":
		return types.DoubleFloat
	case "decimal", "numeric", "fixed":
		p, sc, _ := strings.Cut(args, ",")
		prec, _ := strconv.Atoi(strings.TrimSpace(p))
		scale, _ := strconv.Atoi(strings.TrimSpace(sc))
		return types.Decimal(prec, scale)
	case "varchar":
		return types.String(n)
	case "char":
		return types.FixedChar(n)
	case "tinytext", "text", "mediumtext", "longtext":
		return types.Text
	case "date":
		return types.DateType
	case "time":
		return &types.Type{Kind: types.Time, Precision: n}
	case "datetime", "timestamp":
		return types.TimestampP(n, false)
	case "binary", "varbinary":
		return types.VarBinary(n)
	case "tinyblob", "blob", "mediumblob", "longblob":
		return types.Bytes
	case "json":
		return types.JSONType
	case "uuid":
		return types.UUIDType
	case "enum":
		if values, ok := mysqlStrings(args); ok {
			return types.Enum(column, values...)
		}
	}
	return &types.Type{Name: columnType}
}

// mysqlStrings parses a comma-separated list of quoted strings, as in ENUM('a','b').
func mysqlStrings(s string) ([]string, bool) {
	var out []string
	for i := 0; i < len(s); {
		v, n, ok := mysqlString(s[i:])
		if !ok {
			return nil, false
		}
		out = append(out, v)
		i += n
		if i < len(s) {
			if s[i] != ',' {
				return nil, false
			}
			i++
		}
	}
	return out, true
}

// mysqlString reads the quoted string at the start of s, with MySQL's escapes (a
// doubled quote, and backslash sequences, which information_schema always uses), and
// returns its value and length.
func mysqlString(s string) (string, int, bool) {
	if len(s) < 2 || s[0] != '\'' {
		return "", 0, false
	}
	var sb strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; c {
		case '\'':
			if i+1 < len(s) && s[i+1] == '\'' {
				sb.WriteByte('\'')
				i++
				continue
			}
			return sb.String(), i + 1, true
		case '\\':
			if i+1 == len(s) {
				return "", 0, false
			}
			i++
			switch e := s[i]; e {
			case '0':
				sb.WriteByte(0)
			case 'b':
				sb.WriteByte('\b')
			case 'n':
				sb.WriteByte('\n')
			case 'r':
				sb.WriteByte('\r')
			case 't':
				sb.WriteByte('\t')
			case 'Z':
				sb.WriteByte(0x1a)
			case '%', '_': // kept with their backslash, as MySQL does outside LIKE
				sb.WriteByte('\\')
				sb.WriteByte(e)
			default:
				sb.WriteByte(e)
			}
		default:
			sb.WriteByte(c)
		}
	}
	return "", 0, false
}

// parseDefault turns COLUMN_DEFAULT into an expression for a column of type t; see
// the file comment for the forms. extra is the lower-cased EXTRA.
func (s mysqlServer) parseDefault(def sql.NullString, extra string, t *types.Type) ast.Expr {
	if !def.Valid {
		return nil
	}
	raw := def.String
	if s.quotedDefaults() {
		switch {
		case raw == "NULL":
			return nil
		case strings.HasPrefix(raw, "'"):
			if v, n, ok := mysqlString(raw); ok && n == len(raw) {
				return mysqlLiteral(v, t)
			}
			return ast.Text(raw)
		case mysqlIsNumber(raw):
			return mysqlLiteral(raw, t)
		case len(raw) >= 3 && (raw[0] == 'X' || raw[0] == 'x') && raw[1] == '\'' && raw[len(raw)-1] == '\'':
			// A binary default is printed as a hexadecimal literal: X'0041FF'.
			if b, err := hex.DecodeString(raw[2 : len(raw)-1]); err == nil {
				return mysqlLiteral(string(b), t)
			}
		}
		if f := mysqlCurrent(raw); f != nil {
			return f
		}
		return ast.Text(raw)
	}
	// MySQL writes literals bare and marks expressions DEFAULT_GENERATED (8.0.13+);
	// before that CURRENT_TIMESTAMP was the only expression a default could be.
	if f := mysqlCurrent(raw); f != nil && (strings.Contains(extra, "default_generated") || types.Of(t).Kind.IsTemporal()) {
		return f
	}
	if strings.Contains(extra, "default_generated") {
		return ast.Text(raw)
	}
	return mysqlLiteral(raw, t)
}

// mysqlLiteral returns the literal v (a default's text) as a value of t's Go kind.
func mysqlLiteral(v string, t *types.Type) ast.Expr {
	switch k := types.Of(t).Kind; {
	case k == types.Boolean && (v == "0" || v == "1"):
		return ast.Lit(v == "1")
	case k.IsInteger() || k == types.Boolean:
		if i, err := strconv.ParseInt(v, 10, 64); err == nil {
			return ast.Lit(i)
		}
	case k == types.Float || k == types.Double:
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			return ast.Lit(f)
		}
	case k == types.Binary:
		return ast.Lit([]byte(v))
	}
	return ast.Lit(v)
}

// mysqlIsNumber reports whether s is a bare numeric literal: -?digits[.digits][e±digits].
func mysqlIsNumber(s string) bool {
	if _, err := strconv.ParseFloat(s, 64); err != nil {
		return false
	}
	// ParseFloat also takes "Inf", "NaN", hex and underscores, which MySQL never writes.
	for _, c := range s {
		if !strings.ContainsRune("0123456789+-.eE", c) {
			return false
		}
	}
	return true
}

// mysqlCurrent returns ast.CurrentTimestamp() or ast.CurrentDate() for the spellings
// of those defaults, and nil for anything else.
func mysqlCurrent(raw string) ast.Expr {
	f := strings.ToLower(strings.ReplaceAll(mysqlStripParens(raw), " ", ""))
	name, args, call := strings.Cut(f, "(")
	if call {
		digits, ok := strings.CutSuffix(args, ")")
		if !ok {
			return nil
		}
		if digits != "" {
			if _, err := strconv.Atoi(digits); err != nil {
				return nil
			}
		}
		args = digits // a precision, or ""
	}
	switch name {
	case "current_timestamp", "now", "localtimestamp", "localtime":
		return ast.CurrentTimestamp()
	case "curdate", "current_date":
		if args == "" {
			return ast.CurrentDate()
		}
	}
	return nil
}

// mysqlStripParens removes one pair of parentheses enclosing all of s, as MySQL writes
// around CHECK clauses and generated column expressions.
func mysqlStripParens(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 2 || s[0] != '(' || s[len(s)-1] != ')' {
		return s
	}
	depth := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote != '`' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"' || c == '`':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 && i < len(s)-1 {
				return s // the first parenthesis closes before the end: (a) + (b)
			}
		}
	}
	if depth != 0 {
		return s
	}
	return strings.TrimSpace(s[1 : len(s)-1])
}
