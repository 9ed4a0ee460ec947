package schema

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/dialects/questdb"
	"github.com/seed13bb6a42/strata/types"
)

func init() { RegisterReflector("questdb", QuestDBReflector{}) }

// QuestDBReflector reads QuestDB's catalog through its meta functions: tables() for
// the tables and their settings, table_columns('t') for the columns, and
// materialized_views(), views() and live_views() for view definitions. It is
// registered for the dialect "questdb" and writes the questdb dialect package's own
// table options and column types, so that reflected tables compare equal with
// declared ones.
//
// QuestDB has one schema, "public"; Schema "" means it too, and any other is
// ErrNotFound. Names are matched without regard to case, as QuestDB matches them, and
// reflected as QuestDB stores them. The functions' columns are found by name, so that
// versions that add or rename columns (tables() had name before table_name) read
// alike; QuestDB 7.3 or later is needed for the WAL and dedup columns.
//
// What a table reflects as:
//
//   - Types from QuestDB's type names (see questdbType): BOOLEAN, SHORT, INT, LONG,
//     FLOAT, DOUBLE, UUID, BINARY and DATE are their generic types; VARCHAR is
//     types.Text (QuestDB's VARCHAR has no length); CHAR, one character, is
//     types.FixedChar(1); TIMESTAMP is types.DateTime (an instant in UTC, in
//     microseconds: the zone-less generic type is what lib/pq reports), TIMESTAMP_NS
//     types.TimestampP(9, false); DOUBLE[] is an array of DoubleFloat, DECIMAL(p,s)
//     types.Decimal. SYMBOL, STRING, BYTE, LONG256, IPV4 and GEOHASH(n{b|c}) are the
//     questdb package's own types (questdb.Symbol, questdb.Geohash(bits), …), named
//     "questdb.symbol", "questdb.geohash" and so on. Any other type (LONG128, INTERVAL)
//     is a types.Unknown named as QuestDB spells it.
//   - No column is NotNull, none has a default, and there is no primary key, foreign
//     key, unique or check constraint and no index: QuestDB has none of them. (The
//     designated timestamp cannot hold NULL, but QuestDB does not declare it so.)
//   - Table options, ast.DialectOption("questdb", name, value), in this order:
//     "timestamp" (the designated timestamp column), "partition by" (YEAR, MONTH, WEEK,
//     DAY or HOUR; NONE, QuestDB's default, is left out), "wal" ("true" for WAL,
//     "false" for BYPASS WAL; written for partitioned tables only, the only ones that
//     can be WAL tables), "dedup upsert keys" (the key columns in table order, joined
//     by commas), "ttl" ("n HOURS|DAYS|WEEKS|MONTHS|YEARS"), then for each SYMBOL
//     column, in table order, "symbol <column>" with what follows SYMBOL in SHOW CREATE
//     TABLE: "CAPACITY n CACHE|NOCACHE" and "INDEX CAPACITY n" for an indexed column.
//     QuestDB rounds a symbol capacity up to a power of two when the table is created,
//     and reflection reports the rounded capacity.
//
// Materialized views (and, in QuestDB 9, views and live views) are listed by
// ViewNames, not TableNames; Table reflects their columns too. QuestDB has no
// sequences.
type QuestDBReflector struct{}

// questdbSchema is QuestDB's one schema, as current_schema() reports it.
const questdbSchema = "public"

// DefaultSchema returns "public", QuestDB's only schema.
func (QuestDBReflector) DefaultSchema(context.Context, Querier) (string, error) {
	return questdbSchema, nil
}

// SchemaNames returns "public", QuestDB's only schema.
func (QuestDBReflector) SchemaNames(context.Context, Querier) ([]string, error) {
	return []string{questdbSchema}, nil
}

// TableNames returns the tables, sorted (bytewise), without the views.
func (r QuestDBReflector) TableNames(ctx context.Context, q Querier, schema string) ([]string, error) {
	return r.names(ctx, q, schema, false)
}

// ViewNames returns the materialized views (and, in QuestDB 9, views and live views),
// sorted.
func (r QuestDBReflector) ViewNames(ctx context.Context, q Querier, schema string) ([]string, error) {
	return r.names(ctx, q, schema, true)
}

