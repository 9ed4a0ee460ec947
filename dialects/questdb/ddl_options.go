package questdb

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/seed13bb6a42/strata/ast"
)

// Table options of QuestDB's CREATE TABLE.
//
// Each option is an ast.TableOption for the dialect named "questdb", so a table that
// carries them is still created as it is on PostgreSQL, SQLite or MySQL, which ignore
// options meant for another dialect: one MetaData serves them all.
//
//	trades := ast.NewTable("trades",
//		ast.Col("ts", types.DateTime),
//		ast.Col("sym", questdbSymbolType),
//		ast.Col("price", types.DoubleFloat),
//		questdb.DesignatedTimestamp("ts"),
//		questdb.PartitionBy(questdb.Day),
//		questdb.WAL(),
//		questdb.DedupUpsertKeys("ts", "sym"),
//		questdb.SymbolOptions("sym", questdb.Capacity(256), questdb.Indexed()))
//
// The constructors spell each option's name and value in the plain form below, which
// schema reflection produces too (it cannot import this package), so options written
// by hand, by the constructors or by reflection compare equal. Names are matched
// without regard to case; when an option is given twice, the later one counts.
const (
	// OptionTimestamp names the designated timestamp column: TIMESTAMP(col).
	OptionTimestamp = "timestamp"
	// OptionPartitionBy is PARTITION BY NONE|YEAR|MONTH|WEEK|DAY|HOUR; the value is
	// the unit.
	OptionPartitionBy = "partition by"
	// OptionWAL is "true" for WAL and "false" for BYPASS WAL.
	OptionWAL = "wal"
	// OptionDedupUpsertKeys is DEDUP UPSERT KEYS(…); the value is the key columns
	// separated by commas (QuestDB column names cannot contain a comma).
	OptionDedupUpsertKeys = "dedup upsert keys"
	// OptionTTL is TTL n unit; the value is "n HOURS|DAYS|WEEKS|MONTHS|YEARS"
	// (singular units are accepted too).
	OptionTTL = "ttl"
	// OptionSymbolPrefix begins the name of a SYMBOL column's options: "symbol " and
	// the column's name. The value is what follows SYMBOL in the column definition:
	// "[CAPACITY n] [CACHE|NOCACHE] [INDEX [CAPACITY n]]", as SHOW CREATE TABLE
	// prints it.
	OptionSymbolPrefix = "symbol "
)

// optionDialect is the dialect name the table options are given for.
const optionDialect = Name

// A Partition is a partitioning unit of PARTITION BY.
type Partition string

// The partitioning units. None is QuestDB's default for tables created with SQL.
const (
	None  Partition = "NONE"
	Year  Partition = "YEAR"
	Month Partition = "MONTH"
	Week  Partition = "WEEK"
	Day   Partition = "DAY"
	Hour  Partition = "HOUR"
)

// A TTLUnit is the unit of a table's time to live.
type TTLUnit string

// The TTL units. Hours, days and weeks are fixed durations; months and years follow
// the calendar.
const (
	Hours  TTLUnit = "HOURS"
	Days   TTLUnit = "DAYS"
	Weeks  TTLUnit = "WEEKS"
	Months TTLUnit = "MONTHS"
	Years  TTLUnit = "YEARS"
)

// DesignatedTimestamp makes column the table's designated timestamp, TIMESTAMP(col):
// the column QuestDB orders rows by, partitions on and samples by. It must be a
// TIMESTAMP column, and it cannot be changed once the table exists.
func DesignatedTimestamp(column string) ast.TableOption {
	return ast.DialectOption(optionDialect, OptionTimestamp, column)
}

// PartitionBy partitions the table by time: PARTITION BY p. Any unit but None needs a
// designated timestamp, and partitioning cannot be changed once the table exists.
func PartitionBy(p Partition) ast.TableOption {
	return ast.DialectOption(optionDialect, OptionPartitionBy, string(p))
}

// WAL makes the table a write-ahead-log table, as QuestDB does by default for
// partitioned tables; it needs a partitioning unit other than None. WAL tables apply
// their writes asynchronously: read-after-write needs a wait.
func WAL() ast.TableOption { return ast.DialectOption(optionDialect, OptionWAL, "true") }

