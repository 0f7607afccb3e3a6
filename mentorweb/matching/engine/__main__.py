"""`python -m mentorweb.matching.engine INSTANCE.json`: the same as the mentorweb-match command."""

from mentorweb.matching.engine.cli import main

raise SystemExit(main())
