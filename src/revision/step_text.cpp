#include "revision/step_text.hpp"

#include <string_view>

namespace dbmig::revision {

namespace {

using model::YamlNode;
using Style = YamlNode::Style;

// Declined: the caller falls back to yaml-cpp's Emitter.
struct Declined {};

bool is_null_word(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

// Written plain by the Emitter in block and flow context alike: letters, digits and _ ( ) . (none
// is an indicator or ends a plain scalar), and spaces between them ("set null": a space only ends
// a plain scalar before '#' or after ':'); not a word YAML reads as null.
bool surely_plain(std::string_view text) {
  if (is_null_word(text) || text.front() == ' ' || text.back() == ' ') return false;
  for (const char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '(' || c == ')' || c == '.' || c == ' ';
    if (!ok) return false;
  }
  return true;
}

// Printable ASCII without the two characters double quotes escape: written verbatim inside them.
bool verbatim_in_double_quotes(std::string_view text) {
  for (const char c : text)
    if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') return false;
  return true;
}

// The Emitter cannot write `text` plain (yaml-cpp's IsValidPlainScalar is false for it), so it
// double-quotes it. Only the certain cases; anything else is declined.
bool surely_not_plain(std::string_view text, bool in_flow) {
  if (text.empty()) return false;  // a null word: declined
  constexpr std::string_view indicators = ",[]{}#&*!|>'\"%@`";
  if (indicators.find(text.front()) != std::string_view::npos || text.front() == ' ') return true;
  if (text.back() == ' ' || text.back() == ':') return true;
  if (text.find(": ") != std::string_view::npos || text.find(" #") != std::string_view::npos) return true;
  if (in_flow && text.find_first_of(",[]{}?") != std::string_view::npos) return true;
  return false;
}

void scalar(std::string& out, const YamlNode& node, bool in_flow) {
  if (node.is_null()) {
    out += "null";
    return;
  }
  if (!node.is_scalar()) throw Declined{};
  const std::string& text = node.text;
  if (surely_plain(text)) {
    out += text;
  } else if (verbatim_in_double_quotes(text) && surely_not_plain(text, in_flow)) {
    out += '"';
    out += text;
    out += '"';
  } else {
    throw Declined{};
  }
}

void key(std::string& out, const YamlNode& node, bool in_flow) {
  if (!node.is_scalar() || node.text.size() > 100) throw Declined{};  // long keys get "? " in YAML
  scalar(out, node, in_flow);
}

bool is_collection(const YamlNode& node) { return node.is_mapping() || node.is_sequence(); }

bool is_empty_collection(const YamlNode& node) { return is_collection(node) && node.items.empty(); }

void flow(std::string& out, const YamlNode& node) {
  if (is_collection(node) && node.style == Style::block) throw Declined{};
  if (node.is_mapping()) {
    out += '{';
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      if (i > 0) out += ", ";
      key(out, node.keys[i], true);
      out += ": ";
      flow(out, node.items[i]);
    }
    out += '}';
  } else if (node.is_sequence()) {
    out += '[';
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      if (i > 0) out += ", ";
      flow(out, node.items[i]);
    }
    out += ']';
  } else {
    scalar(out, node, true);
  }
}

bool written_in_flow(const YamlNode& node) { return node.style == Style::flow && !is_empty_collection(node); }

void block_map(std::string& out, const YamlNode& node, std::size_t indent);

// A list in block style at `indent`: only scalars and flow collections as items.
void block_sequence(std::string& out, const YamlNode& node, std::size_t indent) {
  bool first = true;
  for (const YamlNode& item : node.items) {
    if (!first) out += '\n';
    first = false;
    out.append(indent, ' ');
    out += "- ";
    if (is_collection(item)) {
      if (!written_in_flow(item)) throw Declined{};
      flow(out, item);
    } else {
      scalar(out, item, false);
    }
  }
}

void block_map(std::string& out, const YamlNode& node, std::size_t indent) {
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    if (i > 0) out += '\n';
    out.append(indent, ' ');
    key(out, node.keys[i], false);
    out += ':';
    const YamlNode& value = node.items[i];
    if (!is_collection(value)) {
      out += ' ';
      scalar(out, value, false);
    } else if (written_in_flow(value)) {
      out += ' ';
      flow(out, value);
    } else if (is_empty_collection(value)) {
      throw Declined{};
    } else {
      out += '\n';
      if (value.is_mapping()) {
        block_map(out, value, indent + 2);
      } else {
        block_sequence(out, value, indent + 2);
      }
    }
  }
}

}  // namespace

std::optional<std::string> step_text(const YamlNode& node) {
  if (!node.is_mapping() || node.items.empty() || node.style == Style::flow) return std::nullopt;
  std::string out;
  try {
    block_map(out, node, 0);
  } catch (const Declined&) {
    return std::nullopt;
  }
  return out;
}

}  // namespace dbmig::revision
