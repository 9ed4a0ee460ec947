#!/usr/bin/env bash
# run.sh — run the Strata-vs-peers benchmarks, keep the raw output, and print the
# benchstat medians, the ratios of each Strata mode to the fastest binding peer and
# to the hand-written floor, the performance targets, and the plan cache's memory
# per entry.
#
#   COUNT=10 ./run.sh              # every benchmark, 10 runs each (the default)
#   COUNT=5 BENCH='Q2' ./run.sh    # Q2 only
#   BENCHTIME=500ms ./run.sh       # shorter runs (go test's default is 1s)
#
# Raw output goes to results/<UTC date-time>.txt; the cache measurement beside it as
# results/<UTC date-time>.cachemem.txt.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

COUNT=${COUNT:-10}
BENCH=${BENCH:-.}
BENCHTIME=${BENCHTIME:-}

# benchstat: @latest builds with Go 1.26; the pinned version is the fallback should a
# later release require a newer Go.
BENCHSTAT_PIN=golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
gobin=$(go env GOBIN)
[[ -n $gobin ]] || gobin=$(go env GOPATH)/bin
benchstat=$(command -v benchstat || true)
if [[ -z $benchstat && -x $gobin/benchstat ]]; then
	benchstat=$gobin/benchstat
fi
if [[ -z $benchstat ]]; then
	echo "installing benchstat…" >&2
	go install golang.org/x/perf/cmd/benchstat@latest || go install "$BENCHSTAT_PIN"
	benchstat=$gobin/benchstat
fi

stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
mkdir -p results
raw=results/$stamp.txt
cachemem=results/$stamp.cachemem.txt

args=(-run '^$' -bench "$BENCH" -benchmem -count "$COUNT" -timeout 0)
[[ -z $BENCHTIME ]] || args+=(-benchtime "$BENCHTIME")

{
	# File-level configuration lines, which benchstat shows with the results.
	echo "go: $(go env GOVERSION)"
	echo "strata-commit: $(git -C .. rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C .. diff --quiet HEAD -- . ':!benchmarks' 2>/dev/null || echo '+dirty')"
	if [[ -n ${GOWORK:-} && ${GOWORK} != off ]]; then
		echo "gowork: $GOWORK"
	fi
	if [[ -r /proc/cpuinfo ]]; then
		echo "cpu-model: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
		echo "cores: $(nproc)"
	fi
	# Other work on the machine skews the numbers: record how busy it was.
	[[ ! -r /proc/loadavg ]] || echo "loadavg-start: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$raw"

echo "go test ${args[*]}  →  $raw" >&2
go test "${args[@]}" . | tee -a "$raw"
[[ ! -r /proc/loadavg ]] || echo "loadavg-end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$raw"

echo
echo "=== benchstat (medians)"
"$benchstat" "$raw"

echo
echo "=== ratios (medians of this run)"
go run ./cmd/ratios "$raw"

echo
echo "=== plan cache memory"
go test -run '^TestPlanCacheMemory$' -count 1 -v . | grep 'B/entry' | sed 's/^ *[a-z_]*\.go:[0-9]*: //' | tee "$cachemem"
