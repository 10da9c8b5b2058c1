// Search of cases by the words of their parties, ID numbers and numbers,
// in SQL over the `case_terms` read model (the server's NameIndex answers
// the same from memory; app/name_index.h).
//
// Contract: a query word matches the prefix of an indexed (folded) term
// ("nguy" finds "nguyen"); every word must match. Read-only; valid on SQLite
// and PostgreSQL, with one plan per engine (on SQLite posting lists are
// merged in case-id order; on PostgreSQL one statement joins the terms).
// Both are held equal by the store conformance tests.
#pragma once

#include <string>
#include <vector>

#include "store/case_row.h"
#include "store/db.h"

namespace thads {

// The first `limit` cases of the agencies (empty: none) matching every word,
// in case-id order (on PostgreSQL: any `limit` of them, in case-id order).
std::vector<CaseRow> search_case_rows(Db& db, std::vector<std::string> words, const std::vector<std::string>& agencies,
                                      size_t limit);

// Up to `limit` cases on the public list (cases.public_unable) matching
// every word, in no stated order.
std::vector<CaseRow> public_candidates(Db& db, const std::vector<std::string>& words, size_t limit);

// A page of the public list, newest unable date first, then by case id.
std::vector<CaseRow> public_unable_rows(Db& db, size_t limit, size_t offset);

}  // namespace thads
