<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <translation>志愿者管理</translation>
    </message>
    <message>
        <source>Back to the kiosk</source>
        <translation>返回签名站</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Signed today</source>
        <translation>今天签名</translation>
    </message>
    <message>
        <source>Signed in all</source>
        <translation>签名总数</translation>
    </message>
    <message>
        <source>Not yet exported</source>
        <translation>尚未导出</translation>
    </message>
    <message>
        <source>Last export</source>
        <translation>上次导出</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>签名站</translation>
    </message>
    <message>
        <source>Pause the kiosk</source>
        <translation>暂停签名站</translation>
    </message>
    <message>
        <source>Change the PIN</source>
        <translation>更改 PIN 码</translation>
    </message>
    <message>
        <source>Exit the kiosk app</source>
        <translation>退出签名站程序</translation>
    </message>
    <message>
        <source>New PIN (at least 8 digits)</source>
        <translation>新 PIN 码（至少 8 位数字）</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>新 PIN 码</translation>
    </message>
    <message>
        <source>The same PIN again</source>
        <translation>再次输入相同的 PIN 码</translation>
    </message>
    <message>
        <source>New PIN again</source>
        <translation>再次输入新 PIN 码</translation>
    </message>
    <message>
        <source>Save the new PIN</source>
        <translation>保存新 PIN 码</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Stall name</source>
        <translation>摊位名称</translation>
    </message>
    <message>
        <source>Where the stall is</source>
        <translation>摊位地点</translation>
    </message>
    <message>
        <source>Stall place</source>
        <translation>摊位地点</translation>
    </message>
    <message>
        <source>Clear the form after</source>
        <translation>多久后清空表格</translation>
    </message>
    <message>
        <source>Idle timeout</source>
        <translation>无操作超时</translation>
    </message>
    <message>
        <source>Thank-you screen shows for</source>
        <translation>感谢页面显示时长</translation>
    </message>
    <message>
        <source>Thank-you delay</source>
        <translation>感谢页面时长</translation>
    </message>
    <message>
        <source>Starting language</source>
        <translation>初始语言</translation>
    </message>
    <message>
        <source>Default language</source>
        <translation>默认语言</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>键盘</translation>
    </message>
    <message>
        <source>Hide the mouse pointer (touch screens)</source>
        <translation>隐藏鼠标指针（触摸屏）</translation>
    </message>
    <message>
        <source>Hide the mouse pointer</source>
        <translation>隐藏鼠标指针</translation>
    </message>
    <message>
        <source>Campaign folder (empty: the built-in campaign)</source>
        <translation>活动文件夹（留空：使用内置活动）</translation>
    </message>
    <message>
        <source>Campaign folder</source>
        <translation>活动文件夹</translation>
    </message>
    <message>
        <source>Save the settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>Recent admin actions</source>
        <translation>最近的管理操作</translation>
    </message>
    <message>
        <source>Export for the coordinator</source>
        <translation>为协调人导出</translation>
    </message>
    <message>
        <source>Plug in the USB stick, choose it, and tap Export. The batch holds every signature not yet exported.</source>
        <translation>插入 U 盘，选择它，然后点击“导出”。这一批包含所有尚未导出的签名。</translation>
    </message>
    <message>
        <source>Where to export</source>
        <translation>导出位置</translation>
    </message>
    <message>
        <source>Export folder</source>
        <translation>导出文件夹</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export the signatures</source>
        <translation>导出签名</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>导出进度</translation>
    </message>
    <message>
        <source>Last backup</source>
        <translation>上次备份</translation>
    </message>
    <message>
        <source>Today, hour by hour</source>
        <translation>今天每小时</translation>
    </message>
    <message>
        <source>Day goal (signatures; 0 for none)</source>
        <translation>每日目标（签名数；0 表示不设）</translation>
    </message>
    <message>
        <source>Day goal</source>
        <translation>每日目标</translation>
    </message>
    <message>
        <source>Close the stall</source>
        <translation>关闭摊位</translation>
    </message>
    <message>
        <source>Close without exporting</source>
        <translation>不导出直接关闭</translation>
    </message>
    <message>
        <source>Back up to</source>
        <translation>备份到</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Back up after every (signatures)</source>
        <translation>每隔多少个签名备份一次</translation>
    </message>
    <message>
        <source>Back up after every</source>
        <translation>备份间隔</translation>
    </message>
