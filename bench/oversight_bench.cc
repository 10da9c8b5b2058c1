// Times the oversight modules' figures of issues 14, 15 and 16 ("Speed")
// inside a running process, on a store holding the national demo cases and
// the oversight records of bench/oversight_gen:
// - the national `admin-judgments` report (issue 14; goal < 50 ms), from the
//   facts held in memory and (as before) from the journal;
// - the national `complaints` report (issue 15; goal < 100 ms), from the
//   keys held in memory (the first run finds them) and from the journal;
// - the national `coordination` report, where coordination fails (issue 16;
//   goal < 100 ms), from the requests held in memory and (as before) from the
//   stored ledger;
// - one agency's work queue (cases, complaints, procuracy acts and requests
//   together: deadline_queue, what GET /api/v1/deadlines?agency= answers; its
//   goal is a p99 under load, which bench/oversight.sh measures with wrk);
//   with --queue-agencies N also, in one run, the queues of N agencies below
//   the provinces (spread over the country) as before (every pending case
//   deadline of the country filtered by agency; every stream of the subtree
//   read from the journal) and as now (the case rows of the subtree by index;
//   the streams' deadlines held in memory, app/held_queue.h), interleaved,
//   each with its median and p99, and the two answers compared (exit 1 when
//   they differ);
// - the freeze-budget check of a request's write (issue 16; goal: adds < 1 ms,
//   median): exactly what record_act runs for a freeze (the case's events, its
//   other requests, check_freeze_budget), for `--freeze-samples` cases that
//   have requests, against a new freeze of 1,000 đ.
// The store is opened once; each figure is run `--runs` times after one
// warm-up (its time reported as first_ms: it loads what a held model holds),
// the median reported. Not a test: nothing here asserts a time.
//
// Usage: oversight_bench --db PATH --from YYYY-MM-DD --to YYYY-MM-DD --queue-agency CODE
//                        [--today YYYY-MM-DD] [--runs 5] [--freeze-samples 200] [--out RESULT.json]
//                        [--queue-agencies N] [--queue-runs 200] [--only reports,queue,freeze]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_set>
#include <vector>

#include "app/agency_directory.h"
#include "app/calendar_source.h"
#include "app/case_deadlines.h"
#include "app/modules.h"
#include "app/queue_answers.h"
#include "domain/date.h"
#include "modules/coordination/app/coordination_report.h"
#include "modules/coordination/store/coordination_store.h"
#include "modules/oversight/app/freeze_lookup.h"
#include "modules/oversight/app/grievance_reports.h"
#include "modules/oversight/app/oversight_queries.h"
#include "modules/oversight/app/oversight_read.h"
#include "modules/oversight/store/oversight_store.h"
#include "store/case_queries.h"
#include "store/db.h"
#include "store/store.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double median(std::vector<double> xs) {
  if (xs.empty()) return 0;
  std::sort(xs.begin(), xs.end());
  const size_t n = xs.size();
  return n % 2 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
}

// The nearest-rank percentile p (0–100).
double percentile(std::vector<double> xs, double p) {
  if (xs.empty()) return 0;
  std::sort(xs.begin(), xs.end());
  size_t rank = static_cast<size_t>(std::ceil(p / 100 * static_cast<double>(xs.size())));
  return xs[std::clamp<size_t>(rank, 1, xs.size()) - 1];
}

struct Args {
  std::string db, from, to, today, queue_agency, out, only = "reports,queue,freeze";
  int runs = 5, freeze_samples = 200, queue_agencies = 0, queue_runs = 200;
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--db") a.db = v;
    else if (k == "--from") a.from = v;
    else if (k == "--to") a.to = v;
    else if (k == "--today") a.today = v;
    else if (k == "--queue-agency") a.queue_agency = v;
    else if (k == "--runs") a.runs = std::atoi(v.c_str());
    else if (k == "--freeze-samples") a.freeze_samples = std::atoi(v.c_str());
    else if (k == "--out") a.out = v;
    else if (k == "--queue-agencies") a.queue_agencies = std::atoi(v.c_str());
    else if (k == "--queue-runs") a.queue_runs = std::atoi(v.c_str());
    else if (k == "--only") a.only = v;
    else {
      std::cerr << "unknown option " << k << "\n";
      std::exit(2);
    }
  }
  if (a.db.empty() || !thads::Date::parse(a.from) || !thads::Date::parse(a.to) || a.queue_agency.empty() ||
      a.runs < 1 || (!a.today.empty() && !thads::Date::parse(a.today))) {
    std::cerr << "usage: oversight_bench --db PATH --from YYYY-MM-DD --to YYYY-MM-DD --queue-agency CODE "
                 "[--today YYYY-MM-DD] [--runs 5] [--freeze-samples 200] [--out FILE] [--queue-agencies N] "
                 "[--queue-runs 200] [--only reports,queue,freeze]\n";
    std::exit(2);
  }
  return a;
}

