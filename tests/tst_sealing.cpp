// Sealed at rest: the sealing codec, the coordinator's key files, enrolment, the duplicate checks under a sealed
// kiosk's key across restarts and PIN resets, and seal-existing, through the real petition-kiosk-admin.

#include "admin/adminpin.h"
#include "adminrun.h"
#include "core/batchcolumns.h"
#include "core/batchexporter.h"
#include "core/batchverifier.h"
#include "core/coordinatorkey.h"
#include "core/csv.h"
#include "core/datadir.h"
#include "core/personaldatacodec.h"
#include "core/signaturestore.h"
#include "sealingsupport.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace kiosk;
using Status = SaveResult::Status;

namespace {

using test::admin;
using test::Run;

const QByteArray kPassphrase = QByteArrayLiteral("a long coordinator passphrase");

// `init` of a data folder (organisation O, stall S), with `how`: --coordinator-key FILE, --unsealed, or nothing.
Run initFolder(const QString& data, const QStringList& how)
{
    return admin(
        QStringList { QStringLiteral("--data-dir"), data, QStringLiteral("init"), QStringLiteral("--organisation"),
            QStringLiteral("O"), QStringLiteral("--stall"), QStringLiteral("S") }
        + how);
}

// set-pin --stdin, once.
int setPin(const QString& data, const QByteArray& pin)
{
    return admin(
        { QStringLiteral("--data-dir"), data, QStringLiteral("set-pin"), QStringLiteral("--stdin") }, pin + '\n')
        .code;
}

// Every byte of every file under `dir`, searched for `needle` (UTF-8 and UTF-16LE); the files that hold it.
QStringList filesHolding(const QString& dir, const QString& needle)
{
    QByteArray utf16;
    for (const QChar c : needle)
        utf16.append(char(c.unicode() & 0xff)).append(char(c.unicode() >> 8));
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray content = f.readAll();
        if (content.contains(needle.toUtf8()) || content.contains(utf16))
            found << f.fileName();
    }
    return found;
}

} // namespace

class TestSealing final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sealedValuesOpenOnlyWithTheKeyAndOnlyInTheirRow();
    void tagsAreKeyedAndSeparatedByDomain();
    void preparedBoxesAreOrdinarySealedBoxes();
    void aClosedStallSavesNothing();
    void anotherCoordinatorsKeyIsRefused();
    void keygenWritesTwoOwnerOnlyFiles();
    void badKeyFilesAreRefusedAndChangeNothing_data();
    void badKeyFilesAreRefusedAndChangeNothing();
    void initNeedsAKeyOrSaysUnsealed();
    void duplicatesSurviveRestartAndPinReset();
    void sealExistingLeavesNoNameInClear();
    void aSealedKioskExportsASealedBatch();
    void aValueThatDoesNotOpenIsNamedById();
    void openBatchGivesTheClearCsvBack();

private:
    QTemporaryDir m_keys;
};

void TestSealing::initTestCase()
{
    QVERIFY(Sealing::ready());
    const Run made = admin(
        { QStringLiteral("keygen"), QStringLiteral("--out"), m_keys.path(), QStringLiteral("--passphrase-stdin") },
        kPassphrase + '\n');
    QVERIFY2(made.code == 0, qPrintable(made.err));
}

