// The signing rules, driven by ../shared/testdata and by cases of our own.

#include "core/signingrules.h"
#include "testsupport.h"

#include <QtTest>

using namespace kiosk;

class TestSigningRules final : public QObject
{
    Q_OBJECT

private slots:
    void sharedNameCases_data();
    void sharedNameCases();
    void sharedPostcodeCases_data();
    void sharedPostcodeCases();
    void moreNames_data();
    void moreNames();
    void nameIsTrimmedAndNfc();
    void nameLengthCountsCharactersNotBytes();
    void nameKeyFoldsCaseSpacesAndApostrophes();
    void morePostcodes_data();
    void morePostcodes();
    void emails_data();
    void emails();
    void countries_data();
    void countries();
    void postcodeAskedOnlyInUkAndCrownDependencies();
    void emailRequiredOnlyWithContactOptIn();
    void consentAndResidencyRequired();
    void applyNormalisesEveryField();
    void messageIdsAreStableAndDistinct();
};

void TestSigningRules::sharedNameCases_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("accept");
    const auto rows = test::readTsv(QStringLiteral("names.tsv"));
    QVERIFY2(rows.size() >= 15, "names.tsv is missing or nearly empty");
    for (const QStringList& row : rows) {
        QVERIFY2(row.size() >= 2 && (row[1] == QLatin1String("accept") || row[1] == QLatin1String("reject")),
            qPrintable(row.join(QLatin1Char('|'))));
        QTest::addRow("%s", qPrintable(row.value(2, row[0]))) << row[0] << (row[1] == QLatin1String("accept"));
    }
}

void TestSigningRules::sharedNameCases()
{
    QFETCH(QString, name);
    QFETCH(bool, accept);
    const Checked checked = SigningRules::checkName(name);
    QCOMPARE(checked.ok(), accept);
    if (accept)
        QCOMPARE(checked.value, name.trimmed().normalized(QString::NormalizationForm_C));
}

void TestSigningRules::sharedPostcodeCases_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    const auto rows = test::readTsv(QStringLiteral("postcodes.tsv"));
    QVERIFY2(rows.size() >= 20, "postcodes.tsv is missing or nearly empty");
    for (const QStringList& row : rows) {
        QVERIFY2(row.size() == 2, qPrintable(row.join(QLatin1Char('|'))));
        QTest::addRow("'%s'", qPrintable(row[0])) << row[0] << row[1];
    }
}

void TestSigningRules::sharedPostcodeCases()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const Checked checked = SigningRules::checkPostcode(input);
    if (expected == QLatin1String("REJECT")) {
        QVERIFY2(!checked.ok(), qPrintable(checked.value));
    } else {
        QVERIFY(checked.ok());
        QCOMPARE(checked.value, expected);
    }
}

void TestSigningRules::moreNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("error");
    const int ok = int(RuleError::None);
    QTest::newRow("initials") << QStringLiteral("J.R.R. Tolkien") << ok;
    QTest::newRow("title with dot") << QStringLiteral("St. John Smith") << ok;
    QTest::newRow("zero-width joiner (Persian)") << QStringLiteral("مهر\u200Cناز") << ok;
    QTest::newRow("ideographic space around") << QStringLiteral("\u3000李小龙\u3000") << ok;
    QTest::newRow("tab inside") << QStringLiteral("Ann\tSmith") << int(RuleError::NameInvalidCharacters);
    QTest::newRow("newline inside") << QStringLiteral("Ann\nSmith") << int(RuleError::NameInvalidCharacters);
    QTest::newRow("NUL") << QString(QStringLiteral("Ann") + QChar(0) + QStringLiteral("Smith"))
                         << int(RuleError::NameInvalidCharacters);
    QTest::newRow("RTL override") << QStringLiteral("Ann \u202ESmith") << int(RuleError::NameInvalidCharacters);
    QTest::newRow("lone surrogate") << QString(QStringLiteral("Ann ") + QChar(0xD800))
                                    << int(RuleError::NameInvalidCharacters);
    QTest::newRow("http link") << QStringLiteral("Ann http://spam.example") << int(RuleError::NameContainsLink);
    QTest::newRow("www") << QStringLiteral("visit www.example.org") << int(RuleError::NameContainsLink);
    QTest::newRow("bare domain") << QStringLiteral("buy-pills.com") << int(RuleError::NameContainsLink);
    QTest::newRow("empty") << QString() << int(RuleError::NameRequired);
    QTest::newRow("no-break spaces only") << QStringLiteral("\u00A0\u00A0") << int(RuleError::NameRequired);
    // Found by the fuzzer: vertical tabs are trimmed as white space, leaving an invisible BOM.
    QTest::newRow("only an invisible BOM")
        << QStringLiteral("\u000B\uFEFF\u000B") << int(RuleError::NameInvalidCharacters);
    QTest::newRow("zero-width space inside")
        << QStringLiteral("Ann\u200BSmith") << int(RuleError::NameInvalidCharacters);
    QTest::newRow("punctuation only") << QStringLiteral("-.'") << int(RuleError::NameInvalidCharacters);
    QTest::newRow("a combining mark only") << QStringLiteral("\u0301") << int(RuleError::NameInvalidCharacters);
}

