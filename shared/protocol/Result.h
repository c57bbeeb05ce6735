#pragma once

#include "protocol/ErrorReply.h"

#include <variant>

namespace moim::protocol {

// A value or the error a peer would be told. Used by server services and the client API alike.
template <typename T> class Result {
public:
    Result(T value)
        : m_state(std::move(value))
    {}
    Result(ErrorReply error)
        : m_state(std::move(error))
    {}
    static Result failure(ErrorCode code, QString message)
    {
        return Result(ErrorReply{code, std::move(message), std::nullopt});
    }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }
    const T& value() const { return std::get<T>(m_state); }
    T& value() { return std::get<T>(m_state); }
    const T* operator->() const { return &value(); }
    const ErrorReply& error() const { return std::get<ErrorReply>(m_state); }

private:
    std::variant<T, ErrorReply> m_state;
};

struct Done {
    bool operator==(const Done&) const = default;
};

} // namespace moim::protocol
