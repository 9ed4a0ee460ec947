package schema

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/dialects/yugabyte"
	"github.com/seed13bb6a42/strata/internal/testdb"
	"github.com/seed13bb6a42/strata/types"
)

var ybCmp = cmp.Options{
	cmpopts.IgnoreFields(ast.Column{}, "From"),
	cmpopts.IgnoreUnexported(ast.Table{}, ast.Column{}),
}

// TestYugabyteKeyOption maps pg_index.indoption values, as YugabyteDB stores them
// (HASH 4, DESC 3 = DESC and NULLS FIRST, ASC 0), to key options, and checks that
// the yugabyte dialect reads back what the reflector writes.
func TestYugabyteKeyOption(t *testing.T) {
	tests := []struct {
		name      string
		cols      []string
		opts      []int
		colocated bool
		want      string
	}{
		{"default hash first", []string{"a", "b"}, []int{4, 0}, false, ""},
		{"default colocated", []string{"a", "b"}, []int{0, 0}, true, ""},
		{"hash group and desc", []string{"a", "b", "c", "d"}, []int{4, 4, 0, 3}, false, "(a, b) HASH, c ASC, d DESC"},
		{"range first", []string{"a", "b"}, []int{0, 0}, false, "a ASC, b ASC"},
		{"desc first", []string{"placed"}, []int{3}, false, "placed DESC"},
		{"hash in colocated", []string{"a"}, []int{4}, true, "a HASH"},
		{"quoted names", []string{"Order ID", "line"}, []int{4, 3}, false, `"Order ID" HASH, line DESC`},
		{"mismatched", []string{"a"}, []int{4, 0}, false, ""},
	}
	for _, tt := range tests {
		got := yugabyte.FormatKey(ybKeyParts(tt.cols, tt.opts, tt.colocated))
		if got != tt.want {
			t.Errorf("%s: key option %q, want %q", tt.name, got, tt.want)
		}
		if got == "" {
			continue
		}
		parts, err := yugabyte.ParseKey(got)
		if err != nil {
			t.Errorf("%s: the dialect cannot read %q: %v", tt.name, got, err)
			continue
		}
		if n := len(yugabyteColumns(parts)); n != len(tt.cols) {
			t.Errorf("%s: %q names %d columns, want %d", tt.name, got, n, len(tt.cols))
		}
	}
}

func yugabyteColumns(parts []yugabyte.KeyPart) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p.Columns...)
	}
	return out
}

// TestYugabyteRebuild checks that the options are added, lsm becomes the default
// method and ybgin gin, everything else kept.
func TestYugabyteRebuild(t *testing.T) {
	in := ast.NewTable("t",
		ast.Col("a", types.BigInteger, ast.NotNull()), ast.Col("b", types.Text),
		ast.PrimaryKeyOf("a").Named("t_pkey"), ast.UniqueOf("b").Named("t_b_key"),
		ast.CheckOf(ast.Text("a > 0")).Named("t_a_check"),
		&ast.Index{Name: "ix_b", Columns: []ast.IndexPart{{Column: "b", Desc: true}}, Using: "lsm"},
		&ast.Index{Name: "ix_gin", Columns: []ast.IndexPart{{Column: "b"}}, Using: "ybgin"},
		ast.TableComment("orders"),
	)
	opt := ast.DialectOption("yugabyte", "index ix_b key", "b DESC")
	want := ast.NewTable("t",
		ast.Col("a", types.BigInteger, ast.NotNull()), ast.Col("b", types.Text),
		ast.PrimaryKeyOf("a").Named("t_pkey"), ast.UniqueOf("b").Named("t_b_key"),
		ast.CheckOf(ast.Text("a > 0")).Named("t_a_check"),
		&ast.Index{Name: "ix_b", Columns: []ast.IndexPart{{Column: "b", Desc: true}}},
		&ast.Index{Name: "ix_gin", Columns: []ast.IndexPart{{Column: "b"}}, Using: "gin"},
		ast.TableComment("orders"), opt,
	)
	got := ybRebuild(in, []ast.TableOption{opt})
	if d := cmp.Diff(want, got, ybCmp); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if in.Indexes[0].Using != "lsm" || in.Indexes[1].Using != "ybgin" {
		t.Error("ybRebuild modified its input")
	}
}

// TestYugabyteReflectorStandIn reflects, on the PostgreSQL stand-in, a table the
// yugabyte dialect created: the YugabyteDB reflector is registered for the dialect
// and gives what PostgreSQL's gives (the server has no YugabyteDB catalog).
func TestYugabyteReflectorStandIn(t *testing.T) {
	ctx := t.Context()
	db := testdb.Open(t, "postgres")
	d := yugabyte.Dialect()
	tbl := ast.NewTable("yb_orders",
		ast.Col("id", types.BigInteger, ast.PrimaryKey()),
		ast.Col("customer", types.BigInteger, ast.NotNull()),
		ast.Col("note", types.JSONType),
		ast.IndexOn("ix_yb_orders_customer", ast.IndexPart{Column: "customer", Desc: true}),
	)
	if err := CreateAll(ctx, db, d, ast.NewMetaData(tbl), Options{}); err != nil {
		t.Fatal(err)
	}
	in, err := NewInspector(db, d)
	if err != nil {
		t.Fatal(err)
	}
	got, err := in.ReflectTable(ctx, "", "yb_orders")
	if err != nil {
		t.Fatal(err)
	}
	want, err := PostgresReflector{}.Table(ctx, db, "", "yb_orders")
	if err != nil {
		t.Fatal(err)
	}
	if dif := cmp.Diff(want, got, ybCmp); dif != "" {
		t.Errorf("(-postgres +yugabyte):\n%s", dif)
	}
	if len(got.Columns) != 3 || len(got.Indexes) != 1 || !got.Indexes[0].Columns[0].Desc {
		t.Errorf("reflected %+v", got)
	}
}
