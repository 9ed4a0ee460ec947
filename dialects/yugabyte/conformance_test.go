package yugabyte_test

import (
	"context"
	"os"
	"slices"
	"testing"

	"github.com/seed13bb6a42/strata/dialects/dialecttest"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/yugabyte"
	_ "github.com/seed13bb6a42/strata/drivers"
	"github.com/seed13bb6a42/strata/internal/testdb"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testdb.CloseAll()
	os.Exit(code)
}

// asFamily returns c as the conformance harness must read it for YugabyteDB: the
// harness's per-dialect lists (InvalidOn, ExecOn) name dialects, and YugabyteDB is
// in PostgreSQL's family, so it takes PostgreSQL's entries — its identifier limit,
// NaN literals and collation names are PostgreSQL's.
func asFamily(c dialecttest.Case) dialecttest.Case {
	if slices.Contains(c.InvalidOn, "postgres") {
		c.InvalidOn = append(slices.Clip(c.InvalidOn), yugabyte.Name)
	}
	if slices.Contains(c.ExecOn, "postgres") {
		c.ExecOn = append(slices.Clip(c.ExecOn), yugabyte.Name)
	}
	return c
}

// TestConformance runs the dialecttest conformance harness for the YugabyteDB
// dialect: every case compiled with the harness's guarantees (no panic, typed
// errors, deterministic SQL, the plan cache agreeing, no bound value in the text),
// then executed on the PostgreSQL server standing in for YugabyteDB, whose query
// layer YSQL is. The stand-in cannot parse YugabyteDB-only DDL (HASH, SPLIT,
// COLOCATION, TABLEGROUP): the harness's cases declare none, so all of them run, and
// that DDL is covered by TestGolden here and by TestIntegration on a real server.
func TestConformance(t *testing.T) {
	d, pg := yugabyte.Dialect(), postgres.New("15.2")
	db := testdb.Open(t, "postgres")
	dialecttest.Setup(t, d, db)
	ran := 0
	for _, c := range dialecttest.Cases() {
		c = asFamily(c)
		t.Run(c.Name, func(t *testing.T) {
			r, err := dialecttest.Check(c, d)
			if err != nil {
				t.Fatalf("%s: %v", d.Name, err)
			}
			// YugabyteDB refuses nothing of the harness that PostgreSQL 15 accepts.
			if p := dialecttest.Compile(c, pg); p.Err == nil && r.Err != nil {
				t.Fatalf("PostgreSQL 15 compiles the case, YugabyteDB refuses it: %v", r.Err)
			}
			if r.Err != nil || c.NoExec != "" || len(c.ExecOn) > 0 && !slices.Contains(c.ExecOn, d.Name) {
				return
			}
			if err := dialecttest.ExecuteCase(context.Background(), db, d, c, r); err != nil {
				t.Fatalf("the PostgreSQL stand-in rejected:\n%s\n%v", r.Format(), err)
			}
			ran++
		})
	}
	if ran < 300 {
		t.Errorf("only %d cases executed on the stand-in", ran)
	}
	t.Logf("%d cases executed on the PostgreSQL stand-in", ran)
}
