package schema_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects/mysql"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/internal/testdb"
	"github.com/seed13bb6a42/strata/schema"
	"github.com/seed13bb6a42/strata/types"
)

func id() *ast.Column { return ast.Col("id", types.Integer, ast.PrimaryKey()) }

func ref(col, table string) *ast.ForeignKeyConstraint {
	return ast.ForeignKeyOf([]string{col}, table, "id")
}

func names(ts []*ast.Table) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Name
	}
	return out
}

func TestSortTablesByDependency(t *testing.T) {
	md := ast.NewMetaData(
		ast.NewTable("items", id(), ast.Col("order_id", types.Integer), ref("order_id", "orders")),
		ast.NewTable("orders", id(), ast.Col("user_id", types.Integer), ref("user_id", "users")),
		ast.NewTable("tags", id()),
		ast.NewTable("users", id(), ast.Col("boss_id", types.Integer), ref("boss_id", "users")), // self-reference
	)
	for range 5 { // deterministic
		got, cycles := schema.SortTables(md)
		if diff := cmp.Diff([]string{"tags", "users", "orders", "items"}, names(got)); diff != "" {
			t.Fatalf("order (-want +got):\n%s", diff)
		}
		if len(cycles) != 0 {
			t.Fatalf("a self-reference counted as a cycle: %v", cycles)
		}
	}
}

func cyclic() *ast.MetaData {
	return ast.NewMetaData(
		ast.NewTable("a", id(), ast.Col("b_id", types.Integer), ref("b_id", "b")),
		ast.NewTable("b", id(), ast.Col("a_id", types.Integer), ref("a_id", "a")),
		ast.NewTable("c", id(), ast.Col("a_id", types.Integer), ref("a_id", "a")),
	)
}

func kinds(stmts []ast.Stmt) []string {
	out := make([]string, len(stmts))
	for i, s := range stmts {
		out[i] = s.Kind().String()
		switch x := s.(type) {
		case *ast.CreateTableStmt:
			out[i] += " " + x.Table.Name
			if len(x.OmitForeignKeys) > 0 {
				out[i] += " omitting " + strings.Join(x.OmitForeignKeys, ",")
			}
		case *ast.DropTableStmt:
			out[i] += " " + x.Table.Name
		case *ast.AlterTableStmt:
			out[i] += " " + x.Table.Name + fmt.Sprintf(" %T", x.Action)
		}
	}
	return out
}

func TestCycleBrokenWithAlterTable(t *testing.T) {
	plan, err := schema.CreatePlan(postgres.Dialect(), cyclic())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"create table a omitting fk_a_b_id_b",
		"create table b omitting fk_b_a_id_a",
		"create table c",
		"alter table a ast.AddConstraint",
		"alter table b ast.AddConstraint",
	}
	if diff := cmp.Diff(want, kinds(plan.Statements)); diff != "" {
		t.Errorf("create (-want +got):\n%s", diff)
	}
	drop, err := schema.DropPlan(postgres.Dialect(), cyclic())
	if err != nil {
		t.Fatal(err)
	}
	wantDrop := []string{
		"alter table b ast.DropConstraint",
		"alter table a ast.DropConstraint",
		"drop table c",
		"drop table b",
		"drop table a",
	}
	if diff := cmp.Diff(wantDrop, kinds(drop.Statements)); diff != "" {
		t.Errorf("drop (-want +got):\n%s", diff)
	}
}

func TestCycleInlineOnSQLite(t *testing.T) {
	plan, err := schema.CreatePlan(sqlite.Dialect(), cyclic())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"create table a", "create table b", "create table c"}, kinds(plan.Statements)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestCycleErrorWithoutAlter(t *testing.T) {
	d := mysql.Dialect().Clone()
	d.Name = "noalter"
	d.DDL = 0
	_, err := schema.CreatePlan(d, cyclic())
	var ce *schema.CycleError
	if !errors.As(err, &ce) || !cmp.Equal(ce.Tables, []string{"a", "b"}) || !strings.Contains(err.Error(), "a → b") {
		t.Fatalf("%v", err)
	}
}

func TestCreatePlanOrdersEnumsIndexesComments(t *testing.T) {
	mood := types.Enum("mood", "sad", "ok")
	md := ast.NewMetaData(
		ast.NewTable("people", id(), ast.Col("mood", mood, ast.Comment("how they feel")),
			ast.IndexOf("ix_people_mood", "mood"), ast.TableComment("everyone")),
	).WithSequences(ast.NewSequence("tickets"))
	plan, err := schema.CreatePlan(postgres.Dialect(), md)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"create enum", "create sequence", "create table people", "create index", "comment", "comment"}
	if diff := cmp.Diff(want, kinds(plan.Statements)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// MySQL has inline comments and enums: no separate statements.
	plan, err = schema.CreatePlan(mysql.Dialect(), ast.NewMetaData(md.Tables...))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"create table people", "create index"}, kinds(plan.Statements)); diff != "" {
		t.Errorf("mysql (-want +got):\n%s", diff)
	}
}

func TestCreatePlanRejectsBadTables(t *testing.T) {
	md := ast.NewMetaData(ast.NewTable("t", id(), ast.UniqueOf("nope")))
	if _, err := schema.CreatePlan(postgres.Dialect(), md); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("%v", err)
	}
}

// TestCreateAllCheckFirstTwice is the regression test for CheckFirst skipping only
// tables: a second CreateAll failed on the enum type (PostgreSQL has no CREATE TYPE IF
// NOT EXISTS), the sequence, the view and the foreign keys of a cycle, which all exist.
func TestCreateAllCheckFirstTwice(t *testing.T) {
	for _, srv := range []struct {
		server string
		d      *compiler.Dialect
	}{{"postgres", postgres.Dialect()}, {"mysql", mysql.MariaDBDialect()}, {"sqlite", sqlite.Dialect()}} {
		t.Run(srv.d.Name, func(t *testing.T) {
			db := testdb.Open(t, srv.server)
			cyc := cyclic()
			a := cyc.Tables[0]
			md := ast.NewMetaData(append(cyc.Tables,
				ast.NewTable("moods", id(), ast.Col("m", types.Enum("mood", "sad", "ok"))))...)
			md = md.WithViews(ast.NewView("a_ids", ast.Select(a.C("id")).From(a)))
			if srv.d.HasDDL(compiler.DDLSequences) {
				md = md.WithSequences(ast.NewSequence("tickets"))
			}
			o := schema.Options{CheckFirst: true}
			for i := range 2 {
				if err := schema.CreateAll(t.Context(), db, srv.d, md, o); err != nil {
					t.Fatalf("CreateAll #%d: %v", i+1, err)
				}
			}
			for i := range 2 {
				if err := schema.DropAll(t.Context(), db, srv.d, md, o); err != nil {
					t.Fatalf("DropAll #%d: %v", i+1, err)
				}
			}
		})
	}
}
