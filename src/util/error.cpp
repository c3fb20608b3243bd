#include "util/error.hpp"

namespace dbmig {

std::string Location::to_string() const {
  std::string out = file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  return out;
}

Error::Error(ExitCode code, std::string message, std::optional<Location> where, std::string hint)
    : std::runtime_error(message), code_(code), message_(std::move(message)), where_(std::move(where)),
      hint_(std::move(hint)) {}

Error Error::retold(std::string message, std::string hint) const {
  Error error(code_, std::move(message), where_, std::move(hint));
  error.cause_ = cause_;
  return error;
}

std::string Error::describe() const {
  std::string out;
  if (where_ && !where_->file.empty()) out = where_->to_string() + ": ";
  out += message_;
  if (!hint_.empty()) out += "\n  hint: " + hint_;
  return out;
}

Error usage_error(std::string message, std::optional<Location> where, std::string hint) {
  return Error(ExitCode::usage, std::move(message), std::move(where), std::move(hint));
}

Error database_error(std::string message, std::string hint) {
  return Error(ExitCode::database, std::move(message), std::nullopt, std::move(hint));
}

}  // namespace dbmig
