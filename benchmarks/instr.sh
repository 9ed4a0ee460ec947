#!/usr/bin/env bash
# instr.sh — count the instructions each Strata mode, the hand-written floor and the
# fastest binding peers execute per statement, with valgrind's callgrind, and print
# the ratios. Instruction counts do not depend on what else the machine is doing, so
# they complement run.sh's timings on a noisy machine; they leave out what timings
# include (cache misses, and the garbage collector's marking, which is switched off
# here so that a collection landing in one run and not the other does not count).
#
#   ./instr.sh                 # Q1–Q5
#   QUERIES="Q2" ./instr.sh    # one query
#
# Each count is the difference between a run of N and a run of 2N iterations,
# divided by N, so that start-up and the benchmark's setup cancel out.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
command -v valgrind >/dev/null || { echo "instr.sh needs valgrind" >&2; exit 1; }

QUERIES=${QUERIES:-Q1 Q2 Q3 Q4 Q5}
MODES=${MODES:-strata_build strata_compile strata_compile_args strata_uncached strata_prepare strata_cached handwritten sqlbuilder goqu jet}
bin=$(mktemp -d)/bench.test
go test -c -o "$bin" .

count() { # count <bench> <iterations>
	GOGC=off GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		"$bin" -test.run '^$' -test.bench "^Benchmark$1\$" -test.benchtime "$2x" -test.cpu 1 2>&1 |
		awk '/Collected/ {print $4}'
}

for q in $QUERIES; do
	n=2000
	[[ $q == Q4 ]] && n=100
	for m in $MODES; do
		a=$(count "$q/$m" "$n")
		b=$(count "$q/$m" $((2 * n)))
		echo "$q $m $(((b - a) / n))"
	done
done | awk '
	{ v[$1, $2] = $3; if (!($1 in seen)) { seen[$1] = 1; order[++nq] = $1 } ; if (!($2 in ms)) { ms[$2] = 1; modes[++nm] = $2 } }
	END {
		for (i = 1; i <= nq; i++) {
			q = order[i]; peer = ""
			for (j = 1; j <= nm; j++) {
				m = modes[j]
				if (m ~ /^(goqu|squirrel|jet|sqlbuilder)$/ && (peer == "" || v[q, m] < v[q, peer])) peer = m
			}
			printf "\n%s (fewest instructions among the binding peers: %s)\n", q, peer
			printf "%-20s %12s %9s %9s\n", "implementation", "instr/op", "× peer", "× floor"
			for (j = 1; j <= nm; j++) {
				m = modes[j]
				if (m ~ /^strata/)
					printf "%-20s %12d %9.3f %9.3f\n", m, v[q, m], v[q, m] / v[q, peer], v[q, m] / v[q, "handwritten"]
				else
					printf "%-20s %12d\n", m, v[q, m]
			}
		}
	}'
