package dialecttest

import (
	"github.com/seed13bb6a42/strata/ast"
	"github.com/seed13bb6a42/strata/types"
)

// Schema statements. Every case makes and drops tables of its own (named ddl_…), in
// Setup and Teardown, so that it meets neither the fixtures nor another case; MariaDB
// runs them outside a transaction, since it commits DDL at once.

// dc is a bare column reference, for CHECK conditions, generated columns and index
// expressions declared with a table.
func dc(name string) *ast.Column { return ast.Col(name, nil) }

var ddlNaming = ast.DefaultNaming

var (
	ddlBasic = ast.NewTable("ddl_basic",
		ast.Col("id", types.Integer, ast.PrimaryKey()),
		ast.Col("name", types.String(50), ast.NotNull()),
		ast.Col("note", types.Text),
	)
	ddlParent = ast.NewTable("ddl_parent",
		ast.Col("id", types.Integer, ast.PrimaryKey()),
		ast.Col("code", types.String(10), ast.NotNull(), ast.Unique()),
	)
	ddlChild = ast.NewTable("ddl_child",
		ast.Col("id", types.Integer, ast.PrimaryKey()),
		ast.Col("parent_id", types.Integer),
		ast.Col("qty", types.Integer, ast.NotNull()),
		ast.Col("price", types.Decimal(10, 2)),
		ast.Col("status", types.String(10)),
		ast.ForeignKeyOf([]string{"parent_id"}, "ddl_parent", "id").OnDeleteDo(ast.Cascade).OnUpdateDo(ast.Restrict),
		ast.UniqueOf("parent_id", "status"),
		ast.CheckOf(ast.And(ast.Gt(dc("qty"), 0), ast.Ge(dc("price"), 0.5))),
		ast.CheckOf(ast.In(dc("status"), "new", "it's done")),
	)
	// ddlChildNoFK is ddl_child before ALTER TABLE adds its foreign key.
	ddlChildNoFK = ast.NewTable("ddl_child",
		ast.Col("id", types.Integer, ast.PrimaryKey()),
		ast.Col("parent_id", types.Integer),
	)
	ddlNamed = ast.NewTable("ddl_named",
		ast.Col("id", types.Integer),
		ast.Col("parent_id", types.Integer),
		ast.Col("code", types.String(10)),
		ast.PrimaryKeyOf("id").Named("ddl_named_key"),
		ast.ForeignKeyOf([]string{"parent_id"}, "ddl_parent", "id").Named("ddl_named_parent"),
		ast.UniqueOf("code").Named("ddl_named_code"),
		ast.CheckOf(ast.Ne(dc("code"), "")).Named("ddl_named_code_set"),
	)
	ddlPair = ast.NewTable("ddl_pair",
		ast.Col("a", types.Integer),
		ast.Col("b", types.String(10)),
		ast.Col("label", types.Text),
		ast.PrimaryKeyOf("a", "b"),
	)
	ddlPairRef = ast.NewTable("ddl_pair_ref",
		ast.Col("id", types.BigInteger, ast.PrimaryKey()),
		ast.Col("pa", types.Integer),
		ast.Col("pb", types.String(10)),
		ast.ForeignKeyOf([]string{"pa", "pb"}, "ddl_pair", "a", "b").OnDeleteDo(ast.SetNull).OnUpdateDo(ast.Cascade),
	)
	ddlTree = ast.NewTable("ddl_tree",
		ast.Col("id", types.Integer, ast.PrimaryKey()),
		ast.Col("parent_id", types.Integer),
		ast.ForeignKeyOf([]string{"parent_id"}, "ddl_tree", "id").OnDeleteDo(ast.Cascade),
	)
	ddlAuto = ast.NewTable("ddl_auto",
		ast.Col("id", types.BigInteger, ast.PrimaryKey(), ast.AutoIncrement()),
		ast.Col("label", types.String(20)),
	)
	ddlIdx = ast.NewTable("ddl_idx",
		ast.Col("id", types.Integer, ast.PrimaryKey()),
		ast.Col("email", types.String(100)),
		ast.Col("name", types.String(50)),
		ast.Col("score", types.Integer),
	)
	ddlAlter = ast.NewTable("ddl_alter",
		ast.Col("id", types.Integer, ast.PrimaryKey()),
		ast.Col("name", types.String(50)),
		ast.Col("old_col", types.Integer),
	)
	ddlNoPK = ast.NewTable("ddl_nopk",
		ast.Col("name", types.String(50)),
		ast.Col("n", types.Integer),
	)
	ddlCons = ast.NewTable("ddl_cons",
		ast.Col("id", types.Integer, ast.PrimaryKey()),
		ast.Col("parent_id", types.Integer),
		ast.Col("code", types.String(10)),
		ast.Col("n", types.Integer),
		ast.ForeignKeyOf([]string{"parent_id"}, "ddl_parent", "id"),
		ast.UniqueOf("code"),
		ast.CheckOf(ast.Gt(dc("n"), 0)),
	)
	ddlSeq  = &ast.Sequence{Name: "ddl_seq", Start: 10, Increment: 5, MinValue: 1, MaxValue: 1000, Cache: 20, Cycle: true}
	ddlView = ast.NewView("ddl_view", ast.Select(uID, uName).From(Users).Where(uAge.Gt(30), uName.Ne("it's")))
	ddlMood = types.Enum("ddl_mood", "sad", "ok", "it's great")
)

