<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../htx_desktop/ui/about_dialog.py" line="+41"/>
        <source>Giới thiệu HTX Desktop</source>
        <translation>About HTX Desktop</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Theo dõi hợp tác xã, tổ hợp tác do phụ nữ tham gia quản lý, tạo việc làm cho lao động nữ (Quyết định 01/QĐ-TTg). Ứng dụng chạy không cần mạng; dữ liệu nằm trên máy này.</source>
        <translation>Follows cooperatives and cooperative groups managed with women, creating jobs for female workers (Decision 01/QĐ-TTg). Works offline; the data stays on this computer.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Phiên bản:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tệp dữ liệu:</source>
        <translation>Database file:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thư mục dữ liệu:</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phần mềm tự do theo giấy phép MIT. Phông chữ Liberation đi kèm theo giấy phép SIL Open Font License 1.1.</source>
        <translation>Free software under the MIT licence. The bundled Liberation fonts are under the SIL Open Font License 1.1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Giấy phép:</source>
        <translation>Licence:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bấm F1 ở bất kỳ màn hình nào để mở hướng dẫn sử dụng. Cần hỗ trợ thêm, hãy liên hệ Hội LHPN cấp huyện/cụm hoặc cấp tỉnh phụ trách đơn vị của bạn (nơi nhận báo cáo), và đọc số phiên bản ở trên.</source>
        <translation>Press F1 on any screen to open the user guide. For more help, contact the district/cluster or province Women&apos;s Union in charge of your unit (where your reports go), and read them the version number above.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Trợ giúp:</source>
        <translation>Help:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mở thư mục dữ liệu</source>
        <translation>Open data folder</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hướng dẫn sử dụng</source>
        <translation>User guide</translation>
    </message>
</context>
<context>
    <name>AnchorModel</name>
    <message>
        <location filename="../../htx_desktop/ui/anchors_widget.py" line="+57"/>
        <source>Tổ chức chứng thực</source>
        <translation>Certification authority</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dấu vân tay</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hiệu lực đến</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Danh sách thu hồi (CRL)</source>
        <translation>Revocation list (CRL)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chưa có — hãy nhập tệp CRL</source>
        <translation>None yet — import a CRL file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ngày {0} ({1} ngày trước), {2} chứng thư bị thu hồi</source>
        <translation>Dated {0} ({1} days ago), {2} certificates revoked</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> — đã quá hạn cập nhật, hãy lấy bản mới</source>
        <translation> — past its update date, get a new one</translation>
    </message>
</context>
<context>
    <name>AnchorsWidget</name>
    <message>
        <location line="+39"/>
        <source>Gói ký bằng USB token hợp lệ khi chứng thư của người ký do một tổ chức chứng thực dưới đây cấp, còn hiệu lực và chưa bị thu hồi. Người ký vẫn cần được gắn với một đơn vị một lần (mục Người ký được tin cậy).</source>
        <translation>A bundle signed with a USB token is valid when the signer&apos;s certificate was issued by a certification authority below, is still valid and has not been revoked. The signer still has to be tied to a unit once (Trusted signers).</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cài chứng thư tổ chức chứng thực…</source>
        <translation>Install a certification authority certificate…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nhập danh sách thu hồi (CRL)…</source>
        <translation>Import a revocation list (CRL)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gỡ…</source>
        <translation>Remove…</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Chọn chứng thư của tổ chức chứng thực</source>
        <translation>Choose the certification authority&apos;s certificate</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+53"/>
        <source>Tổ chức chứng thực</source>
        <translation>Certification authority</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>Chọn tệp danh sách thu hồi</source>
        <translation>Choose the revocation list file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Danh sách thu hồi (*.crl *.pem *.der)</source>
        <translation>Revocation lists (*.crl *.pem *.der)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Danh sách thu hồi</source>
        <translation>Revocation list</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Gỡ tổ chức chứng thực</source>
        <translation>Remove certification authority</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gỡ {0}?

Gói ký bằng chứng thư do tổ chức này cấp sẽ bị từ chối.</source>
        <translation>Remove {0}?

Bundles signed with certificates issued by this authority will be refused.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Không lưu được; chi tiết đã ghi vào nhật ký lỗi.</source>
        <translation>Could not save; the details were written to the error log.</translation>
    </message>
</context>
<context>
    <name>AttendeePicker</name>
    <message>
        <location filename="../../htx_desktop/ui/pages/attendee_picker.py" line="+217"/>
        <source>Chọn học viên có tên</source>
        <translation>Choose named participants</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Đánh dấu những người quản lý HTX, THT và cán bộ Hội đã dự lớp. Gõ tên (không dấu cũng được) để tìm nhanh; nhấn phím cách để đánh dấu người đang chọn.</source>
        <translation>Tick the cooperative and group managers and Union officers who attended. Type a name (diacritics optional) to find someone quickly; press Space to tick the selected person.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tìm theo tên, HTX, chức danh…</source>
        <translation>Search by name, cooperative, position…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chỉ hiện người đã đánh dấu</source>
        <translation>Show only ticked people</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Đang tải danh sách…</source>
        <translation>Loading the list…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Không tải được danh sách: {error}</source>
        <translation>Could not load the list: {error}</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Đã đánh dấu {count} người ({managers} người quản lý, {cadres} cán bộ Hội)</source>
        <translation>{count} people ticked ({managers} managers, {cadres} Union officers)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Không lưu được</source>
        <translation>Could not save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không lưu được danh sách học viên: {error}</source>
        <translation>Could not save the participant list: {error}</translation>
    </message>
</context>
<context>
    <name>BackupReminder</name>
    <message>
        <location filename="../../htx_desktop/ui/backup_reminder.py" line="+48"/>
        <source>Sao lưu ra thư mục/USB…</source>
        <translation>Back up to a folder/USB…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Để mai nhắc lại</source>
        <translation>Remind me tomorrow</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Chưa có bản sao lưu nào ở ngoài máy tính. Nếu máy hỏng hoặc bị mất, dữ liệu sẽ mất theo: hãy cắm USB và sao lưu.</source>
        <translation>There is no backup outside this computer yet. If the computer breaks or is lost, the data goes with it: plug in a USB stick and back up.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Lần sao lưu ra ngoài máy tính gần nhất đã cách đây {0} ngày ({1}). Hãy cắm USB và sao lưu lại.</source>
        <translation>The last backup outside this computer was {0} days ago ({1}). Plug in a USB stick and back up again.</translation>
    </message>
