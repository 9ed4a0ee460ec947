package engine

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"reflect"
	"strconv"
	"strings"
	"syscall"

	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/types"
)

// Classification of driver errors.
//
// The engine imports no driver (DESIGN.md §5), so it recognises their errors by
// shape rather than by type:
//
//   - PostgreSQL family (lib/pq *pq.Error, pgx *pgconn.PgError, and anything else
//     with a SQLState() string method): by SQLSTATE; constraint, table and column
//     from the error's exported fields (lib/pq: Constraint, Table, Column; pgx:
//     ConstraintName, TableName, ColumnName), the column of a unique key from Detail.
//   - MySQL/MariaDB (go-sql-driver *mysql.MySQLError): a struct with Number uint16
//     and Message string; names are parsed from the message.
//   - SQLite (mattn/go-sqlite3 sqlite3.Error): a struct with integer Code and
//     ExtendedCode fields; with dialect "sqlite", also any error with a Code() int
//     method (modernc.org/sqlite). Names are parsed from the message.
//   - QuestDB (through lib/pq or pgx): it sends SQLSTATE 00000 with every error, so
//     its errors are told apart by their message text; see classifyQuestDB.
//   - Connections: driver.ErrBadConn, go-sql-driver's "invalid connection" and "bad
//     connection", io.EOF, io.ErrUnexpectedEOF, net.Error, and ECONNRESET, EPIPE,
//     ECONNREFUSED, ECONNABORTED from the system.
//
// Not retried, by decision: PostgreSQL 55P03 lock_not_available and MySQL 3572
// ER_LOCK_NOWAIT. They arise only when the application asked not to wait (NOWAIT,
// lock_timeout); turning that fail-fast request into a retry loop with backoff would
// defeat it. MySQL/MariaDB 1205 (lock wait timeout) is retried: it arises by default
// after innodb_lock_wait_timeout, and InnoDB's own advice is to restart the
// transaction. MariaDB reports FOR UPDATE NOWAIT as 1205 too, so there NOWAIT is
// retried; use SKIP LOCKED or a short lock wait timeout with care.
//
// What the drivers hand over: lib/pq turns FATAL errors (57P01 after
// pg_terminate_backend) into driver.ErrBadConn, so a PostgreSQL disconnect wraps that,
// not a *pq.Error; a statement ended by its context comes back from lib/pq as 57014
// query_canceled rather than ctx.Err(), and passes through unclassified like the other
// drivers' ctx.Err().
//
// Reflection and string parsing run only on the error path, never on a successful
// execution.

// classifyDriverError recognises the built-in drivers' errors. Errors it does not
// recognise, context errors, compiler and conversion errors, and errors already
// classified are returned as they are.
func classifyDriverError(dialect string, err error) error {
	if passThrough(err) {
		return err
	}
	if c := classifySQLState(err); c != nil {
		return c
	}
	if c := classifyQuestDB(dialect, err); c != nil {
		return c
	}
	if c := classifyMySQL(dialect, err); c != nil {
		return c
	}
	if c := classifySQLite(dialect, err); c != nil {
		return c
	}
	if isConnectionFailure(err) {
		return &DisconnectError{Err: err}
	}
	return err
}

// IsRetryable reports whether err says the transaction was aborted by a
// serialization failure, a deadlock or a lock timeout (a *SerializationError, or a
// driver error that classifies as one), so that running the whole transaction again
// may succeed. It is false for an *AmbiguousCommitError, whatever it wraps: a commit
// that may have happened must not run again.
func IsRetryable(err error) bool {
	if err == nil || hasAmbiguousCommit(err) {
		return false
	}
	var se *SerializationError
	if errors.As(err, &se) {
		return true
	}
	return errors.As(classifyDriverError("", err), &se)
}

// IsDisconnect reports whether err says the connection failed: a *DisconnectError,
// an *AmbiguousCommitError (a connection that failed during COMMIT), or a driver
// error that classifies as a disconnect. Context cancellation is not a disconnect.
func IsDisconnect(err error) bool {
	if err == nil {
		return false
	}
	if hasAmbiguousCommit(err) {
		return true
	}
	var de *DisconnectError
	if errors.As(err, &de) {
		return true
	}
	return errors.As(classifyDriverError("", err), &de)
}

