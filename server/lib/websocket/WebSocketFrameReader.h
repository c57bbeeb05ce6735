#pragma once

#include "websocket/WebSocketFrames.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace moim::websocket {

// Reads what a peer sends on a WebSocket (RFC 6455, 5): a client's masked frames or a server's
// unmasked ones, messages in fragments, control frames between them. Bytes go in as they arrive;
// whole messages and control frames come out. The first violation ends reading for good, with the
// status to close with.
//
// Nothing is kept between messages: an idle connection's reader holds no heap memory.
class WebSocketFrameReader {
public:
    struct Event {
        enum class Kind { Binary, Text, Ping, Pong, Close, Failed };
        Kind kind;
        QByteArray payload; // the message, or a ping's or pong's data
        quint16 status = 0; // Close: the peer's status (0 if it gave none); Failed: ours
        QString reason;     // Close: the peer's reason; Failed: what was wrong
    };

    // Whose frames are read: a client masks every frame, a server none.
    enum class Sender { Client, Server };

    explicit WebSocketFrameReader(quint64 maxMessageBytes, Sender sender = Sender::Client);

    void append(QByteArray bytes);
    // The next message or control frame, or nothing until more bytes arrive. After a Failed
    // or a Close event it returns nothing.
    std::optional<Event> next();
    bool hasBufferedBytes() const { return m_offset < m_buffer.size(); }

private:
    std::optional<Event> fail(quint16 status, const QString& reason);
    std::optional<Event> finishMessage(Event::Kind kind, QByteArray payload);
    std::optional<Event> closeEvent(const QByteArray& payload);
    void stopReading(); // after a close or a violation: nothing more is kept or read

    QByteArray m_buffer;
    qsizetype m_offset = 0;
    QByteArray m_fragments; // a message arriving in fragments, so far
    bool m_inMessage = false;
    bool m_messageIsText = false;
    bool m_done = false;
    quint64 m_maxMessageBytes;
    Sender m_sender;
};

} // namespace moim::websocket
