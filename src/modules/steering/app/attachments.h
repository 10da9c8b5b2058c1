// Attached documents of a body's progress report (domain/attachments.h): the
// upload turned into journal parts, the parts checked on import, and the
// download with the reader's right checked.
//
// Contract: an upload is checked whole (name, type, size, at most
// kMaxAttachmentsPerReport) before anything is written; its parts are
// appended in the same transaction as the report that cites it, so a refused
// report leaves no document behind. A document already stored whole is not
// stored again. Reading a document needs the right to read one of the task
// reports citing it (read_steering over the task's agency); outside the
// reader's subtree the answer is not_found. The content read back is checked
// against its SHA-256.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "app/accounts.h"
#include "domain/refusal.h"
#include "modules/steering/domain/attachments.h"
#include "store/store.h"

namespace thads::steering {

// Lowercase hex SHA-256 of bytes (libsodium).
std::string sha256_hex(std::string_view bytes);
// Standard base64 (with padding), and back; nullopt when `b64` is not.
std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view b64);

// A file as a user sends it: its name, the media type the client declared
// ("" or application/octet-stream when it declared none) and its bytes.
struct Upload {
  std::string name, media_type, bytes;
};
// An upload checked and cut into its journal parts.
struct PreparedUpload {
  AttachmentRef ref;
  std::vector<AttachmentPart> parts;
};
// Refusals (stable codes; the steering pages word them in Vietnamese):
// file_empty, file_too_large (over kMaxAttachmentBytes), bad_file_name,
// file_type_not_accepted (neither the declared type nor the name's
// extension is one of kMediaTypes), too_many_files.
std::variant<std::vector<PreparedUpload>, Refusal> prepare_uploads(const std::vector<Upload>& uploads);

// Appends the parts of a document not yet stored whole (inside the caller's
// transaction). A document stored in part (an import cut short by its
// author) gets its missing parts.
void append_parts(WriteTx& tx, const PreparedUpload& u, int64_t now_unix, const std::string& actor);

// The import's check of one journalled part against the parts of its
// document already stored (`stored`, their journal bodies in part order):
// it is the next part, its base64 decodes to the bytes its place holds, the
// parts agree on size and type, and the last part completes content of the
// stated hash. Returns nullopt when accepted, or the refusal (bad_field;
// seq_conflict for a part out of order).
std::optional<Refusal> check_part(const AttachmentPart& p, const std::vector<std::string>& stored);

struct Download {
  std::string name, media_type, bytes;
};
// The document `sha256` for `user`, named as the first readable report
// citing it names it (or `name`, when one of them cites it by that name).
// not_found: no such document, none the user may read, or its content not
// (yet) stored whole; integrity_error: the content does not hash to its key.
std::variant<Download, Refusal> attachment_for(Store& store, const User& user, const std::string& sha256,
                                               const std::string& name);

}  // namespace thads::steering
