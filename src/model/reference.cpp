#include "model/reference.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "util/text.hpp"

namespace dbmig::model {

namespace {

constexpr std::string_view column_form_hint = "write references: table.column (or schema.table.column)";
constexpr std::string_view table_form_hint = "write references: \"table(column, ...)\" (or \"schema.table(column)\")";

std::string trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

std::vector<std::string> split_trimmed(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t at; (at = text.find(separator, start)) != std::string_view::npos; start = at + 1)
    parts.push_back(trim(text.substr(start, at - start)));
  parts.push_back(trim(text.substr(start)));
  return parts;
}

bool any_empty(const std::vector<std::string>& parts) {
  return std::any_of(parts.begin(), parts.end(), [](const std::string& part) { return part.empty(); });
}

// "table" or "schema.table" into the reference.
bool read_table_name(const std::vector<std::string>& parts, Reference& reference) {
  if (parts.empty() || parts.size() > 2 || any_empty(parts)) return false;
  reference.table = parts.back();
  if (parts.size() == 2) reference.schema = parts.front();
  return true;
}

std::string qualified_table(const schema::ForeignKey& foreign_key) {
  return foreign_key.referred_schema.empty() ? foreign_key.referred_table
                                             : foreign_key.referred_schema + "." + foreign_key.referred_table;
}

}  // namespace

Reference parse_column_reference(const Value& value) {
  const std::string text = value.text();
  if (text.find('(') != std::string::npos)
    value.fail("a column's references names one column as table.column, not '" + text + "'",
               std::string(column_form_hint) + "; a composite key goes in the table's foreign_keys");
  std::vector<std::string> parts = split_trimmed(text, '.');
  Reference reference;
  if (parts.size() < 2 || parts.size() > 3 || any_empty(parts))
    value.fail("bad reference '" + text + "'", std::string(column_form_hint));
  reference.columns = {parts.back()};
  parts.pop_back();
  read_table_name(parts, reference);
  return reference;
}

Reference parse_table_reference(const Value& value) {
  const std::string text = trim(value.text());
  const std::size_t open = text.find('(');
  Reference reference;
  const bool well_formed = open != std::string::npos && text.back() == ')' &&
                           text.find_first_of("()", open + 1) == text.size() - 1 &&
                           read_table_name(split_trimmed(text.substr(0, open), '.'), reference);
  if (!well_formed) value.fail("bad reference '" + text + "'", std::string(table_form_hint));
  reference.columns = split_trimmed(std::string_view(text).substr(open + 1, text.size() - open - 2), ',');
  if (any_empty(reference.columns)) value.fail("empty column name in reference '" + text + "'", std::string(table_form_hint));
  return reference;
}

schema::ReferentialAction parse_action(const Value& value) {
  try {
    return schema::parse_referential_action(value.text());
  } catch (const std::invalid_argument&) {
    value.fail("unknown action '" + value.text() + "' for " + value.what(),
               "use cascade, set null, set default, restrict or no action");
  }
}

std::string column_reference_text(const schema::ForeignKey& foreign_key) {
  return qualified_table(foreign_key) + "." + foreign_key.referred_columns.front();
}

std::string table_reference_text(const schema::ForeignKey& foreign_key) {
  return qualified_table(foreign_key) + "(" + util::join(foreign_key.referred_columns) + ")";
}

}  // namespace dbmig::model