</context>
<context>
    <name>AttractPage</name>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>Tap anywhere to start</source>
        <translation>轻触屏幕任意位置开始</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
</context>
<context>
    <name>ClosedPage</name>
    <message>
        <source>Stall closed</source>
        <translation>摊位未开放</translation>
    </message>
    <message>
        <source>The stall is closed</source>
        <translation>摊位尚未开放</translation>
    </message>
    <message>
        <source>A volunteer opens it with the PIN before anyone signs.</source>
        <translation>签名开始前，请志愿者输入 PIN 码开放摊位。</translation>
    </message>
    <message>
        <source>Open the stall</source>
        <translation>开放摊位</translation>
    </message>
</context>
<context>
    <name>ExportMessages</name>
    <message>
        <source>Done: %1 signatures in %2. You can remove the stick.</source>
        <translation>完成：%1 个签名已保存在 %2。现在可以拔出 U 盘。</translation>
    </message>
    <message>
        <source>There are no new signatures to export. Nothing was written.</source>
        <translation>没有新的签名需要导出。未写入任何内容。</translation>
    </message>
    <message>
        <source>The drive is no longer there (was it removed?). Nothing was marked as exported; put the drive back and export again.</source>
        <translation>找不到该驱动器（是否已被拔出？）。没有任何签名被标记为已导出；请重新插入驱动器后再次导出。</translation>
    </message>
    <message>
        <source>The drive is read-only. Nothing was marked as exported; check its write-protect switch, or use another drive.</source>
        <translation>该驱动器为只读。没有任何签名被标记为已导出；请检查写保护开关，或换用其他驱动器。</translation>
    </message>
    <message>
        <source>The drive is full. Nothing was marked as exported; free some space or use another drive.</source>
        <translation>该驱动器已满。没有任何签名被标记为已导出；请释放空间或换用其他驱动器。</translation>
    </message>
    <message>
        <source>A batch folder with this name is already on the drive. Nothing was written or marked; ask a coordinator.</source>
        <translation>驱动器上已有同名的批次文件夹。未写入或标记任何内容；请联系协调员。</translation>
    </message>
    <message>
        <source>The batch could not be recorded: %1 Nothing was marked as exported; export again.</source>
        <translation>无法记录该批次：%1 没有任何签名被标记为已导出；请再次导出。</translation>
    </message>
    <message>
        <source>The batch could not be written. Nothing was marked as exported; check the drive and export again.</source>
        <translation>无法写入该批次。没有任何签名被标记为已导出；请检查驱动器后再次导出。</translation>
    </message>
    <message>
        <source>Another export is running on this kiosk. Wait for it to finish, then export again.</source>
        <translation>另一个导出正在此签名亭上进行。请等它完成后再次导出。</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>Set up this kiosk</source>
        <translation>设置本签名站</translation>
    </message>
    <message>
        <source>Welcome. Answer these few questions once; the kiosk then opens for signers.</source>
        <translation>欢迎。请回答以下几个问题（只需一次），然后签名站即可供签名者使用。</translation>
    </message>
    <message>
        <source>Organisation collecting the signatures</source>
        <translation>收集签名的机构</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Stall name</source>
        <translation>摊位名称</translation>
    </message>
    <message>
        <source>Where the stall is (street, town)</source>
        <translation>摊位地点（街道、城镇）</translation>
    </message>
    <message>
        <source>Stall place</source>
        <translation>摊位地点</translation>
    </message>
    <message>
        <source>Volunteer PIN (at least 8 digits)</source>
        <translation>志愿者 PIN 码（至少 8 位数字）</translation>
    </message>
    <message>
        <source>Volunteer PIN</source>
        <translation>志愿者 PIN 码</translation>
    </message>
    <message>
        <source>The same PIN again</source>
        <translation>再次输入相同的 PIN 码</translation>
    </message>
    <message>
        <source>Volunteer PIN again</source>
        <translation>再次输入志愿者 PIN 码</translation>
    </message>
    <message>
        <source>Clear the form after this long without a touch</source>
        <translation>无人操作多久后清空表格</translation>
    </message>
    <message>
        <source>Idle timeout</source>
        <translation>无操作超时</translation>
    </message>
    <message>
        <source>Language the kiosk starts in</source>
        <translation>签名站的初始语言</translation>
    </message>
    <message>
        <source>Default language</source>
        <translation>默认语言</translation>
    </message>
    <message>
        <source>Open the kiosk</source>
        <translation>启用签名站</translation>
    </message>
    <message>
        <source>Look for the coordinator key again</source>
        <translation>重新查找协调人密钥</translation>
    </message>
