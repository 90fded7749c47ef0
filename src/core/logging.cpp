#include "logging.h"

Q_LOGGING_CATEGORY(lcStore, "kiosk.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRules, "kiosk.rules", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDataDir, "kiosk.datadir", QtInfoMsg)
