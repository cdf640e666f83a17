package ingest_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/kgproject/kg/ingest"
)

// The sentences below are written for these tests in the genre's style;
// none is copied from an evaluation text.

// eventsOf returns the events of a one-article page with the given lead.
func eventsOf(t *testing.T, text string) []eventSummary {
	t.Helper()
	return factsOf(t, "# 测试\n\n"+text, &ingest.Options{Year: 2026})[0].events
}

func TestCircumstanceBeforeVerb(t *testing.T) {
	for _, tc := range []struct {
		text   string
		chairs []string
		org    string // a convener, "" for none
	}{
		{"县委书记李青山1月5日主持召开县委常委会会议，研究部署春耕工作。", []string{"李青山"}, ""},
		{"县长王立新5日下午在县行政中心主持召开县政府常务会议。", []string{"王立新"}, ""},
		{"县政协19日在县城召开十届常委会第五次会议，县政协主席周海峰主持会议。", []string{"周海峰"}, "县政协"},
		{"新闻中心消息：县人大常委会3月2日召开主任会议，听取有关工作汇报。", nil, "县人大常委会"},
		{"3月5日，县委书记李青山、县长王立新共同主持召开县委常委会和县政府常务会联席会议。", []string{"李青山", "王立新"}, ""},
	} {
		evs := eventsOf(t, tc.text)
		if len(evs) == 0 {
			t.Errorf("%s: no event", tc.text)
			continue
		}
		e := evs[0]
		if !reflect.DeepEqual(e.chairs, tc.chairs) {
			t.Errorf("%s: chairs %v, want %v", tc.text, e.chairs, tc.chairs)
		}
		if tc.org != "" && e.orgs[tc.org] == "" {
			t.Errorf("%s: organisations %v lack the convener %s", tc.text, e.orgs, tc.org)
		}
	}
}

func TestPassingMentionIsNoAttendance(t *testing.T) {
	for _, tc := range []struct {
		text      string
		attendees []string
	}{
		{"3月5日，县长王立新会见青禾集团有限公司董事长许文博。王立新表示，在以李青山同志为核心的县委坚强领导下，全县经济稳中向好。", []string{"王立新", "许文博"}},
		{"3月5日，县长王立新会见青禾集团有限公司董事长许文博。许文博表示，去年郑国华书记同王立新县长在省城就合作交换意见。", []string{"王立新", "许文博"}},
		{"3月5日，县长王立新会见青禾集团有限公司董事长许文博。王立新说，郑国华书记提出的“三链融合”战略为企业发展指明了方向。", []string{"王立新", "许文博"}},
		{"3月5日，县长王立新会见青禾集团有限公司董事长许文博。双方在郑国华书记和周海峰董事长战略引领下持续深化合作。", []string{"王立新", "许文博"}},
		{"3月5日，县委召开常委会会议，县委书记李青山出席。会议传达学习郑国华书记在全省大会上的讲话。会议认为，郑国华书记的重要讲话内涵丰富。", []string{"李青山"}},
		{"3月5日，县长王立新会见青禾集团有限公司董事长许文博。此前，郑国华书记同许文博互致信函。", []string{"王立新", "许文博"}},
		// a speaker's words fill the paragraph they open; a greeting relayed
		{"3月5日，县长王立新会见青禾集团有限公司董事长许文博。\n\n王立新表示，近年来双方合作成果丰硕。去年，郑国华书记同许文博举行了富有成果的会谈。", []string{"王立新", "许文博"}},
		{"3月5日，县长王立新会见青禾集团有限公司董事长许文博。王立新首先转达郑国华书记对许文博的亲切问候。", []string{"王立新", "许文博"}},
		{"原县长李青山同志的遗体，3月5日在县殡仪馆火化。县委书记王立新等到县殡仪馆为李青山同志送别。", []string{"王立新"}},
		// the one mourned at a farewell is no attendee of it
		{"原县长李青山同志的遗体，3月5日在县殡仪馆火化。李青山同志因病于3月1日逝世。县委书记王立新前往送别。", []string{"王立新"}},
		// present, in the shapes passing mentions take
		{"3月5日，在县委书记李青山的陪同下，省调研组到白鹭镇调研。", []string{"李青山"}},
		{"3月5日，县委召开常委会会议。县委书记李青山出席会议并传达了省委全会精神。", []string{"李青山"}},
		// a body of thought named after its author is cited, not attended
		{"3月5日，县委召开常委会会议，县委书记李青山出席。会议要求，要以郑国华新时代乡村振兴思想为指导，做好春耕工作。", []string{"李青山"}},
		{"3月5日，县委召开常委会会议，县委书记李青山出席。会议强调，要深入学习郑国华经济思想。", []string{"李青山"}},
	} {
		evs := eventsOf(t, tc.text)
		if len(evs) == 0 {
			t.Errorf("%s: no event", tc.text)
			continue
		}
		if got := sorted(evs[0].attendees...); !reflect.DeepEqual(got, sorted(tc.attendees...)) {
			t.Errorf("%s: attendees %v, want %v", tc.text, got, tc.attendees)
		}
	}
}

