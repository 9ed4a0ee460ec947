package compiler

import (
	"encoding/binary"
	"sync"
	"sync/atomic"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/bind"
)

// A Cache holds compiled plans by statement shape, so that a statement built again
// with other values costs one key walk and a lookup instead of a compilation.
//
// The key is a value-free encoding of the statement (ast.KeyWriter) plus the dialect
// and the flags; the walk that writes it collects the bound values, which the cached
// plan's parameters index. Equal keys give identical SQL. Statements holding a custom
// node that does not encode its shape are compiled every time (counted as
// Uncacheable), as are compilations with InlineLiterals, whose text holds the values.
//
// Expanding lists are expanded when compiling: a list's length is part of the key, so
// each length has its own plan. (SQLAlchemy instead expands after the cached compile;
// with lengths in the key a hit does no text work at all.)
//
// The cache is bounded: past its capacity it evicts with the CLOCK algorithm, which
// approximates least-recently-used without a lock on hits. It is safe for concurrent use.
type Cache struct {
	capacity int

	mu      sync.RWMutex
	entries map[string]*cacheEntry
	ring    []*cacheEntry // CLOCK ring, in insertion slots
	hand    int

	hits, misses, evictions, uncacheable atomic.Uint64

	last atomic.Pointer[dialectTag] // the dialect of the last lookup, to skip dialectID

	// Statements seen twice by identity (see identity): seen holds the identity hash
	// of the last one seen in each slot, known the plan and values of one seen again.
	seen  [identSlots]atomic.Uint64
	known [identSlots]atomic.Pointer[knownStmt]
}

// identSlots is the size of the identity memo: a statement held for reuse (a point
// read by key, say) rarely competes with more than a few others for its slot.
const identSlots = 64

// A knownStmt is a statement reused by identity: its plan and the values its walk
// collected, which cannot change, since the tree is immutable. It holds the node
// itself, which keeps every part of the tree from being freed and its memory reused
// for another node while the entry stands (see ast.SameTree).
type knownStmt struct {
	node   ast.Node
	d      *Dialect
	flags  Flags
	plan   *Plan
	values []any
}

// identity returns n's identity hash (never 0) and its memo slot. A tree is
// immutable, so the same statement — the same pointer node, or a statement value
// and its copies, whose clauses are the same slices and nodes — means the same key
// and the same values: a statement built once and run again needs no key walk.
func identity(n ast.Node) (h uint64, slot int) {
	h = ast.ShallowHash(n) | 1
	return h, int(h>>1) % identSlots
}

// A dialectTag pairs a dialect with its number.
type dialectTag struct {
	d  *Dialect
	id uint64
}

type cacheEntry struct {
	key  string
	plan *Plan
	used atomic.Bool // the CLOCK reference bit
}

// CacheStats counts what a Cache did.
type CacheStats struct {
	Hits        uint64 // lookups answered by a cached plan
	Misses      uint64 // compilations whose plan was cached
	Evictions   uint64 // plans dropped to stay within capacity
	Uncacheable uint64 // compilations that could not be cached
	Len         int    // plans held now
}

// NewCache returns a cache holding at most capacity plans (at least 1).
func NewCache(capacity int) *Cache {
	if capacity < 1 {
		capacity = 1
	}
	return &Cache{capacity: capacity, entries: make(map[string]*cacheEntry, capacity)}
}

// Stats returns the cache's counters.
func (c *Cache) Stats() CacheStats {
	c.mu.RLock()
	n := len(c.entries)
	c.mu.RUnlock()
	return CacheStats{
		Hits: c.hits.Load(), Misses: c.misses.Load(), Evictions: c.evictions.Load(),
		Uncacheable: c.uncacheable.Load(), Len: n,
	}
}

var keyPool = sync.Pool{New: func() any { return &ast.KeyWriter{Buf: make([]byte, 0, 256)} }}

// dialectIDs gives each dialect value a number for cache keys: two dialects with one
// name may have different rules (a clone), so the name is not enough.
var (
	dialectIDs  sync.Map // *Dialect → uint64
	nextDialect atomic.Uint64
)

// dialectID returns d's number, remembering the last dialect asked for: a cache
// (an engine's) nearly always serves one.
func (c *Cache) dialectID(d *Dialect) uint64 {
	if t := c.last.Load(); t != nil && t.d == d {
		return t.id
	}
	id := dialectID(d)
	c.last.Store(&dialectTag{d, id})
	return id
}

func dialectID(d *Dialect) uint64 {
	if id, ok := dialectIDs.Load(d); ok {
		return id.(uint64)
	}
	id, _ := dialectIDs.LoadOrStore(d, nextDialect.Add(1))
	return id.(uint64)
}

