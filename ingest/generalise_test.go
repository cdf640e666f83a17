package ingest_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/kgproject/kg/ingest"
)

// Regression sentences for the rule families fixed against the held-out
// pages (testdata/heldout). Like the other rule tests they are written for
// the tests; none is copied from a page.

func TestDatesInOtherStyles(t *testing.T) {
	for _, tc := range []struct {
		name, page               string
		date, endDate, partOfDay string
	}{
		{"masthead with the paper's name", "青禾报　2024年5月20日　星期一\n\n# 甲\n\n18日上午，县委书记李青山主持召开县委常委会会议。", "2024-05-18", "", "上午"},
		{"masthead with a page number", "青禾晚报 2024年5月20日 第A03版\n\n# 甲\n\n本月9日，县委书记李青山主持召开县委常委会会议。", "2024-05-09", "", ""},
		{"Chinese numerals", "2024年6月1日 星期六\n\n# 甲\n\n五月二十三日下午，县委书记李青山主持召开县委常委会会议。", "2024-05-23", "", "下午"},
		{"Chinese numerals, a range", "2024年6月1日 星期六\n\n# 甲\n\n五月九日至十日，县里举办乡村振兴培训班。", "2024-05-09", "2024-05-10", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := factsOf(t, tc.page, nil)[0]
			if len(got.events) == 0 {
				t.Fatalf("no event")
			}
			e := got.events[0]
			if e.date != tc.date || e.endDate != tc.endDate || e.partOfDay != tc.partOfDay {
				t.Errorf("date %q..%q %q, want %q..%q %q", e.date, e.endDate, e.partOfDay, tc.date, tc.endDate, tc.partOfDay)
			}
		})
	}
}

func TestFollowOnEventsOfTheirOwn(t *testing.T) {
	for _, tc := range []struct {
		name, page    string
		second        string
		date, part    string
		chairs, other []string
	}{
		{"a later paragraph with its own day", "# 甲\n\n本报5月9日讯 9日上午，县人大常委会第十次会议召开，县人大常委会主任李青山主持会议。\n\n8日下午，李青山主持召开县人大常委会第三十次主任会议，副主任周明远参加。",
			"县人大常委会第三十次主任会议", "2024-05-08", "下午", []string{"李青山"}, []string{"周明远"}},
		{"the afternoon of the same day", "# 乙\n\n5月9日，省水利厅厅长陈立一行来县调研水库建设，县长王立新陪同。\n\n当天下午，陈立一行召开座谈会，王立新主持座谈会。",
			"座谈会", "2024-05-09", "下午", []string{"王立新"}, []string{"陈立"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := factsOf(t, tc.page, &ingest.Options{Year: 2024})[0]
			if len(got.events) != 2 {
				t.Fatalf("events %+v, want two", got.events)
			}
			e := got.events[1]
			if e.name != tc.second || e.date != tc.date || e.partOfDay != tc.part || !reflect.DeepEqual(e.chairs, tc.chairs) || !reflect.DeepEqual(sorted(e.attendees...), sorted(tc.other...)) {
				t.Errorf("second event %+v", e)
			}
		})
	}
}

func TestNameLengths(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"年 ends a given name before a verb", "县政协主席柏松年主持会议。", "柏松年"},
		{"a preposition after three characters", "市委党校教授严可为以《抓落实》为题授课。", "严可为"},
		{"a surname of the long list", "副局长贝思源通报了有关情况。", "贝思源"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := factsOf(t, "# 甲\n\n5月9日上午，"+tc.text, &ingest.Options{Year: 2024})[0]
			if _, ok := got.people[tc.want]; !ok {
				t.Errorf("people %v lack %s", got.people, tc.want)
			}
		})
	}
}

