// Package postgres is the PostgreSQL dialect. Importing it registers the names
// "postgres" and "postgresql". It compiles SQL only and imports no driver; the engine
// pairs it with github.com/lib/pq.
package postgres

import (
	"strings"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/bind"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects"
	"github.com/seed13bb6a42/strata/types"
)

// Name is the dialect's registry name.
const Name = "postgres"

func init() {
	f := func(v string) (*compiler.Dialect, error) { return New(v), nil }
	dialects.Register(Name, f)
	dialects.Register("postgresql", f)
}

var defaultDialect = New("")

// Dialect returns the PostgreSQL dialect for the newest server versions.
func Dialect() *compiler.Dialect { return defaultDialect }

// New returns the PostgreSQL dialect for a server version such as "16.4" ("" for the
// newest). Versions before 12 lose [NOT] MATERIALIZED CTEs and generated columns
// (compiler.ComputedColumns); before 13, FETCH … WITH TIES.
func New(serverVersion string) *compiler.Dialect {
	v, ok := compiler.ParseVersion(serverVersion)
	features := compiler.Returning | compiler.ReturningUpdate | compiler.ReturningDelete |
		compiler.OnConflict | compiler.OnConflictConstraint | compiler.ILike |
		compiler.NullsOrdering | compiler.AggregateFilter | compiler.DistinctOn |
		compiler.RightJoin | compiler.FullJoin | compiler.Lateral | compiler.WindowFunctions |
		compiler.FrameGroups | compiler.FrameExclude | compiler.IntersectExcept |
		compiler.SetOpAll | compiler.ParenSetMembers | compiler.DataModifyingCTE |
		compiler.CTEOnUpdateDelete | compiler.CTEMaterialized | compiler.UpdateFrom |
		compiler.DeleteUsing | compiler.ForUpdate | compiler.ForShare | compiler.ForKeyLocks |
		compiler.LockOf | compiler.LockNoWait | compiler.LockSkipLocked | compiler.Rollup |
		compiler.Cube | compiler.GroupingSets | compiler.WithinGroup | compiler.Regexp |
		compiler.RegexpFold | compiler.IsDistinctFrom | compiler.FetchFirst |
		compiler.FetchWithTies | compiler.NativeBoolean | compiler.DefaultValues |
		compiler.ValuesTable | compiler.TableFunctions | compiler.TupleInList |
		compiler.AnyAllSubquery | compiler.DerivedColumnAliases | compiler.Sequences |
		compiler.DefaultKeyword
	if ok && !v.AtLeast(12, 0, 0) {
		features &^= compiler.CTEMaterialized
	}
	if ok && !v.AtLeast(13, 0, 0) {
		features &^= compiler.FetchWithTies
	}
	ddl := compiler.AlterAddConstraint | compiler.AlterDropConstraint | compiler.CommentOn |
		compiler.NamedEnums | compiler.IdentityColumns | compiler.ComputedColumns |
		compiler.ExpressionIndexes | compiler.PartialIndexes | compiler.DeferrableFKs |
		compiler.IfNotExistsIndex | compiler.TransactionalDDL | compiler.DDLSequences |
		compiler.OrReplaceView
	if ok && !v.AtLeast(12, 0, 0) {
		ddl &^= compiler.ComputedColumns // GENERATED ALWAYS AS (expr) STORED came in PostgreSQL 12
	}
	d := &compiler.Dialect{
		Name:        Name,
		Rules:       Rules(),
		Features:    features | compiler.Savepoints,
		DDL:         ddl,
		Placeholder: bind.Dollar,
		QuoteOpen:   '"',
		QuoteClose:  '"',
		FoldsCase:   true,
		MaxIdentLen: 63,
		MaxParams:   65535,
		Version:     serverVersion,
		Target: types.Target{
			Dialect: Name, NativeBool: true, NativeUUID: true, NativeJSON: true,
			NativeArrays: true, NaN: true,
		},
		TypeName: TypeName,
		AppendLiteral: compiler.LiteralAppender(compiler.LiteralStyle{
			BytesHex: `'\x`, BytesSuffix: "'::bytea", NaN: true,
		}),
	}
	d.SetReserved(reservedWords)
	return d
}

// TypeName spells types for PostgreSQL, in DDL and CAST alike: the ANSI names, but
// JSONB for types.JSONType. jsonb is the JSON type to use on PostgreSQL: it can be
// indexed (GIN), compared with = and queried with containment operators, where json
// only keeps the text; CAST(x AS JSONB) gives values that compare with jsonb columns.
// Reflection maps json and jsonb alike back to types.JSONType, so a json column
// created by hand is created again as jsonb.
func TypeName(t *types.Type, cast bool) (string, error) {
	switch t = types.Of(t); {
	case t.Kind == types.JSON:
		return "JSONB", nil
	case t.Kind == types.Array && t.Elem != nil && types.Of(t.Elem).Kind == types.JSON:
		return "JSONB[]", nil
	case cast && t.Kind == types.EnumKind && t.Name != "":
		// A cast names the enum type itself (VARCHAR(n) would truncate and would not
		// compare with the enum column); quoted, which matches how DDL names it.
		return quoteName(t.Name), nil
	case cast && t.Kind == types.Array && t.Elem != nil && t.Elem.Kind == types.EnumKind && t.Elem.Name != "":
		return quoteName(t.Elem.Name) + "[]", nil
	}
	return compiler.ANSITypeName(t, cast)
}

