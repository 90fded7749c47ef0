#include "hubreport.h"

#include "hubcharts.h"
#include "hubimporter.h"
#include "hubprint.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QSqlQuery>
#include <QTextDocument>

namespace kiosk::hub {

namespace {

using charts::number;

constexpr int StallsInChart = 6; // the busiest stalls have a pattern each; the rest are "other stalls"

QString longDay(const QDate& d)
{
    return britishEnglish().toString(d, QStringLiteral("d MMMM yyyy"));
}

QString percent(qint64 part, qint64 whole)
{
    return whole ? QStringLiteral("%1%").arg(100.0 * double(part) / double(whole), 0, 'f', 1) : QStringLiteral("0%");
}

// Draws pages one after another, each with the same footer.
class Writer
{
public:
    Writer(HashedSaveFile& file, const QString& title, const QString& language)
        : fonts(language)
        , pdf(file, title, QStringLiteral("petition-hub ") + QCoreApplication::applicationVersion())
        , m_title(title)
    {
        area = pdf.area();
        area.setBottom(area.bottom() - 18); // the footer's line
        y = area.top();
    }
    PrintFonts fonts;
    PdfPages pdf;
    QRectF area;
    qreal y = 0;

    QPainter& p() { return pdf.painter(); }
    void footer()
    {
        p().save();
        p().setFont(fonts.font(7.5));
        p().setPen(QColor(0x44, 0x44, 0x44));
        const QRectF line(pdf.area().left(), pdf.area().bottom() - 10, pdf.area().width(), 10);
        p().drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetricsF(p().font()).elidedText(m_title, Qt::ElideRight, line.width() - 60));
        p().drawText(line, Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("Page %1").arg(pdf.page()));
        p().restore();
    }
    void newPage()
    {
        footer();
        pdf.newPage();
        y = area.top();
    }
    // Room for `height` more on this page, or a new one.
    void need(qreal height)
    {
        if (y + height > area.bottom() && y > area.top())
            newPage();
    }
    void heading(const QString& text)
    {
        need(60);
        p().setFont(fonts.font(14, true));
        p().setPen(Qt::black);
        const QFontMetricsF fm(p().font());
        p().drawText(QPointF(area.left(), y + fm.ascent()), text);
        y += fm.height() + 8;
    }
    // Wrapped text at `points`; gives its height.
    void paragraph(const QString& text, qreal points, bool bold = false, const QColor& colour = Qt::black)
    {
        p().setFont(fonts.font(points, bold));
        p().setPen(colour);
        const QRectF bounds = p().boundingRect(QRectF(area.left(), 0, area.width(), 1e6), Qt::TextWordWrap, text);
        need(bounds.height());
        p().drawText(QRectF(area.left(), y, area.width(), bounds.height()), Qt::TextWordWrap, text);
        y += bounds.height() + points * 0.4;
    }
    // Hashes and other text a reader copies: in the monospaced font, which has no ligatures ("ff" stays two letters).
    void code(const QString& text, qreal points)
    {
        p().setFont(fonts.mono(points));
        p().setPen(Qt::black);
        const QRectF bounds = p().boundingRect(QRectF(area.left(), 0, area.width(), 1e6), Qt::TextWrapAnywhere, text);
        need(bounds.height());
        p().drawText(QRectF(area.left(), y, area.width(), bounds.height()), Qt::TextWrapAnywhere, text);
        y += bounds.height() + points * 0.4;
    }
    // Markdown (the petition's wording), split over pages when it does not fit on one.
    void markdown(const QString& text, qreal points)
    {
        QTextDocument doc;
        doc.documentLayout()->setPaintDevice(p().device());
        doc.setDefaultFont(fonts.font(points));
        doc.setDocumentMargin(0);
        doc.setTextWidth(area.width());
        doc.setMarkdown(text);
        qreal done = 0;
        const qreal height = doc.size().height();
        if (height <= area.height())
            need(height);
        while (done < height) {
            const qreal room = area.bottom() - y;
            p().save();
            p().translate(area.left(), y - done);
            const QRectF clip(0, done, area.width(), std::min(room, height - done));
            doc.drawContents(&p(), clip);
            p().restore();
            done += room;
            y += std::min(room, height - (done - room));
            if (done < height)
                newPage();
        }
        y += points;
    }
    int finish()
    {
        footer();
        pdf.finish();
        return pdf.page();
    }

private:
    QString m_title;
};

// The days as columns, or weeks (starting on Mondays) when there are more days than fit.
void dayColumns(const HubTotals& totals, QStringList& labels, QList<charts::Series>& series)
{
    if (totals.byDay.isEmpty())
        return;
    const QDate first = QDate::fromString(totals.byDay.first().first, Qt::ISODate);
    const QDate last = QDate::fromString(totals.byDay.last().first, Qt::ISODate);
    const bool weeks = first.daysTo(last) + 1 > HubReport::MaxDayColumns;
    const QDate start = weeks ? first.addDays(1 - first.dayOfWeek()) : first;
    const qsizetype columns = weeks ? start.daysTo(last) / 7 + 1 : start.daysTo(last) + 1;
    for (qsizetype c = 0; c < columns; ++c)
        labels << (weeks ? QStringLiteral("w/c ") : QString())
                + britishEnglish().toString(start.addDays(c * (weeks ? 7 : 1)), QStringLiteral("d MMM"));
    QStringList busiest;
    for (const auto& [stall, count] : totals.byStall)
        if (busiest.size() < StallsInChart)
            busiest << stall;
    const bool others = totals.byStall.size() > busiest.size();
    for (const QString& stall : std::as_const(busiest))
        series.append({ stall.isEmpty() ? QStringLiteral("(no stall)") : stall, QList<qint64>(columns, 0) });
    if (others)
        series.append({ QStringLiteral("%1 other stalls").arg(totals.byStall.size() - busiest.size()),
            QList<qint64>(columns, 0) });
    for (auto day = totals.stallsByDay.cbegin(); day != totals.stallsByDay.cend(); ++day) {
        const qsizetype c = start.daysTo(QDate::fromString(day.key(), Qt::ISODate)) / (weeks ? 7 : 1);
        for (auto stall = day->cbegin(); stall != day->cend(); ++stall) {
            const qsizetype s = busiest.indexOf(stall.key());
            series[s >= 0 ? s : series.size() - 1].values[c] += stall.value();
        }
    }
}

} // namespace

