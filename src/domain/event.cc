#include "domain/event.h"

#include <utility>

#include <array>
#include <limits>

namespace thads {
namespace {

struct TypeInfo { std::string_view id; std::string_view vi; };

constexpr std::array<TypeInfo, kEventTypeCount> kTypes{{
    {"case_opened", "Quyết định thi hành án"},
    {"officer_assigned", "Phân công chấp hành viên"},
    {"notified", "Thông báo hợp lệ"},
    {"verified", "Xác minh điều kiện thi hành án"},
    {"unable_decided", "Quyết định chưa có điều kiện thi hành án"},
    {"resumed", "Quyết định tiếp tục thi hành án"},
    {"postponed", "Hoãn thi hành án"},
    {"suspended", "Tạm đình chỉ thi hành án"},
    {"collected", "Thu tiền, tài sản"},
    {"paid_out", "Chi trả cho người được thi hành án"},
    {"reduced", "Giảm nghĩa vụ thi hành án"},
    {"terminated", "Đình chỉ thi hành án"},
    {"completed", "Thi hành xong"},
    {"entrusted_out", "Ủy thác thi hành án"},
    {"pulled_up", "Rút hồ sơ lên cấp trên"},
    {"request_sent_back", "Gửi lại yêu cầu thi hành án"},
    {"moved_to_separate_register", "Chuyển sổ theo dõi riêng"},
    {"coercion_planned", "Kế hoạch cưỡng chế"},
    {"coercion_executed", "Cưỡng chế thi hành án"},
    {"voided", "Hủy bỏ (đính chính)"},
    {"reversed", "Bút toán đảo khoản thu, chi (chờ duyệt)"},
    {"reversal_approved", "Thủ trưởng duyệt bút toán đảo"},
}};

}  // namespace

std::string_view to_string(EventType t) { return kTypes[static_cast<size_t>(t)].id; }
std::string_view label_vi(EventType t) { return kTypes[static_cast<size_t>(t)].vi; }

std::optional<EventType> event_type_from(std::string_view s) {
  for (size_t i = 0; i < kTypes.size(); ++i)
    if (kTypes[i].id == s) return static_cast<EventType>(i);
  return std::nullopt;
}

bool is_ending(EventType t) {
  switch (t) {
    case EventType::completed:
    case EventType::terminated:
    case EventType::entrusted_out:
    case EventType::pulled_up:
    case EventType::request_sent_back:
    case EventType::moved_to_separate_register:
      return true;
    default:
      return false;
  }
}

std::string_view to_string(Status s) {
  switch (s) {
    case Status::active: return "active";
    case Status::postponed_agreed: return "postponed_agreed";
    case Status::postponed_suspended: return "postponed_suspended";
    case Status::unable: return "unable";
  }
  return "active";
}

std::string_view label_vi(Status s) {
  switch (s) {
    case Status::active: return "Đang thi hành";
    case Status::postponed_agreed: return "Hoãn theo thỏa thuận";
    case Status::postponed_suspended: return "Hoãn, tạm đình chỉ";
    case Status::unable: return "Chưa có điều kiện thi hành";
  }
  return "";
}

std::string_view to_string(Mode m) { return m == Mode::proactive ? "proactive" : "on_request"; }

Money CaseOpened::opened_amount() const {
  // Saturates instead of wrapping: a total past int64 (obligations of up to
  // 10^18 đ each) must compare as too large, not turn negative.
  Money sum = 0;
  for (const auto& o : obligations)
    if (__builtin_add_overflow(sum, o.amount.value_or(0), &sum)) return std::numeric_limits<Money>::max();
  return sum;
}

namespace {
template <size_t... I>
const Payload& empty_payload(size_t i, std::index_sequence<I...>) {
  static const Payload table[] = {Payload(std::in_place_index<I>)...};
  return table[i];
}
}  // namespace

void Event::set_type(EventType t) {
  payload = empty_payload(static_cast<size_t>(t), std::make_index_sequence<kEventTypeCount>{});
  type = t;
}

const std::shared_ptr<const CaseOpened>& Event::opened() const {
  static const std::shared_ptr<const CaseOpened> none;
  const auto* p = std::get_if<std::shared_ptr<const CaseOpened>>(&payload);
  return p ? *p : none;
}

Money amount_of(const Event& e) {
  if (const auto* c = e.if_is<Collected>()) return c->amount;
  if (const auto* p = e.if_is<PaidOut>()) return p->amount;
  if (const auto* r = e.if_is<Reduced>()) return r->amount;
  return 0;
}

std::optional<Date> grounds_date_of(const Event& e) {
  if (const auto* p = e.if_is<Postponed>()) return p->grounds_date;
  if (const auto* s = e.if_is<Suspended>()) return s->grounds_date;
  if (const auto* t = e.if_is<Terminated>()) return t->grounds_date;
  if (const auto* u = e.if_is<UnableDecided>()) return u->grounds_date;
  return std::nullopt;
}

const std::string& to_agency_of(const Event& e) {
  static const std::string none;
  if (const auto* x = e.if_is<EntrustedOut>()) return x->to_agency;
  if (const auto* p = e.if_is<PulledUp>()) return p->to_agency;
  return none;
}

}  // namespace thads
