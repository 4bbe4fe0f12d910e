// Inspections through the real server on the demo street (docs/inspections.md): the demo
// inspector's tasks for today, photo uploads (415 / 413), a signed record submitted with an
// Idempotency-Key, its PDF, the public verification page, and the enterprise account reading the
// rectification order. Then the crash test of issue #5: a burst of submissions from several
// threads, kill -9 mid-burst, restart on the same database — every acknowledged submission is
// there whole (record, documents, hazards), document numbers are contiguous without duplicates,
// and re-sending an unacknowledged submission with its key answers it exactly once.
#include <gtest/gtest.h>

#include <atomic>
#include <ctime>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "http/raw_http_client.hpp"
#include "integration/server_process.hpp"
#include "support/inspection_requests.hpp"
#include "support/tiny_png.hpp"

namespace anjian::integration {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// One request on its own connection (Connection: close); status 0 when the server is gone.
HttpResult Call(int port, const std::string& method, const std::string& path,
                const std::string& token, const std::string& body = "",
                const std::vector<std::string>& headers = {},
                const std::string& content_type = "application/json",
                std::string* response_type = nullptr) {
  HttpResult result;
  try {
    http::RawHttpClient client(static_cast<unsigned short>(port), std::chrono::seconds(60));
    std::string request =
        method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!token.empty()) request += "Authorization: Bearer " + token + "\r\n";
    for (const auto& h : headers) request += h + "\r\n";
    if (!body.empty() || method == "POST" || method == "PUT") {
      request += "Content-Type: " + content_type +
                 "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    }
    request += "\r\n" + body;
    if (!client.Send(request)) return result;
    auto response = client.Read();
    if (!response) return result;
    result.status = response->status;
    result.body = std::move(response->body);
    if (response_type) *response_type = response->Header("Content-Type");
  } catch (const std::exception&) {
    result.status = 0;
  }
  return result;
}

std::string Multipart(const std::string& field, const std::string& filename,
                      const std::string& type, const std::string& bytes,
                      std::string& content_type) {
  const std::string boundary = "----anjian-test-boundary-7d1f";
  content_type = "multipart/form-data; boundary=" + boundary;
  return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field +
         "\"; filename=\"" + filename + "\"\r\nContent-Type: " + type + "\r\n\r\n" + bytes +
         "\r\n--" + boundary + "--\r\n";
}

// A record body with the team's ids taken from a task's JSON; members in `attested` signed
// beforehand (inspector id → attestation id).
json RecordBody(const json& checklist, const json& team, const std::string& today,
                const std::string& photo, std::uint32_t seed,
                const std::map<std::int64_t, std::int64_t>& attested = {}) {
  std::vector<std::int64_t> ids;
  for (const auto& member : team) ids.push_back(member["inspector_id"].get<std::int64_t>());
  return test_support::RecordBody(checklist, ids, today, photo, photo, seed * 16, attested);
}

class InspectionApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir();
    db_ = DemoDatabase(dir_);
    Start();
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Start() {
    server_ = std::make_unique<ServerProcess>(db_);
    for (const char* user : {"admin", "inspector", "inspector2", "enterprise"})
      tokens_[user] = server_->Login(user);
    const json me = Get("inspector2", "/api/v1/auth/me").Json();
    const json& user = me.contains("user") ? me["user"] : me;
    partner_ = user.value("inspector_id", std::int64_t{0});
  }
  // The other member of the demo team (account inspector2) signs `task_id`: in their own session,
  // or with `password` on the inspector's device. Returns the attestation id (0 when refused).
  std::int64_t PartnerSigns(std::int64_t task_id, std::uint32_t seed,
                            const std::string& password = "") {
    const std::string path = "/api/v1/tasks/" + std::to_string(task_id) + "/signatures";
    auto r = Post(password.empty() ? "inspector2" : "inspector", path,
                  test_support::AttestationBody(partner_, seed, password));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.Json()["attestation"]["id"].get<std::int64_t>() : 0;
  }
  HttpResult Get(const std::string& who, const std::string& path) {
    return Call(server_->port(), "GET", path, who.empty() ? "" : tokens_[who]);
  }
  HttpResult Post(const std::string& who, const std::string& path, const json& body,
                  const std::vector<std::string>& headers = {}) {
    return Call(server_->port(), "POST", path, tokens_[who], body.dump(), headers);
  }
  std::string UploadPhoto(std::uint32_t seed) {
    std::string type;
    const auto body = Multipart("file", "photo.png", "image/png",
                                test_support::MakeTinyPng(320, 240, seed), type);
    auto r = Call(server_->port(), "POST", "/api/v1/uploads", tokens_["inspector"], body, {}, type);
    EXPECT_TRUE(r.status == 201 || r.status == 200) << r.status << " " << r.body;
    return r.Json().value("sha256", "");
  }

