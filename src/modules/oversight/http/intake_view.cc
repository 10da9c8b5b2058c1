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
  if (in->sending) {
    auto labels = [](const std::vector<std::string>& rs) {
      std::string t;
      for (const std::string& r : rs) t += (t.empty() ? "" : "; ") + recipient_label_vi(r);
      return t;
    };
    std::string missing_codes;
    for (const std::string& r : in->sending->missing) missing_codes += (missing_codes.empty() ? "" : " ") + r;
    const char* how = in->sending->how == "hand"         ? "giao trực tiếp"
                      : in->sending->how == "post"       ? "qua đường bưu chính"
                      : in->sending->how == "electronic" ? "bằng phương tiện điện tử"
                                                         : "";
    out["sending"] = {{"has_sent", !in->sending->sent.empty()},
                      {"sent", labels(in->sending->sent)},
                      {"last_sent", in->sending->last_sent ? in->sending->last_sent->vn() : ""},
                      {"how", how},
                      {"has_how", *how != '\0'},
                      {"has_missing", !in->sending->missing.empty()},
                      {"missing", labels(in->sending->missing)},
                      {"missing_codes", missing_codes}};
  }
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
