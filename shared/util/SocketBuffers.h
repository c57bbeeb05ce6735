#pragma once

class QIODevice;

namespace moim::util {

// Qt 6.4 keeps an emptied socket buffer's last chunk for reuse: up to 32 KB for writes and
// 16 KB for reads, per socket, for as long as the socket lives. At tens of thousands of mostly
// idle connections those chunks are the largest part of the server's memory per connection
// (heaptrack: 32.8 of 45 KB of heap), and Qt 6.4 has no public setter for them. Both functions
// only free what an empty buffer keeps, never buffered data. Call them on the socket's thread.

// Makes the read buffer keep at most kKeptReadChunkBytes once emptied, and frees what both
// buffers keep now if they are empty.
void trimSocketBuffers(QIODevice& socket);

// Frees the write buffer's chunk if nothing is left to write. The write chunk keeps its size
// (32 KB) while frames are queued, because Qt sends one chunk per write notification: with
// small chunks a busy socket sends a few hundred bytes per wake-up (measured: fan-out fell
// from 298,000 to 29,000 deliveries/s). Meant to follow each completed write.
void releaseEmptyWriteBuffer(QIODevice& socket);

// Not 0: QIODevice reads into its buffer a chunk of this size at a time, and a chunk of 0
// would be an empty read.
inline constexpr int kKeptReadChunkBytes = 512;

} // namespace moim::util
