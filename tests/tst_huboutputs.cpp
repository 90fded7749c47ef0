// petition-hub's outputs on paper: the report (totals, charts that read in black and white, every batch) and the
// hand-in list (supporters.pdf, supporters.csv, hand-in.json), read back with poppler's pdftotext and pdftoppm, on
// SQLite and on a throwaway PostgreSQL server; and what they do with an empty hub, a range with nothing in it, a
// language no installed font can print, and an --out that cannot take files.

#include "core/campaign.h"
#include "core/csv.h"
#include "hub/hubdatabase.h"
#include "hub/hubduplicates.h"
#include "hub/hubhandin.h"
#include "hub/hubimporter.h"
#include "hubtesting.h"
#include "sealedkiosk.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

#include <unistd.h>

using namespace kiosk;
using namespace kiosk::hub;
using test::HubRun;
using test::runHub;
using test::SealedKiosk;

namespace {

// Text of a PDF (all pages, or one), as a reader's copy and paste gives it; NFKC, as poppler maps some CJK glyphs to
// their compatibility forms.
QString pdfText(const QString& pdf, int page = 0)
{
    QProcess p;
    QStringList args { QStringLiteral("-layout") };
    if (page > 0)
        args << QStringLiteral("-f") << QString::number(page) << QStringLiteral("-l") << QString::number(page);
    p.start(QStringLiteral("pdftotext"), args << pdf << QStringLiteral("-"));
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return QStringLiteral("pdftotext failed: ") + QString::fromLocal8Bit(p.readAllStandardError());
    return QString::fromUtf8(p.readAllStandardOutput()).normalized(QString::NormalizationForm_KC);
}

int pdfPages(const QString& pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdfinfo"), { pdf });
    p.waitForFinished(60000);
    const QRegularExpressionMatch m
        = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(QString::fromLatin1(p.readAllStandardOutput()));
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

// A page rendered by pdftoppm: the share of its pixels that are not white, and how many distinct greys it has.
struct Ink
{
    double share = 0;
    int greys = 0;
};
Ink pageInk(const QString& pdf, int page, const QString& pngOut)
{
    QProcess p;
    const QString base = pngOut.chopped(4);
    p.start(QStringLiteral("pdftoppm"),
        { QStringLiteral("-r"), QStringLiteral("50"), QStringLiteral("-gray"), QStringLiteral("-png"),
            QStringLiteral("-singlefile"), QStringLiteral("-f"), QString::number(page), QStringLiteral("-l"),
            QString::number(page), pdf, base });
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    const QImage image(pngOut);
    if (image.isNull())
        return {};
    qint64 inked = 0;
    QSet<int> greys;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const int g = qGray(image.pixel(x, y));
            inked += g < 250;
            greys.insert(g / 16);
        }
    return { double(inked) / double(image.width() * image.height()), int(greys.size()) };
}

QString sha256Of(const QString& path)
{
    return QString::fromLatin1(QCryptographicHash::hash(test::readFile(path), QCryptographicHash::Sha256).toHex());
}

} // namespace

class TestHubOutputs : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase() { m_hubs.stop(); }
    void theReportShowsTotalsStallsChartsAndBatches_data() { test::HubBackends::rows(); }
    void theReportShowsTotalsStallsChartsAndBatches();
    void theReportPrintsChinese();
    void aLanguageNoFontCanPrintIsRefused();
    void anEmptyHubOrRangeSaysNoSignatures();
    void outputThatCannotBeWrittenFailsBeforeAnyWork();
    void theHandInListsNamesByDayThenNameWithoutDuplicates_data() { test::HubBackends::rows(); }
    void theHandInListsNamesByDayThenNameWithoutDuplicates();
    void aSealedHubNeedsTheKeyToHandIn();
    void aCampaignMustSayWhichConsentCoversTheHandIn();

private:
    // Two stalls' kiosks sign (two London days, a duplicate across the stalls, one signer under consent version 2,
    // one on petition version 2, and enough names for three pages), export, and the hub imports and marks.
    struct Filled
    {
        QStringList manifests; // every batch's manifest SHA-256
        int listed = 0; // names the hand-in must list
    };
    Filled fill(HubDatabase& db);
    QString pdfIn(const QString& name) { return m_out.filePath(name); }

    test::HubBackends m_hubs;
    QTemporaryDir m_out;
    QString m_campaigns;
};

