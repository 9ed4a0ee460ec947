package engine_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"math/big"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects/dialecttest"
	"github.com/seed13bb6a42/strata/dialects/mysql"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/engine"
	"github.com/seed13bb6a42/strata/internal/testdb"
	"github.com/seed13bb6a42/strata/types"
)

// The cross-dialect differential suite runs the same Core statements on SQLite,
// PostgreSQL and MariaDB against the same fixture rows (dialecttest's users, orders,
// items, depts, kv and "Odd Table") and compares the rows they return, after
// normalising the drivers' value types. Every way in which the servers are allowed to
// differ is an entry of differences below, which the comparison consults and
// docs/differences.md lists (TestDifferentialDocListsDifferences keeps the two
// together). A statement a dialect cannot express (*compiler.UnsupportedError) is
// skipped on that server and counted.

// A diffMode says what the comparison does for a case that refers to a difference,
// on the servers the difference names.
type diffMode uint8

const (
	// modeEqual: Strata renders the construct so that every server agrees; the
	// comparison stays exact. The entry documents what raw SQL would do.
	modeEqual diffMode = iota
	// modeAlt: the named servers return the case's alt rows (or altAffected), which
	// the case spells out, instead of the other servers' rows. The difference is
	// asserted, not just tolerated: a server that stops differing fails the case.
	modeAlt
	// modeError: the named servers refuse the statement with an error.
	modeError
	// modeNumericText: strings that hold numbers are compared as numbers, with the
	// entry's tolerance.
	modeNumericText
	// modeTolerance: numbers are compared with the entry's relative tolerance instead
	// of diffTolerance.
	modeTolerance
	// modeSplitSorted: strings are lists joined by the entry's separator, compared as
	// sorted lists.
	modeSplitSorted
	// modeSessionUTC: the statement agrees only while the named servers' session time
	// zone is UTC, which the suite checks before comparing.
	modeSessionUTC
	// modeNormalised: not tied to cases; every value goes through this normalisation
	// (counted per server when it changes a value's representation).
	modeNormalised
)

var diffModeNames = [...]string{
	modeEqual: "equal by Strata", modeAlt: "documented result", modeError: "error",
	modeNumericText: "text compared as numbers", modeTolerance: "looser tolerance",
	modeSplitSorted: "lists compared sorted", modeSessionUTC: "needs a UTC session",
	modeNormalised: "normalised",
}

// A difference is one documented way the servers' results differ for one statement.
type difference struct {
	ID      string   // referred to by cases and listed in docs/differences.md
	Servers []string // the servers (testdb names) that differ from the others
	Mode    diffMode
	Tol     float64 // relative tolerance for modeNumericText and modeTolerance
	Sep     string  // separator for modeSplitSorted
	Doc     string  // one paragraph for docs/differences.md
}

func (d *difference) affects(server string) bool { return slices.Contains(d.Servers, server) }

var diffServers = []string{"sqlite", "postgres", "mysql"}

// diffTolerance is the relative tolerance for comparing numbers that are not both exact.
const diffTolerance = 1e-9

// differences lists every documented difference between the servers, in the order of
// docs/differences.md.
var differences = []*difference{
	{ID: "bool-as-int", Servers: []string{"sqlite", "mysql"}, Mode: modeNormalised,
		Doc: "SQLite and MariaDB have no boolean values: a boolean column or a comparison in a select list comes back as the integer 1 or 0, where PostgreSQL returns true or false. The suite compares booleans as 0/1; Strata's result conversion (types.Bool's FromDriver) turns 0/1 back into bool."},
	{ID: "decimal-as-real", Servers: []string{"sqlite"}, Mode: modeNormalised,
		Doc: "SQLite has no exact decimal type: NUMERIC(p,s) columns and sums of them are REAL (float64), so 25.05 comes back as the nearest double. PostgreSQL and MariaDB return exact decimal text. Numbers that are not equal as decimals are compared with a relative tolerance of 1e-9."},
	{ID: "number-as-text", Servers: []string{"postgres", "mysql"}, Mode: modeNormalised,
		Doc: "Decimals come back as text ([]byte) from lib/pq and go-sql-driver/mysql; MariaDB also returns every number as text for a statement without parameters (the text protocol) and in columns whose type Strata cannot infer. The suite parses such text as a number where the column's type is numeric or the other server returned a number."},
	{ID: "time-as-text", Servers: []string{"sqlite"}, Mode: modeNormalised,
		Doc: "SQLite stores times as text; go-sqlite3 parses columns declared DATE, DATETIME or TIMESTAMP into time.Time, but an expression such as max(placed_at) comes back as the text. The suite parses such text as a time, as Strata's result conversion does."},
	{ID: "time-zone", Servers: diffServers, Mode: modeNormalised,
		Doc: "Drivers return times in different locations (lib/pq a fixed +0000 zone, go-sql-driver/mysql its loc setting, go-sqlite3 UTC or the stored offset). Times are compared as instants, in UTC."},
	{ID: "int-division", Servers: diffServers, Mode: modeEqual,
		Doc: "Native `/` on two integers truncates on SQLite and PostgreSQL and gives an exact decimal on MariaDB. ast.Div always divides exactly (SQLite: the divisor plus 0.0; PostgreSQL and MariaDB: `/` on a decimal or float), and ast.IntDiv always truncates toward zero (PostgreSQL `div()`, MariaDB `DIV`, SQLite `/`), also for negative operands. Compared exactly."},
	{ID: "decimal-division-scale", Servers: []string{"mysql"}, Mode: modeTolerance, Tol: 1e-5,
		Doc: "MariaDB computes a quotient or an average of decimals with only the dividend's scale plus div_precision_increment (4) digits: 100.00 / 3 is 33.333333 there, 33.3333333333333333 on PostgreSQL and the nearest double on SQLite. Compared with a relative tolerance of 1e-5."},
	{ID: "null-order", Servers: []string{"postgres"}, Mode: modeAlt,
		Doc: "Without NULLS FIRST/LAST, PostgreSQL sorts NULL after every value (last ascending, first descending); SQLite and MariaDB sort it before every value. Order.WithNullsFirst() and WithNullsLast() give the same order everywhere (MariaDB has no NULLS clause: Strata sorts by `x IS NULL` first)."},
	{ID: "collation-order", Servers: []string{"mysql"}, Mode: modeAlt,
		Doc: "String order follows the collation. MariaDB's default utf8mb4_general_ci ignores case ('ann' < 'Bob' < 'cy'); SQLite's BINARY and the test PostgreSQL database's C.UTF-8 compare bytes ('Bob' < 'ann'). A PostgreSQL database created with a linguistic collation (en_US.UTF-8) sorts differently again. Sort on lower(x), or give a collation with ast.Collate, when order matters."},
	{ID: "collation-equality", Servers: []string{"mysql"}, Mode: modeAlt,
		Doc: "Under MariaDB's case-insensitive default collation, `=`, IN, DISTINCT and GROUP BY treat 'ann' and 'ANN' as equal; SQLite and PostgreSQL compare case-sensitively. Compare lower(x) on every server, or use a binary collation on MariaDB, when it matters."},
	{ID: "trailing-spaces", Servers: []string{"mysql"}, Mode: modeAlt,
		Doc: "MariaDB's PAD SPACE collations ignore trailing spaces in comparisons: 'ann ' = 'ann' is true there, false on SQLite and PostgreSQL (for varchar and text)."},
	{ID: "like-case", Servers: []string{"sqlite", "mysql"}, Mode: modeAlt,
		Doc: "LIKE ignores the case of ASCII letters on SQLite and under MariaDB's _ci collations, and respects it on PostgreSQL. ast.ILike (lower() on both sides where there is no ILIKE) is case-insensitive everywhere; there is no portable case-sensitive LIKE."},
	{ID: "upper-non-ascii", Servers: []string{"sqlite"}, Mode: modeAlt,
		Doc: "SQLite's upper() and lower() change ASCII letters only (without the ICU extension): upper('é') is 'é' there, 'É' on PostgreSQL and MariaDB."},
	{ID: "division-by-zero", Servers: []string{"postgres"}, Mode: modeError,
		Doc: "Division by zero is an error on PostgreSQL (22012) and NULL on SQLite and, in a SELECT, on MariaDB (in a data-changing statement, strict mode makes it an error there too)."},
	{ID: "integer-overflow", Servers: []string{"postgres", "mysql"}, Mode: modeError,
		Doc: "Integer overflow (9223372036854775807 + 1) is an error on PostgreSQL and MariaDB; SQLite silently switches to a REAL result (9.223372036854776e18), which Strata's result conversion refuses for an integer-typed column."},
	{ID: "float-text", Servers: []string{"sqlite"}, Mode: modeNumericText, Tol: 1e-15,
		Doc: "A double cast to text is written with 17 significant digits on SQLite (1/3 as '0.33333333333333332') and as the shortest text that reads back as the same double on PostgreSQL and MariaDB ('0.3333333333333333'). Compared as numbers with a relative tolerance of 1e-15."},
	{ID: "float-literals", Servers: []string{"sqlite"}, Mode: modeAlt,
		Doc: "A float64 written inline (ast.Lit(0.1), or any float under InlineLiterals) is the text 0.1, which PostgreSQL and MariaDB read as an exact decimal and SQLite as a double: 0.1 + 0.2 = 0.3 is true on PostgreSQL and MariaDB and false on SQLite. Cast it (ast.Cast(x, types.DoubleFloat)) for double arithmetic everywhere."},
	{ID: "round-half-even", Servers: []string{"postgres", "mysql"}, Mode: modeAlt,
		Doc: "round() of a double rounds halves to even on PostgreSQL and MariaDB (round(2.5) = 2, the C library's rint) and away from zero on SQLite (3). Decimals round halves away from zero everywhere, and so does Strata's round(x, n) of a double on PostgreSQL, which casts to numeric."},
	{ID: "string-agg-order", Servers: diffServers, Mode: modeSplitSorted, Sep: ",",
		Doc: "The order of the values in string_agg / group_concat is unspecified without an ORDER BY inside the aggregate, which ast.StringAgg does not take; the suite compares the aggregated lists sorted."},
	{ID: "epoch-session-zone", Servers: []string{"mysql"}, Mode: modeSessionUTC,
		Doc: "EXTRACT(EPOCH FROM x) is UNIX_TIMESTAMP(x) on MariaDB, which reads a DATETIME in the session time zone; SQLite and PostgreSQL read a timestamp without zone as UTC. The results agree only while the MariaDB session time zone is UTC (the suite checks this first)."},
	{ID: "upsert-affected-rows", Servers: []string{"mysql"}, Mode: modeAlt,
		Doc: "ON DUPLICATE KEY UPDATE reports 2 affected rows for a row it updated and 1 for a row it inserted; ON CONFLICT DO UPDATE reports 1 for either on SQLite and PostgreSQL."},
	{ID: "unchanged-affected-rows", Servers: []string{"mysql"}, Mode: modeAlt,
		Doc: "An UPDATE that sets a column to the value it already has counts the row as affected on SQLite and PostgreSQL but not on MariaDB (go-sql-driver/mysql reports changed rows unless clientFoundRows=true)."},
	{ID: "recursive-anchor-type", Servers: []string{"postgres"}, Mode: modeError,
		Doc: "PostgreSQL requires each column of a recursive CTE to have the same type in the anchor and the recursive member: a varchar(20) anchor column that the recursive member extends with ast.Concat (type varchar) is refused (42804). SQLite and MariaDB accept it; MariaDB sizes the column from the anchor. Cast the anchor to types.Text (or a wide VARCHAR)."},
	{ID: "values-trailing-spaces", Servers: []string{"mysql"}, Mode: modeAlt,
		Doc: "MariaDB has no VALUES list with named columns, so Strata writes ast.Values(…).As(…) as SELECTs joined by UNION ALL; MariaDB types such a UNION column of string parameters as CHAR and strips the trailing spaces of its values ('a ' comes back as 'a'). SQLite and PostgreSQL keep them."},
}

