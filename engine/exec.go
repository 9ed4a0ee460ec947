package engine

import (
	"context"
	"database/sql"
	"errors"
	"maps"
	"sync"
	"sync/atomic"
	"time"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
)

// execer is what a runner runs on: *sql.DB, *sql.Conn or *sql.Tx.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// A runner compiles statements through the engine's cache and runs them on one
// execer, with hooks and logging around each execution. Engine, Conn and Tx each
// hold one, so that all three behave alike.
type runner struct {
	e      *Engine
	q      execer
	tx     *sql.Tx  // set in transactions, to use cached statements through tx.StmtContext
	txs    *txStmts // in transactions of an engine that prepares statements: those prepared on tx
	pooled bool     // q is the pool itself, where cached statements run directly

	// pinned, for the runner of a Stmt bound to a transaction (Tx.Stmt), keeps the
	// statement prepared on the transaction for that Stmt's one text, so that its
	// runs skip the lookup in txs.
	pinned *atomic.Pointer[sql.Stmt]
}

// txStmts are the statements a transaction has prepared on its connection, kept
// until it ends (database/sql closes them at Commit or Rollback), so that a loop of
// single-row INSERTs prepares once rather than once per row. At most maxTxStmts are
// kept; statements beyond run as they would without.
type txStmts struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

const maxTxStmts = 64

// get returns the statement for query prepared on tx, preparing it (from the
// engine's cached statement where there is one) on first use.
func (ts *txStmts) get(ctx context.Context, r runner, query string) *sql.Stmt {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if st, ok := ts.m[query]; ok {
		return st
	}
	if len(ts.m) >= maxTxStmts {
		return nil
	}
	var st *sql.Stmt
	if ent := r.e.stmts.lookup(query); ent != nil {
		st = r.tx.StmtContext(ctx, ent.stmt) // on tx's connection; prepared there if not yet
		r.e.stmts.release(ent)
	} else {
		var err error
		if st, err = r.tx.PrepareContext(ctx, query); err != nil {
			return nil // run unprepared, which reports a real error the same way
		}
	}
	if ts.m == nil {
		ts.m = make(map[string]*sql.Stmt)
	}
	ts.m[query] = st
	return st
}

// execSQL runs a compiled statement, through the prepared-statement cache when the
// engine keeps one.
func (r runner) execSQL(ctx context.Context, query string, args []any) (sql.Result, error) {
	if h, ok := r.held(ctx, query); ok {
		defer h.release()
		return h.st.ExecContext(ctx, args...)
	}
	// Some statements cannot be prepared (MySQL refuses a few kinds): run them
	// directly, which also reports a real error the same way.
	return r.q.ExecContext(ctx, query, args...)
}

// querySQL is execSQL for statements that return rows. Releasing the cache entry
// before the rows are read is safe: database/sql closes a statement only after the
// rows it produced.
func (r runner) querySQL(ctx context.Context, query string, args []any) (*sql.Rows, error) {
	if h, ok := r.held(ctx, query); ok {
		defer h.release()
		return h.st.QueryContext(ctx, args...)
	}
	return r.q.QueryContext(ctx, query, args...)
}

// A heldStmt is a cached prepared statement in use, bound to the transaction when
// there is one; release gives it back.
type heldStmt struct {
	st    *sql.Stmt
	bound bool // st is the transaction's copy, closed on release
	c     *stmtCache
	ent   *stmtEntry
}

func (h heldStmt) release() {
	if h.bound {
		h.st.Close()
	}
	if h.c != nil {
		h.c.release(h.ent)
	}
}

// held returns the cached prepared statement for query, or false when the engine
// keeps no cache, the runner cannot use it, or the statement could not be prepared.
func (r runner) held(ctx context.Context, query string) (heldStmt, bool) {
	c := r.e.stmts
	if c == nil || !(r.pooled || r.tx != nil) {
		return heldStmt{}, false
	}
	if r.pinned != nil {
		if st := r.pinned.Load(); st != nil {
			return heldStmt{st: st}, true
		}
	}
	if r.txs != nil {
		if st := r.txs.get(ctx, r, query); st != nil {
			if r.pinned != nil {
				r.pinned.Store(st)
			}
			return heldStmt{st: st}, true // the transaction's own: closed when it ends
		}
	}
	ent, err := r.cached(ctx, c, query)
	if ent == nil || err != nil {
		return heldStmt{}, false
	}
	h := heldStmt{st: ent.stmt, c: c, ent: ent}
	if r.tx != nil {
		h.st, h.bound = r.tx.StmtContext(ctx, ent.stmt), true
	}
	return h, true
}

// cached returns the prepared statement for query: prepared on the pool when needed
// outside transactions, but inside one only if already cached — preparing on the pool
// would need a second connection, which a one-connection pool never frees.
func (r runner) cached(ctx context.Context, c *stmtCache, query string) (*stmtEntry, error) {
	if r.tx != nil {
		return c.lookup(query), nil
	}
	return c.get(ctx, query)
}

// prepare compiles stmt (or finds its plan) and builds the driver arguments. Named
// values serve both deferred parameters and the lengths of expanding lists.
func (r runner) prepare(stmt ast.Node, params []Params) (*compiler.Plan, []any, error) {
	named := mergeParams(params)
	return r.e.cache.Prepare(r.e.d, stmt, compiler.Options{Params: named}, named)
}