void TestHubOutputs::initTestCase()
{
    m_hubs.start();
    for (const char* tool : { "pdftotext", "pdftoppm", "pdfinfo" })
        QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty(),
            "poppler-utils is needed (sudo apt install poppler-utils)");
}

TestHubOutputs::Filled TestHubOutputs::fill(HubDatabase& db)
{
    Filled filled;
    SealedKiosk market, station;
    if (!market.open() || !station.open())
        return {};
    const auto sign = [](SealedKiosk& k, const QString& stall, const QString& name, const QString& at, int consent = 1,
                          int petition = 1) {
        Signature s = test::sampleSignature(name, QStringLiteral("SW1A 1AA"), {});
        s.stallId = stall;
        s.signedAt = QDateTime::fromString(at, Qt::ISODate);
        s.consentVersion = consent;
        s.petitionVersion = petition;
        return k.store.signatures().save(s).status == SaveResult::Status::Stored;
    };
    const QString market1 = QStringLiteral("market-square"), station1 = QStringLiteral("station-road");
    // 23:30 UTC on 30 June is 1 July in London: Zed signs on 1 July, after Abe by name though before him by the clock.
    bool ok = sign(market, market1, QStringLiteral("Zed Example"), QStringLiteral("2026-06-30T23:30:00Z"))
        && sign(market, market1, QStringLiteral("Abe Example"), QStringLiteral("2026-07-01T10:00:00Z"))
        && sign(market, market1, QStringLiteral("Siobhán Ní Bhriain"), QStringLiteral("2026-07-01T11:00:00Z"))
        && sign(market, market1, QStringLiteral("Ann Example"), QStringLiteral("2026-07-02T09:00:00Z"))
        && sign(station, station1, QStringLiteral("ann example"), QStringLiteral("2026-07-03T09:00:00Z"))
        && sign(station, station1, QStringLiteral("Consent Two"), QStringLiteral("2026-07-03T09:30:00Z"), 2)
        && sign(station, station1, QStringLiteral("Petition Two"), QStringLiteral("2026-07-03T09:40:00Z"), 1, 2);
    for (int i = 0; ok && i < 80; ++i)
        ok = sign(station, station1,
            QStringLiteral("Signer Number%1%2").arg(QChar(u'a' + i / 26)).arg(QChar(u'a' + i % 26)),
            QStringLiteral("2026-07-04T%1:%2:00Z")
                .arg(10 + i / 60, 2, 10, QLatin1Char('0'))
                .arg(i % 60, 2, 10, QLatin1Char('0')));
    if (!ok)
        return {};
    for (auto [k, stall] : { std::pair { &market, market1 }, std::pair { &station, station1 } })
        if (BatchExporter(k->store, QStringLiteral("test")).exportNew(k->stick, stall).status
            != BatchExporter::Outcome::Status::Exported)
            return {};
    HubImporter importer(db, test::coordinatorKeys());
    for (const QString& stick : { market.stick, station.stick })
        for (const ImportReport& r : importer.importPaths({ stick }))
            if (r.outcome != ImportReport::Outcome::Imported)
                return {};
    if (!HubDuplicates::mark(db))
        return {};
    QSqlQuery q = db.query();
    q.exec(QStringLiteral("SELECT manifest_sha256 FROM batches"));
    while (q.next())
        filled.manifests << q.value(0).toString();
    filled.listed = 4 + 80; // Zed, Abe, Siobhán, the first Ann, and the numbered signers
    return filled;
}

