"""Images and PDFs are published without their author's personal metadata.

A phone photo carries where it was taken (EXIF GPS), the camera's owner (Artist), its
editing history (XMP); a brochure exported from a layout program carries its author and the
path of the file on their computer (`/home/marie/Documents/…`) in its document information
and XMP. Pelican copies static files as they are. Once Pelican has copied them into the
staging folder (`finalized`, before it becomes output/), each published JPEG, PNG, WebP and
PDF is replaced by a cleaned copy, written with files.write_if_changed; the author's file
under content/ is never touched.

- JPEG, PNG, WebP: the metadata blocks are left out, byte for byte (the image data is not
  decoded again, so nothing is lost): EXIF (GPS, Artist, camera serial…), XMP, IPTC and
  Photoshop blocks, comments, text chunks, C2PA/JUMBF, and what follows the image (a phone's
  appended preview or video). What displays the picture is kept: the colour profile (ICC,
  sRGB/gamma chunks) and the orientation, rewritten as a minimal EXIF holding only it.
- PDF (pypdf): the document information keeps only its title (unless it is a file path),
  subject and keywords; the XMP metadata streams and private application data
  (`/PieceInfo`) are removed; pages, links, outline, fonts, images and the tagged structure
  are kept. The work runs in a separate process with a time and memory limit (a hostile PDF
  cannot stall the build) and is cached by the PDF's bytes. A PDF that cannot be cleaned
  (encrypted, unreadable) is published as it is, with one warning line naming it.
"""

import contextlib
import hashlib
import os
import re
import struct
import zlib
from pathlib import Path

from PIL import Image

from .build import current
from .errors import relative_path, tr, warn
from .files import write_if_changed

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
PDF_SUFFIX = ".pdf"
ORIENTATION = 0x0112
# Bump when the cleaning of PDFs changes what it writes.
PDF_FORMAT = 1
PDF_TIMEOUT_S = 120
PDF_MEMORY_MB = 1024
ENCRYPTED = "encrypted"


# --- Images ----------------------------------------------------------------------------


def clean_image(data: bytes) -> bytes:
    """The image without its personal metadata; the same bytes when there is none, or when
    the file is not one this module can read (it is then published as it is)."""
    try:
        if data.startswith(b"\xff\xd8"):
            return _clean_jpeg(data)
        if data.startswith(b"\x89PNG\r\n\x1a\n"):
            return _clean_png(data)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _clean_webp(data)
    except (ValueError, IndexError, struct.error):
        return data
    return data


def _orientation(exif_block: bytes) -> int:
    """The Orientation tag of an EXIF block (with or without its `Exif\\0\\0` prefix)."""
    exif = Image.Exif()
    try:
        exif.load(
            exif_block if exif_block.startswith(b"Exif\x00\x00") else b"Exif\x00\x00" + exif_block
        )
    except Exception:  # a broken EXIF block: no orientation to keep
        return 1
    value = exif.get(ORIENTATION, 1)
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _orientation_tiff(orientation: int) -> bytes:
    """A TIFF structure holding only the Orientation tag (what EXIF blocks are)."""
    entry = struct.pack(">HHIH2x", ORIENTATION, 3, 1, orientation)
    return b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1) + entry + b"\x00" * 4


# JPEG markers kept: APP0 (JFIF), APP2 when it is an ICC profile, APP14 (Adobe: how the
# colours are coded). Every other APPn (EXIF, XMP, IPTC, Photoshop, MPF, C2PA…) and COM go.
_APP0, _APP1, _APP2, _APP14, _COM = 0xE0, 0xE1, 0xE2, 0xEE, 0xFE


def _clean_jpeg(data: bytes) -> bytes:
    kept = [b"\xff\xd8"]
    orientation = 1
    position = 2
    while position < len(data):
        if data[position] != 0xFF:
            raise ValueError("not a marker")
        while data[position] == 0xFF:  # fill bytes
            position += 1
        marker = data[position]
        position += 1
        if marker == 0xD9:  # end of image: what follows (a preview, a video) is not kept
            kept.append(b"\xff\xd9")
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            kept.append(bytes((0xFF, marker)))
            continue
        length = struct.unpack(">H", data[position : position + 2])[0]
        segment = data[position - 2 : position + length]
        payload = data[position + 2 : position + length]
        position += length
        if marker == 0xDA:  # start of scan: the coded image follows, up to the next marker
            end = _scan_end(data, position)
            kept.append(segment + data[position:end])
            position = end
            continue
        if marker == _APP1 and payload.startswith(b"Exif\x00\x00"):
            orientation = _orientation(payload)
            continue
        if 0xE0 <= marker <= 0xEF or marker == _COM:
            icc = marker == _APP2 and payload.startswith(b"ICC_PROFILE\x00")
            if marker in (_APP0, _APP14) or icc:
                kept.append(segment)
            continue
        kept.append(segment)
    if orientation != 1:
        block = b"Exif\x00\x00" + _orientation_tiff(orientation)
        app1 = b"\xff\xe1" + struct.pack(">H", len(block) + 2) + block
        # After SOI and APP0 (JFIF wants to come first).
        at = 2 if len(kept) > 1 and kept[1][:2] == b"\xff\xe0" else 1
        kept.insert(at, app1)
    return b"".join(kept)


