#include "modules/accountability/app/acc_import.h"

#include <map>
#include <set>

#include "domain/interchange.h"
#include "modules/accountability/domain/deliveries.h"
#include "modules/accountability/domain/machine.h"
#include "modules/accountability/store/accountability_store.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads::accountability {
namespace {

class Import final : public ModuleImport {
 public:
  explicit Import(ImportContext& ctx) : ctx_(ctx) {
    refs_.agency_known = [this](const std::string& c) { return ctx_.agencies.known(c); };
    refs_.at_or_above = [this](const std::string& a, const std::string& up) {
      return a == up || ctx_.agencies.above(up, a);
    };
    refs_.case_known = [this](const std::string& c) { return ctx_.case_known(c); };
    refs_.officer_known = [this](const std::string& o) { return officer_known(ctx_.tx.db(), o); };
  }

  Outcome on(ModuleRecord& m, Refusal& why) override {
    if (auto* d = std::any_cast<Delivery>(&m.value)) return on_delivery(*d, why);
    return on_rec(std::any_cast<Rec&>(m.value), why);
  }

  void finish() override {
    for (const std::string& id : dirty_) project(ctx_.tx.db(), streams_.at(id));
  }

 private:
  Outcome on_delivery(Delivery& d, Refusal& why) {
    // One event is all the check reads: a delivery never loads the case's
    // whole stream (deliveries come after the events in an export).
    const std::optional<Event> named = ctx_.case_event(d.case_id, d.decision);
    if (auto r = check_delivery(d, named || ctx_.case_known(d.case_id), named ? &*named : nullptr)) {
      why = *r;
      return Outcome::refused;
    }
    const DeliveryDecision decided = decide_delivery(delivery_records(ctx_.tx.db(), d.case_id, d.decision), d);
    if (std::holds_alternative<DeliveryDuplicate>(decided)) return Outcome::duplicate;
    if (auto* r = std::get_if<Refusal>(&decided)) {
      why = *r;
      return Outcome::refused;
    }
    ctx_.tx.append("delivery", delivery_stream(d.case_id, d.decision), d.seq, ctx_.options.now_unix, ctx_.options.actor, d.raw);
    put_delivery(ctx_.tx.db(), d);
    return Outcome::added_reference;
  }

  Outcome on_rec(Rec& r, Refusal& why) {
    if (blocked_.count(r.id)) return Outcome::skipped;
    AccStream* s = stream(r.id);
    if ((s && s->exists() && s->recs().front().kind != r.kind) || ctx_.case_known(r.id) ||
        oversight::kind_of(ctx_.tx.db(), r.id)) {
      blocked_.insert(r.id);
      why = Refusal{"bad_field", "id " + r.id + " already names a case or another stream", ""};
      return Outcome::refused;
    }
    if (!s) s = &streams_[r.id];
    Decision d = s->decide(r, refs_);
    if (d.kind == Decision::duplicate) return Outcome::duplicate;
    if (d.kind == Decision::refuse) {
      why = d.refusal;
      blocked_.insert(r.id);
      return Outcome::refused;
    }
    ctx_.tx.append(std::string(to_string(r.kind)), r.id, r.seq, r.recorded_at, r.actor, r.raw);
    s->append(std::move(r));
    dirty_.insert(s->recs().front().id);
    return Outcome::added_event;
  }

  AccStream* stream(const std::string& id) {
    if (auto it = streams_.find(id); it != streams_.end()) return &it->second;
    if (looked_up_.count(id)) return nullptr;
    looked_up_.insert(id);
    auto kind = kind_of(ctx_.tx.db(), id);
    if (!kind) return nullptr;
    return &streams_.emplace(id, AccStream(load_recs(ctx_.tx.db(), *kind, id))).first->second;
  }

  ImportContext& ctx_;
  Refs refs_;
  std::map<std::string, AccStream> streams_;
  std::set<std::string> looked_up_, blocked_, dirty_;
};

}  // namespace

std::optional<Refusal> check_delivery(const Delivery& d, bool case_known, const Event* named) {
  if (!case_known) return Refusal{"unknown_case", "case " + d.case_id + " is not known", ""};
  if (!named) return Refusal{"bad_field", "case " + d.case_id + " has no event #" + std::to_string(d.decision), ""};
  const Event& e = *named;
  if (!is_decision(to_string(e.type)))
    return Refusal{"bad_field", "event #" + std::to_string(d.decision) + " of " + d.case_id + " is not a decision", ""};
  if (!d.voided && d.date < e.date)
    return Refusal{"bad_field", "a decision is sent on or after its date (" + e.date.iso() + ")", ""};
  return std::nullopt;
}

std::unique_ptr<ModuleImport> begin_import(ImportContext& ctx) { return std::make_unique<Import>(ctx); }

void rebuild(WriteTx& tx, const std::vector<JournalEntry>& entries) {
  std::map<std::string, std::vector<Rec>> streams;
  for (const JournalEntry& e : entries) {
    auto j = nlohmann::json::parse(e.body, nullptr, false);
    Parsed p = parse_accountability(e.kind, j, e.recorded_at, false);
    if (auto* d = std::get_if<Delivery>(&p)) put_delivery(tx.db(), *d);
    else if (auto* r = std::get_if<Rec>(&p)) streams[r->id].push_back(std::move(*r));
    else throw StoreError("journal entry " + std::to_string(e.pos) + " cannot be read back");
  }
  for (auto& [id, recs] : streams) {
    std::sort(recs.begin(), recs.end(), [](const Rec& a, const Rec& b) { return a.seq < b.seq; });
    project(tx.db(), AccStream(std::move(recs)));
  }
}

}  // namespace thads::accountability
