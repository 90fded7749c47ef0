#include "metavalues.h"

#include "signature.h"
#include "storeconnection.h"

namespace kiosk {

Result<QString> MetaValues::value(const QString& key)
{
    if (const VoidResult s = m_connection.begin(); !s)
        return s.failure();
    QSqlQuery q = m_connection.query();
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = :key"));
    q.bindValue(QStringLiteral(":key"), key);
    if (!q.exec())
        return m_connection.failFrom(q);
    return q.next() ? q.value(0).toString() : QString();
}

VoidResult MetaValues::setValue(const QString& key, const QString& value)
{
    if (const VoidResult s = m_connection.begin(); !s)
        return s;
    QSqlQuery q = m_connection.query();
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (:key, :value)"));
    q.bindValue(QStringLiteral(":key"), key);
    q.bindValue(QStringLiteral(":value"), value.isNull() ? QStringLiteral("") : value); // null would bind as NULL
    if (!q.exec())
        return m_connection.failFrom(q);
    return {};
}

VoidResult MetaValues::setValues(const QList<std::pair<QString, QString>>& values)
{
    WriteTransaction tx(m_connection);
    if (!tx.started())
        return tx.started();
    for (const auto& [key, value] : values) {
        if (const VoidResult s = setValue(key, value); !s)
            return s;
    }
    return tx.commit();
}

Result<QDateTime> MetaValues::time(const QString& key)
{
    const Result<QString> text = value(key);
    if (!text)
        return text.failure();
    return text->isEmpty() ? QDateTime() : fromIsoUtc(*text);
}

VoidResult MetaValues::setTime(const QString& key, const QDateTime& at)
{
    return setValue(key, at.isValid() ? toIsoUtc(at) : QString());
}

} // namespace kiosk
