#pragma once

#include "crypto/CryptoError.h"

#include <QByteArray>

namespace moim::crypto {

// The symmetric ratchet of a sender key: message i is encrypted under
// MK_i = kdf(CK_i, 1, "moimMsgK") and the chain moves on with CK_{i+1} = kdf(CK_i, 1, "moimChnK").
// The outbound side forgets each CK as it moves on. The inbound side keeps the chain at the
// earliest index it was given (like Megolm), so that history and messages that arrive out of
// order decrypt; its forward secrecy starts from that index.
class SenderChain {
public:
    static constexpr int kKeyBytes = 32;
    // An index further than this is refused rather than derived: it bounds the work a
    // malicious header can cause (and no epoch lives that long: senders rotate every 100).
    static constexpr quint32 kMaxIndex = 100000;

    static QByteArray messageKey(const QByteArray& chainKey);
    static QByteArray nextChainKey(const QByteArray& chainKey);
};

// The sending device's current epoch for one room.
class OutboundSenderKey {
public:
    static OutboundSenderKey create(quint64 epoch, qint64 nowMs);
    static OutboundSenderKey restore(quint64 epoch, quint32 index, QByteArray chainKey,
                                     qint64 createdMs);
    OutboundSenderKey(const OutboundSenderKey&) = default;
    OutboundSenderKey& operator=(const OutboundSenderKey&) = default;
    ~OutboundSenderKey();

    struct Step {
        quint32 index = 0;
        QByteArray messageKey;
    };
    // The key for the next message; the chain moves on and the old chain key is wiped.
    Step next();

    quint64 epoch() const { return m_epoch; }
    quint32 index() const { return m_index; }
    const QByteArray& chainKey() const { return m_chainKey; }
    qint64 createdMs() const { return m_createdMs; }

private:
    OutboundSenderKey(quint64 epoch, quint32 index, QByteArray chainKey, qint64 createdMs);

    quint64 m_epoch = 0;
    quint32 m_index = 0;
    QByteArray m_chainKey;
    qint64 m_createdMs = 0;
};

// A sender key as received: the chain at its earliest known index, plus a cursor so that
// reading in order costs one step per message.
class InboundSenderKey {
public:
    InboundSenderKey(quint32 firstIndex, QByteArray chainKey);
    InboundSenderKey(const InboundSenderKey&) = default;
    InboundSenderKey& operator=(const InboundSenderKey&) = default;
    ~InboundSenderKey();

    Checked<QByteArray> messageKey(quint32 index);

    quint32 firstIndex() const { return m_firstIndex; }
    const QByteArray& firstChainKey() const { return m_firstChainKey; }

private:
    quint32 m_firstIndex = 0;
    QByteArray m_firstChainKey;
    quint32 m_cursorIndex = 0;
    QByteArray m_cursorChainKey;
};

} // namespace moim::crypto
