#include "model/yaml_tree.hpp"

#include "model/yaml_limits.hpp"

namespace dbmig::model {

YamlNode YamlNode::scalar(std::string value) {
  YamlNode node;
  node.kind = Kind::scalar;
  node.text = std::move(value);
  return node;
}

YamlNode YamlNode::boolean(bool value) { return scalar(value ? "true" : "false"); }

YamlNode YamlNode::none() { return YamlNode{}; }

YamlNode YamlNode::mapping(Style style) {
  YamlNode node;
  node.kind = Kind::mapping;
  node.style = style;
  return node;
}

YamlNode YamlNode::sequence(Style style) {
  YamlNode node;
  node.kind = Kind::sequence;
  node.style = style;
  return node;
}

YamlNode YamlNode::list(const std::vector<std::string>& items, Style style) {
  YamlNode node = sequence(style);
  node.items.reserve(items.size());
  for (const auto& item : items) node.items.push_back(scalar(item));
  return node;
}

YamlNode& YamlNode::add(std::string key, YamlNode value) {
  keys.push_back(scalar(std::move(key)));
  items.push_back(std::move(value));
  return *this;
}

YamlNode& YamlNode::push(YamlNode item) {
  items.push_back(std::move(item));
  return *this;
}

YamlNode::Style style_of(YAML::EmitterStyle::value style) {
  switch (style) {
    case YAML::EmitterStyle::Block: return YamlNode::Style::block;
    case YAML::EmitterStyle::Flow: return YamlNode::Style::flow;
    case YAML::EmitterStyle::Default: break;
  }
  return YamlNode::Style::any;
}

namespace {

YAML::EmitterStyle::value emitter_style(YamlNode::Style style) {
  switch (style) {
    case YamlNode::Style::block: return YAML::EmitterStyle::Block;
    case YamlNode::Style::flow: return YAML::EmitterStyle::Flow;
    case YamlNode::Style::any: break;
  }
  return YAML::EmitterStyle::Default;
}

// Fills `out`, already a collection inside its tree: yaml-cpp merges a subtree's node set into
// its parent's on insertion, so children are inserted first and filled after (see plain_yaml.cpp).
void fill(YAML::Node out, const YamlNode& node) {
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const YamlNode& item = node.items[i];
    YAML::Node child = item.is_scalar()     ? YAML::Node(item.text)
                       : item.is_null()     ? YAML::Node(YAML::NodeType::Null)
                       : item.is_mapping()  ? YAML::Node(YAML::NodeType::Map)
                                            : YAML::Node(YAML::NodeType::Sequence);
    if (node.is_mapping()) {
      out.force_insert(yaml_cpp_of(node.keys[i]), child);
    } else {
      out.push_back(child);
    }
    if (item.is_mapping() || item.is_sequence()) {
      child.SetStyle(emitter_style(item.style));
      fill(child, item);
    }
  }
}

}  // namespace

YAML::Node yaml_cpp_of(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::null: return YAML::Node(YAML::NodeType::Null);
    case YamlNode::Kind::scalar: return YAML::Node(node.text);
    case YamlNode::Kind::sequence:
    case YamlNode::Kind::mapping: break;
  }
  YAML::Node out(node.is_mapping() ? YAML::NodeType::Map : YAML::NodeType::Sequence);
  out.SetStyle(emitter_style(node.style));
  fill(out, node);
  return out;
}

namespace {

// tree_of with the limits. yaml-cpp's nodes for an alias are its anchor's node itself, so a
// self-referencing alias makes a node its own descendant: found among the collections above it.
class Converter {
 public:
  explicit Converter(std::string_view file) : file_(file) {}

  YamlNode convert(const YAML::Node& node) {
    YamlNode out;
    if (!node.IsDefined()) return out;
    const YAML::Mark mark = node.Mark();
    if (!mark.is_null() && mark.line >= 0) {
      out.line = mark.line + 1;
      out.column = mark.column + 1;
    }
    const auto where = [&] { return Location{std::string(file_), out.line, out.column}; };
    // Without the text, the budget is the least any file gets.
    if (++built_ > min_expanded_node_limit) fail_too_many_nodes(where(), min_expanded_node_limit);
    switch (node.Type()) {
      case YAML::NodeType::Scalar:
        out.kind = YamlNode::Kind::scalar;
        out.text = node.Scalar();
        return out;
      case YAML::NodeType::Sequence: out.kind = YamlNode::Kind::sequence; break;
      case YAML::NodeType::Map: out.kind = YamlNode::Kind::mapping; break;
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined: return out;
    }
    for (const YAML::Node& above : above_)
      if (above.is(node)) fail_alias_cycle(where(), {});
    if (above_.size() >= max_yaml_depth) fail_too_deep(where());
    above_.push_back(node);
    out.style = style_of(node.Style());
    out.items.reserve(node.size());
    if (out.is_sequence()) {
      for (const auto& item : node) out.items.push_back(convert(item));
    } else {
      out.keys.reserve(node.size());
      for (const auto& pair : node) {
        out.keys.push_back(convert(pair.first));
        out.items.push_back(convert(pair.second));
      }
    }
    above_.pop_back();
    return out;
  }

 private:
  std::string_view file_;
  std::vector<YAML::Node> above_;  // the collections holding the node converted, outermost first
  std::size_t built_ = 0;
};

}  // namespace

YamlNode tree_of(const YAML::Node& node, std::string_view file) { return Converter(file).convert(node); }

}  // namespace dbmig::model
