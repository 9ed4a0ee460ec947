package engine_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/lib/pq"
	"github.com/mattn/go-sqlite3"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	mysqldialect "github.com/seed13bb6a42/strata/dialects/mysql"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/engine"
	"github.com/seed13bb6a42/strata/internal/testdb"
	"github.com/seed13bb6a42/strata/types"
)

// --- unit tests: driver errors built by hand ---

// clsPgxError has the shape of pgx's *pgconn.PgError.
type clsPgxError struct {
	Code, Message, Detail, ConstraintName, TableName, ColumnName string
}

func (e *clsPgxError) Error() string    { return "ERROR: " + e.Message + " (SQLSTATE " + e.Code + ")" }
func (e *clsPgxError) SQLState() string { return e.Code }

// clsSQLiteError has the shape of go-sqlite3's sqlite3.Error, whose message field is
// unexported and so cannot be set on the real type.
type (
	clsErrNo         int
	clsErrNoExtended int
	clsSQLiteError   struct {
		Code         clsErrNo
		ExtendedCode clsErrNoExtended
		SystemErrno  syscall.Errno
		err          string
	}
)

func (e clsSQLiteError) Error() string { return e.err }

func sqliteErr(ext int, msg string) error {
	return clsSQLiteError{Code: clsErrNo(ext & 0xff), ExtendedCode: clsErrNoExtended(ext), err: msg}
}

// clsModerncError has the shape of modernc.org/sqlite's *sqlite.Error.
type clsModerncError struct {
	code int
	msg  string
}

func (e *clsModerncError) Error() string { return e.msg }
func (e *clsModerncError) Code() int     { return e.code }

func myErr(n uint16, msg string) error { return &mysql.MySQLError{Number: n, Message: msg} }

func pqErr(code string, f func(*pq.Error)) error {
	e := &pq.Error{Code: pq.ErrorCode(code), Message: "message for " + code}
	if f != nil {
		f(e)
	}
	return e
}

// passes marks a case whose error must come back as it went in.
var passes = errors.New("passes through")