func hasAmbiguousCommit(err error) bool {
	var ae *AmbiguousCommitError
	return errors.As(err, &ae)
}

// passThrough reports errors that must reach the caller as they are: cancellation
// (the caller's own decision, not a database failure), errors raised before anything
// was sent, and errors already classified (not wrapped twice).
func passThrough(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var (
		ie *IntegrityError
		se *SerializationError
		de *DisconnectError
		ae *AmbiguousCommitError
		te *StatementError
		ue *compiler.UnsupportedError
		ce *compiler.CompileError
		ve *types.ConversionError
	)
	return errors.As(err, &ie) || errors.As(err, &se) || errors.As(err, &de) || errors.As(err, &ae) ||
		errors.As(err, &te) || errors.As(err, &ue) || errors.As(err, &ce) || errors.As(err, &ve)
}

// --- PostgreSQL family ---

// sqlStater is implemented by lib/pq's *pq.Error and pgx's *pgconn.PgError.
type sqlStater interface {
	error
	SQLState() string
}

// classifySQLState classifies an error carrying a PostgreSQL SQLSTATE, or returns nil.
func classifySQLState(err error) error {
	var s sqlStater
	if !errors.As(err, &s) {
		return nil
	}
	code := s.SQLState()
	switch code {
	case "23505": // unique_violation
		ie := pgIntegrity(UniqueViolation, s, err)
		if ie.Column == "" {
			ie.Column = pgKeyColumn(stringField(s, "Detail"))
		}
		return ie
	case "23503", "23001": // foreign_key_violation, restrict_violation
		return pgIntegrity(ForeignKeyViolation, s, err)
	case "23502": // not_null_violation
		return pgIntegrity(NotNullViolation, s, err)
	case "23514": // check_violation
		return pgIntegrity(CheckViolation, s, err)
	case "40001": // serialization_failure
		return &SerializationError{Err: err}
	case "40P01": // deadlock_detected
		return &SerializationError{Deadlock: true, Err: err}
	case "57P01", "57P02", "57P03", "57P05": // admin_shutdown, crash_shutdown, cannot_connect_now, idle_session_timeout
		return &DisconnectError{Err: err}
	case "25P03": // idle_in_transaction_session_timeout: the server closed the session
		return &DisconnectError{Err: err}
	}
	if strings.HasPrefix(code, "08") { // class 08: connection exception
		return &DisconnectError{Err: err}
	}
	return nil
}

func pgIntegrity(k IntegrityKind, s sqlStater, err error) *IntegrityError {
	return &IntegrityError{
		Kind:       k,
		Constraint: stringField(s, "Constraint", "ConstraintName"),
		Table:      stringField(s, "Table", "TableName"),
		Column:     stringField(s, "Column", "ColumnName"),
		Err:        err,
	}
}

// pgKeyColumn returns the column of a single-column key from a unique violation's
// detail, `Key (code)=(a) already exists.`, or "" for a composite or expression key.
func pgKeyColumn(detail string) string {
	rest, ok := strings.CutPrefix(detail, "Key (")
	if !ok {
		return ""
	}
	cols, _, ok := strings.Cut(rest, ")=(")
	if !ok {
		return ""
	}
	if len(cols) >= 2 && cols[0] == '"' && cols[len(cols)-1] == '"' {
		inner := cols[1 : len(cols)-1]
		if strings.Contains(strings.ReplaceAll(inner, `""`, ""), `"`) {
			return "" // several quoted columns
		}
		return strings.ReplaceAll(inner, `""`, `"`)
	}
	if !isIdentifier(cols) {
		return ""
	}
	return cols
}

// --- QuestDB ---

// A StatementErrorKind says why the database refused a statement as written.
type StatementErrorKind uint8

