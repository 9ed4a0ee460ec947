package engine

// classifyDriverError recognises the built-in drivers' errors.
func classifyDriverError(dialect string, err error) error {
	return err
}
