<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
<context>
    <name>moim::chat::ChatService</name>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation>%1에 연결할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>This device&apos;s session has ended (signed out or revoked). Sign in again.</source>
        <translation>이 기기의 세션이 종료되었습니다(로그아웃되었거나 권한이 해제됨). 다시 로그인하세요.</translation>
    </message>
    <message numerus="yes">
        <source>(try again in %n s)</source>
        <translation>
            <numerusform>(%n초 후에 다시 시도하세요)</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot keep the session: %1</source>
        <translation>세션을 유지할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>unreadable content</source>
        <translation>읽을 수 없는 내용</translation>
    </message>
    <message numerus="yes">
        <source>%n new messages</source>
        <translation>
            <numerusform>새 메시지 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>This device is not approved yet: link it from another device or use the recovery passphrase.</source>
        <translation>이 기기는 아직 승인되지 않았습니다. 다른 기기에서 연결하거나 복구 암호를 사용하세요.</translation>
    </message>
    <message>
        <source>Not signed in.</source>
        <translation>로그인되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>No file in message %1</source>
        <translation>메시지 %1에 첨부된 파일이 없습니다</translation>
    </message>
    <message>
        <source>A link code looks like ABCD-EFGH-JKMN-PQRS.</source>
        <translation>연결 코드는 ABCD-EFGH-JKMN-PQRS 형식입니다.</translation>
    </message>
    <message>
        <source>Not connected to the server</source>
        <translation>서버에 연결되어 있지 않습니다</translation>
    </message>
</context>
<context>
    <name>moim::chat::RoomListModel</name>
    <message>
        <source>user %1</source>
        <translation>사용자 %1</translation>
    </message>
    <message>
        <source>Notes to self</source>
        <translation>나에게 쓰는 메모</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>읽지 않은 메시지 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mentions</source>
        <translation>
            <numerusform>멘션 %n개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>moim::chat::TimelineModel</name>
    <message>
        <source>user %1</source>
        <translation>사용자 %1</translation>
    </message>
</context>
<context>
    <name>moim::ui::ApprovalDialog</name>
    <message>
        <source>&amp;Restore</source>
        <translation>복구(&amp;R)</translation>
    </message>
    <message>
        <source>Approve this device</source>
        <translation>이 기기 승인</translation>
    </message>
    <message>
        <source>Messages are end-to-end encrypted. This new device can read and send once a device you already use approves it, or with your recovery passphrase.</source>
        <translation>메시지는 종단간 암호화되어 있습니다. 이미 사용 중인 기기에서 승인하거나 복구 암호를 입력하면 이 새 기기에서 메시지를 읽고 보낼 수 있습니다.</translation>
    </message>
    <message>
        <source>From another device</source>
        <translation>다른 기기에서 승인</translation>
    </message>
    <message>
        <source>&amp;Show a link code</source>
        <translation>연결 코드 표시(&amp;S)</translation>
    </message>
    <message>
        <source>Link code</source>
        <translation>연결 코드</translation>
    </message>
    <message>
        <source>Enter the code in Settings → Devices → Link a device on a device already in use.</source>
        <translation>이미 사용 중인 기기의 설정 → 기기 → 기기 연결에서 이 코드를 입력하세요.</translation>
    </message>
    <message>
        <source>With the recovery passphrase</source>
        <translation>복구 암호로 승인</translation>
    </message>
    <message>
        <source>Recovery passphrase</source>
        <translation>복구 암호</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>나중에</translation>
    </message>
    <message>
        <source>Asking the server for a code…</source>
        <translation>서버에 코드를 요청하는 중…</translation>
    </message>
    <message>
        <source>Checking the passphrase (this takes a few seconds)…</source>
        <translation>암호를 확인하는 중(몇 초 정도 걸립니다)…</translation>
    </message>
    <message>
        <source>Waiting for another device to enter the code (10 minutes)…</source>
        <translation>다른 기기에서 코드를 입력하기를 기다리는 중(10분)…</translation>
    </message>
</context>
<context>
    <name>moim::ui::Composer</name>
    <message>
        <source>Write a message… (Enter sends, Shift+Enter for a new line)</source>
        <translation>메시지 입력… (Enter: 보내기, Shift+Enter: 줄 바꿈)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
