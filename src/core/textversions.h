#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

namespace kiosk {

class StoreConnection;

// The SHA-256 of every petition and consent text version the kiosk has shown, so that a text changed under an old
// version number is refused: a signature must always say exactly which words were signed.
class TextVersions final
{
public:
    enum class Kind { Petition, Consent };

    explicit TextVersions(StoreConnection& connection)
        : m_connection(connection)
    {
    }

    // Fails with StoreError::TextChanged if this version was seen before with another text.
    VoidResult check(Kind kind, const QString& id, int version, const QByteArray& sha256);
    // check(), then remembers the text's hash.
    VoidResult record(Kind kind, const QString& id, int version, const QByteArray& sha256);

    static QString kindName(Kind kind);

private:
    StoreConnection& m_connection;
};

} // namespace kiosk
