package ingest_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kgproject/kg/ingest"
)

// The sentences below are written for these tests in the style of
// national news; none is copied from an evaluation text.

// peopleOf returns the people of a one-article page and their posts.
func peopleOf(t *testing.T, text string) map[string][]string {
	t.Helper()
	return factsOf(t, "# 测试\n\n"+text, &ingest.Options{Year: 2026})[0].people
}

func TestNoConjunctionStartsAName(t *testing.T) {
	for _, text := range []string{
		"3月2日，在高原主席和李默主席的共同引领下，两国关系不断发展。",
		"会上，公司负责人和老职工代表先后发言。",
		"方明远指出，我和夫人很高兴收到你们的来信。",
	} {
		for who := range peopleOf(t, text) {
			if r := []rune(who); len(r) > 0 && (r[0] == '和' || r[0] == '与' || r[0] == '及' || r[0] == '同' || r[0] == '跟') {
				t.Errorf("%s: person %q starts with a conjunction", text, who)
			}
		}
	}
}

func TestNoFragmentOfALongerName(t *testing.T) {
	for _, text := range []string{
		"3月2日，市委书记、市长钟离平发来贺信。钟离平指出，要办好刊物。",
		"3月2日，中共中央总书记、国家主席李宏伟发来贺信。李宏伟强调，要办好刊物。",
	} {
		got := peopleOf(t, text)
		for who := range got {
			if len([]rune(who)) == 2 {
				t.Errorf("%s: fragment %q kept: %v", text, who, got)
			}
		}
	}
}

func TestForeignTitlesAndStates(t *testing.T) {
	for _, tc := range []struct {
		text string
		want map[string][]string
	}{
		{"3月2日，国务院总理高明远在北京会见韩国总统卢一民。", map[string][]string{"高明远": {"国务院总理"}, "卢一民": {"韩国总统"}}},
		{"3月2日，国家主席高明远会见肯尼亚总统鲁本。", map[string][]string{"高明远": {"国家主席"}, "鲁本": {"肯尼亚总统"}}},
	} {
		got := factsOf(t, "# 测试\n\n"+tc.text, &ingest.Options{Year: 2026})[0]
		for who, posts := range tc.want {
			if g := got.people[who]; !reflect.DeepEqual(g, posts) {
				t.Errorf("%s: posts of %s = %v, want %v (people %v)", tc.text, who, g, posts, got.people)
			}
		}
		for _, o := range got.orgs {
			if o == "韩国" || o == "肯尼亚" || o == "国家" {
				t.Errorf("%s: the state %s listed as an organisation", tc.text, o)
			}
		}
	}
}

func TestNamesInLists(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"3月2日，会议在京开幕。蒋明川、吴立行、曹振山、何宝田等出席开幕式。", []string{"蒋明川", "吴立行", "曹振山", "何宝田"}},
		{"座谈会上，刘文涛、陈启明等专家学者先后发言。", []string{"刘文涛", "陈启明"}},
	} {
		got := peopleOf(t, tc.text)
		for _, who := range tc.want {
			if _, ok := got[who]; !ok {
				t.Errorf("%s: %s not found (people %v)", tc.text, who, got)
			}
		}
	}
}

func TestForeignNames(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
		not  []string
	}{
		{"3月2日，国家主席高明远会见哈萨克斯坦总统托卡耶夫。托卡耶夫表示，愿深化合作。", []string{"托卡耶夫"}, nil},
		{"3月2日，国际组织代理主席雷诺·艾德发表视频致辞。", []string{"雷诺·艾德"}, []string{"雷诺"}},
		{"3月2日，致贺的还有：牙买加总督艾伦、卡塔尔首相穆罕默德。", []string{"艾伦"}, []string{"卡塔尔"}},
	} {
		got := peopleOf(t, tc.text)
		for _, who := range tc.want {
			if _, ok := got[who]; !ok {
				t.Errorf("%s: %s not found (people %v)", tc.text, who, got)
			}
		}
		for _, who := range tc.not {
			if _, ok := got[who]; ok {
				t.Errorf("%s: %s taken for a person (people %v)", tc.text, who, got)
			}
		}
	}
}

// postsOf checks the posts of the people named in want.
func postsOf(t *testing.T, cases []struct {
	text string
	want map[string][]string
}) {
	t.Helper()
	for _, tc := range cases {
		got := peopleOf(t, tc.text)
		for who, posts := range tc.want {
			g, found := got[who]
			if !found {
				t.Errorf("%s: %s not found (people %v)", tc.text, who, got)
				continue
			}
			if len(g) == 0 && len(posts) == 0 {
				continue
			}
			if !reflect.DeepEqual(g, sorted(posts...)) {
				t.Errorf("%s: posts of %s = %v, want %v (people %v)", tc.text, who, g, sorted(posts...), got)
			}
		}
	}
}

