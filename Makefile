# The README's two commands. Both set themselves up from nothing but Python 3.11.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
PYTEST_ARGS ?=

.PHONY: demo test install lint lock serve benchmarks

$(BIN)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	# The project itself, editable and without dependencies, for its console script (mentorweb-match).
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

install: $(BIN)/.installed

# axe-core (accessibility checks in the browser tests) comes from the npm registry when npm is here.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; else echo "npm not found: browser accessibility checks will be skipped"; fi

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py demo_logins
	@echo "Mentorweb is at http://$(HOST)/ (Ctrl-C stops the server and the job worker)"
	@bash -c 'trap "kill 0" EXIT; $(BIN)/python manage.py run_huey --workers 2 & $(BIN)/python manage.py runserver --noreload $(HOST)'

test: install node_modules/axe-core/axe.min.js
	$(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy mentorweb
	$(BIN)/python manage.py makemigrations --check --dry-run

lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

benchmarks: install
	$(BIN)/python benchmarks/run.py