template <class T>
T must(std::variant<T, thads::Refusal> v, const char* what) {
  if (auto* r = std::get_if<thads::Refusal>(&v)) {
    std::cerr << what << " refused: " << r->code << ": " << r->message << "\n";
    std::exit(1);
  }
  return std::get<T>(std::move(v));
}

// One warm-up, then `runs` timed runs of `f`; each returns a size (so the
// work is not optimised away) reported as `size`.
nlohmann::json timed(const char* name, int runs, const std::function<size_t()>& f) {
  const auto first = Clock::now();
  size_t size = f();
  const double first_ms = ms_since(first);  // includes loading what a model holds
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = Clock::now();
    size = f();
    ms.push_back(ms_since(t0));
  }
  std::cerr << "  " << name << ": median " << median(ms) << " ms over " << runs << " runs (first " << first_ms
            << " ms, size " << size << ")\n";
  return {{"ms", ms}, {"median_ms", median(ms)}, {"first_ms", first_ms}, {"size", size}};
}

// The freeze check of record_act (app/record_act.cc) for a new freeze on `case_id`.
bool freeze_refused(thads::Store& store, const std::string& case_id, const std::string& agency, thads::Date today) {
  using namespace thads::oversight;
  const nlohmann::json j{{"kind", "request"},   {"id", "BENCH-YC-0001"},     {"seq", 1},
                         {"type", "sent"},      {"date", today.iso()},       {"agency", agency},
                         {"case", case_id},     {"body", "bench"},           {"purpose", "freeze_account"},
                         {"amount", 1000},      {"subject", {{"name", "x"}, {"id_number", "001234567890"}}}};
  auto parsed = parse_oversight("request", j, std::time(nullptr), false);
  const Act* sent = std::get_if<Act>(&parsed);
  if (!sent) {
    std::cerr << "the bench's freeze request does not parse\n";
    std::exit(1);
  }
  return freeze_budget_of_stored(store, *sent).has_value();
}


