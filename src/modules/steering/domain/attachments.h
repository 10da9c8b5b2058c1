// Attached documents (tài liệu kèm theo) of a body's progress report on a
// directive task (issue 17 item 1: "text, attached documents, a status").
//
// A document is kept by its content: the journal holds it as `attachment`
// records (docs/formats/steering.md), one per part of at most
// kAttachmentPartBytes, keyed by the SHA-256 of the whole content, so that
// every interchange line stays under the 1 MiB limit (interchange.md) and
// the document is exported, imported, backed up and hash-chained like any
// other record. A task report cites its documents in `documents`: the hash,
// the file's name, its media type and its size. The same content cited twice
// is stored once.
//
// Contract: pure. These functions check what needs no stored state; the
// base64 decoding and the SHA-256 check of the content are the app's
// (app/attachments.h), which alone calls libsodium.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/refusal.h"

namespace thads::steering {

// A document's largest size, and the size of each of its parts but the last.
inline constexpr int64_t kMaxAttachmentBytes = 3 * 1024 * 1024;
inline constexpr int64_t kAttachmentPartBytes = 512 * 1024;
inline constexpr int64_t kMaxAttachmentParts =
    (kMaxAttachmentBytes + kAttachmentPartBytes - 1) / kAttachmentPartBytes;
// A report cites at most this many documents.
inline constexpr size_t kMaxAttachmentsPerReport = 5;
// A file name's longest length, in bytes of UTF-8.
inline constexpr size_t kMaxAttachmentNameBytes = 200;

// The kinds of document a report may carry: office documents, PDF, scans.
struct MediaType {
  std::string_view type, extension, label_vi;
};
inline constexpr MediaType kMediaTypes[] = {
    {"application/pdf", "pdf", "PDF"},
    {"application/vnd.oasis.opendocument.text", "odt", "Văn bản ODT"},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Văn bản Word"},
    {"application/msword", "doc", "Văn bản Word"},
    {"application/vnd.oasis.opendocument.spreadsheet", "ods", "Bảng tính ODS"},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "Bảng tính Excel"},
    {"application/vnd.ms-excel", "xls", "Bảng tính Excel"},
    {"image/jpeg", "jpg", "Ảnh JPEG"},
    {"image/png", "png", "Ảnh PNG"},
    {"text/plain", "txt", "Văn bản thuần"},
};
bool media_type_allowed(std::string_view type);
std::string media_type_label_vi(std::string_view type);
// The media type a file's name says by its extension (case-insensitive;
// "jpeg" is "jpg"); nullopt when it is none of kMediaTypes.
std::optional<std::string> media_type_of_name(std::string_view name);

// A file name as a report may cite it: UTF-8, 1–kMaxAttachmentNameBytes
// bytes, no control characters, no path separators; nullopt when it is
// fine, else what is wrong.
std::optional<std::string> bad_file_name(std::string_view name);
// "64 lowercase hex digits".
bool valid_sha256_hex(std::string_view s);

// A document a task report cites.
struct AttachmentRef {
  std::string sha256, name, media_type;
  int64_t size = 0;
};
// The `documents` field of a task report (absent or null: none); a refusal
// (bad_field) names what is wrong.
std::variant<std::vector<AttachmentRef>, Refusal> parse_attachment_refs(const nlohmann::json& report);
nlohmann::json to_json(const AttachmentRef& a);

// One part of a document, as journalled: {"kind":"attachment","sha256",
// "part","parts","size","media_type","content"} with `content` the part's
// bytes in standard base64. Part k (1-based) holds bytes
// [(k-1)·kAttachmentPartBytes, min(k·kAttachmentPartBytes, size)).
struct AttachmentPart {
  std::string sha256, media_type, content_base64;
  int64_t part = 1, parts = 1, size = 0;
  std::string raw;  // the canonical line journalled
  // The number of bytes this part must decode to.
  int64_t expected_bytes() const;
};
std::variant<AttachmentPart, Refusal> parse_attachment_part(const nlohmann::json& o);
// The parts' count for a document of `size` bytes.
int64_t parts_for(int64_t size);
// The journalled part k of a document whose part is given in base64.
AttachmentPart make_attachment_part(const std::string& sha256, const std::string& media_type, int64_t size,
                                    int64_t part, std::string content_base64);

}  // namespace thads::steering
