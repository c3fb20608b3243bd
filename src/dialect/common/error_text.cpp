#include "dialect/common/error_text.hpp"

namespace dbmig::dialect {

std::string one_line(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

std::string sql_for_message(std::string_view sql) {
  constexpr std::size_t max_length = 300;
  std::string flat = one_line(sql);
  if (flat.size() > max_length) flat = flat.substr(0, max_length) + "...";
  return flat;
}

}  // namespace dbmig::dialect
