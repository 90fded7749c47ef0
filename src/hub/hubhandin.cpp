#include "hubhandin.h"

#include "core/csv.h"
#include "hubcharts.h"
#include "hubnative.h"
#include "hubsignerdetails.h"
#include "hubtotals.h"

#include <QAbstractTextDocumentLayout>
#include <QCollator>
#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSet>
#include <QSqlQuery>
#include <QTextBlock>
#include <QTextDocument>

#include <algorithm>
#include <vector>

namespace kiosk::hub {

namespace {

using charts::number;

Failure refuse(const QString& sentence)
{
    return Failure { StoreError::Other, sentence, sentence };
}

// A text for SQL: quotes doubled (the petition id comes from campaign.json).
QByteArray sqlText(const QString& text)
{
    return '\'' + text.toUtf8().replace('\'', "''") + '\'';
}

struct Entry
{
    QCollatorSortKey key;
    QString name;
    QString area;
    QString country;
};

// The page layout: where the table starts on the first page and on the others, and how many lines each takes.
struct Layout
{
    static constexpr qreal Line = 13.6;
    static constexpr qreal Footer = 20;
    qreal firstTableTop = 0;
    int firstLines = 0;
    qreal tableTop = 0; // on later pages
    qint64 pagesFor(qint64 names) const
    {
        if (names <= firstLines)
            return 1;
        return 1 + (names - firstLines + HubHandIn::LinesPerPage - 1) / HubHandIn::LinesPerPage;
    }
};

class ListWriter
{
public:
    ListWriter(HashedSaveFile& file, const Campaign& campaign, qint64 total)
        : m_pdf(file, campaign.textsFor(campaign.languages.first()).petitionTitle,
            QStringLiteral("petition-hub ") + QCoreApplication::applicationVersion())
        , m_campaign(campaign)
        , m_total(total)
    {
    }
    PrintFonts fonts { QStringLiteral("en") };

