#include "chat/QuickReaction.h"

#include <QList>
#include <protocol/Limits.h>

namespace moim::chat {

std::optional<QString> quickReaction(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (!trimmed.startsWith(QLatin1Char('+')))
        return std::nullopt;
    const QString emoji = trimmed.mid(1);
    if (emoji.isEmpty() || emoji.toUtf8().size() > protocol::kMaxReactionKeyBytes)
        return std::nullopt;
    bool pictured = false;
    for (const uint codePoint : emoji.toUcs4()) {
        switch (QChar::category(codePoint)) {
        case QChar::Symbol_Other: // the emoji themselves, regional indicators
            pictured = true;
            break;
        case QChar::Symbol_Modifier: // skin tones
        case QChar::Mark_NonSpacing: // variation selectors
        case QChar::Mark_Enclosing:  // the keycap
        case QChar::Other_Format:    // zero-width joiner
            if (codePoint < 0x80)
                return std::nullopt;
            break;
        default:
            return std::nullopt;
        }
    }
    return pictured ? std::optional(emoji) : std::nullopt;
}

} // namespace moim::chat
