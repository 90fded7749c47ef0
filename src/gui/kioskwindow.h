#pragma once

#include <QWidget>

class QLabel;

namespace kiosk {

class SignatureStore;

// The kiosk's top-level window. For now it shows the campaign title and the live count; the signing flow
// lands on top of it.
class KioskWindow final : public QWidget
{
    Q_OBJECT
public:
    explicit KioskWindow(SignatureStore& store, QWidget* parent = nullptr);

    void refreshCount();

private:
    SignatureStore& m_store;
    QLabel* m_title = nullptr;
    QLabel* m_count = nullptr;
};

} // namespace kiosk
