package engine

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"sync/atomic"
	"time"
)

// Pre-ping (PoolOptions.PrePing, SQLAlchemy's pool_pre_ping).
//
// database/sql has no checkout hook, but before it hands out a connection that has
// been in the pool it calls the driver connection's ResetSession, and discards the
// connection, trying another, when that returns driver.ErrBadConn. prePingConn wraps
// the driver's connections to ping there; prePingConnector makes them. Every call
// database/sql makes is forwarded to the wrapped connection, which keeps its
// behaviour: where it lacks an optional interface the wrapper implements it the way
// database/sql would have done without it (driver.ErrSkip for NamedValueChecker,
// ExecerContext and QueryerContext; Prepare and Begin with the context checks of
// database/sql's ctxutil.go for the context variants).

// prePingConnector makes connections that are set up with the on-connect statements
// and, when after > 0, pinged before reuse once idle for after.
type prePingConnector struct {
	inner     driver.Connector
	after     time.Duration
	onConnect []string
}

// withPrePing wraps c so that its connections run onConnect when made and are pinged
// before reuse once they have been idle for after (after ≤ 0: never); with neither it
// returns c as it is.
func withPrePing(c driver.Connector, after time.Duration, onConnect ...string) driver.Connector {
	if after <= 0 && len(onConnect) == 0 {
		return c
	}
	return &prePingConnector{inner: c, after: after, onConnect: onConnect}
}

func (c *prePingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range c.onConnect {
		if err := execOnConn(ctx, conn, s); err != nil {
			conn.Close()
			return nil, &OnConnectError{Statement: s, Err: err}
		}
	}
	if c.after <= 0 {
		return conn, nil
	}
	pc := &prePingConn{inner: conn, after: c.after}
	pc.markIdle()
	return pc, nil
}

// An OnConnectError reports an on-connect statement (WithOnConnect) that failed on a
// new connection; the connection is closed and the call that needed it fails.
type OnConnectError struct {
	Statement string
	Err       error
}

func (e *OnConnectError) Error() string {
	return "engine: on-connect statement " + e.Statement + ": " + e.Err.Error()
}

func (e *OnConnectError) Unwrap() error { return e.Err }

// execOnConn runs one statement on a driver connection, through ExecerContext when
// the driver has it, else by preparing it.
func execOnConn(ctx context.Context, conn driver.Conn, query string) error {
	if x, ok := conn.(driver.ExecerContext); ok {
		_, err := x.ExecContext(ctx, query, nil)
		if err != driver.ErrSkip {
			return err
		}
	}
	st, err := conn.Prepare(query)
	if err != nil {
		return err
	}
	defer st.Close()
	if x, ok := st.(driver.StmtExecContext); ok {
		_, err = x.ExecContext(ctx, nil)
		return err
	}
	_, err = st.Exec(nil) //nolint:staticcheck // the driver has nothing newer
	return err
}

// Driver returns the wrapped connector's driver, so that db.Driver() still says which
// driver the pool uses.
func (c *prePingConnector) Driver() driver.Driver { return c.inner.Driver() }

// Close closes the wrapped connector if it has a Close method; sql.DB.Close calls it.
func (c *prePingConnector) Close() error {
	if cl, ok := c.inner.(io.Closer); ok {
		return cl.Close()
	}
	return nil
}

// dsnConnector is a driver.Connector for a driver without driver.DriverContext, as
// database/sql makes one for sql.Open.
type dsnConnector struct {
	dsn string
	drv driver.Driver
}

func (c dsnConnector) Connect(context.Context) (driver.Conn, error) { return c.drv.Open(c.dsn) }
func (c dsnConnector) Driver() driver.Driver                        { return c.drv }

// connectorFor returns a connector for the registered driver named driverName and dsn.
// database/sql lends no registered driver by name except through a pool, so it opens
// one (which connects to nothing) to ask.
func connectorFor(driverName, dsn string) (driver.Connector, error) {
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, err
	}
	drv := db.Driver()
	db.Close()
	if dc, ok := drv.(driver.DriverContext); ok {
		return dc.OpenConnector(dsn)
	}
	return dsnConnector{dsn: dsn, drv: drv}, nil
}

// epoch anchors idle times on the monotonic clock.
var epoch = time.Now()

// prePingConn is a driver connection that pings itself in ResetSession when it has been
// idle for at least after. Unwrap returns the driver's own connection, for code that
// reaches it through sql.Conn.Raw.
type prePingConn struct {
	inner driver.Conn
	after time.Duration
	idle  atomic.Int64 // when database/sql last took the connection back, as time since epoch
}

var (
	_ driver.Conn               = (*prePingConn)(nil)
	_ driver.ConnPrepareContext = (*prePingConn)(nil)
	_ driver.ConnBeginTx        = (*prePingConn)(nil)
	_ driver.ExecerContext      = (*prePingConn)(nil)
	_ driver.QueryerContext     = (*prePingConn)(nil)
	_ driver.NamedValueChecker  = (*prePingConn)(nil)
	_ driver.Pinger             = (*prePingConn)(nil)
	_ driver.SessionResetter    = (*prePingConn)(nil)
	_ driver.Validator          = (*prePingConn)(nil)
)

// Unwrap returns the driver's connection.
func (c *prePingConn) Unwrap() driver.Conn { return c.inner }

