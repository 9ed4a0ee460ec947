package engine_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	_ "github.com/seed13bb6a42/strata/drivers"
	"github.com/seed13bb6a42/strata/engine"
	"github.com/seed13bb6a42/strata/internal/testdb"
	"github.com/seed13bb6a42/strata/types"
)

func TestOpenSQLiteFile(t *testing.T) {
	ctx := context.Background()
	e, err := engine.Open(ctx, "sqlite:///"+filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if e.Dialect().Name != "sqlite" || !strings.HasPrefix(e.ServerVersion(), "3.") {
		t.Errorf("dialect %s version %q", e.Dialect().Name, e.ServerVersion())
	}
	var n int
	if err := e.QueryRow(ctx, ast.Select(ast.Add(ast.Lit(40), ast.Lit(2)))).Scan(&n); err != nil || n != 42 {
		t.Errorf("%d %v", n, err)
	}
}

func TestOpenMemoryIsOneConnection(t *testing.T) {
	e, err := engine.Open(context.Background(), "sqlite://:memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if got := e.DB().Stats().MaxOpenConnections; got != 1 {
		t.Errorf("max open = %d", got)
	}
}

func TestOpenServers(t *testing.T) {
	for _, tc := range []struct{ scheme, dialect string }{
		{"postgres", "postgres"}, {"postgresql", "postgres"}, {"mysql", "mariadb"}, {"mariadb", "mariadb"},
	} {
		t.Run(tc.scheme, func(t *testing.T) {
			server := "postgres"
			url := "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
			if tc.dialect == "mariadb" {
				server, url = "mysql", "root@127.0.0.1:3306/test"
				url = tc.scheme + "://" + url
			} else {
				url = strings.Replace(url, "postgres://", tc.scheme+"://", 1)
			}
			testdb.Open(t, server) // skips or fails as STRATA_REQUIRE_SERVERS says
			e, err := engine.Open(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			if e.Dialect().Name != tc.dialect || e.ServerVersion() == "" {
				t.Errorf("dialect %s version %q", e.Dialect().Name, e.ServerVersion())
			}
		})
	}
}

func TestOpenErrorsHidePasswords(t *testing.T) {
	ctx := context.Background()
	for _, url := range []string{
		"postgres://u:s3cr3t-pw@127.0.0.1:1/db?sslmode=disable&connect_timeout=2",
		"mysql://u:s3cr3t-pw@127.0.0.1:1/db",
		"oracle://u:s3cr3t-pw@host/db",
		"postgres://u:s3cr3t-pw@[bad",
	} {
		_, err := engine.Open(ctx, url)
		if err == nil {
			t.Errorf("%s opened", url)
			continue
		}
		if strings.Contains(err.Error(), "s3cr3t") {
			t.Errorf("password in error: %v", err)
		}
	}
	_, err := engine.Open(ctx, "postgres://u:s3cr3t-pw@127.0.0.1:1/db?sslmode=disable&connect_timeout=2")
	var oe *engine.OpenError
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), "cannot connect to postgres://u:xxxxx@") {
		t.Errorf("%T %v", err, err)
	}
}

func TestOpenMemoryKeepsOneConnectionWithPoolOptions(t *testing.T) {
	e, err := engine.Open(context.Background(), "sqlite://:memory:",
		engine.WithPool(engine.PoolOptions{MaxOpen: 5, MaxLifetime: time.Millisecond}))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if got := e.DB().Stats().MaxOpenConnections; got != 1 {
		t.Errorf("max open = %d", got)
	}
}

func TestOpenBadURLIsOpenError(t *testing.T) {
	_, err := engine.Open(context.Background(), "oracle://u:s3cr3t@host/db")
	var oe *engine.OpenError
	if !errors.As(err, &oe) || strings.Contains(err.Error(), "s3cr3t") {
		t.Errorf("%T %v", err, err)
	}
}

