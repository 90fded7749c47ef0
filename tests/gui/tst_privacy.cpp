// Privacy: a signer's details appear nowhere but the database and the exports. The test signs with marker values
// through the real window, exports, runs the CLI verbosely, and searches every log line, stdout, stderr, the audit
// log and every other file and file name for the markers. It also checks the owner-only file modes.

#include "core/batchcolumns.h"
#include "core/coordinatorkey.h"
#include "core/csv.h"
#include "kioskfixture.h"

#include "core/batchexporter.h"
#include "core/platform.h"
#include "gui/readingview.h"

#include <QClipboard>
#include <QDirIterator>
#include <QHash>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QScopeGuard>
#include <QScrollArea>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTextDocument>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace kiosk;
using kiosk::test::KioskFixture;

namespace {
QStringList g_log;
QtMessageHandler g_previous = nullptr;
void capture(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    g_log << QStringLiteral("%1: %2").arg(QString::fromLatin1(context.category ? context.category : ""), message);
    if (g_previous)
        g_previous(type, context, message);
}

const QString kName = QStringLiteral("Zyxquorp Vexmarkle");
const QString kEmail = QStringLiteral("zyxquorp.marker@example.org");
const QString kPostcode = QStringLiteral("ZE3 9XP");
const QStringList kMarkers { QStringLiteral("Zyxquorp"), QStringLiteral("Vexmarkle"), QStringLiteral("zyxquorp.marker"),
    QStringLiteral("ZE3 9XP"), QStringLiteral("ZE39XP") };

QString markerIn(const QString& text)
{
    for (const QString& m : kMarkers) {
        if (text.contains(m, Qt::CaseInsensitive))
            return m;
    }
    return {};
}
} // namespace

class TestPrivacy final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void markersAppearOnlyInTheDatabaseAndTheExport();
    void nothingOfThePreviousSignerRemainsInAnyWidget();
    void stolenKioskRevealsNoSigner();
    void personalFieldsAskInputMethodsToForget();
    void readingViewsLoadOnlyTheCampaignsOwnImages();
};

void TestPrivacy::initTestCase()
{
    platform::restrictNewFilesToOwner(); // as the kiosk and the CLI do at start
    QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*.debug=true")); // the most talkative the kiosk gets
    g_previous = qInstallMessageHandler(capture);
}