Result<HubReport::Summary> HubReport::write(HubDatabase& db, const Campaign& campaign, const QString& language,
    const HubTotals::Range& range, HashedSaveFile& out)
{
    const CampaignTexts texts = campaign.textsFor(language);
    PrintFonts check(language);
    if (const QString absent = check.missing(texts.petitionTitle + texts.petitionText + texts.title);
        !absent.isEmpty()) {
        const QString sentence = QStringLiteral(
            "No installed font can print the %1 wording (it has characters such as %2). Install a font for it (for "
            "Chinese: sudo apt install fonts-noto-cjk), or choose another --language. Nothing was written.")
                                     .arg(language, absent.left(8));
        return Failure { StoreError::Other, sentence, sentence };
    }
    const Result<HubTotals> totals = HubTotals::compute(db, range);
    if (!totals)
        return totals.failure();
    const Result<QList<HubImporter::Finding>> findings = HubImporter::chainFindings(db);
    if (!findings)
        return findings.failure();
    const Result<QList<HubImporter::Refusal>> refusals = HubImporter::stillRefused(db);
    if (!refusals)
        return refusals.failure();
    QHash<QString, QStringList> flagsByBatch;
    for (const HubImporter::Finding& f : *findings)
        flagsByBatch[f.batchId] << f.finding;
    QSqlQuery counts = db.query();
    if (!counts.exec(QStringLiteral("SELECT count(*), count(DISTINCT device_id) FROM batches")) || !counts.next())
        return db.failFrom(counts);
    const qint64 batchCount = counts.value(0).toLongLong(), kioskCount = counts.value(1).toLongLong();
    counts.finish();
    // Read as the table is drawn, and last: PostgreSQL's driver gives a forward-only query's rows one at a time, and
    // another query on the connection would drop them.
    QSqlQuery batches = db.query();
    batches.setForwardOnly(true);
    if (!batches.exec(QStringLiteral("SELECT stall_id, device_id, sequence, row_count, manifest_sha256, batch_id FROM "
                                     "batches ORDER BY stall_id, device_id, sequence")))
        return db.failFrom(batches);

    Writer w(out, texts.petitionTitle, language);
    QPainter& p = w.p();
    Summary summary;
    summary.signatures = totals->signatures;
    summary.batches = batchCount;

    // The cover.
    w.paragraph(QStringLiteral("Petition report"), 9, false, QColor(0x55, 0x55, 0x55));
    w.paragraph(texts.petitionTitle, 18, true);
    w.paragraph(texts.title, 11);
    w.y += 6;
    w.markdown(texts.petitionText, 10.5);
    w.need(150);
    p.setPen(QPen(Qt::black, 0.8));
    p.drawLine(QPointF(w.area.left(), w.y), QPointF(w.area.right(), w.y));
    w.y += 10;
    const qint64 n = totals->signatures;
    const QString firstDay = range.from ? longDay(*range.from)
        : n                             ? longDay(QDate::fromString(totals->byDay.first().first, Qt::ISODate))
                                        : QString();
    const QString lastDay = range.to ? longDay(*range.to)
        : n                          ? longDay(QDate::fromString(totals->byDay.last().first, Qt::ISODate))
                                     : QString();
    if (n == 0) {
        w.paragraph(range.from || range.to ? QStringLiteral("No signatures in these days")
                                           : QStringLiteral("No signatures yet"),
            22, true);
        if (range.from || range.to)
            w.paragraph(QStringLiteral("From %1 to %2 (London days).")
                            .arg(range.from ? longDay(*range.from) : QStringLiteral("the first day"),
                                range.to ? longDay(*range.to) : QStringLiteral("the last")),
                10.5);
    } else {
        w.paragraph(QStringLiteral("%1 signatures").arg(number(n)), 22, true);
        w.paragraph(QStringLiteral("From %1 to %2 (London days).").arg(firstDay, lastDay), 10.5);
        w.paragraph(QStringLiteral("UK citizens or residents: %1 (%2). Contact opt-ins: %3 (%4).")
                        .arg(number(totals->ukCitizensOrResidents), percent(totals->ukCitizensOrResidents, n),
                            number(totals->contactOptIns), percent(totals->contactOptIns, n)),
            10.5);
    }
    w.paragraph(QStringLiteral("%1 duplicates left out (the kiosk's rules across stalls: petition-hub duplicates). %2 "
                               "stalls, %3 kiosks, %4 batches; %5 batches flagged, %6 refused and not in these "
                               "totals.")
                    .arg(number(totals->duplicatesLeftOut), number(totals->byStall.size()), number(kioskCount),
                        number(batchCount), number(flagsByBatch.size()), number(refusals->size())),
        10.5);
    w.paragraph(QStringLiteral("Made on %1 by petition-hub %2 from %3. Days are Europe/London days.")
                    .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")),
                        QCoreApplication::applicationVersion(), db.description()),
        8.5, false, QColor(0x44, 0x44, 0x44));

    // The charts.
    if (n > 0) {
        w.newPage();
        QStringList labels;
        QList<charts::Series> series;
        dayColumns(*totals, labels, series);
        const bool weeks = labels.value(0).startsWith(QLatin1String("w/c"));
        w.heading(
            weeks ? QStringLiteral("Signatures per week, by stall") : QStringLiteral("Signatures per day, by stall"));
        const QRectF chart(w.area.left(), w.y, w.area.width(), 300);
        charts::stackedColumns(p, chart, w.fonts, labels, series);
        w.y = chart.bottom() + 24;
        w.heading(QStringLiteral("The busiest stalls"));
        const qsizetype shown = charts::horizontalBars(p,
            QRectF(w.area.left(), w.y, w.area.width(), w.area.bottom() - w.y), w.fonts, totals->byStall.mid(0, 20), n);
        w.y = w.area.bottom();
        Q_UNUSED(shown);
        for (const auto& [title, list] :
            { std::pair { QStringLiteral("Signatures by postcode area"), totals->byPostcodeArea },
                std::pair { QStringLiteral("Signatures by country"), totals->byCountry } }) {
            HubTotals::Counts named = list;
            for (auto& [name, count] : named)
                if (name.isEmpty())
                    name = title.endsWith(QLatin1String("area")) ? QStringLiteral("(no postcode)")
                                                                 : QStringLiteral("(none)");
            w.newPage();
            w.heading(title);
            for (qsizetype next = 0;;) {
                next = charts::horizontalBars(
                    p, QRectF(w.area.left(), w.y, w.area.width(), w.area.bottom() - w.y), w.fonts, named, n, next);
                if (next >= named.size())
                    break;
                w.newPage();
                w.heading(title + QStringLiteral(" (continued)"));
            }
        }
    }

    // The batches.
    w.newPage();
    w.heading(QStringLiteral("Batches in the hub"));
    w.paragraph(QStringLiteral("Every batch imported, by stall and kiosk, in each kiosk's sequence. The manifest hash "
                               "is the SHA-256 of the batch's manifest.json: the name hand-in.json uses."),
        8.5, false, QColor(0x44, 0x44, 0x44));
    const QFont cell = w.fonts.font(8), bold = w.fonts.font(8, true), mono = w.fonts.mono(7);
    const QFontMetricsF cellMetrics(cell);
    const qreal line = cellMetrics.height() + 2;
    const qreal xStall = w.area.left(), xDevice = xStall + 120, xSeq = xDevice + 170, xRows = xSeq + 60;
    const auto header = [&] {
        p.setFont(bold);
        p.setPen(Qt::black);
        p.drawText(QRectF(xStall, w.y, 110, line), Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("Stall"));
        p.drawText(QRectF(xDevice, w.y, 160, line), Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("Kiosk (device)"));
        p.drawText(QRectF(xSeq, w.y, 50, line), Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("Sequence"));
        p.drawText(QRectF(xRows, w.y, 60, line), Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("Rows"));
        p.drawText(QRectF(xRows + 75, w.y, 100, line), Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("Flags"));
        w.y += line;
        p.setPen(QPen(Qt::black, 0.6));
        p.drawLine(QPointF(w.area.left(), w.y), QPointF(w.area.right(), w.y));
        w.y += 3;
    };
    header();
    if (batchCount == 0)
        w.paragraph(QStringLiteral("No batches yet (petition-hub import brings them in)."), 10);
    while (batches.next()) {
        const QStringList flags = flagsByBatch.value(batches.value(5).toString());
        qreal flagHeight = 0;
        const QString flagText = flags.join(QStringLiteral(" "));
        const QFont flagFont = w.fonts.font(7.5);
        if (!flags.isEmpty()) {
            p.setFont(flagFont);
            flagHeight = p.boundingRect(QRectF(0, 0, w.area.width() - 20, 1e6), Qt::TextWordWrap, flagText).height();
        }
        if (w.y + 2 * line + flagHeight + 4 > w.area.bottom()) {
            w.newPage();
            w.heading(QStringLiteral("Batches in the hub (continued)"));
            header();
        }
        p.setFont(cell);
        p.setPen(Qt::black);
        p.drawText(QPointF(xStall, w.y + cellMetrics.ascent()),
            cellMetrics.elidedText(batches.value(0).toString(), Qt::ElideMiddle, 114));
        p.setFont(mono);
        p.drawText(QPointF(xDevice, w.y + cellMetrics.ascent()), batches.value(1).toString());
        p.setFont(cell);
        p.drawText(
            QRectF(xSeq, w.y, 50, line), Qt::AlignRight | Qt::AlignVCenter, number(batches.value(2).toLongLong()));
        p.drawText(
            QRectF(xRows, w.y, 60, line), Qt::AlignRight | Qt::AlignVCenter, number(batches.value(3).toLongLong()));
        p.setFont(flags.isEmpty() ? cell : w.fonts.font(8, true));
        p.drawText(QPointF(xRows + 75, w.y + cellMetrics.ascent()),
            flags.isEmpty() ? QStringLiteral("none") : QStringLiteral("FLAGGED (%1)").arg(flags.size()));
        w.y += line;
        p.setFont(mono);
        p.setPen(QColor(0x33, 0x33, 0x33));
        p.drawText(QPointF(xDevice, w.y + cellMetrics.ascent() - 1),
            QStringLiteral("manifest ") + batches.value(4).toString());
        w.y += line;
        if (!flags.isEmpty()) {
            p.setFont(flagFont);
            p.setPen(Qt::black);
            p.drawText(QRectF(xStall + 20, w.y, w.area.width() - 20, flagHeight), Qt::TextWordWrap, flagText);
            w.y += flagHeight;
        }
        p.setPen(QPen(QColor(0xbb, 0xbb, 0xbb), 0.4));
        p.drawLine(QPointF(w.area.left(), w.y + 1), QPointF(w.area.right(), w.y + 1));
        w.y += 4;
    }

    if (!refusals->isEmpty()) {
        w.y += 12;
        w.heading(QStringLiteral("Refused batches (not in the hub, nor in any total)"));
        for (const HubImporter::Refusal& r : *refusals)
            w.paragraph(QStringLiteral("%1 (kiosk %2, batch %3), refused %4: %5")
                            .arg(r.folder, r.deviceId, r.batchId,
                                r.at.left(16).replace(QLatin1Char('T'), QLatin1Char(' ')), r.reason),
                8);
    }
    summary.pages = w.finish();
    return summary;
}

