#include "app/reference_admin.h"

#include <sstream>

#include "store/account_store.h"

namespace thads {

ImportResult admin_import(Store& store, const std::string& admin, std::istream& in, int64_t now) {
  ImportOptions opt;
  opt.now_unix = now;
  opt.actor = admin;
  opt.authorize = [&admin](Db& db) -> std::optional<Refusal> {
    auto a = account_store::load_user(db, admin);
    if (!a || !a->active || a->role != "admin")
      return Refusal{"forbidden", "only an active administrator imports and edits reference data", ""};
    return std::nullopt;
  };
  return import_jsonl(store, in, opt);
}

ImportResult record_reference(Store& store, const std::string& admin, const nlohmann::json& record, int64_t now) {
  std::istringstream in(record.dump() + "\n");
  return admin_import(store, admin, in, now);
}

}  // namespace thads