</context>
<context>
    <name>InfoPage</name>
    <message>
        <source>Information</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>Page text</source>
        <translation>页面内容</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>下一页 ›</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Sign the petition</source>
        <translation>签署请愿书</translation>
    </message>
</context>
<context>
    <name>PausedPage</name>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Back soon</source>
        <translation>马上回来</translation>
    </message>
    <message>
        <source>This kiosk is not taking signatures at the moment. A volunteer will be back shortly.</source>
        <translation>本签名站暂时不接受签名。志愿者马上回来。</translation>
    </message>
</context>
<context>
    <name>PetitionPage</name>
    <message>
        <source>The petition</source>
        <translation>请愿书</translation>
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
        <translation>请愿书正文</translation>
    </message>
    <message>
        <source>Privacy notice</source>
        <translation>隐私声明</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>签署</translation>
    </message>
    <message>
        <source>Sign the petition</source>
        <translation>签署请愿书</translation>
    </message>
</context>
<context>
    <name>RuleMessages</name>
    <message>
        <source>Please enter your full name.</source>
        <translation>请输入您的全名。</translation>
    </message>
    <message>
        <source>Your name is too long: at most 255 characters, please.</source>
        <translation>您的姓名太长了，最多 255 个字符。</translation>
    </message>
    <message>
        <source>Your name contains characters that cannot be used. Please type it again.</source>
        <translation>您的姓名包含无法使用的字符，请重新输入。</translation>
    </message>
    <message>
        <source>A name cannot contain a web address.</source>
        <translation>姓名中不能包含网址。</translation>
    </message>
    <message>
        <source>Please choose your country from the list.</source>
        <translation>请从列表中选择您的国家或地区。</translation>
    </message>
    <message>
        <source>Please enter your postcode.</source>
        <translation>请输入您的邮政编码。</translation>
    </message>
    <message>
        <source>This does not look like a UK postcode. It should look like SW1A 1AA.</source>
        <translation>这不像是英国邮政编码。格式应类似 SW1A 1AA。</translation>
    </message>
    <message>
        <source>Please enter your email address so that we can contact you, or untick the contact box.</source>
        <translation>请输入您的电子邮箱地址以便我们联系您，或取消勾选联系选项。</translation>
    </message>
    <message>
        <source>This does not look like an email address. It should look like name@example.com.</source>
        <translation>这不像是电子邮箱地址。格式应类似 name@example.com。</translation>
    </message>
    <message>
        <source>This email address has already been used by two people for this petition. Please use another address, or untick the contact box.</source>
        <translation>已有两人使用此电子邮箱地址签署本请愿书。请使用其他地址，或取消勾选联系选项。</translation>
    </message>
    <message>
        <source>Please answer yes or no.</source>
        <translation>请回答“是”或“否”。</translation>
    </message>
    <message>
        <source>Please tick the consent box to sign.</source>
        <translation>请先勾选同意框，再签署。</translation>
    </message>
</context>
<context>
    <name>SignPage</name>
    <message>
        <source>Sign the petition</source>
        <translation>签署请愿书</translation>
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
        <translation>国家或地区</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>邮政编码</translation>
    </message>
    <message>
        <source>Are you a British citizen or UK resident?</source>
        <translation>您是英国公民或英国居民吗？</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Yes, I am a British citizen or UK resident</source>
        <translation>是，我是英国公民或英国居民</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>No, I am not a British citizen or UK resident</source>
        <translation>否，我不是英国公民或英国居民</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Contact me by email</source>
        <translation>通过电子邮件联系我</translation>
    </message>
    <message>
        <source>Email me about this campaign (optional). We contact you only by email, and only if you tick this box.</source>
        <translation>通过电子邮件告诉我本活动的消息（可选）。只有勾选此框，我们才会联系您，而且只通过电子邮件。</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>电子邮箱地址</translation>
    </message>
    <message>
        <source>Your signature (optional)</source>
        <translation>您的签名（可选）</translation>
    </message>
    <message>
        <source>Clear signature</source>
        <translation>清除签名</translation>
    </message>
