// Locale-independent number text: parsing and printf-style formatting that ignore the process's
// C locale (a Python program may call setlocale(LC_ALL, "de_DE"), which changes the decimal point
// of strtod and snprintf for the whole process, the simulator included).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cdnmesh {

/// The whole of `text` as a finite decimal number ("0.25", "1e9", "-3"), else nullopt.
/// A leading '+' is accepted; hex, "inf", "nan", spaces and trailing characters are not.
std::optional<double> ParseDecimal(std::string_view text);

/// The whole of `text` as a base-10 int64 ("-12", "+7"), else nullopt (also on overflow).
std::optional<std::int64_t> ParseInteger(std::string_view text);

/// `value` as printf's "%.<significant>g" would print it in the C locale.
std::string FormatGeneral(double value, int significant);

/// `value` as printf's "%.<decimals>f" would print it in the C locale.
std::string FormatFixed(double value, int decimals);

/// The shortest text that parses back to exactly `value` (std::to_chars' round-trip form).
std::string FormatShortest(double value);

}  // namespace cdnmesh
