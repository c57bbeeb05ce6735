#include "cli/MessagingCommands.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <client/InviteLink.h>
#include <client/Mentions.h>
#include <client/MessageContent.h>
#include <crypto/Sodium.h>
#include <e2ee/AttachmentTransfer.h>
#include <protocol/EmptyMessage.h>
#include <protocol/KeyMessages.h>
#include <protocol/SocialMessages.h>
#include <protocol/TeamMessages.h>

namespace moim::cli {

using protocol::ErrorCode;
using protocol::EventKind;
using protocol::Result;

namespace {

const QStringList kCommands{
    QStringLiteral("team"),    QStringLiteral("channel"), QStringLiteral("send"),
    QStringLiteral("reply"),   QStringLiteral("react"),   QStringLiteral("edit"),
    QStringLiteral("delete"),  QStringLiteral("history"), QStringLiteral("dm"),
    QStringLiteral("read"),    QStringLiteral("unread"),  QStringLiteral("listen"),
    QStringLiteral("pin"),     QStringLiteral("unpin"),   QStringLiteral("presence"),
    QStringLiteral("friends"), QStringLiteral("notify"),  QStringLiteral("dnd"),
    QStringLiteral("typing"),  QStringLiteral("pins"),    QStringLiteral("upload"),
    QStringLiteral("download")};

QString kindName(EventKind kind)
{
    switch (kind) {
    case EventKind::Message:
        return QStringLiteral("message");
    case EventKind::Edit:
        return QStringLiteral("edit");
    case EventKind::Delete:
        return QStringLiteral("delete");
    case EventKind::ReactionAdd:
        return QStringLiteral("reaction_add");
    case EventKind::ReactionRemove:
        return QStringLiteral("reaction_remove");
    case EventKind::Pin:
        return QStringLiteral("pin");
    case EventKind::Unpin:
        return QStringLiteral("unpin");
    case EventKind::MemberJoined:
        return QStringLiteral("member_joined");
    case EventKind::MemberLeft:
        return QStringLiteral("member_left");
    case EventKind::RoomUpdated:
        return QStringLiteral("room_updated");
    }
    return QStringLiteral("unknown");
}

template <typename T> Result<T> usage(const QString& message)
{
    return Result<T>::failure(ErrorCode::BadRequest, message);
}

std::optional<quint64> parseSeq(const QString& text)
{
    bool ok = false;
    const quint64 value = text.toULongLong(&ok);
    return ok && value > 0 ? std::optional<quint64>(value) : std::nullopt;
}

QString id(quint64 value)
{
    return QString::number(value);
}

} // namespace

MessagingCommands::MessagingCommands(client::Connection& connection, e2ee::E2eeSession& e2ee,
                                     quint64 myUserId, MessagingOptions options)
    : m_connection(connection)
    , m_e2ee(e2ee)
    , m_resolver(connection)
    , m_myUserId(myUserId)
    , m_options(std::move(options))
{}

bool MessagingCommands::handles(const QString& command)
{
    return kCommands.contains(command);
}

QString MessagingCommands::userName(quint64 userId)
{
    if (!m_namesLoaded) {
        m_namesLoaded = true;
        const auto teams = m_connection.callAndWait<protocol::TeamList>(protocol::ListTeams{});
        if (teams) {
            for (const protocol::TeamInfo& team : teams->teams) {
                const auto members = m_connection.callAndWait<protocol::MemberList>(
                    protocol::ListTeamMembers{team.teamId});
                if (!members)
                    continue;
                for (const protocol::MemberInfo& member : members->members)
                    m_names.insert(member.userId, member.username);
            }
        }
    }
    return m_names.value(userId, QStringLiteral("user%1").arg(userId));
}

MessagingCommands::Readable MessagingCommands::readEvent(const protocol::RoomEvent& event)
{
    using Status = e2ee::OpenedEvent::Status;
    const e2ee::OpenedEvent opened = m_e2ee.open(event);
    Readable readable;
    if (opened.status == Status::WaitingForKey) {
        readable.waiting = true;
        readable.problem = QStringLiteral("waiting for key");
        return readable;
    }
    if (opened.status != Status::Decrypted) {
        readable.problem = opened.error.message;
        return readable;
    }
    const auto content = client::MessageContent::fromEnvelope(opened.plaintext);
    if (!content) {
        readable.problem = QStringLiteral("unreadable content");
        return readable;
    }
    readable.text = content->text;
    readable.reaction = content->reaction;
    readable.file = content->file;
    return readable;
}

CommandOutput MessagingCommands::eventOutput(const protocol::RoomEvent& event)
{
    CommandOutput output;
    QJsonObject& json = output.json;
    json.insert(QStringLiteral("type"), QStringLiteral("room_event"));
    json.insert(QStringLiteral("room_id"), id(event.roomId));
    json.insert(QStringLiteral("seq"), double(event.seq));
    json.insert(QStringLiteral("kind"), kindName(event.kind));
    json.insert(QStringLiteral("sender_user_id"), id(event.senderUserId));
    json.insert(QStringLiteral("sender"), userName(event.senderUserId));
    json.insert(QStringLiteral("created_ms"), double(event.createdMs));
    QString text;
    QString reaction;
    if (!event.envelope.isEmpty()) {
        const Readable readable = readEvent(event);
        if (!readable.problem.isEmpty()) {
            text = readable.waiting ? QStringLiteral("(waiting for key)")
                                    : QStringLiteral("(refused: %1)").arg(readable.problem);
            json.insert(QStringLiteral("encryption"), readable.waiting
                                                          ? QStringLiteral("waiting_for_key")
                                                          : QStringLiteral("refused"));
            json.insert(QStringLiteral("encryption_error"), readable.problem);
        } else {
            text = readable.text;
            reaction = readable.reaction;
            json.insert(QStringLiteral("encryption"), QStringLiteral("ok"));
            if (readable.file) {
                json.insert(QStringLiteral("file"),
                            QJsonObject{{QStringLiteral("name"), readable.file->name},
                                        {QStringLiteral("size"), double(readable.file->size)},
                                        {QStringLiteral("type"), readable.file->mimeType}});
                text += (text.isEmpty() ? QString() : QStringLiteral(" ")) +
                        QStringLiteral("[file: %1, %2 bytes]")
                            .arg(readable.file->name)
                            .arg(readable.file->size);
            }
        }
        if (reaction.isEmpty())
            json.insert(QStringLiteral("text"), text);
        else
            json.insert(QStringLiteral("reaction"), reaction);
    }
    if (event.refSeq)
        json.insert(QStringLiteral("ref_seq"), double(*event.refSeq));
    if (event.threadRoot)
        json.insert(QStringLiteral("thread_root"), double(*event.threadRoot));
    if (!event.reactionKey.isEmpty())
        json.insert(QStringLiteral("reaction_key"), QString::fromLatin1(event.reactionKey.toHex()));
    if (event.subjectUserId) {
        json.insert(QStringLiteral("subject_user_id"), id(*event.subjectUserId));
        json.insert(QStringLiteral("subject"), userName(*event.subjectUserId));
    }
    if (event.replyCount)
        json.insert(QStringLiteral("reply_count"), double(event.replyCount));
    if (event.edited)
        json.insert(QStringLiteral("edited"), true);
    if (event.deleted)
        json.insert(QStringLiteral("deleted"), true);
    if (event.pinned)
        json.insert(QStringLiteral("pinned"), true);

    const QString time = QDateTime::fromMSecsSinceEpoch(event.createdMs)
                             .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    const QString who = userName(event.senderUserId);
    QString line = QStringLiteral("[#%1 %2] %3 ").arg(event.roomId).arg(event.seq).arg(time);
    switch (event.kind) {
    case EventKind::Message:
        line +=
            who + QStringLiteral(": ") + (event.deleted ? QStringLiteral("(deleted)") : text) +
            (event.edited ? QStringLiteral(" (edited)") : QString()) +
            (event.threadRoot ? QStringLiteral(" (reply to %1)").arg(*event.threadRoot)
                              : QString()) +
            (event.replyCount ? QStringLiteral(" [%1 replies]").arg(event.replyCount) : QString());
        break;
    case EventKind::Edit:
        line += who + QStringLiteral(" edited %1: %2").arg(*event.refSeq).arg(text);
        break;
    case EventKind::Delete:
        line += who + QStringLiteral(" deleted %1").arg(*event.refSeq);
        break;
    case EventKind::ReactionAdd:
    case EventKind::ReactionRemove:
        line +=
            who +
            (event.kind == EventKind::ReactionAdd ? QStringLiteral(" reacted ")
                                                  : QStringLiteral(" removed ")) +
            (reaction.isEmpty() ? (event.envelope.isEmpty() ? QStringLiteral("a reaction") : text)
                                : reaction) +
            QStringLiteral(" to %1").arg(*event.refSeq);
        break;
    case EventKind::Pin:
    case EventKind::Unpin:
        line += who + (event.kind == EventKind::Pin ? QStringLiteral(" pinned %1")
                                                    : QStringLiteral(" unpinned %1"))
                          .arg(*event.refSeq);
        break;
    case EventKind::MemberJoined:
        line += userName(event.subjectUserId.value_or(0)) + QStringLiteral(" joined");
        break;
    case EventKind::MemberLeft:
        line += userName(event.subjectUserId.value_or(0)) + QStringLiteral(" left");
        break;
    case EventKind::RoomUpdated:
        line += who + QStringLiteral(" updated the room");
        break;
    }
    output.text = line;
    return output;
}

Result<CommandOutput> MessagingCommands::roomOutput(const Result<protocol::RoomInfo>& room)
{
    if (!room)
        return room.error();
    const protocol::RoomInfo& info = room.value();
    CommandOutput output;
    output.json = {{QStringLiteral("room_id"), id(info.roomId)},
                   {QStringLiteral("name"), info.name},
                   {QStringLiteral("topic"), info.topic},
                   {QStringLiteral("member"), info.member},
                   {QStringLiteral("archived"), info.archived},
                   {QStringLiteral("private"), info.kind == protocol::RoomKind::PrivateChannel},
                   {QStringLiteral("last_seq"), double(info.lastSeq)},
                   {QStringLiteral("unread"), double(info.unread)},
                   {QStringLiteral("mentions"), double(info.mentions)}};
    output.text = QStringLiteral("#%1 %2%3 (%4 unread, %5 mentions)%6")
                      .arg(info.roomId)
                      .arg(info.name.isEmpty() ? QStringLiteral("direct message") : info.name)
                      .arg(info.topic.isEmpty() ? QString() : QStringLiteral(" — ") + info.topic)
                      .arg(info.unread)
                      .arg(info.mentions)
                      .arg(info.member ? QString() : QStringLiteral(" [not joined]"));
    return output;
}

Result<CommandOutput> MessagingCommands::send(const QString& room, protocol::Send send,
                                              const QString& text)
{
    const auto target = m_resolver.resolve(room);
    if (!target)
        return target.error();
    send.roomId = target->roomId;
    send.clientId = crypto::randomBytes(16);
    client::MessageContent content;
    if (send.kind == EventKind::Message || send.kind == EventKind::Edit) {
        content.text = text;
        client::addMentions(m_connection, text, send);
    } else if (send.kind == EventKind::ReactionAdd || send.kind == EventKind::ReactionRemove) {
        // The server sees only a keyed hash of the emoji; the emoji itself is sealed inside.
        send.reactionKey = m_e2ee.engine().reactionKey(send.roomId, *send.refSeq, text);
        content.reaction = text;
    }
    const bool sealed = send.kind == EventKind::Message || send.kind == EventKind::Edit ||
                        send.kind == EventKind::ReactionAdd;
    const auto sent = sealed ? m_e2ee.send(send, content.toEnvelope())
                             : m_connection.callAndWait<protocol::Sent>(send);
    if (!sent)
        return sent.error();
    return CommandOutput{{{QStringLiteral("room_id"), id(sent->roomId)},
                          {QStringLiteral("seq"), double(sent->seq)},
                          {QStringLiteral("created_ms"), double(sent->createdMs)}},
                         QStringLiteral("sent as #%1 in room %2").arg(sent->seq).arg(sent->roomId)};
}

Result<CommandOutput> MessagingCommands::team(const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("create") && args.size() == 2) {
        const auto team = m_connection.callAndWait<protocol::TeamInfo>(
            protocol::CreateTeam{args.at(1), m_options.name});
        if (!team)
            return team.error();
        return CommandOutput{{{QStringLiteral("team_id"), id(team->teamId)},
                              {QStringLiteral("handle"), team->handle},
                              {QStringLiteral("name"), team->name}},
                             QStringLiteral("created team %1 (%2) with channel %1/general")
                                 .arg(team->handle, team->name)};
    }
    if (sub == QLatin1String("list") && args.size() == 1) {
        const auto teams = m_connection.callAndWait<protocol::TeamList>(protocol::ListTeams{});
        if (!teams)
            return teams.error();
        CommandOutput output;
        QJsonArray items;
        QStringList lines;
        for (const protocol::TeamInfo& t : teams->teams) {
            items.append(QJsonObject{{QStringLiteral("team_id"), id(t.teamId)},
                                     {QStringLiteral("handle"), t.handle},
                                     {QStringLiteral("name"), t.name},
                                     {QStringLiteral("role"), int(t.role)},
                                     {QStringLiteral("unread"), double(t.unread)},
                                     {QStringLiteral("mentions"), double(t.mentions)}});
            lines.append(QStringLiteral("%1 (%2): %3 unread, %4 mentions")
                             .arg(t.handle, t.name)
                             .arg(t.unread)
                             .arg(t.mentions));
        }
        output.json.insert(QStringLiteral("teams"), items);
        output.text = lines.join(QLatin1Char('\n'));
        return output;
    }
    if (sub == QLatin1String("invite") && args.size() == 2) {
        const auto team = m_resolver.teamId(args.at(1));
        if (!team)
            return team.error();
        protocol::CreateInvite request{team.value(), std::nullopt, m_options.maxUses};
        if (m_options.expiresInSeconds)
            request.expiresInMs = *m_options.expiresInSeconds * 1000;
        const auto invite = m_connection.callAndWait<protocol::Invite>(request);
        if (!invite)
            return invite.error();
        const QString link = client::inviteLink(m_connection.serverUrl(), invite->code);
        return CommandOutput{{{QStringLiteral("code"), invite->code},
                              {QStringLiteral("link"), link},
                              {QStringLiteral("team_id"), id(invite->teamId)}},
                             invite->code + QLatin1Char('\n') + link};
    }
    if (sub == QLatin1String("join") && args.size() == 2) {
        const auto team = m_connection.callAndWait<protocol::TeamInfo>(
            protocol::JoinTeam{client::inviteCodeOf(args.at(1))});
        if (!team)
            return team.error();
        return CommandOutput{{{QStringLiteral("team_id"), id(team->teamId)},
                              {QStringLiteral("handle"), team->handle}},
                             QStringLiteral("joined team %1").arg(team->handle)};
    }
    if (sub == QLatin1String("role") && args.size() == 4) {
        static const QStringList roles{QStringLiteral("member"), QStringLiteral("admin"),
                                       QStringLiteral("owner")};
        const qsizetype role = roles.indexOf(args.at(3));
        if (role < 0)
            return usage<CommandOutput>(QStringLiteral("team role TEAM USER member|admin|owner"));
        const auto team = m_resolver.teamId(args.at(1));
        if (!team)
            return team.error();
        const auto users = m_resolver.userIds({args.at(2)});
        if (!users)
            return users.error();
        const auto done = m_connection.callAndWait<protocol::Ok>(
            protocol::SetMemberRole{team.value(), users->first(), protocol::TeamRole(role)});
        if (!done)
            return done.error();
        return CommandOutput{
            {{QStringLiteral("ok"), true}},
            QStringLiteral("%1 is %2 of %3").arg(args.at(2), args.at(3), args.at(1))};
    }
    if ((sub == QLatin1String("leave") || sub == QLatin1String("members")) && args.size() == 2) {
        const auto team = m_resolver.teamId(args.at(1));
        if (!team)
            return team.error();
        if (sub == QLatin1String("leave")) {
            const auto done =
                m_connection.callAndWait<protocol::Ok>(protocol::LeaveTeam{team.value()});
            if (!done)
                return done.error();
            return CommandOutput{{{QStringLiteral("ok"), true}},
                                 QStringLiteral("left %1").arg(args.at(1))};
        }
        const auto members =
            m_connection.callAndWait<protocol::MemberList>(protocol::ListTeamMembers{team.value()});
        if (!members)
            return members.error();
        return membersOutput(members->members);
    }
    return usage<CommandOutput>(QStringLiteral(
        "team create HANDLE | list | invite TEAM | join CODE | leave TEAM | members TEAM | role "
        "TEAM USER ROLE"));
}

