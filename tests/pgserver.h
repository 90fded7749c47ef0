#pragma once

// A throwaway PostgreSQL server for the hub tests: initdb into a temporary folder, then pg_ctl with the server
// listening only on a Unix socket in that folder (no TCP). Run as an unprivileged user: Debian's `postgres` when the
// tests run as root (as CI does), otherwise the current user. No mock: the real server, version 15 on Debian 12.

#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QUuid>

#include <pwd.h>
#include <unistd.h>

namespace kiosk::test {

class PgServer final
{
public:
    PgServer() = default;
    PgServer(const PgServer&) = delete;
    PgServer& operator=(const PgServer&) = delete;
    ~PgServer() { stop(); }

    // Starts the server; false, with `why`, if PostgreSQL is not installed or does not start.
    bool start(QString* why)
    {
        const QStringList versions
            = QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        if (versions.isEmpty()) {
            *why = QStringLiteral("PostgreSQL is not installed (Debian package postgresql)");
            return false;
        }
        m_bin = QStringLiteral("/usr/lib/postgresql/%1/bin/").arg(versions.last());
        char pattern[] = "/tmp/petition-pg-XXXXXX";
        if (!::mkdtemp(pattern)) {
            *why = QStringLiteral("no temporary folder");
            return false;
        }
        m_dir = QString::fromLocal8Bit(pattern);
        if (::geteuid() == 0) {
            const passwd* pg = ::getpwnam("postgres");
            if (!pg || ::chown(pattern, pg->pw_uid, pg->pw_gid) != 0) {
                *why = QStringLiteral("no postgres user to run the server as");
                return false;
            }
            m_user = QStringLiteral("postgres");
        } else {
            const passwd* me = ::getpwuid(::geteuid());
            m_user = me ? QString::fromLocal8Bit(me->pw_name) : QString();
        }
        const QString data = m_dir + QStringLiteral("/data");
        if (!run({ m_bin + QStringLiteral("initdb"), QStringLiteral("-D"), data, QStringLiteral("-U"), m_user,
                     QStringLiteral("--auth=trust"), QStringLiteral("--no-sync"), QStringLiteral("-E"),
                     QStringLiteral("UTF8"), QStringLiteral("--locale=C") },
                why))
            return false;
        const QString options
            = QStringLiteral("-k %1 -c listen_addresses='' -c fsync=off -c max_connections=20").arg(m_dir);
        if (!run({ m_bin + QStringLiteral("pg_ctl"), QStringLiteral("-D"), data, QStringLiteral("-o"), options,
                     QStringLiteral("-l"), m_dir + QStringLiteral("/log"), QStringLiteral("-w"),
                     QStringLiteral("start") },
                why))
            return false;
        m_running = true;
        return true;
    }

    // A new, empty database on the server, as a petition-hub URL.
    QString newDatabase(QString* why)
    {
        const QString name = QStringLiteral("hub_") + QUuid::createUuid().toString(QUuid::Id128).left(12);
        {
            QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("pg-admin"));
            admin.setHostName(m_dir);
            admin.setUserName(m_user);
            admin.setDatabaseName(QStringLiteral("postgres"));
            if (!admin.open() || !QSqlQuery(admin).exec(QStringLiteral("CREATE DATABASE %1").arg(name))) {
                *why = admin.lastError().text();
                admin.close();
                admin = QSqlDatabase();
                QSqlDatabase::removeDatabase(QStringLiteral("pg-admin"));
                return {};
            }
            admin.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("pg-admin"));
        return QStringLiteral("postgresql:///%1?host=%2&user=%3").arg(name, m_dir, m_user);
    }

    // The server's own files (its data folder), for tests that search every byte of them.
    QString dataFolder() const { return m_dir + QStringLiteral("/data"); }
    // Asks the server to write everything out (so that a search of its files sees what it holds).
    bool checkpoint()
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("pg-checkpoint"));
        admin.setHostName(m_dir);
        admin.setUserName(m_user);
        admin.setDatabaseName(QStringLiteral("postgres"));
        const bool ok = admin.open() && QSqlQuery(admin).exec(QStringLiteral("CHECKPOINT"));
        admin.close();
        admin = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("pg-checkpoint"));
        return ok;
    }

    void stop()
    {
        if (m_running) {
            QString ignored;
            run({ m_bin + QStringLiteral("pg_ctl"), QStringLiteral("-D"), m_dir + QStringLiteral("/data"),
                    QStringLiteral("-m"), QStringLiteral("immediate"), QStringLiteral("stop") },
                &ignored);
            m_running = false;
        }
        if (!m_dir.isEmpty())
            QDir(m_dir).removeRecursively();
        m_dir.clear();
    }

private:
    // Runs a PostgreSQL program as the server's user.
    bool run(QStringList command, QString* why)
    {
        if (::geteuid() == 0)
            command = QStringList {
                QStringLiteral("runuser"), QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--")
            } + command;
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.setWorkingDirectory(QDir::tempPath());
        p.start(command.takeFirst(), command);
        if (!p.waitForFinished(120000) || p.exitCode() != 0) {
            *why = QStringLiteral("%1 failed: %2")
                       .arg(command.join(QLatin1Char(' ')), QString::fromLocal8Bit(p.readAll()).right(400));
            return false;
        }
        return true;
    }

    QString m_bin;
    QString m_dir;
    QString m_user;
    bool m_running = false;
};

} // namespace kiosk::test
