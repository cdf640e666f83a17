package ingest_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/kgproject/kg/ingest"
)

// The sentences below are written for these tests in the genre's style;
// none is copied from an evaluation set.

// TestOutletLines checks that the outlet of a dateline, or of a date and
// source line with no field label, is an organisation of the article
// (rule 2.3), and that its reporters hold the outlet's 记者 post (2.2).
func TestOutletLines(t *testing.T) {
	for _, tc := range []struct{ name, page, outlet string }{
		{"news-site dateline", "# 甲\n\n青川网消息（晚间新闻）：3月5日，县长王立新到白鹭镇调研。", "青川网"},
		{"date then source", "# 甲\n\n2025年03月05日10:12　来源:青川新闻网\n\n青川新闻网讯 3月5日，县长王立新到白鹭镇调研。", "青川新闻网"},
		{"outlet then date", "# 甲\n\n白鹭融媒 2025-03-05\n\n3月5日上午，县长王立新到白鹭镇调研。", "白鹭融媒"},
		{"address then date", "# 甲\n\n//www.example.cn  2025-03-05 08:30:00\n\n青川新闻网讯 3月5日，县长王立新到白鹭镇调研。（记者 周明远）", "青川新闻网"},
	} {
		got := factsOf(t, tc.page, &ingest.Options{Year: 2025})[0]
		if !has(got.orgs, tc.outlet) {
			t.Errorf("%s: organisations %v lack %s", tc.name, got.orgs, tc.outlet)
		}
		if len(got.reporters) > 0 && !has(got.people[got.reporters[0]], tc.outlet+"记者") {
			t.Errorf("%s: reporter %s holds %v, want %s记者", tc.name, got.reporters[0], got.people[got.reporters[0]], tc.outlet)
		}
		if len(got.events) == 0 || got.events[0].date != "2025-03-05" {
			t.Errorf("%s: events %+v, want one on 2025-03-05", tc.name, got.events)
		}
	}
}

// TestForeignBodies checks that a foreign state's government, ministries,
// parliament and armed forces, and international bodies, are
// organisations, while the states themselves are not (rule 8.6).
func TestForeignBodies(t *testing.T) {
	got := factsOf(t, "# 甲\n\n本报讯 5月6日，国务院副总理王立新在北京会见秘鲁客人。秘鲁外交部当天表示欢迎。王立新表示，中方愿同秘鲁政府、秘鲁国会加强交流，支持世界卫生组织和东南亚国家联盟发挥作用。据智利媒体报道，智利武装部队当天开展救援，送往当地医院救治。俄军与乌军在前线交火。", &ingest.Options{Year: 2025})[0]
	for _, o := range []string{"秘鲁外交部", "秘鲁政府", "秘鲁国会", "世界卫生组织", "东南亚国家联盟", "智利武装部队", "俄军", "乌军"} {
		if !has(got.orgs, o) {
			t.Errorf("organisations %v lack %s", got.orgs, o)
		}
	}
	for _, o := range got.orgs {
		if o == "秘鲁" || o == "智利" || strings.Contains(o, "当地") || strings.Contains(o, "愿同") {
			t.Errorf("organisations %v hold %s", got.orgs, o)
		}
	}
}

// TestKnownBodiesStartWhereTheyStart checks that a known body after words
// that name no place is not taken with them, and one after a state is.
func TestKnownBodiesStartWhereTheyStart(t *testing.T) {
	got := factsOf(t, "# 甲\n\n本报讯 5月6日，条例规定外交部、驻外机构的职责。报道援引多名秘鲁国防部官员的话说，该国将加强戒备。", &ingest.Options{Year: 2025})[0]
	for _, o := range []string{"外交部", "秘鲁国防部"} {
		if !has(got.orgs, o) {
			t.Errorf("organisations %v lack %s", got.orgs, o)
		}
	}
}

// TestStateLeadersPostsNameNoBody checks that a foreign leader's post keeps
// the state without listing the state as a body.
func TestStateLeadersPostsNameNoBody(t *testing.T) {
	got := factsOf(t, "# 甲\n\n本报讯 5月6日，国家主席王立新在北京会见秘鲁总统卡洛斯。", &ingest.Options{Year: 2025})[0]
	for _, o := range got.orgs {
		if o == "秘鲁" || o == "国家" {
			t.Errorf("organisations %v hold %s", got.orgs, o)
		}
	}
}

// TestInitiatives checks initiatives named with their head (倡议) or built
// together without one (共建“X”), folded into the fullest form the article
// writes (rule 8.7), and the bounds of quoted programmes.
func TestInitiatives(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"head and bare form", "会议指出，“丝路花开”倡议提出以来成果丰硕，双方同意共建“丝路花开”，落实全球减贫倡议。", []string{"丝路花开倡议", "全球减贫倡议"}},
		{"bare form alone", "双方同意高质量共建“丝路花开”，深化务实合作。", []string{"丝路花开"}},
		{"verb before a quote", "会议要求，加快落地“青年返乡”计划，扩大双边合作项目。", []string{"青年返乡计划"}},
		{"two names", "他表示，“丝路花开”倡议和全球减贫倡议意义重大。", []string{"丝路花开倡议", "全球减贫倡议"}},
	} {
		got := factsOf(t, "# 甲\n\n本报讯 5月6日，县委召开常委会会议。"+tc.text, &ingest.Options{Year: 2025})[0]
		if !reflect.DeepEqual(got.projects, sorted(tc.want...)) {
			t.Errorf("%s: projects %v, want %v", tc.name, got.projects, tc.want)
		}
	}
}

