// _cdnmesh: the thin Python module over the simulator (docs/analysis.md). Scenarios come in as a
// path or a dict with the YAML's structure, results go out as plain Python objects; the GIL is
// released while ns-3 runs. Configuration errors raise ConfigError (a ValueError), failed runs
// SimulationError (a RuntimeError). The user-facing API lives in analysis/ (package `cdnmesh`).
#include <pybind11/pybind11.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "pybind/py-to-yaml.h"
#include "sim/config/cost-estimate.h"
#include "sim/config/scenario-loader.h"
#include "sim/config/schema.h"
#include "sim/output/csv-writers.h"
#include "sim/output/metric-docs.h"
#include "sim/output/summary-json.h"
#include "sim/world/world.h"

namespace py = pybind11;

namespace cdnmesh {
namespace {

// ---------------------------------------------------------------- overrides and loading

// An override value as YAML text: a str as written (YAML syntax, like `--set`), anything else
// formatted by FlowText.
std::string OverrideValueText(const py::handle& value, const std::string& key) {
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  return PyToFlowText(value, key);
}

// The "key.path=value" list from `overrides` (None, a list/tuple of str, or a dict), with
// "run.seed=N" appended when `seed` is given.
std::vector<std::string> OverrideList(const py::object& overrides, const py::object& seed) {
  std::vector<std::string> list;
  if (IsMapping(overrides)) {
    for (const py::handle item : overrides.attr("items")()) {
      const py::tuple pair = py::reinterpret_borrow<py::tuple>(item);
      if (!py::isinstance<py::str>(pair[0])) {
        throw ConfigError("overrides: keys must be str key paths, got " +
                          py::repr(pair[0]).cast<std::string>());
      }
      const std::string key = pair[0].cast<std::string>();
      list.push_back(key + "=" + OverrideValueText(pair[1], key));
    }
  } else if (IsSequence(overrides)) {
    for (const py::handle item : overrides) {
      if (!py::isinstance<py::str>(item)) {
        throw py::type_error("overrides: expected 'key.path=value' strings, got " + TypeName(item));
      }
      list.push_back(item.cast<std::string>());
    }
  } else if (!overrides.is_none()) {
    throw py::type_error("overrides must be a list of 'key.path=value' strings or a dict, got " +
                         TypeName(overrides));
  }
  if (!seed.is_none()) {
    if (PyBool_Check(seed.ptr()) || !IsInstanceOf(seed, "numbers", "Integral")) {
      throw py::type_error("seed must be an int, got " + TypeName(seed));
    }
    list.push_back("run.seed=" + py::str(py::int_(seed)).cast<std::string>());
  }
  return list;
}

// Loads and validates `scenario` (a dict, or a path as str/bytes/os.PathLike).
ScenarioConfig LoadConfig(const py::object& scenario, const py::object& overrides,
                          const py::object& seed) {
  const std::vector<std::string> override_list = OverrideList(overrides, seed);
  std::optional<Result<ScenarioConfig>> loaded;
  if (IsMapping(scenario)) {
    const YAML::Node root = PyToYaml(scenario, "scenario");
    std::error_code ignored;
    const std::string cwd = std::filesystem::current_path(ignored).string();
    loaded.emplace(LoadScenarioNode(root, cwd, "<dict>", override_list));
  } else if (py::isinstance<py::str>(scenario) || py::isinstance<py::bytes>(scenario) ||
             py::hasattr(scenario, "__fspath__")) {
    const py::object path = py::module_::import("os").attr("fsdecode")(scenario);
    loaded.emplace(LoadScenarioFile(path.cast<std::string>(), override_list));
  } else {
    throw py::type_error("scenario must be a path (str or os.PathLike) or a dict, got " +
                         TypeName(scenario));
  }
  if (!loaded->ok()) throw ConfigError(loaded->error().message);
  return std::move(*loaded).value();
}

// ---------------------------------------------------------------- JSON -> Python objects

// `json` as Python objects (dict order kept); non-finite floats become None, as in summary.json.
template <typename Json>
py::object JsonToPy(const Json& json) {
  using Type = nlohmann::detail::value_t;
  switch (json.type()) {
    case Type::null:
    case Type::discarded:
      return py::none();
    case Type::boolean:
      return py::bool_(json.template get<bool>());
    case Type::number_integer:
      return py::int_(json.template get<std::int64_t>());
    case Type::number_unsigned:
      return py::int_(json.template get<std::uint64_t>());
    case Type::number_float: {
      const double value = json.template get<double>();
      return std::isfinite(value) ? py::object(py::float_(value)) : py::object(py::none());
    }
    case Type::string:
      return py::str(json.template get_ref<const std::string&>());
    case Type::binary: {
      const auto& bytes = json.get_binary();
      return py::bytes(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    }
    case Type::array: {
      py::list list;
      for (const auto& item : json) list.append(JsonToPy(item));
      return std::move(list);
    }
    case Type::object: {
      py::dict dict;
      for (auto it = json.begin(); it != json.end(); ++it) dict[py::str(it.key())] = JsonToPy(*it);
      return std::move(dict);
    }
  }
  return py::none();
}

// ---------------------------------------------------------------- the module's functions

std::mutex& RunMutex() {
  static std::mutex mutex;  // ns-3's simulator is global: one run at a time per process
  return mutex;
}

// Whether Python has a pending signal (Ctrl-C); called from the run with the GIL released.
bool PythonInterrupted(bool* interrupted) {
  py::gil_scoped_acquire acquire;
  if (PyErr_CheckSignals() != 0) {
    PyErr_Clear();  // raised again as KeyboardInterrupt once the run has stopped
    *interrupted = true;
  }
  return *interrupted;
}

// RunScenario with the GIL released; C++ exceptions become SimulationError, Ctrl-C during the
// run stops it and raises KeyboardInterrupt.
RunResult RunReleased(const ScenarioConfig& config, bool progress) {
  std::optional<Result<RunResult>> result;
  std::string failure;
  bool interrupted = false;
  {
    py::gil_scoped_release release;
    const std::lock_guard<std::mutex> lock(RunMutex());
    RunOptions options;
    options.progress = progress;
    options.interrupted = [&interrupted] { return PythonInterrupted(&interrupted); };
    try {
      result.emplace(RunScenario(config, options));
    } catch (const std::exception& e) {
      failure = e.what();
    } catch (...) {
      failure = "unknown C++ exception";
    }
  }
  if (interrupted) {
    PyErr_SetNone(PyExc_KeyboardInterrupt);
    throw py::error_already_set();
  }
  if (!result) throw SimulationError(config.name + ": the simulation failed: " + failure);
  if (!result->ok()) throw SimulationError(result->error().message);
  return std::move(*result).value();
}

// Raises ConfigError when the run's estimate exceeds the default budget (unless `force`).
void CheckBudget(const ScenarioConfig& config, bool force) {
  const Status status = CheckCostBudget(EstimateCost(config), DefaultCostBudget());
  if (!status.ok() && !force) throw ConfigError(config.name + ": " + status.message());
}

py::dict Run(const py::object& scenario, const py::object& overrides, const py::object& seed,
             bool progress, bool force) {
  const ScenarioConfig config = LoadConfig(scenario, overrides, seed);
  CheckBudget(config, force);
  const RunResult result = RunReleased(config, progress);
  try {
    std::ostringstream timeseries;
    WriteTimeseriesCsv(result, timeseries);
    std::ostringstream peers;
    WritePeersCsv(result, peers);
    py::dict out;
    out["summary"] = JsonToPy(SummaryDocument(config, result));
    out["timeseries_csv"] = py::str(timeseries.str());
    out["peers_csv"] = py::str(peers.str());
    out["wall_seconds"] = py::float_(result.wall_seconds);
    return out;
  } catch (const py::error_already_set&) {
    throw;
  } catch (const std::exception& e) {
    throw SimulationError(config.name + ": cannot collect the results: " + e.what());
  }
}

py::object Validate(const py::object& scenario, const py::object& overrides,
                    const py::object& seed, bool force) {
  const ScenarioConfig config = LoadConfig(scenario, overrides, seed);
  CheckBudget(config, force);
  return JsonToPy(ScenarioToJson(config));
}

py::dict Estimate(const py::object& scenario, const py::object& overrides,
                  const py::object& seed) {
  const CostEstimate e = EstimateCost(LoadConfig(scenario, overrides, seed));
  py::dict out;
  out["viewers"] = e.viewers;
  out["peak_viewers"] = e.peak_viewers;
  out["viewer_seconds"] = e.viewer_seconds;
  out["events"] = e.events;
  out["memory_bytes"] = e.memory_bytes;
  out["output_bytes"] = e.output_bytes;
  out["timeseries_rows"] = e.timeseries_rows;
  out["wall_seconds"] = e.wall_seconds;
  return out;
}

py::list Params() {
  py::list list;
  for (const ParamInfo& info : ListParams()) {
    py::dict param;
    param["key"] = info.key;
    param["type"] = info.type;
    param["default"] = info.default_value;
    param["unit"] = info.unit;
    param["range"] = info.range;
    param["description"] = info.description;
    list.append(std::move(param));
  }
  return list;
}

py::object DefaultScenarioDict() { return JsonToPy(ScenarioToJson(DefaultScenario())); }

py::object MetricCatalogueList() { return JsonToPy(MetricCatalogueJson()); }

// ---------------------------------------------------------------- docstrings

constexpr const char* kModuleDoc =
    "Thin bindings over the cdnmesh simulator (hybrid CDN + P2P video delivery on ns-3).\n\n"
    "Scenarios are a YAML file path or a dict with the same structure. Use the `cdnmesh`\n"
    "package (analysis/) for sweeps, the results store and plots.";

constexpr const char* kRunDoc =
    "Runs a scenario to its end with the GIL released. Runs in one process are serialized\n"
    "(ns-3's simulator is global); the same scenario and seed give the same summary.\n\n"
    "scenario: a path (str or os.PathLike) to a YAML file, or a dict with the YAML's structure\n"
    "  (relative paths in a dict resolve against the current working directory).\n"
    "overrides: a list of 'key.path=value' strings (value in YAML syntax, like `cdnmesh run\n"
    "  --set`) or a dict {key.path: value}; list elements are addressed as isps[1].share.\n"
    "seed: an int that replaces run.seed (validated like any override).\n"
    "progress: print a progress line on stderr.\n"
    "force: run even when the cost estimate exceeds the default budget (see estimate()).\n\n"
    "Returns {'summary': dict (as summary.json: scenario_name, seed, code_version, window,\n"
    "metrics, breakdowns, scenario), 'timeseries_csv': str, 'peers_csv': str,\n"
    "'wall_seconds': float}. Undefined metrics are None. Ctrl-C stops the run and raises\n"
    "KeyboardInterrupt.\n"
    "Raises ConfigError for an invalid scenario (the message names the key path) or one\n"
    "over budget, and SimulationError when the run fails.";

constexpr const char* kValidateDoc =
    "Loads and validates a scenario (arguments as for run()) without running it. Returns the\n"
    "resolved scenario: every key with defaults filled in, units as in the YAML. Raises\n"
    "ConfigError naming the key path when the scenario is invalid.";

constexpr const char* kEstimateDoc =
    "The cost estimate of a scenario (arguments as for validate()): viewers, peak_viewers,\n"
    "viewer_seconds, events, memory_bytes, output_bytes, timeseries_rows, wall_seconds.";

constexpr const char* kParamsDoc =
    "Every scenario parameter in schema order, as dicts with the keys key (dotted path, list\n"
    "elements as isps[].share), type, default (as written in YAML), unit, range, description.";

constexpr const char* kMetricCatalogueDoc =
    "Every metric of summary.json and of its breakdowns, in summary order, as dicts: name,\n"
    "label, unit ('%', 's', 'bytes', 'bit/s', ...), kind, lo, hi (None if unbounded), percent\n"
    "(shown x100 in %), description, scopes (['summary'], ['group'] or both).";

constexpr const char* kDefaultScenarioDoc =
    "The resolved scenario an empty file gives: every default, one ISP 'isp', one PoP 'pop'.";

}  // namespace
}  // namespace cdnmesh

PYBIND11_MODULE(_cdnmesh, m) {
  using namespace cdnmesh;
  m.doc() = kModuleDoc;
  auto& config_error = py::register_exception<ConfigError>(m, "ConfigError", PyExc_ValueError);
  config_error.attr("__doc__") =
      "An invalid scenario or override (a ValueError); the message names the key path.";
  auto& simulation_error =
      py::register_exception<SimulationError>(m, "SimulationError", PyExc_RuntimeError);
  simulation_error.attr("__doc__") =
      "A run that failed after its scenario was accepted (a RuntimeError).";

  m.def("run", &Run, kRunDoc, py::arg("scenario"), py::arg("overrides") = py::none(),
        py::arg("seed") = py::none(), py::arg("progress") = false, py::arg("force") = false);
  m.def("validate", &Validate, kValidateDoc, py::arg("scenario"), py::arg("overrides") = py::none(),
        py::arg("seed") = py::none(), py::arg("force") = false);
  m.def("estimate", &Estimate, kEstimateDoc, py::arg("scenario"),
        py::arg("overrides") = py::none(), py::arg("seed") = py::none());
  m.def("params", &Params, kParamsDoc);
  m.def("default_scenario", &DefaultScenarioDict, kDefaultScenarioDoc);
  m.def("metric_catalogue", &MetricCatalogueList, kMetricCatalogueDoc);
  m.attr("version") = CodeVersion();
  m.attr("__version__") = CodeVersion();
}
