// Package dialects is the registry of SQL dialects by name, for URLs and
// configuration strings. A dialect package registers itself from its init function,
// the way a database/sql driver does, so importing it is enough:
//
//	import _ "github.com/seed13bb6a42/strata/dialects/postgres"
//
//	d, err := dialects.Lookup("postgres")
package dialects

import (
	"errors"
	"slices"
	"strings"
	"sync"

	"github.com/seed13bb6a42/strata/compiler"
)

// A Factory returns the dialect for a server version ("" for the dialect's default,
// usually the newest version it knows). The engine calls it with the version it
// detects on its first connection.
type Factory func(serverVersion string) (*compiler.Dialect, error)

var registry = struct {
	sync.RWMutex
	m map[string]Factory
}{m: map[string]Factory{}}

// Register makes a dialect available under name. It panics when name is empty, f is
// nil, or name is taken: registering twice is a programming error, as in database/sql.
func Register(name string, f Factory) {
	if err := register(name, f); err != nil {
		panic(err)
	}
}

func register(name string, f Factory) error {
	if name == "" || f == nil {
		return errors.New("dialects: Register needs a name and a factory")
	}
	registry.Lock()
	defer registry.Unlock()
	if _, dup := registry.m[name]; dup {
		return &DuplicateError{Name: name}
	}
	registry.m[name] = f
	return nil
}

// Lookup returns the default dialect registered under name.
func Lookup(name string) (*compiler.Dialect, error) { return LookupVersion(name, "") }

// LookupVersion returns the dialect registered under name, configured for a server
// version.
func LookupVersion(name, serverVersion string) (*compiler.Dialect, error) {
	registry.RLock()
	f, ok := registry.m[name]
	registry.RUnlock()
	if !ok {
		return nil, &UnknownError{Name: name, Registered: Names()}
	}
	return f(serverVersion)
}

// Names returns the registered names, sorted.
func Names() []string {
	registry.RLock()
	defer registry.RUnlock()
	names := make([]string, 0, len(registry.m))
	for n := range registry.m {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// An UnknownError reports a dialect name that nothing registered.
type UnknownError struct {
	Name       string
	Registered []string
}

func (e *UnknownError) Error() string {
	s := "dialects: unknown dialect " + quote(e.Name) + "; registered: "
	if len(e.Registered) == 0 {
		return s + "none (import a dialect package, e.g. _ \"github.com/seed13bb6a42/strata/dialects/sqlite\")"
	}
	return s + strings.Join(e.Registered, ", ") + " (a dialect registers itself when its package is imported)"
}

// A DuplicateError reports a second registration under one name.
type DuplicateError struct{ Name string }

func (e *DuplicateError) Error() string {
	return "dialects: a dialect named " + quote(e.Name) + " is already registered"
}

func quote(s string) string { return "\"" + s + "\"" }
