// Campaign content: every page in every language, the petition wording verbatim from the seed, override folders,
// broken folders falling back to the built-in campaign, text versions, and complete translations.

#include "core/campaignfiles.h"
#include "core/campaignsource.h"
#include "core/signaturestore.h"

#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QXmlStreamReader>
#include <QtTest>

#include <sys/stat.h>

using namespace kiosk;

namespace {

// A copy of the built-in campaign on disk, to edit.
bool copyBuiltIn(const QString& to)
{
    QDirIterator it(QStringLiteral(":/campaign"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString from = it.next();
        const QString target = to + from.mid(QStringLiteral(":/campaign").size());
        QDir().mkpath(QFileInfo(target).path());
        if (!QFile::copy(from, target)
            || !QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            return false;
    }
    return true;
}

bool rewrite(const QString& path, const std::function<QByteArray(QByteArray)>& change)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray changed = change(f.readAll());
    f.close();
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(changed) == changed.size();
}

bool editJson(const QString& folder, const std::function<void(QJsonObject&)>& change)
{
    return rewrite(folder + QStringLiteral("/campaign.json"), [&change](const QByteArray& bytes) {
        QJsonObject o = QJsonDocument::fromJson(bytes).object();
        change(o);
        return QJsonDocument(o).toJson();
    });
}

// Sets one of the English texts in a campaign folder's campaign.json.
bool setEnglishText(const QString& folder, const QString& field, const QString& value)
{
    return editJson(folder, [&](QJsonObject& o) {
        QJsonObject texts = o.value(QStringLiteral("texts")).toObject();
        QJsonObject en = texts.value(QStringLiteral("en")).toObject();
        en.insert(field, value);
        texts.insert(QStringLiteral("en"), en);
        o.insert(QStringLiteral("texts"), texts);
    });
}

bool setEnglishFile(const QString& folder, const QString& field, const QString& file)
{
    return editJson(folder, [&](QJsonObject& o) {
        QJsonObject texts = o.value(QStringLiteral("texts")).toObject();
        QJsonObject en = texts.value(QStringLiteral("en")).toObject();
        en.insert(field, QJsonObject { { QStringLiteral("file"), file } });
        texts.insert(QStringLiteral("en"), en);
        o.insert(QStringLiteral("texts"), texts);
    });
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// The hostile and careless folders of issue 13, made in a copy of the built-in campaign.
bool breakHostile(const QString& folder, const QString& breakage)
{
    const QString page = folder + QStringLiteral("/pages/en/02-about-falun-gong.md");
    if (breakage == QLatin1String("parent-path"))
        return setEnglishFile(folder, QStringLiteral("privacy_full"), QStringLiteral("../../../../etc/passwd"));
    if (breakage == QLatin1String("absolute-path"))
        return setEnglishFile(folder, QStringLiteral("privacy_full"), QStringLiteral("/etc/passwd"));
    if (breakage == QLatin1String("symlink-out"))
        return QFile::remove(page) && QFile::link(QStringLiteral("/etc/passwd"), page);
    if (breakage == QLatin1String("device"))
        return QFile::link(QStringLiteral("/dev/zero"), folder + QStringLiteral("/zero.md"))
            && setEnglishFile(folder, QStringLiteral("privacy_short"), QStringLiteral("zero.md"));
    if (breakage == QLatin1String("fifo"))
        return ::mkfifo(QFile::encodeName(folder + QStringLiteral("/fifo.md")).constData(), 0600) == 0
            && setEnglishFile(folder, QStringLiteral("privacy_short"), QStringLiteral("fifo.md"));
    if (breakage == QLatin1String("huge-page")) {
        const QStringList pages = QDir(folder + QStringLiteral("/pages/en")).entryList({ QStringLiteral("03-*.md") });
        return !pages.isEmpty()
            && writeFile(
                folder + QStringLiteral("/pages/en/") + pages.first(), "# Long\n\n" + QByteArray(300 * 1024, 'a'));
    }
    if (breakage == QLatin1String("huge-notice"))
        return writeFile(folder + QStringLiteral("/privacy-short.en.md"), QByteArray(17 * 1024, 'a'));
    if (breakage == QLatin1String("binary-notice")) {
        QByteArray binary;
        for (int i = 0; i < 4096; ++i)
            binary += char((i * 37 + 11) % 256);
        return writeFile(folder + QStringLiteral("/privacy-short.en.md"), binary);
    }
    if (breakage == QLatin1String("many-languages"))
        return QDir().mkpath(folder + QStringLiteral("/pages/fr"))
            && QFile::copy(page, folder + QStringLiteral("/pages/fr/01.md")) && editJson(folder, [](QJsonObject& o) {
                   QJsonArray languages = o.value(QStringLiteral("languages")).toArray();
                   languages.append(QStringLiteral("fr"));
                   o.insert(QStringLiteral("languages"), languages);
               });
    if (breakage == QLatin1String("bad-language"))
        return editJson(folder, [](QJsonObject& o) {
            o.insert(QStringLiteral("languages"), QJsonArray { QStringLiteral("en"), QStringLiteral("../../data") });
        });
    return false;
}

QString collapse(QString s)
{
    static const QRegularExpression space(QStringLiteral("\\s+"), QRegularExpression::UseUnicodePropertiesOption);
    return s.replace(space, QStringLiteral(" ")).trimmed();
}

} // namespace

class TestCampaign final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void everyPageLoadsInEveryLanguage();
    void petitionWordingIsTheSeedsVerbatim();
    void pagesSayWhatTheSeedsSay();
    void overrideFolderReplacesTheTexts();
    void brokenFolderFallsBackWithItsMessage_data();
    void brokenFolderFallsBackWithItsMessage();
    void changedTextWithUnchangedVersionIsRefused();
    void imagesOnlyFromInsideTheFolder();
    void theWholeFolderIsLimited();
    void translationsHaveNoUnfinishedEntries_data();
    void translationsHaveNoUnfinishedEntries();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SignatureStore> m_store;
    QString m_copy;
};

void TestCampaign::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<SignatureStore>();
    QVERIFY(m_store->open(m_dir->filePath(QStringLiteral("data"))));
    m_copy = m_dir->filePath(QStringLiteral("campaign"));
    QVERIFY(copyBuiltIn(m_copy));
}