Result<int> HubReport::writeReceipt(const QJsonObject& receipt, HashedSaveFile& out)
{
    const auto text = [&receipt](const char* key) { return receipt.value(QLatin1String(key)).toString(); };
    const auto count = [](const QJsonValue& v) { return number(v.toInteger()); };
    Writer w(out, QStringLiteral("Purge receipt"), QStringLiteral("en"));
    w.heading(QStringLiteral("Purge receipt"));
    w.paragraph(QStringLiteral("%1 signatures signed before %2 (London) lost their personal details: name, postcode, "
                               "email and drawing, and every key made of them. What each was counted by stays.")
                    .arg(count(receipt.value(QStringLiteral("signatures_purged"))), text("purged_before_london_day")),
        11);
    w.paragraph(
        QStringLiteral("Run at %1 by %2 (%3) on %4.").arg(text("ran_at"), text("ran_by"), text("made_by"), text("hub")),
        10);
    if (!text("first_signed_at").isEmpty())
        w.paragraph(QStringLiteral("The purged signatures were signed from %1 to %2.")
                        .arg(text("first_signed_at"), text("last_signed_at")),
            10);
    const QJsonObject kept = receipt.value(QStringLiteral("counts_kept")).toObject();
    w.paragraph(QStringLiteral("Counts that stay: %1 signatures, %2 duplicates left out, %3 erased on request.")
                    .arg(count(kept.value(QStringLiteral("signatures"))),
                        count(kept.value(QStringLiteral("duplicates_left_out"))),
                        count(kept.value(QStringLiteral("erased_on_request")))),
        10);
    w.heading(QStringLiteral("Hand-in lists made before the purge"));
    const QJsonArray handIns = receipt.value(QStringLiteral("hand_in_lists_made_before")).toArray();
    if (handIns.isEmpty())
        w.paragraph(QStringLiteral("None was made with this hub."), 10);
    for (const QJsonValue& h : handIns) {
        w.paragraph(
            QStringLiteral("%1 by %2:").arg(h[QLatin1String("at")].toString(), h[QLatin1String("by")].toString()), 9);
        for (const QString& part : h[QLatin1String("files")].toString().split(QStringLiteral("; ")))
            w.code(part, 8);
    }
    w.paragraph(text("hand_in_lists_note"), 9);
    const QJsonArray batches = receipt.value(QStringLiteral("batches")).toArray();
    w.heading(QStringLiteral("The %1 batches the purged signatures came in (manifest SHA-256)").arg(batches.size()));
    for (const QJsonValue& b : batches)
        w.code(b.toString(), 8);
    w.heading(QStringLiteral("This receipt"));
    w.paragraph(QStringLiteral("The SHA-256 of the receipt's JSON (without this field). petition-hub check-receipt "
                               "checks it against the file and the hub's audit log:"),
        10);
    w.code(text("receipt_sha256"), 9);
    return w.finish();
}

} // namespace kiosk::hub
