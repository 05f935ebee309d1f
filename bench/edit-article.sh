#!/bin/sh
# The one-edit runs' --prepare: changes the last line of one article, as an
# editor fixing a sentence would: a new revision stamp each time, so every run
# has a real change to build, and the file's size stays the same.
#   edit-article.sh FILE          the stamp is a number, which the search index leaves out
#   edit-article.sh FILE words    the stamp is also a new word (`w` and digits), so the
#                                 article's indexed words change and the index is rebuilt
set -eu
stamp=$(date +%s%N)
if [ "${2:-}" = words ]; then stamp="$stamp w$stamp"; fi
sed -i -e '$ s/ (rev [0-9w ]*)$//' -e "\$ s/\$/ (rev $stamp)/" "$1"
