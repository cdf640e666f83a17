package queries_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/queries"
)

var (
	city      = graph.NodeID(graph.LabelOrganisation, "某市")
	mayor     = graph.NodeID(graph.LabelPost, "某市市长")
	viceMayor = graph.NodeID(graph.LabelPost, "某市副市长")
	zhouMing  = graph.NodeID(graph.LabelPerson, "周明")
	zhengNan  = graph.NodeID(graph.LabelPerson, "郑南")
)

// mustOpenTenure returns a store holding the mayors and deputy mayors of
// 某市: 钱北 mayor until an end stated with its month, 周明 appointed
// after him and followed by 吴亮 after a gap, a misread 周 seen once within
// 周明's tenure, and two deputies appointed together, one of them removed.
func mustOpenTenure(tb testing.TB) *countingStore {
	tb.Helper()
	var arts []*article
	add := func(key, published, text string, holders ...string) {
		a := newArticle(key, published, text)
		for _, h := range holders {
			person, title, _ := strings.Cut(h, "@")
			a.holds(person, title, "某市")
		}
		arts = append(arts, a)
	}
	add("t1", "2020-06-01", "某市市长钱北讲话。", "钱北@市长")
	add("t2", "2023-01-01", "2020年12月，钱北同志不再担任某市市长职务。", "钱北@市长")
	add("t3", "2021-03-01", "会议决定周明为某市市长。", "周明@市长")
	add("t4", "2021-06-01", "某市市长周出席。", "周@市长")
	add("t5", "2021-09-01", "某市市长周明调研。", "周明@市长")
	add("t6", "2022-05-01", "某市市长吴亮主持会议。", "吴亮@市长")
	add("t7", "2022-08-01", "某市市长吴亮出席。", "吴亮@市长")
	add("t8", "2021-02-01", "任命吴东、郑南为某市副市长。", "吴东@副市长", "郑南@副市长")
	add("t9", "2022-03-01", "免去郑南的某市副市长职务。", "郑南@副市长")
	add("t10", "2022-06-01", "某市副市长吴东、郑南出席。", "吴东@副市长", "郑南@副市长")
	return mustStore(tb, arts...)
}

// tenures writes holders as person@title from..to, each bound followed by
// how it was found.
func tenures(hs []queries.Holder) string {
	var out []string
	for _, h := range hs {
		out = append(out, fmt.Sprintf("%s@%s %s", h.Person.Name, h.Post.Title, bounds(h)))
	}
	return strings.Join(out, ", ")
}

func bounds(h queries.Holder) string {
	b := func(x queries.Bound) string {
		if x.Date == "" {
			return "open"
		}
		s := x.Date + "(" + string(x.Kind)
		if x.Family != "" {
			s += " " + x.Family
		}
		if x.Successor != nil {
			s += " " + x.Successor.Name
		}
		return s + ")"
	}
	return b(h.From) + ".." + b(h.To)
}

func TestTenureBounds(t *testing.T) {
	q := queries.New(mustOpenTenure(t))
	got, err := q.OrganisationPeople(context.Background(), []string{city}, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		// Deputies: appointed together, one removed; no successor rule.
		"吴东@副市长 2021-02-01(STATEMENT 任命)..2022-06-01(LAST_EVIDENCE)",
		"郑南@副市长 2021-02-01(STATEMENT 任命)..2022-03-01(STATEMENT 免去)",
		// The end stated with a month is its last day, though said in 2023.
		"钱北@市长 2020-06-01(FIRST_EVIDENCE)..2020-12-31(STATEMENT 不再担任)",
		// 吴亮's start ends 周明's across the gap; 周, seen once within
		// 周明's tenure, ends nothing and is not extended over 周明's.
		"周明@市长 2021-03-01(STATEMENT 任命)..2022-04-30(SUCCESSOR 吴亮)",
		"周@市长 2021-06-01(FIRST_EVIDENCE)..2021-06-01(LAST_EVIDENCE)",
		"吴亮@市长 2022-05-01(FIRST_EVIDENCE)..2022-08-01(LAST_EVIDENCE)",
	}
	if got := tenures(got[city]); got != strings.Join(want, ", ") {
		t.Errorf("holders of 某市:\n%s\nwant\n%s", strings.ReplaceAll(got, ", ", "\n"), strings.Join(want, "\n"))
	}
	for _, h := range got[city] {
		if h.From.Kind == queries.BoundStatement && (h.From.Evidence == nil || !strings.Contains(h.From.Evidence.Sentence, h.Person.Name)) {
			t.Errorf("%s: stated start without its sentence: %+v", h.Person.Name, h.From.Evidence)
		}
	}
}

func TestTenureAsOf(t *testing.T) {
	st := mustOpenTenure(t)
	q := queries.New(st)
	ctx := context.Background()
	for _, tt := range []struct {
		asOf, want string
	}{
		{"2019-12-31", ""},
		{"2020-09-01", "钱北@某市市长"},
		{"2021-01-15", ""},
		{"2021-07-01", "吴东@某市副市长 郑南@某市副市长 周明@某市市长"},
		{"2022-04-01", "吴东@某市副市长 周明@某市市长"},
		{"2022-05-01", "吴东@某市副市长 吴亮@某市市长"},
		{"2022-09-01", ""},
	} {
		if got := peopleAt(t, q, city, tt.asOf); got != tt.want {
			t.Errorf("asOf %s: %q, want %q", tt.asOf, got, tt.want)
		}
	}

	st.calls.Store(0)
	posts, err := q.PostHolders(ctx, []string{mayor, viceMayor}, "2021-07-01")
	if err != nil {
		t.Fatal(err)
	}
	if n := st.calls.Load(); n > 6 {
		t.Errorf("PostHolders made %d store calls, want at most 6", n)
	}
	if got, want := tenures(posts[viceMayor]), "吴东@副市长 2021-02-01(STATEMENT 任命)..2022-06-01(LAST_EVIDENCE), 郑南@副市长 2021-02-01(STATEMENT 任命)..2022-03-01(STATEMENT 免去)"; got != want {
		t.Errorf("deputies asOf 2021-07-01 = %s, want %s", got, want)
	}

	mine, err := q.PersonPosts(ctx, []string{zhouMing, zhengNan}, "2022-04-01")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tenures(mine[zhouMing]), "周明@市长 2021-03-01(STATEMENT 任命)..2022-04-30(SUCCESSOR 吴亮)"; got != want {
		t.Errorf("周明's posts asOf 2022-04-01 = %s, want %s", got, want)
	}
	if got := tenures(mine[zhengNan]); got != "" {
		t.Errorf("郑南's posts asOf 2022-04-01 = %s, want none (removed on 2022-03-01)", got)
	}
}
