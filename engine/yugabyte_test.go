package engine_test

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/dialects/yugabyte"
	"github.com/seed13bb6a42/strata/engine"
	"github.com/seed13bb6a42/strata/internal/testdb"
)

// The engine's PostgreSQL suites, run again through the YugabyteDB dialect against
// the PostgreSQL server, which stands in for YugabyteDB: YSQL is PostgreSQL's query
// layer (15 from v2025.1), so the SQL the dialect writes for queries, DML and
// portable DDL must behave on PostgreSQL as it does there. What the stand-in cannot
// show — YugabyteDB-only DDL (HASH, SPLIT, COLOCATION, TABLEGROUP), hash order, the
// per-tserver sequence caches — is covered by the dialect's golden files and by its
// integration test, which runs when STRATA_YUGABYTE_URL names a server.

// ybEngine opens an isolated PostgreSQL database and an engine on it compiling for
// YugabyteDB.
func ybEngine(t *testing.T, opts ...engine.Option) (*engine.Engine, *sql.DB) {
	t.Helper()
	db := testdb.Open(t, "postgres")
	checkNoConnInUse(t, db)
	return engine.New(db, yugabyte.Dialect(), opts...), db
}

// TestYugabyteDifferential runs the cross-dialect differential suite with the
// YugabyteDB dialect beside the PostgreSQL dialect, each on a database of its own on
// the PostgreSQL server, and SQLite as the reference that PostgreSQL's documented
// differences are measured against: both must give the same rows and counts, and
// YugabyteDB must refuse nothing PostgreSQL runs.
func TestYugabyteDifferential(t *testing.T) {
	servers := []*diffServer{
		{name: "sqlite", d: sqlite.Dialect()},
		{name: "postgres", d: postgres.Dialect()},
		{name: "postgres", d: yugabyte.Dialect()},
	}
	for _, s := range servers {
		s.db = testdb.Open(t, s.name)
		s.e = engine.New(s.db, s.d)
		s.byDiff = map[string]int{}
	}
	total := 0
	for _, g := range differentialGroups() {
		for _, s := range servers {
			diffResetFixtures(t, s)
		}
		for _, c := range g.cases {
			total++
			t.Run(g.name+"/"+c.name, func(t *testing.T) { diffRunCase(t, servers, c) })
		}
	}
	pg, yb := servers[1], servers[2]
	if yb.executed != pg.executed || yb.unsupported != pg.unsupported {
		t.Errorf("yugabyte executed %d and skipped %d statements; postgres %d and %d (skipped on yugabyte: %v)",
			yb.executed, yb.unsupported, pg.executed, pg.unsupported, yb.skipped)
	}
	if total < 100 {
		t.Errorf("the suite has %d statements, want at least 100", total)
	}
	t.Logf("%d statements; yugabyte executed %d, skipped %d as unsupported", total, yb.executed, yb.unsupported)
}

// TestYugabyteRoundTripTypes runs the type round trips through the YugabyteDB dialect.
func TestYugabyteRoundTripTypes(t *testing.T) {
	e, _ := ybEngine(t)
	for _, c := range rtCases() {
		t.Run(c.name, func(t *testing.T) { rtRun(t, e, "postgres", c) })
	}
}

// TestYugabyteHostileStrings runs the hostile-string suite (bound and inline) through
// the YugabyteDB dialect, whose DDL runs outside transactions.
func TestYugabyteHostileStrings(t *testing.T) {
	e, _ := ybEngine(t)
	hostileRun(t, e, "postgres")
}

// TestYugabyteSerializableRetry proves the retry of a serialization failure through
// the dialect: the first attempt reads the counter, a concurrent transaction updates
// it and commits, and the first attempt's update then fails with SQLSTATE 40001,
// which the engine classifies as a SerializationError and InTx retries; the second
// attempt commits. It runs at REPEATABLE READ (YugabyteDB's snapshot isolation) and
// SERIALIZABLE, the levels at which YugabyteDB reports 40001 to the client.
func TestYugabyteSerializableRetry(t *testing.T) {
	for _, level := range []sql.IsolationLevel{sql.LevelRepeatableRead, sql.LevelSerializable} {
		t.Run(level.String(), func(t *testing.T) {
			ctx := t.Context()
			e, db := ybEngine(t)
			testdb.Exec(t, db,
				`CREATE TABLE counter (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)`,
				`INSERT INTO counter (id, n) VALUES (1, 0)`)
			read := ast.Select(txCounter.C("n")).From(txCounter).Where(txCounter.C("id").Eq(1))
			var retries atomic.Int64
			var errs []error
			attempts := 0
			err := engine.InTx(ctx, e, func(tx *engine.Tx) error {
				attempts++
				var n int64
				if err := tx.QueryRow(ctx, read).Scan(&n); err != nil {
					return err
				}
				if attempts == 1 {
					// Another client commits a change to the row this attempt read.
					if _, err := e.Exec(ctx, ast.Update(txCounter).Set(txCounter.C("n"), ast.Add(txCounter.C("n"), 100))); err != nil {
						return err
					}
				}
				_, err := tx.Exec(ctx, ast.Update(txCounter).Set(txCounter.C("n"), n+1).Where(txCounter.C("id").Eq(1)))
				if err != nil {
					errs = append(errs, err)
				}
				return err
			}, engine.WithIsolation(level), engine.WithRetryCounter(&retries),
				engine.WithBackoff(time.Millisecond, 10*time.Millisecond))
			if err != nil {
				t.Fatal(err)
			}
			if attempts != 2 || retries.Load() != 1 {
				t.Errorf("%d attempts and %d retries, want 2 and 1", attempts, retries.Load())
			}
			var se *engine.SerializationError
			if len(errs) != 1 || !errors.As(errs[0], &se) || !engine.IsRetryable(errs[0]) || sqlState(errs[0]) != "40001" {
				t.Errorf("the failed attempt's errors: %v; want one retryable *engine.SerializationError with SQLSTATE 40001", errs)
			}
			var n int64
			if err := e.QueryRow(ctx, read).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 101 {
				t.Errorf("counter = %d, want 101: the concurrent +100 and the retried +1", n)
			}
		})
	}
}

