#include "app/plan_export.hpp"

#include <cstdio>
#include <map>
#include <set>

#include "io/pdf_document.hpp"
#include "io/table_writer.hpp"
#include "planner/plan_lifecycle.hpp"

namespace anjian::app {
namespace {

const char* const kChineseNumbers[] = {"一", "二", "三", "四", "五",   "六",
                                       "七", "八", "九", "十", "十一", "十二"};

std::string Numbered(int& section, const std::string& title) {
  return std::string(kChineseNumbers[section++]) + "、" + title;
}

std::string Percent(int part, int whole) {
  if (whole <= 0) return "0.0%";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * part / whole);
  return buf;
}

std::string SlotLabel(int slot) { return slot == 0 ? "上午" : "下午"; }

std::map<std::string, std::string> InspectorNames(const planner::PlanInput& input) {
  std::map<std::string, std::string> names;
  for (const auto& i : input.inspectors) names[i.inspector.employee_no] = i.inspector.name;
  return names;
}

std::string Team(const std::vector<std::string>& numbers,
                 const std::map<std::string, std::string>& names) {
  std::string out;
  for (const auto& n : numbers) {
    auto it = names.find(n);
    out += (out.empty() ? "" : "、") + (it == names.end() ? n : it->second + "（" + n + "）");
  }
  return out;
}

void UnitsSection(io::PdfDocument& pdf, const planner::PlanInput& input) {
  std::map<std::string, std::pair<int, int>> by_category;  // label → (units, key)
  int key = 0, operating = 0;
  for (const auto& pu : input.units) {
    const auto& u = pu.unit;
    if (u.status != domain::UnitStatus::kOperating) continue;
    ++operating;
    if (u.is_key) ++key;
    std::set<std::string> labels;
    for (auto c : u.categories) labels.insert(std::string(domain::Label(c)));
    if (labels.empty()) labels.insert("未分类");
    for (const auto& l : labels) {
      ++by_category[l].first;
      if (u.is_key) ++by_category[l].second;
    }
  }
  pdf.Paragraph("本计划覆盖的生产经营单位共 " + std::to_string(input.units.size()) +
                " 家，其中在营 " + std::to_string(operating) +
                " 家，重点监管单位（红色、橙色风险或上年发生生产安全事故）" + std::to_string(key) +
                " 家。按行业类别统计如下（一个单位可属多个类别）：");
  std::vector<std::vector<std::string>> rows;
  rows.reserve(by_category.size());
  for (const auto& [label, counts] : by_category) {
    rows.push_back({label, std::to_string(counts.first), std::to_string(counts.second)});
  }
  pdf.Table({{"行业类别", 3}, {"单位数", 1}, {"其中重点", 1}}, rows);
}

void CapacitySection(io::PdfDocument& pdf, const planner::Plan& plan) {
  const auto& s = plan.summary;
  const auto& c = s.capacity;
  for (const auto& step : c.steps) pdf.Paragraph(step);
  const int enforcement = s.deterministic + s.random;
  pdf.Paragraph("综合考虑上述因素，全年本机关可安排检查企业 " + std::to_string(c.inspections) +
                " 家（次），其中确定性检查 " + std::to_string(s.deterministic) +
                " 家（次），占计划的 " + Percent(s.deterministic, enforcement) +
                "；随机抽查（含暗查暗访）" + std::to_string(s.random) + " 家，占 " +
                Percent(s.random, enforcement) + "。另安排专项检查 " + std::to_string(s.special) +
                " 家（次）、领导带队检查 " + std::to_string(s.leader_led) + " 次、社区（村）排查 " +
                std::to_string(s.community_screening) + " 家（次）。");
}

void FrequencySection(io::PdfDocument& pdf, const planner::Policy& policy) {
  int n = 1;
  for (const auto& r : policy.frequency_rules) {
    pdf.Paragraph(std::to_string(n++) + "、" + r.source.title + "（" + r.source.id + "）：" +
                  r.selector.Describe() + "，" + std::string(planner::Label(r.period)) + "不少于 " +
                  std::to_string(r.count) + " 次，由" + std::string(planner::Label(r.executor)) +
                  "实施" + (r.mandatory ? "" : "（覆盖目标，由随机抽查统筹）") + "。依据：" +
                  r.source.basis);
  }
  for (const auto& d : policy.random_draws) {
    char ratio[16];
    std::snprintf(ratio, sizeof ratio, "%.0f%%", d.ratio * 100);
    pdf.Paragraph(std::to_string(n++) + "、" + d.source.title + "（" + d.source.id + "）：从" +
                  d.pool.Describe() + "中随机抽取，每年不少于总数的 " + ratio + "。依据：" +
                  d.source.basis);
  }
  for (const auto& c : policy.special_campaigns) {
    pdf.Paragraph(std::to_string(n++) + "、" + c.source.title + "（" + c.source.id +
                  "）：每次随机抽取" + c.selector.Describe() + " " +
                  std::to_string(c.units_per_campaign) + " 家。依据：" + c.source.basis);
  }
  for (const auto& q : policy.leader_quotas) {
    std::string roles;
    for (auto r : q.roles) roles += (roles.empty() ? "" : "、") + std::string(domain::Label(r));
    pdf.Paragraph(std::to_string(n++) + "、" + q.source.title + "（" + q.source.id + "）：" +
                  roles + std::string(planner::Label(q.period)) + "带队检查不少于 " +
                  std::to_string(q.count) + " 次。依据：" + q.source.basis);
  }
  if (!policy.key_periods.months.empty() || policy.key_periods.days_before_holidays > 0) {
    std::string months;
    for (int m : policy.key_periods.months)
      months += (months.empty() ? "" : "、") + std::to_string(m) + "月";
    pdf.Paragraph(std::to_string(n++) + "、重点时段：" +
                  (months.empty() ? std::string() : months + "；") +
                  (policy.key_periods.days_before_holidays > 0
                       ? "法定节假日前 " + std::to_string(policy.key_periods.days_before_holidays) +
                             " 个工作日"
                       : std::string()) +
                  "，相应增加检查频次。依据：" + policy.key_periods.source.basis);
  }
}

void DrawSection(io::PdfDocument& pdf, const store::PlanRecord& record, const planner::Plan& plan) {
  pdf.Paragraph(
      "检查对象和执法检查人员均从名录库中随机抽取。随机种子在抽取前登记其 SHA-256 "
      "承诺值，抽取后公布种子本身，任何人可用同一输入快照和种子重新抽取核验（anjian plan "
      "verify）。");
  pdf.PlainLine("种子承诺（SHA-256）：" + record.seed_commitment);
  pdf.PlainLine("公布的种子：" + record.seed);
  pdf.PlainLine("输入快照哈希：" + record.input_hash);
  std::vector<std::vector<std::string>> rows;
  for (const auto& d : plan.draws) {
    rows.push_back({d.rule, d.title, std::to_string(d.pool_size), std::to_string(d.required),
                    std::to_string(d.drawn), Percent(d.drawn, d.pool_size)});
  }
  if (!rows.empty()) {
    pdf.Table({{"规则", 1}, {"抽查事项", 3}, {"名录数", 1}, {"应抽", 1}, {"抽取", 1}, {"比例", 1}},
              rows);
  }
}

void ScheduleSection(io::PdfDocument& pdf, const planner::Plan& plan) {
  std::vector<std::array<int, 6>> months(12, std::array<int, 6>{});
  for (const auto& item : plan.items) {
    auto& m = months[item.date.month() - 1];
    ++m[static_cast<int>(item.kind)];
    ++m[5];
  }
  std::vector<std::vector<std::string>> rows;
  std::array<int, 6> total{};
  for (int i = 0; i < 12; ++i) {
    std::vector<std::string> row{std::to_string(i + 1) + "月"};
    for (int k : {0, 1, 4, 3, 2, 5}) {
      row.push_back(std::to_string(months[i][k]));
      total[k] += months[i][k];
    }
    rows.push_back(row);
  }
  std::vector<std::string> sum{"合计"};
  for (int k : {0, 1, 4, 3, 2, 5}) sum.push_back(std::to_string(total[k]));
  rows.push_back(sum);
  pdf.Table({{"月份", 1},
             {"确定性", 1},
             {"随机", 1},
             {"专项", 1},
             {"领导带队", 1},
             {"社区排查", 1},
             {"合计", 1}},
            rows);
}

}  // namespace

