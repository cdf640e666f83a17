package ingest_test

import (
	"context"
	"os"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/ingest"
)

// summary is what the rule tests check of an article's facts.
type summary struct {
	people    map[string][]string // person -> post names
	orgs      []string            // organisations the article mentions
	projects  []string
	reporters []string
	events    []eventSummary
}

type eventSummary struct {
	name, kind, date, endDate, partOfDay string
	chairs, attendees, reporting         []string
	orgs                                 map[string]string // name -> role
	projects                             []string
}

func summarise(f *graph.ArticleFacts) summary {
	nodes := map[string]graph.Node{}
	for _, n := range f.Nodes {
		nodes[n.ID] = n
	}
	s := summary{people: map[string][]string{}}
	for _, r := range f.Relations {
		to := nodes[r.To]
		switch r.Type {
		case graph.RelMentions:
			switch to.Label {
			case graph.LabelPerson:
				if _, ok := s.people[to.Name]; !ok {
					s.people[to.Name] = nil
				}
			case graph.LabelOrganisation:
				s.orgs = append(s.orgs, to.Name)
			case graph.LabelProject:
				s.projects = append(s.projects, to.Name)
			}
		case graph.RelHolds:
			from := nodes[r.From]
			s.people[from.Name] = append(s.people[from.Name], to.Name)
		case graph.RelAuthored:
			s.reporters = append(s.reporters, nodes[r.From].Name)
		}
	}
	for _, r := range f.Relations {
		if r.Type != graph.RelReports {
			continue
		}
		e := nodes[r.To]
		es := eventSummary{name: e.Name, kind: string(e.Kind), date: e.Date, endDate: e.EndDate, partOfDay: e.PartOfDay, orgs: map[string]string{}}
		for _, x := range f.Relations {
			if x.To != e.ID && x.From != e.ID {
				continue
			}
			switch x.Type {
			case graph.RelChaired:
				es.chairs = append(es.chairs, nodes[x.From].Name)
			case graph.RelAttended:
				es.attendees = append(es.attendees, nodes[x.From].Name)
			case graph.RelParticipated:
				es.orgs[nodes[x.From].Name] = x.Role
			case graph.RelReportedAt:
				es.reporting = append(es.reporting, nodes[x.From].Name)
			case graph.RelDiscussed:
				es.projects = append(es.projects, nodes[x.To].Name)
			}
		}
		s.events = append(s.events, es)
	}
	for _, xs := range [][]string{s.orgs, s.projects, s.reporters} {
		sort.Strings(xs)
	}
	for k := range s.people {
		sort.Strings(s.people[k])
	}
	return s
}

var (
	pipelinesMu sync.Mutex
	pipelines   = map[ingest.Options]*ingest.Pipeline{}
)

// pipeline returns a Pipeline for opts, shared by the tests (building one
// loads the dictionaries).
func pipeline(t testing.TB, opts *ingest.Options) *ingest.Pipeline {
	t.Helper()
	var o ingest.Options
	if opts != nil {
		o = *opts
	}
	pipelinesMu.Lock()
	defer pipelinesMu.Unlock()
	if p := pipelines[o]; p != nil {
		return p
	}
	p, err := ingest.NewPipeline(&o)
	if err != nil {
		t.Fatal(err)
	}
	pipelines[o] = p
	return p
}

