"""Build the packaged app: a PyInstaller one-folder bundle, then on Linux a portable tarball and a .deb.

    python3 packaging/devenv.py package      # from a clean clone: sets up, then runs this
    .venv/bin/python packaging/build.py [--out DIR] [--no-deb] [--bundle-only]

The bundle is made from packaging/pyinstaller/caseload_reporter.spec. The tarball unpacks anywhere
and runs from its folder (no root needed); the .deb installs into /opt/caseload-reporter with a
command, a menu entry, an icon and the .crproject file type. Both carry the licence texts of
everything bundled. On Windows, .github/workflows/windows-installer.yml runs this with --bundle-only
and then Inno Setup (packaging/windows/caseload-reporter.iss) makes the installer.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(ROOT / "packaging"))

from caseload_reporter import __version__  # noqa: E402
from caseload_reporter.core.licences import write_licence_folder  # noqa: E402
from devenv import QT_DISPLAY_PACKAGES, QT_OFFSCREEN_PACKAGES  # noqa: E402

APP = "caseload-reporter"
SPEC = ROOT / "packaging" / "pyinstaller" / "caseload_reporter.spec"
LINUX = ROOT / "packaging" / "linux"
INSTALL_DIR = f"/opt/{APP}"
MIME_TYPE = "application/x-caseload-reporter-project"


def say(text: str) -> None:
    print(f"[build] {text}", flush=True)


def freeze(out: Path) -> Path:
    """Run PyInstaller; return the one-folder bundle with the licence texts added beside the app."""
    work = out / "pyinstaller"
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(work / "dist"),
        "--workpath",
        str(work / "build"),
        str(SPEC),
    ]
    subprocess.run(command, check=True, cwd=ROOT)
    bundle = work / "dist" / APP
    written = write_licence_folder(bundle / "licences", frozen=True)
    say(f"Bundle: {bundle} ({folder_size(bundle) / 1e6:.0f} MB, {len(written)} licence files)")
    return bundle


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*"))


def _owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    return info


def tarball(bundle: Path, out: Path) -> Path:
    """A portable tarball: unpack anywhere and run ./caseload-reporter; install-menu-entry.sh adds it to
    the user's applications menu without root."""
    name = f"{APP}-{__version__}-linux-x86_64"
    staging = out / "tarball" / name
    shutil.rmtree(staging.parent, ignore_errors=True)
    shutil.copytree(bundle, staging, symlinks=True)
    shutil.copy2(LINUX / "install-menu-entry.sh", staging / "install-menu-entry.sh")
    (staging / "install-menu-entry.sh").chmod(0o755)
    shutil.copy2(LINUX / "README-portable.txt", staging / "README.txt")
    (staging / "share").mkdir()
    for source in (LINUX / f"{APP}.desktop", LINUX / f"{APP}-mime.xml", ROOT / "resources/icons/caseload-reporter.png"):
        shutil.copy2(source, staging / "share" / source.name)
    target = out / f"{name}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as archive:
        archive.add(staging, arcname=name, filter=_owned_by_root)
    shutil.rmtree(staging.parent)
    return target


def debian_depends() -> str:
    """What Qt needs from the system and the bundle does not carry: the same list devenv.py installs."""
    glibc = os.confstr("CS_GNU_LIBC_VERSION").split()[-1]  # the bundle needs at least the builder's glibc
    return ", ".join([f"libc6 (>= {glibc})", *QT_OFFSCREEN_PACKAGES, *QT_DISPLAY_PACKAGES])


def control_file(installed_kib: int) -> str:
    return (
        f"Package: {APP}\n"
        f"Version: {__version__}\n"
        "Section: misc\n"
        "Priority: optional\n"
        "Architecture: amd64\n"
        "Maintainer: Caseload Reporter developers <caseload-reporter@invalid>\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {debian_depends()}\n"
        "Description: caseload spreadsheets into accessible committee reports, offline\n"
        " Caseload Reporter imports children's social care caseload spreadsheets, shows team\n"
        " and district views against target caseloads, works out staffing options and exports\n"
        " an accessible, anonymised Word committee report. It never connects to the internet.\n"
    )


def deb(bundle: Path, out: Path) -> Path:
    root = out / "deb-root"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(bundle, root / INSTALL_DIR.lstrip("/"), symlinks=True)
    (root / "usr/bin").mkdir(parents=True)
    (root / "usr/bin" / APP).symlink_to(f"{INSTALL_DIR}/{APP}")
    placed = {
        LINUX / f"{APP}.desktop": f"usr/share/applications/{APP}.desktop",
        LINUX / f"{APP}-mime.xml": f"usr/share/mime/packages/{APP}.xml",
        ROOT / "resources/icons/caseload-reporter.png": f"usr/share/icons/hicolor/256x256/apps/{APP}.png",
        LINUX / "copyright": f"usr/share/doc/{APP}/copyright",
    }
    for source, destination in placed.items():
        (root / destination).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, root / destination)
    debian = root / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(control_file(folder_size(root) // 1024))
    for script in ("postinst", "postrm"):
        shutil.copy2(LINUX / script, debian / script)
        (debian / script).chmod(0o755)
    for path in root.rglob("*"):  # dpkg wants 0755 folders and no group- or world-writable files
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~0o022 | (0o755 if path.is_dir() else 0))
    target = out / f"{APP}_{__version__}_amd64.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zgzip", "--build", str(root), str(target)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(root)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the packaged Caseload Reporter (Linux: tarball and .deb).")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the packages go (default: dist/)")
    parser.add_argument("--no-deb", action="store_true", help="only the tarball (for systems without dpkg-deb)")
    parser.add_argument(
        "--bundle-only",
        action="store_true",
        help="only the one-folder bundle, with its licence texts (what Windows packages)",
    )
    args = parser.parse_args(argv)
    linux = sys.platform.startswith("linux")
    if not linux and not args.bundle_only:
        print("[build] The tarball and .deb are Linux packages; elsewhere use --bundle-only.", file=sys.stderr)
        return 2
    missing = [tool for tool in ("objdump", "objcopy") if linux and shutil.which(tool) is None]
    if missing:
        print(f"[build] PyInstaller needs {' and '.join(missing)} (Debian package binutils).", file=sys.stderr)
        return 1
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    bundle = freeze(out)
    if args.bundle_only:
        say(f"Done in {time.perf_counter() - started:.0f} s.")
        return 0
    built = [tarball(bundle, out)]
    if not args.no_deb:
        if shutil.which("dpkg-deb") is None:
            print("[build] dpkg-deb is not installed, so no .deb was made (use --no-deb).", file=sys.stderr)
            return 1
        built.append(deb(bundle, out))
    for package in built:
        say(f"Built {package} ({package.stat().st_size / 1e6:.1f} MB)")
    say(f"Done in {time.perf_counter() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
