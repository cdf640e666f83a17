package ingest

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/kgproject/kg/graph"
)

// Identity: which body, post and person a name is (issue 12).
//
// Names many places share (县委, 县委书记, 县长, 管委会, 杨明) are keyed by
// name and scope: the node's ID is the name's key, "@" and the scope, its
// Name stays the form the article writes (what the gold and kgscore read,
// CONVENTIONS 3.7), its Scope field holds the scope and, where the scope is
// a locale of the body's level, an alias gives the resolved full name
// (博爱县委, 博爱县委书记) for search. Everything is decided from the article
// alone, so that the graph does not depend on the order articles come in
// and retracting an article removes exactly what it gave: the stores merge
// parts by ID.
//
//   - A generic body (a level word and a head of dict/genericheads.txt:
//     县委, 市人民政府; or a whole name of dict/genericbodies.txt: 管委会)
//     takes the article's locale of its level: the dateline's place
//     (博爱讯), the outlet's (博爱县融媒体中心), else the one place of that
//     level the headline names, else the one its head bodies name
//     (博爱县委), else the one the text names. Two different places at the step
//     that decides leave it untold. Untold, the body is scoped to the
//     article's outlet, else to the article itself: never merged with the
//     same words of another locale.
//   - A post follows its body (县委书记 of 博爱县 is post/县委书记@博爱县);
//     a level-bound title with no body (县长, 副区长) takes the locale of
//     its level the same way.
//   - A person is scoped by their highest post in the article (postScope:
//     national > provincial > city > county > town > a company's). A post
//     of a national body (dict/nationalbodies.txt, a foreign state), a
//     national title (dict/nationaltitles.txt) or a provincial post (省委,
//     省长, 北京市委: the gazetteer's rank, dict/placeparents.txt) makes
//     them national: person/李强, one person in every article, wherever
//     they moved. A city's or county's post scopes them to its place (the
//     resolved locale of a generic body, a city told by the gazetteer
//     parent of the county, or the place a body's name starts with:
//     洛川市教育局 → 洛川市), else, the place untold, to the level word
//     alone (person/令狐英@市); a town's to the town, else the article's
//     locale or outlet, else the article; a company's, bank's or school's
//     post (dict/bodyscopes.txt) outside a national outlet to the body.
//     With no such post: national in a national outlet
//     (dict/nationaloutlets.txt), else the article's locale, else its
//     outlet, else national.
//   - A scope is a real place (realPlace): a learned area word (行政区) or
//     fragment (乡设镇, 查城市) is no clue.
//   - A reporter is scoped to their outlet (the byline's paper or the
//     input's outlet), else like an unposted person.

// identityLexicon holds the word lists of identity.
type identityLexicon struct {
	heads     []string          // generic heads after a level word (dict/genericheads.txt)
	bodies    map[string]bool   // generic names without a level word (dict/genericbodies.txt)
	national  []string          // starts of national bodies' names (dict/nationalbodies.txt)
	titles    map[string]bool   // national titles without a body (dict/nationaltitles.txt)
	outlets   map[string]bool   // national outlets (dict/nationaloutlets.txt)
	placeFull map[string]string // short form of a gazetteer place -> its full name, when only one
	rank      map[string]rank   // a gazetteer place's level (dict/placeparents.txt)
	parent    map[string]string // a gazetteer place's parent, "" when two places of the name differ
	areas     map[string]bool   // area words that are no place (dict/genericareas.txt)
	bodyEnds  []string          // ends of bodies that scope their people (dict/bodyscopes.txt)
	tails     map[string]bool   // words a learned fragment ends with (dict/areatails.txt)
}

// rank orders the levels of posts and places: a person is scoped by their
// highest post, a provincial or national one making them one person
// nationwide.
type rank int

const (
	rankNone rank = iota
	rankBody      // a post of a body of its own name: a company's, a school's
	rankTown
	rankCounty
	rankCity
	rankProvince
	rankNational
)

// rankOfLevel is the rank of a level word.
func rankOfLevel(lv rune) rank {
	switch lv {
	case '省':
		return rankProvince
	case '市':
		return rankCity
	case '县', '区':
		return rankCounty
	case '镇', '乡':
		return rankTown
	}
	return rankNone
}

