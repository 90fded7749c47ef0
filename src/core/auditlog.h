#pragma once

#include "result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace kiosk {

class StoreConnection;

struct AuditEntry
{
    QDateTime at;
    QString action;
    QString detail;
};

// The audit log: what a volunteer or coordinator did, and when. Never personal data.
class AuditLog final
{
public:
    explicit AuditLog(StoreConnection& connection)
        : m_connection(connection)
    {
    }

    VoidResult append(const QString& action, const QString& detail = {});
    Result<QList<AuditEntry>> newest(int limit); // newest first

private:
    StoreConnection& m_connection;
};

} // namespace kiosk
