#include "e2ee/CryptoEngine.h"

#include <QCborArray>
#include <QCborMap>
#include <QSet>
#include <crypto/CborBytes.h>
#include <crypto/KeyBackup.h>
#include <crypto/MessageEnvelope.h>
#include <crypto/SenderChain.h>
#include <crypto/SenderKeyShare.h>
#include <crypto/Sodium.h>
#include <protocol/BodyReader.h>
#include <sodium.h>

namespace moim::e2ee {

using crypto::Checked;
using crypto::CryptoFailure;

namespace {

OpenedEvent failed(CryptoFailure failure, const QString& message)
{
    OpenedEvent opened;
    opened.status = OpenedEvent::Status::Failed;
    opened.error = {failure, message};
    return opened;
}

// The plain form of a backed-up key: the sender key share fields plus the sending device's
// signing key, sealed under the backup key.
QCborMap inboundToCbor(const InboundKey& key)
{
    return {{QStringLiteral("room"), qint64(key.roomId)},
            {QStringLiteral("sender_user"), qint64(key.senderUserId)},
            {QStringLiteral("sender_device"), qint64(key.senderDeviceId)},
            {QStringLiteral("signing_key"), key.senderSigningKey},
            {QStringLiteral("epoch"), qint64(key.epoch)},
            {QStringLiteral("first_index"), qint64(key.firstIndex)},
            {QStringLiteral("chain_key"), key.chainKey}};
}

std::optional<InboundKey> decodeInbound(const QCborMap& map)
{
    protocol::BodyReader reader(map);
    InboundKey key;
    key.roomId = reader.unsignedInteger(QStringLiteral("room"));
    key.senderUserId = reader.unsignedInteger(QStringLiteral("sender_user"));
    key.senderDeviceId = reader.unsignedInteger(QStringLiteral("sender_device"));
    key.senderSigningKey = reader.bytes(QStringLiteral("signing_key"));
    key.epoch = reader.unsignedInteger(QStringLiteral("epoch"));
    const quint64 firstIndex = reader.unsignedInteger(QStringLiteral("first_index"));
    key.chainKey = reader.bytes(QStringLiteral("chain_key"));
    if (!reader.ok() || key.senderSigningKey.size() != 32 || key.chainKey.size() != 32 ||
        firstIndex > crypto::SenderChain::kMaxIndex)
        return std::nullopt;
    key.firstIndex = quint32(firstIndex);
    return key;
}

} // namespace

void CryptoEngine::createIdentity(quint64 userId, quint64 deviceId)
{
    m_userId = userId;
    m_deviceId = deviceId;
    m_signing = crypto::SigningKeyPair::generate();
    m_agreement = crypto::AgreementKeyPair::generate();
}

crypto::DeviceKeys CryptoEngine::deviceKeys() const
{
    return {m_deviceId, m_signing->publicKey(), m_agreement->publicKey()};
}

void CryptoEngine::createMasterKey()
{
    m_master = crypto::SigningKeyPair::generate();
    m_backupKey = crypto::KeyBackup::newBackupKey();
}

void CryptoEngine::adoptMasterKey(const QByteArray& masterSecretKey, const QByteArray& backupKey)
{
    m_master = crypto::SigningKeyPair::fromSecretKey(masterSecretKey);
    m_backupKey = backupKey;
}

QByteArray CryptoEngine::masterSecretKey() const
{
    return m_master ? m_master->secretKey() : QByteArray();
}

QByteArray CryptoEngine::masterPublicKey() const
{
    return m_master ? m_master->publicKey() : QByteArray();
}

std::optional<QByteArray> CryptoEngine::openSealedToMe(const QByteArray& sealed) const
{
    return m_agreement->openSealed(sealed);
}

QByteArray CryptoEngine::signDeviceList(const QList<crypto::DeviceKeys>& devices, quint64 version,
                                        qint64 nowMs) const
{
    crypto::DeviceListContent content;
    content.userId = m_userId;
    content.version = version;
    content.issuedMs = nowMs;
    content.devices = devices;
    return crypto::SignedDeviceList::sign(content, *m_master);
}

Checked<crypto::DeviceListContent> CryptoEngine::acceptDeviceList(quint64 userId,
                                                                  const QByteArray& document)
{
    using Out = Checked<crypto::DeviceListContent>;
    auto verified = crypto::SignedDeviceList::verify(document);
    if (!verified)
        return verified;
    if (verified->userId != userId)
        return Out::failure(CryptoFailure::Mismatch,
                            QStringLiteral("the server gave user %1's list for user %2")
                                .arg(verified->userId)
                                .arg(userId));
    if (userId == m_userId && m_master && verified->masterKey != m_master->publicKey())
        return Out::failure(CryptoFailure::BadSignature,
                            QStringLiteral("my own device list is signed by a master key I do "
                                           "not hold"));
    auto found = m_trust.find(userId);
    if (found == m_trust.end()) {
        UserTrust trust;
        trust.masterKey = verified->masterKey;
        trust.list = verified.value();
        m_trust.insert(userId, trust);
        return verified;
    }
    UserTrust& trust = found.value();
    if (verified->masterKey != trust.masterKey) {
        // A new master key (a user who lost everything, or an attack): accepted so that
        // messages keep flowing, but loudly flagged and no longer verified.
        trust.previousMasterKey = trust.masterKey;
        trust.masterKey = verified->masterKey;
        trust.masterChanged = true;
        trust.verified = false;
        trust.list = verified.value();
        return verified;
    }
    if (verified->version < trust.list.version)
        return Out::failure(CryptoFailure::Rollback,
                            QStringLiteral("device list of user %1 went back from version %2 "
                                           "to %3")
                                .arg(userId)
                                .arg(trust.list.version)
                                .arg(verified->version));
    if (verified->version == trust.list.version && verified.value() != trust.list)
        return Out::failure(CryptoFailure::Rollback,
                            QStringLiteral("two different device lists of user %1 at version %2")
                                .arg(userId)
                                .arg(verified->version));
    trust.list = verified.value();
    return verified;
}

const UserTrust* CryptoEngine::trust(quint64 userId) const
{
    const auto found = m_trust.constFind(userId);
    return found == m_trust.constEnd() ? nullptr : &found.value();
}

QList<quint64> CryptoEngine::changedMasterKeys() const
{
    QList<quint64> changed;
    for (auto it = m_trust.cbegin(); it != m_trust.cend(); ++it) {
        if (it->masterChanged)
            changed.append(it.key());
    }
    std::sort(changed.begin(), changed.end());
    return changed;
}

void CryptoEngine::setVerified(quint64 userId, bool verified)
{
    if (auto found = m_trust.find(userId); found != m_trust.end()) {
        found->verified = verified;
        if (verified)
            found->masterChanged = false;
    }
}

void CryptoEngine::acknowledgeMasterChange(quint64 userId)
{
    if (auto found = m_trust.find(userId); found != m_trust.end())
        found->masterChanged = false;
}

QList<quint64> CryptoEngine::listsNeeded(const protocol::RoomRecipients& recipients) const
{
    QList<quint64> needed;
    for (const auto& member : recipients.members) {
        if (member.version == 0)
            continue;
        const UserTrust* known = trust(member.userId);
        bool missing = !known || known->list.version != member.version;
        for (const quint64 deviceId : member.devices)
            missing = missing || !known->list.device(deviceId);
        if (missing)
            needed.append(member.userId);
    }
    return needed;
}

Rotation CryptoEngine::rotationNeeded(const protocol::RoomRecipients& recipients,
                                      qint64 nowMs) const
{
    const auto found = m_outbound.constFind(recipients.roomId);
    if (found == m_outbound.constEnd())
        return Rotation::NoKey;
    if (found->digest != crypto::recipientDigest(crypto::recipientDevices(recipients.members)))
        return Rotation::DevicesChanged;
    if (found->index >= quint32(kMessagesPerEpoch))
        return Rotation::MessageLimit;
    if (nowMs - found->createdMs >= kEpochLifetimeMs)
        return Rotation::AgeLimit;
    return Rotation::None;
}

CryptoEngine::Distribution CryptoEngine::startEpoch(const protocol::RoomRecipients& recipients,
                                                    qint64 nowMs)
{
    const auto key = crypto::OutboundSenderKey::create(m_nextEpoch++, nowMs);
    Outbound outbound{key.epoch(), 0, key.chainKey(), nowMs,
                      crypto::recipientDigest(crypto::recipientDevices(recipients.members))};
    m_outbound.insert(recipients.roomId, outbound);

    // My own copy, so that this device reads its own messages (and history) like any other.
    InboundKey mine;
    mine.roomId = recipients.roomId;
    mine.senderUserId = m_userId;
    mine.senderDeviceId = m_deviceId;
    mine.senderSigningKey = m_signing->publicKey();
    mine.epoch = key.epoch();
    mine.firstIndex = 0;
    mine.chainKey = key.chainKey();
    Distribution distribution;
    if (!m_backupKey.isEmpty())
        distribution.backup.append(backupItemFor(mine));
    storeInbound(mine);

    crypto::SenderKeyShare share;
    share.roomId = recipients.roomId;
    share.senderUserId = m_userId;
    share.senderDeviceId = m_deviceId;
    share.epoch = key.epoch();
    share.firstIndex = 0;
    share.chainKey = key.chainKey();
    share.createdMs = nowMs;
    for (const auto& [userId, deviceId] : crypto::recipientDevices(recipients.members)) {
        if (deviceId == m_deviceId)
            continue;
        const UserTrust* known = trust(userId);
        const crypto::DeviceKeys* device = known ? known->list.device(deviceId) : nullptr;
        if (!device) {
            // Not vouched for by its owner's master key (perhaps added by the server): it
            // gets no key, so it cannot read what follows.
            ++distribution.unvouched;
            continue;
        }
        share.recipientUserId = userId;
        share.recipientDeviceId = deviceId;
        distribution.shares.append(
            {userId, deviceId,
             crypto::SenderKeyShareCodec::seal(share, *m_signing, device->agreementKey)});
    }
    crypto::wipe(share.chainKey);
    return distribution;
}

bool CryptoEngine::seal(protocol::Send& send, const QByteArray& plaintext, qint64 nowMs)
{
    auto found = m_outbound.find(send.roomId);
    if (found == m_outbound.end())
        return false;
    Outbound& outbound = found.value();
    auto key = crypto::OutboundSenderKey::restore(outbound.epoch, outbound.index, outbound.chainKey,
                                                  outbound.createdMs);
    const auto step = key.next();
    crypto::MessageHeader header;
    header.roomId = send.roomId;
    header.senderUserId = m_userId;
    header.senderDeviceId = m_deviceId;
    header.epoch = outbound.epoch;
    header.index = step.index;
    header.clientId = send.clientId;
    header.kind = quint32(send.kind);
    header.refSeq = send.refSeq.value_or(0);
    header.threadRoot = send.threadRoot.value_or(0);
    header.sentMs = nowMs;
    send.envelope = crypto::MessageEnvelope::seal(header, plaintext, step.messageKey, *m_signing);
    send.recipients = outbound.digest;
    outbound.index = key.index();
    outbound.chainKey = key.chainKey();
    return true;
}

QByteArray CryptoEngine::localStorageKey() const
{
    if (!m_signing)
        return {};
    // The Ed25519 secret key is seed || public key; the seed is the secret part.
    QByteArray seed = m_signing->secretKey().left(32);
    QByteArray key = crypto::deriveSubkey(seed, 1, "moimCach");
    crypto::wipe(seed);
    return key;
}

QByteArray CryptoEngine::reactionKey(quint64 roomId, quint64 refSeq, const QString& emoji) const
{
    if (m_backupKey.isEmpty())
        return crypto::randomBytes(16);
    QByteArray key = crypto::deriveSubkey(m_backupKey, 3, "moimReac");
    const QByteArray input =
        crypto::littleEndian64(roomId) + crypto::littleEndian64(refSeq) + emoji.toUtf8();
    QByteArray digest(16, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char*>(digest.data()), size_t(digest.size()),
                       reinterpret_cast<const unsigned char*>(input.constData()),
                       quint64(input.size()),
                       reinterpret_cast<const unsigned char*>(key.constData()), size_t(key.size()));
    crypto::wipe(key);
    return digest;
}

Checked<CryptoEngine::AcceptedShare> CryptoEngine::acceptShare(const protocol::KeyShare& pushed)
{
    using Out = Checked<AcceptedShare>;
    auto opened =
        crypto::SenderKeyShareCodec::open(pushed.sealed, *m_agreement, m_userId, m_deviceId);
    if (!opened)
        return opened.error();
    const crypto::SenderKeyShare& share = opened->share;
    if (share.roomId != pushed.roomId || share.senderUserId != pushed.senderUserId ||
        share.senderDeviceId != pushed.senderDeviceId)
        return Out::failure(CryptoFailure::Mismatch,
                            QStringLiteral("a key share whose contents contradict its sender"));
    const UserTrust* known = trust(share.senderUserId);
    const crypto::DeviceKeys* device = known ? known->list.device(share.senderDeviceId) : nullptr;
    if (!device)
        return AcceptedShare{true, std::nullopt};
    if (!crypto::SenderKeyShareCodec::verify(opened.value(), device->signingKey))
        return Out::failure(CryptoFailure::BadSignature,
                            QStringLiteral("a key share not signed by the device it names"));
    InboundKey key;
    key.roomId = share.roomId;
    key.senderUserId = share.senderUserId;
    key.senderDeviceId = share.senderDeviceId;
    key.senderSigningKey = device->signingKey;
    key.epoch = share.epoch;
    key.firstIndex = share.firstIndex;
    key.chainKey = share.chainKey;
    AcceptedShare accepted;
    if (!m_backupKey.isEmpty())
        accepted.backup = backupItemFor(key);
    storeInbound(key);
    return accepted;
}

bool CryptoEngine::waitsForKey(const protocol::RoomEvent& event) const
{
    if (event.envelope.isEmpty())
        return false;
    const auto parsed = crypto::MessageEnvelope::parse(event.envelope);
    if (!parsed)
        return false;
    const crypto::MessageHeader& header = parsed->header;
    const auto found =
        m_inbound.constFind(inboundKey(header.roomId, header.senderDeviceId, header.epoch));
    return found == m_inbound.constEnd() || found->senderUserId != header.senderUserId ||
           header.index < found->firstIndex;
}

OpenedEvent CryptoEngine::open(const protocol::RoomEvent& event)
{
    if (event.envelope.isEmpty()) {
        OpenedEvent plain;
        plain.status = OpenedEvent::Status::Plain;
        return plain;
    }
    const auto parsed = crypto::MessageEnvelope::parse(event.envelope);
    if (!parsed)
        return failed(parsed.error().failure, parsed.error().message);
    const crypto::MessageHeader& header = parsed->header;
    if (header.roomId != event.roomId || header.senderUserId != event.senderUserId ||
        header.senderDeviceId != event.senderDeviceId || header.clientId != event.clientId ||
        header.kind != quint32(event.kind) || header.refSeq != event.refSeq.value_or(0) ||
        header.threadRoot != event.threadRoot.value_or(0))
        return failed(CryptoFailure::Mismatch,
                      QStringLiteral("the message says it is from elsewhere than the server "
                                     "claims (forged sender or moved message)"));
    auto found = m_inbound.find(inboundKey(header.roomId, header.senderDeviceId, header.epoch));
    if (found == m_inbound.end() || found->senderUserId != header.senderUserId) {
        OpenedEvent waiting;
        waiting.status = OpenedEvent::Status::WaitingForKey;
        waiting.error = {CryptoFailure::UnknownKey, QStringLiteral("waiting for key")};
        return waiting;
    }
    InboundKey& key = found.value();
    if (!crypto::MessageEnvelope::verify(parsed.value(), key.senderSigningKey))
        return failed(CryptoFailure::BadSignature,
                      QStringLiteral("the message is not signed by its sending device"));
    const auto seenAt = key.seenSeq.constFind(header.index);
    if (seenAt != key.seenSeq.constEnd() && seenAt.value() != event.seq)
        return failed(
            CryptoFailure::Replay,
            QStringLiteral("replayed: this message was already read as #%1").arg(seenAt.value()));
    if (!key.cursor)
        key.cursor = std::make_shared<crypto::InboundSenderKey>(key.firstIndex, key.chainKey);
    const auto messageKey = key.cursor->messageKey(header.index);
    if (!messageKey) {
        OpenedEvent waiting;
        waiting.status = OpenedEvent::Status::WaitingForKey;
        waiting.error = messageKey.error();
        return waiting;
    }
    auto plaintext = crypto::MessageEnvelope::decrypt(parsed.value(), messageKey.value());
    if (!plaintext)
        return failed(plaintext.error().failure, plaintext.error().message);
    key.seenSeq.insert(header.index, event.seq);
    OpenedEvent opened;
    opened.status = OpenedEvent::Status::Decrypted;
    opened.plaintext = plaintext.value();
    return opened;
}

bool CryptoEngine::restoreBackupItem(const protocol::BackupItem& item)
{
    const auto plain = crypto::KeyBackup::open(m_backupKey, item.slot, item.box);
    if (!plain)
        return false;
    const auto map = crypto::decodeCborMap(plain.value());
    if (!map)
        return false;
    auto key = decodeInbound(*map);
    if (!key || crypto::KeyBackup::slotId(m_backupKey, key->roomId, key->senderDeviceId,
                                          key->epoch) != item.slot)
        return false;
    storeInbound(*key);
    return true;
}

QString CryptoEngine::inboundKey(quint64 roomId, quint64 senderDeviceId, quint64 epoch)
{
    return QStringLiteral("%1/%2/%3").arg(roomId).arg(senderDeviceId).arg(epoch);
}

protocol::BackupItem CryptoEngine::backupItemFor(const InboundKey& key) const
{
    const QByteArray slot =
        crypto::KeyBackup::slotId(m_backupKey, key.roomId, key.senderDeviceId, key.epoch);
    return {slot,
            crypto::KeyBackup::seal(m_backupKey, slot, crypto::encodeCborMap(inboundToCbor(key)))};
}

void CryptoEngine::storeInbound(InboundKey key)
{
    const QString id = inboundKey(key.roomId, key.senderDeviceId, key.epoch);
    auto found = m_inbound.find(id);
    if (found != m_inbound.end()) {
        // Keep the earliest chain state: it opens everything a later one does.
        if (found->firstIndex <= key.firstIndex)
            return;
        key.seenSeq = found->seenSeq;
    }
    m_inbound.insert(id, std::move(key));
}

QByteArray CryptoEngine::serialize() const
{
    QCborMap map;
    map.insert(QStringLiteral("v"), 1);
    map.insert(QStringLiteral("user"), qint64(m_userId));
    map.insert(QStringLiteral("device"), qint64(m_deviceId));
    if (m_signing) {
        map.insert(QStringLiteral("signing"), m_signing->secretKey());
        map.insert(QStringLiteral("agreement"), m_agreement->secretKey());
    }
    if (m_master) {
        map.insert(QStringLiteral("master"), m_master->secretKey());
        map.insert(QStringLiteral("backup_key"), m_backupKey);
    }
    map.insert(QStringLiteral("next_epoch"), qint64(m_nextEpoch));
    QCborArray trust;
    for (auto it = m_trust.cbegin(); it != m_trust.cend(); ++it) {
        QCborMap entry{{QStringLiteral("user"), qint64(it.key())},
                       {QStringLiteral("master_key"), it->masterKey},
                       {QStringLiteral("verified"), it->verified},
                       {QStringLiteral("master_changed"), it->masterChanged},
                       {QStringLiteral("previous_master_key"), it->previousMasterKey}};
        // The list is kept as the fields we verified, re-signed by nothing: it is our own
        // record, protected by the local store's encryption.
        QCborArray devices;
        for (const auto& device : it->list.devices)
            devices.append(QCborMap{{QStringLiteral("id"), qint64(device.deviceId)},
                                    {QStringLiteral("sk"), device.signingKey},
                                    {QStringLiteral("ak"), device.agreementKey}});
        entry.insert(QStringLiteral("version"), qint64(it->list.version));
        entry.insert(QStringLiteral("issued_ms"), it->list.issuedMs);
        entry.insert(QStringLiteral("devices"), devices);
        trust.append(entry);
    }
    map.insert(QStringLiteral("trust"), trust);
    QCborArray outbound;
    for (auto it = m_outbound.cbegin(); it != m_outbound.cend(); ++it)
        outbound.append(QCborMap{{QStringLiteral("room"), qint64(it.key())},
                                 {QStringLiteral("epoch"), qint64(it->epoch)},
                                 {QStringLiteral("index"), qint64(it->index)},
                                 {QStringLiteral("chain_key"), it->chainKey},
                                 {QStringLiteral("created_ms"), it->createdMs},
                                 {QStringLiteral("digest"), it->digest}});
    map.insert(QStringLiteral("outbound"), outbound);
    QCborArray inbound;
    for (const InboundKey& key : m_inbound) {
        QCborMap entry = inboundToCbor(key);
        QCborArray seen;
        for (auto it = key.seenSeq.cbegin(); it != key.seenSeq.cend(); ++it) {
            seen.append(qint64(it.key()));
            seen.append(qint64(it.value()));
        }
        entry.insert(QStringLiteral("seen"), seen);
        inbound.append(entry);
    }
    map.insert(QStringLiteral("inbound"), inbound);
    return crypto::encodeCborMap(map);
}

std::optional<CryptoEngine> CryptoEngine::deserialize(const QByteArray& bytes)
{
    const auto map = crypto::decodeCborMap(bytes);
    if (!map)
        return std::nullopt;
    protocol::BodyReader reader(*map);
    CryptoEngine engine;
    if (reader.unsignedInteger(QStringLiteral("v")) != 1)
        return std::nullopt;
    engine.m_userId = reader.unsignedInteger(QStringLiteral("user"));
    engine.m_deviceId = reader.unsignedInteger(QStringLiteral("device"));
    if (const auto signing = reader.optionalBytes(QStringLiteral("signing"))) {
        engine.m_signing = crypto::SigningKeyPair::fromSecretKey(*signing);
        engine.m_agreement =
            crypto::AgreementKeyPair::fromSecretKey(reader.bytes(QStringLiteral("agreement")));
        if (!engine.m_signing || !engine.m_agreement)
            return std::nullopt;
    }
    if (const auto master = reader.optionalBytes(QStringLiteral("master"))) {
        engine.m_master = crypto::SigningKeyPair::fromSecretKey(*master);
        engine.m_backupKey = reader.bytes(QStringLiteral("backup_key"));
        if (!engine.m_master)
            return std::nullopt;
    }
    engine.m_nextEpoch = reader.unsignedInteger(QStringLiteral("next_epoch"));
    for (const QCborValue& value : reader.array(QStringLiteral("trust"))) {
        protocol::BodyReader entry(value.toMap());
        UserTrust trust;
        const quint64 userId = entry.unsignedInteger(QStringLiteral("user"));
        trust.masterKey = entry.bytes(QStringLiteral("master_key"));
        trust.verified = entry.boolean(QStringLiteral("verified"), false);
        trust.masterChanged = entry.boolean(QStringLiteral("master_changed"), false);
        trust.previousMasterKey = entry.bytes(QStringLiteral("previous_master_key"));
        trust.list.userId = userId;
        trust.list.masterKey = trust.masterKey;
        trust.list.version = entry.unsignedInteger(QStringLiteral("version"));
        trust.list.issuedMs = entry.integer(QStringLiteral("issued_ms"));
        for (const QCborValue& deviceValue : entry.array(QStringLiteral("devices"))) {
            protocol::BodyReader device(deviceValue.toMap());
            trust.list.devices.append({device.unsignedInteger(QStringLiteral("id")),
                                       device.bytes(QStringLiteral("sk")),
                                       device.bytes(QStringLiteral("ak"))});
            if (!device.ok())
                return std::nullopt;
        }
        if (!entry.ok())
            return std::nullopt;
        engine.m_trust.insert(userId, trust);
    }
    for (const QCborValue& value : reader.array(QStringLiteral("outbound"))) {
        protocol::BodyReader entry(value.toMap());
        Outbound outbound;
        const quint64 roomId = entry.unsignedInteger(QStringLiteral("room"));
        outbound.epoch = entry.unsignedInteger(QStringLiteral("epoch"));
        outbound.index = quint32(entry.unsignedInteger(QStringLiteral("index")));
        outbound.chainKey = entry.bytes(QStringLiteral("chain_key"));
        outbound.createdMs = entry.integer(QStringLiteral("created_ms"));
        outbound.digest = entry.bytes(QStringLiteral("digest"));
        if (!entry.ok())
            return std::nullopt;
        engine.m_outbound.insert(roomId, outbound);
    }
    for (const QCborValue& value : reader.array(QStringLiteral("inbound"))) {
        auto key = decodeInbound(value.toMap());
        if (!key)
            return std::nullopt;
        const QCborArray seen = value.toMap().value(QStringLiteral("seen")).toArray();
        for (qsizetype i = 0; i + 1 < seen.size(); i += 2)
            key->seenSeq.insert(quint32(seen.at(i).toInteger()),
                                quint64(seen.at(i + 1).toInteger()));
        engine.m_inbound.insert(inboundKey(key->roomId, key->senderDeviceId, key->epoch), *key);
    }
    if (!reader.ok())
        return std::nullopt;
    return engine;
}

} // namespace moim::e2ee
