#include "sim/config/arrival-csv.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "sim/config/input-file.h"
#include "sim/config/number-text.h"

namespace cdnmesh {
namespace {

constexpr std::uintmax_t kMaxCurveFileBytes = 64u << 20;
// A million arrivals per second is beyond any audience; larger rates only overflow counts.
constexpr double kMaxArrivalRatePerS = 1e6;

std::string Trim(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t\r");
  const auto end = s.find_last_not_of(" \t\r");
  return begin == std::string::npos ? "" : s.substr(begin, end - begin + 1);
}

// Locale-independent: "0.5" is a number whatever the host process's locale, "0,5" never.
bool ParseCell(const std::string& cell, double* out) {
  const std::optional<double> value = ParseDecimal(Trim(cell));
  if (value) *out = *value;
  return value.has_value();
}

// A message for the first control byte of `line` (NUL, ESC, DEL, ...; tabs and the CR of CRLF
// line ends are fine), or "".
std::string ControlByteProblem(const std::string& line) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto byte = static_cast<unsigned char>(line[i]);
    if ((byte < 0x20 && byte != '\t' && byte != '\r') || byte == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02x", byte);
      return "control byte " + std::string(hex) + " at column " + std::to_string(i + 1) +
             "; rows are printable text";
    }
  }
  return "";
}

// Parses one data row into `curve`; returns an error message or "".
std::string ParseRow(const std::string& line, ArrivalCurve& curve) {
  const std::size_t comma = line.find(',');
  double time_s = 0.0;
  double rate = 0.0;
  if (comma == std::string::npos || line.find(',', comma + 1) != std::string::npos) {
    return "expected two columns time_s,rate_per_s, got `" + line + "`";
  }
  if (!ParseCell(line.substr(0, comma), &time_s)) return "time_s: not a number in `" + line + "`";
  if (!ParseCell(line.substr(comma + 1), &rate))
    return "rate_per_s: not a number in `" + line + "`";
  if (time_s < 0 || time_s > kMaxScenarioDurationS) {
    return "time_s: " + Trim(line.substr(0, comma)) + " s is out of range; allowed: [0, 1e9] s";
  }
  if (rate < 0 || rate > kMaxArrivalRatePerS) {
    return "rate_per_s: " + Trim(line.substr(comma + 1)) +
           " viewers/s is out of range; allowed: [0, 1e6] viewers/s";
  }
  const TimeUs time_us = SecondsToUs(time_s);
  if (!curve.empty() && time_us < curve.back().first) {
    return "time_s: " + Trim(line.substr(0, comma)) +
           " is before the previous row (times must "
           "be non-decreasing)";
  }
  curve.emplace_back(time_us, rate);
  return "";
}

}  // namespace

Result<ArrivalCurve> ParseArrivalCurve(const std::string& text, const std::string& name) {
  std::istringstream in(text);
  std::string line;
  ArrivalCurve curve;
  bool header_seen = false;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    const std::string where = name + ":" + std::to_string(line_no) + ": ";
    const std::string control = ControlByteProblem(line);
    if (!control.empty()) return Error{where + control};
    const std::string trimmed = Trim(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    if (!header_seen) {
      std::string header;
      for (char c : trimmed) header += (c == ' ' || c == '\t') ? "" : std::string(1, c);
      if (header != "time_s,rate_per_s") {
        return Error{where + "expected the header `time_s,rate_per_s`, got `" + trimmed + "`"};
      }
      header_seen = true;
      continue;
    }
    const std::string problem = ParseRow(trimmed, curve);
    if (!problem.empty()) return Error{where + problem};
  }
  if (curve.empty()) return Error{name + ": no data rows (expected `time_s,rate_per_s` rows)"};
  return curve;
}

Result<ArrivalCurve> LoadArrivalCurve(const std::string& path) {
  Result<std::string> text = ReadInputFile(path, "arrival curve", kMaxCurveFileBytes);
  if (!text.ok()) return text.error();
  return ParseArrivalCurve(text.value(), path);
}

}  // namespace cdnmesh
