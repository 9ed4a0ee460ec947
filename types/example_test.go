package types_test

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/seed13bb6a42/strata/types"
)

// LowerEmail stores e-mail addresses in lower case, so that uniqueness and lookups
// ignore case whatever the database's collation.
type LowerEmail struct{}

func (LowerEmail) ToDriver(v any) (any, error) {
	s, ok := v.(string)
	if !ok {
		return nil, fmt.Errorf("email: got %T, want a string", v)
	}
	if !strings.Contains(s, "@") {
		return nil, errors.New("email: no @")
	}
	return strings.ToLower(s), nil
}

func (LowerEmail) FromDriver(v any) (any, error) { return v, nil }

func ExampleDecorate() {
	email := types.Decorate("email", types.String(254), LowerEmail{})
	mysql := types.Target{Dialect: "mysql"}

	v, err := email.ToDriver("Ada@Example.COM", mysql)
	fmt.Printf("%q %v\n", v, err)
	_, err = email.ToDriver("ada", mysql)
	fmt.Println(err)
	fmt.Println(email)
	// Output:
	// "ada@example.com" <nil>
	// types: cannot convert string (len 3) to email over varchar(254) for mysql: decorator failed: email: no @
	// email over varchar(254)
}

func ExampleType_ToDriver() {
	pg := types.Target{Dialect: "postgresql", NativeBool: true, NativeUUID: true,
		NativeJSON: true, NativeArrays: true, NaN: true}
	sqlite := types.Target{Dialect: "sqlite", TimeAsText: true}
	mysql := types.Target{Dialect: "mysql", ZeroDate: true}
	at := time.Date(2024, 3, 5, 14, 30, 0, 0, time.UTC)

	show := func(v driver.Value, err error) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%T %v\n", v, v)
	}
	show(types.Bool.ToDriver(true, pg))
	show(types.Bool.ToDriver(true, sqlite))
	show(types.DateTimeTZ.ToDriver(at, sqlite))
	show(types.Decimal(10, 2).ToDriver(0.1, mysql))
	show(types.UUIDType.ToDriver("{123E4567-E89B-12D3-A456-426614174000}", pg))
	show(types.IntervalType.ToDriver(26*time.Hour+90*time.Second, mysql))
	show(types.ArrayOf(types.Text).ToDriver([]any{"a b", `say "hi"`, nil}, pg))
	show(types.JSONType.ToDriver(map[string]int{"n": 1}, mysql))
	show(types.DoubleFloat.ToDriver(math.NaN(), mysql))
	show(types.ArrayOf(types.Integer).ToDriver([]int{1, 2}, sqlite))
	// Output:
	// bool true
	// int64 1
	// string 2024-03-05 14:30:00+00:00
	// string 0.1
	// string 123e4567-e89b-12d3-a456-426614174000
	// string 26:01:30
	// string {"a b","say \"hi\"",NULL}
	// string {"n":1}
	// types: cannot convert float64 NaN to double for mysql: the server has no NaN
	// types: cannot convert []int (len 2) to array of integer for sqlite: arrays are not supported by sqlite
}

func ExampleType_FromDriver() {
	pg := types.Target{Dialect: "postgresql", NativeBool: true, NativeArrays: true, NaN: true}
	sqlite := types.Target{Dialect: "sqlite", TimeAsText: true}

	show := func(v any, err error) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%T %v\n", v, v)
	}
	show(types.Bool.FromDriver(int64(1), sqlite))
	show(types.DateTimeTZ.FromDriver("2024-03-05 14:30:00+00:00", sqlite))
	show(types.IntervalType.FromDriver([]byte("1 day 02:00:00"), pg))
	show(types.IntervalType.FromDriver([]byte("1 mon"), pg))
	show(types.ArrayOf(types.Integer).FromDriver([]byte("{1,NULL,3}"), pg))
	show(types.UUIDType.FromDriver("123e4567-e89b-12d3-a456-426614174000", pg))
	// Output:
	// bool true
	// time.Time 2024-03-05 14:30:00 +0000 UTC
	// time.Duration 26h0m0s
	// string 1 mon
	// []interface {} [1 <nil> 3]
	// [16]uint8 [18 62 69 103 232 155 18 211 164 86 66 102 20 23 64 0]
}

func ExampleConversionError() {
	_, err := types.BigInteger.ToDriver(uint64(math.MaxUint64), types.Target{Dialect: "sqlite"})
	var ce *types.ConversionError
	if errors.As(err, &ce) {
		fmt.Println(ce.Dialect, ce.Type, ce.Value, "-", ce.Reason)
	}
	// Output:
	// sqlite bigint uint64 - exceeds the int64 range
}

func ExampleInfer() {
	for _, v := range []any{42, 1.5, "text", time.Second, [16]byte{}, struct{}{}} {
		fmt.Println(types.Infer(v))
	}
	// Output:
	// bigint
	// double
	// text
	// interval
	// uuid
	// unknown
}