func ddlCreate(tables ...*ast.Table) []ast.Node {
	out := make([]ast.Node, len(tables))
	for i, t := range tables {
		out[i] = &ast.CreateTableStmt{Table: t, Naming: ddlNaming}
	}
	return out
}

// ddlDrop drops tables, if they exist, in the order given (dependents first).
func ddlDrop(names ...string) []ast.Node {
	out := make([]ast.Node, len(names))
	for i, name := range names {
		out[i] = &ast.DropTableStmt{Table: ast.T(name), IfExists: true}
	}
	return out
}

func ddlWith(nodes ...[]ast.Node) []ast.Node {
	var out []ast.Node
	for _, n := range nodes {
		out = append(out, n...)
	}
	return out
}

func init() {
	Add(ddlCreateTableCases()...)
	Add(ddlColumnCases()...)
	Add(ddlIndexCases()...)
	Add(ddlAlterCases()...)
	Add(ddlOtherCases()...)
	Add(ddlBadCases()...)
}

func ddlCreateTableCases() []Case {
	return []Case{
		{Name: "ddl_create_table_basic", Teardown: ddlDrop("ddl_basic"), Build: func() ast.Node {
			return ast.CreateTable(ddlBasic)
		}},
		{Name: "ddl_create_table_if_not_exists", Setup: ddlCreate(ddlBasic), Teardown: ddlDrop("ddl_basic"),
			Build: func() ast.Node {
				return &ast.CreateTableStmt{Table: ddlBasic, IfNotExists: true} // exists already: a no-op
			}},
		{Name: "ddl_create_table_constraints", Setup: ddlCreate(ddlParent), Teardown: ddlDrop("ddl_child", "ddl_parent"),
			Build: func() ast.Node {
				return ast.CreateTable(ddlChild)
			}},
		{Name: "ddl_create_table_naming_convention", Setup: ddlCreate(ddlParent), Teardown: ddlDrop("ddl_child", "ddl_parent"),
			Build: func() ast.Node {
				return &ast.CreateTableStmt{Table: ddlChild, Naming: ddlNaming}
			}},
		{Name: "ddl_create_table_named_constraints", Setup: ddlCreate(ddlParent), Teardown: ddlDrop("ddl_named", "ddl_parent"),
			Build: func() ast.Node {
				return &ast.CreateTableStmt{Table: ddlNamed, Naming: ddlNaming} // own names win
			}},
		{Name: "ddl_create_table_composite_keys", Setup: ddlCreate(ddlPair), Teardown: ddlDrop("ddl_pair_ref", "ddl_pair"),
			Build: func() ast.Node {
				return &ast.CreateTableStmt{Table: ddlPairRef, Naming: ddlNaming}
			}},
		{Name: "ddl_create_table_fk_self", Teardown: ddlDrop("ddl_tree"), Build: func() ast.Node {
			return &ast.CreateTableStmt{Table: ddlTree, Naming: ddlNaming}
		}},
		{Name: "ddl_create_table_fk_set_default", Setup: ddlCreate(ddlParent), Teardown: ddlDrop("ddl_fk_sd", "ddl_parent"),
			Build: func() ast.Node {
				return ast.CreateTable(ast.NewTable("ddl_fk_sd",
					ast.Col("id", types.Integer, ast.PrimaryKey()),
					ast.Col("parent_id", types.Integer, ast.ServerDefault(1)),
					ast.ForeignKeyOf([]string{"parent_id"}, "ddl_parent", "id").
						OnDeleteDo(ast.SetDefault).OnUpdateDo(ast.NoAction)))
			}},
		{Name: "ddl_create_table_fk_deferrable", Setup: ddlCreate(ddlParent), Teardown: ddlDrop("ddl_fk_def", "ddl_parent"),
			Build: func() ast.Node {
				return &ast.CreateTableStmt{Naming: ddlNaming, Table: ast.NewTable("ddl_fk_def",
					ast.Col("id", types.Integer, ast.PrimaryKey()),
					ast.Col("a", types.Integer),
					ast.Col("b", types.Integer),
					ast.ForeignKeyOf([]string{"a"}, "ddl_parent", "id").AsDeferrable(true),
					ast.ForeignKeyOf([]string{"b"}, "ddl_parent", "id").AsDeferrable(false))}
			}},
		{Name: "ddl_create_table_omit_fk", Teardown: ddlDrop("ddl_child"), Build: func() ast.Node {
			// CreateAll leaves a cycle's foreign key out, to add it with ALTER TABLE.
			return &ast.CreateTableStmt{Table: ddlChild, Naming: ddlNaming,
				OmitForeignKeys: []string{"fk_ddl_child_parent_id_ddl_parent"}}
		}},
		{Name: "ddl_create_table_schema", NoExec: "the test servers have no schema ddl_s",
			Build: func() ast.Node {
				return &ast.CreateTableStmt{Naming: ddlNaming, IfNotExists: true, Table: ast.NewSchemaTable("ddl_s", "ddl_in_schema",
					ast.Col("id", types.Integer, ast.PrimaryKey()),
					ast.Col("parent_id", types.Integer),
					ast.Col("other_id", types.Integer),
					ast.ForeignKeyOf([]string{"parent_id"}, "ddl_in_schema", "id"),
					ast.ForeignKeyOf([]string{"other_id"}, "ddl_parent", "id").InSchema("ddl_other"))}
			}},
		{Name: "ddl_create_table_comments", Teardown: ddlDrop("ddl_comments"), Build: func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_comments",
				ast.Col("id", types.Integer, ast.PrimaryKey(), ast.Comment("the key")),
				ast.Col("body", types.Text, ast.Comment(`it's "quoted" */ and ünïcode`)),
				ast.Col("plain", types.Integer),
				ast.TableComment("Comments' table /* not nested */")))
		}},
		{Name: "ddl_create_table_mysql_options", Teardown: ddlDrop("ddl_opts"), Build: func() ast.Node {
			// MySQL options reach MariaDB too; MariaDB's own replace them there.
			return ast.CreateTable(ast.NewTable("ddl_opts",
				ast.Col("id", types.Integer, ast.PrimaryKey(), ast.AutoIncrement()),
				ast.Col("name", types.String(20)),
				ast.DialectOption("mysql", "engine", "InnoDB"),
				ast.DialectOption("mysql", "default charset", "utf8mb4"),
				ast.DialectOption("mysql", "collate", "utf8mb4_bin"),
				ast.DialectOption("mysql", "auto_increment", "100"),
				ast.DialectOption("mariadb", "collate", "utf8mb4_general_ci"),
				ast.DialectOption("mariadb", "row_format", "DYNAMIC"),
				ast.TableComment("with options")))
		}},
		{Name: "ddl_create_table_sqlite_options", Teardown: ddlDrop("ddl_strict"), Build: func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_strict",
				ast.Col("id", types.Integer, ast.PrimaryKey()),
				ast.Col("body", types.Text),
				ast.DialectOption("sqlite", "strict", ""),
				ast.DialectOption("sqlite", "without rowid", "true")))
		}},
		{Name: "ddl_create_table_postgres_option", Teardown: ddlDrop("ddl_pgopt"), Build: func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_pgopt",
				ast.Col("id", types.Integer, ast.PrimaryKey()),
				ast.DialectOption("postgres", "tablespace", "fast")))
		}},
		{Name: "ddl_create_table_long_names", Setup: ddlCreate(ddlParent),
			Teardown: ddlDrop("ddl_a_table_with_a_rather_long_name_for_names", "ddl_parent"),
			Build: func() ast.Node {
				// Conventional names past 63/64 bytes keep a prefix and a hash.
				return &ast.CreateTableStmt{Naming: ddlNaming, Table: ast.NewTable("ddl_a_table_with_a_rather_long_name_for_names",
					ast.Col("a_column_with_a_long_name_too", types.Integer, ast.PrimaryKey()),
					ast.Col("another_column_with_a_long_name", types.Integer, ast.Unique()),
					ast.Col("parent_reference_column", types.Integer),
					ast.UniqueOf("a_column_with_a_long_name_too", "another_column_with_a_long_name"),
					ast.ForeignKeyOf([]string{"parent_reference_column"}, "ddl_parent", "id"),
					ast.CheckOf(ast.Gt(dc("another_column_with_a_long_name"), 0)))}
			}},
		{Name: "ddl_create_table_odd_names", Teardown: ddlDrop("ddl Odd Table"), Build: func() ast.Node {
			return &ast.CreateTableStmt{Naming: ddlNaming, Table: ast.NewTable("ddl Odd Table",
				ast.Col("select", types.Integer, ast.PrimaryKey()),
				ast.Col("Mixed Case", types.String(20), ast.Unique()),
				ast.Col("ünï", types.String(10), ast.ServerDefault("ö")),
				ast.ForeignKeyOf([]string{"Mixed Case"}, "ddl Odd Table", "Mixed Case"))}
		}},
		{Name: "ddl_drop_table", Setup: ddlCreate(ddlBasic), Teardown: ddlDrop("ddl_basic"), Build: func() ast.Node {
			return ast.DropTable(ddlBasic)
		}},
		{Name: "ddl_drop_table_if_exists", Build: func() ast.Node {
			return &ast.DropTableStmt{Table: ast.T("ddl_never_created"), IfExists: true}
		}},
	}
}

