// petition-bench save: SignatureStore::save() against the plain SQLite C API, side by side in one process.

#include "benchcommands.h"
#include "benchutil.h"
#include "syntheticsignatures.h"

#include "admin/adminpin.h"
#include "core/datadir.h"
#include "core/signaturestore.h"
#include "core/signingrules.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>
#include <array>

#include <sodium.h>

#include "rawsqlite.h"

namespace kiosk::bench {

namespace {

// The baseline of a PIN unlock: the same libsodium call, alone.
bool rawPwhash(SecretBytes& key, const char* pin, const QByteArray& salt)
{
    return crypto_pwhash(key.data(), key.size(), pin, qstrlen(pin),
               reinterpret_cast<const unsigned char*>(salt.constData()), crypto_pwhash_OPSLIMIT_MODERATE,
               crypto_pwhash_MEMLIMIT_MODERATE, crypto_pwhash_ALG_ARGON2ID13)
        == 0;
}

struct Timings
{
    QList<double> ours;
    QList<double> baseline;
};

bool populateStore(SignatureStore& store, qint64 rows, quint32 seed, QTextStream& err)
{
    SyntheticSignatures gen(seed);
    qint64 done = 0;
    while (done < rows) {
        QList<Signature> chunk;
        const qint64 n = qMin<qint64>(20000, rows - done);
        chunk.reserve(n);
        for (qint64 i = 0; i < n; ++i)
            chunk.append(gen.next());
        if (!store.signatures().saveBulk(chunk)) {
            err << "populate failed: " << store.errorString() << Qt::endl;
            return false;
        }
        done += n;
    }
    return true;
}

void report(QTextStream& out, const QString& label, const QList<double>& samples)
{
    out << QStringLiteral("  %1 median %2 µs   p99 %3 µs   (n=%4)\n")
               .arg(label, -34)
               .arg(median(samples), 8, 'f', 1)
               .arg(percentile(samples, 99), 8, 'f', 1)
               .arg(samples.size());
}

} // namespace

int benchSave(const BenchOptions& options, QTextStream& out, QTextStream& err)
{
    QTemporaryDir workRoot(options.workDir.isEmpty() ? QDir::tempPath() + QStringLiteral("/petition-bench-XXXXXX")
                                                     : options.workDir + QStringLiteral("/petition-bench-XXXXXX"));
    if (!workRoot.isValid()) {
        err << "petition-bench: cannot create a work folder" << Qt::endl;
        return 1;
    }

    // 1. save() against the raw C API, interleaved in rounds so that both see the same disk weather: an unsealed
    // store, and a sealed one (sealed boxes to a coordinator key, keyed tags under an unlocked duplicate key).
    SignatureStore store;
    SignatureStore sealedStore;
    RawSqliteInserter raw;
    if (!store.open(workRoot.filePath(QStringLiteral("ours"))) || !raw.open(workRoot.filePath(QStringLiteral("raw")))
        || !sealedStore.open(workRoot.filePath(QStringLiteral("sealed")))
        || !sealedStore.sealing().enrol(Sealing::newKeyPair().publicKey)) {
        err << "petition-bench: cannot open the databases" << Qt::endl;
        return 1;
    }
    sealedStore.sealing().unlock(std::make_shared<const SecretBytes>(SecretBytes::random(Sealing::DuplicateKeyBytes)));
    SyntheticSignatures gen(1);
    Timings t;
    QList<double> sealedTimes;
    const int rounds = 10;
    const int perRound = qMax(1, options.count / rounds);
    QElapsedTimer timer;
    for (int r = 0; r < rounds; ++r) {
        for (int i = 0; i < perRound; ++i) {
            const Signature s = gen.next();
            timer.start();
            const SaveResult result = store.signatures().save(s);
            t.ours.append(double(timer.nsecsElapsed()) / 1000.0);
            if (result.status == SaveResult::Status::Failed) {
                err << "petition-bench: save failed: " << store.errorString() << Qt::endl;
                return 1;
            }
        }
        for (int i = 0; i < perRound; ++i) {
            const Signature s = gen.next();
            timer.start();
            const SaveResult result = sealedStore.signatures().save(s);
            sealedTimes.append(double(timer.nsecsElapsed()) / 1000.0);
            if (result.status == SaveResult::Status::Failed) {
                err << "petition-bench: sealed save failed: " << sealedStore.errorString() << Qt::endl;
                return 1;
            }
        }
        for (int i = 0; i < perRound; ++i) {
            const Signature s = gen.next();
            timer.start();
            if (!raw.insert(s)) {
                err << "petition-bench: raw insert failed" << Qt::endl;
                return 1;
            }
            t.baseline.append(double(timer.nsecsElapsed()) / 1000.0);
        }
    }
    const double saveRatio = median(t.ours) / median(t.baseline);
    const double sealedRatio = median(sealedTimes) / median(t.baseline);
    out << "save(): durable saves, WAL + synchronous=FULL, one signature per transaction\n";
    report(out, QStringLiteral("SignatureStore::save(), unsealed"), t.ours);
    report(out, QStringLiteral("SignatureStore::save(), sealed"), sealedTimes);
    report(out, QStringLiteral("plain SQLite C API INSERT"), t.baseline);
    out << QStringLiteral("  ratio of medians, unsealed: %1\n").arg(saveRatio, 0, 'f', 2);
    out << QStringLiteral("  ratio of medians, sealed:   %1  (budget 1.5)  %2\n\n")
               .arg(sealedRatio, 0, 'f', 2)
               .arg(sealedRatio <= 1.5 ? QStringLiteral("OK") : QStringLiteral("OVER BUDGET"));
    out.flush();

    // 1b. One PIN unlock (Argon2id over 256 MiB, then secretbox), against a tight loop of the same crypto_pwhash
    // call; and what it means for a thief with the database and one core.
    QList<double> unlocks;
    QList<double> pwhash;
    {
        SecretBytes kd = SecretBytes::random(Sealing::DuplicateKeyBytes);
        const QByteArray wrapped = Sealing::wrapWithPassword(kd, "24681012", Sealing::pinCost());
        const QByteArray salt(16, 's');
        SecretBytes key(32);
        for (int i = 0; i < 5; ++i) {
            timer.start();
            const auto opened = Sealing::unwrapWithPassword(wrapped, "24681012", Sealing::MinPinMemBytes);
            unlocks.append(double(timer.nsecsElapsed()) / 1e6);
            if (!opened) {
                err << "petition-bench: the PIN unlock failed" << Qt::endl;
                return 1;
            }
            timer.start();
            if (!rawPwhash(key, "24681012", salt)) {
                err << "petition-bench: crypto_pwhash failed" << Qt::endl;
                return 1;
            }
            pwhash.append(double(timer.nsecsElapsed()) / 1e6);
        }
    }
    const double unlockMs = median(unlocks);
    const double years = 1e8 * unlockMs / 1000.0 / (365.25 * 24 * 3600);
    out << QStringLiteral("PIN unlock (Argon2id 3 x 256 MiB + secretbox)\n");
    out << QStringLiteral("  unlock median %1 ms, crypto_pwhash alone %2 ms, ratio %3\n")
               .arg(unlockMs, 0, 'f', 0)
               .arg(median(pwhash), 0, 'f', 0)
               .arg(unlockMs / median(pwhash), 0, 'f', 2);
    out << QStringLiteral("  every 8-digit PIN on one core: %1 years (the old PBKDF2 hash: hours for 6 digits)\n\n")
               .arg(years, 0, 'f', 1);
    out.flush();

    // 2. The duplicate check plus save at a large table against a small one.
    const qint64 small = 1000;
    const qint64 large = options.scaleRows;
    SignatureStore smallStore;
    SignatureStore largeStore;
    if (!smallStore.open(workRoot.filePath(QStringLiteral("small")))
        || !largeStore.open(workRoot.filePath(QStringLiteral("large")))) {
        err << "petition-bench: cannot open the scale databases" << Qt::endl;
        return 1;
    }
    QElapsedTimer fill;
    fill.start();
    if (!populateStore(smallStore, small, 2, err) || !populateStore(largeStore, large, 3, err))
        return 1;
    out << QStringLiteral("populated %1 + %2 rows in %3 s\n")
               .arg(small)
               .arg(large)
               .arg(fill.elapsed() / 1000.0, 0, 'f', 1);

    QList<double> smallSave, largeSave, smallDup, largeDup;
    SyntheticSignatures probe(4);
    const int scaleSamples = qMax(10, options.count / 2);
    for (int i = 0; i < scaleSamples; ++i) {
        const Signature s = probe.next();
        // Alternate which store goes first, so that neither always follows the other's fsync.
        const auto order = i % 2 == 0 ? std::array<QList<double>*, 2> { &smallSave, &largeSave }
                                      : std::array<QList<double>*, 2> { &largeSave, &smallSave };
        for (auto* pair : order) {
            SignatureStore& target = pair == &smallSave ? smallStore : largeStore;
            timer.start();
            const SaveResult stored = target.signatures().save(s);
            pair->append(double(timer.nsecsElapsed()) / 1000.0);
            // The same person again: the duplicate path, which is all lookup and no fsync.
            timer.start();
            const SaveResult twin = target.signatures().save(s);
            (pair == &smallSave ? smallDup : largeDup).append(double(timer.nsecsElapsed()) / 1000.0);
            if (stored.status == SaveResult::Status::Failed || twin.status == SaveResult::Status::Failed) {
                err << "petition-bench: save failed at scale: " << target.errorString() << Qt::endl;
                return 1;
            }
        }
    }
    const double scaleRatio = median(largeSave) / median(smallSave);
    const double dupRatio = median(largeDup) / median(smallDup);
    out << QStringLiteral("duplicate check + save at %1 rows against %2 rows\n").arg(large).arg(small);
    report(out, QStringLiteral("check + save, %1 rows").arg(small), smallSave);
    report(out, QStringLiteral("check + save, %1 rows").arg(large), largeSave);
    out << QStringLiteral("  ratio of medians: %1  (budget 1.3)  %2\n")
               .arg(scaleRatio, 0, 'f', 2)
               .arg(scaleRatio <= 1.3 ? QStringLiteral("OK") : QStringLiteral("OVER BUDGET"));
    report(out, QStringLiteral("duplicate refused, %1 rows").arg(small), smallDup);
    report(out, QStringLiteral("duplicate refused, %1 rows").arg(large), largeDup);
    out << QStringLiteral("  ratio of medians (lookup only): %1\n").arg(dupRatio, 0, 'f', 2);
    out << QStringLiteral("RESULT save_ratio=%1 sealed_save_ratio=%4 unlock_ms=%5 scale_ratio=%2 dup_lookup_ratio=%3\n")
               .arg(saveRatio, 0, 'f', 2)
               .arg(scaleRatio, 0, 'f', 2)
               .arg(dupRatio, 0, 'f', 2)
               .arg(sealedRatio, 0, 'f', 2)
               .arg(unlockMs, 0, 'f', 0);
    out.flush();
    return 0;
}

int benchPopulate(const BenchOptions& options, QTextStream& out, QTextStream& err)
{
    if (options.dataDir.isEmpty() || options.rows <= 0) {
        err << "petition-bench: populate needs --data-dir DIR and --rows N" << Qt::endl;
        return 2;
    }
    SignatureStore store;
    if (!store.open(options.dataDir)) {
        err << "petition-bench: " << store.errorString() << Qt::endl;
        return 1;
    }
    const Result<SignatureCounts> counted = store.signatures().counts();
    if (!counted) {
        err << "petition-bench: " << counted.errorString() << Qt::endl;
        return 1;
    }
    const SignatureCounts& counts = *counted;
    // A sealed folder (init --coordinator-key, set-pin): the PIN, from standard input, opens its stall.
    if (store.sealing().state().valueOr({}).sealed()) {
        QTextStream in(stdin);
        const AdminPin::Result opened = AdminPin(store).verify(in.readLine().trimmed());
        if (opened.status != AdminPin::Status::Ok) {
            err << "petition-bench: a sealed data folder: give its PIN on standard input" << Qt::endl;
            return 1;
        }
        store.sealing().unlock(opened.key);
    }
    if (counts.total > 0) {
        err << "petition-bench: " << options.dataDir << " already holds " << counts.total
            << " signatures; populate only fills a fresh data folder" << Qt::endl;
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    if (!populateStore(store, options.rows, options.seed, err))
        return 1;
    out << QStringLiteral("populated %1 signatures in %2 s\n")
               .arg(options.rows)
               .arg(timer.elapsed() / 1000.0, 0, 'f', 1);
    out.flush();
    return 0;
}

} // namespace kiosk::bench
