#pragma once
// The schema of a database at some revisions, derived without a database: the upgrade steps of
// every revision it has applied, replayed with ops::apply on an empty schema. This is what lets
// `upgrade A:B --sql` print SQLite table rebuilds (which restate the whole table) offline.
#include <string>
#include <vector>

#include "revision/graph.hpp"
#include "schema/schema.hpp"

namespace dbmig::runtime {

// Raw SQL steps cannot be replayed and are skipped, as are steps naming what only raw SQL made
// (best effort: the tables the dbmig steps describe are exact).
schema::Schema replay_schema(const revision::Graph& graph, const std::vector<std::string>& heads);

// A schema with revisions' upgrade steps applied on top (`check`: the live schema as it will be
// once the pending revisions run). `exact` is false when a raw SQL step could not be modelled, or
// a step names something only raw SQL made.
struct ProjectedSchema {
  schema::Schema schema;
  bool exact = true;
};
ProjectedSchema apply_upgrades(schema::Schema start, const std::vector<const revision::Revision*>& revisions);

}  // namespace dbmig::runtime
