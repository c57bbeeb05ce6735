#pragma once

#include <QThread>
#include <memory>
#include <vector>

namespace moim::server {

// Event-loop threads that serve sockets. Qt's dispatcher polls every descriptor on each loop
// iteration, so spreading sockets over threads keeps each poll short (see qt-facts).
class SocketThreads {
public:
    explicit SocketThreads(int count);
    ~SocketThreads();

    QThread* next();
    void stop();

private:
    std::vector<std::unique_ptr<QThread>> m_threads;
    size_t m_next = 0;
};

} // namespace moim::server
