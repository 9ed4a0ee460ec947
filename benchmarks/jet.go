package benchmarks

import (
	. "github.com/go-jet/jet/v2/postgres" // jet's DSL is written dot-imported
)

// jet works from generated table types; these are written by hand in the same form.

type jetUsersTable struct {
	Table
	ID, DeptID  ColumnInteger
	Name, Email ColumnString
	Active      ColumnBool
}

func newJetUsers(alias string) *jetUsersTable {
	id, name, email := IntegerColumn("id"), StringColumn("name"), StringColumn("email")
	dept, active := IntegerColumn("dept_id"), BoolColumn("active")
	return &jetUsersTable{
		Table: NewTable("", "users", alias, id, name, email, dept, active),
		ID:    id, Name: name, Email: email, DeptID: dept, Active: active,
	}
}

type jetOrdersTable struct {
	Table
	ID, UserID ColumnInteger
	Total      ColumnFloat
	Status     ColumnString
}

func newJetOrders(alias string) *jetOrdersTable {
	id, uid, total, status := IntegerColumn("id"), IntegerColumn("user_id"), FloatColumn("total"), StringColumn("status")
	return &jetOrdersTable{
		Table: NewTable("", "orders", alias, id, uid, total, status),
		ID:    id, UserID: uid, Total: total, Status: status,
	}
}

var (
	jetUsers  = newJetUsers("")
	jetU      = newJetUsers("u")
	jetO      = newJetOrders("o")
	jetP      = newJetOrders("p")
	jetInsCol = ColumnList{jetUsers.Name, jetUsers.Email, jetUsers.DeptID, jetUsers.Active}
)

// JetQ1 builds Q1 with jet.
func JetQ1(id int) (string, []any, error) {
	t := jetUsers
	q, args := SELECT(t.ID, t.Name, t.Email).FROM(t).WHERE(t.ID.EQ(Int(int64(id)))).Sql()
	return q, args, nil
}

// JetQ2 builds Q2 with jet.
func JetQ2(in Q2In) (string, []any, error) {
	u, o := jetU, jetO
	d := in.Depts
	q, args := SELECT(u.Name, COUNT(STAR), SUMf(o.Total)).
		FROM(u.INNER_JOIN(o, o.UserID.EQ(u.ID))).
		WHERE(AND(
			o.Status.EQ(String(in.Status)),
			u.DeptID.IN(Int(int64(d[0])), Int(int64(d[1])), Int(int64(d[2]))),
			u.Active.EQ(Bool(in.Active)),
		)).
		GROUP_BY(u.Name).
		HAVING(SUMf(o.Total).GT(Float(float64(in.MinTotal)))).
		ORDER_BY(SUMf(o.Total).DESC()).
		LIMIT(int64(in.Limit)).OFFSET(int64(in.Offset)).
		Sql()
	return q, args, nil
}

// JetQ3 builds Q3 with jet.
func JetQ3(in Q3In) (string, []any, error) {
	u, o, p := jetU, jetO, jetP
	spent := CTE("spent")
	spentUser := o.UserID.From(spent)
	spentTotal := FloatColumn("total").From(spent)
	nOrders := IntExp(SELECT(COUNT(STAR)).FROM(p).WHERE(p.UserID.EQ(u.ID)))
	d := in.Depts
	q, args := WITH(
		spent.AS(SELECT(o.UserID, SUMf(o.Total).AS("total")).FROM(o).
			WHERE(o.Status.EQ(String(in.Status))).GROUP_BY(o.UserID)),
	)(
		UNION_ALL(
			SELECT(u.ID, u.Name, spentTotal, nOrders.AS("n")).
				FROM(u.INNER_JOIN(spent, spentUser.EQ(u.ID))).
				WHERE(u.DeptID.IN(Int(int64(d[0])), Int(int64(d[1])), Int(int64(d[2])), Int(int64(d[3])), Int(int64(d[4])))),
			SELECT(u.ID, u.Name, spentTotal, RawInt("0").AS("n")).
				FROM(u.INNER_JOIN(spent, spentUser.EQ(u.ID))).
				WHERE(u.Active.EQ(Bool(in.Active))),
		),
	).Sql()
	return q, args, nil
}

// JetQ4 builds Q4 with jet.
func JetQ4(rows []UserRow) (string, []any, error) {
	ins := jetUsers.INSERT(jetInsCol)
	for i := range rows {
		r := &rows[i]
		ins = ins.VALUES(r.Name, r.Email, r.DeptID, r.Active)
	}
	q, args := ins.RETURNING(jetUsers.ID).Sql()
	return q, args, nil
}

// JetQ5 builds Q5 with jet.
func JetQ5(in Q5In) (string, []any, error) {
	t := jetUsers
	q, args := t.UPDATE(t.Name, t.Email).SET(String(in.Name), String(in.Email)).
		WHERE(t.ID.EQ(Int(int64(in.ID)))).Sql()
	return q, args, nil
}
