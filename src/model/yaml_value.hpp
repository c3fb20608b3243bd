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

#include "model/yaml_tree.hpp"
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
  // The root of a parsed document; `what` names it in messages ("the models file").
  static Value root_of(std::shared_ptr<const YamlDocument> document, std::string what);
  // A node of yaml-cpp's tree (converted), for readers handed one; located by its own mark.
  static Value at_node(const YAML::Node& node, std::string_view file, std::string what);

  const YamlNode& node() const { return *node_; }
  // `what` names the value in messages ("table 'users'", "'nullable' of column 'users.id'").
  std::string what() const { return name()->text(); }
  Location where() const { return Location{document_->file, line_, column_}; }
  const std::string& file() const { return document_->file; }
  bool is_null() const { return node_->is_null(); }
  bool is_sequence() const { return node_->is_sequence(); }
  bool is_mapping() const { return node_->is_mapping(); }

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
  // How the name is made: the value's own, or 'key' / item N of the container named by name_.
  // Children keep their parent's name and their key, and a name object is made only for a value
  // whose children are read (or when a message needs it): a large models.yaml has tens of
  // thousands of values.
  enum class Relation : std::uint8_t { own, key, item };

  Value(std::shared_ptr<const YamlDocument> document, const YamlNode* node, std::shared_ptr<const ValueName> name,
        int line, int column)
      : document_(std::move(document)), node_(node), name_(std::move(name)), line_(line), column_(column) {}

  std::shared_ptr<const ValueName> name() const;
  std::string kind_name() const;  // "a mapping", "a list", ... for "expected X, got Y"

  friend class Mapping;

  std::shared_ptr<const YamlDocument> document_;  // keeps node_ (and key_) alive
  const YamlNode* node_;
  std::shared_ptr<const ValueName> name_;  // the value's own name, or its container's
  Relation relation_ = Relation::own;
  const std::string* key_ = nullptr;  // for Relation::key, in the document
  std::size_t item_ = 0;              // for Relation::item, 1-based
  int line_ = 0;
  int column_ = 0;
};

struct Entry {
  std::string key;
  Value value;
  int key_line = 0;
  int key_column = 0;

  Location key_where() const { return Location{value.file(), key_line, key_column}; }
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

  // A small mapping (a column's flags) is searched in order; a large one (a thousand tables)
  // through by_key_, whose keys view the document's key texts.
  static constexpr std::size_t indexed_from = 16;

  Value value_;
  std::vector<Entry> entries_;                                 // in document order
  std::unordered_map<std::string_view, std::size_t> by_key_;  // key -> index in entries_, when indexed
};

// Parses a whole document for Value::root_of (load_yaml_tree, yaml_load.hpp): a YAML syntax
// error, or YAML past the limits of yaml_limits.hpp, is a usage error at file:line:column.
std::shared_ptr<const YamlDocument> parse_document(std::string_view text, std::string_view file);

// The text of a YAML file; a usage error naming `what` when it cannot be read.
std::string read_yaml_text(const std::string& path, std::string_view what);

}  // namespace dbmig::model