func loadIdentityLexicon(words func(string) ([]string, error)) (*identityLexicon, error) {
	id := &identityLexicon{bodies: map[string]bool{}, titles: map[string]bool{}, outlets: map[string]bool{}, placeFull: map[string]string{},
		rank: map[string]rank{}, parent: map[string]string{}, areas: map[string]bool{}, tails: map[string]bool{}}
	var err error
	if id.heads, err = words("genericheads.txt"); err != nil {
		return nil, err
	}
	if id.national, err = words("nationalbodies.txt"); err != nil {
		return nil, err
	}
	if id.bodyEnds, err = words("bodyscopes.txt"); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name string
		set  map[string]bool
	}{{"genericbodies.txt", id.bodies}, {"nationaltitles.txt", id.titles}, {"nationaloutlets.txt", id.outlets}, {"genericareas.txt", id.areas}, {"areatails.txt", id.tails}} {
		ws, err := words(f.name)
		if err != nil {
			return nil, err
		}
		for _, w := range ws {
			f.set[w] = true
		}
	}
	ws, err := words("placeparents.txt")
	if err != nil {
		return nil, err
	}
	for _, w := range ws {
		f := strings.Split(w, ",")
		if len(f) < 2 {
			return nil, fmt.Errorf("ingest: placeparents.txt: %q is not name,level,parent", w)
		}
		lv, _ := utf8.DecodeRuneInString(f[1])
		id.rank[f[0]] = max(id.rank[f[0]], rankOfLevel(lv))
		par := ""
		if len(f) > 2 {
			par = f[2]
		}
		if old, seen := id.parent[f[0]]; seen && old != par {
			par = "" // 朝阳区 of 北京市 and of 长春市: the article must say
		}
		id.parent[f[0]] = par
	}
	if ws, err = words("places.txt"); err != nil {
		return nil, err
	}
	ambiguous := map[string]bool{}
	for _, w := range ws {
		short := shortPlace(w)
		if short == "" {
			continue
		}
		if _, dup := id.placeFull[short]; dup {
			ambiguous[short] = true
		}
		id.placeFull[short] = w
	}
	for s := range ambiguous {
		delete(id.placeFull, s) // 东安 is 东安区 or 东安县: the article must say
	}
	return id, nil
}

// levelRunes are the level words of the bodies and posts that are generic:
// a body of a province, city, county, district, town or township.
const levelRunes = "省市县区镇乡"

// levelOf returns the level word a locale ends with, 0 for none (琮州).
func levelOf(locale string) rune {
	r, _ := utf8.DecodeLastRuneInString(locale)
	if strings.ContainsRune(levelRunes, r) {
		return r
	}
	return 0
}

// scopes is what an article tells about where it is: its locale, the
// locale of each level and the fallback scope where none is told.
type scopes struct {
	locale, basis string          // the article's locale and how it was told
	byLevel       map[rune]string // the locale of each level told, "" where two compete
	levelBasis    map[rune]string
	fallback      string // the outlet, else the article
	persons       map[*person]personScope
	keys          map[string]nodeKey // memo of orgKey by name
}

// personScope is a person's scope in the article and the rule that set it.
type personScope struct{ scope, basis string }

// nodeKey is how a body or post is keyed: its scope and, where the scope is
// a locale of its level, its resolved full name.
type nodeKey struct{ scope, full string }

// datelinePlaceRe reads the place of a dateline: 博爱讯, 本报博爱3月5日讯,
// 新华社琮州9月19日电.
var datelinePlaceRe = regexp.MustCompile(`^[\s　]*(?:本报|新华社|中新社)?([\p{Han}]{2,9}?)(?:\d{1,2}月\d{1,2}日)?(?:讯|电)`)

// outletWords end the names of outlets; what comes before may be a place
// (博爱县融媒体中心, 焦作日报).
var outletWords = []string{"广播电视台", "融媒体中心", "新闻网", "电视台", "客户端", "融媒体", "日报", "晚报", "早报", "商报", "融媒", "新闻", "网", "报"}

