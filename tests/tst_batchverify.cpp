// BatchVerifier against tampered and hostile batches (issue 13): each one is refused at its first failure, with the
// reason, and nothing outside the batch folder is read.

#include "core/batchcolumns.h"
#include "core/batchexporter.h"
#include "core/csv.h"
#include "core/signaturestore.h"
#include "sealingsupport.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace kiosk;

namespace {

using test::readFile;
using test::writeFile;

bool editManifest(const QString& folder, const std::function<void(QJsonObject&)>& change)
{
    QJsonObject manifest = QJsonDocument::fromJson(readFile(folder + QStringLiteral("/manifest.json"))).object();
    change(manifest);
    return writeFile(folder + QStringLiteral("/manifest.json"), QJsonDocument(manifest).toJson());
}

// The CSV's records, changed and written back in the batch format.
bool editCsv(const QString& folder, const std::function<void(QList<QStringList>&)>& change)
{
    CsvReader::Result csv = CsvReader::parse(readFile(folder + QStringLiteral("/signatures.csv")), true);
    change(csv.records);
    QFile f(folder + QStringLiteral("/signatures.csv"));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    CsvWriter writer(&f);
    bool ok = writer.writeBom();
    for (const QStringList& record : std::as_const(csv.records))
        ok = ok && writer.writeRow(record);
    return ok;
}

} // namespace

class TestBatchVerify final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void aSoundBatchVerifies();
    void anAddedRowWithItsHashRecomputedIsRefused();
    void aManifestThatLeavesTheCsvOutIsRefused();
    void aDuplicatedRowIsRefused();
    void aNulInANameIsRefused();
    void manifestNamesOutsideTheBatchAreNeverRead_data();
    void manifestNamesOutsideTheBatchAreNeverRead();
    void linksAndSpecialFilesAreRefusedWithoutHanging();
    void anUnlistedFileIsRefused();
    void aDrawingMustBelongToItsOwnRow();

private:
    QString refusal();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_batch;
};

void TestBatchVerify::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    SignatureStore store;
    QVERIFY(test::openStoreReadable(store, m_dir->filePath(QStringLiteral("data"))));
    for (int i = 0; i < 3; ++i) {
        Signature s = test::sampleSignature(QStringLiteral("Signer %1").arg(i));
        if (i == 1)
            s.signatureSvg = R"(<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0 L10 10"/></svg>)";
        QCOMPARE(store.signatures().save(s).status, SaveResult::Status::Stored);
    }
    BatchExporter exporter(store, QStringLiteral("test"));
    const BatchExporter::Outcome done = exporter.exportNew(m_dir->filePath(QStringLiteral("out")), QStringLiteral("s"));
    QCOMPARE(done.status, BatchExporter::Outcome::Status::Exported);
    m_batch = done.folder;
}

// The first failure's reason; empty (and a test failure) when the batch verifies.
QString TestBatchVerify::refusal()
{
    const BatchVerifier::Result r = BatchVerifier::verify(m_batch);
    if (r.ok)
        return {};
    return r.problems.value(0);
}

void TestBatchVerify::aSoundBatchVerifies()
{
    const BatchVerifier::Result r = BatchVerifier::verify(m_batch);
    QVERIFY2(r.ok, qPrintable(r.problems.join(QLatin1Char('\n'))));
    QCOMPARE(r.rows, 3);
}

void TestBatchVerify::anAddedRowWithItsHashRecomputedIsRefused()
{
    QVERIFY(editCsv(m_batch, [](QList<QStringList>& records) {
        QStringList added = records.at(1);
        added[0] = QUuid::createUuid().toString(QUuid::WithoutBraces);
        added[5] = QStringLiteral("Forged Signer");
        records.append(added);
    }));
    QVERIFY(test::rehashInManifest(m_batch, QStringLiteral("signatures.csv")));
    QVERIFY2(refusal().contains(QLatin1String("4 rows, the manifest says 3")), qPrintable(refusal()));
}

void TestBatchVerify::aManifestThatLeavesTheCsvOutIsRefused()
{
    QVERIFY(editManifest(m_batch, [](QJsonObject& m) {
        QJsonObject files = m.value(QStringLiteral("files")).toObject();
        files.remove(QStringLiteral("signatures.csv"));
        m.insert(QStringLiteral("files"), files);
    }));
    QVERIFY2(refusal().contains(QLatin1String("signatures.csv is not listed")), qPrintable(refusal()));
    QVERIFY(editManifest(m_batch, [](QJsonObject& m) { m.insert(QStringLiteral("files"), QJsonObject {}); }));
    QVERIFY2(refusal().contains(QLatin1String("signatures.csv is not listed")), qPrintable(refusal()));
}