</context>
<context>
    <name>StoreMessages</name>
    <message>
        <source>Sorry, your signature could not be saved: the kiosk&apos;s storage is full. Your details are still here. Please ask a volunteer.</source>
        <translation>抱歉，您的签名未能保存：本机存储空间已满。您填写的内容仍然保留。请向志愿者求助。</translation>
    </message>
    <message>
        <source>Sorry, your signature could not be saved: the kiosk cannot write to its storage. Your details are still here. Please ask a volunteer.</source>
        <translation>抱歉，您的签名未能保存：本机无法写入存储。您填写的内容仍然保留。请向志愿者求助。</translation>
    </message>
    <message>
        <source>Sorry, the kiosk is busy. Your details are still here. Please tap &quot;Sign the petition&quot; again in a moment.</source>
        <translation>抱歉，本机正忙。您填写的内容仍然保留。请稍后再点一次“签署请愿书”。</translation>
    </message>
    <message>
        <source>Sorry, your signature could not be saved. Your details are still here. Please ask a volunteer.</source>
        <translation>抱歉，您的签名未能保存。您填写的内容仍然保留。请向志愿者求助。</translation>
    </message>
    <message>
        <source>the kiosk&apos;s storage is full. Free some space.</source>
        <translation>签名亭的存储空间已满。请释放一些空间。</translation>
    </message>
    <message>
        <source>the kiosk cannot read or write its data folder. Check the drive.</source>
        <translation>签名亭无法读写其数据文件夹。请检查驱动器。</translation>
    </message>
    <message>
        <source>the database is in use by another program. Try again in a moment.</source>
        <translation>数据库正被其他程序使用。请稍后再试。</translation>
    </message>
    <message>
        <source>the database reported a problem. Restart the kiosk, or ask a coordinator.</source>
        <translation>数据库报告了一个问题。请重新启动签名亭，或联系协调员。</translation>
    </message>
</context>
<context>
    <name>ThankYouPage</name>
    <message>
        <source>Thank you</source>
        <translation>谢谢</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>QR code to share the petition</source>
        <translation>分享请愿书的二维码</translation>
    </message>
    <message>
        <source>Scan to share the petition with friends</source>
        <translation>扫码与朋友分享这份请愿书</translation>
    </message>
</context>
<context>
    <name>kiosk::AdminDoor</name>
    <message>
        <source>The PIN could not be checked: %1</source>
        <translation>无法核对 PIN 码：%1</translation>
    </message>
