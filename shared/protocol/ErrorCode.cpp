#include "protocol/ErrorCode.h"

namespace moim::protocol {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::NoAnswer:
        return QStringLiteral("no_answer");
    case ErrorCode::BadFrame:
        return QStringLiteral("bad_frame");
    case ErrorCode::UnknownType:
        return QStringLiteral("unknown_type");
    case ErrorCode::BadRequest:
        return QStringLiteral("bad_request");
    case ErrorCode::UnsupportedVersion:
        return QStringLiteral("unsupported_version");
    case ErrorCode::HelloRequired:
        return QStringLiteral("hello_required");
    case ErrorCode::NotAuthenticated:
        return QStringLiteral("not_authenticated");
    case ErrorCode::InvalidCredentials:
        return QStringLiteral("invalid_credentials");
    case ErrorCode::RateLimited:
        return QStringLiteral("rate_limited");
    case ErrorCode::UsernameTaken:
        return QStringLiteral("username_taken");
    case ErrorCode::InvalidUsername:
        return QStringLiteral("invalid_username");
    case ErrorCode::WeakPassword:
        return QStringLiteral("weak_password");
    case ErrorCode::NotFound:
        return QStringLiteral("not_found");
    case ErrorCode::Forbidden:
        return QStringLiteral("forbidden");
    case ErrorCode::Busy:
        return QStringLiteral("busy");
    case ErrorCode::Internal:
        return QStringLiteral("internal");
    case ErrorCode::AlreadyAuthenticated:
        return QStringLiteral("already_authenticated");
    case ErrorCode::InvalidToken:
        return QStringLiteral("invalid_token");
    case ErrorCode::ServerOnlyType:
        return QStringLiteral("server_only_type");
    case ErrorCode::Conflict:
        return QStringLiteral("conflict");
    case ErrorCode::StaleDevices:
        return QStringLiteral("stale_devices");
    }
    return QStringLiteral("unknown_error");
}

} // namespace moim::protocol
