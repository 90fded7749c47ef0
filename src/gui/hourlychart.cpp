#include "hourlychart.h"

#include <QPainter>

#include <algorithm>

namespace kiosk {

HourlyChart::HourlyChart(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAccessibleName(tr("Signatures per hour today"));
}

void HourlyChart::setCounts(const QList<qint64>& perHour, int currentHour)
{
    m_counts = perHour;
    m_counts.resize(24);
    m_currentHour = std::clamp(currentHour, 0, 23);
    QStringList said;
    const auto [first, last] = hoursShown();
    for (int h = first; h <= last; ++h)
        if (m_counts[h] > 0)
            said << tr("%1:00, %2").arg(h).arg(m_counts[h]);
    setAccessibleDescription(said.isEmpty() ? tr("No signatures yet today") : said.join(QStringLiteral("; ")));
    update();
}

std::pair<int, int> HourlyChart::hoursShown() const
{
    int first = std::min(9, m_currentHour), last = std::max(first, m_currentHour);
    for (int h = 0; h < 24; ++h)
        if (m_counts[h] > 0) {
            first = std::min(first, h);
            last = std::max(last, h);
        }
    return { first, last };
}

void HourlyChart::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor ink = palette().color(QPalette::WindowText);
    const QColor bar = palette().color(QPalette::Highlight);
    const auto [first, last] = hoursShown();
    const int columns = last - first + 1;
    const QFontMetrics fm(font());
    const QRectF plot(4, fm.height() + 4, width() - 8, height() - 2 * fm.height() - 12);
    const qint64 top = std::max<qint64>(1, *std::max_element(m_counts.cbegin() + first, m_counts.cbegin() + last + 1));
    const qreal slot = plot.width() / columns;
    p.setPen(QPen(ink, 1));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    for (int i = 0; i < columns; ++i) {
        const int hour = first + i;
        const qint64 n = m_counts[hour];
        const qreal h = plot.height() * double(n) / double(top);
        const QRectF r(plot.left() + i * slot + slot * 0.15, plot.bottom() - h, slot * 0.7, h);
        if (n > 0) {
            p.fillRect(r, bar);
            p.setPen(ink);
            p.drawText(QRectF(r.left() - slot, r.top() - fm.height() - 2, r.width() + 2 * slot, fm.height()),
                Qt::AlignHCenter | Qt::AlignBottom, QString::number(n));
        }
        // Every hour named when there is room, else every second or third.
        const int every = slot >= fm.horizontalAdvance(QStringLiteral("00:00")) + 6 ? 1 : (slot * 2 >= 40 ? 2 : 3);
        if (i % every == 0) {
            p.setPen(ink);
            p.drawText(QRectF(plot.left() + i * slot - slot, plot.bottom() + 4, 3 * slot, fm.height()),
                Qt::AlignHCenter | Qt::AlignTop, QStringLiteral("%1:00").arg(hour));
        }
    }
}

} // namespace kiosk
