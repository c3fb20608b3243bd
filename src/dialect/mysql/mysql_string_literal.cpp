#include "dialect/mysql/mysql_string_literal.hpp"

namespace dbmig::dialect::mysql {
namespace {

// The character `\c` stands for. \% and \_ keep their backslash: they are LIKE patterns' escapes,
// which MySQL leaves in the string for LIKE to read.
std::string unescaped(char c) {
  switch (c) {
    case '0': return std::string(1, '\0');
    case 'b': return "\b";
    case 'n': return "\n";
    case 'r': return "\r";
    case 't': return "\t";
    case 'Z': return "\x1a";
    case '%': return "\\%";
    case '_': return "\\_";
    default: return std::string(1, c);
  }
}

}  // namespace

std::string string_content(std::string_view quoted) {
  if (quoted.empty()) return {};
  const char quote = quoted.front();
  std::string out;
  for (std::size_t at = 1; at < quoted.size(); ++at) {
    const char c = quoted[at];
    if (c == '\\' && at + 1 < quoted.size()) {
      out += unescaped(quoted[++at]);
    } else if (c == quote) {
      if (at + 1 < quoted.size() && quoted[at + 1] == quote) {
        out += quote;
        ++at;
      } else {
        break;  // the closing quote
      }
    } else {
      out += c;
    }
  }
  return out;
}

std::string quote_string(std::string_view content) {
  std::string out = "'";
  for (const char c : content) {
    switch (c) {
      case '\'': out += "''"; break;
      case '\\': out += "\\\\"; break;
      case '\0': out += "\\0"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\x1a': out += "\\Z"; break;
      default: out += c;
    }
  }
  return out + "'";
}

}  // namespace dbmig::dialect::mysql
