package engine

import (
	"container/list"
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps prepared statements by SQL text, bounded, for one pool. A cached
// Plan gives a statement the same text every time it runs, so preparing once saves
// the server's parse and plan on every later execution — more than half the cost of a
// point select. Statements in use are never closed: eviction closes an entry once its
// last user releases it.
type stmtCache struct {
	db  *sql.DB
	max int

	mu      sync.Mutex
	entries map[string]*list.Element // of *stmtEntry
	lru     list.List                // front: most recently used
}

type stmtEntry struct {
	sql     string
	stmt    *sql.Stmt
	users   int
	evicted bool
}

func newStmtCache(db *sql.DB, max int) *stmtCache {
	return &stmtCache{db: db, max: max, entries: make(map[string]*list.Element, max)}
}

// get returns the prepared statement for query, preparing it on first use. The
// caller must call release with the entry when done with the statement.
func (c *stmtCache) get(ctx context.Context, query string) (*stmtEntry, error) {
	c.mu.Lock()
	if el, ok := c.entries[query]; ok {
		c.lru.MoveToFront(el)
		e := el.Value.(*stmtEntry)
		e.users++
		c.mu.Unlock()
		return e, nil
	}
	c.mu.Unlock()
	stmt, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[query]; ok { // prepared concurrently: keep the first
		stmt.Close()
		e := el.Value.(*stmtEntry)
		e.users++
		return e, nil
	}
	e := &stmtEntry{sql: query, stmt: stmt, users: 1}
	c.entries[query] = c.lru.PushFront(e)
	for c.lru.Len() > c.max {
		old := c.lru.Remove(c.lru.Back()).(*stmtEntry)
		delete(c.entries, old.sql)
		old.evicted = true
		if old.users == 0 {
			old.stmt.Close()
		}
	}
	return e, nil
}

// lookup returns the cached statement for query, or nil, without preparing: inside a
// transaction the pool may have no other connection to prepare on (a one-connection
// SQLite pool would wait for itself forever).
func (c *stmtCache) lookup(query string) *stmtEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[query]
	if !ok {
		return nil
	}
	c.lru.MoveToFront(el)
	e := el.Value.(*stmtEntry)
	e.users++
	return e
}

func (c *stmtCache) release(e *stmtEntry) {
	c.mu.Lock()
	e.users--
	closeIt := e.evicted && e.users == 0
	c.mu.Unlock()
	if closeIt {
		e.stmt.Close()
	}
}

// close closes every cached statement.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, el := range c.entries {
		e := el.Value.(*stmtEntry)
		e.evicted = true
		if e.users == 0 {
			e.stmt.Close()
		}
	}
	clear(c.entries)
	c.lru.Init()
}
