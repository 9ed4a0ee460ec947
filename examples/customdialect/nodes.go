package customdialect

import (
	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/types"
)

// The kinds of this package's nodes. Compilers find a dialect's rule for a node by its
// kind; the names are prefixed with the package's to stay unique.
var (
	KindGreatest = ast.MustNewKind("customdialect.greatest")
	KindJSONGet  = ast.MustNewKind("customdialect.json_get")
)

// A Greatest node represents GREATEST(x, y, …), the largest of its arguments. NULL
// arguments are handled as the database does: PostgreSQL skips them, MySQL and
// SQLite return NULL.
type Greatest struct {
	ast.Custom
	Args []ast.Expr // two or more
}

// GreatestOf returns GREATEST(first, second, more…). Arguments are taken as the
// built-in constructors take them (see ast.ExprOf): an expression as it is, a Go nil
// as NULL, a statement as a scalar subquery and any other Go value as a bind
// parameter. Parameters take the type of the first expression argument whose type is
// known, so that GreatestOf(price, 10) binds 10 as price's type; with none, each is
// typed after its Go value.
func GreatestOf(first, second any, more ...any) *Greatest {
	vals := make([]any, 0, 2+len(more))
	vals = append(append(vals, first, second), more...)
	args := make([]ast.Expr, len(vals))
	var hint *types.Type
	for i, v := range vals {
		args[i] = ast.ExprOf(v)
		if hint == nil && !isGoValue(v, args[i]) {
			hint = ast.TypeOf(args[i])
		}
	}
	if hint != nil {
		for i, v := range vals {
			if isGoValue(v, args[i]) {
				args[i] = ast.TypedParam(v, hint)
			}
		}
	}
	return &Greatest{Custom: ast.Custom{K: KindGreatest}, Args: args}
}

// isGoValue reports whether ast.ExprOf made e a bind parameter for the Go value v.
func isGoValue(v any, e ast.Expr) bool {
	p, ok := e.(*ast.BindParam)
	return ok && any(p) != v
}

// Children returns the arguments (nil ones left out), so that FROM inference and
// other tree walks see the columns inside (the ast.Parent interface).
func (g *Greatest) Children() []ast.Node { return children(g.Args...) }

// ResultType is the type of the first argument, which the others are compared with,
// or of the first whose type is known when it has none (a NULL, an untyped
// parameter). It makes Greatest an ast.ResultTyper: ast.TypeOf reports the type,
// labels over a Greatest carry it, and Go values compared with it take it.
func (g *Greatest) ResultType() *types.Type {
	for _, a := range g.Args {
		if t := ast.TypeOf(a); t != nil {
			return t
		}
	}
	return nil
}

// Render writes the spelling most databases share. It is the rule of every dialect
// that installs none for KindGreatest; the arguments go through c.List, so each is
// rendered by the dialect's own rules.
func (g *Greatest) Render(c *compiler.Ctx) {
	if !g.valid(c) {
		return
	}
	c.Write("GREATEST(")
	c.List(g.Args)
	c.Write(")")
}

func (g *Greatest) valid(c *compiler.Ctx) bool {
	if len(g.Args) < 2 {
		c.Failf("GREATEST needs two or more arguments, not %d", len(g.Args))
		return false
	}
	return true
}

// renderGreatestAsMax is SQLite's rule: max() with two or more arguments is its
// scalar GREATEST (with one, max would be the aggregate).
func renderGreatestAsMax(c *compiler.Ctx, n ast.Node) {
	g := n.(*Greatest)
	if !g.valid(c) {
		return
	}
	c.Write("max(")
	c.List(g.Args)
	c.Write(")")
}

// A JSONGet node represents x -> 'k1' -> … ->> 'kn': the member of the JSON object x
// found by following the keys, as text (NULL when a key is absent).
type JSONGet struct {
	ast.Custom
	X    ast.Expr // a JSON document
	Path []string // object keys, outermost first; at least one
}

// JSONGetOf returns the text of x's member key, or of a nested member when more keys
// follow.
func JSONGetOf(x ast.Expr, key string, more ...string) *JSONGet {
	path := make([]string, 0, 1+len(more))
	path = append(append(path, key), more...)
	return &JSONGet{Custom: ast.Custom{K: KindJSONGet}, X: x, Path: path}
}

// Children returns the document, so that tree walks see the columns inside.
func (j *JSONGet) Children() []ast.Node { return children(j.X) }

