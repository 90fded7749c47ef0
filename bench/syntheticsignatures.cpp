#include "syntheticsignatures.h"

#include "samplesignature.h"

#include <QStringList>

namespace kiosk::bench {

namespace {
const QStringList& firstNames()
{
    static const QStringList names { "Ann", "Mohammed", "Olivia", "Jack", "Amelia", "Harry", "Isla", "Oliver", "Zoë",
        "Enikő", "Björk", "Siobhán", "Priya", "Kwame", "Li", "Wei", "Min-jun", "Fatima", "Noah", "Grace", "Dylan",
        "Aisha", "Tomasz", "Chloé" };
    return names;
}
const QStringList& lastNames()
{
    static const QStringList names { "Smith", "Jones", "O'Brien", "O’Connor", "Williams", "Brown", "Taylor", "Khan",
        "Patel", "Müller", "Kowalski", "Nguyen", "Mensah", "Evans", "Wilson", "Davies", "Guðmundsdóttir", "Kovács",
        "Smith-Jones", "MacLeod" };
    return names;
}
const QStringList& wholeNames()
{
    static const QStringList names { "毛泽东", "李小龙", "王芳", "김민준", "محمد علي", "ישראל כהן", "張偉" };
    return names;
}
} // namespace

SyntheticSignatures::SyntheticSignatures(quint32 seed, QDateTime now)
    : m_random(seed)
    , m_now(std::move(now))
{
}

QString SyntheticSignatures::postcode()
{
    // Outward codes in the common A9 / AA9 / AA9A / AA99 shapes, with letters valid in each position.
    static const QString first = QStringLiteral("ABCDEFGHIJKLMNOPRSTUWYZ");
    static const QString second = QStringLiteral("ABCDEFGHKLMNOPQRSTUVWXY");
    static const QString fourth = QStringLiteral("ABEHMNPRVWXY");
    static const QString inward = QStringLiteral("ABDEFGHJLNPQRSTUWXYZ");
    const auto pick = [this](const QString& from) { return from.at(m_random.bounded(int(from.size()))); };
    QString out;
    switch (m_random.bounded(4)) {
    case 0:
        out = QString(pick(first)) + QString::number(m_random.bounded(1, 10));
        break;
    case 1:
        out = QString(pick(first)) + pick(second) + QString::number(m_random.bounded(1, 10));
        break;
    case 2:
        out = QString(pick(first)) + pick(second) + QString::number(m_random.bounded(1, 10)) + pick(fourth);
        break;
    default:
        out = QString(pick(first)) + pick(second) + QString::number(m_random.bounded(10, 100));
        break;
    }
    return out + QLatin1Char(' ') + QString::number(m_random.bounded(10)) + pick(inward) + pick(inward);
}

Signature SyntheticSignatures::next()
{
    ++m_serial;
    // The campaign's fields as the tests' sample has them; everything personal is drawn below.
    Signature s = test::sampleSignature({}, {}, {});
    s.stallId = QStringLiteral("bench-stall");
    s.signedAt = m_now.addMSecs(-qint64(m_random.bounded(60 * 24 * 3600)) * 1000 - m_random.bounded(1000));

    if (m_random.bounded(100) < 6) {
        s.fullName = wholeNames().at(m_random.bounded(int(wholeNames().size())));
    } else {
        s.fullName = firstNames().at(m_random.bounded(int(firstNames().size()))) + QLatin1Char(' ')
            + lastNames().at(m_random.bounded(int(lastNames().size())));
    }

    const int where = m_random.bounded(100);
    if (where < 85) {
        s.country = QStringLiteral("GB");
        s.postcode = postcode();
    } else if (where < 88) {
        static const QStringList crown { QStringLiteral("JE"), QStringLiteral("GG"), QStringLiteral("IM") };
        s.country = crown.at(m_random.bounded(3));
        s.postcode = s.country + QString::number(m_random.bounded(1, 10)) + QLatin1Char(' ')
            + QString::number(m_random.bounded(10)) + QStringLiteral("AB");
    } else {
        static const QStringList abroad { QStringLiteral("FR"), QStringLiteral("DE"), QStringLiteral("PL"),
            QStringLiteral("CN"), QStringLiteral("TW"), QStringLiteral("US") };
        s.country = abroad.at(m_random.bounded(int(abroad.size())));
    }
    s.ukCitizenOrResident = where < 90 ? Residency::Yes : Residency::No;

    if (m_random.bounded(100) < 40) {
        // The serial keeps emails unique, so that the two-per-address rule never refuses a synthetic row.
        s.email = QStringLiteral("signer%1@example.org").arg(m_serial);
        s.contactOptIn = m_random.bounded(100) < 50;
    }
    if (m_random.bounded(100) < 15) {
        QByteArray path = "M10 40";
        for (int i = 0; i < 12; ++i)
            path += " L" + QByteArray::number(10 + i * 20) + ' ' + QByteArray::number(20 + m_random.bounded(40));
        s.signatureSvg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 260 80\"><path d=\"" + path
            + "\" fill=\"none\" stroke=\"black\" stroke-width=\"3\"/></svg>";
    }
    const int lang = m_random.bounded(100);
    s.language = lang < 80 ? QStringLiteral("en") : (lang < 90 ? QStringLiteral("zh_CN") : QStringLiteral("zh_TW"));
    return s;
}

} // namespace kiosk::bench
