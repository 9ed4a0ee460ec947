package compiler

import (
	"sync"

	"github.com/seed13bb6a42/strata/ast"
)

// A RenderFunc renders one node into the context. It reports failure through
// c.Fail or c.Unsupported; rendering stops at the first error.
type RenderFunc func(c *Ctx, n ast.Node)

// A FuncRenderFunc renders a call of a known function (see ast.FuncID).
type FuncRenderFunc func(c *Ctx, f *ast.Func)

// Rules is a dialect's table of render functions: one per node kind, plus one per
// known function for the dialects that spell a function differently.
type Rules struct {
	byKind []RenderFunc
	funcs  [ast.NumFuncIDs]FuncRenderFunc
}

// Clone returns an independent copy of r, to derive a dialect's table from its parent's.
func (r *Rules) Clone() *Rules {
	n := &Rules{byKind: make([]RenderFunc, len(r.byKind)), funcs: r.funcs}
	copy(n.byKind, r.byKind)
	return n
}

// Set installs f as the rule for kind k.
func (r *Rules) Set(k ast.Kind, f RenderFunc) {
	for int(k) >= len(r.byKind) {
		r.byKind = append(r.byKind, nil)
	}
	r.byKind[k] = f
}

// Get returns the rule for k, or nil.
func (r *Rules) Get(k ast.Kind) RenderFunc {
	if int(k) < len(r.byKind) {
		return r.byKind[k]
	}
	return nil
}

// Wrap replaces the rule for k with wrap(previous rule), so an override can add to
// the inherited behaviour or fall back to it. previous may be nil for custom kinds
// that had no rule, in which case calling it renders through the node's Renderer.
func (r *Rules) Wrap(k ast.Kind, wrap func(next RenderFunc) RenderFunc) {
	next := r.Get(k)
	if next == nil {
		next = renderCustom
	}
	r.Set(k, wrap(next))
}

// SetFunc installs f as the renderer of the known function id.
func (r *Rules) SetFunc(id ast.FuncID, f FuncRenderFunc) { r.funcs[id] = f }

// Func returns the renderer of the known function id, or nil for the generic form.
func (r *Rules) Func(id ast.FuncID) FuncRenderFunc { return r.funcs[id] }

// A Renderer is a node that renders itself: the fallback for custom node kinds that
// have no rule in a dialect's table.
type Renderer interface {
	Render(c *Ctx)
}

// A Precedencer is a custom expression node that is not atomic; its precedence is one
// of the ast.Prec constants. Custom nodes without the method are treated as atoms.
type Precedencer interface {
	Precedence() int
}

// extraRules holds rules that node packages register for dialects by name, so that a
// node declared outside Strata renders right on dialects it cannot modify (including
// those the registry builds afresh for each lookup).
var extraRules sync.Map // ruleKey → RenderFunc

type ruleKey struct {
	dialect string
	kind    ast.Kind
}

// RegisterRule installs f as the rule for kind k on every dialect named dialect that
// has no rule of its own for k. A package declaring a custom node calls it from init
// for the built-in dialects whose spelling differs from the node's Render method.
func RegisterRule(dialect string, k ast.Kind, f RenderFunc) {
	extraRules.Store(ruleKey{dialect, k}, f)
}

func renderCustom(c *Ctx, n ast.Node) {
	if f, ok := extraRules.Load(ruleKey{c.d.Name, n.Kind()}); ok {
		f.(RenderFunc)(c, n)
		return
	}
	if r, ok := n.(Renderer); ok {
		r.Render(c)
		return
	}
	c.Unsupported("node kind "+n.Kind().String(), "the node has no rule in this dialect and no Render method")
}
