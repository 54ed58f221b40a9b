; Inno Setup script for HTX Desktop (Windows), Vietnamese first, English second.
;
; Per-user install (no administrator rights: commune laptops are often locked down) into
; %LOCALAPPDATA%\Programs\HTX Desktop. The officer's data never lives here: it is in the user
; data folder (%LOCALAPPDATA%\HoiLHPN\HTXDesktop, from platformdirs), so an upgrade replaces
; the program and leaves the data, and the uninstaller removes the data only when she ticks the
; box that says so. Build the folder first (python installer\build.py), then:
;     iscc /DAppVersion=0.1.0 installer\innosetup.iss
; See installer\README.md. installer/windows/build.sh compiles it under Wine with the defines
; below (FrozenDir, DefaultDir, Compression). The file is UTF-8 with a byte-order mark: without
; it ISCC reads the Vietnamese text below in the ANSI code page.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
; The folder made by installer\build.py.
#ifndef FrozenDir
  #define FrozenDir "..\dist\htx-desktop"
#endif
; {autopf} is %LOCALAPPDATA%\Programs for a per-user install on Windows; Wine 8 cannot expand
; it (FOLDERID_UserProgramFiles), so the Linux build passes {localappdata}\Programs, the same
; folder on Windows.
#ifndef DefaultDir
  #define DefaultDir "{autopf}"
#endif
#ifndef Compression
  #define Compression "lzma2/ultra64"
#endif
#define AppName "HTX Desktop"
#define AppExe "htx-desktop.exe"
#define DataVendor "HoiLHPN"
#define DataApp "HTXDesktop"

