#include "domain/registry/credit_code.hpp"

#include <array>
#include <cctype>

#include "common/text.hpp"

namespace anjian::domain {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28};

int ValueOf(char c) {
  const auto pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

Result<std::string> Normalise(std::string_view text) {
  std::string code(Trim(text));
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (code.empty()) return Error::InvalidArgument("统一社会信用代码不能为空");
  if (code.size() != 18) {
    return Error::InvalidArgument("统一社会信用代码应为18位，实际为" +
                                  std::to_string(Utf8Length(code)) + "位");
  }
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (ValueOf(code[i]) < 0) {
      return Error::InvalidArgument("统一社会信用代码第" + std::to_string(i + 1) + "位字符“" +
                                    std::string(1, code[i]) +
                                    "”不合法（不得含 I、O、S、V、Z 及标点）");
    }
  }
  for (std::size_t i = 2; i < 8; ++i) {
    if (code[i] < '0' || code[i] > '9') {
      return Error::InvalidArgument("统一社会信用代码第3-8位应为行政区划代码（数字）");
    }
  }
  return code;
}

}  // namespace

char CreditCode::ComputeCheckCharacter(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    const int v = ValueOf(first17[i]);
    if (v < 0) return '\0';
    sum += v * kWeights[i];
  }
  int r = 31 - sum % 31;
  if (r == 31) r = 0;
  return kAlphabet[static_cast<std::size_t>(r)];
}

Result<CreditCode> CreditCode::Parse(std::string_view text) {
  ANJIAN_ASSIGN_OR_RETURN(std::string code, Normalise(text));
  const char expected = ComputeCheckCharacter(std::string_view(code).substr(0, 17));
  if (expected != code[17]) {
    return Error::InvalidArgument(std::string("统一社会信用代码校验位错误：第18位应为“") +
                                  expected + "”，实际为“" + code[17] +
                                  "”（如确为早期合法代码，可勾选“校验位例外”并注明原因）");
  }
  return CreditCode(std::move(code), true);
}

Result<CreditCode> CreditCode::ParseAllowingBadCheck(std::string_view text) {
  ANJIAN_ASSIGN_OR_RETURN(std::string code, Normalise(text));
  const bool valid = ComputeCheckCharacter(std::string_view(code).substr(0, 17)) == code[17];
  return CreditCode(std::move(code), valid);
}

}  // namespace anjian::domain
