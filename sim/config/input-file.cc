#include "sim/config/input-file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace cdnmesh {

Result<std::string> ReadInputFile(const std::string& path, const std::string& what,
                                  std::uintmax_t max_bytes) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::file_status status = fs::status(path, error);  // follows symbolic links
  if (error || !fs::exists(status))
    return Error{path + ": cannot open the " + what + ": no such file"};
  if (fs::is_directory(status)) {
    return Error{path + ": is a directory, not a " + what};
  }
  if (!fs::is_regular_file(status)) return Error{path + ": is not a regular file (" + what + ")"};
  const std::uintmax_t size = fs::file_size(path, error);
  if (!error && size > max_bytes) {
    return Error{path + ": the " + what + " is " + std::to_string(size) +
                 " bytes; allowed: at most " + std::to_string(max_bytes) + " bytes"};
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return Error{path + ": cannot open the " + what + " (permission denied?)"};
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) return Error{path + ": cannot read the " + what};
  return text.str();
}

}  // namespace cdnmesh
