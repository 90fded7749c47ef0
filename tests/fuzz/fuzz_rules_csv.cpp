// libFuzzer target: arbitrary bytes, read as UTF-8 and as UTF-16, through the signing rules, the CSV writer and the
// strict CSV reader. It aborts if anything crashes or if an accepted name does not come back from the CSV exactly.

#include "core/csv.h"
#include "core/signingrules.h"

#include <QBuffer>

#include <cstdint>
#include <cstdlib>

using namespace kiosk;

namespace {
void check(const QString& input)
{
    const Checked name = SigningRules::checkName(input);
    SigningRules::checkPostcode(input);
    SigningRules::checkEmail(input);
    SigningRules::checkCountry(input);
    const QString value = name.ok() ? name.value : QString::fromUtf8(input.toUtf8());
    if (name.ok())
        SigningRules::nameKey(name.value);

    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(&buffer);
    writer.writeBom();
    writer.writeRow({ value, QStringLiteral("x") });
    const CsvReader::Result parsed = CsvReader::parse(bytes, true);
    if (!parsed.ok() || parsed.records.size() != 1 || parsed.records.first().size() != 2
        || CsvWriter::restore(parsed.records.first().first()) != value)
        std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const auto* chars = reinterpret_cast<const char*>(data);
    check(QString::fromUtf8(chars, qsizetype(size)));
    if (size >= 2)
        check(QString(reinterpret_cast<const QChar*>(data), qsizetype(size / 2)));
    // And the raw bytes as a CSV file: the reader must never crash on any input.
    CsvReader::parse(QByteArray(chars, qsizetype(size)), false);
    CsvReader::parse(QByteArray(chars, qsizetype(size)), true);
    return 0;
}
