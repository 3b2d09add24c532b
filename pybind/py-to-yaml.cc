#include "pybind/py-to-yaml.h"

#include <cmath>
#include <optional>
#include <vector>

namespace py = pybind11;

namespace cdnmesh {

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

namespace {

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

// Bounds of a scenario given as Python objects. Scenarios nest 5 levels deep and hold a few
// thousand values; the limits only stop runaway input (a dict nested 20 000 deep used to
// overflow the C++ stack and kill the interpreter) before it costs memory or stack.
constexpr std::size_t kMaxDepth = 64;
constexpr std::size_t kMaxValues = 1'000'000;

/// Walk state of one conversion: depth, values seen, containers on the current path (cycles).
struct Walk {
  std::size_t values = 0;
  std::vector<PyObject*> open;  ///< containers being converted, outermost first
};

// Enters container `obj` at `path`; raises ConfigError for a cycle or a limit. Pair with Leave.
void Enter(Walk& walk, const py::handle& obj, const std::string& path) {
  for (PyObject* open : walk.open) {
    if (open == obj.ptr())
      throw ConfigError(path + ": refers to itself (a cycle); allowed: a tree");
  }
  if (walk.open.size() >= kMaxDepth) {
    throw ConfigError(path + ": nested more than " + std::to_string(kMaxDepth) +
                      " levels deep; allowed: at most " + std::to_string(kMaxDepth));
  }
  walk.open.push_back(obj.ptr());
}

void Leave(Walk& walk) { walk.open.pop_back(); }

// Counts one value; raises ConfigError past kMaxValues.
void Count(Walk& walk, const std::string& path) {
  if (++walk.values > kMaxValues) {
    throw ConfigError(path + ": the scenario holds more than " + std::to_string(kMaxValues) +
                      " values; allowed: at most " + std::to_string(kMaxValues));
  }
}

YAML::Node ToYaml(const py::handle& obj, const std::string& path, Walk& walk);

YAML::Node MappingToYaml(const py::handle& obj, const std::string& path, Walk& walk) {
  YAML::Node map(YAML::NodeType::Map);
  for (const py::handle item : py::reinterpret_borrow<py::object>(obj).attr("items")()) {
    const py::tuple pair = py::reinterpret_borrow<py::tuple>(item);
    if (!py::isinstance<py::str>(pair[0])) {
      throw ConfigError(path + ": keys must be str, got " + py::repr(pair[0]).cast<std::string>() +
                        " (" + TypeName(pair[0]) + ")");
    }
    const std::string key = pair[0].cast<std::string>();
    map[key] = ToYaml(pair[1], path + "." + key, walk);
  }
  return map;
}

YAML::Node SequenceToYaml(const py::handle& obj, const std::string& path, Walk& walk) {
  YAML::Node list(YAML::NodeType::Sequence);
  std::size_t index = 0;
  for (const py::handle item : obj) {
    list.push_back(ToYaml(item, path + "[" + std::to_string(index++) + "]", walk));
  }
  return list;
}

// `obj` as a YAML node; strings are tagged "!" so the loader never reads them as numbers/bools.
YAML::Node ToYaml(const py::handle& obj, const std::string& path, Walk& walk) {
  Count(walk, path);
  if (obj.is_none()) return YAML::Node(YAML::NodeType::Null);
  if (py::isinstance<py::str>(obj)) {
    YAML::Node text(obj.cast<std::string>());
    text.SetTag("!");
    return text;
  }
  if (std::optional<std::string> number = NumberText(obj, path)) return YAML::Node(*number);
  const bool mapping = IsMapping(obj);
  if (!mapping && !IsSequence(obj)) throw ConfigError(path + ": unsupported type " + TypeName(obj));
  Enter(walk, obj, path);
  YAML::Node node = mapping ? MappingToYaml(obj, path, walk) : SequenceToYaml(obj, path, walk);
  Leave(walk);
  return node;
}

// `obj` as flow YAML: strings double-quoted (so they stay strings), numbers formatted as above.
std::string FlowText(const py::handle& obj, const std::string& path, Walk& walk);

std::string FlowItems(const py::handle& obj, const std::string& path, Walk& walk) {
  std::string text;
  if (IsMapping(obj)) {
    for (const py::handle item : py::reinterpret_borrow<py::object>(obj).attr("items")()) {
      const py::tuple pair = py::reinterpret_borrow<py::tuple>(item);
      if (!py::isinstance<py::str>(pair[0])) {
        throw ConfigError(path + ": keys must be str, got " +
                          py::repr(pair[0]).cast<std::string>());
      }
      const std::string key = pair[0].cast<std::string>();
      text += (text.empty() ? "" : ", ") + FlowText(pair[0], path, walk) + ": " +
              FlowText(pair[1], path + "." + key, walk);
    }
    return "{" + text + "}";
  }
  std::size_t index = 0;
  for (const py::handle item : obj) {
    text += (text.empty() ? "" : ", ") +
            FlowText(item, path + "[" + std::to_string(index++) + "]", walk);
  }
  return "[" + text + "]";
}

std::string FlowText(const py::handle& obj, const std::string& path, Walk& walk) {
  Count(walk, path);
  if (py::isinstance<py::str>(obj)) {
    return py::module_::import("json").attr("dumps")(obj).cast<std::string>();
  }
  if (obj.is_none()) return "null";
  if (std::optional<std::string> number = NumberText(obj, path)) return *number;
  if (!IsMapping(obj) && !IsSequence(obj)) {
    throw ConfigError(path + ": unsupported type " + TypeName(obj));
  }
  Enter(walk, obj, path);
  std::string text = FlowItems(obj, path, walk);
  Leave(walk);
  return text;
}

}  // namespace

YAML::Node PyToYaml(const py::handle& obj, const std::string& path) {
  Walk walk;
  return ToYaml(obj, path, walk);
}

std::string PyToFlowText(const py::handle& obj, const std::string& path) {
  Walk walk;
  return FlowText(obj, path, walk);
}

}  // namespace cdnmesh
