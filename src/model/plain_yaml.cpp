#include "model/plain_yaml.hpp"

#include <cctype>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "model/yaml_limits.hpp"

namespace dbmig::model {
namespace {

// YAML outside the subset this reader takes; caught in read_plain_yaml, never seen by callers.
struct Unsupported {};

[[noreturn]] void unsupported() { throw Unsupported{}; }

struct Line {
  std::size_t indent = 0;
  std::string_view content;  // after the indentation, trailing blanks removed
  int number = 0;            // 1-based
};

using Kind = YamlNode::Kind;

YamlNode node_at(Kind kind, int line, std::size_t column) {
  YamlNode node;
  node.kind = kind;
  node.line = line;
  node.column = static_cast<int>(column);
  return node;
}

YamlNode scalar_at(std::string text, int line, std::size_t column) {
  YamlNode node = node_at(Kind::scalar, line, column);
  node.text = std::move(text);
  return node;
}

bool is_null_word(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

// A plain scalar as yaml-cpp reads it: the null words are null nodes, all else a scalar.
YamlNode plain(std::string_view text, int line, std::size_t column) {
  if (is_null_word(text)) return node_at(Kind::null, line, column);
  return scalar_at(std::string(text), line, column);
}

bool is_key_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '$';
}

// Where the `:` ending a plain key at the start of `text` is (followed by a blank or the end);
// npos when `text` does not start with such a key. A null word is no such key: yaml-cpp reads
// `null:` as a null key, not as the name "null" (found by the plain_yaml fuzz target).
std::size_t key_end(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size() && is_key_char(text[at])) ++at;
  if (at == 0 || text[0] == '-' || at == text.size() || text[at] != ':') return std::string_view::npos;
  if (at + 1 < text.size() && text[at + 1] != ' ') return std::string_view::npos;
  if (is_null_word(text.substr(0, at))) return std::string_view::npos;
  return at;
}

// A plain scalar must not start with an indicator (a '-' before a non-blank, as in -1, is fine).
void check_plain_start(std::string_view text) {
  if (text.empty()) return;
  const char first = text[0];
  if (first == '-' && text.size() > 1 && text[1] != ' ') return;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(first) != std::string_view::npos) unsupported();
}

// One-line values: flow collections, quoted and plain scalars.
class InlineReader {
 public:
  // `text` is on line `line`, starting at (1-based) column `column`, inside `depth` collections.
  InlineReader(std::string_view text, int line, std::size_t column, std::size_t depth)
      : text_(text), line_(line), column_(column), depth_(depth) {}

  // A value at the current position; in block context a plain scalar runs to the end.
  YamlNode value(bool block) {
    skip_blanks();
    if (at_ >= text_.size()) unsupported();
    const std::size_t column = column_ + at_;
    switch (text_[at_]) {
      case '{': return flow_mapping();
      case '[': return flow_sequence();
      case '"': return scalar_at(double_quoted(), line_, column);
      case '\'': return scalar_at(single_quoted(), line_, column);
      default: return block ? block_plain() : plain(flow_plain(), line_, column);
    }
  }

  bool at_end() {
    skip_blanks();
    return at_ >= text_.size();
  }

 private:
  void skip_blanks() {
    while (at_ < text_.size() && text_[at_] == ' ') ++at_;
  }

  char next_char() {
    skip_blanks();
    if (at_ >= text_.size()) unsupported();  // a flow collection that goes on on the next line
    return text_[at_];
  }

  YamlNode block_plain() {
    const std::size_t column = column_ + at_;
    const std::string_view text = text_.substr(at_);
    check_plain_start(text);
    // ": " would make it a mapping, " #" a comment, a trailing ':' a key: leave those to yaml-cpp.
    if (text.find(": ") != std::string_view::npos || text.find(" #") != std::string_view::npos ||
        text.back() == ':')
      unsupported();
    at_ = text_.size();
    return plain(text, line_, column);
  }

