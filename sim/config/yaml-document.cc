#include "sim/config/yaml-document.h"

#include <yaml-cpp/eventhandler.h>

#include <sstream>

namespace cdnmesh {
namespace {

// Counts documents and remembers where each starts; ignores their content.
class DocumentCounter : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override {
    ++documents;
    last_start = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

  int documents = 0;
  YAML::Mark last_start;
};

std::string Position(const std::string& origin, const YAML::Mark& mark) {
  return origin + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

}  // namespace

Result<YAML::Node> LoadSingleDocument(const std::string& text, const std::string& origin) {
  try {
    const YAML::Node first = YAML::Load(text);
    std::istringstream in(text);
    YAML::Parser parser(in);
    DocumentCounter counter;
    // At most two documents are read: the parser may produce empty documents without end.
    while (counter.documents < 2 && parser.HandleNextDocument(counter)) {
    }
    if (counter.documents > 1) {
      return Error{Position(origin, counter.last_start) +
                   ": a second YAML document starts here; a scenario is exactly one document "
                   "(remove the `---` separator, or the text yaml-cpp cannot place in the first)"};
    }
    return first;
  } catch (const YAML::ParserException& e) {
    return Error{Position(origin, e.mark) + ": YAML syntax error: " + e.msg};
  } catch (const std::exception& e) {
    return Error{origin + ": cannot parse YAML: " + e.what()};
  }
}

}  // namespace cdnmesh