// clue is a place the article gives and how it gives it.
type clue struct{ place, basis string }

// resolveScopes works out where the article is; build calls it once.
func (d *doc) resolveScopes() *scopes {
	sc := &scopes{byLevel: map[rune]string{}, levelBasis: map[rune]string{}, persons: map[*person]personScope{}, keys: map[string]nodeKey{}}
	outlet := strOr(d.paper, d.a.Outlet)
	sc.fallback = outlet
	if sc.fallback == "" {
		sc.fallback = strings.TrimPrefix(d.a.ID, "article/")
	}
	var tiers [][]clue
	// the dateline, at the start of the text or after the byline's box
	var dl []clue
	for _, at := range []int{0, d.bylineEnd} {
		if at > len(d.r) {
			continue
		}
		s := d.s[d.off[at]:min(len(d.s), d.off[min(at+40, len(d.r))])]
		m := datelinePlaceRe.FindStringSubmatch(s)
		if m == nil || hasAnySuffix(m[1], outletWords) {
			continue
		}
		if p := d.placeFull(m[1]); p != "" {
			dl = append(dl, clue{p, "dateline " + strings.TrimSpace(m[0])})
			break
		}
	}
	tiers = append(tiers, dl)
	var ol []clue
	if outlet != "" {
		for _, w := range outletWords {
			if stem, ok := strings.CutSuffix(outlet, w); ok && stem != "" {
				if p := d.placeFull(stem); p != "" {
					ol = append(ol, clue{p, "outlet " + outlet})
				}
				break
			}
		}
	}
	tiers = append(tiers, ol)
	var headline []clue
	for w := range d.learned {
		if levelOf(w) != 0 && utf8.RuneCountInString(w) >= 3 && strings.Contains(d.a.Title, w) {
			headline = append(headline, clue{w, "headline " + d.a.Title})
		}
	}
	title := []rune(d.a.Title)
	for _, sp := range learnMatches(title) {
		// a headline's own area (青禾县召开…), learned from the text or not
		w := string(title[sp.start:sp.end])
		if levelOf(w) != 0 && !d.learned[w] && !d.commonStem(string(title[sp.start:sp.start+2])) {
			headline = append(headline, clue{w, "headline " + d.a.Title})
		}
	}
	sort.Slice(headline, func(i, j int) bool { return headline[i].place < headline[j].place }) // d.learned is a map
	tiers = append(tiers, headline)
	var heads []clue
	for _, o := range d.orgs {
		if p, rest := d.placePrefix(o.name); p != "" && d.genericRest(rest) {
			heads = append(heads, clue{p, "body " + o.name})
		}
	}
	tiers = append(tiers, heads)
	var named []clue
	for _, pl := range d.places {
		if p := d.text(pl); levelOf(p) != 0 {
			named = append(named, clue{p, "place " + p})
		}
	}
	tiers = append(tiers, named)

	// the article's locale: the dateline's or outlet's place, else the one
	// place its headline names, else the one its head bodies name; two
	// different places at the step that decides leave it untold
	for i, t := range tiers {
		tiers[i] = slices.DeleteFunc(t, func(c clue) bool { return !d.realPlace(c.place) }) // 行政区, 乡设镇
	}
	for _, t := range tiers[:4] {
		if p, basis, ok := only(t, func(string) bool { return true }); ok {
			sc.locale, sc.basis = p, basis
			break
		}
	}
	for _, lv := range levelRunes {
		for _, t := range tiers {
			if p, basis, ok := only(t, func(p string) bool { return levelOf(p) == lv }); ok {
				sc.byLevel[lv], sc.levelBasis[lv] = p, basis
				break
			}
		}
	}
	// a level no clue tells is the gazetteer parent of the level below
	// (博爱县 → 焦作市 → 河南省): a city's leader on a county's page is
	// the city's
	for _, up := range []struct{ lv, from rune }{{'市', '县'}, {'市', '区'}, {'省', '市'}} {
		if _, told := sc.byLevel[up.lv]; told {
			continue
		}
		child := sc.byLevel[up.from]
		if par := d.lx.id.parent[child]; par != "" && levelOf(par) == up.lv {
			sc.byLevel[up.lv], sc.levelBasis[up.lv] = par, "gazetteer parent of "+child
		}
	}
	return sc
}