func TestClassify(t *testing.T) {
	integrity := func(k engine.IntegrityKind, constraint, table, column string) *engine.IntegrityError {
		return &engine.IntegrityError{Kind: k, Constraint: constraint, Table: table, Column: column}
	}
	const (
		unique  = engine.UniqueViolation
		fk      = engine.ForeignKeyViolation
		notNull = engine.NotNullViolation
		check   = engine.CheckViolation
	)
	serial := &engine.SerializationError{}
	deadlock := &engine.SerializationError{Deadlock: true}
	disconnect := &engine.DisconnectError{}
	already := &engine.IntegrityError{Kind: unique, Constraint: "x", Err: pqErr("23505", nil)}

	cases := []struct {
		name    string
		dialect string
		err     error
		want    any // *engine.IntegrityError, *engine.SerializationError, *engine.DisconnectError or passes
	}{
		// PostgreSQL, lib/pq.
		{"pq unique", "postgres", pqErr("23505", func(e *pq.Error) {
			e.Constraint, e.Table, e.Detail = "uq_p_code", "p", "Key (code)=(a) already exists."
		}), integrity(unique, "uq_p_code", "p", "code")},
		{"pq unique composite", "postgres", pqErr("23505", func(e *pq.Error) {
			e.Constraint, e.Table, e.Detail = "uq_ab", "p", "Key (a, b)=(1, 2) already exists."
		}), integrity(unique, "uq_ab", "p", "")},
		{"pq unique quoted column", "postgres", pqErr("23505", func(e *pq.Error) {
			e.Constraint, e.Detail = "uq", `Key ("My ""Col""")=(1) already exists.`
		}), integrity(unique, "uq", "", `My "Col"`)},
		{"pq unique quoted columns", "postgres", pqErr("23505", func(e *pq.Error) {
			e.Detail = `Key ("A", "B")=(1, 2) already exists.`
		}), integrity(unique, "", "", "")},
		{"pq unique expression", "postgres", pqErr("23505", func(e *pq.Error) {
			e.Constraint, e.Detail = "ix_lower", "Key (lower(code::text))=(a) already exists."
		}), integrity(unique, "ix_lower", "", "")},
		{"pq foreign key", "postgres", pqErr("23503", func(e *pq.Error) { e.Constraint, e.Table = "fk_c_p", "c" }),
			integrity(fk, "fk_c_p", "c", "")},
		{"pq restrict", "postgres", pqErr("23001", nil), integrity(fk, "", "", "")},
		{"pq not null", "postgres", pqErr("23502", func(e *pq.Error) { e.Table, e.Column = "c", "pid" }),
			integrity(notNull, "", "c", "pid")},
		{"pq check", "postgres", pqErr("23514", func(e *pq.Error) { e.Constraint, e.Table = "ck_n", "p" }),
			integrity(check, "ck_n", "p", "")},
		{"pq check wrapped", "postgres", fmt.Errorf("insert: %w", pqErr("23514", func(e *pq.Error) { e.Constraint = "ck_n" })),
			integrity(check, "ck_n", "", "")},
		{"pq serialization", "postgres", pqErr("40001", nil), serial},
		{"pq deadlock", "postgres", pqErr("40P01", nil), deadlock},
		{"pq connection failure", "postgres", pqErr("08006", nil), disconnect},
		{"pq protocol violation", "postgres", pqErr("08P01", nil), disconnect},
		{"pq admin shutdown", "postgres", pqErr("57P01", nil), disconnect},
		{"pq idle in transaction timeout", "postgres", pqErr("25P03", nil), disconnect},
		{"pq lock not available is not retried", "postgres", pqErr("55P03", nil), passes},
		{"pq query canceled", "postgres", pqErr("57014", nil), passes},
		{"pq undefined table", "postgres", pqErr("42P01", nil), passes},
		{"pq exclusion", "postgres", pqErr("23P01", nil), passes},

		// PostgreSQL, pgx's field names; the dialect does not matter.
		{"pgx unique", "yugabyte", &clsPgxError{Code: "23505", ConstraintName: "uq", TableName: "t", Detail: "Key (k)=(1) already exists."},
			integrity(unique, "uq", "t", "k")},
		{"pgx not null", "", &clsPgxError{Code: "23502", TableName: "t", ColumnName: "c"}, integrity(notNull, "", "t", "c")},
		{"pgx serialization", "postgres", &clsPgxError{Code: "40001"}, serial},

		// MariaDB and MySQL.
		{"mariadb duplicate", "mariadb", myErr(1062, "Duplicate entry 'a' for key 'uq_p_code'"), integrity(unique, "uq_p_code", "", "")},
		{"mariadb primary", "mariadb", myErr(1062, "Duplicate entry '1' for key 'PRIMARY'"), integrity(unique, "PRIMARY", "", "")},
		{"mariadb dotted key name", "mariadb", myErr(1062, "Duplicate entry '1' for key 'a.b'"), integrity(unique, "a.b", "", "")},
		{"mysql 8 qualified key", "mysql", myErr(1062, "Duplicate entry 'a' for key 'p.uq_p_code'"), integrity(unique, "uq_p_code", "p", "")},
		{"duplicate value looks like a key", "mariadb", myErr(1062, "Duplicate entry 'x' for key 'y' for key 'PRIMARY'"),
			integrity(unique, "PRIMARY", "", "")},
		{"duplicate with key name", "mysql", myErr(1586, "Duplicate entry '7' for key 'uq'"), integrity(unique, "uq", "", "")},
		{"duplicate key in table", "mysql", myErr(1022, "Can't write; duplicate key in table 't'"), integrity(unique, "", "t", "")},
		{"child row", "mariadb", myErr(1452, "Cannot add or update a child row: a foreign key constraint fails (`db`.`c`, CONSTRAINT `fk_c_p` FOREIGN KEY (`pid`) REFERENCES `p` (`id`))"),
			integrity(fk, "fk_c_p", "c", "")},
		{"parent row", "mariadb", myErr(1451, "Cannot delete or update a parent row: a foreign key constraint fails (`db`.`c`, CONSTRAINT `fk_c_p` FOREIGN KEY (`pid`) REFERENCES `p` (`id`) ON DELETE RESTRICT)"),
			integrity(fk, "fk_c_p", "c", "")},
		{"backquote in names", "mysql", myErr(1452, "Cannot add or update a child row: a foreign key constraint fails (`db`.`c``1`, CONSTRAINT `fk``x` FOREIGN KEY (`pid`) REFERENCES `p` (`id`))"),
			integrity(fk, "fk`x", "c`1", "")},
		{"old child row", "mysql", myErr(1216, "Cannot add or update a child row: a foreign key constraint fails"), integrity(fk, "", "", "")},
		{"old parent row", "mysql", myErr(1217, "Cannot delete or update a parent row: a foreign key constraint fails"), integrity(fk, "", "", "")},
		{"column null", "mariadb", myErr(1048, "Column 'pid' cannot be null"), integrity(notNull, "", "", "pid")},
		{"no default", "mariadb", myErr(1364, "Field 'pid' doesn't have a default value"), integrity(notNull, "", "", "pid")},
		{"mysql check", "mysql", myErr(3819, "Check constraint 'ck_p_n' is violated."), integrity(check, "ck_p_n", "", "")},
		{"mariadb check", "mariadb", myErr(4025, "CONSTRAINT `ck_p_n` failed for `db`.`p`"), integrity(check, "ck_p_n", "p", "")},
		{"mariadb column check", "mariadb", myErr(4025, "CONSTRAINT `p.m` failed for `db`.`p`"), integrity(check, "m", "p", "m")},
		{"mysql deadlock", "mariadb", myErr(1213, "Deadlock found when trying to get lock; try restarting transaction"), deadlock},
		{"mysql lock wait timeout", "mariadb", myErr(1205, "Lock wait timeout exceeded; try restarting transaction"), deadlock},
		{"mariadb snapshot conflict", "mariadb", myErr(1020, "Record has changed since last read in table 't'"), serial},
		{"mysql nowait is not retried", "mysql", myErr(3572, "Statement aborted because lock(s) could not be acquired immediately and NOWAIT is set."), passes},
		{"server gone", "mysql", myErr(2006, "MySQL server has gone away"), disconnect},
		{"server lost", "mysql", myErr(2013, "Lost connection to MySQL server during query"), disconnect},
		{"connection killed", "mariadb", myErr(1927, "Connection was killed"), disconnect},
		{"inactivity", "mysql", myErr(4031, "The client was disconnected by the server because of inactivity."), disconnect},
		{"server shutdown", "mysql", myErr(1053, "Server shutdown in progress"), disconnect},
		{"no such table", "mysql", myErr(1146, "Table 'db.t' doesn't exist"), passes},
		{"mysql joined", "mariadb", errors.Join(errors.New("other"), myErr(1213, "Deadlock")), deadlock},

		// SQLite.
		{"sqlite unique", "sqlite", sqliteErr(2067, "UNIQUE constraint failed: p.code"), integrity(unique, "", "p", "code")},
		{"sqlite unique composite", "sqlite", sqliteErr(2067, "UNIQUE constraint failed: p.a, p.b"), integrity(unique, "", "p", "")},
		{"sqlite unique expression index", "sqlite", sqliteErr(2067, "UNIQUE constraint failed: index 'ix_lower'"), integrity(unique, "ix_lower", "", "")},
		{"sqlite primary key", "sqlite", sqliteErr(1555, "UNIQUE constraint failed: p.id"), integrity(unique, "", "p", "id")},
		{"sqlite rowid", "sqlite", sqliteErr(2579, "UNIQUE constraint failed: p.rowid"), integrity(unique, "", "p", "rowid")},
		{"sqlite foreign key", "sqlite", sqliteErr(787, "FOREIGN KEY constraint failed"), integrity(fk, "", "", "")},
		{"sqlite not null", "sqlite", sqliteErr(1299, "NOT NULL constraint failed: c.pid"), integrity(notNull, "", "c", "pid")},
		{"sqlite named check", "sqlite", sqliteErr(275, "CHECK constraint failed: ck_p_n"), integrity(check, "ck_p_n", "", "")},
		{"sqlite unnamed check", "sqlite", sqliteErr(275, "CHECK constraint failed: n > 0"), integrity(check, "", "", "")},
		{"sqlite busy", "sqlite", sqliteErr(5, "database is locked"), deadlock},
		{"sqlite busy recovery", "sqlite", sqliteErr(261, "database is locked"), deadlock},
		{"sqlite busy snapshot", "sqlite", sqliteErr(517, "database is locked"), serial},
		{"sqlite locked", "sqlite", sqliteErr(6, "database table is locked"), deadlock},
		{"sqlite locked shared cache", "sqlite", sqliteErr(262, "database table is locked"), deadlock},
		{"sqlite restrict", "sqlite", sqliteErr(1811, "FOREIGN KEY constraint failed"), integrity(fk, "", "", "")},
		{"sqlite trigger", "sqlite", sqliteErr(1811, "no children allowed"), passes},
		{"sqlite syntax", "sqlite", sqliteErr(1, `near "SELEC": syntax error`), passes},
		{"sqlite real type", "sqlite", sqlite3.Error{Code: sqlite3.ErrConstraint, ExtendedCode: sqlite3.ErrConstraintForeignKey}, integrity(fk, "", "", "")},
		{"sqlite real busy", "sqlite", sqlite3.Error{Code: sqlite3.ErrBusy, ExtendedCode: sqlite3.ErrNoExtended(sqlite3.ErrBusy)}, deadlock},
		{"modernc unique", "sqlite", &clsModerncError{2067, "constraint failed: UNIQUE constraint failed: p.code (2067)"}, integrity(unique, "", "p", "code")},
		{"modernc busy", "sqlite", &clsModerncError{5, "database is locked (5) (SQLITE_BUSY)"}, deadlock},
		{"Code() only counts for sqlite", "postgres", &clsModerncError{2067, "x"}, passes},

		// Connections.
		{"bad conn", "postgres", driver.ErrBadConn, disconnect},
		{"bad conn wrapped", "postgres", fmt.Errorf("exec: %w", driver.ErrBadConn), disconnect},
		{"invalid connection", "mariadb", mysql.ErrInvalidConn, disconnect},
		{"eof", "postgres", io.EOF, disconnect},
		{"unexpected eof", "mysql", io.ErrUnexpectedEOF, disconnect},
		{"reset", "mysql", &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}, disconnect},
		{"broken pipe", "postgres", fmt.Errorf("write: %w", syscall.EPIPE), disconnect},
		{"refused", "postgres", os.NewSyscallError("connect", syscall.ECONNREFUSED), disconnect},
		{"dns", "postgres", &net.DNSError{Err: "no such host", Name: "db"}, disconnect},

		// Passed through as they are.
		{"canceled", "postgres", context.Canceled, passes},
		{"deadline wrapped", "mysql", fmt.Errorf("query: %w", context.DeadlineExceeded), passes},
		{"canceled beats bad conn", "mysql", errors.Join(driver.ErrBadConn, context.Canceled), passes},
		{"unsupported", "mysql", &compiler.UnsupportedError{Dialect: "mysql", Construct: "FULL JOIN"}, passes},
		{"compile error wrapping eof", "mysql", &compiler.CompileError{Dialect: "mysql", Msg: "bad", Err: io.EOF}, passes},
		{"conversion", "mysql", &types.ConversionError{Dialect: "mysql", Type: types.Integer, Value: "string", Reason: "r", Err: driver.ErrBadConn}, passes},
		{"already classified", "postgres", fmt.Errorf("again: %w", already), passes},
		{"disconnect already", "postgres", &engine.DisconnectError{Err: io.EOF}, passes},
		{"ambiguous commit", "postgres", &engine.AmbiguousCommitError{Err: driver.ErrBadConn}, passes},
		{"no rows", "postgres", sql.ErrNoRows, passes},
		{"conn done", "postgres", sql.ErrConnDone, passes},
		{"plain", "sqlite", errors.New("boom"), passes},
	}
	ignoreErr := cmp.Options{
		cmpopts.IgnoreFields(engine.IntegrityError{}, "Err"),
		cmpopts.IgnoreFields(engine.SerializationError{}, "Err"),
		cmpopts.IgnoreFields(engine.DisconnectError{}, "Err"),
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := engine.Classify(c.dialect, c.err)
			if c.want == passes {
				if got != c.err {
					t.Fatalf("Classify(%q, %v) = %T %v; want the error itself", c.dialect, c.err, got, got)
				}
				return
			}
			if !errors.Is(got, c.err) {
				t.Errorf("the classified error %v does not wrap the driver's %v", got, c.err)
			}
			var diff string
			switch want := c.want.(type) {
			case *engine.IntegrityError:
				var ie *engine.IntegrityError
				if !errors.As(got, &ie) {
					t.Fatalf("got %T %v; want an IntegrityError", got, got)
				}
				diff = cmp.Diff(want, ie, ignoreErr)
			case *engine.SerializationError:
				var se *engine.SerializationError
				if !errors.As(got, &se) {
					t.Fatalf("got %T %v; want a SerializationError", got, got)
				}
				diff = cmp.Diff(want, se, ignoreErr)
			case *engine.DisconnectError:
				var de *engine.DisconnectError
				if !errors.As(got, &de) {
					t.Fatalf("got %T %v; want a DisconnectError", got, got)
				}
			}
			if diff != "" {
				t.Errorf("Classify(%q, %v) (-want +got):\n%s", c.dialect, c.err, diff)
			}
			if again := engine.Classify(c.dialect, got); again != got {
				t.Errorf("classifying again gave %v; want the same error, not wrapped twice", again)
			}
		})
	}
	if engine.Classify("postgres", nil) != nil {
		t.Error("Classify(nil) != nil")
	}
}

