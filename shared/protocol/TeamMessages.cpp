#include "protocol/TeamMessages.h"

#include "protocol/BodyReader.h"

#include <QCborArray>

namespace moim::protocol {

// Bounds the lists a client will accept.
static constexpr int kMaxListedTeams = 10000;
static constexpr int kMaxListedMembers = 10000;

static TeamRole readRole(BodyReader& reader, const QString& key)
{
    return reader.enumValue(key, TeamRole::Member, TeamRole::Owner, "team role", TeamRole::Member);
}

// A boolean that must be present, unlike BodyReader::boolean() which falls back.
static bool requiredBoolean(BodyReader& reader, const QCborMap& body, const QString& key)
{
    const QCborValue value = body.value(key);
    if (value.isUndefined()) {
        reader.fail(key, QStringLiteral("missing"));
        return false;
    }
    if (!value.isBool()) {
        reader.fail(key, QStringLiteral("expected a boolean"));
        return false;
    }
    return value.toBool();
}

QCborMap TeamInfo::toCbor() const
{
    return {{QStringLiteral("team_id"), qint64(teamId)},
            {QStringLiteral("handle"), handle},
            {QStringLiteral("name"), name},
            {QStringLiteral("role"), qint64(role)},
            {QStringLiteral("muted"), muted},
            {QStringLiteral("unread"), qint64(unread)},
            {QStringLiteral("mentions"), qint64(mentions)}};
}

std::optional<TeamInfo> TeamInfo::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    TeamInfo message;
    message.teamId = reader.unsignedInteger(QStringLiteral("team_id"));
    message.handle = reader.text(QStringLiteral("handle"));
    message.name = reader.text(QStringLiteral("name"));
    message.role = readRole(reader, QStringLiteral("role"));
    message.muted = reader.boolean(QStringLiteral("muted"), false);
    message.unread = reader.unsignedInteger(QStringLiteral("unread"));
    message.mentions = reader.unsignedInteger(QStringLiteral("mentions"));
    return reader.finish(message, error);
}

QCborMap CreateTeam::toCbor() const
{
    return {{QStringLiteral("handle"), handle}, {QStringLiteral("name"), name}};
}

std::optional<CreateTeam> CreateTeam::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    CreateTeam message;
    message.handle = reader.text(QStringLiteral("handle"));
    message.name = reader.text(QStringLiteral("name"));
    return reader.finish(message, error);
}

QCborMap TeamList::toCbor() const
{
    QCborArray items;
    for (const TeamInfo& team : teams)
        items.append(team.toCbor());
    return {{QStringLiteral("teams"), items}};
}

std::optional<TeamList> TeamList::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    TeamList list;
    const QCborArray items = reader.array(QStringLiteral("teams"));
    if (items.size() > kMaxListedTeams)
        reader.fail(QStringLiteral("teams"), QStringLiteral("too many entries"));
    for (const QCborValue& item : items) {
        if (!reader.ok())
            break;
        if (!item.isMap()) {
            reader.fail(QStringLiteral("teams"), QStringLiteral("expected an array of maps"));
            break;
        }
        QString problem;
        const std::optional<TeamInfo> team = TeamInfo::fromCbor(item.toMap(), &problem);
        if (!team) {
            reader.fail(QStringLiteral("teams"), problem);
            break;
        }
        list.teams.append(*team);
    }
    return reader.finish(list, error);
}

QCborMap CreateInvite::toCbor() const
{
    QCborMap body{{QStringLiteral("team_id"), qint64(teamId)}};
    if (expiresInMs)
        body.insert(QStringLiteral("expires_in_ms"), qint64(*expiresInMs));
    if (maxUses)
        body.insert(QStringLiteral("max_uses"), qint64(*maxUses));
    return body;
}

std::optional<CreateInvite> CreateInvite::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    CreateInvite message;
    message.teamId = reader.unsignedInteger(QStringLiteral("team_id"));
    message.expiresInMs = reader.optionalUnsignedInteger(QStringLiteral("expires_in_ms"));
    message.maxUses = reader.optionalUnsignedInteger(QStringLiteral("max_uses"));
    return reader.finish(message, error);
}

QCborMap Invite::toCbor() const
{
    QCborMap body{{QStringLiteral("code"), code}, {QStringLiteral("team_id"), qint64(teamId)}};
    if (expiresMs)
        body.insert(QStringLiteral("expires_ms"), *expiresMs);
    if (maxUses)
        body.insert(QStringLiteral("max_uses"), qint64(*maxUses));
    return body;
}

