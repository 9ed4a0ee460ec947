package schema

import (
	"context"
	"fmt"
	"strings"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/dialects/yugabyte"
)

// YugabyteReflector reads a YugabyteDB (YSQL) catalog, which is PostgreSQL's:
// everything PostgresReflector reflects, plus the placement YugabyteDB keeps as
// table options for the dialect "yugabyte", in the notation the yugabyte dialect
// writes (see its PrimaryKey, IndexKey, Colocation, Tablegroup and Tablespace):
//
//   - "primary key" and "index <name> key": the sharding of the key columns, read
//     from pg_index.indoption (YugabyteDB sets bit 4 on a hash column, as PostgreSQL
//     sets bit 1 on a DESC one). The option is reflected only when the sharding
//     differs from what YugabyteDB chooses for the same key declared without it
//     (the first column hashed, the others ascending; all ascending in a colocated
//     table), so that a schema declared without options reflects without them.
//     Indexes with an expression part, and the indexes of UNIQUE constraints, take
//     no option.
//   - "colocation": false for a table kept out of a colocated database's tablet;
//     "tablegroup": the tablegroup of a table placed in one (in a database that is
//     not colocated); "tablespace": a table's tablespace other than the default.
//   - The lsm access method, YugabyteDB's default, reflects as an index's empty
//     Using, as btree does on PostgreSQL; ybgin, which YugabyteDB makes of an index
//     declared USING gin, reflects as gin, so that a declared schema and its
//     reflection compare equal.
//
// Tablet counts and split points are not reflected: the default count depends on
// the cluster's size, and automatic tablet splitting changes both as data grows, so
// they describe the data's present state rather than the schema.
//
// On a server that is not YugabyteDB (the PostgreSQL stand-in of the tests),
// YugabyteReflector reflects what PostgresReflector does.
type YugabyteReflector struct{ PostgresReflector }

func init() { RegisterReflector("yugabyte", YugabyteReflector{}) }

// Table reflects one table; see YugabyteReflector.
func (r YugabyteReflector) Table(ctx context.Context, q Querier, schema, name string) (*ast.Table, error) {
	t, err := r.PostgresReflector.Table(ctx, q, schema, name)
	if err != nil {
		return nil, err
	}
	fail := func(what string, err error) (*ast.Table, error) {
		return nil, fmt.Errorf("schema: yugabyte: table %s: %s: %w", pgQualified(schema, name), what, err)
	}
	var version string
	if err := pgQueryRow(ctx, q, `SELECT version()`, nil, &version); err != nil {
		return fail("reading the server version", err)
	}
	if !strings.Contains(version, "-YB-") {
		return t, nil
	}
	var (
		oid                 int64
		colocated, dbColoc  bool
		tablegroup, tblspce string
	)
	err = pgQueryRow(ctx, q, `SELECT c.oid::int8, COALESCE(ts.spcname, '')
		FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
		LEFT JOIN pg_catalog.pg_tablespace ts ON ts.oid = c.reltablespace
		WHERE n.nspname = `+pgNspExpr+` AND c.relname = $2`, []any{schema, name}, &oid, &tblspce)
	if err != nil {
		return fail("finding it", err)
	}
	err = pgQueryRow(ctx, q, `SELECT p.is_colocated, COALESCE(g.grpname, ''), yb_is_database_colocated()
		FROM yb_table_properties($1::oid::regclass) p
		LEFT JOIN pg_catalog.pg_yb_tablegroup g ON g.oid = p.tablegroup_oid`, []any{oid}, &colocated, &tablegroup, &dbColoc)
	if err != nil {
		return fail("reading its YugabyteDB properties", err)
	}
	keys, err := ybKeys(ctx, q, oid)
	if err != nil {
		return fail("reading its key columns", err)
	}
	var opts []ast.TableOption
	for _, k := range keys {
		parts := ybKeyParts(k.cols, k.opts, colocated)
		switch {
		case parts == nil:
		case k.primary:
			opts = append(opts, yugabyte.PrimaryKey(parts...))
		default:
			opts = append(opts, yugabyte.IndexKey(k.index, parts...))
		}
	}
	switch {
	case dbColoc && !colocated:
		opts = append(opts, yugabyte.Colocation(false))
	case !dbColoc && tablegroup != "":
		opts = append(opts, yugabyte.Tablegroup(tablegroup))
	}
	if tblspce != "" {
		opts = append(opts, yugabyte.Tablespace(tblspce))
	}
	return ybRebuild(t, opts), nil
}

