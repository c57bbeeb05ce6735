#include "keystore/RememberingKeySource.h"

#include <QMetaObject>

namespace moim::keystore {

RememberingKeySource::RememberingKeySource(std::unique_ptr<LocalKeySource> inner)
    : m_inner(std::move(inner))
{}

Protection RememberingKeySource::protection() const
{
    return m_inner->protection();
}

QByteArray RememberingKeySource::newParameters() const
{
    if (m_parameters.isEmpty())
        m_parameters = m_inner->newParameters();
    return m_parameters;
}

void RememberingKeySource::obtainKey(Purpose purpose, const QByteArray& parameters,
                                     QObject* context, KeyCallback done)
{
    if (m_key && parameters == m_parameters) {
        // Answer later, never from inside the call, as every source does.
        QMetaObject::invokeMethod(
            context, [key = *m_key, done = std::move(done)] { done(key); }, Qt::QueuedConnection);
        return;
    }
    m_inner->obtainKey(purpose, parameters, context,
                       [this, parameters, done = std::move(done)](Result<LocalKey> key) {
                           if (key) {
                               m_key = key.value();
                               m_parameters = parameters;
                           }
                           done(std::move(key));
                       });
}

} // namespace moim::keystore
