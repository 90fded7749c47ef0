#pragma once

// Helpers shared by the tests: a valid sample signature, and a reader for ../shared/testdata.

#include "core/campaign.h"
#include "core/devicekey.h"
#include "core/signaturestore.h"
#include "samplesignature.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QtTest>

namespace kiosk::test {

// What an attacker who edits a batch does next: writes the file's new size and SHA-256 into manifest.json.
inline bool rehashInManifest(const QString& batchFolder, const QString& name)
{
    QFile file(batchFolder + QLatin1Char('/') + name);
    QFile manifestFile(batchFolder + QStringLiteral("/manifest.json"));
    if (!file.open(QIODevice::ReadOnly) || !manifestFile.open(QIODevice::ReadOnly))
        return false;
    const QByteArray bytes = file.readAll();
    QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
    manifestFile.close();
    QJsonObject files = manifest.value(QStringLiteral("files")).toObject();
    files.insert(name,
        QJsonObject { { QStringLiteral("bytes"), bytes.size() },
            { QStringLiteral("sha256"),
                QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()) } });
    manifest.insert(QStringLiteral("files"), files);
    if (!manifestFile.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    const QByteArray json = QJsonDocument(manifest).toJson();
    return manifestFile.write(json) == json.size();
}

// A file's bytes (empty if it cannot be read), and a file written whole.
// The built-in campaign copied to `to`, owner-writable, for a test that changes it; false if a file would not copy.
inline bool copyBuiltInCampaign(const QString& to)
{
    const QString builtIn = QString::fromLatin1(Campaign::BuiltInFolder);
    QDirIterator it(builtIn, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString from = it.next();
        const QString target = to + from.mid(builtIn.size());
        if (!QDir().mkpath(QFileInfo(target).path()) || !QFile::copy(from, target)
            || !QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner))
            return false;
    }
    return true;
}

inline QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// Signs the batch's manifest.json again with the device key of `dataDir`, as a kiosk that was taken over could: for
// tests of what the verifier checks beyond the signature.
inline bool resignManifest(const QString& batchFolder, const QString& dataDir)
{
    const Result<DeviceKey> key = DeviceKey::load(dataDir);
    QFile manifestFile(batchFolder + QStringLiteral("/manifest.json"));
    QFile sig(batchFolder + QStringLiteral("/manifest.sig"));
    if (!key || !manifestFile.open(QIODevice::ReadOnly) || !sig.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    const QByteArray signature = key->sign(manifestFile.readAll()).toBase64() + '\n';
    return sig.write(signature) == signature.size();
}

// Reads the store's counts into `counts`; false (and `counts` untouched) if they could not be read.
inline bool readCounts(SignatureStore& store, SignatureCounts& counts)
{
    const Result<SignatureCounts> read = store.signatures().counts();
    if (read)
        counts = *read;
    return read.ok();
}

// The folder of the shared signing-rule cases, beside the clone (see tests/CMakeLists.txt).
inline QString testDataDir()
{
    const QByteArray fromEnv = qgetenv("PETITION_KIOSK_TESTDATA");
    return fromEnv.isEmpty() ? QStringLiteral(KIOSK_TESTDATA_DIR) : QString::fromLocal8Bit(fromEnv);
}

// Rows of a TAB-separated file; lines starting with '#' and empty lines are skipped. Fields keep their
// spaces, because leading and trailing white space is part of what is tested.
inline QList<QStringList> readTsv(const QString& fileName)
{
    QList<QStringList> rows;
    QFile file(testDataDir() + QLatin1Char('/') + fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("cannot open %s", qPrintable(file.fileName()));
        return rows;
    }
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    for (QString line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        rows.append(line.split(QLatin1Char('\t')));
    }
    return rows;
}

} // namespace kiosk::test