func diffFind(id string) *difference {
	for _, d := range differences {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// A diffCase is one statement of the suite.
type diffCase struct {
	name   string
	stmt   ast.Node
	params engine.Params
	// read lists statements run after a data-changing stmt, inside its transaction,
	// to read back what it did. By default the changed table is read, ordered by its
	// primary key.
	read []ast.Node
	// unordered says the statement has no total order: rows are compared sorted.
	unordered bool
	// empty says an empty result is expected; otherwise every server must return rows.
	empty bool
	diff  string // ID of the difference the case demonstrates, or ""
	// alt is what the servers named by a modeAlt difference return as the first row
	// set; altAffected, their rows-affected count.
	alt         [][]any
	altAffected *int64
	// bug names a known Strata bug the case shows (reported, not yet fixed): its
	// failures are logged rather than failing the suite.
	bug string
}

// A diffGroup is cases that share one fresh copy of the fixtures.
type diffGroup struct {
	name  string
	cases []diffCase
}

// A diffServer is one server under test.
type diffServer struct {
	name string // testdb name
	d    *compiler.Dialect
	db   *sql.DB
	e    *engine.Engine

	executed, unsupported, applied int
	skipped                        []string       // case: construct
	byDiff                         map[string]int // difference ID → cases or values
}

// A diffOutcome is what one case did on one server.
type diffOutcome struct {
	sets        [][][]any // the statement's rows (a query or RETURNING), then each read-back's
	affected    int64     // rows affected by a data-changing statement without RETURNING; -1 otherwise
	err         error
	unsupported *compiler.UnsupportedError
}

func TestDifferential(t *testing.T) {
	servers := []*diffServer{
		{name: "sqlite", d: sqlite.Dialect()},
		{name: "postgres", d: postgres.Dialect()},
		{name: "mysql", d: mysql.MariaDBDialect()},
	}
	for _, s := range servers {
		s.db = testdb.Open(t, s.name)
		s.e = engine.New(s.db, s.d)
		s.byDiff = map[string]int{}
	}
	groups := differentialGroups()
	total := 0
	for _, g := range groups {
		total += len(g.cases)
	}
	if total < 100 {
		t.Errorf("the suite has %d statements, want at least 100", total)
	}
	for _, g := range groups {
		for _, s := range servers {
			diffResetFixtures(t, s)
		}
		seed := make([][][][]any, len(servers))
		for i, s := range servers {
			seed[i] = diffReadFixtures(t, s)
			if i > 0 && !diffSameSets(seed[i], seed[0], diffCompare{}) {
				t.Fatalf("%s: the fixtures differ from %s's:\n%v\n%v", s.name, servers[0].name, seed[i], seed[0])
			}
		}
		for _, c := range g.cases {
			t.Run(g.name+"/"+c.name, func(t *testing.T) {
				diffRunCase(t, servers, c)
			})
		}
		// Data-changing cases were rolled back: the fixtures must be as they were.
		for i, s := range servers {
			if got := diffReadFixtures(t, s); !diffSameSets(got, seed[i], diffCompare{}) {
				t.Errorf("%s: group %s left the fixtures changed", s.name, g.name)
			}
		}
	}
	t.Logf("%d statements in %d groups", total, len(groups))
	for _, s := range servers {
		t.Logf("%-8s %3d executed, %2d skipped as unsupported, %2d differences applied; normalised: %s",
			s.name, s.executed, s.unsupported, s.applied, diffNormalisedCounts(s))
		for _, sk := range s.skipped {
			t.Logf("%-8s   skipped %s", s.name, sk)
		}
	}
}

func diffNormalisedCounts(s *diffServer) string {
	var parts []string
	for _, d := range differences {
		if d.Mode == modeNormalised && s.byDiff[d.ID] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", d.ID, s.byDiff[d.ID]))
		}
	}
	if parts == nil {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// diffResetFixtures drops and creates the fixture tables with their seed rows.
func diffResetFixtures(t *testing.T, s *diffServer) {
	t.Helper()
	ctx := t.Context()
	for _, q := range dialecttest.TeardownSQL(s.d) {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %s: %v", s.name, q, err)
		}
	}
	stmts, args, err := dialecttest.SetupSQL(s.d)
	if err != nil {
		t.Fatalf("%s: fixtures: %v", s.name, err)
	}
	for i, q := range stmts {
		if _, err := s.db.ExecContext(ctx, q, args[i]...); err != nil {
			t.Fatalf("%s: %s: %v", s.name, q, err)
		}
	}
}

// diffFixtureKeys names the primary key of each fixture table, for reading tables back in order.
var diffFixtureKeys = map[*ast.Table]string{
	dialecttest.Users: "id", dialecttest.Orders: "id", dialecttest.Items: "id",
	dialecttest.Depts: "id", dialecttest.KV: "k", dialecttest.Odd: "select",
}

func diffReadTable(t *ast.Table) ast.Node {
	return ast.Select(t.Star()).From(t).OrderBy(t.C(diffFixtureKeys[t]))
}

// diffReadFixtures returns every fixture table's rows, normalised.
func diffReadFixtures(t *testing.T, s *diffServer) [][][]any {
	t.Helper()
	var out [][][]any
	for _, tbl := range dialecttest.Tables {
		rows, err := s.e.Query(t.Context(), diffReadTable(tbl))
		if err != nil {
			t.Fatalf("%s: reading %s: %v", s.name, tbl.Name, err)
		}
		set, err := diffReadRows(rows, nil)
		if err != nil {
			t.Fatalf("%s: reading %s: %v", s.name, tbl.Name, err)
		}
		out = append(out, set)
	}
	return out
}

// diffDataChanging reports whether n changes data, and whether it returns rows.
func diffDataChanging(n ast.Node) (dml, returning bool, table *ast.Table) {
	switch s := n.(type) {
	case ast.InsertStmt:
		return true, len(s.Parts().Returning) > 0, s.Parts().Table
	case ast.UpdateStmt:
		tbl, _ := s.Parts().Table.(*ast.Table)
		return true, len(s.Parts().Returning) > 0, tbl
	case ast.DeleteStmt:
		tbl, _ := s.Parts().Table.(*ast.Table)
		return true, len(s.Parts().Returning) > 0, tbl
	}
	return false, false, nil
}

// diffRunOn runs c on s: a query directly, a data-changing statement in a transaction
// that is rolled back after its effects are read back.
func diffRunOn(ctx context.Context, s *diffServer, c diffCase) diffOutcome {
	out := diffOutcome{affected: -1}
	fail := func(err error) diffOutcome {
		var ue *compiler.UnsupportedError
		if errors.As(err, &ue) {
			out.unsupported = ue
		}
		out.err = err
		return out
	}
	dml, returning, table := diffDataChanging(c.stmt)
	if !dml {
		rows, err := s.e.Query(ctx, c.stmt, c.params)
		if err != nil {
			return fail(err)
		}
		set, err := diffReadRows(rows, s.byDiff)
		if err != nil {
			return fail(err)
		}
		out.sets = append(out.sets, set)
		return out
	}
	tx, err := s.e.Begin(ctx)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	if returning {
		rows, err := tx.Query(ctx, c.stmt, c.params)
		if err != nil {
			return fail(err)
		}
		set, err := diffReadRows(rows, s.byDiff)
		if err != nil {
			return fail(err)
		}
		out.sets = append(out.sets, set)
	} else {
		res, err := tx.Exec(ctx, c.stmt, c.params)
		if err != nil {
			return fail(err)
		}
		if out.affected, err = res.RowsAffected(); err != nil {
			return fail(err)
		}
	}
	read := c.read
	if read == nil && table != nil {
		read = []ast.Node{diffReadTable(table)}
	}
	for _, q := range read {
		rows, err := tx.Query(ctx, q)
		if err != nil {
			return fail(fmt.Errorf("reading back: %w", err))
		}
		set, err := diffReadRows(rows, s.byDiff)
		if err != nil {
			return fail(fmt.Errorf("reading back: %w", err))
		}
		out.sets = append(out.sets, set)
	}
	if err := tx.Rollback(); err != nil {
		return fail(fmt.Errorf("rollback: %w", err))
	}
	return out
}

func diffRunCase(t *testing.T, servers []*diffServer, c diffCase) {
	ctx := t.Context()
	// A case marked with a known Strata bug logs its failures instead of failing.
	fails := 0
	errorf := func(format string, args ...any) {
		t.Helper()
		fails++
		if c.bug != "" {
			t.Logf("known Strata bug (%s): "+format, append([]any{c.bug}, args...)...)
			return
		}
		t.Errorf(format, args...)
	}
	defer func() {
		if c.bug != "" && fails == 0 {
			t.Logf("the known Strata bug (%s) did not show: remove the mark", c.bug)
		}
	}()
	d := diffFind(c.diff)
	if c.diff != "" && (d == nil || d.Mode == modeNormalised) {
		t.Fatalf("case refers to %q, which is not a case-level entry of differences", c.diff)
	}
	if d != nil && d.Mode == modeAlt && c.alt == nil && c.altAffected == nil {
		t.Fatalf("difference %s needs the case's alt rows or altAffected", d.ID)
	}
	outs := make([]diffOutcome, len(servers))
	for i, s := range servers {
		outs[i] = diffRunOn(ctx, s, c)
		if outs[i].unsupported != nil {
			s.unsupported++
			s.skipped = append(s.skipped, c.name+": "+outs[i].unsupported.Construct)
			continue
		}
		s.executed++
		if d != nil && d.affects(s.name) {
			s.applied++
			s.byDiff[d.ID]++
		}
	}
	sqlOf := func(s *diffServer) string {
		p, err := s.d.Compile(c.stmt)
		if err != nil {
			return err.Error()
		}
		return p.SQL
	}
	// The reference is the first server that ran the statement and is expected to
	// give the common result.
	ref := -1
	for i, s := range servers {
		o := outs[i]
		if o.unsupported != nil {
			continue
		}
		special := d != nil && d.affects(s.name) && (d.Mode == modeAlt || d.Mode == modeError)
		if special && d.Mode == modeError {
			if o.err == nil {
				errorf("%s: want an error (difference %s), got %v\n\t%s", s.name, d.ID, o.sets, sqlOf(s))
			}
			continue
		}
		if o.err != nil {
			errorf("%s: %v\n\t%s", s.name, o.err, sqlOf(s))
			continue
		}
		if ref < 0 && !special {
			ref = i
		}
	}
	for i, s := range servers {
		o := outs[i]
		if o.unsupported != nil || o.err != nil {
			continue
		}
		if !c.empty && len(o.sets) > 0 && len(o.sets[0]) == 0 {
			errorf("%s: no rows; mark the case empty if that is intended\n\t%s", s.name, sqlOf(s))
		}
		if c.empty && len(o.sets) > 0 && len(o.sets[0]) != 0 && !(d != nil && d.affects(s.name)) {
			errorf("%s: want no rows, got %v\n\t%s", s.name, o.sets[0], sqlOf(s))
		}
		opts := diffCompare{unordered: c.unordered}
		affected := d != nil && d.affects(s.name)
		if d != nil {
			switch d.Mode {
			case modeNumericText:
				opts.numericText, opts.tol = true, d.Tol
			case modeTolerance:
				if affected || (ref >= 0 && d.affects(servers[ref].name)) {
					opts.tol = d.Tol
				}
			case modeSplitSorted:
				opts.sep = d.Sep
			case modeSessionUTC:
				if affected {
					if err := diffSessionIsUTC(ctx, s); err != nil {
						t.Logf("%s: not compared (difference %s): %v", s.name, d.ID, err)
						continue
					}
				}
			}
		}
		if affected && d.Mode == modeError {
			continue
		}
		want, wantAffected, against := diffOutcome{}, int64(0), ""
		switch {
		case affected && d.Mode == modeAlt:
			against = "the documented result (difference " + d.ID + ")"
			if ref >= 0 {
				want = outs[ref]
			}
			if c.alt != nil {
				sets := [][][]any{diffNormaliseRows(c.alt)}
				if len(want.sets) > 1 {
					sets = append(sets, want.sets[1:]...)
				}
				want.sets = sets
			}
			wantAffected = want.affected
			if c.altAffected != nil {
				wantAffected = *c.altAffected
			}
		case ref < 0 || ref == i:
			continue
		default:
			want, wantAffected = outs[ref], outs[ref].affected
			against = servers[ref].name
		}
		if !diffSameSets(o.sets, want.sets, opts) {
			errorf("%s differs from %s\n\t%s: %s\n\t%s\n\tgot  %v\n\twant %v",
				s.name, against, s.name, sqlOf(s), diffAgainstSQL(servers, ref, sqlOf), o.sets, want.sets)
		}
		if o.affected != wantAffected {
			errorf("%s: %d rows affected, %s: %d\n\t%s", s.name, o.affected, against, wantAffected, sqlOf(s))
		}
	}
}

func diffAgainstSQL(servers []*diffServer, ref int, sqlOf func(*diffServer) string) string {
	if ref < 0 {
		return ""
	}
	return servers[ref].name + ": " + sqlOf(servers[ref])
}

// diffSessionIsUTC checks that the server's session time zone is UTC.
func diffSessionIsUTC(ctx context.Context, s *diffServer) error {
	var diff int64
	q := ast.Text("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), NOW())")
	if err := s.e.QueryRow(ctx, q).Scan(&diff); err != nil {
		return err
	}
	if diff != 0 {
		return fmt.Errorf("the session time zone is %d seconds off UTC", diff)
	}
	return nil
}

// diffReadRows reads and normalises every row; cnt, when not nil, counts normalisations.
func diffReadRows(rows *engine.Rows, cnt map[string]int) ([][]any, error) {
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	typs := make([]*types.Type, len(cols))
	if pc := rows.Plan().Columns(); len(pc) == len(cols) {
		for i, c := range pc {
			typs[i] = c.Type
		}
	}
	out := [][]any{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]any, len(cols))
		for i, v := range vals {
			row[i] = diffNormalise(v, typs[i], cnt)
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// A diffNum is a normalised number: exact (a rational) or approximate (a float).
type diffNum struct {
	rat *big.Rat // exact value, or nil
	f   float64  // approximate value when rat is nil
}

func (n diffNum) float() float64 {
	if n.rat != nil {
		f, _ := n.rat.Float64()
		return f
	}
	return n.f
}

func (n diffNum) String() string {
	if n.rat != nil {
		if n.rat.IsInt() {
			return n.rat.Num().String()
		}
		return n.rat.FloatString(10)
	}
	return strconv.FormatFloat(n.f, 'g', -1, 64)
}

func diffExact(n int64) diffNum { return diffNum{rat: new(big.Rat).SetInt64(n)} }

// diffParseNum reads decimal text: [-]digits[.digits][e[-]digits]. Text that is not a
// number (including "Inf" and "NaN", which big.Rat would read) gives false.
func diffParseNum(s string) (diffNum, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return diffNum{}, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return diffNum{}, false
		}
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return diffNum{}, false
	}
	return diffNum{rat: r}, true
}

// diffNormalise turns a driver value into the suite's canonical form: nil, diffNum (numbers
// and booleans), string, []byte (binary), or time.Time in UTC. t is the column's type
// when the plan knows it. cnt counts the normalisations that changed a value's
// representation, by difference ID.
func diffNormalise(v any, t *types.Type, cnt map[string]int) any {
	count := func(id string) {
		if cnt != nil {
			cnt[id]++
		}
	}
	kind := types.Of(t).Kind
	switch x := v.(type) {
	case nil:
		return nil
	case bool:
		if x {
			return diffExact(1)
		}
		return diffExact(0)
	case int64:
		if kind == types.Boolean {
			count("bool-as-int")
		}
		return diffExact(x)
	case float64:
		if kind == types.Numeric {
			count("decimal-as-real")
		}
		return diffNum{f: x}
	case uint64: // MariaDB's bitwise operators are BIGINT UNSIGNED
		return diffNum{rat: new(big.Rat).SetUint64(x)}
	case int:
		return diffExact(int64(x))
	case float32:
		return diffNum{f: float64(x)}
	case time.Time:
		if x.Location() != time.UTC {
			count("time-zone")
		}
		return x.UTC()
	case []byte:
		if kind == types.Binary || kind == types.UUID {
			return bytes.Clone(x)
		}
		return diffNormaliseText(string(x), kind, count)
	case string:
		if kind == types.Numeric {
			// Exact decimal text is the canonical value of a decimal.
			return diffNormaliseText(x, kind, nil)
		}
		return diffNormaliseText(x, kind, count)
	}
	return fmt.Sprintf("%T:%v", v, v)
}

func diffNormaliseText(s string, kind types.Kind, count func(string)) any {
	if count == nil {
		count = func(string) {}
	}
	switch {
	case kind.IsNumeric():
		if n, ok := diffParseNum(s); ok {
			count("number-as-text")
			if kind == types.Float || kind == types.Double {
				return diffNum{f: n.float()}
			}
			return n
		}
	case kind == types.Boolean:
		switch strings.ToLower(s) {
		case "1", "t", "true":
			count("bool-as-int")
			return diffExact(1)
		case "0", "f", "false":
			count("bool-as-int")
			return diffExact(0)
		}
	case kind.IsTemporal():
		if tm, ok := diffParseTime(s); ok {
			count("time-as-text")
			return tm
		}
	}
	return s
}

// diffTimeLayouts are the layouts the servers write times in.
var diffTimeLayouts = []string{
	sqlite.TimeLayout,
	"2006-01-02 15:04:05.999999999",
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02",
}

func diffParseTime(s string) (time.Time, bool) {
	for _, l := range diffTimeLayouts {
		if tm, err := time.Parse(l, s); err == nil {
			return tm.UTC(), true
		}
	}
	return time.Time{}, false
}

// diffNormaliseRows normalises rows written in Go (a case's alt rows).
func diffNormaliseRows(rows [][]any) [][]any {
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = make([]any, len(r))
		for j, v := range r {
			switch x := v.(type) {
			case int:
				out[i][j] = diffExact(int64(x))
			case string:
				out[i][j] = x
			default:
				out[i][j] = diffNormalise(v, nil, nil)
			}
		}
	}
	return out
}

