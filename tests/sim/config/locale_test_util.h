// A German locale (decimal comma) for tests, built with localedef into a temporary directory so
// no system locale has to be installed (scripts/setup.sh installs `locales` for the sources).
#pragma once

#include <gtest/gtest.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace cdnmesh {

/// Switches the C locale of the process to de_DE.UTF-8 for the scope; restores "C" after.
class GermanLocale {
 public:
  GermanLocale() {
    // A directory of this fixture's own: ctest runs tests in parallel, and a locale shared
    // between them could be read while another test is still writing it.
    std::string dir = ::testing::TempDir() + "cdnmesh-locale.XXXXXX";
    if (::mkdtemp(dir.data()) == nullptr) return;  // fills in the X's
    dir_ = dir;
    const std::string command =
        "localedef -i de_DE -f UTF-8 " + dir_ + "/de_DE.UTF-8 >/dev/null 2>&1";
    if (std::system(command.c_str()) != 0) return;
    ::setenv("LOCPATH", dir_.c_str(), 1);
    active_ = std::setlocale(LC_ALL, "de_DE.UTF-8") != nullptr;
  }
  ~GermanLocale() {
    std::setlocale(LC_ALL, "C");
    ::unsetenv("LOCPATH");
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
  }
  /// True when the locale is in effect (localedef and the de_DE sources were available).
  bool active() const { return active_; }

 private:
  std::string dir_;
  bool active_ = false;
};

}  // namespace cdnmesh
