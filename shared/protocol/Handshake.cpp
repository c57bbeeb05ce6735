#include "protocol/Handshake.h"

#include "protocol/BodyReader.h"
#include "protocol/Limits.h"

#include <QCborArray>

namespace moim::protocol {

QCborMap Hello::toCbor() const
{
    return {{QStringLiteral("protocol"), qint64(protocol)},
            {QStringLiteral("capabilities"), QCborArray::fromStringList(capabilities)},
            {QStringLiteral("app"), app}};
}

std::optional<Hello> Hello::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    Hello hello;
    const quint64 protocol = reader.unsignedInteger(QStringLiteral("protocol"));
    if (protocol > 0xffffffffULL)
        reader.fail(QStringLiteral("protocol"), QStringLiteral("out of range"));
    hello.protocol = quint32(protocol);
    hello.capabilities = reader.textList(QStringLiteral("capabilities"), kMaxCapabilities);
    for (const QString& capability : std::as_const(hello.capabilities)) {
        if (capability.size() > kMaxCapabilityLength)
            reader.fail(QStringLiteral("capabilities"), QStringLiteral("an entry is too long"));
    }
    hello.app = reader.text(QStringLiteral("app"));
    if (hello.app.size() > kMaxAppVersionLength)
        reader.fail(QStringLiteral("app"), QStringLiteral("too long"));
    return reader.finish(hello, error);
}

QCborMap Welcome::toCbor() const
{
    return {{QStringLiteral("protocol"), qint64(protocol)},
            {QStringLiteral("capabilities"), QCborArray::fromStringList(capabilities)},
            {QStringLiteral("server"), server},
            {QStringLiteral("max_message_bytes"), qint64(maxMessageBytes)},
            {QStringLiteral("server_time_ms"), serverTimeMs}};
}

std::optional<Welcome> Welcome::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    Welcome welcome;
    const quint64 protocol = reader.unsignedInteger(QStringLiteral("protocol"));
    if (protocol > 0xffffffffULL)
        reader.fail(QStringLiteral("protocol"), QStringLiteral("out of range"));
    welcome.protocol = quint32(protocol);
    welcome.capabilities = reader.textList(QStringLiteral("capabilities"), kMaxCapabilities);
    welcome.server = reader.text(QStringLiteral("server"));
    welcome.maxMessageBytes = reader.unsignedInteger(QStringLiteral("max_message_bytes"));
    welcome.serverTimeMs = reader.integer(QStringLiteral("server_time_ms"));
    return reader.finish(welcome, error);
}

} // namespace moim::protocol
