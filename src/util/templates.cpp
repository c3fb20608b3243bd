#include "util/templates.hpp"

#include <string>

#include "util/error.hpp"

namespace dbmig::util {

std::string_view embedded_template(std::string_view name) {
  for (const auto& t : embedded_templates())
    if (t.name == name) return t.content;
  throw Error(ExitCode::usage, "internal: no embedded template named " + std::string(name));
}

}  // namespace dbmig::util
