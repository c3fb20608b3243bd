// The property test of autogenerate: random schema evolutions from a seeded generator, applied
// with migrate and upgrade on both dialects. After every step `migrate` finds nothing left to do
// and `inspect` reads back the model; at the end `downgrade base` leaves only the version table.
// The seeds are fixed, so a failure repeats; the failing seed and step are in the message.
#include <doctest/doctest.h>

#include <random>

#include "test_autogenerate_support.hpp"

namespace dbmig::test {

namespace {

// Types a column moves between without data that could fail to convert: a type change picks
// another member of the column's family (the tables are empty, but PostgreSQL still refuses a
// cast it does not have, such as boolean to date).
struct TypeFamily {
  std::vector<std::string> types;
  std::vector<std::string> defaults;  // valid for every member
};

const std::vector<TypeFamily> families = {
    {{"integer", "bigint", "smallint"}, {"0", "7", "-1"}},
    {{"string(40)", "string(80)", "text"}, {"'a'", "'hello world'", "''"}},
    {{"numeric(10, 2)", "numeric(12, 4)"}, {"0", "1.5"}},
    {{"boolean"}, {"true", "false"}},
    {{"double"}, {"0", "2.5"}},
    {{"date"}, {}},
    {{"datetime"}, {"CURRENT_TIMESTAMP"}},
};

struct GeneratedColumn {
  std::string name;
  std::size_t family = 0;
  std::string type;
  bool nullable = true;
  std::optional<std::string> default_sql;
  bool reference = false;  // an integer column made to hold a foreign key; its type stays
};

struct GeneratedForeignKey {
  std::string column;
  std::string referred_table;
  std::string on_delete;  // empty: no action
};

struct GeneratedTable {
  std::string name;
  std::vector<GeneratedColumn> columns;                 // after the integer primary key `id`
  std::vector<std::vector<std::string>> indexes;        // column lists
  std::vector<std::vector<std::string>> uniques;
  std::vector<GeneratedForeignKey> foreign_keys;
};

// The model as the generator evolves it, and the models.yaml text for it.
class ModelGenerator {
 public:
  explicit ModelGenerator(unsigned seed) : random_(seed) {}

  // One to four random changes; returns what they were, for failure messages.
  std::string evolve() {
    std::string done;
    const int changes = pick(1, 4);
    for (int i = 0; i < changes; ++i) done += change() + "; ";
    return done;
  }

  std::string models_yaml() const {
    if (tables_.empty()) return "tables: {}\n";
    std::string text = "tables:\n";
    for (const auto& table : tables_) text += table_yaml(table);
    return text;
  }

 private:
  int pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  template <class Items>
  auto& any_of(Items& items) {
    return items[static_cast<std::size_t>(pick(0, static_cast<int>(items.size()) - 1))];
  }
  bool chance(int percent) { return pick(1, 100) <= percent; }
  std::string fresh(const char* prefix) { return prefix + std::to_string(++names_); }

  GeneratedColumn new_column() {
    GeneratedColumn column;
    column.name = fresh("c");
    column.family = static_cast<std::size_t>(pick(0, static_cast<int>(families.size()) - 1));
    column.type = any_of(families[column.family].types);
    column.nullable = chance(60);
    if (!families[column.family].defaults.empty() && chance(40)) column.default_sql = any_of(families[column.family].defaults);
    return column;
  }

  std::string change() {
    if (tables_.empty() || (tables_.size() < 3 && chance(40))) return add_table();  // keys need several tables
    switch (pick(0, 12)) {
      case 0: return add_table();
      case 1: return tables_.size() > 2 ? drop_table() : add_table();
      case 2: return add_column();
      case 3: return drop_column();
      case 4: return change_type();
      case 5: return toggle_nullable();
      case 6: return change_default();
      case 7: return add_index(false);
      case 8: return add_index(true);
      case 9: return drop_index_or_unique();
      case 10: return add_foreign_key();
      case 11: return drop_foreign_key();
      default: return add_column();
    }
  }

  std::string add_table() {
    GeneratedTable table;
    table.name = fresh("t");
    for (int i = pick(1, 3); i > 0; --i) table.columns.push_back(new_column());
    tables_.push_back(std::move(table));
    return "add table " + tables_.back().name;
  }

