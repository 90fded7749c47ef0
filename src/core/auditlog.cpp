#include "auditlog.h"

#include "logging.h"
#include "signature.h"
#include "sqlcolumns.h"
#include "storeconnection.h"

namespace kiosk {

namespace {
namespace col {
// One table's columns: the id indexes RowReader's positions, the name is the SQL column.
constexpr Column At { 0, "at" }, Action { 1, "action" }, Detail { 2, "detail" };
} // namespace col
const RowShape kEntry { col::At, col::Action, col::Detail };
} // namespace

VoidResult AuditLog::append(const QString& action, const QString& detail)
{
    if (const VoidResult s = m_connection.begin(); !s)
        return s;
    QSqlQuery q = m_connection.query();
    q.prepare(QStringLiteral("INSERT INTO audit (at, action, detail) VALUES (:at, :action, :detail)"));
    bind(q, col::At, toIsoUtc(QDateTime::currentDateTimeUtc()));
    bind(q, col::Action, action);
    bind(q, col::Detail, detail.isNull() ? QStringLiteral("") : detail);
    if (!q.exec())
        return m_connection.failFrom(q);
    qCInfo(lcStore) << "audit:" << action;
    return {};
}

Result<QList<AuditEntry>> AuditLog::newest(int limit)
{
    if (const VoidResult s = m_connection.begin(); !s)
        return s.failure();
    QSqlQuery q = m_connection.query();
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM audit ORDER BY id DESC LIMIT :limit").arg(kEntry.selectList()));
    q.bindValue(QStringLiteral(":limit"), limit);
    if (!q.exec())
        return m_connection.failFrom(q);
    const RowReader row(q, kEntry);
    QList<AuditEntry> entries;
    while (q.next())
        entries.append(
            { fromIsoUtc(row(col::At).toString()), row(col::Action).toString(), row(col::Detail).toString() });
    return entries;
}

} // namespace kiosk
