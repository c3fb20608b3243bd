#pragma once
// A YAML node as text, the way dbmig writes revision files (null as `null`): what the unit tests
// compare written YAML with.
#include <string>

#include <yaml-cpp/yaml.h>

namespace dbmig::test {

inline std::string emit(const YAML::Node& node) {
  YAML::Emitter out;
  out.SetNullFormat(YAML::LowerNull);
  out << node;
  return out.c_str();
}

}  // namespace dbmig::test
