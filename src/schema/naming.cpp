#include "schema/naming.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <stdexcept>

namespace dbmig::schema {

namespace {

constexpr std::string_view placeholder_open = "%(";
constexpr std::string_view placeholder_close = ")s";
constexpr std::string_view name_placeholder = "%(name)s";
constexpr std::array<std::string_view, 5> known_placeholders = {"table", "columns", "column_0", "referred_table",
                                                                 "name"};

std::string join_columns(const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& column : columns) {
    if (!out.empty()) out += '_';
    out += column;
  }
  return out;
}

// FNV-1a: a stable hash that needs no library; it only has to tell long names apart.
std::uint32_t stable_hash(std::string_view text) {
  std::uint32_t hash = 2166136261u;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 16777619u;
  }
  return hash;
}

std::string fit_identifier_length(std::string name) {
  if (name.size() <= max_identifier_length) return name;
  char suffix[10];
  std::snprintf(suffix, sizeof suffix, "_%08x", stable_hash(name));
  std::size_t keep = max_identifier_length - (sizeof suffix - 1);
  // Never between the bytes of one UTF-8 character: PostgreSQL rejects the invalid text.
  while (keep > 0 && (static_cast<unsigned char>(name[keep]) & 0xC0) == 0x80) --keep;
  name.resize(keep);
  return name + suffix;
}

// Whether `name` is what the pattern gives with some non-empty text in place of every %(name)s
// (all occurrences standing for the same text).
bool has_pattern_form(std::string_view pattern, std::string_view name, std::string_view table,
                      const std::vector<std::string>& columns, std::string_view referred_table) {
  std::vector<std::string> pieces;  // the pattern's expanded text between the %(name)s placeholders
  std::size_t start = 0;
  for (std::size_t at; (at = pattern.find(name_placeholder, start)) != std::string_view::npos;) {
    pieces.push_back(NamingConvention::expand(pattern.substr(start, at - start), table, columns, referred_table));
    start = at + name_placeholder.size();
  }
  pieces.push_back(NamingConvention::expand(pattern.substr(start), table, columns, referred_table));
  const std::size_t occurrences = pieces.size() - 1;
  if (occurrences == 0) return false;

  std::size_t fixed_length = 0;
  for (const auto& piece : pieces) fixed_length += piece.size();
  if (name.size() <= fixed_length || (name.size() - fixed_length) % occurrences != 0) return false;
  const std::size_t token_length = (name.size() - fixed_length) / occurrences;

  std::string_view token;
  std::size_t at = 0;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (name.substr(at, pieces[i].size()) != pieces[i]) return false;
    at += pieces[i].size();
    if (i == occurrences) break;
    const std::string_view this_token = name.substr(at, token_length);
    if (i > 0 && this_token != token) return false;
    token = this_token;
    at += token_length;
  }
  return at == name.size();
}

}  // namespace

std::string NamingConvention::expand(std::string_view pattern, std::string_view table,
                                     const std::vector<std::string>& columns, std::string_view referred_table,
                                     std::string_view name) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t open = pattern.find(placeholder_open, start);
    const std::size_t close = open == std::string_view::npos ? open : pattern.find(placeholder_close, open);
    if (close == std::string_view::npos) break;
    out += pattern.substr(start, open - start);
    const std::string_view key = pattern.substr(open + placeholder_open.size(), close - open - placeholder_open.size());
    if (key == "table") out += table;
    else if (key == "columns") out += join_columns(columns);
    else if (key == "column_0") out += columns.empty() ? std::string() : columns.front();
    else if (key == "referred_table") out += referred_table;
    else if (key == "name") out += name;
    else out += pattern.substr(open, close + placeholder_close.size() - open);  // unknown: kept as written
    start = close + placeholder_close.size();
  }
  out += pattern.substr(start);
  return out;
}

void NamingConvention::check_pattern(std::string_view pattern) {
  for (std::size_t open = pattern.find(placeholder_open); open != std::string_view::npos;
       open = pattern.find(placeholder_open, open + 1)) {
    const std::size_t close = pattern.find(placeholder_close, open);
    if (close == std::string_view::npos)
      throw std::invalid_argument("unterminated placeholder in '" + std::string(pattern) + "': write %(key)s");
    const std::string_view key = pattern.substr(open + placeholder_open.size(), close - open - placeholder_open.size());
    bool known = false;
    for (auto candidate : known_placeholders) known = known || candidate == key;
    if (!known)
      throw std::invalid_argument("unknown placeholder %(" + std::string(key) + ")s in '" + std::string(pattern) +
                                  "': use %(table)s, %(columns)s, %(column_0)s, %(referred_table)s or %(name)s");
  }
}

bool NamingConvention::uses_name(std::string_view pattern) {
  return pattern.find(name_placeholder) != std::string_view::npos;
}

std::optional<std::string> NamingConvention::resolve(std::string_view pattern, const std::optional<std::string>& given,
                                                     std::string_view table, const std::vector<std::string>& columns,
                                                     std::string_view referred_table) {
  if (given) {
    if (!uses_name(pattern) || has_pattern_form(pattern, *given, table, columns, referred_table)) return *given;
    return fit_identifier_length(expand(pattern, table, columns, referred_table, *given));
  }
  if (uses_name(pattern)) return std::nullopt;
  return fit_identifier_length(expand(pattern, table, columns, referred_table));
}

}  // namespace dbmig::schema