  std::string dir_;
  std::string db_;
  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, std::string> tokens_;
  std::int64_t partner_ = 0;  // inspector2's roster person, the demo team's second member
};

TEST_F(InspectionApiTest, InspectorSubmitsTodaysTaskAndTheDocumentsCanBeVerified) {
  ASSERT_FALSE(tokens_["inspector"].empty());
  auto mine = Get("inspector", "/api/v1/tasks?mine=1");
  ASSERT_EQ(mine.status, 200) << mine.body;
  const json tasks = mine.Json();
  const std::string today = tasks["today"];
  json task;
  int today_count = 0;
  for (const auto& t : tasks["items"]) {
    EXPECT_GE(t["team"].size(), 2u);
    if (t["scheduled_on"] == today) {
      ++today_count;
      EXPECT_EQ(t["today"], true);
      if (t["kind"] == "planned") task = t;
    }
  }
  EXPECT_GE(today_count, 2) << tasks.dump();
  ASSERT_TRUE(task.is_object()) << "the demo has a planned task for today";
  EXPECT_EQ(Get("admin", "/api/v1/tasks?mine=1").status, 400)
      << "admin is not linked to a roster person";
  auto today_only = Get("inspector", "/api/v1/tasks?mine=1&from=" + today + "&to=" + today);
  ASSERT_EQ(today_only.status, 200);
  EXPECT_EQ(today_only.Json()["total"], today_count);

  // Photos: multipart field `file`; images only, 10 MB at most; the same bytes twice are one file.
  const std::string photo = UploadPhoto(1);
  ASSERT_EQ(photo.size(), 64u);
  std::string type;
  auto again = Call(
      server_->port(), "POST", "/api/v1/uploads", tokens_["inspector"],
      Multipart("file", "photo.png", "image/png", test_support::MakeTinyPng(320, 240, 1), type), {},
      type);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.Json()["sha256"], photo);
  auto text =
      Call(server_->port(), "POST", "/api/v1/uploads", tokens_["inspector"],
           Multipart("file", "notes.png", "image/png", "这不是图片，只是文字。", type), {}, type);
  EXPECT_EQ(text.status, 415) << text.body;
  const std::string huge = test_support::MakeTinyPng(8, 8, 3) + std::string(11u << 20, '\0');
  auto oversize = Call(server_->port(), "POST", "/api/v1/uploads", tokens_["inspector"],
                       Multipart("file", "big.png", "image/png", huge, type), {}, type);
  EXPECT_EQ(oversize.status, 413) << oversize.body;
  auto stored = Get("inspector", "/api/v1/uploads/" + photo);
  EXPECT_EQ(stored.status, 200);
  EXPECT_EQ(stored.body, test_support::MakeTinyPng(320, 240, 1));

  // The signed record.
  auto checklist = Get("inspector", "/api/v1/checklists/general");
  ASSERT_EQ(checklist.status, 200);
  // The second member signs on the inspector's phone after entering their own password.
  ASSERT_GT(partner_, 0);
  const std::int64_t attestation = PartnerSigns(task["id"].get<std::int64_t>(), 77, kDemoPassword);
  ASSERT_GT(attestation, 0);
  const json body =
      RecordBody(checklist.Json(), task["team"], today, photo, 1, {{partner_, attestation}});
  const std::string path =
      "/api/v1/tasks/" + std::to_string(task["id"].get<std::int64_t>()) + "/records";
  auto no_key = Post("inspector", path, body);
  EXPECT_EQ(no_key.status, 400) << no_key.body;
  EXPECT_EQ(no_key.Json()["error"]["field"], "Idempotency-Key");
  auto submitted = Post("inspector", path, body, {"Idempotency-Key: it-submit-0001"});
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const json answer = submitted.Json();
  auto replay = Post("inspector", path, body, {"Idempotency-Key: it-submit-0001"});
  EXPECT_EQ(replay.status, 201);
  EXPECT_EQ(replay.body, submitted.body);
  json changed = body;
  changed["place"] = "仓库";
  auto reused = Post("inspector", path, changed, {"Idempotency-Key: it-submit-0001"});
  EXPECT_EQ(reused.status, 409);
  EXPECT_EQ(reused.Json()["error"]["code"], "idempotency_key_reused") << reused.body;
  EXPECT_EQ(Post("enterprise", path, body, {"Idempotency-Key: it-submit-0002"}).status, 403);

  const auto record_id = answer["record"]["id"].get<std::int64_t>();
  auto record = Get("inspector", "/api/v1/records/" + std::to_string(record_id));
  ASSERT_EQ(record.status, 200) << record.body;
  // Each signature says which account authenticated it and how.
  std::map<std::string, std::string> methods;
  const json record_json = record.Json();
  for (const auto& s : record_json["signatures"]["inspectors"]) {
    methods[s["authenticated_username"].get<std::string>()] = s["auth_method"];
    EXPECT_EQ(s["png"].get<std::string>().size(), 64u) << s.dump();
    EXPECT_GT(s["authenticated_at"].get<std::int64_t>(), 0);
  }
  EXPECT_EQ(methods, (std::map<std::string, std::string>{{"inspector", "session"},
                                                         {"inspector2", "password"}}))
      << record.body;
  // The inspected unit sees how each officer signed, not which login did it.
  auto seen_by_unit = Get("enterprise", "/api/v1/records/" + std::to_string(record_id));
  ASSERT_EQ(seen_by_unit.status, 200) << seen_by_unit.body;
  const json unit_view = seen_by_unit.Json();
  for (const auto& s : unit_view["signatures"]["inspectors"]) {
    EXPECT_FALSE(s.contains("authenticated_username")) << s.dump();
    EXPECT_FALSE(s.contains("authenticated_user_id")) << s.dump();
    EXPECT_TRUE(s.contains("auth_method")) << s.dump();
  }
  EXPECT_EQ(record.Json()["documents"].size(), 2u);
  json order;
  for (const auto& d : answer["documents"]) {
    if (d["type"] == "rectification_order") order = d;
  }
  ASSERT_TRUE(order.is_object()) << answer.dump();
  const auto order_id = order["id"].get<std::int64_t>();

  std::string pdf_type;
  auto pdf = Call(server_->port(), "GET", "/api/v1/documents/" + std::to_string(order_id) + "/pdf",
                  tokens_["inspector"], "", {}, "", &pdf_type);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf_type.substr(0, 15), "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");

  // The QR code's page needs no login and shows the key fields; a tampered hash is 文书无效.
  const std::string url = order["verify_url"];
  const std::string h = url.substr(url.find("?h=") + 3);
  auto page = Get("", "/verify/" + std::to_string(order_id) + "?h=" + h);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("文书有效"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find(order["number"].get<std::string>()), std::string::npos);
  std::string tampered = h;
  tampered[5] = tampered[5] == 'a' ? 'b' : 'a';
  auto bad = Get("", "/verify/" + std::to_string(order_id) + "?h=" + tampered);
  EXPECT_EQ(bad.status, 200);
  EXPECT_NE(bad.body.find("文书无效"), std::string::npos) << bad.body;
  EXPECT_EQ(bad.body.find(order["number"].get<std::string>()), std::string::npos)
      << "nothing leaks";
  auto api_verify = Get("", "/api/v1/verify/" + std::to_string(order_id) + "?h=" + h);
  ASSERT_EQ(api_verify.status, 200);
  EXPECT_EQ(api_verify.Json()["valid"], true);
  EXPECT_EQ(api_verify.Json()["id"], order_id);
  // A code whose id moved (its street merged into a district database) still finds the document
  // by its hash, and the page shows that document; a wrong hash stays 文书无效.
  const std::string moved_id = std::to_string(order_id + 1000);
  auto moved = Get("", "/api/v1/verify/" + moved_id + "?h=" + h);
  ASSERT_EQ(moved.status, 200);
  EXPECT_EQ(moved.Json()["valid"], true) << moved.body;
  EXPECT_EQ(moved.Json()["id"], order_id);
  EXPECT_EQ(moved.Json()["number"], order["number"]);
  auto moved_page = Get("", "/verify/" + moved_id + "?h=" + h);
  ASSERT_EQ(moved_page.status, 200);
  EXPECT_NE(moved_page.body.find(order["number"].get<std::string>()), std::string::npos);
  auto moved_bad = Get("", "/verify/" + moved_id + "?h=" + tampered);
  EXPECT_NE(moved_bad.body.find("文书无效"), std::string::npos) << moved_bad.body;
  EXPECT_EQ(Get("", "/api/v1/documents").status, 401);

  // The enterprise account reads its rectification order.
  auto documents = Get("enterprise", "/api/v1/documents?type=rectification_order");
  ASSERT_EQ(documents.status, 200) << documents.body;
  bool found = false;
  const json listed = documents.Json();
  for (const auto& d : listed["items"]) found = found || d["id"] == order_id;
  EXPECT_TRUE(found) << documents.body;
  auto enterprise_pdf =
      Call(server_->port(), "GET", "/api/v1/documents/" + std::to_string(order_id) + "/pdf",
           tokens_["enterprise"]);
  EXPECT_EQ(enterprise_pdf.status, 200);
}

