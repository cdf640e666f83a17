package schema_test

import (
	"strings"
	"testing"

	"github.com/kgproject/kg/graph"
)

// The questions of the analysts' issue, on the seed page.

func TestPath(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		s := mustSchema(t, st, nil)
		type path struct {
			Path *struct {
				Length int
				Nodes  []struct{ ID, Label, Name string }
				Edges  []struct {
					Type, Source, Target string
					Evidence             []struct{ Sentence string }
				}
			}
		}
		var any4 path
		decode(t, do(t, s, `{ path(from: "person/钱辉", to: "org/市委督导组") { length nodes { name } edges { type } } }`, nil), &any4)
		if any4.Path == nil || any4.Path.Length > 4 || any4.Path.Length < 1 {
			t.Fatalf("path 钱辉 to 市委督导组 = %+v, want at most 4 hops", any4.Path)
		}
		var roles path
		decode(t, do(t, s, `{ path(from: "person/钱辉", to: "org/市委督导组", relations: [ATTENDED, CHAIRED, PARTICIPATED]) {
			length nodes { id label name } edges { type source target evidence { sentence } } } }`, nil), &roles)
		p := roles.Path
		if p == nil {
			t.Fatal("no path along ATTENDED, CHAIRED, PARTICIPATED")
		}
		var names []string
		for _, n := range p.Nodes {
			names = append(names, n.Name)
		}
		if got, want := strings.Join(names, " → "), "钱辉 → 高新区领导与中信银行焦作分行客人座谈 → 吕沛 → 全区安全稳定工作会议 → 市委督导组"; got != want {
			t.Errorf("path = %s, want %s", got, want)
		}
		if p.Length != 4 || len(p.Edges) != 4 {
			t.Fatalf("length %d with %d edges, want 4", p.Length, len(p.Edges))
		}
		for i, e := range p.Edges {
			a, b := p.Nodes[i].ID, p.Nodes[i+1].ID
			if !(e.Source == a && e.Target == b || e.Source == b && e.Target == a) {
				t.Errorf("edge %d %s %s->%s does not join %s and %s", i, e.Type, e.Source, e.Target, a, b)
			}
			if len(e.Evidence) == 0 {
				t.Errorf("edge %d has no evidence", i)
			}
		}
		var none path
		r := do(t, s, `{ path(from: "person/钱辉", to: "org/市委督导组", maxHops: 2) { length } }`, nil)
		decode(t, r, &none)
		if none.Path != nil {
			t.Errorf("path within 2 hops = %+v, want null", none.Path)
		}
		r = do(t, s, `{ path(from: "person/无此人", to: "org/市委督导组") { length } }`, nil)
		if len(r.Errors) == 0 || !strings.Contains(r.Errors[0].Message, "无此人") {
			t.Errorf("path from a missing node: errors %+v, want one naming it", r.Errors)
		}
	})
}

func TestCoParticipants(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		s := mustSchema(t, st, nil)
		var got struct {
			Person struct {
				CoParticipants []struct {
					Person struct{ Name string }
					Count  int
					Events []struct{ Date string }
				}
			}
		}
		decode(t, do(t, s, `{ person(name: "吕沛") { coParticipants(first: 3) { person { name } count events { date } } } }`, nil), &got)
		cs := got.Person.CoParticipants
		if len(cs) == 0 || cs[0].Person.Name != "宫卫红" || cs[0].Count != 3 || len(cs[0].Events) != 3 {
			t.Fatalf("coParticipants of 吕沛 = %+v, want 宫卫红 first with 3 shared events", cs)
		}
		if len(cs) > 3 {
			t.Errorf("first: 3 gave %d", len(cs))
		}
		for i := 1; i < len(cs); i++ {
			if cs[i].Count > cs[i-1].Count {
				t.Errorf("not ranked by count: %+v", cs)
			}
		}
	})
}