func TestInfrastructureProjects(t *testing.T) {
	got := factsOf(t, "# 甲\n\n5月9日，市长李青山先后来到青禾至白鹭一级公路、白鹭河大桥和青禾港二期工程施工现场，调研重大交通项目建设。他要求，确保青禾高速公路北段年内通车。市民沿白鹭大桥散步。", &ingest.Options{Year: 2024})[0]
	for _, p := range []string{"青禾至白鹭一级公路", "白鹭河大桥", "青禾港二期工程", "青禾高速公路北段"} {
		if !has(got.projects, p) {
			t.Errorf("projects %v lack %s", got.projects, p)
		}
	}
	for _, p := range got.projects {
		if p == "白鹭大桥" || p == "调研重大交通项目" || p == "白鹭河大桥和青禾港二期工程" {
			t.Errorf("projects %v hold %s", got.projects, p)
		}
	}
}

func TestAbbreviatedPostsFoldIntoTheFullName(t *testing.T) {
	got := factsOf(t, "# 甲\n\n5月9日，市委常委、常务副市长兼市发改委主任周明远主持会议。周明远要求，市发展和改革委员会要加强统筹调度。", &ingest.Options{Year: 2024})[0]
	if !has(got.people["周明远"], "市发展和改革委员会主任") || has(got.orgs, "市发改委") {
		t.Errorf("posts %v, organisations %v", got.people["周明远"], got.orgs)
	}
}

func TestAppointeesAttendOnlyWhenPresent(t *testing.T) {
	got := factsOf(t, "# 甲\n\n5月9日上午，县人大常委会第十次会议召开，县人大常委会主任李青山主持会议。会议任命周明远为县水利局局长，任命陈立为县审计局局长，选举吴芳为县监察委员会主任，郑凯当选为县人大常委会委员。周明远进行了宪法宣誓。", &ingest.Options{Year: 2024})[0]
	if len(got.events) == 0 {
		t.Fatal("no event")
	}
	e := got.events[0]
	if !reflect.DeepEqual(e.attendees, []string{"周明远"}) {
		t.Errorf("attendees %v, want only the appointee sworn in", e.attendees)
	}
	for name, post := range map[string]string{"周明远": "县水利局局长", "陈立": "县审计局局长", "吴芳": "县监察委员会主任", "郑凯": "县人大常委会委员"} {
		if !has(got.people[name], post) {
			t.Errorf("%s: posts %v lack %s", name, got.people[name], post)
		}
	}
}

func TestReportHeardFromAUnit(t *testing.T) {
	got := factsOf(t, "# 甲\n\n5月9日，市长李青山到青禾港调研，听取了市港航发展中心负责同志的汇报。", &ingest.Options{Year: 2024})[0]
	if len(got.events) == 0 || !has(got.events[0].reporting, "市港航发展中心") {
		t.Errorf("events %+v", got.events)
	}
}

func TestTaggerPlacesAndOrganisationsNeedBacking(t *testing.T) {
	p := pipeline(t, nil)
	page := "# 甲\n\n本报青禾5月9日讯（记者 陈立）9日，县长王立新主持召开会议。会议要求，把城市更新作为稳增长、惠民生的重要抓手，加快老旧小区改造，叮嘱青禾路桥建设集团有限公司抓好安全。"
	var ms []ingest.Mention
	err := p.ReadFrom(context.Background(), strings.NewReader(page), "test.md", false, func(a *ingest.Article) error {
		ms = p.Extract(a).Mentions
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if (m.Type == "Organisation" || m.Type == "Place") && (strings.Contains(m.Text, "惠民生") || strings.Contains(m.Text, "小区") || strings.HasPrefix(m.Text, "叮嘱")) {
			t.Errorf("unbacked %s %q", m.Type, m.Text)
		}
	}
}

func TestAgencyDatelineNamesTheAgency(t *testing.T) {
	got := factsOf(t, "# 甲\n\n新华社青禾5月9日电（记者 陈立）9日，青禾控股集团有限公司与青禾农村商业银行股份有限公司签署合作协议。", &ingest.Options{Year: 2024})[0]
	if !has(got.orgs, "新华社") || !has(got.people["陈立"], "新华社记者") || len(got.events) == 0 || got.events[0].date != "2024-05-09" {
		t.Errorf("organisations %v, people %v, events %+v", got.orgs, got.people, got.events)
	}
}

func TestSessionsAndDelegations(t *testing.T) {
	for _, tc := range []struct{ name, page, org string }{
		{"a standing committee's session", "# 甲\n\n5月9日，市十五届人大常委会第十次会议闭幕。市人大常委会主任李青山主持会议。", "市人大常委会"},
		{"a CPPCC committee's session", "# 甲\n\n5月9日，政协青禾县第八届委员会常务委员会第六次会议召开。县政协主席李青山主持会议。", "县政协"},
		{"a delegation's unit inspecting", "# 甲\n\n5月9日，省水利厅厅长陈立一行来我县调研水库建设，县长王立新陪同。", "省水利厅"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := factsOf(t, tc.page, &ingest.Options{Year: 2024})[0]
			if len(got.events) == 0 || got.events[0].orgs[tc.org] == "" {
				t.Errorf("events %+v lack %s", got.events, tc.org)
			}
		})
	}
	got := factsOf(t, "# 乙\n\n5月9日晚，县委书记王立新会见陈立一行。陈立是省水利厅厅长。", &ingest.Options{Year: 2024})[0]
	if len(got.events) == 0 || len(got.events[0].orgs) != 0 {
		t.Errorf("a courtesy call: events %+v", got.events)
	}
}

