package ast

import (
	"slices"

	"github.com/seed13bb6a42/strata/bind"
	"github.com/seed13bb6a42/strata/types"
)

// A TextClause node represents raw SQL, used as a statement or as an expression.
// Named parameters written :name become placeholders in the dialect's style; their
// values are bound with Bind or supplied at execution time. "::" and "\:" stay text,
// as does anything inside quotes or comments.
type TextClause struct {
	SQL      string         // the raw text
	Segments []bind.Segment // SQL split into text and parameter names
	Binds    []*BindParam   // values bound to names, in Bind order
	Columns  []ResultColumn // declared result columns, or nil
}

// Text returns raw SQL. The text is written as given: it must not be built from
// untrusted input; pass values as :name parameters.
func Text(sql string) *TextClause { return &TextClause{SQL: sql, Segments: bind.Scan(sql)} }

// Bind returns a copy of t with the parameter name bound to v.
func (t *TextClause) Bind(name string, v any) *TextClause {
	n := *t
	n.Binds = append(slices.Clip(t.Binds), &BindParam{Name: name, Value: v, Type: types.Infer(v)})
	return &n
}

// BindParams returns a copy of t with the given parameters bound by name, for
// parameters that need a type or expansion (ast.NamedValue(...).WithType(...)).
func (t *TextClause) BindParams(ps ...*BindParam) *TextClause {
	n := *t
	n.Binds = append(slices.Clip(t.Binds), ps...)
	return &n
}

// WithColumns returns a copy of t declaring the columns its result has, so that
// results can be typed and scanned by name.
func (t *TextClause) WithColumns(cols ...*Column) *TextClause {
	n := *t
	n.Columns = make([]ResultColumn, len(cols))
	for i, c := range cols {
		n.Columns[i] = ResultColumn{Name: c.Name, Type: c.Type}
	}
	return &n
}

// Bound returns the parameter bound to name, or nil.
func (t *TextClause) Bound(name string) *BindParam {
	for i := len(t.Binds) - 1; i >= 0; i-- {
		if t.Binds[i].Name == name {
			return t.Binds[i]
		}
	}
	return nil
}
