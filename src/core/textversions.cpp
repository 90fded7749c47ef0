#include "textversions.h"

#include "signature.h"
#include "sqlcolumns.h"
#include "storeconnection.h"

namespace kiosk {

namespace {
namespace col {
// One table's columns: the id indexes RowReader's positions, the name is the SQL column.
constexpr Column Kind { 0, "kind" }, Id { 1, "id" }, Version { 2, "version" }, Sha256 { 3, "sha256" },
    FirstSeen { 4, "first_seen" };
} // namespace col

void bindKey(QSqlQuery& q, TextVersions::Kind kind, const QString& id, int version)
{
    bind(q, col::Kind, TextVersions::kindName(kind));
    bind(q, col::Id, id);
    bind(q, col::Version, version);
}
} // namespace

QString TextVersions::kindName(Kind kind)
{
    return kind == Kind::Petition ? QStringLiteral("petition") : QStringLiteral("consent");
}

VoidResult TextVersions::check(Kind kind, const QString& id, int version, const QByteArray& sha256)
{
    if (const VoidResult s = m_connection.begin(); !s)
        return s;
    QSqlQuery q = m_connection.query();
    q.prepare(
        QStringLiteral("SELECT sha256 FROM campaign_texts WHERE kind = :kind AND id = :id AND version = :version"));
    bindKey(q, kind, id, version);
    if (!q.exec())
        return m_connection.failFrom(q);
    if (q.next() && q.value(0).toString() != QString::fromLatin1(sha256.toHex()))
        return m_connection.fail(StoreError::TextChanged, QStringLiteral("text version conflict"),
            QStringLiteral("the %1 text of %2 changed, but its version is still %3. A changed "
                           "text needs a new version number.")
                .arg(kindName(kind), id)
                .arg(version));
    return {};
}

VoidResult TextVersions::record(Kind kind, const QString& id, int version, const QByteArray& sha256)
{
    if (const VoidResult s = check(kind, id, version, sha256); !s)
        return s;
    QSqlQuery q = m_connection.query();
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO campaign_texts (kind, id, version, sha256, first_seen) "
                             "VALUES (:kind, :id, :version, :sha256, :first_seen)"));
    bindKey(q, kind, id, version);
    bind(q, col::Sha256, QString::fromLatin1(sha256.toHex()));
    bind(q, col::FirstSeen, toIsoUtc(QDateTime::currentDateTimeUtc()));
    if (!q.exec())
        return m_connection.failFrom(q);
    return {};
}

} // namespace kiosk
