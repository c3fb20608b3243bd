#include "util/text.hpp"

#include <algorithm>
#include <cctype>

namespace dbmig::util {

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

namespace {

// Levenshtein distance with one rolling row.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string double_quoted(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 2);
  out += '"';
  out += name;
  out += '"';
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  // A third of the word may be wrong (at least one letter): "nulable", "colums", "refrences".
  const std::size_t tolerance = std::max<std::size_t>(1, word.size() / 3);
  const std::string lowered = lower_ascii(word);
  std::optional<std::string> best;
  std::size_t best_distance = tolerance + 1;
  for (const auto& candidate : candidates) {
    const std::size_t distance = edit_distance(lowered, lower_ascii(candidate));
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string unknown_name_hint(std::string_view word, const std::vector<std::string>& candidates,
                              std::string_view label) {
  std::string hint;
  if (const auto match = closest_match(word, candidates)) hint = "did you mean '" + *match + "'? ";
  return hint + std::string(label) + ": " + (candidates.empty() ? std::string("none") : join(candidates));
}

}  // namespace dbmig::util
