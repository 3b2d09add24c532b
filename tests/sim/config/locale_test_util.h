// A German locale (decimal comma) for tests, built with localedef into a temporary directory so
// no system locale has to be installed (scripts/setup.sh installs `locales` for the sources).
#pragma once

#include <gtest/gtest.h>

#include <clocale>
#include <cstdlib>
#include <string>

namespace cdnmesh {

/// Switches the C locale of the process to de_DE.UTF-8 for the scope; restores "C" after.
class GermanLocale {
 public:
  GermanLocale() {
    // ctest runs tests in parallel: each builds into a directory of its own and renames it into
    // place, so no test ever sees a half-written locale (rename is atomic; a loser discards its
    // copy).
    const std::string dir = ::testing::TempDir() + "cdnmesh-locale";
    const std::string locale = dir + "/de_DE.UTF-8";
    const std::string command = "mkdir -p " + dir + " && (test -d " + locale +
                                " || { own=$(mktemp -d " + dir + "/build.XXXXXX) && " +
                                "localedef -i de_DE -f UTF-8 $own/l && " +
                                "{ mv -T $own/l " + locale + " || test -d " + locale + "; }; " +
                                "status=$?; rm -rf $own; exit $status; }) >/dev/null 2>&1";
    if (std::system(command.c_str()) != 0) return;
    ::setenv("LOCPATH", dir.c_str(), 1);
    active_ = std::setlocale(LC_ALL, "de_DE.UTF-8") != nullptr;
  }
  ~GermanLocale() {
    std::setlocale(LC_ALL, "C");
    ::unsetenv("LOCPATH");
  }
  /// True when the locale is in effect (localedef and the de_DE sources were available).
  bool active() const { return active_; }

 private:
  bool active_ = false;
};

}  // namespace cdnmesh
