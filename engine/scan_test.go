package engine_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/compiler"
	"github.com/seed13bb6a42/strata/dialects/mysql"
	"github.com/seed13bb6a42/strata/dialects/postgres"
	"github.com/seed13bb6a42/strata/dialects/sqlite"
	"github.com/seed13bb6a42/strata/engine"
	"github.com/seed13bb6a42/strata/internal/testdb"
	"github.com/seed13bb6a42/strata/types"
)

// scanServers are the servers the scanning tests run on, with their dialects.
var scanServers = []struct {
	server  string
	dialect *compiler.Dialect
}{
	{"sqlite", sqlite.Dialect()},
	{"postgres", postgres.Dialect()},
	{"mysql", mysql.MariaDBDialect()},
}

var items = ast.NewTable("items",
	ast.Col("id", types.BigInteger, ast.PrimaryKey()),
	ast.Col("name", types.String(40), ast.NotNull()),
	ast.Col("note", types.Text),
	ast.Col("price", types.Decimal(10, 2)),
	ast.Col("score", types.DoubleFloat),
	ast.Col("active", types.Bool),
	ast.Col("created", types.DateTime),
	ast.Col("seen", types.DateTimeTZ),
	ast.Col("day", types.DateType),
	ast.Col("doc", types.JSONType),
	ast.Col("uid", types.UUIDType),
	ast.Col("data", types.Bytes),
	ast.Col("qty", types.Integer),
)

const (
	uid1 = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"
	uid2 = "6ba7b811-9dad-11d1-80b4-00c04fd430c8"
	uid3 = "00000000-0000-0000-0000-0000000000ff"
)

var (
	created1 = time.Date(2024, 1, 2, 3, 4, 5, 123456000, time.UTC)
	created2 = time.Date(2023, 12, 31, 23, 59, 59, 999999000, time.UTC)
	created3 = time.Date(2000, 2, 29, 12, 0, 0, 0, time.UTC)
	// An instant given in another zone comes back in UTC.
	seen1 = time.Date(2024, 1, 2, 5, 4, 5, 123456000, time.FixedZone("+02", 2*3600))
)

// openItems returns an engine on a fresh database of server holding the items rows.
func openItems(t testing.TB, server string, d *compiler.Dialect) *engine.Engine {
	t.Helper()
	ctx := context.Background()
	db := testdb.Open(t, server)
	e := engine.New(db, d)
	if _, err := e.Exec(ctx, ast.CreateTable(items)); err != nil {
		t.Fatal(err)
	}
	ins := ast.Insert(items).
		Values(1, "alpha", "first", "12.50", 1.5, true, created1, seen1, "2024-01-02",
			json.RawMessage(`{"a":1,"b":[true,null]}`), uid1, []byte{0, 1, 2, 255}, 7).
		Values(2, "beta", nil, "0.10", -2.25, false, created2, nil, "2023-12-31",
			json.RawMessage(`{}`), uid2, []byte{9}, nil).
		Values(3, "gamma ☃", "", "100", 0.0, true, created3, created3, "2000-02-29",
			nil, uid3, nil, -1)
	if _, err := e.Exec(ctx, ins); err != nil {
		t.Fatal(err)
	}
	return e
}

type item struct {
	ID      int64
	Name    string
	Note    *string
	NoteNS  sql.NullString `db:"note_ns"`
	Price   string
	PriceF  float64 `db:"price_f"`
	Score   float64
	Active  bool
	Created time.Time
	Seen    sql.NullTime
	Day     time.Time
	Doc     json.RawMessage
	DocV    map[string]any `db:"doc_v"`
	UID     [16]byte       `db:"uid"`
	UIDText string         `db:"uid_text"`
	Data    []byte
	Qty     *int
	QtyN    sql.Null[int64] `db:"qty_n"`
}

var itemSelect = ast.Select(
	items.C("id"), items.C("name"), items.C("note"), items.C("note").As("note_ns"),
	items.C("price"), items.C("price").As("price_f"), items.C("score"), items.C("active"),
	items.C("created"), items.C("seen"), items.C("day"), items.C("doc"), items.C("doc").As("doc_v"),
	items.C("uid"), items.C("uid").As("uid_text"), items.C("data"), items.C("qty"), items.C("qty").As("qty_n"),
).From(items).OrderBy(items.C("id"))

func ptr[T any](v T) *T { return &v }

func mustUUID(s string) [16]byte {
	var u [16]byte
	b := []byte(strings.ReplaceAll(s, "-", ""))
	for i := range u {
		u[i] = unhex(b[2*i])<<4 | unhex(b[2*i+1])
	}
	return u
}