func TestIsRetryableIsDisconnect(t *testing.T) {
	ser := &engine.SerializationError{Err: pqErr("40001", nil)}
	cases := []struct {
		name               string
		err                error
		retryable, disconn bool
	}{
		{"nil", nil, false, false},
		{"serialization", ser, true, false},
		{"serialization wrapped", fmt.Errorf("tx: %w", ser), true, false},
		{"raw pq serialization", pqErr("40001", nil), true, false},
		{"raw pq deadlock", pqErr("40P01", nil), true, false},
		{"raw mysql deadlock", myErr(1213, "Deadlock"), true, false},
		{"raw mysql lock wait", myErr(1205, "Lock wait timeout exceeded"), true, false},
		{"raw sqlite busy", sqliteErr(5, "database is locked"), true, false},
		{"raw questdb table busy", qdbErr("table busy [reason=insert]"), true, false},
		{"raw questdb missing table", qdbErr("table does not exist [table=t]"), false, false},
		{"pq lock not available", pqErr("55P03", nil), false, false},
		{"integrity", &engine.IntegrityError{Kind: engine.UniqueViolation, Err: pqErr("23505", nil)}, false, false},
		{"ambiguous commit of a serialization failure", &engine.AmbiguousCommitError{Err: ser}, false, true},
		{"ambiguous commit", &engine.AmbiguousCommitError{Err: driver.ErrBadConn}, false, true},
		{"disconnect", &engine.DisconnectError{Err: io.EOF}, false, true},
		{"raw bad conn", driver.ErrBadConn, false, true},
		{"raw invalid connection", mysql.ErrInvalidConn, false, true},
		{"canceled", context.Canceled, false, false},
		{"plain", errors.New("boom"), false, false},
	}
	for _, c := range cases {
		if got := engine.IsRetryable(c.err); got != c.retryable {
			t.Errorf("%s: IsRetryable = %v, want %v", c.name, got, c.retryable)
		}
		if got := engine.IsDisconnect(c.err); got != c.disconn {
			t.Errorf("%s: IsDisconnect = %v, want %v", c.name, got, c.disconn)
		}
	}
}

