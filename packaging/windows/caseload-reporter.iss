; Inno Setup 6 script for Caseload Reporter: a per-user install that needs no administrator rights.
;
; Built by .github/workflows/windows-installer.yml on a Windows runner, after PyInstaller has made
; the one-folder bundle:
;   python packaging\build.py --bundle-only --out dist
;   iscc /DAppVersion=0.1.0 packaging\windows\caseload-reporter.iss
; Each directive was checked against the Inno Setup 6 documentation (jrsoftware.org/ishelp); the
; README's "Windows installer" section lists the silent switches for IT departments.

; x64compatible (below) is an Inno Setup 6.3 architecture identifier; older compilers reject it.
#if VER < EncodeVer(6,3,0)
  #error Inno Setup 6.3 or newer is needed to compile this script
#endif
#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z ...
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\pyinstaller\dist\caseload-reporter"
#endif
; The folder the app's folder goes in. Only the Wine test sets it: Wine 8.0 does not implement
; FOLDERID_UserProgramFiles, the per-user Programs folder that {autopf} names without admin rights
; ("Failed to expand shell folder constant"), so there it names that folder's default place:
; /DProgramsRoot={localappdata}\Programs.
#ifndef ProgramsRoot
  #define ProgramsRoot "{autopf}"
#endif
#define AppName "Caseload Reporter"
#define AppExe "caseload-reporter.exe"
#define ProgId "CaseloadReporter.Project"

[Setup]
; The AppId identifies the app across versions (upgrades, uninstall); it must never change.
; The doubled opening brace is Inno Setup's escape for a literal "{".
AppId={{B7EACEAE-70BE-40A8-A49F-9F6FD46888EC}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Caseload Reporter developers
VersionInfoVersion={#AppVersion}
; Per user, no UAC prompt: officers' laptops have no administrator rights. In this mode {autopf} is
; %LOCALAPPDATA%\Programs, {autoprograms} is the user's own Start menu and HKA is HKEY_CURRENT_USER.
PrivilegesRequired=lowest
; IT may still install for every user from a deployment tool with /ALLUSERS (which needs admin).
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={#ProgramsRoot}\{#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
; 64-bit only, like the bundled Python and Qt.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; Refresh Explorer's file associations after installing and uninstalling (.crproject).
ChangesAssociations=yes
; Close a running copy before replacing its files (silent installs close it without asking).
CloseApplications=yes
RestartApplications=no
SetupIconFile=..\..\resources\icons\caseload-reporter.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputDir=..\..\dist
OutputBaseFilename=caseload-reporter-{#AppVersion}-setup

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller folder: the two executables, _internal\ and licences\.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An older version's _internal may hold libraries this version no longer ships.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Caseload spreadsheets into committee reports"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The .crproject file type, under HKA\Software\Classes (HKCU here), as the documentation advises
; instead of HKCR. Removed on uninstall: the keys the app owns whole; the shared extension key loses
; only our value, and goes too once nothing else is in it (the Wine test found the empty keys left).
; Uninstall undoes these entries last to first, so each parent is checked after its child is gone.
Root: HKA; Subkey: "Software\Classes\.crproject"; Flags: uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\.crproject\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Caseload Reporter project"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".crproject"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; Officers' own files (settings, autosaves and logs under %LOCALAPPDATA%\Caseload Reporter, and
; their projects and reports wherever they saved them) are theirs: the uninstaller leaves them.
