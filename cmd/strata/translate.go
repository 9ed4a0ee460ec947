package main

import (
	"fmt"
	"strings"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
)

// Reflection keeps what it cannot map into ast — CHECK conditions, generated
// expressions, index expressions and predicates, some defaults, view queries — as
// ast.Text in the source database's SQL. translate carries that text to another
// family of dialects as far as can be done without parsing SQL, and adapts the
// columns the target cannot declare as they are:
//
//   - quoted identifiers are quoted the target's way (MySQL's `a b` is PostgreSQL's
//     "a b"), or not at all where the target needs no quotes;
//   - PostgreSQL's ::type casts, which the server writes into every expression it
//     deparses ('a'::text, 0::numeric), are dropped for other targets;
//   - MySQL's character set introducers (_utf8mb4'x') are dropped for other targets;
//   - identity columns become autoincrement columns on targets without GENERATED …
//     AS IDENTITY (MySQL, MariaDB, SQLite), with a note when that loses ALWAYS or a
//     START or INCREMENT.
//
// Anything else in the text (functions one database has and another lacks, operator
// spellings) is left as it is: the target server is the judge.

// family groups the dialects that share SQL text conventions.
func family(d *compiler.Dialect) string {
	if d.Name == "mariadb" {
		return "mysql"
	}
	return d.Name
}

// translate returns md adapted for target, and notes on what was changed with loss.
func translate(md *ast.MetaData, source, target *compiler.Dialect) (*ast.MetaData, []string) {
	if family(source) == family(target) {
		return md, nil
	}
	tr := &translator{source: source, target: target}
	out := &ast.MetaData{Schema: md.Schema, Naming: md.Naming, Sequences: md.Sequences}
	for _, t := range md.Tables {
		out.Tables = append(out.Tables, tr.table(t))
	}
	for _, v := range md.Views {
		n := *v
		n.Query = tr.stmt(v.Query)
		out.Views = append(out.Views, &n)
	}
	return out, tr.notes
}

type translator struct {
	source, target *compiler.Dialect
	notes          []string
}

func (tr *translator) table(t *ast.Table) *ast.Table {
	var items []ast.TableItem
	for _, c := range t.Columns {
		n := *c
		n.Default = tr.expr(c.Default)
		if c.Computed != nil {
			n.Computed = &ast.Computed{Expr: tr.expr(c.Computed.Expr), Stored: c.Computed.Stored}
		}
		if id := c.Identity; id != nil && !tr.target.HasDDL(compiler.IdentityColumns) {
			n.Identity, n.AutoIncrement = nil, true
			if id.Always || id.Start != 0 || id.Increment != 0 {
				tr.notes = append(tr.notes, fmt.Sprintf("%s.%s: %s has no identity columns: the column is autoincrement, "+
					"which accepts explicit values and numbers from 1 by 1", t.Name, c.Name, tr.target.Name))
			}
		}
		items = append(items, &n)
	}
	if t.PrimaryKey != nil {
		items = append(items, t.PrimaryKey)
	}
	for _, fk := range t.ForeignKeys {
		items = append(items, fk)
	}
	for _, u := range t.Uniques {
		items = append(items, u)
	}
	for _, c := range t.Checks {
		items = append(items, &ast.CheckConstraint{Name: c.Name, Expr: tr.expr(c.Expr)})
	}
	for _, ix := range t.Indexes {
		n := *ix
		n.Columns = make([]ast.IndexPart, len(ix.Columns))
		for i, p := range ix.Columns {
			p.Expr = tr.expr(p.Expr)
			n.Columns[i] = p
		}
		n.Where = tr.expr(ix.Where)
		items = append(items, &n)
	}
	for _, o := range t.Options {
		items = append(items, o)
	}
	return ast.NewSchemaTable(t.Schema, t.Name, items...)
}

func (tr *translator) expr(e ast.Expr) ast.Expr {
	if x, ok := e.(*ast.TextClause); ok && len(x.Binds) == 0 {
		return ast.Text(tr.text(x.SQL))
	}
	return e
}

func (tr *translator) stmt(s ast.Stmt) ast.Stmt {
	if x, ok := s.(*ast.TextClause); ok && len(x.Binds) == 0 {
		return ast.Text(tr.text(x.SQL))
	}
	return s
}

