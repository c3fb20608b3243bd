#pragma once
// The few colours dbmig prints: markers a reader scans for (head, current), warnings and
// failures. Plain text whenever colours are off (Context::style decides).
#include <string>
#include <string_view>

namespace dbmig::cli {

class Style {
 public:
  explicit Style(bool enabled) : enabled_(enabled) {}
  bool enabled() const { return enabled_; }

  std::string head(std::string_view text) const { return paint("32", text); }     // green
  std::string current(std::string_view text) const { return paint("36", text); }  // cyan
  std::string warning(std::string_view text) const { return paint("33", text); }  // yellow
  std::string failure(std::string_view text) const { return paint("31", text); }  // red
  std::string id(std::string_view text) const { return paint("1", text); }        // bold

 private:
  std::string paint(std::string_view code, std::string_view text) const {
    if (!enabled_) return std::string(text);
    return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
  }
  bool enabled_;
};

}  // namespace dbmig::cli
