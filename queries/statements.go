package queries

import (
	"regexp"
	"strings"
)

// Cue is a statement that a person starts or ends holding a post: 任命李强为国务院总理
// starts 李强's holding of 国务院总理, 免去张三的某局局长职务 ends 张三's.
type Cue struct {
	// Family names the wording the statement uses: 任命, 当选, 就任 (starts),
	// 免去, 不再担任, 原任, 卸任, 辞去 (ends).
	Family string
	// End is true for a statement that ends the holding.
	End bool
}

// person stands in a sentence for the person the statements are sought
// about, so that the patterns need not know the name: a private-use rune
// that no text holds.
const person = "\uE000"

const (
	// others is the names listed before the person (丁薛祥、何立峰、张国清).
	others = `(?:[\p{Han}·]{2,12}(?:同志)?[、和及])*`
	// after is the names listed after the person, up to the cue that
	// follows the list.
	after = `(?:同志)?(?:[、和及][\p{Han}·]{2,12}?(?:同志)?)*`
	// named is the person, alone or in a list of names.
	named = others + person + after
	// post is the words naming the post, to the end of the clause; postsIn
	// finds the post within them.
	post = `([^，。；！？\n]{2,80})`
	// postBefore is the post named right before the person
	// (新当选的全国人大常委会委员长赵乐际).
	postBefore = `([^，。；！？\n]{2,40}?)` + person
)

// cuePatterns are the wordings of the statements. Each states the family
// it serves and whether it ends the holding; its one group is the words
// that name the post. A pattern is tried only on a sentence holding one of
// its words, which keeps the regular expressions off most sentences.
var cuePatterns = []struct {
	family string
	end    bool
	words  []string
	re     *regexp.Regexp
}{
	// 任命李强为国务院总理, 决定丁薛祥、何立峰为国务院副总理
	{"任命", false, []string{"任命", "决定"}, regexp.MustCompile(`(?:任命|决定)` + named + `为` + post)},
	// 张三被任命为某局局长
	{"任命", false, []string{"任命为"}, regexp.MustCompile(person + `(?:同志)?被?任命为` + post)},
	// 选举赵乐际为全国人大常委会委员长
	{"当选", false, []string{"选举"}, regexp.MustCompile(`选举` + named + `为` + post)},
	// 王沪宁当选全国政协主席
	{"当选", false, []string{"当选"}, regexp.MustCompile(named + `(?:全票|再次|新)?当选为?` + post)},
	// 新当选的全国人大常委会委员长赵乐际
	{"当选", false, []string{"当选的"}, regexp.MustCompile(`当选的` + postBefore)},
	// 张三就任某市市长
	{"就任", false, []string{"就任", "出任"}, regexp.MustCompile(named + `(?:正式|宣誓)?(?:就任|出任)` + post)},
	// 免去张三的某局局长职务
	{"免去", true, []string{"免去"}, regexp.MustCompile(`免去` + named + `的?` + post)},
	// 李四不再担任某局局长职务
	{"不再担任", true, []string{"不再担任"}, regexp.MustCompile(named + `不再担任` + post)},
	// 王五，原任某县县长; 原任某县县长王五
	{"原任", true, []string{"原任"}, regexp.MustCompile(named + `[，,]?原任` + post)},
	{"原任", true, []string{"原任"}, regexp.MustCompile(`原任` + postBefore)},
	// 赵六卸任某公司董事长
	{"卸任", true, []string{"卸任"}, regexp.MustCompile(named + `卸任` + post)},
	// 接受孙七辞去某省省长职务的请求
	{"辞去", true, []string{"辞去"}, regexp.MustCompile(named + `(?:请求)?辞去` + post)},
}

// FindCues returns the statements of sentence that a person named name
// starts or ends holding the post named postName, in the order of
// cuePatterns. The person must be named in the statement itself (祝贺他就任…
// is no statement about the one who congratulates), alone or in a list;
// the post must be named in full, in any of the long forms postKey
// reduces (中华人民共和国国务院总理 is 国务院总理); 国务院副总理 is not
// 国务院总理.
func FindCues(sentence, name, postName string) []Cue {
	if name == "" || postName == "" || !strings.Contains(sentence, name) {
		return nil
	}
	s := strings.ReplaceAll(sentence, name, person)
	want := postKey(postName)
	var out []Cue
	for _, p := range cuePatterns {
		if !containsAny(s, p.words) {
			continue
		}
		for _, m := range p.re.FindAllStringSubmatch(s, -1) {
			if namesPost(m[1], want) {
				out = append(out, Cue{Family: p.family, End: p.end})
				break
			}
		}
	}
	return out
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// namesPost reports whether the words of a statement name the post whose
// key is want, alone or in a list (中华人民共和国主席、中央军事委员会主席).
func namesPost(words, want string) bool {
	for _, w := range strings.FieldsFunc(words, func(r rune) bool { return r == '、' || r == '兼' }) {
		if strings.Contains(postKey(w), want) {
			return true
		}
	}
	return false
}

// ordinal is a session number in a body's formal name (第十四届).
var ordinal = regexp.MustCompile(`第?[一二三四五六七八九十]+届`)

// shortForms reduces the formal names of national bodies to the short
// forms posts are named with, longest first.
var shortForms = strings.NewReplacer(
	"中国人民政治协商会议全国委员会", "全国政协",
	"中华人民共和国中央军事委员会", "中央军委",
	"中华人民共和国国务院", "国务院",
	"中华人民共和国副主席", "国家副主席",
	"中华人民共和国主席", "国家主席",
	"中国共产党中央委员会", "中共中央",
	"全国人民代表大会", "全国人大",
	"中国人民政治协商会议", "政协",
	"中央军事委员会", "中央军委",
	"政协全国委员会", "全国政协",
	"常务委员会", "常委会",
	"中华人民共和国", "国家",
)

// postKey is the form of a post's name that statements and posts are
// compared in: no session number, national bodies in short form.
func postKey(name string) string {
	return shortForms.Replace(ordinal.ReplaceAllString(name, ""))
}
