package ingest

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/ingest/ner"
)

// followers are what may come right after a person's name.
var followers = []string{
	"主持", "出席", "参加", "陪同", "列席", "到会", "一行", "座谈", "会见", "会谈", "表示", "介绍", "指出", "强调", "要求", "宣布", "致辞", "讲话",
	"带领", "率领", "来到", "作了", "作", "颁发", "同志", "应邀", "受邀", "通报", "汇报", "宣读", "就", "分别", "先后", "详细", "实地", "首先", "一同",
	"看望", "听取", "签约", "签订", "签署", "代表", "深入", "关于", "进行", "共同", "认为", "希望", "感谢", "欢迎", "当选", "随后", "亲自", "专门",
	"主动", "调研", "督导", "检查", "考察", "视察", "察看", "查看", "慰问", "宣誓", "领誓", "提出", "回顾", "总结", "部署", "安排", "鼓励", "叮嘱",
	"肯定", "充分", "高度", "结合", "围绕", "作为", "现场", "登上", "沿街", "随机", "逐一", "一起", "对", "说", "在", "到", "为", "与", "和", "及",
	"等", "向", "从", "被", "将", "已", "也", "还", "并", "又", "再", "都", "是", "赴", "率", "受", "任", "以",
	// 习近平发来贺信: without them the HMM's cut (习近|平发)
	// would decide the name
	"发来", "致电", "致信", "复信", "回信", "近日", "日前", "走访", "担任", "兼任",
	// 王五全票当选, 王五连任市长
	"全票", "高票", "连任", "再次",
	// 大使向总统某某递交国书, 某某定于5月访问: verbs whose first
	// character would otherwise end a transliterated name
	"递交", "定于", "接受", "转达", "通电话",
}

// mayNameSomeone reports whether a sentence has a person's verb after a
// surname that no name found covers, so that tagging it may find someone.
// It also holds with a name in a list before 等 (张三等出席), a middle dot
// (雷诺·艾德) or a transliteration after a title (总统托卡耶夫).
func (d *doc) mayNameSomeone(s span, taken func(span) bool) bool {
	r := d.r
	for p := s.start + 1; p < s.end; p++ {
		if r[p] == '·' && !taken(span{p - 1, p + 1}) {
			return true
		}
		if d.lx.translit[r[p]] && !taken(span{p, p + 1}) && (d.lx.titleEndingAt(r, p) != "" || foreignTitles[d.lx.titleAt(r, p+1)]) {
			return true // 总统托卡耶夫, 普京总统
		}
		if p < s.start+2 || !(strongFirst.has(r[p]) && anyPrefixAt(r, p, strongFollowers...) != "" || r[p] == '等') {
			continue
		}
		for n := 2; n <= 4 && p-n >= s.start; n++ {
			if (d.lx.surnames[string(r[p-n])] || d.lx.translit[r[p-n]]) && !taken(span{p - n, p}) {
				return true
			}
		}
	}
	return false
}

// strongFollowers are what only a person does right after the name.
var strongFollowers = []string{"表示", "介绍", "说", "指出", "强调", "发言", "出席", "参加", "陪同", "主持", "一行", "同志", "宣读", "汇报", "致辞", "讲话", "认为", "希望", "要求", "代表"}

// strongFirst holds the first characters of strongFollowers.
var strongFirst = firstRunes(strongFollowers)

// nameStop holds characters that do not occur in a given name.
const nameStop = "副委会局党府市区县省乡镇的了在与是等及并也还都就要把被对将个们些这那其此各每年日记者员处所站队组办社讯他她您你咱"

// conjunctions join names in a list; none starts a name, though 和 is
// also a rare surname (主席和普京, 负责人和老同志).
const conjunctions = "和与及同跟"

// prepositionSurnames are surnames that are far more often a preposition
// (向媒体介绍, 于本周).
const prepositionSurnames = "向于"

// speechVerbs are one-character verbs of speech that end a clause before a
// comma or colon (谢赫称，…) and end no given name there.
const speechVerbs = "称说"

// nameSoft holds characters of nameStop that may stand in a two-character
// given name when a follower or punctuation comes right after the name
// (柏松年主持, 郑其昌出席, 副主席段其东、; not 2025年, 其中).
const nameSoft = "年其会"

// parseName reads a person's name at r[i:]: a surname (compound first)
// and a one- or two-character given name, preferring the length after
// which a follower comes. strict asks for a follower.
func (d *doc) parseName(i int, strict bool) (string, bool) {
	r := d.r
	if i >= len(r) || !isHan(r[i]) || strings.ContainsRune(conjunctions, r[i]) {
		return "", false // 习近平主席和普京总统: 和 joins two names, it starts none
	}
	if d.sideAt(i) {
		return "", false // 乌方表示: a side, no person (rule 8.6)
	}
	if strings.ContainsRune(prepositionSurnames, r[i]) && d.prepositionFrame(i) {
		return "", false // 主席向|塔兰尼亚人民致以问候: 向 heads the object, no name
	}
	var lens []int
	if i+2 <= len(r) && d.lx.surnames[d.sub(i, i+2)] {
		lens = []int{4, 3}
	} else if d.lx.surnames[string(r[i])] {
		lens = []int{3, 2}
	} else {
		return "", false
	}
	if i+2 <= len(r) && (d.lx.boundaries[d.sub(i, i+2)] || d.lx.titleSet[d.sub(i, i+2)]) {
		return "", false
	}
	sn := 1
	if lens[0] == 4 {
		sn = 2
	}
	ok := func(n int) bool {
		if i+n > len(r) {
			return false
		}
		for k := i + 1; k < i+n; k++ {
			if !isHan(r[k]) || strings.ContainsRune(nameStop, r[k]) && !(k >= i+sn && strings.ContainsRune(nameSoft, r[k]) && n-sn == 2 && i+n < len(r) && (!isHan(r[i+n]) || anyPrefixAt(r, i+n, followers...) != "") && d.lx.titleAt(r, k) == "" && !d.plainWord(i+sn, i+n)) {
				return false // (黄会安在, not 黄会长在 nor 王会议在)
			}
		}
		// the name reads as plain words: a dictionary word that is no
		// name is the whole of it (高度, 计划) or starts it (鞠躬|致, 相信|习),
		// and the tagger reads no name there
		if e, w := d.words[i]; w && e >= i+2 && e <= i+n && d.plainWord(i, e) && !d.taggedPersonSpan(span{i, i + n}) {
			return false
		}
		// nor is it a word below the compact dictionary's cut-off that
		// names no one (来华, 关切), tagged or not, nor does such a word
		// start it where the tagger reads no name there or the last
		// character starts a word running past it (关切|询问)
		if n == 2 && d.lx.commonWords[d.sub(i, i+2)] {
			return false
		}
		if e, w := d.words[i+n-1]; n == 3 && sn == 1 && d.lx.commonWords[d.sub(i, i+2)] && (w && e > i+n || !d.taggedPersonSpan(span{i, i + n})) {
			return false
		}
		// a surname that is also a word of its own after a name (向,
		// 曾, 应, 位: dict/afternames.txt) before a given name that is a
		// word, or starts one running past the name, is that word
		// (位|内阁, 应|泰国总理邀请, 向|老同志), unless the name stands
		// elsewhere in the article
		if sn == 1 && d.lx.afterNames[r[i]] && d.wordAfterFunctionWord(i+1, i+n) && !d.standsElsewhere(d.sub(i, i+n), i) {
			return false
		}
		// a given name is no pronoun, adverb or particle (向|大家介绍)
		if g := d.sub(i+sn, i+n); utf8.RuneCountInString(g) == 2 {
			if freq, pos, found := d.lx.seg.Find(g); found && (functionPOS(pos) && pos != "v" && pos != "vd" || freq >= 10000) {
				return false // or a very common word (大家, 国家)
			}
			// a surname that is also a preposition before a common noun
			// reads as the preposition (负责人向媒体介绍), unless the
			// tagger reads a name there
			if _, pos, found := d.lx.seg.Find(g); found && pos == "n" && strings.ContainsRune(prepositionSurnames, r[i]) && !d.taggedPersonSpan(span{i, i + n}) {
				return false
			}
		}
		return true
	}
	follows := func(j int) bool {
		if j >= len(r) {
			return true
		}
		if !isHan(r[j]) {
			return true
		}
		if anyPrefixAt(r, j, followers...) != "" {
			return true
		}
		return d.lx.titleAt(r, j) != ""
	}
	// 马骏和县长尹志刚: a conjunction after the shorter name, then a title
	// or another name, ends the name there
	if sh := lens[1]; ok(sh) && i+sh+1 < len(r) && strings.ContainsRune("和与及同", r[i+sh]) && d.startsOrgOrTitle(i+sh+1) {
		return d.sub(i, i+sh), true
	}
	// 王晨|作关于…的说明, 兰臻|回到: the longer form's last character is a
	// word of its own after a name and starts what follows (a verb, or a
	// follower right after it); the shorter form is the name where the
	// tagger reads it or it stands elsewhere
	if sh := lens[1]; ok(sh) && ok(lens[0]) && !d.plainWord(i, i+sh) && d.lx.afterNames[r[i+sh]] && (d.verbWordAt(i+sh) || anyPrefixAt(r, i+sh+1, followers...) != "") &&
		(d.taggedPersonSpan(span{i, i + sh}) || d.standsElsewhere(d.sub(i, i+sh), i) || d.twoVerbs(i+sh)) {
		return d.sub(i, i+sh), true
	}
	// 洪森|致贺电, 巴赫|独家专访: after a transliterated name the tagger
	// reads, a word of its own after a name that is no transliteration
	// ends it
	if sh := lens[1]; ok(sh) && i+sh < len(r) && d.lx.afterNames[r[i+sh]] && !d.lx.translit[r[i+sh]] && d.transliterated(d.sub(i, i+sh)) &&
		(d.taggedPersonSpan(span{i, i + sh}) || d.standsElsewhere(d.sub(i, i+sh), i) || d.hmmWordEndsAt(i, i+sh) ||
			utf8.RuneCountInString(anyPrefixAt(r, i+sh+1, followers...)) >= 2) {
		// (莫迪|致|慰问电: a follower right after that word, too)
		return d.sub(i, i+sh), true
	}
	// 张力|来到: a follower word starting on the longer form's last
	// character ends the name before it
	if sh := lens[1]; ok(sh) && utf8.RuneCountInString(anyPrefixAt(r, i+sh, followers...)) >= 2 {
		return d.sub(i, i+sh), true
	}
	// 谢赫|称，: a verb of speech after a two-character name, then a
	// comma or colon, is no given name's last character
	if sh := lens[1]; ok(sh) && i+sh+1 < len(r) && strings.ContainsRune(speechVerbs, r[i+sh]) && strings.ContainsRune("，：,:", r[i+sh+1]) {
		return d.sub(i, i+sh), true
	}
	for _, n := range lens {
		if ok(n) && follows(i+n) {
			return d.sub(i, i+n), true
		}
	}
	if strict {
		return "", false
	}
	// No follower: the longer form, unless the shorter one stands as a
	// name elsewhere in the article (刘宁莅焦… and 刘宁书记).
	long, short := lens[0], lens[1]
	// the longer form standing as a name elsewhere (李宏伟发来贺信 …
	// 李宏伟指出) is the name here too, not a fragment of it
	if ok(long) && d.standsElsewhere(d.sub(i, i+long), i) {
		return d.sub(i, i+long), true
	}
	if ok(short) && d.standsElsewhere(d.sub(i, i+short), i) {
		return d.sub(i, i+short), true
	}
	// A verb starting on the longer form's last character ends the name
	// before it (林海|带队, 李明|说明): the shorter form.
	if ok(short) {
		if e, found := d.words[i+short]; found && e-(i+short) >= 2 {
			if _, pos, ok := d.lx.seg.Find(d.sub(i+short, e)); ok && (pos == "v" || pos == "vn" || pos == "vd") {
				return d.sub(i, i+short), true
			}
		}
	}
	// The tagger reading the longer form as a name overrules the HMM,
	// which cuts a given name it has not seen (应国家主席习近|平|邀请).
	if ok(long) && d.cuts[i+long] && d.taggedPersonSpan(span{i, i + long}) {
		return d.sub(i, i+long), true
	}
	// The segmenter's word for it, when that is a name's length (钱辉|座谈)
	// and not a dictionary word (安排).
	if e, found := d.tokenAt(i); found && (e-i == long && ok(long) || e-i == short && ok(short)) && d.words[i] != e {
		if e-i == short && ok(long) && d.orphanAfter(i+short) {
			return d.sub(i, i+long), true // 习近|平|通过: the HMM cut an unseen given name
		}
		return d.sub(i, e), true
	}
	// Last, the longer form with nothing to back it: only where the
	// tagger reads a name starting there too, for a surname and the next
	// words (总书记高度关心, 理事国和世界, 记者向国务院) read no name.
	if ok(long) && i+long < len(r) && isHan(r[i+long]) && d.taggedFrom(i, long) {
		return d.sub(i, i+long), true
	}
	return "", false
}