def _scan_end(data: bytes, position: int) -> int:
    """Where the coded data of a scan ends: the first marker that is neither a stuffed
    0xFF00 nor a restart marker."""
    while True:
        position = data.index(b"\xff", position)
        following = data[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            position += 1 if following == 0xFF else 2
            continue
        return position


# PNG chunks kept besides the critical ones (upper-case first letter): what changes how
# the picture looks or moves. Text (tEXt, zTXt, iTXt: XMP), eXIf, tIME, and private chunks
# (C2PA's caBX…) go.
_PNG_KEPT = {
    b"iCCP", b"sRGB", b"gAMA", b"cHRM", b"cICP", b"mDCV", b"cLLI", b"sBIT", b"tRNS",
    b"bKGD", b"pHYs", b"hIST", b"sPLT", b"acTL", b"fcTL", b"fdAT",
}  # fmt: skip


def _clean_png(data: bytes) -> bytes:
    kept = [data[:8]]
    orientation = 1
    position = 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        chunk = data[position : position + 12 + length]
        if len(chunk) != 12 + length:
            raise ValueError("truncated chunk")
        position += 12 + length
        if kind == b"eXIf":
            orientation = _orientation(chunk[8:-4])
        elif kind[:1].isupper() or kind in _PNG_KEPT:
            if kind == b"IEND" and orientation != 1:
                kept.append(_png_chunk(b"eXIf", _orientation_tiff(orientation)))
            kept.append(chunk)
        if kind == b"IEND":
            break
    return b"".join(kept)


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


_WEBP_EXIF, _WEBP_XMP = 0x08, 0x04


def _clean_webp(data: bytes) -> bytes:
    size = struct.unpack("<I", data[4:8])[0]
    chunks, position, orientation = [], 12, 1
    while position < min(len(data), 8 + size):
        kind, length = struct.unpack("<4sI", data[position : position + 8])
        payload = data[position + 8 : position + 8 + length]
        position += 8 + length + (length & 1)
        if kind == b"EXIF":
            orientation = _orientation(payload)
        elif kind in (b"VP8X", b"ICCP", b"ANIM", b"ANMF", b"ALPH", b"VP8 ", b"VP8L"):
            chunks.append([kind, payload])
    if chunks and chunks[0][0] == b"VP8X":
        flags = chunks[0][1][0] & ~(_WEBP_EXIF | _WEBP_XMP)
        if orientation != 1:
            flags |= _WEBP_EXIF
            chunks.append([b"EXIF", _orientation_tiff(orientation)])
        chunks[0][1] = bytes((flags,)) + chunks[0][1][1:]
    body = b"".join(
        kind + struct.pack("<I", len(payload)) + payload + b"\x00" * (len(payload) & 1)
        for kind, payload in chunks
    )
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


# --- PDFs ------------------------------------------------------------------------------

# Document information entries kept: what describes the document, not who made it.
_PDF_KEPT = ("/Title", "/Subject", "/Keywords")
# A value that is a file path (`/home/marie/…`, `C:\Users\…`, `brochure.indd`).
_PATH = re.compile(r"(^|[\s(])(/(home|Users|mnt|media|tmp|var|root)/|[A-Za-z]:\\|\\\\)|"
                   r"\.(indd|docx?|odt|pages|ai|psd|qxp|pptx?|key)\b", re.IGNORECASE)  # fmt: skip


def clean_pdf(source: str, target: str) -> None:
    """Writes `source` without its personal metadata to `target` (in a worker process)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    reader = PdfReader(source)
    if reader.is_encrypted:
        raise ValueError(ENCRYPTED)
    writer = PdfWriter(clone_from=reader)
    info = reader.metadata or {}
    kept = {}
    for key in _PDF_KEPT:
        value = info.get(key)
        if value is not None and str(value).strip() and not _PATH.search(str(value)):
            kept[key] = str(value)
    writer.metadata = None
    if kept:
        writer.add_metadata(kept)
    for owner in _with_metadata(writer):
        for name in ("/Metadata", "/PieceInfo"):
            if NameObject(name) in owner:
                del owner[NameObject(name)]
    # The removed entries' objects would still be written: leave out what nothing reaches.
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    with open(target, "wb") as stream:
        writer.write(stream)


def _with_metadata(writer):
    """The catalog, the pages and their images and forms: where XMP streams are found."""
    yield writer.root_object
    seen = set()
    for page in writer.pages:
        yield page
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else {}
        objects = resources.get("/XObject")
        for reference in objects.get_object().values() if objects is not None else ():
            xobject = reference.get_object()
            if id(xobject) not in seen:
                seen.add(id(xobject))
                yield xobject


def _limited_clean_pdf(source: str, target: str, memory_mb: int) -> None:
    import logging
    import resource
    import warnings

    # pypdf's notes on an untidy PDF are no reason to fail (`--fatal warnings` in make
    # publish would turn them into errors in this forked process): only its errors count.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    warnings.simplefilter("ignore")

    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = memory_mb * 2**20 + _mapped()
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    clean_pdf(source, target)


def _mapped() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            import resource

            return int(statm.read().split()[0]) * resource.getpagesize()
    except (FileNotFoundError, ValueError):
        return 0


def pdf_cache(settings) -> Path:
    """PUBLISHED_PDFS_CACHE_PATH (`make publish`: its checked render cache), else beside
    Pelican's cache."""
    configured = settings.get("PUBLISHED_PDFS_CACHE_PATH")
    return Path(configured or Path(settings["CACHE_PATH"]).parent / "published-pdfs").resolve()


def published_size(source: Path, settings) -> int:
    """The size of the PDF as the site publishes it (the brochure viewer's download link)."""
    cleaned = cleaned_pdf(source, pdf_cache(settings))
    return (cleaned or source).stat().st_size


def cleaned_pdf(source: Path, cache: Path) -> Path | None:
    """The cleaned copy of `source` (made once per content, in the cache), or None with
    the reason said in one warning line (once per build)."""
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    seen = current().extra("published_pdfs", dict)
    if digest not in seen:
        seen[digest] = _cleaned_pdf(source, cache, digest)
    return seen[digest]


def _cleaned_pdf(source: Path, cache: Path, digest: str) -> Path | None:
    target = cache / f"{digest}-{PDF_FORMAT}.pdf"
    if target.is_file():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    partial = cache / f".tmp-{os.getpid()}-{digest}.pdf"
    from concurrent.futures import TimeoutError as FutureTimeout

    from pebble import ProcessExpired, concurrent

    run = concurrent.process(timeout=PDF_TIMEOUT_S, daemon=True)(_limited_clean_pdf)
    try:
        run(str(source), str(partial), PDF_MEMORY_MB).result()
    except (FutureTimeout, TimeoutError):
        reason = tr("il est trop long à lire", "it takes too long to read")
    except (MemoryError, ProcessExpired):
        reason = tr("il est trop lourd à lire", "it is too heavy to read")
    except Exception as error:  # pypdf's errors on a damaged or encrypted PDF
        if str(error) == ENCRYPTED:
            reason = tr("il est protégé par un mot de passe", "it is protected by a password")
        else:
            reason = tr(f"il est illisible ({error})", f"it is unreadable ({error})")
    else:
        os.replace(partial, target)
        return target
    partial.unlink(missing_ok=True)
    warn(
        tr(
            f"{relative_path(str(source))}: champ « métadonnées » : le PDF est publié avec ses "
            f"métadonnées (auteur, logiciel, chemins) : {reason} — attendu : un PDF réexporté "
            "sans mot de passe, ou sans ses propriétés (Fichier › Propriétés)",
            f'{relative_path(str(source))}: field "metadata" : the PDF is published with its '
            f"metadata (author, software, paths): {reason} — expected: a PDF exported again "
            "without a password, or without its properties (File › Properties)",
        )
    )
    return None


# --- At the end of a build ---------------------------------------------------------------


def remember_static_files(generator) -> None:
    """static_generator_finalized: the files Pelican will copy."""
    current().extras["published_static"] = generator


def clean_published_files(pelican) -> None:
    """finalized: each published image and PDF replaced by its cleaned copy."""
    generator = current().extras.pop("published_static", None)
    if generator is None:
        return
    settings = pelican.settings
    output = Path(settings["OUTPUT_PATH"])
    cache = pdf_cache(settings)
    for static in generator.context.get("staticfiles", []):
        target = output / static.save_as
        source = Path(settings["PATH"], static.source_path)
        suffix = target.suffix.lower()
        if not target.is_file() or suffix not in (*IMAGE_SUFFIXES, PDF_SUFFIX):
            continue
        if suffix == PDF_SUFFIX:
            cleaned = cleaned_pdf(source, cache)
            data = cleaned.read_bytes() if cleaned else source.read_bytes()
        else:
            data = clean_image(source.read_bytes())
        if write_if_changed(target, data):
            stamp = source.stat()
            os.utime(target, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
