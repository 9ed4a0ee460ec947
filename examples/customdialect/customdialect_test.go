// The tests are in another package on purpose: everything here goes through the
// public API that a third-party module has.
package customdialect_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects"
	"github.com/seed13bb6a42/strata/dialects/dialecttest"
	"github.com/seed13bb6a42/strata/dialects/mysql"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/examples/customdialect"
	"github.com/seed13bb6a42/strata/internal/testdb"
	"github.com/seed13bb6a42/strata/types"
)

// The golden statements use the conformance fixtures, so that they can run on the
// fixture tables of a real server.
var (
	users                             = dialecttest.Users
	uID, uName, uEmail, uAge, uActive = users.C("id"), users.C("name"), users.C("email"), users.C("age"), users.C("active")
	kv                                = dialecttest.KV
)

// docs is the table of the node tests: a JSON document, two numbers and a column
// whose name redshiftish reserves.
var (
	docs = ast.NewTable("docs",
		ast.Col("id", types.Integer),
		ast.Col("doc", types.JSONType),
		ast.Col("a", types.Integer),
		ast.Col("b", types.Integer),
		ast.Col("tag", types.Text),
	)
	dID, dDoc, dA, dB, dTag = docs.C("id"), docs.C("doc"), docs.C("a"), docs.C("b"), docs.C("tag")
)

// A compiled statement, or the error compiling it gave, in a form cmp can diff.
type compiled struct {
	SQL  string
	Args []any  // bound values in placeholder order
	Err  string // "unsupported: <construct>" for an *UnsupportedError, else the message
}

func compile(d *compiler.Dialect, n ast.Node) compiled {
	p, err := d.Compile(n)
	if err != nil {
		var ue *compiler.UnsupportedError
		if errors.As(err, &ue) {
			if ue.Dialect != d.Name {
				return compiled{Err: "unsupported error names " + ue.Dialect + ", not " + d.Name}
			}
			return compiled{Err: "unsupported: " + ue.Construct}
		}
		return compiled{Err: err.Error()}
	}
	var args []any
	for _, prm := range p.Params {
		args = append(args, prm.Value)
	}
	return compiled{SQL: p.SQL, Args: args}
}

func stmt(s string, args ...any) compiled { return compiled{SQL: s, Args: args} }

// goldenCases are statements whose SQL differs between PostgreSQL and redshiftish,
// or stays the same where an override falls back to the inherited rule.
var goldenCases = []struct {
	name                  string
	build                 func() ast.Node
	postgres, redshiftish compiled
	sameRows              bool // both run on PostgreSQL and return the same rows
}{{
	name: "ilike_operator",
	build: func() ast.Node {
		return ast.Select(uName).From(users).Where(uName.ILike("%E%")).OrderBy(uName)
	},
	postgres:    stmt("SELECT users.name FROM users WHERE users.name ILIKE $1 ORDER BY users.name", "%E%"),
	redshiftish: stmt("SELECT users.name FROM users WHERE users.name ~~* $1 ORDER BY users.name", "%E%"),
	sameRows:    true,
}, {
	name: "not_ilike_operands_parenthesised",
	build: func() ast.Node {
		return ast.Select(uID).From(users).Where(ast.NotILike(ast.Concat(uName, "!"), "%N!")).OrderBy(uID)
	},
	postgres:    stmt("SELECT users.id FROM users WHERE users.name || $1 NOT ILIKE $2 ORDER BY users.id", "!", "%N!"),
	redshiftish: stmt("SELECT users.id FROM users WHERE (users.name || $1) !~~* $2 ORDER BY users.id", "!", "%N!"),
	sameRows:    true,
}, {
	name: "ilike_escape_falls_back",
	build: func() ast.Node {
		return ast.Select(uID).From(users).Where(uEmail.ILike("%!_50!%%").WithEscape("!"))
	},
	postgres:    stmt("SELECT users.id FROM users WHERE users.email ILIKE $1 ESCAPE '!'", "%!_50!%%"),
	redshiftish: stmt("SELECT users.id FROM users WHERE users.email ILIKE $1 ESCAPE '!'", "%!_50!%%"),
	sameRows:    true,
}, {
	name: "filter_emulated",
	build: func() ast.Node {
		return ast.Select(ast.Count().FilterWhere(uActive.Eq(true)).As("n")).From(users)
	},
	postgres:    stmt("SELECT count(*) FILTER (WHERE users.active = $1) AS n FROM users", true),
	redshiftish: stmt("SELECT count(CASE WHEN users.active = $1 THEN 1 END) AS n FROM users", true),
	sameRows:    true,
}, {
	name: "filter_emulated_around_ilike",
	build: func() ast.Node {
		return ast.Select(ast.Sum(uAge).FilterWhere(uName.ILike("%E%"))).From(users)
	},
	postgres:    stmt("SELECT sum(users.age) FILTER (WHERE users.name ILIKE $1) FROM users", "%E%"),
	redshiftish: stmt("SELECT sum(CASE WHEN users.name ~~* $1 THEN users.age END) FROM users", "%E%"),
	sameRows:    true,
}, {
	name: "fetch_first_as_limit",
	build: func() ast.Node {
		return ast.Select(uID).From(users).OrderBy(uID).Offset(1).FetchFirst(2)
	},
	postgres:    stmt("SELECT users.id FROM users ORDER BY users.id OFFSET $1 ROWS FETCH FIRST $2 ROWS ONLY", 1, 2),
	redshiftish: stmt("SELECT users.id FROM users ORDER BY users.id LIMIT $1 OFFSET $2", 2, 1),
	sameRows:    true,
}, {
	name: "limit_unchanged",
	build: func() ast.Node {
		return ast.Select(uID).From(users).OrderBy(uID).Limit(3)
	},
	postgres:    stmt("SELECT users.id FROM users ORDER BY users.id LIMIT $1", 3),
	redshiftish: stmt("SELECT users.id FROM users ORDER BY users.id LIMIT $1", 3),
	sameRows:    true,
}, {
	name: "with_ties_unsupported",
	build: func() ast.Node {
		return ast.Select(uID).From(users).OrderBy(uAge).FetchFirstWithTies(2)
	},
	postgres:    stmt("SELECT users.id FROM users ORDER BY users.age FETCH FIRST $1 ROWS WITH TIES", 2),
	redshiftish: compiled{Err: "unsupported: FETCH FIRST … WITH TIES"},
}, {
	name: "distinct_on_unsupported",
	build: func() ast.Node {
		return ast.Select(uName).From(users).DistinctOn(uActive).OrderBy(uActive, uName)
	},
	postgres:    stmt("SELECT DISTINCT ON (users.active) users.name FROM users ORDER BY users.active, users.name"),
	redshiftish: compiled{Err: "unsupported: DISTINCT ON"},
}, {
	name: "now_respelled",
	build: func() ast.Node {
		return ast.Select(ast.Now().As("at"))
	},
	postgres:    stmt("SELECT now() AS at"),
	redshiftish: stmt("SELECT transaction_timestamp() AS at"),
}, {
	name: "reserved_words_quoted",
	build: func() ast.Node {
		return ast.Select(uName.As("tag"), uAge.As("top"), uID.As("select")).From(users).OrderBy(uID)
	},
	postgres:    stmt(`SELECT users.name AS tag, users.age AS top, users.id AS "select" FROM users ORDER BY users.id`),
	redshiftish: stmt(`SELECT users.name AS "tag", users.age AS "top", users.id AS "select" FROM users ORDER BY users.id`),
	sameRows:    true,
}, {
	name: "long_identifier",
	build: func() ast.Node {
		return ast.Select(uID.As(strings.Repeat("x", 100))).From(users).OrderBy(uID)
	},
	postgres: compiled{Err: `compiler: postgres: identifier "` + strings.Repeat("x", 100) +
		`" is 100 bytes long; postgres allows at most 63`},
	redshiftish: stmt("SELECT users.id AS " + strings.Repeat("x", 100) + " FROM users ORDER BY users.id"),
}, {
	name: "returning_unsupported",
	build: func() ast.Node {
		return ast.Insert(kv).Values("new", 1, 2).Returning(kv.C("k"))
	},
	postgres:    stmt("INSERT INTO kv (k, v, n) VALUES ($1, $2, $3) RETURNING k", "new", 1, 2),
	redshiftish: compiled{Err: "unsupported: INSERT … RETURNING"},
}, {
	name: "update_returning_unsupported",
	build: func() ast.Node {
		return ast.Update(kv).Set(kv.C("v"), 5).Where(kv.C("k").Eq("new")).Returning(kv.C("v"))
	},
	postgres:    stmt("UPDATE kv SET v = $1 WHERE kv.k = $2 RETURNING v", 5, "new"),
	redshiftish: compiled{Err: "unsupported: UPDATE … RETURNING"},
}, {
	name: "on_conflict_unsupported",
	build: func() ast.Node {
		return ast.Insert(kv).Values("new", 1, 2).OnConflict(ast.Conflict(kv.C("k")).DoNothingOnConflict())
	},
	postgres:    stmt("INSERT INTO kv (k, v, n) VALUES ($1, $2, $3) ON CONFLICT (k) DO NOTHING", "new", 1, 2),
	redshiftish: compiled{Err: "unsupported: INSERT … ON CONFLICT"},
}, {
	// Bad input is reported as such, not as a missing feature.
	name: "bad_upsert_invalid",
	build: func() ast.Node {
		return ast.Insert(kv).Values("new", 1, 2).OnConflict(ast.Conflict(kv.C("k")).DoUpdate())
	},
	postgres:    compiled{Err: "compiler: postgres: empty SET list"},
	redshiftish: compiled{Err: "compiler: redshiftish: empty SET list"},
}}

