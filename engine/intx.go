package engine

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"math/rand/v2"
	"strconv"
	"sync/atomic"
	"time"
)

// The retry policy of InTx when no option changes it.
const (
	DefaultMaxRetries  = 50                     // retries after the first attempt
	DefaultBackoffBase = 5 * time.Millisecond   // the first retry waits up to this long
	DefaultBackoffMax  = 250 * time.Millisecond // no retry waits longer
)

// An InTxOption configures InTx.
type InTxOption func(*inTxConfig)

type inTxConfig struct {
	tx         TxOptions
	maxRetries int
	base, max  time.Duration
	retries    *atomic.Int64 // or nil
}

// WithIsolation runs the transaction at level; see TxOptions for the mapping per dialect.
func WithIsolation(level sql.IsolationLevel) InTxOption {
	return func(c *inTxConfig) { c.tx.Isolation = level }
}

// WithReadOnly runs the transaction read-only.
func WithReadOnly() InTxOption { return func(c *inTxConfig) { c.tx.ReadOnly = true } }

// WithMaxRetries sets how many times InTx runs the function again after a
// serialization failure or deadlock (default DefaultMaxRetries); 0 disables retrying.
func WithMaxRetries(n int) InTxOption {
	return func(c *inTxConfig) { c.maxRetries = max(n, 0) }
}

// WithBackoff sets the waits between attempts: before retry n (from 0) InTx sleeps a
// uniformly random time between 0 and min(max, base·2ⁿ) ("full jitter"), so that
// transactions that collided once spread out instead of colliding again in step.
func WithBackoff(base, max time.Duration) InTxOption {
	return func(c *inTxConfig) { c.base, c.max = base, max }
}

// WithRetryCounter adds the number of retries InTx makes to n, for tests and metrics.
// One counter may be shared by concurrent calls.
func WithRetryCounter(n *atomic.Int64) InTxOption {
	return func(c *inTxConfig) { c.retries = n }
}

// A RetryError reports a transaction that InTx stopped retrying: every attempt failed
// with a *SerializationError, and either the retries ran out or ctx ended while it
// waited to retry. It unwraps to the last attempt's error and to the context's error.
type RetryError struct {
	Attempts int   // how many times the function ran
	Err      error // the last attempt's error
	Cause    error // ctx.Err() when the context ended the retries; nil when the limit did
}

func (e *RetryError) Error() string {
	why := "after " + strconv.Itoa(e.Attempts) + " attempts"
	if e.Cause != nil {
		why += " (" + e.Cause.Error() + ")"
	}
	return "engine: transaction gave up " + why + ": " + e.Err.Error()
}

func (e *RetryError) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.Cause}
}

// InTx runs fn in a transaction: it commits when fn returns nil, and rolls back when
// fn returns an error or panics (the panic then carries on, with its value and stack).
// fn must not Commit or Rollback the transaction itself; InTx's commit then fails with
// ErrTxDone. Nested work belongs in savepoints: tx.InTx (on dialects with
// compiler.Savepoints; elsewhere tx.InTx returns an *compiler.UnsupportedError).
//
// A *SerializationError from any step — a serialization failure or deadlock
// (PostgreSQL 40001/40P01, MySQL/MariaDB 1213/1205, SQLite BUSY/LOCKED), in fn or at
// COMMIT — makes InTx roll back and run fn again in a new transaction, after a backoff
// (WithBackoff), up to WithMaxRetries times and while ctx lasts; then it returns a
// *RetryError. fn must therefore be safe to run more than once: side effects outside
// the database belong after InTx returns. Other errors are returned at once. A COMMIT
// during which the connection failed is reported as an *AmbiguousCommitError and never
// retried, since the transaction may already be committed.
//
// The default policy, DefaultMaxRetries retries with waits from DefaultBackoffBase
// growing to DefaultBackoffMax, is sized for a hot spot: 32 goroutines incrementing one
// row in a loop at SERIALIZABLE need up to about 30 attempts for an unlucky increment
// (the engine's tests), since fresh transactions keep overtaking ones that back off.
// Fifty retries leave a margin while bounding the waiting to about six seconds on
// average (eleven at most), after which the contention surfaces as an error rather than
// a stall; ctx bounds it further. (SQLAlchemy has no retrying helper to follow.)
func InTx(ctx context.Context, e *Engine, fn func(*Tx) error, opts ...InTxOption) error {
	c := inTxConfig{maxRetries: DefaultMaxRetries, base: DefaultBackoffBase, max: DefaultBackoffMax}
	for _, o := range opts {
		o(&c)
	}
	for attempt := 0; ; attempt++ {
		t, err := e.Begin(ctx, c.tx)
		if err == nil {
			err = t.runIn(fn)
		}
		if err == nil || !IsRetryable(err) {
			return err
		}
		if attempt >= c.maxRetries {
			return &RetryError{Attempts: attempt + 1, Err: err}
		}
		wait := c.backoff(attempt)
		if l := e.cfg.logger; l != nil {
			l.LogAttrs(ctx, slog.LevelInfo, "strata: retrying transaction",
				slog.Int("attempt", attempt+2), slog.Duration("wait", wait), slog.String("error", err.Error()))
		}
		if cerr := sleep(ctx, wait); cerr != nil {
			return &RetryError{Attempts: attempt + 1, Err: err, Cause: cerr}
		}
		if c.retries != nil {
			c.retries.Add(1)
		}
	}
}

// backoff returns the wait before retry n (from 0): full jitter over an exponential cap.
func (c *inTxConfig) backoff(n int) time.Duration {
	limit := c.max
	if n < 62 && c.base < c.max>>n {
		limit = c.base << n
	}
	if limit <= 0 {
		return 0
	}
	return rand.N(limit + 1)
}

// sleep waits for d or until ctx ends, returning ctx.Err() in that case.
func sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d <= 0 {
		return nil
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// InTx runs fn in a savepoint of t: it releases the savepoint when fn returns nil and
// rolls back to it when fn returns an error or panics (the panic then carries on),
// leaving t open either way. It does not retry: a serialization failure aborts the
// whole transaction on most databases, so it is the enclosing InTx that retries.
func (t *Tx) InTx(ctx context.Context, fn func(*Tx) error) error {
	sp, err := t.Begin(ctx)
	if err != nil {
		return err
	}
	return sp.runIn(fn)
}

// runIn runs fn in t and ends t: Commit when fn returns nil, Rollback otherwise. The
// rollback after a panic (or runtime.Goexit) happens in a deferred call that does not
// recover, so the panic goes on with its original value and stack.
func (t *Tx) runIn(fn func(*Tx) error) error {
	returned := false
	defer func() {
		if !returned {
			t.Rollback()
		}
	}()
	err := fn(t)
	returned = true
	if err == nil {
		return t.Commit()
	}
	if rerr := t.Rollback(); rerr != nil && !errors.Is(rerr, ErrTxDone) && !IsDisconnect(rerr) {
		// A rollback that fails for another reason is worth knowing about, but fn's
		// error comes first: it is what callers test with errors.Is and errors.As.
		return errors.Join(err, rerr)
	}
	return err
}
