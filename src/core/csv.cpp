#include "csv.h"

#include <QBuffer>
#include <QIODevice>

#include "sha256stream.h"

#include <QStringDecoder>
#include <cstring>

namespace kiosk {

CsvWriter::CsvWriter(QIODevice* device)
    : m_device(device)
{
}

bool CsvWriter::writeBom()
{
    static const QByteArray bom("\xEF\xBB\xBF");
    m_row = bom;
    return m_device->write(bom) == bom.size();
}

bool CsvWriter::needsApostrophe(char16_t first)
{
    switch (first) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
    case '\n':
    case '\'':
        return true;
    default:
        return false;
    }
}

QString CsvWriter::neutralise(const QString& value)
{
    return !value.isEmpty() && needsApostrophe(value.at(0).unicode()) ? QLatin1Char('\'') + value : value;
}

QString CsvWriter::restore(const QString& cell)
{
    return cell.startsWith(QLatin1Char('\'')) ? cell.mid(1) : cell;
}

void CsvWriter::appendField(QByteArray& out, const QString& value)
{
    out += '"';
    const QByteArray utf8 = neutralise(value).toUtf8();
    if (utf8.contains('"'))
        out += QByteArray(utf8).replace("\"", "\"\"");
    else
        out += utf8;
    out += '"';
}

bool CsvWriter::writeRow(const QStringList& fields)
{
    m_row.clear();
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            m_row += ',';
        appendField(m_row, fields.at(i));
    }
    m_row += "\r\n";
    return m_device->write(m_row) == m_row.size();
}

CsvReader::Result CsvReader::parse(const QByteArray& bytes, bool requireQuoted)
{
    Result r;
    QByteArray text = bytes;
    QBuffer device(&text);
    device.open(QIODevice::ReadOnly);
    // The text is in memory already: a record may be as long as the text.
    CsvStream stream(device, requireQuoted, bytes.size() + 1, CsvStream::Hashing::Off);
    QList<QByteArray> cells;
    while (stream.next(cells)) {
        QStringList record;
        record.reserve(cells.size());
        for (const QByteArray& cell : cells) {
            // Not QString::fromUtf8(), which drops a leading U+FEFF: a field's text comes back exactly.
            QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
            record.append(utf8.decode(cell));
        }
        r.records.append(record);
    }
    r.hadBom = stream.hadBom();
    r.error = stream.error();
    return r;
}

CsvStream::CsvStream(QIODevice& device, bool requireQuoted, qsizetype maxRecordBytes, Hashing hashing)
    : m_device(device)
    , m_requireQuoted(requireQuoted)
    , m_maxRecordBytes(maxRecordBytes)
    , m_hash(hashing == Hashing::On ? std::make_unique<Sha256Stream>() : nullptr)
{
}

CsvStream::~CsvStream() = default;

bool CsvStream::fill()
{
    if (m_eof)
        return false;
    if (m_pos > 0) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    // A megabyte at a time, or what is left of a small file (a read allocates what it asks for).
    constexpr qint64 Chunk = 1024 * 1024;
    const qint64 left = m_device.isSequential() ? Chunk : m_device.size() - m_device.pos();
    const QByteArray chunk = m_device.read(qBound<qint64>(1, left, Chunk));
    if (chunk.isEmpty()) {
        m_eof = true;
        return false;
    }
    if (m_hash)
        m_hash->add(chunk); // hashed on another thread while this one parses
    m_buffer.append(chunk);
    m_read += chunk.size();
    return true;
}

bool CsvStream::fail(const QString& why)
{
    if (m_error.isEmpty())
        m_error = QStringLiteral("record %1: %2").arg(m_records + 1).arg(why);
    return false;
}

CsvStream::Parse CsvStream::parseRecord(QList<QByteArray>& cells, bool atEnd)
{
    const QByteArray& b = m_buffer;
    const qsizetype n = b.size();
    qsizetype i = m_pos;
    qsizetype count = 0; // cells of this record so far; the list's earlier cells are reused, not reallocated
    // Running out of text mid-record: more is read, then the record is parsed again from its start.
    const auto more = [&]() { return atEnd ? Parse::Failed : Parse::NeedMore; };
    for (;;) {
        if (count == cells.size())
            cells.append(QByteArray());
        QByteArray& field = cells[count];
        field.resize(0);
        if (i < n && b[i] == '"') {
            ++i;
            for (;;) {
                const char* start = b.constData() + i;
                const auto* quote = static_cast<const char*>(std::memchr(start, '"', std::size_t(n - i)));
                if (!quote) {
                    if (!atEnd)
                        return Parse::NeedMore;
                    fail(QStringLiteral("a quoted field is not closed"));
                    return Parse::Failed;
                }
                field.append(start, quote - start);
                i = quote - b.constData();
                if (i + 1 >= n && !atEnd)
                    return Parse::NeedMore;
                if (i + 1 < n && b[i + 1] == '"') {
                    field += '"';
                    i += 2;
                    continue;
                }
                ++i;
                break;
            }
        } else {
            if (m_requireQuoted) {
                if (i >= n && !atEnd)
                    return Parse::NeedMore;
                fail(QStringLiteral("field %1 is not quoted").arg(count + 1));
                return Parse::Failed;
            }
            while (i < n && b[i] != ',' && b[i] != '\r' && b[i] != '\n') {
                if (b[i] == '"') {
                    fail(QStringLiteral("a quote inside an unquoted field"));
                    return Parse::Failed;
                }
                field += b[i++];
            }
            if (i >= n && !atEnd)
                return Parse::NeedMore;
        }
        ++count;
        if (i < n && b[i] == ',') {
            ++i;
            continue;
        }
        break;
    }
    if (i >= n) {
        if (!atEnd)
            return more();
        if (m_requireQuoted) {
            fail(QStringLiteral("the last line has no CRLF"));
            return Parse::Failed;
        }
    } else if (b[i] == '\r' && i + 1 < n && b[i + 1] == '\n') {
        i += 2;
    } else if (b[i] == '\r' && i + 1 >= n && !atEnd) {
        return Parse::NeedMore;
    } else if (b[i] == '\n' && !m_requireQuoted) {
        i += 1;
    } else {
        fail(QStringLiteral("unexpected text after field %1").arg(count));
        return Parse::Failed;
    }
    cells.resize(count);
    m_pos = i;
    ++m_records;
    return Parse::Record;
}

bool CsvStream::next(QList<QByteArray>& cells)
{
    if (!m_error.isEmpty())
        return false;
    if (!m_started) {
        m_started = true;
        while (m_buffer.size() < 3 && fill()) { }
        if (m_buffer.startsWith("\xEF\xBB\xBF")) {
            m_hadBom = true;
            m_pos = 3;
        }
    }
    for (;;) {
        if (m_pos >= m_buffer.size() && !fill())
            return false; // the end of the text, between records
        const Parse p = parseRecord(cells, m_eof);
        if (p == Parse::Record)
            return true;
        if (p == Parse::Failed)
            return false;
        if (m_buffer.size() - m_pos > m_maxRecordBytes)
            return fail(QStringLiteral("longer than %1 bytes").arg(m_maxRecordBytes));
        if (!fill())
            m_eof = true; // parse once more, knowing that nothing follows
    }
}

QByteArray CsvStream::sha256()
{
    while (fill()) { }
    return m_hash ? m_hash->result() : QByteArray();
}

} // namespace kiosk
