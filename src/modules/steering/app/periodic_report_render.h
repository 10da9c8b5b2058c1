// Rendering a periodic report (app/periodic_report.h): the view model both
// renderers use, the PDF (app/pdf_document.h, NĐ 30/2020 layout, with a
// chart) and the ODT, rendered from the module's flat ODF mustache template
// (templates/periodic_report.fodt; README "The periodic report's template"
// lists its variables) and packed as an OpenDocument package (minizip),
// split into its parts with libxml2.
//
// Contract: report_view() is pure; report_pdf() throws PdfError only when
// the fonts are missing; report_odt() answers a Refusal
// ("template_unusable") when the template cannot be read, rendered or parsed.
#pragma once

#include <string>
#include <variant>

#include "domain/refusal.h"
#include "modules/steering/app/periodic_report.h"

namespace thads::steering {

// The template's variables for one report document (draft_report() or an
// issued version): formatted for people (dd/mm/yyyy, "1.500.000 đ").
ojson report_view(const ojson& doc);

std::string report_pdf(const ojson& doc);

// THADS_STEERING_REPORT_TEMPLATE when set, else the module's template.
std::string report_template_path();
std::variant<std::string, Refusal> report_odt(const ojson& doc, const std::string& template_path);

}  // namespace thads::steering