// ---- signatures bound to accounts (issue #12, defect 6) -----------------------------------------

TEST_F(InspectionApiTest, EachTeamSignatureIsBoundToTheMembersOwnAccount) {
  const json mine = Get("inspector", "/api/v1/tasks?mine=1").Json();
  const std::string today = mine["today"];
  std::vector<json> todays;
  for (const auto& t : mine["items"]) {
    if (t["scheduled_on"] == today) todays.push_back(t);
  }
  ASSERT_GE(todays.size(), 2u) << mine.dump();
  const json& task = todays[0];
  const std::int64_t task_id = task["id"];
  const std::int64_t other_id = todays[1]["id"];
  const json checklist = Get("inspector", "/api/v1/checklists/general").Json();
  const std::string photo = UploadPhoto(5);
  const std::string records = "/api/v1/tasks/" + std::to_string(task_id) + "/records";
  const std::string signatures = "/api/v1/tasks/" + std::to_string(task_id) + "/signatures";

  // The submitter cannot draw the partner's signature: 403 naming the entry, nothing written.
  auto forged = Post("inspector", records, RecordBody(checklist, task["team"], today, photo, 3),
                     {"Idempotency-Key: bind-forged-0001"});
  EXPECT_EQ(forged.status, 403) << forged.body;
  EXPECT_EQ(forged.Json()["error"]["field"].get<std::string>().rfind("signatures.inspectors[", 0),
            0u)
      << forged.body;
  EXPECT_EQ(Get("inspector", "/api/v1/tasks/" + std::to_string(task_id)).Json()["status"],
            "scheduled");

  // Signing for the partner on the submitter's device needs the partner's own secret.
  auto no_secret = Post("inspector", signatures, test_support::AttestationBody(partner_, 5));
  EXPECT_EQ(no_secret.status, 400) << no_secret.body;
  EXPECT_EQ(no_secret.Json()["error"]["field"], "password");
  auto wrong = Post("inspector", signatures,
                    test_support::AttestationBody(partner_, 5, "not-the-password-7x"));
  EXPECT_EQ(wrong.status, 403) << wrong.body;
  EXPECT_EQ(wrong.Json()["error"]["field"], "password");
  // Only people on the team, and only for people on the team.
  EXPECT_EQ(
      Post("admin", signatures, test_support::AttestationBody(partner_, 5, kDemoPassword)).status,
      403)
      << "admin has no roster person on the team";
  EXPECT_EQ(Post("enterprise", signatures, test_support::AttestationBody(partner_, 5)).status, 403);
  auto stranger =
      Post("inspector", signatures, test_support::AttestationBody(999999, 5, kDemoPassword));
  EXPECT_EQ(stranger.status, 400) << stranger.body;
  EXPECT_EQ(stranger.Json()["error"]["field"], "inspector_id");
  auto not_png = Post("inspector2", signatures,
                      json{{"inspector_id", partner_}, {"png", "data:image/png;base64,AAAA"}});
  EXPECT_EQ(not_png.status, 400) << not_png.body;

  // The partner signs in their own session; the listing shows it usable.
  const std::int64_t attestation = PartnerSigns(task_id, 11);
  ASSERT_GT(attestation, 0);
  auto listed = Get("inspector", signatures);
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.Json()["items"].size(), 1u) << "failed attempts leave no signature";
  EXPECT_EQ(listed.Json()["items"][0]["method"], "session");
  EXPECT_EQ(listed.Json()["items"][0]["username"], "inspector2");
  EXPECT_EQ(listed.Json()["items"][0]["usable"], true);

  // That signature cannot sign another task's record.
  const std::string other_records = "/api/v1/tasks/" + std::to_string(other_id) + "/records";
  auto elsewhere =
      Post("inspector", other_records,
           RecordBody(checklist, todays[1]["team"], today, photo, 4, {{partner_, attestation}}),
           {"Idempotency-Key: bind-elsewhere-01"});
  EXPECT_EQ(elsewhere.status, 400) << elsewhere.body;

  // Used once: the record carries it, and a correction must be signed again.
  auto submitted =
      Post("inspector", records,
           RecordBody(checklist, task["team"], today, photo, 6, {{partner_, attestation}}),
           {"Idempotency-Key: bind-submit-0001"});
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const std::int64_t record_id = submitted.Json()["record"]["id"];
  EXPECT_EQ(Get("inspector", signatures).Json()["items"][0]["usable"], false);
  EXPECT_EQ(Get("inspector", signatures).Json()["items"][0]["record_id"], record_id);
  json correction = RecordBody(checklist, task["team"], today, photo, 7, {{partner_, attestation}});
  correction["reason"] = "补充检查地点";
  const std::string corrections = "/api/v1/records/" + std::to_string(record_id) + "/corrections";
  auto reused = Post("inspector", corrections, correction, {"Idempotency-Key: bind-correct-0001"});
  EXPECT_EQ(reused.status, 409) << reused.body;
  correction = RecordBody(checklist, task["team"], today, photo, 7,
                          {{partner_, PartnerSigns(task_id, 12, kDemoPassword)}});
  correction["reason"] = "补充检查地点";
  auto corrected =
      Post("inspector", corrections, correction, {"Idempotency-Key: bind-correct-0002"});
  EXPECT_EQ(corrected.status, 201) << corrected.body;

  // Guessing the partner's password on the inspector's device counts against the same throttle
  // as logging in (the success above forgave the first failure): after five wrong tries even the
  // right password waits.
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(
        Post("inspector", signatures,
             test_support::AttestationBody(partner_, 20, "guess-" + std::to_string(i) + "-zz"))
            .status,
        403);
  }
  auto throttled =
      Post("inspector", signatures, test_support::AttestationBody(partner_, 21, kDemoPassword));
  EXPECT_EQ(throttled.status, 429) << throttled.body;

  // Every attempt is on the audit log, and no secret is in the database.
  const std::string auditor = server_->Login("auditor");
  auto failures = Call(server_->port(), "GET", "/api/v1/audit?action=auth.reauth_failed", auditor);
  ASSERT_EQ(failures.status, 200) << failures.body;
  EXPECT_EQ(failures.Json()["total"], 6) << failures.body;
  auto attested = Call(server_->port(), "GET", "/api/v1/audit?action=signature.attest", auditor);
  EXPECT_EQ(attested.Json()["total"], 2) << attested.body;
  server_.reset();  // everything checkpointed into the file
  std::string bytes;
  for (const std::string& path : {db_, db_ + "-wal"}) {
    std::ifstream file(path, std::ios::binary);
    bytes.append(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }
  ASSERT_GT(bytes.size(), 0u);
  for (const char* secret : {"not-the-password-7x", "guess-0-zz"}) {
    EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " is stored";
  }
}