// pdftotext finds the total, the stalls and every batch's manifest hash; page 1 and the chart page are not blank, and
// the chart has more than black and white in it (its patterns and tints).
void TestHubOutputs::theReportShowsTotalsStallsChartsAndBatches()
{
    QString where;
    const auto db = m_hubs.open(&where);
    QVERIFY(db);
    const Filled filled = fill(*db);
    QCOMPARE(filled.manifests.size(), 2);
    const QString pdf = pdfIn(QStringLiteral("report.pdf"));
    QFile::remove(pdf);
    const HubRun r = runHub(where, { QStringLiteral("report"), QStringLiteral("--out"), pdf });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String("86 signatures")), qPrintable(r.out));
    const QString text = pdfText(pdf);
    // 87 signed; one is a duplicate.
    QVERIFY2(text.contains(QLatin1String("86 signatures")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("1 duplicates left out")));
    QVERIFY(text.contains(QLatin1String("From 1 July 2026 to 4 July 2026 (London days)")));
    QVERIFY(text.contains(QLatin1String("market-square")));
    QVERIFY(text.contains(QLatin1String("station-road (82)"))); // the chart's legend
    QVERIFY(text.contains(QLatin1String("I call for urgent, open and independent investigation")));
    for (const QString& hash : filled.manifests)
        QVERIFY2(text.contains(hash), qPrintable(hash + QLatin1Char('\n') + text));
    QVERIFY2(!text.contains(QLatin1String("Siobhán")) && !text.contains(QLatin1String("Example")),
        "the report holds no name");
    const Ink cover = pageInk(pdf, 1, m_out.filePath(QStringLiteral("cover.png")));
    const Ink chart = pageInk(pdf, 2, m_out.filePath(QStringLiteral("chart.png")));
    QVERIFY2(cover.share > 0.02, qPrintable(QString::number(cover.share)));
    QVERIFY2(chart.share > 0.03, qPrintable(QString::number(chart.share)));
    QVERIFY2(chart.greys >= 6, qPrintable(QString::number(chart.greys)));
    QVERIFY(pdfText(pdf, 2).contains(QLatin1String("Signatures per day, by stall")));
    // Flags: a batch whose predecessor is missing is flagged, in the table, with the chain's own words.
    QVERIFY(text.contains(QLatin1String("Flags")) && text.contains(QLatin1String("none")));
}

// The cover in simplified Chinese, with Noto CJK.
void TestHubOutputs::theReportPrintsChinese()
{
    const QString where = m_hubs.newLocation(QStringLiteral("sqlite"));
    const QString pdf = pdfIn(QStringLiteral("report-zh.pdf"));
    const HubRun r = runHub(where,
        { QStringLiteral("report"), QStringLiteral("--out"), pdf, QStringLiteral("--language"),
            QStringLiteral("zh_CN") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const Result<Campaign> campaign = CampaignLoader::load(QString::fromLatin1(Campaign::BuiltInFolder));
    QVERIFY(campaign);
    const QString title = campaign->textsFor(QStringLiteral("zh_CN")).petitionTitle;
    QVERIFY(!title.isEmpty());
    const QString text = pdfText(pdf);
    QVERIFY2(text.contains(title.normalized(QString::NormalizationForm_KC)), qPrintable(text.left(400)));
    const HubRun bad = runHub(where,
        { QStringLiteral("report"), QStringLiteral("--out"), pdf, QStringLiteral("--language"), QStringLiteral("fr") });
    QCOMPARE(bad.code, 2);
    QVERIFY(bad.err.contains(QLatin1String("en, zh_CN, zh_TW")));
}

// With only DejaVu installed (a fontconfig of its own), the Chinese cover is refused, saying what to install, and no
// file is left; the English one is still written.
void TestHubOutputs::aLanguageNoFontCanPrintIsRefused()
{
    QTemporaryDir fonts;
    const QString dejavu = QStringLiteral("/usr/share/fonts/truetype/dejavu");
    QVERIFY(QFileInfo(dejavu).isDir());
    QVERIFY(test::writeFile(fonts.filePath(QStringLiteral("fonts.conf")),
        QStringLiteral("<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig><dir>%1</dir>"
                       "<cachedir>%2</cachedir></fontconfig>")
            .arg(dejavu, fonts.filePath(QStringLiteral("cache")))
            .toUtf8()));
    const QString database = m_hubs.newLocation(QStringLiteral("sqlite"));
    const auto run = [&](const QString& language, const QString& pdf) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FONTCONFIG_FILE"), fonts.filePath(QStringLiteral("fonts.conf")));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(KIOSK_HUB_BIN),
            { QStringLiteral("--database"), database, QStringLiteral("report"), QStringLiteral("--out"), pdf,
                QStringLiteral("--language"), language });
        p.waitForFinished(120000);
        return std::make_pair(p.exitCode(), QString::fromUtf8(p.readAllStandardError()));
    };
    const QString zh = m_out.filePath(QStringLiteral("no-font.pdf"));
    auto [code, err] = run(QStringLiteral("zh_CN"), zh);
    QCOMPARE(code, 1);
    QVERIFY2(err.contains(QLatin1String("No installed font can print the zh_CN wording"))
            && err.contains(QLatin1String("fonts-noto-cjk")),
        qPrintable(err));
    QVERIFY(!QFileInfo::exists(zh));
    std::tie(code, err) = run(QStringLiteral("en"), m_out.filePath(QStringLiteral("dejavu.pdf")));
    QVERIFY2(code == 0, qPrintable(err));
}

