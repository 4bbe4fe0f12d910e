// The content of one official enforcement document (domain.md §7.2), as stored (JSON, see
// document_codec) and as rendered to PDF (document_pdf). Everything is already text: the use
// cases decide the wording of each field, the renderer only lays it out like the official form.
#pragma once

#include <string>
#include <vector>

#include "domain/documents/document_number.hpp"

namespace anjian::app {

struct DocumentInspector {
  std::string name;
  std::string certificate_no;  // 执法证号
  std::string organisation;    // 所在单位
};

struct DocumentSignature {
  std::string role;  // "检查人员" / "被检查单位现场负责人" / "见证人" / "企业主要负责人" …
  std::string signer;      // printed name
  std::string png_sha256;  // "" when not signed on screen
  std::string note;        // e.g. "拒绝签字：……（见证人：王五）"
};

struct DocumentChecklistLine {
  std::string code;    // C1
  std::string text;    // 检查内容
  std::string result;  // 符合 / 不符合 / 不适用
  std::string note;
};

struct DocumentProblem {
  std::string text;         // the problem as found
  std::string legal_basis;  // 依据
  std::string deadline;     // YYYY-MM-DD or ""
  std::string measure;      // 立即整改 / 限期整改 / 现场处理措施: … (free text)
};

struct DocumentPenalty {
  std::string kind;    // 警告 / 责令改正 / 罚款 / 责令停产停业整顿
  std::string amount;  // "人民币伍万元整（50,000.00 元）" or ""
  std::string legal_basis;
  std::string facts;
};

struct DocumentPhoto {
  std::string sha256;
  std::string caption;  // "C9 配电箱无警示标志（拍摄于 2026-11-23 09:41）"
};

struct DocumentContent {
  domain::DocumentType type = domain::DocumentType::kInspectionRecord;
  std::string number;     // （街）应急检记〔2026〕第3号
  std::string issuer;     // 某某街道办事处
  std::string issued_on;  // YYYY-MM-DD

  std::string unit_name;
  std::string unit_address;
  std::string unit_principal;  // 法定代表人/主要负责人
  std::string unit_phone;
  std::string on_site_person;  // 现场负责人
  std::string on_site_post;
  std::string on_site_phone;
  std::string witness;

  std::string started_at;  // "2026-11-23 09:00"
  std::string ended_at;    // "2026-11-23 10:20"
  std::string place;
  std::string purpose;
  std::vector<DocumentInspector> inspectors;

  std::vector<DocumentChecklistLine> checklist;  // 现场检查记录
  std::vector<DocumentProblem> problems;
  std::vector<DocumentPenalty> penalties;  // 行政处罚告知书/决定书
  std::string handling;                    // 处理情况 / 决定 / free text of the form
  std::string reference;  // 整改复查意见书: "你单位…于…收到的《…》（编号）"
  std::string opinion;    // 整改复查意见书: the reviewer's opinion
  std::string evidence;  // 行政处罚告知书/决定书: "现场检查记录（编号）、现场照片 3 张" (Art.59)

  std::vector<DocumentPhoto> photos;
  std::vector<DocumentSignature> signatures;
  std::string verify_url;  // encoded in the QR code
};

}  // namespace anjian::app