void TestCampaign::everyPageLoadsInEveryLanguage()
{
    const auto c = CampaignLoader::load(QString::fromLatin1(Campaign::BuiltInFolder));
    QVERIFY2(c, qPrintable(c.errorString()));
    QCOMPARE(c->languages, (QStringList { "en", "zh_CN", "zh_TW" }));
    const qsizetype pages = c->pages.value(QStringLiteral("en")).size();
    QVERIFY(pages >= 5);
    for (const QString& language : c->languages) {
        QCOMPARE(c->pages.value(language).size(), pages);
        for (const CampaignPage& page : c->pages.value(language)) {
            QVERIFY2(
                !page.title.isEmpty() && !page.teaser().isEmpty(), qPrintable(language + QLatin1Char('/') + page.slug));
            QTextDocument doc;
            doc.setMarkdown(page.markdown);
            QVERIFY(doc.toPlainText().size() > 200);
        }
        const CampaignTexts t = c->texts.value(language);
        for (const QString& text :
            { t.title, t.callToAction, t.petitionTitle, t.petitionText, t.consentText, t.privacyShort, t.privacyFull })
            QVERIFY2(!text.trimmed().isEmpty(), qPrintable(language));
    }
    // The Chinese pages are in Chinese, and the Traditional ones in Traditional characters.
    QVERIFY(c->pages.value(QStringLiteral("zh_CN")).at(1).markdown.contains(QStringLiteral("法轮功")));
    QVERIFY(c->pages.value(QStringLiteral("zh_TW")).at(1).markdown.contains(QStringLiteral("法輪功")));
}

void TestCampaign::petitionWordingIsTheSeedsVerbatim()
{
    QFile seed(QStringLiteral(KIOSK_SEEDS_DIR "/petition-page.txt"));
    QVERIFY2(seed.open(QIODevice::ReadOnly), qPrintable(seed.fileName()));
    const QString seedText = collapse(QString::fromUtf8(seed.readAll()));
    const auto c = CampaignLoader::load(QString::fromLatin1(Campaign::BuiltInFolder));
    const CampaignTexts en = c->texts.value(QStringLiteral("en"));
    QVERIFY(seedText.contains(en.petitionTitle));
    int sentences = 0;
    for (QString line : en.petitionText.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        line = collapse(line.startsWith(QLatin1String("- ")) ? line.mid(2) : line);
        QVERIFY2(seedText.contains(line), qPrintable(line));
        ++sentences;
    }
    QCOMPARE(sentences, 7); // the opening, "concerns", three concerns, the condemnation and the call
}

