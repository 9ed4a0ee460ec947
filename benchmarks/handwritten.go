package benchmarks

import (
	"strconv"
	"strings"
)

// The hand-written builders are the floor: the exact text Strata produces, appended to
// a strings.Builder grown once, with an argument slice allocated once at its final
// size. Integers are passed as int64, the driver values Strata's converters produce.

type handSQL struct {
	b    strings.Builder
	args []any
}

func (h *handSQL) grow(textCap, nArgs int) {
	h.args = make([]any, 0, nArgs)
	h.b.Grow(textCap)
}

func (h *handSQL) text(s string) { h.b.WriteString(s) }

// param appends v to the arguments and writes its placeholder.
func (h *handSQL) param(v any) {
	h.args = append(h.args, v)
	var num [20]byte
	h.b.WriteByte('$')
	h.b.Write(strconv.AppendInt(num[:0], int64(len(h.args)), 10))
}

func (h *handSQL) done() (string, []any, error) { return h.b.String(), h.args, nil }

// HandQ1 writes Q1 by hand.
func HandQ1(id int) (string, []any, error) {
	var h handSQL
	h.grow(80, 1)
	h.text("SELECT users.id, users.name, users.email FROM users WHERE users.id = ")
	h.param(int64(id))
	return h.done()
}

// HandQ2 writes Q2 by hand.
func HandQ2(in Q2In) (string, []any, error) {
	var h handSQL
	h.grow(256, 8)
	h.text("SELECT u.name, count(*), sum(o.total) FROM users AS u JOIN orders AS o ON o.user_id = u.id WHERE o.status = ")
	h.param(in.Status)
	h.text(" AND u.dept_id IN (")
	for i, d := range in.Depts {
		if i > 0 {
			h.text(", ")
		}
		h.param(int64(d))
	}
	h.text(") AND u.active = ")
	h.param(in.Active)
	h.text(" GROUP BY u.name HAVING sum(o.total) > ")
	h.param(int64(in.MinTotal))
	h.text(" ORDER BY sum(o.total) DESC LIMIT ")
	h.param(int64(in.Limit))
	h.text(" OFFSET ")
	h.param(int64(in.Offset))
	return h.done()
}

// HandQ3 writes Q3 by hand.
func HandQ3(in Q3In) (string, []any, error) {
	var h handSQL
	h.grow(512, 7)
	h.text("WITH spent AS (SELECT o.user_id, sum(o.total) AS total FROM orders AS o WHERE o.status = ")
	h.param(in.Status)
	h.text(" GROUP BY o.user_id) SELECT u.id, u.name, spent.total, (SELECT count(*) FROM orders AS p WHERE p.user_id = u.id) AS n FROM users AS u JOIN spent ON spent.user_id = u.id WHERE u.dept_id IN (")
	for i, d := range in.Depts {
		if i > 0 {
			h.text(", ")
		}
		h.param(int64(d))
	}
	h.text(") UNION ALL SELECT u.id, u.name, spent.total, 0 AS n FROM users AS u JOIN spent ON spent.user_id = u.id WHERE u.active = ")
	h.param(in.Active)
	return h.done()
}

// HandQ4 writes Q4 by hand.
func HandQ4(rows []UserRow) (string, []any, error) {
	var h handSQL
	h.grow(64+len(rows)*28, 4*len(rows))
	h.text("INSERT INTO users (name, email, dept_id, active) VALUES ")
	for i := range rows {
		r := &rows[i]
		if i > 0 {
			h.text(", ")
		}
		h.text("(")
		h.param(r.Name)
		h.text(", ")
		h.param(r.Email)
		h.text(", ")
		h.param(int64(r.DeptID))
		h.text(", ")
		h.param(r.Active)
		h.text(")")
	}
	h.text(" RETURNING id")
	return h.done()
}

// HandQ5 writes Q5 by hand.
func HandQ5(in Q5In) (string, []any, error) {
	var h handSQL
	h.grow(64, 3)
	h.text("UPDATE users SET name = ")
	h.param(in.Name)
	h.text(", email = ")
	h.param(in.Email)
	h.text(" WHERE users.id = ")
	h.param(int64(in.ID))
	return h.done()
}