// TestGolden compares the SQL of each statement on PostgreSQL and redshiftish.
func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			got := []compiled{compile(postgres.Dialect(), tc.build()), compile(customdialect.Dialect(), tc.build())}
			want := []compiled{tc.postgres, tc.redshiftish}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("[postgres, redshiftish] differ (-want +got):\n%s", diff)
			}
		})
	}
}

// TestGoldenOnPostgres runs the golden statements on the PostgreSQL server, proving
// that redshiftish's overrides are valid PostgreSQL, and that its emulations return
// the rows PostgreSQL's native forms return.
func TestGoldenOnPostgres(t *testing.T) {
	db := testdb.Open(t, "postgres")
	dialecttest.Setup(t, postgres.Dialect(), db)
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			var rows [][][]string
			for _, d := range []*compiler.Dialect{postgres.Dialect(), customdialect.Dialect()} {
				p, err := d.Compile(tc.build())
				if err != nil {
					continue // TestGolden checks the error
				}
				r, err := query(t.Context(), db, p)
				if err != nil {
					t.Fatalf("PostgreSQL rejects %s's SQL:\n%s\n%v", d.Name, p.SQL, err)
				}
				rows = append(rows, r)
			}
			if tc.sameRows {
				if len(rows) != 2 {
					t.Fatalf("sameRows is set but %d of 2 dialects compiled", len(rows))
				}
				if diff := cmp.Diff(rows[0], rows[1]); diff != "" {
					t.Errorf("rows differ (-postgres +redshiftish):\n%s", diff)
				}
			}
		})
	}
}

// query runs a plan and returns its rows as text; NULL is "NULL".
func query(ctx context.Context, db *sql.DB, p *compiler.Plan) ([][]string, error) {
	args, err := p.Args(nil)
	if err != nil {
		return nil, err
	}
	rs, err := db.QueryContext(ctx, p.SQL, args...)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	cols, err := rs.Columns()
	if err != nil {
		return nil, err
	}
	var out [][]string
	for rs.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]string, len(vals))
		for i, v := range vals {
			switch x := v.(type) {
			case nil:
				row[i] = "NULL"
			case []byte:
				row[i] = string(x)
			default:
				row[i] = fmt.Sprint(x)
			}
		}
		out = append(out, row)
	}
	return out, rs.Err()
}

// TestConformance runs the conformance harness on redshiftish, compiling only.
func TestConformance(t *testing.T) {
	dialecttest.Run(t, customdialect.Dialect(), nil)
}

// TestConformancePostgres runs the harness with execution on the PostgreSQL server
// that stands in for a redshiftish one.
func TestConformancePostgres(t *testing.T) {
	dialecttest.Run(t, customdialect.Dialect(), testdb.Open(t, "postgres"))
}

// The dialects the node tests compile for, by label: the built-ins as their packages
// export them and as the registry builds them, and redshiftish. None is extended by
// hand: the SQLite, MySQL and MariaDB rules reach them through compiler.RegisterRule.
var nodeDialects = []struct {
	label string
	d     *compiler.Dialect
}{
	{"postgres", postgres.Dialect()},
	{"sqlite", sqlite.Dialect()},
	{"mysql", mysql.Dialect()},
	{"mariadb", mysql.MariaDBDialect()},
	{"redshiftish", customdialect.Dialect()},
	{"Lookup(sqlite3)", lookup("sqlite3", "")},
	{"LookupVersion(mysql, MariaDB)", lookup("mysql", "10.11.6-MariaDB-ubu2204")},
}