CommandOutput MessagingCommands::membersOutput(const QList<protocol::MemberInfo>& members)
{
    CommandOutput output;
    QJsonArray items;
    QStringList lines;
    static const char* roles[] = {"member", "admin", "owner"};
    for (const protocol::MemberInfo& m : members) {
        const QString role = QString::fromLatin1(roles[std::min(int(m.role), 2)]);
        items.append(QJsonObject{{QStringLiteral("user_id"), id(m.userId)},
                                 {QStringLiteral("username"), m.username},
                                 {QStringLiteral("display_name"), m.displayName},
                                 {QStringLiteral("role"), role}});
        lines.append(QStringLiteral("%1 (%2) %3").arg(m.username, m.displayName, role));
    }
    output.json.insert(QStringLiteral("members"), items);
    output.text = lines.join(QLatin1Char('\n'));
    return output;
}

Result<CommandOutput> MessagingCommands::channel(const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("members") && args.size() == 2) {
        const auto room = m_resolver.resolve(args.at(1));
        if (!room)
            return room.error();
        QList<protocol::MemberInfo> members;
        protocol::ListRoomMembers request{room->roomId, std::nullopt,
                                          protocol::ListRoomMembers::kMaxLimit};
        for (;;) {
            const auto page = m_connection.callAndWait<protocol::MemberList>(request);
            if (!page)
                return page.error();
            members += page->members;
            if (page->members.size() < qsizetype(request.limit))
                break;
            request.after = page->members.constLast().username;
        }
        return membersOutput(members);
    }
    if (sub == QLatin1String("create") && args.size() == 2) {
        const QStringList parts = args.at(1).split(QLatin1Char('/'));
        if (parts.size() != 2)
            return usage<CommandOutput>(QStringLiteral("channel create TEAM/NAME"));
        const auto team = m_resolver.teamId(parts.at(0));
        if (!team)
            return team.error();
        return roomOutput(m_connection.callAndWait<protocol::RoomInfo>(protocol::CreateChannel{
            team.value(), parts.at(1), m_options.isPrivate, m_options.topic}));
    }
    if (sub == QLatin1String("list") && args.size() == 2) {
        const auto team = m_resolver.teamId(args.at(1));
        if (!team)
            return team.error();
        const auto rooms =
            m_connection.callAndWait<protocol::RoomList>(protocol::ListRooms{team.value()});
        if (!rooms)
            return rooms.error();
        CommandOutput output;
        QJsonArray items;
        QStringList lines;
        for (const protocol::RoomInfo& room : rooms->rooms) {
            const auto one = roomOutput(room);
            items.append(one->json);
            lines.append(one->text);
        }
        output.json.insert(QStringLiteral("channels"), items);
        output.text = lines.join(QLatin1Char('\n'));
        return output;
    }
    if ((sub == QLatin1String("join") || sub == QLatin1String("leave")) && args.size() == 2) {
        const auto room = m_resolver.resolve(args.at(1));
        if (!room)
            return room.error();
        if (sub == QLatin1String("join"))
            return roomOutput(
                m_connection.callAndWait<protocol::RoomInfo>(protocol::JoinChannel{room->roomId}));
        const auto done = m_connection.callAndWait<protocol::Ok>(protocol::LeaveRoom{room->roomId});
        if (!done)
            return done.error();
        return CommandOutput{{{QStringLiteral("ok"), true}},
                             QStringLiteral("left %1").arg(args.at(1))};
    }
    if ((sub == QLatin1String("topic") || sub == QLatin1String("rename")) && args.size() == 3) {
        const auto room = m_resolver.resolve(args.at(1));
        if (!room)
            return room.error();
        protocol::UpdateChannel update;
        update.roomId = room->roomId;
        (sub == QLatin1String("topic") ? update.topic : update.name) = args.at(2);
        return roomOutput(m_connection.callAndWait<protocol::RoomInfo>(update));
    }
    if ((sub == QLatin1String("archive") || sub == QLatin1String("unarchive")) &&
        args.size() == 2) {
        const auto room = m_resolver.resolve(args.at(1));
        if (!room)
            return room.error();
        protocol::UpdateChannel update;
        update.roomId = room->roomId;
        update.archived = sub == QLatin1String("archive");
        return roomOutput(m_connection.callAndWait<protocol::RoomInfo>(update));
    }
    if (sub == QLatin1String("add") && args.size() == 3) {
        const auto room = m_resolver.resolve(args.at(1));
        if (!room)
            return room.error();
        const auto users = m_resolver.userIds({args.at(2)});
        if (!users)
            return users.error();
        const auto done = m_connection.callAndWait<protocol::Ok>(
            protocol::AddToChannel{room->roomId, users->first()});
        if (!done)
            return done.error();
        return CommandOutput{{{QStringLiteral("ok"), true}},
                             QStringLiteral("added %1").arg(args.at(2))};
    }
    return usage<CommandOutput>(QStringLiteral(
        "channel create TEAM/NAME | list TEAM | join ROOM | leave ROOM | topic ROOM TEXT | "
        "rename ROOM NAME | archive ROOM | unarchive ROOM | add ROOM USER | members ROOM"));
}

