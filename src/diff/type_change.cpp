#include "diff/type_change.hpp"

#include <algorithm>
#include <optional>

namespace dbmig::diff::detail {

namespace {

using schema::TypeKind;

// The rank of an integer type by range; nullopt for other types.
std::optional<int> integer_rank(TypeKind kind) {
  switch (kind) {
    case TypeKind::smallint: return 1;
    case TypeKind::integer: return 2;
    case TypeKind::bigint: return 3;
    default: return std::nullopt;
  }
}

bool is_text(TypeKind kind) { return kind == TypeKind::string || kind == TypeKind::text; }

// Text capacity: a length, or nullopt for unbounded (text, string without a length).
std::optional<int> text_capacity(const schema::Type& type) {
  return type.kind == TypeKind::string ? type.length : std::nullopt;
}

TypeChange by(bool fits) { return fits ? TypeChange::widening : TypeChange::narrowing; }

TypeChange numeric_change(const schema::Type& from, const schema::Type& to) {
  if (!to.precision) return TypeChange::widening;  // unconstrained numeric holds any number
  if (!from.precision) return TypeChange::narrowing;
  const int from_scale = from.scale.value_or(0), to_scale = to.scale.value_or(0);
  // Both the digits before the point and those after must still fit.
  return by(*to.precision - to_scale >= *from.precision - from_scale && to_scale >= from_scale);
}

bool holds_all(const std::vector<std::string>& wider, const std::vector<std::string>& values) {
  return std::all_of(values.begin(), values.end(), [&](const std::string& value) {
    return std::find(wider.begin(), wider.end(), value) != wider.end();
  });
}

}  // namespace

TypeChange classify_type_change(const schema::Type& from, const schema::Type& to) {
  if (from == to) return TypeChange::widening;
  if (const auto from_rank = integer_rank(from.kind)) {
    if (const auto to_rank = integer_rank(to.kind)) return by(*to_rank >= *from_rank);
    if (to.kind == TypeKind::numeric && !to.precision) return TypeChange::widening;
  }
  if (is_text(from.kind) && is_text(to.kind)) {
    const auto from_capacity = text_capacity(from), to_capacity = text_capacity(to);
    return by(!to_capacity || (from_capacity && *to_capacity >= *from_capacity));
  }
  if (to.kind == TypeKind::text) return TypeChange::widening;  // everything has a text form
  if (from.kind == TypeKind::float_ && to.kind == TypeKind::double_) return TypeChange::widening;
  if (from.kind == TypeKind::double_ && to.kind == TypeKind::float_) return TypeChange::narrowing;
  if (from.kind == TypeKind::numeric && to.kind == TypeKind::numeric) return numeric_change(from, to);
  if (from.kind == TypeKind::enumeration && to.kind == TypeKind::enumeration)
    return by(holds_all(to.enum_values, from.enum_values));
  return TypeChange::conversion;
}

}  // namespace dbmig::diff::detail