// qdbErr is an error as lib/pq hands over what QuestDB sent: SQLSTATE 00000 whatever
// failed, the message alone in Message, the offending position in Position.
func qdbErr(msg string) *pq.Error {
	return &pq.Error{Severity: "ERROR", Code: "00000", Message: msg, Position: "15"}
}

// TestClassifyQuestDB classifies QuestDB's errors by their message. The texts are
// QuestDB's: verified on 8.3.4 over lib/pq (marked so) or taken from its source
// (griffin SqlException, CairoException, EntryUnavailableException).
func TestClassifyQuestDB(t *testing.T) {
	stmt := func(k engine.StatementErrorKind, name string) *engine.StatementError {
		return &engine.StatementError{Kind: k, Name: name}
	}
	notNull := &engine.IntegrityError{Kind: engine.NotNullViolation}
	busy := &engine.SerializationError{Deadlock: true}
	cases := []struct {
		name    string
		dialect string
		err     error
		want    any // *engine.StatementError, *engine.IntegrityError, *engine.SerializationError or passes
	}{
		{"missing table (verified)", "questdb", qdbErr("table does not exist [table=trades]"), stmt(engine.UndefinedTable, "trades")},
		{"missing table with spaces", "questdb", qdbErr("table does not exist [table=my trades]"), stmt(engine.UndefinedTable, "my trades")},
		{"missing table with a bracket", "questdb", qdbErr("table does not exist [table=a]b]"), stmt(engine.UndefinedTable, "a]b")},
		{"missing materialized view", "questdb", qdbErr("materialized view does not exist [view=trades_1h]"), stmt(engine.UndefinedTable, "trades_1h")},
		{"correlated subquery (verified)", "questdb", qdbErr("Invalid table name or alias"), stmt(engine.UndefinedTable, "")},
		{"table exists (verified)", "questdb", qdbErr("table already exists"), stmt(engine.DuplicateTable, "")},
		{"table exists, named", "questdb", qdbErr("table already exists [table=trades]"), stmt(engine.DuplicateTable, "trades")},
		{"missing column", "questdb", qdbErr("Invalid column: pricee"), stmt(engine.UndefinedColumn, "pricee")},
		{"missing column, lower case", "questdb", qdbErr("invalid column: Price"), stmt(engine.UndefinedColumn, "Price")},
		{"duplicate column", "questdb", qdbErr("Duplicate column [name=ts]"), stmt(engine.DuplicateColumn, "ts")},
		{"HAVING (verified)", "questdb", qdbErr("unexpected token [HAVING]"), stmt(engine.SyntaxError, "HAVING")},
		{"DELETE (verified)", "questdb", qdbErr("unexpected token [FROM]"), stmt(engine.SyntaxError, "FROM")},
		{"DROP TABLE a, b (verified)", "questdb", qdbErr("unexpected token [,]"), stmt(engine.SyntaxError, ",")},
		{"WAL without partitioning (verified)", "questdb", qdbErr("unexpected token [WAL]"), stmt(engine.SyntaxError, "WAL")},
		{"unexpected bracket", "questdb", qdbErr("unexpected token []] - expected a column"), stmt(engine.SyntaxError, "]")},
		{"unexpected token with more", "questdb", qdbErr("unexpected token [LIMIT] - LATEST ON must precede it"), stmt(engine.SyntaxError, "LIMIT")},
		{"parser found token", "questdb", qdbErr("found [tok='OFFSET', len=6] 'limit' expected"), stmt(engine.SyntaxError, "OFFSET")},
		{"PRIMARY KEY (verified)", "questdb", qdbErr("',' or ')' expected"), stmt(engine.SyntaxError, "")},
		{"RETURNING (verified)", "questdb", qdbErr("',' expected"), stmt(engine.SyntaxError, "")},
		{"JOIN USING (verified)", "questdb", qdbErr("'on' expected"), stmt(engine.SyntaxError, "")},
		{"CREATE INDEX (verified)", "questdb", qdbErr("'atomic' or 'table' or 'batch' expected"), stmt(engine.SyntaxError, "")},
		{"NULL timestamp (verified)", "questdb", qdbErr("designated timestamp column cannot be NULL"), notNull},
		{"no timestamp (verified)", "questdb", qdbErr("insert statement must populate timestamp"), notNull},
		{"table busy", "questdb", qdbErr("table busy [reason=insert]"), busy},
		{"wrapped", "questdb", fmt.Errorf("exec: %w", qdbErr("table does not exist [table=t]")), stmt(engine.UndefinedTable, "t")},
		{"pgx's shape", "questdb", &clsPgxError{Code: "00000", Message: "Invalid column: x"}, stmt(engine.UndefinedColumn, "x")},
		{"from IsRetryable: no dialect", "", qdbErr("table busy [reason=insert]"), busy},

		// Messages that say nothing the engine has a type for pass through.
		{"bind size (verified)", "questdb", qdbErr("time interval unit expected"), passes},
		{"between on doubles (verified)", "questdb", qdbErr("argument type mismatch for function `between` at #1 expected: TIMESTAMP, actual: DOUBLE"), passes},
		{"right join on 8.3 (verified)", "questdb", qdbErr("unsupported join type"), passes},
		{"int overflow (verified)", "questdb", qdbErr("inconvertible value: 9999999999 [LONG -> INT]"), passes},
		{"binary bind (verified)", "questdb", qdbErr("bind variable at 1 is defined as BINARY and cannot accept STRING"), passes},
		{"bad password (verified)", "questdb", qdbErr("invalid username/password"), passes},
		{"empty message", "questdb", qdbErr(""), passes},
		{"cached plan (verified)", "questdb", &pq.Error{Code: "0A000", Message: "cached plan must not change result type"}, passes},
		// Only QuestDB's 00000 errors are read by message, and only for its dialect.
		{"a real SQLSTATE", "questdb", pqErr("42P01", func(e *pq.Error) { e.Message = "table does not exist [table=t]" }), passes},
		{"00000 on postgres", "postgres", qdbErr("table does not exist [table=t]"), passes},
		{"00000 on mysql", "mysql", qdbErr("table busy [reason=insert]"), passes},
		{"no SQLSTATE", "questdb", errors.New("table does not exist [table=t]"), passes},
		{"statement error already", "questdb", &engine.StatementError{Kind: engine.SyntaxError, Err: qdbErr("',' expected")}, passes},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := engine.Classify(c.dialect, c.err)
			if c.want == passes {
				if got != c.err {
					t.Fatalf("Classify(%q, %v) = %T %v; want the error itself", c.dialect, c.err, got, got)
				}
				return
			}
			if !errors.Is(got, c.err) {
				t.Errorf("the classified error %v does not wrap the driver's %v", got, c.err)
			}
			if pe := (*pq.Error)(nil); errors.As(c.err, &pe) {
				if !errors.As(got, &pe) || pe.Code != "00000" {
					t.Errorf("errors.As(%v, *pq.Error) = %v; want the driver's error with its code 00000", got, pe)
				}
			}
			var diff string
			switch want := c.want.(type) {
			case *engine.StatementError:
				var se *engine.StatementError
				if !errors.As(got, &se) {
					t.Fatalf("got %T %v; want a StatementError", got, got)
				}
				diff = cmp.Diff(want, se, cmpopts.IgnoreFields(engine.StatementError{}, "Err"))
			case *engine.IntegrityError:
				var ie *engine.IntegrityError
				if !errors.As(got, &ie) {
					t.Fatalf("got %T %v; want an IntegrityError", got, got)
				}
				diff = cmp.Diff(want, ie, cmpopts.IgnoreFields(engine.IntegrityError{}, "Err"))
			case *engine.SerializationError:
				var se *engine.SerializationError
				if !errors.As(got, &se) {
					t.Fatalf("got %T %v; want a SerializationError", got, got)
				}
				diff = cmp.Diff(want, se, cmpopts.IgnoreFields(engine.SerializationError{}, "Err"))
			default:
				t.Fatalf("bad case: want %T", c.want)
			}
			if diff != "" {
				t.Errorf("Classify(%q, %v) (-want +got):\n%s", c.dialect, c.err, diff)
			}
			if again := engine.Classify(c.dialect, got); again != got {
				t.Errorf("classifying again gave %v; want the same error, not wrapped twice", again)
			}
		})
	}
}

