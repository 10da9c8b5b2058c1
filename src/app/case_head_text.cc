// append_case_head (app/case_head_text.h): the case API's members other than
// "events", written straight as text. Every object's members are written in
// key order by hand, the order a std::map tree (nlohmann::json) dumps them;
// tests/integration/case_json_text_test.cc holds the text byte for byte to
// the tree's dump for every demo case and for texts that must be escaped.
#include "app/case_head_text.h"

#include <nlohmann/json.hpp>

#include "app/case_detail.h"
#include "domain/deadlines.h"
#include "domain/payment_order.h"

namespace thads {
namespace {

// One JSON object or array written into `out`: the separators, and values
// as the tree's dump writes them (strings escaped by nlohmann's serializer
// unless plain printable ASCII, integers in decimal).
class Writer {
 public:
  explicit Writer(std::string& out)
      : out_(out), ser_(nlohmann::detail::output_adapter<char, std::string>(out), ' ') {}

  Writer& open(char c) {
    out_ += c;
    first_ = true;
    return *this;
  }
  Writer& close(char c) {
    out_ += c;
    first_ = false;
    return *this;
  }
  // The next member's key (ASCII, written as it is) or, with no key, the
  // next item of an array.
  Writer& key(const char* k) {
    item();
    out_ += '"';
    out_ += k;
    out_ += "\":";
    first_ = true;  // the value follows without a comma
    return *this;
  }
  Writer& item() {
    if (!first_) out_ += ',';
    first_ = false;
    return *this;
  }
  void str(std::string_view s) {
    first_ = false;
    for (unsigned char c : s)
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        ser_.dump(nlohmann::json(std::string(s)), false, false, 0);
        return;
      }
    out_ += '"';
    out_ += s;
    out_ += '"';
  }
  // A date as the tree holds it: "" for the unset day (iso() in case_detail.cc).
  void date(Date d) { str(d.days() == 0 ? std::string() : d.iso()); }
  void date_or_null(const std::optional<Date>& d) { d ? str(d->iso()) : null(); }
  void num(int64_t v) {
    first_ = false;
    out_ += std::to_string(v);
  }
  void boolean(bool v) {
    first_ = false;
    out_ += v ? "true" : "false";
  }
  void null() {
    first_ = false;
    out_ += "null";
  }

 private:
  std::string& out_;
  nlohmann::detail::serializer<nlohmann::json> ser_;
  bool first_ = true;
};

void party(Writer& w, const Party& p) {
  w.open('{');
  w.key("address").str(p.address);
  w.key("id_number").str(p.id_number);
  w.key("kind").str(p.kind);
  w.key("name").str(p.name);
  w.close('}');
}

void ledger(Writer& w, const CaseDetail& d) {
  const CaseView& v = d.view;
  const Ledger& l = d.ledger;
  w.open('{');
  w.key("collected").num(v.collected);
  w.key("collections").open('[');
  for (const Collection& c : l.collections) {
    w.item().open('{');
    w.key("amount").num(c.amount);
    w.key("date").str(c.date.iso());
    w.key("fee").num(c.fee);
    w.key("fee_base").num(c.fee_base);
    w.key("method").str(c.method);
    w.key("reversed").boolean(c.reversed);
    w.key("seq").num(c.seq);
    w.key("voluntary_period").boolean(c.voluntary_period);
    w.close('}');
  }
  w.close(']');
  w.key("fee_due").num(l.fee_due);
  w.key("fee_note").str(l.fee_note);
  w.key("paid_out").num(v.paid_out);
  w.key("payment_order").open('{');
  w.key("claims").open('[');
  for (const Allocation& a : l.payout.claims) {
    w.item().open('{');
    w.key("category").str(a.category);
    w.key("outstanding").num(a.outstanding);
    w.key("owed").num(a.owed);
    w.key("paid").num(a.paid);
    w.key("priority").num(a.priority);
    w.close('}');
  }
  w.close(']');
  w.key("returned_to_debtor").num(l.payout.returned_to_debtor);
  w.close('}');
  w.key("remaining").num(v.remaining);
  w.key("reversals").open('[');
  for (const Reversal& r : l.reversals) {
    w.item().open('{');
    w.key("amount").num(r.amount);
    w.key("approved").boolean(r.approved);
    r.approved ? w.key("approved_by").str(r.approved_by) : w.key("approved_by").null();
    w.key("approved_on").date_or_null(r.approved_on);
    w.key("date").str(r.date.iso());
    w.key("entry_type").str(to_string(r.entry_type));
    w.key("reason").str(r.reason);
    w.key("recorded_by").str(r.recorded_by);
    w.key("reverses").num(r.reverses);
    w.key("seq").num(r.seq);
    w.close('}');
  }
  w.close(']');
  // Money is checked for overflow where it is summed; collected ≥ paid_out.
  w.key("undistributed").num(v.collected - v.paid_out);
  w.close('}');
}

void deadlines(Writer& w, const CaseDeadlines& cd) {
  w.open('[');
  for (const Deadline& x : cd.report.deadlines) {
    w.item().open('{');
    w.key("action").str(x.action);
    w.key("article").str(x.article);
    w.key("days_late").num(x.days_late);
    w.key("due").str(x.due.iso());
    w.key("label").str(x.label_vi);
    w.key("met_on").date_or_null(x.met_on);
    if (!x.note.empty()) w.key("note").str(x.note);
    w.key("status").str(to_string(x.state));
    w.close('}');
  }
  w.close(']');
}

}  // namespace

