package yugabyte

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/types"
)

// ddlRules installs YugabyteDB's schema-statement rules over PostgreSQL's.
func ddlRules(r *compiler.Rules, v Version) {
	r.Set(ast.KindCreateTable, renderCreateTable)
	r.Wrap(compiler.KindConstraintDef, renderConstraint)
	r.Set(ast.KindCreateIndex, renderCreateIndex)
	r.Wrap(ast.KindAlterTable, func(next compiler.RenderFunc) compiler.RenderFunc {
		return renderAlterTable(v, next)
	})
	if !v.pg15() {
		r.Wrap(compiler.KindColumnDef, refuseGenerated)
	}
}

// refuseGenerated refuses generated columns, which YSQL's PostgreSQL 11.2 grammar
// cannot parse (New also clears compiler.ComputedColumns), with a hint on what to
// do instead.
func refuseGenerated(next compiler.RenderFunc) compiler.RenderFunc {
	return func(c *compiler.Ctx, n ast.Node) {
		if d := n.(*compiler.ColumnDef); d.Column != nil && d.Column.Computed != nil {
			c.Unsupported("generated column "+d.Table.Name+"."+d.Column.Name+" (GENERATED ALWAYS AS … STORED) before v2.25/v2025.1",
				"compute the value in the query or a view, or set an ordinary column from a trigger; YugabyteDB v2025.1 (PostgreSQL 15) has generated columns")
			return
		}
		next(c, n)
	}
}

// tableOptions are a table's options for YugabyteDB, read and checked.
type tableOptions struct {
	pk         []KeyPart // nil: YugabyteDB's default sharding
	splitInto  int       // 0: none
	splitAt    [][]splitValue
	colocation string // "", "true" or "false"
	tablegroup string
	tablespace string
	indexes    map[string]*indexOptions // by index name
}

// indexOptions are the options of one index of the table.
type indexOptions struct {
	key        []KeyPart
	splitInto  int
	splitAt    [][]splitValue
	tablespace string
}

// colocated reports whether the options put the table in a shared tablet: its
// first key column is then range-sharded by default, and it cannot be split.
func (o *tableOptions) colocated() bool { return o.colocation == "true" || o.tablegroup != "" }

func (o *tableOptions) index(name string) *indexOptions {
	if o.indexes[name] == nil {
		if o.indexes == nil {
			o.indexes = map[string]*indexOptions{}
		}
		o.indexes[name] = &indexOptions{}
	}
	return o.indexes[name]
}

// knownOptions is the hint of an unknown option's error.
const knownOptions = `YugabyteDB table options are "primary key", "split into", "split at", "colocation", "tablegroup", ` +
	`"tablespace" and "index <name> key|split into|split at|tablespace"; build them with yugabyte.PrimaryKey, SplitInto, …`