Result<CommandOutput> MessagingCommands::history(const QStringList& args)
{
    if (args.size() != 1)
        return usage<CommandOutput>(
            QStringLiteral("history ROOM [--before SEQ | --after SEQ] [--limit N]"));
    const auto room = m_resolver.resolve(args.at(0));
    if (!room)
        return room.error();
    protocol::History request;
    request.roomId = room->roomId;
    request.before = m_options.before;
    request.after = m_options.after;
    request.limit = m_options.limit;
    if (const auto fetched = m_e2ee.fetchKeyShares(); !fetched)
        return fetched.error();
    const auto page = m_connection.callAndWait<protocol::Events>(request);
    if (!page)
        return page.error();
    // Keys another of my devices took in since this one last looked are in the backup.
    const bool waiting =
        std::any_of(page->events.cbegin(), page->events.cend(),
                    [&](const auto& event) { return m_e2ee.engine().waitsForKey(event); });
    if (waiting)
        m_e2ee.restoreBackup();
    return eventsOutput(room->roomId, page.value());
}

CommandOutput MessagingCommands::eventsOutput(quint64 roomId, const protocol::Events& page)
{
    CommandOutput output;
    QJsonArray items;
    QStringList lines;
    for (const protocol::RoomEvent& event : page.events) {
        const CommandOutput one = eventOutput(event);
        items.append(one.json);
        lines.append(one.text);
    }
    output.json = {{QStringLiteral("room_id"), id(roomId)},
                   {QStringLiteral("events"), items},
                   {QStringLiteral("has_more_before"), page.hasMoreBefore},
                   {QStringLiteral("has_more_after"), page.hasMoreAfter}};
    output.text = lines.join(QLatin1Char('\n'));
    return output;
}

