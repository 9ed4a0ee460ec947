package ast

import (
	"hash/maphash"
	"unsafe"
)

// Identity: a tree is immutable, so a statement whose every part is the very same
// slice, pointer or interface value as another's is the same tree, without looking
// below the top. SameTree and ShallowHash let a cache recognise a statement it has
// seen — including a statement value (a SelectStmt), which is copied each time it is
// converted to a Node — and skip the walk that would find its key and values again.

// SameTree reports whether a and b are one tree by identity: the same pointer node,
// or statement values whose clauses are the same slices and nodes (a statement and
// its copies). Equal trees built separately are not the same tree. Whoever relies on
// it must keep a alive (holding it keeps every part it shares with b from being freed
// and its memory reused for another node).
func SameTree(a, b Node) bool {
	ta, da := words(a)
	tb, db := words(b)
	if ta != tb {
		return false
	}
	if da == db {
		return true
	}
	if size := valueSize(a); size > 0 {
		// Statement values: the same bytes are the same slice headers, interface words
		// and flags. Padding is copied with the value, so copies compare equal; equal
		// values assembled apart may not, which only means "not known".
		return unsafe.String((*byte)(da), size) == unsafe.String((*byte)(db), size)
	}
	return false
}

// ShallowHash returns a hash of n's identity, equal for any two nodes SameTree calls
// the same.
func ShallowHash(n Node) uint64 {
	_, d := words(n)
	if size := valueSize(n); size > 0 && d != nil {
		return maphash.Bytes(identitySeed, unsafe.Slice((*byte)(d), size))
	}
	p := uint64(uintptr(d))
	return p ^ p>>17 ^ p>>31
}

var identitySeed = maphash.MakeSeed()

// words returns the type and data words of an interface value.
func words(n Node) (typ, data unsafe.Pointer) {
	w := (*[2]unsafe.Pointer)(unsafe.Pointer(&n))
	return w[0], w[1]
}

// valueSize returns the size of the statement value n holds, or 0 for a pointer node
// (compared by its pointer alone).
func valueSize(n Node) int {
	switch n.(type) {
	case SelectStmt:
		return int(unsafe.Sizeof(SelectStmt{}))
	case CompoundStmt:
		return int(unsafe.Sizeof(CompoundStmt{}))
	case InsertStmt:
		return int(unsafe.Sizeof(InsertStmt{}))
	case UpdateStmt:
		return int(unsafe.Sizeof(UpdateStmt{}))
	case DeleteStmt:
		return int(unsafe.Sizeof(DeleteStmt{}))
	}
	return 0
}
