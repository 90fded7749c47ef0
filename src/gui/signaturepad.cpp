#include "signaturepad.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTabletEvent>
#include <QTouchEvent>

namespace kiosk {

SignaturePad::SignaturePad(QWidget* parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_AcceptTouchEvents);
    setAttribute(Qt::WA_StaticContents);
    setFocusPolicy(Qt::NoFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setAccessibleName(tr("Signature pad"));
    setAccessibleDescription(tr("Draw your signature with your finger. Optional."));
}

int SignaturePad::heightForWidth(int width) const
{
    return qBound(120, int(width * CanvasHeight / CanvasWidth), 320);
}

QTransform SignaturePad::canvasToWidget() const
{
    const qreal scale = qMin(width() / CanvasWidth, height() / CanvasHeight);
    const qreal dx = (width() - CanvasWidth * scale) / 2;
    const qreal dy = (height() - CanvasHeight * scale) / 2;
    return QTransform::fromTranslate(dx, dy).scale(scale, scale);
}

QPointF SignaturePad::toCanvas(const QPointF& p) const
{
    const QPointF c = canvasToWidget().inverted().map(p);
    return { qBound(0.0, c.x(), CanvasWidth), qBound(0.0, c.y(), CanvasHeight) };
}

QList<QPolygonF> SignaturePad::strokes() const
{
    QList<QPolygonF> out;
    for (const ink::Stroke& stroke : m_strokes) {
        QPolygonF points;
        for (const ink::Point& p : stroke)
            points << p.at;
        out << points;
    }
    return out;
}

void SignaturePad::begin(const QPointF& p)
{
    if (!m_clock.isValid())
        m_clock.start();
    m_drawing = true;
    m_strokes.append(ink::Stroke { { toCanvas(p), m_clock.elapsed() } });
    update();
}

void SignaturePad::extend(const QPointF& p)
{
    if (!m_drawing || m_strokes.isEmpty())
        return;
    const QPointF c = toCanvas(p);
    if (QLineF(m_strokes.last().last().at, c).length() < ink::MinimumStep)
        return;
    m_strokes.last().append({ c, m_clock.elapsed() });
    update();
}

void SignaturePad::finish()
{
    if (!m_drawing)
        return;
    m_drawing = false;
    emit changed();
}

void SignaturePad::clear()
{
    m_strokes.clear();
    m_drawing = false;
    update();
    emit changed();
}

bool SignaturePad::event(QEvent* event)
{
    switch (event->type()) {
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TouchEnd: {
        auto* touch = static_cast<QTouchEvent*>(event);
        if (touch->points().isEmpty())
            return true;
        const QEventPoint& point = touch->points().first();
        if (event->type() == QEvent::TouchBegin)
            begin(point.position());
        else
            extend(point.position());
        if (event->type() == QEvent::TouchEnd)
            finish();
        event->accept();
        return true;
    }
    case QEvent::TouchCancel:
        finish();
        return true;
    default:
        return QWidget::event(event);
    }
}

void SignaturePad::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        begin(event->position());
}

void SignaturePad::mouseMoveEvent(QMouseEvent* event)
{
    extend(event->position());
}

void SignaturePad::mouseReleaseEvent(QMouseEvent* event)
{
    extend(event->position());
    finish();
}

void SignaturePad::tabletEvent(QTabletEvent* event)
{
    switch (event->type()) {
    case QEvent::TabletPress:
        begin(event->position());
        break;
    case QEvent::TabletMove:
        extend(event->position());
        break;
    case QEvent::TabletRelease:
        extend(event->position());
        finish();
        break;
    default:
        break;
    }
    event->accept();
}

void SignaturePad::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QTransform t = canvasToWidget();
    const QRectF canvas = t.mapRect(QRectF(0, 0, CanvasWidth, CanvasHeight));
    painter.fillRect(rect(), palette().color(QPalette::Base));
    painter.setPen(QPen(palette().color(QPalette::Dark), 2));
    painter.drawRoundedRect(QRectF(rect()).adjusted(1, 1, -1, -1), 8, 8);
    painter.setPen(QPen(palette().color(QPalette::Mid), 2, Qt::DashLine));
    const qreal baseline = canvas.top() + canvas.height() * 0.75;
    painter.drawLine(QPointF(canvas.left() + 24, baseline), QPointF(canvas.right() - 24, baseline));
    if (m_strokes.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(
            canvas.adjusted(0, 0, 0, -canvas.height() * 0.3), Qt::AlignCenter, tr("Sign here with your finger"));
        return;
    }
    // The curves as toSvg() writes them, each as wide as the pen was slow.
    painter.setBrush(Qt::NoBrush);
    for (const ink::Stroke& stroke : m_strokes)
        for (const ink::Segment& segment : ink::segments(stroke)) {
            painter.setPen(QPen(palette().color(QPalette::Text), qMax(1.5, segment.width * t.m11()), Qt::SolidLine,
                Qt::RoundCap, Qt::RoundJoin));
            painter.drawPath(t.map(segment.path));
        }
}

QByteArray SignaturePad::toSvg() const
{
    return ink::toSvg(m_strokes);
}

PageDots::PageDots(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void PageDots::setCount(int count)
{
    m_count = count;
    m_current = qBound(0, m_current, qMax(0, count - 1));
    updateGeometry();
    updateAccessibleName();
    update();
}

void PageDots::setCurrent(int index)
{
    m_current = qBound(0, index, qMax(0, m_count - 1));
    updateAccessibleName();
    update();
}

void PageDots::updateAccessibleName()
{
    setAccessibleName(tr("Page %1 of %2").arg(m_current + 1).arg(m_count));
}

QSize PageDots::sizeHint() const
{
    return { qMax(1, m_count) * 32, 32 };
}

QSize PageDots::minimumSizeHint() const
{
    return { qMax(1, m_count) * 20, 32 };
}

void PageDots::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    // Closer together when the row is narrow (800 px portrait), never cut: the current dot is 18 px across.
    const qreal step = m_count > 0 ? qBound(20.0, qreal(width()) / m_count, 32.0) : 32;
    const qreal left = (width() - m_count * step) / 2 + step / 2;
    for (int i = 0; i < m_count; ++i) {
        const bool current = i == m_current;
        painter.setPen(Qt::NoPen);
        painter.setBrush(current ? palette().color(QPalette::Highlight) : palette().color(QPalette::Mid));
        painter.drawEllipse(QPointF(left + i * step, height() / 2.0), current ? 9.0 : 6.0, current ? 9.0 : 6.0);
    }
}

} // namespace kiosk