// only returns the one place of the clues that keep accepts, with the
// basis of its first clue; ok is false when there is none, and place is ""
// with ok true when two differ.
func only(clues []clue, keep func(string) bool) (place, basis string, ok bool) {
	for _, c := range clues {
		if !keep(c.place) {
			continue
		}
		if !ok {
			place, basis, ok = c.place, c.basis, true
		} else if c.place != place {
			return "", "", true
		}
	}
	return place, basis, ok
}

// placeFull returns the full name of a place written as stem: the stem
// itself when it is a full name (博爱县), the full name the article writes
// or the gazetteer gives (博爱 → 博爱县), else the stem when it is a known
// short form (琮州 of a dateline, learned from 琮州市); "" when stem is no
// place.
func (d *doc) placeFull(stem string) string {
	if levelOf(stem) != 0 && (d.lx.places[stem] || d.learned[stem]) {
		return stem
	}
	for _, lv := range levelRunes {
		if w := stem + string(lv); d.learned[w] || strings.Contains(d.a.Title, w) || d.written(w) {
			return w
		}
	}
	if f := d.lx.id.placeFull[stem]; f != "" {
		return f
	}
	if d.lx.places[stem] || d.learned[stem] {
		return stem
	}
	return ""
}

// placePrefix splits a body's name into the place it starts with and the
// rest: 博爱县委 → 博爱县, 委; 洛川市教育局 → 洛川市, 教育局. The place is a
// gazetteer or learned name, or two characters and a level word.
func (d *doc) placePrefix(name string) (place, rest string) {
	rs := []rune(name)
	for n := min(len(rs)-1, 9); n >= 3; n-- {
		p := string(rs[:n])
		if levelOf(p) == 0 {
			continue
		}
		if d.lx.places[p] || d.learned[p] || n == 3 && !d.commonStem(string(rs[:2])) && !strings.ContainsRune(levelRunes, rs[0]) && !strings.ContainsRune(levelRunes, rs[1]) {
			return p, string(rs[n:])
		}
	}
	return "", name
}

// genericRest reports whether what follows a level word makes a generic
// body: 委, 人民政府, 教育局.
func (d *doc) genericRest(rest string) bool {
	for _, h := range d.lx.id.heads {
		if strings.HasPrefix(rest, h) {
			return true
		}
	}
	return false
}

// genericLevel reports whether a body's name is generic and of which level
// (0 for a name generic without one: 管委会).
func (d *doc) genericLevel(name string) (rune, bool) {
	if d.lx.id.bodies[name] {
		return 0, true
	}
	r, n := utf8.DecodeRuneInString(name)
	if strings.ContainsRune(levelRunes, r) && d.genericRest(name[n:]) {
		return r, true
	}
	return 0, false
}

// postLevel reports whether a post with no body is level-bound (县长,
// 常务副县长, 代区长) and of which level.
func postLevel(name string) (rune, bool) {
	for _, p := range []string{"常务", "代理", "代", "副"} {
		name = strings.TrimPrefix(name, p)
	}
	r, n := utf8.DecodeRuneInString(name)
	if strings.ContainsRune(levelRunes, r) && name[n:] == "长" {
		return r, true
	}
	return 0, false
}

// keyFor returns the scope of a generic name of the given level, and the
// resolved full name when the scope is a locale of that level.
func (sc *scopes) keyFor(name string, lv rune, generic bool) nodeKey {
	if !generic {
		return nodeKey{}
	}
	if lv == 0 {
		if sc.locale != "" {
			return nodeKey{scope: sc.locale, full: sc.locale + name}
		}
		return nodeKey{scope: sc.fallback}
	}
	if p := sc.byLevel[lv]; p != "" {
		_, n := utf8.DecodeRuneInString(name)
		if utf8.RuneCountInString(p) <= 2 {
			n = 0 // 澧县县委, not 澧县委
		}
		return nodeKey{scope: p, full: p + name[n:]}
	}
	return nodeKey{scope: sc.fallback}
}

