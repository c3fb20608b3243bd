#pragma once
// Knows the schema just before each op while a plan runs, so a dialect that must restate a whole
// table (SQLite's rebuild) can. Starts from one introspection (or, offline, from replaying the
// revisions already applied: schema_replay.hpp) and evolves it with ops::apply. On a database, a
// raw SQL step makes it unknown and it is introspected again when next needed.
#include <functional>
#include <optional>

#include "ops/op.hpp"
#include "schema/schema.hpp"

namespace dbmig::runtime {

class SchemaTracker {
 public:
  using Introspect = std::function<schema::Schema()>;

  // `introspect` is empty in --sql mode, where nothing runs and nothing can be read again: then
  // the schema is known only from `start` and the ops since, and a raw SQL step (or an op naming
  // what only raw SQL made) is assumed to leave alone what later steps restate.
  SchemaTracker(std::optional<schema::Schema> start, Introspect introspect)
      : schema_(std::move(start)), introspect_(std::move(introspect)) {}

  // The schema before the next op, or nullptr when it cannot be known.
  const schema::Schema* current();
  // Account for an op that has just been carried out.
  void advance(const ops::Op& op);

 private:
  std::optional<schema::Schema> schema_;
  Introspect introspect_;
};

}  // namespace dbmig::runtime
