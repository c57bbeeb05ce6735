#include "protocol/BodyReader.h"

namespace moim::protocol {

BodyReader::BodyReader(const QCborMap& body)
    : m_body(body)
{}

void BodyReader::fail(const QString& key, const QString& problem)
{
    if (m_error.isEmpty())
        m_error = QStringLiteral("field \"%1\": %2").arg(key, problem);
}

QCborValue BodyReader::fetch(const QString& key, bool required)
{
    const QCborValue value = m_body.value(key);
    if (value.isUndefined() && required)
        fail(key, QStringLiteral("missing"));
    return value;
}

QString BodyReader::text(const QString& key)
{
    const QCborValue value = fetch(key, true);
    if (value.isUndefined())
        return {};
    if (!value.isString()) {
        fail(key, QStringLiteral("expected a text string"));
        return {};
    }
    return value.toString();
}

std::optional<QString> BodyReader::optionalText(const QString& key)
{
    if (!m_body.contains(key) || m_body.value(key).isNull())
        return std::nullopt;
    return text(key);
}

quint64 BodyReader::unsignedInteger(const QString& key)
{
    const QCborValue value = fetch(key, true);
    if (value.isUndefined())
        return 0;
    if (!value.isInteger() || value.toInteger() < 0) {
        fail(key, QStringLiteral("expected a non-negative integer"));
        return 0;
    }
    return quint64(value.toInteger());
}

std::optional<quint64> BodyReader::optionalUnsignedInteger(const QString& key)
{
    if (!m_body.contains(key) || m_body.value(key).isNull())
        return std::nullopt;
    return unsignedInteger(key);
}

qint64 BodyReader::integer(const QString& key)
{
    const QCborValue value = fetch(key, true);
    if (value.isUndefined())
        return 0;
    if (!value.isInteger()) {
        fail(key, QStringLiteral("expected an integer"));
        return 0;
    }
    return value.toInteger();
}

bool BodyReader::boolean(const QString& key, bool fallback)
{
    if (!m_body.contains(key) || m_body.value(key).isNull())
        return fallback;
    const QCborValue value = m_body.value(key);
    if (!value.isBool()) {
        fail(key, QStringLiteral("expected a boolean"));
        return fallback;
    }
    return value.toBool();
}

std::optional<bool> BodyReader::optionalBoolean(const QString& key)
{
    if (!m_body.contains(key) || m_body.value(key).isNull())
        return std::nullopt;
    return boolean(key, false);
}

QByteArray BodyReader::bytes(const QString& key)
{
    const QCborValue value = fetch(key, true);
    if (value.isUndefined())
        return {};
    if (!value.isByteArray()) {
        fail(key, QStringLiteral("expected a byte string"));
        return {};
    }
    return value.toByteArray();
}

std::optional<QByteArray> BodyReader::optionalBytes(const QString& key)
{
    if (!m_body.contains(key) || m_body.value(key).isNull())
        return std::nullopt;
    return bytes(key);
}

QStringList BodyReader::textList(const QString& key, int maxItems)
{
    const QCborArray items = array(key);
    QStringList result;
    if (items.size() > maxItems) {
        fail(key, QStringLiteral("more than %1 items").arg(maxItems));
        return result;
    }
    for (const QCborValue& item : items) {
        if (!item.isString()) {
            fail(key, QStringLiteral("expected an array of text strings"));
            return {};
        }
        result.append(item.toString());
    }
    return result;
}

QList<quint64> BodyReader::unsignedList(const QString& key, int maxItems)
{
    const QCborArray items = array(key);
    QList<quint64> result;
    if (items.size() > maxItems) {
        fail(key, QStringLiteral("more than %1 items").arg(maxItems));
        return result;
    }
    result.reserve(items.size());
    for (const QCborValue& item : items) {
        if (!item.isInteger() || item.toInteger() < 0) {
            fail(key, QStringLiteral("expected an array of non-negative integers"));
            return {};
        }
        result.append(quint64(item.toInteger()));
    }
    return result;
}

QCborArray BodyReader::array(const QString& key)
{
    const QCborValue value = fetch(key, true);
    if (value.isUndefined())
        return {};
    if (!value.isArray()) {
        fail(key, QStringLiteral("expected an array"));
        return {};
    }
    return value.toArray();
}

void BodyReader::checkSize(const QString& key, const QByteArray& bytes, int minBytes, int maxBytes)
{
    if (ok() && (bytes.size() < minBytes || bytes.size() > maxBytes))
        fail(key, minBytes == maxBytes
                      ? QStringLiteral("exactly %1 bytes").arg(minBytes)
                      : QStringLiteral("%1 to %2 bytes").arg(minBytes).arg(maxBytes));
}

} // namespace moim::protocol
