#pragma once

class QCommandLineParser;
class QString;
class QTextStream;

namespace kiosk {

class SignatureStore;

// petition-kiosk-admin's commands for the coordinator's key and sealing: keygen, reset-pin, seal-existing, and the
// enrolment that init does. See docs/coordinators.md.
namespace cli {

int runKeygen(QCommandLineParser& parser, const QString& dataDir, QTextStream& in, QTextStream& out, QTextStream& err);
int runResetPin(
    QCommandLineParser& parser, const QString& dataDir, QTextStream& in, QTextStream& out, QTextStream& err);
int runSealExisting(
    QCommandLineParser& parser, const QString& dataDir, QTextStream& in, QTextStream& out, QTextStream& err);

// forget-batch ID --confirmation FILE: forgets a batch's sealed details once the hub has confirmed it.
int runForgetBatch(
    QCommandLineParser& parser, const QString& dataDir, QTextStream& in, QTextStream& out, QTextStream& err);

int runOpenBatch(
    QCommandLineParser& parser, const QString& dataDir, QTextStream& in, QTextStream& out, QTextStream& err);

// init's part: --coordinator-key FILE enrols the folder; --unsealed makes a test kiosk; neither is refused. Returns
// an exit code, ExitOk when done.
int enrol(QCommandLineParser& parser, SignatureStore& store, QTextStream& out, QTextStream& err);

} // namespace cli
} // namespace kiosk