    // Lays out page 1 (the full wording) to know how many names it takes; false if the wording fills it.
    bool start()
    {
        const CampaignTexts texts = m_campaign.textsFor(m_campaign.languages.first());
        QPainter& p = m_pdf.painter();
        const QRectF area = m_pdf.area();
        qreal y = area.top();
        p.setFont(fonts.font(15, true));
        const QRectF title
            = p.boundingRect(QRectF(area.left(), y, area.width(), 1e6), Qt::TextWordWrap, texts.petitionTitle);
        p.drawText(title, Qt::TextWordWrap, texts.petitionTitle);
        y = title.bottom() + 10;
        QTextDocument doc;
        doc.documentLayout()->setPaintDevice(p.device());
        doc.setDefaultFont(fonts.font(10));
        doc.setDocumentMargin(0);
        doc.setTextWidth(area.width());
        doc.setMarkdown(texts.petitionText);
        p.save();
        p.translate(area.left(), y);
        doc.drawContents(&p);
        p.restore();
        y += doc.size().height() + 8;
        p.setFont(fonts.font(10, true));
        p.drawText(QPointF(area.left(), y + QFontMetricsF(p.font()).ascent()),
            QStringLiteral("Signed by the following %1 people:").arg(number(m_total)));
        y += QFontMetricsF(p.font()).height() + 8;
        m_layout.firstTableTop = y;
        m_layout.firstLines = int((area.bottom() - Layout::Footer - y - Layout::Line - 4) / Layout::Line);
        if (m_layout.firstLines < 0)
            return false;
        m_layout.firstLines = std::min(m_layout.firstLines, HubHandIn::LinesPerPage);
        m_layout.tableTop = area.top() + shortHeader(false) + 10;
        m_pages = m_layout.pagesFor(m_total);
        m_y = m_layout.firstTableTop;
        tableHeader();
        return area.bottom() - Layout::Footer - m_layout.tableTop - Layout::Line - 4
            >= HubHandIn::LinesPerPage * Layout::Line;
    }
    void add(const Entry& e)
    {
        const int capacity = m_pdf.page() == 1 ? m_layout.firstLines : HubHandIn::LinesPerPage;
        if (m_onPage == capacity)
            nextPage();
        ++m_written;
        ++m_onPage;
        QPainter& p = m_pdf.painter();
        const QRectF area = m_pdf.area();
        const qreal baseline = m_y + Layout::Line - 3.5;
        p.setFont(m_cellFont);
        p.setPen(QColor(0x55, 0x55, 0x55));
        p.drawText(QRectF(area.left(), m_y, 44, Layout::Line), Qt::AlignRight | Qt::AlignVCenter, number(m_written));
        p.setPen(Qt::black);
        // A name is never cut short if a smaller size fits it. Most names are measured by their length alone: no
        // character is wider than the font's widest.
        if (qreal(e.name.size()) * m_nameMetrics.maxWidth() <= NameWidth
            || m_nameMetrics.horizontalAdvance(e.name) <= NameWidth) {
            p.setFont(m_nameFont);
            p.drawText(QPointF(area.left() + 54, baseline), e.name);
        } else {
            QFont smaller = m_nameFont;
            for (qreal size = m_nameFont.pointSizeF() - 0.5;
                 size >= 6.5 && QFontMetricsF(smaller).horizontalAdvance(e.name) > NameWidth; size -= 0.5)
                smaller.setPointSizeF(size);
            p.setFont(smaller);
            p.drawText(QPointF(area.left() + 54, baseline),
                QFontMetricsF(smaller).elidedText(e.name, Qt::ElideRight, NameWidth));
        }
        p.setFont(m_cellFont);
        p.drawText(QPointF(area.left() + 54 + NameWidth + 12, baseline), e.area.isEmpty() ? e.country : e.area);
        p.drawText(QPointF(area.left() + 54 + NameWidth + 12 + 110, baseline), m_day);
        m_y += Layout::Line;
        if (m_onPage % 5 == 0 && m_onPage != capacity) {
            p.setPen(QPen(QColor(0xcc, 0xcc, 0xcc), 0.4));
            p.drawLine(QPointF(area.left(), m_y), QPointF(area.right(), m_y));
        }
    }
    void setDay(const QDate& day) { m_day = britishEnglish().toString(day, QStringLiteral("d MMM yyyy")); }
    int finish()
    {
        footer();
        m_pdf.finish();
        return m_pdf.page();
    }
    qint64 pagesPlanned() const { return m_pages; }

private:
    static constexpr qreal NameWidth = 250;

    // The title and the first paragraph; gives its height.
    qreal shortHeader(bool draw)
    {
        QPainter& p = m_pdf.painter();
        const QRectF area = m_pdf.area();
        const QString text = HubHandIn::shortWording(m_campaign);
        p.setFont(fonts.font(8.5));
        const QRectF bounds
            = p.boundingRect(QRectF(area.left(), area.top(), area.width(), 1e6), Qt::TextWordWrap, text);
        if (draw) {
            p.setPen(Qt::black);
            p.drawText(bounds, Qt::TextWordWrap, text);
            p.setPen(QPen(Qt::black, 0.6));
            p.drawLine(QPointF(area.left(), bounds.bottom() + 5), QPointF(area.right(), bounds.bottom() + 5));
        }
        return bounds.height() + 5;
    }
    void tableHeader()
    {
        QPainter& p = m_pdf.painter();
        const QRectF area = m_pdf.area();
        p.setFont(fonts.font(8.5, true));
        p.setPen(Qt::black);
        const qreal baseline = m_y + Layout::Line - 4;
        p.drawText(
            QRectF(area.left(), m_y, 44, Layout::Line), Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("No."));
        p.drawText(QPointF(area.left() + 54, baseline), QStringLiteral("Name"));
        p.drawText(QPointF(area.left() + 54 + NameWidth + 12, baseline), QStringLiteral("Postcode area"));
        p.drawText(QPointF(area.left() + 54 + NameWidth + 12 + 110, baseline), QStringLiteral("Signed"));
        m_y += Layout::Line;
        p.setPen(QPen(Qt::black, 0.6));
        p.drawLine(QPointF(area.left(), m_y + 1), QPointF(area.right(), m_y + 1));
        m_y += 4;
    }
    void footer()
    {
        QPainter& p = m_pdf.painter();
        const QRectF area = m_pdf.area();
        p.setFont(fonts.font(8));
        p.setPen(Qt::black);
        const QRectF line(area.left(), area.bottom() - 11, area.width(), 11);
        p.drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
            m_onPage ? QStringLiteral("Names %1 to %2 on this page. Running total: %2 of %3.")
                           .arg(number(m_written - m_onPage + 1), number(m_written), number(m_total))
                     : QStringLiteral("Running total: %1 of %2.").arg(number(m_written), number(m_total)));
        p.drawText(line, Qt::AlignRight | Qt::AlignVCenter,
            QStringLiteral("Page %1 of %2").arg(number(m_pdf.page()), number(m_pages)));
    }
    void nextPage()
    {
        footer();
        m_pdf.newPage();
        m_onPage = 0;
        shortHeader(true);
        m_y = m_layout.tableTop;
        tableHeader();
    }

