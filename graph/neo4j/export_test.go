package neo4j

// SetPathsCap sets how many shortest paths a path query enumerates before
// it walks greedily instead, and returns a function restoring it.
func SetPathsCap(n int64) (restore func()) {
	old := pathsCap
	pathsCap = n
	return func() { pathsCap = old }
}
