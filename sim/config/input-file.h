// Reading an input file (scenario, arrival curve) whole, refusing what is not a regular
// readable file of bounded size with a message naming the path.
#pragma once

#include <cstdint>
#include <string>

#include "core/common/result.h"

namespace cdnmesh {

/// The bytes of the regular file at `path`. Errors: missing, a directory or another non-regular
/// file (a FIFO or device could block or never end), unreadable, larger than `max_bytes`.
/// `what` names the file's role in messages ("scenario file").
Result<std::string> ReadInputFile(const std::string& path, const std::string& what,
                                  std::uintmax_t max_bytes);

}  // namespace cdnmesh
