#pragma once
// A small JSON value for `--format json` output. Keys keep insertion order so the documented
// shapes read the same every time.
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace dbmig::util {

class Json {
 public:
  using Array = std::vector<Json>;
  using Object = std::vector<std::pair<std::string, Json>>;

  Json() : value_(nullptr) {}
  Json(std::nullptr_t) : value_(nullptr) {}
  Json(bool value) : value_(value) {}
  Json(int value) : value_(static_cast<std::int64_t>(value)) {}
  Json(std::int64_t value) : value_(value) {}
  Json(double value) : value_(value) {}
  Json(const char* value) : value_(std::string(value)) {}
  Json(std::string value) : value_(std::move(value)) {}
  Json(Array value) : value_(std::move(value)) {}
  Json(Object value) : value_(std::move(value)) {}

  static Json array_of(const std::vector<std::string>& strings);

  std::string dump() const;  // compact, one line

 private:
  void write(std::string& out) const;
  std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, Object> value_;
};

}  // namespace dbmig::util
