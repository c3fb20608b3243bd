// Checks within one table, once all of it is read.
#include <algorithm>
#include <unordered_map>

#include "model/detail.hpp"
#include "util/text.hpp"

namespace dbmig::model::detail {

namespace {

std::vector<std::string> column_names(const schema::Table& table) {
  std::vector<std::string> names;
  for (const auto& column : table.columns) names.push_back(column.name);
  return names;
}

}  // namespace

void check_identifier(std::string_view name, std::string_view kind, const Location& where) {
  if (name.empty()) throw usage_error("empty " + std::string(kind) + " name", where, "give it a name");
  // Both databases read SQL text only up to a NUL byte: the statement would be cut short.
  if (name.find('\0') != std::string_view::npos)
    throw usage_error(std::string(kind) + " name contains a NUL character (\\0)", where,
                      "no database can store it in a name; remove it");
  if (name.size() > schema::max_identifier_length)
    throw usage_error(std::string(kind) + " name '" + std::string(name) + "' is " + std::to_string(name.size()) +
                          " bytes long",
                      where, "PostgreSQL cuts names to " + std::to_string(schema::max_identifier_length) +
                                 " bytes (a character outside ASCII takes 2 to 4); choose a shorter one");
}

std::vector<const Declaration*> in_document_order(const std::vector<Declaration>& declarations) {
  std::vector<const Declaration*> ordered;
  for (const Declaration& declaration : declarations) ordered.push_back(&declaration);
  std::stable_sort(ordered.begin(), ordered.end(), [](const Declaration* a, const Declaration* b) {
    return std::pair{a->where.line, a->where.column} < std::pair{b->where.line, b->where.column};
  });
  return ordered;
}

void check_table(const LocatedTable& located) {
  const schema::Table& table = located.table;
  std::unordered_map<std::string, const Declaration*> by_name;
  for (const Declaration* declaration : in_document_order(located.declarations)) {
    for (const auto& column : declaration->columns)
      if (!table.find_column(column))
        throw usage_error(declaration->kind + " '" + declaration->name + "' names unknown column '" + column +
                              "' of table '" + table.name + "'",
                          declaration->where, util::unknown_name_hint(column, column_names(table), "columns"));
    const auto [first, inserted] = by_name.emplace(declaration->name, declaration);
    if (!inserted)
      throw usage_error("the name '" + declaration->name + "' is used twice in table '" + table.name + "'",
                        declaration->where,
                        "the " + first->second->kind + " at " + first->second->where.to_string() +
                            " has it already; give one of them another name");
  }
}

}  // namespace dbmig::model::detail