// readOptions reads t's options for YugabyteDB, reporting unknown names and
// malformed values. Checks that need the table's keys are the callers'.
func readOptions(c *compiler.Ctx, t *ast.Table) (*tableOptions, bool) {
	o := &tableOptions{}
	// Not compiler.DialectOptions, which lets a later option of a name replace an
	// earlier one: a repeated option is more likely a mistake than an override.
	seen := map[string]string{} // normalised name → the name as first given
	for _, opt := range t.Options {
		if opt.Dialect != Name {
			continue
		}
		name := strings.ToLower(strings.TrimSpace(opt.Name))
		key := name
		if ix, what, ok := cutIndexOption(opt.Name); ok {
			key = indexOption(ix, what)
		}
		if first, ok := seen[key]; ok {
			again := ""
			if first != opt.Name {
				again = fmt.Sprintf(" (as %q)", opt.Name)
			}
			c.Failf("table %s: YugabyteDB option %q is given twice%s: give each option once", t.Name, first, again)
			return nil, false
		}
		seen[key] = opt.Name
		bad := func(err error) (*tableOptions, bool) {
			c.Failf("table %s: YugabyteDB option %q: %v", t.Name, opt.Name, err)
			return nil, false
		}
		var err error
		switch name {
		case OptPrimaryKey:
			o.pk, err = ParseKey(opt.Value)
		case OptSplitInto:
			o.splitInto, err = tabletCount(opt.Value)
		case OptSplitAt:
			o.splitAt, err = parseRows(opt.Value)
		case OptColocation:
			o.colocation, err = boolWord(opt.Value)
		case OptTablegroup:
			o.tablegroup, err = objectName(opt.Value)
		case OptTablespace:
			o.tablespace, err = objectName(opt.Value)
		default:
			ix, what, ok := cutIndexOption(opt.Name)
			if !ok {
				c.Unsupported("table option "+strconv.Quote(opt.Name), knownOptions)
				return nil, false
			}
			io := o.index(ix)
			switch what {
			case optIndexKey:
				io.key, err = ParseKey(opt.Value)
			case OptSplitInto:
				io.splitInto, err = tabletCount(opt.Value)
			case OptSplitAt:
				io.splitAt, err = parseRows(opt.Value)
			case OptTablespace:
				io.tablespace, err = objectName(opt.Value)
			}
		}
		if err != nil {
			return bad(err)
		}
	}
	return o, true
}

// cutIndexOption splits "index <name> <what>" into the index's name and what.
func cutIndexOption(name string) (index, what string, ok bool) {
	lower := strings.ToLower(name)
	if !strings.HasPrefix(lower, "index ") {
		return "", "", false
	}
	for _, w := range []string{optIndexKey, OptSplitInto, OptSplitAt, OptTablespace} {
		if strings.HasSuffix(lower, " "+w) && len(name) > len("index ")+len(w)+1 {
			return name[len("index ") : len(name)-len(w)-1], w, true
		}
	}
	return "", "", false
}

// maxTablets is the largest tablet count SPLIT INTO takes: YSQL's grammar reads
// it as a 32-bit integer (Iconst).
const maxTablets = math.MaxInt32

func tabletCount(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > maxTablets {
		return 0, errorString("the number of tablets must be an integer from 1 to " + strconv.Itoa(maxTablets) + ", not " + strconv.Quote(s))
	}
	return n, nil
}

func boolWord(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true":
		return "true", nil
	case "false":
		return "false", nil
	}
	return "", errorString("want true or false, not " + strconv.Quote(s))
}

func objectName(s string) (string, error) {
	if s == "" {
		return "", errorString("the name is empty")
	}
	return s, nil
}

type errorString string

func (e errorString) Error() string { return string(e) }

// keyColumns returns the columns the parts name, in order.
func keyColumns(parts []KeyPart) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p.Columns...)
	}
	return out
}

// checkKeyPrefix reports, as a *CompileError, key parts that do not name the
// leading columns of a key over cols, in order.
func checkKeyPrefix(c *compiler.Ctx, t *ast.Table, what string, parts []KeyPart, cols []string) bool {
	named := keyColumns(parts)
	if len(named) > len(cols) || !slices.Equal(named, cols[:len(named)]) {
		c.Failf("table %s: the YugabyteDB key option of %s names (%s), which are not the leading columns of its key (%s), in order",
			t.Name, what, strings.Join(named, ", "), strings.Join(cols, ", "))
		return false
	}
	return true
}

// keyTypeProblem returns the name of t when DocDB cannot key on values of type t
// (YugabyteDB's YbDataTypeIsValidForKey), or "".
func keyTypeProblem(t *types.Type) string {
	b := types.Of(t)
	switch b.Kind {
	case types.JSON, types.Array, types.Interval, types.TimeTZ:
		if name, err := postgres.TypeName(b, false); err == nil {
			return name
		}
		return b.Kind.String()
	case types.Unknown:
		if b.Name == "" {
			return "" // untyped: the server decides
		}
		name := strings.ToLower(strings.TrimSpace(b.Name))
		if i := strings.IndexByte(name, '('); i >= 0 {
			name = strings.TrimSpace(name[:i])
		}
		if strings.HasSuffix(name, "[]") || !keyableNames[name] {
			return b.Name
		}
	}
	return ""
}

