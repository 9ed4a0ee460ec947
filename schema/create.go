package schema

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/types"
)

// Options adjust CreateAll and DropAll.
type Options struct {
	// CheckFirst skips tables that already exist (CreateAll) or are already gone
	// (DropAll), asking the database through an Inspector first.
	CheckFirst bool
}

// A Plan is the ordered DDL for a MetaData on one dialect.
type Plan struct {
	Statements []ast.Stmt
	// Deferred lists the foreign keys created after every table (ALTER TABLE … ADD
	// CONSTRAINT) because they close a dependency cycle.
	Deferred []*ast.ForeignKeyConstraint
}

// A CycleError reports foreign keys that form a cycle on a dialect that can neither
// add constraints after creating tables nor refer to tables not yet created.
type CycleError struct {
	Dialect string
	Tables  []string // the tables of the cycle, in order
}

func (e *CycleError) Error() string {
	return "schema: tables " + strings.Join(e.Tables, " → ") + " reference each other in a cycle, and " +
		e.Dialect + " cannot add foreign keys after creating the tables"
}

// SortTables returns md's tables so that every table comes after the tables its
// foreign keys reference, and the foreign keys that close cycles (self-references
// excluded: a table may always refer to itself). The order is deterministic: among
// tables free to go next, the one declared first goes first.
func SortTables(md *ast.MetaData) (ordered []*ast.Table, cycleFKs map[*ast.ForeignKeyConstraint]*ast.Table) {
	idx := make(map[string]int, len(md.Tables))
	for i, t := range md.Tables {
		idx[t.Name] = i
	}
	n := len(md.Tables)
	// edges[i] = tables i depends on (references), by foreign key
	type edge struct {
		to int
		fk *ast.ForeignKeyConstraint
	}
	edges := make([][]edge, n)
	for i, t := range md.Tables {
		for _, fk := range t.ForeignKeys {
			j, ok := idx[fk.RefTable]
			if !ok || j == i || fk.RefSchema != "" && fk.RefSchema != t.Schema {
				continue // outside the MetaData, or a self-reference
			}
			edges[i] = append(edges[i], edge{j, fk})
		}
	}
	// Strongly connected components (Tarjan): edges inside one are cycle edges.
	comp := make([]int, n)
	for i := range comp {
		comp[i] = -1
	}
	index, low := make([]int, n), make([]int, n)
	onStack := make([]bool, n)
	var stack []int
	counter, ncomp := 1, 0
	var strong func(v int)
	strong = func(v int) {
		index[v], low[v] = counter, counter
		counter++
		stack = append(stack, v)
		onStack[v] = true
		for _, e := range edges[v] {
			switch {
			case index[e.to] == 0:
				strong(e.to)
				low[v] = min(low[v], low[e.to])
			case onStack[e.to]:
				low[v] = min(low[v], index[e.to])
			}
		}
		if low[v] == index[v] {
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp[w] = ncomp
				if w == v {
					break
				}
			}
			ncomp++
		}
	}
	for v := range n {
		if index[v] == 0 {
			strong(v)
		}
	}
	cycleFKs = map[*ast.ForeignKeyConstraint]*ast.Table{}
	deps := make([]int, n) // remaining dependencies of each table, cycle edges excluded
	dependents := make([][]int, n)
	for i := range n {
		for _, e := range edges[i] {
			if comp[i] == comp[e.to] {
				cycleFKs[e.fk] = md.Tables[i]
				continue
			}
			deps[i]++
			dependents[e.to] = append(dependents[e.to], i)
		}
	}
	// Kahn's algorithm, always taking the earliest declared ready table.
	done := make([]bool, n)
	for len(ordered) < n {
		next := -1
		for i := range n {
			if !done[i] && deps[i] == 0 {
				next = i
				break
			}
		}
		done[next] = true
		ordered = append(ordered, md.Tables[next])
		for _, d := range dependents[next] {
			deps[d]--
		}
	}
	return ordered, cycleFKs
}

// naming returns md's naming convention, or the default one.
func naming(md *ast.MetaData) ast.NamingConvention {
	if md.Naming != nil {
		return md.Naming
	}
	return ast.DefaultNaming
}

