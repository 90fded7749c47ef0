#pragma once

// A real kiosk window on a fresh data folder, for GUI tests, with helpers to move through it as a signer does.

#include "admin/adminpin.h"
#include "core/campaign.h"
#include "core/kiosksettings.h"
#include "core/signaturestore.h"
#include "gui/kioskwindow.h"
#include "gui/onscreenkeyboard.h"
#include "gui/signaturepad.h"
#include "gui/signpage.h"
#include "sealingsupport.h"

#include <QAbstractButton>
#include <QApplication>
#include <QColor>
#include <QLineEdit>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

namespace kiosk::test {

using Screen = KioskWindow::Screen;

// A "size" column with one row a screen size, named "1280x800": for tests that must hold at each size a kiosk runs at.
inline void addSizeRows(std::initializer_list<QSize> sizes)
{
    QTest::addColumn<QSize>("size");
    for (const QSize& size : sizes)
        QTest::newRow(qPrintable(QStringLiteral("%1x%2").arg(size.width()).arg(size.height()))) << size;
}

// Types any text, one character per key event, as a hardware or system keyboard delivers it.
// (QTest::keyClicks takes ASCII only.)
inline void typeText(QWidget* widget, const QString& text)
{
    for (const uint c : text.toUcs4()) {
        const QString ch = QString::fromUcs4(reinterpret_cast<const char32_t*>(&c), 1);
        QTest::sendKeyEvent(QTest::Press, widget, Qt::Key_unknown, ch, Qt::NoModifier);
        QTest::sendKeyEvent(QTest::Release, widget, Qt::Key_unknown, ch, Qt::NoModifier);
    }
}

inline const QString& testPin()
{
    static const QString pin = QStringLiteral("24681012");
    return pin;
}

// Writes settings into a data folder before a kiosk opens it.
template <typename Edit> bool presetSettings(const QString& dataDir, Edit edit)
{
    KioskSettings settings(dataDir);
    edit(settings);
    return settings.sync();
}

// Sets a data folder up as the first-run screen would: sealed to the test coordinator (in a sealed run) or unsealed,
// organisation, stall and the test PIN, and opens the stall. The PIN wraps the run's duplicate key; the wrapping
// (Argon2id over 256 MiB) is made once per test process and copied, to keep the tests quick.
inline void provision(SignatureStore& store, KioskSettings& settings, bool openStall = true)
{
    static QMap<QString, QString> pinMeta;
    const QStringList keys { QStringLiteral("pin_kd_wrap"), QStringLiteral("coordinator_kd_seal") };
    const SealingState state = store.sealing().state().valueOr({});
    if (state.mode == SealingState::Mode::NotEnrolled)
        (void)(sealedRun() ? store.sealing().enrol(coordinatorKeys()->publicKey) : store.sealing().chooseUnsealed());
    if (pinMeta.isEmpty()) {
        (void)AdminPin(store).set(testPin(), duplicateKey().get());
        for (const QString& key : keys)
            pinMeta.insert(key, store.meta().value(key).valueOr({}));
    } else {
        for (const QString& key : keys)
            (void)store.meta().setValue(key, pinMeta.value(key));
    }
    if (openStall)
        store.sealing().unlock(duplicateKey());
    settings.setOrganisation(QStringLiteral("Test Organisation"));
    settings.setStallName(QStringLiteral("Test Stall"));
    settings.setStallPlace(QStringLiteral("High Street"));
    settings.sync();
}

class KioskFixture
{
public:
    // `coordinatorKey`: enrol with this public key instead of the run's test key.
    explicit KioskFixture(QSize size = { 1280, 800 }, bool setUp = true, KioskWindow::Options options = {},
        std::optional<Campaign> shown = {}, const QByteArray& coordinatorKey = {})
    {
        campaign = shown ? *shown : *CampaignLoader::load(QString::fromLatin1(Campaign::BuiltInFolder));
        (void)store.open(dir.path());
        if (!coordinatorKey.isEmpty())
            (void)store.sealing().enrol(coordinatorKey);
        settings = std::make_unique<KioskSettings>(dir.path());
        if (setUp)
            provision(store, *settings);
        options.dataDir = dir.path();
        window = std::make_unique<KioskWindow>(store, *settings, campaign, options);
        window->resize(size);
        window->show();
        QApplication::setActiveWindow(window.get());
    }