func ddlColumnCases() []Case {
	gen := func(name string, stored, notNull bool) *ast.Table {
		opts := []ast.ColumnOption{ast.GeneratedAs(ast.Add(dc("a"), ast.Mul(dc("b"), 2)), stored)}
		if notNull {
			opts = append(opts, ast.NotNull())
		}
		return ast.NewTable(name,
			ast.Col("a", types.Integer),
			ast.Col("b", types.Integer),
			ast.Col("total", types.Integer, opts...))
	}
	return []Case{
		{Name: "ddl_column_all_types", Teardown: ddlDrop("ddl_types"), Build: func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_types",
				ast.Col("small", types.SmallInteger),
				ast.Col("int", types.Integer),
				ast.Col("big", types.BigInteger),
				ast.Col("real", types.Real),
				ast.Col("double", types.DoubleFloat),
				ast.Col("numeric", types.Decimal(12, 3)),
				ast.Col("bool", types.Bool),
				ast.Col("varchar", types.String(40)),
				ast.Col("char", types.FixedChar(3)),
				ast.Col("text", types.Text),
				ast.Col("date", types.DateType),
				ast.Col("time", types.TimeType),
				ast.Col("timetz", types.TimeWithZone),
				ast.Col("timestamp", types.DateTime),
				ast.Col("timestamptz", types.DateTimeTZ),
				ast.Col("timestamp3", types.TimestampP(3, false)),
				ast.Col("bytes", types.Bytes),
				ast.Col("varbinary", types.VarBinary(16)),
				ast.Col("json", types.JSONType),
				ast.Col("uuid", types.UUIDType)))
		}},
		{Name: "ddl_column_interval_array", Teardown: ddlDrop("ddl_pg_types"), Build: func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_pg_types",
				ast.Col("span", types.IntervalType),
				ast.Col("tags", types.ArrayOf(types.Text))))
		}},
		{Name: "ddl_column_autoincrement", Teardown: ddlDrop("ddl_auto"), Build: func() ast.Node {
			return ast.CreateTable(ddlAuto)
		}},
		{Name: "ddl_column_autoincrement_naming", Teardown: ddlDrop("ddl_auto"), Build: func() ast.Node {
			return &ast.CreateTableStmt{Table: ddlAuto, Naming: ddlNaming}
		}},
		{Name: "ddl_column_autoincrement_not_key", Teardown: ddlDrop("ddl_auto_nk"), Build: func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_auto_nk",
				ast.Col("id", types.Integer, ast.PrimaryKey()),
				ast.Col("seq", types.Integer, ast.AutoIncrement())))
		}},
		{Name: "ddl_column_autoincrement_composite_key", Teardown: ddlDrop("ddl_auto_ck"), Build: func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_auto_ck",
				ast.Col("id", types.Integer, ast.AutoIncrement()),
				ast.Col("part", types.Integer),
				ast.PrimaryKeyOf("id", "part")))
		}},
		{Name: "ddl_column_identity_always", Teardown: ddlDrop("ddl_ident"), Build: func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_ident",
				ast.Col("id", types.BigInteger, ast.PrimaryKey(),
					ast.GeneratedIdentity(ast.Identity{Always: true, Start: 100, Increment: 10})),
				ast.Col("label", types.Text)))
		}},
		{Name: "ddl_column_identity_by_default", Teardown: ddlDrop("ddl_ident"), Build: func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_ident",
				ast.Col("id", types.Integer, ast.PrimaryKey(), ast.GeneratedIdentity(ast.Identity{})),
				ast.Col("label", types.Text)))
		}},
		{Name: "ddl_column_identity_start", Teardown: ddlDrop("ddl_ident"), Build: func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_ident",
				ast.Col("id", types.Integer, ast.PrimaryKey(), ast.GeneratedIdentity(ast.Identity{Start: 1000})),
				ast.Col("label", types.Text)))
		}},
		{Name: "ddl_column_defaults_literal", Teardown: ddlDrop("ddl_defaults"), Build: func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_defaults",
				ast.Col("i", types.Integer, ast.ServerDefault(7)),
				ast.Col("neg", types.Integer, ast.ServerDefault(-3)),
				ast.Col("f", types.DoubleFloat, ast.ServerDefault(-2.5)),
				ast.Col("s", types.String(20), ast.ServerDefault(`it's \ here`), ast.NotNull()),
				ast.Col("yes", types.Bool, ast.ServerDefault(true)),
				ast.Col("no", types.Bool, ast.ServerDefault(false)),
				ast.Col("nothing", types.Integer, ast.ServerDefault(nil)),
				ast.Col("day", types.DateType, ast.ServerDefault("2024-01-02")),
				ast.Col("money", types.Decimal(8, 2), ast.ServerDefault(ast.Lit(9.99)))))
		}},
		{Name: "ddl_column_defaults_expr", Teardown: ddlDrop("ddl_defaults"), Build: func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_defaults",
				ast.Col("created", types.DateTime, ast.ServerDefault(ast.Now()), ast.NotNull()),
				ast.Col("stamped", types.DateTimeTZ, ast.ServerDefault(ast.CurrentTimestamp())),
				ast.Col("day", types.DateType, ast.ServerDefault(ast.CurrentDate())),
				ast.Col("sum", types.Integer, ast.ServerDefault(ast.Add(ast.Lit(1), ast.Lit(2)))),
				ast.Col("low", types.String(10), ast.ServerDefault(ast.Lower(ast.Lit("ABC"))))))
		}},
		{Name: "ddl_column_defaults_text_json", Teardown: ddlDrop("ddl_defaults"), Build: func() ast.Node {
			// MySQL allows TEXT, BLOB and JSON columns expression defaults only.
			return ast.CreateTable(ast.NewTable("ddl_defaults",
				ast.Col("note", types.Text, ast.ServerDefault("n/a")),
				ast.Col("doc", types.JSONType, ast.ServerDefault(ast.Lit(`{"a": 1}`))),
				ast.Col("short", types.String(10), ast.ServerDefault("x"))))
		}},
		{Name: "ddl_column_generated_stored", Teardown: ddlDrop("ddl_gen"), Build: func() ast.Node {
			return ast.CreateTable(gen("ddl_gen", true, false))
		}},
		{Name: "ddl_column_generated_virtual", Teardown: ddlDrop("ddl_gen"), Build: func() ast.Node {
			// PostgreSQL before 18 stores every generated column.
			return ast.CreateTable(gen("ddl_gen", false, false))
		}},
		{Name: "ddl_column_generated_not_null", Teardown: ddlDrop("ddl_gen"), Build: func() ast.Node {
			return ast.CreateTable(gen("ddl_gen", true, true))
		}},
		{Name: "ddl_column_collation_postgres", ExecOn: []string{"postgres"}, Teardown: ddlDrop("ddl_coll"),
			Build: func() ast.Node {
				return ast.CreateTable(ast.NewTable("ddl_coll", ast.Col("name", types.Text, ast.Collation("C"))))
			}},
		{Name: "ddl_column_collation_sqlite", ExecOn: []string{"sqlite"}, Teardown: ddlDrop("ddl_coll"),
			Build: func() ast.Node {
				return ast.CreateTable(ast.NewTable("ddl_coll", ast.Col("name", types.Text, ast.Collation("NOCASE"))))
			}},
		{Name: "ddl_column_collation_mysql", ExecOn: []string{"mysql", "mariadb"}, Teardown: ddlDrop("ddl_coll"),
			Build: func() ast.Node {
				return ast.CreateTable(ast.NewTable("ddl_coll",
					ast.Col("name", types.String(20), ast.Collation("utf8mb4_bin"), ast.NotNull())))
			}},
		{Name: "ddl_column_enum_named", Setup: []ast.Node{&ast.CreateEnumStmt{Name: "ddl_mood", Values: ddlMood.Values}},
			Teardown: []ast.Node{&ast.DropTableStmt{Table: ast.T("ddl_enum"), IfExists: true}, &ast.DropEnumStmt{Name: "ddl_mood", IfExists: true}},
			Build: func() ast.Node {
				return ast.CreateTable(ast.NewTable("ddl_enum",
					ast.Col("id", types.Integer, ast.PrimaryKey()),
					ast.Col("mood", ddlMood, ast.ServerDefault("ok"), ast.NotNull())))
			}},
		{Name: "ddl_column_enum_unnamed", Teardown: ddlDrop("ddl_enum"), Build: func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_enum",
				ast.Col("level", types.Enum("", "lo", "high"))))
		}},
		{Name: "ddl_column_enum_naming", Setup: []ast.Node{&ast.CreateEnumStmt{Name: "ddl_mood", Values: ddlMood.Values}},
			Teardown: []ast.Node{&ast.DropTableStmt{Table: ast.T("ddl_enum"), IfExists: true}, &ast.DropEnumStmt{Name: "ddl_mood", IfExists: true}},
			Build: func() ast.Node {
				return &ast.CreateTableStmt{Naming: ddlNaming, Table: ast.NewTable("ddl_enum",
					ast.Col("mood", ddlMood, ast.Comment("how it went")))}
			}},
	}
}

