package questdb

// reservedWords are QuestDB's keywords, the words the dialect reports as reserved
// (compiler.Dialect.IsReserved, ReservedWords). They do not decide which names are
// quoted: the dialect quotes every identifier (QuoteAll in New), keyword or not, so
// that no name collides with a keyword QuestDB has or a later version adds. QuestDB
// refuses an unquoted keyword as a table or column name ("table and column names that
// are SQL keywords have to be enclosed in double quotes"), and the words it checks
// differ between the parser's list (SqlKeywords) and what keywords() reports; the list
// is the union of both as of QuestDB 8.3, plus the words of its time-series clauses
// and of the 9.x grammar. Quoting a name that needs none is harmless: quoting does not
// make a QuestDB name case-sensitive.
var reservedWords = []string{
	"add", "align", "all", "alter", "and", "as", "asc", "asof", "at", "attach",
	"backup", "batch", "between", "by", "bypass", "calendar", "cache", "cancel",
	"capacity", "case", "cast", "column", "columns", "copy", "create", "cross",
	"database", "dedup", "default", "delete", "desc", "detach", "disable", "distinct",
	"drop", "else", "enable", "end", "except", "exclude", "exists", "explain", "false",
	"fill", "first", "following", "for", "foreign", "from", "full", "grant", "group",
	"having", "header", "horizon", "if", "ilike", "in", "index", "inner", "insert",
	"intersect", "into", "is", "isolation", "join", "key", "keys", "latest", "lateral",
	"left", "level", "like", "limit", "linear", "lock", "lt", "materialized", "nan",
	"natural", "nocache", "none", "not", "null", "nulls", "observation", "offset", "on",
	"only", "or", "order", "outer", "over", "partition", "preceding", "prev", "primary",
	"range", "references", "refresh", "rename", "repair", "resume", "right", "rows",
	"sample", "select", "set", "show", "splice", "squash", "system", "table", "tables",
	"then", "to", "tolerance", "transaction", "truncate", "ttl", "type", "unbounded",
	"union", "unlock", "unnest", "update", "upsert", "using", "values", "view", "volume",
	"wal", "when", "where", "window", "with", "within", "writer", "zone",
}
