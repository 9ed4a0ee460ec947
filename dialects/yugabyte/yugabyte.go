// Package yugabyte is the YugabyteDB (YSQL) dialect. Importing it registers the names
// "yugabyte" and "yugabytedb". It compiles SQL only and imports no driver; the engine
// pairs it with github.com/lib/pq, which YugabyteDB serves on port 5433.
//
// YSQL reuses PostgreSQL's query layer, so the dialect is PostgreSQL's (of the
// PostgreSQL version the server is built on: 11.2 before YugabyteDB v2.25 and
// v2025.1, 15 from then on) with what YSQL lacks removed, plus the DDL of a
// distributed database: hash and range sharding of primary keys and indexes
// (PrimaryKey, IndexKey), tablet presplitting (SplitInto, SplitAt), colocation,
// tablegroups and tablespaces. Those are table options (ast.TableOption) for the
// dialect "yugabyte": every other dialect ignores them, since they place data and
// change no result, so one ast.MetaData creates the same logical schema on PostgreSQL
// and YugabyteDB alike.
package yugabyte

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects"
	"github.com/seed13bb6a42/strata/dialects/postgres"
)

// Name is the dialect's registry name.
const Name = "yugabyte"

func init() {
	f := func(v string) (*compiler.Dialect, error) { return New(v), nil }
	dialects.Register(Name, f)
	dialects.Register("yugabytedb", f)
}

var defaultDialect = New("")

// Dialect returns the YugabyteDB dialect for the newest releases (v2025.1 and later,
// built on PostgreSQL 15).
func Dialect() *compiler.Dialect { return defaultDialect }

// A Version is what the dialect knows of a server: the YugabyteDB release and the
// PostgreSQL version its query layer is built on.
type Version struct {
	YB compiler.Version // YugabyteDB release, such as 2025.1.0 or 2.20.1; zero when unknown
	PG string           // PostgreSQL base version, "11.2" or "15.2"
}

// pg15Base is the PostgreSQL version of YSQL from v2.25 (preview) and v2025.1 (stable).
const (
	pg11Base = "11.2"
	pg15Base = "15.2"
)

// ParseVersion reads a server version as the engine passes it (the whole text of
// SELECT version(), "PostgreSQL 15.2-YB-2025.1.0.0-b0 on x86_64-pc-linux-gnu, …"), or
// a bare YugabyteDB release ("2.20.1.0", "2024.2"), or a PostgreSQL version ("11.2").
// "" and text it cannot read stand for the newest release.
func ParseVersion(s string) Version {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "PostgreSQL ")
	if pg, yb, ok := strings.Cut(s, "-YB-"); ok {
		v := Version{PG: pg15Base}
		if y, ok := compiler.ParseVersion(yb); ok {
			v.YB = y
			v.PG = pgBase(y)
		}
		if p, ok := compiler.ParseVersion(pg); ok && p.Major > 0 {
			v.PG = strconv.Itoa(p.Major) + "." + strconv.Itoa(p.Minor)
		}
		return v
	}
	y, ok := compiler.ParseVersion(s)
	switch {
	case !ok:
		return Version{PG: pg15Base}
	case y.Major == 2 || y.Major >= 2000: // a YugabyteDB release: 2.x or year-numbered
		return Version{YB: y, PG: pgBase(y)}
	}
	return Version{PG: strconv.Itoa(y.Major) + "." + strconv.Itoa(y.Minor)} // a PostgreSQL version
}

// pgBase is the PostgreSQL version a YugabyteDB release is built on: YSQL moved from
// PostgreSQL 11.2 to 15 in v2.25 (preview) and v2025.1 (stable).
func pgBase(y compiler.Version) string {
	if y.Major == 2 && y.Minor >= 25 || y.AtLeast(2025, 1, 0) {
		return pg15Base
	}
	return pg11Base
}

// pg15 reports whether the dialect's PostgreSQL base is 15 or later.
func (v Version) pg15() bool {
	p, ok := compiler.ParseVersion(v.PG)
	return !ok || p.Major >= 15
}