// pageOrgMentions returns the Organisation mentions kg extract gives for
// one news page, the tagger's included.
func pageOrgMentions(t *testing.T, page string) []string {
	t.Helper()
	p := pipeline(t, nil)
	var out []string
	err := p.ReadFrom(context.Background(), strings.NewReader(page), "test.md", false, func(a *ingest.Article) error {
		for _, m := range p.Extract(a).Mentions {
			if m.Type == "Organisation" {
				out = append(out, m.Text)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBodiesAreNotSentences checks that a known body or a head word does
// not make a body of the words before it when they are a sentence about
// it (a leader's title, a person, a verb or preposition, a one-character
// head after a state alone), while a state, a place and name words do
// open a body's name.
func TestBodiesAreNotSentences(t *testing.T) {
	for _, tc := range []struct {
		sentence  string
		want, not []string
	}{
		{"秘鲁总统批评欧盟。", []string{"欧盟"}, []string{"秘鲁总统批评欧盟"}},
		{"智利总统卡洛斯独家专访中央电视台。", []string{"中央电视台"}, []string{"智利总统卡洛斯独家专访中央电视台"}},
		{"中方始终遵守联合国宪章。", []string{"联合国"}, []string{"中方始终遵守联合国"}},
		{"中国同东盟加强合作。", []string{"东盟"}, []string{"中国同东盟"}},
		{"秘鲁国防部当天表示欢迎。", []string{"秘鲁国防部"}, nil},
		{"琮州市交通运输局与秘鲁所开展合作。", []string{"琮州市交通运输局"}, []string{"秘鲁所"}},
	} {
		got := pageOrgMentions(t, "# 甲\n\n青川网消息（晚间新闻）：5月6日，"+tc.sentence)
		for _, o := range tc.want {
			if !has(got, o) {
				t.Errorf("%s: organisations %v lack %s", tc.sentence, got, o)
			}
		}
		for _, o := range tc.not {
			if has(got, o) {
				t.Errorf("%s: organisations %v hold %s", tc.sentence, got, o)
			}
		}
	}
}

// TestShortFormsFoldIntoFullest checks that short forms fold into the
// fullest form the article writes (rule 4.2): a term-numbered form is the
// plain body and never the fuller one, a level's form folds into the
// place's full name, a body named by its last words into the one longer
// name ending so, and 党中央 into 中共中央.
func TestShortFormsFoldIntoFullest(t *testing.T) {
	checkOrgs(t, []orgCase{
		{"term", "县十五届人大常委会举行第九次会议。县人大常委会主任王立新主持会议。", []string{"县人大常委会"}, []string{"县十五届人大常委会"}},
		{"term only", "区五届政协召开常委会议，区政协主席王立新出席。", []string{"区政协"}, []string{"区五届政协"}},
		{"level form", "青禾市人民政府与白鹭集团签约。市政府将加强服务。", []string{"青禾市人民政府"}, []string{"市政府"}},
		{"last words", "运动会组委会负责同志出席。组委会将做好保障。", []string{"运动会组委会"}, []string{"组委会"}},
		{"alias", "中共中央印发通知。各地认真贯彻党中央部署。", []string{"中共中央"}, []string{"党中央"}},
		{"level's committee", "泉县县委书记王立新出席。县委将加强领导。", []string{"泉县县委"}, []string{"县委"}},
		{"level's committee after the place's", "青禾市委书记王立新出席。市委将加强领导。", []string{"青禾市委"}, []string{"市委"}},
		{"two places' committees", "青禾县委书记王立新会见白沙县委书记赵明远一行。县委将加强合作。", []string{"青禾县委", "白沙县委", "县委"}, nil},
		{"another level's committee", "青禾市委书记王立新出席。县委将加强领导。", []string{"青禾市委", "县委"}, nil},
		{"committee and government as one", "青禾县人民政府与白鹭集团签约，青禾县委县政府有关部门负责同志出席。", []string{"青禾县委", "青禾县人民政府"}, []string{"青禾县委县政府", "县政府"}},
		{"a place before the body", "县委书记王立新参访了泉州晋江商会。晋江商会会长黄朝阳表示欢迎。", []string{"泉州晋江商会"}, []string{"晋江商会"}},
		{"term of the fuller form", "青川县第十八届人民代表大会常务委员会发出通知，县人大常委会主任王立新主持会议。", []string{"青川县人民代表大会常务委员会"}, []string{"县人大常委会", "青川县第十八届人民代表大会常务委员会"}},
	}, "organisations", orgsOf)
}

// TestCompanyDescriptors checks that a description of a company's kind
// before its name is not part of the name, while a name with 企业 in it
// keeps it.
func TestCompanyDescriptors(t *testing.T) {
	got := factsOf(t, "# 甲\n\n本报讯 5月6日，民营高新技术企业恒信科技有限公司、国家级专精特新“小巨人”企业青禾精工股份有限公司与青禾企业管理有限公司签约。", &ingest.Options{Year: 2025})[0]
	for _, o := range []string{"恒信科技有限公司", "青禾精工股份有限公司", "青禾企业管理有限公司"} {
		if !has(got.orgs, o) {
			t.Errorf("organisations %v lack %s", got.orgs, o)
		}
	}
}

// TestHeadsThatAreNoBodies checks that a head ending a verb or a common
// word (主办, 督办, 建厂, 近日|报道) and a sentence before an ordinary head
// make no organisation, while the body before such a verb and names with
// a verb of their work stay (rule 4.1).
func TestHeadsThatAreNoBodies(t *testing.T) {
	checkOrgs(t, []orgCase{
		{"host verb after a body", "由商务部主办、青川网承办的展会在北京开幕。", []string{"商务部"}, []string{"商务部主办", "青川网承办"}},
		{"supervision verb", "省政府挂牌督办一批重大隐患。", []string{"省政府"}, []string{"省政府挂牌督办"}},
		{"building a plant", "多家企业在白鹭镇投资建厂。", nil, []string{"白鹭镇投资建厂"}},
		{"time word across a head", "西方媒体近日报道称，谈判陷入僵局。", nil, []string{"西方媒体近日报"}},
		{"verb of a clause before a state's body", "秘鲁政府指责时任智利政府干涉内政。", []string{"秘鲁政府", "智利政府"}, []string{"秘鲁政府指责时任智利政府"}},
		{"clause before a common noun", "在服务大局中展现工会担当。", nil, []string{"服务大局中展现工会"}},
		{"verb naming a body's work", "国务院扶贫办、国家统计局和青川县审计局发布数据。", []string{"国务院扶贫办", "国家统计局", "青川县审计局"}, nil},
		{"place words keep their verbs", "苏丹快速支援部队当天宣布停火。", []string{"苏丹快速支援部队"}, nil},
		{"a cut into a state", "记者从中国铁路国际有限公司获悉，项目进展顺利。", []string{"中国铁路国际有限公司"}, nil},
		{"a bracket left open", "省直部门党组（党委）派出巡回指导组。", nil, []string{"省直部门党组（党委"}},
	}, "organisations", orgsOf)
}

// TestCoordinatedBodies checks that two bodies joined by 和 are two
// organisations, a bare head taking the first one's state, while names
// with 和 inside stay whole (rule 4.1, 4.5).
func TestCoordinatedBodies(t *testing.T) {
	checkOrgs(t, []orgCase{
		{"party and government", "老挝党和政府高度重视两国关系。", []string{"老挝政府"}, []string{"老挝党和政府"}},
		{"two named bodies", "东南亚国家联盟和南亚区域政府派员出席。", []string{"东南亚国家联盟", "南亚区域政府"}, []string{"东南亚国家联盟和南亚区域政府"}},
		{"two states' bodies", "中国全国人大和秘鲁国会加强交流。", []string{"秘鲁国会"}, []string{"中国全国人大和秘鲁国会"}},
		{"and inside a name", "国家发展和改革委员会、住房和城乡建设部联合发文。", []string{"国家发展和改革委员会", "住房和城乡建设部"}, nil},
	}, "organisations", orgsOf)
}

// TestProjectsNamedBeforeTheirWork checks that an initiative quoted before
// 合作 is a project (rule 8.7) and that descriptions and classes of
// projects are none (rule 5.2).
func TestProjectsNamedBeforeTheirWork(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want, not  []string
	}{
		{"initiative before 合作", "双方同意深化“数字丝路”合作，拓展新领域。", []string{"数字丝路"}, nil},
		{"a framework is no project", "扎实推进“三方对话”合作架构。", nil, []string{"三方对话"}},
		{"aid projects are a class", "援助物资包括粮食援助项目和医疗援助项目。", nil, []string{"粮食援助项目", "医疗援助项目"}},
		{"a description with 的", "这是两国务实合作的重要工程项目。", nil, []string{"两国务实合作的重要工程项目", "重要工程项目"}},
	} {
		got := factsOf(t, "# 甲\n\n本报讯 5月6日，"+tc.text, &ingest.Options{Year: 2025})[0]
		for _, p := range tc.want {
			if !has(got.projects, p) {
				t.Errorf("%s: projects %v lack %s", tc.name, got.projects, p)
			}
		}
		for _, p := range tc.not {
			if has(got.projects, p) {
				t.Errorf("%s: projects %v hold %s", tc.name, got.projects, p)
			}
		}
	}
}

// orgCase is a sentence with the organisations or projects it must and
// must not give.
type orgCase struct {
	name, text string
	want, not  []string
}

// checkOrgs runs each case as a dated news item and checks the list
// pick chooses (organisations or projects).
func checkOrgs(t *testing.T, cases []orgCase, kind string, pick func(summary) []string) {
	t.Helper()
	for _, tc := range cases {
		got := pick(factsOf(t, "# 甲\n\n本报讯 5月6日，"+tc.text, &ingest.Options{Year: 2025})[0])
		for _, o := range tc.want {
			if !has(got, o) {
				t.Errorf("%s: %s %v lack %s", tc.name, kind, got, o)
			}
		}
		for _, o := range tc.not {
			if has(got, o) {
				t.Errorf("%s: %s %v hold %s", tc.name, kind, got, o)
			}
		}
	}
}

func orgsOf(s summary) []string     { return s.orgs }
func projectsOf(s summary) []string { return s.projects }

// TestBodiesInDocumentNames checks that a body written as the subject of a
// plan's or law's name is not named in its own right (rule 4.6), while the
// author of a report is, its own 工作报告 included.
func TestBodiesInDocumentNames(t *testing.T) {
	checkOrgs(t, []orgCase{
		{"subject of a plan", "会议审议了国务院机构改革方案。", nil, []string{"国务院"}},
		{"subject of a law", "会议审议了全国人大常委会组织法修正草案。", nil, []string{"全国人大常委会"}},
		{"author of a report", "会议听取了最高人民检察院工作报告。", []string{"最高人民检察院"}, nil},
		{"author of a request", "会议听取了市财政局关于预算调整方案的报告。", []string{"市财政局"}, nil},
		{"a verb before the plan", "会议指出，国务院审议通过机构改革方案。", []string{"国务院"}, nil},
		{"topic of a title", "会议学习了《关于支持白鹭镇卫生院发展的意见》。", nil, []string{"白鹭镇卫生院"}},
		{"authors of a title", "新华社受权发布《中共中央 国务院关于做好春耕工作的意见》。", []string{"中共中央", "国务院"}, nil},
	}, "organisations", orgsOf)
}

// TestSessionBodies checks that a session's secretariat, named by 大会, is
// an organisation as written, and that 大会 in a post stays the session's
// (rule 8.1: 大会副秘书长, not a post of the secretariat).
func TestSessionBodies(t *testing.T) {
	got := factsOf(t, "# 甲\n\n本报讯 5月6日，县十八届人大三次会议主席团第二次会议举行。会议听取了大会副秘书长王立新作的大会秘书处关于代表议案处理意见的报告。", &ingest.Options{Year: 2025})[0]
	if !has(got.orgs, "大会秘书处") {
		t.Errorf("organisations %v lack 大会秘书处", got.orgs)
	}
	if posts := got.people["王立新"]; has(posts, "大会秘书处副秘书长") {
		t.Errorf("王立新 holds %v, want no post of 大会秘书处", posts)
	}
}

// TestProjectsNamedAndDescribed checks that campaigns launched by name are
// projects (rule 5.1), that a description reached through a quoted name is
// none (5.2) while the quoted initiative is (8.7), that a builder is no
// part of what it builds, and that a short form folds into the fullest
// form of the same project.
func TestProjectsNamedAndDescribed(t *testing.T) {
	checkOrgs(t, []orgCase{
		{"campaign launched by name", "全县扎实开展政法队伍教育整顿，成效明显。", []string{"政法队伍教育整顿"}, nil},
		{"study campaign launched by name", "全市深入开展党纪学习教育。", []string{"党纪学习教育"}, nil},
		{"a reform is no name", "推进乡镇卫生院改革，提升服务水平。", nil, []string{"乡镇卫生院改革"}},
		{"description through a quote", "该项目是两国“数字丝路”合作的标杆工程项目。", []string{"数字丝路"}, []string{"两国数字丝路合作的标杆工程项目", "数字丝路合作的标杆工程项目"}},
		{"builder before the project", "中企承建秘鲁北部铁路改造项目。3日，秘鲁北部利马铁路轨道改造项目完工。", []string{"秘鲁北部利马铁路轨道改造项目"}, []string{"中企承建秘鲁北部铁路改造项目", "秘鲁北部铁路改造项目"}},
	}, "projects", projectsOf)
}

// TestQuotedOutlets checks that a newspaper cited in title marks as a
// source is an organisation (rules 2.3, 4.1) and that a title in marks
// cited for nothing is none.
func TestQuotedOutlets(t *testing.T) {
	checkOrgs(t, []orgCase{
		{"paper's website reports", "秘鲁《利马商报》网站5日报道说，当地遭遇强降雨。", []string{"利马商报"}, nil},
		{"paper reports on a day", "美国《海湾时报》4日报道，两国将举行会谈。", []string{"海湾时报"}, nil},
		{"a report's title", "会议审议了《关于财政预算的报告》。", nil, []string{"关于财政预算的报告"}},
	}, "organisations", orgsOf)
}

// TestForeignParties checks that a foreign party named by its state and a
// short name ending with 党 is a body on its own (rule 4.1), also before
// 和, and that party words (党员) and the home state's party are left.
func TestForeignParties(t *testing.T) {
	checkOrgs(t, []orgCase{
		{"party before 和", "秘鲁人民党和智利武装部队发表声明。", []string{"秘鲁人民党", "智利武装部队"}, nil},
		{"party that speaks", "7日，智利社会党称将参加选举。", []string{"智利社会党"}, nil},
		{"party members", "秘鲁人民党员参加了活动。", nil, []string{"秘鲁人民党"}},
	}, "organisations", orgsOf)
}

// TestLocalBodiesInClauses checks that a body that makes a report is cut
// from the body after its verb's object, that a level's party committee
// and government written side by side are two bodies, and that 中心工作
// (the central task) names no centre (rule 4.1).
func TestLocalBodiesInClauses(t *testing.T) {
	checkOrgs(t, []orgCase{
		{"body that makes a report", "会上，县委宣传部作调整增补县政协委员的说明。", []string{"县委宣传部", "县政协"}, []string{"县委宣传部作调整增补县政协"}},
		{"committee and government side by side", "委员们聚焦市委市政府中心工作建言献策。", []string{"市委", "市政府"}, []string{"市委市政府", "市委市政府中心"}},
		{"a place ending with 作", "双方在焦作分行举行座谈。焦作分行业务合作稳步推进。", nil, []string{"分行"}},
		{"a centre's staff", "县政务服务中心工作人员耐心解答。", []string{"县政务服务中心"}, nil},
	}, "organisations", orgsOf)
}

// TestBattleCampaigns checks that a campaign named as a battle and fought
// by name is a project (rule 5.1), and that the work on a class of
// projects is none (5.2).
func TestBattleCampaigns(t *testing.T) {
	checkOrgs(t, []orgCase{
		{"fought by name", "要持之以恒打好蓝天保卫攻坚战，改善空气质量。", []string{"蓝天保卫攻坚战"}, []string{"持之以恒打好蓝天保卫攻坚战"}},
		{"won by name", "全县如期打赢脱贫攻坚战。", []string{"脱贫攻坚战"}, nil},
		{"a class of projects", "全面打响项目建设攻坚战。", nil, []string{"项目建设攻坚战"}},
		{"named only", "蓝天保卫攻坚战取得成效。", nil, []string{"蓝天保卫攻坚战"}},
	}, "projects", projectsOf)
}

// TestBrandActors checks that a company named by its brand alone is an
// organisation where the text makes it sign, invest or settle (rule 4.1),
// and that people, sides, places and classes of companies doing so are
// none.
func TestBrandActors(t *testing.T) {
	checkOrgs(t, []orgCase{
		{"brand signs", "签约仪式上，岚迪科与青川县签约，投资建设电池项目。", []string{"岚迪科"}, nil},
		{"brand invests", "会上，岚迪科在白鹭镇投资建设物流园。", []string{"岚迪科"}, nil},
		{"a person signs", "会上，王立新与青川县签约。", nil, []string{"王立新"}},
		{"a side", "会谈中，秘方愿同中方加强合作。", nil, []string{"秘方", "秘方愿"}},
		{"a class of companies", "会上，央企与三省签约。", nil, []string{"央企"}},
		{"a county", "会上，我县与岚禾集团签约。", nil, []string{"我县"}},
	}, "organisations", orgsOf)
}

// TestRoadInitiatives checks that an initiative named as a road and built
// by name is a project without 建设 (rules 5.1, 8.7), and that a road in
// passing is none.
func TestRoadInitiatives(t *testing.T) {
	checkOrgs(t, []orgCase{
		{"built by name", "双方愿共同推进健康丝绸之路建设。", []string{"健康丝绸之路"}, []string{"健康丝绸之路建设"}},
		{"a road in passing", "这是一条致富之路。", nil, []string{"致富之路"}},
	}, "projects", projectsOf)
}

// TestProjectClassesAndVerbs checks that what is done to projects, a list
// joiner and a class of projects name none (rule 5.2), that a named
// project after its class keeps only its name, and that a quote naming a
// meeting names no project before 暨.
func TestProjectClassesAndVerbs(t *testing.T) {
	checkOrgs(t, []orgCase{
		{"a verb before 项目", "该公司将高度重视项目建设，确保质量。", nil, []string{"高度重视项目"}},
		{"a list joiner", "委员们赴有关乡镇和项目建设现场视察。", nil, []string{"乡镇和项目"}},
		{"a class then the name", "检查组来到我县省级重大教育工程项目白鹭二中项目现场。", []string{"白鹭二中项目"}, []string{"我县省级重大教育工程项目", "我县省级重大教育工程项目白鹭二中项目"}},
		{"a class of projects", "组织实施一批国家级重大科研项目。", nil, []string{"国家级重大科研项目"}},
		{"a work named after its verb", "枫屿区老旧小区改造提升工程开工。", []string{"枫屿区老旧小区改造提升工程"}, nil},
		{"a quote naming a meeting", "白鹭镇“回故乡 建家乡”恳谈会暨项目签约仪式举行。", nil, []string{"回故乡 建家乡恳谈会暨项目"}},
		{"a level and a kind of list", "展会集中展示了白鹭县的省级非遗项目和传统技艺。", nil, []string{"省级非遗项目", "白鹭县的省级非遗项目"}},
		{"a clause told with 了", "枫屿县驻外联络处举行“白鹭迎春”线上庆祝活动，两地各界近千人“云端”参加了庆祝活动。", nil, []string{"两地各界近千人云端参加了庆祝活动", "两地各界近千人“云端”参加了庆祝活动", "“云端”参加了庆祝活动"}},
		{"a film drawing on a programme", "该片充分运用白鹭文明探源工程成果。", []string{"白鹭文明探源工程"}, []string{"片充分运用白鹭文明探源工程"}},
		{"a programme's class of projects", "双方同意推进“白鹭之路”合作旗舰项目建设。", nil, []string{"白鹭之路合作旗舰项目", "“白鹭之路”合作旗舰项目"}},
		{"a programme's key projects", "会议听取了“白鹭之路”重点项目进展汇报。", nil, []string{"白鹭之路重点项目", "“白鹭之路”重点项目"}},
		{"a national level and 示范", "他介绍了国家级示范项目的进展。", nil, []string{"国家级示范项目"}},
	}, "projects", projectsOf)
	checkOrgs(t, []orgCase{
		{"大学 inside 重大学术", "组织实施国家史学重大学术工程，推进集中学习。", nil, []string{"国家史学重大学", "集中学"}},
	}, "organisations", orgsOf)
}

// TestSessionsAroundHeads checks that a head read across a meeting's name
// (会议|会前, 会议|常委会议) or a body's name holding a numbered session
// gives no organisation (rules 4.6, 8.1).
func TestSessionsAroundHeads(t *testing.T) {
	checkOrgs(t, []orgCase{
		{"议会 across 会议会前", "县政协做好县政协九届二次会议会前准备工作。", []string{"县政协"}, []string{"县政协九届二次会议会", "县政协九届二次会议"}},
		{"a session before the body", "会议讨论县政协九届二次会议政协常委会议工作报告。", nil, []string{"县政协九届二次会议政协常委会", "县政协九届二次会议政协"}},
	}, "organisations", orgsOf)
}

// TestLevelWordsOfPronouns checks that the level word of 该县, 全县 is not
// read into the body after it, and that 处级 is a rank, no 处.
func TestLevelWordsOfPronouns(t *testing.T) {
	checkOrgs(t, []orgCase{
		{"该县 before the body", "该县县委组织部召开会议。", []string{"县委组织部"}, []string{"县县委组织部"}},
		{"a rank", "全县处级领导干部参加培训。", nil, []string{"县处", "全县处"}},
		{"the writer's own body", "参加座谈的有我会会长黄朝阳，秘书长李明。", nil, []string{"我会", "有我会"}},
		{"该县 before a post", "签约仪式上，该县县委书记王立新致辞。", []string{"县委"}, []string{"县县委"}},
	}, "organisations", orgsOf)
}

// TestKnownShortFormInsideAWord checks that a known short form (民革, 民建)
// whose last character starts a longer word (革命, 建设) names no body:
// 中国人民革命纪念园 holds 民革 only by accident of its characters.
func TestKnownShortFormInsideAWord(t *testing.T) {
	for _, tc := range []struct{ name, text, bad string }{
		{"革命", "本报讯 5月6日，县长王立新来到青川人民革命烈士陵园敬献花篮。", "青川人民革"},
		{"建设", "本报讯 5月6日，县长王立新表示，要推进白鹭人民建设事业。", "白鹭人民建"},
	} {
		got := factsOf(t, "# 甲\n\n"+tc.text, &ingest.Options{Year: 2025})[0]
		for _, o := range got.orgs {
			if strings.HasSuffix(o, "革") || strings.HasSuffix(o, "建") || o == tc.bad {
				t.Errorf("%s: organisations %v hold %s", tc.name, got.orgs, o)
			}
		}
	}
	got := factsOf(t, "# 甲\n\n本报讯 5月6日，民革中央召开座谈会，民革党员代表参加。", &ingest.Options{Year: 2025})[0]
	if !has(got.orgs, "民革中央") && !has(got.orgs, "民革") {
		t.Errorf("organisations %v lack 民革", got.orgs)
	}
}

// TestProjectsNotClassesOrVerbs checks that a project's name holds neither
// the class its listed items belong to (“X”等重大合作项目, X等特色服务项目:
// rule 5.2) nor the verb that reports on it (在京发布X工程最新进展).
func TestProjectsNotClassesOrVerbs(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"quoted items of a class", "本报讯 5月6日，两国领导人举行会谈。双方同意实施好“青川走廊”和“双城双园”等重大合作项目。"},
		{"unquoted items of a class", "本报讯 5月6日，县长王立新到白鹭镇调研，察看了老年课堂兴趣班等特色服务项目。"},
		{"a verb reporting on a programme", "本报讯 5月6日上午，县文物局在县城发布白鹭古城探源工程最新进展。"},
		{"a company's trade", "本报讯 5月6日，县长王立新走访青岚建筑工程有限公司和白鹭塑料工程股份公司。"},
		{"a company's trade, in a list", "本报讯 5月6日，青岚钢结构工程有限公司、白鹭市政工程技术公司负责人先后发言。"},
	} {
		got := factsOf(t, "# 甲\n\n"+tc.text, &ingest.Options{Year: 2025})[0]
		for _, p := range got.projects {
			if strings.ContainsAny(p, "等") || strings.Contains(p, "发布") || p == "特色服务项目" || strings.HasSuffix(p, "工程") && !strings.Contains(p, "探源") {
				t.Errorf("%s: projects %v hold %s", tc.name, got.projects, p)
			}
		}
	}
	got := factsOf(t, "# 甲\n\n本报讯 5月6日上午，县文物局在县城发布白鹭古城探源工程最新进展。", &ingest.Options{Year: 2025})[0]
	if !has(got.projects, "白鹭古城探源工程") {
		t.Errorf("projects %v lack 白鹭古城探源工程", got.projects)
	}
}

// TestVisitedVenueTakesNoPart checks that a museum or hall a tour visits
// is the event's place, not a body taking part (rules 4.6, 7.6), while a
// unit visited on the same kind of tour is (7.6 d).
func TestVisitedVenueTakesNoPart(t *testing.T) {
	got := factsOf(t, "# 甲\n\n本报讯 5月6日上午，县委书记王立新来到青川县革命纪念馆，参观主题展览。随后，王立新来到青川县第一中学调研。", &ingest.Options{Year: 2025})[0]
	for _, e := range got.events {
		if _, ok := e.orgs["青川县革命纪念馆"]; ok {
			t.Errorf("event %s: organisations %v hold the venue", e.name, e.orgs)
		}
	}
}

// TestSentTeamIsNoBody checks that a body that sends a team (派出工作组)
// is the organisation, not the phrase with the verb and the team, while a
// police station (派出所) stays a body.
func TestSentTeamIsNoBody(t *testing.T) {
	got := factsOf(t, "# 甲\n\n本报讯 5月6日，青川县突发山洪。县应急管理局派出工作组赶赴现场，白鹭镇派出所民警参与救援。", &ingest.Options{Year: 2025})[0]
	for _, o := range got.orgs {
		if strings.Contains(o, "工作组") {
			t.Errorf("organisations %v hold %s", got.orgs, o)
		}
	}
	for _, o := range []string{"县应急管理局", "白鹭镇派出所"} {
		if !has(got.orgs, o) {
			t.Errorf("organisations %v lack %s", got.orgs, o)
		}
	}
}

// TestProjectClassesAndListedProjects checks that a list of projects under
// its heading gives each line whole, the company's name with it, and that
// classes of projects, slogans, meetings and programmes named inside a
// body's name are no projects (rule 5.1, 5.2, 4.6).
func TestProjectClassesAndListedProjects(t *testing.T) {
	checkOrgs(t, []orgCase{
		{"a list under its heading", "白鹭县重大项目集中开工。\n\n开工项目名单\n\n青禾农业科技有限公司高标准农田、智慧灌溉项目\n\n白鹭建材有限公司新型墙材生产项目",
			[]string{"青禾农业科技有限公司高标准农田、智慧灌溉项目", "白鹭建材有限公司新型墙材生产项目"}, []string{"智慧灌溉项目", "青禾农业科技有限公司高标准农田、智慧灌溉项目白鹭建材有限公司新型墙材生产项目"}},
		{"a slogan of verb-object pairs", "全县各级各部门必须牢固树立“服务企业、服务项目”的鲜明导向。", nil, []string{"服务企业、服务项目"}},
		{"more of a kind", "商会将让更多投资项目落户青禾。", nil, []string{"更多投资项目", "投资项目"}},
		{"a batch of a kind", "县里招引建设了一批大好高优项目。", nil, []string{"大好高优项目"}},
		{"a class by amount", "2025年，引进2000万元以上项目合同47个。", nil, []string{"2000万元以上项目"}},
		{"a meeting held", "我县成功举办“我为家乡献一策”论坛活动。", nil, []string{"我为家乡献一策论坛活动"}},
		{"inside a body's name", "青禾区“千村百企工程”指挥部办公室到白鹭县考察。", nil, []string{"千村百企工程"}},
		{"a tour's sites called projects", "王立新一行先后到青禾农贸城、白鹭物流园区、岚山智造、青岚科技、白沙村等项目现场察看。", []string{"青禾农贸城", "白鹭物流园区", "岚山智造", "青岚科技"}, []string{"白沙村"}},
		{"a tour's unit is no project", "王立新一行深入青禾食品有限公司、白鹭新材料二期生产线等项目现场调研。", []string{"白鹭新材料二期生产线"}, []string{"青禾食品有限公司"}},
		{"what was seen, no tour", "记者看到了社区养老平台、适老化改造等项目的成效。", nil, []string{"了社区养老平台", "社区养老平台"}},
		{"a list of projects, each named", "调研组来到青禾县康养中心项目、白鹭物流园项目。", []string{"青禾县康养中心项目", "白鹭物流园项目"}, nil},
	}, "projects", projectsOf)
}

// TestPeoplesCongressAndMilitaryRegions checks that a level's people's
// congress named short (县人大) in a list of bodies, a military region
// (X军区, X省军区) and a farm (X茶场) are bodies (rule 4.1), while 人大
// inside 人大常委会 or 人大代表 names none of its own.
func TestPeoplesCongressAndMilitaryRegions(t *testing.T) {
	checkOrgs(t, []orgCase{
		{"a list of the county's bodies", "王立新代表青禾县委、县人大、县政府、县政协向嘉宾表示感谢。", []string{"县人大", "县政协"}, nil},
		{"a tea farm", "白鹭集团、青山铺茶场负责同志出席。", []string{"青山铺茶场"}, nil},
		{"a military region", "原东川军区副政委陶方桂、湖东省军区原政委蔡多闻出席。", []string{"东川军区", "湖东省军区"}, []string{"东川军区副"}},
		{"every county's and township's", "会议学习了加强县乡人大工作和建设的文件精神。", nil, []string{"县乡人大"}},
		{"inside the standing committee", "区人大常委会第二十一次会议召开，区人大常委会主任沈国良主持。", nil, []string{"区人大"}},
	}, "organisations", orgsOf)
}

// TestChamberTitles checks that a chamber's titles (轮值会长, 执行副秘书长)
// are titles whole, their first words no body.
func TestChamberTitles(t *testing.T) {
	checkOrgs(t, []orgCase{
		{"rotating and executive titles", "座谈会上，商会轮值会长贾朝辉，商会执行副秘书长兼办公室主任张丽萍先后发言。", []string{"商会"}, []string{"商会轮值", "商会执行", "轮值"}},
	}, "organisations", orgsOf)
}

// TestFacilitiesAreNoBodies covers rule 4.6: a facility where events are
// held (a Games' main media centre) is a place, not a body taking part,
// while the bodies holding the event there are.
func TestFacilitiesAreNoBodies(t *testing.T) {
	s := factsOf(t, "# 测试\n\n2月9日，青岚冬季运动会组委会在青岚冬运会主媒体中心举行新闻发布会，介绍赛事进展。", &ingest.Options{Year: 2026})[0]
	if has(s.orgs, "青岚冬运会主媒体中心") || has(s.orgs, "主媒体中心") {
		t.Errorf("a facility listed as a body: %v", s.orgs)
	}
	for _, e := range s.events {
		for o := range e.orgs {
			if strings.HasSuffix(o, "媒体中心") {
				t.Errorf("event %s: facility %s takes part", e.name, o)
			}
		}
	}
}

// TestBodyAfterANamedList covers a list of people closed by 等 and a verb
// written right before a body: the people and the verb are no part of
// its name.
func TestBodyAfterANamedList(t *testing.T) {
	s := factsOf(t, "# 老同志遗体在京火化\n\n3月5日，高明远、钟离平、柏文涛、温景行等到青岚市第一人民医院为老同志送别，并护送遗体到殡仪馆火化。", &ingest.Options{Year: 2026})[0]
	if !has(s.orgs, "青岚市第一人民医院") {
		t.Errorf("orgs %v, want 青岚市第一人民医院", s.orgs)
	}
	for _, o := range s.orgs {
		if strings.Contains(o, "等") {
			t.Errorf("a list of people glued to a body: %q", o)
		}
	}
}

// TestReportingBodiesNamedInTheirOwnRight covers the bodies a meeting
// hears: a party organ ending a list is every item's (rule 4.5), a body
// named inside the subject of someone else's report, or inside a longer
// name, reports nothing (rule 4.6), while the authors of a list of
// reports (X关于…、Y关于…的报告) all report.
func TestReportingBodiesNamedInTheirOwnRight(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want, not  []string
	}{
		{"a party organ ends the list", "1月6日，省委常委会召开会议，听取省人大常委会、省政府、省政协、省法院、省检察院党组工作汇报。",
			[]string{"省人大常委会党组", "省政府党组", "省政协党组", "省法院党组", "省检察院党组"}, []string{"省政府", "省人大常委会"}},
		{"the subject of a briefing", "3月2日，市人大常委会召开主任会议，听取了关于建立市人大常委会听取和审议市政府关于国有资产管理情况报告制度的汇报。",
			nil, []string{"市政府"}},
		{"inside a longer body's name", "3月2日，市人大常委会召开主任会议，听取了市人民检察院选举工作领导小组人选审议情况的汇报。",
			nil, []string{"市人民检察院"}},
		{"authors of a list of reports", "3月2日，市人大常委会召开会议，审议市政府关于生态环境保护工作情况、市中级人民法院关于环境资源审判工作情况的报告。",
			[]string{"市政府", "市中级人民法院"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := factsOf(t, "# 测试\n\n"+tc.text, &ingest.Options{Year: 2026})[0]
			var reporting []string
			for _, e := range s.events {
				reporting = append(reporting, e.reporting...)
			}
			for _, w := range tc.want {
				if !has(reporting, w) {
					t.Errorf("%s: %s not reporting (%v)", tc.text, w, reporting)
				}
			}
			for _, w := range tc.not {
				if has(reporting, w) {
					t.Errorf("%s: %s reporting (%v)", tc.text, w, reporting)
				}
			}
		})
	}
}

// TestPartyOrganOfALongerLastItem covers a list whose last item holds a
// party organ inside a longer name (省委党校党委宣传部): the organ is that
// item's, not the list's.
func TestPartyOrganOfALongerLastItem(t *testing.T) {
	s := factsOf(t, "# 全省宣传工作会议召开\n\n3月5日，全省宣传工作会议召开。省广播电视局、青岚日报社、省委党校党委宣传部主要负责同志作交流发言。", &ingest.Options{Year: 2026})[0]
	for _, o := range s.orgs {
		if strings.HasSuffix(o, "局党委") || strings.HasSuffix(o, "社党委") {
			t.Errorf("party organ distributed from a longer name: %v", s.orgs)
		}
	}
}

// TestAchievedCampaignsNotDiscussed checks that a campaign an event
// recalls as already won (打赢了X, X已取得全面胜利, 如期打赢X) is not
// DISCUSSED, while one the event sets as a goal (确保如期打赢X, 坚决打赢X)
// is (rule 5.2).
func TestAchievedCampaignsNotDiscussed(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"won, with 了", "本报讯 5月6日，枫屿县委召开常委会议。会议指出，全县打赢了“白鹭河综合治理攻坚战”，要巩固成果。", false},
		{"won, told after", "本报讯 5月6日，枫屿县委召开常委会议。会议指出，“白鹭河综合治理攻坚战”已取得全面胜利。", false},
		{"won on time", "本报讯 5月6日，枫屿县委召开常委会议。会议回顾五年工作，如期打赢白鹭河综合治理攻坚战。", false},
		{"a goal", "本报讯 5月6日，枫屿县委召开常委会议。会议要求，确保如期打赢白鹭河综合治理攻坚战。", true},
		{"a resolve", "本报讯 5月6日，枫屿县委召开常委会议。会议要求，坚决打赢白鹭河综合治理攻坚战。", true},
	} {
		got := factsOf(t, "# 甲\n\n"+tc.text, &ingest.Options{Year: 2025})[0]
		found := false
		for _, e := range got.events {
			found = found || has(e.projects, "白鹭河综合治理攻坚战")
		}
		if found != tc.want {
			t.Errorf("%s: discussed %v, want %v (events %+v, projects %v)", tc.name, found, tc.want, got.events, got.projects)
		}
	}
}

