#include "model/yaml_load.hpp"

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>
#if __has_include(<yaml-cpp/depthguard.h>)
#include <yaml-cpp/depthguard.h>  // yaml-cpp 0.7 and later guard their own recursion
#define DBMIG_YAML_CPP_DEPTH_GUARD 1
#endif

#include "model/yaml_limits.hpp"
#include "util/error.hpp"

namespace dbmig::model {

namespace {

Location location_of(std::string_view file, const YAML::Mark& mark) {
  return Location{std::string(file), mark.line + 1, mark.column + 1};
}

// The alias written at `mark` ("*name"), for messages; empty if the text does not show one there.
std::string alias_at(std::string_view text, const YAML::Mark& mark) {
  if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text.size() || text[mark.pos] != '*') return {};
  const std::size_t start = static_cast<std::size_t>(mark.pos);
  std::size_t end = start + 1;
  while (end < text.size() && std::string_view(" \t\r\n,[]{}").find(text[end]) == std::string_view::npos) ++end;
  return std::string(text.substr(start, end - start));
}

// Builds the tree from yaml-cpp's events, as yaml-cpp's own node builder would (a mapping keeps
// every pair, duplicates included: readers report them), except that an alias is a copy of its
// anchor's value rather than the same node. Nothing is copied for an anchor: its value is found
// again in the tree, by its path, when an alias needs it.
class TreeBuilder final : public YAML::EventHandler {
 public:
  TreeBuilder(std::string_view text, std::string_view file, std::size_t node_limit)
      : text_(text), file_(file), node_limit_(node_limit) {}

