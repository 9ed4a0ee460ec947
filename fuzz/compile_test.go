package fuzz

import (
	"fmt"
	"math"
	"reflect"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/bind"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects"
	"github.com/seed13bb6a42/strata/types"

	// The dialects under test register themselves.
	_ "github.com/seed13bb6a42/strata/dialects/mysql"
	_ "github.com/seed13bb6a42/strata/dialects/postgres"
	_ "github.com/seed13bb6a42/strata/dialects/questdb"
	_ "github.com/seed13bb6a42/strata/dialects/sqlite"
	_ "github.com/seed13bb6a42/strata/dialects/yugabyte"
)

// registered returns every registered dialect once: names whose dialect carries
// another name (postgresql, sqlite3) are aliases.
func registered(tb testing.TB) []*compiler.Dialect {
	tb.Helper()
	var out []*compiler.Dialect
	for _, name := range dialects.Names() {
		d, err := dialects.Lookup(name)
		if err != nil {
			tb.Fatalf("dialects.Lookup(%q): %v", name, err)
		}
		if d.Name == name {
			out = append(out, d)
		}
	}
	if len(out) < 4 {
		tb.Fatalf("only %d dialects registered", len(out))
	}
	return out
}

// The flag sets every tree is compiled with.
var flagSets = []compiler.Flags{
	0,
	compiler.InlineLiterals,
	compiler.Fingerprint,
	compiler.QuoteAll | compiler.InlineLiterals,
}

// The flag sets a cache serves (InlineLiterals never is cached).
var cachedFlagSets = []compiler.Flags{0, compiler.Fingerprint | compiler.QuoteAll}

// otherSeed derives the value seed of the second tree of rule 4.
func otherSeed(seed uint64) uint64 { return seed ^ 0x9e3779b97f4a7c15 }

// compileSeeds are inputs worth keeping in code: the empty input (the simplest tree),
// and a few byte patterns that reach DML, compounds and deep expressions.
var compileSeeds = []struct {
	data []byte
	seed uint64
}{
	{nil, 0},
	{[]byte("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"), 1},
	{[]byte("\x06\x01\x02\x01\x03\x02\x05\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09"), 2},
	{[]byte("\x07\x00\x01\x03\x00\x02\x01\x05\x09\x02\x04\x06\x08\x0a\x0c\x0e\x10\x12"), 3},
	{[]byte("\x08\x03\x02\x05\x01\x04\x07\x0b\x0d\x11\x13\x17\x1d\x1f\x25\x29\x2b\x2f"), 4},
	{[]byte("\x09\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\xcc\xdd\xee\xff"), 5},
	{[]byte("\x05\x02\x03\x01\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4\xf3\xf2\xf1"), 6},
	{[]byte("tangled SQL trees, quoted every way: 'it''s' \"a\"\"b\" `c``d`"), 7},
}

// FuzzCompile builds a tree from the input and checks, on every registered dialect and
// under every flag set:
//
//  1. compiling never panics, and every error is a *compiler.CompileError (not a
//     recovered panic), a *compiler.UnsupportedError or a *types.ConversionError;
//  2. compiling twice gives the same SQL and parameters;
//  3. compiling does not change the tree (it is Equal to a tree built again from the
//     same input), even when every dialect compiles it at once from its own goroutines;
//  4. a tree of the same shape with other values has the same cache key, the same SQL
//     and the same parameter slots, and a Cache answers it with the first tree's plan
//     and the second tree's arguments, also when shared by goroutines and evicting;
//  5. no bound string value appears in the SQL text unless InlineLiterals is set;
//
// and that the SQL text scans cleanly (see checkLexical). docs/fuzzing.md has more.
func FuzzCompile(f *testing.F) {
	ds := registered(f)
	for _, s := range compileSeeds {
		f.Add(s.data, s.seed)
	}
	f.Fuzz(func(t *testing.T, data []byte, seed uint64) {
		if r := checkTree(ds, data, seed); len(r) > 0 {
			t.Fatal(strings.Join(r, "\n"))
		}
	})
}