// TestGluedSpans checks that what a left scan glues before a body is no
// part of its name: a list number before a level, a word that classes
// the body, the 新 of 新一届; and that a class word stays when the rest is
// only a head's modifier.
func TestGluedSpans(t *testing.T) {
	checkOrgs(t, []orgCase{
		{"a time before a post's body", "青川县召开会议。\n\n9:00\n\n县委副书记、县长王立新致辞。", nil, []string{"00县委"}},
		{"class word before a nested head", "代表们视察了重点项目青溪中心医院。", []string{"青溪中心医院"}, []string{"项目青溪中心", "项目青溪中心医院"}},
		{"class word before a name", "会上，项目青溪第一医院负责人介绍了进展。", []string{"青溪第一医院"}, []string{"项目青溪第一医院"}},
		{"class word before a place", "企业白鹭镇食品有限公司负责人介绍了进展。", []string{"白鹭镇食品有限公司"}, []string{"企业白鹭镇食品有限公司"}},
		{"a count of levels", "委托白鹭、青川等6省（市）人大常委会同步开展检查。", nil, []string{"省（市）人大常委会"}},
		{"class word before a coordination", "他与企业职工和中心工作人员交流。", nil, []string{"职工和中心"}},
		{"class word holding the unit", "会上，县项目管理中心负责人介绍了进展。", []string{"县项目管理中心"}, nil},
		{"a preposition after a half-width semicolon", "视察团视察了东山村;以市政协副主席李明为团长的视察团视察了青石镇。", []string{"市政协"}, []string{"以市政协"}},
		{"the new term", "民盟新一届中央常务委员会召开第一次会议。", []string{"民盟中央常务委员会"}, []string{"民盟新中央常务委员会"}},
	}, "organisations", orgsOf)
}