// ybKey is one lsm index of a table (its primary key included) with each key
// column's indoption.
type ybKey struct {
	index   string
	primary bool
	cols    []string
	opts    []int
}

// ybKeys reads the key columns of the lsm indexes of the table with oid rel, less
// those of UNIQUE constraints and those with expression parts.
func ybKeys(ctx context.Context, q Querier, rel int64) ([]ybKey, error) {
	rows, err := q.QueryContext(ctx, `SELECT ic.relname, i.indisprimary, a.attname, i.indoption[k.n - 1]::int
		FROM pg_catalog.pg_index i
		JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
		JOIN pg_catalog.pg_am am ON am.oid = ic.relam AND am.amname = 'lsm'
		CROSS JOIN LATERAL generate_series(1, i.indnkeyatts) k(n)
		LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND i.indkey[k.n - 1] <> 0
			AND a.attnum = i.indkey[k.n - 1]
		WHERE i.indrelid = $1 AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint co
			WHERE co.conrelid = i.indrelid AND co.conindid = i.indexrelid AND co.contype IN ('u', 'x'))
		ORDER BY ic.relname, k.n`, rel)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var (
		keys []ybKey
		skip = map[string]bool{}
	)
	for rows.Next() {
		var (
			index   string
			primary bool
			col     *string
			opt     int
		)
		if err := rows.Scan(&index, &primary, &col, &opt); err != nil {
			return nil, err
		}
		if col == nil {
			skip[index] = true
			continue
		}
		if len(keys) == 0 || keys[len(keys)-1].index != index {
			keys = append(keys, ybKey{index: index, primary: primary})
		}
		k := &keys[len(keys)-1]
		k.cols = append(k.cols, *col)
		k.opts = append(k.opts, opt)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := keys[:0]
	for _, k := range keys {
		if !skip[k.index] {
			out = append(out, k)
		}
	}
	return out, nil
}

// The bits of pg_index.indoption YugabyteDB's keys use.
const (
	ybIndoptionDesc = 1 // PostgreSQL's INDOPTION_DESC
	ybIndoptionHash = 4 // YugabyteDB's INDOPTION_HASH
)

// ybKeyParts returns a key's sharding as the yugabyte dialect's key parts
// (`(a, b) HASH, c DESC`), or nil when it is what YugabyteDB gives the same columns
// declared without sharding: the first column hashed and the rest ascending, or all
// ascending when colocated.
func ybKeyParts(cols []string, opts []int, colocated bool) []yugabyte.KeyPart {
	if len(cols) == 0 || len(cols) != len(opts) {
		return nil
	}
	byDefault := true
	for i, o := range opts {
		want := 0
		if i == 0 && !colocated {
			want = ybIndoptionHash
		}
		byDefault = byDefault && o&(ybIndoptionHash|ybIndoptionDesc) == want
	}
	if byDefault {
		return nil
	}
	hashed := 0
	for hashed < len(opts) && opts[hashed]&ybIndoptionHash != 0 {
		hashed++
	}
	var parts []yugabyte.KeyPart
	if hashed > 0 {
		parts = append(parts, yugabyte.HashKey(cols[:hashed]...))
	}
	for i := hashed; i < len(cols); i++ {
		if opts[i]&ybIndoptionDesc != 0 {
			parts = append(parts, yugabyte.DescKey(cols[i]))
		} else {
			parts = append(parts, yugabyte.AscKey(cols[i]))
		}
	}
	return parts
}

// ybDeclaredMethod maps the access methods YugabyteDB reports to the ones a schema
// declares: lsm is the default (""), ybgin is how it implements gin.
var ybDeclaredMethod = map[string]string{"lsm": "", "ybgin": "gin"}

// ybRebuild returns t with its indexes' access methods as a schema declares them and
// opts added to its options.
func ybRebuild(t *ast.Table, opts []ast.TableOption) *ast.Table {
	items := t.Items()
	for i, it := range items {
		ix, ok := it.(*ast.Index)
		if !ok {
			continue
		}
		if m, ok := ybDeclaredMethod[ix.Using]; ok {
			n := *ix
			n.Using = m
			items[i] = &n
		}
	}
	for _, o := range opts {
		items = append(items, o)
	}
	return ast.NewSchemaTable(t.Schema, t.Name, items...)
}
