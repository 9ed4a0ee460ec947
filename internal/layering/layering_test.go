// Package layering holds the test that enforces the direction of imports between
// Strata's packages (DESIGN.md §1).
package layering

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path"
	"strings"
	"testing"
)

const module = "github.com/seed13bb6a42/strata"

// layers lists the packages in order; a package may import only packages of earlier
// layers (and, within dialects, only the registry, plus yugabyte → postgres).
var layers = [][]string{
	{"types", "bind", "internal/dburl"},
	{"ast"},
	{"compiler"},
	{"dialects"},
	{"dialects/postgres", "dialects/sqlite", "dialects/mysql", "dialects/questdb", "dialects/yugabyte"},
	{"dialects/dialecttest"},
	{"engine", "schema"},
	{"orm"},
}

// drivers are the database drivers no core package may import: someone who only
// builds SQL must not pull in cgo or a driver.
var drivers = []string{
	"github.com/lib/pq", "github.com/mattn/go-sqlite3", "github.com/go-sql-driver/mysql",
}

type pkg struct {
	ImportPath string
	Imports    []string
}

func listPackages(t *testing.T) []pkg {
	cmd := exec.Command("go", "list", "-json=ImportPath,Imports", module+"/...")
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []pkg
	dec := json.NewDecoder(&out)
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func layerOf(rel string) int {
	for i, l := range layers {
		for _, p := range l {
			if p == rel {
				return i
			}
		}
	}
	return -1
}

func TestImportDirection(t *testing.T) {
	pkgs := listPackages(t)
	if len(pkgs) < 5 {
		t.Fatalf("go list found only %d packages", len(pkgs))
	}
	checked := 0
	for _, p := range pkgs {
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		from := layerOf(rel)
		if from < 0 {
			continue // examples, internal, fuzz, cmd: may import anything
		}
		checked++
		for _, imp := range p.Imports {
			for _, d := range drivers {
				if imp == d || strings.HasPrefix(imp, d+"/") {
					t.Errorf("%s imports the driver %s: core packages compile SQL only", rel, imp)
				}
			}
			if !strings.HasPrefix(imp, module+"/") {
				continue
			}
			irel := strings.TrimPrefix(imp, module+"/")
			to := layerOf(irel)
			switch {
			case to < 0:
				t.Errorf("%s imports %s, which is not a core package", rel, irel)
			case to >= from && !(rel == "dialects/yugabyte" && irel == "dialects/postgres"):
				t.Errorf("%s imports %s: imports must point down the layers of DESIGN.md §1", rel, irel)
			case path.Dir(rel) == "dialects" && path.Dir(irel) == "dialects" && rel != "dialects/dialecttest" &&
				!(rel == "dialects/yugabyte" && irel == "dialects/postgres"):
				t.Errorf("dialect %s imports dialect %s", rel, irel)
			}
		}
	}
	if checked < 5 {
		t.Fatalf("only %d core packages checked", checked)
	}
}
