// cdnmesh: run, validate and document scenarios.
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "sim/cli/commands.h"
#include "sim/cli/huge-pages.h"
#include "sim/cli/usage.h"
#include "sim/output/summary-json.h"

namespace {

bool IsHelp(const std::string& arg) { return arg == "--help" || arg == "-h"; }

}  // namespace

int main(int argc, char** argv) {
  using namespace cdnmesh;
  const std::vector<std::string> args(argv + std::min(argc, 2), argv + argc);
  const std::string command = argc >= 2 ? argv[1] : "";
  if (command.empty() || IsHelp(command)) {
    std::cout << kUsage;
    return command.empty() ? kExitConfigError : kExitOk;
  }
  if (command == "--version" || command == "version") {
    std::cout << "cdnmesh " << CodeVersion() << "\n";
    return kExitOk;
  }
  const char* usage = CommandUsage(command);
  if (usage == nullptr) {
    std::cerr << "cdnmesh: unknown command '" << command << "'\n" << kUsage;
    return kExitConfigError;
  }
  for (const std::string& arg : args) {
    if (IsHelp(arg)) {
      std::cout << usage;
      return kExitOk;
    }
  }
  if (command == "run" || command == "cross-check") ReexecWithHugePages(argv);
  if (command == "run") return RunCommand(args);
  if (command == "validate") return ValidateCommand(args);
  if (command == "cross-check") return CrossCheckCommand(args);
  if (command == "fit-flow-model") return FitFlowModelCommand(args);
  if (command == "params") return ParamsCommand(args);
  return MetricsCommand(args);
}
