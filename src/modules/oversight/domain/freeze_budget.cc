#include "modules/oversight/domain/freeze_budget.h"

#include "domain/case_state.h"
#include "domain/money.h"

namespace thads::oversight {

bool is_freeze_request(const Act& a) {
  return a.kind == StreamKind::request && a.type == "sent" && a.text("purpose") == "freeze_account";
}

Money standing_freeze(const Stream& request, Date on) {
  if (!request.exists() || request.withdrawn()) return 0;
  const Act& sent = request.acts().front();
  if (sent.text("purpose") != "freeze_account" || on < sent.date) return 0;
  const auto history = request.effective([&](const Act& a) { return !(on < a.date); });
  std::string answer;
  for (const Act* a : history) {
    if (a->type == "lifted" || a->type == "closed") return 0;
    if (a->type == "answered") answer = a->text("result");
  }
  if (answer == "not_found" || answer == "refused") return 0;
  return sent.integer("amount");
}

Money remaining_on(std::span<const Event> case_stream, Date on) {
  return fold(case_stream, [&](const Event& e) { return !(on < e.date); }).remaining();
}

std::optional<Refusal> check_freeze_budget(const Act& sent, std::span<const Event> case_stream,
                                           const std::vector<const Stream*>& others) {
  if (sent.text("purpose") != "freeze_account") return std::nullopt;
  // Amounts are at most 10^15 each (acts.cc), so the sum stays far inside
  // int64 for any realistic number of requests; it is still checked.
  Money held = sent.integer("amount");
  for (const Stream* s : others) {
    if (__builtin_add_overflow(held, standing_freeze(*s, sent.date), &held))
      return Refusal{"over_freeze", "the freezes of this case add up beyond any amount owed", "L.THADS Art. 67"};
  }
  const Money owed = remaining_on(case_stream, sent.date);
  if (held <= owed) return std::nullopt;
  return Refusal{"over_freeze",
                 "freezes of " + std::to_string(held) + " đ would exceed the " + std::to_string(owed) +
                     " đ the case still owes on " + sent.date.iso(),
                 "L.THADS Art. 67; oversight.md freeze budget"};
}

}  // namespace thads::oversight
