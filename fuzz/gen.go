// Package fuzz holds native Go fuzz targets for the compiler: random, well-typed trees
// built from the fuzzer's bytes, checked on every registered dialect.
//
// The generator in this file takes two inputs. The shape bytes decide every node,
// name, type, list length and literal; the value seed decides the bound values and
// nothing else. Two builds from the same bytes and different seeds therefore have the
// same cache key and must compile to the same SQL, which is what FuzzCompile checks.
package fuzz

import (
	"encoding/hex"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/bind"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects/dialecttest"
	"github.com/seed13bb6a42/strata/types"
)

// Bounds on every tree: expression and subquery nesting, list lengths, and the number
// of composite expressions, which keeps every tree quick to compile (and a failing
// input quick to minimise) however long the input is.
const (
	maxDepth  = 4
	maxList   = 5
	maxBudget = 60
	maxInput  = 1024 // shape bytes read; the minimiser drops the rest at once
)

// A Mode selects what the generator may build.
type Mode uint8

// The generator modes.
const (
	// Compile builds anything the ast can express: DML, odd identifiers, every
	// dialect-specific construct, named and expanding parameters, bad names now and
	// then. The trees are compiled, never executed.
	Compile Mode = iota
	// Exec builds SELECT and compound SELECT statements over the fixture tables that
	// SQLite runs and that have one answer: no random(), no clocks, aggregates only
	// where SQL allows them, LIMIT only under an ORDER BY of every selected column.
	Exec
)

// A Tree is what Build returns: the statement and what running it needs.
type Tree struct {
	Stmt   ast.Stmt
	Named  bind.Params // values of the deferred named parameters (ast.Named)
	Lists  bind.Params // lists of the deferred expanding parameters, for Options.Params
	Marker string      // text found in every generated string value, and nowhere else
}

// Options returns the compile options the tree needs, with flags.
func (t Tree) Options(flags compiler.Flags) compiler.Options {
	return compiler.Options{Flags: flags, Params: t.Lists}
}

// Build returns the statement that data describes, with bound values drawn from seed.
// Equal data and seed give Equal trees; equal data and different seeds give trees of
// one shape (one cache key) with different values.
func Build(data []byte, seed uint64, mode Mode) Tree {
	if len(data) > maxInput {
		data = data[:maxInput] // the budget would leave the rest unread anyway
	}
	g := &gen{
		src:    &source{b: data},
		val:    newValues(seed, mode),
		mode:   mode,
		named:  bind.Params{},
		lists:  bind.Params{},
		budget: maxBudget,
	}
	return Tree{Stmt: g.statement(), Named: g.named, Lists: g.lists, Marker: g.val.marker}
}

// Marker returns the marker of the string values drawn from seed.
func Marker(seed uint64) string {
	var b [8]byte
	for i := range b {
		b[i] = byte(seed >> (8 * i))
	}
	return "zq7x" + hex.EncodeToString(b[:])
}

// A source hands out the shape bytes one decision at a time. Once they run out it
// answers 0, and every decision maps 0 to its simplest choice, so any input, even an
// empty one, builds a small finite tree.
type source struct{ b []byte }

func (s *source) next() byte {
	if len(s.b) == 0 {
		return 0
	}
	c := s.b[0]
	s.b = s.b[1:]
	return c
}

// intn returns a choice in [0, n).
func (s *source) intn(n int) int {
	if n <= 1 {
		return 0
	}
	return int(s.next()) % n
}

// bool is a coin toss.
func (s *source) bool() bool { return s.next()&1 == 1 }

// oneIn is true about once in n decisions, and never once the bytes ran out.
func (s *source) oneIn(n int) bool { return s.intn(n) == n-1 }

// count returns a list length in [lo, hi], never above maxList.
func (s *source) count(lo, hi int) int {
	hi = min(hi, maxList)
	return lo + s.intn(hi-lo+1)
}