// keyableNames are the PostgreSQL types without a generic counterpart in package
// types (so reflected as types.Unknown by name) that DocDB keys on. Any other such
// type — inet, cidr, macaddr, bit varying, geometric, range, text-search, xml, and
// user-defined composite types — is refused in a key.
var keyableNames = map[string]bool{
	"money": true, "oid": true, "name": true, `"char"`: true, "char": true, "bpchar": true,
	"pg_lsn": true, "xid": true, "xid8": true, "regclass": true, "regtype": true, "regproc": true,
	"regprocedure": true, "regoper": true, "regoperator": true, "regrole": true, "regnamespace": true,
	"regconfig": true, "regdictionary": true, "regcollation": true,
}

// checkKeyTypes refuses key columns of types DocDB cannot key on. Columns t does
// not declare are the server's to report (or, for ALTER TABLE … ADD COLUMN, the
// caller's: see checkColumnKeyType).
func checkKeyTypes(c *compiler.Ctx, t *ast.Table, what string, cols []string) bool {
	for _, name := range cols {
		if col := t.Column(name); col != nil && !checkColumnKeyType(c, t, what, col) {
			return false
		}
	}
	return true
}

// checkColumnKeyType refuses col as a key column when DocDB cannot key on its type.
func checkColumnKeyType(c *compiler.Ctx, t *ast.Table, what string, col *ast.Column) bool {
	p := keyTypeProblem(col.Type)
	if p == "" {
		return true
	}
	hint := "DocDB cannot key on " + p + " values: key on another column"
	if c.HasDDL(compiler.ComputedColumns) { // not on the PostgreSQL 11 base
		hint += " (a generated column of a keyable type works)"
	}
	if k := types.Of(col.Type).Kind; k == types.JSON || k == types.Array {
		hint += "; to search the column, give it a GIN index (ast.Index.WithMethod(\"gin\"))"
	}
	c.Unsupported(what+" on column "+t.Name+"."+col.Name+" of type "+p, hint)
	return false
}

// renderCreateTable writes CREATE TABLE followed by YugabyteDB's clauses, in the
// order YSQL's grammar takes them:
//
//	CREATE TABLE t (…) [WITH (COLOCATION = b)] [TABLESPACE ts]
//	[SPLIT INTO n TABLETS | SPLIT AT VALUES (…)] [TABLEGROUP g]
//
// Combinations YugabyteDB refuses are *CompileErrors before anything is sent.
func renderCreateTable(c *compiler.Ctx, n ast.Node) {
	td, ok := c.ResolveTable(n.(*ast.CreateTableStmt))
	if !ok {
		return
	}
	t := td.Table
	o, ok := readOptions(c, t)
	if !ok || !checkTableOptions(c, td, o) {
		return
	}
	c.CreateTableHead(td)
	c.TableElements(td)
	c.Write(")")
	if o.colocation != "" {
		c.Write(" WITH (COLOCATION = " + o.colocation + ")")
	}
	if o.tablespace != "" {
		c.Write(" TABLESPACE ")
		c.Ident(o.tablespace)
	}
	writeSplit(c, o.splitInto, o.splitAt)
	if o.tablegroup != "" {
		c.Write(" TABLEGROUP ")
		c.Ident(o.tablegroup)
	}
}