// The statement errors, with the PostgreSQL SQLSTATE of the same condition.
const (
	UndefinedTable  StatementErrorKind = iota + 1 // a table (or alias) that does not exist: 42P01
	DuplicateTable                                // CREATE TABLE of a table that exists: 42P07
	UndefinedColumn                               // a column that does not exist: 42703
	DuplicateColumn                               // a column declared or added twice: 42701
	SyntaxError                                   // text the parser rejects: 42601
)

func (k StatementErrorKind) String() string {
	switch k {
	case UndefinedTable:
		return "undefined table"
	case DuplicateTable:
		return "duplicate table"
	case UndefinedColumn:
		return "undefined column"
	case DuplicateColumn:
		return "duplicate column"
	case SyntaxError:
		return "syntax error"
	}
	return "statement error"
}

// A StatementError reports a statement the database refused as written: it names a
// table or column that does not exist, creates one that does, or does not parse.
//
// Classify returns it for QuestDB, whose errors all carry SQLSTATE 00000 and so can
// be told apart only by their message. PostgreSQL, MySQL and SQLite report the same
// conditions with codes their drivers' errors carry (42P01, 1146, …), and those
// errors pass through as they are.
type StatementError struct {
	Kind StatementErrorKind
	Name string // the table, column or unexpected token the message names, or ""
	Err  error  // the driver's error; nil when the engine found the condition itself (WaitWAL)
}

func (e *StatementError) Error() string {
	s := "engine: " + e.Kind.String()
	if e.Name != "" {
		s += " " + strconv.Quote(e.Name)
	}
	if e.Err == nil {
		return s
	}
	return s + ": " + e.Err.Error()
}

func (e *StatementError) Unwrap() error { return e.Err }

// classifyQuestDB classifies an error QuestDB sent, or returns nil.
//
// QuestDB writes SQLSTATE 00000 into every error response (0A000 only for "cached
// plan must not change result type"), so the code cannot say what failed and the
// message has to. PostgreSQL never sends 00000 in an error, so the code identifies
// QuestDB: the messages are read for the dialect "questdb" and, from IsRetryable and
// IsDisconnect, for no dialect; an error with another dialect passes through. A
// message not listed here passes through too, whatever its code: it is never taken
// for an error it is not. The messages are QuestDB's own (griffin SqlException,
// CairoException; checked on 8.3.4 over lib/pq):
//
//	table busy [reason=…]                          *SerializationError (Deadlock): another writer holds the table
//	designated timestamp column cannot be NULL     *IntegrityError (NotNullViolation)
//	insert statement must populate timestamp       *IntegrityError (NotNullViolation)
//	table does not exist [table=t]                 *StatementError (UndefinedTable, t)
//	materialized view does not exist [view=v]      *StatementError (UndefinedTable, v)
//	Invalid table name or alias                    *StatementError (UndefinedTable)
//	table already exists [table=t]                 *StatementError (DuplicateTable, t; 8.3 omits "[table=t]")
//	Invalid column: c                              *StatementError (UndefinedColumn, c)
//	Duplicate column [name=c]                      *StatementError (DuplicateColumn, c)
//	unexpected token [x]                           *StatementError (SyntaxError, x)
//	found [tok='x', len=1] …                       *StatementError (SyntaxError, x)
//	',' or ')' expected   ('on' expected, …)       *StatementError (SyntaxError)
//
// QuestDB's table busy is the counterpart of SQLite's BUSY: a non-WAL table has one
// writer at a time, and running the transaction again once it is free may succeed.
func classifyQuestDB(dialect string, err error) error {
	if dialect != "questdb" && dialect != "" {
		return nil
	}
	var s sqlStater
	if !errors.As(err, &s) || s.SQLState() != "00000" {
		return nil
	}
	msg := stringField(s, "Message") // lib/pq and pgx: the text alone, without "pq: " or a position
	if msg == "" {
		msg = strings.TrimPrefix(s.Error(), "pq: ")
	}
	msg = strings.TrimSpace(msg)
	statement := func(k StatementErrorKind, name string) error {
		return &StatementError{Kind: k, Name: name, Err: err}
	}
	switch {
	case hasPrefixFold(msg, "table busy"):
		return &SerializationError{Deadlock: true, Err: err}
	case hasPrefixFold(msg, "designated timestamp column cannot be null"),
		hasPrefixFold(msg, "insert statement must populate timestamp"):
		return &IntegrityError{Kind: NotNullViolation, Err: err}
	case hasPrefixFold(msg, "table does not exist"):
		return statement(UndefinedTable, bracketed(msg, "table="))
	case hasPrefixFold(msg, "materialized view does not exist"):
		return statement(UndefinedTable, bracketed(msg, "view="))
	case hasPrefixFold(msg, "invalid table name or alias"):
		return statement(UndefinedTable, "")
	case hasPrefixFold(msg, "table already exists"):
		return statement(DuplicateTable, bracketed(msg, "table="))
	case hasPrefixFold(msg, "invalid column: "):
		return statement(UndefinedColumn, strings.TrimSpace(msg[len("invalid column: "):]))
	case hasPrefixFold(msg, "duplicate column [name="):
		return statement(DuplicateColumn, bracketed(msg, "name="))
	case hasPrefixFold(msg, "unexpected token ["):
		return statement(SyntaxError, unexpectedToken(msg[len("unexpected token "):]))
	case hasPrefixFold(msg, "found [tok='"):
		tok, _, _ := strings.Cut(msg[len("found [tok='"):], "', len=")
		return statement(SyntaxError, tok)
	case strings.HasPrefix(msg, "'") && strings.HasSuffix(msg, "' expected"):
		return statement(SyntaxError, "")
	}
	return nil
}