func TestStatementErrorMessage(t *testing.T) {
	cases := []struct {
		err  *engine.StatementError
		want string
	}{
		{&engine.StatementError{Kind: engine.UndefinedTable, Name: "trades", Err: qdbErr("table does not exist [table=trades]")},
			`engine: undefined table "trades": pq: table does not exist [table=trades] (00000)`},
		{&engine.StatementError{Kind: engine.SyntaxError, Err: qdbErr("',' expected")},
			`engine: syntax error: pq: ',' expected (00000)`},
		{&engine.StatementError{Kind: engine.UndefinedTable, Name: "tarde"}, `engine: undefined table "tarde"`},
		{&engine.StatementError{Kind: engine.DuplicateColumn, Name: "a b", Err: errors.New("x")}, `engine: duplicate column "a b": x`},
		{&engine.StatementError{Kind: engine.UndefinedColumn, Err: errors.New("x")}, `engine: undefined column: x`},
		{&engine.StatementError{Kind: engine.DuplicateTable, Err: errors.New("x")}, `engine: duplicate table: x`},
		{&engine.StatementError{Kind: 0, Err: errors.New("x")}, `engine: statement error: x`},
	}
	for _, c := range cases {
		if got := c.err.Error(); got != c.want {
			t.Errorf("Error() = %q, want %q", got, c.want)
		}
	}
}

// --- real servers ---

var clsServers = []struct {
	name string // for testdb.Open
	d    *compiler.Dialect
}{
	{"sqlite", sqlite.Dialect()},
	{"postgres", postgres.Dialect()},
	{"mysql", mysqldialect.MariaDBDialect()},
}

var (
	clsParent = ast.NewTable("cls_parent",
		ast.Col("id", types.Integer, ast.NotNull()),
		ast.Col("code", types.String(20)),
		ast.Col("qty", types.Integer),
		ast.PrimaryKeyOf("id").Named("pk_cls_parent"),
		ast.UniqueOf("code").Named("uq_cls_parent_code"),
		ast.CheckOf(ast.Gt(ast.Col("qty", types.Integer), 0)).Named("ck_cls_parent_qty"))
	clsChild = ast.NewTable("cls_child",
		ast.Col("id", types.Integer, ast.PrimaryKey()),
		ast.Col("parent_id", types.Integer, ast.NotNull()),
		ast.ForeignKeyOf([]string{"parent_id"}, "cls_parent", "id").Named("fk_cls_child_parent").OnDeleteDo(ast.Restrict))
	clsCounter = ast.NewTable("cls_counter",
		ast.Col("id", types.Integer, ast.PrimaryKey()),
		ast.Col("n", types.Integer))
)

// clsOpen opens an isolated database on the server, with an engine, and checks at the
// end of the test that no connection was left in use.
func clsOpen(t *testing.T, server string, d *compiler.Dialect, tables ...*ast.Table) *engine.Engine {
	t.Helper()
	db := testdb.Open(t, server)
	e := engine.New(db, d)
	t.Cleanup(func() {
		if n := db.Stats().InUse; n != 0 {
			t.Errorf("%d connections still in use", n)
		}
	})
	for _, tb := range tables {
		if _, err := e.Exec(t.Context(), ast.CreateTable(tb)); err != nil {
			t.Fatalf("create %s: %v", tb.Name, err)
		}
	}
	return e
}

