// Package schema creates, drops and reflects database schemas: CreateAll and DropAll
// turn an ast.MetaData into DDL in dependency order for a dialect, and an Inspector
// reads a live database back into ast tables, so that a schema reflected from one
// database can be created on another.
package schema

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"sort"
	"sync"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
)

// A Querier runs queries: *sql.DB, *sql.Conn and *sql.Tx all are. Reflection and
// CreateAll need nothing more, so they work with any connection the caller has.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// A Reflector reads one kind of database's catalog. Each built-in dialect has one;
// a third-party dialect registers its own with RegisterReflector.
type Reflector interface {
	// DefaultSchema returns the schema unqualified names resolve to (PostgreSQL's
	// current_schema(), MySQL's current database, SQLite's "main").
	DefaultSchema(ctx context.Context, q Querier) (string, error)
	// SchemaNames returns the schemas (databases on MySQL) a user can see, sorted.
	SchemaNames(ctx context.Context, q Querier) ([]string, error)
	// TableNames and ViewNames return the names in schema ("" for the default), sorted.
	TableNames(ctx context.Context, q Querier, schema string) ([]string, error)
	ViewNames(ctx context.Context, q Querier, schema string) ([]string, error)
	// Table reflects one table: columns (types mapped back into package types,
	// nullability, defaults, autoincrement/identity, computed, comments, collation),
	// primary key, foreign keys with actions, unique and check constraints, indexes
	// (expression and partial ones included) and the table comment. The returned
	// table's Schema is "" when schema was "". A missing table is an error wrapping
	// ErrNotFound.
	Table(ctx context.Context, q Querier, schema, name string) (*ast.Table, error)
	// ViewDefinition returns a view's SELECT text as the database stores it.
	ViewDefinition(ctx context.Context, q Querier, schema, name string) (string, error)
	// Sequences returns the sequences of schema; nil where the database has none.
	Sequences(ctx context.Context, q Querier, schema string) ([]*ast.Sequence, error)
}

// ErrNotFound is wrapped by errors for tables, views and schemas that do not exist.
var ErrNotFound = errors.New("schema: not found")

var reflectors = struct {
	sync.RWMutex
	m map[string]Reflector
}{m: map[string]Reflector{}}

// RegisterReflector makes r read the catalogs of the dialect named dialect (its
// compiler.Dialect.Name). Registering a name twice replaces the first.
func RegisterReflector(dialect string, r Reflector) {
	reflectors.Lock()
	defer reflectors.Unlock()
	reflectors.m[dialect] = r
}

// An Inspector reflects a live database through a Querier, with the dialect that
// says how to read its catalog. It caches nothing: every call asks the server.
type Inspector struct {
	q Querier
	d *compiler.Dialect
	r Reflector
}

// NewInspector returns an Inspector for a database of dialect d reached through q.
func NewInspector(q Querier, d *compiler.Dialect) (*Inspector, error) {
	reflectors.RLock()
	r, ok := reflectors.m[d.Name]
	reflectors.RUnlock()
	if !ok {
		names := make([]string, 0, len(reflectors.m))
		reflectors.RLock()
		for n := range reflectors.m {
			names = append(names, n)
		}
		reflectors.RUnlock()
		sort.Strings(names)
		return nil, &NoReflectorError{Dialect: d.Name, Registered: names}
	}
	return &Inspector{q: q, d: d, r: r}, nil
}

// A NoReflectorError reports a dialect without a registered Reflector.
type NoReflectorError struct {
	Dialect    string
	Registered []string
}

func (e *NoReflectorError) Error() string {
	return "schema: no reflector for dialect " + e.Dialect + " (registered: " + join(e.Registered) + ")"
}

func join(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out
}

// Dialect returns the inspector's dialect.
func (in *Inspector) Dialect() *compiler.Dialect { return in.d }

// DefaultSchema returns the schema unqualified names resolve to.
func (in *Inspector) DefaultSchema(ctx context.Context) (string, error) {
	return in.r.DefaultSchema(ctx, in.q)
}

// SchemaNames returns the schemas the connection can see.
func (in *Inspector) SchemaNames(ctx context.Context) ([]string, error) {
	return in.r.SchemaNames(ctx, in.q)
}

// TableNames returns the tables of schema ("" for the default), sorted.
func (in *Inspector) TableNames(ctx context.Context, schema string) ([]string, error) {
	return in.r.TableNames(ctx, in.q, schema)
}

// ViewNames returns the views of schema, sorted.
func (in *Inspector) ViewNames(ctx context.Context, schema string) ([]string, error) {
	return in.r.ViewNames(ctx, in.q, schema)
}

// HasTable reports whether schema has a table named name.
func (in *Inspector) HasTable(ctx context.Context, schema, name string) (bool, error) {
	names, err := in.TableNames(ctx, schema)
	return slices.Contains(names, name), err
}

// ReflectTable reads one table into an ast.Table.
func (in *Inspector) ReflectTable(ctx context.Context, schema, name string) (*ast.Table, error) {
	return in.r.Table(ctx, in.q, schema, name)
}

// ViewDefinition returns a view's query text.
func (in *Inspector) ViewDefinition(ctx context.Context, schema, name string) (string, error) {
	return in.r.ViewDefinition(ctx, in.q, schema, name)
}

// Sequences returns the sequences of schema.
func (in *Inspector) Sequences(ctx context.Context, schema string) ([]*ast.Sequence, error) {
	return in.r.Sequences(ctx, in.q, schema)
}

// Reflect reads every table (and sequence) of schema into a MetaData, tables sorted
// by name. Views are listed with their query as raw text.
func (in *Inspector) Reflect(ctx context.Context, schema string) (*ast.MetaData, error) {
	names, err := in.TableNames(ctx, schema)
	if err != nil {
		return nil, err
	}
	md := &ast.MetaData{Schema: schema}
	for _, n := range names {
		t, err := in.ReflectTable(ctx, schema, n)
		if err != nil {
			return nil, err
		}
		md.Tables = append(md.Tables, t)
	}
	if md.Sequences, err = in.Sequences(ctx, schema); err != nil {
		return nil, err
	}
	views, err := in.ViewNames(ctx, schema)
	if err != nil {
		return nil, err
	}
	for _, v := range views {
		def, err := in.ViewDefinition(ctx, schema, v)
		if err != nil {
			return nil, err
		}
		md.Views = append(md.Views, &ast.View{Schema: schema, Name: v, Query: ast.Text(def)})
	}
	return md, nil
}