// prepositionVerbs are the verbs a phrase 向/于 X leads up to (向…致以问候,
// 向…表示祝贺, 向…学习).
var prepositionVerbs = []string{"表示", "致以", "致贺", "致唁", "致电", "致信", "致辞", "致敬", "学习", "转达", "介绍", "汇报", "颁发", "赠送", "祝贺", "问候", "通报"}

// prepositionFrame reports whether the surname at i that is far more
// often a preposition (向, 于) heads a prepositional phrase: neither a name
// of two nor one of three characters is followed right away by a follower
// other than a conjunction, or by punctuation, and a verb such a phrase leads up to comes later in the
// clause (向老|教授们学习; but 向华表示, 向华在会上表示).
func (d *doc) prepositionFrame(i int) bool {
	r := d.r
	for n := 2; n <= 3; n++ {
		if f := anyPrefixAt(r, i+n, followers...); i+n >= len(r) || !isHan(r[i+n]) || f != "" && !strings.Contains(conjunctions, f) {
			return false // (a conjunction joins the object to another: 向拉美和加勒比…致辞)
		}
	}
	for k := i + 3; k < len(r) && k < i+40 && isHan(r[k]); k++ {
		if anyPrefixAt(r, k, prepositionVerbs...) != "" {
			return true
		}
	}
	return false
}

// wordAfterFunctionWord reports whether the given name r[g:e], after a
// surname that is also a function word, reads as a word: a dictionary
// word that is no name or a state, or the start of a dictionary word
// running past e. Words below the compact dictionary's cut-off are no
// evidence here: given names are often such words (任|强军).
func (d *doc) wordAfterFunctionWord(g, e int) bool {
	w, found := d.words[g]
	if found && w > e {
		return true
	}
	if found && w == e {
		_, pos, ok := d.lx.seg.Find(d.sub(g, e))
		return ok && !strings.HasPrefix(pos, "nr")
	}
	return d.lx.countries[d.sub(g, e)]
}

// sideAt reports whether a state's one-character short form and 方 are
// written at i (乌方, 蒙方): the side of a state, which no name starts.
func (d *doc) sideAt(i int) bool {
	return i+2 <= len(d.r) && d.lx.countryAbb[d.r[i]] && d.r[i+1] == '方' && (i+2 == len(d.r) || !isHan(d.r[i+2]) || d.cuts[i+2])
}

// hmmWordEndsAt reports whether the HMM segmentation reads r[i:e] as one
// word (巴赫|独家).
func (d *doc) hmmWordEndsAt(i, e int) bool {
	end, ok := d.tokenAt(i)
	return ok && end == e
}

// plainWord reports whether r[s:e] is a dictionary word that is no name
// (文化 of 文化宣传).
func (d *doc) plainWord(s, e int) bool {
	if d.words[s] != e {
		return false
	}
	_, pos, found := d.lx.seg.Find(d.sub(s, e))
	return found && !strings.HasPrefix(pos, "nr")
}

// twoVerbs reports whether the character at i is a follower of its own
// and a follower of two characters or more comes right after it (作|关于,
// 作|总结): a verb and its object, no given name's last character. A
// conjunction joins no verb (刘家和|主持: 和 is the name's last character).
func (d *doc) twoVerbs(i int) bool {
	r := d.r
	if i+1 >= len(r) || anyPrefixAt(r, i, followers...) != string(r[i]) || strings.ContainsRune(conjunctions, r[i]) {
		return false
	}
	return utf8.RuneCountInString(anyPrefixAt(r, i+1, followers...)) >= 2
}

// verbWordAt reports whether a dictionary verb of two characters or more
// starts at i (回到).
func (d *doc) verbWordAt(i int) bool {
	e, ok := d.words[i]
	if !ok || e-i < 2 {
		return false
	}
	_, pos, found := d.lx.seg.Find(d.sub(i, e))
	return found && (pos == "v" || pos == "vd" || pos == "vn")
}

// taggedFrom reports whether the tagger, if there is one, reads a person's
// name at i of n characters, or a longer one that runs on only in
// transliteration (费尔南|德斯): 高瞻远瞩, tagged whole, is no name.
func (d *doc) taggedFrom(i, n int) bool {
	if d.tagger == nil {
		return true
	}
	e := d.taggedPersonEnd(i)
	return e == i+n || e > i+n && d.transliterated(d.sub(i+n, e))
}

// orphanAfter reports whether the character at k, right after a name the
// HMM cut short, belongs to nothing else: no dictionary word starts on it,
// the HMM leaves it alone or joins it only to a word of its own after a
// name, a word or punctuation comes after it, and it is
// no word of its own after a name (李强|称, listed in dict/afternames.txt).
func (d *doc) orphanAfter(k int) bool {
	r := d.r
	if k+1 >= len(r) || !isHan(r[k]) || d.lx.afterNames[r[k]] || d.lx.translit[r[k]] {
		return false
	}
	if _, w := d.words[k]; w || !d.cuts[k+1] {
		return false
	}
	if e, ok := d.tokenAt(k); !ok || e > k+1 && !d.lx.afterNames[r[k+1]] {
		return false // the HMM's word (but 习近|平致唁|电函: 致 is a word of its own)
	}
	_, next := d.words[k+1]
	return next || !isHan(r[k+1]) || d.lx.afterNames[r[k+1]]
}

// startsOrgOrTitle reports whether a post chain starts at i: a level word
// or place followed, within a few characters, by a title (县长, 市发改委主任).
func (d *doc) startsOrgOrTitle(i int) bool {
	for j := i; j < len(d.r) && j < i+12 && isNameChar(d.r[j]); j++ {
		if d.lx.titleAt(d.r, j) != "" {
			return d.startsSpecific(d.sub(i, j+1)) || j == i
		}
	}
	return false
}

// standsElsewhere reports whether name occurs elsewhere in the article
// followed by a follower, a title or punctuation.
func (d *doc) standsElsewhere(name string, not int) bool {
	r, n := d.r, utf8.RuneCountInString(name)
	for _, i := range d.writtenAt(name) {
		if i == not || i+n > len(r) || !hasPrefixAt(r, i, name) {
			continue
		}
		j := i + n
		if j >= len(r) || !isHan(r[j]) || d.lx.titleAt(r, j) != "" || anyPrefixAt(r, j, followers...) != "" {
			return true
		}
	}
	return false
}

// writtenAt returns the positions, in order, where the first two
// characters of s are written (every position for a shorter s), from an
// index built once per article: a name tested for each candidate would
// otherwise cost a pass over the text each.
func (d *doc) writtenAt(s string) []int {
	if utf8.RuneCountInString(s) < 2 {
		all := make([]int, len(d.r))
		for i := range all {
			all[i] = i
		}
		return all
	}
	if d.pairAt == nil {
		d.pairAt = map[uint64][]int{}
		for i := 0; i+1 < len(d.r); i++ {
			k := uint64(d.r[i])<<32 | uint64(d.r[i+1])
			d.pairAt[k] = append(d.pairAt[k], i)
		}
	}
	return d.pairAt[firstPair(s)]
}

// knownNameEndsAt reports whether a person already found is named right
// before i (刘宁书记安排…: the title follows a name, it does not introduce one).
func (d *doc) knownNameEndsAt(i int) bool {
	for n := range d.nameLens {
		if i-n >= 0 && i <= len(d.r) && d.byName[d.sub(i-n, i)] != nil {
			return true
		}
	}
	return false
}

// chainItem is one post of a post chain: an organisation part and a title.
type chainItem struct {
	org, title string
	start, end int
}

// findPeople finds "organisation + title + name" chains (市政协副主席、高新区
// （示范区）党工委书记吕沛), names listed after them (副区长段晴、温景行) and
// "name + title" of leaders (习近平总书记).
func (d *doc) findPeople() {
	r := d.r
	for _, rp := range d.reporters {
		d.addPersonSpan(personSpan{span: rp.sp})
	}
	start := d.bylineEnd
	for i := start; i < len(r); i++ {
		t := d.lx.titleAt(r, i)
		if t == "" {
			continue
		}
		te := i + utf8.RuneCountInString(t)
		if te < len(r) && strings.ContainsRune("会处室组团国", r[te]) {
			// 主席国, 理事国: a member state, no title
			continue
		}
		if d.verbRunsInto(i, te) || d.wordRunsOutOf(i, te) {
			continue // 进行|长时间: a verb runs into the title (行长)
		}
		if utf8.RuneCountInString(d.lx.titleEndingAt(r, te)) > te-i {
			continue // 书记 of 总书记: the longer title, read from its start, decided
		}
		name, ok := d.parseName(te, false)
		if n := utf8.RuneCountInString(name); ok && te+n < len(r) && r[te+n] == '·' || d.foreignTitle(i, t) {
			// 哈萨克斯坦总统托卡耶夫, 总统卢卡申科: a foreign name need not start
			// with a surname nor have three characters; the tagger reads it,
			// and without its name there is none (总统官邸, 总统祝贺他)
			if n, found := d.taggedNameAt(te); found {
				name, ok = n, true
			} else if n := d.translitRunAt(te); n != "" && d.foreignTitle(i, t) {
				name, ok = n, true // 沙特国王萨勒曼。, where the tagger reads 沙特国|王萨勒曼
			} else if d.tagger != nil {
				ok = false
			}
		} else if ok {
			// 秘书长古特雷斯, 主席冯德莱恩: a transliterated name starting
			// with a surname runs on past a Chinese name's length
			ne := te + utf8.RuneCountInString(name)
			// (only a transliteration character can run on: the tagger
			// is asked only then, most names after a title are Chinese)
			if ne < len(d.r) && (d.r[ne] == '·' || d.lx.translit[d.r[ne]]) {
				if e := d.taggedPersonEnd(te); e > ne && d.cuts[e] && d.trimTaggedEnd(span{te, e}).end == e && d.transliterated(d.sub(ne, e)) {
					name = d.sub(te, e)
				}
			}
		}
		if !ok || d.lx.titleSet[name] || d.stateAt(te) || d.lx.countries[name] {
			continue // 轮值主席沙特国王…, 秘书长塔兰尼亚问题特使: a state after a title starts no name
		}
		if d.inPersonSpan(i) || d.personEndsAt(i) || d.knownNameEndsAt(i) {
			continue
		}
		if d.nameBeforeTitle(i, t) {
			if _, pos, found := d.lx.seg.Find(name); found && !strings.HasPrefix(pos, "nr") || utf8.RuneCountInString(name) == 2 && anyPrefixAt(r, te+2, strongFollowers...) == "" {
				continue // 习近平总书记高度重视, 习近平主席全票当选: the title follows a name
			}
			if _, pos, found := d.lx.seg.Find(name); d.tagger != nil && !(found && strings.HasPrefix(pos, "nr")) && !d.taggedPersonSpan(span{te, te + utf8.RuneCountInString(name)}) {
				continue // 总书记高瞻远瞩, 副主席来巴出席: only a name the tagger reads follows a name's title
			}
		}
		items := d.chainBefore(i, t)
		if items[0].org == "" {
			items[0].org = d.listBody(items[0].start, items[0].title)
		}
		p := d.person(name, span{te, te + utf8.RuneCountInString(name)})
		ev := d.sentenceOf(te)
		chain := d.newChain()
		for _, it := range items {
			ps := &post{org: it.org, title: it.title, ev: ev, chain: chain}
			if it.org != "" {
				ps.orgSpan = span{it.start, it.start + utf8.RuneCountInString(it.org)}
			}
			p.posts = append(p.posts, ps)
			d.titleSpans = append(d.titleSpans, span{it.end - utf8.RuneCountInString(it.title), it.end})
		}
		// 副区长段晴、温景行: the names that follow share the posts (rule
		// 3.8), after a comma too where the name is an item of a list,
		// with no verb of its own (常务副会长段晴,温景行,副会长…)
		j := te + utf8.RuneCountInString(name)
		for j < len(r) && (r[j] == '、' || r[j] == ',' || r[j] == '，') {
			n2, ok := d.parseName(j+1, true)
			if !ok && r[j] == '、' {
				n2, ok = d.listItem(j + 1)
			}
			if !ok || d.lx.titleAt(r, j+1) != "" || d.lx.titleAt(r, j+1+utf8.RuneCountInString(n2)) != "" {
				break // a title after it: another post chain (白鹭镇镇长孙强)
			}
			if e2 := j + 1 + utf8.RuneCountInString(n2); r[j] != '、' && (e2 >= len(r) || !strings.ContainsRune("、,，。；;", r[e2])) {
				break // 市长段晴，温景行表示: a clause of its own
			}
			if q := d.byName[n2]; q != nil && len(q.posts) > 0 {
				break
			}
			q := d.person(n2, span{j + 1, j + 1 + utf8.RuneCountInString(n2)})
			chain := d.newChain()
			for _, it := range items {
				q.posts = append(q.posts, &post{org: it.org, title: it.title, ev: ev, chain: chain})
			}
			j += 1 + utf8.RuneCountInString(n2)
		}
		i = te + utf8.RuneCountInString(name) - 1
	}
	d.leadersBeforeTitles()
	d.comrades()
}