void TestCampaign::pagesSayWhatTheSeedsSay()
{
    const auto c = CampaignLoader::load(QString::fromLatin1(Campaign::BuiltInFolder));
    QString all;
    for (const QString& language : c->languages)
        for (const CampaignPage& p : c->pages.value(language))
            all += p.markdown;
    // The seeds' "now in its 21st year" is stale; the pages date the persecution instead.
    QVERIFY(!all.contains(QLatin1String("21st year")));
    const QString en = [&c]() {
        QString s;
        for (const CampaignPage& p : c->pages.value(QStringLiteral("en")))
            s += p.markdown;
        return s;
    }();
    for (const char* fact : { "20 July 1999", "Truthfulness, Compassion and Tolerance", "真", "善", "忍",
             "17 June 2019", "Sir Geoffrey Nice QC", "London", "Jiang Zemin", "alleged", "The Tribunal stated" })
        QVERIFY2(en.contains(QString::fromUtf8(fact)), fact);
    QVERIFY(!en.contains(QLatin1String("Getty")) && !en.contains(QLatin1String("![")));
}

void TestCampaign::overrideFolderReplacesTheTexts()
{
    QVERIFY(setEnglishText(m_copy, QStringLiteral("title"), QStringLiteral("A coordinator's headline")));
    QVERIFY(rewrite(m_copy + QStringLiteral("/pages/en/01-stop-the-persecution.md"),
        [](const QByteArray&) { return QByteArrayLiteral("# Updated page\n\nNew words from the coordinator.\n"); }));
    const CampaignSource::Choice choice = CampaignSource::choose(m_copy, *m_store);
    QVERIFY2(choice.problem.isEmpty(), qPrintable(choice.problem));
    QVERIFY(!choice.builtIn);
    QCOMPARE(choice.campaign->textsFor(QStringLiteral("en")).title, QStringLiteral("A coordinator's headline"));
    QCOMPARE(choice.campaign->pagesFor(QStringLiteral("en")).first().title, QStringLiteral("Updated page"));
}

void TestCampaign::brokenFolderFallsBackWithItsMessage_data()
{
    QTest::addColumn<QString>("breakage");
    QTest::addColumn<QString>("fileNamed");
    QTest::addColumn<QString>("saying");
    QTest::newRow("missing campaign.json") << "missing-json"
                                           << "campaign.json"
                                           << "missing";
    QTest::newRow("bad JSON") << "bad-json"
                              << "campaign.json"
                              << "not valid JSON";
    QTest::newRow("empty petition") << "empty-petition"
                                    << "campaign.json"
                                    << "petition text is empty";
    QTest::newRow("language without pages") << "no-pages"
                                            << "pages/zh_TW"
                                            << "has no pages";
    QTest::newRow("named file missing") << "missing-file"
                                        << "privacy-full.en.md"
                                        << "missing";
    QTest::newRow("page without heading") << "no-heading"
                                          << "02-about-falun-gong.md"
                                          << "heading";
    QTest::newRow("no version") << "no-version"
                                << "campaign.json"
                                << "petition.version";
    // Hostile or careless folders (issue 13): each is refused, naming the file and the rule it breaks.
    QTest::newRow("path up out of the folder") << "parent-path"
                                               << "../../../../etc/passwd"
                                               << "\"..\" may not be used";
    QTest::newRow("absolute path") << "absolute-path"
                                   << "/etc/passwd"
                                   << "only a path relative";
    QTest::newRow("page linked outside") << "symlink-out"
                                         << "02-about-falun-gong.md"
                                         << "leads outside the campaign folder";
    QTest::newRow("a device through a link") << "device"
                                             << "zero.md"
                                             << "leads outside the campaign folder";
    QTest::newRow("a FIFO") << "fifo"
                            << "fifo.md"
                            << "not a regular file";
    QTest::newRow("page over 256 KB") << "huge-page"
                                      << "03-"
                                      << "the limit is 256 KB";
    QTest::newRow("short notice over 16 KB") << "huge-notice"
                                             << "privacy-short.en.md"
                                             << "the limit is 16 KB";
    QTest::newRow("binary short notice") << "binary-notice"
                                         << "privacy-short.en.md"
                                         << "not valid UTF-8";
    QTest::newRow("too many languages") << "many-languages"
                                        << "campaign.json"
                                        << "the language bar has room for 3";
    QTest::newRow("language code as a path") << "bad-language"
                                             << "campaign.json"
                                             << "is not a language code";
}

