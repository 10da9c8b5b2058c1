// SQLite adapter of Db: the embedded default (one file, WAL journal).
#include <sqlite3.h>

#include <unordered_map>

#include "store/db.h"
#include "store/journal_codec.h"

namespace thads {
namespace {

class SqliteDb final : public Db {
 public:
  SqliteDb(const std::string& path, bool read_only) {
    if (!read_only) {
      open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      // WAL: readers never block the writer; NORMAL sync is durable at each
      // checkpoint and never corrupts (a crash loses at most the last commits,
      // whole). foreign_keys are not used: the journal is the source of truth.
      exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    } else {
      open(path, SQLITE_OPEN_READONLY);
      // Reading a WAL file needs its -shm side file; where it cannot be
      // created (a read-only directory or medium) the file is read as
      // immutable: nothing else can be writing it there.
      if (!probe()) {
        close();
        open("file:" + uri_path(path) + "?immutable=1", SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
        if (!probe()) throw StoreError("cannot read SQLite store " + path + ": " + sqlite3_errmsg(db_));
      }
    }
    exec("PRAGMA temp_store=MEMORY; PRAGMA cache_size=-262144; PRAGMA mmap_size=2147418112;");
    register_journal_functions();
  }
  ~SqliteDb() override { close(); }

  Dialect dialect() const override { return Dialect::sqlite; }

  void exec(const std::string& sql) override {
    char* err = nullptr;
    if (const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err); rc != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      fail(rc, "SQLite: " + msg);
    }
  }

  int64_t run(const std::string& sql, const std::vector<Value>& params,
              const std::function<void(const Row&)>& on_row) override {
    return step_rows(sql, params, false, [&](const Row& row, std::string_view) {
      if (on_row) on_row(row);
    }, static_cast<bool>(on_row));
  }

  // The last column's bytes straight from SQLite's buffer (no std::string).
  int64_t run_bytes(const std::string& sql, const std::vector<Value>& params,
                    const std::function<void(const Row&, std::string_view)>& on_row) override {
    return step_rows(sql, params, true, on_row, true);
  }

  void begin_write() override {
    exec("BEGIN IMMEDIATE");
    writing_ = true;
  }
  void begin_read() override { exec("BEGIN"); }
  void commit() override {
    exec("COMMIT");
    writing_ = false;
  }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) exec("ROLLBACK");
    // A dictionary stored by a rolled-back write is gone. A read never
    // loads one that is not committed: it keeps what it loaded (a reload
    // per read transaction cost a fifth of the case API's rate).
    if (writing_) codec_.forget();
    writing_ = false;
  }

 private:
  // Steps `sql` with `params`; for each row (when `want_rows`) fills a Row
  // and calls on_row. With `last_as_view` the last column is not copied:
  // the row holds NULL or an empty string there, and its bytes are the view.
  int64_t step_rows(const std::string& sql, const std::vector<Value>& params, bool last_as_view,
                    const std::function<void(const Row&, std::string_view)>& on_row, bool want_rows) {
    sqlite3_stmt* st = prepare(sql);
    // Parameters are bound without a copy (SQLITE_STATIC): `params` outlives
    // every step below, and the bindings are cleared before returning.
    struct Unbind {
      sqlite3_stmt* st;
      ~Unbind() {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
      }
    } unbind{st};
    for (size_t k = 0; k < params.size(); ++k) {
      const int idx = static_cast<int>(k + 1);
      const Value& v = params[k];
      if (auto* n = std::get_if<int64_t>(&v)) sqlite3_bind_int64(st, idx, *n);
      else if (auto* s = std::get_if<std::string>(&v))
        sqlite3_bind_text(st, idx, s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
      else sqlite3_bind_null(st, idx);
    }
    const int ncol = sqlite3_column_count(st);
    const int copied = last_as_view && ncol > 0 ? ncol - 1 : ncol;
    Row row;
    row.cols.resize(static_cast<size_t>(ncol));
    for (;;) {
      const int rc = sqlite3_step(st);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        std::string msg = sqlite3_errmsg(db_);
        fail(rc, "SQLite: " + msg + " in: " + sql.substr(0, 120));
      }
      if (!want_rows) continue;
      for (int c = 0; c < copied; ++c) {
        switch (sqlite3_column_type(st, c)) {
          case SQLITE_NULL: row.cols[static_cast<size_t>(c)] = std::monostate{}; break;
          case SQLITE_INTEGER: row.cols[static_cast<size_t>(c)] = static_cast<int64_t>(sqlite3_column_int64(st, c)); break;
          default: {
            const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
            row.cols[static_cast<size_t>(c)] = std::string(t ? t : "", static_cast<size_t>(sqlite3_column_bytes(st, c)));
          }
        }
      }
      std::string_view bytes;
      if (copied < ncol) {
        if (sqlite3_column_type(st, copied) == SQLITE_NULL) {
          row.cols[static_cast<size_t>(copied)] = std::monostate{};
        } else {
          const void* b = sqlite3_column_blob(st, copied);
          const int n = sqlite3_column_bytes(st, copied);
          row.cols[static_cast<size_t>(copied)] = std::string();
          if (b && n > 0) bytes = std::string_view(static_cast<const char*>(b), static_cast<size_t>(n));
        }
      }
      on_row(row, bytes);
    }
    return sqlite3_changes64(db_);
  }

