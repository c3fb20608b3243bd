#include "cli/revision_writer.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include "revision/names.hpp"
#include "util/error.hpp"
#include "util/templates.hpp"
#include "util/text.hpp"

namespace dbmig::cli {

namespace {

namespace fs = std::filesystem;

std::string utc_now_iso8601() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

std::string revision_template(Context& context) {
  const fs::path custom = context.config().migrations_dir() / "revision.yaml.tmpl";
  if (!fs::exists(custom)) return std::string(util::embedded_template("revision.yaml.tmpl"));
  std::ifstream file(custom, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// A template the user edited into something unreadable must fail when the revision is written,
// not at upgrade time. What can break is the template, not the steps (rendered by dbmig), so the
// check reads back the same header and warnings with at most one step each way rather than the
// whole text: for a revision creating 1,000 tables that re-parse was a third of `migrate`.
void check_template_reads_back(const revision::Revision& revision, std::string_view template_text,
                               const std::vector<std::string>& warnings, const schema::NamingConvention& naming) {
  revision::Revision probe;
  probe.id = revision.id;
  probe.down_revisions = revision.down_revisions;
  probe.message = revision.message;
  probe.created_at = revision.created_at;
  probe.transactional = revision.transactional;
  probe.branch_labels = revision.branch_labels;
  if (!revision.upgrade.empty()) probe.upgrade.push_back(revision.upgrade.front());
  if (!revision.downgrade.empty()) probe.downgrade.push_back(revision.downgrade.front());
  try {
    revision::parse_revision(revision::render_revision(probe, template_text, warnings), revision.path, naming);
  } catch (const Error& error) {
    throw usage_error("the revision rendered from revision.yaml.tmpl does not read back: " + error.describe(),
                      std::nullopt, "check migrations/revision.yaml.tmpl against the built-in template");
  }
}

}  // namespace

std::vector<std::string> parent_for_new_revision(Context& context) {
  auto heads = context.graph().heads();
  if (heads.size() > 1)
    throw usage_error("the revision graph has several heads (" + util::join(heads, ", ") + ")", std::nullopt,
                      "join them first with a merge revision, then create the new one on top");
  return heads;
}

std::vector<std::string> parent_named(Context& context, const std::string& name) {
  if (name == "base") return {};
  const auto ids = context.graph().resolve_names(name);
  if (ids.size() != 1)
    throw usage_error("--head '" + name + "' names " + std::to_string(ids.size()) + " revisions (" +
                          util::join(ids, ", ") + ")",
                      std::nullopt, "name one revision, or join the heads first with `dbmig merge`");
  return ids;
}

void check_new_branch_labels(Context& context, const std::vector<std::string>& labels) {
  const auto& graph = context.graph();
  for (const auto& label : labels) {
    if (const auto problem = revision::branch_label_problem(label))
      throw usage_error("--branch-label '" + label + "' " + *problem, std::nullopt,
                        std::string(revision::branch_label_rule));
    if (graph.contains(label))
      throw usage_error("--branch-label '" + label + "' is the id of a revision", std::nullopt,
                        "choose another label: a target names the revision with that id first");
    for (const auto* revision : graph.newest_first())
      if (std::find(revision->branch_labels.begin(), revision->branch_labels.end(), label) != revision->branch_labels.end())
        throw usage_error("branch label '" + label + "' is already on revision " + revision->id, std::nullopt,
                          "a label names one branch: choose another");
  }
}

revision::Revision write_new_revision(Context& context, revision::Revision revision, const std::vector<std::string>& warnings) {
  do {
    revision.id = revision::new_revision_id();
  } while (context.graph().contains(revision.id));
  revision.created_at = utc_now_iso8601();

  const std::string template_text = revision_template(context);
  revision.path = (context.config().versions_dir() / (revision.id + "_" + revision::slugify(revision.message) + ".yaml"))
                      .lexically_normal();
  check_template_reads_back(revision, template_text, warnings, context.config().naming);
  const std::string text = revision::render_revision(revision, template_text, warnings);
  std::ofstream file(revision.path, std::ios::binary);
  file << text;
  if (!file) throw usage_error("cannot write " + revision.path.string());
  return revision;
}

}  // namespace dbmig::cli
