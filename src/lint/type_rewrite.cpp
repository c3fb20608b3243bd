#include "lint/type_rewrite.hpp"

#include <algorithm>

namespace dbmig::lint {

namespace {

using schema::TypeKind;

bool is_text(TypeKind kind) { return kind == TypeKind::string || kind == TypeKind::text; }

// varchar(n) -> varchar(m >= n), varchar(n) -> varchar / text, text <-> varchar: no rewrite.
bool text_change_is_free(const schema::Type& from, const schema::Type& to) {
  const bool to_unbounded = to.kind == TypeKind::text || !to.length;
  if (to_unbounded) return true;
  const bool from_bounded = from.kind == TypeKind::string && from.length;
  return from_bounded && *to.length >= *from.length;
}

// numeric(p, s) -> numeric(q >= p, s) or unconstrained numeric: no rewrite.
bool numeric_change_is_free(const schema::Type& from, const schema::Type& to) {
  if (!to.precision) return true;
  return from.precision && *to.precision >= *from.precision && to.scale.value_or(0) == from.scale.value_or(0);
}

// Values only appended to an enum: the type changes in place, no row is touched.
bool enum_change_is_free(const schema::Type& from, const schema::Type& to) {
  return to.enum_values.size() >= from.enum_values.size() &&
         std::equal(from.enum_values.begin(), from.enum_values.end(), to.enum_values.begin());
}

}  // namespace

bool type_change_rewrites_table(const schema::Type& from, const schema::Type& to) {
  if (from == to) return false;
  if (is_text(from.kind) && is_text(to.kind)) return !text_change_is_free(from, to);
  if (from.kind == TypeKind::numeric && to.kind == TypeKind::numeric) return !numeric_change_is_free(from, to);
  if (from.kind == TypeKind::enumeration && to.kind == TypeKind::enumeration) return !enum_change_is_free(from, to);
  return true;
}

}  // namespace dbmig::lint
