"""The demo: the organizations and people of the four seed programs, and their logins.

`manage.py load_demo` loads it (see `loader`), `manage.py demo_logins` prints the logins
(see `personas`). Other apps add their part of the demo (programs, offerings,
registrations, partnerships...) in a module `mentorweb/<app>/demo.py` with a function
`load_demo(context)`; the loader runs them after the people exist, in INSTALLED_APPS order.
"""
