#pragma once

#include <QMap>
#include <QPointer>
#include <QWidget>

class QGridLayout;
class QPushButton;
class QTimer;
class QVBoxLayout;

namespace kiosk {

// The kiosk's docked on-screen keyboard (Latin script). Its keys never take focus; each tap is sent as a key
// event to the focused widget. Modes per field: names (with an accents key and long-press for diacritics),
// email (@ and . keys, digits), postcode (capitals and digits) and digits (PINs). It keeps no text of its own.
class OnScreenKeyboard final : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Name, Email, Postcode, Digits };

    explicit OnScreenKeyboard(QWidget* parent = nullptr);

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    bool isShifted() const { return m_shift; }
    bool accentsOpen() const;
    // Back to the state a new signer sees: name mode, no shift, no accents panel.
    void reset();

    // Accented forms offered for a base letter (long-press), lower case.
    static QString accentsFor(QChar base);

signals:
    void nextRequested(); // the "Next" key
    void hideRequested(); // the "hide keyboard" key

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    QPushButton* addKey(QGridLayout* grid, int row, int column, int span, const QString& label, const QString& name);
    void typeText(const QString& text);
    // Whether the focused field has a letter just before its cursor.
    static bool letterBeforeCursor();
    void sendKey(int key);
    void letterPressed(QPushButton* key);
    void letterReleased(QPushButton* key);
    void showAccents(const QString& letters);
    void closeAccents();
    QString caseFor(const QString& text) const;

    Mode m_mode = Mode::Name;
    bool m_shift = true; // names start with a capital
    QVBoxLayout* m_layout = nullptr;
    QWidget* m_keys = nullptr;
    QWidget* m_accents = nullptr;
    QTimer* m_longPress = nullptr;
    QPointer<QPushButton> m_pressedKey;
    bool m_longPressFired = false;
};

} // namespace kiosk
