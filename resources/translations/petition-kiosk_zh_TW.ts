<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>AdminChoices</name>
    <message>
        <source>%1 seconds</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Volunteer admin</source>
        <translation>志願者管理</translation>
    </message>
    <message>
        <source>Back to the kiosk</source>
        <translation>返回簽名站</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>簽名</translation>
    </message>
    <message>
        <source>Signed today</source>
        <translation>今天簽名</translation>
    </message>
    <message>
        <source>Signed in all</source>
        <translation>簽名總數</translation>
    </message>
    <message>
        <source>Not yet exported</source>
        <translation>尚未匯出</translation>
    </message>
    <message>
        <source>Last export</source>
        <translation>上次匯出</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>簽名站</translation>
    </message>
    <message>
        <source>Pause the kiosk</source>
        <translation>暫停簽名站</translation>
    </message>
    <message>
        <source>Change the PIN</source>
        <translation>更改 PIN 碼</translation>
    </message>
    <message>
        <source>Exit the kiosk app</source>
        <translation>退出簽名站程式</translation>
    </message>
    <message>
        <source>New PIN (at least 8 digits)</source>
        <translation>新 PIN 碼（至少 8 位數字）</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>新 PIN 碼</translation>
    </message>
    <message>
        <source>The same PIN again</source>
        <translation>再次輸入相同的 PIN 碼</translation>
    </message>
    <message>
        <source>New PIN again</source>
        <translation>再次輸入新 PIN 碼</translation>
    </message>
    <message>
        <source>Save the new PIN</source>
        <translation>儲存新 PIN 碼</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Stall name</source>
        <translation>攤位名稱</translation>
    </message>
    <message>
        <source>Where the stall is</source>
        <translation>攤位地點</translation>
    </message>
    <message>
        <source>Stall place</source>
        <translation>攤位地點</translation>
    </message>
    <message>
        <source>Clear the form after</source>
        <translation>多久後清空表格</translation>
    </message>
    <message>
        <source>Idle timeout</source>
        <translation>無操作超時</translation>
    </message>
    <message>
        <source>Thank-you screen shows for</source>
        <translation>感謝頁面顯示時長</translation>
    </message>
    <message>
        <source>Thank-you delay</source>
        <translation>感謝頁面時長</translation>
    </message>
    <message>
        <source>Starting language</source>
        <translation>初始語言</translation>
    </message>
    <message>
        <source>Default language</source>
        <translation>預設語言</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主題</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>鍵盤</translation>
    </message>
    <message>
        <source>Hide the mouse pointer (touch screens)</source>
        <translation>隱藏滑鼠指標（觸控式螢幕）</translation>
    </message>
    <message>
        <source>Hide the mouse pointer</source>
        <translation>隱藏滑鼠指標</translation>
    </message>
    <message>
        <source>Campaign folder (empty: the built-in campaign)</source>
        <translation>活動資料夾（留空：使用內建活動）</translation>
    </message>
    <message>
        <source>Campaign folder</source>
        <translation>活動資料夾</translation>
    </message>
    <message>
        <source>Save the settings</source>
        <translation>儲存設定</translation>
    </message>
    <message>
        <source>Recent admin actions</source>
        <translation>最近的管理操作</translation>
    </message>
    <message>
        <source>Export for the coordinator</source>
        <translation>為協調人匯出</translation>
    </message>
    <message>
        <source>Plug in the USB stick, choose it, and tap Export. The batch holds every signature not yet exported.</source>
        <translation>插入 U 盤，選擇它，然後點選「匯出」。這一批包含所有尚未匯出的簽名。</translation>
    </message>
    <message>
        <source>Where to export</source>
        <translation>匯出位置</translation>
    </message>
    <message>
        <source>Export folder</source>
        <translation>匯出資料夾</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>匯出</translation>
    </message>
    <message>
        <source>Export the signatures</source>
        <translation>匯出簽名</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>匯出進度</translation>
    </message>
    <message>
        <source>Last backup</source>
        <translation>上次備份</translation>
    </message>
    <message>
        <source>Today, hour by hour</source>
        <translation>今天每小時</translation>
    </message>
    <message>
        <source>Day goal (signatures; 0 for none)</source>
        <translation>每日目標（簽名數；0 表示不設）</translation>
    </message>
    <message>
        <source>Day goal</source>
        <translation>每日目標</translation>
    </message>
    <message>
        <source>Close the stall</source>
        <translation>關閉攤位</translation>
    </message>
    <message>
        <source>Close without exporting</source>
        <translation>不匯出直接關閉</translation>
    </message>
    <message>
        <source>Back up to</source>
        <translation>備份到</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>備份資料夾</translation>
    </message>
    <message>
        <source>Back up after every (signatures)</source>
        <translation>每隔多少個簽名備份一次</translation>
    </message>
    <message>
        <source>Back up after every</source>
        <translation>備份間隔</translation>
    </message>
