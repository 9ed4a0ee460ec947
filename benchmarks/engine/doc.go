// Package enginebench compares Strata's engine with raw database/sql, sqlx, bun and
// gorm (issue #5, item 10): scanning 10,000 rows of six columns into structs, one row
// by primary key, and 1,000-row inserts row by row and batched, on SQLite in memory
// (github.com/mattn/go-sqlite3) and on PostgreSQL (lib/pq) when 127.0.0.1:5432 is
// reachable (STRATA_POSTGRES_URL overrides the URL; a temporary table is used).
//
//	go test -run '^$' -bench . -benchmem ./engine/
//
// gorm runs on SQLite only: its PostgreSQL driver needs pgx, which this module does
// not otherwise use.
package enginebench
