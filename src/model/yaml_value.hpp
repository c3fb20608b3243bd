#pragma once
// Reading a user's YAML file with an error for every surprise: each value knows what it is (for
// the message) and where it is (file:line:column), so readers of models.yaml, dbmig.yaml and
// revision files say "expected true or false for 'nullable' of column 'users.id'" at the right spot.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "util/error.hpp"

namespace dbmig::model {

class Mapping;

// How messages name a value, composed only when a message asks for it: a large models.yaml has
// tens of thousands of values, and spelling out "'type' of column 'amount' of table 't0001'" for
// each one while reading (almost never to be printed) was a sixth of loading it.
class ValueName {
 public:
  explicit ValueName(std::string text) : text_(std::move(text)) {}
  // "'key' of <parent>"; "item N of <parent>". The parent is shared, not copied.
  static std::shared_ptr<const ValueName> key_of(std::string key, std::shared_ptr<const ValueName> parent);
  static std::shared_ptr<const ValueName> item_of(std::size_t index, std::shared_ptr<const ValueName> parent);

  std::string text() const;

 private:
  enum class Kind { plain, key, item };
  ValueName(Kind kind, std::string text, std::shared_ptr<const ValueName> parent)
      : kind_(kind), text_(std::move(text)), parent_(std::move(parent)) {}

  Kind kind_ = Kind::plain;
  std::string text_;                          // the whole name, the key, or the item number
  std::shared_ptr<const ValueName> parent_;  // what the key or item is "of"
};

class Value {
 public:
  // `what` names the value in messages ("table 'users'", "'nullable' of column 'users.id'").
  Value(YAML::Node node, std::string what, Location where);
  Value(YAML::Node node, std::shared_ptr<const ValueName> what, Location where);
  // A node located by its own mark (a document root, a list item).
  static Value at_node(const YAML::Node& node, std::string_view file, std::string what);

  const YAML::Node& node() const { return node_; }
  std::string what() const { return what_->text(); }
  const Location& where() const { return where_; }
  const std::string& file() const { return where_.file; }
  bool is_null() const;
  bool is_sequence() const { return node_.IsSequence(); }
  bool is_mapping() const { return node_.IsMap(); }

  // The same value under another name in messages.
  Value named(std::string what) const;

  std::string text() const;                         // a scalar
  std::optional<std::string> optional_text() const;  // a scalar, or nothing for null
  bool boolean() const;                             // true/false (yes/no, on/off also)
  std::vector<std::string> texts() const;           // a list of scalars (null: empty)
  std::vector<Value> items() const;                 // a list (null: empty)
  // A mapping whose keys must be among `allowed_keys` (null: empty). Unknown and duplicate keys
  // are errors at the key, with a "did you mean" hint.
  Mapping mapping(const std::vector<std::string>& allowed_keys) const;
  // A mapping whose keys are names the user chose (tables, columns); duplicates are errors.
  // `hint` says what the mapping should look like when it is not one.
  Mapping named_entries(std::string hint) const;

  [[noreturn]] void fail(std::string message, std::string hint = {}) const;

 private:
  std::string kind_name() const;  // "a mapping", "a list", ... for "expected X, got Y"

  friend class Mapping;

  YAML::Node node_;
  std::shared_ptr<const ValueName> what_;
  Location where_;
};

struct Entry {
  std::string key;
  Location key_where;
  Value value;
};

class Mapping {
 public:
  const Value& value() const { return value_; }
  const std::vector<Entry>& entries() const { return entries_; }
  const Entry* find(std::string_view key) const;
  std::optional<Value> get(std::string_view key) const;
  // The value of a key that must be there; the error (at the mapping) carries `hint`.
  Value require(std::string_view key, std::string hint = {}) const;

 private:
  friend class Value;
  Mapping(Value value, const std::vector<std::string>* allowed_keys);

  Value value_;
  std::vector<Entry> entries_;                            // in document order
  std::unordered_map<std::string, std::size_t> by_key_;  // key -> index in entries_
};

// The location of a node in `file`, 1-based (yaml-cpp marks are 0-based); line 0 when unknown.
Location node_location(const YAML::Node& node, std::string_view file);

// Parses a whole document; a YAML syntax error becomes a usage error at its mark.
YAML::Node parse_yaml(std::string_view text, std::string_view file);

// Reads and parses a file; a missing or unreadable file is a usage error naming it.
YAML::Node parse_yaml_file(const std::string& path, std::string_view what);
// The text of a YAML file; a usage error naming `what` when it cannot be read.
std::string read_yaml_text(const std::string& path, std::string_view what);

}  // namespace dbmig::model
