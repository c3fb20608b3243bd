#include "model/table_writer.hpp"

#include <algorithm>

#include "model/detail.hpp"
#include "model/index_terms.hpp"
#include "model/model.hpp"
#include "model/reference.hpp"

namespace dbmig::model {

namespace detail {

namespace {

using Convention = schema::NamingConvention;

using Style = YamlNode::Style;

YamlNode flow_list(const std::vector<std::string>& items) { return YamlNode::list(items, Style::flow); }

// Column flags that stand for table-level constraints (the person-style form only).
struct FoldedFlags {
  bool primary_key = false;
  bool unique = false;
  bool index = false;
  const schema::ForeignKey* references = nullptr;
};

// What the table around a column already says, so those keys can be left out.
struct ColumnContext {
  bool in_primary_key = false;        // NOT NULL is implied
  bool implied_autoincrement = false;
  bool may_autoincrement = true;      // autoincrement: true is allowed: a lone column, or the table's whole integer key
  bool enum_by_reference = false;     // a named enum type declared under `enums:`: write its name only
  FoldedFlags flags;
};

// A column's type; a named enum type declared under the document's `enums:` by its reference
// alone (`type: order_status`), where that reads back as it (not a generic type name such as
// `text`, nor a name that needs quotes, which the whole `enum "Order Status"(a, b)` says).
std::string type_text(const schema::Type& type, bool enum_by_reference) {
  if (!enum_by_reference || !type.is_named_enum()) return schema::to_string(type);
  const std::string reference = schema::enum_reference(type.enum_schema, type.enum_name);
  try {
    const schema::Type read = schema::parse_type(reference);
    if (read.kind == schema::TypeKind::native && reference.find('"') == std::string::npos) return reference;
  } catch (const schema::TypeError&) {
  }
  return schema::to_string(type);
}

// true/false where that says it (the whole key's identity, or none); otherwise the kind by name,
// which the reader accepts on any integer column.
void write_autoincrement(YamlNode& node, const schema::Column& column, const ColumnContext& context) {
  const bool plain = !column.autoincrement || column.autoincrement_kind == schema::AutoincrementKind::identity;
  if (plain && column.autoincrement == context.implied_autoincrement) return;
  if (plain && (!column.autoincrement || context.may_autoincrement)) {
    node.add("autoincrement", column.autoincrement);
  } else {
    node.add("autoincrement", schema::to_string(column.autoincrement_kind));
  }
}

YamlNode write_column(const schema::Column& column, const ColumnContext& context) {
  YamlNode node = YamlNode::mapping();
  node.add("type", type_text(column.type, context.enum_by_reference));
  if (column.nullable == context.in_primary_key) node.add("nullable", column.nullable);
  if (context.flags.primary_key) node.add("primary_key", true);
  if (context.flags.unique) node.add("unique", true);
  if (context.flags.index) node.add("index", true);
  if (column.default_sql) node.add("default", *column.default_sql);
  if (const schema::ForeignKey* foreign_key = context.flags.references) {
    node.add("references", column_reference_text(*foreign_key));
    if (foreign_key->on_delete != schema::ReferentialAction::no_action)
      node.add("on_delete", schema::to_string(foreign_key->on_delete));
    if (foreign_key->on_update != schema::ReferentialAction::no_action)
      node.add("on_update", schema::to_string(foreign_key->on_update));
  }
  write_autoincrement(node, column, context);
  if (column.collation) node.add("collate", *column.collation);
  if (column.generated) {
    YamlNode generated = YamlNode::mapping();
    generated.add("expr", column.generated->expression);
    if (column.generated->stored) generated.add("stored", true);
    generated.style = Style::flow;
    node.add("generated", std::move(generated));
  }
  if (column.comment) node.add("comment", *column.comment);
  if (column.renamed_from) node.add("renamed_from", *column.renamed_from);
  node.style = Style::flow;
  return node;
}

template <class Item>
std::vector<const Item*> in_name_order(const std::vector<Item>& items, bool sort) {
  std::vector<const Item*> out;
  for (const auto& item : items) out.push_back(&item);
  if (sort) std::sort(out.begin(), out.end(), [](const Item* a, const Item* b) { return a->name < b->name; });
  return out;
}

// A database made by hand (SQLite) has unnamed constraints, which a model cannot hold: they get
// the names loading the model would give them, so that the person-style form folds and omits them
// like any conventional name and the diff then matches them by definition. Where that name is
// taken (two unnamed keys on the same columns), and for checks (whose convention needs a name
// token), the name is made unique and written out.
class UnnamedConstraints {
 public:
  UnnamedConstraints(const schema::Table& table, const schema::NamingConvention& naming)
      : table_(table), naming_(naming) {
    const auto take = [this](const std::string& name) {
      if (!name.empty()) taken_.push_back(name);
    };
    if (table.primary_key) take(table.primary_key->name);
    for (const auto& index : table.indexes) take(index.name);
    for (const auto& unique : table.uniques) take(unique.name);
    for (const auto& foreign_key : table.foreign_keys) take(foreign_key.name);
    for (const auto& check : table.checks) take(check.name);
  }

