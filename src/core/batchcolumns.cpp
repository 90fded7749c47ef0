#include "batchcolumns.h"

#include <cstring>

namespace kiosk {

namespace {
QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}
} // namespace

QString BatchColumns::sealedCell(const QByteArray& sealed)
{
    return QStringLiteral("s1:") + QString::fromLatin1(sealed.toBase64());
}

const std::vector<BatchColumn>& BatchColumns::all(BatchKind kind)
{
    using R = const ExportRow&;
    using C = const ExportContext&;
    // Each column once; the two kinds list them in their own order.
    static const BatchColumn id { "id", [](R r, C) { return r.id; } };
    static const BatchColumn signedAt { "signed_at", [](R r, C) { return r.signedAt; } };
    static const BatchColumn petitionId { "petition_id", [](R r, C) { return r.petitionId; } };
    static const BatchColumn petitionVersion { "petition_version", [](R r, C) { return r.petitionVersion; } };
    static const BatchColumn consentVersion { "consent_version", [](R r, C) { return r.consentVersion; } };
    static const BatchColumn fullName { "full_name", [](R r, C) { return r.fullName; } };
    static const BatchColumn country { "country", [](R r, C) { return r.country; } };
    static const BatchColumn postcode { "postcode", [](R r, C) { return r.postcode; } };
    static const BatchColumn postcodeArea { "postcode_area", [](R r, C) { return r.postcodeArea; } };
    static const BatchColumn email { "email", [](R r, C) { return r.email; } };
    static const BatchColumn resident { "uk_citizen_or_resident", [](R r, C) { return yesNo(r.ukCitizenOrResident); } };
    // The store refuses a signature without consent, so every exported row has it.
    static const BatchColumn consent { "consent", [](R, C) { return yesNo(true); } };
    static const BatchColumn optIn { "contact_opt_in", [](R r, C) { return yesNo(r.contactOptIn); } };
    static const BatchColumn language { "language", [](R r, C) { return r.language; } };
    static const BatchColumn stallId { "stall_id", [](R r, C) { return r.stallId; } };
    static const BatchColumn deviceId { "device_id", [](R r, C) { return r.deviceId; } };
    static const BatchColumn hasDrawing { "has_drawing", [](R r, C) { return yesNo(r.hasDrawing); } };
    static const BatchColumn signatureFile { "signature_file", [](R, C c) { return c.signatureFile; } };
    static const BatchColumn batchId { "batch_id", [](R, C c) { return c.batchId; } };
    static const BatchColumn sealedValue { "sealed", [](R r, C) { return sealedCell(r.sealed); } };

    static const std::vector<BatchColumn> clear { id, signedAt, petitionId, petitionVersion, consentVersion, fullName,
        country, postcode, email, resident, consent, optIn, language, stallId, deviceId, signatureFile, batchId };
    // Format 2: the clear columns a count needs, then the sealed personal fields. The drawings are in drawings.bin.
    static const std::vector<BatchColumn> sealed { id, signedAt, petitionId, petitionVersion, consentVersion, country,
        postcodeArea, resident, consent, optIn, language, stallId, deviceId, hasDrawing, sealedValue };
    return kind == BatchKind::Sealed ? sealed : clear;
}

QStringList BatchColumns::headers(BatchKind kind)
{
    QStringList names;
    for (const BatchColumn& c : all(kind))
        names << QLatin1String(c.header);
    return names;
}

QStringList BatchColumns::cells(BatchKind kind, const ExportRow& row, const ExportContext& context)
{
    QStringList cells;
    cells.reserve(qsizetype(all(kind).size()));
    for (const BatchColumn& c : all(kind))
        cells << c.cell(row, context);
    return cells;
}

int BatchColumns::indexOf(BatchKind kind, const char* header)
{
    const auto& columns = all(kind);
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (std::strcmp(columns[i].header, header) == 0)
            return int(i);
    }
    return -1;
}

} // namespace kiosk
