package compiler

// An UnsupportedError reports a construct that a dialect cannot express. It names the
// dialect and the construct, and says what to do instead when there is an alternative.
type UnsupportedError struct {
	Dialect   string // dialect name
	Construct string // what could not be rendered, e.g. "FULL JOIN"
	Hint      string // what to use instead, or ""
}

func (e *UnsupportedError) Error() string {
	s := "compiler: " + e.Dialect + " does not support " + e.Construct
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// A CompileError reports a tree that cannot be rendered on any dialect: a nil
// expression, a missing column, an empty SET list, an identifier no database accepts.
type CompileError struct {
	Dialect string // dialect name
	Msg     string // what is wrong, naming the construct
	Err     error  // underlying error (from an ast.Invalid node or a conversion), or nil
}

func (e *CompileError) Error() string {
	s := "compiler: " + e.Dialect + ": " + e.Msg
	if e.Err != nil {
		if e.Msg != "" {
			s += ": "
		}
		s += e.Err.Error()
	}
	return s
}

func (e *CompileError) Unwrap() error { return e.Err }
