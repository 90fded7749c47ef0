#pragma once

#include "core/kiosksettings.h"

#include <QWidget>

#include <memory>

namespace Ui {
class FirstRunPage;
}

namespace kiosk {

class AdminPin;
class KeyboardDock;

// The first-run set-up, usable by touch alone: organisation, stall name and place, the PIN twice, the idle
// timeout and the starting language. It says where the data is kept and how to reach the admin screen later.
// The kiosk opens only when it is complete.
class FirstRunPage final : public QWidget
{
    Q_OBJECT
public:
    FirstRunPage(KioskSettings& settings, AdminPin& pin, const QStringList& languages, const QString& dataDir,
        QWidget* parent = nullptr);
    ~FirstRunPage() override;

signals:
    void finished();

protected:
    void changeEvent(QEvent* event) override;

private:
    void finish();
    void showError(const QString& message, QWidget* field);
    void retranslate();

    std::unique_ptr<Ui::FirstRunPage> m_ui;
    KioskSettings& m_settings;
    AdminPin& m_pin;
    QString m_dataDir;
    KeyboardDock* m_dock = nullptr;
};

} // namespace kiosk
