#include "e2ee/E2eeSession.h"

#include <QCborMap>
#include <QDateTime>
#include <client/Connection.h>
#include <crypto/AeadBox.h>
#include <crypto/CborBytes.h>
#include <crypto/RecoverySecret.h>
#include <crypto/SafetyNumber.h>
#include <crypto/Sodium.h>
#include <protocol/BodyReader.h>
#include <protocol/EmptyMessage.h>
#include <util/LogCategories.h>

namespace moim::e2ee {

using protocol::ErrorCode;
using protocol::Result;

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

template <typename T> Result<T> cryptoFailure(const crypto::CryptoError& error)
{
    return Result<T>::failure(ErrorCode::BadRequest,
                              QStringLiteral("encryption: ") + error.message);
}

} // namespace

E2eeSession::E2eeSession(client::Connection& connection, CryptoEngine& engine,
                         std::function<void()> persist)
    : m_connection(connection)
    , m_engine(engine)
    , m_persist(std::move(persist))
{}

Result<E2eeSession::DeviceState> E2eeSession::setUp(quint64 userId, quint64 deviceId)
{
    if (!m_engine.hasIdentity()) {
        m_engine.createIdentity(userId, deviceId);
        m_persist();
    }
    const auto lists =
        m_connection.callAndWait<protocol::DeviceLists>(protocol::GetDeviceLists{{userId}});
    if (!lists)
        return lists.error();
    const QByteArray document =
        lists->lists.isEmpty() ? QByteArray() : lists->lists.constFirst().document;
    if (document.isEmpty()) {
        // The user's first device: it makes the master key and vouches for itself.
        if (!m_engine.holdsMasterKey())
            m_engine.createMasterKey();
        m_persist();
        const auto published = publishDevices({m_engine.deviceKeys()});
        if (!published)
            return published.error();
        m_state = DeviceState::Ready;
        return m_state;
    }
    const auto mine = m_engine.acceptDeviceList(userId, document);
    if (!mine)
        return cryptoFailure<DeviceState>(mine.error());
    m_persist();
    if (const crypto::DeviceKeys* listed = mine->device(deviceId)) {
        if (*listed != m_engine.deviceKeys())
            return Result<DeviceState>::failure(
                ErrorCode::Conflict,
                QStringLiteral("my device list names this device with other keys"));
        m_state = DeviceState::Ready;
        return m_state;
    }
    if (m_engine.holdsMasterKey()) {
        QList<crypto::DeviceKeys> devices = mine->devices;
        devices.append(m_engine.deviceKeys());
        const auto published = publishDevices(devices);
        if (!published)
            return published.error();
        m_state = DeviceState::Ready;
        return m_state;
    }
    m_state = DeviceState::NeedsApproval;
    return m_state;
}

Result<protocol::Done> E2eeSession::publishDevices(const QList<crypto::DeviceKeys>& devices)
{
    if (!m_engine.holdsMasterKey())
        return Result<protocol::Done>::failure(
            ErrorCode::Forbidden, QStringLiteral("this device does not hold the master key"));
    const UserTrust* known = m_engine.trust(m_engine.userId());
    const quint64 version = known ? known->list.version + 1 : 1;
    const QByteArray document = m_engine.signDeviceList(devices, version, nowMs());
    const auto done = m_connection.callAndWait<protocol::Ok>(protocol::PublishDeviceList{document});
    if (!done)
        return done.error();
    const auto accepted = m_engine.acceptDeviceList(m_engine.userId(), document);
    if (!accepted)
        return cryptoFailure<protocol::Done>(accepted.error());
    m_persist();
    return protocol::Done{};
}

Result<protocol::Done> E2eeSession::dropRevokedDevice(quint64 deviceId)
{
    if (!m_engine.holdsMasterKey())
        return protocol::Done{};
    if (const auto refreshed = refreshDeviceLists({m_engine.userId()}); !refreshed)
        return refreshed.error();
    const UserTrust* mine = m_engine.trust(m_engine.userId());
    if (!mine)
        return protocol::Done{};
    QList<crypto::DeviceKeys> devices = mine->list.devices;
    if (devices.removeIf([&](const crypto::DeviceKeys& d) { return d.deviceId == deviceId; }) == 0)
        return protocol::Done{};
    return publishDevices(devices);
}

