package questdb

import (
	"slices"
	"strings"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/types"
)

// QuestDB's schema statements.
//
// QuestDB's CREATE TABLE has no constraints at all — no PRIMARY KEY, FOREIGN KEY,
// UNIQUE, CHECK, DEFAULT or meaningful NOT NULL — and instead describes how a
// time-series table is stored: the designated timestamp, time partitioning, the
// write-ahead log, deduplication keys, a time to live, and SYMBOL columns with their
// capacity, cache and bitmap index. Those are table options (ddl_options.go); the
// statements QuestDB has and the ast does not (TRUNCATE TABLE, ALTER TABLE … ALTER
// COLUMN … ADD INDEX, DROP PARTITION, DEDUP ENABLE/DISABLE, CREATE TABLE … AS with
// options) are nodes of this package, which other dialects refuse.
//
// What QuestDB lacks is an *compiler.UnsupportedError by default, never dropped in
// silence. A dialect made with OmitConstraints leaves those parts out instead, so
// that a MetaData written for PostgreSQL can be created on QuestDB as well.

// The kinds of this package's schema statements.
var (
	KindTruncate      = ast.MustNewKind("questdb.truncate table")
	KindAlterTable    = ast.MustNewKind("questdb.alter table")
	KindCreateTableAs = ast.MustNewKind("questdb.create table as")
)

// installDDL installs QuestDB's schema-statement rules on d, refusing what QuestDB
// cannot declare.
func installDDL(d *compiler.Dialect) { installDDLRules(d, false) }

// OmitConstraints returns a copy of the QuestDB dialect d that leaves out what
// QuestDB's schemas cannot hold, instead of refusing it: primary keys, foreign keys,
// UNIQUE and CHECK constraints (enum value checks included), DEFAULT, NOT NULL,
// autoincrement and identity, collations, comments, schemas other than public (the
// table is created in public), indexes other than on one SYMBOL column, sequences,
// and ALTER TABLE … ADD/DROP CONSTRAINT. With it, one MetaData written for
// PostgreSQL is created on QuestDB by schema.CreateAll:
//
//	engine.New(db, questdb.OmitConstraints(questdb.Dialect()))
//
// A statement left out as a whole (CREATE SEQUENCE, an index on a non-SYMBOL column,
// ADD CONSTRAINT) compiles to empty SQL, which QuestDB answers with an empty-query
// response. Generated columns and views are refused still: leaving them out would
// change what the table holds or what can be queried.
func OmitConstraints(d *compiler.Dialect) *compiler.Dialect {
	n := d.Clone()
	installDDLRules(n, true)
	return n
}

// ddl holds the rules of one QuestDB dialect: strict, or leaving constraints out.
type ddl struct {
	omit bool // leave out what QuestDB cannot declare, rather than refuse it
}

func installDDLRules(d *compiler.Dialect, omit bool) {
	x := ddl{omit: omit}
	d.DDL = 0 // no schema capability of the ANSI rules: QuestDB has none of them
	if omit {
		// ADD and DROP CONSTRAINT compile (to nothing), so schema.CreatePlan defers the
		// foreign keys of cycles instead of reporting the cycle.
		d.DDL = compiler.AlterAddConstraint | compiler.AlterDropConstraint
	}
	r := d.Rules
	r.Set(ast.KindCreateTable, x.createTable)
	r.Set(compiler.KindColumnDef, x.columnDef)
	r.Set(compiler.KindConstraintDef, x.constraintDef)
	r.Set(ast.KindDropTable, x.dropTable)
	r.Set(ast.KindAlterTable, x.alterTable)
	r.Set(ast.KindCreateIndex, x.createIndex)
	r.Set(ast.KindDropIndex, x.dropIndex)
	r.Set(ast.KindCreateTableAs, x.createTableAsANSI)
	r.Set(ast.KindCreateSequence, x.sequence)
	r.Set(ast.KindDropSequence, x.sequence)
	r.Set(ast.KindCreateView, x.view)
	r.Set(ast.KindDropView, x.view)
	r.Set(ast.KindComment, x.comment)
	r.Set(KindTruncate, x.truncate)
	r.Set(KindAlterTable, x.alter)
	r.Set(KindCreateTableAs, x.createTableAs)
}

// omitHint ends every refusal that OmitConstraints would turn into an omission.
const omitHint = "; or compile with questdb.OmitConstraints(dialect) to leave it out"

// refuse reports construct as unsupported and returns true, or under OmitConstraints
// returns false for the caller to leave it out.
func (x ddl) refuse(c *compiler.Ctx, construct, hint string) bool {
	if x.omit {
		return false
	}
	c.Unsupported(construct, hint+omitHint)
	return true
}

// The versions that brought what the rules check for. An unknown version is taken to
// be ddlBaseline, the release the project's reference verified.
var (
	ddlBaseline       = compiler.Version{Major: 8, Minor: 3, Patch: 4}
	walSince          = compiler.Version{Major: 7}           // WAL tables
	dedupSince        = compiler.Version{Major: 7, Minor: 3} // DEDUP UPSERT KEYS
	ttlSince          = compiler.Version{Major: 8, Minor: 2} // TTL (questdb/questdb#5234)
	truncateIfExSince = compiler.Version{Major: 9}           // TRUNCATE TABLE IF EXISTS (questdb/questdb#6020)
)

