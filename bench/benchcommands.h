#pragma once

#include <QString>

class QTextStream;

namespace kiosk::bench {

struct BenchOptions
{
    int count = 2000; // durable saves per side
    qint64 scaleRows = 1000000;
    QString dataDir;
    qint64 rows = 0;
    quint32 seed = 42;
    QString workDir; // where temporary databases go
    QString kioskPath; // the petition-kiosk to start (startup)
    QString exportSizes = QStringLiteral("100000,1000000"); // export
    bool openBatch = true; // export: also open-batch the first size's batch
    int hubStalls = 1000; // hub
    int hubPerStall = 1000;
};

int benchSave(const BenchOptions& options, QTextStream& out, QTextStream& err);
int benchPopulate(const BenchOptions& options, QTextStream& out, QTextStream& err);
int benchUi(const BenchOptions& options, QTextStream& out, QTextStream& err);
int benchExport(const BenchOptions& options, QTextStream& out, QTextStream& err);
int benchHub(const BenchOptions& options, QTextStream& out, QTextStream& err);
int benchHubQueries(const BenchOptions& options, QTextStream& out, QTextStream& err);
int benchHubHandIn(const BenchOptions& options, QTextStream& out, QTextStream& err);
int benchHubRights(const BenchOptions& options, QTextStream& out, QTextStream& err);
int benchStartup(const BenchOptions& options, QTextStream& out, QTextStream& err);

} // namespace kiosk::bench
