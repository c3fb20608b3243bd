#pragma once
// What `migrate` says about a revision it writes that rewrites an existing table (a type change
// that is not binary-compatible, a column added with a volatile default): dbmig keeps the change,
// but the user must know that the table is rewritten under a lock that stops its readers and
// writers, how big it is, and the expand/contract alternative. The judgement is `dbmig lint`'s
// table-rewrite rule; the dialect says whether it applies and estimates the rows.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ops/op.hpp"

namespace dbmig::runtime {

// The planner's row estimate of a table, or nullopt when unknown.
using EstimateRows = std::function<std::optional<long long>(const ops::TableName&)>;

// One warning per upgrade step that rewrites a table that existed before the revision, e.g.
// "alter_column orders.total rewrites orders (about 2,000,000 rows) ...: expand and contract: ...".
std::vector<std::string> table_rewrite_warnings(const std::vector<ops::Op>& upgrade, const EstimateRows& estimate_rows);

}  // namespace dbmig::runtime
