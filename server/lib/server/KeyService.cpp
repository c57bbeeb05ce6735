#include "server/KeyService.h"

#include "server/Clock.h"
#include "server/ConnectionRegistry.h"
#include "server/DatabaseRequest.h"
#include "server/KeyDirectoryStore.h"
#include "server/RequestRouter.h"
#include "server/RoomAudienceCache.h"
#include "server/RoomStore.h"
#include "server/TeamStore.h"

#include <QSet>
#include <crypto/RecipientDigest.h>
#include <crypto/SignedDeviceList.h>
#include <moim/MoimVersion.h>
#include <protocol/EmptyMessage.h>
#include <protocol/Frame.h>
#include <util/LogCategories.h>

namespace moim::server {

using protocol::ErrorCode;
using protocol::Result;

namespace {

const QString kNoRoom = QStringLiteral("no such room");

// Rooms are read by their members only as far as keys go: a public channel's non-members
// may page its history but get no keys until they join.
// The room as its member sees it, or why the user is not one.
Result<RoomAccess> memberAccess(RoomStore rooms, quint64 roomId, quint64 userId)
{
    const auto access = rooms.access(roomId, userId);
    if (!access || !access->canRead())
        return Result<RoomAccess>::failure(ErrorCode::NotFound, kNoRoom);
    if (!access->member)
        return Result<RoomAccess>::failure(ErrorCode::Forbidden,
                                           QStringLiteral("join the room first"));
    return *access;
}

QByteArray encodePush(const auto& message)
{
    return protocol::makeFrame(message, quint32(kProtocolVersion)).encode();
}

} // namespace

KeyService::KeyService(DatabasePool& database, RoomAudienceCache& audiences,
                       ConnectionRegistry& registry)
    : m_database(database)
    , m_audiences(audiences)
    , m_registry(registry)
{}

void KeyService::registerRoutes(RequestRouter& router)
{
    using namespace protocol;
    using A = Access;
    router.on<PublishDeviceList>(A::Member,
                                 [this](auto& c, auto r, auto p) { publishDeviceList(c, r, p); });
    router.on<GetDeviceLists>(A::Member,
                              [this](auto& c, auto r, auto p) { getDeviceLists(c, r, p); });
    router.on<RoomDevices>(A::Member, [this](auto& c, auto r, auto p) { roomDevices(c, r, p); });
    router.on<ShareKeys>(A::Member, [this](auto& c, auto r, auto p) { shareKeys(c, r, p); });
    router.on<FetchKeyShares>(A::Member,
                              [this](auto& c, auto r, auto p) { fetchKeyShares(c, r, p); });
    router.on<AckKeyShares>(A::Member, [this](auto& c, auto r, auto p) { ackKeyShares(c, r, p); });
    router.on<PutKeyBackup>(A::Member, [this](auto& c, auto r, auto p) { putKeyBackup(c, r, p); });
    router.on<GetKeyBackup>(A::Member, [this](auto& c, auto r, auto p) { getKeyBackup(c, r, p); });
    router.on<SetRecovery>(A::Member, [this](auto& c, auto r, auto p) { setRecovery(c, r, p); });
    router.on<GetRecovery>(A::Member, [this](auto& c, auto, auto p) { getRecovery(c, p); });
    router.on<OfferLink>(A::Member, [this](auto& c, auto r, auto p) { offerLink(c, r, p); });
    router.on<TakeLink>(A::Member, [this](auto& c, auto r, auto p) { takeLink(c, r, p); });
    router.on<AnswerLink>(A::Member, [this](auto& c, auto r, auto p) { answerLink(c, r, p); });
    router.on<AwaitLink>(A::Member, [this](auto& c, auto r, auto p) { awaitLink(c, r, p); });
}

void KeyService::publishDeviceList(ClientConnection& connection,
                                   protocol::PublishDeviceList request, Responder responder)
{
    const quint64 userId = connection.session()->userId;
    const auto verified = crypto::SignedDeviceList::verify(request.document);
    if (!verified)
        return responder.fail(ErrorCode::BadRequest, verified.error().message);
    if (verified->userId != userId)
        return responder.fail(ErrorCode::Forbidden,
                              QStringLiteral("a device list names its own user"));
    KeyDirectoryStore::NewList list;
    list.userId = userId;
    list.masterKey = verified->masterKey;
    list.version = verified->version;
    list.document = request.document;
    list.replaceMaster = request.replaceMaster;
    for (const auto& device : verified->devices)
        list.devices.append(device.deviceId);
    runForRequest<bool>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<bool> {
            using Published = KeyDirectoryStore::Published;
            switch (KeyDirectoryStore(context).publishList(list, nowMs())) {
            case Published::Stored:
                return true;
            case Published::OtherMaster:
                return refuse<bool>(ErrorCode::Conflict,
                                    QStringLiteral("signed by another master key than yours"));
            case Published::OldVersion:
                return refuse<bool>(ErrorCode::Conflict,
                                    QStringLiteral("the version must be above the stored one"));
            case Published::UnknownDevice:
                return refuse<bool>(ErrorCode::BadRequest,
                                    QStringLiteral("the list names a device that is not yours"));
            case Published::RevokedDevice:
                return refuse<bool>(ErrorCode::Conflict,
                                    QStringLiteral("the list names a revoked device"));
            }
            return refuse<bool>(ErrorCode::Internal, QString());
        },
        [=](const bool&) {
            qCInfo(lcCrypto) << "user" << userId << "published device list version" << list.version
                             << "with" << list.devices.size() << "devices"
                             << (list.replaceMaster ? "(new master key)" : "");
            responder.reply(protocol::Ok{});
        });
}

