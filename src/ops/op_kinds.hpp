#pragma once
// The revision-file name of each op kind, in the order of the ops::Op alternatives, so that the
// name of an op is its variant index and reading can map a name back to an alternative.
#include <array>
#include <string_view>
#include <variant>

#include "ops/op.hpp"

namespace dbmig::ops::detail {

inline constexpr std::array<std::string_view, 25> kind_names = {
    "create_table",       "drop_table",       "rename_table",      "set_table_comment", "add_column",
    "drop_column",        "rename_column",    "alter_column",      "create_index",      "drop_index",
    "create_primary_key", "drop_primary_key", "create_unique",     "drop_unique",       "create_foreign_key",
    "drop_foreign_key",   "create_check",     "drop_check",        "rename_index",      "rename_constraint",
    "create_enum",        "drop_enum",        "alter_enum",        "sql",               "fail",
};
static_assert(kind_names.size() == std::variant_size_v<Op>, "one name per op kind");

}  // namespace dbmig::ops::detail
