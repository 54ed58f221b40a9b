"""Reading a bundle zip that may be broken or hostile.

Nothing in the zip's own directory is believed: names are checked against the fixed list,
sizes are capped while reading (not from the declared size), the compression ratio is capped
against zip bombs, and each member is hashed as it is read so the file is read only once.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from htx_desktop.exchange.errors import BundleRejected

CHUNK = 1 << 20
MAX_BUNDLE_BYTES = 512 * 1024 * 1024
MAX_RATIO = 200


@dataclass(frozen=True)
class Member:
    name: str
    data: bytes
    sha256: str


#: How bundles are compressed: stored or deflated, as `export_bundle` writes them.
READABLE_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})


def _reject(code: str, message: str) -> BundleRejected:
    return BundleRejected(code, message)


def open_regular(path: Path) -> BinaryIO:
    """The file opened for reading, if it is a regular file; a rejection at once otherwise.

    A path can name a folder, a device such as /dev/zero that never ends, or a FIFO whose
    plain `open` waits forever for a writer. The file is opened without blocking and its type
    read from the open handle (`fstat`), so a name swapped between a check and the open
    cannot slip a FIFO in."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError as exc:
        raise _reject("not_a_file", _not_a_file(path, "là một thư mục")) from exc
    except OSError as exc:
        if path.is_dir():  # Windows opens no folder and says "permission denied"
            raise _reject("not_a_file", _not_a_file(path, "là một thư mục")) from exc
        raise _reject("unreadable", f"Không mở được tệp “{path.name}”: {exc.strerror}.") from exc
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        what = "là một thư mục" if stat.S_ISDIR(mode) else "là thiết bị hoặc đường ống"
        raise _reject("not_a_file", _not_a_file(path, what))
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _not_a_file(path: Path, what: str) -> str:
    return (
        f"“{path}” {what}, không phải tệp gói dữ liệu. Hãy chọn đúng tệp gói (.zip) mà đơn vị "
        "gửi lên."
    )


#: Bundles up to this size are read into memory at once (a commune's is a few hundred KB).
IN_MEMORY_BYTES = 32 << 20


def read_bundle(path: Path, limits: dict[str, int]) -> tuple[dict[str, Member], str]:
    """Exactly the members named in `limits` (name -> max uncompressed bytes), or a
    rejection; and the SHA-256 of the whole file. A bundle that fits in memory is read
    once: its hash and its members come from the very same bytes (reading the file again for
    the hash cost a tenth of a verification, and could read another file put in its place);
    a larger one is streamed, then hashed."""
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size <= IN_MEMORY_BYTES:
            data = handle.read(IN_MEMORY_BYTES + 1)
            if len(data) <= IN_MEMORY_BYTES:
                members = _read_members(io.BytesIO(data), path, limits, len(data))
                return members, hashlib.sha256(data).hexdigest()
            handle.seek(0)  # it grew while being read: streamed like a large one
        members = _read_members(handle, path, limits, size)
    return members, sha256_file(path)


def _read_members(
    handle: BinaryIO, path: Path, limits: dict[str, int], size: int
) -> dict[str, Member]:
    if size > MAX_BUNDLE_BYTES:
        raise _reject(
            "too_large",
            f"Tệp “{path.name}” quá lớn ({size // (1024 * 1024)} MB) để là một gói dữ liệu HTX.",
        )
    if not zipfile.is_zipfile(handle):
        raise _reject(
            "not_zip",
            f"Tệp “{path.name}” không phải là gói dữ liệu HTX (không phải tệp zip) hoặc đã bị hỏng "
            "khi chép. Hãy chép lại tệp từ USB hoặc xin người gửi gửi lại.",
        )
    try:
        handle.seek(0)
        with zipfile.ZipFile(handle) as zf:
            infos = zf.infolist()
            _check_directory(infos, limits)
            members = {}
            for info in infos:
                members[info.filename] = _read(zf, info, limits[info.filename])
            return members
    except BundleRejected:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        ValueError,
        RuntimeError,
        zlib.error,  # damaged deflate data: zipfile lets zlib's own error through
    ) as exc:
        raise _reject(
            "broken_zip",
            f"Tệp “{path.name}” bị hỏng hoặc không đọc được hết (có thể chép chưa xong). "
            "Hãy chép lại tệp hoặc xin người gửi gửi lại.",
        ) from exc


def _check_directory(infos: list[zipfile.ZipInfo], limits: dict[str, int]) -> None:
    names = [i.filename for i in infos]
    if len(names) != len(set(names)):
        raise _reject(
            "duplicate_names", "Gói dữ liệu có hai tệp trùng tên: gói bị làm giả hoặc hỏng."
        )
    for info in infos:
        name = info.filename
        if (
            name.startswith(("/", "\\"))
            or ".." in name.replace("\\", "/").split("/")
            or ":" in name
        ):
            raise _reject("unsafe_path", f"Gói dữ liệu có đường dẫn không an toàn “{name[:80]}”.")
        if info.is_dir() or "/" in name or "\\" in name:
            raise _reject("unexpected_file", f"Gói dữ liệu có thư mục lạ “{name[:80]}”.")
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise _reject("symlink", f"Gói dữ liệu chứa liên kết tượng trưng “{name[:80]}”.")
        if name not in limits:
            raise _reject("unexpected_file", f"Gói dữ liệu có tệp lạ “{name[:80]}”.")
        if info.compress_type not in READABLE_METHODS:
            # Checked here rather than left to zipfile, which fails with its own "not
            # implemented" error for a method it lacks and would read bzip2 or lzma that no
            # bundle ever holds.
            raise _reject(
                "broken_zip",
                f"Tệp “{name}” trong gói bị hỏng hoặc không đọc được hết (nén theo cách ứng dụng "
                "không dùng). Hãy xin người gửi gửi lại.",
            )
        if info.flag_bits & 0x1:
            raise _reject(
                "encrypted", "Gói dữ liệu có tệp bị mã hóa; ứng dụng không tạo gói như vậy."
            )
        if info.file_size > limits[name]:
            raise _reject("member_too_large", f"Tệp “{name}” trong gói lớn bất thường.")
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _reject("zip_bomb", f"Tệp “{name}” nén bất thường (nghi “bom zip”); không mở.")
    missing = sorted(set(limits) - set(names))
    if missing:
        raise _reject(
            "missing_file",
            f"Gói dữ liệu thiếu tệp {', '.join(missing)}. Hãy xin người gửi xuất lại gói.",
        )


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> Member:
    digest = hashlib.sha256()
    parts: list[bytes] = []
    total = 0
    with zf.open(info) as handle:
        while True:
            chunk = handle.read(CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > limit or total > MAX_RATIO * max(info.compress_size, 1) + 1024 * 1024:
                raise _reject(
                    "member_too_large",
                    f"Tệp “{info.filename}” trong gói lớn hơn khai báo hoặc nén bất thường.",
                )
            digest.update(chunk)
            parts.append(chunk)
    if total != info.file_size:
        raise _reject("broken_zip", f"Tệp “{info.filename}” trong gói không đúng kích thước.")
    return Member(info.filename, b"".join(parts), digest.hexdigest())


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open_regular(path) as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()