</context>
<context>
    <name>kiosk::AdminPage</name>
    <message>
        <source>Resume the kiosk</source>
        <translation>恢复签名站</translation>
    </message>
    <message>
        <source>Pause the kiosk</source>
        <translation>暂停签名站</translation>
    </message>
    <message>
        <source>Tap again to exit</source>
        <translation>再点一次即退出</translation>
    </message>
    <message>
        <source>Exit the kiosk app</source>
        <translation>退出签名站程序</translation>
    </message>
    <message>
        <source>Signatures are kept in: %1</source>
        <translation>签名保存在：%1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>High contrast (bright sunlight)</source>
        <translation>高对比度（强光下使用）</translation>
    </message>
    <message>
        <source>Built-in on-screen keyboard</source>
        <translation>内置屏幕键盘</translation>
    </message>
    <message>
        <source>System or hardware keyboard</source>
        <translation>系统键盘或实体键盘</translation>
    </message>
    <message>
        <source>The stall needs a name.</source>
        <translation>摊位需要一个名称。</translation>
    </message>
    <message>
        <source>Nothing has changed.</source>
        <translation>没有任何更改。</translation>
    </message>
    <message>
        <source>The settings could not be saved. Check that the data folder is writable.</source>
        <translation>无法保存设置。请检查数据文件夹是否可写。</translation>
    </message>
    <message>
        <source>Saved. The new campaign folder is used from the next start of the kiosk.</source>
        <translation>已保存。新的活动文件夹将在签名站下次启动时使用。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>The PIN needs at least %1 digits, and digits only.</source>
        <translation>PIN 码需要至少 %1 位，且只能是数字。</translation>
    </message>
    <message>
        <source>The two PINs are not the same. Please type the PIN again in both fields.</source>
        <translation>两次输入的 PIN 码不一致。请在两个栏位中重新输入。</translation>
    </message>
    <message>
        <source>The PIN could not be saved. Check that the data folder is writable.</source>
        <translation>无法保存 PIN 码。请检查数据文件夹是否可写。</translation>
    </message>
    <message>
        <source>The new PIN is saved.</source>
        <translation>新 PIN 码已保存。</translation>
    </message>
    <message>
        <source>%1 (%2 free)</source>
        <translation>%1（可用 %2）</translation>
    </message>
    <message>
        <source>Another folder (type it below)</source>
        <translation>其他文件夹（在下方输入）</translation>
    </message>
    <message>
        <source>Choose a drive, or type the folder to export to.</source>
        <translation>请选择一个驱动器，或输入要导出到的文件夹。</translation>
    </message>
    <message>
        <source>The campaign folder was not saved, because the kiosk cannot use it: %1</source>
        <translation>未保存该活动文件夹，因为签名亭无法使用它：%1</translation>
    </message>
    <message>
        <source>Please choose a new PIN of at least %1 digits now. The old PIN is shorter, from before this kiosk sealed its data.</source>
        <translation>请现在设置至少 %1 位数字的新 PIN 码。旧 PIN 码较短，是本机加密数据之前设置的。</translation>
    </message>
    <message>
        <source>Sealed to coordinator key %1</source>
        <translation>已用协调人密钥 %1 加密</translation>
    </message>
    <message>
        <source>UNSEALED – test only</source>
        <translation>未加密——仅供测试</translation>
    </message>
    <message>
        <source>Sealed to coordinator key %1
This kiosk&apos;s own key %2</source>
        <translation>已用协调人密钥 %1 加密
本机自己的签名密钥 %2</translation>
    </message>
    <message>
        <source>Today %1 of the day&apos;s goal of %2 (%3%)</source>
        <translation>今天 %1 / 每日目标 %2（%3%）</translation>
    </message>
    <message>
        <source>Tap again to close the stall and switch off</source>
        <translation>再点一次即关闭摊位并关机</translation>
    </message>
    <message>
        <source>Close the stall</source>
        <translation>关闭摊位</translation>
    </message>
    <message>
        <source>This kiosk may not switch the machine off (%1). The kiosk app closes instead: switch off with the power button.</source>
        <translation>本签名站无法关机（%1）。签名程序将会退出：请用电源键关机。</translation>
    </message>
    <message>
        <source>No stick was found. Plug in your stick, choose it under Export, and tap Close the stall again; or close without exporting (the signatures stay on this kiosk for next time).</source>
        <translation>没有找到 U 盘。请插入 U 盘，在“导出”下选择它，然后再点“关闭摊位”；或者不导出直接关闭（签名会留在本签名站，下次再导出）。</translation>
    </message>
    <message>
        <source>1. Exporting the new signatures…</source>
        <translation>1. 正在导出新的签名……</translation>
    </message>
    <message>
        <source>Export failed: %1 The stall is still open; nothing was switched off.</source>
        <translation>导出失败：%1 摊位仍然开着，没有关机。</translation>
    </message>
    <message>
        <source>1. Nothing new to export: every signature is already on a stick.</source>
        <translation>1. 没有新的签名需要导出：所有签名都已在 U 盘上。</translation>
    </message>
    <message>
        <source>2. Checking the batch on the stick…</source>
        <translation>2. 正在检查 U 盘上的批次……</translation>
    </message>
    <message>
        <source>The batch on the stick does not check out (%1). Keep the stick plugged in and tap Close the stall again: the kiosk still has every signature%2.</source>
        <translation>U 盘上的批次检查未通过（%1）。请保持 U 盘插着，再点一次“关闭摊位”：本签名站仍保存着所有签名%2。</translation>
    </message>
    <message>
        <source>it is missing</source>
        <translation>批次不见了</translation>
    </message>
    <message>
        <source>, and will export them again</source>
        <translation>，并会重新导出</translation>
    </message>
    <message>
        <source>1–2. Not exported: the signatures stay on this kiosk. Export them next time.</source>
        <translation>1–2. 未导出：签名留在本签名站，下次再导出。</translation>
    </message>
    <message>
        <source>3. Making a backup…</source>
        <translation>3. 正在备份……</translation>
    </message>
    <message>
        <source>The backup failed: %1. The stall is still open; nothing was switched off.</source>
        <translation>备份失败：%1。摊位仍然开着，没有关机。</translation>
    </message>
    <message>
        <source>3. Backup made.</source>
        <translation>3. 已备份。</translation>
    </message>
    <message>
        <source>The audit log could not be written. The stall is still open.</source>
        <translation>无法写入审计日志。摊位仍然开着。</translation>
    </message>
    <message>
        <source>4. Written in the audit log. 5. Switching off…</source>
        <translation>4. 已记入审计日志。5. 正在关机……</translation>
    </message>
    <message>
        <source>1. Exported. Signatures in the batch: %1.</source>
        <translation>1. 已导出。批次中的签名：%1 个。</translation>
    </message>
    <message>
        <source>2. The batch on the stick checks out. Signatures in it: %1.</source>
        <translation>2. U 盘上的批次检查通过。其中的签名：%1 个。</translation>
    </message>
    <message>
        <source>This kiosk&apos;s own disk (the data folder)</source>
        <translation>本签名站自己的磁盘（数据文件夹）</translation>
    </message>
    <message>
        <source>Backups go to the same disk as the signatures: they help if the database is damaged, but not if the disk dies or the laptop is stolen. Leave an SD card or a stick plugged in and choose it here.</source>
        <translation>备份与签名在同一个磁盘上：数据库损坏时有用，但磁盘坏掉或笔记本电脑被偷时就没用了。请插着一张 SD 卡或一个 U 盘，并在这里选择它。</translation>
    </message>
    <message>
        <source>The backup folder was not saved: the kiosk cannot write to %1.</source>
        <translation>备份文件夹未保存：签名站无法写入 %1。</translation>
    </message>
