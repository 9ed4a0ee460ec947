package benchmarks

import "strconv"

// Q2In holds the values of Q2.
type Q2In struct {
	Status        string
	Depts         [3]int
	Active        bool
	MinTotal      int
	Limit, Offset int
}

// Q3In holds the values of Q3.
type Q3In struct {
	Status string
	Depts  [5]int
	Active bool
}

// UserRow is one row Q4 inserts.
type UserRow struct {
	Name, Email string
	DeptID      int
	Active      bool
}

// Q5In holds the values of Q5.
type Q5In struct {
	Name, Email string
	ID          int
}

// The values the benchmarks use. They are variables, read on every iteration, so no
// builder benefits from constant folding; strings and the 100 rows of Q4 are boxed
// into interfaces by every library alike.
var (
	In1 = 7
	In2 = Q2In{Status: "paid", Depts: [3]int{1, 2, 3}, Active: true, MinTotal: 100, Limit: 10, Offset: 20}
	In3 = Q3In{Status: "paid", Depts: [5]int{1, 2, 3, 4, 5}, Active: false}
	In4 = makeRows(100)
	In5 = Q5In{Name: "Ada", Email: "ada@example.com", ID: 7}
)

func makeRows(n int) []UserRow {
	rows := make([]UserRow, n)
	for i := range rows {
		s := strconv.Itoa(i)
		rows[i] = UserRow{Name: "user" + s, Email: "user" + s + "@example.com", DeptID: i % 7, Active: i%2 == 0}
	}
	return rows
}
