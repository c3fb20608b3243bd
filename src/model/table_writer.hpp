#pragma once
// Internal to model/: a Table as a models.yaml mapping, in one of two forms.
#include "model/yaml_tree.hpp"

#include "schema/naming.hpp"
#include "schema/schema.hpp"

namespace dbmig::model::detail {

// Without a naming convention: the explicit form, every constraint at table level with its name
// (what revision files hold). With one: the form a person writes, where single-column
// constraints with the convention's name are column flags and conventional names are left out
// (what `dbmig inspect` prints). Both read back to an equal table with read_table.
YamlNode write_table(const schema::Table& table, const schema::NamingConvention* naming);

}  // namespace dbmig::model::detail
