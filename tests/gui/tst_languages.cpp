// Languages in the real window: switching, the translation note, the Latin-letters note, the record, the reset.

#include "kioskfixture.h"

#include <QCollator>
#include <QComboBox>
#include <QCompleter>
#include <QLabel>
#include <QTextBrowser>

using namespace kiosk;
using namespace kiosk::test; // KioskFixture, Screen

class TestLanguages final : public QObject
{
    Q_OBJECT

private slots:
    void signingInChineseRecordsTheLanguageAndTheEnglishVersion_data();
    void signingInChineseRecordsTheLanguageAndTheEnglishVersion();
    void countriesInTheSignersLanguage_data();
    void countriesInTheSignersLanguage();
    void wipeReturnsToTheDefaultLanguage();
    void adminDefaultLanguageIsUsed();
    void campaignProblemIsShownToTheVolunteer();
};

void TestLanguages::signingInChineseRecordsTheLanguageAndTheEnglishVersion_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("headline");
    QTest::newRow("zh_CN") << "zh_CN" << QStringLiteral("轻触屏幕任意位置开始")
                           << QStringLiteral("制止对法轮功的迫害和强制摘取器官");
    QTest::newRow("zh_TW") << "zh_TW" << QStringLiteral("輕觸螢幕任意位置開始")
                           << QStringLiteral("制止對法輪功的迫害和強制摘取器官");
}

void TestLanguages::signingInChineseRecordsTheLanguageAndTheEnglishVersion()
{
    QFETCH(QString, language);
    QFETCH(QString, start);
    QFETCH(QString, headline);
    KioskFixture k;
    auto* startButton = k.find<QAbstractButton>(QStringLiteral("startButton"));
    QCOMPARE(startButton->text(), QStringLiteral("Tap anywhere to start"));
    QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("language_") + language), Qt::LeftButton);
    QCOMPARE(k.window->language(), language);
    QTRY_COMPARE(startButton->text(), start); // LanguageChange arrives through the event loop
    QCOMPARE(k.find<QLabel>(QStringLiteral("titleLabel"))->text(), headline);

    QVERIFY(k.walkToSignForm());
    QWidget* petition = k.window->findChild<QWidget*>(QStringLiteral("PetitionPage"));
    QVERIFY(petition->findChild<QLabel*>(QStringLiteral("translationNote"))->isVisibleTo(petition));
    QVERIFY(petition->findChild<QTextBrowser*>(QStringLiteral("petitionText"))
                ->toPlainText()
                .contains(QStringLiteral("法")));
    auto* hint = k.inSign<QLabel>(QStringLiteral("nameHint"));
    QVERIFY(hint->isVisible());
    QVERIFY(hint->text().contains(QStringLiteral("拉丁字母")));

    k.fillForm(QStringLiteral("Li Xiaolong"), QStringLiteral("SW1A 1AA"));
    k.submit();
    QCOMPARE(k.window->currentScreen(), Screen::ThankYou);
    QSqlQuery q(k.store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT language, petition_version, consent_version FROM signatures")) && q.next());
    QCOMPARE(q.value(0).toString(), language);
    QCOMPARE(q.value(1).toInt(), k.campaign.petitionVersion);
    QCOMPARE(q.value(2).toInt(), k.campaign.consentVersion);
    // The thank-you names no one (the default), in the screen's language.
    const QString thanks = k.find<QLabel>(QStringLiteral("thanksLabel"))->text();
    QVERIFY2(
        !thanks.contains(QStringLiteral("Li")) && !thanks.contains(QStringLiteral("Xiaolong")), qPrintable(thanks));
    QCOMPARE(thanks, language == QLatin1String("zh_CN") ? QStringLiteral("谢谢！") : QStringLiteral("謝謝！"));
}

void TestLanguages::countriesInTheSignersLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("uk");
    QTest::addColumn<QString>("france");
    QTest::newRow("zh_CN") << "zh_CN" << QStringLiteral("英国") << QStringLiteral("法国");
    QTest::newRow("zh_TW") << "zh_TW" << QStringLiteral("英國") << QStringLiteral("法國");
    QTest::newRow("en") << "en" << QStringLiteral("United Kingdom") << QStringLiteral("France");
}