// hasPrefixFold reports whether s begins with prefix, ignoring case: QuestDB's
// messages are not consistent in their capitals across versions.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// bracketed returns the value of key in a QuestDB message's "[key=value, …]" part,
// or "".
func bracketed(msg, key string) string {
	open := strings.IndexByte(msg, '[')
	if open < 0 {
		return ""
	}
	body := msg[open+1:]
	end := strings.LastIndexByte(body, ']')
	if end < 0 {
		return ""
	}
	body = body[:end]
	for {
		i := strings.Index(body, key)
		if i < 0 {
			return ""
		}
		if i == 0 || body[i-1] == ' ' || body[i-1] == ',' {
			v := body[i+len(key):]
			if j := strings.Index(v, ", "); j >= 0 && strings.Contains(v[j:], "=") {
				v = v[:j] // another key follows
			}
			return v
		}
		body = body[i+len(key):]
	}
}

// unexpectedToken returns the token of "[x]" or "[x] - more"; the token may itself
// be a bracket.
func unexpectedToken(s string) string {
	s = strings.TrimPrefix(s, "[")
	if rest, ok := strings.CutPrefix(s, "]]"); ok && (rest == "" || strings.HasPrefix(rest, " ")) {
		return "]"
	}
	tok, _, _ := strings.Cut(s, "]")
	return tok
}

// --- MySQL and MariaDB ---

