package compiler

import (
	"strconv"
	"strings"
)

// A Version is a server version as major.minor.patch, for dialects whose syntax
// depends on it.
type Version struct{ Major, Minor, Patch int }

// ParseVersion reads the leading "major[.minor[.patch]]" of s, skipping the "5.5.5-"
// prefix MariaDB reports through the MySQL protocol. The rest of s (a flavour suffix
// such as "-MariaDB") is ignored; an unreadable s gives the zero Version and false.
func ParseVersion(s string) (Version, bool) {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "5.5.5-"); ok && strings.Contains(rest, "MariaDB") {
		s = rest
	}
	var v Version
	parts := [3]*int{&v.Major, &v.Minor, &v.Patch}
	i := 0
	for n := 0; n < 3; n++ {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i {
			return v, n > 0
		}
		*parts[n], _ = strconv.Atoi(s[i:j])
		if j >= len(s) || s[j] != '.' {
			return v, true
		}
		i = j + 1
	}
	return v, true
}

// AtLeast reports whether v is major.minor.patch or later.
func (v Version) AtLeast(major, minor, patch int) bool {
	if v.Major != major {
		return v.Major > major
	}
	if v.Minor != minor {
		return v.Minor > minor
	}
	return v.Patch >= patch
}

func (v Version) String() string {
	return strconv.Itoa(v.Major) + "." + strconv.Itoa(v.Minor) + "." + strconv.Itoa(v.Patch)
}