// TestBodiesOnlyInLongerNames checks that a body is not cut out of a
// longer name it is only part of: the items of a coordinated delegation's
// name (rule 4.6, 8.8: the delegation, not each item, attends), a body in
// a document's title, and that a generic phrase names no body.
func TestBodiesOnlyInLongerNames(t *testing.T) {
	checkOrgs(t, []orgCase{
		{"coordinated delegation", "会议期间，解放军和武警青岚总队代表团举行全体会议，审议政府工作报告。", nil, []string{"解放军", "武警青岚总队"}},
		{"one body's delegation", "青川县代表团举行全体会议，审议政府工作报告。", nil, nil},
		{"a list before its acts", "市政协召开主席会议，市交通局和市财政局负责同志列席。", []string{"市交通局", "市财政局"}, nil},
		{"title after a meeting", "市政协召开主席会议。会议审议了《关于加强全市基层政协工作的意见》。", []string{"市政协"}, []string{"基层政协", "全市基层政协"}},
		{"title without 关于", "市政协召开主席会议，审议通过《全市基层政协协商工作规则》。", []string{"市政协"}, []string{"全市基层政协", "基层政协"}},
		{"title with 全国", "全国政协召开主席会议，审议通过《全国基层政协协商工作经验交流材料》。", []string{"全国政协"}, []string{"全国基层政协", "基层政协"}},
		{"title of a report", "市政协召开主席会议，审议了《全市基层政协工作情况的报告》。", []string{"市政协"}, []string{"全市基层政协", "基层政协"}},
		{"generic company", "王立新参观了中国公司承建的青岚港项目。", nil, []string{"中国公司"}},
	}, "organisations", orgsOf)
}

// TestStreetOfficeUnits checks that the units of a street or town office
// written after 街道 or 镇 are bodies when the text names them, the first
// item's 街道 distributed to the rest of the list (rule 4.5).
func TestStreetOfficeUnits(t *testing.T) {
	checkOrgs(t, []orgCase{
		{"street units", "青溪街道召开民生工作会议。街道综合治理办、民政办、文化科负责人参加会议。", []string{"街道综合治理办", "街道民政办", "街道文化科"}, []string{"民政办", "文化科"}},
		{"a community in a street's post", "会上，青川县白鹭街道东山社区党委书记王立新发言。", nil, []string{"街道东山社区党委"}},
	}, "organisations", orgsOf)
}
