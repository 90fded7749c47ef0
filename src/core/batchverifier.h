#pragma once

#include <QByteArray>
#include <QDir>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace kiosk {

// Checks a batch folder, which may come from anyone, against its manifest. It stops at the first failure and says
// why, so that nothing in a tampered batch is counted.
//
// Format 2 (a sealed kiosk's batch), in order:
//   1. manifest.json, manifest.sig, signatures.csv and drawings.bin are there, as regular files, and nothing else is;
//   2. manifest.sig is a valid Ed25519 signature of manifest.json's exact bytes by the device key the manifest names
//      (and, with Options::deviceKey, that key is the expected one); the chain fields are well formed;
//   3. both files have the manifest's sizes and SHA-256s, read once, as they are checked;
//   4. the CSV's rows as below, with the sealed cells well formed; drawings.bin holds one record for each row with a
//      drawing, in row order, and nothing else.
// Format 2 is read as a stream: memory does not grow with the batch (duplicate ids are found with a keyed Bloom filter
// of fixed size, and a second pass over the rows it flags).
//
// Format 1 (an unsealed test kiosk's batch), in order:
//   1. signatures.csv and manifest.json are present, as regular files, and the manifest is a batch manifest;
//   2. every file in the folder is listed and every listed file is present, as a regular file inside the folder
//      (no links, no special files, nothing but signatures.csv and signatures/<uuid>.svg);
//   3. each file's byte count and SHA-256 match the manifest;
//   4. the CSV is the batch format (BOM, header, quoted fields, CRLF), its row count is the manifest's, ids are
//      well-formed UUIDs and unique, and every field passes the signing rules;
//   5. every drawing is referenced by exactly one row, its own.
// Sizes are limited (BatchVerifier::Max*); a larger file is refused without being read.
class BatchVerifier final
{
public:
    static constexpr qint64 MaxManifestBytes = 64 * 1024 * 1024;
    static constexpr qint64 MaxCsvBytes = 1024 * 1024 * 1024;
    static constexpr qint64 MaxDrawingBytes = 1024 * 1024;
    static constexpr qint64 MaxDrawingsBinBytes = qint64(4) * 1024 * 1024 * 1024;
    static constexpr qint64 MaxSignatureBytes = 256;
    // A sealed batch's `sealed` cell: a sealed name, postcode and email (each within the form's limits), in base64.
    static constexpr int MaxSealedCellChars = 8192;

    struct Options
    {
        QString deviceKey; // a device key fingerprint ("XXXX-XXXX-XXXX-XXXX"): format 2 must be signed by it
        // False: a signed batch's rows (step 4) are left to the caller, who reads them once through a
        // SignedBatchReader and SignedRows (the hub's import stores them as it reads them). Format 1 ignores it.
        bool rows = true;
    };
    struct Result
    {
        bool ok = false;
        qint64 rows = 0;
        QStringList problems; // the first failure: "signatures.csv row 17: …", "signatures/<uuid>.svg: missing"
        // What a sound batch says of itself, for the chain checks (BatchChain) and the hub.
        int format = 0; // 1 or 2
        QString batchId;
        QString deviceId;
        QString stallId;
        QString deviceKey; // format 2: the signing key's fingerprint
        qint64 sequence = 0; // format 2
        QString previousManifestSha256; // format 2
        QString manifestSha256; // of manifest.json's bytes
        QJsonObject manifest; // the manifest as it verified: what a second read of the rows is checked against
        QString coordinatorKey; // format 2
    };
    static Result verify(const QString& batchFolder, const Options& options);
    static Result verify(const QString& batchFolder);

    // Step 4 of a signed batch, the same checks verify() makes, for a caller that reads the rows itself: each row the
    // reader gives goes to add(); once the reader has ended, finish() says what verify() would have said of the rows
    // (the reader's problem, a hash that differs, or the first repeated id), or nothing when they verified.
    class SignedRows final
    {
    public:
        SignedRows(QString folder, QJsonObject manifest);
        ~SignedRows();
        // False once too many ids repeat to check them exactly (finish() says so).
        bool add(const QByteArray& id);
        QString finish(class SignedBatchReader& reader);

    private:
        class Ids;
        QString m_folder;
        QJsonObject m_manifest;
        std::unique_ptr<Ids> m_ids;
        bool m_overflow = false;
    };
    // The batch folders under each path: the path itself if it holds a manifest, otherwise the folders directly in it
    // that do (a stick's root), in name order. Links are not followed.
    static QStringList batchFolders(const QStringList& paths);

private:
    static Result verifyClear(const QDir& dir, const QJsonObject& manifest, const Options& options);
    static Result verifySigned(
        const QDir& dir, const QByteArray& manifestBytes, const QJsonObject& manifest, const Options& options);
};

} // namespace kiosk