  schema::Table named() {
    schema::Table table = table_;
    if (table.primary_key && table.primary_key->name.empty())
      table.primary_key->name = free_name(naming_.pk, table.primary_key->columns);
    for (auto& unique : table.uniques)
      if (unique.name.empty()) unique.name = free_name(naming_.uq, unique.columns);
    for (auto& foreign_key : table.foreign_keys)
      if (foreign_key.name.empty()) foreign_key.name = free_name(naming_.fk, foreign_key.columns, foreign_key.referred_table);
    int checks = 0;
    for (auto& check : table.checks) {
      while (check.name.empty()) {
        const auto name = Convention::resolve(naming_.ck, "check_" + std::to_string(++checks), table.name, {});
        if (name && !is_taken(*name)) check.name = claim(*name);
      }
    }
    return table;
  }

 private:
  std::string free_name(const std::string& pattern, const std::vector<std::string>& columns,
                        const std::string& referred_table = {}) {
    const std::string conventional = Convention::resolve(pattern, std::nullopt, table_.name, columns, referred_table)
                                         .value_or(table_.name + "_key");
    std::string name = conventional;
    for (int suffix = 2; is_taken(name); ++suffix) name = conventional + "_" + std::to_string(suffix);
    return claim(name);
  }

  bool is_taken(const std::string& name) const { return std::find(taken_.begin(), taken_.end(), name) != taken_.end(); }
  const std::string& claim(const std::string& name) { return taken_.emplace_back(name); }

  const schema::Table& table_;
  const schema::NamingConvention& naming_;
  std::vector<std::string> taken_;
};

class TableWriter {
 public:
  TableWriter(const schema::Table& table, const schema::NamingConvention* naming)
      // Without a convention (a revision's create_table) unnamed constraints get the default
      // convention's names, written out: a step must read back, and a check needs a name there.
      : table_(UnnamedConstraints(table, naming ? *naming : schema::NamingConvention{}).named()),
        naming_(naming),
        contexts_(table.columns.size()) {
    // The person-style form goes with a document whose `enums:` declares every named type.
    for (ColumnContext& context : contexts_) context.enum_by_reference = naming_ != nullptr;
  }

  YamlNode write() {
    fold_flags();
    YamlNode node = YamlNode::mapping();
    if (!table_.schema.empty()) node.add("schema", table_.schema);
    if (table_.comment) node.add("comment", *table_.comment);
    if (table_.renamed_from) node.add("renamed_from", *table_.renamed_from);
    node.add("columns", columns());
    if (table_.sqlite.any()) node.add("sqlite", sqlite_options(table_.sqlite));
    if (table_.postgresql.any()) node.add("postgresql", postgresql_options(table_.postgresql));
    if (table_.primary_key && !primary_key_folded_) node.add("primary_key", primary_key(*table_.primary_key));
    append_list(node, "indexes", table_.indexes, [this](const schema::Index& index) { return this->index(index); });
    append_list(node, "unique", table_.uniques, [this](const auto& unique) { return this->unique(unique); });
    append_list(node, "foreign_keys", table_.foreign_keys, [this](const auto& fk) { return this->foreign_key(fk); });
    append_list(node, "checks", table_.checks, [this](const auto& check) { return this->check(check); });
    return node;
  }

 private:
  // Whether `name` is what the convention gives this constraint, so it may go unwritten.
  // Always false in the explicit form, which names everything.
  bool conventional(std::string Convention::*pattern, const std::string& name,
                    const std::vector<std::string>& columns, const std::string& referred_table = {}) const {
    return naming_ &&
           schema::NamingConvention::resolve(naming_->*pattern, std::nullopt, table_.name, columns, referred_table) == name;
  }

  std::size_t column_index(const std::string& name) const {
    const auto it = std::find_if(table_.columns.begin(), table_.columns.end(),
                                 [&](const schema::Column& column) { return column.name == name; });
    return static_cast<std::size_t>(it - table_.columns.begin());
  }

