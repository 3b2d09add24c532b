// cdnmesh: run, validate and document scenarios.
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "sim/cli/commands.h"
#include "sim/output/summary-json.h"

namespace {

constexpr const char* kUsage =
    "usage: cdnmesh <command> [options]\n"
    "\n"
    "commands:\n"
    "  run FILE [--set key.path=value]... [--seed N] [--out DIR] [--quiet] [BUDGET]\n"
    "      run a scenario; print its summary; write summary.json, timeseries.csv and\n"
    "      peers.csv to DIR (default runs/<scenario name>)\n"
    "  validate FILE [--set key.path=value]... [BUDGET]\n"
    "      check a scenario without running it; print its cost estimate\n"
    "  cross-check FILE [--set key.path=value]... [--seed N] [--out FILE.md] [--quiet]\n"
    "      run a scenario at network.fidelity flow and packet with the same seed; print\n"
    "      the metrics and per-segment download times side by side (appended to FILE.md)\n"
    "  params\n"
    "      list every scenario parameter with its default, unit and description\n"
    "  version\n"
    "\n"
    "BUDGET: a run whose estimate exceeds a limit is refused (exit 2) unless --force:\n"
    "  --max-memory-gb N (default 60 % of physical memory), --max-events N (default 5e9),\n"
    "  --max-output-gb N (default 4), --force\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    std::cout << kUsage;
    return argc < 2 ? cdnmesh::kExitConfigError : cdnmesh::kExitOk;
  }
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  if (command == "run") return cdnmesh::RunCommand(args);
  if (command == "validate") return cdnmesh::ValidateCommand(args);
  if (command == "cross-check") return cdnmesh::CrossCheckCommand(args);
  if (command == "params") return cdnmesh::ParamsCommand(args);
  if (command == "version") {
    std::cout << "cdnmesh " << cdnmesh::CodeVersion() << "\n";
    return cdnmesh::kExitOk;
  }
  std::cerr << "cdnmesh: unknown command '" << command << "'\n" << kUsage;
  return cdnmesh::kExitConfigError;
}
