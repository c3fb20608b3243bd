// The rules of revision ids and branch labels (names.hpp).
#include "revision/names.hpp"

#include <algorithm>
#include <array>

namespace dbmig::revision {

namespace {

bool is_ascii_word_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string lower_case(std::string_view text) {
  std::string lower(text);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return lower;
}

// head, heads and base are targets of their own; any spelling of them is refused, since
// "HEAD" next to "head" in a listing is a trap even where the lookup tells them apart.
std::optional<std::string> reserved_word_problem(std::string_view name) {
  constexpr std::array<std::string_view, 3> reserved = {"head", "heads", "base"};
  if (std::find(reserved.begin(), reserved.end(), lower_case(name)) == reserved.end()) return std::nullopt;
  return "is a reserved word, a target of its own (docs/targets-and-branches.md)";
}

// The first character that is not allowed, described: "holds '-'", "holds a space".
std::string bad_character(char c) {
  if (c == ' ') return "holds a space";
  if (c == '\t') return "holds a tab";
  const auto byte = static_cast<unsigned char>(c);
  if (byte < 0x20 || byte == 0x7f) return "holds a control character";
  if (byte >= 0x80) return "holds a character outside ASCII";
  std::string described = "holds '";
  described += c;
  described += "'";
  if (c == '+' || c == '-') described += " (REV+N and REV-N are relative targets)";
  if (c == '@') described += " (label@head is a target)";
  if (c == ':') described += " (history -r A:B is a range)";
  return described;
}

}  // namespace

std::optional<std::string> revision_id_problem(std::string_view id) {
  if (id.empty()) return std::string("is empty");
  if (auto reserved = reserved_word_problem(id)) return reserved;
  for (const char c : id)
    if (!is_ascii_word_character(c)) return bad_character(c);
  if (id.size() > max_revision_id_length)
    return "is " + std::to_string(id.size()) + " characters long; the version table's column holds " +
           std::to_string(max_revision_id_length);
  return std::nullopt;
}

std::optional<std::string> branch_label_problem(std::string_view label) {
  if (label.empty()) return std::string("is empty");
  if (auto reserved = reserved_word_problem(label)) return reserved;
  if (label.front() == '-') return bad_character('-');
  for (const char c : label)
    if (!is_ascii_word_character(c) && c != '-') return bad_character(c);
  const std::size_t last_dash = label.rfind('-');
  if (last_dash == label.size() - 1) return std::string("ends in '-'");
  if (last_dash != std::string_view::npos) {
    const std::string_view tail = label.substr(last_dash + 1);
    if (std::all_of(tail.begin(), tail.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return "ends in '-" + std::string(tail) + "', which reads as " + std::string(tail) + " revision(s) below '" +
             std::string(label.substr(0, last_dash)) + "'";
  }
  return std::nullopt;
}

}  // namespace dbmig::revision
