package schema

import (
	"cmp"
	"math/big"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/types"
)

// Per-dialect differences between a MetaData and what reflection reads back.
//
// Creating a MetaData with CreateAll and reflecting it with an Inspector gives back
// the same tables field by field, except where a database keeps less than ast
// declares or stores two declarations alike. Every such difference is an entry of
// the table below, and nowhere else: Expected applies exactly these entries, the
// round-trip tests compare reflection with Expected's result and nothing more, and
// docs/schema-differences.md is generated from the same table (DifferencesMarkdown).
// A difference a server introduces that is not listed here fails the round trip.

// A Difference is one documented way in which a schema reflected from a database of
// one dialect differs from the MetaData that created it.
type Difference struct {
	Name    string // short identifier, unique in the table
	Dialect string // compiler.Dialect.Name it applies to, or "" for every dialect
	What    string // what reflection gives back instead of the declaration
	Why     string // why the database cannot keep the declaration

	apply func(x *expecter)
}

// Differences returns the documented differences, in the order Expected applies them.
// The slice is fresh on every call.
func Differences() []Difference { return slices.Clone(differences) }

// Expected returns md as an Inspector reflects it from a database of dialect d after
// CreateAll(md): md with every Difference for d (and for all dialects) applied, in
// order. md is not modified. The result is for comparison, not for creating:
// expressions are ast.Text holding NormalizeSQL's form of their SQL.
//
// The entries describe the built-in dialects whose round trip is tested on a real
// server: "postgres", "sqlite" and "mariadb". For any other dialect only the entries
// for all dialects apply.
func Expected(d *compiler.Dialect, md *ast.MetaData) *ast.MetaData {
	return expected(d, md, "")
}

// expected is Expected without the difference named skip, which the tests use to
// show that every entry is needed.
func expected(d *compiler.Dialect, md *ast.MetaData, skip string) *ast.MetaData {
	x := newExpecter(d, md)
	for _, diff := range differences {
		if diff.Name != skip && (diff.Dialect == "" || diff.Dialect == d.Name) {
			diff.apply(x)
		}
	}
	return x.result()
}

// The dialect names of the entries.
const (
	pgDialect      = "postgres"
	sqliteDialect  = "sqlite"
	mariadbDialect = "mariadb"
)

