#include "signatureink.h"

#include <QLineF>

#include <algorithm>
#include <cmath>

namespace kiosk::ink {

namespace {

// Canvas units per millisecond at which the pen is at its thinnest; touch samples come at most every 8 ms.
constexpr qreal FastSpeed = 2.5;
constexpr qint64 SampleMs = 8;

QPointF mid(const QPointF& a, const QPointF& b)
{
    return (a + b) / 2;
}

qreal widthAt(const Stroke& s, int i)
{
    // The speed over the two segments around the point, smoothed, as a width: slow and wide, fast and thin.
    const int a = std::max(0, i - 1), b = std::min(int(s.size()) - 1, i + 1);
    const qreal distance = QLineF(s[a].at, s[i].at).length() + QLineF(s[i].at, s[b].at).length();
    const qint64 ms = std::max<qint64>(SampleMs * (b - a), s[b].ms - s[a].ms);
    const qreal speed = distance / qreal(ms);
    const qreal t = std::clamp(speed / FastSpeed, 0.0, 1.0);
    // Half-unit steps: neighbouring curves of one width share one SVG path.
    return std::round((MaxWidth - (MaxWidth - MinWidth) * t) * 2) / 2;
}

void appendNumber(QByteArray& out, qreal v)
{
    const qreal rounded = std::round(v * 10) / 10;
    out += QByteArray::number(rounded, 'f', rounded == std::round(rounded) ? 0 : 1);
}

void appendPoint(QByteArray& out, const QPointF& p)
{
    appendNumber(out, p.x());
    out += ' ';
    appendNumber(out, p.y());
}

qreal distanceToLine(const QPointF& p, const QPointF& a, const QPointF& b)
{
    const QPointF d = b - a;
    const qreal length = std::hypot(d.x(), d.y());
    if (length == 0)
        return QLineF(p, a).length();
    return std::abs(d.x() * (a.y() - p.y()) - (a.x() - p.x()) * d.y()) / length;
}

void douglasPeucker(const Stroke& s, int first, int last, qreal tolerance, QList<bool>& keep)
{
    if (last <= first + 1)
        return;
    qreal worst = -1;
    int at = first;
    for (int i = first + 1; i < last; ++i) {
        const qreal d = distanceToLine(s[i].at, s[first].at, s[last].at);
        if (d > worst) {
            worst = d;
            at = i;
        }
    }
    if (worst > tolerance) {
        keep[at] = true;
        douglasPeucker(s, first, at, tolerance, keep);
        douglasPeucker(s, at, last, tolerance, keep);
    }
}

QByteArray svgOf(const QList<Stroke>& strokes)
{
    QByteArray body;
    for (const Stroke& stroke : strokes) {
        // Consecutive curves of one width go in one path.
        qreal width = -1;
        QByteArray d;
        const auto flush = [&] {
            if (d.isEmpty())
                return;
            body += "<path d=\"" + d + "\" stroke-width=\"";
            appendNumber(body, width);
            body += "\"/>";
            d.clear();
        };
        if (stroke.size() == 1) {
            width = MaxWidth;
            d = "M";
            appendPoint(d, stroke.first().at);
            d += "l0.1 0";
            flush();
            continue;
        }
        const int n = int(stroke.size());
        for (int i = 0; i < n - 1; ++i) {
            const qreal w = widthAt(stroke, std::max(1, i));
            if (w != width) {
                flush();
                width = w;
            }
            if (d.isEmpty()) {
                d += 'M';
                appendPoint(d, i == 0 ? stroke[0].at : mid(stroke[i - 1].at, stroke[i].at));
            }
            if (i == 0) {
                d += 'L';
                appendPoint(d, mid(stroke[0].at, stroke[1].at));
            } else {
                d += 'Q';
                appendPoint(d, stroke[i].at);
                d += ' ';
                appendPoint(d, mid(stroke[i].at, stroke[i + 1].at));
            }
            if (i == n - 2) {
                d += 'L';
                appendPoint(d, stroke[n - 1].at);
            }
        }
        flush();
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 350\" width=\"1000\" height=\"350\">"
           "<g fill=\"none\" stroke=\"#000\" stroke-linecap=\"round\" stroke-linejoin=\"round\">"
        + body + "</g></svg>\n";
}

} // namespace

QList<Segment> segments(const Stroke& stroke)
{
    QList<Segment> out;
    const int n = int(stroke.size());
    if (n == 0)
        return out;
    if (n == 1) {
        QPainterPath dot(stroke.first().at);
        dot.lineTo(stroke.first().at + QPointF(0.1, 0));
        out.append({ dot, MaxWidth });
        return out;
    }
    for (int i = 0; i < n - 1; ++i) {
        QPainterPath p;
        if (i == 0) {
            p.moveTo(stroke[0].at);
            p.lineTo(mid(stroke[0].at, stroke[1].at));
        } else {
            p.moveTo(mid(stroke[i - 1].at, stroke[i].at));
            p.quadTo(stroke[i].at, mid(stroke[i].at, stroke[i + 1].at));
        }
        if (i == n - 2)
            p.lineTo(stroke[n - 1].at);
        out.append({ p, widthAt(stroke, std::max(1, i)) });
    }
    return out;
}

Stroke simplified(const Stroke& stroke, qreal tolerance)
{
    if (stroke.size() < 3)
        return stroke;
    QList<bool> keep(stroke.size(), false);
    keep.first() = keep.last() = true;
    douglasPeucker(stroke, 0, int(stroke.size()) - 1, tolerance, keep);
    Stroke out;
    for (int i = 0; i < stroke.size(); ++i)
        if (keep[i])
            out.append(stroke[i]);
    return out;
}

QByteArray toSvg(const QList<Stroke>& strokes)
{
    if (strokes.isEmpty())
        return {};
    QByteArray svg = svgOf(strokes);
    QList<Stroke> fewer = strokes;
    for (qreal tolerance = 0.5; svg.size() > MaxSvgBytes && tolerance <= 64; tolerance *= 2) {
        fewer.clear();
        for (const Stroke& s : strokes)
            fewer.append(simplified(s, tolerance));
        svg = svgOf(fewer);
    }
    // Thousands of dots cannot be simplified: the last strokes are left out until the rest fit.
    while (svg.size() > MaxSvgBytes && fewer.size() > 1) {
        fewer.resize(fewer.size() / 2);
        svg = svgOf(fewer);
    }
    return svg;
}

} // namespace kiosk::ink
