package types

// A Target describes what one database driver accepts as parameter values and what
// it returns when scanning. Each dialect supplies its Target; conversion functions
// read it rather than switching on dialect names, so a third-party dialect describes
// its driver here too.
type Target struct {
	Dialect      string // dialect name, used in error messages
	NativeBool   bool   // driver and server take bool; else booleans go as int64 1/0
	NativeUUID   bool   // server has a UUID type that accepts canonical text
	UUIDBytes    bool   // UUIDs are stored as 16 raw bytes (BINARY(16)) instead of text
	NativeJSON   bool   // server has a JSON type; values still travel as text
	NativeArrays bool   // server has arrays; values travel in PostgreSQL's text form
	NaN          bool   // server stores NaN and ±Inf in floating-point columns
	TimeAsText   bool   // times travel as text in TimeLayout (e.g. SQLite, which has no time type)
	TimeLayout   string // layout for TimeAsText and for parsing text the driver returns
	ZeroDate     bool   // reading '0000-00-00' is possible (MySQL); it becomes the zero time.Time
	// NumericAsFloat sends decimals as float64: SQLite has no exact decimal type, and a
	// decimal sent as text compares as text (every text ranks above every number).
	NumericAsFloat bool
}