void TestSealing::sealedValuesOpenOnlyWithTheKeyAndOnlyInTheirRow()
{
    const auto keys = test::coordinatorKeys();
    SealingPersonalDataCodec kiosk(keys->publicKey);
    const PersonalFields fields { QStringLiteral("Ann Example"), QStringLiteral("SE1 7PB"),
        QStringLiteral("ann@example.org"), QByteArrayLiteral("<svg/>") };
    const SealedFields sealed = kiosk.seal(QStringLiteral("row-1"), fields);
    QVERIFY(sealed.fullName.toString().isEmpty());
    QVERIFY(sealed.postcode.isNull() && sealed.email.isNull() && sealed.signatureSvg.isNull());
    QVERIFY(!sealed.sealed.toByteArray().contains("Ann"));
    QVERIFY(!sealed.sealedDrawing.toByteArray().contains("svg"));
    // The kiosk holds only the public key: it cannot open what it sealed.
    QVERIFY(!kiosk.canOpen());
    QVERIFY(!kiosk.unseal(QStringLiteral("row-1"), sealed));

    SealingPersonalDataCodec coordinator(keys->publicKey);
    coordinator.setOpeningKeys(keys);
    const auto opened = coordinator.unseal(QStringLiteral("row-1"), sealed);
    QVERIFY(opened);
    QCOMPARE(opened->fullName, fields.fullName);
    QCOMPARE(opened->postcode, fields.postcode);
    QCOMPARE(opened->email, fields.email);
    QCOMPARE(opened->signatureSvg, fields.signatureSvg);
    // Swapped into another row, or with another row's drawing: refused.
    QVERIFY(!coordinator.unseal(QStringLiteral("row-2"), sealed));
    SealedFields mixed = sealed;
    mixed.sealedDrawing = kiosk.seal(QStringLiteral("row-2"), fields).sealedDrawing;
    QVERIFY(!coordinator.unseal(QStringLiteral("row-1"), mixed));
    // A damaged box, or one sealed to another coordinator: refused.
    QByteArray flipped = sealed.sealed.toByteArray();
    flipped[flipped.size() / 2] = char(flipped[flipped.size() / 2] ^ 1);
    mixed = sealed;
    mixed.sealed = flipped;
    QVERIFY(!coordinator.unseal(QStringLiteral("row-1"), mixed));
    SealingPersonalDataCodec stranger(Sealing::newKeyPair().publicKey);
    QVERIFY(!coordinator.unseal(QStringLiteral("row-1"), stranger.seal(QStringLiteral("row-1"), fields)));
    QCOMPARE(postcodeArea(QStringLiteral("SE1 7PB")), QStringLiteral("SE"));
    QCOMPARE(postcodeArea(QStringLiteral("G1 1AA")), QStringLiteral("G"));
    QCOMPARE(postcodeArea(QStringLiteral("BT1 5GS")), QStringLiteral("BT"));
    QCOMPARE(postcodeArea(QString()), QString());
}

void TestSealing::preparedBoxesAreOrdinarySealedBoxes()
{
    const auto keys = test::coordinatorKeys();
    SealingPool pool(keys->publicKey);
    QVERIFY(pool.waitUntilFull(10000));
    QSet<QByteArray> ephemeral;
    // More boxes than the pool holds: the first from prepared keys, the rest inline or freshly prepared.
    for (int i = 0; i < int(SealingPool::Depth) + 20; ++i) {
        const QByteArray message = QByteArrayLiteral("box ") + QByteArray::number(i);
        const QByteArray box = pool.seal(message);
        QCOMPARE(box.size(), message.size() + 48);
        const auto opened = Sealing::open(box, *keys); // crypto_box_seal_open
        QVERIFY(opened);
        QCOMPARE(*opened, message);
        ephemeral.insert(box.left(32));
        QVERIFY(!Sealing::open(box, Sealing::newKeyPair()));
    }
    QCOMPARE(ephemeral.size(), int(SealingPool::Depth) + 20); // one ephemeral key per box
}

void TestSealing::tagsAreKeyedAndSeparatedByDomain()
{
    SealingPersonalDataCodec codec(test::coordinatorKeys()->publicKey);
    const PersonalFields f { QStringLiteral("Ann Example"), QStringLiteral("SE1 7PB"), QStringLiteral("a@b.org"), {} };
    QVERIFY(!codec.keys(f)); // no duplicate key yet
    codec.setDuplicateKey(test::duplicateKey());
    const auto keys = codec.keys(f);
    QVERIFY(keys);
    QCOMPARE(keys->namePostcode.size(), 64);
    QVERIFY(keys->namePostcode != keys->emailName && keys->emailName != keys->email);
    QVERIFY(!keys->namePostcode.contains(QLatin1String("Ann"), Qt::CaseInsensitive));
    // The same name is the same tag however it was typed (the rules' name key), and another key gives other tags.
    QCOMPARE(codec.keys({ QStringLiteral("ann example"), f.postcode, f.email, {} })->namePostcode, keys->namePostcode);
    codec.setDuplicateKey(std::make_shared<const SecretBytes>(SecretBytes::random(32)));
    QVERIFY(codec.keys(f)->namePostcode != keys->namePostcode);
    // Length prefixes: ("ab", "c") and ("a", "bc") differ.
    const SecretBytes& kd = *test::duplicateKey();
    QVERIFY(Sealing::tag(kd, "d", { "ab", "c" }) != Sealing::tag(kd, "d", { "a", "bc" }));
    QVERIFY(Sealing::tag(kd, "d1", { "x" }) != Sealing::tag(kd, "d2", { "x" }));
}

