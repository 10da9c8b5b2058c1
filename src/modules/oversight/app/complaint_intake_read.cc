#include "modules/oversight/app/complaint_intake_read.h"

#include "app/agency_directory.h"

namespace thads::oversight {

std::optional<Intake> intake_of(Store& store, const StreamView& v) {
  if (v.stream.acts().empty()) return std::nullopt;
  const Act& opening = v.stream.acts().front();
  const AgencyTree tree = load_agency_tree(store);
  auto r = resolver_of(tree, opening);
  if (!r) return std::nullopt;
  Intake in;
  in.resolver = *r;
  in.resolver_label = resolver_label_vi(tree, *r);
  if (v.kind == StreamKind::complaint) {
    in.lodge = lodge_deadline(v.deadlines);
    in.first = opening.text("first");
    in.second_level = second_level_complaints(store.db(), v.row.id);
    in.sending = decision_sending(v.stream.effective());
  }
  return in;
}

nlohmann::json intake_json(const Intake& in) {
  const char* kinds[] = {"agency_head", "minister", "none"};
  nlohmann::json lodge = nullptr;
  if (in.lodge)
    lodge = {{"due", in.lodge->due.iso()},
             {"status", std::string(to_string(in.lodge->state))},
             {"within", in.lodge->state == Deadline::State::met},
             {"days_late", in.lodge->days_late},
             {"article", in.lodge->article}};
  nlohmann::json sending = nullptr;
  if (in.sending)
    sending = {{"sent", in.sending->sent},
               {"missing", in.sending->missing},
               {"last_sent", in.sending->last_sent ? nlohmann::json(in.sending->last_sent->iso()) : nullptr},
               {"how", in.sending->how},
               {"article", "TT 13/2021/TT-BTP Điều 14"}};
  return {{"resolver",
           {{"kind", kinds[in.resolver.kind]},
            {"agency", in.resolver.agency},
            {"label", in.resolver_label},
            {"article", in.resolver.article}}},
          {"lodge", lodge},
          {"first", in.first},
          {"second_level", in.second_level},
          {"decision_sending", sending}};
}

}  // namespace thads::oversight