var differences = []Difference{
	{
		Name: "table-order", Dialect: "",
		What: "`Inspector.Reflect` lists the tables sorted by name (bytewise), not in declaration order.",
		Why:  "Catalogs record no declaration order; the reflectors list table names sorted.",
		apply: func(x *expecter) {
			slices.SortStableFunc(x.tables, func(a, b *draft) int { return cmp.Compare(a.decl.Name, b.decl.Name) })
		},
	},
	{
		Name: "primary-key", Dialect: "",
		What: "A primary key declared on its columns (`ast.PrimaryKey()`) reflects as `Table.PrimaryKey`, " +
			"a table-level constraint over the key columns in declaration order; `Column.PrimaryKey` is false " +
			"and every key column is `NotNull`.",
		Why: "A table has one primary key, stored the same whichever syntax declared it; key columns are " +
			"NOT NULL by SQL's rule, and the DDL writes NOT NULL for them.",
		apply: liftPrimaryKey,
	},
	{
		Name: "unique-columns", Dialect: "",
		What: "A column declared `ast.Unique()` reflects as a single-column `UniqueConstraint`, placed before " +
			"the table's own unique constraints in column order; `Column.Unique` is false.",
		Why:   "A UNIQUE column is a unique constraint; servers do not record which syntax declared it.",
		apply: liftUniqueColumns,
	},
	{
		Name: "names", Dialect: "",
		What: "Constraints and indexes declared without a name carry the name the MetaData's naming convention " +
			"gives them (`ast.DefaultNaming` when it has none), shortened to the dialect's identifier limit " +
			"as the compiler does (a prefix and 8 hex digits of a hash); the foreign keys of a cycle that " +
			"CreateAll adds with ALTER TABLE are named like the default convention's when the convention " +
			"has no `fk` template.",
		Why:   "The DDL names every constraint and index by the convention, and the servers keep the names.",
		apply: nameConstraints,
	},
	{
		Name: "current-timestamp", Dialect: "",
		What: "A default of `ast.Now()` reflects as `ast.CurrentTimestamp()`.",
		Why: "PostgreSQL stores now() and CURRENT_TIMESTAMP alike, and SQLite and MariaDB are written " +
			"CURRENT_TIMESTAMP; every reflector gives the one spelling back.",
		apply: currentTimestamp,
	},
	{
		Name: "expressions", Dialect: "",
		What: "CHECK conditions, generated-column expressions, index expressions and predicates, and defaults " +
			"that are neither literals nor `CURRENT_TIMESTAMP`/`CURRENT_DATE`, reflect as `ast.Text` of the " +
			"SQL the server stores. They are compared as `NormalizeSQL` text of the dialect's rendering (see " +
			"below).",
		Why: "Servers keep expressions as text, rewritten in their own way: PostgreSQL deparses them with " +
			"the implicit casts written out and LIKE as ~~, MariaDB quotes names and lower-cases keywords, " +
			"SQLite keeps the text as written.",
		apply: textExpressions,
	},

	// PostgreSQL.
	{
		Name: "pg-order", Dialect: pgDialect,
		What: "Foreign keys, unique constraints, checks and indexes are each sorted by name; so are sequences.",
		Why:  "pg_constraint and pg_index record no declaration order; the reflector reads them by name.",
		apply: func(x *expecter) {
			x.sortByName()
		},
	},
	{
		Name: "pg-virtual", Dialect: pgDialect,
		What: "A VIRTUAL generated column reflects as STORED (`Computed.Stored` true), unless the dialect is " +
			"configured for PostgreSQL 18 or later.",
		Why: "PostgreSQL has virtual generated columns only from version 18: the DDL writes STORED before " +
			"(or when the dialect's version is unknown).",
		apply: func(x *expecter) {
			if v, ok := compiler.ParseVersion(x.d.Version); ok && v.AtLeast(18, 0, 0) {
				return
			}
			for _, d := range x.tables {
				for _, c := range d.columns {
					if c.Computed != nil {
						c.Computed.Stored = true
					}
				}
			}
		},
	},
	{
		Name: "pg-bytea", Dialect: pgDialect,
		What: "`types.VarBinary(n)` reflects as `types.Bytes`.",
		Why:  "bytea has no length.",
		apply: func(x *expecter) {
			x.eachType(func(t *types.Type) *types.Type {
				if t.Kind == types.Binary && t.Length > 0 {
					return types.Bytes
				}
				return t
			})
		},
	},
	{
		Name: "pg-int-literals", Dialect: pgDialect,
		What: "An integer literal default of any Go integer type reflects as an `int` literal.",
		Why:  "The catalog keeps the number as text, which the reflector reads with strconv.Atoi.",
		apply: func(x *expecter) {
			x.eachLiteral(func(_ *ast.Column, v any) any {
				if i, ok := intValue(v); ok {
					return int(i)
				}
				return v
			})
		},
	},

	// SQLite.
	{
		Name: "sqlite-rowid-integer", Dialect: sqliteDialect,
		What: "An autoincrement key column of any integer type reflects as `types.Integer`.",
		Why: "SQLite numbers rows only through the rowid, which a column aliases when it is written " +
			"INTEGER PRIMARY KEY: the DDL writes INTEGER whatever the declared width (every SQLite integer " +
			"is 64-bit).",
		apply: func(x *expecter) {
			for _, d := range x.tables {
				if c := d.rowid(); c != nil && (c.AutoIncrement || c.Identity != nil) {
					c.Type = types.Integer
				}
			}
		},
	},
	{
		Name: "sqlite-rowid-autoincrement", Dialect: sqliteDialect,
		What: "The only primary key column of a table, when it is an INTEGER, reflects as `AutoIncrement` " +
			"(and `NotNull`), even when declared without `ast.AutoIncrement()`; a BY DEFAULT identity " +
			"reflects as `AutoIncrement` too.",
		Why: "Such a column is an alias of the rowid, which SQLite numbers by itself: the catalog cannot " +
			"tell it from an AUTOINCREMENT one (the difference, whether numbers of deleted rows are reused, " +
			"is not reflected).",
		apply: func(x *expecter) {
			for _, d := range x.tables {
				if c := d.rowid(); c != nil && types.Of(c.Type).Kind == types.Int {
					c.AutoIncrement, c.Identity, c.NotNull = true, nil, true
				}
			}
		},
	},
	{
		Name: "sqlite-datetime", Dialect: sqliteDialect,
		What: "`types.TimestampTZ` and timestamps of any precision reflect as `types.DateTime` " +
			"(kind Timestamp, precision -1).",
		Why: "The DDL writes both as DATETIME, which has neither a zone nor a precision: SQLite stores " +
			"times as text.",
		apply: func(x *expecter) {
			x.eachType(func(t *types.Type) *types.Type {
				if t.Kind == types.Timestamp || t.Kind == types.TimestampTZ {
					return types.DateTime
				}
				return t
			})
		},
	},
	{
		Name: "sqlite-blob", Dialect: sqliteDialect,
		What: "`types.VarBinary(n)` reflects as `types.Bytes`.",
		Why:  "The DDL writes every binary type as BLOB, which has no length.",
		apply: func(x *expecter) {
			x.eachType(func(t *types.Type) *types.Type {
				if t.Kind == types.Binary && t.Length > 0 {
					return types.Bytes
				}
				return t
			})
		},
	},
	{
		Name: "sqlite-enum", Dialect: sqliteDialect,
		What: "An enum column reflects as `types.String(n)`, n the longest value in characters (at least 1), " +
			"and a `CheckConstraint` `col IN ('a', …)` named by the convention's `ck` template for the column " +
			"(or `ck_<table>_<column>_enum`); the enum checks come before the table's own checks, in column order.",
		Why: "SQLite has no enum type: the DDL writes VARCHAR(n) with an inline CHECK, and the reflector " +
			"lists checks in the order of the CREATE text.",
		apply: sqliteEnums,
	},
	{
		Name: "sqlite-int64-literals", Dialect: sqliteDialect,
		What: "An integer literal default of any Go integer type reflects as an `int64` literal.",
		Why:  "SQLite's integers are 64-bit; the reflector parses the default's text with strconv.ParseInt.",
		apply: func(x *expecter) {
			x.eachLiteral(func(_ *ast.Column, v any) any {
				if i, ok := intValue(v); ok {
					return i
				}
				return v
			})
		},
	},

	// MariaDB.
	{
		Name: "mariadb-primary-key-name", Dialect: mariadbDialect,
		What: "The primary key's name is \"\".",
		Why:  "MariaDB calls every primary key PRIMARY, whatever name it was declared with.",
		apply: func(x *expecter) {
			for _, d := range x.tables {
				if d.pk != nil {
					d.pk.Name = ""
				}
			}
		},
	},
	{
		Name: "mariadb-unique-index", Dialect: mariadbDialect,
		What: "A UNIQUE index over plain columns (ascending, without prefix lengths) reflects as a " +
			"`UniqueConstraint` of the index's name.",
		Why: "MariaDB's unique constraints are unique indexes: the catalog cannot tell CREATE UNIQUE INDEX " +
			"from a UNIQUE constraint.",
		apply: func(x *expecter) {
			for _, d := range x.tables {
				d.indexes = slices.DeleteFunc(d.indexes, func(ix *ast.Index) bool {
					if !ix.Unique || ix.Where != nil {
						return false
					}
					cols := make([]string, len(ix.Columns))
					for i, p := range ix.Columns {
						if p.Column == "" || p.Desc || p.Length != 0 {
							return false
						}
						cols[i] = p.Column
					}
					d.uniques = append(d.uniques, &ast.UniqueConstraint{Name: ix.Name, Columns: cols})
					return true
				})
			}
		},
	},
	{
		Name: "mariadb-functions", Dialect: mariadbDialect,
		What: "In expressions, `lower(…)` reflects as `lcase(…)` and `upper(…)` as `ucase(…)`.",
		Why:  "MariaDB prints the expressions it stores with its own names for these functions.",
		apply: func(x *expecter) {
			x.eachText(func(sql string) string {
				ts := normTokens(sql)
				for i := range ts {
					if to, ok := mariadbFunctions[ts[i].val]; ok && ts[i].kind == sqliteTkWord && i+1 < len(ts) && ts[i+1].is("(") {
						ts[i].val = to
					}
				}
				return renderNorm(ts)
			})
		},
	},
	{
		Name: "mariadb-order", Dialect: mariadbDialect,
		What: "Foreign keys, unique constraints, checks and indexes are each sorted by name; so are sequences.",
		Why:  "MariaDB reorders keys itself, and information_schema has no declaration order.",
		apply: func(x *expecter) {
			x.sortByName()
		},
	},
	{
		Name: "mariadb-restrict", Dialect: mariadbDialect,
		What: "The foreign-key action RESTRICT reflects as NO ACTION (`ast.NoAction`).",
		Why: "InnoDB checks foreign keys at once, so the two behave alike, and MariaDB reports RESTRICT for " +
			"keys declared without actions: the reflector cannot tell them apart.",
		apply: func(x *expecter) {
			for _, d := range x.tables {
				for _, fk := range d.fks {
					if fk.OnDelete == ast.Restrict {
						fk.OnDelete = ast.NoAction
					}
					if fk.OnUpdate == ast.Restrict {
						fk.OnUpdate = ast.NoAction
					}
				}
			}
		},
	},
	{
		Name: "mariadb-datetime", Dialect: mariadbDialect,
		What: "A timestamp of precision p from 0 to 6, with or without a zone, reflects as " +
			"`types.TimestampP(p, false)`; of unspecified precision (`types.DateTime`, `types.DateTimeTZ`) " +
			"or above 6, as `types.TimestampP(6, false)`.",
		Why: "The DDL writes DATETIME(p); DATETIME(6), for microseconds, when no precision is declared, and " +
			"never more than MariaDB's maximum of 6 digits. MariaDB's DATETIME has no zone.",
		apply: func(x *expecter) {
			x.eachType(func(t *types.Type) *types.Type {
				if t.Kind == types.Timestamp || t.Kind == types.TimestampTZ {
					return types.TimestampP(mariadbDigits(t), false)
				}
				return t
			})
		},
	},
	{
		Name: "mariadb-time", Dialect: mariadbDialect,
		What: "A time of precision p from 0 to 6, with or without a zone, reflects as a Time of precision p; " +
			"of unspecified precision (`types.TimeType`, `types.TimeWithZone`) or above 6, of precision 6.",
		Why: "The DDL writes TIME(p); TIME(6), for microseconds, when no precision is declared, and never " +
			"more than MariaDB's maximum of 6 digits. MariaDB's TIME has no zone.",
		apply: func(x *expecter) {
			x.eachType(func(t *types.Type) *types.Type {
				if t.Kind == types.Time || t.Kind == types.TimeTZ {
					return &types.Type{Kind: types.Time, Precision: mariadbDigits(t)}
				}
				return t
			})
		},
	},
	{
		Name: "mariadb-varchar", Dialect: mariadbDialect,
		What: "`types.String(0)` (no maximum length) reflects as `types.Text`.",
		Why:  "MariaDB's VARCHAR needs a length; the DDL writes TEXT.",
		apply: func(x *expecter) {
			x.eachType(func(t *types.Type) *types.Type {
				if t.Kind == types.VarChar && t.Length == 0 {
					return types.Text
				}
				return t
			})
		},
	},
	{
		Name: "mariadb-decimal", Dialect: mariadbDialect,
		What: "`types.Decimal(0, 0)` (no declared precision) reflects as `types.Decimal(65, 30)`.",
		Why: "MariaDB's DECIMAL without a precision is DECIMAL(10, 0), which would round every value to an " +
			"integer; the DDL writes the widest DECIMAL(65, 30) instead, and the catalog keeps that.",
		apply: func(x *expecter) {
			x.eachType(func(t *types.Type) *types.Type {
				if t.Kind == types.Numeric && t.Precision == 0 {
					return types.Decimal(65, 30)
				}
				return t
			})
		},
	},
	{
		Name: "mariadb-uuid", Dialect: mariadbDialect,
		What: "`types.UUIDType` reflects as `types.FixedChar(36)`.",
		Why: "The DDL writes CHAR(36), the portable spelling (MariaDB 10.7's own UUID type is not used), " +
			"which the reflector cannot tell from any other CHAR(36).",
		apply: func(x *expecter) {
			x.eachType(func(t *types.Type) *types.Type {
				if t.Kind == types.UUID {
					return types.FixedChar(36)
				}
				return t
			})
		},
	},
	{
		Name: "mariadb-enum-name", Dialect: mariadbDialect,
		What: "An enum type's name is its column's name.",
		Why:  "MariaDB's ENUM(…) is written inline on the column and has no name of its own.",
		apply: func(x *expecter) {
			for _, d := range x.tables {
				for _, c := range d.columns {
					if t := types.Of(c.Type); t.Kind == types.EnumKind && t.Name != c.Name {
						named := *t
						named.Name = c.Name
						c.Type = &named
					}
				}
			}
		},
	},
	{
		Name: "mariadb-int64-literals", Dialect: mariadbDialect,
		What: "An integer literal default on an integer column reflects as an `int64` literal.",
		Why:  "information_schema gives defaults as text, which the reflector parses with strconv.ParseInt.",
		apply: func(x *expecter) {
			x.eachLiteral(func(c *ast.Column, v any) any {
				if i, ok := intValue(v); ok && types.Of(c.Type).Kind.IsInteger() {
					return i
				}
				return v
			})
		},
	},
	{
		Name: "mariadb-decimal-literals", Dialect: mariadbDialect,
		What: "A numeric literal default on a DECIMAL(p, s) column reflects as a string literal of the stored " +
			"digits, with s fractional digits (0 on DECIMAL(10, 2) is \"0.00\").",
		Why: "information_schema gives the default as the stored decimal's text, which the reflector keeps " +
			"rather than lose digits to a float64.",
		apply: func(x *expecter) {
			x.eachLiteral(func(c *ast.Column, v any) any {
				t := types.Of(c.Type)
				if t.Kind != types.Numeric {
					return v
				}
				if s, ok := decimalText(v, t.Scale); ok {
					return s
				}
				return v
			})
		},
	},
	{
		Name: "mariadb-time-literals", Dialect: mariadbDialect,
		What: "A string default on a time or timestamp column reflects with as many fractional digits as " +
			"the column has, cut or padded with zeros (on TIME(6) \"12:30:00\" is \"12:30:00.000000\"; on " +
			"DATETIME(0) \"2000-01-02 03:04:05.5\" is \"2000-01-02 03:04:05\").",
		Why: "information_schema prints a default with all the column's fractional digits, and MariaDB " +
			"truncates the digits a column cannot keep.",
		apply: func(x *expecter) {
			x.eachLiteral(func(c *ast.Column, v any) any {
				s, ok := v.(string)
				t := types.Of(c.Type)
				if !ok || !t.Kind.IsTemporal() || t.Kind == types.Date || !strings.Contains(s, ":") {
					return v
				}
				whole, frac, _ := strings.Cut(s, ".")
				if n := mariadbDigits(t); n > 0 {
					return whole + "." + (frac + "000000")[:n]
				}
				return whole
			})
		},
	},
	{
		Name: "mariadb-booleans", Dialect: mariadbDialect,
		What: "In expressions, TRUE and FALSE reflect as 1 and 0.",
		Why:  "MariaDB's booleans are the integers 1 and 0, and it prints stored expressions so.",
		apply: func(x *expecter) {
			x.eachText(func(sql string) string {
				ts := normTokens(sql)
				for i, t := range ts {
					if t.kind == sqliteTkWord && (t.val == "true" || t.val == "false") {
						ts[i] = normToken{kind: sqliteTkNumber, val: map[string]string{"true": "1", "false": "0"}[t.val]}
					}
				}
				return renderNorm(ts)
			})
		},
	},
	{
		Name: "mariadb-engine", Dialect: mariadbDialect,
		What: "Every table has the option `ast.DialectOption(\"mariadb\", \"engine\", \"InnoDB\")`, after its comment.",
		Why:  "Every MariaDB table has a storage engine; the server's default, InnoDB, is what the DDL gets.",
		apply: func(x *expecter) {
			for _, d := range x.tables {
				d.options = append(d.options, ast.DialectOption(mariadbDialect, "engine", "InnoDB"))
			}
		},
	},
}

