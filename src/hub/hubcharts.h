#pragma once

#include "hubprint.h"

#include <QList>
#include <QPainter>
#include <QRectF>
#include <QString>

#include <utility>

namespace kiosk::hub::charts {

// Charts for the printed report, drawn with QPainter so that they read in black and white: every series has its own
// hatching over a pale tint, every segment a black outline, and the bars carry their numbers.

struct Series
{
    QString name;
    QList<qint64> values; // one per column
};

// Columns (days or weeks) stacked by series, a legend with each series' pattern and total above, the column totals on
// top where there is room, and the axis numbered with thousands separators.
void stackedColumns(
    QPainter& p, const QRectF& area, const PrintFonts& fonts, const QStringList& columns, const QList<Series>& series);

// One horizontal bar per name, labelled with the count and its share of `total`. Draws rows from `first` while they
// fit, and gives the index of the first one that did not (counts.size() when all did).
qsizetype horizontalBars(QPainter& p, const QRectF& area, const PrintFonts& fonts,
    const QList<std::pair<QString, qint64>>& counts, qint64 total, qsizetype first = 0);

// The brush of the n-th series (its pattern and tint), for the legends and for tests.
QBrush seriesBrush(int n);
QColor seriesTint(int n);

// 12,345: counts as a coordinator in the UK reads them.
QString number(qint64 n);

} // namespace kiosk::hub::charts
