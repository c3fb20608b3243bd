#include "model/yaml_tree.hpp"

namespace dbmig::model {

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
      out.items.reserve(node.size());
      for (const auto& item : node) out.items.push_back(tree_of(item));
      break;
    case YAML::NodeType::Map:
      out.kind = YamlNode::Kind::mapping;
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
