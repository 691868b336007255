# Sourced by run.sh and test.sh: the Debian packages Mapperscope needs, and
# the step that installs the missing ones.
# shellcheck shell=bash

MS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Build tools, Qt 6.4 (Core, Gui, Widgets, Sql, PrintSupport, Test,
# LinguistTools), the SQLite and PostgreSQL drivers, the Qt platform plugins
# (offscreen for the tests), Qt's own translations (OK, Cancel and the file
# dialogs in Russian), QCustomPlot's Qt 6 build, ccache for fast rebuilds, and
# what the install test and `cpack -G DEB` use: the desktop-entry, AppStream
# and MIME tools, and dpkg-shlibdeps (dpkg-dev) for the package's dependencies.
MS_PACKAGES=(
    build-essential cmake ninja-build ccache pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins libsqlite3-dev
    libqcustomplot-dev fonts-dejavu-core qt6-translations-l10n
    python3
    desktop-file-utils appstream shared-mime-info dpkg-dev
)

ms_missing_packages() {
    local missing=() p
    for p in "${MS_PACKAGES[@]}" "$@"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$p")
        fi
    done
    echo "${missing[@]}"
}

# Installs what is missing when run as root; otherwise prints the exact
# command and stops, so nothing is installed behind the user's back.
ms_ensure_packages() {
    local missing
    missing=$(ms_missing_packages "$@")
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" -eq 0 ]; then
        echo "mapperscope: installing $missing" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq || { echo "mapperscope: apt-get update failed" >&2; exit 1; }
        # shellcheck disable=SC2086
        apt-get install -y -qq --no-install-recommends $missing >&2 \
            || { echo "mapperscope: apt-get install failed" >&2; exit 1; }
    else
        echo "mapperscope: these Debian packages are missing. Install them with:" >&2
        echo "  sudo apt-get install $missing" >&2
        exit 1
    fi
}

# configure BUILD_DIR BUILD_TYPE [extra cmake args...]
ms_configure() {
    local dir=$1 type=$2
    shift 2
    local launcher=()
    command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    if [ ! -f "$dir/build.ninja" ]; then
        cmake -S "$MS_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "${launcher[@]}" "$@"
    fi
}
