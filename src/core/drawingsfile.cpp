#include "drawingsfile.h"

#include "sha256stream.h"

#include <QIODevice>

#include <cstring>

namespace kiosk::DrawingsFile {

void appendRecord(QByteArray& out, QByteArrayView id, QByteArrayView sealed)
{
    const auto n = quint32(sealed.size());
    const char length[4] = { char(n & 0xff), char((n >> 8) & 0xff), char((n >> 16) & 0xff), char((n >> 24) & 0xff) };
    out.append(id.data(), qMin<qsizetype>(id.size(), IdBytes));
    for (qsizetype pad = id.size(); pad < IdBytes; ++pad)
        out.append(' ');
    out.append(length, 4);
    out.append(sealed.data(), sealed.size());
}

Reader::Reader(QIODevice& device)
    : m_device(device)
    , m_hash(std::make_unique<Sha256Stream>())
{
}

Reader::~Reader() = default;

bool Reader::fill()
{
    // A megabyte at a time, or what is left of a small file (a read allocates what it asks for).
    constexpr qint64 Chunk = 1024 * 1024;
    const qint64 left = m_device.isSequential() ? Chunk : m_device.size() - m_device.pos();
    const QByteArray chunk = m_device.read(qBound<qint64>(1, left, Chunk));
    if (chunk.isEmpty())
        return false;
    m_hash->add(chunk);
    m_read += chunk.size();
    m_buffer.remove(0, m_pos);
    m_pos = 0;
    m_buffer.append(chunk);
    return true;
}

bool Reader::readExactly(char* into, qint64 n)
{
    while (m_buffer.size() - m_pos < n) {
        if (!fill()) {
            m_pos = m_buffer.size(); // what there was is consumed
            return false;
        }
    }
    std::memcpy(into, m_buffer.constData() + m_pos, std::size_t(n));
    m_pos += qsizetype(n);
    return true;
}

bool Reader::next(QByteArray& id, QByteArray& sealed)
{
    if (!m_error.isEmpty())
        return false;
    if (!m_started) {
        m_started = true;
        char magic[MagicBytes];
        if (!readExactly(magic, MagicBytes) || QByteArrayView(magic, MagicBytes) != QByteArrayView(Magic)) {
            m_error = QStringLiteral("it does not begin as a drawings file");
            return false;
        }
    }
    char head[IdBytes + 4];
    if (m_pos == m_buffer.size() && !fill())
        return false; // the end, between records
    if (!readExactly(head, sizeof head)) {
        m_error = QStringLiteral("the last record is cut short");
        return false;
    }
    const auto b = [&head](int i) { return quint32(static_cast<unsigned char>(head[IdBytes + i])); };
    const quint32 length = b(0) | (b(1) << 8) | (b(2) << 16) | (b(3) << 24);
    if (length == 0 || length > MaxRecordBytes) {
        m_error = QStringLiteral("a record of %1 bytes (at most %2)").arg(length).arg(MaxRecordBytes);
        return false;
    }
    id = QByteArray(head, IdBytes);
    sealed.resize(qsizetype(length));
    if (!readExactly(sealed.data(), length)) {
        m_error = QStringLiteral("the last record is cut short");
        return false;
    }
    return true;
}

QByteArray Reader::sha256()
{
    while (fill()) { }
    return m_hash->result();
}

} // namespace kiosk::DrawingsFile
