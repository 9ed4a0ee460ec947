package benchmarks

import "github.com/seed13bb6a42/strata/ast"

// A Builder returns the SQL text of one query and its driver arguments.
type Builder func() (string, []any, error)

// A Query is one query of the workload, with its builder in each library.
type Query struct {
	Name   string
	Strata func() ast.Stmt // builds the Strata tree from the query's inputs
	Hand   Builder         // the hand-written floor
	Peers  []Peer          // other libraries, in a fixed order
}

// A Peer is another library's builder for a query.
type Peer struct {
	Name  string
	Build Builder // nil when the library cannot express the query
	Binds bool    // the library sends values as bind parameters (not in the text)
}

// Workload lists Q1–Q5.
var Workload = []Query{
	{
		Name:   "Q1",
		Strata: func() ast.Stmt { return StrataQ1(In1) },
		Hand:   func() (string, []any, error) { return HandQ1(In1) },
		Peers: []Peer{
			{Name: "goqu", Binds: true, Build: func() (string, []any, error) { return GoquQ1(In1) }},
			{Name: "squirrel", Binds: true, Build: func() (string, []any, error) { return SquirrelQ1(In1) }},
			{Name: "jet", Binds: true, Build: func() (string, []any, error) { return JetQ1(In1) }},
			{Name: "sqlbuilder", Binds: true, Build: func() (string, []any, error) { return SQLBuilderQ1(In1) }},
			{Name: "bun", Build: func() (string, []any, error) { return BunQ1(In1) }},
		},
	},
	{
		Name:   "Q2",
		Strata: func() ast.Stmt { return StrataQ2(In2) },
		Hand:   func() (string, []any, error) { return HandQ2(In2) },
		Peers: []Peer{
			{Name: "goqu", Binds: true, Build: func() (string, []any, error) { return GoquQ2(In2) }},
			{Name: "squirrel", Binds: true, Build: func() (string, []any, error) { return SquirrelQ2(In2) }},
			{Name: "jet", Binds: true, Build: func() (string, []any, error) { return JetQ2(In2) }},
			{Name: "sqlbuilder", Binds: true, Build: func() (string, []any, error) { return SQLBuilderQ2(In2) }},
			{Name: "bun", Build: func() (string, []any, error) { return BunQ2(In2) }},
		},
	},
	{
		Name:   "Q3",
		Strata: func() ast.Stmt { return StrataQ3(In3) },
		Hand:   func() (string, []any, error) { return HandQ3(In3) },
		Peers: []Peer{
			{Name: "goqu", Binds: true, Build: func() (string, []any, error) { return GoquQ3(In3) }},
			{Name: "squirrel", Binds: true, Build: func() (string, []any, error) { return SquirrelQ3(In3) }},
			{Name: "jet", Binds: true, Build: func() (string, []any, error) { return JetQ3(In3) }},
			{Name: "sqlbuilder", Binds: true, Build: func() (string, []any, error) { return SQLBuilderQ3(In3) }},
			{Name: "bun", Build: func() (string, []any, error) { return BunQ3(In3) }},
		},
	},
	{
		Name:   "Q4",
		Strata: func() ast.Stmt { return StrataQ4(In4) },
		Hand:   func() (string, []any, error) { return HandQ4(In4) },
		Peers: []Peer{
			{Name: "goqu", Binds: true, Build: func() (string, []any, error) { return GoquQ4(In4) }},
			{Name: "squirrel", Binds: true, Build: func() (string, []any, error) { return SquirrelQ4(In4) }},
			{Name: "jet", Binds: true, Build: func() (string, []any, error) { return JetQ4(In4) }},
			{Name: "sqlbuilder", Binds: true, Build: func() (string, []any, error) { return SQLBuilderQ4(In4) }},
			{Name: "bun", Build: func() (string, []any, error) { return BunQ4(In4) }},
		},
	},
	{
		Name:   "Q5",
		Strata: func() ast.Stmt { return StrataQ5(In5) },
		Hand:   func() (string, []any, error) { return HandQ5(In5) },
		Peers: []Peer{
			{Name: "goqu", Binds: true, Build: func() (string, []any, error) { return GoquQ5(In5) }},
			{Name: "squirrel", Binds: true, Build: func() (string, []any, error) { return SquirrelQ5(In5) }},
			{Name: "jet", Binds: true, Build: func() (string, []any, error) { return JetQ5(In5) }},
			{Name: "sqlbuilder", Binds: true, Build: func() (string, []any, error) { return SQLBuilderQ5(In5) }},
			{Name: "bun", Build: func() (string, []any, error) { return BunQ5(In5) }},
		},
	},
}
