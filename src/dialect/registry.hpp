#pragma once
// The registered dialects: each one's name (the key of its raw SQL in revision files), the URL
// schemes that select it, and how to make it. The one list a new dialect joins.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dbmig::dialect {

class Dialect;

struct DialectEntry {
  std::string_view name;                   // "sqlite", "postgresql"
  std::vector<std::string_view> schemes;   // the DatabaseUrl schemes it serves
  std::function<std::unique_ptr<Dialect>()> make;
};

const std::vector<DialectEntry>& registered_dialects();

// The names of the registered dialects, in registration order: the keys a `sql:` step may use.
std::vector<std::string> dialect_names();

}  // namespace dbmig::dialect
