#include "batchopener.h"

#include "batchcolumns.h"
#include "batchmanifest.h"
#include "batchverifier.h"
#include "csv.h"
#include "personaldatacodec.h"
#include "signedbatch.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <array>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace kiosk {

namespace {

Failure refuse(const QString& sentence)
{
    return Failure { StoreError::Invalid, sentence, sentence };
}

// Opening is a pipeline: this thread reads the rows a block at a time and writes the clear batch in order, while two
// worker threads open the blocks ahead of it (each box is an X25519 operation, the work that dominates). At most
// MaxBlocks blocks are in flight, so memory stays bounded whatever the batch's size.
constexpr std::size_t BlockRows = 256;
constexpr std::size_t MaxBlocks = 8;

struct Opened
{
    SignedBatchReader::Row row;
    std::optional<PersonalFields> fields;
};

struct Block
{
    std::vector<Opened> rows { BlockRows };
    std::size_t count = 0;
    enum class State { Waiting, Opening, Done } state = State::Waiting;
};

class Openers final
{
public:
    // Without `threads`, add() opens the block at once, here (a small batch: threads would cost more than they save).
    Openers(const SealingPersonalDataCodec& codec, bool threads)
        : m_codec(codec)
    {
        if (!threads)
            return;
        for (auto& t : m_threads)
            t = std::thread([this] { work(); });
    }
    ~Openers()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
            m_changed.notify_all();
        }
        for (auto& t : m_threads) {
            if (t.joinable())
                t.join();
        }
    }
    // Hands a block over to be opened; the blocks come back, opened, in the order they went in.
    void add(std::shared_ptr<Block> block)
    {
        if (!m_threads.front().joinable()) {
            open(*block);
            block->state = Block::State::Done;
        }
        std::lock_guard lock(m_mutex);
        m_blocks.push_back(std::move(block));
        m_changed.notify_all();
    }
    std::size_t inFlight()
    {
        std::lock_guard lock(m_mutex);
        return m_blocks.size();
    }
    // The oldest block, once opened; null if none is in flight.
    std::shared_ptr<Block> next()
    {
        std::unique_lock lock(m_mutex);
        if (m_blocks.empty())
            return {};
        m_changed.wait(lock, [this] { return m_blocks.front()->state == Block::State::Done; });
        std::shared_ptr<Block> block = std::move(m_blocks.front());
        m_blocks.pop_front();
        return block;
    }

private:
    void work()
    {
        for (;;) {
            std::shared_ptr<Block> block;
            {
                std::unique_lock lock(m_mutex);
                m_changed.wait(lock, [this] { return m_stop || waiting(); });
                if (m_stop)
                    return;
                block = waiting();
                block->state = Block::State::Opening;
            }
            open(*block);
            std::lock_guard lock(m_mutex);
            block->state = Block::State::Done;
            m_changed.notify_all();
        }
    }
    void open(Block& block) const
    {
        for (std::size_t i = 0; i < block.count; ++i) {
            Opened& o = block.rows[i];
            SealedFields sealed;
            sealed.sealed = o.row.sealed();
            if (!o.row.sealedDrawing.isEmpty())
                sealed.sealedDrawing = o.row.sealedDrawing;
            o.fields = m_codec.unseal(QString::fromLatin1(o.row.cells.at(SignedBatchReader::Id)), sealed);
        }
    }
    std::shared_ptr<Block> waiting() const
    {
        for (const auto& b : m_blocks) {
            if (b->state == Block::State::Waiting)
                return b;
        }
        return {};
    }

    const SealingPersonalDataCodec& m_codec;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::shared_ptr<Block>> m_blocks;
    bool m_stop = false;
    std::array<std::thread, 2> m_threads;
};

} // namespace