void TestSealing::aClosedStallSavesNothing()
{
    QTemporaryDir dir;
    SignatureStore store;
    QVERIFY(store.open(dir.path()));
    QVERIFY(store.sealing().enrol(test::coordinatorKeys()->publicKey));
    QVERIFY(!store.sealing().isUnlocked());
    const SaveResult refused = store.signatures().save(test::sampleSignature());
    QCOMPARE(refused.status, Status::Failed);
    QCOMPARE(refused.error, StoreError::StallClosed);
    store.sealing().unlock(test::duplicateKey());
    QCOMPARE(store.signatures().save(test::sampleSignature()).status, Status::Stored);
    // Enrolled once: a second enrolment with the same key is a no-op, with another it is refused.
    QVERIFY(store.sealing().enrol(test::coordinatorKeys()->publicKey));
    QVERIFY(!store.sealing().enrol(Sealing::newKeyPair().publicKey));
    QVERIFY(!store.sealing().chooseUnsealed());
}

void TestSealing::anotherCoordinatorsKeyIsRefused()
{
    QTemporaryDir dir;
    {
        SignatureStore store;
        QVERIFY(store.open(dir.path()));
        QVERIFY(store.sealing().enrol(test::coordinatorKeys()->publicKey));
    }
    SignatureStore wrong(std::make_unique<SealingPersonalDataCodec>(Sealing::newKeyPair().publicKey));
    const VoidResult opened = wrong.open(dir.path());
    QVERIFY(!opened);
    QCOMPARE(opened.error(), StoreError::WrongCodec);
    QVERIFY(opened.errorString().contains(QLatin1String("another coordinator")));
    SignatureStore plain(std::make_unique<PlainPersonalDataCodec>());
    // A plain codec given explicitly is the default one: the store still follows what its database records.
    QVERIFY(plain.open(dir.path()));
    QVERIFY(plain.sealing().state().valueOr({}).sealed());
}

void TestSealing::keygenWritesTwoOwnerOnlyFiles()
{
    const QString pub = m_keys.filePath(QStringLiteral("coordinator.pub"));
    const QString key = m_keys.filePath(QStringLiteral("coordinator.key"));
    QVERIFY(QFileInfo::exists(pub) && QFileInfo::exists(key));
#ifdef Q_OS_UNIX
    for (const QString& path : { pub, key }) {
        struct stat st
        {
        };
        QCOMPARE(stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
    }
#endif
    QFile secret(key);
    QVERIFY(secret.open(QIODevice::ReadOnly));
    const QByteArray text = secret.readAll();
    QVERIFY(!text.contains(kPassphrase));
    QVERIFY(text.contains("a2id1$"));
    const auto publicKey = CoordinatorKey::readPublic(pub);
    QVERIFY(publicKey);
    const auto pair = CoordinatorKey::readSecret(key, QString::fromUtf8(kPassphrase));
    QVERIFY2(pair, qPrintable(pair.errorString()));
    QCOMPARE(pair->publicKey, *publicKey);

    // Not again over the same files; a short passphrase writes nothing.
    QVERIFY(admin({ QStringLiteral("keygen"), QStringLiteral("--out"), m_keys.path(),
                      QStringLiteral("--passphrase-stdin") },
                kPassphrase + '\n')
                .code
        != 0);
    QTemporaryDir other;
    const Run shortOne = admin(
        { QStringLiteral("keygen"), QStringLiteral("--out"), other.path(), QStringLiteral("--passphrase-stdin") },
        "too short\n");
    QCOMPARE(shortOne.code, 1);
    QVERIFY(shortOne.err.contains(QLatin1String("at least 12")));
    QVERIFY(QDir(other.path()).isEmpty());
}

void TestSealing::badKeyFilesAreRefusedAndChangeNothing_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QFile secret(m_keys.filePath(QStringLiteral("coordinator.key")));
    QVERIFY(secret.open(QIODevice::ReadOnly));
    QTest::newRow("the secret key instead of the public one") << secret.readAll() << QStringLiteral("secret key");
    QTest::newRow("not JSON") << QByteArray("garbage") << QStringLiteral("damaged");
    QTest::newRow("another kind") << QByteArray(R"({"kind": "something else", "version": 1})")
                                  << QStringLiteral("not a coordinator's public key");
    QTest::newRow("a short key") << QByteArray(R"({"kind": "petition-kiosk coordinator public key", "version": 1, )"
                                               R"("x25519": "AAAA"})")
                                 << QStringLiteral("damaged");
    QTest::newRow("too large") << QByteArray(8192, ' ') << QStringLiteral("cannot be read");
}

