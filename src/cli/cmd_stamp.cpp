// dbmig stamp REV: set the version table without running any migration (adopting a database
// that already has the schema, or repairing the version table).
#include <ostream>

#include "cli/commands.hpp"
#include "runtime/statement_sink.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace dbmig::cli {

namespace {

std::vector<std::string> stamp_target(Context& context, const std::string& target) {
  const auto& graph = context.graph();
  if (target == "base") return {};
  if (target == "head") {
    auto heads = graph.heads();
    if (heads.size() > 1)
      throw usage_error("several heads (" + util::join(heads, ", ") + "): `head` is ambiguous", std::nullopt,
                        "stamp `heads`, or one revision id");
    return heads;
  }
  if (target == "heads") return graph.heads();
  return {graph.resolve(target).id};
}

void stamp(Context& context, const std::string& target) {
  const auto wanted = stamp_target(context, target);
  auto& connection = context.connection();
  const auto current = context.versions().read(connection);
  runtime::ConnectionSink sink(connection);
  sink.begin();
  try {
    context.versions().ensure_table(sink);
    context.versions().record(sink, current, wanted);
    sink.commit();
  } catch (...) {
    sink.rollback();
    throw;
  }
  if (auto* out = context.progress())
    *out << "Stamped the database at " << (wanted.empty() ? std::string("base") : util::join(wanted, ", ")) << "\n";
}

}  // namespace

void add_stamp_command(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("stamp", "set the version table to REV without running migrations");
  auto target = std::make_shared<std::string>();
  command->add_option("revision", *target, "a revision id or unique prefix, head, heads or base")->required();
  command->callback([&context, target] { stamp(context, *target); });
}

}  // namespace dbmig::cli
