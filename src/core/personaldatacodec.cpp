#include "personaldatacodec.h"

#include "signingrules.h"
#include "sqlcolumns.h"

namespace kiosk {

namespace {

// The clear forms of the keys, joined with a separator no normalised field contains.
const QChar kJoin(0x1f);

// A sealed box's plaintext: a kind byte, then length-prefixed parts (4 bytes, little-endian, each).
constexpr char FieldsKind = 'F';
constexpr char DrawingKind = 'D';
constexpr int MaxParts = 4;

void appendPart(QByteArray& out, const QByteArray& part)
{
    const quint32 n = quint32(part.size());
    for (int i = 0; i < 4; ++i)
        out.append(char((n >> (8 * i)) & 0xff));
    out.append(part);
}

QByteArray box(char kind, const QList<QByteArray>& parts)
{
    QByteArray out(1, kind);
    for (const QByteArray& p : parts)
        appendPart(out, p);
    return out;
}

// The parts of a box of `kind` with exactly `count` parts; nullopt if it is not one.
std::optional<QList<QByteArray>> unbox(const QByteArray& plain, char kind, int count)
{
    if (plain.isEmpty() || plain.at(0) != kind || count > MaxParts)
        return std::nullopt;
    QList<QByteArray> parts;
    qsizetype at = 1;
    while (at < plain.size()) {
        if (plain.size() - at < 4 || parts.size() == count)
            return std::nullopt;
        quint32 n = 0;
        for (int i = 0; i < 4; ++i)
            n |= quint32(quint8(plain.at(at + i))) << (8 * i);
        at += 4;
        if (n > quint32(plain.size() - at))
            return std::nullopt;
        parts.append(plain.mid(at, n));
        at += n;
    }
    if (parts.size() != count)
        return std::nullopt;
    return parts;
}

} // namespace

QString postcodeArea(const QString& normalisedPostcode)
{
    QString area;
    for (const QChar c : normalisedPostcode) {
        if (c < QLatin1Char('A') || c > QLatin1Char('Z'))
            break;
        area += c;
    }
    return area.size() <= 2 ? area : QString();
}

SealedFields PlainPersonalDataCodec::seal(const QString&, const PersonalFields& f) const
{
    return { f.fullName, nullIfEmpty(f.postcode), nullIfEmpty(f.email), nullIfEmpty(f.signatureSvg), {}, {} };
}

std::optional<PersonalFields> PlainPersonalDataCodec::unseal(const QString&, const SealedFields& s) const
{
    return PersonalFields { s.fullName.toString(), s.postcode.toString(), s.email.toString(),
        s.signatureSvg.toByteArray() };
}

std::optional<DedupKeys> PlainPersonalDataCodec::keys(const PersonalFields& f) const
{
    const QString name = SigningRules::nameKey(f.fullName);
    const QString email = f.email.isEmpty() ? QString() : SigningRules::emailKey(f.email);
    return DedupKeys { f.postcode.isEmpty() ? QString() : name + kJoin + f.postcode,
        email.isEmpty() ? QString() : email + kJoin + name, email };
}

SealingPersonalDataCodec::SealingPersonalDataCodec(QByteArray publicKey)
    : m_publicKey(std::move(publicKey))
{
}

void SealingPersonalDataCodec::setDuplicateKey(std::shared_ptr<const SecretBytes> kd)
{
    m_kd = std::move(kd);
    if (hasDuplicateKey() && !m_pool)
        m_pool = std::make_unique<SealingPool>(m_publicKey);
    else if (!hasDuplicateKey())
        m_pool.reset();
}

QByteArray SealingPersonalDataCodec::sealBox(const QByteArray& plaintext) const
{
    return m_pool ? m_pool->seal(plaintext) : Sealing::seal(plaintext, m_publicKey);
}

QByteArray SealingPersonalDataCodec::fieldsPlaintext(const QString& rowId, const PersonalFields& f)
{
    return box(FieldsKind, { rowId.toUtf8(), f.fullName.toUtf8(), f.postcode.toUtf8(), f.email.toUtf8() });
}

SealedFields SealingPersonalDataCodec::seal(const QString& rowId, const PersonalFields& f) const
{
    SealedFields out;
    out.fullName = QString(QLatin1String("")); // the column is NOT NULL; the name is in `sealed`
    out.postcode = QVariant(QMetaType::fromType<QString>());
    out.email = QVariant(QMetaType::fromType<QString>());
    out.signatureSvg = QVariant(QMetaType::fromType<QByteArray>());
    out.sealed = sealBox(fieldsPlaintext(rowId, f));
    out.sealedDrawing = f.signatureSvg.isEmpty()
        ? QVariant(QMetaType::fromType<QByteArray>())
        : QVariant(sealBox(box(DrawingKind, { rowId.toUtf8(), f.signatureSvg })));
    return out;
}

std::optional<PersonalFields> SealingPersonalDataCodec::unseal(const QString& rowId, const SealedFields& s) const
{
    if (!m_opening)
        return std::nullopt;
    const std::optional<QByteArray> plain = Sealing::open(s.sealed.toByteArray(), *m_opening);
    if (!plain)
        return std::nullopt;
    const auto parts = unbox(*plain, FieldsKind, 4);
    if (!parts || QString::fromUtf8(parts->at(0)) != rowId)
        return std::nullopt;
    PersonalFields f { QString::fromUtf8(parts->at(1)), QString::fromUtf8(parts->at(2)),
        QString::fromUtf8(parts->at(3)), {} };
    const QByteArray drawing = s.sealedDrawing.toByteArray();
    if (!drawing.isEmpty()) {
        const std::optional<QByteArray> plainDrawing = Sealing::open(drawing, *m_opening);
        if (!plainDrawing)
            return std::nullopt;
        const auto drawingParts = unbox(*plainDrawing, DrawingKind, 2);
        if (!drawingParts || QString::fromUtf8(drawingParts->at(0)) != rowId)
            return std::nullopt;
        f.signatureSvg = drawingParts->at(1);
    }
    return f;
}

std::optional<DedupKeys> SealingPersonalDataCodec::keys(const PersonalFields& f) const
{
    if (!hasDuplicateKey())
        return std::nullopt;
    const QByteArray name = SigningRules::nameKey(f.fullName).toUtf8();
    const QByteArray email = f.email.isEmpty() ? QByteArray() : SigningRules::emailKey(f.email).toUtf8();
    const QByteArray postcode = f.postcode.toUtf8();
    DedupKeys keys;
    if (!postcode.isEmpty())
        keys.namePostcode = Sealing::tag(*m_kd, "name+postcode", { name, postcode });
    if (!email.isEmpty()) {
        keys.emailName = Sealing::tag(*m_kd, "email+name", { email, name });
        keys.email = Sealing::tag(*m_kd, "email", { email });
    }
    return keys;
}

} // namespace kiosk
