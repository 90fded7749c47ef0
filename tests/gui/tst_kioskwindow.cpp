// The kiosk window, driven offscreen.

#include "core/signaturestore.h"
#include "gui/kioskwindow.h"
#include "testsupport.h"

#include <QLabel>
#include <QTemporaryDir>
#include <QtTest>

using namespace kiosk;

class TestKioskWindow final : public QObject
{
    Q_OBJECT

private slots:
    void showsTodaysAndTotalCount();
};

void TestKioskWindow::showsTodaysAndTotalCount()
{
    QTemporaryDir dir;
    SignatureStore store;
    QVERIFY(store.open(dir.path()));
    Signature old = test::sampleSignature(QStringLiteral("Ann Old"));
    old.signedAt = QDateTime::currentDateTime().addDays(-2);
    QCOMPARE(store.save(old).status, SaveResult::Status::Stored);

    KioskWindow window(store);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* count = window.findChild<QLabel*>(QStringLiteral("countLabel"));
    QVERIFY(count);
    QCOMPARE(count->text(), QStringLiteral("0 people signed here today · 1 in total"));

    QCOMPARE(store.save(test::sampleSignature(QStringLiteral("Ann New"))).status, SaveResult::Status::Stored);
    window.refreshCount();
    QCOMPARE(count->text(), QStringLiteral("1 people signed here today · 2 in total"));
}

QTEST_MAIN(TestKioskWindow)
#include "tst_kioskwindow.moc"
