#pragma once
// Shared by the runtime tests: a revision parsed from its steps, as a file in a migrations
// directory would give it.
#include <string>

#include "revision/revision.hpp"
#include "schema/naming.hpp"

namespace dbmig::test {

// Revision `id` on top of `parent` ("" for a root); `upgrade`/`downgrade` are YAML step lists
// (a flow list, or a block list starting with a newline).
inline revision::Revision parsed_revision(const std::string& id, const std::string& parent, const std::string& upgrade,
                                          const std::string& downgrade = "[]") {
  static const schema::NamingConvention naming;
  return revision::parse_revision("revision: " + id + "\ndown_revision: " + (parent.empty() ? "null" : parent) +
                                      "\nmessage: " + id + "\nupgrade: " + upgrade + "\ndowngrade: " + downgrade + "\n",
                                  id + ".yaml", naming);
}

}  // namespace dbmig::test
