package customdialect

import (
	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
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

// GreatestOf returns GREATEST(first, second, more…).
func GreatestOf(first, second ast.Expr, more ...ast.Expr) *Greatest {
	args := make([]ast.Expr, 0, 2+len(more))
	args = append(append(args, first, second), more...)
	return &Greatest{Custom: ast.Custom{K: KindGreatest}, Args: args}
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