func unhex(c byte) byte {
	if c >= 'a' {
		return c - 'a' + 10
	}
	return c - '0'
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var wantItems = []item{{
	ID: 1, Name: "alpha", Note: ptr("first"), NoteNS: sql.NullString{String: "first", Valid: true},
	Price: "12.50", PriceF: 12.5, Score: 1.5, Active: true, Created: created1,
	Seen: sql.NullTime{Time: seen1.UTC(), Valid: true}, Day: day(2024, 1, 2),
	Doc: json.RawMessage(`{"a":1,"b":[true,null]}`), DocV: map[string]any{"a": 1.0, "b": []any{true, nil}},
	UID: mustUUID(uid1), UIDText: uid1, Data: []byte{0, 1, 2, 255},
	Qty: ptr(7), QtyN: sql.Null[int64]{V: 7, Valid: true},
}, {
	ID: 2, Name: "beta", Price: "0.10", PriceF: 0.1, Score: -2.25, Active: false, Created: created2,
	Day: day(2023, 12, 31), Doc: json.RawMessage(`{}`), DocV: map[string]any{},
	UID: mustUUID(uid2), UIDText: uid2, Data: []byte{9},
}, {
	ID: 3, Name: "gamma ☃", Note: ptr(""), NoteNS: sql.NullString{Valid: true},
	Price: "100.00", PriceF: 100, Active: true, Created: created3,
	Seen: sql.NullTime{Time: created3, Valid: true}, Day: day(2000, 2, 29),
	UID: mustUUID(uid3), UIDText: uid3, Qty: ptr(-1), QtyN: sql.Null[int64]{V: -1, Valid: true},
}}

// sameJSON compares JSON documents decoded: servers keep documents in their own way
// (PostgreSQL's jsonb spaces them and orders keys), so the same document may come
// back as different text.
var sameJSON = cmp.Comparer(func(a, b json.RawMessage) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return string(a) == string(b)
	}
	return reflect.DeepEqual(x, y)
})

// checkUTC fails for any time.Time in v (a struct, or a map of values) whose location
// is not UTC: cmp compares times by instant, which would hide a zone.
func checkUTC(t *testing.T, what string, v any) {
	t.Helper()
	var walk func(path string, rv reflect.Value)
	walk = func(path string, rv reflect.Value) {
		if !rv.IsValid() {
			return
		}
		if tm, ok := rv.Interface().(time.Time); ok {
			if tm.Location() != time.UTC {
				t.Errorf("%s%s: %v is in %v, want UTC", what, path, tm, tm.Location())
			}
			return
		}
		switch rv.Kind() {
		case reflect.Struct:
			for i := range rv.NumField() {
				if rv.Type().Field(i).IsExported() {
					walk(path+"."+rv.Type().Field(i).Name, rv.Field(i))
				}
			}
		case reflect.Pointer, reflect.Interface:
			if !rv.IsNil() {
				walk(path, rv.Elem())
			}
		case reflect.Map:
			for _, k := range rv.MapKeys() {
				walk(path+"["+k.String()+"]", rv.MapIndex(k))
			}
		case reflect.Slice:
			if rv.Type().Elem().Kind() != reflect.Uint8 {
				for i := range rv.Len() {
					walk(path, rv.Index(i))
				}
			}
		}
	}
	walk("", reflect.ValueOf(v))
}