void TestHubOutputs::anEmptyHubOrRangeSaysNoSignatures()
{
    const QString where = m_hubs.newLocation(QStringLiteral("sqlite"));
    const QString pdf = pdfIn(QStringLiteral("empty.pdf"));
    HubRun r = runHub(where, { QStringLiteral("report"), QStringLiteral("--out"), pdf });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QString text = pdfText(pdf);
    QVERIFY2(text.contains(QLatin1String("No signatures yet")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("No batches yet")));
    // A hub with signatures, and a range of days with none.
    {
        auto db = HubDatabase::open(where);
        QVERIFY(db);
        QVERIFY(fill(**db).listed > 0);
    }
    r = runHub(where,
        { QStringLiteral("report"), QStringLiteral("--out"), pdf, QStringLiteral("--from"),
            QStringLiteral("2027-01-01"), QStringLiteral("--to"), QStringLiteral("2027-01-31") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    text = pdfText(pdf);
    QVERIFY2(
        text.contains(QLatin1String("No signatures in these days")) && text.contains(QLatin1String("1 January 2027")),
        qPrintable(text));
    // Nothing to hand in: said, and no file written.
    QTemporaryDir out;
    r = runHub(m_hubs.newLocation(QStringLiteral("sqlite")),
        { QStringLiteral("hand-in"), QStringLiteral("--out"), out.path() });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("No signatures to hand in")), qPrintable(r.err));
    QCOMPARE(QDir(out.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).size(), 0);
}

