package engine

import (
	"database/sql"
	"database/sql/driver"
	"time"

	"github.com/seed13bb6a42/strata/compiler"
)

// PoolOptions map SQLAlchemy's pool settings onto database/sql's pool. Zero values
// keep database/sql's defaults (at most 2 idle connections, no limit on open ones, no
// recycling, no pre-ping).
//
//	SQLAlchemy (create_engine)  Strata (PoolOptions)            database/sql
//	pool_size=5                 MaxIdle: 5                      SetMaxIdleConns
//	max_overflow=10             MaxOpen: 15 (MaxIdle+overflow)  SetMaxOpenConns
//	pool_recycle=3600           MaxLifetime: time.Hour          SetConnMaxLifetime
//	pool_pre_ping=True          PrePing: d (0 < d)              ResetSession of a wrapping connector
//	pool_timeout=30             a context deadline on the call  waits for a free connection until ctx ends
//	(none)                      MaxIdleTime                     SetConnMaxIdleTime
//
// As in SQLAlchemy's QueuePool, connections open on demand; up to MaxIdle stay open
// when returned to the pool, and the overflow (MaxOpen − MaxIdle) is closed on return.
// database/sql has no checkout timeout of its own: a call waiting for a connection
// waits until its context ends, so pool_timeout is the deadline of the caller's
// context (context.WithTimeout).
//
// PrePing differs from pool_pre_ping in one way: SQLAlchemy pings at every checkout,
// PrePing only connections idle at least that long, since a connection just used is
// unlikely to have died and a ping is a round trip. time.Nanosecond pings at every
// reuse. A connection whose ping fails is closed and database/sql takes another (idle
// ones twice, then a new one), so the caller sees no error. database/sql has no
// checkout hook, so pre-ping works through the pool's driver.Connector: Open and
// NewFromConnector install it; New cannot (the pool's connector is fixed when the
// *sql.DB is made) and ignores PrePing — open the pool with NewFromConnector instead.
// The ping is the driver's (driver.Pinger; lib/pq sends an empty query, go-sql-driver
// COM_PING) or else SELECT 1; it runs under the caller's context, so a connection that
// stopped answering altogether holds the call until that context ends, as any query on
// it would (lib/pq waits on for the server's answer to its cancel request). Drivers may check liveness on their own too: go-sql-driver/mysql, with its
// default checkConnLiveness, discards an idle connection the server closed (its socket
// has seen the FIN) without a round trip, but not one whose end vanished silently.
//
// With pre-ping, the driver's connections are wrapped: code that reaches them through
// sql.Conn.Raw gets a value with an Unwrap() driver.Conn method that returns the
// driver's own connection.
type PoolOptions struct {
	MaxOpen     int           // most connections open at once (pool_size + max_overflow)
	MaxIdle     int           // most idle connections kept (pool_size)
	MaxLifetime time.Duration // recycle connections older than this (pool_recycle)
	MaxIdleTime time.Duration // close connections idle longer than this
	PrePing     time.Duration // ping a connection idle at least this long before reuse (pool_pre_ping); 0: never
}

func (p PoolOptions) apply(db *sql.DB) {
	if p.MaxOpen > 0 {
		db.SetMaxOpenConns(p.MaxOpen)
	}
	if p.MaxIdle > 0 {
		db.SetMaxIdleConns(p.MaxIdle)
	}
	if p.MaxLifetime > 0 {
		db.SetConnMaxLifetime(p.MaxLifetime)
	}
	if p.MaxIdleTime > 0 {
		db.SetConnMaxIdleTime(p.MaxIdleTime)
	}
}

// NewFromConnector opens a pool on a driver connector — pq.NewConnector,
// mysql.NewConnector, pgx's stdlib.GetConnector, … — and wraps it as New does, with
// pre-ping when the options ask for it (PoolOptions.PrePing). Close closes the pool.
func NewFromConnector(c driver.Connector, d *compiler.Dialect, opts ...Option) *Engine {
	cfg := optionsConfig(opts)
	return New(sql.OpenDB(withPrePing(c, cfg.pool.PrePing, cfg.onConnect...)), d, opts...)
}

// openPool is sql.Open, through a pre-ping connector when opts ask for pre-ping.
func openPool(driverName, dsn string, opts []Option) (*sql.DB, error) {
	cfg := optionsConfig(opts)
	if cfg.pool.PrePing <= 0 && len(cfg.onConnect) == 0 {
		return sql.Open(driverName, dsn)
	}
	c, err := connectorFor(driverName, dsn)
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(withPrePing(c, cfg.pool.PrePing, cfg.onConnect...)), nil
}

func optionsConfig(opts []Option) config {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	return cfg
}
