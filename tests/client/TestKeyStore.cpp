// Device secrets at rest (moim_keystore): the passphrase store, the real system keychain (a
// private gnome-keyring under its own D-Bus session, see tests/support/with-test-keyring.sh)
// and a machine without any keychain, where nothing may be written in plaintext.

#include "crypto/Sodium.h"
#include "keystore/DeviceSecretsFile.h"
#include "keystore/KeychainKeySource.h"
#include "keystore/PassphraseKeySource.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QUuid>
#include <cstdio>
#include <sys/stat.h>

using namespace moim::keystore;
using namespace std::chrono_literals;

namespace {

const QString kPassphrase = QStringLiteral("correct horse battery staple");
const QByteArray kSecrets = QByteArrayLiteral(
    "signing:0123456789abcdef0123456789abcdef;agreement:fedcba9876543210fedcba9876543210");
// Set in the child process that tries the keychain without any session bus.
const char* const kChildDirEnv = "MOIM_TEST_KEYSTORE_CHILD_DIR";

// Offsets in a passphrase-protected file (see DeviceSecretsFile.h): 12 header bytes, then
// 29 bytes of Argon2id parameters (algorithm, opsLimit, memLimit, salt), the 16-byte key
// check, the 24-byte nonce, the ciphertext.
constexpr int kParamsOffset = 12;
constexpr int kCheckOffset = kParamsOffset + 29;
constexpr int kNonceOffset = kCheckOffset + 16;
constexpr int kCiphertextOffset = kNonceOffset + 24;

bool servicesRequired()
{
    return qEnvironmentVariableIsSet("MOIM_REQUIRE_SERVICES");
}

// The keychain tests run only inside the wrapper's private session, never against the
// developer's own keychain.
QByteArray keychainMissingReason()
{
    if (qEnvironmentVariableIsSet("MOIM_TEST_KEYCHAIN"))
        return {};
    const QByteArray reason = qgetenv("MOIM_TEST_KEYCHAIN_MISSING");
    return "no test keychain (" +
           (reason.isEmpty() ? QByteArrayLiteral("not run through tests/support/"
                                                 "with-test-keyring.sh; use ctest")
                             : reason) +
           ")";
}

#define MOIM_REQUIRE_KEYCHAIN()                                                                    \
    do {                                                                                           \
        const QByteArray missing = keychainMissingReason();                                        \
        if (!missing.isEmpty()) {                                                                  \
            if (servicesRequired())                                                                \
                QFAIL(QByteArray("gnome-keyring is required (MOIM_REQUIRE_SERVICES): " + missing)  \
                          .constData());                                                           \
            QSKIP(missing.constData());                                                            \
        }                                                                                          \
    } while (false)

// A profile directory as the client makes it: owner-only.
class Profile {
public:
    Profile()
    {
        QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    QString path() const { return m_dir.path(); }
    bool isValid() const { return m_dir.isValid(); }

private:
    QTemporaryDir m_dir;
};

int fileMode(const QString& path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeAll(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(bytes) == bytes.size();
}

QStringList filesUnder(const QString& root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    return files;
}

QString uniqueProfileId()
{
    return QStringLiteral("test.example:443/alice/%1")
        .arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
}

// Answers every request with one fixed key, as a keychain would: exercises the file format
// without a keychain.
class FixedKeySource final : public LocalKeySource {
public:
    explicit FixedKeySource(LocalKey key)
        : m_key(key)
    {}
    Protection protection() const override { return Protection::Keychain; }
    QByteArray newParameters() const override { return QByteArrayLiteral("fixed"); }
    void obtainKey(Purpose, const QByteArray&, QObject* context, KeyCallback done) override
    {
        ++requests;
        QMetaObject::invokeMethod(
            context, [key = m_key, done]() { done(key); }, Qt::QueuedConnection);
    }
    int requests = 0;

private:
    LocalKey m_key;
};

// A keychain that never answers.
class SilentKeySource final : public LocalKeySource {
public:
    Protection protection() const override { return Protection::Keychain; }
    QByteArray newParameters() const override { return QByteArrayLiteral("fixed"); }
    void obtainKey(Purpose, const QByteArray&, QObject*, KeyCallback) override { ++requests; }
    int requests = 0;
};

// The child process: tries to store and open device keys through the keychain on a machine
// without a session bus, and prints what happened.
int runUnavailableChild(const QString& profileDirectory)
{
    moim::crypto::initializeSodium();
    KeychainKeySource source(QStringLiteral("child.example:443/alice/1"));
    const DeviceSecretsFile file(profileDirectory);
    const Result<Done> saved = file.saveAndWait(kSecrets, source);
    const Result<LocalKey> opened =
        source.obtainKeyAndWait(LocalKeySource::Purpose::Open, source.newParameters());
    const QString report = QStringLiteral("save=%1\nopen=%2\nmessage=%3\n")
                               .arg(saved ? QStringLiteral("ok") : errorName(saved.error().code),
                                    opened ? QStringLiteral("ok") : errorName(opened.error().code),
                                    saved ? QString() : saved.error().message);
    std::fputs(report.toUtf8().constData(), stdout);
    return 0;
}

} // namespace

class TestKeyStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // Passphrase store.
    void passphraseRoundTrip();
    void passphraseAsync();
    void passphraseCallbackDroppedWithContext();
    void wrongPassphrase();
    void tamperedFile_data();
    void tamperedFile();
    void truncatedFile_data();
    void truncatedFile();
    void fileModeAndDirectory();

