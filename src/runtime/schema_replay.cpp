#include "runtime/schema_replay.hpp"

#include <variant>

#include "ops/op.hpp"
#include "runtime/schema_tracker.hpp"
#include "util/error.hpp"

namespace dbmig::runtime {

schema::Schema replay_schema(const revision::Graph& graph, const std::vector<std::string>& heads) {
  SchemaTracker tracker(schema::Schema{}, {});  // no database: SchemaTracker's offline rules
  for (const revision::Revision* revision : graph.applied(heads))
    for (const ops::Op& op : graph.with_steps(*revision).upgrade) tracker.advance(op);
  return *tracker.current();
}

ProjectedSchema apply_upgrades(schema::Schema start, const std::vector<const revision::Revision*>& revisions) {
  ProjectedSchema projection{std::move(start)};
  for (const auto* revision : revisions)
    for (const auto& op : revision->upgrade) {
      if (std::holds_alternative<ops::Sql>(op)) {
        projection.exact = false;
        continue;
      }
      try {
        ops::apply(projection.schema, op);
      } catch (const Error&) {
        projection.exact = false;  // names something only raw SQL made
      }
    }
  return projection;
}

}  // namespace dbmig::runtime
