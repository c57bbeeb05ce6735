#pragma once

#include "protocol/MessageType.h"

#include <QByteArray>
#include <QCborMap>
#include <optional>

namespace moim::protocol {

struct SignUp {
    static constexpr MessageType kType = MessageType::SignUp;
    QString username;
    QString password;
    QString displayName; // empty: the username is used
    QString deviceName;

    QCborMap toCbor() const;
    static std::optional<SignUp> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const SignUp&) const = default;
};

struct LogIn {
    static constexpr MessageType kType = MessageType::LogIn;
    QString username;
    QString password;
    QString deviceName;

    QCborMap toCbor() const;
    static std::optional<LogIn> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const LogIn&) const = default;
};

struct Resume {
    static constexpr MessageType kType = MessageType::Resume;
    QByteArray token;

    QCborMap toCbor() const;
    static std::optional<Resume> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const Resume&) const = default;
};

// Answer to sign_up, log_in, resume and who_am_i. The token is present only in the answers to
// sign_up and log_in: it is sent once and the server keeps only its hash.
struct Session {
    static constexpr MessageType kType = MessageType::Session;
    quint64 userId = 0;
    QString username;
    QString displayName;
    quint64 deviceId = 0;
    std::optional<QByteArray> token;

    QCborMap toCbor() const;
    static std::optional<Session> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const Session&) const = default;
};

struct ChangePassword {
    static constexpr MessageType kType = MessageType::ChangePassword;
    QString oldPassword;
    QString newPassword;
    bool revokeOtherDevices = false;

    QCborMap toCbor() const;
    static std::optional<ChangePassword> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const ChangePassword&) const = default;
};

struct SetDisplayName {
    static constexpr MessageType kType = MessageType::SetDisplayName;
    QString displayName;

    QCborMap toCbor() const;
    static std::optional<SetDisplayName> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const SetDisplayName&) const = default;
};

// Pushed to everyone who shares a team with the user, and to the user's other sockets, when
// the user's display name changes.
struct UserUpdate {
    static constexpr MessageType kType = MessageType::UserUpdate;
    quint64 userId = 0;
    QString displayName;

    QCborMap toCbor() const;
    static std::optional<UserUpdate> fromCbor(const QCborMap& body, QString* error);
    bool operator==(const UserUpdate&) const = default;
};

} // namespace moim::protocol
