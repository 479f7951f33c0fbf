; The per-user Windows installer of selfeval-gui (NSIS 3, Modern UI 2). build-windows.sh
; compiles it on Linux with the native makensis:
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DVERSION4=0.1.0.0 -DBUNDLE=/abs/dist/selfeval-gui \
;            -DWIZARD_BITMAP=/abs/wizard.bmp -DOUTFILE=/abs/selfeval-gui-0.1.0-setup-x64.exe installer/selfeval.nsi
; (absolute paths: makensis resolves relative ones from this file's folder.)
; -DFAST stores the payload with quick zlib instead of solid LZMA (the throw-away "older
; version" installer of the upgrade test).
;
; No administrator rights: everything goes to the user's own places, so a clerk can install
; it on a locked-down office PC. %LOCALAPPDATA%\Programs\selfeval-gui, the user's Start menu
; and desktop, HKCU only.
;
; Silent use for IT departments:
;   setup.exe /S [/D=C:\path]              install or upgrade, no questions; exit status 0,
;                                          3 if Windows is older than 10 1809, 4 if the app is running
;   uninstall.exe /S                       remove the program, keep the user's settings
;   uninstall.exe /S /REMOVEUSERDATA       remove the settings and recovery copies too

Unicode true
Target amd64-unicode
ManifestDPIAware true
ManifestSupportedOS all
RequestExecutionLevel user
!ifdef FAST
  SetCompressor zlib
!else
  SetCompressor /SOLID lzma
  SetCompressorDictSize 64
!endif

!ifdef VERSION & VERSION4 & BUNDLE & WIZARD_BITMAP & OUTFILE
!else
  !error "build with -DVERSION=… -DVERSION4=… -DBUNDLE=… -DWIZARD_BITMAP=… -DOUTFILE=… (see build-windows.sh)"
!endif

!define APP_ID        "selfeval-gui"           ; folder and registry key names
!define APP_NAME      "部门整体支出绩效自评"     ; shortcuts, Apps & Features
!define PUBLISHER     "selfeval-gui"
!define GUI_EXE       "selfeval-gui.exe"
!define CLI_EXE       "selfeval.exe"
!define FILE_EXT      ".jxzp"
!define PROG_ID       "selfeval-gui.jxzp"
!define UNINST_KEY    "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
; The app's own data, removed only when the user asks: its settings (QSettings as an INI file,
; %APPDATA%\selfeval\selfeval-gui.ini), its recovery copies and error log (QStandardPaths'
; AppData folders) -- organisation "selfeval", application "selfeval-gui" (selfeval_gui/ui/settings.py).
!define USERDATA_ORG  "selfeval"
!define USERDATA_APP  "selfeval-gui"
; Qt 6 needs Windows 10 1809 (build 17763) or later.
!define MIN_BUILD     17763

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_ID}"
; An upgrade goes where the previous version is.
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
ShowInstDetails show
ShowUninstDetails show
BrandingText "${APP_NAME} ${VERSION}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "WinVer.nsh"
!include "nsDialogs.nsh"