void TestPrivacy::markersAppearOnlyInTheDatabaseAndTheExport()
{
    KioskFixture k;
    QVERIFY(k.walkToSignForm());
    k.fillForm(kName, kPostcode);
    QTest::mouseClick(k.inSign<QAbstractButton>(QStringLiteral("contactCheck")), Qt::LeftButton);
    test::typeText(k.inSign<QLineEdit>(QStringLiteral("emailEdit")), kEmail);
    // A rejected attempt first (a bad email), then the real one: refusals are logged too.
    k.inSign<QLineEdit>(QStringLiteral("emailEdit"))->setText(QStringLiteral("zyxquorp.marker@"));
    k.submit();
    k.inSign<QLineEdit>(QStringLiteral("emailEdit"))->setText(kEmail);
    k.submit();
    QCOMPARE(k.window->currentScreen(), KioskWindow::Screen::ThankYou);
    // A duplicate, and a wipe.
    QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("doneButton")), Qt::LeftButton);
    QVERIFY(k.walkToSignForm());
    k.fillForm(kName, kPostcode);
    k.submit();

    // A backup too: its file name is searched with the rest.
    QVERIFY(k.window->backUp());
    QCOMPARE(QDir(k.dir.filePath(QStringLiteral("backups"))).entryList(QDir::Files).size(), 1);

    const QString usb = k.dir.filePath(QStringLiteral("usb"));
    BatchExporter exporter(k.store, QStringLiteral("test"));
    const auto batch = exporter.exportNew(usb, k.settings->stallId());
    QCOMPARE(batch.status, BatchExporter::Outcome::Status::Exported);

    // The CLI, as verbose as it gets.
    QStringList cliOutput;
    for (const QStringList& args : { QStringList { "stats", "--json" }, QStringList { "batches" },
             QStringList { "audit" }, QStringList { "export", "--out", usb + QStringLiteral("-2") } }) {
        QProcess cli;
        cli.start(QStringLiteral(KIOSK_ADMIN_BIN),
            QStringList { QStringLiteral("--verbose"), QStringLiteral("--data-dir"), k.dir.path() } + args);
        QVERIFY(cli.waitForFinished(30000));
        cliOutput << QString::fromUtf8(cli.readAllStandardOutput()) << QString::fromUtf8(cli.readAllStandardError());
    }

    // Where the markers are allowed on an unsealed test kiosk: the database and the export. A sealed kiosk holds them
    // in neither (see stolenKioskRevealsNoSigner for every byte).
    const bool sealed = test::sealedRun();
    QSqlQuery q(k.store.database());
    QVERIFY(
        q.exec(QStringLiteral("SELECT count(*) FROM signatures WHERE full_name = 'Zyxquorp Vexmarkle'")) && q.next());
    QCOMPARE(q.value(0).toInt(), sealed ? 0 : 1);
    QFile csv(batch.folder + QStringLiteral("/signatures.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(csv.readAll().contains("Zyxquorp Vexmarkle"), !sealed);

    // Nowhere else.
    QVERIFY(g_log.size() > 10);
    for (const QString& line : std::as_const(g_log))
        QVERIFY2(markerIn(line).isEmpty(), qPrintable(QStringLiteral("log: ") + line));
    for (const QString& text : std::as_const(cliOutput))
        QVERIFY2(markerIn(text).isEmpty(), qPrintable(QStringLiteral("CLI: ") + text));
    for (const AuditEntry& e : k.store.audit().newest(1000).valueOr({}))
        QVERIFY2(markerIn(e.action + e.detail).isEmpty(), qPrintable(e.action));
    int filesSearched = 0;
    QDirIterator it(k.dir.path(), QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QVERIFY2(markerIn(path).isEmpty(), qPrintable(QStringLiteral("file name: ") + path));
        // Contents may hold the markers in the database, its backups and the exports; names never.
        const bool allowed = !sealed
            && (path.contains(QLatin1String("signatures.sqlite")) || path.contains(QLatin1String("/backups/"))
                || path.startsWith(usb));
        if (allowed)
            continue;
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(markerIn(QString::fromLatin1(f.readAll())).isEmpty(), qPrintable(QStringLiteral("file: ") + path));
        ++filesSearched;
    }
    QVERIFY(filesSearched >= 1); // kiosk.ini at least
    QVERIFY(QFileInfo::exists(k.dir.filePath(QStringLiteral("kiosk.ini"))));

#ifdef Q_OS_UNIX
    // Owner-only: every folder 0700 and every file 0600, in the data folder and in the exports.
    QDirIterator all(
        k.dir.path(), QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    int checked = 0;
    while (all.hasNext()) {
        const QString path = all.next();
        struct stat st
        {
        };
        QCOMPARE(stat(QFile::encodeName(path).constData(), &st), 0);
        const mode_t expected = S_ISDIR(st.st_mode) ? 0700 : 0600;
        QVERIFY2((st.st_mode & 0777) == expected,
            qPrintable(QStringLiteral("%1: %2").arg(path).arg(st.st_mode & 0777, 0, 8)));
        ++checked;
    }
    QVERIFY(checked > 8);
#endif
}

// Fifty signers through the real window of a sealed kiosk, a backup and an export; then, with the kiosk stopped, every
// byte of the data folder (database, -wal, -shm, backups, kiosk.ini, the batch) and of any core file is searched for
// every marker, in UTF-8, UTF-16 (both byte orders) and case-folded: none is there. The coordinator's key file and
// passphrase bring every marker back, from the database and from the batch.
void TestPrivacy::stolenKioskRevealsNoSigner()
{
    if (!test::sealedRun())
        QSKIP("an unsealed test kiosk keeps names in clear by design; tst_privacy_sealed runs this");
    QTemporaryDir keys;
    const QString passphrase = QStringLiteral("correct horse battery staple");
    QVERIFY(CoordinatorKey::writePair(keys.path(), passphrase));
    const auto publicKey = CoordinatorKey::readPublic(keys.filePath(QStringLiteral("coordinator.pub")));
    QVERIFY(publicKey);

    QStringList names;
    QStringList emails;
    const auto letters = [](int i) { return QString(QChar(u'a' + i / 26 % 26)) + QChar(u'a' + i % 26); };
    for (int i = 0; i < 50; ++i) {
        names << QStringLiteral("Qwzx%1 Marklewick").arg(letters(i));
        emails << QStringLiteral("qwzx%1.marklewick@example.org").arg(letters(i));
    }
    const QString postcode = QStringLiteral("ZE2 9QW");
    QStringList markers = names;
    markers << emails << postcode << QStringLiteral("ZE29QW") << QStringLiteral("Marklewick");

    QString dataDir;
    QString usb;
    {
        KioskFixture k({ 1280, 800 }, true, {}, {}, *publicKey);
        QVERIFY(k.store.sealing().state().valueOr({}).sealed());
        dataDir = k.dir.path();
        k.dir.setAutoRemove(false);
        for (int i = 0; i < names.size(); ++i) {
            QVERIFY(k.walkToSignForm());
            k.fillForm(names.at(i), postcode);
            if (i % 5 == 0) {
                QTest::mouseClick(k.inSign<QAbstractButton>(QStringLiteral("contactCheck")), Qt::LeftButton);
                test::typeText(k.inSign<QLineEdit>(QStringLiteral("emailEdit")), emails.at(i));
            }
            if (i % 7 == 0) { // some draw a signature too
                SignaturePad* pad = k.signPage()->signaturePad();
                QTest::mousePress(pad, Qt::LeftButton, {}, QPoint(20 + i, 20));
                QTest::mouseMove(pad, QPoint(80 + i, 60));
                QTest::mouseMove(pad, QPoint(140, 30 + i));
                QTest::mouseRelease(pad, Qt::LeftButton, {}, QPoint(150, 40));
            }
            k.submit();
            QCOMPARE(k.window->currentScreen(), KioskWindow::Screen::ThankYou);
            QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("doneButton")), Qt::LeftButton);
        }
        QCOMPARE(k.rows(), 50);
        QVERIFY(k.window->backUp());
        usb = k.dir.filePath(QStringLiteral("usb"));
        BatchExporter exporter(k.store, QStringLiteral("test"));
        QCOMPARE(exporter.exportNew(usb, k.settings->stallId()).status, BatchExporter::Outcome::Status::Exported);
        // A few more after the export: they are only in the database and its WAL.
        k.window.reset();
    }
    QDir cleanup(dataDir);
    const auto removeLater = qScopeGuard([&cleanup]() { cleanup.removeRecursively(); });

    // Every form of every marker.
    QList<QByteArray> needles;
    for (const QString& m : std::as_const(markers)) {
        for (const QString& form : { m, m.toLower(), m.toUpper(), m.toCaseFolded() }) {
            needles << form.toUtf8();
            QByteArray le;
            QByteArray be;
            for (const QChar c : form) {
                le.append(char(c.unicode() & 0xff)).append(char(c.unicode() >> 8));
                be.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xff));
            }
            needles << le << be;
        }
    }
    QStringList searched;
    qint64 bytes = 0;
    QStringList places { dataDir };
    QDirIterator it(
        dataDir, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files << it.next();
    // Core files, if any process left one here or in the working folder (core dumps are off in the kiosk).
    for (const QString& core : QDir().entryList({ QStringLiteral("core*") }, QDir::Files))
        files << QDir().absoluteFilePath(core);
    for (const QString& path : std::as_const(files)) {
        QFile f(path);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray content = f.readAll();
        bytes += content.size();
        for (const QByteArray& needle : std::as_const(needles))
            QVERIFY2(!content.contains(needle),
                qPrintable(QStringLiteral("%1 holds a marker").arg(QDir(dataDir).relativeFilePath(path))));
        searched << QDir(dataDir).relativeFilePath(path);
    }
    const QString all = searched.join(QLatin1Char(' '));
    for (const char* expected : { "signatures.sqlite", "kiosk.ini", "backups/", "usb/", "signatures.csv",
             "manifest.json", "drawings.bin", "manifest.sig", "device-signing.key" })
        QVERIFY2(all.contains(QLatin1String(expected)), qPrintable(all));
    QVERIFY(bytes > 50 * 100);
    qInfo("searched %lld bytes in %lld files", bytes, qint64(searched.size()));

    // The coordinator, with coordinator.key and its passphrase, gets every marker back.
    const auto pair = CoordinatorKey::readSecret(keys.filePath(QStringLiteral("coordinator.key")), passphrase);
    QVERIFY2(pair, qPrintable(pair.errorString()));
    const auto opening = std::make_shared<const Sealing::KeyPair>(
        Sealing::KeyPair { pair->publicKey, SecretBytes::copyOf(pair->secretKey.data(), pair->secretKey.size()) });
    SignatureStore coordinator;
    QVERIFY(coordinator.open(dataDir, SignatureStore::OpenMode::ExistingOnly));
    coordinator.sealing().setOpeningKeys(opening);
    QSqlQuery ids(coordinator.database());
    QVERIFY(ids.exec(QStringLiteral("SELECT id FROM signatures")));
    QStringList opened;
    QStringList openedEmails;
    QHash<QString, Signature> stored;
    while (ids.next()) {
        const Result<Signature> s = coordinator.signatures().find(QUuid(ids.value(0).toString()));
        QVERIFY2(s, qPrintable(s.errorString()));
        stored.insert(ids.value(0).toString(), *s);
        opened << s->fullName;
        if (!s->email.isEmpty())
            openedEmails << s->email;
        QCOMPARE(s->postcode, postcode);
    }
    opened.sort();
    QStringList expectedNames = names;
    expectedNames.sort();
    QCOMPARE(opened, expectedNames);
    QCOMPARE(openedEmails.size(), 10);
    // And from the batch on the stick: each sealed cell opens to its row's signer.
    QDirIterator batches(usb, { QStringLiteral("signatures.csv") }, QDir::Files, QDirIterator::Subdirectories);
    QVERIFY(batches.hasNext());
    QFile csvFile(batches.next());
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const CsvReader::Result csv = CsvReader::parse(csvFile.readAll(), true);
    QVERIFY(csv.ok());
    const int idAt = BatchColumns::indexOf(BatchKind::Sealed, "id");
    const int sealedAt = BatchColumns::indexOf(BatchKind::Sealed, "sealed");
    SealingPersonalDataCodec codec(pair->publicKey);
    codec.setOpeningKeys(opening);
    QStringList fromBatch;
    for (qsizetype i = 1; i < csv.records.size(); ++i) {
        const QStringList& rec = csv.records.at(i);
        QVERIFY(rec.at(sealedAt).startsWith(QLatin1String("s1:")));
        SealedFields sealedFields;
        sealedFields.sealed = QByteArray::fromBase64(rec.at(sealedAt).mid(3).toLatin1());
        const auto fields = codec.unseal(rec.at(idAt), sealedFields);
        QVERIFY(fields);
        fromBatch << fields->fullName;
        // Moved to another row, a sealed cell does not open: its box names its own row.
        if (i > 1)
            QVERIFY(!codec.unseal(csv.records.at(i - 1).at(idAt), sealedFields));
    }
    fromBatch.sort();
    QCOMPARE(fromBatch, expectedNames);

    // Python's csv module reads the sealed batch: the clear columns, then one sealed cell, which begins with "s1:".
    const auto readCsv = [](const QString& path) {
        QProcess py;
        py.start(
            QStringLiteral("python3"), { QStringLiteral(KIOSK_SOURCE_DIR "/tests/tools/read_batch_csv.py"), path });
        py.waitForFinished(30000);
        return QJsonDocument::fromJson(py.readAllStandardOutput()).object().value(QStringLiteral("records")).toArray();
    };
    const QJsonArray sealedRows = readCsv(csvFile.fileName());
    QCOMPARE(sealedRows.size(), 51);
    QCOMPARE(sealedRows.at(0).toArray().last().toString(), QStringLiteral("sealed"));
    for (qsizetype i = 1; i < sealedRows.size(); ++i)
        QVERIFY(sealedRows.at(i).toArray().last().toString().startsWith(QLatin1String("s1:")));

    // Round trip: open-batch with the key file and passphrase gives the clear batch, field for field what the
    // database holds (read by Python's csv module), and every drawing as it was drawn.
    const QString batchFolder = QFileInfo(csvFile.fileName()).absolutePath();
    const QString clear = dataDir + QStringLiteral("-clear");
    const auto removeClear = qScopeGuard([&clear]() { QDir(clear).removeRecursively(); });
    QProcess open;
    open.start(QStringLiteral(KIOSK_ADMIN_BIN),
        { QStringLiteral("open-batch"), batchFolder, QStringLiteral("--key"),
            keys.filePath(QStringLiteral("coordinator.key")), QStringLiteral("--out"), clear,
            QStringLiteral("--passphrase-stdin") });
    open.write(passphrase.toUtf8() + '\n');
    open.closeWriteChannel();
    QVERIFY(open.waitForFinished(60000));
    QVERIFY2(open.exitCode() == 0, open.readAllStandardError().constData());
    const QString clearFolder = clear + QLatin1Char('/') + QFileInfo(batchFolder).fileName();
    const QJsonArray rows = readCsv(clearFolder + QStringLiteral("/signatures.csv"));
    QCOMPARE(rows.size(), 51);
    QStringList header;
    for (const QJsonValue& v : rows.at(0).toArray())
        header << v.toString();
    QCOMPARE(header, BatchColumns::headers(BatchKind::Clear));
    int drawings = 0;
    for (qsizetype i = 1; i < rows.size(); ++i) {
        const QJsonArray row = rows.at(i).toArray();
        const auto field = [&](const char* name) { return row.at(header.indexOf(QLatin1String(name))).toString(); };
        QVERIFY(stored.contains(field("id")));
        const Signature& s = stored.value(field("id"));
        QCOMPARE(field("full_name"), s.fullName);
        QCOMPARE(field("postcode"), s.postcode);
        QCOMPARE(field("email"), s.email);
        QCOMPARE(field("country"), s.country);
        QCOMPARE(field("signed_at"), toIsoUtc(s.signedAt));
        QCOMPARE(field("contact_opt_in"), QString::fromLatin1(s.contactOptIn ? "yes" : "no"));
        QCOMPARE(field("signature_file").isEmpty(), s.signatureSvg.isEmpty());
        if (!s.signatureSvg.isEmpty()) {
            QFile svg(clearFolder + QLatin1Char('/') + field("signature_file"));
            QVERIFY(svg.open(QIODevice::ReadOnly));
            QCOMPARE(svg.readAll(), s.signatureSvg);
            ++drawings;
        }
    }
    QCOMPARE(drawings, 8); // signers 0, 7, 14, … 49
}