// serverVersion returns the QuestDB version the dialect was made for (see New), or
// ddlBaseline when it is not known — as it is not when the engine reads it from
// server_version ("12.3 (questdb)"). The baseline lets the options of QuestDB 7 and 8
// through, which a refusal would put out of reach of every dialect looked up by URL;
// what came later (TRUNCATE … IF EXISTS) waits for a version that has it.
func serverVersion(d *compiler.Dialect) compiler.Version {
	if v, ok := parseVersion(d.Version); ok {
		return v
	}
	return ddlBaseline
}

// since reports an UnsupportedError for construct unless the server is at least v.
func since(c *compiler.Ctx, v compiler.Version, construct string) bool {
	if serverVersion(c.Dialect()).AtLeast(v.Major, v.Minor, v.Patch) {
		return true
	}
	c.Unsupported(construct+" before QuestDB "+v.String(), "upgrade the server, or leave the option out")
	return false
}

// tableName writes a table's name. QuestDB has one schema, public, which it accepts
// as a qualifier and which is left out here; others are refused (or, under
// OmitConstraints, dropped: the table is created in public).
func (x ddl) tableName(c *compiler.Ctx, schema, name string) bool {
	if schema != "" && !strings.EqualFold(schema, "public") &&
		x.refuse(c, "schema "+schema+" (table "+schema+"."+name+")",
			"QuestDB has only the public schema: leave the table's Schema empty") {
		return false
	}
	c.Ident(name)
	return c.Err() == nil
}

// typeName returns QuestDB's name for t, or false when QuestDB has no such type (the
// column rule reports that).
func typeName(c *compiler.Ctx, t *types.Type) (string, bool) {
	if types.Of(t).Kind == types.Unknown {
		return "", false
	}
	name, err := c.Dialect().TypeName(t, false)
	return name, err == nil
}

// isSymbolType reports whether a QuestDB type name is SYMBOL.
func isSymbolType(name string) bool {
	return strings.EqualFold(name, "SYMBOL") || len(name) > 7 && strings.EqualFold(name[:7], "SYMBOL ")
}

// isTimestampType reports whether a QuestDB type name can be a designated timestamp.
func isTimestampType(name string) bool {
	return strings.EqualFold(name, "TIMESTAMP") || strings.EqualFold(name, "TIMESTAMP_NS")
}

// tableSpecOf parses the QuestDB options of table name, reporting a bad one.
func tableSpecOf(c *compiler.Ctx, name string, opts []ast.TableOption) (*tableSpec, bool) {
	spec, err := parseOptions(opts)
	if err != nil {
		c.Failf("table %s: %v", name, err)
		return nil, false
	}
	return spec, true
}

// A columnSet is what is known of a new table's columns: all of them, from a table's
// declaration, or those a CREATE TABLE … AS query names.
type columnSet struct {
	cols     []ast.ResultColumn
	complete bool // every column is known by name: others do not exist
}

func tableColumns(t *ast.Table) columnSet {
	cs := columnSet{complete: true}
	for _, col := range t.Columns {
		cs.cols = append(cs.cols, ast.ResultColumn{Name: col.Name, Type: col.Type})
	}
	return cs
}

func queryColumns(q ast.Stmt) columnSet {
	cs := columnSet{cols: ast.ResultColumns(q), complete: true}
	if len(cs.cols) == 0 {
		cs.complete = false
	}
	for _, rc := range cs.cols {
		if rc.Name == "" || rc.Name == "*" {
			cs.complete = false
		}
	}
	return cs
}

// find returns the column named name, matched as QuestDB matches names: without
// regard to case.
func (cs columnSet) find(name string) (ast.ResultColumn, bool) {
	for _, rc := range cs.cols {
		if rc.Name == name {
			return rc, true
		}
	}
	for _, rc := range cs.cols {
		if strings.EqualFold(rc.Name, name) {
			return rc, true
		}
	}
	return ast.ResultColumn{}, false
}

// checkSpec validates a new table's options against each other and its columns
// before anything is sent: QuestDB would reject the statement, or worse, create a
// table other than the one described. what names the table in errors.
func checkSpec(c *compiler.Ctx, what string, spec *tableSpec, cols columnSet, ctas bool) bool {
	column := func(role, name string) (ast.ResultColumn, bool) {
		rc, ok := cols.find(name)
		if !ok && cols.complete {
			c.Failf("table %s: %s %s is not a column of the table", what, role, name)
			return rc, false
		}
		return rc, true
	}
	// Names are matched as QuestDB matches them, and written as the columns spell
	// them.
	if spec.timestamp != "" {
		rc, ok := column("the designated timestamp", spec.timestamp)
		if !ok {
			return false
		}
		if rc.Name != "" {
			spec.timestamp = rc.Name
		}
		if name, known := typeName(c, rc.Type); known && !isTimestampType(name) {
			c.Failf("table %s: the designated timestamp %s must be a TIMESTAMP column, not %s", what, spec.timestamp, name)
			return false
		}
	}
	if spec.partition != "" && spec.timestamp == "" {
		c.Failf("table %s: PARTITION BY %s needs a designated timestamp (questdb.DesignatedTimestamp)", what, spec.partition)
		return false
	}
	if spec.wal == walOn {
		if !spec.partitioned() {
			c.Failf("table %s: WAL needs partitioning by time (questdb.PartitionBy with a unit other than NONE)", what)
			return false
		}
		if !since(c, walSince, "WAL tables") {
			return false
		}
	}
	if spec.wal == walOff && spec.partition != "" && !since(c, walSince, "BYPASS WAL") {
		return false
	}
	if t := spec.ttl; t != nil {
		if !spec.partitioned() {
			c.Failf("table %s: TTL needs partitioning by time (questdb.PartitionBy with a unit other than NONE)", what)
			return false
		}
		if !ttlFits(spec.partition, *t) {
			c.Failf("table %s: TTL %s is not a whole number of %s partitions", what, t, strings.ToLower(string(spec.partition)))
			return false
		}
		if !since(c, ttlSince, "TTL") {
			return false
		}
	}
	if len(spec.dedup) > 0 {
		switch {
		case spec.wal == walOff:
			c.Failf("table %s: DEDUP UPSERT KEYS needs a WAL table, and the table bypasses WAL", what)
			return false
		case !spec.walEnabled():
			c.Failf("table %s: DEDUP UPSERT KEYS needs a WAL table, which needs partitioning by time (questdb.PartitionBy)", what)
			return false
		}
		if !checkKeys(c, what, spec.dedup, spec.timestamp, column) || !since(c, dedupSince, "DEDUP UPSERT KEYS") {
			return false
		}
	}
	for i, s := range spec.symbols {
		rc, ok := column("the symbol column", s.column)
		if !ok {
			return false
		}
		if rc.Name != "" {
			spec.symbols[i].column = rc.Name
		}
		// CREATE TABLE … AS makes the column a SYMBOL with CAST.
		if name, known := typeName(c, rc.Type); known && !ctas && !isSymbolType(name) {
			c.Failf("table %s: symbol options on column %s, which is %s, not SYMBOL", what, s.column, name)
			return false
		}
	}
	return true
}