    template <typename T = QWidget> T* find(const QString& name) const { return window->findChild<T*>(name); }

    SignPage* signPage() const { return window->findChild<SignPage*>(QStringLiteral("SignPage")); }
    template <typename T = QWidget> T* inSign(const QString& name) const { return signPage()->findChild<T*>(name); }

    // From the attract screen to the sign form, with the name field focused: its keyboard comes up.
    QLineEdit* walkToNameField()
    {
        if (!walkToSignForm())
            return nullptr;
        auto* name = inSign<QLineEdit>(QStringLiteral("nameEdit"));
        name->setFocus();
        return name;
    }

    // Through the attract screen, every information page and the petition, to the sign form.
    bool walkToSignForm()
    {
        if (window->currentScreen() != KioskWindow::Screen::Attract)
            return false;
        QTest::mouseClick(find<QAbstractButton>(QStringLiteral("startButton")), Qt::LeftButton);
        if (window->currentScreen() != KioskWindow::Screen::Info)
            return false;
        for (int i = 0; i < 20 && window->currentScreen() == KioskWindow::Screen::Info; ++i)
            QTest::mouseClick(find<QAbstractButton>(QStringLiteral("nextButton")), Qt::LeftButton);
        if (window->currentScreen() != KioskWindow::Screen::Petition)
            return false;
        QTest::mouseClick(window->findChild<QWidget*>(QStringLiteral("PetitionPage"))
                              ->findChild<QAbstractButton*>(QStringLiteral("signButton")),
            Qt::LeftButton);
        return window->currentScreen() == KioskWindow::Screen::Sign;
    }

    void fillForm(const QString& name, const QString& postcode)
    {
        auto* nameEdit = inSign<QLineEdit>(QStringLiteral("nameEdit"));
        nameEdit->setFocus();
        typeText(nameEdit, name);
        auto* postcodeEdit = inSign<QLineEdit>(QStringLiteral("postcodeEdit"));
        postcodeEdit->setFocus();
        typeText(postcodeEdit, postcode);
        QTest::mouseClick(inSign<QAbstractButton>(QStringLiteral("residencyYes")), Qt::LeftButton);
        QTest::mouseClick(inSign<QAbstractButton>(QStringLiteral("consentCheck")), Qt::LeftButton);
    }

    void submit() { QTest::mouseClick(inSign<QAbstractButton>(QStringLiteral("submitButton")), Qt::LeftButton); }

    // The one stored signature, read as the coordinator reads it (opened, on a sealed kiosk).
    Signature onlyStored()
    {
        readAsCoordinator(store);
        QSqlQuery q(store.database());
        if (!q.exec(QStringLiteral("SELECT id FROM signatures")) || !q.next())
            return {};
        const QUuid id(q.value(0).toString());
        if (q.next())
            return {};
        return store.signatures().find(id).valueOr({});
    }

    qint64 rows()
    {
        QSqlQuery q(store.database());
        return q.exec(QStringLiteral("SELECT count(*) FROM signatures")) && q.next() ? q.value(0).toLongLong() : -1;
    }

    QTemporaryDir dir;
    SignatureStore store;
    std::unique_ptr<KioskSettings> settings;
    Campaign campaign;
    std::unique_ptr<KioskWindow> window;
};

// WCAG's relative luminance of a colour, and the contrast ratio of two (1 to 21; 3 for parts of a control).
inline double luminance(const QColor& c)
{
    const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}
inline double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace kiosk::test