// diffCompare say how two values are compared.
type diffCompare struct {
	unordered   bool    // rows compared as sorted multisets
	numericText bool    // strings holding numbers compared as numbers
	tol         float64 // relative tolerance for inexact numbers; 0 means diffTolerance
	sep         string  // strings are lists with this separator, compared sorted
}

func diffSameSets(got, want [][][]any, o diffCompare) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if !diffSameRows(got[i], want[i], o) {
			return false
		}
	}
	return true
}

func diffSameRows(got, want [][]any, o diffCompare) bool {
	if len(got) != len(want) {
		return false
	}
	if o.unordered {
		got, want = diffSorted(got), diffSorted(want)
	}
	for i := range got {
		if len(got[i]) != len(want[i]) {
			return false
		}
		for j := range got[i] {
			if !diffSameValue(got[i][j], want[i][j], o) {
				return false
			}
		}
	}
	return true
}

// diffSorted returns rows sorted by a canonical key of their values, the same on
// every server for values that compare equal (numbers to 9 significant digits).
func diffSorted(rows [][]any) [][]any {
	out := slices.Clone(rows)
	key := func(r []any) string {
		var b strings.Builder
		for _, v := range r {
			b.WriteString(diffSortKey(v))
			b.WriteByte(0)
		}
		return b.String()
	}
	slices.SortStableFunc(out, func(a, b []any) int { return strings.Compare(key(a), key(b)) })
	return out
}