// TestScanSameValuesEverywhere scans one table on every server into one struct, by
// Rows.Scan, ScanStruct and All, and expects the same Go values.
func TestScanSameValuesEverywhere(t *testing.T) {
	ctx := context.Background()
	for _, s := range scanServers {
		t.Run(s.server, func(t *testing.T) {
			e := openItems(t, s.server, s.dialect)

			got, err := engine.All[item](ctx, e, itemSelect)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(wantItems, got, sameJSON); diff != "" {
				t.Errorf("All[item] (-want +got):\n%s", diff)
			}
			checkUTC(t, "All", got)

			rows, err := e.Query(ctx, itemSelect)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var byStruct, byFields []item
			for rows.Next() {
				var a item
				if err := rows.ScanStruct(&a); err != nil {
					t.Fatal(err)
				}
				byStruct = append(byStruct, a)
				var b item
				if err := rows.Scan(&b.ID, &b.Name, &b.Note, &b.NoteNS, &b.Price, &b.PriceF, &b.Score,
					&b.Active, &b.Created, &b.Seen, &b.Day, &b.Doc, &b.DocV, &b.UID, &b.UIDText,
					&b.Data, &b.Qty, &b.QtyN); err != nil {
					t.Fatal(err)
				}
				byFields = append(byFields, b)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(wantItems, byStruct, sameJSON); diff != "" {
				t.Errorf("ScanStruct (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantItems, byFields, sameJSON); diff != "" {
				t.Errorf("Scan (-want +got):\n%s", diff)
			}
			checkUTC(t, "Scan", byFields)
		})
	}
}

// TestScanExpressionColumns reads computed columns, which drivers type by their own
// rules (SQLite: text for max(timestamp), an integer for a boolean CASE), by the
// plan's types.
func TestScanExpressionColumns(t *testing.T) {
	ctx := context.Background()
	type agg struct {
		Latest   time.Time  `db:"latest"`
		Earliest *time.Time `db:"earliest"`
		LastSeen any        `db:"last_seen"`
		Total    string     `db:"total"`
		N        int        `db:"n"`
	}
	type flag struct {
		ID       int64
		Positive bool
		PosAny   any    `db:"pos_any"`
		PosText  string `db:"pos_text"`
		Day      sql.NullTime
	}
	positive := ast.Case(ast.WhenThen(items.C("score").Gt(0), true)).ElseResult(false)
	for _, s := range scanServers {
		t.Run(s.server, func(t *testing.T) {
			e := openItems(t, s.server, s.dialect)
			a, err := engine.One[agg](ctx, e, ast.Select(
				ast.Max(items.C("created")).As("latest"), ast.Min(items.C("created")).As("earliest"),
				ast.Max(items.C("seen")).As("last_seen"), ast.Sum(items.C("price")).As("total"),
				ast.Count().As("n"),
			).From(items))
			if err != nil {
				t.Fatal(err)
			}
			want := agg{Latest: created1, Earliest: &created3, LastSeen: seen1.UTC(), Total: "112.60", N: 3}
			if diff := cmp.Diff(want, a); diff != "" {
				t.Errorf("aggregates (-want +got):\n%s", diff)
			}
			checkUTC(t, "agg", a)

			flags, err := engine.All[flag](ctx, e, ast.Select(
				items.C("id"), ast.As(positive, "positive"), ast.As(positive, "pos_any"),
				ast.As(positive, "pos_text"), ast.Max(items.C("day")).As("day"),
			).From(items).GroupBy(items.C("id"), items.C("score")).OrderBy(items.C("id")))
			if err != nil {
				t.Fatal(err)
			}
			wantFlags := []flag{
				{1, true, true, "true", sql.NullTime{Time: day(2024, 1, 2), Valid: true}},
				{2, false, false, "false", sql.NullTime{Time: day(2023, 12, 31), Valid: true}},
				{3, false, false, "false", sql.NullTime{Time: day(2000, 2, 29), Valid: true}},
			}
			if diff := cmp.Diff(wantFlags, flags); diff != "" {
				t.Errorf("CASE (-want +got):\n%s", diff)
			}
			checkUTC(t, "flags", flags)
		})
	}
}

// TestScanMap expects the types' canonical values, the same on every server.
func TestScanMap(t *testing.T) {
	ctx := context.Background()
	want := []map[string]any{{
		"id": int64(1), "name": "alpha", "note": "first", "price": "12.50", "score": 1.5,
		"active": true, "created": created1, "seen": seen1.UTC(), "day": day(2024, 1, 2),
		"doc": json.RawMessage(`{"a":1,"b":[true,null]}`), "uid": mustUUID(uid1),
		"data": []byte{0, 1, 2, 255}, "qty": int64(7),
	}, {
		"id": int64(2), "name": "beta", "note": nil, "price": "0.10", "score": -2.25,
		"active": false, "created": created2, "seen": nil, "day": day(2023, 12, 31),
		"doc": json.RawMessage(`{}`), "uid": mustUUID(uid2), "data": []byte{9}, "qty": nil,
	}, {
		"id": int64(3), "name": "gamma ☃", "note": "", "price": "100.00", "score": 0.0,
		"active": true, "created": created3, "seen": created3, "day": day(2000, 2, 29),
		"doc": nil, "uid": mustUUID(uid3), "data": nil, "qty": int64(-1),
	}}
	stmt := ast.Select(items.C("id"), items.C("name"), items.C("note"), items.C("price"),
		items.C("score"), items.C("active"), items.C("created"), items.C("seen"), items.C("day"),
		items.C("doc"), items.C("uid"), items.C("data"), items.C("qty")).From(items).OrderBy(items.C("id"))
	for _, s := range scanServers {
		t.Run(s.server, func(t *testing.T) {
			e := openItems(t, s.server, s.dialect)
			rows, err := e.Query(ctx, stmt)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var got []map[string]any
			for rows.Next() {
				m, err := rows.ScanMap()
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, m)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, sameJSON); diff != "" {
				t.Errorf("ScanMap (-want +got):\n%s", diff)
			}
			checkUTC(t, "ScanMap", got)

			all, err := engine.All[map[string]any](ctx, e, stmt)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, all, sameJSON); diff != "" {
				t.Errorf("All[map[string]any] (-want +got):\n%s", diff)
			}
		})
	}
}

// upper is a decorator that reads text in upper case.
type upper struct{}

func (upper) ToDriver(v any) (any, error)   { return v, nil }
func (upper) FromDriver(v any) (any, error) { return strings.ToUpper(v.(string)), nil }

// celsius is a decorator that reads doubles as a Go type of its own.
type celsius float64

type celsiusDec struct{}

func (celsiusDec) ToDriver(v any) (any, error)   { return float64(v.(celsius)), nil }
func (celsiusDec) FromDriver(v any) (any, error) { return celsius(v.(float64)), nil }

type (
	myID   int64
	myMood string
	myUUID [16]byte
)

