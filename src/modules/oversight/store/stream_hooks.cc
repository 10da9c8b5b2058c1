#include "modules/oversight/store/stream_hooks.h"

#include <vector>

namespace thads::oversight {
namespace {

std::vector<StreamProjection>& projections() {
  static std::vector<StreamProjection> v;
  return v;
}

}  // namespace

void register_stream_projection(StreamProjection p) { projections().push_back(std::move(p)); }

void run_stream_projections(Db& db, const Stream& s) {
  for (const StreamProjection& p : projections()) p(db, s);
}

}  // namespace thads::oversight
