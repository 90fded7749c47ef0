#include "drawingsfile.h"

#include <QIODevice>

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
{
}

bool Reader::readExactly(char* into, qint64 n)
{
    qint64 got = 0;
    while (got < n) {
        const qint64 r = m_device.read(into + got, n - got);
        if (r <= 0)
            break;
        got += r;
    }
    m_hash.addData(QByteArrayView(into, got));
    m_read += got;
    return got == n;
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
    const qint64 before = m_read;
    if (!readExactly(head, 1)) {
        if (m_read == before)
            return false; // the end, between records
    }
    if (!readExactly(head + 1, sizeof head - 1)) {
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
    char chunk[64 * 1024];
    while (readExactly(chunk, sizeof chunk)) { }
    return m_hash.result();
}

} // namespace kiosk::DrawingsFile
