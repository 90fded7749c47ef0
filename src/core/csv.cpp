#include "csv.h"

#include <QIODevice>
#include <QStringDecoder>

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

QString CsvWriter::neutralise(const QString& value)
{
    if (value.isEmpty())
        return value;
    switch (value.at(0).unicode()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
    case '\n':
    case '\'':
        return QLatin1Char('\'') + value;
    default:
        return value;
    }
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
    qsizetype i = 0;
    if (bytes.startsWith("\xEF\xBB\xBF")) {
        r.hadBom = true;
        i = 3;
    }
    const qsizetype n = bytes.size();
    const auto failAt = [&r](const QString& why) {
        r.error = QStringLiteral("record %1: %2").arg(r.records.size() + 1).arg(why);
        return r;
    };
    while (i < n) {
        QStringList record;
        for (;;) {
            QByteArray field;
            if (i < n && bytes[i] == '"') {
                ++i;
                for (;;) {
                    if (i >= n)
                        return failAt(QStringLiteral("a quoted field is not closed"));
                    if (bytes[i] == '"') {
                        if (i + 1 < n && bytes[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    field += bytes[i++];
                }
            } else {
                if (requireQuoted)
                    return failAt(QStringLiteral("field %1 is not quoted").arg(record.size() + 1));
                while (i < n && bytes[i] != ',' && bytes[i] != '\r' && bytes[i] != '\n') {
                    if (bytes[i] == '"')
                        return failAt(QStringLiteral("a quote inside an unquoted field"));
                    field += bytes[i++];
                }
            }
            // Not QString::fromUtf8(), which drops a leading U+FEFF: a field's text comes back exactly.
            QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
            record.append(utf8.decode(field));
            if (i < n && bytes[i] == ',') {
                ++i;
                continue;
            }
            break;
        }
        if (i >= n) {
            if (requireQuoted)
                return failAt(QStringLiteral("the last line has no CRLF"));
        } else if (bytes[i] == '\r' && i + 1 < n && bytes[i + 1] == '\n') {
            i += 2;
        } else if (bytes[i] == '\n' && !requireQuoted) {
            i += 1;
        } else {
            return failAt(QStringLiteral("unexpected text after field %1").arg(record.size()));
        }
        r.records.append(record);
    }
    return r;
}

} // namespace kiosk
