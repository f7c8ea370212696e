"""What happened, and when: event time, and the event typing of passages."""
