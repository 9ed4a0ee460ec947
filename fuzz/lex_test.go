package fuzz

import (
	"fmt"

	"github.com/seed13bb6a42/strata/compiler"
)

// checkLexical scans SQL the way the dialect's parser would tokenise quotes and
// reports what compiler output must never hold: an unterminated string or quoted
// identifier, a comment start (-- or /*), a statement separator, unbalanced
// parentheses, or placeholders that do not match the plan's parameters (params of
// them, or none when fingerprint is set). Any of them means a value or name escaped
// its token.
func checkLexical(d *compiler.Dialect, sql string, params int, fingerprint bool) error {
	backslash := d.QuoteOpen == '`' // MySQL and MariaDB strings take backslash escapes
	depth := 0
	questions := 0
	numbered := map[int]bool{}
	for i := 0; i < len(sql); i++ {
		switch c := sql[i]; c {
		case '?':
			questions++
		case '$':
			n := 0
			j := i + 1
			for ; j < len(sql) && '0' <= sql[j] && sql[j] <= '9'; j++ {
				n = n*10 + int(sql[j]-'0')
			}
			if j == i+1 {
				return fmt.Errorf("$ without a number at byte %d", i)
			}
			numbered[n] = true
			i = j - 1
		case '\'':
			j, ok := skipQuoted(sql, i, '\'', backslash)
			if !ok {
				return fmt.Errorf("unterminated string literal at byte %d", i)
			}
			i = j
		case d.QuoteOpen:
			j, ok := skipQuoted(sql, i, d.QuoteClose, false)
			if !ok {
				return fmt.Errorf("unterminated quoted identifier at byte %d", i)
			}
			i = j
		case '-':
			if i+1 < len(sql) && sql[i+1] == '-' {
				return fmt.Errorf("comment start -- at byte %d", i)
			}
		case '/':
			if i+1 < len(sql) && sql[i+1] == '*' {
				return fmt.Errorf("comment start /* at byte %d", i)
			}
		case '#':
			if backslash {
				return fmt.Errorf("comment start # at byte %d", i)
			}
		case ';':
			return fmt.Errorf("statement separator at byte %d", i)
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				return fmt.Errorf("unbalanced ) at byte %d", i)
			}
		}
	}
	if depth != 0 {
		return fmt.Errorf("%d unclosed (", depth)
	}
	if fingerprint {
		params = 0 // values are ? but not parameters
		if len(numbered) > 0 {
			return fmt.Errorf("numbered placeholders in a fingerprint")
		}
		questions = 0
	}
	switch {
	case d.Placeholder.Numbered():
		if questions > 0 {
			return fmt.Errorf("? in %s SQL", d.Name)
		}
		if len(numbered) != params {
			return fmt.Errorf("%d distinct numbered placeholders for %d parameters", len(numbered), params)
		}
		for n := 1; n <= params; n++ {
			if !numbered[n] {
				return fmt.Errorf("placeholder $%d is missing for %d parameters", n, params)
			}
		}
	default:
		if len(numbered) > 0 {
			return fmt.Errorf("numbered placeholder in %s SQL", d.Name)
		}
		if questions != params {
			return fmt.Errorf("%d ? placeholders for %d parameters", questions, params)
		}
	}
	return nil
}

// skipQuoted returns the index of the quote closing the token opened at sql[i], where
// a doubled closing quote (and, with backslash, a backslash) escapes.
func skipQuoted(sql string, i int, closing byte, backslash bool) (int, bool) {
	for j := i + 1; j < len(sql); j++ {
		switch sql[j] {
		case '\\':
			if backslash {
				j++
			}
		case closing:
			if j+1 < len(sql) && sql[j+1] == closing {
				j++
				continue
			}
			return j, true
		}
	}
	return 0, false
}
