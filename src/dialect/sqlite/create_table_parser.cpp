#include "dialect/sqlite/create_table_parser.hpp"

#include <utility>

#include "dialect/common/sql_tokens.hpp"

namespace dbmig::dialect::sqlite {
namespace {

// Walks the tokens of one CREATE TABLE statement.
class CreateTableScanner {
 public:
  explicit CreateTableScanner(std::string_view sql) : sql_(sql), tokens_(tokenize(sql)) {}

  ParsedCreateTable scan() {
    ParsedCreateTable parsed;
    std::size_t open = 0;
    while (open < tokens_.size() && !tokens_[open].is('(')) ++open;
    if (open == tokens_.size()) return parsed;
    if (open > 0) parsed.table = tokens_[open - 1].value();
    const std::size_t close = matching_parenthesis(tokens_, open);
    for (const TokenRange& item : split_top_level(tokens_, open + 1, close)) {
      if (item.empty()) continue;
      if (starts_table_constraint(tokens_[item.begin])) {
        scan_table_constraint(item, parsed.constraints);
      } else {
        const std::string column = tokens_[item.begin].value();
        parsed.columns.push_back(column);
        parsed.clauses.push_back(scan_column_constraints(column, {item.begin + 1, item.end}, parsed.constraints));
      }
    }
    scan_table_options(close + 1, parsed);
    return parsed;
  }

 private:
  static bool starts_table_constraint(const Token& token) {
    return token.is_keyword("CONSTRAINT") || token.is_keyword("PRIMARY") || token.is_keyword("UNIQUE") ||
           token.is_keyword("CHECK") || token.is_keyword("FOREIGN");
  }

  // After the body: a comma-separated list of STRICT and WITHOUT ROWID.
  void scan_table_options(std::size_t at, ParsedCreateTable& parsed) const {
    for (; at < tokens_.size(); ++at) {
      if (tokens_[at].is_keyword("STRICT")) parsed.strict = true;
      if (tokens_[at].is_keyword("WITHOUT") && keyword_at(at + 1, "ROWID", tokens_.size())) parsed.without_rowid = true;
    }
  }

  bool keyword_at(std::size_t at, std::string_view keyword, std::size_t end) const {
    return at < end && tokens_[at].is_keyword(keyword);
  }

  // The first '(' at or after `at` and before `end`, or `end`.
  std::size_t next_open(std::size_t at, std::size_t end) const {
    while (at < end && !tokens_[at].is('(')) ++at;
    return at;
  }

  // The first identifier of each comma-separated part of the group opened at `open`: the column
  // names of `("a" COLLATE nocase DESC, b)`.
  std::vector<std::string> column_list(std::size_t open, std::size_t close) const {
    std::vector<std::string> columns;
    for (const TokenRange& part : split_top_level(tokens_, open + 1, close)) {
      if (!part.empty()) columns.push_back(tokens_[part.begin].value());
    }
    return columns;
  }

  // CHECK ( expression ) starting at the CHECK keyword; returns the index after ')'.
  std::size_t scan_check(std::size_t at, std::size_t end, ParsedConstraint& check) const {
    const std::size_t open = next_open(at, end);
    if (open == end) return end;
    const std::size_t close = std::min(matching_parenthesis(tokens_, open), end);
    check.expression = std::string(source_text(sql_, tokens_, {open + 1, close}));
    return close + 1;
  }

  // REFERENCES table [(columns)] [ON DELETE|UPDATE action] [MATCH name] [[NOT] DEFERRABLE ...],
  // starting at REFERENCES; returns the index after the clause.
  std::size_t scan_references(std::size_t at, std::size_t end, ParsedConstraint& foreign_key) const {
    ++at;  // REFERENCES
    if (at < end) foreign_key.referred_table = tokens_[at++].value();
    if (at < end && tokens_[at].is('(')) at = std::min(matching_parenthesis(tokens_, at), end) + 1;
    while (at < end) {
      if (keyword_at(at, "ON", end) && (keyword_at(at + 1, "DELETE", end) || keyword_at(at + 1, "UPDATE", end))) {
        at += 2;
        if (keyword_at(at, "SET", end) || keyword_at(at, "NO", end)) {
          at += 2;  // SET NULL, SET DEFAULT, NO ACTION
        } else {
          at += 1;  // CASCADE, RESTRICT
        }
      } else if (keyword_at(at, "MATCH", end)) {
        at += 2;
      } else if (keyword_at(at, "NOT", end) && keyword_at(at + 1, "DEFERRABLE", end)) {
        at += 2;
        if (keyword_at(at, "INITIALLY", end)) at += 2;  // NOT DEFERRABLE INITIALLY ...: never deferred
      } else if (keyword_at(at, "DEFERRABLE", end)) {
        at += 1;
        foreign_key.deferrable = true;
        if (keyword_at(at, "INITIALLY", end)) {
          foreign_key.initially_deferred = keyword_at(at + 1, "DEFERRED", end);
          at += 2;
        }
      } else {
        break;
      }
    }
    return at;
  }

