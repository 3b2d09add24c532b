#include "sim/cli/commands.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "sim/config/scenario-loader.h"
#include "sim/config/schema.h"
#include "sim/output/csv-writers.h"
#include "sim/output/summary-json.h"
#include "sim/output/summary-table.h"
#include "sim/world/world.h"

namespace cdnmesh {
namespace {

/// Parsed command-line options shared by run and validate.
struct Options {
  std::string file;
  std::vector<std::string> overrides;
  std::string out_dir;
  bool quiet = false;
};

// Parses `args`; on error prints it and returns false.
bool ParseOptions(const std::vector<std::string>& args, bool allow_run_flags, Options* options) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (arg == "--set" && has_value) {
      options->overrides.push_back(args[++i]);
    } else if (arg.rfind("--set=", 0) == 0) {
      options->overrides.push_back(arg.substr(6));
    } else if (allow_run_flags && arg == "--seed" && has_value) {
      options->overrides.push_back("run.seed=" + args[++i]);
    } else if (allow_run_flags && arg == "--out" && has_value) {
      options->out_dir = args[++i];
    } else if (allow_run_flags && arg == "--quiet") {
      options->quiet = true;
    } else if (arg.rfind("--", 0) == 0) {
      std::cerr << "cdnmesh: unknown or incomplete option '" << arg << "'\n";
      return false;
    } else if (options->file.empty()) {
      options->file = arg;
    } else {
      std::cerr << "cdnmesh: unexpected argument '" << arg << "'\n";
      return false;
    }
  }
  if (options->file.empty()) {
    std::cerr << "cdnmesh: missing scenario FILE\n";
    return false;
  }
  return true;
}

// Writes the three result files into `dir`; false (with a message) on I/O failure.
bool WriteResults(const std::string& dir, const ScenarioConfig& config, const RunResult& result) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    std::cerr << "cdnmesh: cannot create " << dir << ": " << error.message() << "\n";
    return false;
  }
  std::ofstream summary(dir + "/summary.json");
  summary << SummaryDocument(config, result).dump(2) << "\n";
  std::ofstream timeseries(dir + "/timeseries.csv");
  WriteTimeseriesCsv(result, timeseries);
  std::ofstream peers(dir + "/peers.csv");
  WritePeersCsv(result, peers);
  if (!summary || !timeseries || !peers) {
    std::cerr << "cdnmesh: cannot write results into " << dir << "\n";
    return false;
  }
  return true;
}

int ReportConfigError(const Error& error) {
  std::cerr << "cdnmesh: " << error.message << "\n";
  return kExitConfigError;
}

}  // namespace

int RunCommand(const std::vector<std::string>& args) {
  Options options;
  if (!ParseOptions(args, /*allow_run_flags=*/true, &options)) return kExitConfigError;
  Result<ScenarioConfig> config = LoadScenarioFile(options.file, options.overrides);
  if (!config.ok()) return ReportConfigError(config.error());
  RunOptions run_options;
  run_options.progress = !options.quiet;
  Result<RunResult> result = RunScenario(config.value(), run_options);
  if (!result.ok()) {
    std::cerr << "cdnmesh: " << result.error().message << "\n";
    return kExitFailure;
  }
  const std::string dir =
      options.out_dir.empty() ? "runs/" + config.value().name : options.out_dir;
  if (!WriteResults(dir, config.value(), result.value())) return kExitFailure;
  std::cout << FormatSummaryTable(config.value(), result.value());
  std::cout << "  results in " << dir << "/ (summary.json, timeseries.csv, peers.csv)\n";
  return kExitOk;
}

int ValidateCommand(const std::vector<std::string>& args) {
  Options options;
  if (!ParseOptions(args, /*allow_run_flags=*/false, &options)) return kExitConfigError;
  Result<ScenarioConfig> config = LoadScenarioFile(options.file, options.overrides);
  if (!config.ok()) return ReportConfigError(config.error());
  std::cout << options.file << ": ok (" << config.value().name << ")\n";
  return kExitOk;
}

int ParamsCommand(const std::vector<std::string>& args) {
  if (!args.empty()) {
    std::cerr << "cdnmesh: params takes no arguments\n";
    return kExitConfigError;
  }
  std::cout << FormatParams();
  return kExitOk;
}

}  // namespace cdnmesh
