#pragma once
// The rules for the ops of a revision file (every step kind but `sql:`, which sql_rules.hpp
// reads): what each op does to a live PostgreSQL table, judged from the op alone.
#include <string>
#include <vector>

#include "lint/finding.hpp"
#include "lint/new_tables.hpp"
#include "ops/op.hpp"

namespace dbmig::lint {

// The findings for one step written at `where`; `statement` is the step as written. Ops on a
// table in `new_tables` are left alone: it is empty. A create_table or rename_table step updates
// `new_tables` for the steps after it. `online`: the project runs online (dbmig.yaml `online`,
// the default), so the ops dbmig carries out in their online form are not reported.
std::vector<Finding> op_findings(const ops::Op& op, NewTables& new_tables, const Location& where,
                                 const std::string& statement, bool online);

}  // namespace dbmig::lint
