package main

import (
	"strings"
	"testing"
)

const sampleOutput = `goos: linux
BenchmarkQ2/strata_build-8         	  100	  1000 ns/op	  900 cpu-ns/op	 2000 B/op	 29 allocs/op
BenchmarkQ2/strata_compile-8       	  100	  1400 ns/op	  800 B/op	  3 allocs/op
BenchmarkQ2/strata_compile-8       	  100	  1600 ns/op	  800 B/op	  3 allocs/op
BenchmarkQ2/strata_compile-8       	  100	  1500 ns/op	  800 B/op	  3 allocs/op
BenchmarkQ2/handwritten-8          	  100	   250 ns/op	  400 B/op	  3 allocs/op
BenchmarkQ2/goqu-8                 	  100	 9000 ns/op	 9000 B/op	267 allocs/op
BenchmarkQ2/sqlbuilder-8           	  100	 3000 ns/op	 3000 B/op	 55 allocs/op
BenchmarkQ2/bun-8                  	  100	 2000 ns/op	 2500 B/op	 26 allocs/op
PASS
`

func TestParseAndReport(t *testing.T) {
	res, err := parse(strings.NewReader(sampleOutput))
	if err != nil {
		t.Fatal(err)
	}
	s, ok := res.med("Q2", "strata_compile")
	if !ok || s.ns != 1500 || s.allocs != 3 {
		t.Fatalf("median %+v %v", s, ok)
	}
	if s, _ := res.med("Q2", "strata_build"); s.cpu != 900 {
		t.Errorf("cpu-ns/op %v, want 900", s.cpu)
	}
	r := report{res: res, binding: []string{"goqu", "squirrel", "jet", "sqlbuilder"}, floor: "handwritten", cpu: true}
	if p, _ := r.fastestPeer("Q2"); p != "sqlbuilder" {
		t.Errorf("fastest binding peer %q, want sqlbuilder (bun does not bind)", p)
	}
	var out strings.Builder
	r.print(&out)
	// strata_compile: 1500/3000 of the peer, 1500/250 of the floor; strata_build: 900/3000.
	for _, want := range []string{"0.500", "6.000", "0.300", "compile ≤ 0.1× peer", "NO"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}