// orgKey returns how the body named name is keyed in this article.
func (d *doc) orgKey(name string) nodeKey {
	if k, ok := d.sc.keys[name]; ok {
		return k
	}
	lv, generic := d.genericLevel(name)
	k := d.sc.keyFor(name, lv, generic)
	d.sc.keys[name] = k
	return k
}

// postKey returns how a post is keyed: as its body, or as a level-bound
// title with no body.
func (d *doc) postKey(ps *post) nodeKey {
	if ps.org != "" {
		k := d.orgKey(ps.org)
		if k.full != "" {
			k.full = k.full + strings.TrimPrefix(ps.name, ps.org)
		}
		return k
	}
	lv, ok := postLevel(ps.name)
	if !ok {
		return nodeKey{}
	}
	k := d.sc.keyFor(ps.name, lv, true)
	if k.full != "" {
		k.full = k.scope + ps.name // 博爱县县长, 博爱县副县长
	}
	return k
}

// scopedID returns a node ID keyed by name and, when there is one, scope.
func scopedID(label graph.Label, key, scope string) string {
	if scope == "" {
		return graph.NodeID(label, key)
	}
	return graph.NodeID(label, key+"@"+scope)
}

// national reports whether a post is of a national body or a national
// title, which make its holder one person nationwide.
func (d *doc) national(ps *post) bool {
	if ps.org == "" {
		return d.lx.id.titles[ps.name]
	}
	if d.lx.countries[ps.org] {
		return true
	}
	for _, p := range d.lx.id.national {
		if strings.HasPrefix(ps.org, p) {
			return true
		}
	}
	return false
}

// personScope returns a person's scope and the rule that set it.
func (d *doc) personScope(p *person) personScope {
	if s, ok := d.sc.persons[p]; ok {
		return s
	}
	s := d.scopeOfPerson(p)
	d.sc.persons[p] = s
	return s
}

func (d *doc) scopeOfPerson(p *person) personScope {
	var best personScope
	top := rankNone
	for _, ps := range p.posts {
		if s, r := d.postScope(ps); r > top {
			best, top = s, r
		}
	}
	switch {
	case top >= rankProvince:
		return personScope{"", best.basis}
	case top > rankNone && best.scope != "":
		return best
	case top > rankNone:
		// a town's post whose town the article does not tell: the
		// article's locale or outlet, else the article itself
		s, ok := d.localScope()
		if !ok {
			s = personScope{d.sc.fallback, "article"}
		}
		s.basis = best.basis + "; " + s.basis
		return s
	}
	return d.unposted()
}

// postScope returns the scope a post gives its holder and the post's rank:
// a national post ranks national; a post of a generic body or a
// level-bound title ranks by the place it resolves to (北京市委 is
// provincial), or by its level word where the article does not tell the
// place; a post of a body whose name starts with a real place (洛川市教育局)
// ranks by that place. A city's post whose city is untold is scoped to
// the level word alone (市): one name holding a city's post on the pages
// of the city's counties is one person. Other posts (a company's) rank
// none: they do not scope their holder.
func (d *doc) postScope(ps *post) (personScope, rank) {
	if d.national(ps) {
		return personScope{"", "national post " + ps.name}, rankNational
	}
	lv, generic := rune(0), false
	if ps.org != "" {
		lv, generic = d.genericLevel(ps.org)
	} else {
		lv, generic = postLevel(ps.name)
	}
	if generic && lv != 0 {
		if k := d.postKey(ps); k.full != "" && d.realPlace(k.scope) {
			r := d.placeRank(k.scope)
			return personScope{k.scope, rankWord(r) + " post " + ps.name + " of " + k.scope}, r
		}
		r := rankOfLevel(lv)
		switch r {
		case rankProvince:
			return personScope{"", "provincial post " + ps.name}, r
		case rankCity, rankCounty:
			return personScope{string(lv), rankWord(r) + " post " + ps.name + ", its place untold"}, r
		}
		return personScope{"", "post " + ps.name + ", its place untold"}, r
	}
	for _, name := range []string{ps.org, ps.name} {
		if strings.HasPrefix(name, "自治区") {
			return personScope{"", "provincial post " + ps.name}, rankProvince // 自治区党委书记
		}
		if place, _ := d.placePrefix(name); place != "" && d.realPlace(place) {
			r := d.placeRank(place)
			if r >= rankProvince {
				return personScope{"", "provincial post " + ps.name}, r
			}
			return personScope{place, rankWord(r) + " post " + ps.name + " of " + place}, r
		}
	}
	if ps.org != "" && !strings.ContainsRune(levelRunes, []rune(ps.org)[0]) && hasAnySuffix(ps.org, d.lx.id.bodyEnds) && !d.nationalOutlet() {
		// a body of its own name (宏淇新能源有限公司) tells its people apart
		// wherever they are named, but ranks below any place's post
		return personScope{ps.org, "post " + ps.name + " of " + ps.org}, rankBody
	}
	return personScope{}, rankNone
}

