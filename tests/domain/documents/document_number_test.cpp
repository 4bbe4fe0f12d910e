#include "domain/documents/document_number.hpp"

#include <gtest/gtest.h>

#include "support/result_matchers.hpp"

namespace anjian::domain {
namespace {

TEST(DocumentNumberTest, FormatsPerTypeAndYear) {
  auto record = FormatDocumentNumber("（街）", DocumentType::kInspectionRecord, 2025, 12);
  ASSERT_OK(record);
  EXPECT_EQ(*record, "（街）应急检记〔2025〕第12号");
  auto order = FormatDocumentNumber("（解放）", DocumentType::kRectificationOrder, 2026, 1);
  ASSERT_OK(order);
  EXPECT_EQ(*order, "（解放）应急责改〔2026〕第1号");
}

TEST(DocumentNumberTest, RejectsBadSerialYearAndPrefix) {
  EXPECT_ERROR_CODE(FormatDocumentNumber("（街）", DocumentType::kPenaltyNotice, 2025, 0),
                    kInvalidArgument);
  EXPECT_ERROR_CODE(FormatDocumentNumber("（街）", DocumentType::kPenaltyNotice, 1999, 1),
                    kInvalidArgument);
  EXPECT_ERROR_CODE(FormatDocumentNumber("\xff", DocumentType::kPenaltyNotice, 2025, 1),
                    kInvalidArgument);
  EXPECT_ERROR_CODE(
      FormatDocumentNumber(std::string(21 * 3, 'a'), DocumentType::kPenaltyNotice, 2025, 1),
      kInvalidArgument);
}

TEST(DocumentNumberTest, ParsesCodesNamesAndAbbreviations) {
  for (const auto& info : DocumentTypes()) {
    for (auto text : {info.code, info.name, info.abbreviation}) {
      auto parsed = ParseDocumentType(text);
      ASSERT_OK(parsed);
      EXPECT_EQ(*parsed, info.type);
    }
  }
  auto unknown = ParseDocumentType("通知");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("现场检查记录"), std::string::npos);
}

}  // namespace
}  // namespace anjian::domain
