#include "support/failing_store.hpp"

#include "store/composed_session.hpp"

namespace anjian::test_support {

using namespace anjian::store;

// A real session with four inserts intercepted: the counted one fails as a full disk would.
class FailingSession final : public ComposedSession {
 public:
  FailingSession(FailingStore& owner, std::unique_ptr<StoreSession> inner)
      : ComposedSession(std::move(inner)), owner_(owner) {}

  Result<domain::Unit> InsertUnit(const domain::Unit& unit, std::int64_t now) override {
    if (owner_.NextInsertFails()) return Injected();
    return ComposedSession::InsertUnit(unit, now);
  }
  Result<domain::Inspector> InsertInspector(const domain::Inspector& inspector,
                                            std::int64_t now) override {
    if (owner_.NextInsertFails()) return Injected();
    return ComposedSession::InsertInspector(inspector, now);
  }
  Result<InspectionRecordRow> InsertInspectionRecord(const InspectionRecordRow& record) override {
    if (owner_.NextInsertFails()) return Injected();
    return ComposedSession::InsertInspectionRecord(record);
  }
  Result<DocumentRow> InsertDocument(const DocumentRow& document) override {
    if (owner_.NextInsertFails()) return Injected();
    return ComposedSession::InsertDocument(document);
  }

 private:
  static Error Injected() { return Error::Unavailable("injected failure: disk full"); }
  FailingStore& owner_;
};

Result<std::unique_ptr<StoreSession>> FailingStore::Write() {
  ANJIAN_ASSIGN_OR_RETURN(auto inner, inner_.Write());
  return std::unique_ptr<StoreSession>(new FailingSession(*this, std::move(inner)));
}

}  // namespace anjian::test_support