// checkTableOptions reports the option combinations YugabyteDB refuses.
func checkTableOptions(c *compiler.Ctx, td *compiler.TableDef, o *tableOptions) bool {
	t := td.Table
	pk := t.PrimaryKeyColumns()
	fail := func(format string, args ...any) bool {
		c.Failf("table %s: "+format, append([]any{t.Name}, args...)...)
		return false
	}
	split := o.splitInto > 0 || o.splitAt != nil
	switch {
	case o.colocation != "" && o.tablegroup != "":
		return fail("COLOCATION and TABLEGROUP exclude each other: a tablegroup colocates its tables already")
	case o.tablespace != "" && o.tablegroup != "":
		return fail("TABLEGROUP and TABLESPACE exclude each other: the table takes its tablegroup's tablespace")
	case o.splitInto > 0 && o.splitAt != nil:
		return fail("SPLIT INTO and SPLIT AT exclude each other: hash-sharded tables split INTO, range-sharded ones AT")
	case split && o.tablegroup != "":
		return fail("SPLIT with TABLEGROUP: the tables of a tablegroup share its one tablet")
	case split && o.colocation == "true":
		return fail("SPLIT with COLOCATION = true: colocated tables share the database's tablet")
	case o.pk != nil && len(pk) == 0:
		return fail("a YugabyteDB primary key option without a primary key: declare the key (ast.PrimaryKeyOf)")
	case o.pk != nil && !checkKeyPrefix(c, t, "the primary key", o.pk, pk):
		return false
	case o.pk != nil && o.pk[0].Sharding == Hash && o.colocated():
		return fail("a colocated table (COLOCATION = true or a TABLEGROUP) cannot be hash-sharded: give its key columns ASC or DESC")
	}
	if o.splitInto > 0 && len(pk) > 0 && o.pk != nil && o.pk[0].Sharding != Hash {
		return fail("SPLIT INTO %d TABLETS needs a hash-sharded primary key, and %s is range-sharded (%s): use SplitAt for a range-sharded table",
			o.splitInto, o.pk[0].Columns[0], o.pk[0].Sharding)
	}
	if o.splitAt != nil {
		switch {
		case len(pk) == 0:
			return fail("SPLIT AT VALUES needs a primary key to split on")
		case o.pk == nil || o.pk[0].Sharding == Hash:
			return fail("SPLIT AT VALUES needs a range-sharded primary key, and %s is hash-sharded: give it ASC or DESC (yugabyte.PrimaryKey(yugabyte.AscKey(%q)))",
				pk[0], pk[0])
		}
		if !checkRows(c, t, "the primary key", o.splitAt, len(pk)) {
			return false
		}
	}
	return checkIndexNames(c, t, td.Stmt.Naming, o)
}

// checkIndexNames reports index options that name no index the table declares
// (by its own name or the one nc gives it): they would be ignored.
func checkIndexNames(c *compiler.Ctx, t *ast.Table, nc ast.NamingConvention, o *tableOptions) bool {
	names := map[string]bool{}
	for _, ix := range t.Indexes {
		name, ok := c.ResolveIndex(t, ix, nc)
		if !ok {
			return false
		}
		names[name] = true
	}
	for _, name := range slices.Sorted(maps.Keys(o.indexes)) { // sorted: the same error each time
		if !names[name] {
			c.Failf("table %s: YugabyteDB options for index %s, which the table does not declare", t.Name, name)
			return false
		}
	}
	return true
}

// checkRows checks split rows against a key of n columns.
func checkRows(c *compiler.Ctx, t *ast.Table, what string, rows [][]splitValue, n int) bool {
	seen := map[string]bool{}
	for _, row := range rows {
		if len(row) > n {
			c.Failf("table %s: a split row of %s has %d values, and the key has %d columns", t.Name, what, len(row), n)
			return false
		}
		k := ""
		for _, v := range row {
			k += string(v.kind) + v.text + "\x00"
		}
		if seen[k] {
			c.Failf("table %s: the split rows of %s repeat a row", t.Name, what)
			return false
		}
		seen[k] = true
	}
	return true
}

