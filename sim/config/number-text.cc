#include "sim/config/number-text.h"

#include <charconv>
#include <cmath>
#include <system_error>

namespace cdnmesh {
namespace {

// from_chars rejects a leading '+', YAML and CSV allow it.
std::string_view WithoutPlus(std::string_view text) {
  if (text.size() > 1 && text[0] == '+' && text[1] != '-' && text[1] != '+') text.remove_prefix(1);
  return text;
}

std::string ToChars(double value, std::chars_format format, int precision) {
  char buffer[400];  // "%.17f" of 1e308 needs 326 characters
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, format, precision);
  if (result.ec != std::errc()) return std::isnan(value) ? "nan" : "inf";
  return std::string(buffer, result.ptr);
}

}  // namespace

std::optional<double> ParseDecimal(std::string_view text) {
  text = WithoutPlus(text);
  if (text.empty()) return std::nullopt;
  double value = 0.0;
  const auto result =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nullopt;
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<std::int64_t> ParseInteger(std::string_view text) {
  text = WithoutPlus(text);
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value, 10);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string FormatGeneral(double value, int significant) {
  return ToChars(value, std::chars_format::general, significant);
}

std::string FormatFixed(double value, int decimals) {
  if (!std::isfinite(value) || std::fabs(value) > 1e300) {
    return ToChars(value, std::chars_format::general, 17);
  }
  return ToChars(value, std::chars_format::fixed, decimals);
}

std::string FormatShortest(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (result.ec != std::errc()) return "nan";
  return std::string(buffer, result.ptr);
}

}  // namespace cdnmesh