// A report collects what the checks found wrong.
type report []string

func (r *report) add(format string, args ...any) { *r = append(*r, fmt.Sprintf(format, args...)) }

// checkTree runs every check of FuzzCompile on the tree data and seed describe.
func checkTree(ds []*compiler.Dialect, data []byte, seed uint64) report {
	tree := Build(data, seed, Compile)
	r := checkCompiles(ds, tree) // rules 1, 2, 5, and 3's concurrency
	if len(r) > 0 {
		return r
	}
	if !ast.Equal(tree.Stmt, Build(data, seed, Compile).Stmt) { // rule 3
		r.add("compiling changed the tree (or ast.Equal is not reflexive)\n%s", describe(ds[0], tree))
		return r
	}
	other := Build(data, otherSeed(seed), Compile)
	if r = checkShape(ds, tree, other); len(r) > 0 { // rule 4
		return r
	}
	return checkSharedCache(ds, tree, other) // rules 3 and 4 together
}

// A result is one compilation and the arguments of its plan.
type result struct {
	plan    *compiler.Plan
	err     error
	args    []any
	argsErr error
	panic   string
}

// compile compiles n for d, turning a panic into a result the checks report.
func compile(d *compiler.Dialect, n ast.Node, o compiler.Options, named bind.Params) (r result) {
	defer func() {
		if p := recover(); p != nil {
			r = result{panic: fmt.Sprintf("%v\n%s", p, debug.Stack())}
		}
	}()
	r.plan, r.err = d.CompileWith(n, o)
	if r.err == nil {
		r.args, r.argsErr = r.plan.Args(named)
	}
	return r
}

// checkError reports an error that is not one of the compiler's typed errors, or a
// CompileError that is a recovered panic.
func (r *report) checkError(what string, err error) {
	switch e := err.(type) {
	case nil, *compiler.UnsupportedError, *types.ConversionError:
	case *compiler.CompileError:
		if strings.HasPrefix(e.Msg, "internal error") {
			r.add("%s: the compiler recovered from a panic: %v", what, err)
		}
	default:
		r.add("%s: error of type %T, want *compiler.CompileError, *compiler.UnsupportedError or *types.ConversionError: %v", what, err, err)
	}
}

// checkCompiles compiles tree on every dialect under every flag set, twice each, all
// at once, and checks the results (rules 1, 2 and 5; rule 3's concurrency).
func checkCompiles(ds []*compiler.Dialect, tree Tree) report {
	var rep report
	const copies = 2
	results := make([][][copies]result, len(ds))
	var wg sync.WaitGroup
	for i, d := range ds {
		results[i] = make([][copies]result, len(flagSets))
		for j, fl := range flagSets {
			for k := range copies {
				wg.Go(func() {
					results[i][j][k] = compile(d, tree.Stmt, tree.Options(fl), tree.Named)
				})
			}
		}
	}
	wg.Wait()
	for i, d := range ds {
		for j, fl := range flagSets {
			what := fmt.Sprintf("%s with flags %03b", d.Name, fl)
			rs := results[i][j]
			for _, r := range rs {
				if r.panic != "" {
					rep.add("%s: panic: %s\ntree: %s", what, r.panic, describe(d, tree))
					return rep
				}
				rep.checkError(what, r.err)
				rep.checkError(what+": Args", r.argsErr)
			}
			for k := 1; k < copies; k++ {
				if diff := diffResults(rs[0], rs[k]); diff != "" {
					rep.add("%s: two compilations differ: %s", what, diff)
				}
			}
			r := rs[0]
			if r.err != nil {
				continue
			}
			if err := checkLexical(d, r.plan.SQL, len(r.plan.Params), fl&compiler.Fingerprint != 0); err != nil {
				rep.add("%s: %v:\n%s", what, err, r.plan.SQL)
			}
			if fl&compiler.InlineLiterals == 0 && strings.Contains(r.plan.SQL, tree.Marker) {
				rep.add("%s: a bound value is in the SQL text:\n%s", what, r.plan.SQL)
			}
		}
	}
	return rep
}

