#include "model/yaml_value.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/yaml_load.hpp"
#include "util/text.hpp"

namespace dbmig::model {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

std::string read_yaml_text(const std::string& path, std::string_view what) {
  std::error_code ignored;
  std::ifstream in(path, std::ios::binary);
  if (!in || std::filesystem::is_directory(path, ignored))
    throw usage_error("cannot read " + std::string(what) + " '" + path + "'", std::nullopt,
                      "check that the file exists and is readable");
  std::ostringstream content;
  content << in.rdbuf();
  return std::move(content).str();
}

std::shared_ptr<const YamlDocument> parse_document(std::string_view text, std::string_view file) {
  return std::make_shared<const YamlDocument>(YamlDocument{std::string(file), load_yaml_tree(text, file)});
}

// ---- ValueName ----

std::shared_ptr<const ValueName> ValueName::key_of(std::string key, std::shared_ptr<const ValueName> parent) {
  return std::shared_ptr<const ValueName>(new ValueName(Kind::key, std::move(key), std::move(parent)));
}

std::shared_ptr<const ValueName> ValueName::item_of(std::size_t index, std::shared_ptr<const ValueName> parent) {
  return std::shared_ptr<const ValueName>(new ValueName(Kind::item, std::to_string(index), std::move(parent)));
}

std::string ValueName::text() const {
  switch (kind_) {
    case Kind::key: return "'" + text_ + "' of " + parent_->text();
    case Kind::item: return "item " + text_ + " of " + parent_->text();
    case Kind::plain: break;
  }
  return text_;
}

// ---- Value ----

Value Value::root_of(std::shared_ptr<const YamlDocument> document, std::string what) {
  const YamlNode* root = &document->root;
  return Value(std::move(document), root, std::make_shared<const ValueName>(std::move(what)), root->line, root->column);
}

Value Value::at_node(const YAML::Node& node, std::string_view file, std::string what) {
  return root_of(std::make_shared<const YamlDocument>(YamlDocument{std::string(file), tree_of(node, file)}), std::move(what));
}

std::shared_ptr<const ValueName> Value::name() const {
  switch (relation_) {
    case Relation::key: return ValueName::key_of(*key_, name_);
    case Relation::item: return ValueName::item_of(item_, name_);
    case Relation::own: break;
  }
  return name_;
}

Value Value::named(std::string what) const {
  return Value(document_, node_, std::make_shared<const ValueName>(std::move(what)), line_, column_);
}

void Value::fail(std::string message, std::string hint) const {
  throw usage_error(std::move(message), where(), std::move(hint));
}

std::string Value::kind_name() const {
  switch (node_->kind) {
    case YamlNode::Kind::null: return "nothing";
    case YamlNode::Kind::mapping: return "a mapping";
    case YamlNode::Kind::sequence: return "a list";
    case YamlNode::Kind::scalar: break;
  }
  return "'" + node_->text + "'";
}

std::string Value::text() const {
  if (is_null()) fail("missing value for " + what());
  if (!node_->is_scalar())
    fail("expected a single value for " + what() + ", got " + kind_name(),
         "write a plain value, quoted if it contains ': ' or starts with {, [ or #");
  return node_->text;
}

std::optional<std::string> Value::optional_text() const {
  if (is_null()) return std::nullopt;
  return text();
}

bool Value::boolean() const {
  if (node_->is_scalar()) {
    const std::string word = lower(node_->text);
    if (word == "true" || word == "yes" || word == "on") return true;
    if (word == "false" || word == "no" || word == "off") return false;
  }
  fail("expected true or false for " + what() + ", got " + kind_name(), "write true or false");
}

std::vector<Value> Value::items() const {
  if (is_null()) return {};
  if (!node_->is_sequence())
    fail("expected a list for " + what() + ", got " + kind_name(), "write a YAML list: [a, b] or one '- item' per line");
  std::vector<Value> out;
  out.reserve(node_->items.size());
  const std::shared_ptr<const ValueName> list_name = name();
  for (std::size_t index = 0; index < node_->items.size(); ++index) {
    const YamlNode& item = node_->items[index];
    // An item without a position of its own (an empty `-`) is reported at the list.
    const bool located = item.line > 0;
    Value value(document_, &item, list_name, located ? item.line : line_, located ? item.column : column_);
    value.relation_ = Relation::item;
    value.item_ = index + 1;
    out.push_back(std::move(value));
  }
  return out;
}

std::vector<std::string> Value::texts() const {
  std::vector<std::string> out;
  for (const auto& item : items()) out.push_back(item.text());
  return out;
}

Mapping Value::mapping(const std::vector<std::string>& allowed_keys) const {
  if (!is_null() && !node_->is_mapping())
    fail("expected a mapping for " + what() + ", got " + kind_name(), "write key: value pairs; valid keys: " + util::join(allowed_keys));
  return Mapping(*this, &allowed_keys);
}

Mapping Value::named_entries(std::string hint) const {
  if (!is_null() && !node_->is_mapping()) fail("expected a mapping for " + what() + ", got " + kind_name(), std::move(hint));
  return Mapping(*this, nullptr);
}

// ---- Mapping ----

Mapping::Mapping(Value value, const std::vector<std::string>* allowed_keys) : value_(std::move(value)) {
  const YamlNode& node = value_.node();
  if (!node.is_mapping()) return;
  const std::size_t size = node.items.size();
  entries_.reserve(size);
  if (size >= indexed_from) by_key_.reserve(size);
  const std::shared_ptr<const ValueName> mapping_name = value_.name();
  for (std::size_t index = 0; index < size; ++index) {
    const YamlNode& key_node = node.keys[index];
    const YamlNode& value_node = node.items[index];
    const auto key_where = [&] { return Location{value_.file(), key_node.line, key_node.column}; };
    if (!key_node.is_scalar())
      throw usage_error("a key in " + value_.what() + " is not a plain name", key_where(),
                        "write keys as plain names: name: value");
    const std::string& key = key_node.text;
    if (allowed_keys && std::find(allowed_keys->begin(), allowed_keys->end(), key) == allowed_keys->end())
      throw usage_error("unknown key '" + key + "' in " + value_.what(), key_where(),
                        util::unknown_name_hint(key, *allowed_keys, "valid keys"));
    if (const Entry* first = find(key))
      throw usage_error("duplicate key '" + key + "' in " + value_.what(), key_where(),
                        "it is already given at line " + std::to_string(first->key_line) + "; keep one of them");
    // A key without a value (a null without a position) is reported at the key.
    const bool located = !value_node.is_null() && value_node.line > 0;
    Value entry_value(value_.document_, &value_node, mapping_name, located ? value_node.line : key_node.line,
                      located ? value_node.column : key_node.column);
    entry_value.relation_ = Value::Relation::key;
    entry_value.key_ = &key;
    if (size >= indexed_from) by_key_.emplace(std::string_view(key), entries_.size());
    entries_.push_back(Entry{key, std::move(entry_value), key_node.line, key_node.column});
  }
}

const Entry* Mapping::find(std::string_view key) const {
  if (by_key_.empty()) {
    for (const Entry& entry : entries_)
      if (entry.key == key) return &entry;
    return nullptr;
  }
  const auto it = by_key_.find(key);
  return it == by_key_.end() ? nullptr : &entries_[it->second];
}

std::optional<Value> Mapping::get(std::string_view key) const {
  if (const Entry* entry = find(key)) return entry->value;
  return std::nullopt;
}

Value Mapping::require(std::string_view key, std::string hint) const {
  if (const Entry* entry = find(key)) return entry->value;
  value_.fail("missing '" + std::string(key) + "' in " + value_.what(), std::move(hint));
}

}  // namespace dbmig::model