func TestPostsThatAreNone(t *testing.T) {
	got := factsOf(t, "# 甲\n\n5月9日上午，青禾区第三届人民代表大会第五次会议举行全体会议。大会执行主席、区人大常委会主任李青山主持会议。会议选举周明远为青禾区人民政府区长。当选的区长周明远向宪法宣誓。市委党校常务副校长陈立，各县区生态环境分局负责同志出席。", &ingest.Options{Year: 2024})[0]
	if !reflect.DeepEqual(got.people["李青山"], []string{"区人大常委会主任"}) || !reflect.DeepEqual(got.people["周明远"], []string{"青禾区人民政府区长"}) || !reflect.DeepEqual(got.people["陈立"], []string{"市委党校常务副校长"}) {
		t.Errorf("people %v", got.people)
	}
	for _, o := range got.orgs {
		if o == "大会" || o == "县区生态环境分局" || o == "市委党校常务" {
			t.Errorf("organisations %v hold %s", got.orgs, o)
		}
	}
}

func TestProgrammesAndJoinedProjectNames(t *testing.T) {
	got := factsOf(t, "# 甲\n\n5月9日，县长王立新主持召开县委常委会（扩大）会议。会议要求，深入开展春季森林防火专项行动，加快青禾灌区续建配套与节水改造工程、青禾站前广场及配套路网工程建设，要切实把思想和行动统一起来。", &ingest.Options{Year: 2024})[0]
	for _, p := range []string{"春季森林防火专项行动", "青禾灌区续建配套与节水改造工程", "青禾站前广场及配套路网工程"} {
		if !has(got.projects, p) {
			t.Errorf("projects %v lack %s", got.projects, p)
		}
	}
	for _, p := range got.projects {
		if strings.Contains(p, "思想") || p == "节水改造工程" || p == "配套路网工程" {
			t.Errorf("projects %v hold %s", got.projects, p)
		}
	}
	if has(got.orgs, "县委常委会") {
		t.Errorf("organisations %v hold the body inside a meeting's name", got.orgs)
	}
}

func TestSoftCharactersInGivenNames(t *testing.T) {
	got := factsOf(t, "# 甲\n\n5月9日，青禾科技股份有限公司董事长郑其昌出席。其中，县长王立新讲话。", &ingest.Options{Year: 2024})[0]
	if !has(got.people["郑其昌"], "青禾科技股份有限公司董事长") {
		t.Errorf("people %v", got.people)
	}
	for name := range got.people {
		if strings.Contains(name, "其中") {
			t.Errorf("people %v", got.people)
		}
	}
}

func TestSittingsKeepTheSessionsName(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"5月9日上午，青禾区第三届人民代表大会第五次会议举行第二次全体会议。区人大常委会主任李青山主持会议。", "青禾区第三届人民代表大会第五次会议第二次全体会议"},
		{"5月9日上午，市十五届人大常委会第十次会议第一次全体会议举行。市人大常委会主任李青山主持会议。", "市十五届人大常委会第十次会议第一次全体会议"},
	} {
		got := factsOf(t, "# 甲\n\n"+tc.text, &ingest.Options{Year: 2024})[0]
		if len(got.events) == 0 || got.events[0].name != tc.want {
			t.Errorf("events %+v, want %s", got.events, tc.want)
		}
	}
}