func TestWhatIsNoEvent(t *testing.T) {
	for _, lead := range []string{
		"3月5日，国务院办公厅印发《关于加强县域商业体系建设的意见》。",
		"3月5日，县委书记李青山同邻县县委书记互致贺电，祝贺两县结对十周年。",
		"县人民政府决定，自2026年3月1日起施行新的农村宅基地管理办法。",
		"白鹭湖旅游文化节将于明天（5月1日）开幕。",
		"记者今天（3月5日）从县统计局了解到，一季度全县经济运行平稳。",
		"邻国国防部5日称，其部队已控制边境地区。",
		"邻国国防部5日通报称，其部队摧毁了一处仓库。",
		// a preview, a book published
		"当地时间3月5日，两国代表将在邻国首都举行第三轮会谈。",
		"李青山同志2025年3月5日在县党代会上所作的报告单行本，已由县人民出版社出版，即日起在全县发行。",
		// a statement, a ministry's claim
		"邻国外交部发言人李青山14日在社交媒体发文表示，其国家不接受最后期限。",
		"邻国国防部22日说，其部队打击了多处仓库。",
		"据邻国国防部今天（3月5日）发布的消息，其防空系统击落两架无人机。",
		// a claim in a clause of its own, news from a party's website
		"4日至5日，甲方称，其部队继续向边境推进。",
		"央视网消息（新闻联播）：据邻国国防部和多州的消息，从3月4日到3月5日，边境多地遭遇无人机袭击。",
		"本报讯 据邻国国防部网站消息，3月5日，邻国国防部与一家军工企业签署了采购合同。",
		// an obituary, a letter to the participants of a forum
		"原县人大常委会主任李青山同志，因病于2026年3月5日在县城逝世，享年88岁。",
		"县委书记李青山3月5日给参加青年创业论坛的返乡青年回信，勉励他们扎根家乡。",
		// a dated lead that names no activity: figures, a decision, fighting
		"县卫生健康委今天（3月5日）通报，3月4日全县新增病例12例。",
		"邻国联盟5日决定继续向边境增兵，邻国外交部发言人李青山表示反对。",
		"邻国两军5日在边境多地持续交火。",
	} {
		if evs := eventsOf(t, lead); len(evs) != 0 {
			t.Errorf("%s: events %+v, want none", lead, evs)
		}
	}
	// a feature, profile or look-back piece reports no activity, whatever
	// its lead recounts
	for _, page := range []string{
		"# 【基层代表风采】李青山：扎根山乡三十年\n\n3月5日，李青山在白鹭镇主持召开村民代表座谈会。",
		"# 十年来白鹭镇的变化纪实\n\n2026年3月5日，县委书记李青山到白鹭镇调研。",
		"# 县委办公室负责人就乡村振兴工作答记者问\n\n3月5日，县委召开乡村振兴工作会议。",
		"# 县委书记到白鹭镇调研引起干部群众热烈反响\n\n县委书记李青山近日到白鹭镇调研，来到白鹭中学。",
		"# 县委书记在白鹭镇的讲话在干部群众中引发强烈反响\n\n县委书记李青山3月5日到白鹭镇调研，来到白鹭中学。",
		"# 【开局之年·县长访谈】加快建设现代农业强县\n\n3月5日，县长王立新在县政府接受本报记者采访，出席了座谈会的情况也一并介绍。",
	} {
		if evs := factsOf(t, page, &ingest.Options{Year: 2026})[0].events; len(evs) != 0 {
			t.Errorf("%s: events %+v, want none", page, evs)
		}
	}
	// an activity reported before what is planned keeps its event
	for _, lead := range []string{
		"两县代表团3月5日结束会谈，双方商定下一轮会谈将于4月在邻县举行。",
		"由县文化馆主办的乡村文化活动年今天（3月5日）启动，将举办近百项活动。",
	} {
		if evs := eventsOf(t, lead); len(evs) != 1 {
			t.Errorf("%s: events %+v, want one", lead, evs)
		}
	}
	// words spoken at an activity keep it
	if evs := eventsOf(t, "县长王立新5日在县城会见青禾集团有限公司董事长许文博时表示，欢迎企业投资。"); len(evs) != 1 {
		t.Errorf("events %+v, want the meeting", evs)
	}
	// a dated lead whose activity is a call, an arrival or a deliberation
	// keeps its event, as does one whose activity follows the date's
	// sentence (今天是…。…举行…)
	for _, lead := range []string{
		"县长王立新3月5日下午同邻县县长许文博通电话。",
		"县长王立新3月5日抵达邻国首都，开始对该国进行友好访问。",
		"县人大代表团5日下午分组审议政府工作报告。",
		"今天（3月5日）是第十个全县志愿服务日。县委书记李青山在白鹭镇出席主题活动。",
	} {
		if evs := eventsOf(t, lead); len(evs) != 1 {
			t.Errorf("%s: events %+v, want one", lead, evs)
		}
	}
	// a remembrance of a death is an activity
	if evs := eventsOf(t, "3月5日，各界人士在县城举行座谈会，纪念李青山同志逝世十周年。"); len(evs) != 1 {
		t.Errorf("events %+v, want the remembrance", evs)
	}
	if evs := eventsOf(t, "各界人士3月5日纪念李青山同志逝世十周年。"); len(evs) != 1 {
		t.Errorf("events %+v, want the remembrance", evs)
	}
	// an activity that reads a message is an event
	if evs := eventsOf(t, "3月5日，县委书记李青山出席白鹭湖旅游文化节开幕式，宣读省委贺信。"); len(evs) != 1 {
		t.Errorf("events %+v, want the opening", evs)
	}
}

func TestUndatedEvents(t *testing.T) {
	for _, tc := range []struct {
		text  string
		event bool
	}{
		{"欢迎仪式后，县长王立新同来访的邻县县长周海峰举行会谈。", true},
		{"连日来，县文旅局在各乡镇举办多场送文化下乡活动。", true},
		{"县文旅局日前发布通知，要求各景区做好节日安全工作。", false},
		{"参加县人代会的代表们在讨论时表示，要加快乡村振兴。", false},
		{"救援队拟在白鹭镇开展搜救。", false},
	} {
		evs := eventsOf(t, tc.text)
		if got := len(evs) == 1 && evs[0].date == ""; got != tc.event {
			t.Errorf("%s: events %+v, want an undated event: %v", tc.text, evs, tc.event)
		}
	}
}

