#include "model/reference.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>

#include "util/text.hpp"

namespace dbmig::model {

namespace {

constexpr std::string_view column_form_hint =
    "write references: table.column (or schema.table.column); a name holding . ( ) , or \" goes in double "
    "quotes: \"v1.2\".id";
constexpr std::string_view table_form_hint =
    "write references: \"table(column, ...)\" (or \"schema.table(column)\"); a name holding . ( ) , or \" goes "
    "in double quotes: 'users(\"a,b\")'";

bool is_separator(char c) { return c == '.' || c == '(' || c == ')' || c == ','; }

std::string trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

// The pieces of a reference: names, and the separators . ( ) , between them.
struct Piece {
  char separator;    // 0 for a name
  std::string name;  // bare names trimmed; "quoted" ones unquoted, "" standing for "
};

// Splits a reference into names and separators: a bare name runs up to the next separator or
// quote; a name in double quotes may hold anything. nullopt for an unterminated quote, or text
// stuck to a quoted name ("a"b).
std::optional<std::vector<Piece>> pieces_of(std::string_view text) {
  std::vector<Piece> pieces;
  std::size_t at = 0;
  while (at < text.size()) {
    const char c = text[at];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++at;
    } else if (is_separator(c)) {
      pieces.push_back({c, {}});
      ++at;
    } else if (c == '"') {
      std::string name;
      for (++at;; ++at) {
        if (at >= text.size()) return std::nullopt;
        if (text[at] != '"') {
          name += text[at];
        } else if (at + 1 < text.size() && text[at + 1] == '"') {
          name += '"';
          ++at;
        } else {
          break;
        }
      }
      ++at;  // the closing quote
      while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at]))) ++at;
      if (at < text.size() && !is_separator(text[at])) return std::nullopt;
      pieces.push_back({0, std::move(name)});
    } else {
      const std::size_t begin = at;
      while (at < text.size() && !is_separator(text[at]) && text[at] != '"') ++at;
      if (at < text.size() && text[at] == '"') return std::nullopt;
      pieces.push_back({0, trim(text.substr(begin, at - begin))});
    }
  }
  return pieces;
}

// Names separated by `separator` from pieces[begin, end): "a.b.c" -> {a, b, c}; nullopt when the
// pieces are not that, or a name is empty.
std::optional<std::vector<std::string>> names_between(const std::vector<Piece>& pieces, std::size_t begin,
                                                      std::size_t end, char separator) {
  std::vector<std::string> names;
  for (std::size_t at = begin; at < end; ++at) {
    const bool name_expected = (at - begin) % 2 == 0;
    if (name_expected != (pieces[at].separator == 0)) return std::nullopt;
    if (!name_expected && pieces[at].separator != separator) return std::nullopt;
    if (name_expected) {
      if (pieces[at].name.empty()) return std::nullopt;
      names.push_back(pieces[at].name);
    }
  }
  if (begin >= end || (end - begin) % 2 == 0) return std::nullopt;  // empty, or ending in a separator
  return names;
}

// "table" or "schema.table" into the reference.
bool read_table_name(const std::vector<std::string>& parts, Reference& reference) {
  if (parts.empty() || parts.size() > 2) return false;
  reference.table = parts.back();
  if (parts.size() == 2) reference.schema = parts.front();
  return true;
}