func diffSortKey(v any) string {
	switch x := v.(type) {
	case nil:
		return "\x00"
	case diffNum:
		return "n" + strconv.FormatFloat(x.float(), 'g', 9, 64)
	case time.Time:
		return "t" + x.UTC().Format(time.RFC3339Nano)
	case []byte:
		return "b" + string(x)
	case string:
		if n, ok := diffParseNum(x); ok {
			return diffSortKey(n)
		}
		if tm, ok := diffParseTime(x); ok {
			return diffSortKey(tm)
		}
		return "s" + x
	}
	return fmt.Sprint(v)
}

// diffSameNum compares numbers exactly, or else within the relative tolerance: exact
// decimal text from SQLite is a float's, and MariaDB's averages and quotients of
// decimals have fewer digits than PostgreSQL's.
func diffSameNum(a, b diffNum, tol float64) bool {
	if a.rat != nil && b.rat != nil && a.rat.Cmp(b.rat) == 0 {
		return true
	}
	x, y := a.float(), b.float()
	if x == y || math.IsNaN(x) && math.IsNaN(y) {
		return true
	}
	if tol == 0 {
		tol = diffTolerance
	}
	return math.Abs(x-y) <= tol*math.Max(math.Abs(x), math.Abs(y))
}

// diffSameValue compares two normalised values, converting text to the other side's
// kind where a driver returned text for a number or a time.
func diffSameValue(a, b any, o diffCompare) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case diffNum:
		switch y := b.(type) {
		case diffNum:
			return diffSameNum(x, y, o.tol)
		case string:
			n, ok := diffParseNum(y)
			return ok && diffSameNum(x, n, o.tol)
		}
		return false
	case time.Time:
		switch y := b.(type) {
		case time.Time:
			return x.Equal(y)
		case string:
			tm, ok := diffParseTime(y)
			return ok && x.Equal(tm)
		}
		return false
	case []byte:
		switch y := b.(type) {
		case []byte:
			return bytes.Equal(x, y)
		case string:
			return string(x) == y
		}
		return false
	case string:
		switch y := b.(type) {
		case string:
			return diffSameText(x, y, o)
		case diffNum, time.Time, []byte:
			return diffSameValue(b, a, o)
		}
	}
	return false
}

func diffSameText(x, y string, o diffCompare) bool {
	if x == y {
		return true
	}
	if o.numericText {
		a, ok1 := diffParseNum(x)
		b, ok2 := diffParseNum(y)
		if ok1 && ok2 {
			return diffSameNum(diffNum{f: a.float()}, diffNum{f: b.float()}, o.tol)
		}
	}
	if o.sep != "" {
		a, b := strings.Split(x, o.sep), strings.Split(y, o.sep)
		slices.Sort(a)
		slices.Sort(b)
		return slices.Equal(a, b)
	}
	return false
}

// TestDifferentialDocListsDifferences checks that docs/differences.md lists every
// entry of differences, with its servers and its text.
func TestDifferentialDocListsDifferences(t *testing.T) {
	text := diffReadDoc(t)
	for _, d := range differences {
		row := "| `" + d.ID + "` | " + strings.Join(d.Servers, ", ") + " | " + diffModeNames[d.Mode] + " | " + d.Doc + " |"
		if !strings.Contains(text, row) {
			t.Errorf("docs/differences.md lacks the row\n%s", row)
		}
	}
}