Result<E2eeSession::Verification> E2eeSession::verification(quint64 otherUserId)
{
    if (const auto refreshed = refreshDeviceLists({m_engine.userId(), otherUserId}); !refreshed)
        return refreshed.error();
    const UserTrust* theirs = m_engine.trust(otherUserId);
    const UserTrust* mine = m_engine.trust(m_engine.userId());
    if (!theirs || !mine)
        return Result<Verification>::failure(ErrorCode::NotFound,
                                             QStringLiteral("no encryption keys yet"));
    Verification result;
    result.safetyNumber =
        crypto::safetyNumber(m_engine.userId(), mine->masterKey, otherUserId, theirs->masterKey);
    result.verified = theirs->verified;
    result.masterChanged = theirs->masterChanged;
    return result;
}

void E2eeSession::setVerified(quint64 otherUserId, bool verified)
{
    m_engine.setVerified(otherUserId, verified);
    m_persist();
}

Result<protocol::Done> E2eeSession::refreshDeviceLists(const QList<quint64>& users)
{
    if (users.isEmpty())
        return protocol::Done{};
    const auto lists = m_connection.callAndWait<protocol::DeviceLists>(
        protocol::GetDeviceLists{users.mid(0, protocol::kMaxUsersPerLookup)});
    if (!lists)
        return lists.error();
    for (const auto& list : lists->lists) {
        if (list.document.isEmpty())
            continue;
        const auto accepted = m_engine.acceptDeviceList(list.userId, list.document);
        if (!accepted) {
            qCWarning(lcCrypto) << "refused the device list of user" << list.userId << ":"
                                << accepted.error().message;
            return cryptoFailure<protocol::Done>(accepted.error());
        }
        if (const UserTrust* trust = m_engine.trust(list.userId); trust && trust->masterChanged)
            qCWarning(lcCrypto) << "the master key of user" << list.userId
                                << "changed: verify their safety number";
    }
    m_persist();
    if (users.size() > protocol::kMaxUsersPerLookup)
        return refreshDeviceLists(users.mid(protocol::kMaxUsersPerLookup));
    return protocol::Done{};
}

Result<protocol::Done> E2eeSession::shareNewEpoch(const protocol::RoomRecipients& recipients)
{
    const auto distribution = m_engine.startEpoch(recipients, nowMs());
    m_persist();
    if (distribution.unvouched > 0)
        qCWarning(lcCrypto) << distribution.unvouched
                            << "device(s) in the room are not in their owner's signed list and "
                               "get no key";
    for (qsizetype at = 0; at < distribution.shares.size(); at += protocol::kMaxSharesPerRequest) {
        const auto done = m_connection.callAndWait<protocol::Ok>(protocol::ShareKeys{
            recipients.roomId, distribution.shares.mid(at, protocol::kMaxSharesPerRequest)});
        if (!done)
            return done.error();
    }
    return backUp(distribution.backup);
}

Result<protocol::Done> E2eeSession::backUp(const QList<protocol::BackupItem>& items)
{
    for (qsizetype at = 0; at < items.size(); at += protocol::kMaxBackupItemsPerRequest) {
        const auto done = m_connection.callAndWait<protocol::Ok>(
            protocol::PutKeyBackup{items.mid(at, protocol::kMaxBackupItemsPerRequest)});
        if (!done)
            return done.error();
    }
    return protocol::Done{};
}

Result<protocol::Sent> E2eeSession::send(protocol::Send send, const QByteArray& plaintext)
{
    if (m_state != DeviceState::Ready)
        return Result<protocol::Sent>::failure(
            ErrorCode::Forbidden,
            QStringLiteral("this device is not approved yet: link it from another device or "
                           "restore with the recovery passphrase"));
    for (int attempt = 0; attempt < kSendAttempts; ++attempt) {
        const auto recipients =
            m_connection.callAndWait<protocol::RoomRecipients>(protocol::RoomDevices{send.roomId});
        if (!recipients)
            return recipients.error();
        const auto refreshed = refreshDeviceLists(m_engine.listsNeeded(recipients.value()));
        if (!refreshed)
            return refreshed.error();
        if (m_engine.rotationNeeded(recipients.value(), nowMs()) != Rotation::None) {
            const auto shared = shareNewEpoch(recipients.value());
            if (!shared && shared.error().code == ErrorCode::StaleDevices)
                continue;
            if (!shared)
                return shared.error();
        }
        m_engine.seal(send, plaintext, nowMs());
        m_persist();
        const auto sent = m_connection.callAndWait<protocol::Sent>(send);
        if (!sent && sent.error().code == ErrorCode::StaleDevices)
            continue;
        return sent;
    }
    return Result<protocol::Sent>::failure(
        ErrorCode::StaleDevices,
        QStringLiteral("the room's devices kept changing while sending; try again"));
}

