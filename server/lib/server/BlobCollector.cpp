#include "server/BlobCollector.h"

#include "server/BlobMetadataStore.h"
#include "server/Clock.h"
#include "server/DatabasePool.h"
#include "server/SqlTransaction.h"

#include <util/LogCategories.h>

namespace moim::server {

namespace {

constexpr qint64 kHourMs = 3600LL * 1000;

// What one batch did: rows it looked at, and how many it deleted.
struct Batch {
    int found = 0;
    int deleted = 0;
};

} // namespace

BlobCollector::BlobCollector(DatabasePool& database, BlobStore files, int graceHours, int batchSize,
                             QObject* parent)
    : QObject(parent)
    , m_database(database)
    , m_files(std::move(files))
    , m_graceHours(graceHours)
    , m_batchSize(batchSize)
{}

void BlobCollector::runOnce(std::function<void(Counts)> done)
{
    auto pass = std::make_shared<Pass>();
    pass->cutoffMs = nowMs() - qint64(m_graceHours) * kHourMs;
    pass->done = std::move(done);
    nextBatch(pass);
}

void BlobCollector::nextBatch(std::shared_ptr<Pass> pass)
{
    const int batch = m_batchSize;
    const qint64 cutoff = pass->cutoffMs;
    const BlobStore files = m_files;
    std::function<Batch(DbContext&)> work;
    switch (pass->step) {
    case Step::References:
        work = [batch](DbContext& context) {
            SqlTransaction transaction(context);
            const int dropped = BlobMetadataStore(context).dropOrphanReferences(batch);
            transaction.commit();
            return Batch{dropped, dropped};
        };
        break;
    case Step::Blobs:
        work = [batch, cutoff, files](DbContext& context) {
            BlobMetadataStore blobs(context);
            const QList<QByteArray> candidates = blobs.unreferencedBlobs(cutoff, batch);
            SqlTransaction transaction(context);
            int deleted = 0;
            for (const QByteArray& blobId : candidates) {
                // The file goes inside the transaction that deletes the row: an upload of the
                // same content waits for this commit before it moves its file in.
                if (blobs.deleteIfUnreferenced(blobId, cutoff)) {
                    files.removeBlob(blobId);
                    ++deleted;
                }
            }
            transaction.commit();
            return Batch{int(candidates.size()), deleted};
        };
        break;
    case Step::Uploads:
        work = [batch, cutoff, files](DbContext& context) {
            BlobMetadataStore blobs(context);
            const QList<QByteArray> candidates = blobs.staleUploads(cutoff, batch);
            SqlTransaction transaction(context);
            QList<QByteArray> deleted;
            for (const QByteArray& uploadId : candidates) {
                if (blobs.deleteIfStale(uploadId, cutoff))
                    deleted.append(uploadId);
            }
            transaction.commit();
            // Without its row nobody writes to a part file any more.
            for (const QByteArray& uploadId : std::as_const(deleted))
                files.removePart(uploadId);
            return Batch{int(candidates.size()), int(deleted.size())};
        };
        break;
    case Step::Done:
        if (pass->counts.references + pass->counts.blobs + pass->counts.uploads > 0)
            qCInfo(lcDb) << "collected" << pass->counts.blobs << "files and" << pass->counts.uploads
                         << "unfinished uploads, dropped" << pass->counts.references
                         << "references to removed events";
        pass->done(pass->counts);
        return;
    }
    m_database.run<Batch>(this, std::move(work), [this, pass](protocol::Result<Batch> outcome) {
        qint64* counter = pass->step == Step::References ? &pass->counts.references
                          : pass->step == Step::Blobs    ? &pass->counts.blobs
                                                         : &pass->counts.uploads;
        if (outcome)
            *counter += outcome->deleted;
        // A step is done when a batch comes back short, deletes nothing or fails (the next
        // pass tries again).
        if (!outcome || outcome->found < m_batchSize || outcome->deleted == 0)
            pass->step = Step(int(pass->step) + 1);
        nextBatch(pass);
    });
}

} // namespace moim::server
