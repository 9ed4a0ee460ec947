// Package customdialect extends Strata from outside its core: it defines a dialect,
// redshiftish, derived from PostgreSQL's, and two node types with per-dialect rules.
//
// Redshiftish is a made-up member of the PostgreSQL family, loosely modelled on
// Amazon Redshift: no aggregate FILTER (it is emulated), no DISTINCT ON, FETCH FIRST
// (it is written as LIMIT), RETURNING or ON CONFLICT, identifiers up to 127 bytes,
// more reserved words and a few other spellings. Everything it writes is also valid
// PostgreSQL, so its tests run it on a PostgreSQL server. Importing the package
// registers it under the name "redshiftish", and registers the SQLite, MySQL and
// MariaDB spellings of its nodes for the built-in dialects of those names:
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
	"github.com/seed13bb6a42/strata/types"
)

// Name is the dialect's registry name.
const Name = "redshiftish"

func init() {
	dialects.Register(Name, func(v string) (*compiler.Dialect, error) { return New(v), nil })

	// The built-in dialects whose spelling differs from the nodes' Render methods:
	// SQLite has no GREATEST but a many-argument max, and SQLite, MySQL and MariaDB
	// follow JSON paths rather than keys. Registered by name, the rules reach
	// sqlite.Dialect() and every dialect the registry builds for these names.
	compiler.RegisterRule("sqlite", KindGreatest, renderGreatestAsMax)
	compiler.RegisterRule("sqlite", KindJSONGet, renderJSONGetSQLite)
	compiler.RegisterRule("mysql", KindJSONGet, renderJSONGetMySQL)
	compiler.RegisterRule("mariadb", KindJSONGet, renderJSONGetMySQL)
}

var defaultDialect = New("")

// Dialect returns the redshiftish dialect for the newest server versions.
func Dialect() *compiler.Dialect { return defaultDialect }

// missing are the PostgreSQL features redshiftish lacks. Rules read the flags: FILTER
// becomes CASE inside the aggregate, FETCH FIRST becomes LIMIT, the others become an
// *UnsupportedError.
const missing = compiler.AggregateFilter | compiler.DistinctOn |
	compiler.FetchFirst | compiler.FetchWithTies |
	compiler.Returning | compiler.ReturningUpdate | compiler.ReturningDelete |
	compiler.DataModifyingCTE | compiler.OnConflict | compiler.OnConflictConstraint

// New returns the redshiftish dialect for a server version ("" for the newest). The
// version is read as PostgreSQL's, whose features redshiftish starts from.
func New(serverVersion string) *compiler.Dialect {
	d := postgres.New(serverVersion) // a new value each call: ours to change
	d.Name = Name
	d.Target.Dialect = Name
	d.Features &^= missing
	d.MaxIdentLen = 127 // PostgreSQL truncates past 63 bytes, but accepts the name
	d.TypeName = typeName
	d.Rules = Rules()
	d.AddReserved(redshiftReserved...) // to PostgreSQL's, which output must keep quoting
	return d
}

// typeName spells types as PostgreSQL does, but JSON as JSON, not JSONB: redshiftish
// has no jsonb, and json_extract_path_text, JSONGet's spelling here, takes json.
func typeName(t *types.Type, cast bool) (string, error) {
	if types.Of(t).Kind == types.JSON {
		return "JSON", nil
	}
	return postgres.TypeName(t, cast)
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
	// Redshift would want GETDATE(), which PostgreSQL lacks; transaction_timestamp()
	// is the name PostgreSQL documents for now()'s clock.
	r.SetFunc(ast.FuncNow, compiler.RenamedFunc("transaction_timestamp"))
	r.Set(KindJSONGet, renderJSONExtractPath)
	return r
}