void TestSealing::badKeyFilesAreRefusedAndChangeNothing()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("coordinator.pub"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    const QString data = dir.filePath(QStringLiteral("data"));
    const Run init = initFolder(data, { QStringLiteral("--coordinator-key"), bad });
    QCOMPARE(init.code, 1);
    QVERIFY2(init.err.contains(expected), qPrintable(init.err));
    QCOMPARE(init.err.count(QLatin1Char('\n')), 1);
    SignatureStore store;
    QVERIFY(store.open(data, SignatureStore::OpenMode::ExistingOnly));
    QCOMPARE(store.sealing().state().valueOr({}).mode, SealingState::Mode::NotEnrolled);
}

void TestSealing::initNeedsAKeyOrSaysUnsealed()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    const Run bare = initFolder(data, {});
    QCOMPARE(bare.code, 2);
    QVERIFY(bare.err.contains(QLatin1String("--coordinator-key")));
    QVERIFY(!QFileInfo::exists(data)); // nothing made

    const Run sealed
        = initFolder(data, { QStringLiteral("--coordinator-key"), m_keys.filePath(QStringLiteral("coordinator.pub")) });
    QCOMPARE(sealed.code, 0);
    const QString fingerprint
        = Sealing::fingerprint(*CoordinatorKey::readPublic(m_keys.filePath(QStringLiteral("coordinator.pub"))));
    QVERIFY(sealed.out.contains(fingerprint));
    const Run stats = admin({ QStringLiteral("--data-dir"), data, QStringLiteral("stats"), QStringLiteral("--json") });
    const QJsonObject json = QJsonDocument::fromJson(stats.out.toUtf8()).object();
    QCOMPARE(json.value(QStringLiteral("sealed")).toBool(), true);
    QCOMPARE(json.value(QStringLiteral("coordinator_key")).toString(), fingerprint);

    const QString test = dir.filePath(QStringLiteral("test"));
    QCOMPARE(initFolder(test, { QStringLiteral("--unsealed") }).code, 0);
    const Run testStats = admin({ QStringLiteral("--data-dir"), test, QStringLiteral("stats") });
    QVERIFY(testStats.out.contains(QLatin1String("UNSEALED")));
    const QJsonObject testJson = QJsonDocument::fromJson(
        admin({ QStringLiteral("--data-dir"), test, QStringLiteral("stats"), QStringLiteral("--json") }).out.toUtf8())
                                     .object();
    QCOMPARE(testJson.value(QStringLiteral("sealed")).toBool(true), false);
    QVERIFY(testJson.value(QStringLiteral("coordinator_key")).isNull());
}

void TestSealing::duplicatesSurviveRestartAndPinReset()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    QCOMPARE(
        initFolder(data, { QStringLiteral("--coordinator-key"), m_keys.filePath(QStringLiteral("coordinator.pub")) })
            .code,
        0);
    QCOMPARE(setPin(data, "24681012"), 0);
    {
        SignatureStore store;
        QVERIFY(store.open(data));
        const AdminPin::Result opened = AdminPin(store).verify(QStringLiteral("24681012"));
        QCOMPARE(opened.status, AdminPin::Status::Ok);
        store.sealing().unlock(opened.key);
        QCOMPARE(store.signatures().save(test::sampleSignature(QStringLiteral("Ann Example"))).status, Status::Stored);
    }
    // Restarted, the stall opened again: the same person is still a duplicate.
    {
        SignatureStore store;
        QVERIFY(store.open(data));
        AdminPin pin(store);
        QCOMPARE(pin.verify(QStringLiteral("13572468")).status, AdminPin::Status::Wrong); // another PIN does not open
        QVERIFY(!store.sealing().isUnlocked());
        store.sealing().unlock(pin.verify(QStringLiteral("24681012")).key);
        QCOMPARE(
            store.signatures().save(test::sampleSignature(QStringLiteral("ann example"))).status, Status::Duplicate);
    }
    // A sealed kiosk's PIN changes only with the current PIN.
    QCOMPARE(admin({ QStringLiteral("--data-dir"), data, QStringLiteral("set-pin"), QStringLiteral("--stdin") },
                 "11111111\n13572468\n")
                 .code,
        1);
    // Forgotten: the coordinator's key resets it, and the duplicate checks keep working.
    const Run wrongPassphrase
        = admin({ QStringLiteral("--data-dir"), data, QStringLiteral("reset-pin"), QStringLiteral("--coordinator-key"),
                    m_keys.filePath(QStringLiteral("coordinator.key")), QStringLiteral("--passphrase-stdin") },
            "not the passphrase\n13572468\n");
    QCOMPARE(wrongPassphrase.code, 1);
    QVERIFY(wrongPassphrase.err.contains(QLatin1String("Wrong passphrase")));
    const Run reset
        = admin({ QStringLiteral("--data-dir"), data, QStringLiteral("reset-pin"), QStringLiteral("--coordinator-key"),
                    m_keys.filePath(QStringLiteral("coordinator.key")), QStringLiteral("--passphrase-stdin") },
            kPassphrase + "\n13572468\n");
    QVERIFY2(reset.code == 0, qPrintable(reset.err));
    SignatureStore store;
    QVERIFY(store.open(data));
    AdminPin pin(store);
    QCOMPARE(pin.verify(QStringLiteral("24681012")).status, AdminPin::Status::Wrong);
    store.sealing().unlock(pin.verify(QStringLiteral("13572468")).key);
    QCOMPARE(store.signatures().save(test::sampleSignature(QStringLiteral("ANN EXAMPLE"))).status, Status::Duplicate);
}

