// Transparent huge pages for the heap of a long run. A large run's state (viewers, flows,
// pending events) is gigabytes touched at random; with 4 KiB pages nearly every access also
// misses the TLB. glibc's malloc asks the kernel for huge pages (madvise) when the tunable
// glibc.malloc.hugetlb=1 is set, which glibc reads only at start-up, so the CLI sets it and
// re-executes itself once. Results do not change; README "Scale benchmark" has the speed-up.
#pragma once

namespace cdnmesh {

/// Unless GLIBC_TUNABLES is already set (the user's choice, or this re-execution) or
/// CDNMESH_HUGE_PAGES=0: sets GLIBC_TUNABLES=glibc.malloc.hugetlb=1 and re-executes
/// /proc/self/exe with `argv`. Returns (and the process goes on unchanged) if that fails.
void ReexecWithHugePages(char** argv);

}  // namespace cdnmesh
