// The startup baseline: the least a Qt Widgets kiosk can do. Shows one label full screen and quits once it has
// been painted.

#include <QApplication>
#include <QLabel>
#include <QTimer>

namespace {
class FirstPaint final : public QObject
{
public:
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        return false;
    }
};
} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QLabel label(QStringLiteral("Minimal window"));
    FirstPaint watch;
    label.installEventFilter(&watch);
    label.showFullScreen();
    return app.exec();
}