void append_case_head(std::string& out, const CaseDetail& d) {
  const CaseView& v = d.view;
  const CaseOpened& c = *d.opened;
  Writer w(out);
  w.open('{');
  w.key("agency").str(v.agency);
  w.key("collected").num(v.collected);
  w.key("creditor");
  party(w, c.creditor);
  w.key("deadlines");
  deadlines(w, d.deadlines);
  w.key("debtor");
  party(w, c.debtor);
  w.key("end_date");
  v.ended.empty() ? w.null() : w.date(v.end_date);
  w.key("ended");
  v.ended.empty() ? w.null() : w.str(v.ended);
  w.key("flags").open('[');
  for (const std::string& f : c.flags) w.item().str(f);
  w.close(']');
  w.key("id").str(v.case_id);
  w.key("judgment").open('{');
  w.key("court").str(c.judgment.court);
  w.key("date").date(c.judgment.date);
  w.key("effective_date").date(c.judgment.effective_date);
  w.key("number").str(c.judgment.number);
  w.key("received_date").date_or_null(c.judgment.received_date);
  w.close('}');
  w.key("judgment_kind").str(c.judgment_kind);
  w.key("ledger");
  ledger(w, d);
  w.key("mode").str(v.mode.empty() ? std::string_view(to_string(c.mode)) : std::string_view(v.mode));
  w.key("obligations").open('[');
  for (const Obligation& o : c.obligations) {
    w.item().open('{');
    w.key("amount");
    o.amount ? w.num(*o.amount) : w.null();
    w.key("category").str(o.category);
    w.key("priority").num(priority_of(o.category));
    w.close('}');
  }
  w.close(']');
  w.key("officer").str(v.officer);
  w.key("opened_amount").num(v.opened_amount);
  w.key("opened_date").date(d.events.front().date);
  w.key("paid_out").num(v.paid_out);
  w.key("public_unable").boolean(v.public_unable);
  w.key("reduced").num(v.reduced);
  w.key("remaining").num(v.remaining);
  w.key("request_date").date_or_null(c.request_date);
  w.key("status").str(v.status);
  w.key("unable_reason");
  v.unable_reason.empty() ? w.null() : w.str(v.unable_reason);
  w.key("version").num(v.version);
  w.key("warnings").open('[');
  for (const CaseWarning& x : d.warnings) {
    w.item().open('{');
    w.key("article").str(x.article);
    w.key("code").str(x.code);
    w.key("date").str(x.date);
    w.key("message").str(x.message_vi);
    w.close('}');
  }
  w.close(']');
  w.key("written_off").num(v.written_off);
}

}  // namespace thads
