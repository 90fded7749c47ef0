#include "hubcharts.h"

#include "hubtotals.h"

#include <QtMath>

#include <algorithm>
#include <cmath>

namespace kiosk::hub::charts {

namespace {

constexpr Qt::BrushStyle Patterns[] = { Qt::SolidPattern, Qt::BDiagPattern, Qt::NoBrush, Qt::CrossPattern,
    Qt::Dense5Pattern, Qt::FDiagPattern, Qt::HorPattern, Qt::DiagCrossPattern };
constexpr int PatternCount = int(sizeof Patterns / sizeof Patterns[0]);

// A round step for an axis that reaches `top` in about `ticks` steps: 1, 2 or 5 times a power of ten.
qint64 niceStep(qint64 top, int ticks)
{
    const double raw = std::max(1.0, double(top) / ticks);
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : { 1.0, 2.0, 5.0, 10.0 })
        if (m * power >= raw)
            return std::max<qint64>(1, qint64(m * power));
    return qint64(10 * power);
}

void fillSegment(QPainter& p, const QRectF& r, int n)
{
    p.fillRect(r, seriesTint(n));
    if (Patterns[n % PatternCount] != Qt::NoBrush)
        p.fillRect(r, seriesBrush(n));
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(Qt::black, 0.6));
    p.drawRect(r);
}

} // namespace

QString number(qint64 n)
{
    return britishEnglish().toString(n);
}

QColor seriesTint(int n)
{
    // Pale, so that the black hatching shows over them, and still told apart on a colour printer.
    static const QColor tints[]
        = { QColor(0x33, 0x33, 0x33), QColor(0xc6, 0xdb, 0xef), QColor(0xff, 0xff, 0xff), QColor(0xfd, 0xd0, 0xa2),
              QColor(0xc7, 0xe9, 0xc0), QColor(0xda, 0xda, 0xeb), QColor(0xfc, 0xbb, 0xa1), QColor(0xd9, 0xd9, 0xd9) };
    return tints[n % PatternCount];
}

QBrush seriesBrush(int n)
{
    const Qt::BrushStyle style = Patterns[n % PatternCount];
    return QBrush(style == Qt::SolidPattern ? seriesTint(n) : QColor(Qt::black), style);
}

