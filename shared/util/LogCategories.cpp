#include "util/LogCategories.h"

Q_LOGGING_CATEGORY(lcNet, "moim.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDb, "moim.db", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "moim.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCrypto, "moim.crypto", QtInfoMsg)
Q_LOGGING_CATEGORY(lcProto, "moim.proto", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServer, "moim.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClient, "moim.client", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "moim.ui", QtInfoMsg)
