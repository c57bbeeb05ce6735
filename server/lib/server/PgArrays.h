#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <iterator>

// PostgreSQL array literals, to bind a whole column of rows as one value of one statement
// (`unnest(?::bigint[], ?::bytea[])`): Qt's PostgreSQL driver binds no arrays, and one
// statement for a hundred rows is one round trip instead of a hundred.
namespace moim::server::pg {

// Any container of integers: ids are quint64 here and bigint there.
template <typename Integers = QList<qint64>> QString bigintArray(const Integers& values)
{
    QByteArray literal;
    literal.reserve(2 + qsizetype(std::size(values)) * 8);
    literal.append('{');
    bool first = true;
    for (const auto value : values) {
        if (!first)
            literal.append(',');
        first = false;
        literal.append(QByteArray::number(qint64(value)));
    }
    literal.append('}');
    return QString::fromLatin1(literal);
}
// A null QByteArray is NULL, any other (an empty one too) a value.
QString byteaArray(const QList<QByteArray>& values);
QString textArray(const QStringList& values);

} // namespace moim::server::pg
