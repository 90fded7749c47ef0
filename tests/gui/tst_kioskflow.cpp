// The kiosk flow, driven through the real window offscreen with mouse, touch and key events.

#include "kioskfixture.h"
#include "testsupport.h"

#include "core/campaignfiles.h"

#include "gui/attractpage.h"
#include "gui/infopage.h"
#include "gui/signatureink.h"
#include "gui/stillthereoverlay.h"
#include "gui/thankyoupage.h"

#include <QAbstractItemView>
#include <QAccessible>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QScrollArea>
#include <QScrollBar>
#include <QStandardPaths>
#include <QStyleOptionSlider>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTextDocument>

using namespace kiosk;
using namespace kiosk::test; // KioskFixture, Screen

class TestKioskFlow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void wholeFlowStoresTheSignature();
    void attractShowsLiveCountAndCyclesTeasers();
    void teasersShowNoMarkdown();
    void validationMessagesAppearBesideTheFields();
    void storageFailureKeepsWhatWasTyped();
    void duplicateGetsItsOwnThanksAndStoresNothing();
    void postcodeOnlyForUkAndCrownDependencies();
    void contactOptInRevealsEmail();
    void idleWipeLeavesNothingForTheNextSigner();
    void continueKeepsTheSignersData();
    void thankYouReturnsToAttractAndForgets();
    void thankYouSharesTheCampaignByQrCode_data();
    void thankYouSharesTheCampaignByQrCode();
    void thankYouNamesOnlyWhenTheCampaignAllows_data();
    void thankYouNamesOnlyWhenTheCampaignAllows();
    void onScreenKeyboardTypesInEachMode();
    void longPressOffersAccents();
    void keyboardNeverCoversTheFocusedField_data();
    void keyboardNeverCoversTheFocusedField();
    void systemKeyboardSettingHidesOurs();
    void signaturePadTakesTouchAndKeepsStrokesAcrossResize();
    void fastSignaturesAreSmoothCurvesUnderTheCap();
    void swipeTurnsInformationPages();
    void layoutFitsAtEverySize_data();
    void languageBarFitsAtTheLimit_data();
    void languageBarFitsAtTheLimit();
    void layoutFitsAtEverySize();
    void tabEnterAndSpaceReachEveryControl();
    void everyControlHasAnAccessibleName();
    void highContrastThemeApplies();
    void scrollBarHandlesStandOutFromTheirTracks();
};

void TestKioskFlow::initTestCase()
{
    QApplication::setStyle(QStringLiteral("Fusion"));
}

void TestKioskFlow::wholeFlowStoresTheSignature()
{
    KioskFixture k;
    QVERIFY(k.walkToSignForm());
    k.fillForm(QStringLiteral("Zoë Ellis"), QStringLiteral("sw1a1aa"));
    // Draw on the pad with a finger.
    SignaturePad* pad = k.signPage()->signaturePad();
    k.signPage()->findChild<QScrollArea*>(QStringLiteral("formScroll"))->ensureWidgetVisible(pad);
    QPointingDevice* touch = QTest::createTouchDevice();
    QTest::touchEvent(pad, touch).press(0, QPoint(40, 60), pad);
    QTest::touchEvent(pad, touch).move(0, QPoint(120, 90), pad);
    QTest::touchEvent(pad, touch).move(0, QPoint(200, 50), pad);
    QTest::touchEvent(pad, touch).release(0, QPoint(220, 70), pad);
    QVERIFY(!pad->isEmpty());

    k.submit();
    QCOMPARE(k.window->currentScreen(), Screen::ThankYou);
    // No name on the public screen: not in the thanks, nor anywhere else on the page.
    QCOMPARE(k.find<QLabel>(QStringLiteral("thanksLabel"))->text(), QStringLiteral("Thank you!"));
    for (const QLabel* label : k.window->findChildren<QLabel*>())
        QVERIFY2(!label->isVisible() || !label->text().contains(QLatin1String("Zo")), qPrintable(label->text()));

    QCOMPARE(k.rows(), 1);
    const Signature s = k.onlyStored();
    QCOMPARE(s.fullName, QStringLiteral("Zoë Ellis"));
    QCOMPARE(s.postcode, QStringLiteral("SW1A 1AA"));
    QCOMPARE(s.country, QStringLiteral("GB"));
    QCOMPARE(s.ukCitizenOrResident, Residency::Yes);
    QVERIFY(s.consent);
    QVERIFY(!s.contactOptIn);
    QVERIFY(s.email.isEmpty());
    QCOMPARE(s.language, QStringLiteral("en"));
    QCOMPARE(s.petitionId, k.campaign.petitionId);
    QCOMPARE(s.petitionVersion, k.campaign.petitionVersion);
    QCOMPARE(s.consentVersion, k.campaign.consentVersion);
    QCOMPARE(s.stallId, k.settings->stallId());
    QSvgRenderer svg(s.signatureSvg);
    QVERIFY(svg.isValid());
    // On a sealed kiosk the database holds none of it in clear.
    QSqlQuery q(k.store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM signatures WHERE full_name LIKE '%Ellis%' OR "
                                  "CAST(signature_svg AS TEXT) LIKE '%svg%' OR postcode = 'SW1A 1AA'"))
        && q.next());
    QCOMPARE(q.value(0).toInt(), test::sealedRun() ? 0 : 1);
}

void TestKioskFlow::attractShowsLiveCountAndCyclesTeasers()
{
    KioskFixture k;
    auto* count = k.find<QLabel>(QStringLiteral("countLabel"));
    QCOMPARE(count->text(), QStringLiteral("0 people signed here today · 0 in total"));
    QVERIFY(k.walkToSignForm());
    k.fillForm(QStringLiteral("Ann Smith"), QStringLiteral("M1 1AE"));
    k.submit();
    QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("doneButton")), Qt::LeftButton);
    QCOMPARE(k.window->currentScreen(), Screen::Attract);
    QCOMPARE(count->text(), QStringLiteral("1 person signed here today · 1 in total"));

    auto* teaser = k.find<QLabel>(QStringLiteral("teaserLabel"));
    const QString first = teaser->text();
    QVERIFY(first.contains(k.campaign.pagesFor(QStringLiteral("en")).first().title.toHtmlEscaped()));
    auto* attract = k.window->findChild<AttractPage*>();
    attract->showNextTeaser();
    QVERIFY(teaser->text() != first);
    QVERIFY(teaser->text().contains(k.campaign.pagesFor(QStringLiteral("en")).at(1).title.toHtmlEscaped()));
}

