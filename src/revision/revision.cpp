// Reading revision files (PRODUCT.md section 3), with file:line:column for every mistake.
#include "revision/revision.hpp"

#include <fstream>
#include <sstream>

#include "model/model.hpp"
#include "model/yaml_value.hpp"
#include "ops/yaml.hpp"
#include "model/plain_yaml.hpp"
#include "revision/names.hpp"
#include "util/error.hpp"

namespace dbmig::revision {

namespace {

using model::Mapping;
using model::Value;

// The steps under `key`, each with where it was written.
void read_steps(const Mapping& file, std::string_view key, const schema::NamingConvention& naming,
                std::vector<ops::Op>& ops, std::vector<Location>& positions) {
  const Value steps = file.require(key, "write '" + std::string(key) + ": []' for none");
  // `downgrade:` left empty reads as no steps, like `[]`.
  for (const Value& step : steps.named("'" + std::string(key) + "'").items()) {
    ops.push_back(ops::from_yaml(step, naming));
    positions.push_back(step.where());
  }
}

// A name as messages show it: a 200-character id is cut short.
std::string shown(const std::string& name) {
  constexpr std::size_t max_shown = 40;
  return name.size() <= max_shown ? name : name.substr(0, max_shown) + "...";
}

// A revision id as written (names.hpp says what one may be), at its own position when it is not.
// `what` names it in the message ("revision id", "down_revision").
std::string id_of(const Value& value, std::string_view what, std::string_view hint = revision_id_rule) {
  std::string id = value.text();
  if (const auto problem = revision_id_problem(id))
    value.fail(std::string(what) + " '" + shown(id) + "' " + *problem, std::string(hint));
  return id;
}

std::vector<std::string> parent_ids_of(const Value& value) {
  if (value.is_null()) return {};
  // `down_revision: base` is how a first revision might be thought of; null is how it is written.
  const auto parent_id = [](const Value& item) {
    const bool base = item.node().is_scalar() && item.node().text == "base";
    return id_of(item, "down_revision", base ? "write 'down_revision: null' for a first revision" : revision_id_rule);
  };
  if (!value.is_sequence()) return {parent_id(value)};
  std::vector<std::string> ids;
  for (const Value& item : value.items()) ids.push_back(parent_id(item));
  return ids;
}

std::vector<std::string> branch_labels_of(const Value& value) {
  if (value.is_null()) return {};
  const auto label_of = [](const Value& item) {
    std::string label = item.text();
    if (const auto problem = branch_label_problem(label))
      item.fail("branch label '" + shown(label) + "' " + *problem, std::string(branch_label_rule));
    return label;
  };
  if (!value.is_sequence()) return {label_of(value)};
  std::vector<std::string> labels;
  for (const Value& item : value.items()) labels.push_back(label_of(item));
  return labels;
}

// `text` with its leading comment and blank lines emptied, each line's newline kept so that
// line numbers (and so error positions) stay as they were. yaml-cpp scans a comment character by
// character through its regular-expression matcher like any other text, and the template's
// explanatory header is two thirds of a generated revision file; before the first other line no
// block scalar can be open, so these lines are comments for certain.
std::string without_leading_comments(std::string_view text) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = text.find('\n', at);
    const std::size_t line_end = end == std::string_view::npos ? text.size() : end;
    const std::size_t first = text.find_first_not_of(" \t\r", at);
    const bool blank = first == std::string_view::npos || first >= line_end;
    if (!blank && text[first] != '#') break;
    if (end == std::string_view::npos) return out;  // nothing but comments
    out += '\n';
    at = end + 1;
  }
  out.append(text.substr(at));
  return out;
}

// The revision in a parsed document. Throws dbmig::Error (usage) for a mistake, at its position.
Revision read_revision(std::shared_ptr<const model::YamlDocument> document, std::string_view text,
                       const std::filesystem::path& path, const schema::NamingConvention& naming) {
  if (document->root.is_null())
    throw usage_error("the revision file is empty", Location{document->file, 0, 0},
                      "a revision needs revision, down_revision, upgrade and downgrade");
  const Mapping file = Value::root_of(std::move(document), "the revision file")
                           .mapping({"revision", "down_revision", "message", "created_at", "transactional",
                                     "branch_labels", "upgrade", "downgrade"});

  Revision revision;
  revision.path = path;
  revision.checksum = checksum_of(text);
  revision.id = id_of(file.require("revision"), "revision id");
  // null for a root, but it must be said: a forgotten parent would silently start a new branch.
  revision.down_revisions =
      parent_ids_of(file.require("down_revision", "write 'down_revision: null' for a first revision"));
  if (const auto message = file.get("message")) revision.message = message->optional_text().value_or("");
  if (const auto created_at = file.get("created_at")) revision.created_at = created_at->optional_text().value_or("");
  if (const auto transactional = file.get("transactional"); transactional && !transactional->is_null())
    revision.transactional = transactional->boolean();
  if (const auto labels = file.get("branch_labels")) revision.branch_labels = branch_labels_of(*labels);
  read_steps(file, "upgrade", naming, revision.upgrade, revision.upgrade_positions);
  read_steps(file, "downgrade", naming, revision.downgrade, revision.downgrade_positions);
  return revision;
}

}  // namespace

Revision parse_revision(std::string_view text, const std::filesystem::path& path,
                        const schema::NamingConvention& naming) {
  // The quick reader first (plain_yaml.hpp). Whatever is wrong with the file is found again below
  // from yaml-cpp's tree, so that the error's position is yaml-cpp's.
  if (std::optional<model::YamlNode> root = model::read_plain_yaml(text)) {
    try {
      return read_revision(std::make_shared<const model::YamlDocument>(model::YamlDocument{path.string(), std::move(*root)}),
                           text, path, naming);
    } catch (...) {
    }
  }
  return read_revision(model::parse_document(without_leading_comments(text), path.string()), text, path, naming);
}

Revision read_revision_file(const std::filesystem::path& path, const schema::NamingConvention& naming) {
  const std::string file_name = path.string();
  std::ifstream file(path, std::ios::binary);
  if (!file) throw usage_error("cannot read revision file " + file_name, std::nullopt, "check that it exists and is readable");
  std::ostringstream text;
  text << file.rdbuf();
  return parse_revision(text.str(), path, naming);
}

}  // namespace dbmig::revision