  ColumnContext* single_column_context(const std::vector<std::string>& columns) {
    if (columns.size() != 1) return nullptr;
    const std::size_t index = column_index(columns.front());
    return index < contexts_.size() ? &contexts_[index] : nullptr;
  }

  void fold_flags() {
    if (table_.primary_key)
      for (const auto& column : table_.primary_key->columns)
        if (const std::size_t index = column_index(column); index < contexts_.size()) contexts_[index].in_primary_key = true;
    for (std::size_t i = 0; i < table_.columns.size(); ++i)
    {
      contexts_[i].implied_autoincrement = implies_autoincrement(table_, table_.columns[i]);
      contexts_[i].may_autoincrement = may_autoincrement(table_, table_.columns[i]);
    }
    if (!naming_) return;  // the explicit form keeps every constraint at table level

    if (const auto& key = table_.primary_key; key && conventional(&Convention::pk, key->name, key->columns)) {
      if (ColumnContext* context = single_column_context(key->columns)) {
        context->flags.primary_key = true;
        primary_key_folded_ = true;
      }
    }
    for (const auto& unique : table_.uniques) {
      ColumnContext* context = single_column_context(unique.columns);
      if (context && !context->flags.unique && !has_unique_options(unique) && conventional(&Convention::uq, unique.name, unique.columns)) {
        context->flags.unique = true;
        folded_.push_back(&unique);
      }
    }
    for (const auto& index : table_.indexes) {
      const std::vector<std::string> columns = index.key_columns();
      ColumnContext* context = index.terms.size() == 1 ? single_column_context(columns) : nullptr;
      const bool plain = !index.unique && index.on_plain_columns() && !index.where;
      if (context && plain && !context->flags.index && conventional(&Convention::ix, index.name, columns)) {
        context->flags.index = true;
        folded_.push_back(&index);
      }
    }
    for (const auto& foreign_key : table_.foreign_keys) {
      ColumnContext* context = single_column_context(foreign_key.columns);
      // A column's `references:` has no place for deferrable: such a key stays in foreign_keys.
      if (context && !context->flags.references && !foreign_key.deferrable &&
          conventional(&Convention::fk, foreign_key.name, foreign_key.columns, foreign_key.referred_table)) {
        context->flags.references = &foreign_key;
        folded_.push_back(&foreign_key);
      }
    }
  }

  bool is_folded(const void* constraint) const {
    return std::find(folded_.begin(), folded_.end(), constraint) != folded_.end();
  }

  YamlNode columns() const {
    YamlNode node = YamlNode::mapping();
    for (std::size_t i = 0; i < table_.columns.size(); ++i)
      node.add(table_.columns[i].name, write_column(table_.columns[i], contexts_[i]));
    return node;
  }

  // A table-level list; the person-style form sorts it by name so that the output does not
  // depend on the order a database lists its catalog in.
  template <class Item, class Write>
  void append_list(YamlNode& table_node, const char* key, const std::vector<Item>& items, Write write_item) const {
    YamlNode list = YamlNode::sequence();
    for (const Item* item : in_name_order(items, naming_ != nullptr))
      if (!is_folded(item)) list.push(write_item(*item));
    if (!list.items.empty()) table_node.add(key, std::move(list));
  }

  static YamlNode postgresql_options(const schema::PostgresTableOptions& options) {
    YamlNode node = YamlNode::mapping();
    if (options.unlogged) node.add("unlogged", true);
    node.style = Style::flow;
    return node;
  }

  static YamlNode sqlite_options(const schema::SqliteTableOptions& options) {
    YamlNode node = YamlNode::mapping();
    if (options.strict) node.add("strict", true);
    if (options.without_rowid) node.add("without_rowid", true);
    if (options.autoincrement) node.add("autoincrement", true);
    node.style = Style::flow;
    return node;
  }

  YamlNode primary_key(const schema::PrimaryKey& key) const {
    if (conventional(&Convention::pk, key.name, key.columns)) return flow_list(key.columns);
    return named_columns(&Convention::pk, key.name, key.columns);
  }

  YamlNode unique(const schema::UniqueConstraint& unique) const {
    const bool conventional_name = conventional(&Convention::uq, unique.name, unique.columns);
    if (conventional_name && !has_unique_options(unique)) return flow_list(unique.columns);
    YamlNode node = YamlNode::mapping();
    if (!conventional_name) add_name(node, &Convention::uq, unique.name, unique.columns);
    node.add("columns", flow_list(unique.columns));
    write_unique_options(unique, node);
    node.style = Style::flow;
    return node;
  }

