#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// PostgreSQL array literals, to bind a whole column of rows as one value of one statement
// (`unnest(?::bigint[], ?::bytea[])`): Qt's PostgreSQL driver binds no arrays, and one
// statement for a hundred rows is one round trip instead of a hundred.
namespace moim::server::pg {

QString bigintArray(const QList<qint64>& values);
// A null QByteArray is NULL, any other (an empty one too) a value.
QString byteaArray(const QList<QByteArray>& values);
QString textArray(const QStringList& values);

} // namespace moim::server::pg
