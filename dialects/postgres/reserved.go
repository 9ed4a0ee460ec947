package postgres

// reservedWords lists the PostgreSQL key words that cannot be used unquoted
// as a table or column name.
//
// Source: PostgreSQL 16/17 documentation, Appendix C "SQL Key Words",
// Table C.1, PostgreSQL column. Included are the words marked "reserved" and
// "reserved (can be function or type)"; together these are the only
// categories the parser rejects as table and column names. Words marked
// "non-reserved" or "non-reserved (cannot be function or type)" (between,
// int, position, values, xmltable, ...) are accepted unquoted as table and
// column names and are deliberately left out.
//
// Table C.1 is generated from src/include/parser/kwlist.h, and the
// pg_get_keywords() function reports the same categories. The list was taken
// from pg_get_keywords() on a PostgreSQL 15.20 server (catcode R and T) plus
// system_user, which PostgreSQL 16 added as reserved; the result was
// cross-checked against a PostgreSQL 17 copy of kwlist.h, which has the same
// reserved and type/function-name words. The full Table C.1 text was not
// available to read directly.
//
// Server check (PostgreSQL 15.20): every word fails unquoted as a table
// name and as a column name, except system_user, which that version does not
// yet know. Testing a further ~870 words (every PostgreSQL keyword plus
// common identifier words) found no other word that fails. Some listed words
// (current_date, user, true, ...) are accepted in a select list but then
// mean the built-in value rather than the column, so they must be quoted
// there too.
//
// Entries are lower case, sorted and unique.
var reservedWords = []string{
	"all",
	"analyse",
	"analyze",
	"and",
	"any",
	"array",
	"as",
	"asc",
	"asymmetric",
	"authorization",
	"binary",
	"both",
	"case",
	"cast",
	"check",
	"collate",
	"collation",
	"column",
	"concurrently",
	"constraint",
	"create",
	"cross",
	"current_catalog",
	"current_date",
	"current_role",
	"current_schema",
	"current_time",
	"current_timestamp",
	"current_user",
	"default",
	"deferrable",
	"desc",
	"distinct",
	"do",
	"else",
	"end",
	"except",
	"false",
	"fetch",
	"for",
	"foreign",
	"freeze",
	"from",
	"full",
	"grant",
	"group",
	"having",
	"ilike",
	"in",
	"initially",
	"inner",
	"intersect",
	"into",
	"is",
	"isnull",
	"join",
	"lateral",
	"leading",
	"left",
	"like",
	"limit",
	"localtime",
	"localtimestamp",
	"natural",
	"not",
	"notnull",
	"null",
	"offset",
	"on",
	"only",
	"or",
	"order",
	"outer",
	"overlaps",
	"placing",
	"primary",
	"references",
	"returning",
	"right",
	"select",
	"session_user",
	"similar",
	"some",
	"symmetric",
	"system_user",
	"table",
	"tablesample",
	"then",
	"to",
	"trailing",
	"true",
	"union",
	"unique",
	"user",
	"using",
	"variadic",
	"verbose",
	"when",
	"where",
	"window",
	"with",
}
