#include "server/SocketThreads.h"

#include <util/ServerEventDispatcher.h>

namespace moim::server {

SocketThreads::SocketThreads(int count)
{
    for (int i = 0; i < std::max(1, count); ++i)
        m_threads.push_back(util::startServerThread(QStringLiteral("moim-io-%1").arg(i)));
}

SocketThreads::~SocketThreads()
{
    stop();
}

QThread* SocketThreads::next()
{
    QThread* thread = m_threads[m_next].get();
    m_next = (m_next + 1) % m_threads.size();
    return thread;
}

void SocketThreads::stop()
{
    for (auto& thread : m_threads) {
        thread->quit();
        thread->wait();
    }
}

} // namespace moim::server