// values draws bound values from the value seed. Shape decisions never read it.
type values struct {
	r      *rand.Rand
	marker string
	mode   Mode
}

func newValues(seed uint64, mode Mode) *values {
	return &values{r: rand.New(rand.NewPCG(seed, 0x5eed)), marker: Marker(seed), mode: mode}
}

// Pieces of odd strings: quotes of every dialect, escapes, LIKE wildcards, things
// that look like placeholders or comments, non-ASCII text.
var oddPieces = []string{
	"'", "''", `\`, `\'`, `"`, "`", "%", "_", "/", ":name", ":p", "$1", "?", "@p1", "--",
	"/*", "*/", ";", "\n", "\t", " ", "ü", "日本", "🦫", "O'Brien", "x y", `\0`, `\n`,
	"::text", "a", "Z", "0", "-", "||", "\\%",
}

// matchable strings occur in the fixture rows, so that exec-mode conditions select
// some rows and not always none.
var matchable = []string{
	"ann", "bob", "cy", "dee", "eve", "paid", "shipped", "new", "cancelled", "A-1", "B_2",
	"C%3", "root", "eng", "ops", "a", "b", "c", "x y", "O'Brien", "ü", "ann@example.com",
	"eve_50%@example.com", "", "%", "_", "%a%", "%e%", "_o_", "A%", "%1", "b%", "%@example.com",
}

// text returns a string value: odd pieces around the marker (or, in exec mode,
// usually a string the fixture rows contain). Without marked, it leaves the marker
// out, for values the compiler writes inline by design.
func (v *values) text(marked bool) string {
	if v.mode == Exec && v.r.IntN(3) > 0 {
		return matchable[v.r.IntN(len(matchable))]
	}
	var sb strings.Builder
	n := v.r.IntN(4)
	at := v.r.IntN(n + 1)
	for i := 0; i <= n; i++ {
		if i == at && v.mode == Compile && marked {
			sb.WriteString(v.marker)
		}
		if i < n {
			sb.WriteString(oddPieces[v.r.IntN(len(oddPieces))])
		}
	}
	if v.mode == Compile {
		switch v.r.IntN(40) {
		case 0:
			sb.WriteByte(0) // no literal form outside MySQL
		case 1:
			sb.WriteString("\xff") // not UTF-8: no literal form anywhere
		}
	}
	return sb.String()
}

var interestingInts = []int64{
	0, 1, -1, 2, 3, 5, 7, 10, 19, 25, 31, 42, -5, 100, 255, 256, math.MaxInt32, math.MinInt32,
	math.MaxInt32 + 1, math.MaxInt64, math.MinInt64, math.MaxInt64 - 1, math.MinInt64 + 1, 1 << 53,
	-(1 << 53), 9999999999,
}

func (v *values) int() int64 {
	if v.r.IntN(3) == 0 {
		return v.r.Int64N(2001) - 1000
	}
	return interestingInts[v.r.IntN(len(interestingInts))]
}

// small returns a count for LIMIT, OFFSET and round's digits.
func (v *values) small() int64 { return v.r.Int64N(6) }

var interestingFloats = []float64{
	0, math.Copysign(0, -1), 0.5, -0.5, 1.25, -1.25, 88.5, 72.25, 95, 60, 1e300, -1e300,
	1e-300, -1e-300, math.SmallestNonzeroFloat64, math.MaxFloat64, -math.MaxFloat64, 0.1, 1e15,
	123456789.125, 2.5e-5, 100, 250.5,
}

func (v *values) float() float64 {
	if v.r.IntN(3) == 0 {
		return (v.r.Float64() - 0.5) * math.Pow(10, float64(v.r.IntN(12)))
	}
	return interestingFloats[v.r.IntN(len(interestingFloats))]
}

// decimal returns a decimal number as text, the exact form of a NUMERIC value.
func (v *values) decimal() string {
	cents := v.r.Int64N(200001) - 100000
	s := strconv.FormatInt(cents/100, 10)
	if cents < 0 && cents > -100 {
		s = "-0"
	}
	frac := cents % 100
	if frac < 0 {
		frac = -frac
	}
	return s + "." + strconv.FormatInt(frac/10, 10) + strconv.FormatInt(frac%10, 10)
}

