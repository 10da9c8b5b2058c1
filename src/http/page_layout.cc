// The layout every page shares, error pages, and formatting helpers.
#include <cstdio>

#include "domain/interchange.h"
#include "http/event_form.h"
#include "http/pages.h"

namespace thads::http {
namespace {

struct NavItem {
  const char* href;
  const char* id;
  const char* label;
  bool (*shown)(Role);
};

bool reads(Role r) { return r != Role::steering && r != Role::admin && r != Role::body; }
bool sees_dashboard(Role r) {
  return r == Role::head || r == Role::supervisor || r == Role::procuracy || r == Role::steering;
}
bool intake(Role r) { return r == Role::head || r == Role::clerk; }
bool reports(Role r) { return r != Role::admin && r != Role::body; }
bool admin(Role r) { return r == Role::admin; }
bool officer(Role r) { return r == Role::officer; }
bool sees_workload(Role r) { return r == Role::head || r == Role::supervisor || r == Role::procuracy; }
bool oversight(Role r) { return r != Role::admin && r != Role::body; }
bool steering(Role r) { return r != Role::admin && r != Role::officer && r != Role::clerk; }  // src/modules/steering  // src/modules/oversight: its pages check the rest

constexpr NavItem kNav[] = {
    {"/dashboard", "nav-dashboard", "Tổng quan", sees_dashboard},
    {"/my-cases", "nav-my-cases", "Việc của tôi", officer},
    {"/queue", "nav-queue", "Việc cần làm", reads},
    {"/cases", "nav-cases", "Danh sách việc", reads},
    {"/workload", "nav-workload", "Phân bổ công việc", sees_workload},
    {"/search", "nav-search", "Tra cứu", reads},
    {"/intake", "nav-intake", "Tiếp nhận", intake},
    {"/oversight", "nav-oversight", "Theo dõi THAHC, khiếu nại", oversight},
    {"/steering", "nav-steering", "Chỉ đạo, điều hành", steering},
    {"/reports", "nav-reports", "Báo cáo thống kê", reports},
    {"/admin/users", "nav-users", "Tài khoản", admin},
    {"/admin/agencies", "nav-agencies", "Cơ quan", admin},
    {"/admin/officers", "nav-officers", "Chấp hành viên", admin},
    {"/admin/holidays", "nav-holidays", "Lịch nghỉ", admin},
    {"/admin/targets", "nav-targets", "Chỉ tiêu", admin},
    {"/admin/settings", "nav-settings", "Cấu hình", admin},
    {"/admin/import", "nav-import", "Nhập dữ liệu", admin},
    {"/admin/bodies", "nav-bodies", "Cơ quan phối hợp", admin},  // src/modules/coordination
};

nlohmann::json layout_user(Ctx& ctx) {
  if (!ctx.session) return false;
  const User& u = ctx.session->user;
  std::string agency_name = u.agency;
  if (auto i = ctx.tree().find(u.agency)) agency_name = ctx.tree().at(*i).name;
  return {{"login", u.login}, {"role", std::string(label_vi(u.role))}, {"agency", u.agency},
          {"agency_name", agency_name}, {"csrf", ctx.session->csrf}};
}

nlohmann::json layout_nav(Ctx& ctx, const Request& req) {
  nlohmann::json nav = nlohmann::json::array();
  if (!ctx.session) return nav;
  for (const NavItem& n : kNav)
    if (n.shown(ctx.session->user.role))
      nav.push_back({{"href", n.href}, {"id", n.id}, {"label", n.label}, {"active", req.path == n.href}});
  return nav;
}

// What layout_user() is made of, as text: a key of the kept renderings.
std::string user_key(Ctx& ctx) {
  if (!ctx.session) return "-";
  const User& u = ctx.session->user;
  std::string key = u.login;
  key += '\x1f';
  key += label_vi(u.role);
  key += '\x1f';
  key += u.agency;
  key += '\x1f';
  if (auto i = ctx.tree().find(u.agency)) key += ctx.tree().at(*i).name;
  key += '\x1f';
  key += ctx.session->csrf;
  return key;
}

// The page inside the layout. The layout of one user's pages repeats but for
// the title and the body: its view model is made only when the user, the
// active navigation item or the page kind is new.
Response layout_page(Ctx& ctx, const Request& req, int status, const std::string& tmpl, const std::string& title,
                     const std::string& body, const std::string& user) {
  std::string key = user;
  key += '\x1f';
  for (const NavItem& n : kNav)
    if (req.path == n.href) key += n.id;
  key += '\x1f';
  key += tmpl;
  auto page = [&] {
    return nlohmann::json{{"user", layout_user(ctx)},
                          {"nav", layout_nav(ctx, req)},
                          {"csrf", ctx.session ? ctx.session->csrf : ""},
                          {"page_id", "page-" + tmpl}};
  };
  return html_response(status, ctx.app.templates().render("layout", key, page, {{"title", title}, {"content", body, true}}));
}

}  // namespace

Response render_page(Ctx& ctx, const Request& req, int status, const std::string& tmpl, const std::string& title,
                     nlohmann::json data, const std::string& slot, std::string_view html) {
  std::vector<Templates::Fill> fills;
  if (!slot.empty()) fills.push_back({slot, html, true});
  return render_page_with(ctx, req, status, tmpl, title, std::move(data), fills);
}

Response render_page_with(Ctx& ctx, const Request& req, int status, const std::string& tmpl, const std::string& title,
                          nlohmann::json data, const std::vector<Templates::Fill>& fills) {
  if (!data.is_object()) data = nlohmann::json::object();
  data["title"] = title;
  data["user"] = layout_user(ctx);
  data["csrf"] = ctx.session ? ctx.session->csrf : "";
  const std::string body =
      fills.empty() ? ctx.app.templates().render(tmpl, data) : ctx.app.templates().render(tmpl, data, fills);
  return layout_page(ctx, req, status, tmpl, title, body, user_key(ctx));
}

Response render_page(Ctx& ctx, const Request& req, int status, const std::string& tmpl, const std::string& title,
                     std::string_view key, const std::function<nlohmann::json()>& make_data, const std::string& slot,
                     std::string_view html) {
  const std::string user = user_key(ctx);
  std::string full_key(key);
  full_key += '\x1e';
  full_key += title;
  full_key += '\x1e';
  full_key += user;
  auto data = [&] {
    nlohmann::json d = make_data();
    if (!d.is_object()) d = nlohmann::json::object();
    d["title"] = title;
    d["user"] = layout_user(ctx);
    d["csrf"] = ctx.session ? ctx.session->csrf : "";
    return d;
  };
  std::vector<Templates::Fill> fills;
  if (!slot.empty()) fills.push_back({slot, html, true});
  const std::string body = ctx.app.templates().render(tmpl, full_key, data, fills);
  return layout_page(ctx, req, status, tmpl, title, body, user);
}

Response error_page(Ctx& ctx, const Request& req, int status, const std::string& message_vi) {
  const std::string title = status == 404   ? "Không tìm thấy"
                            : status == 403 ? "Không có quyền truy cập"
                                            : "Có lỗi xảy ra";
  return render_page(ctx, req, status, "error", title,
                     {{"status", status}, {"message", message_vi}, {"not_found", status == 404}});
}

std::string vn_date(const std::string& iso) {
  auto d = Date::parse(iso);
  return d ? d->vn() : iso;
}

std::string vn_datetime(int64_t unix_seconds) {
  const int64_t local = unix_seconds + 7 * 3600;
  const int64_t sec = ((local % 86400) + 86400) % 86400;
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02d:%02d", static_cast<int>(sec / 3600), static_cast<int>(sec / 60 % 60));
  return vn_date_of(unix_seconds).vn() + " " + hm;
}

std::string vnd(Money m) { return format_vnd(m); }

std::string status_label(const std::string& status) {
  if (status == "ended") return "Đã kết thúc";
  if (status == "withdrawn") return "Đã thu hồi quyết định";
  for (Status s : {Status::active, Status::postponed_agreed, Status::postponed_suspended, Status::unable})
    if (to_string(s) == status) return std::string(label_vi(s));
  return status;
}

Request with_form_dates(const Request& req) {
  Request r = req;
  for (const char* k : {"from", "to", "today"})
    if (auto it = r.query.find(k); it != r.query.end()) it->second = form_date(it->second);
  return r;
}

std::string today_vn(const Ctx& ctx) { return vn_date_of(ctx.now).vn(); }

}  // namespace thads::http
