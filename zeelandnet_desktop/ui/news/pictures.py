"""The pictures the news views draw: thumbnails for the list, the lead picture for the article.

Asked for when a row or an article is shown, fetched and decoded by the news service off the
GUI thread (decoding and scaling a 3 MB photo takes longer than a frame), kept here in memory,
a bounded number of each.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader

from ...services.news import NewsService

THUMB_SIZE = QSize(88, 66)  # 4:3, drawn at the left of a list row
LEAD_WIDTH = 480
KEEP_THUMBS = 400
KEEP_LEADS = 24


def _reader(data: bytes) -> tuple[QImageReader, QBuffer] | None:
    """A reader over `data` (and its buffer, which must live as long as the reader)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    if not buffer.open(QIODevice.OpenModeFlag.ReadOnly):
        return None
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    return (reader, buffer) if reader.canRead() else None


def thumbnail_image(data: bytes) -> QImage | None:
    """Runs in the background: the picture scaled and cropped to THUMB_SIZE."""
    opened = _reader(data)
    if opened is None:
        return None
    reader, _buffer = opened
    size = reader.size()
    if size.isValid() and size.width() > 0 and size.height() > 0:
        # Decode small straight away where the format can (JPEG): far less work and memory.
        reader.setScaledSize(size.scaled(THUMB_SIZE, Qt.AspectRatioMode.KeepAspectRatioByExpanding))
    image = reader.read()
    if image.isNull():
        return None
    image = image.scaled(THUMB_SIZE, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                         Qt.TransformationMode.SmoothTransformation)
    left = (image.width() - THUMB_SIZE.width()) // 2
    top = (image.height() - THUMB_SIZE.height()) // 2
    return image.copy(left, top, THUMB_SIZE.width(), THUMB_SIZE.height())


def lead_image(data: bytes) -> QImage | None:
    """Runs in the background: the picture at most LEAD_WIDTH wide."""
    opened = _reader(data)
    if opened is None:
        return None
    reader, _buffer = opened
    size = reader.size()
    if size.isValid() and size.width() > LEAD_WIDTH:
        reader.setScaledSize(size.scaled(LEAD_WIDTH, 10 ** 6, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return None
    if image.width() > LEAD_WIDTH:
        image = image.scaledToWidth(LEAD_WIDTH, Qt.TransformationMode.SmoothTransformation)
    return image


class PictureBank(QObject):
    arrived = Signal(str)  # a picture came (or will never come): redraw what shows it

    def __init__(self, service: NewsService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.enabled = True
        self._thumbs: OrderedDict[str, QImage] = OrderedDict()
        self._leads: OrderedDict[str, QImage] = OrderedDict()
        self._asked: set[tuple[str, str]] = set()
        self._failed: set[str] = set()
        self._holding = False
        self._held: list[str] = []

    def hold_thumbnails(self, hold: bool) -> None:
        """While a refresh round runs, thumbnails wait: their fetching and decoding would
        compete with the feeds for the one Python interpreter, and the GUI thread would feel
        it. The article's own picture is never held. Released, the waiting ones are asked."""
        self._holding = hold
        if not hold:
            waiting, self._held = self._held, []
            for url in waiting:
                self._ask(url, "thumb")

    def set_enabled(self, on: bool) -> None:
        self.enabled = on
        self._asked.clear()  # asked while off: the service fetched nothing, ask again

    def has_thumbnail(self, url: str) -> bool:
        """Here already (without asking for it)."""
        return url in self._thumbs

    def failed(self, url: str) -> bool:
        return url in self._failed

    def thumbnail(self, url: str) -> QImage | None:
        """The thumbnail when it is here; otherwise None, and it is asked for."""
        image = self._thumbs.get(url)
        if image is not None:
            self._thumbs.move_to_end(url)
            return image
        self._ask(url, "thumb")
        return None

    def lead(self, url: str) -> QImage | None:
        image = self._leads.get(url)
        if image is not None:
            self._leads.move_to_end(url)
            return image
        self._ask(url, "lead")
        return None

    def _ask(self, url: str, kind: str) -> None:
        if not self.enabled or url in self._failed or (url, kind) in self._asked:
            return
        if kind == "thumb" and self._holding:
            if url not in self._held:
                self._held.append(url)
            return
        self._asked.add((url, kind))
        keep, cap = (self._thumbs, KEEP_THUMBS) if kind == "thumb" else (self._leads, KEEP_LEADS)

        def done(image: object) -> None:
            self._asked.discard((url, kind))
            if isinstance(image, QImage):
                keep[url] = image
                while len(keep) > cap:
                    keep.popitem(last=False)
            self.arrived.emit(url)

        def failed() -> None:
            self._asked.discard((url, kind))
            self._failed.add(url)
            self.arrived.emit(url)

        self._service.fetch_image(url, prepare=thumbnail_image if kind == "thumb" else lead_image,
                                  on_done=done, on_failed=failed)