Result<BatchOpener::Outcome> BatchOpener::open(
    const QString& batchFolder, const Sealing::KeyPair& keys, const QString& outDir)
{
    const BatchVerifier::Result verified = BatchVerifier::verify(batchFolder);
    if (!verified.ok)
        return refuse(
            QStringLiteral("The batch does not verify, so it was not opened: %1").arg(verified.problems.value(0)));
    if (verified.format != 2)
        return refuse(QStringLiteral("This batch is not sealed; its signatures.csv is already in clear."));
    const QString fingerprint = Sealing::fingerprint(keys.publicKey);
    if (verified.coordinatorKey != fingerprint)
        return refuse(QStringLiteral("This batch is sealed to coordinator key %1, not to this key (%2).")
                          .arg(verified.coordinatorKey, fingerprint));
    // The manifest that verified, byte for byte: the rows read below are checked against it once more, so a batch
    // changed after it was verified is caught.
    const QDir batch(batchFolder);
    QFile manifestFile(batch.filePath(QString::fromLatin1(BatchManifest::FileName)));
    const QByteArray manifestBytes = manifestFile.open(QIODevice::ReadOnly)
        ? manifestFile.read(qMin(manifestFile.size() + 1, BatchVerifier::MaxManifestBytes))
        : QByteArray();
    if (QString::fromLatin1(QCryptographicHash::hash(manifestBytes, QCryptographicHash::Sha256).toHex())
        != verified.manifestSha256)
        return refuse(QStringLiteral("manifest.json changed while the batch was opened; nothing was written."));
    const QJsonObject manifest = QJsonDocument::fromJson(manifestBytes).object();

    const QString target = QDir(outDir).filePath(verified.batchId);
    if (QFileInfo::exists(target) || QFileInfo(target).isSymLink())
        return refuse(QStringLiteral("%1 exists already; nothing was written.").arg(QDir::toNativeSeparators(target)));
    if (!QDir().mkpath(target + QLatin1Char('/') + BatchManifest::drawingsFolder()))
        return refuse(QStringLiteral("%1 cannot be made.").arg(QDir::toNativeSeparators(target)));
    const auto abandon = [&target](const QString& why) {
        QDir(target).removeRecursively();
        return refuse(why + QStringLiteral(" Nothing was kept."));
    };

    SealingPersonalDataCodec codec(keys.publicKey);
    codec.setOpeningKeys(std::make_shared<const Sealing::KeyPair>(
        Sealing::KeyPair { keys.publicKey, SecretBytes::copyOf(keys.secretKey.data(), keys.secretKey.size()) }));
    QSaveFile csvOut(target + QLatin1Char('/') + BatchManifest::csvName());
    const QString cannotWrite = QStringLiteral("%1 cannot be written.").arg(QDir::toNativeSeparators(target));
    if (!csvOut.open(QIODevice::WriteOnly))
        return abandon(cannotWrite);
    CsvWriter writer(&csvOut);
    if (!writer.writeBom() || !writer.writeRow(BatchColumns::headers(BatchKind::Clear)))
        return abandon(cannotWrite);

    Outcome out;
    out.folder = target;
    SignedBatchReader reader(batchFolder, manifest);
    if (!reader.open())
        return abandon(QStringLiteral("The batch changed after it was verified (%1).").arg(reader.problem()));
    Openers openers(codec, verified.rows > qint64(BlockRows));
    bool more = true;
    std::vector<std::shared_ptr<Block>> spare;
    for (;;) {
        // Keep the openers busy: read blocks ahead while there is room.
        while (more && openers.inFlight() < MaxBlocks) {
            std::shared_ptr<Block> block;
            if (spare.empty()) {
                block = std::make_shared<Block>();
            } else {
                block = std::move(spare.back());
                spare.pop_back();
            }
            block->count = 0;
            block->state = Block::State::Waiting;
            while (block->count < BlockRows && (more = reader.next(block->rows[block->count].row)))
                ++block->count;
            if (block->count > 0)
                openers.add(block);
        }
        const std::shared_ptr<Block> block = openers.next();
        if (!block)
            break;
        for (std::size_t i = 0; i < block->count; ++i) {
            const Opened& o = block->rows[i];
            const auto cell = [&o](SignedBatchReader::Column c) { return QString::fromUtf8(o.row.cells.at(c)); };
            ExportRow r;
            r.id = cell(SignedBatchReader::Id);
            if (!o.fields) {
                out.unopened << r.id;
                continue;
            }
            r.signedAt = cell(SignedBatchReader::SignedAt);
            r.petitionId = cell(SignedBatchReader::PetitionId);
            r.petitionVersion = cell(SignedBatchReader::PetitionVersion);
            r.consentVersion = cell(SignedBatchReader::ConsentVersion);
            r.fullName = o.fields->fullName;
            r.country = cell(SignedBatchReader::Country);
            r.postcode = o.fields->postcode;
            r.email = o.fields->email;
            r.ukCitizenOrResident = o.row.cells.at(SignedBatchReader::Resident) == "yes";
            r.contactOptIn = o.row.cells.at(SignedBatchReader::OptIn) == "yes";
            r.language = cell(SignedBatchReader::Language);
            r.stallId = cell(SignedBatchReader::StallId);
            r.deviceId = cell(SignedBatchReader::DeviceId);
            ExportContext context { {}, verified.batchId };
            if (!o.fields->signatureSvg.isEmpty()) {
                context.signatureFile
                    = BatchManifest::drawingsFolder() + QLatin1Char('/') + r.id + QStringLiteral(".svg");
                QFile svg(target + QLatin1Char('/') + context.signatureFile);
                if (!svg.open(QIODevice::WriteOnly | QIODevice::NewOnly)
                    || svg.write(o.fields->signatureSvg) != o.fields->signatureSvg.size())
                    return abandon(cannotWrite);
            }
            if (!writer.writeRow(BatchColumns::cells(BatchKind::Clear, r, context)))
                return abandon(cannotWrite);
            ++out.rows;
        }
        spare.push_back(block);
    }
    if (!reader.finish())
        return abandon(QStringLiteral("The batch changed after it was verified (%1).").arg(reader.problem()));
    if (!csvOut.commit())
        return abandon(cannotWrite);
    return out;
}

} // namespace kiosk
