// A Store decorator that makes the Nth unit, inspector, record or document insert fail with
// kUnavailable (leveldb's ErrorEnv idea), to prove that a failure mid-import writes nothing.
#pragma once

#include <atomic>
#include <memory>

#include "store/store.hpp"

namespace anjian::test_support {

class FailingStore final : public store::Store {
 public:
  // Inserts are counted across sessions; the `fail_at`-th one (1-based) fails.
  FailingStore(store::Store& inner, int fail_at) : inner_(inner), fail_at_(fail_at) {}
  Result<std::unique_ptr<store::StoreSession>> Read() override { return inner_.Read(); }
  Result<std::unique_ptr<store::StoreSession>> Write() override;
  std::string_view Kind() const override { return inner_.Kind(); }
  int inserts_seen() const { return inserts_.load(); }

 private:
  friend class FailingSession;
  bool NextInsertFails() { return ++inserts_ == fail_at_; }
  store::Store& inner_;
  int fail_at_;
  std::atomic<int> inserts_{0};
};

}  // namespace anjian::test_support
