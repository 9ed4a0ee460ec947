package engine

// Typed errors. Each wraps the driver's error, so errors.As(err, &pqErr) still
// finds it; the same violation gives the same Strata error on every dialect.

// An IntegrityKind says which constraint a write violated.
type IntegrityKind uint8

// The integrity violations.
const (
	UniqueViolation IntegrityKind = iota + 1
	ForeignKeyViolation
	NotNullViolation
	CheckViolation
)

func (k IntegrityKind) String() string {
	switch k {
	case UniqueViolation:
		return "unique"
	case ForeignKeyViolation:
		return "foreign key"
	case NotNullViolation:
		return "not null"
	case CheckViolation:
		return "check"
	}
	return "integrity"
}

// An IntegrityError reports a write that violated a constraint.
type IntegrityError struct {
	Kind       IntegrityKind
	Constraint string // the constraint's name, when the server reports it
	Table      string // when reported
	Column     string // when reported (NOT NULL, or the single column of a unique key)
	Err        error  // the driver's error
}

func (e *IntegrityError) Error() string {
	s := "engine: " + e.Kind.String() + " violation"
	if e.Constraint != "" {
		s += " (" + e.Constraint + ")"
	} else if e.Column != "" {
		s += " (column " + e.Column + ")"
	}
	return s + ": " + e.Err.Error()
}

func (e *IntegrityError) Unwrap() error { return e.Err }

// A SerializationError reports a transaction the database aborted to keep
// transactions serializable: a serialization failure, a deadlock, a lock timeout, or
// SQLite's BUSY/LOCKED. Running the whole transaction again may succeed; InTx does so.
type SerializationError struct {
	Deadlock bool  // a deadlock or lock timeout rather than a serialization failure
	Err      error // the driver's error
}

func (e *SerializationError) Error() string {
	if e.Deadlock {
		return "engine: deadlock or lock timeout, retry the transaction: " + e.Err.Error()
	}
	return "engine: serialization failure, retry the transaction: " + e.Err.Error()
}

func (e *SerializationError) Unwrap() error { return e.Err }

// A DisconnectError reports a connection that failed (closed by the server, reset,
// timed out). The pool discards the connection.
type DisconnectError struct {
	Err error
}

func (e *DisconnectError) Error() string { return "engine: connection lost: " + e.Err.Error() }

func (e *DisconnectError) Unwrap() error { return e.Err }

// An AmbiguousCommitError reports a COMMIT whose outcome is unknown: the connection
// failed while the commit was in flight, so the transaction may or may not have been
// committed. It is never retried automatically.
type AmbiguousCommitError struct {
	Err error
}

func (e *AmbiguousCommitError) Error() string {
	return "engine: the connection failed during COMMIT; the transaction may or may not have been committed: " + e.Err.Error()
}

func (e *AmbiguousCommitError) Unwrap() error { return e.Err }

// classify turns a driver error into Strata's typed errors; nil stays nil, and
// errors it does not recognise (context cancellation, compiler errors) pass through.
func (e *Engine) classify(err error) error {
	if err == nil {
		return nil
	}
	return Classify(e.d.Name, err)
}

// Classify turns a driver error from a database of the named dialect into Strata's
// typed errors. Errors it does not recognise are returned as they are.
func Classify(dialect string, err error) error {
	if err == nil {
		return nil
	}
	return classifyDriverError(dialect, err)
}