// BypassWAL makes the table write directly, without a write-ahead log: BYPASS WAL. A
// table without partitioning is never a WAL table, so there the option writes nothing.
func BypassWAL() ast.TableOption { return ast.DialectOption(optionDialect, OptionWAL, "false") }

// DedupUpsertKeys deduplicates rows by key: an insert replaces the rows with the same
// values in columns, which must include the designated timestamp. It is QuestDB's
// upsert, and works on WAL tables only (a partitioned table without BypassWAL is
// created with WAL written out).
func DedupUpsertKeys(columns ...string) ast.TableOption {
	return ast.DialectOption(optionDialect, OptionDedupUpsertKeys, strings.Join(columns, ","))
}

// TTL drops whole partitions once their data is older than n units. It needs
// partitioning, and must be a whole number of partitions: n days on a table
// partitioned by WEEK must be a multiple of 7, and a table partitioned by MONTH takes
// months or years only.
func TTL(n int, unit TTLUnit) ast.TableOption {
	return ast.DialectOption(optionDialect, OptionTTL, strconv.Itoa(n)+" "+string(unit))
}

// A SymbolOption sets one storage option of a SYMBOL column (see SymbolOptions).
type SymbolOption func(*symbolSpec)

// Capacity sizes the column's symbol table for about n distinct values; QuestDB rounds
// it up to a power of two.
func Capacity(n int) SymbolOption { return func(s *symbolSpec) { s.capacity = n } }

// Cache keeps the column's symbol table in memory (QuestDB's default).
func Cache() SymbolOption { return func(s *symbolSpec) { s.cache = cacheOn } }

// NoCache reads the column's symbol table from disk: for columns with very many
// distinct values.
func NoCache() SymbolOption { return func(s *symbolSpec) { s.cache = cacheOff } }

// Indexed gives the column a bitmap index, QuestDB's only kind of index.
func Indexed() SymbolOption { return func(s *symbolSpec) { s.index = true } }

// IndexCapacity gives the column a bitmap index with n value slots per index block.
func IndexCapacity(n int) SymbolOption {
	return func(s *symbolSpec) { s.index, s.indexCapacity = true, n }
}

// SymbolOptions sets the storage options of the SYMBOL column named column:
//
//	questdb.SymbolOptions("sym", questdb.Capacity(256), questdb.NoCache(), questdb.Indexed())
//
// is written "sym SYMBOL CAPACITY 256 NOCACHE INDEX". The column must be a SYMBOL
// column. In CREATE TABLE … AS the options make the column one, with CAST(col AS SYMBOL …).
func SymbolOptions(column string, opts ...SymbolOption) ast.TableOption {
	var s symbolSpec
	for _, o := range opts {
		o(&s)
	}
	return ast.DialectOption(optionDialect, OptionSymbolPrefix+column, s.String())
}

// The cache settings of a symbol column.
const (
	cacheDefault = iota // the server's default (CACHE)
	cacheOn
	cacheOff
)

// A symbolSpec is the parsed value of a symbol column's options.
type symbolSpec struct {
	capacity      int // 0: the server's default
	cache         int // cacheDefault, cacheOn or cacheOff
	index         bool
	indexCapacity int // 0: the server's default
}

// String returns the options as they follow SYMBOL in a column definition.
func (s symbolSpec) String() string {
	var parts []string
	if s.capacity != 0 {
		parts = append(parts, "CAPACITY "+strconv.Itoa(s.capacity))
	}
	switch s.cache {
	case cacheOn:
		parts = append(parts, "CACHE")
	case cacheOff:
		parts = append(parts, "NOCACHE")
	}
	if s.index {
		parts = append(parts, "INDEX")
		if s.indexCapacity != 0 {
			parts = append(parts, "CAPACITY "+strconv.Itoa(s.indexCapacity))
		}
	}
	return strings.Join(parts, " ")
}

// maxCapacity bounds symbol and index capacities: QuestDB keeps them in 32-bit
// integers after rounding up to a power of two.
const maxCapacity = 1 << 30