Result<CommandOutput> MessagingCommands::unread()
{
    const auto teams = m_connection.callAndWait<protocol::TeamList>(protocol::ListTeams{});
    if (!teams)
        return teams.error();
    CommandOutput output;
    QJsonArray items;
    QStringList lines;
    const auto addRooms = [&](const QString& prefix, const QList<protocol::RoomInfo>& rooms) {
        for (const protocol::RoomInfo& room : rooms) {
            if (!room.member || room.unread == 0)
                continue;
            const QString label = room.name.isEmpty()
                                      ? QStringLiteral("#%1 (direct)").arg(room.roomId)
                                      : prefix + room.name;
            items.append(QJsonObject{{QStringLiteral("room"), label},
                                     {QStringLiteral("room_id"), id(room.roomId)},
                                     {QStringLiteral("unread"), double(room.unread)},
                                     {QStringLiteral("mentions"), double(room.mentions)}});
            lines.append(QStringLiteral("%1: %2 unread, %3 mentions")
                             .arg(label)
                             .arg(room.unread)
                             .arg(room.mentions));
        }
    };
    for (const protocol::TeamInfo& team : teams->teams) {
        const auto rooms =
            m_connection.callAndWait<protocol::RoomList>(protocol::ListRooms{team.teamId});
        if (!rooms)
            return rooms.error();
        addRooms(team.handle + QLatin1Char('/'), rooms->rooms);
    }
    const auto direct = m_connection.callAndWait<protocol::RoomList>(protocol::ListRooms{});
    if (!direct)
        return direct.error();
    addRooms(QString(), direct->rooms);
    output.json.insert(QStringLiteral("rooms"), items);
    output.text =
        lines.isEmpty() ? QStringLiteral("nothing unread") : lines.join(QLatin1Char('\n'));
    return output;
}