void stackedColumns(
    QPainter& p, const QRectF& area, const PrintFonts& fonts, const QStringList& columns, const QList<Series>& series)
{
    p.save();
    // The legend: a swatch, the name and its total, as many to a line as fit.
    p.setFont(fonts.font(8));
    const QFontMetricsF small(p.font());
    qreal x = area.left(), y = area.top();
    for (int s = 0; s < series.size(); ++s) {
        qint64 sum = 0;
        for (const qint64 v : series[s].values)
            sum += v;
        const QString label = small.elidedText(series[s].name, Qt::ElideRight, 150) + QStringLiteral(" (") + number(sum)
            + QLatin1Char(')');
        const qreal width = 16 + small.horizontalAdvance(label) + 14;
        if (x + width > area.right() && x > area.left()) {
            x = area.left();
            y += small.height() + 5;
        }
        fillSegment(p, QRectF(x, y + 1, 11, small.height() - 2), s);
        p.setPen(Qt::black);
        p.drawText(QPointF(x + 16, y + small.ascent()), label);
        x += width;
    }
    const QRectF plot(area.left() + 44, y + small.height() + 14, area.width() - 44,
        area.bottom() - (y + small.height() + 14) - small.height() - 8);

    QList<qint64> totals(columns.size(), 0);
    for (const Series& s : series)
        for (qsizetype c = 0; c < columns.size() && c < s.values.size(); ++c)
            totals[c] += s.values[c];
    const qint64 top = std::max<qint64>(1, *std::max_element(totals.cbegin(), totals.cend()));
    const qint64 step = niceStep(top, 5);
    const qint64 axisTop = ((top + step - 1) / step) * step;
    const auto yOf = [&](qint64 v) { return plot.bottom() - plot.height() * double(v) / double(axisTop); };

    // The axis: light dashed lines at each step, numbered.
    for (qint64 v = 0; v <= axisTop; v += step) {
        p.setPen(QPen(QColor(0x99, 0x99, 0x99), 0.4, v == 0 ? Qt::SolidLine : Qt::DashLine));
        p.drawLine(QPointF(plot.left(), yOf(v)), QPointF(plot.right(), yOf(v)));
        p.setPen(Qt::black);
        p.drawText(QRectF(area.left(), yOf(v) - small.height() / 2, 40, small.height()),
            Qt::AlignRight | Qt::AlignVCenter, number(v));
    }
    const qreal slot = plot.width() / std::max<qsizetype>(1, columns.size());
    const qreal barWidth = std::max(1.0, slot * 0.72);
    const qsizetype labelEvery = std::max<qsizetype>(1, qsizetype(std::ceil(60.0 / slot)));
    for (qsizetype c = 0; c < columns.size(); ++c) {
        const qreal left = plot.left() + c * slot + (slot - barWidth) / 2;
        qint64 below = 0;
        for (int s = 0; s < series.size(); ++s) {
            const qint64 v = c < series[s].values.size() ? series[s].values[c] : 0;
            if (v <= 0)
                continue;
            fillSegment(p, QRectF(QPointF(left, yOf(below + v)), QPointF(left + barWidth, yOf(below))), s);
            below += v;
        }
        p.setPen(Qt::black);
        // Direct labels: the column's total on top where there is room for it.
        const QString total = number(totals[c]);
        if (totals[c] > 0 && small.horizontalAdvance(total) <= slot + 1)
            p.drawText(QRectF(left - slot, yOf(totals[c]) - small.height() - 1, barWidth + 2 * slot, small.height()),
                Qt::AlignHCenter | Qt::AlignBottom, total);
        if (c % labelEvery == 0)
            p.drawText(
                QRectF(left + barWidth / 2 - 40, plot.bottom() + 3, 80, small.height()), Qt::AlignHCenter, columns[c]);
    }
    p.restore();
}

qsizetype horizontalBars(QPainter& p, const QRectF& area, const PrintFonts& fonts,
    const QList<std::pair<QString, qint64>>& counts, qint64 total, qsizetype first)
{
    p.save();
    p.setFont(fonts.font(8.5));
    const QFontMetricsF fm(p.font());
    const qreal row = fm.height() + 4;
    const qreal nameWidth = 130, valueWidth = 92;
    qint64 top = 1;
    for (const auto& [name, count] : counts)
        top = std::max(top, count);
    const qreal barSpace = area.width() - nameWidth - valueWidth - 8;
    qsizetype i = first;
    for (qreal y = area.top(); i < counts.size() && y + row <= area.bottom(); ++i, y += row) {
        const auto& [name, count] = counts[i];
        p.setPen(Qt::black);
        p.drawText(QRectF(area.left(), y, nameWidth - 6, row), Qt::AlignRight | Qt::AlignVCenter,
            fm.elidedText(name, Qt::ElideMiddle, nameWidth - 6));
        const QRectF bar(
            area.left() + nameWidth, y + 2, std::max(0.5, barSpace * double(count) / double(top)), row - 4);
        p.fillRect(bar, QColor(0xd9, 0xd9, 0xd9));
        p.fillRect(bar, QBrush(Qt::black, Qt::Dense6Pattern));
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(Qt::black, 0.6));
        p.drawRect(bar);
        p.drawText(QRectF(bar.right() + 5, y, valueWidth, row), Qt::AlignLeft | Qt::AlignVCenter,
            QStringLiteral("%1 (%2%)")
                .arg(number(count))
                .arg(total ? 100.0 * double(count) / double(total) : 0.0, 0, 'f', 1));
    }
    p.restore();
    return i;
}

} // namespace kiosk::hub::charts
