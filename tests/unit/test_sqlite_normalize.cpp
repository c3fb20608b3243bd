// The rules that make a model and its SQLite introspection comparable, and where rebuilds are needed.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include "dialect/common/sql_tokens.hpp"
#include "dialect/sqlite/default_value.hpp"
#include "dialect/sqlite/needs_rebuild.hpp"
#include "dialect/sqlite/sqlite_expression.hpp"
#include "dialect/sqlite/sqlite_dialect.hpp"
#include "test_sqlite_support.hpp"

using namespace dbmig;
using dialect::sqlite::needs_rebuild;
using dialect::sqlite::normalize_default;
using dialect::sqlite::normalize_expression;
using dialect::sqlite::rebuild_reason;
using schema::TypeKind;
using test::column;
using test::type_of;

namespace {

schema::Schema normalized(schema::Schema schema) {
  dialect::sqlite::make_sqlite_dialect()->normalize(schema);
  return schema;
}

schema::Type native(std::string name) {
  schema::Type type = type_of(TypeKind::native);
  type.native = std::move(name);
  return type;
}

}  // namespace

// Found by the autogenerate suite (equivalences: expression spacing, case and parentheses): the
// catalog keeps a CHECK or index expression as the model wrote it, so a model respelling it
// ("LOWER( title )", "(length(title)>0)") was a false positive.
TEST_CASE("sqlite normalize: expressions compare whatever their spacing and case") {
  CHECK(normalize_expression("(length(title)>0)") == "length(title) > 0");
  CHECK(normalize_expression("LOWER( Title )") == "lower(title)");
  CHECK(normalize_expression("a != b and c == d") == "a <> b AND c = d");
  CHECK(normalize_expression("\"title\" is not null") == "title IS NOT NULL");
  CHECK(normalize_expression("\"Order\" > - 1") == "\"Order\" > -1");  // needs its quotes; a sign joins its number
  CHECK(normalize_expression("x in ('A','b')") == "x IN ('A', 'b')");  // literals as written
  CHECK(normalize_expression("cast(x as integer) between 1 and 2") == "CAST(x AS integer) BETWEEN 1 AND 2");
  CHECK(normalize_expression("a - 1") == "a - 1");
}

// Issue 12: normalisation dropped the quotes of any lower-case name outside a list of 33
// expression keywords, so `"order" > 0`, `lower("limit")`, a partial index on `"group"` and a
// check on `"table"` were written into revisions bare, and the revision failed to run.
TEST_CASE("sqlite normalize: a quoted name keeps its quotes when SQLite would read it bare as a keyword") {
  CHECK(normalize_expression("\"order\" > 0") == "\"order\" > 0");
  CHECK(normalize_expression("\"group\" IS NOT NULL") == "\"group\" IS NOT NULL");
  CHECK(normalize_expression("lower(\"limit\")") == "lower(\"limit\")");
  CHECK(normalize_expression("length(\"table\") > 0") == "length(\"table\") > 0");
  CHECK(normalize_expression("\"true\" = 1") == "\"true\" = 1");  // bare, TRUE is the value 1
  // One spelling whatever the quotes: SQLite also takes [name] and `name`.
  CHECK(normalize_expression("[order] > 0") == "\"order\" > 0");
  CHECK(normalize_expression("`order` > 0") == "\"order\" > 0");
  CHECK(normalize_expression("[My Col] > 0") == "\"My Col\" > 0");
  CHECK(normalize_expression("`a\"b` > 0") == "\"a\"\"b\" > 0");
  // Not plain: kept quoted.
  CHECK(normalize_expression("\"na\xc3\xafve\" > 0") == "\"na\xc3\xafve\" > 0");
  CHECK(normalize_expression("\"a b\" > 0") == "\"a b\" > 0");
  CHECK(normalize_expression("\"1st\" > 0") == "\"1st\" > 0");
  // A name SQLite reads the same bare loses them.
  CHECK(normalize_expression("\"title\" > 0") == "title > 0");
  CHECK(normalize_expression("[title] > 0") == "title > 0");
}

