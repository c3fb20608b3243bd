#include "model/yaml_tree.hpp"

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

namespace {

YamlNode::Style style_of(YAML::EmitterStyle::value style) {
  switch (style) {
    case YAML::EmitterStyle::Block: return YamlNode::Style::block;
    case YAML::EmitterStyle::Flow: return YamlNode::Style::flow;
    case YAML::EmitterStyle::Default: break;
  }
  return YamlNode::Style::any;
}

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

YamlNode tree_of(const YAML::Node& node) {
  YamlNode out;
  if (!node.IsDefined()) return out;
  const YAML::Mark mark = node.Mark();
  if (!mark.is_null() && mark.line >= 0) {
    out.line = mark.line + 1;
    out.column = mark.column + 1;
  }
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      out.kind = YamlNode::Kind::scalar;
      out.text = node.Scalar();
      break;
    case YAML::NodeType::Sequence:
      out.kind = YamlNode::Kind::sequence;
      out.style = style_of(node.Style());
      out.items.reserve(node.size());
      for (const auto& item : node) out.items.push_back(tree_of(item));
      break;
    case YAML::NodeType::Map:
      out.kind = YamlNode::Kind::mapping;
      out.style = style_of(node.Style());
      out.items.reserve(node.size());
      out.keys.reserve(node.size());
      for (const auto& pair : node) {
        out.keys.push_back(tree_of(pair.first));
        out.items.push_back(tree_of(pair.second));
      }
      break;
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: break;
  }
  return out;
}

}  // namespace dbmig::model
