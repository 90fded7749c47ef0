// libFuzzer target for the files that come from outside (issue 13). An input that begins with a tag replaces one
// file in a real folder, which then goes through the same function check-campaign or verify runs: "CJ:" a
// campaign.json, "MD:" a campaign page (Markdown, with its images), "MF:" a batch's manifest.json, "CS:" a batch's
// signatures.csv, "KP:" a coordinator.pub, "KS:" a coordinator.key (read with a fixed passphrase), "IC:" a hub's
// import confirmation as a file, "IS:" the statement inside one, boxed with the real keys so that it reaches past the
// box. Untagged input is taken as a page. It aborts on a crash, if a kept page points outside, if a key file read as
// the wrong kind passes, or if a confirmation that is read lacks what forget-batch relies on.

#include "core/batchverifier.h"
#include "core/campaign.h"
#include "core/campaignfiles.h"
#include "core/coordinatorkey.h"
#include "core/devicekey.h"
#include "core/importconfirmation.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUrl>

#include <cstdint>
#include <cstdlib>

using namespace kiosk;

namespace {
void write(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        std::abort();
}

// One campaign folder and one batch folder, made once; each input replaces one file in them.
struct Folders
{
    QTemporaryDir dir;
    QString campaign = dir.filePath(QStringLiteral("campaign"));
    QString batch = dir.filePath(QStringLiteral("batch"));
    QByteArray campaignJson = R"({"petition": {"id": "p", "version": 1}, "consent": {"version": 1}, "languages": ["en"],
             "texts": {"en": {"title": "T", "consent_text": "C", "petition_text": "P"}}})";
    Folders()
    {
        QDir().mkpath(campaign + QStringLiteral("/pages/en"));
        QDir().mkpath(campaign + QStringLiteral("/images"));
        QDir().mkpath(batch + QStringLiteral("/signatures"));
        write(campaign + QStringLiteral("/campaign.json"), campaignJson);
        write(campaign + QStringLiteral("/pages/en/01.md"), "# Page\n\nText.\n");
        write(campaign + QStringLiteral("/images/dot.png"), "png");
        write(batch + QStringLiteral("/signatures.csv"), "\xEF\xBB\xBF\"id\"\r\n");
        write(batch + QStringLiteral("/manifest.json"), "{}");
    }
};

bool fuzzOutsideFile(const QByteArray& input)
{
    static Folders folders;
    const QByteArray tag = input.left(3);
    const QByteArray body = input.mid(3);
    if (tag == "CJ:") {
        write(folders.campaign + QStringLiteral("/campaign.json"), body);
        (void)CampaignLoader::load(folders.campaign);
        write(folders.campaign + QStringLiteral("/campaign.json"), folders.campaignJson);
    } else if (tag == "MD:") {
        write(folders.campaign + QStringLiteral("/pages/en/01.md"), body);
        const Result<Campaign> c = CampaignLoader::load(folders.campaign);
        // Every image reference that is kept points into the folder, rewritten to an absolute path there.
        if (c) {
            for (const CampaignPage& p : c->pages.value(QStringLiteral("en"))) {
                auto it = campaignInlineImage().globalMatch(p.markdown);
                while (it.hasNext()) {
                    const QString target = it.next().captured(2);
                    if (!target.startsWith(QUrl::fromLocalFile(folders.campaign).toString().left(7)))
                        std::abort();
                }
                static const QRegularExpression imgTag(
                    QStringLiteral(R"(<\s*img\b[^>]*>)"), QRegularExpression::CaseInsensitiveOption);
                if (p.markdown.contains(imgTag))
                    std::abort();
            }
        }
    } else if (tag == "MF:") {
        write(folders.batch + QStringLiteral("/manifest.json"), body);
        if (BatchVerifier::verify(folders.batch).ok && body.isEmpty())
            std::abort();
    } else if (tag == "KP:") {
        const QString path = folders.dir.filePath(QStringLiteral("coordinator.pub"));
        write(path, body);
        const Result<QByteArray> key = CoordinatorKey::readPublic(path);
        if (key && key->size() != Sealing::PublicKeyBytes)
            std::abort();
    } else if (tag == "KS:") {
        const QString path = folders.dir.filePath(QStringLiteral("coordinator.key"));
        write(path, body);
        const Result<Sealing::KeyPair> pair = CoordinatorKey::readSecret(path, QStringLiteral("fuzzing passphrase"));
        if (pair && !Sealing::matches(pair->publicKey, pair->secretKey))
            std::abort();
    } else if (tag == "IC:" || tag == "IS:") {
        static const Sealing::KeyPair coordinator = Sealing::newKeyPair();
        static const Result<DeviceKey> device = [] {
            QDir().mkpath(folders.dir.filePath(QStringLiteral("kiosk")));
            return DeviceKey::ensure(folders.dir.filePath(QStringLiteral("kiosk")));
        }();
        if (!device)
            std::abort();
        QByteArray file = body;
        if (tag == "IS:")
            file = QJsonDocument(
                QJsonObject { { QStringLiteral("format"), QString::fromLatin1(ImportConfirmation::Format) },
                    { QStringLiteral("statement"), QJsonDocument::fromJson(body).object() },
                    { QStringLiteral("box"),
                        QString::fromLatin1(
                            Sealing::boxToDevice(body, device->publicKey(), coordinator).toBase64()) } })
                       .toJson();
        const QString path = folders.dir.filePath(QStringLiteral("x.confirmed.json"));
        write(path, file);
        const Result<ImportConfirmation> read = ImportConfirmation::read(path, *device, coordinator.publicKey);
        if (read
            && (read->batchId.isEmpty() || read->deviceId.isEmpty() || read->manifestSha256.size() != 64
                || read->rows < 0 || read->fileSha256.size() != 64))
            std::abort();
    } else if (tag == "CS:") {
        write(folders.batch + QStringLiteral("/signatures.csv"), body);
        (void)BatchVerifier::verify(folders.batch);
    } else {
        return fuzzOutsideFile("MD:" + input);
    }
    return true;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzzOutsideFile(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    return 0;
}