// classifyMySQL classifies an error shaped like go-sql-driver's *mysql.MySQLError
// (Number uint16, Message string), or returns nil.
func classifyMySQL(dialect string, err error) error {
	var (
		num   uint16
		msg   string
		found bool
	)
	walk(err, func(e error) bool {
		v := structOf(e)
		if !v.IsValid() {
			return false
		}
		n, m := v.FieldByName("Number"), v.FieldByName("Message")
		if !n.IsValid() || n.Kind() != reflect.Uint16 || !m.IsValid() || m.Kind() != reflect.String {
			return false
		}
		num, msg, found = uint16(n.Uint()), m.String(), true
		return true
	})
	if !found {
		return nil
	}
	switch num {
	case 1062, 1586: // ER_DUP_ENTRY, ER_DUP_ENTRY_WITH_KEY_NAME
		ie := &IntegrityError{Kind: UniqueViolation, Err: err}
		ie.Constraint, ie.Table = mysqlDupKey(dialect, msg)
		return ie
	case 1022: // ER_DUP_KEY: Can't write; duplicate key in table 't'
		ie := &IntegrityError{Kind: UniqueViolation, Err: err}
		ie.Table = between(msg, "in table '", "'")
		return ie
	case 1451, 1452, 1216, 1217: // ER_ROW_IS_REFERENCED_2, ER_NO_REFERENCED_ROW_2, and the old forms without names
		ie := &IntegrityError{Kind: ForeignKeyViolation, Err: err}
		ie.Constraint, ie.Table = mysqlForeignKey(msg)
		return ie
	case 1048: // ER_BAD_NULL_ERROR: Column 'x' cannot be null
		return &IntegrityError{Kind: NotNullViolation, Column: between(msg, "Column '", "' cannot be null"), Err: err}
	case 1364: // ER_NO_DEFAULT_FOR_FIELD: Field 'x' doesn't have a default value
		return &IntegrityError{Kind: NotNullViolation, Column: between(msg, "Field '", "' doesn't have a default value"), Err: err}
	case 3819: // MySQL ER_CHECK_CONSTRAINT_VIOLATED: Check constraint 'name' is violated.
		return &IntegrityError{Kind: CheckViolation, Constraint: between(msg, "Check constraint '", "' is violated"), Err: err}
	case 4025: // MariaDB ER_CONSTRAINT_FAILED: CONSTRAINT `name` failed for `db`.`t`
		ie := &IntegrityError{Kind: CheckViolation, Err: err}
		ie.Constraint, ie.Table, ie.Column = mariadbCheck(msg)
		return ie
	case 1213: // ER_LOCK_DEADLOCK
		return &SerializationError{Deadlock: true, Err: err}
	case 1205: // ER_LOCK_WAIT_TIMEOUT (also MariaDB's NOWAIT; see the file comment)
		return &SerializationError{Deadlock: true, Err: err}
	case 1020: // ER_CHECKREAD: MariaDB's innodb_snapshot_isolation write conflict
		return &SerializationError{Err: err}
	case 1053, 1927, 2006, 2013, 4031: // server shutdown, connection killed (MariaDB), server gone, lost, inactivity (MySQL)
		return &DisconnectError{Err: err}
	}
	return nil
}

// mysqlDupKey parses the key of "Duplicate entry 'v' for key 'name'". MySQL 8.0.19+
// writes 'table.name'; MariaDB never qualifies, so a dot there belongs to the name.
// The value may hold anything, so the key is found from the end.
func mysqlDupKey(dialect, msg string) (constraint, table string) {
	i := strings.LastIndex(msg, " for key '")
	if i < 0 {
		return "", ""
	}
	key := strings.TrimSuffix(msg[i+len(" for key '"):], "'")
	if dialect != "mariadb" {
		if t, k, ok := strings.Cut(key, "."); ok && t != "" && k != "" {
			return k, t
		}
	}
	return key, ""
}

// mysqlForeignKey parses "… a foreign key constraint fails (`db`.`child`, CONSTRAINT
// `name` FOREIGN KEY (…) REFERENCES …)". The table is the child: the constraint's own
// table, as PostgreSQL reports it.
func mysqlForeignKey(msg string) (constraint, table string) {
	if i := strings.Index(msg, "fails ("); i >= 0 {
		names, _ := backquoted(msg[i+len("fails ("):])
		if len(names) > 0 {
			table = names[len(names)-1]
		}
	}
	if i := strings.Index(msg, "CONSTRAINT `"); i >= 0 {
		if names, _ := backquoted(msg[i+len("CONSTRAINT "):]); len(names) > 0 {
			constraint = names[0]
		}
	}
	return constraint, table
}

// mariadbCheck parses "CONSTRAINT `name` failed for `db`.`t`". A column's own CHECK
// is named after the column and reported as `t.col`: then the column is known too.
func mariadbCheck(msg string) (constraint, table, column string) {
	rest, ok := strings.CutPrefix(msg, "CONSTRAINT ")
	if !ok {
		return "", "", ""
	}
	names, rest := backquoted(rest)
	if len(names) == 0 {
		return "", "", ""
	}
	constraint = names[0]
	if i := strings.Index(rest, "failed for "); i >= 0 {
		if t, _ := backquoted(rest[i+len("failed for "):]); len(t) > 0 {
			table = t[len(t)-1]
		}
	}
	if t, c, ok := strings.Cut(constraint, "."); ok && t == table && c != "" {
		constraint, column = c, c
	}
	return constraint, table, column
}

