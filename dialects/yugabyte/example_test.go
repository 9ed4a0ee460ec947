package yugabyte_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/yugabyte"
	"github.com/seed13bb6a42/strata/engine"
	"github.com/seed13bb6a42/strata/types"
)

// A hash-sharded orders table: rows spread over 16 tablets by a hash of (region,
// customer_id), each customer's orders kept newest first. PostgreSQL ignores the
// YugabyteDB options, so the same table creates there too.
func Example() {
	orders := ast.NewTable("orders",
		ast.Col("region", types.String(8), ast.NotNull()),
		ast.Col("customer_id", types.BigInteger, ast.NotNull()),
		ast.Col("placed", types.DateTimeTZ, ast.NotNull()),
		ast.Col("total", types.Decimal(12, 2), ast.NotNull()),
		ast.PrimaryKeyOf("region", "customer_id", "placed"),
		yugabyte.PrimaryKey(yugabyte.HashKey("region", "customer_id"), yugabyte.DescKey("placed")),
		yugabyte.SplitInto(16),
	)
	for _, d := range []*compiler.Dialect{yugabyte.Dialect(), postgres.Dialect()} {
		p, err := d.Compile(ast.CreateTable(orders))
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s: %s\n", d.Name, p.SQL)
	}
	// Output:
	// yugabyte: CREATE TABLE orders (region VARCHAR(8) NOT NULL, customer_id BIGINT NOT NULL, placed TIMESTAMP WITH TIME ZONE NOT NULL, total NUMERIC(12, 2) NOT NULL, PRIMARY KEY ((region, customer_id) HASH, placed DESC)) SPLIT INTO 16 TABLETS
	// postgres: CREATE TABLE orders (region VARCHAR(8) NOT NULL, customer_id BIGINT NOT NULL, placed TIMESTAMP WITH TIME ZONE NOT NULL, total NUMERIC(12, 2) NOT NULL, PRIMARY KEY (region, customer_id, placed))
}

// A range-sharded table presplit at chosen keys, with a range-sharded index
// presplit too.
func ExampleSplitAt() {
	events := ast.NewTable("events",
		ast.Col("day", types.DateType, ast.NotNull()),
		ast.Col("seq", types.BigInteger, ast.NotNull()),
		ast.Col("kind", types.String(20), ast.NotNull()),
		ast.PrimaryKeyOf("day", "seq"),
		ast.IndexOf("ix_events_kind", "kind"),
		yugabyte.PrimaryKey(yugabyte.AscKey("day"), yugabyte.AscKey("seq")),
		yugabyte.SplitAt([]any{"2026-01-01"}, []any{"2026-07-01"}),
		yugabyte.IndexKey("ix_events_kind", yugabyte.AscKey("kind")),
		yugabyte.IndexSplitAt("ix_events_kind", []any{"m"}),
	)
	d := yugabyte.Dialect()
	for _, n := range []ast.Node{ast.CreateTable(events), &ast.CreateIndexStmt{Table: events, Index: events.Indexes[0]}} {
		p, err := d.Compile(n)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(p.SQL)
	}
	// Output:
	// CREATE TABLE events (day DATE NOT NULL, seq BIGINT NOT NULL, kind VARCHAR(20) NOT NULL, PRIMARY KEY (day ASC, seq ASC)) SPLIT AT VALUES (('2026-01-01'), ('2026-07-01'))
	// CREATE INDEX ix_events_kind ON events (kind ASC) SPLIT AT VALUES (('m'))
}

// A table in a colocated database kept out of the shared tablet, and a small table
// placed in a tablegroup.
func ExampleColocation() {
	big := ast.NewTable("clicks", ast.Col("id", types.BigInteger, ast.PrimaryKey()), yugabyte.Colocation(false))
	small := ast.NewTable("countries", ast.Col("code", types.FixedChar(2), ast.PrimaryKey()), yugabyte.Tablegroup("reference"))
	for _, t := range []*ast.Table{big, small} {
		p, _ := yugabyte.Dialect().Compile(ast.CreateTable(t))
		fmt.Println(p.SQL)
	}
	// Output:
	// CREATE TABLE clicks (id BIGINT NOT NULL, PRIMARY KEY (id)) WITH (COLOCATION = false)
	// CREATE TABLE countries (code CHAR(2) NOT NULL, PRIMARY KEY (code)) TABLEGROUP reference
}

// Key columns must have types DocDB can key on: a JSONB primary key is refused
// before anything is sent.
func ExampleNew_keyTypes() {
	docs := ast.NewTable("docs", ast.Col("body", types.JSONType, ast.PrimaryKey()))
	_, err := yugabyte.New("PostgreSQL 15.2-YB-2025.1.0.0-b0").Compile(ast.CreateTable(docs))
	var ue *compiler.UnsupportedError
	fmt.Println(errors.As(err, &ue), ue.Construct)
	// Output:
	// true PRIMARY KEY on column docs.body of type JSONB
}

// A money transfer that retries serialization failures (SQLSTATE 40001) and
// deadlocks (40P01), which a distributed database reports where PostgreSQL would
// wait: engine.InTx rolls back, backs off and runs the function again.
func ExamplePrimaryKey_transfer() {
	ctx := context.Background()
	e, err := engine.Open(ctx, "yugabytedb://yugabyte:yugabyte@127.0.0.1:5433/yugabyte")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer e.Close()
	accounts := ast.NewTable("accounts",
		ast.Col("id", types.BigInteger, ast.PrimaryKey()),
		ast.Col("balance", types.Decimal(14, 2), ast.NotNull()),
		yugabyte.PrimaryKey(yugabyte.HashKey("id")),
		yugabyte.SplitInto(8),
	)
	id, bal := accounts.C("id"), accounts.C("balance")
	err = engine.InTx(ctx, e, func(tx *engine.Tx) error {
		if _, err := tx.Exec(ctx, ast.Update(accounts).Set(bal, ast.Sub(bal, 25)).Where(id.Eq(1))); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, ast.Update(accounts).Set(bal, ast.Add(bal, 25)).Where(id.Eq(2)))
		return err
	}, engine.WithIsolation(sql.LevelSerializable))
	fmt.Println(err)
}
