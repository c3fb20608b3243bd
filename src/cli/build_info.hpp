#pragma once
// What the binary was built from, written by cmake/BuildInfo.cmake at build time (generated/build_info.cpp).

namespace dbmig::cli {

// `git rev-parse --short HEAD` of the source tree, or "unknown" (a tarball without .git, no git).
extern const char* const build_commit;

}  // namespace dbmig::cli