func (QuestDBReflector) names(ctx context.Context, q Querier, schema string, views bool) ([]string, error) {
	if err := questdbCheckSchema(schema); err != nil {
		return nil, err
	}
	all, err := questdbTables(ctx, q)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, t := range all {
		if t.isView() == views {
			names = append(names, t.name)
		}
	}
	slices.Sort(names)
	return names, nil
}

// Sequences returns nil: QuestDB has no sequences.
func (QuestDBReflector) Sequences(ctx context.Context, q Querier, schema string) ([]*ast.Sequence, error) {
	return nil, questdbCheckSchema(schema)
}

// ViewDefinition returns a view's query as QuestDB keeps it: view_sql of
// materialized_views(), views() or live_views(), by the kind tables() reports.
func (QuestDBReflector) ViewDefinition(ctx context.Context, q Querier, schema, name string) (string, error) {
	if err := questdbCheckSchema(schema); err != nil {
		return "", err
	}
	t, err := questdbFind(ctx, q, name)
	if err != nil {
		return "", err
	}
	if !t.isView() {
		return "", fmt.Errorf("schema: questdb: %s is a table, not a view: %w", strconv.Quote(name), ErrNotFound)
	}
	fn := "materialized_views()"
	switch t.kind {
	case "V":
		fn = "views()"
	case "L":
		fn = "live_views()"
	}
	rows, err := questdbQuery(ctx, q, "SELECT * FROM "+fn)
	if err != nil {
		return "", fmt.Errorf("schema: questdb: reading %s: %w", fn, err)
	}
	for _, r := range rows {
		if strings.EqualFold(r.str("view_name"), t.name) {
			return strings.TrimSuffix(strings.TrimSpace(r.str("view_sql")), ";"), nil
		}
	}
	return "", fmt.Errorf("schema: questdb: view %s is not in %s: %w", strconv.Quote(name), fn, ErrNotFound)
}

// Table reflects one table (or view) from tables() and table_columns().
func (QuestDBReflector) Table(ctx context.Context, q Querier, schema, name string) (*ast.Table, error) {
	if err := questdbCheckSchema(schema); err != nil {
		return nil, err
	}
	t, err := questdbFind(ctx, q, name)
	if err != nil {
		return nil, err
	}
	// table_columns takes a constant; the name is QuestDB's own spelling of a table
	// that exists, quoted as a string literal.
	cols, err := questdbQuery(ctx, q, "SELECT * FROM table_columns('"+strings.ReplaceAll(t.name, "'", "''")+"')")
	if err != nil {
		return nil, fmt.Errorf("schema: questdb: reading the columns of %s: %w", strconv.Quote(t.name), err)
	}
	return questdbBuildTable(schema, t, cols)
}

// questdbCheckSchema accepts "" and "public" (in any case), QuestDB's one schema.
func questdbCheckSchema(schema string) error {
	if schema == "" || strings.EqualFold(schema, questdbSchema) {
		return nil
	}
	return fmt.Errorf("schema: questdb: schema %s: QuestDB has only %q: %w", strconv.Quote(schema), questdbSchema, ErrNotFound)
}

// A questdbRow is one row of a meta function, by lower-case column name, holding
// what the driver returned (lib/pq: string, []byte, bool, int64, float64, nil).
type questdbRow map[string]any