// mariadbDigits returns the fractional-second digits of a time or timestamp type as
// the MariaDB DDL declares them: its precision, 6 when it has none, at most 6.
func mariadbDigits(t *types.Type) int {
	if t.Precision < 0 || t.Precision > 6 {
		return 6
	}
	return t.Precision
}

// An expecter holds the copy of a MetaData that the differences rewrite.
type expecter struct {
	d      *compiler.Dialect
	md     *ast.MetaData
	nc     ast.NamingConvention
	tables []*draft
	seqs   []*ast.Sequence
	cycles map[*ast.ForeignKeyConstraint]*ast.Table // foreign keys CreatePlan adds with ALTER TABLE
}

// A draft is a table being rewritten: deep copies of the declaration's parts, which
// result turns back into an *ast.Table.
type draft struct {
	decl    *ast.Table // as declared: naming templates use its name
	columns []*ast.Column
	pk      *ast.PrimaryKeyConstraint
	fks     []*ast.ForeignKeyConstraint
	uniques []*ast.UniqueConstraint
	checks  []*ast.CheckConstraint
	indexes []*ast.Index
	options []ast.TableOption
}

func newExpecter(d *compiler.Dialect, md *ast.MetaData) *expecter {
	x := &expecter{d: d, md: md, nc: naming(md)}
	if d.HasDDL(compiler.AlterAddConstraint) {
		_, x.cycles = SortTables(md)
	}
	for _, t := range md.Tables {
		x.tables = append(x.tables, copyTable(t))
	}
	for _, s := range md.Sequences {
		c := *s
		x.seqs = append(x.seqs, &c)
	}
	return x
}

func copyTable(t *ast.Table) *draft {
	d := &draft{decl: t, options: slices.Clone(t.Options)}
	for _, c := range t.Columns {
		n := *c
		n.From = nil
		if c.Computed != nil {
			comp := *c.Computed
			n.Computed = &comp
		}
		if c.Identity != nil {
			id := *c.Identity
			n.Identity = &id
		}
		d.columns = append(d.columns, &n)
	}
	if t.PrimaryKey != nil {
		pk := *t.PrimaryKey
		pk.Columns = slices.Clone(pk.Columns)
		d.pk = &pk
	}
	for _, f := range t.ForeignKeys {
		n := *f
		n.Columns, n.RefColumns = slices.Clone(f.Columns), slices.Clone(f.RefColumns)
		d.fks = append(d.fks, &n)
	}
	for _, u := range t.Uniques {
		n := *u
		n.Columns = slices.Clone(u.Columns)
		d.uniques = append(d.uniques, &n)
	}
	for _, k := range t.Checks {
		n := *k
		d.checks = append(d.checks, &n)
	}
	for _, ix := range t.Indexes {
		n := *ix
		n.Columns = slices.Clone(ix.Columns)
		d.indexes = append(d.indexes, &n)
	}
	return d
}

// result builds the rewritten MetaData.
func (x *expecter) result() *ast.MetaData {
	out := &ast.MetaData{Schema: x.md.Schema, Naming: x.md.Naming, Views: x.md.Views}
	for _, d := range x.tables {
		items := make([]ast.TableItem, 0, len(d.columns)+8)
		for _, c := range d.columns {
			items = append(items, c)
		}
		if d.pk != nil {
			items = append(items, d.pk)
		}
		for _, f := range d.fks {
			items = append(items, f)
		}
		for _, u := range d.uniques {
			items = append(items, u)
		}
		for _, k := range d.checks {
			items = append(items, k)
		}
		for _, ix := range d.indexes {
			items = append(items, ix)
		}
		for _, o := range d.options {
			items = append(items, o)
		}
		out.Tables = append(out.Tables, ast.NewSchemaTable(d.decl.Schema, d.decl.Name, items...))
	}
	out.Sequences = x.seqs
	return out
}

// rowid returns the column of d that SQLite makes an alias of the rowid: the only
// primary key column, when the DDL writes it INTEGER (autoincrement columns are).
func (d *draft) rowid() *ast.Column {
	pk := d.decl.PrimaryKeyColumns()
	if len(pk) != 1 {
		return nil
	}
	for _, c := range d.columns {
		if c.Name == pk[0] {
			if types.Of(c.Type).Kind == types.Int || c.AutoIncrement || c.Identity != nil {
				return c
			}
		}
	}
	return nil
}

// eachType replaces the type of every column (and the element type of arrays).
func (x *expecter) eachType(f func(*types.Type) *types.Type) {
	for _, d := range x.tables {
		for _, c := range d.columns {
			t := types.Of(c.Type)
			if t.Kind == types.Array && t.Elem != nil {
				if e := f(t.Elem); e != t.Elem {
					n := *t
					n.Elem = e
					c.Type = &n
				}
				continue
			}
			c.Type = f(t)
		}
	}
}

// mariadbFunctions are the functions MariaDB prints under other names.
var mariadbFunctions = map[string]string{"lower": "lcase", "upper": "ucase"}

// An exprPlace says where in a table an expression stands.
type exprPlace struct {
	table  *draft
	column *ast.Column          // the column of a default or generated expression, or nil
	def    bool                 // a default
	check  *ast.CheckConstraint // or nil
	index  *ast.Index           // or nil
}

// String names the place for notes: "t.c", "check ck on t", "index ix on t".
func (p exprPlace) String() string {
	t := p.table.decl.Name
	switch {
	case p.column != nil:
		return t + "." + p.column.Name
	case p.check != nil && p.check.Name != "":
		return "check " + p.check.Name + " on " + t
	case p.index != nil:
		return "index " + p.index.Name + " on " + t
	}
	return "a check on " + t
}

