#!/bin/sh
# The one-edit runs' --prepare: changes the last line of one article, as an
# editor fixing a sentence would (a new revision stamp each time, so every run
# has a real change to build; the file's size stays the same).
set -eu
sed -i -e '$ s/ (rev [0-9]*)$//' -e "\$ s/\$/ (rev $(date +%s%N))/" "$1"