</context>
<context>
    <name>kiosk::AttractPage</name>
    <message>
        <source>1 person signed here today</source>
        <translation>今天已有 1 人在此签名</translation>
    </message>
    <message>
        <source>%1 people signed here today</source>
        <translation>今天已有 %1 人在此签名</translation>
    </message>
    <message>
        <source>%1 · %2 in total</source>
        <translation>%1 · 总共 %2 人</translation>
    </message>
    <message>
        <source>Battery low</source>
        <translation>电量低</translation>
    </message>
</context>
<context>
    <name>kiosk::ClosedPage</name>
    <message>
        <source>UNSEALED – test only. Names on this kiosk are not protected: do not collect real signatures.</source>
        <translation>未加密——仅供测试。本机上的姓名不受保护：请勿收集真实签名。</translation>
    </message>
</context>
<context>
    <name>kiosk::FirstRunPage</name>
    <message>
        <source>To open the volunteer admin screen later: press and hold the top-left corner of the screen for 3 seconds, then enter the PIN.</source>
        <translation>以后要打开志愿者管理页面：请按住屏幕左上角 3 秒，然后输入 PIN 码。</translation>
    </message>
    <message>
        <source>Signatures are kept in: %1</source>
        <translation>签名保存在：%1</translation>
    </message>
    <message>
        <source>Please name the organisation that collects the signatures.</source>
        <translation>请填写收集签名的机构名称。</translation>
    </message>
    <message>
        <source>Please give the stall a name.</source>
        <translation>请为摊位起一个名称。</translation>
    </message>
    <message>
        <source>The PIN needs at least %1 digits, and digits only.</source>
        <translation>PIN 码需要至少 %1 位，且只能是数字。</translation>
    </message>
    <message>
        <source>The two PINs are not the same. Please type the PIN again in both fields.</source>
        <translation>两次输入的 PIN 码不一致。请在两个栏位中重新输入。</translation>
    </message>
    <message>
        <source>The settings could not be saved. Check that the data folder is writable, then try again.</source>
        <translation>无法保存设置。请检查数据文件夹是否可写，然后再试一次。</translation>
    </message>
    <message>
        <source>Signatures are sealed to the coordinator key %1. Read it back to your coordinator.</source>
        <translation>签名已用协调人密钥 %1 加密。请向协调人复述此编号以便核对。</translation>
    </message>
    <message>
        <source>UNSEALED – test only. Names on this kiosk are not protected: do not collect real signatures.</source>
        <translation>未加密——仅供测试。本机上的姓名不受保护：请勿收集真实签名。</translation>
    </message>
    <message>
        <source>Coordinator key found: %1. Read it back to your coordinator before you go on.</source>
        <translation>已找到协调人密钥：%1。继续之前，请向协调人复述此编号以便核对。</translation>
    </message>
    <message>
        <source>The coordinator key is missing. Put the file coordinator.pub from your coordinator on a USB stick or into the campaign folder, then tap &quot;Look for the coordinator key again&quot;.</source>
        <translation>缺少协调人密钥。请将协调人提供的 coordinator.pub 文件放到 U 盘或活动文件夹中，然后点按“重新查找协调人密钥”。</translation>
    </message>
    <message>
        <source>(A key file was found but cannot be used.)</source>
        <translation>（找到了密钥文件，但无法使用。）</translation>
    </message>
    <message>
        <source>The coordinator key is missing: the kiosk cannot protect names without it.</source>
        <translation>缺少协调人密钥：没有它，本机无法保护姓名。</translation>
    </message>
    <message>
        <source>The coordinator key could not be used: %1</source>
        <translation>无法使用协调人密钥：%1</translation>
    </message>
    <message>
        <source>This kiosk has a PIN already. Please enter that PIN in both fields.</source>
        <translation>本机已设置 PIN 码。请在两个栏中都输入该 PIN 码。</translation>
    </message>
