#pragma once

#include "personaldatacodec.h"
#include "result.h"
#include "signature.h"
#include "signingrules.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QSqlQuery>
#include <QString>

#include <functional>

namespace kiosk {

class StoreConnection;

struct SaveResult
{
    enum class Status {
        Stored, // committed durably
        Duplicate, // this person has already signed; nothing stored, and nothing of the other record revealed
        Rejected, // a signing rule refused a field; see issues
        Failed, // storage failed; see error. Nothing was stored.
    };
    Status status = Status::Failed;
    QList<RuleIssue> issues;
    StoreError error = StoreError::None;
    QUuid id; // of the stored signature
    Signature stored; // as stored (normalised), when status is Stored
    // The signer's own entry after the signing rules (trimmed, NFC), when status is Stored or Duplicate: what the
    // thank-you screen greets. Never anything of the earlier signature a duplicate matched.
    Signature submitted;
};

// A signature as the export writes it: the stored text, unparsed, with the personal fields unsealed.
struct ExportRow
{
    QString id;
    QString signedAt;
    QString petitionId;
    QString petitionVersion;
    QString consentVersion;
    QString fullName;
    QString country;
    QString postcode;
    QString email;
    bool ukCitizenOrResident = false;
    bool contactOptIn = false;
    QString language;
    QString stallId;
    QString deviceId;
    QByteArray signatureSvg;
    // Always filled: what a sealed kiosk exports instead of the clear fields above, which it cannot open.
    QString postcodeArea;
    QByteArray sealed;
    QByteArray sealedDrawing;
    bool hasDrawing = false;
};

struct SignatureCounts
{
    qint64 total = 0;
    qint64 today = 0; // the stall's local day
    qint64 unexported = 0;
    QMap<QString, qint64> perPetition;
};

// The signatures and their duplicate checks. save() returns only once the commit is durable; every failure leaves
// nothing partial. Personal fields pass only through the connection's PersonalDataCodec.
class SignatureTable final
{
public:
    explicit SignatureTable(StoreConnection& connection)
        : m_connection(connection)
    {
    }

    // Applies the signing rules, checks for duplicates and stores, all in one write transaction.
    SaveResult save(const Signature& signature);
    // Stores many signatures in one transaction without the duplicate checks. For the benchmark's populate command
    // and for restoring; the signing rules still apply.
    VoidResult saveBulk(QList<Signature> signatures);

    Result<Signature> find(const QUuid& id); // StoreError::NoSuchRecord if there is none
    Result<SignatureCounts> counts(const QDateTime& now = QDateTime::currentDateTime());
    // Today's signatures by the stall's local hour: 24 counts (a summer-time change moves an hour, never a signature).
    Result<QList<qint64>> perHourToday(const QDateTime& now = QDateTime::currentDateTime());

    // Export. Rows are numbered in the order they were saved (signatures.seq, never reused); the batch ledger's
    // high-water mark says up to which row everything is exported. The highest row number now: a new batch takes the
    // unexported rows up to it, so that signatures saved while it is written wait for the next batch.
    Result<qint64> maxRowId();
    // The lowest row in afterRow+1..upToRow (0 if none) and, if `count`, how many rows lie there (-1 otherwise:
    // counting walks every row of the range, about 20 ms for 100,000 rows).
    struct RowRange
    {
        qint64 rows = -1;
        qint64 first = 0;
    };
    Result<RowRange> rowsBetween(qint64 afterRow, qint64 upToRow, bool count = true);
    // Visits the rows afterRow+1..upToRow in row order. The visitor returns false to stop; that ends the visit with
    // a failure of kind Other.
    VoidResult forEachExportRow(qint64 afterRow, qint64 upToRow, const std::function<bool(const ExportRow&)>& visit);

    // Called by the store when the connection opens and closes: the prepared statements live with the connection.
    VoidResult prepare();
    void release();

private:
    // The duplicate keys of a normalised signature; StallClosed while a sealed kiosk's stall is not open.
    Result<DedupKeys> keysOf(const Signature& s);
    VoidResult insert(const Signature& s, const DedupKeys& keys);
    Failure stallClosed();
    Result<SaveResult::Status> checkDuplicates(const Signature& s, const DedupKeys& keys, QList<RuleIssue>& issues);

    StoreConnection& m_connection;
    QSqlQuery m_insert;
    QSqlQuery m_byName;
    QSqlQuery m_byEmail;
    bool m_prepared = false;
};

} // namespace kiosk