void TestPrivacy::personalFieldsAskInputMethodsToForget()
{
    KioskFixture k;
    QVERIFY(k.walkToSignForm());
    for (const char* name : { "nameEdit", "postcodeEdit", "emailEdit" }) {
        const Qt::InputMethodHints hints = k.inSign<QLineEdit>(QString::fromLatin1(name))->inputMethodHints();
        QVERIFY2(hints.testFlag(Qt::ImhSensitiveData) && hints.testFlag(Qt::ImhNoPredictiveText), name);
    }
}

void TestPrivacy::nothingOfThePreviousSignerRemainsInAnyWidget()
{
    KioskFixture k;
    k.window->setTiming({ 100, 1, 8000 });
    QVERIFY(k.walkToSignForm());
    k.fillForm(kName, kPostcode);
    QTest::mouseClick(k.inSign<QAbstractButton>(QStringLiteral("contactCheck")), Qt::LeftButton);
    test::typeText(k.inSign<QLineEdit>(QStringLiteral("emailEdit")), kEmail);
    QTest::mousePress(k.signPage()->signaturePad(), Qt::LeftButton, {}, QPoint(10, 10));
    QTest::mouseRelease(k.signPage()->signaturePad(), Qt::LeftButton, {}, QPoint(40, 30));
    QTRY_COMPARE_WITH_TIMEOUT(k.window->currentScreen(), KioskWindow::Screen::Attract, 4000);
    QVERIFY(k.walkToSignForm());
    QApplication::processEvents();
    // Every widget in the window: texts, accessible texts, and what line edits could undo.
    for (QWidget* w : k.window->findChildren<QWidget*>()) {
        QStringList texts { w->accessibleName(), w->accessibleDescription(), w->toolTip(), w->windowTitle() };
        if (auto* e = qobject_cast<QLineEdit*>(w)) {
            texts << e->text() << e->placeholderText();
            QVERIFY(!e->isUndoAvailable() && !e->isRedoAvailable());
        }
        if (auto* l = qobject_cast<QLabel*>(w))
            texts << l->text();
        if (auto* b = qobject_cast<QAbstractButton*>(w))
            texts << b->text();
        if (auto* t = qobject_cast<QTextBrowser*>(w))
            texts << t->toPlainText();
        for (const QString& text : texts)
            QVERIFY2(markerIn(text).isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(w->objectName(), text)));
    }
    QVERIFY(k.signPage()->signaturePad()->isEmpty());
    QCOMPARE(k.signPage()->keyboard()->mode(), OnScreenKeyboard::Mode::Name);
    QVERIFY(k.signPage()->keyboard()->isShifted());
    QVERIFY(!k.signPage()->keyboard()->accentsOpen());
    QVERIFY(QGuiApplication::clipboard()->text().isEmpty());
}

