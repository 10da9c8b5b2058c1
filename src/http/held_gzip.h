// Held answers sent compressed (issue 15 "Speed": one agency's work queue
// p99 < 50 ms at 256 connections). A held answer (a work queue: about 130 KB
// of JSON for a region at the national volumes) is served thousands of
// times a second unchanged; copying it through the sockets is what costs.
// For a client that accepts gzip (RFC 9110 §12.5.3; every browser does) its
// body is compressed once, the first time it is asked for, and the
// compressed bytes (about a tenth) are sent to every later request while
// the answer is held.
//
// Contract: thread-safe. A compressed body is kept only while its owner
// (the held answer) lives and is found by that owner's identity, so it is
// never served for another answer; at most kMaxEntries bodies and kMaxBytes
// bytes are kept (the least recently asked for are dropped). RESTinio's
// zlib transform compresses.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "http/http_types.h"

namespace thads::http {

inline constexpr size_t kHeldGzipMaxEntries = 4096;
inline constexpr size_t kHeldGzipMaxBytes = 64u * 1024 * 1024;
// Bodies smaller than this go as they are: compressing them saves little.
inline constexpr size_t kGzipMinBytes = 1024;

// The client's Accept-Encoding names gzip (or "*") with a weight above 0.
bool accepts_gzip(const Request& req);

// The JSON body of a held answer owned by `owner`: gzip-compressed (with
// Content-Encoding: gzip) when the client accepts it and the body is at
// least kGzipMinBytes, else as it is; always with Vary: Accept-Encoding.
Response held_json_response(const Request& req, const std::shared_ptr<const void>& owner, const std::string& body);

// What is kept (for tests and /metrics).
struct HeldGzipStats {
  size_t entries = 0, bytes = 0, compressed = 0;  // compressed: bodies compressed since start
};
HeldGzipStats held_gzip_stats();

}  // namespace thads::http
