package compiler

import (
	"github.com/seed13bb6a42/strata/ast"
)

func renderFunc(c *Ctx, n ast.Node) {
	f := n.(*ast.Func)
	if f.ID != ast.FuncGeneric {
		if r := c.funcs[f.ID]; r != nil {
			r(c, f)
			return
		}
	}
	c.FuncCall(f, f.Name)
}

// FuncCall renders f under the given name: name(args) followed by WITHIN GROUP,
// FILTER and OVER as f has them. Dialect function rules call it with their spelling.
func (c *Ctx) FuncCall(f *ast.Func, name string) {
	if !validFuncName(name) {
		c.Failf("invalid function name %q", name)
		return
	}
	args, star := f.Args, f.Star
	emulateFilter := f.Filter != nil && !c.Has(AggregateFilter)
	if emulateFilter {
		// agg(x) FILTER (WHERE cond) is agg(CASE WHEN cond THEN x END): aggregates
		// skip the NULLs the CASE yields for other rows.
		if f.ID != ast.FuncCount && f.ID != ast.FuncSum && f.ID != ast.FuncAvg &&
			f.ID != ast.FuncMin && f.ID != ast.FuncMax && f.ID != ast.FuncStringAgg {
			c.Unsupported("FILTER (WHERE …) on "+name, "only count, sum, avg, min, max and string_agg are emulated")
			return
		}
		var x ast.Expr = ast.Lit(1)
		if !star {
			if len(args) == 0 {
				c.Failf("%s with FILTER needs an argument", name)
				return
			}
			x = args[0]
		}
		emulated := make([]ast.Expr, len(args))
		copy(emulated, args)
		if star {
			emulated = []ast.Expr{nil}
		}
		emulated[0] = ast.Case(ast.When{Cond: f.Filter, Result: x})
		args, star = emulated, false
	}
	c.Write(name)
	c.buf = append(c.buf, '(')
	if f.Distinct {
		c.Write("DISTINCT ")
	}
	if star {
		c.buf = append(c.buf, '*')
	} else {
		c.UntypedList(args)
	}
	c.buf = append(c.buf, ')')
	c.FuncSuffix(f, emulateFilter)
}

// FuncSuffix renders what follows a call's argument list: WITHIN GROUP, FILTER (unless
// it was emulated inside the arguments) and OVER.
func (c *Ctx) FuncSuffix(f *ast.Func, filterDone bool) {
	if len(f.WithinGroup) > 0 {
		if !c.Has(WithinGroup) {
			c.Unsupported("WITHIN GROUP (ordered-set aggregates)", "")
			return
		}
		c.Write(" WITHIN GROUP (ORDER BY ")
		c.orderItems(f.WithinGroup)
		c.buf = append(c.buf, ')')
	}
	if f.Filter != nil && !filterDone {
		c.Write(" FILTER (WHERE ")
		c.Expr(f.Filter, ast.PrecLowest+1)
		c.buf = append(c.buf, ')')
	}
	if f.Window != nil {
		if !c.Has(WindowFunctions) {
			c.Unsupported("window functions (OVER)", "")
			return
		}
		w := f.Window
		if w.Ref != "" && w.PartitionBy == nil && w.OrderBy == nil && w.Frame == nil {
			c.Write(" OVER ")
			c.Ident(w.Ref)
			return
		}
		c.Write(" OVER (")
		c.Node(w)
		c.buf = append(c.buf, ')')
	}
}

func validFuncName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		ch := name[i]
		switch {
		case 'a' <= ch && ch <= 'z', 'A' <= ch && ch <= 'Z', ch == '_':
		case '0' <= ch && ch <= '9', ch == '.':
			if i == 0 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// RenderWindowSpec is the ANSI rule for a window specification, the text inside
// OVER (…) or WINDOW w AS (…).
func RenderWindowSpec(c *Ctx, n ast.Node) {
	w := n.(*ast.Window)
	sep := ""
	if w.Ref != "" {
		c.Ident(w.Ref)
		sep = " "
	}
	if len(w.PartitionBy) > 0 {
		c.Write(sep)
		c.Write("PARTITION BY ")
		c.List(w.PartitionBy)
		sep = " "
	}
	if len(w.OrderBy) > 0 {
		c.Write(sep)
		c.Write("ORDER BY ")
		for i, o := range w.OrderBy {
			if i > 0 {
				c.Write(", ")
			}
			c.Node(o)
		}
		sep = " "
	}
	if f := w.Frame; f != nil {
		c.Write(sep)
		switch f.Mode {
		case ast.Rows:
			c.Write("ROWS")
		case ast.Range:
			c.Write("RANGE")
		case ast.Groups:
			if !c.Has(FrameGroups) {
				c.Unsupported("GROUPS window frames", "use ROWS or RANGE")
				return
			}
			c.Write("GROUPS")
		default:
			c.Failf("unknown window frame mode %d", f.Mode)
			return
		}
		c.Write(" BETWEEN ")
		c.frameBound(f.Start)
		c.Write(" AND ")
		c.frameBound(f.End)
		if f.Exclude != ast.ExcludeNothing {
			if !c.Has(FrameExclude) {
				c.Unsupported("EXCLUDE in window frames", "")
				return
			}
			c.Write([...]string{"", " EXCLUDE CURRENT ROW", " EXCLUDE GROUP", " EXCLUDE TIES"}[f.Exclude])
		}
	}
}

func (c *Ctx) frameBound(b ast.FrameBound) {
	switch b.Type {
	case ast.UnboundedPreceding:
		c.Write("UNBOUNDED PRECEDING")
	case ast.UnboundedFollowing:
		c.Write("UNBOUNDED FOLLOWING")
	case ast.CurrentRow:
		c.Write("CURRENT ROW")
	case ast.Preceding, ast.Following:
		c.Expr(b.Offset, ast.PrecAtom)
		if b.Type == ast.Preceding {
			c.Write(" PRECEDING")
		} else {
			c.Write(" FOLLOWING")
		}
	default:
		c.Failf("unknown window frame bound %d", b.Type)
	}
}
