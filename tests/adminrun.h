#pragma once

// Runs the real petition-kiosk-admin (KIOSK_ADMIN_BIN, set by tests/CMakeLists.txt) with arguments and stdin.

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace kiosk::test {

struct Run
{
    int code;
    QString out;
    QString err;
};

inline Run admin(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(QStringLiteral(KIOSK_ADMIN_BIN), args);
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000))
        return { -1, {}, QStringLiteral("timed out") };
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, QString::fromUtf8(p.readAllStandardOutput()),
        QString::fromUtf8(p.readAllStandardError()) };
}

} // namespace kiosk::test