void TestBatchVerify::aDuplicatedRowIsRefused()
{
    QVERIFY(editCsv(m_batch, [](QList<QStringList>& records) { records.append(records.at(1)); }));
    QVERIFY(test::rehashInManifest(m_batch, QStringLiteral("signatures.csv")));
    QVERIFY(editManifest(m_batch, [](QJsonObject& m) { m.insert(QStringLiteral("row_count"), 4); }));
    QVERIFY2(refusal().contains(QLatin1String("appears twice")), qPrintable(refusal()));
}

void TestBatchVerify::aNulInANameIsRefused()
{
    QVERIFY(editCsv(m_batch, [](QList<QStringList>& records) {
        records[2][5] = QStringLiteral("Signer") + QChar(0) + QStringLiteral("Hidden");
    }));
    QVERIFY(test::rehashInManifest(m_batch, QStringLiteral("signatures.csv")));
    const QString why = refusal();
    QVERIFY2(why.startsWith(QLatin1String("signatures.csv")) && !why.isEmpty(), qPrintable(why));
}

void TestBatchVerify::manifestNamesOutsideTheBatchAreNeverRead_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("up and out") << "../../etc/shadow";
    QTest::newRow("absolute") << "/etc/passwd";
    QTest::newRow("a device") << "/dev/zero";
    QTest::newRow("another folder") << "signatures/../../data/signatures.sqlite";
    QTest::newRow("not a drawing's name") << "signatures/notes.txt";
}

// A manifest that names a file outside the batch is refused for the name alone: verify never opens it, so it cannot
// answer "OK" or "differs" about files it should not see, and /dev/zero cannot make it hang.
void TestBatchVerify::manifestNamesOutsideTheBatchAreNeverRead()
{
    QFETCH(QString, name);
    QVERIFY(editManifest(m_batch, [&name](QJsonObject& m) {
        QJsonObject files = m.value(QStringLiteral("files")).toObject();
        files.insert(name, QJsonObject { { QStringLiteral("bytes"), 0 }, { QStringLiteral("sha256"), QString() } });
        m.insert(QStringLiteral("files"), files);
    }));
    QVERIFY2(refusal().contains(QLatin1String("is not a name a batch may hold")), qPrintable(refusal()));
}

void TestBatchVerify::linksAndSpecialFilesAreRefusedWithoutHanging()
{
    const QString drawing = QDir(m_batch + QStringLiteral("/signatures")).entryList(QDir::Files).value(0);
    QVERIFY(!drawing.isEmpty());
    const QString path = m_batch + QStringLiteral("/signatures/") + drawing;
    QVERIFY(QFile::remove(path));
    QVERIFY(QFile::link(QStringLiteral("/dev/zero"), path));
    QVERIFY2(refusal().contains(QLatin1String("a link")), qPrintable(refusal()));

    QVERIFY(QFile::remove(path));
    QVERIFY(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
    QVERIFY2(refusal().contains(QLatin1String("not a regular file")), qPrintable(refusal()));

    // The manifest itself as a FIFO: refused at once, not waited on.
    QVERIFY(QFile::remove(path));
    QVERIFY(QFile::remove(m_batch + QStringLiteral("/manifest.json")));
    QVERIFY(::mkfifo(QFile::encodeName(m_batch + QStringLiteral("/manifest.json")).constData(), 0600) == 0);
    QVERIFY2(refusal().contains(QLatin1String("manifest.json: not a regular file")), qPrintable(refusal()));
}

void TestBatchVerify::anUnlistedFileIsRefused()
{
    QVERIFY(writeFile(m_batch + QStringLiteral("/extra.csv"), "id\r\n"));
    QVERIFY2(refusal().contains(QLatin1String("extra.csv: not in the manifest")), qPrintable(refusal()));
}

void TestBatchVerify::aDrawingMustBelongToItsOwnRow()
{
    // Row 3 claims row 2's drawing: the drawing would be counted twice, and row 3's signer given a signature.
    QVERIFY(editCsv(m_batch, [](QList<QStringList>& records) {
        const int at = BatchColumns::indexOf(BatchKind::Clear, "signature_file");
        for (qsizetype i = 1; i < records.size(); ++i) {
            if (!records[i][at].isEmpty()) {
                records[i == 1 ? 2 : 1][at] = records[i][at];
                break;
            }
        }
    }));
    QVERIFY(test::rehashInManifest(m_batch, QStringLiteral("signatures.csv")));
    QVERIFY2(refusal().contains(QLatin1String("not this row's own drawing")), qPrintable(refusal()));
}

QTEST_GUILESS_MAIN(TestBatchVerify)
#include "tst_batchverify.moc"