// A body is shared only within the post chain it is written in (rule
// 3.6), and a short form is never expanded to a longer body that merely
// contains it.
func TestPostsShareABodyOnlyInTheirChain(t *testing.T) {
	postsOf(t, []struct {
		text string
		want map[string][]string
	}{
		// a body of its own (中共中央, 国务院) is no short form of a body inside it
		{"3月2日，中共中央总书记高明远发来贺信。中共中央政治局委员、中宣部部长李文宣读贺信。", map[string][]string{"高明远": {"中共中央总书记"}}},
		{"3月2日，国务院总理李平作出批示。国务院副总理、国务院安委会主任王明出席。", map[string][]string{"李平": {"国务院总理"}}},
		// a title with no body in another sentence takes none from an earlier chain
		{"3月2日，市政府办公室主任周立出席。会上，副市长周立讲话。", map[string][]string{"周立": {"市政府办公室主任", "副市长"}}},
	})
}

// X总理、党组书记: the party organ after a unit's title is the unit's (rule
// 4.4), and the unit's title is no post of its party organ.
func TestPartyOrganAfterAUnitsTitle(t *testing.T) {
	postsOf(t, []struct {
		text string
		want map[string][]string
	}{
		{"3月2日，中共中央政治局常委、国务院总理、党组书记高明远主持会议。国务院党组成员出席。", map[string][]string{"高明远": {"中共中央政治局常委", "国务院总理", "国务院党组书记"}}},
		{"3月2日，嵘州银行股份有限公司董事长、党委书记王明出席。", map[string][]string{"王明": {"嵘州银行股份有限公司董事长", "嵘州银行股份有限公司党委书记"}}},
	})
}

// A verb, preposition or time word a left scan takes in is no part of a
// post's body (杂志发表|中共中央总书记, 今晚播出|菲律宾总统, 应|国家主席);
// 国家主席 names its own body in a chain; a verb running into a title
// (进行|长时间) introduces no one.
func TestNoVerbGluedToAPost(t *testing.T) {
	postsOf(t, []struct {
		text string
		want map[string][]string
	}{
		{"3月2日出版的《求是》杂志发表中共中央总书记、国家主席高明远的文章。", map[string][]string{"高明远": {"中共中央总书记", "国家主席"}}},
		{"3月2日，本台今晚播出智利总统卡斯托的专访。", map[string][]string{"卡斯托": {"智利总统"}}},
		{"3月2日，应国家主席高明远邀请，智利总统卡斯托将来访。", map[string][]string{"高明远": {"国家主席"}}},
		{"3月2日，国家主席高明远在北京同智利总统卡斯托会谈。", map[string][]string{"卡斯托": {"智利总统"}}},
		{"3月2日，安提瓜和巴布达总理卡斯托抵京。", map[string][]string{"卡斯托": {"安提瓜和巴布达总理"}}},
	})
	for _, text := range []string{"3月2日，两国元首就重大问题进行长时间深入交流。"} {
		if got := peopleOf(t, text); len(got) != 0 {
			t.Errorf("%s: people %v, want none", text, got)
		}
	}
}

// The term of a standing body is no part of its members' posts
// (县十七届人大常委会副主任 -> 县人大常委会副主任); a session's keeps it.
func TestTermOfABodyDropped(t *testing.T) {
	postsOf(t, []struct {
		text string
		want map[string][]string
	}{
		{"9月28日，县十七届人大常委会举行第五次会议，县十七届人大常委会副主任周立主持。", map[string][]string{"周立": {"县人大常委会副主任"}}},
		{"3月5日，十四届全国人大一次会议主席团常务主席高明远主持会议。", map[string][]string{"高明远": {"十四届全国人大一次会议主席团常务主席"}}},
	})
}

// Local news shapes: a list of "title name" sharing a body, a given name
// with 其 before a list mark, a list holding a role (由…担任), an election
// of a person named with 同志, a leaders' list with a less common surname.
func TestLocalListsAndElections(t *testing.T) {
	postsOf(t, []struct {
		text string
		want map[string][]string
	}{
		{"11月7日，县政协主席岑立本、副主席段其方、党组成员马修远走访看望部分企业。", map[string][]string{"段其方": {"县政协副主席"}, "马修远": {"县政协党组成员"}}},
		{"11月7日，区委书记岑立本、副区长单明出席。", map[string][]string{"单明": {"副区长"}}},
		{"本次会议执行主席由龚立本、何明光、王楠担任。", map[string][]string{"龚立本": {"执行主席"}, "何明光": {"执行主席"}, "王楠": {"执行主席"}}},
		{"县委书记岑立本对单明同志当选县长表示祝贺。", map[string][]string{"单明": {"县长"}}},
		{"区领导周立、代海红参加会议。", map[string][]string{"代海红": nil}},
	})
}

