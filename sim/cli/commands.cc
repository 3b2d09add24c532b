#include "sim/cli/commands.h"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>

#include "sim/config/cost-estimate.h"
#include "sim/config/number-text.h"
#include "sim/config/scenario-loader.h"
#include "sim/config/schema.h"
#include "sim/config/suggest.h"
#include "sim/output/metric-docs.h"
#include "sim/output/result-files.h"
#include "sim/output/summary-table.h"
#include "sim/world/cross-check.h"
#include "sim/world/flow-fit.h"
#include "sim/world/world.h"

namespace cdnmesh {
namespace {

/// Parsed command-line options shared by run and validate.
struct Options {
  std::string file;
  std::vector<std::string> overrides;
  std::string out_dir;
  bool quiet = false;
  bool force = false;  ///< run even when the estimate exceeds the budget
  EventQueueKind event_queue = EventQueueKind::kBucket;
  CostBudget budget = DefaultCostBudget();
};

// A budget flag's value ("--max-memory-gb 12"): a positive finite number, times `scale`.
bool ParseBudget(const std::string& flag, const std::string& text, double scale, double* out) {
  const std::optional<double> value = ParseDecimal(text);
  if (!value || !(*value > 0) || *value > 1e15) {
    std::cerr << "cdnmesh: " << flag << ": `" << text
              << "` is not allowed; expected a number > 0\n";
    return false;
  }
  *out = *value * scale;
  return true;
}

// Parses a budget flag or --force at args[i]; false when args[i] is none of them.
bool ParseBudgetFlag(const std::vector<std::string>& args, std::size_t& i, Options* options,
                     bool* ok) {
  const std::string& arg = args[i];
  const bool has_value = i + 1 < args.size();
  *ok = true;
  if (arg == "--force") {
    options->force = true;
  } else if (arg == "--max-memory-gb" && has_value) {
    *ok = ParseBudget(arg, args[++i], 1e9, &options->budget.max_memory_bytes);
  } else if (arg == "--max-events" && has_value) {
    *ok = ParseBudget(arg, args[++i], 1, &options->budget.max_events);
  } else if (arg == "--max-output-gb" && has_value) {
    *ok = ParseBudget(arg, args[++i], 1e9, &options->budget.max_output_bytes);
  } else {
    return false;
  }
  return true;
}

// "--event-queue NAME": one of EventQueueNames().
bool ParseEventQueueFlag(const std::string& text, EventQueueKind* out) {
  const std::optional<EventQueueKind> kind = ParseEventQueue(text);
  if (!kind) {
    std::cerr << "cdnmesh: --event-queue: `" << text << "` is not allowed; expected one of "
              << JoinNames(NamesOf(EventQueueNames())) << "\n";
    return false;
  }
  *out = *kind;
  return true;
}

// Parses `args`; on error prints it and returns false.
bool ParseOptions(const std::vector<std::string>& args, bool allow_run_flags, Options* options) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool has_value = i + 1 < args.size();
    bool flag_ok = true;
    if (ParseBudgetFlag(args, i, options, &flag_ok)) {
      if (!flag_ok) return false;
    } else if (arg == "--set" && has_value) {
      options->overrides.push_back(args[++i]);
    } else if (arg.rfind("--set=", 0) == 0) {
      options->overrides.push_back(arg.substr(6));
    } else if (allow_run_flags && arg == "--seed" && has_value) {
      options->overrides.push_back("run.seed=" + args[++i]);
    } else if (allow_run_flags && arg == "--out" && has_value) {
      options->out_dir = args[++i];
    } else if (allow_run_flags && arg == "--quiet") {
      options->quiet = true;
    } else if (allow_run_flags && arg == "--event-queue" && has_value) {
      if (!ParseEventQueueFlag(args[++i], &options->event_queue)) return false;
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

// runs/<name>-seed<N>-<hash of the resolved scenario>: another setting, another directory.
std::string DefaultOutDir(const ScenarioConfig& config) {
  std::uint64_t hash = 1469598103934665603ull;  // FNV-1a 64 over the resolved scenario's JSON
  for (const char c : ScenarioToJson(config).dump()) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  }
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(hash >> 32));
  return "runs/" + config.name + "-seed" + std::to_string(config.run.seed) + "-" + hex;
}

int ReportConfigError(const Error& error) {
  std::cerr << "cdnmesh: " << error.message << "\n";
  return kExitConfigError;
}

// Checks the run's estimate against the budget; prints why it is refused (or forced).
bool WithinBudget(const Options& options, const CostEstimate& estimate) {
  const Status status = CheckCostBudget(estimate, options.budget);
  if (status.ok()) return true;
  std::cerr << "cdnmesh: " << options.file << ": " << status.message()
            << (options.force ? " (--force: running anyway)" : "") << "\n";
  return options.force;
}

}  // namespace