// stateAt reports whether the name of a state (dict/countries.txt) and a
// title are written at i (沙特国王; not 马里纳, a name after 大使).
func (d *doc) stateAt(i int) bool {
	for n := 2; n <= 6 && i+n <= len(d.r); n++ {
		if d.cuts[i+n] && d.lx.countries[d.sub(i, i+n)] && d.lx.titleAt(d.r, i+n) != "" {
			return true
		}
	}
	return false
}

// listItem reads a name in a list of names at k that parseName does not
// (委员甲、琼色、海尼扎提·托呼提也回答): the tagger's name there, or two or
// three characters up to the next 、 with another name after it. It
// returns "" when there is none.
func (d *doc) listItem(k int) (string, bool) {
	r := d.r
	if n, ok := d.taggedNameAt(k); ok && strings.ContainsRune(n, '·') {
		return n, true
	}
	if n := d.dottedNameAt(k); n != "" {
		return n, true
	}
	e := k
	for e < len(r) && e < k+4 && isHan(r[e]) && !strings.ContainsRune(nameStop+conjunctions, r[e]) {
		e++
	}
	if e-k < 2 || e-k > 3 || e+1 >= len(r) || r[e] != '、' || d.plainWord(k, e) || d.lx.titleAt(r, k) != "" {
		return "", false
	}
	if w, ok := d.words[k]; ok && w > k+1 {
		return "", false // a word starts there: no unknown name
	}
	if _, ok := d.parseName(e+1, true); ok {
		return d.sub(k, e), true
	}
	if n, ok := d.taggedNameAt(e + 1); ok && strings.ContainsRune(n, '·') || d.dottedNameAt(e+1) != "" {
		return d.sub(k, e), true
	}
	return "", false
}

// dottedNameAt returns the name of parts joined by a middle dot at k
// (海尼扎提·托呼提), two to six characters each, that ends before a
// follower or punctuation; "" when there is none.
func (d *doc) dottedNameAt(k int) string {
	r := d.r
	e, parts := k, 0
	for {
		p := e
		for e < len(r) && e < p+6 && isHan(r[e]) && (e < p+2 || anyPrefixAt(r, e, followers...) == "") {
			e++
		}
		if e-p < 2 {
			return ""
		}
		parts++
		if e < len(r) && r[e] == '·' {
			e++
			continue
		}
		break
	}
	if parts < 2 || e < len(r) && isHan(r[e]) && anyPrefixAt(r, e, followers...) == "" {
		return ""
	}
	return d.sub(k, e)
}

// listBody returns the body a post with no body of its own at start
// shares with the person listed right before it (县政协主席张三、副主席李四、
// 党组成员王五 -> 县政协党组成员), as a chain shares it (rule 3.6); "" when
// none.
func (d *doc) listBody(start int, title string) string {
	if start < 1 || d.r[start-1] != '、' || !d.personEndsAt(start-1) || headTitles[title] {
		return ""
	}
	// the names of a list are found left to right: the one before is
	// among the last found (no walk over every mention)
	var prev *person
	for k := len(d.personSpans) - 1; k >= 0 && k >= len(d.personSpans)-4; k-- {
		if ps := d.personSpans[k]; ps.end == start-1 && ps.p != nil {
			prev = ps.p
			break
		}
	}
	if prev == nil || len(prev.posts) == 0 {
		return ""
	}
	last := prev.posts[len(prev.posts)-1]
	o := last.org
	if !isPartyTitle(title) && areaOf(o) == "" && (isPartyBody(o) || unitOf(o) != o) {
		// 集团董事长、党委书记A、副总经理B: the unit's officer, not its
		// party organ's, a body of its own (rule 4.4)
		o = unitOf(o)
		for k := len(prev.posts) - 1; k >= 0 && isPartyBody(o); k-- {
			if ps := prev.posts[k]; ps.chain == last.chain && !isPartyBody(ps.org) {
				o = unitOf(ps.org)
			}
		}
		if isPartyBody(o) {
			return ""
		}
	}
	if o == "" || areaOf(o) != "" && !isPartyTitle(title) && !strings.HasSuffix(o, "常委会") && !strings.HasSuffix(o, "政协") {
		return ""
	}
	if b := partyOrganOf(o); b != "" && !isPartyTitle(title) {
		o = strings.TrimSuffix(o, b) // 大学党委书记张三、校长李四: the unit's head, not its party organ's (rule 4.4)
	}
	return o
}

// nameBeforeTitle reports whether a name written as a leader's (a
// surname and a given name on word cuts, no body) ends right before the
// honorific or national title t at i (习近平|总书记).
func (d *doc) nameBeforeTitle(i int, t string) bool {
	if !honorifics[t] && !nationalTitles[t] {
		return false
	}
	for _, n := range []int{3, 2} {
		s := i - n
		if s < 0 || !d.cuts[s] {
			continue
		}
		if name, ok := d.parseName(s, true); ok && utf8.RuneCountInString(name) == n && !d.startsSpecific(name) && d.lx.suffixEndingAt(d.r, i) == "" {
			return true
		}
	}
	return false
}

// verbRunsInto reports whether a dictionary verb starting before the
// title at r[i:te] ends inside it (进行长时间: no 行长 there).
// wordRunsOutOf reports whether the segmentation reads a word that starts
// inside the title r[i:te] and runs past it (泸州|长江|大桥, 部署|长江流域,
// 会|长成): the title's last characters start the next word, no name
// follows a title there.
func (d *doc) wordRunsOutOf(i, te int) bool {
	for j := i + 1; j < te; j++ {
		if e, ok := d.words[j]; ok && e > te {
			return true
		}
	}
	return false
}

func (d *doc) verbRunsInto(i, te int) bool {
	for j := max(i-3, 0); j < i; j++ {
		if e, ok := d.words[j]; ok && e > i && e < te {
			_, pos, found := d.lx.seg.Find(d.sub(j, e))
			return found && (pos == "v" || pos == "vd" || pos == "d" || pos == "ad")
		}
	}
	return false
}

// comrades finds "name + 同志" (王明同志): a person named with the
// party's form of address.
func (d *doc) comrades() {
	r := d.r
	for i := d.bylineEnd; i+2 <= len(r); i++ {
		if !hasPrefixAt(r, i, "同志") {
			continue
		}
		for _, n := range []int{3, 2, 4} {
			s := i - n
			if s < 0 || d.inPersonSpan(s) {
				continue
			}
			if s > 0 && isHan(r[s-1]) && d.lx.boundaryEndingAt(r, s, d.cuts) == 0 && !d.personEndsAt(s) && d.lx.titleEndingAt(r, s) == "" {
				continue
			}
			if name, ok := d.parseName(s, true); ok && utf8.RuneCountInString(name) == n && d.words[s] != i {
				d.person(name, span{s, i})
				break
			}
		}
	}
}

// leadersBeforeTitles finds "name + title" mentions of people who are
// introduced no other way (习近平总书记, 张三书记、李四县长出席).
func (d *doc) leadersBeforeTitles() {
	r := d.r
	for i := d.bylineEnd; i < len(r); i++ {
		t := d.lx.titleAt(r, i)
		if t == "" || !honorifics[t] && !nationalTitles[t] {
			continue
		}
		for _, n := range []int{3, 4, 2} {
			s := i - n
			if s < 0 || d.inPersonSpan(s) || d.knownNameEndsAt(i) {
				continue
			}
			name, ok := d.parseName(s, true)
			if !ok || utf8.RuneCountInString(name) != n || d.words[s] == i || !d.cuts[s] || !d.cuts[i] {
				continue
			}
			if d.lx.titleAt(r, s) != "" || d.startsSpecific(name) || d.lx.suffixEndingAt(r, i) != "" {
				continue // 常务|副县长, 区政协|主席: a title or a body, no name
			}
			if rs := []rune(name); d.lx.countries[string(rs[1:])] {
				continue // 应|泰国总理, 向|德国总理: a preposition and a state, no name
			}
			if s > 0 && isHan(r[s-1]) && d.lx.boundaryEndingAt(r, s, d.cuts) == 0 {
				continue
			}
			p := d.person(name, span{s, i})
			if len(p.posts) == 0 && nationalTitles[t] {
				// the title is the whole post (习近平总书记); a local one
				// (张三书记) names no body, so no post is made of it
				p.posts = append(p.posts, &post{title: t, ev: d.sentenceOf(i), chain: d.newChain()})
			}
			d.titleSpans = append(d.titleSpans, span{i, i + utf8.RuneCountInString(t)})
			break
		}
	}
}

// nationalTitles are posts named by the title alone (习近平总书记).
var nationalTitles = map[string]bool{"总书记": true, "总理": true, "副总理": true, "委员长": true}

// honorifics are the titles written after a name as a form of address
// (张三书记、李四县长).
var honorifics = map[string]bool{"书记": true, "副书记": true, "主席": true, "副主席": true, "省长": true, "市长": true, "县长": true, "区长": true, "副省长": true, "副市长": true, "副县长": true, "副区长": true, "主任": true, "局长": true, "部长": true, "院长": true, "校长": true, "董事长": true, "总经理": true, "行长": true}

// chainBefore collects the post chain that ends with the title at
// r[ts:ts+len(title)], walking left across 、 and 兼.
func (d *doc) chainBefore(ts int, title string) []chainItem {
	var items []chainItem
	end := ts + utf8.RuneCountInString(title)
	for {
		k := d.scanLeft(ts, false)
		k = d.trimPostLead(k, ts)
		k = d.afterBodyBreak(k, ts)
		k = d.taggedBodyStart(k, ts)
		org := d.sub(k, ts)
		org = trimOrgPrefix(org)
		k = ts - utf8.RuneCountInString(org)
		k, org = pronounLevel(d.r, k, org) // 该县|县委书记
		if pronounBody(org) {
			k, org = ts, "" // 我会会长: the writer's own body, the title alone
		}
		org = d.dropFormer(org)
		if title == "部长" && d.deptStem(org) {
			org, title = org+"部", "长" // 县委常委、组织部长: the head of 县委组织部, as written
		}
		items = append([]chainItem{{org: org, title: title, start: k, end: end}}, items...)
		if k == 0 {
			break
		}
		sep := 0
		if d.r[k-1] == '、' {
			sep = 1
		} else if d.r[k-1] == '兼' {
			sep = 1
		}
		if sep == 0 {
			break
		}
		prev := d.lx.titleEndingAt(d.r, k-sep)
		if prev == "" || d.personEndsAt(k-sep) {
			break
		}
		end = k - sep
		ts = end - utf8.RuneCountInString(prev)
		title = prev
	}
	return items
}