void TestSigningRules::moreNames()
{
    QFETCH(QString, name);
    QFETCH(int, error);
    QCOMPARE(int(SigningRules::checkName(name).error), error);
}

void TestSigningRules::nameIsTrimmedAndNfc()
{
    const QString decomposed = QStringLiteral("  Zoe\u0308 Ellis ");
    const Checked checked = SigningRules::checkName(decomposed);
    QVERIFY(checked.ok());
    QCOMPARE(checked.value, QStringLiteral("Zo\u00EB Ellis"));
}

void TestSigningRules::nameLengthCountsCharactersNotBytes()
{
    QVERIFY(SigningRules::checkName(QString(255, QLatin1Char('a'))).ok());
    QCOMPARE(SigningRules::checkName(QString(256, QLatin1Char('a'))).error, RuleError::NameTooLong);
    // 255 characters outside the BMP are 510 UTF-16 units and still fit.
    QString wide;
    for (int i = 0; i < 255; ++i)
        wide += QString::fromUcs4(U"\U00020000", 1);
    QVERIFY(SigningRules::checkName(wide).ok());
    QCOMPARE(SigningRules::checkName(wide + QString::fromUcs4(U"\U00020000", 1)).error, RuleError::NameTooLong);
}

void TestSigningRules::nameKeyFoldsCaseSpacesAndApostrophes()
{
    const QString a = SigningRules::nameKey(SigningRules::checkName(QStringLiteral("Mary  O’Brien")).value);
    const QString b = SigningRules::nameKey(SigningRules::checkName(QStringLiteral("MARY o'brien")).value);
    QCOMPARE(a, b);
    QVERIFY(SigningRules::nameKey(QStringLiteral("Mary OBrien")) != a);
}

void TestSigningRules::morePostcodes_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("BFPO 4 digits") << QStringLiteral("bfpo 1234") << QStringLiteral("BFPO 1234");
    QTest::newRow("BFPO 5 digits") << QStringLiteral("BFPO 12345") << QString();
    QTest::newRow("Q first") << QStringLiteral("QA1 1AA") << QString();
    QTest::newRow("inward with V") << QStringLiteral("SW1A 1AV") << QString();
    QTest::newRow("dots and slashes") << QStringLiteral("s.w.1.a/1.a.a") << QStringLiteral("SW1A 1AA");
    QTest::newRow("Jersey") << QStringLiteral("je2 4wd") << QStringLiteral("JE2 4WD");
}

void TestSigningRules::morePostcodes()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const Checked checked = SigningRules::checkPostcode(input);
    QCOMPARE(checked.ok(), !expected.isEmpty());
    QCOMPARE(checked.value, expected);
}

void TestSigningRules::emails_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // empty: rejected
    QTest::newRow("plain") << QStringLiteral("ann@example.org") << QStringLiteral("ann@example.org");
    QTest::newRow("domain lower-cased, local kept")
        << QStringLiteral(" Ann.Smith@Example.ORG ") << QStringLiteral("Ann.Smith@example.org");
    QTest::newRow("plus tag") << QStringLiteral("ann+petition@mail.example.co.uk")
                              << QStringLiteral("ann+petition@mail.example.co.uk");
    QTest::newRow("full-width at sign") << QStringLiteral("ann＠example.org") << QStringLiteral("ann@example.org");
    QTest::newRow("IDN domain") << QStringLiteral("ann@bücher.example") << QStringLiteral("ann@bücher.example");
    QTest::newRow("no at") << QStringLiteral("ann.example.org") << QString();
    QTest::newRow("no dot in domain") << QStringLiteral("ann@localhost") << QString();
    QTest::newRow("double dot") << QStringLiteral("ann..smith@example.org") << QString();
    QTest::newRow("space inside") << QStringLiteral("ann smith@example.org") << QString();
    QTest::newRow("numeric TLD") << QStringLiteral("ann@example.123") << QString();
    QTest::newRow("hyphen label edge") << QStringLiteral("ann@-example.org") << QString();
    QTest::newRow("two at signs") << QStringLiteral("a@b@example.org") << QString();
    QTest::newRow("local too long") << QString(QString(65, QLatin1Char('a')) + QStringLiteral("@example.org"))
                                    << QString();
}

