package enginebench

import (
	"context"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/engine"
)

// BenchmarkScan reads all scanRows rows of six columns (int, two strings, float,
// bool, timestamp) into a slice of structs; one operation is one query of all the
// rows. raw (database/sql Scan into the fields) is the baseline. Targets (#5):
// strata ≤ 1.1× raw and ≤ 9 allocs/row.
func BenchmarkScan(b *testing.B) {
	ctx := context.Background()
	for _, bk := range backends(b) {
		e := newEngine(bk)
		sel := ast.Select(benchCols()...).From(benchTable)
		xdb := sqlx.NewDb(bk.db, bk.name)
		b.Run(bk.name+"/raw", func(b *testing.B) {
			perRow(b, func() int {
				rows, err := bk.db.QueryContext(ctx, selectAll)
				if err != nil {
					b.Fatal(err)
				}
				var out []benchRow
				var r benchRow
				for rows.Next() {
					if err := rows.Scan(&r.ID, &r.Name, &r.Email, &r.Score, &r.Active, &r.Created); err != nil {
						b.Fatal(err)
					}
					out = append(out, r)
				}
				if err := rows.Close(); err != nil {
					b.Fatal(err)
				}
				return len(out)
			})
		})
		b.Run(bk.name+"/strata", func(b *testing.B) {
			perRow(b, func() int {
				out, err := engine.All[benchRow](ctx, e, sel)
				if err != nil {
					b.Fatal(err)
				}
				return len(out)
			})
		})
		b.Run(bk.name+"/sqlx", func(b *testing.B) {
			perRow(b, func() int {
				var out []benchRow
				if err := xdb.SelectContext(ctx, &out, selectAll); err != nil {
					b.Fatal(err)
				}
				return len(out)
			})
		})
		b.Run(bk.name+"/bun", func(b *testing.B) {
			perRow(b, func() int {
				var out []bunRow
				if err := bk.bun.NewSelect().Model(&out).Scan(ctx); err != nil {
					b.Fatal(err)
				}
				return len(out)
			})
		})
		if bk.gorm != nil {
			b.Run(bk.name+"/gorm", func(b *testing.B) {
				perRow(b, func() int {
					var out []gormRow
					if err := bk.gorm.WithContext(ctx).Find(&out).Error; err != nil {
						b.Fatal(err)
					}
					return len(out)
				})
			})
		}
	}
}
