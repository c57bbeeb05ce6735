#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <client/MessageContent.h>
#include <optional>

namespace moim::chat {

// One emoji under a message, folded from reaction events.
struct ReactionSummary {
    QString emoji; // empty while the adding event could not be read
    QByteArray key;
    QList<quint64> userIds;
    bool mine = false;

    bool operator==(const ReactionSummary&) const = default;
};

// A message as the timeline shows it: the message event with its edits, deletion, pins and
// reactions folded in. Also stands for a member line (joined, left) and for a message of mine
// that is not acknowledged yet.
struct ChatMessage {
    enum class Kind { Message, MemberJoined, MemberLeft, RoomUpdated };
    enum class Delivery { Stored, Sending, Failed };
    enum class Readability { Readable, WaitingForKey, Refused };

    Kind kind = Kind::Message;
    quint64 roomId = 0;
    quint64 seq = 0; // 0 while sending
    QByteArray clientId;
    quint64 senderUserId = 0;
    quint64 subjectUserId = 0; // member lines
    qint64 createdMs = 0;
    QString text;
    std::optional<client::AttachmentRef> file;
    std::optional<client::AttachmentRef> thumbnail;
    QByteArray thumbnailImage; // decrypted thumbnail bytes once fetched
    Readability readability = Readability::Readable;
    QString problem;
    Delivery delivery = Delivery::Stored;
    quint64 threadRoot = 0;
    quint64 replyCount = 0;
    qint64 lastReplyMs = 0;
    bool edited = false;
    bool deleted = false;
    bool pinned = false;
    bool mentionsMe = false;
    QList<ReactionSummary> reactions;
};

} // namespace moim::chat
