package bind_test

import (
	"fmt"

	"github.com/seed13bb6a42/strata/bind"
)

func ExampleScan() {
	sql := `SELECT name::text, ':skipped' FROM users -- :ignored
WHERE id = :id AND note = 'a\:b' AND tag = \:literal`
	for _, s := range bind.Scan(sql) {
		if s.Param != "" {
			fmt.Printf("param %s\n", s.Param)
		} else {
			fmt.Printf("text  %q\n", s.Text)
		}
	}
	// Output:
	// text  "SELECT name::text, ':skipped' FROM users -- :ignored\nWHERE id = "
	// param id
	// text  " AND note = 'a\\:b' AND tag = :literal"
}

// Rendering a scanned statement in each placeholder style, with the values the driver
// needs: numbered styles refer to a repeated name by one number, Colon by the name itself,
// and Question needs the value again for every use.
func ExampleStyle_Append() {
	segs := bind.Scan("SELECT * FROM t WHERE a = :x OR b = :x OR c = :y")
	for _, style := range []bind.Style{bind.Question, bind.Dollar, bind.Colon, bind.AtP} {
		var b []byte
		var names []string
		seen := map[string]int{}
		for _, s := range segs {
			if s.Param == "" {
				b = append(b, s.Text...)
				continue
			}
			n, ok := seen[s.Param]
			if !ok || style == bind.Question {
				names = append(names, s.Param)
				n = len(names)
				seen[s.Param] = n
			}
			b = style.Append(b, n, s.Param)
		}
		fmt.Printf("%-8s %s  %v\n", style, b, names)
	}
	// Output:
	// question SELECT * FROM t WHERE a = ? OR b = ? OR c = ?  [x x y]
	// dollar   SELECT * FROM t WHERE a = $1 OR b = $1 OR c = $2  [x y]
	// colon    SELECT * FROM t WHERE a = :x OR b = :x OR c = :y  [x y]
	// at-p     SELECT * FROM t WHERE a = @p1 OR b = @p1 OR c = @p2  [x y]
}
