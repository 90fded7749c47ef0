#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUuid>

namespace kiosk {

// The signer's answer to "Are you a British citizen or UK resident?".
enum class Residency { Unanswered = -1, No = 0, Yes = 1 };

// One signature as the kiosk stores it. The form fills the signer's fields; the kiosk fills the petition,
// consent, language and stall; the store fills id, signed_at and device_id when they are empty.
struct Signature
{
    QUuid id;
    QDateTime signedAt; // UTC
    QString petitionId;
    int petitionVersion = 0;
    int consentVersion = 0;

    // Personal fields: the store keeps these behind PersonalDataCodec.
    QString fullName;
    QString postcode; // normalised "SW1A 1AA"; empty outside GB and the Crown dependencies
    QString email; // optional
    QByteArray signatureSvg; // optional handwritten signature

    QString country; // ISO 3166 alpha-2, upper case
    Residency ukCitizenOrResident = Residency::Unanswered;
    bool consent = false;
    bool contactOptIn = false;
    QString language; // UI language used, e.g. "en", "zh_CN"
    QString stallId;
    QString deviceId;
    QString exportBatchId; // empty until exported
};

// signed_at and every other stored time: UTC, ISO 8601 with milliseconds ("2026-11-22T10:15:30.123Z").
// Fixed width, so the strings sort in time order.
QString toIsoUtc(const QDateTime& time);
QDateTime fromIsoUtc(const QString& text);

} // namespace kiosk