// rankWord names a rank in a scope's basis.
func rankWord(r rank) string {
	return [...]string{"", "body", "town", "county", "city", "provincial", "national"}[r]
}

// placeRank returns the rank of a place: its level in the gazetteer
// (北京市 is provincial, 巩义市 a county), else the level its name ends
// with (an autonomous region provincial).
func (d *doc) placeRank(p string) rank {
	if r, ok := d.lx.id.rank[p]; ok {
		return r
	}
	if strings.HasSuffix(p, "自治区") || strings.HasSuffix(p, "特别行政区") {
		return rankProvince
	}
	return rankOfLevel(levelOf(p))
}

// realPlace reports whether p is a place that can scope a name: a
// gazetteer place, or a name ending with a level word that is no area word
// (行政区, 市区: dict/genericareas.txt), is no fragment ending with a
// common word (查城市 of 检查城市: dict/areatails.txt) and whose stem has
// two characters or more, no level word of its own (乡设镇 of 撤乡设镇) and
// no function character (该市, 我县).
func (d *doc) realPlace(p string) bool {
	if d.lx.places[p] || d.lx.id.rank[p] != rankNone {
		return true
	}
	lv := levelOf(p)
	if lv == 0 || d.lx.id.areas[p] {
		return false
	}
	stem := strings.TrimSuffix(p, string(lv))
	if rs := []rune(p); len(rs) == 3 && d.lx.id.tails[string(rs[1:])] {
		return false // 查城市 of 检查城市
	}
	return utf8.RuneCountInString(stem) >= 2 && !strings.ContainsAny(stem, levelRunes) && !d.commonStem(stem)
}

// unposted is the scope of a person the article gives no post with a
// locale: national in a national outlet, else the article's locale, else
// its outlet, else national: a name with no post, place or outlet has
// nothing that tells it from the namesakes of other articles, and is read
// as the one its readers know (the leaders a list names).
func (d *doc) unposted() personScope {
	if d.nationalOutlet() {
		return personScope{"", "national outlet " + strOr(d.paper, d.a.Outlet)}
	}
	if s, ok := d.localScope(); ok {
		return s
	}
	return personScope{"", "no post, locale or outlet"}
}

// localScope returns the article's locale, else its outlet; ok is false
// when it has neither.
func (d *doc) localScope() (personScope, bool) {
	if d.sc.locale != "" {
		return personScope{d.sc.locale, "article " + d.sc.basis}, true
	}
	if o := strOr(d.paper, d.a.Outlet); o != "" {
		return personScope{o, "outlet " + o}, true
	}
	return personScope{}, false
}

// nationalOutlet reports whether the article is of a national outlet
// (dict/nationaloutlets.txt).
func (d *doc) nationalOutlet() bool {
	return d.lx.id.outlets[strOr(d.paper, d.a.Outlet)]
}

// reporterScope is the scope of a reporter of the byline: the outlet,
// else as an unposted person; a reporter the text also names as a person
// is that person.
func (d *doc) reporterScope(name string) personScope {
	if p := d.byName[name]; p != nil {
		return d.personScope(p)
	}
	if o := strOr(d.paper, d.a.Outlet); o != "" {
		return personScope{o, "reporter of " + o}
	}
	return d.unposted()
}
