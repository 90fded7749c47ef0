// petition-bench: benchmarks, each against a baseline measured side by side in the same run.
// Not a test: it reports medians and ratios for the README.

#include "benchcommands.h"

#include "core/version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("petition-bench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KIOSK_VERSION));
    QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*.info=false"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Benchmarks for the petition kiosk.\n\n"
                                                    "Commands:\n"
                                                    "  save      save() latency against the plain SQLite C API, and "
                                                    "at 1,000 against --scale-rows rows\n"
                                                    "  populate  fill a fresh --data-dir with --rows synthetic "
                                                    "signatures"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("save | populate"));
    const QCommandLineOption count(QStringLiteral("count"), QStringLiteral("Durable saves per side (save)."),
                                   QStringLiteral("n"), QStringLiteral("2000"));
    const QCommandLineOption scaleRows(QStringLiteral("scale-rows"),
                                       QStringLiteral("Rows in the large table (save)."), QStringLiteral("n"),
                                       QStringLiteral("1000000"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Data folder (populate)."),
                                     QStringLiteral("dir"));
    const QCommandLineOption rows(QStringLiteral("rows"), QStringLiteral("Signatures to create (populate)."),
                                  QStringLiteral("n"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed (populate)."),
                                  QStringLiteral("n"), QStringLiteral("42"));
    const QCommandLineOption workDir(QStringLiteral("work-dir"),
                                     QStringLiteral("Where temporary databases go (default: the temp folder)."),
                                     QStringLiteral("dir"));
    parser.addOptions({ count, scaleRows, dataDir, rows, seed, workDir });

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

    const QString command = parser.positionalArguments().value(0);
    if (command == QLatin1String("save"))
        return kiosk::bench::benchSave(options, out, err);
    if (command == QLatin1String("populate"))
        return kiosk::bench::benchPopulate(options, out, err);
    err << "petition-bench: unknown or missing command (save | populate)" << Qt::endl;
    return 2;
}
