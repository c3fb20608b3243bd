#pragma once
// When a quoted name may be written bare. Each dialect's expression normalisation drops the
// quotes around a name that the database would read the same without them, so that `"title"`
// and `title` compare equal; a name that is not plain or is one of the dialect's keywords keeps
// them, or the normalised text (written into revisions) would no longer parse: `"order" > 0`
// must not become `order > 0`.
#include <string_view>

namespace dbmig::dialect {

// Spelt the way databases fold a bare name: lower-case ASCII letters, digits and _, not starting
// with a digit. "user_id" yes; "UserId", "naïve", "a b", "1st" no.
bool is_plain_identifier(std::string_view name);

// A dialect's test for a word that must be quoted to be read as a name (given in lower case).
using KeywordTest = bool (*)(std::string_view lower_case_word);

// Whether the dialect reads `name` bare as the same name: plain, and not a keyword that needs
// quoting.
bool reads_same_bare(std::string_view name, KeywordTest needs_quoting);

}  // namespace dbmig::dialect