// str returns the column as text, or "" for NULL or a missing column.
func (r questdbRow) str(col string) string {
	switch v := r[strings.ToLower(col)].(type) {
	case string:
		return v
	case []byte:
		return string(v)
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

// has reports whether the function returned the column at all.
func (r questdbRow) has(col string) bool {
	_, ok := r[strings.ToLower(col)]
	return ok
}

// boolean returns the column as a boolean: false for NULL, a missing column or text
// that is not a boolean.
func (r questdbRow) boolean(col string) bool {
	switch v := r[strings.ToLower(col)].(type) {
	case bool:
		return v
	case int64:
		return v != 0
	case string, []byte:
		b, _ := strconv.ParseBool(r.str(col))
		return b
	}
	return false
}

// integer returns the column as an integer: 0 for NULL, a missing column or text that
// is not an integer.
func (r questdbRow) integer(col string) int64 {
	switch v := r[strings.ToLower(col)].(type) {
	case int64:
		return v
	case float64:
		return int64(v)
	case string, []byte:
		n, _ := strconv.ParseInt(strings.TrimSpace(r.str(col)), 10, 64)
		return n
	}
	return 0
}

// questdbQuery runs query and returns its rows by column name.
func questdbQuery(ctx context.Context, q Querier, query string) ([]questdbRow, error) {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var out []questdbRow
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		r := make(questdbRow, len(cols))
		for i, c := range cols {
			if b, ok := vals[i].([]byte); ok {
				vals[i] = string(b) // the driver may reuse the buffer
			}
			r[strings.ToLower(c)] = vals[i]
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// A questdbTableInfo is what tables() says of one table.
type questdbTableInfo struct {
	name      string
	kind      string // table_type (QuestDB 9): T, M (materialized view), V, L (live view); "M" from matView before
	row       questdbRow
	partition string
}

// isView reports whether the entry is a view of some kind rather than a table.
func (t *questdbTableInfo) isView() bool { return t.kind != "" && t.kind != "T" }

// questdbTables reads tables().
func questdbTables(ctx context.Context, q Querier) ([]*questdbTableInfo, error) {
	rows, err := questdbQuery(ctx, q, "SELECT * FROM tables()")
	if err != nil {
		return nil, fmt.Errorf("schema: questdb: reading tables(): %w", err)
	}
	out := make([]*questdbTableInfo, 0, len(rows))
	for _, r := range rows {
		t := &questdbTableInfo{name: r.str("table_name"), row: r, partition: strings.ToUpper(r.str("partitionBy"))}
		if !r.has("table_name") {
			t.name = r.str("name") // before QuestDB 8
		}
		switch {
		case r.has("table_type"):
			t.kind = strings.ToUpper(r.str("table_type"))
		case r.boolean("matView"):
			t.kind = "M"
		}
		out = append(out, t)
	}
	return out, nil
}

// questdbFind returns the entry of tables() for name (in any case), or an error
// wrapping ErrNotFound.
func questdbFind(ctx context.Context, q Querier, name string) (*questdbTableInfo, error) {
	all, err := questdbTables(ctx, q)
	if err != nil {
		return nil, err
	}
	for _, t := range all {
		if strings.EqualFold(t.name, name) {
			return t, nil
		}
	}
	return nil, fmt.Errorf("schema: questdb: table %s: %w", strconv.Quote(name), ErrNotFound)
}

// questdbBuildTable makes the ast.Table from the entry of tables() and the rows of
// table_columns(): column, type, indexed, indexBlockCapacity, symbolCached,
// symbolCapacity, designated and upsertKey (older versions lack the last two).
func questdbBuildTable(schema string, t *questdbTableInfo, cols []questdbRow) (*ast.Table, error) {
	if len(cols) == 0 {
		return nil, fmt.Errorf("schema: questdb: table_columns(%s) returned no columns: %w", strconv.Quote(t.name), ErrNotFound)
	}
	var (
		items   []ast.TableItem
		symbols []ast.TableItem
		keys    []string
		ts      = t.row.str("designatedTimestamp")
	)
	for _, c := range cols {
		name, typ := c.str("column"), c.str("type")
		if name == "" {
			return nil, fmt.Errorf("schema: questdb: table_columns(%s) returned a column without a name", strconv.Quote(t.name))
		}
		items = append(items, ast.Col(name, questdbType(typ)))
		if c.boolean("designated") && ts == "" {
			ts = name
		}
		if c.boolean("upsertKey") {
			keys = append(keys, name)
		}
		if strings.EqualFold(typ, "SYMBOL") {
			symbols = append(symbols, questdb.SymbolOptions(name, questdbSymbolOptions(c)...))
		}
	}
	if ts != "" {
		items = append(items, questdb.DesignatedTimestamp(ts))
	}
	partitioned := t.partition != "" && t.partition != "NONE"
	if partitioned {
		items = append(items, questdb.PartitionBy(questdb.Partition(t.partition)))
		if t.row.boolean("walEnabled") {
			items = append(items, questdb.WAL())
		} else {
			items = append(items, questdb.BypassWAL())
		}
	}
	// DEDUP DISABLE keeps no keys; where tables() has no dedup column (before 8.0),
	// the upsert keys alone say it.
	if len(keys) > 0 && (!t.row.has("dedup") || t.row.boolean("dedup")) {
		items = append(items, questdb.DedupUpsertKeys(keys...))
	}
	if n := t.row.integer("ttlValue"); n > 0 {
		unit := strings.ToUpper(t.row.str("ttlUnit"))
		switch unit {
		case "HOUR", "DAY", "WEEK", "MONTH", "YEAR":
		default:
			return nil, fmt.Errorf("schema: questdb: table %s has a TTL in unknown units %q", strconv.Quote(t.name), t.row.str("ttlUnit"))
		}
		items = append(items, questdb.TTL(int(n), questdb.TTLUnit(unit+"S")))
	}
	items = append(items, symbols...)
	return ast.NewSchemaTable(schema, t.name, items...), nil
}

// questdbSymbolOptions reads a SYMBOL column's options from its table_columns() row.
func questdbSymbolOptions(c questdbRow) []questdb.SymbolOption {
	var opts []questdb.SymbolOption
	if n := c.integer("symbolCapacity"); n > 0 {
		opts = append(opts, questdb.Capacity(int(n)))
	}
	if c.boolean("symbolCached") {
		opts = append(opts, questdb.Cache())
	} else {
		opts = append(opts, questdb.NoCache())
	}
	if c.boolean("indexed") {
		opts = append(opts, questdb.Indexed())
		if n := c.integer("indexBlockCapacity"); n > 0 {
			opts = append(opts, questdb.IndexCapacity(int(n)))
		}
	}
	return opts
}

// questdbType maps a type name of table_columns() to a type; see QuestDBReflector.
func questdbType(name string) *types.Type {
	n := strings.ToUpper(strings.TrimSpace(name))
	if elem, ok := strings.CutSuffix(n, "[]"); ok {
		if e := questdbType(elem); e.Kind != types.Unknown {
			return types.ArrayOf(e)
		}
		return &types.Type{Name: name}
	}
	switch n {
	case "BOOLEAN":
		return types.Bool
	case "BYTE":
		return questdb.Byte
	case "SHORT":
		return types.SmallInteger
	case "CHAR":
		return types.FixedChar(1)
	case "INT":
		return types.Integer
	case "LONG":
		return types.BigInteger
	case "FLOAT":
		return types.Real
	case "DOUBLE":
		return types.DoubleFloat
	case "VARCHAR":
		return types.Text
	case "STRING":
		return questdb.String
	case "SYMBOL":
		return questdb.Symbol
	case "DATE":
		return types.DateType
	case "TIMESTAMP":
		return types.DateTime
	case "TIMESTAMP_NS":
		return types.TimestampP(9, false)
	case "UUID":
		return types.UUIDType
	case "BINARY":
		return types.Bytes
	case "LONG256":
		return questdb.Long256
	case "IPV4":
		return questdb.IPv4
	}
	if args, ok := questdbArgs(n, "GEOHASH"); ok && len(args) == 1 && len(args[0]) >= 2 {
		size, unit := args[0][:len(args[0])-1], args[0][len(args[0])-1]
		if bits, err := strconv.Atoi(size); err == nil && bits > 0 {
			switch unit {
			case 'C':
				return questdb.GeohashChars(bits)
			case 'B':
				return questdb.Geohash(bits)
			}
		}
	}
	if args, ok := questdbArgs(n, "DECIMAL"); ok && len(args) == 2 {
		p, err1 := strconv.Atoi(args[0])
		s, err2 := strconv.Atoi(args[1])
		if err1 == nil && err2 == nil {
			return types.Decimal(p, s)
		}
	}
	return &types.Type{Name: name}
}

// questdbArgs splits "NAME(a, b)" into its arguments.
func questdbArgs(s, name string) ([]string, bool) {
	rest, ok := strings.CutPrefix(s, name+"(")
	if !ok || !strings.HasSuffix(rest, ")") {
		return nil, false
	}
	args := strings.Split(rest[:len(rest)-1], ",")
	for i := range args {
		args[i] = strings.TrimSpace(args[i])
	}
	return args, true
}

var _ Reflector = QuestDBReflector{}
