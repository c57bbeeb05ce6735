<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>moim::chat::ChatService</name>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device&apos;s session has ended (signed out or revoked). Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>(try again in %n s)</source>
        <translation>
            <numerusform>(try again in %n s)</numerusform>
            <numerusform>(try again in %n s)</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot keep the session: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable content</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n new messages</source>
        <translation>
            <numerusform>%n new message</numerusform>
            <numerusform>%n new messages</numerusform>
        </translation>
    </message>
    <message>
        <source>This device is not approved yet: link it from another device or use the recovery passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file in message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A link code looks like ABCD-EFGH-JKMN-PQRS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to the server</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moim::chat::RoomListModel</name>
    <message>
        <source>user %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes to self</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mentions</source>
        <translation>
            <numerusform>%n mention</numerusform>
            <numerusform>%n mentions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>moim::chat::TimelineModel</name>
    <message>
        <source>user %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moim::ui::ApprovalDialog</name>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages are end-to-end encrypted. This new device can read and send once a device you already use approves it, or with your recovery passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From another device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show a link code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the code in Settings → Devices → Link a device on a device already in use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With the recovery passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the server for a code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the passphrase (this takes a few seconds)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for another device to enter the code (10 minutes)…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moim::ui::Composer</name>
    <message>
        <source>Write a message… (Enter sends, Shift+Enter for a new line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moim::ui::DesktopNotifier</name>
    <message>
        <source>Moim</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Moim — %n mentions</source>
        <translation>
            <numerusform>Moim — %n mention</numerusform>
            <numerusform>Moim — %n mentions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moim — %n unread</source>
        <translation>
            <numerusform>Moim — %n unread</numerusform>
            <numerusform>Moim — %n unread</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moim::ui::MainWindow</name>
    <message>
        <source>Teams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing a message — Escape cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert an emoji</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Moim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Jump to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;direct message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New direct message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out of this device? Its keys are removed; to read old messages here again you will need another device or your recovery passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Link a new device…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the &amp;recovery passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Approve this device…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language applies when Moim starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bigger text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Smaller text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protect this device&apos;s keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That passphrase does not open this device&apos;s keys. Try again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain is available (or this profile uses a passphrase). Enter the passphrase that protects this device&apos;s keys:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device is approved: it reads and sends now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link a new device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device is approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery passphrase set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message was not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 (verified)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — messages you write are sent when the connection returns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline (%1) — messages you write are sent when the connection returns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>someone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (mention)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send this image?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not keep the pasted image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a &amp;reaction…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Un&amp;pin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this message for everyone?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the file in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the code the new device shows (like ABCD-EFGH-JKMN-PQRS):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With this passphrase you can read your messages on a new device after losing all the others. Keep it safe; nobody can reset it for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter it once more:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two do not match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create a team…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short name (letters, digits, dots, dashes; used in links):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join a team…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite code or moim:// link:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New channel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply in &amp;thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search messages (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing found in the messages read on this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members of this room (Ctrl+Shift+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members of this room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Profile of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach files (Ctrl+U)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinned messages of this room (Ctrl+Shift+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinned messages of this room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Invite people…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anyone with this link can join the team for a week (50 people at most):

%1

Code: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy the link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the team&apos;s admins and owners can invite</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moim::ui::MembersPanel</name>
    <message>
        <source>owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the member list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n members</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The first %n members</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n online</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>moim::ui::MessageDelegate</name>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 updated the channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>*This message was deleted.*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>*Waiting for the key to this message…*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>*Refused: %1*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(edited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(pinned)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n replies</source>
        <translation>
            <numerusform>%n reply</numerusform>
            <numerusform>%n replies</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>moim::ui::PinsPanel</name>
    <message>
        <source>Close the pinned messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinned messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinned in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is pinned here. Pin a message from its menu.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moim::ui::ProfileCard</name>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a &amp;message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Favourite: list our conversation at the top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hide our conversation from the sidebar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neither of you can write to the other in direct messages, they no longer see when you are online, and you get no notifications for their messages. They are not told.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WARNING: their keys changed since you first talked. Compare the safety number again (Settings, Security) before trusting them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not verified yet (Settings, Security).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking their keys…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moim::ui::QuickSwitcher</name>
    <message>
        <source>Jump to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room or person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matches</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moim::ui::RoomDelegate</name>
    <message>
        <source>CHANNELS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DIRECT MESSAGES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAVOURITES</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moim::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out every other device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new passwords do not match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out of this device…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;voke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Link a new device…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (this device)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke this device? You will be signed out and its keys removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke &quot;%1&quot;? It is signed out at once and cannot read new messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare the safety number with the person, in person or on a call. When both of you see the same number, nobody is reading along: mark them verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mark verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the &amp;recovery passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WARNING: %1&apos;s keys changed since you first talked. Compare the safety number again before trusting them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not verified yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notify me in %1 about</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mentions and direct messages only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not disturb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For 8 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language applies when Moim starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This name cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moim::ui::SignInDialog</name>
    <message>
        <source>&amp;Display name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create a new account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to Moim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address must look like ws://host:7420 or wss://host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your username and password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>moim::ui::ThreadPanel</name>
    <message>
        <source>Close the thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply in the thread…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thread in %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