  YamlNode take_root() { return std::move(root_); }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    leaf(node_at(YamlNode::Kind::null, mark), mark, anchor);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                const std::string& value) override {
    YamlNode node = node_at(YamlNode::Kind::scalar, mark);
    node.text = value;
    leaf(std::move(node), mark, anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t id) override {
    // yaml-cpp numbers anchors as it meets them and rejects an alias to none before this.
    if (id >= anchors_.size() || !anchors_[id].complete)
      fail_alias_cycle(location_of(file_, mark), alias_at(text_, mark));
    const Anchor& anchor = anchors_[id];
    if (open_.size() + anchor.height > max_yaml_depth) fail_too_deep(location_of(file_, mark));
    count(anchor.size, mark);
    YamlNode copy = find(anchor.path);
    add(std::move(copy), anchor.size, anchor.height);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    start(YamlNode::Kind::sequence, mark, anchor, style);
  }
  void OnSequenceEnd() override { end(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    start(YamlNode::Kind::mapping, mark, anchor, style);
  }
  void OnMapEnd() override { end(); }

 private:
  // Where a node is in its parent: 2 x index, + 1 for a mapping's key.
  using Step = std::size_t;

  // A collection being filled, with the nodes it holds so far (alias copies included) and the
  // levels of collections in it: what an alias to it will add.
  struct Open {
    YamlNode node;
    YAML::anchor_t anchor;
    std::size_t size = 1;
    std::size_t height = 1;
  };
  struct Anchor {
    bool complete = false;   // an alias inside its value would be a cycle until then
    std::vector<Step> path;  // from the root
    std::size_t size = 0;
    std::size_t height = 0;
  };

  static YamlNode node_at(YamlNode::Kind kind, const YAML::Mark& mark) {
    YamlNode node;
    node.kind = kind;
    if (!mark.is_null() && mark.line >= 0) {
      node.line = mark.line + 1;
      node.column = mark.column + 1;
    }
    return node;
  }

  // `nodes` more are about to be built, the first at `mark`.
  void count(std::size_t nodes, const YAML::Mark& mark) {
    if (nodes > node_limit_ - built_) fail_too_many_nodes(location_of(file_, mark), node_limit_);
    built_ += nodes;
  }

  // Where the next node added goes in the innermost open collection.
  Step next_step() const {
    const YamlNode& parent = open_.back().node;
    const bool key = parent.is_mapping() && parent.keys.size() == parent.items.size();
    return 2 * (key ? parent.keys.size() : parent.items.size()) + (key ? 1 : 0);
  }

  // The path of the next node added: the open collections' places, then its own.
  std::vector<Step> next_path() const {
    std::vector<Step> path = open_steps_;
    if (!open_.empty()) path.push_back(next_step());
    return path;
  }

  void register_anchor(YAML::anchor_t id, std::vector<Step> path) {
    if (id >= anchors_.size()) anchors_.resize(id + 1);
    anchors_[id] = Anchor{false, std::move(path), 0, 0};
  }

  void complete_anchor(YAML::anchor_t id, std::size_t size, std::size_t height) {
    Anchor& anchor = anchors_[id];
    anchor.complete = true;
    anchor.size = size;
    anchor.height = height;
  }

  // A completed node, by its path: down the open collections while the path follows them, then
  // down completed ones.
  const YamlNode& find(const std::vector<Step>& path) const {
    const YamlNode* node = &open_.front().node;
    bool on_open_chain = true;
    for (std::size_t level = 0; level < path.size(); ++level) {
      const Step step = path[level];
      if (on_open_chain && level < open_steps_.size() && open_steps_[level] == step) {
        node = &open_[level + 1].node;
        continue;
      }
      on_open_chain = false;
      node = step % 2 == 1 ? &node->keys[step / 2] : &node->items[step / 2];
    }
    return *node;
  }

  void leaf(YamlNode node, const YAML::Mark& mark, YAML::anchor_t anchor) {
    count(1, mark);
    if (anchor) {
      register_anchor(anchor, next_path());
      complete_anchor(anchor, 1, 0);
    }
    add(std::move(node), 1, 0);
  }

  void start(YamlNode::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor, YAML::EmitterStyle::value style) {
    // The nesting scan stops this first; kept so that the tree never outgrows its readers.
    if (open_.size() >= max_yaml_depth) fail_too_deep(location_of(file_, mark));
    count(1, mark);
    YamlNode node = node_at(kind, mark);
    node.style = style_of(style);
    if (!open_.empty()) open_steps_.push_back(next_step());
    if (anchor) register_anchor(anchor, open_steps_);
    open_.push_back(Open{std::move(node), anchor, 1, 1});
  }

  void end() {
    Open done = std::move(open_.back());
    open_.pop_back();
    if (!open_.empty()) open_steps_.pop_back();
    if (done.anchor) complete_anchor(done.anchor, done.size, done.height);
    add(std::move(done.node), done.size, done.height);
  }

  void add(YamlNode node, std::size_t size, std::size_t height) {
    if (open_.empty()) {
      root_ = std::move(node);
      return;
    }
    Open& parent = open_.back();
    parent.size += size;
    parent.height = std::max(parent.height, height + 1);
    if (next_step() % 2 == 1) {
      parent.node.keys.push_back(std::move(node));
    } else {
      parent.node.items.push_back(std::move(node));
    }
  }

  std::string_view text_;
  std::string_view file_;
  std::size_t node_limit_;
  std::size_t built_ = 0;
  std::vector<Open> open_;        // the collections being filled, outermost first
  std::vector<Step> open_steps_;  // where each but the outermost goes in the one before
  std::vector<Anchor> anchors_;   // by yaml-cpp's anchor number
  YamlNode root_;
};

// Stops at the start of a second document, if there is one, and says where it starts.
class SecondDocumentFinder final : public YAML::EventHandler {
 public:
  struct Found {
    YAML::Mark mark;
  };
  void OnDocumentStart(const YAML::Mark& mark) override { throw Found{mark}; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// Every dbmig file is one document. Reading the first of several and ignoring the rest would
// be silently wrong (a models file whose first document is `tables: {}` would drop every table).
void refuse_second_document(YAML::Parser& parser, std::string_view file) {
  SecondDocumentFinder finder;
  try {
    parser.HandleNextDocument(finder);
  } catch (const SecondDocumentFinder::Found& found) {
    throw usage_error("a second YAML document: dbmig reads exactly one document per file", location_of(file, found.mark),
                      "remove the `---` line and what follows it, or move that part into a file of its own");
  }
}

}  // namespace

YamlNode load_yaml_tree(std::string_view text, std::string_view file) {
  const YamlTextShape shape = check_yaml_nesting(text, file);
  TreeBuilder builder(text, file, expanded_node_limit(shape));
  std::istringstream stream{std::string(text)};
  try {
    YAML::Parser parser(stream);
    parser.HandleNextDocument(builder);
    refuse_second_document(parser, file);
#ifdef DBMIG_YAML_CPP_DEPTH_GUARD
  } catch (const YAML::DeepRecursion& error) {
    fail_too_deep(location_of(file, error.mark));
#endif
  } catch (const YAML::Exception& error) {
    throw usage_error("YAML syntax error: " + error.msg, location_of(file, error.mark),
                      "check the indentation and quoting near this spot; quote values that contain ': ' or start with "
                      "{, [, *, & or #");
  }
  return builder.take_root();
}

}  // namespace dbmig::model