  void open(const std::string& name, int flags) {
    if (sqlite3_open_v2(name.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      close();
      throw StoreError("cannot open SQLite store " + name + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 10000);
  }

  // Throws the error of result code `rc`: StoreBusy for another writer
  // holding the lock past the busy timeout (SQLITE_BUSY, SQLITE_LOCKED and
  // their extended codes), StoreError for the rest.
  [[noreturn]] static void fail(int rc, const std::string& msg) {
    const int primary = rc & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) throw StoreBusy(msg);
    throw StoreError(msg);
  }

  void close() {
    for (auto& [_, st] : cache_) sqlite3_finalize(st);
    cache_.clear();
    sqlite3_close(db_);
    db_ = nullptr;
  }

  bool probe() { return sqlite3_exec(db_, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) == SQLITE_OK; }

  // A path as the path of a file: URI (RFC 8089; '?', '#' and '%' escaped).
  static std::string uri_path(const std::string& path) {
    std::string out;
    for (const char c : path) {
      if (c == '?') out += "%3f";
      else if (c == '#') out += "%23";
      else if (c == '%') out += "%25";
      else out += c;
    }
    return out;
  }

  sqlite3_stmt* prepare(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) return it->second;
    sqlite3_stmt* st = nullptr;
    if (const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                          &st, nullptr);
        rc != SQLITE_OK)
      fail(rc, std::string("SQLite: ") + sqlite3_errmsg(db_) + " in: " + sql.substr(0, 160));
    cache_.emplace(sql, st);
    return st;
  }

  // The SQL functions of journal layout 2 (journal_codec.h, docs/storage.md):
  //   thads_body(x)         the text of a stored body: x itself when it is
  //                         text, unpacked when it is a blob;
  //   thads_pack(text, id)  the body as stored with dictionary id (0: as is);
  //   thads_unhex(text)     a 64-digit lowercase hex hash as its 32 bytes,
  //                         any other value as it is.
  // The view `journal` reads through thads_body, so every query of the
  // journal sees its text whatever the layout.
  void register_journal_functions() {
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    auto reg = [&](const char* name, int args, void (*f)(sqlite3_context*, int, sqlite3_value**)) {
      if (sqlite3_create_function_v2(db_, name, args, flags, this, f, nullptr, nullptr, nullptr) != SQLITE_OK)
        throw StoreError(std::string("SQLite: cannot register ") + name + ": " + sqlite3_errmsg(db_));
    };
    reg("thads_body", 1, [](sqlite3_context* ctx, int, sqlite3_value** v) {
      if (sqlite3_value_type(v[0]) != SQLITE_BLOB) return sqlite3_result_value(ctx, v[0]);
      auto* self = static_cast<SqliteDb*>(sqlite3_user_data(ctx));
      const auto* b = static_cast<const char*>(sqlite3_value_blob(v[0]));
      const auto n = static_cast<size_t>(sqlite3_value_bytes(v[0]));
      char* text = nullptr;
      try {
        const std::string_view blob(b ? b : "", n);
        const size_t size = self->codec_.unpacked_size(blob);
        text = static_cast<char*>(sqlite3_malloc64(size + 1));
        if (!text) return sqlite3_result_error_nomem(ctx);
        self->codec_.unpack_to(blob, text, size);
        sqlite3_result_text64(ctx, text, size, sqlite3_free, SQLITE_UTF8);  // SQLite frees it
      } catch (const std::exception& e) {
        sqlite3_free(text);
        sqlite3_result_error(ctx, e.what(), -1);
      }
    });
    reg("thads_pack", 2, [](sqlite3_context* ctx, int, sqlite3_value** v) {
      const int id = sqlite3_value_int(v[1]);
      if (id == 0 || sqlite3_value_type(v[0]) != SQLITE_TEXT) return sqlite3_result_value(ctx, v[0]);
      auto* self = static_cast<SqliteDb*>(sqlite3_user_data(ctx));
      const auto* t = reinterpret_cast<const char*>(sqlite3_value_text(v[0]));
      const auto n = static_cast<size_t>(sqlite3_value_bytes(v[0]));
      try {
        const std::string blob = self->codec_.pack(std::string_view(t ? t : "", n), id);
        sqlite3_result_blob64(ctx, blob.data(), blob.size(), SQLITE_TRANSIENT);
      } catch (const std::exception& e) {
        sqlite3_result_error(ctx, e.what(), -1);
      }
    });
    reg("thads_unhex", 1, [](sqlite3_context* ctx, int, sqlite3_value** v) {
      if (sqlite3_value_type(v[0]) != SQLITE_TEXT) return sqlite3_result_value(ctx, v[0]);
      const auto* t = reinterpret_cast<const char*>(sqlite3_value_text(v[0]));
      const auto bytes = hash_bytes(std::string_view(t ? t : "", static_cast<size_t>(sqlite3_value_bytes(v[0]))));
      if (!bytes) return sqlite3_result_value(ctx, v[0]);
      sqlite3_result_blob(ctx, bytes->data(), static_cast<int>(bytes->size()), SQLITE_TRANSIENT);
    });
  }

  // Dictionary `id` of journal_dicts, read with a statement of its own (the
  // caller is inside another statement's step).
  std::optional<std::string> load_dictionary(int id) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, "SELECT bytes FROM journal_dicts WHERE id = ?", -1, &st, nullptr) != SQLITE_OK) {
      sqlite3_finalize(st);
      return std::nullopt;
    }
    sqlite3_bind_int(st, 1, id);
    std::optional<std::string> out;
    if (sqlite3_step(st) == SQLITE_ROW) {
      const auto* b = static_cast<const char*>(sqlite3_column_blob(st, 0));
      out = std::string(b ? b : "", static_cast<size_t>(sqlite3_column_bytes(st, 0)));
    }
    sqlite3_finalize(st);
    return out;
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
  JournalCodec codec_{[this](int id) { return load_dictionary(id); }};
  bool writing_ = false;  // a write transaction is open
};

}  // namespace

std::unique_ptr<Db> open_sqlite(const std::string& path, bool read_only) {
  return std::make_unique<SqliteDb>(path, read_only);
}

}  // namespace thads
