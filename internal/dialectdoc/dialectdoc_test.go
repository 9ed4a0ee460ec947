package dialectdoc_test

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seed13bb6a42/strata/dialects"
	"github.com/seed13bb6a42/strata/internal/dialectdoc"

	_ "github.com/seed13bb6a42/strata/dialects/mysql"
	_ "github.com/seed13bb6a42/strata/dialects/postgres"
	_ "github.com/seed13bb6a42/strata/dialects/questdb"
	_ "github.com/seed13bb6a42/strata/dialects/sqlite"
	_ "github.com/seed13bb6a42/strata/dialects/yugabyte"
)

var update = flag.Bool("update", false, "rewrite docs/dialects.md")

const docPath = "../../docs/dialects.md"

// TestMatrixFresh fails when docs/dialects.md is not what the dialects declare today.
func TestMatrixFresh(t *testing.T) {
	src, err := os.ReadFile("../../compiler/dialect.go")
	if err != nil {
		t.Fatal(err)
	}
	var cols []dialectdoc.Column
	for _, name := range []string{"postgres", "sqlite", "mysql", "mariadb", "questdb", "yugabyte"} {
		d, err := dialects.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		cols = append(cols, dialectdoc.Column{Name: name, Dialect: d})
	}
	got, err := dialectdoc.Render(src, cols)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(docPath, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/dialectdoc -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("docs/dialects.md is stale; run go test ./internal/dialectdoc -update (-committed +generated):\n%s", diff)
	}
}

func TestFlagsRefusesOtherShapes(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"not iota", "package p\ntype F uint\nconst (\n\tA F = 3 // a\n)\n", "not a 1 << iota block"},
		{"explicit value later", "package p\ntype F uint\nconst (\n\tA F = 1 << iota // a\n\tB = 7 // b\n)\n", "not a bare name"},
		{"undocumented", "package p\ntype F uint\nconst (\n\tA F = 1 << iota // a\n\tB\n)\n", "B has no line comment"},
		{"absent", "package p\n", "no constants of type F"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := dialectdoc.Flags([]byte(tt.src), "F")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
	flags, err := dialectdoc.Flags([]byte("package p\ntype F uint\nconst (\n\tA F = 1 << iota // first\n\tB // second\n)\n"), "F")
	want := []dialectdoc.Flag{{"A", 1, "first"}, {"B", 2, "second"}}
	if err != nil || !cmp.Equal(flags, want) {
		t.Errorf("Flags = %v, %v; want %v", flags, err, want)
	}
}