QTEST_MAIN(TestPrivacy)
// A page that names a file outside the campaign folder (a batch's CSV, /etc/passwd) shows nothing of it on the public
// screen, whatever the Markdown parser makes of the reference.
void TestPrivacy::readingViewsLoadOnlyTheCampaignsOwnImages()
{
    QTemporaryDir dir;
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("campaign/images"))));
    QImage dot(4, 4, QImage::Format_RGB32);
    dot.fill(Qt::blue);
    const QString inside = dir.filePath(QStringLiteral("campaign/images/dot.png"));
    const QString outside = dir.filePath(QStringLiteral("batch.png"));
    QVERIFY(dot.save(inside) && dot.save(outside));
    QVERIFY(QFile::link(outside, dir.filePath(QStringLiteral("campaign/images/linked.png"))));
    ReadingView view;
    view.setCampaignFolder(dir.filePath(QStringLiteral("campaign")));
    QVERIFY(!view.loadResource(QTextDocument::ImageResource, QUrl::fromLocalFile(inside)).isNull());
    QVERIFY(view.loadResource(QTextDocument::ImageResource, QUrl::fromLocalFile(outside)).isNull());
    QVERIFY(view.loadResource(QTextDocument::ImageResource,
                    QUrl::fromLocalFile(dir.filePath(QStringLiteral("campaign/images/linked.png"))))
                .isNull());
    QVERIFY(view.loadResource(QTextDocument::ImageResource, QUrl(QStringLiteral("file:///etc/passwd"))).isNull());
    QVERIFY(view.loadResource(QTextDocument::HtmlResource, QUrl(QStringLiteral("/etc/passwd"))).isNull());
    QVERIFY(
        view.loadResource(QTextDocument::ImageResource, QUrl(QStringLiteral("https://example.org/x.png"))).isNull());
    QVERIFY(!view.openLinks());
    // The kiosk's own views are ReadingViews.
    KioskFixture k;
    QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("startButton")), Qt::LeftButton);
    QVERIFY(k.find<ReadingView>(QStringLiteral("pageText")));
    QVERIFY(k.find<ReadingView>(QStringLiteral("petitionText")));
    QVERIFY(k.find<ReadingView>(QStringLiteral("privacyText")));
}

#include "tst_privacy.moc"
