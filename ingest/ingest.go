package ingest

import (
	"errors"
	"fmt"
	"runtime/debug"
	"sync"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/ingest/ner"
)

// Options configures a Pipeline; nil means defaults.
type Options struct {
	// Year is the year for dates whose year neither the article nor its
	// context gives; 0 leaves such dates unresolved (no date). The clock is
	// never consulted.
	Year int
	// RulesOnly makes Extract and Facts use the rules alone, without the
	// statistical tagger of package ner (whose model may change).
	RulesOnly bool
	// Workers is the number of articles ReadFacts and Ingest extract at
	// the same time; 0 means GOMAXPROCS.
	Workers int
	// Batch and BatchBytes cap the articles, and the approximate bytes of
	// their facts, that Ingest stores in one transaction of a store that
	// is a graph.BatchWriter; 0 means 256 articles and 8 MB.
	Batch, BatchBytes int
}

// Pipeline reads and extracts articles. It is safe for concurrent use once
// built.
type Pipeline struct {
	year      int
	rulesOnly bool
	lx        *lexicon

	workers, batch, batchBytes int

	taggerOnce sync.Once
	tagger     *ner.Tagger
	taggerErr  error
}

// nerTagger loads the statistical tagger on first use (nil with
// Options.RulesOnly or when its model cannot be loaded).
func (p *Pipeline) nerTagger() *ner.Tagger {
	if p.rulesOnly {
		return nil
	}
	p.taggerOnce.Do(func() { p.tagger, p.taggerErr = ner.Default() })
	if p.taggerErr != nil {
		return nil
	}
	return p.tagger
}

// NewPipeline returns a Pipeline configured by opts (nil means defaults). It
// loads the dictionaries and the segmenter; it returns an error when they
// cannot be loaded.
func NewPipeline(opts *Options) (*Pipeline, error) {
	lx, err := loadLexicon()
	if err != nil {
		return nil, err
	}
	p := &Pipeline{lx: lx}
	if opts != nil {
		p.year = opts.Year
		p.rulesOnly = opts.RulesOnly
		p.workers, p.batch, p.batchBytes = opts.Workers, opts.Batch, opts.BatchBytes
	}
	return p, nil
}

// Article is one article read from an input.
type Article struct {
	// ID is the article's graph node ID ("article/…"): stable for the same
	// input and independent of the text.
	ID string
	// Title is the headline.
	Title string
	// Text is the body after repair; every offset refers to it, in code
	// points.
	Text string
	// Source is the file path, with ":line" for JSON lines.
	Source string
	// Published is the publication date (YYYY-MM-DD) when known.
	Published string
	// InputID is the "id" field of a JSON line, verbatim; empty otherwise.
	InputID string
	// URL, Outlet and Author are the article's address, publisher and
	// byline, when its input says them.
	URL, Outlet, Author string
	// Page names the input the article was read from, the same however
	// the input was reached (see graph.Node.Page); "" for a stream.
	Page string

	// years are those its title and text give, found once when read.
	years textYears

	// pageEnd marks the last article of a page read whole: Ingest then
	// retracts the articles the page held before and holds no longer.
	pageEnd bool
	// Year is the year the article's context gives for dates without one; 0
	// when unknown.
	Year int
}

// InputError is a bad input: it names the file (and line) and the run goes
// on.
type InputError struct {
	Path string // the file, or the name given to ReadFrom
	Line int    // the line of a JSON lines input, 0 for a whole file
	Err  error  // what is wrong with it
}

// Error returns "path:line: message", or "path: message" without a line.
func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

// Unwrap returns the underlying error.
func (e *InputError) Unwrap() error { return e.Err }

// Extraction is what `kg extract` prints for one article.
type Extraction struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Mentions []Mention `json:"mentions"`
	// People are the article's named people with their posts.
	People []ExtractedPerson `json:"people,omitempty"`
	// Events are the activities the article reports, with their roles.
	Events []ExtractedEvent `json:"events,omitempty"`
}

// ExtractedPerson is a person of an Extraction.
type ExtractedPerson struct {
	Name  string   `json:"name"`
	Posts []string `json:"posts,omitempty"`
}

// ExtractedEvent is an event of an Extraction; dates are YYYY-MM-DD.
type ExtractedEvent struct {
	Name          string   `json:"name"`
	Kind          string   `json:"kind"`
	Date          string   `json:"date,omitempty"`
	EndDate       string   `json:"endDate,omitempty"`
	PartOfDay     string   `json:"partOfDay,omitempty"`
	Chairs        []string `json:"chairs,omitempty"`
	Attendees     []string `json:"attendees,omitempty"`
	Organisations []string `json:"organisations,omitempty"`
	Reporting     []string `json:"reportingOrganisations,omitempty"`
	Projects      []string `json:"projects,omitempty"`
}

// Mention is a typed span of Article.Text: Type is one of Person, Title,
// Organisation, Place, Event, Project, Date; Start and End are code-point
// offsets, End exclusive.
type Mention struct {
	Type  string `json:"type"`
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Extract returns the mentions found in a, with its people and events.
// With JSON lines input the ID is the input line's id verbatim.
func (p *Pipeline) Extract(a *Article) *Extraction {
	d := newDoc(p.lx, a)
	d.tagger = p.nerTagger() // the people found are those Facts stores
	d.analyse()
	id := a.ID
	if a.InputID != "" {
		id = a.InputID
	}
	ex := &Extraction{ID: id, Title: a.Title, Mentions: d.mentions(p.nerTagger())}
	for _, pr := range d.persons {
		xp := ExtractedPerson{Name: pr.name}
		for _, ps := range pr.posts {
			xp.Posts = append(xp.Posts, ps.name)
		}
		ex.People = append(ex.People, xp)
	}
	for _, e := range d.events {
		xe := ExtractedEvent{Name: e.name, Kind: e.kind, Date: e.date, EndDate: e.endDate, PartOfDay: e.partOfDay}
		for _, pr := range e.chairs {
			xe.Chairs = append(xe.Chairs, pr.name)
		}
		for _, pr := range e.attendees {
			xe.Attendees = append(xe.Attendees, pr.name)
		}
		for _, o := range d.orgs {
			if _, ok := e.orgRoles[o]; ok {
				xe.Organisations = append(xe.Organisations, o.name)
			}
		}
		for _, o := range e.reporting {
			xe.Reporting = append(xe.Reporting, o.name)
		}
		for _, pj := range e.projects {
			xe.Projects = append(xe.Projects, pj.name)
		}
		ex.Events = append(ex.Events, xe)
	}
	return ex
}

// ErrExtraction means the extractor failed on an article: a fault of kg's,
// not of the input, reported so that the rest of an ingest goes on.
var ErrExtraction = errors.New("ingest: extraction failed")

// Facts turns an article into validated graph facts. Its error wraps
// graph.ErrInvalid when the facts fail validation, and ErrExtraction, with
// the fault and where it arose, when the extractor fails on the article:
// one article never stops an ingest.
func (p *Pipeline) Facts(a *Article) (f *graph.ArticleFacts, err error) {
	defer func() {
		if v := recover(); v != nil {
			f, err = nil, fmt.Errorf("%w on %s (%s): %v\n%s", ErrExtraction, a.ID, a.Source, v, debug.Stack())
		}
	}()
	d := newDoc(p.lx, a)
	d.tagger = p.nerTagger()
	d.analyse()
	f = d.build()
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("ingest: facts of %s: %w", a.ID, err)
	}
	return f, nil
}