// TestScanDestinations stores driver values of each type in each kind of destination.
// SQLite returns text for typed expressions, so every value goes through the
// conversions under test.
func TestScanDestinations(t *testing.T) {
	ctx := context.Background()
	e := engine.New(testdb.Open(t, "sqlite"), sqlite.Dialect())
	u1 := mustUUID(uid1)
	tm := time.Date(2024, 1, 2, 3, 4, 5, 500000000, time.UTC)
	upperText := types.Decorate("upper", types.Text, upper{})
	temp := types.Decorate("celsius", types.DoubleFloat, celsiusDec{})
	cases := []struct {
		sql  string
		typ  *types.Type
		dest any // a pointer to a zero value
		want any // what dest points to afterwards
	}{
		{"'2024-01-02 03:04:05.5'", types.DateTime, new(time.Time), tm},
		{"'2024-01-02 03:04:05.5'", types.DateTime, new(*time.Time), &tm},
		{"NULL", types.DateTime, new(*time.Time), (*time.Time)(nil)},
		{"NULL", types.DateTime, new(sql.NullTime), sql.NullTime{}},
		{"'2024-01-02 03:04:05.5'", types.DateTime, new(sql.NullTime), sql.NullTime{Time: tm, Valid: true}},
		{"'2024-01-02 03:04:05.5'", types.DateTime, new(sql.Null[time.Time]), sql.Null[time.Time]{V: tm, Valid: true}},
		{"'2024-01-02 03:04:05.5'", types.DateTime, new(string), "2024-01-02T03:04:05.5Z"},
		{"'2024-01-02 03:04:05.5'", types.DateTime, new(any), any(tm)},
		{"'2024-01-02 05:04:05.5+02:00'", types.DateTimeTZ, new(time.Time), tm},
		{"'2024-01-02'", types.DateType, new(time.Time), day(2024, 1, 2)},
		{"1", types.Bool, new(bool), true},
		{"0", types.Bool, new(*bool), ptr(false)},
		{"1", types.Bool, new(int), 1},
		{"1", types.Bool, new(string), "true"},
		{"1", types.Bool, new(any), any(true)},
		{"1", types.Bool, new(sql.NullBool), sql.NullBool{Bool: true, Valid: true}},
		{"42", types.Integer, new(int), 42},
		{"42", types.Integer, new(int64), int64(42)},
		{"42", types.Integer, new(int32), int32(42)},
		{"42", types.Integer, new(int8), int8(42)},
		{"42", types.Integer, new(uint16), uint16(42)},
		{"42", types.Integer, new(float64), 42.0},
		{"42", types.Integer, new(string), "42"},
		{"42", types.Integer, new(myID), myID(42)},
		{"42", types.Integer, new(**int), ptr(ptr(42))},
		{"'42'", types.Integer, new(any), any(int64(42))},
		{"NULL", types.Integer, new(*int), (*int)(nil)},
		{"NULL", types.Integer, new(any), nil},
		{"12.5", types.Decimal(10, 2), new(string), "12.50"},
		{"7", types.Decimal(10, 2), new(string), "7.00"},
		{"12.5", types.Decimal(10, 2), new(float64), 12.5},
		{"12.5", types.Decimal(10, 2), new(any), any("12.50")},
		{"12.5", types.Decimal(10, 2), new(sql.NullString), sql.NullString{String: "12.50", Valid: true}},
		{"1.5", types.DoubleFloat, new(float32), float32(1.5)},
		{"'x'", types.Text, new([]byte), []byte("x")},
		{"'ok'", types.Enum("mood", "ok", "sad"), new(myMood), myMood("ok")},
		{"x'0102'", types.Bytes, new(any), any([]byte{1, 2})},
		{`'{"a":[1,2]}'`, types.JSONType, new(json.RawMessage), json.RawMessage(`{"a":[1,2]}`)},
		{`'{"a":[1,2]}'`, types.JSONType, new(string), `{"a":[1,2]}`},
		{`'{"a":[1,2]}'`, types.JSONType, new(any), any(json.RawMessage(`{"a":[1,2]}`))},
		{`'{"a":[1,2]}'`, types.JSONType, new(map[string]any), map[string]any{"a": []any{1.0, 2.0}}},
		{`'{"a":[1,2]}'`, types.JSONType, new(struct{ A []int }), struct{ A []int }{A: []int{1, 2}}},
		{"NULL", types.JSONType, new(map[string]any), map[string]any(nil)},
		{"'" + strings.ToUpper(uid1) + "'", types.UUIDType, new([16]byte), u1},
		{"'" + strings.ToUpper(uid1) + "'", types.UUIDType, new(string), uid1},
		{"'" + uid1 + "'", types.UUIDType, new(myUUID), myUUID(u1)},
		{"'" + uid1 + "'", types.UUIDType, new(any), any(u1)},
		{"'01:02:03'", types.IntervalType, new(time.Duration), time.Hour + 2*time.Minute + 3*time.Second},
		{"'{1,2,3}'", types.ArrayOf(types.Integer), new([]int64), []int64{1, 2, 3}},
		{"'{1,NULL}'", types.ArrayOf(types.Integer), new([]*int), []*int{ptr(1), nil}},
		{"'{a,\"b c\"}'", types.ArrayOf(types.Text), new(any), any([]any{"a", "b c"})},
		{"'abc'", upperText, new(string), "ABC"},
		{"'abc'", upperText, new(any), any("ABC")},
		{"21.5", temp, new(celsius), celsius(21.5)},
		{"21.5", temp, new(float64), 21.5},
	}
	for _, c := range cases {
		name := c.sql + " " + c.typ.String() + " into " + reflect.TypeOf(c.dest).String()
		t.Run(name, func(t *testing.T) {
			stmt := ast.Text("SELECT " + c.sql + " AS v").WithColumns(ast.Col("v", c.typ))
			if err := e.QueryRow(ctx, stmt).Scan(c.dest); err != nil {
				t.Fatal(err)
			}
			got := reflect.ValueOf(c.dest).Elem().Interface()
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			checkUTC(t, name, got)
		})
	}
}

