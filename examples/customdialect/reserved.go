package customdialect

import "slices"

// reservedWords are the words redshiftish quotes when they are used as names.
// SetReserved replaces a dialect's list and compiler.Dialect cannot read the list it
// inherits, so PostgreSQL's words are repeated here (from dialects/postgres; a test
// compares them with the server's pg_get_keywords()). Output must stay valid
// PostgreSQL, so the list is a superset of PostgreSQL's.
var reservedWords = slices.Concat(postgresReserved, redshiftReserved)

// postgresReserved are PostgreSQL's reserved words and the words that cannot be
// function or type names (pg_get_keywords() categories R and T).
var postgresReserved = []string{
	"all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric",
	"authorization", "binary", "both", "case", "cast", "check", "collate", "collation",
	"column", "concurrently", "constraint", "create", "cross", "current_catalog",
	"current_date", "current_role", "current_schema", "current_time", "current_timestamp",
	"current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end",
	"except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant",
	"group", "having", "ilike", "in", "initially", "inner", "intersect", "into", "is",
	"isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
	"localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or",
	"order", "outer", "overlaps", "placing", "primary", "references", "returning",
	"right", "select", "session_user", "similar", "some", "symmetric", "system_user",
	"table", "tablesample", "then", "to", "trailing", "true", "union", "unique", "user",
	"using", "variadic", "verbose", "when", "where", "window", "with",
}

// redshiftReserved are words Amazon Redshift reserves that PostgreSQL does not:
// compression encodings, COPY and UNLOAD options, TOP, PIVOT, and more.
var redshiftReserved = []string{
	"aes128", "aes256", "allowoverwrite", "backup", "blanksasnull", "bytedict", "bzip2",
	"credentials", "current_user_id", "defrag", "deflate", "delta", "delta32k", "disable",
	"emptyasnull", "enable", "encode", "encrypt", "encryption", "explicit",
	"globaldict256", "globaldict64k", "gzip", "identity", "ignore", "interval", "lun",
	"luns", "lzo", "lzop", "minus", "mostly16", "mostly32", "mostly8", "new", "nulls",
	"off", "offline", "oid", "old", "open", "parallel", "partition", "percent",
	"permissions", "pivot", "raw", "readratio", "recover", "rejectlog", "resort",
	"respect", "restore", "snapshot", "sysdate", "system", "tag", "tdes", "text255",
	"text32k", "timestamp", "top", "truncatecolumns", "unnest", "unpivot", "wallet",
	"without",
}