// The country list in the signer's language (ICU's names), the United Kingdom first and the rest in the language's
// order; the completer finds a country by its name in that language or in English; the stored value is the code.
void TestLanguages::countriesInTheSignersLanguage()
{
    QFETCH(QString, language);
    QFETCH(QString, uk);
    QFETCH(QString, france);
    KioskFixture k;
    k.window->setLanguage(language);
    QVERIFY(k.walkToSignForm());
    auto* combo = k.inSign<QComboBox>(QStringLiteral("countryCombo"));
    QCOMPARE(combo->itemText(0), uk);
    QCOMPARE(combo->itemData(0).toString(), QStringLiteral("GB"));
    QCOMPARE(combo->currentText(), uk);
    QVERIFY(combo->count() > 200);
    const int fr = combo->findData(QStringLiteral("FR"));
    QCOMPARE(combo->itemText(fr), france);
    QCollator collator { QLocale(language) };
    for (int i = 2; i < combo->count(); ++i)
        QVERIFY2(collator.compare(combo->itemText(i - 1), combo->itemText(i)) <= 0,
            qPrintable(combo->itemText(i - 1) + QStringLiteral(" before ") + combo->itemText(i)));
    // Found by either name.
    QCompleter* completer = combo->completer();
    for (const QString& typed : { uk, QStringLiteral("United") }) {
        completer->setCompletionPrefix(typed);
        bool found = false;
        for (int row = 0; completer->setCurrentRow(row); ++row)
            found = found || completer->currentIndex().data(Qt::UserRole).toString() == QLatin1String("GB");
        QVERIFY2(found, qPrintable(typed));
        QCOMPARE(completer->pathFromIndex(completer->currentIndex()).isEmpty(), false);
    }
    // Tapping a match puts the name in the field and stores the code.
    completer->setCompletionPrefix(QStringLiteral("Fran"));
    QVERIFY(completer->setCurrentRow(0));
    QCOMPARE(completer->pathFromIndex(completer->currentIndex()), france);
    combo->setEditText(france);
    QCOMPARE(k.signPage()->draft().country, QStringLiteral("FR"));
    // The English name typed in full works on any screen.
    combo->setEditText(QStringLiteral("France"));
    QCOMPARE(k.signPage()->draft().country, QStringLiteral("FR"));
    combo->setEditText(uk);
    k.fillForm(QStringLiteral("Ann Example"), QStringLiteral("SW1A 1AA"));
    k.submit();
    QCOMPARE(k.window->currentScreen(), Screen::ThankYou);
    QSqlQuery q(k.store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT country FROM signatures")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("GB"));
}

void TestLanguages::wipeReturnsToTheDefaultLanguage()
{
    KioskFixture k;
    k.window->setTiming({ 100, 1, 8000 });
    QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("language_zh_CN")), Qt::LeftButton);
    QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("startButton")), Qt::LeftButton);
    QTRY_COMPARE(k.find<QAbstractButton>(QStringLiteral("nextButton"))->text(), QStringLiteral("下一页 ›"));
    QTRY_COMPARE_WITH_TIMEOUT(k.window->currentScreen(), Screen::Attract, 4000);
    QCOMPARE(k.window->language(), QStringLiteral("en"));
    QTRY_COMPARE(
        k.find<QAbstractButton>(QStringLiteral("startButton"))->text(), QStringLiteral("Tap anywhere to start"));
    QVERIFY(k.find<QAbstractButton>(QStringLiteral("language_en"))->isChecked());
}

void TestLanguages::adminDefaultLanguageIsUsed()
{
    QTemporaryDir dir;
    QVERIFY(test::presetSettings(dir.path(), [](KioskSettings& s) { s.setDefaultLanguage(QStringLiteral("zh_TW")); }));
    SignatureStore store;
    QVERIFY(store.open(dir.path()));
    KioskSettings settings(dir.path());
    test::provision(store, settings);
    KioskWindow window(store, settings, *CampaignLoader::load(QString::fromLatin1(Campaign::BuiltInFolder)));
    QCOMPARE(window.language(), QStringLiteral("zh_TW"));
    QTRY_COMPARE(window.findChild<QAbstractButton*>(QStringLiteral("startButton"))->text(),
        QStringLiteral("輕觸螢幕任意位置開始"));
}

void TestLanguages::campaignProblemIsShownToTheVolunteer()
{
    KioskFixture k;
    auto* notice = k.find<QLabel>(QStringLiteral("noticeLabel"));
    QVERIFY(notice->isHidden());
    k.window->setCampaignProblem(QStringLiteral("/media/usb/campaign/campaign.json: not valid JSON"));
    QVERIFY(notice->isVisible());
    QVERIFY(notice->text().contains(QLatin1String("built-in campaign")));
    QVERIFY(notice->text().contains(QLatin1String("/media/usb/campaign/campaign.json")));
}

QTEST_MAIN(TestLanguages)
#include "tst_languages.moc"
