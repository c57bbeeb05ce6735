// The end-to-end encryption primitives of moim_crypto: known-answer vectors computed with an
// independent implementation (Python's hashlib BLAKE2b and the `cryptography` package's
// Ed25519), round trips, and every kind of tampering each structure must refuse.

#include "crypto/AeadBox.h"
#include "crypto/AgreementKeyPair.h"
#include "crypto/AttachmentCipher.h"
#include "crypto/Base32.h"
#include "crypto/CborBytes.h"
#include "crypto/KeyBackup.h"
#include "crypto/LinkCode.h"
#include "crypto/MessageEnvelope.h"
#include "crypto/RecipientDigest.h"
#include "crypto/RecoverySecret.h"
#include "crypto/SafetyNumber.h"
#include "crypto/SenderChain.h"
#include "crypto/SenderKeyShare.h"
#include "crypto/SignedDeviceList.h"
#include "crypto/SigningKeyPair.h"
#include "crypto/Sodium.h"

#include <QBuffer>
#include <QObject>
#include <QTest>

using namespace moim::crypto;

namespace {

QByteArray hex(const char* text)
{
    return QByteArray::fromHex(QByteArray(text));
}

QByteArray sequence(int start, int count)
{
    QByteArray bytes;
    for (int i = 0; i < count; ++i)
        bytes.append(char(start + i));
    return bytes;
}

// A copy of `bytes` with one bit flipped at `position`.
QByteArray flipped(QByteArray bytes, int position)
{
    bytes[position] = char(bytes[position] ^ 0x01);
    return bytes;
}

// Re-encodes a CBOR map with one field replaced.
QByteArray withField(const QByteArray& map, const QString& key, const QCborValue& value)
{
    QCborMap decoded = *decodeCborMap(map);
    decoded.insert(key, value);
    return encodeCborMap(decoded);
}

MessageHeader sampleHeader()
{
    MessageHeader header;
    header.roomId = 42;
    header.senderUserId = 7;
    header.senderDeviceId = 11;
    header.epoch = 3;
    header.index = 5;
    header.clientId = sequence(1, 16);
    header.kind = 1;
    header.threadRoot = 9;
    header.sentMs = 1'700'000'000'000;
    return header;
}

const RecoveryCost kCheapCost{1, 8 * 1024 * 1024};

} // namespace

