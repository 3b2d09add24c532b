#include "sim/output/csv-row.h"

#include <cmath>

#include "sim/config/number-text.h"

namespace cdnmesh {

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

void CsvRow::Separator() {
  if (!first_) out_ << ',';
  first_ = false;
}

CsvRow& CsvRow::Text(std::string_view text) {
  Separator();
  out_ << CsvField(text);
  return *this;
}

CsvRow& CsvRow::Number(double value) {
  Separator();
  if (std::isfinite(value)) out_ << FormatShortest(value);
  return *this;
}

CsvRow& CsvRow::Integer(std::int64_t value) {
  Separator();
  out_ << value;
  return *this;
}

CsvRow& CsvRow::Empty() {
  Separator();
  return *this;
}

void CsvRow::End() { out_ << '\n'; }

}  // namespace cdnmesh
