#include "runtime/schema_tracker.hpp"

#include "util/error.hpp"

namespace dbmig::runtime {

const schema::Schema* SchemaTracker::current() {
  if (!schema_ && introspect_) schema_ = introspect_();
  return schema_ ? &*schema_ : nullptr;
}

void SchemaTracker::forget() {
  if (introspect_) schema_.reset();
}

void SchemaTracker::advance(const ops::Op& op) {
  if (!schema_) return;
  const bool can_read_again = static_cast<bool>(introspect_);
  if (std::holds_alternative<ops::Sql>(op)) {
    if (can_read_again) schema_.reset();  // raw SQL may have changed anything
    return;
  }
  try {
    ops::apply(*schema_, op);
  } catch (const Error&) {
    // The op named something the tracked schema lacks (made by raw SQL earlier, say): fall back
    // to reading the database again rather than guessing; offline, go on without the op.
    if (can_read_again) schema_.reset();
  }
}

}  // namespace dbmig::runtime