func diffResults(a, b result) string {
	if errText(a.err) != errText(b.err) {
		return fmt.Sprintf("error %q, then %q", errText(a.err), errText(b.err))
	}
	if a.err != nil {
		return ""
	}
	if a.plan.SQL != b.plan.SQL {
		return fmt.Sprintf("SQL\n\t%s\nthen\n\t%s", a.plan.SQL, b.plan.SQL)
	}
	if d := diffParams(a.plan.Params, b.plan.Params, true); d != "" {
		return d
	}
	if errText(a.argsErr) != errText(b.argsErr) || !sameValues(a.args, b.args) {
		return fmt.Sprintf("arguments %v (%v), then %v (%v)", a.args, a.argsErr, b.args, b.argsErr)
	}
	return ""
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// diffParams compares two parameter lists: names, types and deferral, and the bound
// values too when values is set.
func diffParams(a, b []compiler.Param, values bool) string {
	if len(a) != len(b) {
		return fmt.Sprintf("%d parameters, then %d", len(a), len(b))
	}
	for i := range a {
		p, q := a[i], b[i]
		if p.Name != q.Name || p.Deferred != q.Deferred || !types.Equal(p.Type, q.Type) {
			return fmt.Sprintf("parameter %d is %+v, then %+v", i+1, p, q)
		}
		if values && (!sameValue(p.Value, q.Value) || p.Index != q.Index) {
			return fmt.Sprintf("parameter %d holds %#v (index %d), then %#v (index %d)", i+1, p.Value, p.Index, q.Value, q.Index)
		}
	}
	return ""
}

// sameValue compares values exactly: floats by their bits, times by instant and zone.
func sameValue(a, b any) bool {
	switch x := a.(type) {
	case float64:
		y, ok := b.(float64)
		return ok && math.Float64bits(x) == math.Float64bits(y)
	case float32:
		y, ok := b.(float32)
		return ok && math.Float32bits(x) == math.Float32bits(y)
	case time.Time:
		y, ok := b.(time.Time)
		return ok && x.Equal(y) && x.Location().String() == y.Location().String()
	}
	return reflect.DeepEqual(a, b)
}

func sameValues(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameValue(a[i], b[i]) {
			return false
		}
	}
	return true
}