    // File handling with any key source.
    void missingFile();
    void wrongProtection();
    void keyCheckTellsWrongKeyFromDamage();
    void silentSourceTimesOut();

    // The real keychain (gnome-keyring in a private D-Bus session).
    void keychainKeyCreatedOnce();
    void keychainRoundTrip();
    void keychainEntryDeleted();
    void keychainEntryReplaced();
    void keychainOtherProfile();

    // No keychain at all.
    void keychainUnavailable_data();
    void keychainUnavailable();

private:
    QByteArray m_passphraseFile; // kSecrets under kPassphrase, interactive cost
};

void TestKeyStore::initTestCase()
{
    QVERIFY(moim::crypto::initializeSodium());
    Profile profile;
    QVERIFY(profile.isValid());
    PassphraseKeySource source(kPassphrase, PassphraseCost::interactive());
    const DeviceSecretsFile file(profile.path());
    const Result<Done> saved = file.saveAndWait(kSecrets, source, 60s);
    QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().message));
    m_passphraseFile = readAll(file.path());
    QVERIFY(!m_passphraseFile.isEmpty());
}

void TestKeyStore::passphraseRoundTrip()
{
    Profile profile;
    const DeviceSecretsFile file(profile.path());
    QVERIFY(!file.exists());
    {
        // The default (moderate) cost, as the application uses it.
        PassphraseKeySource source(kPassphrase);
        const Result<Done> saved = file.saveAndWait(kSecrets, source, 60s);
        QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().message));
    }
    QVERIFY(file.exists());
    QCOMPARE(QFileInfo(file.path()).fileName(), DeviceSecretsFile::fileName());
    QCOMPARE(fileMode(file.path()), 0600);

    const QByteArray bytes = readAll(file.path());
    QVERIFY(bytes.startsWith("MOIMDSEC"));
    QCOMPARE(int(bytes.at(8)), 1); // version
    QCOMPARE(int(bytes.at(9)), 2); // passphrase
    QVERIFY(!bytes.contains(kSecrets.left(16)));
    QVERIFY(!bytes.contains(kPassphrase.toUtf8()));

    const Result<Protection> protection = file.protection();
    QVERIFY(protection);
    QCOMPARE(protection.value(), Protection::Passphrase);
    QCOMPARE(protectionName(protection.value()), QStringLiteral("passphrase"));

    // Another source with the same passphrase (a later run) opens it.
    PassphraseKeySource again(kPassphrase);
    const Result<QByteArray> loaded = file.loadAndWait(again, 60s);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().message));
    QCOMPARE(loaded.value(), kSecrets);

    // Saving again makes another file: a fresh salt and nonce.
    QVERIFY(file.saveAndWait(kSecrets, again, 60s));
    const QByteArray second = readAll(file.path());
    QVERIFY(second.mid(kParamsOffset, 29) != bytes.mid(kParamsOffset, 29));
    QVERIFY(second.mid(kCiphertextOffset) != bytes.mid(kCiphertextOffset));
}