// eachExpr replaces the expressions of every table: generated columns', defaults,
// checks', and index expressions and predicates.
func (x *expecter) eachExpr(f func(e ast.Expr, at exprPlace) ast.Expr) {
	for _, d := range x.tables {
		d.eachExpr(f)
	}
}

// eachExpr replaces the expressions of d, as expecter.eachExpr does.
func (d *draft) eachExpr(f func(e ast.Expr, at exprPlace) ast.Expr) {
	for _, c := range d.columns {
		if c.Computed != nil && c.Computed.Expr != nil {
			c.Computed.Expr = f(c.Computed.Expr, exprPlace{table: d, column: c})
		}
		if c.Default != nil {
			c.Default = f(c.Default, exprPlace{table: d, column: c, def: true})
		}
	}
	for _, k := range d.checks {
		k.Expr = f(k.Expr, exprPlace{table: d, check: k})
	}
	for _, ix := range d.indexes {
		for i, p := range ix.Columns {
			if p.Expr != nil {
				ix.Columns[i].Expr = f(p.Expr, exprPlace{table: d, index: ix})
			}
		}
		if ix.Where != nil {
			ix.Where = f(ix.Where, exprPlace{table: d, index: ix})
		}
	}
}

// eachText replaces the SQL of every expression that is text.
func (x *expecter) eachText(f func(string) string) {
	x.eachExpr(func(e ast.Expr, _ exprPlace) ast.Expr {
		if t, ok := e.(*ast.TextClause); ok {
			return ast.Text(f(t.SQL))
		}
		return e
	})
}

// eachLiteral replaces the value of every literal default.
func (x *expecter) eachLiteral(f func(*ast.Column, any) any) {
	for _, d := range x.tables {
		for _, c := range d.columns {
			if l, ok := c.Default.(*ast.Literal); ok {
				if v := f(c, l.Value); !reflect.DeepEqual(v, l.Value) || reflect.TypeOf(v) != reflect.TypeOf(l.Value) {
					c.Default = ast.Lit(v)
				}
			}
		}
	}
}

// sortByName sorts each table's foreign keys, unique constraints, checks and indexes,
// and the sequences, by name (bytewise).
func (x *expecter) sortByName() {
	for _, d := range x.tables {
		slices.SortStableFunc(d.fks, func(a, b *ast.ForeignKeyConstraint) int { return cmp.Compare(a.Name, b.Name) })
		slices.SortStableFunc(d.uniques, func(a, b *ast.UniqueConstraint) int { return cmp.Compare(a.Name, b.Name) })
		slices.SortStableFunc(d.checks, func(a, b *ast.CheckConstraint) int { return cmp.Compare(a.Name, b.Name) })
		slices.SortStableFunc(d.indexes, func(a, b *ast.Index) int { return cmp.Compare(a.Name, b.Name) })
	}
	slices.SortStableFunc(x.seqs, func(a, b *ast.Sequence) int { return cmp.Compare(a.Name, b.Name) })
}

func liftPrimaryKey(x *expecter) {
	for _, d := range x.tables {
		cols := d.decl.PrimaryKeyColumns()
		if len(cols) == 0 {
			continue
		}
		if d.pk == nil {
			d.pk = &ast.PrimaryKeyConstraint{Columns: slices.Clone(cols)}
		}
		for _, c := range d.columns {
			if slices.Contains(cols, c.Name) {
				c.PrimaryKey, c.NotNull = false, true
			}
		}
	}
}

func liftUniqueColumns(x *expecter) {
	for _, d := range x.tables {
		var lifted []*ast.UniqueConstraint
		for _, c := range d.columns {
			if c.Unique {
				lifted = append(lifted, &ast.UniqueConstraint{Columns: []string{c.Name}})
				c.Unique = false
			}
		}
		d.uniques = append(lifted, d.uniques...)
	}
}

func nameConstraints(x *expecter) {
	for _, d := range x.tables {
		t := d.decl
		if d.pk != nil {
			d.pk.Name = x.constraintName("pk", d.pk.Name, t, d.pk.Columns, "")
		}
		for i, f := range d.fks {
			name := x.constraintName("fk", f.Name, t, f.Columns, f.RefTable)
			if name == "" && x.cycles[t.ForeignKeys[i]] != nil {
				name = x.constraintName("fk", ast.ConstraintName(ast.DefaultNaming, "fk", "", t, f.Columns, f.RefTable), t, nil, "")
			}
			f.Name = name
		}
		for _, u := range d.uniques {
			u.Name = x.constraintName("uq", u.Name, t, u.Columns, "")
		}
		for _, k := range d.checks {
			k.Name = x.constraintName("ck", k.Name, t, compiler.NameColumns(k.Expr), "")
		}
		for _, ix := range d.indexes {
			var cols []string
			for _, p := range ix.Columns {
				switch {
				case p.Column != "":
					cols = append(cols, p.Column)
				case p.Expr != nil:
					for _, n := range compiler.NameColumns(p.Expr) {
						if !slices.Contains(cols, n) {
							cols = append(cols, n)
						}
					}
				}
			}
			ix.Name = x.constraintName("ix", ix.Name, t, cols, "")
		}
	}
}

func currentTimestamp(x *expecter) {
	for _, d := range x.tables {
		for _, c := range d.columns {
			if f, ok := c.Default.(*ast.Func); ok && f.ID == ast.FuncNow && len(f.Args) == 0 && f.Window == nil {
				c.Default = ast.CurrentTimestamp()
			}
		}
	}
}

func textExpressions(x *expecter) {
	x.eachExpr(func(e ast.Expr, at exprPlace) ast.Expr {
		if at.def && (compiler.IsLiteralDefault(e) || isCurrent(e)) {
			return e
		}
		return x.text(e)
	})
}

// isCurrent reports whether e is CURRENT_TIMESTAMP or CURRENT_DATE, which every
// reflector gives back as the ast function.
func isCurrent(e ast.Expr) bool {
	f, ok := e.(*ast.Func)
	return ok && len(f.Args) == 0 && f.Window == nil && (f.ID == ast.FuncCurrentTimestamp || f.ID == ast.FuncCurrentDate)
}

func sqliteEnums(x *expecter) {
	for _, d := range x.tables {
		var checks []*ast.CheckConstraint
		for _, c := range d.columns {
			t := types.Of(c.Type)
			if t.Kind != types.EnumKind {
				continue
			}
			n := 1
			for _, v := range t.Values {
				n = max(n, utf8.RuneCountInString(v))
			}
			name := ast.ConstraintName(x.nc, "ck", "", d.decl, []string{c.Name}, "")
			if name == "" {
				name = "ck_" + d.decl.Name + "_" + c.Name + "_enum"
			}
			values := make([]any, len(t.Values))
			for i, v := range t.Values {
				values[i] = v
			}
			checks = append(checks, &ast.CheckConstraint{
				Name: x.constraintName("ck", name, d.decl, nil, ""),
				Expr: x.text(ast.In(ast.Col(c.Name, types.String(n)), values...)),
			})
			c.Type = types.String(n)
		}
		d.checks = append(checks, d.checks...)
	}
}

// intValue returns v as an int64 when it is a Go integer that fits.
func intValue(v any) (int64, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if u := rv.Uint(); u <= 1<<63-1 {
			return int64(u), true
		}
	}
	return 0, false
}

// decimalText returns a number as DECIMAL(p, scale) stores it: with scale fractional
// digits, rounded half away from zero.
func decimalText(v any, scale int) (string, bool) {
	var r big.Rat
	switch x := v.(type) {
	case string:
		if _, ok := r.SetString(x); !ok {
			return "", false
		}
	case float32, float64:
		// The DDL writes the shortest decimal that reads back as the float.
		f := reflect.ValueOf(x).Float()
		bits := 64
		if _, ok := x.(float32); ok {
			bits = 32
		}
		if _, ok := r.SetString(strconv.FormatFloat(f, 'f', -1, bits)); !ok {
			return "", false
		}
	default:
		i, ok := intValue(v)
		if !ok {
			return "", false
		}
		r.SetInt64(i)
	}
	return r.FloatString(scale), true
}

// kindProbe is the kind of the node with which Expected asks the dialect's compiler
// for constraint names and expression SQL, exactly as the DDL writes them.
var kindProbe = ast.MustNewKind("schema.expected probe")

type probe struct {
	ast.Custom
	render func(*compiler.Ctx)
}

func (p *probe) Render(c *compiler.Ctx) { p.render(c) }

// compile runs render in a compiler context of x's dialect and returns what it wrote.
func (x *expecter) compile(render func(*compiler.Ctx)) (string, error) {
	plan, err := x.d.Compile(&probe{Custom: ast.Custom{K: kindProbe}, render: render})
	if err != nil {
		return "", err
	}
	return plan.SQL, nil
}

