#include "schema/schema.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace dbmig::schema {

namespace {

// "SET_NULL", "set  null", "Set Null" -> "set null": one spelling to compare against.
std::string normalize_action_text(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (char c : text) {
    const bool separator = c == '_' || std::isspace(static_cast<unsigned char>(c));
    if (separator) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

struct ActionSpelling {
  ReferentialAction action;
  std::string_view model;  // as written in models.yaml
  std::string_view sql;
};

constexpr ActionSpelling action_spellings[] = {
    {ReferentialAction::no_action, "no action", "NO ACTION"},
    {ReferentialAction::restrict, "restrict", "RESTRICT"},
    {ReferentialAction::cascade, "cascade", "CASCADE"},
    {ReferentialAction::set_null, "set null", "SET NULL"},
    {ReferentialAction::set_default, "set default", "SET DEFAULT"},
};

const ActionSpelling& spelling_of(ReferentialAction action) {
  for (const auto& spelling : action_spellings)
    if (spelling.action == action) return spelling;
  return action_spellings[0];  // unreachable: every enumerator is listed above
}

template <class Tables>
auto* find_table_in(Tables& tables, std::string_view table_name, std::string_view schema_name) {
  auto it = std::find_if(tables.begin(), tables.end(), [&](const Table& table) {
    return table.name == table_name && table.schema == schema_name;
  });
  return it == tables.end() ? nullptr : &*it;
}

template <class Columns>
auto* find_column_in(Columns& columns, std::string_view column_name) {
  auto it = std::find_if(columns.begin(), columns.end(),
                         [&](const Column& column) { return column.name == column_name; });
  return it == columns.end() ? nullptr : &*it;
}

}  // namespace

ReferentialAction parse_referential_action(std::string_view text) {
  const std::string normalized = normalize_action_text(text);
  for (const auto& spelling : action_spellings)
    if (spelling.model == normalized) return spelling.action;
  throw std::invalid_argument("unknown referential action '" + std::string(text) +
                              "': expected cascade, set null, set default, restrict or no action");
}

std::string to_string(ReferentialAction action) { return std::string(spelling_of(action).model); }

std::string to_sql(ReferentialAction action) { return std::string(spelling_of(action).sql); }

std::vector<IndexTerm> column_terms(const std::vector<std::string>& columns) {
  std::vector<IndexTerm> terms;
  terms.reserve(columns.size());
  for (const std::string& column : columns) terms.push_back(IndexTerm::of_column(column));
  return terms;
}

std::vector<std::string> Index::key_columns() const {
  std::vector<std::string> columns;
  for (const IndexTerm& term : terms)
    if (!term.is_expression()) columns.push_back(term.column);
  return columns;
}

bool Index::on_plain_columns() const {
  const bool plain_terms = std::all_of(terms.begin(), terms.end(), [](const IndexTerm& term) {
    return !term.is_expression() && term.is_plain();
  });
  return plain_terms && method.empty() && include.empty() && !nulls_not_distinct;
}

std::string to_string(AutoincrementKind kind) {
  switch (kind) {
    case AutoincrementKind::always: return "always";
    case AutoincrementKind::serial: return "serial";
    case AutoincrementKind::identity: break;
  }
  return "identity";
}

AutoincrementKind parse_autoincrement_kind(std::string_view text) {
  for (const AutoincrementKind kind : {AutoincrementKind::identity, AutoincrementKind::always, AutoincrementKind::serial})
    if (to_string(kind) == text) return kind;
  throw std::invalid_argument("unknown autoincrement '" + std::string(text) +
                              "': expected true, false, identity, always or serial");
}

const Column* Table::find_column(std::string_view column_name) const { return find_column_in(columns, column_name); }
Column* Table::find_column(std::string_view column_name) { return find_column_in(columns, column_name); }

const Table* Schema::find_table(std::string_view table_name, std::string_view schema_name) const {
  return find_table_in(tables, table_name, schema_name);
}
Table* Schema::find_table(std::string_view table_name, std::string_view schema_name) {
  return find_table_in(tables, table_name, schema_name);
}

std::vector<std::string> Schema::schema_names() const {
  std::vector<std::string> names;
  for (const auto& table : tables)
    if (!table.schema.empty()) names.push_back(table.schema);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

void Schema::fold_schema(std::string_view default_schema) {
  if (default_schema.empty()) return;
  unqualified_schema = default_schema;
  for (auto& table : tables) {
    if (table.schema == default_schema) table.schema.clear();
    // An empty referred_schema means the owner's schema: only a key on a default-schema table
    // can drop the name (one from another schema must keep it, as introspection reports it).
    for (auto& foreign_key : table.foreign_keys)
      if (table.schema.empty() && foreign_key.referred_schema == default_schema) foreign_key.referred_schema.clear();
    for (auto& column : table.columns)
      if (column.type.enum_schema == default_schema) column.type.enum_schema.clear();
  }
  for (auto& enum_type : enums)
    if (enum_type.schema == default_schema) enum_type.schema.clear();
}

const EnumType* Schema::find_enum(std::string_view enum_name, std::string_view schema_name) const {
  for (const auto& enum_type : enums)
    if (enum_type.name == enum_name && enum_type.schema == schema_name) return &enum_type;
  return nullptr;
}

}  // namespace dbmig::schema