Result<CommandOutput> MessagingCommands::presence(const QStringList& args)
{
    QList<quint64> ids;
    if (args.isEmpty()) {
        userName(0); // loads everyone of my teams
        ids = m_names.keys();
        std::sort(ids.begin(), ids.end());
    } else {
        const auto found = m_resolver.userIds(args);
        if (!found)
            return found.error();
        ids = found.value();
    }
    if (ids.isEmpty())
        return CommandOutput{{{QStringLiteral("presence"), QJsonArray()}},
                             QStringLiteral("nobody")};
    const auto list = m_connection.callAndWait<protocol::PresenceList>(protocol::GetPresence{ids});
    if (!list)
        return list.error();
    static const char* names[] = {"offline", "online", "away"};
    CommandOutput output;
    QJsonArray items;
    QStringList lines;
    for (const protocol::PresenceInfo& p : list->presences) {
        const QString status = QString::fromLatin1(names[int(p.status)]);
        items.append(QJsonObject{{QStringLiteral("user_id"), id(p.userId)},
                                 {QStringLiteral("username"), userName(p.userId)},
                                 {QStringLiteral("status"), status}});
        lines.append(userName(p.userId) + QStringLiteral(": ") + status);
    }
    output.json.insert(QStringLiteral("presence"), items);
    output.text = lines.join(QLatin1Char('\n'));
    return output;
}

