package enginebench

import (
	"context"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/engine"
)

// BenchmarkPoint reads one row by primary key per operation, cycling through the
// keys: the per-query overhead. Baselines: raw unprepared db.QueryRow and raw
// prepared stmt.QueryRow. Strata runs with its plan cache and prepared-statement
// cache warm (one query before the timer). Target (#5): strata ≤ 1.1× raw prepared.
func BenchmarkPoint(b *testing.B) {
	ctx := context.Background()
	for _, bk := range backends(b) {
		e := newEngine(bk)
		sel := ast.Select(benchCols()...).From(benchTable).Where(benchTable.C("id").Eq(ast.Named("id")))
		xdb := sqlx.NewDb(bk.db, bk.name)
		q := bk.selectByID()
		id := int64(0)
		next := func() int64 { id = id%scanRows + 1; return id }
		check := func(b *testing.B, got int64) {
			if got != id {
				b.Fatalf("read row %d, want %d", got, id)
			}
		}

		b.Run(bk.name+"/raw_unprepared", func(b *testing.B) {
			b.ReportAllocs()
			var r benchRow
			for b.Loop() {
				if err := bk.db.QueryRowContext(ctx, q, next()).Scan(&r.ID, &r.Name, &r.Email, &r.Score, &r.Active, &r.Created); err != nil {
					b.Fatal(err)
				}
				check(b, r.ID)
			}
		})
		b.Run(bk.name+"/raw_prepared", func(b *testing.B) {
			st, err := bk.db.PrepareContext(ctx, q)
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			b.ReportAllocs()
			var r benchRow
			for b.Loop() {
				if err := st.QueryRowContext(ctx, next()).Scan(&r.ID, &r.Name, &r.Email, &r.Score, &r.Active, &r.Created); err != nil {
					b.Fatal(err)
				}
				check(b, r.ID)
			}
		})
		// strata_fields: QueryRow + Scan into the fields; strata_one: One[T] into a struct.
		b.Run(bk.name+"/strata_fields", func(b *testing.B) {
			var r benchRow
			if err := e.QueryRow(ctx, sel, engine.Params{"id": next()}).Scan(&r.ID, &r.Name, &r.Email, &r.Score, &r.Active, &r.Created); err != nil {
				b.Fatal(err) // warms both caches
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := e.QueryRow(ctx, sel, engine.Params{"id": next()}).Scan(&r.ID, &r.Name, &r.Email, &r.Score, &r.Active, &r.Created); err != nil {
					b.Fatal(err)
				}
				check(b, r.ID)
			}
		})
		// strata_held: the same, with the query kept in an ast.Stmt, as a program keeps
		// the queries it runs again: the plan cache knows it by identity, no key walk.
		var held ast.Stmt = sel
		b.Run(bk.name+"/strata_held", func(b *testing.B) {
			var r benchRow
			b.ReportAllocs()
			for b.Loop() {
				if err := e.QueryRow(ctx, held, engine.Params{"id": next()}).Scan(&r.ID, &r.Name, &r.Email, &r.Score, &r.Active, &r.Created); err != nil {
					b.Fatal(err)
				}
				check(b, r.ID)
			}
		})
		// strata_prepared: the SELECT compiled once (Engine.Prepare), QueryRow + Scan.
		b.Run(bk.name+"/strata_prepared", func(b *testing.B) {
			st, err := e.Prepare(ctx, sel)
			if err != nil {
				b.Fatal(err)
			}
			var r benchRow
			p := engine.Params{}
			b.ReportAllocs()
			for b.Loop() {
				p["id"] = next()
				if err := st.QueryRow(ctx, p).Scan(&r.ID, &r.Name, &r.Email, &r.Score, &r.Active, &r.Created); err != nil {
					b.Fatal(err)
				}
				check(b, r.ID)
			}
		})
		b.Run(bk.name+"/strata_one", func(b *testing.B) {
			if _, err := engine.One[benchRow](ctx, e, sel, engine.Params{"id": next()}); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				r, err := engine.One[benchRow](ctx, e, sel, engine.Params{"id": next()})
				if err != nil {
					b.Fatal(err)
				}
				check(b, r.ID)
			}
		})
		b.Run(bk.name+"/sqlx", func(b *testing.B) {
			b.ReportAllocs()
			var r benchRow
			for b.Loop() {
				if err := xdb.GetContext(ctx, &r, q, next()); err != nil {
					b.Fatal(err)
				}
				check(b, r.ID)
			}
		})
		b.Run(bk.name+"/bun", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var r bunRow
				if err := bk.bun.NewSelect().Model(&r).Where("id = ?", next()).Scan(ctx); err != nil {
					b.Fatal(err)
				}
				check(b, r.ID)
			}
		})
		if bk.gorm != nil {
			b.Run(bk.name+"/gorm", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					var r gormRow
					if err := bk.gorm.WithContext(ctx).Where("id = ?", next()).Take(&r).Error; err != nil {
						b.Fatal(err)
					}
					check(b, r.ID)
				}
			})
		}
	}
}