// parseSymbolSpec reads "[CAPACITY n] [CACHE|NOCACHE] [INDEX [CAPACITY n]]", in that
// order, without regard to case.
func parseSymbolSpec(v string) (symbolSpec, error) {
	var s symbolSpec
	words := strings.Fields(v)
	i := 0
	next := func(want string) bool {
		if i < len(words) && strings.EqualFold(words[i], want) {
			i++
			return true
		}
		return false
	}
	number := func(what string) (int, error) {
		if i >= len(words) {
			return 0, errors.New(what + " needs a number")
		}
		n, err := strconv.Atoi(words[i])
		if err != nil || n <= 0 || n > maxCapacity {
			return 0, fmt.Errorf("%s %q is not a whole number from 1 to %d", what, words[i], maxCapacity)
		}
		i++
		return n, nil
	}
	var err error
	if next("CAPACITY") {
		if s.capacity, err = number("CAPACITY"); err != nil {
			return s, err
		}
	}
	switch {
	case next("CACHE"):
		s.cache = cacheOn
	case next("NOCACHE"):
		s.cache = cacheOff
	}
	if next("INDEX") {
		s.index = true
		if next("CAPACITY") {
			if s.indexCapacity, err = number("INDEX CAPACITY"); err != nil {
				return s, err
			}
		}
	}
	if i < len(words) {
		return s, fmt.Errorf("unexpected %q (the options are [CAPACITY n] [CACHE|NOCACHE] [INDEX [CAPACITY n]], in that order)", words[i])
	}
	return s, nil
}

// The WAL settings of a table.
const (
	walDefault = iota // not given: QuestDB's default (WAL for partitioned tables)
	walOn
	walOff
)

// A ttlSpec is a parsed TTL: n units.
type ttlSpec struct {
	n    int
	unit TTLUnit // plural form
}

// hours returns the TTL in hours for fixed units, or in months (negative) for
// calendar units, as QuestDB stores it.
func (t ttlSpec) hoursOrMonths() int {
	switch t.unit {
	case Hours:
		return t.n
	case Days:
		return t.n * 24
	case Weeks:
		return t.n * 24 * 7
	case Months:
		return -t.n
	default: // Years
		return -t.n * 12
	}
}

// String writes the TTL clause's operand, singular for one unit: "1 WEEK", "2 DAYS".
func (t ttlSpec) String() string {
	u := string(t.unit)
	if t.n == 1 {
		u = strings.TrimSuffix(u, "S")
	}
	return strconv.Itoa(t.n) + " " + u
}

// maxTTL bounds a TTL so that its value in hours fits QuestDB's 32-bit field.
const maxTTL = 1 << 20

func parseTTL(v string) (ttlSpec, error) {
	words := strings.Fields(v)
	if len(words) != 2 {
		return ttlSpec{}, fmt.Errorf("TTL %q is not a number and a unit (HOURS, DAYS, WEEKS, MONTHS or YEARS)", v)
	}
	n, err := strconv.Atoi(words[0])
	if err != nil || n <= 0 || n > maxTTL {
		return ttlSpec{}, fmt.Errorf("TTL %q needs a whole number of units from 1 to %d", v, maxTTL)
	}
	u := strings.ToUpper(words[1])
	if !strings.HasSuffix(u, "S") {
		u += "S"
	}
	switch TTLUnit(u) {
	case Hours, Days, Weeks, Months, Years:
	default:
		return ttlSpec{}, fmt.Errorf("TTL unit %q is not HOURS, DAYS, WEEKS, MONTHS or YEARS", words[1])
	}
	return ttlSpec{n: n, unit: TTLUnit(u)}, nil
}

// A tableSpec is a table's QuestDB options, parsed.
type tableSpec struct {
	timestamp string    // designated timestamp column as given, or ""
	partition Partition // "" when not given
	wal       int       // walDefault, walOn or walOff
	dedup     []string  // upsert keys as given, or nil
	ttl       *ttlSpec  // or nil
	symbols   []symbolOptions
}