int RunCommand(const std::vector<std::string>& args) {
  Options options;
  if (!ParseOptions(args, /*allow_run_flags=*/true, &options)) return kExitConfigError;
  Result<ScenarioConfig> config = LoadScenarioFile(options.file, options.overrides);
  if (!config.ok()) return ReportConfigError(config.error());
  if (!WithinBudget(options, EstimateCost(config.value()))) return kExitConfigError;
  RunOptions run_options;
  run_options.progress = !options.quiet;
  run_options.event_queue = options.event_queue;
  Result<RunResult> result = RunScenario(config.value(), run_options);
  if (!result.ok()) {
    std::cerr << "cdnmesh: " << result.error().message << "\n";
    return kExitFailure;
  }
  const std::string dir = options.out_dir.empty() ? DefaultOutDir(config.value()) : options.out_dir;
  const Status written = WriteResultFiles(dir, config.value(), result.value());
  if (!written.ok()) {
    std::cerr << "cdnmesh: " << written.message() << "\n";
    return kExitFailure;
  }
  std::cout << FormatSummaryTable(config.value(), result.value());
  std::cout << "  results in " << dir << "/ (summary.json, timeseries.csv, peers.csv)\n";
  return kExitOk;
}

int ValidateCommand(const std::vector<std::string>& args) {
  Options options;
  if (!ParseOptions(args, /*allow_run_flags=*/false, &options)) return kExitConfigError;
  Result<ScenarioConfig> config = LoadScenarioFile(options.file, options.overrides);
  if (!config.ok()) return ReportConfigError(config.error());
  const CostEstimate estimate = EstimateCost(config.value());
  if (!WithinBudget(options, estimate)) return kExitConfigError;
  std::cout << options.file << ": ok (" << config.value().name
            << "); estimate: " << FormatCostEstimate(estimate) << "\n";
  return kExitOk;
}

int MetricsCommand(const std::vector<std::string>& args) {
  const std::string format = args.empty() ? "" : args[0];
  if (args.size() > 1 || (!format.empty() && format != "--json" && format != "--markdown")) {
    std::cerr << "cdnmesh: metrics takes one of --json, --markdown or nothing\n";
    return kExitConfigError;
  }
  if (format == "--json") {
    std::cout << MetricCatalogueJson().dump(2) << "\n";
  } else if (format == "--markdown") {
    std::cout << FormatMetricCatalogueMarkdown();
  } else {
    for (const MetricInfo& info : MetricCatalogue()) {
      std::printf("%-32s %-12s %s\n", info.name.c_str(), MetricUnit(info.kind),
                  info.label.c_str());
    }
  }
  return kExitOk;
}

// Both fidelities, same seed; the table on stdout (and in --out FILE, appended).
int CrossCheckCommand(const std::vector<std::string>& args) {
  Options options;
  if (!ParseOptions(args, /*allow_run_flags=*/true, &options)) return kExitConfigError;
  Result<ScenarioConfig> config = LoadScenarioFile(options.file, options.overrides);
  if (!config.ok()) return ReportConfigError(config.error());
  ScenarioConfig packet = config.value();
  packet.network.fidelity = NetworkFidelity::kPacket;
  if (!WithinBudget(options, EstimateCost(packet))) return kExitConfigError;
  Result<CrossCheckReport> report = RunCrossCheck(config.value(), !options.quiet);
  if (!report.ok()) {
    std::cerr << "cdnmesh: " << report.error().message << "\n";
    return kExitFailure;
  }
  const std::string table = FormatCrossCheck(report.value());
  std::cout << table;
  if (!options.out_dir.empty()) {
    std::ofstream out(options.out_dir, std::ios::app);
    out << table << "\n";
    if (!out) {
      std::cerr << "cdnmesh: cannot write " << options.out_dir << "\n";
      return kExitFailure;
    }
  }
  return kExitOk;
}

int FitFlowModelCommand(const std::vector<std::string>& args) {
  std::string out_file;
  if (args.size() == 2 && args[0] == "--out") {
    out_file = args[1];
  } else if (!args.empty()) {
    std::cerr << "cdnmesh: fit-flow-model takes only --out FILE.md\n";
    return kExitConfigError;
  }
  Result<FlowFit> fit = FitFlowModel(DefaultScenario().network.packet);
  if (!fit.ok()) {
    std::cerr << "cdnmesh: " << fit.error().message << "\n";
    return kExitFailure;
  }
  const std::string text = FormatFlowFit(fit.value());
  std::cout << text;
  if (!out_file.empty()) {
    std::ofstream out(out_file);
    out << text;
    if (!out) {
      std::cerr << "cdnmesh: cannot write " << out_file << "\n";
      return kExitFailure;
    }
  }
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
