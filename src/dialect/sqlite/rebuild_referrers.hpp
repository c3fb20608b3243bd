#pragma once
// Which tables a SQLite rebuild must re-create along with the table it changes: those whose
// foreign keys lead to it (see rebuild_plan.hpp for why).
#include <vector>

#include "schema/schema.hpp"

namespace dbmig::dialect::sqlite {

// The tables whose foreign keys refer to `target`, directly or through one another (`target`
// itself and self-references left out), each after the tables among them it refers to, so that
// copying rows in this order finds every parent row already there. Tables in a foreign-key cycle
// keep the order in which they were found. Names compare ignoring ASCII case, as in SQLite.
std::vector<const schema::Table*> referring_tables(const schema::Schema& schema, const schema::Table& target);

}  // namespace dbmig::dialect::sqlite