</context>
<context>
    <name>AttractPage</name>
    <message>
        <source>Welcome</source>
        <translation>歡迎</translation>
    </message>
    <message>
        <source>Tap anywhere to start</source>
        <translation>輕觸螢幕任意位置開始</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
</context>
<context>
    <name>ClosedPage</name>
    <message>
        <source>Stall closed</source>
        <translation>攤位未開放</translation>
    </message>
    <message>
        <source>The stall is closed</source>
        <translation>攤位尚未開放</translation>
    </message>
    <message>
        <source>A volunteer opens it with the PIN before anyone signs.</source>
        <translation>簽名開始前，請志工輸入 PIN 碼開放攤位。</translation>
    </message>
    <message>
        <source>Open the stall</source>
        <translation>開放攤位</translation>
    </message>
</context>
<context>
    <name>ExportMessages</name>
    <message>
        <source>Done: %1 signatures in %2. You can remove the stick.</source>
        <translation>完成：%1 個簽名已儲存在 %2。現在可以拔出隨身碟。</translation>
    </message>
    <message>
        <source>There are no new signatures to export. Nothing was written.</source>
        <translation>沒有新的簽名需要匯出。未寫入任何內容。</translation>
    </message>
    <message>
        <source>The drive is no longer there (was it removed?). Nothing was marked as exported; put the drive back and export again.</source>
        <translation>找不到該磁碟（是否已被拔出？）。沒有任何簽名被標記為已匯出；請重新插入磁碟後再次匯出。</translation>
    </message>
    <message>
        <source>The drive is read-only. Nothing was marked as exported; check its write-protect switch, or use another drive.</source>
        <translation>該磁碟為唯讀。沒有任何簽名被標記為已匯出；請檢查防寫開關，或改用其他磁碟。</translation>
    </message>
    <message>
        <source>The drive is full. Nothing was marked as exported; free some space or use another drive.</source>
        <translation>該磁碟已滿。沒有任何簽名被標記為已匯出；請釋放空間或改用其他磁碟。</translation>
    </message>
    <message>
        <source>A batch folder with this name is already on the drive. Nothing was written or marked; ask a coordinator.</source>
        <translation>磁碟上已有同名的批次資料夾。未寫入或標記任何內容；請聯絡協調員。</translation>
    </message>
    <message>
        <source>The batch could not be recorded: %1 Nothing was marked as exported; export again.</source>
        <translation>無法記錄該批次：%1 沒有任何簽名被標記為已匯出；請再次匯出。</translation>
    </message>
    <message>
        <source>The batch could not be written. Nothing was marked as exported; check the drive and export again.</source>
        <translation>無法寫入該批次。沒有任何簽名被標記為已匯出；請檢查磁碟後再次匯出。</translation>
    </message>
    <message>
        <source>Another export is running on this kiosk. Wait for it to finish, then export again.</source>
        <translation>另一個匯出正在此簽名亭上進行。請等它完成後再次匯出。</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>Set up this kiosk</source>
        <translation>設定本簽名站</translation>
    </message>
    <message>
        <source>Welcome. Answer these few questions once; the kiosk then opens for signers.</source>
        <translation>歡迎。請回答以下幾個問題（只需一次），然後簽名站即可供簽名者使用。</translation>
    </message>
    <message>
        <source>Organisation collecting the signatures</source>
        <translation>收集簽名的機構</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>機構</translation>
    </message>
    <message>
        <source>Stall name</source>
        <translation>攤位名稱</translation>
    </message>
    <message>
        <source>Where the stall is (street, town)</source>
        <translation>攤位地點（街道、城鎮）</translation>
    </message>
    <message>
        <source>Stall place</source>
        <translation>攤位地點</translation>
    </message>
    <message>
        <source>Volunteer PIN (at least 8 digits)</source>
        <translation>志願者 PIN 碼（至少 8 位數字）</translation>
    </message>
    <message>
        <source>Volunteer PIN</source>
        <translation>志願者 PIN 碼</translation>
    </message>
    <message>
        <source>The same PIN again</source>
        <translation>再次輸入相同的 PIN 碼</translation>
    </message>
    <message>
        <source>Volunteer PIN again</source>
        <translation>再次輸入志願者 PIN 碼</translation>
    </message>
    <message>
        <source>Clear the form after this long without a touch</source>
        <translation>無人操作多久後清空表格</translation>
    </message>
    <message>
        <source>Idle timeout</source>
        <translation>無操作超時</translation>
    </message>
    <message>
        <source>Language the kiosk starts in</source>
        <translation>簽名站的初始語言</translation>
    </message>
    <message>
        <source>Default language</source>
        <translation>預設語言</translation>
    </message>
    <message>
        <source>Open the kiosk</source>
        <translation>啟用簽名站</translation>
    </message>
    <message>
        <source>Look for the coordinator key again</source>
        <translation>重新尋找協調人金鑰</translation>
    </message>
