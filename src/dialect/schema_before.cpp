#include "dialect/dialect.hpp"

namespace dbmig::dialect {

SchemaBefore SchemaBefore::read_on_demand(Read read) {
  SchemaBefore before;
  before.read_ = std::move(read);
  return before;
}

const schema::Schema* SchemaBefore::get() const {
  if (read_) {
    known_ = read_();
    read_ = nullptr;
  }
  return known_;
}

}  // namespace dbmig::dialect
