#pragma once

#include "core/kiosksettings.h"

#include <QWidget>

#include <memory>

namespace Ui {
class FirstRunPage;
}

namespace kiosk {

class AdminPin;
class SecretBytes;
class SignatureStore;
class KeyboardDock;

// The first-run set-up, usable by touch alone: the coordinator's key (coordinator.pub, found on a USB stick or in the
// campaign folder, with its fingerprint shown to read back to the coordinator), organisation, stall name and place,
// the PIN twice, the idle timeout and the starting language. It says where the data is kept and how to reach the
// admin screen later. The kiosk opens only when it is complete; a data folder set up with `init --unsealed` needs
// no key.
class FirstRunPage final : public QWidget
{
    Q_OBJECT
public:
    FirstRunPage(SignatureStore& store, KioskSettings& settings, AdminPin& pin, const QStringList& languages,
        const QString& dataDir, QWidget* parent = nullptr);

    // After finished(): the duplicate key the new PIN wraps, so that the stall opens at once.
    std::shared_ptr<const SecretBytes> key() const { return m_key; }
    // Looks for coordinator.pub in the campaign folder and at the top of each mounted drive.
    void lookForKey();
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
    SignatureStore& m_store;
    KioskSettings& m_settings;
    AdminPin& m_pin;
    QByteArray m_foundKey; // the public key found, when the folder is not enrolled yet
    QString m_foundPath;
    QString m_foundProblem;
    bool m_needsKey = false;
    std::shared_ptr<const SecretBytes> m_key;
    QString m_dataDir;
    KeyboardDock* m_dock = nullptr;
};

} // namespace kiosk
