#!/usr/bin/env bash
# Installs what is missing, builds Mapperscope (Release) and starts it on the
# bundled blog example with SQLite in memory. Arguments go to the application.
set -euo pipefail
source "$(dirname "$0")/common.sh"
ms_ensure_packages
BUILD="$MS_ROOT/build/release"
ms_configure "$BUILD" Release
cmake --build "$BUILD" -j2
# Open the bundled example unless a project file is among the arguments.
has_project=0
for arg in "$@"; do
    case "$arg" in *.msproj) has_project=1 ;; esac
done
if [ "$has_project" -eq 0 ]; then
    set -- "$MS_ROOT/resources/examples/blog.msproj" "$@"
fi
exec "$BUILD/app/mapperscope" "$@"