</context>
<context>
    <name>kiosk::HourlyChart</name>
    <message>
        <source>Signatures per hour today</source>
        <translation>今天每小时的签名数</translation>
    </message>
    <message>
        <source>%1:00, %2</source>
        <translation>%1:00，%2</translation>
    </message>
    <message>
        <source>No signatures yet today</source>
        <translation>今天还没有签名</translation>
    </message>
</context>
<context>
    <name>kiosk::KioskWindow</name>
    <message>
        <source>Petition Kiosk</source>
        <translation>请愿签名站</translation>
    </message>
    <message>
        <source>The campaign folder could not be used, so the built-in campaign is shown. %1</source>
        <translation>无法使用活动文件夹，因此显示内置的活动内容。%1</translation>
    </message>
    <message>
        <source>Battery almost empty (%1%): signing is held until the kiosk is plugged in.</source>
        <translation>电量即将耗尽（%1%）：在接上电源之前暂停签名。</translation>
    </message>
    <message>
        <source>Battery low (%1%): plug the kiosk in soon.</source>
        <translation>电量低（%1%）：请尽快接上电源。</translation>
    </message>
    <message>
        <source>The disk is almost full (%1 MB free): signing is held. Export the signatures and free some space.</source>
        <translation>磁盘几乎已满（剩余 %1 MB）：已暂停签名。请导出签名并腾出空间。</translation>
    </message>
    <message>
        <source>The disk is getting full (%1 MB free): export the signatures and free some space.</source>
        <translation>磁盘空间不足（剩余 %1 MB）：请导出签名并腾出空间。</translation>
    </message>
</context>
<context>
    <name>kiosk::OnScreenKeyboard</name>
    <message>
        <source>On-screen keyboard</source>
        <translation>屏幕键盘</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>大写</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Accented letters</source>
        <translation>带重音符号的字母</translation>
    </message>
    <message>
        <source>Apostrophe</source>
        <translation>撇号</translation>
    </message>
    <message>
        <source>Hyphen</source>
        <translation>连字符</translation>
    </message>
    <message>
        <source>space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>Full stop</source>
        <translation>句点</translation>
    </message>
    <message>
        <source>At sign</source>
        <translation>@ 符号</translation>
    </message>
    <message>
        <source>Dot</source>
        <translation>点</translation>
    </message>
    <message>
        <source>Underscore</source>
        <translation>下划线</translation>
    </message>
    <message>
        <source>Hide keyboard</source>
        <translation>隐藏键盘</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一项</translation>
    </message>
    <message>
        <source>Close accented letters</source>
        <translation>关闭重音字母</translation>
    </message>
</context>
<context>
    <name>kiosk::PageDots</name>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
