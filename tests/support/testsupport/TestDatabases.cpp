#include "testsupport/TestDatabases.h"

#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>
#include <crypto/Sodium.h>

namespace moim::test {
namespace {

std::optional<server::DatabaseSettings> adminSettings()
{
    const QString url =
        QProcessEnvironment::systemEnvironment().value(QStringLiteral("MOIM_TEST_PG_URL"));
    if (url.isEmpty())
        return std::nullopt;
    QString error;
    return server::DatabaseSettings::fromUrl(url, &error);
}

bool runAdmin(const server::DatabaseSettings& admin, const QString& sql)
{
    const QString name = QStringLiteral("moim-test-admin-") + QUuid::createUuid().toString();
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(admin.host);
        db.setPort(admin.port);
        db.setUserName(admin.user);
        db.setPassword(admin.password);
        db.setDatabaseName(admin.name);
        if (db.open()) {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok)
                qWarning() << "admin SQL failed:" << query.lastError().text();
        } else {
            qWarning() << "cannot reach test PostgreSQL:" << db.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

bool servicesRequired()
{
    return QProcessEnvironment::systemEnvironment().contains(
        QStringLiteral("MOIM_REQUIRE_SERVICES"));
}

void addBackendRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgres") << QStringLiteral("postgres");
}

bool ScratchDatabase::create(const QString& backend)
{
    if (backend == QLatin1String("sqlite")) {
        m_settings.backend = server::DatabaseBackend::Sqlite;
        m_settings.sqlitePath = m_dir.filePath(QStringLiteral("moim.sqlite3"));
        return true;
    }
    const auto admin = adminSettings();
    if (!admin)
        return false;
    m_createdPgName =
        QStringLiteral("moim_test_") + QUuid::createUuid().toString(QUuid::Id128).left(16);
    if (!runAdmin(*admin, QStringLiteral("CREATE DATABASE %1").arg(m_createdPgName))) {
        m_createdPgName.clear();
        return false;
    }
    m_settings = *admin;
    m_settings.name = m_createdPgName;
    return true;
}

ScratchDatabase::~ScratchDatabase()
{
    if (m_createdPgName.isEmpty())
        return;
    if (const auto admin = adminSettings())
        runAdmin(*admin,
                 QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_createdPgName));
}

QString ScratchDatabase::url() const
{
    if (m_settings.backend == server::DatabaseBackend::Sqlite)
        return QStringLiteral("sqlite://") + m_settings.sqlitePath;
    return QStringLiteral("postgresql://%1@%2:%3/%4")
        .arg(m_settings.user, m_settings.host)
        .arg(m_settings.port)
        .arg(m_settings.name);
}

} // namespace moim::test

// Used by tests as: MOIM_REQUIRE_BACKEND(db, backend);