// writeSplit writes " SPLIT INTO n TABLETS" or " SPLIT AT VALUES (…)".
func writeSplit(c *compiler.Ctx, into int, at [][]splitValue) {
	switch {
	case into > 0:
		c.Write(" SPLIT INTO ")
		c.Int(into)
		c.Write(" TABLETS")
	case at != nil:
		c.Write(" SPLIT AT VALUES (")
		for i, row := range at {
			if i > 0 {
				c.Write(", ")
			}
			c.Write("(")
			for j, v := range row {
				if j > 0 {
					c.Write(", ")
				}
				if v.kind == 's' {
					c.RawLiteral(v.text)
				} else {
					c.Write(v.text) // a number or keyword the lexer checked
				}
			}
			c.Write(")")
		}
		c.Write(")")
	}
}

// renderConstraint checks the columns of primary keys and UNIQUE constraints (both
// are DocDB keys) and writes a primary key with its YugabyteDB sharding.
func renderConstraint(next compiler.RenderFunc) compiler.RenderFunc {
	return func(c *compiler.Ctx, n ast.Node) {
		k := n.(*compiler.ConstraintDef)
		switch x := k.Item.(type) {
		case *ast.UniqueConstraint:
			if checkKeyTypes(c, k.Table, "UNIQUE", x.Columns) {
				next(c, n)
			}
			return
		case *ast.PrimaryKeyConstraint:
			if !checkKeyTypes(c, k.Table, "PRIMARY KEY", x.Columns) {
				return
			}
			o, ok := readOptions(c, k.Table)
			if !ok {
				return
			}
			if o.pk == nil {
				next(c, n)
				return
			}
			if !checkKeyPrefix(c, k.Table, "the primary key", o.pk, x.Columns) {
				return
			}
			if k.Name != "" {
				c.Write("CONSTRAINT ")
				c.Ident(k.Name)
				c.Write(" ")
			}
			c.Write("PRIMARY KEY (")
			writeKeyParts(c, o.pk)
			for _, col := range x.Columns[len(keyColumns(o.pk)):] {
				c.Write(", ")
				c.Ident(col)
			}
			c.Write(")")
		default:
			next(c, n)
		}
	}
}

// writeKeyParts writes key parts: (a, b) HASH, c DESC.
func writeKeyParts(c *compiler.Ctx, parts []KeyPart) {
	for i, p := range parts {
		if i > 0 {
			c.Write(", ")
		}
		if len(p.Columns) > 1 {
			c.Write("(")
			c.IdentList(p.Columns)
			c.Write(")")
		} else {
			c.Ident(p.Columns[0])
		}
		c.Write(" " + p.Sharding.String())
	}
}

