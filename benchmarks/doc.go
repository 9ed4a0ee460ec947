// Package benchmarks compares the cost of building and compiling statements with
// Strata against hand-written SQL and other Go SQL builders.
//
// Each query of the workload (Q1–Q5) has one builder per library in this package,
// all producing PostgreSQL text with $n placeholders and the arguments for it; the
// benchmarks and the equivalence tests call the same builders. See
// docs/performance.md for the results and run.sh to reproduce them.
package benchmarks