// No teaser on the attract screen shows Markdown's marks: every page of the built-in campaign in every language, and
// a campaign made for the test with emphasis, links, code, HTML, an image, a list and a rule before its prose.
void TestKioskFlow::teasersShowNoMarkdown()
{
    static const QRegularExpression markup(
        QStringLiteral("\\*|`|\\]\\(|\\[|^#|<[a-z/]|(^|\\s)_|_(\\s|$|[.,;:])|!\\[|\\x{FFFC}"));
    const auto check = [](const Campaign& campaign) {
        for (const QString& language : campaign.languages)
            for (const CampaignPage& page : campaign.pagesFor(language)) {
                const QString teaser = AttractPage::teaserText(page), title = AttractPage::plainText(page.title);
                QVERIFY2(!teaser.isEmpty(), qPrintable(page.slug));
                QVERIFY2(!markup.match(teaser).hasMatch(), qPrintable(language + QLatin1Char(' ') + teaser));
                QVERIFY2(!markup.match(title).hasMatch(), qPrintable(language + QLatin1Char(' ') + title));
            }
    };
    const Result<Campaign> builtIn = CampaignLoader::load(QString::fromLatin1(Campaign::BuiltInFolder));
    QVERIFY(builtIn);
    check(*builtIn);
    // The screen itself: each teaser as the label shows it, cycled through.
    AttractPage attract;
    const QList<CampaignPage> pages = builtIn->pagesFor(QStringLiteral("en"));
    attract.setTexts(builtIn->textsFor(QStringLiteral("en")), pages);
    auto* label = attract.findChild<QLabel*>(QStringLiteral("teaserLabel"));
    QVERIFY(label);
    bool sawTribunal = false;
    for (int i = 0; i < pages.size(); ++i, attract.showNextTeaser()) {
        QTextDocument shown;
        shown.setHtml(label->text());
        QVERIFY2(!markup.match(shown.toPlainText()).hasMatch(), qPrintable(shown.toPlainText()));
        sawTribunal = sawTribunal || shown.toPlainText().contains(QLatin1String("On 17 June 2019, in London"));
    }
    QVERIFY(sawTribunal);

    QTemporaryDir dir;
    QVERIFY(test::copyBuiltInCampaign(dir.path()));
    QFile page(dir.filePath(QStringLiteral("pages/en/01-marked-up.md")));
    QVERIFY(page.open(QIODevice::WriteOnly));
    page.write("# The **people's** _tribunal_\n\n- a list item\n- another\n\n---\n\n"
               "On **17 June 2019**, in _London_, an [independent tribunal](https://example.org) found `code` "
               "<b>bold html</b> and __strong__ *emphasis* ![an image](images/none.png) here.\n");
    page.close();
    const Result<Campaign> marked = CampaignLoader::load(dir.path());
    QVERIFY2(marked, qPrintable(marked.errorString()));
    check(*marked);
    const CampaignPage first = marked->pagesFor(QStringLiteral("en")).first();
    QCOMPARE(AttractPage::plainText(first.title), QStringLiteral("The people's tribunal"));
    QCOMPARE(AttractPage::teaserText(first),
        QStringLiteral(
            "On 17 June 2019, in London, an independent tribunal found code bold html and strong emphasis here."));
}

void TestKioskFlow::validationMessagesAppearBesideTheFields()
{
    KioskFixture k;
    QVERIFY(k.walkToSignForm());
    auto* name = k.inSign<QLineEdit>(QStringLiteral("nameEdit"));
    auto* nameError = k.inSign<QLabel>(QStringLiteral("nameError"));
    name->setFocus();
    test::typeText(name, QStringLiteral("visit www.spam.example"));
    QVERIFY(nameError->isHidden());
    auto* postcode = k.inSign<QLineEdit>(QStringLiteral("postcodeEdit"));
    postcode->setFocus(); // finishing the name field
    QTRY_VERIFY(nameError->isVisible());
    QCOMPARE(nameError->text(), QStringLiteral("A name cannot contain a web address."));

    test::typeText(postcode, QStringLiteral("SW12"));
    k.inSign<QLineEdit>(QStringLiteral("nameEdit"))->setFocus();
    auto* postcodeError = k.inSign<QLabel>(QStringLiteral("postcodeError"));
    QTRY_VERIFY(postcodeError->isVisible());
    QVERIFY(postcodeError->text().contains(QLatin1String("SW1A 1AA")));

    // Submit: the rest of the refusals appear beside their fields; nothing typed is lost, nothing stored.
    k.submit();
    QCOMPARE(k.window->currentScreen(), Screen::Sign);
    // The first refused field comes into view whole: its label, the field and its message.
    QWidget* viewport = k.signPage()->findChild<QScrollArea*>(QStringLiteral("formScroll"))->viewport();
    const auto inView = [viewport](QWidget* w) {
        return QRect(QPoint(), viewport->size()).contains(QRect(w->mapTo(viewport, QPoint()), w->size()));
    };
    QTRY_VERIFY(inView(k.inSign<QLabel>(QStringLiteral("nameLabel"))) && inView(nameError));
    QVERIFY(name->hasFocus());
    QVERIFY(k.inSign<QLabel>(QStringLiteral("residencyError"))->isVisible());
    QVERIFY(k.inSign<QLabel>(QStringLiteral("consentError"))->isVisible());
    QCOMPARE(name->text(), QStringLiteral("visit www.spam.example"));
    QCOMPARE(postcode->text(), QStringLiteral("SW12"));
    QCOMPARE(k.rows(), 0);

    // Mending a field clears its message.
    name->selectAll();
    test::typeText(name, QStringLiteral("Ann Smith"));
    postcode->setFocus();
    QTRY_VERIFY(nameError->isHidden());
}

void TestKioskFlow::storageFailureKeepsWhatWasTyped()
{
    KioskFixture k;
    QVERIFY(k.walkToSignForm());
    k.fillForm(QStringLiteral("Ann Smith"), QStringLiteral("M1 1AE"));
    k.store.close(); // the store is gone (a pulled drive, say)
    k.submit();
    QCOMPARE(k.window->currentScreen(), Screen::Sign);
    auto* banner = k.inSign<QLabel>(QStringLiteral("errorBanner"));
    QVERIFY(banner->isVisible());
    QVERIFY(banner->text().contains(QLatin1String("still here")));
    QVERIFY(!banner->text().contains(QLatin1String("SQL")));
    QCOMPARE(k.inSign<QLineEdit>(QStringLiteral("nameEdit"))->text(), QStringLiteral("Ann Smith"));
    QVERIFY(k.inSign<QCheckBox>(QStringLiteral("consentCheck"))->isChecked());

    QVERIFY(k.store.open(k.dir.path()));
    k.submit();
    QCOMPARE(k.window->currentScreen(), Screen::ThankYou);
    QCOMPARE(k.rows(), 1);
}

void TestKioskFlow::duplicateGetsItsOwnThanksAndStoresNothing()
{
    KioskFixture k;
    for (int round = 0; round < 2; ++round) {
        QVERIFY(k.walkToSignForm());
        k.fillForm(
            round == 0 ? QStringLiteral("Mary O'Brien") : QStringLiteral("mary  o’brien"), QStringLiteral("SW1A 1AA"));
        k.submit();
        QCOMPARE(k.window->currentScreen(), Screen::ThankYou);
        const QString message = k.find<QLabel>(QStringLiteral("messageLabel"))->text();
        QCOMPARE(message.contains(QLatin1String("already signed")), round == 1);
        QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("doneButton")), Qt::LeftButton);
    }
    QCOMPARE(k.rows(), 1);
}

