// The steering views as JSON, shared by the API (steering_api.cc) and the
// pages (steering_pages.cc, whose templates read the same keys plus their
// Vietnamese labels).
#pragma once

#include <nlohmann/json.hpp>

#include "modules/steering/app/steering_use_cases.h"

namespace thads::steering {

nlohmann::json cell_json(const Cell& c);
nlohmann::json task_json(const Task& t);
nlohmann::json body_cells_json(const BodyCells& b);
nlohmann::json directive_json(const DirectiveView& v);
nlohmann::json matrix_json(const Matrix& m);
nlohmann::json key_case_json(const KeyCase& k, Date today);
nlohmann::json committee_json(const CommitteeView& c);
std::string status_label_vi(const std::string& status);
// A document a report cites, for the pages and the API: its hash, name,
// type and size, with the page's download link and Vietnamese labels.
nlohmann::json document_json(const AttachmentRef& a);
// The Vietnamese of a steering refusal: the attached files' own codes
// (app/attachments.h), else the common wording (http::refusal_vi).
std::string steering_refusal_vi(const Refusal& r);

}  // namespace thads::steering
