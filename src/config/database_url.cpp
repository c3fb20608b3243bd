#include "config/database_url.hpp"

#include <cctype>
#include <optional>
#include <utility>

namespace dbmig::config {

namespace {

constexpr std::string_view password_mask = "***";

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  return true;
}

bool ends_userinfo_search(char c) { return c == '/' || c == '?' || c == '#' || std::isspace(static_cast<unsigned char>(c)); }

// In "scheme://user:pass@host...", starting just after "://": the range of "pass", if any. The
// last '@' before the host part counts, so that an unencoded '@' in a password is still hidden.
std::optional<std::pair<std::size_t, std::size_t>> password_range(std::string_view text, std::size_t authority) {
  std::size_t end = authority;
  while (end < text.size() && !ends_userinfo_search(text[end])) ++end;
  const std::size_t at = text.substr(authority, end - authority).rfind('@');
  if (at == std::string_view::npos) return std::nullopt;
  const std::size_t colon = text.substr(authority, at).find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  return std::pair{authority + colon + 1, authority + at};
}

// The end of a `password=value` value: conninfo strings separate with spaces, URLs with '&';
// a conninfo value may also be single-quoted.
std::size_t password_value_end(std::string_view text, std::size_t start) {
  if (start < text.size() && text[start] == '\'') {
    for (std::size_t i = start + 1; i < text.size(); ++i) {
      if (text[i] == '\\') ++i;
      else if (text[i] == '\'') return i + 1;
    }
    return text.size();
  }
  std::size_t end = start;
  while (end < text.size() && text[end] != '&' && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
  return end;
}

std::string mask_userinfo_passwords(std::string_view text) {
  std::string out;
  std::size_t copied = 0;
  for (std::size_t scheme_end = text.find("://"); scheme_end != std::string_view::npos;
       scheme_end = text.find("://", scheme_end + 3)) {
    const auto range = password_range(text, scheme_end + 3);
    if (!range) continue;
    out += text.substr(copied, range->first - copied);
    out += password_mask;
    copied = range->second;
  }
  return out + std::string(text.substr(copied));
}

// A password value that is the mask followed by punctuation only.
bool already_masked(std::string_view value) {
  return value.starts_with(password_mask) &&
         value.substr(password_mask.size()).find_first_not_of(":;,.)") == std::string_view::npos;
}

std::string mask_keyword_passwords(std::string_view text) {
  constexpr std::string_view keyword = "password=";
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i + keyword.size() <= text.size(); ++i) {
    if (!starts_with_ignoring_case(text.substr(i), keyword)) continue;
    // Only a whole word: "password=" but not "old_password=" inside some identifier.
    if (i > 0 && (std::isalnum(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '_')) continue;
    const std::size_t value = i + keyword.size();
    out += text.substr(copied, value - copied);
    out += password_mask;
    copied = password_value_end(text, value);
    // Masked already (a masked URL in a message masked once more): keep what follows the mask,
    // such as the ": " after the URL in "cannot connect to ...?password=***: reason".
    if (already_masked(text.substr(value, copied - value))) copied = value + password_mask.size();
    i = copied - 1;
  }
  return out + std::string(text.substr(copied));
}

}  // namespace

std::string mask_password(std::string_view url_or_text) {
  return mask_keyword_passwords(mask_userinfo_passwords(url_or_text));
}

std::string DatabaseUrl::masked() const { return mask_password(text); }

}  // namespace dbmig::config
