#include "clisupport.h"

#include "admin/adminpin.h"
#include "admincommands.h"
#include "core/datadir.h"
#include "core/platform.h"
#include "core/signaturestore.h"

#include <QFileInfo>
#include <QLockFile>
#include <QTextStream>

namespace kiosk::cli {

namespace {
QString& name()
{
    static QString program = QStringLiteral("petition-kiosk-admin");
    return program;
}
} // namespace

void setProgramName(const QString& program)
{
    name() = program;
}

QString programName()
{
    return name();
}

int fail(QTextStream& err, const QString& message)
{
    err << name() << ": " << message << Qt::endl;
    return ExitFailure;
}

// A newline or an escape sequence in a folder's name would otherwise forge lines of output or drive the terminal.
QString printable(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c == QLatin1Char('\\'))
            out += QStringLiteral("\\\\");
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else if (c == QLatin1Char('\t'))
            out += QStringLiteral("\\t");
        else if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

int usage(QTextStream& err, const QString& message)
{
    err << name() << ": " << message << " (see " << name() << " --help)" << Qt::endl;
    return ExitUsage;
}

bool openExisting(SignatureStore& store, const QString& dataDir, QTextStream& err)
{
    if (const VoidResult opened = store.open(dataDir, SignatureStore::OpenMode::ExistingOnly); !opened) {
        fail(err, opened.errorString());
        return false;
    }
    return true;
}

bool openWithoutKiosk(QLockFile& lock, SignatureStore& store, const QString& dataDir, QTextStream& err)
{
    if (QFileInfo::exists(dataDir) && !DataDir::takeLock(lock, 200)) {
        fail(err, QStringLiteral("A kiosk is running on %1. Exit it from the admin screen first.").arg(dataDir));
        return false;
    }
    return openExisting(store, dataDir, err);
}

Prompter::Prompter(QTextStream& in, QTextStream& err, bool once)
    : m_in(in)
    , m_err(err)
    , m_once(once)
    , m_terminal(!once && platform::stdinIsTerminal())
{
}

QString Prompter::secret(const char* prompt)
{
    if (m_terminal) {
        m_err << prompt << Qt::flush;
        platform::setStdinEcho(false);
    }
    const QString line = m_in.readLine();
    if (m_terminal) {
        platform::setStdinEcho(true);
        m_err << Qt::endl;
    }
    return line;
}

QString askNewPin(Prompter& prompt, QTextStream& err)
{
    const QString pin = prompt.secret("New volunteer PIN (at least 8 digits): ").trimmed();
    if (const QString problem = AdminPin::problemWith(pin); !problem.isEmpty()) {
        fail(err, problem);
        return {};
    }
    if (prompt.asksTwice() && prompt.secret("The same PIN again: ").trimmed() != pin) {
        fail(err, QStringLiteral("The two PINs are not the same; nothing was changed."));
        return {};
    }
    return pin;
}

} // namespace kiosk::cli
