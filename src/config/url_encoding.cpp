// Percent-decoding of URL parts (url_encoding.hpp).
#include "config/url_encoding.hpp"
#include "util/error.hpp"

namespace dbmig::config {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string percent_decoded(std::string_view text, std::string_view part, const std::string& masked_url) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      decoded += text[i];
      continue;
    }
    // The broken sequence is not shown: it may be in the middle of a password.
    const int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    const int low = high < 0 ? -1 : hex_value(text[i + 2]);
    if (low < 0)
      throw usage_error("the database URL '" + masked_url + "' has a '%' in " + std::string(part) +
                            " that is not followed by two hex digits",
                        std::nullopt, "write a '%' itself as %25, and other special characters as %XX (e.g. '@' as %40)");
    if (high == 0 && low == 0)
      throw usage_error("the database URL '" + masked_url + "' has %00 in " + std::string(part), std::nullopt,
                        "a zero byte cannot be part of a name or password");
    decoded += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return decoded;
}

}  // namespace dbmig::config
