// One CSV row (RFC 4180): text fields quoted when they hold a comma, a quote or a line break;
// numbers in their shortest round-trip form, locale-free; non-finite numbers as empty fields.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace cdnmesh {

/// Builds a row field by field; `End()` writes it with a trailing newline.
class CsvRow {
 public:
  explicit CsvRow(std::ostream& out) : out_(out) {}
  CsvRow& Text(std::string_view text);
  CsvRow& Number(double value);
  CsvRow& Integer(std::int64_t value);
  CsvRow& Empty();
  void End();

 private:
  void Separator();
  std::ostream& out_;
  bool first_ = true;
};

/// `text` as one CSV field (quoted when needed).
std::string CsvField(std::string_view text);

}  // namespace cdnmesh