void TestKioskFlow::postcodeOnlyForUkAndCrownDependencies()
{
    KioskFixture k;
    QVERIFY(k.walkToSignForm());
    auto* country = k.inSign<QComboBox>(QStringLiteral("countryCombo"));
    auto* box = k.inSign<QWidget>(QStringLiteral("postcodeBox"));
    QCOMPARE(country->currentData().toString(), QStringLiteral("GB"));
    QVERIFY(box->isVisible());
    country->setCurrentIndex(country->findData(QStringLiteral("FR")));
    QVERIFY(box->isHidden());
    country->setCurrentIndex(country->findData(QStringLiteral("JE")));
    QVERIFY(box->isVisible());

    // Searching: part of a name offers the country, and a tap on it chooses it.
    country->lineEdit()->setFocus();
    country->lineEdit()->selectAll();
    test::typeText(country->lineEdit(), QStringLiteral("ermany"));
    QAbstractItemView* popup = country->completer()->popup();
    QTRY_VERIFY(popup->isVisible());
    const QModelIndex first = popup->model()->index(0, 0);
    QCOMPARE(first.data().toString(), QStringLiteral("Germany"));
    QTest::mouseClick(popup->viewport(), Qt::LeftButton, {}, popup->visualRect(first).center());
    QTRY_COMPARE(country->currentData().toString(), QStringLiteral("DE"));
    QVERIFY(box->isHidden());
    QVERIFY(k.inSign<QLabel>(QStringLiteral("countryError"))->isHidden());
}

void TestKioskFlow::contactOptInRevealsEmail()
{
    KioskFixture k;
    QVERIFY(k.walkToSignForm());
    auto* contact = k.inSign<QCheckBox>(QStringLiteral("contactCheck"));
    auto* emailBox = k.inSign<QWidget>(QStringLiteral("emailBox"));
    QVERIFY(!contact->isChecked()); // unticked by default
    QVERIFY(emailBox->isHidden());
    k.fillForm(QStringLiteral("Ann Smith"), QStringLiteral("M1 1AE"));
    QTest::mouseClick(contact, Qt::LeftButton);
    QVERIFY(emailBox->isVisible());
    k.submit();
    QCOMPARE(k.inSign<QLabel>(QStringLiteral("emailError"))->text(),
        QStringLiteral("Please enter your email address so that we can contact you, or untick the contact box."));
    auto* email = k.inSign<QLineEdit>(QStringLiteral("emailEdit"));
    email->setFocus();
    test::typeText(email, QStringLiteral("Ann@Example.ORG"));
    k.submit();
    QCOMPARE(k.window->currentScreen(), Screen::ThankYou);
    const Signature s = k.onlyStored();
    QCOMPARE(s.email, QStringLiteral("Ann@example.org"));
    QVERIFY(s.contactOptIn);
}

void TestKioskFlow::idleWipeLeavesNothingForTheNextSigner()
{
    KioskFixture k;
    k.window->setTiming({ 150, 1, 8000 });
    QVERIFY(k.walkToSignForm());
    QPointer<SignPage> first = k.signPage();
    auto* name = k.inSign<QLineEdit>(QStringLiteral("nameEdit"));
    name->setFocus();
    test::typeText(name, QStringLiteral("Previous Signer"));
    QVERIFY(name->isUndoAvailable());
    k.inSign<QLineEdit>(QStringLiteral("postcodeEdit"))->setFocus();
    test::typeText(k.inSign<QLineEdit>(QStringLiteral("postcodeEdit")), QStringLiteral("SW1A"));
    QTest::mouseClick(k.inSign<QAbstractButton>(QStringLiteral("consentCheck")), Qt::LeftButton);
    SignaturePad* pad = k.signPage()->signaturePad();
    QTest::mousePress(pad, Qt::LeftButton, {}, QPoint(20, 20));
    QTest::mouseMove(pad, QPoint(80, 60));
    QTest::mouseRelease(pad, Qt::LeftButton, {}, QPoint(90, 70));
    QVERIFY(!pad->isEmpty());
    k.signPage()->keyboard()->setMode(OnScreenKeyboard::Mode::Email);

    QTRY_VERIFY(k.window->stillThereShown());
    QCOMPARE(k.window->currentScreen(), Screen::Sign);
    QTRY_COMPARE_WITH_TIMEOUT(k.window->currentScreen(), Screen::Attract, 3000);
    QVERIFY(!k.window->stillThereShown());
    QTRY_VERIFY(first.isNull()); // the previous form is destroyed, not hidden

    // The next signer.
    QVERIFY(k.walkToSignForm());
    QCOMPARE(k.window->findChildren<SignPage*>().size(), 1);
    for (const char* field : { "nameEdit", "postcodeEdit", "emailEdit" }) {
        auto* edit = k.inSign<QLineEdit>(QString::fromLatin1(field));
        QVERIFY(edit->text().isEmpty());
        QVERIFY(!edit->isUndoAvailable());
    }
    QVERIFY(!k.inSign<QCheckBox>(QStringLiteral("consentCheck"))->isChecked());
    QVERIFY(k.signPage()->signaturePad()->isEmpty());
    QCOMPARE(k.signPage()->keyboard()->mode(), OnScreenKeyboard::Mode::Name);
    QVERIFY(!k.signPage()->hasInput());
    QCOMPARE(k.window->language(), QStringLiteral("en"));
    QCOMPARE(k.rows(), 0);
}

void TestKioskFlow::continueKeepsTheSignersData()
{
    KioskFixture k;
    k.window->setTiming({ 150, 10, 8000 });
    QVERIFY(k.walkToSignForm());
    auto* name = k.inSign<QLineEdit>(QStringLiteral("nameEdit"));
    name->setFocus();
    test::typeText(name, QStringLiteral("Still Here"));
    QTRY_VERIFY(k.window->stillThereShown());
    auto* overlay = k.window->findChild<StillThereOverlay*>();
    QCOMPARE(overlay->findChild<QLabel*>(QStringLiteral("stillThereCountdown"))->text(),
        QStringLiteral("For your privacy, this form will be cleared in 10 seconds."));
    k.window->setTiming({ 60000, 10, 8000 });
    QTest::mouseClick(overlay->findChild<QAbstractButton*>(QStringLiteral("continueButton")), Qt::LeftButton);
    QVERIFY(!k.window->stillThereShown());
    QCOMPARE(k.window->currentScreen(), Screen::Sign);
    QCOMPARE(k.inSign<QLineEdit>(QStringLiteral("nameEdit"))->text(), QStringLiteral("Still Here"));
}

void TestKioskFlow::thankYouReturnsToAttractAndForgets()
{
    KioskFixture k;
    k.window->setTiming({ 60000, 15, 200 });
    QVERIFY(k.walkToSignForm());
    k.fillForm(QStringLiteral("Ann Smith"), QStringLiteral("M1 1AE"));
    k.submit();
    QCOMPARE(k.window->currentScreen(), Screen::ThankYou);
    QTRY_COMPARE(k.window->currentScreen(), Screen::Attract);
    QVERIFY(k.find<QLabel>(QStringLiteral("thanksLabel"))->text().isEmpty());
    QVERIFY(k.walkToSignForm());
    QVERIFY(!k.signPage()->hasInput());
}