// renderCreateIndex writes CREATE INDEX in YSQL's order,
//
//	CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON t [USING m] (parts)
//	[TABLESPACE ts] [SPLIT INTO n TABLETS | SPLIT AT VALUES (…)] [WHERE predicate]
//
// with the parts sharded as the table's "index <name> key" option says. An index
// without YugabyteDB options is written as on PostgreSQL.
func renderCreateIndex(c *compiler.Ctx, n ast.Node) {
	s := n.(*ast.CreateIndexStmt)
	name, ok := c.ResolveIndex(s.Table, s.Index, s.Naming)
	if !ok || !c.ValidateIndexParts(s.Table, s.Index) {
		return
	}
	t, ix := s.Table, s.Index
	method := strings.ToLower(ix.Using)
	if unsupportedMethods[method] {
		c.Unsupported("index method "+strings.ToUpper(method),
			"YugabyteDB's indexes are lsm (the default: leave Using empty) and gin")
		return
	}
	o, ok := readOptions(c, t)
	if !ok || len(o.indexes) > 0 && !checkIndexNames(c, t, s.Naming, o) {
		return
	}
	io := o.indexes[name]
	if io == nil {
		io = &indexOptions{}
	}
	// lsm is the default access method; YSQL takes btree (and hash) to mean it.
	lsm := method == "" || method == "lsm" || method == "btree" || method == "hash"
	what := "INDEX " + name
	if lsm {
		for _, p := range ix.Columns {
			if p.Column != "" && !checkKeyTypes(c, t, what, []string{p.Column}) {
				return
			}
			if p.Expr != nil {
				if prob := keyTypeProblem(ast.TypeOf(p.Expr)); prob != "" {
					c.Unsupported(what+" on an expression of type "+prob, "DocDB cannot key on "+prob+" values")
					return
				}
			}
		}
	}
	fail := func(format string, args ...any) {
		c.Failf("index %s on %s: "+format, append([]any{name, t.Name}, args...)...)
	}
	var cols []string
	for _, p := range ix.Columns {
		cols = append(cols, p.Column)
	}
	if io.key != nil {
		switch {
		case slices.Contains(cols, ""):
			fail("a YugabyteDB key option shards column parts only, and the index has an expression part")
			return
		case !lsm:
			fail("HASH, ASC and DESC shard lsm indexes, not %s ones", method)
			return
		case !checkKeyPrefix(c, t, "index "+name, io.key, cols):
			return
		case io.key[0].Sharding == Hash && o.colocated():
			fail("an index of a colocated table (COLOCATION = true or a TABLEGROUP) cannot be hash-sharded")
			return
		}
		for i, col := range keyColumns(io.key) {
			if p := partSharding(io.key, col); ix.Columns[i].Desc && p != Desc {
				fail("column %s is DESC in the index but %s in its YugabyteDB key option", col, p)
				return
			}
		}
	}
	// The first column is hash-sharded when the key option says so, or by default
	// in a table that is not colocated, unless the index orders it.
	firstHash := lsm && !o.colocated() && !ix.Columns[0].Desc
	if io.key != nil {
		firstHash = io.key[0].Sharding == Hash
	}
	split := io.splitInto > 0 || io.splitAt != nil
	switch {
	case io.splitInto > 0 && io.splitAt != nil:
		fail("SPLIT INTO and SPLIT AT exclude each other")
		return
	case split && o.colocated():
		fail("an index of a colocated table (COLOCATION = true or a TABLEGROUP) shares its tablet and cannot be split")
		return
	case io.splitInto > 0 && !firstHash:
		fail("SPLIT INTO %d TABLETS needs a hash-sharded first column; use SplitAt for a range-sharded index", io.splitInto)
		return
	case io.splitAt != nil && firstHash:
		fail("SPLIT AT VALUES needs a range-sharded first column: give it ASC or DESC (yugabyte.IndexKey(%q, yugabyte.AscKey(…)))", name)
		return
	case io.splitAt != nil && !checkRows(c, t, "index "+name, io.splitAt, len(ix.Columns)):
		return
	}
	c.CreateIndexHead(s, name, false)
	c.QualifiedName(t.Schema, t.Name)
	if ix.Using != "" {
		if !isWord(ix.Using) {
			c.Failf("index method %q is not a name", ix.Using)
			return
		}
		c.Write(" USING " + method)
	}
	if io.key == nil {
		c.IndexParts(ix, false)
	} else {
		c.Write(" (")
		writeKeyParts(c, io.key)
		for _, p := range ix.Columns[len(keyColumns(io.key)):] {
			c.Write(", ")
			c.Ident(p.Column)
			if p.Desc {
				c.Write(" DESC")
			}
		}
		c.Write(")")
	}
	if io.tablespace != "" {
		c.Write(" TABLESPACE ")
		c.Ident(io.tablespace)
	}
	writeSplit(c, io.splitInto, io.splitAt)
	c.IndexWhere(ix)
}

// partSharding returns the sharding the parts give col.
func partSharding(parts []KeyPart, col string) Sharding {
	for _, p := range parts {
		if slices.Contains(p.Columns, col) {
			return p.Sharding
		}
	}
	return 0
}

// isWord reports whether s is a plain name: letters, digits and underscores, not
// starting with a digit.
func isWord(s string) bool {
	for i := 0; i < len(s); i++ {
		ch := s[i] | 0x20
		if !('a' <= ch && ch <= 'z' || s[i] == '_' || i > 0 && '0' <= s[i] && s[i] <= '9') {
			return false
		}
	}
	return s != ""
}
