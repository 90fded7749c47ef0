// petition-bench: benchmarks, each against a baseline measured side by side in the same run.
// Not a test: it reports medians and ratios for docs/reliability.md.

#include "benchcommands.h"

#include "core/version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>
#include <memory>

int main(int argc, char* argv[])
{
    // The ui and startup benchmarks need widgets; without a display they run offscreen.
    bool needsGui = false;
    for (int i = 1; i < argc; ++i)
        needsGui = needsGui || qstrcmp(argv[i], "ui") == 0 || qstrcmp(argv[i], "startup") == 0;
    if (needsGui && qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> appHolder(
        needsGui ? new QApplication(argc, argv) : new QCoreApplication(argc, argv));
    QCoreApplication::setApplicationName(QStringLiteral("petition-bench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KIOSK_VERSION));
    QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*.info=false"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Benchmarks for the petition kiosk.\n\n"
                                                    "Commands:\n"
                                                    "  save      save() latency against the plain SQLite C API, and "
                                                    "at 1,000 against --scale-rows rows\n"
                                                    "  populate  fill a fresh --data-dir with --rows synthetic "
                                                    "signatures\n"
                                                    "  ui        tap and Submit to painted screen, against a minimal "
                                                    "Qt page switch\n"
                                                    "  startup   cold start to first paint, against a minimal Qt "
                                                    "window\n"
                                                    "  export    batch export against sqlite3 -csv, and its peak "
                                                    "memory\n"
                                                    "  hub       the hub's import of --stalls x --per-stall signed "
                                                    "batches, against opening and COPY (or the C API)\n"
                                                    "  hub-queries  the hub's status and duplicates over --rows "
                                                    "signatures, against the client's group count\n"
                                                    "  hand-in   the hub's hand-in list over --rows signatures (100k, "
                                                    "1M), against the client's plain CSV\n"
                                                    "  rights    erase, purge and contacts over --rows signatures, "
                                                    "against the client's UPDATE or CSV"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"),
        QStringLiteral("save | populate | ui | startup | export | hub | hub-queries | hand-in | rights"));
    const QCommandLineOption count(QStringLiteral("count"), QStringLiteral("Durable saves per side (save)."),
        QStringLiteral("n"), QStringLiteral("2000"));
    const QCommandLineOption scaleRows(QStringLiteral("scale-rows"), QStringLiteral("Rows in the large table (save)."),
        QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"), QStringLiteral("Data folder (populate)."), QStringLiteral("dir"));
    const QCommandLineOption rows(QStringLiteral("rows"),
        QStringLiteral("Signatures to create (populate), or in the hub database (hub-queries)."), QStringLiteral("n"));
    const QCommandLineOption seed(
        QStringLiteral("seed"), QStringLiteral("Random seed (populate)."), QStringLiteral("n"), QStringLiteral("42"));
    const QCommandLineOption workDir(QStringLiteral("work-dir"),
        QStringLiteral("Where temporary databases go (default: the temp folder)."), QStringLiteral("dir"));
    const QCommandLineOption kioskPath(
        QStringLiteral("kiosk"), QStringLiteral("The petition-kiosk to start (startup)."), QStringLiteral("path"));
    const QCommandLineOption exportSizes(QStringLiteral("sizes"),
        QStringLiteral("Rows to export, comma-separated (export)."), QStringLiteral("n,n"),
        QStringLiteral("100000,1000000"));
    const QCommandLineOption noOpen(QStringLiteral("no-open"), QStringLiteral("Skip open-batch (export)."));
    const QCommandLineOption hubStalls(
        QStringLiteral("stalls"), QStringLiteral("Kiosks in the synthetic campaign (hub)."), QStringLiteral("n"));
    const QCommandLineOption hubPerStall(
        QStringLiteral("per-stall"), QStringLiteral("Signatures per kiosk (hub)."), QStringLiteral("n"));
    parser.addOptions(
        { count, scaleRows, dataDir, rows, seed, workDir, kioskPath, exportSizes, noOpen, hubStalls, hubPerStall });

    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!parser.parse(QCoreApplication::arguments())) {
        err << "petition-bench: " << parser.errorText() << Qt::endl;
        return 2;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();

    kiosk::bench::BenchOptions options;
    options.count = parser.value(count).toInt();
    options.scaleRows = parser.value(scaleRows).toLongLong();
    options.dataDir = parser.value(dataDir);
    options.rows = parser.value(rows).toLongLong();
    options.seed = parser.value(seed).toUInt();
    options.workDir = parser.value(workDir);
    options.kioskPath = parser.value(kioskPath);
    options.exportSizes = parser.value(exportSizes);
    options.openBatch = !parser.isSet(noOpen);
    if (parser.isSet(hubStalls))
        options.hubStalls = parser.value(hubStalls).toInt();
    if (parser.isSet(hubPerStall))
        options.hubPerStall = parser.value(hubPerStall).toInt();

    const QString command = parser.positionalArguments().value(0);
    if (command == QLatin1String("save"))
        return kiosk::bench::benchSave(options, out, err);
    if (command == QLatin1String("populate"))
        return kiosk::bench::benchPopulate(options, out, err);
    if (command == QLatin1String("export"))
        return kiosk::bench::benchExport(options, out, err);
    if (command == QLatin1String("hub-queries"))
        return benchHubQueries(options, out, err);
    if (command == QLatin1String("hand-in"))
        return benchHubHandIn(options, out, err);
    if (command == QLatin1String("rights"))
        return benchHubRights(options, out, err);
    if (command == QLatin1String("hub"))
        return kiosk::bench::benchHub(options, out, err);
    if (command == QLatin1String("ui"))
        return kiosk::bench::benchUi(options, out, err);
    if (command == QLatin1String("startup"))
        return kiosk::bench::benchStartup(options, out, err);
    err << "petition-bench: unknown or missing command (save | populate | ui | startup | export | hub | hub-queries | "
           "hand-in | rights)"
        << Qt::endl;
    return 2;
}