// deptStem reports whether org ends with the name of a party committee's
// department without its 部 (组织, 宣传, 统战 of 组织部长): the title 部长
// written after it is the department's 部 and its head's 长.
func (d *doc) deptStem(org string) bool {
	for dept := range d.lx.partyDepts {
		if stem, ok := strings.CutSuffix(dept, "部"); ok && strings.HasSuffix(org, stem) {
			return true
		}
	}
	return false
}

// taggedBodyStart returns where the body of a post written in r[k:ts]
// starts, read again against the organisations the tagger reads in its
// sentence:
//   - one written across k, within the clause, extends the body to its
//     own start: the scan stopped at a word the name holds (中国联合|网络
//     通信集团有限公司, 数字金融研究|中心);
//   - one ending the body after a word that cannot belong to a body
//     (dict/postleads.txt) is the body: 应|世界经济论坛, 河内同|越共中央.
func (d *doc) taggedBodyStart(k, ts int) int {
	sent := d.sentenceOf(ts)
	for _, sp := range d.taggedSpans(sent) {
		a, b := sent.start+sp.Start, sent.start+sp.End
		if sp.Type != ner.Organisation {
			continue
		}
		switch {
		case a < k && b > k && b <= ts && d.clauseRun(a, k) && !d.leadIn(a, k):
			return a
		case a > k && b == ts && d.leadEndsAt(k, a):
			return a
		}
	}
	return k
}

// clauseRun reports whether r[a:b] may begin a body's name: characters
// a name may hold, no list or clause mark, no conjunction joining two
// names and no person's name (马骏与|公司董事长).
func (d *doc) clauseRun(a, b int) bool {
	for q, c := range d.r[a:b] {
		if !isNameChar(c) || strings.ContainsRune("和与及暨", c) || d.inPersonSpan(a+q) {
			return false
		}
	}
	return true
}

// afterBodyBreak returns where a body written in r[start:end] starts:
// after the last preposition no body holds (dict/bodybreaks.txt) written
// as a word of its own with two characters or more after it, else start.
func (d *doc) afterBodyBreak(start, end int) int {
	for q := end - 3; q >= start; q-- {
		for n := 1; n <= 2 && q+n <= end-2; n++ {
			if d.lx.bodyBreaks[d.sub(q, q+n)] && d.cuts[q] && d.cuts[q+n] {
				return q + n
			}
		}
	}
	return start
}

// leadIn reports whether r[a:b] holds a word a post's body cannot hold
// (dict/postleads.txt, dict/bodybreaks.txt) as a word of its own.
func (d *doc) leadIn(a, b int) bool {
	for q := a; q < b; q++ {
		for n := 1; n <= 2 && q+n <= b; n++ {
			if w := d.sub(q, q+n); (d.lx.postLeads[w] || d.lx.bodyBreaks[w]) && d.cuts[q] && d.cuts[q+n] {
				return true
			}
		}
	}
	return false
}

// leadEndsAt reports whether a word a post's body cannot hold
// (dict/postleads.txt) ends at i, after from.
func (d *doc) leadEndsAt(from, i int) bool {
	for n := 1; n <= 2 && i-n >= from; n++ {
		if d.lx.postLeads[d.sub(i-n, i)] {
			return true
		}
	}
	return false
}

// dropFormer drops 原 (former) from a post's body: written before the
// title (区人大常委会原主任) or between a unit and its party organ that
// holds the title (集团有限公司原党组副书记, not 太原|党委); 原X gives the
// post X (rule 8.9), and the organ is the unit's.
func (d *doc) dropFormer(org string) string {
	if o, ok := strings.CutSuffix(org, "原"); ok && o != "" {
		return o
	}
	for _, b := range partyBodies {
		if u, ok := strings.CutSuffix(org, "原"+b); ok && d.lx.suffixEndingAt([]rune(u), utf8.RuneCountInString(u)) != "" {
			return u + b
		}
	}
	return org
}

// trimPostLead returns where the body of a post written in r[start:ts]
// starts: after the last word that cannot be part of a body (a verb, a
// preposition, a time word: 杂志发表|中共中央, 今晚播出|菲律宾, 应|国家),
// where a state, a place or a known body follows.
func (d *doc) trimPostLead(start, ts int) int {
	best := start
	for q := start; q < ts; q++ {
		// a listed word, however the text is cut (今晚|播|出), or the
		// dictionary's word at q when it is a verb, time word or adverb
		for n := 1; n <= 2 && q+n <= ts; n++ {
			if d.lx.postLeads[d.sub(q, q+n)] && (q+n == ts || d.cuts[q+n] && d.bodyStartsAt(q+n, ts)) {
				best = q + n
			}
		}
		e, ok := d.words[q]
		if !ok || e >= ts || !d.cuts[e] || nameVerbs[d.sub(q, e)] {
			continue
		}
		if _, pos, found := d.lx.seg.Find(d.sub(q, e)); found && (pos == "v" || pos == "t" || pos == "d" || pos == "ad" || pos == "p") && d.bodyStartsAt(e, ts) {
			best = max(best, e)
		}
	}
	return best
}

// bodyStartsAt reports whether the body of a post may start at i (ending
// by ts): a level word, a place, a known body or a foreign state.
func (d *doc) bodyStartsAt(i, ts int) bool {
	s := d.sub(i, ts)
	if m := postTermRe.FindStringSubmatchIndex(s); m != nil && m[0] == 0 {
		s = s[m[1]:] // 十四届县政协
	}
	if d.startsSpecific(s) || d.lx.countryPrefix(s) != "" {
		return true
	}
	for n := min(ts-i, 8); n >= 2; n-- {
		if d.cuts[i+n] && d.isState(d.sub(i, i+n)) {
			return true
		}
	}
	return false
}

// trimOrgPrefix drops leading words that cannot begin an organisation.
func trimOrgPrefix(s string) string {
	for _, p := range []string{"新任命的", "新当选的", "原", "时任", "现任", "前任", "部分", "全体", "有关", "相关"} {
		s = strings.TrimPrefix(s, p)
	}
	s = strings.TrimLeft(s, "和与及暨同")
	if rest := strings.TrimLeft(s, "0123456789０１２３４５６７８９"); rest != s && levelBodyRe.MatchString(rest) {
		s = rest // 9:|00县委: the figures of a time or a list number, no part of a body that starts at its level (6省（市）人大常委会 counts bodies and keeps them)
	}
	return s
}

// levelBodyRe matches a level's own body at the start of a name (县委,
// 市政府, 区人大, 县政协), which no count of places (6省, 10县区) starts.
var levelBodyRe = regexp.MustCompile(`^[省市区县乡镇州](?:委|政|人)`)

// newChain numbers a new post chain.
func (d *doc) newChain() int {
	d.chains++
	return d.chains
}

// person returns the article's person with this name, creating it.
func (d *doc) person(name string, sp span) *person {
	p := d.byName[name]
	if p == nil {
		p = &person{name: name, first: sp, seq: len(d.persons)}
		d.byName[name] = p
		d.persons = append(d.persons, p)
		d.nameLens[utf8.RuneCountInString(name)] = true
	}
	d.addPersonSpan(personSpan{span: sp, p: p})
	return p
}

// headTitles are titles that carry their level (副区长, 市长): they need no
// organisation to be restored.
var headTitles = map[string]bool{}

func init() {
	for _, lvl := range []string{"省", "市", "区", "县", "乡", "镇", "州"} {
		for _, pre := range []string{"", "副", "常务副"} {
			headTitles[pre+lvl+"长"] = true
		}
	}
	for _, t := range []string{"总书记", "总理", "副总理", "国务委员", "委员长", "副委员长", "国家主席", "国家副主席"} {
		headTitles[t] = true
	}
}

// partyBodies end the name of a unit's party organisation.
var partyBodies = []string{"党工委", "党委", "党组", "党总支", "党支部"}

// areaOf returns the area part of an area body (枫屿区委 -> 枫屿区, 高新区
// （示范区）党工委 -> 高新区（示范区）, 市委 -> 市), "" when o is not one.
func areaOf(o string) string {
	for _, b := range []string{"人大常委会", "人民政府", "党工委", "管委会", "纪工委", "政府", "政协", "党委", "委"} {
		if p, ok := strings.CutSuffix(o, b); ok && p != "" {
			last, _ := utf8.DecodeLastRuneInString(p)
			if strings.ContainsRune("省市区县乡镇州旗）", last) {
				if q := strings.TrimSuffix(p, string(last)); b == "委" && utf8.RuneCountInString(q) >= 2 && strings.HasSuffix(q, string(last)) {
					return q // 道县县委: the county 道县 and its 县委
				}
				return p
			}
		}
	}
	return ""
}

func bareLevel(area string) bool {
	return utf8.RuneCountInString(area) == 1
}

// titleFamily maps a title to its family, so that 副主任 finds the
// organisation of an earlier 主任.
// parentOf returns the body a branch belongs to (兴泰农村商业银行股份有限公司
// of its 高新支行), "" when name is no branch of a named body.
func parentOf(name string) string {
	if !hasAnySuffix(name, branchHeads) {
		return ""
	}
	for _, f := range legalForms {
		if i := strings.LastIndex(name, f); i > 0 {
			return name[:i+len(f)]
		}
	}
	if i := strings.LastIndex(name, "银行"); i > 0 && i+len("银行") < len(name) {
		return name[:i+len("银行")]
	}
	return ""
}

// sessionSecretary returns the body of a 秘书长 listed after the heads of
// a standing committee or CPPCC in the same sentence (主任杜若…，副主任钱进，
// 秘书长柳青 -> 市人大常委会秘书长), else "".
func (d *doc) sessionSecretary(ps *post, seen []*post) string {
	sent := d.sentenceOf(ps.ev.start)
	for i := len(seen) - 1; i >= 0; i-- {
		o := seen[i].org
		if seen[i].ev.start >= sent.start && seen[i].ev.start < sent.end && (strings.HasSuffix(o, "常委会") || strings.HasSuffix(o, "政协")) {
			return o
		}
	}
	return ""
}

func titleFamily(t string) string {
	t = strings.TrimPrefix(t, "常务")
	t = strings.TrimPrefix(t, "副")
	return t
}