// lookup returns the registry's dialect for a name and server version.
func lookup(name, version string) *compiler.Dialect {
	d, err := dialects.LookupVersion(name, version)
	if err != nil {
		panic(err)
	}
	return d
}

// TestNodes renders the custom nodes on every dialect: through a dialect's rule where
// it has one (redshiftish's JSONGet in its own table, SQLite's, MySQL's and MariaDB's
// registered by the package's init), else through the node's Render method.
func TestNodes(t *testing.T) {
	tests := []struct {
		name string
		node ast.Node
		want map[string]string // by dialect label
	}{{
		name: "greatest",
		node: ast.Select(customdialect.GreatestOf(dA, dB, ast.Lit(0))).From(docs),
		want: map[string]string{
			"postgres":                      "SELECT GREATEST(docs.a, docs.b, 0) FROM docs",
			"sqlite":                        "SELECT max(docs.a, docs.b, 0) FROM docs",
			"mysql":                         "SELECT GREATEST(docs.a, docs.b, 0) FROM docs",
			"mariadb":                       "SELECT GREATEST(docs.a, docs.b, 0) FROM docs",
			"redshiftish":                   "SELECT GREATEST(docs.a, docs.b, 0) FROM docs",
			"Lookup(sqlite3)":               "SELECT max(docs.a, docs.b, 0) FROM docs",
			"LookupVersion(mysql, MariaDB)": "SELECT GREATEST(docs.a, docs.b, 0) FROM docs",
		},
	}, {
		name: "json_get",
		node: ast.Select(customdialect.JSONGetOf(dDoc, "owner", "name")).From(docs),
		want: map[string]string{
			"postgres":                      "SELECT docs.doc -> 'owner' ->> 'name' FROM docs",
			"sqlite":                        `SELECT docs.doc ->> '$."owner"."name"' FROM docs`,
			"mysql":                         `SELECT JSON_UNQUOTE(JSON_EXTRACT(docs.doc, '$."owner"."name"')) FROM docs`,
			"mariadb":                       `SELECT JSON_UNQUOTE(JSON_EXTRACT(docs.doc, '$."owner"."name"')) FROM docs`,
			"redshiftish":                   "SELECT json_extract_path_text(docs.doc, 'owner', 'name') FROM docs",
			"Lookup(sqlite3)":               `SELECT docs.doc ->> '$."owner"."name"' FROM docs`,
			"LookupVersion(mysql, MariaDB)": `SELECT JSON_UNQUOTE(JSON_EXTRACT(docs.doc, '$."owner"."name"')) FROM docs`,
		},
	}, {
		name: "json_get_odd_keys",
		node: ast.Select(customdialect.JSONGetOf(dDoc, "it's", `a"b\c`)).From(docs),
		want: map[string]string{
			"postgres":                      `SELECT docs.doc -> 'it''s' ->> 'a"b\c' FROM docs`,
			"sqlite":                        `SELECT docs.doc ->> '$."it''s"."a\"b\\c"' FROM docs`,
			"mysql":                         `SELECT JSON_UNQUOTE(JSON_EXTRACT(docs.doc, '$."it''s"."a\\"b\\\\c"')) FROM docs`,
			"mariadb":                       `SELECT JSON_UNQUOTE(JSON_EXTRACT(docs.doc, '$."it''s"."a\\"b\\\\c"')) FROM docs`,
			"redshiftish":                   `SELECT json_extract_path_text(docs.doc, 'it''s', 'a"b\c') FROM docs`,
			"Lookup(sqlite3)":               `SELECT docs.doc ->> '$."it''s"."a\"b\\c"' FROM docs`,
			"LookupVersion(mysql, MariaDB)": `SELECT JSON_UNQUOTE(JSON_EXTRACT(docs.doc, '$."it''s"."a\\"b\\\\c"')) FROM docs`,
		},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := map[string]string{}
			for _, nd := range nodeDialects {
				c := compile(nd.d, tc.node)
				got[nd.label] = c.SQL + c.Err
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("SQL by dialect (-want +got):\n%s", diff)
			}
		})
	}
}