// 大会主席团常务主席 is a post of the presidium the article names in its
// own right (rule 8.1, real-dev rd1-04).
func TestSessionPresidiumPosts(t *testing.T) {
	postsOf(t, []struct {
		text string
		want map[string][]string
	}{
		{"3月5日，大会主席团常务主席高明远主持会议。会议审议了十四届全国人大一次会议主席团关于宪法宣誓的组织办法草案。", map[string][]string{"高明远": {"十四届全国人大一次会议主席团常务主席"}}},
	})
}

// A word after "name + title" is no name the title introduces (高明远主席
// 高度评价, 高明远总书记郑重宣布).
func TestNoNameAfterANamesTitle(t *testing.T) {
	for _, text := range []string{
		"3月2日，国家主席高明远出席。各方对高明远主席高度评价。",
		"3月2日，学习贯彻李文华总书记郑重宣布的目标。",
	} {
		for who := range peopleOf(t, text) {
			if who != "高明远" && who != "李文华" {
				t.Errorf("%s: false person %q", text, who)
			}
		}
	}
}

// A given name the HMM has not seen is cut (方近|平|邀请); the tagger
// reading the whole name wins, so no person is a fragment of a name.
func TestNoNameCutBeforeAWord(t *testing.T) {
	for _, tc := range []struct {
		text, want, not string
	}{
		{"3月2日，应国家主席方近平邀请，智利总统卡斯托将来访。", "方近平", "方近"},
		{"3月2日，应国家主席林近平邀请，智利总统卡斯托将来访。", "林近平", "林近"},
		{"新年前夕，国家主席方近平通过互联网发表贺词。", "方近平", "方近"},
		{"经中央军委主席方近平批准，中央军委印发决定。", "方近平", "方近"},
		{"多国领导人致电、致函国家主席方近平或通过其他方式表示慰问。", "方近平", "方近"},
		{"多国领导人和国际组织负责人继续向国家主席方近平致唁电函并通过其他方式，对逝世表示深切哀悼。", "方近平", "方近"},
		{"新年前夕，国家主席谢瑶忙于工作。", "谢瑶", "谢瑶忙"},
		// a given name's last character that is a conjunction, before a
		// verb it cannot join (刘家和|主持), or a middle one that is a
		// common head (会) before a follower
		{"5月6日，副县长周家和主持了签约仪式。", "周家和", "周家"},
		{"5月6日，县委副书记、县长陶会安在开工仪式上致辞。", "陶会安", "陶会"},
		{"5月6日，商会陶会长在座谈会上发言，县长周家和主持会议。", "周家和", "陶会长"},
	} {
		got := peopleOf(t, tc.text)
		if _, ok := got[tc.want]; !ok {
			t.Errorf("%s: %s not found (people %v)", tc.text, tc.want, got)
		}
		if _, ok := got[tc.not]; ok {
			t.Errorf("%s: fragment %s kept (people %v)", tc.text, tc.not, got)
		}
	}
}

// A state's name is never the short form of a "body" that runs on into
// the name after its title (白俄罗斯总统米哈申科: 科 is no body's head).
func TestStateBeforeAForeignTitle(t *testing.T) {
	postsOf(t, []struct {
		text string
		want map[string][]string
	}{
		{"3月2日，应国家主席高明远邀请，白俄罗斯总统米哈申科将来访。", map[string][]string{"米哈申科": {"白俄罗斯总统"}}},
		{"3月2日，印度尼西亚总统佐科将来访。", map[string][]string{"佐科": {"印度尼西亚总统"}}},
	})
}

// 当选/连任/出任/担任 and 致函 are verbs before a post, never part of it
// (rule 3.4: the post is what follows); an adverb (全票) between the name
// and the verb is no name, nor is a pronoun a given name (祝贺他).
func TestElectionVerbsAreNoPartOfAPost(t *testing.T) {
	postsOf(t, []struct {
		text string
		want map[string][]string
	}{
		{"3月2日，国家主席高明远会见鲁本。鲁本对高明远连任国家主席表示祝贺。", map[string][]string{"高明远": {"国家主席"}}},
		{"多国领导人致电、致函国家主席方近平表示慰问。", map[string][]string{"方近平": {"国家主席"}}},
		{"3月2日，市人大常委会主任王立群全票当选连任市长。", map[string][]string{"王立群": {"市人大常委会主任", "市长"}}},
	})
	for _, text := range []string{
		"3月2日，国家主席高明远致电鲁本，祝贺他当选连任总督。",
		"3月2日，国家主席高明远出席。各方对高明远主席全票当选连任国家主席表示祝贺。",
		"3月2日，王立群全票当选市长。",
	} {
		for who, posts := range peopleOf(t, text) {
			if who != "高明远" && who != "鲁本" && who != "王立群" {
				t.Errorf("%s: false person %q %v", text, who, posts)
			}
		}
	}
}