void TestKioskFlow::thankYouNamesOnlyWhenTheCampaignAllows_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("given");
    QTest::newRow("latin") << QStringLiteral("Siobhán Ní Bhriain") << QStringLiteral("en") << QStringLiteral("Siobhán");
    QTest::newRow("hyphenated") << QStringLiteral("Anne-Marie O'Neill") << QStringLiteral("en")
                                << QStringLiteral("Anne-Marie");
    QTest::newRow("vietnamese") << QStringLiteral("Nguyễn Văn An") << QStringLiteral("en") << QString();
    QTest::newRow("vietnamese, no marks") << QStringLiteral("Nguyen Van An") << QStringLiteral("en") << QString();
    QTest::newRow("hungarian letters") << QStringLiteral("Kővári Gergő") << QStringLiteral("en") << QString();
    QTest::newRow("chinese") << QStringLiteral("张伟") << QStringLiteral("en") << QString();
    QTest::newRow("latin, chinese screen") << QStringLiteral("Zhang Wei") << QStringLiteral("zh_CN") << QString();
    QTest::newRow("greek") << QStringLiteral("Νίκος Παππάς") << QStringLiteral("en") << QString();
    QTest::newRow("mixed scripts") << QStringLiteral("Ann 李") << QStringLiteral("en") << QString();
}

// The default thanks no one by name (the flow above); a campaign that turns the first name on gets it only for a name
// in Latin letters whose given name comes first.
void TestKioskFlow::thankYouNamesOnlyWhenTheCampaignAllows()
{
    QFETCH(QString, name);
    QFETCH(QString, language);
    QFETCH(QString, given);
    QCOMPARE(ThankYouPage::givenNameOf(name, language), given);
    Campaign campaign = *CampaignLoader::load(QString::fromLatin1(Campaign::BuiltInFolder));
    campaign.thankByFirstName = true;
    KioskFixture k({ 1280, 800 }, true, {}, campaign);
    if (language != QLatin1String("en"))
        k.window->setLanguage(language);
    QVERIFY(k.walkToSignForm());
    k.fillForm(name, QStringLiteral("SW1A 1AA"));
    k.submit();
    QCOMPARE(k.window->currentScreen(), Screen::ThankYou);
    const QString thanks = k.find<QLabel>(QStringLiteral("thanksLabel"))->text();
    if (given.isEmpty())
        QVERIFY2(!thanks.contains(name.left(2)) && !thanks.contains(name.right(2)), qPrintable(thanks));
    else
        QVERIFY2(thanks.contains(given), qPrintable(thanks));
}

void TestKioskFlow::thankYouSharesTheCampaignByQrCode_data()
{
    test::addSizeRows({ { 1280, 800 }, { 1366, 768 }, { 1920, 1080 }, { 800, 1280 } });
}

// With share_url in campaign.json, thank-you shows a QR code that zbarimg (Debian zbar-tools) reads back as exactly
// that address, the same for every signer, and it fits with the Finish button at every size; a bad address is
// refused when the campaign is loaded.
void TestKioskFlow::thankYouSharesTheCampaignByQrCode()
{
    QFETCH(QSize, size);
    const QString zbarimg = QStandardPaths::findExecutable(QStringLiteral("zbarimg"));
    QVERIFY2(!zbarimg.isEmpty(), "zbar-tools is needed (sudo apt install zbar-tools)");
    const QString url = QStringLiteral("https://example.org/petitions/stop-persecution?from=kiosk");
    Campaign campaign = *CampaignLoader::load(QString::fromLatin1(Campaign::BuiltInFolder));
    campaign.shareUrl = url;
    KioskFixture k(size, true, {}, campaign);
    QTemporaryDir dir;
    QByteArray first;
    for (const QString& name : { QStringLiteral("Ann Example"), QStringLiteral("Bea Other") }) {
        QVERIFY(k.walkToSignForm());
        k.fillForm(name, QStringLiteral("SW1A 1AA"));
        k.submit();
        QCOMPARE(k.window->currentScreen(), Screen::ThankYou);
        auto* code = k.find<QLabel>(QStringLiteral("shareCode"));
        QVERIFY(code->isVisible());
        QVERIFY(k.find<QLabel>(QStringLiteral("shareLabel"))->isVisible());
        const QString png = dir.filePath(name + QStringLiteral(".png"));
        QVERIFY(code->grab().save(png));
        QProcess zbar;
        zbar.start(zbarimg, { QStringLiteral("--raw"), QStringLiteral("-q"), png });
        QVERIFY(zbar.waitForFinished(30000));
        QCOMPARE(QString::fromUtf8(zbar.readAllStandardOutput()).trimmed(), url);
        const QByteArray image = test::readFile(png);
        if (first.isEmpty())
            first = image;
        else
            QCOMPARE(image, first); // nothing of the signer in it
        // The code and the Finish button are wholly on screen.
        const QRect screen(QPoint(0, 0), k.window->size());
        for (QWidget* w : { static_cast<QWidget*>(code), k.find<QWidget>(QStringLiteral("doneButton")) })
            QVERIFY2(
                screen.contains(QRect(w->mapTo(k.window.get(), QPoint(0, 0)), w->size())), qPrintable(w->objectName()));
        QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("doneButton")), Qt::LeftButton);
        QTRY_COMPARE(k.window->currentScreen(), Screen::Attract);
    }
    // Refused: not http(s), with spaces, with a user name, or too long for a QR code read across a stall.
    QTemporaryDir folder;
    QVERIFY(test::copyBuiltInCampaign(folder.path()));
    const QString jsonPath = folder.filePath(QStringLiteral("campaign.json"));
    QJsonObject root = QJsonDocument::fromJson(test::readFile(jsonPath)).object();
    for (const QJsonValue& bad : { QJsonValue(QStringLiteral("javascript:alert(1)")),
             QJsonValue(QStringLiteral("ftp://example.org/x")), QJsonValue(QStringLiteral("https://example.org/a b")),
             QJsonValue(QStringLiteral("https://me:pw@example.org/")),
             QJsonValue(QStringLiteral("https://example.org/") + QString(300, QLatin1Char('x'))), QJsonValue(7) }) {
        root.insert(QStringLiteral("share_url"), bad);
        QVERIFY(test::writeFile(jsonPath, QJsonDocument(root).toJson()));
        const Result<Campaign> loaded = CampaignLoader::load(folder.path());
        QVERIFY2(!loaded && loaded.errorString().contains(QLatin1String("share_url")), qPrintable(bad.toString()));
    }
    root.insert(QStringLiteral("share_url"), url);
    QVERIFY(test::writeFile(jsonPath, QJsonDocument(root).toJson()));
    const Result<Campaign> good = CampaignLoader::load(folder.path());
    QVERIFY2(good, qPrintable(good.errorString()));
    QCOMPARE(good->shareUrl, url);
}

