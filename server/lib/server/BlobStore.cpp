#include "server/BlobStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <crypto/StreamHash.h>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>
#include <util/LogCategories.h>

namespace moim::server {

namespace {

constexpr QFileDevice::Permissions kDirPermissions =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
constexpr QFileDevice::Permissions kFilePermissions =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr qint64 kReadPiece = 64 * 1024;

QString hex(const QByteArray& id)
{
    return QString::fromLatin1(id.toHex());
}

bool makePrivateDir(const QString& path)
{
    if (!QDir(path).exists() && !QDir().mkdir(path, kDirPermissions) && !QDir(path).exists())
        return false;
    return QFile::setPermissions(path, kDirPermissions);
}

// A rename is durable only once the directory that now names the file is on disk.
void syncDirectory(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
}

} // namespace

BlobStore::BlobStore(const QString& dataDir)
    : m_blobDir(QDir(dataDir).filePath(QStringLiteral("blobs")))
    , m_uploadDir(QDir(dataDir).filePath(QStringLiteral("uploads")))
{}

bool BlobStore::prepare(QString* error) const
{
    for (const QString& dir : {m_blobDir, m_uploadDir}) {
        if (!QDir().mkpath(dir) || !QFile::setPermissions(dir, kDirPermissions)) {
            *error = QStringLiteral("cannot create directory %1").arg(dir);
            return false;
        }
    }
    return true;
}

QString BlobStore::blobPath(const QByteArray& blobId) const
{
    const QString name = hex(blobId);
    return m_blobDir + QLatin1Char('/') + name.left(2) + QLatin1Char('/') + name;
}

QString BlobStore::partPath(const QByteArray& uploadId) const
{
    return m_uploadDir + QLatin1Char('/') + hex(uploadId) + QStringLiteral(".part");
}

bool BlobStore::hasBlob(const QByteArray& blobId) const
{
    return QFile::exists(blobPath(blobId));
}

bool BlobStore::writePart(const QByteArray& uploadId, quint64 offset, const QByteArray& data) const
{
    QFile file(partPath(uploadId));
    if (!file.open(QIODevice::ReadWrite, kFilePermissions)) {
        qCWarning(lcServer) << "cannot open" << file.fileName() << ":" << file.errorString();
        return false;
    }
    // Shorter than the bytes counted so far means the file was lost: writing on would leave
    // a hole that no hash could match.
    if (quint64(file.size()) < offset) {
        qCWarning(lcServer) << file.fileName() << "holds" << file.size() << "bytes, expected"
                            << offset;
        return false;
    }
    if (!file.resize(qint64(offset)) || !file.seek(qint64(offset)) ||
        file.write(data) != data.size() || !file.flush()) {
        qCWarning(lcServer) << "cannot write" << file.fileName() << ":" << file.errorString();
        return false;
    }
    return true;
}

QByteArray BlobStore::hashPart(const QByteArray& uploadId, quint64 size) const
{
    QFile file(partPath(uploadId));
    if (!file.open(QIODevice::ReadOnly) || quint64(file.size()) != size) {
        qCWarning(lcServer) << "cannot read" << file.fileName() << "as" << size << "bytes";
        return {};
    }
    crypto::StreamHash hash;
    while (!file.atEnd()) {
        const QByteArray piece = file.read(kReadPiece);
        if (piece.isEmpty()) {
            qCWarning(lcServer) << "cannot read" << file.fileName() << ":" << file.errorString();
            return {};
        }
        hash.add(piece);
    }
    return hash.finish();
}

bool BlobStore::promote(const QByteArray& uploadId, const QByteArray& blobId) const
{
    const QString from = partPath(uploadId);
    const QString to = blobPath(blobId);
    {
        QFile part(from);
        if (!part.open(QIODevice::ReadWrite) || ::fsync(part.handle()) != 0) {
            qCWarning(lcServer) << "cannot flush" << from;
            return false;
        }
    }
    const QString prefix = QFileInfo(to).absolutePath();
    if (!makePrivateDir(prefix)) {
        qCWarning(lcServer) << "cannot create directory" << prefix;
        return false;
    }
    // POSIX rename replaces a leftover file of the same content atomically; QFile::rename
    // would refuse it.
    if (std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0) {
        qCWarning(lcServer) << "cannot move" << from << "to" << to;
        return false;
    }
    syncDirectory(prefix);
    return true;
}

void BlobStore::removePart(const QByteArray& uploadId) const
{
    const QString path = partPath(uploadId);
    if (QFile::exists(path) && !QFile::remove(path))
        qCWarning(lcServer) << "cannot remove" << path;
}

void BlobStore::removeBlob(const QByteArray& blobId) const
{
    const QString path = blobPath(blobId);
    if (QFile::exists(path) && !QFile::remove(path))
        qCWarning(lcServer) << "cannot remove" << path;
}

std::optional<QByteArray> BlobStore::read(const QByteArray& blobId, quint64 offset,
                                          qint64 length) const
{
    QFile file(blobPath(blobId));
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcServer) << "cannot open" << file.fileName() << ":" << file.errorString();
        return std::nullopt;
    }
    if (offset >= quint64(file.size()) || length <= 0)
        return QByteArray();
    if (!file.seek(qint64(offset)))
        return std::nullopt;
    QByteArray data = file.read(length);
    if (data.isEmpty() && length > 0)
        return std::nullopt;
    return data;
}

} // namespace moim::server