  YamlNode named_columns(std::string Convention::*pattern, const std::string& name,
                         const std::vector<std::string>& columns) const {
    YamlNode node = YamlNode::mapping();
    add_name(node, pattern, name, columns);
    node.add("columns", flow_list(columns));
    node.style = Style::flow;
    return node;
  }

  // `name: X` when loading it gives back X; else `exact_name: X`: a name that the convention's
  // %(name)s would rewrite (a check called `positive` in a database another tool made would come
  // back as ck_<table>_positive, and migrate would rename it).
  void add_name(YamlNode& node, std::string Convention::*pattern, const std::string& name,
                const std::vector<std::string>& columns, const std::string& referred_table = {}) const {
    const bool rewritten =
        naming_ && Convention::resolve(naming_->*pattern, name, table_.name, columns, referred_table) != name;
    node.add(rewritten ? "exact_name" : "name", name);
  }

  YamlNode index(const schema::Index& index) const {
    YamlNode node = YamlNode::mapping();
    const std::vector<std::string> columns = index.key_columns();
    if (columns.empty() || !conventional(&Convention::ix, index.name, columns))
      add_name(node, &Convention::ix, index.name, columns);
    write_index_body(index, node);
    node.style = Style::flow;
    return node;
  }

  YamlNode foreign_key(const schema::ForeignKey& foreign_key) const {
    YamlNode node = YamlNode::mapping();
    if (!conventional(&Convention::fk, foreign_key.name, foreign_key.columns, foreign_key.referred_table))
      add_name(node, &Convention::fk, foreign_key.name, foreign_key.columns, foreign_key.referred_table);
    node.add("columns", flow_list(foreign_key.columns));
    node.add("references", table_reference_text(foreign_key));
    if (foreign_key.on_delete != schema::ReferentialAction::no_action)
      node.add("on_delete", schema::to_string(foreign_key.on_delete));
    if (foreign_key.on_update != schema::ReferentialAction::no_action)
      node.add("on_update", schema::to_string(foreign_key.on_update));
    write_deferrable(foreign_key, node);
    node.style = Style::flow;
    return node;
  }

  YamlNode check(const schema::CheckConstraint& check) const {
    YamlNode node = YamlNode::mapping();
    const std::string short_name = naming_ ? short_check_name(check.name) : check.name;
    if (short_name != check.name) node.add("name", short_name);
    else add_name(node, &Convention::ck, check.name, {});
    node.add("expr", check.expression);
    if (check.no_inherit) node.add("no_inherit", true);
    node.style = Style::flow;
    return node;
  }

  // "ck_posts_title_not_empty" -> "title_not_empty" when the ck convention turns the latter
  // back into the former; else the whole name (which the convention keeps as it is).
  std::string short_check_name(const std::string& name) const {
    constexpr char marker = '\x01';
    const std::string marked = schema::NamingConvention::expand(naming_->ck, table_.name, {}, {}, std::string(1, marker));
    const std::size_t at = marked.find(marker);
    if (at == std::string::npos) return name;
    const std::string_view prefix = std::string_view(marked).substr(0, at);
    const std::string_view suffix = std::string_view(marked).substr(at + 1);
    if (name.size() <= prefix.size() + suffix.size() || !name.starts_with(prefix) || !name.ends_with(suffix))
      return name;
    const std::string token = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    return schema::NamingConvention::resolve(naming_->ck, token, table_.name, {}) == name ? token : name;
  }

  const schema::Table table_;  // with names for unnamed constraints in the person-style form
  const schema::NamingConvention* naming_;
  std::vector<ColumnContext> contexts_;
  bool primary_key_folded_ = false;
  // The constraints written as column flags, by address: they are left out of the table lists.
  std::vector<const void*> folded_;
};

}  // namespace

YamlNode write_table(const schema::Table& table, const schema::NamingConvention* naming) {
  return TableWriter(table, naming).write();
}

}  // namespace detail

YamlNode table_tree(const schema::Table& table) { return detail::write_table(table, nullptr); }

YamlNode column_tree(const schema::Column& column) { return detail::write_column(column, detail::ColumnContext{}); }

YAML::Node table_to_yaml(const schema::Table& table) { return yaml_cpp_of(table_tree(table)); }

YAML::Node column_to_yaml(const schema::Column& column) { return yaml_cpp_of(column_tree(column)); }

}  // namespace dbmig::model