func TestBriefItemsAreEventsOfTheirOwn(t *testing.T) {
	evs := eventsOf(t, "◎3月5日，县委书记李青山主持召开县委常委会会议，研究春耕工作。（通讯员 陈思远）\n\n◎3月6日上午，县长王立新到白鹭镇调研防汛工作。（通讯员 许文博）\n\n◎日前，县政协召开十届常委会第五次会议，县政协主席周海峰主持会议。")
	if len(evs) != 3 {
		t.Fatalf("events %+v, want one an item", evs)
	}
	if evs[0].date != "2026-03-05" || !reflect.DeepEqual(evs[0].chairs, []string{"李青山"}) || has(evs[0].attendees, "王立新") {
		t.Errorf("first item %+v", evs[0])
	}
	if evs[1].date != "2026-03-06" || evs[1].kind != "INSPECTION" || !has(evs[1].attendees, "王立新") {
		t.Errorf("second item %+v", evs[1])
	}
	if evs[2].date != "" || !reflect.DeepEqual(evs[2].chairs, []string{"周海峰"}) {
		t.Errorf("third item %+v", evs[2])
	}
}

// A brief's item headings on a Markdown page stand as paragraphs of their
// own (a 快讯 heading, or a short line before a dated opening), so each item
// is an event; an ordinary short line cut by a page break is still joined.
func TestBriefItemHeadingsOnPages(t *testing.T) {
	for _, tc := range []struct {
		page   string
		events int
	}{
		{"# 县域快讯\n\n青禾大桥主体结构贯通\n\n3日，青禾大桥主体结构顺利贯通。\n\n白鹭镇举办农民丰收节\n\n4日，白鹭镇举办第三届农民丰收节。", 2},
		{"# 本周要闻\n\n青禾大桥主体结构贯通\n\n3日，县长王立新出席青禾大桥贯通仪式。\n\n白鹭镇举办农民丰收节\n\n4日，白鹭镇举办第三届农民丰收节。", 2},
	} {
		evs := factsOf(t, tc.page, &ingest.Options{Year: 2026})[0].events
		if len(evs) != tc.events {
			t.Errorf("%q: %d events %v, want %d", tc.page, len(evs), evs, tc.events)
		}
	}
}

// Each item of a brief is an event only when it reports an activity or a
// milestone taking place: not figures, claims, media reports, documents
// issued, or a background item dated years before the article (rules
// 6.2, 6.3, 8.5).
func TestBriefItemsReportActivities(t *testing.T) {
	page := "# 县域快讯\n\n青禾大桥主体结构贯通\n\n3日，青禾大桥主体结构顺利贯通。\n\n" +
		"一季度全县客运量同比增长\n\n截至3月31日，全县累计发送旅客120万人次。\n\n" +
		"邻县媒体称白鹭湖水位下降\n\n据邻县媒体4日报道，白鹭湖水位持续下降。\n\n" +
		"县文旅局发布春季旅游线路\n\n县文旅局5日发布十条春季旅游精品线路。\n\n" +
		"往事回眸\n\n2019年5月6日，青禾老桥因洪水冲毁。\n\n" +
		"全县消防安全宣传月启动\n\n今天是全国消防日。全县消防安全宣传月活动正式启动。\n\n" +
		"县政府举行新闻发布会\n\n7日，县政府举行新闻发布会，介绍春耕情况。"
	evs := factsOf(t, page, &ingest.Options{Year: 2026})[0].events
	var names []string
	for _, e := range evs {
		names = append(names, e.name)
	}
	want := []string{"青禾大桥主体结构贯通", "全县消防安全宣传月启动", "新闻发布会"}
	if len(names) != len(want) {
		t.Fatalf("events %q, want %q", names, want)
	}
	for i := range want {
		if !strings.Contains(names[i], want[i]) {
			t.Errorf("event %d = %q, want %q", i, names[i], want[i])
		}
	}
}

// An activity held within or right after the lead's on the same occasion
// is an event of its own with the lead's date (rules 6.3, 6.5); a topic
// or a future signing is not, nor a further signing at a signing.
func TestWithinEvents(t *testing.T) {
	for _, tc := range []struct {
		text  string
		kinds []string
	}{
		{"3月5日，县人大常委会举行第九次会议，表决通过了人事任免事项。县人大常委会主任周海峰向新任命人员颁发任命书，并组织新任命人员进行了宪法宣誓。", []string{"APPOINTMENT", "OTHER"}},
		{"3月5日，县长王立新会见青禾集团有限公司董事长许文博一行。会见后，双方共同见证签署战略合作协议。", []string{"SYMPOSIUM", "SIGNING"}},
		{"3月5日，县政府与青禾集团有限公司举行签约仪式。双方还签署了人才培养合作协议。", []string{"SIGNING"}},
		{"3月5日，县人大常委会召开主任会议，听取县司法局关于宪法宣誓的组织办法的汇报。", []string{"MEETING"}},
		{"3月5日，县长王立新会见青禾集团有限公司董事长许文博。双方将于近期签署合作协议。", []string{"SYMPOSIUM"}},
		{"3月5日，县长王立新会见青禾集团有限公司董事长许文博。双方表示，要落实去年签署的合作协议。", []string{"SYMPOSIUM"}},
		// a signing known only from a party's website (rule 8.5)
		{"3月5日，县长王立新会见青禾集团有限公司董事长许文博。据邻国国防部网站消息，邻国国防部与一家军工企业签署了采购合同。", []string{"SYMPOSIUM"}},
		// what a speaker says they do or did is said at the event, no event of
		// its own: in the sentence after the speech verb, or in the paragraph
		// the speaker's words fill (rule 6.3)
		{"3月5日，县长王立新会见邻国青岚省省长许文博。王立新表示，我愿同你共同宣布启动青岚友好交流年。", []string{"SYMPOSIUM"}},
		{"3月5日，县长王立新会见邻国青岚省省长许文博。\n\n许文博表示，两地友谊源远流长。刚刚我和王立新县长共同见证双方签署一系列合作协议。", []string{"SYMPOSIUM"}},
		// games, fairs and receptions are no meetings (rule 6.7)
		{"3月5日，青岚县第三届冰雪运动会在县体育中心开幕。", []string{"OTHER"}},
		{"3月5日，2026青岚国际茶叶博览会在县会展中心开幕。", []string{"OTHER"}},
		{"3月5日，县政府举行2026青岚国际茶叶博览会新闻发布会。", []string{"MEETING"}},
	} {
		var kinds []string
		for _, e := range factsOf(t, "# 县里的一天\n\n"+tc.text, &ingest.Options{Year: 2026})[0].events {
			kinds = append(kinds, e.kind)
		}
		if !reflect.DeepEqual(kinds, tc.kinds) {
			t.Errorf("%s: kinds %v, want %v", tc.text, kinds, tc.kinds)
		}
	}
}

