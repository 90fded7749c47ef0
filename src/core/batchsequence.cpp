#include "batchsequence.h"

#include "datadir.h"
#include "logging.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace kiosk {

namespace {
constexpr qint64 MaxBytes = 1024 * 1024; // about 30,000 stall-days

QJsonObject readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = f.read(MaxBytes + 1);
    if (bytes.size() > MaxBytes) {
        qCWarning(lcExport) << "batch sequence file too large; ignored";
        return {};
    }
    return QJsonDocument::fromJson(bytes).object();
}
} // namespace

BatchSequence::BatchSequence(const QString& dataDir)
    : m_path(QDir(dataDir).filePath(fileName()))
{
}

int BatchSequence::last(const QString& prefix) const
{
    return readAll(m_path).value(prefix).toInt(0);
}

VoidResult BatchSequence::record(const QString& prefix, int number)
{
    QJsonObject all = readAll(m_path);
    if (all.value(prefix).toInt(0) >= number)
        return {};
    all.insert(prefix, number);
    return save(all);
}

ChainHead BatchSequence::chainHead() const
{
    const QJsonObject chain = readAll(m_path).value(QStringLiteral("chain")).toObject();
    return { chain.value(QStringLiteral("sequence")).toInteger(0),
        chain.value(QStringLiteral("manifest_sha256")).toString() };
}

VoidResult BatchSequence::recordChainHead(const ChainHead& head)
{
    QJsonObject all = readAll(m_path);
    if (all.value(QStringLiteral("chain")).toObject().value(QStringLiteral("sequence")).toInteger(0) >= head.sequence)
        return {};
    all.insert(QStringLiteral("chain"),
        QJsonObject { { QStringLiteral("sequence"), head.sequence },
            { QStringLiteral("manifest_sha256"), head.manifestSha256 } });
    return save(all);
}

VoidResult BatchSequence::rollBackChainHead(qint64 sequence, const ChainHead& previous)
{
    QJsonObject all = readAll(m_path);
    if (all.value(QStringLiteral("chain")).toObject().value(QStringLiteral("sequence")).toInteger(0) != sequence)
        return {};
    all.insert(QStringLiteral("chain"),
        QJsonObject { { QStringLiteral("sequence"), previous.sequence },
            { QStringLiteral("manifest_sha256"), previous.manifestSha256 } });
    return save(all);
}

VoidResult BatchSequence::save(const QJsonObject& all)
{
    QSaveFile file(m_path);
    const QByteArray json = QJsonDocument(all).toJson(QJsonDocument::Compact);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit())
        return Failure { StoreError::Io, file.errorString(), {} };
    DataDir::setOwnerOnly(m_path, false);
    return {};
}

} // namespace kiosk
