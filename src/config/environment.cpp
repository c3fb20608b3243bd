// ${VAR} and ${VAR:-default} expansion for dbmig.yaml values.
#include <cctype>
#include <cstdlib>
#include <stdexcept>

#include "config/config.hpp"

namespace dbmig::config {

namespace {

bool is_variable_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

// The index of the '}' that closes the "${" at `open`, counting nested "${...}" in a default.
std::size_t closing_brace(std::string_view text, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    if (text.compare(i, 2, "${") == 0) {
      ++depth;
      ++i;
    } else if (text[i] == '}' && --depth == 0) {
      return i;
    }
  }
  throw std::invalid_argument("unterminated ${ in '" + std::string(text) + "': write ${VAR} or ${VAR:-default}");
}

// The value of one "${...}" body: "VAR" or "VAR:-default" (the default itself expanded). Like the
// shell, an empty variable also takes the default.
std::string substitute(std::string_view body) {
  const std::size_t default_mark = body.find(":-");
  const std::string name(body.substr(0, default_mark));
  if (!is_variable_name(name))
    throw std::invalid_argument("bad variable reference ${" + std::string(body) +
                                "}: write ${VAR} or ${VAR:-default} with VAR made of letters, digits and _");
  const char* value = std::getenv(name.c_str());
  if (value != nullptr && (*value != '\0' || default_mark == std::string_view::npos)) return value;
  if (default_mark != std::string_view::npos) return expand_environment(body.substr(default_mark + 2));
  throw std::invalid_argument("environment variable " + name + " is not set: set it, or give a default with ${" +
                              name + ":-default}");
}

}  // namespace

std::string expand_environment(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 3, "$${") == 0) {  // an escaped, literal "${"
      out += "${";
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") == 0) {
      const std::size_t close = closing_brace(text, i);
      out += substitute(text.substr(i + 2, close - i - 2));
      i = close + 1;
      continue;
    }
    out += text[i++];
  }
  return out;
}

}  // namespace dbmig::config
