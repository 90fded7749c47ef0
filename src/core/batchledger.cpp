#include "batchledger.h"

#include "metavalues.h"
#include "signature.h"
#include "sqlcolumns.h"
#include "storeconnection.h"

#include <QDateTime>

namespace kiosk {

namespace {
namespace col {
// One table's columns: the id indexes RowReader's positions, the name is the SQL column.
constexpr Column Id { 0, "id" }, CreatedAt { 1, "created_at" }, StallId { 2, "stall_id" }, DeviceId { 3, "device_id" },
    RowCount { 4, "row_count" }, FirstSignedAt { 5, "first_signed_at" }, LastSignedAt { 6, "last_signed_at" },
    Destination { 7, "destination" }, StagingPath { 8, "staging_path" }, CsvSha256 { 9, "csv_sha256" },
    AppVersion { 10, "app_version" }, Status { 11, "status" }, FirstRow { 12, "first_row" }, LastRow { 13, "last_row" },
    Sequence { 14, "sequence" }, PreviousManifest { 15, "previous_manifest_sha256" },
    ManifestSha256 { 16, "manifest_sha256" };
} // namespace col

const RowShape kBatch { col::Id, col::CreatedAt, col::StallId, col::DeviceId, col::RowCount, col::FirstSignedAt,
    col::LastSignedAt, col::Destination, col::StagingPath, col::CsvSha256, col::AppVersion, col::Status, col::FirstRow,
    col::LastRow, col::Sequence, col::PreviousManifest, col::ManifestSha256 };

BatchRecord batchFrom(const RowReader& row)
{
    BatchRecord b;
    b.id = row(col::Id).toString();
    b.createdAt = row(col::CreatedAt).toString();
    b.stallId = row(col::StallId).toString();
    b.deviceId = row(col::DeviceId).toString();
    b.rowCount = row(col::RowCount).toLongLong();
    b.firstSignedAt = row(col::FirstSignedAt).toString();
    b.lastSignedAt = row(col::LastSignedAt).toString();
    b.destination = row(col::Destination).toString();
    b.stagingPath = row(col::StagingPath).toString();
    b.csvSha256 = row(col::CsvSha256).toString();
    b.appVersion = row(col::AppVersion).toString();
    b.status = row(col::Status).toString() == BatchLedger::statusName(BatchStatus::Complete) ? BatchStatus::Complete
                                                                                             : BatchStatus::Marked;
    b.firstRow = row(col::FirstRow).toLongLong();
    b.lastRow = row(col::LastRow).toLongLong();
    b.sequence = row(col::Sequence).toLongLong();
    b.previousManifestSha256 = row(col::PreviousManifest).toString();
    b.manifestSha256 = row(col::ManifestSha256).toString();
    return b;
}

QString selectBatches(const QString& tail)
{
    return QStringLiteral("SELECT %1 FROM batches %2").arg(kBatch.selectList(), tail);
}
} // namespace

QString BatchLedger::statusName(BatchStatus status)
{
    switch (status) {
    case BatchStatus::New:
        return QStringLiteral("new");
    case BatchStatus::Marked:
        return QStringLiteral("marked");
    case BatchStatus::Complete:
        return QStringLiteral("complete");
    }
    return {};
}

VoidResult BatchLedger::mark(const BatchRecord& b)
{
    WriteTransaction tx(m_connection);
    if (!tx.started())
        return tx.started();
    QSqlQuery q = m_connection.query();
    // Another batch marked meanwhile: the range must start above the mark. (The rows in the range cannot change:
    // rows are numbered by AUTOINCREMENT, so a later row is never numbered into it, and rows not yet exported are
    // never deleted.)
    q.prepare(QStringLiteral("SELECT coalesce(max(last_row), 0) FROM batches"));
    if (!q.exec() || !q.next())
        return m_connection.failFrom(q);
    if (q.value(0).toLongLong() >= b.firstRow || b.lastRow < b.firstRow)
        return m_connection.fail(StoreError::ChangedMeanwhile, QStringLiteral("marked rows differ from the batch"),
            QStringLiteral("The signatures changed while the batch was written (another "
                           "export?). Nothing was marked; export again."));
    q.finish();
    q.prepare(QStringLiteral("INSERT INTO batches (%1) VALUES (:id, :created_at, :stall_id, :device_id, :row_count, "
                             ":first_signed_at, :last_signed_at, :destination, :staging_path, :csv_sha256, "
                             ":app_version, :status, :first_row, :last_row, :sequence, :previous_manifest_sha256, "
                             ":manifest_sha256)")
                  .arg(kBatch.selectList()));
    bind(q,
        { { col::Id, b.id }, { col::CreatedAt, b.createdAt }, { col::StallId, b.stallId },
            { col::DeviceId, b.deviceId }, { col::RowCount, b.rowCount }, { col::FirstSignedAt, b.firstSignedAt },
            { col::LastSignedAt, b.lastSignedAt }, { col::Destination, b.destination },
            { col::StagingPath, b.stagingPath }, { col::CsvSha256, b.csvSha256 }, { col::AppVersion, b.appVersion },
            { col::Status, BatchLedger::statusName(BatchStatus::Marked) }, { col::FirstRow, b.firstRow },
            { col::LastRow, b.lastRow },
            { col::Sequence, b.sequence > 0 ? QVariant(b.sequence) : QVariant(QMetaType::fromType<qint64>()) },
            { col::PreviousManifest, nullIfEmpty(b.previousManifestSha256) },
            { col::ManifestSha256, nullIfEmpty(b.manifestSha256) } });
    if (!q.exec())
        return m_connection.failFrom(q);
    return tx.commit();
}

VoidResult BatchLedger::forget(const BatchRecord& b, const QString& confirmationSha256)
{
    WriteTransaction tx(m_connection);
    if (!tx.started())
        return tx.started();
    QSqlQuery q = m_connection.query();
    q.prepare(
        QStringLiteral("UPDATE signatures SET full_name = '', postcode = NULL, email = NULL, signature_svg = NULL, "
                       "sealed = NULL, sealed_drawing = NULL, name_postcode_tag = NULL, email_name_tag = NULL, "
                       "email_tag = NULL WHERE seq BETWEEN :first AND :last"));
    q.bindValue(QStringLiteral(":first"), b.firstRow);
    q.bindValue(QStringLiteral(":last"), b.lastRow);
    if (!q.exec())
        return m_connection.failFrom(q);
    q.prepare(QStringLiteral("INSERT INTO forgotten_batches (batch_id, forgotten_at, confirmation_sha256) VALUES "
                             "(:id, :at, :sha)"));
    q.bindValue(QStringLiteral(":id"), b.id);
    q.bindValue(QStringLiteral(":at"), toIsoUtc(QDateTime::currentDateTimeUtc()));
    q.bindValue(QStringLiteral(":sha"), confirmationSha256);
    if (!q.exec())
        return m_connection.failFrom(q);
    return tx.commit();
}

Result<QString> BatchLedger::forgottenAt(const QString& batchId)
{
    QSqlQuery q = m_connection.query();
    q.prepare(QStringLiteral("SELECT forgotten_at FROM forgotten_batches WHERE batch_id = :id"));
    q.bindValue(QStringLiteral(":id"), batchId);
    if (!q.exec())
        return m_connection.failFrom(q);
    return q.next() ? q.value(0).toString() : QString();
}

VoidResult BatchLedger::complete(const QString& batchId)
{
    if (const VoidResult s = m_connection.begin(); !s)
        return s;
    QSqlQuery q = m_connection.query();
    q.prepare(QStringLiteral("UPDATE batches SET status = :status WHERE id = :id"));
    bind(q, col::Status, BatchLedger::statusName(BatchStatus::Complete));
    bind(q, col::Id, batchId);
    if (!q.exec())
        return m_connection.failFrom(q);
    return MetaValues(m_connection).setTime(MetaKey::LastExportAt, QDateTime::currentDateTimeUtc());
}

VoidResult BatchLedger::unmark(const QString& batchId)
{
    WriteTransaction tx(m_connection);
    if (!tx.started())
        return tx.started();
    QSqlQuery q = m_connection.query();
    q.prepare(QStringLiteral("DELETE FROM batches WHERE id = :id"));
    bind(q, col::Id, batchId);
    if (!q.exec())
        return m_connection.failFrom(q);
    return tx.commit();
}

Result<QList<BatchRecord>> BatchLedger::all()
{
    if (const VoidResult s = m_connection.begin(); !s)
        return s.failure();
    QSqlQuery q = m_connection.query();
    q.setForwardOnly(true);
    if (!q.exec(selectBatches(QStringLiteral("ORDER BY created_at, id"))))
        return m_connection.failFrom(q);
    const RowReader row(q, kBatch);
    QList<BatchRecord> all;
    while (q.next())
        all.append(batchFrom(row));
    return all;
}

Result<BatchRecord> BatchLedger::find(const QString& id)
{
    if (const VoidResult s = m_connection.begin(); !s)
        return s.failure();
    QSqlQuery q = m_connection.query();
    q.setForwardOnly(true);
    q.prepare(selectBatches(QStringLiteral("WHERE id = :id")));
    bind(q, col::Id, id);
    if (!q.exec())
        return m_connection.failFrom(q);
    const RowReader row(q, kBatch);
    if (!q.next())
        return m_connection.fail(StoreError::NoSuchRecord, QStringLiteral("no batch %1").arg(id));
    return batchFrom(row);
}

Result<int> BatchLedger::countWithPrefix(const QString& prefix)
{
    if (const VoidResult s = m_connection.begin(); !s)
        return s.failure();
    QSqlQuery q = m_connection.query();
    q.prepare(QStringLiteral("SELECT count(*) FROM batches WHERE substr(id, 1, :length) = :prefix"));
    q.bindValue(QStringLiteral(":length"), prefix.size());
    q.bindValue(QStringLiteral(":prefix"), prefix);
    if (!q.exec() || !q.next())
        return m_connection.failFrom(q);
    return q.value(0).toInt();
}

Result<qint64> BatchLedger::highWaterMark()
{
    if (const VoidResult s = m_connection.begin(); !s)
        return s.failure();
    QSqlQuery q = m_connection.query();
    if (!q.exec(QStringLiteral("SELECT coalesce(max(last_row), 0) FROM batches")) || !q.next())
        return m_connection.failFrom(q);
    return q.value(0).toLongLong();
}

Result<ChainHead> BatchLedger::chainHead()
{
    if (const VoidResult s = m_connection.begin(); !s)
        return s.failure();
    QSqlQuery q = m_connection.query();
    if (!q.exec(QStringLiteral("SELECT sequence, manifest_sha256 FROM batches WHERE sequence IS NOT NULL ORDER BY "
                               "sequence DESC LIMIT 1")))
        return m_connection.failFrom(q);
    ChainHead head;
    if (q.next())
        head = { q.value(0).toLongLong(), q.value(1).toString() };
    return head;
}

} // namespace kiosk
