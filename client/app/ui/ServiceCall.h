#pragma once

#include <QMetaObject>
#include <chat/ChatService.h>
#include <utility>

namespace moim::ui {

// Runs call(service) on the chat service's own thread, after what is queued there already.
template <typename F> void callService(chat::ChatService& service, F&& call)
{
    QMetaObject::invokeMethod(
        &service, [target = &service, call = std::forward<F>(call)] { call(*target); },
        Qt::QueuedConnection);
}

} // namespace moim::ui
