// Package drivers imports the database/sql drivers and the dialects of the built-in
// databases, so that one blank import makes engine.Open work for sqlite://,
// postgres://, mysql:// / mariadb://, questdb:// and yugabytedb:// URLs:
//
//	import _ "github.com/seed13bb6a42/strata/drivers"
//
// The dialect packages themselves import no driver (someone who only builds SQL must
// not pull in cgo); this package is where drivers and dialects meet.
package drivers

import (
	_ "github.com/go-sql-driver/mysql" // mysql
	_ "github.com/lib/pq"              // postgres
	_ "github.com/mattn/go-sqlite3"    // sqlite3 (cgo)

	_ "github.com/seed13bb6a42/strata/dialects/mysql"
	_ "github.com/seed13bb6a42/strata/dialects/postgres"
	_ "github.com/seed13bb6a42/strata/dialects/questdb"
	_ "github.com/seed13bb6a42/strata/dialects/sqlite"
	_ "github.com/seed13bb6a42/strata/dialects/yugabyte"
)
