package engine

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"sync/atomic"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
)

// A Stmt is a statement compiled once, by Prepare, to run many times with its named
// parameters (ast.Named) filled at each execution. Running it builds no tree and
// walks no cache key: only the arguments are converted, which makes it the form for
// hot loops (a row-by-row import, a point read by key) where Exec with a statement
// built per call would spend more time in Strata than in the driver.
//
// A Stmt runs on the engine's pool; Tx.Stmt and Conn.Stmt return a copy that runs in
// a transaction or on a connection. With WithPreparedStatements the server prepares
// its text once per connection too (in a transaction, once per transaction). A Stmt
// holds no connection and needs no Close; it is safe for concurrent use.
type Stmt struct {
	run  runner
	plan *compiler.Plan
	tx   *Tx   // the transaction or savepoint it runs in, or nil
	err  error // why it cannot run (bound to another engine's transaction), or nil
}

// ErrStmtEngine is the error of a Stmt bound by Tx.Stmt or Conn.Stmt to a transaction
// or connection of another engine, whose dialect may not be the one it was compiled for.
var ErrStmtEngine = errors.New("engine: the statement was prepared by another engine")

// ready reports why s cannot run now, or nil.
func (s *Stmt) ready() error {
	if s.err != nil {
		return s.err
	}
	if s.tx != nil && s.tx.finished() {
		return ErrTxDone
	}
	return nil
}

// Prepare compiles stmt for the engine's dialect, checking it as Exec would, and,
// with WithPreparedStatements, prepares it on the server, so that errors in the text
// surface here. Values bound in the tree (ast.Param, Go values) are fixed in the Stmt;
// named parameters (ast.Named) are filled at each execution. A statement whose text
// depends on a named value — an expanding list given by name, whose length shapes the
// text — cannot be prepared: pass the list as a value, or use Exec.
func (e *Engine) Prepare(ctx context.Context, stmt ast.Node) (*Stmt, error) {
	plan, err := e.d.Compile(stmt)
	if err != nil {
		return nil, err
	}
	if e.stmts != nil {
		ent, err := e.stmts.get(ctx, plan.SQL)
		if err != nil {
			return nil, withContext(ctx, e.classify(err))
		}
		e.stmts.release(ent)
	}
	return &Stmt{run: e.run, plan: plan}, nil
}

// Plan returns the compiled statement: its SQL text, parameters and result columns.
func (s *Stmt) Plan() *compiler.Plan { return s.plan }

// Exec runs the statement with params giving its named values.
func (s *Stmt) Exec(ctx context.Context, params ...Params) (sql.Result, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	if !s.run.e.observed() {
		buf, args, err := s.pooledArgs(params)
		defer putArgs(buf)
		if err != nil {
			return nil, err
		}
		return s.run.execPlan(ctx, s.plan, args)
	}
	args, err := s.plan.Args(mergeParams(params))
	if err != nil {
		return nil, err
	}
	return s.run.execPlan(ctx, s.plan, args)
}

// pooledArgs returns the arguments of a run in a pooled slice, which putArgs gives
// back when the run is over. Only for runs no hook or logger observes: database/sql
// has converted the arguments for the driver by the time Exec or Query returns, so
// nothing else can still hold the slice, and a row-by-row loop allocates none.
func (s *Stmt) pooledArgs(params []Params) (*[]any, []any, error) {
	buf := argsPool.Get().(*[]any)
	args, err := s.plan.AppendArgs((*buf)[:0], nil, mergeParams(params))
	if err == nil {
		*buf = args
	}
	return buf, args, err
}

func putArgs(buf *[]any) {
	clear(*buf)
	*buf = (*buf)[:0]
	argsPool.Put(buf)
}

var argsPool = sync.Pool{New: func() any { return new([]any) }}

// Query runs a statement that returns rows.
func (s *Stmt) Query(ctx context.Context, params ...Params) (*Rows, error) {
	rs := new(Rows)
	if err := s.queryInto(ctx, params, rs); err != nil {
		return nil, err
	}
	return rs, nil
}

// QueryRow runs a statement expected to return at most one row; errors are deferred
// to the Row's Scan.
func (s *Stmt) QueryRow(ctx context.Context, params ...Params) *Row {
	return rowOf(func(rs *Rows) error { return s.queryInto(ctx, params, rs) })
}

func (s *Stmt) queryInto(ctx context.Context, params []Params, rs *Rows) error {
	if err := s.ready(); err != nil {
		return err
	}
	if !s.run.e.observed() {
		buf, args, err := s.pooledArgs(params)
		defer putArgs(buf)
		if err != nil {
			return err
		}
		return s.run.queryPlanInto(ctx, s.plan, args, rs)
	}
	args, err := s.plan.Args(mergeParams(params))
	if err != nil {
		return err
	}
	return s.run.queryPlanInto(ctx, s.plan, args, rs)
}

// Stmt returns s running in the transaction (or savepoint): after it ends, running the
// copy is ErrTxDone. A statement of another engine gives a copy whose every run is
// ErrStmtEngine.
func (t *Tx) Stmt(s *Stmt) *Stmt { return s.bind(t.run, t) }

// Stmt returns s running on the connection; see Tx.Stmt.
func (c *Conn) Stmt(s *Stmt) *Stmt { return s.bind(c.run, nil) }

func (s *Stmt) bind(r runner, tx *Tx) *Stmt {
	if r.txs != nil {
		r.pinned = new(atomic.Pointer[sql.Stmt]) // this Stmt's text, prepared on the transaction
	}
	b := &Stmt{run: r, plan: s.plan, tx: tx, err: s.err}
	if r.e != s.run.e {
		b.err = ErrStmtEngine
	}
	return b
}
