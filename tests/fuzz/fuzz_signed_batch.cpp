// libFuzzer target for the format-2 reader (issue 15): a real signed batch, exported by a sealed store made at start,
// has one of its files replaced by the input, and the manifest's hash and size for it are brought up to date and the
// manifest signed again with the device's key, as a kiosk that was taken over could. So the input reaches past the
// signature into the parsers: "M2:" manifest.json (then signed as it is), "C2:" signatures.csv, "D2:" drawings.bin.
// The texts DEVICEKEY, DEVICEFPR and DEVICE in the input are replaced by the batch's device signing key, its
// fingerprint and the device id, so that seeds from another run reach the row checks. Each batch
// that verifies is also opened with the coordinator's key. It aborts on a crash, on a batch that verifies but that
// open-batch refuses, and on an opened row count other than the verified one.
//
// FUZZ_WRITE_SEEDS=DIR writes the three real files, tagged, as seeds into DIR and exits.

#include "core/batchexporter.h"
#include "core/batchopener.h"
#include "core/batchverifier.h"
#include "core/devicekey.h"
#include "core/signaturestore.h"
#include "samplesignature.h"
#include "sealingsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdlib>

using namespace kiosk;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void write(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        std::abort();
}

struct SignedBatch
{
    QTemporaryDir dir;
    QString data = dir.filePath(QStringLiteral("data"));
    QString batch;
    QString deviceId;
    QByteArray deviceKey, deviceFingerprint;
    QByteArray manifest, csv, drawings;

    SignedBatch()
    {
        SignatureStore store;
        if (!store.open(data) || !store.sealing().enrol(test::coordinatorKeys()->publicKey))
            std::abort();
        store.sealing().unlock(test::duplicateKey());
        for (int i = 0; i < 3; ++i) {
            Signature s = test::sampleSignature(QStringLiteral("Fuzz Signer%1").arg(QChar(u'a' + i)));
            if (i == 1)
                s.signatureSvg = R"(<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0 L9 9"/></svg>)";
            if (store.signatures().save(s).status != SaveResult::Status::Stored)
                std::abort();
        }
        const auto out = BatchExporter(store, QStringLiteral("fuzz"))
                             .exportNew(dir.filePath(QStringLiteral("stick")), QStringLiteral("fuzz"));
        if (out.status != BatchExporter::Outcome::Status::Exported)
            std::abort();
        batch = out.folder;
        deviceId = store.deviceId();
        const Result<DeviceKey> key = DeviceKey::load(data);
        if (!key)
            std::abort();
        deviceKey = key->publicKey().toBase64();
        deviceFingerprint = key->fingerprint().toLatin1();
        manifest = readAll(batch + QStringLiteral("/manifest.json"));
        csv = readAll(batch + QStringLiteral("/signatures.csv"));
        drawings = readAll(batch + QStringLiteral("/drawings.bin"));
    }

    void restore()
    {
        write(batch + QStringLiteral("/manifest.json"), manifest);
        write(batch + QStringLiteral("/signatures.csv"), csv);
        write(batch + QStringLiteral("/drawings.bin"), drawings);
        sign();
    }
    // The file's size and SHA-256 into the manifest.
    void rehash(const QString& name, const QByteArray& bytes)
    {
        QJsonObject m = QJsonDocument::fromJson(readAll(batch + QStringLiteral("/manifest.json"))).object();
        QJsonObject files = m.value(QStringLiteral("files")).toObject();
        files.insert(name,
            QJsonObject { { QStringLiteral("bytes"), bytes.size() },
                { QStringLiteral("sha256"),
                    QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()) } });
        m.insert(QStringLiteral("files"), files);
        write(batch + QStringLiteral("/manifest.json"), QJsonDocument(m).toJson());
    }
    void sign()
    {
        const Result<DeviceKey> key = DeviceKey::load(data);
        if (!key)
            std::abort();
        write(batch + QStringLiteral("/manifest.sig"),
            key->sign(readAll(batch + QStringLiteral("/manifest.json"))).toBase64() + '\n');
    }
};

void fuzzSignedBatch(QByteArray input)
{
    static SignedBatch b;
    const QByteArray tag = input.left(3);
    input = input.mid(3)
                .replace("DEVICEKEY", b.deviceKey)
                .replace("DEVICEFPR", b.deviceFingerprint)
                .replace("DEVICE", b.deviceId.toUtf8());
    if (tag == "M2:") {
        write(b.batch + QStringLiteral("/manifest.json"), input);
    } else if (tag == "C2:") {
        write(b.batch + QStringLiteral("/signatures.csv"), input);
        b.rehash(QStringLiteral("signatures.csv"), input);
    } else if (tag == "D2:") {
        write(b.batch + QStringLiteral("/drawings.bin"), input);
        b.rehash(QStringLiteral("drawings.bin"), input);
    } else {
        return;
    }
    b.sign();
    const BatchVerifier::Result verified = BatchVerifier::verify(b.batch);
    if (verified.ok) {
        QTemporaryDir out;
        const Result<BatchOpener::Outcome> opened = BatchOpener::open(b.batch, *test::coordinatorKeys(), out.path());
        if (!opened || opened->rows + opened->unopened.size() != verified.rows)
            std::abort();
    }
    b.restore();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*=false"));
    const QByteArray seeds = qgetenv("FUZZ_WRITE_SEEDS");
    if (!seeds.isEmpty()) {
        SignedBatch b;
        const QString dir = QString::fromLocal8Bit(seeds);
        const QByteArray device = b.deviceId.toUtf8();
        write(dir + QStringLiteral("/signed-manifest"),
            "M2:"
                + QByteArray(b.manifest)
                      .replace(b.deviceKey, "DEVICEKEY")
                      .replace(b.deviceFingerprint, "DEVICEFPR")
                      .replace(device, "DEVICE"));
        write(dir + QStringLiteral("/signed-csv"), "C2:" + QByteArray(b.csv).replace(device, "DEVICE"));
        write(dir + QStringLiteral("/signed-drawings"), "D2:" + b.drawings);
        std::exit(0);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzzSignedBatch(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    return 0;
}
