// Package ingest turns pages of Chinese local-government news into graph
// facts (graph.ArticleFacts) and into the typed mentions `kg extract`
// prints.
//
//	p, _ := ingest.NewPipeline(&ingest.Options{Year: 2026})
//	err := p.Read(ctx, []string{"corpus/"}, func(a *ingest.Article) error {
//		f, err := p.Facts(a) // validated facts, ready for graph.Store.PutArticle
//		…
//	})
//
// # Reading
//
// Read takes Markdown/text pages (a # or ## heading starts an article, or
// the page's highest heading level when deeper, or a line bold alone when
// the page has no headings; a
// date masthead such as 2024年1月3日 星期三 before the first heading dates
// the page), JSON lines {"id","text"[,"title","published"|"date"]}, .json
// files holding such objects, and HTML pages (title and block text, via
// golang.org/x/net/html). A short line before the first heading that
// holds a full date is the masthead, whatever stands around it (白岩报
// 2025年10月20日 星期一, 琮州晚报 2025年9月22日 第A03版). Input may be UTF-8 with or without BOM, UTF-16
// with BOM or GB18030, with any line ends. Empty, binary or undecodable
// files, pages without a heading and bad JSON lines are *InputError values
// naming the file (and line); the rest of the run goes on. Paragraphs that
// end without a sentence-final mark were broken by a page break and are
// joined with the next one (贯彻落 / 实 -> 贯彻落实); a line that credits
// the reporters (□记者 张三 通讯员 李四) stays on its own. JSON lines keep
// their text verbatim, since callers give offsets into it.
//
// An article's year is the one it states for the present (a published
// date, 2026年第2次…, 部署2026年重点任务, a year in its headline; not
// 总结2025年… or 2025年度…), else its page's masthead or the latest year
// the page's articles state, else the latest year of the other inputs of
// the same Read call, else the latest year the page or the call mentions
// at all outside retrospective phrases, else Options.Year, else unknown:
// dates then stay unresolved. The clock is never read.
//
// # Extraction
//
// Each article is segmented with gse, loaded with a compact dictionary
// (the frequent words of gse's own dictionary plus the domain words below;
// gse's full dictionary takes seconds to load, this one milliseconds). The
// dictionary segmentation tells where words are, so that a boundary word
// counts only as a whole word (要 in 要素, 构建 across 机构|建设 do not); the
// HMM segmentation groups unknown words such as names (钱辉|座谈). The
// dictionary segmentation of every sentence is computed by the package
// itself from gse's dictionary (the same words as gse's Cut(s, false),
// checked by TestDAGCutterMatchesGSE, at a fraction of its cost); gse's
// HMM cut runs only on the sentences where a name needs it.
//
// Dictionaries, under dict/: surnames (compound ones first), job titles,
// organisation heads (局, 委员会, 有限公司, 党工委 …), bodies commonly named
// without a prefix (党中央, 工信部, 民建 …), boundary words (verbs and
// function words that end a name on its left), and the administrative
// divisions of ../shared/data/gazetteers (provinces, cities, counties).
// The rules, in order:
//
//   - Byline and dateline: 本报讯（记者X 通讯员Y）, 嵘州日报讯（…）, 青岚融媒讯,
//     本报3月28日讯, 新华社…电, □记者 X, 文/图 本报记者 X, 记者 X 报道：, or a
//     closing （记者 X） or credit line (本报记者 X 本报通讯员 Y).
//     Reporters AUTHOR the article; when the byline names the paper or
//     agency (嵘州日报讯, 新华社…电), it is an organisation and its reporters
//     hold the post 记者.
//   - Dates: 1月13日下午, 18日上午 and 本月5日 (month of the dateline or
//     masthead), 3月5日至6日, 九月二十日下午 and 二〇二五年 (Chinese numerals),
//     今天/昨天 against the dateline; 日前/近日 mean no date, and an activity
//     without a date is no event.
//   - People and posts: "organisation + title + name" chains, walked left
//     across 、 and 兼 (市委常委、常务副市长兼市发改委主任林某). Names are a
//     surname and one or two characters, the length chosen by what follows
//     (a verb, a title, punctuation), by the same name elsewhere in the
//     article, or by the segmenter. Shared prefixes are distributed over
//     the chain (高新区（示范区）党工委副书记、管委会主任 -> two posts; 市委常委、
//     政法委书记 -> 市委政法委书记; 枫屿区委副书记、区长 -> 枫屿区区长; a
//     party committee's unit for 党委书记、董事长). Elided organisations are
//     restored only from the article (党工委委员 -> the article's 党工委;
//     副主任 -> the organisation of the 主任; 公司总经理 -> the company last
//     named; 岚禾生物 -> 岚禾生物科技有限公司; 市发改委主任 -> 市发展和改革委员会
//     主任; 农商银行 -> 农村商业银行股份有限公司). 常务 makes any deputy title
//     executive (常务副校长); roles at a meeting (大会执行主席) are no posts; a
//     bare title repeating a post stated with its body adds none (当选的区长).
//     Also: names listed after a
//     post (副区长甲、乙), leaders by name alone (市领导甲、乙 and 甲、乙等市领导),
//     同志, names before a title of address (习近平总书记, 张三书记), and
//     posts created by appointments, elections and dismissals (任命甲为…局长,
//     乙当选为…主席, 免去丙的…职务).
//     References by name + title (刘宁书记) or surname + title (岑主任) are
//     resolved within the article, only when one person fits. People no
//     title introduces come from the tagger of package ner when it is
//     sure enough: a surname, word cuts on both sides, and something only
//     a person does right after (张建华介绍…).
//   - Organisations: spans ending with a head, their left edge found by the
//     boundary words, person names, list marks and the segmenter; proper
//     only with a level word, a place, a known body or an institution's
//     name, never generic (相关企业, 社区日间照料中心) nor an area alone.
//     Leading verbs (叮嘱…) and roles (施工单位…) are no part of the name;
//     every one of a kind (各县区生态环境分局) names none.
//     Lists share their level (区经济发展局、建设管理局 -> 区建设管理局);
//     bodies nested in a meeting, project or longer name do not count (市委
//     in 市委经济工作会议); short forms fold into the fullest form of the
//     article (市发改委 -> 市发展和改革委员会, 区政府 -> 区人民政府, 嵘州银行 ->
//     嵘州银行股份有限公司). Bodies in posts count too.
//   - Projects: names ending with 项目, 工程 (or a 行动 dated, 三年行动, or
//     launched by name, 开展冬春森林防火专项行动), named with a place, a number
//     or a long enough proper part, across 与/及 inside one name (续建配套与
//     现代化改造工程); quoted programmes with their head (“十百千”项目攻坚行动 ->
//     十百千项目攻坚行动, quotes dropped); phase marks kept (（一期）); roads,
//     bridges and lines built without a head noun, in a sentence about
//     building them (琮白高速公路临溪段, 白岩至青石一级公路, 岩溪大桥). Slogans,
//     principles, products and generic phrases (重点项目, “项目为王”理念) are
//     not.
//   - Events: the lead's activity, named from the body (主持召开X, X召开,
//     召开/举行/举办X, X在…举行; a sitting keeps its session's name:
//     X第六次会议举行第三次全体会议 -> X第六次会议第三次全体会议) or else the
//     headline, dated by the lead; follow-on events of the same occasion
//     (随后…主持召开座谈会, 随后召开的座谈会上, 会前/当晚…会见…, 当天下午…, 次日上午…
//     the day after) and later paragraphs
//     opening with a day of their own (4日下午，…主持召开…主任会议).
//     Kind by the name's words. Chairs are those who 主持; attendees every
//     other person present in the event's part of the article, except
//     those whose words are only relayed (…讲话精神; but 马骏出席会议并传达…精神
//     is present), and except appointees and the elected unless present
//     (任命X为…, Y当选为…; X进行了宪法宣誓 is present). Events with generic
//     names (座谈会) are keyed by their
//     article, so that two articles' talks of one day stay apart. Organisations take
//     part through 负责同志/负责人 (attended), as the convener or
//     co-organiser, as signatories, as visited units (施工单位X on the site),
//     as a guest delegation's unit at a talk or an inspection (省X厅厅长Y一行
//     来我县调研), and as the body whose session the event is (市十六届人大常委会
//     第二十二次会议, 政协X县第九届委员会常务委员会第十一次会议); bodies that
//     汇报/通报/作报告 (听取…负责同志的汇报) are REPORTED_AT instead. Projects named in the event's part (not in a
//     据了解 background paragraph) or in its name are DISCUSSED.
//
// Sentences end at 。！？； and line ends, and are at most 1000 code points:
// a longer one (no news sentence, but a hostile page of one 150 KB
// sentence) is split after its last clause mark (，；、：) in the second
// half of that limit, else cut at it, and a clause is at most as long.
// With that limit and per-article indexes of names and positions,
// extraction takes time and memory in proportion to the text
// (TestLongSentencesScaleLinearly).
//
// Every relation carries the sentence that states it, with code-point
// offsets into Article.Text; MENTIONS link the article to every person,
// post, organisation, project, place and event it names. Node IDs come
// from graph.NodeID: people by name, organisations, posts and projects by
// graph.SearchKey of the name (so 高新区党工委 and 高新区（示范区）党工委 are
// one node), events by graph.EventKey.
//
// # Mentions
//
// Extract gives Project, Date and Event mentions from the rules, and
// Person, Title, Organisation and Place mentions from the statistical
// tagger of package ner (trained on real annotated news; on its held-out
// sets, adding the rules' spans of those types lowered precision), or
// from the rules with Options.RulesOnly. On news pages (a byline,
// dateline or masthead, or a dated activity; not JSON lines), the genre the
// rules are made for, the rules' spans win
// where they overlap the tagger's, and the tagger's own organisations and
// places need backing: a head word, a known body, a name the rules found,
// the gazetteer, a place the article names with its level word, a
// dateline, gse's nt/ns tag, or a level word after a proper stem (not 惠民生
// of 稳增长、惠民生, not 旧小区 of 老旧小区). Each Extraction also lists the
// article's people with their posts and its events with their roles.
//
// # Quality
//
// score_test.go scores Facts against the gold of the pages under testdata/
// with the matching rules of ../shared/eval/kgscore; `go test -run
// TestScoreAgainstGold -v` prints the figures (KG_SCORE_DETAIL=1 adds the
// misses), also for the pages in other house styles under
// testdata/heldout and fresh to fresh9, each written with its
// gold before the rules were tuned on it (../docs/EXTRACTION.md has the
// figures before and after). The rule tests use sentences written for
// them, not the pages.
package ingest
