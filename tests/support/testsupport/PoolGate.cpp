#include "testsupport/PoolGate.h"

#include <QThread>
#include <server/DatabasePool.h>
#include <server/DbContext.h>
#include <utility>

namespace moim::test {

PoolGate::PoolGate(server::DatabasePool& pool, int workers)
{
    for (int i = 0; i < workers; ++i) {
        pool.post([this, released = m_released](server::DbContext&) {
            ++m_held;
            released.wait();
        });
    }
    while (m_held < workers)
        QThread::msleep(1);
}

PoolGate::~PoolGate()
{
    // A test that fails before releasing must not leave the workers waiting for ever.
    release();
}

void PoolGate::release()
{
    if (std::exchange(m_open, true))
        return;
    m_release.set_value();
}

} // namespace moim::test