void TestCampaign::brokenFolderFallsBackWithItsMessage()
{
    QFETCH(QString, breakage);
    QFETCH(QString, fileNamed);
    QFETCH(QString, saying);
    const auto setText = [this](const char* field, const QString& value) {
        return setEnglishText(m_copy, QString::fromLatin1(field), value);
    };
    if (breakage == QLatin1String("missing-json"))
        QVERIFY(QFile::remove(m_copy + QStringLiteral("/campaign.json")));
    else if (breakage == QLatin1String("bad-json"))
        QVERIFY(rewrite(m_copy + QStringLiteral("/campaign.json"), [](QByteArray b) { return b.replace('}', ""); }));
    else if (breakage == QLatin1String("empty-petition"))
        QVERIFY(setText("petition_text", QStringLiteral("  ")));
    else if (breakage == QLatin1String("no-pages"))
        QVERIFY(QDir(m_copy + QStringLiteral("/pages/zh_TW")).removeRecursively());
    else if (breakage == QLatin1String("missing-file"))
        QVERIFY(QFile::remove(m_copy + QStringLiteral("/privacy-full.en.md")));
    else if (breakage == QLatin1String("no-heading"))
        QVERIFY(rewrite(m_copy + QStringLiteral("/pages/en/02-about-falun-gong.md"),
            [](const QByteArray&) { return QByteArrayLiteral("No heading here.\n"); }));
    else if (breakage == QLatin1String("no-version"))
        QVERIFY(editJson(m_copy, [](QJsonObject& o) { o.remove(QStringLiteral("petition")); }));
    else if (!breakHostile(m_copy, breakage))
        QFAIL("the breakage could not be made");

    const CampaignSource::Choice choice = CampaignSource::choose(m_copy, *m_store);
    QVERIFY(choice.builtIn);
    QVERIFY(choice.campaign.has_value()); // the kiosk keeps running, on the built-in campaign
    QCOMPARE(choice.campaign->folder, QString::fromLatin1(Campaign::BuiltInFolder));
    QVERIFY2(choice.problem.contains(fileNamed), qPrintable(choice.problem));
    QVERIFY2(choice.problem.contains(saying), qPrintable(choice.problem));
}

void TestCampaign::changedTextWithUnchangedVersionIsRefused()
{
    CampaignSource::Choice choice = CampaignSource::choose(m_copy, *m_store);
    QVERIFY2(!choice.builtIn, qPrintable(choice.problem));

    // The petition wording changes; the version does not.
    QVERIFY(rewrite(m_copy + QStringLiteral("/petition.en.md"),
        [](QByteArray b) { return b.replace("unreservedly", "strongly"); }));
    choice = CampaignSource::choose(m_copy, *m_store);
    QVERIFY(choice.builtIn);
    QVERIFY2(
        choice.problem.contains(QLatin1String("campaign.json")) && choice.problem.contains(QLatin1String("version")),
        qPrintable(choice.problem));

    // With a new version it is accepted, and the old version is still remembered.
    QVERIFY(editJson(m_copy, [](QJsonObject& o) {
        o.insert(QStringLiteral("petition"), QJsonObject { { "id", "stop-persecution-uk" }, { "version", 2 } });
    }));
    choice = CampaignSource::choose(m_copy, *m_store);
    QVERIFY2(!choice.builtIn, qPrintable(choice.problem));
    QCOMPARE(choice.campaign->petitionVersion, 2);

    // The consent text is versioned the same way.
    QVERIFY(setEnglishText(m_copy, QStringLiteral("consent_text"), QStringLiteral("I agree to something else.")));
    choice = CampaignSource::choose(m_copy, *m_store);
    QVERIFY(choice.builtIn);
    QVERIFY(choice.problem.contains(QLatin1String("consent")));

    // A translation may be corrected under the same version: it is for reference only.
    QVERIFY(QFile::remove(m_copy + QStringLiteral("/campaign.json")));
    QVERIFY(QDir(m_copy).removeRecursively() && copyBuiltIn(m_copy));
    QVERIFY(rewrite(m_copy + QStringLiteral("/petition.zh_CN.md"), [](QByteArray b) { return b + "\n"; }));
    choice = CampaignSource::choose(m_copy, *m_store);
    QVERIFY2(!choice.builtIn, qPrintable(choice.problem));
}

void TestCampaign::translationsHaveNoUnfinishedEntries_data()
{
    QTest::addColumn<QString>("file");
    const QDir dir(QStringLiteral(KIOSK_SOURCE_DIR "/resources/translations"));
    const QStringList files = dir.entryList({ QStringLiteral("*.ts") });
    QCOMPARE(files.size(), 2);
    for (const QString& f : files)
        QTest::newRow(qPrintable(f)) << dir.filePath(f);
}