  std::string drop_table() {
    const std::size_t doomed = static_cast<std::size_t>(pick(0, static_cast<int>(tables_.size()) - 1));
    const std::string name = tables_[doomed].name;
    tables_.erase(tables_.begin() + static_cast<std::ptrdiff_t>(doomed));
    for (auto& table : tables_)  // keys to it go; their columns stay
      std::erase_if(table.foreign_keys, [&](const GeneratedForeignKey& key) { return key.referred_table == name; });
    return "drop table " + name;
  }

  std::string add_column() {
    GeneratedTable& table = any_of(tables_);
    table.columns.push_back(new_column());
    return "add column " + table.name + "." + table.columns.back().name + " " + table.columns.back().type;
  }

  std::string drop_column() {
    GeneratedTable& table = any_of(tables_);
    if (table.columns.size() < 2) return add_column();
    const std::size_t doomed = static_cast<std::size_t>(pick(0, static_cast<int>(table.columns.size()) - 1));
    const std::string name = table.columns[doomed].name;
    table.columns.erase(table.columns.begin() + static_cast<std::ptrdiff_t>(doomed));
    const auto uses = [&](const std::vector<std::string>& columns) {
      return std::find(columns.begin(), columns.end(), name) != columns.end();
    };
    std::erase_if(table.indexes, uses);
    std::erase_if(table.uniques, uses);
    std::erase_if(table.foreign_keys, [&](const GeneratedForeignKey& key) { return key.column == name; });
    return "drop column " + table.name + "." + name;
  }

  GeneratedColumn* plain_column(GeneratedTable& table) {
    std::vector<GeneratedColumn*> plain;
    for (auto& column : table.columns)
      if (!column.reference) plain.push_back(&column);
    return plain.empty() ? nullptr : any_of(plain);
  }

  std::string change_type() {
    GeneratedTable& table = any_of(tables_);
    GeneratedColumn* column = plain_column(table);
    if (!column || families[column->family].types.size() < 2) return add_column();
    const std::string before = column->type;
    while (column->type == before) column->type = any_of(families[column->family].types);
    return "type of " + table.name + "." + column->name + " " + before + " -> " + column->type;
  }

  std::string toggle_nullable() {
    GeneratedTable& table = any_of(tables_);
    GeneratedColumn& column = any_of(table.columns);
    column.nullable = !column.nullable;
    return table.name + "." + column.name + (column.nullable ? " nullable" : " NOT NULL");
  }

  std::string change_default() {
    GeneratedTable& table = any_of(tables_);
    GeneratedColumn* column = plain_column(table);
    if (!column) return add_column();
    const auto& defaults = families[column->family].defaults;
    if (column->default_sql || defaults.empty())
      column->default_sql.reset();
    else
      column->default_sql = any_of(defaults);
    if (column->default_sql && chance(50)) column->default_sql = any_of(defaults);  // maybe another one
    return "default of " + table.name + "." + column->name + " " + column->default_sql.value_or("none");
  }

  std::string add_index(bool unique) {
    GeneratedTable& table = any_of(tables_);
    std::vector<std::string> columns{any_of(table.columns).name};
    if (table.columns.size() > 1 && chance(30)) {
      const std::string second = any_of(table.columns).name;
      if (second != columns.front()) columns.push_back(second);
    }
    auto& list = unique ? table.uniques : table.indexes;
    if (std::find(list.begin(), list.end(), columns) != list.end()) return "(index already there)";
    list.push_back(columns);
    return std::string(unique ? "unique " : "index ") + table.name + "(" + columns.front() + (columns.size() > 1 ? ", " + columns[1] : "") + ")";
  }

  std::string drop_index_or_unique() {
    GeneratedTable& table = any_of(tables_);
    auto& list = chance(50) ? table.indexes : table.uniques;
    if (list.empty()) return "(nothing to drop)";
    list.erase(list.begin() + pick(0, static_cast<int>(list.size()) - 1));
    return "drop an index or unique of " + table.name;
  }

  std::string add_foreign_key() {
    GeneratedTable& table = any_of(tables_);
    const std::string referred = any_of(tables_).name;  // may be the table itself
    GeneratedColumn column;
    column.name = fresh("r");
    column.type = "integer";
    column.reference = true;
    table.columns.push_back(column);
    const char* actions[] = {"", "cascade", "set null", "restrict"};
    table.foreign_keys.push_back({column.name, referred, actions[pick(0, 3)]});
    if (table.foreign_keys.back().on_delete == "set null") table.columns.back().nullable = true;
    return "key " + table.name + "." + column.name + " -> " + referred;
  }

