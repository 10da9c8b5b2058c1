// The v1 event vocabulary of an enforcement case (interchange.md, "Event types").
//
// An Event is one immutable act on one case ("1 quyết định thi hành án = 1
// việc"): its legal date (`date`, the effective date of the act), when it was
// recorded, who recorded it, and a typed payload. Only the payload fields of
// the event's own type are meaningful; the rest keep their defaults.
// `raw` keeps the record as it was written (canonical JSON), so export and the
// audit hash see exactly what was imported.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/money.h"

namespace thads {

enum class EventType : uint8_t {
  case_opened,                 // quyết định thi hành án; opens the case (thụ lý)
  officer_assigned,            // phân công chấp hành viên
  notified,                    // thông báo hợp lệ; the voluntary period starts
  verified,                    // xác minh điều kiện thi hành án (Art. 44)
  unable_decided,              // QĐ về việc chưa có điều kiện thi hành án (Art. 44a)
  resumed,                     // quyết định tiếp tục thi hành án
  postponed,                   // hoãn thi hành án (Art. 48)
  suspended,                   // tạm đình chỉ thi hành án (Art. 49)
  collected,                   // thu tiền / giá trị tài sản
  paid_out,                    // chi trả cho người được thi hành án
  reduced,                     // giảm nghĩa vụ thi hành án (Art. 61–64)
  terminated,                  // đình chỉ thi hành án (Art. 50)
  completed,                   // thi hành xong
  entrusted_out,               // ủy thác thi hành án (Art. 55–57)
  pulled_up,                   // rút hồ sơ lên cấp trên
  request_sent_back,           // gửi lại yêu cầu thi hành án (L.106 Art. 38(4))
  moved_to_separate_register,  // chuyển sổ theo dõi riêng (NĐ62 Art. 9(5))
  coercion_planned,            // kế hoạch cưỡng chế (Art. 72)
  coercion_executed,           // cưỡng chế
  voided,                      // correction: the target no longer counts
  // thads extension (docs/formats/reversal.md): correcting a money entry.
  reversed,                    // bút toán đảo: the officer reverses a collected / paid_out entry
  reversal_approved,           // the head approves it; the entry stops counting from this date
};
inline constexpr int kEventTypeCount = 22;

std::string_view to_string(EventType t);
std::optional<EventType> event_type_from(std::string_view s);
// Vietnamese label for the UI ("Thu tiền", …).
std::string_view label_vi(EventType t);

// Events after which the case has ended (interchange.md: only `voided` may follow).
bool is_ending(EventType t);

// A case's status while open (statistics.md "Case states over time").
enum class Status : uint8_t { active, postponed_agreed, postponed_suspended, unable };
std::string_view to_string(Status s);
std::string_view label_vi(Status s);

enum class Mode : uint8_t { proactive, on_request };  // chủ động / theo đơn
std::string_view to_string(Mode m);

struct Party {
  std::string name;
  std::string kind;       // person | organization | state
  std::string id_number;  // optional; never shown publicly
  std::string address;    // optional
};

struct Judgment {
  std::string number;
  std::string court;
  Date date;
  Date effective_date;
  std::optional<Date> received_date;  // ngày nhận bản án (proactive deadline)
};

// Obligation categories, in the order of interchange.md.
// maintenance, wages, injury_compensation are priority 1 and court_fee is
// priority 2 of the payment order (L.THADS Art. 47(1)).
struct Obligation {
  std::string category;
  std::optional<Money> amount;
};

struct CaseOpened {
  std::string agency;
  Mode mode = Mode::proactive;
  std::string judgment_kind;
  Judgment judgment;
  Party debtor;
  Party creditor;
  std::vector<Obligation> obligations;
  std::vector<std::string> flags;     // credit_institution, corruption_economic
  std::optional<Date> request_date;   // on_request only
  std::string entrusted_from_agency;  // optional
  std::string entrusted_from_case;    // optional

  Money opened_amount() const;  // sum of the obligations' amounts; INT64_MAX when it would overflow
};

struct Event {
  std::string case_id;
  int64_t seq = 0;
  EventType type = EventType::notified;
  Date date;                  // legal (effective) date of the act
  int64_t recorded_at = 0;    // unix seconds, UTC
  std::string actor;          // officer id or user name; may be empty

  // --- payload (only the fields of `type`) ---
  std::shared_ptr<const CaseOpened> opened;  // case_opened
  Money amount = 0;                          // collected, paid_out, reduced
  std::string code;    // verified.result, unable_decided.reason, postponed/
                       // suspended/terminated.ground, collected.method,
                       // coercion_*.measure
  std::string reason;  // verified.reason, voided.reason, reversed.reason
  std::string target;  // officer_assigned.officer, paid_out.to,
                       // entrusted_out/pulled_up.to_agency
  bool flag = false;   // unable_decided.prisoner, coercion_planned.mobilised_forces
  std::optional<Date> grounds_date;    // postponed/suspended/terminated/unable_decided
  std::optional<Date> scheduled_date;  // coercion_planned
  int64_t voids = 0;                   // voided: seq of the target
  int64_t reverses = 0;                // reversed: seq of the collected / paid_out entry
  int64_t approves = 0;                // reversal_approved: seq of the `reversed` event

  std::string raw;  // canonical JSON of the record as imported
};

}  // namespace thads
