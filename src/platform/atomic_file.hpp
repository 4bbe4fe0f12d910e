// Files that are either wholly replaced or untouched: blobs, backups and archives are written to a
// temporary file next to their target, fsynced, renamed over it, and the directory fsynced, so a
// crash or a full disk at any point leaves the old file or the new one, never half of one.
// The platform layer holds such operating-system facilities with no knowledge of the domain; io
// and store both build on it (docs/architecture.md).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace anjian::platform {

// Replaces `target`: `produce` writes the new content into the fresh, empty temporary file whose
// path it is given (by any means: its own writes, SQLite's backup API, a child process). When it
// succeeds the file is fsynced, renamed over `target` and the directory entry made durable. On any
// failure the temporary file is removed, `target` is as it was and the error is returned:
// produce's own, kResourceExhausted for a full disk, otherwise kInternal. Messages name the file as
// `what` ("文件" where the path is nobody's business, the path itself for an operator's backup).
Status ReplaceFileAtomically(const std::string& target,
                             const std::function<Status(const std::string& temp_path)>& produce,
                             std::string_view what);

// ReplaceFileAtomically with `bytes` as the new content.
Status WriteFileAtomically(const std::string& target, std::string_view bytes,
                           std::string_view what);

// fsyncs the directory holding `path`, which makes a just-created or renamed entry in it durable
// (POSIX persists a directory entry only when the directory itself is synced).
Status SyncDirectoryOf(const std::string& path, std::string_view what);

}  // namespace anjian::platform
