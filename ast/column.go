package ast

// Methods that let column references read like SQL: u.C("age").Gt(21). Each is
// shorthand for the package function of the same meaning.

// Eq returns c = v (c IS NULL when v is nil).
func (c *Column) Eq(v any) Expr { return Eq(c, v) }

// Ne returns c <> v (c IS NOT NULL when v is nil).
func (c *Column) Ne(v any) Expr { return Ne(c, v) }

// Lt returns c < v.
func (c *Column) Lt(v any) Expr { return Lt(c, v) }

// Le returns c <= v.
func (c *Column) Le(v any) Expr { return Le(c, v) }

// Gt returns c > v.
func (c *Column) Gt(v any) Expr { return Gt(c, v) }

// Ge returns c >= v.
func (c *Column) Ge(v any) Expr { return Ge(c, v) }

// In returns c IN (values…).
func (c *Column) In(values ...any) *InExpr { return In(c, values...) }

// NotIn returns c NOT IN (values…).
func (c *Column) NotIn(values ...any) *InExpr { return NotIn(c, values...) }

// InQuery returns c IN (q).
func (c *Column) InQuery(q Stmt) *InExpr { return InQuery(c, q) }

// Between returns c BETWEEN lo AND hi.
func (c *Column) Between(lo, hi any) *BetweenExpr { return Between(c, lo, hi) }

// Like returns c LIKE pattern.
func (c *Column) Like(pattern any) *LikeExpr { return Like(c, pattern) }

// ILike returns c ILIKE pattern.
func (c *Column) ILike(pattern any) *LikeExpr { return ILike(c, pattern) }

// NotLike returns c NOT LIKE pattern.
func (c *Column) NotLike(pattern any) *LikeExpr { return NotLike(c, pattern) }

// NotILike returns c NOT ILIKE pattern.
func (c *Column) NotILike(pattern any) *LikeExpr { return NotILike(c, pattern) }

// NotBetween returns c NOT BETWEEN lo AND hi.
func (c *Column) NotBetween(lo, hi any) *BetweenExpr { return NotBetween(c, lo, hi) }

// IContains returns a case-insensitive c LIKE %part% with the part escaped.
func (c *Column) IContains(part any) Expr { return IContains(c, part) }

// RegexpMatch returns a regular-expression match of c against pattern.
func (c *Column) RegexpMatch(pattern any) Expr { return RegexpMatch(c, pattern) }

// IsDistinctFrom returns c IS DISTINCT FROM v.
func (c *Column) IsDistinctFrom(v any) Expr { return IsDistinctFrom(c, v) }

// StartsWith returns c LIKE prefix% with the prefix escaped.
func (c *Column) StartsWith(prefix any) Expr { return StartsWith(c, prefix) }

// EndsWith returns c LIKE %suffix with the suffix escaped.
func (c *Column) EndsWith(suffix any) Expr { return EndsWith(c, suffix) }

// Contains returns c LIKE %part% with the part escaped.
func (c *Column) Contains(part any) Expr { return Contains(c, part) }

// IsNull returns c IS NULL.
func (c *Column) IsNull() Expr { return IsNull(c) }

// IsNotNull returns c IS NOT NULL.
func (c *Column) IsNotNull() Expr { return IsNotNull(c) }

// Asc returns c ASC for ORDER BY.
func (c *Column) Asc() *Order { return Asc(c) }

// Desc returns c DESC for ORDER BY.
func (c *Column) Desc() *Order { return Desc(c) }

// As returns c labelled name.
func (c *Column) As(name string) *Label { return &Label{X: c, Name: name} }
