#pragma once
// The Dialect calls that a dialect's SqlRenderer answers on its own (rendering ops, quoting, the
// version and history tables). Every dialect forwards them the same way, so they are forwarded
// once here; a dialect derives from RendererBackedDialect<ItsRenderer> and adds what differs.
#include "dialect/dialect.hpp"
#include "dialect/sql_renderer.hpp"

namespace dbmig::dialect {

template <class Renderer>
class RendererBackedDialect : public Dialect {
 public:
  // `applied_by`: whom the history table records as having run a revision.
  explicit RendererBackedDialect(SqlRenderer::AppliedBy applied_by) : applied_by_(applied_by) {}

  std::vector<Statement> render(const ops::Op& op, const RenderContext& context) const override {
    return renderer_.render(op, context);
  }

  std::string quote_identifier(std::string_view identifier) const override {
    return renderer_.quote_identifier(identifier);
  }
  std::string quote_literal(std::string_view value) const override { return renderer_.quote_literal(value); }
  std::string inline_parameters(const Statement& statement) const override {
    return renderer_.inline_parameters(statement);
  }

  std::vector<Statement> create_version_table(std::string_view table) const override {
    return renderer_.create_version_table(table);
  }
  Statement select_versions(std::string_view table) const override { return renderer_.select_versions(table); }
  Statement insert_version(std::string_view table, std::string_view revision) const override {
    return renderer_.insert_version(table, revision);
  }
  Statement delete_version(std::string_view table, std::string_view revision) const override {
    return renderer_.delete_version(table, revision);
  }

  std::vector<Statement> create_history_table(std::string_view table) const override {
    return renderer_.create_history_table(table);
  }
  Statement insert_history(std::string_view table, const HistoryEntry& entry) const override {
    return renderer_.insert_history(table, entry, applied_by_);
  }
  Statement select_history(std::string_view table) const override { return renderer_.select_history(table); }
  std::vector<Statement> record_revision(std::string_view version_table, std::string_view history_table,
                                         const std::vector<std::string>& before, const std::vector<std::string>& after,
                                         const HistoryEntry& entry) const override {
    return renderer_.record_revision(version_table, history_table, before, after, entry, applied_by_);
  }

  std::vector<Statement> create_progress_table(std::string_view table) const override {
    return renderer_.create_progress_table(table);
  }
  Statement select_progress(std::string_view table) const override { return renderer_.select_progress(table); }
  std::vector<Statement> write_progress(std::string_view table, const ProgressRow& row) const override {
    return renderer_.write_progress(table, row);
  }
  Statement clear_progress(std::string_view table) const override { return renderer_.clear_progress(table); }
  Statement update_progress(std::string_view table, const ProgressRow& row) const override {
    return renderer_.update_progress(table, row);
  }

 protected:
  const Renderer& renderer() const { return renderer_; }

 private:
  Renderer renderer_;
  SqlRenderer::AppliedBy applied_by_;
};

}  // namespace dbmig::dialect
