#!/usr/bin/env bash
# Hands the signing and notarisation secrets to electron-builder (through $GITHUB_ENV) only when they are
# set. When they are not, it prints a notice and tells electron-builder to build unsigned rather than
# search the keychain or fail.
set -euo pipefail

# Appends NAME=value to $GITHUB_ENV in the multi-line form, so any value survives intact.
pass_on() {
  local name=$1 delimiter
  delimiter="EOF_$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  { echo "$name<<$delimiter"; printf '%s\n' "${!name}"; echo "$delimiter"; } >>"$GITHUB_ENV"
}

if [[ "$RUNNER_OS" == Linux ]]; then
  echo "Linux packages (AppImage, deb, rpm, tar.gz) are not code-signed."
  exit 0
fi

signed=false
if [[ -n "${CSC_LINK:-}" && -n "${CSC_KEY_PASSWORD:-}" ]]; then
  pass_on CSC_LINK
  pass_on CSC_KEY_PASSWORD
  signed=true
  echo "Code signing: on (certificate from the CSC_LINK secret)."
else
  echo "::notice title=Unsigned $RUNNER_OS build::The CSC_LINK and CSC_KEY_PASSWORD secrets are not set, so the $RUNNER_OS installers are not code-signed."
  echo "CSC_IDENTITY_AUTO_DISCOVERY=false" >>"$GITHUB_ENV"
fi

if [[ "$RUNNER_OS" == macOS ]]; then
  if [[ -z "${APPLE_ID:-}" || -z "${APPLE_APP_SPECIFIC_PASSWORD:-}" || -z "${APPLE_TEAM_ID:-}" ]]; then
    echo "::notice title=Not notarised::The APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID secrets are not set, so the macOS app is not notarised."
  elif [[ "$signed" != true ]]; then
    echo "::notice title=Not notarised::Notarisation needs a signed app, and the signing secrets are not set."
  else
    pass_on APPLE_ID
    pass_on APPLE_APP_SPECIFIC_PASSWORD
    pass_on APPLE_TEAM_ID
    echo "Notarisation: on."
  fi
fi