Result<CommandOutput> MessagingCommands::friends(const QStringList& args)
{
    if (args.isEmpty()) {
        const auto list =
            m_connection.callAndWait<protocol::RelationList>(protocol::ListRelations{});
        if (!list)
            return list.error();
        CommandOutput output;
        QJsonArray items;
        QStringList lines;
        for (const protocol::RelationInfo& r : list->relations) {
            items.append(QJsonObject{{QStringLiteral("user_id"), id(r.userId)},
                                     {QStringLiteral("username"), r.username},
                                     {QStringLiteral("favourite"), r.favourite},
                                     {QStringLiteral("hidden"), r.hidden},
                                     {QStringLiteral("blocked"), r.blocked}});
            QStringList flags;
            if (r.favourite)
                flags.append(QStringLiteral("favourite"));
            if (r.hidden)
                flags.append(QStringLiteral("hidden"));
            if (r.blocked)
                flags.append(QStringLiteral("blocked"));
            lines.append(r.username + QStringLiteral(": ") + flags.join(QStringLiteral(", ")));
        }
        output.json.insert(QStringLiteral("friends"), items);
        output.text = lines.isEmpty() ? QStringLiteral("no favourites, hidden or blocked people")
                                      : lines.join(QLatin1Char('\n'));
        return output;
    }
    static const QStringList verbs{QStringLiteral("favourite"), QStringLiteral("unfavourite"),
                                   QStringLiteral("hide"),      QStringLiteral("unhide"),
                                   QStringLiteral("block"),     QStringLiteral("unblock")};
    if (args.size() != 2 || !verbs.contains(args.first()))
        return usage<CommandOutput>(
            QStringLiteral("friends [favourite|unfavourite|hide|unhide|block|unblock USER]"));
    const auto user = m_resolver.userIds({args.at(1)});
    if (!user)
        return user.error();
    protocol::SetRelation change;
    change.userId = user->first();
    const QString verb = args.first();
    const bool on = !verb.startsWith(QLatin1String("un"));
    if (verb.endsWith(QLatin1String("favourite")))
        change.favourite = on;
    else if (verb.endsWith(QLatin1String("hide")))
        change.hidden = on;
    else
        change.blocked = on;
    const auto done = m_connection.callAndWait<protocol::Ok>(change);
    if (!done)
        return done.error();
    return CommandOutput{{{QStringLiteral("ok"), true}}, QStringLiteral("done")};
}

Result<CommandOutput> MessagingCommands::settings(const QString& command, const QStringList& args)
{
    Result<protocol::Ok> done = protocol::Ok{};
    if (command == QLatin1String("notify") && args.size() == 2) {
        static const QStringList levels{QStringLiteral("all"), QStringLiteral("mentions"),
                                        QStringLiteral("none")};
        const qsizetype level = levels.indexOf(args.at(1));
        if (level < 0)
            return usage<CommandOutput>(QStringLiteral("notify ROOM all|mentions|none"));
        const auto room = m_resolver.resolve(args.at(0));
        if (!room)
            return room.error();
        done = m_connection.callAndWait<protocol::Ok>(
            protocol::SetNotifyLevel{room->roomId, protocol::NotifyLevel(level)});
    } else if (command == QLatin1String("dnd") && args.size() == 1) {
        bool ok = args.first() == QLatin1String("off");
        qint64 until = 0;
        if (!ok) {
            const quint64 minutes = args.first().toULongLong(&ok);
            until = QDateTime::currentMSecsSinceEpoch() + qint64(minutes) * 60'000;
        }
        if (!ok)
            return usage<CommandOutput>(QStringLiteral("dnd MINUTES | dnd off"));
        done = m_connection.callAndWait<protocol::Ok>(protocol::SetDoNotDisturb{until});
    } else if (command == QLatin1String("typing") && args.size() == 1) {
        const auto room = m_resolver.resolve(args.at(0));
        if (!room)
            return room.error();
        done = m_connection.callAndWait<protocol::Ok>(protocol::Typing{room->roomId});
    } else {
        return usage<CommandOutput>(
            QStringLiteral("notify ROOM LEVEL | dnd MINUTES|off | typing ROOM"));
    }
    if (!done)
        return done.error();
    return CommandOutput{{{QStringLiteral("ok"), true}}, QStringLiteral("done")};
}

