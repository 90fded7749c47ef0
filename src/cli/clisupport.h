#pragma once

#include <QString>

class QLockFile;

class QTextStream;

namespace kiosk {

class SignatureStore;

// Shared by the command files of petition-kiosk-admin.
namespace cli {

// The name that starts each message: "petition-kiosk-admin" unless a program (petition-hub) says otherwise.
void setProgramName(const QString& name);
QString programName();
// One line "petition-kiosk-admin: message" on `err`; returns ExitFailure.
int fail(QTextStream& err, const QString& message);
// The same for a usage error; returns ExitUsage.
int usage(QTextStream& err, const QString& message);
// Text from the database or the file system, made safe for a terminal.
QString printable(const QString& text);
// Opens the data folder's store, which must exist already; says why not on `err`.
bool openExisting(SignatureStore& store, const QString& dataDir, QTextStream& err);
// For the commands that must not run under a kiosk: takes the data folder's lock (refused, saying so, while a kiosk
// runs on it), then opens the store as openExisting() does. The lock is held as long as `lock` lives.
bool openWithoutKiosk(QLockFile& lock, SignatureStore& store, const QString& dataDir, QTextStream& err);

// Reads secrets (PIN, passphrase) line by line: without echo, after `prompt` on `err`, when standard input is a
// terminal. `once` (the commands' --stdin and --passphrase-stdin, for scripts) reads a new secret once; otherwise it
// is read twice, to catch a typing mistake.
class Prompter final
{
public:
    Prompter(QTextStream& in, QTextStream& err, bool once);
    QString secret(const char* prompt);
    bool asksTwice() const { return !m_once; }
    bool atTerminal() const { return m_terminal; }

private:
    QTextStream& m_in;
    QTextStream& m_err;
    bool m_once = false;
    bool m_terminal = false;
};

// Reads a new PIN: twice at a terminal, once from a script. Empty (after saying why on `err`) if unusable.
QString askNewPin(Prompter& prompt, QTextStream& err);

} // namespace cli
} // namespace kiosk