void TestSealing::sealExistingLeavesNoNameInClear()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    QCOMPARE(initFolder(data, { QStringLiteral("--unsealed") }).code, 0);
    QCOMPARE(setPin(data, "24681012"), 0);
    {
        SignatureStore store;
        QVERIFY(store.open(data));
        for (int i = 0; i < 20; ++i) {
            Signature s = test::sampleSignature(QStringLiteral("Vorquelle Signer%1").arg(QChar(u'a' + i)));
            s.email = QStringLiteral("vorquelle%1@example.org").arg(i);
            s.contactOptIn = true;
            QCOMPARE(store.signatures().save(s).status, Status::Stored);
        }
    }
    QCOMPARE(admin({ QStringLiteral("--data-dir"), data, QStringLiteral("backup") }).code, 0);
    QVERIFY(!filesHolding(data, QStringLiteral("Vorquelle")).isEmpty()); // in clear: the database and the backup

    const Run wrongPin = admin(
        { QStringLiteral("--data-dir"), data, QStringLiteral("seal-existing"), QStringLiteral("--coordinator-key"),
            m_keys.filePath(QStringLiteral("coordinator.pub")), QStringLiteral("--stdin") },
        "99999999\n");
    QCOMPARE(wrongPin.code, 1);
    QVERIFY(!filesHolding(data, QStringLiteral("Vorquelle")).isEmpty()); // nothing changed

    const Run sealed = admin(
        { QStringLiteral("--data-dir"), data, QStringLiteral("seal-existing"), QStringLiteral("--coordinator-key"),
            m_keys.filePath(QStringLiteral("coordinator.pub")), QStringLiteral("--stdin") },
        "24681012\n");
    QVERIFY2(sealed.code == 0, qPrintable(sealed.err + sealed.out));
    QVERIFY(sealed.out.contains(QLatin1String("Sealed 20 signatures")));
    QVERIFY(sealed.out.contains(QLatin1String("1 old backups")));
    for (const QString& needle :
        { QStringLiteral("Vorquelle"), QStringLiteral("vorquelle"), QStringLiteral("SW1A 1AA") })
        QVERIFY2(filesHolding(data, needle).isEmpty(), qPrintable(filesHolding(data, needle).join(QLatin1Char(' '))));
    QCOMPARE(QDir(DataDir::backupPath(data)).entryList({ QStringLiteral("signatures-*.sqlite") }).size(), 1);

    // Sealed now: the duplicate checks still know every signer, and the coordinator opens every row.
    SignatureStore store;
    QVERIFY(store.open(data));
    QVERIFY(store.sealing().state().valueOr({}).sealed());
    const AdminPin::Result opened = AdminPin(store).verify(QStringLiteral("24681012"));
    store.sealing().unlock(opened.key);
    Signature again = test::sampleSignature(QStringLiteral("vorquelle signerc"));
    QCOMPARE(store.signatures().save(again).status, Status::Duplicate);
    const auto pair = CoordinatorKey::readSecret(
        m_keys.filePath(QStringLiteral("coordinator.key")), QString::fromUtf8(kPassphrase));
    QVERIFY(pair);
    QVERIFY(AdminPin(store).recoverWithCoordinatorKey(*pair)); // the coordinator's copy of Kd was written
    store.sealing().setOpeningKeys(std::make_shared<const Sealing::KeyPair>(
        Sealing::KeyPair { pair->publicKey, SecretBytes::copyOf(pair->secretKey.data(), pair->secretKey.size()) }));
    QSqlQuery q(store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT id FROM signatures")));
    int names = 0;
    while (q.next()) {
        const auto s = store.signatures().find(QUuid(q.value(0).toString()));
        QVERIFY(s);
        names += s->fullName.startsWith(QLatin1String("Vorquelle")) ? 1 : 0;
    }
    QCOMPARE(names, 20);
}

