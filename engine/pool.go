package engine

import (
	"database/sql"
	"time"
)

// PoolOptions map SQLAlchemy's pool settings onto database/sql's pool. Zero values
// keep database/sql's defaults.
type PoolOptions struct {
	MaxOpen     int           // most connections open at once (pool_size + max_overflow)
	MaxIdle     int           // most idle connections kept (pool_size)
	MaxLifetime time.Duration // recycle connections older than this (pool_recycle)
	MaxIdleTime time.Duration // close connections idle longer than this
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