</context>
<context>
    <name>InfoPage</name>
    <message>
        <source>Information</source>
        <translation>資訊</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>重新開始</translation>
    </message>
    <message>
        <source>Page text</source>
        <translation>頁面內容</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一頁</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>下一頁 ›</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一頁</translation>
    </message>
    <message>
        <source>Sign the petition</source>
        <translation>簽署請願書</translation>
    </message>
</context>
<context>
    <name>PausedPage</name>
    <message>
        <source>Paused</source>
        <translation>已暫停</translation>
    </message>
    <message>
        <source>Back soon</source>
        <translation>馬上回來</translation>
    </message>
    <message>
        <source>This kiosk is not taking signatures at the moment. A volunteer will be back shortly.</source>
        <translation>本簽名站暫時不接受簽名。志願者馬上回來。</translation>
    </message>
</context>
<context>
    <name>PetitionPage</name>
    <message>
        <source>The petition</source>
        <translation>請願書</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Petition text</source>
        <translation>請願書正文</translation>
    </message>
    <message>
        <source>Privacy notice</source>
        <translation>隱私宣告</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>簽署</translation>
    </message>
    <message>
        <source>Sign the petition</source>
        <translation>簽署請願書</translation>
    </message>
</context>
<context>
    <name>RuleMessages</name>
    <message>
        <source>Please enter your full name.</source>
        <translation>請輸入您的全名。</translation>
    </message>
    <message>
        <source>Your name is too long: at most 255 characters, please.</source>
        <translation>您的姓名太長了，最多 255 個字元。</translation>
    </message>
    <message>
        <source>Your name contains characters that cannot be used. Please type it again.</source>
        <translation>您的姓名包含無法使用的字元，請重新輸入。</translation>
    </message>
    <message>
        <source>A name cannot contain a web address.</source>
        <translation>姓名中不能包含網址。</translation>
    </message>
    <message>
        <source>Please choose your country from the list.</source>
        <translation>請從列表中選擇您的國家或地區。</translation>
    </message>
    <message>
        <source>Please enter your postcode.</source>
        <translation>請輸入您的郵遞區號。</translation>
    </message>
    <message>
        <source>This does not look like a UK postcode. It should look like SW1A 1AA.</source>
        <translation>這不像是英國郵遞區號。格式應類似 SW1A 1AA。</translation>
    </message>
    <message>
        <source>Please enter your email address so that we can contact you, or untick the contact box.</source>
        <translation>請輸入您的電子郵件地址以便我們聯絡您，或取消勾選聯絡選項。</translation>
    </message>
    <message>
        <source>This does not look like an email address. It should look like name@example.com.</source>
        <translation>這不像是電子郵件地址。格式應類似 name@example.com。</translation>
    </message>
    <message>
        <source>This email address has already been used by two people for this petition. Please use another address, or untick the contact box.</source>
        <translation>已有兩人使用此電子郵件地址簽署本請願書。請使用其他地址，或取消勾選聯絡選項。</translation>
    </message>
    <message>
        <source>Please answer yes or no.</source>
        <translation>請回答「是」或「否」。</translation>
    </message>
    <message>
        <source>Please tick the consent box to sign.</source>
        <translation>請先勾選同意框，再簽署。</translation>
    </message>
