"""One router per domain; mentorweb.api.api mounts them all."""
