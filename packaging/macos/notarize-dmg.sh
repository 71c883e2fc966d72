#!/usr/bin/env bash
# Sign "ZeelandNet Desktop.app" for the hardened runtime, put it in a DMG, notarize and staple.
#
#   packaging/macos/notarize-dmg.sh "dist/ZeelandNet Desktop.app" "Developer ID Application: NAME (TEAMID)" PROFILE [OUT.dmg]
#
# PROFILE is a notarytool keychain profile (xcrun notarytool store-credentials PROFILE ...).
# Without an identity ("-" as identity) it signs ad hoc and skips notarization: a DMG for testing
# on your own Mac only. Runs on macOS with the Xcode command-line tools. Untested until it has
# run on a Mac (see packaging/README.md).
set -euo pipefail
app=${1:?the .app}; identity=${2:?a signing identity, or - for ad hoc}; profile=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
version=$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$app/Contents/Info.plist")
out=${4:-"$(dirname "$app")/ZeelandNet-Desktop-$version.dmg"}
sign=(codesign --force --timestamp --options runtime --sign "$identity")
[ "$identity" = "-" ] && sign=(codesign --force --options runtime --sign -)

# Inside out: libraries and frameworks first, then the web helper with its own entitlements,
# then the app itself (codesign --deep would give every part the app's entitlements).
find "$app/Contents" -type f \( -name "*.dylib" -o -name "*.so" \) -print0 |
  xargs -0 "${sign[@]}"
find "$app/Contents" -type d -name "*.framework" -prune -print0 | while IFS= read -r -d '' fw; do
  "${sign[@]}" "$fw"
done
find "$app/Contents" -type d -name "QtWebEngineProcess.app" -print0 | while IFS= read -r -d '' helper; do
  "${sign[@]}" --entitlements "$here/webengine-helper.entitlements.plist" "$helper"
done
"${sign[@]}" --entitlements "$here/entitlements.plist" "$app"
codesign --verify --deep --strict --verbose=2 "$app"

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$out"
hdiutil create -volname "ZeelandNet Desktop" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$out"
if [ "$identity" = "-" ]; then
  echo "ad hoc signed, not notarized: $out"
  exit 0
fi
codesign --force --timestamp --sign "$identity" "$out"
xcrun notarytool submit "$out" --keychain-profile "${profile:?a notarytool keychain profile}" --wait
xcrun stapler staple "$out"
spctl --assess --type open --context context:primary-signature --verbose=2 "$out"
echo "$out"
