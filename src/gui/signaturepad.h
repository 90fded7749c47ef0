#pragma once

#include "signatureink.h"

#include <QElapsedTimer>
#include <QList>
#include <QPolygonF>
#include <QWidget>

namespace kiosk {

// A handwritten-signature pad for touch, mouse and pen. Strokes are kept in a fixed canvas (1000 x 350) and
// drawn scaled to fit, so they survive resizes and rotation; toSvg() gives them in the same coordinates, smoothed
// into curves with a width that follows the pen's speed (signatureink.h), at most 32 KB.
class SignaturePad final : public QWidget
{
    Q_OBJECT
public:
    static constexpr qreal CanvasWidth = 1000;
    static constexpr qreal CanvasHeight = 350;

    explicit SignaturePad(QWidget* parent = nullptr);

    bool isEmpty() const { return m_strokes.isEmpty(); }
    QList<QPolygonF> strokes() const; // the touch points kept, in canvas units
    QByteArray toSvg() const; // empty when nothing is drawn
    void clear();

    QSize sizeHint() const override { return { 700, 245 }; }
    QSize minimumSizeHint() const override { return { 280, 120 }; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

signals:
    void changed();

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void tabletEvent(QTabletEvent* event) override;

private:
    QTransform canvasToWidget() const;
    QPointF toCanvas(const QPointF& widgetPoint) const;
    void begin(const QPointF& widgetPoint);
    void extend(const QPointF& widgetPoint);
    void finish();

    QList<ink::Stroke> m_strokes;
    bool m_drawing = false;
    QElapsedTimer m_clock;
};

// Page dots under the information pages: which page of how many.
class PageDots final : public QWidget
{
    Q_OBJECT
public:
    explicit PageDots(QWidget* parent = nullptr);
    void setCount(int count);
    void setCurrent(int index);
    int count() const { return m_count; }
    int current() const { return m_current; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void updateAccessibleName();
    int m_count = 0;
    int m_current = 0;
};

} // namespace kiosk
