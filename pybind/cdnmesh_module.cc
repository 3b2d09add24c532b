// _cdnmesh: the thin Python module over the simulator (DESIGN.md, Python). Scenarios come in as a
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

#include "sim/config/scenario-loader.h"
#include "sim/config/schema.h"
#include "sim/output/csv-writers.h"
#include "sim/output/summary-json.h"
#include "sim/world/world.h"

namespace py = pybind11;

namespace cdnmesh {
namespace {

/// A configuration error; raised in Python as _cdnmesh.ConfigError (a ValueError).
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A run that failed after its configuration was accepted; _cdnmesh.SimulationError.
class SimulationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// ---------------------------------------------------------------- Python objects -> YAML

std::string TypeName(const py::handle& obj) { return Py_TYPE(obj.ptr())->tp_name; }

bool IsInstanceOf(const py::handle& obj, const char* module, const char* name) {
  return py::isinstance(obj, py::module_::import(module).attr(name));
}

bool IsMapping(const py::handle& obj) {
  return PyDict_Check(obj.ptr()) || IsInstanceOf(obj, "collections.abc", "Mapping");
}

bool IsSequence(const py::handle& obj) {
  return PyList_Check(obj.ptr()) || PyTuple_Check(obj.ptr());
}

// The YAML scalar text of a bool, int or float (numpy scalars included via numbers.*), or
// nullopt for other types. nan and inf are rejected naming `path`.
std::optional<std::string> NumberText(const py::handle& obj, const std::string& path) {
  if (PyBool_Check(obj.ptr())) return obj.ptr() == Py_True ? "true" : "false";  // before int
  if (PyLong_Check(obj.ptr()) || IsInstanceOf(obj, "numbers", "Integral")) {
    return py::str(py::int_(py::reinterpret_borrow<py::object>(obj))).cast<std::string>();
  }
  if (PyFloat_Check(obj.ptr()) || IsInstanceOf(obj, "numbers", "Real")) {
    const py::float_ value(py::reinterpret_borrow<py::object>(obj));
    const std::string text = py::repr(value).cast<std::string>();  // shortest round-trip text
    if (!std::isfinite(value.cast<double>())) {
      throw ConfigError(path + ": " + text + " is not allowed (expected a finite number)");
    }
    return text;
  }
  return std::nullopt;
}

YAML::Node ToYaml(const py::handle& obj, const std::string& path);

YAML::Node MappingToYaml(const py::handle& obj, const std::string& path) {
  YAML::Node map(YAML::NodeType::Map);
  for (const py::handle item : py::reinterpret_borrow<py::object>(obj).attr("items")()) {
    const py::tuple pair = py::reinterpret_borrow<py::tuple>(item);
    if (!py::isinstance<py::str>(pair[0])) {
      throw ConfigError(path + ": keys must be str, got " + py::repr(pair[0]).cast<std::string>() +
                        " (" + TypeName(pair[0]) + ")");
    }
    const std::string key = pair[0].cast<std::string>();
    map[key] = ToYaml(pair[1], path + "." + key);
  }
  return map;
}

// `obj` as a YAML node; strings are tagged "!" so the loader never reads them as numbers/bools.
YAML::Node ToYaml(const py::handle& obj, const std::string& path) {
  if (obj.is_none()) return YAML::Node(YAML::NodeType::Null);
  if (py::isinstance<py::str>(obj)) {
    YAML::Node text(obj.cast<std::string>());
    text.SetTag("!");
    return text;
  }
  if (std::optional<std::string> number = NumberText(obj, path)) return YAML::Node(*number);
  if (IsMapping(obj)) return MappingToYaml(obj, path);
  if (IsSequence(obj)) {
    YAML::Node list(YAML::NodeType::Sequence);
    std::size_t index = 0;
    for (const py::handle item : obj) {
      list.push_back(ToYaml(item, path + "[" + std::to_string(index++) + "]"));
    }
    return list;
  }
  throw ConfigError(path + ": unsupported type " + TypeName(obj));
}

// ---------------------------------------------------------------- overrides and loading

// `obj` as flow YAML: strings double-quoted (so they stay strings), numbers formatted as above.
std::string FlowText(const py::handle& obj, const std::string& path) {
  if (py::isinstance<py::str>(obj)) {
    return py::module_::import("json").attr("dumps")(obj).cast<std::string>();
  }
  if (obj.is_none()) return "null";
  if (std::optional<std::string> number = NumberText(obj, path)) return *number;
  std::string text;
  if (IsMapping(obj)) {
    for (const py::handle item : py::reinterpret_borrow<py::object>(obj).attr("items")()) {
      const py::tuple pair = py::reinterpret_borrow<py::tuple>(item);
      if (!py::isinstance<py::str>(pair[0])) {
        throw ConfigError(path + ": keys must be str, got " +
                          py::repr(pair[0]).cast<std::string>());
      }
      const std::string key = pair[0].cast<std::string>();
      text += (text.empty() ? "" : ", ") + FlowText(pair[0], path) + ": " +
              FlowText(pair[1], path + "." + key);
    }
    return "{" + text + "}";
  }
  if (IsSequence(obj)) {
    std::size_t index = 0;
    for (const py::handle item : obj) {
      text +=
          (text.empty() ? "" : ", ") + FlowText(item, path + "[" + std::to_string(index++) + "]");
    }
    return "[" + text + "]";
  }
  throw ConfigError(path + ": unsupported type " + TypeName(obj));
}

// An override value as YAML text: a str as written (YAML syntax, like `--set`), anything else
// formatted by FlowText.
std::string OverrideValueText(const py::handle& value, const std::string& key) {
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  return FlowText(value, key);
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
    const YAML::Node root = ToYaml(scenario, "scenario");
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

// RunScenario with the GIL released; C++ exceptions become SimulationError.
RunResult RunReleased(const ScenarioConfig& config, bool progress) {
  std::optional<Result<RunResult>> result;
  std::string failure;
  {
    py::gil_scoped_release release;
    const std::lock_guard<std::mutex> lock(RunMutex());
    try {
      result.emplace(RunScenario(config, RunOptions{progress}));
    } catch (const std::exception& e) {
      failure = e.what();
    } catch (...) {
      failure = "unknown C++ exception";
    }
  }
  if (!result) throw SimulationError(config.name + ": the simulation failed: " + failure);
  if (!result->ok()) throw SimulationError(result->error().message);
  return std::move(*result).value();
}

py::dict Run(const py::object& scenario, const py::object& overrides, const py::object& seed,
             bool progress) {
  const ScenarioConfig config = LoadConfig(scenario, overrides, seed);
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
                    const py::object& seed) {
  return JsonToPy(ScenarioToJson(LoadConfig(scenario, overrides, seed)));
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
    "progress: print a progress line on stderr.\n\n"
    "Returns {'summary': dict (as summary.json: scenario_name, seed, code_version, metrics,\n"
    "scenario), 'timeseries_csv': str, 'peers_csv': str, 'wall_seconds': float}.\n"
    "Raises ConfigError for an invalid scenario (the message names the key path) and\n"
    "SimulationError when the run fails.";

constexpr const char* kValidateDoc =
    "Loads and validates a scenario (arguments as for run()) without running it. Returns the\n"
    "resolved scenario: every key with defaults filled in, units as in the YAML. Raises\n"
    "ConfigError naming the key path when the scenario is invalid.";

constexpr const char* kParamsDoc =
    "Every scenario parameter in schema order, as dicts with the keys key (dotted path, list\n"
    "elements as isps[].share), type, default (as written in YAML), unit, range, description.";

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
        py::arg("seed") = py::none(), py::arg("progress") = false);
  m.def("validate", &Validate, kValidateDoc, py::arg("scenario"), py::arg("overrides") = py::none(),
        py::arg("seed") = py::none());
  m.def("params", &Params, kParamsDoc);
  m.def("default_scenario", &DefaultScenarioDict, kDefaultScenarioDoc);
  m.attr("version") = CodeVersion();
  m.attr("__version__") = CodeVersion();
}