void TestKeyStore::passphraseAsync()
{
    Profile profile;
    const DeviceSecretsFile file(profile.path());
    PassphraseKeySource source(kPassphrase, PassphraseCost::interactive());
    QObject context;

    std::optional<Result<Done>> saved;
    file.save(kSecrets, source, &context,
              [&saved](const Result<Done>& result) { saved.emplace(result); });
    QVERIFY(!saved); // never from inside the call
    QTRY_VERIFY_WITH_TIMEOUT(saved.has_value(), 60000);
    QVERIFY(saved->ok());

    std::optional<Result<QByteArray>> loaded;
    file.load(source, &context,
              [&loaded](const Result<QByteArray>& result) { loaded.emplace(result); });
    QVERIFY(!loaded);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.has_value(), 60000);
    QVERIFY(loaded->ok());
    QCOMPARE(loaded->value(), kSecrets);

    // Errors come the same way: later, not from inside the call.
    const DeviceSecretsFile missing(QDir(profile.path()).filePath(QStringLiteral("nothing")));
    std::optional<Result<QByteArray>> notFound;
    missing.load(source, &context,
                 [&notFound](const Result<QByteArray>& result) { notFound.emplace(result); });
    QVERIFY(!notFound);
    QTRY_VERIFY(notFound.has_value());
    QCOMPARE(notFound->error().code, KeyStoreError::NotFound);
}

void TestKeyStore::passphraseCallbackDroppedWithContext()
{
    Profile profile;
    const DeviceSecretsFile file(profile.path());
    QVERIFY(writeAll(file.path(), m_passphraseFile));
    PassphraseKeySource source(kPassphrase, PassphraseCost::interactive());

    bool called = false;
    auto* context = new QObject;
    file.load(source, context, [&called](const Result<QByteArray>&) { called = true; });
    delete context;
    QVERIFY(QThreadPool::globalInstance()->waitForDone(60000));
    QTest::qWait(200);
    QVERIFY(!called);
}

void TestKeyStore::wrongPassphrase()
{
    Profile profile;
    const DeviceSecretsFile file(profile.path());
    QVERIFY(writeAll(file.path(), m_passphraseFile));

    for (const QString& wrong : {QStringLiteral("correct horse battery stapl"),
                                 QStringLiteral("Correct horse battery staple"), QString()}) {
        PassphraseKeySource source(wrong, PassphraseCost::interactive());
        const Result<QByteArray> loaded = file.loadAndWait(source, 60s);
        QVERIFY(!loaded);
        QCOMPARE(errorName(loaded.error().code), errorName(KeyStoreError::WrongPassphrase));
        QVERIFY(!loaded.error().message.contains(wrong.isEmpty() ? QStringLiteral("\x01") : wrong));
    }
    // The failed attempts left the file as it was.
    QCOMPARE(readAll(file.path()), m_passphraseFile);
    PassphraseKeySource right(kPassphrase);
    const Result<QByteArray> loaded = file.loadAndWait(right, 60s);
    QVERIFY(loaded);
    QCOMPARE(loaded.value(), kSecrets);
}

