package graph

import (
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Errors returned by Store implementations and by Validate. Backends wrap
// them with context; callers test with errors.Is.
var (
	// ErrNotFound means the node, relation or article asked for does not exist.
	ErrNotFound = errors.New("graph: not found")
	// ErrInvalid means the caller passed facts or a filter that break the model.
	ErrInvalid = errors.New("graph: invalid")
	// ErrConflict means the store refused a write because of concurrent change.
	ErrConflict = errors.New("graph: conflict")
	// ErrUnavailable means the store could not be reached or has been closed.
	ErrUnavailable = errors.New("graph: unavailable")
)

// Label names a kind of node. It is also the node's Neo4j label.
type Label string

// The node labels of the data model.
const (
	LabelPerson       Label = "Person"
	LabelPost         Label = "Post"
	LabelOrganisation Label = "Organisation"
	LabelEvent        Label = "Event"
	LabelProject      Label = "Project"
	LabelPlace        Label = "Place"
	LabelArticle      Label = "Article"
)

// Labels lists every node label in a fixed order.
var Labels = []Label{LabelPerson, LabelPost, LabelOrganisation, LabelEvent, LabelProject, LabelPlace, LabelArticle}

var idPrefix = map[Label]string{
	LabelPerson:       "person",
	LabelPost:         "post",
	LabelOrganisation: "org",
	LabelEvent:        "event",
	LabelProject:      "project",
	LabelPlace:        "place",
	LabelArticle:      "article",
}

// Valid reports whether l is one of the model's labels.
func (l Label) Valid() bool { _, ok := idPrefix[l]; return ok }

// RelType names a kind of relation. It is also the Neo4j relationship type.
type RelType string

// The relation types of the data model.
const (
	RelHolds        RelType = "HOLDS"
	RelOf           RelType = "OF"
	RelChaired      RelType = "CHAIRED"
	RelAttended     RelType = "ATTENDED"
	RelParticipated RelType = "PARTICIPATED"
	RelReportedAt   RelType = "REPORTED_AT"
	RelDiscussed    RelType = "DISCUSSED"
	RelAuthored     RelType = "AUTHORED"
	RelReports      RelType = "REPORTS"
	RelMentions     RelType = "MENTIONS"
)

// RelTypes lists every relation type in a fixed order.
var RelTypes = []RelType{RelHolds, RelOf, RelChaired, RelAttended, RelParticipated, RelReportedAt, RelDiscussed, RelAuthored, RelReports, RelMentions}

// Endpoints gives the labels a relation of type t must join. A nil To means
// any label (MENTIONS).
var Endpoints = map[RelType]struct{ From, To []Label }{
	RelHolds:        {[]Label{LabelPerson}, []Label{LabelPost}},
	RelOf:           {[]Label{LabelPost}, []Label{LabelOrganisation}},
	RelChaired:      {[]Label{LabelPerson}, []Label{LabelEvent}},
	RelAttended:     {[]Label{LabelPerson}, []Label{LabelEvent}},
	RelParticipated: {[]Label{LabelOrganisation}, []Label{LabelEvent}},
	RelReportedAt:   {[]Label{LabelOrganisation}, []Label{LabelEvent}},
	RelDiscussed:    {[]Label{LabelEvent}, []Label{LabelProject}},
	RelAuthored:     {[]Label{LabelPerson}, []Label{LabelArticle}},
	RelReports:      {[]Label{LabelArticle}, []Label{LabelEvent}},
	RelMentions:     {[]Label{LabelArticle}, nil},
}

// Valid reports whether t is one of the model's relation types.
func (t RelType) Valid() bool { _, ok := Endpoints[t]; return ok }

// EventKind classifies events.
type EventKind string

// The kinds of event.
const (
	KindMeeting        EventKind = "MEETING"
	KindInspection     EventKind = "INSPECTION"
	KindSymposium      EventKind = "SYMPOSIUM"
	KindSigning        EventKind = "SIGNING"
	KindGroundbreaking EventKind = "GROUNDBREAKING"
	KindTraining       EventKind = "TRAINING"
	KindElection       EventKind = "ELECTION"
	KindAppointment    EventKind = "APPOINTMENT"
	KindOther          EventKind = "OTHER"
)

// EventKinds lists every event kind in a fixed order.
var EventKinds = []EventKind{KindMeeting, KindInspection, KindSymposium, KindSigning, KindGroundbreaking, KindTraining, KindElection, KindAppointment, KindOther}

// Valid reports whether k is one of the model's event kinds.
func (k EventKind) Valid() bool { return contains(EventKinds, k) }

// Node is a vertex of the graph. Which optional fields a node uses depends
// on its Label (see the package documentation); the others stay empty.
type Node struct {
	ID      string   `json:"id"`
	Label   Label    `json:"label"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`

	// Title is a Post's job title words (书记) or an Article's headline.
	Title string `json:"title,omitempty"`

	Kind      EventKind `json:"kind,omitempty"`
	Date      string    `json:"date,omitempty"`
	EndDate   string    `json:"endDate,omitempty"`
	PartOfDay string    `json:"partOfDay,omitempty"`

	Source    string `json:"source,omitempty"`
	Published string `json:"published,omitempty"`
	// URL, Outlet and Author are an Article's address, the paper, site or
	// programme that published it (白岩日报, 新闻联播) and its byline.
	URL    string `json:"url,omitempty"`
	Outlet string `json:"outlet,omitempty"`
	Author string `json:"author,omitempty"`
	// Page names the input an Article was read from (a file, a stream) in
	// one spelling however it was reached: reading that input again
	// retracts the articles it no longer holds.
	Page string `json:"page,omitempty"`
	Text string `json:"text,omitempty"`

	// Scope is where a node's name identifies it, for names that many
	// places share: the locale (博爱县) or outlet (白岩日报) whose body,
	// post or person a name such as 县委, 县委书记 or 杨明 is there. It is
	// part of such a node's ID, so that the same words of two locales make
	// two nodes, while Name stays the form the articles write. Empty means
	// the name identifies the node on its own (国务院总理, 博爱县委). An
	// Article's Scope is the locale its context gives, empty when none.
	Scope string `json:"scope,omitempty"`
	// ScopeBasis says how an Article's Scope was told: the clue and the
	// words that gave it (dateline 博爱讯, outlet 博爱日报).
	ScopeBasis string `json:"scopeBasis,omitempty"`
}

// Evidence ties a relation to the sentence of an article that states it.
// Start and End are the sentence's offsets in the article text, in Unicode
// code points, End exclusive.
type Evidence struct {
	ArticleID string `json:"article"`
	Sentence  string `json:"sentence"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
}

// Relation is a directed, typed edge with the evidence that supports it.
type Relation struct {
	ID       string     `json:"id"`
	Type     RelType    `json:"type"`
	From     string     `json:"from"`
	To       string     `json:"to"`
	Role     string     `json:"role,omitempty"`
	Evidence []Evidence `json:"evidence"`
}

// Articles returns the IDs of the articles that support r, sorted, once each.
func (r *Relation) Articles() []string {
	var ids []string
	for _, e := range r.Evidence {
		ids = append(ids, e.ArticleID)
	}
	sort.Strings(ids)
	return compact(ids)
}

// ArticleFacts is everything one article contributes to the graph: the
// article node itself, the nodes it supports and the relations it gives
// evidence for. All evidence must name Article.ID.
type ArticleFacts struct {
	Article   Node       `json:"article"`
	Nodes     []Node     `json:"nodes"`
	Relations []Relation `json:"relations"`
}

// NodeID returns the stable ID of the node with the given label and key.
// The key is the node's identifying name (for events, see EventKey). Spaces
// are removed so that layout does not change identity.
func NodeID(label Label, key string) string {
	key = strings.Join(strings.Fields(key), "")
	return idPrefix[label] + "/" + key
}

// EventKey returns the identifying key of an event: its date and name, or,
// for an undated event, the reporting article and name, so that undated
// events of different articles never merge.
func EventKey(date, name, articleID string) string {
	if date != "" {
		return date + "/" + name
	}
	return strings.TrimPrefix(articleID, idPrefix[LabelArticle]+"/") + "/" + name
}

// LabelOfID returns the label encoded in a node ID, or "" when id is not one.
func LabelOfID(id string) Label {
	prefix, _, ok := strings.Cut(id, "/")
	if !ok {
		return ""
	}
	for l, p := range idPrefix {
		if p == prefix {
			return l
		}
	}
	return ""
}

// RelationID returns the stable ID of a relation.
func RelationID(t RelType, from, to, role string) string {
	h := sha1.Sum([]byte(string(t) + "\x00" + from + "\x00" + to + "\x00" + role))
	return "rel/" + hex.EncodeToString(h[:10])
}

// Validate checks that f is a well-formed contribution: known labels and
// types, IDs present, relation ends among the article's nodes with the
// labels the type requires, evidence from this article only with sane
// offsets, dates as YYYY-MM-DD. It fills in missing relation IDs. Its errors
// wrap ErrInvalid and name the offending node or relation.
func (f *ArticleFacts) Validate() error {
	a := &f.Article
	if a.Label != LabelArticle || a.ID == "" {
		return fmt.Errorf("%w: article needs label Article and an id (got %q %q)", ErrInvalid, a.Label, a.ID)
	}
	if err := a.check(); err != nil {
		return err
	}
	n := utf8.RuneCountInString(a.Text)
	labels := map[string]Label{a.ID: LabelArticle}
	for i := range f.Nodes {
		x := &f.Nodes[i]
		if !x.Label.Valid() || x.Label == LabelArticle {
			return fmt.Errorf("%w: node %q: label %q", ErrInvalid, x.ID, x.Label)
		}
		if x.ID == "" || x.Name == "" {
			return fmt.Errorf("%w: node %d of article %s: empty id or name", ErrInvalid, i, a.ID)
		}
		if l, dup := labels[x.ID]; dup && l != x.Label {
			return fmt.Errorf("%w: node %q given as %s and %s", ErrInvalid, x.ID, l, x.Label)
		}
		if err := x.check(); err != nil {
			return err
		}
		labels[x.ID] = x.Label
	}
	for i := range f.Relations {
		r := &f.Relations[i]
		ends, ok := Endpoints[r.Type]
		if !ok {
			return fmt.Errorf("%w: relation %d of article %s: type %q", ErrInvalid, i, a.ID, r.Type)
		}
		fl, tl := labels[r.From], labels[r.To]
		if !contains(ends.From, fl) || (ends.To != nil && !contains(ends.To, tl)) || tl == "" {
			return fmt.Errorf("%w: relation %s %s->%s: ends must be nodes of the article labelled %v->%v", ErrInvalid, r.Type, r.From, r.To, ends.From, ends.To)
		}
		if r.ID == "" {
			r.ID = RelationID(r.Type, r.From, r.To, r.Role)
		} else if r.ID != RelationID(r.Type, r.From, r.To, r.Role) {
			return fmt.Errorf("%w: relation %s %s->%s: id %q is not RelationID", ErrInvalid, r.Type, r.From, r.To, r.ID)
		}
		if len(r.Evidence) == 0 {
			return fmt.Errorf("%w: relation %s %s->%s: no evidence", ErrInvalid, r.Type, r.From, r.To)
		}
		for _, e := range r.Evidence {
			if e.ArticleID != a.ID {
				return fmt.Errorf("%w: relation %s %s->%s: evidence from article %q in facts of %q", ErrInvalid, r.Type, r.From, r.To, e.ArticleID, a.ID)
			}
			if e.Start < 0 || e.End < e.Start || (n > 0 && e.End > n) {
				return fmt.Errorf("%w: relation %s %s->%s: evidence offsets %d..%d outside the article (%d code points)", ErrInvalid, r.Type, r.From, r.To, e.Start, e.End, n)
			}
		}
	}
	return nil
}

func (x *Node) check() error {
	for _, d := range []string{x.Date, x.EndDate, x.Published} {
		if d == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return fmt.Errorf("%w: node %q: date %q is not YYYY-MM-DD", ErrInvalid, x.ID, d)
		}
	}
	if x.Kind != "" && !x.Kind.Valid() {
		return fmt.Errorf("%w: node %q: event kind %q", ErrInvalid, x.ID, x.Kind)
	}
	return nil
}

// MergeNodes combines the contributions several articles made to one node
// into the node a Store answers with. parts must be in the order of their
// articles' IDs. The name is the longest part name (the fullest form, e.g.
// 高新区（示范区）党工委 over 高新区党工委; the earliest part on a tie); for
// every other field the first non-empty value wins, except Aliases, which
// are the union of all parts' names and aliases other than the chosen name,
// sorted. Every backend merges with this function so that all answer alike.
func MergeNodes(parts []Node) Node {
	if len(parts) == 0 {
		return Node{}
	}
	m := Node{ID: parts[0].ID, Label: parts[0].Label}
	var names []string
	for _, p := range parts {
		if utf8.RuneCountInString(p.Name) > utf8.RuneCountInString(m.Name) {
			m.Name = p.Name
		}
		first(&m.Title, p.Title)
		if m.Kind == "" {
			m.Kind = p.Kind
		}
		first(&m.Date, p.Date)
		first(&m.EndDate, p.EndDate)
		first(&m.PartOfDay, p.PartOfDay)
		first(&m.Source, p.Source)
		first(&m.Published, p.Published)
		first(&m.URL, p.URL)
		first(&m.Outlet, p.Outlet)
		first(&m.Author, p.Author)
		first(&m.Page, p.Page)
		first(&m.Text, p.Text)
		first(&m.Scope, p.Scope)
		first(&m.ScopeBasis, p.ScopeBasis)
		names = append(names, p.Name)
		names = append(names, p.Aliases...)
	}
	for _, a := range names {
		if a != "" && a != m.Name {
			m.Aliases = append(m.Aliases, a)
		}
	}
	sort.Strings(m.Aliases)
	m.Aliases = compact(m.Aliases)
	return m
}

// SortEvidence puts evidence in canonical order (article, start, end,
// sentence) and drops exact duplicates.
func SortEvidence(ev []Evidence) []Evidence {
	sort.Slice(ev, func(i, j int) bool {
		a, b := ev[i], ev[j]
		if a.ArticleID != b.ArticleID {
			return a.ArticleID < b.ArticleID
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		return a.Sentence < b.Sentence
	})
	out := ev[:0]
	for i, e := range ev {
		if i == 0 || e != ev[i-1] {
			out = append(out, e)
		}
	}
	return out
}

func first(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func compact(xs []string) []string {
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}
