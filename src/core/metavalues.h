#pragma once

#include "result.h"

#include <QDateTime>
#include <QList>

#include <QString>
#include <utility>

namespace kiosk {

class StoreConnection;

// The meta table's keys, named once. The PIN's keys belong to AdminPin and are named there.
namespace MetaKey {
inline const QString SchemaVersion = QStringLiteral("schema_version");
inline const QString PersonalCodec = QStringLiteral("personal_codec");
inline const QString DeviceId = QStringLiteral("device_id");
inline const QString LastOpenedAt = QStringLiteral("last_opened_at");
inline const QString LastExportAt = QStringLiteral("last_export_at");
inline const QString LastBackupAt = QStringLiteral("last_backup_at");
inline const QString LastBackupFile = QStringLiteral("last_backup_file");
inline const QString CoordinatorPublicKey = QStringLiteral("coordinator_public_key"); // base64, when sealed
inline const QString Sealing = QStringLiteral("sealing"); // "sealed" or "unsealed"; absent until enrolled
} // namespace MetaKey

// Small durable values of the kiosk's own (PIN hash, lockout, device id, when the last export and backup were).
// Never personal data.
class MetaValues final
{
public:
    explicit MetaValues(StoreConnection& connection)
        : m_connection(connection)
    {
    }

    // An absent key reads as an empty string.
    Result<QString> value(const QString& key);
    VoidResult setValue(const QString& key, const QString& value);
    // Several values in one transaction: all or none.
    VoidResult setValues(const QList<std::pair<QString, QString>>& values);

    // Times, stored as ISO 8601 UTC; an absent or unreadable time reads as an invalid QDateTime.
    Result<QDateTime> time(const QString& key);
    VoidResult setTime(const QString& key, const QDateTime& at);

private:
    StoreConnection& m_connection;
};

} // namespace kiosk
