// The seqs a case's `voided` events cancel (huỷ bỏ / sửa sai, interchange.md
// "voided"): the one definition every fold, timeline, deadline list and case
// view filters its events by.
//
// Contract: pure. A `voided` event rejected by `keep` (when given) voids
// nothing, so a history "as known at" a moment leaves later corrections out.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <unordered_set>

#include "domain/event.h"

namespace thads {

using SeqSet = std::unordered_set<int64_t>;

inline SeqSet voided_seqs(std::span<const Event> stream, const std::function<bool(const Event&)>& keep = {}) {
  SeqSet out;
  for (const Event& e : stream)
    if (const auto* v = e.if_is<Voided>(); v && (!keep || keep(e))) out.insert(v->voids);
  return out;
}

}  // namespace thads