// quoteName double-quotes an identifier. Quoting a name that needs none gives the
// same object, so casts can always quote.
func quoteName(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// Rules returns a new copy of PostgreSQL's rule table, for dialects of the
// PostgreSQL family (YugabyteDB) to derive theirs from.
func Rules() *compiler.Rules {
	r := compiler.ANSIRules()
	r.Wrap(ast.KindBinary, func(next compiler.RenderFunc) compiler.RenderFunc {
		return func(c *compiler.Ctx, n ast.Node) {
			b := n.(*ast.Binary)
			switch {
			case b.Op == ast.OpIntDiv:
				// div() truncates toward zero; it takes numeric only, so floats are cast.
				c.Write("div(")
				numericArg(c, b.L)
				c.Write(", ")
				numericArg(c, b.R)
				c.WriteByte(')')
			case b.Op == ast.OpMod && (isFloat(b.L) || isFloat(b.R)):
				// % is not defined for double precision; mod() on numeric is.
				c.Write("mod(")
				numericArg(c, b.L)
				c.Write(", ")
				numericArg(c, b.R)
				c.WriteByte(')')
			default:
				next(c, n)
			}
		}
	})
	r.Set(ast.KindExtract, renderExtract)
	r.Set(ast.KindParam, renderParam)
	ddlRules(r)
	r.SetFunc(ast.FuncRound, func(c *compiler.Ctx, f *ast.Func) {
		if len(f.Args) != 2 || !isFloat(f.Args[0]) {
			c.FuncCall(f, "round")
			return
		}
		// round(double precision, integer) does not exist; round(numeric, integer) does.
		g := *f
		g.Args = []ast.Expr{&ast.CastExpr{X: f.Args[0], Type: types.Decimal(0, 0)}, f.Args[1]}
		c.FuncCall(&g, "round")
	})
	return r
}

func isFloat(e ast.Expr) bool {
	t := ast.TypeOf(e)
	return t != nil && (t.Kind == types.Float || t.Kind == types.Double)
}

// numericArg renders e, cast to numeric when it is a float.
func numericArg(c *compiler.Ctx, e ast.Expr) {
	if isFloat(e) {
		c.Enclosed("CAST(", e, " AS NUMERIC)")
		return
	}
	c.Expr(e, ast.PrecLowest+1)
}

// renderParam casts a typed parameter where PostgreSQL cannot infer its type (see
// Ctx.InUntypedContext): SELECT $1 would be text, generate_series($1, $2) ambiguous,
// and VALUES ($1) of unknown type in a join.
func renderParam(c *compiler.Ctx, n ast.Node) {
	p := n.(*ast.BindParam)
	untyped := c.InUntypedContext() && c.Flags()&compiler.InlineLiterals == 0 // literals carry their type
	c.Param(p)
	if untyped && !p.Expanding {
		if name := bindType(p.Type); name != "" {
			c.Write("::")
			c.Write(name)
		}
	}
}

// bindType names the base type of a parameter cast: no lengths, which would truncate.
func bindType(t *types.Type) string {
	if t == nil {
		return ""
	}
	switch t.Kind {
	case types.SmallInt:
		return "smallint"
	case types.Int:
		return "integer"
	case types.BigInt:
		return "bigint"
	case types.Float:
		return "real"
	case types.Double:
		return "double precision"
	case types.Numeric:
		return "numeric"
	case types.Boolean:
		return "boolean"
	case types.VarChar, types.Char, types.TextKind, types.EnumKind:
		return "text"
	case types.Date:
		return "date"
	case types.Time:
		return "time"
	case types.TimeTZ:
		return "timetz"
	case types.Timestamp:
		return "timestamp"
	case types.TimestampTZ:
		return "timestamptz"
	case types.Interval:
		return "interval"
	case types.Binary:
		return "bytea"
	case types.JSON:
		return "json"
	case types.UUID:
		return "uuid"
	case types.Array:
		if e := bindType(t.Elem); e != "" {
			return e + "[]"
		}
	}
	return ""
}

// renderExtract gives every date part the integer meaning the other dialects have:
// PostgreSQL's EXTRACT returns numeric and counts fractional seconds.
func renderExtract(c *compiler.Ctx, n ast.Node) {
	x := n.(*ast.ExtractExpr)
	switch x.Field {
	case ast.Second:
		c.Enclosed("CAST(FLOOR(EXTRACT(SECOND FROM ", x.X, ")) AS INTEGER)")
	case ast.Epoch:
		c.Enclosed("CAST(FLOOR(EXTRACT(EPOCH FROM ", x.X, ")) AS BIGINT)")
	case ast.Microsecond:
		c.Enclosed("(CAST(EXTRACT(MICROSECONDS FROM ", x.X, ") AS INTEGER) % 1000000)")
	default:
		c.Write("CAST(EXTRACT(")
		c.Write(string(x.Field))
		c.Enclosed(" FROM ", x.X, ") AS INTEGER)")
	}
}