// CreatePlan returns the statements that create md on d, in order: PostgreSQL enum
// types, sequences, each table followed by its indexes (and PostgreSQL comments), the
// foreign keys of dependency cycles, then views.
func CreatePlan(d *compiler.Dialect, md *ast.MetaData) (*Plan, error) {
	nc := naming(md)
	for _, t := range md.Tables {
		if err := t.Validate(); err != nil {
			return nil, err
		}
	}
	ordered, cycles := SortTables(md)
	plan := &Plan{}
	var alters []ast.Stmt // ALTER TABLE … ADD CONSTRAINT for the foreign keys of cycles
	if d.HasDDL(compiler.NamedEnums) {
		seen := map[string]bool{}
		for _, t := range ordered {
			for _, c := range t.Columns {
				ct := c.Type
				if ct != nil && ct.Kind == types.Array {
					ct = ct.Elem // an array of an enum needs the enum type too
				}
				if ct != nil && ct.Kind == types.EnumKind && ct.Name != "" && !seen[ct.Name] {
					seen[ct.Name] = true
					plan.Statements = append(plan.Statements, &ast.CreateEnumStmt{Schema: t.Schema, Name: ct.Name, Values: ct.Values})
				}
			}
		}
	}
	for _, s := range md.Sequences {
		plan.Statements = append(plan.Statements, &ast.CreateSequenceStmt{Sequence: s})
	}
	// Foreign keys of cycles are added later where the dialect can; SQLite accepts
	// references to tables created later, so they stay inline there.
	deferCycles := d.HasDDL(compiler.AlterAddConstraint)
	if len(cycles) > 0 && !deferCycles && d.Name != "sqlite" {
		return nil, &CycleError{Dialect: d.Name, Tables: cycleTables(ordered, cycles)}
	}
	for _, t := range ordered {
		ct := &ast.CreateTableStmt{Table: t, Naming: nc}
		if deferCycles {
			for _, fk := range t.ForeignKeys {
				if cycles[fk] != nil {
					named := fk.Named(fkName(nc, t, fk))
					ct.OmitForeignKeys = append(ct.OmitForeignKeys, named.Name)
					plan.Deferred = append(plan.Deferred, named)
					alters = append(alters, &ast.AlterTableStmt{Table: t, Action: ast.AddConstraint{Constraint: named}, Naming: nc})
				}
			}
		}
		plan.Statements = append(plan.Statements, ct)
		for _, ix := range t.Indexes {
			plan.Statements = append(plan.Statements, &ast.CreateIndexStmt{Table: t, Index: ix, Naming: nc})
		}
		if d.HasDDL(compiler.CommentOn) {
			if c := t.Comment(); c != "" {
				plan.Statements = append(plan.Statements, &ast.CommentStmt{Table: t, Comment: c})
			}
			for _, col := range t.Columns {
				if col.Comment != "" {
					plan.Statements = append(plan.Statements, &ast.CommentStmt{Table: t, Column: col.Name, Comment: col.Comment})
				}
			}
		}
	}
	plan.Statements = append(plan.Statements, alters...)
	for _, v := range md.Views {
		plan.Statements = append(plan.Statements, &ast.CreateViewStmt{View: v})
	}
	return plan, nil
}

// fkName returns the name a foreign key is created under: its own, the
// convention's, or a name derived like the default convention's, so that a deferred
// constraint can be created and dropped by name.
func fkName(nc ast.NamingConvention, t *ast.Table, fk *ast.ForeignKeyConstraint) string {
	if n := ast.ConstraintName(nc, "fk", fk.Name, t, fk.Columns, fk.RefTable); n != "" {
		return n
	}
	return ast.ConstraintName(ast.DefaultNaming, "fk", "", t, fk.Columns, fk.RefTable)
}

func cycleTables(ordered []*ast.Table, cycles map[*ast.ForeignKeyConstraint]*ast.Table) []string {
	var names []string
	for _, t := range ordered {
		for _, owner := range cycles {
			if owner == t {
				names = append(names, t.Name)
				break
			}
		}
	}
	return names
}

// DropPlan returns the statements that drop md on d: the reverse of CreatePlan —
// views, the foreign keys of cycles, tables in reverse dependency order, sequences
// and enum types. Indexes and comments go with their tables.
func DropPlan(d *compiler.Dialect, md *ast.MetaData) (*Plan, error) {
	create, err := CreatePlan(d, md)
	if err != nil {
		return nil, err
	}
	nc := naming(md)
	drop := &Plan{Deferred: create.Deferred}
	for i := len(create.Statements) - 1; i >= 0; i-- {
		switch s := create.Statements[i].(type) {
		case *ast.CreateViewStmt:
			drop.Statements = append(drop.Statements, &ast.DropViewStmt{View: s.View, IfExists: true})
		case *ast.AlterTableStmt:
			fk := s.Action.(ast.AddConstraint).Constraint.(*ast.ForeignKeyConstraint)
			drop.Statements = append(drop.Statements, &ast.AlterTableStmt{Table: s.Table, Action: ast.DropConstraint{Name: fk.Name, Kind: "fk"}, Naming: nc})
		case *ast.CreateTableStmt:
			drop.Statements = append(drop.Statements, &ast.DropTableStmt{Table: s.Table, IfExists: true})
		case *ast.CreateSequenceStmt:
			drop.Statements = append(drop.Statements, &ast.DropSequenceStmt{Sequence: s.Sequence, IfExists: true})
		case *ast.CreateEnumStmt:
			drop.Statements = append(drop.Statements, &ast.DropEnumStmt{Schema: s.Schema, Name: s.Name, IfExists: true})
		}
	}
	return drop, nil
}