func ddlIndexCases() []Case {
	setup := ddlCreate(ddlIdx)
	teardown := ddlDrop("ddl_idx")
	idx := func(name string, ix *ast.Index, ifNotExists bool, nc ast.NamingConvention) Case {
		return Case{Name: name, Setup: setup, Teardown: teardown, Build: func() ast.Node {
			return &ast.CreateIndexStmt{Table: ddlIdx, Index: ix, IfNotExists: ifNotExists, Naming: nc}
		}}
	}
	arr := ast.NewTable("ddl_arr", ast.Col("id", types.Integer, ast.PrimaryKey()), ast.Col("tags", types.ArrayOf(types.Integer)))
	return []Case{
		idx("ddl_create_index", ast.IndexOf("ddl_ix_name", "name"), false, nil),
		idx("ddl_create_index_unique_desc", ast.IndexOn("ddl_ix_email_score",
			ast.IndexPart{Column: "email"}, ast.IndexPart{Column: "score", Desc: true}).AsUnique(), false, nil),
		idx("ddl_create_index_if_not_exists", ast.IndexOf("ddl_ix_name", "name"), true, nil),
		idx("ddl_create_index_expression", ast.IndexOn("ddl_ix_lower_email",
			ast.IndexPart{Expr: ast.Lower(dc("email"))}, ast.IndexPart{Expr: ast.Add(dc("score"), 1), Desc: true}), false, nil),
		idx("ddl_create_index_partial", ast.IndexOf("ddl_ix_high", "score").Partial(
			ast.And(ast.Gt(dc("score"), 10), ast.Ne(dc("name"), "x"))), false, nil),
		idx("ddl_create_index_naming", ast.IndexOf("", "name", "score"), false, ddlNaming),
		idx("ddl_create_index_prefix", ast.IndexOn("ddl_ix_prefix",
			ast.IndexPart{Column: "email", Length: 10}, ast.IndexPart{Column: "name", Length: 5, Desc: true}), false, nil),
		idx("ddl_create_index_using_hash", ast.IndexOf("ddl_ix_hash", "score").WithMethod("hash"), false, nil),
		{Name: "ddl_create_index_using_gin", Setup: ddlCreate(arr), Teardown: ddlDrop("ddl_arr"), Build: func() ast.Node {
			return &ast.CreateIndexStmt{Table: arr, Index: ast.IndexOf("ddl_ix_tags", "tags").WithMethod("gin")}
		}},
		{Name: "ddl_drop_index",
			Setup:    ddlWith(setup, []ast.Node{&ast.CreateIndexStmt{Table: ddlIdx, Index: ast.IndexOf("ddl_ix_name", "name")}}),
			Teardown: teardown, Build: func() ast.Node {
				return &ast.DropIndexStmt{Table: ddlIdx, Index: ast.IndexOf("ddl_ix_name", "name")}
			}},
		{Name: "ddl_drop_index_if_exists", Setup: setup, Teardown: teardown, Build: func() ast.Node {
			return &ast.DropIndexStmt{Table: ddlIdx, Index: ast.IndexOf("ddl_ix_missing", "name"), IfExists: true}
		}},
		{Name: "ddl_drop_index_naming",
			Setup:    ddlWith(setup, []ast.Node{&ast.CreateIndexStmt{Table: ddlIdx, Index: ast.IndexOf("", "name", "score"), Naming: ddlNaming}}),
			Teardown: teardown, Build: func() ast.Node {
				return &ast.DropIndexStmt{Table: ddlIdx, Index: ast.IndexOf("", "name", "score"), Naming: ddlNaming}
			}},
	}
}

