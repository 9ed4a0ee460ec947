package customdialect

// redshiftReserved are words Amazon Redshift reserves that PostgreSQL does not:
// compression encodings, COPY and UNLOAD options, TOP, PIVOT, and more. New adds them
// to the PostgreSQL words the dialect inherits.
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