void TestKioskFlow::onScreenKeyboardTypesInEachMode()
{
    KioskFixture k;
    auto* name = k.walkToNameField();
    QVERIFY(name);
    OnScreenKeyboard* kb = k.signPage()->keyboard();
    QTRY_VERIFY(kb->isVisible());
    QCOMPARE(kb->mode(), OnScreenKeyboard::Mode::Name);
    const auto tap = [kb](const char* key) {
        auto* b = kb->findChild<QAbstractButton*>(QString::fromLatin1(key));
        QVERIFY2(b, key);
        QTest::mouseClick(b, Qt::LeftButton);
    };
    for (const char* key : { "key_a", "key_n", "key_n", "key_space", "key_o", "key_apostrophe", "key_b" })
        tap(key);
    // Capitals at the start of each word, and after a hyphen or an apostrophe that follows a letter.
    QCOMPARE(name->text(), QStringLiteral("Ann O'B"));
    tap("key_backspace");
    QCOMPARE(name->text(), QStringLiteral("Ann O'"));
    name->clear();
    kb->reset();
    // "anne-marie o'neill-smythe", typed as a signer would, all in small letters.
    for (const char* key : { "key_a", "key_n", "key_n", "key_e", "key_hyphen", "key_m", "key_a", "key_r", "key_i",
             "key_e", "key_space", "key_o", "key_apostrophe", "key_n", "key_e", "key_i", "key_l", "key_l", "key_hyphen",
             "key_s", "key_m", "key_y", "key_t", "key_h", "key_e" })
        tap(key);
    QCOMPARE(name->text(), QStringLiteral("Anne-Marie O'Neill-Smythe"));
    // Shift overrides it for the next letter.
    name->clear();
    kb->reset();
    for (const char* key : { "key_d", "key_apostrophe", "key_shift", "key_a", "key_r" })
        tap(key);
    QCOMPARE(name->text(), QStringLiteral("D'ar"));
    QVERIFY(!name->hasFocus() || kb->findChild<QAbstractButton*>(QStringLiteral("key_at")) == nullptr);

    auto* postcode = k.inSign<QLineEdit>(QStringLiteral("postcodeEdit"));
    postcode->setFocus();
    QTRY_COMPARE(kb->mode(), OnScreenKeyboard::Mode::Postcode);
    for (const char* key : { "key_s", "key_w", "key_1", "key_a" })
        tap(key);
    QCOMPARE(postcode->text(), QStringLiteral("SW1A"));

    QTest::mouseClick(k.inSign<QAbstractButton>(QStringLiteral("contactCheck")), Qt::LeftButton);
    auto* email = k.inSign<QLineEdit>(QStringLiteral("emailEdit"));
    QTRY_VERIFY(email->hasFocus());
    QTRY_COMPARE(kb->mode(), OnScreenKeyboard::Mode::Email);
    for (const char* key : { "key_a", "key_at", "key_b", "key_couk" })
        tap(key);
    QCOMPARE(email->text(), QStringLiteral("a@b.co.uk"));

    // "Next" moves on; "hide" puts the keyboard away.
    tap("key_hide");
    QVERIFY(kb->isHidden());
}

void TestKioskFlow::longPressOffersAccents()
{
    KioskFixture k;
    auto* name = k.walkToNameField();
    QVERIFY(name);
    OnScreenKeyboard* kb = k.signPage()->keyboard();
    QTRY_VERIFY(kb->isVisible());
    auto* e = kb->findChild<QAbstractButton*>(QStringLiteral("key_e"));
    QTest::mousePress(e, Qt::LeftButton);
    QTRY_VERIFY(kb->accentsOpen());
    QTest::mouseRelease(e, Qt::LeftButton);
    QVERIFY(name->text().isEmpty()); // the long press typed nothing by itself
    QTest::mouseClick(kb->findChild<QAbstractButton*>(QStringLiteral("accent_é")), Qt::LeftButton);
    QCOMPARE(name->text(), QStringLiteral("É"));
    QTRY_VERIFY(!kb->accentsOpen());

    // The accents key opens every accented letter.
    QTest::mouseClick(kb->findChild<QAbstractButton*>(QStringLiteral("key_accents")), Qt::LeftButton);
    QVERIFY(kb->accentsOpen());
    QTest::mouseClick(kb->findChild<QAbstractButton*>(QStringLiteral("accent_ł")), Qt::LeftButton);
    QCOMPARE(name->text(), QStringLiteral("Éł"));
}

void TestKioskFlow::keyboardNeverCoversTheFocusedField_data()
{
    test::addSizeRows({ { 1366, 768 }, { 800, 1280 }, { 1280, 800 } });
}

void TestKioskFlow::keyboardNeverCoversTheFocusedField()
{
    QFETCH(QSize, size);
    KioskFixture k(size);
    QVERIFY(k.walkToSignForm());
    QTest::mouseClick(k.inSign<QAbstractButton>(QStringLiteral("contactCheck")), Qt::LeftButton);
    OnScreenKeyboard* kb = k.signPage()->keyboard();
    auto* viewport = k.signPage()->findChild<QScrollArea*>(QStringLiteral("formScroll"))->viewport();
    for (const char* field : { "nameEdit", "postcodeEdit", "emailEdit", "nameEdit" }) {
        auto* edit = k.inSign<QLineEdit>(QString::fromLatin1(field));
        edit->setFocus();
        QTRY_VERIFY(kb->isVisible());
        const auto rectOf = [&k](QWidget* w) { return QRect(w->mapTo(k.window.get(), QPoint()), w->size()); };
        // Once the layout has settled: the whole field shows in the form, and no key lies over it.
        QTRY_VERIFY2(rectOf(viewport).contains(rectOf(edit)) && !rectOf(edit).intersects(rectOf(kb)), field);
        QVERIFY(!rectOf(viewport).intersects(rectOf(kb)));
    }
}

void TestKioskFlow::systemKeyboardSettingHidesOurs()
{
    QTemporaryDir dir;
    QVERIFY(test::presetSettings(dir.path(), [](KioskSettings& s) { s.setKeyboard(KioskSettings::Keyboard::System); }));
    SignatureStore store;
    QVERIFY(store.open(dir.path()));
    KioskSettings settings(dir.path());
    test::provision(store, settings);
    KioskWindow window(store, settings, *CampaignLoader::load(QString::fromLatin1(Campaign::BuiltInFolder)));
    window.resize(1280, 800);
    window.show();
    QApplication::setActiveWindow(&window);
    QTest::mouseClick(window.findChild<QAbstractButton*>(QStringLiteral("startButton")), Qt::LeftButton);
    QTest::mouseClick(window.findChild<QAbstractButton*>(QStringLiteral("signButton")), Qt::LeftButton);
    QTest::mouseClick(window.findChild<QWidget*>(QStringLiteral("PetitionPage"))
                          ->findChild<QAbstractButton*>(QStringLiteral("signButton")),
        Qt::LeftButton);
    QCOMPARE(window.currentScreen(), KioskWindow::Screen::Sign);
    auto* name = window.findChild<SignPage*>()->findChild<QLineEdit*>(QStringLiteral("nameEdit"));
    name->setFocus();
    QTest::qWait(50);
    QVERIFY(window.findChild<SignPage*>()->keyboard()->isHidden());
    // A hardware or system keyboard types anything, Chinese included.
    test::typeText(name, QStringLiteral("李小龙"));
    QCOMPARE(name->text(), QStringLiteral("李小龙"));
}

