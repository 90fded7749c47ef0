#pragma once

#include <QWidget>

#include <memory>

namespace Ui {
class ThankYouPage;
}

namespace kiosk {

// Thanks the signer by first name (or says they had already signed) and shows the new count.
class ThankYouPage final : public QWidget
{
    Q_OBJECT
public:
    explicit ThankYouPage(QWidget* parent = nullptr);
    ~ThankYouPage() override;

    void showThanks(const QString& firstName, bool alreadySigned, qint64 today, qint64 total);
    void clear();

    // The name to thank: the first word, or the whole name where there is no space (as in Chinese names).
    static QString firstNameOf(const QString& fullName, const QString& language);

signals:
    void doneRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();
    std::unique_ptr<Ui::ThankYouPage> m_ui;
    QString m_firstName;
    bool m_alreadySigned = false;
    qint64 m_today = 0;
    qint64 m_total = 0;
};

} // namespace kiosk