Result<std::string> RenderPlanPdf(const PlanDocumentInput& doc) {
  const auto& policy = doc.input.policy;
  const auto& plan = doc.plan;
  io::PdfDocument pdf(doc.record.title);
  pdf.Title(doc.record.title);
  pdf.Subtitle(policy.authority + "　第 " + std::to_string(doc.record.revision) + " 版　" +
               std::string(planner::Label(doc.record.status)));
  std::string basis;
  for (const auto& b : policy.basis) basis += b;
  pdf.Paragraph("为进一步加强安全生产依法行政工作，规范监督检查行为，根据" +
                (basis.empty() ? std::string("有关法律法规") : basis) +
                "要求，结合本辖区安全生产工作实际，编制" + std::to_string(doc.record.year) +
                "年度安全生产监督检查计划。");
  int section = 0;
  pdf.Heading(Numbered(section, "监管的生产经营单位"));
  UnitsSection(pdf, doc.input);
  pdf.Heading(Numbered(section, "执法检查能力测算"));
  CapacitySection(pdf, plan);
  if (!policy.methods.empty()) {
    pdf.Heading(Numbered(section, "监督检查的形式和方法"));
    for (const auto& m : policy.methods) pdf.Paragraph(m);
  }
  if (!policy.content.empty()) {
    pdf.Heading(Numbered(section, "监督检查内容"));
    for (std::size_t i = 0; i < policy.content.size(); ++i) {
      pdf.Paragraph(std::to_string(i + 1) + "、" + policy.content[i] + "；");
    }
  }
  pdf.Heading(Numbered(section, "监督检查范围和频次"));
  FrequencySection(pdf, policy);
  pdf.Heading(Numbered(section, "双随机抽取"));
  DrawSection(pdf, doc.record, plan);
  pdf.Heading(Numbered(section, "监督检查安排（按月）"));
  ScheduleSection(pdf, plan);
  if (!plan.shortfall.empty()) {
    pdf.Heading(Numbered(section, "检查能力缺口"));
    pdf.Paragraph(
        "以下必须开展的检查因能力或人员不足未能安排，按风险等级由高到低排列，须报请增加力量或调整计"
        "划：");
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : plan.shortfall) {
      rows.push_back({e.unit_name.empty() ? "（规则）" : e.unit_name, e.rule,
                      std::to_string(e.required), std::to_string(e.planned), e.reason});
    }
    pdf.Table({{"单位", 3}, {"规则", 1}, {"应检", 1}, {"已排", 1}, {"原因", 4}}, rows);
  }
  pdf.Heading(Numbered(section, "监督检查要求"));
  for (const auto& r : policy.requirements) pdf.Paragraph(r);
  if (!plan.warnings.empty()) {
    pdf.Heading(Numbered(section, "其他事项"));
    for (const auto& w : plan.warnings) pdf.Paragraph(w);
  }
  pdf.PageBreak();
  pdf.Heading("附件：执法检查安排明细");
  const auto names = InspectorNames(doc.input);
  std::vector<std::vector<std::string>> rows;
  std::map<std::string, int> screenings;
  for (const auto& item : plan.items) {
    if (item.kind == planner::ItemKind::kCommunityScreening) {
      ++screenings[item.community];
      continue;
    }
    std::string team = Team(item.inspectors, names);
    if (!item.leader.empty()) team = "带队：" + Team({item.leader}, names) + "；" + team;
    rows.push_back({std::to_string(item.seq), item.date.ToString() + " " + SlotLabel(item.slot),
                    item.unit_name, std::string(planner::Label(item.kind)), item.rule, team});
  }
  pdf.Table({{"序号", 1}, {"日期", 2}, {"单位", 4}, {"类型", 2}, {"依据", 1.5}, {"检查组", 5}},
            rows);
  if (!screenings.empty()) {
    pdf.Heading("附件：社区（村）排查安排汇总", 2);
    std::vector<std::vector<std::string>> srows;
    srows.reserve(screenings.size());
    for (const auto& [community, count] : screenings)
      srows.push_back({community, std::to_string(count)});
    pdf.Table({{"社区（村）", 3}, {"排查家次", 1}}, srows);
  }
  return pdf.Render();
}

