#pragma once

#include "core/datadir.h"
#include "core/signaturestore.h"

#include <QFile>

#include <sqlite3.h>

namespace kiosk::bench {

// The baseline: the same table (created by the store's own migrations, so with the same indexes), the same
// pragmas, one prepared INSERT per transaction, no rules and no duplicate checks.
class RawSqliteInserter final
{
public:
    bool open(const QString& dataDir)
    {
        {
            SignatureStore schemaOnly;
            if (!schemaOnly.open(dataDir))
                return false;
        }
        const QByteArray path = QFile::encodeName(DataDir::databasePath(dataDir));
        if (sqlite3_open_v2(path.constData(), &m_db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
            return false;
        sqlite3_exec(m_db,
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
            "PRAGMA secure_delete=ON",
            nullptr, nullptr, nullptr);
        return sqlite3_prepare_v2(m_db,
                   "INSERT INTO signatures (id, signed_at, petition_id, petition_version, "
                   "consent_version, full_name, country, postcode, email, uk_citizen_or_resident, "
                   "consent, contact_opt_in, language, stall_id, device_id, signature_svg, "
                   "name_postcode_tag, email_name_tag, email_tag) VALUES (?, ?, ?, ?, ?, ?, ?, "
                   "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   -1, &m_insert, nullptr)
            == SQLITE_OK;
    }
    ~RawSqliteInserter()
    {
        sqlite3_finalize(m_insert);
        sqlite3_close(m_db);
    }
    bool insert(const Signature& s)
    {
        const auto text = [this](int column, const QString& value) {
            const QByteArray utf8 = value.toUtf8();
            if (value.isEmpty())
                sqlite3_bind_null(m_insert, column);
            else
                sqlite3_bind_text(m_insert, column, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        };
        text(1, QUuid::createUuid().toString(QUuid::WithoutBraces));
        text(2, toIsoUtc(s.signedAt));
        text(3, s.petitionId);
        sqlite3_bind_int(m_insert, 4, s.petitionVersion);
        sqlite3_bind_int(m_insert, 5, s.consentVersion);
        text(6, s.fullName);
        text(7, s.country);
        text(8, s.postcode);
        text(9, s.email);
        sqlite3_bind_int(m_insert, 10, s.ukCitizenOrResident == Residency::Yes ? 1 : 0);
        sqlite3_bind_int(m_insert, 11, 1);
        sqlite3_bind_int(m_insert, 12, s.contactOptIn ? 1 : 0);
        text(13, s.language);
        text(14, s.stallId);
        text(15, QStringLiteral("bench-device"));
        if (s.signatureSvg.isEmpty())
            sqlite3_bind_null(m_insert, 16);
        else
            sqlite3_bind_blob(m_insert, 16, s.signatureSvg.constData(), int(s.signatureSvg.size()), SQLITE_TRANSIENT);
        // The same three duplicate keys the store writes, in the plain form.
        text(17, s.postcode.isEmpty() ? QString() : s.fullName.toLower() + QLatin1Char('|') + s.postcode);
        text(18, s.email.isEmpty() ? QString() : s.email.toLower() + QLatin1Char('|') + s.fullName.toLower());
        text(19, s.email.toLower());
        const int rc = sqlite3_step(m_insert);
        sqlite3_reset(m_insert);
        return rc == SQLITE_DONE;
    }

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_insert = nullptr;
};

} // namespace kiosk::bench