</context>
<context>
    <name>kiosk::PausedPage</name>
    <message>
        <source>Battery almost empty – please plug in</source>
        <translation>电量即将耗尽——请接上电源</translation>
    </message>
    <message>
        <source>Every signature so far is saved. Signing starts again once the kiosk is charging.</source>
        <translation>目前所有签名均已保存。开始充电后即可继续签名。</translation>
    </message>
    <message>
        <source>This kiosk is not taking signatures at the moment: its disk is almost full. A volunteer will be back shortly.</source>
        <translation>本签名站暂时不接受签名：磁盘几乎已满。志愿者很快就会回来。</translation>
    </message>
</context>
<context>
    <name>kiosk::PetitionPage</name>
    <message>
        <source>Translation for reference; you are signing the English text.</source>
        <translation>译文仅供参考；您签署的是英文原文。</translation>
    </message>
    <message>
        <source>Back to the petition</source>
        <translation>返回请愿书</translation>
    </message>
    <message>
        <source>Privacy notice</source>
        <translation>隐私声明</translation>
    </message>
</context>
<context>
    <name>kiosk::PinPad</name>
    <message>
        <source>Volunteer PIN</source>
        <translation>志愿者 PIN 码</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>PIN entered</source>
        <translation>已输入的 PIN 码</translation>
    </message>
    <message>
        <source>Wrong PIN. %1 more tries before the pad locks.</source>
        <translation>PIN 码错误。再错 %1 次后键盘将锁定。</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>PIN 码错误。</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>现在可以再试一次。</translation>
    </message>
    <message>
        <source>Too many wrong tries. The pad is locked for %1 more seconds.</source>
        <translation>错误次数过多。键盘已锁定，还需 %1 秒。</translation>
    </message>
</context>
<context>
    <name>kiosk::SignPage</name>
    <message>
        <source>Please write your name in Latin letters, or as you would on an official form.</source>
        <translation>请用拉丁字母（例如拼音）书写您的姓名，或按您在正式表格上的写法填写。</translation>
    </message>
</context>
<context>
    <name>kiosk::SignaturePad</name>
    <message>
        <source>Signature pad</source>
        <translation>签名板</translation>
    </message>
    <message>
        <source>Draw your signature with your finger. Optional.</source>
        <translation>请用手指写下您的签名（可选）。</translation>
    </message>
    <message>
        <source>Sign here with your finger</source>
        <translation>请用手指在此签名</translation>
    </message>
</context>
<context>
    <name>kiosk::StartupProblem</name>
    <message>
        <source>You can start a new, empty signature database now. The damaged one is kept beside it, unchanged, so that a coordinator can recover its signatures.</source>
        <translation>您现在可以启用一个新的空白签名数据库。受损的数据库会原样保留在旁边，以便协调人恢复其中的签名。</translation>
    </message>
    <message>
        <source>Start a new signature database</source>
        <translation>启用新的签名数据库</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>kiosk::StillThereOverlay</name>
    <message>
        <source>Still there?</source>
        <translation>您还在吗？</translation>
    </message>
    <message>
        <source>For your privacy, this form will be cleared in 1 second.</source>
        <translation>为保护您的隐私，此表格将在 1 秒后清空。</translation>
    </message>
    <message>
        <source>For your privacy, this form will be cleared in %1 seconds.</source>
        <translation>为保护您的隐私，此表格将在 %1 秒后清空。</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>kiosk::ThankYouPage</name>
    <message>
        <source>Thank you, %1!</source>
        <translation>谢谢您，%1！</translation>
    </message>
    <message>
        <source>You have already signed this petition. Thank you for your support.</source>
        <translation>您已经签署过本请愿书。感谢您的支持。</translation>
    </message>
    <message>
        <source>Your signature has been added to the petition.</source>
        <translation>您的签名已加入请愿书。</translation>
    </message>
    <message>
        <source>1 person signed here today</source>
        <translation>今天已有 1 人在此签名</translation>
    </message>
    <message>
        <source>%1 people signed here today</source>
        <translation>今天已有 %1 人在此签名</translation>
    </message>
    <message>
        <source>%1 · %2 in total</source>
        <translation>%1 · 总共 %2 人</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>谢谢！</translation>
    </message>
</context>
</TS>
