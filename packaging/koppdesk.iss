; koppdesk — Windows installer (Inno Setup 6.3 or newer).
;
; Build on Windows, after `pyinstaller --noconfirm packaging\koppdesk.spec` made dist\koppdesk\:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\koppdesk.iss
; Result: dist\koppdesk-<version>-setup.exe.  The version is read from dist\koppdesk\koppdesk.exe
; (set from pyproject.toml by the spec); override with /DAppVersion=1.2.3.
;
; Per-machine install into Program Files by an administrator (or a deployment tool running
; as SYSTEM); users run koppdesk without admin rights afterwards.  Silent install for IT:
;   koppdesk-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;       [/DIR="D:\Programma's\koppdesk"] [/CONFIG="\\server\share\koppdesk.toml"]
;       [/TASKS="desktopicon"] [/LOG="C:\Windows\Temp\koppdesk-setup.log"]
;   /CONFIG= copies a machine settings file to C:\ProgramData\koppdesk\koppdesk.toml (an
;   existing one is kept next to it as koppdesk.toml.vorige).  Without /CONFIG an existing
;   machine file is left alone.
; Silent uninstall (user data and machine settings stay, unless /PURGE):
;   "C:\Program Files\koppdesk\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART [/PURGE]
; Details: docs/it-beheer.md.

#define AppName "koppdesk"
#define DistDir "..\dist\koppdesk"
#ifndef AppVersion
  ; File version 0.1.0.0 -> 0.1.0 (as in pyproject.toml).
  #define ExeVersion GetVersionNumbersString(AddBackslash(SourcePath) + DistDir + "\koppdesk.exe")
  #define AppVersion Copy(ExeVersion, 1, RPos(".", ExeVersion) - 1)
#endif

[Setup]
; Never change the AppId: updates and uninstall find an existing installation by it.
AppId={{5F0C6E2A-8B7D-4C1E-9A3F-6D2B8E4A7C15}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=koppdesk
AppComments=Kindcheck, gesprekstips, checklist en sociale kaart voor KOPP/KOV
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile=..\resources\icons\koppdesk.ico
UninstallDisplayIcon={app}\koppdesk.exe
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running koppdesk before files are replaced (Restart Manager), do not restart it.
CloseApplications=yes
RestartApplications=no
; Always write a setup log to %TEMP% (also without /LOG), for IT.
SetupLogging=yes
UninstallLogging=yes

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the whole bundle: no files of an older version stay behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "koppdesk.example.toml"; DestDir: "{app}"; Flags: ignoreversion

[Dirs]
; The machine settings folder; its permissions are set below (only administrators write).
Name: "{commonappdata}\{#AppName}"; Flags: uninsneveruninstall

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\koppdesk.exe"; Comment: "Kindcheck, gesprekstips, checklist en sociale kaart voor KOPP/KOV"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\koppdesk.exe"; Tasks: desktopicon

[Run]
; By default every user may create files in a new ProgramData folder; then any user could
; place a koppdesk.toml that applies to all users.  Administrators and SYSTEM: full control;
; Users: read only.  (SIDs, so this works on Windows in any language.)
Filename: "{sys}\icacls.exe"; Parameters: """{commonappdata}\{#AppName}"" /inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX"; Flags: runhidden waituntilterminated; StatusMsg: "Rechten van de instellingenmap zetten..."
Filename: "{app}\koppdesk.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent runasoriginaluser

[Code]
// "/NAME=value" from the command line of setup or uninstaller ('' when absent).
function SwitchValue(const Name: String): String;
var
  I: Integer;
  Prefix: String;
begin
  Result := '';
  Prefix := '/' + Uppercase(Name) + '=';
  for I := 1 to ParamCount do
    if Pos(Prefix, Uppercase(ParamStr(I))) = 1 then
      Result := RemoveQuotes(Copy(ParamStr(I), Length(Prefix) + 1, MaxInt));
end;

function HasSwitch(const Name: String): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), '/' + Name) = 0 then
      Result := True;
end;

function MachineConfigFile: String;
begin
  Result := ExpandConstant('{commonappdata}\{#AppName}\koppdesk.toml');
end;

function InitializeSetup: Boolean;
var
  Config: String;
begin
  Result := True;
  Config := SwitchValue('CONFIG');
  if (Config <> '') and not FileExists(Config) then
  begin
    Log('CONFIG file not found: ' + Config);
    SuppressibleMsgBox('Het instellingenbestand ' + Config + ' (/CONFIG=) bestaat niet. ' +
      'De installatie stopt; er is niets gewijzigd.', mbCriticalError, MB_OK, IDOK);
    Result := False;
  end;
end;

procedure CurStepChanged(CurStep: TSetupStep);
var
  Config: String;
begin
  if CurStep <> ssPostInstall then
    exit;
  Config := SwitchValue('CONFIG');
  if Config = '' then
    exit;
  ForceDirectories(ExtractFileDir(MachineConfigFile));
  if FileExists(MachineConfigFile) then
    FileCopy(MachineConfigFile, MachineConfigFile + '.vorige', False);
  if FileCopy(Config, MachineConfigFile, False) then
    Log('machine settings copied from ' + Config + ' to ' + MachineConfigFile)
  else
  begin
    Log('could not copy machine settings from ' + Config);
    SuppressibleMsgBox('Het instellingenbestand kon niet worden gekopieerd naar ' + MachineConfigFile + '.',
      mbError, MB_OK, IDOK);
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Purge: Boolean;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  Purge := HasSwitch('PURGE');
  if not Purge and not UninstallSilent then
    Purge := MsgBox('Ook de machine-instellingen (' + ExpandConstant('{commonappdata}\{#AppName}') + ') en de ' +
      'gegevens van deze gebruiker (' + ExpandConstant('{localappdata}\{#AppName}') + ': sociale kaart, eigen ' +
      'aanbod, notities, contacten, logboek) verwijderen?' + #13#10#13#10 +
      'Kies Nee om ze te bewaren (bijvoorbeeld voor een nieuwe installatie).',
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  if Purge then
  begin
    Log('purging machine settings and this user''s koppdesk data');
    DelTree(ExpandConstant('{commonappdata}\{#AppName}'), True, True, True);
    DelTree(ExpandConstant('{localappdata}\{#AppName}'), True, True, True);
  end;
end;
