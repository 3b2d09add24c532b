// "Did you mean" suggestions for misspelled keys and enum values.
#pragma once

#include <string>
#include <vector>

namespace cdnmesh {

/// Levenshtein distance between two strings (insertions, deletions, substitutions).
int EditDistance(const std::string& a, const std::string& b);

/// The candidate closest to `word` if it is close enough to be a likely typo, else "".
std::string ClosestMatch(const std::string& word, const std::vector<std::string>& candidates);

/// "did you mean `x`?" when a close candidate exists, else "allowed: a, b, c".
std::string SuggestionText(const std::string& word, const std::vector<std::string>& candidates);

/// Joins `items` with ", ".
std::string JoinNames(const std::vector<std::string>& items);

}  // namespace cdnmesh