void TestKioskFlow::signaturePadTakesTouchAndKeepsStrokesAcrossResize()
{
    SignaturePad pad;
    pad.resize(500, 175);
    pad.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pad));
    QPointingDevice* touch = QTest::createTouchDevice();
    QTest::touchEvent(&pad, touch).press(0, QPoint(50, 50), &pad);
    QTest::touchEvent(&pad, touch).move(0, QPoint(150, 100), &pad);
    QTest::touchEvent(&pad, touch).release(0, QPoint(250, 60), &pad);
    QTest::mousePress(&pad, Qt::LeftButton, {}, QPoint(300, 100));
    QTest::mouseMove(&pad, QPoint(400, 120));
    QTest::mouseRelease(&pad, Qt::LeftButton, {}, QPoint(450, 90));
    QCOMPARE(pad.strokes().size(), 2);
    const QList<QPolygonF> before = pad.strokes();
    // 500 px wide shows the 1000-unit canvas at half size.
    QCOMPARE(before.first().first(), QPointF(100, 100));

    pad.resize(175, 500); // rotated to portrait
    QCOMPARE(pad.strokes(), before);
    const QByteArray svg = pad.toSvg();
    QVERIFY(QSvgRenderer(svg).isValid());
    QVERIFY(svg.contains("viewBox=\"0 0 1000 350\""));
    QVERIFY(svg.contains("M100 100"));

    pad.clear();
    QVERIFY(pad.isEmpty());
    QVERIFY(pad.toSvg().isEmpty());
}

// A fast zig-zag, drawn by touch on the real pad, is written as quadratic curves (not straight segments), with
// widths that follow the speed; points closer than a canvas unit are dropped; 2,000 points parse, and stay under the
// cap, simplified rather than refused.
void TestKioskFlow::fastSignaturesAreSmoothCurvesUnderTheCap()
{
    SignaturePad pad;
    pad.resize(1000, 350); // one pixel, one canvas unit
    pad.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pad));
    QPointingDevice* touch = QTest::createTouchDevice();
    QTest::touchEvent(&pad, touch).press(0, QPoint(20, 100), &pad);
    for (int i = 1; i <= 40; ++i) {
        QTest::touchEvent(&pad, touch).move(0, QPoint(20 + i * 20, i % 2 ? 250 : 100), &pad);
        QTest::touchEvent(&pad, touch).move(0, QPoint(20 + i * 20, i % 2 ? 250 : 100) + QPoint(0, 0), &pad);
    }
    QTest::touchEvent(&pad, touch).release(0, QPoint(830, 100), &pad);
    QCOMPARE(pad.strokes().size(), 1);
    QCOMPARE(pad.strokes().first().size(), 42); // the press, 40 turns and the release; the repeats are dropped
    QByteArray svg = pad.toSvg();
    QVERIFY(QSvgRenderer(svg).isValid());
    QVERIFY2(svg.count("Q") >= 35, svg.constData());
    QVERIFY2(svg.count('L') <= 2, "only the first and last pieces are straight");

    // A slow stroke is wider than a fast one.
    QList<ink::Stroke> slowAndFast { {}, {} };
    for (int i = 0; i < 20; ++i) {
        slowAndFast[0].append({ QPointF(100 + i * 2, 100), i * 50 });
        slowAndFast[1].append({ QPointF(100 + i * 40, 200 + (i % 2) * 100), i * 8 });
    }
    const QList<ink::Segment> slow = ink::segments(slowAndFast[0]), fast = ink::segments(slowAndFast[1]);
    QVERIFY(slow.at(5).width > fast.at(5).width);
    QCOMPARE(slow.at(5).width, ink::MaxWidth);
    QCOMPARE(fast.at(5).width, ink::MinWidth);

    // 2,000 points of scribble: still valid, and within 32 KB.
    pad.clear();
    QTest::touchEvent(&pad, touch).press(0, QPoint(10, 10), &pad);
    for (int i = 1; i < 2000; ++i)
        QTest::touchEvent(&pad, touch).move(0, QPoint(10 + (i * 37) % 980, 10 + (i * 53) % 330), &pad);
    QTest::touchEvent(&pad, touch).release(0, QPoint(500, 300), &pad);
    QVERIFY(pad.strokes().first().size() >= 1900);
    svg = pad.toSvg();
    QVERIFY2(svg.size() <= ink::MaxSvgBytes, qPrintable(QString::number(svg.size())));
    QVERIFY(QSvgRenderer(svg).isValid());
    QVERIFY(svg.contains("Q"));
    // The cap simplified it: far fewer curves than points.
    QVERIFY(svg.count('Q') < pad.strokes().first().size() / 2);
}

void TestKioskFlow::swipeTurnsInformationPages()
{
    KioskFixture k;
    QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("startButton")), Qt::LeftButton);
    auto* info = k.window->findChild<InfoPage*>();
    QCOMPARE(info->current(), 0);
    QWidget* viewport = info->findChild<QTextBrowser*>(QStringLiteral("pageText"))->viewport();
    const int y = viewport->height() / 2;
    QTest::mousePress(viewport, Qt::LeftButton, {}, QPoint(viewport->width() - 50, y));
    QTest::mouseMove(viewport, QPoint(viewport->width() / 2, y + 5));
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, QPoint(60, y + 10));
    QTRY_COMPARE(info->current(), 1);
    QTest::mousePress(viewport, Qt::LeftButton, {}, QPoint(60, y));
    QTest::mouseMove(viewport, QPoint(viewport->width() / 2, y));
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, QPoint(viewport->width() - 60, y));
    QTRY_COMPARE(info->current(), 0);
    // A short vertical drag scrolls, and does not turn the page.
    QTest::mousePress(viewport, Qt::LeftButton, {}, QPoint(200, y));
    QTest::mouseMove(viewport, QPoint(215, y - 75));
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, QPoint(230, y - 150));
    QTest::qWait(50);
    QCOMPARE(info->current(), 0);
}

