#include "lint/ignore_comments.hpp"

#include <algorithm>

#include "lint/rule_catalog.hpp"
#include "util/text.hpp"

namespace dbmig::lint {

namespace {

constexpr std::string_view marker = "dbmig-lint:";

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

// The next blank-separated word of `text`, which is advanced past it.
std::string_view next_word(std::string_view& text) {
  text = trimmed(text);
  const auto end = std::min(text.find_first_of(" \t"), text.size());
  const std::string_view word = text.substr(0, end);
  text.remove_prefix(end);
  return word;
}

std::vector<std::string> split_rules(std::string_view list) {
  std::vector<std::string> rules;
  while (!list.empty()) {
    const auto comma = std::min(list.find(','), list.size());
    if (comma > 0) rules.emplace_back(list.substr(0, comma));
    list.remove_prefix(std::min(comma + 1, list.size()));
  }
  return rules;
}

}  // namespace

// Quotes are tracked as YAML writes them on one line: "..." with backslash escapes, '...' with ''
// for a quote.
std::size_t comment_start(std::string_view line) {
  char quote = 0;
  for (std::size_t at = 0; at < line.size(); ++at) {
    const char c = line[at];
    if (quote == '"' && c == '\\') {
      ++at;
    } else if (quote != 0) {
      if (c == quote) quote = 0;  // '' inside '...' closes and reopens: the same state
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#' && (at == 0 || line[at - 1] == ' ' || line[at - 1] == '\t')) {
      return at;
    }
  }
  return std::string_view::npos;
}

std::optional<IgnoreComment> parse_ignore_comment(std::string_view line, Location where) {
  const std::size_t hash = comment_start(line);
  if (hash == std::string_view::npos) return std::nullopt;
  std::string_view rest = trimmed(line.substr(hash + 1));
  if (!rest.starts_with(marker)) return std::nullopt;
  rest.remove_prefix(marker.size());
  if (next_word(rest) != "ignore") return std::nullopt;
  where.column = static_cast<int>(hash) + 1;
  std::vector<std::string> rules = split_rules(next_word(rest));
  return IgnoreComment{std::move(rules), std::string(trimmed(rest)), std::move(where)};
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = std::min(text.find('\n'), text.size());
    lines.push_back(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return lines;
}

std::vector<IgnoreComment> ignores_for_step(const std::vector<std::string_view>& lines, const Location& step) {
  std::vector<IgnoreComment> ignores;
  const auto line_count = static_cast<int>(lines.size());
  if (step.line < 1 || step.line > line_count) return ignores;
  const auto at_line = [&](int line) {
    return parse_ignore_comment(lines[static_cast<std::size_t>(line - 1)], Location{step.file, line, 0});
  };
  if (step.line > 1 && trimmed(lines[static_cast<std::size_t>(step.line - 2)]).starts_with("#"))
    if (auto above = at_line(step.line - 1)) ignores.push_back(std::move(*above));
  if (auto same = at_line(step.line)) ignores.push_back(std::move(*same));
  return ignores;
}

std::vector<Finding> apply_ignores(std::vector<Finding> findings, const std::vector<IgnoreComment>& ignores) {
  const auto silenced = [&](const Finding& finding) {
    return std::any_of(ignores.begin(), ignores.end(), [&](const IgnoreComment& ignore) {
      return std::find(ignore.rules.begin(), ignore.rules.end(), finding.rule) != ignore.rules.end();
    });
  };
  std::erase_if(findings, silenced);
  for (const IgnoreComment& ignore : ignores) {
    const std::string statement =
        "# dbmig-lint: ignore " + util::join(ignore.rules, ",") + (ignore.reason.empty() ? "" : " " + ignore.reason);
    if (ignore.rules.empty())
      findings.push_back(make_finding("ignore-unknown-rule", ignore.where, statement, "the comment names no rule",
                                      "# dbmig-lint: ignore RULE reason (dbmig lint prints each finding's rule id)"));
    for (const auto& rule : ignore.rules)
      if (!find_rule(rule))
        findings.push_back(make_finding("ignore-unknown-rule", ignore.where, statement,
                                        "'" + rule + "' is not a dbmig lint rule, so the comment silences nothing",
                                        "name the rule id that dbmig lint prints (docs/online-migrations.md lists them)"));
    if (ignore.reason.empty())
      findings.push_back(make_finding("ignore-without-reason", ignore.where, statement,
                                      "an ignored finding without a reason leaves the next reader guessing why the "
                                      "lock or the data loss was accepted",
                                      "# dbmig-lint: ignore RULE why it is safe here (e.g. the table is small)"));
  }
  return findings;
}

}  // namespace dbmig::lint
