#pragma once
// The whole command line as one function: main() calls it, and tests drive the CLI in-process.
#include <iosfwd>
#include <string>
#include <vector>

namespace dbmig::cli {

// args[0] is the program name. Returns the exit code of PRODUCT.md section 6; never throws.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace dbmig::cli
