package engine

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"strconv"
	"sync/atomic"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
)

// TxOptions choose a transaction's isolation level and access mode. database/sql
// hands them to the driver's BeginTx, and the built-in drivers treat them so:
//
//   - lib/pq (v1.12): BEGIN ISOLATION LEVEL … READ ONLY|READ WRITE for the four SQL
//     levels, an error ("isolation level not supported") for any other.
//   - go-sql-driver/mysql (v1.10): SET TRANSACTION ISOLATION LEVEL …, then START
//     TRANSACTION [READ ONLY], for the four SQL levels; an error for any other.
//   - mattn/go-sqlite3 (v1.14): ignores them; BEGIN is fixed per pool by the DSN's
//     _txlock (deferred, immediate or exclusive).
//
// Begin maps them per dialect so that a level the database lacks is an error, not a
// transaction at some other level. By level and dialect ("driver": the option goes
// to the driver; "error": an *UnsupportedIsolationError naming level and dialect):
//
//	                 postgres                 mysql, mariadb        sqlite
//	Default          driver (server: RC)      driver (server: RR)   BEGIN: serializable
//	ReadUncommitted  driver (runs as RC) ¹    driver                PRAGMA read_uncommitted = 1 ²
//	ReadCommitted    driver                   driver                error
//	WriteCommitted   error                    error                 error
//	RepeatableRead   driver                   driver                error
//	Snapshot         SET TRANSACTION … RR ³   error                 error
//	Serializable     driver                   driver                BEGIN: serializable
//	Linearizable     error                    error                 error
//	ReadOnly         driver                   driver                PRAGMA query_only = 1 ²
//
// ¹ PostgreSQL accepts READ UNCOMMITTED and runs it as READ COMMITTED, as the SQL
// standard allows; Begin leaves that to the server, which documents it.
//
// ² go-sqlite3 ignoring the options would make a read-only transaction writable, so
// Begin sets the pragma itself on a dedicated connection (query_only after BEGIN,
// since BEGIN IMMEDIATE counts as a write) and restores it when the transaction
// ends, discarding the connection if that fails. read_uncommitted has an effect only
// in shared-cache mode; otherwise SQLite transactions are serializable whatever is
// asked.
//
// ³ PostgreSQL's REPEATABLE READ is snapshot isolation, but the drivers refuse
// sql.LevelSnapshot: Begin starts at the default level and sets the level itself as
// the transaction's first statement.
//
// Any other dialect gets the options as they are, and its driver decides.
type TxOptions struct {
	Isolation sql.IsolationLevel // sql.LevelDefault leaves the database's default
	ReadOnly  bool
}

// An UnsupportedIsolationError reports an isolation level the dialect's database does
// not have. Begin returns it rather than run the transaction at another level.
type UnsupportedIsolationError struct {
	Dialect   string               // the dialect's name: "sqlite", ...
	Level     sql.IsolationLevel   // the level asked for
	Supported []sql.IsolationLevel // the levels Begin accepts for the dialect, besides sql.LevelDefault
}

func (e *UnsupportedIsolationError) Error() string {
	s := "engine: " + e.Dialect + " has no " + e.Level.String() + " isolation level; it has "
	for i, l := range e.Supported {
		if i > 0 {
			s += ", "
		}
		s += l.String()
	}
	return s
}

// A Tx is a transaction, or a savepoint inside one when begun from another Tx. Like
// *sql.Tx it may be used from several goroutines, but its statements run one at a
// time on its one connection.
type Tx struct {
	run    runner
	tx     *sql.Tx
	e      *Engine
	parent *Tx
	name   string       // savepoint name; "" for the outermost transaction
	depth  atomic.Int32 // savepoints begun from this one so far, for names
	done   atomic.Bool  // committed, rolled back or released

	// A transaction whose options are session settings (SQLite's pragmas) runs on a
	// dedicated connection, restored by reset and handed back when the transaction ends.
	conn     *sql.Conn // or nil
	borrowed bool      // conn belongs to a Conn the caller holds: restore it, don't close it
	reset    []string  // statements restoring conn's session
}

// ErrTxDone is returned by operations on a transaction already committed or rolled back,
// or on a savepoint whose enclosing transaction or savepoint has ended.
var ErrTxDone = errors.New("engine: transaction already committed or rolled back")

// A txPlan is how one dialect runs a transaction with given TxOptions: see TxOptions.
type txPlan struct {
	driver  *sql.TxOptions // passed to BeginTx; nil for the driver's defaults
	session []string       // run on a dedicated connection before BEGIN
	first   []string       // run first in the transaction
	reset   []string       // run on the dedicated connection after the transaction; none: no such connection
}

