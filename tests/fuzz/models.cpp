// Fuzz target: the models loader (model/loader.cpp and the table, column and constraint readers),
// quick reader first and yaml-cpp after, as `dbmig check` loads models.yaml.
#include "fuzz_support.hpp"
#include "model/model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    dbmig::model::load_string(dbmig::fuzz::text_of(data, size), "models.yaml", dbmig::schema::NamingConvention{});
  } catch (const dbmig::Error&) {
  }
  return 0;
}