// resolvePosts completes each post's organisation: shared prefixes of a
// chain are distributed, elided organisations restored from the article,
// short forms expanded to the fullest form; then each post gets its name.
func (d *doc) resolvePosts() {
	var seen []*post
	for _, p := range d.persons {
		// prev is the body of the chain's last post in its fullest form,
		// written as the text writes it: a level-bound title takes the
		// area the chain names, not one a fuller form supplies (县委常委、
		// 副县长 stays 副县长 where the article names 道县县委, rule 3.6)
		var prev, written, last string
		for k, ps := range p.posts {
			o := ps.org
			// a body is shared only within the chain it is written in
			// (总书记 of one sentence takes no 中共中央政治局 of another)
			inChain := k > 0 && p.posts[k-1].chain == ps.chain
			if !inChain {
				prev, last = "", ""
			}
			written = last
			if o != "" {
				last = o
			}
			switch {
			case o == "" && headTitles[ps.title]:
				if inChain {
					if a := areaOf(written); a != "" && !bareLevel(a) {
						o = a
						ps.org = ""
						ps.name = a + ps.title
						prev, last = o, o
						continue
					}
				}
			case o == "" && inChain && stateTitles[ps.title] && isPartyName(prev):
				// 黎巴嫩X运动主席、议长: a party has no speaker; the title is
				// its state's (a state is a place, rule 8.6) or as written
				ps.org, ps.name = "", d.leadingState(prev)+ps.title
				seen = append(seen, ps)
				continue
			case o == "" && inChain:
				o = prev
				for _, b := range partyBodies {
					if u, ok := strings.CutSuffix(prev, b); ok && u != "" && !isPartyTitle(ps.title) {
						o = u
					}
				}
				if areaOf(prev) != "" && !isPartyTitle(ps.title) && !strings.HasSuffix(prev, "常委会") && !strings.HasSuffix(prev, "政协") && !strings.HasSuffix(ps.title, "秘书长") {
					o = "" // 县委副书记、主任: which body is not said (but 市委常委、秘书长 -> 市委秘书长)
				}
				o = d.expandOrg(o, ps.ev.start) // 青岚农商银行党委书记、董事长 -> …股份有限公司董事长
			case o == "":
				o = d.antecedentByTitle(ps.title, seen)
				if o == "" && strings.HasSuffix(ps.title, "秘书长") {
					o = d.sessionSecretary(ps, seen)
				}
			case d.isState(o) || d.stateShortForm(o) && (stateTitles[ps.title] || foreignTitles[ps.title]):
				// 肯尼亚总统, 国家主席: a state and its title, no body
				// (foreign states are places); 美总统: the state's short
				// form, not a body of the article it abbreviates
				ps.org, ps.name = "", o+ps.title
				seen = append(seen, ps)
				continue
			case (headTitles[ps.title] || isPartyTitle(ps.title)) && isAreaName(o) && d.lx.suffixEndingAt([]rune(o), utf8.RuneCountInString(o)) == "":
				// 枫屿区区长, 枫屿区副书记: an area and its head or party title, no
				// body written (rule 3.3: as written)
				ps.org, ps.name = "", o+ps.title
				prev = o
				seen = append(seen, ps)
				continue
			case isPartyBody(o) && inChain && prev != "" && areaOf(prev) == "":
				// 国务院总理、党组书记: the unit's party organ (rule 4.4)
				o = unitOf(prev) + o
			case d.bareBody(o) && inChain && prev != "":
				if a := areaOf(prev); a != "" {
					if bareLevel(a) || d.lx.partyDepts[o] && strings.HasSuffix(prev, "委") {
						o = prev + o // 青禾市委常委、组织部部长 -> 青禾市委组织部部长
					} else {
						o = a + o
					}
				} else if u := unitOf(prev); !d.isState(u) {
					o = d.expandOrg(u+o, ps.ev.start) // 商会副秘书长兼办公室主任: the unit's office (rule 3.6)
				} else {
					o = d.expandOrg(o, ps.ev.start)
				}
			default:
				o = d.expandOrg(o, ps.ev.start)
			}
			o = dropTerm(o)
			if o == "大会主席团" {
				// the presidium the article names in its own right, else
				// as written (rule 8.1; real-dev rd1-04, rd3-03)
				o = d.sessionPresidium(o)
			}
			if o == "大会" && strings.HasSuffix(ps.title, "秘书长") {
				// 大会副秘书长: 大会 names the session, no body; the post
				// stays as written (rule 8.1)
				ps.org, ps.name = "", o+ps.title
				seen = append(seen, ps)
				continue
			}
			if meetingBodies[o] {
				ps.name = "" // 大会执行主席: a role at a meeting, no post of a body
				continue
			}
			ps.org = o
			if ps.name == "" {
				ps.name = o + ps.title
			}
			if o != "" && !d.lx.countries[o] && d.byName[o] == nil { // 新加坡总理: a state is a place (rule 8.6)
				d.addOrg(o, ps.orgSpan)
				prev = o
			}
			seen = append(seen, ps)
		}
	}
	for _, p := range d.persons {
		p.posts = dedupePosts(p.posts)
	}
	d.mergeAbbreviations()
}

// postTermRe matches the ordinal of a term (十七届, 第十四届).
var postTermRe = regexp.MustCompile(`第?[〇零一二三四五六七八九十百0-9]+届`)

// dropTerm drops the term of a standing body from a post's body
// (县十七届人大常委会 -> 县人大常委会, 十四届县政协 -> 县政协); a session's
// name keeps it (十四届全国人大一次会议主席团).
func dropTerm(o string) string {
	if strings.Contains(o, "会议") || strings.Contains(o, "大会") {
		return o
	}
	if m := postTermRe.FindStringIndex(o); m != nil {
		if r := o[:m[0]] + o[m[1]:]; r != "" {
			return r
		}
	}
	return o
}

// isPartyBody reports whether o is a party organ named without its unit.
func isPartyBody(o string) bool {
	for _, b := range partyBodies {
		if o == b {
			return true
		}
	}
	return false
}

func isPartyTitle(t string) bool {
	return strings.HasSuffix(t, "书记") || t == "委员" || t == "常委" || t == "党组成员"
}

// meetingBodies are meetings whose roles (大会执行主席, 会议主持人) are
// no posts of a body.
var meetingBodies = map[string]bool{"大会": true, "会议": true, "全会": true}

// sessionPresidium returns the presidium of a session the article names
// in its own right (十四届全国人大一次会议主席团关于…草案), which 大会主席团
// stands for; else o.
func (d *doc) sessionPresidium(o string) string {
	for _, m := range presidiumRe.FindAllStringIndex(d.s, -1) {
		if rest := d.s[m[1]:]; !strings.HasPrefix(rest, "常务主席") && !strings.HasPrefix(rest, "第") {
			return d.s[m[0]:m[1]]
		}
	}
	return o
}

// presidiumRe matches a session's presidium named in full.
var presidiumRe = regexp.MustCompile(`[一二三四五六七八九十]+届[^，。；、\s]{2,12}?会议主席团`)

func dedupePosts(ps []*post) []*post {
	var out []*post
	seen := map[string]bool{}
	withOrg := map[string]bool{}
	for _, p := range ps {
		if p.org != "" && p.name != p.title {
			withOrg[p.title] = true
		}
	}
	for _, p := range ps {
		if p.name == "" || seen[p.name] {
			continue
		}
		if p.name == p.title && withOrg[p.title] {
			continue // 当选的区长俞晓川: the 区长 of 临溪区人民政府 stated before
		}
		seen[p.name] = true
		out = append(out, p)
	}
	return out
}

// companyWords name a unit by its kind alone (集团总经理, 公司党委).
var companyWords = map[string]bool{"集团": true, "公司": true, "银行": true, "学院": true, "大学": true, "医院": true, "学校": true}

// bareBody reports whether o names a body without its level or unit
// (党工委, 管委会, 公司, 常委会, 政法委).
func (d *doc) bareBody(o string) bool {
	if d.startsSpecific(o) {
		return false
	}
	if d.lx.suffixEndingAt([]rune(o), utf8.RuneCountInString(o)) == o {
		return true
	}
	return utf8.RuneCountInString(o) <= 3 && strings.HasSuffix(o, "委")
}

// antecedentByTitle restores the organisation of an elided post (副主任)
// from the nearest earlier post of the same title family.
func (d *doc) antecedentByTitle(title string, seen []*post) string {
	if headTitles[title] || title == "记者" || title == "教授" {
		return ""
	}
	fam := titleFamily(title)
	for i := len(seen) - 1; i >= 0; i-- {
		if titleFamily(seen[i].title) == fam && seen[i].org != "" {
			return seen[i].org
		}
	}
	return ""
}

// expandOrg expands an abbreviated or bare organisation to the fullest form
// the article gives: 党工委 -> 高新区（示范区）党工委, 公司 -> the company last
// named before pos, 岚禾生物 -> 岚禾生物科技有限公司.
func (d *doc) expandOrg(o string, pos int) string {
	if o == "" {
		return o
	}
	// 集团党委: the unit is expanded, its party body kept
	for _, pb := range partyBodies {
		if u, ok := strings.CutSuffix(o, pb); ok && u != "" && (d.bareBody(u) || !isAreaName(u) && d.lx.suffixEndingAt([]rune(u), utf8.RuneCountInString(u)) != "") {
			if x := d.expandOrg(u, pos); x != u {
				return x + pb
			}
		}
	}
	if x := d.expandUnitOf(o, pos); x != "" {
		return x
	}
	best, bestPos := "", -1
	for _, m := range d.orgMatchesOf(o) {
		if m.x == nil {
			best, bestPos = m.parent, max(bestPos, 0)
			continue
		}
		x := m.x
		p := -1
		for _, s := range x.spans {
			if s.start <= pos && s.start > p {
				p = s.start
			}
		}
		if best == "" || p > bestPos || p == bestPos && utf8.RuneCountInString(x.name) > utf8.RuneCountInString(best) {
			best, bestPos = x.name, p
		}
	}
	if best != "" {
		return best
	}
	return o
}

// expandUnitOf expands a body named inside another's name, a short form
// (甘肃省人民政府驻厦办|办公室), to the parent's fullest form the article
// writes (甘肃省人民政府驻厦门办事处办公室, rule 3.5, 4.2); "" when o holds no
// such parent or it is written in full.
func (d *doc) expandUnitOf(o string, pos int) string {
	r := []rune(o)
	head := d.lx.suffixEndingAt(r, len(r))
	n := len(r) - utf8.RuneCountInString(head)
	if head == "" || n < 4 || n == len(r) || companySuffixes[head] || hasAnySuffix(head, legalForms) || hasAnySuffix(head, branchHeads) {
		return "" // 嵘州银行|股份有限公司: a legal form or a branch, no body inside another
	}
	parent := string(r[:n])
	if d.lx.suffixEndingAt(r[:n], n) == "" {
		return "" // 组织部 of 县委组织部 takes the committee's form, not this
	}
	if x := d.expandOrg(parent, pos); x != parent && utf8.RuneCountInString(x) > n {
		return x + head
	}
	return ""
}

// orgMatch is an organisation a short form may stand for (x), or the
// parent named in a branch's name (x nil).
type orgMatch struct {
	x      *org
	parent string
}

// orgMatches are the matches of a short form among the first n of
// d.orgs, while d.orgsReset is at reset.
type orgMatches struct {
	reset, n int
	list     []orgMatch
}

// orgMatchesOf returns, in the order of d.orgs, the organisations that o
// may stand for, whatever the position: computed once for each form, and
// for the organisations added since, not for each post naming it; again
// only when a name changes or short forms are merged (d.orgsReset).
func (d *doc) orgMatchesOf(o string) []orgMatch {
	m, ok := d.orgMatchMemo[o]
	if !ok || m.reset != d.orgsReset || m.n > len(d.orgs) {
		m = orgMatches{reset: d.orgsReset}
	}
	if m.n == len(d.orgs) {
		return m.list
	}
	list := m.list
	for _, x := range d.orgs[m.n:] {
		if x.name == o || utf8.RuneCountInString(x.name) <= utf8.RuneCountInString(o) {
			continue
		}
		if postTermRe.MatchString(x.name) && !postTermRe.MatchString(o) {
			continue // 县政协主席 is no post of one term's name (…十四届县政协)
		}
		if isPartyOrganOf(x.name, o) {
			continue // 国务院总理 is no post of 国务院党组, a body of its own (rule 4.4)
		}
		xk, ok := graph.SearchKey(x.name), graph.SearchKey(o)
		if p := parentOf(x.name); p != "" && abbreviates(o, p) {
			// 兴泰农商银行董事长, where only 兴泰农村商业银行股份有限公司高新支行 is
			// written in full: the bank, not the branch
			list = append(list, orgMatch{parent: p})
			continue
		}
		match := false
		switch {
		case abbreviates(o, x.name):
			match = true // 市发改委主任 -> 市发展和改革委员会主任
		case utf8.RuneCountInString(o) >= 4 && strings.HasSuffix(x.name, o) && d.isPlace(strings.TrimSuffix(x.name, o)):
			match = true // 石狮商会会长 -> 厦门石狮商会会长 (rule 3.5)
		case companyWords[o]:
			// 集团, 公司: the company last named, whatever its legal form,
			// not its party committee
			match = strings.Contains(xk, ok) && unitOf(x.name) == x.name
		case d.bareBody(o) || d.namedByLastWords(o):
			match = strings.HasSuffix(xk, ok)
		case d.lx.suffixEndingAt([]rune(o), utf8.RuneCountInString(o)) == "" && !d.lx.knownOrgs[o] && !meetingBodies[o]:
			// (大会 names the session, no short form of 大会秘书处: rule 8.1)
			// a short form without a head: 岚禾生物, 丰禾农业 (not a
			// body of its own, 国务院, which 国务院安委会 only contains)
			match = strings.Contains(xk, ok) && d.lx.suffixEndingAt([]rune(x.name), utf8.RuneCountInString(x.name)) != ""
		}
		if match {
			list = append(list, orgMatch{x: x})
		}
	}
	if d.orgMatchMemo == nil {
		d.orgMatchMemo = map[string]orgMatches{}
	}
	d.orgMatchMemo[o] = orgMatches{d.orgsReset, len(d.orgs), list}
	return list
}

// isPartyOrganOf reports whether x is the party organ of the unit u
// (国务院党组 of 国务院).
func isPartyOrganOf(x, u string) bool {
	for _, b := range partyBodies {
		if x == u+b {
			return true
		}
	}
	return false
}

