// Package dialecttest is the conformance harness for Strata dialects, built-in or
// third-party. Its cases cover the expression language; Run compiles every case for a
// dialect, checks what every dialect must guarantee, and, given a database, executes
// the SQL against fixture tables so that no case can pass with SQL the server rejects.
//
// A third-party dialect runs it from its own tests:
//
//	func TestConformance(t *testing.T) {
//		db := openMyDatabase(t) // or nil to compile only
//		dialecttest.Run(t, mydialect.Dialect(), db)
//	}
package dialecttest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/bind"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/types"
)

// A Case is one statement, compiled on every dialect.
type Case struct {
	Name    string           // unique; names the golden file
	Build   func() ast.Node  // builds the statement; called once per compilation
	Params  bind.Params      // values of deferred named parameters, supplied at execution
	Options compiler.Options // compile options (flags, expanding named lists)
	// Invalid marks bad input: every dialect must refuse it with a
	// *compiler.CompileError (or, for a value, a *types.ConversionError), never an
	// UnsupportedError, a panic or SQL.
	Invalid bool
	// InvalidOn lists the dialects on which the input is bad, for limits that differ
	// by dialect (identifier length, NaN); elsewhere the case must compile.
	InvalidOn []string
	// NoExec, when set, says why the compiled SQL is not executed against the
	// fixtures (for example a statement that is valid but needs objects the fixtures
	// lack). Use it sparingly: executing is what proves the SQL.
	NoExec string
	// Setup holds statements run before the case when it is executed, such as the
	// CREATE TABLE an ALTER TABLE case alters; Teardown holds statements that remove
	// what the case and its setup made (DROP … IF EXISTS), run after it even when it
	// fails. Both are compiled for the dialect under test; a statement the dialect
	// does not support is skipped. Schema cases name their objects ddl_… so that they
	// meet neither the fixtures nor each other.
	Setup, Teardown []ast.Node
	// ExecOn, when set, lists the only dialects (by name) on which the case is
	// executed, for SQL naming objects that exist on some servers only, such as a
	// collation; the others compile it.
	ExecOn []string
}

var (
	mu    sync.Mutex
	cases []Case
	names = map[string]bool{}
)

// Add registers cases; the case files of this package call it from init. A
// duplicate name panics.
func Add(cs ...Case) {
	mu.Lock()
	defer mu.Unlock()
	for _, c := range cs {
		if names[c.Name] {
			panic("dialecttest: duplicate case name " + c.Name)
		}
		names[c.Name] = true
		cases = append(cases, c)
	}
}