void TestSealing::aSealedKioskExportsASealedBatch()
{
    QTemporaryDir dir;
    SignatureStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("data"))));
    QVERIFY(store.sealing().enrol(test::coordinatorKeys()->publicKey));
    store.sealing().unlock(test::duplicateKey());
    for (int i = 0; i < 3; ++i) {
        Signature s = test::sampleSignature(QStringLiteral("Trelawny Signer%1").arg(QChar(u'a' + i)));
        if (i == 1)
            s.signatureSvg = R"(<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0 L10 10"/></svg>)";
        QCOMPARE(store.signatures().save(s).status, Status::Stored);
    }
    BatchExporter exporter(store, QStringLiteral("test"));
    const auto done = exporter.exportNew(dir.filePath(QStringLiteral("out")), QStringLiteral("s"));
    QCOMPARE(done.status, BatchExporter::Outcome::Status::Exported);
    QVERIFY(BatchVerifier::verify(done.folder).ok);
    QVERIFY(filesHolding(done.folder, QStringLiteral("Trelawny")).isEmpty());
    QVERIFY(filesHolding(done.folder, QStringLiteral("SW1A 1AA")).isEmpty());
    QFile manifestFile(done.folder + QStringLiteral("/manifest.json"));
    QVERIFY(manifestFile.open(QIODevice::ReadOnly));
    const QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
    QCOMPARE(manifest.value(QStringLiteral("format")).toString(), QStringLiteral("petition-kiosk-batch/2"));
    QCOMPARE(manifest.value(QStringLiteral("coordinator_key")).toString(),
        Sealing::fingerprint(test::coordinatorKeys()->publicKey));
    QCOMPARE(QDir(done.folder).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot),
        QStringList({ "drawings.bin", "manifest.json", "manifest.sig", "signatures.csv" }));

    // Tampered cells are refused, naming the row.
    QFile csvFile(done.folder + QStringLiteral("/signatures.csv"));
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QByteArray original = csvFile.readAll();
    csvFile.close();
    const auto tampered = [&](const QByteArray& from, const QByteArray& to) {
        QByteArray bytes = original;
        const qsizetype at = bytes.indexOf(from);
        if (at < 0)
            return QStringLiteral("(no such text)");
        bytes.replace(at, from.size(), to);
        QFile f(done.folder + QStringLiteral("/signatures.csv"));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
            return QStringLiteral("(not written)");
        f.close();
        test::rehashInManifest(done.folder, QStringLiteral("signatures.csv"));
        // Rehashed only, the batch fails on its signature; signed again with the device's own key (a kiosk taken
        // over), it reaches the row checks.
        const BatchVerifier::Result forged = BatchVerifier::verify(done.folder);
        if (from != to
            && (forged.ok || !forged.problems.value(0).startsWith(QLatin1String("manifest.sig: the signature"))))
            return QStringLiteral("(not refused on the signature: %1)").arg(forged.problems.value(0));
        test::resignManifest(done.folder, dir.filePath(QStringLiteral("data")));
        const BatchVerifier::Result r = BatchVerifier::verify(done.folder);
        return r.ok ? QString() : r.problems.value(0);
    };
    QVERIFY(tampered("\"s1:", "\"s1:!").contains(QLatin1String("sealed cell")));
    QVERIFY(tampered("\"s1:", "\"=s1:").contains(QLatin1String("sealed cell")));
    QVERIFY(tampered("\"SW\"", "\"SW1A 1AA\"").contains(QLatin1String("postcode area")));
    QVERIFY(tampered("\"yes\",\"s1:", "\"no\",\"s1:").contains(QLatin1String("drawings.bin")));
    QVERIFY(tampered("\"no\",\"s1:", "\"yes\",\"s1:").contains(QLatin1String("drawings.bin")));
    QVERIFY(tampered("\"no\",\"s1:", "\"maybe\",\"s1:").contains(QLatin1String("has_drawing")));
    QCOMPARE(tampered("\"id\"", "\"id\""), QString()); // the original, rehashed and signed: it verifies again
}