void TestKeyStore::tamperedFile_data()
{
    QTest::addColumn<int>("offset"); // negative: from the end
    QTest::addColumn<KeyStoreError>("expected");
    QTest::newRow("magic") << 0 << KeyStoreError::Corrupt;
    QTest::newRow("version") << 8 << KeyStoreError::Corrupt;
    QTest::newRow("protection") << 9 << KeyStoreError::Corrupt;
    QTest::newRow("parameters length") << 11 << KeyStoreError::Corrupt;
    QTest::newRow("algorithm") << kParamsOffset << KeyStoreError::Corrupt;
    QTest::newRow("opsLimit") << kParamsOffset + 1 << KeyStoreError::Corrupt;
    QTest::newRow("memLimit") << kParamsOffset + 5 << KeyStoreError::Corrupt;
    // Another salt is another key: indistinguishable from a wrong passphrase.
    QTest::newRow("salt") << kParamsOffset + 13 << KeyStoreError::WrongPassphrase;
    QTest::newRow("key check") << kCheckOffset << KeyStoreError::Corrupt;
    QTest::newRow("nonce") << kNonceOffset << KeyStoreError::Corrupt;
    QTest::newRow("ciphertext first") << kCiphertextOffset << KeyStoreError::Corrupt;
    QTest::newRow("ciphertext middle") << kCiphertextOffset + 40 << KeyStoreError::Corrupt;
    QTest::newRow("tag last") << -1 << KeyStoreError::Corrupt;
}

void TestKeyStore::tamperedFile()
{
    QFETCH(int, offset);
    QFETCH(KeyStoreError, expected);
    Profile profile;
    const DeviceSecretsFile file(profile.path());
    QByteArray bytes = m_passphraseFile;
    const qsizetype at = offset >= 0 ? offset : bytes.size() + offset;
    bytes[at] = char(bytes.at(at) ^ 0x80);
    QVERIFY(writeAll(file.path(), bytes));

    PassphraseKeySource source(kPassphrase, PassphraseCost::interactive());
    const Result<QByteArray> loaded = file.loadAndWait(source, 60s);
    QVERIFY(!loaded);
    QCOMPARE(errorName(loaded.error().code), errorName(expected));
    QVERIFY(!loaded.error().message.isEmpty());
}

void TestKeyStore::truncatedFile_data()
{
    QTest::addColumn<int>("size"); // negative: bytes cut from the end
    QTest::newRow("empty") << 0;
    QTest::newRow("part of the magic") << 4;
    QTest::newRow("fixed header only") << kParamsOffset;
    QTest::newRow("no key check") << kCheckOffset;
    QTest::newRow("no nonce") << kNonceOffset;
    QTest::newRow("no ciphertext") << kCiphertextOffset;
    QTest::newRow("shorter than a tag") << kCiphertextOffset + 15;
    QTest::newRow("last byte cut") << -1;
    QTest::newRow("half") << -40;
}

void TestKeyStore::truncatedFile()
{
    QFETCH(int, size);
    Profile profile;
    const DeviceSecretsFile file(profile.path());
    QVERIFY(writeAll(file.path(),
                     m_passphraseFile.left(size >= 0 ? size : m_passphraseFile.size() + size)));

    PassphraseKeySource source(kPassphrase, PassphraseCost::interactive());
    const Result<QByteArray> loaded = file.loadAndWait(source, 60s);
    QVERIFY(!loaded);
    QCOMPARE(errorName(loaded.error().code), errorName(KeyStoreError::Corrupt));
    if (size >= 0 && size < kCiphertextOffset + 16) {
        const Result<Protection> protection = file.protection();
        QVERIFY(!protection);
        QCOMPARE(errorName(protection.error().code), errorName(KeyStoreError::Corrupt));
    }
}