// backquoted reads a dotted sequence of backquoted identifiers at the start of s (a
// doubled backquote stands for one), returning the names and the rest of s.
func backquoted(s string) (names []string, rest string) {
	for strings.HasPrefix(s, "`") {
		var b strings.Builder
		i := 1
		for ; i < len(s); i++ {
			if s[i] == '`' {
				if i+1 < len(s) && s[i+1] == '`' {
					b.WriteByte('`')
					i++
					continue
				}
				break
			}
			b.WriteByte(s[i])
		}
		if i >= len(s) {
			return names, "" // unterminated
		}
		names = append(names, b.String())
		s = s[i+1:]
		if !strings.HasPrefix(s, ".`") {
			break
		}
		s = s[1:]
	}
	return names, s
}

// --- SQLite ---

// SQLite result codes (https://sqlite.org/rescode.html).
const (
	sqliteBusy                 = 5
	sqliteLocked               = 6
	sqliteConstraint           = 19
	sqliteBusySnapshot         = 517  // SQLITE_BUSY_SNAPSHOT: a WAL snapshot went stale
	sqliteConstraintCheck      = 275  // SQLITE_CONSTRAINT_CHECK
	sqliteConstraintForeignKey = 787  // SQLITE_CONSTRAINT_FOREIGNKEY
	sqliteConstraintNotNull    = 1299 // SQLITE_CONSTRAINT_NOTNULL
	sqliteConstraintTrigger    = 1811 // SQLITE_CONSTRAINT_TRIGGER
	sqliteConstraintPrimaryKey = 1555 // SQLITE_CONSTRAINT_PRIMARYKEY
	sqliteConstraintUnique     = 2067 // SQLITE_CONSTRAINT_UNIQUE
	sqliteConstraintRowID      = 2579 // SQLITE_CONSTRAINT_ROWID
)

const sqliteFKMessage = "FOREIGN KEY constraint failed"

// sqliteCoder is modernc.org/sqlite's *sqlite.Error: Code returns the extended code.
type sqliteCoder interface {
	error
	Code() int
}

// classifySQLite classifies an error shaped like go-sqlite3's sqlite3.Error (integer
// Code and ExtendedCode fields), or with dialect "sqlite" one with a Code() int
// method; it returns nil for others.
func classifySQLite(dialect string, err error) error {
	var (
		code, ext int
		msg       string
		found     bool
	)
	walk(err, func(e error) bool {
		v := structOf(e)
		if !v.IsValid() {
			return false
		}
		c, x := v.FieldByName("Code"), v.FieldByName("ExtendedCode")
		if !isInt(c) || !isInt(x) {
			return false
		}
		code, ext, msg, found = int(c.Int()), int(x.Int()), e.Error(), true
		return true
	})
	if !found && dialect == "sqlite" {
		var c sqliteCoder
		if errors.As(err, &c) {
			ext = c.Code()
			// modernc writes "<errstr>: <errmsg> (<code>)".
			msg = strings.TrimSuffix(c.Error(), " ("+strconv.Itoa(ext)+")")
			if i := strings.Index(msg, ": "); i >= 0 {
				msg = msg[i+2:]
			}
			code, found = ext&0xff, true
		}
	}
	if !found {
		return nil
	}
	switch code {
	case sqliteBusy:
		// A stale WAL snapshot is a true serialization failure; the rest of BUSY is
		// waiting on another connection's lock.
		return &SerializationError{Deadlock: ext != sqliteBusySnapshot, Err: err}
	case sqliteLocked:
		return &SerializationError{Deadlock: true, Err: err}
	case sqliteConstraint:
	default:
		return nil
	}
	var kind IntegrityKind
	switch ext {
	case sqliteConstraintUnique, sqliteConstraintPrimaryKey, sqliteConstraintRowID:
		kind = UniqueViolation
	case sqliteConstraintForeignKey:
		kind = ForeignKeyViolation
	case sqliteConstraintTrigger:
		// ON DELETE/UPDATE RESTRICT is a built-in trigger: it raises TRIGGER with
		// the foreign key's message; any other trigger's RAISE is no kind of ours.
		if !strings.HasPrefix(msg, sqliteFKMessage) {
			return nil
		}
		kind = ForeignKeyViolation
	case sqliteConstraintNotNull:
		kind = NotNullViolation
	case sqliteConstraintCheck:
		kind = CheckViolation
	default:
		return nil // a virtual table, a commit hook, a function: no kind of ours
	}
	ie := &IntegrityError{Kind: kind, Err: err}
	sqliteNames(ie, msg)
	return ie
}