    PdfPages m_pdf;
    const QFont m_cellFont = fonts.font(9);
    const QFont m_nameFont = fonts.font(10);
    const QFontMetricsF m_nameMetrics { m_nameFont };
    const Campaign& m_campaign;
    qint64 m_total;
    Layout m_layout;
    qint64 m_pages = 1;
    qint64 m_written = 0;
    int m_onPage = 0;
    qreal m_y = 0;
    QString m_day;
};

} // namespace

HubHandIn::HubHandIn(const QString& folder)
    : m_pdf(QDir(folder).filePath(QStringLiteral("supporters.pdf")))
    , m_csv(QDir(folder).filePath(QStringLiteral("supporters.csv")))
    , m_json(QDir(folder).filePath(QStringLiteral("hand-in.json")))
{
}

VoidResult HubHandIn::open()
{
    for (HashedSaveFile* f : { &m_pdf, &m_csv, &m_json })
        if (const VoidResult opened = f->openForWriting(); !opened)
            return opened;
    return {};
}

QString HubHandIn::shortWording(const Campaign& campaign)
{
    const CampaignTexts texts = campaign.textsFor(campaign.languages.first());
    QTextDocument doc;
    doc.setMarkdown(texts.petitionText);
    const QString first = doc.firstBlock().text().trimmed();
    return QStringLiteral("%1: %2 (The full wording is on page 1.)").arg(texts.petitionTitle, first);
}

