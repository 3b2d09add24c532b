// Python objects -> YAML for the _cdnmesh module: a scenario dict becomes a YAML::Node, an
// override value flow-YAML text. Input is bounded: nesting depth, number of values, and cycles
// (a dict that contains itself) raise ConfigError naming the key path instead of exhausting
// the C++ stack.
#pragma once

#include <pybind11/pybind11.h>
#include <yaml-cpp/yaml.h>

#include <stdexcept>
#include <string>

namespace cdnmesh {

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

/// The Python type name of `obj` ("dict", "numpy.float64").
std::string TypeName(const pybind11::handle& obj);
/// A dict or any collections.abc.Mapping.
bool IsMapping(const pybind11::handle& obj);
/// A list or a tuple.
bool IsSequence(const pybind11::handle& obj);
/// isinstance(obj, module.name).
bool IsInstanceOf(const pybind11::handle& obj, const char* module, const char* name);

/// `obj` (a scenario dict) as a YAML node; strings are tagged "!" (never read as numbers).
YAML::Node PyToYaml(const pybind11::handle& obj, const std::string& path);

/// `obj` as flow YAML: strings double-quoted (so they stay strings), numbers as Python prints
/// them (shortest round trip), dicts and lists as {..} and [..].
std::string PyToFlowText(const pybind11::handle& obj, const std::string& path);

}  // namespace cdnmesh
