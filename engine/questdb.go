package engine

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
)

// QuestDB's write-ahead log (#6, item 5).
//
// A write to a WAL table is acknowledged once QuestDB's sequencer has committed it;
// a background job applies it to the table afterwards, and only then do queries see
// it. WaitWAL closes that window for tests and for read-after-write. It lives here,
// not in dialects/questdb, because it runs queries (a dialect package only compiles)
// and the engine imports no dialect (DESIGN.md §1); it recognises QuestDB by the
// dialect's name, as the rest of the engine does.

// The polling of WaitWAL: the first wait is short, since a WAL commit is usually
// applied within milliseconds, and the waits double up to walPollMax so that a long
// apply (a big out-of-order merge) is not hammered with queries.
const (
	walPollMin = 2 * time.Millisecond
	walPollMax = 250 * time.Millisecond
)

// walTablesSQL reads the four columns of wal_tables() that every QuestDB with WAL
// tables (7.0 and later) has; later versions add error and memory-pressure columns.
const walTablesSQL = `SELECT name, suspended, writerTxn, sequencerTxn FROM wal_tables()`

// A WALSuspendedError reports a WAL table that QuestDB stopped applying writes to,
// after a write failed to apply (a full disk, a failed out-of-order merge) or after
// ALTER TABLE … SUSPEND WAL. Its writes stay invisible until the cause is fixed and
// ALTER TABLE … RESUME WAL is run; waiting longer cannot help. wal_tables() (from
// QuestDB 8) holds the error that suspended it.
type WALSuspendedError struct {
	Table string // the table's name as QuestDB reports it
}

func (e *WALSuspendedError) Error() string {
	return "engine: questdb: WAL table " + strconv.Quote(e.Table) +
		" is suspended: its writes are not being applied (see wal_tables() for why; then ALTER TABLE … RESUME WAL)"
}

// WaitWAL waits until QuestDB has applied every committed write of the named WAL
// tables, or of all WAL tables when none is named, so that queries see them. It polls
// wal_tables() until each table's writerTxn (the last transaction applied) has caught
// up with its sequencerTxn (the last one committed), waiting 2 ms at first and twice
// as long each time, up to 250 ms, for as long as ctx allows.
//
// Names are matched without regard to case, as QuestDB matches them. A named table
// that is not a WAL table has nothing to wait for; one that does not exist at all is a
// *StatementError of kind UndefinedTable. A suspended table, which would never catch
// up, is a *WALSuspendedError naming it. When ctx ends first, the error wraps
// ctx.Err() and names a table still behind.
//
// Writes made in a transaction are committed to the sequencer at COMMIT: call WaitWAL
// after it. On any other dialect a committed write is visible at once, so WaitWAL
// returns nil without asking the server, and portable tests may call it everywhere.
//
// QuestDB 9 also has SELECT wait_wal_table('t'), which blocks on the server; WaitWAL
// polls instead so that it works with every version that has WAL tables.
func WaitWAL(ctx context.Context, q Querier, tables ...string) error {
	if d := querierDialect(q); d != nil && d.Name != "questdb" {
		return nil
	}
	var want map[string]string // lower-case name → the caller's spelling; nil: all
	if len(tables) > 0 {
		want = make(map[string]string, len(tables))
		for _, t := range tables {
			want[strings.ToLower(t)] = t
		}
	}
	checked := false // whether the named tables missing from wal_tables() were looked up
	wait := walPollMin
	for {
		status, err := readWALTables(ctx, q)
		if err != nil {
			return err
		}
		var behind *walStatus
		seen := make(map[string]bool, len(want))
		for i := range status {
			s := &status[i]
			if want != nil {
				key := strings.ToLower(s.name)
				if _, ok := want[key]; !ok {
					continue
				}
				seen[key] = true
			}
			if s.suspended {
				return &WALSuspendedError{Table: s.name}
			}
			if s.writerTxn < s.sequencerTxn && behind == nil {
				behind = s
			}
		}
		if !checked && len(seen) < len(want) {
			var missing []string
			for key, name := range want {
				if !seen[key] {
					missing = append(missing, name)
					delete(want, key) // not a WAL table: nothing to wait for
				}
			}
			slices.Sort(missing)
			if err := checkTablesExist(ctx, q, missing); err != nil {
				return err
			}
			checked = true
		}
		if behind == nil {
			return nil
		}
		if err := sleep(ctx, wait); err != nil {
			return fmt.Errorf("engine: questdb: WAL table %q has applied transaction %d of %d: %w",
				behind.name, behind.writerTxn, behind.sequencerTxn, err)
		}
		wait = min(2*wait, walPollMax)
	}
}

// querierDialect returns the dialect of the engine behind q, or nil for a Querier
// of another package.
func querierDialect(q Querier) *compiler.Dialect {
	switch q := q.(type) {
	case *Engine:
		return q.d
	case *Conn:
		return q.run.e.d
	case *Tx:
		return q.e.d
	}
	return nil
}

// A walStatus is one row of wal_tables().
type walStatus struct {
	name                    string
	suspended               bool
	writerTxn, sequencerTxn int64
}

func readWALTables(ctx context.Context, q Querier) ([]walStatus, error) {
	rows, err := q.Query(ctx, ast.Text(walTablesSQL))
	if err != nil {
		return nil, fmt.Errorf("engine: questdb: reading wal_tables(): %w", err)
	}
	defer rows.Close()
	var out []walStatus
	for rows.Next() {
		var s walStatus
		if err := rows.Scan(&s.name, &s.suspended, &s.writerTxn, &s.sequencerTxn); err != nil {
			return nil, fmt.Errorf("engine: questdb: reading wal_tables(): %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("engine: questdb: reading wal_tables(): %w", err)
	}
	return out, nil
}

// checkTablesExist returns a *StatementError for the first of names (in any case)
// that tables() does not list. The name column is table_name from QuestDB 8 and name
// before, so the query takes every column and looks for either.
func checkTablesExist(ctx context.Context, q Querier, names []string) error {
	if len(names) == 0 {
		return nil
	}
	rows, err := q.Query(ctx, ast.Text(`SELECT * FROM tables()`))
	if err != nil {
		return fmt.Errorf("engine: questdb: reading tables(): %w", err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return fmt.Errorf("engine: questdb: reading tables(): %w", err)
	}
	col := -1
	for i, c := range cols {
		if strings.EqualFold(c, "table_name") || col < 0 && strings.EqualFold(c, "name") {
			col = i
		}
	}
	if col < 0 {
		return fmt.Errorf("engine: questdb: tables() has no table_name column (columns %s)", strings.Join(cols, ", "))
	}
	exists := make(map[string]bool)
	dest := make([]any, len(cols))
	for i := range dest {
		dest[i] = new(sql.RawBytes)
	}
	for rows.Next() {
		if err := rows.Raw().Scan(dest...); err != nil {
			return fmt.Errorf("engine: questdb: reading tables(): %w", err)
		}
		exists[strings.ToLower(string(*dest[col].(*sql.RawBytes)))] = true
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("engine: questdb: reading tables(): %w", err)
	}
	for _, n := range names {
		if !exists[strings.ToLower(n)] {
			return &StatementError{Kind: UndefinedTable, Name: n}
		}
	}
	return nil
}
