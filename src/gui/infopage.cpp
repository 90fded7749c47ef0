#include "infopage.h"

#include "ui_infopage.h"

#include <QMouseEvent>
#include <QScrollBar>
#include <QScrollPrepareEvent>
#include <QScroller>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextFrame>

namespace kiosk {

namespace {

// Keeps lines to a readable length on wide screens by centring the text in at most MaxWidth pixels.
class ReadingWidth final : public QObject
{
public:
    static constexpr int MaxWidth = 1000;
    using QObject::QObject;
    static void apply(QTextBrowser* browser)
    {
        const int spare = browser->viewport()->width() - MaxWidth;
        const qreal side = qMax(24, spare / 2);
        QTextFrame* root = browser->document()->rootFrame();
        QTextFrameFormat format = root->frameFormat();
        if (!qFuzzyCompare(format.leftMargin(), side)) {
            format.setLeftMargin(side);
            format.setRightMargin(side);
            root->setFrameFormat(format);
        }
    }
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Resize)
            apply(static_cast<QTextBrowser*>(watched));
        return false;
    }
};

} // namespace

void prepareReadingView(QTextBrowser* browser)
{
    browser->installEventFilter(new ReadingWidth(browser));
    browser->document()->setDocumentMargin(24);
    browser->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    browser->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    browser->setTextInteractionFlags(Qt::NoTextInteraction);
    browser->setOpenLinks(false); // a campaign's link never opens a file or a page
    browser->viewport()->setCursor(Qt::ArrowCursor);
    // A finger (or a mouse drag) flicks the text.
    QScroller::grabGesture(browser->viewport(), QScroller::LeftMouseButtonGesture);
    QScrollerProperties props = QScroller::scroller(browser->viewport())->scrollerProperties();
    // Presses go straight through (no delayed replay), so that page swipes see every press and release.
    props.setScrollMetric(QScrollerProperties::MousePressEventDelay, 0);
    props.setScrollMetric(QScrollerProperties::HorizontalOvershootPolicy, QScrollerProperties::OvershootAlwaysOff);
    props.setScrollMetric(QScrollerProperties::VerticalOvershootPolicy, QScrollerProperties::OvershootWhenScrollable);
    QScroller::scroller(browser->viewport())->setScrollerProperties(props);
}

void setReadingMarkdown(QTextBrowser* browser, const QString& markdown)
{
    browser->setMarkdown(markdown);
    QTextCursor cursor(browser->document());
    cursor.select(QTextCursor::Document);
    QTextBlockFormat spacing;
    spacing.setLineHeight(125, QTextBlockFormat::ProportionalHeight);
    spacing.setBottomMargin(14);
    cursor.mergeBlockFormat(spacing);
    ReadingWidth::apply(browser);
}

InfoPage::InfoPage(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::InfoPage>())
{
    m_ui->setupUi(this);
    prepareReadingView(m_ui->pageText);
    // Installed after QScroller's own filter, so this one sees presses and releases first, to detect swipes.
    m_ui->pageText->viewport()->installEventFilter(this);
    connect(m_ui->nextButton, &QPushButton::clicked, this, &InfoPage::next);
    connect(m_ui->backButton, &QPushButton::clicked, this, &InfoPage::back);
    connect(m_ui->signButton, &QPushButton::clicked, this, &InfoPage::signRequested);
    connect(m_ui->homeButton, &QPushButton::clicked, this, &InfoPage::homeRequested);
}

InfoPage::~InfoPage()
{
    // Releases what grabGesture() registered (otherwise left until exit).
    QScroller::ungrabGesture(m_ui->pageText->viewport());
}

LanguageBar* InfoPage::languageBar() const
{
    return m_ui->languageBar;
}

void InfoPage::setPages(const QList<CampaignPage>& pages)
{
    m_pages = pages;
    m_ui->pageDots->setCount(int(pages.size()));
    showPage(qBound(0, m_current, qMax(0, int(pages.size()) - 1)));
}

void InfoPage::showPage(int index)
{
    if (m_pages.isEmpty())
        return;
    m_current = qBound(0, index, int(m_pages.size()) - 1);
    setReadingMarkdown(m_ui->pageText, m_pages.at(m_current).markdown);
    m_ui->pageText->verticalScrollBar()->setValue(0);
    m_ui->pageDots->setCurrent(m_current);
    m_ui->backButton->setEnabled(true); // on the first page, Back returns to the start screen
}

void InfoPage::reset()
{
    QScroller::scroller(m_ui->pageText->viewport())->stop();
    m_current = 0;
    showPage(0);
}

void InfoPage::next()
{
    if (m_current + 1 >= m_pages.size())
        emit pastLastPage();
    else
        showPage(m_current + 1);
}

void InfoPage::back()
{
    if (m_current == 0)
        emit homeRequested();
    else
        showPage(m_current - 1);
}

bool InfoPage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_ui->pageText->viewport()) {
        // QScroller's gesture recogniser swallows the press and sends ScrollPrepare with its position instead.
        if (event->type() == QEvent::ScrollPrepare) {
            m_pressAt = static_cast<QScrollPrepareEvent*>(event)->startPos();
            m_pressed = true;
        } else if (event->type() == QEvent::MouseButtonPress) {
            m_pressAt = static_cast<QMouseEvent*>(event)->position();
            m_pressed = true;
        } else if (event->type() == QEvent::MouseButtonRelease && m_pressed) {
            m_pressed = false;
            const QPointF delta = static_cast<QMouseEvent*>(event)->position() - m_pressAt;
            // A mostly sideways stroke of at least 15 % of the width turns the page.
            if (qAbs(delta.x()) > qMax(80.0, width() * 0.15) && qAbs(delta.x()) > 2 * qAbs(delta.y())) {
                if (delta.x() < 0)
                    next();
                else if (m_current > 0)
                    back();
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void InfoPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        m_ui->retranslateUi(this);
    QWidget::changeEvent(event);
}

} // namespace kiosk