  std::string_view flow_plain() {
    const std::size_t start = at_;
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}') break;
      if (c == ':' && (at_ + 1 == text_.size() || text_[at_ + 1] == ' ')) break;
      // `key:{...}`, `key:[...]`, `key:,`: yaml-cpp refuses some of these forms (found by fuzzing);
      // they are left to it, whose error or reading is then the only one.
      if (c == ':' && std::string_view(",[]{}").find(text_[at_ + 1]) != std::string_view::npos) unsupported();
      if (c == '#' && at_ > start && text_[at_ - 1] == ' ') unsupported();
      // yaml-cpp refuses a '?' inside a plain scalar of a flow collection ("unknown token"),
      // which YAML allows: left to yaml-cpp, whose error is what the user sees (found by fuzzing).
      if (c == '?') unsupported();
      ++at_;
    }
    std::string_view text = text_.substr(start, at_ - start);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (text.empty()) unsupported();  // `{a: , b: 1}` and the like
    check_plain_start(text);
    return text;
  }

  std::string double_quoted() {
    std::string out;
    for (++at_; at_ < text_.size(); ++at_) {
      const char c = text_[at_];
      if (c == '"') {
        ++at_;
        return out;
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      if (++at_ >= text_.size()) unsupported();
      switch (text_[at_]) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        default: unsupported();  // \u, \x, line continuations...: yaml-cpp knows them all
      }
    }
    unsupported();  // runs on past the line
  }

  std::string single_quoted() {
    std::string out;
    for (++at_; at_ < text_.size(); ++at_) {
      if (text_[at_] != '\'') {
        out += text_[at_];
        continue;
      }
      if (at_ + 1 < text_.size() && text_[at_ + 1] == '\'') {
        out += '\'';
        ++at_;
        continue;
      }
      ++at_;
      return out;
    }
    unsupported();
  }

  // One more collection open; past the limit, yaml-cpp's parse reports it (yaml_limits.hpp).
  void enter() {
    if (++depth_ > max_yaml_depth) unsupported();
  }

  YamlNode flow_mapping() {
    YamlNode node = node_at(Kind::mapping, line_, column_ + at_);
    enter();
    ++at_;
    if (next_char() == '}') {
      ++at_;
      --depth_;
      return node;
    }
    while (true) {
      skip_blanks();
      const std::size_t key_column = column_ + at_;
      const std::string key(flow_plain());
      if (key_end(key + ":") != key.size()) unsupported();  // only plain keys of name characters
      if (next_char() != ':') unsupported();
      ++at_;
      for (const YamlNode& earlier : node.keys)
        if (earlier.text == key) unsupported();  // a duplicate: yaml-cpp's error says where
      node.keys.push_back(scalar_at(key, line_, key_column));
      node.items.push_back(value(false));
      const char after = next_char();
      ++at_;
      if (after == '}') {
        --depth_;
        return node;
      }
      if (after != ',') unsupported();
    }
  }

  YamlNode flow_sequence() {
    YamlNode node = node_at(Kind::sequence, line_, column_ + at_);
    enter();
    ++at_;
    if (next_char() == ']') {
      ++at_;
      --depth_;
      return node;
    }
    while (true) {
      node.items.push_back(value(false));
      const char after = next_char();
      ++at_;
      if (after == ']') {
        --depth_;
        return node;
      }
      if (after != ',') unsupported();
    }
  }

  std::string_view text_;
  int line_;
  std::size_t column_;
  std::size_t depth_;
  std::size_t at_ = 0;
};

YamlNode inline_value(std::string_view text, int line, std::size_t column, std::size_t depth) {
  InlineReader reader(text, line, column, depth);
  YamlNode node = reader.value(true);
  if (!reader.at_end()) unsupported();  // "quoted" and more after it
  return node;
}

bool is_item(std::string_view content) { return content == "-" || content.starts_with("- "); }

// Block collections, line by line.
class BlockReader {
 public:
  explicit BlockReader(std::vector<Line> lines) : lines_(std::move(lines)) {}

  YamlNode document() {
    if (lines_.empty()) unsupported();  // an empty document: yaml-cpp says what it is
    YamlNode root = collection_at(lines_.front());
    fill(root, lines_.front().indent);
    if (at_ != lines_.size()) unsupported();
    return root;
  }

 private:
  // The block collection `line` starts: a sequence for an item, else a mapping.
  static YamlNode collection_at(const Line& line) {
    return node_at(is_item(line.content) ? Kind::sequence : Kind::mapping, line.number, line.indent + 1);
  }

  // A collection node of the kind the line at `at_` starts, filled from the lines at `indent`.
  void fill(YamlNode& node, std::size_t indent) {
    if (++depth_ > max_yaml_depth) unsupported();  // yaml-cpp's parse reports it (yaml_limits.hpp)
    if (node.is_sequence()) {
      sequence(node, indent);
    } else {
      mapping(node, indent);
    }
    --depth_;
  }

