// Journal layout 2 (store/journal_codec.h, docs/storage.md): a new SQLite
// store keeps its journal's bodies packed with a dictionary trained from its
// own entries, its hashes as bytes and its streams by number, and reads back
// through the view `journal` exactly what a store of layout 1 holds.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <random>
#include <sstream>

#include "app/import.h"
#include "store/journal_codec.h"
#include "../support/demo_cases.h"
#include "../support/temp_store.h"

namespace thads {
namespace {

using testing::fresh_location;

// Bodies shaped like the journal's: canonical JSON, keys recurring.
std::vector<std::string> sample_bodies(int n) {
  std::mt19937 rng(7);
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    out.push_back(R"({"case":"HN-2025-)" + std::to_string(100000 + static_cast<int>(rng() % 900000)) +
                  R"(","date":"2025-0)" + std::to_string(1 + rng() % 9) + R"(-1)" + std::to_string(rng() % 10) +
                  R"(","kind":"event","amount":)" + std::to_string(rng() % 100000000) + R"(,"seq":)" +
                  std::to_string(1 + rng() % 20) + R"(,"type":")" +
                  (i % 3 == 0 ? "payment_received" : i % 3 == 1 ? "notified" : "officer_assigned") + "\"}");
  }
  return out;
}

// A codec whose store holds one dictionary, id 1, trained on sample_bodies.
struct TrainedCodec {
  std::string dict = train_journal_dictionary(sample_bodies(3000), 16 * 1024).value();
  JournalCodec codec{[this](int id) -> std::optional<std::string> {
    if (id == 1) return dict;
    return std::nullopt;
  }};
};

TEST(JournalCodec, PacksAndUnpacksEveryTextByteForByte) {
  TrainedCodec t;
  JournalCodec& codec = t.codec;
  std::string noise(300000, '\0');
  std::mt19937 rng(3);
  for (char& c : noise) c = static_cast<char>(rng());
  const std::vector<std::string> texts = {
      sample_bodies(1).front(), "", std::string("a\0b", 3), "{\"name\":\"Nguyễn Thị Ánh\"}", noise,
      std::string(100000, '{')};
  for (const std::string& text : texts) {
    const std::string blob = codec.pack(text, 1);
    EXPECT_EQ(static_cast<unsigned char>(blob[0]), 1);
    EXPECT_EQ(codec.unpack(blob), text) << text.size();
  }
  // A body of the kind trained on takes a fraction of its size.
  const std::string body = sample_bodies(2).back();
  EXPECT_LT(codec.pack(body, 1).size() * 2, body.size());
}

TEST(JournalCodec, ABlobThatDoesNotUnpackIsAnErrorNotAGuess) {
  TrainedCodec t;
  JournalCodec& codec = t.codec;
  const std::string blob = codec.pack(sample_bodies(1).front(), 1);
  std::string other = blob;
  other[0] = 2;  // a dictionary the store does not hold
  EXPECT_THROW(codec.unpack(other), JournalCodecError);
  EXPECT_THROW(codec.unpack(blob.substr(0, blob.size() / 2)), JournalCodecError);
  EXPECT_THROW(codec.unpack(blob.substr(0, 1)), JournalCodecError);
  EXPECT_THROW(codec.unpack(""), JournalCodecError);
  EXPECT_THROW(codec.unpack(std::string("\x01not a zstd frame at all", 24)), JournalCodecError);
  // A frame that says it holds more than any body may: refused before any
  // memory is taken for it.
  const std::string huge = codec.pack(std::string(JournalCodec::kMaxBody + 1, 'x'), 1);
  EXPECT_LT(huge.size(), 100000u);
  EXPECT_THROW(codec.unpack(huge), JournalCodecError);
  EXPECT_THROW(codec.pack("x", 0), JournalCodecError);
  EXPECT_THROW(codec.pack("x", 256), JournalCodecError);
}

TEST(JournalCodec, TooFewSamplesTrainNoDictionaryAndHashesAreBytesOnlyWhenHex) {
  EXPECT_FALSE(train_journal_dictionary({"{}", "{}", "{}"}, 16 * 1024).has_value());
  const std::string hex = "00ff7a" + std::string(58, '1');
  const auto b = hash_bytes(hex);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->size(), 32u);
  EXPECT_EQ(static_cast<unsigned char>((*b)[1]), 0xff);
  EXPECT_FALSE(hash_bytes("00FF7A" + std::string(58, '1')).has_value());  // upper case would not read back the same
  EXPECT_FALSE(hash_bytes(hex.substr(1)).has_value());
  EXPECT_FALSE(hash_bytes(std::string(64, 'g')).has_value());
}

// Every journal entry as the view (or the table) `journal` gives it.
std::vector<std::string> journal_rows(Store& s) {
  std::vector<std::string> out;
  s.db().run("SELECT pos, kind, stream, seq, recorded_at, actor, body, hash FROM journal ORDER BY pos", {},
             [&](const Row& r) {
               std::string line;
               for (size_t k = 0; k < 8; ++k) line += r.s(k) + "\x1f";
               out.push_back(line);
             });
  return out;
}