// TestScanDestinationErrors checks the errors of values that do not fit.
func TestScanDestinationErrors(t *testing.T) {
	ctx := context.Background()
	e := engine.New(testdb.Open(t, "sqlite"), sqlite.Dialect())
	cases := []struct {
		sql  string
		typ  *types.Type
		dest any
		want string // in the message
		as   any    // a pointer to the error type expected in the chain, or nil
	}{
		{"NULL", types.Integer, new(int), `name "v": engine: cannot store NULL in *int (scan into a pointer`, new(*engine.AssignError)},
		{"NULL", types.DateTime, new(time.Time), "cannot store NULL in *time.Time", new(*engine.AssignError)},
		{"300", types.Integer, new(int8), "cannot store int64 in *int8: value out of range", new(*engine.AssignError)},
		{"2", types.Bool, new(any), "cannot convert int64 to boolean for sqlite: not a boolean", new(*types.ConversionError)},
		{"'soon'", types.DateTime, new(time.Time), "not a time in a known layout", new(*types.ConversionError)},
		{"'x'", types.JSONType, new(map[string]any), "cannot store json.RawMessage in *map[string]interface {}: invalid character", new(*engine.AssignError)},
		{"1", types.Integer, new(chan int), "cannot store int64 in *chan int", new(*engine.AssignError)},
		{"1", types.Integer, (*int)(nil), "destination pointer is nil", nil},
		{"'2024-01-02'", types.DateTime, (*time.Time)(nil), "destination pointer is nil", nil},
		{"1", types.Integer, 5, "destination not a pointer", nil},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			stmt := ast.Text("SELECT " + c.sql + " AS v").WithColumns(ast.Col("v", c.typ))
			err := e.QueryRow(ctx, stmt).Scan(c.dest)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want one containing %q", err, c.want)
			}
			if c.as != nil && !errors.As(err, c.as) {
				t.Errorf("err = %v (%T), want a %T in its chain", err, err, c.as)
			}
		})
	}
}

// TestScanDestTypesChange decides again when a later Scan passes other types.
func TestScanDestTypesChange(t *testing.T) {
	ctx := context.Background()
	e := openItems(t, "sqlite", sqlite.Dialect())
	rows, err := e.Query(ctx, ast.Select(items.C("created")).From(items).OrderBy(items.C("id")))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var tm time.Time
	var s string
	var a any
	for i, dest := range []any{&tm, &s, &a} {
		if !rows.Next() {
			t.Fatal("too few rows")
		}
		if err := rows.Scan(dest); err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
	}
	if !tm.Equal(created1) || s != created2.Format(time.RFC3339Nano) || a != any(created3) {
		t.Errorf("got %v, %q, %v", tm, s, a)
	}
	if err := rows.Scan(&tm, &s); err == nil || !strings.Contains(err.Error(), "expected 1 destination arguments in Scan, not 2") {
		t.Errorf("Scan with two destinations: %v", err)
	}
}

// TestScanDecisionMemo runs one cached plan again and again with other destination
// types: the scan decision kept on the plan is reused only for the types it was made
// for, and a count mismatch is still reported.
func TestScanDecisionMemo(t *testing.T) {
	ctx := context.Background()
	e := openItems(t, "sqlite", sqlite.Dialect())
	q := ast.Select(items.C("created")).From(items).Where(items.C("id").Eq(ast.Named("id")))
	var tm time.Time
	var s string
	var a any
	for round := range 2 {
		for i, dest := range []any{&tm, &s, &tm, &a} {
			if err := e.QueryRow(ctx, q, engine.Params{"id": 1}).Scan(dest); err != nil {
				t.Fatalf("round %d, scan %d: %v", round, i, err)
			}
		}
		if !tm.Equal(created1) || s != created1.Format(time.RFC3339Nano) || a != any(created1) {
			t.Errorf("round %d: got %v, %q, %v", round, tm, s, a)
		}
		err := e.QueryRow(ctx, q, engine.Params{"id": 1}).Scan(&tm, &s)
		if err == nil || !strings.Contains(err.Error(), "expected 1 destination arguments in Scan, not 2") {
			t.Errorf("round %d: Scan with two destinations: %v", round, err)
		}
	}
}

