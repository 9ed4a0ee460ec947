// Package mysql is the MySQL dialect, with MariaDB as a flavour of it. Importing it
// registers the names "mysql" and "mariadb". It compiles SQL only and imports no
// driver; the engine pairs it with github.com/go-sql-driver/mysql.
//
// Syntax that differs by server is chosen from the server version: RETURNING on
// MariaDB 10.5+, the "AS new" upsert row alias on MySQL 8.0.19+, INTERSECT and EXCEPT
// on MySQL 8.0.31+ and MariaDB 10.3+, LATERAL on MySQL 8.0.14+, and so on.
package mysql

import (
	"strconv"
	"strings"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/bind"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects"
	"github.com/seed13bb6a42/strata/types"
)

// The registry names.
const (
	Name        = "mysql"
	MariaDBName = "mariadb"
)

// Default versions, used when none is given.
const (
	DefaultMySQLVersion   = "8.4.0"
	DefaultMariaDBVersion = "10.11.0"
)

func init() {
	dialects.Register(Name, func(v string) (*compiler.Dialect, error) {
		if strings.Contains(v, "MariaDB") {
			return MariaDB(v), nil
		}
		return MySQL(v), nil
	})
	dialects.Register(MariaDBName, func(v string) (*compiler.Dialect, error) { return MariaDB(v), nil })
}

var (
	defaultMySQL   = MySQL("")
	defaultMariaDB = MariaDB("")
)

// Dialect returns the MySQL dialect for DefaultMySQLVersion.
func Dialect() *compiler.Dialect { return defaultMySQL }

// MariaDBDialect returns the MariaDB dialect for DefaultMariaDBVersion.
func MariaDBDialect() *compiler.Dialect { return defaultMariaDB }

const common = compiler.OnDuplicateKey | compiler.RightJoin | compiler.WindowFunctions |
	compiler.ParenSetMembers | compiler.MultiTableUpdate | compiler.MultiTableDelete |
	compiler.DMLOrderLimit | compiler.ForUpdate | compiler.ForShare | compiler.WithRollup |
	compiler.Regexp | compiler.NativeBoolean | compiler.TupleInList | compiler.AnyAllSubquery |
	compiler.DefaultKeyword

// MySQL returns the dialect for a MySQL server version such as "8.0.36".
func MySQL(serverVersion string) *compiler.Dialect {
	if serverVersion == "" {
		serverVersion = DefaultMySQLVersion
	}
	v, _ := compiler.ParseVersion(serverVersion)
	f := common | compiler.CTEOnUpdateDelete
	if v.AtLeast(8, 0, 0) {
		f |= compiler.LockOf | compiler.LockNoWait | compiler.LockSkipLocked
	}
	if v.AtLeast(8, 0, 14) {
		f |= compiler.Lateral
	}
	if v.AtLeast(8, 0, 19) {
		f |= compiler.UpsertRowAlias | compiler.DerivedColumnAliases
	}
	if v.AtLeast(8, 0, 31) {
		f |= compiler.IntersectExcept | compiler.SetOpAll
	}
	d := base(Name, serverVersion, f, mysqlReserved)
	d.DDL = compiler.AlterAddConstraint | compiler.AlterDropConstraint | compiler.InlineComments |
		compiler.ComputedColumns | compiler.OrReplaceView
	if v.AtLeast(8, 0, 13) {
		d.DDL |= compiler.ExpressionIndexes
	}
	d.Rules = rules(false, v)
	return d
}

