// Public naming of a body that does not comply (đăng tải công khai việc
// không chấp hành án hành chính, NĐ 71/2016/NĐ-CP Art. 30): what the public
// list shows of a monitoring file while it is published.
//
// Contract: pure. A file is on the list from its first `published` act until
// an `unpublished` act, whether or not the file has ended (a file that ends
// while published stays listed until it is taken down). Only the fields the
// list may show are here: the debtor's name and address, the compel order,
// the obligation and the portals; never the creditor or anything else.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/oversight/domain/stream.h"

namespace thads::oversight {

struct Publication {
  std::string id, agency, debtor_name, debtor_address, obligation;
  std::string compel_number, compel_court;
  Date compel_order_date;
  Date since;  // the first `published` of the current publication
  std::vector<std::string> portals;  // the current publication's, in the order province, national, government
};

// nullopt unless the stream is an admin_judgment published now.
std::optional<Publication> current_publication(const Stream& s);

// The portals the law requires for a debtor level (Art. 30(2)): the
// province's, and also the national and the government's for a central or
// provincial debtor.
std::vector<std::string> required_portals(std::string_view debtor_level);

}  // namespace thads::oversight
