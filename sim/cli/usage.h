// The `cdnmesh` usage texts: the whole command list and one text per command (for --help).
#pragma once

#include <string>

namespace cdnmesh {

inline constexpr const char* kUsage =
    "usage: cdnmesh <command> [options]      (cdnmesh <command> --help for one command)\n"
    "\n"
    "commands:\n"
    "  run FILE       run a scenario; print its summary; write summary.json, timeseries.csv\n"
    "                 and peers.csv\n"
    "  validate FILE  check a scenario without running it; print its cost estimate\n"
    "  cross-check FILE  run a scenario at network.fidelity flow and packet with the same\n"
    "                 seed; print metrics and per-segment download times side by side\n"
    "  fit-flow-model fit the flow model's queueing factors against the packet level\n"
    "  params         list every scenario parameter with its default, unit and description\n"
    "  metrics        list every result metric with its unit, range and definition\n"
    "  version        print the code version (also --version)\n";

inline constexpr const char* kRunUsage =
    "usage: cdnmesh run FILE [--set key.path=value]... [--seed N] [--out DIR] [--quiet]\n"
    "                   [--event-queue NAME] [BUDGET]\n"
    "\n"
    "Runs the scenario FILE (YAML) and prints its summary. Writes summary.json, timeseries.csv\n"
    "and peers.csv (docs/outputs.md) into DIR; without --out, into\n"
    "runs/<scenario name>-seed<N>-<8 hex digits of the resolved scenario>, so runs that differ\n"
    "in any setting never share a directory.\n"
    "\n"
    "  --set key.path=value  override a parameter (YAML value; lists as isps[1].share)\n"
    "  --seed N              the same as --set run.seed=N\n"
    "  --out DIR             output directory (created; files in it are replaced atomically)\n"
    "  --quiet               no progress line on stderr (on a terminal it is redrawn in\n"
    "                        place; otherwise a line every few seconds)\n"
    "  --event-queue NAME    ns-3 event scheduler: bucket (default), priority-queue, heap,\n"
    "                        map or calendar; results are identical, only speed differs\n"
    "BUDGET: a run whose estimate exceeds a limit is refused (exit 2) unless --force:\n"
    "  --max-memory-gb N (default 60 % of physical memory), --max-events N (default 5e9),\n"
    "  --max-output-gb N (default 4), --force\n"
    "\n"
    "Exit status: 0 done, 1 the run or writing its files failed, 2 bad usage or scenario.\n";

inline constexpr const char* kValidateUsage =
    "usage: cdnmesh validate FILE [--set key.path=value]... [BUDGET]\n"
    "\n"
    "Checks the scenario FILE and its overrides without running it and prints its cost\n"
    "estimate (viewers, events, memory, output, wall time). BUDGET flags as for `run`.\n"
    "Exit status: 0 valid, 2 invalid (every message names the key path).\n";

inline constexpr const char* kCrossCheckUsage =
    "usage: cdnmesh cross-check FILE [--set key.path=value]... [--seed N] [--out FILE.md]\n"
    "                           [--quiet] [BUDGET]\n"
    "\n"
    "Runs the scenario at network.fidelity flow and at packet with the same seed and prints,\n"
    "side by side with packet/flow ratios: offload, rebuffer ratio, mean bitrate, startup\n"
    "delay, CDN egress and per-segment download times (p5/p50/p95) for CDN and peer\n"
    "transfers (docs/network.md). --out appends the table to FILE.md. BUDGET as for `run`\n"
    "(checked against the packet-level estimate).\n";

inline constexpr const char* kFitFlowModelUsage =
    "usage: cdnmesh fit-flow-model [--out FILE.md]\n"
    "\n"
    "Times probe transfers across access links that long transfers fill, at flow fidelity\n"
    "(with transport.slow_start) and at packet fidelity with the default network.packet\n"
    "settings, and fits transport.queue_factor and transport.ack_queue_factor by non-negative\n"
    "least squares (docs/network.md). Prints the factors and every probe; --out writes them\n"
    "to FILE.md. Exit status: 0 done, 1 a probe did not finish or FILE.md cannot be written.\n";

inline constexpr const char* kParamsUsage =
    "usage: cdnmesh params\n"
    "\n"
    "Prints every scenario parameter: key path, default, unit, allowed range, description.\n";

inline constexpr const char* kMetricsUsage =
    "usage: cdnmesh metrics [--json | --markdown]\n"
    "\n"
    "Prints every metric of summary.json and of its per-ISP and per-device breakdowns with\n"
    "its label, unit, range and definition: as a table (default), as JSON (the catalogue the\n"
    "Python package uses) or as the Markdown of docs/metrics.md.\n";

/// The usage text of `command`, or nullptr when there is no such command.
inline const char* CommandUsage(const std::string& command) {
  if (command == "run") return kRunUsage;
  if (command == "validate") return kValidateUsage;
  if (command == "cross-check") return kCrossCheckUsage;
  if (command == "fit-flow-model") return kFitFlowModelUsage;
  if (command == "params") return kParamsUsage;
  if (command == "metrics") return kMetricsUsage;
  return nullptr;
}

}  // namespace cdnmesh