  std::string drop_foreign_key() {
    GeneratedTable& table = any_of(tables_);
    if (table.foreign_keys.empty()) return add_foreign_key();
    table.foreign_keys.erase(table.foreign_keys.begin() + pick(0, static_cast<int>(table.foreign_keys.size()) - 1));
    return "drop a key of " + table.name;
  }

  static std::string list(const std::vector<std::string>& items) {
    std::string text = "[";
    for (const auto& item : items) text += (text.size() > 1 ? ", " : "") + item;
    return text + "]";
  }

  static std::string table_yaml(const GeneratedTable& table) {
    std::string text = "  " + table.name + ":\n    columns:\n      id: {type: integer, primary_key: true}\n";
    for (const auto& column : table.columns) {
      text += "      " + column.name + ": {type: \"" + column.type + "\"";
      if (!column.nullable) text += ", nullable: false";
      if (column.default_sql) text += ", default: \"" + *column.default_sql + "\"";
      text += "}\n";
    }
    if (!table.indexes.empty()) {
      text += "    indexes:\n";
      for (const auto& columns : table.indexes) text += "      - {columns: " + list(columns) + "}\n";
    }
    if (!table.uniques.empty()) {
      text += "    unique:\n";
      for (const auto& columns : table.uniques) text += "      - " + list(columns) + "\n";
    }
    if (!table.foreign_keys.empty()) {
      text += "    foreign_keys:\n";
      for (const auto& key : table.foreign_keys) {
        text += "      - {columns: [" + key.column + "], references: \"" + key.referred_table + "(id)\"";
        if (!key.on_delete.empty()) text += ", on_delete: " + key.on_delete;
        text += "}\n";
      }
    }
    return text;
  }

  std::mt19937 random_;
  std::vector<GeneratedTable> tables_;
  int names_ = 0;
};

schema::Schema normalized(const std::string& models, const dialect::Dialect& dialect) {
  schema::Schema schema = model::load_string(models, "models.yaml", schema::NamingConvention{});
  dialect.normalize(schema);
  return canonical(std::move(schema));
}

bool failed(const char* what) {
  FAIL_CHECK(what);
  return false;
}

// One seed's evolution on one database; false after the first step that went wrong.
bool evolve(unsigned seed, const TestDatabase& database) {
  Project project(database.url());
  ModelGenerator generator(seed);
  constexpr int steps = 8;
  for (int step = 1; step <= steps; ++step) {
    const std::string changes = generator.evolve();
    const std::string models = generator.models_yaml();
    INFO("seed " << seed << ", step " << step << ": " << changes << "\nmodels.yaml:\n" << models);
    project.write("models.yaml", models);

    const CliResult migrate = project.run({"migrate", "-m", "step " + std::to_string(step)});
    INFO("migrate: " << migrate.out << migrate.err);
    if (migrate.code != 0) return failed("migrate failed");
    if (!says_no_changes(migrate)) {
      const CliResult upgrade = project.run({"upgrade"});
      INFO("upgrade: " << upgrade.out << upgrade.err);
      if (upgrade.code != 0) return failed("upgrade failed");
    }
    const CliResult again = project.run({"migrate", "-m", "again"});
    INFO("migrate once applied: " << again.out << again.err);
    if (!says_no_changes(again)) return failed("changes found right after the upgrade");

    const CliResult inspected = project.run({"inspect"});
    INFO("inspect: " << inspected.out << inspected.err);
    CHECK(inspected.code == 0);
    const schema::Schema expected = normalized(models, database.dialect());
    const schema::Schema actual = normalized(inspected.out, database.dialect());
    INFO("model:\n" << describe(expected) << "inspected:\n" << describe(actual));
    if (actual != expected) return failed("inspect differs from the model");
  }

  const CliResult base = project.run({"downgrade", "base"});
  INFO("downgrade base: " << base.out << base.err);
  CHECK(base.code == 0);
  CHECK(database.table_names() == std::vector<std::string>{"dbmig_version"});
  return true;
}

}  // namespace

TEST_CASE_TEMPLATE("property: seeded random evolutions migrate, upgrade, inspect back and downgrade to base",
                   Backend, DBMIG_TEST_BACKENDS_NOT_YET_MARIADB) {
  for (const unsigned seed : {1u, 2u, 3u, 4u}) {
    auto database = make_database(Backend::name);
    if (!database) return;
    CAPTURE(seed);
    evolve(seed, *database);
  }
}

}  // namespace dbmig::test