void TestKeyStore::fileModeAndDirectory()
{
    Profile profile;
    // An existing, too open file is replaced by an owner-only one.
    const DeviceSecretsFile file(profile.path());
    QVERIFY(writeAll(file.path(), QByteArrayLiteral("old")));
    QVERIFY(QFile::setPermissions(file.path(), QFile::ReadOwner | QFile::WriteOwner |
                                                   QFile::ReadGroup | QFile::ReadOther));
    QCOMPARE(fileMode(file.path()), 0644);
    PassphraseKeySource source(kPassphrase, PassphraseCost::interactive());
    QVERIFY(file.saveAndWait(kSecrets, source, 60s));
    QCOMPARE(fileMode(file.path()), 0600);
    // Nothing else is left in the directory (no temporary file, no plaintext copy).
    QCOMPARE(QDir(profile.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{DeviceSecretsFile::fileName()});

    // A missing profile directory is made owner-only.
    const QString nested = QDir(profile.path()).filePath(QStringLiteral("new-profile"));
    const DeviceSecretsFile inNew(nested);
    QVERIFY(inNew.saveAndWait(kSecrets, source, 60s));
    QCOMPARE(fileMode(nested), 0700);
    QCOMPARE(fileMode(inNew.path()), 0600);

    QVERIFY(inNew.remove());
    QVERIFY(!inNew.exists());
    QVERIFY(inNew.remove()); // a missing file is not an error
}

void TestKeyStore::missingFile()
{
    Profile profile;
    const DeviceSecretsFile file(profile.path());
    const Result<Protection> protection = file.protection();
    QVERIFY(!protection);
    QCOMPARE(errorName(protection.error().code), errorName(KeyStoreError::NotFound));

    SilentKeySource source;
    const Result<QByteArray> loaded = file.loadAndWait(source, 5s);
    QVERIFY(!loaded);
    QCOMPARE(errorName(loaded.error().code), errorName(KeyStoreError::NotFound));
    QCOMPARE(source.requests, 0); // the keychain is not even asked
}

void TestKeyStore::wrongProtection()
{
    Profile profile;
    const DeviceSecretsFile file(profile.path());
    QVERIFY(writeAll(file.path(), m_passphraseFile));
    FixedKeySource keychainLike(LocalKey::random());
    const Result<QByteArray> loaded = file.loadAndWait(keychainLike, 5s);
    QVERIFY(!loaded);
    QCOMPARE(errorName(loaded.error().code), errorName(KeyStoreError::WrongProtection));
    QVERIFY(loaded.error().message.contains(QStringLiteral("passphrase")));
    QCOMPARE(keychainLike.requests, 0);

    // And the other way round.
    QVERIFY(file.saveAndWait(kSecrets, keychainLike, 5s));
    QCOMPARE(file.protection().value(), Protection::Keychain);
    PassphraseKeySource passphrase(kPassphrase, PassphraseCost::interactive());
    const Result<QByteArray> viaPassphrase = file.loadAndWait(passphrase, 5s);
    QVERIFY(!viaPassphrase);
    QCOMPARE(errorName(viaPassphrase.error().code), errorName(KeyStoreError::WrongProtection));
    QVERIFY(viaPassphrase.error().message.contains(QStringLiteral("keychain")));
}

void TestKeyStore::keyCheckTellsWrongKeyFromDamage()
{
    Profile profile;
    const DeviceSecretsFile file(profile.path());
    FixedKeySource right(LocalKey::random());
    QVERIFY(file.saveAndWait(kSecrets, right, 5s));
    QCOMPARE(file.loadAndWait(right, 5s).value(), kSecrets);

    // Another key: the keychain entry was replaced.
    FixedKeySource other(LocalKey::random());
    const Result<QByteArray> withOther = file.loadAndWait(other, 5s);
    QVERIFY(!withOther);
    QCOMPARE(errorName(withOther.error().code), errorName(KeyStoreError::KeyLost));

    // The right key on a damaged ciphertext: damage, not a wrong key.
    QByteArray bytes = readAll(file.path());
    bytes[bytes.size() - 5] = char(bytes.at(bytes.size() - 5) ^ 0x01);
    QVERIFY(writeAll(file.path(), bytes));
    const Result<QByteArray> damaged = file.loadAndWait(right, 5s);
    QVERIFY(!damaged);
    QCOMPARE(errorName(damaged.error().code), errorName(KeyStoreError::Corrupt));
}

void TestKeyStore::silentSourceTimesOut()
{
    Profile profile;
    const DeviceSecretsFile file(profile.path());
    SilentKeySource silent;

    QElapsedTimer timer;
    timer.start();
    const Result<Done> saved = file.saveAndWait(kSecrets, silent, 300ms);
    QVERIFY(!saved);
    QCOMPARE(errorName(saved.error().code), errorName(KeyStoreError::Timeout));
    QVERIFY(saved.error().message.contains(QStringLiteral("keychain")));
    QVERIFY(!file.exists()); // nothing written without a key

    FixedKeySource fixed(LocalKey::random());
    QVERIFY(file.saveAndWait(kSecrets, fixed, 5s));
    const Result<QByteArray> loaded = file.loadAndWait(silent, 300ms);
    QVERIFY(!loaded);
    QCOMPARE(errorName(loaded.error().code), errorName(KeyStoreError::Timeout));
    QCOMPARE(silent.requests, 2);
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

void TestKeyStore::keychainKeyCreatedOnce()
{
    MOIM_REQUIRE_KEYCHAIN();
    const QString profileId = uniqueProfileId();
    KeychainKeySource first(profileId);
    QCOMPARE(first.profileId(), profileId);
    QCOMPARE(first.protection(), Protection::Keychain);
    const QByteArray parameters = first.newParameters();

    // Opening never makes a key.
    const Result<LocalKey> none = first.obtainKeyAndWait(LocalKeySource::Purpose::Open, parameters);
    QVERIFY(!none);
    QCOMPARE(errorName(none.error().code), errorName(KeyStoreError::KeyLost));

    // gnome-keyring keeps its login keyring in the scratch XDG_DATA_HOME (encrypted).
    const QString keyrings =
        QDir(qEnvironmentVariable("XDG_DATA_HOME")).filePath(QStringLiteral("keyrings"));
    const QString loginKeyring = QDir(keyrings).filePath(QStringLiteral("login.keyring"));
    QVERIFY2(QFile::exists(loginKeyring), qPrintable(loginKeyring));
    const QByteArray keyringBefore = readAll(loginKeyring);

    const Result<LocalKey> created =
        first.obtainKeyAndWait(LocalKeySource::Purpose::Create, parameters);
    QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
    QVERIFY(!(created.value() == LocalKey()));

    // A second instance (a later run) reads the same key; Create does not replace it.
    KeychainKeySource second(profileId);
    const Result<LocalKey> read =
        second.obtainKeyAndWait(LocalKeySource::Purpose::Open, parameters);
    QVERIFY2(read, qPrintable(read ? QString() : read.error().message));
    QVERIFY(read.value() == created.value());
    const Result<LocalKey> again =
        second.obtainKeyAndWait(LocalKeySource::Purpose::Create, parameters);
    QVERIFY(again);
    QVERIFY(again.value() == created.value());

    // Another profile has its own key.
    KeychainKeySource otherProfile(uniqueProfileId());
    const Result<LocalKey> other = otherProfile.obtainKeyAndWait(LocalKeySource::Purpose::Create,
                                                                 otherProfile.newParameters());
    QVERIFY(other);
    QVERIFY(!(other.value() == created.value()));
    QVERIFY(otherProfile.removeKeyAndWait());

    // The key really went into gnome-keyring (its file changed), and is not in the clear
    // anywhere in the scratch data directory.
    QTRY_VERIFY_WITH_TIMEOUT(readAll(loginKeyring) != keyringBefore, 5000);
    const QByteArray raw = created.value().toByteArray();
    for (const QString& path : filesUnder(qEnvironmentVariable("XDG_DATA_HOME"))) {
        const QByteArray content = readAll(path);
        QVERIFY2(!content.contains(raw) && !content.contains(raw.toBase64()), qPrintable(path));
    }

    QVERIFY(second.removeKeyAndWait());
    const Result<LocalKey> gone = first.obtainKeyAndWait(LocalKeySource::Purpose::Open, parameters);
    QVERIFY(!gone);
    QCOMPARE(errorName(gone.error().code), errorName(KeyStoreError::KeyLost));
    QVERIFY(second.removeKeyAndWait()); // removing twice is fine
}

void TestKeyStore::keychainRoundTrip()
{
    MOIM_REQUIRE_KEYCHAIN();
    Profile profile;
    const QString profileId = uniqueProfileId();
    const DeviceSecretsFile file(profile.path());
    {
        KeychainKeySource source(profileId);
        const Result<Done> saved = file.saveAndWait(kSecrets, source);
        QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().message));
    }
    QCOMPARE(fileMode(file.path()), 0600);
    QCOMPARE(file.protection().value(), Protection::Keychain);
    const QByteArray bytes = readAll(file.path());
    QCOMPARE(int(bytes.at(9)), 1); // keychain
    QVERIFY(!bytes.contains(kSecrets.left(16)));

    KeychainKeySource source(profileId);
    const Result<QByteArray> loaded = file.loadAndWait(source);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().message));
    QCOMPARE(loaded.value(), kSecrets);

    // Asynchronously too.
    QObject context;
    std::optional<Result<QByteArray>> async;
    file.load(source, &context,
              [&async](const Result<QByteArray>& result) { async.emplace(result); });
    QVERIFY(!async);
    QTRY_VERIFY_WITH_TIMEOUT(async.has_value(), 10000);
    QCOMPARE(async->value(), kSecrets);

    QVERIFY(source.removeKeyAndWait());
}