// MariaDB returns the dialect for a MariaDB server version such as "10.11.6".
func MariaDB(serverVersion string) *compiler.Dialect {
	if serverVersion == "" {
		serverVersion = DefaultMariaDBVersion
	}
	v, _ := compiler.ParseVersion(serverVersion)
	f := common
	if v.AtLeast(10, 0, 5) {
		f |= compiler.ReturningDelete
	}
	if v.AtLeast(10, 3, 0) {
		f |= compiler.IntersectExcept | compiler.LockNoWait | compiler.Sequences
	}
	if v.AtLeast(10, 5, 0) {
		f |= compiler.Returning | compiler.SetOpAll
	}
	if v.AtLeast(10, 6, 0) {
		f |= compiler.LockSkipLocked | compiler.FetchFirst | compiler.FetchWithTies
	}
	d := base(MariaDBName, serverVersion, f, mariadbReserved)
	d.DDL = compiler.AlterAddConstraint | compiler.AlterDropConstraint | compiler.InlineComments |
		compiler.ComputedColumns | compiler.IfNotExistsIndex | compiler.OrReplaceView
	if v.AtLeast(10, 3, 0) {
		d.DDL |= compiler.DDLSequences
	}
	d.Rules = rules(true, v)
	return d
}

func base(name, version string, f compiler.Feature, reserved []string) *compiler.Dialect {
	d := &compiler.Dialect{
		Name:        name,
		Features:    f | compiler.Savepoints,
		Placeholder: bind.Question,
		QuoteOpen:   '`',
		QuoteClose:  '`',
		MaxIdentLen: 64,
		MaxParams:   65535,
		Version:     version,
		Target:      types.Target{Dialect: name, ZeroDate: true},
		TypeName:    typeName(name == MariaDBName),
		AppendLiteral: compiler.LiteralAppender(compiler.LiteralStyle{
			BackslashEscapes: true, NULInStrings: true,
		}),
	}
	d.SetReserved(reserved)
	return d
}

