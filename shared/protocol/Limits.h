#pragma once

#include <QtGlobal>

namespace moim::protocol {

// Limits that both ends enforce; docs/protocol.md lists them.
inline constexpr int kMinUsernameLength = 3;
inline constexpr int kMaxUsernameLength = 32;
inline constexpr int kMaxDisplayNameLength = 64;
inline constexpr int kMaxDeviceNameLength = 64;
inline constexpr int kMaxChannelNameLength = 64;
inline constexpr int kMaxTopicLength = 250;
inline constexpr int kMinClientIdBytes = 8;
inline constexpr int kMaxClientIdBytes = 32;
inline constexpr int kMaxReactionKeyBytes = 64;
inline constexpr int kMaxMentions = 256;
inline constexpr int kMaxDirectMembers = 8; // others besides me
inline constexpr int kMaxHistoryPage = 200;
inline constexpr int kInviteCodeBytes = 12;
inline constexpr int kMinPasswordBytes = 8;
inline constexpr int kMaxPasswordBytes = 1024;
inline constexpr int kSessionTokenBytes = 32;
inline constexpr qint64 kDefaultMaxMessageBytes = 1024 * 1024;
inline constexpr int kMaxCapabilities = 64;
inline constexpr int kMaxCapabilityLength = 64;
inline constexpr int kMaxAppVersionLength = 128;

} // namespace moim::protocol
