#include "app/checkpoint_publication.h"

#include <algorithm>

#include "domain/json_limits.h"
#include "store/audit_keys.h"

namespace thads {

nlohmann::json checkpoint_json(const Checkpoint& c, const std::string& public_hex) {
  return nlohmann::json{{"store_id", c.store_id},     {"pos", c.pos},
                        {"hash", c.hash},             {"keyed_from", c.keyed_from},
                        {"signed_at", c.signed_at},   {"signature", c.signature},
                        {"public_key", public_hex}};
}

std::optional<Checkpoint> checkpoint_from_json(std::string_view text, std::string* public_hex, std::string* error) {
  BoundedJson j = parse_json_bounded(text);
  const auto& v = j.value;
  auto str = [&](const char* k) { return v->contains(k) && (*v)[k].is_string(); };
  auto num = [&](const char* k) { return v->contains(k) && (*v)[k].is_number_integer(); };
  if (!v || !v->is_object() || !str("store_id") || !num("pos") || !str("hash") || !num("keyed_from") ||
      !num("signed_at") || !str("signature")) {
    *error = "not a checkpoint (a JSON object with store_id, pos, hash, keyed_from, signed_at, signature)";
    return std::nullopt;
  }
  if (public_hex && str("public_key")) *public_hex = (*v)["public_key"].get<std::string>();
  return Checkpoint{(*v)["store_id"].get<std::string>(), (*v)["pos"].get<int64_t>(), (*v)["hash"].get<std::string>(),
                    (*v)["keyed_from"].get<int64_t>(),   (*v)["signed_at"].get<int64_t>(),
                    (*v)["signature"].get<std::string>()};
}

PublishedCheckpoints published_checkpoints(Store& store, int64_t limit, int64_t before) {
  limit = std::clamp<int64_t>(limit, 1, kCheckpointsPageMax);
  PublishedCheckpoints out;
  out.public_key = audit_keys().public_hex();
  out.store_id = store.store_id();
  Store::CheckpointPage page = store.checkpoints_newest(limit + 1, before);  // one more: is there an older page?
  out.total = page.total;
  if (static_cast<int64_t>(page.items.size()) > limit) {
    page.items.resize(static_cast<size_t>(limit));
    out.next_before = page.items.back().pos;
  }
  out.items = std::move(page.items);
  return out;
}

}  // namespace thads
