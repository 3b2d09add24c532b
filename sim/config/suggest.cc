#include "sim/config/suggest.h"

#include <algorithm>
#include <cctype>

namespace cdnmesh {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

int EditDistance(const std::string& a, const std::string& b) {
  std::vector<int> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const int above = row[j];
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string ClosestMatch(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string lowered = Lower(word);
  std::string best;
  int best_distance = 0;
  for (const std::string& candidate : candidates) {
    int d = EditDistance(lowered, Lower(candidate));
    // A truncated name ("flash" for "flash_crowd") counts as a near miss.
    if (lowered.size() >= 3 && Lower(candidate).rfind(lowered, 0) == 0) d = std::min(d, 1);
    if (best.empty() || d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  }
  // A typo changes at most about a third of a word (and at least 2 edits are tolerated).
  const int limit = std::max(2, static_cast<int>(word.size()) / 3);
  return best_distance <= limit ? best : std::string();
}

std::string SuggestionText(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string closest = ClosestMatch(word, candidates);
  if (!closest.empty()) return "did you mean `" + closest + "`?";
  return "allowed: " + JoinNames(candidates);
}

std::string JoinNames(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

}  // namespace cdnmesh
