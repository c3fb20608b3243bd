#include "model/index_terms.hpp"

#include <algorithm>

#include "model/reference.hpp"
#include "util/text.hpp"

namespace dbmig::model {

namespace {

const std::vector<std::string> term_keys = {"column", "expression", "collate", "opclass", "order", "nulls"};
const char* const term_hint =
    "write a column name, or {column: name, order: desc, nulls: last, collate: \"C\", opclass: text_pattern_ops}, "
    "or {expression: \"lower(name)\"}";

std::string non_empty_text(const Value& value, std::string_view what) {
  std::string text = value.text();
  if (text.empty()) value.fail("empty " + std::string(what) + " in " + value.what(), term_hint);
  return text;
}

schema::IndexTerm read_term(const Value& item) {
  if (!item.is_mapping()) return schema::IndexTerm::of_column(non_empty_text(item, "column name"));
  const Mapping mapping = item.mapping(term_keys);
  const auto column = mapping.get("column");
  const auto expression = mapping.get("expression");
  if (column.has_value() == expression.has_value())
    item.fail("an index term names a column or an expression, not " +
                  std::string(column ? "both" : "neither"),
              term_hint);
  schema::IndexTerm term = column ? schema::IndexTerm::of_column(non_empty_text(*column, "column name"))
                                  : schema::IndexTerm::of_expression(non_empty_text(*expression, "expression"));
  if (const auto collate = mapping.get("collate")) term.collate = non_empty_text(*collate, "collation");
  if (const auto opclass = mapping.get("opclass")) term.opclass = non_empty_text(*opclass, "operator class");
  if (const auto order = mapping.get("order")) {
    const std::string text = util::lower_ascii(order->text());
    if (text != "asc" && text != "desc")
      order->fail("unknown order '" + order->text() + "' for " + order->what(), "use asc or desc");
    term.descending = text == "desc";
  }
  if (const auto nulls = mapping.get("nulls")) {
    const std::string text = util::lower_ascii(nulls->text());
    if (text != "first" && text != "last")
      nulls->fail("unknown nulls order '" + nulls->text() + "' for " + nulls->what(), "use first or last");
    // NULLS LAST ascending and NULLS FIRST descending are what the database does unsaid.
    const bool first = text == "first";
    if (first != term.descending) term.nulls = first ? schema::NullsOrder::first : schema::NullsOrder::last;
  }
  return term;
}

void check_columns_once(const Value& list, const std::vector<schema::IndexTerm>& terms) {
  for (auto it = terms.begin(); it != terms.end(); ++it) {
    if (it->is_expression()) continue;
    const auto same = [&](const schema::IndexTerm& other) { return other.column == it->column; };
    if (std::find_if(terms.begin(), it, same) != it)
      list.fail("column '" + it->column + "' is listed twice in " + list.what(), "list each column once");
  }
}

YamlNode term_node(const schema::IndexTerm& term) {
  if (!term.is_expression() && term.is_plain()) return YamlNode::scalar(term.column);
  YamlNode node = YamlNode::mapping(YamlNode::Style::flow);
  if (term.is_expression())
    node.add("expression", term.expression);
  else
    node.add("column", term.column);
  if (term.collate) node.add("collate", *term.collate);
  if (term.opclass) node.add("opclass", *term.opclass);
  if (term.descending) node.add("order", "desc");
  if (term.nulls) node.add("nulls", *term.nulls == schema::NullsOrder::first ? "first" : "last");
  return node;
}

// The form files had before terms had options: plain columns, then plain expressions.
bool has_simple_form(const std::vector<schema::IndexTerm>& terms) {
  const auto first_expression =
      std::find_if(terms.begin(), terms.end(), [](const schema::IndexTerm& term) { return term.is_expression(); });
  const bool columns_first = std::none_of(first_expression, terms.end(),
                                          [](const schema::IndexTerm& term) { return !term.is_expression(); });
  return columns_first &&
         std::all_of(terms.begin(), terms.end(), [](const schema::IndexTerm& term) { return term.is_plain(); });
}

}  // namespace

const std::vector<std::string>& index_body_keys() {
  static const std::vector<std::string> keys = {"columns", "expressions", "unique", "where",
                                                "using",   "include",     "nulls_not_distinct"};
  return keys;
}

void read_index_body(const Mapping& mapping, schema::Index& index) {
  if (const auto columns = mapping.get("columns")) {
    for (const Value& item : columns->items()) index.terms.push_back(read_term(item));
    check_columns_once(*columns, index.terms);
  }
  if (const auto expressions = mapping.get("expressions"))
    for (const Value& item : expressions->items())
      index.terms.push_back(schema::IndexTerm::of_expression(non_empty_text(item, "expression")));
  if (index.terms.empty())
    mapping.value().fail("an index needs columns or expressions",
                         "write {columns: [a, b]} or {name: ix_x, expressions: [\"lower(a)\"]}");
  if (const auto unique = mapping.get("unique")) index.unique = unique->boolean();
  if (const auto where = mapping.get("where")) index.where = where->text();
  if (const auto method = mapping.get("using")) {
    const std::string text = util::lower_ascii(non_empty_text(*method, "access method"));
    if (text.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
      method->fail("bad access method '" + method->text() + "' for " + method->what(),
                   "use btree, hash, gin, gist, spgist, brin or an extension's method name");
    index.method = text == "btree" ? std::string() : text;  // btree is the default
  }
  if (const auto include = mapping.get("include")) {
    for (const Value& item : include->items()) index.include.push_back(non_empty_text(item, "column name"));
    if (index.include.empty()) include->fail("no columns in " + include->what(), "list at least one column, or remove it");
  }
  if (const auto nulls = mapping.get("nulls_not_distinct")) {
    index.nulls_not_distinct = nulls->boolean();
    if (index.nulls_not_distinct && !index.unique)
      nulls->fail(nulls->what() + " is only for a unique index", "add unique: true, or remove nulls_not_distinct");
  }
}

void write_index_body(const schema::Index& index, YamlNode& node) {
  if (has_simple_form(index.terms)) {
    const std::vector<std::string> columns = index.key_columns();
    std::vector<std::string> expressions;
    for (const schema::IndexTerm& term : index.terms)
      if (term.is_expression()) expressions.push_back(term.expression);
    if (!columns.empty()) node.add("columns", YamlNode::list(columns, YamlNode::Style::flow));
    if (!expressions.empty()) node.add("expressions", YamlNode::list(expressions, YamlNode::Style::flow));
  } else {
    YamlNode terms = YamlNode::sequence(YamlNode::Style::flow);
    for (const schema::IndexTerm& term : index.terms) terms.push(term_node(term));
    node.add("columns", std::move(terms));
  }
  if (index.unique) node.add("unique", true);
  if (index.where) node.add("where", *index.where);
  if (!index.method.empty()) node.add("using", index.method);
  if (!index.include.empty()) node.add("include", YamlNode::list(index.include, YamlNode::Style::flow));
  if (index.nulls_not_distinct) node.add("nulls_not_distinct", true);
}

void read_unique_options(const Mapping& mapping, schema::UniqueConstraint& unique) {
  if (const auto nulls = mapping.get("nulls_not_distinct")) unique.nulls_not_distinct = nulls->boolean();
  read_deferrable(mapping, unique);
}

void write_unique_options(const schema::UniqueConstraint& unique, YamlNode& node) {
  if (unique.nulls_not_distinct) node.add("nulls_not_distinct", true);
  write_deferrable(unique, node);
}

bool has_unique_options(const schema::UniqueConstraint& unique) { return unique.nulls_not_distinct || unique.deferrable; }

}  // namespace dbmig::model
