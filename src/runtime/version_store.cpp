#include "runtime/version_store.hpp"

#include <algorithm>

namespace dbmig::runtime {

std::vector<std::string> VersionStore::read(dialect::Connection& connection) const {
  if (connection.query(dialect_.version_table_exists(table_)).empty()) return {};
  std::vector<std::string> heads;
  for (const auto& row : connection.query(dialect_.select_versions(table_)))
    if (!row.empty() && row[0]) heads.push_back(*row[0]);
  std::sort(heads.begin(), heads.end());
  return heads;
}

void VersionStore::ensure_table(StatementSink& sink) const {
  for (const auto& statement : dialect_.create_version_table(table_)) sink.execute(statement);
}

void VersionStore::record(StatementSink& sink, const std::vector<std::string>& before,
                          const std::vector<std::string>& after) const {
  const auto contains = [](const std::vector<std::string>& list, const std::string& id) {
    return std::find(list.begin(), list.end(), id) != list.end();
  };
  for (const auto& id : before)
    if (!contains(after, id)) sink.execute(dialect_.delete_version(table_, id));
  for (const auto& id : after)
    if (!contains(before, id)) sink.execute(dialect_.insert_version(table_, id));
}

}  // namespace dbmig::runtime