</context>
<context>
    <name>SignPage</name>
    <message>
        <source>Sign the petition</source>
        <translation>簽署請願書</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>全名</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>國家或地區</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>郵遞區號</translation>
    </message>
    <message>
        <source>Are you a British citizen or UK resident?</source>
        <translation>您是英國公民或英國居民嗎？</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Yes, I am a British citizen or UK resident</source>
        <translation>是，我是英國公民或英國居民</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>No, I am not a British citizen or UK resident</source>
        <translation>否，我不是英國公民或英國居民</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Contact me by email</source>
        <translation>透過電子郵件聯絡我</translation>
    </message>
    <message>
        <source>Email me about this campaign (optional). We contact you only by email, and only if you tick this box.</source>
        <translation>透過電子郵件告訴我本活動的訊息（選填）。只有勾選此框，我們才會聯絡您，而且只透過電子郵件。</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>電子郵件地址</translation>
    </message>
    <message>
        <source>Your signature (optional)</source>
        <translation>您的簽名（選填）</translation>
    </message>
    <message>
        <source>Clear signature</source>
        <translation>清除簽名</translation>
    </message>
</context>
<context>
    <name>StoreMessages</name>
    <message>
        <source>Sorry, your signature could not be saved: the kiosk&apos;s storage is full. Your details are still here. Please ask a volunteer.</source>
        <translation>抱歉，您的簽名未能儲存：本機儲存空間已滿。您填寫的內容仍然保留。請向志願者求助。</translation>
    </message>
    <message>
        <source>Sorry, your signature could not be saved: the kiosk cannot write to its storage. Your details are still here. Please ask a volunteer.</source>
        <translation>抱歉，您的簽名未能儲存：本機無法寫入儲存。您填寫的內容仍然保留。請向志願者求助。</translation>
    </message>
    <message>
        <source>Sorry, the kiosk is busy. Your details are still here. Please tap &quot;Sign the petition&quot; again in a moment.</source>
        <translation>抱歉，本機正忙。您填寫的內容仍然保留。請稍後再點一次「簽署請願書」。</translation>
    </message>
    <message>
        <source>Sorry, your signature could not be saved. Your details are still here. Please ask a volunteer.</source>
        <translation>抱歉，您的簽名未能儲存。您填寫的內容仍然保留。請向志願者求助。</translation>
    </message>
    <message>
        <source>the kiosk&apos;s storage is full. Free some space.</source>
        <translation>簽名亭的儲存空間已滿。請釋放一些空間。</translation>
    </message>
    <message>
        <source>the kiosk cannot read or write its data folder. Check the drive.</source>
        <translation>簽名亭無法讀寫其資料資料夾。請檢查磁碟。</translation>
    </message>
    <message>
        <source>the database is in use by another program. Try again in a moment.</source>
        <translation>資料庫正被其他程式使用。請稍後再試。</translation>
    </message>
    <message>
        <source>the database reported a problem. Restart the kiosk, or ask a coordinator.</source>
        <translation>資料庫回報了一個問題。請重新啟動簽名亭，或聯絡協調員。</translation>
    </message>
</context>
<context>
    <name>ThankYouPage</name>
    <message>
        <source>Thank you</source>
        <translation>謝謝</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>QR code to share the petition</source>
        <translation>分享請願書的 QR 碼</translation>
    </message>
    <message>
        <source>Scan to share the petition with friends</source>
        <translation>掃描 QR 碼，與朋友分享這份請願書</translation>
    </message>
</context>
<context>
    <name>kiosk::AdminDoor</name>
    <message>
        <source>The PIN could not be checked: %1</source>
        <translation>無法核對 PIN 碼：%1</translation>
    </message>