class ScopedLayoutEnv {
 public:
  explicit ScopedLayoutEnv(const char* v) { ::setenv("THADS_SQLITE_JOURNAL_LAYOUT", v, 1); }
  ~ScopedLayoutEnv() { ::unsetenv("THADS_SQLITE_JOURNAL_LAYOUT"); }
};

std::unique_ptr<Store> imported(const std::string& text, const char* layout) {
  ScopedLayoutEnv env(layout);
  auto s = Store::open(fresh_location("sqlite"));
  std::istringstream in(text);
  ImportOptions opt;
  opt.now_unix = 1764547200;  // the same recorded_at for both stores
  opt.actor = "test";
  const auto res = import_jsonl(*s, in, opt);
  EXPECT_TRUE(res.refusals.empty()) << res.refusals.front().refusal.message;
  return s;
}

TEST(JournalLayout, ANewStoreKeepsItsJournalCompactAndReadsBackWhatLayoutOneHolds) {
  const auto demo = testing::demo_cases(1500, 11, Date::parse("2025-12-01").value());
  auto one = imported(demo.text, "1");
  auto two = imported(demo.text, "2");
  EXPECT_EQ(one->journal_layout(), 1);
  EXPECT_EQ(two->journal_layout(), 2);

  const auto a = journal_rows(*one), b = journal_rows(*two);
  ASSERT_GT(a.size(), 10000u);  // past the point where the dictionary is trained
  EXPECT_EQ(a, b);
  EXPECT_TRUE(one->verify_audit().ok);
  const auto audit = two->verify_audit();
  EXPECT_TRUE(audit.ok) << audit.problem;
  EXPECT_EQ(audit.checked, static_cast<int64_t>(b.size()));

  // Every body is packed (those before the dictionary too), every hash is
  // its 32 bytes, and the bodies take under a third of their text.
  Db& db = two->db();
  EXPECT_EQ(db.one("SELECT COUNT(*) FROM journal_dicts")->i(0), 1);
  EXPECT_EQ(db.one("SELECT COUNT(*) FROM journal_data WHERE typeof(body) <> 'blob' OR typeof(hash) <> 'blob' "
                   "OR length(hash) <> 32")->i(0),
            0);
  const int64_t packed = db.one("SELECT SUM(length(body)) FROM journal_data")->i(0);
  const int64_t text = one->db().one("SELECT SUM(length(CAST(body AS BLOB))) FROM journal")->i(0);
  EXPECT_LT(packed * 3, text) << packed << " of " << text;
  // One row per stream, not per entry.
  EXPECT_EQ(db.one("SELECT COUNT(*) FROM journal_streams")->i(0),
            one->db().one("SELECT COUNT(*) FROM (SELECT DISTINCT kind, stream FROM journal) x")->i(0));

  // The case API's reads see the same cases.
  EXPECT_EQ(one->case_ids(), two->case_ids());
  const std::string id = two->case_ids().at(700);
  EXPECT_EQ(one->load_stream(id).size(), two->load_stream(id).size());
  EXPECT_EQ(one->stream_entries("event", id).back().hash, two->stream_entries("event", id).back().hash);
}

TEST(JournalLayout, AStoreKeepsItsLayoutAndASecondWriterOfAVersionIsStillRefused) {
  const std::string loc = fresh_location("sqlite");
  {
    ScopedLayoutEnv env("1");
    auto s = Store::open(loc);
    EXPECT_EQ(s->journal_layout(), 1);
  }
  auto again = Store::open(loc);  // no longer asked for layout 1: it stays 1
  EXPECT_EQ(again->journal_layout(), 1);

  auto s = Store::open(fresh_location("sqlite"));
  ASSERT_EQ(s->journal_layout(), 2);
  {
    WriteTx tx(*s);
    tx.append("note", "N1", 1, 1764547200, "a", R"({"text":"một"})");
    tx.append("note", "N1", 2, 1764547200, "a", R"({"text":"hai"})");
    tx.commit();
  }
  WriteTx tx(*s);
  EXPECT_THROW(tx.append("note", "N1", 2, 1764547200, "b", R"({"text":"hai lần"})"), VersionConflict);
  // Below the training threshold bodies stay text, and read back as written.
  EXPECT_EQ(s->db().one("SELECT COUNT(*) FROM journal_data WHERE typeof(body) = 'text'")->i(0), 2);
  EXPECT_EQ(s->stream_entries("note", "N1").at(1).body, R"({"text":"hai"})");
}