</context>
<context>
    <name>BackupWidget</name>
    <message>
        <location filename="../../htx_desktop/ui/backup_widget.py" line="+63"/>
        <source>Ứng dụng tự sao lưu khi mở, mỗi ngày, trước khi nhập và trước khi nâng cấp.</source>
        <extracomment>What `ctx.events.changed` carries after a copy outside the computer (the reminder listens). A copy was written to a chosen folder (its path); a restore finished.</extracomment>
        <translation>The application makes a backup when it opens, every day, before each import and before each upgrade.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sao lưu ngay</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Khôi phục bản đã chọn…</source>
        <translation>Restore the selected backup…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sao lưu ra thư mục/USB…</source>
        <translation>Back up to a folder/USB…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Khôi phục từ tệp…</source>
        <translation>Restore from a file…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Lần sao lưu ra ngoài máy gần nhất: {0}, vào {1}</source>
        <translation>Last backup outside this computer: {0}, to {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Chưa sao lưu ra ngoài máy tính (USB hoặc thư mục khác) lần nào.</source>
        <translation>Never backed up outside this computer (USB stick or another folder).</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+54"/>
        <source>Không sao lưu được</source>
        <translation>Backup failed</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Khôi phục bản sao lưu</source>
        <translation>Restore a backup</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dữ liệu sẽ trở về đúng như lúc {0}. Những gì nhập sau thời điểm đó sẽ mất (tệp hiện tại được sao lưu trước để có thể quay lại). Khôi phục?</source>
        <translation>The data will go back to exactly how it was at {0}. Anything entered after that will be lost (the current file is backed up first so you can go back). Restore?</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+50"/>
        <location line="+6"/>
        <location line="+9"/>
        <location line="+16"/>
        <source>Không khôi phục được</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <location line="-77"/>
        <location line="+82"/>
        <source>Đã khôi phục</source>
        <translation>Restored</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>Đã khôi phục bản sao lưu.</source>
        <translation>The backup has been restored.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Chọn thư mục hoặc USB để sao lưu</source>
        <translation>Choose a folder or USB stick for the backup</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Đã sao lưu</source>
        <translation>Backed up</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Đã sao lưu vào tệp {0}.</source>
        <translation>Backed up to the file {0}.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Chọn tệp sao lưu để khôi phục</source>
        <translation>Choose a backup file to restore</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bản sao lưu HTX Desktop (*.sqlite3);;Mọi tệp (*)</source>
        <translation>HTX Desktop backups (*.sqlite3);;All files (*)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Khôi phục từ tệp sao lưu</source>
        <translation>Restore from a backup file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dữ liệu sẽ trở về đúng như trong tệp {0} (ghi lúc {1}). Những gì nhập sau thời điểm đó sẽ mất (tệp hiện tại được sao lưu trước để có thể quay lại). Khôi phục?</source>
        <translation>The data will return to exactly what the file {0} holds (written at {1}). Anything entered after that will be lost (the current file is backed up first so you can go back). Restore?</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Đã khôi phục từ tệp {0}.</source>
        <translation>Restored from the file {0}.</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <location filename="../../htx_desktop/ui/import_wizard.py" line="+81"/>
        <source>Kiểm tra trước khi nhập</source>
        <translation>Check before importing</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mỗi gói được kiểm tra chữ ký và thử gộp vào dữ liệu của máy này, chưa ghi gì. Chọn một dòng để xem chi tiết.</source>
        <translation>Each bundle&apos;s signature is checked and a merge into this computer&apos;s data is tried, without writing anything yet. Select a row to see the details.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Đang kiểm tra {0} gói…</source>
        <translation>Checking {0} bundles…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Đang kiểm tra {0} ({1}/{2})…</source>
        <translation>Checking {0} ({1}/{2})…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{0} gói hợp lệ, {1} gói chưa tin cậy người ký, {2} gói bị từ chối.</source>
        <translation>{0} bundles valid, {1} with an untrusted signer, {2} rejected.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chọn gói chưa tin cậy để xem dấu vân tay của người ký và so với người gửi.</source>
        <translation>Select an untrusted bundle to see its signer&apos;s fingerprint and compare it with the sender&apos;s.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Không kiểm tra được các gói; chi tiết đã ghi vào nhật ký lỗi.</source>
        <translation>Could not check the bundles; the details were written to the error log.</translation>
    </message>
</context>
<context>
    <name>ChoiceEditor</name>
    <message>
        <location filename="../../htx_desktop/ui/form_widgets.py" line="+303"/>
        <source>— Chọn —</source>
        <translation>— Choose —</translation>
    </message>
</context>
<context>
    <name>CommunePage</name>
    <message>
        <location filename="../../htx_desktop/ui/setup_pages.py" line="+164"/>
        <source>Xã / phường</source>
        <translation>Commune / ward</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gõ tên xã/phường không cần dấu, ví dụ “tinh khe”, rồi nhấn Enter.</source>
        <translation>Type the commune/ward name (diacritics optional), e.g. “tinh khe”, then press Enter.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tìm xã/phường</source>
        <translation>Find a commune/ward</translation>
    </message>
</context>
<context>
    <name>CopyFromPrevious</name>
    <message>
        <location filename="../../htx_desktop/ui/figures_copy.py" line="+39"/>
        <location line="+67"/>
        <source>Sao chép từ kỳ trước</source>
        <translation>Copy from the previous period</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Điền các số liệu của kỳ gần nhất trước kỳ này để sửa lại; chưa lưu gì.</source>
        <translation>Fill in the figures of the latest earlier period for you to correct; nothing is saved yet.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Kỳ gần nhất có số liệu: {period}.</source>
        <translation>Latest period with figures: {period}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chọn kỳ để có thể sao chép số liệu kỳ trước.</source>
        <translation>Choose the period to copy the previous period&apos;s figures.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chưa có kỳ nào trước kỳ này có số liệu.</source>
        <translation>No earlier period has figures yet.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Kỳ này đã có số liệu trên biểu mẫu. Thay tất cả bằng số liệu {source}?

Chưa có gì được lưu cho đến khi bạn nhấn Lưu.</source>
        <translation>This period already has figures on the form. Replace them all with the figures of {source}?

Nothing is saved until you press Save.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Đã chép số liệu {source}: hãy sửa những số đã thay đổi rồi nhấn Lưu.</source>
        <translation>Copied the figures of {source}: correct the numbers that changed, then press Save.</translation>
    </message>
</context>
<context>
    <name>CrashGuard</name>
    <message>
        <location filename="../../htx_desktop/ui/crash_guard.py" line="+86"/>
        <source>Đã xảy ra lỗi ngoài dự kiến. Những gì đã lưu trước đó vẫn còn nguyên, không bị mất. Thao tác vừa rồi có thể chưa hoàn thành; ứng dụng vẫn tiếp tục chạy. Hãy kiểm tra lại dữ liệu vừa nhập.</source>
        <translation>An unexpected error occurred. What was saved before is all still there; nothing was lost. The last action may not have finished; the application keeps running. Please check the data you just entered.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Không ghi được tệp nhật ký lỗi. Nếu lỗi lặp lại, hãy báo cho người hỗ trợ kỹ thuật.</source>
        <translation>The error log could not be written. If the error happens again, tell your technical support.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chi tiết lỗi đã được ghi vào tệp:
{0}

Nếu lỗi lặp lại, hãy gửi tệp này cho người hỗ trợ kỹ thuật.</source>
        <translation>The details of the error were written to the file:
{0}

If the error happens again, send this file to your technical support.</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Lỗi</source>
        <translation>Error</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mở thư mục nhật ký</source>
        <translation>Open the log folder</translation>
    </message>
    <message>
        <location line="+178"/>
        <source>Lần trước ứng dụng không đóng bình thường</source>
        <translation>The application did not close normally last time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lần trước HTX Desktop đã dừng đột ngột (do lỗi, mất điện hoặc máy bị tắt). Những hồ sơ đã lưu vẫn còn nguyên; phần đang nhập dở (nếu có) sẽ được đề nghị mở lại.</source>
        <translation>Last time HTX Desktop stopped suddenly (an error, a power cut or the computer being switched off). The records already saved are all still there; anything being typed (if any) will be offered back.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Thông tin về lần dừng đó được ghi trong tệp:
{0}</source>
        <translation>Information about that stop was written to the file:
{0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nếu việc này lặp lại, hãy gửi các tệp trong thư mục nhật ký cho người hỗ trợ kỹ thuật:
{0}

Mở thư mục nhật ký ngay bây giờ?</source>
        <translation>If this happens again, send the files in the log folder to your technical support:
{0}

Open the log folder now?</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../htx_desktop/ui/pages/dashboard_page.py" line="+139"/>
        <source>Tổng quan — {0}</source>
        <extracomment>Indicators shown as columns of the per-unit table (the counts the plan is judged on first). Emitted on the GUI thread each time new numbers are shown (tests wait for it).</extracomment>
        <translation>Overview — {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kỳ báo cáo:</source>
        <translation>Reporting &amp;period:</translation>
    </message>
    <message>
        <location line="+56"/>
        <location line="+11"/>
        <source>6 tháng đầu năm {0}</source>
        <translation>First half of {0}</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Năm {0}</source>
        <translation>Year {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (đang diễn ra)</source>
        <translation> (in progress)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>6 tháng cuối năm {0}</source>
        <translation>Second half of {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>HTX do
PN quản lý</source>
        <translation>Women-managed
coops</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>THT do
PN quản lý</source>
        <translation>Women-managed
groups</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Việc làm
nữ (HTX)</source>
        <translation>Women&apos;s jobs
(coops)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lao động
nữ (THT)</source>
        <translation>Women workers
(groups)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTX mới
thành lập</source>
        <translation>Newly founded
coops</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nữ QL HTX
được đào tạo</source>
        <translation>Women coop managers
trained</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Đang tính số liệu tổng quan…</source>
        <translation>Calculating the overview figures…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Tiến độ thực hiện kế hoạch {0}: {1}, số liệu tính đến ngày {2}, so với chỉ tiêu đến năm {3}. Thanh màu xanh: đã đạt chỉ tiêu; màu vàng: chưa đạt. Bấm vào một ô để xem danh sách được tính.</source>
        <translation>Progress on plan {0}: {1}, figures as of {2}, against the targets for {3}. Green bar: target met; yellow: not yet met. Click a card to see the records counted.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Chỉ tiêu và mốc là của cả tỉnh; số của đơn vị bạn là phần đóng góp vào chỉ tiêu đó.</source>
        <translation>Targets and baselines are for the whole province; your unit&apos;s figures are its contribution to them.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} HTX/tổ hợp tác được tính chưa có số liệu {1}: số việc làm, lao động nữ của chúng đang tính là 0.</source>
        <translation>{0} cooperatives/groups counted have no figures for {1}: their jobs and women workers are counted as 0.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tổng quan {0}: tính lúc {1}</source>
        <translation>Overview {0}: calculated at {1}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Không tính được số liệu tổng quan; chi tiết đã ghi vào nhật ký lỗi.</source>
        <translation>Could not calculate the overview figures; the details were written to the error log.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Theo đơn vị trực thuộc</source>
        <translation>By subordinate unit</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <location filename="../../htx_desktop/ui/form_widgets.py" line="-97"/>
        <source>Chọn ngày trên lịch (F4)</source>
        <extracomment>Field widths that suit their content: a number or a date in a full-width box looks like a place for a paragraph.</extracomment>
        <translation>Pick a date from the calendar (F4)</translation>
    </message>
</context>
<context>
    <name>DistrictDialog</name>
    <message>
        <location filename="../../htx_desktop/ui/district_dialog.py" line="+37"/>
        <location line="+24"/>
        <source>Tạo cụm/huyện</source>
        <translation>Create group/district</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Chứng thư ghi cụm/huyện mã {0}, máy này chưa có. Gói của cụm/huyện chỉ được ghi dữ liệu của các xã bạn đánh dấu dưới đây: hãy đánh dấu đúng các xã thuộc cụm (hỏi cán bộ cụm/huyện nếu cần).</source>
        <translation>The certificate names the group/district with code {0}, which this computer does not have. Its bundles may only write data of the communes you tick below: tick exactly the communes of the group (ask the district officer if needed).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tên cụm/huyện:</source>
        <translation>Group/district name:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tìm xã/phường</source>
        <translation>Find a commune/ward</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>DistrictPage</name>
    <message>
        <location filename="../../htx_desktop/ui/setup_pages.py" line="+30"/>
        <source>Cụm xã / huyện</source>
        <translation>Commune group / district</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Đặt tên cho cụm (ví dụ “Huyện Sơn Tịnh cũ”) và đánh dấu các xã/phường thuộc cụm. Space đánh dấu xã đang chọn trong danh sách, Ctrl+Space khi đang gõ tìm.</source>
        <translation>Name the group (e.g. “former Sơn Tịnh District”) and tick the communes/wards that belong to it. Space ticks the commune selected in the list; Ctrl+Space while typing a search.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tên cụm/huyện</source>
        <translation>Group/district name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tên cụm/huyện:</source>
        <translation>Group/district name:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tìm xã/phường</source>
        <translation>Find a commune/ward</translation>
    </message>
</context>
<context>
    <name>Exchange</name>
    <message>
        <location filename="../../htx_desktop/ui/export_choices.py" line="+78"/>
        <source>Lượt học viên tập huấn</source>
        <translation>Training attendances</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>6 tháng đầu năm {0}</source>
        <translation>First half of {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Năm {0}</source>
        <translation>Year {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (đang diễn ra)</source>
        <translation> (in progress)</translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message>
        <location filename="../../htx_desktop/ui/pages/exchange_page.py" line="+97"/>
        <source>Xuất/Nhập dữ liệu — {0}</source>
        <translation>Export/Import data — {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Xuất gói dữ liệu</source>
        <translation>Export data bundle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nhập gói dữ liệu</source>
        <translation>Import data bundles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tình hình nộp báo cáo</source>
        <translation>Reporting status</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sổ nhập</source>
        <translation>Import ledger</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Người ký được tin cậy</source>
        <translation>Trusted signers</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Nhập từ Excel</source>
        <translation>Import from Excel</translation>
    </message>
    <message>
        <location line="+203"/>
        <source>Máy này chưa có khóa ký</source>
        <translation>This computer has no signing key yet</translation>
    </message>
    <message>
        <location line="-183"/>
        <source>Mỗi 6 tháng và cuối năm, xuất gói dữ liệu có chữ ký số của đơn vị (toàn bộ hồ sơ, bảng tính Excel và báo cáo PDF) rồi gửi cho cấp trên qua USB hoặc thư điện tử.</source>
        <translation>Every six months and at the end of the year, export your unit&apos;s digitally signed data bundle (all records, an Excel workbook and the PDF report) and send it to the level above on a USB stick or by email.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Xuất gói dữ liệu…</source>
        <translation>Export data bundle…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Mở thư mục</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Nhập các gói dữ liệu cấp dưới gửi lên. Trước khi ghi, ứng dụng kiểm tra chữ ký và cho biết sẽ có bao nhiêu hồ sơ mới, cập nhật, trùng hoặc bị từ chối.</source>
        <translation>Import the data bundles sent by the levels below. Before writing anything, the application checks the signatures and tells you how many records will be new, updated, duplicated or rejected.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kéo thả các tệp .zip vào đây để nhập</source>
        <translation>Drag and drop .zip files here to import them</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nhập gói dữ liệu…</source>
        <translation>Import data bundles…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Danh sách Excel (không ký số)</source>
        <translation>Excel lists (not signed)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nhập từ Excel…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tải mẫu Excel…</source>
        <translation>Download Excel template…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Bảng này dành cho Hội LHPN cụm/huyện và tỉnh: cho biết xã/phường nào đã gửi gói dữ liệu của kỳ, xã nào chưa. Ở cấp xã, bạn chỉ cần xuất gói dữ liệu và gửi cho cấp trên.</source>
        <translation>This table is for district/group and provincial Women&apos;s Unions: it shows which communes/wards have sent their data bundle for the period and which have not. At commune level you only need to export your data bundle and send it to the level above.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Kỳ báo cáo:</source>
        <translation>Reporting &amp;period:</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Hãy tạo khóa ký (ở trên) trước khi xuất gói dữ liệu.</source>
        <translation>Create a signing key (above) before exporting a data bundle.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Khóa ký: {0}</source>
        <translation>Signing key: {0}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Gói xuất gần nhất: {0}</source>
        <translation>Last exported bundle: {0}</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Không đọc được tình hình nộp báo cáo.</source>
        <translation>Could not read the reporting status.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{0}/{1} đơn vị đã nộp gói dữ liệu kỳ {2}</source>
        <translation>{0}/{1} units have submitted their data bundle for {2}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../htx_desktop/ui/export_dialog.py" line="+94"/>
        <source>Xuất gói dữ liệu</source>
        <translation>Export data bundle</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Xuất gói dữ liệu — {0}</source>
        <translation>Export data bundle — {0}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Gói dữ liệu là một tệp .zip gồm toàn bộ hồ sơ của đơn vị, bảng tính Excel và báo cáo PDF của kỳ, tất cả được ký bằng khóa ký của bạn. Gửi tệp này cho cấp trên qua USB hoặc thư điện tử.</source>
        <translation>The data bundle is a .zip file with all of your unit&apos;s records, an Excel workbook and the period&apos;s PDF report, all signed with your signing key. Send this file to the level above on a USB stick or by email.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Kỳ báo cáo:</source>
        <translation>Reporting &amp;period:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Chọn thư mục…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lưu vào &amp;thư mục:</source>
        <translation>Save to &amp;folder:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bỏ thông tin cá nhân khỏi bảng tính và báo cáo PDF (nơi nhận không cần)</source>
        <translation>Leave personal data out of the workbook and the PDF report (the receiver does not need it)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tệp dữ liệu để cấp trên gộp vẫn giữ đủ; chỉ phần để đọc bỏ thông tin cá nhân.</source>
        <translation>The data file the unit above merges stays complete; only the parts people read leave personal data out.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Dữ liệu sẽ gửi đi</source>
        <translation>Data to be sent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đang đếm hồ sơ…</source>
        <translation>Counting records…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Mở thư mục</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Xuất gói dữ liệu</source>
        <translation>&amp;Export data bundle</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Không đếm được hồ sơ.</source>
        <translation>Could not count the records.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Kèm {0} hồ sơ đã xóa, để cấp trên cũng xóa theo trong dữ liệu của mình.</source>
        <translation>Includes {0} deleted records, so that the level above deletes them from its data too.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Chọn thư mục lưu gói dữ liệu</source>
        <translation>Choose the folder for the data bundle</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Mã PIN của USB token</source>
        <translation>USB token PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cắm USB token ký số và nhập mã PIN để ký gói dữ liệu {0}.</source>
        <translation>Plug in the signing USB token and enter its PIN to sign the data bundle {0}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mật khẩu khóa ký</source>
        <translation>Signing key password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nhập mật khẩu khóa ký để ký gói dữ liệu {0}.</source>
        <translation>Enter your signing key password to sign the data bundle {0}.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Đang mở khóa ký…</source>
        <translation>Unlocking the signing key…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Đang mở USB token…</source>
        <translation>Opening the USB token…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Đã xuất: {0}</source>
        <translation>Exported: {0}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Không ghi được gói dữ liệu vào thư mục {0}: {1}.</source>
        <translation>Could not write the data bundle to the folder {0}: {1}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Xuất gói dữ liệu không thành công; chi tiết đã ghi vào nhật ký lỗi.</source>
        <translation>Exporting the data bundle failed; the details were written to the error log.</translation>
    </message>
</context>
<context>
    <name>FiguresGridModel</name>
    <message>
        <location filename="../../htx_desktop/ui/pages/figures_grid.py" line="+57"/>
        <source>6 tháng đầu năm {year}</source>
        <translation>First half of {year}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>6 tháng cuối năm {year}</source>
        <translation>Second half of {year}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Tỷ lệ lao động nữ</source>
        <translation>Share of women workers</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nhấp đúp hoặc nhấn Enter để sửa số liệu kỳ này</source>
        <translation>Double-click or press Enter to edit this period&apos;s figures</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chưa nhập số liệu kỳ này: nhấp đúp hoặc nhấn Enter để nhập</source>
        <translation>No figures for this period yet: double-click or press Enter to enter them</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>chưa nhập</source>
        <translation>not entered</translation>
    </message>
</context>
<context>
    <name>FilesPage</name>
    <message>
        <location filename="../../htx_desktop/ui/import_files_page.py" line="+46"/>
        <location line="+56"/>
        <source>Chọn gói dữ liệu</source>
        <translation>Choose data bundles</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Chọn các tệp gói dữ liệu (.zip) cấp dưới gửi lên, hoặc kéo thả tệp vào danh sách. Bước sau kiểm tra chữ ký và cho biết sẽ nhập những gì, chưa ghi gì cả.</source>
        <translation>Choose the data bundle files (.zip) sent by the levels below, or drag and drop them onto the list. The next step checks the signatures and shows what will be imported, without writing anything yet.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+60"/>
        <source>Chưa chọn tệp nào. Kéo thả tệp .zip vào đây.</source>
        <translation>No files chosen. Drag and drop .zip files here.</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Thêm tệp…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bỏ tệp đã chọn</source>
        <translation>Remove selected file</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>{0} tệp. Có thể kéo thả thêm tệp .zip vào đây.</source>
        <translation>{0} files. You can drag and drop more .zip files here.</translation>
    </message>
</context>
<context>
    <name>HelpViewer</name>
    <message>
        <location filename="../../htx_desktop/ui/help_viewer.py" line="+135"/>
        <source>Hướng dẫn sử dụng HTX Desktop</source>
        <extracomment>The guide&apos;s page for each page of the main window (keys of `page_registry.PAGE_KEYS`). The guide&apos;s place for each main dialog (&quot;page.html#anchor&quot;). The print preview of a record list: the part of that list&apos;s page about export and printing (keys are the lists&apos; form keys). Dynamic property naming the help topic of a window (tests and the screenshots read it).</extracomment>
        <translation>HTX Desktop user guide</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mục lục</source>
        <translation>Contents</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../htx_desktop/ui/history_dialog.py" line="+71"/>
        <source>Lịch sử thay đổi</source>
        <translation>Change history</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location line="-48"/>
        <source>Thời điểm</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Người thực hiện</source>
        <translation>By</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thao tác</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trường</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Giá trị cũ</source>
        <translation>Old value</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Giá trị mới</source>
        <translation>New value</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../htx_desktop/ui/import_wizard.py" line="+195"/>
        <source>Nhập gói dữ liệu</source>
        <translation>Import data bundles</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt; Quay lại</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tiếp theo &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>IndicatorCard</name>
    <message>
        <location filename="../../htx_desktop/ui/indicator_card.py" line="+66"/>
        <source>chưa có số liệu để tính, chỉ tiêu {0}</source>
        <translation>nothing to compute yet, target {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>đạt {0}, chưa có chỉ tiêu</source>
        <translation>reached {0}, no target set</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>đạt {0}, chỉ tiêu toàn tỉnh {1}</source>
        <translation>reached {0}, province-wide target {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>đạt {0}, chỉ tiêu {1}</source>
        <translation>reached {0}, target {1}</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Bằng {0} chỉ tiêu</source>
        <translation>{0} of the target</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Bấm (hoặc Enter) để xem danh sách được tính</source>
        <translation>Click (or press Enter) to see the records counted</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{0} trên {1}</source>
        <translation>{0} of {1}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chưa có ai để tính tỷ lệ</source>
        <translation>No one to calculate a rate from yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mốc 30/12/2022: {0}</source>
        <translation>Baseline 30/12/2022: {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Đến {0}:</source>
        <translation>By {0}:</translation>
    </message>
</context>
<context>
    <name>IndicatorRecordsDialog</name>
    <message>
        <location filename="../../htx_desktop/ui/indicator_records_dialog.py" line="+97"/>
        <source>Đang tải danh sách…</source>
        <translation>Loading the list…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Bấm đúp (hoặc Enter) vào một dòng để mở hồ sơ.</source>
        <translation>Double-click a row (or press Enter) to open the record.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Không đọc được danh sách; chi tiết đã ghi vào nhật ký lỗi.</source>
        <translation>Could not read the list; the details are in the error log.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mã số HTX</source>
        <translation>Cooperative code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mã số</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tên hợp tác xã</source>
        <translation>Cooperative name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tên tổ hợp tác</source>
        <translation>Group name</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tên lớp tập huấn</source>
        <translation>Training title</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tổ trưởng</source>
        <translation>Group leader</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thuộc HTX</source>
        <translation>Cooperative</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chức vụ</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ngày bắt đầu</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Xã/phường</source>
        <translation>Commune/ward</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Việc làm nữ</source>
        <translation>Female jobs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lao động nữ</source>
        <translation>Female workers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Số người được tính</source>
        <translation>People counted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã được tập huấn</source>
        <translation>Trained</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Không</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>{0} người, trong đó {1} người đã được tập huấn</source>
        <translation>{0} people, {1} of them trained</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} hồ sơ được tính</source>
        <translation>{0} records counted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} hồ sơ, cộng lại {1}</source>
        <translation>{0} records, adding up to {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}, {1}: {2} ({3}). {4}.</source>
        <translation>{0}, {1}: {2} ({3}). {4}.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Không mở được hồ sơ</source>
        <translation>Could not open the record</translation>
    </message>
</context>
<context>
    <name>Interaction</name>
    <message>
        <location filename="../../htx_desktop/ui/confirm.py" line="+39"/>
        <source>Xóa</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đồng ý</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>KeyBox</name>
    <message>
        <location filename="../../htx_desktop/ui/key_box.py" line="+81"/>
        <source>Khóa ký số của máy này</source>
        <translation>This computer&apos;s signing key</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Máy này chưa có khóa ký</source>
        <translation>This computer has no signing key yet</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cần có khóa ký để xuất gói dữ liệu gửi cấp trên: mỗi gói được ký bằng khóa này để cấp trên biết chắc do bạn gửi. Tạo khóa một lần, đặt mật khẩu bảo vệ, rồi gửi chứng thư (tệp .pem) cho cấp trên.</source>
        <translation>A signing key is needed to export data bundles for the level above: each bundle is signed with it so the level above knows for sure you sent it. Create the key once, protect it with a password, then send the certificate (.pem file) to the level above.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tạo khóa ký…</source>
        <translation>Create signing key…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Lưu chứng thư…</source>
        <translation>Save certificate…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tạo khóa mới…</source>
        <translation>Create new key…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Khóa ký của {0}, hiệu lực đến {1}. Dấu vân tay (đọc cho cấp trên khi gửi chứng thư):</source>
        <translation>Signing key of {0}, valid until {1}. Fingerprint (read it out to the level above when you send the certificate):</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Tạo khóa mới</source>
        <translation>Create new key</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Khóa ký hiện tại sẽ không dùng để ký nữa. Sau khi tạo khóa mới, bạn phải gửi chứng thư mới cho cấp trên và đọc dấu vân tay mới để họ tin cậy lại; nếu không, gói dữ liệu của bạn sẽ bị từ chối.

Vẫn tạo khóa mới?</source>
        <translation>The current signing key will no longer be used for signing. After creating a new key you must send the new certificate to the level above and read out the new fingerprint so that they trust you again; otherwise your data bundles will be rejected.

Create a new key anyway?</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+36"/>
        <source>Tạo khóa ký</source>
        <translation>Create signing key</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Đặt mật khẩu bảo vệ khóa ký. Mỗi lần xuất gói dữ liệu bạn sẽ được hỏi mật khẩu này.</source>
        <translation>Set a password to protect the signing key. You will be asked for it each time you export a data bundle.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Đã tạo khóa ký. Hãy lưu chứng thư và gửi cho cấp trên.</source>
        <translation>Signing key created. Save the certificate and send it to the level above.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Không tạo được khóa ký; chi tiết đã ghi vào nhật ký lỗi.</source>
        <translation>Could not create the signing key; the details were written to the error log.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+10"/>
        <source>Lưu chứng thư</source>
        <translation>Save certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không ghi được tệp {0}: {1}.</source>
        <translation>Could not write the file {0}: {1}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Đã lưu chứng thư vào {0}</source>
        <translation>Certificate saved to {0}</translation>
    </message>
</context>
<context>
    <name>KeyPage</name>
    <message>
        <location filename="../../htx_desktop/ui/token_setup_page.py" line="+27"/>
        <source>Dùng USB token ký số (khuyên dùng nếu chị có)</source>
        <translation>Use a signing USB token (recommended if you have one)</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <location filename="../../htx_desktop/ui/setup_pages.py" line="+69"/>
        <source>Ngôn ngữ giao diện</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Có thể đổi lại trong Cài đặt.</source>
        <translation>You can change this later in Settings.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ngôn ngữ:</source>
        <translation>Language:</translation>
    </message>
</context>
<context>
    <name>LedgerModel</name>
    <message>
        <location filename="../../htx_desktop/ui/ledger_widget.py" line="+47"/>
        <source>Nhận lúc</source>
        <extracomment>Records listed by name in the confirmation (the rest are counted).</extracomment>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kỳ</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tệp</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Người ký</source>
        <translation>Signer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kết quả</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Đã nhập</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không thay đổi</source>
        <translation>No change</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bị từ chối</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã hoàn tác</source>
        <translation>Undone</translation>
    </message>
</context>
<context>
    <name>LedgerWidget</name>
    <message>
        <location line="+37"/>
        <source>Các gói dữ liệu đã nhập vào máy này, mới nhất ở trên. Nếu nhập nhầm một gói, chọn dòng đó rồi bấm “Hoàn tác lần nhập…”: hồ sơ trở lại như trước khi nhập.</source>
        <translation>The data bundles imported on this computer, newest first. If a bundle was imported by mistake, select its row and click “Undo import…”: the records return to what they were before the import.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Hoàn tác lần nhập…</source>
        <translation>Undo import…</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Đang kiểm tra lần nhập…</source>
        <translation>Checking the import…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Hoàn tác lần nhập gói “{0}” (kỳ {1}): xóa {2} hồ sơ do gói thêm vào, trả lại giá trị cũ cho {3} hồ sơ do gói cập nhật.

{4}

Ứng dụng sao lưu dữ liệu trước khi hoàn tác. Đơn vị gửi gói sẽ không còn được tính là đã nộp cho kỳ này. Hoàn tác?</source>
        <translation>Undo the import of the bundle “{0}” (period {1}): remove {2} records the bundle added, give {3} records the bundle updated their former values back.

{4}

The application backs up the data before undoing. The unit that sent the bundle will no longer count as having reported for this period. Undo?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hoàn tác lần nhập</source>
        <translation>Undo import</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đang hoàn tác…</source>
        <translation>Undoing…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Xóa: {0}</source>
        <translation>Remove: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trả về như trước: {0}</source>
        <translation>Back as before: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>… và {0} hồ sơ khác</source>
        <translation>… and {0} other records</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Đã hoàn tác lần nhập gói “{0}”.</source>
        <translation>The import of the bundle “{0}” was undone.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Không hoàn tác được; chi tiết đã ghi vào nhật ký lỗi.</source>
        <translation>Could not undo; the details were written to the error log.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không hoàn tác được</source>
        <translation>Could not undo</translation>
    </message>
</context>
<context>
    <name>LevelPage</name>
    <message>
        <location filename="../../htx_desktop/ui/setup_pages.py" line="-207"/>
        <source>Đơn vị của bạn ở cấp nào?</source>
        <extracomment>Interface languages offered: (code, name in its own language).</extracomment>
        <translation>What level is your unit?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chào mừng đến với HTX Desktop. Vài bước sau đây thiết lập đơn vị và người sử dụng máy này; mọi thông tin đều có thể đổi lại trong Cài đặt.</source>
        <translation>Welcome to HTX Desktop. The next few steps set up your unit and the person using this computer; everything can be changed later in Settings.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Xã / phường</source>
        <translation>Commune / ward</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hội LHPN xã, phường, đặc khu</source>
        <translation>Women&apos;s Union of a commune, ward or special zone</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cụm xã / huyện</source>
        <translation>Commune group / district</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Một nhóm xã/phường do bạn đặt tên (ví dụ một huyện cũ)</source>
        <translation>A group of communes/wards you name (e.g. a former district)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tỉnh / thành phố</source>
        <translation>Province / city</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hội LHPN tỉnh, thành phố</source>
        <translation>Women&apos;s Union of a province or city</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../htx_desktop/ui/main_window.py" line="+173"/>
        <source>Tổng quan</source>
        <extracomment>How long a confirmation such as &quot;Đã lưu HTX Tân Phú.&quot; stays in the status bar. On a screen with room for it; smaller screens get the window maximised (`screen_fit`). Each draft dialog opened at start (tests drive it).</extracomment>
        <translation>Overview</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hợp tác xã</source>
        <translation>Cooperatives</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tổ hợp tác</source>
        <translation>Cooperative groups</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cán bộ Hội</source>
        <translation>Union officers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tập huấn</source>
        <translation>Training</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xuất/Nhập dữ liệu</source>
        <translation>Export/Import data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Báo cáo</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Danh sách, tìm kiếm, thêm và sửa hồ sơ “{0}”.</source>
        <translation>List, search, add and edit “{0}” records.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bản cài đặt này chưa có trang này.</source>
        <translation>This installation does not include this page yet.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Xuất gói dữ liệu có chữ ký số của đơn vị để gửi lên cấp trên mỗi 6 tháng và hằng năm.</source>
        <translation>Export your unit&apos;s digitally signed data bundle to send to the level above every six months and every year.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nhập và kiểm tra gói dữ liệu các xã/phường gửi lên: ai ký, kỳ nào, bao nhiêu hồ sơ mới, hồ sơ nào trùng; xem đơn vị nào chưa gửi báo cáo.</source>
        <translation>Import and check the data bundles sent by communes/wards: who signed, which period, how many new records, which are duplicates; see which units have not reported yet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Xuất danh sách ra bảng tính Excel và nhập hồ sơ từ bảng tính.</source>
        <translation>Export lists to Excel spreadsheets and import records from spreadsheets.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trong lúc chờ: mọi hồ sơ bạn nhập được lưu trong tệp dữ liệu &lt;b&gt;{0}&lt;/b&gt;. Hãy đóng ứng dụng rồi chép tệp này sang USB hoặc ổ đĩa khác để sao lưu thường xuyên.</source>
        <translation>Meanwhile: every record you enter is kept in the data file &lt;b&gt;{0}&lt;/b&gt;. Back it up regularly: close the application and copy this file to a USB stick or another drive.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>In báo cáo 6 tháng, hằng năm, sơ kết và tổng kết theo thể thức Nghị định 30/2020/NĐ-CP (khổ A4, phông Times New Roman), kèm biểu số liệu các chỉ tiêu của Kế hoạch.</source>
        <translation>Print six-monthly, annual, interim and final reports in the format of Decree 30/2020/NĐ-CP (A4, Times New Roman), with tables of the Plan&apos;s indicators.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Xem trước bản in và lưu thành tệp PDF có chữ ký số.</source>
        <translation>Preview the printout and save it as a digitally signed PDF.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bỏ bớt thông tin cá nhân (số điện thoại, dân tộc) khi nơi nhận không cần.</source>
        <translation>Leave out personal details (phone number, ethnicity) when the recipient does not need them.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Trong lúc chờ: số liệu tiến độ so với chỉ tiêu của từng kỳ báo cáo xem ở trang “Tổng quan” (Ctrl+1).</source>
        <translation>Meanwhile: progress against the targets for each reporting period is on the “Overview” page (Ctrl+1).</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Đang xử lý…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location line="+55"/>
        <location line="+46"/>
        <source>Bản nhập dở</source>
        <translation>Unsaved entries</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>Có {0} bản nhập dở chưa lưu từ lần trước. Mở lại?</source>
        <translation>There are {0} unsaved entries from last time. Reopen them?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Đã bỏ {0} bản nhập dở.</source>
        <translation>Discarded {0} unsaved entries.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Hồ sơ của một bản nhập dở đã bị xóa nên không mở lại được; bản nhập dở đó đã được bỏ.</source>
        <translation>The record of an unsaved entry has been deleted, so it cannot be reopened; that entry was discarded.</translation>
    </message>
</context>
<context>
    <name>NarrativeEditor</name>
    <message>
        <location filename="../../htx_desktop/ui/pages/narrative_editor.py" line="+80"/>
        <source>Đánh giá chung (kết quả đạt được)</source>
        <extracomment>Quiet time after the last keystroke before the text is saved. The text differs from what was last built into a document (a preview is outdated). What was typed is stored (how many sections changed). Bumped at every edit, so a document request made from the text changes with it.</extracomment>
        <translation>Overall assessment (results achieved)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Khó khăn, vướng mắc</source>
        <translation>Difficulties and obstacles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nguyên nhân</source>
        <translation>Causes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nhiệm vụ trọng tâm kỳ tới</source>
        <translation>Key tasks for the next period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đề xuất, kiến nghị</source>
        <translation>Proposals and recommendations</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kết quả nổi bật, ưu điểm trong việc thực hiện Kế hoạch kỳ này…</source>
        <translation>Main results and strengths in carrying out the Plan this period…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Những khó khăn, vướng mắc trong hỗ trợ HTX, tổ hợp tác kỳ này…</source>
        <translation>Difficulties and obstacles in supporting cooperatives and groups this period…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nguyên nhân khách quan và chủ quan của hạn chế…</source>
        <translation>External and internal causes of the shortcomings…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Các nhiệm vụ, giải pháp sẽ thực hiện trong kỳ tới…</source>
        <translation>Tasks and measures for the next period…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đề xuất, kiến nghị với cấp trên, chính quyền, các ngành liên quan…</source>
        <translation>Proposals to the level above, the authorities and the sectors concerned…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Phần đánh giá của báo cáo kỳ này, in sau các số liệu. Nội dung được lưu tự động khi gõ; mục để trống không in.</source>
        <translation>This period&apos;s assessment, printed after the figures. It is saved automatically as you type; empty sections are not printed.</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Chưa lưu được phần đánh giá (lỗi ghi cơ sở dữ liệu). Nội dung vẫn còn trong ô; hãy thử lại sau ít phút và không đóng chương trình.</source>
        <translation>The assessment could not be saved (database write error). The text is still in the box; try again in a few minutes and do not close the program.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Đã lưu phần đánh giá.</source>
        <translation>Assessment saved.</translation>
    </message>
</context>
<context>
    <name>OfficerPage</name>
    <message>
        <location filename="../../htx_desktop/ui/setup_pages.py" line="+150"/>
        <source>Cán bộ sử dụng máy</source>
        <translation>Officer using this computer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Họ tên và chức vụ được in ở phần ký tên của báo cáo và gói dữ liệu.</source>
        <translation>Your name and title are printed in the signature block of reports and data bundles.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ví dụ: Nguyễn Thị Hoa</source>
        <translation>e.g. Nguyễn Thị Hoa</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ví dụ: Chủ tịch Hội LHPN xã</source>
        <translation>e.g. Chair of the Commune Women&apos;s Union</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Họ và tên:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chức vụ:</source>
        <translation>Title:</translation>
    </message>
</context>
<context>
    <name>OrganisationDetailPanel</name>
    <message>
        <location filename="../../htx_desktop/ui/pages/cooperative_page.py" line="+157"/>
        <source>Chọn một hợp tác xã trong danh sách để xem chi tiết.</source>
        <translation>Select a cooperative in the list to see its details.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chọn một tổ hợp tác trong danh sách để xem chi tiết.</source>
        <translation>Select a cooperative group in the list to see its details.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Sửa thông tin HTX</source>
        <translation>Edit cooperative</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sửa thông tin THT</source>
        <translation>Edit group</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Thông tin chung</source>
        <translation>General information</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Người quản lý</source>
        <translation>Managers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Số liệu theo kỳ</source>
        <translation>Figures by period</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Thêm người quản lý</source>
        <translation>Add manager</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sửa</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xóa</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Nhấp đúp vào một kỳ (hoặc chọn rồi nhấn Enter) để nhập hoặc sửa số liệu.</source>
        <translation>Double-click a period (or select it and press Enter) to enter or edit its figures.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nhập số liệu kỳ…</source>
        <translation>Enter period figures…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chọn kỳ trong danh sách các kỳ đã qua</source>
        <translation>Choose the period from the list of past periods</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sao chép từ kỳ trước</source>
        <translation>Copy from the previous period</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mở kỳ đang chọn (hoặc kỳ mới nhất chưa nhập) với số liệu kỳ trước để sửa</source>
        <translation>Open the selected period (or the newest one not entered) with the previous period&apos;s figures to correct</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Xóa số liệu kỳ</source>
        <translation>Delete period figures</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Không</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Người quản lý ({count})</source>
        <translation>Managers ({count})</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Có ít nhất một phụ nữ là Chủ tịch, thành viên HĐQT, Giám đốc/Tổng giám đốc hoặc thành viên Ban kiểm soát.</source>
        <translation>At least one woman is Chair, a board member, Director/General Director or a member of the supervisory board.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tổ trưởng hoặc tổ phó là phụ nữ.</source>
        <translation>The group leader or deputy leader is a woman.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phụ nữ tham gia quản lý</source>
        <translation>Women in management</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chưa có phụ nữ tham gia quản lý</source>
        <translation>No women in management yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hơn 50 % người lao động là nữ, theo số liệu kỳ gần nhất.</source>
        <translation>More than 50 % of workers are women, according to the latest period&apos;s figures.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chưa có số liệu lao động</source>
        <translation>No workforce figures yet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&gt; 50 % lao động nữ ({period})</source>
        <translation>&gt; 50 % women workers ({period})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lao động nữ ≤ 50 % ({period})</source>
        <translation>Women workers ≤ 50 % ({period})</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Xóa người quản lý “{name}”?

Người này cũng được bỏ khỏi danh sách học viên của các lớp tập huấn.</source>
        <translation>Delete the manager “{name}”?

This person will also be removed from the participant lists of training courses.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Xóa người quản lý</source>
        <translation>Delete manager</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Xóa số liệu {period} của “{name}”?</source>
        <translation>Delete the {period} figures of “{name}”?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Xóa số liệu theo kỳ</source>
        <translation>Delete period figures</translation>
    </message>
</context>
<context>
    <name>OrganisationPage</name>
    <message>
        <location line="-413"/>
        <location line="+4"/>
        <source>Phụ nữ quản lý</source>
        <translation>Women-managed</translation>
    </message>
</context>
<context>
    <name>OutcomeDetails</name>
    <message>
        <location filename="../../htx_desktop/ui/exchange_models.py" line="+202"/>
        <source>Tin cậy người ký này…</source>
        <translation>Trust this signer…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Dấu vân tay:</source>
        <translation>Fingerprint:</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Hồ sơ bị từ chối:</source>
        <translation>Rejected records:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>… và {0} hồ sơ khác.</source>
        <translation>… and {0} more records.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} hồ sơ bị sửa ở cả hai nơi cùng một lần sửa (xung đột): bản được giữ được chọn giống nhau ở mọi máy; hãy xem lại các hồ sơ này.</source>
        <translation>{0} records were edited in both places at the same revision (conflicts): the version kept is chosen the same way on every computer; please review these records.</translation>
    </message>
</context>
<context>
    <name>OutcomeModel</name>
    <message>
        <location line="-183"/>
        <source>Tệp</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Đơn vị</source>
        <extracomment>The count columns follow, in the order of `COUNT_STATUSES`, then the file name (last, so it takes what width is left: the unit and period columns already say what it holds).</extracomment>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kỳ</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Người ký</source>
        <translation>Signer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kết quả</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mới</source>
        <translation>New</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cập nhật</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không đổi</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xóa</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xung đột</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+17"/>
        <source>Bị từ chối</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Chưa tin cậy người ký</source>
        <translation>Signer not trusted</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hợp lệ</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sẽ nhập</source>
        <translation>Will be imported</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đã nhập trước đó</source>
        <translation>Already imported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không có gì mới</source>
        <translation>Nothing new</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã nhập</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Không có gì thay đổi</source>
        <translation>Nothing changed</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../htx_desktop/ui/passphrase_dialog.py" line="+188"/>
        <source>Đồng ý</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <location line="+39"/>
        <source>Khóa ký số</source>
        <translation>Digital signing key</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Gói dữ liệu gửi lên cấp trên được ký bằng khóa ký của riêng bạn, để cấp trên biết chắc dữ liệu do bạn gửi và không bị sửa dọc đường. Hãy đặt mật khẩu bảo vệ khóa; mỗi lần xuất gói dữ liệu bạn sẽ được hỏi mật khẩu này.</source>
        <translation>Data bundles sent to the level above are signed with your own signing key, so the level above knows for sure that the data came from you and was not altered on the way. Set a password to protect the key; you will be asked for it each time you export a data bundle.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tạo khóa ký sau (ở trang “Xuất/Nhập dữ liệu”)</source>
        <translation>Create the signing key later (on the “Export/Import data” page)</translation>
    </message>
</context>
<context>
    <name>PassphraseWidget</name>
    <message>
        <location line="-169"/>
        <source>&amp;Mật khẩu khóa ký:</source>
        <translation>Signing key &amp;password:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Nhập lại mật khẩu:</source>
        <translation>&amp;Repeat password:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hiện mật khẩu</source>
        <translation>Show password</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Hãy nhập mật khẩu.</source>
        <translation>Please enter a password.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mật khẩu cần ít nhất {0} ký tự: một cụm từ dễ nhớ nhưng người khác khó đoán.</source>
        <translation>The password needs at least {0} characters: a phrase easy for you to remember but hard for others to guess.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mật khẩu này quá phổ biến, người khác đoán được ngay. Hãy chọn một cụm từ của riêng bạn, ví dụ vài từ không liền nghĩa ghép lại.</source>
        <translation>This password is too common; others would guess it at once. Choose a phrase of your own, for example a few unrelated words put together.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hai lần nhập chưa giống nhau.</source>
        <translation>The two entries do not match.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Ít nhất {0} ký tự, không phải mật khẩu phổ biến. Không có cách nào lấy lại mật khẩu đã quên: khi quên, phải tạo khóa mới và gửi lại chứng thư cho cấp trên.</source>
        <translation>At least {0} characters, not a common password. A forgotten password cannot be recovered: you would have to create a new key and send the certificate to the level above again.</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../htx_desktop/ui/pdf_preview.py" line="+108"/>
        <source>Trang trước</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trang sau</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cỡ hiển thị trang</source>
        <translation>Page zoom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vừa chiều rộng</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cả trang</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cỡ xem:</source>
        <translation>Zoom:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Chưa có bản xem trước.</source>
        <translation>No preview yet.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Không hiển thị được tệp PDF vừa lập.</source>
        <translation>Could not display the PDF just created.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Trang {page}/{count}</source>
        <translation>Page {page}/{count}</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <location filename="../../htx_desktop/ui/pages/attendee_picker.py" line="-258"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Là</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chức danh, chức vụ</source>
        <translation>Position, title</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTX, THT hoặc đơn vị</source>
        <translation>Cooperative, group or unit</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Người quản lý</source>
        <translation>Manager</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cán bộ Hội</source>
        <translation>Union officer</translation>
    </message>
</context>
<context>
    <name>PickEditor</name>
    <message>
        <location filename="../../htx_desktop/ui/pick_editor.py" line="+36"/>
        <source>— Chọn —</source>
        <translation>— Choose —</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Danh sách còn trống.</source>
        <translation>The list is empty.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{value} (giá trị đã lưu)</source>
        <translation>{value} (saved value)</translation>
    </message>
</context>
<context>
    <name>PickLists</name>
    <message>
        <location filename="../../htx_desktop/ui/pick_lists.py" line="+37"/>
        <source>{period} — đã có số liệu</source>
        <translation>{period} — already has figures</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../htx_desktop/ui/pin_dialog.py" line="+62"/>
        <source>&amp;Mã PIN của USB token:</source>
        <translation>USB token &amp;PIN:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hiện mã PIN</source>
        <translation>Show PIN</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Mã PIN không được lưu lại: mỗi lần ký bạn sẽ được hỏi. Token đếm số lần nhập sai và tự khóa khi sai nhiều lần.</source>
        <translation>The PIN is not stored: you are asked for it each time you sign. The token counts wrong entries and locks itself after too many.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Ký</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../htx_desktop/ui/pages/placeholder_page.py" line="+56"/>
        <source>Chức năng này sẽ có trong phiên bản sau.</source>
        <extracomment>Colours shared by the pages this module&apos;s helpers dress.</extracomment>
        <translation>This feature is coming in a later version.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Trang này sẽ dùng để:</source>
        <translation>This page will be used to:</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{0}: sẽ có trong phiên bản sau</source>
        <translation>{0}: coming in a later version</translation>
    </message>
</context>
<context>
    <name>Prompts</name>
    <message>
        <location filename="../../htx_desktop/ui/passphrase_dialog.py" line="+342"/>
        <source>Gói dữ liệu HTX (*.zip)</source>
        <extracomment>Used when the context carries no `prompts` of its own.</extracomment>
        <translation>HTX data bundles (*.zip)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chứng thư số (*.pem *.crt *.cer *.der)</source>
        <translation>Certificates (*.pem *.crt *.cer *.der)</translation>
    </message>
</context>
<context>
    <name>ProvincePage</name>
    <message>
        <location filename="../../htx_desktop/ui/setup_pages.py" line="-127"/>
        <source>Tỉnh / thành phố</source>
        <translation>Province / city</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gõ vài chữ của tên tỉnh (không cần dấu), rồi chọn trong danh sách.</source>
        <translation>Type part of the province name (diacritics optional), then choose from the list.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tìm tỉnh, ví dụ: quang ngai</source>
        <translation>Find a province, e.g. quang ngai</translation>
    </message>
</context>
<context>
    <name>ProvincePlanWidget</name>
    <message>
        <location filename="../../htx_desktop/ui/province_plan_widget.py" line="+77"/>
        <source>ví dụ 45/KH-UBND</source>
        <translation>e.g. 45/KH-UBND</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ví dụ Ủy ban nhân dân tỉnh Hà Tĩnh</source>
        <translation>e.g. People&apos;s Committee of Hà Tĩnh province</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Chỉ tiêu</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Đến năm 2025</source>
        <translation>By 2025</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Đến năm 2030</source>
        <translation>By 2030</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Lưu kế hoạch của tỉnh</source>
        <translation>Save the province plan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Xóa, dùng chỉ tiêu chung của Đề án</source>
        <translation>Remove it, use the scheme&apos;s common targets</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Số kế hoạch:</source>
        <translation>Plan number:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ngày ban hành:</source>
        <translation>Issued on:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cơ quan ban hành:</source>
        <translation>Issuing agency:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tên kế hoạch:</source>
        <translation>Plan title:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nhập chỉ tiêu của tỉnh cho từng năm; ô để trống là chỉ tiêu kế hoạch không đặt (báo cáo in “—”).</source>
        <translation>Enter the province&apos;s target for each year; an empty cell is a target the plan does not set (reports print “—”).</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Chưa có kế hoạch của tỉnh: báo cáo dùng chỉ tiêu chung của Đề án theo Quyết định số 01/QĐ-TTg (các tỷ lệ), chỉ tiêu số lượng để trống.</source>
        <translation>No province plan yet: reports use the scheme&apos;s common targets from Decision 01/QĐ-TTg (the shares); count targets are left empty.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cán bộ Hội LHPN tỉnh nhập kế hoạch của tỉnh ở máy của mình.</source>
        <translation>The province Women&apos;s Union officer enters the province plan on her computer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kế hoạch</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quyết định</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Báo cáo dùng: {0} số {1} ngày {2} của {3}.</source>
        <translation>Reports use: {0} no. {1} of {2} by {3}.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>“{0}” ở dòng “{1}” không phải là một số.</source>
        <translation>“{0}” in the row “{1}” is not a number.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Đã lưu. Báo cáo và trang tổng quan dùng kế hoạch này.</source>
        <translation>Saved. Reports and the overview use this plan.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Đã xóa kế hoạch của tỉnh.</source>
        <translation>The province plan was removed.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Không lưu được; chi tiết đã ghi vào nhật ký lỗi. Hãy thử lại.</source>
        <translation>Could not save; the details were written to the error log. Please try again.</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../../htx_desktop/ui/record_dialog.py" line="+133"/>
        <source>Thuộc: {name}</source>
        <extracomment>How long after the last change the draft is written. Wide enough for a full HTX name and the status line beside the buttons. Hooks: replace them to answer without a modal dialog (tests, scripted runs).</extracomment>
        <translation>Belongs to: {name}</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+299"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="-298"/>
        <source>Lưu bản ghi và đóng (Ctrl+S)</source>
        <translation>Save the record and close (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lưu và thêm mới</source>
        <translation>Save and add another</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lưu rồi để trống biểu mẫu cho bản ghi tiếp theo</source>
        <translation>Save, then clear the form for the next record</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đóng không lưu (Esc)</source>
        <translation>Close without saving (Esc)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lịch sử thay đổi</source>
        <translation>Change history</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>{title} — thêm mới</source>
        <translation>{title} — new</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{title} — sửa thông tin</source>
        <translation>{title} — edit</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Còn {count} mục cần nhập hoặc sửa (nhấn Lưu để xem tất cả).</source>
        <translation>{count} field(s) still to fill in or correct (press Save to see them all).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Đã khôi phục bản nháp lưu lúc {when}; chưa được lưu.</source>
        <translation>Restored the draft saved at {when}; not saved yet.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>số liệu {period}</source>
        <translation>the figures of {period}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Đã lưu {what} ({parent}).</source>
        <translation>Saved {what} ({parent}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã lưu {what}.</source>
        <translation>Saved {what}.</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Tệp dữ liệu đang bận (có thể một chương trình khác đang mở nó). Hãy đợi vài giây rồi lưu lại.</source>
        <translation>The data file is busy (another program may have it open). Wait a few seconds and save again.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Không ghi được vào ổ đĩa (ổ đĩa có thể đã đầy hoặc không có quyền ghi).</source>
        <translation>Could not write to the disk (it may be full, or writing is not allowed).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cơ sở dữ liệu báo lỗi khi ghi.</source>
        <translation>The database reported an error while writing.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đã xảy ra lỗi không lường trước.</source>
        <translation>An unexpected error occurred.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Không lưu được {title}. {reason} Những gì bạn đã nhập vẫn còn trên biểu mẫu và được giữ trong bản nháp. Nếu lỗi lặp lại, hãy báo cho cán bộ kỹ thuật (mã lỗi: {code}).</source>
        <translation>Could not save {title}. {reason} What you entered is still on the form and kept in a draft. If this happens again, tell technical support (error code: {code}).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Không ghi được bản nháp: {error}</source>
        <translation>Could not write the draft: {error}</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Những thay đổi trên biểu mẫu chưa được lưu.</source>
        <translation>The changes on the form have not been saved.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chọn “Lưu” để lưu lại, “Bỏ thay đổi” để đóng mà không lưu, hoặc “Quay lại” để tiếp tục nhập.</source>
        <translation>Choose “Save” to save them, “Discard changes” to close without saving, or “Go back” to continue editing.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Bỏ thay đổi</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quay lại</source>
        <translation>Go back</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Không lưu được</source>
        <translation>Could not save</translation>
    </message>
</context>
<context>
    <name>RecordListPage</name>
    <message>
        <location filename="../../htx_desktop/ui/pages/record_list_parts.py" line="+99"/>
        <source>Có</source>
        <extracomment>Pause after the last keystroke before the list is refiltered. Forms whose records belong to a commune (listed by commune); the others by owning unit. What a page&apos;s `dialog_factory` is called with: ctx, form key, record id, links, parent.</extracomment>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Xóa hợp tác xã “{name}”?

Người quản lý và số liệu theo kỳ của hợp tác xã này cũng sẽ bị xóa.</source>
        <translation>Delete the cooperative “{name}”?

Its managers and period figures will also be deleted.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Xóa tổ hợp tác “{name}”?

Người quản lý và số liệu theo kỳ của tổ hợp tác này cũng sẽ bị xóa.</source>
        <translation>Delete the cooperative group “{name}”?

Its managers and period figures will also be deleted.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Xóa cán bộ Hội “{name}”?

Cán bộ này cũng được bỏ khỏi danh sách học viên của các lớp tập huấn.</source>
        <translation>Delete the Union officer “{name}”?

The officer will also be removed from the participant lists of training courses.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Xóa lớp tập huấn “{name}”?

Danh sách học viên có tên của lớp này cũng sẽ bị xóa.</source>
        <translation>Delete the training course “{name}”?

Its list of named participants will also be deleted.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Xóa “{name}”?</source>
        <translation>Delete “{name}”?</translation>
    </message>
    <message>
        <location filename="../../htx_desktop/ui/pages/record_list_page.py" line="+181"/>
        <source>Tìm theo tên… (gõ không dấu cũng được)</source>
        <extracomment>The id of the record now selected (&quot;&quot; when none), after selection or reloads. Emitted after each load is shown (tests wait on it; detail panels may too). A list written to Excel: its path and the number of rows (tests wait on it). Data-change keys (besides this form&apos;s own and &quot;*&quot;) that make the list stale.</extracomment>
        <translation>Search by name… (diacritics optional)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Thêm mới</source>
        <translation>Add new</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Thêm bản ghi mới (Ctrl+N)</source>
        <translation>Add a new record (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mở</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Xem và sửa bản ghi đang chọn (Enter)</source>
        <translation>View and edit the selected record (Enter)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Xóa</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Xóa bản ghi đang chọn (Delete)</source>
        <translation>Delete the selected record (Delete)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Xuất Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ghi danh sách đang hiện (đã lọc, đã sắp xếp) ra tệp Excel</source>
        <translation>Write the list as shown (filtered, sorted) to an Excel file</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Xem trước và in danh sách đang hiện (Ctrl+P)</source>
        <translation>Preview and print the list as shown (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Không tải được danh sách: {error}</source>
        <translation>Could not load the list: {error}</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>{shown} / {total} {noun}</source>
        <translation>{shown} / {total} {noun}</translation>
    </message>
    <message>
        <location filename="../../htx_desktop/ui/pages/record_list_actions.py" line="+57"/>
        <source>Không mở được bản ghi</source>
        <translation>Could not open the record</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Xóa {noun}</source>
        <translation>Delete {noun}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Không xóa được</source>
        <translation>Could not delete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không xóa được bản ghi: {error}</source>
        <translation>Could not delete the record: {error}</translation>
    </message>
    <message>
        <location filename="../../htx_desktop/ui/pages/record_list_output.py" line="+111"/>
        <source>Danh sách {noun} — {unit}</source>
        <translation>{noun} list — {unit}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Xuất danh sách ra Excel</source>
        <translation>Export the list to Excel</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Không xuất được danh sách</source>
        <translation>Could not export the list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không ghi được tệp “{path}”: {error}</source>
        <translation>Could not write the file “{path}”: {error}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Đã xuất {count} dòng ra tệp “{name}”.</source>
        <translation>Exported {count} rows to the file “{name}”.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>In ngày {day} · {shown} / {total} {noun}</source>
        <translation>Printed on {day} · {noun}: {shown} of {total}</translation>
    </message>
</context>
<context>
    <name>ReportFiles</name>
    <message>
        <location filename="../../htx_desktop/ui/pages/report_files.py" line="+55"/>
        <source>In văn bản</source>
        <translation>Print document</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Không in được</source>
        <translation>Could not print</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+2"/>
        <source>Đã gửi {count} trang tới máy in.</source>
        <translation>Sent {count} pages to the printer.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Lưu tài liệu thành tệp PDF</source>
        <translation>Save the document as a PDF file</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Đã lưu: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Không lưu được tệp</source>
        <translation>Could not save the file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Không lưu được “{path}” ({reason}). Hãy chọn thư mục khác, hoặc đóng tệp nếu nó đang mở trong chương trình khác, rồi lưu lại.</source>
        <translation>Could not save “{path}” ({reason}). Choose another folder, or close the file if it is open in another program, then save again.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Chưa chọn đủ</source>
        <translation>Selection incomplete</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Lưu tài liệu thành tệp Word</source>
        <translation>Save the document as a Word file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tệp Word (*.docx)</source>
        <translation>Word files (*.docx)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Đang lập tệp Word…</source>
        <translation>Making the Word file…</translation>
    </message>
</context>
<context>
    <name>ReportHeaderDialog</name>
    <message>
        <location filename="../../htx_desktop/ui/report_header_dialog.py" line="+99"/>
        <source>Thông tin đầu văn bản</source>
        <translation>Document header</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Những dòng in ở đầu và cuối văn bản theo thể thức Nghị định 30/2020/NĐ-CP. Để trống số văn bản để viết tay sau khi vào sổ.</source>
        <translation>The lines printed at the top and bottom of the document in the format of Decree 30/2020/NĐ-CP. Leave the document number empty to write it by hand after registering it.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>để trống để viết tay</source>
        <translation>leave empty to write by hand</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cơ quan cấp trên:</source>
        <translation>Superior agency:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cơ quan ban hành:</source>
        <translation>Issuing agency:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Số / ký hiệu:</source>
        <translation>Number / symbol:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Địa danh:</source>
        <translation>Place:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thẩm quyền ký:</source>
        <translation>Signing authority:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chức vụ người ký:</source>
        <translation>Signer&apos;s title:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Họ tên người ký:</source>
        <translation>Signer&apos;s name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nơi nhận
(mỗi dòng một nơi):</source>
        <translation>Recipients
(one per line):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lưu:</source>
        <translation>Archived:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“Lưu làm mặc định” giữ các thông tin này cho mọi văn bản sau (trừ số văn bản, vì mỗi văn bản có số riêng).</source>
        <translation>“Save as default” keeps these details for all later documents (except the document number, since each document has its own).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Dùng cho văn bản này</source>
        <translation>Use for this document</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lưu làm mặc định</source>
        <translation>Save as default</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Về mặc định của đơn vị</source>
        <translation>Reset to the unit&apos;s defaults</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Đã lưu làm mặc định cho các văn bản sau.</source>
        <translation>Saved as the default for later documents.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Lỗi đã được ghi vào nhật ký.</source>
        <translation>The error was written to the log.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Không lưu được thông tin đầu văn bản. {detail}</source>
        <translation>Could not save the document header. {detail}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Đã điền lại theo đơn vị. Bấm “Lưu làm mặc định” nếu muốn giữ như vậy.</source>
        <translation>Refilled from the unit&apos;s details. Click “Save as default” to keep them.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Không đọc được thông tin mặc định của đơn vị.</source>
        <translation>Could not read the unit&apos;s default details.</translation>
    </message>
</context>
<context>
    <name>ReportOptions</name>
    <message>
        <location filename="../../htx_desktop/ui/pages/report_options.py" line="+42"/>
        <source>Tài liệu cần in</source>
        <extracomment>The document kinds whose report has the officer&apos;s own sections.</extracomment>
        <translation>Document to print</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Báo cáo định kỳ (6 tháng/năm)</source>
        <translation>Periodic report (six-monthly/annual)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Báo cáo tổng hợp (cấp huyện/cụm, cấp tỉnh)</source>
        <translation>Summary report (district/group or province level)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phiếu thông tin HTX/THT</source>
        <translation>Cooperative/group information sheet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Danh sách ký tên lớp tập huấn</source>
        <translation>Training course sign-in sheet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Chỉ lập ở cấp huyện/cụm hoặc cấp tỉnh, từ số liệu các xã.</source>
        <translation>Only at district/group or province level, from the communes&apos; figures.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Tài liệu:</source>
        <translation>&amp;Document:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tìm theo tên (gõ không dấu cũng được)</source>
        <translation>Search by name (diacritics optional)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTX hoặc tổ hợp tác:</source>
        <translation>Cooperative or group:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tìm theo tên lớp hoặc ngày</source>
        <translation>Search by course name or date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lớp tập huấn:</source>
        <translation>Training course:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Đơn vị:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Kỳ báo cáo:</source>
        <translation>Reporting &amp;period:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bỏ thông tin cá nhân</source>
        <translation>Leave out personal details</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Không in năm sinh, dân tộc, số điện thoại (và tên tổ trưởng trong danh sách), cho nơi nhận không cần các thông tin này.</source>
        <translation>Do not print year of birth, ethnicity or phone number (nor the group leader&apos;s name in lists), for recipients who do not need them.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Thông tin đầu văn bản…</source>
        <translation>Document header…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Xem trước</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lưu PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lưu Word (.docx)…</source>
        <translation>Save Word (.docx)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lưu thành tệp Word để sửa, trình ký và đóng dấu.</source>
        <translation>Save as a Word file to edit, sign and stamp.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>6 tháng đầu năm {year}</source>
        <translation>First half of {year}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Năm {year}</source>
        <translation>Year {year}</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Kết quả thực hiện Kế hoạch của đơn vị trong kỳ, kèm biểu số liệu các chỉ tiêu.</source>
        <translation>Your unit&apos;s results under the Plan for the period, with a table of the indicators.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tổng hợp kết quả của các đơn vị trực thuộc, kèm biểu theo từng đơn vị.</source>
        <translation>Combined results of the subordinate units, with a table for each unit.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Thông tin, người quản lý, số liệu theo kỳ và tập huấn của một HTX/THT.</source>
        <translation>Details, managers, period figures and training of one cooperative or group.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In trước buổi học để học viên ký tên; có thêm dòng trống cho người đến sau.</source>
        <translation>Print before the session for participants to sign; includes blank lines for late arrivals.</translation>
    </message>
</context>
<context>
    <name>ReportingStatusModel</name>
    <message>
        <location filename="../../htx_desktop/ui/reporting_status.py" line="+41"/>
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thời gian nhận</source>
        <translation>Received at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Người ký</source>
        <translation>Signer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tệp</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Đã nộp</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chưa nộp</source>
        <translation>Not submitted</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../htx_desktop/ui/pages/reports_page.py" line="+112"/>
        <source>Báo cáo</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Chọn tài liệu và kỳ báo cáo ở bên trái rồi bấm “Xem trước”.</source>
        <translation>Choose a document and a reporting period on the left, then click “Preview”.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Bản xem trước</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đánh giá, kiến nghị</source>
        <translation>Assessment, proposals</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Phần đánh giá, kiến nghị chỉ có trong báo cáo định kỳ và báo cáo tổng hợp.</source>
        <translation>The assessment and proposals belong to the periodic and summary reports only.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Lựa chọn đã thay đổi: bấm “Xem trước” để cập nhật bản xem trước.</source>
        <translation>The choices have changed: click “Preview” to update the preview.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Báo cáo: chọn tài liệu rồi bấm “Xem trước”.</source>
        <translation>Reports: choose a document, then click “Preview”.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Đầu văn bản: theo mặc định đã lưu.</source>
        <translation>Document header: the saved default.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Đầu văn bản: đã sửa riêng cho văn bản này ({number}).</source>
        <translation>Document header: edited for this document ({number}).</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Hãy chọn HTX hoặc tổ hợp tác cần in phiếu thông tin (đơn vị chưa có HTX/THT nào thì nhập ở trang “Hợp tác xã” hoặc “Tổ hợp tác” trước).</source>
        <translation>Choose the cooperative or group whose information sheet to print (if your unit has none yet, enter one on the “Cooperatives” or “Cooperative groups” page first).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hãy chọn lớp tập huấn cần in danh sách (chưa có lớp nào thì thêm ở trang “Tập huấn” trước).</source>
        <translation>Choose the training course whose list to print (if there is none yet, add one on the “Training” page first).</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Chưa chọn đủ</source>
        <translation>Selection incomplete</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Đang lập tài liệu…</source>
        <translation>Creating the document…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Đang lập tài liệu, xin chờ…</source>
        <translation>Creating the document, please wait…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Không xem trước được</source>
        <translation>Cannot preview</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã lập tệp PDF nhưng không hiển thị được. Hãy thử lại.</source>
        <translation>The PDF was created but could not be displayed. Please try again.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Bản xem trước: {count} trang.</source>
        <translation>Preview: {count} pages.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Không ghi được tệp tạm của tài liệu ({reason}). Hãy kiểm tra ổ đĩa còn chỗ trống rồi thử lại.</source>
        <translation>Could not write the document&apos;s temporary file ({reason}). Check that the disk has free space, then try again.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Không lập được tài liệu do một lỗi của chương trình. Chi tiết đã được ghi vào nhật ký lỗi; hãy báo cho người hỗ trợ kỹ thuật.</source>
        <translation>The document could not be created because of a program error. The details were written to the error log; please tell technical support.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Không lập được tài liệu.</source>
        <translation>Could not create the document.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không lập được tài liệu</source>
        <translation>Could not create the document</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <location filename="../../htx_desktop/ui/import_wizard.py" line="-164"/>
        <source>Nhập dữ liệu</source>
        <translation>Import data</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Các gói hợp lệ được gộp vào dữ liệu của máy này, mỗi gói một lần ghi.</source>
        <translation>Valid bundles are merged into this computer&apos;s data, each bundle in a single write.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Bắt đầu nhập</source>
        <translation>Start import</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Sẽ nhập {0} gói dữ liệu hợp lệ vào máy này.</source>
        <translation>{0} valid data bundles will be imported into this computer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} gói không hợp lệ hoặc chưa tin cậy người ký sẽ không được nhập (được ghi vào nhật ký nhập).</source>
        <translation>{0} bundles that are invalid or have an untrusted signer will not be imported (they are recorded in the import log).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mỗi gói được nhập trọn vẹn hoặc không nhập gì. Bấm “Bắt đầu nhập”.</source>
        <translation>Each bundle is imported completely or not at all. Click “Start import”.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Đang nhập {0} ({1}/{2})…</source>
        <translation>Importing {0} ({1}/{2})…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Đã nhập {0} gói, {1} gói bị từ chối.</source>
        <translation>Imported {0} bundles; {1} rejected.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hồ sơ: mới {0}, cập nhật {1}, không đổi {2}, xóa {3}, xung đột {4}, bị từ chối {5}.</source>
        <translation>Records: {0} new, {1} updated, {2} unchanged, {3} deleted, {4} conflicts, {5} rejected.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Nhập không thành công; gói đang nhập dở không được ghi. Chi tiết đã ghi vào nhật ký lỗi.</source>
        <translation>The import failed; the bundle being imported was not written. The details were written to the error log.</translation>
    </message>
</context>
<context>
    <name>SessionDetailPanel</name>
    <message>
        <location filename="../../htx_desktop/ui/pages/training_page.py" line="+131"/>
        <source>Chọn một lớp tập huấn trong danh sách để xem học viên.</source>
        <extracomment>Changes that can move someone on or off the untrained list.</extracomment>
        <translation>Select a training course in the list to see its participants.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Sửa thông tin lớp</source>
        <translation>Edit course</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Chọn học viên…</source>
        <translation>Choose participants…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Học viên khác (ngoài danh sách có tên)</source>
        <translation>Other participants (not named)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sửa các số này bằng nút “Sửa thông tin lớp”.</source>
        <translation>Edit these numbers with the “Edit course” button.</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Nội dung: {topics}</source>
        <translation>Topics: {topics}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Học viên có tên ({count})</source>
        <translation>Named participants ({count})</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../htx_desktop/ui/pages/settings_page.py" line="+103"/>
        <location line="+126"/>
        <source>Cài đặt</source>
        <extracomment>What changed, as `SettingsPage.profile_changed` reports it.</extracomment>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="-124"/>
        <source>Cán bộ sử dụng máy</source>
        <translation>Officer using this computer</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Họ và tên:</source>
        <translation>Full &amp;name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Chức vụ:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Ngôn ngữ giao diện:</source>
        <translation>Interface &amp;language:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ngôn ngữ mới được áp dụng ngay khi bấm “Lưu thay đổi”: cửa sổ được dựng lại, bộ lọc và trang đang xem vẫn giữ nguyên.</source>
        <translation>The new language applies as soon as you click “Save changes”: the window is rebuilt, and your filters and current page are kept.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Lưu thay đổi</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Đơn vị quyết định những hồ sơ bạn thấy và tên đơn vị trên báo cáo, gói dữ liệu. Chỉ đổi khi máy này được chuyển sang dùng cho đơn vị khác.</source>
        <translation>The unit decides which records you see and the unit name on reports and data bundles. Change it only when this computer is handed over to another unit.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Đổi đơn vị…</source>
        <translation>Change unit…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ký số bằng USB token</source>
        <translation>Signing with a USB token</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kế hoạch của tỉnh</source>
        <translation>Province plan</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tệp dữ liệu</source>
        <translation>Data file</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sao lưu và khôi phục</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hướng dẫn sử dụng (F1)</source>
        <translation>User guide (F1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Giới thiệu</source>
        <translation>About</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Người ký được tin cậy</source>
        <translation>Trusted signers</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tổ chức chứng thực (chữ ký số bằng USB token)</source>
        <translation>Certification authorities (USB token signatures)</translation>
    </message>
    <message>
        <location line="+57"/>
        <location line="+14"/>
        <source>Họ tên và chức vụ không được để trống.</source>
        <translation>Name and title cannot be empty.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Đã lưu.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã lưu thông tin cán bộ.</source>
        <translation>Officer details saved.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Không lưu được; chi tiết đã ghi vào nhật ký lỗi. Hãy thử lại.</source>
        <translation>Could not save; the details were written to the error log. Please try again.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>mã {0}</source>
        <translation>code {0}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Gồm {0} xã/phường.</source>
        <translation>Includes {0} communes/wards.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Đổi đơn vị</source>
        <translation>Change unit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đổi đơn vị sẽ thay đổi những hồ sơ bạn thấy và tên đơn vị trên báo cáo, gói dữ liệu gửi đi từ nay. Hồ sơ đã nhập vẫn còn nguyên trong tệp dữ liệu, nhưng chỉ hiện những hồ sơ thuộc đơn vị mới.

Tiếp tục đổi đơn vị?</source>
        <translation>Changing the unit changes which records you see and the unit name on reports and data bundles sent from now on. Records already entered stay in the data file, but only those of the new unit are shown.

Change the unit?</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Đã đổi đơn vị.</source>
        <translation>Unit changed.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../htx_desktop/ui/setup_wizard.py" line="+97"/>
        <source>HTX Desktop — Đổi đơn vị</source>
        <translation>HTX Desktop — Change unit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HTX Desktop — Thiết lập</source>
        <translation>HTX Desktop — Setup</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt; Quay lại</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tiếp theo &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hoàn tất</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>{0} ({1} xã/phường), {2}</source>
        <translation>{0} ({1} communes/wards), {2}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sẽ thiết lập:</source>
        <translation>Will be set up:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cán bộ</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nhấn “Hoàn tất” để bắt đầu sử dụng.</source>
        <translation>Press “Finish” to start.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Không tạo được khóa ký; hãy tạo lại ở trang Xuất/Nhập dữ liệu.</source>
        <translation>Could not create the signing key; create it again on the Export/Import data page.</translation>
    </message>
</context>
<context>
    <name>TokenPage</name>
    <message>
        <location filename="../../htx_desktop/ui/token_setup_page.py" line="+35"/>
        <source>Ký số bằng USB token</source>
        <translation>Signing with a USB token</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cắm USB token vào máy, chọn trình điều khiển của token rồi bấm “Tìm token”. Mã PIN không được hỏi ở đây: nó được hỏi mỗi lần ký và không được lưu lại.</source>
        <translation>Plug the USB token into the computer, choose the token&apos;s driver, then press “Find token”. The PIN is not asked here: it is asked each time you sign and is never stored.</translation>
    </message>
</context>
<context>
    <name>TokenWidget</name>
    <message>
        <location filename="../../htx_desktop/ui/token_widget.py" line="+163"/>
        <source>Chọn tệp…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Trình điều khiển token:</source>
        <translation>Token &amp;driver:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tệp .dll (Windows) hoặc .so đi kèm phần mềm của nhà cung cấp chứng thư số; các chỗ thường gặp đã có sẵn trong danh sách.</source>
        <translation>The .dll (Windows) or .so file that comes with the certificate provider&apos;s software; the usual locations are already in the list.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tìm token</source>
        <translation>Find token</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;USB token:</source>
        <translation>&amp;USB token:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Chứng thư số:</source>
        <translation>&amp;Certificate:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Dùng chứng thư này để ký</source>
        <translation>Sign with this certificate</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Đang ký bằng: chưa có khóa ký nào. Hãy chọn chứng thư trên USB token dưới đây, hoặc tạo khóa ký ở trang Xuất/Nhập dữ liệu.</source>
        <translation>Signing with: no signing key yet. Choose a certificate on your USB token below, or create a signing key on the Export/Import page.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Đang ký bằng: USB token “{0}”, chứng thư của {1}, hiệu lực đến {2}.</source>
        <translation>Signing with: USB token “{0}”, certificate of {1}, valid until {2}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Đang ký bằng: tệp khóa ký trên máy này (có mật khẩu), chứng thư của {0}, hiệu lực đến {1}.</source>
        <translation>Signing with: the signing key file on this computer (passphrase protected), certificate of {0}, valid until {1}.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Chọn trình điều khiển USB token</source>
        <translation>Choose the USB token driver</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trình điều khiển PKCS#11 (*.dll *.so *.dylib);;Mọi tệp (*)</source>
        <translation>PKCS#11 drivers (*.dll *.so *.dylib);;All files (*)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Hãy chọn tệp trình điều khiển của USB token (bấm “Chọn tệp…”) rồi bấm “Tìm token”.</source>
        <translation>Choose the USB token&apos;s driver file (press “Choose file…”), then press “Find token”.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+74"/>
        <source>Đang đọc USB token…</source>
        <translation>Reading the USB token…</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>{0} — số sê-ri {1} — {2}</source>
        <translation>{0} — serial {1} — {2}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Không thấy USB token nào. Hãy cắm token vào máy (đèn trên token sáng), kiểm tra đã chọn đúng trình điều khiển rồi bấm “Tìm token” lại.</source>
        <translation>No USB token found. Plug the token in (its light comes on), check that the right driver is chosen, then press “Find token” again.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{0} — hiệu lực đến {1}</source>
        <translation>{0} — valid until {1}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Token này không có chứng thư số để ký. Hãy chọn token khác hoặc liên hệ nhà cung cấp chứng thư số.</source>
        <translation>This token holds no signing certificate. Choose another token or contact your certificate provider.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Họ tên: {0}
Chủ thể: {1}
Cấp bởi: {2}
Số sê-ri: {3}
Hiệu lực đến: {4}
Dấu vân tay: {5}</source>
        <translation>Name: {0}
Subject: {1}
Issued by: {2}
Serial number: {3}
Valid until: {4}
Fingerprint: {5}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Đã chọn. Từ nay gói dữ liệu được ký bằng chứng thư trên USB token; mã PIN được hỏi mỗi lần ký và không được lưu lại.</source>
        <translation>Chosen. From now on data bundles are signed with the certificate on the USB token; the PIN is asked each time you sign and is never stored.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Không đọc được USB token; chi tiết đã ghi vào nhật ký lỗi. Hãy rút token ra, cắm lại và thử lại.</source>
        <translation>The USB token could not be read; the details are in the error log. Unplug the token, plug it back in and try again.</translation>
    </message>
</context>
<context>
    <name>TrustDialog</name>
    <message>
        <location filename="../../htx_desktop/ui/trust_dialog.py" line="+68"/>
        <location filename="../../htx_desktop/ui/trust_flow.py" line="+38"/>
        <source>Tin cậy người ký</source>
        <translation>Trust signer</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Chứng thư của:</source>
        <translation>Certificate of:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tổ chức:</source>
        <translation>Organisation:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tên đầy đủ trong chứng thư:</source>
        <translation>Full name in the certificate:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tổ chức chứng thực cấp:</source>
        <translation>Issued by (certification authority):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Số sê-ri chứng thư:</source>
        <translation>Certificate serial number:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dấu vân tay do máy này tính từ chứng thư (SHA-256):</source>
        <translation>Fingerprint computed by this computer from the certificate (SHA-256):</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Hãy gọi điện cho người gửi và nhờ đọc dấu vân tay trên máy của họ (trang “Xuất/Nhập dữ liệu”). Chỉ bấm “Tin cậy” khi hai dấu vân tay giống hệt nhau.</source>
        <translation>Call the sender and ask them to read the fingerprint shown on their computer (the “Export/Import data” page). Click “Trust” only when the two fingerprints are exactly the same.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Người gửi thuộc đơn vị:</source>
        <translation>The sender belongs to:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Tin cậy</source>
        <translation>Trust</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Hãy chọn đơn vị của người gửi.</source>
        <translation>Choose the sender’s unit.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Máy này chưa có đơn vị nào báo cáo cho bạn để gắn chứng thư.</source>
        <translation>This computer has no unit reporting to you to tie the certificate to.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Thôi tin cậy chứng thư cũ của đơn vị này ({0}): chọn khi người gửi đã đổi sang khóa mới; gói ký bằng khóa cũ sẽ bị từ chối từ nay.</source>
        <translation>Stop trusting this unit’s old certificate ({0}): choose this when the sender has changed to a new key; bundles signed with the old key will be refused from now on.</translation>
    </message>
    <message>
        <location filename="../../htx_desktop/ui/trust_flow.py" line="+16"/>
        <source>Không lưu được; chi tiết đã ghi vào nhật ký lỗi.</source>
        <translation>Could not save; the details were written to the error log.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Chứng thư của {0} ghi cụm/huyện mã {1}, máy này chưa có. Chỉ tin cậy được chứng thư của cụm/huyện đã tạo ở máy này, với các xã do bạn đánh dấu. Tạo cụm/huyện này bây giờ?</source>
        <translation>The certificate of {0} names the group/district with code {1}, which this computer does not have. Only certificates of groups/districts created on this computer, with the communes you tick, can be trusted. Create this group/district now?</translation>
    </message>
</context>
<context>
    <name>TrustModel</name>
    <message>
        <location filename="../../htx_desktop/ui/trust_widget.py" line="+143"/>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Người ký</source>
        <translation>Signer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dấu vân tay</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hiệu lực đến</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ngày thêm</source>
        <translation>Date added</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Đã thu hồi {0}</source>
        <translation>Revoked {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đã thay khóa {0}</source>
        <translation>Key replaced {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đang tin cậy</source>
        <translation>Trusted</translation>
    </message>
    <message>
        <location line="+11"/>
        <source> (đã hết hạn)</source>
        <translation> (expired)</translation>
    </message>
</context>
<context>
    <name>TrustWidget</name>
    <message>
        <location line="+46"/>
        <source>Chỉ nhận gói dữ liệu ký bằng các chứng thư dưới đây, mỗi chứng thư gắn với một đơn vị. Trước khi thêm, hãy gọi điện cho người gửi để so dấu vân tay.</source>
        <translation>Only data bundles signed with the certificates below are accepted; each certificate belongs to one unit. Before adding one, call the sender to compare fingerprints.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Chưa tin cậy chứng thư nào.</source>
        <translation>No certificate is trusted yet.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Thêm chứng thư…</source>
        <translation>Add certificate…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bỏ tin cậy (thu hồi)…</source>
        <translation>Stop trusting (revoke)…</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Tên đầy đủ trong chứng thư: {0}</source>
        <translation>Full name in the certificate: {0}</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Bỏ tin cậy</source>
        <translation>Stop trusting</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Thu hồi chứng thư của {0} ({1}), dấu vân tay
{2}?

Từ nay các gói ký bằng chứng thư này sẽ bị từ chối; dữ liệu đã nhập vẫn giữ nguyên. Chứng thư vẫn ở trong danh sách, ghi là đã thu hồi, và không tin cậy lại được.</source>
        <translation>Revoke the certificate of {0} ({1}), fingerprint
{2}?

From now on bundles signed with this certificate will be refused; data already imported stays as it is. The certificate stays in the list, marked as revoked, and cannot be trusted again.</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Chọn tệp chứng thư của người gửi</source>
        <translation>Choose the sender&apos;s certificate file</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Thêm chứng thư</source>
        <translation>Add certificate</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Không lưu được; chi tiết đã ghi vào nhật ký lỗi.</source>
        <translation>Could not save; the details were written to the error log.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Người ký được tin cậy</source>
        <translation>Trusted signers</translation>
    </message>
</context>
<context>
    <name>UnitLevel</name>
    <message>
        <location filename="../../htx_desktop/ui/unit_picker.py" line="+52"/>
        <source>cấp xã/phường</source>
        <translation>commune/ward level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cấp huyện/cụm</source>
        <translation>district/cluster level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cấp tỉnh</source>
        <translation>province level</translation>
    </message>
</context>
<context>
    <name>UnitPicker</name>
    <message>
        <location line="+248"/>
        <source>Đã chọn {0} · đang hiện {1}/{2}</source>
        <translation>{0} selected · showing {1}/{2}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} đơn vị</source>
        <translation>{0} units</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}/{1} đơn vị khớp</source>
        <translation>{0}/{1} units match</translation>
    </message>
</context>
<context>
    <name>UntrainedPanel</name>
    <message>
        <location filename="../../htx_desktop/ui/pages/training_page.py" line="+39"/>
        <source>Nữ quản lý chưa được tập huấn quản trị</source>
        <translation>Women managers not yet trained in management</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nữ Chủ tịch, thành viên HĐQT, Giám đốc, thành viên Ban kiểm soát của các HTX chưa giải thể, chưa dự lớp nào có nội dung “{topic}”.</source>
        <translation>Women Chairs, board members, Directors and supervisory board members of cooperatives that are not dissolved, who have not yet attended any course on “{topic}”.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Nữ quản lý chưa được tập huấn quản trị ({count})</source>
        <translation>Women managers not yet trained in management ({count})</translation>
    </message>
</context>
<context>
    <name>XlsxImportDialog</name>
    <message>
        <location filename="../../htx_desktop/ui/xlsx_import_dialog.py" line="+73"/>
        <source>Nhập danh sách từ Excel</source>
        <translation>Import a list from Excel</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Chưa chọn tệp</source>
        <translation>No file chosen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chọn tệp…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tệp Excel (.xlsx):</source>
        <translation>Excel file (.xlsx):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chọn tệp: mẫu Excel của HTX Desktop, bảng tính trong gói dữ liệu, hoặc danh sách cũ (kể cả gõ bằng phông .VnTime hoặc VNI). Ứng dụng kiểm tra thử trước, chưa ghi gì.</source>
        <translation>Choose a file: the HTX Desktop Excel template, the workbook of a data bundle, or an old list (even one typed with .VnTime or VNI fonts). The file is checked first; nothing is written yet.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Bảng</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dòng</source>
        <translation>Row</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cột</source>
        <translation>Column</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vấn đề</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nhập</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Chọn tệp Excel</source>
        <translation>Choose an Excel file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tệp Excel (*.xlsx *.xlsm);;Tất cả tệp (*)</source>
        <translation>Excel files (*.xlsx *.xlsm);;All files (*)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Đang kiểm tra tệp…</source>
        <translation>Checking the file…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Kiểm tra thử: sẽ thêm mới {create}, cập nhật {update}, không đổi {unchanged} bản ghi; {rejected} dòng có lỗi sẽ bị bỏ qua. Chưa có gì được ghi.</source>
        <translation>Dry run: {create} records would be added, {update} updated, {unchanged} unchanged; {rejected} rows with errors would be skipped. Nothing has been written.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Chữ gõ bằng bảng mã {0} sẽ được chuyển sang Unicode.</source>
        <translation>Text typed in the {0} encoding will be converted to Unicode.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Đọc là: {0}</source>
        <translation>Read as: {0}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Đang nhập…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Đã nhập: thêm mới {create}, cập nhật {update}, không đổi {unchanged} bản ghi; {rejected} dòng có lỗi đã bỏ qua (sửa trong Excel rồi nhập lại tệp).</source>
        <translation>Imported: {create} records added, {update} updated, {unchanged} unchanged; {rejected} rows with errors were skipped (fix them in Excel and import the file again).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Không nhập được: {0}</source>
        <translation>Could not import: {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Lưu mẫu Excel</source>
        <translation>Save Excel template</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Đã lưu mẫu Excel:
{0}</source>
        <translation>Excel template saved:
{0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Không lưu được mẫu Excel: {0}</source>
        <translation>Could not save the Excel template: {0}</translation>
    </message>
</context>
</TS>