namespace {

// Every button a signer can see: inside the window, at least 48 x 48, and overlapping no other.
QString checkButtons(QWidget* window)
{
    QList<QPair<QString, QRect>> seen;
    const QRect bounds = window->rect();
    for (QAbstractButton* b : window->findChildren<QAbstractButton*>()) {
        if (!b->isVisibleTo(window) || b->visibleRegion().isEmpty())
            continue;
        const QRect full(b->mapTo(window, QPoint()), b->size());
        const QRect shown = b->visibleRegion().boundingRect().translated(full.topLeft());
        const QString name = b->objectName().isEmpty() ? b->text() : b->objectName();
        if (!bounds.contains(shown))
            return name + QStringLiteral(" lies outside the window");
        if (b->width() < 48 || b->height() < 48)
            return name + QStringLiteral(" is smaller than 48x48: %1x%2").arg(b->width()).arg(b->height());
        // Not cut off sideways (scrolling only moves things vertically).
        if (shown.width() < full.width())
            return name + QStringLiteral(" is clipped");
        // Squeezed narrower than its words need: the style cuts the text ("\ext ›" for "Next ›").
        if (!b->text().isEmpty() && b->width() < b->sizeHint().width())
            return name
                + QStringLiteral(" is %1 px wide, and its text needs %2").arg(b->width()).arg(b->sizeHint().width());
        for (const auto& [otherName, other] : seen) {
            if (shown.intersects(other))
                return name + QStringLiteral(" overlaps ") + otherName;
        }
        seen.append({ name, shown });
    }
    return {};
}

} // namespace

void TestKioskFlow::layoutFitsAtEverySize_data()
{
    test::addSizeRows({ { 1280, 800 }, { 1366, 768 }, { 1920, 1080 }, { 800, 1280 } });
}

void TestKioskFlow::languageBarFitsAtTheLimit_data()
{
    test::addSizeRows({ { 800, 1280 }, { 1280, 800 }, { 1366, 768 } });
}

// As many languages as a campaign may have (CampaignLimits::Languages), with the widest native names Qt gives: every
// language button and "Sign the petition" stay on screen at the narrowest supported screen.
void TestKioskFlow::languageBarFitsAtTheLimit()
{
    QFETCH(QSize, size);
    Campaign campaign = *CampaignLoader::load(QString::fromLatin1(Campaign::BuiltInFolder));
    // Widest first (measured with the kiosk's fonts): the limit is set by the worst case, not the usual one.
    const QStringList wide { QStringLiteral("nb"), QStringLiteral("uk"), QStringLiteral("nl"), QStringLiteral("vi"),
        QStringLiteral("pt_PT"), QStringLiteral("de"), QStringLiteral("fr"), QStringLiteral("es"), QStringLiteral("it"),
        QStringLiteral("pl"), QStringLiteral("ru") };
    for (const QString& language : wide) {
        if (campaign.languages.size() >= CampaignLimits::Languages)
            break;
        campaign.languages.append(language);
    }
    QCOMPARE(campaign.languages.size(), CampaignLimits::Languages);
    KioskFixture k(size, true, {}, campaign);
    QVERIFY(QTest::qWaitForWindowExposed(k.window.get()));
    const auto check = [&k, size](const char* where) {
        QApplication::processEvents();
        // A layout wider than the screen grows the window past it (offscreen, nothing stops it): that is overflow.
        QVERIFY2(k.window->minimumSizeHint().width() <= size.width() && k.window->width() <= size.width(),
            qPrintable(QStringLiteral("%1: the window needs %2 px")
                           .arg(QLatin1String(where))
                           .arg(k.window->minimumSizeHint().width())));
        const QString problem = checkButtons(k.window.get());
        QVERIFY2(problem.isEmpty(), qPrintable(QString::fromLatin1(where) + QStringLiteral(": ") + problem));
    };
    check("attract");
    QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("startButton")), Qt::LeftButton);
    check("info");
    QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("signButton")), Qt::LeftButton);
    check("petition");
}

void TestKioskFlow::layoutFitsAtEverySize()
{
    QFETCH(QSize, size);
    KioskFixture k(size);
    QVERIFY(QTest::qWaitForWindowExposed(k.window.get()));
    const auto check = [&k](const char* where) {
        QApplication::processEvents();
        const QString problem = checkButtons(k.window.get());
        QVERIFY2(problem.isEmpty(), qPrintable(QString::fromLatin1(where) + QStringLiteral(": ") + problem));
    };
    check("attract");
    QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("startButton")), Qt::LeftButton);
    check("info");
    auto* petitionSign = k.window->findChild<QWidget*>(QStringLiteral("PetitionPage"))
                             ->findChild<QAbstractButton*>(QStringLiteral("signButton"));
    QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("signButton")), Qt::LeftButton);
    check("petition");
    QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("privacyButton")), Qt::LeftButton);
    check("privacy notice");
    QTest::mouseClick(petitionSign, Qt::LeftButton);
    QCOMPARE(k.window->currentScreen(), Screen::Sign);
    k.inSign<QLineEdit>(QStringLiteral("nameEdit"))->setFocus();
    QTRY_VERIFY(k.signPage()->keyboard()->isVisible());
    check("sign, name keyboard");
    QTest::mouseClick(k.inSign<QAbstractButton>(QStringLiteral("contactCheck")), Qt::LeftButton);
    QTRY_COMPARE(k.signPage()->keyboard()->mode(), OnScreenKeyboard::Mode::Email);
    check("sign, email keyboard");
    QTest::mouseClick(
        k.signPage()->keyboard()->findChild<QAbstractButton*>(QStringLiteral("key_hide")), Qt::LeftButton);
    k.submit();
    check("sign, with messages");
    k.fillForm(QStringLiteral("Ann Smith"), QStringLiteral("M1 1AE"));
    k.inSign<QLineEdit>(QStringLiteral("emailEdit"))->setFocus();
    test::typeText(k.inSign<QLineEdit>(QStringLiteral("emailEdit")), QStringLiteral("ann@example.org"));
    k.submit();
    QCOMPARE(k.window->currentScreen(), Screen::ThankYou);
    check("thank you");
    k.window->setTiming({ 10, 15, 60000 });
    QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("doneButton")), Qt::LeftButton);
    QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("startButton")), Qt::LeftButton);
    QTRY_VERIFY(k.window->stillThereShown());
    check("still there");

    // Body text is at least 20 px.
    for (QWidget* w : k.window->findChildren<QWidget*>()) {
        if ((qobject_cast<QLabel*>(w) || qobject_cast<QTextBrowser*>(w)) && w->isVisibleTo(k.window.get()))
            QVERIFY2(QFontInfo(w->font()).pixelSize() >= 20, qPrintable(w->objectName()));
    }
}