!define MUI_ICON   "${BUNDLE}/_internal/selfeval_gui/resources/icons/selfeval.ico"
!define MUI_UNICON "${BUNDLE}/_internal/selfeval_gui/resources/icons/selfeval.ico"
!define MUI_WELCOMEFINISHPAGE_BITMAP "${WIZARD_BITMAP}"  ; installer/wizard_bitmap.py
!define MUI_ABORTWARNING
!define MUI_UNABORTWARNING

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${GUI_EXE}"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.UserDataPage un.UserDataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the fallback; Windows in Chinese gets Chinese, in English English.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString NeedsWindows10   ${LANG_SIMPCHINESE} "本软件需要 64 位 Windows 10（1809 版）或更高版本，无法在这台电脑上安装。$\r$\n请联系单位的信息技术人员。"
LangString NeedsWindows10   ${LANG_ENGLISH}     "This program needs 64-bit Windows 10 (version 1809) or later and cannot be installed on this computer."
LangString AppRunning       ${LANG_SIMPCHINESE} "${APP_NAME}正在运行。请先保存并关闭它，然后点“重试”。"
LangString AppRunning       ${LANG_ENGLISH}     "${APP_NAME} is running. Save your work and close it, then click Retry."
LangString FileTypeName     ${LANG_SIMPCHINESE} "绩效自评报告项目"
LangString FileTypeName     ${LANG_ENGLISH}     "Self-evaluation report project"
LangString UserDataTitle    ${LANG_SIMPCHINESE} "设置和恢复文件"
LangString UserDataTitle    ${LANG_ENGLISH}     "Settings and recovery files"
LangString UserDataSubtitle ${LANG_SIMPCHINESE} "选择是否一并删除个人数据。"
LangString UserDataSubtitle ${LANG_ENGLISH}     "Choose whether to remove your personal data as well."
LangString UserDataText     ${LANG_SIMPCHINESE} "卸载只删除程序本身。您保存的报告文件（.jxzp、Word、Excel）不会被删除。$\r$\n$\r$\n如果以后不再使用本软件，可以同时删除它的设置（最近打开的文件、窗口位置、选项）和自动保存的恢复文件。"
LangString UserDataText     ${LANG_ENGLISH}     "Uninstalling removes the program only. Your saved reports (.jxzp, Word, Excel) are not touched.$\r$\n$\r$\nIf you will not use the program again, you can also remove its settings (recent files, window position, options) and its automatic recovery copies."
LangString UserDataCheck    ${LANG_SIMPCHINESE} "同时删除我的设置和恢复文件"
LangString UserDataCheck    ${LANG_ENGLISH}     "Also delete my settings and recovery files"

VIProductVersion "${VERSION4}"
VIFileVersion    "${VERSION4}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName"     "${APP_NAME}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName"     "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion"     "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion"  "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright"  "© ${PUBLISHER}"

Var RemoveUserData
Var RemoveUserDataBox

!macro NotifyAssociationsChanged
  ; SHChangeNotify(SHCNE_ASSOCCHANGED, SHCNF_IDLIST): Explorer rereads the file types.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend

Function .onInit
  SetShellVarContext current
  ${IfNot} ${AtLeastWin10}
  ${OrIfNot} ${AtLeastBuild} ${MIN_BUILD}
    MessageBox MB_ICONSTOP|MB_OK "$(NeedsWindows10)" /SD IDOK
    SetErrorLevel 3
    Quit
  ${EndIf}
FunctionEnd