// TestChokepoint nests custom nodes in built-in ones and built-in ones in custom
// ones: each dialect's rules apply at every depth, because every child, whoever
// renders it, goes through Ctx.Expr or Ctx.Node.
func TestChokepoint(t *testing.T) {
	tests := []struct {
		name string
		node ast.Node
		want map[string]string // by dialect label; labels left out are not checked
	}{{
		name: "custom_in_builtin",
		node: ast.Select(dID).From(docs).Where(ast.Or(
			ast.ILike(customdialect.JSONGetOf(dDoc, "name"), "a%"),
			ast.Gt(customdialect.GreatestOf(dA, dB), 3),
		)),
		want: map[string]string{
			"postgres":    "SELECT docs.id FROM docs WHERE docs.doc ->> 'name' ILIKE $1 OR GREATEST(docs.a, docs.b) > $2",
			"redshiftish": "SELECT docs.id FROM docs WHERE (json_extract_path_text(docs.doc, 'name')) ~~* $1 OR GREATEST(docs.a, docs.b) > $2",
			"sqlite":      `SELECT docs.id FROM docs WHERE lower(docs.doc ->> '$."name"') LIKE lower(?) OR max(docs.a, docs.b) > ?`,
			"mysql":       `SELECT docs.id FROM docs WHERE lower(JSON_UNQUOTE(JSON_EXTRACT(docs.doc, '$."name"'))) LIKE lower(?) OR GREATEST(docs.a, docs.b) > ?`,
		},
	}, {
		name: "custom_in_emulated_filter",
		node: ast.Select(ast.Count().FilterWhere(ast.Eq(customdialect.JSONGetOf(dDoc, "k"), "v"))).From(docs),
		want: map[string]string{
			"postgres":    "SELECT count(*) FILTER (WHERE docs.doc ->> 'k' = $1) FROM docs",
			"redshiftish": "SELECT count(CASE WHEN json_extract_path_text(docs.doc, 'k') = $1 THEN 1 END) FROM docs",
			"mariadb":     `SELECT count(CASE WHEN JSON_UNQUOTE(JSON_EXTRACT(docs.doc, '$."k"')) = ? THEN 1 END) FROM docs`,
		},
	}, {
		name: "builtin_in_custom",
		node: ast.Select(customdialect.GreatestOf(
			ast.Case(ast.WhenThen(dTag.ILike("a%"), dA)).ElseResult(dB),
			ast.Count().FilterWhere(dA.Gt(0)),
		)).From(docs),
		want: map[string]string{
			"postgres":    "SELECT GREATEST(CASE WHEN docs.tag ILIKE $1 THEN docs.a ELSE docs.b END, count(*) FILTER (WHERE docs.a > $2)) FROM docs",
			"redshiftish": `SELECT GREATEST(CASE WHEN docs."tag" ~~* $1 THEN docs.a ELSE docs.b END, count(CASE WHEN docs.a > $2 THEN 1 END)) FROM docs`,
			"sqlite":      "SELECT max(CASE WHEN lower(docs.tag) LIKE lower(?) THEN docs.a ELSE docs.b END, count(*) FILTER (WHERE docs.a > ?)) FROM docs",
		},
	}, {
		name: "function_override_in_custom",
		node: ast.Select(customdialect.GreatestOf(ast.Now(), ast.Cast(customdialect.JSONGetOf(dDoc, "at"), types.DateTimeTZ))).From(docs),
		want: map[string]string{
			"postgres":    "SELECT GREATEST(now(), CAST(docs.doc ->> 'at' AS TIMESTAMP WITH TIME ZONE)) FROM docs",
			"redshiftish": "SELECT GREATEST(transaction_timestamp(), CAST(json_extract_path_text(docs.doc, 'at') AS TIMESTAMP WITH TIME ZONE)) FROM docs",
		},
	}, {
		name: "custom_in_custom",
		node: ast.Select(customdialect.GreatestOf(ast.Cast(customdialect.JSONGetOf(dDoc, "n"), types.Integer), dA)).From(docs),
		want: map[string]string{
			"postgres":    "SELECT GREATEST(CAST(docs.doc ->> 'n' AS INTEGER), docs.a) FROM docs",
			"redshiftish": "SELECT GREATEST(CAST(json_extract_path_text(docs.doc, 'n') AS INTEGER), docs.a) FROM docs",
			"sqlite":      `SELECT max(CAST(docs.doc ->> '$."n"' AS INTEGER), docs.a) FROM docs`,
			"mysql":       `SELECT GREATEST(CAST(JSON_UNQUOTE(JSON_EXTRACT(docs.doc, '$."n"')) AS SIGNED), docs.a) FROM docs`,
		},
	}, {
		name: "custom_in_subquery",
		node: ast.Select(dID).From(docs).Where(dA.InQuery(
			ast.Select(customdialect.GreatestOf(users.C("age"), ast.Lit(18))).From(users).Where(uName.ILike("a%")),
		)),
		want: map[string]string{
			"redshiftish": "SELECT docs.id FROM docs WHERE docs.a IN (SELECT GREATEST(users.age, 18) FROM users WHERE users.name ~~* $1)",
			"sqlite":      "SELECT docs.id FROM docs WHERE docs.a IN (SELECT max(users.age, 18) FROM users WHERE lower(users.name) LIKE lower(?))",
		},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := map[string]string{}
			for _, nd := range nodeDialects {
				if _, ok := tc.want[nd.label]; ok {
					c := compile(nd.d, tc.node)
					got[nd.label] = c.SQL + c.Err
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("SQL by dialect (-want +got):\n%s", diff)
			}
		})
	}
}

// TestInferredFrom checks that FROM inference descends into custom nodes through
// their Children method (ast.Parent), at any depth and in WHERE too.
func TestInferredFrom(t *testing.T) {
	u := ast.T("users")
	tests := []struct {
		node ast.Node
		want string
	}{
		{ast.Select(customdialect.GreatestOf(u.C("a"), u.C("b"))), "SELECT GREATEST(users.a, users.b) FROM users"},
		{ast.Select(customdialect.JSONGetOf(u.C("doc"), "k")), "SELECT users.doc ->> 'k' FROM users"},
		{
			ast.Select(customdialect.GreatestOf(ast.Cast(customdialect.JSONGetOf(dDoc, "n"), types.Integer), 0)),
			"SELECT GREATEST(CAST(docs.doc ->> 'n' AS INTEGER), $1) FROM docs",
		},
		{
			ast.Select(ast.Count()).Where(ast.Gt(customdialect.GreatestOf(u.C("a"), dA), 1)),
			"SELECT count(*) FROM users, docs WHERE GREATEST(users.a, docs.a) > $1",
		},
	}
	for _, tc := range tests {
		if got := compile(postgres.Dialect(), tc.node); got.SQL+got.Err != tc.want {
			t.Errorf("got  %s\nwant %s", got.SQL+got.Err, tc.want)
		}
	}
	g := customdialect.GreatestOf(dA, nil, dB)
	if got := g.Children(); !slices.Equal(got, []ast.Node{dA, ast.Null(), dB}) {
		t.Errorf("Children of GREATEST(a, NULL, b) = %v", got)
	}
	bad := &customdialect.Greatest{Custom: ast.Custom{K: customdialect.KindGreatest}, Args: []ast.Expr{dA, nil}}
	if got := bad.Children(); len(got) != 1 || got[0] != dA {
		t.Errorf("Children of GREATEST(a, <nil>) = %v, want the nil child left out", got)
	}
	if got := customdialect.JSONGetOf(nil, "k").Children(); len(got) != 0 {
		t.Errorf("Children of a JSONGet without a document = %v", got)
	}
}