var (
	levelsSQL      = []sql.IsolationLevel{sql.LevelReadUncommitted, sql.LevelReadCommitted, sql.LevelRepeatableRead, sql.LevelSerializable}
	levelsPostgres = []sql.IsolationLevel{sql.LevelReadUncommitted, sql.LevelReadCommitted, sql.LevelRepeatableRead, sql.LevelSnapshot, sql.LevelSerializable}
	levelsSQLite   = []sql.IsolationLevel{sql.LevelReadUncommitted, sql.LevelSerializable}
)

func planTx(dialect string, o TxOptions) (txPlan, error) {
	unsupported := func(levels []sql.IsolationLevel) (txPlan, error) {
		return txPlan{}, &UnsupportedIsolationError{Dialect: dialect, Level: o.Isolation, Supported: levels}
	}
	standard := func() *sql.TxOptions {
		if o == (TxOptions{}) {
			return nil
		}
		return &sql.TxOptions{Isolation: o.Isolation, ReadOnly: o.ReadOnly}
	}
	switch dialect {
	case "postgres", "yugabyte": // YugabyteDB's snapshot isolation is REPEATABLE READ, as PostgreSQL's
		switch o.Isolation {
		case sql.LevelDefault, sql.LevelReadUncommitted, sql.LevelReadCommitted, sql.LevelRepeatableRead, sql.LevelSerializable:
			return txPlan{driver: standard()}, nil
		case sql.LevelSnapshot:
			return txPlan{
				driver: &sql.TxOptions{ReadOnly: o.ReadOnly},
				first:  []string{"SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"},
			}, nil
		}
		return unsupported(levelsPostgres)
	case "mysql", "mariadb":
		switch o.Isolation {
		case sql.LevelDefault, sql.LevelReadUncommitted, sql.LevelReadCommitted, sql.LevelRepeatableRead, sql.LevelSerializable:
			return txPlan{driver: standard()}, nil
		}
		return unsupported(levelsSQL)
	case "sqlite":
		var p txPlan
		switch o.Isolation {
		case sql.LevelDefault, sql.LevelSerializable:
		case sql.LevelReadUncommitted:
			p.session = append(p.session, "PRAGMA read_uncommitted = 1")
			p.reset = append(p.reset, "PRAGMA read_uncommitted = 0")
		default:
			return unsupported(levelsSQLite)
		}
		if o.ReadOnly {
			// After BEGIN: BEGIN IMMEDIATE (go-sqlite3's _txlock=immediate) is a write.
			p.first = append(p.first, "PRAGMA query_only = 1")
			p.reset = append(p.reset, "PRAGMA query_only = 0")
		}
		return p, nil
	}
	return txPlan{driver: standard()}, nil
}

// Begin starts a transaction with the first of opts, if any; see TxOptions for how
// each dialect maps them.
func (e *Engine) Begin(ctx context.Context, opts ...TxOptions) (*Tx, error) {
	return e.begin(ctx, nil, opts)
}

// Begin starts a transaction on the connection; see Engine.Begin.
func (c *Conn) Begin(ctx context.Context, opts ...TxOptions) (*Tx, error) {
	return c.run.e.begin(ctx, c.conn, opts)
}

// begin starts a transaction on the pool, or on conn when it is not nil.
func (e *Engine) begin(ctx context.Context, conn *sql.Conn, opts []TxOptions) (*Tx, error) {
	var o TxOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	p, err := planTx(e.d.Name, o)
	if err != nil {
		return nil, err
	}
	t := &Tx{e: e}
	var tx *sql.Tx
	switch {
	case len(p.reset) == 0 && conn == nil:
		tx, err = e.db.BeginTx(ctx, p.driver)
	case len(p.reset) == 0:
		tx, err = conn.BeginTx(ctx, p.driver)
	default:
		if conn != nil {
			t.conn, t.borrowed = conn, true
		} else if t.conn, err = e.db.Conn(ctx); err != nil {
			return nil, e.classify(err)
		}
		t.reset = p.reset
		for _, s := range p.session {
			if _, err = t.conn.ExecContext(ctx, s); err != nil {
				break
			}
		}
		if err == nil {
			tx, err = t.conn.BeginTx(ctx, p.driver)
		}
	}
	for _, s := range p.first {
		if err != nil {
			break
		}
		if _, err = tx.ExecContext(ctx, s); err != nil {
			tx.Rollback()
		}
	}
	if err != nil {
		t.release()
		return nil, e.classify(err)
	}
	t.tx = tx
	t.run = runner{e: e, q: tx, tx: tx}
	if e.stmts != nil {
		t.run.txs = &txStmts{} // shared with the savepoints begun from t, which run on tx too
	}
	return t, nil
}

