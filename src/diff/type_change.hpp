#pragma once
// Whether changing a column's type can lose or reject existing values, for migrate's warnings.
#include "schema/type.hpp"

namespace dbmig::diff::detail {

enum class TypeChange {
  widening,    // every old value fits the new type unchanged: no warning
  narrowing,   // same family, smaller: long values fail or are cut
  conversion,  // another family: values must convert, or the upgrade fails
};

TypeChange classify_type_change(const schema::Type& from, const schema::Type& to);

}  // namespace dbmig::diff::detail
