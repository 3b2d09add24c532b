#include "sim/cli/huge-pages.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace cdnmesh {

void ReexecWithHugePages(char** argv) {
  if (std::getenv("GLIBC_TUNABLES") != nullptr) return;
  const char* choice = std::getenv("CDNMESH_HUGE_PAGES");
  if (choice != nullptr && std::strcmp(choice, "0") == 0) return;
  if (setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 1) != 0) return;
  execv("/proc/self/exe", argv);
  unsetenv("GLIBC_TUNABLES");  // exec failed: run as we are
}

}  // namespace cdnmesh
