// Package compiler renders ast trees to SQL text and ordered bind parameters.
//
// Dispatch is a table of render functions indexed by ast.Kind (Rules): ANSI returns
// the base table, and each dialect clones its parent's table and overrides entries,
// wrapping an inherited rule where it only adds to it. Every child is rendered through
// one chokepoint (Ctx.Expr and Ctx.Node), so a dialect's overrides apply at every depth.
// What a dialect cannot express is an *UnsupportedError naming the dialect and the
// construct — never silent output, never invalid SQL.
package compiler

import (
	"slices"
	"strings"

	"github.com/seed13bb6a42/strata/bind"
	"github.com/seed13bb6a42/strata/types"
)

// A Dialect is everything the compiler needs to know about one database's SQL: its
// rule table, its feature set and the data that varies cheaply (quoting, placeholders,
// reserved words, type names, literals). A Dialect must not be modified once it is in
// use; Clone it to derive another.
type Dialect struct {
	Name        string       // registry name, used in errors: "postgres", "sqlite", "mysql", "mariadb"
	Rules       *Rules       // render rules by node kind
	Features    Feature      // what the dialect can express natively
	DDL         DDLFeature   // what its schema statements can express
	Placeholder bind.Style   // bind placeholder style
	QuoteOpen   byte         // identifier quote characters
	QuoteClose  byte         //
	FoldsCase   bool         // unquoted names fold to lower case, so any upper-case letter forces quoting
	QuoteAll    bool         // quote every identifier, needed or not, as the QuoteAll flag does (QuestDB)
	MaxIdentLen int          // longest identifier in bytes; 0 for no limit
	MaxParams   int          // most bind parameters in one statement; 0 for no limit
	Target      types.Target // what the driver accepts and returns
	Version     string       // server version the dialect was configured for, or ""

	// TypeName spells t for DDL and, with cast set, as the target of CAST, where some
	// dialects accept fewer names. An error means the dialect has no such type.
	TypeName func(t *types.Type, cast bool) (string, error)

	// AppendLiteral appends v rendered as an inline literal of type t (which may be
	// nil). It is used for ast.Literal nodes and under the InlineLiterals flag.
	AppendLiteral func(b []byte, v any, t *types.Type) ([]byte, error)

	reserved map[string]struct{}
	// maybe[len][first letter] has bit (last letter) set when some reserved word of
	// that length begins and ends so: most names skip the map lookup.
	maybe *[33][27]uint32
}

func letterIndex(c byte) int {
	c |= 0x20 // lower case for letters; '_' and digits land outside a–z
	if 'a' <= c && c <= 'z' {
		return int(c - 'a')
	}
	return 26
}

func (d *Dialect) indexReserved() {
	var f [33][27]uint32
	for w := range d.reserved {
		if len(w) == 0 || len(w) > 32 {
			continue
		}
		f[len(w)][letterIndex(w[0])] |= 1 << letterIndex(w[len(w)-1])
	}
	d.maybe = &f
}

// SetReserved replaces the reserved words, given in any case.
func (d *Dialect) SetReserved(words []string) {
	d.reserved = make(map[string]struct{}, len(words))
	for _, w := range words {
		d.reserved[strings.ToLower(w)] = struct{}{}
	}
	d.indexReserved()
}

// AddReserved adds words (in any case) to the reserved words, for a dialect derived
// from another that reserves more.
func (d *Dialect) AddReserved(words ...string) {
	if d.reserved == nil {
		d.reserved = make(map[string]struct{}, len(words))
	}
	for _, w := range words {
		d.reserved[strings.ToLower(w)] = struct{}{}
	}
	d.indexReserved()
}

// ReservedWords returns the reserved words, lower case and sorted.
func (d *Dialect) ReservedWords() []string {
	out := make([]string, 0, len(d.reserved))
	for w := range d.reserved {
		out = append(out, w)
	}
	slices.Sort(out)
	return out
}