// TestResultType checks what ast.TypeOf reports for the custom nodes, through their
// ResultType methods (ast.ResultTyper), and where the type is used: parameters
// compared with a node, and the plan's result columns.
func TestResultType(t *testing.T) {
	name := func(typ *types.Type) string {
		if typ == nil {
			return "<nil>"
		}
		return typ.String()
	}
	tests := []struct {
		expr ast.Expr
		want *types.Type
	}{
		{customdialect.GreatestOf(dA, dB), types.Integer},
		{customdialect.GreatestOf(dTag, "x"), types.Text},
		{customdialect.GreatestOf(dA, 2.5), types.Integer},             // the first argument's type
		{customdialect.GreatestOf(1, 2), types.BigInteger},             // parameters typed after their Go values
		{customdialect.GreatestOf(nil, dA), types.Integer},             // NULL has no type: the first known one
		{customdialect.GreatestOf(ast.Param(1), dB), types.BigInteger}, // ast.Param types 1 as a Go int
		{customdialect.GreatestOf(ast.Cast(dTag, types.DateTimeTZ), ast.Now()), types.DateTimeTZ},
		{customdialect.JSONGetOf(dDoc, "k"), types.Text},
		{ast.As(customdialect.GreatestOf(dA, dB), "g"), types.Integer},
		{ast.Eq(customdialect.GreatestOf(dA, dB), 3), types.Bool},
		{&customdialect.Greatest{Custom: ast.Custom{K: customdialect.KindGreatest}}, nil},
	}
	for i, tc := range tests {
		if got := ast.TypeOf(tc.expr); got != tc.want {
			t.Errorf("%d: TypeOf = %s, want %s", i, name(got), name(tc.want))
		}
	}

	// A Go value compared with a node takes the node's type.
	for _, tc := range []struct {
		cmp  ast.Expr
		want *types.Type
	}{
		{ast.Eq(customdialect.GreatestOf(dA, dB), 3), types.Integer},
		{ast.Eq(customdialect.JSONGetOf(dDoc, "k"), "v"), types.Text},
	} {
		p, ok := tc.cmp.(*ast.Binary).R.(*ast.BindParam)
		if !ok || p.Type != tc.want {
			t.Errorf("%#v: parameter %#v, want one of type %s", tc.cmp, tc.cmp.(*ast.Binary).R, name(tc.want))
		}
	}

	// Labels over the nodes carry their types into the plan's result columns.
	p, err := postgres.Dialect().Compile(ast.Select(
		ast.As(customdialect.GreatestOf(dA, dB), "g"),
		ast.As(customdialect.JSONGetOf(dDoc, "k"), "k"),
	).From(docs))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range p.Columns() {
		got = append(got, c.Name+" "+name(c.Type))
	}
	if diff := cmp.Diff([]string{"g " + name(types.Integer), "k " + name(types.Text)}, got); diff != "" {
		t.Errorf("result columns (-want +got):\n%s", diff)
	}
}