// findReferences finds the other mentions of the article's people: the
// name itself anywhere, name + title (刘宁书记) and surname + title (岑主任,
// 上官副主任) when exactly one person of the article fits.
func (d *doc) findReferences() {
	r := d.r
	// where each person's name is written, found in one pass over the
	// text for each length of name rather than one for each person
	at := map[*person][]int{}
	for n := range d.nameLens {
		for i := 0; i+n <= len(r); i++ {
			if p := d.byName[d.sub(i, i+n)]; p != nil {
				at[p] = append(at[p], i)
			}
		}
	}
	for _, p := range d.persons {
		nr := []rune(p.name)
		for _, i := range at[p] {
			if !d.inPersonSpan(i) {
				d.addPersonSpan(personSpan{span: span{i, i + len(nr)}, p: p})
				if t := d.lx.titleAt(r, i+len(nr)); t != "" && p.hasTitle(t) {
					d.titleSpans = append(d.titleSpans, span{i + len(nr), i + len(nr) + utf8.RuneCountInString(t)})
				}
			}
		}
	}
	// the people a surname and a title fit, by surname and title (the
	// people and their posts no longer change)
	type fit struct {
		p *person
		n int
	}
	fits := map[string]fit{}
	for i := d.bylineEnd; i < len(r); i++ {
		if d.inPersonSpan(i) {
			continue
		}
		for _, sn := range []int{2, 1} {
			if i+sn > len(r) || !d.lx.surnames[d.sub(i, i+sn)] {
				continue
			}
			t := d.lx.titleAt(r, i+sn)
			if t == "" {
				continue
			}
			key := d.sub(i, i+sn) + "\x00" + t
			fit, ok := fits[key]
			if !ok {
				for _, p := range d.persons {
					if strings.HasPrefix(p.name, d.sub(i, i+sn)) && utf8.RuneCountInString(p.name) > sn && p.hasTitle(t) {
						if fit.p != p {
							fit.n++
						}
						fit.p = p
					}
				}
				fits[key] = fit
			}
			match, n := fit.p, fit.n
			if n == 1 {
				end := i + sn + utf8.RuneCountInString(t)
				d.addPersonSpan(personSpan{span: span{i, end}, p: match})
				d.titleSpans = append(d.titleSpans, span{i + sn, end})
				i = end - 1
			}
			break
		}
	}
}

// hasTitle reports whether p holds a post with title t, or whose title
// ends with t (党委书记 … 书记).
func (p *person) hasTitle(t string) bool {
	for _, ps := range p.posts {
		if ps.title == t || strings.HasSuffix(ps.name, t) {
			return true
		}
	}
	return false
}

var (
	// 任命李四为县财政局局长, 会议选举王五为县政协主席
	// and a list: 决定王一、李二、赵三为国务院副总理 gives each the post
	appointRe = regexp.MustCompile(`(?:任命|决定|选举|推选|补选|增选)((?:\p{Han}{2,4}、){0,12}\p{Han}{2,4}?)(?:同志)?为([^，。；\n]{2,40}?)(?:[，。；\n]|$)`)
	// 免去张三的县财政局局长职务, 免去王一、李二的副县长职务 (rule 3.4)
	dismissRe = regexp.MustCompile(`免去((?:\p{Han}{2,4}、){0,12}\p{Han}{2,4}?)(?:同志)?的?([^，。；\n]{2,40}?)职务`)
	// 张三当选为区政协主席, 王五出任集团总经理, 王五全票当选连任国家主席
	// (连任 is the verb, the post is what follows; 全票 stands between
	// the name and the verb)
	electedRe = regexp.MustCompile(`(?:全票|高票|再次|成功|顺利|历史性)?(当选为|当选连任|当选|连任|出任|担任|接任)([^，。；\n]{2,40}?)(?:[，。；\n]|$)`)
	// 市领导王一、李二、赵三参加
	leadersRe = regexp.MustCompile(`(?:[省市县区州]委?)?领导(?:同志)?((?:\p{Han}{2,4}[、和]){0,12}\p{Han}{2,4}?)(?:等|出席|参加|陪同|到会|一同|同志|分别|带队|先后|深入|来到|前往|看望|走访|慰问|调研|督导|检查)`)
	// 县领导王一、李二、赵三以及…, 区领导王一、李二，管委会主任…一同参加: a
	// list of two or more names ended by a joiner or a comma before the verb
	leadersJoinedRe = regexp.MustCompile(`[省市县区州]委?领导(?:同志)?((?:\p{Han}{2,4}、){1,12}\p{Han}{2,4}?)(?:以及|及|[，,])`)
	// 会议执行主席由王一、李二、赵三担任
	heldByRe = regexp.MustCompile(`由((?:\p{Han}{2,4}、)+\p{Han}{2,4})(?:同志)?(?:担任|兼任)`)
	// 常委会组成人员王一、李二、赵三和…, 主席提名人选王一: people named
	// after a collective label or as candidates (rule 3.9: no post)
	membersRe = regexp.MustCompile(`(?:组成人员|提名人选)((?:\p{Han}{2,3}、){0,12}\p{Han}{2,3}?)[，。；和与及等]`)
	// 王一、李二、赵三等市领导参加
	leadersAfterRe = regexp.MustCompile(`(?:^|[，。；：\n])((?:\p{Han}{2,4}、){1,12}\p{Han}{2,4})等(?:[省市县区州]委?)?(?:领导|负责同志)`)
)

// findAppointments finds posts that elections and appointments create
// (任命李四为县财政局局长, 张三当选为区政协主席) and leaders listed by name
// alone (市领导王一、李二参加).
func (d *doc) findAppointments() {
	s := d.a.Text
	rc := runeCounter{s: s}
	at := rc.at
	// each expression runs only where its literal words occur
	var ms [][]int
	if containsAny(s, "任命", "决定", "选举", "推选", "补选", "增选") {
		ms = appointRe.FindAllStringSubmatchIndex(s, -1)
	}
	if strings.Contains(s, "免去") {
		ms = append(ms, dismissRe.FindAllStringSubmatchIndex(s, -1)...)
	}
	for _, m := range ms {
		i, from := at(m[2]), at(m[4])
		items := strings.Split(s[m[2]:m[3]], "、")
		// 免去王一、李二的副县长职务: the last name ends where the reader
		// of names ends it, not where the lazy match left it (李|二的)
		ls := at(m[3]) - utf8.RuneCountInString(items[len(items)-1])
		if last, ok := d.parseName(ls, false); ok && ls+utf8.RuneCountInString(last) > at(m[3]) && ls+utf8.RuneCountInString(last) < at(m[5]) {
			items[len(items)-1], from = last, ls+utf8.RuneCountInString(last)
			for _, w := range []string{"同志", "的"} {
				if hasPrefixAt(d.r, from, w) {
					from += utf8.RuneCountInString(w)
				}
			}
		}
		for _, item := range items {
			n := utf8.RuneCountInString(item)
			if name, ok := d.parseName(i, false); ok && name == item {
				d.addPostsFrom(name, span{i, i + n}, from, at(m[5]))
				d.markAppointed(i)
			}
			i += n + 1
		}
	}
	ms = nil
	if containsAny(s, "当选", "连任", "出任", "担任", "接任") {
		ms = electedRe.FindAllStringSubmatchIndex(s, -1)
	}
	for _, m := range ms {
		k := at(m[0])
		if k >= 2 && d.sub(k-2, k) == "同志" {
			k -= 2 // 翟玉宝同志当选县长
		}
		for _, n := range []int{3, 2, 4} {
			if k-n < 0 {
				continue
			}
			name, ok := d.parseName(k-n, true)
			if ok && utf8.RuneCountInString(name) == n && !d.insideTaggedName(k-n) {
				d.addPostsFrom(name, span{k - n, k}, at(m[4]), at(m[5]))
				d.markAppointed(k - n)
				break
			}
		}
	}
	ms = nil
	if strings.Contains(s, "由") && containsAny(s, "担任", "兼任") {
		ms = heldByRe.FindAllStringSubmatchIndex(s, -1)
	}
	for _, m := range ms {
		d.heldBy(at(m[0]), at(m[2]), s[m[2]:m[3]])
	}
	ms = nil
	if strings.Contains(s, "领导") {
		ms = leadersRe.FindAllStringSubmatchIndex(s, -1)
		// (without the verb, only a list of names all round is one:
		// 领导包联、专班推进、一线解难 is none)
		for _, m := range leadersJoinedRe.FindAllStringSubmatchIndex(s, -1) {
			i, all := at(m[2]), true
			for _, item := range strings.Split(s[m[2]:m[3]], "、") {
				n := utf8.RuneCountInString(item)
				if name, ok := d.parseName(i, false); !ok || name != item || d.lx.titleSet[item] {
					all = false
				}
				i += n + 1
			}
			if all {
				ms = append(ms, m)
			}
		}
	}
	if strings.Contains(s, "等") && containsAny(s, "领导", "负责同志") {
		ms = append(ms, leadersAfterRe.FindAllStringSubmatchIndex(s, -1)...)
	}
	if containsAny(s, "组成人员", "提名人选") {
		for _, m := range membersRe.FindAllStringSubmatchIndex(s, -1) {
			i := at(m[2])
			items := strings.Split(s[m[2]:m[3]], "、")
			if len(items) == 1 && !d.taggedPersonSpan(span{i, i + utf8.RuneCountInString(items[0])}) {
				continue // one name alone needs the tagger (组成人员守则 names no one)
			}
			for _, item := range items {
				// names the surname list lacks (矫勇) count in such a list,
				// but no word or title does
				n := utf8.RuneCountInString(item)
				if name, ok := d.parseName(i, false); ok && name == item || !strings.ContainsAny(item, nameStop+conjunctions) && d.cuts[i] && d.cuts[i+n] && !d.plainWord(i, i+n) && d.words[i] < i+2 && d.lx.titleAt(d.r, i) == "" {
					d.person(item, span{i, i + n})
				}
				i += n + 1
			}
		}
	}
	for _, m := range ms {
		i := at(m[2])
		for _, item := range strings.FieldsFunc(s[m[2]:m[3]], func(c rune) bool { return c == '、' || c == '和' }) {
			n := utf8.RuneCountInString(item)
			if name, ok := d.parseName(i, false); ok && name == item && !d.lx.titleSet[item] {
				d.person(name, span{i, i + n})
			}
			i += n + 1
		}
	}
}

// heldBy gives each name of the list at i (王一、李二) the title written
// right before 由 at by (执行主席由王一、李二担任), without a body unless a
// specific one is written with it.
func (d *doc) heldBy(by, i int, list string) {
	t := d.lx.titleEndingAt(d.r, by)
	if t == "" {
		return
	}
	ts := by - utf8.RuneCountInString(t)
	org := ""
	if k := d.scanLeft(ts, false); d.startsSpecific(d.sub(k, ts)) {
		org = d.sub(k, ts)
	}
	chain := 0
	for _, item := range strings.Split(list, "、") {
		n := utf8.RuneCountInString(item)
		if name, ok := d.parseName(i, false); ok && name == item && !d.lx.titleSet[item] {
			p := d.person(name, span{i, i + n})
			chain = d.newChain()
			p.posts = append(p.posts, &post{org: org, title: t, ev: d.sentenceOf(i), chain: chain})
		}
		i += n + 1
	}
}

// addPostsFrom gives the person named at sp the posts written in r[from:to]
// (县政协主席、党组书记).
func (d *doc) addPostsFrom(name string, sp span, from, to int) {
	var items []chainItem
	start := from
	for k := from; k <= to; k++ {
		if k < to && d.r[k] != '、' && d.r[k] != '兼' {
			continue
		}
		t := d.lx.titleEndingAt(d.r, k)
		if t == "" && k == to {
			// 当选县长表示祝贺: the post ends where its sentence goes on
			for e := to - 1; e > start+1; e-- {
				if t = d.lx.titleEndingAt(d.r, e); t != "" && anyPrefixAt(d.r, e, followers...) != "" {
					k, to = e, e
					break
				}
				t = ""
			}
		}
		if t != "" {
			org := d.sub(start, k-utf8.RuneCountInString(t))
			items = append(items, chainItem{org: org, title: t, start: start, end: k})
		}
		start = k + 1
	}
	if len(items) == 0 {
		return
	}
	p := d.person(name, sp)
	ev := d.sentenceOf(sp.start)
	chain := d.newChain()
	for _, it := range items {
		ps := &post{org: it.org, title: it.title, ev: ev, chain: chain}
		if it.org != "" {
			ps.orgSpan = span{it.start, it.start + utf8.RuneCountInString(it.org)}
		}
		p.posts = append(p.posts, ps)
		d.titleSpans = append(d.titleSpans, span{it.end - utf8.RuneCountInString(it.title), it.end})
	}
}