// IsReserved reports whether word (in any case) is reserved in d.
func (d *Dialect) IsReserved(word string) bool {
	if len(word) > 32 || len(word) == 0 { // no keyword is this long; skip lower-casing
		return false
	}
	if d.maybe != nil && d.maybe[len(word)][letterIndex(word[0])]&(1<<letterIndex(word[len(word)-1])) == 0 {
		return false
	}
	var buf [32]byte
	b := buf[:len(word)]
	for i := 0; i < len(word); i++ {
		c := word[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	_, ok := d.reserved[string(b)] // no allocation: the compiler optimises map[string(b)]
	return ok
}

// Has reports whether d has every feature in f.
func (d *Dialect) Has(f Feature) bool { return d.Features&f == f }

// HasDDL reports whether d has every schema capability in f.
func (d *Dialect) HasDDL(f DDLFeature) bool { return d.DDL&f == f }

// A DDLFeature is one capability of a dialect's schema statements.
type DDLFeature uint32

// The schema capabilities.
const (
	AlterAddConstraint  DDLFeature = 1 << iota // ALTER TABLE … ADD CONSTRAINT (SQLite lacks it, but accepts foreign keys to tables created later)
	AlterDropConstraint                        // ALTER TABLE … DROP CONSTRAINT (or MySQL's DROP FOREIGN KEY / INDEX / CHECK)
	CommentOn                                  // COMMENT ON TABLE/COLUMN statements (PostgreSQL)
	InlineComments                             // COMMENT 'x' in column definitions and table options (MySQL)
	NamedEnums                                 // CREATE TYPE … AS ENUM (PostgreSQL); else inline ENUM(…) or a CHECK
	IdentityColumns                            // GENERATED … AS IDENTITY
	ComputedColumns                            // GENERATED ALWAYS AS (expr) [STORED | VIRTUAL]
	ExpressionIndexes                          // indexes on expressions
	PartialIndexes                             // CREATE INDEX … WHERE
	DeferrableFKs                              // DEFERRABLE [INITIALLY DEFERRED] foreign keys
	IfNotExistsIndex                           // CREATE INDEX IF NOT EXISTS
	TransactionalDDL                           // DDL inside a transaction can be rolled back
	DDLSequences                               // CREATE SEQUENCE
	OrReplaceView                              // CREATE OR REPLACE VIEW
)

// Clone returns a copy of d with its own rule table and reserved words, for deriving
// a new dialect.
func (d *Dialect) Clone() *Dialect {
	n := *d
	n.Rules = d.Rules.Clone()
	n.reserved = make(map[string]struct{}, len(d.reserved))
	for w := range d.reserved {
		n.reserved[w] = struct{}{}
	}
	n.indexReserved()
	return &n
}

// A Feature is one capability a dialect may have natively. Rules consult features to
// pick the native form, an emulation, or an *UnsupportedError; the ORM reads them to
// choose strategies (RETURNING or a follow-up SELECT, for one).
type Feature uint64

// The features.
const (
	Returning            Feature = 1 << iota // INSERT … RETURNING
	ReturningUpdate                          // UPDATE … RETURNING
	ReturningDelete                          // DELETE … RETURNING
	OnConflict                               // INSERT … ON CONFLICT (target) DO NOTHING | DO UPDATE
	OnConflictConstraint                     // ON CONFLICT ON CONSTRAINT name
	OnDuplicateKey                           // INSERT … ON DUPLICATE KEY UPDATE
	UpsertRowAlias                           // INSERT … AS new ON DUPLICATE KEY UPDATE c = new.c (MySQL ≥ 8.0.19)
	ILike                                    // ILIKE; else lower(x) LIKE lower(y)
	NullsOrdering                            // ORDER BY … NULLS FIRST | LAST; else emulated with IS NULL
	AggregateFilter                          // aggregate FILTER (WHERE …); else CASE inside the aggregate
	DistinctOn                               // SELECT DISTINCT ON (…)
	RightJoin                                // RIGHT [OUTER] JOIN
	FullJoin                                 // FULL [OUTER] JOIN
	Lateral                                  // LATERAL derived tables and functions
	WindowFunctions                          // OVER (…)
	FrameGroups                              // GROUPS frames
	FrameExclude                             // frame EXCLUDE options
	IntersectExcept                          // INTERSECT and EXCEPT
	SetOpAll                                 // INTERSECT ALL and EXCEPT ALL
	ParenSetMembers                          // (SELECT … LIMIT n) UNION … : members may be parenthesised
	DataModifyingCTE                         // WITH x AS (INSERT/UPDATE/DELETE … RETURNING …)
	CTEOnUpdateDelete                        // WITH … UPDATE / WITH … DELETE
	CTEMaterialized                          // [NOT] MATERIALIZED CTEs
	UpdateFrom                               // UPDATE t SET … FROM other
	MultiTableUpdate                         // UPDATE t, other SET …
	DeleteUsing                              // DELETE FROM t USING other
	MultiTableDelete                         // DELETE t FROM t, other / DELETE FROM t USING t, other
	DMLOrderLimit                            // UPDATE/DELETE … ORDER BY … LIMIT n
	ForUpdate                                // SELECT … FOR UPDATE
	ForShare                                 // SELECT … FOR SHARE (or LOCK IN SHARE MODE)
	ForKeyLocks                              // FOR NO KEY UPDATE, FOR KEY SHARE
	LockOf                                   // FOR UPDATE OF t
	LockNoWait                               // NOWAIT
	LockSkipLocked                           // SKIP LOCKED
	Rollup                                   // GROUP BY ROLLUP (…)
	WithRollup                               // GROUP BY … WITH ROLLUP (MySQL's only form)
	Cube                                     // GROUP BY CUBE (…)
	GroupingSets                             // GROUP BY GROUPING SETS (…)
	WithinGroup                              // ordered-set aggregates: f(x) WITHIN GROUP (ORDER BY …)
	Regexp                                   // regular-expression match operator
	RegexpFold                               // case-insensitive regular-expression operator
	IsDistinctFrom                           // IS [NOT] DISTINCT FROM natively
	FetchFirst                               // OFFSET … FETCH FIRST n ROWS ONLY
	FetchWithTies                            // FETCH FIRST n ROWS WITH TIES
	NativeBoolean                            // TRUE/FALSE literals and boolean columns
	DefaultValues                            // INSERT … DEFAULT VALUES
	ValuesTable                              // (VALUES …) AS v (a, b) in FROM
	TableFunctions                           // table-valued functions in FROM
	TupleInList                              // (a, b) IN ((1, 2), (3, 4))
	AnyAllSubquery                           // x = ANY (SELECT …)
	DerivedColumnAliases                     // (SELECT …) AS d (a, b)
	Sequences                                // CREATE SEQUENCE, nextval
	DefaultKeyword                           // DEFAULT as a value in INSERT rows and UPDATE SET
	Savepoints                               // SAVEPOINT, RELEASE and ROLLBACK TO SAVEPOINT: nested transactions
)