// factsOf reads one page and returns the summaries of its articles.
func factsOf(t *testing.T, page string, opts *ingest.Options) []summary {
	t.Helper()
	p := pipeline(t, opts)
	var out []summary
	err := p.ReadFrom(context.Background(), strings.NewReader(page), "test.md", false, func(a *ingest.Article) error {
		f, err := p.Facts(a)
		if err != nil {
			return err
		}
		out = append(out, summarise(f))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sorted(xs ...string) []string {
	out := append([]string(nil), xs...)
	sort.Strings(out)
	return out
}

func has(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// The sentences below are written for these tests in the genre's style;
// none is copied from the pages under testdata/.

func TestPostChains(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       map[string][]string
	}{
		{"shared prefix and 兼", "4月2日上午，市委常委、常务副市长兼市发改委主任林望舒主持召开专题会议。",
			map[string][]string{"林望舒": sorted("市委常委", "常务副市长", "市发改委主任")}},
		{"area restored for the head of government", "5月6日，青河区委副书记、区长赵明远主持会议。",
			map[string][]string{"赵明远": sorted("青河区委副书记", "青河区区长")}},
		{"an area's head", "5月6日，青河区区长赵明远、白鹭镇镇长孙强出席会议。",
			map[string][]string{"赵明远": {"青河区区长"}, "孙强": {"白鹭镇镇长"}}},
		{"secretary-general of the committee", "6月1日，市委常委、秘书长钱明出席。",
			map[string][]string{"钱明": sorted("市委常委", "市委秘书长")}},
		{"bare level stays", "5月6日，区委副书记、区长赵明远主持会议。",
			map[string][]string{"赵明远": sorted("区委副书记", "区长")}},
		{"party organ under the committee", "6月1日，市委常委、宣传部部长孙若兰出席活动。",
			map[string][]string{"孙若兰": sorted("市委常委", "市委宣传部部长")}},
		{"unit of a party committee", "7月3日，梧桐集团有限公司党委书记、董事长钟启明一行来访。",
			map[string][]string{"钟启明": sorted("梧桐集团有限公司党委书记", "梧桐集团有限公司董事长")}},
		{"names sharing a post", "8月9日上午，会议召开。副县长周立群、吴晓燕出席会议。",
			map[string][]string{"周立群": {"副县长"}, "吴晓燕": {"副县长"}}},
		{"elided body restored from an antecedent", "9月1日，白沙经开区党工委副书记、管委会主任黄启东主持会议，党工委委员、管委会副主任郑雅出席。",
			map[string][]string{"黄启东": sorted("白沙经开区党工委副书记", "白沙经开区管委会主任"), "郑雅": sorted("白沙经开区党工委委员", "白沙经开区管委会副主任")}},
		{"level's committee in its fullest form, the level-bound title as written", "5月6日，泉县县委书记王立新，县委常委、常务副县长赵明远出席。",
			map[string][]string{"王立新": {"泉县县委书记"}, "赵明远": sorted("泉县县委常委", "常务副县长")}},
		{"the place's committee named, its department", "5月6日，青禾市委常委、组织部部长王立新到白鹭镇调研。",
			map[string][]string{"王立新": sorted("青禾市委常委", "青禾市委组织部部长")}},
		{"the place's government named, another body", "5月6日，青禾县委常委、人武部部长王立新到白鹭镇调研。",
			map[string][]string{"王立新": sorted("青禾县委常委", "人武部部长")}},
		{"the unit's officer after its party secretary", "5月6日，省交投集团董事长、党委书记王立新、副总经理赵明远出席。",
			map[string][]string{"王立新": sorted("省交投集团董事长", "省交投集团党委书记"), "赵明远": {"省交投集团副总经理"}}},
		{"the unit's officer after a party organ named with its unit", "5月6日，青禾集团有限公司党委书记王立新、副总经理赵明远出席。",
			map[string][]string{"王立新": {"青禾集团有限公司党委书记"}, "赵明远": {"青禾集团有限公司副总经理"}}},
		{"names after a comma sharing a post", "5月6日，座谈会上，商会会长孙强,常务副会长赵明远,李家栋,副会长周启航先后发言。",
			map[string][]string{"赵明远": {"商会常务副会长"}, "李家栋": {"商会常务副会长"}, "周启航": {"商会副会长"}}},
		{"a name after a comma with a verb of its own", "5月6日，县长王立新，赵明远表示欢迎。",
			map[string][]string{"王立新": {"县长"}, "赵明远": nil}},
		{"an area's party title where its government is named", "5月6日，青禾县人民政府与白鹭集团签约。青禾县副书记周家和主持签约仪式。",
			map[string][]string{"周家和": {"青禾县副书记"}}},
		{"the writer's own body", "5月6日，参加座谈的有我会会长黄朝阳，秘书长李明。",
			map[string][]string{"黄朝阳": {"会长"}, "李明": {"秘书长"}}},
		{"a place before the body in its fullest form", "5月6日，县委书记王立新参访了泉州晋江商会。晋江商会会长黄朝阳表示欢迎。",
			map[string][]string{"黄朝阳": {"泉州晋江商会会长"}}},
		{"a department's head written 部长 after its stem", "5月6日，县委常委、统战部长潘慧琴，县委常委、组织部部长唐直秋出席。",
			map[string][]string{"潘慧琴": sorted("县委常委", "县委统战部长"), "唐直秋": sorted("县委常委", "县委组织部部长")}},
		{"a body inside another's short form, in the parent's fullest form", "5月6日，东川省人民政府驻青岛办事处主任周建明，东川省人民政府驻青办办公室主任张学林出席。",
			map[string][]string{"张学林": {"东川省人民政府驻青岛办事处办公室主任"}}},
		{"a chamber's titles and the unit's office after 兼", "5月6日，座谈会上，商会轮值会长贾朝辉，商会执行副秘书长兼办公室主任张丽萍先后发言。",
			map[string][]string{"贾朝辉": {"商会轮值会长"}, "张丽萍": sorted("商会执行副秘书长", "商会办公室主任")}},
		{"compound surname", "3月3日，县人大常委会主任欧阳明德主持会议。",
			map[string][]string{"欧阳明德": {"县人大常委会主任"}}},
		{"appointment", "3月9日，会议任命韩立为县财政局局长。",
			map[string][]string{"韩立": {"县财政局局长"}}},
		{"leaders before 等市领导", "3月9日，王一鸣、李思远、赵晓等市领导参加活动。县委书记钱进主持。",
			map[string][]string{"王一鸣": nil, "李思远": nil, "赵晓": nil}},
		{"dismissal", "3月9日，会议决定免去郭平的县水利局局长职务。",
			map[string][]string{"郭平": {"县水利局局长"}}},
		{"head of a unit and an academician", "3月9日，青禾食品有限公司负责人钱多多介绍了生产情况，中国工程院院士罗宏出席。",
			map[string][]string{"钱多多": {"青禾食品有限公司负责人"}, "罗宏": {"中国工程院院士"}}},
		{"given names with common characters", "3月9日，副县长李向东、王为民、张月华出席会议。",
			map[string][]string{"李向东": {"副县长"}, "王为民": {"副县长"}, "张月华": {"副县长"}}},
		{"two holders joined by 和", "3月9日，县委书记马骏和县长尹志刚出席会议。",
			map[string][]string{"马骏": {"县委书记"}, "尹志刚": {"县长"}}},
		{"election", "1月10日，县政协十届一次会议闭幕，宋清源当选为县政协主席。",
			map[string][]string{"宋清源": {"县政协主席"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := factsOf(t, "# 测试\n\n"+tc.text, &ingest.Options{Year: 2026})[0]
			for who, posts := range tc.want {
				if g, ok := got.people[who]; !ok || !reflect.DeepEqual(g, posts) {
					t.Errorf("posts of %s = %v, want %v (people %v)", who, g, posts, got.people)
				}
			}
		})
	}
}

func TestBylines(t *testing.T) {
	for _, tc := range []struct {
		name, page string
		reporters  []string
		paper      string
	}{
		{"本报讯", "# 甲\n\n**本报讯（记者 陈思远 通讯员 周可）**3月2日上午，县委书记李青山主持会议。", sorted("陈思远", "周可"), ""},
		{"box", "# 乙\n\n□记者 王晓明 通讯员 刘佳\n\n3月2日上午，县委书记李青山主持会议。", sorted("王晓明", "刘佳"), ""},
		{"paper named", "# 丙\n\n青川日报讯（记者林峰）3月2日上午，县委书记李青山主持会议。", []string{"林峰"}, "青川日报"},
		{"dateline", "# 丁\n\n本报3月28日讯（记者 黄磊）28日上午，县委书记李青山主持会议。", []string{"黄磊"}, ""},
		{"place in the dateline", "# 庚\n\n本报青河讯（记者 孔亮）3月2日上午，县委书记李青山主持会议。", []string{"孔亮"}, ""},
		{"reported by", "# 己\n\n本报记者 孟凡 报道：3月2日上午，县委书记李青山主持会议。", []string{"孟凡"}, ""},
		{"subtitle first", "# 壬\n\n——记全县春耕生产动员会\n\n本报讯（记者 吴桐）3月2日上午，县委书记李青山主持会议。", []string{"吴桐"}, ""},
		{"two credits of the paper", "# 癸\n\n本报记者 王五 本报通讯员 赵六\n\n3月2日上午，县委书记李青山主持会议。", sorted("王五", "赵六"), ""},
		{"names written together", "# 子\n\n本报讯（记者韩嘉禾葛亦航）3月2日上午，县委书记李青山主持会议。", sorted("韩嘉禾", "葛亦航"), ""},
		{"closing credit", "# 戊\n\n3月2日上午，县委书记李青山主持会议。\n\n（记者 何静 通讯员 邵一凡）", sorted("何静", "邵一凡"), ""},
		{"body credit line", "# 丑\n\n青河老年书画协会 邱明远\n\n3月2日上午，县委书记李青山主持会议。", []string{"邱明远"}, "青河老年书画协会"},
		{"body credit line, two writers", "# 寅\n\n青河县融媒体中心 许晴 邵一凡\n\n3月2日上午，县委书记李青山主持会议。", sorted("许晴", "邵一凡"), "青河县融媒体中心"},
		{"closing body credit", "# 卯\n\n3月2日上午，县委书记李青山主持会议。（青河日报岚州记者站 章可欣）", []string{"章可欣"}, "青河日报岚州记者站"},
		// the house styles of county sites: ASCII brackets, a page's bare
		// date and time line before the lead, 本网讯, a role word written
		// with a space, bare names closing the text, the outlet before 记者
		{"time line before the dateline", "# 辰\n\n05-09 11:12\n\n青河新闻网讯(记者 苏晓)3月2日上午，县委书记李青山主持会议。", []string{"苏晓"}, ""},
		{"本网讯", "# 巳\n\n本网讯(通讯员 程一帆)3月2日上午，县委书记李青山主持会议。", []string{"程一帆"}, ""},
		{"role word spaced", "# 午\n\n3月2日上午，县委书记李青山主持会议。(记 者:钱明远 孙悦 见习记者 邹小禾)", sorted("钱明远", "孙悦", "邹小禾"), ""},
		{"bare name closing the text", "# 未\n\n3月2日上午，县委书记李青山主持会议。(柏文卿)", []string{"柏文卿"}, ""},
		{"bare names closing the text", "# 申\n\n3月2日上午，县委书记李青山主持会议。(柏文卿、温子涵)", sorted("柏文卿", "温子涵"), ""},
		{"bare names with spaces", "# 酉\n\n3月2日上午，县委书记李青山主持会议。\n\n（柏文卿 温子涵 庞一）", sorted("柏文卿", "温子涵", "庞一"), ""},
		{"the outlet before 记者", "# 戌\n\n3月2日上午，县委书记李青山主持会议。\n\n(青川日报记者 林峰)", []string{"林峰"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := factsOf(t, tc.page, &ingest.Options{Year: 2026})[0]
			if !reflect.DeepEqual(got.reporters, tc.reporters) {
				t.Errorf("reporters = %v, want %v", got.reporters, tc.reporters)
			}
			if tc.paper != "" && !has(got.orgs, tc.paper) {
				t.Errorf("organisations %v lack the paper %s", got.orgs, tc.paper)
			}
			if tc.paper != "" && strings.Contains(tc.page, "记者 ") && !has(got.people[tc.reporters[0]], tc.paper+"记者") {
				t.Errorf("reporter of a named paper has posts %v, want %s记者 (rule 2.2)", got.people[tc.reporters[0]], tc.paper)
			}
			if _, ok := got.people["李青山"]; !ok {
				t.Errorf("people %v lack 李青山", got.people)
			}
		})
	}
}

func TestDates(t *testing.T) {
	for _, tc := range []struct {
		name, page               string
		year                     int
		date, endDate, partOfDay string
	}{
		{"month, day and part", "# 甲\n\n1月13日下午，县委书记李青山主持召开县委常委会会议。", 2026, "2026-01-13", "", "下午"},
		{"bare day takes the dateline month", "# 乙\n\n本报3月28日讯 18日上午，县委书记李青山主持召开县委常委会会议。", 2026, "2026-03-18", "", "上午"},
		{"本月 takes the dateline month", "# 乙二\n\n本报4月30日讯 本月28日上午，县委书记李青山主持召开县委常委会会议。", 2026, "2026-04-28", "", "上午"},
		{"full-width digits", "# 丙零\n\n３月５日上午，县委书记李青山主持召开县委常委会会议。", 2026, "2026-03-05", "", "上午"},
		{"range", "# 丙\n\n3月5日至6日，县里举办2026年乡村振兴培训班。", 2026, "2026-03-05", "2026-03-06", ""},
		{"no year anywhere", "# 戊\n\n1月13日下午，县委书记李青山主持召开县委常委会会议。", 0, "", "", "下午"},
		{"year from the masthead", "2024年1月3日 星期三\n\n# 己\n\n1月2日晚上，县委书记李青山主持召开县委常委会会议。", 0, "2024-01-02", "", "晚上"},
		{"compact month and day opening the lead", "# 辛二\n\n发布日期:2026-11-30\n\n1129上午,县委书记李青山主持召开县委常委会会议。", 0, "2026-11-29", "", "上午"},
		{"year from a timestamp in the address", "---\nurl: http://example.cn/html/news2024071020443.html\n---\n# 辛三\n\n7月9日,县委书记李青山主持召开县委常委会会议。", 0, "2024-07-09", "", ""},
		{"yesterday of the dateline", "# 辛\n\n本报3月1日讯 昨天下午，县委书记李青山主持召开县委常委会会议。", 2026, "2026-02-28", "", "下午"},
		{"a target of the past is no present", "# 庚二\n\n2月3日，县里召开大会，通报了2025年目标任务完成情况。", 0, "", "", ""},
		{"year of the present, not of the past", "# 庚\n\n2月3日，县里召开大会，总结2025年工作，部署2027年重点任务。", 0, "2027-02-03", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := factsOf(t, tc.page, &ingest.Options{Year: tc.year})[0]
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

// An undated activity is an event without a date (rule 6.1, A1); an
// announced one and news passed on are no events (6.2).
func TestUndatedActivityIsAnEventWithoutDate(t *testing.T) {
	for _, lead := range []string{"日前，县委书记李青山主持召开县委常委会会议。", "近日，县委书记李青山到白鹭镇调研，要求5月底前完成整治。"} {
		got := factsOf(t, "# 甲\n\n"+lead, &ingest.Options{Year: 2026})[0]
		if len(got.events) != 1 || got.events[0].date != "" {
			t.Errorf("%s: events %+v, want one without a date", lead, got.events)
		}
	}
	for _, lead := range []string{"全县春季招聘会将于3月10日在县体育馆举行。", "3月5日，记者从县统计局获悉，一季度全县经济运行平稳。"} {
		if got := factsOf(t, "# 甲\n\n"+lead, &ingest.Options{Year: 2026})[0]; len(got.events) != 0 {
			t.Errorf("%s: events %+v, want none", lead, got.events)
		}
	}
}

func TestNoYearFromOtherPages(t *testing.T) {
	p := pipeline(t, nil)
	dir := t.TempDir()
	write(t, dir+"/a.md", "# 甲\n\n1月13日下午，县里召开2026年第1次常务会议。")
	write(t, dir+"/b.md", "# 乙\n\n2月3日，县委书记李青山主持会议。")
	dates := map[string]string{}
	err := p.Read(context.Background(), []string{dir}, func(a *ingest.Article) error {
		f, err := p.Facts(a)
		if err != nil {
			return err
		}
		for _, n := range f.Nodes {
			if n.Label == graph.LabelEvent {
				dates[a.Title] = n.Date
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := dates["乙"]; got != "" {
		t.Errorf("date of a page without a year = %q, want none: a year never comes from another page", got)
	}
}

func TestRepair(t *testing.T) {
	page := "# 甲\n\n3月2日，县委书记李青山到县城乡供水一体\n\n化工程建设现场调研。要持续推进工作落\n\n实。"
	p := pipeline(t, &ingest.Options{Year: 2026})
	var text string
	_ = p.ReadFrom(context.Background(), strings.NewReader(page), "x.md", false, func(a *ingest.Article) error {
		text = a.Text
		return nil
	})
	if want := "3月2日，县委书记李青山到县城乡供水一体化工程建设现场调研。要持续推进工作落实。"; text != want {
		t.Errorf("text = %q, want %q", text, want)
	}
}

func TestOrganisationLists(t *testing.T) {
	got := factsOf(t, "# 甲\n\n4月1日上午，县长李青山主持召开县政府常务会议。会上，县交通运输局、水利局、农业农村局主要负责同志分别汇报了工作；青禾食品有限公司、县工商联负责同志作了发言。会议要求，落实省委、市委农村工作会议精神。", &ingest.Options{Year: 2026})[0]
	for _, o := range []string{"县交通运输局", "县水利局", "县农业农村局", "青禾食品有限公司", "县工商联"} {
		if !has(got.orgs, o) {
			t.Errorf("organisations %v lack %s", got.orgs, o)
		}
	}
	for _, o := range []string{"省委", "市委"} {
		if has(got.orgs, o) {
			t.Errorf("organisations %v hold %s, which is nested in a meeting name", got.orgs, o)
		}
	}
	e := got.events[0]
	if !reflect.DeepEqual(sorted(e.reporting...), sorted("县交通运输局", "县水利局", "县农业农村局")) {
		t.Errorf("reporting %v", e.reporting)
	}
	if e.orgs["青禾食品有限公司"] == "" || e.orgs["县工商联"] == "" {
		t.Errorf("participating %v", e.orgs)
	}
}

func TestRoles(t *testing.T) {
	got := factsOf(t, "# 县政府与青禾集团签署战略合作协议\n\n**本报讯（记者 陈思远）**5月8日下午，县政府与青禾集团有限公司举行战略合作协议签约仪式。县委书记李青山、青禾集团有限公司董事长许文博出席，县委副书记、县长王立新与青禾集团有限公司总经理蔡宁代表双方签约。签约仪式由副县长方敏主持。\n\n李青山表示，要推动青禾现代农业产业园项目早日落地。会议传达学习了省委书记郑国华在全省大会上的讲话精神。", &ingest.Options{Year: 2026})[0]
	if len(got.events) != 1 {
		t.Fatalf("events %v", got.events)
	}
	e := got.events[0]
	if e.kind != "SIGNING" || e.date != "2026-05-08" || e.partOfDay != "下午" {
		t.Errorf("event %+v", e)
	}
	if !reflect.DeepEqual(e.chairs, []string{"方敏"}) {
		t.Errorf("chairs %v, want [方敏]", e.chairs)
	}
	if want := sorted("李青山", "许文博", "王立新", "蔡宁"); !reflect.DeepEqual(sorted(e.attendees...), want) {
		t.Errorf("attendees %v, want %v (郑国华's words are only relayed)", e.attendees, want)
	}
	for _, o := range []string{"县政府", "青禾集团有限公司"} {
		if e.orgs[o] == "" {
			t.Errorf("participating %v lack %s", e.orgs, o)
		}
	}
	if !has(e.projects, "青禾现代农业产业园项目") {
		t.Errorf("projects %v", e.projects)
	}
	if got.reporters[0] != "陈思远" {
		t.Errorf("reporters %v", got.reporters)
	}
}

func TestFollowOnEvent(t *testing.T) {
	got := factsOf(t, "# 副市长到县里检查防汛工作\n\n6月3日上午，副市长罗雅带领市水利局负责同志到县里检查防汛工作，县长王立新陪同。\n\n罗雅一行先后来到白鹭河堤防和青禾食品有限公司，察看防汛物资储备。\n\n随后，罗雅主持召开座谈会，王立新代表县政府汇报了防汛工作。罗雅要求，深入开展“清淤护岸”专项行动。", &ingest.Options{Year: 2026})[0]
	if len(got.events) != 2 {
		t.Fatalf("events %+v, want the inspection and the talk", got.events)
	}
	insp, talk := got.events[0], got.events[1]
	if insp.kind != "INSPECTION" || insp.orgs["市水利局"] == "" || insp.orgs["青禾食品有限公司"] == "" {
		t.Errorf("inspection %+v", insp)
	}
	if talk.name != "座谈会" || talk.kind != "SYMPOSIUM" || talk.partOfDay != "上午" || !reflect.DeepEqual(talk.chairs, []string{"罗雅"}) {
		t.Errorf("talk %+v", talk)
	}
	if !has(talk.reporting, "县政府") || !has(talk.projects, "清淤护岸专项行动") {
		t.Errorf("talk %+v", talk)
	}
}

func TestProjects(t *testing.T) {
	got := factsOf(t, "# 甲\n\n2月1日，县长王立新主持召开会议。会议要求，加快白鹭河综合治理工程、青禾县5万亩高标准农田建设项目（一期）建设，深入实施“百企兴百村”行动和“一网统管”改革，坚持“项目为王”理念，抓好重点项目和民生项目，确保“开门红”。", &ingest.Options{Year: 2026})[0]
	for _, p := range []string{"白鹭河综合治理工程", "青禾县5万亩高标准农田建设项目（一期）", "百企兴百村行动", "一网统管改革"} {
		if !has(got.projects, p) {
			t.Errorf("projects %v lack %s", got.projects, p)
		}
	}
	for _, p := range got.projects {
		if strings.Contains(p, "项目为王") || strings.Contains(p, "开门红") || p == "重点项目" || p == "民生项目" {
			t.Errorf("projects %v hold a slogan or a generic phrase", got.projects)
		}
	}
}

func TestReferences(t *testing.T) {
	got := factsOf(t, "# 甲\n\n2月1日，县委书记李青山主持会议，县人大常委会主任李文和出席。李书记强调，要抓好春耕。", &ingest.Options{Year: 2026})[0]
	if len(got.people) != 2 {
		t.Errorf("people %v, want 李青山 and 李文和 only", got.people)
	}
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestOtherHouseStyles(t *testing.T) {
	opts := &ingest.Options{Year: 2026}
	t.Run("county paper", func(t *testing.T) {
		s := factsOf(t, "# 我县召开2026年安全生产工作会议\n\n本报讯（通讯员 李晓 记者 王芳）3月12日，我县召开2026年安全生产工作会议。县委常委、常务副县长张卫东出席会议并讲话，副县长刘洋主持会议。县应急管理局、县住建局、县交通运输局负责同志作表态发言。\n\n张卫东强调，要深入开展“安全生产治本攻坚三年行动”。", opts)[0]
		e := s.events[0]
		if e.name != "2026年安全生产工作会议" || !reflect.DeepEqual(e.chairs, []string{"刘洋"}) || !reflect.DeepEqual(e.attendees, []string{"张卫东"}) || len(e.orgs) != 3 {
			t.Errorf("event %+v", e)
		}
		if !reflect.DeepEqual(s.reporters, sorted("李晓", "王芳")) {
			t.Errorf("reporters %v", s.reporters)
		}
	})
	t.Run("city site", func(t *testing.T) {
		s := factsOf(t, "## 市长李明调研城市更新工作\n\n5月20日，市长李明带队调研城市更新工作。副市长陈静，市政府秘书长吴涛，市住建局、市自然资源和规划局主要负责同志陪同。\n\n李明一行先后来到老城区改造项目、东湖片区棚户区改造项目现场，详细了解项目进展。在青山建工集团有限公司，李明听取了企业负责人的汇报。", opts)[0]
		e := s.events[0]
		if e.kind != "INSPECTION" || e.name != "市长李明调研城市更新工作" || len(e.attendees) != 3 {
			t.Errorf("event %+v", e)
		}
		for _, o := range []string{"市住建局", "市自然资源和规划局", "青山建工集团有限公司"} {
			if e.orgs[o] == "" {
				t.Errorf("participating %v lack %s", e.orgs, o)
			}
		}
		if !reflect.DeepEqual(sorted(e.projects...), sorted("老城区改造项目", "东湖片区棚户区改造项目")) {
			t.Errorf("projects %v", e.projects)
		}
	})
	t.Run("wire dateline and leaders by name", func(t *testing.T) {
		s := factsOf(t, "# 全市招商引资推进会召开\n\n新华社青州4月8日电（记者 赵立）8日上午，全市招商引资推进会召开。市委书记王建华出席会议并讲话，市委副书记、市长孙海涛主持会议，市领导刘强、周敏、吴昊出席。会议由王明同志作总结。\n\n会上，青州经济技术开发区管委会、市商务局作交流发言；市发展和改革委员会通报了一季度招商引资情况。", opts)[0]
		e := s.events[0]
		if e.date != "2026-04-08" || e.partOfDay != "上午" || !reflect.DeepEqual(e.chairs, []string{"孙海涛"}) {
			t.Errorf("event %+v", e)
		}
		for _, who := range []string{"王建华", "刘强", "周敏", "吴昊", "王明"} {
			if !has(e.attendees, who) {
				t.Errorf("attendees %v lack %s", e.attendees, who)
			}
		}
		if !has(e.reporting, "市发展和改革委员会") || e.orgs["市商务局"] == "" || e.orgs["青州经济技术开发区管委会"] == "" {
			t.Errorf("event %+v", e)
		}
	})
	t.Run("byline of its own and an election", func(t *testing.T) {
		s := factsOf(t, "# 区政协十届三次会议闭幕\n\n记者 林涛\n\n1月15日上午，政协青河区第十届委员会第三次会议胜利闭幕。会议选举张伟为区政协副主席。区政协主席李红主持闭幕大会。", opts)[0]
		if len(s.events) != 1 || s.events[0].date != "2026-01-15" || !reflect.DeepEqual(s.events[0].chairs, []string{"李红"}) {
			t.Fatalf("events %+v", s.events)
		}
		if !reflect.DeepEqual(s.people["张伟"], []string{"区政协副主席"}) || !reflect.DeepEqual(s.reporters, []string{"林涛"}) {
			t.Errorf("people %v reporters %v", s.people, s.reporters)
		}
	})
	t.Run("county media centre", func(t *testing.T) {
		s := factsOf(t, "# 青河县召开2026年一季度经济运行分析会\n\n青河县融媒体中心讯（记者 郝佳 实习生 田甜）4月10日上午，青河县召开2026年一季度经济运行分析会。县委书记马骏出席会议并讲话，县委副书记、县长尹志刚主持会议，县人大常委会主任毛建军，县政协主席白云飞，县委常委、常务副县长邱少华等县领导出席会议。\n\n会上，县统计局通报了一季度全县主要经济指标完成情况；县发展和改革局、工业和信息化局、商务局、财政局主要负责同志分别作了发言。青河农商银行、国网青河县供电公司负责人参加会议。\n\n马骏指出，要牢牢扭住项目建设“牛鼻子”，加快推进青河县城东污水处理厂扩建工程、青河经济开发区标准化厂房（二期）项目建设。要深化“放管服”改革，扎实开展“万人助万企”活动。", opts)[0]
		e := s.events[0]
		if want := sorted("马骏", "毛建军", "白云飞", "邱少华"); !reflect.DeepEqual(sorted(e.attendees...), want) || !reflect.DeepEqual(e.chairs, []string{"尹志刚"}) {
			t.Errorf("event %+v", e)
		}
		for _, o := range []string{"县发展和改革局", "县工业和信息化局", "县商务局", "县财政局", "青河农商银行", "国网青河县供电公司"} {
			if e.orgs[o] == "" {
				t.Errorf("participating %v lack %s", e.orgs, o)
			}
		}
		if want := sorted("万人助万企活动", "放管服改革", "青河县城东污水处理厂扩建工程", "青河经济开发区标准化厂房（二期）项目"); !reflect.DeepEqual(s.projects, want) {
			t.Errorf("projects %v, want %v", s.projects, want)
		}
		if !has(s.orgs, "青河县融媒体中心") || !has(s.people["郝佳"], "青河县融媒体中心记者") {
			t.Errorf("orgs %v people %v", s.orgs, s.people)
		}
	})
	t.Run("delegation over two days", func(t *testing.T) {
		s := factsOf(t, "## 省交通运输厅来我市调研农村公路建设\n\n□本报记者 蒋文\n\n6月18日至19日，省交通运输厅厅长钱立群一行来我市调研农村公路建设工作。副市长黄晓东陪同调研。\n\n钱立群指出，要加快推进国道G207线青州段改建工程。", opts)[0]
		e := s.events[0]
		if e.date != "2026-06-18" || e.endDate != "2026-06-19" || e.kind != "INSPECTION" || !reflect.DeepEqual(sorted(e.attendees...), sorted("钱立群", "黄晓东")) {
			t.Errorf("event %+v", e)
		}
		if !reflect.DeepEqual(s.people["钱立群"], []string{"省交通运输厅厅长"}) || !reflect.DeepEqual(s.reporters, []string{"蒋文"}) {
			t.Errorf("people %v reporters %v", s.people, s.reporters)
		}
	})
	t.Run("signing by two bodies", func(t *testing.T) {
		s := factsOf(t, "# 青河县与华远集团签署战略合作协议\n\n本报讯（记者 许诺）7月8日下午，青河县人民政府与华远控股集团有限公司战略合作协议签约仪式在县行政中心举行。县委书记马骏，华远控股集团有限公司董事局主席陈志远出席签约仪式并致辞。县委副书记、县长尹志刚主持签约仪式。副县长罗敏与华远控股集团有限公司副总裁刘畅分别代表双方签约。", opts)[0]
		e := s.events[0]
		if e.kind != "SIGNING" || e.orgs["青河县人民政府"] == "" || e.orgs["华远控股集团有限公司"] == "" || !reflect.DeepEqual(e.chairs, []string{"尹志刚"}) {
			t.Errorf("event %+v", e)
		}
		if has(s.orgs, "县行政中心") {
			t.Errorf("organisations %v hold a venue", s.orgs)
		}
	})
	t.Run("inspection of several sites", func(t *testing.T) {
		s := factsOf(t, "# 马骏调研重点项目建设\n\n本报讯（记者 许诺）8月2日，县委书记马骏深入重点项目建设一线调研。县领导邱少华、罗敏参加调研。\n\n马骏先后来到青河县城东污水处理厂扩建工程、恒泰新材料有限公司年产5万吨锂电池材料项目、县人民医院新院区建设项目现场，详细了解项目进度。在恒泰新材料有限公司，马骏与公司董事长周恒深入交流。", opts)[0]
		e := s.events[0]
		if want := sorted("马骏", "邱少华", "罗敏", "周恒"); !reflect.DeepEqual(sorted(e.attendees...), want) || len(e.projects) != 3 || e.orgs["恒泰新材料有限公司"] == "" {
			t.Errorf("event %+v", e)
		}
		if has(s.orgs, "县人民医院") || !reflect.DeepEqual(s.people["周恒"], []string{"恒泰新材料有限公司董事长"}) {
			t.Errorf("orgs %v people %v", s.orgs, s.people)
		}
	})
	t.Run("standing committee with an appointment", func(t *testing.T) {
		s := factsOf(t, "# 县十八届人大常委会第二十次会议召开\n\n本报讯（记者 许诺）9月26日，县十八届人大常委会第二十次会议召开。县人大常委会主任毛建军主持会议，副主任孙莉、郑强出席会议。副县长罗敏，县法院、县检察院负责同志列席会议。\n\n会议审议通过了县人民政府关于上半年计划执行情况的报告。会议任命王磊为县教育和体育局局长。毛建军为新任命人员颁发任命书，王磊进行了宪法宣誓。", opts)[0]
		e := s.events[0]
		if want := sorted("孙莉", "郑强", "罗敏", "王磊"); !reflect.DeepEqual(sorted(e.attendees...), want) || !has(e.reporting, "县人民政府") || e.orgs["县法院"] == "" || e.orgs["县检察院"] == "" {
			t.Errorf("event %+v", e)
		}
		if !reflect.DeepEqual(s.people["孙莉"], []string{"县人大常委会副主任"}) || !reflect.DeepEqual(s.people["王磊"], []string{"县教育和体育局局长"}) {
			t.Errorf("people %v", s.people)
		}
	})
}

func TestVillageBodies(t *testing.T) {
	got := factsOf(t, "# 甲\n\n2月1日，白鹭镇党委书记陈刚主持会议，白鹭村党支部、青石社区居委会负责同志参加。", &ingest.Options{Year: 2026})[0]
	for _, o := range []string{"白鹭镇党委", "白鹭村党支部", "青石社区居委会"} {
		if !has(got.orgs, o) {
			t.Errorf("organisations %v lack %s", got.orgs, o)
		}
	}
}

func TestNoFalsePeople(t *testing.T) {
	got := factsOf(t, "# 甲\n\n2月1日，会议召开。县委书记强调，要抓好春耕。办公室主任向大家介绍了情况。群众可拨打市长热线反映问题。主席台就座的有关领导充分肯定了成绩。会长期以来关心企业。", &ingest.Options{Year: 2026})[0]
	if len(got.people) != 0 {
		t.Errorf("people %v, want none", got.people)
	}
}

func TestPageLayout(t *testing.T) {
	page := "# 青川日报 2025年12月30日 星期二 第2版\n\n# 县委召开常委会会议\n\n12月29日下午，县委书记李青山主持召开县委常委会会议。\n\n### 一、抓好安全生产\n\n会议要求，严格落实安全生产责任。\n\n## 县政府召开常务会议\n\n## ——记县政府第9次常务会议\n\n12月29日，县长王立新主持召开县政府常务会议。"
	p := pipeline(t, nil)
	var arts []*ingest.Article
	if err := p.ReadFrom(context.Background(), strings.NewReader(page), "p.md", false, func(a *ingest.Article) error {
		arts = append(arts, a)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(arts) != 2 || arts[0].Title != "县委召开常委会会议" || !strings.HasPrefix(arts[1].Text, "——记") || arts[0].Published != "2025-12-30" || arts[0].ID != "article/青川日报/2025-12-30/县委召开常委会会议" {
		t.Fatalf("articles %+v", arts)
	}
	if !strings.Contains(arts[0].Text, "一、抓好安全生产\n会议要求") {
		t.Errorf("subheading not kept as its own paragraph: %q", arts[0].Text)
	}
	f, err := p.Facts(arts[1])
	if err != nil {
		t.Fatal(err)
	}
	if s := summarise(f); len(s.events) != 1 || s.events[0].date != "2025-12-29" {
		t.Errorf("events %+v", s.events)
	}
}

func TestWeakYear(t *testing.T) {
	got := factsOf(t, "# 甲\n\n3月4日，县委书记李青山主持召开县委常委会会议。会议指出，2026年是“十五五”开局之年。", nil)[0]
	if len(got.events) != 1 || got.events[0].date != "2026-03-04" {
		t.Errorf("events %+v, want the date with the only year the page mentions", got.events)
	}
}

func TestEventNames(t *testing.T) {
	for _, tc := range []struct{ page, name string }{
		{"# 甲\n\n3月5日，市委常委会召开会议，研究部署春耕工作。", "市委常委会会议"},
		{"# 乙\n\n3月5日上午，县委书记李青山主持召开县委理论学习中心组学习会。", "县委理论学习中心组学习会"},
		{"# 丙\n\n3月5日，2026年全县项目建设现场推进会在白鹭镇召开。", "2026年全县项目建设现场推进会"},
		{"# 丙二\n\n3月5日，县委常委会召开（扩大）会议，传达学习全会精神。", "县委常委会（扩大）会议"},
		{"# 丙三\n\n3月5日，县委理论学习中心组召开2026年第2次集体学习会。县委书记马骏主持并讲话。", "2026年第2次集体学习会"},
		{"# 戊县长主持会议\n\n3月5日，县长丁立主持召开会议，研究春耕。", "戊县长主持会议"},
		{"# 己\n\n3月5日，县长丁立主持召开县政府常务会议并讲话。", "县政府常务会议"},
		{"# 丁县长调研春耕\n\n3月5日，县长丁立调研春耕生产工作。", "丁县长调研春耕"},
	} {
		got := factsOf(t, tc.page, &ingest.Options{Year: 2026})[0]
		if len(got.events) != 1 || got.events[0].name != tc.name {
			t.Errorf("events %+v, want one named %s", got.events, tc.name)
		}
	}
}

func TestLongLeads(t *testing.T) {
	s := factsOf(t, "# 市长孙海涛来我县调研工业经济\n\n4月3日，市委副书记、市长孙海涛率市发展改革委、市工业和信息化局、市商务局主要负责同志到我县调研工业经济运行情况，县委书记马骏，县委副书记、县长尹志刚陪同。\n\n孙海涛一行先后来到中国农业银行青河县支行、青河县白鹭镇，青河县白鹭镇党委书记陈刚介绍了镇村建设情况，中国农业银行青河县支行行长刘洋汇报了金融服务情况。", &ingest.Options{Year: 2026})[0]
	e := s.events[0]
	for _, o := range []string{"市发展改革委", "市工业和信息化局", "市商务局", "中国农业银行青河县支行"} {
		if e.orgs[o] == "" {
			t.Errorf("participating %v lack %s", e.orgs, o)
		}
	}
	if !reflect.DeepEqual(s.people["陈刚"], []string{"青河县白鹭镇党委书记"}) || len(e.attendees) != 5 {
		t.Errorf("people %v attendees %v", s.people, e.attendees)
	}
	s = factsOf(t, "# 全市文旅大会开幕\n\n本报讯 5月6日，全市文旅大会开幕。省委常委、市委书记张国华，市委副书记、市长李强，市人大常委会主任王建军，市政协主席赵明等出席开幕式。会议由市委副书记杜明远主持，市人大常委会副主任李华、市政协副主席王红梅出席。市委常委、组织部部长黄敏宣读表彰决定。", &ingest.Options{Year: 2026})[0]
	e = s.events[0]
	if e.name != "全市文旅大会" || !reflect.DeepEqual(e.chairs, []string{"杜明远"}) || len(e.attendees) != 7 {
		t.Errorf("event %+v", e)
	}
	if !reflect.DeepEqual(s.people["黄敏"], sorted("市委常委", "市委组织部部长")) || !reflect.DeepEqual(s.people["张国华"], sorted("省委常委", "市委书记")) {
		t.Errorf("people %v", s.people)
	}
}

func TestQuotedProgrammes(t *testing.T) {
	got := factsOf(t, "# 甲\n\n2月1日，县长王立新主持召开会议。会议要求，深化“一网通办”改革，探索推进“一证准营集成”。坚持“项目为王”，开展“回头看”。", &ingest.Options{Year: 2026})[0]
	if want := sorted("一网通办改革", "一证准营集成"); !reflect.DeepEqual(got.projects, want) {
		t.Errorf("projects %v, want %v", got.projects, want)
	}
}

func TestPeopleWithoutTitles(t *testing.T) {
	got := factsOf(t, "# 甲\n\n2月1日，县里召开劳动模范座谈会。县长王立新主持会议，全国劳动模范张建华、种粮大户刘满仓先后发言。张建华介绍了经验。", &ingest.Options{Year: 2026})[0]
	if _, ok := got.people["张建华"]; !ok {
		t.Errorf("people %v lack 张建华, named without a title", got.people)
	}
	if e := got.events[0]; !has(e.attendees, "张建华") {
		t.Errorf("attendees %v", e.attendees)
	}
}

func TestOrganisationEdges(t *testing.T) {
	got := factsOf(t, "# 甲\n\n3月22日，县人大常委会会议召开。副县长卢伟铭，县城市管理局、县发展和改革委员会负责同志列席会议。会议要求，推动优质资源向城区北部延伸，青河区举办培训班，加强干部队伍建设。", &ingest.Options{Year: 2026})[0]
	for _, o := range []string{"县城市管理局", "县发展和改革委员会"} {
		if !has(got.orgs, o) {
			t.Errorf("organisations %v lack %s", got.orgs, o)
		}
	}
	for _, o := range got.orgs {
		if strings.Contains(o, "北部") || strings.Contains(o, "举办") || strings.Contains(o, "干部") {
			t.Errorf("organisations %v hold %s", got.orgs, o)
		}
	}
}

func TestGenericEventsStayApart(t *testing.T) {
	p := pipeline(t, &ingest.Options{Year: 2026})
	page := "# 甲\n\n3月5日，县长王立新到白鹭镇调研。随后，王立新主持召开座谈会。\n\n## 乙\n\n3月5日，副县长周立群到青石镇调研。随后，周立群主持召开座谈会。"
	events := map[string]int{}
	_ = p.ReadFrom(context.Background(), strings.NewReader(page), "p.md", false, func(a *ingest.Article) error {
		f, err := p.Facts(a)
		if err != nil {
			return err
		}
		for _, n := range f.Nodes {
			if n.Label == graph.LabelEvent && n.Name == "座谈会" {
				events[n.ID]++
			}
		}
		return nil
	})
	if len(events) != 2 {
		t.Errorf("events %v: two articles' 座谈会 of the same day merged", events)
	}
}

func TestFollowOnInTheLead(t *testing.T) {
	got := factsOf(t, "# 县长王立新调研白鹭镇\n\n3月5日上午，县长王立新到白鹭镇调研乡村振兴工作。随后，王立新主持召开座谈会，听取镇里汇报。", &ingest.Options{Year: 2026})[0]
	if len(got.events) != 2 || got.events[0].name != "县长王立新调研白鹭镇" || got.events[0].kind != "INSPECTION" || got.events[1].name != "座谈会" {
		t.Errorf("events %+v", got.events)
	}
}

func TestNamesBeforeTitles(t *testing.T) {
	got := factsOf(t, "# 甲\n\n3月5日，张启明书记、李卫国县长出席会议。公司总经理介绍情况，党委书记讲话，办公室主任主持。", &ingest.Options{Year: 2026})[0]
	for _, who := range []string{"张启明", "李卫国"} {
		if _, ok := got.people[who]; !ok {
			t.Errorf("people %v lack %s", got.people, who)
		}
	}
	if len(got.people) != 2 {
		t.Errorf("people %v, want two", got.people)
	}
}

func TestRelayedAndPresent(t *testing.T) {
	got := factsOf(t, "# 甲\n\n3月5日，县委召开常委会会议。县委书记马骏出席会议并传达了省委全会精神。会议学习了省委书记郑国华在全省大会上的讲话精神。", &ingest.Options{Year: 2026})[0]
	if e := got.events[0]; !reflect.DeepEqual(e.attendees, []string{"马骏"}) {
		t.Errorf("attendees %v, want 马骏 only", e.attendees)
	}
}

func TestMoreBodies(t *testing.T) {
	got := factsOf(t, "# 甲\n\n3月5日，县委党校、团县委、县人民法院白鹭人民法庭负责同志参加会议。", &ingest.Options{Year: 2026})[0]
	for _, o := range []string{"县委党校", "团县委", "县人民法院白鹭人民法庭"} {
		if !has(got.orgs, o) {
			t.Errorf("organisations %v lack %s", got.orgs, o)
		}
	}
}

func TestEnterpriseAndProvince(t *testing.T) {
	s := factsOf(t, "# 青禾集团召开2026年度工作会议\n\n本报讯（通讯员 罗佳）1月18日，青禾集团有限公司召开2026年度工作会议暨职工代表大会。集团党委书记、董事长许文博作工作报告，集团党委副书记、总经理蔡宁主持会议。\n\n许文博强调，要深入实施“数字青禾”战略，加快推进青禾现代农业产业园项目建设。", &ingest.Options{Year: 2026})[0]
	if want := sorted("青禾集团有限公司党委副书记", "青禾集团有限公司总经理"); !reflect.DeepEqual(s.people["蔡宁"], want) {
		t.Errorf("posts of 蔡宁 %v, want %v", s.people["蔡宁"], want)
	}
	if e := s.events[0]; e.orgs["青禾集团有限公司"] == "" || !reflect.DeepEqual(e.chairs, []string{"蔡宁"}) || !reflect.DeepEqual(s.projects, []string{"青禾现代农业产业园项目"}) {
		t.Errorf("event %+v projects %v", e, s.projects)
	}
	s = factsOf(t, "# 省政府与华北电力大学签署战略合作协议\n\n新华社石家庄6月3日电（记者 郑远）3日，河北省人民政府与华北电力大学在石家庄签署战略合作协议。省委副书记、省长王正谱，华北电力大学党委书记、校长杨勇平出席签约仪式并讲话。副省长时清霜主持签约仪式。", &ingest.Options{Year: 2026})[0]
	e := s.events[0]
	if e.date != "2026-06-03" || e.kind != "SIGNING" || e.orgs["河北省人民政府"] == "" || e.orgs["华北电力大学"] == "" || !reflect.DeepEqual(e.chairs, []string{"时清霜"}) {
		t.Errorf("event %+v", e)
	}
	if want := sorted("华北电力大学党委书记", "华北电力大学校长"); !reflect.DeepEqual(s.people["杨勇平"], want) {
		t.Errorf("posts of 杨勇平 %v", s.people["杨勇平"])
	}
}

func TestFactoriesAndFarms(t *testing.T) {
	got := factsOf(t, "# 甲\n\n3月5日，青河县国营林场、县酒厂负责同志参加会议，县酒厂厂长孙德胜发言。", &ingest.Options{Year: 2026})[0]
	for _, o := range []string{"青河县国营林场", "县酒厂"} {
		if !has(got.orgs, o) {
			t.Errorf("organisations %v lack %s", got.orgs, o)
		}
	}
	if !reflect.DeepEqual(got.people["孙德胜"], []string{"县酒厂厂长"}) {
		t.Errorf("people %v", got.people)
	}
}

func TestVisitingBody(t *testing.T) {
	got := factsOf(t, "# 省人大常委会调研组来我县调研\n\n5月8日，省人大常委会调研组来我县调研乡村振兴促进法贯彻实施情况。县人大常委会主任毛建军陪同。", &ingest.Options{Year: 2026})[0]
	if e := got.events[0]; e.orgs["省人大常委会调研组"] == "" {
		t.Errorf("participating %v lack the visiting body", e.orgs)
	}
}

func TestAreasAreNoBodies(t *testing.T) {
	got := factsOf(t, "# 甲\n\n5月6日，青河区区长赵明远出席会议。", &ingest.Options{Year: 2026})[0]
	if has(got.orgs, "青河区") {
		t.Errorf("organisations %v hold an area", got.orgs)
	}
}

func TestDeeperArticleHeadings(t *testing.T) {
	page := "### 县委召开常委会会议\n\n12月29日下午，县委书记李青山主持召开县委常委会会议。\n\n#### 一、抓好安全生产\n\n会议要求，严格落实安全生产责任。\n\n### 县政府召开常务会议\n\n12月29日，县长王立新主持召开县政府常务会议。"
	var titles []string
	if err := pipeline(t, nil).ReadFrom(context.Background(), strings.NewReader(page), "p.md", false, func(a *ingest.Article) error {
		titles = append(titles, a.Title)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(titles, "|") != "县委召开常委会会议|县政府召开常务会议" {
		t.Errorf("titles %v", titles)
	}
}

func TestBoldTitles(t *testing.T) {
	page := "**县委召开常委会会议**\n\n**本报讯（记者 吴桐）**12月29日下午，县委书记李青山主持召开县委常委会会议。\n\n**县政府召开常务会议**\n\n12月29日，县长王立新主持召开县政府常务会议。"
	var titles []string
	if err := pipeline(t, nil).ReadFrom(context.Background(), strings.NewReader(page), "p.md", false, func(a *ingest.Article) error {
		titles = append(titles, a.Title)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(titles, "|") != "县委召开常委会会议|县政府召开常务会议" {
		t.Errorf("titles %v", titles)
	}
}

// A project's name starts after the verbs and particles a left scan takes
// in (标志着, 用于), joins a route to its voltage across ±, and is no count
// of things, no sport's event and no run of descriptors before a head
// (rule 5.2). The sentences are written for this test.
func TestProjectEdges(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string // projects that must be found
		not  []string // projects that must not
	}{
		{"5月6日，青岚大桥主体工程完工，标志着白鹭河特大桥主体工程全部完成。", []string{"青岚大桥主体工程", "白鹭河特大桥主体工程"}, []string{"标志着白鹭河特大桥主体工程", "着白鹭河特大桥主体工程"}},
		{"5月6日，白岩送青石±800千伏特高压直流输电工程开工。", []string{"白岩送青石±800千伏特高压直流输电工程"}, []string{"800千伏特高压直流输电工程"}},
		{"5月6日，省里下达3亿元专项资金用于青禾县城乡供水一体化工程。", []string{"青禾县城乡供水一体化工程"}, []string{"3亿元专项资金用于青禾县城乡供水一体化工程"}},
		{"5月6日，会议要求加快国家高速公路建设，推进双边合作旗舰项目和对外承包工程。", nil, []string{"国家高速公路", "双边合作旗舰项目", "对外承包工程"}},
		{"5月6日，全省开工建设12条高速公路，新建126处农村供水工程。", nil, []string{"12条高速公路", "全省开工建设12条高速公路", "126处农村供水工程"}},
		{"5月6日，这条铁路为该国两大港口白岩港至青石港铁路的一段，正在建设。", nil, []string{"国两大港口白岩港至青石港铁路", "两大港口白岩港至青石港铁路"}},
		{"5月6日，青禾县运动员夺得女子团体项目金牌。", nil, []string{"女子团体项目"}},
		// a count or a batch before the head is a class (rule 5.2)
		{"5月6日，青岚177个项目集中开工。", nil, []string{"青岚177个项目"}},
		{"5月6日，白鹭队在女子双人双桨两个项目中夺得冠军。", nil, []string{"女子双人双桨两个项目"}},
		{"5月6日，国家第一批风光基地项目在青岚开工。", nil, []string{"国家第一批风光基地项目"}},
		{"5月6日，首个万吨级光伏制氢示范项目在青岚开工。", nil, []string{"首个万吨级光伏制氢示范项目"}},
		// a part of a structure's works, with no name of its own
		{"5月6日，青岚至白鹭高速铁路的车站土建工程全部完成。", []string{"青岚至白鹭高速铁路"}, []string{"车站土建工程"}},
		{"5月6日，会议要求加快农村供水工程改造，推进国家水网骨干工程建设。", nil, []string{"农村供水工程", "国家水网骨干工程"}},
		// an activity held is the event itself; one launched is a programme
		{"5月6日，白鹭河水周主会场活动在青岚举行。", nil, []string{"白鹭河水周主会场活动"}},
		{"5月6日，青岚市举行全国“安全月”活动启动仪式。", []string{"全国安全月活动"}, nil},
		// a name runs on past the head: a plan, a body, a document
		{"5月6日，青岚“扬帆”行动计划启动，2027年行动计划推出30项活动。", nil, []string{"2027年行动"}},
		{"5月6日，火炬传递在青岚学院及白鹭信息工程大学举行。", nil, []string{"青岚学院及白鹭信息工程", "白鹭信息工程"}},
		{"5月6日，会议发布《白鹭河倡议》。", nil, []string{"白鹭河倡议"}},
		{"5月6日，韩明来到白鹭公园，考察青岚片区白鹭公园项目规划建设情况。", []string{"青岚片区白鹭公园项目"}, nil},
		// a line joined to the one built is no project, nor part of its name
		{"5月6日，白岩至青石铁路开工建设。白青铁路北接青岚铁路，南连白鹭铁路。", []string{"白岩至青石铁路"}, []string{"白青铁路北接青岚铁路", "青岚铁路"}},
		// verbs of support before an initiative; a place starting with a lead's character stays
		{"5月6日，双方愿积极践行全球繁荣倡议。", []string{"全球繁荣倡议"}, []string{"践行全球繁荣倡议"}},
		{"5月6日，青岚市要用好“我为群众办实事”实践活动的经验。", []string{"我为群众办实事实践活动"}, []string{"用好我为群众办实事实践活动"}},
		{"5月6日，韩明考察了同江白鹭河铁路大桥的建设情况。", []string{"同江白鹭河铁路大桥"}, nil},
		{"5月6日，双方表示，共建“一带一路”这一倡议成果丰硕。", []string{"一带一路"}, []string{"一带一路这一倡议"}},
		{"5月6日，人社部启动实施百日千人网络招聘专项行动。", []string{"百日千人网络招聘专项行动"}, nil},
		{"5月6日，预计整个工程将于2027年完工，青岚将建设更多惠民工程。", nil, []string{"预计整个工程", "整个工程", "更多惠民工程"}},
		{"5月6日，会议要求推进城乡基础设施和公共服务补短板项目。", nil, []string{"城乡基础设施和公共服务补短板项目", "公共服务补短板项目"}},
		{"5月6日，青岚县运动员在男子1000米短道速滑项目上获得突破。", nil, []string{"男子1000米短道速滑项目"}},
		{"5月6日，七部门联合部署2026年全国农资打假专项治理行动。", []string{"2026年全国农资打假专项治理行动"}, []string{"部署2026年全国农资打假专项治理行动"}},
		{"5月6日，会议要求实施老旧小区改造工程，推进青岚县棚户区改造工程。", []string{"青岚县棚户区改造工程"}, []string{"老旧小区改造工程"}},
	} {
		got := factsOf(t, "# 甲\n\n"+tc.text, &ingest.Options{Year: 2026})[0]
		for _, p := range tc.want {
			if !has(got.projects, p) {
				t.Errorf("%s: projects %v lack %s", tc.text, got.projects, p)
			}
		}
		for _, p := range tc.not {
			if has(got.projects, p) {
				t.Errorf("%s: projects %v hold %s", tc.text, got.projects, p)
			}
		}
	}
}

// A closing bracket that holds no names credits no one: a word, a title,
// a place or a note is not a byline.
func TestClosingBracketsThatNameNoOne(t *testing.T) {
	for _, tail := range []string{"(完)", "（资料图）", "(主任)", "（青河县）", "(据青川日报)", "（关切）"} {
		page := "# 甲\n\n3月2日上午，县委书记李青山主持会议。" + tail
		got := factsOf(t, page, &ingest.Options{Year: 2026})[0]
		if len(got.reporters) != 0 {
			t.Errorf("%s: reporters %v, want none", tail, got.reporters)
		}
	}
}