void TestKeyStore::keychainEntryDeleted()
{
    MOIM_REQUIRE_KEYCHAIN();
    Profile profile;
    const QString profileId = uniqueProfileId();
    const DeviceSecretsFile file(profile.path());
    KeychainKeySource source(profileId);
    QVERIFY(file.saveAndWait(kSecrets, source));
    QVERIFY(source.removeKeyAndWait());

    // The file is there but its key is not: a clear error, and no new key is made (which
    // would leave the file unreadable for good and hide what happened).
    const QByteArray before = readAll(file.path());
    const Result<QByteArray> loaded = file.loadAndWait(source);
    QVERIFY(!loaded);
    QCOMPARE(errorName(loaded.error().code), errorName(KeyStoreError::KeyLost));
    QVERIFY2(loaded.error().message.contains(profileId), qPrintable(loaded.error().message));
    const Result<LocalKey> stillNone = KeychainKeySource(profileId).obtainKeyAndWait(
        LocalKeySource::Purpose::Open, source.newParameters());
    QVERIFY(!stillNone);
    QCOMPARE(errorName(stillNone.error().code), errorName(KeyStoreError::KeyLost));
    QCOMPARE(readAll(file.path()), before);

    // Saving new secrets (after signing in again) makes a new key and works again.
    QVERIFY(file.saveAndWait(kSecrets + "2", source));
    QCOMPARE(file.loadAndWait(source).value(), kSecrets + "2");
    QVERIFY(source.removeKeyAndWait());
}

