#include "sim/config/arrival-csv.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace cdnmesh {
namespace {

std::string Trim(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t\r");
  const auto end = s.find_last_not_of(" \t\r");
  return begin == std::string::npos ? "" : s.substr(begin, end - begin + 1);
}

bool ParseCell(const std::string& cell, double* out) {
  const std::string text = Trim(cell);
  char* end = nullptr;
  *out = std::strtod(text.c_str(), &end);
  return !text.empty() && end != nullptr && *end == '\0' && std::isfinite(*out);
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
  if (time_s < 0) return "time_s: " + Trim(line.substr(0, comma)) + " must be >= 0";
  if (rate < 0) return "rate_per_s: " + Trim(line.substr(comma + 1)) + " must be >= 0";
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
    const std::string trimmed = Trim(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    const std::string where = name + ":" + std::to_string(line_no) + ": ";
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
  std::ifstream file(path, std::ios::binary);
  if (!file) return Error{path + ": cannot open the file"};
  std::ostringstream text;
  text << file.rdbuf();
  return ParseArrivalCurve(text.str(), path);
}

}  // namespace cdnmesh
