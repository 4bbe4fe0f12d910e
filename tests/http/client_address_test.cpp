// Which address a request's failed logins count against: the peer's, or behind a trusted reverse
// proxy the client that proxy saw. A client must not be able to pick it by sending the header.
#include <gtest/gtest.h>

#include "http/server.hpp"

namespace anjian::http {
namespace {

const std::vector<std::string> kLoopbackProxies = {"127.0.0.1", "::1"};

TEST(ClientAddressTest, WithoutTheHeaderItIsThePeer) {
  EXPECT_EQ(ClientAddress("10.1.2.3", "", kLoopbackProxies), "10.1.2.3");
  EXPECT_EQ(ClientAddress("127.0.0.1", "", kLoopbackProxies), "127.0.0.1");
}

TEST(ClientAddressTest, AnUntrustedPeerCannotChooseItsAddress) {
  EXPECT_EQ(ClientAddress("10.1.2.3", "192.0.2.9", kLoopbackProxies), "10.1.2.3");
}

TEST(ClientAddressTest, BehindTheProxyItIsTheAddressTheProxySaw) {
  EXPECT_EQ(ClientAddress("127.0.0.1", "192.0.2.9", kLoopbackProxies), "192.0.2.9");
  EXPECT_EQ(ClientAddress("::1", " 192.0.2.9 ", kLoopbackProxies), "192.0.2.9");
}

TEST(ClientAddressTest, EntriesLeftOfTheNearestUntrustedOneAreTheClientsWord) {
  // The client sent "X-Forwarded-For: 6.6.6.6"; nginx appended the address it saw.
  EXPECT_EQ(ClientAddress("127.0.0.1", "6.6.6.6, 192.0.2.9", kLoopbackProxies), "192.0.2.9");
  // Two trusted hops (a second proxy on loopback) are skipped.
  EXPECT_EQ(ClientAddress("127.0.0.1", "192.0.2.9, 127.0.0.1", kLoopbackProxies), "192.0.2.9");
}

TEST(ClientAddressTest, NoProxiesTrustedMeansThePeerAlways) {
  EXPECT_EQ(ClientAddress("127.0.0.1", "192.0.2.9", {}), "127.0.0.1");
}

}  // namespace
}  // namespace anjian::http