// A Row's Rows is pooled once scanned: scanning again answers sql.ErrNoRows as
// database/sql does, a failed query keeps its error, and rows scanned one after
// another (different plans, destinations and results) share no state.
func TestRowScanOnce(t *testing.T) {
	ctx := context.Background()
	e := openItems(t, "sqlite", sqlite.Dialect())
	byID := ast.Select(items.C("name")).From(items).Where(items.C("id").Eq(ast.Named("id")))
	row := e.QueryRow(ctx, byID, engine.Params{"id": 1})
	var name string
	if err := row.Scan(&name); err != nil || name != "alpha" {
		t.Fatalf("Scan: %q, %v", name, err)
	}
	if err := row.Scan(&name); !errors.Is(err, sql.ErrNoRows) {
		t.Errorf("second Scan: %v, want sql.ErrNoRows", err)
	}
	if row.Err() != nil {
		t.Errorf("Err after Scan: %v", row.Err())
	}
	bad := e.QueryRow(ctx, ast.Select(ast.T("no_such_table").C("x")))
	for range 2 {
		if err := bad.Scan(&name); err == nil || bad.Err() == nil {
			t.Errorf("query of a missing table: Scan %v, Err %v", err, bad.Err())
		}
	}
	for i := range 20 {
		var id int64
		var created time.Time
		switch i % 3 {
		case 0:
			if err := e.QueryRow(ctx, byID, engine.Params{"id": 2}).Scan(&name); err != nil || name != "beta" {
				t.Fatalf("round %d: %q, %v", i, name, err)
			}
		case 1:
			q := ast.Select(items.C("id"), items.C("created")).From(items).Where(items.C("id").Eq(1))
			if err := e.QueryRow(ctx, q).Scan(&id, &created); err != nil || id != 1 || !created.Equal(created1) {
				t.Fatalf("round %d: %d %v, %v", i, id, created, err)
			}
		default:
			if err := e.QueryRow(ctx, byID, engine.Params{"id": 99}).Scan(&name); !errors.Is(err, sql.ErrNoRows) {
				t.Fatalf("round %d: no row: %v", i, err)
			}
		}
	}
}

// Struct mapping.

type Audit struct {
	Created time.Time
	By      string `db:"created_by"`
}

type Owner struct {
	OwnerName string
}

type itemView struct {
	engine.AllowUnknownColumns
	Audit         // flattened
	*Owner        // flattened, allocated when needed
	ItemID  int64 `db:"id"`
	Name    string
	Secret  string `db:"-"`
	private int    // unexported: never set
}