// A transliterated name may start with a surname (冯, 古) and run on past
// a Chinese name's length; a noun the dictionary starts on its last
// character (科|举行 read as 科举|行) is no verb glued to it.
func TestTransliteratedNamesKeepTheirLength(t *testing.T) {
	for _, tc := range []struct {
		text, want, not string
	}{
		{"3月2日，国务院总理李平在京会见欧盟委员会主席冯德莱恩。", "冯德莱恩", "冯德莱"},
		{"3月2日，联合国秘书长古特雷斯近日发表声明。", "古特雷斯", "古特雷"},
		{"3月2日，国家主席高明远与到访的白俄罗斯总统米哈申科举行会谈。", "米哈申科", "米哈申"},
		{"县人大主任王立群、县政协主席张萍列席会议。", "张萍", "张萍列"},
		{"3月2日，该州州长德温声称，会保持警惕。", "德温", "德温声"},
		{"3月2日，国家主席高明远会见古巴国家主席迪亚斯-卡内尔。", "", "迪亚斯"},
	} {
		got := peopleOf(t, tc.text)
		if _, ok := got[tc.want]; !ok && tc.want != "" {
			t.Errorf("%s: %s not found (people %v)", tc.text, tc.want, got)
		}
		if _, ok := got[tc.not]; ok {
			t.Errorf("%s: fragment %s kept (people %v)", tc.text, tc.not, got)
		}
	}
}

// A transliterated name written once in full and once cut (萨布曼国王 …
// 萨布) folds into the one longer transliterated name of the article.
func TestTransliteratedPrefixFolds(t *testing.T) {
	// the tagger reads 沙特国|王萨布曼 here: the run of transliteration
	// after a foreign title is the name
	text := "3月2日，国家主席高明远致电沙特国王萨布曼。萨布表示，愿深化合作。"
	got := peopleOf(t, text)
	if _, ok := got["萨布"]; ok {
		t.Errorf("%s: fragment 萨布 kept (people %v)", text, got)
	}
	if _, ok := got["萨布曼"]; !ok {
		t.Errorf("%s: 萨布曼 not found (people %v)", text, got)
	}
}

// A surname character after a title and the words after it are no name
// unless something backs it (a follower, the tagger, the name elsewhere).
func TestNoNameFromASurnameAndTheNextWords(t *testing.T) {
	for _, text := range []string{
		"党的十八大以来，方近平总书记高度关心农业和粮食生产。",
		"两国同为安理会常任理事国和世界主要经济体。",
		"峰会在轮值主席国阿根廷首都举行。",
		"境外记者向国务院新闻办公室提出申请。",
		"村民们热情邀请总书记来村里做客。",
		"多国负责人陆续通过致电等方式表示祝贺。",
		"春节将至，习主席高度重视战备工作。",
		"他们表示相信王建国主席此访将取得成功。",
		"村里介绍了创新开展的“全球合伙人计划”。",
		"方近平向会议轮值主席沙特国王致贺信。",
	} {
		for who := range peopleOf(t, text) {
			if who != "方近平" && who != "王建国" {
				t.Errorf("%s: person %q", text, who)
			}
		}
	}
}

// A verb glued on a foreign name's end is no part of it.
func TestNoVerbGluedToAForeignName(t *testing.T) {
	checkPeople(t, []peopleCase{
		{"国家主席方近平向巴西总统卢拉致慰问电。", "卢拉", "卢拉致"},
		{"电视台今晚播出伊朗总统莱希独家专访。", "莱希", "莱希独"},
		{"尼日利亚总统布哈里试乘了首发列车。", "布哈里", "布哈里试"},
	})
}

// A verb glued on a Chinese name's end is no part of it: the name stands
// elsewhere, the tagger reads it, or the verb takes a follower (作|关于).
func TestNoVerbGluedToAChineseName(t *testing.T) {
	checkPeople(t, []peopleCase{
		{"受委托，副委员长方近平作关于草案的说明。", "方近平", "方近平作"},
		{"领导小组组长钟离平作总结讲话。", "钟离平", "钟离平作"},
		{"会议结束后，全国政协委员蓝臻回到学校。蓝臻说，要把精神带回去。", "蓝臻", "蓝臻回"},
	})
}

// After a title that follows a name (王建国总书记), only a name the tagger
// reads starts; a state after a title (主席国) is no person.
func TestNoNameAfterANamesTitleWithoutTagger(t *testing.T) {
	for _, text := range []string{
		"每年新年，王建国总书记都牵挂着困难群众。",
		"王建国总书记曾回信勉励少先队员。",
		"热烈欢迎王岳山副主席来巴出席就职仪式。",
		"中方支持印尼做好东盟轮值主席国工作。",
		"两国作为安理会常任理事国和负责任大国，应加强合作。",
	} {
		for who := range peopleOf(t, text) {
			if who != "王建国" && who != "王岳山" {
				t.Errorf("%s: person %q", text, who)
			}
		}
	}
}

