// Internal to the demo generator: History writes one case's events.
// Acts (the events, with their rule checks) are in demo_history.cc; the
// courses a case can take (paid at once, in instalments, not enforceable,
// postponed, …) are in demo_flows.cc.
#pragma once

#include <optional>
#include <string>

#include "app/demo_case.h"

namespace thads::demo {

class History {
 public:
  History(Out& out, Rng& r, const World& w, const CaseSpec& c);
  void run();
  const std::optional<Handoff>& handoff() const { return handoff_; }

 private:
  enum class St : uint8_t { active, agreed, postponed, unable };

  // --- acts: each returns false (or seq 0) once the case has stopped at today
  [[noreturn]] void fail(const char* why) const;
  bool begin(Date& d, const char* type, bool ending);
  void finish();
  void pay_out(Date d);
  void flush_payouts();
  bool opened();
  int assign(Date d, const std::string& officer);
  int notified(Date d);
  bool verified(Date d, bool able, const char* reason);
  bool unable_decided(Date d, const char* reason, bool prisoner, Date grounds);
  bool resumed(Date d);
  bool postponed(Date d, const char* ground, Date grounds);
  bool suspended(Date d, const char* ground, Date grounds);
  bool collect(Date d, int64_t amount, const char* method);
  bool reduce(Date d, int64_t amount);
  bool terminate(Date d, const char* ground, Date grounds);
  bool complete(Date d);
  bool hand_over(Date d, const char* type, int to_unit);
  bool close(Date d, const char* type);
  bool coercion(Date d, Date scheduled, const char* measure, bool forces, bool executed);
  bool voided(Date d, int target, const char* reason);

  // --- courses (demo_flows.cc)
  Date verify_date();
  Date coercion_day(Date planned, bool forces);
  int64_t part(int64_t of, double lo, double hi);
  bool reassign(Date d);
  void quick();
  void slow();
  void settle(Date d);
  void settle_long(Date d);
  void unable(Date v, bool partial_first, double p_stay, double mean_years);
  void leave_unable(Date d);
  void postpone();
  void suspend();
  void terminate_early();
  void reduce_then_settle();
  void entrust();
  void pull_up();
  void huge();

  Out& out_;
  Rng& r_;
  const World& w_;
  const CaseSpec& c_;
  const Calendar& cal_;
  std::string officer_;
  Date notified_on_;
  int seq_ = 0;
  Date last_;
  bool stopped_ = false;
  bool ended_ = false;
  St st_ = St::active;
  int64_t remaining_ = 0;
  int64_t collected_ = 0;
  int64_t paid_ = 0;
  int64_t pending_ = 0;  // collected, to be paid out on pending_due_
  Date pending_due_;
  Date rec_day_;
  int rec_min_ = 0;
  std::optional<Handoff> handoff_;
};

}  // namespace thads::demo