class TestE2eeCrypto : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(initializeSodium()); }

    void signingKnownAnswer()
    {
        // RFC 8032 test 1 key; the signature over our context-prefixed message was computed
        // with Python's `cryptography` Ed25519.
        const auto pair = SigningKeyPair::fromSeed(
            hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        QVERIFY(pair);
        QCOMPARE(pair->publicKey(),
                 hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
        const QByteArray signature = pair->sign("moim device list v1", "hello");
        QCOMPARE(signature,
                 hex("5de41c6fdd3691d4c6b9e1a563832ba9d046d2803d47ce1bf3e0d1e183acffc2"
                     "80367f316415331f7c8bfc971601c7aac2960451ebd9d7c6fe423c16d771f80f"));
        QVERIFY(
            SigningKeyPair::verify(pair->publicKey(), "moim device list v1", "hello", signature));
        QVERIFY(!SigningKeyPair::verify(pair->publicKey(), "moim message v1", "hello", signature));
        QVERIFY(
            !SigningKeyPair::verify(pair->publicKey(), "moim device list v1", "hellO", signature));
        QVERIFY(!SigningKeyPair::verify(pair->publicKey(), "moim device list v1", "hello",
                                        signature.left(63)));
    }

    void signingSecretKeyRoundTrip()
    {
        const SigningKeyPair pair = SigningKeyPair::generate();
        const auto restored = SigningKeyPair::fromSecretKey(pair.secretKey());
        QVERIFY(restored);
        QCOMPARE(restored->publicKey(), pair.publicKey());
        // The secret key embeds the public key; a mismatching half is refused.
        QVERIFY(!SigningKeyPair::fromSecretKey(flipped(pair.secretKey(), 40)));
        QVERIFY(!SigningKeyPair::fromSecretKey(pair.secretKey().left(32)));
    }

    void agreementSealing()
    {
        const AgreementKeyPair alice = AgreementKeyPair::generate();
        const AgreementKeyPair mallory = AgreementKeyPair::generate();
        const QByteArray sealed = AgreementKeyPair::seal("secret", alice.publicKey());
        QCOMPARE(alice.openSealed(sealed).value_or(QByteArray()), QByteArray("secret"));
        QVERIFY(!mallory.openSealed(sealed));
        QVERIFY(!alice.openSealed(flipped(sealed, 40)));
        QVERIFY(!alice.openSealed(sealed.left(10)));
        QVERIFY(AgreementKeyPair::seal("x", QByteArray(5, 'k')).isEmpty());
        const auto restored = AgreementKeyPair::fromSecretKey(alice.secretKey());
        QVERIFY(restored);
        QCOMPARE(restored->publicKey(), alice.publicKey());
    }

    void chainKnownAnswer()
    {
        // crypto_kdf is BLAKE2b(key=CK, salt=LE64(id)||0^8, personal=ctx||0^8); computed with
        // Python's hashlib.
        const QByteArray ck0 = sequence(0, 32);
        const QList<QByteArray> messageKeys = {
            hex("dab3eaf2f973a8e85762751d93cf8d20b100b0043d15b8c052c94da6beeb76b4"),
            hex("e397c9f1649f74c3930c45c840a1f3825cf70f80464e559b878813cf1bc1a6f3"),
            hex("b87eda893b5a540f85a789298c6c5839e376079b427dde4f74616146d913a1b0"),
        };
        QCOMPARE(SenderChain::nextChainKey(ck0),
                 hex("d406acefd2fb76e9ae49c3beb0dcc3da591c13a5a765ae8ed713423ae5a5904d"));
        OutboundSenderKey outbound = OutboundSenderKey::restore(3, 0, ck0, 0);
        for (int i = 0; i < 3; ++i) {
            const auto step = outbound.next();
            QCOMPARE(step.index, quint32(i));
            QCOMPARE(step.messageKey, messageKeys[i]);
        }
        QCOMPARE(outbound.chainKey(),
                 hex("7423c0b0d47bc7b7290a94a4b56c126cc912afaaeb1c8579a81754249a51d95b"));

        // Out of order and repeated reads give the same keys.
        InboundSenderKey inbound(0, ck0);
        QCOMPARE(inbound.messageKey(2).value(), messageKeys[2]);
        QCOMPARE(inbound.messageKey(0).value(), messageKeys[0]);
        QCOMPARE(inbound.messageKey(1).value(), messageKeys[1]);
        QCOMPARE(inbound.messageKey(2).value(), messageKeys[2]);

        InboundSenderKey late(1, SenderChain::nextChainKey(ck0));
        QCOMPARE(late.messageKey(2).value(), messageKeys[2]);
        QCOMPARE(late.messageKey(0).error().failure, CryptoFailure::UnknownKey);
        QCOMPARE(late.messageKey(SenderChain::kMaxIndex + 1).error().failure,
                 CryptoFailure::Malformed);
    }

    void outboundKeysAreFresh()
    {
        OutboundSenderKey a = OutboundSenderKey::create(1, 5);
        OutboundSenderKey b = OutboundSenderKey::create(1, 5);
        QVERIFY(a.chainKey() != b.chainKey());
        QCOMPARE(a.chainKey().size(), 32);
        QCOMPARE(a.createdMs(), 5);
    }

    void deviceListRoundTrip()
    {
        const SigningKeyPair master = SigningKeyPair::generate();
        DeviceListContent content;
        content.userId = 7;
        content.version = 3;
        content.issuedMs = 1234;
        content.devices = {{11, QByteArray(32, 'a'), QByteArray(32, 'b')},
                           {12, QByteArray(32, 'c'), QByteArray(32, 'd')}};
        const QByteArray document = SignedDeviceList::sign(content, master);
        const auto verified = SignedDeviceList::verify(document);
        QVERIFY2(verified, qPrintable(verified ? QString() : verified.error().message));
        content.masterKey = master.publicKey();
        QCOMPARE(verified.value(), content);
        QVERIFY(verified->device(12));
        QVERIFY(!verified->device(13));
    }

    void deviceListRefusals()
    {
        const SigningKeyPair master = SigningKeyPair::generate();
        const SigningKeyPair other = SigningKeyPair::generate();
        DeviceListContent content;
        content.userId = 7;
        content.version = 1;
        content.devices = {{11, QByteArray(32, 'a'), QByteArray(32, 'b')}};
        const QByteArray document = SignedDeviceList::sign(content, master);
        const QCborMap outer = *decodeCborMap(document);

        // Another key's signature on the same list.
        const QByteArray list = outer.value(QStringLiteral("list")).toByteArray();
        const QByteArray forged =
            withField(document, QStringLiteral("sig"), other.sign("moim device list v1", list));
        QCOMPARE(SignedDeviceList::verify(forged).error().failure, CryptoFailure::BadSignature);

        // The list changed under the signature (device 11 renumbered 12).
        const QByteArray swapped =
            withField(document, QStringLiteral("list"),
                      outer.value(QStringLiteral("list")).toByteArray().replace("\x0b", "\x0c"));
        QCOMPARE(SignedDeviceList::verify(swapped).error().failure, CryptoFailure::BadSignature);

        QCOMPARE(SignedDeviceList::verify(document + "x").error().failure,
                 CryptoFailure::Malformed);
        QCOMPARE(SignedDeviceList::verify("garbage").error().failure, CryptoFailure::Malformed);
        QCOMPARE(
            SignedDeviceList::verify(withField(document, QStringLiteral("sig"), 5)).error().failure,
            CryptoFailure::Malformed);

        DeviceListContent twice = content;
        twice.devices.append(content.devices.first());
        QCOMPARE(SignedDeviceList::verify(SignedDeviceList::sign(twice, master)).error().failure,
                 CryptoFailure::Malformed);

        DeviceListContent badKey = content;
        badKey.devices.first().agreementKey = QByteArray(31, 'x');
        QCOMPARE(SignedDeviceList::verify(SignedDeviceList::sign(badKey, master)).error().failure,
                 CryptoFailure::Malformed);

        DeviceListContent tooMany = content;
        tooMany.devices.clear();
        for (int i = 1; i <= SignedDeviceList::kMaxDevices + 1; ++i)
            tooMany.devices.append({quint64(i), QByteArray(32, 'a'), QByteArray(32, 'b')});
        QCOMPARE(SignedDeviceList::verify(SignedDeviceList::sign(tooMany, master)).error().failure,
                 CryptoFailure::Malformed);
    }

    void envelopeRoundTrip()
    {
        const SigningKeyPair device = SigningKeyPair::generate();
        const QByteArray key = sequence(3, 32);
        const MessageHeader header = sampleHeader();
        for (const int size : {0, 1, 62, 63, 64, 1000}) {
            const QByteArray plain(size, 'p');
            const QByteArray envelope = MessageEnvelope::seal(header, plain, key, device);
            const auto parsed = MessageEnvelope::parse(envelope);
            QVERIFY(parsed);
            QCOMPARE(parsed->header, header);
            // Padded to the next multiple of 64 (sodium_pad always adds at least one byte).
            QCOMPARE(parsed->ciphertext.size(), (size / 64 + 1) * 64 + 16);
            QVERIFY(MessageEnvelope::verify(parsed.value(), device.publicKey()));
            QCOMPARE(MessageEnvelope::decrypt(parsed.value(), key).value(), plain);
        }
        // The wire format is fixed: a CBOR map of these keys in this order, definite lengths,
        // byte for byte what clients that built it as a QCborMap sent.
        const QByteArray envelope = MessageEnvelope::seal(header, "x", key, device);
        const auto sealed = MessageEnvelope::parse(envelope);
        QVERIFY(sealed);
        QCborMap expectedHeader;
        expectedHeader.insert(QStringLiteral("v"), 1);
        expectedHeader.insert(QStringLiteral("room"), qint64(header.roomId));
        expectedHeader.insert(QStringLiteral("sender_user"), qint64(header.senderUserId));
        expectedHeader.insert(QStringLiteral("sender_device"), qint64(header.senderDeviceId));
        expectedHeader.insert(QStringLiteral("epoch"), qint64(header.epoch));
        expectedHeader.insert(QStringLiteral("index"), qint64(header.index));
        expectedHeader.insert(QStringLiteral("client_id"), header.clientId);
        expectedHeader.insert(QStringLiteral("kind"), qint64(header.kind));
        expectedHeader.insert(QStringLiteral("ref_seq"), qint64(header.refSeq));
        expectedHeader.insert(QStringLiteral("thread_root"), qint64(header.threadRoot));
        expectedHeader.insert(QStringLiteral("sent_ms"), header.sentMs);
        QCOMPARE(sealed->headerBytes, encodeCborMap(expectedHeader));
        QCborMap expectedEnvelope;
        expectedEnvelope.insert(QStringLiteral("v"), 1);
        expectedEnvelope.insert(QStringLiteral("h"), sealed->headerBytes);
        expectedEnvelope.insert(QStringLiteral("n"), sealed->nonce);
        expectedEnvelope.insert(QStringLiteral("c"), sealed->ciphertext);
        expectedEnvelope.insert(QStringLiteral("s"), sealed->signature);
        QCOMPARE(envelope, encodeCborMap(expectedEnvelope));
        // Same plaintext twice: random nonces make different ciphertexts.
        QVERIFY(MessageEnvelope::seal(header, "x", key, device) !=
                MessageEnvelope::seal(header, "x", key, device));
    }

    void envelopeRefusals()
    {
        const SigningKeyPair device = SigningKeyPair::generate();
        const SigningKeyPair other = SigningKeyPair::generate();
        const QByteArray key = sequence(3, 32);
        const QByteArray envelope =
            MessageEnvelope::seal(sampleHeader(), "meet at noon", key, device);
        const SealedMessage good = MessageEnvelope::parse(envelope).value();

        QVERIFY(!MessageEnvelope::verify(good, other.publicKey()));
        QCOMPARE(MessageEnvelope::decrypt(good, sequence(4, 32)).error().failure,
                 CryptoFailure::Undecryptable);
        QCOMPARE(MessageEnvelope::decrypt(good, QByteArray()).error().failure,
                 CryptoFailure::UnknownKey);

        SealedMessage tampered = good;
        tampered.ciphertext = flipped(good.ciphertext, 3);
        QVERIFY(!MessageEnvelope::verify(tampered, device.publicKey()));
        QCOMPARE(MessageEnvelope::decrypt(tampered, key).error().failure,
                 CryptoFailure::Undecryptable);

        tampered = good;
        tampered.nonce = flipped(good.nonce, 0);
        QVERIFY(!MessageEnvelope::verify(tampered, device.publicKey()));
        QCOMPARE(MessageEnvelope::decrypt(tampered, key).error().failure,
                 CryptoFailure::Undecryptable);

        // A header rewritten (another room) fails both the signature and the AEAD.
        MessageHeader moved = sampleHeader();
        moved.roomId = 43;
        const QByteArray rewritten =
            withField(envelope, QStringLiteral("h"),
                      decodeCborMap(MessageEnvelope::seal(moved, "x", key, device))
                          ->value(QStringLiteral("h"))
                          .toByteArray());
        const auto reparsed = MessageEnvelope::parse(rewritten);
        QVERIFY(reparsed);
        QCOMPARE(reparsed->header.roomId, quint64(43));
        QVERIFY(!MessageEnvelope::verify(reparsed.value(), device.publicKey()));
        QCOMPARE(MessageEnvelope::decrypt(reparsed.value(), key).error().failure,
                 CryptoFailure::Undecryptable);

        tampered = good;
        tampered.signature = flipped(good.signature, 10);
        QVERIFY(!MessageEnvelope::verify(tampered, device.publicKey()));

        QCOMPARE(MessageEnvelope::parse("junk").error().failure, CryptoFailure::Malformed);
        QCOMPARE(
            MessageEnvelope::parse(withField(envelope, QStringLiteral("v"), 2)).error().failure,
            CryptoFailure::Unsupported);
        QCOMPARE(MessageEnvelope::parse(withField(envelope, QStringLiteral("n"), QByteArray(5, 0)))
                     .error()
                     .failure,
                 CryptoFailure::Malformed);
        QCOMPARE(MessageEnvelope::parse(withField(envelope, QStringLiteral("h"), QByteArray("x")))
                     .error()
                     .failure,
                 CryptoFailure::Malformed);
        QCOMPARE(MessageEnvelope::parse(envelope + QByteArray(1, 0)).error().failure,
                 CryptoFailure::Malformed);
    }

    void senderKeyShare()
    {
        const SigningKeyPair sender = SigningKeyPair::generate();
        const AgreementKeyPair recipient = AgreementKeyPair::generate();
        const AgreementKeyPair bystander = AgreementKeyPair::generate();
        SenderKeyShare share{42, 7, 11, 8, 21, 3, 0, sequence(9, 32), 99};
        const QByteArray sealed = SenderKeyShareCodec::seal(share, sender, recipient.publicKey());

        const auto opened = SenderKeyShareCodec::open(sealed, recipient, 8, 21);
        QVERIFY(opened);
        QCOMPARE(opened->share, share);
        QVERIFY(SenderKeyShareCodec::verify(opened.value(), sender.publicKey()));
        QVERIFY(
            !SenderKeyShareCodec::verify(opened.value(), SigningKeyPair::generate().publicKey()));

        QCOMPARE(SenderKeyShareCodec::open(sealed, recipient, 8, 22).error().failure,
                 CryptoFailure::WrongRecipient);
        QCOMPARE(SenderKeyShareCodec::open(sealed, bystander, 8, 21).error().failure,
                 CryptoFailure::Undecryptable);
        QCOMPARE(SenderKeyShareCodec::open(flipped(sealed, 50), recipient, 8, 21).error().failure,
                 CryptoFailure::Undecryptable);

        // A member who holds the chain key cannot pass a share off as another device's.
        const SigningKeyPair forger = SigningKeyPair::generate();
        const auto forged = SenderKeyShareCodec::open(
            SenderKeyShareCodec::seal(share, forger, recipient.publicKey()), recipient, 8, 21);
        QVERIFY(forged);
        QVERIFY(!SenderKeyShareCodec::verify(forged.value(), sender.publicKey()));

        QCOMPARE(
            SenderKeyShareCodec::decodePayload(SenderKeyShareCodec::encodePayload(share)).value(),
            share);
        SenderKeyShare shortKey = share;
        shortKey.chainKey.chop(1);
        QCOMPARE(SenderKeyShareCodec::decodePayload(SenderKeyShareCodec::encodePayload(shortKey))
                     .error()
                     .failure,
                 CryptoFailure::Malformed);
    }

    void keyBackup()
    {
        const QByteArray backupKey = sequence(100, 32);
        const QByteArray slot = KeyBackup::slotId(backupKey, 5, 9, 2);
        QCOMPARE(slot, hex("9b638cdb18d2ee0d08a2af7a06fbde59f42001213f111883eb048d7d2394bd24"));
        QVERIFY(KeyBackup::slotId(backupKey, 5, 9, 3) != slot);

        const QByteArray sealed = KeyBackup::seal(backupKey, slot, "chain state");
        QCOMPARE(KeyBackup::open(backupKey, slot, sealed).value(), QByteArray("chain state"));
        QCOMPARE(KeyBackup::open(backupKey, KeyBackup::slotId(backupKey, 5, 9, 3), sealed)
                     .error()
                     .failure,
                 CryptoFailure::Undecryptable);
        QCOMPARE(KeyBackup::open(sequence(101, 32), slot, sealed).error().failure,
                 CryptoFailure::Undecryptable);
        QCOMPARE(KeyBackup::open(backupKey, slot, sealed.left(20)).error().failure,
                 CryptoFailure::Malformed);
        QCOMPARE(KeyBackup::open(QByteArray(), slot, sealed).error().failure,
                 CryptoFailure::UnknownKey);
    }

    void recoveryRoundTrip()
    {
        const RecoveryContents contents{SigningKeyPair::generate().secretKey(),
                                        KeyBackup::newBackupKey()};
        const QString passphrase = QStringLiteral("이것은 충분히 긴 복구 암호");
        const QByteArray blob = RecoverySecret::seal(contents, passphrase, kCheapCost);
        QCOMPARE(RecoverySecret::open(blob, passphrase).value(), contents);
        QCOMPARE(RecoverySecret::open(blob, passphrase + QStringLiteral("!")).error().failure,
                 CryptoFailure::Undecryptable);
        QCOMPARE(RecoverySecret::open(blob.left(10), passphrase).error().failure,
                 CryptoFailure::Malformed);
        // A hostile server asking for absurd work is refused before any is done.
        QCOMPARE(RecoverySecret::open(withField(blob, QStringLiteral("mem"), qint64(1) << 40),
                                      passphrase)
                     .error()
                     .failure,
                 CryptoFailure::Unsupported);
        QCOMPARE(RecoverySecret::open(withField(blob, QStringLiteral("ops"), 1000), passphrase)
                     .error()
                     .failure,
                 CryptoFailure::Unsupported);
    }

    void generatedPassphrase()
    {
        const QString passphrase = RecoverySecret::generatePassphrase();
        QCOMPARE(passphrase.size(), 29); // 24 symbols in six groups of four
        QVERIFY(RecoverySecret::passphraseProblem(passphrase).isEmpty());
        QVERIFY(!RecoverySecret::passphraseProblem(QStringLiteral("short")).isEmpty());
        const RecoveryContents contents{SigningKeyPair::generate().secretKey(),
                                        KeyBackup::newBackupKey()};
        const QByteArray blob = RecoverySecret::seal(contents, passphrase, kCheapCost);
        // Typed back in lower case, without dashes, with O for 0: still the same code.
        QString typed = passphrase.toLower();
        typed.remove(QLatin1Char('-'));
        typed.replace(QLatin1Char('0'), QLatin1Char('o'));
        QCOMPARE(RecoverySecret::open(blob, typed).value(), contents);
    }

    void recoveryDefaultCost()
    {
        const RecoveryContents contents{SigningKeyPair::generate().secretKey(),
                                        KeyBackup::newBackupKey()};
        const QByteArray blob = RecoverySecret::seal(contents, QStringLiteral("long enough pass"));
        QCOMPARE(decodeCborMap(blob)->value(QStringLiteral("mem")).toInteger(),
                 qint64(64 * 1024 * 1024));
        QCOMPARE(RecoverySecret::open(blob, QStringLiteral("long enough pass")).value(), contents);
    }

    void safetyNumberKnownAnswer()
    {
        const QString expected = QStringLiteral(
            "47177 51261 81412 00199 01252 09104 60277 61315 21258 66664 11094 48005");
        QCOMPARE(safetyNumber(7, QByteArray(32, 1), 3, QByteArray(32, 2)), expected);
        QCOMPARE(safetyNumber(3, QByteArray(32, 2), 7, QByteArray(32, 1)), expected);
        QVERIFY(safetyNumber(7, QByteArray(32, 9), 3, QByteArray(32, 2)) != expected);
    }

    void base32()
    {
        QCOMPARE(base32Encode(sequence(1, 10)), QStringLiteral("041061050R3GG28A"));
        QCOMPARE(base32Decode(QStringLiteral("041o-61o5-0r3g-g28a"), 10).value(), sequence(1, 10));
        QCOMPARE(base32Decode(QStringLiteral("O41061050R3GG28A"), 10).value(), sequence(1, 10));
        QVERIFY(!base32Decode(QStringLiteral("041061050R3GG28U"), 10)); // U is not a symbol
        QVERIFY(!base32Decode(QStringLiteral("041061050R3GG28"), 10));
        QVERIFY(!base32Decode(QStringLiteral("041061050R3GG28AB"), 10));
        QCOMPARE(groupedCode(QStringLiteral("ABCDEFGH"), 4), QStringLiteral("ABCD-EFGH"));
    }

    void linkCodeKnownAnswer()
    {
        const auto code = LinkCode::parse(QStringLiteral("0410-6105-0R3G-G28A"));
        QVERIFY(code);
        QCOMPARE(code->secret(), sequence(1, 10));
        QCOMPARE(code->linkId(), hex("7705aecccb3afdc4e2e2cd3b1e9df02e"));
        QCOMPARE(code->key(),
                 hex("1cbb96950caba1add75afc1dc74d99c3e800c447ac454893ade45802e92365ff"));
        QCOMPARE(code->text(), QStringLiteral("0410-6105-0R3G-G28A"));
        QCOMPARE(code->qrPayload(), QStringLiteral("moim-link:041061050R3GG28A"));
        QCOMPARE(LinkCode::parse(code->qrPayload())->secret(), code->secret());
        QVERIFY(!LinkCode::parse(QStringLiteral("1234")));
        QVERIFY(LinkCode::generate().secret() != LinkCode::generate().secret());
    }

    void aeadBox()
    {
        const QByteArray key = sequence(5, 32);
        const QByteArray sealed = AeadBox::seal(key, "hello", "slot-1");
        QCOMPARE(sealed.size(), 5 + AeadBox::kOverheadBytes);
        QCOMPARE(AeadBox::open(key, sealed, "slot-1").value(), QByteArray("hello"));
        QCOMPARE(AeadBox::open(key, sealed, "slot-2").error().failure,
                 CryptoFailure::Undecryptable);
        QCOMPARE(AeadBox::open(key, flipped(sealed, 30), "slot-1").error().failure,
                 CryptoFailure::Undecryptable);
    }

    void attachmentRoundTrip_data()
    {
        QTest::addColumn<int>("size");
        for (const int size :
             {0, 1, AttachmentCipher::kPlainChunkBytes - 1, AttachmentCipher::kPlainChunkBytes,
              AttachmentCipher::kPlainChunkBytes + 1, 200'000})
            QTest::addRow("%d", size) << size;
    }

    void attachmentRoundTrip()
    {
        QFETCH(int, size);
        QByteArray plain(size, Qt::Uninitialized);
        for (int i = 0; i < size; ++i)
            plain[i] = char(i * 7 + i / 251);
        const QByteArray key = AttachmentCipher::newKey();

        QByteArray source = plain;
        QBuffer in(&source);
        in.open(QIODevice::ReadOnly);
        QByteArray cipher;
        QBuffer out(&cipher);
        out.open(QIODevice::WriteOnly);
        const auto encrypted = AttachmentCipher::encrypt(key, in, out);
        QVERIFY(encrypted);
        QCOMPARE(encrypted->plainSize, qint64(size));
        QCOMPARE(encrypted->cipherSize, qint64(cipher.size()));
        QCOMPARE(qint64(cipher.size()), AttachmentCipher::cipherSize(size));
        if (size >= 64) // a shorter plaintext may show up in random bytes by chance
            QVERIFY(!cipher.contains(plain.left(64)));

        QBuffer cipherIn(&cipher);
        cipherIn.open(QIODevice::ReadOnly);
        QByteArray back;
        QBuffer plainOut(&back);
        plainOut.open(QIODevice::WriteOnly);
        const auto decrypted = AttachmentCipher::decrypt(key, cipherIn, plainOut);
        QVERIFY2(decrypted, qPrintable(decrypted ? QString() : decrypted.error().message));
        QCOMPARE(back, plain);
        QCOMPARE(decrypted->cipherHash, encrypted->cipherHash);
        QCOMPARE(decrypted->plainHash, encrypted->plainHash);
    }

    void attachmentRefusals()
    {
        const QByteArray key = AttachmentCipher::newKey();
        const QByteArray plain(3 * AttachmentCipher::kPlainChunkBytes + 10, 'z');
        const QByteArray cipher = AttachmentCipher::encryptBytes(key, plain);
        QCOMPARE(AttachmentCipher::decryptBytes(key, cipher).value(), plain);
        const int chunk = AttachmentCipher::kCipherChunkBytes;
        const int header = AttachmentCipher::kHeaderBytes;

        QCOMPARE(AttachmentCipher::decryptBytes(AttachmentCipher::newKey(), cipher).error().failure,
                 CryptoFailure::Undecryptable);
        QCOMPARE(AttachmentCipher::decryptBytes(key, flipped(cipher, header + chunk + 5))
                     .error()
                     .failure,
                 CryptoFailure::Undecryptable);
        // Cut exactly at a chunk boundary: every chunk left decrypts, but no final tag came.
        QCOMPARE(
            AttachmentCipher::decryptBytes(key, cipher.left(header + 2 * chunk)).error().failure,
            CryptoFailure::Truncated);
        QCOMPARE(
            AttachmentCipher::decryptBytes(key, cipher.left(header + chunk + 100)).error().failure,
            CryptoFailure::Undecryptable);
        QCOMPARE(AttachmentCipher::decryptBytes(key, cipher.left(10)).error().failure,
                 CryptoFailure::Truncated);
        // Bytes appended to a short final chunk break its tag; after a full one, they are
        // data past the end.
        QCOMPARE(AttachmentCipher::decryptBytes(key, cipher + "extra").error().failure,
                 CryptoFailure::Undecryptable);
        const QByteArray oneChunk = AttachmentCipher::encryptBytes(
            key, QByteArray(AttachmentCipher::kPlainChunkBytes, 'y'));
        QCOMPARE(AttachmentCipher::decryptBytes(key, oneChunk + "extra").error().failure,
                 CryptoFailure::Malformed);
        // Two chunks swapped.
        QByteArray reordered = cipher;
        reordered.replace(header, chunk, cipher.mid(header + chunk, chunk));
        reordered.replace(header + chunk, chunk, cipher.mid(header, chunk));
        QCOMPARE(AttachmentCipher::decryptBytes(key, reordered).error().failure,
                 CryptoFailure::Undecryptable);
    }

    void recipientDigestKnownAnswer()
    {
        // BLAKE2b-256("moim recipients v1" || LE64 user || LE64 device ...), ascending.
        QCOMPARE(recipientDigest({{7, 12}, {3, 4}, {7, 11}}),
                 hex("f295024cc5e4d64b0f1545baa31b21a06d402548c3bf02afd4dd42c13d6f9c89"));
        QCOMPARE(recipientDigest({{3, 4}, {7, 11}, {7, 12}, {3, 4}}),
                 recipientDigest({{7, 12}, {3, 4}, {7, 11}}));
        QVERIFY(recipientDigest({{3, 4}}) != recipientDigest({{3, 5}}));
        QCOMPARE(recipientDigest({}).size(), 32);
    }

    void wipeClearsOnlyOwnedBytes()
    {
        QByteArray secret = sequence(1, 8);
        secret.detach();
        wipe(secret);
        QVERIFY(secret.isEmpty());
        QByteArray shared = sequence(1, 8);
        QByteArray copy = shared;
        wipe(shared);
        QVERIFY(shared.isEmpty());
        QCOMPARE(copy, sequence(1, 8));
    }
};

QTEST_GUILESS_MAIN(TestE2eeCrypto)
#include "TestE2eeCrypto.moc"
