#pragma once

#include "server/BlobStore.h"

#include <QObject>
#include <functional>
#include <memory>

namespace moim::server {

class DatabasePool;

// Deletes what no one needs any more, in small batches like retention (each batch its own
// short database job, queued after the previous one finished): references to events that
// retention removed, blobs that no live event refers to, and uploads nobody continued, the
// last two only once they are older than the grace period. Files go with their rows.
class BlobCollector : public QObject {
    Q_OBJECT
public:
    BlobCollector(DatabasePool& database, BlobStore files, int graceHours, int batchSize,
                  QObject* parent = nullptr);

    struct Counts {
        qint64 references = 0;
        qint64 blobs = 0;
        qint64 uploads = 0;
    };
    // One full pass; done runs on this object's thread.
    void runOnce(std::function<void(Counts)> done);

private:
    enum class Step { References, Blobs, Uploads, Done };
    struct Pass {
        Step step = Step::References;
        qint64 cutoffMs = 0;
        Counts counts;
        std::function<void(Counts)> done;
    };
    void nextBatch(std::shared_ptr<Pass> pass);

    DatabasePool& m_database;
    BlobStore m_files;
    int m_graceHours;
    int m_batchSize;
};

} // namespace moim::server