// typeName spells types for MySQL. CAST accepts only a few target names, so the cast
// spelling maps each generic type onto one of them. Times and timestamps, with or
// without a zone (MySQL has none), are TIME(n) and DATETIME(n) in DDL and CAST alike,
// n their fractionalDigits.
func typeName(mariadb bool) func(*types.Type, bool) (string, error) {
	return func(t *types.Type, cast bool) (string, error) {
		t = types.Of(t)
		if cast {
			switch t.Kind {
			case types.SmallInt, types.Int, types.BigInt, types.Boolean:
				return "SIGNED", nil
			case types.Float:
				return "FLOAT", nil
			case types.Double:
				return "DOUBLE", nil
			case types.Numeric:
				if t.Precision > 0 {
					return "DECIMAL(" + strconv.Itoa(t.Precision) + ", " + strconv.Itoa(t.Scale) + ")", nil
				}
				return "DECIMAL(65, 30)", nil
			case types.VarChar, types.Char:
				if t.Length > 0 {
					return "CHAR(" + strconv.Itoa(t.Length) + ")", nil
				}
				return "CHAR", nil
			case types.TextKind, types.EnumKind, types.UUID:
				return "CHAR", nil
			case types.Date:
				return "DATE", nil
			case types.Time, types.TimeTZ:
				return "TIME(" + strconv.Itoa(fractionalDigits(t)) + ")", nil
			case types.Timestamp, types.TimestampTZ:
				return "DATETIME(" + strconv.Itoa(fractionalDigits(t)) + ")", nil
			case types.Binary:
				return "BINARY", nil
			case types.JSON:
				if mariadb {
					return "CHAR", nil
				}
				return "JSON", nil
			}
			return "", errorString("MySQL cannot CAST to " + t.String())
		}
		switch t.Kind {
		case types.SmallInt:
			return "SMALLINT", nil
		case types.Int:
			return "INT", nil
		case types.Double:
			return "DOUBLE", nil
		case types.Float:
			return "FLOAT", nil
		case types.Numeric:
			if t.Precision > 0 {
				return "DECIMAL(" + strconv.Itoa(t.Precision) + ", " + strconv.Itoa(t.Scale) + ")", nil
			}
			return "DECIMAL(65, 30)", nil
		case types.Boolean:
			return "BOOL", nil
		case types.VarChar:
			if t.Length > 0 {
				return "VARCHAR(" + strconv.Itoa(t.Length) + ")", nil
			}
			return "TEXT", nil
		case types.TextKind:
			return "LONGTEXT", nil // TEXT holds 64 KiB; the generic Text is unbounded
		case types.Time, types.TimeTZ:
			return "TIME(" + strconv.Itoa(fractionalDigits(t)) + ")", nil
		case types.Timestamp, types.TimestampTZ:
			return "DATETIME(" + strconv.Itoa(fractionalDigits(t)) + ")", nil
		case types.Binary:
			if t.Length > 0 {
				return "VARBINARY(" + strconv.Itoa(t.Length) + ")", nil
			}
			return "LONGBLOB", nil
		case types.JSON:
			return "JSON", nil
		case types.UUID:
			return "CHAR(36)", nil
		case types.EnumKind:
			var sb strings.Builder
			sb.WriteString("ENUM(")
			for i, v := range t.Values {
				if i > 0 {
					sb.WriteString(", ")
				}
				sb.WriteString("'" + strings.ReplaceAll(strings.ReplaceAll(v, `\`, `\\`), "'", "''") + "'")
			}
			sb.WriteString(")")
			return sb.String(), nil
		case types.Interval, types.Array:
			return "", errorString("MySQL has no " + t.Kind.String() + " type")
		}
		return compiler.ANSITypeName(t, cast)
	}
}

// fractionalDigits returns the fractional-second digits of a time or timestamp type
// as MySQL declares them, TIME(n) and DATETIME(n): the type's Precision; 6 when it is
// unspecified (-1), so that times keep microseconds, not MySQL's default of whole
// seconds; and 6 for a larger precision, MySQL's maximum. MySQL refuses TIME(7), but
// PostgreSQL, whose maximum is 6 as well, reduces it to 6: one declaration serves both.
func fractionalDigits(t *types.Type) int {
	if t.Precision < 0 || t.Precision > 6 {
		return 6
	}
	return t.Precision
}

type errorString string

func (e errorString) Error() string { return string(e) }

func rules(mariadb bool, v compiler.Version) *compiler.Rules {
	r := compiler.ANSIRules()
	r.Wrap(ast.KindBinary, func(next compiler.RenderFunc) compiler.RenderFunc {
		return func(c *compiler.Ctx, n ast.Node) {
			b := n.(*ast.Binary)
			switch b.Op {
			case ast.OpConcat:
				// || is OR unless sql_mode has PIPES_AS_CONCAT; CONCAT() always works.
				c.Write("concat(")
				writeConcatArgs(c, b)
				c.WriteByte(')')
			case ast.OpDiv:
				c.BinaryOp(b, "/") // MySQL's / always divides exactly
			case ast.OpIntDiv:
				c.BinaryOp(b, "DIV")
			case ast.OpBitXor:
				c.BinaryOp(b, "^")
			case ast.OpIsNotDistinct:
				c.BinaryOp(b, "<=>")
			case ast.OpIsDistinct:
				// NOT binds looser than comparisons, so parenthesise the whole.
				c.Write("(NOT (")
				c.BinaryOp(b, "<=>")
				c.Write("))")
			case ast.OpRegexp:
				c.BinaryOp(b, "REGEXP")
			case ast.OpNotRegexp:
				c.BinaryOp(b, "NOT REGEXP")
			default:
				next(c, n)
			}
		}
	})
	r.Set(ast.KindExtract, renderExtract)
	ddlRules(r, mariadb, v)
	// MySQL refuses LIMIT in a subquery under IN, ANY, ALL or SOME (error 1235) but
	// accepts it in a derived table: IN (SELECT * FROM (… LIMIT n) AS limited).
	r.Wrap(ast.KindIn, func(next compiler.RenderFunc) compiler.RenderFunc {
		return func(c *compiler.Ctx, n ast.Node) {
			in := n.(*ast.InExpr)
			if in.Query == nil || !hasLimit(in.Query) {
				next(c, n)
				return
			}
			c.Expr(in.X, ast.PrecComparison+1)
			if in.Not {
				c.Write(" NOT")
			}
			c.Write(" IN ")
			limitedSubquery(c, in.Query)
		}
	})
	r.Wrap(ast.KindQuantified, func(next compiler.RenderFunc) compiler.RenderFunc {
		return func(c *compiler.Ctx, n ast.Node) {
			q := n.(*ast.Quantified)
			if !hasLimit(q.Query) {
				next(c, n)
				return
			}
			c.Write(q.Op.String())
			c.WriteByte(' ')
			limitedSubquery(c, q.Query)
		}
	})
	r.Wrap(ast.KindUnary, func(next compiler.RenderFunc) compiler.RenderFunc {
		return func(c *compiler.Ctx, n ast.Node) {
			if u := n.(*ast.Unary); u.Op == ast.OpBitNot {
				// ~ yields an unsigned 64-bit value here; other databases keep the sign.
				c.Write("CAST(~")
				c.Expr(u.X, ast.PrecUnary+1)
				c.Write(" AS SIGNED)")
				return
			}
			next(c, n)
		}
	})
	r.Wrap(ast.KindCast, func(next compiler.RenderFunc) compiler.RenderFunc {
		return func(c *compiler.Ctx, n ast.Node) {
			if x := n.(*ast.CastExpr); x.Type.Kind == types.Boolean {
				compiler.CastToBoolean(c, x)
				return
			}
			next(c, n)
		}
	})
	r.Set(ast.KindLimit, func(c *compiler.Ctx, n ast.Node) {
		renderLimit(c, n.(*ast.LimitClause), mariadb && v.AtLeast(10, 6, 0))
	})
	if mariadb {
		r.Set(ast.KindLock, renderMariaDBLock)
	}
	r.Set(ast.KindOnConflict, renderOnDuplicateKey)
	r.Set(ast.KindExcluded, renderExcluded)
	r.Set(ast.KindInsert, renderInsert)
	r.Set(ast.KindUpdate, renderUpdate)
	r.Set(ast.KindDelete, renderDelete)
	r.Wrap(ast.KindSelect, func(next compiler.RenderFunc) compiler.RenderFunc {
		return func(c *compiler.Ctx, n ast.Node) {
			if mariadb {
				p := n.(ast.SelectStmt).Parts()
				if len(p.OrderBy) > 0 && hasRollup(p.GroupBy) {
					// MariaDB: "Incorrect usage of CUBE/ROLLUP and ORDER BY" (MySQL ≥ 8.0.12 allows it).
					c.Unsupported("ORDER BY with GROUP BY … WITH ROLLUP", "order a derived table of the rolled-up query")
					return
				}
			}
			c.SetFromDual(true)
			next(c, n)
		}
	})
	r.Wrap(ast.KindAlias, func(next compiler.RenderFunc) compiler.RenderFunc {
		return func(c *compiler.Ctx, n ast.Node) {
			if a := n.(*ast.Alias); !a.Lateral {
				if vals, ok := a.Of.(*ast.ValuesList); ok {
					renderValuesAsUnion(c, vals, a)
					return
				}
			}
			next(c, n)
		}
	})
	r.SetFunc(ast.FuncLength, compiler.RenamedFunc("char_length")) // length() counts bytes here
	r.SetFunc(ast.FuncRandom, compiler.RenamedFunc("rand"))
	r.SetFunc(ast.FuncNow, compiler.KeywordFunc("CURRENT_TIMESTAMP(6)"))
	r.SetFunc(ast.FuncStringAgg, func(c *compiler.Ctx, f *ast.Func) {
		if len(f.Args) != 2 || f.Window != nil {
			c.Unsupported("string_agg with OVER", "")
			return
		}
		c.Write("group_concat(")
		if f.Distinct {
			c.Write("DISTINCT ")
		}
		x := f.Args[0]
		if f.Filter != nil { // FILTER emulated as for the other aggregates
			x = ast.Case(ast.When{Cond: f.Filter, Result: x})
		}
		c.Expr(x, ast.PrecLowest+1)
		c.Enclosed(" SEPARATOR ", f.Args[1], ")")
	})
	return r
}

func hasLimit(s ast.Stmt) bool {
	switch x := s.(type) {
	case ast.SelectStmt:
		return x.Parts().Limit != nil
	case ast.CompoundStmt:
		return x.Parts().Limit != nil
	}
	return false
}

func limitedSubquery(c *compiler.Ctx, s ast.Stmt) {
	c.Write("(SELECT * FROM ")
	c.ExprSubquery(s)
	c.Write(" AS limited)")
}

func hasRollup(group []ast.Expr) bool {
	for _, g := range group {
		if gs, ok := g.(*ast.GroupingSet); ok && gs.Op == ast.GroupRollup {
			return true
		}
	}
	return false
}

// writeConcatArgs flattens a chain of concatenations into concat()'s argument list.
func writeConcatArgs(c *compiler.Ctx, b *ast.Binary) {
	if l, ok := b.L.(*ast.Binary); ok && l.Op == ast.OpConcat {
		writeConcatArgs(c, l)
	} else {
		c.Expr(b.L, ast.PrecLowest+1)
	}
	c.Write(", ")
	c.Expr(b.R, ast.PrecLowest+1)
}

func renderExtract(c *compiler.Ctx, n ast.Node) {
	x := n.(*ast.ExtractExpr)
	switch x.Field {
	case ast.DayOfWeek:
		c.Enclosed("(DAYOFWEEK(", x.X, ") - 1)")
	case ast.DayOfYear:
		c.Enclosed("DAYOFYEAR(", x.X, ")")
	case ast.Epoch:
		c.Enclosed("FLOOR(UNIX_TIMESTAMP(", x.X, "))")
	case ast.Week:
		c.Write("WEEK(") // mode 3: ISO 8601 weeks, as the other dialects count them
		c.Expr(x.X, ast.PrecLowest+1)
		c.Write(", 3)")
	default:
		c.Write("EXTRACT(")
		c.Write(string(x.Field))
		c.Enclosed(" FROM ", x.X, ")")
	}
}

func renderLimit(c *compiler.Ctx, l *ast.LimitClause, fetch bool) {
	if l.Fetch && fetch {
		compiler.RenderLimit(c, l)
		return
	}
	if l.WithTies {
		c.Unsupported("FETCH FIRST … WITH TIES", "")
		return
	}
	c.Write(" LIMIT ")
	if l.Limit != nil {
		c.Expr(l.Limit, ast.PrecAtom)
	} else {
		c.Write("18446744073709551615") // OFFSET needs a LIMIT: the largest row count
	}
	if l.Offset != nil {
		c.Write(" OFFSET ")
		c.Expr(l.Offset, ast.PrecAtom)
	}
}

// renderMariaDBLock spells FOR SHARE as MariaDB's LOCK IN SHARE MODE.
func renderMariaDBLock(c *compiler.Ctx, n ast.Node) {
	l := n.(*ast.Lock)
	if l.Strength == ast.ForShare {
		c.Write(" LOCK IN SHARE MODE")
		c.LockTail(l)
		return
	}
	compiler.RenderLock(c, n)
}

// renderValuesAsUnion writes a named VALUES list as SELECTs joined by UNION ALL:
// MySQL's VALUES ROW(…) and MariaDB's VALUES name their columns differently, and
// neither takes a column list everywhere.
func renderValuesAsUnion(c *compiler.Ctx, v *ast.ValuesList, a *ast.Alias) {
	if err := v.Validate(); err != nil {
		c.Failf("%v", err)
		return
	}
	if len(a.Columns) != len(v.Rows[0]) {
		c.Failf("VALUES %s has %d columns but %d column names", a.Name, len(v.Rows[0]), len(a.Columns))
		return
	}
	c.WriteByte('(')
	for i, row := range v.Rows {
		if i > 0 {
			c.Write(" UNION ALL ")
		}
		c.Write("SELECT ")
		for j, e := range row {
			if j > 0 {
				c.Write(", ")
			}
			c.Expr(e, ast.PrecLowest+1)
			if i == 0 {
				c.Write(" AS ")
				c.Ident(a.Columns[j])
			}
		}
	}
	c.Write(") AS ")
	c.Ident(a.Name)
}
