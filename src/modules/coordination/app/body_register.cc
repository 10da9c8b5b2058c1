#include "modules/coordination/app/body_register.h"

#include <unordered_map>

#include "app/access.h"
#include "app/agency_directory.h"
#include "domain/interchange.h"
#include "modules/coordination/store/coordination_store.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads::coordination {
namespace {

Refusal not_found(const std::string& code) { return Refusal{"not_found", "no such body in your area: " + code, ""}; }
Refusal forbidden() { return Refusal{"forbidden", "only an administrator manages the register of bodies", ""}; }

bool at_root(const AgencyTree& tree, const std::string& agency) {
  auto i = tree.find(agency);
  return i && tree.at(*i).parent.empty();
}

// Is the body's area (its agency, or none) within the user's?
bool in_area(const AgencyTree& tree, const User& user, const std::string& body_agency) {
  if (body_agency.empty()) return at_root(tree, user.agency);
  return Access(tree).in_subtree(Actor::of(user), body_agency);
}

// A body serves its area: the agencies below its agency read it (a regional
// office asks the province's land registry), as do those above (the
// province reads the bodies of its regions).
bool readable(const AgencyTree& tree, const User& user, const std::string& body_agency) {
  if (body_agency.empty() || Access(tree).in_subtree(Actor::of(user), body_agency)) return true;
  const auto b = tree.find(body_agency), u = tree.find(user.agency);
  return b && u && tree.within(*u, *b);
}

// The agency of a new or changed body: known (unknown_agency) and in the area (forbidden).
std::optional<Refusal> check_agency(const AgencyTree& tree, const User& user, const std::string& agency) {
  if (agency.empty()) return at_root(tree, user.agency) ? std::nullopt : std::optional<Refusal>(forbidden());
  if (!tree.find(agency)) return Refusal{"unknown_agency", "agency " + agency + " is not known", ""};
  if (!Access(tree).in_subtree(Actor::of(user), agency))
    return Refusal{"forbidden", "agency " + agency + " is outside your area", ""};
  return std::nullopt;
}

class Import final : public ModuleImport {
 public:
  explicit Import(ImportContext& ctx) : ctx_(ctx) {}

  Outcome on(ModuleRecord& m, Refusal& why) override {
    BodyChange& c = std::any_cast<BodyChange&>(m.value);
    auto e = entry(c.code);
    if (!e) return refuse(why, "unknown_body", "body " + c.code + " is not known");
    if (c.agency && !ctx_.agencies.known(*c.agency))
      return refuse(why, "unknown_agency", "agency " + *c.agency + " is not known");
    if (c.seq <= e->changes) {
      auto stored = body_change_raw(ctx_.tx.db(), c.code, c.seq);
      if (stored && same_record(*stored, c.raw)) return Outcome::duplicate;
      return refuse(why, "seq_conflict", "change " + std::to_string(c.seq) + " of body " + c.code + " differs");
    }
    if (c.seq != e->changes + 1)
      return refuse(why, "seq_gap", "body " + c.code + " has " + std::to_string(e->changes) + " changes");
    ctx_.tx.append("body_change", c.code, c.seq, c.recorded_at, c.actor.empty() ? ctx_.options.actor : c.actor, c.raw);
    *e = apply(*e, c);
    put_body_status(ctx_.tx.db(), apply(body_overlay(ctx_.tx.db(), c.code).value_or(BodyOverlay{}), c));
    return Outcome::added_reference;
  }

 private:
  Outcome refuse(Refusal& why, std::string code, std::string message) {
    why = Refusal{std::move(code), std::move(message), ""};
    return Outcome::refused;
  }
  BodyEntry* entry(const std::string& code) {
    if (auto it = entries_.find(code); it != entries_.end()) return &it->second;
    auto e = body_entry(ctx_.tx.db(), code);  // bodies of this file are already in the transaction
    if (!e) return nullptr;
    return &entries_.emplace(code, std::move(*e)).first->second;
  }

  ImportContext& ctx_;
  std::unordered_map<std::string, BodyEntry> entries_;
};

}  // namespace

bool manages_bodies(const User& user) { return user.role == Role::admin; }

std::variant<std::vector<BodyEntry>, Refusal> list_bodies(Store& store, const User& user, const BodyQuery& q) {
  if (user.role == Role::steering) return Refusal{"forbidden", "the register of bodies is not for steering users", ""};
  return list_bodies(load_agency_tree(store), *read_body_register(store), user, q);
}