void KeyService::getDeviceLists(ClientConnection& connection, protocol::GetDeviceLists request,
                                Responder responder)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<protocol::DeviceLists>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<protocol::DeviceLists> {
            // Only of people one shares a team with (or oneself); others look like users
            // with no list, so the lookup tells nothing about strangers.
            TeamStore teams(context);
            QList<quint64> visible;
            for (const quint64 other : request.users) {
                if (other == userId || teams.shareATeam(userId, other))
                    visible.append(other);
            }
            QHash<quint64, QByteArray> documents;
            for (const auto& list : KeyDirectoryStore(context).documents(visible))
                documents.insert(list.userId, list.document);
            protocol::DeviceLists answer;
            for (const quint64 other : request.users)
                answer.lists.append({other, documents.value(other)});
            return answer;
        },
        [responder](const protocol::DeviceLists& lists) { responder.reply(lists); });
}

void KeyService::roomDevices(ClientConnection& connection, protocol::RoomDevices request,
                             Responder responder)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<protocol::RoomRecipients>(
        m_database, connection, responder,
        [=, this](DbContext& context) -> Result<protocol::RoomRecipients> {
            const auto access = memberAccess(RoomStore(context), request.roomId, userId);
            if (!access)
                return access.error();
            const auto audience =
                m_audiences.audience(context, request.roomId, access->audienceVersion);
            return protocol::RoomRecipients{request.roomId, audience->recipientDigest,
                                            audience->recipients};
        },
        [responder](const protocol::RoomRecipients& recipients) { responder.reply(recipients); });
}

void KeyService::shareKeys(ClientConnection& connection, protocol::ShareKeys request,
                           Responder responder)
{
    const quint64 userId = connection.session()->userId;
    const quint64 deviceId = connection.session()->deviceId;
    runForRequest<QList<protocol::KeyShare>>(
        m_database, connection, responder,
        [=, this](DbContext& context) -> Result<QList<protocol::KeyShare>> {
            const auto access = memberAccess(RoomStore(context), request.roomId, userId);
            if (!access)
                return access.error();
            const auto audience =
                m_audiences.audience(context, request.roomId, access->audienceVersion);
            for (const auto& share : request.shares) {
                if (!audience->isRecipient(share.userId, share.deviceId))
                    return refuse<QList<protocol::KeyShare>>(
                        ErrorCode::StaleDevices,
                        QStringLiteral("device %1 of user %2 is not a recipient in this room")
                            .arg(share.deviceId)
                            .arg(share.userId));
            }
            return KeyDirectoryStore(context).addShares(request.roomId, userId, deviceId,
                                                        request.shares, nowMs());
        },
        [this, responder, request](const QList<protocol::KeyShare>& stored) {
            QList<std::pair<quint64, QByteArray>> frames;
            for (int i = 0; i < stored.size(); ++i)
                frames.append({request.shares[i].deviceId, encodePush(stored[i])});
            m_registry.deliverToDevices(frames);
            responder.reply(protocol::Ok{});
        });
}

void KeyService::fetchKeyShares(ClientConnection& connection, protocol::FetchKeyShares request,
                                Responder responder)
{
    const quint64 deviceId = connection.session()->deviceId;
    runForRequest<protocol::KeyShares>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<protocol::KeyShares> {
            return KeyDirectoryStore(context).pendingShares(deviceId, int(request.limit));
        },
        [responder](const protocol::KeyShares& shares) { responder.reply(shares); });
}

void KeyService::ackKeyShares(ClientConnection& connection, protocol::AckKeyShares request,
                              Responder responder)
{
    const quint64 deviceId = connection.session()->deviceId;
    runForRequest<bool>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<bool> {
            KeyDirectoryStore(context).acknowledgeShares(deviceId, request.ids);
            return true;
        },
        [responder](const bool&) { responder.reply(protocol::Ok{}); });
}

void KeyService::putKeyBackup(ClientConnection& connection, protocol::PutKeyBackup request,
                              Responder responder)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<bool>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<bool> {
            KeyDirectoryStore(context).putBackup(userId, request.items, nowMs());
            return true;
        },
        [responder](const bool&) { responder.reply(protocol::Ok{}); });
}