// taggedPeople adds the people the statistical tagger finds where the
// rules found nothing (劳动模范张三: no title introduces the name): a
// surname and one to three characters, no dictionary word, outside every
// name the rules found.
func (d *doc) taggedPeople() {
	if d.tagger == nil {
		return
	}
	// covered[i]: a name the rules found, a title or a name found here
	// covers i (marked rather than listed: an article has thousands)
	covered := make([]bool, len(d.r)+1)
	take := func(s span) {
		for i := max(s.start, 0); i < s.end && i < len(covered); i++ {
			covered[i] = true
		}
	}
	for _, s := range d.namedSpans() {
		take(s)
	}
	for _, s := range d.titleSpans {
		take(s)
	}
	overlaps := func(s span) bool {
		for i := max(s.start, 0); i < s.end && i < len(covered); i++ {
			if covered[i] {
				return true
			}
		}
		return false
	}
	var found []*person
	var cands []tagCand
	for _, sent := range d.sents {
		if sent.end <= d.bylineEnd || !d.mayNameSomeone(sent, overlaps) {
			continue
		}
		cands = cands[:0]
		for _, sp := range d.taggedSpans(sent) {
			s := span{sent.start + sp.Start, sent.start + sp.End}
			if sp.Type != "Person" || s.start < d.bylineEnd {
				continue
			}
			// 和普京: the conjunction joins the name to a list, it is no
			// part of it
			for s.end-s.start > 2 && strings.ContainsRune(conjunctions, d.r[s.start]) {
				s.start++
			}
			if overlaps(s) || s.end-s.start == 2 && d.sideAt(s.start) {
				continue // 乌方表示: a side, no person (rule 8.6)
			}
			foreign := d.foreignName(s)
			if foreign {
				s = d.extendTranslit(d.extendTranslitBack(d.trimTaggedEnd(s)))
			} else if !d.chineseName(s) {
				continue
			}
			if d.titleThenName(s.end) {
				continue // 卡塔尔首相穆罕默德: a state or body before a post, no person
			}
			cands = append(cands, tagCand{span: s, sure: d.personContext(s, foreign)})
		}
		// A、B、C出席; A、B等专家发言: a name joined by 、/和/及/与 to an
		// accepted name, or to a person the rules found, takes its role
		for k := range cands {
			if !cands[k].sure && k > 0 && cands[k-1].sure && d.joined(cands[k-1].end, cands[k].start) {
				cands[k].sure = true
			}
			if !cands[k].sure && d.joinedToPerson(cands[k].start) {
				cands[k].sure = true
			}
		}
		for k := len(cands) - 1; k >= 0; k-- {
			if !cands[k].sure && (k+1 < len(cands) && cands[k+1].sure && d.joined(cands[k].end, cands[k+1].start) || d.personJoinedAfter(cands[k].end)) {
				cands[k].sure = true
			}
		}
		for _, c := range cands {
			if !c.sure || overlaps(c.span) {
				continue
			}
			name := d.text(c.span)
			if d.byName[name] == nil {
				p := d.person(name, c.span)
				found = append(found, p)
				// 普京总统: the title written after a foreign leader's name
				// is the post as written (CONVENTIONS 8.3)
				if t := d.lx.titleAt(d.r, c.end); t != "" && (foreignTitles[t] || nationalTitles[t]) {
					p.posts = append(p.posts, &post{title: t, name: t, ev: d.sentenceOf(c.start), chain: d.newChain()})
				}
			} else {
				d.addPersonSpan(personSpan{span: c.span, p: d.byName[name]})
			}
			take(c.span)
		}
	}
	// where each new name is written, in one pass for each length
	isFound, lens := map[string]*person{}, map[int]bool{}
	for _, p := range found {
		isFound[p.name] = p
		lens[utf8.RuneCountInString(p.name)] = true
	}
	at := map[*person][]int{}
	for n := range lens {
		for i := 0; i+n <= len(d.r); i++ {
			if p := isFound[d.sub(i, i+n)]; p != nil {
				at[p] = append(at[p], i)
			}
		}
	}
	for _, p := range found {
		nr := []rune(p.name)
		for _, i := range at[p] {
			if !d.inPersonSpan(i) && !overlaps(span{i, i + len(nr)}) {
				d.addPersonSpan(personSpan{span: span{i, i + len(nr)}, p: p})
			}
		}
	}
}

// markAppointed records that the name at i is the object of an appointment
// or election: named there, the person is not thereby present (only an
// appointee sworn in or handed the letter is).
func (d *doc) markAppointed(i int) {
	if d.appointed == nil {
		d.appointed = map[int]bool{}
	}
	d.appointed[i] = true
}

// mergeFragments folds a person whose name is written only as the start
// of another person's longer name into that person (习近 of 习近平发来贺信,
// where a cut fell inside the name): no person is a fragment of another.
func (d *doc) mergeFragments() {
	if len(d.persons) < 2 {
		return
	}
	// the people by each proper prefix of two characters or more of their
	// names, so that no pair of people is compared
	byPrefix := map[string][]*person{}
	for _, q := range d.persons {
		nr := []rune(q.name)
		for k := 2; k < len(nr); k++ {
			byPrefix[string(nr[:k])] = append(byPrefix[string(nr[:k])], q)
		}
	}
	into := map[*person]*person{}       // the person where p is first written
	at := map[*person]map[int]*person{} // the person written at each of p's places
	for _, p := range d.persons {
		if w, first := d.longerForms(p, byPrefix[p.name]); first != nil {
			into[p], at[p] = first, w
		}
	}
	if len(into) == 0 {
		return
	}
	var keep []*person
	placed := map[*person]bool{}
	for _, p := range d.persons {
		q := p
		if into[p] != nil {
			q = into[p]
			q.posts = dedupePosts(append(q.posts, p.posts...))
			delete(d.byName, p.name)
		}
		if !placed[q] {
			placed[q] = true
			q.seq = len(keep)
			keep = append(keep, q)
		}
	}
	d.persons = keep
	for i := range d.personSpans {
		ps := &d.personSpans[i]
		q := at[ps.p][ps.start]
		if into[ps.p] == nil {
			continue
		}
		if q == nil {
			ps.p = into[ps.p] // 叶书记 of a person merged away
			continue
		}
		if ps.end-ps.start == utf8.RuneCountInString(ps.p.name) && hasPrefixAt(d.r, ps.start, q.name) {
			ps.end = ps.start + utf8.RuneCountInString(q.name)
			for k := ps.start; k < ps.end && k < len(d.personIn); k++ {
				d.personIn[k] = true
			}
			if ps.end < len(d.personEnd) {
				d.personEnd[ps.end] = true
			}
		}
		ps.p = q
	}
}

// longerForms reports, when p's name is written only as the start of the
// names of people of longer (叶尔马 only in 叶尔马克 and 叶尔马科夫), which
// of them is written at each of its places, and the first; nil when p
// stands on its own somewhere.
func (d *doc) longerForms(p *person, longer []*person) (map[int]*person, *person) {
	if len(longer) == 0 {
		return nil, nil
	}
	at := map[int]*person{}
	var first *person
	for _, i := range d.writtenAt(p.name) {
		if !hasPrefixAt(d.r, i, p.name) {
			continue
		}
		var q *person
		for _, x := range longer {
			if hasPrefixAt(d.r, i, x.name) && (q == nil || len(x.name) > len(q.name)) {
				q = x
			}
		}
		if q == nil && len(longer) == 1 && d.transliterated(p.name) && d.transliterated(longer[0].name) {
			q = longer[0] // 萨勒 beside 萨勒曼: a cut of the one longer transliterated name
		}
		if q == nil {
			return nil, nil
		}
		if first == nil {
			first = q
		}
		at[i] = q
	}
	return at, first
}

// isState reports whether o names a state rather than a body: 国家 (国家主席),
// a place name of the dictionary (韩国, 西班牙) or a transliterated one
// (肯尼亚, 哈萨克斯坦), with no organisation head.
func (d *doc) isState(o string) bool {
	if o == "国家" || d.lx.countries[o] {
		return true // 白俄罗斯总统: never the short form of a body that contains it
	}
	n := utf8.RuneCountInString(o)
	if n < 2 || isAreaName(o) || d.lx.suffixEndingAt([]rune(o), n) != "" {
		return false
	}
	if _, pos, found := d.lx.seg.Find(o); found && pos == "ns" {
		return true
	}
	for _, c := range o {
		if !d.lx.translit[c] {
			return false
		}
	}
	return n >= 3
}

// stateShortForm reports whether o is a state's one-character short form
// (美, 俄: dict/countryabbr.txt).
func (d *doc) stateShortForm(o string) bool {
	c, n := utf8.DecodeRuneInString(o)
	return n == len(o) && d.lx.countryAbb[c]
}

// stateTitles are titles only a state or its parliament or government
// gives, never a party (议长, 总统).
var stateTitles = map[string]bool{"总统": true, "副总统": true, "议长": true, "副议长": true, "总理": true, "副总理": true,
	"首相": true, "副首相": true, "国王": true, "女王": true}

// isPartyName reports whether o names a party or a political movement
// (X党, X运动, X阵线).
func isPartyName(o string) bool {
	return hasAnySuffix(o, []string{"党", "运动", "阵线"}) && !isPartyBody(o)
}

// leadingState returns the state o starts with (黎巴嫩 of 黎巴嫩X运动), or "".
func (d *doc) leadingState(o string) string {
	r := []rune(o)
	if len(r) < 3 {
		return ""
	}
	return d.lx.countryPrefix(string(r[:len(r)-1])) // a state shorter than o
}

// foreignTitles are the titles of foreign states and bodies (总统, 首相).
var foreignTitles = map[string]bool{"总统": true, "副总统": true, "首相": true, "副首相": true, "议长": true, "副议长": true, "国王": true,
	"女王": true, "王储": true, "亲王": true, "总督": true, "国务卿": true, "外长": true, "外交部长": true, "大使": true, "总干事": true, "副总干事": true}

// foreignTitle reports whether the title t at i is a foreign one: a
// foreign title, or a title of a state (柬埔寨首相, 新加坡总理).
func (d *doc) foreignTitle(i int, t string) bool {
	if foreignTitles[t] {
		return true
	}
	// a state's name is short: a few lookups, no walk over a long chain
	for n := 2; n <= 8 && i-n >= 0; n++ {
		if o := d.sub(i-n, i); d.cuts[i-n] && o != "国家" && d.isState(o) {
			return true
		}
	}
	return false
}

// taggedSpans returns the tagger's spans of the sentence starting at
// start, tagging it once.
func (d *doc) taggedSpans(sent span) []ner.Span {
	if d.tagger == nil {
		return nil
	}
	if sp, ok := d.tagged[sent.start]; ok {
		return sp
	}
	if d.tagged == nil {
		d.tagged = map[int][]ner.Span{}
	}
	sp := d.tagger.Tag(d.text(sent))
	d.tagged[sent.start] = sp
	return sp
}

// taggedNameAt returns the person's name the tagger reads at i.
func (d *doc) taggedNameAt(i int) (string, bool) {
	sent := d.sentenceOf(i)
	for _, sp := range d.taggedSpans(sent) {
		if sp.Type == "Person" && sent.start+sp.Start == i && sp.End-sp.Start >= 2 {
			s := span{i, sent.start + sp.End}
			if d.foreignName(s) {
				s = d.extendTranslit(d.trimTaggedEnd(s))
			} else if !d.chineseName(s) {
				return "", false
			}
			return d.text(s), true
		}
	}
	return "", false
}