[Setup]
; Never change AppId: it is how an upgrade finds the installed copy.
AppId={{6F2B7C7E-2E0B-4E8D-9C51-1B7A3C0D4E21}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Hội Liên hiệp Phụ nữ Việt Nam
DefaultDirName={#DefaultDir}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=htx-desktop-{#AppVersion}-setup
#if FileExists(AddBackslash(SourcePath) + "..\resources\icons\htx-desktop.ico")
SetupIconFile=..\resources\icons\htx-desktop.ico
#endif
UninstallDisplayIcon={app}\{#AppExe}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} Setup
UninstallDisplayName={#AppName}
Compression={#Compression}
SolidCompression=yes
; ISCC runs out of memory under Wine at ultra64 without it; harmless on Windows.
LZMAUseSeparateProcess=yes
WizardStyle=modern
ShowLanguageDialog=auto
CloseApplications=yes
RestartApplications=no

[Languages]
; The project's own Vietnamese messages (MIT, see its header): Inno Setup ships none.
Name: "vietnamese"; MessagesFile: "windows\Vietnamese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
vietnamese.AppShortcut=HTX Desktop - Quản lý hợp tác xã
vietnamese.AppComment=Quản lý hợp tác xã, tổ hợp tác và báo cáo của Hội Liên hiệp Phụ nữ
vietnamese.DesktopIcon=Tạo biểu tượng trên màn hình nền
vietnamese.LaunchApp=Mở HTX Desktop
vietnamese.CliShortcut=HTX Desktop (dòng lệnh)
vietnamese.DemoShortcut=HTX Desktop (dữ liệu mẫu)
vietnamese.RemoveDataTitle=Gỡ cài đặt HTX Desktop
vietnamese.RemoveDataText=Chương trình sẽ được gỡ khỏi máy. Dữ liệu của chị (cơ sở dữ liệu, bản sao lưu, khóa ký, nhật ký) được GIỮ LẠI trong thư mục:%n%1%n%nChỉ đánh dấu ô dưới đây khi chắc chắn không cần dữ liệu này nữa (đã sao lưu sang nơi khác).
vietnamese.RemoveDataBox=Xóa luôn toàn bộ dữ liệu và khóa ký (không khôi phục được)
vietnamese.RemoveDataConfirm=Xóa vĩnh viễn toàn bộ dữ liệu HTX Desktop trên máy này?
vietnamese.Continue=Tiếp tục
english.AppShortcut=HTX Desktop
english.AppComment=Cooperatives, cooperative groups and reports of the Women's Union
english.DesktopIcon=Create a desktop shortcut
english.LaunchApp=Open HTX Desktop
english.CliShortcut=HTX Desktop (command line)
english.DemoShortcut=HTX Desktop (demo data)
english.RemoveDataTitle=Uninstall HTX Desktop
english.RemoveDataText=The program will be removed. Your data (database, backups, signing key, logs) is KEPT in:%n%1%n%nTick the box below only if you are sure you no longer need it (and have a copy elsewhere).
english.RemoveDataBox=Also delete all data and the signing key (cannot be undone)
english.RemoveDataConfirm=Permanently delete all HTX Desktop data on this computer?
english.Continue=Continue

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"

[InstallDelete]
; The program folder is replaced wholesale on upgrade so no file of an older version lingers;
; the data folder is elsewhere and untouched.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#FrozenDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:AppShortcut}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
; Trying the application on sample data without touching the real file (the guide points here).
Name: "{autoprograms}\{cm:DemoShortcut}"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; Comment: "{cm:AppComment}"
Name: "{autoprograms}\{cm:CliShortcut}"; Filename: "{cmd}"; Parameters: "/k ""{app}\htx-desktop-cli.exe"" --help"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent

[Code]
var
  RemoveData: Boolean;

function DataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\{#DataVendor}\{#DataApp}');
end;

{ A real check box, unticked, rather than a Yes/No question: the safe answer must be the one
  she gets by just pressing Enter. }
function AskRemoveData(): Boolean;
var
  Form: TSetupForm;
  Text: TNewStaticText;
  Box: TNewCheckBox;
  Ok: TNewButton;
begin
  Result := False;
  Form := CreateCustomForm();
  try
    Form.ClientWidth := ScaleX(460);
    Form.ClientHeight := ScaleY(200);
    Form.Caption := CustomMessage('RemoveDataTitle');
    Text := TNewStaticText.Create(Form);
    Text.Parent := Form;
    Text.Left := ScaleX(12);
    Text.Top := ScaleY(12);
    Text.Width := Form.ClientWidth - ScaleX(24);
    Text.AutoSize := False;
    Text.WordWrap := True;
    Text.Height := ScaleY(110);
    Text.Caption := FmtMessage(CustomMessage('RemoveDataText'), [DataDir()]);
    Box := TNewCheckBox.Create(Form);
    Box.Parent := Form;
    Box.Left := ScaleX(12);
    Box.Top := ScaleY(128);
    Box.Width := Form.ClientWidth - ScaleX(24);
    Box.Caption := CustomMessage('RemoveDataBox');
    Box.Checked := False;
    Ok := TNewButton.Create(Form);
    Ok.Parent := Form;
    Ok.Caption := CustomMessage('Continue');
    Ok.Width := ScaleX(100);
    Ok.Left := Form.ClientWidth - Ok.Width - ScaleX(12);
    Ok.Top := Form.ClientHeight - ScaleY(36);
    Ok.ModalResult := mrOk;
    Ok.Default := True;
    Form.ActiveControl := Ok;
    if Form.ShowModal() = mrOk then
      Result := Box.Checked;
  finally
    Form.Free();
  end;
end;

function InitializeUninstall(): Boolean;
begin
  RemoveData := False;
  if (not UninstallSilent()) and DirExists(DataDir()) then
  begin
    RemoveData := AskRemoveData();
    if RemoveData then
      RemoveData := MsgBox(CustomMessage('RemoveDataConfirm'), mbConfirmation,
        MB_YESNO or MB_DEFBUTTON2) = IDYES;
  end;
  Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and RemoveData then
  begin
    DelTree(DataDir(), True, True, True);
    RegDeleteKeyIncludingSubkeys(HKEY_CURRENT_USER, 'Software\{#DataVendor}\{#DataApp}');
  end;
end;
