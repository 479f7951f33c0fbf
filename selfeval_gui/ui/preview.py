"""The print preview: the report's pages as they print, landscape pages turned as they are.

Qt's own preview lays every page out in the printer's one orientation, so a report whose
table 9 is on landscape pages is shown here instead: the typeset pages, painted by the same
painter as the PDF and the printer, one under the other at the zoom the clerk picks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QLabel,
    QStyleOptionGraphicsItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from selfeval_gui.exporters.typeset import PageBox
from selfeval_gui.render.paint import PagePainter

#: Space between pages and around them, in points.
GAP = 18
ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
_FIT_WIDTH, _FIT_PAGE = "适合宽度", "整页"


class PageItem(QGraphicsItem):
    """One page, painted when it comes into view, with its shadow."""

    def __init__(self, page: PageBox, painter: PagePainter) -> None:
        super().__init__()
        self.page = page
        self._painter = painter

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.page.page.width + 3, self.page.page.height + 3)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        width, height = self.page.page.width, self.page.page.height
        painter.fillRect(QRectF(3, 3, width, height), QColor(0, 0, 0, 60))
        painter.fillRect(QRectF(0, 0, width, height), Qt.GlobalColor.white)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self._painter.paint_page(painter, self.page, scale=1.0)


class PreviewView(QGraphicsView):
    """The pages one under the other; Ctrl+wheel zooms."""

    def __init__(self, pages: Sequence[PageBox], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.setAccessibleName("打印预览")
        self.setBackgroundBrush(QColor(128, 128, 128))
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        scene = QGraphicsScene(self)
        painter = PagePainter()
        widest = max((p.page.width for p in pages), default=0.0)
        self.page_items: list[PageItem] = []
        y = float(GAP)
        for page in pages:
            item = PageItem(page, painter)
            item.setPos(GAP + (widest - page.page.width) / 2, y)
            scene.addItem(item)
            self.page_items.append(item)
            y += page.page.height + GAP
        scene.setSceneRect(QRectF(0, 0, widest + 2 * GAP, y))
        self.setScene(scene)
        self.fit: str | None = _FIT_PAGE
        #: Whether a page has been put at the top yet: until then the view shows the middle
        #: of the scene (where Qt centres one larger than the view), not a page to keep.
        self._placed = False

    def zoom_to(self, factor: float) -> None:
        self.fit = None
        self.resetTransform()
        self.scale(factor, factor)

    def zoom(self) -> float:
        return self.transform().m11()

    def apply_fit(self) -> None:
        """Zoom to the fit chosen, keeping the page at the top there (the first page at first)."""
        if self.fit is None or not self.page_items:
            return
        page = self.current_page() if self._placed else 0
        area = self.viewport().size()
        scene = self.sceneRect()
        if self.fit == _FIT_WIDTH:
            factor = area.width() / scene.width()
        else:
            tallest = max(item.page.page.height for item in self.page_items) + 2 * GAP
            factor = min(area.width() / scene.width(), area.height() / tallest)
        self.resetTransform()
        self.scale(factor, factor)
        self.show_page(page)
        self._placed = True

    def show_page(self, index: int) -> None:
        item = self.page_items[index]
        self.centerOn(item.pos().x() + item.page.page.width / 2,
                      item.pos().y() + self.viewport().height() / self.zoom() / 2 - GAP)

    def current_page(self) -> int:
        """The page at the top of the view."""
        top = self.mapToScene(0, self.viewport().height() // 3).y()
        for index, item in enumerate(self.page_items):
            if item.pos().y() + item.page.page.height + GAP > top:
                return index
        return max(len(self.page_items) - 1, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.apply_fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            step = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
            self.zoom_to(min(max(self.zoom() * step, 0.2), 4.0))
            event.accept()
            return
        super().wheelEvent(event)


class PreviewDialog(QDialog):
    """The preview with its toolbar: pages, zoom, print."""

    def __init__(self, pages: Sequence[PageBox], print_: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("打印预览")
        self._print = print_
        self.view = PreviewView(pages, self)
        toolbar = QToolBar(self)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        print_action = toolbar.addAction("打印(&P)…", self._print_and_close)
        print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        toolbar.addSeparator()
        toolbar.addAction("上一页", lambda: self._step(-1)).setShortcut(QKeySequence(Qt.Key.Key_PageUp))
        toolbar.addAction("下一页", lambda: self._step(1)).setShortcut(QKeySequence(Qt.Key.Key_PageDown))
        for keys, page in (("Ctrl+Home", 0), ("Ctrl+End", -1)):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(lambda _=False, page=page: self._go(page))
            self.addAction(action)
        self.position = QLabel(self)
        toolbar.addWidget(self.position)
        toolbar.addSeparator()
        self.zoom = QComboBox(self)
        self.zoom.setAccessibleName("缩放")
        self.zoom.addItems([_FIT_PAGE, _FIT_WIDTH, *(f"{round(z * 100)}%" for z in ZOOMS)])
        self.zoom.currentIndexChanged.connect(self._zoom_chosen)
        toolbar.addWidget(self.zoom)
        toolbar.addSeparator()
        toolbar.addAction("关闭", self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(toolbar)
        layout.addWidget(self.view, 1)
        self.view.verticalScrollBar().valueChanged.connect(self._show_position)
        self._show_position()

    def _zoom_chosen(self, index: int) -> None:
        text = self.zoom.itemText(index)
        if text in (_FIT_WIDTH, _FIT_PAGE):
            self.view.fit = text
            self.view.apply_fit()
        else:
            self.view.zoom_to(ZOOMS[index - 2])
        self._show_position()

    def _step(self, step: int) -> None:
        count = len(self.view.page_items)
        if count:
            self.view.show_page(min(max(self.view.current_page() + step, 0), count - 1))

    def _go(self, page: int) -> None:
        """Ctrl+Home / Ctrl+End: the first (0) or last (-1) page."""
        if self.view.page_items:
            self.view.show_page(page % len(self.view.page_items))

    def _show_position(self, *_: object) -> None:
        self.position.setText(f" 第 {self.view.current_page() + 1} 页，共 {len(self.view.page_items)} 页 ")

    def _print_and_close(self) -> None:
        if self._print():
            self.accept()
