#pragma once

#include <QList>
#include <QWidget>

namespace kiosk {

// Today's signatures per hour on the admin screen: one bar an hour from the first hour with a signature (or 9:00) to
// the last (or now), each labelled with its count, in the theme's own text and highlight colours so that it reads in
// both themes. With a day goal, a line says how far the stall has come.
class HourlyChart final : public QWidget
{
    Q_OBJECT
public:
    explicit HourlyChart(QWidget* parent = nullptr);
    void setCounts(const QList<qint64>& perHour, int currentHour);
    QList<qint64> counts() const { return m_counts; }
    // The hours drawn, first and last (inclusive).
    std::pair<int, int> hoursShown() const;
    QSize sizeHint() const override { return { 560, 180 }; }
    QSize minimumSizeHint() const override { return { 280, 140 }; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QList<qint64> m_counts = QList<qint64>(24, 0);
    int m_currentHour = 12;
};

} // namespace kiosk
