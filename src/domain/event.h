// The v1 event vocabulary of an enforcement case (interchange.md, "Event types").
//
// An Event is one immutable act on one case ("1 quyết định thi hành án = 1
// việc"): its legal date (`date`, the effective date of the act), when it was
// recorded, who recorded it, and a typed payload: one struct per event type
// (CaseOpened, Collected, Postponed …), held in a variant whose alternative is
// the event's type, so a field exists only on the types that have it.
// `raw` keeps the record as it was written (canonical JSON), so export and the
// audit hash see exactly what was imported.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
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

// The payload of each event type other than case_opened (CaseOpened above),
// with the fields of interchange.md "Event types" under their interchange
// names. A struct per type, so that no field means one thing for one type and
// another for the next.
struct OfficerAssigned {
  std::string officer;  // officer id (phân công chấp hành viên)
};
struct Notified {};
struct Verified {
  std::string result;  // able | unable
  std::string reason;  // optional note
};
struct UnableDecided {
  std::string reason;  // no_income_or_assets | item_gone | address_unknown (Art. 44a(1))
  bool prisoner = false;  // serving a prison term of 2 years or more (NĐ62 Art. 9(1))
  std::optional<Date> grounds_date;
};
struct Resumed {};
struct Postponed {
  std::string ground;  // 48.1.a … 48.1.h, 48.2 (Art. 48)
  std::optional<Date> grounds_date;
};
struct Suspended {
  std::string ground;  // protest | bankruptcy (Art. 49)
  std::optional<Date> grounds_date;
};
struct Collected {
  Money amount = 0;
  std::string method;  // voluntary | coerced | settled
};
struct PaidOut {
  Money amount = 0;
  std::string to;  // payee
};
struct Reduced {
  Money amount = 0;
};
struct Terminated {
  std::string ground;  // 50.1.a … 50.1.h (Art. 50)
  std::optional<Date> grounds_date;
};
struct Completed {};
struct EntrustedOut {
  std::string to_agency;
};
struct PulledUp {
  std::string to_agency;
};
struct RequestSentBack {};
struct MovedToSeparateRegister {};
struct CoercionPlanned {
  Date scheduled_date;
  std::string measure;
  bool mobilised_forces = false;
};
struct CoercionExecuted {
  std::string measure;
};
struct Voided {
  int64_t voids = 0;  // seq of the target
  std::string reason;
};
struct Reversed {
  int64_t reverses = 0;  // seq of the collected / paid_out entry
  std::string reason;
};
struct ReversalApproved {
  int64_t approves = 0;  // seq of the `reversed` event
};

// One alternative per EventType, in the enum's order: payload.index() is the
// event's type (Event::set keeps them together).
using Payload = std::variant<std::shared_ptr<const CaseOpened>, OfficerAssigned, Notified, Verified, UnableDecided,
                             Resumed, Postponed, Suspended, Collected, PaidOut, Reduced, Terminated, Completed,
                             EntrustedOut, PulledUp, RequestSentBack, MovedToSeparateRegister, CoercionPlanned,
                             CoercionExecuted, Voided, Reversed, ReversalApproved>;
static_assert(std::variant_size_v<Payload> == kEventTypeCount);

struct Event {
  std::string case_id;
  int64_t seq = 0;
  EventType type = EventType::notified;  // == payload.index()
  Date date;                  // legal (effective) date of the act
  int64_t recorded_at = 0;    // unix seconds, UTC
  std::string actor;          // officer id or user name; may be empty
  Payload payload = Notified{};
  std::string raw;  // canonical JSON of the record as imported

  // Sets the payload and the type that goes with it.
  template <class P>
  void set(P p) {
    payload = std::move(p);
    type = static_cast<EventType>(payload.index());
  }
  // Makes the event one of type `t` with an empty payload of that type.
  void set_type(EventType t);
  // The payload of the event's own type; throws std::bad_variant_access when
  // the event is of another type (a programming error).
  template <class P>
  const P& as() const { return std::get<P>(payload); }
  template <class P>
  P& as() { return std::get<P>(payload); }
  // The payload when the event is of that type, else nullptr.
  template <class P>
  const P* if_is() const { return std::get_if<P>(&payload); }
  // case_opened's payload (the case's opening record); empty for other types.
  const std::shared_ptr<const CaseOpened>& opened() const;
};

// What several types share, read without a switch at each use:
// the amount of collected, paid_out and reduced (0 for the others);
Money amount_of(const Event& e);
// the date the grounds arose, of postponed, suspended, terminated and
// unable_decided (nullopt for the others or when not given);
std::optional<Date> grounds_date_of(const Event& e);
// the receiving agency of entrusted_out and pulled_up ("" for the others);
const std::string& to_agency_of(const Event& e);

}  // namespace thads
