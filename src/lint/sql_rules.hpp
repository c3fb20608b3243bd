#pragma once
// The rules for raw SQL in `sql:` steps: the statements that PostgreSQL runs under a lock that
// stops readers or writers of a table with rows, that lose data, or that rename what running code
// uses. The same rule ids as the op rules (op_rules.hpp) for the same danger.
#include <string>
#include <string_view>
#include <vector>

#include "lint/finding.hpp"
#include "lint/new_tables.hpp"

namespace dbmig::lint {

// The findings for one SQL text of a step written at `where`. `label` is put before each
// statement in the findings ("postgresql: " for the postgresql text of a per-dialect step, or
// empty). CREATE TABLE statements add to `new_tables`; statements on those tables are left alone.
std::vector<Finding> sql_findings(std::string_view sql, NewTables& new_tables, const Location& where,
                                  std::string_view label);

}  // namespace dbmig::lint
