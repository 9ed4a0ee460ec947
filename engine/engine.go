// Package engine runs ast statements on a database/sql pool: it compiles them through
// a bounded plan cache for the pool's dialect, executes them on the pool, a dedicated
// connection or a transaction, and scans the results into values, structs and maps.
//
// It is a thin layer: *sql.DB still pools the connections, and any database/sql
// driver works through New. Open goes from a URL to a ready engine for the built-in
// dialects.
package engine

import (
	"context"
	"database/sql"
	"log/slog"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/bind"
	"github.com/seed13bb6a42/strata/compiler"
)

// Params holds the values of named parameters (ast.Named) supplied at execution.
type Params = bind.Params

// An Engine runs statements on one pool with one dialect. It is safe for concurrent
// use and meant to live as long as the application.
type Engine struct {
	db    *sql.DB
	d     *compiler.Dialect
	cache *compiler.Cache
	stmts *stmtCache // prepared statements by SQL text, or nil
	cfg   config
	run   runner

	version string // as the server reported it to Open
}

// New wraps a pool the caller opened with any database/sql driver, compiling for d.
func New(db *sql.DB, d *compiler.Dialect, opts ...Option) *Engine {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	cfg.pool.apply(db)
	e := &Engine{db: db, d: d, cache: compiler.NewCache(cfg.cacheSize), cfg: cfg}
	if cfg.preparedStmts > 0 {
		e.stmts = newStmtCache(db, cfg.preparedStmts)
	}
	e.run = runner{e: e, q: db, pooled: true}
	return e
}

// DB returns the underlying pool.
func (e *Engine) DB() *sql.DB { return e.db }

// Dialect returns the dialect statements are compiled for.
func (e *Engine) Dialect() *compiler.Dialect { return e.d }

// CacheStats returns the plan cache's counters.
func (e *Engine) CacheStats() compiler.CacheStats { return e.cache.Stats() }

// Close closes the cached prepared statements and the pool.
func (e *Engine) Close() error {
	if e.stmts != nil {
		e.stmts.close()
	}
	return e.db.Close()
}

// Exec runs a statement that returns no rows.
func (e *Engine) Exec(ctx context.Context, stmt ast.Node, params ...Params) (sql.Result, error) {
	return e.run.exec(ctx, stmt, params)
}

// Query runs a statement that returns rows.
func (e *Engine) Query(ctx context.Context, stmt ast.Node, params ...Params) (*Rows, error) {
	return e.run.query(ctx, stmt, params)
}

// QueryRow runs a statement expected to return at most one row; errors are deferred
// to the Row's Scan.
func (e *Engine) QueryRow(ctx context.Context, stmt ast.Node, params ...Params) *Row {
	return e.run.queryRow(ctx, stmt, params)
}

// Conn returns a dedicated connection from the pool, for session state that must
// stay on one connection. Close returns it to the pool.
func (e *Engine) Conn(ctx context.Context) (*Conn, error) {
	c, err := e.db.Conn(ctx)
	if err != nil {
		return nil, e.classify(err)
	}
	conn := &Conn{conn: c}
	conn.run = runner{e: e, q: c}
	return conn, nil
}

// A Conn is a dedicated connection.
type Conn struct {
	conn *sql.Conn
	run  runner
}

// Exec runs a statement that returns no rows on the connection.
func (c *Conn) Exec(ctx context.Context, stmt ast.Node, params ...Params) (sql.Result, error) {
	return c.run.exec(ctx, stmt, params)
}

// Query runs a statement that returns rows on the connection.
func (c *Conn) Query(ctx context.Context, stmt ast.Node, params ...Params) (*Rows, error) {
	return c.run.query(ctx, stmt, params)
}

// QueryRow runs a statement expected to return at most one row on the connection.
func (c *Conn) QueryRow(ctx context.Context, stmt ast.Node, params ...Params) *Row {
	return c.run.queryRow(ctx, stmt, params)
}

// Raw returns the underlying connection.
func (c *Conn) Raw() *sql.Conn { return c.conn }

// Close returns the connection to the pool.
func (c *Conn) Close() error { return c.conn.Close() }

// A Querier runs statements: *Engine, *Conn and *Tx all are, so that helpers such as
// All and One work with any of them.
type Querier interface {
	Exec(ctx context.Context, stmt ast.Node, params ...Params) (sql.Result, error)
	Query(ctx context.Context, stmt ast.Node, params ...Params) (*Rows, error)
	QueryRow(ctx context.Context, stmt ast.Node, params ...Params) *Row
}

var (
	_ Querier = (*Engine)(nil)
	_ Querier = (*Conn)(nil)
	_ Querier = (*Tx)(nil)
)

// config is what Options set.
type config struct {
	cacheSize     int
	preparedStmts int      // size of the prepared-statement cache; 0: none
	onConnect     []string // statements run on every new connection
	pool          PoolOptions
	hooks         []Hook
	logger        *slog.Logger
	logArgs       bool // log argument values (redacted by default)
}

func defaultConfig() config { return config{cacheSize: 500} }

// An Option configures an Engine.
type Option func(*config)

// WithCacheSize bounds the plan cache (default 500 plans, as SQLAlchemy's
// query_cache_size).
func WithCacheSize(n int) Option { return func(c *config) { c.cacheSize = n } }

// WithPreparedStatements keeps up to n prepared statements per pool, keyed by their
// SQL text, and runs statements through them: the server parses and plans each text
// once instead of at every execution, which is most of the cost of a small query.
// Statements are prepared on each connection on first use there. Off by default:
// after DDL changes a table, PostgreSQL may refuse a statement prepared before with
// "cached plan must not change result type" until it is prepared again.
func WithPreparedStatements(n int) Option { return func(c *config) { c.preparedStmts = n } }

// WithOnConnect runs statements on every new connection before it is used — session
// setup such as SQLite's PRAGMA foreign_keys = ON or journal_mode = WAL, MySQL's
// SET sql_mode = …, PostgreSQL's SET search_path = …. A failing statement fails the
// call that needed the connection with an *OnConnectError. Open and NewFromConnector
// install it; New cannot (the pool's connector is fixed when the *sql.DB is made).
func WithOnConnect(stmts ...string) Option {
	return func(c *config) { c.onConnect = append(c.onConnect, stmts...) }
}

// WithPool sets the pool's limits; see PoolOptions.
func WithPool(p PoolOptions) Option { return func(c *config) { c.pool = p } }

// WithHooks adds hooks called around every execution.
func WithHooks(h ...Hook) Option { return func(c *config) { c.hooks = append(c.hooks, h...) } }

// WithLogger logs every statement at Debug level, with its arguments redacted unless
// WithLoggedArgs is also given.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithLoggedArgs logs argument values, which may hold personal data or secrets.
func WithLoggedArgs() Option { return func(c *config) { c.logArgs = true } }