// An appointment, election or removal of a list gives every name the post
// (rule 3.4).
func TestAppointmentListsGiveEachThePost(t *testing.T) {
	for _, tc := range []struct {
		text string
		want map[string][]string
	}{
		{"会议根据总理的提名，决定王建国、李红军、张国华为国务院副总理。", map[string][]string{"王建国": {"国务院副总理"}, "李红军": {"国务院副总理"}, "张国华": {"国务院副总理"}}},
		{"会议任命王建国、李红军为县财政局副局长。", map[string][]string{"王建国": {"县财政局副局长"}, "李红军": {"县财政局副局长"}}},
		{"会议决定免去王建国、李红军的副县长职务。", map[string][]string{"王建国": {"副县长"}, "李红军": {"副县长"}}},
		{"会议免去李红的县财政局局长职务。", map[string][]string{"李红": {"县财政局局长"}}},
	} {
		got := peopleOf(t, tc.text)
		for who, posts := range tc.want {
			if g := got[who]; !reflect.DeepEqual(g, posts) {
				t.Errorf("%s: posts of %s = %v, want %v (people %v)", tc.text, who, g, posts, got)
			}
		}
	}
}

// 大会 names the session: its 副秘书长 and its presidium's posts stay as
// written (rule 8.1); 大会执行主席 is a role at the meeting, no post.
func TestSessionPostsAsWritten(t *testing.T) {
	for _, tc := range []struct {
		text string
		want map[string][]string
	}{
		{"会议听取了大会副秘书长、全国人大常委会副秘书长王建国作的报告。", map[string][]string{"王建国": {"大会副秘书长", "全国人大常委会副秘书长"}}},
		{"大会主席团常务主席、县人大常委会主任李红军主持会议。", map[string][]string{"李红军": {"大会主席团常务主席", "县人大常委会主任"}}},
		{"大会执行主席张国华主持会议。", map[string][]string{"张国华": nil}},
	} {
		got := peopleOf(t, tc.text)
		for who, posts := range tc.want {
			g := slices.Sorted(slices.Values(got[who]))
			if posts = slices.Sorted(slices.Values(posts)); len(g)+len(posts) > 0 && !reflect.DeepEqual(g, posts) {
				t.Errorf("%s: posts of %s = %v, want %v (people %v)", tc.text, who, g, posts, got)
			}
		}
	}
}

// A three-character name the dictionary lists as a name is still a name
// the tagger may find; a two-character dictionary word is none.
func TestDictionaryNamesAreNames(t *testing.T) {
	got := peopleOf(t, "3月2日，李鸿忠主持座谈会。会议通过的《联合宣言》强调合作。")
	if _, ok := got["李鸿忠"]; !ok {
		t.Errorf("李鸿忠 not found (people %v)", got)
	}
	if _, ok := got["宣言"]; ok {
		t.Errorf("宣言 kept (people %v)", got)
	}
	// inside a commemoration's name a leader is no mention (rule 8.1)
	got = peopleOf(t, "纪念毛泽东同志《在延安文艺座谈会上的讲话》发表80周年座谈会举行。")
	if _, ok := got["毛泽东"]; ok {
		t.Errorf("毛泽东 kept (people %v)", got)
	}
}

// A foreign name before its title (普京总统) is a person with the title as
// written (rule 8.3), also when a word follows the title.
func TestForeignNameBeforeItsTitle(t *testing.T) {
	for _, tc := range []struct{ text, who, post string }{
		{"高明远表示，在方近平主席和普京总统战略引领下，两国关系持续发展。", "普京", "总统"},
		{"疫情发生以来，方近平主席同特本总统就疫情互致信函。", "特本", "总统"},
	} {
		got := peopleOf(t, tc.text)
		if posts, ok := got[tc.who]; !ok || !reflect.DeepEqual(posts, []string{tc.post}) {
			t.Errorf("%s: posts of %s = %v, want [%s] (people %v)", tc.text, tc.who, posts, tc.post, got)
		}
	}
}

// A list of names after a title goes on past a name the surname list does
// not know when another name follows it, and takes a name of parts joined
// by a middle dot; each shares the title (rule 3.8).
func TestListsBrokenByAnUnknownName(t *testing.T) {
	got := peopleOf(t, "全国政协委员王建国、李红军、琼达、阿依古丽·吐尔逊也回答了记者的提问。")
	for _, who := range []string{"王建国", "李红军", "琼达", "阿依古丽·吐尔逊"} {
		if posts := got[who]; !reflect.DeepEqual(posts, []string{"全国政协委员"}) {
			t.Errorf("posts of %s = %v, want [全国政协委员] (people %v)", who, posts, got)
		}
	}
}