TEST(JournalLayout, ADictionaryOfARolledBackTransactionIsNeverUsedAgain) {
  const std::string loc = fresh_location("sqlite");
  auto s = Store::open(loc);
  const auto bodies = sample_bodies(12000);
  {
    WriteTx tx(*s);
    for (size_t i = 0; i < bodies.size(); ++i)
      tx.append("note", "A" + std::to_string(i), 1, 1764547200, "a", bodies[i]);
    EXPECT_EQ(s->db().one("SELECT COUNT(*) FROM journal_dicts")->i(0), 1);  // trained, then rolled back
  }
  EXPECT_EQ(s->journal_size(), 0);
  // Other bodies: the dictionary trained now differs from the one forgotten.
  std::vector<std::string> others;
  for (int i = 0; i < 12000; ++i)
    others.push_back(R"({"committee":"BCĐ-)" + std::to_string(i * 7919 % 100003) + R"(","meeting":)" +
                     std::to_string(i) + R"(,"minutes":"Họp lần )" + std::to_string(i % 97) + "\"}");
  {
    WriteTx tx(*s);
    for (size_t i = 0; i < others.size(); ++i)
      tx.append("note", "B" + std::to_string(i), 1, 1764547200, "a", others[i]);
    tx.commit();
  }
  // Read by another connection, which knows only the dictionary stored.
  s.reset();
  auto again = Store::open(loc);
  for (size_t i = 0; i < others.size(); i += 997)
    EXPECT_EQ(again->stream_entries("note", "B" + std::to_string(i)).at(0).body, others[i]);
  EXPECT_TRUE(again->verify_audit().ok);
}

TEST(JournalLayout, WhereNoDictionaryCanBeTrainedTheNextTryWaitsForTheJournalToDouble) {
  auto s = Store::open(fresh_location("sqlite"));
  {
    WriteTx tx(*s);
    for (int i = 0; i < 10000; ++i) tx.append("note", "N" + std::to_string(i), 1, 1764547200, "a", "{}");
    tx.commit();
  }
  Db& db = s->db();
  auto train_at = [&] {
    auto r = db.one("SELECT value FROM meta WHERE key = 'journal_train_at'");
    return r ? r->s(0) : std::string("(none)");
  };
  ASSERT_EQ(db.one("SELECT COUNT(*) FROM journal_dicts")->i(0), 0);  // bodies all alike: nothing to learn
  EXPECT_EQ(train_at(), "20000");
  // The next transactions append without training again.
  for (int i = 0; i < 3; ++i) {
    WriteTx tx(*s);
    tx.append("note", "M" + std::to_string(i), 1, 1764547200, "a", R"({"text":"khác"})");
    tx.commit();
  }
  EXPECT_EQ(train_at(), "20000");
  EXPECT_EQ(db.one("SELECT COUNT(*) FROM journal_data WHERE typeof(body) = 'text'")->i(0), 10003);
}

TEST(JournalLayout, APackedFrameCarriesNoDictionaryIdNorChecksum) {
  const auto demo = testing::demo_cases(1500, 13, Date::parse("2025-12-01").value());
  auto s = imported(demo.text, "2");
  // Our byte naming the dictionary, the zstd magic, then the frame header
  // descriptor: its dictionary-id bits (0–1) and checksum bit (2) are 0.
  s->db().run("SELECT hex(substr(body, 1, 6)) FROM journal_data WHERE pos % 1000 = 0", {}, [&](const Row& r) {
    const std::string h = r.s(0);
    ASSERT_EQ(h.substr(0, 10), "0128B52FFD") << h;
    const int fhd = std::stoi(h.substr(10, 2), nullptr, 16);
    EXPECT_EQ(fhd & 0x07, 0) << h;
  });
}

TEST(JournalLayout, APackedBodyAlteredInTheFileIsAFindingOfTheAudit) {
  const auto demo = testing::demo_cases(1500, 12, Date::parse("2025-12-01").value());
  auto s = imported(demo.text, "2");
  const std::string file = s->db().one("PRAGMA database_list")->s(2);
  const int64_t pos = 5000;
  s.reset();
  // Bytes of the packed frame changed, as an editor of the file would.
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &h), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(h, "SELECT body FROM journal_data WHERE pos = ?", -1, &st, nullptr), SQLITE_OK);
  sqlite3_bind_int64(st, 1, pos);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  std::string blob(static_cast<const char*>(sqlite3_column_blob(st, 0)), static_cast<size_t>(sqlite3_column_bytes(st, 0)));
  sqlite3_finalize(st);
  for (size_t k = 6; k < blob.size(); k += 3) blob[k] = static_cast<char>(blob[k] ^ 0x5a);
  ASSERT_EQ(sqlite3_prepare_v2(h, "UPDATE journal_data SET body = ? WHERE pos = ?", -1, &st, nullptr), SQLITE_OK);
  sqlite3_bind_blob(st, 1, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
  sqlite3_bind_int64(st, 2, pos);
  ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
  sqlite3_finalize(st);
  sqlite3_close(h);

  auto again = Store::open(file);
  const auto audit = again->verify_audit();
  EXPECT_FALSE(audit.ok);
  ASSERT_TRUE(audit.first_bad.has_value());
  EXPECT_EQ(audit.first_bad->pos, pos) << audit.problem;
  EXPECT_EQ(audit.checked, pos - 1);
}

}  // namespace
}  // namespace thads
