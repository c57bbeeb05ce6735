#pragma once

#include <QHash>
#include <QJsonObject>
#include <QStringList>
#include <client/Connection.h>
#include <client/MessageContent.h>
#include <client/RoomResolver.h>
#include <e2ee/E2eeSession.h>
#include <functional>
#include <protocol/EventMessages.h>
#include <protocol/RoomMessages.h>
#include <protocol/TeamMessages.h>

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
    MessagingCommands(client::Connection& connection, e2ee::E2eeSession& e2ee, quint64 myUserId,
                      MessagingOptions options);

    static bool handles(const QString& command);
    // How long `listen` holds a message whose key has not arrived before printing it as such.
    static constexpr qint64 kKeyWaitMs = 3000;
    protocol::Result<CommandOutput> run(const QString& command, const QStringList& args);
    // Prints events as they arrive until count is reached or the connection closes.
    // listening is called once events are being taken (scripts may wait for it).
    int listen(const std::function<void(const CommandOutput&)>& print,
               const std::function<void()>& listening);

private:
    protocol::Result<CommandOutput> team(const QStringList& args);
    protocol::Result<CommandOutput> channel(const QStringList& args);
    static CommandOutput membersOutput(const QList<protocol::MemberInfo>& members);
    protocol::Result<CommandOutput> send(const QString& room, protocol::Send send,
                                         const QString& text);
    protocol::Result<CommandOutput> history(const QStringList& args);
    protocol::Result<CommandOutput> upload(const QString& room, const QString& path);
    protocol::Result<CommandOutput> download(const QString& room, const QString& seq,
                                             const QString& directory);
    protocol::Result<CommandOutput> unread();
    protocol::Result<CommandOutput> presence(const QStringList& args);
    protocol::Result<CommandOutput> friends(const QStringList& args);
    protocol::Result<CommandOutput> settings(const QString& command, const QStringList& args);
    protocol::Result<CommandOutput> roomOutput(const protocol::Result<protocol::RoomInfo>& room);
    CommandOutput eventOutput(const protocol::RoomEvent& event);
    CommandOutput eventsOutput(quint64 roomId, const protocol::Events& page);
    QString userName(quint64 userId);
    // @name, @channel, @here in a text.

    // The event's content as this device reads it: text or reaction, or why not.
    struct Readable {
        QString text;
        QString reaction;
        QString problem;      // empty when decrypted
        bool waiting = false; // the key has not arrived yet
        std::optional<client::AttachmentRef> file;
    };
    Readable readEvent(const protocol::RoomEvent& event);

    client::Connection& m_connection;
    e2ee::E2eeSession& m_e2ee;
    client::RoomResolver m_resolver;
    quint64 m_myUserId;
    MessagingOptions m_options;
    QHash<quint64, QString> m_names;
    bool m_namesLoaded = false;
};

} // namespace moim::cli
