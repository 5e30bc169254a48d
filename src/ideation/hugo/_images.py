"""A page's local images, found at import and copied beside the page in the catalogue.

Hugo pages show images from the site's ``static/`` folder by a site path (``![](/img/x.png)``,
served as ``/img/x.png``) and from the page's bundle by a relative one (``![](gridviz.png)``
beside ``index.md``); a Quarto page's relative paths are relative to the page, and its site
paths to the project. Outside the site, neither path means anything: each image is resolved at
import and, where it is an image of the site, planned as a copy beside the page's data file
(``events/<slug>/gridviz.png`` for ``events/<slug>.md``), the body's path changed to match
(``<slug>/gridviz.png``). The Sphinx extension shows such catalogue images.

Only images are copied, and only from inside the site: a path that leads out of it (``../``, a
symbolic link), a file that is not an image by its name and its first bytes, or one larger than
:data:`MAX_IMAGE_BYTES` stays as it was, named in the report with why. A raw ``<img>`` tag with
a ``src`` is written as Markdown first, so that it is an image and not text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path, PurePosixPath

import attrs

#: The suffixes of the files copied as images.
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"})
#: The largest image copied into a catalogue.
MAX_IMAGE_BYTES = 10 * 1024 * 1024

_MARKDOWN_IMAGE = re.compile(
    r"!\[(?P<alt>[^\]\n]*)\]\((?P<path>[^)\s]+)(?P<title>\s+\"[^\"\n]*\")?\)"
)
_IMG_TAG = re.compile(r"<img\b(?P<attrs>[^<>]*?)/?>", re.I)
_ATTR = re.compile(r"(?P<name>[a-zA-Z-]+)\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)')")
_FENCE = re.compile(r"^\s*(```|~~~)")
# A name safe in a catalogue path: no "..", no hidden file, nothing a shell or URL minds.
_SAFE_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


@attrs.frozen
class ImageCopy:
    """One image to copy: the file in the site, and its path under the page's data folder."""

    source: Path
    target: str


def _sniffed(path: Path) -> bool:
    """Whether the file's first bytes are those of an image of its suffix's kind."""
    with path.open("rb") as stream:
        head = stream.read(512)
    suffix = path.suffix.lower()
    if suffix == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if suffix in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if suffix == ".gif":
        return head.startswith((b"GIF87a", b"GIF89a"))
    if suffix == ".webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if suffix == ".avif":
        return head[4:12] in (b"ftypavif", b"ftypavis")
    return b"<svg" in head or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml")


def _refused(found: Path, root: Path) -> str | None:
    """Why ``found`` cannot be copied, or ``None``."""
    if found.suffix.lower() not in IMAGE_SUFFIXES:
        return f"not an image ({found.suffix or 'no suffix'})"
    try:
        real = found.resolve(strict=True)
    except (OSError, RuntimeError):
        return "no such file in the site"
    if not real.is_relative_to(root.resolve()):
        return "outside the site"
    if not real.is_file():
        return "not a file"
    try:
        size = real.stat().st_size
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if size > MAX_IMAGE_BYTES:
        return f"larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB ({size} bytes)"
    try:
        sniffed = _sniffed(real)
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if not sniffed:
        return f"not a {found.suffix.lower()[1:].upper()} image by its content"
    return None


@attrs.frozen
class _Where:
    """Where a page's image paths lead: the site's root, its static folders, the page's own."""

    root: Path
    statics: tuple[Path, ...]
    folder: Path | None


def _resolve(path: str, where: _Where) -> tuple[Path | None, str]:
    """The file ``path`` names, and the name it keeps under the page's folder; ``None`` with
    why when it names none."""
    if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//", path) or path.startswith("#"):
        return None, ""  # remote, data: or a fragment: not a file of the site
    clean = PurePosixPath(path.split("?", 1)[0].split("#", 1)[0])
    if any(part == ".." for part in clean.parts):
        return None, "it leads out of the page's folder (..)"
    if clean.is_absolute():
        relative = PurePosixPath(*clean.parts[1:])
        bases = where.statics
    else:
        relative = clean
        bases = (where.folder,) if where.folder is not None else ()
    for base in bases:
        candidate = base.joinpath(*relative.parts)
        if candidate.exists() or candidate.is_symlink():
            return candidate, relative.as_posix()
    if not bases:
        return None, "a relative path on a page that is no bundle, which Hugo serves from no file"
    return None, "no such file in the site"


def _target(name: str) -> str | None:
    parts = PurePosixPath(name).parts
    if parts and all(_SAFE_PART.fullmatch(part) for part in parts):
        return "/".join(parts)
    return None


def _img_tags(line: str) -> str:
    """A line's ``<img src=...>`` tags as Markdown images."""

    def markdown(match: re.Match[str]) -> str:
        found = {
            m["name"].lower(): html.unescape(m["dq"] if m["dq"] is not None else m["sq"])
            for m in _ATTR.finditer(match["attrs"])
        }
        source = found.get("src", "")
        if not source or re.search(r"[\s()]", source):
            return match[0]
        alt = found.get("alt", "").replace("]", "").replace("[", "")
        return f"![{alt}]({source})"

    return _IMG_TAG.sub(markdown, line)


def page_images(
    body: str, slug: str, where: _Where
) -> tuple[str, list[ImageCopy], list[tuple[int, str]]]:
    """``body`` with its local images' paths made ``<slug>/<name>``, the copies that makes
    them true, and notes as ``(line in the body, text)``."""
    copies: dict[str, ImageCopy] = {}
    notes: list[tuple[int, str]] = []
    out: list[str] = []
    fenced = False
    for number, line in enumerate(body.split("\n"), start=1):
        if _FENCE.match(line):
            fenced = not fenced
        if fenced:
            out.append(line)
            continue
        converted = _img_tags(line)
        if converted != line:
            notes.append((number, "a raw <img> tag written as a Markdown image"))

        def local(match: re.Match[str], number: int = number) -> str:
            path = match["path"]
            found, name = _resolve(path, where)
            if found is None:
                if name:
                    notes.append((number, f"image {path}: not copied, {name}"))
                return match[0]
            why = _refused(found, where.root)
            target = _target(f"{slug}/{name}")
            if why is None and target is None:
                why = "its name is not one a catalogue keeps (letters, digits, . _ -)"
            if why is not None:
                notes.append((number, f"image {path}: not copied, {why}"))
                return match[0]
            assert target is not None
            copies.setdefault(target, ImageCopy(source=found.resolve(), target=target))
            notes.append((number, f"image {path}: copied beside the page, as {target}"))
            return f"![{match['alt']}]({target}{match['title'] or ''})"

        out.append(_MARKDOWN_IMAGE.sub(local, converted))
    return "\n".join(out), list(copies.values()), notes


def where_images_are(root: Path, page: Path, *, bundle: bool, quarto: bool) -> _Where:
    """Where the image paths of ``page`` lead, in the site at ``root``: site paths to
    ``static/`` (a Quarto project's root), relative paths to a bundle's or a Quarto page's
    folder."""
    statics = (root,) if quarto else (root / "static",)
    folder = page.parent if bundle or quarto else None
    return _Where(root=root, statics=statics, folder=folder)
