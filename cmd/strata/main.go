// Command strata works on live databases with Strata's schema tools.
//
// Usage:
//
//	strata schema --from <url> --to <dialect> [--schema name]
//	strata schema --from <url> --go [--package name] [--schema name]
//	strata help [command]
//
// The schema command reflects the database at --from and prints its DDL for another
// dialect, or Go source declaring its tables. See docs/schema.md.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	// The drivers for the URLs of internal/dburl, and the dialects they name.
	_ "github.com/seed13bb6a42/strata/drivers"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// The exit statuses.
const (
	exitOK    = 0
	exitError = 1 // the command failed: bad URL, unreachable server, unknown dialect…
	exitUsage = 2 // the command line is wrong
)

const usage = `strata works on live databases with Strata's schema tools.

Usage:

	strata schema --from <url> --to <dialect> [--to-version v] [--schema name]
	strata schema --from <url> --go [--package name] [--schema name]
	strata help [command]

Commands:

	schema   print the schema of a live database as DDL for a dialect, or as Go
	help     print this help, or a command's
`

const schemaUsage = `strata schema reflects the schema of the database at --from and prints it
as the DDL of the dialect --to (each statement followed by ";"), or with --go as Go
source declaring the tables with package ast.

Usage:

	strata schema --from <url> --to <dialect> [--to-version v] [--schema name]
	strata schema --from <url> --go [--package name] [--schema name] [--to <dialect>]

Flags:

	--from url         the database to read:
	                     sqlite:///abs/path.db, sqlite://relative.db
	                     postgres://user:pass@host:5432/db?sslmode=disable (or postgresql://)
	                     mysql://user:pass@host:3306/db, mariadb://user:pass@host:3306/db
	                   percent-encode / ? # @ : % in the user name and password
	--to dialect       the dialect to write DDL for: postgres, sqlite, mysql, mariadb;
	                   with --go, the declarations are also checked against it
	--to-version v     the target server version (default: the newest the dialect knows)
	--schema name      the schema (database on MySQL) to read; default the connection's
	--go               print Go declarations (ast.NewTable …) instead of DDL
	--package name     the package clause of the Go source (default "tables")

Names are written unqualified: the tables are created in the target connection's
default schema. Expressions kept as SQL text (checks, generated columns, index
expressions, views) are carried over to another family of dialects without parsing
them: names requoted, strings rewritten, PostgreSQL's ::casts and MySQL's _utf8mb4
introducers dropped; identity columns become autoincrement where the target has no
identity columns. "-- note:" lines say what was changed with loss. A statement the
target cannot express is printed as a "-- … not translated" comment, and the exit
status is then 1.
`

// run runs the command line args (without the program name) and returns the exit
// status. Errors are one line on stderr, without any password.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "schema":
		return runSchema(rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		if len(rest) == 0 {
			fmt.Fprint(stdout, usage)
			return exitOK
		}
		if rest[0] == "schema" && len(rest) == 1 {
			fmt.Fprint(stdout, schemaUsage)
			return exitOK
		}
		return usageError(stderr, "unknown help topic "+quote(strings.Join(rest, " "))+" (see 'strata help')")
	default:
		return usageError(stderr, "unknown command "+quote(cmd)+" (see 'strata help')")
	}
}

// usageError reports a wrong command line.
func usageError(stderr io.Writer, msg string) int {
	fmt.Fprintln(stderr, "strata: "+oneLine(msg))
	return exitUsage
}

// failure reports a failed command in one line.
func failure(stderr io.Writer, err error) int {
	fmt.Fprintln(stderr, "strata: "+oneLine(err.Error()))
	return exitError
}

// oneLine folds a message (a driver's, say) onto one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// errUsage marks errors of the command line, which exit with status 2.
var errUsage = errors.New("usage")