</context>
<context>
    <name>kiosk::AdminPage</name>
    <message>
        <source>Resume the kiosk</source>
        <translation>恢復簽名站</translation>
    </message>
    <message>
        <source>Pause the kiosk</source>
        <translation>暫停簽名站</translation>
    </message>
    <message>
        <source>Tap again to exit</source>
        <translation>再點一次即退出</translation>
    </message>
    <message>
        <source>Exit the kiosk app</source>
        <translation>退出簽名站程式</translation>
    </message>
    <message>
        <source>Signatures are kept in: %1</source>
        <translation>簽名儲存在：%1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>從未</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>標準</translation>
    </message>
    <message>
        <source>High contrast (bright sunlight)</source>
        <translation>高對比度（強光下使用）</translation>
    </message>
    <message>
        <source>Built-in on-screen keyboard</source>
        <translation>內建螢幕鍵盤</translation>
    </message>
    <message>
        <source>System or hardware keyboard</source>
        <translation>系統鍵盤或實體鍵盤</translation>
    </message>
    <message>
        <source>The stall needs a name.</source>
        <translation>攤位需要一個名稱。</translation>
    </message>
    <message>
        <source>Nothing has changed.</source>
        <translation>沒有任何更改。</translation>
    </message>
    <message>
        <source>The settings could not be saved. Check that the data folder is writable.</source>
        <translation>無法儲存設定。請檢查資料資料夾是否可寫。</translation>
    </message>
    <message>
        <source>Saved. The new campaign folder is used from the next start of the kiosk.</source>
        <translation>已儲存。新的活動資料夾將在簽名站下次啟動時使用。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已儲存。</translation>
    </message>
    <message>
        <source>The PIN needs at least %1 digits, and digits only.</source>
        <translation>PIN 碼需要至少 %1 位，且只能是數字。</translation>
    </message>
    <message>
        <source>The two PINs are not the same. Please type the PIN again in both fields.</source>
        <translation>兩次輸入的 PIN 碼不一致。請在兩個欄位中重新輸入。</translation>
    </message>
    <message>
        <source>The PIN could not be saved. Check that the data folder is writable.</source>
        <translation>無法儲存 PIN 碼。請檢查資料資料夾是否可寫。</translation>
    </message>
    <message>
        <source>The new PIN is saved.</source>
        <translation>新 PIN 碼已儲存。</translation>
    </message>
    <message>
        <source>%1 (%2 free)</source>
        <translation>%1（可用 %2）</translation>
    </message>
    <message>
        <source>Another folder (type it below)</source>
        <translation>其他資料夾（在下方輸入）</translation>
    </message>
    <message>
        <source>Choose a drive, or type the folder to export to.</source>
        <translation>請選擇一個驅動器，或輸入要匯出到的資料夾。</translation>
    </message>
    <message>
        <source>The campaign folder was not saved, because the kiosk cannot use it: %1</source>
        <translation>未儲存該活動資料夾，因為簽名亭無法使用它：%1</translation>
    </message>
    <message>
        <source>Please choose a new PIN of at least %1 digits now. The old PIN is shorter, from before this kiosk sealed its data.</source>
        <translation>請現在設定至少 %1 位數字的新 PIN 碼。舊 PIN 碼較短，是本機加密資料之前設定的。</translation>
    </message>
    <message>
        <source>Sealed to coordinator key %1</source>
        <translation>已用協調人金鑰 %1 加密</translation>
    </message>
    <message>
        <source>UNSEALED – test only</source>
        <translation>未加密——僅供測試</translation>
    </message>
    <message>
        <source>Sealed to coordinator key %1
This kiosk&apos;s own key %2</source>
        <translation>已用協調人金鑰 %1 加密