// constraintName returns the name the DDL writes for a constraint or index.
func (x *expecter) constraintName(kind, own string, t *ast.Table, columns []string, ref string) string {
	name, err := x.compile(func(c *compiler.Ctx) {
		c.Write(c.ConstraintName(x.nc, kind, own, t, columns, ref))
	})
	if err != nil {
		return "!" + err.Error() // fails the comparison, visibly
	}
	return name
}

// text returns e as the dialect's DDL renders it, in NormalizeSQL's form.
func (x *expecter) text(e ast.Expr) ast.Expr {
	sql, err := x.compile(func(c *compiler.Ctx) { c.DDLExpr(e, ast.PrecLowest+1) })
	if err != nil {
		return ast.Text("!" + err.Error()) // fails the comparison, visibly
	}
	return ast.Text(NormalizeSQL(sql))
}

// DifferencesMarkdown returns docs/schema-differences.md: the Difference table, the
// normal form of expressions and the rewrites of the cross-dialect round trip, as
// Markdown. A test keeps the file equal to it.
func DifferencesMarkdown() string {
	var b strings.Builder
	b.WriteString(`# Schema round trips: what reflection gives back

<!-- Generated by schema.DifferencesMarkdown from the tables in schema/differences.go.
     Do not edit; run: go test ./schema -run TestDifferencesDoc -update -->

The round-trip tests (schema/roundtrip_test.go) create a rich MetaData with
` + "`schema.CreateAll`" + ` on SQLite, PostgreSQL and MariaDB, reflect it back with an
` + "`Inspector`" + `, and compare every reflected table with the declared one field by field
(go-cmp). The declared MetaData is first mapped through ` + "`schema.Expected(dialect, md)`" + `,
which applies the differences below and nothing else: a difference a server introduces
that is not listed here fails the test, and each listed difference is checked to be
needed: without it, one of the round trips fails.

Then the cross-dialect round trip reflects the PostgreSQL schema, rewrites its expression
text for the target (see the last section), creates it on SQLite and on MariaDB with
` + "`CreateAll`" + `, reflects it again and compares with ` + "`Expected`" + ` for the target.

`)
	section := func(title, dialect string) {
		b.WriteString("## " + title + "\n\n| Name | What reflection gives back | Why |\n|---|---|---|\n")
		for _, d := range differences {
			if d.Dialect == dialect {
				b.WriteString("| `" + d.Name + "` | " + mdCell(d.What) + " | " + mdCell(d.Why) + " |\n")
			}
		}
		b.WriteString("\n")
	}
	section("Every dialect", "")
	section("PostgreSQL", pgDialect)
	section("SQLite", sqliteDialect)
	section("MariaDB", mariadbDialect)

	b.WriteString("## How expressions are compared\n\n")
	b.WriteString("`NormalizeSQL` turns the SQL of an expression into a normal form; both the declared\n" +
		"expression (rendered by the dialect's compiler) and the reflected text are compared in it.\n" +
		"In order, it:\n\n")
	for i, r := range normalizeRules {
		b.WriteString(strconv.Itoa(i+1) + ". " + r + "\n")
	}
	b.WriteString("\nThe normal form is for comparison only; it is not always valid SQL.\n\n")

	b.WriteString("## The cross-dialect round trip\n\n")
	b.WriteString("The PostgreSQL schema is reflected, and what SQLite or MariaDB cannot create is left\n" +
		"out: interval and array columns, the GIN index, collations (their names are PostgreSQL's),\n" +
		"sequences on SQLite, and on MariaDB partial and expression indexes and DEFERRABLE (the\n" +
		"foreign key stays, checked at once). Expressions reflect as PostgreSQL's text, which\n" +
		"`PortableText(md, from, to)` rewrites for the target before `CreateAll`; it also makes the\n" +
		"identity column GENERATED ALWAYS an autoincrement one, and says so in a note.\n\n" +
		"`PortableText` serves `strata schema` too, from every source: the rewrites of each source\n" +
		"family (PostgreSQL, MySQL with MariaDB, SQLite), applied between dialects of different\n" +
		"families only, are:\n\n")
	b.WriteString("| Name | From | Rewrite | Why |\n|---|---|---|---|\n")
	for _, r := range portableRewrites {
		from := map[string]string{"": "any", pgFamily: "PostgreSQL", mysqlFamily: "MySQL, MariaDB"}[r.from]
		b.WriteString("| `" + r.name + "` | " + from + " | " + mdCell(r.what) + " | " + mdCell(r.why) + " |\n")
	}
	b.WriteString("\nThe result is then compared with `Expected(target, rewritten)`, so the target's\n" +
		"differences above apply to it as to a declared MetaData.\n")
	return b.String()
}

func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// NormalizeSQL returns the normal form in which the round trip compares the SQL text
// of expressions; see normalizeRules. It is idempotent.
func NormalizeSQL(sql string) string {
	ts := normTokens(sql)
	ts = dropCasts(ts)
	ts = inLists(ts)
	ts = mapOperators(ts)
	ts = dropQualifiers(ts)
	ts = dropParens(ts)
	return renderNorm(ts)
}

// normalizeRules documents NormalizeSQL, rule by rule, for the generated doc.
var normalizeRules = []string{
	"splits the text into tokens (SQLite's tokenizer: `'…'` strings, `\"…\"`, `` `…` `` and `[…]` " +
		"quoted names, numbers, words, operators; brackets after an operand are PostgreSQL's subscripts " +
		"and `ARRAY[…]`) and drops comments and white space;",
	"lower-cases words and quoted names (so `\"Mixed Case\"` and `` `mixed case` `` are one name, " +
		"and `Email` and `email` another) but not string literals;",
	"drops PostgreSQL casts: `::` and the type after it (`'open'::text` is `'open'`, " +
		"`x::character varying(20)[]` is `x`);",
	"writes PostgreSQL's IN lists as such: `= ANY (ARRAY[a, b])` is `IN (a, b)` and " +
		"`<> ALL (ARRAY[a, b])` is `NOT IN (a, b)`;",
	"writes PostgreSQL's pattern operators as words: `~~` LIKE, `!~~` NOT LIKE, `~~*` ILIKE, " +
		"`!~~*` NOT ILIKE; `!=` and `==` are `<>` and `=`;",
	"drops qualifiers: `t.col` and `s.t.col` are `col`;",
	"drops redundant parentheses, repeatedly: around a single operand or function call, around a " +
		"whole expression or function argument, and around an operation that binds more tightly than " +
		"the operators next to the parentheses (OR < AND < NOT < comparisons < other operators < " +
		"+ - < * / % < unary minus), or as tightly when no reordering can follow (left of an operator " +
		"of its level, or among AND, OR, +, * or || alone); parentheses after a word (a call, IN, a " +
		"type) and around lists are kept;",
	"writes the tokens back separated by one space (none inside parentheses, before commas, or " +
		"between a function's name and its arguments), names in double quotes unless they are plain " +
		"lower-case ASCII words, and strings in single quotes.",
}

// A normToken is a token of NormalizeSQL and PortableText.
type normToken struct {
	kind     sqliteTokenKind // as sqliteTokenize gives it; a multi-character operator is one sqliteTkPunct
	val      string          // words and names lower-cased; strings unquoted; else the text
	raw      string          // names and strings unquoted, in their original case
	pos, end int             // byte offsets in the text; pos == end for a token a rewrite made
	gap      string          // the white space and comments between the previous token and this one
	unclosed bool            // a string or quoted name that runs to the end of the text unclosed
}

// A textSyntax is how a family of dialects writes the SQL text that reflection gives
// back, as far as telling its tokens apart goes.
type textSyntax uint8

const (
	standardText textSyntax = iota // '…' strings, a doubled quote inside; "…" names (PostgreSQL, SQLite)
	mysqlText                      // '…' and "…" strings with backslash escapes; `…` names
)

// normTokens tokenizes sql as lexText does, in the standard syntax.
func normTokens(sql string) []normToken { return lexText(sql, standardText) }

// lexText tokenizes sql with SQLite's tokenizer, drops comments (keeping them in the
// gaps), merges operator characters and lower-cases words and names. Brackets after
// an operand (ARRAY[…], a[1]) are PostgreSQL's subscripts and array constructors, not
// SQLite's […] quotes. In MySQL's syntax, '…' and "…" are strings in which a
// backslash escapes the next character.
func lexText(sql string, syntax textSyntax) []normToken {
	ts := appendNormTokens(nil, sql, 0, syntax)
	prev := 0
	for i := range ts {
		ts[i].gap = sql[prev:ts[i].pos]
		prev = ts[i].end
	}
	return ts
}

