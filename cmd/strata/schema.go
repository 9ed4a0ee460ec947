package main

import (
	"bytes"
	"context"

	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects"
	"github.com/seed13bb6a42/strata/engine"
	"github.com/seed13bb6a42/strata/internal/dburl"
	"github.com/seed13bb6a42/strata/schema"
)

// connectTimeout bounds connecting to the source and asking its version: a server
// that does not answer fails the command quickly rather than hanging it.
const connectTimeout = 5 * time.Second

// reflectTimeout bounds reading the catalog, which may take a while on a large schema.
const reflectTimeout = 5 * time.Minute

type schemaFlags struct {
	from, to, toVersion, schema, pkg string
	goSource                         bool
}

func runSchema(args []string, stdout, stderr io.Writer) int {
	var f schemaFlags
	fs := flag.NewFlagSet("strata schema", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // one line of our own instead of flag's usage dump
	fs.StringVar(&f.from, "from", "", "")
	fs.StringVar(&f.to, "to", "", "")
	fs.StringVar(&f.toVersion, "to-version", "", "")
	fs.StringVar(&f.schema, "schema", "", "")
	fs.StringVar(&f.pkg, "package", "tables", "")
	fs.BoolVar(&f.goSource, "go", false, "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, schemaUsage)
			return exitOK
		}
		// flag's messages may quote the value given (a URL with its password).
		return usageError(stderr, "schema: "+dburl.Redact(err.Error())+" (see 'strata help schema')")
	}
	switch {
	case fs.NArg() > 0:
		return usageError(stderr, "schema: unexpected argument "+quote(dburl.Redact(fs.Arg(0)))+" (see 'strata help schema')")
	case f.from == "":
		return usageError(stderr, "schema: --from is required (see 'strata help schema')")
	case f.to == "" && !f.goSource:
		return usageError(stderr, "schema: give --to <dialect> or --go (see 'strata help schema')")
	case f.goSource && !isIdent(f.pkg):
		return usageError(stderr, "schema: --package "+quote(f.pkg)+" is not a Go package name")
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var out bytes.Buffer // nothing is printed unless the schema was read
	err := schemaCmd(ctx, f, &out)
	if out.Len() > 0 {
		stdout.Write(out.Bytes())
	}
	if err != nil {
		return failure(stderr, err)
	}
	return exitOK
}

// schemaCmd reflects the source and writes the translation to out. It returns an
// error that is safe to print: no password in it.
func schemaCmd(ctx context.Context, f schemaFlags, out *bytes.Buffer) error {
	u, err := dburl.Parse(f.from)
	if err != nil {
		return err
	}
	var target *compiler.Dialect
	if f.to != "" {
		if target, err = dialects.LookupVersion(f.to, f.toVersion); err != nil {
			var ue *dialects.UnknownError
			if errors.As(err, &ue) {
				return fmt.Errorf("unknown dialect %q for --to; known: %s", f.to, strings.Join(ue.Registered, ", "))
			}
			return fmt.Errorf("--to %s: %w", f.to, err)
		}
	}
	source, md, err := reflectURL(ctx, f.from, u, f.schema)
	if err != nil {
		return errors.New(u.Scrub(err.Error()))
	}
	md = unqualified(md)
	if f.goSource {
		if target != nil { // a check only: the Go source is what is printed
			if err := writeDDL(io.Discard, source, target, md); err != nil {
				return err
			}
		}
		src, err := goSource(f.pkg, source, md)
		if err != nil {
			return err
		}
		out.Write(src)
		return nil
	}
	return writeDDL(out, source, target, md)
}

// reflectURL opens the database at u, detects its server version, and reflects the
// schema named schemaName ("" for the connection's default).
func reflectURL(ctx context.Context, raw string, u *dburl.URL, schemaName string) (*compiler.Dialect, *ast.MetaData, error) {
	if u.Dialect == "sqlite" && !u.InMemory && !strings.Contains(u.DSN, "mode=memory") {
		// go-sqlite3 would create a missing file and find no tables in it.
		if _, err := os.Stat(u.Database); err != nil {
			return nil, nil, fmt.Errorf("sqlite database %s: %w", u.Database, errors.Unwrap(err))
		}
	}
	// One session: the same search_path, database and attached files throughout.
	cctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	e, err := engine.Open(cctx, raw, engine.WithPool(engine.PoolOptions{MaxOpen: 1}))
	if err != nil {
		if cctx.Err() != nil && ctx.Err() == nil {
			err = fmt.Errorf("cannot connect to %s: no answer within %s", u, connectTimeout)
		}
		return nil, nil, err
	}
	defer e.Close()
	db, source := e.DB(), e.Dialect()
	in, err := schema.NewInspector(db, source)
	if err != nil {
		return nil, nil, err
	}
	rctx, cancel := context.WithTimeout(ctx, reflectTimeout)
	defer cancel()
	if schemaName == "" && source.Name != "sqlite" {
		def, err := in.DefaultSchema(rctx)
		if err != nil && !errors.Is(err, schema.ErrNotFound) {
			return nil, nil, fmt.Errorf("reading %s: %w", u, err)
		}
		if def == "" {
			return nil, nil, fmt.Errorf("%s names no database: add /dbname to the URL or give --schema", u)
		}
	}
	md, err := in.Reflect(rctx, schemaName)
	if err != nil {
		return nil, nil, fmt.Errorf("reflecting %s: %w", u, err)
	}
	return source, md, nil
}

// unqualified returns md with its tables, sequences and views in no schema, so that
// the DDL creates them in the target connection's default schema, whatever the
// source schema was called.
func unqualified(md *ast.MetaData) *ast.MetaData {
	out := &ast.MetaData{Naming: md.Naming}
	for _, t := range md.Tables {
		if t.Schema == "" {
			out.Tables = append(out.Tables, t)
			continue
		}
		items := t.Items()
		for i, it := range items {
			if fk, ok := it.(*ast.ForeignKeyConstraint); ok && fk.RefSchema == t.Schema {
				items[i] = fk.InSchema("")
			}
		}
		out.Tables = append(out.Tables, ast.NewTable(t.Name, items...))
	}
	for _, s := range md.Sequences {
		n := *s
		n.Schema = ""
		out.Sequences = append(out.Sequences, &n)
	}
	for _, v := range md.Views {
		n := *v
		n.Schema = ""
		out.Views = append(out.Views, &n)
	}
	return out
}

// writeDDL writes the statements that create md, reflected from source, on target,
// each followed by ";\n", after a "-- note:" line for each of schema.PortableText's
// notes on carrying md across. A statement target cannot express becomes a "-- "
// comment saying why, and the error returned counts them, after the rest was written.
// Statements about a table that could not be written (its indexes, comments) are
// left out with it.
func writeDDL(w io.Writer, source, target *compiler.Dialect, md *ast.MetaData) error {
	md, notes := schema.PortableText(md, source, target)
	plan, err := schema.CreatePlan(target, md)
	if err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintf(w, "-- note: %s\n", oneLine(n.String()))
	}
	var failed []string
	missing := map[*ast.Table]bool{}
	for _, s := range plan.Statements {
		if t := tableOf(s); t != nil && missing[t] {
			fmt.Fprintf(w, "-- %s: left out with its table\n", describe(s))
			continue
		}
		p, err := target.CompileWith(s, compiler.Options{Flags: compiler.InlineLiterals})
		if err == nil && len(p.Params) > 0 {
			err = fmt.Errorf("the statement has %d bind parameters", len(p.Params))
		}
		if err != nil {
			what := describe(s)
			failed = append(failed, what)
			fmt.Fprintf(w, "-- %s: not translated: %s\n", what, oneLine(err.Error()))
			if ct, ok := s.(*ast.CreateTableStmt); ok {
				missing[ct.Table] = true
			}
			continue
		}
		io.WriteString(w, p.SQL)
		io.WriteString(w, ";\n")
	}
	switch len(failed) {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("%s cannot be written for %s (see the -- comment in the output)", failed[0], target.Name)
	default:
		return fmt.Errorf("%d statements cannot be written for %s, the first for %s (see the -- comments in the output)", len(failed), target.Name, failed[0])
	}
}

// tableOf returns the table a statement other than CREATE TABLE belongs to, or nil.
func tableOf(s ast.Stmt) *ast.Table {
	switch s := s.(type) {
	case *ast.CreateIndexStmt:
		return s.Table
	case *ast.CommentStmt:
		return s.Table
	case *ast.AlterTableStmt:
		return s.Table
	}
	return nil
}

// describe names what a DDL statement creates, for messages.
func describe(s ast.Stmt) string {
	switch s := s.(type) {
	case *ast.CreateTableStmt:
		return "table " + s.Table.Name
	case *ast.CreateIndexStmt:
		return "index " + s.Index.Name + " on " + s.Table.Name
	case *ast.AlterTableStmt:
		return "a foreign key of " + s.Table.Name
	case *ast.CommentStmt:
		if s.Column != "" {
			return "the comment on " + s.Table.Name + "." + s.Column
		}
		return "the comment on " + s.Table.Name
	case *ast.CreateSequenceStmt:
		return "sequence " + s.Sequence.Name
	case *ast.CreateViewStmt:
		return "view " + s.View.Name
	case *ast.CreateEnumStmt:
		return "enum type " + s.Name
	}
	return fmt.Sprintf("a %T", s)
}
