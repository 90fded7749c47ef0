#include "hubprint.h"

#include "core/sha256stream.h"

#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QPageLayout>
#include <QPageSize>

namespace kiosk::hub {

HashedSaveFile::HashedSaveFile(const QString& path)
    : m_file(path)
{
}

HashedSaveFile::~HashedSaveFile()
{
    if (m_hash)
        m_hash->result();
}

VoidResult HashedSaveFile::openForWriting()
{
    const QString name = QDir::toNativeSeparators(m_file.fileName());
    const QFileInfo folder(QFileInfo(m_file.fileName()).absolutePath());
    const auto refuse = [&](const QString& why) {
        const QString sentence = QStringLiteral("Cannot write %1: %2 Nothing was written.").arg(name, why);
        return Failure { StoreError::Other, sentence, sentence };
    };
    if (!folder.exists())
        return refuse(QStringLiteral("the folder %1 does not exist.").arg(QDir::toNativeSeparators(folder.filePath())));
    if (!folder.isDir())
        return refuse(QStringLiteral("%1 is not a folder.").arg(QDir::toNativeSeparators(folder.filePath())));
    if (QFileInfo(m_file.fileName()).isDir())
        return refuse(QStringLiteral("it is a folder."));
    // Opening makes the temporary file beside it: the one true test that the folder takes files.
    if (!m_file.open(QIODevice::WriteOnly))
        return refuse(QStringLiteral("the folder does not take new files (%1).").arg(m_file.errorString()));
    // Owner-only whatever the umask: the hand-in list is names in clear.
    if (!m_file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        m_file.cancelWriting();
        return refuse(QStringLiteral("its permissions cannot be made owner-only."));
    }
    m_hash = std::make_unique<Sha256Stream>();
    QIODevice::open(QIODevice::WriteOnly);
    return {};
}

qint64 HashedSaveFile::writeData(const char* data, qint64 size)
{
    const qint64 written = m_file.write(data, size);
    if (written > 0)
        m_hash->add(QByteArray(data, written));
    return written;
}

Result<QString> HashedSaveFile::commit()
{
    QIODevice::close();
    const QByteArray digest = m_hash->result();
    m_hash.reset();
    if (!m_file.commit()) {
        const QString sentence = QStringLiteral("Could not finish %1 (%2); nothing was left behind.")
                                     .arg(QDir::toNativeSeparators(m_file.fileName()), m_file.errorString());
        return Failure { StoreError::Other, sentence, sentence };
    }
    return QString::fromLatin1(digest.toHex());
}

PrintFonts::PrintFonts(const QString& language)
{
    m_families << QStringLiteral("DejaVu Sans");
    if (language == QLatin1String("zh_TW") || language == QLatin1String("zh_HK"))
        m_families << QStringLiteral("Noto Sans CJK TC") << QStringLiteral("Noto Sans CJK SC");
    else
        m_families << QStringLiteral("Noto Sans CJK SC") << QStringLiteral("Noto Sans CJK TC");
}

QFont PrintFonts::font(qreal points, bool bold) const
{
    QFont f;
    f.setFamilies(m_families);
    f.setPointSizeF(points);
    f.setBold(bold);
    f.setKerning(true);
    return f;
}

QFont PrintFonts::mono(qreal points) const
{
    QFont f;
    f.setFamilies({ QStringLiteral("DejaVu Sans Mono"), QStringLiteral("Noto Sans Mono CJK SC") });
    f.setStyleHint(QFont::Monospace);
    f.setPointSizeF(points);
    return f;
}

QString PrintFonts::missing(const QString& text)
{
    QString absent;
    for (const char32_t c : text.toUcs4()) {
        if (c < 0x21 || QChar::isSpace(c) || QChar::category(c) == QChar::Other_Control
            || QChar::category(c) == QChar::Other_Format)
            continue;
        auto known = m_covered.constFind(c);
        if (known == m_covered.cend()) {
            if (!m_loaded) {
                // Our own families first, then every family fontconfig knows: Qt falls back to any of them.
                QStringList families = m_families;
                for (const QString& f : QFontDatabase::families())
                    if (!families.contains(f))
                        families << f;
                for (const QString& f : std::as_const(families)) {
                    const QRawFont raw = QRawFont::fromFont(QFont(f));
                    if (raw.isValid() && raw.familyName().compare(f, Qt::CaseInsensitive) == 0)
                        m_installed << raw;
                }
                m_loaded = true;
            }
            bool covered = false;
            for (const QRawFont& raw : std::as_const(m_installed))
                if ((covered = raw.supportsCharacter(uint(c))))
                    break;
            known = m_covered.insert(c, covered);
        }
        if (!*known && absent.size() < 40 && !absent.contains(QString::fromUcs4(&c, 1)))
            absent += QString::fromUcs4(&c, 1);
    }
    return absent;
}

PdfPages::PdfPages(HashedSaveFile& file, const QString& title, const QString& creator)
    : m_writer(&file)
{
    m_writer.setTitle(title);
    m_writer.setCreator(creator);
    m_writer.setResolution(72);
    m_writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(), QPageLayout::Point));
    m_painter.begin(&m_writer);
    const QSizeF size = QPageSize(QPageSize::A4).size(QPageSize::Point);
    m_area = QRectF(Margin, Margin, size.width() - 2 * Margin, size.height() - 2 * Margin);
}

PdfPages::~PdfPages()
{
    if (m_painter.isActive())
        m_painter.end();
}

void PdfPages::newPage()
{
    m_writer.newPage();
    ++m_page;
}

bool PdfPages::finish()
{
    return m_painter.end();
}

} // namespace kiosk::hub
