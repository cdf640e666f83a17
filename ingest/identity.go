package ingest

import (
	"crypto/sha1"
	"encoding/hex"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// An article's ID comes from what the article is, never from how its file
// was reached: an explicit id (a JSON line's "id"), else its URL, else its
// outlet, published date and title. When neither an outlet nor a date is
// known the title alone would join unrelated articles (two papers' 县委常委会
// 召开), so the ID adds a short hash of the text; the hash also breaks the
// tie between two articles of one input that would share an ID. An edited
// version of an article (same id, URL, or outlet, date and title) keeps the
// ID and so replaces the old one.

// articleKey returns the key an article's ID is made from (see above),
// without the hash that breaks ties within an input.
func articleKey(a *Article, weakIDPrefix string) string {
	if a.InputID != "" {
		if strongID(a.InputID) {
			return a.InputID
		}
		if a.URL == "" {
			// 1, 2, 3…: numbered within their feed, so qualified by it
			return strOr(a.Outlet, weakIDPrefix) + "/" + a.InputID
		}
	}
	if a.URL != "" {
		if k := urlKey(a.URL); k != "" {
			return k
		}
	}
	var parts []string
	if a.Outlet != "" {
		parts = append(parts, a.Outlet)
	}
	if a.Published != "" {
		parts = append(parts, a.Published)
	}
	if len(parts) == 0 {
		return titleKey(a.Title) + "~" + textHash(a.Text)
	}
	return strings.Join(append(parts, titleKey(a.Title)), "/")
}

// strongID reports whether an explicit id names its article on its own: a
// long id or one with letters, not a number counted within its feed.
func strongID(id string) bool {
	if utf8.RuneCountInString(id) >= 8 {
		return true
	}
	for _, r := range id {
		if !unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// urlKey is a URL without its scheme, fragment, a leading "www." and a
// trailing slash or index page, so that spellings of one address agree:
// tv.cctv.com/2022/01/01/VIDE….shtml.
func urlKey(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	p := u.EscapedPath()
	if un, err := url.PathUnescape(p); err == nil {
		p = un
	}
	for _, idx := range []string{"index.html", "index.htm", "index.shtml"} {
		p = strings.TrimSuffix(p, "/"+idx)
	}
	k := host + strings.TrimSuffix(p, "/")
	if u.RawQuery != "" {
		k += "?" + u.RawQuery
	}
	return k
}

// titleKey is a title as an ID part: no slashes, at most 60 characters.
func titleKey(t string) string {
	t = strings.ReplaceAll(strings.TrimSpace(t), "/", "／")
	if r := []rune(t); len(r) > 60 {
		t = string(r[:60])
	}
	if t == "" {
		t = "untitled"
	}
	return t
}

// textHash is a short hash of an article's text, the same for the same text.
func textHash(text string) string {
	h := sha1.Sum([]byte(text))
	return hex.EncodeToString(h[:4])
}

// pageKey names a file however it is reached: its base name and a hash of
// its absolute path with links resolved (the path itself stays private).
func pageKey(file string) string {
	p, err := filepath.Abs(file)
	if err == nil {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			p = r
		}
	} else {
		p = file
	}
	h := sha1.Sum([]byte(filepath.ToSlash(p)))
	return filepath.Base(p) + "@" + hex.EncodeToString(h[:6])
}

// assignAll sets the IDs of a page's articles, all known at once: two
// different articles that share a key both get the hash, so that neither
// ID depends on their order; an article given twice is dropped.
func assignAll(arts []*Article, weakPrefix string) []*Article {
	keys := make([]string, len(arts))
	texts := map[string]map[string]bool{}
	for i, a := range arts {
		keys[i] = articleKey(a, weakPrefix)
		if texts[keys[i]] == nil {
			texts[keys[i]] = map[string]bool{}
		}
		texts[keys[i]][textHash(a.Text)] = true
	}
	out := arts[:0]
	seen := map[string]bool{}
	for i, a := range arts {
		k := keys[i]
		if len(texts[k]) > 1 {
			k += "~" + textHash(a.Text)
		}
		a.ID = articleID(k)
		if seen[a.ID] {
			continue
		}
		seen[a.ID] = true
		out = append(out, a)
	}
	return out
}

// nameDateRe finds a date in a URL or file name: 2022/01/01, 2022-01-01,
// 20220101 (t20250612_123.html), with no digit on either side.
// 2021/3/5 (art/2021/3/5/art_1.html), with no digit on either side.
var nameDateRe = regexp.MustCompile(`(?:^|\D)((?:19|20)\d\d)(?:[-_./]?(?:0[1-9]|1[0-2])[-_./]?(?:0[1-9]|[12]\d|3[01])|[-_./](?:[1-9]|1[0-2])[-_./](?:[1-9]|[12]\d|3[01]))(?:\D|$)`)

// nameMonthRe finds a year and month in a URL's path, as the folders of
// government sites name them (/202503/t20250318_5521.html, /201403/88883.html):
// six digits between slashes.
var nameMonthRe = regexp.MustCompile(`/((?:19|20)\d\d)(?:0[1-9]|1[0-2])/`)

// nameYear is the year of the first date in a URL or a file's base name,
// else of a year-month folder of the URL, 0 when neither has one.
func nameYear(urlStr, file string) int {
	for _, s := range []string{urlStr, filepath.Base(sourceFile(file))} {
		if m := nameDateRe.FindStringSubmatch(s); m != nil {
			y, _ := strconv.Atoi(m[1])
			return y
		}
	}
	if m := nameMonthRe.FindStringSubmatch(urlStr); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	if m := nameStampRe.FindStringSubmatch(urlStr); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	return 0
}

// nameStampRe finds a timestamp a URL's file name opens its number with
// (news2017071020443.html: 2017-07-10 20:44): a date and a time of day,
// twelve digits or more, no digit before; an id of fewer digits, or one
// that reads as no valid day and hour, dates nothing.
var nameStampRe = regexp.MustCompile(`(?:^|\D)((?:19|20)\d\d)(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:[01]\d|2[0-3])[0-5]\d\d*\.[a-z]+$`)
