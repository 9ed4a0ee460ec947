package engine

import (
	"database/sql"

	"github.com/seed13bb6a42/strata/compiler"
)

// Rows is the result of a query, read one row at a time. Close it when done (Next
// closes it after the last row).
type Rows struct {
	rows *sql.Rows
	plan *compiler.Plan
	e    *Engine
}

// Next prepares the next row for Scan, reporting false after the last one or on error.
func (r *Rows) Next() bool { return r.rows.Next() }

// Err returns the error that ended iteration, if any.
func (r *Rows) Err() error { return r.e.classify(r.rows.Err()) }

// Close releases the rows' connection.
func (r *Rows) Close() error { return r.rows.Close() }

// Columns returns the result's column names as the database reports them.
func (r *Rows) Columns() ([]string, error) { return r.rows.Columns() }

// Plan returns the compiled plan the rows came from, with its typed result columns.
func (r *Rows) Plan() *compiler.Plan { return r.plan }

// Raw returns the underlying *sql.Rows.
func (r *Rows) Raw() *sql.Rows { return r.rows }

// Scan copies the current row into dest, as (*sql.Rows).Scan does.
func (r *Rows) Scan(dest ...any) error { return r.e.classify(r.rows.Scan(dest...)) }

// A Row is the result of QueryRow.
type Row struct {
	rows *Rows
	err  error
}

// Err returns the error of running the query, if any.
func (r *Row) Err() error { return r.err }

// Scan copies the first row into dest and closes the rows; no row is sql.ErrNoRows.
func (r *Row) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	defer r.rows.Close()
	if !r.rows.Next() {
		if err := r.rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := r.rows.Scan(dest...); err != nil {
		return err
	}
	return r.rows.Close()
}