// CreateAll creates md's enum types, sequences, tables, indexes, comments and views
// on the database q, compiled for d. With CheckFirst, tables that exist are skipped
// with their indexes, comments and the foreign keys of cycles added to them, and so
// are the enum types, sequences and views that exist.
func CreateAll(ctx context.Context, q Querier, d *compiler.Dialect, md *ast.MetaData, o Options) error {
	plan, err := CreatePlan(d, md)
	if err != nil {
		return err
	}
	skip, err := existing(ctx, q, d, md, o, true)
	if err != nil {
		return err
	}
	return run(ctx, q, d, plan.Statements, skip)
}

// DropAll drops what CreateAll creates, in reverse order. With CheckFirst, tables
// that do not exist are skipped, with the foreign keys of cycles dropped from them.
func DropAll(ctx context.Context, q Querier, d *compiler.Dialect, md *ast.MetaData, o Options) error {
	plan, err := DropPlan(d, md)
	if err != nil {
		return err
	}
	skip, err := existing(ctx, q, d, md, o, false)
	if err != nil {
		return err
	}
	return run(ctx, q, d, plan.Statements, skip)
}

// A skipSet is what CheckFirst leaves out of a plan.
type skipSet struct {
	tables map[*ast.Table]bool // present (creating) or absent (dropping); with their indexes, comments and deferred foreign keys
	// Present objects, by name, when creating; dropping writes IF EXISTS for them.
	enums, sequences, views map[string]bool
}

// skips reports whether s leaves st out.
func (s *skipSet) skips(st ast.Stmt) bool {
	if s == nil {
		return false
	}
	switch x := st.(type) {
	case *ast.CreateEnumStmt:
		return s.enums[x.Name]
	case *ast.CreateSequenceStmt:
		return s.sequences[x.Sequence.Name]
	case *ast.CreateViewStmt:
		return s.views[x.View.Name]
	case *ast.AlterTableStmt:
		// The foreign keys of a cycle, added to (or dropped from) a table skipped as a
		// whole: an existing table was created with them, a missing one has none.
		return s.tables[x.Table]
	}
	t := tableOf(st)
	return t != nil && s.tables[t]
}

// An enumNamer lists a schema's enum types: PostgresReflector does, for CheckFirst.
type enumNamer interface {
	EnumNames(ctx context.Context, q Querier, schema string) ([]string, error)
}

// existing returns what to skip under CheckFirst: tables present (creating) or absent
// (dropping), and when creating, the enum types, sequences and views that exist.
func existing(ctx context.Context, q Querier, d *compiler.Dialect, md *ast.MetaData, o Options, present bool) (*skipSet, error) {
	if !o.CheckFirst {
		return nil, nil
	}
	in, err := NewInspector(q, d)
	if err != nil {
		return nil, err
	}
	names, err := in.TableNames(ctx, md.Schema)
	if err != nil {
		return nil, err
	}
	skip := &skipSet{tables: map[*ast.Table]bool{}, enums: map[string]bool{}, sequences: map[string]bool{}, views: map[string]bool{}}
	for _, t := range md.Tables {
		if slices.Contains(names, t.Name) == present {
			skip.tables[t] = true
		}
	}
	if !present {
		return skip, nil // DROP … IF EXISTS for the rest
	}
	if en, ok := in.r.(enumNamer); ok && d.HasDDL(compiler.NamedEnums) {
		names, err := en.EnumNames(ctx, q, md.Schema)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			skip.enums[n] = true
		}
	}
	if len(md.Sequences) > 0 {
		seqs, err := in.Sequences(ctx, md.Schema)
		if err != nil {
			return nil, err
		}
		for _, s := range seqs {
			skip.sequences[s.Name] = true
		}
	}
	if len(md.Views) > 0 {
		views, err := in.ViewNames(ctx, md.Schema)
		if err != nil {
			return nil, err
		}
		for _, v := range views {
			skip.views[v] = true
		}
	}
	return skip, nil
}

func run(ctx context.Context, q Querier, d *compiler.Dialect, stmts []ast.Stmt, skip *skipSet) error {
	for _, s := range stmts {
		if skip.skips(s) {
			continue
		}
		plan, err := d.Compile(s)
		if err != nil {
			return err
		}
		if plan.SQL == "" {
			continue // the dialect leaves the statement out (questdb.OmitConstraints)
		}
		args, err := plan.Args(nil)
		if err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, plan.SQL, args...); err != nil {
			return fmt.Errorf("schema: %s: %w", plan.SQL, err)
		}
	}
	return nil
}

func tableOf(s ast.Stmt) *ast.Table {
	switch x := s.(type) {
	case *ast.CreateTableStmt:
		return x.Table
	case *ast.DropTableStmt:
		return x.Table
	case *ast.CreateIndexStmt:
		return x.Table
	case *ast.CommentStmt:
		return x.Table
	}
	return nil
}
