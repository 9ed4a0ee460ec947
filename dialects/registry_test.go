package dialects_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects"
	_ "github.com/seed13bb6a42/strata/dialects/mysql"
	_ "github.com/seed13bb6a42/strata/dialects/postgres"
	_ "github.com/seed13bb6a42/strata/dialects/sqlite"
)

// builtin are the names the three built-in dialect packages register.
var builtin = []string{"mariadb", "mysql", "postgres", "postgresql", "sqlite", "sqlite3"}

// Tests that register dialects use names with this prefix, so that they do not
// collide with each other or with the built-ins.
const testPrefix = "registrytest-"

func factory(name string) dialects.Factory {
	return func(v string) (*compiler.Dialect, error) {
		d := compiler.ANSI().Clone()
		d.Name, d.Version = name, v
		return d, nil
	}
}

// registerPanic calls Register and returns what it panicked with, or nil.
func registerPanic(name string, f dialects.Factory) (p any) {
	defer func() { p = recover() }()
	dialects.Register(name, f)
	return nil
}

func TestNamesBuiltin(t *testing.T) {
	names := dialects.Names()
	if !slices.IsSorted(names) {
		t.Errorf("Names() is not sorted: %v", names)
	}
	for _, n := range builtin {
		if !slices.Contains(names, n) {
			t.Errorf("Names() = %v lacks %q", names, n)
		}
	}
	names[0] = "changed"
	if dialects.Names()[0] == "changed" {
		t.Error("Names() returns the registry's own slice")
	}
}

func TestLookupBuiltin(t *testing.T) {
	tests := []struct {
		name, version string
		wantName      string
		has, lacks    compiler.Feature
	}{
		{"postgres", "", "postgres", compiler.CTEMaterialized | compiler.FetchWithTies, 0},
		{"postgresql", "16.4", "postgres", compiler.CTEMaterialized, 0},
		{"postgres", "11.22", "postgres", compiler.Returning, compiler.CTEMaterialized | compiler.FetchWithTies},
		{"sqlite", "", "sqlite", compiler.Returning | compiler.FullJoin, 0},
		{"sqlite3", "3.34.1", "sqlite", 0, compiler.Returning | compiler.FullJoin},
		{"mysql", "", "mysql", compiler.UpsertRowAlias, compiler.Returning},
		{"mysql", "8.0.18", "mysql", compiler.OnDuplicateKey, compiler.UpsertRowAlias},
		{"mysql", "10.11.6-MariaDB", "mariadb", compiler.Returning, compiler.UpsertRowAlias},
		{"mysql", "5.5.5-10.11.6-MariaDB-0+deb12u1", "mariadb", compiler.Returning, 0},
		{"mariadb", "10.4.0", "mariadb", compiler.ReturningDelete, compiler.Returning},
		{"mariadb", "", "mariadb", compiler.Returning | compiler.FetchWithTies, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name+"@"+tc.version, func(t *testing.T) {
			d, err := dialects.LookupVersion(tc.name, tc.version)
			if err != nil {
				t.Fatal(err)
			}
			if d.Name != tc.wantName {
				t.Errorf("Name = %q, want %q", d.Name, tc.wantName)
			}
			if !d.Has(tc.has) {
				t.Errorf("lacks features %x", tc.has&^d.Features)
			}
			if d.Features&tc.lacks != 0 {
				t.Errorf("has features %x", d.Features&tc.lacks)
			}
			if tc.version != "" && d.Version != tc.version {
				t.Errorf("Version = %q, want %q", d.Version, tc.version)
			}
		})
	}
}

// TestLookupDefault checks that Lookup is LookupVersion with no version.
func TestLookupDefault(t *testing.T) {
	for _, name := range builtin {
		d, err := dialects.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		v, err := dialects.LookupVersion(name, "")
		if err != nil {
			t.Fatal(err)
		}
		if d.Name != v.Name || d.Features != v.Features || d.Version != v.Version {
			t.Errorf("Lookup(%q) = %s %x %q; LookupVersion(%q, \"\") = %s %x %q",
				name, d.Name, d.Features, d.Version, name, v.Name, v.Features, v.Version)
		}
	}
}

func TestLookupUnknown(t *testing.T) {
	for _, name := range []string{"oracle", "", "Postgres", "postgres "} {
		d, err := dialects.LookupVersion(name, "1.0")
		var ue *dialects.UnknownError
		if d != nil || !errors.As(err, &ue) {
			t.Fatalf("Lookup(%q) = %v, %T %v; want a *dialects.UnknownError", name, d, err, err)
		}
		if ue.Name != name || !slices.Equal(ue.Registered, dialects.Names()) {
			t.Errorf("UnknownError{Name: %q, Registered: %v}, want %q and %v", ue.Name, ue.Registered, name, dialects.Names())
		}
		msg := err.Error()
		if !strings.Contains(msg, `"`+name+`"`) {
			t.Errorf("%q does not quote the name %q", msg, name)
		}
		for _, n := range builtin {
			if !strings.Contains(msg, n) {
				t.Errorf("%q does not list %s", msg, n)
			}
		}
		if !strings.Contains(msg, "import") {
			t.Errorf("%q does not say that importing a dialect package registers it", msg)
		}
	}
}

