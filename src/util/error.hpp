#pragma once
// One error type for the whole program: a message, where it happened and the exit code it maps to.
// Deep code throws dbmig::Error; cli::run turns it into one line of output and the exit code.
#include <optional>
#include <stdexcept>
#include <string>

namespace dbmig {

// Exit codes of PRODUCT.md section 6.
enum class ExitCode : int {
  ok = 0,
  check_failed = 1,  // `check` found a difference, or a validation failed
  usage = 2,         // bad usage, config, model or revision file
  database = 3,      // connect, SQL or lock error
};

// What kind of failure an error reports, where the caller may act on it: a statement that gave
// up waiting for a lock (PostgreSQL's lock_timeout, MySQL's lock_wait_timeout) can be retried.
enum class ErrorCause { other, lock_not_granted };

// A position in a user's file; line and column are 1-based.
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
  std::string to_string() const;  // "file:line:column" (omits what is unknown)
};

class Error : public std::runtime_error {
 public:
  Error(ExitCode code, std::string message, std::optional<Location> where = std::nullopt,
        std::string hint = {});

  ExitCode code() const { return code_; }
  const std::optional<Location>& where() const { return where_; }
  const std::string& message() const { return message_; }
  const std::string& hint() const { return hint_; }  // what the user can do about it; may be empty
  ErrorCause cause() const { return cause_; }
  Error& with_cause(ErrorCause cause) {
    cause_ = cause;
    return *this;
  }
  // The same error (code, location, cause) told with another message and hint: for callers that
  // add where it happened.
  Error retold(std::string message, std::string hint) const;

  // "file:line:col: message" then, on its own line, "hint: ..." when there is one.
  std::string describe() const;

 private:
  ExitCode code_;
  std::string message_;
  std::optional<Location> where_;
  std::string hint_;
  ErrorCause cause_ = ErrorCause::other;
};

// Shorthands for the common kinds.
Error usage_error(std::string message, std::optional<Location> where = std::nullopt, std::string hint = {});
Error database_error(std::string message, std::string hint = {});

}  // namespace dbmig
