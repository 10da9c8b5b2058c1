#include "modules/oversight/http/intake_view.h"

#include "http/handlers.h"

namespace thads::oversight {

nlohmann::json intake_view(Store& store, const StreamView& v) {
  auto in = intake_of(store, v);
  if (!in) return nullptr;
  nlohmann::json seconds = nlohmann::json::array();
  for (const std::string& id : in->second_level)
    seconds.push_back({{"id", id}, {"href", "/oversight/" + http::url_encode(id)}});
  nlohmann::json out{{"resolver", in->resolver_label},
                     {"resolver_article", in->resolver.article},
                     {"is_complaint", v.kind == StreamKind::complaint},
                     {"first", in->first},
                     {"first_href", in->first.empty() ? "" : "/oversight/" + http::url_encode(in->first)},
                     {"second_level", seconds},
                     {"has_second_level", !seconds.empty()}};
  if (in->lodge) {
    const bool within = in->lodge->state == Deadline::State::met;
    out["lodge"] = {{"within", within},
                    {"due", in->lodge->due.vn()},
                    {"days_late", in->lodge->days_late},
                    {"article", in->lodge->article}};
  }
  return out;
}

}  // namespace thads::oversight
