#pragma once

#include "core/result.h"

#include <QFont>
#include <QHash>
#include <QIODevice>
#include <QPainter>
#include <QPdfWriter>
#include <QRawFont>
#include <QSaveFile>
#include <QStringList>

#include <memory>

namespace kiosk {
class Sha256Stream;
}

namespace kiosk::hub {

// A file the hub writes whole or not at all (QSaveFile: nothing is left behind if the work fails), hashing every byte
// as it goes, for hand-in.json. open() fails before any work is done when the folder is missing or read-only.
class HashedSaveFile final : public QIODevice
{
public:
    explicit HashedSaveFile(const QString& path);
    ~HashedSaveFile() override;
    // A sentence naming the file and what to do when it cannot be written.
    VoidResult openForWriting();
    // Commits the file; its SHA-256 (hex), or the reason it could not be written.
    Result<QString> commit();
    QString path() const { return m_file.fileName(); }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char* data, qint64 size) override;

private:
    QSaveFile m_file;
    std::unique_ptr<Sha256Stream> m_hash;
};

// The fonts the hub prints with: DejaVu Sans for Latin, Greek and Cyrillic, with Noto Sans CJK (Debian
// fonts-noto-cjk) for Chinese, simplified or traditional by the language, and whatever fontconfig has for the rest.
class PrintFonts final
{
public:
    explicit PrintFonts(const QString& language = QString());
    QFont font(qreal points, bool bold = false) const;
    QFont mono(qreal points) const;
    // The characters of `text` that no installed font has (printed, they would be empty boxes); empty if none.
    QString missing(const QString& text);

private:
    QStringList m_families;
    QHash<char32_t, bool> m_covered;
    QList<QRawFont> m_installed;
    bool m_loaded = false;
};

// An A4 PDF drawn in points (1/72 inch) on a HashedSaveFile, a page at a time: QPdfWriter writes each page out as
// the next begins, so a list of two thousand pages needs the memory of one.
class PdfPages final
{
public:
    static constexpr qreal Margin = 48;
    PdfPages(HashedSaveFile& file, const QString& title, const QString& creator);
    ~PdfPages();
    QPainter& painter() { return m_painter; }
    QRectF area() const { return m_area; } // inside the margins
    int page() const { return m_page; }
    void newPage();
    // Ends the PDF; false if the painter failed.
    bool finish();

private:
    QPdfWriter m_writer;
    QPainter m_painter;
    QRectF m_area;
    int m_page = 1;
};

} // namespace kiosk::hub
