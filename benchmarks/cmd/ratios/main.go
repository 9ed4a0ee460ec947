// Command ratios reads `go test -bench` output of the benchmarks module and prints,
// for each query, the median ns/op, cpu-ns/op, B/op and allocs/op of every
// implementation and the ratios of each Strata mode to the fastest peer that sends
// bind parameters and to the hand-written floor, then checks the performance targets.
// Ratios are given for both the wall-clock time (ns/op) and the process CPU time
// (cpu-ns/op, reported by the benchmarks; steadier on a shared machine), each pairing
// the samples of one round of -count (see rel).
//
// Usage:
//
//	go test -run '^$' -bench . -benchmem -count 10 | go run ./cmd/ratios [-md] [file]
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

func main() {
	md := flag.Bool("md", false, "print Markdown tables")
	binding := flag.String("binding", "goqu,squirrel,jet,sqlbuilder", "peers that send values as bind parameters")
	floor := flag.String("floor", "handwritten", "the hand-written floor's sub-benchmark name")
	clock := flag.String("time", "cpu", "time that picks the fastest peer: cpu (cpu-ns/op, when present) or wall (ns/op)")
	flag.Parse()

	in := io.Reader(os.Stdin)
	if flag.NArg() > 0 {
		f, err := os.Open(flag.Arg(0))
		if err != nil {
			fmt.Fprintln(os.Stderr, "ratios:", err)
			os.Exit(1)
		}
		defer f.Close()
		in = f
	}
	res, err := parse(in)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ratios:", err)
		os.Exit(1)
	}
	if len(res.queries) == 0 {
		fmt.Fprintln(os.Stderr, "ratios: no benchmark results in the input")
		os.Exit(1)
	}
	if *clock != "cpu" && *clock != "wall" {
		fmt.Fprintln(os.Stderr, "ratios: -time must be cpu or wall")
		os.Exit(2)
	}
	r := report{res: res, md: *md, binding: strings.Split(*binding, ","), floor: *floor, cpu: *clock == "cpu"}
	r.print(os.Stdout)
}

// A sample is one benchmark line's measurements.
type sample struct{ ns, cpu, bytes, allocs float64 } // cpu is 0 when not reported

// results holds the samples of each query and implementation, in input order.
type results struct {
	queries []string                       // Q1, Q2, … in order of appearance
	impls   map[string][]string            // query → implementations in order
	samples map[string]map[string][]sample // query → implementation → samples
}

