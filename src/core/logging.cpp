#include "logging.h"

Q_LOGGING_CATEGORY(lcStore, "kiosk.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRules, "kiosk.rules", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDataDir, "kiosk.datadir", QtInfoMsg)
Q_LOGGING_CATEGORY(lcExport, "kiosk.export", QtInfoMsg)
Q_LOGGING_CATEGORY(lcBackup, "kiosk.backup", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCampaign, "kiosk.campaign", QtInfoMsg)