  void scan_table_constraint(TokenRange item, std::vector<ParsedConstraint>& out) const {
    ParsedConstraint constraint;
    std::size_t at = item.begin;
    if (keyword_at(at, "CONSTRAINT", item.end)) {
      if (at + 1 < item.end) constraint.name = tokens_[at + 1].value();
      at += 2;
    }
    if (keyword_at(at, "CHECK", item.end)) {
      constraint.kind = ConstraintKind::check;
      scan_check(at, item.end, constraint);
    } else if (keyword_at(at, "PRIMARY", item.end) || keyword_at(at, "UNIQUE", item.end) ||
               keyword_at(at, "FOREIGN", item.end)) {
      constraint.kind = keyword_at(at, "PRIMARY", item.end)  ? ConstraintKind::primary_key
                        : keyword_at(at, "UNIQUE", item.end) ? ConstraintKind::unique
                                                             : ConstraintKind::foreign_key;
      const std::size_t open = next_open(at, item.end);
      if (open == item.end) return;
      const std::size_t close = std::min(matching_parenthesis(tokens_, open), item.end);
      constraint.columns = column_list(open, close);
      if (constraint.kind == ConstraintKind::foreign_key) {
        std::size_t references = close;
        while (references < item.end && !tokens_[references].is_keyword("REFERENCES")) ++references;
        if (references < item.end) scan_references(references, item.end, constraint);
      }
    } else {
      return;  // not a constraint we model
    }
    out.push_back(std::move(constraint));
  }

  // The clauses after a column's name: its type, then constraints in any order. Only those we
  // model are kept; `CONSTRAINT name` applies to the clause right after it.
  ParsedColumnClauses scan_column_constraints(const std::string& column, TokenRange rest,
                                              std::vector<ParsedConstraint>& out) const {
    ParsedColumnClauses clauses;
    std::string pending_name;
    std::size_t at = rest.begin;
    while (at < rest.end) {
      const Token& token = tokens_[at];
      if (token.is_keyword("CONSTRAINT")) {
        pending_name = at + 1 < rest.end ? tokens_[at + 1].value() : std::string();
        at += 2;
        continue;
      }
      std::string name = std::exchange(pending_name, {});
      ParsedConstraint constraint{ConstraintKind::check, std::move(name), {column}, {}, {}, column};
      if (token.is('(')) {
        at = std::min(matching_parenthesis(tokens_, at), rest.end) + 1;  // VARCHAR(10), DEFAULT (1 + 2)
      } else if (token.is_keyword("PRIMARY") || token.is_keyword("UNIQUE")) {
        constraint.kind = token.is_keyword("PRIMARY") ? ConstraintKind::primary_key : ConstraintKind::unique;
        out.push_back(std::move(constraint));
        ++at;
      } else if (token.is_keyword("AUTOINCREMENT")) {
        clauses.autoincrement = true;
        ++at;
      } else if (token.is_keyword("COLLATE")) {
        if (at + 1 < rest.end) clauses.collation = tokens_[at + 1].value();
        at += 2;
      } else if (token.is_keyword("AS") && at + 1 < rest.end && tokens_[at + 1].is('(')) {
        // GENERATED ALWAYS before AS says nothing more: AS ( is a generated column either way.
        const std::size_t close = std::min(matching_parenthesis(tokens_, at + 1), rest.end);
        clauses.generated = true;
        clauses.generated_expression = std::string(source_text(sql_, tokens_, {at + 2, close}));
        at = close + 1;
        if (keyword_at(at, "STORED", rest.end)) clauses.stored = true;
      } else if (token.is_keyword("CHECK")) {
        constraint.columns.clear();
        at = scan_check(at, rest.end, constraint);
        out.push_back(std::move(constraint));
      } else if (token.is_keyword("REFERENCES")) {
        constraint.kind = ConstraintKind::foreign_key;
        at = scan_references(at, rest.end, constraint);
        out.push_back(std::move(constraint));
      } else {
        ++at;
      }
    }
    return clauses;
  }

  std::string_view sql_;
  std::vector<Token> tokens_;
};

}  // namespace

ParsedCreateTable parse_create_table(std::string_view sql) { return CreateTableScanner(sql).scan(); }

}  // namespace dbmig::dialect::sqlite
