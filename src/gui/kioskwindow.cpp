#include "kioskwindow.h"

#include "core/signaturestore.h"

#include <QLabel>
#include <QVBoxLayout>

namespace kiosk {

KioskWindow::KioskWindow(SignatureStore& store, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
{
    setObjectName(QStringLiteral("kioskWindow"));
    setWindowTitle(tr("Petition Kiosk"));
    auto* layout = new QVBoxLayout(this);
    m_title = new QLabel(tr("Stop the persecution of Falun Gong and forced organ harvesting"), this);
    m_title->setObjectName(QStringLiteral("titleLabel"));
    m_title->setWordWrap(true);
    m_title->setAlignment(Qt::AlignCenter);
    QFont big = m_title->font();
    big.setPixelSize(40);
    big.setBold(true);
    m_title->setFont(big);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("countLabel"));
    m_count->setAlignment(Qt::AlignCenter);
    QFont body = m_count->font();
    body.setPixelSize(24);
    m_count->setFont(body);
    layout->addStretch();
    layout->addWidget(m_title);
    layout->addWidget(m_count);
    layout->addStretch();
    refreshCount();
}

void KioskWindow::refreshCount()
{
    SignatureCounts counts;
    if (m_store.counts(counts))
        m_count->setText(tr("%1 people signed here today · %2 in total").arg(counts.today).arg(counts.total));
    else
        m_count->setText(m_store.errorString());
}

} // namespace kiosk
