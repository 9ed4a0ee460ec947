// Package sqlite is the SQLite dialect (3.39 and later). Importing it registers the
// names "sqlite" and "sqlite3". It compiles SQL only and imports no driver; the engine
// pairs it with github.com/mattn/go-sqlite3.
package sqlite

import (
	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/bind"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects"
	"github.com/seed13bb6a42/strata/types"
)

// Name is the dialect's registry name.
const Name = "sqlite"

// TimeLayout is how times are stored as text, the layout go-sqlite3 writes and
// SQLite's date functions read.
const TimeLayout = "2006-01-02 15:04:05.999999999-07:00"

func init() {
	f := func(v string) (*compiler.Dialect, error) { return New(v), nil }
	dialects.Register(Name, f)
	dialects.Register("sqlite3", f)
}

var defaultDialect = New("")

// Dialect returns the SQLite dialect for the newest library versions.
func Dialect() *compiler.Dialect { return defaultDialect }

// New returns the SQLite dialect for a library version such as "3.45.1" ("" for the
// newest). Before 3.35 there is no RETURNING; before 3.39, no RIGHT or FULL JOIN.
func New(version string) *compiler.Dialect {
	v, ok := compiler.ParseVersion(version)
	features := compiler.Returning | compiler.ReturningUpdate | compiler.ReturningDelete |
		compiler.OnConflict | compiler.NullsOrdering | compiler.AggregateFilter |
		compiler.RightJoin | compiler.FullJoin | compiler.WindowFunctions |
		compiler.FrameGroups | compiler.FrameExclude | compiler.IntersectExcept |
		compiler.CTEOnUpdateDelete | compiler.CTEMaterialized | compiler.UpdateFrom |
		compiler.Regexp | compiler.DefaultValues | compiler.ValuesTable |
		compiler.TableFunctions
	if ok && !v.AtLeast(3, 35, 0) {
		features &^= compiler.Returning | compiler.ReturningUpdate | compiler.ReturningDelete |
			compiler.CTEMaterialized
	}
	if ok && !v.AtLeast(3, 39, 0) {
		features &^= compiler.RightJoin | compiler.FullJoin
	}
	d := &compiler.Dialect{
		Name:     Name,
		Rules:    Rules(),
		Features: features | compiler.Savepoints,
		DDL: compiler.ComputedColumns | compiler.ExpressionIndexes | compiler.PartialIndexes |
			compiler.DeferrableFKs | compiler.IfNotExistsIndex | compiler.TransactionalDDL,
		Placeholder: bind.Question,
		QuoteOpen:   '"',
		QuoteClose:  '"',
		MaxParams:   32766,
		Version:     version,
		Target:      types.Target{Dialect: Name, TimeAsText: true, TimeLayout: TimeLayout, NumericAsFloat: true},
		TypeName:    typeName,
		AppendLiteral: compiler.LiteralAppender(compiler.LiteralStyle{
			BoolAsInt: true, TimeLayout: TimeLayout,
		}),
	}
	d.SetReserved(reservedWords)
	return d
}

// typeName spells types for SQLite. Any name is accepted in DDL, but CAST converts by
// type affinity: CAST('2024-01-02' AS TIMESTAMP) would be the number 2024, so times,
// UUIDs and JSON cast to TEXT.
func typeName(t *types.Type, cast bool) (string, error) {
	t = types.Of(t)
	if cast {
		switch t.Kind {
		case types.SmallInt, types.Int, types.BigInt, types.Boolean:
			return "INTEGER", nil
		case types.Float, types.Double:
			return "REAL", nil
		case types.Numeric:
			return "NUMERIC", nil
		case types.Binary:
			return "BLOB", nil
		case types.Unknown, types.Array:
			return compiler.ANSITypeName(t, cast)
		}
		return "TEXT", nil
	}
	switch t.Kind {
	case types.Binary:
		return "BLOB", nil
	case types.Array:
		return "", errArrays
	case types.Timestamp, types.TimestampTZ:
		return "DATETIME", nil
	}
	return compiler.ANSITypeName(t, cast)
}

var errArrays = errorString("SQLite has no array types")

type errorString string

func (e errorString) Error() string { return string(e) }

