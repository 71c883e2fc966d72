"""The picture cache on disk: what was fetched comes back, the pictures used longest ago go
first past the cap, and a cache that cannot be written costs only a fetch."""

from __future__ import annotations

import os
import time
from pathlib import Path

from zeelandnet_desktop.news.picture_cache import PictureCache


def test_a_picture_comes_back_and_its_name_hides_the_address(tmp_path: Path) -> None:
    cache = PictureCache(tmp_path / "pictures")
    url = "https://cdn.example/foto.jpg?reader=jan"
    assert cache.get(url) is None
    cache.put(url, b"picture")
    assert cache.get(url) == b"picture"
    names = [p.name for p in (tmp_path / "pictures").iterdir()]
    assert len(names) == 1 and "jan" not in names[0] and "cdn" not in names[0]


def test_past_the_cap_the_least_recently_used_go_first(tmp_path: Path) -> None:
    cache = PictureCache(tmp_path, max_bytes=10_000)
    for number in range(4):
        cache.put(f"https://cdn.example/{number}.jpg", bytes(2_000))
    old = time.time() - 3_600
    for number in (0, 1, 2, 3):  # all used an hour ago, then 0 used again just now
        os.utime(cache._path(f"https://cdn.example/{number}.jpg"), (old + number, old + number))
    assert cache.get("https://cdn.example/0.jpg") is not None
    cache.put("https://cdn.example/new.jpg", bytes(2_500))  # 10,500 bytes: over the cap
    assert cache.size() <= 8_000
    assert cache.get("https://cdn.example/1.jpg") is None  # used longest ago
    assert cache.get("https://cdn.example/0.jpg") is not None  # used just now
    assert cache.get("https://cdn.example/new.jpg") is not None


def test_one_huge_picture_is_not_kept(tmp_path: Path) -> None:
    cache = PictureCache(tmp_path, max_bytes=8_000)
    cache.put("https://cdn.example/huge.jpg", bytes(3_000))
    assert cache.get("https://cdn.example/huge.jpg") is None


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "pictures"
    blocked.write_bytes(b"a file where the folder should be")
    cache = PictureCache(blocked)
    cache.put("https://cdn.example/a.jpg", b"picture")  # logged once, not raised
    assert cache.get("https://cdn.example/a.jpg") is None