func appendNormTokens(out []normToken, sql string, offset int, syntax textSyntax) []normToken {
	raw := sqliteSignificant(sqliteTokenize(sql))
	for i := 0; i < len(raw); i++ {
		t := raw[i]
		n := normToken{kind: t.kind, val: t.val, raw: t.val, pos: offset + t.pos, end: offset + t.end}
		switch t.kind {
		case sqliteTkWord:
			n.val = strings.ToLower(t.val)
		case sqliteTkString, sqliteTkQuoted:
			if syntax == mysqlText && (sql[t.pos] == '\'' || sql[t.pos] == '"') {
				// SQLite's tokenizer ends the string at an escaped quote: read it
				// MySQL's way, then the rest of the text after it.
				val, end, closed := mysqlUnquote(sql, t.pos)
				out = append(out, normToken{kind: sqliteTkString, val: val, raw: val, pos: n.pos, end: offset + end, unclosed: !closed})
				return appendNormTokens(out, sql[end:], offset+end, syntax)
			}
			n.unclosed = !quoteClosed(sql[t.pos:t.end])
			if t.kind == sqliteTkString {
				break
			}
			if sql[t.pos] == '[' && len(out) > 0 && (out[len(out)-1].name() || out[len(out)-1].is(")") || out[len(out)-1].is("]")) {
				end := t.end
				if sql[end-1] == ']' {
					end--
				}
				out = append(out, normToken{kind: sqliteTkPunct, val: "[", raw: "[", pos: n.pos, end: n.pos + 1})
				out = appendNormTokens(out, sql[t.pos+1:end], offset+t.pos+1, syntax)
				if end < t.end {
					out = append(out, normToken{kind: sqliteTkPunct, val: "]", raw: "]", pos: offset + end, end: offset + end + 1})
				}
				continue
			}
			n.val = strings.ToLower(t.val)
		case sqliteTkPunct:
			op, k := mergeOperator(raw, i)
			n.val, n.raw, n.end = op, op, offset+raw[i+k-1].end
			i += k - 1
		}
		out = append(out, n)
	}
	return out
}

// mysqlEscapes are the characters MySQL reads after a backslash in a string as
// another; after any other character but % and _ (which keep it, for LIKE), the
// backslash is dropped.
var mysqlEscapes = map[byte]byte{'0': 0, 'b': '\b', 'n': '\n', 'r': '\r', 't': '\t', 'Z': 0x1a}

// quoteClosed reports whether the quoted text s, as SQLite's tokenizer delimits it,
// ends with its closing quote: in '…', "…" and `…` a doubled quote is one inside, so
// the quotes that end s must be odd in number.
func quoteClosed(s string) bool {
	if s[0] == '[' {
		return len(s) > 1 && s[len(s)-1] == ']'
	}
	n := 0
	for i := len(s) - 1; i > 0 && s[i] == s[0]; i-- {
		n++
	}
	return n%2 == 1
}

