// Package gen generates corpora in the genre of kg's seed: pages of a
// Chinese local daily's meeting reports, each page a few articles about one
// district or county of an invented city, with the facts planted in them
// written beside each page in the gold format of the shared corpus
// (X.md beside X.gold.json), so that a scale run can also be scored.
//
// Generation is deterministic: the same Options give byte-identical pages.
// Pages are produced one at a time, so a corpus of any size is written with
// memory bounded by the size of the invented world (which grows slowly with
// the number of articles), not by the corpus.
package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// The event kinds the generator can plant; Options.Kinds selects among
// them. The gold's "kind" field carries the same word.
const (
	KindMeeting        = "meeting"        // a meeting someone chairs, with reports and discussed projects
	KindConvened       = "convened"       // a meeting a body or area convenes (gold kind "meeting")
	KindInspection     = "inspection"     // a leader's inspection tour with companions and visited sites
	KindSymposium      = "symposium"      // a 座谈 or 会见 with a company's delegation
	KindSigning        = "signing"        // a project signing ceremony
	KindTraining       = "training"       // a training course over two days
	KindGroundbreaking = "groundbreaking" // a collective groundbreaking of projects
)

// Kinds lists every event kind the generator plants, in a fixed order.
var Kinds = []string{KindMeeting, KindConvened, KindInspection, KindSymposium, KindSigning, KindTraining, KindGroundbreaking}

// Options configures a Generator. The zero value of a field means its
// default.
type Options struct {
	// Seed selects the corpus; the same seed and options give the same pages.
	Seed uint64
	// Articles is the number of articles (default 1000).
	Articles int
	// PerPage is the number of articles on a page file (default 6).
	PerPage int
	// Year is the year of every date (default 2026); the text writes it in
	// meeting names and plans, never in the dates themselves.
	Year int
	// Kinds restricts the planted events to these kinds (see Kinds); empty
	// means all.
	Kinds []string
	// Traps plants identity traps, which the gold's person ids resolve:
	// officials of different units who share a name (in different bodies,
	// and deputies with the same title in two places), a head who shares
	// the secretary's surname (郁书记 and 郁区长 on one page), a mid-year
	// reshuffle that moves people between posts, and many counties, each
	// writing its own 县委书记. Without it the corpus is what it was before
	// traps existed, byte for byte.
	Traps bool
}

// Gold is a page's planted facts, in the format of the shared corpus's
// X.gold.json files.
type Gold struct {
	File     string        `json:"file"`
	Articles []GoldArticle `json:"articles"`
}

// GoldArticle is the facts of one article.
type GoldArticle struct {
	Title         string       `json:"title"`
	Reporters     []string     `json:"reporters"`
	People        []GoldPerson `json:"people"`
	Organisations []string     `json:"organisations"`
	Projects      []string     `json:"projects"`
	Events        []GoldEvent  `json:"events"`
}

// GoldPerson is a named person and the posts the article gives them. ID
// tells who the person is across articles: two mentions are the same
// person exactly when their IDs are equal, whatever their names and posts.
// It is an extra field of the shared gold format, which kgscore ignores.
type GoldPerson struct {
	Name  string   `json:"name"`
	Posts []string `json:"posts"`
	ID    string   `json:"id"`
}

// GoldEvent is a reported, dated event and its participants.
type GoldEvent struct {
	Name                   string   `json:"name"`
	Date                   string   `json:"date"`
	EndDate                *string  `json:"end_date"`
	PartOfDay              *string  `json:"part_of_day"`
	Kind                   string   `json:"kind"`
	Chairs                 []string `json:"chairs"`
	Attendees              []string `json:"attendees"`
	Organisations          []string `json:"organisations"`
	ReportingOrganisations []string `json:"reporting_organisations"`
	Projects               []string `json:"projects"`
}

// Page is one generated page file: its name (page-000001.md), its Markdown
// text and its gold.
type Page struct {
	Name string
	Text string
	Gold Gold
}

// Generator produces the pages of one corpus in order.
type Generator struct {
	opts  Options
	rng   *rand.Rand
	w     *world
	page  int // pages produced
	done  int // articles produced
	kinds []string
	moved bool // the reshuffle of Options.Traps is done
}

// New returns a Generator for opts (nil means defaults). It returns an
// error for a negative size or an unknown kind.
func New(opts *Options) (*Generator, error) {
	o := Options{}
	if opts != nil {
		o = *opts
	}
	if o.Articles < 0 || o.PerPage < 0 || o.Year < 0 {
		return nil, fmt.Errorf("gen: negative option in %+v", o)
	}
	if o.Articles == 0 {
		o.Articles = 1000
	}
	if o.PerPage == 0 {
		o.PerPage = 6
	}
	if o.Year == 0 {
		o.Year = 2026
	}
	kinds := Kinds
	if len(o.Kinds) > 0 {
		for _, k := range o.Kinds {
			if !contains(Kinds, k) {
				return nil, fmt.Errorf("gen: unknown kind %q (want one of %s)", k, strings.Join(Kinds, ", "))
			}
		}
		kinds = o.Kinds
	}
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	g := &Generator{opts: o, rng: rng, kinds: kinds}
	g.w = newWorld(rng, o.Articles, o.Traps)
	return g, nil
}

// Next returns the next page, or nil when the corpus is complete.
func (g *Generator) Next() *Page {
	if g.done >= g.opts.Articles {
		return nil
	}
	if g.opts.Traps && !g.moved && g.done >= g.opts.Articles/2 {
		g.w.reshuffle()
		g.moved = true
	}
	g.page++
	u := g.w.units[(g.page-1)%len(g.w.units)]
	n := min(g.opts.PerPage, g.opts.Articles-g.done)
	name := fmt.Sprintf("page-%06d.md", g.page)
	pg := &Page{Name: name, Gold: Gold{File: name}}
	var sb strings.Builder
	breakAt := g.rng.IntN(n) // the article that gets a page-break split
	for i := 0; i < n; i++ {
		a := g.article(u, i == breakAt)
		if i == 0 {
			sb.WriteString("\n# ")
		} else {
			sb.WriteString("\n## ")
		}
		sb.WriteString(a.gold.Title)
		sb.WriteString("\n\n")
		sb.WriteString(a.text())
		pg.Gold.Articles = append(pg.Gold.Articles, a.gold)
		g.done++
	}
	pg.Text = sb.String()
	return pg
}

// date returns the date of the next article: the year's days are spread
// over the corpus in order.
func (g *Generator) date() time.Time {
	day := 1 + g.done*360/g.opts.Articles
	return time.Date(g.opts.Year, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, day)
}

func (g *Generator) pick(xs []string) string { return xs[g.rng.IntN(len(xs))] }

func (g *Generator) chance(p float64) bool { return g.rng.Float64() < p }

// article writes one article about unit u with one planted event.
func (g *Generator) article(u *unit, split bool) *article {
	a := &article{g: g, u: u, seen: map[*person]bool{}, orgs: map[string]bool{}, projs: map[string]bool{}, split: split}
	a.gold.Reporters, a.gold.People, a.gold.Organisations, a.gold.Projects, a.gold.Events = []string{}, []GoldPerson{}, []string{}, []string{}, []GoldEvent{}
	a.byline()
	switch kind := g.pick(g.kinds); kind {
	case KindMeeting:
		a.meeting()
	case KindConvened:
		a.convened()
	case KindInspection:
		a.inspection()
	case KindSymposium:
		a.symposium()
	case KindSigning:
		a.signing()
	case KindTraining:
		a.training()
	case KindGroundbreaking:
		a.groundbreaking()
	}
	return a
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
