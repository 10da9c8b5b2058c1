#include "modules/steering/app/attachments.h"

#include <sodium.h>

#include <stdexcept>

#include "app/access.h"
#include "app/agency_directory.h"
#include "modules/steering/app/steering_access.h"
#include "modules/steering/app/steering_use_cases.h"
#include "modules/steering/store/steering_store.h"

namespace thads::steering {
namespace {

void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
}

const unsigned char* bytes_of(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// The content of a document's stored parts, in order; nullopt when a part
// is missing or unreadable. `parts` < 0: as many as the first part says.
std::optional<std::string> content_of(const std::vector<std::string>& bodies, int64_t parts) {
  if (parts < 0 && !bodies.empty()) {
    auto j = nlohmann::json::parse(bodies.front(), nullptr, false);
    if (j.is_discarded() || !j.contains("parts") || !j["parts"].is_number_integer()) return std::nullopt;
    parts = j["parts"].get<int64_t>();
  }
  if (static_cast<int64_t>(bodies.size()) != parts) return std::nullopt;
  std::string out;
  for (const std::string& b : bodies) {
    auto j = nlohmann::json::parse(b, nullptr, false);
    if (j.is_discarded() || !j.contains("content") || !j["content"].is_string()) return std::nullopt;
    auto bytes = base64_decode(j["content"].get_ref<const std::string&>());
    if (!bytes) return std::nullopt;
    out += *bytes;
  }
  return out;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  ensure_sodium();
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, bytes_of(bytes), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

std::string base64_encode(std::string_view bytes) {
  ensure_sodium();
  const size_t n = sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string out(n, '\0');
  sodium_bin2base64(out.data(), n, bytes_of(bytes), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(n - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> base64_decode(std::string_view b64) {
  ensure_sodium();
  std::string out(b64.size() / 4 * 3 + 3, '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(), b64.size(), nullptr,
                        &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != b64.data() + b64.size())
    return std::nullopt;
  out.resize(len);
  return out;
}

std::variant<std::vector<PreparedUpload>, Refusal> prepare_uploads(const std::vector<Upload>& uploads) {
  if (uploads.size() > kMaxAttachmentsPerReport)
    return Refusal{"too_many_files", "a report carries at most " + std::to_string(kMaxAttachmentsPerReport) + " files",
                   ""};
  std::vector<PreparedUpload> out;
  for (const Upload& u : uploads) {
    if (auto bad = bad_file_name(u.name)) return Refusal{"bad_file_name", *bad, ""};
    if (u.bytes.empty()) return Refusal{"file_empty", "the file '" + u.name + "' is empty", ""};
    if (static_cast<int64_t>(u.bytes.size()) > kMaxAttachmentBytes)
      return Refusal{"file_too_large",
                     "the file '" + u.name + "' is larger than " + std::to_string(kMaxAttachmentBytes) + " bytes", ""};
    std::string type = u.media_type;
    if (auto semi = type.find(';'); semi != std::string::npos) type.resize(semi);
    if (!media_type_allowed(type)) {
      auto by_name = media_type_of_name(u.name);
      if (!by_name)
        return Refusal{"file_type_not_accepted",
                       "the file '" + u.name + "' is not a PDF, office document, image or plain text", ""};
      type = *by_name;
    }
    PreparedUpload p;
    p.ref = AttachmentRef{sha256_hex(u.bytes), u.name, type, static_cast<int64_t>(u.bytes.size())};
    const int64_t parts = parts_for(p.ref.size);
    for (int64_t k = 1; k <= parts; ++k) {
      const auto from = static_cast<size_t>((k - 1) * kAttachmentPartBytes);
      const std::string_view piece = std::string_view(u.bytes).substr(from, static_cast<size_t>(kAttachmentPartBytes));
      p.parts.push_back(make_attachment_part(p.ref.sha256, type, p.ref.size, k, base64_encode(piece)));
    }
    out.push_back(std::move(p));
  }
  return out;
}

void append_parts(WriteTx& tx, const PreparedUpload& u, int64_t now_unix, const std::string& actor) {
  const auto last = tx.last_entry("attachment", u.ref.sha256);
  const int64_t have = last ? last->seq : 0;
  for (const AttachmentPart& p : u.parts)
    if (p.part > have) tx.append("attachment", p.sha256, p.part, now_unix, actor, p.raw);
}

std::optional<Refusal> check_part(const AttachmentPart& p, const std::vector<std::string>& bodies) {
  auto bytes = base64_decode(p.content_base64);
  if (!bytes || static_cast<int64_t>(bytes->size()) != p.expected_bytes())
    return Refusal{"bad_field", "field 'content' must hold " + std::to_string(p.expected_bytes()) + " bytes", ""};
  if (static_cast<int64_t>(bodies.size()) != p.part - 1)
    return Refusal{"seq_conflict", "part " + std::to_string(p.part) + " of document " + p.sha256 + " follows part " +
                                       std::to_string(bodies.size()),
                   ""};
  for (const std::string& b : bodies) {  // the parts before it describe the same document
    auto j = nlohmann::json::parse(b, nullptr, false);
    if (j.is_discarded() || j.value("size", int64_t{-1}) != p.size || j.value("media_type", "") != p.media_type)
      return Refusal{"bad_field", "the parts of document " + p.sha256 + " disagree on its size or media type", ""};
  }
  if (p.part < p.parts) return std::nullopt;
  auto before = content_of(bodies, p.parts - 1);
  if (!before || sha256_hex(*before + *bytes) != p.sha256)
    return Refusal{"bad_field", "the content of document " + p.sha256 + " does not hash to its sha256", ""};
  return std::nullopt;
}

std::variant<Download, Refusal> attachment_for(Store& store, const User& user, const std::string& sha256,
                                               const std::string& name) {
  const Refusal none{"not_found", "no such document in your agency's subtree", ""};
  if (!valid_sha256_hex(sha256)) return none;
  const Ledger ledger = load_ledger(store.db());
  const AgencyTree tree = load_agency_tree(store);
  const Access access(tree);
  const Actor actor = Actor::of(user);
  std::optional<AttachmentRef> chosen;
  for (const Record* r : ledger.reports_citing(sha256)) {
    auto t = ledger.tasks().find(r->text("task"));
    if (t == ledger.tasks().end()) continue;
    if (read_steering(access, actor, agency_of_task(ledger, t->second)) != Verdict::allow) continue;
    auto refs = parse_attachment_refs(r->p);
    if (auto* list = std::get_if<std::vector<AttachmentRef>>(&refs))
      for (const AttachmentRef& a : *list)
        if (a.sha256 == sha256 && (!chosen || (a.name == name && chosen->name != name))) chosen = a;
  }
  if (!chosen) return none;
  std::vector<std::string> bodies;
  for (const JournalEntry& e : store.stream_entries("attachment", sha256)) bodies.push_back(e.body);
  auto content = content_of(bodies, -1);
  if (!content) return Refusal{"not_found", "the document's content is not stored whole yet", ""};
  if (sha256_hex(*content) != sha256)
    return Refusal{"integrity_error", "the stored content of document " + sha256 + " does not hash to its key", ""};
  return Download{chosen->name, chosen->media_type, std::move(*content)};
}

}  // namespace thads::steering
