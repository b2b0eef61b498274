#!/usr/bin/env bash
# Prints, one per line, the completions that bash offers for a command line, calling the function that the
# completion script registers for the command, as bash does on TAB.
# Usage: complete.sh SCRIPT COMMAND [WORD...] CURRENT   (CURRENT, the word being completed, may be empty)
script=$1
shift
# shellcheck disable=SC1090
source "$script" || exit 1
spec=$(complete -p "$1") || { echo "complete.sh: $script registers no completion for '$1'" >&2; exit 1; }
fn=$(sed -n 's/.* -F \([^ ]*\) .*/\1/p' <<<"$spec")
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
"$fn" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
printf '%s\n' "${COMPREPLY[@]}"