// translitRunAt returns the run of transliteration characters at i that
// ends where the sentence, a follower or a title does (萨勒曼。,
// 萨勒曼表示), "" when there is none of two characters or more or the
// name goes on after a hyphen (迪亚斯-卡内尔).
func (d *doc) translitRunAt(i int) string {
	r := d.r
	k := i
	for k < len(r) && k < i+20 && (d.lx.translit[r[k]] || r[k] == '·' && k > i) {
		if k >= i+2 && (anyPrefixAt(r, k, followers...) != "" || d.lx.titleAt(r, k) != "") {
			break
		}
		k++
	}
	if k-i < 2 || r[k-1] == '·' || k < len(r) && strings.ContainsRune("-－—", r[k]) || k < len(r) && isHan(r[k]) && anyPrefixAt(r, k, followers...) == "" && d.lx.titleAt(r, k) == "" {
		return ""
	}
	return d.sub(i, k)
}

// extendTranslit takes into a transliterated name s the run of
// transliteration characters right after it that the tagger or the
// segmenter cut off (洛伦|索致, 布林|肯向, 维卡拉|马森哈表示, 施泰|因布尔通电话),
// up to a character that is a word of its own after a name: where the
// longer name stands elsewhere in the article, or punctuation, a word of
// its own after a name, a follower or a title comes right after it. A dictionary word starting inside the run (夫人, 肯定, 因为) keeps
// the run out from there unless the longer name stands elsewhere.
func (d *doc) extendTranslit(s span) span {
	r := d.r
	if s.end >= len(r) || !d.transliterated(d.text(s)) {
		return s
	}
	e := s.end
	for e < len(r) && e < s.end+8 && d.lx.translit[r[e]] && !d.lx.afterNames[r[e]] {
		e++
	}
	for k := e; k > s.end; k-- {
		if d.standsElsewhere(d.sub(s.start, k), s.start) {
			return span{s.start, k}
		}
	}
	for j := s.end; j < e; j++ {
		if _, w := d.words[j]; w {
			e = j // 马杜罗|夫人: a word of its own starts here
		}
	}
	for k := e; k > s.end; k-- {
		if k == len(r) || !isHan(r[k]) || d.lx.afterNames[r[k]] || anyPrefixAt(r, k, followers...) != "" || d.lx.titleAt(r, k) != "" {
			return span{s.start, k}
		}
	}
	return s
}

// extendTranslitBack takes into a transliterated name s the run of
// transliteration characters right before it that the tagger left out
// (同拉|贝福萨总统, 应托|卡耶夫总统, 顾问波|多利亚克): where that run
// starts after punctuation, a word of its own after a name, a title or a
// person found, and holds no dictionary word (巴西 of 巴西卢拉).
func (d *doc) extendTranslitBack(s span) span {
	r := d.r
	if s.start == 0 || !d.transliterated(d.text(s)) {
		return s
	}
	k := s.start
	for k > 0 && k > s.start-8 && d.lx.translit[r[k-1]] && !d.lx.afterNames[r[k-1]] && !d.inPersonSpan(k-1) {
		k--
	}
	for ; k < s.start; k++ {
		if k == 0 || !isHan(r[k-1]) || d.lx.afterNames[r[k-1]] || d.lx.titleEndingAt(r, k) != "" || d.personEndsAt(k) {
			break
		}
	}
	for j := k; j < s.start; j++ {
		if e, w := d.words[j]; w && e > j {
			return s
		}
	}
	if k < s.start && !d.cuts[k] {
		return s
	}
	return span{k, s.end}
}

// taggedPersonEnd returns the end of the person's name the tagger reads
// at i, i when it reads none there.
func (d *doc) taggedPersonEnd(i int) int {
	sent := d.sentenceOf(i)
	for _, sp := range d.taggedSpans(sent) {
		if sp.Type == "Person" && sent.start+sp.Start == i {
			return sent.start + sp.End
		}
	}
	return i
}

// insideTaggedName reports whether a person's name the tagger reads
// starts before i and runs past it (辛格 inside 基辛格曾担任).
func (d *doc) insideTaggedName(i int) bool {
	sent := d.sentenceOf(i)
	for _, sp := range d.taggedSpans(sent) {
		if sp.Type == "Person" && sent.start+sp.Start < i && sent.start+sp.End > i {
			return true
		}
	}
	return false
}

// taggedPersonSpan reports whether the tagger reads exactly s as a
// person's name.
func (d *doc) taggedPersonSpan(s span) bool {
	sent := d.sentenceOf(s.start)
	for _, sp := range d.taggedSpans(sent) {
		if sp.Type == "Person" && sent.start+sp.Start == s.start && sent.start+sp.End == s.end {
			return true
		}
	}
	return false
}

// tagCand is a person's name the tagger reads; sure when its context
// makes it one.
type tagCand struct {
	span
	sure bool
}

// chineseName reports whether the tagged span s reads as a Chinese name: a
// surname and one to three characters, no dictionary word, ending on word
// cuts (not 桥|梁纽带), its given name no common word.
func (d *doc) chineseName(s span) bool {
	name := d.text(s)
	n := utf8.RuneCountInString(name)
	if n < 2 || n > 4 || d.words[s.start] == s.end && (n == 2 || d.plainWord(s.start, s.end) || hasPrefixAt(d.r, s.end, "同志")) || d.lx.titleSet[name] || n == 2 && d.lx.commonWords[name] || d.lx.countries[name] {
		// a dictionary word, unless the dictionary has it as a
		// three-character name (李鸿忠 nr); such a name before 同志 is a
		// historical leader's in a commemoration's name (纪念毛泽东同志…),
		// which comrades leaves out too
		return false
	}
	if got, ok := d.parseName(s.start, true); !ok || got != name || !d.cuts[s.start] || !d.cuts[s.end] {
		return false
	}
	if e, ok := d.words[s.start]; ok && e < s.end {
		if _, pos, found := d.lx.seg.Find(d.sub(s.start, e)); found && !strings.HasPrefix(pos, "nr") {
			return false // nor does it start with a word (祝贺|他)
		}
	}
	if _, pos, found := d.lx.seg.Find(d.sub(s.end-2, s.end)); n >= 3 && found && !strings.HasPrefix(pos, "nr") {
		return false
	}
	return true
}

// foreignName reports whether the tagged span s reads as a transliterated
// name (托卡耶夫, 格奥尔基耶娃, 穆罕默德·本·萨勒曼): characters of
// transliteration and middle dots, two to twenty of them, not starting with
// a dictionary word that is no name (祝贺他).
func (d *doc) foreignName(s span) bool {
	n := s.end - s.start
	if n < 2 || n > 20 || d.r[s.start] == '·' || d.r[s.end-1] == '·' || d.lx.countries[d.text(s)] {
		return false // (苏丹武装部队: a state, no name)
	}
	for k := s.start; k < s.end; k++ {
		if d.r[k] != '·' && !d.lx.translit[d.r[k]] && k < s.end-1 {
			return false // the last may be a verb's first character, trimmed after
		}
	}
	if e, ok := d.words[s.start]; ok && e <= s.end {
		if _, pos, found := d.lx.seg.Find(d.sub(s.start, e)); found && !strings.HasPrefix(pos, "nr") && pos != "ns" {
			return false
		}
	}
	// nor does it end with a word that is no name and no transliteration
	// (因|纳粹老兵)
	if k := s.end - 2; !d.lx.translit[d.r[s.end-1]] && d.lx.commonWords[d.sub(k, s.end)] {
		return false
	}
	if k := s.end - 2; !d.lx.translit[d.r[s.end-1]] && d.words[k] == s.end {
		if _, pos, found := d.lx.seg.Find(d.sub(k, s.end)); found && !strings.HasPrefix(pos, "nr") && pos != "ns" {
			return false
		}
	}
	return true
}

// trimTaggedEnd drops the last character of a tagged name when it starts
// a word running past the name (卢拉|致电, 阿希|以来).
func (d *doc) trimTaggedEnd(s span) span {
	if s.end-s.start > 2 && (!d.cuts[s.end] && d.cuts[s.end-1] && !d.nounAt(s.end-1) || strings.ContainsRune("以于在向对称说和与及", d.r[s.end-1]) || d.verbAfterName(s.end-1) ||
		utf8.RuneCountInString(anyPrefixAt(d.r, s.end-1, followers...)) >= 2) {
		// (马杜罗|递交国书: a follower starting on the last character)
		s.end--
	}
	return s
}

// verbAfterName reports whether the character at i, which ends a tagged
// foreign name, is no transliteration but a word of its own after a name
// (dict/afternames.txt): 卢拉|致慰问电, 莱希|独家专访, 布哈里|试乘.
func (d *doc) verbAfterName(i int) bool {
	return !d.lx.translit[d.r[i]] && d.lx.afterNames[d.r[i]]
}

// transliterated reports whether every character of s is one of
// transliteration or a middle dot.
func (d *doc) transliterated(s string) bool {
	for _, c := range s {
		if c != '·' && !d.lx.translit[c] {
			return false
		}
	}
	return true
}

// nounAt reports whether the dictionary's word at i is a noun that leaves
// a lone character after it: one that runs on past a tagged name
// (卢卡申科|举行 cut 卢卡申|科举|行) is no verb the name's last character
// starts (德温|声称，is).
func (d *doc) nounAt(i int) bool {
	e, ok := d.words[i]
	if !ok || e >= len(d.r) || !isHan(d.r[e]) {
		return false
	}
	if _, w := d.words[e]; w || d.lx.afterNames[d.r[e]] {
		return false // 计划|于: a word of its own follows, nothing is left alone
	}
	_, pos, found := d.lx.seg.Find(d.sub(i, e))
	return found && strings.HasPrefix(pos, "n")
}

// personContext reports whether what surrounds the name at s makes it a
// person's: a title before (总统托卡耶夫) or, for a foreign name, after
// (普京总统), or a person's verb after, perhaps after 等 and a few words or
// an adverb (张三表示; 张三等出席; 张三等专家学者先后发言; 张三分别致辞).
func (d *doc) personContext(s span, foreign bool) bool {
	r := d.r
	if d.lx.titleEndingAt(r, s.start) != "" {
		return true
	}
	if foreign && d.lx.titleAt(r, s.end) != "" {
		return true // 普京总统表示
	}
	j := s.end
	if j < len(r) && r[j] == '等' {
		j++
		for k := j; k < len(r) && k < j+6 && isHan(r[k]); k++ {
			if anyPrefixAt(r, k, personVerbs...) != "" {
				return true
			}
		}
	}
	if a := anyPrefixAt(r, j, listAdverbs...); a != "" {
		j += utf8.RuneCountInString(a)
	}
	return anyPrefixAt(r, j, personVerbs...) != ""
}

// personVerbs are what a person named right before does (strongFollowers
// and meeting words).
var personVerbs = append([]string{"会见", "会谈", "宣誓", "就任", "致电", "通电话", "访华", "发表", "回答", "先后发言"}, strongFollowers...)

// listAdverbs may stand between a list of names and its verb.
var listAdverbs = []string{"先后", "分别", "一同", "共同", "也", "还", "均", "都", "相继"}

// joined reports whether r[end:start] is a list's separator (、, 和, 及, 与).
func (d *doc) joined(end, start int) bool {
	return start == end+1 && end < len(d.r) && strings.ContainsRune("、和及与", d.r[end])
}

// joinedToPerson reports whether a person's mention ends right before the
// separator before start (王毅、何立峰 with 王毅 found).
func (d *doc) joinedToPerson(start int) bool {
	return start >= 2 && d.joined(start-1, start) && d.personEndsAt(start-1)
}

// personJoinedAfter reports whether a person's mention starts right after
// the separator at end.
func (d *doc) personJoinedAfter(end int) bool {
	return d.joined(end, end+1) && d.inPersonSpan(end+1) && !d.inPersonSpan(end)
}

// titleThenName reports whether a title starts at i and a name, not a
// follower, comes after it (总理拉夫曼, not 总统表示).
func (d *doc) titleThenName(i int) bool {
	t := d.lx.titleAt(d.r, i)
	if t == "" {
		return false
	}
	k := i + utf8.RuneCountInString(t)
	if k+1 >= len(d.r) || !isHan(d.r[k]) || anyPrefixAt(d.r, k, followers...) != "" || d.lx.titleAt(d.r, k) != "" {
		return false
	}
	// a name after the title (首相穆罕默德), not a word (普京总统战略引领)
	return d.taggedPersonEnd(k) > k+1 || d.lx.translit[d.r[k]] && d.lx.translit[d.r[k+1]]
}
