#include "crypto/KeyBackup.h"

#include "crypto/AeadBox.h"
#include "crypto/Sodium.h"

#include <sodium.h>

namespace moim::crypto {

namespace {

const QByteArray kAssociatedPrefix = QByteArrayLiteral("moim key backup v1");

} // namespace

QByteArray KeyBackup::newBackupKey()
{
    return randomBytes(kBackupKeyBytes);
}

QByteArray KeyBackup::slotId(const QByteArray& backupKey, quint64 roomId, quint64 senderDeviceId,
                             quint64 epoch)
{
    QByteArray hashKey = deriveSubkey(backupKey, 1, "moimBkId");
    const QByteArray input =
        littleEndian64(roomId) + littleEndian64(senderDeviceId) + littleEndian64(epoch);
    QByteArray id(kSlotIdBytes, Qt::Uninitialized);
    crypto_generichash(
        reinterpret_cast<unsigned char*>(id.data()), size_t(id.size()),
        reinterpret_cast<const unsigned char*>(input.constData()), quint64(input.size()),
        reinterpret_cast<const unsigned char*>(hashKey.constData()), size_t(hashKey.size()));
    wipe(hashKey);
    return id;
}

QByteArray KeyBackup::seal(const QByteArray& backupKey, const QByteArray& slotId,
                           const QByteArray& plaintext)
{
    QByteArray key = deriveSubkey(backupKey, 2, "moimBkEn");
    QByteArray sealed = AeadBox::seal(key, plaintext, kAssociatedPrefix + slotId);
    wipe(key);
    return sealed;
}

Checked<QByteArray> KeyBackup::open(const QByteArray& backupKey, const QByteArray& slotId,
                                    const QByteArray& sealed)
{
    if (backupKey.size() != kBackupKeyBytes)
        return Checked<QByteArray>::failure(CryptoFailure::UnknownKey,
                                            QStringLiteral("no backup key"));
    QByteArray key = deriveSubkey(backupKey, 2, "moimBkEn");
    auto opened = AeadBox::open(key, sealed, kAssociatedPrefix + slotId);
    wipe(key);
    return opened;
}

} // namespace moim::crypto