void TestKioskFlow::tabEnterAndSpaceReachEveryControl()
{
    KioskFixture k;
    QVERIFY(k.walkToSignForm());
    QTest::mouseClick(k.inSign<QAbstractButton>(QStringLiteral("contactCheck")), Qt::LeftButton);
    auto* back = k.inSign<QWidget>(QStringLiteral("backButton"));
    back->setFocus();
    QStringList order;
    for (int i = 0; i < 15; ++i) {
        QWidget* f = QApplication::focusWidget();
        if (qobject_cast<QLineEdit*>(f) && qobject_cast<QComboBox*>(f->parentWidget()))
            f = f->parentWidget();
        order << (f ? f->objectName() : QStringLiteral("-"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    }
    // Yes/No is one stop, like radio buttons: Tab reaches the group, the arrow keys move within it.
    // The language buttons are one stop too (the chosen language), right after Back.
    QStringList expected { "backButton", "language_en" };
    expected << QStringList { "nameEdit", "countryCombo", "postcodeEdit", "residencyYes", "consentCheck",
        "contactCheck", "emailEdit", "clearSignatureButton", "submitButton", "backButton" };
    QVERIFY(k.campaign.languages.size() == 3);
    QCOMPARE(order.mid(0, expected.size()), expected);

    // Space and Enter press buttons and tick boxes.
    auto* yes = k.inSign<QAbstractButton>(QStringLiteral("residencyYes"));
    auto* no = k.inSign<QAbstractButton>(QStringLiteral("residencyNo"));
    yes->setFocus();
    QTest::keyClick(yes, Qt::Key_Right);
    QVERIFY(no->hasFocus());
    QTest::keyClick(no, Qt::Key_Space);
    QVERIFY(no->isChecked());
    QTest::keyClick(no, Qt::Key_Left);
    QTest::keyClick(yes, Qt::Key_Space);
    QVERIFY(yes->isChecked());
    QVERIFY(!no->isChecked());
    auto* consent = k.inSign<QAbstractButton>(QStringLiteral("consentCheck"));
    consent->setFocus();
    QTest::keyClick(consent, Qt::Key_Return);
    QTRY_VERIFY(consent->isChecked());
    back->setFocus();
    QTest::keyClick(back, Qt::Key_Enter);
    QTRY_COMPARE(k.window->currentScreen(), Screen::Petition);
}

void TestKioskFlow::everyControlHasAnAccessibleName()
{
    KioskFixture k;
    QVERIFY(k.walkToSignForm());
    QTest::mouseClick(k.inSign<QAbstractButton>(QStringLiteral("contactCheck")), Qt::LeftButton);
    int checked = 0;
    for (QWidget* w : k.window->findChildren<QWidget*>()) {
        const bool control = qobject_cast<QAbstractButton*>(w) || qobject_cast<QLineEdit*>(w)
            || qobject_cast<QComboBox*>(w) || qobject_cast<QTextBrowser*>(w) || qobject_cast<SignaturePad*>(w);
        if (!control)
            continue;
        QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(w);
        QVERIFY(iface);
        QVERIFY2(!iface->text(QAccessible::Name).trimmed().isEmpty(),
            qPrintable(w->objectName() + QLatin1Char(' ') + QString::fromLatin1(w->metaObject()->className())));
        ++checked;
    }
    QVERIFY(checked > 60); // the keyboard's keys are among them
}

void TestKioskFlow::highContrastThemeApplies()
{
    KioskFixture k;
    auto* start = k.find<QAbstractButton>(QStringLiteral("startButton"));
    const QColor standard = start->palette().color(QPalette::Button);
    QCOMPARE(k.window->property("theme").toString(), QStringLiteral("standard"));
    k.settings->setTheme(KioskSettings::Theme::HighContrast);
    k.window->applySettings();
    QCOMPARE(k.window->property("theme").toString(), QStringLiteral("high-contrast"));
    QVERIFY(k.window->styleSheet().contains(QLatin1String("#ffff00")));
    QApplication::processEvents();
    start->ensurePolished();
    QTRY_VERIFY(start->grab().toImage().pixelColor(start->width() / 2, 4) != standard);
}

// The reading pages' scroll bars, scrolled to the top: the handle (at the top) against the track below it, sampled
// from the painted bar, in both themes. The handle is the darker part in the standard theme, so that a page at the
// top does not look scrolled to the bottom; at least 3:1 (WCAG's contrast for parts of a control).
void TestKioskFlow::scrollBarHandlesStandOutFromTheirTracks()
{
    // One painted bar at its top: the handle's middle against the track below the handle.
    const auto check = [](QScrollBar* bar, KioskSettings::Theme theme, const QString& where) {
        QTRY_VERIFY2(bar->isVisible() && bar->maximum() > 0, qPrintable(where));
        bar->setValue(0);
        bar->ensurePolished();
        QStyleOptionSlider option;
        option.initFrom(bar);
        option.orientation = Qt::Vertical;
        option.minimum = bar->minimum();
        option.maximum = bar->maximum();
        option.sliderPosition = bar->sliderPosition();
        option.sliderValue = bar->value();
        option.singleStep = bar->singleStep();
        option.pageStep = bar->pageStep();
        const QRect handle
            = bar->style()->subControlRect(QStyle::CC_ScrollBar, &option, QStyle::SC_ScrollBarSlider, bar);
        QVERIFY2(handle.isValid() && handle.bottom() < bar->height() - 20, qPrintable(where));
        const QImage painted = bar->grab().toImage();
        const QColor handleColour = painted.pixelColor(handle.center());
        const QColor trackColour = painted.pixelColor(bar->width() / 2, (handle.bottom() + bar->height()) / 2);
        const double ratio = test::contrast(handleColour, trackColour);
        QVERIFY2(ratio >= 3.0,
            qPrintable(QStringLiteral("%1: handle %2, track %3: %4:1")
                           .arg(where, handleColour.name(), trackColour.name())
                           .arg(ratio, 0, 'f', 2)));
        if (theme == KioskSettings::Theme::Standard)
            QVERIFY2(test::luminance(handleColour) < test::luminance(trackColour),
                qPrintable(where + QStringLiteral(": the handle is the darker part")));
    };
    for (const auto theme : { KioskSettings::Theme::Standard, KioskSettings::Theme::HighContrast }) {
        KioskFixture k({ 1280, 800 });
        k.settings->setTheme(theme);
        k.window->applySettings();
        // The first information page, the petition, and the form.
        QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("startButton")), Qt::LeftButton);
        QApplication::processEvents();
        const auto shownBar = [&k]() -> QScrollBar* {
            for (QScrollBar* bar : k.window->findChildren<QScrollBar*>())
                if (bar->isVisible() && bar->orientation() == Qt::Vertical && bar->maximum() > 0)
                    return bar;
            return nullptr;
        };
        QScrollBar* info = shownBar();
        QVERIFY(info);
        check(info, theme, QStringLiteral("information page"));
        for (int i = 0; i < 20 && k.window->currentScreen() == Screen::Info; ++i)
            QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("nextButton")), Qt::LeftButton);
        QCOMPARE(k.window->currentScreen(), Screen::Petition);
        QApplication::processEvents();
        QScrollBar* petition = shownBar();
        QVERIFY(petition);
        check(petition, theme, QStringLiteral("petition page"));
        QTest::mouseClick(k.window->findChild<QWidget*>(QStringLiteral("PetitionPage"))
                              ->findChild<QAbstractButton*>(QStringLiteral("signButton")),
            Qt::LeftButton);
        QCOMPARE(k.window->currentScreen(), Screen::Sign);
        auto* form = k.signPage()->findChild<QScrollArea*>(QStringLiteral("formScroll"));
        QVERIFY(form);
        QApplication::processEvents();
        check(form->verticalScrollBar(), theme, QStringLiteral("sign form"));
    }
}

QTEST_MAIN(TestKioskFlow)
#include "tst_kioskflow.moc"