本機自己的簽名金鑰 %2</translation>
    </message>
    <message>
        <source>Today %1 of the day&apos;s goal of %2 (%3%)</source>
        <translation>今天 %1 / 每日目標 %2（%3%）</translation>
    </message>
    <message>
        <source>Tap again to close the stall and switch off</source>
        <translation>再點一次即關閉攤位並關機</translation>
    </message>
    <message>
        <source>Close the stall</source>
        <translation>關閉攤位</translation>
    </message>
    <message>
        <source>This kiosk may not switch the machine off (%1). The kiosk app closes instead: switch off with the power button.</source>
        <translation>本簽名站無法關機（%1）。簽名程式將會結束：請用電源鍵關機。</translation>
    </message>
    <message>
        <source>No stick was found. Plug in your stick, choose it under Export, and tap Close the stall again; or close without exporting (the signatures stay on this kiosk for next time).</source>
        <translation>沒有找到隨身碟。請插入隨身碟，在「匯出」下選擇它，然後再點「關閉攤位」；或者不匯出直接關閉（簽名會留在本簽名站，下次再匯出）。</translation>
    </message>
    <message>
        <source>1. Exporting the new signatures…</source>
        <translation>1. 正在匯出新的簽名……</translation>
    </message>
    <message>
        <source>Export failed: %1 The stall is still open; nothing was switched off.</source>
        <translation>匯出失敗：%1 攤位仍然開著，沒有關機。</translation>
    </message>
    <message>
        <source>1. Nothing new to export: every signature is already on a stick.</source>
        <translation>1. 沒有新的簽名需要匯出：所有簽名都已在隨身碟上。</translation>
    </message>
    <message>
        <source>2. Checking the batch on the stick…</source>
        <translation>2. 正在檢查隨身碟上的批次……</translation>
    </message>
    <message>
        <source>The batch on the stick does not check out (%1). Keep the stick plugged in and tap Close the stall again: the kiosk still has every signature%2.</source>
        <translation>隨身碟上的批次檢查未通過（%1）。請保持隨身碟插著，再點一次「關閉攤位」：本簽名站仍保存著所有簽名%2。</translation>
    </message>
    <message>
        <source>it is missing</source>
        <translation>批次不見了</translation>
    </message>
    <message>
        <source>, and will export them again</source>
        <translation>，並會重新匯出</translation>
    </message>
    <message>
        <source>1–2. Not exported: the signatures stay on this kiosk. Export them next time.</source>
        <translation>1–2. 未匯出：簽名留在本簽名站，下次再匯出。</translation>
    </message>
    <message>
        <source>3. Making a backup…</source>
        <translation>3. 正在備份……</translation>
    </message>
    <message>
        <source>The backup failed: %1. The stall is still open; nothing was switched off.</source>
        <translation>備份失敗：%1。攤位仍然開著，沒有關機。</translation>
    </message>
    <message>
        <source>3. Backup made.</source>
        <translation>3. 已備份。</translation>
    </message>
    <message>
        <source>The audit log could not be written. The stall is still open.</source>
        <translation>無法寫入稽核日誌。攤位仍然開著。</translation>
    </message>
    <message>
        <source>4. Written in the audit log. 5. Switching off…</source>
        <translation>4. 已記入稽核日誌。5. 正在關機……</translation>
    </message>
    <message>
        <source>1. Exported. Signatures in the batch: %1.</source>
        <translation>1. 已匯出。批次中的簽名：%1 個。</translation>
    </message>
    <message>
        <source>2. The batch on the stick checks out. Signatures in it: %1.</source>
        <translation>2. 隨身碟上的批次檢查通過。其中的簽名：%1 個。</translation>
    </message>
    <message>
        <source>This kiosk&apos;s own disk (the data folder)</source>
        <translation>本簽名站自己的磁碟（資料夾）</translation>
    </message>
    <message>
        <source>Backups go to the same disk as the signatures: they help if the database is damaged, but not if the disk dies or the laptop is stolen. Leave an SD card or a stick plugged in and choose it here.</source>
        <translation>備份與簽名在同一個磁碟上：資料庫損壞時有用，但磁碟壞掉或筆電被偷時就沒用了。請插著一張 SD 卡或一個隨身碟，並在這裡選擇它。</translation>
    </message>
    <message>
        <source>The backup folder was not saved: the kiosk cannot write to %1.</source>
        <translation>備份資料夾未儲存：簽名站無法寫入 %1。</translation>
    </message>
</context>
<context>
    <name>kiosk::AttractPage</name>
    <message>
        <source>1 person signed here today</source>
        <translation>今天已有 1 人在此簽名</translation>
    </message>
    <message>
        <source>%1 people signed here today</source>
        <translation>今天已有 %1 人在此簽名</translation>
    </message>
    <message>
        <source>%1 · %2 in total</source>
        <translation>%1 · 總共 %2 人</translation>
    </message>
    <message>
        <source>Battery low</source>
        <translation>電量低</translation>
    </message>
</context>
<context>
    <name>kiosk::ClosedPage</name>
    <message>
        <source>UNSEALED – test only. Names on this kiosk are not protected: do not collect real signatures.</source>
        <translation>未加密——僅供測試。本機上的姓名不受保護：請勿收集真實簽名。</translation>
    </message>
