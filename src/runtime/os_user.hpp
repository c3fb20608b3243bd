#pragma once
// Who is running dbmig, for the history table where the database has no users of its own.
#include <string>

namespace dbmig::runtime {

// The operating-system user name (from the password database, else $USER or $LOGNAME);
// "unknown" when none can be found.
std::string os_user_name();

}  // namespace dbmig::runtime
