#include "batchverifier.h"

#include "batchcolumns.h"
#include "batchmanifest.h"
#include "csv.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace kiosk {

namespace {
const QString kCsv = QStringLiteral("signatures.csv");
const QString kManifest = QString::fromLatin1(BatchManifest::FileName);
const QString kSignatures = QStringLiteral("signatures");
} // namespace

BatchVerifier::Result BatchVerifier::verify(const QString& folder)
{
    Result r;
    const QDir dir(folder);
    QFile manifestFile(dir.filePath(kManifest));
    if (!manifestFile.open(QIODevice::ReadOnly)) {
        r.problems << QStringLiteral("manifest.json: missing or unreadable");
        return r;
    }
    QJsonParseError parseError {};
    const QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll(), &parseError).object();
    if (parseError.error != QJsonParseError::NoError
        || manifest.value(QStringLiteral("format")).toString() != QLatin1String(BatchManifest::Format)) {
        r.problems << QStringLiteral("manifest.json: not a petition-kiosk batch manifest");
        return r;
    }
    const QJsonObject files = manifest.value(QStringLiteral("files")).toObject();
    for (auto it = files.begin(); it != files.end(); ++it) {
        QFile f(dir.filePath(it.key()));
        if (!f.open(QIODevice::ReadOnly)) {
            r.problems << it.key() + QStringLiteral(": missing");
            continue;
        }
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&f);
        if (QString::fromLatin1(hash.result().toHex())
            != it.value().toObject().value(QStringLiteral("sha256")).toString())
            r.problems << it.key() + QStringLiteral(": SHA-256 differs from the manifest (the file was changed)");
    }
    // No signature file that the manifest does not list.
    QDirIterator extra(dir.filePath(kSignatures), QDir::Files);
    while (extra.hasNext()) {
        const QString name = kSignatures + QLatin1Char('/') + QFileInfo(extra.next()).fileName();
        if (!files.contains(name))
            r.problems << name + QStringLiteral(": not in the manifest");
    }

    QFile csvFile(dir.filePath(kCsv));
    if (!csvFile.open(QIODevice::ReadOnly)) {
        r.ok = false;
        if (!r.problems.contains(QStringLiteral("signatures.csv: missing")))
            r.problems << QStringLiteral("signatures.csv: missing");
        return r;
    }
    const CsvReader::Result csv = CsvReader::parse(csvFile.readAll(), true);
    if (!csv.hadBom)
        r.problems << QStringLiteral("signatures.csv: no UTF-8 byte-order mark");
    if (!csv.ok())
        r.problems << QStringLiteral("signatures.csv ") + csv.error;
    const QStringList expected = BatchColumns::headers();
    if (csv.records.isEmpty() || csv.records.first() != expected)
        r.problems << QStringLiteral("signatures.csv row 1: the header is not the batch format's columns");
    const int signatureFileAt = BatchColumns::indexOf("signature_file");
    const int batchIdAt = BatchColumns::indexOf("batch_id");
    const QString batchId = manifest.value(QStringLiteral("batch_id")).toString();
    for (qsizetype i = 1; i < csv.records.size(); ++i) {
        const QStringList& rec = csv.records.at(i);
        if (rec.size() != expected.size()) {
            r.problems << QStringLiteral("signatures.csv row %1: %2 fields, expected %3")
                              .arg(i + 1)
                              .arg(rec.size())
                              .arg(expected.size());
            continue;
        }
        const QString signatureFile = rec.at(signatureFileAt);
        if (!signatureFile.isEmpty() && !files.contains(signatureFile))
            r.problems
                << QStringLiteral("signatures.csv row %1: %2 is not in the manifest").arg(i + 1).arg(signatureFile);
        if (rec.at(batchIdAt) != batchId)
            r.problems << QStringLiteral("signatures.csv row %1: another batch id").arg(i + 1);
    }
    r.rows = qMax<qsizetype>(0, csv.records.size() - 1);
    const qint64 stated = manifest.value(QStringLiteral("row_count")).toInteger();
    if (r.rows != stated)
        r.problems << QStringLiteral("signatures.csv: %1 rows, the manifest says %2").arg(r.rows).arg(stated);
    r.ok = r.problems.isEmpty();
    return r;
}

} // namespace kiosk
