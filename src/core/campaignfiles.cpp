#include "campaignfiles.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QUrl>

namespace kiosk {

namespace {
QString kib(qint64 bytes)
{
    return bytes >= 1024 * 1024 ? QStringLiteral("%1 MB").arg(bytes / (1024 * 1024))
                                : QStringLiteral("%1 KB").arg(bytes / 1024);
}
} // namespace

CampaignFiles::CampaignFiles(const QString& folder)
    : m_root(folder)
    , m_canonicalRoot(QFileInfo(folder).canonicalFilePath())
{
}

bool CampaignFiles::isLanguageCode(const QString& code)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z]{2,3}(_[A-Z][A-Za-z]{1,3})?$"));
    return pattern.match(code).hasMatch();
}

Failure CampaignFiles::refuse(const QString& name, const QString& why, const QString& namedBy) const
{
    const QString sentence = namedBy.isEmpty() ? QStringLiteral("%1: %2").arg(name, why)
                                               : QStringLiteral("%1 (named by %2): %3").arg(name, namedBy, why);
    return { StoreError::Invalid, sentence, sentence };
}

Result<QString> CampaignFiles::locate(const QString& name, qint64 limit, const QString& namedBy)
{
    if (m_canonicalRoot.isEmpty())
        return refuse(m_root, QStringLiteral("the campaign folder does not exist"), {});
    if (name.isEmpty() || QDir::isAbsolutePath(name) || name.startsWith(QLatin1Char('/'))
        || name.startsWith(QLatin1Char('\\')) || name.contains(QLatin1Char(':')))
        return refuse(name, QStringLiteral("only a path relative to the campaign folder may be named"), namedBy);
    const QStringList parts = QString(name).replace(QLatin1Char('\\'), QLatin1Char('/')).split(QLatin1Char('/'));
    if (parts.contains(QStringLiteral("..")))
        return refuse(
            name, QStringLiteral("\"..\" may not be used; the file must be inside the campaign folder"), namedBy);
    if (name.contains(QChar(0)))
        return refuse(name, QStringLiteral("the name holds a NUL character"), namedBy);
    const QFileInfo info(QDir(m_canonicalRoot).filePath(name));
    if (!info.exists())
        return refuse(name, QStringLiteral("the file is missing"), namedBy);
    const QString canonical = info.canonicalFilePath();
    if (canonical.isEmpty() || !canonical.startsWith(m_canonicalRoot + QLatin1Char('/')))
        return refuse(name, QStringLiteral("it leads outside the campaign folder (through a link?)"), namedBy);
    const QFileInfo target(canonical);
    if (!target.isFile())
        return refuse(name, QStringLiteral("it is not a regular file"), namedBy);
    if (target.size() > limit)
        return refuse(name, QStringLiteral("%1 bytes; the limit is %2").arg(target.size()).arg(kib(limit)), namedBy);
    return canonical;
}

Result<QByteArray> CampaignFiles::readBytes(const QString& name, qint64 limit, const QString& namedBy)
{
    const Result<QString> path = locate(name, limit, namedBy);
    if (!path)
        return path.failure();
    QFile file(*path);
    if (!file.open(QIODevice::ReadOnly))
        return refuse(name, file.errorString(), namedBy);
    // Read one byte more than allowed: a file that grew since locate() is refused, not read without end.
    const QByteArray bytes = file.read(limit + 1);
    if (bytes.size() > limit)
        return refuse(name, QStringLiteral("more than %1").arg(kib(limit)), namedBy);
    m_total += bytes.size();
    if (m_total > CampaignLimits::FolderBytes)
        return refuse(name,
            QStringLiteral("the campaign's files add up to more than %1").arg(kib(CampaignLimits::FolderBytes)),
            namedBy);
    return bytes;
}

Result<QString> CampaignFiles::readText(const QString& name, qint64 limit, const QString& namedBy)
{
    const Result<QByteArray> bytes = readBytes(name, limit, namedBy);
    if (!bytes)
        return bytes.failure();
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8(*bytes);
    if (utf8.hasError())
        return refuse(name, QStringLiteral("the text is not valid UTF-8"), namedBy);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    if (text.contains(QChar(0)))
        return refuse(name, QStringLiteral("the text holds a NUL character (is it a binary file?)"), namedBy);
    return text;
}