func ddlAlterCases() []Case {
	alter := func(name string, a ast.AlterAction, setup, teardown []ast.Node) Case {
		return Case{Name: name, Setup: setup, Teardown: teardown, Build: func() ast.Node {
			return &ast.AlterTableStmt{Table: ddlAlter, Action: a, Naming: ddlNaming}
		}}
	}
	setup, teardown := ddlCreate(ddlAlter), ddlDrop("ddl_alter", "ddl_renamed")
	consSetup, consTeardown := ddlCreate(ddlParent, ddlCons), ddlDrop("ddl_cons", "ddl_parent")
	dropCons := func(name, cname, kind string) Case {
		return Case{Name: name, Setup: consSetup, Teardown: consTeardown, Build: func() ast.Node {
			return &ast.AlterTableStmt{Table: ddlCons, Action: ast.DropConstraint{Name: cname, Kind: kind}}
		}}
	}
	return []Case{
		alter("ddl_alter_add_column", ast.AddColumn{Column: ast.Col("nickname", types.String(30),
			ast.NotNull(), ast.ServerDefault("none"))}, setup, teardown),
		alter("ddl_alter_add_column_unique", ast.AddColumn{Column: ast.Col("code", types.String(10), ast.Unique())}, setup, teardown),
		alter("ddl_alter_add_column_enum_comment", &ast.AddColumn{Column: ast.Col("level", types.Enum("", "lo", "high"),
			ast.Comment("a */ level"))}, setup, teardown),
		alter("ddl_alter_add_column_generated", ast.AddColumn{Column: ast.Col("twice", types.Integer,
			ast.GeneratedAs(ast.Mul(dc("old_col"), 2), false))}, setup, teardown),
		{Name: "ddl_alter_add_column_identity", Setup: ddlCreate(ddlNoPK), Teardown: ddlDrop("ddl_nopk"), Build: func() ast.Node {
			return &ast.AlterTableStmt{Table: ddlNoPK, Naming: ddlNaming, Action: ast.AddColumn{
				Column: ast.Col("id", types.Integer, ast.PrimaryKey(), ast.AutoIncrement())}}
		}},
		alter("ddl_alter_drop_column", ast.DropColumn{Name: "old_col"}, setup, teardown),
		alter("ddl_alter_rename_column", ast.RenameColumn{From: "old_col", To: "new_col"}, setup, teardown),
		alter("ddl_alter_rename_table", ast.RenameTable{To: "ddl_renamed"}, setup, teardown),
		{Name: "ddl_alter_add_constraint_fk", Setup: ddlCreate(ddlParent, ddlChildNoFK), Teardown: ddlDrop("ddl_child", "ddl_parent"),
			Build: func() ast.Node {
				return &ast.AlterTableStmt{Table: ddlChildNoFK, Naming: ddlNaming, Action: ast.AddConstraint{
					Constraint: ast.ForeignKeyOf([]string{"parent_id"}, "ddl_parent", "id").OnDeleteDo(ast.SetNull)}}
			}},
		alter("ddl_alter_add_constraint_unique", ast.AddConstraint{Constraint: ast.UniqueOf("name", "old_col")}, setup, teardown),
		alter("ddl_alter_add_constraint_check", ast.AddConstraint{
			Constraint: ast.CheckOf(ast.Between(dc("old_col"), 0, 100)).Named("ddl_alter_range")}, setup, teardown),
		{Name: "ddl_alter_add_constraint_pk", Setup: ddlCreate(ddlNoPK), Teardown: ddlDrop("ddl_nopk"), Build: func() ast.Node {
			return &ast.AlterTableStmt{Table: ddlNoPK, Naming: ddlNaming, Action: ast.AddConstraint{
				Constraint: ast.PrimaryKeyOf("name")}}
		}},
		dropCons("ddl_alter_drop_constraint_fk", "fk_ddl_cons_parent_id_ddl_parent", "fk"),
		dropCons("ddl_alter_drop_constraint_unique", "uq_ddl_cons_code", "uq"),
		dropCons("ddl_alter_drop_constraint_check", "ck_ddl_cons_n", "ck"),
		dropCons("ddl_alter_drop_constraint_untyped", "ck_ddl_cons_n", ""),
		dropCons("ddl_alter_drop_constraint_pk", "pk_ddl_cons", "pk"),
	}
}