// Rules returns a new copy of SQLite's rule table.
func Rules() *compiler.Rules {
	r := compiler.ANSIRules()
	r.Wrap(ast.KindBinary, func(next compiler.RenderFunc) compiler.RenderFunc {
		return func(c *compiler.Ctx, n ast.Node) {
			b := n.(*ast.Binary)
			switch b.Op {
			case ast.OpDiv:
				// SQLite divides integers as integers; adding 0.0 makes the divisor real.
				c.Expr(b.L, ast.PrecMultiply)
				c.Write(" / (")
				c.Expr(b.R, ast.PrecAdditive)
				c.Write(" + 0.0)")
			case ast.OpIsDistinct:
				c.BinaryOp(b, "IS NOT")
			case ast.OpIsNotDistinct:
				c.BinaryOp(b, "IS")
			case ast.OpRegexp:
				c.BinaryOp(b, "REGEXP")
			case ast.OpNotRegexp:
				c.BinaryOp(b, "NOT REGEXP")
			case ast.OpBitXor:
				// No XOR operator: a ^ b = (a | b) - (a & b).
				c.Write("((")
				c.Expr(b.L, ast.PrecAtom)
				c.Write(" | ")
				c.Expr(b.R, ast.PrecAtom)
				c.Write(") - (")
				c.Expr(b.L, ast.PrecAtom)
				c.Write(" & ")
				c.Expr(b.R, ast.PrecAtom)
				c.Write("))")
			default:
				next(c, n)
			}
		}
	})
	r.Set(ast.KindExtract, renderExtract)
	r.Set(ast.KindLimit, renderLimit)
	ddlRules(r)
	r.Wrap(ast.KindAlias, func(next compiler.RenderFunc) compiler.RenderFunc {
		return func(c *compiler.Ctx, n ast.Node) {
			a := n.(*ast.Alias)
			switch of := a.Of.(type) {
			case *ast.ValuesList:
				if len(a.Columns) > 0 && !a.Lateral {
					renderNamedValues(c, of, a)
					return
				}
			case *ast.Func:
				if len(a.Columns) > 0 {
					c.Unsupported("column aliases on a table-valued function", "select its columns (value, key, …) by their own names")
					return
				}
			}
			next(c, n)
		}
	})
	r.Wrap(ast.KindInsert, func(next compiler.RenderFunc) compiler.RenderFunc {
		return func(c *compiler.Ctx, n ast.Node) {
			s := n.(ast.InsertStmt)
			p := s.Parts()
			if q, ok := p.Query.(ast.SelectStmt); ok && p.OnConflict != nil && q.Parts().Where == nil {
				// "INSERT … SELECT … ON CONFLICT" is ambiguous to SQLite's parser (is ON
				// a join condition?) unless the SELECT has a WHERE clause.
				n = s.FromQuery(q.Where(ast.True()))
			}
			next(c, n)
		}
	})
	r.SetFunc(ast.FuncNow, compiler.KeywordFunc("CURRENT_TIMESTAMP"))
	r.SetFunc(ast.FuncStringAgg, func(c *compiler.Ctx, f *ast.Func) {
		if f.Distinct {
			// group_concat(DISTINCT x) takes no separator and uses ','.
			if sep, ok := f.Args[1].(*ast.Literal); !ok || sep.Value != "," {
				c.Unsupported("string_agg(DISTINCT …) with a separator other than ','", "")
				return
			}
			g := *f
			g.Args = f.Args[:1]
			c.FuncCall(&g, "group_concat")
			return
		}
		c.FuncCall(f, "group_concat")
	})
	r.SetFunc(ast.FuncPower, func(c *compiler.Ctx, f *ast.Func) {
		c.Unsupported("power()", `SQLite has it only when built with math functions (go-sqlite3 tag sqlite_math_functions); then call ast.NativeFn("power", …)`)
	})
	r.Wrap(ast.KindCast, func(next compiler.RenderFunc) compiler.RenderFunc {
		return func(c *compiler.Ctx, n ast.Node) {
			x := n.(*ast.CastExpr)
			switch x.Type.Kind {
			case types.Boolean:
				compiler.CastToBoolean(c, x)
			case types.Date:
				c.Write("date(") // CAST … AS TEXT would keep the time of day
				c.Expr(x.X, ast.PrecLowest+1)
				c.WriteByte(')')
			case types.Time:
				c.Enclosed("time(", x.X, ")")
			default:
				next(c, n)
			}
		}
	})
	r.SetFunc(ast.FuncRandom, func(c *compiler.Ctx, f *ast.Func) {
		// random() is a 64-bit integer here; scale it into [0, 1) like the others.
		c.Write("(abs(random()) / 9223372036854775808.0)")
	})
	return r
}

// renderNamedValues writes a VALUES list with named columns, which SQLite cannot
// alias directly: (SELECT column1 AS a, column2 AS b FROM (VALUES …)) AS v.
func renderNamedValues(c *compiler.Ctx, v *ast.ValuesList, a *ast.Alias) {
	c.Write("(SELECT ")
	for i, name := range a.Columns {
		if i > 0 {
			c.Write(", ")
		}
		c.Write("column")
		c.Int(i + 1)
		c.Write(" AS ")
		c.Ident(name)
	}
	c.Write(" FROM (")
	c.ValuesRows(v)
	c.Write(")) AS ")
	c.Ident(a.Name)
}

func renderLimit(c *compiler.Ctx, n ast.Node) {
	l := n.(*ast.LimitClause)
	if l.WithTies {
		c.Unsupported("FETCH FIRST … WITH TIES", "")
		return
	}
	c.Write(" LIMIT ")
	if l.Limit != nil {
		c.Expr(l.Limit, ast.PrecAtom)
	} else {
		c.Write("-1") // OFFSET needs a LIMIT; -1 means no limit
	}
	if l.Offset != nil {
		c.Write(" OFFSET ")
		c.Expr(l.Offset, ast.PrecAtom)
	}
}

// renderExtract maps EXTRACT to strftime, which SQLite's text times support.
func renderExtract(c *compiler.Ctx, n ast.Node) {
	x := n.(*ast.ExtractExpr)
	format := map[ast.DatePart]string{
		ast.Year: "%Y", ast.Month: "%m", ast.Day: "%d", ast.Hour: "%H", ast.Minute: "%M",
		ast.Second: "%S", ast.DayOfWeek: "%w", ast.DayOfYear: "%j", ast.Epoch: "%s",
		ast.Week: "%V",
	}
	switch x.Field {
	case ast.Quarter:
		c.Enclosed("((CAST(strftime('%m', ", x.X, ") AS INTEGER) + 2) / 3)")
	case ast.Microsecond:
		// %f is SS.SSS: SQLite keeps milliseconds.
		c.Enclosed("(CAST(substr(strftime('%f', ", x.X, "), 4) AS INTEGER) * 1000)")
	default:
		c.Write("CAST(strftime('")
		c.Write(format[x.Field])
		c.Enclosed("', ", x.X, ") AS INTEGER)")
	}
}
