package compiler

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/bind"
)

// A Plan is a compiled statement: its SQL text, its parameters in placeholder order,
// and the columns it returns.
type Plan struct {
	SQL     string
	Params  []Param // one per placeholder number ($n) or per placeholder (?)
	Dialect *Dialect

	shared bool // every parameter has an Index: the plan serves any tree of its shape

	// The result columns are worked out on first use: a compilation whose caller
	// never scans by name should not pay for them.
	stmt    ast.Stmt
	colOnce sync.Once
	cols    []ast.ResultColumn

	memo atomic.Value // see Memo
}

// Memo returns the value an executor last stored with SetMemo, or nil. It is where an
// executor keeps what it derives from a plan (the engine keeps how its rows are
// scanned): a plan in a cache is shared by every execution of its shape, and a memo
// lives and dies with the plan, so it needs no cache or eviction of its own. Values
// must be immutable once stored; concurrent executions read them.
func (p *Plan) Memo() any { return p.memo.Load() }

// SetMemo replaces the memo. Every value stored must have the same concrete type.
func (p *Plan) SetMemo(v any) { p.memo.Store(v) }

// Columns returns the columns the statement returns (name and type), or nil for a
// statement without rows. Names are "" where the database chooses them.
func (p *Plan) Columns() []ast.ResultColumn {
	p.colOnce.Do(func() {
		if p.stmt != nil {
			p.cols = ast.ResultColumns(p.stmt)
			p.stmt = nil // a cached plan must not keep the first tree alive
		}
	})
	return p.cols
}

// indexParams sets each parameter's Index from the key walk's record of where each
// tree parameter's value sits, and reports whether every bound one was found.
func indexParams(params []Param, srcs []paramSrc, refs []ast.ParamRef) bool {
	for i := range params {
		if params[i].Deferred {
			continue
		}
		src := srcs[i]
		found := false
		for _, r := range refs { // few parameters per statement: a scan beats a map
			if r.P == src.p {
				params[i].Index = r.Index + src.elem
				params[i].Value = nil // a shared plan holds no values
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// Options configure one compilation.
type Options struct {
	Flags  Flags
	Params bind.Params // values of expanding named parameters (ast.Named(…).AsExpanding())
}

var ctxPool = sync.Pool{New: func() any { return &Ctx{buf: make([]byte, 0, 512)} }}

// maxPooledBuf keeps one huge statement from pinning its buffer in the pool forever.
const maxPooledBuf = 64 << 10

// Compile renders n for d.
func (d *Dialect) Compile(n ast.Node) (*Plan, error) { return d.CompileWith(n, Options{}) }

// CompileWith renders n for d with options.
func (d *Dialect) CompileWith(n ast.Node, o Options) (*Plan, error) { return d.compile(n, o, nil) }

// compile renders n; with refs (the key walk's parameter positions) it also sets each
// parameter's Index, for a plan to be shared by shape, and reports through Index = -2
// on the first parameter that the plan cannot be shared.
func (d *Dialect) compile(n ast.Node, o Options, refs []ast.ParamRef) (plan *Plan, err error) {
	c := ctxPool.Get().(*Ctx)
	c.d, c.rules, c.funcs, c.flags, c.named = d, d.Rules.byKind, &d.Rules.funcs, o.Flags, o.Params
	defer func() {
		if r := recover(); r != nil {
			plan, err = nil, &CompileError{Dialect: d.Name, Msg: fmt.Sprintf("internal error rendering %T: %v", n, r)}
		}
		c.release()
	}()
	c.Node(n)
	if c.err != nil {
		return nil, c.err
	}
	if d.MaxParams > 0 && len(c.params) > d.MaxParams {
		return nil, &CompileError{Dialect: d.Name, Msg: fmt.Sprintf(
			"statement has %d bind parameters; %s allows at most %d (split the statement into batches)",
			len(c.params), d.Name, d.MaxParams)}
	}
	p := &Plan{SQL: string(c.buf), Dialect: d}
	if len(c.params) > 0 {
		p.Params = make([]Param, len(c.params))
		copy(p.Params, c.params)
		for i := range p.Params {
			p.Params[i].Index = -1
		}
		if refs != nil {
			p.shared = indexParams(p.Params, c.srcs, refs)
		}
	} else {
		p.shared = refs != nil
	}
	if c.unshared {
		p.shared = false
	}
	if s, ok := n.(ast.Stmt); ok {
		p.stmt = s
	}
	return p, nil
}

func (c *Ctx) release() {
	if cap(c.buf) > maxPooledBuf {
		c.buf = make([]byte, 0, 512)
	}
	clear(c.params)
	clear(c.srcs)
	all := c.scopes[:cap(c.scopes)]
	for i := range all {
		clear(all[i].items[:cap(all[i].items)]) // drop references to the tree
	}
	clear(c.inferred[:cap(c.inferred)])
	clear(c.cteScratch[:cap(c.cteScratch)])
	*c = Ctx{buf: c.buf[:0], params: c.params[:0], srcs: c.srcs[:0], scopes: c.scopes[:0], ctes: c.ctes[:0],
		inferred: c.inferred[:0], cteScratch: c.cteScratch[:0]}
	ctxPool.Put(c)
}

// Args returns the driver arguments for the plan's placeholders: bound values and the
// named values given for deferred parameters, each converted for the dialect's driver
// by its type.
func (p *Plan) Args(named bind.Params) ([]any, error) {
	if len(p.Params) == 0 {
		return nil, nil
	}
	return p.AppendArgs(make([]any, 0, len(p.Params)), nil, named)
}

// ArgsFor returns the driver arguments for a plan shared through a Cache, taking
// bound values from values (as the statement's key walk collected them) and deferred
// ones from named.
func (p *Plan) ArgsFor(values []any, named bind.Params) ([]any, error) {
	if len(p.Params) == 0 {
		return nil, nil
	}
	return p.AppendArgs(make([]any, 0, len(p.Params)), values, named)
}

// AppendArgs is ArgsFor appending to dst, for callers that fill one slice with the
// arguments of many executions. With values nil, bound parameters take the values
// the plan was compiled with, as Args does.
func (p *Plan) AppendArgs(dst []any, values []any, named bind.Params) ([]any, error) {
	for i := range p.Params {
		prm := &p.Params[i]
		var v any
		switch {
		case prm.Deferred:
			var ok bool
			if v, ok = named[prm.Name]; !ok {
				return nil, &CompileError{Dialect: p.Dialect.Name, Msg: "no value for parameter :" + prm.Name}
			}
		case values == nil:
			v = prm.Value
		case prm.Index >= 0 && prm.Index < len(values):
			v = values[prm.Index]
		default:
			return nil, &CompileError{Dialect: p.Dialect.Name, Msg: "plan parameter has no value index"}
		}
		dv, err := prm.Type.ToDriver(v, p.Dialect.Target)
		if err != nil {
			return nil, err
		}
		dst = append(dst, dv)
	}
	return dst, nil
}

// QuoteIdent returns name as an identifier of d, quoted where needed, or the error
// that compiling it would give (empty, too long, invalid UTF-8, NUL).
func (d *Dialect) QuoteIdent(name string) (string, error) {
	c := ctxPool.Get().(*Ctx)
	c.d, c.rules, c.funcs = d, d.Rules.byKind, &d.Rules.funcs
	defer c.release()
	c.Ident(name)
	if c.err != nil {
		return "", c.err
	}
	return string(c.buf), nil
}