void TestKeyStore::keychainEntryReplaced()
{
    MOIM_REQUIRE_KEYCHAIN();
    Profile profile;
    const QString profileId = uniqueProfileId();
    const DeviceSecretsFile file(profile.path());
    KeychainKeySource source(profileId);
    QVERIFY(file.saveAndWait(kSecrets, source));
    QVERIFY(source.removeKeyAndWait());
    QVERIFY(source.obtainKeyAndWait(LocalKeySource::Purpose::Create, source.newParameters()));

    const Result<QByteArray> loaded = file.loadAndWait(source);
    QVERIFY(!loaded);
    QCOMPARE(errorName(loaded.error().code), errorName(KeyStoreError::KeyLost));
    QVERIFY(source.removeKeyAndWait());
}

void TestKeyStore::keychainOtherProfile()
{
    MOIM_REQUIRE_KEYCHAIN();
    Profile profile;
    const DeviceSecretsFile file(profile.path());
    KeychainKeySource owner(uniqueProfileId());
    QVERIFY(file.saveAndWait(kSecrets, owner));

    KeychainKeySource stranger(uniqueProfileId());
    const Result<QByteArray> loaded = file.loadAndWait(stranger);
    QVERIFY(!loaded);
    QCOMPARE(errorName(loaded.error().code), errorName(KeyStoreError::KeyLost));
    QVERIFY(loaded.error().message.contains(owner.profileId()));
    QVERIFY(owner.removeKeyAndWait());
}