std::variant<std::vector<BodyEntry>, Refusal> list_bodies(const AgencyTree& tree, const BodyRegister& bodies,
                                                          const User& user, const BodyQuery& q) {
  if (user.role == Role::steering) return Refusal{"forbidden", "the register of bodies is not for steering users", ""};
  const Access access(tree);
  if (!q.agency.empty() && !access.in_subtree(Actor::of(user), q.agency))
    return Refusal{"not_found", "agency " + q.agency + " is outside your area", ""};
  std::vector<BodyEntry> out;
  for (const BodyEntry& e : bodies.entries) {
    if (!readable(tree, user, e.body.agency)) continue;
    if (!q.agency.empty()) {
      auto a = tree.find(e.body.agency), s = tree.find(q.agency);
      if (!a || !s || !tree.within(*a, *s)) continue;
    }
    if (!q.type.empty() && e.body.type != q.type) continue;
    if (q.active_only && !e.active) continue;
    out.push_back(e);
  }
  return out;
}

std::variant<BodyEntry, Refusal> read_body(Store& store, const User& user, const std::string& code) {
  if (user.role == Role::steering) return forbidden();
  auto e = body_entry(store.db(), code);
  if (!e || !readable(load_agency_tree(store), user, e->body.agency)) return not_found(code);
  return *e;
}

std::variant<BodyEntry, Refusal> add_body(Store& store, const User& user, const nlohmann::json& fields,
                                          int64_t now_unix) {
  if (!manages_bodies(user)) return forbidden();
  if (!fields.is_object()) return Refusal{"bad_field", "a body is a JSON object", ""};
  nlohmann::json rec = fields;
  rec["kind"] = "body";
  if (rec.contains("agency") && rec["agency"] == "") rec.erase("agency");
  auto parsed = oversight::parse_oversight("body", rec, now_unix, true);
  if (auto* r = std::get_if<Refusal>(&parsed)) return *r;
  const oversight::BodyRecord b = std::get<oversight::BodyRecord>(parsed);
  WriteTx tx(store);
  const AgencyTree tree = load_agency_tree(store);
  if (auto r = check_agency(tree, user, b.agency)) return *r;
  if (body_entry(tx.db(), b.code))
    return Refusal{"seq_conflict", "a body with code " + b.code + " is already registered", ""};
  tx.append("body", b.code, 1, now_unix, user.login, b.raw);
  oversight::put_body(tx.db(), b);
  tx.commit();
  return BodyEntry{b, true, 0};
}

std::variant<BodyEntry, Refusal> change_body(Store& store, const User& user, const std::string& code,
                                             const nlohmann::json& fields, std::optional<int64_t> expected_changes,
                                             int64_t now_unix) {
  if (!manages_bodies(user)) return forbidden();
  if (!fields.is_object()) return Refusal{"bad_field", "a change is a JSON object", ""};
  WriteTx tx(store);
  const AgencyTree tree = load_agency_tree(store);
  auto e = body_entry(tx.db(), code);
  if (!e || !in_area(tree, user, e->body.agency)) return not_found(code);
  if (expected_changes && *expected_changes != e->changes)
    return Refusal{"version_conflict", "body " + code + " has " + std::to_string(e->changes) + " changes, not " +
                                           std::to_string(*expected_changes), ""};
  nlohmann::json rec = nlohmann::json::object();
  for (const char* k : {"name", "agency", "active"})
    if (fields.contains(k)) rec[k] = fields[k];
  rec["kind"] = "body_change";
  rec["code"] = code;
  rec["seq"] = e->changes + 1;
  rec["recorded_at"] = format_rfc3339_utc(now_unix);
  rec["actor"] = user.login;
  auto parsed = parse_body_change(rec, now_unix);
  if (auto* r = std::get_if<Refusal>(&parsed)) return *r;
  const BodyChange& c = std::get<BodyChange>(parsed);
  if (c.agency)
    if (auto r = check_agency(tree, user, *c.agency)) return *r;
  tx.append("body_change", code, c.seq, now_unix, user.login, c.raw);
  BodyEntry out = apply(*e, c);
  put_body_status(tx.db(), apply(body_overlay(tx.db(), code).value_or(BodyOverlay{}), c));
  tx.commit();
  return out;
}

std::unique_ptr<ModuleImport> begin_import(ImportContext& ctx) { return std::make_unique<Import>(ctx); }

}  // namespace thads::coordination