Result<CommandOutput> MessagingCommands::run(const QString& command, const QStringList& args)
{
    if (command == QLatin1String("presence"))
        return presence(args);
    if (command == QLatin1String("friends"))
        return friends(args);
    if (command == QLatin1String("notify") || command == QLatin1String("dnd") ||
        command == QLatin1String("typing"))
        return settings(command, args);
    if (command == QLatin1String("team"))
        return team(args);
    if (command == QLatin1String("channel"))
        return channel(args);
    if (command == QLatin1String("history"))
        return history(args);
    if (command == QLatin1String("pins") && args.size() == 1) {
        const auto room = m_resolver.resolve(args.at(0));
        if (!room)
            return room.error();
        const auto page =
            m_connection.callAndWait<protocol::Events>(protocol::ListPins{room->roomId});
        if (!page)
            return page.error();
        return eventsOutput(room->roomId, page.value());
    }
    if (command == QLatin1String("unread") && args.isEmpty())
        return unread();
    if (command == QLatin1String("upload") && args.size() == 2)
        return upload(args.at(0), args.at(1));
    if (command == QLatin1String("download") && args.size() == 3)
        return download(args.at(0), args.at(1), args.at(2));
    protocol::Send request;
    if (command == QLatin1String("send") && args.size() == 2)
        return send(args.at(0), request, args.at(1));
    if (command == QLatin1String("dm") && args.size() == 2)
        return send(QLatin1Char('@') + args.at(0), request, args.at(1));
    const auto seq = parseSeq(args.value(1));
    if (command == QLatin1String("reply") && args.size() == 3 && seq) {
        request.threadRoot = seq;
        return send(args.at(0), request, args.at(2));
    }
    if (command == QLatin1String("edit") && args.size() == 3 && seq) {
        request.kind = EventKind::Edit;
        request.refSeq = seq;
        return send(args.at(0), request, args.at(2));
    }
    if (command == QLatin1String("react") && args.size() == 3 && seq) {
        request.kind = m_options.remove ? EventKind::ReactionRemove : EventKind::ReactionAdd;
        request.refSeq = seq;
        return send(args.at(0), request, args.at(2));
    }
    if ((command == QLatin1String("delete") || command == QLatin1String("pin") ||
         command == QLatin1String("unpin")) &&
        args.size() == 2 && seq) {
        request.kind = command == QLatin1String("delete") ? EventKind::Delete
                       : command == QLatin1String("pin")  ? EventKind::Pin
                                                          : EventKind::Unpin;
        request.refSeq = seq;
        return send(args.at(0), request, {});
    }
    if (command == QLatin1String("read") && args.size() == 2 && seq) {
        const auto room = m_resolver.resolve(args.at(0));
        if (!room)
            return room.error();
        const auto done =
            m_connection.callAndWait<protocol::Ok>(protocol::MarkRead{room->roomId, *seq});
        if (!done)
            return done.error();
        return CommandOutput{{{QStringLiteral("ok"), true}},
                             QStringLiteral("read up to %1").arg(*seq)};
    }
    return usage<CommandOutput>(
        QStringLiteral("wrong arguments for '%1' (see moim-cli --help)").arg(command));
}

Result<CommandOutput> MessagingCommands::upload(const QString& room, const QString& path)
{
    const auto target = m_resolver.resolve(room);
    if (!target)
        return target.error();
    e2ee::AttachmentTransfer transfer(m_connection);
    const auto uploaded = transfer.upload(target->roomId, path);
    if (!uploaded)
        return uploaded.error();
    protocol::Send send;
    send.roomId = target->roomId;
    send.clientId = crypto::randomBytes(16);
    send.blobs.append(uploaded->file.blobId);
    client::MessageContent content;
    content.file = uploaded->file;
    content.thumbnail = uploaded->thumbnail;
    if (uploaded->thumbnail)
        send.blobs.append(uploaded->thumbnail->blobId);
    const auto sent = m_e2ee.send(send, content.toEnvelope());
    if (!sent)
        return sent.error();
    return CommandOutput{{{QStringLiteral("room_id"), id(sent->roomId)},
                          {QStringLiteral("seq"), double(sent->seq)},
                          {QStringLiteral("name"), uploaded->file.name},
                          {QStringLiteral("size"), double(uploaded->file.size)},
                          {QStringLiteral("thumbnail"), uploaded->thumbnail.has_value()}},
                         QStringLiteral("sent %1 (%2 bytes, encrypted) as #%3 in room %4")
                             .arg(uploaded->file.name)
                             .arg(uploaded->file.size)
                             .arg(sent->seq)
                             .arg(sent->roomId)};
}