void TestCampaign::translationsHaveNoUnfinishedEntries()
{
    QFETCH(QString, file);
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&f);
    int messages = 0;
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            const QString text = xml.readElementText();
            QVERIFY2(type.isEmpty(), qPrintable(type + QStringLiteral(": ") + source));
            QVERIFY2(!text.trimmed().isEmpty(), qPrintable(source));
            // Every placeholder survives translation.
            for (const char* mark : { "%1", "%2" })
                QCOMPARE(text.count(QLatin1String(mark)), source.count(QLatin1String(mark)));
            ++messages;
        }
    }
    QVERIFY(!xml.hasError());
    QVERIFY(messages >= 80);
}

void TestCampaign::imagesOnlyFromInsideTheFolder()
{
    QVERIFY(QDir().mkpath(m_copy + QStringLiteral("/images")));
    QImage dot(4, 4, QImage::Format_RGB32);
    dot.fill(Qt::red);
    QVERIFY(dot.save(m_copy + QStringLiteral("/images/ok.png")));
    QVERIFY(writeFile(m_copy + QStringLiteral("/images/big.png"), QByteArray(3 * 1024 * 1024, 'x')));
    QVERIFY(writeFile(m_copy + QStringLiteral("/notes.txt"), "not an image"));
    QVERIFY(QFile::link(QStringLiteral("/etc/passwd"), m_copy + QStringLiteral("/images/linked.png")));
    QVERIFY(rewrite(m_copy + QStringLiteral("/pages/en/02-about-falun-gong.md"), [](QByteArray b) {
        return b
            + "\n\n![a](/etc/passwd) ![b](../outside-the-folder.png) <img src=\"file:///etc/passwd\"> "
              "![c](images/ok.png)"
              " ![d](images/big.png) ![e](notes.txt) ![f](images/linked.png)\n";
    }));
    const Result<Campaign> c = CampaignSource::check(m_copy, *m_store);
    QVERIFY2(c, qPrintable(c.errorString()));
    QString page;
    for (const CampaignPage& p : c->pages.value(QStringLiteral("en")))
        page += p.markdown;
    QVERIFY(!page.contains(QLatin1String("passwd")));
    QVERIFY(!page.contains(QLatin1String("outside-the-folder")));
    QVERIFY(!page.contains(QLatin1String("big.png")));
    QVERIFY(!page.contains(QLatin1String("notes.txt")));
    QVERIFY(!page.contains(QLatin1String("linked.png")));
    QVERIFY(!page.contains(QLatin1String("<img")));
    const QString kept
        = QUrl::fromLocalFile(QFileInfo(m_copy + QStringLiteral("/images/ok.png")).canonicalFilePath()).toString();
    QVERIFY2(page.contains(kept), qPrintable(page.right(300)));
    // check-campaign reports each image it left out.
    QCOMPARE(c->notes.size(), 6);
    const QString notes = c->notes.join(QLatin1Char('\n'));
    for (const char* named :
        { "/etc/passwd", "../outside-the-folder.png", "<img", "images/big.png", "notes.txt", "linked.png" })
        QVERIFY2(notes.contains(QLatin1String(named)), qPrintable(notes));
}

void TestCampaign::theWholeFolderIsLimited()
{
    // Each file within its own limit, but together more than the folder may hold: in each of the three languages,
    // twenty pages, the petition text and the full privacy notice of 255 KB each.
    const QByteArray filler = "# Filler\n\n" + QByteArray(255 * 1024, 'a');
    for (const QString& language : { QStringLiteral("en"), QStringLiteral("zh_CN"), QStringLiteral("zh_TW") }) {
        const QString pages = m_copy + QStringLiteral("/pages/") + language;
        QVERIFY(QDir(pages).removeRecursively() && QDir().mkpath(pages));
        for (int i = 0; i < 20; ++i)
            QVERIFY(writeFile(pages + QStringLiteral("/%1-filler.md").arg(10 + i), filler));
        QVERIFY(writeFile(m_copy + QStringLiteral("/petition.%1.md").arg(language), filler));
        QVERIFY(writeFile(m_copy + QStringLiteral("/privacy-full.%1.md").arg(language), filler));
    }
    const Result<Campaign> c = CampaignLoader::load(m_copy);
    QVERIFY(!c);
    QVERIFY2(c.errorString().contains(QLatin1String("add up to more than 16 MB")), qPrintable(c.errorString()));
}

QTEST_GUILESS_MAIN(TestCampaign)
#include "tst_campaign.moc"
