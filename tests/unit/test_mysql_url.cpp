// MySQL/MariaDB URLs taken apart (dialect/mysql/mysql_url.hpp): what the client library gets, and
// the mistakes refused as configuration errors with the password masked.
#include <doctest/doctest.h>

#include "config/database_url.hpp"
#include "dialect/mysql/mysql_url.hpp"
#include "util/error.hpp"

using namespace dbmig;
using dialect::mysql::MysqlUrl;
using dialect::mysql::parse_mysql_url;
using dialect::mysql::SslUse;

namespace {

MysqlUrl parsed(const std::string& url) {
  const std::string after = url.substr(url.find("://") + 3);
  return parse_mysql_url(after, config::mask_password(url));
}

// The message of the usage error the URL is refused with ("" when it is accepted).
std::string refusal(const std::string& url) {
  try {
    parsed(url);
  } catch (const Error& error) {
    CHECK(error.code() == ExitCode::usage);
    return std::string(error.what()) + " | " + error.hint();
  }
  return "";
}

}  // namespace

TEST_CASE("mysql url: user, password, host, port and database, percent-decoded") {
  const MysqlUrl url = parsed("mysql://app:p%40ss%3Aword@db.example.com:3307/shop");
  CHECK(url.user == "app");
  CHECK(url.password == "p@ss:word");
  CHECK(url.host == "db.example.com");
  CHECK(url.port == 3307);
  CHECK(url.database == "shop");
  CHECK(url.charset == "utf8mb4");
  CHECK(url.ssl == SslUse::server_default);
}

TEST_CASE("mysql url: no password, no port, an IPv6 host, and the query parameters") {
  const MysqlUrl plain = parsed("mariadb://root@localhost/app");
  CHECK(plain.user == "root");
  CHECK_FALSE(plain.password.has_value());
  CHECK(plain.port == 0);

  const MysqlUrl v6 = parsed("mysql://u:x@[::1]:3306/app");
  CHECK(v6.host == "::1");
  CHECK(v6.port == 3306);

  const MysqlUrl options =
      parsed("mysql://u@/app?unix_socket=%2Frun%2Fmysqld%2Fmysqld.sock&charset=latin1&ssl=verify&ssl_ca=/ca.pem"
             "&connect_timeout=7");
  CHECK(options.host.empty());
  CHECK(options.socket == "/run/mysqld/mysqld.sock");
  CHECK(options.charset == "latin1");
  CHECK(options.ssl == SslUse::verify);
  CHECK(options.ssl_ca == "/ca.pem");
  CHECK(options.connect_timeout == 7u);
  CHECK(parsed("mysql://u@h/app?ssl=false").ssl == SslUse::off);
  CHECK(parsed("mysql://u@h/app?ssl=true").ssl == SslUse::required);
}

TEST_CASE("mysql url: mistakes are refused, naming the URL with its password masked") {
  const std::string no_database = refusal("mysql://u:secret@host:3306/");
  CHECK(no_database.find("names no database") != std::string::npos);
  CHECK(no_database.find("secret") == std::string::npos);
  CHECK(no_database.find("***") != std::string::npos);

  CHECK(refusal("mysql://u:secret@host:99999/app").find("not a number from 1 to 65535") != std::string::npos);
  CHECK(refusal("mysql://u:secret@host:33o6/app").find("port") != std::string::npos);
  CHECK(refusal("mysql://u:secret@host/app?sslmode=maybe").find("none of true, false, verify") != std::string::npos);
  CHECK(refusal("mysql://u:secret@host/app?autocommit=0").find("'autocommit'") != std::string::npos);
  CHECK(refusal("mysql://u:secret@host/app?charset").find("without a value") != std::string::npos);
  CHECK(refusal("mysql://u:se%zzcret@host/app").find("secret") == std::string::npos);
  CHECK_FALSE(refusal("mysql://u:se%zzcret@host/app").empty());
  CHECK(refusal("mysql://u:secret@host/a/b").find("'/'") != std::string::npos);
  CHECK(refusal("mysql://u:secret@host/app?connect_timeout=0").find("connect_timeout") != std::string::npos);
}