func diffReadDoc(t *testing.T) string {
	t.Helper()
	doc, err := os.ReadFile("../docs/differences.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(doc)
}

func diffI64(n int64) *int64 { return &n }

// differentialGroups returns the suite's statements. Every query has an ORDER BY
// that orders its rows totally, or is marked unordered.
func differentialGroups() []diffGroup {
	u, o, it := dialecttest.Users, dialecttest.Orders, dialecttest.Items
	dp, kv, odd := dialecttest.Depts, dialecttest.KV, dialecttest.Odd
	uid, uname, uage := u.C("id"), u.C("name"), u.C("age")
	ts := func(s string) time.Time {
		tm, err := time.Parse("2006-01-02 15:04:05", s)
		if err != nil {
			panic(err)
		}
		return tm
	}
	// names is a VALUES list of mixed-case names, for the collation cases.
	names := ast.Values([]any{1, "ann"}, []any{2, "Bob"}, []any{3, "cy"}, []any{4, "ANN"}).As("v", "id", "s")
	vid, vs := names.C("id"), names.C("s")
	spaced := ast.Values([]any{1, "a "}, []any{2, "b  "}).As("sp", "id", "s")
	vs.Type = types.String(10)
	vid.Type = types.Integer

	nameN, skuS, userX, idX := uname.As("n"), it.C("sku").As("s"), o.C("user_id").As("x"), uid.As("x")
	mgr := u.As("m")
	ou := o.As("o2")

	// A recursive walk of the department tree from the root.
	tree := ast.RecursiveCTE("tree", "id", "name", "depth")
	tree = tree.WithBody(ast.UnionAll(
		ast.Select(dp.C("id"), dp.C("name"), ast.Lit(0)).From(dp).Where(dp.C("parent_id").IsNull()),
		ast.Select(dp.C("id"), dp.C("name"), ast.Add(tree.C("depth"), ast.Lit(1))).From(dp).
			Join(tree, dp.C("parent_id").Eq(tree.C("id"))),
	))
	// Paths from the root, which grow in the recursive member.
	paths := ast.RecursiveCTE("paths", "id", "path")
	paths = paths.WithBody(ast.UnionAll(
		ast.Select(dp.C("id"), ast.Cast(dp.C("name"), types.Text)).From(dp).Where(dp.C("parent_id").IsNull()),
		ast.Select(dp.C("id"), ast.Concat(paths.C("path"), ast.Lit("/"), dp.C("name"))).From(dp).
			Join(paths, dp.C("parent_id").Eq(paths.C("id"))),
	))
	pathsNarrow := ast.RecursiveCTE("paths", "id", "path")
	pathsNarrow = pathsNarrow.WithBody(ast.UnionAll(
		ast.Select(dp.C("id"), dp.C("name")).From(dp).Where(dp.C("parent_id").IsNull()),
		ast.Select(dp.C("id"), ast.Concat(pathsNarrow.C("path"), ast.Lit("/"), dp.C("name"))).From(dp).
			Join(pathsNarrow, dp.C("parent_id").Eq(pathsNarrow.C("id"))),
	))
	// Descendants of eng (2), and ancestors of web (4).
	below := ast.RecursiveCTE("below", "id")
	below = below.WithBody(ast.UnionAll(
		ast.Select(dp.C("id")).From(dp).Where(dp.C("id").Eq(2)),
		ast.Select(dp.C("id")).From(dp).Join(below, dp.C("parent_id").Eq(below.C("id"))),
	))
	above := ast.RecursiveCTE("above", "id", "parent_id")
	above = above.WithBody(ast.UnionAll(
		ast.Select(dp.C("id"), dp.C("parent_id")).From(dp).Where(dp.C("id").Eq(4)),
		ast.Select(dp.C("id"), dp.C("parent_id")).From(dp).Join(above, dp.C("id").Eq(above.C("parent_id"))),
	))
	series := ast.RecursiveCTE("series", "n")
	series = series.WithBody(ast.UnionAll(
		ast.Select(ast.Lit(1)),
		ast.Select(ast.Add(series.C("n"), ast.Lit(1))).From(series).Where(series.C("n").Lt(ast.Lit(10))),
	))

	spend := ast.Select(o.C("user_id"), ast.Sum(o.C("total")).As("spent")).From(o).GroupBy(o.C("user_id")).CTE("spend")
	big := ast.Select(spend.C("user_id")).From(spend).Where(spend.C("spent").Gt(100)).CTE("big")
	perUser := ast.Select(o.C("user_id"), ast.Count().As("n")).From(o).GroupBy(o.C("user_id")).As("per_user")
	byID := ast.OverWindow().OrderedBy(o.C("id"))

	return []diffGroup{
		{"select", []diffCase{
			{name: "all users", stmt: ast.Select(u.Star()).From(u).OrderBy(uid)},
			{name: "where greater", stmt: ast.Select(uid, uname).From(u).Where(uage.Gt(25)).OrderBy(uid)},
			{name: "where boolean column", stmt: ast.Select(uid).From(u).Where(u.C("active").Eq(true)).OrderBy(uid)},
			{name: "where not boolean", stmt: ast.Select(uid).From(u).Where(ast.Not(u.C("active"))).OrderBy(uid)},
			{name: "is null", stmt: ast.Select(uid).From(u).Where(u.C("email").IsNull()).OrderBy(uid)},
			{name: "is not null and between", stmt: ast.Select(uid).From(u).Where(u.C("email").IsNotNull(), uage.Between(20, 40)).OrderBy(uid)},
			{name: "not between", stmt: ast.Select(uid).From(u).Where(uage.NotBetween(20, 40)).OrderBy(uid)},
			{name: "in list", stmt: ast.Select(uid).From(u).Where(uname.In("ann", "dee", "zed")).OrderBy(uid)},
			{name: "not in list", stmt: ast.Select(uid).From(u).Where(uname.NotIn("ann", "dee")).OrderBy(uid)},
			{name: "in expanding list", stmt: ast.Select(uid).From(u).Where(uid.In(ast.List([]int{1, 3, 5}))).OrderBy(uid)},
			{name: "named parameter", stmt: ast.Select(uid).From(u).Where(uage.Ge(ast.Named("min"))).OrderBy(uid), params: engine.Params{"min": 30}},
			{name: "float comparison", stmt: ast.Select(uid, u.C("score")).From(u).Where(u.C("score").Gt(70.0)).OrderBy(uid)},
			{name: "timestamp comparison", stmt: ast.Select(uid, u.C("created_at")).From(u).Where(u.C("created_at").Ge(ts("2024-02-01 08:00:00"))).OrderBy(uid)},
			{name: "two sort keys", stmt: ast.Select(uid, u.C("active")).From(u).OrderBy(u.C("active").Desc(), uname)},
			{name: "distinct", stmt: ast.Select(o.C("status")).From(o).Distinct().OrderBy(o.C("status"))},
			{name: "distinct nulls first", stmt: ast.Select(u.C("dept_id")).From(u).Distinct().OrderBy(u.C("dept_id").Asc().WithNullsFirst())},
			{name: "quoted names", stmt: ast.Select(odd.Star()).From(odd).OrderBy(odd.C("select"))},
			{name: "alias", stmt: ast.Select(u.As("x").C("name")).From(u.As("x")).Where(u.As("x").C("id").Lt(3)).OrderBy(u.As("x").C("name"))},
			{name: "nulls default ascending", stmt: ast.Select(uid, uage).From(u).OrderBy(uage, uid), diff: "null-order",
				alt: [][]any{{5, 19}, {2, 25}, {1, 31}, {4, 42}, {3, nil}}},
			{name: "nulls default descending", stmt: ast.Select(uid, uage).From(u).OrderBy(uage.Desc(), uid), diff: "null-order",
				alt: [][]any{{3, nil}, {4, 42}, {1, 31}, {2, 25}, {5, 19}}},
			{name: "nulls last", stmt: ast.Select(uid, uage).From(u).OrderBy(uage.Asc().WithNullsLast(), uid)},
			{name: "nulls first descending", stmt: ast.Select(uid, uage).From(u).OrderBy(uage.Desc().WithNullsFirst(), uid)},
		}},
		{"joins", []diffCase{
			{name: "inner", stmt: ast.Select(o.C("id"), uname, o.C("total")).From(o).Join(u, o.C("user_id").Eq(uid)).OrderBy(o.C("id"))},
			{name: "left", stmt: ast.Select(uid, o.C("id")).From(u).LeftJoin(o, o.C("user_id").Eq(uid)).OrderBy(uid, o.C("id").Asc().WithNullsFirst())},
			{name: "right", stmt: ast.Select(o.C("id"), uname).From(u).RightJoin(o, o.C("user_id").Eq(uid)).OrderBy(o.C("id"))},
			{name: "full", stmt: ast.Select(uid, dp.C("id")).From(u).FullJoin(dp, u.C("dept_id").Eq(dp.C("id"))).
				OrderBy(uid.Asc().WithNullsLast(), dp.C("id").Asc().WithNullsLast())},
			{name: "three tables", stmt: ast.Select(uname, ast.Sum(ast.Mul(it.C("price"), it.C("qty"))).As("value")).From(u).
				Join(o, o.C("user_id").Eq(uid)).Join(it, it.C("order_id").Eq(o.C("id"))).GroupBy(uname).OrderBy(uname)},
			{name: "self join", stmt: ast.Select(uname, mgr.C("name")).From(u).Join(mgr, u.C("manager_id").Eq(mgr.C("id"))).OrderBy(uid)},
			{name: "self left join", stmt: ast.Select(uname, mgr.C("name")).From(u).LeftJoin(mgr, u.C("manager_id").Eq(mgr.C("id"))).OrderBy(uid)},
			{name: "cross", stmt: ast.Select(dp.C("id"), kv.C("k")).From(dp).CrossJoin(kv).Where(dp.C("id").Le(2)).OrderBy(dp.C("id"), kv.C("k"))},
			{name: "derived table", stmt: ast.Select(uname, perUser.C("n")).From(u).Join(perUser, perUser.C("user_id").Eq(uid)).OrderBy(uid)},
			{name: "anti join", stmt: ast.Select(uid).From(u).LeftJoin(o, o.C("user_id").Eq(uid)).Where(o.C("id").IsNull()).OrderBy(uid)},
			{name: "compound condition", stmt: ast.Select(o.C("id"), it.C("sku")).From(o).
				Join(it, ast.And(it.C("order_id").Eq(o.C("id")), it.C("qty").Gt(1))).OrderBy(it.C("id"))},
			{name: "join on inequality", stmt: ast.Select(o.C("id"), ou.C("id")).From(o).
				Join(ou, ast.And(o.C("user_id").Eq(ou.C("user_id")), o.C("id").Lt(ou.C("id")))).OrderBy(o.C("id"), ou.C("id"))},
			{name: "join depts", stmt: ast.Select(uname, dp.C("name")).From(u).Join(dp, u.C("dept_id").Eq(dp.C("id"))).OrderBy(uid)},
		}},
		{"aggregates", []diffCase{
			{name: "counts", stmt: ast.Select(ast.Count(), ast.Count(u.C("email")), ast.CountDistinct(u.C("dept_id"))).From(u)},
			{name: "sum avg min max", stmt: ast.Select(ast.Sum(uage), ast.Avg(uage), ast.Min(uage), ast.Max(uage)).From(u)},
			{name: "group having", stmt: ast.Select(u.C("dept_id"), ast.Count()).From(u).GroupBy(u.C("dept_id")).
				Having(ast.Gt(ast.Count(), 1)).OrderBy(u.C("dept_id"))},
			{name: "sum decimals by status", stmt: ast.Select(o.C("status"), ast.Sum(o.C("total"))).From(o).GroupBy(o.C("status")).OrderBy(o.C("status"))},
			{name: "avg float by flag", stmt: ast.Select(u.C("active"), ast.Avg(u.C("score"))).From(u).GroupBy(u.C("active")).OrderBy(u.C("active"))},
			{name: "sum of products", stmt: ast.Select(it.C("order_id"), ast.Sum(ast.Mul(it.C("price"), it.C("qty")))).From(it).
				GroupBy(it.C("order_id")).OrderBy(it.C("order_id"))},
			{name: "integer times decimal", stmt: ast.Select(it.C("id"), ast.Mul(it.C("qty"), it.C("price"))).From(it).OrderBy(it.C("id"))},
			{name: "filter", stmt: ast.Select(ast.Count().FilterWhere(u.C("active").Eq(true)), ast.Sum(uage).FilterWhere(uage.Gt(20))).From(u)},
			{name: "min max strings", stmt: ast.Select(ast.Min(uname), ast.Max(uname)).From(u)},
			{name: "min max timestamps", stmt: ast.Select(ast.Min(o.C("placed_at")), ast.Max(o.C("placed_at"))).From(o)},
			{name: "count distinct", stmt: ast.Select(ast.CountDistinct(it.C("sku"))).From(it)},
			{name: "string_agg", stmt: ast.Select(it.C("sku"), ast.StringAgg(ast.Cast(it.C("order_id"), types.Text), ",")).From(it).
				GroupBy(it.C("sku")).OrderBy(it.C("sku")), diff: "string-agg-order"},
			{name: "group by year", stmt: ast.Select(ast.As(ast.Extract(ast.Year, u.C("created_at")), "y"), ast.Count()).From(u).
				GroupBy(ast.Extract(ast.Year, u.C("created_at"))).OrderBy(ast.Extract(ast.Year, u.C("created_at")))},
			{name: "having sum", stmt: ast.Select(o.C("user_id")).From(o).GroupBy(o.C("user_id")).
				Having(ast.Gt(ast.Sum(o.C("total")), 100)).OrderBy(o.C("user_id"))},
			{name: "empty set", stmt: ast.Select(ast.Count(), ast.Sum(uage), ast.Max(uname)).From(u).Where(uid.Gt(100))},
			{name: "rollup", stmt: ast.Select(o.C("status"), ast.Count()).From(o).GroupBy(ast.Rollup(o.C("status"))), unordered: true},
			{name: "percentile", stmt: ast.Select(ast.PercentileCont(0.5).OrderedWithin(uage)).From(u)},
			{name: "count group by two", stmt: ast.Select(u.C("dept_id"), u.C("active"), ast.Count()).From(u).
				GroupBy(u.C("dept_id"), u.C("active")).OrderBy(u.C("dept_id").Asc().WithNullsFirst(), u.C("active"))},
		}},
		{"windows", []diffCase{
			{name: "row_number", stmt: ast.Select(uid, ast.RowNumber().Over(ast.OverWindow().OrderedBy(uname.Desc()))).From(u).OrderBy(uid)},
			{name: "row_number partitioned", stmt: ast.Select(o.C("id"), ast.RowNumber().Over(ast.OverWindow().PartitionedBy(o.C("user_id")).OrderedBy(o.C("id")))).From(o).OrderBy(o.C("id"))},
			{name: "rank", stmt: ast.Select(it.C("id"), ast.Rank().Over(ast.OverWindow().OrderedBy(it.C("sku")))).From(it).OrderBy(it.C("id"))},
			{name: "dense_rank", stmt: ast.Select(o.C("id"), ast.DenseRank().Over(ast.OverWindow().OrderedBy(o.C("status")))).From(o).OrderBy(o.C("id"))},
			{name: "running sum", stmt: ast.Select(o.C("id"), ast.Sum(o.C("total")).Over(byID.RowsBetween(ast.Unbounded(), ast.Current()))).From(o).OrderBy(o.C("id"))},
			{name: "moving average", stmt: ast.Select(o.C("id"), ast.Avg(o.C("total")).Over(byID.RowsBetween(ast.PrecedingBy(1), ast.FollowingBy(1)))).From(o).OrderBy(o.C("id")),
				diff: "decimal-division-scale"},
			{name: "partition sum", stmt: ast.Select(o.C("id"), ast.Sum(o.C("total")).Over(ast.OverWindow().PartitionedBy(o.C("user_id")))).From(o).OrderBy(o.C("id"))},
			{name: "count over all", stmt: ast.Select(uid, ast.Count().Over(nil)).From(u).OrderBy(uid)},
			{name: "range frame", stmt: ast.Select(it.C("id"), ast.Sum(it.C("qty")).Over(ast.OverWindow().OrderedBy(it.C("qty")).RangeBetween(ast.PrecedingBy(1), ast.Current()))).From(it).OrderBy(it.C("id"))},
			{name: "groups frame", stmt: ast.Select(it.C("id"), ast.Count().Over(ast.OverWindow().OrderedBy(it.C("qty")).GroupsBetween(ast.PrecedingBy(1), ast.Current()))).From(it).OrderBy(it.C("id"))},
			{name: "frame exclude", stmt: ast.Select(o.C("id"), ast.Count().Over(byID.RowsBetween(ast.Unbounded(), ast.Unbounded()).Excluding(ast.ExcludeCurrentRow))).From(o).OrderBy(o.C("id"))},
			{name: "named window", stmt: ast.Select(o.C("id"), ast.RowNumber().OverName("w"), ast.Sum(o.C("total")).OverName("w")).From(o).
				Window(ast.NamedWindow("w").OrderedBy(o.C("id"))).OrderBy(o.C("id"))},
			{name: "lag lead", stmt: ast.Select(o.C("id"), ast.Fn("lag", o.C("id"), ast.Lit(1)).Over(byID), ast.Fn("lead", o.C("id"), ast.Lit(2)).Over(byID)).From(o).OrderBy(o.C("id"))},
			{name: "first last value", stmt: ast.Select(o.C("id"),
				ast.Fn("first_value", o.C("status")).Over(ast.OverWindow().PartitionedBy(o.C("user_id")).OrderedBy(o.C("id")).RowsBetween(ast.Unbounded(), ast.Unbounded())),
				ast.Fn("last_value", o.C("status")).Over(ast.OverWindow().PartitionedBy(o.C("user_id")).OrderedBy(o.C("id")).RowsBetween(ast.Unbounded(), ast.Unbounded()))).
				From(o).OrderBy(o.C("id"))},
			{name: "ntile", stmt: ast.Select(uid, ast.Fn("ntile", ast.Lit(2)).Over(ast.OverWindow().OrderedBy(uid))).From(u).OrderBy(uid)},
			{name: "window over aggregate", stmt: ast.Select(o.C("status"), ast.Count(), ast.Sum(ast.Count()).Over(nil)).From(o).GroupBy(o.C("status")).OrderBy(o.C("status"))},
			{name: "rank nulls last", stmt: ast.Select(uid, ast.Rank().Over(ast.OverWindow().OrderedBy(uage.Desc().WithNullsLast()))).From(u).OrderBy(uid)},
		}},
		{"ctes", []diffCase{
			{name: "simple", stmt: ast.Select(spend.C("user_id"), spend.C("spent")).From(spend).OrderBy(spend.C("user_id"))},
			{name: "chained", stmt: ast.Select(big.C("user_id")).With(spend, big).From(big).OrderBy(big.C("user_id"))},
			{name: "nested", stmt: ast.Select(big.C("user_id")).From(big).OrderBy(big.C("user_id"))},
			{name: "declared after use", stmt: ast.Select(big.C("user_id")).From(big).With(spend, big).OrderBy(big.C("user_id"))},
			{name: "cte joined", stmt: ast.Select(uname, spend.C("spent")).From(u).Join(spend, spend.C("user_id").Eq(uid)).OrderBy(uid)},
			{name: "cte twice", stmt: ast.Select(spend.As("a").C("user_id"), spend.As("b").C("user_id")).From(spend.As("a")).
				Join(spend.As("b"), spend.As("a").C("spent").Lt(spend.As("b").C("spent"))).
				OrderBy(spend.As("a").C("user_id"), spend.As("b").C("user_id"))},
			{name: "recursive tree", stmt: ast.Select(tree.C("id"), tree.C("name"), tree.C("depth")).From(tree).OrderBy(tree.C("id"))},
			{name: "recursive paths", stmt: ast.Select(paths.C("id"), paths.C("path")).From(paths).OrderBy(paths.C("id"))},
			{name: "recursive paths narrow anchor", stmt: ast.Select(pathsNarrow.C("id"), pathsNarrow.C("path")).From(pathsNarrow).OrderBy(pathsNarrow.C("id")),
				diff: "recursive-anchor-type"},
			{name: "recursive descendants", stmt: ast.Select(below.C("id")).From(below).OrderBy(below.C("id"))},
			{name: "recursive ancestors", stmt: ast.Select(above.C("id")).From(above).OrderBy(above.C("id"))},
			{name: "recursive series", stmt: ast.Select(ast.Sum(series.C("n")), ast.Count()).From(series)},
			{name: "recursive count by depth", stmt: ast.Select(tree.C("depth"), ast.Count()).From(tree).GroupBy(tree.C("depth")).OrderBy(tree.C("depth"))},
		}},
		{"set operations", []diffCase{
			{name: "union", stmt: ast.Union(ast.Select(nameN).From(u), ast.Select(dp.C("name")).From(dp)).OrderBy(nameN.Asc())},
			{name: "union all", stmt: ast.UnionAll(ast.Select(skuS).From(it), ast.Select(it.C("sku")).From(it).Where(it.C("qty").Gt(1))).OrderBy(skuS.Asc())},
			{name: "intersect", stmt: ast.Intersect(ast.Select(userX).From(o), ast.Select(uid).From(u).Where(u.C("active").Eq(true))).OrderBy(userX.Asc())},
			{name: "except", stmt: ast.Except(ast.Select(idX).From(u), ast.Select(o.C("user_id")).From(o)).OrderBy(idX.Asc())},
			{name: "intersect all", stmt: ast.IntersectAll(ast.Select(skuS).From(it), ast.Select(it.C("sku")).From(it).Where(it.C("qty").Lt(5))).OrderBy(skuS.Asc())},
			{name: "except all", stmt: ast.ExceptAll(ast.Select(skuS).From(it), ast.Select(it.C("sku")).From(it).Where(it.C("qty").Eq(1))).OrderBy(skuS.Asc())},
			{name: "union limit", stmt: ast.Union(ast.Select(idX).From(u), ast.Select(o.C("id")).From(o)).OrderBy(idX.Desc()).Limit(3)},
			{name: "nested", stmt: ast.Except(ast.Union(ast.Select(idX).From(u), ast.Select(o.C("id")).From(o)), ast.Select(it.C("id")).From(it).Where(it.C("id").Lt(3))).OrderBy(idX.Asc())},
			{name: "union unordered", stmt: ast.Union(ast.Select(o.C("status")).From(o), ast.Select(ast.Lit("other"))), unordered: true},
		}},
		{"subqueries", []diffCase{
			{name: "correlated scalar", stmt: ast.Select(uid, ast.Select(ast.Count()).From(o).Where(o.C("user_id").Eq(uid)).Scalar()).From(u).OrderBy(uid)},
			{name: "exists", stmt: ast.Select(uid).From(u).Where(ast.Exists(ast.Select(ast.Lit(1)).From(o).Where(o.C("user_id").Eq(uid)))).OrderBy(uid)},
			{name: "not exists", stmt: ast.Select(uid).From(u).Where(ast.NotExists(ast.Select(ast.Lit(1)).From(o).Where(o.C("user_id").Eq(uid)))).OrderBy(uid)},
			{name: "in subquery", stmt: ast.Select(uid).From(u).Where(uid.InQuery(ast.Select(o.C("user_id")).From(o).Where(o.C("status").Eq("paid")))).OrderBy(uid)},
			{name: "not in subquery", stmt: ast.Select(uid).From(u).Where(uid.NotIn(ast.Select(o.C("user_id")).From(o).Where(o.C("user_id").IsNotNull()))).OrderBy(uid)},
			{name: "scalar in where", stmt: ast.Select(uid).From(u).Where(uage.Gt(ast.Select(ast.Avg(uage)).From(u).Scalar())).OrderBy(uid)},
			{name: "any", stmt: ast.Select(uid).From(u).Where(ast.Eq(uid, ast.Any(ast.Select(o.C("user_id")).From(o)))).OrderBy(uid)},
			{name: "all", stmt: ast.Select(uid).From(u).Where(ast.Gt(uage, ast.All(ast.Select(uage).From(u).Where(uage.Lt(30))))).OrderBy(uid)},
			{name: "in subquery with limit", stmt: ast.Select(uid).From(u).Where(uid.InQuery(ast.Select(o.C("user_id")).From(o).OrderBy(o.C("id")).Limit(2))).OrderBy(uid)},
			{name: "scalar max per group", stmt: ast.Select(o.C("id")).From(o).Where(o.C("total").Eq(
				ast.Select(ast.Max(ou.C("total"))).From(ou).Where(ou.C("user_id").Eq(o.C("user_id"))).Scalar())).OrderBy(o.C("id"))},
			{name: "lateral", stmt: ast.Select(uid, ast.T("l").C("id")).From(u).CrossJoin(
				ast.Select(o.C("id")).From(o).Where(o.C("user_id").Eq(uid)).OrderBy(o.C("id").Desc()).Limit(1).Lateral("l")).OrderBy(uid)},
		}},
		{"expressions", []diffCase{
			{name: "searched case", stmt: ast.Select(uid, ast.Case(ast.WhenThen(uage.Lt(25), "young"), ast.WhenThen(uage.Lt(40), "mid")).ElseResult("other")).From(u).OrderBy(uid)},
			{name: "simple case", stmt: ast.Select(o.C("id"), ast.SimpleCase(o.C("status"), ast.WhenThen("paid", 1), ast.WhenThen("shipped", 2)).ElseResult(0)).From(o).OrderBy(o.C("id"))},
			{name: "case without else", stmt: ast.Select(uid, ast.Case(ast.WhenThen(u.C("active"), uname))).From(u).OrderBy(uid)},
			{name: "coalesce", stmt: ast.Select(uid, ast.Coalesce(u.C("email"), "none")).From(u).OrderBy(uid)},
			{name: "nullif", stmt: ast.Select(uid, ast.NullIf(uage, 25)).From(u).OrderBy(uid)},
			{name: "upper lower length", stmt: ast.Select(ast.Upper(uname), ast.Lower(ast.Upper(uname)), ast.Length(u.C("email"))).From(u).OrderBy(uid)},
			{name: "concat", stmt: ast.Select(ast.Concat(uname, "-", u.C("email"))).From(u).OrderBy(uid)},
			{name: "concat coalesce", stmt: ast.Select(ast.Concat(uname, ":", ast.Coalesce(u.C("email"), ""))).From(u).OrderBy(uid)},
			{name: "div intdiv mod", stmt: ast.Select(uage, ast.Div(uage, 2), ast.IntDiv(uage, 2), ast.Mod(uage, 7)).From(u).Where(uage.IsNotNull()).OrderBy(uid), diff: "int-division"},
			{name: "div negative", stmt: ast.Select(ast.Div(ast.Lit(-7), ast.Lit(2)), ast.IntDiv(ast.Lit(-7), ast.Lit(2)), ast.Mod(ast.Lit(-7), ast.Lit(2)), ast.IntDiv(ast.Lit(7), ast.Lit(-2))), diff: "int-division"},
			{name: "div decimals", stmt: ast.Select(o.C("id"), ast.Div(o.C("total"), 3), ast.Div(o.C("total"), 7)).From(o).Where(o.C("total").IsNotNull()).OrderBy(o.C("id")), diff: "decimal-division-scale"},
			{name: "intdiv decimals", stmt: ast.Select(o.C("id"), ast.IntDiv(o.C("total"), 7)).From(o).Where(o.C("total").IsNotNull()).OrderBy(o.C("id")), diff: "int-division"},
			{name: "arithmetic", stmt: ast.Select(uid, ast.Add(ast.Mul(uage, 2), 1), ast.Sub(uage, uid), ast.Neg(uage)).From(u).OrderBy(uid)},
			{name: "float arithmetic", stmt: ast.Select(uid, ast.Mul(u.C("score"), 1.5), ast.Div(u.C("score"), 3)).From(u).OrderBy(uid)},
			{name: "abs round", stmt: ast.Select(ast.Abs(ast.Neg(o.C("total"))), ast.Round(o.C("total"), 1), ast.Round(o.C("total"))).From(o).OrderBy(o.C("id"))},
			{name: "round double digits", stmt: ast.Select(ast.Round(ast.Lit(2.345), 2), ast.Round(ast.Lit(-2.5), 0))},
			{name: "round double half", stmt: ast.Select(ast.Round(ast.Cast(ast.Lit(2.5), types.DoubleFloat)), ast.Round(ast.Cast(ast.Lit(3.5), types.DoubleFloat)),
				ast.Round(ast.Cast(ast.Lit(-2.5), types.DoubleFloat))), diff: "round-half-even",
				alt: [][]any{{2.0, 4.0, -2.0}}},
			{name: "cast int to text", stmt: ast.Select(ast.Cast(uage, types.String(10))).From(u).OrderBy(uid)},
			{name: "cast text to int", stmt: ast.Select(ast.Add(ast.Cast(ast.Lit("41"), types.Integer), 1))},
			{name: "cast float to text", stmt: ast.Select(ast.Cast(ast.Add(ast.Cast(ast.Lit(0.1), types.DoubleFloat), ast.Cast(ast.Lit(0.2), types.DoubleFloat)), types.Text),
				ast.Cast(ast.Div(ast.Cast(ast.Lit(1), types.DoubleFloat), ast.Lit(3)), types.Text)), diff: "float-text"},
			{name: "float literals", stmt: ast.Select(ast.Eq(ast.Add(ast.Lit(0.1), ast.Lit(0.2)), ast.Lit(0.3))), diff: "float-literals",
				alt: [][]any{{0}}},
			{name: "cast to date", stmt: ast.Select(uid, ast.Cast(u.C("created_at"), types.DateType)).From(u).OrderBy(uid)},
			{name: "is distinct from", stmt: ast.Select(uid).From(u).Where(uage.IsDistinctFrom(25)).OrderBy(uid)},
			{name: "is not distinct from null", stmt: ast.Select(uid).From(u).Where(ast.IsNotDistinctFrom(uage, ast.TypedParam(nil, types.Integer))).OrderBy(uid)},
			{name: "is distinct columns", stmt: ast.Select(uid, ast.IsDistinctFrom(u.C("manager_id"), u.C("dept_id"))).From(u).OrderBy(uid)},
			{name: "like", stmt: ast.Select(uid).From(u).Where(uname.Like("%e%")).OrderBy(uid)},
			{name: "contains percent", stmt: ast.Select(uid).From(u).Where(u.C("email").Contains("50%")).OrderBy(uid)},
			{name: "contains underscore", stmt: ast.Select(it.C("id")).From(it).Where(it.C("sku").Contains("_")).OrderBy(it.C("id"))},
			{name: "starts ends with", stmt: ast.Select(it.C("id")).From(it).Where(ast.Or(it.C("sku").StartsWith("A-"), it.C("sku").EndsWith("%3"))).OrderBy(it.C("id"))},
			{name: "ilike", stmt: ast.Select(uid).From(u).Where(uname.ILike("A%")).OrderBy(uid)},
			{name: "like case", stmt: ast.Select(uid).From(u).Where(uname.Like("A%")).OrderBy(uid), diff: "like-case", empty: true,
				alt: [][]any{{1}}},
			{name: "boolean result", stmt: ast.Select(uid, ast.As(uage.Gt(30), "old"), u.C("active")).From(u).OrderBy(uid)},
			{name: "extract", stmt: ast.Select(uid, ast.Extract(ast.Year, u.C("created_at")), ast.Extract(ast.Month, u.C("created_at")),
				ast.Extract(ast.Day, u.C("created_at")), ast.Extract(ast.Hour, u.C("created_at")), ast.Extract(ast.Second, u.C("created_at"))).From(u).OrderBy(uid)},
			{name: "extract epoch", stmt: ast.Select(uid, ast.Extract(ast.Epoch, u.C("created_at"))).From(u).OrderBy(uid), diff: "epoch-session-zone"},
			{name: "bitwise", stmt: ast.Select(ast.BitAnd(ast.Lit(12), ast.Lit(10)), ast.BitOr(ast.Lit(12), ast.Lit(10)), ast.BitXor(ast.Lit(12), ast.Lit(10)),
				ast.ShiftLeft(ast.Lit(1), ast.Lit(4)), ast.ShiftRight(ast.Lit(256), ast.Lit(2)), ast.BitNot(ast.Lit(5)))},
			{name: "regexp", stmt: ast.Select(uid).From(u).Where(uname.RegexpMatch("^[a-c]")).OrderBy(uid)},
			{name: "parameters only", stmt: ast.Select(ast.Add(ast.Param(2), ast.Param(3)), ast.Concat(ast.Param("a"), ast.Param("b")))},
			{name: "parameter and literal", stmt: ast.Select(ast.Add(ast.Param(2), 3), ast.Concat(ast.Param("a"), "b"))},
			{name: "division by zero", stmt: ast.Select(ast.Div(uage, 0)).From(u).Where(uid.Eq(1)), diff: "division-by-zero"},
			{name: "integer overflow", stmt: ast.Select(ast.Cast(ast.Add(ast.Lit(int64(math.MaxInt64)), ast.Lit(1)), types.DoubleFloat)), diff: "integer-overflow"},
			{name: "upper non-ascii", stmt: ast.Select(ast.Upper(ast.Lit("éa")), ast.Lower(ast.Lit("ÉA"))), diff: "upper-non-ascii",
				alt: [][]any{{"éA", "Éa"}}},
			{name: "length unicode", stmt: ast.Select(ast.Length(ast.Lit("héllo😀")), ast.Length(odd.C("ünï"))).From(odd).OrderBy(odd.C("select"))},
			{name: "collation order", stmt: ast.Select(vs).From(names).OrderBy(vs, vid), diff: "collation-order",
				alt: [][]any{{"ann"}, {"ANN"}, {"Bob"}, {"cy"}}},
			{name: "lower order", stmt: ast.Select(vs).From(names).OrderBy(ast.Lower(vs), vid)},
			{name: "collation equality", stmt: ast.Select(vid).From(names).Where(vs.Eq("ann")).OrderBy(vid), diff: "collation-equality",
				alt: [][]any{{1}, {4}}},
			{name: "collation in", stmt: ast.Select(vid).From(names).Where(vs.In("ANN", "bob")).OrderBy(vid), diff: "collation-equality",
				alt: [][]any{{1}, {2}, {4}}},
			{name: "collation distinct", stmt: ast.Select(ast.Count()).From(ast.Select(vs).From(names).Distinct().As("d")), diff: "collation-equality",
				alt: [][]any{{3}}},
			{name: "lower equality", stmt: ast.Select(vid).From(names).Where(ast.Eq(ast.Lower(vs), "ann")).OrderBy(vid)},
			{name: "trailing spaces", stmt: ast.Select(uid).From(u).Where(uname.Eq("ann ")).OrderBy(uid), diff: "trailing-spaces", empty: true,
				alt: [][]any{{1}}},
			{name: "values trailing spaces", stmt: ast.Select(spaced.C("s"), ast.Length(spaced.C("s"))).From(spaced).OrderBy(spaced.C("id")), diff: "values-trailing-spaces",
				alt: [][]any{{"a", 1}, {"b", 1}}},
		}},
		{"paging", []diffCase{
			{name: "limit", stmt: ast.Select(uid).From(u).OrderBy(uid).Limit(2)},
			{name: "limit offset", stmt: ast.Select(uid).From(u).OrderBy(uid).Limit(2).Offset(1)},
			{name: "offset only", stmt: ast.Select(uid).From(u).OrderBy(uid).Offset(3)},
			{name: "fetch first", stmt: ast.Select(uid).From(u).OrderBy(uid.Desc()).FetchFirst(2)},
			{name: "fetch with ties", stmt: ast.Select(it.C("id")).From(it).OrderBy(it.C("qty")).FetchFirstWithTies(1), unordered: true},
			{name: "named limit", stmt: ast.Select(uid).From(u).OrderBy(uid).Limit(ast.Named("n")), params: engine.Params{"n": 3}},
			{name: "limit in derived table", stmt: ast.Select(ast.Count()).From(ast.Select(uid).From(u).OrderBy(uid).Limit(4).As("first"))},
			{name: "offset past end", stmt: ast.Select(uid).From(u).OrderBy(uid).Limit(5).Offset(10), empty: true},
		}},
		{"upserts", []diffCase{
			{name: "do update excluded", stmt: ast.Insert(kv).Values("a", 100, 0).OnConflict(ast.Conflict(kv.C("k")).DoUpdate(ast.Set(kv.C("v"), ast.Excluded(kv.C("v"))))),
				diff: "upsert-affected-rows", altAffected: diffI64(2)},
			{name: "do update adds", stmt: ast.Insert(kv).Values("b", 5, 0).OnConflict(ast.Conflict(kv.C("k")).DoUpdate(
				ast.Set(kv.C("v"), ast.Add(kv.C("v"), ast.Excluded(kv.C("v")))), ast.Set(kv.C("n"), ast.Add(kv.C("n"), 1)))),
				diff: "upsert-affected-rows", altAffected: diffI64(2)},
			{name: "no conflict", stmt: ast.Insert(kv).Values("d", 4, 40).OnConflict(ast.Conflict(kv.C("k")).DoUpdate(ast.Set(kv.C("v"), ast.Excluded(kv.C("v")))))},
			{name: "several rows", stmt: ast.Insert(kv).Values("a", 7, 70).Values("e", 5, 50).Values("c", 9, 90).
				OnConflict(ast.Conflict(kv.C("k")).DoUpdate(ast.Set(kv.C("v"), ast.Excluded(kv.C("v"))), ast.Set(kv.C("n"), ast.Excluded(kv.C("n"))))),
				diff: "upsert-affected-rows", altAffected: diffI64(5)},
			{name: "do nothing", stmt: ast.Insert(kv).Values("a", 100, 0).Values("f", 6, 60).OnConflict(ast.Conflict(kv.C("k")).DoNothingOnConflict())},
			{name: "do update where", stmt: ast.Insert(kv).Values("a", 100, 0).OnConflict(ast.Conflict(kv.C("k")).
				DoUpdate(ast.Set(kv.C("v"), ast.Excluded(kv.C("v")))).UpdateWhere(kv.C("n").Lt(5)))},
			{name: "null into upsert", stmt: ast.Insert(kv).Values("c", nil, nil).OnConflict(ast.Conflict(kv.C("k")).DoUpdate(ast.Set(kv.C("n"), ast.Excluded(kv.C("n"))))),
				diff: "upsert-affected-rows", altAffected: diffI64(2)},
			{name: "returning", stmt: ast.Insert(kv).Values("g", 8, 80).OnConflict(ast.Conflict(kv.C("k")).DoUpdate(ast.Set(kv.C("v"), ast.Excluded(kv.C("v"))))).
				Returning(kv.C("k"), kv.C("v"))},
			{name: "on constraint", stmt: ast.Insert(kv).Values("a", 1, 1).OnConflict(ast.ConflictOnConstraint("kv_pkey").DoUpdate(ast.Set(kv.C("n"), 11)))},
		}},
		{"dml", []diffCase{
			{name: "insert returning", stmt: ast.Insert(u).Columns(uid, uname, uage).Values(6, "fay", 50).Returning(uid, uname)},
			{name: "insert rows", stmt: ast.Insert(dp).Values(6, "qa", 3).Values(7, "sre", 3)},
			{name: "insert select", stmt: ast.Insert(kv).Columns(kv.C("k"), kv.C("v"), kv.C("n")).
				FromQuery(ast.Select(dp.C("name"), dp.C("id"), dp.C("parent_id")).From(dp).Where(dp.C("id").Gt(3)))},
			{name: "insert returning expression", stmt: ast.Insert(it).Values(7, 6, "Z-9", 3, "1.10").Returning(it.C("id"), ast.Mul(it.C("price"), it.C("qty")))},
			{name: "update", stmt: ast.Update(u).Set(uage, ast.Add(uage, 1)).Where(u.C("active").Eq(true)),
				diff: "unchanged-affected-rows", altAffected: diffI64(2)},
			{name: "update returning", stmt: ast.Update(u).Set(uage, ast.Add(uage, 1)).Where(uid.Le(2)).Returning(uid, uage)},
			{name: "update unchanged", stmt: ast.Update(kv).Set(kv.C("v"), 1).Where(kv.C("k").In("a", "b")), diff: "unchanged-affected-rows", altAffected: diffI64(1)},
			{name: "update to null", stmt: ast.Update(u).Set(u.C("email"), nil).Where(uid.Eq(2))},
			{name: "update from", stmt: ast.Update(o).Set(o.C("status"), "vip").From(u).Where(o.C("user_id").Eq(uid), uage.Gt(30))},
			{name: "update with subquery", stmt: ast.Update(o).Set(o.C("status"), "late").Where(o.C("user_id").InQuery(ast.Select(uid).From(u).Where(u.C("active").Eq(false))))},
			{name: "update case", stmt: ast.Update(it).Set(it.C("qty"), ast.Case(ast.WhenThen(it.C("qty").Gt(2), ast.Sub(it.C("qty"), 1))).ElseResult(it.C("qty"))),
				diff: "unchanged-affected-rows", altAffected: diffI64(2)},
			{name: "delete", stmt: ast.Delete(it).Where(it.C("sku").Eq("A-1"))},
			{name: "delete returning", stmt: ast.Delete(it).Where(it.C("qty").Gt(1)).Returning(it.C("id"), it.C("sku"))},
			{name: "delete subquery", stmt: ast.Delete(o).Where(ast.NotExists(ast.Select(ast.Lit(1)).From(it).Where(it.C("order_id").Eq(o.C("id")))))},
			{name: "delete all", stmt: ast.Delete(kv), empty: true},
			{name: "delete none", stmt: ast.Delete(kv).Where(kv.C("k").Eq("zz"))},
			{name: "update quoted names", stmt: ast.Update(odd).Set(odd.C("User Name"), "Ö'Neil \"q\"").Where(odd.C("select").Eq(2))},
			{name: "insert defaults and nulls", stmt: ast.Insert(o).Values(7, nil, nil, "new", nil)},
			{name: "insert then read join", stmt: ast.Insert(o).Values(8, 5, "12.34", "paid", ts("2024-05-01 10:00:00")),
				read: []ast.Node{ast.Select(uname, ast.Sum(o.C("total"))).From(u).Join(o, o.C("user_id").Eq(uid)).GroupBy(uid, uname).OrderBy(uid)}},
		}},
	}
}