// deadline_queue as it was before the index and the held model (commit
// 494a7c2): every pending case deadline of the country up to the horizon,
// filtered by the subtree here; every stream of the subtree read from the
// journal (oversight::queue_items_from_journal); the same order and limit.
std::vector<thads::QueueItem> queue_before(thads::Store& store, const thads::QueueQuery& q) {
  using namespace thads;
  std::vector<QueueItem> out;
  std::unordered_set<std::string> scope;
  const AgencyTree tree = load_agency_tree(store);
  const int root = tree.find(q.agency).value();
  for (size_t i = 0; i < tree.size(); ++i)
    if (tree.within(static_cast<int>(i), root)) scope.insert(tree.at(static_cast<int>(i)).code);
  const Calendar cal = official_calendar_with(store.holidays());
  const Date horizon = cal.add_working_days(q.today, q.horizon_working_days);
  for_each_pending_deadline_until(store.db(), horizon.iso(), q.officer, {}, [&](const PendingDeadlineRow& r) {
    if (out.size() >= q.limit || !scope.count(r.agency)) return;
    out.push_back(case_queue_item(r, q.today));
  });
  const std::vector<std::string> codes(scope.begin(), scope.end());
  for (const Module& m : modules())
    if (m.queue)
      for (QueueItem& it : m.name == "oversight" ? oversight::queue_items_from_journal(store, q, codes) : m.queue(store, q, codes))
        out.push_back(std::move(it));
  std::stable_sort(out.begin(), out.end(), [](const QueueItem& a, const QueueItem& b) {
    return a.due != b.due ? a.due < b.due : a.case_id < b.case_id;
  });
  if (out.size() > q.limit) out.resize(q.limit);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = parse(argc, argv);
  const thads::Date from = *thads::Date::parse(a.from), to = *thads::Date::parse(a.to);
  const thads::Date today =
      a.today.empty() ? thads::Date::from_days(static_cast<int32_t>(std::time(nullptr) / 86400)) : *thads::Date::parse(a.today);
  auto store = thads::Store::open(a.db);
  nlohmann::json out{{"from", a.from}, {"to", a.to}, {"today", today.iso()}, {"runs", a.runs}};
  store->db().run("SELECT kind, count(*) FROM oversight_streams GROUP BY kind ORDER BY kind", {},
                  [&](const thads::Row& r) { out["streams"][r.s(0)] = r.i(1); });
  std::cerr << "oversight_bench: " << out["streams"].dump() << "\n";

  const auto has = [&](const char* part) { return ("," + a.only + ",").find(std::string(",") + part + ",") != std::string::npos; };
  if (has("reports")) {
    auto report = [&](const char* form, auto fn) {
      return [&store, form, fn, from, to]() {
        const thads::ReportArgs args{form, "", from, to, std::nullopt, nullptr};
        return must(fn(*store, args), form).json.dump().size();
      };
    };
    out["admin_judgments"] = timed("admin-judgments report, country", a.runs,
                                   report("admin-judgments", &thads::oversight::admin_judgments_report));
    // The path every report took before the facts were held in memory (and
    // --as-known-at still takes): read and fold the journal.
    out["admin_judgments_journal"] = timed("admin-judgments report, country, from the journal", 1, [&]() {
      const thads::ReportArgs args{"admin-judgments", "", from, to, int64_t{4'000'000'000}, nullptr};
      return must(thads::oversight::admin_judgments_report(*store, args), "admin-judgments").json.dump().size();
    });
    out["complaints"] = timed("complaints report, country", a.runs, report("complaints", &thads::oversight::complaints_report));
    out["complaints_journal"] = timed("complaints report, country, from the journal", 1, [&]() {
      const thads::ReportArgs args{"complaints", "", from, to, int64_t{4'000'000'000}, nullptr};
      return must(thads::oversight::complaints_report(*store, args), "complaints").json.dump().size();
    });
    out["coordination"] = timed("coordination report, country", a.runs,
                                report("coordination", &thads::coordination::coordination_report_form));
    // Before the requests were held in memory: the ledger's rows read from the
    // store, then folded (what coordination_report did).
    out["coordination_stored"] = timed("coordination report, country, from the stored ledger", 1, [&]() {
      thads::coordination::LedgerFilter f;
      for (const auto& ag : store->agencies()) f.agencies.push_back(ag.code);
      f.from = from.iso();
      f.to = to.iso();
      f.limit = INT64_MAX / 2;
      return thads::coordination::body_performance(thads::coordination::ledger_rows(store->db(), f), to).size();
    });
  }
  if (has("queue")) out["queue"] = timed(("work queue of " + a.queue_agency).c_str(), a.runs, [&]() {
    thads::QueueQuery q;
    q.agency = a.queue_agency;
    q.today = today;
    return must(thads::deadline_queue(*store, q), "deadline_queue").size();
  });
  if (has("queue") && a.queue_agencies > 0) {
    // Agencies below the provinces, spread over the country (every k-th).
    const thads::AgencyTree tree = thads::load_agency_tree(*store);
    std::vector<std::string> below;
    for (size_t i = 0; i < tree.size(); ++i)
      if (tree.at(static_cast<int>(i)).depth == 2) below.push_back(tree.at(static_cast<int>(i)).code);
    std::vector<std::string> agencies;
    const size_t step = std::max<size_t>(1, below.size() / static_cast<size_t>(a.queue_agencies));
    for (size_t i = 0; i < below.size() && agencies.size() < static_cast<size_t>(a.queue_agencies); i += step)
      agencies.push_back(below[i]);
    auto query = [&](const std::string& agency) {
      thads::QueueQuery q;
      q.agency = agency;
      q.today = today;
      return q;
    };
    auto answer = [&](const std::vector<thads::QueueItem>& items) { return thads::to_json(items, today); };
    // The same answers, agency by agency (the held model's first load here).
    const auto t0 = Clock::now();
    size_t differ = 0, items = 0;
    for (const std::string& ag : agencies) {
      const auto now = must(thads::deadline_queue(*store, query(ag)), "deadline_queue");
      items += now.size();
      if (answer(now) != answer(queue_before(*store, query(ag)))) {
        ++differ;
        std::cerr << "  queue of " << ag << ": the answers differ\n";
      }
    }
    std::cerr << "  queues of " << agencies.size() << " agencies compared in " << ms_since(t0) << " ms: " << items
              << " items, " << differ << " differ\n";
    // Interleaved, one agency after the other: before, then now, then the
    // answer the server holds at the journal's position (app/queue_answers.h;
    // each agency's first call computes it, later ones are served held).
    thads::ReadCache cache;
    std::vector<double> before_ms, now_ms, held_ms;
    for (int r = 0; r < a.queue_runs; ++r) {
      const thads::QueueQuery q = query(agencies[static_cast<size_t>(r) % agencies.size()]);
      auto t = Clock::now();
      const size_t nb = queue_before(*store, q).size();
      before_ms.push_back(ms_since(t));
      t = Clock::now();
      const size_t nn = must(thads::deadline_queue(*store, q), "deadline_queue").size();
      now_ms.push_back(ms_since(t));
      if (nb != nn) ++differ;
      t = Clock::now();
      const auto held = must(thads::held_deadline_queue(*store, cache, q), "held_deadline_queue");
      held_ms.push_back(ms_since(t));
      if (held->items.size() != nn || held->json != answer(held->items)) ++differ;
    }
    auto figures = [](const std::vector<double>& ms) {
      return nlohmann::json{{"median_ms", median(ms)}, {"p99_ms", percentile(ms, 99)},
                            {"max_ms", *std::max_element(ms.begin(), ms.end())}, {"runs", ms.size()}};
    };
    out["queue_agencies"] = {{"agencies", agencies.size()}, {"items", items}, {"differ", differ},
                             {"before", figures(before_ms)}, {"now", figures(now_ms)}, {"held", figures(held_ms)},
                             {"median_ratio", median(now_ms) > 0 ? median(before_ms) / median(now_ms) : 0}};
    std::cerr << "  agency queues, before: median " << median(before_ms) << " ms, p99 " << percentile(before_ms, 99)
              << " ms; now: median " << median(now_ms) << " ms, p99 " << percentile(now_ms, 99)
              << " ms; held answer: median " << median(held_ms) << " ms, p99 " << percentile(held_ms, 99) << " ms ("
              << before_ms.size() << " runs over " << agencies.size() << " agencies)\n";
    if (differ) {
      std::cerr << "oversight_bench: the queues differ\n";
      std::cout << out.dump(2) << "\n";
      return 1;
    }
  }

  if (has("freeze")) {
    // The freeze check: cases that have requests, spread over the store.
    std::vector<std::pair<std::string, std::string>> cases;  // (case, agency)
    store->db().run(
        "SELECT case_id, agency FROM oversight_streams WHERE kind = 'request' AND state <> 'withdrawn' "
        "GROUP BY case_id, agency ORDER BY case_id",
        {}, [&](const thads::Row& r) { cases.emplace_back(r.s(0), r.s(1)); });
    std::vector<double> check_ms;
    int refused = 0;
    const size_t step = std::max<size_t>(1, cases.size() / static_cast<size_t>(std::max(1, a.freeze_samples)));
    for (size_t i = 0; i < cases.size() && check_ms.size() < static_cast<size_t>(a.freeze_samples); i += step) {
      const auto t0 = Clock::now();
      refused += freeze_refused(*store, cases[i].first, cases[i].second, today) ? 1 : 0;
      check_ms.push_back(ms_since(t0));
  }
  out["freeze_check"] = {{"samples", check_ms.size()}, {"median_ms", median(check_ms)}, {"refused", refused},
                         {"max_ms", check_ms.empty() ? 0 : *std::max_element(check_ms.begin(), check_ms.end())}};
  std::cerr << "  freeze-budget check: median " << median(check_ms) << " ms over " << check_ms.size() << " cases ("
            << refused << " refused)\n";
  }
  if (a.out.empty()) std::cout << out.dump(2) << "\n";
  else std::ofstream(a.out) << out.dump(2) << "\n";
  return 0;
}