</context>
<context>
    <name>moim::ui::DesktopNotifier</name>
    <message>
        <source>Moim</source>
        <translation>모임</translation>
    </message>
    <message numerus="yes">
        <source>Moim — %n mentions</source>
        <translation>
            <numerusform>모임 — 멘션 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moim — %n unread</source>
        <translation>
            <numerusform>모임 — 읽지 않은 메시지 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>열기</translation>
    </message>
</context>
<context>
    <name>moim::ui::MainWindow</name>
    <message>
        <source>Teams</source>
        <translation>팀</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>팀</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>팀:</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>대화방</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Editing a message — Escape cancels</source>
        <translation>메시지 수정 중 — Esc 키를 누르면 취소됩니다</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>파일 첨부</translation>
    </message>
    <message>
        <source>Insert an emoji</source>
        <translation>이모지 넣기</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>보내기</translation>
    </message>
    <message>
        <source>Moim</source>
        <translation>모임</translation>
    </message>
    <message>
        <source>&amp;Moim</source>
        <translation>모임(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Jump to…</source>
        <translation>이동(&amp;J)…</translation>
    </message>
    <message>
        <source>New &amp;direct message…</source>
        <translation>새 다이렉트 메시지(&amp;D)…</translation>
    </message>
    <message>
        <source>New direct message</source>
        <translation>새 다이렉트 메시지</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>상대:</translation>
    </message>
    <message>
        <source>&amp;Sign out</source>
        <translation>로그아웃(&amp;S)</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>로그아웃</translation>
    </message>
    <message>
        <source>Sign out of this device? Its keys are removed; to read old messages here again you will need another device or your recovery passphrase.</source>
        <translation>이 기기에서 로그아웃할까요? 이 기기의 키가 삭제되므로, 이 기기에서 이전 메시지를 다시 읽으려면 다른 기기나 복구 암호가 필요합니다.</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Security</source>
        <translation>보안(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Link a new device…</source>
        <translation>새 기기 연결(&amp;L)…</translation>
    </message>
    <message>
        <source>Set the &amp;recovery passphrase…</source>
        <translation>복구 암호 설정(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Approve this device…</source>
        <translation>이 기기 승인(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>테마(&amp;T)</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>시스템 설정 따르기(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>밝게(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>어둡게(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>The new language applies when Moim starts again.</source>
        <translation>새 언어는 모임을 다시 시작하면 적용됩니다.</translation>
    </message>
    <message>
        <source>&amp;Bigger text</source>
        <translation>글자 크게(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Smaller text</source>
        <translation>글자 작게(&amp;S)</translation>
    </message>
    <message>
        <source>Protect this device&apos;s keys</source>
        <translation>이 기기의 키 보호</translation>
    </message>
    <message>
        <source>That passphrase does not open this device&apos;s keys. Try again:</source>
        <translation>이 암호로는 이 기기의 키를 열 수 없습니다. 다시 입력하세요:</translation>
    </message>
    <message>
        <source>No system keychain is available (or this profile uses a passphrase). Enter the passphrase that protects this device&apos;s keys:</source>
        <translation>사용할 수 있는 시스템 키체인이 없습니다(또는 이 프로필은 암호를 사용합니다). 이 기기의 키를 보호하는 암호를 입력하세요:</translation>
    </message>
    <message>
        <source>This device is approved: it reads and sends now.</source>
        <translation>이 기기가 승인되었습니다. 이제 메시지를 읽고 보낼 수 있습니다.</translation>
    </message>
    <message>
        <source>Link a new device</source>
        <translation>새 기기 연결</translation>
    </message>
    <message>
        <source>The device is approved.</source>
        <translation>기기가 승인되었습니다.</translation>
    </message>
    <message>
        <source>Recovery passphrase set.</source>
        <translation>복구 암호를 설정했습니다.</translation>
    </message>
    <message>
        <source>A message was not sent: %1</source>
        <translation>메시지를 보내지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Saved %1 (verified)</source>
        <translation>%1에 저장했습니다(검증됨)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>연결 중…</translation>
    </message>
    <message>
        <source>Offline — messages you write are sent when the connection returns.</source>
        <translation>오프라인 — 작성한 메시지는 다시 연결되면 전송됩니다.</translation>
    </message>
    <message>
        <source>Offline (%1) — messages you write are sent when the connection returns.</source>
        <translation>오프라인(%1) — 작성한 메시지는 다시 연결되면 전송됩니다.</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>누군가</translation>
    </message>
    <message>
        <source>%1 (mention)</source>
        <translation>%1 (멘션)</translation>
    </message>
    <message>
        <source>Send this image?</source>
        <translation>이 이미지를 보낼까요?</translation>
    </message>
    <message>
        <source>Could not keep the pasted image.</source>
        <translation>붙여 넣은 이미지를 저장하지 못했습니다.</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>이모지</translation>
    </message>
    <message>
        <source>Add a &amp;reaction…</source>
        <translation>반응 추가(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Copy text</source>
        <translation>텍스트 복사(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Save file…</source>
        <translation>파일 저장(&amp;S)…</translation>
    </message>
    <message>
        <source>Un&amp;pin</source>
        <translation>고정 해제(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Pin</source>
        <translation>고정(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>수정(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>삭제(&amp;D)</translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation>메시지 삭제</translation>
    </message>
    <message>
        <source>Delete this message for everyone?</source>
        <translation>모든 사람에게서 이 메시지를 삭제할까요?</translation>
    </message>
    <message>
        <source>Save the file in</source>
        <translation>파일을 저장할 위치</translation>
    </message>
    <message>
        <source>Enter the code the new device shows (like ABCD-EFGH-JKMN-PQRS):</source>
        <translation>새 기기에 표시된 코드를 입력하세요(예: ABCD-EFGH-JKMN-PQRS):</translation>
    </message>
    <message>
        <source>Recovery passphrase</source>
        <translation>복구 암호</translation>
    </message>
    <message>
        <source>With this passphrase you can read your messages on a new device after losing all the others. Keep it safe; nobody can reset it for you.</source>
        <translation>다른 기기를 모두 잃어버려도 이 암호가 있으면 새 기기에서 메시지를 읽을 수 있습니다. 안전하게 보관하세요. 누구도 대신 재설정해 줄 수 없습니다.</translation>
    </message>
    <message>
        <source>Enter it once more:</source>
        <translation>한 번 더 입력하세요:</translation>
    </message>
    <message>
        <source>The two do not match.</source>
        <translation>두 암호가 일치하지 않습니다.</translation>
    </message>
    <message>
        <source>%1 typing…</source>
        <translation>%1 님이 입력 중…</translation>
    </message>
    <message>
        <source>&amp;Create a team…</source>
        <translation>팀 만들기(&amp;C)…</translation>
    </message>
    <message>
        <source>Create a team</source>
        <translation>팀 만들기</translation>
    </message>
    <message>
        <source>Short name (letters, digits, dots, dashes; used in links):</source>
        <translation>짧은 이름(영문자, 숫자, 점, 대시; 링크에 사용됨):</translation>
    </message>
    <message>
        <source>Shown name:</source>
        <translation>표시 이름:</translation>
    </message>
    <message>
        <source>&amp;Join a team…</source>
        <translation>팀 참여(&amp;J)…</translation>
    </message>
    <message>
        <source>Join a team</source>
        <translation>팀 참여</translation>
    </message>
    <message>
        <source>Invite code or moim:// link:</source>
        <translation>초대 코드 또는 moim:// 링크:</translation>
    </message>
    <message>
        <source>New channel</source>
        <translation>새 채널</translation>
    </message>
    <message>
        <source>Channel name:</source>
        <translation>채널 이름:</translation>
    </message>
    <message>
        <source>&amp;New channel…</source>
        <translation>새 채널(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>설정(&amp;S)…</translation>
    </message>
    <message>
        <source>Reply in &amp;thread</source>
        <translation>스레드에 답글(&amp;T)</translation>
    </message>
    <message>
        <source>Search messages (Ctrl+F)</source>
        <translation>메시지 검색 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation>메시지 검색</translation>
    </message>
    <message>
        <source>Search: %1</source>
        <translation>검색: %1</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>검색 결과</translation>
    </message>
    <message>
        <source>Nothing found in the messages read on this device.</source>
        <translation>이 기기에서 읽은 메시지 중에 찾은 결과가 없습니다.</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>멤버</translation>
    </message>
    <message>
        <source>Members of this room (Ctrl+Shift+M)</source>
        <translation>이 대화방의 멤버 (Ctrl+Shift+M)</translation>
    </message>
    <message>
        <source>Members of this room</source>
        <translation>이 대화방의 멤버</translation>
    </message>
    <message>
        <source>user %1</source>
        <translation>사용자 %1</translation>
    </message>
    <message>
        <source>&amp;Profile of %1</source>
        <translation>%1 님의 프로필(&amp;P)</translation>
    </message>
    <message>
        <source>Attach files (Ctrl+U)</source>
        <translation>파일 첨부 (Ctrl+U)</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>고정 메시지</translation>
    </message>
    <message>
        <source>Pinned messages of this room (Ctrl+Shift+P)</source>
        <translation>이 대화방의 고정된 메시지 (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>Pinned messages of this room</source>
        <translation>이 대화방의 고정된 메시지</translation>
    </message>
    <message>
        <source>&amp;Invite people…</source>
        <translation>사람 초대(&amp;I)…</translation>
    </message>
    <message>
        <source>Invite people</source>
        <translation>사람 초대</translation>
    </message>
    <message>
        <source>Anyone with this link can join the team for a week (50 people at most):

%1

Code: %2</source>
        <translation>이 링크가 있으면 누구나 일주일 동안 팀에 참여할 수 있습니다(최대 50명):

%1

코드: %2</translation>
    </message>
    <message>
        <source>&amp;Copy the link</source>
        <translation>링크 복사(&amp;C)</translation>
    </message>
    <message>
        <source>Only the team&apos;s admins and owners can invite</source>
        <translation>팀의 관리자와 소유자만 초대할 수 있습니다</translation>
    </message>
</context>
<context>
    <name>moim::ui::MembersPanel</name>
    <message>
        <source>owner</source>
        <translation>소유자</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>관리자</translation>
    </message>
    <message>
        <source>Close the member list</source>
        <translation>멤버 목록 닫기</translation>
    </message>
    <message>
        <source>Find a member</source>
        <translation>멤버 찾기</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>멤버</translation>
    </message>
    <message>
        <source>Members of %1</source>
        <translation>%1의 멤버</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message numerus="yes">
        <source>%n members</source>
        <translation>
            <numerusform>멤버 %n명</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The first %n members</source>
        <translation>
            <numerusform>처음 멤버 %n명</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n online</source>
        <translation>
            <numerusform>%n명 온라인</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>moim::ui::MessageDelegate</name>
    <message>
        <source>Today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>어제</translation>
    </message>
    <message>
        <source>%1 joined</source>
        <translation>%1 님이 참여했습니다</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 님이 나갔습니다</translation>
    </message>
    <message>
        <source>%1 updated the channel</source>
        <translation>%1 님이 채널 정보를 수정했습니다</translation>
    </message>
    <message>
        <source>*This message was deleted.*</source>
        <translation>*삭제된 메시지입니다.*</translation>
    </message>
    <message>
        <source>*Waiting for the key to this message…*</source>
        <translation>*이 메시지의 키를 기다리는 중…*</translation>
    </message>
    <message>
        <source>*Refused: %1*</source>
        <translation>*거부됨: %1*</translation>
    </message>
    <message>
        <source>New messages</source>
        <translation>새 메시지</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>보내는 중…</translation>
    </message>
    <message>
        <source>not sent: %1</source>
        <translation>전송 실패: %1</translation>
    </message>
    <message>
        <source>(edited)</source>
        <translation>(수정됨)</translation>
    </message>
    <message>
        <source>(pinned)</source>
        <translation>(고정됨)</translation>
    </message>
    <message numerus="yes">
        <source>%n replies</source>
        <translation>
            <numerusform>답글 %n개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>moim::ui::PinsPanel</name>
    <message>
        <source>Close the pinned messages</source>
        <translation>고정된 메시지 닫기</translation>
    </message>
    <message>
        <source>Pinned messages</source>
        <translation>고정된 메시지</translation>
    </message>
    <message>
        <source>Pinned in %1</source>
        <translation>%1에 고정된 메시지</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Nothing is pinned here. Pin a message from its menu.</source>
        <translation>고정된 메시지가 없습니다. 메시지 메뉴에서 고정하세요.</translation>
    </message>
</context>
<context>
    <name>moim::ui::ProfileCard</name>
    <message>
        <source>Online</source>
        <translation>온라인</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>자리 비움</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>오프라인</translation>
    </message>
    <message>
        <source>Send a &amp;message</source>
        <translation>메시지 보내기(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Favourite: list our conversation at the top</source>
        <translation>즐겨찾기: 대화를 맨 위에 표시(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Hide our conversation from the sidebar</source>
        <translation>사이드바에서 대화 숨기기(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Block</source>
        <translation>차단(&amp;B)</translation>
    </message>
    <message>
        <source>This is you</source>
        <translation>나</translation>
    </message>
    <message>
        <source>Neither of you can write to the other in direct messages, they no longer see when you are online, and you get no notifications for their messages. They are not told.</source>
        <translation>다이렉트 메시지에서 서로 메시지를 보낼 수 없고, 상대는 내 온라인 상태를 더 이상 볼 수 없으며, 나는 상대의 메시지 알림을 받지 않습니다. 상대에게는 알리지 않습니다.</translation>
    </message>
    <message>
        <source>Block %1</source>
        <translation>%1 님 차단</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
    <message>
        <source>WARNING: their keys changed since you first talked. Compare the safety number again (Settings, Security) before trusting them.</source>
        <translation>경고: 처음 대화한 이후 상대의 키가 바뀌었습니다. 신뢰하기 전에 안전 번호를 다시 비교하세요(설정, 보안).</translation>
    </message>
    <message>
        <source>Verified.</source>
        <translation>인증되었습니다.</translation>
    </message>
    <message>
        <source>Not verified yet (Settings, Security).</source>
        <translation>아직 인증되지 않았습니다(설정, 보안).</translation>
    </message>
    <message>
        <source>Checking their keys…</source>
        <translation>상대의 키를 확인하는 중…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>저장하는 중…</translation>
    </message>
</context>
<context>
    <name>moim::ui::QuickSwitcher</name>
    <message>
        <source>Jump to…</source>
        <translation>이동…</translation>
    </message>
    <message>
        <source>Room or person</source>
        <translation>대화방 또는 사람</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>검색 결과</translation>
    </message>
</context>
<context>
    <name>moim::ui::RoomDelegate</name>
    <message>
        <source>CHANNELS</source>
        <translation>채널</translation>
    </message>
    <message>
        <source>DIRECT MESSAGES</source>
        <translation>다이렉트 메시지</translation>
    </message>
    <message>
        <source>FAVOURITES</source>
        <translation>즐겨찾기</translation>
    </message>
</context>
<context>
    <name>moim::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>계정</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>기기</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>보안</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>알림</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>화면</translation>
    </message>
    <message>
        <source>Password changed.</source>
        <translation>비밀번호를 변경했습니다.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
    <message>
        <source>Username:</source>
        <translation>사용자 이름:</translation>
    </message>
    <message>
        <source>Display name:</source>
        <translation>표시 이름:</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>서버:</translation>
    </message>
    <message>
        <source>Change the password</source>
        <translation>비밀번호 변경</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>현재 비밀번호</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>새 비밀번호</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>새 비밀번호 확인</translation>
    </message>
    <message>
        <source>Sign out every other device</source>
        <translation>다른 모든 기기에서 로그아웃</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>비밀번호 변경</translation>
    </message>
    <message>
        <source>Current:</source>
        <translation>현재:</translation>
    </message>
    <message>
        <source>New:</source>
        <translation>새 비밀번호:</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>다시 입력:</translation>
    </message>
    <message>
        <source>The new passwords do not match.</source>
        <translation>새 비밀번호가 일치하지 않습니다.</translation>
    </message>
    <message>
        <source>Changing…</source>
        <translation>변경하는 중…</translation>
    </message>
    <message>
        <source>Sign out of this device…</source>
        <translation>이 기기에서 로그아웃…</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>기기</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>추가한 날짜</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>마지막 접속</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>이름 바꾸기(&amp;R)…</translation>
    </message>
    <message>
        <source>Re&amp;voke</source>
        <translation>권한 해제(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Link a new device…</source>
        <translation>새 기기 연결(&amp;L)…</translation>
    </message>
    <message>
        <source>Rename device</source>
        <translation>기기 이름 바꾸기</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <source> (this device)</source>
        <translation> (이 기기)</translation>
    </message>
    <message>
        <source>Revoke this device? You will be signed out and its keys removed.</source>
        <translation>이 기기의 권한을 해제할까요? 로그아웃되고 이 기기의 키가 삭제됩니다.</translation>
    </message>
    <message>
        <source>Revoke &quot;%1&quot;? It is signed out at once and cannot read new messages.</source>
        <translation>&quot;%1&quot; 기기의 권한을 해제할까요? 즉시 로그아웃되며 새 메시지를 읽을 수 없게 됩니다.</translation>
    </message>
    <message>
        <source>Revoke device</source>
        <translation>기기 권한 해제</translation>
    </message>
    <message>
        <source>Compare the safety number with the person, in person or on a call. When both of you see the same number, nobody is reading along: mark them verified.</source>
        <translation>상대와 직접 만나거나 통화하면서 안전 번호를 비교하세요. 두 사람에게 같은 번호가 보이면 아무도 대화를 엿보고 있지 않은 것입니다. 그때 인증됨으로 표시하세요.</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>상대</translation>
    </message>
    <message>
        <source>Safety number</source>
        <translation>안전 번호</translation>
    </message>
    <message>
        <source>&amp;Mark verified</source>
        <translation>인증됨으로 표시(&amp;M)</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>확인하는 중…</translation>
    </message>
    <message>
        <source>Set the &amp;recovery passphrase…</source>
        <translation>복구 암호 설정(&amp;R)…</translation>
    </message>
    <message>
        <source>WARNING: %1&apos;s keys changed since you first talked. Compare the safety number again before trusting them.</source>
        <translation>경고: 처음 대화한 이후 %1 님의 키가 바뀌었습니다. 신뢰하기 전에 안전 번호를 다시 비교하세요.</translation>
    </message>
    <message>
        <source>Verified.</source>
        <translation>인증되었습니다.</translation>
    </message>
    <message>
        <source>Not verified yet.</source>
        <translation>아직 인증되지 않았습니다.</translation>
    </message>
    <message>
        <source>Notify me in %1 about</source>
        <translation>%1에서 알림 받을 항목</translation>
    </message>
    <message>
        <source>Every message</source>
        <translation>모든 메시지</translation>
    </message>
    <message>
        <source>Mentions and direct messages only</source>
        <translation>멘션과 다이렉트 메시지만</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>받지 않음</translation>
    </message>
    <message>
        <source>Do not disturb</source>
        <translation>방해 금지</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>끄기</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>1시간 동안</translation>
    </message>
    <message>
        <source>For 8 hours</source>
        <translation>8시간 동안</translation>
    </message>
    <message>
        <source>For 24 hours</source>
        <translation>24시간 동안</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>적용</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>테마</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>시스템 설정 따르기</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>글자 크기</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>The new language applies when Moim starts again.</source>
        <translation>새 언어는 모임을 다시 시작하면 적용됩니다.</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>테마:</translation>
    </message>
    <message>
        <source>Text size:</source>
        <translation>글자 크기:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>언어:</translation>
    </message>
    <message>
        <source>Name saved.</source>
        <translation>이름을 저장했습니다.</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>표시 이름</translation>
    </message>
    <message>
        <source>Save &amp;name</source>
        <translation>이름 저장(&amp;N)</translation>
    </message>
    <message>
        <source>This name cannot be used: %1</source>
        <translation>이 이름은 사용할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>저장하는 중…</translation>
    </message>
</context>
<context>
    <name>moim::ui::SignInDialog</name>
    <message>
        <source>&amp;Display name:</source>
        <translation>표시 이름(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Create a new account</source>
        <translation>새 계정 만들기(&amp;C)</translation>
    </message>
    <message>
        <source>Sign in to Moim</source>
        <translation>모임에 로그인</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>서버 주소</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>사용자 이름</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>표시 이름</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>서버(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>사용자 이름(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>비밀번호(&amp;P):</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>계정 만들기</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>로그인</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>연결 중…</translation>
    </message>
    <message>
        <source>The server address must look like ws://host:7420 or wss://host.</source>
        <translation>서버 주소는 ws://host:7420 또는 wss://host 형식이어야 합니다.</translation>
    </message>
    <message>
        <source>Enter your username and password.</source>
        <translation>사용자 이름과 비밀번호를 입력하세요.</translation>
    </message>
</context>
<context>
    <name>moim::ui::ThreadPanel</name>
    <message>
        <source>Close the thread</source>
        <translation>스레드 닫기</translation>
    </message>
    <message>
        <source>Thread</source>
        <translation>스레드</translation>
    </message>
    <message>
        <source>Reply in the thread…</source>
        <translation>스레드에 답글 쓰기…</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>답글</translation>
    </message>
    <message>
        <source>Thread in %1</source>
        <translation>%1의 스레드</translation>
    </message>
</context>
</TS>
