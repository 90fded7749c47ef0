#pragma once

#include "core/signingrules.h"
#include "core/storeerror.h"

namespace kiosk {

// The signing rules' and the store's messages in the signer's or volunteer's language.
QString ruleMessage(RuleError error);
QString storeMessage(StoreError error);

} // namespace kiosk
