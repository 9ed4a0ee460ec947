package benchmarks

import (
	"testing"

	"golang.org/x/sys/unix"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
)

// Sinks keep every result alive, so no work is optimised away.
var (
	sinkSQL  string
	sinkArgs []any
	sinkStmt ast.Stmt
	sinkPlan *compiler.Plan
)

func BenchmarkQ1(b *testing.B) { benchQuery(b, Workload[0]) }
func BenchmarkQ2(b *testing.B) { benchQuery(b, Workload[1]) }
func BenchmarkQ3(b *testing.B) { benchQuery(b, Workload[2]) }
func BenchmarkQ4(b *testing.B) { benchQuery(b, Workload[3]) }
func BenchmarkQ5(b *testing.B) { benchQuery(b, Workload[4]) }

// benchQuery runs one sub-benchmark per way of producing q's SQL and arguments.
// The Strata modes:
//
//	strata_build         build the tree only
//	strata_compile       Compile a tree built once, outside the loop (no arguments)
//	strata_compile_args  Compile a tree built once, and convert its arguments
//	strata_uncached      build + Compile + arguments: what a peer does
//	strata_prepare       Cache.Prepare on a tree built once (key walk, plan hit, arguments)
//	strata_cached        build + Cache.Prepare: what a peer does, with the plan cache
func benchQuery(b *testing.B, q Query) {
	b.Run("strata_build", func(b *testing.B) {
		measure(b, func() { sinkStmt = q.Strata() })
	})
	b.Run("strata_compile", func(b *testing.B) {
		stmt := q.Strata()
		measure(b, func() {
			p, err := PG.Compile(stmt)
			if err != nil {
				b.Fatal(err)
			}
			sinkPlan = p
		})
	})
	b.Run("strata_compile_args", func(b *testing.B) {
		stmt := q.Strata()
		measure(b, func() {
			p, err := PG.Compile(stmt)
			if err != nil {
				b.Fatal(err)
			}
			if sinkArgs, err = p.Args(nil); err != nil {
				b.Fatal(err)
			}
			sinkPlan = p
		})
	})
	b.Run("strata_uncached", func(b *testing.B) {
		measure(b, func() { run(b, func() (string, []any, error) { return StrataSQL(q.Strata()) }) })
	})
	b.Run("strata_prepare", func(b *testing.B) {
		stmt, cache := q.Strata(), compiler.NewCache(64)
		measure(b, func() { run(b, func() (string, []any, error) { return StrataCached(cache, stmt) }) })
	})
	b.Run("strata_cached", func(b *testing.B) {
		cache := compiler.NewCache(64)
		measure(b, func() { run(b, func() (string, []any, error) { return StrataCached(cache, q.Strata()) }) })
		if st := cache.Stats(); st.Misses != 1 || st.Uncacheable != 0 {
			b.Fatalf("cache did not serve hits: %+v", st)
		}
	})
	b.Run("handwritten", func(b *testing.B) {
		measure(b, func() { run(b, q.Hand) })
	})
	for _, p := range q.Peers {
		if p.Build == nil {
			continue
		}
		b.Run(p.Name, func(b *testing.B) {
			measure(b, func() { run(b, p.Build) })
		})
	}
}

// measure runs op in the benchmark loop and reports, besides the wall-clock ns/op,
// the process CPU time per operation (cpu-ns/op). On a busy machine wall time counts
// the time other processes held the CPU; CPU time counts only this process's work,
// including the garbage collector's on other threads.
func measure(b *testing.B, op func()) {
	b.ReportAllocs()
	c0 := cpuTime()
	for b.Loop() {
		op()
	}
	if c1 := cpuTime(); c0 >= 0 && c1 >= 0 && b.N > 0 {
		b.ReportMetric(float64(c1-c0)/float64(b.N), "cpu-ns/op")
	}
}

// cpuTime returns the CPU time the process has used, in nanoseconds, or -1.
func cpuTime() int64 {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_PROCESS_CPUTIME_ID, &ts); err != nil {
		return -1
	}
	return ts.Nano()
}

func run(b *testing.B, f Builder) {
	s, args, err := f()
	if err != nil {
		b.Fatal(err)
	}
	sinkSQL, sinkArgs = s, args
}
