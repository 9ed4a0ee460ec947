package bind

// A Segment is a piece of raw SQL text: either literal text or a named parameter.
type Segment struct {
	Text  string // literal SQL text; empty when Param is set
	Param string // the name of a :name parameter; empty for text
}

// Scan splits raw SQL into text and :name parameters.
//
// A name starts with a letter or underscore and continues with letters, digits and
// underscores. These stay text: "::" (a PostgreSQL cast), "\:" (an escaped colon; the
// backslash is dropped), a colon followed by anything that cannot start a name, and
// a colon right after a letter, digit or underscore (a:b, arr[1:n]), and
// everything inside '…' strings, "…" or `…` quoted identifiers, -- line comments and
// /* … */ block comments. Scan never fails: unterminated quotes run to the end.
func Scan(sql string) []Segment {
	var segs []Segment
	var text []byte // pending literal text, only allocated when an escape forces a copy
	start := 0      // start of pending text in sql when text is nil
	flush := func(end int) {
		if text != nil {
			text = append(text, sql[start:end]...)
			if len(text) > 0 {
				segs = append(segs, Segment{Text: string(text)})
			}
			text = nil
		} else if end > start {
			segs = append(segs, Segment{Text: sql[start:end]})
		}
	}
	for i := 0; i < len(sql); {
		c := sql[i]
		switch {
		case c == '\'' || c == '"' || c == '`':
			i = skipQuoted(sql, i, c)
		case c == '-' && i+1 < len(sql) && sql[i+1] == '-':
			for i < len(sql) && sql[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(sql) && sql[i+1] == '*':
			i += 2
			for i < len(sql) && !(sql[i] == '*' && i+1 < len(sql) && sql[i+1] == '/') {
				i++
			}
			i += 2
			if i > len(sql) {
				i = len(sql)
			}
		case c == '\\' && i+1 < len(sql) && sql[i+1] == ':':
			// Escaped colon: keep the colon, drop the backslash.
			if text == nil {
				text = make([]byte, 0, i-start+16)
			}
			text = append(text, sql[start:i]...)
			start = i + 1
			i += 2
		case c == ':' && i+1 < len(sql) && sql[i+1] == ':':
			i += 2
		case c == ':' && i+1 < len(sql) && isNameStart(sql[i+1]) && (i == 0 || !isNamePart(sql[i-1])):
			// A colon right after a word (a:b, arr[1:n]) is text, as in SQLAlchemy.
			j := i + 2
			for j < len(sql) && isNamePart(sql[j]) {
				j++
			}
			flush(i)
			segs = append(segs, Segment{Param: sql[i+1 : j]})
			start, i = j, j
		default:
			i++
		}
	}
	flush(len(sql))
	return segs
}

func skipQuoted(s string, i int, q byte) int {
	for i++; i < len(s); i++ {
		if s[i] == q {
			if i+1 < len(s) && s[i+1] == q { // doubled quote inside
				i++
				continue
			}
			return i + 1
		}
	}
	return len(s)
}

func isNameStart(c byte) bool {
	return c == '_' || (c|0x20) >= 'a' && (c|0x20) <= 'z'
}

func isNamePart(c byte) bool { return isNameStart(c) || c >= '0' && c <= '9' }
