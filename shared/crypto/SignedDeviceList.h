#pragma once

#include "crypto/CryptoError.h"

#include <QByteArray>
#include <QList>

namespace moim::crypto {

class SigningKeyPair;

struct DeviceKeys {
    quint64 deviceId = 0;
    QByteArray signingKey;   // Ed25519 public key
    QByteArray agreementKey; // X25519 public key

    bool operator==(const DeviceKeys&) const = default;
};

// A user's devices as the user vouches for them: signed by the user master key (UMK), whose
// public half is inside, so the document verifies on its own. Whether that UMK is the one we
// trust for this user, and whether the version went back, is the reader's trust store's call.
struct DeviceListContent {
    quint64 userId = 0;
    quint64 version = 0; // only goes up
    qint64 issuedMs = 0;
    QByteArray masterKey; // UMK public key
    QList<DeviceKeys> devices;

    const DeviceKeys* device(quint64 deviceId) const;
    bool operator==(const DeviceListContent&) const = default;
};

class SignedDeviceList {
public:
    static constexpr int kMaxDevices = 64;

    // The signed document: CBOR {"list": bytes, "sig": bytes}. masterKey in `content` is
    // replaced by the public key of `master`.
    static QByteArray sign(DeviceListContent content, const SigningKeyPair& master);
    // Parses and checks the signature against the master key the list names.
    static Checked<DeviceListContent> verify(const QByteArray& document);
};

} // namespace moim::crypto
