#include "util/json.hpp"

#include <cstdio>

namespace dbmig::util {

namespace {

void write_string(std::string& out, const std::string& text) {
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace

Json Json::array_of(const std::vector<std::string>& strings) {
  Array items;
  items.reserve(strings.size());
  for (const auto& s : strings) items.emplace_back(s);
  return Json(std::move(items));
}

std::string Json::dump() const {
  std::string out;
  write(out);
  return out;
}

void Json::write(std::string& out) const {
  if (std::holds_alternative<std::nullptr_t>(value_)) {
    out += "null";
  } else if (const auto* b = std::get_if<bool>(&value_)) {
    out += *b ? "true" : "false";
  } else if (const auto* i = std::get_if<std::int64_t>(&value_)) {
    out += std::to_string(*i);
  } else if (const auto* d = std::get_if<double>(&value_)) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", *d);
    out += buffer;
  } else if (const auto* s = std::get_if<std::string>(&value_)) {
    write_string(out, *s);
  } else if (const auto* a = std::get_if<Array>(&value_)) {
    out += '[';
    for (std::size_t k = 0; k < a->size(); ++k) {
      if (k > 0) out += ',';
      (*a)[k].write(out);
    }
    out += ']';
  } else if (const auto* o = std::get_if<Object>(&value_)) {
    out += '{';
    for (std::size_t k = 0; k < o->size(); ++k) {
      if (k > 0) out += ',';
      write_string(out, (*o)[k].first);
      out += ':';
      (*o)[k].second.write(out);
    }
    out += '}';
  }
}

}  // namespace dbmig::util