func TestSearch(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		s := mustSchema(t, st, nil)
		var got struct {
			Search []struct {
				Node struct {
					Typename string `json:"__typename"`
					Name     string
				}
				Score float64
			}
		}
		decode(t, do(t, s, `{ search(text: "高新区党工委") { node { __typename name } score } }`, nil), &got)
		if len(got.Search) == 0 || got.Search[0].Node.Name != "高新区（示范区）党工委" || got.Search[0].Node.Typename != "Organisation" {
			t.Fatalf("search 高新区党工委 = %+v, want 高新区（示范区）党工委 first", got.Search)
		}
		decode(t, do(t, s, `{ search(text: "吕沛", types: [EVENT]) { node { __typename name } score } }`, nil), &got)
		for _, h := range got.Search {
			if h.Node.Typename != "Event" {
				t.Errorf("types: [EVENT] found a %s", h.Node.Typename)
			}
		}
	})
}

func TestNeighbourhood(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		s := mustSchema(t, st, nil)
		r := do(t, s, `{ events(filter: {kinds: [SYMPOSIUM]}) { nodes { id } } }`, nil)
		var symposia struct {
			Events struct{ Nodes []struct{ ID string } }
		}
		decode(t, r, &symposia)
		if len(symposia.Events.Nodes) != 1 {
			t.Fatalf("want the 座谈 as the one symposium: %s", r.Data)
		}
		id := symposia.Events.Nodes[0].ID
		var n struct {
			Neighbourhood struct {
				Nodes []struct{ ID, Label, Name string }
				Edges []struct{ Source, Target string }
			}
		}
		decode(t, do(t, s, `query($id: ID!) { neighbourhood(id: $id) { nodes { id label name } edges { source target } } }`, map[string]any{"id": id}), &n)
		names := map[string]bool{}
		ids := map[string]bool{}
		for _, x := range n.Neighbourhood.Nodes {
			names[x.Name] = true
			ids[x.ID] = true
		}
		for _, want := range []string{"吕沛", "宫卫红", "钱辉", "中信银行焦作分行"} {
			if !names[want] {
				t.Errorf("neighbourhood of the 座谈 lacks %s", want)
			}
		}
		for _, e := range n.Neighbourhood.Edges {
			if !ids[e.Source] || !ids[e.Target] {
				t.Errorf("edge %s->%s leaves the subgraph", e.Source, e.Target)
			}
		}
		for _, q := range []string{
			`{ neighbourhood(id: "person/吕沛", depth: 9) { nodes { id } } }`,
			`{ neighbourhood(id: "person/吕沛", depth: 0) { nodes { id } } }`,
			`{ neighbourhood(id: "person/吕沛", limit: 0) { nodes { id } } }`,
		} {
			r = do(t, s, q, nil)
			if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
				t.Errorf("%s: errors %+v, want bad input", q, r.Errors)
			}
		}
	})
}

func TestTimelineAndFilters(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		s := mustSchema(t, st, nil)
		var got struct {
			Person struct {
				Timeline []struct {
					Role  string
					Event struct{ Date string }
				}
				EventCount int
				Chaired    int
			}
			Events struct{ TotalCount int }
			People struct {
				Nodes []struct{ Name string }
			}
			Organisation struct {
				People []struct {
					Person struct{ Name string }
					Post   struct{ Name string }
				}
			}
		}
		decode(t, do(t, s, `{
			person(name: "吕沛") { timeline(from: "2026-01-14", to: "2026-01-15") { role event { date } } eventCount chaired: eventCount(role: CHAIR) }
			events(filter: {person: "person/吕沛", role: CHAIR, from: "2026-01-13", to: "2026-01-13"}) { totalCount }
			people(filter: {event: "`+"event/2026-01-13/高新区领导与中信银行焦作分行客人座谈"+`"}) { nodes { name } }
			organisation(name: "高新区（示范区）党工委") { people { person { name } post { name } } }
		}`, nil), &got)
		tl := got.Person.Timeline
		if len(tl) != 2 || tl[0].Event.Date != "2026-01-14" || tl[1].Event.Date != "2026-01-15" {
			t.Errorf("timeline 01-14..01-15 = %+v, want the two events of those days in order", tl)
		}
		if got.Person.EventCount < got.Person.Chaired || got.Person.Chaired == 0 {
			t.Errorf("eventCount %d, chaired %d", got.Person.EventCount, got.Person.Chaired)
		}
		if got.Events.TotalCount == 0 {
			t.Error("no event 吕沛 chaired on 2026-01-13")
		}
		var names []string
		for _, p := range got.People.Nodes {
			names = append(names, p.Name)
		}
		if j := strings.Join(names, " "); !strings.Contains(j, "钱辉") || !strings.Contains(j, "宫卫红") {
			t.Errorf("people at the 座谈 = %s", j)
		}
		holders := map[string]string{}
		for _, h := range got.Organisation.People {
			holders[h.Post.Name] = h.Person.Name
		}
		if holders["高新区（示范区）党工委书记"] != "吕沛" {
			t.Errorf("the 党工委's people = %+v, want 吕沛 as 书记", got.Organisation.People)
		}
	})
}