// checkKeys validates the upsert keys of DEDUP: columns of the table, no array, none
// twice, the designated timestamp among them. column looks a key up.
func checkKeys(c *compiler.Ctx, what string, keys []string, timestamp string, column func(role, name string) (ast.ResultColumn, bool)) bool {
	hasTS := false
	for i, k := range keys {
		rc, ok := column("the upsert key", k)
		if !ok {
			return false
		}
		if rc.Name != "" {
			keys[i] = rc.Name
		}
		if types.Of(rc.Type).Kind == types.Array {
			c.Failf("table %s: upsert key %s is an array column, which QuestDB cannot deduplicate by", what, k)
			return false
		}
		for _, prev := range keys[:i] {
			if strings.EqualFold(prev, k) {
				c.Failf("table %s: upsert key %s is named twice", what, k)
				return false
			}
		}
		hasTS = hasTS || timestamp != "" && strings.EqualFold(k, timestamp)
	}
	if !hasTS {
		if timestamp == "" {
			c.Failf("table %s: DEDUP UPSERT KEYS must include the designated timestamp, and the table has none", what)
		} else {
			c.Failf("table %s: DEDUP UPSERT KEYS must include the designated timestamp %s", what, timestamp)
		}
		return false
	}
	return true
}

// ttlFits reports whether a TTL is a whole number of partitions, as QuestDB requires
// (it drops whole partitions only).
func ttlFits(p Partition, t ttlSpec) bool {
	v := t.hoursOrMonths() // hours, or negative months
	switch p {
	case Day:
		return v < 0 || v%24 == 0
	case Week:
		return v < 0 || v%(24*7) == 0
	case Month:
		return v < 0
	case Year:
		return v < 0 && v%12 == 0
	}
	return true // HOUR
}

// storageClause writes what follows the column list or query of a new table:
//
//	[TIMESTAMP(ts) [PARTITION BY unit [TTL n unit] [WAL | BYPASS WAL]]] [DEDUP UPSERT KEYS(…)]
//
// Deduplication needs WAL, which QuestDB's configuration may turn off by default: with
// DEDUP, WAL is written out unless the options say otherwise.
func storageClause(c *compiler.Ctx, spec *tableSpec) {
	if spec.timestamp == "" {
		return
	}
	c.Write(" TIMESTAMP(")
	c.Ident(spec.timestamp)
	c.WriteByte(')')
	if spec.partition == "" {
		return // an unpartitioned table is never a WAL table: BYPASS WAL needs no words
	}
	c.Write(" PARTITION BY ")
	c.Write(string(spec.partition))
	if spec.ttl != nil {
		c.Write(" TTL ")
		c.Write(spec.ttl.String())
	}
	switch {
	case spec.wal == walOn || spec.wal == walDefault && len(spec.dedup) > 0:
		c.Write(" WAL")
	case spec.wal == walOff:
		c.Write(" BYPASS WAL")
	}
	if len(spec.dedup) > 0 {
		c.Write(" DEDUP UPSERT KEYS(")
		c.IdentList(spec.dedup)
		c.WriteByte(')')
	}
}

// createTable writes
//
//	CREATE TABLE [IF NOT EXISTS] name (col type [symbol options], …) [storage clause]
//
// after checking the table and its QuestDB options. Indexes are separate statements,
// as on every dialect (see createIndex).
func (x ddl) createTable(c *compiler.Ctx, n ast.Node) {
	s := n.(*ast.CreateTableStmt)
	td, ok := c.ResolveTable(s)
	if !ok {
		return
	}
	t := td.Table
	spec, ok := tableSpecOf(c, t.Name, t.Options)
	if !ok || !checkSpec(c, t.Name, spec, tableColumns(t), false) {
		return
	}
	for _, k := range td.Constraints {
		if x.refuseConstraint(c, t.Name, k.Type) {
			return
		}
	}
	if t.Comment() != "" && x.refuse(c, "comment on table "+t.Name, "QuestDB stores no comments") {
		return
	}
	c.Write("CREATE TABLE ")
	if s.IfNotExists {
		c.Write("IF NOT EXISTS ")
	}
	if !x.tableName(c, t.Schema, t.Name) {
		return
	}
	c.Write(" (")
	for i, col := range t.Columns {
		if i > 0 {
			c.Write(", ")
		}
		c.Node(compiler.NewColumnDef(t, col, s.Naming, false))
	}
	c.WriteByte(')')
	storageClause(c, spec)
}

