#pragma once

#include <QByteArray>
#include <QCborArray>
#include <QCborMap>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace moim::protocol {

// Reads typed fields out of a message body and remembers the first problem, so that decoders
// read like a list of fields and still report exactly which one was wrong. Unknown keys are
// ignored so that newer peers can add fields.
class BodyReader {
public:
    explicit BodyReader(const QCborMap& body);

    QString text(const QString& key);
    std::optional<QString> optionalText(const QString& key);
    quint64 unsignedInteger(const QString& key);
    std::optional<quint64> optionalUnsignedInteger(const QString& key);
    qint64 integer(const QString& key);
    bool boolean(const QString& key, bool fallback);
    // Absent or null: nullopt; otherwise the value must be a boolean.
    std::optional<bool> optionalBoolean(const QString& key);
    // An enum sent as an unsigned integer from 0 (or `first`) to `last`; out of range is a
    // field error naming `what`, and fallback is returned.
    template <typename Enum>
    Enum enumValue(const QString& key, Enum first, Enum last, const char* what, Enum fallback)
    {
        const quint64 number = unsignedInteger(key);
        if (!ok())
            return fallback;
        if (number < quint64(first) || number > quint64(last)) {
            fail(key, QStringLiteral("unknown %1 %2").arg(QString::fromLatin1(what)).arg(number));
            return fallback;
        }
        return Enum(quint32(number));
    }
    QByteArray bytes(const QString& key);
    std::optional<QByteArray> optionalBytes(const QString& key);
    QStringList textList(const QString& key, int maxItems);
    QList<quint64> unsignedList(const QString& key, int maxItems);
    QCborArray array(const QString& key);

    // Fails `key` unless bytes holds minBytes to maxBytes bytes (exactly, when they are equal).
    void checkSize(const QString& key, const QByteArray& bytes, int minBytes, int maxBytes);

    bool ok() const { return m_error.isEmpty(); }
    const QString& error() const { return m_error; }
    void fail(const QString& key, const QString& problem);

    // The decoded message if every field was right, else nullopt with *error set.
    template <typename Message> std::optional<Message> finish(Message message, QString* error) const
    {
        if (!ok()) {
            if (error)
                *error = m_error;
            return std::nullopt;
        }
        return message;
    }

private:
    const QCborValue* find(const QString& key);
    QCborValue fetch(const QString& key, bool required);

    QCborMap m_body;
    QString m_error;
};

} // namespace moim::protocol
