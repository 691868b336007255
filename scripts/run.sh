#!/usr/bin/env bash
# Installs what is missing, builds Mapperscope (Release) and starts it on the
# bundled blog example with SQLite in memory. Arguments go to the application.
set -euo pipefail
source "$(dirname "$0")/common.sh"
ms_ensure_packages
BUILD="$MS_ROOT/build/release"
ms_configure "$BUILD" Release
cmake --build "$BUILD" -j2
if [ $# -eq 0 ]; then
    set -- "$MS_ROOT/resources/examples/blog.msproj"
fi
exec "$BUILD/app/mapperscope" "$@"
