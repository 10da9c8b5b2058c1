#include "modules/steering/app/steering_import.h"

#include <set>

#include "modules/oversight/store/oversight_store.h"
#include "modules/steering/app/attachments.h"
#include "modules/steering/store/steering_store.h"

namespace thads::steering {

BodyCodes::BodyCodes(Db& db, std::function<bool(const std::string&)> agency_known)
    : db_(db), agency_known_(std::move(agency_known)) {
  load();
}

void BodyCodes::load() {
  names_.clear();
  for (const oversight::BodyRecord& b : oversight::bodies(db_)) names_[b.code] = b.name;
}

bool BodyCodes::known(const std::string& code) {
  if (names_.count(code) || agency_known_(code)) return true;
  load();
  return names_.count(code) > 0;
}

std::string BodyCodes::name(const std::string& code) {
  auto it = names_.find(code);
  return it == names_.end() ? "" : it->second;
}

namespace {

class Import final : public ModuleImport {
 public:
  explicit Import(ImportContext& ctx)
      : ctx_(ctx), ledger_(load_ledger(ctx.tx.db())),
        bodies_(ctx.tx.db(), [this](const std::string& c) { return ctx_.agencies.known(c); }) {
    refs_.agency_known = [this](const std::string& c) { return ctx_.agencies.known(c); };
    refs_.case_known = [this](const std::string& c) { return ctx_.case_known(c); };
    refs_.body_known = [this](const std::string& c) { return bodies_.known(c); };
  }

  Outcome on(ModuleRecord& m, Refusal& why) override {
    if (m.kind == "attachment") return attachment(std::any_cast<AttachmentPart&>(m.value), why);
    Record& r = std::any_cast<Record&>(m.value);
    if (is_stream(r.kind) && blocked_.count(r.key)) return Outcome::skipped;
    Decision d = ledger_.decide(r, refs_);
    if (d.kind == Decision::duplicate) return Outcome::duplicate;
    if (d.kind == Decision::refuse) {
      why = d.refusal;
      if (is_stream(r.kind)) blocked_.insert(r.key);
      return Outcome::refused;
    }
    const bool stream = is_stream(r.kind);
    ctx_.tx.append(std::string(to_string(r.kind)), r.key, r.seq, stream ? r.recorded_at : ctx_.options.now_unix,
                   stream ? r.actor : ctx_.options.actor, r.raw);
    Record copy = r;
    ledger_.apply(std::move(r));
    project(ctx_.tx.db(), ledger_, copy);
    return stream ? Outcome::added_event : Outcome::added_reference;
  }

 private:
  // A part of an attached document: the next one of its document, or the
  // same line again (a re-import).
  Outcome attachment(const AttachmentPart& p, Refusal& why) {
    const std::vector<std::string> stored = stored_attachment_parts(ctx_.tx.db(), p.sha256);
    if (static_cast<int64_t>(stored.size()) >= p.part) {
      if (stored[static_cast<size_t>(p.part - 1)] == p.raw) return Outcome::duplicate;
      why = Refusal{"seq_conflict", "part " + std::to_string(p.part) + " of document " + p.sha256 +
                                        " is stored with other content", ""};
      return Outcome::refused;
    }
    if (auto r = check_part(p, stored)) {
      why = *r;
      return Outcome::refused;
    }
    ctx_.tx.append("attachment", p.sha256, p.part, ctx_.options.now_unix, ctx_.options.actor, p.raw);
    return Outcome::added_reference;
  }

  ImportContext& ctx_;
  Ledger ledger_;
  BodyCodes bodies_;
  Refs refs_;
  std::set<std::string> blocked_;
};

}  // namespace

std::unique_ptr<ModuleImport> begin_import(ImportContext& ctx) { return std::make_unique<Import>(ctx); }

}  // namespace thads::steering