// checkShape is rule 4: trees a and b differ in their bound values only.
func checkShape(ds []*compiler.Dialect, a, b Tree) (rep report) {
	for _, d := range ds {
		for _, fl := range cachedFlagSets {
			what := fmt.Sprintf("%s with flags %03b", d.Name, fl)
			oa, ob := a.Options(fl), b.Options(fl)
			ka, _, oka := compiler.Key(d, a.Stmt, oa)
			kb, valsB, okb := compiler.Key(d, b.Stmt, ob)
			if ka != kb || oka != okb {
				// Some values are shape: those rendered inline (a partial-index
				// conflict predicate), and a name bound to two different values, which
				// makes a statement uncacheable and is refused. Different keys then
				// cost a cache miss, never a wrong plan; what must hold — equal keys
				// give equal SQL — is checked below for the keys that are equal.
				continue
			}
			if !oka {
				continue
			}
			ra := compile(d, a.Stmt, oa, a.Named)
			rb := compile(d, b.Stmt, ob, b.Named)
			if (ra.err == nil) != (rb.err == nil) {
				rep.add("%s: equal keys, but one tree compiles and the other does not:\n%s\n\t%v\n%s\n\t%v",
					what, sqlOf(ra), ra.err, sqlOf(rb), rb.err)
				return rep
			}
			if ra.err != nil {
				continue
			}
			if ra.plan.SQL != rb.plan.SQL {
				rep.add("%s: equal keys, different SQL:\n\t%s\n\t%s", what, ra.plan.SQL, rb.plan.SQL)
				return rep
			}
			if diff := diffParams(ra.plan.Params, rb.plan.Params, false); diff != "" {
				rep.add("%s: equal keys, different parameters: %s\n\t%s", what, diff, ra.plan.SQL)
				return rep
			}

			// A cache compiles a, then answers b from a's plan with b's values.
			cache := compiler.NewCache(4)
			pa, _, errA := cache.Prepare(d, a.Stmt, oa, a.Named)
			stored := cache.Stats().Misses == 1
			pb, args, errB := cache.Prepare(d, b.Stmt, ob, b.Named)
			rep.checkError(what+": Prepare", errA)
			rep.checkError(what+": Prepare", errB)
			if (errA == nil) != (ra.argsErr == nil) || (errB == nil) != (rb.argsErr == nil) {
				rep.add("%s: Prepare errors %v, %v; compiling gave %v, %v", what, errA, errB, ra.argsErr, rb.argsErr)
				return rep
			}
			if errB != nil {
				continue
			}
			if stored {
				if st := cache.Stats(); st.Hits != 1 || pb != pa {
					rep.add("%s: the second tree of one shape was not a cache hit: %+v", what, st)
					return rep
				}
			}
			if pb.SQL != rb.plan.SQL {
				rep.add("%s: the cached plan's SQL differs from compiling the tree:\n\t%s\n\t%s", what, pb.SQL, rb.plan.SQL)
				return rep
			}
			if diff := diffParams(pb.Params, rb.plan.Params, false); diff != "" {
				rep.add("%s: the cached plan's parameters differ from compiling the tree: %s", what, diff)
				return rep
			}
			if !sameValues(args, rb.args) {
				rep.add("%s: the cache gave arguments\n\t%#v\nand compiling the tree\n\t%#v\nSQL: %s", what, args, rb.args, pb.SQL)
				return rep
			}
			if stored {
				for i, p := range pb.Params {
					if p.Deferred {
						continue
					}
					if p.Index < 0 || p.Index >= len(valsB) || !sameValue(valsB[p.Index], rb.plan.Params[i].Value) {
						rep.add("%s: parameter %d of the cached plan has index %d, which is not its value", what, i+1, p.Index)
						return rep
					}
				}
			}
		}
	}
	return rep
}

// checkSharedCache prepares both trees on every dialect from several goroutines at
// once through one small cache, which evicts all the time, and checks each answer
// against compiling the tree directly.
func checkSharedCache(ds []*compiler.Dialect, a, b Tree) (rep report) {
	type want struct {
		sql  string
		args []any
		ok   bool
	}
	trees := []Tree{a, b}
	wants := make([][]want, len(ds))
	for i, d := range ds {
		for _, tr := range trees {
			r := compile(d, tr.Stmt, tr.Options(0), tr.Named)
			wants[i] = append(wants[i], want{sqlOf(r), r.args, r.err == nil && r.argsErr == nil})
		}
	}
	cache := compiler.NewCache(2)
	const workers = 4
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for n := range len(ds) * len(trees) {
				n = (n + w) % (len(ds) * len(trees)) // each worker in its own order
				i, j := n/len(trees), n%len(trees)
				tr := trees[j]
				p, args, err := cache.Prepare(ds[i], tr.Stmt, tr.Options(0), tr.Named)
				wt := wants[i][j]
				if (err == nil) != wt.ok || err == nil && (p.SQL != wt.sql || !sameValues(args, wt.args)) {
					mu.Lock()
					rep.add("%s: a shared cache gave\n\t%s %v (%v)\ninstead of\n\t%s %v", ds[i].Name, sqlOf(result{plan: p}), args, err, wt.sql, wt.args)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	return rep
}

func sqlOf(r result) string {
	if r.plan == nil {
		return "(no plan)"
	}
	return r.plan.SQL
}

// describe shows a tree for a failure message: its SQL on d with values inline, or
// with placeholders, or why it does not compile.
func describe(d *compiler.Dialect, tree Tree) string {
	if p, err := d.CompileWith(tree.Stmt, tree.Options(compiler.InlineLiterals)); err == nil {
		return p.SQL
	}
	p, err := d.CompileWith(tree.Stmt, tree.Options(0))
	if err != nil {
		return "(does not compile: " + err.Error() + ")"
	}
	return p.SQL
}
