#pragma once
// Knows the schema just before each op while a plan runs, so a dialect that must restate a whole
// table (SQLite's rebuild) can. Offline it starts from the revisions already applied, replayed
// (schema_replay.hpp); on a database it is introspected when first needed, and a raw SQL step
// makes it unknown again. In between, ops::apply evolves it. Needed means a renderer asked
// (dialect::SchemaBefore): a run whose ops never ask never introspects, so the cost of a revision
// does not grow with the size of the schema.
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

  // The schema before the next op, or nullptr when it cannot be known. Introspects when the
  // schema is not known (never asked before, or a raw SQL step since) and can be read.
  const schema::Schema* current();
  // Account for an op that has just been carried out.
  void advance(const ops::Op& op);
  // Account for changes not described by ops (a revision resumed half way, whose first
  // statements an earlier run did): read the database again when next asked, where it can be.
  void forget();

 private:
  std::optional<schema::Schema> schema_;
  Introspect introspect_;
};

}  // namespace dbmig::runtime
