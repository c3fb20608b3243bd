// The checks of a PostgreSQL URL before libpq sees it (postgres_url.hpp). libpq itself reports
// these mistakes only when connecting, as connection failures (exit 3): a bad port, %zz, an
// unknown parameter or sslmode value are mistakes in the configuration (exit 2), and are told
// apart here, in libpq's reading order (src/interfaces/libpq/fe-connect.c, conninfo_uri_parse).
#include "dialect/postgres/postgres_url.hpp"

#include <algorithm>
#include <vector>

#include "config/url_encoding.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace dbmig::dialect::postgres {

using config::percent_decoded;

namespace {

// libpq's connection parameters (PostgreSQL 18), as a URI's query string may give them.
const std::vector<std::string>& libpq_parameters() {
  static const std::vector<std::string> names = {
      "host", "hostaddr", "port", "dbname", "user", "password", "passfile", "require_auth", "channel_binding",
      "connect_timeout", "client_encoding", "options", "application_name", "fallback_application_name",
      "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout",
      "replication", "gssencmode", "sslmode", "sslnegotiation", "sslcompression", "sslcert", "sslkey",
      "sslkeylogfile", "sslpassword", "sslcertmode", "sslrootcert", "sslcrl", "sslcrldir", "sslsni", "requirepeer",
      "ssl_min_protocol_version", "ssl_max_protocol_version", "min_protocol_version", "max_protocol_version",
      "krbsrvname", "gsslib", "gssdelegation", "service", "target_session_attrs", "load_balance_hosts",
      "scram_client_key", "scram_server_key", "oauth_issuer", "oauth_client_id", "oauth_client_secret",
      "oauth_scope",
      "ssl",  // ssl=true: libpq's JDBC-compatible spelling of sslmode=require
  };
  return names;
}

const std::vector<std::string>& ssl_modes() {
  static const std::vector<std::string> modes = {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"};
  return modes;
}

class UriChecker {
 public:
  explicit UriChecker(const std::string& masked_url) : masked_url_(masked_url) {}

  [[noreturn]] void fail(const std::string& what, std::string hint) const {
    throw usage_error("the database URL '" + masked_url_ + "' " + what, std::nullopt, std::move(hint));
  }

  std::string decoded(std::string_view text, std::string_view part) const {
    return percent_decoded(text, part, masked_url_);
  }

  void check_port(std::string_view port) const {
    const bool digits = !port.empty() && port.size() <= 5 &&
                        std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || std::stoi(std::string(port)) < 1 || std::stoi(std::string(port)) > 65535)
      fail("has the port '" + std::string(port) + "', which is not a number from 1 to 65535",
           "PostgreSQL listens on 5432 unless told otherwise: postgresql://user@host:5432/dbname");
  }

  // host[:port][,host[:port]...] up to '/', '?' or the end; `at` moves past it.
  void check_hosts(std::string_view rest, std::size_t& at) const {
    while (true) {
      const std::size_t host_start = at;
      if (at < rest.size() && rest[at] == '[') {  // [IPv6 address]
        const std::size_t close = rest.find(']', at);
        if (close == std::string_view::npos)
          fail("has a '[' before the host without its ']'", "write an IPv6 address as [::1]");
        at = close + 1;
      } else {
        while (at < rest.size() && std::string_view(":/?,").find(rest[at]) == std::string_view::npos) ++at;
      }
      const std::string host = decoded(rest.substr(host_start, at - host_start), "the host");
      if (host.find('@') != std::string::npos)
        // libpq ends the password at its first '@'; the rest of it would be read as the host.
        fail("has more than one '@' before the host", "write an '@' in the user name or password as %40");
      if (at < rest.size() && rest[at] == ':') {
        const std::size_t port_start = ++at;
        while (at < rest.size() && std::string_view("/?,").find(rest[at]) == std::string_view::npos) ++at;
        check_port(decoded(rest.substr(port_start, at - port_start), "the port"));
      }
      if (at >= rest.size() || rest[at] != ',') return;
      ++at;
    }
  }

  void check_parameter(std::string_view parameter) const {
    const std::size_t equals = parameter.find('=');
    if (equals == std::string_view::npos)
      fail("has a query parameter without '=': '" + decoded(parameter, "a parameter name") + "'",
           "write parameters as ?key=value&key2=value2");
    const std::string key = decoded(parameter.substr(0, equals), "a parameter name");
    if (parameter.find('=', equals + 1) != std::string_view::npos)
      fail("has a second '=' in the parameter '" + key + "'", "write an '=' in a value as %3D");
    const std::string value = decoded(parameter.substr(equals + 1), "the value of '" + key + "'");
    const auto& known = libpq_parameters();
    if (std::find(known.begin(), known.end(), key) == known.end())
      fail("has the parameter '" + key + "', which libpq does not know",
           (util::closest_match(key, known) ? "did you mean '" + *util::closest_match(key, known) + "'? " : "") +
               std::string("libpq's parameters: https://www.postgresql.org/docs/current/"
                           "libpq-connect.html#LIBPQ-PARAMKEYWORDS"));
    if (key == "port") {
      // One port, or one for each host.
      std::size_t start = 0;
      for (std::size_t comma = value.find(','); ; comma = value.find(',', start)) {
        check_port(std::string_view(value).substr(start, comma - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    if (key == "sslmode" && std::find(ssl_modes().begin(), ssl_modes().end(), value) == ssl_modes().end())
      fail("has sslmode=" + value + ", which is not an sslmode", "sslmode is one of " + util::join(ssl_modes()));
    if (key == "ssl" && value != "true") fail("has ssl=" + value + "; libpq takes only ssl=true", "or write sslmode=require");
  }

 private:
  const std::string& masked_url_;
};

}  // namespace

void check_postgres_uri(std::string_view rest, const std::string& masked_url) {
  const UriChecker checker(masked_url);
  std::size_t at = 0;
  // user[:password]@ comes before the first '/' (libpq stops at the first '@' too).
  const std::size_t userinfo_end = rest.find_first_of("@/");
  if (userinfo_end != std::string_view::npos && rest[userinfo_end] == '@') {
    const std::string_view userinfo = rest.substr(0, userinfo_end);
    const std::size_t colon = userinfo.find(':');
    checker.decoded(userinfo.substr(0, colon), "the user name");
    if (colon != std::string_view::npos) checker.decoded(userinfo.substr(colon + 1), "the password");
    at = userinfo_end + 1;
  }
  checker.check_hosts(rest, at);
  if (at < rest.size() && rest[at] == '/') {
    const std::size_t start = ++at;
    while (at < rest.size() && rest[at] != '?') ++at;
    checker.decoded(rest.substr(start, at - start), "the database name");
  }
  if (at >= rest.size()) return;
  // What is left starts with '?': the query string.
  std::string_view query = rest.substr(at + 1);
  while (!query.empty()) {
    const std::size_t ampersand = query.find('&');
    const std::string_view parameter = query.substr(0, ampersand);
    query = ampersand == std::string_view::npos ? std::string_view() : query.substr(ampersand + 1);
    if (!parameter.empty()) checker.check_parameter(parameter);
  }
}

}  // namespace dbmig::dialect::postgres
