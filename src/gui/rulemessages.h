#pragma once

#include "core/batchexporter.h"
#include "core/signingrules.h"
#include "core/storeerror.h"

namespace kiosk {

// The signing rules' and the store's messages in the signer's or volunteer's language.
QString ruleMessage(RuleError error);
QString storeMessage(StoreError error); // for the signer at the sign page
QString volunteerStoreMessage(StoreError error); // for the volunteer: what is wrong, and what to do
QString exportMessage(const BatchExporter::Outcome& outcome);

} // namespace kiosk
