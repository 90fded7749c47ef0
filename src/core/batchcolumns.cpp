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
    static const std::vector<BatchColumn> sealed {
        { "id", [](R r, C) { return r.id; } },
        { "signed_at", [](R r, C) { return r.signedAt; } },
        { "petition_id", [](R r, C) { return r.petitionId; } },
        { "petition_version", [](R r, C) { return r.petitionVersion; } },
        { "consent_version", [](R r, C) { return r.consentVersion; } },
        { "country", [](R r, C) { return r.country; } },
        { "postcode_area", [](R r, C) { return r.postcodeArea; } },
        { "uk_citizen_or_resident", [](R r, C) { return yesNo(r.ukCitizenOrResident); } },
        { "consent", [](R, C) { return yesNo(true); } },
        { "contact_opt_in", [](R r, C) { return yesNo(r.contactOptIn); } },
        { "language", [](R r, C) { return r.language; } },
        { "stall_id", [](R r, C) { return r.stallId; } },
        { "device_id", [](R r, C) { return r.deviceId; } },
        { "has_drawing", [](R r, C) { return yesNo(r.hasDrawing); } },
        { "signature_file", [](R, C c) { return c.signatureFile; } },
        { "batch_id", [](R, C c) { return c.batchId; } },
        { "sealed", [](R r, C) { return sealedCell(r.sealed); } },
    };
    if (kind == BatchKind::Sealed)
        return sealed;
    static const std::vector<BatchColumn> columns {
        { "id", [](R r, C) { return r.id; } },
        { "signed_at", [](R r, C) { return r.signedAt; } },
        { "petition_id", [](R r, C) { return r.petitionId; } },
        { "petition_version", [](R r, C) { return r.petitionVersion; } },
        { "consent_version", [](R r, C) { return r.consentVersion; } },
        { "full_name", [](R r, C) { return r.fullName; } },
        { "country", [](R r, C) { return r.country; } },
        { "postcode", [](R r, C) { return r.postcode; } },
        { "email", [](R r, C) { return r.email; } },
        { "uk_citizen_or_resident", [](R r, C) { return yesNo(r.ukCitizenOrResident); } },
        // The store refuses a signature without consent, so every exported row has it.
        { "consent", [](R, C) { return yesNo(true); } },
        { "contact_opt_in", [](R r, C) { return yesNo(r.contactOptIn); } },
        { "language", [](R r, C) { return r.language; } },
        { "stall_id", [](R r, C) { return r.stallId; } },
        { "device_id", [](R r, C) { return r.deviceId; } },
        { "signature_file", [](R, C c) { return c.signatureFile; } },
        { "batch_id", [](R, C c) { return c.batchId; } },
    };
    return columns;
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
