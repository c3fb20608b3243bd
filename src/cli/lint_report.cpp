#include "cli/lint_report.hpp"

#include <ostream>

#include "lint/lint_revision.hpp"
#include "model/yaml_value.hpp"

namespace dbmig::cli {

namespace {

util::Json finding_json(const revision::Revision& revision, const lint::Finding& finding) {
  return util::Json::Object{{"rule", finding.rule},
                            {"severity", std::string(lint::severity_name(finding.severity))},
                            {"revision", revision.id},
                            {"file", finding.where.file},
                            {"line", finding.where.line},
                            {"column", finding.where.column},
                            {"statement", finding.statement},
                            {"why", finding.why},
                            {"safe_form", finding.safe_form}};
}

}  // namespace

LintReport lint_revisions(Context& context, const std::vector<const revision::Revision*>& revisions) {
  LintReport report;
  for (const auto* chosen : revisions) {
    const auto& revision = context.graph().with_steps(*chosen);
    const std::string text = model::read_yaml_text(revision.path.string(), "revision file");
    auto findings = lint::lint_revision(revision, text, context.config().online);
    for (const auto& finding : findings) ++(finding.severity == lint::Severity::error ? report.errors : report.warnings);
    report.revisions.push_back(RevisionFindings{&revision, std::move(findings)});
  }
  return report;
}

util::Json::Array findings_json(const LintReport& report) {
  util::Json::Array items;
  for (const auto& [revision, findings] : report.revisions)
    for (const auto& finding : findings) items.push_back(finding_json(*revision, finding));
  return items;
}

void print_findings(Context& context, const LintReport& report) {
  const auto style = context.style();
  for (const auto& [revision, findings] : report.revisions)
    for (const auto& finding : findings) {
      const bool is_error = finding.severity == lint::Severity::error;
      const std::string severity(lint::severity_name(finding.severity));
      context.out << finding.where.to_string() << ": " << (is_error ? style.failure(severity) : style.warning(severity))
                  << " [" << finding.rule << "] " << finding.statement << "\n"
                  << "  why: " << finding.why << "\n"
                  << "  safe: " << finding.safe_form << "\n";
    }
}

}  // namespace dbmig::cli
