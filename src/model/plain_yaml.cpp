#include "model/plain_yaml.hpp"

#include <cctype>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace dbmig::model {
namespace {

// YAML outside the subset this reader takes; caught in read_plain_yaml, never seen by callers.
struct Unsupported {};

[[noreturn]] void unsupported() { throw Unsupported{}; }

struct Line {
  std::size_t indent = 0;
  std::string_view content;  // after the indentation, trailing blanks removed
};

bool is_null_word(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

// A plain scalar as yaml-cpp reads it: the null words are null nodes, all else a scalar.
YAML::Node plain(std::string_view text) {
  if (is_null_word(text)) return YAML::Node(YAML::NodeType::Null);
  return YAML::Node(std::string(text));
}

bool is_key_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '$';
}

// Where the `:` ending a plain key at the start of `text` is (followed by a blank or the end);
// npos when `text` does not start with such a key.
std::size_t key_end(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size() && is_key_char(text[at])) ++at;
  if (at == 0 || text[0] == '-' || at == text.size() || text[at] != ':') return std::string_view::npos;
  if (at + 1 < text.size() && text[at + 1] != ' ') return std::string_view::npos;
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
  explicit InlineReader(std::string_view text) : text_(text) {}

  // A value at the current position; in block context a plain scalar runs to the end.
  YAML::Node value(bool block) {
    skip_blanks();
    if (at_ >= text_.size()) unsupported();
    switch (text_[at_]) {
      case '{': return flow_mapping();
      case '[': return flow_sequence();
      case '"': return YAML::Node(double_quoted());
      case '\'': return YAML::Node(single_quoted());
      default: return block ? block_plain() : plain(flow_plain());
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

  YAML::Node block_plain() {
    const std::string_view text = text_.substr(at_);
    check_plain_start(text);
    // ": " would make it a mapping, " #" a comment, a trailing ':' a key: leave those to yaml-cpp.
    if (text.find(": ") != std::string_view::npos || text.find(" #") != std::string_view::npos ||
        text.back() == ':')
      unsupported();
    at_ = text_.size();
    return plain(text);
  }

  std::string_view flow_plain() {
    const std::size_t start = at_;
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}') break;
      if (c == ':' && (at_ + 1 == text_.size() || std::string_view(" ,[]{}").find(text_[at_ + 1]) != std::string_view::npos))
        break;
      if (c == '#' && at_ > start && text_[at_ - 1] == ' ') unsupported();
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

  YAML::Node flow_mapping() {
    YAML::Node node(YAML::NodeType::Map);
    std::unordered_set<std::string> keys;
    ++at_;
    if (next_char() == '}') {
      ++at_;
      return node;
    }
    while (true) {
      skip_blanks();
      const std::string key(flow_plain());
      if (key_end(key + ":") != key.size()) unsupported();  // only plain keys of name characters
      if (next_char() != ':') unsupported();
      ++at_;
      if (!keys.insert(key).second) unsupported();
      node.force_insert(key, value(false));  // no lookup: keys are known to be distinct
      const char after = next_char();
      ++at_;
      if (after == '}') return node;
      if (after != ',') unsupported();
    }
  }

  YAML::Node flow_sequence() {
    YAML::Node node(YAML::NodeType::Sequence);
    ++at_;
    if (next_char() == ']') {
      ++at_;
      return node;
    }
    while (true) {
      node.push_back(value(false));
      const char after = next_char();
      ++at_;
      if (after == ']') return node;
      if (after != ',') unsupported();
    }
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

YAML::Node inline_value(std::string_view text) {
  InlineReader reader(text);
  YAML::Node node = reader.value(true);
  if (!reader.at_end()) unsupported();  // "quoted" and more after it
  return node;
}

bool is_item(std::string_view content) { return content == "-" || content.starts_with("- "); }

// Block collections, line by line. Nodes are made top-down: each is inserted into its parent
// while it is still one node, then filled. yaml-cpp keeps a tree's nodes in a shared set that an
// insertion merges into the parent's, so inserting whole subtrees would copy them level by level.
class BlockReader {
 public:
  explicit BlockReader(std::vector<Line> lines) : lines_(std::move(lines)) {}

  YAML::Node document() {
    if (lines_.empty()) unsupported();  // an empty document: yaml-cpp says what it is
    const std::size_t indent = lines_.front().indent;
    YAML::Node root(is_item(lines_.front().content) ? YAML::NodeType::Sequence : YAML::NodeType::Map);
    fill(root, indent);
    if (at_ != lines_.size()) unsupported();
    return root;
  }

 private:
  // A collection node of the kind the line at `at_` starts, filled from the lines at `indent`.
  void fill(YAML::Node node, std::size_t indent) {
    if (node.IsSequence()) return sequence(node, indent);
    mapping(node, indent);
  }

  // The value of a `key:` or `-` with nothing after it: a deeper block, a sequence at the key's
  // own indentation (YAML allows that for a mapping's value), or null. Returns its kind and the
  // indentation of its lines.
  std::pair<YAML::NodeType::value, std::size_t> nested(std::size_t indent, bool aligned_sequence) const {
    if (at_ < lines_.size()) {
      const Line& line = lines_[at_];
      if (line.indent > indent)
        return {is_item(line.content) ? YAML::NodeType::Sequence : YAML::NodeType::Map, line.indent};
      if (aligned_sequence && line.indent == indent && is_item(line.content)) return {YAML::NodeType::Sequence, indent};
    }
    return {YAML::NodeType::Null, indent};
  }

  void mapping(YAML::Node node, std::size_t indent) {
    std::unordered_set<std::string> keys;
    while (at_ < lines_.size() && lines_[at_].indent == indent && !is_item(lines_[at_].content)) {
      const std::string_view content = lines_[at_].content;
      const std::size_t colon = key_end(content);
      if (colon == std::string_view::npos) unsupported();
      const std::string key(content.substr(0, colon));
      if (!keys.insert(key).second) unsupported();
      std::string_view rest = content.substr(colon + 1);
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      ++at_;
      if (!rest.empty()) {
        node.force_insert(key, inline_value(rest));  // no lookup: keys are known to be distinct
        continue;
      }
      const auto [kind, child_indent] = nested(indent, true);
      YAML::Node child(kind);
      node.force_insert(key, child);
      if (kind != YAML::NodeType::Null) fill(child, child_indent);
    }
    if (at_ < lines_.size() && lines_[at_].indent > indent) unsupported();
  }

  void sequence(YAML::Node node, std::size_t indent) {
    while (at_ < lines_.size() && lines_[at_].indent == indent && is_item(lines_[at_].content)) {
      std::string_view rest = lines_[at_].content.substr(1);
      std::size_t offset = 1;
      while (!rest.empty() && rest.front() == ' ') {
        rest.remove_prefix(1);
        ++offset;
      }
      if (rest.empty()) {
        ++at_;
        const auto [kind, child_indent] = nested(indent, false);
        YAML::Node child(kind);
        node.push_back(child);
        if (kind != YAML::NodeType::Null) fill(child, child_indent);
      } else if (key_end(rest) != std::string_view::npos) {
        // `- key: value`: a mapping whose keys line up with this first one.
        lines_[at_] = Line{indent + offset, rest};
        YAML::Node child(YAML::NodeType::Map);
        node.push_back(child);
        mapping(child, indent + offset);
      } else {
        ++at_;
        node.push_back(inline_value(rest));
      }
    }
    if (at_ < lines_.size() && lines_[at_].indent > indent) unsupported();
  }

  std::vector<Line> lines_;
  std::size_t at_ = 0;
};

std::vector<Line> lines_of(std::string_view text) {
  std::vector<Line> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(at, end - at);
    at = end + 1;
    if (raw.find('\t') != std::string_view::npos) unsupported();
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\r')) raw.remove_suffix(1);
    std::size_t indent = 0;
    while (indent < raw.size() && raw[indent] == ' ') ++indent;
    const std::string_view content = raw.substr(indent);
    if (content.empty() || content.front() == '#') continue;
    lines.push_back(Line{indent, content});
  }
  return lines;
}

}  // namespace

std::optional<YAML::Node> read_plain_yaml(std::string_view text) {
  try {
    return BlockReader(lines_of(text)).document();
  } catch (const Unsupported&) {
    return std::nullopt;
  }
}

}  // namespace dbmig::model
