; Inno Setup script for the Windows installer of QMS Desk.
; NOT BUILT on our Linux machines: see docs/packaging.md for the steps on Windows.
; Build the one-folder bundle first (python tools\build_bundle.py gives build\dist\qmsdesk\),
; then: iscc /DAppVersion=0.2.0 packaging\windows\qmsdesk.iss
; The installer lands in build\installer\. Sign both the bundle's qmsdesk.exe and the installer
; (signtool) before giving them out: unsigned PyInstaller programs are flagged by Windows Defender
; SmartScreen.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6B7E1F0C-3A52-4E5B-9B0D-2C1E8F7A9D41}
AppName=QMS Desk
AppVersion={#AppVersion}
AppPublisher=QMS Desk
DefaultDirName={autopf}\QMS Desk
DefaultGroupName=QMS Desk
DisableProgramGroupPage=yes
; Installs for the current user without administrator rights unless the user asks otherwise.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\build\installer
OutputBaseFilename=QMS-Desk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\qmsdesk.ico
UninstallDisplayIcon={app}\qmsdesk.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Files]
Source: "..\..\build\dist\qmsdesk\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\QMS Desk"; Filename: "{app}\qmsdesk.exe"
Name: "{autodesktop}\QMS Desk"; Filename: "{app}\qmsdesk.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Registry]
; .qmsdb company files open with QMS Desk.
Root: HKA; Subkey: "Software\Classes\.qmsdb"; ValueType: string; ValueName: ""; ValueData: "QMSDesk.CompanyFile"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\QMSDesk.CompanyFile"; ValueType: string; ValueName: ""; ValueData: "QMS Desk company file"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\QMSDesk.CompanyFile\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\qmsdesk.exe,0"
Root: HKA; Subkey: "Software\Classes\QMSDesk.CompanyFile\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\qmsdesk.exe"" --db ""%1"""

[Run]
Filename: "{app}\qmsdesk.exe"; Description: "Start QMS Desk"; Flags: nowait postinstall skipifsilent