Result<HubHandIn::Outcome> HubHandIn::write(
    HubDatabase& db, const Campaign& campaign, std::shared_ptr<const Sealing::KeyPair> keys)
{
    if (campaign.handInConsentVersions.isEmpty())
        return refuse(QStringLiteral(
            "The campaign does not say which consent versions let you present names to the Government "
            "(campaign.json: \"consent\": {\"hand_in_versions\": [1]}), so no name can go in the hand-in list. "
            "Nothing was written."));
    if (const VoidResult ok = SignerDetails::needsKey(db, keys, QStringLiteral("hand-in")); !ok)
        return ok.failure();
    QByteArray consents;
    for (const int v : campaign.handInConsentVersions)
        consents += (consents.isEmpty() ? "" : ", ") + QByteArray::number(v);
    const QByteArray ours = "s.petition_id = " + sqlText(campaign.petitionId)
        + " AND s.petition_version = " + QByteArray::number(campaign.petitionVersion);
    const QByteArray covered = "s.consent_version IN (" + consents + ")";
    const QByteArray duplicate = "EXISTS (SELECT 1 FROM duplicates d WHERE d.id = s.id)";
    // Erased on request or purged: no name to list.
    const QByteArray gone = "s.removed <> ''";

    // The rows are read once, in order: without the hub's memory map of the SQLite file, the list's memory is its own
    // (a mapped gigabyte counts as resident once read).
    if (db.backend() == HubDatabase::Backend::SQLite)
        db.query().exec(QStringLiteral("PRAGMA mmap_size = 0"));
    Outcome outcome;
    qint64 total = 0;
    const VoidResult counted = native::stream(db,
        "SELECT CASE WHEN " + ours + " THEN 1 ELSE 0 END, CASE WHEN " + covered + " THEN 1 ELSE 0 END, CASE WHEN "
            + duplicate + " THEN 1 ELSE 0 END, CASE WHEN " + gone
            + " THEN 1 ELSE 0 END, count(*) FROM signatures s GROUP BY 1, 2, 3, 4",
        5, [&](const QByteArrayView* v) {
            const qint64 n = v[4].toLongLong();
            if (v[3] == "1")
                outcome.removed += n;
            else if (v[0] != "1")
                outcome.otherPetitions += n;
            else if (v[2] == "1")
                outcome.duplicatesLeftOut += n;
            else if (v[1] != "1")
                outcome.consentNotCovering += n;
            else
                total += n;
        });
    if (!counted)
        return counted.failure();
    if (total == 0)
        return refuse(QStringLiteral("No signatures to hand in: the hub has none for petition %1 version %2 with a "
                                     "consent version in hand_in_versions (%3 duplicates, %4 under another consent "
                                     "version, %5 for other petitions or versions). Nothing was written.")
                          .arg(campaign.petitionId)
                          .arg(campaign.petitionVersion)
                          .arg(outcome.duplicatesLeftOut)
                          .arg(outcome.consentNotCovering)
                          .arg(outcome.otherPetitions));

    ListWriter list(m_pdf, campaign, total);
    if (!list.start())
        return refuse(QStringLiteral("The petition's wording is too long to leave room for names on the hand-in "
                                     "list's pages. Nothing was written."));
    CsvWriter csv(&m_csv);
    if (!csv.writeBom()
        || !csv.writeRow({ QStringLiteral("number"), QStringLiteral("name"), QStringLiteral("postcode_area"),
            QStringLiteral("country"), QStringLiteral("signed_on") }))
        return refuse(QStringLiteral("Could not write supporters.csv. Nothing was written."));

    SignerDetails details(db, keys);
    QCollator collator(britishEnglish());
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    QSet<QString> batches;
    HubTotals::DaysByHour londonDays;
    std::vector<Entry> day;
    QDate current;
    qint64 written = 0;
    std::optional<Failure> problem;
    const auto flush = [&] {
        // Stable: the same name on the same day stays in the order signed.
        std::stable_sort(
            day.begin(), day.end(), [](const Entry& a, const Entry& b) { return a.key.compare(b.key) < 0; });
        list.setDay(current);
        const QString signedOn = current.toString(Qt::ISODate);
        for (const Entry& e : day) {
            list.add(e);
            if (!csv.writeRow({ QString::number(++written), e.name, e.area, e.country, signedOn }) && !problem)
                problem = refuse(QStringLiteral("Could not write supporters.csv (%1). Nothing was written.")
                                     .arg(m_csv.errorString()));
            if (!list.fonts.missing(e.name).isEmpty())
                ++outcome.unprintable;
        }
        day.clear();
    };
    const VoidResult read = native::stream(db,
        "SELECT s.signed_at, s.id, s.batch, s.postcode_area, s.country, s.full_name, " + SignerDetails::sealedColumn(db)
            + " FROM signatures s WHERE " + ours + " AND " + covered + " AND NOT " + gone + " AND NOT " + duplicate
            + " ORDER BY s.signed_at, s.id",
        7, [&](const QByteArrayView* v) {
            if (problem)
                return;
            const QDate signedOn = londonDays.dayOf(v[0].first(std::min<qsizetype>(13, v[0].size())).toByteArray());
            if (signedOn != current) {
                if (current.isValid())
                    flush();
                current = signedOn;
            }
            const QString id = QString::fromLatin1(v[1]);
            const std::optional<PersonalFields> opened = details.of(id, v[5], {}, {}, v[6]);
            if (!opened) {
                problem = SignerDetails::unopened(id);
                return;
            }
            const QString name = opened->fullName;
            batches.insert(QString::fromLatin1(v[2]));
            const QString country = QString::fromUtf8(native::textValue(db, v[4]));
            const QLocale::Territory territory = QLocale::codeToTerritory(country);
            Entry e { collator.sortKey(name), name, QString::fromUtf8(native::textValue(db, v[3])),
                territory == QLocale::AnyTerritory ? country : QLocale::territoryToString(territory) };
            day.push_back(std::move(e));
        });
    if (!read)
        return read.failure();
    if (problem)
        return *problem;
    if (current.isValid())
        flush();
    if (problem)
        return *problem;
    if (written != total)
        return refuse(QStringLiteral("The hub changed while the list was written (%1 names counted, %2 read); run "
                                     "hand-in again. Nothing was written.")
                          .arg(total)
                          .arg(written));
    outcome.names = written;
    outcome.pages = list.finish();
    outcome.batches = QStringList(batches.cbegin(), batches.cend());
    outcome.batches.sort();
    Result<QString> pdfSha = m_pdf.commit();
    if (!pdfSha)
        return pdfSha.failure();
    Result<QString> csvSha = m_csv.commit();
    if (!csvSha)
        return csvSha.failure();
    outcome.pdfSha256 = *pdfSha;
    outcome.csvSha256 = *csvSha;
    QJsonArray consentList, batchList;
    for (const int v : campaign.handInConsentVersions)
        consentList.append(v);
    for (const QString& b : std::as_const(outcome.batches))
        batchList.append(b);
    const QJsonObject json { { QStringLiteral("format"), QString::fromLatin1(Format) },
        { QStringLiteral("made_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate) },
        { QStringLiteral("made_by"), QStringLiteral("petition-hub ") + QCoreApplication::applicationVersion() },
        { QStringLiteral("petition_id"), campaign.petitionId },
        { QStringLiteral("petition_version"), campaign.petitionVersion },
        { QStringLiteral("consent_versions"), consentList },
        { QStringLiteral("counts"),
            QJsonObject { { QStringLiteral("names"), outcome.names }, { QStringLiteral("pages"), outcome.pages },
                { QStringLiteral("duplicates_left_out"), outcome.duplicatesLeftOut },
                { QStringLiteral("consent_not_covering"), outcome.consentNotCovering },
                { QStringLiteral("other_petitions"), outcome.otherPetitions },
                { QStringLiteral("erased_or_purged"), outcome.removed },
                { QStringLiteral("names_no_font_can_print"), outcome.unprintable } } },
        { QStringLiteral("files"),
            QJsonObject { { QStringLiteral("supporters.pdf"), outcome.pdfSha256 },
                { QStringLiteral("supporters.csv"), outcome.csvSha256 } } },
        { QStringLiteral("batches"), batchList } };
    m_json.write(QJsonDocument(json).toJson(QJsonDocument::Indented));
    Result<QString> jsonSha = m_json.commit();
    if (!jsonSha)
        return jsonSha.failure();
    outcome.jsonSha256 = *jsonSha;
    // Recorded, so that a later purge's receipt can name the lists made before it.
    if (const VoidResult audited = db.audit(QStringLiteral("hand-in"),
            QStringLiteral("%1 names; hand-in.json %2; supporters.pdf %3; supporters.csv %4")
                .arg(outcome.names)
                .arg(outcome.jsonSha256, outcome.pdfSha256, outcome.csvSha256));
        !audited)
        return audited.failure();
    return outcome;
}

} // namespace kiosk::hub
