// The nesting scan: one pass over the text that follows YAML's structure closely enough to count
// how deep collections nest, without building anything. Block collections are tracked by the
// column of their entries (`- `, `? `, `key:`), flow collections by their brackets; quoted and
// block scalars and comments are skipped, so that a bracket inside them counts for nothing.
// Where it cannot tell, it errs towards counting a level too many: the limit is far above real
// files, while a level missed could let a parser recurse past it. (yaml-cpp's own recursion
// guard, caught in yaml_load.cpp, backs it up.)
#include "model/yaml_limits.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace dbmig::model {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

bool is_flow_indicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

class NestingScan {
 public:
  NestingScan(std::string_view text, std::string_view file) : text_(text), file_(file) {}

  YamlTextShape run() {
    if (text_.starts_with("\xEF\xBB\xBF")) at_ = line_start_ = 3;  // a byte order mark
    while (!at_end()) block_line();
    return shape_;
  }

 private:
  enum class Kind : char { sequence, mapping };
  struct Level {
    std::size_t column;  // of its entries
    Kind kind;
  };

  bool at_end() const { return at_ >= text_.size(); }
  char peek(std::size_t ahead = 0) const { return at_ + ahead < text_.size() ? text_[at_ + ahead] : '\0'; }
  // Whether a one-character indicator at at_ + ahead - 1 stands alone (`- `, `: `, `? `).
  bool ends_token(std::size_t ahead) const {
    const char c = peek(ahead);
    return c == '\0' || c == '\n' || is_blank(c);
  }
  // Where a token starts; made a Location, with its copy of the file name, only for an error.
  struct Spot {
    int line;
    std::size_t column;  // 0-based
  };
  Spot here() const { return Spot{line_, at_ - line_start_}; }

  void newline() {  // at a '\n'
    ++at_;
    ++line_;
    line_start_ = at_;
  }
  void skip_blanks() {
    while (!at_end() && is_blank(peek())) ++at_;
  }
  void skip_to_line_end() {
    while (!at_end() && peek() != '\n') ++at_;
  }
  // An anchor, a tag or an alias name.
  void skip_word() {
    ++at_;
    while (!at_end() && !is_blank(peek()) && peek() != '\n' && !is_flow_indicator(peek())) ++at_;
  }
  bool rest_of_line_blank() const {
    for (std::size_t at = at_; at < text_.size() && text_[at] != '\n'; ++at)
      if (!is_blank(text_[at])) return false;
    return true;
  }

  // A collection starts at `where`, inside every open one.
  void open(Spot where) {
    if (block_.size() + flow_depth_ >= max_yaml_depth)
      fail_too_deep(Location{std::string(file_), where.line, static_cast<int>(where.column) + 1});
    ++shape_.written_nodes;
  }

  // One line in block context, from its start.
  void block_line() {
    std::size_t indent = 0;
    while (peek() == ' ') {
      ++at_;
      ++indent;
    }
    if (in_block_scalar_) {
      // Its lines are those indented more than the collection holding it, and blank ones.
      if (rest_of_line_blank() || static_cast<long>(indent) > block_scalar_parent_) return skip_line();
      in_block_scalar_ = false;
    }
    if (rest_of_line_blank() || peek() == '#') return skip_line();
    const std::string_view rest = text_.substr(at_);
    if (indent == 0 && (rest.starts_with("---") || rest.starts_with("...")) && ends_token(3)) {
      block_.clear();  // a document's start or end
      at_ += 3;
    } else if (indent == 0 && peek() == '%') {
      return skip_line();  // a directive
    } else {
      while (!block_.empty() && block_.back().column > indent) block_.pop_back();
    }
    block_tokens();
  }

  void skip_line() {
    skip_to_line_end();
    if (!at_end()) newline();
  }

  // The rest of a line in block context (and what a flow collection or quoted scalar starting
  // on it runs on to).
  void block_tokens() {
    while (true) {
      skip_blanks();
      if (at_end()) return;
      const char c = peek();
      if (c == '\n') return newline();
      if (c == '#') {  // after a blank or at the line's start: a comment
        skip_to_line_end();
        continue;
      }
      const Spot where = here();
      if ((c == '-' || c == '?') && ends_token(1)) {
        entry(c == '-' ? Kind::sequence : Kind::mapping, where);
        ++at_;
      } else if (c == ':' && ends_token(1)) {
        ++at_;  // the value of an explicit `? key`
      } else if (c == '&' || c == '!') {
        skip_word();  // properties of the value that follows
      } else if (c == '*') {
        skip_word();
        ++shape_.written_nodes;
        key_after(where);
      } else if (c == '[' || c == '{') {
        flow();
        key_after(where);
      } else if (c == '|' || c == '>') {
        ++shape_.written_nodes;
        in_block_scalar_ = true;
        block_scalar_parent_ = block_.empty() ? -1 : static_cast<long>(block_.back().column);
        skip_to_line_end();
      } else if (c == '"' || c == '\'') {
        quoted();
        ++shape_.written_nodes;
        key_after(where);
      } else {
        plain(where);
      }
    }
  }

  // After a value in block context: a `:` makes it the key of a mapping entry.
  void key_after(Spot where) {
    skip_blanks();
    if (peek() == ':' && ends_token(1)) {
      entry(Kind::mapping, where);
      ++at_;
    }
  }