// ResultType is text, what PostgreSQL's ->>, json_extract_path_text and MySQL's
// JSON_UNQUOTE return. (SQLite's ->> returns a JSON number as a number, which the
// text type reads as its digits.)
func (*JSONGet) ResultType() *types.Type { return types.Text }

// Render writes PostgreSQL's operator form, which SQLite (3.38 and later) reads too
// for plain keys.
func (j *JSONGet) Render(c *compiler.Ctx) {
	if !j.valid(c) {
		return
	}
	c.Expr(j.X, ast.PrecAtom)
	for i, k := range j.Path {
		if i == len(j.Path)-1 {
			c.Write(" ->> ")
		} else {
			c.Write(" -> ")
		}
		c.RawLiteral(k) // part of the statement's shape, like an ESCAPE character
	}
}

// Precedence places the -> operators where every database that has them agrees:
// tighter than comparisons. Against arithmetic they differ (PostgreSQL binds + first,
// SQLite ->>), so, like the bitwise operators, a JSONGet is parenthesised there.
func (*JSONGet) Precedence() int { return ast.PrecBitwise }

func (j *JSONGet) valid(c *compiler.Ctx) bool {
	if len(j.Path) == 0 {
		c.Failf("JSONGet needs at least one key")
		return false
	}
	return true
}

// renderJSONExtractPath is redshiftish's rule, a function PostgreSQL has too (for
// json, not jsonb, values).
func renderJSONExtractPath(c *compiler.Ctx, n ast.Node) {
	j := n.(*JSONGet)
	if !j.valid(c) {
		return
	}
	c.Write("json_extract_path_text(")
	c.Expr(j.X, ast.PrecLowest+1)
	for _, k := range j.Path {
		c.Write(", ")
		c.RawLiteral(k)
	}
	c.Write(")")
}

// renderJSONGetMySQL is the rule of MySQL and MariaDB, whose ->> (MySQL only) takes
// a JSON path rather than a key. A JSON null reads as the text 'null' there.
func renderJSONGetMySQL(c *compiler.Ctx, n ast.Node) {
	j := n.(*JSONGet)
	path, ok := jsonPath(c, j)
	if !ok {
		return
	}
	c.Write("JSON_UNQUOTE(JSON_EXTRACT(")
	c.Expr(j.X, ast.PrecLowest+1)
	c.Write(", ")
	c.RawLiteral(path)
	c.Write("))")
}

// renderJSONGetSQLite is SQLite's rule: ->> with a JSON path, in which any key can be
// quoted (SQLite does not find a bare key that holds a double quote).
func renderJSONGetSQLite(c *compiler.Ctx, n ast.Node) {
	j := n.(*JSONGet)
	path, ok := jsonPath(c, j)
	if !ok {
		return
	}
	c.Expr(j.X, ast.PrecAtom)
	c.Write(" ->> ")
	c.RawLiteral(path)
}

// jsonPath returns the JSON path of j's keys as MySQL and SQLite read it: $."k1"."k2".
func jsonPath(c *compiler.Ctx, j *JSONGet) (string, bool) {
	if !j.valid(c) {
		return "", false
	}
	path := []byte{'$'}
	for _, k := range j.Path {
		path = append(path, '.', '"')
		for i := 0; i < len(k); i++ {
			switch ch := k[i]; {
			case ch == '"' || ch == '\\':
				path = append(path, '\\', ch)
			case ch < 0x20:
				c.Unsupported("JSON keys with control characters", "")
				return "", false
			default:
				path = append(path, ch)
			}
		}
		path = append(path, '"')
	}
	return string(path), true
}

// children returns es as nodes, leaving out nil ones: a node with a nil child fails
// when it is rendered, and walks must not stumble on it first.
func children(es ...ast.Expr) []ast.Node {
	out := make([]ast.Node, 0, len(es))
	for _, e := range es {
		if e != nil {
			out = append(out, e)
		}
	}
	return out
}

// AppendKey encodes the node's shape for the plan cache (ast.KeyAppender): its
// arguments, through k.Node so that their bound values are collected too. Without
// it, statements holding the node would be compiled every time.
func (g *Greatest) AppendKey(k *ast.KeyWriter) {
	k.Int(len(g.Args))
	for _, a := range g.Args {
		k.Node(a)
	}
}

// AppendKey encodes the document and the path, which is written into the SQL text.
func (j *JSONGet) AppendKey(k *ast.KeyWriter) {
	k.Node(j.X)
	k.Int(len(j.Path))
	for _, p := range j.Path {
		k.Str(p)
	}
}