Result<CommandOutput> MessagingCommands::download(const QString& room, const QString& seqText,
                                                  const QString& directory)
{
    const auto target = m_resolver.resolve(room);
    if (!target)
        return target.error();
    const auto seq = parseSeq(seqText);
    if (!seq)
        return usage<CommandOutput>(QStringLiteral("download ROOM SEQ DIR"));
    if (const auto fetched = m_e2ee.fetchKeyShares(); !fetched)
        return fetched.error();
    protocol::History request;
    request.roomId = target->roomId;
    request.around = seq;
    request.limit = 1;
    const auto page = m_connection.callAndWait<protocol::Events>(request);
    if (!page)
        return page.error();
    const auto found = std::find_if(page->events.cbegin(), page->events.cend(),
                                    [&](const auto& event) { return event.seq == *seq; });
    if (found == page->events.cend())
        return Result<CommandOutput>::failure(ErrorCode::NotFound,
                                              QStringLiteral("no message #%1").arg(*seq));
    Readable readable = readEvent(*found);
    if (readable.waiting) {
        m_e2ee.restoreBackup();
        readable = readEvent(*found);
    }
    if (!readable.problem.isEmpty())
        return Result<CommandOutput>::failure(ErrorCode::BadRequest, readable.problem);
    if (!readable.file)
        return Result<CommandOutput>::failure(ErrorCode::NotFound,
                                              QStringLiteral("message #%1 has no file").arg(*seq));
    e2ee::AttachmentTransfer transfer(m_connection);
    const auto saved = transfer.download(target->roomId, *readable.file, directory);
    if (!saved)
        return saved.error();
    return CommandOutput{{{QStringLiteral("path"), saved.value()},
                          {QStringLiteral("size"), double(readable.file->size)}},
                         QStringLiteral("saved %1 (%2 bytes, verified)")
                             .arg(saved.value())
                             .arg(readable.file->size)};
}

int MessagingCommands::listen(const std::function<void(const CommandOutput&)>& print,
                              const std::function<void()>& listening)
{
    quint64 seen = 0;
    bool closed = false;
    // Frames are handled outside the socket's signal: printing may ask the server for names
    // and keys, and a request made from inside that signal would never see its answer (Qt
    // does not re-enter readyRead).
    QList<protocol::Frame> pending;
    QObject::connect(&m_connection, &client::Connection::closed, &m_connection,
                     [&](quint16, const QString&) { closed = true; });
    QObject::connect(&m_connection, &client::Connection::eventReceived, &m_connection,
                     [&](const protocol::Frame& frame) { pending.append(frame); });
    m_e2ee.fetchKeyShares();
    listening();
    // Messages whose key has not come yet wait a little for it before they print as such.
    struct Held {
        protocol::RoomEvent event;
        qint64 deadlineMs;
    };
    QList<Held> held;
    QElapsedTimer clock;
    clock.start();
    const auto done = [&] { return m_options.count && seen >= *m_options.count; };
    const auto printEvent = [&](const protocol::RoomEvent& event) {
        print(eventOutput(event));
        ++seen;
    };
    const auto releaseHeld = [&] {
        for (qsizetype i = 0; i < held.size() && !done();) {
            if (!m_e2ee.engine().waitsForKey(held[i].event) ||
                clock.elapsed() >= held[i].deadlineMs) {
                printEvent(held[i].event);
                held.removeAt(i);
            } else {
                ++i;
            }
        }
    };
    while (!closed && !done()) {
        releaseHeld();
        if (pending.isEmpty()) {
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents,
                                            held.isEmpty() ? 1000 : 100);
            continue;
        }
        const protocol::Frame frame = pending.takeFirst();
        QString problem;
        if (frame.type == protocol::MessageType::KeyShare) {
            if (const auto share = protocol::KeyShare::fromCbor(frame.body, &problem)) {
                if (m_e2ee.takeKeyShare(*share))
                    releaseHeld();
            }
        } else if (frame.type == protocol::MessageType::RoomEvent) {
            if (const auto event = protocol::RoomEvent::fromCbor(frame.body, &problem)) {
                if (m_e2ee.engine().waitsForKey(*event))
                    held.append({*event, clock.elapsed() + kKeyWaitMs});
                else
                    printEvent(*event);
            }
        } else if (frame.type == protocol::MessageType::ReadMarker) {
            if (const auto marker = protocol::ReadMarker::fromCbor(frame.body, &problem)) {
                print(CommandOutput{{{QStringLiteral("type"), QStringLiteral("read_marker")},
                                     {QStringLiteral("room_id"), id(marker->roomId)},
                                     {QStringLiteral("read_seq"), double(marker->readSeq)}},
                                    QStringLiteral("read marker of room %1 at %2")
                                        .arg(marker->roomId)
                                        .arg(marker->readSeq)});
                ++seen;
            }
        } else {
            // Presence, typing, notifications, room info: their fields as they are.
            const QString type = protocol::messageTypeName(frame.type);
            QJsonObject json = frame.body.toJsonObject();
            json.insert(QStringLiteral("type"), type);
            print(CommandOutput{json, type + QLatin1Char(' ') +
                                          QString::fromUtf8(QJsonDocument(frame.body.toJsonObject())
                                                                .toJson(QJsonDocument::Compact))});
            ++seen;
        }
    }
    return closed ? 3 : 0;
}

} // namespace moim::cli
