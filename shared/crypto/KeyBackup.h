#pragma once

#include "crypto/CryptoError.h"

#include <QByteArray>

namespace moim::crypto {

// Sender keys backed up on the server under the user's backup key KB. The slot id is a keyed
// hash, so the server cannot tell which room or sender a slot belongs to, and it is the box's
// associated data, so the server cannot move a box into another slot.
class KeyBackup {
public:
    static constexpr int kBackupKeyBytes = 32;
    static constexpr int kSlotIdBytes = 32;

    static QByteArray newBackupKey();
    static QByteArray slotId(const QByteArray& backupKey, quint64 roomId, quint64 senderDeviceId,
                             quint64 epoch);
    static QByteArray seal(const QByteArray& backupKey, const QByteArray& slotId,
                           const QByteArray& plaintext);
    static Checked<QByteArray> open(const QByteArray& backupKey, const QByteArray& slotId,
                                    const QByteArray& sealed);
};

} // namespace moim::crypto