// TestIntegrityErrorsOnServers provokes every kind of violation on each server and
// checks that the kind is the same everywhere. What each server names:
//
//	violation              postgres                        mariadb                         sqlite
//	unique (named)         constraint, table, column †     constraint                      table, column
//	primary key            constraint (pk name), table,    constraint "PRIMARY"            table, column
//	                       column †
//	foreign key (insert)   constraint, child table         constraint, child table         nothing
//	foreign key (delete)   constraint, child table         constraint, child table         nothing
//	not null               table, column                   column                          table, column
//	check (named)          constraint, table               constraint, table               constraint
//
// † from the error's detail, for a single-column key. MySQL 8.0.19+ also names the
// table of a duplicate key ('t.key').
func TestIntegrityErrorsOnServers(t *testing.T) {
	type want struct {
		kind                      engine.IntegrityKind
		constraint, table, column string
	}
	cases := []struct {
		name string
		stmt ast.Node
		want map[string]want // by server
	}{
		{"unique", ast.Insert(clsParent).Values(2, "a", 1), map[string]want{
			"postgres": {engine.UniqueViolation, "uq_cls_parent_code", "cls_parent", "code"},
			"mysql":    {engine.UniqueViolation, "uq_cls_parent_code", "", ""},
			"sqlite":   {engine.UniqueViolation, "", "cls_parent", "code"},
		}},
		{"primary key", ast.Insert(clsParent).Values(1, "b", 1), map[string]want{
			"postgres": {engine.UniqueViolation, "pk_cls_parent", "cls_parent", "id"},
			"mysql":    {engine.UniqueViolation, "PRIMARY", "", ""},
			"sqlite":   {engine.UniqueViolation, "", "cls_parent", "id"},
		}},
		{"foreign key on insert", ast.Insert(clsChild).Values(2, 99), map[string]want{
			"postgres": {engine.ForeignKeyViolation, "fk_cls_child_parent", "cls_child", ""},
			"mysql":    {engine.ForeignKeyViolation, "fk_cls_child_parent", "cls_child", ""},
			"sqlite":   {engine.ForeignKeyViolation, "", "", ""},
		}},
		{"foreign key on delete", ast.Delete(clsParent).Where(clsParent.C("id").Eq(1)), map[string]want{
			"postgres": {engine.ForeignKeyViolation, "fk_cls_child_parent", "cls_child", ""},
			"mysql":    {engine.ForeignKeyViolation, "fk_cls_child_parent", "cls_child", ""},
			"sqlite":   {engine.ForeignKeyViolation, "", "", ""},
		}},
		{"not null", ast.Insert(clsChild).Values(3, nil), map[string]want{
			"postgres": {engine.NotNullViolation, "", "cls_child", "parent_id"},
			"mysql":    {engine.NotNullViolation, "", "", "parent_id"},
			"sqlite":   {engine.NotNullViolation, "", "cls_child", "parent_id"},
		}},
		{"check", ast.Insert(clsParent).Values(3, "c", -1), map[string]want{
			"postgres": {engine.CheckViolation, "ck_cls_parent_qty", "cls_parent", ""},
			"mysql":    {engine.CheckViolation, "ck_cls_parent_qty", "cls_parent", ""},
			"sqlite":   {engine.CheckViolation, "ck_cls_parent_qty", "", ""},
		}},
	}
	for _, srv := range clsServers {
		t.Run(srv.name, func(t *testing.T) {
			ctx := t.Context()
			e := clsOpen(t, srv.name, srv.d, clsParent, clsChild)
			if _, err := e.Exec(ctx, ast.Insert(clsParent).Values(1, "a", 1)); err != nil {
				t.Fatal(err)
			}
			if _, err := e.Exec(ctx, ast.Insert(clsChild).Values(1, 1)); err != nil {
				t.Fatal(err)
			}
			for _, c := range cases {
				_, err := e.Exec(ctx, c.stmt)
				var ie *engine.IntegrityError
				if !errors.As(err, &ie) {
					t.Errorf("%s: got %T %v; want an IntegrityError", c.name, err, err)
					continue
				}
				got := want{ie.Kind, ie.Constraint, ie.Table, ie.Column}
				if diff := cmp.Diff(c.want[srv.name], got, cmp.AllowUnexported(want{})); diff != "" {
					t.Errorf("%s: %v (-want +got):\n%s", c.name, err, diff)
				}
				if !clsDriverError(srv.name, err) {
					t.Errorf("%s: errors.As does not find the driver's error in %v", c.name, err)
				}
				if engine.IsRetryable(err) || engine.IsDisconnect(err) {
					t.Errorf("%s: an integrity error is neither retryable nor a disconnect", c.name)
				}
			}
		})
	}
}

// clsDriverError reports whether errors.As finds the server's driver error in err.
func clsDriverError(server string, err error) bool {
	switch server {
	case "postgres":
		var e *pq.Error
		return errors.As(err, &e)
	case "mysql":
		var e *mysql.MySQLError
		return errors.As(err, &e)
	case "sqlite":
		var e sqlite3.Error
		return errors.As(err, &e)
	}
	return false
}

func clsSeedCounter(t *testing.T, e *engine.Engine) {
	t.Helper()
	if _, err := e.Exec(t.Context(), ast.Insert(clsCounter).Values(1, 0).Values(2, 0)); err != nil {
		t.Fatal(err)
	}
}

func clsBegin(t *testing.T, e *engine.Engine, o ...engine.TxOptions) *engine.Tx {
	t.Helper()
	// Not t.Context(): it ends before the cleanups run, and database/sql would then
	// roll back and release the connection asynchronously, racing clsOpen's check.
	tx, err := e.Begin(context.WithoutCancel(t.Context()), o...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tx.Rollback() })
	return tx
}

func clsBump(id int) ast.Node {
	return ast.Update(clsCounter).Set(clsCounter.C("n"), ast.Add(clsCounter.C("n"), 1)).Where(clsCounter.C("id").Eq(id))
}

func clsReadCounter(t *testing.T, q engine.Querier, id int) {
	t.Helper()
	var n int
	if err := q.QueryRow(t.Context(), ast.Select(clsCounter.C("n")).From(clsCounter).Where(clsCounter.C("id").Eq(id))).Scan(&n); err != nil {
		t.Fatal(err)
	}
}

