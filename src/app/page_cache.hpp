// Rendered list pages, keyed by caller scope + query and tagged with the store's change counter
// read in the same snapshot as the page: a hit is served only while nothing has changed, so a
// cached page is never staler than a fresh query would be. Bounded; thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace anjian::app {

class PageCache {
 public:
  // capacity 0 disables caching.
  explicit PageCache(std::size_t capacity = 512) : capacity_(capacity) {}

  // The cached body for key if it was rendered at exactly this counter value.
  std::shared_ptr<const std::string> Find(const std::string& key, std::int64_t counter) const;
  // Stores a body; when full, the cache is emptied first (pages are cheap to re-render).
  void Put(const std::string& key, std::int64_t counter, std::shared_ptr<const std::string> body);

 private:
  struct Entry {
    std::int64_t counter;
    std::shared_ptr<const std::string> body;
  };
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace anjian::app