// mysqlUnquote reads the string quoted by sql[i] the way MySQL does: a doubled quote
// or a backslash escape stands for a character. It returns the string's value, the
// index after its closing quote, and whether there is one (else the index is len(sql)).
func mysqlUnquote(sql string, i int) (val string, end int, closed bool) {
	q := sql[i]
	var b strings.Builder
	for j := i + 1; j < len(sql); j++ {
		switch c := sql[j]; {
		case c == '\\' && j+1 < len(sql):
			j++
			if e, ok := mysqlEscapes[sql[j]]; ok {
				b.WriteByte(e)
			} else {
				if sql[j] == '%' || sql[j] == '_' {
					b.WriteByte('\\')
				}
				b.WriteByte(sql[j])
			}
		case c == q && j+1 < len(sql) && sql[j+1] == q:
			b.WriteByte(q)
			j++
		case c == q:
			return b.String(), j + 1, true
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), len(sql), false
}

// multiOps are the operators of more than one character, longest first.
var multiOps = []string{"!~~*", "!~~", "~~*", "<=>", "->>", "::", "<=", ">=", "<>", "!=", "==", "||", "~~", "!~", "~*", "<<", ">>", "->", "@>", "<@", "&&"}

// mergeOperator returns the operator starting at raw[i] (a punctuation token) and the
// number of tokens it spans: adjacent punctuation characters that form one operator.
func mergeOperator(raw []sqliteToken, i int) (string, int) {
	for _, op := range multiOps {
		if i+len(op) > len(raw) {
			continue
		}
		ok := true
		for j := 0; j < len(op) && ok; j++ {
			t := raw[i+j]
			ok = t.kind == sqliteTkPunct && t.val == op[j:j+1] && (j == 0 || raw[i+j-1].end == t.pos)
		}
		if ok {
			return op, len(op)
		}
	}
	return raw[i].val, 1
}

func (t normToken) is(s string) bool {
	return (t.kind == sqliteTkPunct || t.kind == sqliteTkWord) && t.val == s
}

func (t normToken) name() bool { return t.kind == sqliteTkWord || t.kind == sqliteTkQuoted }

// castWords are the words that continue a type name after its first word.
var castWords = []string{"varying", "precision", "with", "without", "time", "zone"}

// castEnd returns the index of the first token after the cast that starts with the
// "::" at ts[i]: the type's name, its arguments and array brackets.
func castEnd(ts []normToken, i int) int {
	j := i + 1
	if j >= len(ts) || !ts[j].name() {
		return j
	}
	j++
	for j+1 < len(ts) && ts[j].is(".") && ts[j+1].name() { // schema.type
		j += 2
	}
	words := func() {
		for j < len(ts) && ts[j].kind == sqliteTkWord && slices.Contains(castWords, ts[j].val) {
			j++
		}
	}
	words()
	if j < len(ts) && ts[j].is("(") { // timestamp(3) with time zone
		k := j + 1
		for k < len(ts) && (ts[k].kind == sqliteTkNumber || ts[k].is(",")) {
			k++
		}
		if k < len(ts) && ts[k].is(")") {
			j = k + 1
			words()
		}
	}
	for j+1 < len(ts) && ts[j].is("[") && ts[j+1].is("]") {
		j += 2
	}
	return j
}

func dropCasts(ts []normToken) []normToken {
	out := ts[:0:0]
	for i := 0; i < len(ts); i++ {
		if ts[i].is("::") {
			i = castEnd(ts, i) - 1
			continue
		}
		out = append(out, ts[i])
	}
	return out
}

// anyArray reports whether ts[i:] is PostgreSQL's deparsed IN list, "= ANY (ARRAY[a,
// …])", or NOT IN list, "<> ALL (ARRAY[…])" (casts dropped), and returns the indexes
// of its "[" and "]" and of the closing parenthesis.
func anyArray(ts []normToken, i int) (negated bool, open, closeAt, end int, ok bool) {
	if i+5 >= len(ts) || !ts[i+2].is("(") || !ts[i+3].is("array") || !ts[i+4].is("[") {
		return false, 0, 0, 0, false
	}
	switch {
	case ts[i].is("=") && ts[i+1].is("any"):
	case ts[i].is("<>") && ts[i+1].is("all"):
		negated = true
	default:
		return false, 0, 0, 0, false
	}
	depth := 0
	for k := i + 4; k < len(ts); k++ {
		switch {
		case ts[k].is("[") || ts[k].is("("):
			depth++
		case ts[k].is("]") || ts[k].is(")"):
			depth--
			if depth == 0 {
				if !ts[k].is("]") || k+1 >= len(ts) || !ts[k+1].is(")") {
					return false, 0, 0, 0, false
				}
				return negated, i + 4, k, k + 1, true
			}
		}
	}
	return false, 0, 0, 0, false
}

// inLists writes PostgreSQL's "= ANY (ARRAY[…])" as "IN (…)" and "<> ALL (ARRAY[…])"
// as "NOT IN (…)".
func inLists(ts []normToken) []normToken {
	out := ts[:0:0]
	for i := 0; i < len(ts); i++ {
		negated, open, closeAt, end, ok := anyArray(ts, i)
		if !ok {
			out = append(out, ts[i])
			continue
		}
		gap := ts[i].gap // of the comparison operator, which the first word replaces
		if negated {
			out = append(out, normToken{kind: sqliteTkWord, val: "not", raw: "NOT", gap: gap})
			gap = " "
		}
		out = append(out, normToken{kind: sqliteTkWord, val: "in", raw: "IN", gap: gap},
			normToken{kind: sqliteTkPunct, val: "(", raw: "(", gap: " "})
		out = append(out, ts[open+1:closeAt]...)
		out = append(out, normToken{kind: sqliteTkPunct, val: ")", raw: ")", gap: ts[closeAt].gap})
		i = end
	}
	return out
}

func mapOperators(ts []normToken) []normToken {
	word := func(s string) normToken { return normToken{kind: sqliteTkWord, val: s, raw: s} }
	out := ts[:0:0]
	for _, t := range ts {
		if t.kind != sqliteTkPunct {
			out = append(out, t)
			continue
		}
		switch t.val {
		case "~~":
			out = append(out, word("like"))
		case "!~~":
			out = append(out, word("not"), word("like"))
		case "~~*":
			out = append(out, word("ilike"))
		case "!~~*":
			out = append(out, word("not"), word("ilike"))
		case "!=":
			out = append(out, normToken{kind: sqliteTkPunct, val: "<>", raw: "<>"})
		case "==":
			out = append(out, normToken{kind: sqliteTkPunct, val: "=", raw: "="})
		default:
			out = append(out, t)
		}
	}
	return out
}

func dropQualifiers(ts []normToken) []normToken {
	out := ts[:0:0]
	for i := 0; i < len(ts); i++ {
		if i+2 < len(ts) && ts[i].name() && ts[i+1].is(".") && ts[i+2].name() {
			i++ // skip the qualifier and its dot
			continue
		}
		out = append(out, ts[i])
	}
	return out
}

// Operator precedence levels for dropParens, loosest first.
const (
	precOr = 1 + iota
	precAnd
	precNot
	precCompare
	precOther
	precAdd
	precMul
	precUnary
	precAtom = 99
)

var compareWords = []string{"like", "ilike", "is", "in", "between", "glob", "regexp", "rlike", "similar", "match"}

// groupAfter are the words, besides operators, after which parentheses group an
// operand; after any other word they belong to the syntax (a call, IN, a type's
// arguments) and are kept.
var groupAfter = []string{"and", "or", "not", "like", "ilike", "is", "between", "when", "then", "else", "case", "glob", "regexp", "rlike", "escape"}

// binaryPrec returns the precedence of t as an operator, or 0 when it is not one;
// unary reports a prefix position (NOT, unary minus).
func binaryPrec(t normToken, unary bool) int {
	switch t.kind {
	case sqliteTkWord:
		switch {
		case t.val == "or":
			return precOr
		case t.val == "and":
			return precAnd
		case t.val == "not" && unary:
			return precNot
		case t.val == "not" || slices.Contains(compareWords, t.val):
			return precCompare
		}
	case sqliteTkPunct:
		switch t.val {
		case "=", "<>", "<", ">", "<=", ">=", "<=>", "!~", "~", "~*":
			return precCompare
		case "+", "-":
			if unary {
				return precUnary
			}
			return precAdd
		case "*", "/", "%":
			return precMul
		case "(", ")", ",", ".", "[", "]", ";":
			return 0
		default:
			return precOther
		}
	}
	return 0
}

// endsOperand reports whether ts[i-1] ends an operand, so that an operator at i is
// binary rather than prefix.
func endsOperand(ts []normToken, i int) bool {
	if i == 0 {
		return false
	}
	p := ts[i-1]
	switch p.kind {
	case sqliteTkPunct:
		return p.val == ")" || p.val == "]"
	case sqliteTkWord:
		return binaryPrec(p, false) == 0 && !slices.Contains(groupAfter, p.val)
	}
	return true
}

// innerPrec returns the loosest operator precedence at the top level of ts[lo:hi],
// precAtom when there is none, and the set of operators at that level. list reports a
// comma at the top level.
func innerPrec(ts []normToken, lo, hi int) (prec int, ops []string, list bool) {
	prec = precAtom
	depth, between := 0, false
	for i := lo; i < hi; i++ {
		t := ts[i]
		switch {
		case t.is("(") || t.is("case"):
			depth++
			continue
		case t.is(")") || t.is("end"):
			depth--
			continue
		}
		if depth != 0 {
			continue
		}
		if t.is(",") {
			list = true
			continue
		}
		p := binaryPrec(t, !endsOperand(ts[lo:hi], i-lo))
		if t.is("between") {
			between = true
		} else if t.is("and") && between {
			p, between = precCompare, false
		}
		if p == 0 {
			continue
		}
		switch {
		case p < prec:
			prec, ops = p, []string{t.val}
		case p == prec && !slices.Contains(ops, t.val):
			ops = append(ops, t.val)
		}
	}
	return prec, ops, list
}

// associative are the operators for which a op (b op c) = (a op b) op c.
var associative = []string{"and", "or", "+", "*", "||"}

func dropParens(ts []normToken) []normToken {
	for changed := true; changed; {
		changed = false
		for i := 0; i < len(ts) && !changed; i++ {
			if !ts[i].is("(") {
				continue
			}
			j := matchParen(ts, i)
			if j < 0 || j == i+1 {
				continue
			}
			if removable(ts, i, j) {
				ts = append(append(ts[:i:i], ts[i+1:j]...), ts[j+1:]...)
				changed = true
			}
		}
	}
	return ts
}

func matchParen(ts []normToken, open int) int {
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
	return -1
}

// removable reports whether the parentheses at ts[i] and ts[j] can go.
func removable(ts []normToken, i, j int) bool {
	in, ops, list := innerPrec(ts, i+1, j)
	if list {
		return false
	}
	left := 0 // precedence of the operator before, 0 at a boundary
	if i > 0 {
		p := ts[i-1]
		switch {
		case p.is("(") || p.is(","):
		case p.kind == sqliteTkWord && slices.Contains([]string{"when", "then", "else", "case"}, p.val):
		case p.kind == sqliteTkWord && binaryPrec(p, !endsOperand(ts, i-1)) == 0 && !p.is("escape"):
			return false // a call, or syntax such as IN (…)
		case p.is("in"):
			return false
		default:
			left = binaryPrec(p, !endsOperand(ts, i-1))
			if left == 0 {
				return false // after an operand: not a grouping
			}
		}
	}
	right := 0
	if j+1 < len(ts) {
		n := ts[j+1]
		switch {
		case n.is(")") || n.is(","):
		case n.kind == sqliteTkWord && slices.Contains([]string{"when", "then", "else", "end", "asc", "desc"}, n.val):
		default:
			right = binaryPrec(n, false)
			if right == 0 {
				return false
			}
		}
	}
	outer := max(left, right)
	switch {
	case in > outer:
		return true
	case in < outer:
		return false
	case left < in: // right == in: the group is the left operand of an operator of its level
		return true
	}
	// left == in: a op (b op c) regroups only for one associative operator throughout
	return len(ops) == 1 && slices.Contains(associative, ops[0]) && ts[i-1].val == ops[0] &&
		(right == 0 || right < in || ts[j+1].val == ops[0])
}

func renderNorm(ts []normToken) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			p := ts[i-1]
			space := !p.is("(") && !p.is(".") && !p.is("[") && !t.is(")") && !t.is(",") && !t.is(".") && !t.is("]")
			if t.is("[") && (p.name() || p.is(")") || p.is("]")) {
				space = false // a subscript or ARRAY[…]
			}
			if t.is("(") && p.name() && binaryPrec(p, false) == 0 && !slices.Contains(groupAfter, p.val) {
				space = false // a call: f(x)
			}
			if space {
				b.WriteByte(' ')
			}
		}
		switch t.kind {
		case sqliteTkQuoted, sqliteTkWord:
			if plainWord(t.val) && (t.kind == sqliteTkWord || !normKeyword(t.val)) {
				b.WriteString(t.val)
			} else {
				b.WriteString(`"` + strings.ReplaceAll(t.val, `"`, `""`) + `"`)
			}
		case sqliteTkString:
			b.WriteString("'" + strings.ReplaceAll(t.val, "'", "''") + "'")
		case sqliteTkBlob:
			b.WriteString("x'" + strings.ToLower(t.val) + "'")
		default:
			b.WriteString(t.val)
		}
	}
	return b.String()
}

// plainWord reports whether s can be written bare in the normal form.
func plainWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || c == '_' || i > 0 && '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// normKeyword reports whether a bare s would read back as syntax rather than a name.
func normKeyword(s string) bool {
	return binaryPrec(normToken{kind: sqliteTkWord, val: s}, true) != 0 || slices.Contains(groupAfter, s) ||
		slices.Contains([]string{"end", "asc", "desc", "in", "case"}, s)
}

// Carrying reflected SQL text to another family of dialects.
//
// Reflection keeps what it cannot map into ast (CHECK conditions, generated
// expressions, index expressions and predicates, some defaults, view queries) as
// ast.Text in the source database's SQL. PortableText carries that text to a dialect of
// another family as far as can be done without parsing SQL: the rewrites below, token
// by token. Anything else in the text, such as a function one database has and another
// lacks, is left for the target server to judge.

// The families of dialects whose SQL text reflection gives back; see textFamily.
const (
	pgFamily     = "postgres"
	mysqlFamily  = "mysql" // MySQL and MariaDB
	sqliteFamily = "sqlite"
)

