"""Images from data files are never downloaded by a builder unless the site's author says so.

HTML builders link to a remote image. Builders that cannot (LaTeX, EPUB, Texinfo: each says so
by ``supported_remote_images``) have Sphinx download it while the page is written, so a data
file that names ``https://host/...`` as an image would make the build machine request that
address, and an EPUB would package what came back. Before Sphinx's downloader runs, each remote
image inside the extension's output becomes a link to it, with the image's text; the site's
own images, outside the extension's output, are left to Sphinx. ``ideation_download_images``
(off by default) lets Sphinx download them as it does the site's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ._config import get_config
from ._description import is_remote
from ._untranslated import inside_box

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class LinkRemoteImages(SphinxPostTransform):
    """Turn the remote images of the extension's output into links (see the module)."""

    # Before Sphinx's image downloader (priority 100) and its converters.
    default_priority = 90

    def run(self, **kwargs: object) -> None:
        """Replace each remote image the extension showed by a link to it."""
        for image in list(self.document.findall(nodes.image)):
            uri = str(image.get("uri", ""))
            if not is_remote(uri) or not inside_box(image):
                continue
            text = str(image.get("alt") or uri)
            link = nodes.reference(text, text, refuri=uri, classes=["ideation-image-link"])
            parent = image.parent
            if isinstance(parent, nodes.reference):
                # An image that was already a link: its link stays, with the image's text.
                parent.replace(image, nodes.Text(text))
            elif isinstance(parent, nodes.TextElement):
                image.replace_self(link)
            else:
                image.replace_self(nodes.paragraph("", "", link))


def _builder_inited(app: Sphinx) -> None:
    builder = app.builder
    if builder.supported_remote_images or not builder.supported_image_types:
        return  # links to remote images as they are, or shows no image at all
    if get_config(app.config).download_images:
        return
    app.add_post_transform(LinkRemoteImages)


def setup_images(app: Sphinx) -> None:
    """Keep builders from downloading the images that data files name."""
    app.connect("builder-inited", _builder_inited)
