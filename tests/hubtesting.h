#pragma once

// What the hub's tests share: petition-hub's command line run in this process, and a fresh hub database on SQLite or
// on a throwaway PostgreSQL server (pgserver.h), chosen by a test row's "backend".

#include "hub/hubcommands.h"
#include "hub/hubdatabase.h"
#include "pgserver.h"

#include <QTemporaryDir>
#include <QTextStream>
#include <QtTest>

#include <memory>
#include <optional>

namespace kiosk::test {

struct HubRun
{
    int code;
    QString out;
    QString err;
};

// petition-hub's command line, in this process, on `database`.
inline HubRun runHub(const QString& database, const QStringList& args, const QString& input = {})
{
    QString in = input, out, err;
    QTextStream inStream(&in), outStream(&out), errStream(&err);
    const int code = hub::runHubCommand(
        QStringList { QStringLiteral("petition-hub"), QStringLiteral("--database"), database } + args, inStream,
        outStream, errStream);
    return { code, out, err };
}

class HubBackends final
{
public:
    // Starts the PostgreSQL server; the PostgreSQL rows fail (with the reason) if it does not start.
    void start()
    {
        if (!pg.start(&problem))
            qWarning("PostgreSQL tests will fail: %s", qPrintable(problem));
    }
    void stop() { pg.stop(); }
    static void rows()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }
    // A new database's location on `backend`: a new SQLite file, or a new database on the server.
    QString newLocation(const QString& backend)
    {
        if (backend == QLatin1String("postgresql")) {
            const QString where = pg.newDatabase(&problem);
            if (where.isEmpty())
                qWarning("%s", qPrintable(problem));
            return where;
        }
        return dir.filePath(QUuid::createUuid().toString(QUuid::Id128) + QStringLiteral(".sqlite"));
    }
    // A fresh hub on the current test row's backend.
    std::unique_ptr<hub::HubDatabase> open(
        QString* whereOut = nullptr, std::optional<hub::HubDatabase::Store> store = std::nullopt)
    {
        QFETCH(QString, backend);
        const QString where = newLocation(backend);
        if (where.isEmpty())
            return {};
        if (whereOut)
            *whereOut = where;
        Result<std::unique_ptr<hub::HubDatabase>> db = hub::HubDatabase::open(where, store);
        if (!db) {
            qWarning("%s", qPrintable(db.errorString()));
            return {};
        }
        return std::move(*db);
    }

    PgServer pg;
    QString problem;
    QTemporaryDir dir;
};

} // namespace kiosk::test
