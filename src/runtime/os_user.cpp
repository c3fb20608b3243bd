#include "runtime/os_user.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <vector>

namespace dbmig::runtime {

std::string os_user_name() {
  std::vector<char> buffer(16384);
  passwd entry{};
  passwd* found = nullptr;
  if (getpwuid_r(geteuid(), &entry, buffer.data(), buffer.size(), &found) == 0 && found && found->pw_name)
    return found->pw_name;
  for (const char* variable : {"USER", "LOGNAME"})
    if (const char* value = std::getenv(variable); value && *value) return value;
  return "unknown";
}

}  // namespace dbmig::runtime