// TestUndatedLeadDatedLater checks that an activity an undated lead names
// and a later paragraph dates is one event with that date (rule 6.3).
func TestUndatedLeadDatedLater(t *testing.T) {
	text := "县委书记李青山近日在白鹭镇调研，主持召开乡村振兴工作座谈会并讲话。\n\n3月11日至12日，李青山先后来到白鹭镇、青岚乡，实地了解春耕生产情况。\n\n12日下午，李青山在白鹭镇主持召开乡村振兴工作座谈会。镇长王立新发言。"
	evs := eventsOf(t, text)
	n := 0
	for _, e := range evs {
		if e.name == "乡村振兴工作座谈会" {
			n++
			if e.date != "2026-03-12" {
				t.Errorf("the 座谈会 dated %q, want the 12th: %+v", e.date, evs)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d events named 乡村振兴工作座谈会, want 1: %+v", n, evs)
	}
}

// People who 参加上述活动 attend every event of the article (rule 7.4).
func TestAboveActivities(t *testing.T) {
	evs := eventsOf(t, "3月5日，县长王立新会见青禾集团有限公司董事长许文博。会见后，双方共同见证签署战略合作协议。副县长方敏参加上述活动。")
	if len(evs) != 2 {
		t.Fatalf("events %v", evs)
	}
	for _, e := range evs {
		if !has(e.attendees, "方敏") {
			t.Errorf("%s: attendees %v lack 方敏", e.name, e.attendees)
		}
	}
}

// Bodies that report to the event, whose request or report it hears or
// deliberates, or that explain a matter are its reporting organisations
// (rule 7.7); signatories and bodies that speak take part (rule 7.6).
func TestReportingOrganisations(t *testing.T) {
	for _, tc := range []struct {
		text      string
		reporting []string
		orgs      []string // organisations taking part otherwise
	}{
		{"3月5日，县委召开常委会会议。会议审议了县政府党组《关于调整城区停车收费标准的请示》和县妇联《关于表彰三八红旗手的请示》。", []string{"县政府党组", "县妇联"}, nil},
		{"3月5日，县委召开常委会会议。会议研究同意了县委办公室提交的《关于召开县委全会的建议方案》。", []string{"县委办公室"}, nil},
		{"3月5日，县政府召开新闻发布会，县统计局负责同志介绍有关情况。", []string{"县统计局"}, nil},
		{"3月5日，县政府召开常务会议，听取县发展和改革委员会关于一季度经济运行的汇报。", []string{"县发展和改革委员会"}, nil},
		{"3月5日，县政府召开常务会议，听取了县住房和城乡建设局、县交通运输局工作情况汇报。", []string{"县住房和城乡建设局", "县交通运输局"}, nil},
		{"3月5日，县政府召开专题会议，县住房和城乡建设局、县交通运输局主要负责同志分别汇报了工作进展。", []string{"县住房和城乡建设局", "县交通运输局"}, nil},
		{"3月5日，县政协召开常委会会议。会上，县委组织部作关于调整增补委员的说明。", []string{"县委组织部"}, []string{"县政协"}},
		{"3月5日，县政府与青禾集团有限公司签署战略合作协议。", nil, []string{"县政府", "青禾集团有限公司"}},
		{"3月5日，县人大常委会召开主任会议，听取县财政局关于预算执行情况的汇报。会议决定，将县司法局关于法治政府建设情况的报告提请下次常委会会议审议。", []string{"县财政局"}, nil},
		{"3月5日，县人民医院召开党建工作推进会，县中医院作交流发言。", nil, []string{"县人民医院", "县中医院"}},
		// a later session's agenda proposed at a planning meeting: the
		// bodies will report there, not here
		{"3月5日，县人大常委会召开主任会议。主任会议建议，县十八届人大常委会第九次会议审议县人民政府关于一季度经济运行情况的报告；听取县财政局关于预算执行情况的报告。", nil, nil},
		{"3月5日，县人大常委会召开主任会议。主任会议建议的常委会第九次会议议程还有：审议县人民政府关于农村人居环境整治情况的报告。", nil, nil},
		{"3月5日，县人大常委会召开主任会议，决定常委会第九次会议3月20日举行。主任会议建议的议程还有：审议县人民政府关于农村人居环境整治情况的报告。", nil, nil},
		{"3月5日，县人大常委会召开主任会议，决定常委会下次会议听取县司法局关于法治政府建设情况的报告。", nil, nil},
		{"3月5日，县人大常委会召开主任会议。会上，县财政局汇报了预算执行情况。主任会议建议，常委会第九次会议于3月20日举行。", []string{"县财政局"}, nil},
	} {
		evs := eventsOf(t, tc.text)
		if len(evs) == 0 {
			t.Errorf("%s: no event", tc.text)
			continue
		}
		e := evs[0]
		if got := sorted(e.reporting...); !reflect.DeepEqual(got, sorted(tc.reporting...)) {
			t.Errorf("%s: reporting %v, want %v", tc.text, got, tc.reporting)
		}
		for _, o := range tc.orgs {
			if e.orgs[o] == "" {
				t.Errorf("%s: organisations %v lack %s", tc.text, e.orgs, o)
			}
		}
	}
}

// Bodies taking part in their own right are event organisations (rule
// 7.6): the convener that 组织 the activity, co-organisers and hosts,
// bodies invited, signatories named as such, the bodies unveiled at a
// 揭牌 and units visited on a tour, also where a visit's clause names only
// the place (在…的X，…).
func TestEventOrganisations(t *testing.T) {
	for _, tc := range []struct {
		text string
		orgs []string
	}{
		{"3月5日，县政协组织部分委员开展集中视察活动。", []string{"县政协"}},
		{"3月5日，县文化馆与县图书馆联合主办迎春书画展。", []string{"县文化馆", "县图书馆"}},
		{"3月5日，县委召开党外人士座谈会，邀请县工商业联合会参加。", []string{"县工商业联合会"}},
		{"3月5日，县里举行招商项目签约仪式。签约企业代表青禾集团有限公司总经理许文博作了发言。", []string{"青禾集团有限公司"}},
		{"3月5日，白鹭乡举行撤乡设镇揭牌仪式。县委书记李青山为白鹭镇党委、白鹭镇人民政府揭牌。", []string{"白鹭镇党委", "白鹭镇人民政府"}},
		{"3月5日，县政协委员先后观摩了县农产品加工园、青禾集团有限公司等。", []string{"青禾集团有限公司"}},
		{"3月5日，县长王立新调研融媒体建设。在新建成的县融媒体中心，王立新察看了演播室。", []string{"县融媒体中心"}},
	} {
		evs := eventsOf(t, tc.text)
		if len(evs) == 0 {
			t.Errorf("%s: no event", tc.text)
			continue
		}
		for _, o := range tc.orgs {
			if evs[0].orgs[o] == "" {
				t.Errorf("%s: organisations %v lack %s", tc.text, evs[0].orgs, o)
			}
		}
	}
}

// A body before 组织 convenes only when it organises an activity: not in
// the name of a law (全国人大组织法) or apposed to a union (工会组织——X).
func TestOrganisesIsConvening(t *testing.T) {
	for _, tc := range []struct {
		text string
		org  string
		want bool
	}{
		{"3月5日，县政协组织部分委员开展集中视察活动。", "县政协", true},
		{"3月5日，县委召开常委会会议。依照选举法和全国人大组织法的规定，会议研究了代表选举工作。", "全国人大", false},
		{"3月5日，县人大常委会召开会议，县总工会组织——职工服务中心负责同志列席。", "县总工会", false},
	} {
		evs := eventsOf(t, tc.text)
		if len(evs) == 0 {
			t.Errorf("%s: no event", tc.text)
			continue
		}
		if got := evs[0].orgs[tc.org] != ""; got != tc.want {
			t.Errorf("%s: %s takes part %v, want %v (%v)", tc.text, tc.org, got, tc.want, evs[0].orgs)
		}
	}
}

// The lead's event takes its name from the session that opens the lead,
// not from a ceremony held within it (rule 6.3, 6.4), and the people of
// the ceremony's sentences attend the ceremony only (rule 7.5); names
// stop at ASCII commas as at Chinese ones; a 会见 whose heading does not
// name it is a symposium (rule 6.7).
func TestLeadEventNames(t *testing.T) {
	for _, tc := range []struct {
		text        string
		name, kind  string
		ceremonyGot []string // attendees of the second event, if any
	}{
		{"3月5日上午，县十九届人大一次会议依法选举产生了县长、副县长。县人大常委会举行了新任命人员宪法宣誓仪式，县人大常委会主任周海峰监誓，副县长方敏领誓。", "县十九届人大一次会议", "ELECTION", []string{"周海峰", "方敏"}},
		{"3月5日上午,县政协十届五次常委会议在县会议中心召开,县政协主席周海峰主持会议。", "县政协十届五次常委会议", "MEETING", nil},
		{"3月5日，县长王立新在县行政中心会见了青禾集团有限公司董事长许文博一行。", "", "SYMPOSIUM", nil},
	} {
		evs := factsOf(t, "# 县里的一天\n\n"+tc.text, &ingest.Options{Year: 2026})[0].events
		if len(evs) == 0 {
			t.Errorf("%s: no event", tc.text)
			continue
		}
		if tc.name != "" && evs[0].name != tc.name {
			t.Errorf("%s: name %q, want %q", tc.text, evs[0].name, tc.name)
		}
		if evs[0].kind != tc.kind {
			t.Errorf("%s: kind %s, want %s", tc.text, evs[0].kind, tc.kind)
		}
		if tc.ceremonyGot != nil {
			if len(evs) != 2 {
				t.Errorf("%s: events %v, want a ceremony", tc.text, evs)
				continue
			}
			for _, p := range tc.ceremonyGot {
				if has(evs[0].attendees, p) || !has(evs[1].attendees, p) {
					t.Errorf("%s: %s attends %v / %v, want the ceremony only", tc.text, p, evs[0].attendees, evs[1].attendees)
				}
			}
		}
	}
}

// An explicit range gives the event's end_date (rule 6.5): 4月8日至10日,
// 于4月8—10日, and 将持续至21日 after a day that opens the activity.
func TestEventDateRanges(t *testing.T) {
	for _, tc := range []struct {
		text          string
		date, endDate string
	}{
		{"县政协于4月8—10日组织委员开展集中视察活动。", "2026-04-08", "2026-04-10"},
		{"4月8日至10日，县政协组织委员开展集中视察活动。", "2026-04-08", "2026-04-10"},
		{"4月8日—10日，县政协组织委员开展集中视察活动。", "2026-04-08", "2026-04-10"},
		{"本报讯 4月18日上午，白鹭湖旅游文化节在白鹭镇开幕，活动将持续至21日。", "2026-04-18", "2026-04-21"},
	} {
		evs := eventsOf(t, tc.text)
		if len(evs) == 0 {
			t.Errorf("%s: no event", tc.text)
			continue
		}
		if evs[0].date != tc.date || evs[0].endDate != tc.endDate {
			t.Errorf("%s: date %s–%s, want %s–%s", tc.text, evs[0].date, evs[0].endDate, tc.date, tc.endDate)
		}
	}
}

// Activities after or during the lead's are events of their own with its
// date (rules 6.3, 6.5): 会后…分别带队督导, a 座谈会 during a tour, 随后 in
// mid-sentence; several sites on one tour are one inspection.
func TestFollowOnActivities(t *testing.T) {
	for _, tc := range []struct {
		text  string
		kinds []string
	}{
		{"3月5日，县委召开安全生产工作会议。会后，县领导李青山、王立新分别带队督导检查重点企业安全生产工作。", []string{"MEETING", "INSPECTION"}},
		{"3月5日，县长王立新到白鹭镇调研农业生产，并召开座谈会听取意见建议。", []string{"INSPECTION", "SYMPOSIUM"}},
		{"3月5日，县政协主席周海峰到白鹭镇调研协商议事室建设，并就基层协商工作进行了座谈。", []string{"INSPECTION", "SYMPOSIUM"}},
		{"3月5日，县长王立新到白鹭镇调研。调研期间，王立新主持召开座谈会，听取企业意见。", []string{"INSPECTION", "SYMPOSIUM"}},
		{"3月5日，县委书记李青山出席白鹭镇撤乡设镇揭牌仪式，随后察看了镇便民服务中心建设。", []string{"OTHER", "INSPECTION"}},
		{"3月5日，县长王立新到白鹭镇调研，先后察看了蔬菜基地、农产品加工园。随后，王立新来到青禾集团有限公司察看生产线。", []string{"INSPECTION"}},
	} {
		var kinds []string
		var dates []string
		for _, e := range factsOf(t, "# 县里的一天\n\n"+tc.text, &ingest.Options{Year: 2026})[0].events {
			kinds = append(kinds, e.kind)
			dates = append(dates, e.date)
		}
		if !reflect.DeepEqual(kinds, tc.kinds) {
			t.Errorf("%s: kinds %v, want %v", tc.text, kinds, tc.kinds)
		}
		for _, d := range dates {
			if d != "2026-03-05" {
				t.Errorf("%s: dates %v, want the lead's", tc.text, dates)
				break
			}
		}
	}
}

// TestNoPanicOnBodiesAcrossClauses checks that a body read across a
// clause's end (a post before a name and 陪同下，) does not break the
// roles of an event: an article once made a whole ingest fail this way.
func TestNoPanicOnBodiesAcrossClauses(t *testing.T) {
	p := pipeline(t, nil)
	for _, text := range []string{
		"4月25日上午9时许，李青山在青禾师范大学党委书记周东明、校长陈伟陪同下，首先来到博学楼，观摩思政课教学。",
		"5月9日上午，省委书记李青山在青禾市委书记张立、市长刘伟陪同下，先后来到青禾港、白鹭湖湿地，调研生态保护工作。",
	} {
		err := p.ReadFrom(context.Background(), strings.NewReader("# 甲\n\n"+text), "p.md", false, func(a *ingest.Article) error {
			_, err := p.Facts(a)
			return err
		})
		if err != nil {
			t.Errorf("%s: %v", text, err)
		}
	}
}

// A chair of the 座谈会 held after a tour is no chair of a tour stop
// (rule 7.4): the stop's event ends where the text goes back to the
// 座谈会 (考察结束后，…).
func TestWithinEventEndsWhereTheTextResumes(t *testing.T) {
	text := "3月5日，县委书记李青山在白鹭镇出席乡村振兴座谈会并讲话。\n\n" +
		"为开好这次座谈会，李青山先后考察了白鹭中学和白鹭镇卫生院。县长王立新陪同考察并主持座谈会。\n\n" +
		"李青山首先来到白鹭中学。随后，李青山察看了白鹭镇卫生院的药房。\n\n" +
		"考察结束后，李青山在白鹭镇出席乡村振兴座谈会。\n\n" +
		"王立新在主持会议时指出，要抓好落实。"
	for _, e := range factsOf(t, "# 县委书记出席乡村振兴座谈会\n\n"+text, &ingest.Options{Year: 2026})[0].events {
		if e.kind == "INSPECTION" && len(e.chairs) > 0 {
			t.Errorf("tour stop %q: chairs %v, want none", e.name, e.chairs)
		}
	}
}

// A body placed at the 大会 is not placed at the 会见 held before it
// (rule 6.3, 7.4).
func TestMeetingBeforeEndsAtTheAssemblysAttendance(t *testing.T) {
	text := "3月5日，全县乡村振兴表彰大会在县城举行。县委书记李青山出席大会并讲话，县长王立新主持大会。\n\n" +
		"会前，李青山等县领导亲切会见了受表彰的先进集体和个人代表。\n\n" +
		"县乡村振兴局负责同志，各乡镇负责同志，受表彰代表等约300人参加大会。"
	for _, e := range factsOf(t, "# 全县乡村振兴表彰大会举行\n\n"+text, &ingest.Options{Year: 2026})[0].events {
		if e.kind == "SYMPOSIUM" && len(e.orgs) > 0 {
			t.Errorf("meeting before %q: orgs %v, want none", e.name, e.orgs)
		}
	}
}

// People appointed in a list at a session are not its attendees unless
// placed there (rule 7.5).
func TestAppointeesInAListAreNoAttendees(t *testing.T) {
	for _, text := range []string{
		"3月5日，县人大常委会举行第九次会议，县人大常委会主任周海峰主持会议。会议经表决，任命李青山为县人民政府副县长，王立新为县财政局局长；",
		"3月5日，县人大常委会举行第九次会议，县人大常委会主任周海峰主持会议。会议经投票表决决定，李青山、王立新为副县长。",
		"3月5日，县人大常委会举行第九次会议，县人大常委会主任周海峰主持会议。经过投票、计票，主持人宣布：周海燕同志为县长；李青山、王立新同志为副县长。",
	} {
		for _, e := range factsOf(t, "# 县人大常委会举行第九次会议\n\n"+text, &ingest.Options{Year: 2026})[0].events {
			for _, a := range e.attendees {
				if a == "李青山" || a == "王立新" {
					t.Errorf("%q: attendee %s, only appointed", e.name, a)
				}
			}
		}
	}
	// 为 before whom a person hands something out is no appointment
	text := "3月5日，全县表彰大会在县城举行。会议宣布表彰决定，县委书记李青山为获奖代表颁奖。"
	if evs := eventsOf(t, text); len(evs) == 0 || !has(evs[0].attendees, "李青山") {
		t.Errorf("%s: events %+v, want 李青山 attending", text, evs)
	}
}

// A story bundled after the lead under a heading of its own is not the
// lead's: its bodies take no part in the lead's event (rule 7.4).
func TestHeadedStoryIsNotTheLeads(t *testing.T) {
	text := "3月5日，县长王立新会见青禾集团有限公司董事长许文博一行。\n\n" +
		"县政协召开常委会议 审议年度工作报告\n\n" +
		"3月4日，县政协召开常委会议，审议年度工作报告。"
	for _, e := range factsOf(t, "# 县长会见企业家\n\n"+text, &ingest.Options{Year: 2026})[0].events {
		if e.date == "2026-03-05" && e.orgs["县政协"] != "" {
			t.Errorf("%q: orgs %v, want no 县政协", e.name, e.orgs)
		}
	}
	// a heading over the lead's own story of the same day keeps its roles
	text = "3月5日，白鹭湖事故遇难者哀悼活动在事发地举行。\n\n" +
		"事故现场举行遇难者哀悼活动\n\n" +
		"今天（3月5日），遇难者哀悼活动在事发地举行。副县长李青山参加哀悼活动。"
	evs := factsOf(t, "# 遇难者哀悼活动\n\n"+text, &ingest.Options{Year: 2026})[0].events
	if len(evs) == 0 || !reflect.DeepEqual(evs[0].attendees, []string{"李青山"}) {
		t.Errorf("events %+v, want 李青山 attending", evs)
	}
}

// TestEventNameWithoutDateline checks that an event named from its
// convener takes no dateline that ends in a colon (青禾网消息（晚间新闻）：).
func TestEventNameWithoutDateline(t *testing.T) {
	got := factsOf(t, "# 甲\n\n青禾网消息（晚间新闻）：青禾县委常委会1月6日召开会议，县委书记李青山主持会议。", &ingest.Options{Year: 2026})[0]
	if len(got.events) == 0 || strings.Contains(got.events[0].name, "：") || !strings.HasPrefix(got.events[0].name, "青禾县委常委会") {
		t.Errorf("events %+v, want one named from the convener alone", got.events)
	}
}

// A body named where the text gives it no act of its own takes no role:
// the venue of someone's talk, the audience of a briefing, a party
// claiming, a body inside a document's title, a party whose numbered
// central committee reports (rule 4.6, 7.6, 7.7, 8.5).
func TestBodiesWithoutAnActOfTheirOwn(t *testing.T) {
	for _, tc := range []struct {
		text string
		body string // takes no role
		kept string // still reports, "" for none
	}{
		{"3月5日，县委宣讲团在白鹭镇召开宣讲会。宣讲团成员、县委党校校长李青山在县实验中学作宣讲报告。", "县实验中学", ""},
		{"3月5日，县委召开民主协商会，向各民主党派县委、县工商联和无党派人士代表通报有关情况。", "县工商联", ""},
		{"3月5日，县政府召开新闻发布会，县统计局介绍有关情况，县应急管理局通报称，全县汛情平稳。", "县应急管理局", "县统计局"},
		{"3月5日，县委召开常委会会议，审议《县委常委会听取县人民政府、县政协党组工作汇报的综合情况报告》。", "县人民政府", ""},
		{"3月5日，青禾党第十二次代表大会在县城开幕。本次大会听取和审议青禾党第十一届中央委员会工作报告。", "青禾党", ""},
	} {
		evs := eventsOf(t, tc.text)
		if len(evs) == 0 {
			t.Errorf("%s: no event", tc.text)
			continue
		}
		e := evs[0]
		if has(e.reporting, tc.body) || e.orgs[tc.body] != "" {
			t.Errorf("%s: %s reports %v or takes part %v, want neither", tc.text, tc.body, e.reporting, e.orgs)
		}
		if tc.kept != "" && !has(e.reporting, tc.kept) {
			t.Errorf("%s: reporting %v, want %s", tc.text, e.reporting, tc.kept)
		}
	}
}

// A sitting named only by its number takes its convener's name, without
// the day or the place written between them, and a chaired meeting's name
// takes no aspect mark (主持召开了…).
func TestSittingNamedByItsConvener(t *testing.T) {
	for _, tc := range []struct{ text, name string }{
		{"青禾县十八届人大一次会议12日上午在县会议中心举行第三次全体会议。县人大常委会主任周海峰主持会议。", "青禾县十八届人大一次会议第三次全体会议"},
		{"县政协19日在县城举行第二次全体会议。", "县政协第二次全体会议"},
		{"3月5日，县长王立新主持召开了县政府第九次常务会议。", "县政府第九次常务会议"},
	} {
		evs := eventsOf(t, tc.text)
		if len(evs) == 0 {
			t.Errorf("%s: no event", tc.text)
			continue
		}
		if got := evs[0].name; got != tc.name {
			t.Errorf("%s: name %q, want %q", tc.text, got, tc.name)
		}
	}
}

// TestConjoinedActivities checks that two activities of different kinds
// named as one occasion with 暨 are two events with the same roles (rule
// 6.3, locala README), while a topic joined to a meeting, or two meetings,
// are one.
func TestConjoinedActivities(t *testing.T) {
	for _, tc := range []struct {
		name, page string
		kinds      []string
	}{
		{"talks and a signing", "# 白鹭镇“回故乡 建家乡”恳谈会暨项目签约仪式举行\n\n本报讯 4月2日，白鹭镇“回故乡 建家乡”恳谈会暨项目签约仪式举行。镇党委书记王立新致辞，镇党委副书记赵明远主持活动。", []string{"SYMPOSIUM", "SIGNING"}},
		{"an appointment act and a signing", "# 青禾区招商顾问聘任暨项目集中签约仪式举行\n\n日前，在青禾区招商顾问聘任暨项目集中签约仪式上，企业家王立新等20人被聘为招商顾问。", []string{"OTHER", "SIGNING"}},
		{"talks and a forum", "# 青禾县举办青商恳谈会\n\n本报讯 4月2日，第二届“青商恳谈会”暨开放兴县、“促进青禾民营经济发展”论坛在白鹭宾馆召开。县委书记王立新，县长赵明远参加会议。", []string{"SYMPOSIUM", "MEETING"}},
		{"a topic and a meeting", "# 甲\n\n本报讯 4月2日，高新区召开安全生产暨消防工作会议。区长王立新出席。", []string{"MEETING"}},
		{"two meetings", "# 甲\n\n本报讯 1月18日，青禾集团有限公司召开2026年度工作会议暨职工代表大会。集团董事长许文博主持会议。", []string{"MEETING"}},
	} {
		evs := factsOf(t, tc.page, &ingest.Options{Year: 2026})[0].events
		var kinds []string
		for _, e := range evs {
			kinds = append(kinds, e.kind)
		}
		if !reflect.DeepEqual(kinds, tc.kinds) {
			t.Errorf("%s: kinds %v, want %v", tc.name, kinds, tc.kinds)
			continue
		}
		for _, e := range evs[1:] {
			if !reflect.DeepEqual(e.chairs, evs[0].chairs) || !reflect.DeepEqual(e.attendees, evs[0].attendees) || e.date != evs[0].date {
				t.Errorf("%s: %+v and %+v differ in roles or date", tc.name, evs[0], e)
			}
		}
	}
}

// TestInspectionWords checks that a 督查 or a 参访 named as the event is
// an inspection (rule 6.7; locala and localc READMEs).
func TestInspectionWords(t *testing.T) {
	for _, title := range []string{"王立新赵明远来青督查重大项目建设", "青禾县长一行参访白鹭集团"} {
		evs := factsOf(t, "# "+title+"\n\n7月9日，市长王立新一行来青禾县督查重大项目建设。", &ingest.Options{Year: 2026})[0].events
		if len(evs) == 0 || evs[0].kind != "INSPECTION" {
			t.Errorf("%s: events %+v, want an inspection", title, evs)
		}
	}
}

// TestListedActivitiesNoEvent checks that a lead summing up many
// activities (举办招待会、音乐会等活动) makes no one event of them
// (rule 6.3), while a lead telling one activity still does.
func TestListedActivitiesNoEvent(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"a list of activities", "本报讯 9月28日，白鹭国驻枫屿各使领馆举行国庆招待会等活动，枫屿各界人士出席。", false},
		{"a series", "本报讯 9月28日，枫屿县各乡镇举办迎春座谈会等系列活动，县长王立新出席。", false},
		{"one activity", "本报讯 9月28日，白鹭国驻枫屿使馆举办国庆招待会。", true},
	} {
		got := factsOf(t, "# 甲\n\n"+tc.text, &ingest.Options{Year: 2025})[0]
		if (len(got.events) > 0) != tc.want {
			t.Errorf("%s: events %+v, want some: %v", tc.name, got.events, tc.want)
		}
	}
}

