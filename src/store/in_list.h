// Statements over a list of values of any length: `... IN (?, ?, …)` run in
// chunks, so that no statement carries more parameters than both stores
// accept (SQLite's limit, PostgreSQL's protocol).
//
// Contract: runs `before + "(?, …)" + after` once per chunk of `values`
// (kChunk at most), with the chunk as its parameters, handing every row to
// f; nothing when `values` is empty. The rows of one chunk come before the
// next's; no order is stated within a chunk.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace thads {

inline constexpr size_t kInListChunk = 500;

void run_in_chunks(Db& db, const std::string& before, const std::vector<std::string>& values, const std::string& after,
                   const std::function<void(const Row&)>& f);

// The distinct non-empty text of every column of the rows run_in_chunks
// hands over, sorted, when there are exactly as many rows as `values`
// (distinct values of a key column: one row each); nullopt otherwise (a
// value that matched no row).
std::optional<std::vector<std::string>> distinct_cells_one_row_each(Db& db, const std::string& before,
                                                                    const std::vector<std::string>& values,
                                                                    const std::string& after = "");

}  // namespace thads