// refuseConstraint refuses (or lets OmitConstraints leave out) a table constraint of
// type "pk", "fk", "uq" or "ck", saying what QuestDB offers instead.
func (x ddl) refuseConstraint(c *compiler.Ctx, table, typ string) bool {
	switch typ {
	case "pk":
		return x.refuse(c, "PRIMARY KEY on table "+table,
			"QuestDB has no keys: keep one row per key with questdb.DedupUpsertKeys on a WAL table")
	case "uq":
		return x.refuse(c, "UNIQUE constraint on table "+table,
			"QuestDB has no unique constraints: keep one row per key with questdb.DedupUpsertKeys on a WAL table")
	case "fk":
		return x.refuse(c, "FOREIGN KEY on table "+table, "QuestDB has no foreign keys: check references in the application")
	default:
		return x.refuse(c, "CHECK constraint on table "+table, "QuestDB has no CHECK constraints: validate values in the application")
	}
}

// constraintDef refuses a constraint rendered on its own: no rule of this dialect
// renders one, but a caller's rule might.
func (x ddl) constraintDef(c *compiler.Ctx, n ast.Node) {
	k := n.(*compiler.ConstraintDef)
	x.refuseConstraint(c, k.Table.Name, k.Type)
}

// columnDef writes a column definition, "name TYPE" and, for a SYMBOL column, the
// options the table gives it: CAPACITY n, CACHE or NOCACHE, INDEX [CAPACITY n].
// NOT NULL is accepted on the designated timestamp, which QuestDB never lets be NULL,
// and written nowhere.
func (x ddl) columnDef(c *compiler.Ctx, n ast.Node) {
	d := n.(*compiler.ColumnDef)
	t, col := d.Table, d.Column
	where := t.Name + "." + col.Name
	spec, ok := tableSpecOf(c, t.Name, t.Options)
	if !ok {
		return
	}
	switch {
	case col.Computed != nil:
		c.Unsupported("generated column "+where, "QuestDB has no generated columns: compute the value in the INSERT or in queries")
		return
	case (col.AutoIncrement || col.Identity != nil) && x.refuse(c, "autoincrement or identity column "+where,
		"QuestDB cannot number rows: identify them by a UUID, or by the designated timestamp"):
		return
	case col.Default != nil && x.refuse(c, "DEFAULT on column "+where, "QuestDB has no column defaults: give the value in every INSERT"):
		return
	case d.NotNull() && !strings.EqualFold(spec.timestamp, col.Name) && x.refuse(c, "NOT NULL on column "+where,
		"QuestDB columns accept NULL (only the designated timestamp cannot be NULL)"):
		return
	case col.Collation != "" && x.refuse(c, "COLLATE on column "+where, "QuestDB compares strings by their characters, with no collations"):
		return
	case col.Comment != "" && x.refuse(c, "comment on column "+where, "QuestDB stores no comments"):
		return
	}
	c.Ident(col.Name)
	c.WriteByte(' ')
	enumCheck := c.ColumnType(col.Type)
	if c.Err() != nil {
		return
	}
	if enumCheck && x.refuse(c, "the allowed values of enum column "+where+" (a CHECK constraint)",
		"QuestDB has no CHECK constraints: validate values in the application") {
		return
	}
	sym, ok := spec.symbol(col.Name)
	if !ok {
		return
	}
	if name, _ := typeName(c, col.Type); !isSymbolType(name) {
		c.Failf("table %s: symbol options on column %s, which is %s, not SYMBOL", t.Name, col.Name, name)
		return
	}
	if o := sym.String(); o != "" {
		c.WriteByte(' ')
		c.Write(o)
	}
}

func (x ddl) dropTable(c *compiler.Ctx, n ast.Node) {
	s := n.(*ast.DropTableStmt)
	if s.Table == nil {
		c.Failf("DROP TABLE without a table")
		return
	}
	c.Write("DROP TABLE ")
	if s.IfExists {
		c.Write("IF EXISTS ")
	}
	x.tableName(c, s.Table.Schema, s.Table.Name)
}

// alterHead writes "ALTER TABLE name ".
func (x ddl) alterHead(c *compiler.Ctx, t *ast.Table) bool {
	c.Write("ALTER TABLE ")
	if !x.tableName(c, t.Schema, t.Name) {
		return false
	}
	c.WriteByte(' ')
	return true
}