// A missing folder, a folder that takes no files, and a file where a folder should be: refused before the hub
// database is even opened (a SQLite hub would be created by opening it), and nothing left behind.
void TestHubOutputs::outputThatCannotBeWrittenFailsBeforeAnyWork()
{
    QTemporaryDir dir;
    const QString database = dir.filePath(QStringLiteral("never-made.sqlite"));
    const QString readOnly = dir.filePath(QStringLiteral("read-only"));
    QVERIFY(QDir().mkpath(readOnly));
    QVERIFY(QFile::setPermissions(readOnly, QFile::ReadOwner | QFile::ExeOwner));
    // Root writes into any folder; /proc/1 takes no new file from anyone.
    const QString noFiles = ::geteuid() == 0 ? QStringLiteral("/proc/1") : readOnly;
    const QString file = dir.filePath(QStringLiteral("a-file"));
    QVERIFY(test::writeFile(file, "x"));
    const QList<QStringList> cases {
        { QStringLiteral("report"), QStringLiteral("--out"), dir.filePath(QStringLiteral("missing/report.pdf")) },
        { QStringLiteral("report"), QStringLiteral("--out"), noFiles + QStringLiteral("/report.pdf") },
        { QStringLiteral("hand-in"), QStringLiteral("--out"), dir.filePath(QStringLiteral("missing")) },
        { QStringLiteral("hand-in"), QStringLiteral("--out"), noFiles },
        { QStringLiteral("hand-in"), QStringLiteral("--out"), file },
    };
    for (const QStringList& args : cases) {
        const HubRun r = runHub(database, args);
        QVERIFY2(r.code == 1, qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.err));
        QVERIFY2(r.err.contains(QLatin1String("Nothing was written")), qPrintable(r.err));
        QVERIFY2(!QFileInfo::exists(database), qPrintable(args.join(QLatin1Char(' '))));
    }
    QCOMPARE(QDir(readOnly).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).size(), 0);
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).size(), 2);
    QFile::setPermissions(readOnly, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

void TestHubOutputs::theHandInListsNamesByDayThenNameWithoutDuplicates()
{
    QString where;
    const auto db = m_hubs.open(&where);
    QVERIFY(db);
    const Filled filled = fill(*db);
    QVERIFY(filled.listed > 0);
    QTemporaryDir out;
    const HubRun r = runHub(where, { QStringLiteral("hand-in"), QStringLiteral("--out"), out.path() });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String("84 names on 3 pages, from 2 batches"))
            && r.out.contains(QLatin1String("Left out: 1 duplicates, 1 under a consent version"))
            && r.out.contains(QLatin1String("1 for another petition")),
        qPrintable(r.out));

    // The CSV: BOM, CRLF, every cell quoted; by London day, then by name.
    const QByteArray csvBytes = test::readFile(out.filePath(QStringLiteral("supporters.csv")));
    QVERIFY(csvBytes.startsWith("\xEF\xBB\xBF\"number\""));
    QCOMPARE(csvBytes.count("\r\n"), filled.listed + 1);
    QCOMPARE(csvBytes.count('\n'), filled.listed + 1);
    const CsvReader::Result csv = CsvReader::parse(csvBytes, true);
    QVERIFY2(csv.ok(), qPrintable(csv.error));
    QCOMPARE(csv.records.size(), filled.listed + 1);
    const auto row = [&](int i) { return csv.records.at(i); };
    QCOMPARE(row(1),
        (QStringList { QStringLiteral("1"), QStringLiteral("Abe Example"), QStringLiteral("SW"),
            QStringLiteral("United Kingdom"), QStringLiteral("2026-07-01") }));
    QCOMPARE(row(2).at(1), QStringLiteral("Siobhán Ní Bhriain"));
    QCOMPARE(row(3).at(1), QStringLiteral("Zed Example"));
    QCOMPARE(row(3).at(4), QStringLiteral("2026-07-01"));
    QCOMPARE(row(4).at(1), QStringLiteral("Ann Example"));
    QCOMPARE(row(5).at(1), QStringLiteral("Signer Numberaa"));
    QCOMPARE(row(filled.listed).at(0), QString::number(filled.listed));
    for (const QStringList& rec : csv.records)
        QVERIFY2(!rec.contains(QStringLiteral("ann example")) && !rec.contains(QStringLiteral("Consent Two"))
                && !rec.contains(QStringLiteral("Petition Two")),
            qPrintable(rec.join(QLatin1Char(','))));

    // The PDF: the full wording on page 1, the short form, page numbers and the running total on the others, 45 names
    // to a full page.
    const QString pdf = out.filePath(QStringLiteral("supporters.pdf"));
    QCOMPARE(pdfPages(pdf), 3);
    const QString first = pdfText(pdf, 1), second = pdfText(pdf, 2), third = pdfText(pdf, 3);
    QVERIFY(first.contains(QLatin1String("I call for urgent, open and independent investigation")));
    QVERIFY(first.contains(QLatin1String("Page 1 of 3")));
    QVERIFY2(first.contains(QStringLiteral("Siobhán Ní Bhriain")), qPrintable(first));
    QVERIFY(!second.contains(QLatin1String("I call for urgent")));
    QVERIFY2(second.simplified().contains(QLatin1String("(The full wording is on page 1.)"))
            && second.contains(QLatin1String("Page 2 of 3")),
        qPrintable(second));
    const QRegularExpression total(QStringLiteral("Names (\\d+) to (\\d+) on this page. Running total: (\\d+) of 84."));
    const QRegularExpressionMatch onSecond = total.match(second);
    QVERIFY2(onSecond.hasMatch(), qPrintable(second));
    QCOMPARE(onSecond.captured(2).toInt() - onSecond.captured(1).toInt() + 1, HubHandIn::LinesPerPage);
    QVERIFY(third.contains(QLatin1String("Running total: 84 of 84.")));
    QCOMPARE(second.count(QStringLiteral("Signer Number")), HubHandIn::LinesPerPage);

    // hand-in.json: the counts, the batches it came from, and both files' hashes.
    const QJsonObject json
        = QJsonDocument::fromJson(test::readFile(out.filePath(QStringLiteral("hand-in.json")))).object();
    QCOMPARE(json.value(QStringLiteral("format")).toString(), QString::fromLatin1(HubHandIn::Format));
    const QJsonObject counts = json.value(QStringLiteral("counts")).toObject();
    QCOMPARE(counts.value(QStringLiteral("names")).toInt(), filled.listed);
    QCOMPARE(counts.value(QStringLiteral("pages")).toInt(), 3);
    QCOMPARE(counts.value(QStringLiteral("duplicates_left_out")).toInt(), 1);
    QCOMPARE(counts.value(QStringLiteral("consent_not_covering")).toInt(), 1);
    QCOMPARE(counts.value(QStringLiteral("other_petitions")).toInt(), 1);
    QStringList batches;
    for (const QJsonValue& v : json.value(QStringLiteral("batches")).toArray())
        batches << v.toString();
    QStringList manifests = filled.manifests;
    manifests.sort();
    QCOMPARE(batches, manifests);
    const QJsonObject files = json.value(QStringLiteral("files")).toObject();
    QCOMPARE(files.value(QStringLiteral("supporters.pdf")).toString(), sha256Of(pdf));
    QCOMPARE(files.value(QStringLiteral("supporters.csv")).toString(),
        sha256Of(out.filePath(QStringLiteral("supporters.csv"))));
    for (const QString& name : QDir(out.path()).entryList(QDir::Files))
        QCOMPARE(
            QFileInfo(out.filePath(name)).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
}

