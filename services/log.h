// Structured logs: one JSON object per line on stderr, {"ts", "level", "event", ...fields}, so
// a log shipper can parse them without a grammar. Debug lines (per connection) are off by default.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace cdnmesh::services {

/// Severity of a log line, least severe first.
enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

/// Parses "debug", "info", "warn", "error"; false for anything else.
bool ParseLogLevel(std::string_view name, LogLevel* level);

/// Lines below this level are dropped (process-wide; set once at start-up).
void SetLogLevel(LogLevel level);

/// Writes {"ts": ISO-8601 UTC with ms, "level", "event", and every key of `fields`} to stderr.
void Log(LogLevel level, std::string_view event,
         const nlohmann::json& fields = nlohmann::json::object());

}  // namespace cdnmesh::services
