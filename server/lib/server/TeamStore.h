#pragma once

#include <QList>
#include <optional>
#include <protocol/TeamMessages.h>

namespace moim::server {

class DbContext;

enum class InviteOutcome { Joined, AlreadyMember, Invalid };

// SQL for teams, their members and invites; runs on a database worker thread.
class TeamStore {
public:
    explicit TeamStore(DbContext& context);

    // Creates the team with the creator as owner and a public #general channel it is in.
    // nullopt when the handle is taken.
    std::optional<quint64> createTeam(const QString& handle, const QString& name, quint64 userId,
                                      qint64 nowMs);
    std::optional<protocol::TeamRole> role(quint64 teamId, quint64 userId);
    std::optional<protocol::TeamInfo> teamInfo(quint64 teamId, quint64 userId);
    QList<protocol::TeamInfo> teamsOf(quint64 userId);
    QList<protocol::MemberInfo> members(quint64 teamId);
    std::optional<quint64> generalChannel(quint64 teamId);

    void createInvite(const QString& code, quint64 teamId, quint64 userId, qint64 nowMs,
                      std::optional<qint64> expiresMs, std::optional<quint64> maxUses);
    // Counts a use of the code and adds the user to the team if the code is valid: not
    // expired, not used up. Run it in the caller's transaction, which decides whether the
    // use counts (not when the user was already a member).
    InviteOutcome redeemInvite(const QString& code, quint64 userId, qint64 nowMs, quint64* teamId);

    void setRole(quint64 teamId, quint64 userId, protocol::TeamRole role);
    int ownerCount(quint64 teamId);
    // Removes the user from the team and every room of it; returns the rooms left.
    QList<quint64> removeMember(quint64 teamId, quint64 userId);
    bool setMuted(quint64 teamId, quint64 userId, bool muted);
    bool shareATeam(quint64 a, quint64 b);

private:
    DbContext& m_context;
};

} // namespace moim::server
