#include "websocket/WebSocketFrameReader.h"

#include <QtEndian>

namespace moim::websocket {

namespace {
using Kind = WebSocketFrameReader::Event::Kind;

bool isUtf8(const QByteArray& bytes)
{
    return QByteArrayView(bytes).isValidUtf8();
}
} // namespace

WebSocketFrameReader::WebSocketFrameReader(quint64 maxMessageBytes, Sender sender)
    : m_maxMessageBytes(maxMessageBytes)
    , m_sender(sender)
{}

void WebSocketFrameReader::append(QByteArray bytes)
{
    if (m_done || bytes.isEmpty())
        return;
    if (m_offset == m_buffer.size()) {
        m_buffer = std::move(bytes); // the common case: no copy
        m_offset = 0;
    } else {
        if (m_offset > 0) {
            m_buffer.remove(0, m_offset);
            m_offset = 0;
        }
        m_buffer.append(bytes);
    }
}

std::optional<WebSocketFrameReader::Event> WebSocketFrameReader::next()
{
    // A loop, not recursion: a peer may pack thousands of fragments into one read.
    for (;;) {
        if (m_done)
            return std::nullopt;
        const qsizetype available = m_buffer.size() - m_offset;
        if (available < 2)
            return std::nullopt;
        const auto* head = reinterpret_cast<const uchar*>(m_buffer.constData() + m_offset);
        const bool fin = head[0] & 0x80;
        const quint8 opcode = head[0] & 0x0F;
        if (head[0] & 0x70)
            return fail(CloseStatus::ProtocolError, QStringLiteral("reserved bits set"));
        const bool masked = head[1] & 0x80;
        if (m_sender == Sender::Client && !masked)
            return fail(CloseStatus::ProtocolError, QStringLiteral("client frames must be masked"));
        if (m_sender == Sender::Server && masked)
            return fail(CloseStatus::ProtocolError,
                        QStringLiteral("server frames must not be masked"));
        const bool control = opcode & 0x08;
        switch (Opcode(opcode)) {
        case Opcode::Continuation:
        case Opcode::Text:
        case Opcode::Binary:
        case Opcode::Close:
        case Opcode::Ping:
        case Opcode::Pong:
            break;
        default:
            return fail(CloseStatus::ProtocolError,
                        QStringLiteral("unknown opcode %1").arg(opcode));
        }
        quint64 length = head[1] & 0x7F;
        qsizetype headerBytes = 2;
        if (control && (!fin || length > quint64(kMaxControlPayload)))
            return fail(CloseStatus::ProtocolError,
                        QStringLiteral("control frames must be whole and at most 125 bytes"));
        if (length == 126) {
            if (available < 4)
                return std::nullopt;
            length = qFromBigEndian<quint16>(head + 2);
            headerBytes = 4;
        } else if (length == 127) {
            if (available < 10)
                return std::nullopt;
            length = qFromBigEndian<quint64>(head + 2);
            headerBytes = 10;
            if (length >> 63)
                return fail(CloseStatus::ProtocolError,
                            QStringLiteral("frame length out of range"));
        }
        if (!control) {
            if (opcode == quint8(Opcode::Continuation) && !m_inMessage)
                return fail(CloseStatus::ProtocolError,
                            QStringLiteral("continuation frame without a message"));
            if (opcode != quint8(Opcode::Continuation) && m_inMessage)
                return fail(CloseStatus::ProtocolError,
                            QStringLiteral("a new message began inside a fragmented one"));
            // Checked on the header, before a byte of the payload is kept.
            if (length > m_maxMessageBytes ||
                quint64(m_fragments.size()) + length > m_maxMessageBytes)
                return fail(CloseStatus::TooBig,
                            QStringLiteral("message over %1 bytes").arg(m_maxMessageBytes));
        }
        const qsizetype keyBytes = masked ? 4 : 0;
        const qsizetype frameBytes = headerBytes + keyBytes + qsizetype(length);
        if (available < frameBytes)
            return std::nullopt;

        QByteArray payload(m_buffer.constData() + m_offset + headerBytes + keyBytes,
                           qsizetype(length));
        if (masked)
            applyMask(payload.data(), payload.size(), head + headerBytes);
        m_offset += frameBytes;
        if (m_offset == m_buffer.size()) {
            m_buffer = QByteArray(); // an idle reader keeps nothing
            m_offset = 0;
        }

        switch (Opcode(opcode)) {
        case Opcode::Ping:
            return Event{Kind::Ping, std::move(payload), 0, {}};
        case Opcode::Pong:
            return Event{Kind::Pong, std::move(payload), 0, {}};
        case Opcode::Close:
            return closeEvent(payload);
        case Opcode::Text:
        case Opcode::Binary:
            if (fin)
                return finishMessage(opcode == quint8(Opcode::Text) ? Kind::Text : Kind::Binary,
                                     std::move(payload));
            m_inMessage = true;
            m_messageIsText = opcode == quint8(Opcode::Text);
            m_fragments = std::move(payload);
            continue;
        case Opcode::Continuation:
            m_fragments.append(payload);
            if (!fin)
                continue;
            m_inMessage = false;
            return finishMessage(m_messageIsText ? Kind::Text : Kind::Binary,
                                 std::exchange(m_fragments, QByteArray()));
        }
        Q_UNREACHABLE();
    }
}

std::optional<WebSocketFrameReader::Event> WebSocketFrameReader::finishMessage(Event::Kind kind,
                                                                               QByteArray payload)
{
    if (kind == Kind::Text && !isUtf8(payload))
        return fail(CloseStatus::BadPayload, QStringLiteral("text message is not UTF-8"));
    return Event{kind, std::move(payload), 0, {}};
}

std::optional<WebSocketFrameReader::Event>
WebSocketFrameReader::closeEvent(const QByteArray& payload)
{
    if (payload.size() == 1)
        return fail(CloseStatus::ProtocolError, QStringLiteral("close frame of one byte"));
    Event event{Kind::Close, {}, 0, {}};
    if (payload.size() >= 2) {
        event.status = qFromBigEndian<quint16>(payload.constData());
        if (!isValidCloseStatus(event.status))
            return fail(CloseStatus::ProtocolError,
                        QStringLiteral("invalid close status %1").arg(event.status));
        const QByteArray reason = payload.mid(2);
        if (!isUtf8(reason))
            return fail(CloseStatus::BadPayload, QStringLiteral("close reason is not UTF-8"));
        event.reason = QString::fromUtf8(reason);
    }
    stopReading();
    return event;
}

void WebSocketFrameReader::stopReading()
{
    m_done = true;
    m_buffer = QByteArray();
    m_offset = 0;
    m_fragments = QByteArray();
}

std::optional<WebSocketFrameReader::Event> WebSocketFrameReader::fail(quint16 status,
                                                                      const QString& reason)
{
    stopReading();
    return Event{Kind::Failed, {}, status, reason};
}

} // namespace moim::websocket