// Cases returns every case, sorted by name.
func Cases() []Case {
	mu.Lock()
	defer mu.Unlock()
	out := slices.Clone(cases)
	slices.SortFunc(out, func(a, b Case) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Result is what compiling a case gives on one dialect.
type Result struct {
	Plan *compiler.Plan
	Args []any // driver arguments, with Params filled in
	Err  error
}

// Compile compiles c for d, turning a panic into an error so that callers can report it.
func Compile(c Case, d *compiler.Dialect) (r Result) {
	defer func() {
		if p := recover(); p != nil {
			r = Result{Err: fmt.Errorf("panic: %v", p)}
		}
	}()
	plan, err := d.CompileWith(c.Build(), c.Options)
	if err != nil {
		return Result{Err: err}
	}
	args, err := plan.Args(c.Params)
	if err != nil {
		return Result{Plan: plan, Err: err}
	}
	return Result{Plan: plan, Args: args}
}

// Format renders a result for a golden file: the SQL and its arguments, or the error.
func (r Result) Format() string {
	if r.Err != nil {
		return "error: " + r.Err.Error() + "\n"
	}
	var sb strings.Builder
	sb.WriteString(r.Plan.SQL)
	sb.WriteString("\nargs: [")
	for i, a := range r.Args {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(FormatValue(a))
	}
	sb.WriteString("]\n")
	if len(r.Plan.Columns()) > 0 {
		sb.WriteString("columns:")
		for _, col := range r.Plan.Columns() {
			name := col.Name
			if name == "" {
				name = "?"
			}
			sb.WriteString(" " + name)
			if col.Type != nil {
				sb.WriteString(" " + col.Type.String())
			}
			sb.WriteByte(';')
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}

// FormatValue prints a driver value unambiguously: strings quoted, times in RFC 3339.
func FormatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return strconv.Quote(x)
	case []byte:
		return "x" + strconv.Quote(fmt.Sprintf("%x", x))
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Sprint(x)
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return fmt.Sprint(v)
}

// Check verifies the guarantees every dialect owes a case: no panic, a refusal of
// invalid input with a CompileError, a supported construct compiling or an
// UnsupportedError otherwise, deterministic output, and no bound string value
// spliced into the SQL text.
func Check(c Case, d *compiler.Dialect) (Result, error) {
	r := Compile(c, d)
	if r.Err != nil && strings.HasPrefix(r.Err.Error(), "panic:") {
		return r, r.Err
	}
	var ce *compiler.CompileError
	var ue *compiler.UnsupportedError
	var conv *types.ConversionError
	invalid := c.Invalid || slices.Contains(c.InvalidOn, d.Name)
	switch {
	case invalid && r.Err == nil:
		return r, fmt.Errorf("invalid input compiled to %q", r.Plan.SQL)
	case invalid && !errors.As(r.Err, &ce) && !errors.As(r.Err, &conv):
		return r, fmt.Errorf("invalid input gave %T (%v), want *compiler.CompileError", r.Err, r.Err)
	case invalid:
		return r, nil
	case r.Err != nil && !errors.As(r.Err, &ue):
		return r, fmt.Errorf("compile error: %v", r.Err)
	case r.Err != nil:
		if ue.Dialect != d.Name || ue.Construct == "" {
			return r, fmt.Errorf("UnsupportedError does not name the dialect and construct: %v", ue)
		}
		return r, nil
	}
	again := Compile(c, d)
	if again.Err != nil || again.Plan.SQL != r.Plan.SQL || len(again.Args) != len(r.Args) {
		return r, fmt.Errorf("compiling twice gave different results:\n%s\n%s", r.Format(), again.Format())
	}
	if err := checkCache(c, d, r); err != nil {
		return r, err
	}
	if c.Options.Flags&compiler.InlineLiterals == 0 {
		for _, p := range r.Plan.Params {
			if s, ok := p.Value.(string); ok && len(s) >= 2 && strings.Contains(r.Plan.SQL, "'"+s+"'") {
				return r, fmt.Errorf("bound value %q appears in the SQL text", s)
			}
		}
	}
	return r, nil
}

// checkCache compiles c through a plan cache twice, from two separately built trees:
// the miss and the hit must both give the direct compilation's SQL and arguments.
func checkCache(c Case, d *compiler.Dialect, want Result) error {
	cache := compiler.NewCache(4)
	for i, step := range []string{"miss", "hit"} {
		plan, args, err := cache.Prepare(d, c.Build(), c.Options, c.Params)
		if err != nil {
			return fmt.Errorf("cache %s: %v", step, err)
		}
		if plan.SQL != want.Plan.SQL {
			return fmt.Errorf("cache %s gave other SQL:\n%s\nwant\n%s", step, plan.SQL, want.Plan.SQL)
		}
		if !reflect.DeepEqual(args, want.Args) && fmt.Sprint(args) != fmt.Sprint(want.Args) {
			return fmt.Errorf("cache %s gave other arguments: %v, want %v", step, args, want.Args)
		}
		st := cache.Stats()
		if st.Uncacheable == 0 && (st.Hits != uint64(i) || st.Misses != 1) {
			return fmt.Errorf("cache %s: stats %+v", step, st)
		}
	}
	return nil
}

// Run checks every case on d and, when db is not nil, creates the fixture tables on
// db, executes each compiled case inside a transaction that is rolled back, and drops
// the tables at the end.
func Run(t *testing.T, d *compiler.Dialect, db *sql.DB) {
	t.Helper()
	if db != nil {
		Setup(t, d, db)
	}
	for _, c := range Cases() {
		t.Run(c.Name, func(t *testing.T) {
			r, err := Check(c, d)
			if err != nil {
				t.Fatalf("%s: %v", d.Name, err)
			}
			if db == nil || r.Err != nil || c.NoExec != "" || len(c.ExecOn) > 0 && !slices.Contains(c.ExecOn, d.Name) {
				return
			}
			if err := ExecuteCase(context.Background(), db, d, c, r); err != nil {
				t.Fatalf("%s rejected:\n%s\n%v", d.Name, r.Format(), err)
			}
		})
	}
}

// Setup creates and fills the fixture tables on db, dropping them in t.Cleanup.
func Setup(t testing.TB, d *compiler.Dialect, db *sql.DB) {
	t.Helper()
	ctx := context.Background()
	for _, s := range TeardownSQL(d) {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	stmts, args, err := SetupSQL(d)
	if err != nil {
		t.Fatalf("fixture SQL for %s: %v", d.Name, err)
	}
	for i, s := range stmts {
		if _, err := db.ExecContext(ctx, s, args[i]...); err != nil {
			t.Fatalf("fixture setup on %s:\n%s\n%v", d.Name, s, err)
		}
	}
	t.Cleanup(func() {
		for _, s := range TeardownSQL(d) {
			db.ExecContext(ctx, s) //nolint:errcheck // best effort
		}
	})
}

// Execute runs a compiled case in a transaction and rolls it back, reading every row
// of statements that return rows. It runs no Setup or Teardown: see ExecuteCase.
func Execute(ctx context.Context, db *sql.DB, r Result) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // the point is to undo the case
	return readAll(ctx, tx, r)
}

func readAll(ctx context.Context, tx *sql.Tx, r Result) error {
	rows, err := tx.QueryContext(ctx, r.Plan.SQL, r.Args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
	}
	return rows.Err()
}

// IsDDL reports whether n is a schema statement (CREATE, DROP, ALTER, COMMENT).
func IsDDL(n ast.Node) bool {
	k := n.Kind()
	return k >= ast.KindCreateTable && k <= ast.KindDropEnum
}

// ExecuteCase runs a case compiled for d as Run does: its Setup, the case, and its
// Teardown. Schema statements on a dialect without TransactionalDDL (MariaDB commits
// them at once) run outside a transaction, with Teardown run first as well, to clear
// what an interrupted run left behind; everything else runs in a transaction that is
// rolled back, and Teardown runs after it all the same.
func ExecuteCase(ctx context.Context, db *sql.DB, d *compiler.Dialect, c Case, r Result) error {
	setup, err := compileAll(d, c.Setup)
	if err != nil {
		return fmt.Errorf("setup: %w", err)
	}
	teardown, err := compileAll(d, c.Teardown)
	if err != nil {
		return fmt.Errorf("teardown: %w", err)
	}
	clean := func() error {
		var errs []error
		for _, s := range teardown {
			if _, err := db.ExecContext(ctx, s); err != nil {
				errs = append(errs, fmt.Errorf("teardown %s: %w", s, err))
			}
		}
		return errors.Join(errs...)
	}
	ddl := IsDDL(c.Build()) || len(setup) > 0
	if ddl && !d.HasDDL(compiler.TransactionalDDL) {
		if err := clean(); err != nil {
			return err
		}
		err := execAll(ctx, db, setup)
		if err == nil {
			_, err = db.ExecContext(ctx, r.Plan.SQL, r.Args...)
		}
		return errors.Join(err, clean())
	}
	err = executeTx(ctx, db, setup, r, ddl)
	return errors.Join(err, clean())
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func execAll(ctx context.Context, db execer, stmts []string) error {
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("setup %s: %w", s, err)
		}
	}
	return nil
}

// compileAll compiles setup or teardown statements for d, leaving out those d cannot
// express.
func compileAll(d *compiler.Dialect, nodes []ast.Node) ([]string, error) {
	var out []string
	for _, n := range nodes {
		p, err := d.Compile(n)
		var ue *compiler.UnsupportedError
		switch {
		case errors.As(err, &ue):
			continue
		case err != nil:
			return nil, err
		case len(p.Params) > 0:
			return nil, fmt.Errorf("%s: setup statements take no parameters", p.SQL)
		}
		out = append(out, p.SQL)
	}
	return out, nil
}

func executeTx(ctx context.Context, db *sql.DB, setup []string, r Result, ddl bool) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // the point is to undo the case
	if err := execAll(ctx, tx, setup); err != nil {
		return err
	}
	if ddl {
		_, err := tx.ExecContext(ctx, r.Plan.SQL, r.Args...)
		return err
	}
	return readAll(ctx, tx, r)
}