// New returns the YugabyteDB dialect for a server version (see ParseVersion; "" for
// the newest). The dialect is PostgreSQL's for the base version (so CTE
// MATERIALIZED and FETCH … WITH TIES go before PostgreSQL 12 and 13), and its Version
// field holds that PostgreSQL version, which the inherited rules read. Beyond
// PostgreSQL's:
//
//   - DDL is not TransactionalDDL: YSQL commits schema changes as they run (a
//     transactional DDL mode is only a preview feature of recent releases);
//   - GiST, SP-GiST and BRIN indexes are refused (YugabyteDB's are lsm and gin);
//   - generated columns (GENERATED ALWAYS AS … STORED) and dropping a primary key
//     are refused before v2.25/v2025.1;
//   - table options for "yugabyte" add sharding, splitting, colocation, tablegroup
//     and tablespace clauses (see PrimaryKey, IndexKey, SplitInto, SplitAt,
//     Colocation, Tablegroup, Tablespace), and key columns are checked for types
//     that DocDB can key on.
func New(serverVersion string) *compiler.Dialect {
	v := ParseVersion(serverVersion)
	d := postgres.New(v.PG) // a new value each call: ours to change
	d.Name = Name
	d.Target.Dialect = Name
	d.DDL &^= compiler.TransactionalDDL
	if !v.pg15() {
		// YSQL on PostgreSQL 11.2 has identity columns but not stored generated
		// columns, which YugabyteDB lists among the features of its PostgreSQL 15 base.
		d.DDL &^= compiler.ComputedColumns
	}
	d.Rules = rules(v)
	return d
}

// rules derives YugabyteDB's table from PostgreSQL's.
func rules(v Version) *compiler.Rules {
	r := postgres.Rules()
	ddlRules(r, v)
	return r
}

// unsupportedMethods are PostgreSQL index access methods YSQL does not have.
var unsupportedMethods = map[string]bool{"gist": true, "spgist": true, "brin": true}

// renderAlterTable refuses what YSQL cannot alter and passes the rest on.
func renderAlterTable(v Version, next compiler.RenderFunc) compiler.RenderFunc {
	return func(c *compiler.Ctx, n ast.Node) {
		s := n.(*ast.AlterTableStmt)
		switch x := compiler.AlterAction(s.Action).(type) {
		case ast.AddColumn:
			// The column's PRIMARY KEY or UNIQUE is a DocDB key; the constraint rule
			// cannot check its type, since the column is not in s.Table yet.
			if s.Table != nil && x.Column != nil &&
				(x.Column.PrimaryKey && !checkColumnKeyType(c, s.Table, "PRIMARY KEY", x.Column) ||
					x.Column.Unique && !checkColumnKeyType(c, s.Table, "UNIQUE", x.Column)) {
				return
			}
		case ast.DropConstraint:
			// The server drops by name whatever the Kind says, so a name that is the
			// primary key's is refused too.
			if !v.pg15() && s.Table != nil && (x.Kind == "pk" || isPrimaryKeyName(c, s, x.Name)) {
				// The PostgreSQL 11 based releases keep rows in primary-key order and
				// cannot re-shard a table in place.
				c.Unsupported("ALTER TABLE … DROP CONSTRAINT of a primary key before v2.25/v2025.1",
					"create a new table with the key you want and copy the rows (INSERT … SELECT)")
				return
			}
		}
		next(c, n)
	}
}

// isPrimaryKeyName reports whether name is what the primary key of the statement's
// table is called: its own name, the naming convention's, or PostgreSQL's default.
func isPrimaryKeyName(c *compiler.Ctx, s *ast.AlterTableStmt, name string) bool {
	t := s.Table
	if name == "" {
		return false
	}
	if name == defaultPrimaryKeyName(t.Name) {
		return true
	}
	own := ""
	if t.PrimaryKey != nil {
		own = t.PrimaryKey.Name
	}
	if own == name {
		return true
	}
	cols := t.PrimaryKeyColumns()
	return len(cols) > 0 && c.ConstraintName(s.Naming, "pk", own, t, cols, "") == name
}

// defaultPrimaryKeyName is the name PostgreSQL gives an unnamed primary key:
// <table>_pkey, the table's name cut so that the whole fits in 63 bytes
// (makeObjectName), at a character boundary.
func defaultPrimaryKeyName(table string) string {
	const suffix = "_pkey"
	if n := 63 - len(suffix); len(table) > n {
		for n > 0 && !utf8.RuneStart(table[n]) {
			n--
		}
		table = table[:n]
	}
	return table + suffix
}