// textFamily returns the family of dialects whose SQL text a reflection through d
// gives back, told by the reflector registered for d: "postgres" for PostgresReflector
// (so YugabyteDB registering it is of that family), "mysql" for MySQL and MariaDB,
// "sqlite" for SQLiteReflector; for any other dialect, its own name.
func textFamily(d *compiler.Dialect) string {
	reflectors.RLock()
	r := reflectors.m[d.Name]
	reflectors.RUnlock()
	switch r.(type) {
	case PostgresReflector, *PostgresReflector:
		return pgFamily
	case *mysqlReflector:
		return mysqlFamily
	case SQLiteReflector, *SQLiteReflector:
		return sqliteFamily
	}
	return d.Name
}

// A Note says what PortableText changed with loss, or could not carry over.
type Note struct {
	Object string // what it is about: "table.column", "check ck on table", "index ix on table", "view v"
	Text   string // what happened, and why
}

// String returns the note as "object: text".
func (n Note) String() string { return n.Object + ": " + n.Text }

// A portableRewrite is one rule of PortableText.
type portableRewrite struct {
	name      string
	from      string // the source family it applies to, or "" for every one
	what, why string
}

var portableRewrites = []portableRewrite{
	{"quoting", "", "Quoted names are quoted the target's way, where the target needs quotes " +
		"(`\"select\"` is `` `select` `` on MariaDB, `` `total` `` is `total` on PostgreSQL).",
		"PostgreSQL's and SQLite's double quotes are string quotes on MySQL, and MySQL's backquotes " +
			"are no quotes elsewhere."},
	{"strings", "", "String literals are read in the source's syntax and written in the target's: " +
		"MySQL's `\"…\"` strings and backslash escapes (`'a\\'b'` is `'a''b'`), and backslashes doubled " +
		"for MySQL (`'a\\b'` is `'a\\\\b'`).",
		"MySQL reads double-quoted strings and backslash escapes; PostgreSQL and SQLite read neither."},
	{"casts", pgFamily, "`::type` casts are dropped (`qty::numeric * price` is `qty * price`).",
		"Other dialects have no `::`; the casts PostgreSQL writes into reflected text are the implicit " +
			"ones of the declaration. An explicit cast in a declared expression is dropped too, which is " +
			"why the round trip declares none."},
	{"like", pgFamily, "`~~` and `!~~` are `LIKE` and `NOT LIKE`.",
		"PostgreSQL deparses LIKE as its operator `~~`, which no other dialect has."},
	{"in-lists", pgFamily, "`= ANY (ARRAY[a, b])` is `IN (a, b)`, and `<> ALL (ARRAY[a, b])` is `NOT IN (a, b)`.",
		"PostgreSQL deparses IN lists as comparisons with an array, which no other dialect has."},
	{"introducers", mysqlFamily, "Character set introducers are dropped (`_utf8mb4'b2b'` is `'b2b'`).",
		"MySQL writes them into the expressions it stores; other dialects have none."},
	{"functions", mysqlFamily, "`lcase(…)` and `ucase(…)` are `lower(…)` and `upper(…)`.",
		"MariaDB prints lower and upper under names only MySQL knows (see `mariadb-functions`)."},
	{"identity", "", "An identity column is an autoincrement one on a target without identity columns " +
		"(MySQL, MariaDB, SQLite), with a note when that loses GENERATED ALWAYS, a START or an INCREMENT.",
		"Autoincrement is the numbering those dialects have; it accepts explicit values and numbers " +
			"from 1 by 1."},
	{"views", "", "A view's query, kept as text, gets the same rewrites, with a note.",
		"The rest of the query is the source's SQL, which the target may not accept."},
}

// PortableText returns md, as reflected from a database of dialect from, adapted so
// that dialect to can create it, and notes on what was changed with loss or could not
// be carried over. The SQL text of its expressions (ast.Text without binds in defaults,
// generated columns, checks, index expressions and predicates) and of its views'
// queries is rewritten from the source's family of dialects to the target's, and
// identity columns become autoincrement ones where to has none: see portableRewrites,
// listed in docs/schema-differences.md.
//
// The families are PostgreSQL, MySQL (with MariaDB) and SQLite, told by the reflector
// registered for each dialect. Between dialects of one family, md is returned as it
// is. md is not modified.
func PortableText(md *ast.MetaData, from, to *compiler.Dialect) (*ast.MetaData, []Note) {
	src := textFamily(from)
	if src == textFamily(to) {
		return md, nil
	}
	p := &porter{from: from, to: to, src: src}
	x := newExpecter(to, md)
	for _, d := range x.tables {
		for _, c := range d.columns {
			if id := c.Identity; id != nil && !to.HasDDL(compiler.IdentityColumns) {
				c.Identity, c.AutoIncrement = nil, true
				if id.Always || id.Start != 0 || id.Increment != 0 {
					p.note(d.decl.Name+"."+c.Name, to.Name+" has no identity columns: the column is autoincrement, "+
						"which accepts explicit values and numbers from 1 by 1")
				}
			}
		}
		d.eachExpr(func(e ast.Expr, at exprPlace) ast.Expr {
			if t, ok := e.(*ast.TextClause); ok && len(t.Binds) == 0 {
				return p.text(t, at.String())
			}
			return e
		})
	}
	out := x.result()
	out.Views = nil
	for _, v := range md.Views {
		n := *v
		if t, ok := v.Query.(*ast.TextClause); ok && len(t.Binds) == 0 {
			where := "view " + v.Name
			n.Query = p.text(t, where)
			p.note(where, "the query is "+from.Name+"'s SQL text, rewritten for "+to.Name+" without parsing it")
		}
		out.Views = append(out.Views, &n)
	}
	return out, p.notes
}

// A porter carries the text of one MetaData; see PortableText.
type porter struct {
	from, to *compiler.Dialect
	src      string // from's family
	notes    []Note
}

func (p *porter) note(object, text string) {
	p.notes = append(p.notes, Note{Object: object, Text: text})
}

// text returns t rewritten for the target, with a note about where if a token
// could not be.
func (p *porter) text(t *ast.TextClause, where string) *ast.TextClause {
	sql, err := portableSQL(t.SQL, p.src, p.to)
	if err != nil {
		p.note(where, "part of the SQL text is left as "+p.from.Name+" wrote it: "+err.Error())
	}
	n := ast.Text(sql)
	n.Columns = t.Columns
	return n
}

// portableSQL applies the text rewrites of portableRewrites for the source family
// src to sql, keeping the rest of the text (white space and comments included) as it
// is. A token the target cannot write (a name too long for it, a NUL byte in a
// string) is left as it was, and the first such error returned with the text.
func portableSQL(sql, src string, to *compiler.Dialect) (string, error) {
	syntax := standardText
	if src == mysqlFamily {
		syntax = mysqlText
	}
	ts := lexText(sql, syntax)
	if len(ts) == 0 {
		return sql, nil
	}
	tail := sql[ts[len(ts)-1].end:]
	if src == pgFamily {
		ts = inLists(dropCasts(ts))
	}
	var b strings.Builder
	var first error
	for i, t := range ts {
		b.WriteString(t.gap)
		if src == mysqlFamily && t.kind == sqliteTkWord && strings.HasPrefix(t.val, "_") &&
			i+1 < len(ts) && ts[i+1].kind == sqliteTkString && ts[i+1].pos == t.end {
			continue // a character set introducer: _utf8mb4'x'
		}
		out, err := portableToken(sql, ts, i, src, to)
		if err != nil {
			first = cmp.Or(first, err)
			out = sql[t.pos:t.end]
		}
		b.WriteString(out)
	}
	b.WriteString(tail)
	return b.String(), first
}

// portableToken returns the token ts[i] of sql, in the syntax of the family src,
// written for dialect to.
func portableToken(sql string, ts []normToken, i int, src string, to *compiler.Dialect) (string, error) {
	t := ts[i]
	switch {
	case t.unclosed:
	case t.kind == sqliteTkQuoted:
		return to.QuoteIdent(t.raw)
	case t.kind == sqliteTkString:
		lit, err := to.AppendLiteral(nil, t.raw, types.Text)
		return string(lit), err
	case src == pgFamily && t.is("~~"):
		return "LIKE", nil
	case src == pgFamily && t.is("!~~"):
		return "NOT LIKE", nil
	case src == mysqlFamily && t.kind == sqliteTkWord && i+1 < len(ts) && ts[i+1].is("("):
		for std, my := range mariadbFunctions {
			if t.val == my {
				return std, nil
			}
		}
	case t.pos == t.end: // made by a rewrite
		return t.raw, nil
	}
	return sql[t.pos:t.end], nil
}

// String returns the difference as "dialect name: what".
func (d Difference) String() string {
	dialect := d.Dialect
	if dialect == "" {
		dialect = "all"
	}
	return dialect + " " + d.Name + ": " + d.What
}