// TestSerializationFailurePostgres: two SERIALIZABLE transactions read a row, the
// first updates it and commits, the second's update then fails with 40001.
func TestSerializationFailurePostgres(t *testing.T) {
	ctx := t.Context()
	e := clsOpen(t, "postgres", postgres.Dialect(), clsCounter)
	clsSeedCounter(t, e)
	ser := engine.TxOptions{Isolation: sql.LevelSerializable}
	t1, t2 := clsBegin(t, e, ser), clsBegin(t, e, ser)
	clsReadCounter(t, t1, 1)
	clsReadCounter(t, t2, 1) // t2's snapshot predates t1's commit
	if _, err := t1.Exec(ctx, clsBump(1)); err != nil {
		t.Fatal(err)
	}
	if err := t1.Commit(); err != nil {
		t.Fatal(err)
	}
	_, err := t2.Exec(ctx, clsBump(1))
	var se *engine.SerializationError
	if !errors.As(err, &se) || se.Deadlock {
		t.Fatalf("got %T %v; want a SerializationError, not a deadlock", err, err)
	}
	var pe *pq.Error
	if !errors.As(err, &pe) || pe.Code != "40001" {
		t.Errorf("errors.As(&pq.Error) in %v: want SQLSTATE 40001", err)
	}
	if !engine.IsRetryable(err) || engine.IsDisconnect(err) {
		t.Error("a serialization failure is retryable and not a disconnect")
	}
	t.Log(err)
}

// clsDeadlock runs two transactions that lock rows 1 and 2 in opposite orders and
// returns the errors of their second updates: the server must abort one of them.
func clsDeadlock(t *testing.T, e *engine.Engine) (error, error) {
	ctx := t.Context()
	clsSeedCounter(t, e)
	t1, t2 := clsBegin(t, e), clsBegin(t, e)
	if _, err := t1.Exec(ctx, clsBump(1)); err != nil {
		t.Fatal(err)
	}
	if _, err := t2.Exec(ctx, clsBump(2)); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 1)
	go func() {
		_, err := t1.Exec(ctx, clsBump(2))
		if err != nil {
			t1.Rollback() // the victim's locks go, so that the other can finish
		}
		errs <- err
	}()
	_, err2 := t2.Exec(ctx, clsBump(1))
	if err2 != nil {
		t2.Rollback()
	}
	err1 := <-errs
	return err1, err2
}

func clsCheckDeadlock(t *testing.T, err1, err2 error, isDriverErr func(error) bool) {
	t.Helper()
	if (err1 == nil) == (err2 == nil) {
		t.Fatalf("want exactly one transaction aborted; got %v and %v", err1, err2)
	}
	err := err1
	if err == nil {
		err = err2
	}
	var se *engine.SerializationError
	if !errors.As(err, &se) || !se.Deadlock {
		t.Fatalf("got %T %v; want a SerializationError with Deadlock", err, err)
	}
	if !isDriverErr(err) {
		t.Errorf("errors.As does not find the driver's deadlock error in %v", err)
	}
	if !engine.IsRetryable(err) {
		t.Error("a deadlock is retryable")
	}
	t.Log(err)
}

func TestDeadlockPostgres(t *testing.T) {
	e := clsOpen(t, "postgres", postgres.Dialect(), clsCounter)
	err1, err2 := clsDeadlock(t, e) // detected after deadlock_timeout, 1s by default
	clsCheckDeadlock(t, err1, err2, func(err error) bool {
		var pe *pq.Error
		return errors.As(err, &pe) && pe.Code == "40P01"
	})
}

func TestDeadlockMariaDB(t *testing.T) {
	e := clsOpen(t, "mysql", mysqldialect.MariaDBDialect(), clsCounter)
	err1, err2 := clsDeadlock(t, e)
	clsCheckDeadlock(t, err1, err2, func(err error) bool {
		var me *mysql.MySQLError
		return errors.As(err, &me) && me.Number == 1213
	})
}

// TestLockWaitTimeoutMariaDB: 1205 is retried as InnoDB advises. Note that by default
// (innodb_rollback_on_timeout=OFF) InnoDB rolls back only the statement; InTx rolls
// back the whole transaction before running it again.
func TestLockWaitTimeoutMariaDB(t *testing.T) {
	ctx := t.Context()
	e := clsOpen(t, "mysql", mysqldialect.MariaDBDialect(), clsCounter)
	clsSeedCounter(t, e)
	t1, t2 := clsBegin(t, e), clsBegin(t, e)
	if _, err := t1.Exec(ctx, clsBump(1)); err != nil {
		t.Fatal(err)
	}
	if _, err := t2.Exec(ctx, ast.Text("SET SESSION innodb_lock_wait_timeout = 1")); err != nil {
		t.Fatal(err)
	}
	_, err := t2.Exec(ctx, clsBump(1))
	var se *engine.SerializationError
	var me *mysql.MySQLError
	if !errors.As(err, &se) || !se.Deadlock || !errors.As(err, &me) || me.Number != 1205 {
		t.Fatalf("got %T %v; want a SerializationError with Deadlock wrapping MySQL error 1205", err, err)
	}
	t.Log(err)
}

// TestLockNotAvailablePostgres: NOWAIT's 55P03 is the caller asking not to wait, so it
// is neither classified nor retried.
func TestLockNotAvailablePostgres(t *testing.T) {
	ctx := t.Context()
	e := clsOpen(t, "postgres", postgres.Dialect(), clsCounter)
	clsSeedCounter(t, e)
	t1, t2 := clsBegin(t, e), clsBegin(t, e)
	if _, err := t1.Exec(ctx, clsBump(1)); err != nil {
		t.Fatal(err)
	}
	_, err := t2.Exec(ctx, ast.Text("SELECT n FROM cls_counter WHERE id = 1 FOR UPDATE NOWAIT"))
	var pe *pq.Error
	if !errors.As(err, &pe) || pe.Code != "55P03" {
		t.Fatalf("got %T %v; want the driver's 55P03", err, err)
	}
	if engine.IsRetryable(err) || engine.IsDisconnect(err) {
		t.Errorf("55P03 classified: %v", err)
	}
}

