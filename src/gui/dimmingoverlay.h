#pragma once

#include <QWidget>

namespace kiosk {

// A layer over the whole of its parent that dims what is beneath and holds a card in the middle (the PIN pad,
// "Still there?"). It follows the parent's size; it is a child widget, not a window, so nothing can open behind
// the kiosk and tests drive it like any widget.
class DimmingOverlay : public QWidget
{
    Q_OBJECT
public:
    // `card` is laid out centred; `dim` is the darkness, 0–255.
    DimmingOverlay(QWidget* parent, QWidget* card, int dim);

    void cover(); // fit the parent, show and raise
    QWidget* card() const { return m_card; }

protected:
    void paintEvent(QPaintEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* m_card;
    int m_dim;
};

} // namespace kiosk
