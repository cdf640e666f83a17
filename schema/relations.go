package schema

import (
	"fmt"

	"github.com/kgproject/kg/graph"
)

// linkSpec is the relations a field follows from its node.
type linkSpec struct {
	dir   graph.Direction
	types []graph.RelType
}

func out(types ...graph.RelType) linkSpec { return linkSpec{graph.Outgoing, types} }
func in(types ...graph.RelType) linkSpec  { return linkSpec{graph.Incoming, types} }

// relationFields is the one table of the node fields that follow relations
// from their node: per label, each field's directions and relation types
// (one linkSpec, or several for a field that reads several kinds of links).
// The resolvers of these fields take their relations from it (relationsOf,
// when the schema is built), and a root field that reads one node
// prefetches the links of the fields selected on it from it (readNode), so
// the two cannot disagree. Fields whose relations are arguments (links) or
// that read through other batches (posts, holders, people, timeline,
// coParticipants) are not here.
var relationFields = map[graph.Label]map[string][]linkSpec{
	graph.LabelPerson: {
		"events":     {out(graph.RelChaired, graph.RelAttended)},
		"eventCount": {out(graph.RelChaired, graph.RelAttended)},
		"articles":   {in(graph.RelMentions)},
		"authored":   {out(graph.RelAuthored)},
		// the person's posts, mentions and bylines, in the order identity.go
		// reads them
		"identity": {out(graph.RelHolds), in(graph.RelMentions), out(graph.RelAuthored)},
	},
	graph.LabelPost: {
		"organisation": {out(graph.RelOf)},
	},
	graph.LabelOrganisation: {
		"posts":          {in(graph.RelOf)},
		"events":         {out(graph.RelParticipated, graph.RelReportedAt)},
		"participations": {out(graph.RelParticipated, graph.RelReportedAt)},
		"eventCount":     {out(graph.RelParticipated, graph.RelReportedAt)},
		"eventsPerMonth": {out(graph.RelParticipated, graph.RelReportedAt)},
		"articles":       {in(graph.RelMentions)},
	},
	graph.LabelEvent: {
		"chairs":                 {in(graph.RelChaired)},
		"attendees":              {in(graph.RelAttended)},
		"organisations":          {in(graph.RelParticipated)},
		"reportingOrganisations": {in(graph.RelReportedAt)},
		"projects":               {out(graph.RelDiscussed)},
		"articles":               {in(graph.RelReports)},
		"participants":           {in(graph.RelChaired, graph.RelAttended)},
		"participantCount":       {in(graph.RelChaired, graph.RelAttended)},
	},
	graph.LabelProject: {
		"events":   {in(graph.RelDiscussed)},
		"articles": {in(graph.RelMentions)},
	},
	graph.LabelPlace: {
		"articles": {in(graph.RelMentions)},
	},
	graph.LabelArticle: {
		"reporters": {in(graph.RelAuthored)},
		"events":    {out(graph.RelReports)},
		"mentions":  {out(graph.RelMentions)},
	},
}

// relationLookup looks up one label's fields in relationFields.
type relationLookup struct {
	label  graph.Label
	fields map[string][]linkSpec
}

// relationsOf returns the lookup of label's relation fields. Its methods
// panic for a field missing from the table: a programmer's error, met when
// New builds the schema, since the resolvers call them as their fields are
// made.
func relationsOf(label graph.Label) relationLookup {
	return relationLookup{label, relationFields[label]}
}

// all returns the relations field follows.
func (r relationLookup) all(field string) []linkSpec {
	specs, ok := r.fields[field]
	if !ok || len(specs) == 0 {
		panic(fmt.Sprintf("schema: %s.%s follows relations but is not in relationFields", r.label, field))
	}
	return specs
}

// one returns the relations of a field that follows one kind of links.
func (r relationLookup) one(field string) linkSpec {
	specs := r.all(field)
	if len(specs) != 1 {
		panic(fmt.Sprintf("schema: %s.%s follows %d kinds of links in relationFields, not one", r.label, field, len(specs)))
	}
	return specs[0]
}