void TestKeyStore::keychainUnavailable_data()
{
    QTest::addColumn<QString>("busAddress"); // empty: none at all
    QTest::newRow("no session bus") << QString();
    QTest::newRow("dead session bus") << QStringLiteral("unix:path=%1");
}

void TestKeyStore::keychainUnavailable()
{
    QFETCH(QString, busAddress);
    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    const QDir root(scratch.path());
    for (const char* name : {"profile", "home", "config", "data", "cache", "runtime"})
        QVERIFY(root.mkdir(QString::fromLatin1(name)));

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name :
         {"DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY", "XDG_CURRENT_DESKTOP",
          "DESKTOP_SESSION", "KDE_FULL_SESSION", "KDE_SESSION_VERSION", "GNOME_DESKTOP_SESSION_ID"})
        env.remove(QString::fromLatin1(name));
    if (!busAddress.isEmpty()) {
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   busAddress.arg(root.filePath(QStringLiteral("no-such-socket"))));
    }
    env.insert(QStringLiteral("HOME"), root.filePath(QStringLiteral("home")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), root.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), root.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), root.filePath(QStringLiteral("cache")));
    // An empty runtime directory: no $XDG_RUNTIME_DIR/bus to fall back on either.
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), root.filePath(QStringLiteral("runtime")));
    env.insert(QString::fromLatin1(kChildDirEnv), root.filePath(QStringLiteral("profile")));

    QProcess child;
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer timer;
    timer.start();
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForStarted());
    QVERIFY2(child.waitForFinished(60000), "the child hung");
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(child.exitStatus(), QProcess::NormalExit);
    QCOMPARE(child.exitCode(), 0);

    const QString report = QString::fromUtf8(child.readAllStandardOutput());
    const QStringList lines = report.split(QLatin1Char('\n'));
    const auto field = [&lines](const QString& name) {
        for (const QString& line : lines) {
            if (line.startsWith(name + QLatin1Char('=')))
                return line.mid(name.size() + 1);
        }
        return QString();
    };
    const QStringList acceptable{errorName(KeyStoreError::KeychainUnavailable),
                                 errorName(KeyStoreError::Timeout)};
    QVERIFY2(acceptable.contains(field(QStringLiteral("save"))), qPrintable(report));
    QVERIFY2(acceptable.contains(field(QStringLiteral("open"))), qPrintable(report));
    if (field(QStringLiteral("save")) == errorName(KeyStoreError::KeychainUnavailable)) {
        // The user is told, and pointed at the passphrase store.
        QVERIFY2(field(QStringLiteral("message")).contains(QStringLiteral("passphrase")),
                 qPrintable(report));
        QVERIFY2(elapsed < 10000, qPrintable(QString::number(elapsed)));
    }
    QVERIFY2(elapsed < 30000, qPrintable(QString::number(elapsed)));

    // Nothing was written anywhere: no secrets file, no plaintext fallback (QSettings).
    const QStringList written = filesUnder(scratch.path());
    QVERIFY2(written.isEmpty(), qPrintable(written.join(QLatin1Char(' '))));
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(kChildDirEnv))
        return runUnavailableChild(qEnvironmentVariable(kChildDirEnv));
    TestKeyStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "TestKeyStore.moc"
