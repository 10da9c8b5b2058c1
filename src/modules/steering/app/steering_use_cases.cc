#include "modules/steering/app/steering_use_cases.h"

#include <algorithm>
#include <map>

#include "app/agency_directory.h"
#include "domain/interchange.h"
#include "modules/steering/app/steering_access.h"
#include "modules/steering/app/steering_import.h"

namespace thads::steering {
namespace {

Refusal refusal_of(Verdict v) {
  return v == Verdict::not_found ? Refusal{"not_found", "no such record in your agency's subtree", ""}
                                 : Refusal{"forbidden", "your role may not do this here", ""};
}

std::vector<int> number_parts(const std::string& n) {
  std::vector<int> out;
  int cur = 0;
  for (char c : n) {
    if (c == '.') out.push_back(cur), cur = 0;
    else cur = cur * 10 + (c - '0');
  }
  out.push_back(cur);
  return out;
}

std::string agency_of_committee(const Ledger& l, const std::string& id) {
  auto c = l.committees().find(id);
  return c == l.committees().end() ? "" : c->second.text("agency");
}

// The agency a record to be written concerns ("" when its subject is not
// recorded: the ledger's decision then refuses it).
std::string agency_of_record(const Ledger& l, const Record& r) {
  switch (r.kind) {
    case Kind::directive: return r.text("agency");
    case Kind::committee: return r.text("agency");
    case Kind::committee_member:
    case Kind::meeting: return agency_of_committee(l, r.text("committee"));
    case Kind::directive_task: {
      if (!r.text("meeting").empty()) {
        auto m = l.meetings().find(r.text("meeting"));
        return m == l.meetings().end() ? "" : agency_of_committee(l, m->second.text("committee"));
      }
      auto d = l.directives().find(r.text("directive"));
      return d == l.directives().end() ? "" : d->second.text("agency");
    }
    case Kind::task_report: {
      auto t = l.tasks().find(r.text("task"));
      return t == l.tasks().end() ? "" : agency_of_task(l, t->second);
    }
    case Kind::periodic_report: return r.text("agency");
    case Kind::key_case: {
      if (r.type == "proposed") return r.text("agency");
      auto k = l.key_cases().find(r.key);
      return k == l.key_cases().end() ? "" : k->second.agency;
    }
  }
  return "";
}

std::string free_key_case_id(const Ledger& l, const std::string& case_id) {
  std::string id = "TD-" + case_id;
  for (int n = 2; l.key_cases().count(id); ++n) id = "TD-" + case_id + "-" + std::to_string(n);
  return id;
}

std::string step_owner(const Ledger& l, const Record& r) {
  auto k = l.key_cases().find(r.key);
  if (k == l.key_cases().end()) return "";
  for (const Step& s : k->second.steps)
    if (s.number == r.integer("step")) return s.owner;
  return "";
}

BodyCells cells_of(const Ledger& l, const Task& t, const std::string& body, BodyCodes& names, Date today) {
  BodyCells b;
  b.body = body;
  b.name = names.name(body);
  b.cells = l.cells(t, body, today);
  for (const Cell& c : b.cells) b.overdue = b.overdue || c.overdue;
  return b;
}

struct Reader {
  Store& store;
  AgencyTree tree;
  Access access;
  Actor actor;
  BodyCodes names;
  explicit Reader(Store& s, const User& u)
      : store(s), tree(load_agency_tree(s)), access(tree), actor(Actor::of(u)),
        names(s.db(), [this](const std::string& c) { return tree.find(c).has_value(); }) {}
  // Agencies have names too: the body column shows them.
  std::string name(const std::string& code) {
    std::string n = names.name(code);
    if (n.empty())
      if (auto i = tree.find(code)) n = tree.at(*i).name;
    return n.empty() ? code : n;
  }
};

}  // namespace

std::string agency_of_task(const Ledger& l, const Task& t) {
  if (t.from_meeting) {
    auto m = l.meetings().find(t.source);
    return m == l.meetings().end() ? "" : agency_of_committee(l, m->second.text("committee"));
  }
  auto d = l.directives().find(t.source);
  return d == l.directives().end() ? "" : d->second.text("agency");
}

std::vector<const Task*> task_tree(const Ledger& l, const std::string& source) {
  std::vector<const Task*> out;
  for (const auto& [k, t] : l.tasks())
    if (t.source == source) out.push_back(&t);
  std::sort(out.begin(), out.end(),
            [](const Task* a, const Task* b) { return number_parts(a->number) < number_parts(b->number); });
  return out;
}

std::variant<Recorded, Refusal> record(Store& store, const User& user, nlohmann::json fields, int64_t now_unix,
                                       const std::vector<Upload>& uploads) {
  return record_as(store, &user, user.login, std::move(fields), now_unix, uploads);
}

std::variant<Recorded, Refusal> record_as(Store& store, const User* user, const std::string& actor, nlohmann::json fields,
                                          int64_t now_unix, const std::vector<Upload>& uploads) {
  if (!fields.is_object() || !fields.contains("kind") || !fields["kind"].is_string())
    return Refusal{"bad_field", "the record must be a JSON object with its kind", ""};
  const std::string kind_name = fields["kind"].get<std::string>();
  auto kind = kind_from(kind_name);
  if (!kind) return Refusal{"unknown_kind", "unknown record kind '" + kind_name + "'", ""};
  // Files first: checked whole before anything is read or written, cited
  // after the documents the record names itself.
  std::vector<PreparedUpload> files;
  if (!uploads.empty()) {
    if (*kind != Kind::task_report) return Refusal{"bad_field", "only a task report carries files", ""};
    auto prepared = prepare_uploads(uploads);
    if (auto* r = std::get_if<Refusal>(&prepared)) return *r;
    files = std::get<std::vector<PreparedUpload>>(std::move(prepared));
    if (!fields.contains("documents") || fields["documents"].is_null()) fields["documents"] = nlohmann::json::array();
    if (!fields["documents"].is_array()) return Refusal{"bad_field", "field 'documents' must be a list", ""};
    for (const PreparedUpload& f : files) {
      const bool cited = std::any_of(fields["documents"].begin(), fields["documents"].end(), [&](const auto& d) {
        return d.is_object() && d.contains("sha256") && d["sha256"] == f.ref.sha256;
      });
      if (!cited) fields["documents"].push_back(to_json(f.ref));
    }
    if (fields["documents"].size() > kMaxAttachmentsPerReport)
      return Refusal{"too_many_files",
                     "a report carries at most " + std::to_string(kMaxAttachmentsPerReport) + " files", ""};
  }
  WriteTx tx(store);  // serialises writers; everything below is read inside it
  Ledger ledger = load_ledger(tx.db());
  if (is_stream(*kind)) {
    if (*kind == Kind::task_report && user && user->role == Role::body && !fields.contains("body"))
      fields["body"] = user->officer;
    // A proposal without an id gets the first free "TD-<case>", "TD-<case>-2"
    // …: a case rejected or closed before may be proposed again, as a new
    // key case.
    if (*kind == Kind::key_case && fields.value("type", "") == "proposed" && fields.value("id", "").empty() &&
        fields.contains("case") && fields["case"].is_string())
      fields["id"] = free_key_case_id(ledger, fields["case"].get<std::string>());
    std::string key;
    if (*kind == Kind::key_case || *kind == Kind::periodic_report) {
      key = fields.value("id", std::string());
    } else {
      key = fields.value("task", std::string()) + "|" + fields.value("body", std::string()) + "|" +
            fields.value("period", std::string());
    }
    int64_t next = 1;
    if (*kind == Kind::key_case) {
      if (auto k = ledger.key_cases().find(key); k != ledger.key_cases().end())
        next = static_cast<int64_t>(k->second.history.size()) + 1;
    } else if (*kind == Kind::periodic_report) {
      if (auto k = ledger.periodic_reports().find(key); k != ledger.periodic_reports().end())
        next = static_cast<int64_t>(k->second.size()) + 1;
    } else if (const auto* rs = ledger.reports(fields.value("task", std::string()), fields.value("body", std::string()),
                                               fields.value("period", std::string()))) {
      next = static_cast<int64_t>(rs->size()) + 1;
    }
    if (fields.contains("seq") && fields["seq"] != next)
      return Refusal{"version_conflict", key + " has changed: its next record is " + std::to_string(next), ""};
    fields["seq"] = next;
    fields["recorded_at"] = format_rfc3339_utc(now_unix);
    fields["actor"] = actor;
  }
  Parsed parsed = parse_steering(kind_name, fields, now_unix, true);
  if (auto* r = std::get_if<Refusal>(&parsed)) return *r;
  Record rec = std::get<Record>(std::move(parsed));

  const AgencyTree tree = load_agency_tree(store);
  const Access access(tree);
  WriteScope scope{rec.kind, rec.type, agency_of_record(ledger, rec), rec.text("body"), ""};
  if (rec.kind == Kind::key_case && rec.type == "step_done") scope.step_owner = step_owner(ledger, rec);
  // A subject not recorded (or an unknown agency) is refused by decide()
  // below with its code, not hidden as not_found.
  if (user && tree.find(scope.agency))
    if (Verdict v = record_steering(access, Actor::of(*user), scope); v != Verdict::allow) return refusal_of(v);
  if (user && scope.agency.empty() && user->role != Role::head && user->role != Role::steering && user->role != Role::body)
    return refusal_of(Verdict::forbidden);

  // A user's report may cite a stored document it does not upload only when
  // the user can already read a report citing it: a hash is no key to
  // another subtree's document (the import, the operator's, cites freely).
  if (user && rec.kind == Kind::task_report) {
    auto cited = parse_attachment_refs(rec.p);
    if (auto* refs_cited = std::get_if<std::vector<AttachmentRef>>(&cited))
      for (const AttachmentRef& a : *refs_cited) {
        const bool uploaded = std::any_of(files.begin(), files.end(),
                                          [&](const PreparedUpload& f) { return f.ref.sha256 == a.sha256; });
        if (uploaded || stored_attachment_parts(tx.db(), a.sha256).empty()) continue;
        const auto citing = ledger.reports_citing(a.sha256);
        const bool readable = std::any_of(citing.begin(), citing.end(), [&](const Record* r) {
          auto t = ledger.tasks().find(r->text("task"));
          return t != ledger.tasks().end() &&
                 read_steering(access, Actor::of(*user), agency_of_task(ledger, t->second)) == Verdict::allow;
        });
        if (!readable) return Refusal{"not_found", "no such document in your agency's subtree", ""};
      }
  }
  BodyCodes bodies(tx.db(), [&](const std::string& c) { return tree.find(c).has_value(); });
  Refs refs;
  refs.agency_known = [&](const std::string& c) { return tree.find(c).has_value(); };
  refs.case_known = [&](const std::string& c) { return store.version_of(c) > 0; };
  refs.body_known = [&](const std::string& c) { return bodies.known(c); };
  Decision d = ledger.decide(rec, refs);
  Recorded out{kind_name, rec.key, rec.seq, false};
  if (d.kind == Decision::refuse) return d.refusal;
  if (d.kind == Decision::duplicate) {
    if (is_stream(rec.kind)) return Refusal{"version_conflict", "this record is already recorded", ""};
    out.duplicate = true;
    return out;
  }
  const bool stream = is_stream(rec.kind);
  for (const PreparedUpload& f : files) append_parts(tx, f, now_unix, actor);
  tx.append(kind_name, rec.key, rec.seq, now_unix, stream ? rec.actor : actor, rec.raw);
  Record copy = rec;
  ledger.apply(std::move(rec));
  project(tx.db(), ledger, copy);
  tx.commit();
  return out;
}

std::variant<std::vector<DirectiveRow>, Refusal> directive_list(Store& store, const User& user) {
  if (user.role == Role::admin) return refusal_of(Verdict::forbidden);
  const AgencyTree tree = load_agency_tree(store);
  const Access access(tree);
  std::vector<std::string> codes = access.subtree_codes(Actor::of(user));
  if (codes.empty()) return std::vector<DirectiveRow>{};
  return list_directives(store.db(), codes);
}

std::variant<DirectiveView, Refusal> directive_view(Store& store, const User& user, const std::string& id, Date today) {
  Reader rd(store, user);
  DirectiveView v;
  v.ledger = load_ledger(store.db());
  auto d = v.ledger.directives().find(id);
  if (d == v.ledger.directives().end()) return refusal_of(Verdict::not_found);
  if (Verdict vd = read_steering(rd.access, rd.actor, d->second.text("agency")); vd != Verdict::allow)
    return refusal_of(vd);
  v.directive = &d->second;
  v.replaced_by = v.ledger.replaced_by(id);
  for (const Task* t : task_tree(v.ledger, id)) {
    TaskLine line;
    line.task = t;
    line.depth = static_cast<int>(std::count(t->number.begin(), t->number.end(), '.'));
    for (const std::string& b : t->bodies) {
      line.bodies.push_back(cells_of(v.ledger, *t, b, rd.names, today));
      line.bodies.back().name = rd.name(b);
    }
    v.tasks.push_back(std::move(line));
  }
  return v;
}

std::variant<Matrix, Refusal> follow_up_matrix(Store& store, const User& user, const std::string& owner, Date today) {
  if (user.role == Role::admin) return refusal_of(Verdict::forbidden);
  Reader rd(store, user);
  Matrix m;
  m.ledger = load_ledger(store.db());
  std::map<std::string, int64_t> late;
  for (const auto& [key, t] : m.ledger.tasks()) {
    const std::string agency = agency_of_task(m.ledger, t);
    if (read_steering(rd.access, rd.actor, agency) != Verdict::allow) continue;
    if (!owner.empty() && t.owner != owner) continue;
    const bool mine = user.role == Role::body && std::find(t.bodies.begin(), t.bodies.end(), user.officer) != t.bodies.end();
    if (user.role == Role::body && t.owner != user.officer && !mine) continue;
    std::string title;
    if (t.from_meeting) title = "Phiên họp " + t.source;
    else title = m.ledger.directives().at(t.source).text("number");
    for (const std::string& b : t.bodies) {
      if (user.role == Role::body && t.owner != user.officer && b != user.officer) continue;
      MatrixRow row{&t, title, cells_of(m.ledger, t, b, rd.names, today)};
      row.body.name = rd.name(b);
      for (const Cell& c : row.body.cells)
        if (c.overdue) ++m.overdue_cells, ++late[row.body.name];
      m.rows.push_back(std::move(row));
    }
  }
  std::sort(m.rows.begin(), m.rows.end(), [](const MatrixRow& a, const MatrixRow& b) {
    if (a.task->source != b.task->source) return a.task->source < b.task->source;
    if (a.task->number != b.task->number) return number_parts(a.task->number) < number_parts(b.task->number);
    return a.body.name < b.body.name;
  });
  m.late_bodies.assign(late.begin(), late.end());
  std::stable_sort(m.late_bodies.begin(), m.late_bodies.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return m;
}

std::variant<KeyCaseList, Refusal> key_case_list(Store& store, const User& user) {
  Reader rd(store, user);
  KeyCaseList out;
  out.ledger = load_ledger(store.db());
  if (read_key_cases(rd.access, rd.actor, user.agency) == Verdict::forbidden) return refusal_of(Verdict::forbidden);
  for (const auto& [id, kc] : out.ledger.key_cases())
    if (read_key_cases(rd.access, rd.actor, kc.agency) == Verdict::allow) out.cases.push_back(&kc);
  std::sort(out.cases.begin(), out.cases.end(), [](const KeyCase* a, const KeyCase* b) {
    return a->proposed_on != b->proposed_on ? a->proposed_on > b->proposed_on : a->id < b->id;
  });
  return out;
}

std::variant<std::vector<Candidate>, Refusal> proposal_candidates(Store& store, const User& user, Date today) {
  Reader rd(store, user);
  if (Verdict v = read_key_cases(rd.access, rd.actor, user.agency); v != Verdict::allow) return refusal_of(v);
  const Ledger ledger = load_ledger(store.db());
  const ProposalSettings& s = ProposalSettings::active();
  std::vector<Candidate> out;
  for (CaseFacts& f : candidate_cases(store.db(), rd.access.subtree_codes(rd.actor), open_long_before(today, s),
                                      s.large_amount, 500)) {
    if (ledger.key_case_of(f.case_id)) continue;
    std::vector<std::string> reasons = proposal_reasons(f, today, s);
    if (!reasons.empty()) out.push_back({std::move(f), std::move(reasons)});
  }
  return out;
}

std::variant<CommitteeList, Refusal> committee_list(Store& store, const User& user) {
  if (user.role == Role::admin) return refusal_of(Verdict::forbidden);
  Reader rd(store, user);
  CommitteeList out;
  out.ledger = load_ledger(store.db());
  for (const auto& [id, c] : out.ledger.committees()) {
    if (read_steering(rd.access, rd.actor, c.text("agency")) != Verdict::allow) continue;
    CommitteeView v{&c, {}, {}};
    for (const auto& [k, m] : out.ledger.members())
      if (m.text("committee") == id) v.members.push_back(&m);
    for (const auto& [k, m] : out.ledger.meetings())
      if (m.text("committee") == id) v.meetings.push_back(&m);
    std::sort(v.meetings.begin(), v.meetings.end(), [](const Record* a, const Record* b) { return a->date > b->date; });
    out.committees.push_back(std::move(v));
  }
  return out;
}

}  // namespace thads::steering
