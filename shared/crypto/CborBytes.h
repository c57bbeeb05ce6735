#pragma once

#include <QByteArray>
#include <QCborMap>
#include <optional>

namespace moim::crypto {

// Exactly one CBOR map filling all of `bytes`, or nullopt: signed and encrypted structures
// are parsed strictly so that trailing data cannot ride along under a valid signature.
std::optional<QCborMap> decodeCborMap(const QByteArray& bytes);
QByteArray encodeCborMap(const QCborMap& map);

} // namespace moim::crypto
