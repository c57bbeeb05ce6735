#pragma once

namespace moim::server {

// Writes that the requests of one group commit leave to be done together, in a few set-based
// statements just before the group's commit (SendBatch): on PostgreSQL every statement is a
// round trip to another process and a parse there, so rows are cheaper by the hundred.
class DeferredWrites {
public:
    virtual ~DeferredWrites() = default;
    // Writes what was deferred, in the group's transaction; throws DbError as DbContext::exec.
    virtual void flush() = 0;
};

} // namespace moim::server
