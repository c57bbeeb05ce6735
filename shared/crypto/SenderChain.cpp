#include "crypto/SenderChain.h"

#include "crypto/Sodium.h"

namespace moim::crypto {

QByteArray SenderChain::messageKey(const QByteArray& chainKey)
{
    return deriveSubkey(chainKey, 1, "moimMsgK");
}

QByteArray SenderChain::nextChainKey(const QByteArray& chainKey)
{
    return deriveSubkey(chainKey, 1, "moimChnK");
}

OutboundSenderKey::OutboundSenderKey(quint64 epoch, quint32 index, QByteArray chainKey,
                                     qint64 createdMs)
    : m_epoch(epoch)
    , m_index(index)
    , m_chainKey(std::move(chainKey))
    , m_createdMs(createdMs)
{}

OutboundSenderKey::~OutboundSenderKey()
{
    wipe(m_chainKey);
}

OutboundSenderKey OutboundSenderKey::create(quint64 epoch, qint64 nowMs)
{
    return OutboundSenderKey(epoch, 0, randomBytes(SenderChain::kKeyBytes), nowMs);
}

OutboundSenderKey OutboundSenderKey::restore(quint64 epoch, quint32 index, QByteArray chainKey,
                                             qint64 createdMs)
{
    return OutboundSenderKey(epoch, index, std::move(chainKey), createdMs);
}

OutboundSenderKey::Step OutboundSenderKey::next()
{
    Step step{m_index, SenderChain::messageKey(m_chainKey)};
    QByteArray next = SenderChain::nextChainKey(m_chainKey);
    wipe(m_chainKey);
    m_chainKey = std::move(next);
    ++m_index;
    return step;
}

InboundSenderKey::InboundSenderKey(quint32 firstIndex, QByteArray chainKey)
    : m_firstIndex(firstIndex)
    , m_firstChainKey(chainKey)
    , m_cursorIndex(firstIndex)
    , m_cursorChainKey(std::move(chainKey))
{}

InboundSenderKey::~InboundSenderKey()
{
    wipe(m_firstChainKey);
    wipe(m_cursorChainKey);
}

Checked<QByteArray> InboundSenderKey::messageKey(quint32 index)
{
    if (index < m_firstIndex)
        return Checked<QByteArray>::failure(
            CryptoFailure::UnknownKey,
            QStringLiteral("message %1 is older than the key held (from %2)")
                .arg(index)
                .arg(m_firstIndex));
    if (index > SenderChain::kMaxIndex)
        return Checked<QByteArray>::failure(
            CryptoFailure::Malformed,
            QStringLiteral("message index %1 is out of range").arg(index));
    if (index < m_cursorIndex) {
        m_cursorIndex = m_firstIndex;
        wipe(m_cursorChainKey);
        m_cursorChainKey = QByteArray(m_firstChainKey.constData(), m_firstChainKey.size());
    }
    while (m_cursorIndex < index) {
        QByteArray next = SenderChain::nextChainKey(m_cursorChainKey);
        wipe(m_cursorChainKey);
        m_cursorChainKey = std::move(next);
        ++m_cursorIndex;
    }
    return SenderChain::messageKey(m_cursorChainKey);
}

} // namespace moim::crypto