// sqliteNames fills in the names from SQLite's messages:
//
//	UNIQUE constraint failed: t.a          (t.a, t.b for a composite key)
//	UNIQUE constraint failed: index 'ix'   (an index on expressions)
//	NOT NULL constraint failed: t.a
//	CHECK constraint failed: name          (the expression's text when unnamed)
//	FOREIGN KEY constraint failed          (no names)
func sqliteNames(ie *IntegrityError, msg string) {
	_, rest, ok := strings.Cut(msg, "constraint failed: ")
	if !ok {
		return
	}
	switch ie.Kind {
	case CheckViolation:
		if isIdentifier(rest) {
			ie.Constraint = rest
		}
	case UniqueViolation, NotNullViolation:
		if ix, ok := strings.CutPrefix(rest, "index '"); ok {
			ie.Constraint = strings.TrimSuffix(ix, "'")
			return
		}
		cols := strings.Split(rest, ", ")
		for i, c := range cols {
			t, col, ok := strings.Cut(c, ".")
			if !ok {
				return
			}
			if i == 0 {
				ie.Table = t
			}
			if len(cols) == 1 {
				ie.Column = col
			}
		}
	}
}

// --- connections ---

// isConnectionFailure reports an error that leaves the connection unusable.
func isConnectionFailure(err error) bool {
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNABORTED) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	// go-sql-driver's ErrInvalidConn and errBadConnNoWrite, matched by text: they
	// are plain errors.New values of a package we may not import.
	return walk(err, func(e error) bool {
		s := e.Error()
		return s == "invalid connection" || s == "bad connection"
	})
}

// --- helpers ---

// walk calls f on err and every error it wraps (Unwrap() error and Unwrap()
// []error), depth first, until f returns true; it reports whether f did.
func walk(err error, f func(error) bool) bool {
	for err != nil {
		if f(err) {
			return true
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if walk(e, f) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	return false
}

// structOf returns the struct e is or points to, or the zero Value.
func structOf(e error) reflect.Value {
	v := reflect.ValueOf(e)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return reflect.Value{}
	}
	return v
}

func isInt(v reflect.Value) bool {
	if !v.IsValid() {
		return false
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return true
	}
	return false
}

// stringField returns the first of the named exported string fields of the struct
// e is or points to, that exists; "" when none does.
func stringField(e error, names ...string) string {
	v := structOf(e)
	if !v.IsValid() {
		return ""
	}
	for _, n := range names {
		if f := v.FieldByName(n); f.IsValid() && f.Kind() == reflect.String && f.CanInterface() {
			return f.String()
		}
	}
	return ""
}

// between returns the text of s between prefix and the last suffix after it, or "".
func between(s, prefix, suffix string) string {
	i := strings.Index(s, prefix)
	if i < 0 {
		return ""
	}
	s = s[i+len(prefix):]
	j := strings.LastIndex(s, suffix)
	if j < 0 {
		return ""
	}
	return s[:j]
}

// isIdentifier reports whether s is a plain identifier (letters, digits, _ and $,
// not starting with a digit) rather than an expression's text.
func isIdentifier(s string) bool {
	if s == "" || '0' <= s[0] && s[0] <= '9' {
		return false
	}
	for _, r := range s {
		switch {
		case r == '_' || r == '$' || r >= 0x80:
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
		default:
			return false
		}
	}
	return true
}
