#pragma once
// Shared by the test_sqlite_*.cpp files: throwaway database files and readable schema dumps.
#include <atomic>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "dialect/sqlite/sqlite_connection.hpp"
#include "schema/schema.hpp"
#include "util/error.hpp"

namespace dbmig::test {

// A SQLite file in the temp directory, unique per test, removed (with its journal) at scope end.
class TempDatabase {
 public:
  TempDatabase() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("dbmig_sqlite_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".db");
    remove_files();
  }
  ~TempDatabase() { remove_files(); }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;

  std::string path() const { return path_.string(); }

 private:
  void remove_files() {
    std::error_code ignored;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
      std::filesystem::remove(path_.string() + suffix, ignored);
    }
  }
  std::filesystem::path path_;
};

// One line per column and constraint, so a failed comparison shows what differs.
inline std::string describe(const schema::Type& type) {
  std::string out = "kind" + std::to_string(static_cast<int>(type.kind));
  if (type.length) out += " length=" + std::to_string(*type.length);
  if (type.precision) out += " precision=" + std::to_string(*type.precision);
  if (type.scale) out += " scale=" + std::to_string(*type.scale);
  for (const std::string& value : type.enum_values) out += " value=" + value;
  if (!type.native.empty()) out += " native=" + type.native;
  return out;
}

inline std::vector<std::string> expressions_of(const schema::Index& index) {
  std::vector<std::string> expressions;
  for (const schema::IndexTerm& term : index.terms)
    if (term.is_expression()) expressions.push_back(term.expression);
  return expressions;
}

inline std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ",") + name;
  return out;
}

inline std::string describe(const schema::Table& table) {
  std::string out = "table " + table.name + " schema=" + table.schema + " comment=" + table.comment.value_or("-") + "\n";
  for (const schema::Column& column : table.columns) {
    out += "  column " + column.name + " " + describe(column.type) + (column.nullable ? " null" : " notnull") +
           " default=" + column.default_sql.value_or("-") + (column.autoincrement ? " autoincrement" : "") +
           " comment=" + column.comment.value_or("-") + "\n";
  }
  if (table.primary_key) out += "  pk " + table.primary_key->name + " (" + join_names(table.primary_key->columns) + ")\n";
  for (const schema::UniqueConstraint& unique : table.uniques) {
    out += "  unique " + unique.name + " (" + join_names(unique.columns) + ")\n";
  }
  for (const schema::Index& index : table.indexes) {
    out += "  index " + index.name + (index.unique ? " unique" : "") + " (" + join_names(index.key_columns()) + ") expr(" +
           join_names(expressions_of(index)) + ") where=" + index.where.value_or("-") + "\n";
  }
  for (const schema::ForeignKey& foreign_key : table.foreign_keys) {
    out += "  fk " + foreign_key.name + " (" + join_names(foreign_key.columns) + ") -> " + foreign_key.referred_table +
           " (" + join_names(foreign_key.referred_columns) + ") delete=" + to_sql(foreign_key.on_delete) +
           " update=" + to_sql(foreign_key.on_update) + "\n";
  }
  for (const schema::CheckConstraint& check : table.checks) out += "  check " + check.name + ": " + check.expression + "\n";
  return out;
}

inline std::string describe(const schema::Schema& schema) {
  std::string out;
  for (const schema::Table& table : schema.tables) out += describe(table);
  return out;
}

// Small builders for test schemas.
inline schema::Type type_of(schema::TypeKind kind) {
  schema::Type type;
  type.kind = kind;
  return type;
}

inline schema::Column column(std::string name, schema::Type type, bool nullable = true,
                             std::optional<std::string> default_sql = std::nullopt) {
  schema::Column result;
  result.name = std::move(name);
  result.type = std::move(type);
  result.nullable = nullable;
  result.default_sql = std::move(default_sql);
  return result;
}

// The dbmig::Error `action` throws; nullopt when it throws none.
template <class Action>
std::optional<Error> error_from(Action&& action) {
  try {
    action();
  } catch (const Error& error) {
    return error;
  }
  return std::nullopt;
}

}  // namespace dbmig::test