  // The value of a `key:` or `-` with nothing after it, filled: a deeper block, a sequence at the
  // key's own indentation (YAML allows that for a mapping's value), or null (without a position,
  // so that it is reported at its key or item).
  YamlNode nested(std::size_t indent, bool aligned_sequence) {
    if (at_ < lines_.size()) {
      const Line& line = lines_[at_];
      if (line.indent > indent || (aligned_sequence && line.indent == indent && is_item(line.content))) {
        YamlNode child = collection_at(line);
        fill(child, line.indent);
        return child;
      }
    }
    return YamlNode{};
  }

  void mapping(YamlNode& node, std::size_t indent) {
    std::unordered_set<std::string_view> keys;
    while (at_ < lines_.size() && lines_[at_].indent == indent && !is_item(lines_[at_].content)) {
      const Line line = lines_[at_];
      const std::size_t colon = key_end(line.content);
      if (colon == std::string_view::npos) unsupported();
      const std::string_view key = line.content.substr(0, colon);
      if (!keys.insert(key).second) unsupported();  // a duplicate: yaml-cpp's error says where
      std::size_t value_at = colon + 1;
      while (value_at < line.content.size() && line.content[value_at] == ' ') ++value_at;
      ++at_;
      node.keys.push_back(scalar_at(std::string(key), line.number, line.indent + 1));
      if (value_at < line.content.size())
        node.items.push_back(
            inline_value(line.content.substr(value_at), line.number, line.indent + value_at + 1, depth_));
      else
        node.items.push_back(nested(indent, true));
    }
    if (at_ < lines_.size() && lines_[at_].indent > indent) unsupported();
  }

  void sequence(YamlNode& node, std::size_t indent) {
    while (at_ < lines_.size() && lines_[at_].indent == indent && is_item(lines_[at_].content)) {
      const Line line = lines_[at_];
      std::string_view rest = line.content.substr(1);
      std::size_t offset = 1;
      while (!rest.empty() && rest.front() == ' ') {
        rest.remove_prefix(1);
        ++offset;
      }
      if (rest.empty()) {
        ++at_;
        node.items.push_back(nested(indent, false));
      } else if (key_end(rest) != std::string_view::npos) {
        // `- key: value`: a mapping whose keys line up with this first one.
        lines_[at_] = Line{indent + offset, rest, line.number};
        YamlNode child = collection_at(lines_[at_]);
        fill(child, indent + offset);
        node.items.push_back(std::move(child));
      } else {
        ++at_;
        node.items.push_back(inline_value(rest, line.number, indent + offset + 1, depth_));
      }
    }
    if (at_ < lines_.size() && lines_[at_].indent > indent) unsupported();
  }

  std::vector<Line> lines_;
  std::size_t at_ = 0;
  std::size_t depth_ = 0;  // collections open
};

std::vector<Line> lines_of(std::string_view text) {
  std::vector<Line> lines;
  std::size_t at = 0;
  int number = 0;
  while (at < text.size()) {
    ++number;
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(at, end - at);
    const bool ended_by_newline = end < text.size();
    at = end + 1;
    if (raw.find('\t') != std::string_view::npos) unsupported();
    // "\r\n" ends a line like "\n"; any other carriage return is a line break of its own to YAML
    // (found by fuzzing: "-\r", "a: [x]\r"), which this reader leaves to yaml-cpp.
    if (ended_by_newline && !raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    if (raw.find('\r') != std::string_view::npos) unsupported();
    // Other control characters (a NUL, found by fuzzing) are not YAML's printable set, and yaml-cpp
    // reads them its own way: left to it.
    for (const char c : raw)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) unsupported();
    while (!raw.empty() && raw.back() == ' ') raw.remove_suffix(1);
    std::size_t indent = 0;
    while (indent < raw.size() && raw[indent] == ' ') ++indent;
    const std::string_view content = raw.substr(indent);
    if (content.empty() || content.front() == '#') continue;
    lines.push_back(Line{indent, content, number});
  }
  return lines;
}

}  // namespace

std::optional<YamlNode> read_plain_yaml(std::string_view text) {
  try {
    return BlockReader(lines_of(text)).document();
  } catch (const Unsupported&) {
    return std::nullopt;
  }
}

}  // namespace dbmig::model
