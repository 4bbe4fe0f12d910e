#include "http/multipart.hpp"

#include <gtest/gtest.h>

namespace anjian::http {
namespace {

constexpr std::string_view kContentType =
    "multipart/form-data; boundary=----AnjianBoundary7MA4YWxk";

std::string SampleBody() {
  std::string body;
  body += "preamble to ignore\r\n";
  body += "------AnjianBoundary7MA4YWxk\r\n";
  body += "Content-Disposition: form-data; name=\"year\"\r\n\r\n";
  body += "2025\r\n";
  body += "------AnjianBoundary7MA4YWxk\r\n";
  body += "content-disposition: form-data; name=\"file\"; filename=\"隐患台账.xlsx\"\r\n";
  body += "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n";
  body += std::string("PK\x03\x04\r\n--not-a-boundary\r\n\0tail", 29);
  body += "\r\n------AnjianBoundary7MA4YWxk--\r\nepilogue";
  return body;
}

TEST(MultipartTest, ParsesFieldsAndBinaryFile) {
  const Result<std::vector<MultipartPart>> parts = ParseMultipart(kContentType, SampleBody());
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 2u);

  EXPECT_EQ((*parts)[0].name, "year");
  EXPECT_EQ((*parts)[0].file_name, "");
  EXPECT_EQ((*parts)[0].content_type, "");
  EXPECT_EQ((*parts)[0].data, "2025");

  const MultipartPart* file = FindPart(*parts, "file");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->file_name, "隐患台账.xlsx");
  EXPECT_EQ(file->content_type,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(file->data, std::string("PK\x03\x04\r\n--not-a-boundary\r\n\0tail", 29));
  EXPECT_EQ(FindPart(*parts, "absent"), nullptr);
}

TEST(MultipartTest, AcceptsQuotedBoundaryEmptyPartAndExtendedFileName) {
  const std::string body =
      "--a b\"c\r\n"
      "Content-Disposition: form-data; name=\"empty\"\r\n\r\n"
      "\r\n--a b\"c\r\n"
      "Content-Disposition: form-data; name=\"f\"; filename=\"fallback.xlsx\"; "
      "filename*=UTF-8''%E6%A3%80%E6%9F%A5.xlsx\r\n\r\n"
      "x\r\n--a b\"c--";
  const auto parts =
      ParseMultipart(R"(Multipart/Form-Data; charset=utf-8; boundary="a b\"c")", body);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].data, "");
  EXPECT_EQ((*parts)[1].file_name, "检查.xlsx");
  EXPECT_EQ((*parts)[1].data, "x");
}

TEST(MultipartTest, MissingBoundaryIsAClearError) {
  for (std::string_view header : {"multipart/form-data", "multipart/form-data; charset=utf-8",
                                  "multipart/form-data; boundary=\"\""}) {
    const auto parts = ParseMultipart(header, SampleBody());
    ASSERT_FALSE(parts.ok()) << header;
    EXPECT_EQ(parts.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(parts.error().message.find("boundary"), std::string::npos) << parts.error().message;
    EXPECT_NE(parts.error().message.find("缺少"), std::string::npos) << parts.error().message;
  }
}

TEST(MultipartTest, NonMultipartContentTypeIsRejected) {
  const auto parts = ParseMultipart("application/json", "{}");
  ASSERT_FALSE(parts.ok());
  EXPECT_NE(parts.error().message.find("multipart/form-data"), std::string::npos);
}

TEST(MultipartTest, TruncatedBodyIsAClearErrorAtEveryCutPoint) {
  const std::string body = SampleBody();
  const std::size_t closing = body.find("------AnjianBoundary7MA4YWxk--");
  ASSERT_NE(closing, std::string::npos);
  // Every prefix that stops before the closing delimiter's "--" is incomplete.
  for (std::size_t cut = 0; cut < closing + 30; ++cut) {
    const auto parts = ParseMultipart(kContentType, std::string_view(body).substr(0, cut));
    ASSERT_FALSE(parts.ok()) << "cut at " << cut;
    EXPECT_EQ(parts.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(parts.error().message.find("truncated"), std::string::npos)
        << "cut at " << cut << ": " << parts.error().message;
  }
  EXPECT_TRUE(ParseMultipart(kContentType, std::string_view(body).substr(0, closing + 30)).ok());
}

TEST(MultipartTest, PartWithoutNameIsRejected) {
  const std::string body = "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--";
  const auto parts = ParseMultipart("multipart/form-data; boundary=b", body);
  ASSERT_FALSE(parts.ok());
  EXPECT_NE(parts.error().message.find("Content-Disposition"), std::string::npos);
}

}  // namespace
}  // namespace anjian::http
