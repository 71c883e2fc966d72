# Two commands matter: `make run` and `make test`. Both work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# PIP_CONSTRAINT reaches the isolated build environment too, so its PySide6 (for lrelease) is
# the pinned one and is downloaded once.
PIP := PIP_CONSTRAINT=$(CURDIR)/constraints.txt $(BIN)/python -m pip install \
	--disable-pip-version-check -q -c constraints.txt
TS := $(wildcard resources/translations/*.ts)
QM := $(TS:.ts=.qm)
PYTEST := $(BIN)/python -m pytest
ARGS ?=

.PHONY: run test test-offscreen test-desktop lint bench translations clean bundle dist

$(VENV)/.app-installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.app-installed
	$(PIP) -e '.[test,dev,package]'
	touch $@

$(VENV)/.package-installed: $(VENV)/.app-installed
	$(PIP) -e '.[package]'
	touch $@

resources/translations/%.qm: resources/translations/%.ts $(VENV)/.app-installed
	$(BIN)/python tools/translations.py build

translations: $(QM)

## make run: create .venv, install, start the app (extra arguments: make run ARGS="--webmail")
run: $(VENV)/.app-installed $(QM)
	$(BIN)/zeelandnet-desktop $(ARGS)

## make test: create .venv with the test extra and pass the whole suite headless
test: $(VENV)/.test-installed $(QM)
	tools/check_system_deps.sh
	$(BIN)/ruff check zeelandnet_desktop tests bench tools
	$(BIN)/mypy
	$(MAKE) --no-print-directory test-offscreen test-desktop

test-offscreen:
	QT_QPA_PLATFORM=offscreen $(PYTEST) -m "not desktop" $(PYTEST_ARGS)

# The desktop-services pass: real X server (Xvfb), tray watcher, notification daemon and
# Secret Service on a private session bus.
test-desktop:
	dbus-run-session -- $(BIN)/python tools/desktop_session.py -- $(PYTEST) -m desktop $(PYTEST_ARGS)

lint: $(VENV)/.test-installed
	$(BIN)/ruff check zeelandnet_desktop tests bench tools
	$(BIN)/mypy

bench: $(VENV)/.test-installed $(QM)
	$(BIN)/python bench/startup.py

## make bundle: the PyInstaller bundle of this system (Linux: dist/zeelandnet-desktop/)
bundle: $(VENV)/.package-installed
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/pyinstaller/zeelandnet-desktop.spec

## make dist: Linux packages in dist/: tar.xz and .deb; an AppImage as well with
##   make dist APPIMAGE_RUNTIME=/path/to/runtime-x86_64 (the AppImage type-2 runtime file)
dist: bundle
	$(BIN)/python packaging/linux/dist.py dist/zeelandnet-desktop dist \
		$(if $(APPIMAGE_RUNTIME),--appimage-runtime $(APPIMAGE_RUNTIME))

clean:
	rm -rf $(VENV) build dist *.egg-info resources/translations/*.qm
