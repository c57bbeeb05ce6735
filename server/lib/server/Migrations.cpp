#include "server/Migrations.h"

namespace moim::server {

namespace {

// Changes that move the audience of every room of one user, as (table, event, user column,
// condition). An UPDATE OF fires whenever the column is assigned; the condition skips the ones
// that leave it as it was.
struct UserScopedChange {
    const char* table;
    const char* event;
    const char* userColumn;
    const char* when;
};

constexpr UserScopedChange kUserScopedChanges[] = {
    {"device_lists", "INSERT", "NEW.user_id", nullptr},
    {"device_lists", "UPDATE", "NEW.user_id", nullptr},
    {"device_lists", "DELETE", "OLD.user_id", nullptr},
    {"listed_devices", "INSERT", "NEW.user_id", nullptr},
    {"listed_devices", "DELETE", "OLD.user_id", nullptr},
    {"devices", "UPDATE OF revoked_ms", "NEW.user_id", "OLD.revoked_ms IS %1 NEW.revoked_ms"},
    {"team_members", "UPDATE OF muted", "NEW.user_id", "OLD.muted <> NEW.muted"},
    {"team_members", "DELETE", "OLD.user_id", nullptr},
    {"users", "UPDATE OF dnd_until_ms", "NEW.id", "OLD.dnd_until_ms <> NEW.dnd_until_ms"},
    {"user_relations", "INSERT", "NEW.user_id", "NEW.blocked <> 0"},
    {"user_relations", "UPDATE OF blocked", "NEW.user_id", "OLD.blocked <> NEW.blocked"},
    {"user_relations", "DELETE", "OLD.user_id", "OLD.blocked <> 0"},
};

QString triggerName(const UserScopedChange& change, int index)
{
    return QStringLiteral("%1_audience_%2").arg(QLatin1String(change.table)).arg(index);
}

// `distinct` completes "IS ... " in the backend's words for "differs, NULL included".
QString condition(const UserScopedChange& change, const QString& distinct)
{
    return QString::fromLatin1(change.when).replace(QStringLiteral("%1"), distinct);
}

QStringList audienceVersionSqlite()
{
    QStringList statements{
        QStringLiteral("CREATE TABLE room_audience ("
                       " room_id INTEGER PRIMARY KEY REFERENCES rooms(id) ON DELETE CASCADE,"
                       " version INTEGER NOT NULL DEFAULT 0)"),
        QStringLiteral("INSERT INTO room_audience (room_id) SELECT id FROM rooms"),
        QStringLiteral("CREATE TRIGGER rooms_audience_row AFTER INSERT ON rooms BEGIN"
                       " INSERT INTO room_audience (room_id) VALUES (NEW.id); END"),
        QStringLiteral("CREATE TRIGGER room_members_audience_in AFTER INSERT ON room_members BEGIN"
                       " UPDATE room_audience SET version = version + 1"
                       " WHERE room_id = NEW.room_id; END"),
        QStringLiteral("CREATE TRIGGER room_members_audience_out AFTER DELETE ON room_members BEGIN"
                       " UPDATE room_audience SET version = version + 1"
                       " WHERE room_id = OLD.room_id; END"),
        QStringLiteral("CREATE TRIGGER room_members_audience_level AFTER UPDATE OF notify_level"
                       " ON room_members WHEN OLD.notify_level <> NEW.notify_level BEGIN"
                       " UPDATE room_audience SET version = version + 1"
                       " WHERE room_id = NEW.room_id; END")};
    int index = 0;
    for (const UserScopedChange& change : kUserScopedChanges) {
        const QString when =
            change.when ? QStringLiteral(" WHEN ") + condition(change, QStringLiteral("NOT"))
                        : QString();
        statements.append(QStringLiteral("CREATE TRIGGER %1 AFTER %2 ON %3%4 BEGIN"
                                         " UPDATE room_audience SET version = version + 1"
                                         " WHERE room_id IN (SELECT room_id FROM room_members"
                                         " WHERE user_id = %5); END")
                              .arg(triggerName(change, index++), QLatin1String(change.event),
                                   QLatin1String(change.table), when,
                                   QLatin1String(change.userColumn)));
    }
    return statements;
}

QStringList audienceVersionPostgres()
{
    QStringList statements{
        QStringLiteral("CREATE TABLE room_audience ("
                       " room_id BIGINT PRIMARY KEY REFERENCES rooms(id) ON DELETE CASCADE,"
                       " version BIGINT NOT NULL DEFAULT 0)"),
        QStringLiteral("INSERT INTO room_audience (room_id) SELECT id FROM rooms"),
        QStringLiteral("CREATE FUNCTION room_audience_row() RETURNS trigger LANGUAGE plpgsql AS $$"
                       " BEGIN INSERT INTO room_audience (room_id) VALUES (NEW.id); RETURN NULL;"
                       " END $$"),
        QStringLiteral("CREATE TRIGGER rooms_audience_row AFTER INSERT ON rooms FOR EACH ROW"
                       " EXECUTE FUNCTION room_audience_row()"),
        QStringLiteral("CREATE FUNCTION room_audience_bump_room() RETURNS trigger"
                       " LANGUAGE plpgsql AS $$ BEGIN"
                       " IF TG_OP = 'DELETE' THEN"
                       "  UPDATE room_audience SET version = version + 1"
                       "  WHERE room_id = OLD.room_id;"
                       " ELSE"
                       "  UPDATE room_audience SET version = version + 1"
                       "  WHERE room_id = NEW.room_id;"
                       " END IF;"
                       " RETURN NULL; END $$"),
        QStringLiteral("CREATE TRIGGER room_members_audience AFTER INSERT OR DELETE ON room_members"
                       " FOR EACH ROW EXECUTE FUNCTION room_audience_bump_room()"),
        QStringLiteral("CREATE TRIGGER room_members_audience_level AFTER UPDATE OF notify_level"
                       " ON room_members FOR EACH ROW"
                       " WHEN (OLD.notify_level <> NEW.notify_level)"
                       " EXECUTE FUNCTION room_audience_bump_room()"),
        QStringLiteral("CREATE FUNCTION room_audience_bump_user(uid BIGINT) RETURNS void"
                       " LANGUAGE plpgsql AS $$ BEGIN"
                       " PERFORM 1 FROM room_audience WHERE room_id IN"
                       "  (SELECT room_id FROM room_members WHERE user_id = uid)"
                       "  ORDER BY room_id FOR UPDATE;"
                       " UPDATE room_audience SET version = version + 1 WHERE room_id IN"
                       "  (SELECT room_id FROM room_members WHERE user_id = uid);"
                       " END $$")};
    int index = 0;
    for (const UserScopedChange& change : kUserScopedChanges) {
        const QString name = triggerName(change, index++);
        statements.append(QStringLiteral("CREATE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql"
                                         " AS $$ BEGIN PERFORM room_audience_bump_user(%2);"
                                         " RETURN NULL; END $$")
                              .arg(name, QLatin1String(change.userColumn)));
        const QString when = change.when
                                 ? QStringLiteral(" WHEN (%1)")
                                       .arg(condition(change, QStringLiteral("DISTINCT FROM")))
                                 : QString();
        statements.append(
            QStringLiteral("CREATE TRIGGER %1 AFTER %2 ON %3 FOR EACH ROW%4"
                           " EXECUTE FUNCTION %1()")
                .arg(name, QLatin1String(change.event), QLatin1String(change.table), when));
    }
    return statements;
}

} // namespace

const QList<Migration>& allMigrations()
{
    static const QList<Migration> migrations{
        {1,
         QStringLiteral("users and devices"),
         {QStringLiteral("CREATE TABLE users ("
                         " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                         " username TEXT NOT NULL UNIQUE,"
                         " display_name TEXT NOT NULL,"
                         " password_hash TEXT NOT NULL,"
                         " created_ms INTEGER NOT NULL)"),
          QStringLiteral("CREATE TABLE devices ("
                         " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                         " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                         " name TEXT NOT NULL,"
                         " token_digest BLOB UNIQUE,"
                         " created_ms INTEGER NOT NULL,"
                         " last_seen_ms INTEGER NOT NULL,"
                         " revoked_ms INTEGER)")},
         {QStringLiteral("CREATE TABLE users ("
                         " id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                         " username TEXT NOT NULL UNIQUE,"
                         " display_name TEXT NOT NULL,"
                         " password_hash TEXT NOT NULL,"
                         " created_ms BIGINT NOT NULL)"),
          QStringLiteral("CREATE TABLE devices ("
                         " id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                         " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                         " name TEXT NOT NULL,"
                         " token_digest BYTEA UNIQUE,"
                         " created_ms BIGINT NOT NULL,"
                         " last_seen_ms BIGINT NOT NULL,"
                         " revoked_ms BIGINT)")}},
        {2,
         QStringLiteral("index devices by user for device lists"),
         {QStringLiteral("CREATE INDEX devices_user_idx ON devices(user_id, id)")},
         {QStringLiteral("CREATE INDEX devices_user_idx ON devices(user_id, id)")}},
        {3,
         QStringLiteral("teams, invites, rooms, members and room events"),
         {QStringLiteral("CREATE TABLE teams ("
                         " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                         " handle TEXT NOT NULL UNIQUE,"
                         " name TEXT NOT NULL,"
                         " created_by INTEGER NOT NULL REFERENCES users(id),"
                         " created_ms INTEGER NOT NULL,"
                         " retention_days INTEGER)"),
          QStringLiteral("CREATE TABLE team_members ("
                         " team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,"
                         " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                         " role INTEGER NOT NULL,"
                         " muted INTEGER NOT NULL DEFAULT 0,"
                         " joined_ms INTEGER NOT NULL,"
                         " PRIMARY KEY (team_id, user_id))"),
          QStringLiteral("CREATE INDEX team_members_user_idx ON team_members(user_id)"),
          QStringLiteral("CREATE TABLE team_invites ("
                         " code TEXT PRIMARY KEY,"
                         " team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,"
                         " created_by INTEGER NOT NULL REFERENCES users(id),"
                         " created_ms INTEGER NOT NULL,"
                         " expires_ms INTEGER,"
                         " max_uses INTEGER,"
                         " uses INTEGER NOT NULL DEFAULT 0)"),
          QStringLiteral("CREATE TABLE rooms ("
                         " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                         " team_id INTEGER REFERENCES teams(id) ON DELETE CASCADE,"
                         " kind INTEGER NOT NULL,"
                         " name TEXT NOT NULL,"
                         " topic TEXT NOT NULL DEFAULT '',"
                         " created_by INTEGER NOT NULL REFERENCES users(id),"
                         " created_ms INTEGER NOT NULL,"
                         " archived_ms INTEGER,"
                         " last_seq INTEGER NOT NULL DEFAULT 0,"
                         " direct_key TEXT UNIQUE)"),
          QStringLiteral("CREATE UNIQUE INDEX rooms_team_name_idx ON rooms(team_id, name) WHERE "
                         "team_id IS NOT NULL"),
          QStringLiteral("CREATE TABLE room_members ("
                         " room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,"
                         " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                         " joined_ms INTEGER NOT NULL,"
                         " read_seq INTEGER NOT NULL DEFAULT 0,"
                         " PRIMARY KEY (room_id, user_id))"),
          QStringLiteral("CREATE INDEX room_members_user_idx ON room_members(user_id)"),
          QStringLiteral("CREATE TABLE events ("
                         " room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,"
                         " seq INTEGER NOT NULL,"
                         " kind INTEGER NOT NULL,"
                         " sender_user INTEGER NOT NULL,"
                         " sender_device INTEGER NOT NULL,"
                         " client_id BLOB NOT NULL,"
                         " created_ms INTEGER NOT NULL,"
                         " envelope BLOB NOT NULL,"
                         " ref_seq INTEGER,"
                         " thread_root INTEGER,"
                         " reaction_key BLOB,"
                         " mentions TEXT NOT NULL DEFAULT '',"
                         " mention_all INTEGER NOT NULL DEFAULT 0,"
                         " subject_user INTEGER,"
                         " reply_count INTEGER NOT NULL DEFAULT 0,"
                         " last_reply_ms INTEGER NOT NULL DEFAULT 0,"
                         " edited INTEGER NOT NULL DEFAULT 0,"
                         " deleted INTEGER NOT NULL DEFAULT 0,"
                         " pinned INTEGER NOT NULL DEFAULT 0,"
                         " PRIMARY KEY (room_id, seq))"),
          QStringLiteral(
              "CREATE UNIQUE INDEX events_client_idx ON events(room_id, sender_user, client_id)"),
          QStringLiteral("CREATE TABLE event_mentions ("
                         " user_id INTEGER NOT NULL,"
                         " room_id INTEGER NOT NULL,"
                         " seq INTEGER NOT NULL,"
                         " PRIMARY KEY (user_id, room_id, seq))"),
          QStringLiteral("CREATE TABLE reactions ("
                         " room_id INTEGER NOT NULL,"
                         " seq INTEGER NOT NULL,"
                         " user_id INTEGER NOT NULL,"
                         " reaction_key BLOB NOT NULL,"
                         " PRIMARY KEY (room_id, seq, user_id, reaction_key))")},
         {QStringLiteral("CREATE TABLE teams ("
                         " id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                         " handle TEXT NOT NULL UNIQUE,"
                         " name TEXT NOT NULL,"
                         " created_by BIGINT NOT NULL REFERENCES users(id),"
                         " created_ms BIGINT NOT NULL,"
                         " retention_days BIGINT)"),
          QStringLiteral("CREATE TABLE team_members ("
                         " team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,"
                         " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                         " role BIGINT NOT NULL,"
                         " muted BIGINT NOT NULL DEFAULT 0,"
                         " joined_ms BIGINT NOT NULL,"
                         " PRIMARY KEY (team_id, user_id))"),
          QStringLiteral("CREATE INDEX team_members_user_idx ON team_members(user_id)"),
          QStringLiteral("CREATE TABLE team_invites ("
                         " code TEXT PRIMARY KEY,"
                         " team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,"
                         " created_by BIGINT NOT NULL REFERENCES users(id),"
                         " created_ms BIGINT NOT NULL,"
                         " expires_ms BIGINT,"
                         " max_uses BIGINT,"
                         " uses BIGINT NOT NULL DEFAULT 0)"),
          QStringLiteral("CREATE TABLE rooms ("
                         " id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                         " team_id BIGINT REFERENCES teams(id) ON DELETE CASCADE,"
                         " kind BIGINT NOT NULL,"
                         " name TEXT NOT NULL,"
                         " topic TEXT NOT NULL DEFAULT '',"
                         " created_by BIGINT NOT NULL REFERENCES users(id),"
                         " created_ms BIGINT NOT NULL,"
                         " archived_ms BIGINT,"
                         " last_seq BIGINT NOT NULL DEFAULT 0,"
                         " direct_key TEXT UNIQUE)"),
          QStringLiteral("CREATE UNIQUE INDEX rooms_team_name_idx ON rooms(team_id, name) WHERE "
                         "team_id IS NOT NULL"),
          QStringLiteral("CREATE TABLE room_members ("
                         " room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,"
                         " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                         " joined_ms BIGINT NOT NULL,"
                         " read_seq BIGINT NOT NULL DEFAULT 0,"
                         " PRIMARY KEY (room_id, user_id))"),
          QStringLiteral("CREATE INDEX room_members_user_idx ON room_members(user_id)"),
          QStringLiteral("CREATE TABLE events ("
                         " room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,"
                         " seq BIGINT NOT NULL,"
                         " kind BIGINT NOT NULL,"
                         " sender_user BIGINT NOT NULL,"
                         " sender_device BIGINT NOT NULL,"
                         " client_id BYTEA NOT NULL,"
                         " created_ms BIGINT NOT NULL,"
                         " envelope BYTEA NOT NULL,"
                         " ref_seq BIGINT,"
                         " thread_root BIGINT,"
                         " reaction_key BYTEA,"
                         " mentions TEXT NOT NULL DEFAULT '',"
                         " mention_all BIGINT NOT NULL DEFAULT 0,"
                         " subject_user BIGINT,"
                         " reply_count BIGINT NOT NULL DEFAULT 0,"
                         " last_reply_ms BIGINT NOT NULL DEFAULT 0,"
                         " edited BIGINT NOT NULL DEFAULT 0,"
                         " deleted BIGINT NOT NULL DEFAULT 0,"
                         " pinned BIGINT NOT NULL DEFAULT 0,"
                         " PRIMARY KEY (room_id, seq))"),
          QStringLiteral(
              "CREATE UNIQUE INDEX events_client_idx ON events(room_id, sender_user, client_id)"),
          QStringLiteral("CREATE TABLE event_mentions ("
                         " user_id BIGINT NOT NULL,"
                         " room_id BIGINT NOT NULL,"
                         " seq BIGINT NOT NULL,"
                         " PRIMARY KEY (user_id, room_id, seq))"),
          QStringLiteral("CREATE TABLE reactions ("
                         " room_id BIGINT NOT NULL,"
                         " seq BIGINT NOT NULL,"
                         " user_id BIGINT NOT NULL,"
                         " reaction_key BYTEA NOT NULL,"
                         " PRIMARY KEY (room_id, seq, user_id, reaction_key))")}},
        {4,
         QStringLiteral("relations between users, notification levels, do not disturb"),
         {QStringLiteral("CREATE TABLE user_relations ("
                         " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                         " other_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                         " favourite INTEGER NOT NULL DEFAULT 0,"
                         " hidden INTEGER NOT NULL DEFAULT 0,"
                         " blocked INTEGER NOT NULL DEFAULT 0,"
                         " PRIMARY KEY (user_id, other_id))"),
          QStringLiteral("CREATE INDEX user_relations_other_idx ON user_relations(other_id)"),
          QStringLiteral(
              "ALTER TABLE room_members ADD COLUMN notify_level INTEGER NOT NULL DEFAULT 0"),
          QStringLiteral("ALTER TABLE users ADD COLUMN dnd_until_ms INTEGER NOT NULL DEFAULT 0")},
         {QStringLiteral("CREATE TABLE user_relations ("
                         " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                         " other_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                         " favourite BIGINT NOT NULL DEFAULT 0,"
                         " hidden BIGINT NOT NULL DEFAULT 0,"
                         " blocked BIGINT NOT NULL DEFAULT 0,"
                         " PRIMARY KEY (user_id, other_id))"),
          QStringLiteral("CREATE INDEX user_relations_other_idx ON user_relations(other_id)"),
          QStringLiteral(
              "ALTER TABLE room_members ADD COLUMN notify_level BIGINT NOT NULL DEFAULT 0"),
          QStringLiteral("ALTER TABLE users ADD COLUMN dnd_until_ms BIGINT NOT NULL DEFAULT 0")}},
        {5,
         QStringLiteral("push URLs of devices"),
         {QStringLiteral("ALTER TABLE devices ADD COLUMN push_url TEXT")},
         {QStringLiteral("ALTER TABLE devices ADD COLUMN push_url TEXT")}},
        {6,
         QStringLiteral("events partitioned by month on PostgreSQL; index for retention"),
         {QStringLiteral("CREATE INDEX events_created_idx ON events(room_id, created_ms)")},
         // A partitioned table's primary key must hold the partition key, and it cannot keep
         // a unique index without it: idempotency relies on the room row lock instead (see
         // EventStore::append). Existing rows go to the default partition; months get their
         // own partitions from now on (RetentionStore::ensurePartitions).
         {QStringLiteral(
              "CREATE TABLE events_partitioned ("
              " room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,"
              " seq BIGINT NOT NULL,"
              " kind BIGINT NOT NULL,"
              " sender_user BIGINT NOT NULL,"
              " sender_device BIGINT NOT NULL,"
              " client_id BYTEA NOT NULL,"
              " created_ms BIGINT NOT NULL,"
              " envelope BYTEA NOT NULL,"
              " ref_seq BIGINT,"
              " thread_root BIGINT,"
              " reaction_key BYTEA,"
              " mentions TEXT NOT NULL DEFAULT '',"
              " mention_all BIGINT NOT NULL DEFAULT 0,"
              " subject_user BIGINT,"
              " reply_count BIGINT NOT NULL DEFAULT 0,"
              " last_reply_ms BIGINT NOT NULL DEFAULT 0,"
              " edited BIGINT NOT NULL DEFAULT 0,"
              " deleted BIGINT NOT NULL DEFAULT 0,"
              " pinned BIGINT NOT NULL DEFAULT 0,"
              " PRIMARY KEY (room_id, seq, created_ms)) PARTITION BY RANGE (created_ms)"),
          QStringLiteral("CREATE TABLE events_default PARTITION OF events_partitioned DEFAULT"),
          QStringLiteral("INSERT INTO events_partitioned SELECT room_id, seq, kind, sender_user,"
                         " sender_device, client_id, created_ms, envelope, ref_seq, thread_root,"
                         " reaction_key, mentions, mention_all, subject_user, reply_count,"
                         " last_reply_ms, edited, deleted, pinned FROM events"),
          QStringLiteral("DROP TABLE events"),
          QStringLiteral("ALTER TABLE events_partitioned RENAME TO events"),
          QStringLiteral(
              "CREATE INDEX events_client_idx ON events(room_id, sender_user, client_id)"),
          QStringLiteral("CREATE INDEX events_created_idx ON events(room_id, created_ms)")}},
        {7,
         QStringLiteral("key directory: device lists, key shares, key backup, recovery, links"),
         {QStringLiteral("CREATE TABLE device_lists ("
                         " user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,"
                         " master_key BLOB NOT NULL,"
                         " version INTEGER NOT NULL,"
                         " document BLOB NOT NULL,"
                         " updated_ms INTEGER NOT NULL)"),
          QStringLiteral("CREATE TABLE listed_devices ("
                         " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                         " device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,"
                         " PRIMARY KEY (user_id, device_id))"),
          QStringLiteral(
              "CREATE TABLE key_shares ("
              " id INTEGER PRIMARY KEY AUTOINCREMENT,"
              " recipient_device INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,"
              " room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,"
              " sender_user INTEGER NOT NULL,"
              " sender_device INTEGER NOT NULL,"
              " sealed BLOB NOT NULL,"
              " created_ms INTEGER NOT NULL)"),
          QStringLiteral(
              "CREATE INDEX key_shares_recipient_idx ON key_shares(recipient_device, id)"),
          QStringLiteral("CREATE TABLE key_backup ("
                         " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                         " slot BLOB NOT NULL,"
                         " box BLOB NOT NULL,"
                         " created_ms INTEGER NOT NULL,"
                         " PRIMARY KEY (user_id, slot))"),
          QStringLiteral("CREATE TABLE recovery_blobs ("
                         " user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,"
                         " blob BLOB NOT NULL,"
                         " updated_ms INTEGER NOT NULL)"),
          QStringLiteral("CREATE TABLE link_offers ("
                         " link_id BLOB PRIMARY KEY,"
                         " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                         " device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,"
                         " offer BLOB NOT NULL,"
                         " answer BLOB,"
                         " expires_ms INTEGER NOT NULL)")},
         {QStringLiteral("CREATE TABLE device_lists ("
                         " user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,"
                         " master_key BYTEA NOT NULL,"
                         " version BIGINT NOT NULL,"
                         " document BYTEA NOT NULL,"
                         " updated_ms BIGINT NOT NULL)"),
          QStringLiteral("CREATE TABLE listed_devices ("
                         " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                         " device_id BIGINT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,"
                         " PRIMARY KEY (user_id, device_id))"),
          QStringLiteral(
              "CREATE TABLE key_shares ("
              " id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
              " recipient_device BIGINT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,"
              " room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,"
              " sender_user BIGINT NOT NULL,"
              " sender_device BIGINT NOT NULL,"
              " sealed BYTEA NOT NULL,"
              " created_ms BIGINT NOT NULL)"),
          QStringLiteral(
              "CREATE INDEX key_shares_recipient_idx ON key_shares(recipient_device, id)"),
          QStringLiteral("CREATE TABLE key_backup ("
                         " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                         " slot BYTEA NOT NULL,"
                         " box BYTEA NOT NULL,"
                         " created_ms BIGINT NOT NULL,"
                         " PRIMARY KEY (user_id, slot))"),
          QStringLiteral("CREATE TABLE recovery_blobs ("
                         " user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,"
                         " blob BYTEA NOT NULL,"
                         " updated_ms BIGINT NOT NULL)"),
          QStringLiteral("CREATE TABLE link_offers ("
                         " link_id BYTEA PRIMARY KEY,"
                         " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                         " device_id BIGINT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,"
                         " offer BYTEA NOT NULL,"
                         " answer BYTEA,"
                         " expires_ms BIGINT NOT NULL)")}},
        {8,
         QStringLiteral("encrypted attachments: blobs, their rooms, uploads, event references"),
         // blobs.uploader_user has no foreign key: a blob is kept for the events that refer to it,
         // whoever uploaded it.
         // blob_rooms.added_ms restarts the grace period when stored content is offered again.
         // event_blobs cannot reference the events table (partitioned on PostgreSQL); the
         // collector drops references whose event is gone.
         {QStringLiteral("CREATE TABLE blobs ("
                         " id BLOB PRIMARY KEY,"
                         " size INTEGER NOT NULL,"
                         " uploader_user INTEGER NOT NULL,"
                         " created_ms INTEGER NOT NULL)"),
          QStringLiteral("CREATE INDEX blobs_uploader_idx ON blobs(uploader_user)"),
          QStringLiteral("CREATE TABLE blob_rooms ("
                         " blob_id BLOB NOT NULL REFERENCES blobs(id) ON DELETE CASCADE,"
                         " room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,"
                         " added_ms INTEGER NOT NULL,"
                         " PRIMARY KEY (blob_id, room_id))"),
          QStringLiteral("CREATE TABLE uploads ("
                         " upload_id BLOB PRIMARY KEY,"
                         " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                         " room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,"
                         " hash BLOB NOT NULL,"
                         " size INTEGER NOT NULL,"
                         " received INTEGER NOT NULL DEFAULT 0,"
                         " created_ms INTEGER NOT NULL,"
                         " updated_ms INTEGER NOT NULL)"),
          QStringLiteral("CREATE INDEX uploads_user_idx ON uploads(user_id, room_id, hash)"),
          QStringLiteral("CREATE TABLE event_blobs ("
                         " room_id INTEGER NOT NULL,"
                         " seq INTEGER NOT NULL,"
                         " blob_id BLOB NOT NULL REFERENCES blobs(id) ON DELETE CASCADE,"
                         " PRIMARY KEY (room_id, seq, blob_id))"),
          QStringLiteral("CREATE INDEX event_blobs_blob_idx ON event_blobs(blob_id)")},
         {QStringLiteral("CREATE TABLE blobs ("
                         " id BYTEA PRIMARY KEY,"
                         " size BIGINT NOT NULL,"
                         " uploader_user BIGINT NOT NULL,"
                         " created_ms BIGINT NOT NULL)"),
          QStringLiteral("CREATE INDEX blobs_uploader_idx ON blobs(uploader_user)"),
          QStringLiteral("CREATE TABLE blob_rooms ("
                         " blob_id BYTEA NOT NULL REFERENCES blobs(id) ON DELETE CASCADE,"
                         " room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,"
                         " added_ms BIGINT NOT NULL,"
                         " PRIMARY KEY (blob_id, room_id))"),
          QStringLiteral("CREATE TABLE uploads ("
                         " upload_id BYTEA PRIMARY KEY,"
                         " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                         " room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,"
                         " hash BYTEA NOT NULL,"
                         " size BIGINT NOT NULL,"
                         " received BIGINT NOT NULL DEFAULT 0,"
                         " created_ms BIGINT NOT NULL,"
                         " updated_ms BIGINT NOT NULL)"),
          QStringLiteral("CREATE INDEX uploads_user_idx ON uploads(user_id, room_id, hash)"),
          QStringLiteral("CREATE TABLE event_blobs ("
                         " room_id BIGINT NOT NULL,"
                         " seq BIGINT NOT NULL,"
                         " blob_id BYTEA NOT NULL REFERENCES blobs(id) ON DELETE CASCADE,"
                         " PRIMARY KEY (room_id, seq, blob_id))"),
          QStringLiteral("CREATE INDEX event_blobs_blob_idx ON event_blobs(blob_id)")}},
        {9,
         QStringLiteral("index for paging the replies of a thread"),
         // Partial: most events are not replies, and thread_root = ? implies the condition,
         // so both backends use it for thread_history. On PostgreSQL an index on the
         // partitioned table is made on every partition, later ones included (as in 6).
         {QStringLiteral("CREATE INDEX events_thread_idx ON events(room_id, thread_root, seq) "
                         "WHERE thread_root IS NOT NULL")},
         {QStringLiteral("CREATE INDEX events_thread_idx ON events(room_id, thread_root, seq) "
                         "WHERE thread_root IS NOT NULL")}},
        {10, QStringLiteral("a version of each room's audience, moved by triggers"),
         // Servers keep who a room's sends reach (members, their listed devices, their
         // notification settings and blocks) in memory, and read only this number per send to
         // know whether what they keep is still right. Triggers move it, so that no code path
         // that changes an audience can forget to, on any node of a cluster.
         // Per-user changes lock the rows they move in room order (PostgreSQL), so that two of
         // them at once cannot deadlock on a shared room.
         audienceVersionSqlite(), audienceVersionPostgres()},
    };
    return migrations;
}

int latestSchemaVersion()
{
    return allMigrations().constLast().version;
}

} // namespace moim::server