</context>
<context>
    <name>kiosk::FirstRunPage</name>
    <message>
        <source>To open the volunteer admin screen later: press and hold the top-left corner of the screen for 3 seconds, then enter the PIN.</source>
        <translation>以後要開啟志願者管理頁面：請按住螢幕左上角 3 秒，然後輸入 PIN 碼。</translation>
    </message>
    <message>
        <source>Signatures are kept in: %1</source>
        <translation>簽名儲存在：%1</translation>
    </message>
    <message>
        <source>Please name the organisation that collects the signatures.</source>
        <translation>請填寫收集簽名的機構名稱。</translation>
    </message>
    <message>
        <source>Please give the stall a name.</source>
        <translation>請為攤位起一個名稱。</translation>
    </message>
    <message>
        <source>The PIN needs at least %1 digits, and digits only.</source>
        <translation>PIN 碼需要至少 %1 位，且只能是數字。</translation>
    </message>
    <message>
        <source>The two PINs are not the same. Please type the PIN again in both fields.</source>
        <translation>兩次輸入的 PIN 碼不一致。請在兩個欄位中重新輸入。</translation>
    </message>
    <message>
        <source>The settings could not be saved. Check that the data folder is writable, then try again.</source>
        <translation>無法儲存設定。請檢查資料資料夾是否可寫，然後再試一次。</translation>
    </message>
    <message>
        <source>Signatures are sealed to the coordinator key %1. Read it back to your coordinator.</source>
        <translation>簽名已用協調人金鑰 %1 加密。請向協調人複述此編號以便核對。</translation>
    </message>
    <message>
        <source>UNSEALED – test only. Names on this kiosk are not protected: do not collect real signatures.</source>
        <translation>未加密——僅供測試。本機上的姓名不受保護：請勿收集真實簽名。</translation>
    </message>
    <message>
        <source>Coordinator key found: %1. Read it back to your coordinator before you go on.</source>
        <translation>已找到協調人金鑰：%1。繼續之前，請向協調人複述此編號以便核對。</translation>
    </message>
    <message>
        <source>The coordinator key is missing. Put the file coordinator.pub from your coordinator on a USB stick or into the campaign folder, then tap &quot;Look for the coordinator key again&quot;.</source>
        <translation>缺少協調人金鑰。請將協調人提供的 coordinator.pub 檔案放到隨身碟或活動資料夾中，然後點按「重新尋找協調人金鑰」。</translation>
    </message>
    <message>
        <source>(A key file was found but cannot be used.)</source>
        <translation>（找到了金鑰檔案，但無法使用。）</translation>
    </message>
    <message>
        <source>The coordinator key is missing: the kiosk cannot protect names without it.</source>
        <translation>缺少協調人金鑰：沒有它，本機無法保護姓名。</translation>
    </message>
    <message>
        <source>The coordinator key could not be used: %1</source>
        <translation>無法使用協調人金鑰：%1</translation>
    </message>
    <message>
        <source>This kiosk has a PIN already. Please enter that PIN in both fields.</source>
        <translation>本機已設定 PIN 碼。請在兩個欄位中都輸入該 PIN 碼。</translation>
    </message>
</context>
<context>
    <name>kiosk::HourlyChart</name>
    <message>
        <source>Signatures per hour today</source>
        <translation>今天每小時的簽名數</translation>
    </message>
    <message>
        <source>%1:00, %2</source>
        <translation>%1:00，%2</translation>
    </message>
    <message>
        <source>No signatures yet today</source>
        <translation>今天還沒有簽名</translation>
    </message>
</context>
<context>
    <name>kiosk::KioskWindow</name>
    <message>
        <source>Petition Kiosk</source>
        <translation>請願簽名站</translation>
    </message>
    <message>
        <source>The campaign folder could not be used, so the built-in campaign is shown. %1</source>
        <translation>無法使用活動資料夾，因此顯示內建的活動內容。%1</translation>
    </message>
    <message>
        <source>Battery almost empty (%1%): signing is held until the kiosk is plugged in.</source>
        <translation>電量即將耗盡（%1%）：在接上電源之前暫停簽名。</translation>
    </message>
    <message>
        <source>Battery low (%1%): plug the kiosk in soon.</source>
        <translation>電量低（%1%）：請盡快接上電源。</translation>
    </message>
    <message>
        <source>The disk is almost full (%1 MB free): signing is held. Export the signatures and free some space.</source>
        <translation>磁碟幾乎已滿（剩餘 %1 MB）：已暫停簽名。請匯出簽名並騰出空間。</translation>
    </message>
    <message>
        <source>The disk is getting full (%1 MB free): export the signatures and free some space.</source>
        <translation>磁碟空間不足（剩餘 %1 MB）：請匯出簽名並騰出空間。</translation>
    </message>
</context>
<context>
    <name>kiosk::OnScreenKeyboard</name>
    <message>
        <source>On-screen keyboard</source>
        <translation>螢幕鍵盤</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>大寫</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Accented letters</source>
        <translation>帶重音符號的字母</translation>
    </message>
    <message>
        <source>Apostrophe</source>
        <translation>撇號</translation>
    </message>
    <message>
        <source>Hyphen</source>
        <translation>連字元</translation>
    </message>
    <message>
        <source>space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>Full stop</source>
        <translation>句點</translation>
    </message>
    <message>
        <source>At sign</source>
        <translation>@ 符號</translation>
    </message>
    <message>
        <source>Dot</source>
        <translation>點</translation>
    </message>
    <message>
        <source>Underscore</source>
        <translation>底線</translation>
    </message>
    <message>
        <source>Hide keyboard</source>
        <translation>隱藏鍵盤</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一項</translation>
    </message>
    <message>
        <source>Close accented letters</source>
        <translation>關閉重音字母</translation>
    </message>
</context>
<context>
    <name>kiosk::PageDots</name>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 頁，共 %2 頁</translation>
    </message>
