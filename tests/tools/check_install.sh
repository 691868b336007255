#!/usr/bin/env bash
# check_install.sh BUILD_DIR VERSION [--drop RELATIVE_PATH]
#
# Installs the build into a temporary prefix (`cmake --install`, no root) and
# checks that every file the desktop needs is there and valid: both
# executables run, the catalogue, the lessons and examples (each project
# valid), the .desktop file (desktop-file-validate), the AppStream metadata
# (appstreamcli validate), the MIME type (update-mime-database maps *.msproj
# to it), the SVG icon and a PNG of each size, and nothing else in bin/.
# --drop removes a file after installing, to show that the check notices.
set -uo pipefail

build=${1:?usage: check_install.sh BUILD_DIR VERSION [--drop RELATIVE_PATH]}
version=${2:?usage: check_install.sh BUILD_DIR VERSION [--drop RELATIVE_PATH]}
drop=
if [ "${3:-}" = "--drop" ]; then
    drop=${4:?--drop needs a path}
fi

id=io.github.mapperscope.Mapperscope
mime=application/x-mapperscope-project
prefix=$(mktemp -d "${TMPDIR:-/tmp}/mapperscope-install.XXXXXX")
trap 'rm -rf "$prefix"' EXIT
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

need_tool() {
    command -v "$1" >/dev/null 2>&1 && return 0
    fail "$1 is missing (Debian package $2)"
    return 1
}

if ! cmake --install "$build" --prefix "$prefix" >"$prefix.log" 2>&1; then
    cat "$prefix.log"
    rm -f "$prefix.log"
    echo "FAIL: cmake --install $build failed"
    exit 1
fi
rm -f "$prefix.log"
[ -n "$drop" ] && rm -rf "${prefix:?}/$drop"

# Every expected file, by its path under the prefix.
expected=(
    bin/mapperscope
    bin/mapperscope-cli
    share/mapperscope/translations/mapperscope_ru.qm
    share/mapperscope/examples/blog.msproj
    share/mapperscope/examples/blog.first_flush.expected.jsonl
    "share/applications/$id.desktop"
    "share/metainfo/$id.metainfo.xml"
    "share/mime/packages/$id.xml"
    "share/icons/hicolor/scalable/apps/$id.svg"
)
sizes=(16 32 48 64 128 256)
for size in "${sizes[@]}"; do
    expected+=("share/icons/hicolor/${size}x${size}/apps/$id.png")
done
for file in "${expected[@]}"; do
    [ -s "$prefix/$file" ] || fail "missing: $file"
done

# Only the two programs: no test or benchmark executable is installed.
for file in "$prefix"/bin/*; do
    case "${file##*/}" in
        mapperscope | mapperscope-cli) ;;
        *) fail "unexpected file installed: bin/${file##*/}" ;;
    esac
done
while IFS= read -r file; do
    fail "a test file is installed: ${file#"$prefix"/}"
done < <(find "$prefix" -name 'tst_*' -o -name 'bench_*' -o -name 'fuzz_*')

# Both programs run from the prefix.
for program in mapperscope mapperscope-cli; do
    [ -x "$prefix/bin/$program" ] || { fail "bin/$program is not executable"; continue; }
    out=$("$prefix/bin/$program" --version 2>&1) || fail "bin/$program --version failed: $out"
    case "$out" in
        *"$version"*) ;;
        *) fail "bin/$program --version printed \"$out\", without $version" ;;
    esac
done

# The lessons and the examples: projects with their expected traces, each valid.
for folder in lessons examples; do
    dir="$prefix/share/mapperscope/$folder"
    projects=("$dir"/*.msproj)
    traces=("$dir"/*.expected.jsonl)
    [ -e "${projects[0]}" ] || { fail "no project in share/mapperscope/$folder"; continue; }
    [ -e "${traces[0]}" ] || fail "no expected trace in share/mapperscope/$folder"
    if [ -x "$prefix/bin/mapperscope-cli" ]; then
        for project in "${projects[@]}"; do
            out=$("$prefix/bin/mapperscope-cli" validate "$project" 2>&1) \
                || fail "share/mapperscope/$folder/${project##*/} does not validate: $out"
        done
    fi
done

# The icons: each PNG is the size its folder says (the IHDR's width and height).
for size in "${sizes[@]}"; do
    png="$prefix/share/icons/hicolor/${size}x${size}/apps/$id.png"
    [ -s "$png" ] || continue
    read -r width height < <(od -An -tu1 -j16 -N8 "$png" \
        | awk '{ print $1*16777216 + $2*65536 + $3*256 + $4, $5*16777216 + $6*65536 + $7*256 + $8 }')
    [ "$width" = "$size" ] && [ "$height" = "$size" ] \
        || fail "${size}x${size}/apps/$id.png is ${width}x${height}"
done
svg="$prefix/share/icons/hicolor/scalable/apps/$id.svg"
[ -s "$svg" ] && ! grep -q '<svg' "$svg" && fail "$id.svg is not an SVG"

# The menu entry: valid, opens a file given to it, declares the MIME type,
# names the installed icon.
desktop="$prefix/share/applications/$id.desktop"
if [ -s "$desktop" ]; then
    if need_tool desktop-file-validate desktop-file-utils; then
        out=$(desktop-file-validate "$desktop" 2>&1) || fail "desktop-file-validate: $out"
    fi
    grep -qx 'Exec=mapperscope %f' "$desktop" || fail "$id.desktop: Exec is not \"mapperscope %f\""
    grep -qx "MimeType=$mime;" "$desktop" || fail "$id.desktop: MimeType is not \"$mime;\""
    grep -qx "Icon=$id" "$desktop" || fail "$id.desktop: Icon is not \"$id\""
fi

# The AppStream metadata: valid, and launching that menu entry.
metainfo="$prefix/share/metainfo/$id.metainfo.xml"
if [ -s "$metainfo" ]; then
    if need_tool appstreamcli appstream; then
        # --strict: infos (an unknown tag, say) fail too; only pedantic hints pass.
        out=$(appstreamcli validate --no-net --strict "$metainfo" 2>&1) || fail "appstreamcli validate: $out"
    fi
    grep -q "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$metainfo" \
        || fail "$id.metainfo.xml does not launch $id.desktop"
    grep -q "<release version=\"$version\"" "$metainfo" || fail "$id.metainfo.xml has no release $version"
fi

# The MIME type: shared-mime-info compiles the package and maps *.msproj to it.
if [ -s "$prefix/share/mime/packages/$id.xml" ] && need_tool update-mime-database shared-mime-info; then
    # (It notes on stdout that the prefix is not in XDG_DATA_DIRS: not an error.)
    out=$(update-mime-database "$prefix/share/mime" 2>&1) || fail "update-mime-database: $out"
    grep -qx "[0-9]*:$mime:\*\.msproj" "$prefix/share/mime/globs2" \
        || fail "share/mime: *.msproj is not $mime after update-mime-database"
    [ -s "$prefix/share/mime/${mime}.xml" ] || fail "share/mime: $mime was not compiled"
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures problem(s) in the installation"
    exit 1
fi
echo "installation complete: ${#expected[@]} files checked, lessons and examples valid"
