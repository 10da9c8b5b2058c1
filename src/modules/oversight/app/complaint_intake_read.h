// The intake facts of a complaint or a denunciation (issue 15 items 2-3),
// for its page and the API: who must resolve it at this level (Luật THADS
// Art. 142 / 157, domain/complaint_intake.h), whether the complaint came
// within the time limit of Art. 140(2) (its `lodge` deadline), and the links
// between a second-level complaint and the first.
//
// Contract: reads only; the caller has already read the stream through
// oversight_read.h read_stream (which checked the user's right to it).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "modules/oversight/app/oversight_read.h"
#include "modules/oversight/domain/complaint_intake.h"

namespace thads::oversight {

struct Intake {
  Resolver resolver;
  std::string resolver_label;    // Vietnamese
  std::optional<Deadline> lodge;  // complaints: Art. 140(2)
  std::string first;              // a level-2 complaint: the first-level complaint it follows
  std::vector<std::string> second_level;  // a complaint: the level-2 complaints that follow it
  std::optional<DecisionSending> sending;  // a resolved complaint: who has its decision (TT 13/2021 Art. 14)
};

// nullopt unless the stream is a complaint or a denunciation.
std::optional<Intake> intake_of(Store& store, const StreamView& v);
// {"resolver":{"kind","agency","label","article"},"lodge":{…}|null,"first","second_level":[…],
//  "decision_sending":{"sent":[…],"missing":[…],"last_sent","how"}|null}
nlohmann::json intake_json(const Intake& in);

}  // namespace thads::oversight
