#pragma once
// Percent-decoding of the parts of a database URL, shared by the dialects' URL checks. Every
// message names the URL masked (`masked_url`) and never a password or a part of one.
#include <string>
#include <string_view>

namespace dbmig::config {

// `text` with %XX sequences decoded. Throws dbmig::Error (usage) naming `part` ("the password",
// "the path") for a '%' not followed by two hex digits, or for %00, which no C string can hold.
std::string percent_decoded(std::string_view text, std::string_view part, const std::string& masked_url);

}  // namespace dbmig::config
