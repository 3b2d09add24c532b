// The `cdnmesh` subcommands. Each returns the process exit status: 0 success, 1 runtime or
// I/O failure, 2 bad usage or bad configuration.
#pragma once

#include <string>
#include <vector>

namespace cdnmesh {

/// Exit statuses of the CLI.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitConfigError = 2;

/// `cdnmesh run FILE [--set key=value]... [--seed N] [--out DIR] [--quiet]`.
int RunCommand(const std::vector<std::string>& args);
/// `cdnmesh validate FILE [--set key=value]...`.
int ValidateCommand(const std::vector<std::string>& args);
/// `cdnmesh cross-check FILE [--set key=value]... [--seed N] [--out FILE.md] [--quiet]`.
int CrossCheckCommand(const std::vector<std::string>& args);
/// `cdnmesh fit-flow-model [--out FILE.md]`.
int FitFlowModelCommand(const std::vector<std::string>& args);
/// `cdnmesh params`.
int ParamsCommand(const std::vector<std::string>& args);
/// `cdnmesh metrics [--json | --markdown]`.
int MetricsCommand(const std::vector<std::string>& args);

}  // namespace cdnmesh