// A benchmark line: BenchmarkQ2/strata_cached-8  123  456.7 ns/op  89 B/op  3 allocs/op
var lineRE = regexp.MustCompile(`^Benchmark([^/\s]+)/(\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)

func parse(r io.Reader) (*results, error) {
	res := &results{impls: map[string][]string{}, samples: map[string]map[string][]sample{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		m := lineRE.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		q, impl := m[1], m[2]
		s, ok := metrics(m[3])
		if !ok {
			continue
		}
		if res.samples[q] == nil {
			res.samples[q] = map[string][]sample{}
			res.queries = append(res.queries, q)
		}
		if res.samples[q][impl] == nil {
			res.impls[q] = append(res.impls[q], impl)
		}
		res.samples[q][impl] = append(res.samples[q][impl], s)
	}
	return res, sc.Err()
}

// metrics reads "456.7 ns/op 89 B/op 3 allocs/op"; ns/op is required.
func metrics(s string) (sample, bool) {
	f := strings.Fields(s)
	var out sample
	haveNs := false
	for i := 0; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return sample{}, false
		}
		switch f[i+1] {
		case "ns/op":
			out.ns, haveNs = v, true
		case "cpu-ns/op":
			out.cpu = v
		case "B/op":
			out.bytes = v
		case "allocs/op":
			out.allocs = v
		}
	}
	return out, haveNs
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// med returns the median of each measurement of impl in query q.
func (r *results) med(q, impl string) (sample, bool) {
	ss := r.samples[q][impl]
	if len(ss) == 0 {
		return sample{}, false
	}
	var ns, cpu, b, a []float64
	for _, s := range ss {
		ns, cpu, b, a = append(ns, s.ns), append(cpu, s.cpu), append(b, s.bytes), append(a, s.allocs)
	}
	return sample{median(ns), median(cpu), median(b), median(a)}, true
}

type report struct {
	res     *results
	md      bool
	binding []string
	floor   string
	cpu     bool // choose the fastest peer by cpu-ns/op (where present) rather than ns/op
}

// timeOf returns a sample's wall-clock time per operation, or its CPU time when cpu
// is set and the sample has one.
func timeOf(s sample, cpu bool) float64 {
	if cpu && s.cpu > 0 {
		return s.cpu
	}
	return s.ns
}

// rel returns the time of implementation a relative to b in query q: the median of
// the ratios of their samples taken in the same round of -count (go test runs every
// sub-benchmark of a query once per round), which cancels the drift of a shared
// machine better than a ratio of medians; that is the fallback when the rounds do not
// pair up.
func (r *report) rel(q, a, b string, cpu bool) (float64, bool) {
	sa, sb := r.res.samples[q][a], r.res.samples[q][b]
	if len(sa) == 0 || len(sb) == 0 {
		return 0, false
	}
	if len(sa) != len(sb) {
		ma, _ := r.res.med(q, a)
		mb, _ := r.res.med(q, b)
		if timeOf(mb, cpu) == 0 {
			return 0, false
		}
		return timeOf(ma, cpu) / timeOf(mb, cpu), true
	}
	rs := make([]float64, 0, len(sa))
	for i := range sa {
		if d := timeOf(sb[i], cpu); d > 0 {
			rs = append(rs, timeOf(sa[i], cpu)/d)
		}
	}
	if len(rs) == 0 {
		return 0, false
	}
	return median(rs), true
}

// fastestPeer returns the binding peer with the lowest median time for q.
func (r *report) fastestPeer(q string) (string, bool) {
	best, bestT := "", 0.0
	for _, p := range r.binding {
		if s, ok := r.res.med(q, p); ok && (best == "" || timeOf(s, r.cpu) < bestT) {
			best, bestT = p, timeOf(s, r.cpu)
		}
	}
	return best, best != ""
}

func (r *report) print(w io.Writer) {
	for _, q := range r.res.queries {
		peer, havePeer := r.fastestPeer(q)
		title := q
		if havePeer {
			title += fmt.Sprintf(" (fastest binding peer: %s)", peer)
		}
		head := []string{"implementation", "ns/op", "cpu-ns/op", "B/op", "allocs/op",
			"× peer (wall)", "× peer (cpu)", "× floor (wall)", "× floor (cpu)"}
		r.table(w, title, head, func(row func(...string)) {
			for _, impl := range r.res.impls[q] {
				s, _ := r.res.med(q, impl)
				cells := []string{impl, num(s.ns), "", num(s.bytes), num(s.allocs), "", "", "", ""}
				if s.cpu > 0 {
					cells[2] = num(s.cpu)
				}
				if strings.HasPrefix(impl, "strata_") {
					for i, ref := range []string{peer, peer, r.floor, r.floor} {
						if ref == "" {
							continue
						}
						if v, ok := r.rel(q, impl, ref, i%2 == 1); ok {
							cells[5+i] = fmt.Sprintf("%.3f", v)
						}
					}
				}
				row(cells...)
			}
		})
	}
	r.targets(w)
}

// targets checks the goals set for the compiler on every query. A time target is
// judged on both clocks; "wall only" or "cpu only" says they disagree.
func (r *report) targets(w io.Writer) {
	head := []string{"query", "target", "measured (wall / cpu)", "limit", "holds"}
	r.table(w, "Targets", head, func(row func(...string)) {
		no := "NO"
		if r.md {
			no = "**no**"
		}
		for _, q := range r.res.queries {
			peer, _ := r.fastestPeer(q)
			timed := func(target, a, b string, limit float64) {
				if b == "" {
					return
				}
				wall, ok1 := r.rel(q, a, b, false)
				cpu, ok2 := r.rel(q, a, b, true)
				if !ok1 || !ok2 {
					return
				}
				holds := no
				switch {
				case wall <= limit && cpu <= limit:
					holds = "yes"
				case wall <= limit:
					holds = "wall only"
				case cpu <= limit:
					holds = "cpu only"
				}
				row(q, target, fmt.Sprintf("%.3f× / %.3f×", wall, cpu), fmt.Sprintf("%.2f×", limit), holds)
			}
			counted := func(target string, got, limit float64) {
				holds := "yes"
				if got > limit {
					holds = no
				}
				row(q, target, num(got), num(limit), holds)
			}
			comp, haveComp := r.res.med(q, "strata_compile")
			cached, haveCached := r.res.med(q, "strata_cached")
			build, haveBuild := r.res.med(q, "strata_build")
			timed("uncached ≤ 0.33× peer", "strata_uncached", peer, 0.33)
			timed("compile ≤ 0.1× peer", "strata_compile", peer, 0.1)
			timed("compile ≤ 2× floor", "strata_compile", r.floor, 2)
			if haveComp {
				counted("compile allocs ≤ 3", comp.allocs, 3)
			}
			timed("cached ≤ 0.2× peer", "strata_cached", peer, 0.2)
			if haveCached && haveBuild {
				counted("cached allocs ≤ build + 1", cached.allocs, build.allocs+1)
			}
		}
	})
}

func num(v float64) string {
	switch {
	case v == float64(int64(v)):
		return strconv.FormatInt(int64(v), 10)
	case v < 100:
		return strconv.FormatFloat(v, 'f', 1, 64)
	default:
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
}

// leftAligned reports whether column i holds words rather than numbers.
func leftAligned(head []string, i int) bool {
	return i == 0 || head[i] == "target" || head[i] == "holds"
}

// table prints a title and rows, aligned as text or as a Markdown table.
func (r *report) table(w io.Writer, title string, head []string, rows func(row func(...string))) {
	var all [][]string
	rows(func(cells ...string) { all = append(all, cells) })
	if r.md {
		fmt.Fprintf(w, "\n**%s**\n\n", title)
		fmt.Fprintf(w, "| %s |\n|", strings.Join(head, " | "))
		for i := range head {
			if leftAligned(head, i) {
				fmt.Fprint(w, " --- |")
			} else {
				fmt.Fprint(w, " ---: |")
			}
		}
		fmt.Fprintln(w)
		for _, c := range all {
			fmt.Fprintf(w, "| %s |\n", strings.Join(c, " | "))
		}
		return
	}
	width := make([]int, len(head))
	for _, c := range append([][]string{head}, all...) {
		for i, s := range c {
			width[i] = max(width[i], len([]rune(s)))
		}
	}
	fmt.Fprintf(w, "\n%s\n", title)
	for _, c := range append([][]string{head}, all...) {
		var b strings.Builder
		for i, s := range c {
			pad := strings.Repeat(" ", width[i]-len([]rune(s)))
			if leftAligned(head, i) {
				b.WriteString(s + pad)
			} else {
				b.WriteString(pad + s)
			}
			b.WriteString("  ")
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}