std::optional<Invite> Invite::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    Invite message;
    message.code = reader.text(QStringLiteral("code"));
    message.teamId = reader.unsignedInteger(QStringLiteral("team_id"));
    const QString expiresKey = QStringLiteral("expires_ms");
    if (body.contains(expiresKey) && !body.value(expiresKey).isNull())
        message.expiresMs = reader.integer(expiresKey);
    message.maxUses = reader.optionalUnsignedInteger(QStringLiteral("max_uses"));
    return reader.finish(message, error);
}

QCborMap JoinTeam::toCbor() const
{
    return {{QStringLiteral("code"), code}};
}

std::optional<JoinTeam> JoinTeam::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    JoinTeam message;
    message.code = reader.text(QStringLiteral("code"));
    return reader.finish(message, error);
}

template <MessageType Type> QCborMap TeamRequest<Type>::toCbor() const
{
    return {{QStringLiteral("team_id"), qint64(teamId)}};
}

template <MessageType Type>
std::optional<TeamRequest<Type>> TeamRequest<Type>::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    TeamRequest message;
    message.teamId = reader.unsignedInteger(QStringLiteral("team_id"));
    return reader.finish(message, error);
}

template struct TeamRequest<MessageType::LeaveTeam>;
template struct TeamRequest<MessageType::ListTeamMembers>;

QCborMap MemberList::toCbor() const
{
    QCborArray items;
    for (const MemberInfo& member : members) {
        items.append(QCborMap{{QStringLiteral("user_id"), qint64(member.userId)},
                              {QStringLiteral("username"), member.username},
                              {QStringLiteral("display_name"), member.displayName},
                              {QStringLiteral("role"), qint64(member.role)}});
    }
    return {{QStringLiteral("members"), items}};
}

std::optional<MemberList> MemberList::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    MemberList list;
    const QCborArray items = reader.array(QStringLiteral("members"));
    if (items.size() > kMaxListedMembers)
        reader.fail(QStringLiteral("members"), QStringLiteral("too many entries"));
    for (const QCborValue& item : items) {
        if (!reader.ok())
            break;
        if (!item.isMap()) {
            reader.fail(QStringLiteral("members"), QStringLiteral("expected an array of maps"));
            break;
        }
        BodyReader entry(item.toMap());
        MemberInfo member;
        member.userId = entry.unsignedInteger(QStringLiteral("user_id"));
        member.username = entry.text(QStringLiteral("username"));
        member.displayName = entry.text(QStringLiteral("display_name"));
        member.role = readRole(entry, QStringLiteral("role"));
        if (!entry.ok())
            reader.fail(QStringLiteral("members"), entry.error());
        list.members.append(member);
    }
    return reader.finish(list, error);
}

QCborMap SetMemberRole::toCbor() const
{
    return {{QStringLiteral("team_id"), qint64(teamId)},
            {QStringLiteral("user_id"), qint64(userId)},
            {QStringLiteral("role"), qint64(role)}};
}

std::optional<SetMemberRole> SetMemberRole::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    SetMemberRole message;
    message.teamId = reader.unsignedInteger(QStringLiteral("team_id"));
    message.userId = reader.unsignedInteger(QStringLiteral("user_id"));
    message.role = readRole(reader, QStringLiteral("role"));
    return reader.finish(message, error);
}

QCborMap RemoveMember::toCbor() const
{
    return {{QStringLiteral("team_id"), qint64(teamId)},
            {QStringLiteral("user_id"), qint64(userId)}};
}

std::optional<RemoveMember> RemoveMember::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    RemoveMember message;
    message.teamId = reader.unsignedInteger(QStringLiteral("team_id"));
    message.userId = reader.unsignedInteger(QStringLiteral("user_id"));
    return reader.finish(message, error);
}

QCborMap SetTeamMuted::toCbor() const
{
    return {{QStringLiteral("team_id"), qint64(teamId)}, {QStringLiteral("muted"), muted}};
}

std::optional<SetTeamMuted> SetTeamMuted::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    SetTeamMuted message;
    message.teamId = reader.unsignedInteger(QStringLiteral("team_id"));
    // Required: a request without it must not silently unmute.
    message.muted = requiredBoolean(reader, body, QStringLiteral("muted"));
    return reader.finish(message, error);
}

} // namespace moim::protocol
