#include "runtime/schema_replay.hpp"

#include "runtime/schema_tracker.hpp"

namespace dbmig::runtime {

schema::Schema replay_schema(const revision::Graph& graph, const std::vector<std::string>& heads) {
  SchemaTracker tracker(schema::Schema{}, {});  // no database: SchemaTracker's offline rules
  for (const revision::Revision* revision : graph.applied(heads))
    for (const ops::Op& op : graph.with_steps(*revision).upgrade) tracker.advance(op);
  return *tracker.current();
}

}  // namespace dbmig::runtime
