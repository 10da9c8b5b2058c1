// The `thads user` commands: accounts of the web application, managed from
// the command line. Built in every configuration (the accounts are app code;
// no web layer is needed to create the first administrator).
#include <iostream>
#include <string>

#include "app/accounts.h"
#include "cli/cli_support.h"
#include "cli/commands.h"

namespace thads::cli {
namespace {

std::string read_password() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int print_refusal(const Refusal& r) {
  std::cerr << r.code << ": " << r.message << "\n";
  return r.code == "bad_field" ? cli::usage : cli::refused;
}

int user_add(const std::string& db, const NewUser& nu) {
  auto store = cli::open_store(db, false);
  ensure_account_schema(store->db());
  auto res = add_user(*store, nu, read_password(), "cli", cli::now_unix());
  if (auto* r = std::get_if<Refusal>(&res)) return print_refusal(*r);
  const User& u = std::get<User>(res);
  std::cout << "user " << u.login << " (" << to_string(u.role) << ", " << u.agency << ") created\n";
  return cli::ok;
}

int user_update(const std::string& db, const std::string& login, const std::string& what) {
  auto store = cli::open_store(db, false);
  ensure_account_schema(store->db());
  auto res = what == "passwd" ? set_password(*store, login, read_password(), "cli", cli::now_unix())
                              : set_active(*store, login, what == "enable", "cli", cli::now_unix());
  if (auto* r = std::get_if<Refusal>(&res)) return print_refusal(*r);
  std::cout << "user " << login << ": " << (what == "passwd" ? "password set" : what + "d") << "\n";
  return cli::ok;
}

int user_list(const std::string& db) {
  // No store: no accounts. A store made by `thads import` has no account
  // tables until the first account or server start creates them (a write,
  // so the store is opened for writing).
  if (Store::missing(db)) return cli::ok;
  auto store = cli::open_store(db, false);
  ensure_account_schema(store->db());
  for (const User& u : list_users(*store))
    std::cout << u.login << "\t" << to_string(u.role) << "\t" << u.agency << "\t" << u.officer << "\t"
              << (u.active ? "active" : "inactive") << "\n";
  return cli::ok;
}

}  // namespace

void register_user_commands(CLI::App& app) {
  static std::string db = cli::default_db();
  static std::string login, role, agency, officer;
  auto* user = app.add_subcommand("user", "Quản lý tài khoản người dùng");
  user->require_subcommand(1);
  auto* add = user->add_subcommand("add", "Tạo tài khoản (mật khẩu đọc từ đầu vào chuẩn)");
  add->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  add->add_option("--login", login, "login name")->required();
  add->add_option("--role", role, "officer | clerk | head | supervisor | procuracy | steering | admin")->required();
  add->add_option("--agency", agency, "agency code")->required();
  add->add_option("--officer", officer, "officer record id (for role officer)");
  add->callback([] { set_exit_code(guarded([] { return user_add(db, NewUser{login, role, agency, officer}); })); });
  for (const char* what : {"passwd", "disable", "enable"}) {
    auto* sub = user->add_subcommand(what, std::string(what) == "passwd" ? "Đặt lại mật khẩu (đọc từ đầu vào chuẩn)"
                                                                         : "Khóa / mở khóa tài khoản");
    sub->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
    sub->add_option("--login", login, "login name")->required();
    sub->callback([what] { set_exit_code(guarded([what] { return user_update(db, login, what); })); });
  }
  auto* list = user->add_subcommand("list", "Liệt kê tài khoản");
  list->add_option("--db", db, "SQLite file or postgresql:// URL")->capture_default_str();
  list->callback([] { set_exit_code(guarded([] { return user_list(db); })); });
}

}  // namespace thads::cli
