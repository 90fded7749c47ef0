#include "signaturestore.h"

#include "schema.h"

#include <QSqlError>
#include <QStringList>

namespace kiosk {

SignatureStore::SignatureStore(std::unique_ptr<PersonalDataCodec> codec)
    : m_connection(std::move(codec))
{
}

SignatureStore::~SignatureStore()
{
    close();
}

VoidResult SignatureStore::open(const QString& dataDir, OpenMode mode, const Options& options)
{
    close();
    if (const VoidResult opened = m_connection.open(dataDir, mode, options); !opened)
        return opened;
    if (m_connection.atLatestSchema()) {
        if (const VoidResult prepared = m_signatures.prepare(); !prepared) {
            close();
            return prepared;
        }
    }
    return {};
}

void SignatureStore::close()
{
    m_signatures.release();
    m_connection.close();
}

VoidResult SignatureStore::integrityCheck()
{
    if (const VoidResult s = m_connection.begin(); !s)
        return s;
    QSqlQuery q = m_connection.query();
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
        return m_connection.fail(StoreError::Corrupt, q.lastError().text());
    QStringList lines;
    while (q.next())
        lines << q.value(0).toString();
    if (lines != QStringList { QStringLiteral("ok") })
        return m_connection.fail(StoreError::Corrupt, lines.join(QLatin1Char('\n')));
    return {};
}

VoidResult SignatureStore::checkpoint()
{
    QSqlQuery q = m_connection.query();
    if (!q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) || !q.next())
        return m_connection.failFrom(q);
    if (q.value(0).toInt() != 0)
        return m_connection.fail(StoreError::Busy, QStringLiteral("checkpoint blocked"),
            QStringLiteral("The database's log could not be emptied while another program reads it; it is emptied "
                           "when that program ends."));
    return {};
}

Result<int> SignatureStore::schemaVersion()
{
    if (const VoidResult s = m_connection.begin(); !s)
        return s.failure();
    QSqlDatabase db = m_connection.database();
    const int version = Schema::version(db);
    if (version < 0)
        return m_connection.fail(StoreError::Corrupt, QStringLiteral("the schema version cannot be read"));
    return version;
}

} // namespace kiosk
