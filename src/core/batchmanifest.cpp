#include "batchmanifest.h"

#include "batchcolumns.h"
#include "sealing.h"

#include <QIODevice>

#include <algorithm>

namespace kiosk {

namespace {

const QByteArray kCsvName = QByteArrayLiteral("signatures.csv");

// A JSON text in QJsonDocument::Indented's layout (four spaces a level), written member by member onto a device.
class JsonWriter final
{
public:
    explicit JsonWriter(QIODevice& device)
        : m_device(device)
    {
    }

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    void key(const QByteArray& name)
    {
        separate();
        m_out += quoted(QString::fromUtf8(name)) + ": ";
        m_afterKey = true;
    }
    void value(const QString& text) { scalar(quoted(text)); }
    void value(qint64 number) { scalar(QByteArray::number(number)); }
    bool finish()
    {
        m_out += '\n';
        return flush();
    }
    // Writes out what is buffered; called every so often so that a long file list never sits in memory.
    bool flush()
    {
        const bool ok = m_ok && m_device.write(m_out) == m_out.size();
        m_out.clear();
        m_ok = ok;
        return ok;
    }

private:
    void separate()
    {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (!m_first.empty()) {
            if (!m_first.back())
                m_out += ',';
            m_first.back() = false;
            m_out += '\n' + QByteArray(4 * int(m_first.size()), ' ');
        }
    }
    void open(char bracket)
    {
        separate();
        m_out += bracket;
        m_first.push_back(true);
    }
    void close(char bracket)
    {
        const bool empty = m_first.back();
        m_first.pop_back();
        if (!empty)
            m_out += '\n' + QByteArray(4 * int(m_first.size()), ' ');
        m_out += bracket;
        if (m_out.size() > 64 * 1024)
            flush();
    }
    void scalar(const QByteArray& text)
    {
        separate();
        m_out += text;
    }
    // JSON string escaping as QJsonDocument does it: quotes, backslashes and control characters; UTF-8 otherwise.
    static QByteArray quoted(const QString& text)
    {
        QByteArray out = "\"";
        for (const char c : text.toUtf8()) {
            switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20)
                    out += "\\u" + QByteArray::number(int(c), 16).rightJustified(4, '0');
                else
                    out += c;
            }
        }
        return out + '"';
    }

    QIODevice& m_device;
    QByteArray m_out;
    std::vector<bool> m_first; // per open level: nothing written in it yet
    bool m_afterKey = false;
    bool m_ok = true;
};

} // namespace

void BatchManifest::setCsv(const QByteArray& sha256, qint64 bytes)
{
    m_csv = {};
    std::copy_n(reinterpret_cast<const unsigned char*>(sha256.constData()), qMin<qsizetype>(32, sha256.size()),
        m_csv.sha256.begin());
    m_csv.bytes = bytes;
}

void BatchManifest::addDrawing(const QString& signatureId, const QByteArray& sha256, qint64 bytes)
{
    FileEntry entry {};
    const QByteArray id = signatureId.toLatin1();
    std::copy_n(id.constData(), qMin<qsizetype>(36, id.size()), entry.id.begin());
    std::copy_n(reinterpret_cast<const unsigned char*>(sha256.constData()), qMin<qsizetype>(32, sha256.size()),
        entry.sha256.begin());
    entry.bytes = bytes;
    m_drawings.push_back(entry);
}

void BatchManifest::setDrawingsBin(const QByteArray& sha256, qint64 bytes)
{
    m_drawingsBin = {};
    std::copy_n(reinterpret_cast<const unsigned char*>(sha256.constData()), qMin<qsizetype>(32, sha256.size()),
        m_drawingsBin.sha256.begin());
    m_drawingsBin.bytes = bytes;
}

bool BatchManifest::write(QIODevice& device)
{
    std::sort(m_drawings.begin(), m_drawings.end(), [](const FileEntry& a, const FileEntry& b) { return a.id < b.id; });
    const auto fileEntry = [](JsonWriter& json, const QByteArray& name, const FileEntry& f) {
        json.key(name);
        json.beginObject();
        json.key("bytes");
        json.value(f.bytes);
        json.key("sha256");
        json.value(QString::fromLatin1(
            QByteArray(reinterpret_cast<const char*>(f.sha256.data()), qsizetype(f.sha256.size())).toHex()));
        json.endObject();
    };

    // Members in sorted key order, as QJsonDocument writes an object.
    JsonWriter json(device);
    json.beginObject();
    json.key("app_version");
    json.value(appVersion);
    json.key("batch_id");
    json.value(batchId);
    json.key("columns");
    json.beginArray();
    for (const QString& header : BatchColumns::headers(kind))
        json.value(header);
    json.endArray();
    if (kind == BatchKind::Sealed) {
        json.key("coordinator_key");
        json.value(coordinatorKey);
    }
    json.key("created_at");
    json.value(createdAt);
    json.key("device_id");
    json.value(deviceId);
    if (kind == BatchKind::Sealed) {
        json.key("device_key_fingerprint");
        json.value(Sealing::fingerprint(deviceSigningKey));
        json.key("device_signing_key");
        json.value(QString::fromLatin1(deviceSigningKey.toBase64()));
    }
    json.key("files");
    json.beginObject();
    if (kind == BatchKind::Sealed)
        fileEntry(json, drawingsBinName().toLatin1(), m_drawingsBin);
    // "signatures.csv" sorts before "signatures/…" ('.' < '/').
    fileEntry(json, kCsvName, m_csv);
    for (const FileEntry& d : m_drawings)
        fileEntry(json, "signatures/" + QByteArray(d.id.data(), qsizetype(d.id.size())) + ".svg", d);
    json.endObject();
    json.key("first_signed_at");
    json.value(firstSignedAt);
    json.key("format");
    json.value(QString::fromLatin1(formatOf(kind)));
    json.key("formula_protection");
    json.value(QStringLiteral("a cell that begins with = + - @ TAB CR LF or ' has one apostrophe added in front"));
    json.key("last_signed_at");
    json.value(lastSignedAt);
    json.key("petitions");
    json.beginArray();
    for (const PetitionRows& p : petitions) {
        json.beginObject();
        json.key("id");
        json.value(p.id);
        json.key("rows");
        json.value(p.rows);
        json.key("version");
        json.value(qint64(p.version));
        json.endObject();
    }
    json.endArray();
    if (kind == BatchKind::Sealed) {
        json.key("previous_manifest_sha256");
        json.value(previousManifestSha256);
    }
    json.key("row_count");
    json.value(rowCount);
    if (kind == BatchKind::Sealed) {
        json.key("sequence");
        json.value(sequence);
    }
    json.key("stall_id");
    json.value(stallId);
    json.endObject();
    return json.finish();
}

} // namespace kiosk