// Every keyword of the linked SQLite (147 in 3.40, https://www.sqlite.org/lang_keywords.html),
// used as a column name in a CHECK: the normalised text keeps it quoted and SQLite accepts it.
TEST_CASE("sqlite normalize: every SQLite keyword as a quoted column name survives normalisation") {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
  const int count = sqlite3_keyword_count();
  CHECK(count >= 147);
  for (int at = 0; at < count; ++at) {
    const char* text = nullptr;
    int length = 0;
    REQUIRE(sqlite3_keyword_name(at, &text, &length) == SQLITE_OK);
    const std::string name = dialect::to_lower_ascii(std::string_view(text, static_cast<std::size_t>(length)));
    CAPTURE(name);
    const std::string quoted = "\"" + name + "\"";
    const std::string expression = normalize_expression(quoted + " > 0");
    CHECK(expression == quoted + " > 0");
    const std::string sql = "CREATE TABLE t_" + std::to_string(at) + " (" + quoted + " INTEGER CHECK (" + expression +
                            "))";
    char* error = nullptr;
    CHECK_MESSAGE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) == SQLITE_OK, (error ? error : ""));
    sqlite3_free(error);
  }
  sqlite3_close(db);
}

TEST_CASE("sqlite normalize: defaults compare by meaning of their text, not its spelling") {
  CHECK(normalize_default("current_timestamp") == "CURRENT_TIMESTAMP");
  CHECK(normalize_default("(1+2)") == "1 + 2");  // spacing is canonical, not as written
  CHECK(normalize_default(" ( 1 + 2 ) ") == "1 + 2");
  CHECK(normalize_default("'x'") == "'x'");
  CHECK(normalize_default("'current_timestamp'") == "'current_timestamp'");  // a string stays a string
  CHECK(normalize_default("0") == "0");
  CHECK(normalize_default("0.0") == "0.0");  // numbers as written
  CHECK(normalize_default("true") == "TRUE");
  CHECK(normalize_default("coalesce(null, 1)") == "coalesce(NULL, 1)");
  CHECK(normalize_default("NULL") == std::nullopt);  // DEFAULT NULL is no default
  CHECK(normalize_default("(null)") == std::nullopt);
}

TEST_CASE("sqlite normalize: each rule applied to a model") {
  schema::Table parent;
  parent.name = "parent";
  parent.columns = {column("code", type_of(TypeKind::text), true)};
  parent.primary_key = schema::PrimaryKey{"pk_parent", {"code"}};

  schema::Table table;
  table.name = "child";
  table.schema = "public";
  table.comment = "gone";
  table.renamed_from = "kid";
  table.columns = {
      column("id", type_of(TypeKind::integer), true),  // primary key: stays nullable, becomes autoincrement
      column("parent_code", native("Character Varying( 10 )")),
      column("created", type_of(TypeKind::datetime), false, "( current_timestamp )"),
      column("tag", native("GEOMETRY")),
      column("counter", type_of(TypeKind::bigint), false),
  };
  table.columns[1].comment = "gone too";
  table.columns[4].autoincrement = true;  // not the rowid alias: SQLite cannot assign it
  table.primary_key = schema::PrimaryKey{"pk_child", {"id"}};
  table.foreign_keys = {{"fk_b", {"parent_code"}, "parent", "public", {}, {}, {}},
                        {"fk_a", {"id"}, "parent", "", {"code"}, {}, {}}};
  table.indexes = {{"ix_b", {schema::IndexTerm::of_expression("lower( tag )")}, false, "( tag IS NOT NULL )"},
                   {"ix_a", schema::column_terms({"id"}), false, {}}};
  table.checks = {{"ck_b", "(counter  >  0)"}, {"ck_a", "id > 0"}};
  table.uniques = {{"uq_b", {"tag"}}, {"uq_a", {"counter"}}};

  const schema::Schema result = normalized(schema::Schema{{table, parent}});
  const schema::Table& child = result.tables[0];
  CHECK(child.schema.empty());
  CHECK_FALSE(child.comment);
  CHECK(child.renamed_from == "kid");  // a model hint the diff needs
  CHECK(child.columns[0].nullable);  // as declared: SQLite lets a key column without NOT NULL hold NULL
  CHECK(child.columns[0].autoincrement);
  CHECK(child.columns[1].type == native("character varying(10)"));  // not dbmig's VARCHAR(10): kept as declared
  CHECK_FALSE(child.columns[1].comment);
  CHECK(child.columns[2].default_sql == "CURRENT_TIMESTAMP");
  CHECK(child.columns[3].type == native("geometry"));
  CHECK_FALSE(child.columns[4].autoincrement);

  REQUIRE(child.foreign_keys.size() == 2);
  CHECK(child.foreign_keys[0].name == "fk_a");  // sorted by name
  CHECK(child.foreign_keys[1].name == "fk_b");
  CHECK(child.foreign_keys[1].referred_schema.empty());
  CHECK(child.foreign_keys[1].referred_columns == std::vector<std::string>{"code"});  // the referred primary key
  CHECK(child.indexes[0].name == "ix_a");
  CHECK(child.indexes[1].terms == std::vector<schema::IndexTerm>{schema::IndexTerm::of_expression("lower(tag)")});
  CHECK(child.indexes[1].where == "tag IS NOT NULL");
  CHECK(child.checks == std::vector<schema::CheckConstraint>{{"ck_a", "id > 0"}, {"ck_b", "counter > 0"}});
  CHECK(child.uniques[0].name == "uq_a");

  const schema::Table& parent_result = result.tables[1];
  CHECK(parent_result.columns[0].nullable);
  CHECK_FALSE(parent_result.columns[0].autoincrement);  // TEXT keys are not assigned by SQLite
}

