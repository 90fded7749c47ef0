#pragma once

#include <QLoggingCategory>

// One category per module. Nothing logged under these may contain a name, email, postcode or signature:
// signing reveals a political opinion, so personal fields never leave the database and the exports.
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcRules)
Q_DECLARE_LOGGING_CATEGORY(lcDataDir)
Q_DECLARE_LOGGING_CATEGORY(lcExport)
Q_DECLARE_LOGGING_CATEGORY(lcBackup)
Q_DECLARE_LOGGING_CATEGORY(lcCampaign)
