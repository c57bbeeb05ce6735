#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace moim::crypto {

// Crockford's base32 alphabet (no I, L, O, U), for codes people read aloud and type: decoding
// ignores case, dashes and spaces, and reads I/L as 1 and O as 0.
QString base32Encode(const QByteArray& bytes);
std::optional<QByteArray> base32Decode(const QString& text, int expectedBytes);
// "ABCD-EFGH-..." groups of `groupSize` characters.
QString groupedCode(const QString& text, int groupSize);

} // namespace moim::crypto