func (v *values) time() time.Time {
	base := time.Date(2023, 12, 1, 0, 0, 0, 0, time.UTC)
	t := base.Add(time.Duration(v.r.Int64N(200*24*3600)) * time.Second)
	if v.r.IntN(4) == 0 {
		// The fixture times: equal ones must be found.
		fixed := []string{"2024-01-15 10:30:00", "2024-02-01 08:00:00", "2024-03-10 12:00:00", "2024-03-12 12:00:00"}
		t, _ = time.Parse("2006-01-02 15:04:05", fixed[v.r.IntN(len(fixed))])
	}
	switch v.r.IntN(6) {
	case 0:
		t = t.Add(time.Duration(v.r.Int64N(1e9))) // sub-second, down to nanoseconds, as time.Now()
	case 1:
		if v.mode == Compile {
			t = t.In(time.FixedZone("", (v.r.IntN(27)-12)*3600))
		}
	}
	return t
}

// A kind is the generator's coarse type of an expression.
type kind uint8

const (
	kInt kind = iota
	kFloat
	kNum
	kText
	kBool
	kTime
	numKinds
)

func kindOf(t *types.Type) kind {
	switch types.Of(t).Kind {
	case types.SmallInt, types.Int, types.BigInt:
		return kInt
	case types.Float, types.Double:
		return kFloat
	case types.Numeric:
		return kNum
	case types.Boolean:
		return kBool
	case types.Date, types.Time, types.TimeTZ, types.Timestamp, types.TimestampTZ:
		return kTime
	}
	return kText
}

// typeOf returns the column type the generator uses for k.
func typeOf(k kind) *types.Type {
	switch k {
	case kInt:
		return types.Integer
	case kFloat:
		return types.DoubleFloat
	case kNum:
		return types.Decimal(10, 2)
	case kBool:
		return types.Bool
	case kTime:
		return types.DateTime
	}
	return types.Text
}

// A column is one column a FROM item offers.
type column struct {
	name string
	kind kind
}

// A rel is a FROM item in scope with the columns its references may name.
type rel struct {
	item ast.FromItem
	cols []column
}

func (r rel) col(c column) *ast.Column {
	switch x := r.item.(type) {
	case *ast.Table:
		return x.C(c.name)
	case *ast.Alias:
		return x.C(c.name)
	case *ast.CTE:
		return x.C(c.name)
	}
	return ast.Col(c.name, typeOf(c.kind))
}

func tableRel(t *ast.Table) rel {
	r := rel{item: t}
	for _, c := range t.Columns {
		r.cols = append(r.cols, column{name: c.Name, kind: kindOf(c.Type)})
	}
	return r
}

// Identifiers every dialect must quote or refuse: reserved words, spaces, quotes of
// each dialect, placeholders look-alikes, non-ASCII, leading digits, upper case.
var oddNames = []string{
	"select", "User Name", `a"b`, "a`b", "it's", "ünï", "日本語", "$1", ":name", "?", "a.b",
	"1abc", "ORDER", "Mixed", "end", "x--y", "a/*b*/", "group", "key", "values", "from",
	"Odd Table", "new", "excluded", "limited", "src", "DUAL", "rowid", "user", "default",
	"c0", "all", "window", "lateral", "🦫", "a b c", `\`, "%s", "t1",
	strings.Repeat("n", 63), strings.Repeat("m", 64),
}

// badNames are refused by some or all dialects with a CompileError.
var badNames = []string{"", "a\x00b", "\xff\xfe", strings.Repeat("w", 65), strings.Repeat("é", 40)}

// The tables of compile mode besides the fixtures: declared ones with odd names, a
// schema-qualified one and one with undeclared columns.
var (
	oddSelect = ast.NewTable("select",
		ast.Col("from", types.Integer),
		ast.Col("User Name", types.String(40)),
		ast.Col(`a"b`, types.Text),
		ast.Col("ünï", types.Bool),
		ast.Col("order`s", types.DoubleFloat),
		ast.Col("$1", types.DateTime),
		ast.Col(":name", types.Decimal(10, 2)),
		ast.Col("?", types.BigInteger),
	)
	oddSchema = ast.NewSchemaTable("my schema", "it's",
		ast.Col("key", types.Integer),
		ast.Col("values", types.Text),
		ast.Col("group", types.SmallInteger),
		ast.Col("Mixed", types.TimestampP(3, true)),
	)
	oddLoose  = ast.T("x y")
	looseCols = []column{{"a b", kInt}, {"Mixed", kText}, {"end", kFloat}, {"ü", kBool}}
)