func TestMediaCentreBylinesAndYears(t *testing.T) {
	page := "# 甲\n\n青禾融媒讯（记者 陈立、周明）4月8日上午，县委书记王立新主持召开会议。\n\n# 乙\n\n二〇二四年四月十六日，县人大常委会第五次会议召开。县人大常委会主任李青山主持会议。"
	got := factsOf(t, page, nil)
	if !reflect.DeepEqual(sorted(got[0].reporters...), sorted("陈立", "周明")) || !has(got[0].orgs, "青禾融媒") {
		t.Errorf("reporters %v, organisations %v", got[0].reporters, got[0].orgs)
	}
	if len(got[0].events) == 0 || got[0].events[0].date != "2024-04-08" || len(got[1].events) == 0 || got[1].events[0].date != "2024-04-16" {
		t.Errorf("events %+v %+v: the year written in Chinese numerals dates the page", got[0].events, got[1].events)
	}
}

func TestShortFormsWithoutTheLegalForm(t *testing.T) {
	got := factsOf(t, "# 甲\n\n4月10日下午，青禾县人民政府与青禾农村商业银行股份有限公司签约。青禾农商银行党委书记、董事长欧阳靖出席，要求施工单位青禾建工集团有限公司加快进度。", &ingest.Options{Year: 2024})[0]
	want := []string{"青禾农村商业银行股份有限公司党委书记", "青禾农村商业银行股份有限公司董事长"}
	if !reflect.DeepEqual(sorted(got.people["欧阳靖"]...), want) || has(got.orgs, "青禾农商银行") || !has(got.orgs, "青禾建工集团有限公司") {
		t.Errorf("posts %v, organisations %v", got.people["欧阳靖"], got.orgs)
	}
}

func TestSecretaryOfAStandingCommittee(t *testing.T) {
	got := factsOf(t, "# 甲\n\n6月16日，市人大常委会召开第四十二次主任会议。市人大常委会主任杜若主持会议，副主任钱进，秘书长柳青出席。", &ingest.Options{Year: 2024})[0]
	if !reflect.DeepEqual(got.people["柳青"], []string{"市人大常委会秘书长"}) || !reflect.DeepEqual(got.people["钱进"], []string{"市人大常委会副主任"}) {
		t.Errorf("people %v", got.people)
	}
}

func TestFollowOnTalkNamedAfterItsVerb(t *testing.T) {
	got := factsOf(t, "# 甲\n\n7月2日，省水利厅副厅长黄明一行来县调研，先后来到青禾水库和白鹭河堤防。\n\n随后召开的座谈会上，县水利局局长孙立汇报了有关情况。", &ingest.Options{Year: 2024})[0]
	if len(got.events) != 2 || got.events[1].name != "座谈会" || !has(got.events[1].attendees, "孙立") {
		t.Errorf("events %+v", got.events)
	}
}

func TestVerbAfterAShortName(t *testing.T) {
	got := factsOf(t, "# 甲\n\n8月19日下午，副市长林海带队督导检查防汛工作，先后察看了清水河堤防加固工程和县城排涝泵站。县委书记马骏陪同。", &ingest.Options{Year: 2024})[0]
	if _, ok := got.people["林海"]; !ok || has(got.orgs, "县城排涝泵站") {
		t.Errorf("people %v, organisations %v", got.people, got.orgs)
	}
}

