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

}  // namespace thads::steering