// alterTable writes ALTER TABLE with one of the ast's actions. ADD COLUMN takes the
// column's symbol options from the table's; RENAME TABLE is a statement of its own in
// QuestDB; constraints are refused, or left out by OmitConstraints.
func (x ddl) alterTable(c *compiler.Ctx, n ast.Node) {
	s := n.(*ast.AlterTableStmt)
	t := s.Table
	if t == nil {
		c.Failf("ALTER TABLE without a table")
		return
	}
	switch a := compiler.AlterAction(s.Action).(type) {
	case nil:
		c.Failf("ALTER TABLE %s without an action", t.Name)
	case ast.AddColumn:
		col := a.Column
		if col == nil {
			c.Failf("ALTER TABLE %s ADD COLUMN without a column", t.Name)
			return
		}
		if !c.ValidateColumn(t, col) {
			return
		}
		switch {
		case col.PrimaryKey && x.refuseConstraint(c, t.Name, "pk"), col.Unique && x.refuseConstraint(c, t.Name, "uq"):
			return
		}
		if x.alterHead(c, t) {
			c.Write("ADD COLUMN ")
			c.Node(compiler.NewColumnDef(t, col, s.Naming, true))
		}
	case ast.DropColumn:
		if a.Name == "" {
			c.Failf("ALTER TABLE %s DROP COLUMN without a name", t.Name)
			return
		}
		spec, ok := tableSpecOf(c, t.Name, t.Options)
		if !ok {
			return
		}
		if strings.EqualFold(spec.timestamp, a.Name) {
			c.Failf("ALTER TABLE %s DROP COLUMN %s: the designated timestamp cannot be dropped", t.Name, a.Name)
			return
		}
		if x.alterHead(c, t) {
			c.Write("DROP COLUMN ")
			c.Ident(a.Name)
		}
	case ast.RenameColumn:
		if a.From == "" || a.To == "" {
			c.Failf("ALTER TABLE %s RENAME COLUMN needs both names", t.Name)
			return
		}
		if x.alterHead(c, t) {
			c.Write("RENAME COLUMN ")
			c.Ident(a.From)
			c.Write(" TO ")
			c.Ident(a.To)
		}
	case ast.RenameTable:
		if a.To == "" {
			c.Failf("ALTER TABLE %s RENAME TO without a name", t.Name)
			return
		}
		c.Write("RENAME TABLE ") // QuestDB's own statement: ALTER TABLE has no RENAME TO
		if x.tableName(c, t.Schema, t.Name) {
			c.Write(" TO ")
			c.Ident(a.To)
		}
	case ast.AddConstraint:
		if a.Constraint == nil {
			c.Failf("ALTER TABLE %s ADD CONSTRAINT without a constraint", t.Name)
			return
		}
		if k := c.ResolveConstraint(t, a.Constraint, s.Naming); k != nil {
			x.refuseConstraint(c, t.Name, k.Type)
		}
	case ast.DropConstraint:
		if a.Name == "" {
			c.Failf("ALTER TABLE %s DROP CONSTRAINT without a name", t.Name)
			return
		}
		x.refuse(c, "ALTER TABLE … DROP CONSTRAINT on table "+t.Name, "QuestDB tables have no constraints to drop")
	default:
		c.Failf("ALTER TABLE %s: unknown action %T", t.Name, a)
	}
}

// symbolIndexColumn returns the column an index covers when QuestDB can build it: one
// column, in ascending order, without uniqueness, predicate, method or prefix. QuestDB
// has bitmap indexes on SYMBOL columns only, added with ALTER TABLE … ALTER COLUMN.
func symbolIndexColumn(c *compiler.Ctx, t *ast.Table, ix *ast.Index) (string, bool) {
	if len(ix.Columns) != 1 || ix.Unique || ix.Where != nil || ix.Using != "" {
		return "", false
	}
	p := ix.Columns[0]
	if p.Column == "" || p.Desc || p.Length != 0 {
		return "", false
	}
	if col := t.Column(p.Column); col != nil {
		name, _ := typeName(c, col.Type)
		return p.Column, isSymbolType(name)
	}
	// A table without declared columns: the server checks the column's type.
	return p.Column, len(t.Columns) == 0
}

func indexName(ix *ast.Index) string {
	if ix.Name != "" {
		return ix.Name + " "
	}
	return ""
}

// createIndex writes CREATE INDEX as QuestDB spells it, ALTER TABLE t ALTER COLUMN c
// ADD INDEX, for an index QuestDB can build (see symbolIndexColumn). An index the
// table's SymbolOptions already create in CREATE TABLE compiles to nothing.
func (x ddl) createIndex(c *compiler.Ctx, n ast.Node) {
	s := n.(*ast.CreateIndexStmt)
	if s.Table == nil || s.Index == nil {
		c.Failf("CREATE INDEX without a table and an index")
		return
	}
	t, ix := s.Table, s.Index
	// Bad input is reported as such before anything QuestDB lacks: the index needs a
	// name (or a naming convention that gives one) even where it becomes ALTER COLUMN.
	if _, ok := c.ResolveIndex(t, ix, s.Naming); !ok || !c.ValidateIndexParts(t, ix) {
		return
	}
	col, ok := symbolIndexColumn(c, t, ix)
	if !ok {
		x.refuse(c, "index "+indexName(ix)+"on table "+t.Name+" (other than on one SYMBOL column)",
			"QuestDB indexes single SYMBOL columns only: declare the column SYMBOL with questdb.SymbolOptions(col, questdb.Indexed())")
		return
	}
	spec, ok := tableSpecOf(c, t.Name, t.Options)
	if !ok {
		return
	}
	if sym, ok := spec.symbol(col); ok && sym.index {
		return // created with the table
	}
	if s.IfNotExists {
		c.Unsupported("CREATE INDEX IF NOT EXISTS", "QuestDB's ALTER COLUMN … ADD INDEX has no IF NOT EXISTS")
		return
	}
	if x.alterHead(c, t) {
		c.Write("ALTER COLUMN ")
		c.Ident(col)
		c.Write(" ADD INDEX")
	}
}

