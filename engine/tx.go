package engine

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"github.com/seed13bb6a42/strata/ast"
)

// TxOptions choose a transaction's isolation level and access mode.
type TxOptions struct {
	Isolation sql.IsolationLevel // sql.LevelDefault leaves the database's default
	ReadOnly  bool
}

// A Tx is a transaction, or a savepoint inside one when begun from another Tx.
type Tx struct {
	run    runner
	tx     *sql.Tx
	e      *Engine
	parent *Tx
	name   string // savepoint name; "" for the outermost transaction
	depth  int    // savepoints begun from this one so far, for names
	done   bool
}

// ErrTxDone is returned by operations on a transaction already committed or rolled back.
var ErrTxDone = errors.New("engine: transaction already committed or rolled back")

// Begin starts a transaction.
func (e *Engine) Begin(ctx context.Context, opts ...TxOptions) (*Tx, error) {
	var o *sql.TxOptions
	if len(opts) > 0 {
		o = &sql.TxOptions{Isolation: opts[0].Isolation, ReadOnly: opts[0].ReadOnly}
	}
	tx, err := e.db.BeginTx(ctx, o)
	if err != nil {
		return nil, e.classify(err)
	}
	t := &Tx{tx: tx, e: e}
	t.run = runner{e: e, q: tx}
	return t, nil
}

// Begin starts a nested transaction: a SAVEPOINT that Commit releases and Rollback
// rolls back to, leaving the enclosing transaction open.
func (t *Tx) Begin(ctx context.Context) (*Tx, error) {
	if t.done {
		return nil, ErrTxDone
	}
	t.depth++
	name := "strata_sp_" + strconv.Itoa(t.level()+1) + "_" + strconv.Itoa(t.depth)
	if _, err := t.tx.ExecContext(ctx, "SAVEPOINT "+name); err != nil {
		return nil, t.e.classify(err)
	}
	sp := &Tx{tx: t.tx, e: t.e, parent: t, name: name}
	sp.run = t.run
	return sp, nil
}

func (t *Tx) level() int {
	n := 0
	for p := t.parent; p != nil; p = p.parent {
		n++
	}
	return n
}

// Commit commits the transaction, or releases the savepoint.
func (t *Tx) Commit() error {
	if t.done {
		return ErrTxDone
	}
	t.done = true
	if t.name != "" {
		_, err := t.tx.Exec("RELEASE SAVEPOINT " + t.name)
		return t.e.classify(err)
	}
	return t.e.classify(t.tx.Commit())
}

// Rollback rolls the transaction back, or back to the savepoint. Calling it after
// Commit is a no-op returning ErrTxDone, so it can be deferred.
func (t *Tx) Rollback() error {
	if t.done {
		return ErrTxDone
	}
	t.done = true
	if t.name != "" {
		_, err := t.tx.Exec("ROLLBACK TO SAVEPOINT " + t.name)
		return t.e.classify(err)
	}
	return t.e.classify(t.tx.Rollback())
}

// Raw returns the underlying *sql.Tx.
func (t *Tx) Raw() *sql.Tx { return t.tx }

// Exec runs a statement that returns no rows in the transaction.
func (t *Tx) Exec(ctx context.Context, stmt ast.Node, params ...Params) (sql.Result, error) {
	return t.run.exec(ctx, stmt, params)
}

// Query runs a statement that returns rows in the transaction.
func (t *Tx) Query(ctx context.Context, stmt ast.Node, params ...Params) (*Rows, error) {
	return t.run.query(ctx, stmt, params)
}

// QueryRow runs a statement expected to return at most one row in the transaction.
func (t *Tx) QueryRow(ctx context.Context, stmt ast.Node, params ...Params) *Row {
	return t.run.queryRow(ctx, stmt, params)
}