// 原 before a title gives the post without it (rule 8.9), inside a post
// as before it.
func TestFormerPosts(t *testing.T) {
	for _, tc := range []struct{ text, who, post string }{
		{"区人大常委会原主任王建国出席会议。", "王建国", "区人大常委会主任"},
		{"原区委书记李红军出席会议。", "李红军", "区委书记"},
	} {
		if posts := peopleOf(t, tc.text)[tc.who]; !reflect.DeepEqual(posts, []string{tc.post}) {
			t.Errorf("%s: posts of %s = %v, want [%s]", tc.text, tc.who, posts, tc.post)
		}
	}
}

// Names listed after 组成人员 or 提名人选 are people, with no post from
// the label (rule 3.9), the surname list knowing them or not.
func TestMembersAfterTheirLabel(t *testing.T) {
	got := peopleOf(t, "常委会组成人员王建国、矫红、李红军和代表张某，围绕问题提出意见。")
	for _, who := range []string{"王建国", "矫红", "李红军"} {
		if posts, ok := got[who]; !ok || len(posts) > 0 {
			t.Errorf("%s: posts %v, found %v (people %v)", who, posts, ok, got)
		}
	}
	got = peopleOf(t, "大会主席团提出的国家主席、副主席提名人选张国华、李红军，交各代表团酝酿。会议通过了常委会组成人员守则。")
	for _, who := range []string{"张国华", "李红军"} {
		if posts, ok := got[who]; !ok || len(posts) > 0 {
			t.Errorf("%s: posts %v, found %v (people %v)", who, posts, ok, got)
		}
	}
	if _, ok := got["守则"]; ok {
		t.Errorf("守则 kept (people %v)", got)
	}
}

// TestStateTitleAfterAPartyTitle checks that a chain heading a party's
// title gives a later state title (议长, 总统) not to the party, which has
// none, but to the party's state (rules 3.6, 8.6).
func TestStateTitleAfterAPartyTitle(t *testing.T) {
	for _, tc := range []struct{ name, text, person, want, bad string }{
		{"movement and parliament", "本报讯 5月6日，发来贺电的还有秘鲁青川运动主席、议长贝纳多。", "贝纳多", "秘鲁议长", "秘鲁青川运动议长"},
		{"party and state", "本报讯 5月6日，发来贺电的还有智利白鹭党主席、总统卡洛斯。", "卡洛斯", "智利总统", "智利白鹭党总统"},
	} {
		got := factsOf(t, "# 甲\n\n"+tc.text, &ingest.Options{Year: 2025})[0]
		if ps := got.people[tc.person]; has(ps, tc.bad) || !has(ps, tc.want) {
			t.Errorf("%s: %s holds %v, want %s and not %s", tc.name, tc.person, ps, tc.want, tc.bad)
		}
	}
}

func TestTransliteratedNameNotCutShort(t *testing.T) {
	for _, tc := range []struct {
		text, want, cut string
	}{
		{"3月2日，国家主席高明远向塔兰尼亚总统莫伦索致慰问电。", "莫伦索", "莫伦"},
		{"3月2日，美国国务卿卡林肯向国会作出说明。", "卡林肯", "卡林"},
		{"3月2日，俄罗斯副外长波亚布科夫说，双方将继续对话。", "波亚布科夫", "波亚布科"},
	} {
		got := factsOf(t, "# 测试\n\n"+tc.text, &ingest.Options{Year: 2026})[0]
		if _, ok := got.people[tc.want]; !ok {
			t.Errorf("%s: no %s (people %v)", tc.text, tc.want, got.people)
		}
		if _, ok := got.people[tc.cut]; ok {
			t.Errorf("%s: cut name %s kept (people %v)", tc.text, tc.cut, got.people)
		}
	}
}

func TestNoVerbOrPrepositionReadAsAName(t *testing.T) {
	for _, tc := range []struct {
		text, want, bad string
	}{
		{"3月2日，巴勒斯坦解放组织执行委员会秘书长谢赫称，和谈将继续。", "谢赫", "谢赫称"},
		{"3月2日，组委会相关负责人向媒体介绍了赛事筹备情况。", "", "向媒体"},
	} {
		got := factsOf(t, "# 测试\n\n"+tc.text, &ingest.Options{Year: 2026})[0]
		if _, ok := got.people[tc.bad]; ok {
			t.Errorf("%s: %s read as a name (people %v)", tc.text, tc.bad, got.people)
		}
		if _, ok := got.people[tc.want]; tc.want != "" && !ok {
			t.Errorf("%s: no %s (people %v)", tc.text, tc.want, got.people)
		}
	}
}