// dropIndex writes DROP INDEX as ALTER TABLE t ALTER COLUMN c DROP INDEX, which needs
// the index's table.
func (x ddl) dropIndex(c *compiler.Ctx, n ast.Node) {
	s := n.(*ast.DropIndexStmt)
	if s.Index == nil {
		c.Failf("DROP INDEX without an index")
		return
	}
	if s.Table == nil {
		c.Unsupported("DROP INDEX without the index's table", "QuestDB drops an index from its column: give DropIndexStmt.Table")
		return
	}
	col, ok := symbolIndexColumn(c, s.Table, s.Index)
	if !ok {
		x.refuse(c, "index "+indexName(s.Index)+"on table "+s.Table.Name+" (other than on one SYMBOL column)",
			"QuestDB indexes single SYMBOL columns only")
		return
	}
	if x.alterHead(c, s.Table) {
		c.Write("ALTER COLUMN ")
		c.Ident(col)
		c.Write(" DROP INDEX")
	}
}

func (x ddl) sequence(c *compiler.Ctx, n ast.Node) {
	switch s := n.(type) {
	case *ast.CreateSequenceStmt:
		if s.Sequence == nil {
			c.Failf("CREATE SEQUENCE without a sequence")
			return
		}
	case *ast.DropSequenceStmt:
		if s.Sequence == nil {
			c.Failf("DROP SEQUENCE without a sequence")
			return
		}
	}
	x.refuse(c, "sequences", "QuestDB has no sequences: identify rows by a UUID, or by the designated timestamp")
}

// view refuses views: QuestDB 8 has none (9.x adds CREATE VIEW, not yet supported
// here), and leaving one out would leave queries of it failing.
func (x ddl) view(c *compiler.Ctx, n ast.Node) {
	if s, ok := n.(*ast.CreateViewStmt); ok && (s.View == nil || s.View.Query == nil) {
		c.Failf("CREATE VIEW without a query") // bad input first, as on every dialect
		return
	}
	c.Unsupported("views", "QuestDB 8 has no CREATE VIEW: query the tables, or use a WITH clause")
}

func (x ddl) comment(c *compiler.Ctx, n ast.Node) {
	s := n.(*ast.CommentStmt)
	if _, ok := c.CommentTarget(s); !ok {
		return
	}
	x.refuse(c, "comments (COMMENT ON)", "QuestDB stores no comments")
}

// A TruncateStmt node represents TRUNCATE TABLE [IF EXISTS] t, which empties a table
// and keeps its definition: with DROP PARTITION and TTL, QuestDB's way to delete, as
// it has no DELETE. Other dialects refuse it.
type TruncateStmt struct {
	ast.Custom
	Table       *ast.Table // never nil
	SkipMissing bool       // IF EXISTS (QuestDB 9.0 and later)
}

// Truncate returns TRUNCATE TABLE t.
func Truncate(t *ast.Table) *TruncateStmt {
	return &TruncateStmt{Custom: ast.Custom{K: KindTruncate}, Table: t}
}

// IfExists returns a copy of s that does nothing when the table does not exist.
func (s *TruncateStmt) IfExists() *TruncateStmt {
	n := *s
	n.SkipMissing = true
	return &n
}

// Render refuses the statement on dialects other than QuestDB.
func (s *TruncateStmt) Render(c *compiler.Ctx) {
	c.Unsupported("questdb.Truncate", "a QuestDB statement: elsewhere delete the rows with ast.Delete")
}