// release restores and hands back the dedicated connection, if any. A connection
// whose session cannot be restored is discarded rather than pooled.
func (t *Tx) release() {
	if t.conn == nil {
		return
	}
	for _, s := range t.reset {
		if _, err := t.conn.ExecContext(context.Background(), s); err != nil {
			t.conn.Raw(func(any) error { return driver.ErrBadConn })
			break
		}
	}
	if !t.borrowed {
		t.conn.Close()
	}
	t.conn = nil
}

// Begin starts a nested transaction: a SAVEPOINT that Commit releases and Rollback
// rolls back to, leaving the enclosing transaction open. A savepoint marks a point in
// time on the transaction's one connection: rolling back to it undoes every statement
// run since, through whichever Tx, and ends the savepoints begun after it.
//
// On a dialect without the compiler.Savepoints feature (QuestDB has no savepoints)
// Begin returns a *compiler.UnsupportedError naming the dialect before anything is
// sent, so the enclosing transaction stays as it was and usable; Tx.InTx returns it
// without running its function.
func (t *Tx) Begin(ctx context.Context) (*Tx, error) {
	if t.finished() {
		return nil, ErrTxDone
	}
	if !t.e.d.Has(compiler.Savepoints) {
		return nil, &compiler.UnsupportedError{
			Dialect:   t.e.d.Name,
			Construct: "nested transactions (SAVEPOINT)",
			Hint:      "run the nested work in the enclosing transaction, or commit it and begin another",
		}
	}
	n := t.depth.Add(1)
	name := "strata_sp_" + strconv.Itoa(t.level()+1) + "_" + strconv.Itoa(int(n))
	if _, err := t.tx.ExecContext(ctx, "SAVEPOINT "+name); err != nil {
		return nil, t.e.classify(txDone(err))
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

// finished reports whether t, or a transaction or savepoint it is nested in, has ended.
func (t *Tx) finished() bool {
	for ; t != nil; t = t.parent {
		if t.done.Load() {
			return true
		}
	}
	return false
}

// txDone turns database/sql's ErrTxDone into ours.
func txDone(err error) error {
	if errors.Is(err, sql.ErrTxDone) {
		return ErrTxDone
	}
	return err
}

// Commit commits the transaction, or releases the savepoint. A COMMIT during which
// the connection failed is an *AmbiguousCommitError: the transaction may or may not
// have been committed.
func (t *Tx) Commit() error {
	if !t.done.CompareAndSwap(false, true) || t.parent.finished() {
		return ErrTxDone
	}
	if t.name != "" {
		_, err := t.tx.Exec("RELEASE SAVEPOINT " + t.name)
		return t.e.classify(txDone(err))
	}
	err := t.tx.Commit()
	t.release()
	if err == nil {
		return nil
	}
	err = t.e.classify(txDone(err))
	if IsDisconnect(err) {
		// lib/pq, for one, answers a COMMIT on a connection the server terminated with
		// driver.ErrBadConn, whether or not the COMMIT got there.
		return &AmbiguousCommitError{Err: err}
	}
	return err
}

// Rollback rolls the transaction back, or back to the savepoint. Calling it after
// Commit is a no-op returning ErrTxDone, so it can be deferred.
func (t *Tx) Rollback() error {
	if !t.done.CompareAndSwap(false, true) || t.parent.finished() {
		return ErrTxDone
	}
	if t.name != "" {
		_, err := t.tx.Exec("ROLLBACK TO SAVEPOINT " + t.name)
		return t.e.classify(txDone(err))
	}
	err := t.tx.Rollback()
	t.release()
	return t.e.classify(txDone(err))
}

// Raw returns the underlying *sql.Tx.
func (t *Tx) Raw() *sql.Tx { return t.tx }

// Exec runs a statement that returns no rows in the transaction.
func (t *Tx) Exec(ctx context.Context, stmt ast.Node, params ...Params) (sql.Result, error) {
	if t.finished() {
		return nil, ErrTxDone
	}
	return t.run.exec(ctx, stmt, params)
}

// Query runs a statement that returns rows in the transaction.
func (t *Tx) Query(ctx context.Context, stmt ast.Node, params ...Params) (*Rows, error) {
	if t.finished() {
		return nil, ErrTxDone
	}
	return t.run.query(ctx, stmt, params)
}

// QueryRow runs a statement expected to return at most one row in the transaction.
func (t *Tx) QueryRow(ctx context.Context, stmt ast.Node, params ...Params) *Row {
	if t.finished() {
		return &Row{err: ErrTxDone}
	}
	return t.run.queryRow(ctx, stmt, params)
}