// TestOnBehalfNotAttended checks that the one on whose behalf another
// acts at an event (受X书记委托, 代表X书记) is not an attendee, while a
// deputy named after 代表 as a title (人大代表X) is.
func TestOnBehalfNotAttended(t *testing.T) {
	for _, tc := range []struct {
		name, text, who string
		want            bool
	}{
		{"受…委托", "本报讯 5月6日，受李明华书记委托，枫屿县县长王立新在白鹭宾馆举行欢迎宴会。", "李明华", false},
		{"代表 on behalf", "本报讯 5月6日，枫屿县县长王立新在白鹭宾馆会见白鹭国客人。王立新首先代表李明华书记对客人到访表示欢迎。", "李明华", false},
		{"a deputy", "本报讯 5月6日，枫屿县县长王立新在白鹭宾馆会见白鹭国客人，县人大代表张海峰参加会见。", "张海峰", true},
	} {
		got := factsOf(t, "# 甲\n\n"+tc.text, &ingest.Options{Year: 2025})[0]
		found := false
		for _, e := range got.events {
			found = found || has(e.attendees, tc.who) || has(e.chairs, tc.who)
		}
		if found != tc.want {
			t.Errorf("%s: %s at the event %v, want %v (events %+v)", tc.name, tc.who, found, tc.want, got.events)
		}
	}
}