  // A plain scalar in block context: to the line's end, a ' #' comment, or a ': ' that makes it a key.
  void plain(Spot where) {
    ++shape_.written_nodes;
    while (!at_end() && peek() != '\n') {
      if (peek() == ':' && ends_token(1)) {
        entry(Kind::mapping, where);
        ++at_;
        return;
      }
      if (peek() == '#' && is_blank(text_[at_ - 1])) return;
      ++at_;
    }
  }

  // An entry of a block collection at `where`: the next of the collection in its column, or the
  // first of a new one, nested in those to its left.
  void entry(Kind kind, Spot where) {
    const std::size_t column = where.column;
    while (!block_.empty()) {
      const Level& top = block_.back();
      if (top.column < column) break;
      if (top.column == column) {
        if (top.kind == kind) return;
        // A list may be a key's value at the key's own indentation.
        if (top.kind == Kind::mapping && kind == Kind::sequence) break;
      }
      block_.pop_back();
    }
    open(where);
    block_.push_back(Level{column, kind});
  }

  // A flow collection from its opening bracket to its closing one (or the text's end), over any
  // number of lines.
  void flow() {
    open_flow();
    bool value_start = true;  // a quote here starts a quoted scalar, not part of a plain one
    bool after_json = false;  // after a quoted scalar or a bracket, `:` is an indicator even with no blank after it
    while (!at_end()) {
      const char c = peek();
      if (c == '\n') {
        newline();
        continue;
      }
      if (is_blank(c)) {
        ++at_;
        continue;
      }
      if (c == '#' && (at_ == line_start_ || is_blank(text_[at_ - 1]))) {
        skip_to_line_end();
        continue;
      }
      if (c == '[' || c == '{') {
        open_flow();
        value_start = true;
        after_json = false;
        continue;
      }
      if (c == ']' || c == '}') {
        ++at_;
        if (--flow_depth_ == 0) return;
        value_start = false;
        after_json = true;
        continue;
      }
      if (c == ',' || (c == ':' && (after_json || ends_token(1) || is_flow_indicator(peek(1))))) {
        ++at_;
        value_start = true;
        after_json = false;
        continue;
      }
      if (value_start && (c == '"' || c == '\'')) {
        quoted();
        ++shape_.written_nodes;
        value_start = false;
        after_json = true;
        continue;
      }
      if (value_start && (c == '&' || c == '!')) {
        skip_word();
        continue;
      }
      if (!((c == '?' || c == '-') && ends_token(1))) {
        if (value_start) ++shape_.written_nodes;  // a plain scalar or an alias starts
        value_start = false;
      }
      after_json = false;
      ++at_;
    }
  }

  void open_flow() {
    open(here());
    ++flow_depth_;
    ++at_;
  }

  // A "double-" or 'single-quoted' scalar, from its opening quote past its closing one.
  void quoted() {
    const char quote = peek();
    ++at_;
    while (!at_end()) {
      const char c = peek();
      if (c == '\n') {
        newline();
        continue;
      }
      ++at_;
      if (quote == '"' && c == '\\') {
        if (peek() == '\n') {
          newline();
        } else if (!at_end()) {
          ++at_;
        }
      } else if (c == quote) {
        if (quote == '\'' && peek() == '\'') {
          ++at_;  // '' is a quote inside
        } else {
          return;
        }
      }
    }
  }

  std::string_view text_;
  std::string_view file_;
  std::size_t at_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
  std::vector<Level> block_;  // the open block collections, outermost first
  std::size_t flow_depth_ = 0;
  bool in_block_scalar_ = false;
  long block_scalar_parent_ = -1;  // the column of the collection holding it; -1 at the root
  YamlTextShape shape_;
};

}  // namespace

YamlTextShape check_yaml_nesting(std::string_view text, std::string_view file) { return NestingScan(text, file).run(); }

std::size_t expanded_node_limit(const YamlTextShape& shape) {
  return std::max(min_expanded_node_limit, shape.written_nodes * expansion_factor);
}

void fail_too_deep(Location where) {
  const std::string limit = std::to_string(max_yaml_depth);
  throw usage_error("YAML nested more than " + limit + " levels deep", std::move(where),
                    "dbmig reads at most " + limit +
                        " lists and mappings inside one another, and real files need a few: look for an unclosed "
                        "'[' or '{' or a '- ' repeated on one line here, and flatten the value");
}

void fail_alias_cycle(Location where, std::string_view alias) {
  const std::string named = alias.empty() ? std::string() : "'" + std::string(alias) + "' ";
  throw usage_error("YAML alias " + named + "is inside the value it refers to, which would repeat forever",
                    std::move(where),
                    "an alias repeats a value completed before it: move the alias out of its anchor's value, or write "
                    "the value out");
}

void fail_too_many_nodes(Location where, std::size_t limit) {
  throw usage_error("YAML aliases expand to more than " + std::to_string(limit) + " values", std::move(where),
                    "a file may expand to at most " + std::to_string(expansion_factor) +
                        " times the values written in it (at least " + std::to_string(min_expanded_node_limit) +
                        "); each alias copies the value it refers to: use fewer aliases of large values, or write "
                        "the values out");
}

}  // namespace dbmig::model