void TestSealing::aValueThatDoesNotOpenIsNamedById()
{
    QTemporaryDir dir;
    SignatureStore store;
    QVERIFY(store.open(dir.path()));
    QVERIFY(store.sealing().enrol(test::coordinatorKeys()->publicKey));
    store.sealing().unlock(test::duplicateKey());
    const SaveResult first = store.signatures().save(test::sampleSignature(QStringLiteral("Ann Example")));
    const SaveResult second = store.signatures().save(test::sampleSignature(QStringLiteral("Bea Example")));
    QCOMPARE(second.status, Status::Stored);
    // Someone swaps the two rows' sealed boxes.
    QSqlQuery q(store.database());
    QVERIFY(q.exec(QStringLiteral("UPDATE signatures SET sealed = (SELECT sealed FROM signatures WHERE id = '%1') "
                                  "WHERE id = '%2'")
                       .arg(first.id.toString(QUuid::WithoutBraces), second.id.toString(QUuid::WithoutBraces))));
    store.sealing().setOpeningKeys(test::coordinatorKeys());
    QVERIFY(store.signatures().find(first.id));
    const auto moved = store.signatures().find(second.id);
    QVERIFY(!moved);
    QVERIFY2(moved.errorString().contains(second.id.toString(QUuid::WithoutBraces)), qPrintable(moved.errorString()));
    // The coordinator's export stops there too, naming it; nothing is skipped.
    BatchExporter exporter(store, QStringLiteral("test"));
    const auto out = exporter.exportNew(dir.filePath(QStringLiteral("out")), QStringLiteral("s"));
    QVERIFY(out.status != BatchExporter::Outcome::Status::Exported);
    QCOMPARE(store.signatures().counts().valueOr({}).unexported, 2);
}

