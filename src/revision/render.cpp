// Rendering a new revision file from the template (templates/revision.yaml.tmpl, or the copy in
// the project's migrations/). Every value is written so that YAML reads back exactly that value.
#include <map>
#include <optional>
#include <string_view>

#include "ops/yaml.hpp"
#include "revision/revision.hpp"
#include "revision/step_text.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace dbmig::revision {

namespace {

constexpr const char* template_name = "revision.yaml.tmpl";

std::string emitted(const YAML::Node& node) {
  YAML::Emitter out;
  out.SetNullFormat(YAML::LowerNull);
  out << node;
  return out.c_str();
}

// A scalar or a flow list on one line, quoted where YAML would misread it.
std::string inline_value(const std::vector<std::string>& items) {
  if (items.empty()) return "null";
  if (items.size() == 1) return emitted(YAML::Node(items.front()));
  YAML::Node list(YAML::NodeType::Sequence);
  for (const auto& item : items) list.push_back(item);
  list.SetStyle(YAML::EmitterStyle::Flow);
  return emitted(list);
}

std::string quoted(const std::string& text) {
  YAML::Emitter out;
  out << YAML::DoubleQuoted << text;
  return out.c_str();
}

// `[]`, or one `  - kind: body` item per step on the lines below the key. Each step is written by
// step_text where it can (the Emitter's output, written directly: see step_text.hpp), else by
// yaml-cpp's Emitter.
std::string step_list(const std::vector<ops::Op>& steps) {
  if (steps.empty()) return "[]";
  std::string out;
  for (const auto& step : steps) {
    const model::YamlNode node = ops::to_tree(step);
    std::optional<std::string> text = step_text(node);
    if (!text) text = emitted(model::yaml_cpp_of(node));
    out += "\n  - ";
    std::string_view rest = *text;
    for (auto end = rest.find('\n'); end != std::string_view::npos; end = rest.find('\n')) {
      out += rest.substr(0, end);
      out += "\n    ";
      rest.remove_prefix(end + 1);
    }
    out += rest;
  }
  return out;
}

std::string warning_lines(const std::vector<std::string>& warnings) {
  std::string out;
  for (const auto& warning : warnings) {
    if (!out.empty()) out += '\n';
    out += "# WARNING: ";
    for (const char c : warning) out += c == '\n' ? std::string("\n#   ") : std::string(1, c);
  }
  return out;
}

std::map<std::string, std::string> placeholder_values(const Revision& revision,
                                                      const std::vector<std::string>& warnings) {
  return {
      {"revision", inline_value({revision.id})},
      {"down_revision", inline_value(revision.down_revisions)},
      {"message", quoted(revision.message)},
      {"created_at", revision.created_at.empty() ? "null" : inline_value({revision.created_at})},
      {"transactional", revision.transactional ? "true" : "false"},
      // Whole-line placeholders: the line goes away when there is nothing to say.
      {"branch_labels",
       revision.branch_labels.empty() ? "" : "branch_labels: " + inline_value(revision.branch_labels)},
      {"warnings", warning_lines(warnings)},
      {"upgrade", step_list(revision.upgrade)},
      {"downgrade", step_list(revision.downgrade)},
  };
}

std::vector<std::string> names_of(const std::map<std::string, std::string>& values) {
  std::vector<std::string> names;
  for (const auto& entry : values) names.push_back(entry.first);
  return names;
}

constexpr std::string_view blanks = " \t\r";  // '\r': a template saved with CRLF line endings

// Appends `text` line by line without trailing blanks (a key whose value moved to the next lines
// would otherwise end in a space).
void append_trimmed(std::string& out, std::string_view text) {
  std::size_t start = 0;
  while (true) {
    const auto end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    while (!line.empty() && blanks.find(line.back()) != std::string_view::npos) line.remove_suffix(1);
    out += line;
    if (end == std::string_view::npos) return;
    out += '\n';
    start = end + 1;
  }
}

struct ExpandedLine {
  std::string text;
  bool whole_line_placeholder = false;  // only placeholders and blanks on the template line
};

ExpandedLine expand_line(std::string_view line, int line_number, const std::map<std::string, std::string>& values) {
  ExpandedLine expanded;
  bool only_placeholders = true;
  for (std::size_t at = 0; at < line.size();) {
    const auto open = line.find("${", at);
    const std::string_view before = line.substr(at, open == std::string_view::npos ? std::string_view::npos : open - at);
    if (before.find_first_not_of(blanks) != std::string_view::npos) only_placeholders = false;
    expanded.text += before;
    if (open == std::string_view::npos) break;
    const Location where{template_name, line_number, static_cast<int>(open) + 1};
    const auto close = line.find('}', open);
    if (close == std::string_view::npos)
      throw usage_error("'${' without a closing '}'", where, "write placeholders as ${name}");
    const std::string name(line.substr(open + 2, close - open - 2));
    const auto value = values.find(name);
    if (value == values.end())
      throw usage_error("unknown placeholder '${" + name + "}'", where,
                        util::unknown_name_hint(name, names_of(values), "valid placeholders"));
    expanded.text += value->second;
    at = close + 1;
  }
  expanded.whole_line_placeholder = only_placeholders && line.find("${") != std::string_view::npos;
  return expanded;
}

}  // namespace

std::string render_revision(const Revision& revision, std::string_view template_text,
                            const std::vector<std::string>& warnings) {
  const auto values = placeholder_values(revision, warnings);
  std::string out;
  int line_number = 0;
  for (std::size_t line_start = 0; line_start < template_text.size();) {
    const auto line_end = template_text.find('\n', line_start);
    const std::string_view line = template_text.substr(
        line_start, line_end == std::string_view::npos ? std::string_view::npos : line_end - line_start);
    line_start = line_end == std::string_view::npos ? template_text.size() : line_end + 1;

    const ExpandedLine expanded = expand_line(line, ++line_number, values);
    if (expanded.whole_line_placeholder && expanded.text.find_first_not_of(blanks) == std::string::npos)
      continue;  // a line such as ${warnings} with nothing to say goes away
    append_trimmed(out, expanded.text);
    if (line_end != std::string_view::npos) out += '\n';
  }
  return out;
}

}  // namespace dbmig::revision