// AppendKey encodes the statement's shape for the plan cache.
func (s *TruncateStmt) AppendKey(k *ast.KeyWriter) {
	k.Node(s.Table)
	k.Int(boolInt(s.SkipMissing))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (x ddl) truncate(c *compiler.Ctx, n ast.Node) {
	s := n.(*TruncateStmt)
	if s.Table == nil {
		c.Failf("TRUNCATE TABLE without a table")
		return
	}
	c.Write("TRUNCATE TABLE ")
	if s.SkipMissing {
		if !since(c, truncateIfExSince, "TRUNCATE TABLE IF EXISTS") {
			return
		}
		c.Write("IF EXISTS ")
	}
	x.tableName(c, s.Table.Schema, s.Table.Name)
}

// An AlterAction is one change of an AlterTableStmt: AddIndex, DropIndex,
// DropPartitionList, DropPartitionWhere, DedupEnable or DedupDisable.
type AlterAction interface{ alterAction() }

// AddIndex adds a bitmap index to a SYMBOL column: ALTER COLUMN c ADD INDEX.
type AddIndex struct{ Column string }

// DropIndex drops a SYMBOL column's index: ALTER COLUMN c DROP INDEX.
type DropIndex struct{ Column string }

// DropPartitionList drops whole partitions by name, such as '2024-01-02' for a table
// partitioned by DAY: DROP PARTITION LIST 'p', ….
type DropPartitionList struct{ Partitions []string }

// DropPartitionWhere drops the partitions whose designated timestamps all satisfy
// Cond: DROP PARTITION WHERE cond. Its values are written into the statement, which is
// therefore compiled for each use rather than cached.
type DropPartitionWhere struct{ Cond ast.Expr }

// DedupEnable turns deduplication on, or changes its keys: DEDUP ENABLE UPSERT
// KEYS(…). The keys must include the designated timestamp.
type DedupEnable struct{ Keys []string }

// DedupDisable turns deduplication off: DEDUP DISABLE.
type DedupDisable struct{}

func (AddIndex) alterAction()           {}
func (DropIndex) alterAction()          {}
func (DropPartitionList) alterAction()  {}
func (DropPartitionWhere) alterAction() {}
func (DedupEnable) alterAction()        {}
func (DedupDisable) alterAction()       {}

// An AlterTableStmt node represents QuestDB's ALTER TABLE t with an action the ast's
// AlterTableStmt has no form for. Other dialects refuse it.
type AlterTableStmt struct {
	ast.Custom
	Table  *ast.Table  // never nil
	Action AlterAction // never nil
}

// AlterTable returns ALTER TABLE t action:
//
//	questdb.AlterTable(trades, questdb.DropPartitionList{Partitions: []string{"2024-01-01"}})
func AlterTable(t *ast.Table, action AlterAction) *AlterTableStmt {
	switch a := action.(type) { // the statement keeps its own copy of the lists
	case DropPartitionList:
		action = DropPartitionList{Partitions: slices.Clone(a.Partitions)}
	case DedupEnable:
		action = DedupEnable{Keys: slices.Clone(a.Keys)}
	}
	return &AlterTableStmt{Custom: ast.Custom{K: KindAlterTable}, Table: t, Action: action}
}

// Render refuses the statement on dialects other than QuestDB.
func (s *AlterTableStmt) Render(c *compiler.Ctx) {
	c.Unsupported("questdb.AlterTable", "a QuestDB statement (indexes, partitions, deduplication) with no form here")
}

// AppendKey encodes the statement's shape for the plan cache. DROP PARTITION WHERE
// writes its values into the text, so it is not cached. The table's options are
// encoded too: they decide whether the statement is valid (DEDUP ENABLE checks the
// designated timestamp, WAL and partitioning), so two tables that differ only in
// them must not share a plan.
func (s *AlterTableStmt) AppendKey(k *ast.KeyWriter) {
	k.Node(s.Table)
	if s.Table != nil {
		k.Int(len(s.Table.Options))
		for _, o := range s.Table.Options {
			k.Str(o.Dialect)
			k.Str(o.Name)
			k.Str(o.Value)
		}
	}
	switch a := s.Action.(type) {
	case AddIndex:
		k.Byte(1)
		k.Str(a.Column)
	case DropIndex:
		k.Byte(2)
		k.Str(a.Column)
	case DropPartitionList:
		k.Byte(3)
		k.Int(len(a.Partitions))
		for _, p := range a.Partitions {
			k.Str(p)
		}
	case DropPartitionWhere:
		k.Byte(4)
		k.Uncacheable = true
		k.Node(a.Cond)
	case DedupEnable:
		k.Byte(5)
		k.Int(len(a.Keys))
		for _, key := range a.Keys {
			k.Str(key)
		}
	case DedupDisable:
		k.Byte(6)
	default:
		k.Uncacheable = true // nil or unknown: the compiler reports it
	}
}

// symbolColumn checks that column is a SYMBOL column of t, where t declares its
// columns.
func symbolColumn(c *compiler.Ctx, t *ast.Table, column, what string) bool {
	if column == "" {
		c.Failf("ALTER TABLE %s %s without a column", t.Name, what)
		return false
	}
	if len(t.Columns) == 0 {
		return true
	}
	col := t.Column(column)
	if col == nil {
		c.Failf("ALTER TABLE %s %s: %s is not a column of the table", t.Name, what, column)
		return false
	}
	if name, known := typeName(c, col.Type); known && !isSymbolType(name) {
		c.Failf("ALTER TABLE %s %s: column %s is %s; QuestDB indexes SYMBOL columns only", t.Name, what, column, name)
		return false
	}
	return true
}

func (x ddl) alter(c *compiler.Ctx, n ast.Node) {
	s := n.(*AlterTableStmt)
	t := s.Table
	if t == nil {
		c.Failf("ALTER TABLE without a table")
		return
	}
	switch a := s.Action.(type) {
	case AddIndex:
		if symbolColumn(c, t, a.Column, "ADD INDEX") && x.alterHead(c, t) {
			c.Write("ALTER COLUMN ")
			c.Ident(a.Column)
			c.Write(" ADD INDEX")
		}
	case DropIndex:
		if symbolColumn(c, t, a.Column, "DROP INDEX") && x.alterHead(c, t) {
			c.Write("ALTER COLUMN ")
			c.Ident(a.Column)
			c.Write(" DROP INDEX")
		}
	case DropPartitionList:
		if len(a.Partitions) == 0 {
			c.Failf("ALTER TABLE %s DROP PARTITION LIST names no partition", t.Name)
			return
		}
		for _, p := range a.Partitions {
			if strings.TrimSpace(p) == "" || strings.IndexByte(p, 0) >= 0 {
				c.Failf("ALTER TABLE %s DROP PARTITION LIST: %q is not a partition name", t.Name, p)
				return
			}
		}
		if !x.alterHead(c, t) {
			return
		}
		c.Write("DROP PARTITION LIST ")
		for i, p := range a.Partitions {
			if i > 0 {
				c.Write(", ")
			}
			c.RawLiteral(p)
		}
	case DropPartitionWhere:
		if a.Cond == nil {
			c.Failf("ALTER TABLE %s DROP PARTITION WHERE without a condition", t.Name)
			return
		}
		if !c.ValidRefs(t, a.Cond, "DROP PARTITION WHERE") || !x.alterHead(c, t) {
			return
		}
		c.Write("DROP PARTITION WHERE ")
		c.DDLExpr(a.Cond, ast.PrecLowest+1)
	case DedupEnable:
		if len(a.Keys) == 0 {
			c.Failf("ALTER TABLE %s DEDUP ENABLE names no upsert key", t.Name)
			return
		}
		spec, ok := tableSpecOf(c, t.Name, t.Options)
		if !ok {
			return
		}
		keys := slices.Clone(a.Keys) // checkKeys respells them as the table does
		cols := tableColumns(t)
		cols.complete = len(t.Columns) > 0
		column := func(role, name string) (ast.ResultColumn, bool) {
			rc, ok := cols.find(name)
			if !ok && cols.complete {
				c.Failf("table %s: %s %s is not a column of the table", t.Name, role, name)
				return rc, false
			}
			return rc, true
		}
		// Without the table's options the designated timestamp is unknown here: the
		// server checks that the keys include it.
		if spec.timestamp != "" && !checkKeys(c, t.Name, keys, spec.timestamp, column) {
			return
		}
		if spec.timestamp == "" {
			for _, key := range keys {
				if _, ok := column("the upsert key", key); !ok {
					return
				}
			}
		}
		if spec.wal == walOff || spec.partition != "" && !spec.partitioned() {
			c.Failf("table %s: DEDUP needs a WAL table", t.Name)
			return
		}
		if !since(c, dedupSince, "DEDUP") || !x.alterHead(c, t) {
			return
		}
		c.Write("DEDUP ENABLE UPSERT KEYS(")
		c.IdentList(keys)
		c.WriteByte(')')
	case DedupDisable:
		if since(c, dedupSince, "DEDUP") && x.alterHead(c, t) {
			c.Write("DEDUP DISABLE")
		}
	case nil:
		c.Failf("ALTER TABLE %s without an action", t.Name)
	default:
		c.Failf("ALTER TABLE %s: unknown action %T", t.Name, a)
	}
}

// A CreateTableAsStmt node represents QuestDB's CREATE TABLE name AS (query) with the
// table options of CREATE TABLE:
//
//	CREATE TABLE [IF NOT EXISTS] name AS (query) [, CAST(c AS SYMBOL …)] [, INDEX(c …)]
//	  [TIMESTAMP(ts) [PARTITION BY unit [TTL n unit] [WAL | BYPASS WAL]]] [DEDUP UPSERT KEYS(…)]
//
// Symbol options make their column a SYMBOL. The query's values are written into the
// statement, so it is compiled for each use rather than cached. Other dialects refuse
// it (ast.CreateTableAsStmt is the portable form, without options).
type CreateTableAsStmt struct {
	ast.Custom
	Name         string            // never empty
	Query        ast.Stmt          // never nil
	Options      []ast.TableOption // QuestDB table options; options for other dialects are ignored
	SkipExisting bool              // IF NOT EXISTS
}

// CreateTableAs returns CREATE TABLE name AS (query) with options.
func CreateTableAs(name string, query ast.Stmt, opts ...ast.TableOption) *CreateTableAsStmt {
	return &CreateTableAsStmt{Custom: ast.Custom{K: KindCreateTableAs}, Name: name, Query: query, Options: slices.Clone(opts)}
}

// IfNotExists returns a copy of s that does nothing when the table exists.
func (s *CreateTableAsStmt) IfNotExists() *CreateTableAsStmt {
	n := *s
	n.SkipExisting = true
	return &n
}

// Render refuses the statement on dialects other than QuestDB.
func (s *CreateTableAsStmt) Render(c *compiler.Ctx) {
	c.Unsupported("questdb.CreateTableAs", "a QuestDB statement: elsewhere use ast.CreateTableAsStmt, which takes no table options")
}

func (x ddl) createTableAsANSI(c *compiler.Ctx, n ast.Node) {
	s := n.(*ast.CreateTableAsStmt)
	x.renderCTAS(c, s.Schema, &CreateTableAsStmt{Name: s.Name, Query: s.Query, SkipExisting: s.IfNotExists})
}

func (x ddl) createTableAs(c *compiler.Ctx, n ast.Node) {
	x.renderCTAS(c, "", n.(*CreateTableAsStmt))
}

func (x ddl) renderCTAS(c *compiler.Ctx, schema string, s *CreateTableAsStmt) {
	if s.Name == "" {
		c.Failf("CREATE TABLE … AS without a name")
		return
	}
	if s.Query == nil {
		c.Failf("CREATE TABLE %s AS without a query", s.Name)
		return
	}
	for _, o := range s.Options {
		if o.Dialect == "" && x.refuse(c, "option "+o.Name+" of table "+s.Name, "QuestDB tables take only QuestDB options") {
			return
		}
	}
	spec, ok := tableSpecOf(c, s.Name, s.Options)
	if !ok || !checkSpec(c, s.Name, spec, queryColumns(s.Query), true) {
		return
	}
	c.Write("CREATE TABLE ")
	if s.SkipExisting {
		c.Write("IF NOT EXISTS ")
	}
	if !x.tableName(c, schema, s.Name) {
		return
	}
	c.Write(" AS (")
	c.DDLQuery(s.Query)
	c.WriteByte(')')
	for _, sym := range spec.symbols {
		{
			c.Write(", CAST(")
			c.Ident(sym.column)
			c.Write(" AS SYMBOL")
			cast := sym.spec
			cast.index = false
			if o := cast.String(); o != "" {
				c.WriteByte(' ')
				c.Write(o)
			}
			c.WriteByte(')')
		}
		if sym.spec.index {
			c.Write(", INDEX(")
			c.Ident(sym.column)
			if sym.spec.indexCapacity != 0 {
				c.Write(" CAPACITY ")
				c.Int(sym.spec.indexCapacity)
			}
			c.WriteByte(')')
		}
	}
	storageClause(c, spec)
}
