package benchmarks

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/schema"
)

// bun builds queries from a *bun.DB; this one has no server behind it, which building
// a query never needs.
var bunDB = bun.NewDB(sql.OpenDB(nopConnector{}), pgdialect.New())

type nopConnector struct{}

func (nopConnector) Connect(context.Context) (driver.Conn, error) { return nil, errNoServer }
func (nopConnector) Driver() driver.Driver                        { return nopDriver{} }

type nopDriver struct{}

func (nopDriver) Open(string) (driver.Conn, error) { return nil, errNoServer }

var errNoServer = errors.New("benchmarks: no database server")

// bun formats the values into the SQL text (its ? placeholders are interpolated on
// the client), so every bun builder returns no arguments.
func bunSQL(q schema.QueryAppender) (string, []any, error) {
	b, err := q.AppendQuery(bunDB.QueryGen(), nil)
	if err != nil {
		return "", nil, err
	}
	return string(b), nil, nil
}

// BunQ1 builds Q1 with bun.
func BunQ1(id int) (string, []any, error) {
	return bunSQL(bunDB.NewSelect().TableExpr("users").
		ColumnExpr("users.id, users.name, users.email").
		Where("users.id = ?", id))
}

// BunQ2 builds Q2 with bun.
func BunQ2(in Q2In) (string, []any, error) {
	return bunSQL(bunDB.NewSelect().
		ColumnExpr("u.name, count(*), sum(o.total)").
		TableExpr("users AS u").
		Join("JOIN orders AS o ON o.user_id = u.id").
		Where("o.status = ?", in.Status).
		Where("u.dept_id IN (?)", bun.In(in.Depts[:])).
		Where("u.active = ?", in.Active).
		GroupExpr("u.name").
		Having("sum(o.total) > ?", in.MinTotal).
		OrderExpr("sum(o.total) DESC").
		Limit(int64(in.Limit)).Offset(int64(in.Offset)))
}

// BunQ3 builds Q3 with bun. bun parenthesises the members of a UNION and writes a
// query's WITH inside its own parentheses, where the second member cannot see it; the
// WITH clause is therefore a raw query around the union.
func BunQ3(in Q3In) (string, []any, error) {
	spent := bunDB.NewSelect().ColumnExpr("o.user_id, sum(o.total) AS total").
		TableExpr("orders AS o").Where("o.status = ?", in.Status).GroupExpr("o.user_id")
	nOrders := bunDB.NewSelect().ColumnExpr("count(*)").TableExpr("orders AS p").
		Where("p.user_id = u.id")
	top := bunDB.NewSelect().ColumnExpr("u.id, u.name, spent.total").ColumnExpr("(?) AS n", nOrders).
		TableExpr("users AS u").Join("JOIN spent ON spent.user_id = u.id").
		Where("u.dept_id IN (?)", bun.In(in.Depts[:]))
	inactive := bunDB.NewSelect().ColumnExpr("u.id, u.name, spent.total, 0 AS n").
		TableExpr("users AS u").Join("JOIN spent ON spent.user_id = u.id").
		Where("u.active = ?", in.Active)
	return bunSQL(bunDB.NewRaw("WITH spent AS (?) ?", spent, top.UnionAll(inactive)))
}

// BunQ4 builds Q4 with bun, which inserts models: UserRow's fields map to the
// columns by bun's default naming.
func BunQ4(rows []UserRow) (string, []any, error) {
	return bunSQL(bunDB.NewInsert().Model(&rows).ModelTableExpr("users").Returning("id"))
}

// BunQ5 builds Q5 with bun.
func BunQ5(in Q5In) (string, []any, error) {
	return bunSQL(bunDB.NewUpdate().Table("users").
		Set("name = ?", in.Name).Set("email = ?", in.Email).
		Where("users.id = ?", in.ID))
}
