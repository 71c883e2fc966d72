; Per-user Windows installer for ZeelandNet Desktop (NSIS 3, Modern UI 2). No administrator
; rights: it installs into %LOCALAPPDATA%\Programs and writes only to HKEY_CURRENT_USER.
;
;   makensis -DVERSION=0.1.0 -DPAYLOAD=dist\zeelandnet-desktop -DICON=build\icons\zeelandnet-desktop.ico
;            -DOUTFILE=dist\ZeelandNet-Desktop-0.1.0-setup.exe packaging\windows\installer.nsi
;
; PAYLOAD is the PyInstaller folder (zeelandnet-desktop.exe, zeelandnet-desktop-cli.exe,
; _internal\). Uninstalling removes the program, its menu entry and its start-at-login entry;
; settings, saved news and the webmail profile stay unless the user ticks their removal.

Unicode true
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "give -DVERSION=x.y.z"
!endif
!ifndef PAYLOAD
  !error "give -DPAYLOAD=<the PyInstaller folder>"
!endif
!ifndef OUTFILE
  !define OUTFILE "ZeelandNet-Desktop-${VERSION}-setup.exe"
!endif

!define APP_NAME "ZeelandNet Desktop"
!define APP_ID "nl.zeelandnet.desktop"
!define EXE "zeelandnet-desktop.exe"
; The same key and value name the app itself uses for "Starten bij aanmelden".
!define RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"
!define RUN_VALUE "ZeelandNet Desktop"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
; Qt's per-user folders for organisation "ZeelandNet Desktop", application "zeelandnet-desktop".
!define DATA_ROAMING "$APPDATA\ZeelandNet Desktop"
!define DATA_LOCAL "$LOCALAPPDATA\ZeelandNet Desktop"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"

!include "MUI2.nsh"
!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Dutch"
!insertmacro MUI_LANGUAGE "English"

LangString NAME_PROGRAM ${LANG_DUTCH} "ZeelandNet Desktop"
LangString NAME_PROGRAM ${LANG_ENGLISH} "ZeelandNet Desktop"
LangString NAME_AUTOSTART ${LANG_DUTCH} "Starten bij aanmelden"
LangString NAME_AUTOSTART ${LANG_ENGLISH} "Start at login"
LangString NAME_USERDATA ${LANG_DUTCH} "Ook mijn instellingen, opgeslagen nieuws en webmailgegevens verwijderen"
LangString NAME_USERDATA ${LANG_ENGLISH} "Also remove my settings, saved news and webmail data"
LangString RUNNING ${LANG_DUTCH} "Sluit ZeelandNet Desktop eerst af (rechtsklik op het pictogram bij de klok, Afsluiten) en probeer het dan opnieuw."
LangString RUNNING ${LANG_ENGLISH} "Please quit ZeelandNet Desktop first (right-click its icon by the clock, Quit) and try again."

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_DUTCH} "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=${LANG_DUTCH} "FileDescription" "${APP_NAME} installatie"
VIAddVersionKey /LANG=${LANG_DUTCH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_DUTCH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_DUTCH} "LegalCopyright" "GPL-3.0-or-later"

Function .onInit
  SetShellVarContext current
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "!$(NAME_PROGRAM)" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; A running copy holds its files open: say so plainly instead of failing half-way.
  IfFileExists "$INSTDIR\${EXE}" 0 not_running
    ClearErrors
    FileOpen $0 "$INSTDIR\${EXE}" a
    IfErrors 0 +2
      Abort "$(RUNNING)"
    FileClose $0
  not_running:
  File /r "${PAYLOAD}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "ZeelandNet Desktop developers"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

; Off unless chosen; the same entry the app writes (quoted path, started in the tray).
Section /o "$(NAME_AUTOSTART)" SecAutostart
  WriteRegStr HKCU "${RUN_KEY}" "${RUN_VALUE}" '"$INSTDIR\${EXE}" --minimized'
SectionEnd

Section "un.$(NAME_PROGRAM)" UnSecProgram
  SectionIn RO
  ; Whoever turned start-at-login on (this installer or the app), it goes with the program.
  DeleteRegValue HKCU "${RUN_KEY}" "${RUN_VALUE}"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\zeelandnet-desktop.exe"
  Delete "$INSTDIR\zeelandnet-desktop-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd

; Kept by default: reinstalling must not lose settings or saved news.
Section /o "un.$(NAME_USERDATA)" UnSecUserData
  RMDir /r "${DATA_ROAMING}\zeelandnet-desktop"
  RMDir "${DATA_ROAMING}"
  RMDir /r "${DATA_LOCAL}\zeelandnet-desktop"
  RMDir "${DATA_LOCAL}"
SectionEnd