// text rewrites SQL text of the source family for the target; see translate.
func (tr *translator) text(sql string) string {
	src, dst := family(tr.source), family(tr.target)
	var b strings.Builder
	for i := 0; i < len(sql); {
		c := sql[i]
		switch {
		case c == '\'':
			end := stringEnd(sql, i, src == "mysql")
			b.WriteString(sql[i:end])
			i = end
		case c == '"' && src == "mysql": // a string in MySQL's default sql_mode
			end := quotedEnd(sql, i, '"', true)
			b.WriteString(sql[i:end])
			i = end
		case c == '"' || c == '`' && src != "postgres":
			end := quotedEnd(sql, i, c, false)
			if end-i >= 2 && sql[end-1] == c { // closed
				name := strings.ReplaceAll(sql[i+1:end-1], string([]byte{c, c}), string(c))
				if q, err := tr.target.QuoteIdent(name); err == nil {
					b.WriteString(q)
					i = end
					continue
				}
			}
			b.WriteString(sql[i:end])
			i = end
		case c == '-' && strings.HasPrefix(sql[i:], "--"):
			end := strings.IndexByte(sql[i:], '\n')
			if end < 0 {
				end = len(sql) - i
			}
			b.WriteString(sql[i : i+end])
			i += end
		case c == '/' && strings.HasPrefix(sql[i:], "/*"):
			end := strings.Index(sql[i+2:], "*/")
			if end < 0 {
				end = len(sql) - i - 2
			} else {
				end += 2
			}
			b.WriteString(sql[i : i+2+end])
			i += 2 + end
		case c == ':' && src == "postgres" && strings.HasPrefix(sql[i:], "::"):
			i = castEnd(sql, i+2)
		case c == '_' && src == "mysql" && dst != "mysql" && (i == 0 || !isWordByte(sql[i-1])):
			j := i + 1
			for j < len(sql) && isWordByte(sql[j]) {
				j++
			}
			if j < len(sql) && sql[j] == '\'' { // _utf8mb4'x': drop the introducer
				i = j
				continue
			}
			b.WriteString(sql[i:j])
			i = j
		case isWordByte(c):
			j := i + 1
			for j < len(sql) && isWordByte(sql[j]) {
				j++
			}
			b.WriteString(sql[i:j])
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80
}

// stringEnd returns the index after the '…' literal starting at i: a doubled quote is one
// inside it, and on MySQL so is a backslashed one.
func stringEnd(s string, i int, backslash bool) int {
	return quotedEnd(s, i, '\'', backslash)
}

// quotedEnd returns the index after the text quoted by q starting at i, doubled q
// (and with backslash, \q) standing for q inside; len(s) when it is not closed.
func quotedEnd(s string, i int, q byte, backslash bool) int {
	for j := i + 1; j < len(s); j++ {
		switch {
		case backslash && s[j] == '\\':
			j++
		case s[j] == q:
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s)
}

// typeWords are the words that continue a PostgreSQL type name after its first word,
// as format_type writes them: character varying, double precision, timestamp(3)
// with time zone, bit varying.
var typeWords = map[string]bool{"varying": true, "precision": true, "with": true, "without": true, "time": true, "zone": true}

// castEnd returns the index after the type name of a PostgreSQL cast whose "::" ends
// at i: a (qualified, quoted) name, more words of a multi-word name, a (modifier)
// and [] for arrays.
func castEnd(s string, i int) int {
	word := func(j int) int {
		if j < len(s) && s[j] == '"' {
			return quotedEnd(s, j, '"', false)
		}
		k := j
		for k < len(s) && isWordByte(s[k]) {
			k++
		}
		return k
	}
	j := word(i)
	for j < len(s) && s[j] == '.' { // schema-qualified
		j = word(j + 1)
	}
	for {
		k := j
		for k < len(s) && s[k] == ' ' {
			k++
		}
		switch {
		case k < len(s) && s[k] == '(':
			if e := strings.IndexByte(s[k:], ')'); e >= 0 {
				j = k + e + 1
				continue
			}
		case strings.HasPrefix(s[k:], "[]"):
			j = k + 2
			continue
		case k < len(s) && isWordByte(s[k]):
			if e := word(k); typeWords[strings.ToLower(s[k:e])] {
				j = e
				continue
			}
		}
		return j
	}
}
