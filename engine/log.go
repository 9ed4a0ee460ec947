package engine

import "log/slog"

// logEvent writes one execution to the logger at Debug level (Warn when it failed),
// with argument values redacted unless WithLoggedArgs was given.
func (e *Engine) logEvent(ev *Event) {
	level := slog.LevelDebug
	if ev.Err != nil {
		level = slog.LevelWarn
	}
	if !e.cfg.logger.Enabled(ev.ctx, level) {
		return
	}
	attrs := []slog.Attr{
		slog.String("sql", ev.SQL),
		slog.Duration("duration", ev.Duration),
	}
	if e.cfg.logArgs {
		attrs = append(attrs, slog.Any("args", ev.Args))
	} else {
		attrs = append(attrs, slog.Int("args", len(ev.Args)))
	}
	if ev.RowsAffected >= 0 {
		attrs = append(attrs, slog.Int64("rows_affected", ev.RowsAffected))
	}
	if ev.Err != nil {
		attrs = append(attrs, slog.String("error", ev.Err.Error()))
	}
	e.cfg.logger.LogAttrs(ev.ctx, level, "strata: exec", attrs...)
}