// mergeParams returns the one map of named values several Params give.
func mergeParams(params []Params) Params {
	switch len(params) {
	case 0:
		return nil
	case 1:
		return params[0]
	}
	named := Params{}
	for _, p := range params {
		maps.Copy(named, p)
	}
	return named
}

func (r runner) exec(ctx context.Context, stmt ast.Node, params []Params) (sql.Result, error) {
	plan, args, err := r.prepare(stmt, params)
	if err != nil {
		return nil, err
	}
	return r.execPlan(ctx, plan, args)
}

// execPlan runs a compiled statement with its driver arguments, with hooks and
// logging around it.
func (r runner) execPlan(ctx context.Context, plan *compiler.Plan, args []any) (sql.Result, error) {
	if !r.e.observed() {
		res, err := r.execSQL(ctx, plan.SQL, args)
		return res, withContext(ctx, r.e.classify(err))
	}
	ev := r.e.before(ctx, plan, args)
	res, err := r.execSQL(ev.ctx, plan.SQL, args)
	err = withContext(ev.ctx, r.e.classify(err))
	ev.RowsAffected = -1
	if err == nil {
		if n, rerr := res.RowsAffected(); rerr == nil {
			ev.RowsAffected = n
		}
	}
	r.e.after(ev, err)
	return res, err
}

func (r runner) query(ctx context.Context, stmt ast.Node, params []Params) (*Rows, error) {
	rs := new(Rows)
	if err := r.queryInto(ctx, stmt, params, rs); err != nil {
		return nil, err
	}
	return rs, nil
}

// queryInto runs a query into rs, which the caller allocated (with a Row, for
// QueryRow: one allocation for both).
func (r runner) queryInto(ctx context.Context, stmt ast.Node, params []Params, rs *Rows) error {
	plan, args, err := r.prepare(stmt, params)
	if err != nil {
		return err
	}
	return r.queryPlanInto(ctx, plan, args, rs)
}

// queryPlanInto is execPlan for statements that return rows, into rs.
func (r runner) queryPlanInto(ctx context.Context, plan *compiler.Plan, args []any, rs *Rows) error {
	var (
		rows *sql.Rows
		err  error
	)
	if !r.e.observed() {
		rows, err = r.querySQL(ctx, plan.SQL, args)
		err = withContext(ctx, r.e.classify(err))
	} else {
		ev := r.e.before(ctx, plan, args)
		rows, err = r.querySQL(ev.ctx, plan.SQL, args)
		err = withContext(ev.ctx, r.e.classify(err))
		ev.RowsAffected = -1
		r.e.after(ev, err)
	}
	if err != nil {
		return err
	}
	rs.rows, rs.plan, rs.e = rows, plan, r.e
	return nil
}

func (r runner) queryRow(ctx context.Context, stmt ast.Node, params []Params) *Row {
	return rowOf(func(rs *Rows) error { return r.queryInto(ctx, stmt, params, rs) })
}

// rowOf runs a query through fill into a Row. Its Rows comes from a pool and goes
// back when the Row is scanned: a Row never hands its Rows out, so nothing can hold
// on to it, and a point read by key allocates only the small Row.
func rowOf(fill func(*Rows) error) *Row {
	row := new(Row)
	rs := rowsPool.Get().(*Rows)
	if err := fill(rs); err != nil {
		row.err = err
		rs.recycle()
	} else {
		row.rows = rs
	}
	return row
}

// An Event describes one execution, for hooks and logging.
type Event struct {
	SQL          string
	Args         []any
	Plan         *compiler.Plan
	Start        time.Time
	Duration     time.Duration // set for After
	RowsAffected int64         // for Exec, after it; -1 when unknown
	Err          error         // set for After

	ctx context.Context
}

// A Hook observes executions: Before may return a derived context (to start a trace
// span, say), which the execution and After receive.
type Hook interface {
	Before(ctx context.Context, ev *Event) context.Context
	After(ctx context.Context, ev *Event)
}

// observed reports whether hooks or a logger watch executions; when none does, no
// Event is made.
func (e *Engine) observed() bool { return len(e.cfg.hooks) > 0 || e.cfg.logger != nil }

func (e *Engine) before(ctx context.Context, plan *compiler.Plan, args []any) *Event {
	ev := &Event{SQL: plan.SQL, Args: args, Plan: plan, Start: time.Now(), ctx: ctx}
	for _, h := range e.cfg.hooks {
		ev.ctx = h.Before(ev.ctx, ev)
	}
	return ev
}

func (e *Engine) after(ev *Event, err error) {
	ev.Duration = time.Since(ev.Start)
	ev.Err = err
	for i := len(e.cfg.hooks) - 1; i >= 0; i-- {
		e.cfg.hooks[i].After(ev.ctx, ev)
	}
	if e.cfg.logger != nil {
		e.logEvent(ev)
	}
}

// withContext makes an error caused by a cancelled or expired context match the
// context's error too: lib/pq reports a statement it cancelled as its own error
// (57014), where the other drivers return ctx.Err(). errors.As still finds the
// driver's error.
func withContext(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	cerr := ctx.Err()
	if cerr == nil || errors.Is(err, cerr) {
		return err
	}
	return &contextError{ctx: cerr, err: err}
}

type contextError struct{ ctx, err error }

func (e *contextError) Error() string   { return e.ctx.Error() + ": " + e.err.Error() }
func (e *contextError) Unwrap() []error { return []error{e.ctx, e.err} }
