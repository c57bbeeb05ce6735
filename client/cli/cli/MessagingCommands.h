#pragma once

#include <QHash>
#include <QJsonObject>
#include <QStringList>
#include <client/Connection.h>
#include <client/RoomResolver.h>
#include <functional>
#include <protocol/EventMessages.h>
#include <protocol/RoomMessages.h>

namespace moim::cli {

// What a command prints: a JSON object for --json, lines of text otherwise.
struct CommandOutput {
    QJsonObject json;
    QString text;
};

struct MessagingOptions {
    QString name;
    QString topic;
    bool isPrivate = false;
    bool remove = false;
    std::optional<quint64> expiresInSeconds;
    std::optional<quint64> maxUses;
    std::optional<quint64> before;
    std::optional<quint64> after;
    quint64 limit = 50;
    std::optional<quint64> count; // listen: stop after this many events
};

// Team, channel and message commands of moim-cli, on an authenticated connection.
class MessagingCommands {
public:
    MessagingCommands(client::Connection& connection, quint64 myUserId, MessagingOptions options);

    static bool handles(const QString& command);
    protocol::Result<CommandOutput> run(const QString& command, const QStringList& args);
    // Prints events as they arrive until count is reached or the connection closes.
    int listen(const std::function<void(const CommandOutput&)>& print);

private:
    protocol::Result<CommandOutput> team(const QStringList& args);
    protocol::Result<CommandOutput> channel(const QStringList& args);
    protocol::Result<CommandOutput> send(const QString& room, protocol::Send send,
                                         const QString& text);
    protocol::Result<CommandOutput> history(const QStringList& args);
    protocol::Result<CommandOutput> unread();
    protocol::Result<CommandOutput> presence(const QStringList& args);
    protocol::Result<CommandOutput> friends(const QStringList& args);
    protocol::Result<CommandOutput> settings(const QString& command, const QStringList& args);
    protocol::Result<CommandOutput> roomOutput(const protocol::Result<protocol::RoomInfo>& room);
    CommandOutput eventOutput(const protocol::RoomEvent& event);
    CommandOutput eventsOutput(quint64 roomId, const protocol::Events& page);
    QString userName(quint64 userId);
    // @name, @channel, @here in a text.
    void addMentions(const QString& text, protocol::Send& send);

    client::Connection& m_connection;
    client::RoomResolver m_resolver;
    quint64 m_myUserId;
    MessagingOptions m_options;
    QHash<quint64, QString> m_names;
    bool m_namesLoaded = false;
};

} // namespace moim::cli