func ddlOtherCases() []Case {
	seqDrop := []ast.Node{&ast.DropSequenceStmt{Sequence: ddlSeq, IfExists: true}}
	viewDrop := []ast.Node{&ast.DropViewStmt{View: ddlView, IfExists: true}}
	commentSetup, commentTeardown := ddlCreate(ddlBasic), ddlDrop("ddl_basic")
	return []Case{
		{Name: "ddl_create_sequence", Teardown: seqDrop, Build: func() ast.Node {
			return &ast.CreateSequenceStmt{Sequence: ddlSeq}
		}},
		{Name: "ddl_create_sequence_if_not_exists", Teardown: seqDrop, Build: func() ast.Node {
			return &ast.CreateSequenceStmt{Sequence: ast.NewSequence("ddl_seq"), IfNotExists: true}
		}},
		{Name: "ddl_drop_sequence", Setup: []ast.Node{&ast.CreateSequenceStmt{Sequence: ddlSeq}}, Teardown: seqDrop,
			Build: func() ast.Node {
				return &ast.DropSequenceStmt{Sequence: ddlSeq}
			}},
		{Name: "ddl_drop_sequence_if_exists", Build: func() ast.Node {
			return &ast.DropSequenceStmt{Sequence: ast.NewSequence("ddl_no_seq"), IfExists: true}
		}},
		{Name: "ddl_create_view", Teardown: viewDrop, Build: func() ast.Node {
			return &ast.CreateViewStmt{View: ddlView}
		}},
		{Name: "ddl_create_view_columns_or_replace", Setup: []ast.Node{&ast.CreateViewStmt{View: ddlView}}, Teardown: viewDrop,
			Build: func() ast.Node {
				// PostgreSQL replaces a view only with columns of the same names and types.
				v := ast.NewView("ddl_view", ast.Select(uID, uName).From(Users).Where(Users.C("active").Eq(true)))
				v.Columns = []string{"id", "name"}
				return &ast.CreateViewStmt{View: v, OrReplace: true}
			}},
		{Name: "ddl_drop_view", Setup: []ast.Node{&ast.CreateViewStmt{View: ddlView}}, Teardown: viewDrop, Build: func() ast.Node {
			return &ast.DropViewStmt{View: ddlView}
		}},
		{Name: "ddl_drop_view_if_exists", Build: func() ast.Node {
			return &ast.DropViewStmt{View: ast.NewView("ddl_no_view", nil), IfExists: true}
		}},
		{Name: "ddl_create_table_as", Teardown: ddlDrop("ddl_ctas"), Build: func() ast.Node {
			return &ast.CreateTableAsStmt{Name: "ddl_ctas",
				Query: ast.Select(uID, uName).From(Users).Where(Users.C("active").Eq(true), uAge.Gt(20))}
		}},
		{Name: "ddl_create_table_as_if_not_exists", Teardown: ddlDrop("ddl_ctas"), Build: func() ast.Node {
			return &ast.CreateTableAsStmt{Name: "ddl_ctas", IfNotExists: true,
				Query: ast.Select(ast.Count().As("n")).From(Orders)}
		}},
		{Name: "ddl_comment_table", Setup: commentSetup, Teardown: commentTeardown, Build: func() ast.Node {
			return &ast.CommentStmt{Table: ddlBasic, Comment: "basic's table"}
		}},
		{Name: "ddl_comment_column", Setup: commentSetup, Teardown: commentTeardown, Build: func() ast.Node {
			return &ast.CommentStmt{Table: ddlBasic, Column: "name", Comment: "the name"}
		}},
		{Name: "ddl_comment_remove", Setup: commentSetup, Teardown: commentTeardown, Build: func() ast.Node {
			return &ast.CommentStmt{Table: ddlBasic, Column: "note"}
		}},
		{Name: "ddl_create_enum", Teardown: []ast.Node{&ast.DropEnumStmt{Name: "ddl_mood", IfExists: true}}, Build: func() ast.Node {
			return &ast.CreateEnumStmt{Name: "ddl_mood", Values: ddlMood.Values}
		}},
		{Name: "ddl_drop_enum", Setup: []ast.Node{&ast.CreateEnumStmt{Name: "ddl_mood", Values: ddlMood.Values}},
			Teardown: []ast.Node{&ast.DropEnumStmt{Name: "ddl_mood", IfExists: true}}, Build: func() ast.Node {
				return &ast.DropEnumStmt{Name: "ddl_mood"}
			}},
		{Name: "ddl_drop_enum_if_exists", Build: func() ast.Node {
			return &ast.DropEnumStmt{Name: "ddl_no_mood", IfExists: true}
		}},
	}
}

