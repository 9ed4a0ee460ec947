// Package customdialect extends Strata from outside its core: it defines a dialect,
// redshiftish, derived from PostgreSQL's, and two node types with per-dialect rules.
//
// Redshiftish is a made-up member of the PostgreSQL family, loosely modelled on
// Amazon Redshift: no aggregate FILTER (it is emulated), no DISTINCT ON or FETCH
// FIRST, identifiers up to 127 bytes, more reserved words and a few other spellings.
// Everything it writes is also valid PostgreSQL, so its tests run it on a PostgreSQL
// server. Importing the package registers it under the name "redshiftish":
//
//	import _ "github.com/seed13bb6a42/strata/examples/customdialect"
//
//	d, err := dialects.Lookup("redshiftish")
//
// docs/custom-dialect.md walks through this package.
package customdialect

import (
	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects"
	"github.com/seed13bb6a42/strata/dialects/postgres"
)

// Name is the dialect's registry name.
const Name = "redshiftish"

func init() {
	dialects.Register(Name, func(v string) (*compiler.Dialect, error) { return New(v), nil })
}

var defaultDialect = New("")

// Dialect returns the redshiftish dialect for the newest server versions.
func Dialect() *compiler.Dialect { return defaultDialect }

// missing are the PostgreSQL features redshiftish lacks. Rules read the flags: FILTER
// becomes CASE inside the aggregate, the others become an *UnsupportedError.
const missing = compiler.AggregateFilter | compiler.DistinctOn |
	compiler.FetchFirst | compiler.FetchWithTies

// New returns the redshiftish dialect for a server version ("" for the newest). The
// version is read as PostgreSQL's, whose features redshiftish starts from.
func New(serverVersion string) *compiler.Dialect {
	d := postgres.New(serverVersion) // a new value each call: ours to change
	d.Name = Name
	d.Target.Dialect = Name
	d.Features &^= missing
	d.MaxIdentLen = 127 // PostgreSQL truncates past 63 bytes, but accepts the name
	d.Rules = Rules()
	d.SetReserved(reservedWords)
	return d
}

// Rules returns a new copy of redshiftish's rule table: PostgreSQL's with a few
// overrides.
func Rules() *compiler.Rules {
	r := postgres.Rules()
	r.Wrap(ast.KindLike, func(next compiler.RenderFunc) compiler.RenderFunc {
		return func(c *compiler.Ctx, n ast.Node) {
			l := n.(*ast.LikeExpr)
			if !l.Fold || l.Escape != "" {
				next(c, n) // LIKE, and ILIKE … ESCAPE, which has no operator form
				return
			}
			// ILIKE as the operator PostgreSQL's deparser prints for it (~~*). Operator
			// precedence differs from ILIKE's, so both operands are parenthesised unless
			// atomic.
			c.Expr(l.X, ast.PrecAtom)
			if l.Not {
				c.Write(" !~~* ")
			} else {
				c.Write(" ~~* ")
			}
			c.Expr(l.Pattern, ast.PrecAtom)
		}
	})
	r.Wrap(ast.KindLimit, func(next compiler.RenderFunc) compiler.RenderFunc {
		return func(c *compiler.Ctx, n ast.Node) {
			l := n.(*ast.LimitClause)
			if !l.Fetch || c.Has(compiler.FetchFirst) {
				next(c, n)
				return
			}
			if l.WithTies {
				c.Unsupported("FETCH FIRST … WITH TIES", "order by a rank() in a subquery and filter on it")
				return
			}
			// No FETCH FIRST: the same rows as LIMIT … OFFSET.
			next(c, &ast.LimitClause{Limit: l.Limit, Offset: l.Offset})
		}
	})
	// Redshift would want GETDATE(), which PostgreSQL lacks; transaction_timestamp()
	// is the name PostgreSQL documents for now()'s clock.
	r.SetFunc(ast.FuncNow, compiler.RenamedFunc("transaction_timestamp"))
	r.Set(KindJSONGet, renderJSONExtractPath)
	return r
}

// Extend returns a copy of d with this package's rules for the built-in dialects that
// spell its node types differently: SQLite's GREATEST is max, and SQLite, MySQL and
// MariaDB follow JSON paths rather than keys. The registry's dialects are shared
// values that must not change, so a program that uses these node types there
// compiles with the copy.
func Extend(d *compiler.Dialect) *compiler.Dialect {
	d = d.Clone()
	for k, f := range builtinRules[d.Name] {
		d.Rules.Set(k, f)
	}
	return d
}

// builtinRules are this package's node rules for built-in dialects, by dialect name.
// Dialects not listed render the nodes through their Render methods.
var builtinRules = map[string]map[ast.Kind]compiler.RenderFunc{
	"sqlite":  {KindGreatest: renderGreatestAsMax, KindJSONGet: renderJSONGetSQLite},
	"mysql":   {KindJSONGet: renderJSONGetMySQL},
	"mariadb": {KindJSONGet: renderJSONGetMySQL},
}
