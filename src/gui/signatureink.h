#pragma once

#include <QByteArray>
#include <QList>
#include <QPainterPath>
#include <QPointF>

namespace kiosk::ink {

// A drawn signature as a signature pad on a phone draws it: each stroke a chain of quadratic curves through the
// midpoints of its touch points (so a fast signature is not jagged), each curve as wide as the pen was slow there.
// The same geometry is painted on screen and written as SVG, in the pad's 1000 × 350 canvas.

struct Point
{
    QPointF at; // canvas units
    qint64 ms = 0; // when it was touched
};
using Stroke = QList<Point>;

// Points closer than this to the last one kept are dropped.
constexpr qreal MinimumStep = 1.0;
// The pen's width in canvas units: MaxWidth when slow, MinWidth when fast.
constexpr qreal MinWidth = 2.5;
constexpr qreal MaxWidth = 6.0;
// The largest SVG written; a drawing that would exceed it is simplified until it fits, never refused.
constexpr qsizetype MaxSvgBytes = 32 * 1024;

struct Segment
{
    QPainterPath path;
    qreal width = MaxWidth;
};

// The curves of one stroke, with their widths; a stroke of one point is a dot.
QList<Segment> segments(const Stroke& stroke);

// The whole drawing as SVG (empty for no strokes), at most MaxSvgBytes: points are dropped by Douglas–Peucker with a
// growing tolerance until it fits.
QByteArray toSvg(const QList<Stroke>& strokes);

// A stroke with the points that lie within `tolerance` of the line between their neighbours left out.
Stroke simplified(const Stroke& stroke, qreal tolerance);

} // namespace kiosk::ink