func TestNextDayAndJointConveners(t *testing.T) {
	got := factsOf(t, "# 甲\n\n8月21日上午，县水利局、县住房和城乡建设局联合召开防涝会商会。县水利局局长王哲、县住房和城乡建设局局长王蕾出席会议。王局长要求，抓好排涝。\n\n次日下午，两部门又召开防涝工作调度会，县水利局副局长赵刚主持。", &ingest.Options{Year: 2024})[0]
	if len(got.events) != 2 {
		t.Fatalf("events %+v", got.events)
	}
	first, next := got.events[0], got.events[1]
	if first.orgs["县水利局"] == "" || first.orgs["县住房和城乡建设局"] == "" {
		t.Errorf("conveners %v", first.orgs)
	}
	if next.date != "2024-08-22" || next.partOfDay != "下午" || !reflect.DeepEqual(next.chairs, []string{"赵刚"}) {
		t.Errorf("next day's event %+v", next)
	}
	if len(got.people) != 3 {
		t.Errorf("people %v: 王局长 fits two people and resolves to none", got.people)
	}
}

func TestCreditLinesAndFollowerWords(t *testing.T) {
	page := "# 甲\n\n文/图 本报记者 任杰\n\n8月23日，县领导张力、刘红分别带队看望一线防汛人员。县委书记张力来到白沙河防汛现场，县长刘红来到城区易涝点。\n\n# 乙\n\n8月22日，县政协主席罗永康带领部分委员调研乡村旅游。\n\n本报记者 任杰 本报通讯员 龙飞\n\n编辑：李兰"
	got := factsOf(t, page, &ingest.Options{Year: 2024})
	if !reflect.DeepEqual(got[0].reporters, []string{"任杰"}) || !reflect.DeepEqual(sorted(got[1].reporters...), sorted("任杰", "龙飞")) {
		t.Errorf("reporters %v %v", got[0].reporters, got[1].reporters)
	}
	for _, name := range []string{"张力", "刘红"} {
		if _, ok := got[0].people[name]; !ok {
			t.Errorf("people %v lack %s", got[0].people, name)
		}
	}
	if _, ok := got[0].people["张力来"]; ok {
		t.Errorf("people %v", got[0].people)
	}
}

// A visit that closes with a talk is named by its headline, not by the
// talk, which is an event of its own (rule 6.3: a 座谈会 during a tour).
func TestVisitClosingWithATalk(t *testing.T) {
	got := factsOf(t, "# 副县长王立新到县水利局调研\n\n5月9日上午，副县长王立新到县水利局调研防汛工作，实地察看了县防汛物资仓库，并召开座谈会。", &ingest.Options{Year: 2024})[0]
	if len(got.events) != 2 || got.events[0].name != "副县长王立新到县水利局调研" || got.events[0].kind != "INSPECTION" || got.events[1].kind != "SYMPOSIUM" {
		t.Errorf("events %+v", got.events)
	}
}

func TestPartnersDeputiesAndPlaceNamedProgrammes(t *testing.T) {
	got := factsOf(t, "# 甲\n\n10月14日上午，青禾区与滨海职业技术学院共建产业学院揭牌仪式举行。滨海职业技术学院院长梁思源出席。会议研究了青禾区老旧街区微更新行动实施方案。\n\n# 乙\n\n10月23日，青禾区第十九届人民代表大会代表选举投票工作顺利完成。区长林致远参加投票。", &ingest.Options{Year: 2024})
	if len(got[0].events) == 0 || got[0].events[0].orgs["滨海职业技术学院"] == "" {
		t.Errorf("events %+v", got[0].events)
	}
	if !has(got[0].projects, "青禾区老旧街区微更新行动") {
		t.Errorf("projects %v", got[0].projects)
	}
	for _, o := range got[1].orgs {
		if strings.Contains(o, "人民代表大会") {
			t.Errorf("organisations %v: deputies are no body", got[1].orgs)
		}
	}
}

func TestLeadersByNameBeforeAVisitAndACallBeforeTheMeeting(t *testing.T) {
	got := factsOf(t, "# 甲\n\n日前，县领导魏长青、蓝田、何晓东分别带队走访慰问困难群众。\n\n# 乙\n\n12月4日上午，县长蓝田与金穗农业集团股份有限公司总裁邵明远签约。\n\n会前，蓝田会见了邵明远一行。", &ingest.Options{Year: 2024})
	for _, name := range []string{"魏长青", "蓝田", "何晓东"} {
		if _, ok := got[0].people[name]; !ok {
			t.Errorf("people %v lack %s", got[0].people, name)
		}
	}
	if len(got[0].events) != 1 || got[0].events[0].date != "" || len(got[0].events[0].attendees) != 3 {
		t.Errorf("an undated visit, an event without a date (rule 6.1): events %+v", got[0].events)
	}
	if len(got[1].events) != 2 || got[1].events[1].date != "2024-12-04" || !has(got[1].events[1].attendees, "邵明远") {
		t.Errorf("events %+v", got[1].events)
	}
}