// Prepare returns the plan for n on d and the driver arguments for this statement's
// values (and named, for deferred parameters), from the cache when a statement of the
// same shape was compiled before.
func (c *Cache) Prepare(d *Dialect, n ast.Node, o Options, named bind.Params) (*Plan, []any, error) {
	h, slot := identity(n)
	if s := c.known[slot].Load(); s != nil && s.d == d && s.flags == o.Flags && ast.SameTree(s.node, n) {
		c.hits.Add(1)
		args, err := s.plan.ArgsFor(s.values, named)
		return s.plan, args, err
	}
	k := keyPool.Get().(*ast.KeyWriter)
	defer keyPool.Put(k)
	k.Reset()
	k.Fingerprint = o.Flags&Fingerprint != 0
	if o.Flags&InlineLiterals == 0 {
		c.walk(k, d, n, o.Flags)
		if k.ListsUsed && len(o.Params) > 0 {
			// Expanding parameters whose lists come with the execution: walk again with
			// a copy of them. Nothing here keeps the caller's map (see detached).
			k.Reset()
			k.Fingerprint, k.Lists = o.Flags&Fingerprint != 0, copyParams(o.Params)
			c.walk(k, d, n, o.Flags)
		}
	}
	if len(k.Named) > 1 && k.NamedConflict() != "" {
		k.Uncacheable = true // compile it, so that the error says what is wrong
	}
	if o.Flags&InlineLiterals != 0 || k.Uncacheable {
		c.uncacheable.Add(1)
		k.Lists = nil
		plan, err := d.CompileWith(n, o.detached())
		if err != nil {
			return nil, nil, err
		}
		args, err := plan.Args(named)
		return plan, args, err
	}

	c.mu.RLock()
	e := c.entries[string(k.Buf)] // no allocation: the compiler reads the bytes in place
	c.mu.RUnlock()
	if e != nil {
		c.hits.Add(1)
		if !e.used.Load() {
			e.used.Store(true)
		}
		args, err := e.plan.ArgsFor(k.Values, named)
		c.remember(n, h, slot, d, o.Flags, e.plan, k)
		k.Lists = nil
		return e.plan, args, err
	}

	// Miss: compile, recording where each placeholder's value sits in k.Values.
	od := o.detached()
	refs := recordRefs(n, od)
	plan, err := d.compile(n, od, refs)
	if err != nil {
		k.Lists = nil
		return nil, nil, err
	}
	args, err := plan.ArgsFor(k.Values, named)
	if !plan.shared {
		// A rule bound a value of its own: the plan holds values and cannot be shared.
		c.uncacheable.Add(1)
		k.Lists = nil
		fresh, err := d.CompileWith(n, od)
		if err != nil {
			return nil, nil, err
		}
		args, err := fresh.Args(named)
		return fresh, args, err
	}
	c.misses.Add(1)
	c.store(string(k.Buf), plan)
	c.remember(n, h, slot, d, o.Flags, plan, k)
	k.Lists = nil
	return plan, args, err
}

// walk writes the key of n for d under flags into k.
func (c *Cache) walk(k *ast.KeyWriter, d *Dialect, n ast.Node, flags Flags) {
	k.Buf = binary.LittleEndian.AppendUint64(k.Buf, c.dialectID(d))
	k.Buf = binary.LittleEndian.AppendUint16(k.Buf, uint16(flags))
	k.Root(n)
}

// detached returns o with a copy of its Params, for whatever keeps them beyond the
// call (a pooled key writer or compiler context). Prepare never keeps the caller's
// map, so that a map literal written at the call (engine.Params{"id": 7}) does not
// escape and costs no allocation.
func (o Options) detached() Options {
	d := Options{Flags: o.Flags} // a new value: o itself never flows out
	if len(o.Params) > 0 {
		d.Params = copyParams(o.Params)
	}
	return d
}

func copyParams(p bind.Params) bind.Params {
	out := make(bind.Params, len(p))
	for name, v := range p {
		out[name] = v
	}
	return out
}

// remember notes a statement whose plan was found or compiled: the second time the
// same statement comes, it is memoized by identity. The first sighting only stores a
// hash, so statements built afresh for each call never allocate here. A key that
// read the execution's expanding lists depends on more than the tree, and is never
// memoized.
func (c *Cache) remember(n ast.Node, h uint64, slot int, d *Dialect, flags Flags, plan *Plan, k *ast.KeyWriter) {
	if k.ListsUsed || n == nil {
		return
	}
	if c.seen[slot].Load() != h {
		c.seen[slot].Store(h)
		return
	}
	c.known[slot].Store(&knownStmt{
		node: n, d: d, flags: flags, plan: plan,
		values: append([]any(nil), k.Values...),
	})
}

// recordRefs walks n again recording where each bound parameter's value lands.
func recordRefs(n ast.Node, o Options) []ast.ParamRef {
	w := ast.KeyWriter{RecordParams: true, Lists: o.Params, Fingerprint: o.Flags&Fingerprint != 0}
	w.Root(n)
	if w.Params == nil {
		return []ast.ParamRef{}
	}
	return w.Params
}

func (c *Cache) store(key string, plan *Plan) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; ok {
		return // compiled concurrently by another caller
	}
	e := &cacheEntry{key: key, plan: plan}
	if len(c.ring) < c.capacity {
		c.ring = append(c.ring, e)
		c.entries[key] = e
		return
	}
	// CLOCK: sweep, clearing reference bits, until a slot whose entry was not used
	// since the hand last passed it.
	for {
		old := c.ring[c.hand]
		if old.used.Load() {
			old.used.Store(false)
			c.hand = (c.hand + 1) % len(c.ring)
			continue
		}
		delete(c.entries, old.key)
		c.evictions.Add(1)
		c.ring[c.hand] = e
		c.entries[key] = e
		c.hand = (c.hand + 1) % len(c.ring)
		return
	}
}

// Key returns the cache key of n on d with options o and the bound values the walk
// collected, or ok == false when n cannot be cached. It is for tests and tools; a
// Cache computes keys itself.
func Key(d *Dialect, n ast.Node, o Options) (key string, values []any, ok bool) {
	var k ast.KeyWriter
	k.Lists, k.Fingerprint = o.Params, o.Flags&Fingerprint != 0
	k.Buf = binary.LittleEndian.AppendUint64(k.Buf, dialectID(d))
	k.Buf = binary.LittleEndian.AppendUint16(k.Buf, uint16(o.Flags))
	k.Root(n)
	ok = !k.Uncacheable && o.Flags&InlineLiterals == 0 && (len(k.Named) < 2 || k.NamedConflict() == "")
	return string(k.Buf), k.Values, ok
}