// TestUnknownErrorNoneRegistered checks the message of a program that imported no
// dialect package: it names the import to add.
func TestUnknownErrorNoneRegistered(t *testing.T) {
	msg := (&dialects.UnknownError{Name: "postgres"}).Error()
	if !strings.Contains(msg, `"postgres"`) || !strings.Contains(msg, `import`) ||
		!strings.Contains(msg, "github.com/seed13bb6a42/strata/dialects/") {
		t.Errorf("%q does not say which import registers a dialect", msg)
	}
}

func TestRegisterDuplicate(t *testing.T) {
	for _, name := range append([]string{testPrefix + "dup"}, builtin...) {
		if name == testPrefix+"dup" {
			if p := registerPanic(name, factory(name)); p != nil {
				t.Fatalf("first Register(%q) panicked: %v", name, p)
			}
		}
		p := registerPanic(name, factory(name))
		err, _ := p.(error)
		var de *dialects.DuplicateError
		if !errors.As(err, &de) || de.Name != name {
			t.Errorf("second Register(%q) panicked with %v, want a *dialects.DuplicateError", name, p)
			continue
		}
		if !strings.Contains(err.Error(), `"`+name+`"`) {
			t.Errorf("%q does not name %q", err, name)
		}
	}
	// The first registration stands.
	d, err := dialects.Lookup(testPrefix + "dup")
	if err != nil || d.Name != testPrefix+"dup" {
		t.Errorf("Lookup after a refused duplicate: %v, %v", d, err)
	}
	if d, _ := dialects.Lookup("postgres"); d == nil || d.Name != "postgres" {
		t.Errorf("the postgres registration changed: %v", d)
	}
}

func TestRegisterInvalid(t *testing.T) {
	tests := []struct {
		name string
		f    dialects.Factory
	}{
		{"", factory("x")},
		{testPrefix + "nil-factory", nil},
	}
	for _, tc := range tests {
		if p := registerPanic(tc.name, tc.f); p == nil {
			t.Errorf("Register(%q, %v) did not panic", tc.name, tc.f != nil)
		}
		if slices.Contains(dialects.Names(), tc.name) {
			t.Errorf("Register(%q) panicked but registered the name", tc.name)
		}
	}
}

// TestRegisterThirdParty registers a dialect the way a package outside this module
// does, from its own code, and finds it by name and version.
func TestRegisterThirdParty(t *testing.T) {
	name := testPrefix + "thirdparty"
	dialects.Register(name, factory(name))
	if !slices.Contains(dialects.Names(), name) || !slices.IsSorted(dialects.Names()) {
		t.Errorf("Names() = %v", dialects.Names())
	}
	d, err := dialects.LookupVersion(name, "2.1")
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != name || d.Version != "2.1" {
		t.Errorf("LookupVersion gave %q version %q", d.Name, d.Version)
	}
	_, err = dialects.Lookup("registrytest-nope")
	if err == nil || !strings.Contains(err.Error(), name) {
		t.Errorf("an unknown name's error %v does not list %s", err, name)
	}
}

// TestFactoryError checks that a factory's error reaches the caller unchanged.
func TestFactoryError(t *testing.T) {
	name := testPrefix + "failing"
	errVersion := errors.New("version 0.1 is too old")
	dialects.Register(name, func(v string) (*compiler.Dialect, error) {
		if v == "0.1" {
			return nil, fmt.Errorf("%s: %w", name, errVersion)
		}
		return factory(name)(v)
	})
	if _, err := dialects.LookupVersion(name, "0.1"); !errors.Is(err, errVersion) {
		t.Errorf("LookupVersion(%q, 0.1) = %v, want the factory's error", name, err)
	}
	if d, err := dialects.LookupVersion(name, "1.0"); err != nil || d.Version != "1.0" {
		t.Errorf("LookupVersion(%q, 1.0) = %v, %v", name, d, err)
	}
}

// TestConcurrent registers and looks up from many goroutines at once; run with -race.
func TestConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			name := fmt.Sprintf("%sconcurrent-%d", testPrefix, i)
			dialects.Register(name, factory(name))
			for _, n := range []string{name, "postgres", "mysql"} {
				if _, err := dialects.Lookup(n); err != nil {
					t.Error(err)
				}
			}
			_ = dialects.Names()
		})
	}
	wg.Wait()
	for i := range 16 {
		if !slices.Contains(dialects.Names(), fmt.Sprintf("%sconcurrent-%d", testPrefix, i)) {
			t.Errorf("concurrent registration %d is missing", i)
		}
	}
}

// Each built-in dialect package registers its names on import; a MariaDB server
// reports its flavour in the version, and the "mysql" name picks the MariaDB dialect.
func ExampleLookupVersion() {
	d, err := dialects.LookupVersion("mysql", "10.11.6-MariaDB")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Name, d.Version)

	_, err = dialects.Lookup("oracle")
	var ue *dialects.UnknownError
	fmt.Println(errors.As(err, &ue), ue.Name)
	// Output:
	// mariadb 10.11.6-MariaDB
	// true oracle
}
