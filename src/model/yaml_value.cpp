#include "model/yaml_value.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "util/text.hpp"

namespace dbmig::model {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

Location node_location(const YAML::Node& node, std::string_view file) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.line < 0) return Location{std::string(file), 0, 0};
  return Location{std::string(file), mark.line + 1, mark.column + 1};
}

YAML::Node parse_yaml(std::string_view text, std::string_view file) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& error) {
    const Location where{std::string(file), error.mark.line + 1, error.mark.column + 1};
    throw usage_error("YAML syntax error: " + error.msg, where,
                      "check the indentation and quoting near this spot; quote values that contain ': ' or start with "
                      "{, [, *, & or #");
  }
}

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

YAML::Node parse_yaml_file(const std::string& path, std::string_view what) {
  return parse_yaml(read_yaml_text(path, what), path);
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

Value::Value(YAML::Node node, std::string what, Location where)
    : node_(std::move(node)), what_(std::make_shared<const ValueName>(std::move(what))), where_(std::move(where)) {}

Value::Value(YAML::Node node, std::shared_ptr<const ValueName> what, Location where)
    : node_(std::move(node)), what_(std::move(what)), where_(std::move(where)) {}

Value Value::at_node(const YAML::Node& node, std::string_view file, std::string what) {
  return Value(node, std::move(what), node_location(node, file));
}

bool Value::is_null() const { return !node_.IsDefined() || node_.IsNull(); }

Value Value::named(std::string what) const { return Value(node_, std::move(what), where_); }

void Value::fail(std::string message, std::string hint) const {
  throw usage_error(std::move(message), where_, std::move(hint));
}

std::string Value::kind_name() const {
  if (is_null()) return "nothing";
  if (node_.IsMap()) return "a mapping";
  if (node_.IsSequence()) return "a list";
  return "'" + node_.Scalar() + "'";
}

std::string Value::text() const {
  if (is_null()) fail("missing value for " + what());
  if (!node_.IsScalar()) fail("expected a single value for " + what() + ", got " + kind_name(), "write a plain value, quoted if it contains ': ' or starts with {, [ or #");
  return node_.Scalar();
}

std::optional<std::string> Value::optional_text() const {
  if (is_null()) return std::nullopt;
  return text();
}

bool Value::boolean() const {
  if (node_.IsScalar()) {
    const std::string word = lower(node_.Scalar());
    if (word == "true" || word == "yes" || word == "on") return true;
    if (word == "false" || word == "no" || word == "off") return false;
  }
  fail("expected true or false for " + what() + ", got " + kind_name(), "write true or false");
}

std::vector<Value> Value::items() const {
  if (is_null()) return {};
  if (!node_.IsSequence())
    fail("expected a list for " + what() + ", got " + kind_name(), "write a YAML list: [a, b] or one '- item' per line");
  std::vector<Value> out;
  out.reserve(node_.size());
  std::size_t index = 0;
  for (const auto& item : node_) {
    ++index;
    Location item_where = node_location(item, where_.file);
    if (item_where.line == 0) item_where = where_;
    out.emplace_back(item, ValueName::item_of(index, what_), std::move(item_where));
  }
  return out;
}

std::vector<std::string> Value::texts() const {
  std::vector<std::string> out;
  for (const auto& item : items()) out.push_back(item.text());
  return out;
}

Mapping Value::mapping(const std::vector<std::string>& allowed_keys) const {
  if (!is_null() && !node_.IsMap())
    fail("expected a mapping for " + what() + ", got " + kind_name(), "write key: value pairs; valid keys: " + util::join(allowed_keys));
  return Mapping(*this, &allowed_keys);
}

Mapping Value::named_entries(std::string hint) const {
  if (!is_null() && !node_.IsMap()) fail("expected a mapping for " + what() + ", got " + kind_name(), std::move(hint));
  return Mapping(*this, nullptr);
}

// ---- Mapping ----

Mapping::Mapping(Value value, const std::vector<std::string>* allowed_keys) : value_(std::move(value)) {
  if (value_.is_null()) return;
  // Reserved: a mapping of a thousand tables grew these a dozen times each.
  entries_.reserve(value_.node().size());
  by_key_.reserve(value_.node().size());
  for (auto it = value_.node().begin(); it != value_.node().end(); ++it) {
    const Location key_where = node_location(it->first, value_.file());
    if (!it->first.IsScalar())
      throw usage_error("a key in " + value_.what() + " is not a plain name", key_where,
                        "write keys as plain names: name: value");
    const std::string key = it->first.Scalar();
    if (allowed_keys && std::find(allowed_keys->begin(), allowed_keys->end(), key) == allowed_keys->end())
      throw usage_error("unknown key '" + key + "' in " + value_.what(), key_where,
                        util::unknown_name_hint(key, *allowed_keys, "valid keys"));
    if (const Entry* first = find(key))
      throw usage_error("duplicate key '" + key + "' in " + value_.what(), key_where,
                        "it is already given at line " + std::to_string(first->key_where.line) +
                            "; keep one of them");
    // A key without a value has a null node whose mark points past the key: point at the key.
    const Location value_where =
        it->second.IsNull() ? key_where : node_location(it->second, value_.file());
    by_key_.emplace(key, entries_.size());
    entries_.push_back(Entry{key, key_where, Value(it->second, ValueName::key_of(key, value_.what_), value_where)});
  }
}

const Entry* Mapping::find(std::string_view key) const {
  const auto it = by_key_.find(std::string(key));
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