// A name as a reference writes it: in double quotes when it holds a separator or a quote, or
// starts or ends with a space, which the parser would read otherwise.
std::string name_text(std::string_view name) {
  const bool plain = !name.empty() && !std::isspace(static_cast<unsigned char>(name.front())) &&
                     !std::isspace(static_cast<unsigned char>(name.back())) &&
                     std::none_of(name.begin(), name.end(), [](char c) { return is_separator(c) || c == '"'; });
  if (plain) return std::string(name);
  std::string out = "\"";
  for (const char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string qualified_table(const schema::ForeignKey& foreign_key) {
  return foreign_key.referred_schema.empty()
             ? name_text(foreign_key.referred_table)
             : name_text(foreign_key.referred_schema) + "." + name_text(foreign_key.referred_table);
}

}  // namespace

Reference parse_column_reference(const Value& value) {
  const std::string text = value.text();
  const auto pieces = pieces_of(text);
  if (!pieces) value.fail("bad reference '" + text + "': a double quote is not closed or not alone",
                          std::string(column_form_hint));
  if (std::any_of(pieces->begin(), pieces->end(), [](const Piece& piece) { return piece.separator == '('; }))
    value.fail("a column's references names one column as table.column, not '" + text + "'",
               std::string(column_form_hint) + "; a composite key goes in the table's foreign_keys");
  auto parts = names_between(*pieces, 0, pieces->size(), '.');
  if (!parts || parts->size() < 2 || parts->size() > 3) value.fail("bad reference '" + text + "'", std::string(column_form_hint));
  Reference reference;
  reference.columns = {parts->back()};
  parts->pop_back();
  read_table_name(*parts, reference);
  return reference;
}

Reference parse_table_reference(const Value& value) {
  const std::string text = trim(value.text());
  const auto pieces = pieces_of(text);
  if (!pieces) value.fail("bad reference '" + text + "': a double quote is not closed or not alone",
                          std::string(table_form_hint));
  // table ( columns ): the only parentheses, the closing one last.
  const auto open = std::find_if(pieces->begin(), pieces->end(), [](const Piece& piece) { return piece.separator == '('; });
  const std::size_t open_at = static_cast<std::size_t>(open - pieces->begin());
  Reference reference;
  const auto table = open == pieces->end() ? std::nullopt : names_between(*pieces, 0, open_at, '.');
  const bool well_formed = table && pieces->back().separator == ')' &&
                           std::count_if(pieces->begin(), pieces->end(), [](const Piece& piece) {
                             return piece.separator == '(' || piece.separator == ')';
                           }) == 2 &&
                           read_table_name(*table, reference);
  if (!well_formed) value.fail("bad reference '" + text + "'", std::string(table_form_hint));
  const auto columns = names_between(*pieces, open_at + 1, pieces->size() - 1, ',');
  if (!columns) value.fail("empty column name in reference '" + text + "'", std::string(table_form_hint));
  reference.columns = *columns;
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

namespace {

// ForeignKey and UniqueConstraint alike: both carry deferrable and initially_deferred.
template <class Key>
void read_deferrable_into(const Mapping& mapping, Key& key) {
  if (const auto deferrable = mapping.get("deferrable")) key.deferrable = deferrable->boolean();
  const auto initially = mapping.get("initially");
  if (!initially) return;
  const std::string when = initially->text();
  if (when != "deferred" && when != "immediate")
    initially->fail("unknown value '" + when + "' for " + initially->what(), "use deferred or immediate");
  if (!key.deferrable)
    initially->fail(initially->what() + " needs deferrable: true", "add deferrable: true, or remove initially");
  key.initially_deferred = when == "deferred";
}

template <class Key>
void write_deferrable_from(const Key& key, YamlNode& node) {
  if (!key.deferrable) return;
  node.add("deferrable", true);
  if (key.initially_deferred) node.add("initially", std::string("deferred"));
}

}  // namespace

void read_deferrable(const Mapping& mapping, schema::ForeignKey& foreign_key) {
  read_deferrable_into(mapping, foreign_key);
}
void read_deferrable(const Mapping& mapping, schema::UniqueConstraint& unique) { read_deferrable_into(mapping, unique); }
void write_deferrable(const schema::ForeignKey& foreign_key, YamlNode& node) { write_deferrable_from(foreign_key, node); }
void write_deferrable(const schema::UniqueConstraint& unique, YamlNode& node) { write_deferrable_from(unique, node); }

std::string column_reference_text(const schema::ForeignKey& foreign_key) {
  return qualified_table(foreign_key) + "." + name_text(foreign_key.referred_columns.front());
}

std::string table_reference_text(const schema::ForeignKey& foreign_key) {
  std::vector<std::string> columns;
  for (const std::string& column : foreign_key.referred_columns) columns.push_back(name_text(column));
  return qualified_table(foreign_key) + "(" + util::join(columns) + ")";
}

}  // namespace dbmig::model