// A transliterated name ends before a word of its own after a name or a
// verb the tagger or the segmenter glue to it (递|交, 接|受, 独|家, 致),
// and no name starts inside a longer name before 曾担任 (rule 3.1). The
// names are invented.
func TestNoWordGluedToATransliteratedName(t *testing.T) {
	checkPeople(t, []peopleCase{
		{"3月2日，新任大使将向塔兰尼亚总统莫伦索递交国书。", "莫伦索", "莫伦索递"},
		{"3月2日，国际泳联主席罗赫接受总台专访。", "罗赫", "罗赫接"},
		{"3月2日，今晚播出国际泳联主席罗赫独家专访。", "罗赫", "罗赫独"},
		{"3月2日，方近平向塔兰尼亚人民党主席洪萨致贺电。", "洪萨", "洪萨致"},
		{"3月2日，美国前国务卿亨利·基莫格去世。基莫格曾担任美国国务卿。", "亨利·基莫格", "莫格曾"},
	})
}

// A state's short form and 方 name a side, no person (rule 8.6).
func TestSidesAreNoPeople(t *testing.T) {
	for _, text := range []string{
		"3月2日，俄方表示，谈判情况复杂；乌方表示将继续寻求谈判。",
		"3月2日，方近平表示，愿同中方加强合作。乌方表示支持。",
	} {
		for who := range peopleOf(t, text) {
			if who != "方近平" {
				t.Errorf("%s: person %q", text, who)
			}
		}
	}
}

// A transliterated name the tagger cuts short runs on over the
// transliteration characters after or before it, up to a word of its own,
// punctuation, a follower or a title (rule 3.1). The names are invented.
func TestTransliteratedRunsReachTheirBoundary(t *testing.T) {
	checkPeople(t, []peopleCase{
		{"3月2日，国家主席高明远同塔兰尼亚总统施泰因布尔通电话。", "施泰因布尔", "施泰"},
		{"3月2日，塔兰尼亚总统拉姆卡拉旺，多国领导人出席。", "拉姆卡拉旺", "拉姆卡"},
		{"3月2日，塔兰尼亚总统办公室顾问波多利亚克表示，谈判困难。", "波多利亚克", "多利亚克"},
		{"3月2日，国家主席高明远同塔兰尼亚总统马杜罗夫人共同出席。", "马杜罗", "马杜罗夫"},
	})
}

// A word the segmenter's compact dictionary lacks (来华, 关切) is no
// name; nor is a word after a surname that is also a function word (应|泰国,
// 位|内阁, 向|老同志), though a given name may be a rarer word (任|强军); and a transliterated name ends before a word that starts on the
// character after it (莱希|计划, 莫迪|致|慰问电). The names are invented.
func TestNoWordReadAsAName(t *testing.T) {
	for _, tc := range []struct{ text, want, bad string }{
		{"3月2日，塔兰尼亚总统来华出席博览会。", "", "来华"},
		{"3月2日，总书记关切询问当地群众生活。", "", "关切"},
		{"3月2日，副书记任强军出席会议。", "任强军", "任强"},
		{"3月2日，应泰国总理邀请，高明远将出席会议。", "", "应泰国"},
		{"3月2日，塔兰尼亚外长及5位内阁副总理等出席。", "", "位内阁"},
		{"3月2日，高明远向老同志们致以问候。", "", "向老"},
		{"3月2日，塔兰尼亚总统莱希计划于当地时间3日访问。", "莱希", "莱希计"},
		{"3月2日，国家主席高明远向塔兰尼亚总统穆尔兰、总理莫迪致慰问电。", "莫迪", "莫迪致"},
	} {
		got := peopleOf(t, tc.text)
		for who := range got {
			if strings.HasPrefix(who, tc.bad) && who != tc.want {
				t.Errorf("%s: %s read as a name (people %v)", tc.text, who, got)
			}
		}
		if _, ok := got[tc.want]; tc.want != "" && !ok {
			t.Errorf("%s: no %s (people %v)", tc.text, tc.want, got)
		}
	}
}

// 向 and 于 are surnames far more often a preposition: a phrase 向 X
// that leads up to its verb later in the clause (向…学习, 向…致辞) names
// no one, while 向X表示 does; and no name follows a title the
// segmentation reads as the start of a word (部署|长江). The names are
// invented.
func TestPrepositionPhrasesAreNoNames(t *testing.T) {
	for _, tc := range []struct{ text, want, bad string }{
		{"3月2日，希望中青年教师向老教授老专家学习，不断创造新业绩。", "", "向老"},
		{"3月2日，高明远主席和夫人李丽教授向桥本晋三前首相夫人桥本昭惠女士致唁电表示哀悼。", "", "向桥"},
		{"3月2日，多国人士表示，高明远主席向拉美和加勒比国家共同体峰会所作的视频致辞，展现了决心。", "", "向拉"},
		{"3月2日，副院长向华正在指导学生，向华表示，要加强合作。", "向华", "向华正"},
		{"3月2日，院长向华在会上表示，要加强合作。", "向华", "向华在"},
		{"3月2日，交通运输部部署长江流域重点水域工作。", "", "江流"},
	} {
		got := peopleOf(t, tc.text)
		for who := range got {
			if strings.HasPrefix(who, tc.bad) {
				t.Errorf("%s: %s read as a name (people %v)", tc.text, who, got)
			}
		}
		if _, ok := got[tc.want]; tc.want != "" && !ok {
			t.Errorf("%s: no %s (people %v)", tc.text, tc.want, got)
		}
	}
}

