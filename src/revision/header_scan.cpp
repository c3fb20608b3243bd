// The fast header scan: one pass over the lines, reading the top-level `key: value` lines of the
// header keys and skipping the indented step lists. Whenever the text is not in the simple block
// style this scan knows, it gives up (nullopt) rather than guess: being wrong here would build a
// different graph than the full parser, so "not sure" always means "parse it in full".
#include "revision/header_scan.hpp"

#include <array>
#include <cctype>
#include <cstdint>

#include "revision/names.hpp"

namespace dbmig::revision {

namespace {

// A header value as written: YAML null, one scalar, or a list of scalars.
struct HeaderValue {
  enum class Kind { null, scalar, list } kind = Kind::null;
  std::string scalar;
  std::vector<std::string> items;
};

constexpr std::array<std::string_view, 6> header_keys = {"revision", "down_revision", "message",
                                                         "created_at", "transactional", "branch_labels"};
constexpr std::array<std::string_view, 2> step_keys = {"upgrade", "downgrade"};

std::optional<std::size_t> header_index(std::string_view key) {
  for (std::size_t i = 0; i < header_keys.size(); ++i)
    if (header_keys[i] == key) return i;
  return std::nullopt;
}

bool is_step_key(std::string_view key) { return key == step_keys[0] || key == step_keys[1]; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Nothing but blanks and perhaps a comment.
bool only_comment(std::string_view rest) {
  rest = trim(rest);
  return rest.empty() || rest.front() == '#';
}

bool is_plain_null(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

void append_utf8(std::string& out, std::uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

std::optional<std::uint32_t> hex_digits(std::string_view text, std::size_t& at, std::size_t count) {
  if (at + count > text.size()) return std::nullopt;
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[at + i];
    const int digit = std::isdigit(static_cast<unsigned char>(c))     ? c - '0'
                      : (c >= 'a' && c <= 'f')                         ? c - 'a' + 10
                      : (c >= 'A' && c <= 'F')                         ? c - 'A' + 10
                                                                       : -1;
    if (digit < 0) return std::nullopt;
    value = value * 16 + static_cast<std::uint32_t>(digit);
  }
  at += count;
  return value;
}

// A "double-quoted" scalar starting at text[at]; `at` ends after the closing quote. nullopt for
// an escape this scan does not know or a value that goes on to the next line.
std::optional<std::string> double_quoted(std::string_view text, std::size_t& at) {
  std::string out;
  for (++at; at < text.size();) {
    const char c = text[at++];
    if (c == '"') return out;
    if (c != '\\') {
      out += c;
      continue;
    }
    if (at >= text.size()) return std::nullopt;
    const char escape = text[at++];
    std::optional<std::uint32_t> code_point;
    switch (escape) {
      case '0': out += '\0'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 't': case '\t': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'v': out += '\v'; break;
      case 'f': out += '\f'; break;
      case 'r': out += '\r'; break;
      case 'e': out += '\x1b'; break;
      case ' ': case '"': case '/': case '\\': out += escape; break;
      case 'N': append_utf8(out, 0x85); break;
      case '_': append_utf8(out, 0xA0); break;
      case 'L': append_utf8(out, 0x2028); break;
      case 'P': append_utf8(out, 0x2029); break;
      case 'x': code_point = hex_digits(text, at, 2); if (!code_point) return std::nullopt; append_utf8(out, *code_point); break;
      case 'u': code_point = hex_digits(text, at, 4); if (!code_point) return std::nullopt; append_utf8(out, *code_point); break;
      case 'U': code_point = hex_digits(text, at, 8); if (!code_point) return std::nullopt; append_utf8(out, *code_point); break;
      default: return std::nullopt;
    }
  }
  return std::nullopt;
}

// A 'single-quoted' scalar starting at text[at] ('' stands for one quote).
std::optional<std::string> single_quoted(std::string_view text, std::size_t& at) {
  std::string out;
  for (++at; at < text.size();) {
    const char c = text[at++];
    if (c != '\'') {
      out += c;
    } else if (at < text.size() && text[at] == '\'') {
      out += '\'';
      ++at;
    } else {
      return out;
    }
  }
  return std::nullopt;
}

// A plain scalar as this scan accepts it: no indicator first, no ": " or " #" inside (those
// would make it a mapping or end it at a comment), and in a flow list no brackets or commas.
std::optional<std::string> plain(std::string_view text, bool in_flow_list) {
  if (const auto comment = text.find(" #"); comment != std::string_view::npos) text = text.substr(0, comment);
  text = trim(text);
  if (text.empty()) return std::string();
  constexpr std::string_view never_first = ",[]{}#&*!|>'\"%@`";
  if (never_first.find(text.front()) != std::string_view::npos) return std::nullopt;
  if ((text.front() == '-' || text.front() == '?' || text.front() == ':') &&
      (text.size() == 1 || text[1] == ' '))
    return std::nullopt;
  if (text.find(": ") != std::string_view::npos || text.back() == ':' || text.find('\t') != std::string_view::npos)
    return std::nullopt;
  if (in_flow_list && text.find_first_of("[]{},") != std::string_view::npos) return std::nullopt;
  return std::string(text);
}

// One scalar of a flow list or block list item, quoted or plain; nullopt if unreadable or null
// (a null item is rare enough to leave to the full parser).
std::optional<std::string> list_item(std::string_view text, std::size_t& at, bool in_flow_list) {
  while (at < text.size() && text[at] == ' ') ++at;
  if (at >= text.size()) return std::nullopt;
  if (text[at] == '"') return double_quoted(text, at);
  if (text[at] == '\'') return single_quoted(text, at);
  const std::size_t end = in_flow_list ? text.find_first_of(",]", at) : text.size();
  if (end == std::string_view::npos) return std::nullopt;
  auto item = plain(text.substr(at, end - at), in_flow_list);
  at = end;
  if (!item || is_plain_null(*item)) return std::nullopt;
  return item;
}

// `[a, "b", c]` on one line, starting at text[at].
std::optional<std::vector<std::string>> flow_list(std::string_view text, std::size_t at) {
  std::vector<std::string> items;
  ++at;
  while (at < text.size() && text[at] == ' ') ++at;
  if (at < text.size() && text[at] == ']') return only_comment(text.substr(at + 1)) ? std::optional(items) : std::nullopt;
  while (true) {
    auto item = list_item(text, at, /*in_flow_list=*/true);
    if (!item) return std::nullopt;
    items.push_back(std::move(*item));
    while (at < text.size() && text[at] == ' ') ++at;
    if (at >= text.size()) return std::nullopt;
    if (text[at] == ']') return only_comment(text.substr(at + 1)) ? std::optional(items) : std::nullopt;
    if (text[at] != ',') return std::nullopt;
    ++at;
  }
}

// The value after `key:` on the same line. An empty one is null, unless block list items follow.
std::optional<HeaderValue> inline_value(std::string_view rest) {
  HeaderValue value;
  std::size_t at = 0;
  while (at < rest.size() && rest[at] == ' ') ++at;
  if (at >= rest.size() || rest[at] == '#') return value;
  if (rest[at] == '[') {
    auto items = flow_list(rest, at);
    if (!items) return std::nullopt;
    value.kind = HeaderValue::Kind::list;
    value.items = std::move(*items);
    return value;
  }
  if (rest[at] == '"' || rest[at] == '\'') {
    auto text = rest[at] == '"' ? double_quoted(rest, at) : single_quoted(rest, at);
    if (!text || !only_comment(rest.substr(at))) return std::nullopt;
    value.kind = HeaderValue::Kind::scalar;
    value.scalar = std::move(*text);
    return value;
  }
  auto text = plain(rest.substr(at), /*in_flow_list=*/false);
  if (!text) return std::nullopt;
  if (!is_plain_null(*text)) {
    value.kind = HeaderValue::Kind::scalar;
    value.scalar = std::move(*text);
  }
  return value;
}

// The same rules as the full parser (names.hpp), which reports a name that breaks them.
bool is_revision_id(std::string_view id) { return !revision_id_problem(id); }

std::optional<std::vector<std::string>> ids_of(const HeaderValue& value) {
  std::vector<std::string> ids;
  if (value.kind == HeaderValue::Kind::scalar) ids.push_back(value.scalar);
  if (value.kind == HeaderValue::Kind::list) ids = value.items;
  for (const auto& id : ids)
    if (!is_revision_id(id)) return std::nullopt;
  return ids;
}

std::optional<bool> boolean_of(std::string word) {
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (word == "true" || word == "yes" || word == "on") return true;
  if (word == "false" || word == "no" || word == "off") return false;
  return std::nullopt;
}

// The key of a top-level `key:` line, or empty when the line is something else.
std::string_view top_level_key(std::string_view line, std::size_t& after_colon) {
  std::size_t end = 0;
  while (end < line.size() && (std::isalnum(static_cast<unsigned char>(line[end])) || line[end] == '_')) ++end;
  if (end == 0 || end >= line.size() || line[end] != ':') return {};
  if (end + 1 < line.size() && line[end + 1] != ' ') return {};
  after_colon = end + 1;
  return line.substr(0, end);
}

struct ScannedValues {
  std::array<std::optional<HeaderValue>, header_keys.size()> header;  // by header_index
  std::array<bool, step_keys.size()> steps{};                         // each step key seen

  const std::optional<HeaderValue>& get(std::string_view key) const { return header[*header_index(key)]; }
};

// A control character (a NUL, a lone CR...; a tab is text): YAML refuses most of them, and how the
// parser reads the rest is not this scan's to guess (a NUL in a message, found by the fuzz target).
bool has_control_character(std::string_view line) {
  for (const char c : line) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t') || byte == 0x7f) return true;
  }
  return false;
}

// Reads the top-level keys; nullopt as soon as something is not in the simple style.
std::optional<ScannedValues> scan_lines(std::string_view text) {
  ScannedValues values;
  std::optional<HeaderValue>* open = nullptr;  // the header value the next `- item` lines extend
  bool open_accepts_items = false;             // it had nothing after its colon
  bool in_steps = false;                       // indented lines belong to upgrade/downgrade
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (has_control_character(line)) return std::nullopt;
    if (trim(line).empty()) continue;
    const char first = line.front();
    if (first == '#') continue;
    if (first == '\t') return std::nullopt;
    if (first == ' ' || first == '-') {
      const std::string_view content = trim(line);
      if (content.front() == '#') continue;
      if (in_steps) continue;
      if (!open || !open_accepts_items || !content.starts_with("- ")) return std::nullopt;
      std::size_t at = 2;
      auto item = list_item(content, at, /*in_flow_list=*/false);
      if (!item) return std::nullopt;
      (*open)->kind = HeaderValue::Kind::list;
      (*open)->items.push_back(std::move(*item));
      continue;
    }
    std::size_t after_colon = 0;
    const std::string_view key = top_level_key(line, after_colon);
    if (key.empty()) return std::nullopt;  // ---, {flow}, "quoted": keys, ? complex keys...
    open = nullptr;
    in_steps = false;
    if (is_step_key(key)) {
      bool& seen = values.steps[key == step_keys[0] ? 0 : 1];
      if (seen) return std::nullopt;
      seen = true;
      in_steps = true;
      continue;
    }
    const auto index = header_index(key);
    if (!index) return std::nullopt;  // the full parser names the unknown key
    auto* slot = &values.header[*index];
    if (slot->has_value()) return std::nullopt;
    auto value = inline_value(line.substr(after_colon));
    if (!value) return std::nullopt;
    open_accepts_items = value->kind == HeaderValue::Kind::null;
    *slot = std::move(*value);
    open = slot;
  }
  return values;
}

}  // namespace

std::optional<Revision> scan_header(std::string_view text, const std::filesystem::path& path) {
  if (text.starts_with("\xEF\xBB\xBF")) return std::nullopt;  // a byte order mark: rare, left to yaml-cpp
  const auto values = scan_lines(text);
  if (!values || !values->steps[0] || !values->steps[1]) return std::nullopt;
  const auto& id = values->get("revision");
  const auto& parents = values->get("down_revision");
  if (!id || id->kind != HeaderValue::Kind::scalar || !is_revision_id(id->scalar) || !parents) return std::nullopt;

  Revision revision;
  revision.path = path;
  revision.id = id->scalar;
  auto down_revisions = ids_of(*parents);
  if (!down_revisions) return std::nullopt;
  revision.down_revisions = std::move(*down_revisions);
  for (const auto* key : {"message", "created_at"}) {
    const auto& value = values->get(key);
    if (value && value->kind == HeaderValue::Kind::list) return std::nullopt;
    std::string text_value = value ? value->scalar : std::string();
    (std::string_view(key) == "message" ? revision.message : revision.created_at) = std::move(text_value);
  }
  if (const auto& transactional = values->get("transactional"); transactional) {
    if (transactional->kind == HeaderValue::Kind::list) return std::nullopt;
    if (transactional->kind == HeaderValue::Kind::scalar) {
      const auto flag = boolean_of(transactional->scalar);
      if (!flag) return std::nullopt;
      revision.transactional = *flag;
    }
  }
  if (const auto& labels = values->get("branch_labels"); labels) {
    if (labels->kind == HeaderValue::Kind::scalar) revision.branch_labels = {labels->scalar};
    if (labels->kind == HeaderValue::Kind::list) revision.branch_labels = labels->items;
    for (const auto& label : revision.branch_labels)
      if (branch_label_problem(label)) return std::nullopt;
  }
  return revision;
}

}  // namespace dbmig::revision