void TestSigningRules::emails()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const Checked checked = SigningRules::checkEmail(input);
    QCOMPARE(checked.ok(), !expected.isEmpty());
    QCOMPARE(checked.value, expected);
}

void TestSigningRules::countries_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("GB") << QStringLiteral("GB") << QStringLiteral("GB");
    QTest::newRow("lower case") << QStringLiteral("fr") << QStringLiteral("FR");
    QTest::newRow("Isle of Man") << QStringLiteral("IM") << QStringLiteral("IM");
    QTest::newRow("UK is not ISO") << QStringLiteral("UK") << QString();
    QTest::newRow("alpha-3") << QStringLiteral("GBR") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestSigningRules::countries()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const Checked checked = SigningRules::checkCountry(input);
    QCOMPARE(checked.ok(), !expected.isEmpty());
    QCOMPARE(checked.value, expected);
}

void TestSigningRules::postcodeAskedOnlyInUkAndCrownDependencies()
{
    for (const char* code : { "GB", "JE", "GG", "IM" })
        QVERIFY(SigningRules::usesPostcode(QString::fromLatin1(code)));
    QVERIFY(!SigningRules::usesPostcode(QStringLiteral("FR")));
    QVERIFY(SigningRules::requiresPostcode(QStringLiteral("GB")));
    QVERIFY(!SigningRules::requiresPostcode(QStringLiteral("JE")));

    Signature jersey = test::sampleSignature(QStringLiteral("Ann"), QString());
    jersey.country = QStringLiteral("JE");
    QVERIFY(SigningRules::apply(jersey).isEmpty());

    Signature gb = test::sampleSignature(QStringLiteral("Ann"), QStringLiteral("  "));
    QCOMPARE(SigningRules::apply(gb), (QList<RuleIssue> { { Field::Postcode, RuleError::PostcodeRequired } }));

    Signature france = test::sampleSignature(QStringLiteral("Ann"), QStringLiteral("75001"));
    france.country = QStringLiteral("FR");
    QVERIFY(SigningRules::apply(france).isEmpty());
    QVERIFY(france.postcode.isEmpty()); // not stored where it is not asked for
}

void TestSigningRules::emailRequiredOnlyWithContactOptIn()
{
    Signature s = test::sampleSignature();
    QVERIFY(SigningRules::apply(s).isEmpty());
    s.contactOptIn = true;
    QCOMPARE(SigningRules::apply(s), (QList<RuleIssue> { { Field::Email, RuleError::EmailRequiredForContact } }));
    s.email = QStringLiteral("not an email");
    QCOMPARE(SigningRules::apply(s), (QList<RuleIssue> { { Field::Email, RuleError::EmailInvalid } }));
}

void TestSigningRules::consentAndResidencyRequired()
{
    Signature s = test::sampleSignature();
    s.consent = false;
    s.ukCitizenOrResident = Residency::Unanswered;
    const QList<RuleIssue> expected { { Field::Residency, RuleError::ResidencyRequired },
        { Field::Consent, RuleError::ConsentRequired } };
    QCOMPARE(SigningRules::apply(s), expected);
    s.ukCitizenOrResident = Residency::No; // a "no" is an answer, and may sign
    s.consent = true;
    QVERIFY(SigningRules::apply(s).isEmpty());
}

void TestSigningRules::applyNormalisesEveryField()
{
    Signature s = test::sampleSignature(
        QStringLiteral("  Zoë   Ellis "), QStringLiteral("sw1a1aa"), QStringLiteral("Zoe@EXAMPLE.org"));
    s.country = QStringLiteral("gb");
    QVERIFY(SigningRules::apply(s).isEmpty());
    QCOMPARE(s.fullName, QStringLiteral("Zoë   Ellis"));
    QCOMPARE(s.postcode, QStringLiteral("SW1A 1AA"));
    QCOMPARE(s.email, QStringLiteral("Zoe@example.org"));
    QCOMPARE(s.country, QStringLiteral("GB"));
}

void TestSigningRules::messageIdsAreStableAndDistinct()
{
    QCOMPARE(SigningRules::messageId(RuleError::PostcodeInvalid), QStringLiteral("postcode.invalid"));
    QCOMPARE(SigningRules::messageId(RuleError::NameRequired), QStringLiteral("name.required"));
    QSet<QString> ids;
    for (int e = int(RuleError::NameRequired); e <= int(RuleError::ConsentRequired); ++e) {
        const QString id = SigningRules::messageId(RuleError(e));
        QVERIFY2(!ids.contains(id), qPrintable(id));
        ids.insert(id);
        QVERIFY(!SigningRules::englishText(RuleError(e)).isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestSigningRules)
#include "tst_signingrules.moc"
