#include "modules/coordination/app/request_letter_pdf.h"

#include "app/access.h"
#include "app/agency_directory.h"
#include "app/pdf_document.h"
#include "modules/coordination/domain/request_letter.h"
#include "modules/coordination/store/coordination_store.h"
#include "modules/oversight/app/oversight_access.h"
#include "modules/oversight/domain/stream.h"
#include "modules/oversight/store/oversight_store.h"

namespace thads::coordination {
namespace {

using oversight::Act;
using oversight::StreamKind;

Refusal not_found(const std::string& what) { return Refusal{"not_found", what, ""}; }

}  // namespace

// "Hà Nội" from "Thi hành án dân sự thành phố Hà Nội": the province's name
// without the agency's and the unit's words (NĐ 30/2020 Appendix I, II.4:
// the place is the name of the province where the issuing body sits).
std::string place_of(const AgencyTree& tree, int i) {
  int p = i;
  while (tree.at(p).level != "province" && tree.at(p).parent_index >= 0) p = tree.at(p).parent_index;
  std::string name = tree.at(p).name;
  for (const char* prefix : {"Thi hành án dân sự ", "Cục Thi hành án dân sự ", "thành phố ", "Thành phố ", "tỉnh ", "Tỉnh "})
    if (name.rfind(prefix, 0) == 0) name = name.substr(std::string(prefix).size());
  return name;
}

std::string officer_name(Store& store, const std::string& id) {
  for (const OfficerRecord& o : store.officers())
    if (o.id == id) return o.name;
  return {};
}

std::variant<LetterPdf, Refusal> request_letter_pdf(Store& store, const User& user, const std::string& case_id,
                                                    const std::string& request_id, int64_t seq) {
  // As the case page's section: roles that do not read requests (steering) get none.
  if (!oversight::reads_kind(user.role, StreamKind::request)) return Refusal{"forbidden", "your role reads no requests", ""};
  auto row = oversight::stream_row(store.db(), request_id);
  if (!row || row->case_id != case_id || row->kind != "request")
    return not_found("no request " + request_id + " on case " + case_id);
  const AgencyTree tree = load_agency_tree(store);
  const std::string officer = oversight::case_officer(store.db(), case_id);
  const oversight::StreamScope scope{StreamKind::request, row->agency, "", officer};
  if (Verdict v = oversight::read_stream(Access(tree), Actor::of(user), scope); v != Verdict::allow)
    return v == Verdict::not_found ? not_found("no request " + request_id) : Refusal{"forbidden", "you may not read this request", ""};
  const oversight::Stream s(oversight::load_acts(store.db(), StreamKind::request, request_id));
  if (!s.exists()) return not_found("no request " + request_id);
  const Act& sent = s.acts().front();
  const Act* act = nullptr;
  for (const Act* a : s.effective())
    if (a->seq == seq) act = a;
  if (!act || !has_letter(act->type, sent.text("purpose")))
    return not_found("act " + std::to_string(seq) + " of " + request_id + " has no letter");

  LetterFacts f;
  f.act = act->type;
  f.purpose = sent.text("purpose");
  f.request_id = request_id;
  f.sent_date = sent.date;
  f.date = act->date;
  f.body_name = sent.text("body");
  if (auto b = body_entry(store.db(), f.body_name)) f.body_name = b->body.name;
  f.subject_name = sent.text("subject", "name");
  f.subject_id = sent.text("subject", "id_number");
  f.amount = sent.integer("amount");
  f.case_id = case_id;
  const std::vector<Event> events = store.load_stream(case_id);
  if (!events.empty() && events.front().opened()) {
    const CaseOpened& o = *events.front().opened();
    f.judgment_number = o.judgment.number, f.judgment_court = o.judgment.court, f.judgment_date = o.judgment.date;
    if (o.debtor.name == f.subject_name) f.debtor_address = o.debtor.address;
  }
  f.officer_name = officer_name(store, officer);
  const auto agency = tree.find(row->agency);
  f.agency_name = agency ? tree.at(*agency).name : row->agency;
  const LetterText t = letter_text(f);

  PdfDocument pdf;
  pdf.set_info(t.title, f.agency_name);
  OfficialHeader h;
  if (agency && tree.at(*agency).parent_index >= 0) h.governing_body = tree.at(tree.at(*agency).parent_index).name;
  h.issuing_body = f.agency_name;
  h.number = t.number;
  h.place = agency ? place_of(tree, *agency) : "";
  h.date = f.date;
  pdf.official_header(h);
  pdf.title(t.title);
  pdf.subtitle(t.subtitle);
  pdf.space(6);
  for (const std::string& b : t.basis) pdf.line(b);
  pdf.space(6);
  pdf.line(t.addressee);
  for (const std::string& p : t.paragraphs) pdf.paragraph(p);
  pdf.signature(SignatureBlock{t.recipients, "", "CHẤP HÀNH VIÊN", f.officer_name.empty() ? user.login : f.officer_name});
  return LetterPdf{pdf.bytes(), request_id + "-" + std::to_string(seq) + ".pdf"};
}

}  // namespace thads::coordination