// TestGreatestOfGoValues checks that GreatestOf takes Go values as the built-in
// constructors do (ast.ExprOf), typing parameters after the first typed expression.
func TestGreatestOfGoValues(t *testing.T) {
	typeNames := func(g *customdialect.Greatest) []string {
		var out []string
		for _, a := range g.Args {
			if typ := ast.TypeOf(a); typ != nil {
				out = append(out, typ.String())
			} else {
				out = append(out, "<nil>")
			}
		}
		return out
	}
	in, big, float, text := types.Integer.String(), types.BigInteger.String(), types.DoubleFloat.String(), types.Text.String()
	tests := []struct {
		name  string
		g     *customdialect.Greatest
		types []string // of the arguments
		want  compiled // on PostgreSQL, in SELECT … FROM docs
	}{{
		name:  "after_the_column",
		g:     customdialect.GreatestOf(dA, 3),
		types: []string{in, in},
		want:  stmt("SELECT GREATEST(docs.a, $1) FROM docs", 3),
	}, {
		name:  "column_later",
		g:     customdialect.GreatestOf(3, dA, int8(4)),
		types: []string{in, in, in},
		want:  stmt("SELECT GREATEST($1, docs.a, $2) FROM docs", 3, int8(4)),
	}, {
		name:  "text",
		g:     customdialect.GreatestOf(dTag, "m"),
		types: []string{text, text},
		want:  stmt("SELECT GREATEST(docs.tag, $1) FROM docs", "m"),
	}, {
		name:  "no_expression",
		g:     customdialect.GreatestOf(1, 2.5),
		types: []string{big, float},
		want:  stmt("SELECT GREATEST($1, $2) FROM docs", 1, 2.5),
	}, {
		name:  "nil_is_null",
		g:     customdialect.GreatestOf(dA, nil),
		types: []string{in, "<nil>"},
		want:  stmt("SELECT GREATEST(docs.a, NULL) FROM docs"),
	}, {
		name:  "param_typed_by_its_value", // ast.Param types 7 as a Go int: bigint, and 8 follows it
		g:     customdialect.GreatestOf(ast.Param(7), dB, 8),
		types: []string{big, in, big},
		want:  stmt("SELECT GREATEST($1, docs.b, $2) FROM docs", 7, 8),
	}, {
		name:  "statement_is_scalar_subquery",
		g:     customdialect.GreatestOf(ast.Select(ast.Max(uAge)).From(users), dA),
		types: []string{in, in},
		want:  stmt("SELECT GREATEST((SELECT max(users.age) FROM users), docs.a) FROM docs"),
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.types, typeNames(tc.g)); diff != "" {
				t.Errorf("argument types (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.want, compile(postgres.Dialect(), ast.Select(tc.g).From(docs))); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestJSONGetPrecedence checks the parentheses JSONGet's Precedence method gives.
func TestJSONGetPrecedence(t *testing.T) {
	get := customdialect.JSONGetOf(dDoc, "k")
	tests := []struct {
		expr ast.Expr
		want string
	}{
		{ast.Eq(get, "v"), "docs.doc ->> 'k' = $1"},        // binds tighter than comparisons everywhere
		{ast.Add(get, 1), "(docs.doc ->> 'k') + $1"},       // not so against arithmetic: parenthesised
		{ast.Concat(get, "!"), "(docs.doc ->> 'k') || $1"}, // nor against other operators
		{ast.And(ast.IsNotNull(get), dA.Gt(1)), "docs.doc ->> 'k' IS NOT NULL AND docs.a > $1"},
		{customdialect.JSONGetOf(ast.Concat(dTag, "x"), "k"), "(docs.tag || $1) ->> 'k'"},
		{customdialect.JSONGetOf(ast.Coalesce(dDoc, dTag), "k"), "coalesce(docs.doc, docs.tag) ->> 'k'"},
	}
	if got := compiler.Precedence(get); got != ast.PrecBitwise {
		t.Errorf("Precedence(JSONGet) = %d, want ast.PrecBitwise", got)
	}
	if got := compiler.Precedence(customdialect.GreatestOf(dA, dB)); got != ast.PrecAtom {
		t.Errorf("Precedence(Greatest) = %d, want ast.PrecAtom", got)
	}
	for _, tc := range tests {
		got := compile(postgres.Dialect(), ast.Select(tc.expr).From(docs))
		want := stmt("SELECT " + tc.want + " FROM docs")
		if diff := cmp.Diff(want.SQL, got.SQL+got.Err); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	}
}

// TestWrapCustomKind wraps the rule of a custom kind that has none in the table:
// next is then the rule registered for the dialect's name, or the node's Render method.
func TestWrapCustomKind(t *testing.T) {
	cast := func(d *compiler.Dialect) *compiler.Dialect {
		d = d.Clone()
		d.Rules.Wrap(customdialect.KindGreatest, func(next compiler.RenderFunc) compiler.RenderFunc {
			return func(c *compiler.Ctx, n ast.Node) {
				c.Write("CAST(")
				next(c, n)
				c.Write(" AS BIGINT)")
			}
		})
		return d
	}
	n := ast.Select(customdialect.GreatestOf(dA, dB)).From(docs)
	for _, tc := range []struct {
		d    *compiler.Dialect
		want compiled
	}{
		{cast(postgres.Dialect()), stmt("SELECT CAST(GREATEST(docs.a, docs.b) AS BIGINT) FROM docs")}, // Render
		{cast(sqlite.Dialect()), stmt("SELECT CAST(max(docs.a, docs.b) AS BIGINT) FROM docs")},        // registered
		{postgres.Dialect(), stmt("SELECT GREATEST(docs.a, docs.b) FROM docs")},                       // the clones' rules did not leak
		{sqlite.Dialect(), stmt("SELECT max(docs.a, docs.b) FROM docs")},
	} {
		if got := compile(tc.d, n); !cmp.Equal(got, tc.want) {
			t.Errorf("%s: %+v, want %+v", tc.d.Name, got, tc.want)
		}
	}
}

// TestRegisteredRules checks the reach of the rules the package's init registers:
// every dialect of the built-in names, however it was obtained, unless its own table
// has a rule for the kind; and no dialect of another name.
func TestRegisteredRules(t *testing.T) {
	n := ast.Select(customdialect.GreatestOf(dA, dB), customdialect.JSONGetOf(dDoc, "k")).From(docs)
	const (
		sqliteSQL = `SELECT max(docs.a, docs.b), docs.doc ->> '$."k"' FROM docs`
		mysqlSQL  = `SELECT GREATEST(docs.a, docs.b), JSON_UNQUOTE(JSON_EXTRACT(docs.doc, '$."k"')) FROM docs`
		renderSQL = `SELECT GREATEST(docs.a, docs.b), docs.doc ->> 'k' FROM docs`
	)
	ownRule := sqlite.Dialect().Clone()
	ownRule.Rules.Set(customdialect.KindGreatest, func(c *compiler.Ctx, n ast.Node) { c.Write("mine") })
	renamed := sqlite.New("")
	renamed.Name = "libsqlish"
	tests := []struct {
		label string
		d     *compiler.Dialect
		want  string
	}{
		{"sqlite.Dialect()", sqlite.Dialect(), sqliteSQL},
		{"sqlite.New(3.39)", sqlite.New("3.39.0"), sqliteSQL},
		{"Lookup(sqlite)", lookup("sqlite", ""), sqliteSQL},
		{"sqlite clone", sqlite.Dialect().Clone(), sqliteSQL},
		{"mysql.Dialect()", mysql.Dialect(), mysqlSQL},
		{"mysql.MariaDBDialect()", mysql.MariaDBDialect(), mysqlSQL},
		{"LookupVersion(mysql, 8.0.36)", lookup("mysql", "8.0.36"), mysqlSQL},
		{"Lookup(mariadb)", lookup("mariadb", ""), mysqlSQL},
		{"postgres.Dialect()", postgres.Dialect(), renderSQL},
		{"Lookup(postgresql)", lookup("postgresql", ""), renderSQL},
		{"own rule wins", ownRule, `SELECT mine, docs.doc ->> '$."k"' FROM docs`},
		{"renamed sqlite", renamed, renderSQL}, // rules are registered by name
	}
	for _, tc := range tests {
		if got := compile(tc.d, n); got.SQL+got.Err != tc.want {
			t.Errorf("%s (%s):\ngot  %s\nwant %s", tc.label, tc.d.Name, got.SQL+got.Err, tc.want)
		}
	}
}

// bare is a custom node with neither a rule nor a Render method.
type bare struct{ ast.Custom }

var kindBare = ast.MustNewKind("customdialect_test.bare")

// TestBadNodes checks that malformed custom nodes fail to compile with a typed error
// on every dialect, whichever rule renders them.
func TestBadNodes(t *testing.T) {
	tests := []struct {
		name        string
		node        ast.Expr
		unsupported bool     // an *UnsupportedError rather than a *CompileError
		only        []string // the dialect labels to check, or all
	}{
		{name: "greatest_one_argument", node: &customdialect.Greatest{Custom: ast.Custom{K: customdialect.KindGreatest}, Args: []ast.Expr{dA}}},
		{name: "greatest_nil_argument", node: &customdialect.Greatest{Custom: ast.Custom{K: customdialect.KindGreatest}, Args: []ast.Expr{dA, nil}}},
		{name: "greatest_nil_pointer_argument", node: customdialect.GreatestOf(dA, (*ast.Column)(nil))},
		{name: "greatest_invalid_argument", node: customdialect.GreatestOf(dA, docs.C("nope"))},
		{name: "json_get_no_path", node: &customdialect.JSONGet{Custom: ast.Custom{K: customdialect.KindJSONGet}, X: dDoc}},
		{name: "json_get_nil_document", node: customdialect.JSONGetOf(nil, "k")},
		{name: "json_get_control_key", node: customdialect.JSONGetOf(dDoc, "a\nb"), unsupported: true, only: []string{"sqlite", "mysql", "mariadb"}},
		{name: "no_rule_no_render", node: &bare{ast.Custom{K: kindBare}}, unsupported: true},
	}
	for _, tc := range tests {
		for _, nd := range nodeDialects {
			if tc.only != nil && !slices.Contains(tc.only, nd.label) {
				continue
			}
			_, err := nd.d.Compile(ast.Select(tc.node).From(docs))
			var ce *compiler.CompileError
			var ue *compiler.UnsupportedError
			switch {
			case err == nil:
				t.Errorf("%s on %s compiled", tc.name, nd.label)
			case tc.unsupported && !errors.As(err, &ue):
				t.Errorf("%s on %s: %T (%v), want *compiler.UnsupportedError", tc.name, nd.label, err, err)
			case !tc.unsupported && !errors.As(err, &ce):
				t.Errorf("%s on %s: %T (%v), want *compiler.CompileError", tc.name, nd.label, err, err)
			}
		}
	}
}

// TestNewKindDuplicate checks that a kind name can be registered once only.
func TestNewKindDuplicate(t *testing.T) {
	const name = "customdialect_test.dup"
	k, err := ast.NewKind(name)
	if err != nil {
		t.Fatal(err)
	}
	if k.String() != name || int(k) >= ast.NumKinds() {
		t.Errorf("NewKind(%q) = %d named %q; NumKinds() = %d", name, k, k.String(), ast.NumKinds())
	}
	for _, dup := range []string{name, "customdialect.greatest"} {
		_, err := ast.NewKind(dup)
		var de *ast.DuplicateKindError
		if !errors.As(err, &de) || de.Name != dup || !strings.Contains(err.Error(), dup) {
			t.Errorf("second NewKind(%q): %T %v, want *ast.DuplicateKindError naming it", dup, err, err)
		}
	}
	defer func() {
		err, _ := recover().(error)
		var de *ast.DuplicateKindError
		if !errors.As(err, &de) {
			t.Errorf("MustNewKind of a taken name panicked with %v, want a *ast.DuplicateKindError", err)
		}
	}()
	ast.MustNewKind(name)
	t.Error("MustNewKind of a taken name did not panic")
}

func TestKinds(t *testing.T) {
	if got := customdialect.KindGreatest.String(); got != "customdialect.greatest" {
		t.Errorf("KindGreatest is named %q", got)
	}
	if got := customdialect.KindJSONGet.String(); got != "customdialect.json_get" {
		t.Errorf("KindJSONGet is named %q", got)
	}
	if customdialect.GreatestOf(dA, dB).Kind() != customdialect.KindGreatest ||
		customdialect.JSONGetOf(dDoc, "k").Kind() != customdialect.KindJSONGet {
		t.Error("a node does not report its package's kind")
	}
}

// TestRegistry looks redshiftish up by name, as engine.Open will for a URL scheme.
func TestRegistry(t *testing.T) {
	d, err := dialects.Lookup(customdialect.Name)
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "redshiftish" || d.Has(compiler.AggregateFilter) || !d.Has(compiler.ILike) {
		t.Errorf("Lookup(%q): %s with features %x", customdialect.Name, d.Name, d.Features)
	}
	old, err := dialects.LookupVersion(customdialect.Name, "11.22")
	if err != nil {
		t.Fatal(err)
	}
	if old.Version != "11.22" || old.Has(compiler.CTEMaterialized) || !d.Has(compiler.CTEMaterialized) {
		t.Errorf("LookupVersion(%q, 11.22): version %q, features %x", customdialect.Name, old.Version, old.Features)
	}
	if names := dialects.Names(); !slices.Contains(names, "redshiftish") || !slices.IsSorted(names) {
		t.Errorf("Names() = %v", names)
	}

	_, err = dialects.Lookup("redshift")
	var ue *dialects.UnknownError
	if !errors.As(err, &ue) || ue.Name != "redshift" || !slices.Contains(ue.Registered, "redshiftish") {
		t.Fatalf("Lookup(redshift): %T %v, want *dialects.UnknownError listing redshiftish", err, err)
	}
	for _, name := range dialects.Names() {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("%q does not list %s", err, name)
		}
	}

	defer func() {
		err, _ := recover().(error)
		var de *dialects.DuplicateError
		if !errors.As(err, &de) || de.Name != customdialect.Name {
			t.Errorf("registering redshiftish twice panicked with %v, want a *dialects.DuplicateError", err)
		}
	}()
	dialects.Register(customdialect.Name, func(string) (*compiler.Dialect, error) { return customdialect.Dialect(), nil })
	t.Error("registering redshiftish twice did not panic")
}

// TestDataTier checks the data redshiftish changes and the data it keeps.
func TestDataTier(t *testing.T) {
	d, pg := customdialect.Dialect(), postgres.Dialect()
	missing := compiler.AggregateFilter | compiler.DistinctOn | compiler.FetchFirst | compiler.FetchWithTies |
		compiler.Returning | compiler.ReturningUpdate | compiler.ReturningDelete | compiler.DataModifyingCTE |
		compiler.OnConflict | compiler.OnConflictConstraint
	if d.Features != pg.Features&^missing {
		t.Errorf("features %x, want PostgreSQL's %x without %x", d.Features, pg.Features, missing)
	}
	if d.Name != "redshiftish" || d.Target.Dialect != "redshiftish" || d.MaxIdentLen != 127 {
		t.Errorf("Name %q, Target.Dialect %q, MaxIdentLen %d", d.Name, d.Target.Dialect, d.MaxIdentLen)
	}
	if d.Placeholder != pg.Placeholder || d.QuoteOpen != '"' || !d.FoldsCase || d.MaxParams != pg.MaxParams {
		t.Error("redshiftish lost PostgreSQL's placeholders, quoting or limits")
	}
	for _, w := range []string{"tag", "TOP", "Wallet", "sysdate", "select", "user", "window"} {
		if !d.IsReserved(w) {
			t.Errorf("%q is not reserved", w)
		}
	}
	for _, w := range []string{"tag", "top", "wallet"} {
		if pg.IsReserved(w) {
			t.Errorf("%q is reserved in postgres.Dialect() too: redshiftish's list leaked", w)
		}
	}
	// AddReserved keeps what the dialect inherited.
	for _, w := range pg.ReservedWords() {
		if !d.IsReserved(w) {
			t.Errorf("PostgreSQL reserves %q; redshiftish does not", w)
		}
	}
	if n, m := len(d.ReservedWords()), len(pg.ReservedWords()); n <= m {
		t.Errorf("redshiftish reserves %d words, PostgreSQL %d", n, m)
	}
	if got := compile(d, ast.Select(uID.As(strings.Repeat("y", 127))).From(users)); got.Err != "" {
		t.Errorf("127-byte name: %s", got.Err)
	}
	if got := compile(d, ast.Select(uID.As(strings.Repeat("y", 128))).From(users)); !strings.Contains(got.Err, "at most 127") {
		t.Errorf("128-byte name: %+v, want an error", got)
	}
	if pg.Name != "postgres" || !pg.Has(missing) {
		t.Error("deriving redshiftish changed postgres.Dialect()")
	}
}

// TestReservedWordsCoverPostgres checks redshiftish's reserved words against the
// server's: each word PostgreSQL refuses as a name must be quoted.
func TestReservedWordsCoverPostgres(t *testing.T) {
	db := testdb.Open(t, "postgres")
	rows, err := db.QueryContext(t.Context(), "SELECT word FROM pg_get_keywords() WHERE catcode IN ('R', 'T')")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var w string
		if err := rows.Scan(&w); err != nil {
			t.Fatal(err)
		}
		n++
		if !customdialect.Dialect().IsReserved(w) {
			t.Errorf("PostgreSQL reserves %q; redshiftish does not quote it", w)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Fatalf("pg_get_keywords() gave %d reserved words", n)
	}
}

// TestNodesOnServers runs the custom nodes on each server, with the dialects a
// program would use there as it gets them, and expects the same rows from all of
// them. The second statement has no FROM: it is inferred from inside the nodes.
func TestNodesOnServers(t *testing.T) {
	type server struct {
		name     string
		dialects func(db *sql.DB) []*compiler.Dialect
	}
	servers := []server{
		{"postgres", func(*sql.DB) []*compiler.Dialect {
			return []*compiler.Dialect{postgres.Dialect(), customdialect.Dialect()}
		}},
		{"sqlite", func(*sql.DB) []*compiler.Dialect {
			return []*compiler.Dialect{sqlite.Dialect(), lookup("sqlite3", "")}
		}},
		{"mysql", func(db *sql.DB) []*compiler.Dialect {
			var version string
			if err := db.QueryRowContext(t.Context(), "SELECT VERSION()").Scan(&version); err != nil {
				t.Fatal(err)
			}
			stock := mysql.Dialect()
			if strings.Contains(version, "MariaDB") {
				stock = mysql.MariaDBDialect()
			}
			// The stock value and the registry's, which picks mysql or mariadb by the version.
			return []*compiler.Dialect{stock, lookup("mysql", version)}
		}},
	}
	rows := [][]any{
		{1, `{"k": "v", "owner": {"name": "ann"}}`, 1, 2},
		{2, `{"k": "w", "owner": {"name": "bob"}}`, 5, 3},
		{3, `{"owner": {}}`, 7, 7},
		{4, `{"k": "v", "owner": {"name": "O'Brien"}, "it's": {"a.b": "odd"}}`, -1, -2},
	}
	get := func(keys ...string) *customdialect.JSONGet {
		return customdialect.JSONGetOf(dDoc, keys[0], keys[1:]...)
	}
	greatest := customdialect.GreatestOf(dA, dB, 0)
	queries := []struct {
		q    ast.Node
		want [][]string
	}{{
		q: ast.Select(dID, customdialect.GreatestOf(dA, dB), customdialect.GreatestOf(dA, 3), get("owner", "name"), get("it's", "a.b")).
			From(docs).
			Where(ast.Or(ast.Eq(get("k"), "v"), ast.IsNull(get("k")))).
			OrderBy(dID),
		want: [][]string{
			{"1", "2", "3", "ann", "NULL"},
			{"3", "7", "7", "NULL", "NULL"},
			{"4", "-1", "3", "O'Brien", "odd"},
		},
	}, {
		q: ast.Select(greatest, get("owner", "name")).OrderBy(greatest),
		want: [][]string{
			{"0", "O'Brien"},
			{"2", "ann"},
			{"5", "bob"},
			{"7", "NULL"},
		},
	}}
	for _, s := range servers {
		t.Run(s.name, func(t *testing.T) {
			db := testdb.Open(t, s.name)
			for _, d := range s.dialects(db) {
				createDocs(t, db, d, rows)
				for _, q := range queries {
					p, err := d.Compile(q.q)
					if err != nil {
						t.Fatalf("%s: %v", d.Name, err)
					}
					got, err := query(t.Context(), db, p)
					if err != nil {
						t.Fatalf("%s rejects %s's SQL:\n%s\n%v", s.name, d.Name, p.SQL, err)
					}
					if diff := cmp.Diff(q.want, got); diff != "" {
						t.Errorf("%s on %s: rows differ (-want +got):\n%s\n%s", d.Name, s.name, p.SQL, diff)
					}
				}
			}
		})
	}
}

// createDocs (re)creates the docs table with d's type names and inserts rows with an
// INSERT compiled by d.
func createDocs(t *testing.T, db *sql.DB, d *compiler.Dialect, rows [][]any) {
	t.Helper()
	var cols []string
	for _, c := range docs.Columns {
		name, err := d.QuoteIdent(c.Name)
		if err != nil {
			t.Fatal(err)
		}
		typ, err := d.TypeName(c.Type, false)
		if err != nil {
			t.Fatal(err)
		}
		cols = append(cols, name+" "+typ)
	}
	testdb.Exec(t, db, "DROP TABLE IF EXISTS docs", "CREATE TABLE docs ("+strings.Join(cols, ", ")+")")
	ins := ast.Insert(docs).Columns(dID, dDoc, dA, dB)
	for _, r := range rows {
		ins = ins.Values(r...)
	}
	p, err := d.Compile(ins)
	if err != nil {
		t.Fatal(err)
	}
	args, err := p.Args(nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(t.Context(), p.SQL, args...); err != nil {
		t.Fatalf("%s\n%v", p.SQL, err)
	}
}

// TestDocExcerpts checks that the code excerpts in docs/custom-dialect.md, each marked
// with the file it comes from, still appear verbatim in that file.
func TestDocExcerpts(t *testing.T) {
	doc, err := os.ReadFile("../../docs/custom-dialect.md")
	if err != nil {
		t.Fatal(err)
	}
	const marker = "<!-- excerpt: "
	n := 0
	for rest := string(doc); ; {
		i := strings.Index(rest, marker)
		if i < 0 {
			break
		}
		rest = rest[i+len(marker):]
		file, after, ok := strings.Cut(rest, " -->\n```go\n")
		if !ok {
			t.Fatalf("an excerpt marker is not followed by a Go block: %.60q", rest)
		}
		code, _, ok := strings.Cut(after, "```\n")
		if !ok {
			t.Fatalf("the excerpt from %s is not closed", file)
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(src), code) {
			t.Errorf("the excerpt from %s is no longer in it:\n%s", file, code)
		}
		n++
	}
	if n < 10 {
		t.Errorf("found %d excerpts; the markers may have been broken", n)
	}
}

// TestNodesAreCacheable shows the nodes opt in to plan caching: equal shapes share a
// plan, and a different path (part of the SQL text) does not.
func TestNodesAreCacheable(t *testing.T) {
	docs := ast.NewTable("docs", ast.Col("id", types.Integer), ast.Col("body", types.JSONType),
		ast.Col("a", types.Integer), ast.Col("b", types.Integer))
	d := customdialect.Dialect()
	cache := compiler.NewCache(10)
	q := func(key string, min int) ast.Node {
		return ast.Select(customdialect.JSONGetOf(docs.C("body"), key)).From(docs).
			Where(ast.Gt(customdialect.GreatestOf(docs.C("a"), docs.C("b")), min))
	}
	for _, step := range []struct {
		key  string
		min  int
		hits uint64
	}{{"x", 1, 0}, {"x", 2, 1}, {"y", 2, 1}} {
		_, args, err := cache.Prepare(d, q(step.key, step.min), compiler.Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(args) != 1 || args[0] != int64(step.min) {
			t.Errorf("args %v", args)
		}
		if st := cache.Stats(); st.Hits != step.hits || st.Uncacheable != 0 {
			t.Errorf("after %+v: %+v", step, st)
		}
	}
}