func TestScanStructMapping(t *testing.T) {
	ctx := context.Background()
	e := openItems(t, "sqlite", sqlite.Dialect())
	stmt := ast.Select(items.C("id"), items.C("name"), items.C("created"), items.C("note").As("created_by"),
		items.C("name").As("owner_name"), items.C("qty").As("secret"), items.C("score").As("private")).
		From(items).Where(items.C("id").Eq(1))
	got, err := engine.One[itemView](ctx, e, stmt)
	if err != nil {
		t.Fatal(err)
	}
	want := itemView{Audit: Audit{Created: created1, By: "first"}, Owner: &Owner{OwnerName: "alpha"}, ItemID: 1, Name: "alpha"}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(itemView{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	// Pointers to structs, one allocated per row.
	ptrs, err := engine.All[*itemView](ctx, e, stmt)
	if err != nil {
		t.Fatal(err)
	}
	if len(ptrs) != 1 || ptrs[0].ItemID != 1 || ptrs[0].Owner == nil || ptrs[0].OwnerName != "alpha" {
		t.Errorf("All[*itemView] = %+v", ptrs)
	}

	// Rows of one Rows scanned into different structs keep their embedded pointers apart.
	views, err := engine.All[itemView](ctx, e, ast.Select(items.C("id"), items.C("name").As("owner_name")).From(items).OrderBy(items.C("id")))
	if err != nil {
		t.Fatal(err)
	}
	if len(views) != 3 || views[0].OwnerName != "alpha" || views[2].OwnerName != "gamma ☃" || views[0].Owner == views[1].Owner {
		t.Errorf("views share an Owner or lost one: %+v %+v %+v", views[0].Owner, views[1].Owner, views[2].Owner)
	}
}

func TestScanStructNames(t *testing.T) {
	ctx := context.Background()
	e := engine.New(testdb.Open(t, "sqlite"), sqlite.Dialect())
	type names struct {
		UserID     int
		HTTPStatus int
		CreatedAt  int
		Plain      int
		MixedCase  int
		Tagged     int `db:"Tagged_Col"`
		Shadowed   int `db:"inner"`
	}
	type outer struct {
		names
		Inner int // shallower than names.Shadowed: wins
	}
	got, err := engine.One[outer](ctx, e, ast.Text(`SELECT 1 AS user_id, 2 AS http_status, 3 AS "CreatedAt",
		4 AS PLAIN, 5 AS mixedcase, 6 AS tagged_col, 7 AS inner`))
	if err != nil {
		t.Fatal(err)
	}
	want := outer{names{UserID: 1, HTTPStatus: 2, CreatedAt: 3, Plain: 4, MixedCase: 5, Tagged: 6}, 7}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(outer{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// tags is a Scanner that appends to what it holds, as some do to save allocations.
type tags []string

func (t *tags) Scan(src any) error {
	s, _ := src.(string)
	*t = append(*t, strings.Split(s, " ")...)
	return nil
}

// TestScanRowsShareNothing checks that rows read into one scratch struct by All, and
// rows scanned again into one struct, keep none of the row before: not the map of a
// JSON document, not the slice of an appending Scanner.
func TestScanRowsShareNothing(t *testing.T) {
	ctx := context.Background()
	e := openItems(t, "sqlite", sqlite.Dialect())
	type row struct {
		ID   int64
		Doc  map[string]any
		Tags tags
	}
	stmt := ast.Select(items.C("id"), items.C("doc"), items.C("name").As("tags")).From(items).OrderBy(items.C("id"))
	got, err := engine.All[row](ctx, e, stmt)
	if err != nil {
		t.Fatal(err)
	}
	want := []row{
		{1, map[string]any{"a": 1.0, "b": []any{true, nil}}, tags{"alpha"}},
		{2, map[string]any{}, tags{"beta"}},
		{3, nil, tags{"gamma", "☃"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("All (-want +got):\n%s", diff)
	}

	// One struct scanned row after row: a document replaces the map it held.
	rows, err := e.Query(ctx, ast.Select(items.C("id"), items.C("doc")).From(items).OrderBy(items.C("id")))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var r struct {
		ID  int64
		Doc map[string]any
	}
	for rows.Next() {
		if err := rows.ScanStruct(&r); err != nil {
			t.Fatal(err)
		}
		if r.ID == 2 && len(r.Doc) != 0 {
			t.Errorf("row 2: Doc = %v, want the empty document, not a merge with row 1's", r.Doc)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestScanInTx runs the helpers on a transaction and a dedicated connection.
func TestScanInTx(t *testing.T) {
	ctx := context.Background()
	e := openItems(t, "sqlite", sqlite.Dialect())
	tx, err := e.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(ctx, ast.Delete(items).Where(items.C("id").Eq(3))); err != nil {
		t.Fatal(err)
	}
	names, err := engine.All[string](ctx, tx, ast.Select(items.C("name")).From(items).OrderBy(items.C("id")))
	if err != nil || !reflect.DeepEqual(names, []string{"alpha", "beta"}) {
		t.Errorf("All in tx = %v, %v", names, err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	c, err := e.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	n, err := engine.Scalar[int64](ctx, c, ast.Select(ast.Count()).From(items))
	if err != nil || n != 3 {
		t.Errorf("Scalar on a Conn = %v, %v", n, err)
	}
}

type EmbA struct{ Name string }
type EmbB struct{ Name string }

func TestScanStructErrors(t *testing.T) {
	ctx := context.Background()
	e := openItems(t, "sqlite", sqlite.Dialect())
	type small struct {
		ID   int64
		Name string
	}
	type ambiguous struct {
		EmbA
		EmbB
	}
	type twoWays struct {
		UserID int
	}
	idName := ast.Select(items.C("id"), items.C("name")).From(items)
	cases := []struct {
		name string
		run  func() error
		want string
	}{
		{"unknown column", func() error {
			_, err := engine.All[small](ctx, e, ast.Select(items.C("id"), items.C("name"), items.C("score")).From(items))
			return err
		}, `engine: scanning into engine_test.small: column "score": no field matches it; add a field tagged db:"score", or embed engine.AllowUnknownColumns`},
		{"ambiguous", func() error {
			_, err := engine.All[ambiguous](ctx, e, ast.Select(items.C("name")).From(items))
			return err
		}, `column "name": fields EmbA.Name and EmbB.Name both match it`},
		{"duplicate column", func() error {
			_, err := engine.All[small](ctx, e, ast.Select(items.C("id"), items.C("name"), items.C("name")).From(items))
			return err
		}, `column "name": the result has two columns of this name`},
		{"two columns one field", func() error {
			_, err := engine.All[twoWays](ctx, e, ast.Text(`SELECT 1 AS user_id, 2 AS "UserID"`))
			return err
		}, `column "UserID": it and column "user_id" both go to field UserID`},
		{"not a pointer", func() error {
			rows, err := e.Query(ctx, idName)
			if err != nil {
				return err
			}
			defer rows.Close()
			rows.Next()
			return rows.ScanStruct(small{})
		}, "scanning into engine_test.small: ScanStruct needs a pointer to a struct"},
		{"nil pointer", func() error {
			rows, err := e.Query(ctx, idName)
			if err != nil {
				return err
			}
			defer rows.Close()
			rows.Next()
			return rows.ScanStruct((*small)(nil))
		}, "ScanStruct needs a non-nil pointer"},
		{"scalar of two columns", func() error {
			_, err := engine.All[int64](ctx, e, idName)
			return err
		}, "the query returns 2 columns; scanning into a non-struct type takes exactly one"},
		{"field cannot hold the value", func() error {
			type bad struct {
				ID   int64
				Name chan int
			}
			_, err := engine.All[bad](ctx, e, idName)
			return err
		}, `name "name": engine: cannot store string in *chan int`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.run()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v\nwant one containing %q", err, c.want)
			}
		})
	}
	var se *engine.ScanError
	_, err := engine.All[small](ctx, e, ast.Select(items.C("id"), items.C("qty")).From(items))
	if !errors.As(err, &se) || se.Column != "qty" || se.Struct != "engine_test.small" {
		t.Errorf("err = %#v, want a *ScanError for column qty", err)
	}
}

// Generic helpers.

func TestAllOneScalar(t *testing.T) {
	ctx := context.Background()
	for _, s := range scanServers {
		t.Run(s.server, func(t *testing.T) {
			e := openItems(t, s.server, s.dialect)
			ids, err := engine.All[int64](ctx, e, ast.Select(items.C("id")).From(items).OrderBy(items.C("id")))
			if err != nil || !reflect.DeepEqual(ids, []int64{1, 2, 3}) {
				t.Errorf("All[int64] = %v, %v", ids, err)
			}
			qtys, err := engine.All[*int](ctx, e, ast.Select(items.C("qty")).From(items).OrderBy(items.C("id")))
			if err != nil || len(qtys) != 3 || *qtys[0] != 7 || qtys[1] != nil || *qtys[2] != -1 {
				t.Errorf("All[*int] = %v, %v", qtys, err)
			}
			none, err := engine.All[int64](ctx, e, ast.Select(items.C("id")).From(items).Where(items.C("id").Gt(10)))
			if err != nil || none == nil || len(none) != 0 {
				t.Errorf("All with no rows = %#v, %v; want an empty slice", none, err)
			}

			one, err := engine.One[item](ctx, e, itemSelect.Where(items.C("id").Eq(2)))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(wantItems[1], one, sameJSON); diff != "" {
				t.Errorf("One (-want +got):\n%s", diff)
			}
			if _, err := engine.One[item](ctx, e, itemSelect.Where(items.C("id").Gt(10))); !errors.Is(err, sql.ErrNoRows) {
				t.Errorf("One of no rows: %v, want sql.ErrNoRows", err)
			}
			if _, err := engine.One[item](ctx, e, itemSelect); !errors.Is(err, engine.ErrMultipleRows) {
				t.Errorf("One of three rows: %v, want ErrMultipleRows", err)
			}

			n, err := engine.Scalar[int](ctx, e, ast.Select(ast.Count()).From(items))
			if err != nil || n != 3 {
				t.Errorf("Scalar count = %v, %v", n, err)
			}
			latest, err := engine.Scalar[time.Time](ctx, e, ast.Select(ast.Max(items.C("created")), ast.Count()).From(items))
			if err != nil || !latest.Equal(created1) || latest.Location() != time.UTC {
				t.Errorf("Scalar max(created) = %v, %v", latest, err)
			}
			null, err := engine.Scalar[*int](ctx, e, ast.Select(items.C("qty")).From(items).Where(items.C("id").Eq(2)))
			if err != nil || null != nil {
				t.Errorf("Scalar of NULL = %v, %v", null, err)
			}
			var ae *engine.AssignError
			if _, err := engine.Scalar[int](ctx, e, ast.Select(items.C("qty")).From(items).Where(items.C("id").Eq(2))); !errors.As(err, &ae) {
				t.Errorf("Scalar[int] of NULL: %v, want an *AssignError", err)
			}
			if _, err := engine.Scalar[int](ctx, e, ast.Select(items.C("id")).From(items).Where(items.C("id").Gt(10))); !errors.Is(err, sql.ErrNoRows) {
				t.Errorf("Scalar of no rows: %v, want sql.ErrNoRows", err)
			}
			if st := e.DB().Stats(); st.InUse != 0 {
				t.Errorf("%d connections still in use", st.InUse)
			}
		})
	}
}

func TestIter(t *testing.T) {
	ctx := context.Background()
	e := openItems(t, "sqlite", sqlite.Dialect())
	var got []item
	for it, err := range engine.Iter[item](ctx, e, itemSelect) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, it)
	}
	if diff := cmp.Diff(wantItems, got, sameJSON); diff != "" {
		t.Errorf("Iter (-want +got):\n%s", diff)
	}

	// Breaking out early closes the rows.
	n := 0
	for id, err := range engine.Iter[int64](ctx, e, ast.Select(items.C("id")).From(items).OrderBy(items.C("id"))) {
		if err != nil || id != 1 {
			t.Fatalf("first id = %v, %v", id, err)
		}
		n++
		break
	}
	if st := e.DB().Stats(); n != 1 || st.InUse != 0 {
		t.Errorf("after break: %d rows, %d connections in use", n, st.InUse)
	}

	// An error is yielded once and ends the iteration.
	errs := 0
	for _, err := range engine.Iter[int64](ctx, e, ast.Text("SELECT id FROM no_such_table")) {
		if err == nil || !strings.Contains(err.Error(), "no_such_table") {
			t.Errorf("err = %v", err)
		}
		errs++
	}
	if errs != 1 {
		t.Errorf("%d errors yielded, want 1", errs)
	}
	errs = 0
	for _, err := range engine.Iter[int](ctx, e, ast.Select(items.C("qty")).From(items).OrderBy(items.C("id"))) {
		if err != nil {
			errs++
		}
	}
	if errs != 1 {
		t.Errorf("%d errors yielded for a NULL into int, want 1", errs)
	}

	// Each iteration runs the query anew.
	seq := engine.Iter[int64](ctx, e, ast.Select(ast.Count()).From(items))
	for range 2 {
		for c, err := range seq {
			if err != nil || c != 3 {
				t.Errorf("count = %v, %v", c, err)
			}
		}
	}
}

// TestScanUnknownTypes leaves columns of raw text without declared columns to
// database/sql.
func TestScanUnknownTypes(t *testing.T) {
	ctx := context.Background()
	e := openItems(t, "sqlite", sqlite.Dialect())
	m, err := engine.One[map[string]any](ctx, e, ast.Text("SELECT id, name, 1 AS one FROM items WHERE id = 1"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]any{"id": int64(1), "name": "alpha", "one": int64(1)}, m); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