// A sealed hub's names open only with the coordinator's key: without it the hand-in is refused; with it, listed.
void TestHubOutputs::aSealedHubNeedsTheKeyToHandIn()
{
    const QString where = m_hubs.newLocation(QStringLiteral("sqlite"));
    {
        auto db = HubDatabase::open(where, HubDatabase::Store::Sealed);
        QVERIFY(db);
        QVERIFY(fill(**db).listed > 0);
    }
    QTemporaryDir out;
    const HubRun r = runHub(where, { QStringLiteral("hand-in"), QStringLiteral("--out"), out.path() });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("needs --key coordinator.key")), qPrintable(r.err));
    QCOMPARE(QDir(out.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).size(), 0);
    auto db = HubDatabase::open(where);
    QVERIFY(db);
    const Result<Campaign> campaign = CampaignLoader::load(QString::fromLatin1(Campaign::BuiltInFolder));
    HubHandIn handIn(out.path());
    QVERIFY(handIn.open());
    const Result<HubHandIn::Outcome> written = handIn.write(**db, *campaign, test::coordinatorKeys());
    QVERIFY2(written, qPrintable(written.errorString()));
    QCOMPARE(written->names, 84);
    QVERIFY(test::readFile(out.filePath(QStringLiteral("supporters.csv"))).contains("Siobhán Ní Bhriain"));
}

// campaign.json names the consent versions that cover handing names in; without them, nothing is handed in.
void TestHubOutputs::aCampaignMustSayWhichConsentCoversTheHandIn()
{
    QTemporaryDir campaignDir;
    const QString folder = campaignDir.path();
    QVERIFY(test::copyBuiltInCampaign(folder));
    const QString jsonPath = folder + QStringLiteral("/campaign.json");
    QJsonObject root = QJsonDocument::fromJson(test::readFile(jsonPath)).object();
    QJsonObject consent = root.value(QStringLiteral("consent")).toObject();
    consent.remove(QStringLiteral("hand_in_versions"));
    root.insert(QStringLiteral("consent"), consent);
    QVERIFY(test::writeFile(jsonPath, QJsonDocument(root).toJson()));
    const QString where = m_hubs.newLocation(QStringLiteral("sqlite"));
    {
        auto db = HubDatabase::open(where);
        QVERIFY(db);
        QVERIFY(fill(**db).listed > 0);
    }
    QTemporaryDir out;
    HubRun r = runHub(where,
        { QStringLiteral("hand-in"), QStringLiteral("--out"), out.path(), QStringLiteral("--campaign"), folder });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("hand_in_versions")), qPrintable(r.err));
    QCOMPARE(QDir(out.path()).entryList(QDir::Files).size(), 0);
    // Version 2 only: only Consent Two is listed.
    consent.insert(QStringLiteral("hand_in_versions"), QJsonArray { 2 });
    root.insert(QStringLiteral("consent"), consent);
    QVERIFY(test::writeFile(jsonPath, QJsonDocument(root).toJson()));
    r = runHub(where,
        { QStringLiteral("hand-in"), QStringLiteral("--out"), out.path(), QStringLiteral("--campaign"), folder });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const CsvReader::Result csv
        = CsvReader::parse(test::readFile(out.filePath(QStringLiteral("supporters.csv"))), true);
    QCOMPARE(csv.records.size(), 2);
    QCOMPARE(csv.records.at(1).at(1), QStringLiteral("Consent Two"));
    // Not a list of versions: the campaign is refused, saying so.
    for (const QJsonValue& bad : { QJsonValue(QStringLiteral("1")), QJsonValue(QJsonArray { 0 }),
             QJsonValue(QJsonArray { 1.5 }), QJsonValue(QJsonArray { QStringLiteral("1") }) }) {
        consent.insert(QStringLiteral("hand_in_versions"), bad);
        root.insert(QStringLiteral("consent"), consent);
        QVERIFY(test::writeFile(jsonPath, QJsonDocument(root).toJson()));
        const Result<Campaign> loaded = CampaignLoader::load(folder);
        QVERIFY(!loaded);
        QVERIFY2(
            loaded.errorString().contains(QLatin1String("consent.hand_in_versions")), qPrintable(loaded.errorString()));
    }
}

QTEST_MAIN(TestHubOutputs)
#include "tst_huboutputs.moc"