const QRegularExpression& campaignInlineImage()
{
    static const QRegularExpression pattern(QStringLiteral(R"(!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(\s+"[^"]*")?\s*\))"));
    return pattern;
}

namespace {

// The URL a kept image is written with: the built-in campaign is compiled in (":/campaign/…"), a coordinator's is on
// disk.
QString urlOf(const QString& path)
{
    return path.startsWith(QLatin1Char(':')) ? QStringLiteral("qrc") + path : QUrl::fromLocalFile(path).toString();
}

// A target this function wrote itself in an earlier pass (an absolute URL inside the folder), as a name relative to
// the folder; empty if it is not one.
QString ownTarget(const QString& target, const CampaignFiles& files)
{
    QString path;
    if (target.startsWith(QLatin1String("file:")))
        path = QUrl(target).toLocalFile();
    else if (target.startsWith(QLatin1String("qrc:")))
        path = target.mid(3);
    if (path.isEmpty() || !path.startsWith(files.canonicalFolder() + QLatin1Char('/')))
        return {};
    return path.mid(files.canonicalFolder().size() + 1);
}

// One pass over the Markdown. Dropping a reference can join the text around it into a new one, so the caller repeats
// the pass until nothing changes.
QString keepImagesOnce(const QString& markdown, CampaignFiles& files, const QString& where, QStringList& dropped)
{
    static const QStringList formats { QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"),
        QStringLiteral("gif"), QStringLiteral("webp"), QStringLiteral("svg") };
    // ![alt](target "title") and <img …>; reference-style images ![alt][ref] are dropped.
    static const QRegularExpression htmlImage(
        QStringLiteral(R"(<\s*img\b[^>]*>)"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression referenceImage(QStringLiteral(R"(!\[([^\]]*)\]\[[^\]]*\])"));

    QString out;
    out.reserve(markdown.size());
    qsizetype at = 0;
    auto it = campaignInlineImage().globalMatch(markdown);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(markdown).mid(at, m.capturedStart() - at);
        at = m.capturedEnd();
        const QString written = m.captured(2);
        const QString own = ownTarget(written, files);
        const QString target = own.isEmpty() ? QUrl::fromPercentEncoding(written.toUtf8()) : own;
        const QString suffix = QFileInfo(target).suffix().toLower();
        QString why;
        if (!formats.contains(suffix)) {
            why = QStringLiteral("only PNG, JPEG, GIF, WebP and SVG images may be shown");
        } else {
            const Result<QString> path = files.locate(target, CampaignLimits::ImageBytes, where);
            if (path) {
                out += QStringLiteral("![%1](%2)").arg(m.captured(1), urlOf(*path));
                continue;
            }
            why = path.failure().sentence;
        }
        dropped << QStringLiteral("%1: the image %2 was left out: %3").arg(where, target.left(120), why);
    }
    out += QStringView(markdown).mid(at);

    for (const QRegularExpression* pattern : { &htmlImage, &referenceImage }) {
        auto found = pattern->globalMatch(out);
        while (found.hasNext())
            dropped << QStringLiteral("%1: the image %2 was left out: write images as ![text](images/name.png)")
                           .arg(where, found.next().captured(0).left(80));
        out.remove(*pattern);
    }
    return out;
}

} // namespace

QString keepCampaignImages(const QString& markdown, CampaignFiles& files, const QString& where, QStringList& dropped)
{
    QString text = markdown;
    for (int pass = 0; pass < 32; ++pass) {
        const QString next = keepImagesOnce(text, files, where, dropped);
        if (next == text)
            return text;
        text = next;
    }
    // Built to keep producing references: no image syntax survives.
    dropped << QStringLiteral("%1: image references that kept reappearing were all left out").arg(where);
    return text.remove(QStringLiteral("!["));
}

} // namespace kiosk
