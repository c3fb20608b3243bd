#include <cctype>

#include "config/config.hpp"

namespace dbmig::config {

bool is_timeout_setting(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
  if (at == 0) return false;
  if (at < text.size() && text[at] == '.') {
    const std::size_t fraction = ++at;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
    if (at == fraction) return false;
  }
  const std::string_view unit = text.substr(at);
  return unit.empty() || unit == "ms" || unit == "s" || unit == "min" || unit == "h" || unit == "d";
}

}  // namespace dbmig::config