void KeyService::getKeyBackup(ClientConnection& connection, protocol::GetKeyBackup request,
                              Responder responder)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<protocol::KeyBackupPage>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<protocol::KeyBackupPage> {
            return KeyDirectoryStore(context).backupPage(userId, request.after, int(request.limit));
        },
        [responder](const protocol::KeyBackupPage& page) { responder.reply(page); });
}

void KeyService::setRecovery(ClientConnection& connection, protocol::SetRecovery request,
                             Responder responder)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<bool>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<bool> {
            KeyDirectoryStore(context).setRecovery(userId, request.blob, nowMs());
            return true;
        },
        [responder](const bool&) { responder.reply(protocol::Ok{}); });
}

void KeyService::getRecovery(ClientConnection& connection, Responder responder)
{
    const quint64 userId = connection.session()->userId;
    runForRequest<protocol::RecoveryBlob>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<protocol::RecoveryBlob> {
            return protocol::RecoveryBlob{KeyDirectoryStore(context).recovery(userId)};
        },
        [responder](const protocol::RecoveryBlob& blob) { responder.reply(blob); });
}

void KeyService::offerLink(ClientConnection& connection, protocol::OfferLink request,
                           Responder responder)
{
    const quint64 userId = connection.session()->userId;
    const quint64 deviceId = connection.session()->deviceId;
    runForRequest<bool>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<bool> {
            const qint64 now = nowMs();
            if (!KeyDirectoryStore(context).offerLink(request.linkId, userId, deviceId,
                                                      request.payload, now + kLinkLifetimeMs, now))
                return refuse<bool>(ErrorCode::Conflict,
                                    QStringLiteral("this link code is in use; make a new one"));
            return true;
        },
        [responder](const bool&) { responder.reply(protocol::Ok{}); });
}

void KeyService::takeLink(ClientConnection& connection, protocol::TakeLink request,
                          Responder responder)
{
    const quint64 userId = connection.session()->userId;
    const quint64 deviceId = connection.session()->deviceId;
    runForRequest<protocol::LinkOffer>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<protocol::LinkOffer> {
            const auto link = KeyDirectoryStore(context).link(request.linkId, nowMs());
            // Another user's code, or one's own device's, looks like no code at all.
            if (!link || link->userId != userId || link->deviceId == deviceId)
                return refuse<protocol::LinkOffer>(
                    ErrorCode::NotFound,
                    QStringLiteral("no such link code (wrong, expired, or another account's)"));
            return protocol::LinkOffer{request.linkId, link->deviceId, link->offer};
        },
        [responder](const protocol::LinkOffer& offer) { responder.reply(offer); });
}

void KeyService::answerLink(ClientConnection& connection, protocol::AnswerLink request,
                            Responder responder)
{
    const quint64 userId = connection.session()->userId;
    const quint64 deviceId = connection.session()->deviceId;
    runForRequest<quint64>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<quint64> {
            KeyDirectoryStore keys(context);
            const qint64 now = nowMs();
            const auto link = keys.link(request.linkId, now);
            if (!link || link->userId != userId || link->deviceId == deviceId)
                return refuse<quint64>(ErrorCode::NotFound, QStringLiteral("no such link code"));
            if (!keys.answerLink(request.linkId, request.payload, now))
                return refuse<quint64>(ErrorCode::Conflict,
                                       QStringLiteral("this link was answered already"));
            return link->deviceId;
        },
        [this, responder, request](const quint64& offeringDevice) {
            m_registry.deliverToDevices({{offeringDevice, encodePush(protocol::LinkAnswer{
                                                              request.linkId, request.payload})}});
            responder.reply(protocol::Ok{});
        });
}

void KeyService::awaitLink(ClientConnection& connection, protocol::AwaitLink request,
                           Responder responder)
{
    const quint64 userId = connection.session()->userId;
    const quint64 deviceId = connection.session()->deviceId;
    runForRequest<protocol::LinkAnswer>(
        m_database, connection, responder,
        [=](DbContext& context) -> Result<protocol::LinkAnswer> {
            const auto link = KeyDirectoryStore(context).link(request.linkId, nowMs());
            if (!link || link->userId != userId || link->deviceId != deviceId)
                return refuse<protocol::LinkAnswer>(
                    ErrorCode::NotFound, QStringLiteral("no such link offer (or it expired)"));
            if (link->answer.isEmpty())
                return refuse<protocol::LinkAnswer>(ErrorCode::NotFound,
                                                    QStringLiteral("not answered yet"));
            return protocol::LinkAnswer{request.linkId, link->answer};
        },
        [responder](const protocol::LinkAnswer& answer) { responder.reply(answer); });
}

} // namespace moim::server