Section "-Program"
  SetShellVarContext current
  SetOutPath "$INSTDIR"

  ; A running copy locks its .exe; deleting it first tells us before anything is replaced.
  delete_programs:
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  ${If} ${FileExists} "$INSTDIR\${GUI_EXE}"
  ${OrIf} ${FileExists} "$INSTDIR\${CLI_EXE}"
    MessageBox MB_ICONEXCLAMATION|MB_RETRYCANCEL "$(AppRunning)" /SD IDCANCEL IDRETRY delete_programs
    SetErrorLevel 4
    Abort
  ${EndIf}
  ; An upgrade replaces the runtime folder whole, so no file of an older version lingers.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}/*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0 SW_SHOWNORMAL "" "${APP_NAME}"
  CreateShortCut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0 SW_SHOWNORMAL "" "${APP_NAME}"

  ; .jxzp opens in the editor, for this user (HKCU\Software\Classes is this user's HKCR).
  WriteRegStr HKCU "Software\Classes\${FILE_EXT}" "" "${PROG_ID}"
  WriteRegStr HKCU "Software\Classes\${FILE_EXT}\OpenWithProgids" "${PROG_ID}" ""
  WriteRegStr HKCU "Software\Classes\${PROG_ID}" "" "$(FileTypeName)"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\DefaultIcon" "" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\shell\open\command" "" '"$INSTDIR\${GUI_EXE}" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\${GUI_EXE}\SupportedTypes" "${FILE_EXT}" ""
  !insertmacro NotifyAssociationsChanged

  ; Apps & Features ("应用和功能") entry of this user.
  ${GetTime} "" "L" $0 $1 $2 $3 $4 $5 $6
  WriteRegStr   HKCU "${UNINST_KEY}" "DisplayName"          "${APP_NAME}"
  WriteRegStr   HKCU "${UNINST_KEY}" "DisplayVersion"       "${VERSION}"
  WriteRegStr   HKCU "${UNINST_KEY}" "DisplayIcon"          "$INSTDIR\${GUI_EXE},0"
  WriteRegStr   HKCU "${UNINST_KEY}" "Publisher"            "${PUBLISHER}"
  WriteRegStr   HKCU "${UNINST_KEY}" "InstallLocation"      "$INSTDIR"
  WriteRegStr   HKCU "${UNINST_KEY}" "InstallDate"          "$2$1$0"
  WriteRegStr   HKCU "${UNINST_KEY}" "UninstallString"      '"$INSTDIR\uninstall.exe"'
  WriteRegStr   HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

Function un.onInit
  SetShellVarContext current
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/REMOVEUSERDATA" $1
  ${If} ${Errors}
    StrCpy $RemoveUserData ${BST_UNCHECKED}
  ${Else}
    StrCpy $RemoveUserData ${BST_CHECKED}
  ${EndIf}
FunctionEnd

Function un.UserDataPage
  !insertmacro MUI_HEADER_TEXT "$(UserDataTitle)" "$(UserDataSubtitle)"
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateLabel} 0 0 100% 60u "$(UserDataText)"
  Pop $0
  ${NSD_CreateCheckbox} 0 70u 100% 12u "$(UserDataCheck)"
  Pop $RemoveUserDataBox
  ${NSD_SetState} $RemoveUserDataBox $RemoveUserData
  nsDialogs::Show
FunctionEnd

Function un.UserDataPageLeave
  ${NSD_GetState} $RemoveUserDataBox $RemoveUserData
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"

  ; The association, only where it is still ours.
  ReadRegStr $0 HKCU "Software\Classes\${FILE_EXT}" ""
  ${If} $0 == "${PROG_ID}"
    DeleteRegValue HKCU "Software\Classes\${FILE_EXT}" ""
  ${EndIf}
  DeleteRegValue HKCU "Software\Classes\${FILE_EXT}\OpenWithProgids" "${PROG_ID}"
  DeleteRegKey /ifempty HKCU "Software\Classes\${FILE_EXT}\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "Software\Classes\${FILE_EXT}"
  DeleteRegKey HKCU "Software\Classes\${PROG_ID}"
  DeleteRegKey HKCU "Software\Classes\Applications\${GUI_EXE}"
  DeleteRegKey /ifempty HKCU "Software\Classes\Applications"
  !insertmacro NotifyAssociationsChanged
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey /ifempty HKCU "Software\Microsoft\Windows\CurrentVersion\Uninstall"

  ; Only what the installer put there: never RMDir /r a folder the user may have chosen.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  ; %LOCALAPPDATA%\Programs, if this installer was the first to create it.
  RMDir "$LOCALAPPDATA\Programs"

  ${If} $RemoveUserData == ${BST_CHECKED}
    Delete "$APPDATA\${USERDATA_ORG}\${USERDATA_APP}.ini"
    RMDir /r "$APPDATA\${USERDATA_ORG}\${USERDATA_APP}"
    RMDir /r "$LOCALAPPDATA\${USERDATA_ORG}\${USERDATA_APP}"
    ; Settings in the registry, QSettings' default, should a version ever keep them there.
    DeleteRegKey HKCU "Software\${USERDATA_ORG}\${USERDATA_APP}"
    ; The organisation's folders and key, once nothing else is in them.
    RMDir "$APPDATA\${USERDATA_ORG}"
    RMDir "$LOCALAPPDATA\${USERDATA_ORG}"
    DeleteRegKey /ifempty HKCU "Software\${USERDATA_ORG}"
  ${EndIf}
SectionEnd
