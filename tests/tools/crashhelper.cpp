// kiosk-crash-helper: the signing and export paths in a child process, for tests that kill it with SIGKILL.
//   kiosk-crash-helper sign DATA_DIR PREFIX      saves signatures in a loop; prints "ACK <uuid>" after each durable
//   save kiosk-crash-helper export DATA_DIR OUT_DIR   saves 20 signatures, exports, and again; prints "BATCH <id>"
//   after each
//   kiosk-crash-helper powercut-export DATA_DIR OUT_DIR   twice: saves 10 signatures one by one ("ACK <uuid>" after
//   each), then exports ("BATCH <id>"); then exits. Run under libkiosk-powercut.so, which cuts the power somewhere in
//   it kiosk-crash-helper hub-import DATABASE STICK    imports the stick's batches into the hub with the test
//   coordinator's key; prints "DONE <imported> <skipped> <refused>" at the end

#include "core/batchexporter.h"
#include "core/signaturestore.h"
#include "hub/hubimporter.h"
#include "samplesignature.h"
#include "sealingsupport.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <cstdio>

using namespace kiosk;

namespace {
Signature make(const QString& name)
{
    Signature s = test::sampleSignature(name);
    s.stallId = QStringLiteral("crash");
    s.signatureSvg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
    return s;
}
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*=false"));
    const QStringList args = app.arguments();
    if (args.size() < 4)
        return 2;
    if (args[1] == QLatin1String("hub-import")) {
        Result<std::unique_ptr<hub::HubDatabase>> db = hub::HubDatabase::open(args[2]);
        if (!db)
            return 1;
        printf("READY\n");
        fflush(stdout);
        hub::HubImporter importer(**db, test::coordinatorKeys());
        int counts[3] = {};
        for (const hub::ImportReport& r : importer.importPaths({ args[3] }))
            ++counts[int(r.outcome)];
        printf("DONE %d %d %d\n", counts[0], counts[1], counts[2]);
        fflush(stdout);
        return 0;
    }
    SignatureStore store;
    // The export runs as the kiosk's does: in a sealed run it cannot open the rows, so it writes signed batches.
    if (!(args[1] != QLatin1String("sign") ? test::openStore(store, args[2]).ok()
                                           : test::openStoreReadable(store, args[2]).ok()))
        return 1;
    // The test's random kill delay starts here, so that a slow start (a sanitizer build, a busy machine) does not
    // eat the window in which the kill should land.
    printf("READY\n");
    fflush(stdout);
    if (args[1] == QLatin1String("sign")) {
        for (int i = 0;; ++i) {
            const SaveResult r = store.signatures().save(make(QStringLiteral("%1 %2").arg(args[3]).arg(i)));
            if (r.status != SaveResult::Status::Stored)
                return 1;
            // Only after save() returned: the signer would now be thanked.
            printf("ACK %s\n", qPrintable(r.id.toString(QUuid::WithoutBraces)));
            fflush(stdout);
        }
    }
    if (args[1] == QLatin1String("powercut-export")) {
        BatchExporter exporter(store, QStringLiteral("powercut-test"));
        for (int round = 0; round < 2; ++round) {
            for (int i = 0; i < 10; ++i) {
                const SaveResult r = store.signatures().save(make(QStringLiteral("Signer %1 %2").arg(round).arg(i)));
                if (r.status != SaveResult::Status::Stored)
                    return 1;
                printf("ACK %s\n", qPrintable(r.id.toString(QUuid::WithoutBraces)));
                fflush(stdout);
            }
            const auto result = exporter.exportNew(args[3], QStringLiteral("crash"));
            if (result.status != BatchExporter::Outcome::Status::Exported)
                return 1;
            printf("BATCH %s\n", qPrintable(result.batchId));
            fflush(stdout);
        }
        return 0;
    }
    if (args[1] == QLatin1String("export")) {
        BatchExporter exporter(store, QStringLiteral("crash-test"));
        for (int round = 0;; ++round) {
            // New signatures in one transaction: the kills are meant to land in the export, not in the saves.
            QList<Signature> fresh;
            for (int i = 0; i < 20; ++i)
                fresh << make(QStringLiteral("%1 %2 %3").arg(QCoreApplication::applicationPid()).arg(round).arg(i));
            (void)store.signatures().saveBulk(fresh);
            const auto result = exporter.exportNew(args[3], QStringLiteral("crash"));
            if (result.status == BatchExporter::Outcome::Status::Exported) {
                printf("BATCH %s\n", qPrintable(result.batchId));
                fflush(stdout);
            }
        }
    }
    return 2;
}