func TestRelationEvidence(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		s := mustSchema(t, st, nil)
		var got struct {
			Events struct {
				Nodes []struct {
					Participants []struct {
						Person       struct{ Name string }
						Role         string
						SupportCount int
						Evidence     []struct {
							Sentence string
							Start    int
							End      int
							Article  struct{ ID, Text string }
						}
					}
				}
			}
			Organisation struct {
				Participations []struct {
					Type, Role string
					Event      struct{ Name string }
				}
			}
		}
		decode(t, do(t, s, `{
			events(filter: {kinds: [SYMPOSIUM]}) { nodes { participants { person { name } role supportCount evidence { sentence start end article { id text } } } } }
			organisation(name: "中信银行焦作分行") { participations { type role event { name } } }
		}`, nil), &got)
		if len(got.Events.Nodes) != 1 || len(got.Events.Nodes[0].Participants) != 3 {
			t.Fatalf("participants of the 座谈 = %+v, want 吕沛, 宫卫红 and 钱辉", got.Events.Nodes)
		}
		for _, p := range got.Events.Nodes[0].Participants {
			if p.SupportCount != 1 || len(p.Evidence) == 0 {
				t.Errorf("%s: support %d, evidence %+v", p.Person.Name, p.SupportCount, p.Evidence)
				continue
			}
			e := p.Evidence[0]
			if got := string([]rune(e.Article.Text)[e.Start:e.End]); got != e.Sentence {
				t.Errorf("%s: the offsets %d..%d give %q, not the sentence %q", p.Person.Name, e.Start, e.End, got, e.Sentence)
			}
		}
		ps := got.Organisation.Participations
		if len(ps) != 1 || ps[0].Type != "PARTICIPATED" || ps[0].Event.Name != "高新区领导与中信银行焦作分行客人座谈" {
			t.Errorf("the bank's participations = %+v", ps)
		}
	})
}

func TestEventsPerMonth(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		s := mustSchema(t, st, nil)
		var got struct {
			All, Chaired []struct {
				Month string
				Count int
			}
		}
		decode(t, do(t, s, `{
			all: eventsPerMonth { month count }
			chaired: eventsPerMonth(filter: {person: "person/吕沛", role: CHAIR, kinds: [MEETING]}) { month count }
		}`, nil), &got)
		if len(got.All) != 1 || got.All[0].Month != "2026-01" || got.All[0].Count != 6 {
			t.Errorf("eventsPerMonth = %+v, want 6 in 2026-01", got.All)
		}
		if len(got.Chaired) != 1 || got.Chaired[0].Count != 5 {
			t.Errorf("meetings 吕沛 chaired per month = %+v, want 5 in 2026-01", got.Chaired)
		}
	})
}

func TestNodeLinks(t *testing.T) {
	s := mustSchema(t, mustOpenSeed(t), nil)
	var got struct {
		Node struct {
			Links []struct {
				Type, Direction string
				Node            struct{ Name string }
				SupportCount    int
			}
		}
	}
	decode(t, do(t, s, `{ node(id: "person/吕沛") { links(types: [HOLDS]) { type direction node { name } supportCount } } }`, nil), &got)
	var posts []string
	for _, l := range got.Node.Links {
		if l.Type != "HOLDS" || l.Direction != "OUTGOING" || l.SupportCount < 1 {
			t.Errorf("link %+v", l)
		}
		posts = append(posts, l.Node.Name)
	}
	if g := strings.Join(posts, " "); !strings.Contains(g, "高新区（示范区）党工委书记") || !strings.Contains(g, "市政协副主席") {
		t.Errorf("吕沛's HOLDS links reach %q", g)
	}
}
