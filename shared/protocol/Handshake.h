#pragma once

#include "protocol/MessageType.h"

#include <QCborMap>
#include <QStringList>
#include <optional>

namespace moim::protocol {

// First frame a client sends: its protocol version, capabilities and application version.
struct Hello {
    static constexpr MessageType kType = MessageType::Hello;
    quint32 protocol = 0;
    QStringList capabilities;
    QString app;

    QCborMap toCbor() const;
    static std::optional<Hello> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const Hello&) const = default;
};

// The server's answer to an acceptable hello.
struct Welcome {
    static constexpr MessageType kType = MessageType::Welcome;
    quint32 protocol = 0;
    QStringList capabilities;
    QString server;
    quint64 maxMessageBytes = 0;
    qint64 serverTimeMs = 0;

    QCborMap toCbor() const;
    static std::optional<Welcome> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const Welcome&) const = default;
};

} // namespace moim::protocol
