// PostgreSQL timeout settings as dbmig.yaml and the command line give them (config.hpp).
#include <cctype>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <string>

#include "config/config.hpp"

namespace dbmig::config {

namespace {

// Milliseconds in one of each unit PostgreSQL's time settings take.
std::optional<double> unit_milliseconds(std::string_view unit) {
  if (unit.empty() || unit == "ms") return 1.0;
  if (unit == "s") return 1000.0;
  if (unit == "min") return 60'000.0;
  if (unit == "h") return 3'600'000.0;
  if (unit == "d") return 86'400'000.0;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> timeout_setting_problem(std::string_view text) {
  const std::string not_a_timeout = "'" + std::string(text) + "' is not a timeout";
  std::size_t at = 0;
  while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
  if (at == 0) return not_a_timeout;
  if (at < text.size() && text[at] == '.') {
    const std::size_t fraction = ++at;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
    if (at == fraction) return not_a_timeout;
  }
  const auto unit = unit_milliseconds(text.substr(at));
  if (!unit) return not_a_timeout;
  // strtod: a number too large for a double is HUGE_VAL, not an exception.
  // PostgreSQL keeps these settings as a number of milliseconds in an int and refuses a larger
  // one at SET, after the run has begun: refused here instead. Its rounding is the same (rint).
  const double milliseconds = std::rint(std::strtod(std::string(text.substr(0, at)).c_str(), nullptr) * *unit);
  if (milliseconds > static_cast<double>(INT_MAX))
    return "'" + std::string(text) + "' is longer than PostgreSQL allows: at most " + std::to_string(INT_MAX) +
           "ms (about 24 days)";
  return std::nullopt;
}

bool is_timeout_setting(std::string_view text) { return !timeout_setting_problem(text); }

std::optional<long long> timeout_setting_milliseconds(std::string_view text) {
  if (timeout_setting_problem(text)) return std::nullopt;
  std::size_t at = 0;
  while (at < text.size() && (std::isdigit(static_cast<unsigned char>(text[at])) || text[at] == '.')) ++at;
  const double number = std::strtod(std::string(text.substr(0, at)).c_str(), nullptr);
  return static_cast<long long>(std::rint(number * *unit_milliseconds(text.substr(at))));
}

}  // namespace dbmig::config