func TestHeadsThatStartTitlesAndMembersActing(t *testing.T) {
	got := factsOf(t, "# 甲\n\n4月17日，青禾大学校长葛天明、中国工程院院士陈立出席。市政协副主席喻晴带领市政协提案委员会部分委员调研。", &ingest.Options{Year: 2024})[0]
	if has(got.orgs, "青禾大学校") || !has(got.people["葛天明"], "青禾大学校长") {
		t.Errorf("organisations %v, people %v", got.orgs, got.people)
	}
	for _, p := range got.projects {
		if strings.Contains(p, "中国工程") {
			t.Errorf("projects %v", got.projects)
		}
	}
	if len(got.events) == 0 || got.events[0].orgs["市政协提案委员会"] == "" {
		t.Errorf("events %+v", got.events)
	}
}

func TestCongressSessions(t *testing.T) {
	got := factsOf(t, "# 甲\n\n1月10日上午，县十八届人大五次会议开幕。大会主席团常务主席、县人大常委会主任方正主持开幕会。县长孙悦代表县人民政府作政府工作报告。\n\n# 乙\n\n1月11日上午，县十八届人大五次会议举行第二次全体会议。会议选举孙悦为青禾县人民政府县长。孙悦当选后向宪法宣誓。", &ingest.Options{Year: 2026})
	if len(got[0].events) == 0 || !has(got[0].events[0].reporting, "县人民政府") || !reflect.DeepEqual(got[0].people["方正"], []string{"县人大常委会主任", "大会主席团常务主席"}) {
		t.Errorf("events %+v, people %v", got[0].events, got[0].people)
	}
	for _, o := range got[0].orgs {
		// 大会主席团 is the presidium as written (rule 8.1), no other
		if strings.Contains(o, "主席团") && o != "大会主席团" || strings.Contains(o, "作政府") {
			t.Errorf("organisations %v", got[0].orgs)
		}
	}
	if len(got[1].events) == 0 || !has(got[1].events[0].attendees, "孙悦") {
		t.Errorf("the elected sworn in attends: events %+v", got[1].events)
	}
}

func TestBranchesAndAreaPrefixedBodies(t *testing.T) {
	got := factsOf(t, "# 甲\n\n2月4日上午，青禾农村商业银行股份有限公司高新支行正式开业。青禾农商银行董事长谭明出席。\n\n# 乙\n\n2月3日下午，国家税务总局青禾市税务局召开新闻发布会。市税务局副局长霍青发布有关情况。", &ingest.Options{Year: 2026})
	if !reflect.DeepEqual(got[0].people["谭明"], []string{"青禾农村商业银行股份有限公司董事长"}) || len(got[0].events) == 0 || got[0].events[0].orgs["青禾农村商业银行股份有限公司高新支行"] == "" {
		t.Errorf("people %v, events %+v", got[0].people, got[0].events)
	}
	if !reflect.DeepEqual(got[1].people["霍青"], []string{"国家税务总局青禾市税务局副局长"}) || has(got[1].orgs, "市税务局") {
		t.Errorf("people %v, organisations %v", got[1].people, got[1].orgs)
	}
}

func TestOneCharacterHeadInsideAWord(t *testing.T) {
	got := factsOf(t, "# 甲\n\n3月14日，青禾市第一人民医院与四川大学华西医院专科联盟签约仪式举行。", &ingest.Options{Year: 2026})[0]
	for _, o := range got.orgs {
		if strings.HasSuffix(o, "专科") {
			t.Errorf("organisations %v", got.orgs)
		}
	}
	if !has(got.orgs, "四川大学华西医院") {
		t.Errorf("organisations %v", got.orgs)
	}
}