func (c *prePingConn) markIdle() { c.idle.Store(int64(time.Since(epoch))) }

// ResetSession runs when database/sql hands the connection out again: first the
// driver's own reset, if any (it may know the connection is bad without a round trip),
// then, when the connection has been idle for at least after, a ping. A failed ping
// returns driver.ErrBadConn, so that database/sql closes the connection and takes
// another (an idle one, then a new one) without the caller seeing an error.
func (c *prePingConn) ResetSession(ctx context.Context) error {
	if r, ok := c.inner.(driver.SessionResetter); ok {
		if err := r.ResetSession(ctx); err != nil {
			return err
		}
	}
	if time.Duration(int64(time.Since(epoch))-c.idle.Load()) < c.after {
		return nil
	}
	if err := c.ping(ctx); err != nil {
		// Whatever the cause, even ctx ending mid-ping, the connection's state is
		// unknown: discard it rather than hand it out.
		return driver.ErrBadConn
	}
	return nil
}

// IsValid runs when database/sql takes the connection back into the pool (its
// putConn): the connection's idle time starts here.
func (c *prePingConn) IsValid() bool {
	c.markIdle()
	if v, ok := c.inner.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

// ping checks the connection with the driver's Ping, or else with SELECT 1.
func (c *prePingConn) ping(ctx context.Context) error {
	if p, ok := c.inner.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	const probe = "SELECT 1"
	rows, err := c.QueryContext(ctx, probe, nil)
	if errors.Is(err, driver.ErrSkip) {
		var st driver.Stmt
		if st, err = c.PrepareContext(ctx, probe); err != nil {
			return err
		}
		defer st.Close()
		if sq, ok := st.(driver.StmtQueryContext); ok {
			rows, err = sq.QueryContext(ctx, nil)
		} else {
			rows, err = st.Query(nil) //nolint:staticcheck // the driver has nothing newer
		}
	}
	if err != nil {
		return err
	}
	dest := make([]driver.Value, len(rows.Columns()))
	if err := rows.Next(dest); err != nil && err != io.EOF {
		rows.Close()
		return err
	}
	return rows.Close()
}

// Ping forwards to the driver's Pinger; without one, database/sql would not ping.
func (c *prePingConn) Ping(ctx context.Context) error {
	if p, ok := c.inner.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (c *prePingConn) Prepare(query string) (driver.Stmt, error) { return c.inner.Prepare(query) }
func (c *prePingConn) Close() error                              { return c.inner.Close() }

func (c *prePingConn) Begin() (driver.Tx, error) { return c.inner.Begin() } //nolint:staticcheck // forwarded

func (c *prePingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if p, ok := c.inner.(driver.ConnPrepareContext); ok {
		return p.PrepareContext(ctx, query)
	}
	st, err := c.inner.Prepare(query)
	if err == nil {
		select {
		default:
		case <-ctx.Done():
			st.Close()
			return nil, ctx.Err()
		}
	}
	return st, err
}

func (c *prePingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if b, ok := c.inner.(driver.ConnBeginTx); ok {
		return b.BeginTx(ctx, opts)
	}
	// What database/sql does for a connection without BeginTx.
	if opts.Isolation != driver.IsolationLevel(sql.LevelDefault) {
		return nil, errors.New("sql: driver does not support non-default isolation level")
	}
	if opts.ReadOnly {
		return nil, errors.New("sql: driver does not support read-only transactions")
	}
	tx, err := c.inner.Begin() //nolint:staticcheck // the driver has nothing newer
	if err == nil {
		select {
		default:
		case <-ctx.Done():
			tx.Rollback()
			return nil, ctx.Err()
		}
	}
	return tx, err
}

func (c *prePingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if x, ok := c.inner.(driver.ExecerContext); ok {
		return x.ExecContext(ctx, query, args)
	}
	if x, ok := c.inner.(driver.Execer); ok { //nolint:staticcheck // the driver has nothing newer
		values, err := namedValues(args)
		if err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return x.Exec(query, values)
	}
	return nil, driver.ErrSkip // database/sql prepares the statement instead
}

func (c *prePingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if q, ok := c.inner.(driver.QueryerContext); ok {
		return q.QueryContext(ctx, query, args)
	}
	if q, ok := c.inner.(driver.Queryer); ok { //nolint:staticcheck // the driver has nothing newer
		values, err := namedValues(args)
		if err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return q.Query(query, values)
	}
	return nil, driver.ErrSkip
}

// CheckNamedValue forwards to the driver's checker; without one, driver.ErrSkip makes
// database/sql convert the argument as it would have (the statement's converter, then
// the default one).
func (c *prePingConn) CheckNamedValue(nv *driver.NamedValue) error {
	if n, ok := c.inner.(driver.NamedValueChecker); ok {
		return n.CheckNamedValue(nv)
	}
	return driver.ErrSkip
}

// namedValues is database/sql's namedValueToValue, for drivers with only the
// pre-context Execer and Queryer.
func namedValues(named []driver.NamedValue) ([]driver.Value, error) {
	values := make([]driver.Value, len(named))
	for i, nv := range named {
		if nv.Name != "" {
			return nil, errors.New("sql: driver does not support the use of Named Parameters")
		}
		values[i] = nv.Value
	}
	return values, nil
}
