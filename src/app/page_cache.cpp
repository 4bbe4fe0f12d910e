#include "app/page_cache.hpp"

namespace anjian::app {

std::shared_ptr<const std::string> PageCache::Find(const std::string& key,
                                                   std::int64_t counter) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.counter != counter) return nullptr;
  return it->second.body;
}

void PageCache::Put(const std::string& key, std::int64_t counter,
                    std::shared_ptr<const std::string> body) {
  if (capacity_ == 0) return;  // caching disabled
  std::lock_guard lock(mutex_);
  if (entries_.size() >= capacity_ && !entries_.count(key)) entries_.clear();
  entries_[key] = Entry{counter, std::move(body)};
}

}  // namespace anjian::app
