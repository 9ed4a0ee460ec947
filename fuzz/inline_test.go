package fuzz

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects/dialecttest"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/internal/testdb"
	"github.com/seed13bb6a42/strata/types"
)

// inlineSeeds are inputs worth keeping in code: the empty input and a few byte
// patterns that reach joins, derived tables, compounds and ORDER BY … LIMIT.
var inlineSeeds = []struct {
	data []byte
	seed uint64
}{
	{nil, 0},
	{[]byte("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"), 1},
	{[]byte("\x03\x01\x02\x01\x03\x02\x05\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09"), 2},
	{[]byte("\x01\x05\x01\x03\x00\x02\x01\x05\x09\x02\x04\x06\x08\x0a\x0c\x0e\x10\x12"), 3},
	{[]byte("\x03\x04\x02\x05\x01\x04\x07\x0b\x0d\x11\x13\x17\x1d\x1f\x25\x29\x2b\x2f"), 4},
	{[]byte("\x09\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\xcc\xdd\xee\xff"), 5},
	{[]byte("ORDER BY every column, then LIMIT: one answer only"), 6},
}

// FuzzInlineLiterals builds a SELECT over the fixture tables and runs it on SQLite
// twice: compiled with bind parameters, and compiled with InlineLiterals and no
// arguments. Both must be accepted or both refused, and return the same rows (as
// multisets: each row's values with their Go types, sorted).
func FuzzInlineLiterals(f *testing.F) {
	db := testdb.Open(f, "sqlite")
	d := sqlite.Dialect()
	dialecttest.Setup(f, d, db)
	for _, s := range inlineSeeds {
		f.Add(s.data, s.seed)
	}
	f.Fuzz(func(t *testing.T, data []byte, seed uint64) {
		fail, skip := checkInline(t.Context(), db, d, data, seed)
		switch {
		case fail != "":
			t.Fatal(fail)
		case skip != "":
			t.Skip(skip)
		}
	})
}

// checkInline runs the tree data and seed describe both ways and returns why the
// forms disagree, or why the tree says nothing about them (skip).
func checkInline(ctx context.Context, db *sql.DB, d *compiler.Dialect, data []byte, seed uint64) (fail, skip string) {
	tree := Build(data, seed, Exec)
	bound, err := d.Compile(tree.Stmt)
	if _, ok := err.(*compiler.UnsupportedError); ok {
		return "", err.Error()
	}
	if err != nil {
		return fmt.Sprintf("the generator built a tree SQLite cannot compile: %v", err), ""
	}
	args, err := bound.Args(nil)
	if _, ok := err.(*types.ConversionError); ok {
		return "", err.Error() // a value the column's type refuses, such as a string too long
	}
	if err != nil {
		return fmt.Sprintf("arguments of\n\t%s\n%v", bound.SQL, err), ""
	}
	inline, err := d.CompileWith(tree.Stmt, compiler.Options{Flags: compiler.InlineLiterals})
	if _, ok := err.(*compiler.UnsupportedError); ok {
		return "", err.Error()
	}
	if err != nil {
		return fmt.Sprintf("compiles with parameters but not with InlineLiterals: %v\n\t%s", err, bound.SQL), ""
	}
	want, errB := query(ctx, db, bound.SQL, args)
	got, errI := query(ctx, db, inline.SQL, nil)
	if runtimeOnly(errB) || runtimeOnly(errI) {
		// Raised in some rows only: whether a plan reaches one depends on the plan,
		// which the values may change (abs(-9223372036854775808), sum()).
		return "", fmt.Sprintf("runtime error in one form: %v / %v", errB, errI)
	}
	switch {
	case errB != nil && errI != nil:
		return "", fmt.Sprintf("SQLite refuses both forms: %v", errB) // the generator's fault, not the compiler's
	case errB != nil:
		return fmt.Sprintf("SQLite refuses the bound form but runs the inline one:\n\t%s\n\targs %s\n%v\n\t%s",
			bound.SQL, formatArgs(args), errB, inline.SQL), ""
	case errI != nil:
		return fmt.Sprintf("SQLite runs the bound form but refuses the inline one:\n\t%s\n%v\nbound form:\n\t%s\n\targs %s",
			inline.SQL, errI, bound.SQL, formatArgs(args)), ""
	}
	if !slices.Equal(want, got) {
		return fmt.Sprintf("the forms return different rows:\nbound:\n\t%s\n\targs %s\n\t%s\ninline:\n\t%s\n\t%s",
			bound.SQL, formatArgs(args), strings.Join(want, "\n\t"), inline.SQL, strings.Join(got, "\n\t")), ""
	}
	return "", ""
}

// runtimeOnly reports an error SQLite raises while computing a row, not when
// preparing the statement.
func runtimeOnly(err error) bool {
	return err != nil && strings.Contains(err.Error(), "integer overflow")
}

// query runs a SELECT and returns its rows as sorted strings, each value with its type.
func query(ctx context.Context, db *sql.DB, q string, args []any) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var out []string
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		var sb strings.Builder
		for i, v := range vals {
			if i > 0 {
				sb.WriteString(" | ")
			}
			sb.WriteString(formatValue(v))
		}
		out = append(out, sb.String())
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.Sort(out)
	return out, nil
}

// formatValue writes a scanned value exactly: its type and every digit.
func formatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case int64:
		return "int " + strconv.FormatInt(x, 10)
	case float64:
		if x == 0 {
			x = 0 // SQL does not tell -0 from 0, and SQLite negates 0 to either
		}
		return "real " + strconv.FormatFloat(x, 'g', -1, 64)
	case string:
		return "text " + strconv.Quote(x)
	case []byte:
		return "blob " + strconv.Quote(string(x))
	case time.Time:
		return "time " + x.Format(time.RFC3339Nano)
	case bool:
		return "bool " + strconv.FormatBool(x)
	}
	return fmt.Sprintf("%T %v", v, v)
}

func formatArgs(args []any) string {
	s := make([]string, len(args))
	for i, a := range args {
		s[i] = formatValue(a)
	}
	return "[" + strings.Join(s, ", ") + "]"
}
