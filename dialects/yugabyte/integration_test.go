package yugabyte_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects/yugabyte"
	"github.com/seed13bb6a42/strata/engine"
	"github.com/seed13bb6a42/strata/schema"
	"github.com/seed13bb6a42/strata/types"
)

// URLEnv names the environment variable that points the integration test at a
// YugabyteDB server, such as yugabytedb://yugabyte:yugabyte@127.0.0.1:5433/yugabyte.
const URLEnv = "STRATA_YUGABYTE_URL"

// TestIntegration runs on a real YugabyteDB server when STRATA_YUGABYTE_URL names
// one: it creates a hash-sharded accounts table presplit INTO tablets and a
// range-sharded orders key, checks the tablet count the server made, runs
// concurrent retrying money transfers whose total must not change, and reflects the
// key options back. Tables get random names and are dropped at the end.
func TestIntegration(t *testing.T) {
	url := os.Getenv(URLEnv)
	if url == "" {
		t.Skip(URLEnv + " is not set: no YugabyteDB server to run on (the golden files and the PostgreSQL stand-in cover the dialect)")
	}
	ctx := t.Context()
	e, err := engine.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	if e.Dialect().Name != yugabyte.Name {
		t.Fatalf("engine.Open(%s) chose the %s dialect", URLEnv, e.Dialect().Name)
	}
	t.Logf("server %s, dialect for PostgreSQL %s", e.ServerVersion(), e.Dialect().Version)

	suffix := randomSuffix(t)
	accounts := ast.NewTable("accounts_"+suffix,
		ast.Col("id", types.BigInteger, ast.PrimaryKey()),
		ast.Col("balance", types.Decimal(14, 2), ast.NotNull()),
		yugabyte.PrimaryKey(yugabyte.HashKey("id")),
		yugabyte.SplitInto(3),
	)
	orders := ast.NewTable("orders_"+suffix,
		ast.Col("region", types.String(8), ast.NotNull()),
		ast.Col("customer_id", types.BigInteger, ast.NotNull()),
		ast.Col("placed", types.DateTimeTZ, ast.NotNull()),
		ast.Col("total", types.Decimal(12, 2), ast.NotNull()),
		ast.PrimaryKeyOf("region", "customer_id", "placed"),
		ast.IndexOf("ix_orders_"+suffix+"_placed", "placed"),
		yugabyte.PrimaryKey(yugabyte.HashKey("region", "customer_id"), yugabyte.DescKey("placed")),
		yugabyte.SplitInto(4),
		yugabyte.IndexKey("ix_orders_"+suffix+"_placed", yugabyte.DescKey("placed")),
		yugabyte.IndexSplitAt("ix_orders_"+suffix+"_placed", []any{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}),
	)
	md := ast.NewMetaData(accounts, orders)
	if err := schema.CreateAll(ctx, e.DB(), e.Dialect(), md, schema.Options{}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := schema.DropAll(context.Background(), e.DB(), e.Dialect(), md, schema.Options{}); err != nil {
			t.Errorf("dropping the test tables: %v", err)
		}
	})

	// SPLIT INTO took effect.
	for _, c := range []struct {
		table string
		want  int
	}{{accounts.Name, 3}, {orders.Name, 4}} {
		var n int
		q := ast.Text("SELECT num_tablets FROM yb_table_properties(CAST(:t AS regclass))").Bind("t", c.table)
		if err := e.QueryRow(ctx, q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != c.want {
			t.Errorf("%s has %d tablets, want %d", c.table, n, c.want)
		}
	}

	// Concurrent transfers between 10 accounts: every transfer is one InTx, which
	// retries serialization failures (40001) and deadlocks (40P01).
	const nAccounts, workers, each = 10, 8, 20
	ins := ast.Insert(accounts)
	for i := range nAccounts {
		ins = ins.Values(i+1, 1000)
	}
	if _, err := e.Exec(ctx, ins); err != nil {
		t.Fatal(err)
	}
	bal := accounts.C("balance")
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				from, to := (w+i)%nAccounts+1, (w+3*i+1)%nAccounts+1
				if from == to {
					continue
				}
				if err := transfer(ctx, e, accounts, from, to, 7); err != nil {
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
	var total string
	if err := e.QueryRow(ctx, ast.Select(ast.Sum(bal)).From(accounts)).Scan(&total); err != nil {
		t.Fatal(err)
	}
	if total != "10000.00" {
		t.Errorf("the balances sum to %s after the transfers, want 10000.00", total)
	}

	// Reflection gives the key options back (the accounts key is YugabyteDB's
	// default, so it reflects without one).
	in, err := schema.NewInspector(e.DB(), e.Dialect())
	if err != nil {
		t.Fatal(err)
	}
	got, err := in.ReflectTable(ctx, "", orders.Name)
	if err != nil {
		t.Fatal(err)
	}
	want := []ast.TableOption{
		ast.DialectOption("yugabyte", "index ix_orders_"+suffix+"_placed key", "placed DESC"),
		ast.DialectOption("yugabyte", "primary key", "(region, customer_id) HASH, placed DESC"),
	}
	if d := cmp.Diff(want, compiler.DialectOptions(got, yugabyte.Name), sortOptions); d != "" {
		t.Errorf("reflected options of %s (-want +got):\n%s", orders.Name, d)
	}
	acc, err := in.ReflectTable(ctx, "", accounts.Name)
	if err != nil {
		t.Fatal(err)
	}
	if opts := compiler.DialectOptions(acc, yugabyte.Name); len(opts) != 0 {
		t.Errorf("%s reflected options %v, want none (its key is hashed by default)", accounts.Name, opts)
	}
}

var sortOptions = cmp.Transformer("sorted", func(in []ast.TableOption) []ast.TableOption {
	out := append([]ast.TableOption(nil), in...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j].Name < out[i].Name {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
})

// transfer moves amount from one account to another in a retrying transaction,
// as the documentation's example does.
func transfer(ctx context.Context, e *engine.Engine, accounts *ast.Table, from, to int, amount float64) error {
	id, bal := accounts.C("id"), accounts.C("balance")
	return engine.InTx(ctx, e, func(tx *engine.Tx) error {
		if _, err := tx.Exec(ctx, ast.Update(accounts).Set(bal, ast.Sub(bal, amount)).Where(id.Eq(from))); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, ast.Update(accounts).Set(bal, ast.Add(bal, amount)).Where(id.Eq(to)))
		return err
	}, engine.WithIsolation(sql.LevelSerializable))
}

func randomSuffix(t *testing.T) string {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b[:])
}