// TestYugabyteConcurrentIncrements has goroutines increment one counter through
// InTx at SERIALIZABLE with the default retry policy; a lost update would show in
// the final count. A smaller run than the PostgreSQL suite's: it proves the same
// path through another dialect.
func TestYugabyteConcurrentIncrements(t *testing.T) {
	const workers, each = 16, 100
	ctx := t.Context()
	e, db := ybEngine(t, engine.WithPool(engine.PoolOptions{MaxOpen: workers, MaxIdle: workers}))
	testdb.Exec(t, db,
		`CREATE TABLE counter (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)`,
		`INSERT INTO counter (id, n) VALUES (1, 0)`)
	asyncCommit(t, db, workers)
	read := ast.Select(txCounter.C("n")).From(txCounter).Where(txCounter.C("id").Eq(1))
	var retries atomic.Int64
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for range each {
				err := engine.InTx(ctx, e, func(tx *engine.Tx) error {
					var n int64
					if err := tx.QueryRow(ctx, read).Scan(&n); err != nil {
						return err
					}
					_, err := tx.Exec(ctx, ast.Update(txCounter).Set(txCounter.C("n"), n+1).Where(txCounter.C("id").Eq(1)))
					return err
				}, engine.WithIsolation(sql.LevelSerializable), engine.WithRetryCounter(&retries))
				if err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	var n int64
	if err := e.QueryRow(ctx, read).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != workers*each {
		t.Errorf("counter = %d after %d increments", n, workers*each)
	}
	t.Logf("%d increments, %d retries", n, retries.Load())
}

// TestYugabyteSavepoints checks nested transactions (savepoints, which YSQL has)
// through the dialect.
func TestYugabyteSavepoints(t *testing.T) {
	ctx := context.Background()
	e, db := ybEngine(t)
	testdb.Exec(t, db, `CREATE TABLE items (id INTEGER PRIMARY KEY)`)
	err := engine.InTx(ctx, e, func(tx *engine.Tx) error {
		if err := insertItem(ctx, tx, 1); err != nil {
			return err
		}
		sp, err := tx.Begin(ctx)
		if err != nil {
			return err
		}
		if err := insertItem(ctx, sp, 2); err != nil {
			return err
		}
		if err := sp.Rollback(); err != nil {
			return err
		}
		sp, err = tx.Begin(ctx)
		if err != nil {
			return err
		}
		if err := insertItem(ctx, sp, 3); err != nil {
			return err
		}
		return sp.Commit()
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := itemIDs(t, e); !slices.Equal(got, []int{1, 3}) {
		t.Errorf("items %v, want [1 3]: the rolled-back savepoint's row gone, the released one's kept", got)
	}
}

// TestYugabyteOpen opens a yugabytedb:// URL against the PostgreSQL stand-in: the
// engine asks version() and builds the YugabyteDB dialect for the PostgreSQL
// version the answer names.
func TestYugabyteOpen(t *testing.T) {
	testdb.Open(t, "postgres") // skips or fails as STRATA_REQUIRE_SERVERS says
	e, err := engine.Open(t.Context(), "yugabytedb://postgres@127.0.0.1:5432/test?sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	want := yugabyte.ParseVersion(e.ServerVersion()).PG
	if e.Dialect().Name != yugabyte.Name || e.Dialect().Version != want || want == "" {
		t.Errorf("dialect %s for PostgreSQL %q from version() %q, want yugabyte for %q",
			e.Dialect().Name, e.Dialect().Version, e.ServerVersion(), want)
	}
	var one int
	if err := e.QueryRow(t.Context(), ast.Select(ast.Lit(1))).Scan(&one); err != nil || one != 1 {
		t.Errorf("SELECT 1 = %d, %v", one, err)
	}
}