bool E2eeSession::acceptShare(const protocol::KeyShare& share)
{
    auto accepted = m_engine.acceptShare(share);
    if (accepted && accepted->needDeviceList) {
        if (refreshDeviceLists({share.senderUserId}))
            accepted = m_engine.acceptShare(share);
    }
    if (!accepted) {
        qCWarning(lcCrypto) << "refused a key share from user" << share.senderUserId << "device"
                            << share.senderDeviceId << ":" << accepted.error().message;
        return false;
    }
    if (accepted->needDeviceList) {
        qCWarning(lcCrypto) << "refused a key share from device" << share.senderDeviceId
                            << "which is not in user" << share.senderUserId << "'s list";
        return false;
    }
    m_persist();
    if (accepted->backup)
        backUp({*accepted->backup});
    return true;
}

bool E2eeSession::takeKeyShare(const protocol::KeyShare& share)
{
    const bool accepted = acceptShare(share);
    m_connection.callAndWait<protocol::Ok>(protocol::AckKeyShares{{share.id}});
    return accepted;
}

Result<int> E2eeSession::fetchKeyShares()
{
    int accepted = 0;
    for (;;) {
        const auto page = m_connection.callAndWait<protocol::KeyShares>(protocol::FetchKeyShares{});
        if (!page)
            return page.error();
        QList<quint64> ids;
        for (const auto& share : page->shares) {
            if (acceptShare(share))
                ++accepted;
            ids.append(share.id);
        }
        if (!ids.isEmpty()) {
            const auto acked = m_connection.callAndWait<protocol::Ok>(protocol::AckKeyShares{ids});
            if (!acked)
                return acked.error();
        }
        if (!page->hasMore)
            return accepted;
    }
}

} // namespace moim::e2ee