Status WritePlanXlsx(const PlanDocumentInput& doc, const std::string& path) {
  const auto names = InspectorNames(doc.input);
  const auto& items = doc.plan.items;
  std::size_t next = 0;
  io::WriteOptions options;
  options.sheet_name = "检查计划明细";
  options.column_widths = {6, 12, 6, 22, 36, 14, 12, 14, 12, 36, 18, 8, 24};
  io::Row header;
  for (const char* name :
       {"序号", "日期", "时段", "统一社会信用代码", "单位名称", "检查类型", "依据规则",
        "社区（村）", "网格", "检查人员", "带队领导", "重点时段", "备注"}) {
    header.push_back(io::Cell{name});
  }
  return io::WriteXlsxFile(
      path, header,
      [&](io::Row& row) {
        if (next >= items.size()) return false;
        const auto& item = items[next++];
        auto cell = [&](std::string text, bool numeric = false) {
          row.push_back(io::Cell{std::move(text), numeric});
        };
        cell(std::to_string(item.seq), true);
        cell(item.date.ToString());
        cell(SlotLabel(item.slot));
        cell(item.unit_credit_code);
        cell(item.unit_name);
        cell(std::string(planner::Label(item.kind)));
        cell(item.rule);
        cell(item.community);
        cell(item.grid);
        cell(Team(item.inspectors, names));
        cell(item.leader.empty() ? "" : Team({item.leader}, names));
        cell(item.key_period ? "是" : "");
        cell(item.note + (item.occurrences > 1
                              ? (item.note.empty() ? "" : "；") + std::string("第 ") +
                                    std::to_string(item.occurrence) + "/" +
                                    std::to_string(item.occurrences) + " 次"
                              : ""));
        return true;
      },
      options);
}

}  // namespace anjian::app
