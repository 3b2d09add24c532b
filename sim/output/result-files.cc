#include "sim/output/result-files.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include "sim/output/csv-writers.h"
#include "sim/output/summary-json.h"

namespace cdnmesh {
namespace {

namespace fs = std::filesystem;

std::string Reason(int error_number) {
  return error_number != 0 ? std::strerror(error_number) : "write failed";
}

void RemoveAll(const std::vector<std::pair<std::string, std::string>>& written) {
  for (const auto& file : written) std::remove(file.first.c_str());
}

}  // namespace

Result<std::string> WriteTemporaryFile(const std::string& path,
                                       const std::function<void(std::ostream&)>& write) {
  // The pid keeps two runs writing into one directory from sharing a temporary file.
  const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
  errno = 0;
  std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
  if (!out) return Error{"cannot write " + path + ": " + Reason(errno)};
  write(out);
  out.flush();  // errors of buffered writes (a full disk) show only at the flush or the close
  const int write_error = errno;
  const bool written = static_cast<bool>(out);
  out.close();
  if (!written || !out) {
    std::remove(temporary.c_str());
    return Error{"cannot write " + path + ": " + Reason(write_error != 0 ? write_error : errno)};
  }
  return temporary;
}

Status WriteResultFiles(const std::string& dir, const ScenarioConfig& config,
                        const RunResult& result) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error || !fs::is_directory(dir)) {
    return Error{"cannot create the output directory " + dir + ": " +
                 (error ? error.message() : "a file of that name exists")};
  }
  const std::vector<std::pair<std::string, std::function<void(std::ostream&)>>> files = {
      {dir + "/summary.json",
       [&](std::ostream& out) { out << SummaryDocument(config, result).dump(2) << "\n"; }},
      {dir + "/timeseries.csv", [&](std::ostream& out) { WriteTimeseriesCsv(result, out); }},
      {dir + "/peers.csv", [&](std::ostream& out) { WritePeersCsv(result, out); }},
  };
  std::vector<std::pair<std::string, std::string>> written;  // (temporary, final)
  for (const auto& file : files) {
    Result<std::string> temporary = WriteTemporaryFile(file.first, file.second);
    if (!temporary.ok()) {
      RemoveAll(written);
      return temporary.error();
    }
    written.emplace_back(temporary.value(), file.first);
  }
  for (std::size_t i = 0; i < written.size(); ++i) {
    fs::rename(written[i].first, written[i].second, error);
    if (error) {
      RemoveAll({written.begin() + static_cast<std::ptrdiff_t>(i), written.end()});
      return Error{"cannot write " + written[i].second + ": " + error.message()};
    }
  }
  return {};
}

}  // namespace cdnmesh