// TestOnConnect runs session setup on every new connection, and refuses the
// connection when it fails.
func TestOnConnect(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "oc.db")
	e, err := engine.Open(ctx, "sqlite:///"+path, engine.WithOnConnect("PRAGMA foreign_keys = OFF", "PRAGMA cache_size = -4000"))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	conns := make([]*engine.Conn, 2) // two connections, each set up
	for i := range conns {
		if conns[i], err = e.Conn(ctx); err != nil {
			t.Fatal(err)
		}
		var fk, cache int
		if err := conns[i].QueryRow(ctx, ast.Text("PRAGMA foreign_keys")).Scan(&fk); err != nil || fk != 0 {
			t.Errorf("conn %d: foreign_keys = %d, %v (the URL turns it on; on-connect turned it off)", i, fk, err)
		}
		if err := conns[i].QueryRow(ctx, ast.Text("PRAGMA cache_size")).Scan(&cache); err != nil || cache != -4000 {
			t.Errorf("conn %d: cache_size = %d, %v", i, cache, err)
		}
	}
	for _, c := range conns {
		c.Close()
	}
	bad, err := engine.Open(ctx, "sqlite:///"+path, engine.WithOnConnect("PRAGMA nonsense syntax error("))
	if err == nil {
		bad.Close()
		t.Fatal("a failing on-connect statement opened")
	}
	var oce *engine.OnConnectError
	if !errors.As(err, &oce) {
		t.Errorf("%T %v", err, err)
	}
}

// TestPreparedStatementsInTxOnOnePool: a statement first met inside a transaction on
// a one-connection pool must not wait for a second connection to prepare on.
func TestPreparedStatementsInTxOnOnePool(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	e, err := engine.Open(ctx, "sqlite://:memory:", engine.WithPreparedStatements(10))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if _, err := e.Exec(ctx, ast.Text("CREATE TABLE t (n INTEGER)")); err != nil {
		t.Fatal(err)
	}
	ins := ast.Text("INSERT INTO t (n) VALUES (:n)")
	err = engine.InTx(ctx, e, func(tx *engine.Tx) error {
		for i := range 3 {
			if _, err := tx.Exec(ctx, ins, engine.Params{"n": i}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Outside the transaction the statement is prepared and cached; inside the next
	// one it is used.
	if _, err := e.Exec(ctx, ins, engine.Params{"n": 9}); err != nil {
		t.Fatal(err)
	}
	err = engine.InTx(ctx, e, func(tx *engine.Tx) error {
		_, err := tx.Exec(ctx, ins, engine.Params{"n": 10})
		return err
	})
	var n int
	if err == nil {
		err = e.QueryRow(ctx, ast.Text("SELECT count(*) FROM t")).Scan(&n)
	}
	if err != nil || n != 5 {
		t.Fatalf("n = %d, %v", n, err)
	}
}

// TestTxPreparesOnce: a transaction of an engine that prepares statements prepares
// each statement once on its connection and reuses it, in savepoints too, however
// many rows a loop inserts; the next transaction prepares again (database/sql closes a
// transaction's statements when it ends).
func TestTxPreparesOnce(t *testing.T) {
	ctx := context.Background()
	spy := &stmtSpy{}
	dsn := "file:" + filepath.Join(t.TempDir(), "tx.db") + "?_foreign_keys=1"
	db := sql.OpenDB(&spyConnector{d: &sqlite3.SQLiteDriver{}, dsn: dsn, spy: spy})
	defer db.Close()
	e := engine.New(db, sqlite.Dialect(), engine.WithPreparedStatements(10))
	if _, err := e.Exec(ctx, ast.Text("CREATE TABLE t (n INTEGER)")); err != nil {
		t.Fatal(err)
	}
	tbl := ast.NewTable("t", ast.Col("n", types.Integer))
	insert := func(tx *engine.Tx, n int) error {
		_, err := tx.Exec(ctx, ast.Insert(tbl).Values(n))
		return err
	}
	count := func(sent []string) int {
		n := 0
		for _, q := range sent {
			if strings.HasPrefix(q, "INSERT INTO t") {
				n++
			}
		}
		return n
	}
	for round := range 2 {
		spy.take()
		err := engine.InTx(ctx, e, func(tx *engine.Tx) error {
			for i := range 5 {
				if err := insert(tx, i); err != nil {
					return err
				}
			}
			return tx.InTx(ctx, func(sp *engine.Tx) error { return insert(sp, 5) })
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := count(spy.take()); got != 1 {
			t.Errorf("round %d: the INSERT reached the driver %d times, want once (prepared)", round, got)
		}
	}
	var n int
	if err := e.QueryRow(ctx, ast.Text("SELECT count(*) FROM t")).Scan(&n); err != nil || n != 12 {
		t.Fatalf("rows = %d, %v; want 12", n, err)
	}
}