TEST_CASE("sqlite normalize: collations ignore case and BINARY is none; generated expressions are canonical") {
  schema::Table table;
  table.name = "t";
  table.columns = {column("a", type_of(TypeKind::text)), column("b", type_of(TypeKind::text)),
                   column("c", type_of(TypeKind::integer))};
  table.columns[0].collation = "nocase";
  table.columns[1].collation = "Binary";
  table.columns[2].generated = schema::Generated{" ( a  ||  b ) ", true};
  const schema::Table result = normalized(schema::Schema{{table}}).tables[0];
  CHECK(result.columns[0].collation == "NOCASE");
  CHECK_FALSE(result.columns[1].collation);
  REQUIRE(result.columns[2].generated);
  CHECK(result.columns[2].generated->expression == "a || b");
  CHECK(result.columns[2].generated->stored);
}

TEST_CASE("sqlite normalize: a WITHOUT ROWID table's key is NOT NULL and no rowid alias") {
  schema::Table table;
  table.name = "t";
  table.columns = {column("id", type_of(TypeKind::integer), true)};
  table.primary_key = schema::PrimaryKey{"pk_t", {"id"}};
  table.sqlite.without_rowid = true;
  const schema::Table result = normalized(schema::Schema{{table}}).tables[0];
  CHECK_FALSE(result.columns[0].nullable);
  CHECK_FALSE(result.columns[0].autoincrement);
}

TEST_CASE("sqlite normalize: normalising twice changes nothing more") {
  schema::Table table;
  table.name = "t";
  table.columns = {column("a", native("DOUBLE PRECISION"), true, "((0))")};
  table.checks = {{"", " a  >  0 "}};
  const schema::Schema once = normalized(schema::Schema{{table}});
  CHECK(normalized(once) == once);
}

TEST_CASE("sqlite needs_rebuild: what ALTER TABLE can and cannot do") {
  const ops::TableName t{"t", ""};
  schema::Table table;
  table.name = "t";
  table.columns = {column("id", type_of(TypeKind::integer), false), column("a", type_of(TypeKind::text)),
                   column("b", type_of(TypeKind::text)), column("c", type_of(TypeKind::text)),
                   column("free", type_of(TypeKind::text))};
  table.primary_key = schema::PrimaryKey{"pk_t", {"id"}};
  table.indexes = {{"ix_t_expr", {schema::IndexTerm::of_expression("lower(\"A\")")}, false, std::nullopt}};
  table.checks = {{"ck_t_b", "length(b) > 0"}};
  table.foreign_keys = {{"fk_t_c", {"c"}, "other", "", {"id"}, {}, {}}};
  const schema::Schema before{{table}};

  CHECK_FALSE(needs_rebuild(ops::DropColumn{t, column("free", type_of(TypeKind::text))}, &before));
  CHECK(rebuild_reason(ops::DropColumn{t, column("id", {})}, &before) ==
        "drop column \"id\" of table \"t\" (its primary key uses it)");
  CHECK(rebuild_reason(ops::DropColumn{t, column("a", {})}, &before) ==
        "drop column \"a\" of table \"t\" (index \"ix_t_expr\" uses it)");  // named in an expression, any case
  CHECK(rebuild_reason(ops::DropColumn{t, column("b", {})}, &before) ==
        "drop column \"b\" of table \"t\" (check constraint \"ck_t_b\" uses it)");
  CHECK(rebuild_reason(ops::DropColumn{t, column("c", {})}, &before) ==
        "drop column \"c\" of table \"t\" (foreign key \"fk_t_c\" uses it)");
  CHECK_FALSE(needs_rebuild(ops::DropColumn{t, column("id", {})}, nullptr));  // unknown: SQLite will say

  CHECK_FALSE(needs_rebuild(ops::AddColumn{t, column("n", type_of(TypeKind::integer), false, "0")}, &before));
  CHECK_FALSE(needs_rebuild(ops::AddColumn{t, column("n", type_of(TypeKind::integer), true)}, &before));
  CHECK(needs_rebuild(ops::AddColumn{t, column("n", type_of(TypeKind::integer), false)}, &before));
  CHECK(needs_rebuild(ops::AddColumn{t, column("n", type_of(TypeKind::integer), false, "NULL")}, &before));
  CHECK(needs_rebuild(ops::AddColumn{t, column("n", type_of(TypeKind::datetime), true, "CURRENT_TIMESTAMP")}, &before));
  CHECK(needs_rebuild(ops::AddColumn{t, column("n", type_of(TypeKind::integer), true, "1 + 2")}, &before));

  ops::AlterColumn alter{t, "a", table.columns[1], {}, {}, {}, {}, {}, {}, {}};
  alter.comment = std::optional<std::string>("doc");
  alter.autoincrement = false;
  CHECK_FALSE(needs_rebuild(alter, &before));
  alter.default_sql = std::optional<std::string>("'x'");
  CHECK(rebuild_reason(alter, &before) == "change the default of column \"a\" of table \"t\"");

  CHECK(needs_rebuild(ops::AddCheck{t, {"ck", "a <> b"}}, &before));
  CHECK(needs_rebuild(ops::DropUnique{t, {"uq", {"a"}}}, &before));
  CHECK(needs_rebuild(ops::AddForeignKey{t, table.foreign_keys[0]}, &before));
  CHECK(needs_rebuild(ops::DropPrimaryKey{t, *table.primary_key}, &before));
  CHECK_FALSE(needs_rebuild(ops::CreateIndex{t, table.indexes[0]}, &before));
  CHECK_FALSE(needs_rebuild(ops::RenameColumn{t, "a", "z"}, &before));
  CHECK_FALSE(needs_rebuild(ops::RenameTable{t, "u"}, &before));
  CHECK_FALSE(needs_rebuild(ops::DropTable{table}, &before));
  CHECK_FALSE(needs_rebuild(ops::Sql{"SELECT 1", {}}, &before));
}

