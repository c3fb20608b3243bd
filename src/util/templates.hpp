#pragma once
// The files of templates/, embedded into the binary at build time (cmake/EmbedTemplates.cmake).
#include <string_view>
#include <vector>

namespace dbmig::util {

struct EmbeddedTemplate {
  std::string_view name;     // file name under templates/, e.g. "dbmig.yaml"
  std::string_view content;
};

const std::vector<EmbeddedTemplate>& embedded_templates();

// The content of templates/<name>; throws dbmig::Error if the build embedded no such file.
std::string_view embedded_template(std::string_view name);

}  // namespace dbmig::util