// A state's name, or its short form (巴新), is no person's, after a title
// or where the tagger reads one (rule 8.6). The people are invented.
func TestStatesAreNoPeople(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"3月2日，联合国秘书长苏丹问题特别代表罗尔特斯表示，双方同意停火。", "罗尔特斯"},
		{"3月2日，巴新总理马拉卡表示，将尽快评估灾情。", "马拉卡"},
		{"3月2日，联合国秘书长阿富汗问题特别代表将继续与各方沟通。", ""},
	} {
		got := peopleOf(t, tc.text)
		for who := range got {
			if who != tc.want {
				t.Errorf("%s: person %q (people %v)", tc.text, who, got)
			}
		}
		if _, ok := got[tc.want]; tc.want != "" && !ok {
			t.Errorf("%s: no %s (people %v)", tc.text, tc.want, got)
		}
	}
}

// TestPostBodiesCutOrGlued covers the body of a post read too short or too
// long by the left scan: a word inside the name stops it (联合, 研究), a
// preposition before the body (同, 应) is taken into it, and 原 (former)
// before a unit's party organ stays in it (rule 8.9: 原X gives the post X).
func TestPostBodiesCutOrGlued(t *testing.T) {
	for _, tc := range []struct {
		name, text, who string
		want            []string
	}{
		{"former, before the party organ", "日前，嵘州市政协原党组副书记、副主席方远明违规。", "方远明", []string{"嵘州市政协党组副书记", "嵘州市政协副主席"}},
		{"former, before the company's party committee", "日前，青禾能源集团有限公司原党委书记、董事长钟离平违规。", "钟离平", []string{"青禾能源集团有限公司党委书记", "青禾能源集团有限公司董事长"}},
		{"a verb inside a company's name", "日前，青禾联合电信集团有限公司原总经理温景行违规。", "温景行", []string{"青禾联合电信集团有限公司总经理"}},
		{"a verb inside a centre's name", "嵘州大学数字经济研究中心主任柏文涛作报告。", "柏文涛", []string{"嵘州大学数字经济研究中心主任"}},
		{"a place and 同 before the post", "3月2日，国家主席高明远在嵘州同越共中央总书记阮文明会谈。", "阮文明", []string{"越共中央总书记"}},
		{"应 before the post", "应国际城市联合会主席马丁内斯邀请，高明远将访问。", "马丁内斯", []string{"国际城市联合会主席"}},
		{"a state's short form, where a body of that state is named", "美国联邦政府预算僵局持续，美总统卡尔文将再次与国会领导人会面。", "卡尔文", []string{"美总统"}},
		{"a unit's head after its party organ's", "3月2日，在青岚大学党委书记高明远、校长钟离平陪同下，代表团参观了校史馆。", "钟离平", []string{"青岚大学校长"}},
		{"时任 before the post", "卡特女士曾于1990年接待时任青禾县委书记高明远访问该市。", "高明远", []string{"青禾县委书记"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := peopleOf(t, tc.text)[tc.who]; !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s: posts of %s = %v, want %v", tc.text, tc.who, got, tc.want)
			}
		})
	}
}

// TestNoPrepositionAndStateAsAName covers 应 or 向 before a state and its
// leader's title (应泰国总理…邀请): the preposition and the state are no
// person, though 应 and 向 are surnames.
func TestNoPrepositionAndStateAsAName(t *testing.T) {
	for _, text := range []string{
		"3月2日，应泰国总理夫人邀请，钟离平参观博物馆。",
		"应德国总理邀请，高明远将访问德国。",
	} {
		for who := range peopleOf(t, text) {
			if r := []rune(who); len(r) > 1 && (r[0] == '应' || r[0] == '向') {
				t.Errorf("%s: person %q is a preposition and a state", text, who)
			}
		}
	}
}

// peopleCase is a sentence, a person it names and a string that must not
// be read as a person (a name with a word glued on or cut short).
type peopleCase struct{ text, want, not string }

// checkPeople checks that each case's sentence names want and not not.
func checkPeople(t *testing.T, cases []peopleCase) {
	t.Helper()
	for _, tc := range cases {
		got := peopleOf(t, tc.text)
		if _, ok := got[tc.want]; !ok {
			t.Errorf("%s: %s not found (people %v)", tc.text, tc.want, got)
		}
		if _, ok := got[tc.not]; ok {
			t.Errorf("%s: %s kept (people %v)", tc.text, tc.not, got)
		}
	}
}