func ddlBadCases() []Case {
	bad := func(name string, build func() ast.Node) Case {
		return Case{Name: name, Invalid: true, Build: build}
	}
	other := ast.NewTable("ddl_other", ast.Col("id", types.Integer))
	return []Case{
		bad("ddl_bad_nil_table", func() ast.Node { return ast.CreateTable(nil) }),
		bad("ddl_bad_no_columns", func() ast.Node { return ast.CreateTable(ast.NewTable("ddl_empty")) }),
		bad("ddl_bad_undeclared_table", func() ast.Node { return ast.CreateTable(ast.T("ddl_adhoc")) }),
		bad("ddl_bad_unknown_pk_column", func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_bad", ast.Col("id", types.Integer), ast.PrimaryKeyOf("nope")))
		}),
		bad("ddl_bad_fk_column_count", func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_bad", ast.Col("a", types.Integer),
				ast.ForeignKeyOf([]string{"a"}, "ddl_parent", "id", "code")))
		}),
		bad("ddl_bad_duplicate_column", func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_bad", ast.Col("a", types.Integer), ast.Col("a", types.Text)))
		}),
		bad("ddl_bad_column_without_type", func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_bad", ast.Col("a", nil)))
		}),
		bad("ddl_bad_default_on_identity", func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_bad",
				ast.Col("id", types.Integer, ast.PrimaryKey(), ast.AutoIncrement(), ast.ServerDefault(1))))
		}),
		bad("ddl_bad_autoincrement_text", func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_bad", ast.Col("id", types.Text, ast.PrimaryKey(), ast.AutoIncrement())))
		}),
		bad("ddl_bad_generated_with_default", func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_bad", ast.Col("a", types.Integer),
				ast.Col("b", types.Integer, ast.GeneratedAs(dc("a"), true), ast.ServerDefault(1))))
		}),
		bad("ddl_bad_check_unknown_column", func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_bad", ast.Col("id", types.Integer),
				ast.CheckOf(dc("nope").Gt(0))))
		}),
		bad("ddl_bad_check_other_table", func() ast.Node {
			// Written with bare names, the check would constrain ddl_bad's own id.
			return ast.CreateTable(ast.NewTable("ddl_bad", ast.Col("id", types.Integer),
				ast.CheckOf(other.C("id").Gt(0))))
		}),
		bad("ddl_bad_index_expression_unknown_column", func() ast.Node {
			return &ast.CreateIndexStmt{Table: ddlIdx, Index: ast.IndexOn("ddl_ix_bad", ast.IndexPart{Expr: ast.Lower(dc("nope"))})}
		}),
		bad("ddl_bad_unknown_table_option", func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_bad", ast.Col("id", types.Integer),
				ast.TableOption{Name: "engine", Value: "InnoDB"}))
		}),
		bad("ddl_bad_enum_without_values", func() ast.Node {
			return ast.CreateTable(ast.NewTable("ddl_bad", ast.Col("e", types.Enum(""))))
		}),
		bad("ddl_bad_index_without_name", func() ast.Node {
			return &ast.CreateIndexStmt{Table: ddlIdx, Index: ast.IndexOf("", "name")}
		}),
		bad("ddl_bad_index_unknown_column", func() ast.Node {
			return &ast.CreateIndexStmt{Table: ddlIdx, Index: ast.IndexOf("ddl_ix_bad", "nope")}
		}),
		bad("ddl_bad_index_no_parts", func() ast.Node {
			return &ast.CreateIndexStmt{Table: ddlIdx, Index: ast.IndexOf("ddl_ix_bad")}
		}),
		bad("ddl_bad_alter_without_action", func() ast.Node {
			return &ast.AlterTableStmt{Table: ddlAlter}
		}),
		bad("ddl_bad_alter_add_index", func() ast.Node {
			return &ast.AlterTableStmt{Table: ddlAlter, Action: ast.AddConstraint{Constraint: ast.IndexOf("ix", "name")}}
		}),
		bad("ddl_bad_alter_constraint_unknown_column", func() ast.Node {
			return &ast.AlterTableStmt{Table: ddlAlter, Action: ast.AddConstraint{Constraint: ast.UniqueOf("nope")}}
		}),
		bad("ddl_bad_drop_constraint_without_name", func() ast.Node {
			return &ast.AlterTableStmt{Table: ddlAlter, Action: ast.DropConstraint{Kind: "fk"}}
		}),
		bad("ddl_bad_view_without_query", func() ast.Node {
			return &ast.CreateViewStmt{View: ast.NewView("ddl_bad_view", nil)}
		}),
		bad("ddl_bad_comment_unknown_column", func() ast.Node {
			return &ast.CommentStmt{Table: ddlBasic, Column: "nope", Comment: "x"}
		}),
	}
}
