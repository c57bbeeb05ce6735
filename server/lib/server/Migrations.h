#pragma once

#include <QList>
#include <QStringList>

namespace moim::server {

// A schema step. Numbered from 1, applied in order, never edited once released: a change to
// the schema is a new migration at the end.
struct Migration {
    int version = 0;
    QString description;
    QStringList sqlite;
    QStringList postgres;
};

const QList<Migration>& allMigrations();
int latestSchemaVersion();

} // namespace moim::server