</context>
<context>
    <name>kiosk::PausedPage</name>
    <message>
        <source>Battery almost empty – please plug in</source>
        <translation>電量即將耗盡——請接上電源</translation>
    </message>
    <message>
        <source>Every signature so far is saved. Signing starts again once the kiosk is charging.</source>
        <translation>目前所有簽名均已儲存。開始充電後即可繼續簽名。</translation>
    </message>
    <message>
        <source>This kiosk is not taking signatures at the moment: its disk is almost full. A volunteer will be back shortly.</source>
        <translation>本簽名站暫時不接受簽名：磁碟幾乎已滿。志工很快就會回來。</translation>
    </message>
</context>
<context>
    <name>kiosk::PetitionPage</name>
    <message>
        <source>Translation for reference; you are signing the English text.</source>
        <translation>譯文僅供參考；您簽署的是英文原文。</translation>
    </message>
    <message>
        <source>Back to the petition</source>
        <translation>返回請願書</translation>
    </message>
    <message>
        <source>Privacy notice</source>
        <translation>隱私宣告</translation>
    </message>
</context>
<context>
    <name>kiosk::PinPad</name>
    <message>
        <source>Volunteer PIN</source>
        <translation>志願者 PIN 碼</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>確定</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>PIN entered</source>
        <translation>已輸入的 PIN 碼</translation>
    </message>
    <message>
        <source>Wrong PIN. %1 more tries before the pad locks.</source>
        <translation>PIN 碼錯誤。再錯 %1 次後鍵盤將鎖定。</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>PIN 碼錯誤。</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>現在可以再試一次。</translation>
    </message>
    <message>
        <source>Too many wrong tries. The pad is locked for %1 more seconds.</source>
        <translation>錯誤次數過多。鍵盤已鎖定，還需 %1 秒。</translation>
    </message>
</context>
<context>
    <name>kiosk::SignPage</name>
    <message>
        <source>Please write your name in Latin letters, or as you would on an official form.</source>
        <translation>請用拉丁字母（例如護照上的英文拼寫）書寫您的姓名，或按您在正式表格上的寫法填寫。</translation>
    </message>
</context>
<context>
    <name>kiosk::SignaturePad</name>
    <message>
        <source>Signature pad</source>
        <translation>簽名板</translation>
    </message>
    <message>
        <source>Draw your signature with your finger. Optional.</source>
        <translation>請用手指寫下您的簽名（選填）。</translation>
    </message>
    <message>
        <source>Sign here with your finger</source>
        <translation>請用手指在此簽名</translation>
    </message>
</context>
<context>
    <name>kiosk::StartupProblem</name>
    <message>
        <source>You can start a new, empty signature database now. The damaged one is kept beside it, unchanged, so that a coordinator can recover its signatures.</source>
        <translation>您現在可以啟用一個新的空白簽名資料庫。受損的資料庫會原樣保留在旁邊，以便協調人恢復其中的簽名。</translation>
    </message>
    <message>
        <source>Start a new signature database</source>
        <translation>啟用新的簽名資料庫</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
</context>
<context>
    <name>kiosk::StillThereOverlay</name>
    <message>
        <source>Still there?</source>
        <translation>您還在嗎？</translation>
    </message>
    <message>
        <source>For your privacy, this form will be cleared in 1 second.</source>
        <translation>為保護您的隱私，此表格將在 1 秒後清空。</translation>
    </message>
    <message>
        <source>For your privacy, this form will be cleared in %1 seconds.</source>
        <translation>為保護您的隱私，此表格將在 %1 秒後清空。</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>繼續</translation>
    </message>
</context>
<context>
    <name>kiosk::ThankYouPage</name>
    <message>
        <source>Thank you, %1!</source>
        <translation>謝謝您，%1！</translation>
    </message>
    <message>
        <source>You have already signed this petition. Thank you for your support.</source>
        <translation>您已經簽署過本請願書。感謝您的支持。</translation>
    </message>
    <message>
        <source>Your signature has been added to the petition.</source>
        <translation>您的簽名已加入請願書。</translation>
    </message>
    <message>
        <source>1 person signed here today</source>
        <translation>今天已有 1 人在此簽名</translation>
    </message>
    <message>
        <source>%1 people signed here today</source>
        <translation>今天已有 %1 人在此簽名</translation>
    </message>
    <message>
        <source>%1 · %2 in total</source>
        <translation>%1 · 總共 %2 人</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>謝謝！</translation>
    </message>
</context>
</TS>