namespace moim::e2ee {

namespace {

const QByteArray kOfferContext = QByteArrayLiteral("moim link offer v1");
const QByteArray kAnswerContext = QByteArrayLiteral("moim link answer v1");

template <typename T> Result<T> linkFailure(const QString& why)
{
    return Result<T>::failure(ErrorCode::BadRequest, QStringLiteral("device link: ") + why);
}

} // namespace

Result<crypto::LinkCode> E2eeSession::offerLink()
{
    const crypto::DeviceKeys keys = m_engine.deviceKeys();
    const QCborMap offer{{QStringLiteral("user"), qint64(m_engine.userId())},
                         {QStringLiteral("device"), qint64(keys.deviceId)},
                         {QStringLiteral("signing_key"), keys.signingKey},
                         {QStringLiteral("agreement_key"), keys.agreementKey}};
    for (int attempt = 0; attempt < 3; ++attempt) {
        const crypto::LinkCode code = crypto::LinkCode::generate();
        const QByteArray sealed = crypto::AeadBox::seal(code.key(), crypto::encodeCborMap(offer),
                                                        kOfferContext + code.linkId());
        const auto done =
            m_connection.callAndWait<protocol::Ok>(protocol::OfferLink{code.linkId(), sealed});
        if (done)
            return code;
        if (done.error().code != ErrorCode::Conflict)
            return done.error();
    }
    return Result<crypto::LinkCode>::failure(ErrorCode::Conflict,
                                             QStringLiteral("could not place a link offer"));
}

Result<protocol::Done> E2eeSession::approveLink(const crypto::LinkCode& code)
{
    if (!m_engine.holdsMasterKey())
        return Result<protocol::Done>::failure(
            ErrorCode::Forbidden,
            QStringLiteral("this device cannot approve others: it has no master key"));
    // Take in (and so back up) every key waiting for this device first: the new device
    // reads history from the backup.
    if (const auto fetched = fetchKeyShares(); !fetched)
        return fetched.error();
    const auto offer =
        m_connection.callAndWait<protocol::LinkOffer>(protocol::TakeLink{code.linkId()});
    if (!offer)
        return offer.error();
    const auto plain =
        crypto::AeadBox::open(code.key(), offer->payload, kOfferContext + code.linkId());
    if (!plain)
        return linkFailure<protocol::Done>(
            QStringLiteral("the offer does not open with this code (tampered?)"));
    const auto map = crypto::decodeCborMap(plain.value());
    if (!map)
        return linkFailure<protocol::Done>(QStringLiteral("malformed offer"));
    protocol::BodyReader reader(*map);
    crypto::DeviceKeys device;
    const quint64 user = reader.unsignedInteger(QStringLiteral("user"));
    device.deviceId = reader.unsignedInteger(QStringLiteral("device"));
    device.signingKey = reader.bytes(QStringLiteral("signing_key"));
    device.agreementKey = reader.bytes(QStringLiteral("agreement_key"));
    if (!reader.ok() || device.signingKey.size() != 32 || device.agreementKey.size() != 32)
        return linkFailure<protocol::Done>(QStringLiteral("malformed offer"));
    // The code proves the offer came from whoever shows it; these make sure it is one of
    // my own devices, the one the server says offered it.
    if (user != m_engine.userId() || device.deviceId != offer->deviceId)
        return linkFailure<protocol::Done>(QStringLiteral("the offer names another device"));

    const auto refreshed = refreshDeviceLists({m_engine.userId()});
    if (!refreshed)
        return refreshed.error();
    const UserTrust* mine = m_engine.trust(m_engine.userId());
    QList<crypto::DeviceKeys> devices = mine ? mine->list.devices : QList<crypto::DeviceKeys>();
    devices.removeIf([&](const crypto::DeviceKeys& d) { return d.deviceId == device.deviceId; });
    devices.append(device);
    const auto published = publishDevices(devices);
    if (!published)
        return published.error();

    QByteArray secrets = crypto::encodeCborMap(
        QCborMap{{QStringLiteral("master_secret"), m_engine.masterSecretKey()},
                 {QStringLiteral("backup_key"), m_engine.backupKey()}});
    const QByteArray sealedToDevice = crypto::AgreementKeyPair::seal(secrets, device.agreementKey);
    crypto::wipe(secrets);
    const QByteArray answer =
        crypto::AeadBox::seal(code.key(), sealedToDevice, kAnswerContext + code.linkId());
    const auto answered =
        m_connection.callAndWait<protocol::Ok>(protocol::AnswerLink{code.linkId(), answer});
    if (!answered)
        return answered.error();
    return protocol::Done{};
}

Result<E2eeSession::DeviceState> E2eeSession::completeLink(const crypto::LinkCode& code)
{
    const auto answer =
        m_connection.callAndWait<protocol::LinkAnswer>(protocol::AwaitLink{code.linkId()});
    if (!answer)
        return answer.error();
    const auto sealed =
        crypto::AeadBox::open(code.key(), answer->payload, kAnswerContext + code.linkId());
    if (!sealed)
        return linkFailure<DeviceState>(QStringLiteral("the answer does not open with this code"));
    auto secrets = m_engine.openSealedToMe(sealed.value());
    if (!secrets)
        return linkFailure<DeviceState>(QStringLiteral("the answer is not sealed to this device"));
    const auto map = crypto::decodeCborMap(*secrets);
    crypto::wipe(*secrets);
    if (!map)
        return linkFailure<DeviceState>(QStringLiteral("malformed answer"));
    protocol::BodyReader reader(*map);
    const QByteArray master = reader.bytes(QStringLiteral("master_secret"));
    const QByteArray backupKey = reader.bytes(QStringLiteral("backup_key"));
    if (!reader.ok() || master.size() != 64 || backupKey.size() != 32)
        return linkFailure<DeviceState>(QStringLiteral("malformed answer"));
    return adoptAndApprove(master, backupKey);
}

Result<E2eeSession::DeviceState> E2eeSession::adoptAndApprove(const QByteArray& masterSecret,
                                                              const QByteArray& backupKey)
{
    const auto master = crypto::SigningKeyPair::fromSecretKey(masterSecret);
    if (!master)
        return linkFailure<DeviceState>(QStringLiteral("not a master key"));
    const UserTrust* mine = m_engine.trust(m_engine.userId());
    if (mine && mine->masterKey != master->publicKey())
        return linkFailure<DeviceState>(
            QStringLiteral("the master key handed over is not the one my list is signed by"));
    m_engine.adoptMasterKey(masterSecret, backupKey);
    m_persist();
    const auto state = setUp(m_engine.userId(), m_engine.deviceId());
    if (!state)
        return state.error();
    const auto restored = restoreBackup();
    if (!restored)
        return restored.error();
    return state;
}

Result<protocol::Done> E2eeSession::setRecoveryPassphrase(const QString& passphrase)
{
    if (!m_engine.holdsMasterKey())
        return Result<protocol::Done>::failure(
            ErrorCode::Forbidden, QStringLiteral("this device has no master key to protect"));
    if (const QString problem = crypto::RecoverySecret::passphraseProblem(passphrase);
        !problem.isEmpty())
        return Result<protocol::Done>::failure(ErrorCode::BadRequest, problem);
    const QByteArray blob = crypto::RecoverySecret::seal(
        {m_engine.masterSecretKey(), m_engine.backupKey()}, passphrase);
    const auto done = m_connection.callAndWait<protocol::Ok>(protocol::SetRecovery{blob});
    if (!done)
        return done.error();
    return protocol::Done{};
}

Result<E2eeSession::DeviceState> E2eeSession::restoreWithPassphrase(const QString& passphrase)
{
    const auto blob = m_connection.callAndWait<protocol::RecoveryBlob>(protocol::GetRecovery{});
    if (!blob)
        return blob.error();
    if (blob->blob.isEmpty())
        return Result<DeviceState>::failure(
            ErrorCode::NotFound,
            QStringLiteral("no recovery passphrase was ever set: link this device from "
                           "another one, or start over with new keys (then messages from "
                           "before cannot be read)"));
    const auto contents = crypto::RecoverySecret::open(blob->blob, passphrase);
    if (!contents)
        return Result<DeviceState>::failure(ErrorCode::InvalidCredentials,
                                            contents.error().message);
    return adoptAndApprove(contents->masterSecretKey, contents->backupKey);
}

Result<E2eeSession::DeviceState> E2eeSession::resetIdentity()
{
    m_engine.createMasterKey();
    m_persist();
    const QByteArray document = m_engine.signDeviceList(
        {m_engine.deviceKeys()},
        (m_engine.trust(m_engine.userId()) ? m_engine.trust(m_engine.userId())->list.version : 0) +
            1,
        nowMs());
    const auto done =
        m_connection.callAndWait<protocol::Ok>(protocol::PublishDeviceList{document, true});
    if (!done)
        return done.error();
    m_engine.forgetTrust(m_engine.userId());
    const auto accepted = m_engine.acceptDeviceList(m_engine.userId(), document);
    if (!accepted)
        return cryptoFailure<DeviceState>(accepted.error());
    m_persist();
    qCWarning(lcCrypto) << "made a new master key: history from before cannot be read here";
    m_state = DeviceState::Ready;
    return m_state;
}

Result<int> E2eeSession::restoreBackup()
{
    if (m_engine.backupKey().isEmpty())
        return 0;
    int restored = 0;
    QByteArray after;
    for (;;) {
        const auto page = m_connection.callAndWait<protocol::KeyBackupPage>(
            protocol::GetKeyBackup{after, quint64(protocol::kMaxBackupItemsPerRequest)});
        if (!page)
            return page.error();
        for (const auto& item : page->items) {
            if (m_engine.restoreBackupItem(item))
                ++restored;
            else
                qCWarning(lcCrypto) << "a key backup slot does not open under my backup key";
            after = item.slot;
        }
        if (!page->hasMore || page->items.isEmpty())
            break;
    }
    m_persist();
    return restored;
}

} // namespace moim::e2ee
