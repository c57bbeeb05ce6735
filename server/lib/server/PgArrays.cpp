#include "server/PgArrays.h"

namespace moim::server::pg {

QString byteaArray(const QList<QByteArray>& values)
{
    qsizetype size = 2;
    for (const QByteArray& value : values)
        size += 6 + 2 * value.size();
    QByteArray literal;
    literal.reserve(size);
    literal.append('{');
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            literal.append(',');
        // An element in quotes takes a backslash as an escape: "\\x…" is bytea's hex form.
        if (values.at(i).isNull())
            literal.append("NULL");
        else
            literal.append("\"\\\\x").append(values.at(i).toHex()).append('"');
    }
    literal.append('}');
    return QString::fromLatin1(literal);
}

QString textArray(const QStringList& values)
{
    QString literal;
    literal.append(QLatin1Char('{'));
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            literal.append(QLatin1Char(','));
        literal.append(QLatin1Char('"'));
        for (const QChar c : values.at(i)) {
            if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
                literal.append(QLatin1Char('\\'));
            literal.append(c);
        }
        literal.append(QLatin1Char('"'));
    }
    literal.append(QLatin1Char('}'));
    return literal;
}

} // namespace moim::server::pg
