#include "dialect/mysql/mysql_url.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

#include "config/url_encoding.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace dbmig::dialect::mysql {
namespace {

constexpr std::string_view kForm = "mysql://user:password@host:3306/database";

class UrlReader {
 public:
  explicit UrlReader(const std::string& masked_url) : masked_url_(masked_url) {}

  [[noreturn]] void fail(const std::string& what, std::string hint) const {
    throw usage_error("the database URL '" + masked_url_ + "' " + what, std::nullopt, std::move(hint));
  }

  std::string decoded(std::string_view text, std::string_view part) const {
    return config::percent_decoded(text, part, masked_url_);
  }

  unsigned number(std::string_view text, unsigned low, unsigned high, std::string_view what, std::string hint) const {
    unsigned value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < low || value > high)
      fail("has the " + std::string(what) + " '" + std::string(text) + "', which is not a number from " +
               std::to_string(low) + " to " + std::to_string(high),
           std::move(hint));
    return value;
  }

  void read_authority(std::string_view authority, MysqlUrl& url) const {
    // The password may hold '@' only percent-encoded: the last '@' ends the user part.
    if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
      const std::string_view credentials = authority.substr(0, at);
      authority.remove_prefix(at + 1);
      if (credentials.find('@') != std::string_view::npos)
        fail("has an '@' in its user or password", "write '@' in a password as %40");
      const std::size_t colon = credentials.find(':');
      url.user = decoded(credentials.substr(0, colon), "the user name");
      if (colon != std::string_view::npos) url.password = decoded(credentials.substr(colon + 1), "the password");
    }
    std::string_view host = authority;
    if (!host.empty() && host.front() == '[') {  // [::1]:3306
      const std::size_t close = host.find(']');
      if (close == std::string_view::npos) fail("has a '[' without its ']' in the host", std::string(kForm));
      url.host = std::string(host.substr(1, close - 1));
      host.remove_prefix(close + 1);
      if (!host.empty() && host.front() != ':') fail("has text after the ']' of its host", std::string(kForm));
    } else {
      const std::size_t colon = host.find(':');
      url.host = decoded(host.substr(0, colon), "the host");
      host = colon == std::string_view::npos ? std::string_view() : host.substr(colon);
    }
    if (!host.empty())
      url.port = number(host.substr(1), 1, 65535, "port",
                        "MySQL and MariaDB listen on 3306 unless told otherwise: " + std::string(kForm));
  }

  SslUse ssl_use(std::string_view value) const {
    const std::string lower = util::lower_ascii(value);
    if (lower == "true" || lower == "1" || lower == "required" || lower == "require") return SslUse::required;
    if (lower == "false" || lower == "0" || lower == "disabled" || lower == "disable") return SslUse::off;
    if (lower == "verify" || lower == "verify_identity" || lower == "verify_ca") return SslUse::verify;
    fail("has ssl=" + std::string(value) + ", which is none of true, false, verify",
         "ssl=true asks for TLS, ssl=verify also checks the server's certificate (with ssl_ca=/path/ca.pem)");
  }

  void read_parameter(std::string_view key, std::string_view raw_value, MysqlUrl& url) const {
    const std::string value = decoded(raw_value, "a query parameter");
    if (key == "charset") {
      url.charset = value;
    } else if (key == "unix_socket" || key == "socket") {
      url.socket = value;
    } else if (key == "ssl" || key == "ssl_mode" || key == "sslmode") {
      url.ssl = ssl_use(value);
    } else if (key == "ssl_ca") {
      url.ssl_ca = value;
    } else if (key == "ssl_cert") {
      url.ssl_cert = value;
    } else if (key == "ssl_key") {
      url.ssl_key = value;
    } else if (key == "connect_timeout") {
      url.connect_timeout = number(value, 1, 3600, "connect_timeout", "connect_timeout is in seconds: ?connect_timeout=10");
    } else {
      fail("has the query parameter '" + std::string(key) + "', which dbmig does not know",
           "the parameters are charset, unix_socket, ssl (true, false, verify), ssl_ca, ssl_cert, ssl_key and "
           "connect_timeout");
    }
  }

 private:
  const std::string& masked_url_;
};

}  // namespace

MysqlUrl parse_mysql_url(std::string_view after_scheme, const std::string& masked_url) {
  const UrlReader reader(masked_url);
  MysqlUrl url;
  std::string_view rest = after_scheme;
  std::string_view query;
  if (const std::size_t question = rest.find('?'); question != std::string_view::npos) {
    query = rest.substr(question + 1);
    rest = rest.substr(0, question);
  }
  const std::size_t slash = rest.find('/');
  reader.read_authority(rest.substr(0, slash), url);
  if (slash != std::string_view::npos) url.database = reader.decoded(rest.substr(slash + 1), "the database name");
  if (url.database.empty())
    reader.fail("names no database", "name the database after the host: " + std::string(kForm));
  if (url.database.find('/') != std::string::npos)
    reader.fail("has a '/' in its database name", "a MySQL database name is one word: " + std::string(kForm));
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos)
      reader.fail("has the query parameter '" + std::string(pair) + "' without a value", "write it as name=value");
    reader.read_parameter(pair.substr(0, equals), pair.substr(equals + 1), url);
  }
  return url;
}

void check_mysql_url(std::string_view after_scheme, const std::string& masked_url) {
  parse_mysql_url(after_scheme, masked_url);
}

}  // namespace dbmig::dialect::mysql