// TestSQLiteBusy: a second pool on the same file, with no busy timeout, meets the
// first pool's write lock (BEGIN IMMEDIATE) and gets SQLITE_BUSY at once; and a
// deferred transaction whose snapshot went stale gets SQLITE_BUSY_SNAPSHOT.
func TestSQLiteBusy(t *testing.T) {
	ctx := t.Context()
	e := clsOpen(t, "sqlite", sqlite.Dialect(), clsCounter)
	clsSeedCounter(t, e)
	var (
		seq        int
		name, path string
	)
	if err := e.DB().QueryRowContext(ctx, "PRAGMA database_list").Scan(&seq, &name, &path); err != nil {
		t.Fatal(err)
	}
	open := func(txlock string) *engine.Engine {
		db, err := sql.Open(testdb.SQLiteDriver, "file:"+path+"?_busy_timeout=0&_txlock="+txlock)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return engine.New(db, sqlite.Dialect())
	}
	other := open("immediate")

	holder := clsBegin(t, e) // BEGIN IMMEDIATE: testdb's DSN sets _txlock=immediate
	if _, err := holder.Exec(ctx, clsBump(1)); err != nil {
		t.Fatal(err)
	}
	check := func(what string, err error, deadlock bool) {
		t.Helper()
		var se *engine.SerializationError
		if !errors.As(err, &se) || se.Deadlock != deadlock {
			t.Fatalf("%s: got %T %v; want a SerializationError with Deadlock %v", what, err, err, deadlock)
		}
		var le sqlite3.Error
		if !errors.As(err, &le) || le.Code != sqlite3.ErrBusy {
			t.Errorf("%s: errors.As(&sqlite3.Error) in %v: want SQLITE_BUSY", what, err)
		}
		if !engine.IsRetryable(err) {
			t.Errorf("%s: SQLITE_BUSY is retryable", what)
		}
		t.Log(what, ": ", err)
	}
	_, err := other.Exec(ctx, clsBump(2))
	check("write", err, true)
	_, err = other.Begin(ctx)
	check("BEGIN IMMEDIATE", err, true)
	if err := holder.Commit(); err != nil {
		t.Fatal(err)
	}

	// A deferred transaction reads, another connection commits a write, and the
	// first one's write cannot upgrade its stale snapshot: SQLITE_BUSY_SNAPSHOT.
	deferred := open("deferred")
	stale := clsBegin(t, deferred)
	clsReadCounter(t, stale, 1)
	if _, err := e.Exec(ctx, clsBump(1)); err != nil {
		t.Fatal(err)
	}
	_, err = stale.Exec(ctx, clsBump(2))
	check("stale snapshot", err, false)
	var le sqlite3.Error
	if errors.As(err, &le) && le.ExtendedCode != sqlite3.ErrBusySnapshot {
		t.Errorf("extended code %d, want SQLITE_BUSY_SNAPSHOT", le.ExtendedCode)
	}
}

// clsWaitGone polls until the query finds no row for the killed session, within
// a bound.
func clsWaitGone(t *testing.T, e *engine.Engine, q ast.Node) {
	t.Helper()
	for range 100 {
		var n int
		if err := e.QueryRow(t.Context(), q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the killed session is still there")
}

func clsCheckDisconnect(t *testing.T, c *engine.Conn) {
	t.Helper()
	_, err := c.Exec(t.Context(), ast.Text("SELECT 1"))
	var de *engine.DisconnectError
	if !errors.As(err, &de) {
		t.Fatalf("got %T %v; want a DisconnectError", err, err)
	}
	if !engine.IsDisconnect(err) || engine.IsRetryable(err) {
		t.Error("a disconnect is a disconnect and not retryable")
	}
	t.Logf("%v (the driver's error: %T)", err, de.Err)
}

// TestDisconnectPostgres kills a dedicated connection's backend from another one.
func TestDisconnectPostgres(t *testing.T) {
	ctx := t.Context()
	e := clsOpen(t, "postgres", postgres.Dialect())
	c, err := e.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var pid int
	if err := c.QueryRow(ctx, ast.Text("SELECT pg_backend_pid()")).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Exec(ctx, ast.Text("SELECT pg_terminate_backend(:pid)").Bind("pid", pid)); err != nil {
		t.Fatal(err)
	}
	clsWaitGone(t, e, ast.Text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid").Bind("pid", pid))
	clsCheckDisconnect(t, c)
}

// TestDisconnectMariaDB kills a dedicated connection with KILL from another one.
func TestDisconnectMariaDB(t *testing.T) {
	ctx := t.Context()
	e := clsOpen(t, "mysql", mysqldialect.MariaDBDialect())
	c, err := e.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var id int64
	if err := c.QueryRow(ctx, ast.Text("SELECT CONNECTION_ID()")).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Exec(ctx, ast.Text("KILL "+strconv.FormatInt(id, 10))); err != nil {
		t.Fatal(err)
	}
	clsWaitGone(t, e, ast.Text("SELECT count(*) FROM information_schema.processlist WHERE id = :id").Bind("id", id))
	clsCheckDisconnect(t, c)
}

// TestContextPassesThrough: a cancelled context, and a deadline that ends a running
// statement, are not turned into Strata errors on any server.
func TestContextPassesThrough(t *testing.T) {
	slow := map[string]string{
		"postgres": "SELECT pg_sleep(10)",
		"mysql":    "SELECT SLEEP(10)",
		"sqlite":   "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
	}
	for _, srv := range clsServers {
		t.Run(srv.name, func(t *testing.T) {
			e := clsOpen(t, srv.name, srv.d)
			ctx, cancel := context.WithCancel(t.Context())
			cancel()
			_, err := e.Exec(ctx, ast.Text("SELECT 1"))
			if !errors.Is(err, context.Canceled) {
				t.Errorf("cancelled: got %T %v; want context.Canceled", err, err)
			}
			clsNotClassified(t, err)

			ctx, cancel = context.WithTimeout(t.Context(), 200*time.Millisecond)
			defer cancel()
			start := time.Now()
			var n int64
			err = e.QueryRow(ctx, ast.Text(slow[srv.name])).Scan(&n)
			if time.Since(start) > 5*time.Second {
				t.Errorf("the deadline did not end the statement (%v)", time.Since(start))
			}
			clsNotClassified(t, err)
			// lib/pq reports a statement the server cancelled as 57014, not as the
			// context's error; the others return ctx.Err().
			var pe *pq.Error
			if !errors.Is(err, context.DeadlineExceeded) && !(errors.As(err, &pe) && pe.Code == "57014") {
				t.Errorf("deadline: got %T %v; want context.DeadlineExceeded (or 57014 from lib/pq)", err, err)
			}
			t.Logf("deadline: %T %v", err, err)
		})
	}
}

func clsNotClassified(t *testing.T, err error) {
	t.Helper()
	var (
		ie *engine.IntegrityError
		se *engine.SerializationError
		de *engine.DisconnectError
	)
	if err == nil || errors.As(err, &ie) || errors.As(err, &se) || errors.As(err, &de) {
		t.Errorf("got %T %v; want the context's error passed through", err, err)
	}
}