void TestSealing::openBatchGivesTheClearCsvBack()
{
    QTemporaryDir dir;
    const QString keyFile = m_keys.filePath(QStringLiteral("coordinator.key"));
    SignatureStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("data"))));
    QVERIFY(store.sealing().enrol(*CoordinatorKey::readPublic(m_keys.filePath(QStringLiteral("coordinator.pub")))));
    store.sealing().unlock(test::duplicateKey());
    QList<Signature> signed_;
    for (int i = 0; i < 5; ++i) {
        Signature s = test::sampleSignature(QStringLiteral("Ósk Þórsdóttir%1").arg(QChar(u'a' + i)),
            i % 2 ? QStringLiteral("G1 1AA") : QStringLiteral("SW1A 1AA"),
            i == 2 ? QStringLiteral("osk@example.org") : QString());
        s.contactOptIn = i == 2;
        if (i == 3)
            s.signatureSvg = R"(<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0 L10 10"/></svg>)";
        const SaveResult r = store.signatures().save(s);
        QCOMPARE(r.status, Status::Stored);
        signed_ << r.stored;
    }
    BatchExporter exporter(store, QStringLiteral("test"));
    const auto batch = exporter.exportNew(dir.filePath(QStringLiteral("stick")), QStringLiteral("s"));
    QCOMPARE(batch.status, BatchExporter::Outcome::Status::Exported);
    const QString out = dir.filePath(QStringLiteral("clear"));
    const QStringList args { QStringLiteral("open-batch"), batch.folder, QStringLiteral("--key"), keyFile,
        QStringLiteral("--out"), out, QStringLiteral("--passphrase-stdin") };

    const Run wrong = admin(args, "not the passphrase\n");
    QCOMPARE(wrong.code, 1);
    QVERIFY(!QFileInfo::exists(out));

    const Run opened = admin(args, kPassphrase + '\n');
    QVERIFY2(opened.code == 0, qPrintable(opened.err));
    QVERIFY(opened.out.contains(QLatin1String("IN CLEAR")));
    const QString folder = out + QLatin1Char('/') + batch.batchId;
    // Python's csv module reads it, field for field what was stored.
    QProcess py;
    py.start(QStringLiteral("python3"),
        { QStringLiteral(KIOSK_SOURCE_DIR "/tests/tools/read_batch_csv.py"),
            folder + QStringLiteral("/signatures.csv") });
    QVERIFY(py.waitForFinished(30000));
    const QJsonObject read = QJsonDocument::fromJson(py.readAllStandardOutput()).object();
    QVERIFY(read.value(QStringLiteral("bom")).toBool());
    QVERIFY(read.value(QStringLiteral("crlf_only")).toBool());
    const QJsonArray records = read.value(QStringLiteral("records")).toArray();
    QCOMPARE(records.size(), 6);
    const QStringList header = [&] {
        QStringList h;
        for (const QJsonValue& v : records.at(0).toArray())
            h << v.toString();
        return h;
    }();
    QCOMPARE(header, BatchColumns::headers(BatchKind::Clear));
    for (int i = 0; i < 5; ++i) {
        const QJsonArray row = records.at(i + 1).toArray();
        const auto field = [&](const char* name) { return row.at(header.indexOf(QLatin1String(name))).toString(); };
        QCOMPARE(field("id"), signed_.at(i).id.toString(QUuid::WithoutBraces));
        QCOMPARE(field("full_name"), signed_.at(i).fullName);
        QCOMPARE(field("postcode"), signed_.at(i).postcode);
        QCOMPARE(field("email"), signed_.at(i).email);
        QCOMPARE(field("contact_opt_in"), QString::fromLatin1(i == 2 ? "yes" : "no"));
        QCOMPARE(field("batch_id"), batch.batchId);
        if (i == 3) {
            QFile svg(folder + QLatin1Char('/') + field("signature_file"));
            QVERIFY(svg.open(QIODevice::ReadOnly));
            QCOMPARE(svg.readAll(), signed_.at(3).signatureSvg);
        } else {
            QVERIFY(field("signature_file").isEmpty());
        }
    }
    // Not twice into the same folder.
    QCOMPARE(admin(args, kPassphrase + '\n').code, 1);

    // Two rows' sealed cells swapped, the hash recomputed and the manifest signed again with the device's key (a
    // kiosk taken over): the batch verifies, but both rows are named.
    QFile csvFile(batch.folder + QStringLiteral("/signatures.csv"));
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    CsvReader::Result csv = CsvReader::parse(csvFile.readAll(), true);
    csvFile.close();
    const int sealedAt = BatchColumns::indexOf(BatchKind::Sealed, "sealed");
    std::swap(csv.records[1][sealedAt], csv.records[2][sealedAt]);
    QVERIFY(csvFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
    CsvWriter writer(&csvFile);
    writer.writeBom();
    for (const QStringList& rec : std::as_const(csv.records)) {
        QStringList restored;
        for (const QString& c : rec)
            restored << CsvWriter::restore(c);
        writer.writeRow(restored);
    }
    csvFile.close();
    QVERIFY(test::rehashInManifest(batch.folder, QStringLiteral("signatures.csv")));
    QVERIFY(test::resignManifest(batch.folder, dir.filePath(QStringLiteral("data"))));
    QVERIFY(BatchVerifier::verify(batch.folder).ok);
    const QString out2 = dir.filePath(QStringLiteral("clear2"));
    const Run swapped = admin({ QStringLiteral("open-batch"), batch.folder, QStringLiteral("--key"), keyFile,
                                  QStringLiteral("--out"), out2, QStringLiteral("--passphrase-stdin") },
        kPassphrase + '\n');
    QCOMPARE(swapped.code, 1);
    QVERIFY(swapped.err.contains(signed_.at(0).id.toString(QUuid::WithoutBraces)));
    QVERIFY(swapped.err.contains(signed_.at(1).id.toString(QUuid::WithoutBraces)));
    QVERIFY(swapped.out.contains(QLatin1String("Opened 3 signatures")));

    // A batch that does not verify is not opened.
    QFile::remove(batch.folder + QStringLiteral("/manifest.json"));
    const Run broken
        = admin({ QStringLiteral("open-batch"), batch.folder, QStringLiteral("--key"), keyFile, QStringLiteral("--out"),
                    dir.filePath(QStringLiteral("clear3")), QStringLiteral("--passphrase-stdin") },
            kPassphrase + '\n');
    QCOMPARE(broken.code, 1);
    QVERIFY(broken.err.contains(QLatin1String("does not verify")));
}

QTEST_GUILESS_MAIN(TestSealing)
#include "tst_sealing.moc"