// ---- kill -9 in the middle of a burst of submissions --------------------------------------------

struct Submission {
  std::int64_t task_id = 0;
  std::string key;
  std::string body;
  HttpResult first;  // status 0: no answer before the kill
};

int Serial(const std::string& number) {  // "（解）应急检记〔2026〕第12号" → 12
  const auto at = number.rfind("第");
  return at == std::string::npos ? -1 : std::atoi(number.c_str() + at + std::string("第").size());
}

// What this proves: after SIGKILL mid-burst and a restart, every acknowledged submission is there
// whole, and each unanswered one, re-sent with its key, is recorded exactly once (gap-free numbers,
// no partial rows afterwards). It does not prove that a kill inside a transaction leaves nothing
// half-written (the kill may land between transactions; the row checks run after the re-sends),
// nor durability on power loss: a process kill keeps the OS page cache, so synchronous=FULL is
// not exercised here (tests/store/sqlite_pragmas_test.cpp checks the pragma itself).
TEST_F(InspectionApiTest, KillMidBurstKeepsAcknowledgedRecordsWholeAndResentOnesAreRecordedOnce) {
  constexpr int kSubmissions = 48;
  constexpr int kThreads = 6;
  auto mine = Get("inspector", "/api/v1/tasks?mine=1").Json();
  ASSERT_FALSE(mine["items"].empty());
  const std::string today = mine["today"];
  json team_ids = json::array();
  for (const auto& member : mine["items"][0]["team"]) team_ids.push_back(member["inspector_id"]);
  const json team = mine["items"][0]["team"];
  const json checklist = Get("inspector", "/api/v1/checklists/general").Json();
  const std::string photo = UploadPhoto(42);

  // Ad hoc tasks for different units of the demo street.
  std::vector<Submission> submissions;
  auto units = Get("admin", "/api/v1/units?page_size=120").Json();
  for (const auto& unit : units["items"]) {
    if (static_cast<int>(submissions.size()) == kSubmissions) break;
    auto created = Post("inspector", "/api/v1/tasks",
                        {{"kind", "special"},
                         {"unit_id", unit["id"]},
                         {"scheduled_on", today},
                         {"team", team_ids}});
    if (created.status == 400) continue;  // someone on the team is recused from this unit
    ASSERT_EQ(created.status, 201) << created.body;
    Submission s;
    s.task_id = created.Json()["id"];
    s.key = "crash-" + std::to_string(s.task_id) + "-" + std::to_string(submissions.size());
    const auto seed = 100 + static_cast<std::uint32_t>(submissions.size());
    s.body = RecordBody(checklist, team, today, photo, seed,
                        {{partner_, PartnerSigns(s.task_id, seed * 16 + 9)}})
                 .dump();
    submissions.push_back(std::move(s));
  }
  ASSERT_EQ(static_cast<int>(submissions.size()), kSubmissions);

  const auto burst_start = Clock::now();
  std::atomic<int> next{0};
  std::atomic<int> acknowledged{0};
  std::atomic<int> finished{0};
  const int port = server_->port();
  const std::string token = tokens_["inspector"];
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = next++; i < kSubmissions; i = next++) {
        auto& s = submissions[static_cast<std::size_t>(i)];
        s.first = Call(port, "POST", "/api/v1/tasks/" + std::to_string(s.task_id) + "/records",
                       token, s.body, {"Idempotency-Key: " + s.key});
        if (s.first.status == 201) ++acknowledged;
        if (s.first.status == 0) break;  // the server is gone
      }
      ++finished;
    });
  }
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  while (acknowledged < kSubmissions / 3 && finished < kThreads && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  // A varying extra moment, so the kill sometimes lands between a commit and its answer.
  std::this_thread::sleep_for(
      std::chrono::microseconds(Clock::now().time_since_epoch().count() / 1000 % 100000));
  server_->Kill(SIGKILL);
  const double burst_ms =
      std::chrono::duration<double, std::milli>(Clock::now() - burst_start).count();
  for (auto& t : threads) t.join();

  int acked = 0, unanswered = 0;
  for (const auto& s : submissions) {
    if (s.first.status == 201) {
      ++acked;
    } else {
      ASSERT_EQ(s.first.status, 0) << "only the kill may fail a submission: " << s.first.body;
      ++unanswered;
    }
  }
  EXPECT_GE(acked, kSubmissions / 3);
  EXPECT_GT(unanswered, 0) << "the kill should land mid-burst";

  Start();
  ASSERT_FALSE(tokens_["inspector"].empty());
  // Every acknowledged submission is there, whole.
  std::set<std::int64_t> record_ids;
  for (const auto& s : submissions) {
    if (s.first.status != 201) continue;
    const json answer = s.first.Json();
    const auto record_id = answer["record"]["id"].get<std::int64_t>();
    record_ids.insert(record_id);
    auto record = Get("inspector", "/api/v1/records/" + std::to_string(record_id));
    ASSERT_EQ(record.status, 200) << "acknowledged record " << record_id << " is lost";
    EXPECT_EQ(record.Json()["task_id"], s.task_id);
    EXPECT_EQ(record.Json()["documents"].size(), 2u) << "record " << record_id;
    for (const auto& hazard : answer["hazards"]) {
      auto h = Get("inspector", "/api/v1/hazards/" + std::to_string(hazard.get<std::int64_t>()));
      EXPECT_EQ(h.status, 200) << "hazard " << hazard;
      EXPECT_EQ(h.Json()["state"], "rectifying");
    }
    auto task = Get("inspector", "/api/v1/tasks/" + std::to_string(s.task_id)).Json();
    EXPECT_EQ(task["status"], "completed");
    EXPECT_EQ(task["records"].size(), 1u);
    // Re-sending an acknowledged submission returns the stored answer.
    auto again = Post("inspector", "/api/v1/tasks/" + std::to_string(s.task_id) + "/records",
                      json::parse(s.body), {"Idempotency-Key: " + s.key});
    EXPECT_EQ(again.status, 201);
    EXPECT_EQ(again.body, s.first.body);
  }
  // An unacknowledged one may or may not have committed: re-sent with its key, it is answered
  // once — the stored answer or a new record — and never twice.
  int committed_unanswered = 0;
  for (auto& s : submissions) {
    if (s.first.status == 201) continue;
    auto before = Get("inspector", "/api/v1/tasks/" + std::to_string(s.task_id)).Json();
    if (before["status"] == "completed") ++committed_unanswered;
    auto again =
        Call(server_->port(), "POST", "/api/v1/tasks/" + std::to_string(s.task_id) + "/records",
             tokens_["inspector"], s.body, {"Idempotency-Key: " + s.key});
    ASSERT_EQ(again.status, 201) << again.body;
    auto twice =
        Call(server_->port(), "POST", "/api/v1/tasks/" + std::to_string(s.task_id) + "/records",
             tokens_["inspector"], s.body, {"Idempotency-Key: " + s.key});
    EXPECT_EQ(twice.body, again.body);
    auto task = Get("inspector", "/api/v1/tasks/" + std::to_string(s.task_id)).Json();
    EXPECT_EQ(task["records"].size(), 1u) << "task " << s.task_id;
    record_ids.insert(again.Json()["record"]["id"].get<std::int64_t>());
  }
  EXPECT_EQ(static_cast<int>(record_ids.size()), kSubmissions);
  std::printf(
      "crash test: kill -9 after %.0f ms: %d acknowledged, %d unanswered (%d of them had "
      "committed)\n",
      burst_ms, acked, unanswered, committed_unanswered);

  // Numbers: 1..N for each type, no gaps, no duplicates (the earlier test's records are not here:
  // this database is fresh).
  for (const char* type : {"inspection_record", "rectification_order"}) {
    auto page = Get("admin", std::string("/api/v1/documents?type=") + type + "&page_size=200");
    ASSERT_EQ(page.status, 200) << page.body;
    std::multiset<int> serials;
    const json listed = page.Json();
    for (const auto& d : listed["items"]) serials.insert(Serial(d["number"]));
    ASSERT_EQ(static_cast<int>(serials.size()), kSubmissions) << type;
    int expected = 1;
    for (int serial : serials) EXPECT_EQ(serial, expected++) << type;
  }
  // Nothing half-written: every record has its documents and hazard, every completed task its
  // record.
  server_.reset();
  const auto count = [&](const std::string& sql) {
    return RunCommand("sqlite3 " + ShellQuote(db_) + " " + ShellQuote(sql)).output;
  };
  EXPECT_EQ(count("pragma integrity_check"), "ok\n");
  EXPECT_EQ(
      count(
          "select count(*) from inspection_records r where (select count(*) from documents d where "
          "d.record_id = r.id) <> 2"),
      "0\n");
  EXPECT_EQ(
      count("select count(*) from inspection_records r where (select count(*) from hazards h where "
            "h.record_id = r.id) <> 1"),
      "0\n");
  EXPECT_EQ(count("select count(*) from inspection_tasks t where (t.status = 'completed') <> "
                  "exists(select 1 from "
                  "inspection_records r where r.task_id = t.id)"),
            "0\n");
  EXPECT_EQ(count("select count(*) from idempotency_keys"), std::to_string(kSubmissions) + "\n");
}

}  // namespace
}  // namespace anjian::integration