TEST_CASE("sqlite normalize: serial or always on the rowid alias is the rowid; elsewhere it is refused") {
  schema::Table table;
  table.name = "t";
  table.columns = {column("id", type_of(TypeKind::integer), false), column("seq", type_of(TypeKind::integer))};
  table.primary_key = schema::PrimaryKey{"pk_t", {"id"}};
  table.columns[0].autoincrement = true;
  table.columns[0].autoincrement_kind = schema::AutoincrementKind::serial;
  const schema::Schema result = normalized(schema::Schema{{table}});
  CHECK(result.tables[0].columns[0].autoincrement);
  CHECK(result.tables[0].columns[0].autoincrement_kind == schema::AutoincrementKind::identity);

  table.columns[1].autoincrement = true;
  table.columns[1].autoincrement_kind = schema::AutoincrementKind::always;
  try {
    normalized(schema::Schema{{table}});
    FAIL("a GENERATED ALWAYS counter column was accepted on SQLite");
  } catch (const Error& error) {
    CHECK(std::string(error.what()).find("column \"t\".\"seq\" has autoincrement: always, which SQLite cannot give") !=
          std::string::npos);
  }
}

// Issue 17: an autoincrementing bigint key was normalized to autoincrement: false (only an
// INTEGER key is the rowid alias), which autogenerate then wrote into the revision.
TEST_CASE("sqlite normalize: an autoincrementing bigint or smallint key is the rowid alias, declared INTEGER") {
  for (const TypeKind kind : {TypeKind::bigint, TypeKind::smallint}) {
    schema::Table table;
    table.name = "t";
    table.columns = {column("id", type_of(kind), false)};
    table.primary_key = schema::PrimaryKey{"pk_t", {"id"}};
    table.columns[0].autoincrement = true;
    const schema::Column result = normalized(schema::Schema{{table}}).tables[0].columns[0];
    CHECK(result.type.kind == TypeKind::integer);
    CHECK(result.autoincrement);

    // Without autoincrement it is no rowid alias, and stays as declared.
    table.columns[0].autoincrement = false;
    const schema::Column plain = normalized(schema::Schema{{table}}).tables[0].columns[0];
    CHECK(plain.type.kind == kind);
    CHECK_FALSE(plain.autoincrement);

    // Nor in a WITHOUT ROWID table.
    table.columns[0].autoincrement = true;
    table.sqlite.without_rowid = true;
    const schema::Column keyed = normalized(schema::Schema{{table}}).tables[0].columns[0];
    CHECK(keyed.type.kind == kind);
    CHECK_FALSE(keyed.autoincrement);
  }
}