// symbolOptions are the options given for one symbol column.
type symbolOptions struct {
	column string
	spec   symbolSpec
}

// symbol returns the options given for column (matched without regard to case, as
// QuestDB matches names), or false.
func (t *tableSpec) symbol(column string) (symbolSpec, bool) {
	for _, s := range t.symbols {
		if strings.EqualFold(s.column, column) {
			return s.spec, true
		}
	}
	return symbolSpec{}, false
}

// partitioned reports whether the table is partitioned by a unit other than NONE,
// which WAL, DEDUP and TTL require.
func (t *tableSpec) partitioned() bool { return t.partition != "" && t.partition != None }

// walEnabled reports whether the table will be a WAL table: asked for, or by default
// when partitioned.
func (t *tableSpec) walEnabled() bool {
	return t.partitioned() && t.wal != walOff
}

// parseOptions reads the QuestDB options among opts (others are ignored: they are
// for other dialects, or checked elsewhere). An option given again replaces the
// earlier one, as compiler.DialectOptions does.
func parseOptions(opts []ast.TableOption) (*tableSpec, error) {
	spec := &tableSpec{}
	for _, o := range opts {
		if o.Dialect != optionDialect {
			continue
		}
		name := strings.ToLower(strings.TrimSpace(o.Name))
		switch {
		case name == OptionTimestamp:
			if strings.TrimSpace(o.Value) == "" {
				return nil, errors.New("the designated timestamp option names no column")
			}
			spec.timestamp = o.Value
		case name == OptionPartitionBy:
			p := Partition(strings.ToUpper(strings.TrimSpace(o.Value)))
			switch p {
			case None, Year, Month, Week, Day, Hour:
			default:
				return nil, fmt.Errorf("PARTITION BY %q is not NONE, YEAR, MONTH, WEEK, DAY or HOUR", o.Value)
			}
			spec.partition = p
		case name == OptionWAL:
			b, err := strconv.ParseBool(strings.TrimSpace(o.Value))
			if err != nil {
				return nil, fmt.Errorf("the wal option is %q, not true (WAL) or false (BYPASS WAL)", o.Value)
			}
			spec.wal = walOff
			if b {
				spec.wal = walOn
			}
		case name == OptionDedupUpsertKeys:
			spec.dedup = nil
			for _, k := range strings.Split(o.Value, ",") {
				if k = strings.TrimSpace(k); k != "" {
					spec.dedup = append(spec.dedup, k)
				}
			}
			if len(spec.dedup) == 0 {
				return nil, errors.New("DEDUP UPSERT KEYS names no column")
			}
		case name == OptionTTL:
			t, err := parseTTL(o.Value)
			if err != nil {
				return nil, err
			}
			spec.ttl = &t
		case strings.HasPrefix(name, OptionSymbolPrefix):
			// The column comes from the name as given, trimmed as name is but not
			// lower-cased (its case is the column's).
			given := strings.TrimSpace(o.Name)
			col := ""
			if len(given) >= len(OptionSymbolPrefix) && strings.EqualFold(given[:len(OptionSymbolPrefix)], OptionSymbolPrefix) {
				col = strings.TrimSpace(given[len(OptionSymbolPrefix):])
			}
			if col == "" {
				return nil, errors.New("symbol options name no column")
			}
			s, err := parseSymbolSpec(o.Value)
			if err != nil {
				return nil, fmt.Errorf("symbol options of column %s: %v", col, err)
			}
			replaced := false
			for i := range spec.symbols {
				if strings.EqualFold(spec.symbols[i].column, col) {
					spec.symbols[i].spec, replaced = s, true
				}
			}
			if !replaced {
				spec.symbols = append(spec.symbols, symbolOptions{column: col, spec: s})
			}
		default:
			return nil, fmt.Errorf("unknown QuestDB table option %q (QuestDB has %q, %q, %q, %q, %q and %q+column)",
				o.Name, OptionTimestamp, OptionPartitionBy, OptionWAL, OptionDedupUpsertKeys, OptionTTL, OptionSymbolPrefix)
		}
	}
	return spec, nil
}
