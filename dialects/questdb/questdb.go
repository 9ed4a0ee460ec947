// Package questdb is the QuestDB dialect, reached over QuestDB's PostgreSQL wire
// protocol. Importing it registers the name "questdb". It compiles SQL only and
// imports no driver; the engine pairs it with github.com/lib/pq.
//
// QuestDB speaks a time-series SQL of its own. The dialect writes what QuestDB
// accepts and refuses what it cannot say with a *compiler.UnsupportedError that names
// QuestDB's alternative, never with SQL the server would reject:
//
//   - QuestDB's type names (SYMBOL, LONG, DOUBLE, VARCHAR, TIMESTAMP, GEOHASH(6c)…)
//     in DDL and CAST, never a PostgreSQL alias or a length (see TypeName);
//   - OFFSET as LIMIT lo, hi and HAVING as a filter on a subquery, since QuestDB has
//     neither;
//   - SAMPLE BY, LATEST ON, ASOF/LT/SPLICE JOIN, timestamp interval filters and the
//     date functions as nodes of this package (timeseries.go), which other dialects
//     refuse;
//   - refusals, each with what to use instead, for DELETE, RETURNING, ON CONFLICT,
//     DISTINCT ON, IS DISTINCT FROM, NULLS FIRST/LAST, correlated subqueries,
//     schemas other than public and, before QuestDB 9, RIGHT and FULL JOIN.
//
// docs/dialects/questdb.md walks through a trades table from CREATE TABLE to ASOF JOIN.
package questdb

import (
	"errors"
	"strings"
	"time"

	"github.com/seed13bb6a42/strata/bind"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects"
	"github.com/seed13bb6a42/strata/types"
)

// Name is the dialect's registry name.
const Name = "questdb"

func init() {
	dialects.Register(Name, func(v string) (*compiler.Dialect, error) { return New(v), nil })
}

var defaultDialect = New("")

// Dialect returns the QuestDB dialect for a server whose version is not known, which
// writes SQL that QuestDB 8 and later accept.
func Dialect() *compiler.Dialect { return defaultDialect }

// features are what every QuestDB from 8.0 on has natively. The rules read the bits:
// a construct whose bit is clear is emulated (aggregate FILTER becomes CASE inside the
// aggregate) or refused with a hint.
const features = compiler.ILike | compiler.WindowFunctions | compiler.IntersectExcept |
	compiler.SetOpAll | compiler.CTEOnUpdateDelete | compiler.UpdateFrom |
	compiler.Regexp | compiler.NativeBoolean | compiler.TableFunctions

// joins9 are the features QuestDB 9 adds: 8.3 answers "unsupported join type".
const joins9 = compiler.RightJoin | compiler.FullJoin

// New returns the QuestDB dialect for a server version such as "8.3.4" or "9.1.0"
// ("" for a version not known). The version is QuestDB's own, as SELECT build()
// reports it ("QuestDB 8.3.4" is read too); the PostgreSQL version the server
// imitates over the wire ("12.3 (questdb)", what SHOW server_version answers) says
// nothing about QuestDB and counts as unknown. Before 9.0, and when the version is
// not known, RIGHT and FULL JOIN are refused.
func New(serverVersion string) *compiler.Dialect {
	f := features
	if v, ok := parseVersion(serverVersion); ok && v.AtLeast(9, 0, 0) {
		f |= joins9
	}
	d := &compiler.Dialect{
		Name:        Name,
		Rules:       Rules(),
		Features:    f,
		Placeholder: bind.Dollar,
		QuoteOpen:   '"',
		QuoteClose:  '"',
		// QuestDB keeps a name's case as written and compares names without regard to
		// it, quoted or not: "Trades" and trades are one table. Nothing folds, so case
		// never forces quoting.
		FoldsCase: false,
		// Every identifier is quoted (issue 6): a name never collides with one of
		// QuestDB's many keywords, including those a later version adds.
		QuoteAll: true,
		// A table is a directory and a column a file: cairo.max.file.name.length (127
		// by default) bounds both.
		MaxIdentLen: 127,
		// QuestDB reads the parameter count of a Bind message as a signed 16-bit number.
		MaxParams: 32767,
		Version:   serverVersion,
		Target: types.Target{
			Dialect: Name, NativeBool: true, NativeUUID: true,
			// NaN and infinities are QuestDB's NULL for DOUBLE and FLOAT: storing NaN
			// would read back as NULL, so a NaN value is an error instead.
			NaN: false,
		},
		TypeName:      TypeName,
		AppendLiteral: appendLiteral,
	}
	d.SetReserved(reservedWords)
	installDDL(d)
	return d
}

// parseVersion reads QuestDB's version from s, which may begin with "QuestDB ". The
// "12.3 (questdb)" that SHOW server_version answers is PostgreSQL's version, and
// reports false.
func parseVersion(s string) (compiler.Version, bool) {
	s = strings.TrimSpace(s)
	if strings.Contains(strings.ToLower(s), "(questdb)") {
		return compiler.Version{}, false
	}
	if len(s) > 8 && strings.EqualFold(s[:8], "questdb ") {
		s = s[8:]
	}
	return compiler.ParseVersion(s)
}

// Rules returns a new copy of QuestDB's rule table: the ANSI rules with QuestDB's
// spellings, emulations and refusals, and the rules of this package's nodes. The
// schema-statement rules are added by New (see ddl.go).
func Rules() *compiler.Rules {
	r := compiler.ANSIRules()
	installQueryRules(r)
	installTimeSeriesRules(r)
	return r
}

// literalStyle spells strings as QuestDB reads them: in single quotes with a quote
// doubled, and a backslash as itself.
var literalStyle = compiler.LiteralAppender(compiler.LiteralStyle{})

// appendLiteral appends v as a QuestDB literal. Times are ISO 8601 in UTC with
// microseconds, the form QuestDB parses, cast so that they are timestamps wherever
// they stand (a bare string is a VARCHAR in a select list or a function argument);
// dates are cast to DATE. QuestDB has no literal for binary strings.
func appendLiteral(b []byte, v any, t *types.Type) ([]byte, error) {
	switch x := v.(type) {
	case time.Time:
		if t != nil && t.Kind == types.Date {
			b = append(b, '\'')
			b = x.AppendFormat(b, "2006-01-02")
			return append(b, "'::DATE"...), nil
		}
		b = append(b, '\'')
		b = x.UTC().AppendFormat(b, "2006-01-02T15:04:05.000000Z")
		return append(b, "'::TIMESTAMP"...), nil
	case []byte:
		if t == nil || t.Kind != types.JSON {
			return b, errors.New("QuestDB has no literal for binary strings; bind the value instead")
		}
	case string:
		if t != nil && t.Kind == types.Binary {
			return b, errors.New("QuestDB has no literal for binary strings; bind the value instead")
		}
	}
	return literalStyle(b, v, t)
}
