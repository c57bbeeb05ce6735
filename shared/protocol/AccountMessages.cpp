#include "protocol/AccountMessages.h"

#include "protocol/BodyReader.h"

namespace moim::protocol {
QCborMap SignUp::toCbor() const
{
    return {{QStringLiteral("username"), username},
            {QStringLiteral("password"), password},
            {QStringLiteral("display_name"), displayName},
            {QStringLiteral("device_name"), deviceName}};
}

std::optional<SignUp> SignUp::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    SignUp message;
    message.username = reader.text(QStringLiteral("username"));
    message.password = reader.text(QStringLiteral("password"));
    message.displayName = reader.optionalText(QStringLiteral("display_name")).value_or(QString());
    message.deviceName = reader.text(QStringLiteral("device_name"));
    return reader.finish(message, error);
}

QCborMap LogIn::toCbor() const
{
    return {{QStringLiteral("username"), username},
            {QStringLiteral("password"), password},
            {QStringLiteral("device_name"), deviceName}};
}

std::optional<LogIn> LogIn::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    LogIn message;
    message.username = reader.text(QStringLiteral("username"));
    message.password = reader.text(QStringLiteral("password"));
    message.deviceName = reader.text(QStringLiteral("device_name"));
    return reader.finish(message, error);
}

QCborMap Resume::toCbor() const
{
    return {{QStringLiteral("token"), token}};
}

std::optional<Resume> Resume::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    Resume message;
    message.token = reader.bytes(QStringLiteral("token"));
    return reader.finish(message, error);
}

QCborMap Session::toCbor() const
{
    QCborMap body{{QStringLiteral("user_id"), qint64(userId)},
                  {QStringLiteral("username"), username},
                  {QStringLiteral("display_name"), displayName},
                  {QStringLiteral("device_id"), qint64(deviceId)}};
    if (token)
        body.insert(QStringLiteral("token"), *token);
    return body;
}

std::optional<Session> Session::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    Session message;
    message.userId = reader.unsignedInteger(QStringLiteral("user_id"));
    message.username = reader.text(QStringLiteral("username"));
    message.displayName = reader.text(QStringLiteral("display_name"));
    message.deviceId = reader.unsignedInteger(QStringLiteral("device_id"));
    message.token = reader.optionalBytes(QStringLiteral("token"));
    return reader.finish(message, error);
}

QCborMap ChangePassword::toCbor() const
{
    return {{QStringLiteral("old_password"), oldPassword},
            {QStringLiteral("new_password"), newPassword},
            {QStringLiteral("revoke_other_devices"), revokeOtherDevices}};
}

std::optional<ChangePassword> ChangePassword::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    ChangePassword message;
    message.oldPassword = reader.text(QStringLiteral("old_password"));
    message.newPassword = reader.text(QStringLiteral("new_password"));
    message.revokeOtherDevices = reader.boolean(QStringLiteral("revoke_other_devices"), false);
    return reader.finish(message, error);
}

QCborMap SetDisplayName::toCbor() const
{
    return {{QStringLiteral("display_name"), displayName}};
}

std::optional<SetDisplayName> SetDisplayName::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    SetDisplayName message;
    message.displayName = reader.text(QStringLiteral("display_name"));
    return reader.finish(message, error);
}

QCborMap UserUpdate::toCbor() const
{
    return {{QStringLiteral("user_id"), qint64(userId)},
            {QStringLiteral("display_name"), displayName}};
}

std::optional<UserUpdate> UserUpdate::fromCbor(const QCborMap& body, QString* error)
{
    BodyReader reader(body);
    UserUpdate message;
    message.userId = reader.unsignedInteger(QStringLiteral("user_id"));
    message.displayName = reader.text(QStringLiteral("display_name"));
    return reader.finish(message, error);
}

} // namespace moim::protocol