var execTables = dialecttest.Tables

var compileTables = append(append([]*ast.Table{}, dialecttest.Tables...), oddSelect, oddSchema)

// The primary key of each declared table: the conflict target of upserts.
var primaryKey = map[*ast.Table]string{
	dialecttest.Users: "id", dialecttest.Orders: "id", dialecttest.Items: "id",
	dialecttest.Depts: "id", dialecttest.KV: "k", dialecttest.Odd: "select",
	oddSelect: "from", oddSchema: "key",
}

// exprCtx says what an expression being built may contain.
type exprCtx struct {
	agg     bool      // aggregates allowed here
	win     bool      // window functions allowed here
	grouped bool      // outside aggregates, only keys may be referenced
	keys    []keyExpr // the GROUP BY expressions, when grouped
}

type keyExpr struct {
	e ast.Expr
	k kind
}

type gen struct {
	src    *source
	val    *values
	mode   Mode
	named  bind.Params
	lists  bind.Params
	scopes [][]rel // FROM items visible to column references, innermost last
	depth  int
	ctx    exprCtx
	inline bool // building an index predicate, whose bound values are written inline by design
	serial int  // numbers generated names
	budget int  // composite expressions and subqueries still allowed
}

func (g *gen) exec() bool { return g.mode == Exec }

// enter counts one level of nesting and reports whether there is room for it.
func (g *gen) enter() bool {
	if g.depth >= maxDepth || g.budget <= 0 {
		return false
	}
	g.depth++
	g.budget--
	return true
}

// roomForQuery reports whether a subquery may be built here.
func (g *gen) roomForQuery() bool { return g.depth+1 < maxDepth && g.budget > 8 }

func (g *gen) leave() { g.depth-- }

// name returns a name for an alias, CTE or label: unique in exec mode, where it is
// also valid everywhere; in compile mode sometimes odd, sometimes invalid.
func (g *gen) name(prefix string) string {
	g.serial++
	if !g.exec() {
		switch {
		case g.src.oneIn(40):
			return badNames[g.src.intn(len(badNames))]
		case g.src.oneIn(3):
			return oddNames[g.src.intn(len(oddNames))]
		}
	}
	return prefix + strconv.Itoa(g.serial)
}

func (g *gen) pickKind() kind { return kind(g.src.intn(int(numKinds))) }

func (g *gen) kinds(lo, hi int) []kind {
	ks := make([]kind, g.src.count(lo, hi))
	for i := range ks {
		ks[i] = g.pickKind()
	}
	return ks
}

// statement builds the top-level statement.
func (g *gen) statement() ast.Stmt {
	if g.exec() {
		want := g.kinds(1, 3)
		if g.src.oneIn(4) {
			return g.compound(want)
		}
		s, _ := g.selectStmt(want, false)
		return s
	}
	switch g.src.intn(10) {
	case 5:
		return g.compound(g.kinds(1, 3))
	case 6, 7:
		return g.insert()
	case 8:
		return g.update()
	case 9:
		return g.delete()
	}
	s, _ := g.selectStmt(g.kinds(1, 4), false)
	return s
}
