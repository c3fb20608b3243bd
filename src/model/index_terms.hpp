#pragma once
// The body of an index in models.yaml and in a create_index step: its terms and the options of
// the whole index. Plain names stay plain; a term with options is a mapping:
//   columns: [a, {column: name, order: desc, nulls: last, collate: "C", opclass: text_pattern_ops},
//             {expression: "lower(email)"}]
//   expressions: ["lower(email)"]   # the older form: expression terms after the column terms
//   using: gin                      # access method (PostgreSQL); btree is the default
//   include: [code]                 # INCLUDE columns (PostgreSQL)
//   nulls_not_distinct: true        # UNIQUE NULLS NOT DISTINCT (PostgreSQL 15+), unique only
#include <string>
#include <vector>

#include "model/yaml_tree.hpp"
#include "model/yaml_value.hpp"
#include "schema/schema.hpp"

namespace dbmig::model {

// The keys read_index_body reads (a caller adds its own: name, table, ...).
const std::vector<std::string>& index_body_keys();

// columns, expressions, unique, where, using, include, nulls_not_distinct of `mapping` into
// `index` (all but its name); errors at the offending value, with the form to write. At least one
// term is required.
void read_index_body(const Mapping& mapping, schema::Index& index);

// Their inverse, appended to `node`: `columns: [a, b]` and `expressions: [...]` when every term is
// plain and the columns come first (the form files had before terms had options), else one
// `columns:` list of every term in its position.
void write_index_body(const schema::Index& index, YamlNode& node);

// A unique constraint's `nulls_not_distinct`, `deferrable` and `initially` keys.
void read_unique_options(const Mapping& mapping, schema::UniqueConstraint& unique);
void write_unique_options(const schema::UniqueConstraint& unique, YamlNode& node);
// Whether a unique constraint has any of them (then it cannot be a column's `unique: true`).
bool has_unique_options(const schema::UniqueConstraint& unique);

}  // namespace dbmig::model
