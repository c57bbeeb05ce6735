#pragma once

#include <atomic>
#include <future>

namespace moim::server {
class DatabasePool;
}

namespace moim::test {

// Holds a database pool's workers busy until release(), so that a test can queue work behind
// them and look at what happens before it runs. The constructor returns once every held worker
// has started waiting.
class PoolGate {
public:
    PoolGate(server::DatabasePool& pool, int workers);
    ~PoolGate();
    PoolGate(const PoolGate&) = delete;
    PoolGate& operator=(const PoolGate&) = delete;

    void release();

private:
    std::promise<void> m_release;
    std::shared_future<void> m_released{m_release.get_future().share()};
    std::atomic<int> m_held{0};
    bool m_open = false;
};

} // namespace moim::test
